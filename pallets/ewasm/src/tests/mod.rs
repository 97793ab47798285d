//! Pallet tests on the mock runtime, by topic.

mod extrinsics;
mod solidity;
