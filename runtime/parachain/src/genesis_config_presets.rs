//! Genesis presets `development` (Alice collates) and `local_testnet` (Alice and Bob), funding
//! the dev accounts, with para id [`PARACHAIN_ID`].

use crate::{AccountId, BalancesConfig, ParachainInfoConfig, RuntimeGenesisConfig, SudoConfig};
use alloc::{vec, vec::Vec};
use ewasm_runtime_common::{dev_accounts, ENDOWMENT};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::Sr25519Keyring;

/// The para id the presets register (the first id outside the system-parachain range).
pub const PARACHAIN_ID: u32 = 2000;

fn parachain_genesis(collators: Vec<AuraId>, endowed: Vec<AccountId>, root: AccountId) -> Value {
    build_struct_json_patch!(RuntimeGenesisConfig {
        balances: BalancesConfig {
            balances: endowed
                .into_iter()
                .map(|k| (k, ENDOWMENT))
                .collect::<Vec<_>>(),
        },
        parachain_info: ParachainInfoConfig {
            parachain_id: PARACHAIN_ID.into(),
        },
        aura: pallet_aura::GenesisConfig {
            authorities: collators
        },
        sudo: SudoConfig { key: Some(root) },
    })
}

/// One collator: Alice.
pub fn development_config_genesis() -> Value {
    parachain_genesis(
        vec![Sr25519Keyring::Alice.public().into()],
        dev_accounts(),
        Sr25519Keyring::Alice.to_account_id(),
    )
}

/// Two collators: Alice and Bob.
pub fn local_config_genesis() -> Value {
    parachain_genesis(
        vec![
            Sr25519Keyring::Alice.public().into(),
            Sr25519Keyring::Bob.public().into(),
        ],
        dev_accounts(),
        Sr25519Keyring::Alice.to_account_id(),
    )
}

/// The preset called `id`, as JSON.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
    let patch = match id.as_ref() {
        sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
        sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
        _ => return None,
    };
    serde_json::to_string(&patch)
        .ok()
        .map(alloc::string::String::into_bytes)
}

/// The names of the presets.
pub fn preset_names() -> Vec<PresetId> {
    vec![
        PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
        PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
    ]
}
