//! Benchmarks of the extrinsics and of every unit the pallet prices: computation per gas (EVM
//! and Ewasm frames separately, per kind of instruction), state-access gas (cold reads, new
//! slots), code loaded per byte (EVM analysis, Ewasm parsing and compilation), EVM frames and the
//! deletion queue. `weights.rs` is generated from them (scripts/generate-weights.sh);
//! [`crate::rates`] turns the per-unit ones into the weight of one gas.

mod code;

use code::{EvmLoop, EwasmLoop};

use crate::{
    benchmark_needs::{
        self, block_gas, most_loading_gas, MAX_FRAMES, MAX_JUMPDESTS, MAX_NESTED_FRAMES,
        MAX_SLOADS, MAX_SSTORES, SMALLEST_EVM_CODE,
    },
    Call, CodeInfo, CodeInfoOf, Config, ContractInfo, ContractInfoOf, ContractStorage,
    DeletionQueue, DeletionQueueCounter, DeletionQueueCounterOf, NextTrieId, Outcome, Pallet,
    PristineCode,
};
use alloc::vec::Vec;
use ewasm_engine::{address::keccak256, ExecStatus, HaltReason};
use frame_benchmarking::v2::*;
use frame_support::{
    traits::{fungible::Mutate, Get},
    weights::Weight,
    BoundedVec,
};
use frame_system::RawOrigin;
use sp_core::{H160, H256};

/// Balance the benchmarks' caller gets: enough for any deposit.
const FUNDS: u128 = 1 << 100;
/// Gas ranges of the computation benchmarks: enough for the frame's loading (about 2,000 gas
/// of weight-meter units), up to where one run takes tens of milliseconds.
const MIN_GAS: u32 = 20_000;
const MAX_GAS: u32 = 200_000;
/// Where the benchmarks install their contract.
const CONTRACT: H160 = H160::repeat_byte(0xbe);
/// Where the frames benchmark installs the contract it calls.
const CALLEE: H160 = H160::repeat_byte(0xca);

fn funded_caller<T: Config>() -> T::AccountId {
    let caller: T::AccountId = whitelisted_caller();
    T::Currency::set_balance(&caller, FUNDS);
    caller
}

/// Stores `code` as the contract at [`CONTRACT`] (as a deployment would, without running init
/// code: EVM code the deployment limit would refuse can be measured too).
fn install<T: Config>(owner: &T::AccountId, code: Vec<u8>) -> ContractInfo {
    install_at::<T>(owner, CONTRACT, code)
}

/// [`install`] at `address`.
fn install_at<T: Config>(owner: &T::AccountId, address: H160, code: Vec<u8>) -> ContractInfo {
    let code_hash = keccak256(&code);
    let len = code.len() as u32;
    let bounded: BoundedVec<u8, T::MaxCodeLen> =
        code.try_into().expect("benchmark code fits MaxCodeLen");
    PristineCode::<T>::insert(code_hash, bounded);
    CodeInfoOf::<T>::insert(
        code_hash,
        CodeInfo {
            owner: owner.clone(),
            refcount: 1,
            len,
            deposit: 0,
        },
    );
    let trie_id = NextTrieId::<T>::mutate(|next| {
        *next += 1;
        *next - 1
    });
    let info = ContractInfo {
        code_hash,
        trie_id,
        storage_items: 0,
        storage_deposit: 0,
    };
    ContractInfoOf::<T>::insert(address, info.clone());
    info
}

/// Runs the contract at [`CONTRACT`] with `gas` and `data`; it must end with `expected`.
fn run<T: Config>(
    caller: &T::AccountId,
    gas: u32,
    data: Vec<u8>,
    expected: ExecStatus,
) -> Result<(), BenchmarkError> {
    run_to_outcome::<T>(caller, gas, data, expected).map(|_| ())
}

/// [`run`], returning what the call did.
fn run_to_outcome<T: Config>(
    caller: &T::AccountId,
    gas: u32,
    data: Vec<u8>,
    expected: ExecStatus,
) -> Result<Outcome, BenchmarkError> {
    let outcome = Pallet::<T>::bare_call(caller, CONTRACT, 0, gas.into(), data)
        .map_err(|_| BenchmarkError::Stop("the call was refused"))?;
    match outcome.status {
        status if status == expected => Ok(outcome),
        ExecStatus::Halt(HaltReason::OutOfGas) => Err(BenchmarkError::Stop(
            "the contract ran out of gas, not as expected",
        )),
        ExecStatus::Halt(HaltReason::OutOfWeight) => Err(BenchmarkError::Stop(
            "the contract ran out of weight, not as expected",
        )),
        _ => Err(BenchmarkError::Stop("the contract did not end as expected")),
    }
}

/// Whether a run used at most what [`benchmark_needs`] declares for it (what runtimes check
/// their limits against).
fn within_declared(used: u64, declared: u64) -> Result<(), BenchmarkError> {
    if used > declared {
        return Err(BenchmarkError::Stop(
            "the run used more than benchmark_needs declares for it",
        ));
    }
    Ok(())
}

/// Whether `evm_frames`' run of `frames` calls ran a frame of the callee each (a refused one
/// would only return 0 to the loop) within what [`benchmark_needs`] declares.
fn frames_ran<T: Config>(outcome: Outcome, frames: u32) -> Result<(), BenchmarkError> {
    let schedule = T::Schedule::get();
    let per_frame = benchmark_needs::smallest_frame_units(&schedule);
    if outcome.weight_units < per_frame * u64::from(frames + 1) {
        return Err(BenchmarkError::Stop("the callee's frames did not all run"));
    }
    within_declared(outcome.gas_consumed, benchmark_needs::frames_gas(frames))?;
    within_declared(
        outcome.weight_units,
        benchmark_needs::frames_units(&schedule, frames),
    )
}

/// Whether `ewasm_frames`' run of `frames` calls ran a frame of the callee each, within what
/// [`benchmark_needs`] declares.
fn ewasm_frames_ran<T: Config>(outcome: Outcome, frames: u32) -> Result<(), BenchmarkError> {
    let schedule = T::Schedule::get();
    let per_frame = benchmark_needs::smallest_ewasm_frame_gas(&schedule);
    if outcome.gas_consumed < per_frame * u64::from(frames) {
        return Err(BenchmarkError::Stop("the callee's frames did not all run"));
    }
    within_declared(
        outcome.gas_consumed,
        benchmark_needs::ewasm_frames_gas(&schedule, frames),
    )
}

/// Whether `evm_nested_frames`' run nested all of its `frames` (a refused call would only
/// return 0) within what [`benchmark_needs`] declares.
fn nested_frames_ran<T: Config>(outcome: Outcome, frames: u32) -> Result<(), BenchmarkError> {
    let schedule = T::Schedule::get();
    if outcome.weight_units < benchmark_needs::nested_frame_units(&schedule) * u64::from(frames) {
        return Err(BenchmarkError::Stop("the nested frames did not all run"));
    }
    within_declared(
        outcome.weight_units,
        benchmark_needs::nested_units(&schedule, frames),
    )
}

/// A caller and `code` installed for a code-loading benchmark, and the gas it runs with.
fn code_loading<T: Config>(code: Vec<u8>) -> (T::AccountId, u32) {
    let caller = funded_caller::<T>();
    install::<T>(&caller, code);
    (caller, most_loading_gas::<T>())
}

/// A caller, and `code` installed: a loop that runs until it is out of gas.
fn computation<T: Config>(code: Vec<u8>) -> T::AccountId {
    let caller = funded_caller::<T>();
    install::<T>(&caller, code);
    caller
}

/// Runs the installed loop with `gas`.
fn out_of_gas<T: Config>(caller: &T::AccountId, gas: u32) -> Result<(), BenchmarkError> {
    run::<T>(
        caller,
        gas,
        Vec::new(),
        ExecStatus::Halt(HaltReason::OutOfGas),
    )
}

#[benchmarks]
mod benchmarks {
    use super::*;

    /// Validating and storing `c` bytes of init code.
    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn upload_code(c: Linear<0, { T::MaxCodeLen::get() }>) {
        let caller = funded_caller::<T>();
        let code = code::deployer(c.max(code::deployer_len()));
        let code_hash = keccak256(&code);
        #[extrinsic_call]
        _(RawOrigin::Signed(caller), code, None);
        assert!(PristineCode::<T>::contains_key(code_hash));
    }

    /// A call of a contract that returns at once by an account whose address is mapped (every
    /// call but its first): everything but execution and code loading.
    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn call() -> Result<(), BenchmarkError> {
        let caller = funded_caller::<T>();
        install::<T>(&caller, code::noop());
        Pallet::<T>::bare_call(&caller, CONTRACT, 0, 100_000, Vec::new())
            .map_err(|_| BenchmarkError::Stop("the first call failed"))?;
        #[extrinsic_call]
        _(
            RawOrigin::Signed(caller),
            CONTRACT,
            0,
            100_000,
            Vec::new(),
            None,
        );
        Ok(())
    }

    /// [`call`] as an account's first: it also maps the account's address and holds the
    /// mapping's deposit.
    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn call_mapping_address() {
        let caller = funded_caller::<T>();
        install::<T>(&caller, code::noop());
        #[extrinsic_call]
        call(
            RawOrigin::Signed(caller.clone()),
            CONTRACT,
            0,
            100_000,
            Vec::new(),
            None,
        );
        assert!(crate::OriginalAccount::<T>::contains_key(
            Pallet::<T>::address_of(&caller)
        ));
    }

    /// Instantiating stored init code that deploys a contract returning at once.
    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn instantiate() -> Result<(), BenchmarkError> {
        let caller = funded_caller::<T>();
        let code_hash = Pallet::<T>::store_code(&caller, code::deployer(0), None)
            .map_err(|_| BenchmarkError::Stop("upload failed"))?;
        let contracts = ContractInfoOf::<T>::iter_keys().count();
        #[extrinsic_call]
        _(
            RawOrigin::Signed(caller),
            0,
            100_000,
            code_hash,
            Vec::new(),
            None,
            None,
        );
        assert_eq!(ContractInfoOf::<T>::iter_keys().count(), contracts + 1);
        Ok(())
    }

    /// Removing unused stored code.
    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn remove_code() -> Result<(), BenchmarkError> {
        let caller = funded_caller::<T>();
        let code_hash = Pallet::<T>::store_code(&caller, code::deployer(0), None)
            .map_err(|_| BenchmarkError::Stop("upload failed"))?;
        #[extrinsic_call]
        _(RawOrigin::Signed(caller), code_hash);
        assert!(!PristineCode::<T>::contains_key(code_hash));
        Ok(())
    }

    /// `on_idle` removing `k` slots of one terminated contract.
    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn drain_deletion_queue(k: Linear<0, 1_000>) {
        let trie_id = 7;
        for i in 0..k {
            ContractStorage::<T>::insert(
                trie_id,
                H256::from_slice(&code::word(i)),
                H256::repeat_byte(1),
            );
        }
        DeletionQueue::<T>::insert(0, trie_id);
        DeletionQueueCounterOf::<T>::put(DeletionQueueCounter {
            insert: 1,
            delete: 0,
        });
        #[block]
        {
            Pallet::<T>::drain_deletion_queue(Weight::MAX);
        }
        assert_eq!(DeletionQueueCounterOf::<T>::get().delete, 1);
    }

    // Computation: `g` gas of a loop of one kind of instruction, in an EVM or an Ewasm frame.

    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn evm_alu(g: Linear<MIN_GAS, MAX_GAS>) -> Result<(), BenchmarkError> {
        let caller = computation::<T>(code::evm_loop(EvmLoop::Alu));
        let result;
        #[block]
        {
            result = out_of_gas::<T>(&caller, g);
        }
        result
    }

    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn evm_mul_div(g: Linear<MIN_GAS, MAX_GAS>) -> Result<(), BenchmarkError> {
        let caller = computation::<T>(code::evm_loop(EvmLoop::MulDiv));
        let result;
        #[block]
        {
            result = out_of_gas::<T>(&caller, g);
        }
        result
    }

    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn evm_signed_div(g: Linear<MIN_GAS, MAX_GAS>) -> Result<(), BenchmarkError> {
        let caller = computation::<T>(code::evm_loop(EvmLoop::SignedDiv));
        let result;
        #[block]
        {
            result = out_of_gas::<T>(&caller, g);
        }
        result
    }

    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn evm_mulmod(g: Linear<MIN_GAS, MAX_GAS>) -> Result<(), BenchmarkError> {
        let caller = computation::<T>(code::evm_loop(EvmLoop::MulMod));
        let result;
        #[block]
        {
            result = out_of_gas::<T>(&caller, g);
        }
        result
    }

    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn evm_exp(g: Linear<MIN_GAS, MAX_GAS>) -> Result<(), BenchmarkError> {
        let caller = computation::<T>(code::evm_loop(EvmLoop::Exp));
        let result;
        #[block]
        {
            result = out_of_gas::<T>(&caller, g);
        }
        result
    }

    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn evm_swap(g: Linear<MIN_GAS, MAX_GAS>) -> Result<(), BenchmarkError> {
        let caller = computation::<T>(code::evm_loop(EvmLoop::Swap));
        let result;
        #[block]
        {
            result = out_of_gas::<T>(&caller, g);
        }
        result
    }

    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn evm_memory(g: Linear<MIN_GAS, MAX_GAS>) -> Result<(), BenchmarkError> {
        let caller = computation::<T>(code::evm_loop(EvmLoop::Memory));
        let result;
        #[block]
        {
            result = out_of_gas::<T>(&caller, g);
        }
        result
    }

    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn evm_keccak(g: Linear<MIN_GAS, MAX_GAS>) -> Result<(), BenchmarkError> {
        let caller = computation::<T>(code::evm_loop(EvmLoop::Keccak));
        let result;
        #[block]
        {
            result = out_of_gas::<T>(&caller, g);
        }
        result
    }

    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn evm_jump(g: Linear<MIN_GAS, MAX_GAS>) -> Result<(), BenchmarkError> {
        let caller = computation::<T>(code::evm_loop(EvmLoop::Jump));
        let result;
        #[block]
        {
            result = out_of_gas::<T>(&caller, g);
        }
        result
    }

    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn evm_transient(g: Linear<MIN_GAS, MAX_GAS>) -> Result<(), BenchmarkError> {
        let caller = computation::<T>(code::evm_loop(EvmLoop::Transient));
        let result;
        #[block]
        {
            result = out_of_gas::<T>(&caller, g);
        }
        result
    }

    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn ewasm_alu(g: Linear<MIN_GAS, MAX_GAS>) -> Result<(), BenchmarkError> {
        let caller = computation::<T>(code::ewasm_loop(EwasmLoop::Alu));
        let result;
        #[block]
        {
            result = out_of_gas::<T>(&caller, g);
        }
        result
    }

    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn ewasm_call(g: Linear<MIN_GAS, MAX_GAS>) -> Result<(), BenchmarkError> {
        let caller = computation::<T>(code::ewasm_loop(EwasmLoop::Call));
        let result;
        #[block]
        {
            result = out_of_gas::<T>(&caller, g);
        }
        result
    }

    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn ewasm_memory(g: Linear<MIN_GAS, MAX_GAS>) -> Result<(), BenchmarkError> {
        let caller = computation::<T>(code::ewasm_loop(EwasmLoop::Memory));
        let result;
        #[block]
        {
            result = out_of_gas::<T>(&caller, g);
        }
        result
    }

    /// `r` cold SLOADs of existing slots.
    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn evm_sload_cold(r: Linear<0, MAX_SLOADS>) -> Result<(), BenchmarkError> {
        let caller = funded_caller::<T>();
        let info = install::<T>(&caller, code::evm_sload());
        for i in 1..=r {
            let key = H256::from_slice(&code::word(i));
            ContractStorage::<T>::insert(info.trie_id, key, H256::repeat_byte(1));
        }
        let gas = block_gas::<T>();
        let outcome;
        #[block]
        {
            outcome = run_to_outcome::<T>(&caller, gas, code::word(r), ExecStatus::Success);
        }
        within_declared(outcome?.gas_consumed, benchmark_needs::sload_gas(r))
    }

    /// `r` SSTOREs of new slots (with their storage deposits).
    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn evm_sstore_new(r: Linear<0, MAX_SSTORES>) -> Result<(), BenchmarkError> {
        let caller = funded_caller::<T>();
        let info = install::<T>(&caller, code::evm_sstore());
        let gas = block_gas::<T>();
        let outcome;
        #[block]
        {
            outcome = run_to_outcome::<T>(&caller, gas, code::word(r), ExecStatus::Success);
        }
        let stored = ContractStorage::<T>::iter_prefix(info.trie_id).count() as u32;
        if stored != r {
            return Err(BenchmarkError::Stop("the contract did not store its slots"));
        }
        within_declared(outcome?.gas_consumed, benchmark_needs::sstore_gas(r))
    }

    /// A call of EVM code of `c` JUMPDESTs: reading and analysing code that runs every byte.
    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn evm_code_load(c: Linear<0, MAX_JUMPDESTS>) -> Result<(), BenchmarkError> {
        let (caller, gas) = code_loading::<T>(benchmark_needs::jumpdest_code(c));
        let outcome;
        #[block]
        {
            outcome = run_to_outcome::<T>(&caller, gas, Vec::new(), ExecStatus::Success);
        }
        within_declared(
            outcome?.weight_units,
            benchmark_needs::code_units(&T::Schedule::get(), c),
        )
    }

    /// A call of EVM code of `c` JUMPIs jumped over: reading and analysing code of which four
    /// instructions run.
    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn evm_dense_code_load(c: Linear<0, MAX_JUMPDESTS>) -> Result<(), BenchmarkError> {
        let (caller, gas) = code_loading::<T>(benchmark_needs::jumpi_code(c));
        let outcome;
        #[block]
        {
            outcome = run_to_outcome::<T>(&caller, gas, Vec::new(), ExecStatus::Success);
        }
        within_declared(
            outcome?.weight_units,
            benchmark_needs::dense_code_units(&T::Schedule::get(), c),
        )
    }

    /// A call of EVM code of `c` JUMPIs after a STOP: reading and analysing code of which one
    /// instruction runs.
    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn evm_unentered_code_load(c: Linear<0, MAX_JUMPDESTS>) -> Result<(), BenchmarkError> {
        let (caller, gas) = code_loading::<T>(benchmark_needs::unentered_jumpi_code(c));
        let outcome;
        #[block]
        {
            outcome = run_to_outcome::<T>(&caller, gas, Vec::new(), ExecStatus::Success);
        }
        within_declared(
            outcome?.weight_units,
            benchmark_needs::unentered_code_units(&T::Schedule::get(), c),
        )
    }

    /// `r` calls of the smallest Ewasm contract (an empty function called from `main`, one
    /// page of memory): a frame's fixed cost (a wasmi engine, parsing, host functions,
    /// instantiation), which Ewasm frames pay in gas (their code's bytes and memory pages).
    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn ewasm_frames(r: Linear<0, MAX_FRAMES>) -> Result<(), BenchmarkError> {
        let caller = funded_caller::<T>();
        install::<T>(&caller, code::evm_caller(CALLEE.0));
        install_at::<T>(&caller, CALLEE, code::ewasm_sized(0));
        let gas = most_loading_gas::<T>();
        let outcome;
        #[block]
        {
            outcome = run_to_outcome::<T>(&caller, gas, code::word(r), ExecStatus::Success);
        }
        ewasm_frames_ran::<T>(outcome?, r)
    }

    /// `r` calls of the smallest EVM contract: a frame's fixed cost (the interpreter's stack and
    /// memory, the checkpoint), which the weight meter counts as `evm_frame` units.
    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn evm_frames(r: Linear<0, MAX_FRAMES>) -> Result<(), BenchmarkError> {
        let caller = funded_caller::<T>();
        install::<T>(&caller, code::evm_caller(CALLEE.0));
        install_at::<T>(&caller, CALLEE, SMALLEST_EVM_CODE.to_vec());
        let gas = most_loading_gas::<T>();
        let outcome;
        #[block]
        {
            outcome = run_to_outcome::<T>(&caller, gas, code::word(r), ExecStatus::Success);
        }
        frames_ran::<T>(outcome?, r)
    }

    /// `d` nested frames of [`benchmark_needs::nested_code`], each calling the next: loading
    /// code while the frames that called it hold theirs, as the call and create bombs do, which
    /// the one-frame loading benchmarks do not see.
    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn evm_nested_frames(d: Linear<1, MAX_NESTED_FRAMES>) -> Result<(), BenchmarkError> {
        let (caller, gas) = code_loading::<T>(benchmark_needs::nested_code());
        let outcome;
        #[block]
        {
            outcome = run_to_outcome::<T>(&caller, gas, code::word(d - 1), ExecStatus::Success);
        }
        nested_frames_ran::<T>(outcome?, d)
    }

    /// A call of an Ewasm contract of `c` bytes that runs all of its code once.
    #[benchmark(pov_mode = MaxEncodedLen { Ewasm::PristineCode: Measured })]
    fn ewasm_code_load(c: Linear<0, { T::MaxCodeLen::get() / 2 }>) -> Result<(), BenchmarkError> {
        let caller = funded_caller::<T>();
        install::<T>(&caller, code::ewasm_sized(c));
        let gas = block_gas::<T>();
        let result;
        #[block]
        {
            result = run::<T>(&caller, gas, Vec::new(), ExecStatus::Success);
        }
        result
    }

    impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
