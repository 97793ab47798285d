//! Every read of the world state the executor makes, each charged to the proof meter
//! ([`crate::gas::proof`]) before it reaches the host: the one way from the engine to the
//! host's state, so that no read escapes the meter. A value read before in the transaction
//! comes from [`crate::state_cache`] instead: no host call, no read weighed.

use crate::{
    error::HaltReason,
    exec::Executor,
    gas::proof::Read,
    host::Host,
    state_cache::AccountValues,
    types::{Address, H256, U256},
};
use alloc::vec::Vec;

impl<H: Host> Executor<H> {
    /// Charges one item about to be read: to the proof meter (once per transaction) and to the
    /// weight meter (every time: the host reads it every time).
    fn read_item(&mut self, item: Read) -> Result<(), HaltReason> {
        self.proof.charge(item)?;
        self.weight.charge_read()
    }

    /// A field of `address` from the cache, or else `items` charged and `read` from the host
    /// and cached.
    fn account_field<V: Copy>(
        &mut self,
        address: &Address,
        field: fn(&mut AccountValues) -> &mut Option<V>,
        items: &[Read],
        read: fn(&H, &Address) -> V,
    ) -> Result<V, HaltReason> {
        if let Some(value) = self.cache.account(address, field) {
            return Ok(value);
        }
        for item in items {
            self.read_item(*item)?;
        }
        let value = read(&self.host, address);
        self.cache.set_account(*address, field, value);
        Ok(value)
    }

    /// Slot `key` of `address` (and what locates the contract's storage).
    pub(crate) fn storage(&mut self, address: &Address, key: &H256) -> Result<H256, HaltReason> {
        if let Some(value) = self.cache.slot(address, key) {
            return Ok(value);
        }
        self.read_item(Read::Contract(*address))?;
        self.read_item(Read::Slot(*address, *key))?;
        let value = self.host.storage(address, key);
        self.cache.set_slot(*address, *key, value);
        Ok(value)
    }

    /// Charges what writing a slot of `address` reads beside the slot: settling the
    /// contract's storage deposit reads its balance, once when the transaction concludes.
    pub(crate) fn charge_storage_write(&mut self, address: &Address) -> Result<(), HaltReason> {
        if self.cache.first_deposit_read(*address) {
            self.read_item(Read::Balance(*address))?;
        }
        Ok(())
    }

    /// The balance of `address`.
    pub(crate) fn balance(&mut self, address: &Address) -> Result<U256, HaltReason> {
        let items = [Read::Balance(*address)];
        self.account_field(address, |a| &mut a.balance, &items, H::balance)
    }

    /// Whether `address` exists (EIP-161: has code, a nonce or a balance).
    pub(crate) fn account_exists(&mut self, address: &Address) -> Result<bool, HaltReason> {
        let items = [
            Read::Contract(*address),
            Read::Nonce(*address),
            Read::Balance(*address),
        ];
        self.account_field(address, |a| &mut a.exists, &items, H::account_exists)
    }

    /// The nonce of `address`.
    pub(crate) fn nonce(&mut self, address: &Address) -> Result<u64, HaltReason> {
        let items = [Read::Nonce(*address)];
        self.account_field(address, |a| &mut a.nonce, &items, H::nonce)
    }

    /// Whether `address` has storage.
    pub(crate) fn has_storage(&mut self, address: &Address) -> Result<bool, HaltReason> {
        let items = [Read::Contract(*address)];
        self.account_field(address, |a| &mut a.has_storage, &items, H::has_storage)
    }

    /// The length of the code at `address`.
    pub(crate) fn code_len(&mut self, address: &Address) -> Result<u32, HaltReason> {
        let items = [Read::Contract(*address)];
        self.account_field(address, |a| &mut a.code_len, &items, H::code_len)
    }

    /// The hash of the code at `address`.
    pub(crate) fn code_hash(&mut self, address: &Address) -> Result<H256, HaltReason> {
        let items = [Read::Contract(*address)];
        self.account_field(address, |a| &mut a.code_hash, &items, H::code_hash)
    }

    /// The code at `address`, refused before it is read if its bytes exceed the proof limit.
    pub(crate) fn code(&mut self, address: &Address) -> Result<Vec<u8>, HaltReason> {
        self.read_item(Read::Contract(*address))?;
        if self.proof.meters_code() {
            let len = self.host.code_len(address);
            self.proof.charge_code(*address, len)?;
        }
        Ok(self.host.code(address))
    }

    /// The hash of block `number`, if the host keeps it.
    pub(crate) fn block_hash(&mut self, number: u64) -> Result<Option<H256>, HaltReason> {
        self.read_item(Read::BlockHash(number))?;
        Ok(self.host.block_hash(number))
    }

    /// Moves `value` from `from` to `to`; `Ok(false)` if the host refuses it. Moving nothing
    /// reads no balance (a host must not either).
    pub(crate) fn transfer(
        &mut self,
        from: &Address,
        to: &Address,
        value: U256,
    ) -> Result<bool, HaltReason> {
        if !value.is_zero() {
            self.read_item(Read::Balance(*from))?;
            self.read_item(Read::Balance(*to))?;
            self.cache.forget_account(from);
            self.cache.forget_account(to);
        }
        Ok(self.host.transfer(from, to, value).is_ok())
    }
}
