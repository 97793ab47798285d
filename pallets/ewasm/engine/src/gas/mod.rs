//! Gas and weight: the EEI cost schedule, the per-frame gas meter, Cancun's state-access gas
//! for EVM frames, the weight and proof meters beside gas and a transaction's gas around its
//! message.

pub mod access;
pub mod meter;
pub mod proof;
pub mod schedule;
pub mod transaction;
pub mod weight;
