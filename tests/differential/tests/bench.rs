//! Figures for the README (prints, asserts nothing about time):
//! `cargo test --release -p ewasm-differential --test bench -- --ignored --nocapture`
//!
//! Per corpus contract: EVM size, translated module size, translation time and wasmi load
//! time (what every call pays before running); and revm's time for an ERC20 transfer.

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

fn micros(start: Instant, rounds: u32) -> f64 {
    start.elapsed().as_secs_f64() * 1e6 / f64::from(rounds)
}

#[test]
#[ignore = "benchmark: prints sizes and µs"]
fn translation_sizes_and_load_times() {
    let engine = wasmi::Engine::new(&ewasm_engine::prepare::translated_evm_wasmi_config());
    println!("{:<12} {:>8} {:>8} {:>6} {:>13} {:>11}", "contract", "EVM B", "wasm B", "ratio", "translate µs", "load µs");
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

#[test]
#[ignore = "benchmark: prints µs per ERC20 transfer on revm"]
fn revm_erc20_transfer() {
    let token = Contract::load("Token");
    let alice = Address::repeat_byte(0xa1);
    let bob = Address::repeat_byte(0xb2);
    let mut db = CacheDB::<EmptyDB>::default();
    db.insert_account_info(alice, AccountInfo { balance: RU256::from(10u64).pow(RU256::from(24)), ..Default::default() });
    let mut evm = Context::mainnet()
        .with_db(db)
        .modify_cfg_chained(|cfg| {
            cfg.set_spec_and_mainnet_gas_params(SpecId::CANCUN);
            cfg.disable_nonce_check = true;
        })
        .modify_block_chained(|block| block.basefee = 0)
        .build_mainnet();
    let args = token
        .abi
        .constructor
        .as_ref()
        .expect("constructor")
        .abi_encode_input(&[
            DynSolValue::String("T".into()),
            DynSolValue::String("T".into()),
            DynSolValue::Uint(U256::from(1_000_000_000u64), 256),
        ])
        .expect("args");
    let tx = |kind, data: Vec<u8>| TxEnv::builder().caller(alice).kind(kind).data(Bytes::from(data)).gas_limit(5_000_000).gas_price(0).build_fill();
    let created = evm
        .transact_commit(tx(TxKind::Create, [token.init_code(None), args].concat()))
        .expect("deploys");
    let address = created.created_address().expect("created");
    let transfer = token.abi.function("transfer").expect("transfer")[0]
        .abi_encode_input(&[DynSolValue::Address(bob.0 .0.into()), DynSolValue::Uint(U256::from(1), 256)])
        .expect("encodes");
    let start = Instant::now();
    for _ in 0..ROUNDS {
        let result = evm.transact_commit(tx(TxKind::Call(address), transfer.clone())).expect("runs");
        assert!(result.is_success());
    }
    println!("revm (Cancun, CacheDB): {:.1} µs per ERC20 transfer", micros(start, ROUNDS));
}
