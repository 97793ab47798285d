//! The proof meter through the executor: each state item read once per transaction, reads
//! refused before they reach the host once the limit would be passed.

mod common;

use common::*;
use ewasm_engine::{
    gas::proof::ProofCosts, memory_host::MemoryHost, EngineConfig, ExecStatus, Executor, HaltReason,
};

const COSTS: ProofCosts = ProofCosts {
    item: 1_000,
    code_byte: 1,
    contract: 2_000,
    balance: 3_000,
    nonce: 500,
};

/// Reads slots 0..$n (each twice), then the hashes of blocks 40 and 41 (each twice).
fn reader(slots: u32) -> String {
    contract(
        r#"(import "ethereum" "storageLoad" (func $load (param i32 i32)))
           (import "ethereum" "getBlockHash" (func $hash (param i64 i32) (result i32)))"#,
        &format!(
            "(local $i i32) (local $pass i32)
             (loop $passes
               (local.set $i (i32.const 0))
               (block $done (loop $l
                 (br_if $done (i32.ge_u (local.get $i) (i32.const {slots})))
                 (i32.store (i32.const 0) (local.get $i))
                 (call $load (i32.const 0) (i32.const 32))
                 (local.set $i (i32.add (local.get $i) (i32.const 1)))
                 (br $l)))
               (drop (call $hash (i64.const 40) (i32.const 64)))
               (drop (call $hash (i64.const 41) (i32.const 64)))
               (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
               (br_if $passes (i32.lt_u (local.get $pass) (i32.const 2))))"
        ),
    )
}

fn run(host: MemoryHost, limit: u64) -> (ewasm_engine::FrameResult, Executor<MemoryHost>) {
    let mut exec = Executor::new(host, EngineConfig::default(), context());
    exec.set_proof_limit(COSTS, limit);
    let result = exec.call(&message(CONTRACT, &[], 1_000_000, 0));
    (result, exec)
}

#[test]
fn each_slot_block_hash_and_code_is_charged_once() {
    let host = world_with(&reader(10));
    let code_len = host.accounts[&CONTRACT].code.len() as u64;
    let (result, exec) = run(host, u64::MAX);
    assert_eq!(result.status, ExecStatus::Success);
    assert_eq!(
        exec.proof_used(),
        // A call without value reads no balance: the contract's code and slots, block hashes.
        COSTS.contract + code_len * COSTS.code_byte + 10 * COSTS.item + 2 * COSTS.item
    );
    assert!(!exec.weight_used().1);
}

#[test]
fn a_read_beyond_the_limit_halts_and_marks_the_transaction_exhausted() {
    let host = world_with(&reader(10));
    let code_len = host.accounts[&CONTRACT].code.len() as u64;
    // Room for the contract, its code and four slots.
    let limit = COSTS.contract + code_len + 4 * COSTS.item;
    let (result, exec) = run(host, limit);
    assert_eq!(result.status, ExecStatus::Halt(HaltReason::OutOfWeight));
    assert_eq!(result.gas_left, 0);
    assert!(exec.weight_used().1, "the caller must undo the transaction");
    // The refused fifth slot was counted but never read: one item past the limit at most.
    assert_eq!(exec.proof_used(), limit + COSTS.item);
}

#[test]
fn code_beyond_the_limit_is_refused_before_it_is_read_and_the_caller_sees_a_failure() {
    // CONTRACT calls OTHER (its address at offset 0), whose code alone exceeds what is left,
    // then writes a slot.
    let caller = contract(
        r#"(import "ethereum" "call" (func $call (param i64 i32 i32 i32 i32) (result i32)))
           (import "ethereum" "storageStore" (func $store (param i32 i32)))
           (data (i32.const 0) "\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd")"#,
        "(i32.store (i32.const 32) (call $call (i64.const 100000) (i32.const 0) (i32.const 64)
                                              (i32.const 0) (i32.const 0)))
         (call $store (i32.const 96) (i32.const 32))",
    );
    let mut host = world_with(&caller);
    install(&mut host, OTHER, &contract("", &"(nop)".repeat(20_000)));
    let own_len = host.accounts[&CONTRACT].code.len() as u64;
    let other_len = host.accounts[&OTHER].code.len() as u64;
    let limit = 2 * COSTS.contract + own_len + other_len / 2;
    let (result, exec) = run(host, limit);
    assert!(exec.weight_used().1, "the refused code exhausted the meter");
    assert!(exec.proof_used() <= limit + other_len, "charged once");
    // The caller saw the call fail and went on to its storageStore, which the exhausted
    // meter refused: nothing more is read once a read was refused.
    assert_eq!(result.status, ExecStatus::Halt(HaltReason::OutOfWeight));
}

#[test]
fn unmetered_execution_charges_no_proof() {
    let (result, exec) = call(world_with(&reader(10)), &[], 1_000_000);
    assert_eq!(result.status, ExecStatus::Success);
    assert_eq!(exec.proof_used(), 0);
}
