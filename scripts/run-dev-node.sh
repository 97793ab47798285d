#!/usr/bin/env bash
# Builds and runs the dev node: one validator (Alice), blocks every 3 s, JSON-RPC on
# 127.0.0.1:9944. Extra arguments go to the node (for example --tmp for a throw-away chain).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build -p ewasm-node
exec ./target/debug/ewasm-node --dev --rpc-cors all "$@"
