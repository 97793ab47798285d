//! Per-instruction metering through wasmi fuel.

mod common;

use common::*;
use ewasm_engine::{EngineConfig, ExecStatus, HaltReason};

const LOOP: &str = r#"(module
    (import "ethereum" "getGasLeft" (func $gasLeft (result i64)))
    (import "ethereum" "finish" (func $finish (param i32 i32)))
    (memory 1) (export "memory" (memory 0)) (export "main" (func $main))
    (func $main (local $i i32)
      (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1)))
               (br_if $l (i32.lt_u (local.get $i) (i32.const 1000))))
      (i64.store (i32.const 0) (call $gasLeft))
      (call $finish (i32.const 0) (i32.const 8))))"#;

fn run(cost: u64, gas: u64) -> ewasm_engine::FrameResult {
    let config = EngineConfig {
        instruction_cost: cost,
        ..Default::default()
    };
    call_with(world_with(LOOP), config, message(CONTRACT, &[], gas, 0)).0
}

#[test]
fn zero_instruction_cost_is_hera_mode() {
    let result = run(0, 10_000);
    assert_eq!(result.status, ExecStatus::Success);
    assert_eq!(result.gas_left, 10_000 - 2, "only getGasLeft is charged");
}

#[test]
fn instructions_are_charged_and_visible_to_get_gas_left() {
    let one = run(1, 1_000_000);
    let three = run(3, 1_000_000);
    assert_eq!(one.status, ExecStatus::Success);
    let used_one = 1_000_000 - one.gas_left;
    let used_three = 1_000_000 - three.gas_left;
    assert!(
        used_one > 1_000,
        "a 1000-iteration loop costs more than 1000, got {used_one}"
    );
    assert!(
        used_three > 2 * used_one,
        "cost scales with the per-instruction price"
    );
    let seen = u64::from_le_bytes(one.output.try_into().unwrap());
    // wasmi charges fuel per basic block on entry, so the block holding getGasLeft is paid for
    // before it runs; what getGasLeft reports already includes the loop.
    assert!(
        seen >= one.gas_left && seen <= 1_000_000 - 1_000,
        "getGasLeft saw instruction gas: {seen}"
    );
}

#[test]
fn an_infinite_loop_runs_out_of_gas() {
    let spin = contract("", "(loop $l (br $l))");
    let config = EngineConfig {
        instruction_cost: 1,
        ..Default::default()
    };
    let (result, _) = call_with(
        world_with(&spin),
        config,
        message(CONTRACT, &[], 5_000_000, 0),
    );
    assert_eq!(result.status, ExecStatus::Halt(HaltReason::OutOfGas));
    assert_eq!(result.gas_left, 0);
}

#[test]
fn stored_code_loads_without_revalidation_at_the_same_load_charges() {
    // Loading charges per code byte and per initial memory page either way; validated stored
    // code skips only validating it again, and with it the fuel wasmi charges for validating
    // a function body when it first compiles it.
    let run = |validated: bool, instruction_cost: u64| {
        let config = EngineConfig {
            instruction_cost,
            schedule: ewasm_engine::GasSchedule::public_chain(),
            ..Default::default()
        };
        assert!(config.schedule.code_load_byte > 0 && config.schedule.memory_page > 0);
        let mut host = world_with(LOOP);
        host.code_validated = validated;
        call_with(host, config, message(CONTRACT, &[], 1_000_000, 0)).0
    };
    assert_eq!(run(true, 0), run(false, 0));
    let (checked, trusted) = (run(false, 1), run(true, 1));
    assert_eq!(trusted.status, ExecStatus::Success);
    assert_eq!(checked.status, ExecStatus::Success);
    assert!(
        trusted.gas_left > checked.gas_left && trusted.gas_left - checked.gas_left < 1_000,
        "only the validation fuel differs: {} vs {}",
        trusted.gas_left,
        checked.gas_left
    );
}

#[test]
fn code_not_validated_before_is_validated_before_it_runs() {
    // A well-formed module whose body does not type-check (drop on an empty stack), built
    // from bytes since the text format refuses it: a host that does not vouch for its code
    // gets it validated (lazily, when the body is first compiled), never run unchecked.
    let mut invalid = wasm(
        r#"(module (memory 1) (export "memory" (memory 0)) (export "main" (func $main))
            (func $main nop))"#,
    );
    // The body: no locals, nop, end.
    let body = invalid
        .windows(3)
        .position(|w| w == [0x00, 0x01, 0x0b])
        .expect("main's body");
    invalid[body + 1] = 0x1a; // drop
    let mut host = world_with(LOOP);
    host.account_mut(&CONTRACT).code = invalid;
    let result = call_with(
        host,
        EngineConfig::default(),
        message(CONTRACT, &[], 100_000, 0),
    )
    .0;
    assert!(
        matches!(
            result.status,
            ExecStatus::Halt(HaltReason::InvalidCode(_) | HaltReason::WasmTrap)
        ),
        "{:?}",
        result.status
    );
    assert_eq!(result.gas_left, 0);
}
