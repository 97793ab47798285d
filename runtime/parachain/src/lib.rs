//! A Cumulus parachain runtime with pallet-ewasm, for polkadot-omni-node: System,
//! ParachainSystem, Timestamp, ParachainInfo, WeightReclaim, Aura (with AuraExt and its consensus
//! hook), Balances, TransactionPayment, Sudo and Ewasm, with 6-second blocks of 2 s of compute and
//! a 5 MiB proof-of-validity budget. The Ewasm, Balances, TransactionPayment and Sudo
//! configuration is the solo runtime's (`ewasm-runtime-common`).

#![cfg_attr(not(feature = "std"), no_std)]
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

pub mod apis;
pub mod configs;
pub mod genesis_config_presets;

use sp_runtime::{generic, impl_opaque_keys};
use sp_version::RuntimeVersion;

pub use ewasm_runtime_common::{
    opaque, AccountId, Address, Balance, BlockNumber, Hash, Header, Nonce, Signature,
    EXISTENTIAL_DEPOSIT, MILLI_UNIT, UNIT,
};
pub use genesis_config_presets::PARACHAIN_ID;
pub use pallet_ewasm::Call as EwasmCall;
#[cfg(any(feature = "std", test))]
pub use sp_runtime::BuildStorage;

impl_opaque_keys! {
    pub struct SessionKeys {
        pub aura: Aura,
    }
}

#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
    spec_name: alloc::borrow::Cow::Borrowed("ewasm-parachain"),
    impl_name: alloc::borrow::Cow::Borrowed("ewasm-parachain"),
    authoring_version: 1,
    spec_version: 100,
    impl_version: 1,
    apis: apis::RUNTIME_API_VERSIONS,
    transaction_version: 1,
    system_version: 1,
};

/// Target block time; the relay chain's slot, so that one parachain block is built per relay
/// block (async backing).
pub const MILLI_SECS_PER_BLOCK: u64 = 6000;
/// Aura slot duration (cannot change after genesis).
pub const SLOT_DURATION: u64 = MILLI_SECS_PER_BLOCK;

/// Async backing: blocks built on a relay parent not yet included, at most this many…
pub const UNINCLUDED_SEGMENT_CAPACITY: u32 = 3;
/// …one per relay-chain block…
pub const BLOCK_PROCESSING_VELOCITY: u32 = 1;
/// …of this many milliseconds.
pub const RELAY_CHAIN_SLOT_DURATION_MILLIS: u32 = 6000;

/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// Transaction extensions checked and applied with every signed extrinsic; the whole tuple is
/// wrapped in `StorageWeightReclaim`, which corrects each extrinsic's proof-size weight to the
/// proof it recorded (and its ref-time weight to the post-dispatch one).
pub type TxExtension = cumulus_pallet_weight_reclaim::StorageWeightReclaim<
    Runtime,
    (
        frame_system::CheckNonZeroSender<Runtime>,
        frame_system::CheckSpecVersion<Runtime>,
        frame_system::CheckTxVersion<Runtime>,
        frame_system::CheckGenesis<Runtime>,
        frame_system::CheckEra<Runtime>,
        frame_system::CheckNonce<Runtime>,
        frame_system::CheckWeight<Runtime>,
        pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
    ),
>;

/// Unchecked extrinsic.
pub type UncheckedExtrinsic =
    generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload that is signed.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Dispatches extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
    Runtime,
    Block,
    frame_system::ChainContext<Runtime>,
    Runtime,
    AllPalletsWithSystem,
>;

/// What lets a block build on parents the relay chain has not included yet.
pub type ConsensusHook = cumulus_pallet_aura_ext::FixedVelocityConsensusHook<
    Runtime,
    RELAY_CHAIN_SLOT_DURATION_MILLIS,
    BLOCK_PROCESSING_VELOCITY,
    UNINCLUDED_SEGMENT_CAPACITY,
>;

#[frame_support::runtime]
mod runtime {
    #[runtime::runtime]
    #[runtime::derive(
        RuntimeCall,
        RuntimeEvent,
        RuntimeError,
        RuntimeOrigin,
        RuntimeFreezeReason,
        RuntimeHoldReason,
        RuntimeSlashReason,
        RuntimeLockId,
        RuntimeTask,
        RuntimeViewFunction
    )]
    pub struct Runtime;

    #[runtime::pallet_index(0)]
    pub type System = frame_system;
    #[runtime::pallet_index(1)]
    pub type ParachainSystem = cumulus_pallet_parachain_system;
    #[runtime::pallet_index(2)]
    pub type Timestamp = pallet_timestamp;
    #[runtime::pallet_index(3)]
    pub type ParachainInfo = staging_parachain_info;
    #[runtime::pallet_index(4)]
    pub type WeightReclaim = cumulus_pallet_weight_reclaim;
    #[runtime::pallet_index(10)]
    pub type Balances = pallet_balances;
    #[runtime::pallet_index(11)]
    pub type TransactionPayment = pallet_transaction_payment;
    #[runtime::pallet_index(15)]
    pub type Sudo = pallet_sudo;
    #[runtime::pallet_index(23)]
    pub type Aura = pallet_aura;
    #[runtime::pallet_index(24)]
    pub type AuraExt = cumulus_pallet_aura_ext;
    #[runtime::pallet_index(40)]
    pub type Ewasm = pallet_ewasm;
}

cumulus_pallet_parachain_system::register_validate_block! {
    Runtime = Runtime,
    BlockExecutor = cumulus_pallet_aura_ext::BlockExecutor::<Runtime, Executive>,
}
