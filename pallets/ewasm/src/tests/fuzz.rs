//! Random extrinsic sequences on the mock runtime: nothing panics, every failure is one of the
//! pallet's typed errors, and balances with the deposits held from them are conserved. CI runs a few hundred extrinsics;
//! `scripts/fuzz.sh` sets `EWASM_FUZZ_SEQUENCES` for many more.

use crate::{mock::*, Pallet};
use frame_support::dispatch::DispatchResultWithPostInfo;
use pallet_ewasm_fixtures::{deployer, evm_init_code, store_runtime};
use rand::{seq::IndexedRandom, Rng, SeedableRng};
use sp_core::{H160, H256};
use sp_runtime::{AccountId32, DispatchError};

const STEPS: usize = 20;

fn sequences() -> u64 {
    std::env::var("EWASM_FUZZ_SEQUENCES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40)
}

/// Code to upload and instantiate: real contracts and random bytes (EVM code, to the engine).
fn code_pool(rng: &mut impl Rng) -> Vec<Vec<u8>> {
    let random: Vec<u8> = (0..rng.random_range(0..200))
        .map(|_| rng.random())
        .collect();
    let mut wasm_like = b"\0asm\x01\0\0\0".to_vec();
    wasm_like.extend((0..rng.random_range(0..64)).map(|_| rng.random::<u8>()));
    vec![
        deployer(&store_runtime()),
        evm_init_code("Token"),
        random,
        wasm_like,
    ]
}

fn bytes(rng: &mut impl Rng, max: usize) -> Vec<u8> {
    let len = rng.random_range(0..=max);
    (0..len).map(|_| rng.random()).collect()
}

fn total_balances() -> u128 {
    frame_system::Account::<Test>::iter()
        .map(|(_, info)| info.data.free + info.data.reserved)
        .sum()
}

/// One random extrinsic from `who` against what exists so far.
fn step(
    rng: &mut impl Rng,
    who: &AccountId32,
    contracts: &[H160],
    codes: &[H256],
) -> DispatchResultWithPostInfo {
    let origin = RuntimeOrigin::signed(who.clone());
    let gas = *[
        0u64,
        1_000,
        50_000,
        1_000_000,
        BlockGasLimit::get(),
        u64::MAX,
    ]
    .choose(rng)
    .expect("gas choices");
    let value = *[0u128, 1, 1_000, INITIAL_BALANCE * 2]
        .choose(rng)
        .expect("values");
    let salt = rng
        .random_bool(0.3)
        .then(|| H256::repeat_byte(rng.random_range(0..3)));
    let pool = code_pool(rng);
    let code = pool.choose(rng).expect("code").clone();
    let random_address = H160::repeat_byte(rng.random());
    let contract = *contracts.choose(rng).unwrap_or(&random_address);
    let code_hash = *codes
        .choose(rng)
        .unwrap_or(&H256::repeat_byte(rng.random()));
    match rng.random_range(0..6) {
        0 => Ewasm::upload_code(origin, code, None)
            .map(|()| ().into())
            .map_err(Into::into),
        1 => Ewasm::instantiate_with_code(origin, value, gas, code, bytes(rng, 96), salt, None),
        2 => Ewasm::instantiate(origin, value, gas, code_hash, bytes(rng, 96), salt, None),
        3 => Ewasm::remove_code(origin, code_hash)
            .map(|()| ().into())
            .map_err(Into::into),
        // Calls are the most common: commands of the store contract, ERC20 selectors, noise.
        _ => {
            let mut data = bytes(rng, 68);
            if let Some(first) = data.first_mut() {
                if rng.random_bool(0.5) {
                    *first = rng.random_range(0..7);
                }
            }
            Ewasm::call(origin, contract, value, gas, data, None)
        }
    }
}

#[test]
fn random_extrinsic_sequences_fail_typed_and_conserve_balances() {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
    let (mut extrinsics, mut failures) = (0u64, 0u64);
    // With storage deposits: held balance must be conserved as well.
    DepositPerItem::set(1_000);
    DepositPerByte::set(10);
    for _ in 0..sequences() {
        new_test_ext().execute_with(|| {
            let issuance = Balances::total_issuance();
            let (mut contracts, mut codes) = (Vec::new(), Vec::new());
            for _ in 0..STEPS {
                let who = if rng.random_bool(0.5) { ALICE } else { BOB };
                let result = step(&mut rng, &who, &contracts, &codes);
                extrinsics += 1;
                if let Err(e) = result {
                    failures += 1;
                    assert!(
                        matches!(e.error, DispatchError::Module(ref m) if m.index == 2),
                        "not a typed pallet-ewasm error: {e:?}"
                    );
                }
                for event in System::events() {
                    match event.event {
                        RuntimeEvent::Ewasm(crate::Event::Instantiated { contract, .. }) => {
                            contracts.push(contract)
                        }
                        RuntimeEvent::Ewasm(crate::Event::CodeStored { code_hash, .. }) => {
                            codes.push(code_hash)
                        }
                        _ => {}
                    }
                }
                System::reset_events();
                assert_eq!(
                    Balances::total_issuance(),
                    issuance,
                    "no balance made or lost"
                );
                assert_eq!(
                    total_balances(),
                    issuance,
                    "every unit is in some account, free or held"
                );
            }
            // Dry-runs of what exists never fail untyped either.
            for contract in &contracts {
                Pallet::<Test>::dry_run_call(ALICE, *contract, 0, None, vec![]);
            }
        });
    }
    DepositPerItem::set(0);
    DepositPerByte::set(0);
    println!("{extrinsics} extrinsics, {failures} failed with typed errors, 0 panics");
}
