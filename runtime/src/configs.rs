//! Pallet configurations.

use crate::{
    AccountId, Aura, Balance, Balances, Block, BlockNumber, Hash, Nonce, PalletInfo, Runtime,
    RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, RuntimeOrigin, RuntimeTask,
    System, Timestamp, EXISTENTIAL_DEPOSIT, SLOT_DURATION, VERSION,
};
use ewasm_engine::GasSchedule;
use frame_support::{
    derive_impl,
    dispatch::DispatchClass,
    parameter_types,
    traits::{ConstBool, ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf},
    weights::{
        constants::{RocksDbWeight, WEIGHT_REF_TIME_PER_SECOND},
        IdentityFee, Weight,
    },
};
use frame_system::limits::{BlockLength, BlockWeights};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{H160, U256};
use sp_runtime::{traits::One, Perbill};
use sp_version::RuntimeVersion;

const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);
const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

parameter_types! {
    pub const BlockHashCount: BlockNumber = 2400;
    pub const Version: RuntimeVersion = VERSION;
    /// One second of compute per 3-second block.
    pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
        Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
        NORMAL_DISPATCH_RATIO,
    );
    /// 5 MiB blocks, of which normal extrinsics may fill 75%.
    pub RuntimeBlockLength: BlockLength = BlockLength::builder()
        .max_length(MAX_BLOCK_LENGTH)
        .modify_max_length_for_class(DispatchClass::Normal, |max| {
            *max = NORMAL_DISPATCH_RATIO * MAX_BLOCK_LENGTH
        })
        .build();
    pub const SS58Prefix: u8 = 42;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
    type Block = Block;
    type BlockWeights = RuntimeBlockWeights;
    type BlockLength = RuntimeBlockLength;
    type AccountId = AccountId;
    type Nonce = Nonce;
    type Hash = Hash;
    type BlockHashCount = BlockHashCount;
    type DbWeight = RocksDbWeight;
    type Version = Version;
    type AccountData = pallet_balances::AccountData<Balance>;
    type SS58Prefix = SS58Prefix;
    type MaxConsumers = ConstU32<16>;
}

impl pallet_aura::Config for Runtime {
    type AuthorityId = AuraId;
    type DisabledValidators = ();
    type MaxAuthorities = ConstU32<32>;
    type AllowMultipleBlocksPerSlot = ConstBool<false>;
    type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type WeightInfo = ();
    type MaxAuthorities = ConstU32<32>;
    type MaxNominators = ConstU32<0>;
    type MaxSetIdSessionEntries = ConstU64<0>;
    type KeyOwnerProof = sp_core::Void;
    type EquivocationReportSystem = ();
}

impl pallet_timestamp::Config for Runtime {
    type Moment = u64;
    type OnTimestampSet = Aura;
    type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
    type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
    type MaxLocks = ConstU32<50>;
    type MaxReserves = ();
    type ReserveIdentifier = [u8; 8];
    type Balance = Balance;
    type RuntimeEvent = RuntimeEvent;
    type DustRemoval = ();
    type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
    type AccountStore = System;
    type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
    type FreezeIdentifier = RuntimeFreezeReason;
    type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
    type RuntimeHoldReason = RuntimeHoldReason;
    type RuntimeFreezeReason = RuntimeFreezeReason;
    type DoneSlashHandler = ();
}

parameter_types! {
    pub FeeMultiplier: Multiplier = Multiplier::one();
}

impl pallet_transaction_payment::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type OnChargeTransaction = FungibleAdapter<Balances, ()>;
    type OperationalFeeMultiplier = ConstU8<5>;
    type WeightToFee = IdentityFee<Balance>;
    type LengthToFee = IdentityFee<Balance>;
    type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
    type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type RuntimeCall = RuntimeCall;
    type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
    pub EwasmSchedule: GasSchedule = GasSchedule::public_chain();
    /// 150 ns of compute and 1 byte of proof per unit of gas: measured, translated EVM code
    /// runs at up to ~50 ns per gas natively and ~3× that in the wasm runtime (README,
    /// "Measured figures"); Ewasm code (1 gas per wasm instruction) is well inside it.
    pub const WeightPerGas: Weight = Weight::from_parts(150_000, 1);
    /// 10 ns and 1 byte of proof per unit of state-access gas (an access's gas above a warm
    /// access's 100): a cold SLOAD's 2,000 weigh 20 µs, over ParityDB's 8 µs per read; an
    /// SSTORE's 2,800 or 19,900 weigh 28 µs or 199 µs, over its 50 µs per write. The
    /// adversarial suite's state-access floods run at 0.33 (cold reads: 12.7 µs each in the
    /// wasm runtime against 38 µs weighed with their loop) and 0.18 (new slots) of their weight.
    pub const WeightPerStateGas: Weight = Weight::from_parts(10_000, 1);
    /// No block author address on this chain: the coinbase is zero.
    pub EwasmCoinbase: H160 = H160::zero();
    pub EwasmDifficulty: U256 = U256::zero();
}

impl pallet_ewasm::Config for Runtime {
    type RuntimeEvent = RuntimeEvent;
    type Currency = Balances;
    type RuntimeHoldReason = RuntimeHoldReason;
    /// A milli-UNIT per item of state (a slot, a code blob, a contract, an address mapping)…
    type DepositPerItem = ConstU128<{ crate::MILLI_UNIT }>;
    /// …and a micro-UNIT per byte of its keys and value.
    type DepositPerByte = ConstU128<{ crate::MILLI_UNIT / 1_000 }>;
    type AddressMapper = pallet_ewasm::EeSuffixMapper;
    type Time = Timestamp;
    type Schedule = EwasmSchedule;
    /// One gas per wasm instruction.
    type InstructionCost = ConstU64<1>;
    type WeightPerGas = WeightPerGas;
    type WeightPerStateGas = WeightPerStateGas;
    type MaxCodeLen = ConstU32<{ 128 * 1024 }>;
    type MaxCallDepth = ConstU32<16>;
    type MaxMemoryPages = ConstU32<16>;
    type GasPrice = ConstU128<1>;
    type Coinbase = EwasmCoinbase;
    type Difficulty = EwasmDifficulty;
    type ChainId = ConstU64<420_420_421>;
    /// 4 M gas: 0.6 s of the block's 0.75 s of normal-dispatch compute at `WeightPerGas`; the
    /// rest is what such an extrinsic may use on the weight meter (loading code).
    type BlockGasLimit = ConstU64<4_000_000>;
    type WeightInfo = ();
}
