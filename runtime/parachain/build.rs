//! Builds the runtime to wasm (`wasm32v1-none`) with substrate-wasm-builder.

#[cfg(feature = "std")]
fn main() {
    substrate_wasm_builder::WasmBuilder::build_using_defaults();
}

/// Nothing to build when this crate is itself compiled for wasm.
#[cfg(not(feature = "std"))]
fn main() {}
