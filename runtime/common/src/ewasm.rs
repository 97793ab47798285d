//! The chain's Ewasm settings and the pallet configurations both runtimes share.

use frame_support::parameter_types;
use sp_core::{H160, U256};

parameter_types! {
    pub EwasmSchedule: ewasm_engine::GasSchedule = ewasm_engine::GasSchedule::public_chain();
    /// No block author address on these chains: the coinbase is zero.
    pub EwasmCoinbase: H160 = H160::zero();
    pub EwasmDifficulty: U256 = U256::zero();
}

/// The EIP-155 chain id contracts see (`CHAINID`).
pub const CHAIN_ID: u64 = 420_420_421;

/// The most gas a transaction may give (`GASLIMIT`): Ethereum mainnet's 30 M, so that what
/// deploys there (a 24 KiB contract pays 4.9 M gas of code deposit alone) deploys here. It does
/// not bound the chain's work: each execution reserves weight for its gas within what a normal
/// extrinsic has and its weight meter stops it there (`pallet_ewasm::Pallet::reserved_weight`).
pub const BLOCK_GAS_LIMIT: u64 = 30_000_000;

/// Implements `pallet_balances`, `pallet_transaction_payment`, `pallet_sudo` and
/// `pallet_ewasm::Config` for `Runtime`, with the benchmarked weights and rates. Expects
/// `Runtime`, `RuntimeEvent`, `RuntimeCall`, `RuntimeHoldReason`, `RuntimeFreezeReason`,
/// `System`, `Balances` and `Timestamp` in scope.
#[macro_export]
macro_rules! impl_shared_pallet_configs {
    () => {
        const _: () = {
            use $crate::deps::{
                frame_support::{
                    traits::{ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf},
                    weights::IdentityFee,
                },
                pallet_balances, pallet_ewasm, pallet_sudo, pallet_transaction_payment,
                sp_runtime::traits::One,
            };
            use $crate::{Balance, EXISTENTIAL_DEPOSIT, MILLI_UNIT};

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

            $crate::deps::frame_support::parameter_types! {
                pub FeeMultiplier: pallet_transaction_payment::Multiplier =
                    pallet_transaction_payment::Multiplier::one();
            }

            impl pallet_transaction_payment::Config for Runtime {
                type RuntimeEvent = RuntimeEvent;
                type OnChargeTransaction =
                    pallet_transaction_payment::FungibleAdapter<Balances, ()>;
                type OperationalFeeMultiplier = ConstU8<5>;
                type WeightToFee = IdentityFee<Balance>;
                type LengthToFee = IdentityFee<Balance>;
                type FeeMultiplierUpdate =
                    pallet_transaction_payment::ConstFeeMultiplier<FeeMultiplier>;
                type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
            }

            impl pallet_sudo::Config for Runtime {
                type RuntimeEvent = RuntimeEvent;
                type RuntimeCall = RuntimeCall;
                type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
            }

            impl pallet_ewasm::Config for Runtime {
                type RuntimeEvent = RuntimeEvent;
                type Currency = Balances;
                type RuntimeHoldReason = RuntimeHoldReason;
                /// A milli-UNIT per item of state (a slot, a code blob, a contract, an address
                /// mapping)…
                type DepositPerItem = ConstU128<{ MILLI_UNIT }>;
                /// …and a micro-UNIT per byte of its keys and value.
                type DepositPerByte = ConstU128<{ MILLI_UNIT / 1_000 }>;
                type AddressMapper = pallet_ewasm::EeSuffixMapper;
                type Time = Timestamp;
                type Schedule = $crate::ewasm::EwasmSchedule;
                /// One gas per wasm instruction.
                type InstructionCost = ConstU64<1>;
                /// What a gas weighs: the steepest benchmarked slope of the work gas pays for.
                type WeightPerGas = pallet_ewasm::rates::BenchmarkedWeightPerGas<Runtime>;
                type WeightPerStateGas = pallet_ewasm::rates::BenchmarkedWeightPerStateGas<Runtime>;
                type WeightPerMeterUnit =
                    pallet_ewasm::rates::BenchmarkedWeightPerMeterUnit<Runtime>;
                /// Proof per item read: the benchmarked worst case of each kind.
                type ProofCosts = pallet_ewasm::rates::BenchmarkedProofCosts<Runtime>;
                type MaxCodeLen = ConstU32<{ 128 * 1024 }>;
                type MaxCallDepth = ConstU32<16>;
                type MaxMemoryPages = ConstU32<16>;
                type GasPrice = ConstU128<1>;
                type Coinbase = $crate::ewasm::EwasmCoinbase;
                type Difficulty = $crate::ewasm::EwasmDifficulty;
                type ChainId = ConstU64<{ $crate::ewasm::CHAIN_ID }>;
                type BlockGasLimit = ConstU64<{ $crate::ewasm::BLOCK_GAS_LIMIT }>;
                /// The benchmarked weights at the runtime's `DbWeight`.
                type WeightInfo = pallet_ewasm::weights::BenchmarkedWeights<
                    <Runtime as $crate::deps::frame_system::Config>::DbWeight,
                >;
            }
        };
    };
}
