//! Cancun's state-access gas for EVM frames: EIP-2929/2930 warm and cold accounts and storage
//! slots, journalled with the frames that warmed them, and EIP-2200/3529 SSTORE metering
//! against each slot's value at the start of the transaction. Ewasm frames keep hera's schedule
//! and neither read nor warm these sets.

use crate::types::{Address, H256};
use alloc::{
    collections::{BTreeMap, BTreeSet},
    vec::Vec,
};

/// Any access to a warm account or slot (EIP-2929 `WARM_STORAGE_READ_COST`).
pub const WARM_ACCESS: u64 = 100;
/// First access to an account in a transaction (`COLD_ACCOUNT_ACCESS_COST`).
pub const COLD_ACCOUNT_ACCESS: u64 = 2_600;
/// First access to a storage slot in a transaction (`COLD_SLOAD_COST`).
pub const COLD_SLOAD: u64 = 2_100;
/// SSTORE needs more gas left than this (EIP-2200's stipend guard).
pub const SSTORE_STIPEND_GUARD: u64 = 2_300;
/// SSTORE of a non-zero value into a slot that was zero at the start of the transaction.
const SSTORE_SET: u64 = 20_000;
/// SSTORE that changes a slot's original non-zero value (`5000 - COLD_SLOAD`).
const SSTORE_RESET: u64 = 5_000 - COLD_SLOAD;
/// Refund for clearing a slot (EIP-3529 `SSTORE_CLEARS_SCHEDULE`).
const SSTORE_CLEARS: i64 = 4_800;

#[derive(Clone, Copy)]
enum Warmed {
    Account(Address),
    Slot(Address, H256),
}

/// What a transaction has accessed so far, and the original value of every slot it wrote.
#[derive(Default)]
pub struct AccessState {
    accounts: BTreeSet<Address>,
    slots: BTreeSet<(Address, H256)>,
    journal: Vec<Warmed>,
    originals: BTreeMap<(Address, H256), H256>,
}

impl AccessState {
    /// Warms `address` and returns what the access costs: cold the first time.
    pub fn access_account(&mut self, address: Address) -> u64 {
        if self.accounts.insert(address) {
            self.journal.push(Warmed::Account(address));
            COLD_ACCOUNT_ACCESS
        } else {
            WARM_ACCESS
        }
    }

    /// Whether `address` was accessed in this transaction (a frame that reverted undoes it).
    pub fn is_warm_account(&self, address: &Address) -> bool {
        self.accounts.contains(address)
    }

    /// Whether slot `key` of `address` was accessed in this transaction.
    pub fn is_warm_slot(&self, address: &Address, key: &H256) -> bool {
        self.slots.contains(&(*address, *key))
    }

    /// Warms slot `key` of `address`; returns whether it was cold.
    pub fn access_slot(&mut self, address: Address, key: H256) -> bool {
        let cold = self.slots.insert((address, key));
        if cold {
            self.journal.push(Warmed::Slot(address, key));
        }
        cold
    }

    /// Where the journal stands, to roll back to when a frame fails.
    pub fn mark(&self) -> usize {
        self.journal.len()
    }

    /// Makes cold again what was warmed since `mark`.
    pub fn rollback(&mut self, mark: usize) {
        for warmed in self.journal.drain(mark..) {
            match warmed {
                Warmed::Account(address) => {
                    self.accounts.remove(&address);
                }
                Warmed::Slot(address, key) => {
                    self.slots.remove(&(address, key));
                }
            }
        }
    }

    /// Remembers `current` as the slot's original value unless it was written before in this
    /// transaction. Called before every storage write, so the first write records it.
    pub fn record_original(&mut self, address: Address, key: H256, current: H256) {
        self.originals.entry((address, key)).or_insert(current);
    }

    /// The slot's value at the start of the transaction, given its current value.
    pub fn original(&self, address: &Address, key: &H256, current: H256) -> H256 {
        self.originals
            .get(&(*address, *key))
            .copied()
            .unwrap_or(current)
    }

    /// Forgets everything (a new transaction).
    pub fn clear(&mut self) {
        *self = Self::default();
    }
}

/// Gas and refund change of an SSTORE (EIP-2200 with EIP-2929's and EIP-3529's values), not
/// counting the cold surcharge.
pub fn sstore_cost(original: H256, current: H256, new: H256) -> (u64, i64) {
    if current == new {
        return (WARM_ACCESS, 0);
    }
    if original == current {
        if original.is_zero() {
            return (SSTORE_SET, 0);
        }
        let refund = if new.is_zero() { SSTORE_CLEARS } else { 0 };
        return (SSTORE_RESET, refund);
    }
    let mut refund = 0;
    if !original.is_zero() {
        if current.is_zero() {
            refund -= SSTORE_CLEARS;
        } else if new.is_zero() {
            refund += SSTORE_CLEARS;
        }
    }
    if original == new {
        refund += if original.is_zero() {
            (SSTORE_SET - WARM_ACCESS) as i64
        } else {
            (SSTORE_RESET - WARM_ACCESS) as i64
        };
    }
    (WARM_ACCESS, refund)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(v: u8) -> H256 {
        H256::repeat_byte(v)
    }

    #[test]
    fn sstore_follows_eip_2200_with_eip_3529_values() {
        let (zero, one, two) = (H256::zero(), word(1), word(2));
        // Fresh slot set, reset, cleared.
        assert_eq!(sstore_cost(zero, zero, one), (20_000, 0));
        assert_eq!(sstore_cost(one, one, two), (2_900, 0));
        assert_eq!(sstore_cost(one, one, zero), (2_900, 4_800));
        // No-op.
        assert_eq!(sstore_cost(one, one, one), (100, 0));
        // Dirty slots: restored to the original value, re-cleared, un-cleared.
        assert_eq!(sstore_cost(zero, one, zero), (100, 19_900));
        assert_eq!(sstore_cost(one, two, one), (100, 2_800));
        assert_eq!(sstore_cost(one, two, zero), (100, 4_800));
        assert_eq!(sstore_cost(one, zero, two), (100, -4_800));
        assert_eq!(sstore_cost(one, zero, one), (100, -4_800 + 2_800));
    }

    #[test]
    fn warmth_is_rolled_back_with_the_frame() {
        let mut access = AccessState::default();
        let (a, b) = (Address::repeat_byte(1), Address::repeat_byte(2));
        assert_eq!(access.access_account(a), COLD_ACCOUNT_ACCESS);
        let mark = access.mark();
        assert_eq!(access.access_account(a), WARM_ACCESS);
        assert_eq!(access.access_account(b), COLD_ACCOUNT_ACCESS);
        assert!(access.access_slot(b, H256::zero()));
        assert!(!access.access_slot(b, H256::zero()));
        access.rollback(mark);
        assert_eq!(access.access_account(a), WARM_ACCESS);
        assert_eq!(access.access_account(b), COLD_ACCOUNT_ACCESS);
        assert!(access.access_slot(b, H256::zero()));
    }

    #[test]
    fn the_first_write_records_the_original_value() {
        let mut access = AccessState::default();
        let (a, k) = (Address::repeat_byte(1), H256::zero());
        assert_eq!(access.original(&a, &k, word(5)), word(5));
        access.record_original(a, k, word(1));
        access.record_original(a, k, word(2));
        assert_eq!(access.original(&a, &k, word(5)), word(1));
    }
}
