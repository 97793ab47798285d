//! The filled state-test JSON format (ethereum/tests `GeneralStateTests`).

use serde::Deserialize;
use std::collections::BTreeMap;

/// One named test of a file.
#[derive(Debug, Deserialize)]
pub struct StateTest {
    pub env: Env,
    pub pre: BTreeMap<String, PreAccount>,
    pub transaction: Transaction,
    pub post: BTreeMap<String, Vec<PostEntry>>,
}

/// Block environment.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Env {
    pub current_coinbase: String,
    pub current_difficulty: String,
    pub current_gas_limit: String,
    pub current_number: String,
    pub current_timestamp: String,
    /// From London on.
    pub current_base_fee: Option<String>,
    /// PREVRANDAO, from Paris on.
    pub current_random: Option<String>,
    /// From Cancun on.
    pub current_excess_blob_gas: Option<String>,
}

/// An account of the pre-state.
#[derive(Debug, Deserialize)]
pub struct PreAccount {
    pub balance: String,
    pub code: String,
    pub nonce: String,
    pub storage: BTreeMap<String, String>,
}

/// The transaction, with alternatives for data, gas limit and value selected by the indexes.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transaction {
    pub data: Vec<String>,
    pub gas_limit: Vec<String>,
    /// Legacy and EIP-2930 transactions.
    pub gas_price: Option<String>,
    /// EIP-1559 and EIP-4844 transactions.
    pub max_fee_per_gas: Option<String>,
    pub max_priority_fee_per_gas: Option<String>,
    pub nonce: String,
    pub secret_key: String,
    pub to: String,
    pub value: Vec<String>,
    /// EIP-2930 access lists, one per data index (`null` for none).
    pub access_lists: Option<Vec<Option<Vec<AccessListItem>>>>,
    /// EIP-4844.
    pub blob_versioned_hashes: Option<Vec<String>>,
    pub max_fee_per_blob_gas: Option<String>,
}

/// One address of an access list with its storage keys.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessListItem {
    pub address: String,
    pub storage_keys: Vec<String>,
}

/// Expected outcome for one combination of indexes.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PostEntry {
    pub hash: String,
    pub logs: String,
    pub indexes: Indexes,
    /// Set when the transaction is invalid and must not be applied.
    pub expect_exception: Option<String>,
}

/// Which data, gas limit and value a post entry uses.
#[derive(Debug, Deserialize)]
pub struct Indexes {
    pub data: usize,
    pub gas: usize,
    pub value: usize,
}
