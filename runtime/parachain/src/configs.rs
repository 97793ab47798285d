//! Pallet configurations: the parachain's own (System, ParachainSystem, Aura, Timestamp), then the
//! configuration it shares with the solo runtime.

use crate::{
    AccountId, Aura, Balance, Balances, Block, BlockNumber, ConsensusHook, Hash, Nonce, PalletInfo,
    ParachainInfo, Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason,
    RuntimeOrigin, RuntimeTask, System, Timestamp, SLOT_DURATION, VERSION,
};
use cumulus_pallet_parachain_system::RelayNumberMonotonicallyIncreases;
use frame_support::{
    derive_impl,
    dispatch::DispatchClass,
    parameter_types,
    traits::{ConstBool, ConstU32, ConstU64},
    weights::{
        constants::{
            BlockExecutionWeight, ExtrinsicBaseWeight, RocksDbWeight, WEIGHT_REF_TIME_PER_SECOND,
        },
        Weight,
    },
};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::Perbill;
use sp_version::RuntimeVersion;

/// Normal extrinsics may fill 75% of a block; the rest is for operational ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
/// What `on_initialize` is assumed to use, kept out of any one extrinsic's reach.
const AVERAGE_ON_INITIALIZE_RATIO: Perbill = Perbill::from_percent(5);
/// The proof-of-validity budget of one block: half of the relay chain's `MAX_POV_SIZE` (10 MiB),
/// what a parachain block may use with async backing.
pub const MAX_POV_SIZE: u64 = 5 * 1024 * 1024;
/// 2 s of compute (what a relay-chain validator grants a block with async backing) and the
/// proof budget.
pub const MAXIMUM_BLOCK_WEIGHT: Weight =
    Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND.saturating_mul(2), MAX_POV_SIZE);

parameter_types! {
    pub const Version: RuntimeVersion = VERSION;
    pub const BlockHashCount: BlockNumber = 4096;
    pub RuntimeBlockLength: BlockLength = BlockLength::builder()
        .max_length(5 * 1024 * 1024)
        .modify_max_length_for_class(DispatchClass::Normal, |max| {
            *max = NORMAL_DISPATCH_RATIO * *max
        })
        .build();
    pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
        .base_block(BlockExecutionWeight::get())
        .for_class(DispatchClass::all(), |weights| {
            weights.base_extrinsic = ExtrinsicBaseWeight::get();
        })
        .for_class(DispatchClass::Normal, |weights| {
            weights.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
        })
        .for_class(DispatchClass::Operational, |weights| {
            weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
            // Operational extrinsics always have the quarter normal ones cannot use.
            weights.reserved =
                Some(MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
        })
        .avg_block_initialization(AVERAGE_ON_INITIALIZE_RATIO)
        .build_or_panic();
    pub const SS58Prefix: u16 = 42;
}

#[derive_impl(frame_system::config_preludes::ParaChainDefaultConfig)]
impl frame_system::Config for Runtime {
    type Block = Block;
    type BlockWeights = RuntimeBlockWeights;
    type BlockLength = RuntimeBlockLength;
    type AccountId = AccountId;
    type Nonce = Nonce;
    type Hash = Hash;
    type BlockHashCount = BlockHashCount;
    /// polkadot-omni-node's default database.
    type DbWeight = RocksDbWeight;
    /// The transaction extensions' weights at this runtime's `DbWeight` (the default, `()`,
    /// prices their reads and writes at RocksDB's whatever the database).
    type ExtensionsWeightInfo = frame_system::SubstrateExtensionsWeight<Runtime>;
    type Version = Version;
    type AccountData = pallet_balances::AccountData<Balance>;
    type SS58Prefix = SS58Prefix;
    type MaxConsumers = ConstU32<16>;
    /// A runtime upgrade waits for the relay chain's go-ahead.
    type OnSetCode = cumulus_pallet_parachain_system::ParachainSetCode<Self>;
}

parameter_types! {
    /// No XCM queues on this chain: nothing is reserved for messages.
    pub const ReservedXcmpWeight: Weight = Weight::zero();
    pub const ReservedDmpWeight: Weight = Weight::zero();
}

impl cumulus_pallet_parachain_system::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type OnSystemEvent = ();
    type SelfParaId = ParachainInfo;
    /// No XCM: no outbound messages, and downward/horizontal messages are dropped (README,
    /// "Parachain": a real deployment adds the XCM queues).
    type OutboundXcmpMessageSource = ();
    type DmpQueue = ();
    type ReservedDmpWeight = ReservedDmpWeight;
    type XcmpMessageHandler = ();
    type ReservedXcmpWeight = ReservedXcmpWeight;
    type CheckAssociatedRelayNumber = RelayNumberMonotonicallyIncreases;
    type ConsensusHook = ConsensusHook;
    type WeightInfo = ();
    type RelayParentOffset = ConstU32<0>;
    type SchedulingSignatureVerifier = ();
}

impl staging_parachain_info::Config for Runtime {}

impl cumulus_pallet_weight_reclaim::Config for Runtime {
    type WeightInfo = ();
}

impl pallet_aura::Config for Runtime {
    type AuthorityId = AuraId;
    type DisabledValidators = ();
    type MaxAuthorities = ConstU32<32>;
    /// Async backing builds more than one block per relay parent's slot.
    type AllowMultipleBlocksPerSlot = ConstBool<true>;
    type SlotDuration = ConstU64<SLOT_DURATION>;
}

impl cumulus_pallet_aura_ext::Config for Runtime {}

impl pallet_timestamp::Config for Runtime {
    type Moment = u64;
    type OnTimestampSet = Aura;
    type MinimumPeriod = ConstU64<0>;
    type WeightInfo = ();
}

// The block gas limit: what a normal extrinsic holds at the benchmarked weight per gas.
ewasm_runtime_common::impl_shared_pallet_configs!();
