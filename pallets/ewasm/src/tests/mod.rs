//! Pallet tests on the mock runtime, by topic.

mod deletion;
mod deposits;
mod evm;
mod extrinsics;
mod fuzz;
mod limits;
mod proof;
mod solidity;

use crate::{mock::*, Event};
use frame_support::assert_ok;

/// The contract of the last `Instantiated` event.
fn last_instantiated() -> sp_core::H160 {
    frame_system::Pallet::<Test>::events()
        .into_iter()
        .rev()
        .find_map(|r| match r.event {
            RuntimeEvent::Ewasm(Event::Instantiated { contract, .. }) => Some(contract),
            _ => None,
        })
        .expect("Instantiated event")
}

/// Deploys `runtime` (Ewasm) from ALICE with a million gas; returns its address.
fn deploy_runtime(runtime: &[u8]) -> sp_core::H160 {
    assert_ok!(Ewasm::instantiate_with_code(
        RuntimeOrigin::signed(ALICE),
        0,
        1_000_000,
        pallet_ewasm_fixtures::deployer(runtime),
        vec![],
        None,
        None
    ));
    last_instantiated()
}
