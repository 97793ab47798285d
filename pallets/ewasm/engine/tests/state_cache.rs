//! Values read before in a transaction come from the executor's cache: a warm read neither
//! calls the host nor weighs a read, and what it returns is what the host would (after writes,
//! value transfers and rolled-back frames alike).

mod common;

use common::*;
use ewasm_engine::{memory_host::MemoryHost, ExecStatus, H256, U256};

const GAS: u64 = 1_000_000;

const IMPORTS: &str = r#"
    (import "ethereum" "storageLoad" (func $load (param i32 i32)))
    (import "ethereum" "storageStore" (func $store (param i32 i32)))
    (import "ethereum" "getExternalBalance" (func $balance (param i32 i32)))
    (import "ethereum" "call" (func $call (param i64 i32 i32 i32 i32) (result i32)))
    (import "ethereum" "callDelegate" (func $delegate (param i64 i32 i32 i32) (result i32)))
    (import "ethereum" "revert" (func $revert (param i32 i32)))"#;

/// Memory of the contracts below: `OTHER`'s address at 0, a value of 10 at 32, slot key 0
/// at 100, slot key 1 (first byte 1) at 132, results from 200.
fn contract_with(body: &str) -> String {
    format!(
        r#"(module {IMPORTS}
            (memory 1)
            (data (i32.const 0) "\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd\dd")
            (data (i32.const 32) "\0a")
            (data (i32.const 132) "\01")
            (export "memory" (memory 0))
            (export "main" (func $main))
            (func $main {body}))"#
    )
}

fn key(first: u8) -> H256 {
    let mut key = [0u8; 32];
    key[0] = first;
    H256::from(key)
}

fn slot(host: &MemoryHost, first: u8) -> H256 {
    host.accounts[&CONTRACT]
        .storage
        .get(&key(first))
        .copied()
        .unwrap_or_default()
}

fn world(body: &str, other: &str) -> MemoryHost {
    let mut host = world_with(&contract_with(body));
    install(&mut host, OTHER, &contract_with(other));
    host.accounts
        .get_mut(&CONTRACT)
        .expect("installed")
        .storage
        .insert(key(0), H256::repeat_byte(9));
    host
}

fn reads_of(body: &str) -> u64 {
    let (result, exec) = call(world(body, ""), &[], GAS);
    assert_eq!(result.status, ExecStatus::Success);
    exec.state_reads()
}

#[test]
fn reading_a_slot_or_a_balance_again_weighs_no_read() {
    let load = "(call $load (i32.const 100) (i32.const 200))";
    let balance = "(call $balance (i32.const 0) (i32.const 200))";
    assert_eq!(reads_of(load), reads_of(&load.repeat(3)));
    assert!(reads_of(load) > reads_of(""));
    assert_eq!(reads_of(balance), reads_of(&balance.repeat(3)));
    assert!(reads_of(balance) > reads_of(""));
}

#[test]
fn a_slot_read_after_a_write_is_the_written_value() {
    let body = "(call $load (i32.const 100) (i32.const 200))
                (call $store (i32.const 100) (i32.const 132))
                (call $load (i32.const 100) (i32.const 200))
                (call $store (i32.const 132) (i32.const 200))";
    let (result, exec) = call(world(body, ""), &[], GAS);
    assert_eq!(result.status, ExecStatus::Success);
    assert_eq!(
        slot(&exec.host, 1),
        key(1),
        "slot 1 holds slot 0 as written"
    );
}

#[test]
fn a_slot_read_after_a_reverted_write_is_the_value_before_it() {
    // OTHER's code, run in CONTRACT's storage, writes slot 0 and reverts.
    let other =
        "(call $store (i32.const 100) (i32.const 132)) (call $revert (i32.const 0) (i32.const 0))";
    let body = "(call $load (i32.const 100) (i32.const 200))
                (drop (call $delegate (i64.const 100000) (i32.const 0) (i32.const 0) (i32.const 0)))
                (call $load (i32.const 100) (i32.const 200))
                (call $store (i32.const 132) (i32.const 200))";
    let (result, exec) = call(world(body, other), &[], GAS);
    assert_eq!(result.status, ExecStatus::Success);
    assert_eq!(slot(&exec.host, 0), H256::repeat_byte(9), "rolled back");
    assert_eq!(
        slot(&exec.host, 1),
        H256::repeat_byte(9),
        "read as rolled back"
    );
}

#[test]
fn a_balance_read_after_a_value_transfer_is_the_new_balance() {
    let body = "(call $balance (i32.const 0) (i32.const 200))
                (drop (call $call (i64.const 100000) (i32.const 0) (i32.const 32) (i32.const 0) (i32.const 0)))
                (call $balance (i32.const 0) (i32.const 200))
                (call $store (i32.const 132) (i32.const 200))";
    let (result, exec) = call(world(body, ""), &[], GAS);
    assert_eq!(result.status, ExecStatus::Success);
    assert_eq!(exec.host.accounts[&OTHER].balance, U256::from(1010u64));
    let stored = slot(&exec.host, 1);
    assert_eq!(
        u128::from_le_bytes(stored[..16].try_into().expect("16 bytes")),
        1010,
        "the balance read after the call"
    );
}
