//! What both chains report, in plain bytes so that revm's and the engine's types never mix.

use std::collections::BTreeMap;

/// A 20-byte address.
pub type Addr = [u8; 20];

/// How a transaction ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Returned or stopped.
    Success,
    /// REVERT: state rolled back, output kept.
    Revert,
    /// Exceptional halt: state rolled back, all gas used.
    Halt,
}

/// One log entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    /// Emitting contract.
    pub address: Addr,
    /// Topics.
    pub topics: Vec<[u8; 32]>,
    /// Data.
    pub data: Vec<u8>,
}

/// The observable result of one transaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// How it ended.
    pub status: Status,
    /// Return or revert data (empty after a halt).
    pub output: Vec<u8>,
    /// Logs of a successful transaction.
    pub logs: Vec<LogEntry>,
    /// The address a successful creation produced.
    pub created: Option<Addr>,
    /// Gas the transaction was billed, intrinsic cost included, refunds applied (not compared:
    /// the chain charges hera's Byzantium costs for state access, revm Cancun's).
    pub gas: u64,
}

/// One account as both chains can describe it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccountView {
    /// Balance, big-endian.
    pub balance: [u8; 32],
    /// Nonce.
    pub nonce: u64,
    /// keccak256 of the code (EVM bytecode on both sides).
    pub code_hash: [u8; 32],
    /// Non-zero storage slots.
    pub storage: BTreeMap<[u8; 32], [u8; 32]>,
}

/// Every non-empty account.
pub type World = BTreeMap<Addr, AccountView>;

/// A chain that runs transactions.
pub trait Chain {
    /// Gives `address` a balance (genesis funding).
    fn fund(&mut self, address: Addr, amount: u128);
    /// Puts `code` (runtime bytecode) at `address` with nonce 1 (genesis state).
    fn install(&mut self, address: Addr, code: &[u8]);
    /// Deploys `init_code` with ABI-encoded constructor `args` from `from`.
    fn deploy(&mut self, from: Addr, init_code: &[u8], args: &[u8], value: u128) -> Outcome;
    /// Calls `to` with `data` from `from`.
    fn call(&mut self, from: Addr, to: Addr, data: &[u8], value: u128) -> Outcome;
    /// The world state after the transactions so far.
    fn world(&self) -> World;
}

/// Gas limit of every transaction.
pub const GAS_LIMIT: u64 = 10_000_000;
/// Chain id both chains report.
pub const CHAIN_ID: u64 = 420_420;
/// Block number both chains report.
pub const BLOCK_NUMBER: u64 = 7;
/// Timestamp both chains report.
pub const TIMESTAMP: u64 = 1_700_000_000;
