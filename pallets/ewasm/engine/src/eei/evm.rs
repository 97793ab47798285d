//! Host extensions for translated EVM code (import namespace `evm`): what the EEI lacks or
//! what would be slow as interpreted wasm. Uploaded Ewasm contracts cannot import them.
//!
//! Stack words are 32 big-endian bytes in the module's memory, as the EVM keeps them.

use super::{calls, memory};
use crate::{
    address::keccak256,
    arith,
    error::HaltReason,
    exec::CreateScheme,
    gas::{
        access::{sstore_cost, COLD_ACCOUNT_ACCESS, COLD_SLOAD, SSTORE_STIPEND_GUARD, WARM_ACCESS},
        meter::copy_cost,
    },
    host::Host,
    runtime::{with_frame, Frame, Stop},
    types::{H256, U256},
};
use wasmi::{Caller, Error};

type Ctx<'c, 'f, H> = Caller<'c, Frame<'f, H>>;

/// Gas per 32-byte word hashed (KECCAK256, CREATE2's init code hash).
const KECCAK_WORD: u64 = 6;

fn read_word(mem: &[u8], offset: u32) -> Result<U256, HaltReason> {
    Ok(U256::from_big_endian(memory::read(mem, offset, 32)?))
}

fn write_word(mem: &mut [u8], offset: u32, value: U256) -> Result<(), HaltReason> {
    memory::write(mem, offset, &value.to_big_endian())
}

/// `u256(opcode, sp) -> sp`: applies an arithmetic, comparison or bit opcode to the top of the
/// stack ending at `sp` and returns the new stack pointer. EXP charges its per-byte cost here.
pub(crate) fn u256<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    opcode: u32,
    sp: u32,
) -> Result<u32, Error> {
    with_frame(&mut caller, |mem, frame| {
        let opcode = u8::try_from(opcode).map_err(|_| HaltReason::ArgumentOutOfRange)?;
        let arity = arith::arity(opcode).ok_or(HaltReason::ArgumentOutOfRange)?;
        let mut args = [U256::zero(); 3];
        for (i, arg) in args.iter_mut().take(arity).enumerate() {
            let offset = sp
                .checked_sub(32 * (i as u32 + 1))
                .ok_or(HaltReason::InvalidMemoryAccess)?;
            *arg = read_word(mem, offset)?;
        }
        if opcode == 0x0a {
            frame.charge_gas(arith::exp_byte_cost(&args[1]))?;
        }
        let result_at = sp - 32 * arity as u32;
        write_word(mem, result_at, arith::apply(opcode, &args[..arity]))?;
        Ok(result_at + 32)
    })
}

/// `keccak256(offset, length, result)`: 6 gas per word, then the hash of memory.
pub(crate) fn keccak<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    offset: u32,
    len: u32,
    result: u32,
) -> Result<(), Error> {
    with_frame(&mut caller, |mem, frame| {
        frame.charge_gas(copy_cost(0, KECCAK_WORD, len))?;
        let hash = keccak256(memory::read(mem, offset, len)?);
        Ok(memory::write(mem, result, hash.as_bytes())?)
    })
}

/// `create2(value, data, length, salt, result) -> status`: as the EEI's `create`, at the
/// CREATE2 address; hashing the init code costs 6 gas per word.
pub(crate) fn create2<H: Host + 'static>(
    mut caller: Ctx<'_, '_, H>,
    value: u32,
    data: u32,
    len: u32,
    salt: u32,
    result: u32,
) -> Result<u32, Error> {
    with_frame(&mut caller, |mem, frame| {
        frame.charge_gas(copy_cost(0, KECCAK_WORD, len))?;
        let salt = memory::read_bytes32(mem, salt)?;
        calls::create_with(
            mem,
            frame,
            value,
            data,
            len,
            result,
            CreateScheme::Salted(salt),
        )
    })
}

/// `externalCodeHash(address, result)`: keccak256 of the account's code (of the EVM bytecode
/// for translated contracts), zero for an account that does not exist (EIP-1052).
pub(crate) fn external_code_hash<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    address: u32,
    result: u32,
) -> Result<(), Error> {
    with_frame(&mut caller, |mem, frame| {
        let address = memory::read_address(mem, address)?;
        let hash = if frame.exec.account_exists(&address)? {
            frame.exec.code_hash(&address)?
        } else {
            H256::zero()
        };
        Ok(memory::write(mem, result, hash.as_bytes())?)
    })
}

/// `tload(key, result)`: transient storage of the running contract (EIP-1153).
pub(crate) fn tload<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    key: u32,
    result: u32,
) -> Result<(), Error> {
    with_frame(&mut caller, |mem, frame| {
        let key = memory::read_bytes32(mem, key)?;
        let value = frame.exec.transient(&frame.msg.address, &key);
        Ok(memory::write(mem, result, value.as_bytes())?)
    })
}

/// `tstore(key, value)`: writes transient storage; forbidden in static mode.
pub(crate) fn tstore<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    key: u32,
    value: u32,
) -> Result<(), Error> {
    with_frame(&mut caller, |mem, frame| {
        if frame.msg.is_static {
            return Err(HaltReason::StaticModeViolation.into());
        }
        let key = memory::read_bytes32(mem, key)?;
        let value = memory::read_bytes32(mem, value)?;
        let address = frame.msg.address;
        frame.exec.set_transient(address, key, value);
        Ok(())
    })
}

/// `blockValue(which, result)`: 0 chain id, 1 base fee, 2 blob base fee, as a 32-byte
/// big-endian word.
pub(crate) fn block_value<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    which: u32,
    result: u32,
) -> Result<(), Error> {
    with_frame(&mut caller, |mem, frame| {
        let value = match which {
            0 => U256::from(frame.exec.tx.chain_id),
            1 => frame.exec.tx.base_fee,
            2 => frame.exec.tx.blob_base_fee,
            _ => return Err(HaltReason::ArgumentOutOfRange.into()),
        };
        Ok(write_word(mem, result, value)?)
    })
}

/// `accountAccess(address)`: what touching an account costs (EIP-2929: 2600 the first time in
/// the transaction, 100 after), charged by BALANCE, EXTCODE*, CALL* and SELFDESTRUCT's
/// beneficiary.
pub(crate) fn account_access<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    address: u32,
) -> Result<(), Error> {
    with_frame(&mut caller, |mem, frame| {
        let address = memory::read_address(mem, address)?;
        let cost = frame.exec.access.access_account(address);
        Ok(frame.charge_state_access(cost)?)
    })
}

/// `enterSection(section)`: `main` enters `section` for the first time in this frame; charges
/// the weight meter for compiling it, before wasmi does. A section the module does not have
/// halts the frame, as the `call_indirect` into it would trap.
pub(crate) fn enter_section<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    section: u32,
) -> Result<(), Error> {
    with_frame(&mut caller, |_, frame| {
        let size = *frame
            .section_sizes
            .get(section as usize)
            .ok_or(HaltReason::WasmTrap)?;
        let units = frame.exec.config.schedule.evm_module_cost(size as usize);
        Ok(frame.exec.weight.charge(units)?)
    })
}

/// `sload(key, result)`: SLOAD, 2100 for a cold slot, 100 for a warm one.
pub(crate) fn sload<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    key: u32,
    result: u32,
) -> Result<(), Error> {
    with_frame(&mut caller, |mem, frame| {
        let key = memory::read_bytes32(mem, key)?;
        let address = frame.msg.address;
        let cold = frame.exec.access.access_slot(address, key);
        frame.charge_state_access(if cold { COLD_SLOAD } else { WARM_ACCESS })?;
        let value = frame.exec.storage(&address, &key)?;
        Ok(memory::write(mem, result, value.as_bytes())?)
    })
}

/// `sstore(key, value)`: SSTORE as on Cancun (EIP-2200 against the slot's original value,
/// EIP-2929's cold surcharge, EIP-3529's refunds); needs more than 2300 gas left.
pub(crate) fn sstore<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    key: u32,
    value: u32,
) -> Result<(), Error> {
    with_frame(&mut caller, |mem, frame| {
        if frame.msg.is_static {
            return Err(HaltReason::StaticModeViolation.into());
        }
        if frame.gas.left() <= SSTORE_STIPEND_GUARD {
            return Err(HaltReason::OutOfGas.into());
        }
        let key = memory::read_bytes32(mem, key)?;
        let new = memory::read_bytes32(mem, value)?;
        let address = frame.msg.address;
        let cold = frame.exec.access.access_slot(address, key);
        let current = frame.exec.storage(&address, &key)?;
        let original = frame.exec.access.original(&address, &key, current);
        let (cost, refund) = sstore_cost(original, current, new);
        frame.charge_state_access(cost + if cold { COLD_SLOAD } else { 0 })?;
        frame.exec.add_refund(refund);
        if current != new {
            frame.exec.write_storage(&address, &key, &new)?;
        }
        Ok(())
    })
}

/// `blobHash(index)`: replaces the word at `index` with the transaction's blob versioned hash
/// at that index, or zero past the last one (BLOBHASH, EIP-4844).
pub(crate) fn blob_hash<H: Host>(mut caller: Ctx<'_, '_, H>, index: u32) -> Result<(), Error> {
    with_frame(&mut caller, |mem, frame| {
        let i = read_word(mem, index)?;
        let hash = if i.bits() <= 32 {
            frame
                .exec
                .tx
                .blob_hashes
                .get(i.low_u32() as usize)
                .copied()
                .unwrap_or_default()
        } else {
            H256::zero()
        };
        Ok(memory::write(mem, index, hash.as_bytes())?)
    })
}

/// `selfDestruct(beneficiary)`: SELFDESTRUCT as on Cancun. The balance goes to the
/// beneficiary (25000 more when that creates it); the account is removed only if it was
/// created in this transaction (EIP-6780); no refund (EIP-3529). Ends the frame.
pub(crate) fn self_destruct<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    beneficiary: u32,
) -> Result<(), Error> {
    with_frame(&mut caller, |mem, frame| {
        if frame.msg.is_static {
            return Err(HaltReason::StaticModeViolation.into());
        }
        let beneficiary = memory::read_address(mem, beneficiary)?;
        // A cold beneficiary costs the full cold access on top of the 5000 (EIP-2929).
        if frame.exec.access.access_account(beneficiary) == COLD_ACCOUNT_ACCESS {
            frame.charge_state_access(COLD_ACCOUNT_ACCESS)?;
        }
        let address = frame.msg.address;
        let balance = frame.exec.balance(&address)?;
        if !balance.is_zero() && !frame.exec.account_exists(&beneficiary)? {
            frame.charge_gas(frame.exec.config.schedule.new_account)?;
        }
        if beneficiary != address && !frame.exec.transfer(&address, &beneficiary, balance)? {
            return Err(HaltReason::HostRefused.into());
        }
        if frame.exec.created_in_transaction(&address) {
            frame.exec.mark_destructed(address, beneficiary);
        }
        Err(Stop::Finish)
    })
}
