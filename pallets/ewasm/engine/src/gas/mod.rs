//! Gas: the EEI cost schedule and the per-frame meter.

pub mod meter;
pub mod schedule;
