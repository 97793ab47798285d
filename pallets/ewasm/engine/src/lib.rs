//! A spec-exact Ewasm engine: validation, the Ethereum Environment Interface (EEI), gas and
//! nested message calls, on a metered wasmi instance.
//!
//! The engine knows nothing about FRAME. Everything it needs from the outside world (balances,
//! storage, code, nonces, block data and state checkpoints) comes through the [`Host`] trait, so
//! the pallet, the state-test runner and the benchmarks all run exactly these semantics.
//!
//! Entry points: [`prepare::validate`] checks a module before it is stored; [`Executor::call`] and
//! [`Executor::create`] run message calls and contract creations.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod address;
pub mod eei;
pub mod error;
mod evm;
pub mod exec;
pub mod gas;
pub mod host;
#[cfg(any(test, feature = "memory-host"))]
pub mod memory_host;
mod precompiles;
pub mod prepare;
mod runtime;
mod state_cache;
mod state_reads;
pub mod types;

pub use error::{HaltReason, ValidationError};
pub use exec::{CallKind, CreateResult, ExecStatus, Executor, FrameResult, Message};
pub use gas::schedule::{EngineConfig, EvmVersion, GasSchedule};
pub use host::{Host, TxContext};
pub use types::{Address, Log, H256, U256};
