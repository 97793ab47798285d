//! What the solo runtime (`ewasm-runtime`) and the parachain runtime (`ewasm-parachain-runtime`)
//! share: the account, balance and block types, the token's units, the dev accounts, and one
//! configuration of pallet-ewasm, Balances, TransactionPayment and Sudo
//! ([`impl_shared_pallet_configs!`]), so that the chain's Ewasm settings live in one place.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use sp_runtime::{
    generic,
    traits::{BlakeTwo256, IdentifyAccount, Verify},
    MultiAddress, MultiSignature,
};

pub mod apis;
pub mod ewasm;
#[cfg(substrate_runtime)]
mod heap;

/// The crates [`impl_shared_pallet_configs!`] names, so that a runtime needs no extra paths.
#[doc(hidden)]
pub mod deps {
    pub use ewasm_engine;
    pub use frame_support;
    pub use frame_system;
    pub use pallet_balances;
    pub use pallet_ewasm;
    pub use pallet_sudo;
    pub use pallet_transaction_payment;
    pub use sp_core;
    pub use sp_runtime;
}

/// Transaction signature.
pub type Signature = MultiSignature;
/// Account id: the signer's public key.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance of an account.
pub type Balance = u128;
/// Transaction index of an account.
pub type Nonce = u32;
/// Block and state hash.
pub type Hash = sp_core::H256;
/// Block number.
pub type BlockNumber = u32;
/// Address format of extrinsics.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// One unit of the native token.
pub const UNIT: Balance = 1_000_000_000_000;
/// A thousandth of a unit.
pub const MILLI_UNIT: Balance = 1_000_000_000;
/// Existential deposit.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;
/// What the genesis presets give every dev account.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;

/// The accounts the genesis presets fund: the well-known dev keys.
pub fn dev_accounts() -> Vec<AccountId> {
    use sp_keyring::Sr25519Keyring;
    Sr25519Keyring::iter()
        .filter(|k| k != &Sr25519Keyring::One && k != &Sr25519Keyring::Two)
        .map(|k| k.to_account_id())
        .collect()
}

/// Types the node side needs without knowing the runtime's extrinsic format.
pub mod opaque {
    use super::*;
    use sp_runtime::traits::Hash as HashT;

    pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;
    /// Opaque block header type.
    pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
    /// Opaque block type.
    pub type Block = generic::Block<Header, UncheckedExtrinsic>;
    /// Opaque block hash type.
    pub type Hash = <BlakeTwo256 as HashT>::Output;
}
