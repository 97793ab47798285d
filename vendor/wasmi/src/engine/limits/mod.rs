mod engine;
mod stack;

#[cfg(test)]
mod tests;

pub use self::{
    engine::{EnforcedLimits, EnforcedLimitsError},
    stack::StackConfig,
};
