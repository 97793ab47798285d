//! Ethereum's precompiled contracts 0x01–0x0a with their Cancun prices, where the engine accepts
//! EVM code: ecrecover, sha256, ripemd160, identity, modexp (EIP-2565), bn254 add, mul and
//! pairing (EIP-1108), blake2f (EIP-152) and the KZG point evaluation (EIP-4844).
//!
//! The implementations are revm's (`revm-precompile`, pure Rust without default features:
//! k256, aurora-engine-modexp, arkworks), which price each call from its input and refuse it
//! before computing anything when the gas does not cover the price.

use crate::{
    error::HaltReason,
    exec::{ExecStatus, FrameResult},
    types::Address,
};
use revm_precompile::{
    blake2, bn254, hash, identity, kzg_point_evaluation, modexp, secp256k1, EthPrecompileResult,
    PrecompileHalt,
};

/// Highest precompile address (KZG point evaluation, EIP-4844).
pub const LAST: u8 = 0x0a;

/// The precompile addresses, which EIP-2929 makes warm from the start of a transaction.
pub fn addresses() -> impl Iterator<Item = Address> {
    (1..=LAST).map(|id| {
        let mut address = [0u8; 20];
        address[19] = id;
        Address::from(address)
    })
}

/// Runs the precompile at `address`, or returns `None` if `address` is not one.
pub(crate) fn run(address: &Address, input: &[u8], gas: u64) -> Option<FrameResult> {
    let bytes = address.as_bytes();
    if bytes[..19].iter().any(|b| *b != 0) || !(1..=LAST).contains(&bytes[19]) {
        return None;
    }
    let result: EthPrecompileResult = match bytes[19] {
        0x01 => secp256k1::ec_recover_run(input, gas),
        0x02 => hash::sha256_run(input, gas),
        0x03 => hash::ripemd160_run(input, gas),
        0x04 => identity::identity_run(input, gas),
        0x05 => modexp::berlin_run(input, gas),
        0x06 => bn254::run_add(input, bn254::add::ISTANBUL_ADD_GAS_COST, gas),
        0x07 => bn254::run_mul(input, bn254::mul::ISTANBUL_MUL_GAS_COST, gas),
        0x08 => bn254::run_pair(
            input,
            bn254::pair::ISTANBUL_PAIR_PER_POINT,
            bn254::pair::ISTANBUL_PAIR_BASE,
            gas,
        ),
        0x09 => blake2::run(input, gas),
        _ => kzg_point_evaluation::run(input, gas),
    };
    Some(match result {
        Ok(output) => FrameResult {
            status: ExecStatus::Success,
            gas_left: gas - output.gas_used,
            output: output.bytes.to_vec(),
        },
        Err(PrecompileHalt::OutOfGas) => FrameResult::halt(HaltReason::OutOfGas),
        Err(_) => FrameResult::halt(HaltReason::PrecompileFailed),
    })
}
