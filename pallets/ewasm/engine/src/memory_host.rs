//! An in-memory [`Host`]: an Ethereum world state with checkpoints, used by the engine's tests,
//! the state-test runner and the benchmarks.

use crate::{
    host::Host,
    types::{Address, H256, U256},
};
use alloc::{
    collections::{BTreeMap, BTreeSet},
    vec::Vec,
};

/// One account.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Account {
    /// Balance in wei.
    pub balance: U256,
    /// Nonce.
    pub nonce: u64,
    /// Code (empty for plain accounts).
    pub code: Vec<u8>,
    /// Non-zero storage slots.
    pub storage: BTreeMap<H256, H256>,
}

impl Account {
    /// Empty in the EIP-161 sense: no code, zero nonce, zero balance.
    pub fn is_empty(&self) -> bool {
        self.code.is_empty() && self.nonce == 0 && self.balance.is_zero()
    }
}

/// World state kept in memory; checkpoints are full snapshots.
#[derive(Clone, Debug, Default)]
pub struct MemoryHost {
    /// Accounts by address.
    pub accounts: BTreeMap<Address, Account>,
    /// Known block hashes by number.
    pub block_hashes: BTreeMap<u64, H256>,
    /// Accounts touched (EIP-161) by balance changes, including zero-value transfers.
    pub touched: BTreeSet<Address>,
    /// Whether the code of its accounts passed the engine's validation (see
    /// [`Host::code_is_validated`]); false for pre-states that may hold any bytes.
    pub code_validated: bool,
    snapshots: Vec<(BTreeMap<Address, Account>, BTreeSet<Address>)>,
}

impl MemoryHost {
    /// The account at `address`, created empty if missing.
    pub fn account_mut(&mut self, address: &Address) -> &mut Account {
        self.accounts.entry(*address).or_default()
    }

    /// Number of open checkpoints (zero once every frame has been settled).
    pub fn open_checkpoints(&self) -> usize {
        self.snapshots.len()
    }
}

impl Host for MemoryHost {
    fn code_is_validated(&self) -> bool {
        self.code_validated
    }

    fn balance(&self, address: &Address) -> U256 {
        self.accounts
            .get(address)
            .map(|a| a.balance)
            .unwrap_or_default()
    }

    fn transfer(&mut self, from: &Address, to: &Address, value: U256) -> Result<(), ()> {
        let available = self.balance(from);
        if available < value {
            return Err(());
        }
        self.account_mut(from).balance = available - value;
        let to_account = self.account_mut(to);
        to_account.balance = to_account.balance.checked_add(value).ok_or(())?;
        self.touched.insert(*from);
        self.touched.insert(*to);
        Ok(())
    }

    fn has_storage(&self, address: &Address) -> bool {
        self.accounts
            .get(address)
            .is_some_and(|a| !a.storage.is_empty())
    }

    fn account_exists(&self, address: &Address) -> bool {
        self.accounts.get(address).is_some_and(|a| !a.is_empty())
    }

    fn code(&self, address: &Address) -> Vec<u8> {
        self.accounts
            .get(address)
            .map(|a| a.code.clone())
            .unwrap_or_default()
    }

    fn code_len(&self, address: &Address) -> u32 {
        self.accounts
            .get(address)
            .map_or(0, |a| a.code.len() as u32)
    }

    fn set_code(&mut self, address: &Address, code: Vec<u8>) {
        self.account_mut(address).code = code;
    }

    fn nonce(&self, address: &Address) -> u64 {
        self.accounts.get(address).map_or(0, |a| a.nonce)
    }

    fn set_nonce(&mut self, address: &Address, nonce: u64) {
        self.account_mut(address).nonce = nonce;
    }

    fn storage(&self, address: &Address, key: &H256) -> H256 {
        self.accounts
            .get(address)
            .and_then(|a| a.storage.get(key).copied())
            .unwrap_or_default()
    }

    fn set_storage(&mut self, address: &Address, key: &H256, value: &H256) {
        let storage = &mut self.account_mut(address).storage;
        if value.is_zero() {
            storage.remove(key);
        } else {
            storage.insert(*key, *value);
        }
    }

    fn block_hash(&self, number: u64) -> Option<H256> {
        self.block_hashes.get(&number).copied()
    }

    fn remove_account(&mut self, address: &Address, _beneficiary: &Address) {
        self.accounts.remove(address);
    }

    fn checkpoint(&mut self) {
        self.snapshots
            .push((self.accounts.clone(), self.touched.clone()));
    }

    fn commit(&mut self) {
        self.snapshots.pop();
    }

    fn revert(&mut self) {
        if let Some((accounts, touched)) = self.snapshots.pop() {
            self.accounts = accounts;
            self.touched = touched;
        }
    }
}
