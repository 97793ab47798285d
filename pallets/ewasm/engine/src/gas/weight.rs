//! The weight meter: work a transaction makes the chain do that is not contract gas — loading
//! and translating EVM code per frame, reading whole code for EXTCODECOPY — counted beside gas
//! in gas-equivalent units of the schedule (`evm_frame`, `evm_translation`, `evm_jumpdest`,
//! `code_load_byte`), so that EVM gas stays Ethereum's. Its limit comes from the caller (the
//! pallet reserves weight for it); a frame whose loading would exceed it does not run.

use crate::error::HaltReason;

/// Units used and the most that may be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeightMeter {
    used: u64,
    limit: u64,
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
        Self { used: 0, limit }
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
}
