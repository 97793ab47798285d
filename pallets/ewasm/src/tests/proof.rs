//! Proof size: charged per item read, within what the gas limit reserves.

use super::deploy_runtime as deploy;
use crate::{host::proof_items, mock::*, rates, Error, Pallet, ProofCosts as Costs};
use frame_support::{assert_ok, dispatch::PostDispatchInfo, traits::StorageInfoTrait};
use pallet_ewasm_fixtures::{deployer, wasm};
use sp_core::{H160, H256};
use sp_runtime::DispatchError;

/// Sets slot `MARK` to 1, then reads slots `0..slots` of its own storage, each twice.
fn reader(slots: u32) -> Vec<u8> {
    wasm(&format!(
        r#"(module
            (import "ethereum" "storageLoad" (func $load (param i32 i32)))
            (import "ethereum" "storageStore" (func $store (param i32 i32)))
            (memory 1) (export "memory" (memory 0)) (export "main" (func $main))
            (func $main (local $i i32)
              (i32.store (i32.const 0) (i32.const {MARK}))
              (i32.store (i32.const 32) (i32.const 1))
              (call $store (i32.const 0) (i32.const 32))
              (loop $l
                (i32.store (i32.const 0) (i32.rem_u (local.get $i) (i32.const {slots})))
                (call $load (i32.const 0) (i32.const 32))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br_if $l (i32.lt_u (local.get $i) (i32.const {twice}))))))"#,
        twice = 2 * slots
    ))
}

/// The slot [`reader`] writes (little-endian in the key's first bytes).
const MARK: u32 = 0xffff;

fn mark(contract: &H160) -> Option<H256> {
    let mut key = [0u8; 32];
    key[..4].copy_from_slice(&MARK.to_le_bytes());
    Pallet::<Test>::storage_of(contract, &H256(key))
}

fn call(contract: H160, gas_limit: u64) -> (Result<(), DispatchError>, PostDispatchInfo) {
    match Ewasm::call(
        RuntimeOrigin::signed(ALICE),
        contract,
        0,
        gas_limit,
        vec![],
        None,
    ) {
        Ok(info) => (Ok(()), info),
        Err(e) => (Err(e.error), e.post_info),
    }
}

#[test]
fn a_call_is_charged_the_proof_of_what_it_read_each_item_once() {
    new_test_ext().execute_with(|| {
        let code = reader(50);
        let contract = deploy(&code);
        let (result, info) = call(contract, 1_000_000);
        assert_eq!(result, Ok(()));
        let costs = ProofCosts::get();
        // The contract, its code, the slot written (settling the contract's deposit reads its
        // balance) and the 50 read; a call without value reads no balance of Alice's.
        let read =
            costs.contract + code.len() as u64 * costs.code_byte + costs.balance + 51 * costs.item;
        let base = <() as crate::weights::WeightInfo>::call().proof_size();
        assert_eq!(info.actual_weight.unwrap().proof_size(), base + read);
    });
}

#[test]
fn a_read_beyond_the_reserved_proof_is_refused_and_undoes_the_call() {
    new_test_ext().execute_with(|| {
        let contract = deploy(&reader(200));
        // A slot's read puts more into the proof than its 200 gas reserve.
        ProofCosts::set(Costs {
            item: 5_000,
            ..ProofCosts::get()
        });
        let gas_limit = 200_000;
        let (result, info) = call(contract, gas_limit);
        assert_eq!(result, Err(Error::<Test>::OutOfWeight.into()));
        let limit = Pallet::<Test>::proof_limit(gas_limit);
        assert!(limit < 200 * 5_000, "the reads do not fit: {limit}");
        let base = <() as crate::weights::WeightInfo>::call().proof_size();
        assert_eq!(
            info.actual_weight.unwrap().proof_size(),
            base + limit,
            "charged what it may have read, not what was refused"
        );
        assert_eq!(mark(&contract), None, "its write was undone");
        // With a larger gas limit the same call fits.
        let (result, _) = call(contract, 2_000_000);
        assert_eq!(result, Ok(()));
        assert!(mark(&contract).is_some());
    });
}

/// Each kind of read is charged at least what its items put into the proof, each at what the
/// benchmark CLI adds for a `MaxEncodedLen` item: a slot's proof less a slot's size, plus the
/// item's size.
#[test]
fn each_kind_of_read_is_charged_at_least_what_its_items_put_into_the_proof() {
    let costs = rates::proof_costs::<()>();
    let info = Pallet::<Test>::storage_info()
        .into_iter()
        .chain(frame_system::Pallet::<Test>::storage_info())
        .chain(pallet_balances::Pallet::<Test>::storage_info())
        .collect::<Vec<_>>();
    let size = |(pallet, item): &(&str, &str)| -> u64 {
        let found = info
            .iter()
            .find(|i| i.pallet_name == pallet.as_bytes() && i.storage_name == item.as_bytes())
            .unwrap_or_else(|| panic!("{pallet}::{item}"));
        found.max_size.expect("bounded").into()
    };
    let slot = size(&("Ewasm", "ContractStorage"));
    let overhead = costs.item - slot;
    let needed = |group: &[(&str, &str)]| -> u64 { group.iter().map(|i| overhead + size(i)).sum() };
    for (charged, group) in [
        (costs.contract, proof_items::CONTRACT),
        (costs.balance, proof_items::BALANCE),
        (costs.nonce, proof_items::NONCE),
    ] {
        assert!(
            charged >= needed(group),
            "{group:?}: {charged} < {}",
            needed(group)
        );
    }
    assert!(costs.code_byte >= 1 && costs.item > slot);
}

/// Init code instantiated from storage is charged its bytes' proof; stored code larger than the
/// proof its gas limit reserves is refused before it is read, and nothing is created.
#[test]
fn stored_init_code_is_charged_its_proof_and_refused_beyond_the_reserve() {
    new_test_ext().execute_with(|| {
        let init = deployer(&reader(1));
        let hash = ewasm_engine::address::keccak256(&init);
        assert_ok!(Ewasm::upload_code(
            RuntimeOrigin::signed(ALICE),
            init.clone(),
            None
        ));
        let instantiate = |gas_limit: u64| {
            Ewasm::instantiate(
                RuntimeOrigin::signed(ALICE),
                0,
                gas_limit,
                hash,
                vec![],
                None,
                None,
            )
        };
        let costs = ProofCosts::get();
        let info = instantiate(1_000_000).unwrap();
        let base = <() as crate::weights::WeightInfo>::instantiate().proof_size();
        assert!(
            info.actual_weight.unwrap().proof_size() >= base + init.len() as u64 * costs.code_byte
        );

        ProofCosts::set(Costs {
            code_byte: 1_000,
            ..costs
        });
        let gas_limit = 100_000;
        assert!(Pallet::<Test>::proof_limit(gas_limit) < init.len() as u64 * 1_000);
        let contracts = crate::ContractInfoOf::<Test>::iter().count();
        let err = instantiate(gas_limit).unwrap_err();
        assert_eq!(err.error, Error::<Test>::OutOfWeight.into());
        assert_eq!(crate::ContractInfoOf::<Test>::iter().count(), contracts);
    });
}
