//! Limits that protect the chain: the block gas limit, bounded dry-runs and their estimates.

use super::deploy_runtime as deploy;
use crate::{api::ExecStatus as ApiStatus, mock::*, Error, Pallet};
use frame_support::{assert_noop, assert_ok};
use pallet_ewasm_fixtures::wasm;
use sp_core::H160;

/// A callee that succeeds only with at least `need` gas: it burns that much with `useGas`.
fn burner(need: u64) -> Vec<u8> {
    wasm(&format!(
        r#"(module
            (import "ethereum" "useGas" (func $useGas (param i64)))
            (memory 1) (export "memory" (memory 0)) (export "main" (func $main))
            (func $main (call $useGas (i64.const {need}))))"#
    ))
}

/// A caller that forwards all it may (EIP-150: all but a 64th) to `callee` and traps if the
/// call fails.
fn forwarder(callee: H160) -> Vec<u8> {
    let address: String = callee
        .as_bytes()
        .iter()
        .map(|b| format!("\\{b:02x}"))
        .collect();
    wasm(&format!(
        r#"(module
            (import "ethereum" "call" (func $call (param i64 i32 i32 i32 i32) (result i32)))
            (import "ethereum" "getGasLeft" (func $gasLeft (result i64)))
            (memory 1) (data (i32.const 0) "{address}")
            (export "memory" (memory 0)) (export "main" (func $main))
            (func $main
              (if (call $call (call $gasLeft) (i32.const 0) (i32.const 32) (i32.const 0)
                    (i32.const 0))
                (then unreachable))))"#
    ))
}

#[test]
fn the_gas_estimate_is_the_least_limit_that_succeeds_when_gas_is_forwarded() {
    new_test_ext().execute_with(|| {
        let callee = deploy(&burner(200_000));
        let caller = deploy(&forwarder(callee));
        let dry = Pallet::<Test>::dry_run_call(ALICE, caller, 0, None, vec![]);
        assert_eq!(dry.status, ApiStatus::Success);
        // The callee needs 200 000 of what it is forwarded, so the caller must hold 64/63 of it.
        assert!(
            dry.gas_required > dry.gas_used + 200_000 / 64,
            "used {} required {}",
            dry.gas_used,
            dry.gas_required
        );
        let run = |gas| {
            Pallet::<Test>::bare_call(&ALICE, caller, 0, gas, vec![])
                .unwrap()
                .status
        };
        assert_eq!(run(dry.gas_required), ewasm_engine::ExecStatus::Success);
        assert_ne!(run(dry.gas_required - 1), ewasm_engine::ExecStatus::Success);
        // The extrinsic with exactly the estimate succeeds too.
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(ALICE),
            caller,
            0,
            dry.gas_required,
            vec![],
            None
        ));
    });
}

#[test]
fn dry_runs_are_clamped_to_the_block_gas_limit() {
    new_test_ext().execute_with(|| {
        // Burns a little more than a block allows: no dry-run can make it succeed.
        let greedy = deploy(&burner(BlockGasLimit::get() + 1));
        let dry = Pallet::<Test>::dry_run_call(ALICE, greedy, 0, Some(u64::MAX), vec![]);
        assert_eq!(dry.status, ApiStatus::Failed("out of gas".into()));
        assert_eq!(dry.gas_used, BlockGasLimit::get());
        // Within the limit it succeeds and estimates what it burns.
        let fits = deploy(&burner(BlockGasLimit::get() / 2));
        let dry = Pallet::<Test>::dry_run_call(ALICE, fits, 0, Some(u64::MAX), vec![]);
        assert_eq!(dry.status, ApiStatus::Success);
        assert_eq!(dry.gas_required, dry.gas_used);
    });
}

#[test]
fn the_estimate_is_exact_through_a_chain_of_forwarders() {
    new_test_ext().execute_with(|| {
        // A chain of forwarders each keeping a 64th: the estimate needs several probes.
        let mut contract = deploy(&burner(1_000_000));
        for _ in 0..6 {
            contract = deploy(&forwarder(contract));
        }
        let dry = Pallet::<Test>::dry_run_call(ALICE, contract, 0, None, vec![]);
        assert_eq!(dry.status, ApiStatus::Success);
        let run = |gas| {
            Pallet::<Test>::bare_call(&ALICE, contract, 0, gas, vec![])
                .unwrap()
                .status
        };
        assert_eq!(run(dry.gas_required), ewasm_engine::ExecStatus::Success);
        assert_ne!(run(dry.gas_required - 1), ewasm_engine::ExecStatus::Success);
    });
}

#[test]
fn extrinsics_above_the_block_gas_limit_are_refused() {
    new_test_ext().execute_with(|| {
        let contract = deploy(&burner(10));
        let too_much = BlockGasLimit::get() + 1;
        assert_noop!(
            Ewasm::call(
                RuntimeOrigin::signed(ALICE),
                contract,
                0,
                too_much,
                vec![],
                None
            ),
            sp_runtime::DispatchErrorWithPostInfo {
                post_info: frame_support::dispatch::PostDispatchInfo {
                    actual_weight: Some(<() as crate::weights::WeightInfo>::call()),
                    pays_fee: frame_support::dispatch::Pays::Yes,
                },
                error: Error::<Test>::GasLimitTooHigh.into(),
            }
        );
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(ALICE),
            contract,
            0,
            BlockGasLimit::get(),
            vec![],
            None
        ));
    });
}

/// Makes the mock's gas so heavy that the execution room computes only `gas` of it.
pub(super) fn room_computes(gas: u64) {
    let room = Pallet::<Test>::execution_room().unwrap();
    WeightPerGas::set(frame_support::weights::Weight::from_parts(
        room.ref_time() / gas,
        1,
    ));
}

/// An execution reserves its gas limit's weight and a quarter more, but never more than four
/// fifths of what a normal extrinsic has beside the largest base weight.
#[test]
fn reservations_are_capped_at_the_execution_room() {
    use crate::weights::WeightInfo;
    use frame_support::{dispatch::DispatchClass, traits::Get};
    let room = Pallet::<Test>::execution_room().unwrap();
    let weights: frame_system::limits::BlockWeights =
        <Test as frame_system::Config>::BlockWeights::get();
    let normal = weights.get(DispatchClass::Normal).clone();
    let largest = <() as WeightInfo>::instantiate()
        + <() as WeightInfo>::upload_code(128 * 1024)
        + normal.base_extrinsic
        + room;
    assert!(largest.all_lte(normal.max_extrinsic.unwrap()));
    room_computes(1_000_000);
    let per_gas = WeightPerGas::get();
    assert_eq!(Pallet::<Test>::reserved_weight(100_000), per_gas * 125_000);
    assert_eq!(
        Pallet::<Test>::reserved_weight(BlockGasLimit::get()).ref_time(),
        room.ref_time()
    );
    // Computation alone within the cap leaves no room for weight-meter units.
    assert_eq!(Pallet::<Test>::weight_units_within(BlockGasLimit::get()), 0);
}

/// Gas above what the room computes buys work cheaper than computation; work that reaches the
/// reservation is refused as a whole, charged the reservation.
#[test]
fn work_reaching_the_reservation_is_refused_and_undone() {
    new_test_ext().execute_with(|| {
        room_computes(1_000_000);
        let within = deploy(&burner(900_000));
        let beyond = deploy(&burner(1_100_000));
        let gas = 3_000_000;
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(ALICE),
            within,
            0,
            gas,
            vec![],
            None
        ));
        let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
        let result = Ewasm::call(RuntimeOrigin::signed(ALICE), beyond, 0, gas, vec![], None);
        let error = result.unwrap_err();
        assert_eq!(error.error, Error::<Test>::OutOfWeight.into());
        let base = <() as crate::weights::WeightInfo>::call();
        let charged = error.post_info.actual_weight.unwrap();
        assert_eq!(
            charged.ref_time(),
            (base + Pallet::<Test>::reserved_weight(gas)).ref_time()
        );
        assert_eq!(
            sp_io::storage::root(sp_runtime::StateVersion::V1),
            root,
            "storage changed"
        );
    });
}

/// A deployment whose code deposit is more gas than the room computes runs: the deposit prices
/// state, weighed at `WeightPerStateGas`.
#[test]
fn a_code_deposit_beyond_what_the_room_computes_deploys() {
    use pallet_ewasm_fixtures::attacks;
    new_test_ext().execute_with(|| {
        room_computes(1_000_000);
        // 8 KiB of STOPs: 1.6 M gas of code deposit.
        let init = attacks::evm_deployer(&[0u8; 8 * 1024]);
        let gas = 3_000_000;
        let outcome = Pallet::<Test>::bare_instantiate(
            &ALICE,
            0,
            gas,
            crate::api::Code::Upload(init),
            vec![],
            None,
        )
        .unwrap();
        assert_eq!(outcome.status, ewasm_engine::ExecStatus::Success);
        assert!(outcome.gas_consumed > 8 * 1024 * 200);
        assert!(outcome.ref_time < Pallet::<Test>::weight_limit(gas));
        assert!(outcome.state_gas >= 8 * 1024 * 200, "{}", outcome.state_gas);
    });
}
