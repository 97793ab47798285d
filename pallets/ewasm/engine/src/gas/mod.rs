//! Gas and weight: the EEI cost schedule, the per-frame gas meter, Cancun's state-access gas
//! for EVM frames and the weight meter beside gas.

pub mod access;
pub mod meter;
pub mod schedule;
pub mod weight;
