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
