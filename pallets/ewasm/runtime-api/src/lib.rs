//! Runtime API of pallet-ewasm (`EwasmApi`) and the types it returns.
//!
//! Dry-runs (`call`, `instantiate`) execute exactly as the extrinsics would and roll everything
//! back. Their result carries the gas used, the gas required (the smallest limit that still
//! succeeds, for gas estimates), the status with a reason, return data, logs, any created
//! address and the storage deposit.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::{string::String, vec::Vec};
use codec::{Codec, Decode, DecodeWithMemTracking, Encode};
use scale_info::TypeInfo;
use sp_core::{H160, H256};

/// Code to instantiate: new code to upload, or the hash of code already stored.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum Code {
    /// Upload and validate this code first.
    Upload(Vec<u8>),
    /// Use stored code.
    Existing(H256),
}

/// How an execution ended.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum ExecStatus {
    /// Success; state changes kept.
    Success,
    /// `revert`: state rolled back, unused gas not charged, return data is the revert data.
    Reverted,
    /// Failed before or during execution; the reason in words (for example "out of gas").
    Failed(String),
}

/// A log emitted by a contract.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct LogEntry {
    /// The emitting contract.
    pub contract: H160,
    /// Raw 32-byte topics.
    pub topics: Vec<H256>,
    /// Raw data.
    pub data: Vec<u8>,
}

/// The storage deposit an execution charged its origin, or refunded to it, on balance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum StorageDeposit {
    /// Held from the origin (new code, new slots, a new contract, a new address mapping).
    Charge(u128),
    /// Given back to the origin (slots it cleared).
    Refund(u128),
}

impl Default for StorageDeposit {
    fn default() -> Self {
        Self::Charge(0)
    }
}

/// The result of a dry-run.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct ExecResult {
    /// How it ended.
    pub status: ExecStatus,
    /// Gas the execution used against the extrinsic's gas limit (no intrinsic gas).
    pub gas_used: u64,
    /// What an Ethereum receipt would report for the same transaction: `gas_used` plus the
    /// intrinsic gas (21,000, calldata, creation and init-code words), refund capped at a fifth
    /// of the sum — what `Called`/`Instantiated` report.
    pub ethereum_gas_used: u64,
    /// The smallest gas limit with which it succeeds (equal to `gas_used` when not successful).
    pub gas_required: u64,
    /// Output of `finish` or `revert`.
    pub return_data: Vec<u8>,
    /// Logs, in order (empty unless successful).
    pub logs: Vec<LogEntry>,
    /// The new contract, for a successful instantiation.
    pub created: Option<H160>,
    /// The storage deposit the execution charges (or refunds): what `storage_deposit_limit`
    /// must allow.
    pub storage_deposit: StorageDeposit,
}

sp_api::decl_runtime_apis! {
    /// Dry-runs and state queries for Ewasm contracts.
    pub trait EwasmApi<AccountId> where AccountId: Codec {
        /// Dry-runs a call from `origin`; `gas_limit` None means the block's maximum.
        fn call(origin: AccountId, dest: H160, value: u128, gas_limit: Option<u64>, data: Vec<u8>) -> ExecResult;
        /// Dry-runs an instantiation from `origin`; `data` is the constructor's call data.
        fn instantiate(
            origin: AccountId,
            value: u128,
            gas_limit: Option<u64>,
            code: Code,
            data: Vec<u8>,
            salt: Option<H256>,
        ) -> ExecResult;
        /// Storage slot `key` of contract `address` (None when unset or no contract).
        fn get_storage(address: H160, key: H256) -> Option<H256>;
        /// Code of contract `address`.
        fn get_code(address: H160) -> Option<Vec<u8>>;
        /// Balance of `address`.
        fn balance(address: H160) -> u128;
        /// The address of a Substrate account.
        fn address_of(account: AccountId) -> H160;
        /// The account that holds the balance of `address`.
        fn account_of(address: H160) -> AccountId;
    }
}
