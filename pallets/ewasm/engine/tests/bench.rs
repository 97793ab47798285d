//! Baseline figures (not a timed test: it prints, it does not assert on time).
//! Run: `cargo test --release -p ewasm-engine --test bench -- --ignored --nocapture`

mod common;

use common::*;
use ewasm_engine::{exec::CreateScheme, EngineConfig, ExecStatus, Executor, U256};
use std::time::Instant;

const ROUNDS: u32 = 2_000;

#[test]
#[ignore = "benchmark: prints µs per call and per instantiate"]
fn bench_engine_call_and_instantiate() {
    let runtime = pallet_ewasm_fixtures::store_runtime();
    let config = EngineConfig {
        instruction_cost: 1,
        ..Default::default()
    };
    let mut input = vec![1u8];
    input.extend_from_slice(&[7u8; 32]);

    let mut host = world_with("");
    host.account_mut(&CONTRACT).code = runtime.clone();
    let mut exec = Executor::new(host, config.clone(), context());
    let msg = message(CONTRACT, &input, 1_000_000, 0);
    let start = Instant::now();
    for _ in 0..ROUNDS {
        assert_eq!(exec.call(&msg).status, ExecStatus::Success);
    }
    let call_us = start.elapsed().as_secs_f64() * 1e6 / f64::from(ROUNDS);

    let init = pallet_ewasm_fixtures::deployer(&runtime);
    let start = Instant::now();
    for _ in 0..ROUNDS {
        let created = exec.create(
            SENDER,
            U256::zero(),
            &init,
            vec![],
            10_000_000,
            0,
            CreateScheme::Nonce,
        );
        assert_eq!(created.result.status, ExecStatus::Success);
    }
    let create_us = start.elapsed().as_secs_f64() * 1e6 / f64::from(ROUNDS);
    println!("engine (MemoryHost): {call_us:.1} µs per call, {create_us:.1} µs per instantiate ({} B runtime code)", runtime.len());
}

/// A frame's fixed cost: calls to a one-STOP EVM contract, and to one that runs each kind of
/// instruction once, each read and analysed every time, as every EVM frame is.
#[test]
#[ignore = "benchmark: prints µs per frame of the smallest EVM contract and of one reaching every helper"]
fn bench_evm_frames() {
    // CREATE and CREATE2 left out: each would add an account per frame.
    for (what, code) in [
        ("a one-STOP EVM contract", vec![0x00]),
        (
            "an EVM contract running each kind of instruction once",
            pallet_ewasm_fixtures::attacks::evm_every_helper(&[0xf0, 0xf5]),
        ),
    ] {
        let config = EngineConfig {
            evm_bytecode: true,
            ..Default::default()
        };
        let mut host = world_with("");
        let len = code.len();
        host.account_mut(&CONTRACT).code = code;
        let mut exec = Executor::new(host, config, context());
        let msg = message(CONTRACT, &[], 1_000_000, 0);
        // The fastest of three rounds: this shared machine's slow moments move single rounds.
        let fastest = (0..3)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..ROUNDS {
                    assert_eq!(exec.call(&msg).status, ExecStatus::Success);
                }
                start.elapsed().as_secs_f64() * 1e6 / f64::from(ROUNDS)
            })
            .fold(f64::INFINITY, f64::min);
        println!("engine (MemoryHost): {fastest:.1} µs per frame of {what} ({len} B)");
    }
}
