//! The Solidity corpus: artifacts, library linking, constructor arguments.

use crate::world::Addr;
use alloy_json_abi::JsonAbi;
use serde_json::Value;

/// One compiled contract.
#[derive(Clone, Debug)]
pub struct Contract {
    /// Contract name.
    pub name: String,
    /// Its ABI.
    pub abi: JsonAbi,
    /// Creation bytecode, hex, possibly with library placeholders.
    bytecode_hex: String,
    /// Runtime bytecode, hex, possibly with library placeholders.
    deployed_hex: String,
}

impl Contract {
    /// Loads the artifact of `name`.
    ///
    /// # Panics
    /// If the artifact is missing or malformed (it is committed).
    pub fn load(name: &str) -> Self {
        let json: Value = serde_json::from_str(&pallet_ewasm_fixtures::evm_artifact(name))
            .expect("artifact is JSON");
        let abi: JsonAbi = serde_json::from_value(json["abi"].clone()).expect("artifact ABI");
        let text = |key: &str| json[key].as_str().expect("hex field").to_string();
        Self {
            name: name.to_string(),
            abi,
            bytecode_hex: text("bytecode"),
            deployed_hex: text("deployedBytecode"),
        }
    }

    /// Runtime code (what the creation code deploys, before immutables are written in).
    pub fn runtime_code(&self, library: Option<Addr>) -> Vec<u8> {
        link(&self.deployed_hex, library)
    }

    /// Creation code with every library placeholder replaced by `library`.
    ///
    /// # Panics
    /// If the linked code is not hex.
    pub fn init_code(&self, library: Option<Addr>) -> Vec<u8> {
        link(&self.bytecode_hex, library)
    }

    /// Whether the creation code references a library.
    pub fn needs_library(&self) -> bool {
        self.bytecode_hex.contains("__$")
    }
}

/// Hex code with every 40-character library placeholder (`__$…$__`) replaced by `library`.
///
/// # Panics
/// If there are placeholders but no library, or the result is not hex.
fn link(hex_code: &str, library: Option<Addr>) -> Vec<u8> {
    let mut text = hex_code.to_string();
    while let Some(start) = text.find("__$") {
        let address = hex::encode(library.expect("contract needs a linked library"));
        text.replace_range(start..start + 40, &address);
    }
    hex::decode(text).expect("bytecode is hex")
}
