//! Running the engine for extrinsics and dry-runs: one place for the top-level rules (pre-checks,
//! gas ↔ weight, outcome → events and errors).

use crate::weights::WeightInfo as _;
use crate::{
    api::{Code, StorageDeposit},
    deposit::Touched,
    host::PalletHost,
    AddressMapper, CodeInfo, CodeInfoOf, Config, ContractInfoOf, ContractStorage, Error, Event,
    OriginalAccount, Pallet, PristineCode,
};
use alloc::vec::Vec;
use ewasm_engine::{
    address::keccak256,
    exec::{CallKind, CreateScheme, Message},
    gas::{transaction::Fork, weight::WeightRates},
    prepare, EngineConfig, ExecStatus, Executor, HaltReason, Log, TxContext,
};
use frame_support::{
    dispatch::{DispatchErrorWithPostInfo, DispatchResultWithPostInfo, PostDispatchInfo},
    pallet_prelude::*,
    storage::{with_transaction, TransactionOutcome},
    traits::{
        fungible::Inspect,
        tokens::{Fortitude, Preservation},
        Time,
    },
};
use sp_core::{H160, H256, U256};
use sp_runtime::traits::UniqueSaturatedInto;
use sp_runtime::DispatchError;

/// Most table elements a contract may declare.
const MAX_TABLE_SIZE: u32 = 1024;
/// Cancun's opcodes and Osaka's CLZ: solc's default output (osaka) runs.
pub const EVM_VERSION: ewasm_engine::EvmVersion = ewasm_engine::EvmVersion::Osaka;
/// Most globals a contract may declare.
const MAX_GLOBALS: u32 = 256;
/// Most functions a contract may have.
const MAX_FUNCTIONS: u32 = 4096;
/// Storage transaction layers FRAME allows; each frame opens one, dispatch, dry-runs and the
/// deposit settlement one more each.
const TRANSACTIONAL_LIMIT: u32 = 255;
/// Memory the runtime can give contract execution (of its 128 MiB default heap).
const EXECUTION_MEMORY_BUDGET: u64 = 64 * 1024 * 1024;

/// An execution reserves a quarter more than its gas limit's weight, for weight-meter units.
const WEIGHT_UNITS_PER_GAS_DIVISOR: u64 = 4;

/// Which extrinsic ran, for the event it deposits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EntryPoint {
    /// `call`.
    Call,
    /// `instantiate` or `instantiate_with_code`.
    Instantiate,
}

/// What a top-level execution did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// How it ended.
    pub status: ExecStatus,
    /// The contract called or created.
    pub contract: H160,
    /// Gas the execution used against its limit: [`Self::ethereum_gas_used`] less the
    /// intrinsic gas (the extrinsic pays its base weight and length instead).
    pub gas_used: u64,
    /// What an Ethereum receipt reports for the same transaction (Cancun rules): the intrinsic
    /// gas of its data (21,000, calldata bytes, and for a creation 32,000 and the init code's
    /// words, over init code and arguments), plus the execution's gas, less the refund capped
    /// at a fifth of that sum (EIP-3529).
    pub ethereum_gas_used: u64,
    /// Gas consumed before the refund (the weight charges [`Self::ref_time`] instead: the work
    /// done, which a halted frame's unused gas is not).
    pub gas_consumed: u64,
    /// Units the weight meter counted beside gas (setting up EVM frames and analysing their code), weighed
    /// at `WeightPerMeterUnit`.
    pub weight_units: u64,
    /// What the execution weighed (`ref_time`): its gas at `WeightPerGas`, its state-access
    /// gas at `WeightPerStateGas`, its weight-meter units at `WeightPerMeterUnit`, as the
    /// engine's weight meter counted them; the whole reservation if it ran out of weight.
    pub ref_time: u64,
    /// Proof size of the state the execution read, each item once (`Config::ProofCosts`).
    pub proof_size: u64,
    /// The part of `gas_consumed` that priced storage and account accesses above a warm
    /// access and code deposits, weighed at `WeightPerStateGas` (see
    /// `ewasm_engine::gas::weight`).
    pub state_gas: u64,
    /// Items of state read from storage, each weighed as a cold read's state-access gas at
    /// `WeightPerStateGas` (`ewasm_engine::gas::weight::STATE_READ`).
    pub state_reads: u64,
    /// Output of `finish` or `revert`.
    pub output: Vec<u8>,
    /// Logs (empty unless successful).
    pub logs: Vec<Log>,
    /// Self-destructed contracts and their beneficiaries.
    pub destructed: Vec<(H160, H160)>,
    /// Contracts created by contracts during the execution, as `(creator, contract)`.
    pub created: Vec<(H160, H160)>,
    /// Whether the execution halted because the depth limit refused its last nested call or
    /// create (directly or down a chain of callees that halted the same way).
    pub depth_limit_reached: bool,
    /// Whether the origin's address was mapped to its account (its first call or
    /// instantiation): the extrinsic's base weight is then `call_mapping_address`'s.
    pub address_mapped: bool,
    /// The storage deposit charged to (or refunded to) the origin, net.
    pub storage_deposit: StorageDeposit,
    /// Why a successful execution was undone anyway: its storage deposit could not be paid.
    pub deposit_failure: Option<DepositFailure>,
}

/// Why the storage deposit of a successful execution could not be paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DepositFailure {
    /// Above the extrinsic's `storage_deposit_limit`.
    LimitExhausted,
    /// The origin does not have it.
    NotEnoughFunds,
}

impl<T: Config> Pallet<T> {
    /// Weight of `gas` units of gas (or of weight-meter units): the one place gas becomes
    /// weight.
    pub fn gas_to_weight(gas: u64) -> Weight {
        T::WeightPerGas::get().saturating_mul(gas)
    }

    /// What an execution weighs: in ref_time what the engine's weight meter counted (see
    /// [`Outcome::ref_time`]), in proof size what it read.
    pub fn execution_weight(outcome: &Outcome) -> Weight {
        Weight::from_parts(outcome.ref_time, outcome.proof_size)
    }

    /// The rates the engine's weight meter counts at.
    fn weight_rates() -> WeightRates {
        WeightRates {
            gas: T::WeightPerGas::get().ref_time(),
            state_gas: T::WeightPerStateGas::get().ref_time(),
            unit: T::WeightPerMeterUnit::get().ref_time(),
        }
    }

    /// The proof size an execution with `gas_limit` may read: what its reservation holds.
    pub fn proof_limit(gas_limit: u64) -> u64 {
        Self::reserved_weight(gas_limit).proof_size()
    }

    /// The `ref_time` an execution with `gas_limit` may use: what it reserved.
    pub fn weight_limit(gas_limit: u64) -> u64 {
        Self::reserved_weight(gas_limit).ref_time()
    }

    /// The weight-meter units an execution with `gas_limit` may use beside its gas if all of
    /// that gas is computation.
    pub fn weight_units_within(gas_limit: u64) -> u64 {
        let left =
            Self::weight_limit(gas_limit).saturating_sub(Self::gas_to_weight(gas_limit).ref_time());
        left / T::WeightPerMeterUnit::get().ref_time().max(1)
    }

    /// What an extrinsic with `gas_limit` reserves before it runs: its gas at `WeightPerGas`
    /// and a quarter more for weight-meter units, within [`Self::execution_room`]. A gas limit
    /// above what the room computes is for work cheaper than computation (storage, a code
    /// deposit): the weight meter stops the execution when its work reaches the reservation.
    pub fn reserved_weight(gas_limit: u64) -> Weight {
        let wanted =
            Self::gas_to_weight(gas_limit.saturating_add(gas_limit / WEIGHT_UNITS_PER_GAS_DIVISOR));
        Self::execution_room().map_or(wanted, |room| wanted.min(room))
    }

    /// The most one execution may reserve: four fifths of what a normal extrinsic has beside
    /// the largest base weight of an extrinsic that runs one (so that a block still holds other
    /// extrinsics beside it), or no bound where the block weights set no normal-extrinsic
    /// limit.
    pub fn execution_room() -> Option<Weight> {
        let weights = <T as frame_system::Config>::BlockWeights::get();
        let normal = weights.get(DispatchClass::Normal);
        let largest_base = Self::call_base(true)
            .max(
                T::WeightInfo::instantiate()
                    .saturating_add(T::WeightInfo::upload_code(T::MaxCodeLen::get())),
            )
            .saturating_add(normal.base_extrinsic);
        normal.max_extrinsic.map(|max| {
            let room = max.saturating_sub(largest_base);
            Weight::from_parts(room.ref_time() / 5 * 4, room.proof_size() / 5 * 4)
        })
    }

    /// The base weight of a `call` extrinsic: everything but the execution, with or without
    /// mapping the origin's address.
    pub fn call_base(maps_address: bool) -> Weight {
        if maps_address {
            T::WeightInfo::call_mapping_address().max(T::WeightInfo::call())
        } else {
            T::WeightInfo::call()
        }
    }

    /// The account that holds the balance of `address`.
    pub fn account_of(address: &H160) -> T::AccountId {
        OriginalAccount::<T>::get(address)
            .unwrap_or_else(|| T::AddressMapper::to_fallback_account(address))
    }

    /// The address of `account`.
    pub fn address_of(account: &T::AccountId) -> H160 {
        T::AddressMapper::to_address(account)
    }

    /// What `account` can spend: its free balance, less the existential deposit while it holds
    /// storage deposits (which keep it alive). What contracts see as a balance.
    pub fn spendable(account: &T::AccountId) -> u128 {
        T::Currency::reducible_balance(account, Preservation::Expendable, Fortitude::Polite)
    }

    /// Balance of `address`.
    pub fn balance_of(address: &H160) -> u128 {
        Self::spendable(&Self::account_of(address))
    }

    /// Storage slot `key` of contract `address`.
    pub fn storage_of(address: &H160, key: &H256) -> Option<H256> {
        let info = ContractInfoOf::<T>::get(address)?;
        ContractStorage::<T>::get(info.trie_id, key)
    }

    /// Code of contract `address`.
    pub fn code_of(address: &H160) -> Option<Vec<u8>> {
        let info = ContractInfoOf::<T>::get(address)?;
        PristineCode::<T>::get(info.code_hash).map(|code| code.into_inner())
    }

    /// The engine configuration this chain runs with.
    pub fn engine_config() -> EngineConfig {
        EngineConfig {
            schedule: T::Schedule::get(),
            instruction_cost: T::InstructionCost::get(),
            max_call_depth: T::MaxCallDepth::get(),
            max_code_len: T::MaxCodeLen::get(),
            max_memory_pages: T::MaxMemoryPages::get(),
            max_table_size: MAX_TABLE_SIZE,
            max_globals: MAX_GLOBALS,
            max_functions: MAX_FUNCTIONS,
            allow_debug: false,
            evm_bytecode: true,
            evm_version: EVM_VERSION,
            heap_budget: EXECUTION_MEMORY_BUDGET,
        }
    }

    /// Checks that the configured limits are safe: every frame's storage layer fits FRAME's
    /// limit, the largest frame fits the execution memory budget (the engine refuses frames
    /// beyond it, like frames beyond the depth limit) and a call with the block gas limit fits a
    /// normal extrinsic.
    pub(crate) fn check_limits() -> Result<(), &'static str> {
        let depth = T::MaxCallDepth::get();
        if depth.saturating_add(4) > TRANSACTIONAL_LIMIT {
            return Err("MaxCallDepth exceeds the storage transaction layers FRAME allows");
        }
        if T::WeightPerGas::get().ref_time() == 0 || T::WeightPerMeterUnit::get().ref_time() == 0 {
            return Err(
                "WeightPerGas and WeightPerMeterUnit must be above 0 so that the weight \
                        limit bounds computation and loading",
            );
        }
        if T::InstructionCost::get() == 0 {
            return Err("InstructionCost must be above 0 so that no contract runs unbounded");
        }
        if prepare::frame_heap_bound(&Self::engine_config()) > EXECUTION_MEMORY_BUDGET {
            return Err("the largest frame's memory exceeds the execution memory budget");
        }
        if Self::execution_room().is_some_and(|room| room.is_zero()) {
            return Err("a normal extrinsic has no room for an execution beside its base weight");
        }
        Ok(())
    }

    fn tx_context(origin: H160) -> TxContext {
        let number: u64 = frame_system::Pallet::<T>::block_number().unique_saturated_into();
        TxContext {
            origin,
            gas_price: U256::from(T::GasPrice::get()),
            coinbase: T::Coinbase::get(),
            number: number.min(i64::MAX as u64) as i64,
            timestamp: (T::Time::now() / 1000).min(i64::MAX as u64) as i64,
            gas_limit: T::BlockGasLimit::get().min(i64::MAX as u64) as i64,
            difficulty: T::Difficulty::get(),
            chain_id: T::ChainId::get(),
            // No fee market for contract gas: the base fee is the fixed gas price.
            base_fee: U256::from(T::GasPrice::get()),
            // No blobs on this chain: the EIP-4844 minimum.
            blob_base_fee: U256::one(),
            blob_hashes: Vec::new(),
        }
    }

    fn executor(
        origin: &T::AccountId,
        address_mapped: bool,
        gas_limit: u64,
    ) -> Executor<PalletHost<T>> {
        let context = Self::tx_context(Self::address_of(origin));
        let mut touched = Touched::default();
        touched.address_mapped = address_mapped;
        let mut exec = Executor::new(
            PalletHost {
                origin: origin.clone(),
                touched,
            },
            Self::engine_config(),
            context,
        );
        let reserved = Self::reserved_weight(gas_limit);
        exec.set_weight_limit(reserved.ref_time(), Self::weight_rates());
        exec.set_proof_limit(T::ProofCosts::get(), reserved.proof_size());
        exec
    }

    /// No execution may use more gas than a block allows.
    fn check_gas_limit(gas_limit: u64) -> Result<(), Error<T>> {
        ensure!(
            gas_limit <= T::BlockGasLimit::get(),
            Error::<T>::GasLimitTooHigh
        );
        Ok(())
    }

    /// Records `account` under its address so value sent there reaches it; says whether it
    /// was new (its deposit is then due).
    fn record_account(account: &T::AccountId) -> bool {
        if T::AddressMapper::is_fallback(account) {
            return false;
        }
        let address = Self::address_of(account);
        if OriginalAccount::<T>::contains_key(address) {
            return false;
        }
        OriginalAccount::<T>::insert(address, account.clone());
        true
    }

    /// Checks code a client submits: its length and the validation rules.
    fn validate_submitted(code: &[u8]) -> Result<(), Error<T>> {
        if code.len() > T::MaxCodeLen::get() as usize {
            return Err(Error::<T>::CodeTooLarge);
        }
        prepare::validate_stored(code, &Self::engine_config())
            .map_err(|e| Error::<T>::CodeRejected { reason: e.into() })
    }

    /// Validates and stores `code` owned by `owner`, holding its deposit (at most `limit`);
    /// returns its hash. Storing code that is already there keeps the first owner.
    pub(crate) fn store_code(
        owner: &T::AccountId,
        code: Vec<u8>,
        limit: Option<u128>,
    ) -> Result<H256, Error<T>> {
        Self::validate_submitted(&code)?;
        let code_hash = keccak256(&code);
        if !PristineCode::<T>::contains_key(code_hash) {
            let len = code.len() as u32;
            let deposit = Self::hold_code_deposit(owner, len, limit)?;
            let bounded = BoundedVec::try_from(code).map_err(|_| Error::<T>::CodeTooLarge)?;
            PristineCode::<T>::insert(code_hash, bounded);
            CodeInfoOf::<T>::insert(
                code_hash,
                CodeInfo {
                    owner: owner.clone(),
                    refcount: 0,
                    len,
                    deposit,
                },
            );
            Self::deposit_event(Event::CodeStored {
                code_hash,
                owner: owner.clone(),
            });
        }
        Ok(code_hash)
    }

    /// [`Self::bare_call_with_limit`] without a storage deposit limit.
    pub fn bare_call(
        origin: &T::AccountId,
        dest: H160,
        value: u128,
        gas_limit: u64,
        data: Vec<u8>,
    ) -> Result<Outcome, Error<T>> {
        Self::bare_call_with_limit(origin, dest, value, gas_limit, data, None)
    }

    /// Calls contract `dest`. Errors are refusals before execution (nothing changed).
    pub fn bare_call_with_limit(
        origin: &T::AccountId,
        dest: H160,
        value: u128,
        gas_limit: u64,
        data: Vec<u8>,
        storage_deposit_limit: Option<u128>,
    ) -> Result<Outcome, Error<T>> {
        Self::check_gas_limit(gas_limit)?;
        ensure!(
            ContractInfoOf::<T>::contains_key(dest),
            Error::<T>::ContractNotFound
        );
        ensure!(
            T::Currency::balance(origin) >= value,
            Error::<T>::InsufficientBalance
        );
        Self::undone_unless_paid(|| {
            let mapped = Self::record_account(origin);
            let mut exec = Self::executor(origin, mapped, gas_limit);
            let msg = Message {
                kind: CallKind::Call,
                caller: Self::address_of(origin),
                address: dest,
                code_address: dest,
                value: U256::from(value),
                input: data,
                gas: gas_limit,
                depth: 0,
                is_static: false,
            };
            let result = exec.call(&msg);
            let intrinsic = Fork::Cancun.intrinsic_gas(&msg.input, false, &[]);
            Self::conclude(
                exec,
                result,
                dest,
                gas_limit,
                intrinsic,
                storage_deposit_limit,
            )
        })
    }

    /// [`Self::bare_instantiate_with_limit`] without a storage deposit limit.
    pub fn bare_instantiate(
        origin: &T::AccountId,
        value: u128,
        gas_limit: u64,
        code: Code,
        data: Vec<u8>,
        salt: Option<H256>,
    ) -> Result<Outcome, Error<T>> {
        Self::bare_instantiate_with_limit(origin, value, gas_limit, code, data, salt, None)
    }

    /// Instantiates `code`: init code to run (validated, not stored) or stored init code.
    /// Errors are refusals before execution.
    pub fn bare_instantiate_with_limit(
        origin: &T::AccountId,
        value: u128,
        gas_limit: u64,
        code: Code,
        data: Vec<u8>,
        salt: Option<H256>,
        storage_deposit_limit: Option<u128>,
    ) -> Result<Outcome, Error<T>> {
        Self::check_gas_limit(gas_limit)?;
        ensure!(
            T::Currency::balance(origin) >= value,
            Error::<T>::InsufficientBalance
        );
        let from_storage = matches!(code, Code::Existing(_));
        let init_code = match code {
            Code::Upload(code) => {
                Self::validate_submitted(&code)?;
                code
            }
            Code::Existing(code_hash) => {
                // Its length first: stored code too large for the proof the gas limit
                // reserves is refused before it is read.
                let len = CodeInfoOf::<T>::get(code_hash)
                    .ok_or(Error::<T>::CodeNotFound)?
                    .len;
                let proof = T::ProofCosts::get()
                    .code_byte
                    .saturating_mul(u64::from(len));
                ensure!(
                    proof <= Self::proof_limit(gas_limit),
                    Error::<T>::OutOfWeight
                );
                PristineCode::<T>::get(code_hash)
                    .ok_or(Error::<T>::CodeNotFound)?
                    .into_inner()
            }
        };
        Self::undone_unless_paid(|| {
            let mapped = Self::record_account(origin);
            let mut exec = Self::executor(origin, mapped, gas_limit);
            if from_storage {
                // Within the limit (checked above): the execution's reads come after it.
                let _ = exec.charge_code_read_by_caller(init_code.len() as u32);
            }
            let scheme = salt.map_or(CreateScheme::Nonce, CreateScheme::Salted);
            let creator = Self::address_of(origin);
            let intrinsic =
                Fork::Cancun.intrinsic_gas(&[&init_code[..], &data].concat(), true, &[]);
            let created = exec.create(
                creator,
                U256::from(value),
                &init_code,
                data,
                gas_limit,
                0,
                scheme,
            );
            Self::conclude(
                exec,
                created.result,
                created.address,
                gas_limit,
                intrinsic,
                storage_deposit_limit,
            )
        })
    }

    /// Runs `execute` in a storage layer that is rolled back when the storage deposit of its
    /// outcome could not be paid (a failed execution rolled itself back already).
    fn undone_unless_paid(execute: impl FnOnce() -> Outcome) -> Result<Outcome, Error<T>> {
        with_transaction(|| {
            let outcome = execute();
            let out_of_weight = outcome.status == ExecStatus::Halt(HaltReason::OutOfWeight);
            if outcome.deposit_failure.is_some() || out_of_weight {
                TransactionOutcome::Rollback(Ok::<_, DispatchError>(outcome))
            } else {
                TransactionOutcome::Commit(Ok(outcome))
            }
        })
        .map_err(|_| Error::<T>::EngineFault)
    }

    fn conclude(
        mut exec: Executor<PalletHost<T>>,
        result: ewasm_engine::FrameResult,
        contract: H160,
        gas_limit: u64,
        intrinsic_gas: u64,
        storage_deposit_limit: Option<u128>,
    ) -> Outcome {
        let depth_limit_reached = exec.depth_limit_reached();
        let (ref_time, out_of_weight) = exec.weight_used();
        let weight_units = exec.weight_units();
        let gas_consumed = gas_limit.saturating_sub(result.gas_left);
        // A call's stipend lets callees charge gas their caller did not consume.
        let state_gas = exec.state_gas().min(gas_consumed);
        let reserved = Self::reserved_weight(gas_limit);
        // A refused read was counted, not made.
        let proof_size = exec.proof_used().min(reserved.proof_size());
        let mut outcome = Outcome {
            status: result.status,
            contract,
            gas_used: gas_consumed,
            ethereum_gas_used: intrinsic_gas.saturating_add(gas_consumed),
            gas_consumed,
            weight_units,
            ref_time,
            proof_size,
            state_gas,
            state_reads: exec.state_reads(),
            output: result.output,
            logs: Vec::new(),
            destructed: Vec::new(),
            created: Vec::new(),
            depth_limit_reached,
            address_mapped: exec.host.touched.address_mapped,
            storage_deposit: StorageDeposit::default(),
            deposit_failure: None,
        };
        if out_of_weight {
            // A frame was refused for the weight limit: the whole execution is undone (by
            // `undone_unless_paid`) and its gas is used, as after an exceptional halt.
            outcome.status = ExecStatus::Halt(HaltReason::OutOfWeight);
            outcome.gas_used = gas_limit;
            outcome.gas_consumed = gas_limit;
            outcome.ref_time = reserved.ref_time();
            outcome.ethereum_gas_used = intrinsic_gas.saturating_add(gas_limit);
            outcome.output.clear();
            return outcome;
        }
        if result.status != ExecStatus::Success {
            // A failed execution changed nothing but, perhaps, the origin's new address mapping.
            let mapping_only = Touched {
                address_mapped: exec.host.touched.address_mapped,
                ..Touched::default()
            };
            Self::settle_into(
                &mut outcome,
                &exec.host.origin,
                &mapping_only,
                storage_deposit_limit,
            );
            return outcome;
        }
        let substate = exec.finish_transaction();
        (outcome.logs, outcome.destructed) = (substate.logs, substate.destructed);
        outcome.created = substate
            .created
            .into_iter()
            .filter(|(_, created)| *created != contract)
            .collect();
        outcome.ethereum_gas_used =
            Fork::Cancun.gas_used(outcome.ethereum_gas_used, substate.refund, true);
        outcome.gas_used = outcome.ethereum_gas_used.saturating_sub(intrinsic_gas);
        let host = &exec.host;
        Self::settle_into(
            &mut outcome,
            &host.origin,
            &host.touched,
            storage_deposit_limit,
        );
        outcome
    }

    /// Settles the deposits of what `touched` records into `outcome`.
    fn settle_into(
        outcome: &mut Outcome,
        origin: &T::AccountId,
        touched: &Touched,
        limit: Option<u128>,
    ) {
        match Self::settle_deposits(origin, touched, limit) {
            Ok(deposit) => outcome.storage_deposit = deposit,
            Err(Error::<T>::StorageDepositLimitExhausted) => {
                outcome.deposit_failure = Some(DepositFailure::LimitExhausted)
            }
            Err(_) => outcome.deposit_failure = Some(DepositFailure::NotEnoughFunds),
        }
    }

    /// Turns an execution into the extrinsic's result: events on success, a specific error
    /// otherwise, and the actual weight (base + gas used) either way.
    pub(crate) fn dispatch_outcome(
        who: &T::AccountId,
        outcome: Result<Outcome, Error<T>>,
        base: Weight,
        entry: EntryPoint,
    ) -> DispatchResultWithPostInfo {
        let fail = |error: Error<T>, weight: Weight| DispatchErrorWithPostInfo {
            post_info: PostDispatchInfo {
                actual_weight: Some(weight),
                pays_fee: Pays::Yes,
            },
            error: error.into(),
        };
        let outcome = outcome.map_err(|e| fail(e, base))?;
        let actual = base.saturating_add(Self::execution_weight(&outcome));
        match outcome.deposit_failure {
            Some(DepositFailure::LimitExhausted) => {
                return Err(fail(Error::<T>::StorageDepositLimitExhausted, actual))
            }
            Some(DepositFailure::NotEnoughFunds) => {
                return Err(fail(Error::<T>::StorageDepositNotEnoughFunds, actual))
            }
            None => {}
        }
        match outcome.status {
            ExecStatus::Success => {
                Self::deposit_outcome_events(who, &outcome, entry);
                Ok(PostDispatchInfo {
                    actual_weight: Some(actual),
                    pays_fee: Pays::Yes,
                })
            }
            ExecStatus::Revert => Err(fail(Error::<T>::ContractReverted, actual)),
            ExecStatus::Halt(reason) => Err(fail(Self::halt_error(reason, &outcome), actual)),
        }
    }

    fn deposit_outcome_events(who: &T::AccountId, outcome: &Outcome, entry: EntryPoint) {
        for log in &outcome.logs {
            Self::deposit_event(Event::Log {
                contract: log.address,
                topics: log.topics.clone(),
                data: log.data.clone(),
            });
        }
        for (contract, beneficiary) in &outcome.destructed {
            Self::deposit_event(Event::Terminated {
                contract: *contract,
                beneficiary: *beneficiary,
            });
        }
        for (creator, contract) in &outcome.created {
            Self::deposit_event(Event::Instantiated {
                deployer: Pallet::<T>::account_of(creator),
                contract: *contract,
                gas_used: None,
            });
        }
        let (contract, gas_used) = (outcome.contract, outcome.ethereum_gas_used);
        Self::deposit_event(match entry {
            EntryPoint::Call => Event::Called {
                caller: who.clone(),
                contract,
                gas_used,
            },
            EntryPoint::Instantiate => Event::Instantiated {
                deployer: who.clone(),
                contract,
                gas_used: Some(gas_used),
            },
        });
    }

    fn halt_error(reason: HaltReason, outcome: &Outcome) -> Error<T> {
        match reason {
            HaltReason::OutOfGas => Error::<T>::OutOfGas,
            HaltReason::StaticModeViolation => Error::<T>::StaticModeViolation,
            HaltReason::InvalidCode(e) => Error::<T>::CodeRejected { reason: e.into() },
            HaltReason::AddressCollision => Error::<T>::DuplicateContract,
            HaltReason::HostRefused => Error::<T>::TransferFailed,
            HaltReason::EngineFault => Error::<T>::EngineFault,
            HaltReason::OutOfWeight => Error::<T>::OutOfWeight,
            HaltReason::HeapLimit => Error::<T>::MaxCallDepthReached,
            _ if outcome.depth_limit_reached => Error::<T>::MaxCallDepthReached,
            _ => Error::<T>::ContractTrapped,
        }
    }
}
