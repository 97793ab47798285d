//! The weight meter: work a transaction makes the chain do that is not contract gas — loading
//! and translating EVM code per frame, reading whole code for EXTCODECOPY — counted beside gas
//! in gas-equivalent units of the schedule (`evm_frame`, `evm_translation`, `evm_jumpdest`,
//! `evm_module_byte`, `code_load_byte`), so that EVM gas stays Ethereum's. Its limit comes from
//! the caller (the pallet reserves weight for it); a frame whose loading would exceed it does
//! not run.
//!
//! It also counts the *state-access gas*: the part of the gas of storage and account accesses
//! above a warm access (a cold SLOAD's 2000 of 2100, an SSTORE's 2800 of 2900 or 19,900 of
//! 20,000). That gas prices database work the chain's `DbWeight` accounts for, far below what
//! the same gas of computation costs, so the chain may weigh it at a lower rate; every access
//! keeps a warm access's worth at the rate of computation. Proof size is not weighed from gas:
//! see [`crate::gas::proof`].

use crate::{error::HaltReason, gas::access::WARM_ACCESS};

/// The state-access part of `gas` charged for one storage or account access.
pub fn state_part(gas: u64) -> u64 {
    gas.saturating_sub(WARM_ACCESS)
}

/// Units used and the most that may be used, and the state-access gas charged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeightMeter {
    used: u64,
    limit: u64,
    state_gas: u64,
}

impl Default for WeightMeter {
    /// Unlimited (the conformance runner, hera-compatible use).
    fn default() -> Self {
        Self::new(u64::MAX)
    }
}

impl WeightMeter {
    /// A meter allowing `limit` units.
    pub fn new(limit: u64) -> Self {
        Self {
            used: 0,
            limit,
            state_gas: 0,
        }
    }

    /// State-access gas charged so far (see the module's documentation), in every frame,
    /// reverted or not: the work was done.
    pub fn state_gas(&self) -> u64 {
        self.state_gas
    }

    /// Counts the state-access part of `gas` that a storage or account access charged.
    pub fn record_state_access(&mut self, gas: u64) {
        self.add_state_gas(state_part(gas));
    }

    /// Counts `gas` as state-access gas as a whole (the rest of an access already recorded).
    pub fn add_state_gas(&mut self, gas: u64) {
        self.state_gas = self.state_gas.saturating_add(gas);
    }

    /// Units used so far.
    pub fn used(&self) -> u64 {
        self.used
    }

    /// Whether a charge has been refused.
    pub fn exhausted(&self) -> bool {
        self.used > self.limit
    }

    /// Adds `amount`.
    ///
    /// # Errors
    /// [`HaltReason::OutOfWeight`] if that exceeds the limit; the meter then stays exhausted,
    /// so that the caller can abort the whole transaction.
    pub fn charge(&mut self, amount: u64) -> Result<(), HaltReason> {
        self.used = self.used.saturating_add(amount);
        if self.used > self.limit {
            return Err(HaltReason::OutOfWeight);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_charge_leaves_the_meter_exhausted() {
        let mut meter = WeightMeter::new(10);
        assert_eq!(meter.charge(10), Ok(()));
        assert!(!meter.exhausted());
        assert_eq!(meter.charge(1), Err(HaltReason::OutOfWeight));
        assert!(meter.exhausted());
        assert_eq!(meter.used(), 11);
    }

    #[test]
    fn a_warm_access_worth_of_each_access_is_not_state_gas() {
        let mut meter = WeightMeter::new(10);
        meter.record_state_access(2_100);
        meter.record_state_access(100);
        meter.record_state_access(20_000);
        assert_eq!(meter.state_gas(), 2_000 + 19_900);
        assert_eq!(meter.used(), 0, "state gas is gas, not weight-meter units");
    }
}
