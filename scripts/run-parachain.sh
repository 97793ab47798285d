#!/usr/bin/env bash
# Runs pallet-ewasm's parachain runtime (runtime/parachain) on polkadot-omni-node in dev mode:
# installs polkadot-omni-node 0.24.0 if it is missing (`cargo install --locked`, about 50 min of
# building on 2 cores, plus libclang for its RocksDB), builds the runtime, writes its chain spec
# (para id 2000, relay chain paseo-local, the `development` preset: Alice collates, the dev
# accounts are funded) and starts the node: a block every 6 s, JSON-RPC on ws://127.0.0.1:9944.
# Extra arguments go to the node (for example --tmp for a throw-away chain).
#
#   ./scripts/run-parachain.sh --tmp
#   ./scripts/run-parachain.sh --e2e     runs the polkadot.js end-to-end tests against it instead
#
# Not part of CI: the node's build alone would take most of CI's 90 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

OMNI_NODE_VERSION=0.24.0
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
# The crate's version (the binary reports the SDK release's, 1.25.1 for 0.24.0).
if ! cargo install --list | grep -q "^polkadot-omni-node v$OMNI_NODE_VERSION:"; then
    if ! ldconfig -p | grep -q libclang || ! command -v clang >/dev/null 2>&1; then
        echo "== installing clang and libclang-dev (RocksDB's bindings need them)"
        $sudo apt-get update -qq
        $sudo apt-get install -y -qq clang libclang-dev
    fi
    echo "== installing polkadot-omni-node $OMNI_NODE_VERSION (a long build)"
    cargo install --locked "polkadot-omni-node@$OMNI_NODE_VERSION"
fi

echo "== building the parachain runtime"
cargo build -p ewasm-parachain-runtime
# A dev-profile build writes the runtime's wasm uncompacted (substrate-wasm-builder compacts and
# compresses it for release builds only); omni-node runs either.
wasm=target/debug/wbuild/ewasm-parachain-runtime/ewasm_parachain_runtime.wasm
spec=target/parachain/chain-spec.json
mkdir -p "$(dirname "$spec")"
polkadot-omni-node chain-spec-builder --chain-spec-path "$spec" create \
    --chain-name "Ewasm parachain (dev)" --chain-id ewasm-parachain-dev -t development \
    --relay-chain paseo-local --para-id 2000 --runtime "$wasm" named-preset development

if [ "${1:-}" = "--e2e" ]; then
    echo "== polkadot.js end-to-end tests against polkadot-omni-node"
    cargo build -p pallet-ewasm-fixtures
    cd tests/e2e
    npm ci --no-audit --no-fund
    EWASM_NODE="$(command -v polkadot-omni-node)" EWASM_NODE_ARGS="--chain $PWD/../../$spec" \
        node --test --test-concurrency=1 dev-node.test.mjs
    exit
fi
exec polkadot-omni-node --chain "$spec" --dev --dev-block-time 6000 --rpc-cors all "$@"
