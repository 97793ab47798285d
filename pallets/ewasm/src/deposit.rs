//! Storage deposits: what state costs over time, held with pallet-balances holds, apart from
//! gas and weight (see `shared/notes/metering.md`).
//!
//! - Code (`PristineCode` + `CodeInfo`): held on its owner (`CodeUploadDeposit`), per byte and
//!   per item, from upload (or deployment) until `remove_code`.
//! - A contract (`ContractInfo`, its nonce and every non-zero slot, EEI `storageStore` and EVM
//!   `SSTORE` alike): moved from the transaction's origin to the contract's account and held
//!   there (`StorageDeposit`). A transaction that clears slots gets their deposit back; a
//!   terminated contract's deposit goes to the beneficiary of its `selfDestruct`.
//! - An account's address mapping (`OriginalAccount` and its `Nonces` entry): held on the
//!   account (`AddressDeposit`) from its first use of the pallet.
//!
//! Execution changes state first; [`Pallet::settle_deposits`] then charges and refunds the
//! difference against the origin, within its `storage_deposit_limit`.

use crate::{
    api::StorageDeposit, CodeInfo, CodeInfoOf, Config, ContractInfo, ContractInfoOf,
    ContractStorage, Error, HoldReason, Nonces, OriginalAccount, Pallet, PristineCode,
};
use alloc::collections::BTreeSet;
use codec::MaxEncodedLen;
use frame_support::traits::{
    fungible::{Inspect, InspectHold, Mutate, MutateHold},
    tokens::{Fortitude, Precision, Preservation, Restriction},
    Get,
};
use sp_core::{H160, H256};

/// What an execution added or changed that may need a deposit, recorded by the host.
#[derive(Default)]
pub(crate) struct Touched {
    /// Contracts whose storage or existence changed.
    pub contracts: BTreeSet<H160>,
    /// Code stored by a deployment.
    pub codes: BTreeSet<H256>,
    /// Whether the origin's address mapping was recorded by this transaction.
    pub address_mapped: bool,
}

impl<T: Config> Pallet<T> {
    fn deposit_for(items: u32, bytes: u64) -> u128 {
        T::DepositPerItem::get()
            .saturating_mul(items.into())
            .saturating_add(T::DepositPerByte::get().saturating_mul(bytes.into()))
    }

    /// Bytes of one slot in the state: its full storage key and its value.
    fn slot_bytes() -> u64 {
        (ContractStorage::<T>::hashed_key_for(0u64, H256::zero()).len() + 32) as u64
    }

    /// The deposit a contract with `info`'s slots needs: its `ContractInfo`, its nonce and its
    /// slots.
    pub fn contract_deposit(info: &ContractInfo) -> u128 {
        let own = ContractInfoOf::<T>::hashed_key_for(H160::zero()).len()
            + ContractInfo::max_encoded_len()
            + Nonces::<T>::hashed_key_for(H160::zero()).len()
            + 8;
        Self::deposit_for(2, own as u64).saturating_add(
            Self::deposit_for(1, Self::slot_bytes()).saturating_mul(info.storage_items.into()),
        )
    }

    /// The deposit `len` bytes of code need, with their `CodeInfo`.
    pub fn code_deposit(len: u32) -> u128 {
        let keys = PristineCode::<T>::hashed_key_for(H256::zero()).len()
            + CodeInfoOf::<T>::hashed_key_for(H256::zero()).len();
        let bytes = u64::from(len) + (keys + CodeInfo::<T::AccountId>::max_encoded_len()) as u64;
        Self::deposit_for(2, bytes)
    }

    /// The deposit of an account's address mapping and its nonce.
    pub fn address_deposit() -> u128 {
        let bytes = OriginalAccount::<T>::hashed_key_for(H160::zero()).len()
            + T::AccountId::max_encoded_len()
            + Nonces::<T>::hashed_key_for(H160::zero()).len()
            + 8;
        Self::deposit_for(2, bytes as u64)
    }

    /// Holds `amount` on `who` for `reason`.
    fn hold(reason: HoldReason, who: &T::AccountId, amount: u128) -> Result<(), Error<T>> {
        if amount == 0 {
            return Ok(());
        }
        T::Currency::hold(&reason.into(), who, amount)
            .map_err(|_| Error::<T>::StorageDepositNotEnoughFunds)
    }

    /// Holds the deposit of `len` bytes of code on `owner`, within `limit`; returns it.
    pub(crate) fn hold_code_deposit(
        owner: &T::AccountId,
        len: u32,
        limit: Option<u128>,
    ) -> Result<u128, Error<T>> {
        let deposit = Self::code_deposit(len);
        if limit.is_some_and(|limit| deposit > limit) {
            return Err(Error::<T>::StorageDepositLimitExhausted);
        }
        Self::hold(HoldReason::CodeUploadDeposit, owner, deposit)?;
        Ok(deposit)
    }

    /// Gives back the deposit of removed code to its owner.
    pub(crate) fn release_code_deposit(info: &CodeInfo<T::AccountId>) {
        let reason = HoldReason::CodeUploadDeposit.into();
        let _ = T::Currency::release(&reason, &info.owner, info.deposit, Precision::BestEffort);
    }

    /// Gives a terminated contract's deposit to `beneficiary` (the contract's own balance went
    /// there with its `selfDestruct`).
    pub(crate) fn release_contract_deposit(
        contract: &H160,
        info: &ContractInfo,
        beneficiary: &H160,
    ) {
        let reason = HoldReason::StorageDeposit.into();
        let (from, to) = (Self::account_of(contract), Self::account_of(beneficiary));
        let moved = from != to
            && T::Currency::transfer_on_hold(
                &reason,
                &from,
                &to,
                info.storage_deposit,
                Precision::BestEffort,
                Restriction::Free,
                Fortitude::Polite,
            )
            .is_ok();
        if !moved {
            // Paid to itself, or the beneficiary cannot receive it: it stays as free balance.
            let _ =
                T::Currency::release(&reason, &from, info.storage_deposit, Precision::BestEffort);
        }
        // Without holds the account may go: what kept it alive goes to the beneficiary too.
        if from != to {
            let rest = Self::spendable(&from);
            let _ = T::Currency::transfer(&from, &to, rest, Preservation::Expendable);
        }
    }

    /// Charges and refunds, against `origin`, the deposits of what an execution `touched`:
    /// refunds first, then charges; their net charge must fit `limit`. Returns the net.
    ///
    /// # Errors
    /// `StorageDepositLimitExhausted` or `StorageDepositNotEnoughFunds`; the caller rolls the
    /// execution back.
    pub(crate) fn settle_deposits(
        origin: &T::AccountId,
        touched: &Touched,
        limit: Option<u128>,
    ) -> Result<StorageDeposit, Error<T>> {
        let reason = HoldReason::StorageDeposit.into();
        let (mut charged, mut refunded) = (0u128, 0u128);
        let mut charges = alloc::vec::Vec::new();
        for contract in &touched.contracts {
            let Some(mut info) = ContractInfoOf::<T>::get(contract) else {
                continue; // terminated: its deposit went to the beneficiary
            };
            let required = Self::contract_deposit(&info);
            let account = Self::account_of(contract);
            if required < info.storage_deposit {
                let refund = T::Currency::transfer_on_hold(
                    &reason,
                    &account,
                    origin,
                    info.storage_deposit - required,
                    Precision::BestEffort,
                    Restriction::Free,
                    Fortitude::Polite,
                )
                .unwrap_or_default();
                refunded = refunded.saturating_add(refund);
                info.storage_deposit = info.storage_deposit.saturating_sub(refund);
                ContractInfoOf::<T>::insert(contract, info);
            } else if required > info.storage_deposit {
                charges.push((*contract, account, required - info.storage_deposit));
            }
        }
        for (contract, account, amount) in charges {
            // A new contract account must exist before it can hold: it gets the existential
            // deposit as free balance first, paid by the origin like the deposit.
            let mut cost = amount;
            if T::Currency::total_balance(&account) == 0 {
                let minimum = T::Currency::minimum_balance();
                T::Currency::transfer(origin, &account, minimum, Preservation::Preserve)
                    .map_err(|_| Error::<T>::StorageDepositNotEnoughFunds)?;
                cost = cost.saturating_add(minimum);
            }
            T::Currency::transfer_and_hold(
                &reason,
                origin,
                &account,
                amount,
                Precision::Exact,
                Preservation::Preserve,
                Fortitude::Polite,
            )
            .map_err(|_| Error::<T>::StorageDepositNotEnoughFunds)?;
            ContractInfoOf::<T>::mutate(contract, |info| {
                if let Some(info) = info {
                    info.storage_deposit = info.storage_deposit.saturating_add(amount);
                }
            });
            charged = charged.saturating_add(cost);
        }
        for code_hash in &touched.codes {
            let Some(mut info) = CodeInfoOf::<T>::get(code_hash) else {
                continue;
            };
            if info.deposit == 0 && &info.owner == origin {
                info.deposit = Self::code_deposit(info.len);
                Self::hold(HoldReason::CodeUploadDeposit, origin, info.deposit)?;
                charged = charged.saturating_add(info.deposit);
                CodeInfoOf::<T>::insert(code_hash, info);
            }
        }
        if touched.address_mapped {
            let deposit = Self::address_deposit();
            Self::hold(HoldReason::AddressDeposit, origin, deposit)?;
            charged = charged.saturating_add(deposit);
        }
        let net = if charged >= refunded {
            StorageDeposit::Charge(charged - refunded)
        } else {
            StorageDeposit::Refund(refunded - charged)
        };
        if let (StorageDeposit::Charge(amount), Some(limit)) = (&net, limit) {
            if *amount > limit {
                return Err(Error::<T>::StorageDepositLimitExhausted);
            }
        }
        Ok(net)
    }

    /// What `who` holds for this pallet, for every reason.
    pub fn deposits_held(who: &T::AccountId) -> u128 {
        [
            HoldReason::CodeUploadDeposit,
            HoldReason::StorageDeposit,
            HoldReason::AddressDeposit,
        ]
        .into_iter()
        .map(|reason| T::Currency::balance_on_hold(&reason.into(), who))
        .sum()
    }
}
