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
    let store = include_str!("../../fixtures/store.wat");
    let config = EngineConfig {
        instruction_cost: 1,
        ..Default::default()
    };
    let mut input = vec![1u8];
    input.extend_from_slice(&[7u8; 32]);

    let mut exec = Executor::new(world_with(store), config.clone(), context());
    let msg = message(CONTRACT, &input, 1_000_000, 0);
    let start = Instant::now();
    for _ in 0..ROUNDS {
        assert_eq!(exec.call(&msg).status, ExecStatus::Success);
    }
    let call_us = start.elapsed().as_secs_f64() * 1e6 / f64::from(ROUNDS);

    let runtime = wasm(store);
    let data: String = runtime.iter().map(|b| format!("\\{b:02x}")).collect();
    let init = wasm(&format!(
        r#"(module (import "ethereum" "finish" (func $f (param i32 i32))) (memory 1)
            (data (i32.const 0) "{data}") (export "memory" (memory 0)) (export "main" (func $main))
            (func $main (call $f (i32.const 0) (i32.const {len}))))"#,
        len = runtime.len()
    ));
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
