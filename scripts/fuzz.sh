#!/usr/bin/env bash
# Runs the fuzz targets far beyond what CI runs: 10 million seeded cases through the stable
# driver (validation, translation, generated Ewasm modules, random EVM programs) and 100 000
# random extrinsics on the mock runtime. Prints the count per target and the panics (must be 0).
# Optional: SEED (default 1). Where a nightly toolchain exists, `cargo fuzz` targets in fuzz/
# run the same functions under libFuzzer.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
seed="${SEED:-1}"

cargo build --release -p ewasm-fuzz
driver=target/release/ewasm-fuzz
"$driver" validate 4000000 "$seed"
"$driver" translate 4000000 "$seed"
"$driver" ewasm 1000000 "$seed"
"$driver" evm 1000000 "$seed"

EWASM_FUZZ_SEQUENCES=5000 cargo test --release -p pallet-ewasm random_extrinsic_sequences -- --nocapture
