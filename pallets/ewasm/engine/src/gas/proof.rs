//! The proof meter: the state a transaction reads, which a parachain's validators receive with
//! the block (its proof of validity). It counts each item once per transaction, as the proof
//! recorder does (a reverted frame's reads stay recorded), at what the caller says one read of
//! each kind puts into the proof, and refuses reads beyond its limit *before* they happen, so
//! that what a transaction records never exceeds what was reserved for it.
//!
//! Gas does not bound proof: an Ewasm `storageLoad` costs 200 gas and an EVM `BLOCKHASH` 20,
//! while each puts a trie path into the proof. Unmetered (the default: no costs) it records
//! nothing and refuses nothing.

use crate::{
    error::HaltReason,
    types::{Address, H256},
};
use alloc::collections::BTreeSet;

/// What one read of each kind of state puts into the proof, in bytes (a chain's benchmarked
/// worst case for the items its host reads for it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProofCosts {
    /// One storage slot, or one block hash.
    pub item: u64,
    /// One byte of code.
    pub code_byte: u64,
    /// What locates a contract's code and storage: its code hash and length, its storage's id.
    pub contract: u64,
    /// An account's balance, and what settling its storage deposit reads.
    pub balance: u64,
    /// An account's nonce.
    pub nonce: u64,
}

/// One item of state, read at most once into a transaction's proof.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Read {
    /// See [`ProofCosts::contract`].
    Contract(Address),
    /// See [`ProofCosts::balance`].
    Balance(Address),
    /// See [`ProofCosts::nonce`].
    Nonce(Address),
    /// A storage slot.
    Slot(Address, H256),
    /// A contract's code.
    Code(Address),
    /// The hash of a block.
    BlockHash(u64),
}

/// Proof bytes charged and the most that may be charged, and what has been read.
#[derive(Clone, Debug)]
pub struct ProofMeter {
    costs: ProofCosts,
    used: u64,
    limit: u64,
    /// Only what was charged: each entry took at least the smallest cost from the limit, so
    /// the limit bounds its size.
    read: BTreeSet<Read>,
}

impl Default for ProofMeter {
    /// Unmetered (the conformance runner, hera-compatible use).
    fn default() -> Self {
        Self::new(ProofCosts::default(), u64::MAX)
    }
}

impl ProofMeter {
    /// A meter charging `costs` and allowing `limit` bytes.
    pub fn new(costs: ProofCosts, limit: u64) -> Self {
        Self {
            costs,
            used: 0,
            limit,
            read: BTreeSet::new(),
        }
    }

    /// Proof bytes charged so far.
    pub fn used(&self) -> u64 {
        self.used
    }

    /// Whether a read has been refused.
    pub fn exhausted(&self) -> bool {
        self.used > self.limit
    }

    /// Whether code bytes are charged (so that the caller needs a code's length before reading
    /// it).
    pub fn meters_code(&self) -> bool {
        self.costs.code_byte > 0
    }

    /// Charges `read` unless it was read before in this transaction. A [`Read::Code`] is
    /// charged with [`Self::charge_code`] instead.
    ///
    /// # Errors
    /// [`HaltReason::OutOfWeight`] if that exceeds the limit; the meter then stays exhausted,
    /// so that the caller can abort the whole transaction.
    pub fn charge(&mut self, read: Read) -> Result<(), HaltReason> {
        let cost = match read {
            Read::Contract(_) => self.costs.contract,
            Read::Balance(_) => self.costs.balance,
            Read::Nonce(_) => self.costs.nonce,
            Read::Slot(..) | Read::BlockHash(_) => self.costs.item,
            Read::Code(_) => 0,
        };
        self.charge_once(read, cost)
    }

    /// Charges `len` bytes of the code at `address` unless it was read before.
    ///
    /// # Errors
    /// As [`Self::charge`].
    pub fn charge_code(&mut self, address: Address, len: u32) -> Result<(), HaltReason> {
        let cost = self.costs.code_byte.saturating_mul(u64::from(len));
        self.charge_once(Read::Code(address), cost)
    }

    /// Charges `len` bytes of code the caller read from the state itself (stored init code),
    /// without remembering it.
    ///
    /// # Errors
    /// As [`Self::charge`].
    pub fn charge_code_read_by_caller(&mut self, len: u32) -> Result<(), HaltReason> {
        self.add(self.costs.code_byte.saturating_mul(u64::from(len)))
    }

    /// Charges `cost` for `read` unless it was read before; remembers only what it charged
    /// (unmetered, every cost is 0).
    fn charge_once(&mut self, read: Read, cost: u64) -> Result<(), HaltReason> {
        if self.exhausted() {
            return Err(HaltReason::OutOfWeight);
        }
        if cost == 0 || self.read.contains(&read) {
            return Ok(());
        }
        self.add(cost)?;
        self.read.insert(read);
        Ok(())
    }

    /// Adds `cost`, refused once the meter is or becomes exhausted.
    fn add(&mut self, cost: u64) -> Result<(), HaltReason> {
        if self.exhausted() {
            return Err(HaltReason::OutOfWeight);
        }
        self.used = self.used.saturating_add(cost);
        if self.exhausted() {
            return Err(HaltReason::OutOfWeight);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COSTS: ProofCosts = ProofCosts {
        item: 100,
        code_byte: 1,
        contract: 200,
        balance: 300,
        nonce: 50,
    };

    #[test]
    fn each_item_is_charged_once_per_transaction() {
        let mut meter = ProofMeter::new(COSTS, 10_000);
        let (a, b) = (Address::repeat_byte(1), Address::repeat_byte(2));
        for _ in 0..3 {
            meter.charge(Read::Contract(a)).unwrap();
            meter.charge(Read::Balance(a)).unwrap();
            meter.charge(Read::Nonce(a)).unwrap();
            meter.charge(Read::Slot(a, H256::zero())).unwrap();
            meter.charge_code(a, 1_000).unwrap();
        }
        meter.charge(Read::Slot(b, H256::zero())).unwrap();
        meter.charge(Read::BlockHash(7)).unwrap();
        assert_eq!(meter.used(), 200 + 300 + 50 + 100 + 1_000 + 100 + 100);
    }

    #[test]
    fn a_read_beyond_the_limit_is_refused_and_the_meter_stays_exhausted() {
        let mut meter = ProofMeter::new(COSTS, 650);
        let a = Address::repeat_byte(1);
        meter.charge(Read::Balance(a)).unwrap();
        meter.charge(Read::Contract(a)).unwrap();
        meter.charge(Read::Slot(a, H256::zero())).unwrap();
        assert_eq!(
            meter.charge(Read::Slot(a, H256::repeat_byte(1))),
            Err(HaltReason::OutOfWeight)
        );
        assert!(meter.exhausted());
        // Even what was read before is refused now: the transaction is over.
        assert_eq!(meter.charge(Read::Balance(a)), Err(HaltReason::OutOfWeight));
        assert_eq!(
            meter.charge_code(a, 2_000),
            Err(HaltReason::OutOfWeight),
            "code is refused before it is read"
        );
    }

    #[test]
    fn unmetered_charges_nothing_and_remembers_nothing() {
        let mut meter = ProofMeter::default();
        for n in 0..100 {
            meter.charge(Read::BlockHash(n)).unwrap();
        }
        meter.charge_code(Address::zero(), u32::MAX).unwrap();
        assert_eq!(meter.used(), 0);
        assert!(meter.read.is_empty());
    }
}
