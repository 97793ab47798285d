//! Plain data types shared by the engine and its hosts.

use alloc::vec::Vec;
pub use primitive_types::{H160 as Address, H256, U256};

/// A log entry emitted through the EEI `log` function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Log {
    /// The contract that emitted it.
    pub address: Address,
    /// Zero to four raw 32-byte topics.
    pub topics: Vec<H256>,
    /// Raw data bytes.
    pub data: Vec<u8>,
}
