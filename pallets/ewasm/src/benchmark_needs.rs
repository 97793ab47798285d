//! The ranges of the benchmarks whose largest runs take a large part of a block, and what those
//! runs need of a runtime's limits. `benchmark pallet` runs on a runtime only if its block gas
//! limit and weight-meter limit hold them: runtimes call [`check`] in their tests (the mock's
//! limits are far larger, so the benchmarks' own run in CI cannot see it), and the benchmarks
//! stop with an error if a run needs more than is declared here.

use crate::{Config, Pallet};
use alloc::{vec, vec::Vec};
use ewasm_engine::{
    gas::access::{sstore_cost, COLD_ACCOUNT_ACCESS, COLD_SLOAD},
    GasSchedule, H256,
};
use frame_support::traits::Get;

/// Most cold reads of `evm_sload_cold`.
pub const MAX_SLOADS: u32 = 500;
/// Most new slots of `evm_sstore_new`.
pub const MAX_SSTORES: u32 = 50;
/// Most calls of the smallest contract in `evm_frames`: 200 (523 K weight-meter units) did not
/// fit the parachain's 303 K.
pub const MAX_FRAMES: u32 = 100;
/// Most JUMPDESTs of `evm_code_load`'s code: 8,192 (338 K weight-meter units) did not fit the
/// parachain's 303 K.
pub const MAX_JUMPDESTS: u32 = 6_144;

/// Most frames of `evm_nested_frames`: 8 frames of its code (~33 K weight-meter units each) fit
/// the parachain's 303 K per call.
pub const MAX_NESTED_FRAMES: u32 = 8;
/// JUMPDESTs of `evm_nested_frames`' code: a thousand wasm functions compiled in each frame and
/// held while the frames it calls load theirs.
pub const NESTED_JUMPDESTS: u32 = 1_024;

/// EVM code that stops at once (STOP): the smallest frame of EVM code, which `evm_frames` calls.
pub const SMALLEST_EVM_CODE: [u8; 1] = [0x00];

/// EVM code of `jumpdests` JUMPDESTs, then STOP: `evm_code_load`'s code (the most wasm the
/// translation makes of a byte, one function each).
pub fn jumpdest_code(jumpdests: u32) -> Vec<u8> {
    let mut code = vec![0x5b; jumpdests as usize];
    code.push(0x00);
    code
}

/// EVM code of `jumpis` JUMPIs that a taken JUMPI before them skips, then a JUMPDEST and
/// STOP: `evm_dense_code_load`'s code. The skipped JUMPIs are live code in the first section's
/// wasm function (17 bytes each, the most of any opcode but JUMPDEST) and the slowest wasm to
/// compile per byte measured (2026-12-07: 24 ns per module byte natively, runs of other opcodes
/// 12–20), so wasmi compiles them all while the frame runs four instructions.
pub fn jumpi_code(jumpis: u32) -> Vec<u8> {
    debug_assert!(
        jumpis + 6 <= 0xffff,
        "the JUMPDEST is beyond a PUSH2 target"
    );
    // PUSH1 1, PUSH2 to the JUMPDEST, JUMPI (taken), the JUMPIs, JUMPDEST, STOP.
    let target = (jumpis + 6).to_be_bytes();
    let mut code = vec![0x60, 0x01, 0x61, target[2], target[3], 0x57];
    code.resize(code.len() + jumpis as usize, 0x57);
    code.extend_from_slice(&[0x5b, 0x00]);
    code
}

/// STOP, a JUMPDEST and `jumpis` JUMPIs: `evm_unentered_code_load`'s code. The JUMPIs are a
/// section no call enters, so a frame translates and parses them but does not compile them:
/// what the weight meter charges before a frame runs (per EVM byte) must pay for that.
pub fn unentered_jumpi_code(jumpis: u32) -> Vec<u8> {
    let mut code = vec![0x00, 0x5b];
    code.resize(code.len() + jumpis as usize, 0x57);
    code
}

/// `evm_nested_frames`' code: [`NESTED_JUMPDESTS`] JUMPDESTs, then, unless the first word of
/// its call data is 0, a call of itself with that word less one: called with `n`, it nests
/// `n + 1` frames, each holding its module while the next loads (as the call and create bombs
/// do).
pub fn nested_code() -> Vec<u8> {
    // `end`: the JUMPDEST 24 bytes after the run of JUMPDESTs.
    let end = (NESTED_JUMPDESTS + 24).to_be_bytes();
    let mut code = vec![0x5b; NESTED_JUMPDESTS as usize];
    code.extend_from_slice(&[
        0x5f, 0x35, // PUSH0 CALLDATALOAD: n
        0x80, 0x15, 0x61, end[2], end[3], 0x57, // DUP1 ISZERO PUSH2 end JUMPI
        0x60, 0x01, 0x90, 0x03, // PUSH1 1 SWAP1 SUB: n - 1
        0x5f, 0x52, // PUSH0 MSTORE: the callee's call data
        // retSize 0, retOffset 0, argsSize 32, argsOffset 0, value 0, ADDRESS, GAS: CALL, POP
        0x5f, 0x5f, 0x60, 0x20, 0x5f, 0x5f, 0x30, 0x5a, 0xf1, 0x50,
    ]);
    code.extend_from_slice(&[0x5b, 0x00]); // end: JUMPDEST STOP
    code
}

/// Bytes of [`nested_code`] after its JUMPDESTs (the call of itself and the end).
const NESTED_TAIL_LEN: u64 = 26;
/// Bytes of the module of [`nested_code`], at least (a test checks it).
const NESTED_MODULE_BYTES: usize = 21_600;

/// Weight-meter units of a frame of [`nested_code`], at most (a test keeps it within 1 %): the
/// rates divide the benchmark's slope by it without translating in the runtime.
pub fn nested_frame_units(schedule: &GasSchedule) -> u64 {
    let jumpdests = u64::from(NESTED_JUMPDESTS);
    (jumpdests + NESTED_TAIL_LEN)
        .saturating_mul(schedule.evm_translation)
        .saturating_add((jumpdests + 1).saturating_mul(schedule.evm_jumpdest))
        .saturating_add(schedule.evm_frame)
        .saturating_add(schedule.evm_module_cost(NESTED_MODULE_BYTES))
}

/// Weight-meter units a frame of EVM `code` pays if it enters every section (see
/// [`GasSchedule::evm_load_cost`]).
pub fn load_units(schedule: &GasSchedule, code: &[u8]) -> u64 {
    schedule.evm_load_cost(code, crate::exec::EVM_VERSION)
}

/// Module bytes a JUMPDEST of [`jumpdest_code`] adds, at least, on average over the
/// benchmark's range (18.98 at [`MAX_JUMPDESTS`]; a test checks it).
const JUMPDEST_MODULE_BYTES: u64 = 18;
/// Module bytes a JUMPI of [`jumpi_code`] adds, at least, on average over the benchmark's range
/// (a test checks it).
const JUMPI_MODULE_BYTES: u64 = 17;
/// Bytes of the module of [`SMALLEST_EVM_CODE`], at most (a test checks it).
const SMALLEST_EVM_MODULE_BYTES: usize = 408;

/// Weight-meter units per JUMPDEST of `evm_code_load`'s code, at most: the rates divide the
/// benchmark's slope by it without translating in the runtime.
pub fn jumpdest_units(schedule: &GasSchedule) -> u64 {
    schedule
        .evm_translation
        .saturating_add(schedule.evm_jumpdest)
        .saturating_add(schedule.evm_module_cost(JUMPDEST_MODULE_BYTES as usize))
}

/// Weight-meter units per JUMPI of `evm_dense_code_load`'s code, at most.
pub fn jumpi_units(schedule: &GasSchedule) -> u64 {
    schedule
        .evm_translation
        .saturating_add(schedule.evm_module_cost(JUMPI_MODULE_BYTES as usize))
}

/// Weight-meter units of a frame of [`SMALLEST_EVM_CODE`], at most.
pub fn smallest_frame_units(schedule: &GasSchedule) -> u64 {
    schedule
        .evm_frame_cost(&SMALLEST_EVM_CODE)
        .saturating_add(schedule.evm_module_cost(SMALLEST_EVM_MODULE_BYTES))
}

/// Weight-meter units per JUMPI of `evm_unentered_code_load`'s code: its translation (the
/// section it is in is not entered, so its module bytes are not charged).
pub fn unentered_jumpi_units(schedule: &GasSchedule) -> u64 {
    schedule.evm_translation
}

/// The gas the state-access benchmarks run with, and of which [`most_loading_gas`] takes
/// eighths: the block gas limit (a benchmark component is a `u32`).
pub fn block_gas<T: Config>() -> u32 {
    T::BlockGasLimit::get().min(u32::MAX.into()) as u32
}

/// Gas of the benchmarks' counting loop (`code::counted`) around each access: JUMPDEST, DUP1,
/// ISZERO, PUSH2, JUMPI, PUSH1, SWAP1, SUB, PUSH2, JUMP.
const LOOP_ITERATION_GAS: u64 = 40;
/// Gas of the loop's set-up (PUSH1, CALLDATALOAD) and exit (the last test, JUMPDEST, STOP),
/// rounded up.
const LOOP_FIXED_GAS: u64 = 100;
/// Gas of the stack operations around an access: at most three of 3 gas each.
const ACCESS_OPERANDS_GAS: u64 = 9;
/// Gas of a CALL's seven operand pushes (PUSH20 and GAS among them) and the POP of its status.
const CALL_OPERANDS_GAS: u64 = 7 * 3 + 2;

/// Gas of `evm_sload_cold`'s run of `reads` cold reads.
pub fn sload_gas(reads: u32) -> u64 {
    counted_loop_gas(reads, COLD_SLOAD)
}

/// Gas of `evm_sstore_new`'s run of `slots` new slots (cold SSTOREs of zero slots).
pub fn sstore_gas(slots: u32) -> u64 {
    let new_slot = sstore_cost(H256::zero(), H256::zero(), H256::repeat_byte(1)).0;
    counted_loop_gas(slots, new_slot.saturating_add(COLD_SLOAD))
}

/// Gas of `evm_frames`' run of `frames` calls, each counted as a cold account (the callee
/// stops at once: it returns all the gas it was given).
pub fn frames_gas(frames: u32) -> u64 {
    counted_loop_gas(frames, CALL_OPERANDS_GAS + COLD_ACCOUNT_ACCESS)
}

/// Weight-meter units the caller's frame in `evm_frames` may pay at most: its module (a call
/// loop: the call helpers and the counting loop) is a few KB.
const CALLER_UNITS: u64 = 8_000;

/// Weight-meter units of `evm_frames`' run of `frames` calls: a frame of the smallest contract
/// each, and the caller's.
pub fn frames_units(schedule: &GasSchedule, frames: u32) -> u64 {
    u64::from(frames)
        .saturating_mul(smallest_frame_units(schedule))
        .saturating_add(CALLER_UNITS)
}

/// Weight-meter units of `evm_nested_frames`' run of `frames` nested frames: each frame's
/// loading, and each call's word of input (copied to the host per word, `data_word`).
pub fn nested_units(schedule: &GasSchedule, frames: u32) -> u64 {
    let call_input = ewasm_engine::gas::meter::copy_cost(0, schedule.data_word, 32);
    u64::from(frames)
        .saturating_mul(load_units(schedule, &nested_code()).saturating_add(call_input))
}

/// Weight-meter units of `evm_code_load`'s run of code of `jumpdests` JUMPDESTs and a STOP.
pub fn code_units(schedule: &GasSchedule, jumpdests: u32) -> u64 {
    load_units(schedule, &jumpdest_code(jumpdests))
}

/// Weight-meter units of `evm_dense_code_load`'s run of code of `jumpis` JUMPIs and a STOP.
pub fn dense_code_units(schedule: &GasSchedule, jumpis: u32) -> u64 {
    load_units(schedule, &jumpi_code(jumpis))
}

/// Weight-meter units of `evm_unentered_code_load`'s run of code of `jumpis` JUMPIs no call
/// enters: the frame, the EVM bytes, the JUMPDEST, the carried part of the module and the
/// first section (a STOP).
pub fn unentered_code_units(schedule: &GasSchedule, jumpis: u32) -> u64 {
    let code = unentered_jumpi_code(jumpis);
    let entered =
        ewasm_engine::translator::translate_with_sections(&code, crate::exec::EVM_VERSION)
            .map_or(0, |translation| {
                translation.carried_len() + translation.section_sizes[0] as usize
            });
    schedule
        .evm_frame_cost(&code)
        .saturating_add(schedule.evm_module_cost(entered))
}

fn counted_loop_gas(count: u32, access: u64) -> u64 {
    u64::from(count)
        .saturating_mul(LOOP_ITERATION_GAS + ACCESS_OPERANDS_GAS + access)
        .saturating_add(LOOP_FIXED_GAS)
}

/// The gas limit (of eighths of the block gas limit) that allows the most weight-meter units,
/// which the loading benchmarks run with: a larger gas limit leaves a normal extrinsic less room
/// for them.
pub fn most_loading_gas<T: Config>() -> u32 {
    let block = block_gas::<T>();
    (1..=8)
        .map(|eighths| (u64::from(block) * eighths / 8) as u32)
        .max_by_key(|&gas| Pallet::<T>::weight_units_within(gas.into()))
        .unwrap_or(block)
}

/// Whether the largest run of every benchmark fits this runtime's limits: the state-access
/// ones its block gas limit, the loading ones the gas and weight-meter units of
/// [`most_loading_gas`].
///
/// # Errors
/// The first benchmark that would run out of gas or weight, and which.
pub fn check<T: Config>() -> Result<(), &'static str> {
    let block_gas = block_gas::<T>().into();
    if sload_gas(MAX_SLOADS) > block_gas {
        return Err("evm_sload_cold: MAX_SLOADS cold reads need more than the block gas limit");
    }
    if sstore_gas(MAX_SSTORES) > block_gas {
        return Err("evm_sstore_new: MAX_SSTORES new slots need more than the block gas limit");
    }
    let gas = most_loading_gas::<T>();
    let units = Pallet::<T>::weight_units_within(gas.into());
    let schedule = T::Schedule::get();
    if frames_gas(MAX_FRAMES) > gas.into() || frames_units(&schedule, MAX_FRAMES) > units {
        return Err("evm_frames: MAX_FRAMES frames need more gas or weight than a call may use");
    }
    if nested_units(&schedule, MAX_NESTED_FRAMES) > units {
        return Err("evm_nested_frames: MAX_NESTED_FRAMES need more weight than a call may use");
    }
    if code_units(&schedule, MAX_JUMPDESTS) > units {
        return Err("evm_code_load: MAX_JUMPDESTS need more weight than a call may use");
    }
    if unentered_code_units(&schedule, MAX_JUMPDESTS) > units {
        return Err(
            "evm_unentered_code_load: MAX_JUMPDESTS JUMPIs need more weight than a call may use",
        );
    }
    if dense_code_units(&schedule, MAX_JUMPDESTS) > units {
        return Err(
            "evm_dense_code_load: MAX_JUMPDESTS JUMPIs need more weight than a call may use",
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mock::Test;
    use ewasm_engine::gas::schedule::evm_module_len;

    #[test]
    fn the_rates_units_per_component_do_not_overstate_the_benchmarks_code() {
        let schedule = GasSchedule::default();
        let module_len = |code: &[u8]| evm_module_len(code, crate::exec::EVM_VERSION);
        let n = MAX_JUMPDESTS;
        let added = |code: fn(u32) -> Vec<u8>| (module_len(&code(n)) - module_len(&code(0))) as u64;
        assert!(added(jumpdest_code) >= u64::from(n) * JUMPDEST_MODULE_BYTES);
        assert!(added(jumpi_code) >= u64::from(n) * JUMPI_MODULE_BYTES);
        // Not far below either: the rate divides by them.
        assert!(added(jumpdest_code) < u64::from(n) * (JUMPDEST_MODULE_BYTES + 2));
        assert!(added(jumpi_code) < u64::from(n) * (JUMPI_MODULE_BYTES + 2));
        let smallest = module_len(&SMALLEST_EVM_CODE);
        assert!(smallest <= SMALLEST_EVM_MODULE_BYTES, "{smallest} bytes");
        assert_eq!(
            smallest_frame_units(&schedule),
            load_units(&schedule, &SMALLEST_EVM_CODE)
        );
        assert!(
            load_units(&schedule, &jumpdest_code(n)) - load_units(&schedule, &jumpdest_code(0))
                >= u64::from(n) * jumpdest_units(&schedule)
        );
        assert!(
            load_units(&schedule, &jumpi_code(n)) - load_units(&schedule, &jumpi_code(0))
                >= u64::from(n) * jumpi_units(&schedule)
        );
        // From one JUMPI on (the first brings the jump helpers into the carried part), only
        // the EVM bytes, and the code section's length growing by a LEB128 byte or two.
        let unentered = unentered_code_units(&schedule, n) - unentered_code_units(&schedule, 1);
        let per_jumpi = u64::from(n - 1) * unentered_jumpi_units(&schedule);
        assert!(
            (per_jumpi..=per_jumpi + 2).contains(&unentered),
            "{unentered}"
        );
    }

    #[test]
    fn a_nested_frames_units_are_bounded_closely_from_below() {
        let schedule = GasSchedule::default();
        let code = nested_code();
        assert_eq!(
            code.len() as u64,
            u64::from(NESTED_JUMPDESTS) + NESTED_TAIL_LEN
        );
        let module = evm_module_len(&code, crate::exec::EVM_VERSION);
        assert!(module >= NESTED_MODULE_BYTES, "{module} bytes");
        // The rate divides by the lower bound: it overstates a nested frame's cost by at
        // most the margin between them.
        let lower = nested_frame_units(&schedule);
        let frame = load_units(&schedule, &code);
        assert!(
            lower <= frame && frame * 100 <= lower * 101,
            "{lower} against {frame}"
        );
    }

    #[test]
    fn the_nested_code_jumps_to_its_end() {
        let code = nested_code();
        let end = NESTED_JUMPDESTS as usize + 24;
        assert_eq!(code[end], 0x5b);
        assert_eq!(code.len(), end + 2);
        // The PUSH2 operand before the JUMPI.
        assert_eq!(
            u16::from_be_bytes([code[end - 19], code[end - 18]]) as usize,
            end
        );
    }

    #[test]
    fn the_mock_holds_every_benchmark() {
        assert_eq!(check::<Test>(), Ok(()));
    }

    #[test]
    fn a_small_block_gas_limit_is_refused() {
        // Enough for MAX_SLOADS cold reads (1.07 M gas), not for MAX_SSTORES new slots (1.11 M).
        crate::mock::BlockGasLimit::set(1_100_000);
        assert!(check::<Test>().unwrap_err().starts_with("evm_sstore_new"));
        crate::mock::BlockGasLimit::set(30_000_000);
    }
}
