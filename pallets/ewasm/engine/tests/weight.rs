//! The weight meter's limit through the executor: gas beyond what the limit buys is refused
//! as running out of weight (the meter exhausted, so that the caller undoes the transaction),
//! however the gas is spent.

mod common;

use common::*;
use ewasm_engine::{
    gas::weight::{WeightRates, STATE_READ},
    memory_host::MemoryHost,
    EngineConfig, ExecStatus, Executor, HaltReason,
};

const RATES: WeightRates = WeightRates {
    gas: 10,
    state_gas: 1,
    unit: 5,
};
const GAS: u64 = 1_000_000;

fn run(
    host: MemoryHost,
    config: EngineConfig,
    limit: u64,
    to: ewasm_engine::Address,
    input: &[u8],
) -> (ExecStatus, Executor<MemoryHost>) {
    let mut exec = Executor::new(host, config, context());
    exec.set_weight_limit(limit, RATES);
    let result = exec.call(&message(to, input, GAS, 0));
    (result.status, exec)
}

/// 1 gas per wasm instruction: the fuel wasmi gets is bounded by the weight limit too.
fn metered() -> EngineConfig {
    EngineConfig {
        instruction_cost: 1,
        ..EngineConfig::default()
    }
}

#[test]
fn an_endless_loop_runs_out_of_weight_when_the_limit_buys_less_than_its_gas() {
    let endless = contract("", "(loop (br 0))");
    let (status, exec) = run(
        world_with(&endless),
        metered(),
        GAS * RATES.gas / 2,
        CONTRACT,
        &[],
    );
    assert_eq!(status, ExecStatus::Halt(HaltReason::OutOfWeight));
    let (used, exhausted) = exec.weight_used();
    assert!(exhausted, "the caller must undo the transaction");
    assert!(
        used <= GAS * RATES.gas / 2 && used > GAS * RATES.gas / 4,
        "{used}"
    );
    // With weight for all its gas it runs out of gas, as before.
    let (status, exec) = run(world_with(&endless), metered(), u64::MAX, CONTRACT, &[]);
    assert_eq!(status, ExecStatus::Halt(HaltReason::OutOfGas));
    assert!(!exec.weight_used().1);
    assert_eq!(
        exec.weight_used().0,
        GAS * RATES.gas + STATE_READ * RATES.state_gas,
        "every gas counted at its rate, and the read of the frame's code"
    );
}

#[test]
fn use_gas_beyond_the_limit_runs_out_of_weight() {
    let burner = contract(
        r#"(import "ethereum" "useGas" (func $useGas (param i64)))"#,
        "(call $useGas (i64.const 600000))",
    );
    let (status, exec) = run(
        world_with(&burner),
        metered(),
        GAS * RATES.gas / 2,
        CONTRACT,
        &[],
    );
    assert_eq!(status, ExecStatus::Halt(HaltReason::OutOfWeight));
    assert!(exec.weight_used().1);
    let (status, exec) = run(
        world_with(&burner),
        metered(),
        GAS * RATES.gas,
        CONTRACT,
        &[],
    );
    assert_eq!(status, ExecStatus::Success);
    assert!(exec.weight_used().0 >= 600_000 * RATES.gas);
}

#[test]
fn a_precompile_gets_only_the_gas_the_limit_leaves() {
    // sha256 of 1 KiB: 60 + 12 per word = 444 gas.
    let sha256 = ewasm_engine::Address::from_low_u64_be(2);
    let config = EngineConfig {
        evm_bytecode: true,
        ..EngineConfig::default()
    };
    let input = [7u8; 1024];
    let (status, exec) = run(
        world_with(""),
        config.clone(),
        400 * RATES.gas,
        sha256,
        &input,
    );
    assert_eq!(status, ExecStatus::Halt(HaltReason::OutOfWeight));
    assert!(exec.weight_used().1);
    let (status, exec) = run(world_with(""), config, 444 * RATES.gas, sha256, &input);
    assert_eq!(status, ExecStatus::Success);
    assert_eq!(exec.weight_used(), (444 * RATES.gas, false));
}

/// EVM frames count their gas to the weight meter at every JUMPDEST, so an endless loop stops
/// within one round past the limit, not when its gas runs out.
#[test]
fn an_endless_evm_loop_stops_at_the_first_jumpdest_past_the_limit() {
    let evm = EngineConfig {
        evm_bytecode: true,
        ..EngineConfig::default()
    };
    // JUMPDEST (1), PUSH0 (2), JUMP (8): 11 gas a round.
    let endless = [0x5b, 0x5f, 0x56];
    let world = || {
        let mut host = world_with("");
        host.accounts.entry(CONTRACT).or_default().code = endless.to_vec();
        host
    };
    let limit = GAS * RATES.gas / 2;
    let (status, exec) = run(world(), evm.clone(), limit, CONTRACT, &[]);
    assert_eq!(status, ExecStatus::Halt(HaltReason::OutOfWeight));
    let (used, exhausted) = exec.weight_used();
    assert!(exhausted, "the caller must undo the transaction");
    assert!(used > limit && used <= limit + 11 * RATES.gas, "{used}");
    let (status, _) = run(world(), evm, u64::MAX, CONTRACT, &[]);
    assert_eq!(status, ExecStatus::Halt(HaltReason::OutOfGas));
}

/// The gas an EVM frame forwards to a nested frame is counted by the nested frame, as it uses
/// it: a call forwarding nearly all its gas to a contract that stops weighs what both frames
/// used, not what was forwarded.
#[test]
fn gas_forwarded_to_a_nested_evm_frame_is_counted_once_as_used() {
    let evm = EngineConfig {
        evm_bytecode: true,
        ..EngineConfig::default()
    };
    let callee = ewasm_engine::Address::repeat_byte(0xdd);
    // retSize, retOffset, argsSize, argsOffset, value: 0; the callee; GAS: CALL, POP, STOP.
    let mut caller = vec![0x5f, 0x5f, 0x5f, 0x5f, 0x5f, 0x73];
    caller.extend_from_slice(callee.as_bytes());
    caller.extend_from_slice(&[0x5a, 0xf1, 0x50, 0x00]);
    let mut host = world_with("");
    host.accounts.entry(CONTRACT).or_default().code = caller;
    host.accounts.entry(callee).or_default().code = vec![0x00];
    let mut exec = Executor::new(host, evm, context());
    exec.set_weight_limit(u64::MAX, RATES);
    let result = exec.call(&message(CONTRACT, &[], GAS, 0));
    assert_eq!(result.status, ExecStatus::Success);
    let used_gas = GAS - result.gas_left;
    assert!(used_gas < 3_000, "{used_gas}");
    let (weight, _) = exec.weight_used();
    let units = exec.weight_units();
    // Computation and state access at most at the gas rate, and the two frames' loading.
    assert!(
        weight <= used_gas * RATES.gas + units * RATES.unit,
        "{weight}"
    );
    assert!(weight >= units * RATES.unit + 100 * RATES.gas, "{weight}");
}
