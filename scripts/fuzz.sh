#!/usr/bin/env bash
# Runs the fuzz targets far beyond what CI runs: 10 million seeded cases through the stable
# driver (validation, generated Ewasm modules, random EVM programs) and 100 000
# random extrinsics on the mock runtime. Prints the count per target and the panics (must be 0).
# Optional: SEED (default 1). Where a nightly toolchain exists, the `cargo fuzz` targets
# (fuzz/) run the same functions under libFuzzer: `cd fuzz && cargo +nightly fuzz run ewasm`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
seed="${SEED:-1}"

cargo build --release -p ewasm-fuzz
driver=target/release/ewasm-fuzz
# Two lanes, one per core; each lane exits non-zero on a panic.
"$driver" validate 4000000 "$seed" &
validate=$!
"$driver" ewasm 1000000 "$seed"
"$driver" evm 5000000 "$seed"
wait "$validate"

# The mock runtime in the dev profile (the build the test suite made).
EWASM_FUZZ_SEQUENCES=5000 cargo test -p pallet-ewasm random_extrinsic_sequences -- --nocapture
