//! Attacks on the chain's limits, where they bite: in a block executed by the compiled wasm
//! runtime, whose heap and stack are small. Each attack is one extrinsic of Bob's with the block
//! gas limit against contracts Alice deployed; each must be included, pay for what it ran and
//! change nothing it did not pay for, and the block must execute in wasm to the same root.
//!
//! `bench_attacks_time_against_weight` prints, per attack, the time the wasm runtime takes
//! against the weight charged: every ratio must stay at or below 1.
//! Run: `cargo test --release -p ewasm-integration-tests --test adversarial -- --ignored --nocapture`

mod common;

use common::*;
use ewasm_runtime::{Runtime, RuntimeCall, RuntimeEvent, System};
use frame_support::{
    traits::{fungible::Inspect, Get},
    weights::Weight,
};
use frame_system::DispatchEventInfo;
use pallet_ewasm::api::Code;
use pallet_ewasm_fixtures::{attacks, deployer};
use sp_core::H160;
use sp_keyring::Sr25519Keyring;

/// The most gas one extrinsic may use (the demo chain's block gas limit).
fn max_gas() -> u64 {
    <<Runtime as pallet_ewasm::Config>::BlockGasLimit as Get<u64>>::get()
}

/// One attack: contracts to deploy first (init code, by Alice), then Bob's extrinsic against
/// their addresses.
struct Attack {
    name: &'static str,
    setup: fn() -> Vec<Vec<u8>>,
    /// Changes the state further after the setup contracts are deployed.
    prepare: fn(&[H160]),
    attack: fn(&[H160]) -> RuntimeCall,
}

fn nothing(_: &[H160]) {}

/// Slots a storage flood leaves in the first setup contract: what 20 000-gas SSTOREs would
/// have paid for over many blocks, written directly.
const FLOOD_SLOTS: u64 = 20_000;

fn flood_storage(deployed: &[H160]) {
    let trie_id = pallet_ewasm::ContractInfoOf::<Runtime>::get(deployed[0])
        .expect("the flooded contract")
        .trie_id;
    for n in 0..FLOOD_SLOTS {
        let key = sp_core::H256::from_low_u64_be(n + 1);
        pallet_ewasm::ContractStorage::<Runtime>::insert(
            trie_id,
            key,
            sp_core::H256::repeat_byte(1),
        );
    }
}

fn call(dest: H160) -> RuntimeCall {
    RuntimeCall::Ewasm(pallet_ewasm::Call::call {
        dest,
        value: 0,
        gas_limit: max_gas(),
        data: vec![],
        storage_deposit_limit: None,
    })
}

fn instantiate(code: Vec<u8>) -> RuntimeCall {
    RuntimeCall::Ewasm(pallet_ewasm::Call::instantiate_with_code {
        value: 0,
        gas_limit: max_gas(),
        code,
        data: vec![],
        salt: None,
        storage_deposit_limit: None,
    })
}

fn attacks() -> Vec<Attack> {
    vec![
        Attack {
            name: "EVM create bomb: 48 KiB of JUMPDESTs nested to the depth limit",
            setup: Vec::new,
            prepare: nothing,
            attack: |_| instantiate(attacks::evm_create_bomb(0xc000)),
        },
        Attack {
            name: "Ewasm create bomb: 128 KiB modules, 16 pages, every function compiled",
            setup: Vec::new,
            prepare: nothing,
            attack: |_| instantiate(attacks::ewasm_create_bomb(128 * 1024, 4096, 16)),
        },
        Attack {
            name: "Ewasm create bomb: 16 KiB modules, 16 pages, to the depth limit",
            setup: Vec::new,
            prepare: nothing,
            attack: |_| instantiate(attacks::ewasm_create_bomb(16 * 1024, 4096, 16)),
        },
        Attack {
            name: "EVM call bomb: an 8 KiB JUMPDEST contract nesting itself, called in a loop",
            // Deployed by Ewasm init code. 8 KiB: the code deposit's 200 gas per byte must fit
            // the block gas limit.
            setup: || vec![deployer(&attacks::evm_call_bomb(8 * 1024))],
            prepare: nothing,
            attack: |_| call_loop_target(),
        },
        Attack {
            name: "the call bomb's frames one at a time: 8 KiB of JUMPDESTs called in a loop",
            // Beside the bomb: what nesting adds to the same frames (the benchmarks measure
            // frames one at a time).
            setup: || {
                vec![deployer(&pallet_ewasm::benchmark_needs::jumpdest_code(
                    8 * 1024,
                ))]
            },
            prepare: nothing,
            attack: |_| call_loop_target(),
        },
        Attack {
            name: "thousands of frames: a small Ewasm contract (store.wat) called in a loop",
            setup: || vec![deployer(&pallet_ewasm_fixtures::store_runtime())],
            prepare: nothing,
            attack: |_| call_loop_target(),
        },
        Attack {
            name: "Ewasm frames compiling 1,000 empty functions each, called in a loop",
            setup: || vec![deployer(&attacks::ewasm_function_flood(1_000))],
            prepare: nothing,
            attack: |_| call_loop_target(),
        },
        Attack {
            name: "thousands of frames: a tiny EVM contract called in a loop",
            // CALLVALUE, POP, STOP.
            setup: || vec![attacks::evm_deployer(&[0x34, 0x50, 0x00])],
            prepare: nothing,
            attack: |_| call_loop_target(),
        },
        Attack {
            name: "thousands of frames: an EVM contract running every cheap instruction once, in a loop",
            // Every instruction kind once but CREATE*, CALL* and LOG* (their gas is high).
            setup: || {
                vec![attacks::evm_deployer(&attacks::evm_every_helper(&[
                    0xf0, 0xf1, 0xf2, 0xf4, 0xf5, 0xfa, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4,
                ]))]
            },
            prepare: nothing,
            attack: |_| call_loop_target(),
        },
        Attack {
            name: "EVM code analysed, little run: one call of 16 KiB of JUMPIs jumped over",
            // One frame that succeeds: charged what it used, not a failed call's reservation.
            setup: || {
                vec![attacks::evm_deployer(
                    &pallet_ewasm::benchmark_needs::jumpi_code(16 * 1024),
                )]
            },
            prepare: nothing,
            attack: |deployed| call(deployed[0]),
        },
        Attack {
            name: "EVM code analysed, not run: one call of 16 KiB of JUMPIs after a STOP",
            // (24 KiB would not deploy within the demo chain's block gas limit: 200 gas per
            // byte.)
            setup: || {
                vec![attacks::evm_deployer(
                    &pallet_ewasm::benchmark_needs::unentered_jumpi_code(16 * 1024),
                )]
            },
            prepare: nothing,
            attack: |deployed| call(deployed[0]),
        },
        Attack {
            name: "EVM code analysed, not run: 8 KiB of JUMPIs after a STOP, in a loop",
            setup: || {
                vec![attacks::evm_deployer(
                    &pallet_ewasm::benchmark_needs::unentered_jumpi_code(8 * 1024),
                )]
            },
            prepare: nothing,
            attack: |_| call_loop_target(),
        },
        Attack {
            name: "EVM code analysed, little run: 8 KiB of JUMPIs jumped over, in a loop",
            setup: || {
                vec![attacks::evm_deployer(
                    &pallet_ewasm::benchmark_needs::jumpi_code(8 * 1024),
                )]
            },
            prepare: nothing,
            attack: |_| call_loop_target(),
        },
        Attack {
            name: "precompile flood: sha256 of 256 KiB with no gas, in a loop",
            setup: || {
                vec![attacks::evm_deployer(&attacks::evm_precompile_flood(
                    2,
                    256 * 1024,
                ))]
            },
            prepare: nothing,
            attack: |deployed| call(deployed[0]),
        },
        Attack {
            name: "paid precompile loop: bn254 pairing of 4 generator pairs with all the gas",
            setup: || {
                vec![attacks::evm_deployer(&attacks::evm_precompile_loop(
                    8,
                    &attacks::bn254_pairing_input(4),
                ))]
            },
            prepare: nothing,
            attack: |deployed| call(deployed[0]),
        },
        Attack {
            name: "paid precompile loop: modexp of 256-byte numbers with all the gas",
            setup: || {
                vec![attacks::evm_deployer(&attacks::evm_precompile_loop(
                    5,
                    &attacks::modexp_input(),
                ))]
            },
            prepare: nothing,
            attack: |deployed| call(deployed[0]),
        },
        Attack {
            name: "return-data flood: a callee finishing with its 1 MiB memory, in a loop",
            setup: || vec![deployer(&attacks::ewasm_return_flood(16))],
            prepare: nothing,
            attack: |_| call_loop_target(),
        },
        Attack {
            name: "storage flood, then selfDestruct: 20 000 slots left to on_idle",
            setup: || vec![deployer(&pallet_ewasm_fixtures::store_runtime())],
            prepare: flood_storage,
            // store.wat's command 05: selfDestruct to the caller.
            attack: |deployed| {
                RuntimeCall::Ewasm(pallet_ewasm::Call::call {
                    dest: deployed[0],
                    value: 0,
                    gas_limit: max_gas(),
                    data: vec![5],
                    storage_deposit_limit: None,
                })
            },
        },
        Attack {
            name: "state-access gas: cold SLOADs of 20 000 stored slots, in a loop",
            // i = 0; loop { i += 1; SLOAD(i) }: slots 1.. are the flooded ones.
            setup: || {
                vec![attacks::evm_deployer(&[
                    0x60, 0x00, 0x5b, 0x60, 0x01, 0x01, 0x80, 0x54, 0x50, 0x60, 0x02, 0x56,
                ])]
            },
            prepare: flood_storage,
            attack: |deployed| call(deployed[0]),
        },
        Attack {
            name: "state-access gas: SSTOREs setting new slots, in a loop",
            // i = 0; loop { i += 1; SSTORE(i, 1) }.
            setup: || {
                vec![attacks::evm_deployer(&[
                    0x60, 0x00, 0x5b, 0x60, 0x01, 0x01, 0x60, 0x01, 0x81, 0x55, 0x60, 0x02, 0x56,
                ])]
            },
            prepare: nothing,
            attack: |deployed| call(deployed[0]),
        },
        Attack {
            name: "log flood: one LOG0 of 400 KB",
            setup: || vec![attacks::evm_deployer(&attacks::evm_log_flood(400_000))],
            prepare: nothing,
            attack: |deployed| call(deployed[0]),
        },
        Attack {
            name: EVM_ENDLESS_LOOP,
            // JUMPDEST, PUSH0, JUMP.
            setup: || vec![attacks::evm_deployer(&[0x5b, 0x5f, 0x56])],
            prepare: nothing,
            attack: |deployed| call(deployed[0]),
        },
        Attack {
            name: EWASM_ENDLESS_LOOP,
            setup: || {
                vec![deployer(&pallet_ewasm_fixtures::wasm(
                    r#"(module (memory 1) (export "memory" (memory 0)) (export "main" (func 0))
                        (func (loop (br 0))))"#,
                ))]
            },
            prepare: nothing,
            attack: |deployed| call(deployed[0]),
        },
    ]
}

/// Computation with the block gas limit: far more gas than a block computes.
const EVM_ENDLESS_LOOP: &str = "endless EVM loop with the block gas limit (30 M)";
const EWASM_ENDLESS_LOOP: &str = "endless Ewasm loop (fuel) with the block gas limit (30 M)";

/// Calls the loop contract the state builder adds after every setup contract (see
/// [`pre_state`]): it calls the first setup contract until out of gas.
fn call_loop_target() -> RuntimeCall {
    RuntimeCall::Ewasm(pallet_ewasm::Call::call {
        dest: loop_address(),
        value: 0,
        gas_limit: max_gas(),
        data: vec![],
        storage_deposit_limit: None,
    })
}

/// Where [`pre_state`] puts the loop contract.
fn loop_address() -> H160 {
    let mut ext = genesis();
    ext.execute_with(|| {
        let alice = Sr25519Keyring::Alice.to_account_id();
        ewasm_engine::address::create_address(&Ewasm::address_of(&alice), 1)
    })
}

/// Genesis plus the attack's setup contracts deployed by Alice (outside any block, so that
/// each may use the whole block gas limit), then a contract calling the first of them in a
/// loop. Returns the state and the setup contracts' addresses.
fn pre_state(attack: &Attack) -> (sp_io::TestExternalities, Vec<H160>) {
    let mut ext = genesis();
    let alice = Sr25519Keyring::Alice.to_account_id();
    let deployed = ext.execute_with(|| {
        let mut deployed = Vec::new();
        for code in (attack.setup)() {
            let outcome =
                Ewasm::bare_instantiate(&alice, 0, max_gas(), Code::Upload(code), vec![], None)
                    .expect("setup contract deploys");
            assert_eq!(
                outcome.status,
                ewasm_engine::ExecStatus::Success,
                "{}",
                attack.name
            );
            deployed.push(outcome.contract);
        }
        if let Some(first) = deployed.first() {
            let looped = attacks::evm_deployer(&attacks::evm_call_loop(first.0));
            let outcome =
                Ewasm::bare_instantiate(&alice, 0, max_gas(), Code::Upload(looped), vec![], None)
                    .expect("loop contract deploys");
            assert_eq!(outcome.contract, loop_address());
        }
        (attack.prepare)(&deployed);
        deployed
    });
    ext.commit_all().expect("setup state commits");
    (ext, deployed)
}

/// What Bob's attack extrinsic was charged and whether it succeeded.
struct Charged {
    weight: Weight,
    /// The whole block's weight (with `on_idle`, which removes terminated contracts' storage).
    block_weight: Weight,
    fee_paid: u128,
    succeeded: bool,
}

/// Builds block 1 on the attack's pre-state with Bob's attack as its only extrinsic.
fn attack_block(attack: &Attack) -> (ewasm_runtime::Block, Charged) {
    let (mut ext, deployed) = pre_state(attack);
    let bob = Sr25519Keyring::Bob;
    let alice_before =
        ext.execute_with(|| Balances::balance(&Sr25519Keyring::Alice.to_account_id()));
    let block = build_block(&mut ext, |i| {
        (i == 0).then(|| signed(bob, (attack.attack)(&deployed)))
    });
    let charged = ext.execute_with(|| {
        let (info, succeeded): (DispatchEventInfo, bool) = System::events()
            .into_iter()
            .find_map(|record| match record.event {
                RuntimeEvent::System(frame_system::Event::ExtrinsicSuccess { dispatch_info })
                    if record.phase == frame_system::Phase::ApplyExtrinsic(1) =>
                {
                    Some((dispatch_info, true))
                }
                RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
                    dispatch_info,
                    ..
                }) if record.phase == frame_system::Phase::ApplyExtrinsic(1) => {
                    Some((dispatch_info, false))
                }
                _ => None,
            })
            .unwrap_or_else(|| panic!("{}: the attack is in the block", attack.name));
        assert_eq!(
            Balances::balance(&Sr25519Keyring::Alice.to_account_id()),
            alice_before,
            "{}: nobody else pays",
            attack.name
        );
        let fee_paid = System::events()
            .into_iter()
            .find_map(|record| match record.event {
                RuntimeEvent::TransactionPayment(
                    pallet_transaction_payment::Event::TransactionFeePaid {
                        who, actual_fee, ..
                    },
                ) if who == bob.to_account_id() => Some(actual_fee),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{}: the attacker paid a fee", attack.name));
        Charged {
            weight: info.weight,
            block_weight: block_weight(),
            fee_paid,
            succeeded,
        }
    });
    (block, charged)
}

/// What the block built last in these externalities consumed, all dispatch classes.
fn block_weight() -> Weight {
    let consumed = System::block_weight();
    consumed.total()
}

#[test]
fn every_attack_executes_in_the_wasm_runtime_and_pays_for_what_it_ran() {
    for attack in attacks() {
        let (block, charged) = attack_block(&attack);
        println!(
            "{}: {} , weight {:.1} ms, fee {}",
            attack.name,
            if charged.succeeded {
                "succeeded"
            } else {
                "failed"
            },
            charged.weight.ref_time() as f64 / 1e9,
            charged.fee_paid
        );
        // The fee covers the weight charged (IdentityFee: one unit per picosecond).
        assert!(
            charged.fee_paid >= u128::from(charged.weight.ref_time()),
            "{}: paid {} for {:?}",
            attack.name,
            charged.fee_paid,
            charged.weight
        );
        assert!(charged.weight.ref_time() > 0, "{}", attack.name);
        assert_same_root_native_and_wasm_on(&|| pre_state(&attack).0, &block);
    }
}

/// Gas beyond what a block computes does not buy computation: an endless loop given the block
/// gas limit stops where its work reaches the reservation, fails, and is charged the
/// reservation, in the compiled wasm runtime.
#[test]
fn computation_beyond_the_reservation_is_refused_and_charged_the_reservation() {
    for attack in attacks()
        .into_iter()
        .filter(|attack| [EVM_ENDLESS_LOOP, EWASM_ENDLESS_LOOP].contains(&attack.name))
    {
        let (block, charged) = attack_block(&attack);
        use frame_support::dispatch::GetDispatchInfo;
        use pallet_ewasm::weights::WeightInfo;
        let (mut ext, deployed) = pre_state(&attack);
        let declared = ext.execute_with(|| {
            signed(Sr25519Keyring::Bob, (attack.attack)(&deployed)).get_dispatch_info()
        });
        let reserved = Ewasm::reserved_weight(max_gas());
        assert_eq!(declared.call_weight, Ewasm::call_base(true) + reserved);
        assert!(!charged.succeeded, "{}", attack.name);
        // Nothing of the reservation refunded, only the address mapping's base if the call
        // did not map (the charge adds the transaction extensions').
        let base = <<Runtime as pallet_ewasm::Config>::WeightInfo as WeightInfo>::call();
        assert!(
            charged.weight.ref_time() >= (base + reserved).ref_time(),
            "{}: {:?} charged",
            attack.name,
            charged.weight
        );
        assert!(
            reserved.ref_time() < Ewasm::gas_to_weight(max_gas()).ref_time(),
            "the block gas limit is more computation than the reservation"
        );
        assert_same_root_native_and_wasm_on(&|| pre_state(&attack).0, &block);
    }
}

#[test]
#[ignore = "benchmark: prints wasm time against weight charged per attack"]
fn bench_attacks_time_against_weight() {
    let executor = wasm_executor();
    for attack in attacks() {
        let (block, charged) = attack_block(&attack);
        let mut empty_state = pre_state(&attack).0;
        let empty = build_block(&mut empty_state, |_| None);
        let empty_weight = empty_state.execute_with(block_weight);
        // The fastest of five: single calls run below a millisecond, where the machine's
        // moments move one run by several times.
        let time = |block: &ewasm_runtime::Block| {
            (0..5)
                .map(|_| {
                    let state = pre_state(&attack).0;
                    let start = std::time::Instant::now();
                    execute_in_wasm_on(&executor, state, block);
                    start.elapsed()
                })
                .min()
                .expect("five runs")
        };
        let spent = time(&block).saturating_sub(time(&empty));
        // The attack's extrinsic and what the block did because of it (on_idle's deletions).
        let charged_s = charged.block_weight.saturating_sub(empty_weight).ref_time() as f64 / 1e12;
        println!(
            "{:<80} {:>8.1} ms in wasm, {:>8.1} ms charged, ratio {:.2}",
            attack.name,
            spent.as_secs_f64() * 1e3,
            charged_s * 1e3,
            spent.as_secs_f64() / charged_s
        );
    }
}
