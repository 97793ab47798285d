#!/usr/bin/env bash
# Runs every test of the project on a fresh machine: installs what is missing, runs the Rust
# tests, checks that the no_std crates build for the runtime target, and runs the ewasm state
# tests from ../shared/conformance (or $EWASM_STATE_TESTS).
set -euo pipefail
cd "$(dirname "$0")/.."

rustup target list --installed | grep -qx wasm32v1-none || rustup target add wasm32v1-none

echo "== cargo test (workspace)"
cargo test --workspace

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
