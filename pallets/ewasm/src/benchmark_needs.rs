//! The ranges of the benchmarks whose largest runs take a large part of a block, and what those
//! runs need of a runtime's limits. `benchmark pallet` runs on a runtime only if its block gas
//! limit and weight-meter limit hold them: runtimes call [`check`] in their tests (the mock's
//! limits are far larger, so the benchmarks' own run in CI cannot see it), and the benchmarks
//! stop with an error if a run needs more than is declared here.

use crate::{Config, Pallet};
use alloc::{vec, vec::Vec};
use ewasm_engine::{
    gas::access::{sstore_cost, COLD_ACCOUNT_ACCESS, COLD_SLOAD, WARM_ACCESS},
    GasSchedule, H256,
};
use frame_support::traits::Get;

/// Most cold reads of `evm_sload_cold`.
pub const MAX_SLOADS: u32 = 500;
/// Most new slots of `evm_sstore_new`.
pub const MAX_SSTORES: u32 = 50;
/// Most calls of the smallest contract in `evm_frames`.
pub const MAX_FRAMES: u32 = 100;
/// Most bytes of the loading benchmarks' code (`evm_code_load` and the JUMPI ones).
pub const MAX_JUMPDESTS: u32 = 6_144;

/// Most frames of `evm_nested_frames`.
pub const MAX_NESTED_FRAMES: u32 = 8;
/// Bytes of `evm_nested_frames`' code after the part that runs: analysed, never run.
pub const NESTED_PADDING: u32 = 4_096;

/// EVM code that stops at once (STOP): the smallest frame of EVM code, which `evm_frames` calls.
pub const SMALLEST_EVM_CODE: [u8; 1] = [0x00];

/// EVM code of `jumpdests` JUMPDESTs, then STOP: `evm_code_load`'s code, which runs every byte
/// of itself (a JUMPDEST counts the frame's gas to the weight meter).
pub fn jumpdest_code(jumpdests: u32) -> Vec<u8> {
    let mut code = vec![0x5b; jumpdests as usize];
    code.push(0x00);
    code
}

/// EVM code of `jumpis` JUMPIs that a taken JUMPI before them skips, then a JUMPDEST and
/// STOP: `evm_dense_code_load`'s code, analysed whole while the frame runs four instructions.
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

/// STOP, a JUMPDEST and `jumpis` JUMPIs: `evm_unentered_code_load`'s code, of which the frame
/// runs one instruction: what the weight meter charges before a frame runs (per byte) pays for
/// the rest.
pub fn unentered_jumpi_code(jumpis: u32) -> Vec<u8> {
    let mut code = vec![0x00, 0x5b];
    code.resize(code.len() + jumpis as usize, 0x57);
    code
}

/// `evm_nested_frames`' code: unless the first word of its call data is 0, a call of itself
/// with that word less one, then STOP, then [`NESTED_PADDING`] bytes never run: called with
/// `n`, it nests `n + 1` frames, each holding its code and memory while the next loads (as the
/// call and create bombs do).
pub fn nested_code() -> Vec<u8> {
    let mut code = vec![
        0x5f, 0x35, // PUSH0 CALLDATALOAD: n
        0x80, 0x15, 0x61, 0x00, NESTED_END, 0x57, // DUP1 ISZERO PUSH2 end JUMPI
        0x60, 0x01, 0x90, 0x03, // PUSH1 1 SWAP1 SUB: n - 1
        0x5f, 0x52, // PUSH0 MSTORE: the callee's call data
        // retSize 0, retOffset 0, argsSize 32, argsOffset 0, value 0, ADDRESS, GAS: CALL, POP
        0x5f, 0x5f, 0x60, 0x20, 0x5f, 0x5f, 0x30, 0x5a, 0xf1, 0x50, 0x5b,
        0x00, // end: JUMPDEST STOP
    ];
    code.resize(code.len() + NESTED_PADDING as usize, 0xfe);
    code
}

/// Where [`nested_code`]'s JUMPDEST before its STOP is.
const NESTED_END: u8 = 24;

/// Weight-meter units a frame of EVM `code` pays before it runs: its set-up and its bytes.
pub fn load_units(schedule: &GasSchedule, code: &[u8]) -> u64 {
    schedule.evm_frame_cost(code.len())
}

/// Weight-meter units of a frame of [`nested_code`], less its call data (a test checks it is
/// what the frame is charged, less 1 %): the rates divide the benchmark's slope by it.
pub fn nested_frame_units(schedule: &GasSchedule) -> u64 {
    load_units(schedule, &nested_code())
}

/// Weight-meter units per JUMPI of `evm_dense_code_load`'s and `evm_unentered_code_load`'s
/// code: its byte.
pub fn jumpi_units(schedule: &GasSchedule) -> u64 {
    schedule.evm_analysis_byte
}

/// Weight-meter units of a frame of [`SMALLEST_EVM_CODE`].
pub fn smallest_frame_units(schedule: &GasSchedule) -> u64 {
    load_units(schedule, &SMALLEST_EVM_CODE)
}

/// Weight-meter units of copying a call's data of at most a word to the callee.
fn call_data_units(schedule: &GasSchedule) -> u64 {
    ewasm_engine::gas::meter::copy_cost(0, schedule.data_word, 32)
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

/// Bytes of `ewasm_frames`' callee, the smallest Ewasm contract, at least (a test checks it).
pub const SMALLEST_EWASM_CODE_LEN: u64 = 77;

/// Gas a call of the smallest Ewasm contract (`ewasm_frames`' callee) uses at least: the
/// caller's warm access of it, and the callee's code bytes and memory page.
pub fn smallest_ewasm_frame_gas(schedule: &GasSchedule) -> u64 {
    let code = SMALLEST_EWASM_CODE_LEN;
    WARM_ACCESS
        .saturating_add(code.saturating_mul(schedule.code_load_byte))
        .saturating_add(schedule.memory_page)
}

/// Gas of `ewasm_frames`' run of `frames` calls, at most: each a cold account's worth beside
/// the callee's own gas (its code, its page, its few instructions and the call's copies).
pub fn ewasm_frames_gas(schedule: &GasSchedule, frames: u32) -> u64 {
    u64::from(frames)
        .saturating_mul(
            CALL_OPERANDS_GAS + COLD_ACCOUNT_ACCESS + smallest_ewasm_frame_gas(schedule) + 100,
        )
        .saturating_add(LOOP_FIXED_GAS + u64::from(frames) * LOOP_ITERATION_GAS)
}

/// Weight-meter units the caller's frame in `evm_frames` pays beside its calls: its code is
/// under a hundred bytes.
const CALLER_UNITS: u64 = 100;

/// Weight-meter units of `evm_frames`' run of `frames` calls: a frame of the smallest contract
/// and its call data each, and the caller's frame.
pub fn frames_units(schedule: &GasSchedule, frames: u32) -> u64 {
    u64::from(frames)
        .saturating_mul(smallest_frame_units(schedule).saturating_add(call_data_units(schedule)))
        .saturating_add(load_units(schedule, &[]))
        .saturating_add(CALLER_UNITS)
}

/// Weight-meter units of `evm_nested_frames`' run of `frames` nested frames: each frame's
/// loading and its word of call data.
pub fn nested_units(schedule: &GasSchedule, frames: u32) -> u64 {
    u64::from(frames)
        .saturating_mul(nested_frame_units(schedule).saturating_add(call_data_units(schedule)))
}

/// Weight-meter units of `evm_code_load`'s run of code of `jumpdests` JUMPDESTs and a STOP.
pub fn code_units(schedule: &GasSchedule, jumpdests: u32) -> u64 {
    load_units(schedule, &jumpdest_code(jumpdests))
}

/// Weight-meter units of `evm_dense_code_load`'s run of code of `jumpis` JUMPIs and a STOP.
pub fn dense_code_units(schedule: &GasSchedule, jumpis: u32) -> u64 {
    load_units(schedule, &jumpi_code(jumpis))
}

/// Weight-meter units of `evm_unentered_code_load`'s run of code of `jumpis` JUMPIs.
pub fn unentered_code_units(schedule: &GasSchedule, jumpis: u32) -> u64 {
    load_units(schedule, &unentered_jumpi_code(jumpis))
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
    if ewasm_frames_gas(&schedule, MAX_FRAMES) > gas.into() {
        return Err("ewasm_frames: MAX_FRAMES frames need more gas than a call may use");
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

    #[test]
    fn the_nested_code_jumps_to_its_end() {
        let code = nested_code();
        let end = usize::from(NESTED_END);
        assert_eq!(&code[end..end + 2], &[0x5b, 0x00]);
        assert_eq!(code.len(), end + 2 + NESTED_PADDING as usize);
        // The PUSH2 operand before the first JUMPI.
        assert_eq!(u16::from_be_bytes([code[5], code[6]]) as usize, end);
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
