//! The engine's word types against revm's (both are plain bytes or 256-bit integers).

use crate::types::{Address, H256, U256};
use revm_interpreter::primitives as revm;

pub(super) fn address(a: revm::Address) -> Address {
    Address::from(a.0 .0)
}

pub(super) fn to_revm_address(a: &Address) -> revm::Address {
    revm::Address::from(a.0)
}

pub(super) fn u256(v: revm::U256) -> U256 {
    U256::from_big_endian(&v.to_be_bytes::<32>())
}

pub(super) fn to_revm_u256(v: U256) -> revm::U256 {
    revm::U256::from_be_bytes(v.to_big_endian())
}

/// A storage key or value as revm holds it (a 256-bit integer) to the engine's raw bytes.
pub(super) fn word(v: revm::U256) -> H256 {
    H256(v.to_be_bytes::<32>())
}

pub(super) fn to_revm_word(v: &H256) -> revm::U256 {
    revm::U256::from_be_bytes(v.0)
}

pub(super) fn hash(v: &H256) -> revm::B256 {
    revm::B256::from(v.0)
}
