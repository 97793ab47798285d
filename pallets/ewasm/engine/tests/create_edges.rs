//! `create`'s edge cases as hera implements them (`EthereumInterface::eeiCreate` in hera's
//! `src/eei.cpp`): the 32,000 gas first; a static frame traps; the value is read (out of bounds
//! traps); the depth limit and a value above the balance return 1 with the return data left as
//! it was; init code is bounds-checked only when its length is not zero (an empty one creates an
//! account without code, whatever the offset); all but a 64th of the gas is forwarded; the
//! address is written only on success (out of bounds then traps after the constructor ran);
//! success clears the return data, a revert leaves its output there, a trap leaves none.

mod common;

use common::*;
use ewasm_engine::{address::create_address, ExecStatus, U256};

const GAS: u64 = 1_000_000;
const PAGE: u32 = 65_536;
/// getReturnDataSize's cost (hera's `base`).
const BASE_GAS: u64 = 2;

/// Where the factory puts things: the value (16 bytes) at 0 (the reverting first create sends
/// the zeros at 16), the result at `RESULT`, the status and return data size at 64 and 68; it
/// finishes with memory[32..72].
const RESULT: u32 = 32;

struct Create {
    /// The value, little-endian at offset 0.
    value: u128,
    value_at: u32,
    /// The init code and where the data segment puts it.
    init: Vec<u8>,
    init_at: u32,
    /// The (offset, length) passed to `create`, when not those of `init`.
    data: Option<(u32, u32)>,
    result_at: u32,
    /// First create init code that reverts with 3 bytes, so return data is set beforehand.
    revert_first: bool,
}

impl Create {
    fn of(init: Vec<u8>) -> Self {
        Self {
            value: 5,
            value_at: 0,
            init,
            init_at: 1024,
            data: None,
            result_at: RESULT,
            revert_first: false,
        }
    }

    fn factory(&self) -> String {
        let hex = |bytes: &[u8]| {
            bytes
                .iter()
                .map(|b| format!("\\{b:02x}"))
                .collect::<String>()
        };
        let (data_at, len) = self.data.unwrap_or((self.init_at, self.init.len() as u32));
        let reverting = init_ending(&[7, 7, 7], "revert");
        let first = if self.revert_first {
            format!(
                "(drop (call $create (i32.const 16) (i32.const 256) (i32.const {}) (i32.const 96)))",
                reverting.len()
            )
        } else {
            String::new()
        };
        format!(
            r#"(module
                (import "ethereum" "create" (func $create (param i32 i32 i32 i32) (result i32)))
                (import "ethereum" "finish" (func $finish (param i32 i32)))
                (import "ethereum" "getReturnDataSize" (func $getReturnDataSize (result i32)))
                (memory 1)
                (data (i32.const 0) "{value}")
                (data (i32.const 256) "{reverting}")
                (data (i32.const {init_at}) "{init}")
                (export "memory" (memory 0)) (export "main" (func $main))
                (func $main
                  {first}
                  (i32.store (i32.const 64)
                    (call $create (i32.const {value_at}) (i32.const {data_at}) (i32.const {len}) (i32.const {result_at})))
                  (i32.store (i32.const 68) (call $getReturnDataSize))
                  (call $finish (i32.const 32) (i32.const 40))))"#,
            value = hex(&self.value.to_le_bytes()),
            reverting = hex(&reverting),
            init = hex(&self.init),
            init_at = self.init_at,
            value_at = self.value_at,
            result_at = self.result_at,
        )
    }

    /// Runs the factory at `CONTRACT` (balance 1000) with hera's configuration.
    fn run(&self) -> Ran {
        let (result, exec) = call(world_with(&self.factory()), &[], GAS);
        let created = create_address(&CONTRACT, 1 + u64::from(self.revert_first));
        Ran {
            status: result.status,
            gas_used: GAS - result.gas_left,
            eei_status: result
                .output
                .get(32..36)
                .map(|b| u32::from_le_bytes(b.try_into().unwrap())),
            return_data_size: result
                .output
                .get(36..40)
                .map(|b| u32::from_le_bytes(b.try_into().unwrap())),
            address_written: result.output.get(..20) == Some(created.as_bytes()),
            created: exec
                .host
                .accounts
                .get(&created)
                .map(|a| (a.code.clone(), a.nonce, a.balance)),
            creator_nonce: exec.host.accounts[&CONTRACT].nonce,
        }
    }
}

struct Ran {
    status: ExecStatus,
    gas_used: u64,
    eei_status: Option<u32>,
    return_data_size: Option<u32>,
    address_written: bool,
    created: Option<(Vec<u8>, u64, U256)>,
    creator_nonce: u64,
}

/// Init code that ends with `end` (`finish` or `revert`) over `output`.
fn init_ending(output: &[u8], end: &str) -> Vec<u8> {
    let data = output
        .iter()
        .map(|b| format!("\\{b:02x}"))
        .collect::<String>();
    wasm(&format!(
        r#"(module (import "ethereum" "{end}" (func $end (param i32 i32)))
            (memory 1) (data (i32.const 0) "{data}")
            (export "memory" (memory 0)) (export "main" (func $main))
            (func $main (call $end (i32.const 0) (i32.const {len}))))"#,
        len = output.len()
    ))
}

fn runtime() -> Vec<u8> {
    wasm(&contract("", ""))
}

#[test]
fn empty_init_code_creates_an_account_without_code_whatever_the_offset() {
    for data_at in [0, PAGE, u32::MAX] {
        let ran = Create {
            data: Some((data_at, 0)),
            ..Create::of(Vec::new())
        }
        .run();
        assert_eq!(ran.status, ExecStatus::Success, "offset {data_at}");
        assert_eq!(ran.eei_status, Some(0));
        assert!(ran.address_written);
        assert_eq!(ran.created, Some((Vec::new(), 1, U256::from(5u64))));
        assert_eq!(ran.creator_nonce, 2);
    }
}

#[test]
fn init_code_may_end_at_the_end_of_memory_but_not_past_it() {
    let init = init_ending(&runtime(), "finish");
    let len = init.len() as u32;
    let at_end = Create {
        init_at: PAGE - len,
        ..Create::of(init.clone())
    }
    .run();
    assert_eq!(at_end.eei_status, Some(0));
    assert_eq!(at_end.created.map(|c| c.0), Some(runtime()));

    for data in [(PAGE - len + 1, len), (u32::MAX, 2), (PAGE, 1)] {
        let past = Create {
            data: Some(data),
            ..Create::of(init.clone())
        }
        .run();
        assert!(matches!(past.status, ExecStatus::Halt(_)), "{data:?} traps");
        assert_eq!(past.gas_used, GAS, "a trap uses all gas");
        assert_eq!(past.created, None);
    }
}

#[test]
fn the_value_is_read_first_and_an_out_of_bounds_value_traps() {
    let ran = Create {
        value_at: PAGE - 15,
        ..Create::of(Vec::new())
    }
    .run();
    assert!(matches!(ran.status, ExecStatus::Halt(_)));
    assert_eq!((ran.gas_used, ran.created), (GAS, None));
}

#[test]
fn a_value_above_the_balance_returns_1_costs_only_create_and_keeps_return_data() {
    let init = init_ending(&runtime(), "finish");
    let ran = Create {
        value: 1001,
        revert_first: true,
        ..Create::of(init)
    }
    .run();
    assert_eq!(ran.status, ExecStatus::Success);
    assert_eq!(ran.eei_status, Some(1));
    assert_eq!(
        ran.return_data_size,
        Some(3),
        "the earlier revert's data stays"
    );
    assert_eq!(ran.created, None);
    assert_eq!(
        ran.creator_nonce, 2,
        "only the reverted create used a nonce"
    );
    // Nothing forwarded: of the second create, only its 32,000, as for an empty constructor.
    assert_eq!(ran.gas_used, baseline().gas_used);
}

/// A reverting create, then one of empty init code: 32,000 for it and nothing forwarded used.
fn baseline() -> Ran {
    let ran = Create {
        value: 0,
        revert_first: true,
        ..Create::of(Vec::new())
    }
    .run();
    assert_eq!(ran.eei_status, Some(0));
    ran
}

#[test]
fn success_clears_return_data_revert_keeps_its_output_trap_leaves_none() {
    let ok = Create {
        revert_first: true,
        ..Create::of(init_ending(&runtime(), "finish"))
    }
    .run();
    assert_eq!((ok.eei_status, ok.return_data_size), (Some(0), Some(0)));

    let reverted = Create::of(init_ending(&[1, 2, 3, 4], "revert")).run();
    assert_eq!(
        (reverted.eei_status, reverted.return_data_size),
        (Some(2), Some(4))
    );
    assert!(!reverted.address_written);
    assert_eq!(reverted.created, None);

    let trapping = wasm(&contract("", "(unreachable)"));
    let trapped = Create {
        revert_first: true,
        ..Create::of(trapping)
    }
    .run();
    assert_eq!(
        (trapped.eei_status, trapped.return_data_size),
        (Some(1), Some(0))
    );
    // The trap used all it was given: all but a 64th of what was left after the 32,000s.
    // What was left before the second create, less its 32,000 (the baseline's gas includes
    // its 32,000 and the final getReturnDataSize).
    let before_forwarding = GAS - baseline().gas_used + BASE_GAS;
    assert_eq!(GAS - trapped.gas_used, before_forwarding / 64 - BASE_GAS);
}

#[test]
fn an_out_of_bounds_result_traps_after_the_constructor_and_undoes_it() {
    let init = init_ending(&runtime(), "finish");
    let ran = Create {
        result_at: PAGE - 19,
        ..Create::of(init)
    }
    .run();
    assert!(matches!(ran.status, ExecStatus::Halt(_)));
    assert_eq!(ran.gas_used, GAS);
    assert_eq!(
        ran.created, None,
        "the creation is undone with the trapping frame"
    );
    assert_eq!(ran.creator_nonce, 1);
}
