#!/usr/bin/env bash
# Installs what a fresh machine lacks for this project: protoc (litep2p needs it) and the
# wasm32v1-none Rust target (the runtime builds for it). Sourced by the other scripts.
set -euo pipefail

if ! command -v protoc >/dev/null 2>&1; then
    echo "== installing protobuf-compiler"
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq protobuf-compiler
fi
rustup target list --installed | grep -qx wasm32v1-none || rustup target add wasm32v1-none
