//! # pallet-ewasm
//!
//! Runs Ewasm contracts (ewasm/design) on a metered wasmi instance inside the runtime. The
//! semantics live in the FRAME-independent [`ewasm_engine`]; this pallet maps its [`Host`] onto
//! Substrate storage (code, contracts, storage slots, nonces) and a `fungible` currency.
//!
//! - Addresses: see [`address`] for the rule between `AccountId32` and 20-byte addresses.
//! - Gas: `gas_limit` is Ewasm gas. An extrinsic pre-charges its base weight plus
//!   `gas_limit × WeightPerGas` and refunds the unused gas through its actual weight.
//! - Outcomes: a reverted or failed top-level execution fails the extrinsic (state rolled back,
//!   fee for the gas used charged).
//!
//! [`Host`]: ewasm_engine::Host

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod address;
pub mod benchmark_needs;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod deletion;
mod deposit;
mod dry_run;
mod exec;
mod host;
#[cfg(test)]
mod mock;
pub mod rates;
#[cfg(test)]
mod tests;
pub mod weights;

pub use address::{AddressMapper, EeSuffixMapper};
pub use ewasm_engine::gas::proof::ProofCosts;
pub use exec::Outcome;
pub use pallet::*;
pub use pallet_ewasm_runtime_api as api;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use ewasm_engine::ValidationError;
use frame_support::PalletError;
use scale_info::TypeInfo;
use sp_core::H256;

/// A stored code blob's metadata.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen)]
pub struct CodeInfo<AccountId> {
    /// Who uploaded (or deployed) it; only the owner may remove it.
    pub owner: AccountId,
    /// Contracts whose code it is.
    pub refcount: u64,
    /// Length in bytes.
    pub len: u32,
    /// Storage deposit held on the owner for it (released by `remove_code`).
    pub deposit: u128,
}

/// A contract: the hash of its code and where its storage lives.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen)]
pub struct ContractInfo {
    /// Key into `PristineCode` (keccak256 of the empty code for a contract without code).
    pub code_hash: H256,
    /// Key of its slots in `ContractStorage`: unique per contract ever created, so a contract
    /// created where a terminated one was never sees the slots still waiting for deletion.
    pub trie_id: u64,
    /// Non-zero slots it has.
    pub storage_items: u32,
    /// Storage deposit held on its account for itself and its slots.
    pub storage_deposit: u128,
}

/// Positions in the deletion queue: entries `delete..insert` wait for deletion.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen)]
pub struct DeletionQueueCounter {
    /// Where the next entry goes.
    pub insert: u32,
    /// The oldest entry still waiting.
    pub delete: u32,
}

/// Why code was rejected, as shown in `Error::CodeRejected` (mirrors the engine's reasons).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, PalletError,
)]
pub enum RejectReason {
    /// Does not start with the wasm magic `\0asm`.
    BadMagic,
    /// Not wasm binary version 1.
    BadVersion,
    /// Malformed or ill-typed wasm, floating point, or a feature beyond wasm v1.
    InvalidWasm,
    /// Has a start function.
    HasStartFunction,
    /// Imports from a namespace other than `ethereum`.
    ForbiddenImportNamespace,
    /// Imports a name the EEI does not define.
    UnknownImport,
    /// Imports an EEI function with the wrong signature.
    ImportSignatureMismatch,
    /// Imports a memory, table or global.
    NonFunctionImport,
    /// No `main` export.
    MissingMain,
    /// `main` is not `() -> ()`.
    InvalidMain,
    /// No `memory` export.
    MissingMemory,
    /// `memory` is not a memory.
    InvalidMemory,
    /// Exports something besides `main` and `memory`.
    ExtraExports,
    /// Too many initial memory pages.
    TooManyMemoryPages,
    /// Table too large.
    TableTooLarge,
    /// Too many globals.
    TooManyGlobals,
    /// Too many functions.
    TooManyFunctions,
    /// Longer than `MaxCodeLen`.
    CodeTooLarge,
    /// The contract embedded in a custom section (the code the constructor deploys) is invalid.
    InvalidEmbeddedModule,
    /// EVM code a constructor returned starts with 0xEF (reserved by EIP-3541).
    ReservedEvmPrefix,
}

impl From<ValidationError> for RejectReason {
    fn from(e: ValidationError) -> Self {
        use ValidationError as V;
        match e {
            V::CodeTooLarge => Self::CodeTooLarge,
            V::BadMagic => Self::BadMagic,
            V::BadVersion => Self::BadVersion,
            V::InvalidWasm => Self::InvalidWasm,
            V::HasStartFunction => Self::HasStartFunction,
            V::ForbiddenImportNamespace => Self::ForbiddenImportNamespace,
            V::UnknownImport => Self::UnknownImport,
            V::ImportSignatureMismatch => Self::ImportSignatureMismatch,
            V::NonFunctionImport => Self::NonFunctionImport,
            V::MissingMain => Self::MissingMain,
            V::InvalidMain => Self::InvalidMain,
            V::MissingMemory => Self::MissingMemory,
            V::InvalidMemory => Self::InvalidMemory,
            V::ExtraExports => Self::ExtraExports,
            V::TooManyMemoryPages => Self::TooManyMemoryPages,
            V::TableTooLarge => Self::TableTooLarge,
            V::TooManyGlobals => Self::TooManyGlobals,
            V::TooManyFunctions => Self::TooManyFunctions,
            V::InvalidEmbeddedModule => Self::InvalidEmbeddedModule,
            V::ReservedEvmPrefix => Self::ReservedEvmPrefix,
        }
    }
}

#[frame_support::pallet]
pub mod pallet {
    use super::*;
    use crate::{api::Code, exec::EntryPoint, weights::WeightInfo};
    use alloc::vec::Vec;
    use ewasm_engine::GasSchedule;
    use frame_support::{pallet_prelude::*, traits::fungible};

    /// Why the pallet holds balance.
    #[pallet::composite_enum]
    pub enum HoldReason {
        /// Deposit for stored code, held on its owner.
        CodeUploadDeposit,
        /// Deposit for a contract and its storage, held on the contract's account.
        StorageDeposit,
        /// Deposit for an account's address mapping and nonce, held on the account.
        AddressDeposit,
    }
    use frame_system::pallet_prelude::*;
    use sp_core::{H160, U256};

    #[pallet::pallet]
    pub struct Pallet<T>(_);

    #[pallet::config]
    pub trait Config: frame_system::Config {
        /// The overarching event type.
        #[allow(deprecated)]
        type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;
        /// The currency behind EEI values and balances (128-bit, as in the EEI), which holds
        /// storage deposits.
        type Currency: fungible::Mutate<Self::AccountId, Balance = u128>
            + fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;
        /// The overarching hold reason.
        type RuntimeHoldReason: From<HoldReason>;
        /// Storage deposit per item of state (a slot, a code blob, a contract, a mapping).
        #[pallet::constant]
        type DepositPerItem: Get<u128>;
        /// Storage deposit per byte of state (keys and values).
        #[pallet::constant]
        type DepositPerByte: Get<u128>;
        /// The rule between accounts and 20-byte addresses.
        type AddressMapper: AddressMapper<Self::AccountId>;
        /// Source of `getBlockTimestamp` (milliseconds; the EEI sees seconds).
        type Time: frame_support::traits::Time<Moment = u64>;
        /// EEI gas costs (hera's Byzantium schedule by default).
        type Schedule: Get<GasSchedule>;
        /// Gas per executed wasm instruction; must be above 0 so no code runs unbounded.
        #[pallet::constant]
        type InstructionCost: Get<u64>;
        /// Weight (ref_time and proof_size) of one unit of gas.
        #[pallet::constant]
        type WeightPerGas: Get<Weight>;
        /// Weight of one unit of state-access gas: the gas of storage and account accesses
        /// above a warm access's 100, which prices database work (`DbWeight`) rather than
        /// computation. At most `WeightPerGas`. Its proof size is not used: proof is charged
        /// per item read (`ProofCosts`).
        #[pallet::constant]
        type WeightPerStateGas: Get<Weight>;
        /// Weight of one weight-meter unit: the work EVM frames do beside their gas (setting up
        /// a frame and analysing its code, copying call data, reading code for EXTCODECOPY),
        /// counted in units of `GasSchedule`'s `evm_*`, `data_word` and `code_load_byte` costs. At most
        /// `WeightPerGas`, which the reservation uses. Its proof size is not used.
        #[pallet::constant]
        type WeightPerMeterUnit: Get<Weight>;
        /// What one read of each kind of state puts into the proof, charged once per item and
        /// transaction (`ewasm_engine::gas::proof`), within the proof size the gas limit
        /// reserves.
        type ProofCosts: Get<ewasm_engine::gas::proof::ProofCosts>;
        /// Longest code, in bytes.
        #[pallet::constant]
        type MaxCodeLen: Get<u32>;
        /// Deepest call nesting (the outermost frame has depth 0).
        #[pallet::constant]
        type MaxCallDepth: Get<u32>;
        /// Most memory pages (64 KiB) a contract may use.
        #[pallet::constant]
        type MaxMemoryPages: Get<u32>;
        /// `getTxGasPrice`.
        #[pallet::constant]
        type GasPrice: Get<u128>;
        /// `getBlockCoinbase`.
        #[pallet::constant]
        type Coinbase: Get<H160>;
        /// `getBlockDifficulty`.
        #[pallet::constant]
        type Difficulty: Get<U256>;
        /// The chain id EVM contracts read with CHAINID (and sign transactions for).
        #[pallet::constant]
        type ChainId: Get<u64>;
        /// `getBlockGasLimit`, and the gas limit of dry-runs that give none.
        #[pallet::constant]
        type BlockGasLimit: Get<u64>;
        /// Weights of the extrinsics.
        type WeightInfo: WeightInfo;
    }

    /// Code by keccak256 hash: uploaded init code and deployed contract code.
    #[pallet::storage]
    pub type PristineCode<T: Config> = StorageMap<_, Identity, H256, BoundedVec<u8, T::MaxCodeLen>>;

    /// Owner, reference count and length of each stored code.
    #[pallet::storage]
    pub type CodeInfoOf<T: Config> = StorageMap<_, Identity, H256, CodeInfo<T::AccountId>>;

    /// Contracts by address.
    #[pallet::storage]
    pub type ContractInfoOf<T: Config> = StorageMap<_, Blake2_128Concat, H160, ContractInfo>;

    /// Contract storage: (contract's `trie_id`, key) → value; zero values are not stored.
    #[pallet::storage]
    pub type ContractStorage<T: Config> =
        StorageDoubleMap<_, Twox64Concat, u64, Blake2_128Concat, H256, H256>;

    /// The `trie_id` the next contract gets.
    #[pallet::storage]
    pub type NextTrieId<T: Config> = StorageValue<_, u64, ValueQuery>;

    /// Storage of terminated contracts (their `trie_id`s) waiting to be removed by `on_idle`,
    /// a bounded number of slots per block.
    #[pallet::storage]
    pub type DeletionQueue<T: Config> = StorageMap<_, Twox64Concat, u32, u64>;

    /// The deletion queue's ends.
    #[pallet::storage]
    pub type DeletionQueueCounterOf<T: Config> = StorageValue<_, DeletionQueueCounter, ValueQuery>;

    /// Nonces of addresses, for CREATE addresses.
    #[pallet::storage]
    pub type Nonces<T: Config> = StorageMap<_, Blake2_128Concat, H160, u64, ValueQuery>;

    /// The Substrate account behind an address, recorded on the account's first use.
    #[pallet::storage]
    pub type OriginalAccount<T: Config> = StorageMap<_, Blake2_128Concat, H160, T::AccountId>;

    #[pallet::event]
    #[pallet::generate_deposit(pub(super) fn deposit_event)]
    pub enum Event<T: Config> {
        /// Code was stored under `code_hash`.
        CodeStored {
            code_hash: H256,
            owner: T::AccountId,
        },
        /// A contract was created: by the extrinsic's signer, or by a contract (`deployer` is
        /// then the creating contract's account) — one event per contract created.
        /// `gas_used`: for the extrinsic's own contract, the gas an Ethereum receipt would
        /// report for the same transaction (intrinsic + execution − capped refund); `None` for
        /// contracts created by contracts (their gas is part of the extrinsic's).
        Instantiated {
            deployer: T::AccountId,
            contract: H160,
            gas_used: Option<u64>,
        },
        /// A contract was called successfully; `gas_used` as an Ethereum receipt would report it
        /// for the same transaction (intrinsic + execution − refund capped at a fifth).
        Called {
            caller: T::AccountId,
            contract: H160,
            gas_used: u64,
        },
        /// A contract emitted a log.
        Log {
            contract: H160,
            topics: Vec<H256>,
            data: Vec<u8>,
        },
        /// A contract self-destructed, sending its balance to `beneficiary`.
        Terminated { contract: H160, beneficiary: H160 },
        /// Code was removed.
        CodeRemoved { code_hash: H256 },
    }

    #[pallet::error]
    pub enum Error<T> {
        /// The code is not a valid Ewasm contract.
        CodeRejected { reason: RejectReason },
        /// The code is longer than `MaxCodeLen`.
        CodeTooLarge,
        /// No code is stored under that hash.
        CodeNotFound,
        /// Only the code's owner may remove it.
        NotCodeOwner,
        /// The code is used by a contract.
        CodeInUse,
        /// Execution ran out of gas.
        OutOfGas,
        /// The contract trapped (`unreachable`, bad memory access, bad EEI argument, …).
        ContractTrapped,
        /// The contract called `revert`.
        ContractReverted,
        /// A state change was attempted in static mode.
        StaticModeViolation,
        /// The caller cannot pay the value.
        InsufficientBalance,
        /// A value transfer was refused by the currency (for example below the existential deposit).
        TransferFailed,
        /// Nested calls went deeper than `MaxCallDepth`, or than the memory a transaction's
        /// frames may hold together allows.
        MaxCallDepthReached,
        /// No contract at that address.
        ContractNotFound,
        /// A contract already exists at the address the instantiation targets.
        DuplicateContract,
        /// The gas limit is above the block gas limit (`BlockGasLimit`).
        GasLimitTooHigh,
        /// The engine could not set up an execution frame (a fault of the chain, not of the
        /// contract; nothing changed).
        EngineFault,
        /// Loading the contracts' code needed more weight than the gas limit reserves for it
        /// (as many units as gas; see the README's "Gas and weight"): everything was undone.
        OutOfWeight,
        /// The storage deposit the execution needs is above `storage_deposit_limit`.
        StorageDepositLimitExhausted,
        /// The origin cannot pay the storage deposit.
        StorageDepositNotEnoughFunds,
    }

    #[pallet::hooks]
    impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
        fn on_idle(_block: BlockNumberFor<T>, remaining: Weight) -> Weight {
            Self::drain_deletion_queue(remaining)
        }

        fn integrity_test() {
            Self::check_limits().unwrap_or_else(|e| panic!("pallet-ewasm config: {e}"));
        }
    }

    #[pallet::call]
    impl<T: Config> Pallet<T> {
        /// Validates and stores `code` (init code) for later `instantiate` calls, holding its
        /// storage deposit on the uploader (at most `storage_deposit_limit`, if given).
        #[pallet::call_index(0)]
        #[pallet::weight(T::WeightInfo::upload_code(code.len() as u32))]
        pub fn upload_code(
            origin: OriginFor<T>,
            code: Vec<u8>,
            storage_deposit_limit: Option<u128>,
        ) -> DispatchResult {
            let who = ensure_signed(origin)?;
            Self::store_code(&who, code, storage_deposit_limit)?;
            Ok(())
        }

        /// Runs init code `code` (validated, not stored) to instantiate a contract, passing
        /// `data` to the constructor. The storage deposit the new contract and its code need is
        /// held from the origin, at most `storage_deposit_limit` if given. With a `salt`
        /// the address follows CREATE2, otherwise CREATE with the deployer's nonce.
        #[pallet::call_index(1)]
        #[pallet::weight(
            T::WeightInfo::upload_code(code.len() as u32)
                .saturating_add(T::WeightInfo::instantiate())
                .saturating_add(Pallet::<T>::reserved_weight(*gas_limit))
        )]
        pub fn instantiate_with_code(
            origin: OriginFor<T>,
            #[pallet::compact] value: u128,
            #[pallet::compact] gas_limit: u64,
            code: Vec<u8>,
            data: Vec<u8>,
            salt: Option<H256>,
            storage_deposit_limit: Option<u128>,
        ) -> DispatchResultWithPostInfo {
            let who = ensure_signed(origin)?;
            let base = T::WeightInfo::upload_code(code.len() as u32)
                .saturating_add(T::WeightInfo::instantiate());
            let outcome = Self::bare_instantiate_with_limit(
                &who,
                value,
                gas_limit,
                Code::Upload(code),
                data,
                salt,
                storage_deposit_limit,
            );
            Self::dispatch_outcome(&who, outcome, base, EntryPoint::Instantiate)
        }

        /// Instantiates stored code `code_hash`, passing `data` to the constructor.
        #[pallet::call_index(2)]
        #[pallet::weight(T::WeightInfo::instantiate().saturating_add(Pallet::<T>::reserved_weight(*gas_limit)))]
        pub fn instantiate(
            origin: OriginFor<T>,
            #[pallet::compact] value: u128,
            #[pallet::compact] gas_limit: u64,
            code_hash: H256,
            data: Vec<u8>,
            salt: Option<H256>,
            storage_deposit_limit: Option<u128>,
        ) -> DispatchResultWithPostInfo {
            let who = ensure_signed(origin)?;
            let outcome = Self::bare_instantiate_with_limit(
                &who,
                value,
                gas_limit,
                Code::Existing(code_hash),
                data,
                salt,
                storage_deposit_limit,
            );
            Self::dispatch_outcome(
                &who,
                outcome,
                T::WeightInfo::instantiate(),
                EntryPoint::Instantiate,
            )
        }

        /// Calls contract `dest` with `value` and call data `data`. Slots it adds are paid by
        /// the origin's storage deposit (at most `storage_deposit_limit`, if given); slots it
        /// clears refund theirs.
        #[pallet::call_index(3)]
        #[pallet::weight(Pallet::<T>::call_base(true).saturating_add(Pallet::<T>::reserved_weight(*gas_limit)))]
        pub fn call(
            origin: OriginFor<T>,
            dest: H160,
            #[pallet::compact] value: u128,
            #[pallet::compact] gas_limit: u64,
            data: Vec<u8>,
            storage_deposit_limit: Option<u128>,
        ) -> DispatchResultWithPostInfo {
            let who = ensure_signed(origin)?;
            let outcome = Self::bare_call_with_limit(
                &who,
                dest,
                value,
                gas_limit,
                data,
                storage_deposit_limit,
            );
            // An execution refused before it ran mapped nothing either.
            let maps_address = outcome.as_ref().is_ok_and(|outcome| outcome.address_mapped);
            Self::dispatch_outcome(
                &who,
                outcome,
                Self::call_base(maps_address),
                EntryPoint::Call,
            )
        }

        /// Removes stored code; only its owner may, and only while no contract uses it.
        #[pallet::call_index(4)]
        #[pallet::weight(T::WeightInfo::remove_code())]
        pub fn remove_code(origin: OriginFor<T>, code_hash: H256) -> DispatchResult {
            let who = ensure_signed(origin)?;
            let info = CodeInfoOf::<T>::get(code_hash).ok_or(Error::<T>::CodeNotFound)?;
            ensure!(info.owner == who, Error::<T>::NotCodeOwner);
            ensure!(info.refcount == 0, Error::<T>::CodeInUse);
            Self::release_code_deposit(&info);
            CodeInfoOf::<T>::remove(code_hash);
            PristineCode::<T>::remove(code_hash);
            Self::deposit_event(Event::CodeRemoved { code_hash });
            Ok(())
        }
    }
}
