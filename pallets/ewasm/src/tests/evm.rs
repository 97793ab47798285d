//! EVM bytecode on the pallet: Solidity compiled by a current solc (the corpus in
//! `fixtures/evm`), run by the engine's EVM interpreter. Deployment with constructor arguments,
//! calls, events, reverts with custom errors, value transfers, calls between EVM and Ewasm
//! contracts, and the rules for EVM code at upload and deployment.

use crate::{mock::*, Error, Event, Pallet, PristineCode, RejectReason};
use alloy_primitives::{Address, U256};
use alloy_sol_types::{sol, SolCall, SolError, SolEvent, SolValue};
use ewasm_engine::{address::keccak256, prepare::has_wasm_magic, ExecStatus};
use frame_support::{
    assert_noop, assert_ok, dispatch::DispatchResultWithPostInfo, traits::fungible::Inspect,
};
use pallet_ewasm_fixtures::{deployer, evm_init_code, evm_runtime_code, store_runtime, wasm};
use sp_core::{H160, H256};

sol! {
    function name() returns (string);
    function totalSupply() returns (uint256);
    function balanceOf(address who) returns (uint256);
    function minter() returns (address);
    function transfer(address to, uint256 value) returns (bool);
    error InsufficientBalance(address owner, uint256 available, uint256 needed);
    event Transfer(address indexed from, address indexed to, uint256 value);
    function deposit();
    function withdraw(uint256 amount);
    function deposits(address who) returns (uint256);
}

const GAS: u64 = 5_000_000;
const SUPPLY: u64 = 1_000_000;

fn evm_address(account: &sp_runtime::AccountId32) -> Address {
    Address::from(Pallet::<Test>::address_of(account).0)
}

/// `dispatch` fails with `error` (whatever weight it reports) and changes no storage.
fn fails_unchanged(dispatch: impl FnOnce() -> DispatchResultWithPostInfo, error: Error<Test>) {
    let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
    let result = dispatch();
    assert_eq!(result.map_err(|e| e.error), Err(error.into()));
    assert_eq!(
        sp_io::storage::root(sp_runtime::StateVersion::V1),
        root,
        "storage changed"
    );
}

fn deploy(code: Vec<u8>, args: Vec<u8>) -> H160 {
    assert_ok!(Ewasm::instantiate_with_code(
        RuntimeOrigin::signed(ALICE),
        0,
        GAS,
        code,
        args,
        None,
        None
    ));
    super::last_instantiated()
}

fn deploy_token() -> H160 {
    let args = (
        "Ewasm Token".to_string(),
        "EWT".to_string(),
        U256::from(SUPPLY),
    )
        .abi_encode_params();
    deploy(evm_init_code("Token"), args)
}

fn query(contract: H160, data: Vec<u8>) -> Vec<u8> {
    let outcome = Pallet::<Test>::bare_call(&BOB, contract, 0, GAS, data).expect("call runs");
    assert_eq!(
        outcome.status,
        ExecStatus::Success,
        "query output {:?}",
        outcome.output
    );
    outcome.output
}

fn balance_of(token: H160, who: Address) -> U256 {
    let output = query(token, balanceOfCall { who }.abi_encode());
    balanceOfCall::abi_decode_returns(&output).expect("uint256")
}

/// EVM code that calls the address in the first 20 bytes of its call data with the rest as
/// input and returns whatever comes back.
fn evm_proxy() -> Vec<u8> {
    let runtime = [
        0x36, 0x5f, 0x5f, 0x37, // CALLDATACOPY(0, 0, CALLDATASIZE)
        0x5f, 0x5f, // out: 0, 0
        0x60, 0x14, 0x36, 0x03, 0x60, 0x14, // in: 20, CALLDATASIZE - 20
        0x5f, // value 0
        0x5f, 0x51, 0x60, 0x60, 0x1c, // address: MLOAD(0) >> 96
        0x5a, 0xf1, 0x50, // CALL(GAS, ...), drop the status
        0x3d, 0x5f, 0x5f, 0x3e, 0x3d, 0x5f, 0xf3, // return the return data
    ];
    evm_deployer(&runtime)
}

/// EVM init code that returns `runtime`.
fn evm_deployer(runtime: &[u8]) -> Vec<u8> {
    // PUSH1 len DUP1 PUSH1 9 PUSH0 CODECOPY PUSH0 RETURN, then the runtime code.
    let mut code = vec![
        0x60,
        runtime.len() as u8,
        0x80,
        0x60,
        9,
        0x5f,
        0x39,
        0x5f,
        0xf3,
    ];
    code.extend_from_slice(runtime);
    code
}

/// Ewasm code with the same behaviour as [`evm_proxy`].
fn ewasm_proxy() -> Vec<u8> {
    deployer(&wasm(
        r#"(module
          (import "ethereum" "getCallDataSize" (func $size (result i32)))
          (import "ethereum" "callDataCopy" (func $copy (param i32 i32 i32)))
          (import "ethereum" "call" (func $call (param i64 i32 i32 i32 i32) (result i32)))
          (import "ethereum" "getGasLeft" (func $gas (result i64)))
          (import "ethereum" "getReturnDataSize" (func $rsize (result i32)))
          (import "ethereum" "returnDataCopy" (func $rcopy (param i32 i32 i32)))
          (import "ethereum" "finish" (func $finish (param i32 i32)))
          (memory 1) (export "memory" (memory 0)) (export "main" (func $main))
          (func $main
            (call $copy (i32.const 64) (i32.const 0) (call $size))
            (drop (call $call (i64.div_u (call $gas) (i64.const 2)) (i32.const 64) (i32.const 0)
              (i32.const 84) (i32.sub (call $size) (i32.const 20))))
            (call $rcopy (i32.const 0) (i32.const 0) (call $rsize))
            (call $finish (i32.const 0) (call $rsize))))"#,
    ))
}

#[test]
fn erc20_deploys_with_constructor_arguments_and_immutables() {
    new_test_ext().execute_with(|| {
        let token = deploy_token();
        let name = nameCall::abi_decode_returns(&query(token, nameCall {}.abi_encode())).unwrap();
        assert_eq!(name, "Ewasm Token");
        let supply =
            totalSupplyCall::abi_decode_returns(&query(token, totalSupplyCall {}.abi_encode()))
                .unwrap();
        assert_eq!(supply, U256::from(SUPPLY));
        assert_eq!(balance_of(token, evm_address(&ALICE)), U256::from(SUPPLY));
        let minter =
            minterCall::abi_decode_returns(&query(token, minterCall {}.abi_encode())).unwrap();
        assert_eq!(
            minter,
            evm_address(&ALICE),
            "the immutable was written into the runtime code"
        );

        // The contract keeps the EVM runtime code its constructor returned (immutables in).
        let code = Pallet::<Test>::code_of(&token).expect("code stored");
        assert!(!has_wasm_magic(&code));
        assert_eq!(code.len(), evm_runtime_code("Token").len());
        assert_ne!(code, evm_runtime_code("Token"));
    });
}

#[test]
fn erc20_transfers_emit_events_and_reverts_change_nothing() {
    new_test_ext().execute_with(|| {
        let token = deploy_token();
        let (alice, bob) = (evm_address(&ALICE), evm_address(&BOB));
        let data = transferCall {
            to: bob,
            value: U256::from(250),
        }
        .abi_encode();
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(ALICE),
            token,
            0,
            GAS,
            data,
            None
        ));
        assert_eq!(balance_of(token, alice), U256::from(SUPPLY - 250));
        assert_eq!(balance_of(token, bob), U256::from(250));

        let log = System::events()
            .into_iter()
            .rev()
            .find_map(|r| match r.event {
                RuntimeEvent::Ewasm(Event::Log {
                    contract,
                    topics,
                    data,
                }) if contract == token => Some((topics, data)),
                _ => None,
            })
            .expect("a Log event");
        assert_eq!(log.0[0], H256(Transfer::SIGNATURE_HASH.0));
        assert_eq!(&log.0[1].0[12..], alice.as_slice());
        assert_eq!(&log.0[2].0[12..], bob.as_slice());
        assert_eq!(U256::from_be_slice(&log.1), U256::from(250));

        // Too much: the custom error comes back, the call fails and nothing changes.
        let data = transferCall {
            to: bob,
            value: U256::from(SUPPLY),
        }
        .abi_encode();
        let outcome = Pallet::<Test>::bare_call(&BOB, token, 0, GAS, data.clone()).unwrap();
        assert_eq!(outcome.status, ExecStatus::Revert);
        let error = InsufficientBalance::abi_decode(&outcome.output).expect("custom error");
        assert_eq!(
            (error.owner, error.available, error.needed),
            (bob, U256::from(250), U256::from(SUPPLY))
        );
        fails_unchanged(
            || Ewasm::call(RuntimeOrigin::signed(BOB), token, 0, GAS, data, None),
            Error::<Test>::ContractReverted,
        );
        assert_eq!(balance_of(token, bob), U256::from(250));
    });
}

#[test]
fn payable_evm_functions_move_balances() {
    new_test_ext().execute_with(|| {
        let vault = deploy(evm_init_code("Vault"), vec![]);
        let vault_account = Pallet::<Test>::account_of(&vault);
        let before = Balances::balance(&ALICE);
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(ALICE),
            vault,
            1_000,
            GAS,
            depositCall {}.abi_encode(),
            None
        ));
        assert_eq!(Balances::balance(&vault_account), 1_000);
        let deposited = depositsCall::abi_decode_returns(&query(
            vault,
            depositsCall {
                who: evm_address(&ALICE),
            }
            .abi_encode(),
        ))
        .unwrap();
        assert_eq!(deposited, U256::from(1_000));

        // Withdrawing sends value back with CALL to ALICE's address, which maps to her account.
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(ALICE),
            vault,
            0,
            GAS,
            withdrawCall {
                amount: U256::from(400)
            }
            .abi_encode(),
            None
        ));
        assert_eq!(Balances::balance(&vault_account), 600);
        assert_eq!(Balances::balance(&ALICE), before - 600);
        let too_much = withdrawCall {
            amount: U256::from(601),
        }
        .abi_encode();
        fails_unchanged(
            || Ewasm::call(RuntimeOrigin::signed(ALICE), vault, 0, GAS, too_much, None),
            Error::<Test>::ContractReverted,
        );
    });
}

#[test]
fn evm_and_ewasm_contracts_call_each_other() {
    new_test_ext().execute_with(|| {
        let token = deploy_token();
        let store = deploy(deployer(&store_runtime()), vec![]);
        let evm_proxy = deploy(evm_proxy(), vec![]);
        let ewasm_proxy = deploy(ewasm_proxy(), vec![]);
        let balance_query = balanceOfCall {
            who: evm_address(&ALICE),
        }
        .abi_encode();
        let via = |proxy: H160, target: H160, input: &[u8]| {
            let mut data = target.0.to_vec();
            data.extend_from_slice(input);
            query(proxy, data)
        };
        let expected = U256::from(SUPPLY).abi_encode();
        assert_eq!(
            via(ewasm_proxy, token, &balance_query),
            expected,
            "Ewasm → EVM"
        );
        assert_eq!(via(evm_proxy, token, &balance_query), expected, "EVM → EVM");
        // EVM → Ewasm: store.wat's revert command returns "no".
        assert_eq!(via(evm_proxy, store, &[2]), b"no".to_vec(), "EVM → Ewasm");
        // EVM → Ewasm → EVM.
        let mut inner = token.0.to_vec();
        inner.extend_from_slice(&balance_query);
        assert_eq!(
            via(evm_proxy, ewasm_proxy, &inner),
            expected,
            "EVM → Ewasm → EVM"
        );

        // An EVM contract writes Ewasm storage through a call with state changes.
        let mut set = vec![1u8];
        set.extend_from_slice(&[7u8; 32]);
        let mut data = store.0.to_vec();
        data.extend_from_slice(&set);
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(ALICE),
            evm_proxy,
            0,
            GAS,
            data,
            None
        ));
        assert_eq!(
            Pallet::<Test>::storage_of(&store, &H256::zero()),
            Some(H256([7u8; 32]))
        );
    });
}

#[test]
fn evm_code_is_uploaded_by_hash_and_instantiated_with_different_arguments() {
    new_test_ext().execute_with(|| {
        let code = evm_init_code("Token");
        assert_ok!(Ewasm::upload_code(
            RuntimeOrigin::signed(ALICE),
            code.clone(),
            None
        ));
        let hash = keccak256(&code);
        assert!(PristineCode::<Test>::contains_key(hash));
        let mut tokens = Vec::new();
        for supply in [5u64, 7] {
            let args = ("T".to_string(), "T".to_string(), U256::from(supply)).abi_encode_params();
            assert_ok!(Ewasm::instantiate(
                RuntimeOrigin::signed(ALICE),
                0,
                GAS,
                hash,
                args,
                None,
                None
            ));
            tokens.push((super::last_instantiated(), supply));
        }
        assert_ne!(tokens[0].0, tokens[1].0);
        for (token, supply) in tokens {
            assert_eq!(balance_of(token, evm_address(&ALICE)), U256::from(supply));
        }
        // With a salt, the address is CREATE2's over the init code and its arguments.
        let args = ("T".to_string(), "T".to_string(), U256::from(9)).abi_encode_params();
        let salt = H256::repeat_byte(0x5a);
        assert_ok!(Ewasm::instantiate(
            RuntimeOrigin::signed(ALICE),
            0,
            GAS,
            hash,
            args.clone(),
            Some(salt),
            None
        ));
        let expected = ewasm_engine::address::create2_address(
            &Pallet::<Test>::address_of(&ALICE),
            &salt,
            &[code, args].concat(),
        );
        assert_eq!(super::last_instantiated(), expected);
    });
}

#[test]
fn evm_code_rules_at_upload_and_deployment() {
    new_test_ext().execute_with(|| {
        // Init code beyond EIP-3860's limit.
        assert_noop!(
            Ewasm::upload_code(RuntimeOrigin::signed(ALICE), vec![0x5b; 0xc001], None),
            Error::<Test>::CodeRejected {
                reason: RejectReason::CodeTooLarge
            }
        );
        // Uploaded Ewasm may import only from `ethereum` (and `debug` where enabled).
        let sneaky = wasm(
            r#"(module (import "evm" "u256" (func (param i32 i32) (result i32)))
                (memory 1) (export "memory" (memory 0)) (func (export "main")))"#,
        );
        assert_noop!(
            Ewasm::upload_code(RuntimeOrigin::signed(ALICE), sneaky, None),
            Error::<Test>::CodeRejected {
                reason: RejectReason::ForbiddenImportNamespace
            }
        );
        // A constructor returning code that starts with 0xEF (EIP-3541) deploys nothing.
        fails_unchanged(
            || {
                Ewasm::instantiate_with_code(
                    RuntimeOrigin::signed(ALICE),
                    0,
                    GAS,
                    evm_deployer(&[0xef, 0x00]),
                    vec![],
                    None,
                    None,
                )
            },
            Error::<Test>::CodeRejected {
                reason: RejectReason::ReservedEvmPrefix,
            },
        );
        // A constructor that runs out of gas: typed error, nothing stored.
        let spin = vec![0x5b, 0x5f, 0x56];
        fails_unchanged(
            || {
                Ewasm::instantiate_with_code(
                    RuntimeOrigin::signed(ALICE),
                    0,
                    100_000,
                    spin,
                    vec![],
                    None,
                    None,
                )
            },
            Error::<Test>::OutOfGas,
        );
    });
}

#[test]
#[ignore = "benchmark: prints µs per ERC20 transfer"]
fn bench_erc20_transfer() {
    use std::time::Instant;
    const ROUNDS: u32 = 1_000;
    new_test_ext().execute_with(|| {
        let token = deploy_token();
        let data = transferCall {
            to: evm_address(&BOB),
            value: U256::from(1),
        }
        .abi_encode();
        let start = Instant::now();
        let mut gas = 0;
        for _ in 0..ROUNDS {
            let outcome = Pallet::<Test>::bare_call(&ALICE, token, 0, GAS, data.clone()).unwrap();
            assert_eq!(outcome.status, ExecStatus::Success);
            gas = outcome.gas_used;
        }
        let call_us = start.elapsed().as_secs_f64() * 1e6 / f64::from(ROUNDS);
        println!(
            "pallet (native, TestExternalities): {call_us:.1} µs per ERC20 transfer, {gas} gas"
        );
    });
}

/// `Called` and `Instantiated` report an Ethereum receipt's gas — intrinsic gas included, the
/// SSTORE-clearing refund capped at a fifth of the sum — equal to revm's for the same
/// transactions; dry-runs report it too.
#[test]
fn events_report_the_gas_revm_reports_refunds_and_intrinsic_gas_included() {
    use ewasm_differential::{revm_chain::RevmChain, Chain, Status};
    new_test_ext().execute_with(|| {
        // Init: SSTORE(0, 1), SSTORE(1, 1); return the runtime code, which clears both slots
        // (two 4,800 refunds against a cap of a fifth of the gas used) and returns.
        let runtime = [0x5f, 0x5f, 0x55, 0x5f, 0x60, 0x01, 0x55, 0x00];
        let mut init = vec![0x60, 0x01, 0x5f, 0x55, 0x60, 0x01, 0x60, 0x01, 0x55];
        init.extend([
            0x60,
            runtime.len() as u8,
            0x80,
            0x60,
            19,
            0x5f,
            0x39,
            0x5f,
            0xf3,
            0x00,
        ]);
        assert_eq!(init.len(), 19);
        init.extend(runtime);
        // Calldata with zero and non-zero bytes (4 and 16 gas each).
        let data = vec![0xff, 0x00, 0x00, 0x01];

        let mut revm = RevmChain::default();
        let sender = Pallet::<Test>::address_of(&ALICE).0;
        revm.fund(sender, u128::MAX / 2);
        let revm_deploy = revm.deploy(sender, &init, &[], 0);
        assert_eq!(revm_deploy.status, Status::Success);
        let revm_call = revm.call(sender, revm_deploy.created.unwrap(), &data, 0);
        assert_eq!(revm_call.status, Status::Success);

        System::reset_events();
        let contract = deploy(init, vec![]);
        let dry = Pallet::<Test>::dry_run_call(ALICE, contract, 0, None, data.clone());
        assert_eq!(dry.ethereum_gas_used, revm_call.gas);
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(ALICE),
            contract,
            0,
            GAS,
            data,
            None
        ));
        let gas_reported: Vec<_> = frame_system::Pallet::<Test>::events()
            .into_iter()
            .filter_map(|r| match r.event {
                RuntimeEvent::Ewasm(Event::Instantiated { gas_used, .. }) => gas_used,
                RuntimeEvent::Ewasm(Event::Called { gas_used, .. }) => Some(gas_used),
                _ => None,
            })
            .collect();
        assert_eq!(gas_reported, vec![revm_deploy.gas, revm_call.gas]);
        // The execution's own gas excludes the intrinsic part: 21,000 + 16 + 4 + 4 + 16.
        assert_eq!(dry.gas_used, revm_call.gas - 21_040);
    });
}

#[test]
fn every_contract_created_emits_instantiated_nested_ones_included() {
    use ewasm_engine::address::{create2_address, create_address};
    new_test_ext().execute_with(|| {
        // A constructor that creates a child with CREATE and one with CREATE2 (salt 7); each
        // child's init code is PUSH1 0 PUSH1 0 RETURN.
        let child_init = [0x60, 0x00, 0x60, 0x00, 0xf3];
        let mut factory = vec![0x64];
        factory.extend_from_slice(&child_init);
        factory.extend_from_slice(&[
            0x60, 0x00, 0x52, // MSTORE at 0: the init code is memory[27..32]
            0x60, 0x05, 0x60, 0x1b, 0x60, 0x00, 0xf0, 0x50, // CREATE, POP
            0x60, 0x07, 0x60, 0x05, 0x60, 0x1b, 0x60, 0x00, 0xf5, 0x50, // CREATE2, POP
            0x00,
        ]);
        let factory_address = deploy(factory, vec![]);
        let salt = H256::from_low_u64_be(7);
        let by_create = create_address(&factory_address, 1);
        let by_create2 = create2_address(&factory_address, &salt, &child_init);
        let instantiated: Vec<_> = frame_system::Pallet::<Test>::events()
            .into_iter()
            .filter_map(|r| match r.event {
                RuntimeEvent::Ewasm(Event::Instantiated {
                    deployer,
                    contract,
                    gas_used,
                }) => Some((deployer, contract, gas_used.is_some())),
                _ => None,
            })
            .collect();
        let factory_account = Pallet::<Test>::account_of(&factory_address);
        assert_eq!(
            instantiated,
            // Only the extrinsic's own contract reports the transaction's gas.
            vec![
                (factory_account.clone(), by_create, false),
                (factory_account, by_create2, false),
                (ALICE, factory_address, true),
            ]
        );
    });
}

#[test]
fn an_evm_frame_pays_its_set_up_and_its_bytes_whatever_they_are() {
    use pallet_ewasm_fixtures::attacks;
    new_test_ext().execute_with(|| {
        let schedule = Pallet::<Test>::engine_config().schedule;
        // Three kinds of code of one length: JUMPIs jumped over, JUMPIs after a STOP, PUSH32
        // data after a STOP. Each frame runs a few instructions and is charged, beside its gas,
        // its set-up and a unit per byte before it runs.
        let len = 6 * 1024;
        let jumpis = crate::benchmark_needs::jumpi_code(len - 8);
        let unentered = crate::benchmark_needs::unentered_jumpi_code(len - 2);
        let mut pushes = vec![0x00];
        pushes.resize(len as usize, 0x7f);
        for runtime in [jumpis, unentered, pushes] {
            assert_eq!(runtime.len(), len as usize);
            let contract = deploy(attacks::evm_deployer(&runtime), vec![]);
            let outcome = Pallet::<Test>::bare_call(&BOB, contract, 0, GAS, vec![]).unwrap();
            assert_eq!(outcome.status, ExecStatus::Success);
            assert_eq!(outcome.weight_units, schedule.evm_frame_cost(runtime.len()));
            assert!(outcome.gas_consumed < 100, "{} gas", outcome.gas_consumed);
        }
    });
}

#[test]
fn deploying_evm_code_beyond_the_weight_reservation_runs_out_of_weight_and_changes_nothing() {
    new_test_ext().execute_with(|| {
        // An endless loop (JUMPDEST; PUSH0; JUMP) as init code, with a gas limit above what
        // its reservation computes: it stops at the weight limit, not at its gas.
        super::limits::room_computes(1_000_000);
        let endless = vec![0x5b, 0x5f, 0x56];
        let gas = 3_000_000;
        fails_unchanged(
            || {
                Ewasm::instantiate_with_code(
                    RuntimeOrigin::signed(ALICE),
                    0,
                    gas,
                    endless,
                    vec![],
                    None,
                    None,
                )
            },
            Error::<Test>::OutOfWeight,
        );
    });
}

#[test]
fn an_evm_jump_beyond_the_code_halts_and_uses_all_its_gas() {
    use pallet_ewasm_fixtures::attacks;
    new_test_ext().execute_with(|| {
        // PUSH2 0xffff; DUP1; JUMP; JUMPDEST; STOP: a jump to no JUMPDEST, past the code.
        let runtime = vec![0x61, 0xff, 0xff, 0x80, 0x56, 0x5b, 0x00];
        let contract = deploy(attacks::evm_deployer(&runtime), vec![]);
        let outcome = Pallet::<Test>::bare_call(&BOB, contract, 0, GAS, vec![]).unwrap();
        assert!(matches!(outcome.status, ExecStatus::Halt(_)));
        assert_eq!(outcome.gas_consumed, GAS);
    });
}

#[test]
fn evm_state_access_gas_is_counted_above_a_warm_access() {
    // Runtime code: SSTORE(0, 1); SLOAD(0); STOP.
    let runtime = [0x60, 0x01, 0x60, 0x00, 0x55, 0x60, 0x00, 0x54, 0x00];
    // Init code copying the runtime code into memory and returning it.
    let mut init = vec![
        0x60, 0x09, 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, 0x09, 0x60, 0x00, 0xf3,
    ];
    init.extend_from_slice(&runtime);
    new_test_ext().execute_with(|| {
        let contract = deploy(init, vec![]);
        let first = Pallet::<Test>::bare_call(&BOB, contract, 0, GAS, vec![]).unwrap();
        assert_eq!(first.status, ExecStatus::Success);
        // A cold SSTORE setting a slot (2100 + 20000) less a warm access, and a warm SLOAD
        // (100, nothing above a warm access).
        assert_eq!(first.state_gas, 22_000);
        let again = Pallet::<Test>::bare_call(&BOB, contract, 0, GAS, vec![]).unwrap();
        // The slot already holds 1: a cold no-op SSTORE (2100 + 100).
        assert_eq!(again.state_gas, 2_100);
        assert!(again.state_gas < again.gas_consumed);
    });
}

#[test]
fn an_evm_call_weighs_its_loading_units_at_their_own_rate() {
    new_test_ext().execute_with(|| {
        let token = deploy_token();
        let data = transferCall {
            to: Address::repeat_byte(7),
            value: U256::from(1),
        }
        .abi_encode();
        let outcome = Pallet::<Test>::bare_call(&ALICE, token, 0, GAS, data.clone()).unwrap();
        assert_eq!(outcome.status, ExecStatus::Success);
        let code_len = evm_runtime_code("Token").len() as u64;
        assert!(
            outcome.weight_units > code_len,
            "loading the Token counts its bytes and its frame"
        );
        // The recipient's slot exists now: the extrinsic and the same transfer after it do
        // the same work.
        let post = Ewasm::call(
            RuntimeOrigin::signed(ALICE),
            token,
            0,
            GAS,
            data.clone(),
            None,
        )
        .unwrap();
        let again = Pallet::<Test>::bare_call(&ALICE, token, 0, GAS, data).unwrap();
        let computation = again.gas_consumed - again.state_gas;
        let expected = <() as crate::weights::WeightInfo>::call().ref_time()
            + WeightPerGas::get().ref_time() * computation
            + WeightPerStateGas::get().ref_time() * again.state_gas
            + WeightPerMeterUnit::get().ref_time() * again.weight_units
            + WeightPerStateGas::get().ref_time()
                * ewasm_engine::gas::weight::STATE_READ
                * again.state_reads;
        assert_eq!(post.actual_weight.map(|w| w.ref_time()), Some(expected));
        assert!(WeightPerMeterUnit::get().ref_time() < WeightPerGas::get().ref_time());
    });
}
