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
    pub gas_price: String,
    pub nonce: String,
    pub secret_key: String,
    pub to: String,
    pub value: Vec<String>,
}

/// Expected outcome for one combination of indexes.
#[derive(Debug, Deserialize)]
pub struct PostEntry {
    pub hash: String,
    pub logs: String,
    pub indexes: Indexes,
}

/// Which data, gas limit and value a post entry uses.
#[derive(Debug, Deserialize)]
pub struct Indexes {
    pub data: usize,
    pub gas: usize,
    pub value: usize,
}
