//! Pallet tests on the mock runtime, by topic.

mod evm;
mod extrinsics;
mod solidity;
