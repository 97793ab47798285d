//! The engine's [`Host`] on Substrate storage and the `fungible` currency.

use crate::{
    deposit::Touched, CodeInfo, CodeInfoOf, Config, ContractInfo, ContractInfoOf, ContractStorage,
    NextTrieId, Nonces, Pallet, PristineCode,
};
use alloc::vec::Vec;
use ewasm_engine::{address::keccak256, Address, Host, H256, U256};
use frame_support::traits::{
    fungible::{Inspect, Mutate},
    tokens::Preservation,
};
use sp_runtime::traits::{UniqueSaturatedFrom, UniqueSaturatedInto};

/// How many recent blocks `getBlockHash` can see.
const BLOCK_HASH_WINDOW: u64 = 256;

/// The storage items this host (and the deposit settlement) reads for each kind of the
/// engine's proof-metered reads (`ewasm_engine::gas::proof::ProofCosts`), beside slots, block
/// hashes and code bytes.
pub mod proof_items {
    /// A contract's `ContractInfoOf` and `CodeInfoOf`.
    pub const CONTRACT: &[(&str, &str)] = &[("Ewasm", "ContractInfoOf"), ("Ewasm", "CodeInfoOf")];
    /// An account's `OriginalAccount` (its Substrate account), `System::Account` and, when its
    /// storage deposit is settled, `Balances::Holds`.
    pub const BALANCE: &[(&str, &str)] = &[
        ("Ewasm", "OriginalAccount"),
        ("System", "Account"),
        ("Balances", "Holds"),
    ];
    /// An account's `Nonces`.
    pub const NONCE: &[(&str, &str)] = &[("Ewasm", "Nonces")];
}

/// World state for one extrinsic or dry-run; `origin` owns code that constructors deploy and
/// pays the storage deposits of what `touched` records.
pub struct PalletHost<T: Config> {
    pub(crate) origin: T::AccountId,
    pub(crate) touched: Touched,
}

impl<T: Config> PalletHost<T> {
    /// The contract at `address`, made on first need: a constructor writes storage before its
    /// code is installed. A fresh `trie_id` keeps it apart from any terminated contract's slots.
    fn contract_or_new(&mut self, address: &Address) -> ContractInfo {
        self.touched.contracts.insert(*address);
        ContractInfoOf::<T>::get(address).unwrap_or_else(|| {
            let trie_id = NextTrieId::<T>::mutate(|next| {
                let id = *next;
                *next = next.wrapping_add(1);
                id
            });
            let info = ContractInfo {
                code_hash: keccak256(&[]),
                trie_id,
                storage_items: 0,
                storage_deposit: 0,
            };
            ContractInfoOf::<T>::insert(address, info.clone());
            info
        })
    }
}

impl<T: Config> Host for PalletHost<T> {
    /// `PristineCode` only holds code that passed `prepare::validate_stored` (`upload_code`)
    /// or `prepare::validate_deployed` (created contracts).
    fn code_is_validated(&self) -> bool {
        true
    }

    fn balance(&self, address: &Address) -> U256 {
        U256::from(Pallet::<T>::spendable(&Pallet::<T>::account_of(address)))
    }

    fn transfer(&mut self, from: &Address, to: &Address, value: U256) -> Result<(), ()> {
        // Nothing moves: nothing to read (the engine charges no proof for it).
        if value.is_zero() {
            return Ok(());
        }
        if from == to {
            return if Host::balance(self, from) >= value {
                Ok(())
            } else {
                Err(())
            };
        }
        let amount: u128 = value.try_into().map_err(|_| ())?;
        let (from, to) = (Pallet::<T>::account_of(from), Pallet::<T>::account_of(to));
        T::Currency::transfer(&from, &to, amount, Preservation::Expendable)
            .map(|_| ())
            .map_err(|_| ())
    }

    fn account_exists(&self, address: &Address) -> bool {
        ContractInfoOf::<T>::contains_key(address)
            || Nonces::<T>::get(address) > 0
            || T::Currency::total_balance(&Pallet::<T>::account_of(address)) > 0
    }

    fn code(&self, address: &Address) -> Vec<u8> {
        ContractInfoOf::<T>::get(address)
            .and_then(|info| PristineCode::<T>::get(info.code_hash))
            .map(|code| code.into_inner())
            .unwrap_or_default()
    }

    fn code_len(&self, address: &Address) -> u32 {
        ContractInfoOf::<T>::get(address)
            .and_then(|info| CodeInfoOf::<T>::get(info.code_hash))
            .map_or(0, |info| info.len)
    }

    fn code_hash(&self, address: &Address) -> H256 {
        ContractInfoOf::<T>::get(address).map_or_else(|| keccak256(&[]), |info| info.code_hash)
    }

    fn set_code(&mut self, address: &Address, code: Vec<u8>) {
        let code_hash = keccak256(&code);
        let len = code.len() as u32;
        // The engine rejects deployed code longer than `MaxCodeLen` before it gets here.
        let Ok(bounded) = frame_support::BoundedVec::try_from(code) else {
            return;
        };
        if !PristineCode::<T>::contains_key(code_hash) {
            PristineCode::<T>::insert(code_hash, bounded);
            self.touched.codes.insert(code_hash);
        }
        CodeInfoOf::<T>::mutate(code_hash, |info| {
            let info = info.get_or_insert_with(|| CodeInfo {
                owner: self.origin.clone(),
                refcount: 0,
                len,
                deposit: 0,
            });
            info.refcount = info.refcount.saturating_add(1);
        });
        let info = ContractInfo {
            code_hash,
            ..self.contract_or_new(address)
        };
        ContractInfoOf::<T>::insert(address, info);
    }

    fn nonce(&self, address: &Address) -> u64 {
        Nonces::<T>::get(address)
    }

    fn set_nonce(&mut self, address: &Address, nonce: u64) {
        // Only the origin and contracts have nonces. A new address getting one is a contract
        // being created (perhaps without code or storage): its entry is part of the contract,
        // whose deposit pays for it. The origin's is paid by its address deposit.
        if *address != Pallet::<T>::address_of(&self.origin) {
            self.contract_or_new(address);
        }
        Nonces::<T>::insert(address, nonce);
    }

    fn storage(&self, address: &Address, key: &H256) -> H256 {
        Pallet::<T>::storage_of(address, key).unwrap_or_default()
    }

    fn set_storage(&mut self, address: &Address, key: &H256, value: &H256) {
        let mut info = self.contract_or_new(address);
        let existed = ContractStorage::<T>::contains_key(info.trie_id, key);
        if value.is_zero() {
            ContractStorage::<T>::remove(info.trie_id, key);
        } else {
            ContractStorage::<T>::insert(info.trie_id, key, value);
        }
        // Slot count for the storage deposit.
        let items = match (existed, value.is_zero()) {
            (false, false) => info.storage_items.saturating_add(1),
            (true, true) => info.storage_items.saturating_sub(1),
            _ => return,
        };
        info.storage_items = items;
        ContractInfoOf::<T>::insert(address, info);
    }

    fn block_hash(&self, number: u64) -> Option<H256> {
        let current: u64 = frame_system::Pallet::<T>::block_number().unique_saturated_into();
        if number >= current || current.saturating_sub(number) > BLOCK_HASH_WINDOW {
            return None;
        }
        let number: frame_system::pallet_prelude::BlockNumberFor<T> =
            UniqueSaturatedFrom::unique_saturated_from(number);
        let hash = frame_system::BlockHash::<T>::get(number);
        let bytes: &[u8] = hash.as_ref();
        (bytes.len() == 32).then(|| H256::from_slice(bytes))
    }

    fn remove_account(&mut self, address: &Address, beneficiary: &Address) {
        if let Some(info) = ContractInfoOf::<T>::take(address) {
            Pallet::<T>::release_contract_deposit(address, &info, beneficiary);
            CodeInfoOf::<T>::mutate(info.code_hash, |code| {
                if let Some(code) = code {
                    code.refcount = code.refcount.saturating_sub(1);
                }
            });
            // Unreachable from now on; removed slot by slot in later blocks.
            Pallet::<T>::queue_storage_deletion(info.trie_id);
        }
        Nonces::<T>::remove(address);
    }

    fn checkpoint(&mut self) {
        sp_io::storage::start_transaction();
    }

    fn commit(&mut self) {
        sp_io::storage::commit_transaction();
    }

    fn revert(&mut self) {
        sp_io::storage::rollback_transaction();
    }
}
