//! Shared helpers for the engine's integration tests.
#![allow(dead_code)]

use ewasm_engine::{
    exec::{CallKind, Message},
    memory_host::{Account, MemoryHost},
    Address, EngineConfig, Executor, FrameResult, TxContext, U256,
};

/// The address the tests send from.
pub const SENDER: Address = Address::repeat_byte(0xaa);
/// The address of the contract under test.
pub const CONTRACT: Address = Address::repeat_byte(0xcc);
/// A second contract.
pub const OTHER: Address = Address::repeat_byte(0xdd);

/// Compiles WAT to wasm.
pub fn wasm(wat_text: &str) -> Vec<u8> {
    wat::parse_str(wat_text).expect("test WAT compiles")
}

/// A world where `SENDER` has funds and `CONTRACT` holds `wat_text` (if not empty).
pub fn world_with(wat_text: &str) -> MemoryHost {
    let mut host = MemoryHost::default();
    host.accounts.insert(
        SENDER,
        Account {
            balance: U256::from(1_000_000u64),
            ..Default::default()
        },
    );
    if !wat_text.is_empty() {
        install(&mut host, CONTRACT, wat_text);
    }
    host
}

/// Puts `wat_text` at `address` with a balance of 1000.
pub fn install(host: &mut MemoryHost, address: Address, wat_text: &str) {
    host.accounts.insert(
        address,
        Account {
            balance: U256::from(1000u64),
            nonce: 1,
            code: wasm(wat_text),
            ..Default::default()
        },
    );
}

/// The block data the tests use.
pub fn context() -> TxContext {
    TxContext {
        origin: SENDER,
        gas_price: U256::from(7u64),
        coinbase: Address::repeat_byte(0xcb),
        number: 42,
        timestamp: 1_700_000_000,
        gas_limit: 30_000_000,
        difficulty: U256::from(0x020000u64),
        chain_id: 420_420,
        base_fee: U256::from(3u64),
        ..TxContext::default()
    }
}

/// A plain call from `SENDER` to `to`.
pub fn message(to: Address, input: &[u8], gas: u64, value: u64) -> Message {
    Message {
        kind: CallKind::Call,
        caller: SENDER,
        address: to,
        code_address: to,
        value: U256::from(value),
        input: input.to_vec(),
        gas,
        depth: 0,
        is_static: false,
    }
}

/// Calls `CONTRACT` in `host` with hera's configuration.
pub fn call(host: MemoryHost, input: &[u8], gas: u64) -> (FrameResult, Executor<MemoryHost>) {
    call_with(
        host,
        EngineConfig::default(),
        message(CONTRACT, input, gas, 0),
    )
}

/// Executes `msg` in `host` under `config`.
pub fn call_with(
    host: MemoryHost,
    config: EngineConfig,
    msg: Message,
) -> (FrameResult, Executor<MemoryHost>) {
    let mut exec = Executor::new(host, config, context());
    let result = exec.call(&msg);
    assert_eq!(
        exec.host.open_checkpoints(),
        0,
        "every frame settles its checkpoint"
    );
    (result, exec)
}

/// A contract whose `main` body is `body`, importing the given EEI functions (WAT import lines).
pub fn contract(imports: &str, body: &str) -> String {
    format!(
        r#"(module {imports}
            (memory 1)
            (export "memory" (memory 0))
            (export "main" (func $main))
            (func $main {body}))"#
    )
}
