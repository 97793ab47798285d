//! The rule between Substrate accounts (`AccountId32`) and 20-byte Ewasm addresses.
//!
//! - An account whose last 12 bytes are all `0xEE` is the *fallback account* of the address in
//!   its first 20 bytes: contracts and Ethereum-side addresses hold their balance there.
//! - Any other account's address is `keccak256(account)[12..]`. The pallet records the account
//!   under that address the first time the account uses the pallet, so value sent to the address
//!   (which `getCaller` reports) reaches that same account, never a key nobody holds.

use ewasm_engine::address::keccak256;
use sp_core::H160;
use sp_runtime::AccountId32;

/// Maps accounts to addresses and addresses to their fallback accounts.
pub trait AddressMapper<AccountId> {
    /// The address of `account`.
    fn to_address(account: &AccountId) -> H160;
    /// The account of `address` when no Substrate account is recorded for it.
    fn to_fallback_account(address: &H160) -> AccountId;
    /// Whether `account` is the fallback account of its address (nothing to record).
    fn is_fallback(account: &AccountId) -> bool;
}

/// The suffix marking fallback accounts.
const FALLBACK_SUFFIX: [u8; 12] = [0xEE; 12];

/// The rule above, for `AccountId32`.
pub struct EeSuffixMapper;

impl AddressMapper<AccountId32> for EeSuffixMapper {
    fn to_address(account: &AccountId32) -> H160 {
        let bytes: &[u8; 32] = account.as_ref();
        if Self::is_fallback(account) {
            H160::from_slice(&bytes[..20])
        } else {
            H160::from_slice(&keccak256(bytes).as_bytes()[12..])
        }
    }

    fn to_fallback_account(address: &H160) -> AccountId32 {
        let mut bytes = [0u8; 32];
        bytes[..20].copy_from_slice(address.as_bytes());
        bytes[20..].copy_from_slice(&FALLBACK_SUFFIX);
        AccountId32::new(bytes)
    }

    fn is_fallback(account: &AccountId32) -> bool {
        let bytes: &[u8; 32] = account.as_ref();
        bytes[20..] == FALLBACK_SUFFIX
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_accounts_round_trip() {
        let address = H160::repeat_byte(0x42);
        let account = EeSuffixMapper::to_fallback_account(&address);
        assert!(EeSuffixMapper::is_fallback(&account));
        assert_eq!(EeSuffixMapper::to_address(&account), address);
    }

    #[test]
    fn substrate_accounts_hash_to_their_address() {
        let account = AccountId32::new([1u8; 32]);
        assert!(!EeSuffixMapper::is_fallback(&account));
        let address = EeSuffixMapper::to_address(&account);
        assert_eq!(address.as_bytes(), &keccak256(&[1u8; 32]).as_bytes()[12..]);
        assert_ne!(EeSuffixMapper::to_fallback_account(&address), account);
    }
}
