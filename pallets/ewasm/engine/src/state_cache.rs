//! Values of state a transaction has read from the host, so that reading one again neither
//! calls the host nor weighs a read: a warm access then costs what its gas pays for (a map
//! lookup), not a second trip through the host's storage.
//!
//! Only [`crate::state_reads`] fills it and only the executor's writes change it: a slot
//! written is updated, an account written (balance, nonce, code, storage) is forgotten, and a
//! rollback or the end of a transaction forgets everything, so that what it holds is always
//! what the host would return. Code is not kept (its bytes would sit outside the heap budget).

use crate::types::{Address, H256, U256};
use alloc::collections::{BTreeMap, BTreeSet};

/// At most this many slots and accounts are kept (about 0.1 KiB each in the runtime's heap);
/// reads past it go to the host and are weighed as before.
pub const MAX_ENTRIES: usize = 4096;

/// What is known of one account, field by field as it was read.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct AccountValues {
    pub balance: Option<U256>,
    pub nonce: Option<u64>,
    pub exists: Option<bool>,
    pub has_storage: Option<bool>,
    pub code_len: Option<u32>,
    pub code_hash: Option<H256>,
}

/// The values read in the current transaction since its last rollback.
#[derive(Debug, Default)]
pub(crate) struct StateCache {
    slots: BTreeMap<(Address, H256), H256>,
    accounts: BTreeMap<Address, AccountValues>,
    /// Contracts whose storage-deposit settlement read has been weighed (it happens once,
    /// when the transaction concludes, however many slots it writes).
    deposit_reads: BTreeSet<Address>,
}

impl StateCache {
    fn has_room(&self) -> bool {
        self.slots.len() + self.accounts.len() + self.deposit_reads.len() < MAX_ENTRIES
    }

    /// Slot `key` of `address`, if read or written since the last rollback.
    pub fn slot(&self, address: &Address, key: &H256) -> Option<H256> {
        self.slots.get(&(*address, *key)).copied()
    }

    /// Remembers slot `key` of `address` as `value` (read from the host, or just written).
    pub fn set_slot(&mut self, address: Address, key: H256, value: H256) {
        let entry = (address, key);
        if self.slots.contains_key(&entry) || self.has_room() {
            self.slots.insert(entry, value);
        }
    }

    /// The field `field` picks of what is known of `address`.
    pub fn account<V: Copy>(
        &self,
        address: &Address,
        field: fn(&mut AccountValues) -> &mut Option<V>,
    ) -> Option<V> {
        let mut values = *self.accounts.get(address)?;
        *field(&mut values)
    }

    /// Remembers `value` as the field `field` picks of `address`.
    pub fn set_account<V: Copy>(
        &mut self,
        address: Address,
        field: fn(&mut AccountValues) -> &mut Option<V>,
        value: V,
    ) {
        if !self.accounts.contains_key(&address) && !self.has_room() {
            return;
        }
        *field(self.accounts.entry(address).or_default()) = Some(value);
    }

    /// Forgets what is known of `address` (not its slots): something about it changed.
    pub fn forget_account(&mut self, address: &Address) {
        self.accounts.remove(address);
    }

    /// Whether the settlement read of `address`'s storage deposit is yet to be weighed;
    /// remembers that it now is.
    pub fn first_deposit_read(&mut self, address: Address) -> bool {
        if self.deposit_reads.contains(&address) {
            return false;
        }
        if self.has_room() {
            self.deposit_reads.insert(address);
        }
        true
    }

    /// Forgets everything (a rollback restored the host's state, or the transaction ended).
    pub fn clear(&mut self) {
        self.slots.clear();
        self.accounts.clear();
        self.deposit_reads.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_cache_still_updates_what_it_holds_and_takes_nothing_new() {
        let mut cache = StateCache::default();
        let address = Address::repeat_byte(1);
        for i in 0..MAX_ENTRIES as u64 {
            cache.set_slot(address, H256::from_low_u64_be(i), H256::zero());
        }
        cache.set_slot(address, H256::zero(), H256::repeat_byte(7));
        assert_eq!(
            cache.slot(&address, &H256::zero()),
            Some(H256::repeat_byte(7))
        );
        let new_key = H256::from_low_u64_be(MAX_ENTRIES as u64);
        cache.set_slot(address, new_key, H256::repeat_byte(7));
        assert_eq!(cache.slot(&address, &new_key), None);
        cache.set_account(address, |a| &mut a.nonce, 5);
        assert_eq!(cache.account(&address, |a| &mut a.nonce), None);
        assert!(cache.first_deposit_read(address));
        assert!(
            cache.first_deposit_read(address),
            "not remembered: weighed again"
        );
    }

    #[test]
    fn forgetting_an_account_keeps_its_slots_and_others() {
        let mut cache = StateCache::default();
        let (a, b) = (Address::repeat_byte(1), Address::repeat_byte(2));
        cache.set_slot(a, H256::zero(), H256::repeat_byte(3));
        cache.set_account(a, |v| &mut v.balance, U256::from(9u64));
        cache.set_account(b, |v| &mut v.balance, U256::from(8u64));
        cache.forget_account(&a);
        assert_eq!(cache.account(&a, |v| &mut v.balance), None);
        assert_eq!(
            cache.account(&b, |v| &mut v.balance),
            Some(U256::from(8u64))
        );
        assert_eq!(cache.slot(&a, &H256::zero()), Some(H256::repeat_byte(3)));
        cache.clear();
        assert_eq!(cache.slot(&a, &H256::zero()), None);
        assert_eq!(cache.account(&b, |v| &mut v.balance), None);
    }
}
