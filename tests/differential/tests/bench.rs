//! Figures for the README (prints, asserts nothing about time):
//! `cargo test --release -p ewasm-differential --test bench -- --ignored --nocapture`
//!
//! Per corpus contract: EVM size, translated module size, translation time and wasmi load
//! time (what every call pays before running); an ERC20 transfer on the engine against revm,
//! with its breakdown.

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

#[test]
#[ignore = "benchmark: prints sizes and µs"]
fn translation_sizes_and_load_times() {
    let engine = wasmi::Engine::new(&ewasm_engine::prepare::translated_evm_wasmi_config());
    println!(
        "empty code: {} bytes of wasm (the prelude)",
        evm_to_ewasm::translate(&[]).expect("translates").len()
    );
    println!(
        "{:<12} {:>8} {:>8} {:>6} {:>13} {:>11}",
        "contract", "EVM B", "wasm B", "ratio", "translate µs", "load µs"
    );
    for name in pallet_ewasm_fixtures::EVM_CORPUS {
        let code = Contract::load(name).runtime_code(Some([0x11; 20]));
        let start = Instant::now();
        for _ in 0..ROUNDS {
            evm_to_ewasm::translate(&code).expect("translates");
        }
        let translate_us = micros(start, ROUNDS);
        let module = evm_to_ewasm::translate(&code).expect("translates");
        let start = Instant::now();
        for _ in 0..ROUNDS {
            wasmi::Module::new(&engine, &module).expect("loads");
        }
        let load_us = micros(start, ROUNDS);
        println!(
            "{name:<12} {:>8} {:>8} {:>6.1} {translate_us:>13.1} {load_us:>11.1}",
            code.len(),
            module.len(),
            module.len() as f64 / code.len() as f64
        );
    }
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

/// Nanoseconds per gas of translated code that loops until it runs out of gas, per kind of
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

/// P1: an ERC20 `transfer` on the engine (its code loaded per call, as the runtime does: an
/// in-memory host stands in for storage) against revm, with what each call pays before and
/// while running: translation, a wasmi engine and lazy parsing (no validation: the translator's
/// output is trusted), the compilation of every function (an upper bound: a call compiles only
/// the sections it reaches), and the rest (linking, instantiation, execution, host calls).
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

    let code = token.runtime_code(None);
    let start = Instant::now();
    for _ in 0..ROUNDS {
        evm_to_ewasm::translate(&code).expect("translates");
    }
    let translate_us = micros(start, ROUNDS);
    let module = evm_to_ewasm::translate(&code).expect("translates");
    let parse = |config: &wasmi::Config| {
        let start = Instant::now();
        for _ in 0..ROUNDS {
            let engine = wasmi::Engine::new(config);
            // SAFETY: translator output, valid for this configuration (see the engine).
            unsafe { wasmi::Module::new_unchecked(&engine, &module) }.expect("parses");
        }
        micros(start, ROUNDS)
    };
    let lazy = ewasm_engine::prepare::translated_evm_wasmi_config();
    let mut eager = lazy.clone();
    eager.compilation_mode(wasmi::CompilationMode::Eager);
    let parse_us = parse(&lazy);
    let compile_all_us = parse(&eager) - parse_us;
    let rest_us = engine_us - translate_us - parse_us;
    println!("ERC20 transfer ({gas} gas, intrinsic included), µs per call:");
    println!("  revm (Cancun, CacheDB)                          {revm_us:>8.1}");
    println!(
        "  pallet-ewasm engine (in-memory host)            {engine_us:>8.1}  ({:.0}x revm)",
        engine_us / revm_us
    );
    println!("    translation                                   {translate_us:>8.1}");
    println!("    wasmi engine + lazy parsing, no validation    {parse_us:>8.1}");
    println!("    linking, instantiation, execution, host calls {rest_us:>8.1}");
    println!("    (compiling every function eagerly would add   {compile_all_us:>8.1})");
}
