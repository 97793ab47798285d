//! A mock runtime: System, Balances and Ewasm with `AccountId32` accounts.

use crate::{self as pallet_ewasm, EeSuffixMapper};
use ewasm_engine::GasSchedule;
use frame_support::{
    derive_impl, parameter_types,
    traits::{ConstU32, ConstU64},
    weights::Weight,
};
use sp_core::{H160, U256};
use sp_runtime::{AccountId32, BuildStorage};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
    pub enum Test {
        System: frame_system,
        Balances: pallet_balances,
        Ewasm: pallet_ewasm,
    }
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
    type Block = Block;
    type AccountId = AccountId32;
    type Lookup = sp_runtime::traits::IdentityLookup<AccountId32>;
    type AccountData = pallet_balances::AccountData<u128>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
    type AccountStore = System;
    type Balance = u128;
    type ExistentialDeposit = ExistentialDeposit;
    type RuntimeHoldReason = RuntimeHoldReason;
}

/// A fixed clock: 1_700_000_000 s.
pub struct FixedTime;
impl frame_support::traits::Time for FixedTime {
    type Moment = u64;
    fn now() -> u64 {
        1_700_000_000_000
    }
}

parameter_types! {
    pub const ExistentialDeposit: u128 = 1;
    pub Schedule: GasSchedule = GasSchedule::public_chain();
    pub const InstructionCost: u64 = 1;
    pub static WeightPerGas: Weight = Weight::from_parts(1_000, 1);
    pub const WeightPerStateGas: Weight = Weight::from_parts(100, 1);
    pub const WeightPerMeterUnit: Weight = Weight::from_parts(300, 1);
    pub static ProofCosts: pallet_ewasm::ProofCosts =
        pallet_ewasm::ProofCosts { item: 100, code_byte: 1, contract: 200, balance: 300, nonce: 100 };
    pub const GasPrice: u128 = 1;
    pub Coinbase: H160 = H160::repeat_byte(0xcb);
    pub Difficulty: U256 = U256::from(0x020000u64);
    pub static BlockGasLimit: u64 = 30_000_000;
    pub static MaxCallDepth: u32 = 16;
    pub static MaxMemoryPages: u32 = 16;
    /// Deposits are off unless a test turns them on (most tests check balances to the unit).
    pub static DepositPerItem: u128 = 0;
    pub static DepositPerByte: u128 = 0;
}

impl pallet_ewasm::Config for Test {
    type RuntimeEvent = RuntimeEvent;
    type Currency = Balances;
    type RuntimeHoldReason = RuntimeHoldReason;
    type DepositPerItem = DepositPerItem;
    type DepositPerByte = DepositPerByte;
    type AddressMapper = EeSuffixMapper;
    type Time = FixedTime;
    type Schedule = Schedule;
    type InstructionCost = InstructionCost;
    type WeightPerGas = WeightPerGas;
    type WeightPerStateGas = WeightPerStateGas;
    type WeightPerMeterUnit = WeightPerMeterUnit;
    type ProofCosts = ProofCosts;
    type MaxCodeLen = ConstU32<{ 128 * 1024 }>;
    type MaxCallDepth = MaxCallDepth;
    type MaxMemoryPages = MaxMemoryPages;
    type GasPrice = GasPrice;
    type Coinbase = Coinbase;
    type Difficulty = Difficulty;
    type ChainId = ConstU64<420_420>;
    type BlockGasLimit = BlockGasLimit;
    type WeightInfo = ();
}

pub const ALICE: AccountId32 = AccountId32::new([1u8; 32]);
pub const BOB: AccountId32 = AccountId32::new([2u8; 32]);
pub const INITIAL_BALANCE: u128 = 1_000_000_000;

/// Externalities with ALICE and BOB funded, at block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
    let mut storage = frame_system::GenesisConfig::<Test>::default()
        .build_storage()
        .unwrap();
    pallet_balances::GenesisConfig::<Test> {
        balances: vec![(ALICE, INITIAL_BALANCE), (BOB, INITIAL_BALANCE)],
        ..Default::default()
    }
    .assimilate_storage(&mut storage)
    .unwrap();
    let mut ext = sp_io::TestExternalities::new(storage);
    ext.execute_with(|| System::set_block_number(1));
    ext
}
