//! The gas meter of one execution frame.

use crate::error::HaltReason;

/// Gas left in one frame. Charging more than is left is an out-of-gas halt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GasMeter {
    left: u64,
}

impl GasMeter {
    /// A meter holding `gas`.
    pub fn new(gas: u64) -> Self {
        Self { left: gas }
    }

    /// Gas still available.
    pub fn left(&self) -> u64 {
        self.left
    }

    /// Takes `amount`.
    ///
    /// # Errors
    /// [`HaltReason::OutOfGas`] if less than `amount` is left; the meter is then unchanged.
    pub fn charge(&mut self, amount: u64) -> Result<(), HaltReason> {
        self.left = self.left.checked_sub(amount).ok_or(HaltReason::OutOfGas)?;
        Ok(())
    }

    /// Gives back gas a child frame did not use.
    pub fn refund(&mut self, amount: u64) {
        self.left = self.left.saturating_add(amount);
    }
}

/// Cost of copying `len` bytes: `base + per_word * ceil(len / 32)`.
pub fn copy_cost(base: u64, per_word: u64, len: u32) -> u64 {
    base + per_word * (u64::from(len).div_ceil(32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charge_fails_without_changing_meter() {
        let mut meter = GasMeter::new(10);
        assert_eq!(meter.charge(4), Ok(()));
        assert_eq!(meter.charge(7), Err(HaltReason::OutOfGas));
        assert_eq!(meter.left(), 6);
    }

    #[test]
    fn copy_cost_rounds_words_up() {
        assert_eq!(copy_cost(3, 3, 0), 3);
        assert_eq!(copy_cost(3, 3, 1), 6);
        assert_eq!(copy_cost(3, 3, 32), 6);
        assert_eq!(copy_cost(3, 3, 33), 9);
        assert_eq!(copy_cost(3, 3, u32::MAX), 3 + 3 * 134_217_728);
    }
}
