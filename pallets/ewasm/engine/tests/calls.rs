//! Nested frames: calls of every kind, rollback, revert data, creation, self-destruct, the depth
//! limit, static mode and value transfers.

mod common;

use common::*;
use ewasm_engine::{
    address::create_address, exec::CreateScheme, EngineConfig, ExecStatus, HaltReason, H256, U256,
};

const GAS: u64 = 1_000_000;

const CALLS: &str = r#"
    (import "ethereum" "call" (func $call (param i64 i32 i32 i32 i32) (result i32)))
    (import "ethereum" "callCode" (func $callCode (param i64 i32 i32 i32 i32) (result i32)))
    (import "ethereum" "callDelegate" (func $callDelegate (param i64 i32 i32 i32) (result i32)))
    (import "ethereum" "callStatic" (func $callStatic (param i64 i32 i32 i32) (result i32)))
    (import "ethereum" "getReturnDataSize" (func $getReturnDataSize (result i32)))
    (import "ethereum" "returnDataCopy" (func $returnDataCopy (param i32 i32 i32)))
    (import "ethereum" "storageStore" (func $storageStore (param i32 i32)))
    (import "ethereum" "finish" (func $finish (param i32 i32)))"#;

/// Callee: stores 1 at key 0 of its storage context, then ends as `tail` says.
fn callee(tail: &str) -> String {
    contract(
        r#"(import "ethereum" "storageStore" (func $storageStore (param i32 i32)))
           (import "ethereum" "finish" (func $finish (param i32 i32)))
           (import "ethereum" "revert" (func $revert (param i32 i32)))
           (import "ethereum" "getCaller" (func $getCaller (param i32)))"#,
        &format!(
            r#"(i32.store8 (i32.const 63) (i32.const 1))
               (call $storageStore (i32.const 0) (i32.const 32))
               (call $getCaller (i32.const 64))
               {tail}"#
        ),
    )
}

/// Caller: puts OTHER's address at 0, value 0 at 32, calls with `call_expr`, stores the status
/// at key 1 and finishes with the return data.
fn caller_contract(call_expr: &str) -> String {
    let other = OTHER
        .as_bytes()
        .iter()
        .map(|b| format!("\\{b:02x}"))
        .collect::<String>();
    format!(
        r#"(module {CALLS}
            (memory 1)
            (data (i32.const 0) "{other}")
            (export "memory" (memory 0))
            (export "main" (func $main))
            (func $main
              (i32.store (i32.const 256) {call_expr})
              (i32.store (i32.const 96) (i32.const 1))
              (call $returnDataCopy (i32.const 512) (i32.const 0) (call $getReturnDataSize))
              (call $storageStore (i32.const 96) (i32.const 256))
              (call $finish (i32.const 512) (call $getReturnDataSize))))"#
    )
}

fn key(n: u8) -> H256 {
    let mut k = [0u8; 32];
    k[0] = n;
    H256::from(k)
}

fn slot(host: &ewasm_engine::memory_host::MemoryHost, at: ewasm_engine::Address, k: H256) -> u8 {
    host.accounts
        .get(&at)
        .and_then(|a| a.storage.get(&k))
        .map_or(0, |v| v.as_bytes()[0])
}

fn world(call_expr: &str, callee_tail: &str) -> ewasm_engine::memory_host::MemoryHost {
    let mut host = world_with(&caller_contract(call_expr));
    install(&mut host, OTHER, &callee(callee_tail));
    host
}

const CALL: &str =
    "(call $call (i64.const 100000) (i32.const 0) (i32.const 32) (i32.const 0) (i32.const 0))";

#[test]
fn call_commits_callee_changes_and_returns_data() {
    let (result, exec) = call(
        world(CALL, "(call $finish (i32.const 64) (i32.const 20))"),
        &[],
        GAS,
    );
    assert_eq!(result.status, ExecStatus::Success);
    assert_eq!(slot(&exec.host, CONTRACT, key(1)), 0, "status 0 = success");
    assert_eq!(
        exec.host.accounts[&OTHER].storage[&H256::zero()].as_bytes()[31],
        1
    );
    assert_eq!(
        result.output,
        CONTRACT.as_bytes(),
        "callee saw the caller's address"
    );
}

#[test]
fn revert_rolls_back_the_callee_and_keeps_its_output_and_gas() {
    let (result, exec) = call(
        world(CALL, "(call $revert (i32.const 64) (i32.const 20))"),
        &[],
        GAS,
    );
    assert_eq!(result.status, ExecStatus::Success);
    assert_eq!(slot(&exec.host, CONTRACT, key(1)), 2, "status 2 = revert");
    assert!(
        exec.host.accounts[&OTHER].storage.is_empty(),
        "callee's store rolled back"
    );
    assert_eq!(
        result.output,
        CONTRACT.as_bytes(),
        "revert data is the return data"
    );
    // callee used 20000 + 2; the caller got the rest back.
    let used = GAS - result.gas_left;
    assert!(used < 100_000, "unused callee gas returned, used {used}");
}

#[test]
fn trap_rolls_back_the_callee_and_burns_forwarded_gas() {
    let (result, exec) = call(world(CALL, "unreachable"), &[], GAS);
    assert_eq!(result.status, ExecStatus::Success);
    assert_eq!(slot(&exec.host, CONTRACT, key(1)), 1, "status 1 = failure");
    assert!(exec.host.accounts[&OTHER].storage.is_empty());
    assert!(result.output.is_empty());
    assert!(GAS - result.gas_left > 100_000, "forwarded gas consumed");
}

#[test]
fn caller_failure_rolls_back_successful_callee() {
    let mut host = world_with(&caller_contract(&format!("{CALL} drop unreachable")));
    install(&mut host, OTHER, &callee(""));
    let (result, exec) = call(host, &[], GAS);
    assert_eq!(result.status, ExecStatus::Halt(HaltReason::WasmTrap));
    assert!(exec.host.accounts[&OTHER].storage.is_empty());
}

#[test]
fn call_code_and_delegate_run_in_the_callers_context() {
    let code = "(call $callCode (i64.const 100000) (i32.const 0) (i32.const 32) (i32.const 0) (i32.const 0))";
    let (_, exec) = call(
        world(code, "(call $finish (i32.const 64) (i32.const 20))"),
        &[],
        GAS,
    );
    assert_eq!(
        exec.host.accounts[&CONTRACT].storage[&H256::zero()].as_bytes()[31],
        1
    );
    assert!(exec.host.accounts[&OTHER].storage.is_empty());

    let delegate =
        "(call $callDelegate (i64.const 100000) (i32.const 0) (i32.const 0) (i32.const 0))";
    let (result, exec) = call(
        world(delegate, "(call $finish (i32.const 64) (i32.const 20))"),
        &[],
        GAS,
    );
    assert_eq!(
        exec.host.accounts[&CONTRACT].storage[&H256::zero()].as_bytes()[31],
        1
    );
    assert_eq!(
        result.output,
        SENDER.as_bytes(),
        "delegate keeps the original caller"
    );
}

#[test]
fn static_call_forbids_state_changes_below_it() {
    let code = "(call $callStatic (i64.const 100000) (i32.const 0) (i32.const 0) (i32.const 0))";
    let (_, exec) = call(world(code, ""), &[], GAS);
    assert_eq!(
        slot(&exec.host, CONTRACT, key(1)),
        1,
        "storageStore in static mode fails the callee"
    );
    assert!(exec.host.accounts[&OTHER].storage.is_empty());
}

#[test]
fn value_transfer_moves_balance_and_is_rolled_back_with_the_callee() {
    let send = |gas: u64| {
        format!("(i32.store8 (i32.const 32) (i32.const 100)) (call $call (i64.const {gas}) (i32.const 0) (i32.const 32) (i32.const 0) (i32.const 0))")
    };
    // With 50000 gas (plus the 2300 stipend) the callee's 20000 store fits.
    let (result, exec) = call(world(&send(50_000), ""), &[], GAS);
    assert_eq!(slot(&exec.host, CONTRACT, key(1)), 0);
    assert_eq!(exec.host.accounts[&OTHER].balance, U256::from(1100u64));
    assert_eq!(exec.host.accounts[&CONTRACT].balance, U256::from(900u64));
    assert!(GAS - result.gas_left >= 700 + 9_000 + 20_000);
    // On the stipend alone it runs out of gas: the transfer is undone with the callee.
    let (_, exec) = call(world(&send(0), ""), &[], GAS);
    assert_eq!(slot(&exec.host, CONTRACT, key(1)), 1);
    assert_eq!(exec.host.accounts[&OTHER].balance, U256::from(1000u64));
    assert_eq!(exec.host.accounts[&CONTRACT].balance, U256::from(1000u64));
}

#[test]
fn value_to_new_account_costs_25000_and_insufficient_balance_fails() {
    let code = "(i32.store8 (i32.const 32) (i32.const 100)) (call $call (i64.const 0) (i32.const 0) (i32.const 32) (i32.const 0) (i32.const 0))";
    let host = world_with(&caller_contract(code));
    let (result, exec) = call(host, &[], GAS);
    assert_eq!(slot(&exec.host, CONTRACT, key(1)), 0);
    assert_eq!(exec.host.accounts[&OTHER].balance, U256::from(100u64));
    let used = GAS - result.gas_left;
    assert!(used >= 700 + 9_000 + 25_000, "used {used}");

    let too_much = "(i32.store16 (i32.const 32) (i32.const 2000)) (call $call (i64.const 0) (i32.const 0) (i32.const 32) (i32.const 0) (i32.const 0))";
    let (_, exec) = call(world(too_much, ""), &[], GAS);
    assert_eq!(slot(&exec.host, CONTRACT, key(1)), 1);
    assert_eq!(exec.host.accounts[&OTHER].balance, U256::from(1000u64));
}

#[test]
fn eip150_forwards_all_but_one_64th() {
    let code =
        "(call $call (i64.const 9000000) (i32.const 0) (i32.const 32) (i32.const 0) (i32.const 0))";
    let mut host = world_with(&caller_contract(code));
    let reports_gas = contract(
        r#"(import "ethereum" "getGasLeft" (func $gasLeft (result i64)))
           (import "ethereum" "finish" (func $finish (param i32 i32)))"#,
        "(i64.store (i32.const 0) (call $gasLeft)) (call $finish (i32.const 0) (i32.const 8))",
    );
    install(&mut host, OTHER, &reports_gas);
    let (result, _) = call(host, &[], GAS);
    assert_eq!(result.status, ExecStatus::Success);
    let before_call = GAS - 700;
    let forwarded = before_call - before_call / 64;
    let seen = u64::from_le_bytes(result.output.try_into().unwrap());
    assert_eq!(
        seen,
        forwarded - 2,
        "the callee got all but one 64th, minus its getGasLeft"
    );
}

#[test]
fn depth_limit_returns_failure_to_the_caller() {
    // A contract that calls itself forever, counting depth in storage via the status.
    let me = CONTRACT
        .as_bytes()
        .iter()
        .map(|b| format!("\\{b:02x}"))
        .collect::<String>();
    let recursive = format!(
        r#"(module {CALLS}
            (memory 1) (data (i32.const 0) "{me}")
            (export "memory" (memory 0)) (export "main" (func $main))
            (func $main
              (i32.store (i32.const 64) (call $call (i64.const 1000000) (i32.const 0) (i32.const 32) (i32.const 0) (i32.const 0)))
              (call $finish (i32.const 64) (i32.const 4))))"#
    );
    let config = EngineConfig {
        max_call_depth: 3,
        ..Default::default()
    };
    let (result, _) = call_with(
        world_with(&recursive),
        config,
        message(CONTRACT, &[], GAS, 0),
    );
    assert_eq!(result.status, ExecStatus::Success);
    assert_eq!(result.output, vec![0, 0, 0, 0], "outermost call succeeded");
}

/// A contract at `CONTRACT` that calls itself with 1 byte of call data; `nested` and `top` are
/// what the nested frames and the outermost frame (empty call data) do with the status, in $s.
fn self_caller(nested: &str, top: &str) -> String {
    let me: String = CONTRACT
        .as_bytes()
        .iter()
        .map(|b| format!("\\{b:02x}"))
        .collect();
    format!(
        r#"(module {CALLS}
            (import "ethereum" "getCallDataSize" (func $size (result i32)))
            (memory 1) (data (i32.const 0) "{me}")
            (export "memory" (memory 0)) (export "main" (func $main))
            (func $main (local $s i32)
              (local.set $s (call $call (i64.const 1000000) (i32.const 0) (i32.const 32)
                (i32.const 0) (i32.const 1)))
              (if (call $size) (then {nested}) (else {top}))))"#
    )
}

#[test]
fn the_depth_limit_is_reported_only_for_the_failure_it_causes() {
    let config = EngineConfig {
        max_call_depth: 3,
        ..Default::default()
    };
    let run = |wat: String| {
        let (result, exec) = call_with(
            world_with(&wat),
            config.clone(),
            message(CONTRACT, &[], GAS, 0),
        );
        (result.status, exec.depth_limit_reached())
    };
    // Every frame traps when its call failed: the refusal at the bottom brings down the top.
    let failing = "(if (local.get $s) (then unreachable))";
    assert_eq!(
        run(self_caller(failing, failing)),
        (ExecStatus::Halt(HaltReason::WasmTrap), true)
    );
    // The refusal at the bottom is absorbed; the top then traps for a reason of its own.
    assert_eq!(
        run(self_caller("", "unreachable")),
        (ExecStatus::Halt(HaltReason::WasmTrap), false)
    );
    // Nothing failed.
    assert_eq!(run(self_caller("", "")), (ExecStatus::Success, false));
}

#[test]
fn a_frame_beyond_the_heap_budget_is_refused_and_keeps_its_gas() {
    // The budget holds the outer frame and not a second one.
    let probe = EngineConfig::default();
    let one_frame = ewasm_engine::prepare::frame_heap(&probe, 1024);
    let config = EngineConfig {
        max_memory_pages: probe.max_memory_pages,
        heap_budget: one_frame + one_frame / 2,
        ..Default::default()
    };
    let wat = self_caller(
        "",
        "(i32.store (i32.const 64) (local.get $s)) (call $finish (i32.const 64) (i32.const 4))",
    );
    let (result, _) = call_with(world_with(&wat), config, message(CONTRACT, &[], GAS, 0));
    assert_eq!(result.status, ExecStatus::Success);
    assert_eq!(result.output, vec![1, 0, 0, 0], "the nested call failed");
    assert!(
        result.gas_left > GAS - 100_000,
        "the refused frame's gas came back: {} left",
        result.gas_left
    );
}

const CREATE: &str = r#"
    (import "ethereum" "create" (func $create (param i32 i32 i32 i32) (result i32)))
    (import "ethereum" "finish" (func $finish (param i32 i32)))
    (import "ethereum" "getReturnDataSize" (func $getReturnDataSize (result i32)))"#;

/// A factory whose memory holds `init` at 1024, creating it with value 5.
fn factory(init: &[u8]) -> String {
    let data = init
        .iter()
        .map(|b| format!("\\{b:02x}"))
        .collect::<String>();
    format!(
        r#"(module {CREATE}
            (memory 1) (data (i32.const 1024) "{data}")
            (export "memory" (memory 0)) (export "main" (func $main))
            (func $main
              (i32.store8 (i32.const 0) (i32.const 5))
              (i32.store (i32.const 64) (call $create (i32.const 0) (i32.const 1024) (i32.const {len}) (i32.const 32)))
              (i32.store (i32.const 68) (call $getReturnDataSize))
              (call $finish (i32.const 32) (i32.const 40))))"#,
        len = init.len()
    )
}

/// Init code that returns `runtime` with `finish` (or reverts with it).
fn init_returning(runtime: &[u8], end: &str) -> Vec<u8> {
    let data = runtime
        .iter()
        .map(|b| format!("\\{b:02x}"))
        .collect::<String>();
    wasm(&format!(
        r#"(module (import "ethereum" "{end}" (func $end (param i32 i32)))
            (memory 1) (data (i32.const 0) "{data}")
            (export "memory" (memory 0)) (export "main" (func $main))
            (func $main (call $end (i32.const 0) (i32.const {len}))))"#,
        len = runtime.len()
    ))
}

#[test]
fn create_deploys_validated_code_at_the_nonce_address() {
    let runtime = wasm(&contract("", ""));
    let (result, exec) = call(
        world_with(&factory(&init_returning(&runtime, "finish"))),
        &[],
        GAS,
    );
    assert_eq!(result.status, ExecStatus::Success);
    let expected = create_address(&CONTRACT, 1);
    assert_eq!(&result.output[..20], expected.as_bytes());
    assert_eq!(
        &result.output[32..40],
        &[0; 8],
        "status 0, return data cleared"
    );
    let created = &exec.host.accounts[&expected];
    assert_eq!(created.code, runtime);
    assert_eq!((created.nonce, created.balance), (1, U256::from(5u64)));
    assert_eq!(
        exec.host.accounts[&CONTRACT].nonce, 2,
        "creator nonce incremented"
    );
    // create 32000 + deposit 200 per byte of deployed code
    assert!(GAS - result.gas_left >= 32_000 + 200 * runtime.len() as u64);
}

#[test]
fn create_rejects_invalid_returned_wasm_and_reverts_keep_data() {
    let bad_runtime = wasm(r#"(module (memory 1) (export "memory" (memory 0)))"#);
    let (result, exec) = call(
        world_with(&factory(&init_returning(&bad_runtime, "finish"))),
        &[],
        GAS,
    );
    assert_eq!(
        &result.output[32..36],
        &[1, 0, 0, 0],
        "invalid runtime code fails the create"
    );
    assert!(!exec
        .host
        .accounts
        .contains_key(&create_address(&CONTRACT, 1)));

    let (result, _) = call(
        world_with(&factory(&init_returning(&[7, 7, 7], "revert"))),
        &[],
        GAS,
    );
    assert_eq!(
        &result.output[32..40],
        &[2, 0, 0, 0, 3, 0, 0, 0],
        "revert: status 2, 3 bytes of data"
    );
}

#[test]
fn create2_address_follows_eip1014() {
    let runtime = wasm(&contract("", ""));
    let init = init_returning(&runtime, "finish");
    let mut exec = ewasm_engine::Executor::new(world_with(""), EngineConfig::default(), context());
    let salt = H256::repeat_byte(9);
    let created = exec.create(
        SENDER,
        U256::zero(),
        &init,
        vec![],
        GAS,
        0,
        CreateScheme::Salted(salt),
    );
    assert_eq!(created.result.status, ExecStatus::Success);
    assert_eq!(
        created.address,
        ewasm_engine::address::create2_address(&SENDER, &salt, &init)
    );
    // A second identical CREATE2 collides.
    let again = exec.create(
        SENDER,
        U256::zero(),
        &init,
        vec![],
        GAS,
        0,
        CreateScheme::Salted(salt),
    );
    assert_eq!(
        again.result.status,
        ExecStatus::Halt(HaltReason::AddressCollision)
    );
}

#[test]
fn self_destruct_moves_balance_and_removes_at_end_of_transaction() {
    let beneficiary = OTHER
        .as_bytes()
        .iter()
        .map(|b| format!("\\{b:02x}"))
        .collect::<String>();
    let code = format!(
        r#"(module (import "ethereum" "selfDestruct" (func $sd (param i32)))
            (memory 1) (data (i32.const 0) "{beneficiary}")
            (export "memory" (memory 0)) (export "main" (func $main))
            (func $main (call $sd (i32.const 0)) unreachable))"#
    );
    let (result, mut exec) = call(world_with(&code), &[], GAS);
    assert_eq!(
        result.status,
        ExecStatus::Success,
        "selfDestruct ends the frame successfully"
    );
    assert_eq!(
        GAS - result.gas_left,
        5_000 + 25_000,
        "beneficiary did not exist"
    );
    assert_eq!(exec.host.accounts[&OTHER].balance, U256::from(1000u64));
    let substate = exec.finish_transaction();
    assert_eq!(substate.destructed, vec![(CONTRACT, OTHER)]);
    assert_eq!(substate.refund, 24_000);
    assert!(!exec.host.accounts.contains_key(&CONTRACT));
}

#[test]
fn static_mode_violations_halt() {
    for (imports, body) in [
        (r#"(import "ethereum" "storageStore" (func $f (param i32 i32)))"#, "(call $f (i32.const 0) (i32.const 0))"),
        (r#"(import "ethereum" "log" (func $f (param i32 i32 i32 i32 i32 i32 i32)))"#,
         "(call $f (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))"),
        (r#"(import "ethereum" "selfDestruct" (func $f (param i32)))"#, "(call $f (i32.const 0))"),
        (r#"(import "ethereum" "create" (func $f (param i32 i32 i32 i32) (result i32)))"#,
         "(drop (call $f (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))"),
        (r#"(import "ethereum" "call" (func $f (param i64 i32 i32 i32 i32) (result i32)))"#,
         "(i32.store8 (i32.const 32) (i32.const 1)) (drop (call $f (i64.const 0) (i32.const 0) (i32.const 32) (i32.const 0) (i32.const 0)))"),
    ] {
        let mut msg = message(CONTRACT, &[], GAS, 0);
        msg.is_static = true;
        let (result, _) = call_with(world_with(&contract(imports, body)), EngineConfig::default(), msg);
        assert_eq!(result.status, ExecStatus::Halt(HaltReason::StaticModeViolation), "{body}");
        assert_eq!(result.gas_left, 0);
    }
}

#[test]
fn calling_an_account_without_code_is_a_plain_transfer() {
    let (result, exec) = call_with(
        world_with(""),
        EngineConfig::default(),
        message(OTHER, &[], GAS, 10),
    );
    assert_eq!((result.status, result.gas_left), (ExecStatus::Success, GAS));
    assert_eq!(exec.host.accounts[&OTHER].balance, U256::from(10u64));
}
