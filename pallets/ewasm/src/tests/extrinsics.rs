//! The extrinsics, events, errors, weights and dry-runs, with the `store.wat` fixture.

use crate::{
    api::{Code, ExecStatus as ApiStatus},
    mock::*,
    CodeInfoOf, ContractInfoOf, Error, Event, Nonces, Pallet, PristineCode, RejectReason,
};
use ewasm_engine::address::{create2_address, create_address, keccak256};
use frame_support::{
    assert_noop, assert_ok,
    dispatch::{GetDispatchInfo, PostDispatchInfo},
    traits::{fungible::Inspect, Hooks},
    weights::Weight,
};
use sp_core::{H160, H256};

const GAS: u64 = 1_000_000;

use pallet_ewasm_fixtures::{deployer, store_runtime as runtime_code};

fn alice_address() -> H160 {
    Pallet::<Test>::address_of(&ALICE)
}

/// Deploys the store contract from ALICE with `init_data`, returning its address.
fn deploy(init_data: Vec<u8>) -> H160 {
    assert_ok!(Ewasm::instantiate_with_code(
        RuntimeOrigin::signed(ALICE),
        0,
        GAS,
        deployer(&runtime_code()),
        init_data,
        None,
        None
    ));
    match last_ewasm_events().into_iter().rev().find_map(|e| match e {
        Event::Instantiated { contract, .. } => Some(contract),
        _ => None,
    }) {
        Some(contract) => contract,
        None => panic!("no Instantiated event"),
    }
}

fn last_ewasm_events() -> Vec<Event<Test>> {
    System::events()
        .into_iter()
        .filter_map(|r| match r.event {
            RuntimeEvent::Ewasm(e) => Some(e),
            _ => None,
        })
        .collect()
}

fn set_cmd(value: u8) -> Vec<u8> {
    let mut data = vec![1u8];
    data.extend_from_slice(&[value; 32]);
    data
}

fn slot0(contract: H160) -> Option<H256> {
    Pallet::<Test>::storage_of(&contract, &H256::zero())
}

#[test]
fn upload_code_validates_and_stores_once() {
    new_test_ext().execute_with(|| {
        let code = deployer(&runtime_code());
        assert_ok!(Ewasm::upload_code(
            RuntimeOrigin::signed(ALICE),
            code.clone(),
            None
        ));
        let hash = keccak256(&code);
        assert_eq!(PristineCode::<Test>::get(hash).unwrap().into_inner(), code);
        assert_eq!(CodeInfoOf::<Test>::get(hash).unwrap().owner, ALICE);
        assert!(last_ewasm_events().contains(&Event::CodeStored {
            code_hash: hash,
            owner: ALICE
        }));
        // Uploading again by someone else keeps the first owner.
        assert_ok!(Ewasm::upload_code(RuntimeOrigin::signed(BOB), code, None));
        assert_eq!(CodeInfoOf::<Test>::get(hash).unwrap().owner, ALICE);
    });
}

#[test]
fn invalid_code_is_rejected_with_its_reason_and_nothing_stored() {
    new_test_ext().execute_with(|| {
        let with_start = wat::parse_str(
            r#"(module (memory 1) (export "memory" (memory 0)) (export "main" (func 0)) (func) (start 0))"#,
        )
        .unwrap();
        assert_noop!(
            Ewasm::upload_code(RuntimeOrigin::signed(ALICE), with_start, None),
            Error::<Test>::CodeRejected { reason: RejectReason::HasStartFunction }
        );
        // Anything without the wasm magic is EVM bytecode; with it, it must be wasm v1.
        assert_noop!(
            Ewasm::upload_code(RuntimeOrigin::signed(ALICE), b"\0asm\x02\0\0\0".to_vec(), None),
            Error::<Test>::CodeRejected { reason: RejectReason::BadVersion }
        );
        assert_noop!(
            Ewasm::upload_code(RuntimeOrigin::signed(ALICE), vec![0; 128 * 1024 + 1], None),
            Error::<Test>::CodeTooLarge
        );
        assert_eq!(PristineCode::<Test>::iter().count(), 0);
    });
}

#[test]
fn instantiate_uses_the_deployer_nonce_and_runs_the_constructor() {
    new_test_ext().execute_with(|| {
        let contract = deploy(vec![7u8; 32]);
        assert_eq!(contract, create_address(&alice_address(), 0));
        assert_eq!(Nonces::<Test>::get(alice_address()), 1);
        assert_eq!(Nonces::<Test>::get(contract), 1);
        assert_eq!(
            slot0(contract),
            Some(H256::repeat_byte(7)),
            "constructor saw its call data"
        );
        let info = ContractInfoOf::<Test>::get(contract).unwrap();
        assert_eq!(info.code_hash, keccak256(&runtime_code()));
        assert_eq!(Pallet::<Test>::code_of(&contract), Some(runtime_code()));
        assert_eq!(CodeInfoOf::<Test>::get(info.code_hash).unwrap().refcount, 1);
        // A second deployment gets the next nonce's address.
        assert_eq!(deploy(vec![]), create_address(&alice_address(), 1));
    });
}

#[test]
fn instantiate_with_salt_uses_create2_and_rejects_duplicates() {
    new_test_ext().execute_with(|| {
        let init = deployer(&runtime_code());
        let salt = H256::repeat_byte(3);
        assert_ok!(Ewasm::instantiate_with_code(
            RuntimeOrigin::signed(ALICE),
            0,
            GAS,
            init.clone(),
            vec![],
            Some(salt),
            None
        ));
        let expected = create2_address(&alice_address(), &salt, &init);
        assert!(ContractInfoOf::<Test>::contains_key(expected));
        // The init code ran without being stored; stored, it targets the same address.
        assert!(!PristineCode::<Test>::contains_key(keccak256(&init)));
        assert_ok!(Ewasm::upload_code(
            RuntimeOrigin::signed(ALICE),
            init.clone(),
            None
        ));
        let result = Ewasm::instantiate(
            RuntimeOrigin::signed(ALICE),
            0,
            GAS,
            keccak256(&init),
            vec![],
            Some(salt),
            None,
        );
        assert_eq!(
            result.unwrap_err().error,
            Error::<Test>::DuplicateContract.into()
        );
    });
}

#[test]
fn call_stores_logs_and_emits_events() {
    new_test_ext().execute_with(|| {
        let contract = deploy(vec![]);
        System::reset_events();
        let planned = Pallet::<Test>::dry_run_call(BOB, contract, 0, None, set_cmd(9));
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(BOB),
            contract,
            0,
            GAS,
            set_cmd(9),
            None
        ));
        assert_eq!(slot0(contract), Some(H256::repeat_byte(9)));
        let events = last_ewasm_events();
        assert_eq!(
            events,
            vec![
                Event::Log {
                    contract,
                    topics: vec![keccak256(b"ValueSet(uint256)")],
                    data: vec![9u8; 32]
                },
                Event::Called {
                    caller: BOB,
                    contract,
                    gas_used: planned.ethereum_gas_used,
                },
            ]
        );
        let read = Pallet::<Test>::bare_call(&BOB, contract, 0, GAS, vec![]).unwrap();
        assert_eq!(read.output, vec![9u8; 32]);
    });
}

#[test]
fn revert_fails_the_extrinsic_changes_nothing_and_refunds_unused_gas() {
    new_test_ext().execute_with(|| {
        let contract = deploy(vec![5u8; 32]);
        let call = RuntimeCall::Ewasm(crate::Call::call {
            dest: contract,
            value: 0,
            gas_limit: GAS,
            data: vec![2],
            storage_deposit_limit: None,
        });
        let pre_charged = call.get_dispatch_info().call_weight;
        let result = Ewasm::call(RuntimeOrigin::signed(BOB), contract, 0, GAS, vec![2], None);
        let err = result.unwrap_err();
        assert_eq!(err.error, Error::<Test>::ContractReverted.into());
        let actual = err.post_info.actual_weight.unwrap();
        assert!(
            actual.ref_time() < pre_charged.ref_time(),
            "unused gas is not charged"
        );
        assert_eq!(slot0(contract), Some(H256::repeat_byte(5)));
        // The revert data is kept for callers that look.
        let outcome = Pallet::<Test>::bare_call(&BOB, contract, 0, GAS, vec![2]).unwrap();
        assert_eq!(outcome.output, b"no".to_vec());
    });
}

#[test]
fn trap_and_out_of_gas_fail_with_specific_errors_use_all_gas_and_are_charged_their_work() {
    new_test_ext().execute_with(|| {
        let contract = deploy(vec![]);
        // BOB's first call: it maps BOB's address, which a failed execution keeps.
        let base = Pallet::<Test>::call_base(true);
        let err =
            Ewasm::call(RuntimeOrigin::signed(BOB), contract, 0, GAS, vec![3], None).unwrap_err();
        assert_eq!(err.error, Error::<Test>::ContractTrapped.into());
        // The work it did before the trap (its gas is all used), and what it read.
        let trapped = Pallet::<Test>::bare_call(&BOB, contract, 0, GAS, vec![3]).unwrap();
        assert_eq!(trapped.gas_consumed, GAS);
        assert!(trapped.proof_size > 0 && trapped.ref_time > 0);
        assert!(trapped.ref_time < Pallet::<Test>::gas_to_weight(GAS).ref_time());
        assert_eq!(
            err.post_info.actual_weight,
            Some(Weight::from_parts(
                base.ref_time() + trapped.ref_time,
                base.proof_size() + trapped.proof_size
            ))
        );
        let err =
            Ewasm::call(RuntimeOrigin::signed(BOB), contract, 0, GAS, vec![6], None).unwrap_err();
        assert_eq!(
            err.error,
            Error::<Test>::OutOfGas.into(),
            "instruction metering stops the loop"
        );
    });
}

#[test]
fn actual_weight_is_base_plus_gas_used_with_state_access_gas_at_its_own_rate_and_the_proof_read() {
    new_test_ext().execute_with(|| {
        let contract = deploy(vec![]);
        let used = Pallet::<Test>::bare_call(&BOB, contract, 0, GAS, set_cmd(1))
            .unwrap()
            .gas_used;
        assert!(used > 20_000 && used < GAS);
        // Slot 0 is non-zero now: a store costs 5000 instead of 20000, 4900 of it state
        // access (a warm access's 100 is weighed as computation).
        let outcome = Pallet::<Test>::bare_call(&BOB, contract, 0, GAS, set_cmd(2)).unwrap();
        assert_eq!(outcome.gas_consumed, used - 15_000);
        assert_eq!(outcome.state_gas, 4_900);
        let post: PostDispatchInfo = Ewasm::call(
            RuntimeOrigin::signed(BOB),
            contract,
            0,
            GAS,
            set_cmd(3),
            None,
        )
        .unwrap();
        let expected = <() as crate::weights::WeightInfo>::call()
            + Pallet::<Test>::gas_to_weight(used - 15_000 - 4_900)
            + crate::mock::WeightPerStateGas::get()
                * (4_900 + ewasm_engine::gas::weight::STATE_READ * outcome.state_reads);
        // Proof size is what it read, not a rate of gas.
        let proof = <() as crate::weights::WeightInfo>::call().proof_size() + outcome.proof_size;
        assert_eq!(
            post.actual_weight.map(|w| w.ref_time()),
            Some(expected.ref_time())
        );
        assert_eq!(post.actual_weight.map(|w| w.proof_size()), Some(proof));
        assert!(
            expected.ref_time()
                < (<() as crate::weights::WeightInfo>::call()
                    + Pallet::<Test>::gas_to_weight(used - 15_000))
                .ref_time()
        );
    });
}

#[test]
fn value_sent_to_the_caller_address_reaches_the_substrate_account() {
    new_test_ext().execute_with(|| {
        let contract = deploy(vec![]);
        let before = Balances::balance(&BOB);
        // The contract sends the value straight back to getCaller.
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(BOB),
            contract,
            500,
            GAS,
            vec![4],
            None
        ));
        assert_eq!(Balances::balance(&BOB), before);
        assert_eq!(Pallet::<Test>::balance_of(&contract), 0);
        // Value kept by a contract sits in its fallback account.
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(BOB),
            contract,
            700,
            GAS,
            set_cmd(1),
            None
        ));
        assert_eq!(Pallet::<Test>::balance_of(&contract), 700);
        assert_eq!(Balances::balance(&BOB), before - 700);
    });
}

#[test]
fn self_destruct_pays_the_caller_and_removes_the_contract() {
    new_test_ext().execute_with(|| {
        let contract = deploy(vec![1u8; 32]);
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(BOB),
            contract,
            300,
            GAS,
            set_cmd(4),
            None
        ));
        let bob_address = Pallet::<Test>::address_of(&BOB);
        let before = Balances::balance(&BOB);
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(BOB),
            contract,
            0,
            GAS,
            vec![5],
            None
        ));
        assert!(last_ewasm_events().contains(&Event::Terminated {
            contract,
            beneficiary: bob_address
        }));
        assert!(!ContractInfoOf::<Test>::contains_key(contract));
        assert_eq!(slot0(contract), None);
        assert_eq!(Balances::balance(&BOB), before + 300);
        let hash = keccak256(&runtime_code());
        assert_eq!(CodeInfoOf::<Test>::get(hash).unwrap().refcount, 0);
    });
}

/// Asserts that `dispatch` fails with `error`, charges only the base weight and changes nothing.
fn assert_refused(
    dispatch: impl FnOnce() -> frame_support::dispatch::DispatchResultWithPostInfo,
    error: Error<Test>,
    base: Weight,
) {
    let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
    let err = dispatch().unwrap_err();
    assert_eq!(err.error, error.into());
    assert_eq!(err.post_info.actual_weight, Some(base));
    assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
}

#[test]
fn refusals_before_execution() {
    new_test_ext().execute_with(|| {
        let contract = deploy(vec![]);
        let call_base = <() as crate::weights::WeightInfo>::call();
        let instantiate_base = <() as crate::weights::WeightInfo>::instantiate();
        assert_refused(
            || {
                Ewasm::call(
                    RuntimeOrigin::signed(BOB),
                    H160::repeat_byte(1),
                    0,
                    GAS,
                    vec![],
                    None,
                )
            },
            Error::<Test>::ContractNotFound,
            call_base,
        );
        assert_refused(
            || {
                Ewasm::call(
                    RuntimeOrigin::signed(BOB),
                    contract,
                    INITIAL_BALANCE + 1,
                    GAS,
                    vec![],
                    None,
                )
            },
            Error::<Test>::InsufficientBalance,
            call_base,
        );
        assert_refused(
            || {
                Ewasm::instantiate(
                    RuntimeOrigin::signed(BOB),
                    0,
                    GAS,
                    H256::repeat_byte(1),
                    vec![],
                    None,
                    None,
                )
            },
            Error::<Test>::CodeNotFound,
            instantiate_base,
        );
    });
}

#[test]
fn remove_code_only_by_owner_and_not_in_use() {
    new_test_ext().execute_with(|| {
        let contract = deploy(vec![]);
        let runtime_hash = keccak256(&runtime_code());
        let init_hash = keccak256(&deployer(&runtime_code()));
        assert_ok!(Ewasm::upload_code(
            RuntimeOrigin::signed(ALICE),
            deployer(&runtime_code()),
            None
        ));
        assert_noop!(
            Ewasm::remove_code(RuntimeOrigin::signed(BOB), init_hash),
            Error::<Test>::NotCodeOwner
        );
        assert_noop!(
            Ewasm::remove_code(RuntimeOrigin::signed(ALICE), runtime_hash),
            Error::<Test>::CodeInUse
        );
        assert_ok!(Ewasm::remove_code(RuntimeOrigin::signed(ALICE), init_hash));
        assert!(!PristineCode::<Test>::contains_key(init_hash));
        assert!(ContractInfoOf::<Test>::contains_key(contract));
        assert_noop!(
            Ewasm::remove_code(RuntimeOrigin::signed(ALICE), init_hash),
            Error::<Test>::CodeNotFound
        );
    });
}

#[test]
fn dry_run_matches_execution_and_estimates_gas() {
    new_test_ext().execute_with(|| {
        let contract = deploy(vec![]);
        let dry = Pallet::<Test>::dry_run_call(BOB, contract, 0, None, set_cmd(4));
        assert_eq!(dry.status, ApiStatus::Success);
        assert_eq!(dry.logs.len(), 1);
        assert_eq!(slot0(contract), None, "dry-runs change nothing");
        assert!(dry.gas_required >= dry.gas_used);
        // The estimate is the smallest limit that succeeds.
        let short =
            Pallet::<Test>::dry_run_call(BOB, contract, 0, Some(dry.gas_required - 1), set_cmd(4));
        assert_ne!(short.status, ApiStatus::Success);
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(BOB),
            contract,
            0,
            dry.gas_required,
            set_cmd(4),
            None
        ));
        let executed = Pallet::<Test>::bare_call(&BOB, contract, 0, GAS, vec![]).unwrap();
        assert_eq!(executed.output, vec![4u8; 32]);

        let reverted = Pallet::<Test>::dry_run_call(BOB, contract, 0, Some(GAS), vec![2]);
        assert_eq!(
            (reverted.status, reverted.return_data),
            (ApiStatus::Reverted, b"no".to_vec())
        );

        let created = Pallet::<Test>::dry_run_instantiate(
            ALICE,
            0,
            Some(GAS),
            Code::Upload(deployer(&runtime_code())),
            vec![],
            None,
        );
        assert_eq!(created.status, ApiStatus::Success);
        assert_eq!(created.created, Some(create_address(&alice_address(), 1)));
        assert!(!ContractInfoOf::<Test>::contains_key(create_address(
            &alice_address(),
            1
        )));

        let missing = Pallet::<Test>::dry_run_call(BOB, H160::zero(), 0, None, vec![]);
        assert_eq!(missing.status, ApiStatus::Failed("ContractNotFound".into()));
    });
}

#[test]
fn integrity_test_rejects_unsafe_limits() {
    new_test_ext().execute_with(|| {
        assert!(Pallet::<Test>::check_limits().is_ok());
        Ewasm::integrity_test();
        MaxCallDepth::set(300);
        assert_eq!(
            Pallet::<Test>::check_limits(),
            Err("MaxCallDepth exceeds the storage transaction layers FRAME allows")
        );
        MaxCallDepth::set(16);
        MaxMemoryPages::set(1024);
        assert_eq!(
            Pallet::<Test>::check_limits(),
            Err("the largest frame's memory exceeds the execution memory budget")
        );
        MaxMemoryPages::set(16);
    });
}

#[test]
fn gas_limit_above_what_remains_in_the_weight_is_still_bounded() {
    new_test_ext().execute_with(|| {
        let info = RuntimeCall::Ewasm(crate::Call::call {
            dest: H160::zero(),
            value: 0,
            gas_limit: GAS,
            data: vec![],
            storage_deposit_limit: None,
        })
        .get_dispatch_info();
        assert_eq!(
            info.call_weight,
            // The gas, and a quarter as many units of the weight meter (code loading), beside
            // the base of a call that maps its origin's address (refunded if it does not).
            Pallet::<Test>::call_base(true)
                + Weight::from_parts(1_000 * (GAS + GAS / 4), GAS + GAS / 4)
        );
    });
}

/// Baseline figures (not a timed test: it prints, it does not assert on time).
/// Run: `cargo test --release -p pallet-ewasm bench -- --ignored --nocapture`
#[test]
#[ignore = "benchmark: prints µs per call and per instantiate"]
fn bench_pallet_call_and_instantiate() {
    use std::time::Instant;
    const ROUNDS: u32 = 1_000;
    new_test_ext().execute_with(|| {
        let contract = deploy(vec![]);
        let start = Instant::now();
        for _ in 0..ROUNDS {
            let outcome = Pallet::<Test>::bare_call(&BOB, contract, 0, GAS, set_cmd(7)).unwrap();
            assert_eq!(outcome.status, ewasm_engine::ExecStatus::Success);
        }
        let call_us = start.elapsed().as_secs_f64() * 1e6 / f64::from(ROUNDS);
        // `instantiate_with_code` does not keep the init code: upload it.
        assert_ok!(Ewasm::upload_code(
            RuntimeOrigin::signed(ALICE),
            deployer(&runtime_code()),
            None
        ));
        let init_hash = keccak256(&deployer(&runtime_code()));
        let start = Instant::now();
        for _ in 0..ROUNDS {
            let outcome = Pallet::<Test>::bare_instantiate(
                &ALICE, 0, GAS, Code::Existing(init_hash), vec![], None,
            )
            .unwrap();
            assert_eq!(outcome.status, ewasm_engine::ExecStatus::Success);
        }
        let instantiate_us = start.elapsed().as_secs_f64() * 1e6 / f64::from(ROUNDS);
        println!("pallet (native, TestExternalities): {call_us:.1} µs per call, {instantiate_us:.1} µs per instantiate");
    });
}

#[test]
fn only_an_accounts_first_call_is_charged_for_mapping_its_address() {
    use crate::weights::WeightInfo;
    use frame_support::storage::{with_transaction, TransactionOutcome};
    new_test_ext().execute_with(|| {
        let contract = deploy(vec![]);
        // What the next call's execution weighs, undone.
        let execution = || {
            with_transaction(|| {
                let outcome = Pallet::<Test>::bare_call(&BOB, contract, 0, GAS, set_cmd(1));
                TransactionOutcome::Rollback(Ok::<_, sp_runtime::DispatchError>(outcome))
            })
            .expect("rolled back")
            .expect("the call runs")
        };
        let base_charged = || {
            let outcome = execution();
            let post = Ewasm::call(
                RuntimeOrigin::signed(BOB),
                contract,
                0,
                GAS,
                set_cmd(1),
                None,
            )
            .expect("the call succeeds");
            let base = post.actual_weight.expect("weighed").ref_time() - outcome.ref_time;
            (outcome.address_mapped, base)
        };
        assert_eq!(
            base_charged(),
            (true, <()>::call_mapping_address().ref_time())
        );
        assert_eq!(base_charged(), (false, <()>::call().ref_time()));
        assert!(
            <()>::call_mapping_address().ref_time() > <()>::call().ref_time(),
            "the mapping writes the address and holds its deposit"
        );
    });
}
