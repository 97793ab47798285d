#!/usr/bin/env bash
# Regenerates pallets/ewasm/src/weights.rs: builds the node with the Benchmark runtime API
# (release, `runtime-benchmarks`) and runs `ewasm-node benchmark pallet` on the dev chain's
# compiled wasm runtime, 50 steps × 20 repeats, through the pallet's own template. Each
# weight is the larger of the CLI's two fits (least squares and median slopes), base and
# slope alike: a weight is a bound the work must stay under, not an average.
# Run it on the reference machine (the README says which) and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

# frame-benchmarking-cli's storage-access test runtime does not build as a registry
# dependency (its wasm builder cannot find it in the workspace's metadata); only
# `benchmark storage` uses it, which the node does not offer.
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
cargo build --release -p ewasm-node --features runtime-benchmarks
target/release/ewasm-node benchmark pallet \
    --chain dev \
    --pallet pallet_ewasm \
    --extrinsic '*' \
    --wasm-execution compiled \
    --steps "${STEPS:-50}" \
    --repeat "${REPEAT:-20}" \
    --output-analysis max \
    --template pallets/ewasm/benchmarking/weight-template.hbs \
    --output pallets/ewasm/src/weights.rs
