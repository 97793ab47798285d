//! The weight meter's limit through the executor: gas beyond what the limit buys is refused
//! as running out of weight (the meter exhausted, so that the caller undoes the transaction),
//! however the gas is spent.

mod common;

use common::*;
use ewasm_engine::{
    gas::weight::WeightRates, memory_host::MemoryHost, EngineConfig, ExecStatus, Executor,
    HaltReason,
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
        GAS * RATES.gas,
        "every gas counted at its rate"
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
