//! Figures for the README (prints, asserts nothing about time):
//! `cargo test --release -p ewasm-differential --test bench -- --ignored --nocapture`
//!
//! An ERC20 transfer on the engine against revm, with its breakdown; nanoseconds per gas of
//! loops of each kind of instruction on the engine.

use alloy_dyn_abi::{DynSolValue, JsonAbiExt};
use alloy_primitives::U256;
use ewasm_differential::corpus::Contract;
use revm::{
    context::{Context, TxEnv},
    database::{CacheDB, EmptyDB},
    primitives::{hardfork::SpecId, Address, Bytes, TxKind, U256 as RU256},
    state::AccountInfo,
    ExecuteCommitEvm, MainBuilder, MainContext,
};
use std::time::Instant;

const ROUNDS: u32 = 300;

/// Constructor arguments of the ERC20: name, symbol, a supply of 10^9.
fn token_arguments(token: &Contract) -> Vec<u8> {
    token
        .abi
        .constructor
        .as_ref()
        .expect("constructor")
        .abi_encode_input(&[
            DynSolValue::String("T".into()),
            DynSolValue::String("T".into()),
            DynSolValue::Uint(U256::from(1_000_000_000u64), 256),
        ])
        .expect("args")
}

fn micros(start: Instant, rounds: u32) -> f64 {
    start.elapsed().as_secs_f64() * 1e6 / f64::from(rounds)
}

/// µs per ERC20 transfer on revm (Cancun, CacheDB).
fn revm_transfer_us() -> f64 {
    let token = Contract::load("Token");
    let alice = Address::repeat_byte(0xa1);
    let bob = Address::repeat_byte(0xb2);
    let mut db = CacheDB::<EmptyDB>::default();
    db.insert_account_info(
        alice,
        AccountInfo {
            balance: RU256::from(10u64).pow(RU256::from(24)),
            ..Default::default()
        },
    );
    let mut evm = Context::mainnet()
        .with_db(db)
        .modify_cfg_chained(|cfg| {
            cfg.set_spec_and_mainnet_gas_params(SpecId::CANCUN);
            cfg.disable_nonce_check = true;
        })
        .modify_block_chained(|block| block.basefee = 0)
        .build_mainnet();
    let args = token_arguments(&token);
    let tx = |kind, data: Vec<u8>| {
        TxEnv::builder()
            .caller(alice)
            .kind(kind)
            .data(Bytes::from(data))
            .gas_limit(5_000_000)
            .gas_price(0)
            .build_fill()
    };
    let created = evm
        .transact_commit(tx(TxKind::Create, [token.init_code(None), args].concat()))
        .expect("deploys");
    let address = created.created_address().expect("created");
    let transfer = token.abi.function("transfer").expect("transfer")[0]
        .abi_encode_input(&[
            DynSolValue::Address(bob.0 .0.into()),
            DynSolValue::Uint(U256::from(1), 256),
        ])
        .expect("encodes");
    let start = Instant::now();
    for _ in 0..ROUNDS {
        let result = evm
            .transact_commit(tx(TxKind::Call(address), transfer.clone()))
            .expect("runs");
        assert!(result.is_success());
    }
    micros(start, ROUNDS)
}

/// Nanoseconds per gas of EVM code that loops until it runs out of gas, per kind of
/// instruction: what the chain's weight per gas must cover.
#[test]
#[ignore = "benchmark: prints ns per gas for loops of each instruction kind"]
fn nanoseconds_per_gas() {
    use ewasm_differential::{
        asm::{assemble, push, Item, Item::*},
        ewasm_chain::EwasmChain,
        Chain, Status,
    };
    let repeat = |body: &[Item], times: usize| -> Vec<Item> {
        (0..times).flat_map(|_| body.to_vec()).collect()
    };
    let looped = |setup: Vec<Item>, body: Vec<Item>| -> Vec<u8> {
        let mut items = setup;
        items.push(Label("loop"));
        items.extend(body);
        items.extend([PushLabel("loop"), Op(0x56)]);
        assemble(&items)
    };
    let seventeen: Vec<Item> = (0..17).map(|i| push(i)).collect();
    let programs: Vec<(&str, Vec<u8>)> = vec![
        (
            "PUSH/ADD/POP",
            looped(vec![], repeat(&[push(1), push(2), Op(0x01), Op(0x50)], 16)),
        ),
        (
            "DUP/LT/POP",
            looped(
                vec![push(5)],
                repeat(&[Op(0x80), Op(0x80), Op(0x10), Op(0x50)], 16),
            ),
        ),
        (
            "ISZERO/AND/EQ",
            looped(
                vec![push(5), push(6)],
                repeat(
                    &[
                        Op(0x80),
                        Op(0x15),
                        Op(0x82),
                        Op(0x16),
                        Op(0x81),
                        Op(0x14),
                        Op(0x50),
                    ],
                    16,
                ),
            ),
        ),
        (
            "MUL/DIV",
            looped(
                vec![push(5)],
                repeat(
                    &[
                        Op(0x80),
                        Op(0x80),
                        Op(0x02),
                        Op(0x81),
                        Op(0x90),
                        Op(0x04),
                        Op(0x50),
                    ],
                    16,
                ),
            ),
        ),
        (
            "SDIV/SMOD",
            looped(
                vec![Push(vec![0xff; 32])],
                repeat(
                    &[
                        push(3),
                        Op(0x81),
                        Op(0x05),
                        push(7),
                        Op(0x90),
                        Op(0x07),
                        Op(0x50),
                    ],
                    16,
                ),
            ),
        ),
        (
            "MULMOD",
            looped(
                vec![Push(vec![0xfe; 32])],
                repeat(&[Op(0x80), Op(0x80), Op(0x80), Op(0x09), Op(0x50)], 16),
            ),
        ),
        (
            "EXP",
            looped(
                vec![],
                repeat(&[push(0xffff), push(3), Op(0x0a), Op(0x50)], 16),
            ),
        ),
        ("SWAP16", looped(seventeen.clone(), repeat(&[Op(0x9f)], 64))),
        (
            "DUP16/POP",
            looped(seventeen, repeat(&[Op(0x8f), Op(0x50)], 32)),
        ),
        (
            "PUSH32/POP",
            looped(vec![], repeat(&[Push(vec![0xab; 32]), Op(0x50)], 32)),
        ),
        (
            "MSTORE/MLOAD",
            looped(
                vec![],
                repeat(
                    &[push(7), push(64), Op(0x52), push(64), Op(0x51), Op(0x50)],
                    16,
                ),
            ),
        ),
        (
            "CALLDATALOAD",
            looped(vec![], repeat(&[push(4), Op(0x35), Op(0x50)], 16)),
        ),
        (
            "KECCAK256 32 B",
            looped(vec![], repeat(&[push(32), push(0), Op(0x20), Op(0x50)], 8)),
        ),
        ("JUMP (loop only)", looped(vec![], vec![])),
        (
            // A jump whose target is not a PUSH right before it is looked up at run time,
            // here among 4,097 JUMPDESTs (the rest unreachable).
            "dynamic JUMP, 4 K",
            assemble(
                &[
                    vec![
                        Label("loop"),
                        PushLabel("loop"),
                        push(0),
                        Op(0x50),
                        Op(0x56),
                    ],
                    vec![Op(0x5b); 4096],
                ]
                .concat(),
            ),
        ),
        (
            "TLOAD/TSTORE",
            looped(
                vec![],
                repeat(
                    &[push(1), push(1), Op(0x5d), push(1), Op(0x5c), Op(0x50)],
                    8,
                ),
            ),
        ),
        (
            "SLOAD (memory host)",
            looped(vec![], repeat(&[push(1), Op(0x54), Op(0x50)], 8)),
        ),
    ];
    const GAS: u64 = 10_000_000;
    println!("{:<20} {:>10}", "loop body", "ns/gas");
    for (name, code) in programs {
        let mut chain = EwasmChain::default();
        chain.install([0x77; 20], &code);
        chain.fund([0xa1; 20], 1);
        let start = Instant::now();
        let outcome = chain.call([0xa1; 20], [0x77; 20], &[0; 36], 0);
        let elapsed = start.elapsed();
        assert_eq!(outcome.status, Status::Halt, "{name} runs out of gas");
        assert!(
            elapsed.as_micros() > 1_000,
            "{name} ran a while (no early stack error)"
        );
        println!(
            "{name:<20} {:>10.2}",
            elapsed.as_nanos() as f64 / GAS as f64
        );
    }
}

/// P1: an ERC20 `transfer` on the engine (its code read per call, as the runtime does: an
/// in-memory host stands in for storage) against revm, with what each call pays before it runs
/// (reading and analysing the code: copying it and finding its JUMPDESTs) and while it runs
/// (the interpreter, state reads and writes, the executor's frame and checkpoints).
#[test]
#[ignore = "benchmark: prints µs per ERC20 transfer on the engine and on revm, and a breakdown"]
fn erc20_transfer_engine_against_revm() {
    use ewasm_differential::{ewasm_chain::EwasmChain, Chain, Status};
    let token = Contract::load("Token");
    let (alice, bob) = ([0xa1; 20], [0xb2; 20]);
    let mut chain = EwasmChain::default();
    chain.fund(alice, 1_000_000_000_000_000_000);
    let args = token_arguments(&token);
    let address = chain
        .deploy(alice, &token.init_code(None), &args, 0)
        .created
        .expect("deploys");
    let transfer = token.abi.function("transfer").expect("transfer")[0]
        .abi_encode_input(&[
            DynSolValue::Address(bob.into()),
            DynSolValue::Uint(U256::from(1), 256),
        ])
        .expect("encodes");
    let start = Instant::now();
    let mut gas = 0;
    for _ in 0..ROUNDS {
        let outcome = chain.call(alice, address, &transfer, 0);
        assert_eq!(outcome.status, Status::Success);
        gas = outcome.gas;
    }
    let engine_us = micros(start, ROUNDS);
    let revm_us = revm_transfer_us();

    let code = Bytes::from(token.runtime_code(None));
    let start = Instant::now();
    for _ in 0..ROUNDS {
        std::hint::black_box(revm::bytecode::Bytecode::new_legacy(code.clone()));
    }
    let analysis_us = micros(start, ROUNDS);
    let rest_us = engine_us - analysis_us;
    println!("ERC20 transfer ({gas} gas, intrinsic included), µs per call:");
    println!("  revm (Cancun, CacheDB)                          {revm_us:>8.1}");
    println!(
        "  pallet-ewasm engine (in-memory host)            {engine_us:>8.1}  ({:.1}x revm)",
        engine_us / revm_us
    );
    println!(
        "    code analysis ({} bytes)                     {analysis_us:>8.1}",
        code.len()
    );
    println!("    interpreter, state, frame, checkpoints        {rest_us:>8.1}");
}
