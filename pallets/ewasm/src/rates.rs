//! The weight of one unit of gas, from the benchmarked weights (`weights.rs`): the one place
//! benchmark results become the pallet's rates (`Config::WeightPerGas`,
//! `Config::WeightPerStateGas`, `Config::WeightPerMeterUnit`) and the deletion queue's costs.
//!
//! Gas stays contract semantics; what a unit of each kind the weight meter counts weighs is the
//! steepest slope among the benchmarks of work priced in it, so that no contract can buy work
//! below its cost:
//! - gas (`WeightPerGas`): computation, each benchmarked loop (EVM and Ewasm frames, per kind of
//!   instruction) per gas, Ewasm code per unit of gas its loading and running charge, and an
//!   Ewasm frame's fixed cost per the gas a call of the smallest contract uses;
//! - weight-meter units (`WeightPerMeterUnit`): EVM code per unit it is charged (a unit per
//!   byte analysed) and a frame's fixed cost;
//! - state-access gas (`WeightPerStateGas`): cold reads and new slots per unit of their
//!   state-access gas (the whole iteration of the benchmark's loop is counted against it: an
//!   over-estimate).
//!
//! Proof size is charged per item read instead ([`proof_costs`]); the rate's proof size is
//! only what the gas limit reserves for it.

use crate::{host::proof_items, weights::WeightInfo, Config, ProofCosts};
use core::marker::PhantomData;
use ewasm_engine::{
    gas::{
        access::{sstore_cost, COLD_SLOAD},
        weight::state_part,
    },
    GasSchedule, H256,
};
use frame_support::{traits::Get, weights::Weight};

/// The benchmarks' gas range (see `benchmarking`), over which computation slopes are taken.
const GAS_RANGE: (u32, u32) = (20_000, 200_000);
/// The component ranges of the per-access and per-byte benchmarks used here.
const ACCESSES: (u32, u32) = (0, 100);
const CODE_BYTES: (u32, u32) = (0, crate::benchmark_needs::MAX_JUMPDESTS);
const FRAMES: (u32, u32) = (0, crate::benchmark_needs::MAX_FRAMES);
const NESTED_FRAMES: (u32, u32) = (1, crate::benchmark_needs::MAX_NESTED_FRAMES);

/// `(f(to) - f(from)) / ((to - from) × units)`, rounded up in both components.
fn slope(f: impl Fn(u32) -> Weight, (from, to): (u32, u32), units: u64) -> Weight {
    let rise = f(to).saturating_sub(f(from));
    let run = u64::from(to.saturating_sub(from))
        .saturating_mul(units)
        .max(1);
    Weight::from_parts(
        rise.ref_time().div_ceil(run),
        rise.proof_size().div_ceil(run),
    )
}

/// Component-wise maximum.
fn steepest(weights: impl IntoIterator<Item = Weight>) -> Weight {
    weights.into_iter().fold(Weight::zero(), |a, b| a.max(b))
}

/// Weight of one gas of computation, EVM frames.
pub fn evm_computation<W: WeightInfo>() -> Weight {
    steepest(
        [
            W::evm_alu as fn(u32) -> Weight,
            W::evm_mul_div,
            W::evm_signed_div,
            W::evm_mulmod,
            W::evm_exp,
            W::evm_swap,
            W::evm_memory,
            W::evm_keccak,
            W::evm_jump,
            W::evm_transient,
        ]
        .map(|f| slope(f, GAS_RANGE, 1)),
    )
}

/// Weight of one gas of computation, Ewasm frames.
pub fn ewasm_computation<W: WeightInfo>() -> Weight {
    steepest(
        [
            W::ewasm_alu as fn(u32) -> Weight,
            W::ewasm_call,
            W::ewasm_memory,
        ]
        .map(|f| slope(f, GAS_RANGE, 1)),
    )
}

/// Weight of one unit of gas loading Ewasm code is charged: per unit of gas a byte of
/// [`crate::benchmarking`]'s sized contract costs (its loading per byte and the instructions it
/// runs).
pub fn ewasm_code_loading<W: WeightInfo>(schedule: &GasSchedule, instruction_cost: u64) -> Weight {
    // 2 instructions per 3 bytes: charge per 3 bytes, over a third of the range.
    let (instructions, bytes) = EWASM_INSTRUCTIONS_PER_BYTE;
    let ewasm_units_per_bytes = schedule.code_load_byte * bytes + instruction_cost * instructions;
    slope(
        |c| W::ewasm_code_load(c.saturating_mul(bytes as u32)),
        (CODE_BYTES.0, CODE_BYTES.1 / bytes as u32),
        ewasm_units_per_bytes.max(1),
    )
}

/// Weight of one weight-meter unit loading EVM code: the steepest of code per byte (a unit
/// each) — dense JUMPI code analysed while four instructions run, and code of which a frame
/// runs one instruction — and a frame's fixed cost per its units (the whole of a call of the
/// smallest contract counted against them: an over-estimate), and frames loading code while
/// the frames that called them hold theirs, per the units of a frame. JUMPDEST code
/// (`evm_code_load`) runs every byte of itself: its slope is computation more than loading,
/// which gas pays for.
pub fn evm_code_loading<W: WeightInfo>(schedule: &GasSchedule) -> Weight {
    use crate::benchmark_needs::{jumpi_units, nested_frame_units, smallest_frame_units};
    let per_byte = jumpi_units(schedule).max(1);
    steepest([
        slope(W::evm_dense_code_load, CODE_BYTES, per_byte),
        slope(W::evm_unentered_code_load, CODE_BYTES, per_byte),
        slope(W::evm_frames, FRAMES, smallest_frame_units(schedule).max(1)),
        slope(
            W::evm_nested_frames,
            NESTED_FRAMES,
            nested_frame_units(schedule).max(1),
        ),
    ])
}

/// Weight of one unit of gas an Ewasm frame of the smallest contract pays: a frame's fixed cost
/// (a wasmi engine, parsing, host functions, instantiation) against the least gas a call of it
/// uses (the caller's warm access, the callee's code bytes and memory page).
pub fn ewasm_frame<W: WeightInfo>(schedule: &GasSchedule) -> Weight {
    slope(
        W::ewasm_frames,
        FRAMES,
        crate::benchmark_needs::smallest_ewasm_frame_gas(schedule).max(1),
    )
}

/// Instructions per bytes of the benchmarks' sized Ewasm contract (`i32.const 0; drop` pairs).
pub const EWASM_INSTRUCTIONS_PER_BYTE: (u64, u64) = (2, 3);

/// Weight of one unit of state-access gas: the steeper of a cold read and a new slot.
pub fn state_access<W: WeightInfo>() -> Weight {
    let new_slot = state_part(sstore_cost(H256::zero(), H256::zero(), H256::repeat_byte(1)).0)
        + state_part(COLD_SLOAD);
    steepest([
        slope(W::evm_sload_cold, ACCESSES, state_part(COLD_SLOAD)),
        slope(W::evm_sstore_new, ACCESSES, new_slot),
    ])
}

/// What one gas weighs: in ref_time the steepest of computation in either kind of frame and
/// Ewasm code loading (which Ewasm frames pay in gas); in proof size, what the gas limit
/// reserves for reads, the steepest of those and of state access and EVM code loading per
/// their units.
pub fn weight_per_gas<W: WeightInfo>(schedule: &GasSchedule, instruction_cost: u64) -> Weight {
    let gas = steepest([
        evm_computation::<W>(),
        ewasm_computation::<W>(),
        ewasm_code_loading::<W>(schedule, instruction_cost),
        ewasm_frame::<W>(schedule),
    ]);
    let reads = steepest([gas, state_access::<W>(), evm_code_loading::<W>(schedule)]);
    Weight::from_parts(gas.ref_time(), reads.proof_size())
}

/// Bytes by which an item the host reads may exceed a slot's (96): `System::Account` is 128,
/// `Balances::Holds` 103.
const ITEM_SIZE_MARGIN: u64 = 64;

/// What one read of each kind puts into the proof: a slot as a cold SLOAD's benchmark, the
/// other kinds as that many slot-sized items as the host reads for them ([`proof_items`]), each
/// with [`ITEM_SIZE_MARGIN`] (a test checks each group's items at their own sizes fit), code
/// per byte as the steeper of the code-loading benchmarks.
pub fn proof_costs<W: WeightInfo>() -> ProofCosts {
    let item = slope(W::evm_sload_cold, ACCESSES, 1).proof_size();
    let code_byte = steepest([
        slope(W::evm_code_load, CODE_BYTES, 1),
        slope(W::ewasm_code_load, CODE_BYTES, 1),
    ])
    .proof_size();
    let items = |group: &[(&str, &str)]| {
        item.saturating_add(ITEM_SIZE_MARGIN)
            .saturating_mul(group.len() as u64)
    };
    ProofCosts {
        item,
        code_byte,
        contract: items(proof_items::CONTRACT),
        balance: items(proof_items::BALANCE),
        nonce: items(proof_items::NONCE),
    }
}

/// `Config::ProofCosts` from `T::WeightInfo` (see [`proof_costs`]).
pub struct BenchmarkedProofCosts<T>(PhantomData<T>);

impl<T: Config> Get<ProofCosts> for BenchmarkedProofCosts<T> {
    fn get() -> ProofCosts {
        proof_costs::<T::WeightInfo>()
    }
}

/// The deletion queue's fixed cost and the cost of one slot removed.
pub fn deletion<W: WeightInfo>() -> (Weight, Weight) {
    (
        W::drain_deletion_queue(0),
        slope(W::drain_deletion_queue, (0, 1_000), 1),
    )
}

/// `Config::WeightPerGas` from `T::WeightInfo` (see [`weight_per_gas`]).
pub struct BenchmarkedWeightPerGas<T>(PhantomData<T>);

impl<T: Config> Get<Weight> for BenchmarkedWeightPerGas<T> {
    fn get() -> Weight {
        weight_per_gas::<T::WeightInfo>(&T::Schedule::get(), T::InstructionCost::get())
    }
}

/// `Config::WeightPerMeterUnit` from `T::WeightInfo` (see [`evm_code_loading`]).
pub struct BenchmarkedWeightPerMeterUnit<T>(PhantomData<T>);

impl<T: Config> Get<Weight> for BenchmarkedWeightPerMeterUnit<T> {
    fn get() -> Weight {
        evm_code_loading::<T::WeightInfo>(&T::Schedule::get())
    }
}

/// `Config::WeightPerStateGas` from `T::WeightInfo` (see [`state_access`]).
pub struct BenchmarkedWeightPerStateGas<T>(PhantomData<T>);

impl<T: Config> Get<Weight> for BenchmarkedWeightPerStateGas<T> {
    fn get() -> Weight {
        state_access::<T::WeightInfo>()
    }
}
