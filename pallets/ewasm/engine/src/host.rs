//! The boundary between the engine and the world state it runs against.

use crate::types::{Address, H256, U256};
use alloc::vec::Vec;

/// Block and transaction data visible to contracts through the EEI.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TxContext {
    /// `getTxOrigin`: the account that signed the transaction.
    pub origin: Address,
    /// `getTxGasPrice` (must fit in 128 bits).
    pub gas_price: U256,
    /// `getBlockCoinbase`.
    pub coinbase: Address,
    /// `getBlockNumber`.
    pub number: i64,
    /// `getBlockTimestamp`.
    pub timestamp: i64,
    /// `getBlockGasLimit`.
    pub gas_limit: i64,
    /// `getBlockDifficulty` (EVM: PREVRANDAO).
    pub difficulty: U256,
    /// The chain id EVM code reads with CHAINID.
    pub chain_id: u64,
    /// The base fee EVM code reads with BASEFEE.
    pub base_fee: U256,
    /// The blob base fee EVM code reads with BLOBBASEFEE (EIP-7516).
    pub blob_base_fee: U256,
    /// The transaction's blob versioned hashes, which BLOBHASH reads (EIP-4844).
    pub blob_hashes: Vec<H256>,
}

/// World state as the engine sees it. Implemented by the pallet (Substrate storage and
/// balances), by the state-test runner (an in-memory Ethereum state) and by [`crate::mock`].
///
/// State changes happen inside checkpoints: every frame opens one with [`Host::checkpoint`] and
/// closes it with exactly one of [`Host::commit`] or [`Host::revert`], innermost first.
pub trait Host {
    /// Balance of `address` (zero for accounts that do not exist).
    fn balance(&self, address: &Address) -> U256;
    /// Moves `value` from `from` to `to`, creating `to` if needed. A zero value still "touches"
    /// `to` (EIP-161).
    ///
    /// # Errors
    /// When `from` cannot pay `value` or the host cannot perform the transfer; nothing changes.
    fn transfer(&mut self, from: &Address, to: &Address, value: U256) -> Result<(), ()>;
    /// Whether `address` exists and is not empty in the EIP-161 sense (code, nonce or balance).
    fn account_exists(&self, address: &Address) -> bool;
    /// Code stored at `address` (empty for accounts without code).
    fn code(&self, address: &Address) -> Vec<u8>;
    /// Whether every code [`Host::code`] returns passed the engine's validation when it was
    /// stored ([`crate::prepare::validate_stored`] or, for created contracts,
    /// [`crate::prepare::validate_deployed`], under the configuration the engine runs with),
    /// so that frames parse it without validating it again, as pallet-contracts loads stored
    /// code. Hosts whose state may hold arbitrary code (test pre-states) keep the default.
    fn code_is_validated(&self) -> bool {
        false
    }
    /// Length of the code at `address`.
    fn code_len(&self, address: &Address) -> u32 {
        self.code(address).len() as u32
    }
    /// keccak256 of the code at `address` (of the empty code for accounts without code). Hosts
    /// that store the hash return it without reading the code.
    fn code_hash(&self, address: &Address) -> H256 {
        crate::address::keccak256(&self.code(address))
    }
    /// Installs `code` as the code of the newly created contract at `address`.
    fn set_code(&mut self, address: &Address, code: Vec<u8>);
    /// Nonce of `address`.
    fn nonce(&self, address: &Address) -> u64;
    /// Sets the nonce of `address`.
    fn set_nonce(&mut self, address: &Address, nonce: u64);
    /// Storage slot `key` of `address` (zero when unset).
    fn storage(&self, address: &Address, key: &H256) -> H256;
    /// Whether `address` has any non-zero storage slot (a creation there collides, EIP-7610).
    /// Hosts whose storage belongs to contracts with code or a nonce need not say.
    fn has_storage(&self, _address: &Address) -> bool {
        false
    }
    /// Writes storage slot `key` of `address`; writing zero clears the slot.
    fn set_storage(&mut self, address: &Address, key: &H256, value: &H256);
    /// Hash of block `number`, or `None` if it is not one of the 256 most recent blocks.
    fn block_hash(&self, number: u64) -> Option<H256>;
    /// Removes `address` with its code, storage and balance (end of a transaction that
    /// self-destructed it in favour of `beneficiary`, which got its balance already; a host
    /// that holds anything else for the account, such as storage deposits, gives it there).
    fn remove_account(&mut self, address: &Address, beneficiary: &Address);
    /// Opens a nested state checkpoint.
    fn checkpoint(&mut self);
    /// Keeps the changes since the innermost open checkpoint and closes it.
    fn commit(&mut self);
    /// Discards the changes since the innermost open checkpoint and closes it.
    fn revert(&mut self);
}
