#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs what is missing, runs the Rust
# tests (engine, pallet, runtime integration), checks the no_std crates build for the runtime
# target, runs the ewasm state tests and ethereum/tests' GeneralStateTests from
# ../shared/conformance (or $EWASM_STATE_TESTS, $ETHEREUM_STATE_TESTS) and the polkadot.js
# end-to-end tests against the node.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

echo "== the packages built on their own have the workspace's features (workspace-hack)"
python3 scripts/workspace-hack.py --check

echo "== cargo test (workspace)"
# This also builds target/debug/ewasm-node (the node's own tests run it) with the features the
# workspace's tests unify to: the end-to-end tests below use that binary, and workspace-hack
# gives `cargo build -p ewasm-node` the same dependencies, so the client crates build once.
cargo test --workspace

echo "== the dev node's own build (./scripts/run-dev-node.sh) reuses the workspace's dependencies"
# The workspace's own crates may compile again (seconds); a third-party crate compiling means
# workspace-hack or the profiles drifted (see scripts/workspace-hack.py).
rebuilt=$(cargo build -p ewasm-node 2>&1 | grep -E '^\s+Compiling' | grep -v ' (/' || true)
if [ -n "$rebuilt" ]; then
    echo "$rebuilt"
    echo "cargo build -p ewasm-node rebuilt dependencies cargo test --workspace had built"
    exit 1
fi

echo "== every benchmark runs once (pallet-ewasm's benchmark test suite, mock runtime)"
cargo test -p pallet-ewasm --features runtime-benchmarks --lib benchmarking

echo "== no_std build of the engine, pallet and runtime API for wasm32v1-none"
# substrate_runtime: what substrate-wasm-builder sets, so sp-io uses host functions.
CARGO_TARGET_WASM32V1_NONE_RUSTFLAGS="--cfg substrate_runtime" \
    cargo build -p pallet-ewasm -p pallet-ewasm-runtime-api --no-default-features --target wasm32v1-none

tests_dir="${EWASM_STATE_TESTS:-../shared/conformance/ewasm-state-tests/filled}"
echo "== ewasm state tests: $tests_dir"
report=$(mktemp)
if cargo run -q -p ewasm-statetest -- "$tests_dir" > "$report"; then
    tail -n 1 "$report"
else
    grep -v '^PASS' "$report"
    exit 1
fi

eth_dir="${ETHEREUM_STATE_TESTS:-../shared/conformance/ethereum-state-tests}"
echo "== ethereum/tests GeneralStateTests, Cancun: $eth_dir"
# The same runner; at least 98 % of the post entries must pass (README lists the failing groups).
cargo run -q -p ewasm-statetest -- "$eth_dir" > "$report" || true
grep '^FAIL' "$report" | cut -c1-400 || true
summary=$(tail -n 1 "$report")
echo "$summary"
read -r passed _ failed _ <<< "$summary"
if [ $((passed * 100)) -lt $(((passed + failed) * 98)) ] || [ "$passed" -eq 0 ]; then
    echo "fewer than 98 % of the ethereum state tests pass"
    exit 1
fi

echo "== polkadot.js end-to-end tests"
cargo build -p pallet-ewasm-fixtures
(cd tests/e2e && npm ci --no-audit --no-fund && EWASM_NODE="$PWD/../../target/debug/ewasm-node" npm test)
