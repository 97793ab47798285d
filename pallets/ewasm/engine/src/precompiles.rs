//! Ethereum's precompiled contracts at addresses 0x01–0x0a, where the engine accepts EVM code
//! (Solidity calls `ecrecover`, `sha256` and `ripemd160` through them). Gas as on Cancun.
//!
//! Implemented: ecrecover (0x01), sha256 (0x02), ripemd160 (0x03), identity (0x04). The others
//! (modexp, the bn254 curve operations, blake2f, KZG point evaluation) fail like an exceptional
//! halt, so a contract that needs them sees a failed call instead of wrong output.

use crate::{
    address::keccak256,
    error::HaltReason,
    exec::{ExecStatus, FrameResult},
    gas::meter::copy_cost,
    types::Address,
};
use alloc::vec::Vec;
use k256::ecdsa::{RecoveryId, Signature, VerifyingKey};
use sha2::Digest as _;

/// Highest precompile address (KZG point evaluation, EIP-4844).
const LAST: u8 = 0x0a;

/// Runs the precompile at `address`, or returns `None` if `address` is not one. The price,
/// which follows from the input length alone, is charged before anything is computed.
pub(crate) fn run(address: &Address, input: &[u8], gas: u64) -> Option<FrameResult> {
    let bytes = address.as_bytes();
    if bytes[..19].iter().any(|b| *b != 0) || !(1..=LAST).contains(&bytes[19]) {
        return None;
    }
    let id = bytes[19];
    let len = u32::try_from(input.len()).unwrap_or(u32::MAX);
    let cost = match id {
        0x01 => 3_000,
        0x02 => copy_cost(60, 12, len),
        0x03 => copy_cost(600, 120, len),
        0x04 => copy_cost(15, 3, len),
        _ => return Some(FrameResult::halt(HaltReason::UnsupportedPrecompile)),
    };
    let Some(gas_left) = gas.checked_sub(cost) else {
        return Some(FrameResult::halt(HaltReason::OutOfGas));
    };
    let output = match id {
        0x01 => ecrecover(input),
        0x02 => sha2::Sha256::digest(input).to_vec(),
        0x03 => {
            let mut word = [0u8; 32];
            word[12..].copy_from_slice(&ripemd::Ripemd160::digest(input));
            word.to_vec()
        }
        _ => input.to_vec(),
    };
    Some(FrameResult {
        status: ExecStatus::Success,
        gas_left,
        output,
    })
}

/// The address that signed a hash (input: hash, v, r, s as 32-byte words, zero-padded), as a
/// 32-byte word; empty output for an invalid signature.
fn ecrecover(input: &[u8]) -> Vec<u8> {
    let mut padded = [0u8; 128];
    let len = input.len().min(128);
    padded[..len].copy_from_slice(&input[..len]);
    let (hash, v, rs) = (&padded[..32], &padded[32..64], &padded[64..128]);
    if v[..31].iter().any(|b| *b != 0) || !(27..=28).contains(&v[31]) {
        return Vec::new();
    }
    let Some(mut recovery) = RecoveryId::from_byte(v[31] - 27) else {
        return Vec::new();
    };
    let Ok(mut signature) = Signature::from_slice(rs) else {
        return Vec::new();
    };
    // Ethereum accepts high-s signatures; k256 verifies only low-s ones.
    if let Some(normalized) = signature.normalize_s() {
        signature = normalized;
        recovery = RecoveryId::new(!recovery.is_y_odd(), recovery.is_x_reduced());
    }
    let Ok(key) = VerifyingKey::recover_from_prehash(hash, &signature, recovery) else {
        return Vec::new();
    };
    let point = key.to_encoded_point(false);
    let mut word = [0u8; 32];
    word[12..].copy_from_slice(&keccak256(&point.as_bytes()[1..]).as_bytes()[12..]);
    word.to_vec()
}
