//! The built `ewasm-node` binary exports the chain specs the README names. Being an integration
//! test of the node, this also makes `cargo test --workspace` build the binary with the
//! workspace's features, so the end-to-end tests reuse that build instead of a second one.

use std::process::Command;

fn export(chain: &str) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_ewasm-node"))
        .args(["export-chain-spec", "--chain", chain])
        .output()
        .expect("ewasm-node runs");
    assert!(
        output.status.success(),
        "export-chain-spec --chain {chain}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("a JSON chain spec")
}

#[test]
fn dev_and_local_chain_specs_carry_the_runtime_and_their_preset() {
    for (chain, id, chain_type) in [
        ("dev", "ewasm_dev", "Development"),
        ("local", "ewasm_local", "Local"),
    ] {
        let spec = export(chain);
        assert_eq!(spec["id"], id, "{chain}");
        assert_eq!(spec["chainType"], chain_type, "{chain}");
        assert_eq!(spec["properties"]["tokenSymbol"], "UNIT", "{chain}");
        let code = spec["genesis"]["runtimeGenesis"]["code"]
            .as_str()
            .expect("the runtime's wasm code");
        assert!(code.starts_with("0x"), "{chain}");
        assert!(
            code.len() > 100_000,
            "{chain}: the compiled runtime is in the spec"
        );
    }
}
