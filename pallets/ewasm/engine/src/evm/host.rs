//! revm's `Host` for one EVM frame: the engine's state, read through the executor (so that the
//! proof meter sees every read) and warmed in its access sets, with the state-access part of
//! each access's gas counted to the weight meter when the access is made (see
//! [`crate::gas::weight`]); revm's instructions charge the gas itself.

use super::convert::{address, hash, to_revm_address, to_revm_u256, to_revm_word, word};
use crate::{
    error::HaltReason,
    exec::Executor,
    gas::{
        access::{sstore_cost, COLD_ACCOUNT_ACCESS, COLD_SLOAD},
        weight::state_part,
    },
    host::Host,
    types::{Address, Log},
};
use alloc::borrow::Cow;
use revm_interpreter::{
    context_interface::{
        cfg::GasParams,
        context::{SStoreResult, SelfDestructResult, StateLoad},
        host::LoadError,
        journaled_state::AccountInfoLoad,
    },
    primitives::{self as revm, Bytes, StorageKey, StorageValue, B256},
    state::{AccountInfo, Bytecode},
};

/// What the instruction about to load an account reads of it, so that the host reads (and
/// proves) only that. Set by the instruction table's wrappers; anything else reads it all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Need {
    /// Balance, nonce, code hash and code.
    Everything,
    /// BALANCE, SELFBALANCE.
    Balance,
    /// EXTCODEHASH: whether the account is empty, and its code hash.
    CodeHash,
    /// EXTCODECOPY: the code.
    Code,
    /// A call: only whether the callee is empty, and only when a CALL moves value to it (the
    /// executor loads the callee's code when the call runs).
    Call { moves_value: bool },
}

/// The state of one EVM frame beside revm's interpreter.
pub(super) struct FrameHost<'e, H: Host> {
    pub exec: &'e mut Executor<H>,
    gas_params: GasParams,
    pub need: Need,
    /// Why the frame must halt, when the executor refused a read or the weight meter a charge
    /// (revm sees a database error).
    pub halt: Option<HaltReason>,
    /// State-access gas counted to the weight meter by this host.
    state_gas: u64,
    /// What the frame's nested calls and creations added to its spent gas (their own work is
    /// counted by their frames; negative when a call returned a stipend it did not use).
    pub nested_gas: i64,
    /// The frame's own gas counted to the weight meter so far.
    counted_gas: u64,
}

impl<'e, H: Host> FrameHost<'e, H> {
    pub fn new(exec: &'e mut Executor<H>, gas_params: GasParams) -> Self {
        Self {
            exec,
            gas_params,
            need: Need::Everything,
            halt: None,
            state_gas: 0,
            nested_gas: 0,
            counted_gas: 0,
        }
    }

    /// Counts the frame's gas spent since the last count, less what nested frames and state
    /// accesses account for, to the weight meter.
    ///
    /// # Errors
    /// [`HaltReason::OutOfWeight`], also kept in [`Self::halt`].
    pub fn count_gas(&mut self, spent: u64) -> Result<(), HaltReason> {
        let own = (i128::from(spent) - i128::from(self.nested_gas) - i128::from(self.state_gas))
            .clamp(0, i128::from(u64::MAX)) as u64;
        let new = own.saturating_sub(self.counted_gas);
        self.counted_gas = self.counted_gas.max(own);
        self.exec
            .weight
            .charge_gas(new)
            .inspect_err(|reason| self.fail(*reason))
    }

    /// Keeps `reason` as why the frame halts (the first reason stays).
    pub fn fail(&mut self, reason: HaltReason) {
        self.halt.get_or_insert(reason);
    }

    /// `result`, or a database error for revm with the reason kept for the frame.
    fn read<T>(&mut self, result: Result<T, HaltReason>) -> Result<T, LoadError> {
        result.map_err(|reason| {
            self.fail(reason);
            LoadError::DBError
        })
    }

    /// Counts the state-access part of an access costing `gas` to the weight meter.
    fn count_state_access(&mut self, gas: u64) -> Result<(), LoadError> {
        let state = state_part(gas);
        self.state_gas = self.state_gas.saturating_add(state);
        let charged = self.exec.weight.charge_state_gas(state);
        self.read(charged)
    }

    /// Warms `address`; whether it was cold. A cold account is not loaded when the gas left
    /// cannot pay for it (`skip_cold`).
    pub fn access_account(&mut self, address: Address, skip_cold: bool) -> Result<bool, LoadError> {
        if self.exec.access.is_warm_account(&address) {
            return Ok(false);
        }
        if skip_cold {
            return Err(LoadError::ColdLoadSkipped);
        }
        self.exec.access.access_account(address);
        self.count_state_access(COLD_ACCOUNT_ACCESS)?;
        Ok(true)
    }

    /// EXTCODESIZE's read: whether the account was cold, and its code's length.
    pub fn code_len(
        &mut self,
        address: Address,
        skip_cold: bool,
    ) -> Result<(bool, u32), LoadError> {
        let cold = self.access_account(address, skip_cold)?;
        let len = self.exec.code_len(&address);
        Ok((cold, self.read(len)?))
    }

    fn account_info(
        &mut self,
        address: &Address,
        need: Need,
    ) -> Result<AccountInfoLoad<'static>, LoadError> {
        let mut info = AccountInfo {
            code: None,
            ..AccountInfo::default()
        };
        let mut is_empty = false;
        if matches!(need, Need::Everything | Need::Balance | Need::CodeHash) {
            let balance = self.exec.balance(address);
            info.balance = to_revm_u256(self.read(balance)?);
        }
        if matches!(need, Need::Everything | Need::CodeHash) {
            let nonce = self.exec.nonce(address);
            info.nonce = self.read(nonce)?;
            let code_hash = self.exec.code_hash(address);
            info.code_hash = hash(&self.read(code_hash)?);
        }
        if matches!(need, Need::Everything | Need::Code) {
            // The whole code is read, whatever part of it is copied: its loading is weighed.
            let len = self.exec.code_len(address);
            let len = self.read(len)?;
            let units = u64::from(len).saturating_mul(self.exec.config.schedule.code_load_byte);
            let charged = self.exec.weight.charge(units);
            self.read(charged)?;
            let code = self.exec.code(address);
            info.code = Some(Bytecode::new_legacy(Bytes::from(self.read(code)?)));
        }
        if let Need::Call { moves_value: true } = need {
            let exists = self.exec.account_exists(address);
            is_empty = !self.read(exists)?;
        }
        if need == Need::Everything {
            is_empty = info.is_empty();
        }
        Ok(AccountInfoLoad {
            account: Cow::Owned(info),
            is_cold: false,
            is_empty,
        })
    }
}

impl<H: Host> revm_interpreter::Host for FrameHost<'_, H> {
    fn basefee(&self) -> revm::U256 {
        to_revm_u256(self.exec.tx.base_fee)
    }

    fn blob_gasprice(&self) -> revm::U256 {
        to_revm_u256(self.exec.tx.blob_base_fee)
    }

    fn gas_limit(&self) -> revm::U256 {
        revm::U256::from(self.exec.tx.gas_limit.max(0) as u64)
    }

    fn difficulty(&self) -> revm::U256 {
        to_revm_u256(self.exec.tx.difficulty)
    }

    fn prevrandao(&self) -> Option<revm::U256> {
        Some(to_revm_u256(self.exec.tx.difficulty))
    }

    fn block_number(&self) -> revm::U256 {
        revm::U256::from(self.exec.tx.number.max(0) as u64)
    }

    fn timestamp(&self) -> revm::U256 {
        revm::U256::from(self.exec.tx.timestamp.max(0) as u64)
    }

    fn beneficiary(&self) -> revm::Address {
        to_revm_address(&self.exec.tx.coinbase)
    }

    fn slot_num(&self) -> revm::U256 {
        revm::U256::ZERO
    }

    fn chain_id(&self) -> revm::U256 {
        revm::U256::from(self.exec.tx.chain_id)
    }

    fn effective_gas_price(&self) -> revm::U256 {
        to_revm_u256(self.exec.tx.gas_price)
    }

    fn caller(&self) -> revm::Address {
        to_revm_address(&self.exec.tx.origin)
    }

    fn blob_hash(&self, number: usize) -> Option<revm::U256> {
        let hash = self.exec.tx.blob_hashes.get(number)?;
        Some(to_revm_word(hash))
    }

    fn max_initcode_size(&self) -> usize {
        crate::prepare::MAX_EVM_INIT_CODE_LEN
    }

    fn gas_params(&self) -> &GasParams {
        &self.gas_params
    }

    fn is_amsterdam_eip8037_enabled(&self) -> bool {
        false
    }

    fn block_hash(&mut self, number: u64) -> Option<B256> {
        let read = self.exec.block_hash(number);
        let found = self.read(read).ok()?;
        Some(found.map_or(B256::ZERO, |h| hash(&h)))
    }

    fn selfdestruct(
        &mut self,
        address_: revm::Address,
        target: revm::Address,
        skip_cold_load: bool,
    ) -> Result<StateLoad<SelfDestructResult>, LoadError> {
        let (this, target) = (address(address_), address(target));
        let is_cold = self.access_account(target, skip_cold_load)?;
        let balance = self.exec.balance(&this);
        let balance = self.read(balance)?;
        let had_value = !balance.is_zero();
        // Whether the beneficiary exists matters only when it receives something (EIP-161).
        let target_exists = if had_value {
            let exists = self.exec.account_exists(&target);
            self.read(exists)?
        } else {
            true
        };
        if target != this {
            let moved = self.exec.transfer(&this, &target, balance);
            if !self.read(moved)? {
                self.fail(HaltReason::HostRefused);
                return Err(LoadError::DBError);
            }
        }
        // EIP-6780: only a contract created in this transaction is removed.
        let previously_destroyed =
            self.exec.created_in_transaction(&this) && !self.exec.mark_destructed(this, target);
        Ok(StateLoad::new(
            SelfDestructResult {
                had_value,
                target_exists,
                previously_destroyed,
            },
            is_cold,
        ))
    }

    fn log(&mut self, log: revm::Log) {
        let topics = log
            .data
            .topics()
            .iter()
            .map(|t| crate::types::H256(t.0))
            .collect();
        self.exec.substate_mut().logs.push(Log {
            address: address(log.address),
            topics,
            data: log.data.data.to_vec(),
        });
    }

    fn sstore_skip_cold_load(
        &mut self,
        address_: revm::Address,
        key: StorageKey,
        value: StorageValue,
        skip_cold_load: bool,
    ) -> Result<StateLoad<SStoreResult>, LoadError> {
        let (this, key, new) = (address(address_), word(key), word(value));
        let is_cold = !self.exec.access.is_warm_slot(&this, &key);
        if is_cold && skip_cold_load {
            return Err(LoadError::ColdLoadSkipped);
        }
        self.exec.access.access_slot(this, key);
        let current = self.exec.storage(&this, &key);
        let current = self.read(current)?;
        let original = self.exec.access.original(&this, &key, current);
        let (cost, refund) = sstore_cost(original, current, new);
        self.count_state_access(cost + if is_cold { COLD_SLOAD } else { 0 })?;
        // The transaction's refund counter, in order of the SSTOREs (a nested frame may take
        // back what its caller earned); revm's per-frame counter is not used.
        self.exec.add_refund(refund);
        if current != new {
            let written = self.exec.write_storage(&this, &key, &new);
            self.read(written)?;
        }
        Ok(StateLoad::new(
            SStoreResult {
                original_value: to_revm_word(&original),
                present_value: to_revm_word(&current),
                new_value: value,
            },
            is_cold,
        ))
    }

    fn sload_skip_cold_load(
        &mut self,
        address_: revm::Address,
        key: StorageKey,
        skip_cold_load: bool,
    ) -> Result<StateLoad<StorageValue>, LoadError> {
        let (this, key) = (address(address_), word(key));
        let is_cold = !self.exec.access.is_warm_slot(&this, &key);
        if is_cold {
            if skip_cold_load {
                return Err(LoadError::ColdLoadSkipped);
            }
            self.exec.access.access_slot(this, key);
            self.count_state_access(COLD_SLOAD)?;
        }
        let value = self.exec.storage(&this, &key);
        Ok(StateLoad::new(to_revm_word(&self.read(value)?), is_cold))
    }

    fn tstore(&mut self, address_: revm::Address, key: StorageKey, value: StorageValue) {
        self.exec
            .set_transient(address(address_), word(key), word(value));
    }

    fn tload(&mut self, address_: revm::Address, key: StorageKey) -> StorageValue {
        to_revm_word(&self.exec.transient(&address(address_), &word(key)))
    }

    fn load_account_info_skip_cold_load(
        &mut self,
        address_: revm::Address,
        _load_code: bool,
        skip_cold_load: bool,
    ) -> Result<AccountInfoLoad<'_>, LoadError> {
        let need = core::mem::replace(&mut self.need, Need::Everything);
        let address = address(address_);
        let is_cold = self.access_account(address, skip_cold_load)?;
        let mut load = self.account_info(&address, need)?;
        load.is_cold = is_cold;
        Ok(load)
    }
}
