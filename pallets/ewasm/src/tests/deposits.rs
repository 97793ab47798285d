//! Storage deposits: held per item and per byte for code, contracts, slots and address
//! mappings, within the extrinsics' `storage_deposit_limit`, given back when state goes.

use super::last_instantiated;
use crate::{
    api::{Code, StorageDeposit},
    mock::*,
    ContractInfoOf, Error, HoldReason, Pallet, PristineCode,
};
use ewasm_engine::address::keccak256;
use frame_support::{
    assert_noop, assert_ok,
    traits::fungible::{Inspect, InspectHold},
};
use pallet_ewasm_fixtures::{deployer, evm_init_code, store_runtime};
use sp_core::H256;
use sp_runtime::AccountId32;

const GAS: u64 = 1_000_000;

/// Turns deposits on for the test (the mock's default is off).
fn with_deposits(test: impl FnOnce()) {
    DepositPerItem::set(1_000);
    DepositPerByte::set(10);
    new_test_ext().execute_with(test);
    DepositPerItem::set(0);
    DepositPerByte::set(0);
}

fn held(reason: HoldReason, who: &AccountId32) -> u128 {
    Balances::balance_on_hold(&reason.into(), who)
}

/// The store contract instantiated by ALICE with `init_data` for its constructor.
fn deploy_store(init_data: Vec<u8>) -> sp_core::H160 {
    assert_ok!(Ewasm::instantiate_with_code(
        RuntimeOrigin::signed(ALICE),
        0,
        GAS,
        deployer(&store_runtime()),
        init_data,
        None,
        None,
    ));
    last_instantiated()
}

fn store_cmd(value: u8) -> Vec<u8> {
    let mut data = vec![1u8];
    data.extend_from_slice(&[value; 32]);
    data
}

fn slot_deposit() -> u128 {
    let one = crate::ContractInfo {
        code_hash: H256::zero(),
        trie_id: 0,
        storage_items: 1,
        storage_deposit: 0,
    };
    Pallet::<Test>::contract_deposit(&one)
        - Pallet::<Test>::contract_deposit(&crate::ContractInfo {
            storage_items: 0,
            ..one
        })
}

#[test]
fn uploaded_code_holds_its_deposit_until_removed() {
    with_deposits(|| {
        let code = deployer(&store_runtime());
        let deposit = Pallet::<Test>::code_deposit(code.len() as u32);
        assert!(deposit > 1_000 * 2);
        // A limit below the deposit refuses the upload and changes nothing.
        assert_noop!(
            Ewasm::upload_code(
                RuntimeOrigin::signed(ALICE),
                code.clone(),
                Some(deposit - 1)
            ),
            Error::<Test>::StorageDepositLimitExhausted
        );
        let before = Balances::balance(&ALICE);
        assert_ok!(Ewasm::upload_code(
            RuntimeOrigin::signed(ALICE),
            code.clone(),
            Some(deposit)
        ));
        assert_eq!(held(HoldReason::CodeUploadDeposit, &ALICE), deposit);
        assert_eq!(Balances::balance(&ALICE), before - deposit);
        assert_ok!(Ewasm::remove_code(
            RuntimeOrigin::signed(ALICE),
            keccak256(&code)
        ));
        assert_eq!(held(HoldReason::CodeUploadDeposit, &ALICE), 0);
        assert_eq!(Balances::balance(&ALICE), before);
    });
}

#[test]
fn an_instantiation_pays_for_the_contract_its_code_its_slots_and_the_mapping() {
    with_deposits(|| {
        let init = deployer(&store_runtime());
        let dry = Pallet::<Test>::dry_run_instantiate(
            ALICE,
            0,
            None,
            Code::Upload(init.clone()),
            vec![7; 32],
            None,
        );
        let StorageDeposit::Charge(expected) = dry.storage_deposit else {
            panic!("an instantiation charges: {:?}", dry.storage_deposit)
        };
        let before = Balances::total_balance(&ALICE);
        assert_ok!(Ewasm::instantiate_with_code(
            RuntimeOrigin::signed(ALICE),
            0,
            GAS,
            init.clone(),
            vec![7; 32],
            None,
            Some(expected),
        ));
        let contract = last_instantiated();
        // The init code is not kept; the deployed code is, paid by its owner.
        assert!(!PristineCode::<Test>::contains_key(keccak256(&init)));
        let code_deposit = Pallet::<Test>::code_deposit(store_runtime().len() as u32);
        assert_eq!(held(HoldReason::CodeUploadDeposit, &ALICE), code_deposit);
        assert_eq!(
            held(HoldReason::AddressDeposit, &ALICE),
            Pallet::<Test>::address_deposit()
        );
        // The contract and its one slot (the constructor stored its call data).
        let info = ContractInfoOf::<Test>::get(contract).unwrap();
        assert_eq!(info.storage_items, 1);
        let account = Pallet::<Test>::account_of(&contract);
        assert_eq!(
            held(HoldReason::StorageDeposit, &account),
            Pallet::<Test>::contract_deposit(&info)
        );
        assert_eq!(
            info.storage_deposit,
            Pallet::<Test>::contract_deposit(&info)
        );
        // What left Alice (holds on her and what moved to the contract) is what the dry-run said.
        assert_eq!(before - Balances::balance(&ALICE), expected);
        assert_eq!(
            expected,
            code_deposit
                + Pallet::<Test>::address_deposit()
                + info.storage_deposit
                + ExistentialDeposit::get()
        );
    });
}

#[test]
fn a_new_slot_is_charged_to_its_writer_and_refunded_to_whoever_clears_it() {
    with_deposits(|| {
        let contract = deploy_store(vec![]);
        let account = Pallet::<Test>::account_of(&contract);
        let held_before = held(HoldReason::StorageDeposit, &account);
        // BOB's first call also records (and pays for) his address mapping.
        let mapping = Pallet::<Test>::address_deposit();
        let bob = Balances::balance(&BOB);
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(BOB),
            contract,
            0,
            GAS,
            store_cmd(5),
            None
        ));
        assert_eq!(bob - Balances::balance(&BOB), slot_deposit() + mapping);
        assert_eq!(
            held(HoldReason::StorageDeposit, &account),
            held_before + slot_deposit()
        );
        // Overwriting costs nothing more; clearing gives the slot's deposit to the clearer.
        let alice = Balances::balance(&ALICE);
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(ALICE),
            contract,
            0,
            GAS,
            store_cmd(6),
            None
        ));
        assert_eq!(Balances::balance(&ALICE), alice);
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(ALICE),
            contract,
            0,
            GAS,
            store_cmd(0),
            None
        ));
        assert_eq!(Balances::balance(&ALICE), alice + slot_deposit());
        assert_eq!(held(HoldReason::StorageDeposit, &account), held_before);
    });
}

#[test]
fn a_deposit_above_the_limit_or_the_funds_undoes_the_call_and_charges_its_gas() {
    with_deposits(|| {
        let contract = deploy_store(vec![]);
        // Limit: one unit short of the slot's deposit.
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(BOB),
            contract,
            0,
            GAS,
            vec![],
            None
        ));
        let err = Ewasm::call(
            RuntimeOrigin::signed(BOB),
            contract,
            0,
            GAS,
            store_cmd(5),
            Some(slot_deposit() - 1),
        )
        .unwrap_err();
        assert_eq!(
            err.error,
            Error::<Test>::StorageDepositLimitExhausted.into()
        );
        let base = <() as crate::weights::WeightInfo>::call();
        assert!(
            err.post_info.actual_weight.unwrap().ref_time() > base.ref_time(),
            "gas is charged"
        );
        assert_eq!(Pallet::<Test>::storage_of(&contract, &H256::zero()), None);

        // Funds: an account that can pay the call's value but not the deposit.
        let poor = AccountId32::new([9; 32]);
        let mapping = Pallet::<Test>::address_deposit();
        assert_ok!(Balances::transfer_allow_death(
            RuntimeOrigin::signed(ALICE),
            poor.clone(),
            mapping + slot_deposit() / 2
        ));
        let err = Ewasm::call(
            RuntimeOrigin::signed(poor.clone()),
            contract,
            0,
            GAS,
            store_cmd(5),
            None,
        )
        .unwrap_err();
        assert_eq!(
            err.error,
            Error::<Test>::StorageDepositNotEnoughFunds.into()
        );
        assert_eq!(Pallet::<Test>::storage_of(&contract, &H256::zero()), None);
        assert_eq!(Balances::balance(&poor), mapping + slot_deposit() / 2);
    });
}

#[test]
fn a_terminated_contract_gives_its_deposit_to_the_beneficiary() {
    with_deposits(|| {
        let contract = deploy_store(vec![1; 32]);
        let deposit = ContractInfoOf::<Test>::get(contract)
            .unwrap()
            .storage_deposit;
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(BOB),
            contract,
            0,
            GAS,
            vec![],
            None
        ));
        let bob = Balances::balance(&BOB);
        // store.wat's command 05: selfDestruct to the caller.
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(BOB),
            contract,
            0,
            GAS,
            vec![5],
            None
        ));
        // Bob gets the deposit and the existential deposit the contract's account held.
        assert_eq!(
            Balances::balance(&BOB),
            bob + deposit + ExistentialDeposit::get()
        );
        let account = Pallet::<Test>::account_of(&contract);
        assert_eq!(Balances::total_balance(&account), 0);
    });
}

#[test]
fn a_contract_without_code_or_storage_still_pays_for_its_entries() {
    with_deposits(|| {
        // A constructor that returns nothing: the account exists (nonce 1), so it is paid for.
        let empty = pallet_ewasm_fixtures::wasm(
            r#"(module (memory 1) (export "memory" (memory 0)) (export "main" (func $main))
                (func $main))"#,
        );
        assert_ok!(Ewasm::instantiate_with_code(
            RuntimeOrigin::signed(ALICE),
            0,
            GAS,
            empty,
            vec![],
            None,
            None,
        ));
        let contract = last_instantiated();
        let info = ContractInfoOf::<Test>::get(contract).expect("the created account");
        assert_eq!(info.storage_items, 0);
        assert_eq!(
            info.storage_deposit,
            Pallet::<Test>::contract_deposit(&info)
        );
        assert!(info.storage_deposit > 0);
        assert_eq!(crate::Nonces::<Test>::get(contract), 1);
    });
}

#[test]
fn a_first_call_that_reverts_still_pays_for_the_mapping_it_keeps() {
    with_deposits(|| {
        let contract = deploy_store(vec![]);
        // store.wat's command 02 reverts; outside an extrinsic the mapping stays, and is paid.
        let outcome = Pallet::<Test>::bare_call(&BOB, contract, 0, GAS, vec![2]).unwrap();
        assert_eq!(outcome.status, ewasm_engine::ExecStatus::Revert);
        assert!(crate::OriginalAccount::<Test>::contains_key(
            Pallet::<Test>::address_of(&BOB)
        ));
        assert_eq!(
            held(HoldReason::AddressDeposit, &BOB),
            Pallet::<Test>::address_deposit()
        );
    });
}

#[test]
fn evm_sstore_pays_like_storage_store() {
    with_deposits(|| {
        use alloy_sol_types::SolValue;
        let args = (
            "Token".to_string(),
            "TKN".to_string(),
            alloy_primitives::U256::from(1000u64),
        )
            .abi_encode_params();
        assert_ok!(Ewasm::instantiate_with_code(
            RuntimeOrigin::signed(ALICE),
            0,
            3_000_000,
            evm_init_code("Token"),
            args,
            None,
            None,
        ));
        let token = last_instantiated();
        let info = ContractInfoOf::<Test>::get(token).unwrap();
        // Name, symbol, total supply and the deployer's balance at least.
        assert!(info.storage_items >= 4, "{} slots", info.storage_items);
        assert_eq!(
            info.storage_deposit,
            Pallet::<Test>::contract_deposit(&info)
        );
        let account = Pallet::<Test>::account_of(&token);
        assert_eq!(
            held(HoldReason::StorageDeposit, &account),
            info.storage_deposit
        );
    });
}
