//! Differential testing of pallet-ewasm's EVM support against revm.
//!
//! The same Solidity corpus (compiled by a current solc, see `pallets/ewasm/fixtures/evm`) is
//! deployed on two chains: revm (Cancun) and the engine the pallet runs (its EVM frames on
//! revm's interpreter, behind the engine's own state, frames, gas accounting and meters). Seeded random call sequences, generated from each
//! contract's ABI, then run on both; after every transaction the outcome (success, revert or
//! halt), return data, logs, created addresses, balances, nonces, code hashes and storage of
//! every account must agree.

pub mod asm;
pub mod calls;
pub mod corpus;
pub mod ewasm_chain;
pub mod revm_chain;
pub mod world;

pub use world::{Addr, Chain, Outcome, Status, World};
