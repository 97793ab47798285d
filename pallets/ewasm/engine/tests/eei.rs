//! Every EEI function against the in-memory host: results, byte orders, gas and traps.

mod common;

use common::*;
use ewasm_engine::{ExecStatus, GasSchedule, HaltReason, H256, U256};

const GAS: u64 = 1_000_000;

/// Runs a contract with `imports` and `body`, returning its status, gas used and output.
fn run(imports: &str, body: &str, input: &[u8]) -> (ExecStatus, u64, Vec<u8>) {
    let (result, _) = call(world_with(&contract(imports, body)), input, GAS);
    (result.status, GAS - result.gas_left, result.output)
}

const FINISH: &str = r#"(import "ethereum" "finish" (func $finish (param i32 i32)))"#;

fn import(name: &str, sig: &str) -> String {
    format!(r#"(import "ethereum" "{name}" (func ${name} {sig}))"#)
}

/// A getter that writes to offset 0, then `finish(0, len)`.
fn writer_output(name: &str, len: u32) -> (ExecStatus, u64, Vec<u8>) {
    let imports = format!("{}{FINISH}", import(name, "(param i32)"));
    run(
        &imports,
        &format!("(call ${name} (i32.const 0)) (call $finish (i32.const 0) (i32.const {len}))"),
        &[],
    )
}

/// A getter returning a number, stored with `i64.store` and finished as 8 bytes.
fn number_output(name: &str, ty: &str) -> (ExecStatus, u64, Vec<u8>) {
    let imports = format!("{}{FINISH}", import(name, &format!("(result {ty})")));
    let value = if ty == "i32" {
        format!("(i64.extend_i32_u (call ${name}))")
    } else {
        format!("(call ${name})")
    };
    run(
        &imports,
        &format!("(i64.store (i32.const 0) {value}) (call $finish (i32.const 0) (i32.const 8))"),
        &[],
    )
}

fn le64(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes.try_into().unwrap())
}

#[test]
fn get_address_caller_and_origin_are_raw_bytes() {
    assert_eq!(
        writer_output("getAddress", 20),
        (ExecStatus::Success, 2, CONTRACT.as_bytes().to_vec())
    );
    assert_eq!(writer_output("getCaller", 20).2, SENDER.as_bytes());
    assert_eq!(writer_output("getTxOrigin", 20).2, SENDER.as_bytes());
    assert_eq!(writer_output("getBlockCoinbase", 20).2, [0xcb; 20]);
}

#[test]
fn values_are_128_bit_little_endian() {
    let mut expected = [0u8; 16];
    expected[0] = 7;
    assert_eq!(
        writer_output("getTxGasPrice", 16),
        (ExecStatus::Success, 2, expected.to_vec())
    );
    let (result, _) = call_with(
        world_with(&contract(
            &format!("{}{FINISH}", import("getCallValue", "(param i32)")),
            "(call $getCallValue (i32.const 0)) (call $finish (i32.const 0) (i32.const 16))",
        )),
        Default::default(),
        message(CONTRACT, &[], GAS, 0x0102),
    );
    assert_eq!(&result.output[..3], &[0x02, 0x01, 0x00]);
}

#[test]
fn difficulty_is_256_bit_little_endian() {
    let (status, gas, out) = writer_output("getBlockDifficulty", 32);
    assert_eq!((status, gas), (ExecStatus::Success, 2));
    assert_eq!(U256::from_little_endian(&out), U256::from(0x020000u64));
}

#[test]
fn number_getters() {
    assert_eq!(le64(&number_output("getBlockNumber", "i64").2), 42);
    assert_eq!(
        le64(&number_output("getBlockTimestamp", "i64").2),
        1_700_000_000
    );
    assert_eq!(
        le64(&number_output("getBlockGasLimit", "i64").2),
        30_000_000
    );
    assert_eq!(le64(&number_output("getCodeSize", "i32").2) as usize, world_with(&contract(
        &format!("{}{FINISH}", import("getCodeSize", "(result i32)")),
        "(i64.store (i32.const 0) (i64.extend_i32_u (call $getCodeSize))) (call $finish (i32.const 0) (i32.const 8))",
    )).accounts[&CONTRACT].code.len());
    let (status, gas, out) = number_output("getGasLeft", "i64");
    assert_eq!((status, gas), (ExecStatus::Success, 2));
    assert_eq!(le64(&out), GAS - 2);
    assert_eq!(le64(&number_output("getReturnDataSize", "i32").2), 0);
}

#[test]
fn call_data_size_and_copy() {
    let imports = format!(
        "{}{}{FINISH}",
        import("getCallDataSize", "(result i32)"),
        import("callDataCopy", "(param i32 i32 i32)")
    );
    let body = "(call $callDataCopy (i32.const 0) (i32.const 1) (i32.sub (call $getCallDataSize) (i32.const 1)))
                (call $finish (i32.const 0) (i32.const 3))";
    // getCallDataSize 2 + callDataCopy 3 + 3 per word.
    assert_eq!(
        run(&imports, body, &[9, 8, 7, 6]),
        (ExecStatus::Success, 2 + 6, vec![8, 7, 6])
    );
    // Reading past the end of the call data traps and consumes all gas.
    let past = "(call $callDataCopy (i32.const 0) (i32.const 3) (i32.const 2))";
    assert_eq!(
        run(&imports, past, &[1, 2, 3, 4]).0,
        ExecStatus::Halt(HaltReason::InvalidMemoryAccess)
    );
    assert_eq!(run(&imports, past, &[1, 2, 3, 4]).1, GAS);
}

#[test]
fn code_copy_sees_the_running_code() {
    let imports = format!("{}{FINISH}", import("codeCopy", "(param i32 i32 i32)"));
    let (status, gas, out) = run(&imports, "(call $codeCopy (i32.const 0) (i32.const 0) (i32.const 8)) (call $finish (i32.const 0) (i32.const 8))", &[]);
    assert_eq!((status, gas), (ExecStatus::Success, 6));
    assert_eq!(out, b"\0asm\x01\0\0\0");
}

#[test]
fn storage_store_and_load_with_gas_and_refund() {
    let imports = format!(
        "{}{}{FINISH}",
        import("storageStore", "(param i32 i32)"),
        import("storageLoad", "(param i32 i32)")
    );
    let body = r#"(i32.store8 (i32.const 63) (i32.const 5))
        (call $storageStore (i32.const 0) (i32.const 32))
        (call $storageLoad (i32.const 0) (i32.const 64))
        (call $storageStore (i32.const 0) (i32.const 32))
        (call $finish (i32.const 64) (i32.const 32))"#;
    let (result, mut exec) = call(world_with(&contract(&imports, body)), &[], GAS);
    assert_eq!(result.status, ExecStatus::Success);
    assert_eq!(GAS - result.gas_left, 20_000 + 200 + 5_000);
    assert_eq!(result.output[31], 5);
    let key = H256::zero();
    assert_eq!(
        exec.host.accounts[&CONTRACT].storage[&key].as_bytes()[31],
        5
    );
    assert_eq!(exec.finish_transaction().refund, 0);

    // Clearing a slot costs 5000 and earns the 15000 refund.
    let clear = "(call $storageStore (i32.const 0) (i32.const 32))";
    let mut host = world_with(&contract(&imports, clear));
    host.account_mut(&CONTRACT)
        .storage
        .insert(key, H256::repeat_byte(1));
    let (result, mut exec) = call(host, &[], GAS);
    assert_eq!(GAS - result.gas_left, 5_000);
    assert!(exec.host.accounts[&CONTRACT].storage.is_empty());
    assert_eq!(exec.finish_transaction().refund, 15_000);
}

#[test]
fn balances_and_external_code() {
    let imports = format!(
        "{}{}{}{FINISH}",
        import("getExternalBalance", "(param i32 i32)"),
        import("getExternalCodeSize", "(param i32) (result i32)"),
        import("externalCodeCopy", "(param i32 i32 i32 i32)")
    );
    let body = r#"(call $getAddress (i32.const 0))
        (call $getExternalBalance (i32.const 0) (i32.const 32))
        (i32.store (i32.const 48) (call $getExternalCodeSize (i32.const 0)))
        (call $externalCodeCopy (i32.const 0) (i32.const 52) (i32.const 0) (i32.const 4))
        (call $finish (i32.const 32) (i32.const 24))"#;
    let imports = format!("{}{imports}", import("getAddress", "(param i32)"));
    let (status, gas, out) = run(&imports, body, &[]);
    assert_eq!(status, ExecStatus::Success);
    assert_eq!(gas, 2 + 400 + 700 + 703);
    assert_eq!(U256::from_little_endian(&out[..16]), U256::from(1000u64));
    let code_len = u32::from_le_bytes(out[16..20].try_into().unwrap());
    assert!(code_len > 8);
    assert_eq!(&out[20..24], b"\0asm");
}

#[test]
fn balance_above_128_bits_traps() {
    let imports = import("getExternalBalance", "(param i32 i32)");
    let mut host = world_with(&contract(
        &imports,
        "(call $getExternalBalance (i32.const 0) (i32.const 32))",
    ));
    host.account_mut(&ewasm_engine::Address::zero()).balance = U256::one() << 130;
    let (result, _) = call(host, &[], GAS);
    assert_eq!(
        result.status,
        ExecStatus::Halt(HaltReason::ArgumentOutOfRange)
    );
}

#[test]
fn block_hash_success_and_failure() {
    let imports = format!(
        "{}{FINISH}",
        import("getBlockHash", "(param i64 i32) (result i32)")
    );
    let body = r#"(i32.store (i32.const 64) (call $getBlockHash (i64.const 41) (i32.const 0)))
        (i32.store (i32.const 68) (call $getBlockHash (i64.const 7) (i32.const 32)))
        (call $finish (i32.const 0) (i32.const 72))"#;
    let mut host = world_with(&contract(&imports, body));
    host.block_hashes.insert(41, H256::repeat_byte(0x41));
    let (result, _) = call(host, &[], GAS);
    assert_eq!(GAS - result.gas_left, 1600);
    assert_eq!(&result.output[..32], &[0x41; 32]);
    assert_eq!(
        &result.output[32..64],
        &[0; 32],
        "memory untouched on failure"
    );
    assert_eq!(&result.output[64..72], &[0, 0, 0, 0, 1, 0, 0, 0]);
}

#[test]
fn use_gas_and_out_of_gas() {
    let imports = import("useGas", "(param i64)");
    assert_eq!(
        run(&imports, "(call $useGas (i64.const 1234))", &[]),
        (ExecStatus::Success, 1234, vec![])
    );
    let (status, gas, _) = run(&imports, "(call $useGas (i64.const 1000001))", &[]);
    assert_eq!((status, gas), (ExecStatus::Halt(HaltReason::OutOfGas), GAS));
    let (status, _, _) = run(&imports, "(call $useGas (i64.const -1))", &[]);
    assert_eq!(status, ExecStatus::Halt(HaltReason::ArgumentOutOfRange));
}

#[test]
fn log_emits_raw_topics_and_charges_per_topic_and_byte() {
    let imports = import("log", "(param i32 i32 i32 i32 i32 i32 i32)");
    let body = r#"(i32.store8 (i32.const 31) (i32.const 1)) (i32.store8 (i32.const 63) (i32.const 2))
        (call $log (i32.const 64) (i32.const 3) (i32.const 2) (i32.const 0) (i32.const 32) (i32.const 0) (i32.const 0))"#;
    let (result, mut exec) = call(world_with(&contract(&imports, body)), &[], GAS);
    assert_eq!(GAS - result.gas_left, 375 + 2 * 375 + 3 * 8);
    let logs = exec.finish_transaction().logs;
    assert_eq!(logs.len(), 1);
    assert_eq!(logs[0].address, CONTRACT);
    assert_eq!(
        logs[0].topics,
        vec![H256::from_low_u64_be(1), H256::from_low_u64_be(2)]
    );
    assert_eq!(logs[0].data, vec![0, 0, 0]);

    let five = "(call $log (i32.const 0) (i32.const 0) (i32.const 5) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))";
    assert_eq!(
        run(&imports, five, &[]).0,
        ExecStatus::Halt(HaltReason::InvalidTopicCount)
    );
    let oob = "(call $log (i32.const 65530) (i32.const 10) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))";
    assert_eq!(
        run(&imports, oob, &[]).0,
        ExecStatus::Halt(HaltReason::InvalidMemoryAccess)
    );
}

#[test]
fn finish_and_revert() {
    let imports = format!("{FINISH}{}", import("revert", "(param i32 i32)"));
    let (status, gas, out) = run(&imports, "(i32.store8 (i32.const 0) (i32.const 9)) (call $revert (i32.const 0) (i32.const 2)) unreachable", &[]);
    assert_eq!((status, gas, out), (ExecStatus::Revert, 0, vec![9, 0]));
    assert_eq!(
        run(
            &imports,
            "(call $finish (i32.const 65535) (i32.const 1)) unreachable",
            &[]
        )
        .0,
        ExecStatus::Success
    );
    let (status, gas, _) = run(
        &imports,
        "(call $finish (i32.const 65535) (i32.const 2))",
        &[],
    );
    assert_eq!(
        (status, gas),
        (ExecStatus::Halt(HaltReason::InvalidMemoryAccess), GAS)
    );
    let (status, _, _) = run(&imports, "(call $finish (i32.const -1) (i32.const 2))", &[]);
    assert_eq!(
        status,
        ExecStatus::Halt(HaltReason::InvalidMemoryAccess),
        "offset + length overflow"
    );
}

#[test]
fn wasm_traps_consume_all_gas() {
    assert_eq!(
        run("", "unreachable", &[]),
        (ExecStatus::Halt(HaltReason::WasmTrap), GAS, vec![])
    );
    let (status, gas, _) = run("", "(drop (i32.load (i32.const 65536)))", &[]);
    assert_eq!((status, gas), (ExecStatus::Halt(HaltReason::WasmTrap), GAS));
}

#[test]
fn every_eei_function_is_linked() {
    // A module importing all 33 functions instantiates and runs.
    let imports: String = ewasm_engine::eei::FUNCTIONS
        .iter()
        .map(|f| {
            let ty = |k: &ewasm_engine::eei::ValKind| match k {
                ewasm_engine::eei::ValKind::I32 => "i32",
                ewasm_engine::eei::ValKind::I64 => "i64",
            };
            let params: Vec<_> = f.params.iter().map(ty).collect();
            let results: Vec<_> = f.results.iter().map(ty).collect();
            format!(
                r#"(import "ethereum" "{}" (func (param {}) (result {})))"#,
                f.name,
                params.join(" "),
                results.join(" ")
            )
        })
        .collect();
    assert_eq!(run(&imports, "", &[]).0, ExecStatus::Success);
}

#[test]
fn schedule_defaults_are_hera_byzantium() {
    let s = GasSchedule::default();
    assert_eq!(
        (
            s.storage_store_create,
            s.storage_store_change,
            s.storage_load
        ),
        (20_000, 5_000, 200)
    );
    assert_eq!((s.log, s.log_topic, s.log_data), (375, 375, 8));
    assert_eq!(
        (s.call, s.value_transfer, s.new_account, s.value_stipend),
        (700, 9_000, 25_000, 2_300)
    );
    assert_eq!(
        (s.create, s.copy, s.balance, s.extcode, s.blockhash),
        (32_000, 3, 400, 700, 800)
    );
    assert_eq!((s.selfdestruct, s.base), (5_000, 2));
}
