//! The weight meter: what a transaction makes the chain do, in the chain's `ref_time`, with a
//! limit the caller reserved. It counts
//! - the gas frames charge (computation, EEI costs) at [`WeightRates::gas`], except that the
//!   *state-access gas* — the part of a storage or account access above a warm access (a cold
//!   SLOAD's 2000 of 2100, an SSTORE's 2800 of 2900 or 19,900 of 20,000) and a creation's code
//!   deposit — is counted at [`WeightRates::state_gas`]: it prices database work the chain's
//!   `DbWeight` accounts for, far below what the same gas of computation costs;
//! - work that is not contract gas — setting up an EVM frame and analysing its code, reading
//!   whole code for EXTCODECOPY, copying call data — in gas-equivalent *units* of the schedule
//!   (`evm_frame`, `evm_analysis_byte`, `code_load_byte`, `data_word`) at
//!   [`WeightRates::unit`], so that EVM gas stays Ethereum's.
//!
//! Gas bounds what a contract may do; the weight limit bounds what the chain can afford, which
//! may be less: a transaction whose gas limit is above what a block can compute runs until its
//! work reaches the limit and is then refused as a whole ([`HaltReason::OutOfWeight`]), so
//! that its gas limit may cover what is cheap to the chain (storage, code deposits) without
//! reserving a block's worth of computation for every unit of it. Proof size is metered apart:
//! see [`crate::gas::proof`].

use crate::{
    error::HaltReason,
    gas::access::{COLD_SLOAD, WARM_ACCESS},
};

/// What one read of state weighs, in state-access gas (see [`WeightMeter::charge_read`]).
pub const STATE_READ: u64 = COLD_SLOAD - WARM_ACCESS;

/// The state-access part of `gas` charged for one storage or account access.
pub fn state_part(gas: u64) -> u64 {
    gas.saturating_sub(WARM_ACCESS)
}

/// What one unit of each kind the meter counts weighs, in the chain's `ref_time`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeightRates {
    /// A unit of gas that is not state-access gas.
    pub gas: u64,
    /// A unit of state-access gas (at most `gas`).
    pub state_gas: u64,
    /// A weight-meter unit (loading code).
    pub unit: u64,
}

impl WeightRates {
    /// Only weight-meter units, one each: the meter's limit is then in units (the conformance
    /// runner, hera-compatible use).
    pub const UNITS_ONLY: Self = Self {
        gas: 0,
        state_gas: 0,
        unit: 1,
    };
}

/// Weight used and the most that may be used, and what was counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WeightMeter {
    used: u64,
    limit: u64,
    rates: WeightRates,
    units: u64,
    state_gas: u64,
    reads: u64,
    exhausted: bool,
}

impl Default for WeightMeter {
    /// Unlimited, counting units only (the conformance runner, hera-compatible use).
    fn default() -> Self {
        Self::new(u64::MAX, WeightRates::UNITS_ONLY)
    }
}

impl WeightMeter {
    /// A meter allowing `limit`, counting at `rates`.
    pub fn new(limit: u64, rates: WeightRates) -> Self {
        Self {
            used: 0,
            limit,
            rates,
            units: 0,
            state_gas: 0,
            reads: 0,
            exhausted: false,
        }
    }

    /// Weight used so far (`ref_time`), in every frame, reverted or not: the work was done.
    pub fn used(&self) -> u64 {
        self.used
    }

    /// Weight-meter units charged so far.
    pub fn units(&self) -> u64 {
        self.units
    }

    /// State-access gas charged so far (see the module's documentation).
    pub fn state_gas(&self) -> u64 {
        self.state_gas
    }

    /// Reads of state counted so far (see [`Self::charge_read`]).
    pub fn reads(&self) -> u64 {
        self.reads
    }

    /// Whether a charge has been refused (the caller must then abort the whole transaction).
    pub fn exhausted(&self) -> bool {
        self.exhausted
    }

    /// Marks the meter exhausted: work was refused for the limit outside a charge (wasm code
    /// whose fuel the limit bounded).
    pub fn exhaust(&mut self) {
        self.exhausted = true;
    }

    /// The gas that may still be charged before the limit is reached.
    pub fn gas_within_limit(&self) -> u64 {
        match self.rates.gas {
            0 => u64::MAX,
            rate => self.limit.saturating_sub(self.used) / rate,
        }
    }

    /// Counts `units` weight-meter units.
    ///
    /// # Errors
    /// [`HaltReason::OutOfWeight`] beyond the limit; the meter then stays exhausted, so that
    /// the caller can abort the whole transaction.
    pub fn charge(&mut self, units: u64) -> Result<(), HaltReason> {
        self.units = self.units.saturating_add(units);
        self.add(units.saturating_mul(self.rates.unit))
    }

    /// Counts `gas` a frame charged that is not state-access gas.
    ///
    /// # Errors
    /// As [`Self::charge`].
    pub fn charge_gas(&mut self, gas: u64) -> Result<(), HaltReason> {
        self.add(gas.saturating_mul(self.rates.gas))
    }

    /// Counts the gas of one storage or account access: a warm access's worth as gas, the rest
    /// as state-access gas.
    ///
    /// # Errors
    /// As [`Self::charge`].
    pub fn charge_state_access(&mut self, gas: u64) -> Result<(), HaltReason> {
        let state = state_part(gas);
        self.charge_gas(gas - state)?;
        self.charge_state_gas(state)
    }

    /// Counts `gas` as state-access gas as a whole (the rest of an access already counted, a
    /// code deposit).
    ///
    /// # Errors
    /// As [`Self::charge`].
    pub fn charge_state_gas(&mut self, gas: u64) -> Result<(), HaltReason> {
        self.state_gas = self.state_gas.saturating_add(gas);
        self.add(gas.saturating_mul(self.rates.state_gas))
    }

    /// Counts one read of an item of state from the host, as a cold SLOAD's state-access part
    /// (whose benchmark measures such a read): every read that reaches the host's storage, warm
    /// access or cold, while a warm access's gas prices it as computation (a value the
    /// transaction read before comes from the executor's cache and is not counted). Not
    /// state-access gas a frame charged, so not in [`Self::state_gas`].
    ///
    /// # Errors
    /// As [`Self::charge`].
    pub fn charge_read(&mut self) -> Result<(), HaltReason> {
        self.reads = self.reads.saturating_add(1);
        self.add(STATE_READ.saturating_mul(self.rates.state_gas))
    }

    fn add(&mut self, weight: u64) -> Result<(), HaltReason> {
        self.used = self.used.saturating_add(weight);
        if self.used > self.limit {
            self.exhausted = true;
            return Err(HaltReason::OutOfWeight);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RATES: WeightRates = WeightRates {
        gas: 100,
        state_gas: 10,
        unit: 50,
    };

    #[test]
    fn a_refused_charge_leaves_the_meter_exhausted() {
        let mut meter = WeightMeter::new(10, WeightRates::UNITS_ONLY);
        assert_eq!(meter.charge(10), Ok(()));
        assert!(!meter.exhausted());
        assert_eq!(meter.charge(1), Err(HaltReason::OutOfWeight));
        assert!(meter.exhausted());
        assert_eq!((meter.used(), meter.units()), (11, 11));
    }

    #[test]
    fn each_kind_is_counted_at_its_rate() {
        let mut meter = WeightMeter::new(u64::MAX, RATES);
        meter.charge(3).unwrap();
        meter.charge_gas(7).unwrap();
        meter.charge_state_gas(1_000).unwrap();
        assert_eq!(meter.used(), 3 * 50 + 7 * 100 + 1_000 * 10);
        assert_eq!((meter.units(), meter.state_gas()), (3, 1_000));
    }

    #[test]
    fn a_warm_access_worth_of_each_access_is_not_state_gas() {
        let mut meter = WeightMeter::new(u64::MAX, RATES);
        meter.charge_state_access(2_100).unwrap();
        meter.charge_state_access(100).unwrap();
        meter.charge_state_access(20_000).unwrap();
        assert_eq!(meter.state_gas(), 2_000 + 19_900);
        assert_eq!(meter.used(), 3 * 100 * 100 + (2_000 + 19_900) * 10);
        assert_eq!(meter.units(), 0, "state gas is gas, not weight-meter units");
    }

    #[test]
    fn every_read_is_weighed_as_a_cold_reads_state_access_beside_any_gas() {
        let mut meter = WeightMeter::new(u64::MAX, RATES);
        meter.charge_read().unwrap();
        meter.charge_read().unwrap();
        assert_eq!(meter.used(), 2 * STATE_READ * RATES.state_gas);
        assert_eq!(meter.reads(), 2);
        assert_eq!(meter.state_gas(), 0, "not state-access gas a frame charged");
    }

    #[test]
    fn the_gas_within_the_limit_is_what_the_rest_of_it_buys() {
        let mut meter = WeightMeter::new(1_000, RATES);
        meter.charge(2).unwrap();
        assert_eq!(meter.gas_within_limit(), 9);
        assert_eq!(meter.charge_gas(10), Err(HaltReason::OutOfWeight));
        assert_eq!(meter.gas_within_limit(), 0);
        assert_eq!(
            WeightMeter::default().gas_within_limit(),
            u64::MAX,
            "gas is not counted without a rate"
        );
    }
}
