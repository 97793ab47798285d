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
    gas::meter::copy_cost,
    host::Host,
    runtime::{with_frame, Frame},
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
            frame.gas.charge(arith::exp_byte_cost(&args[1]))?;
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
        frame.gas.charge(copy_cost(0, KECCAK_WORD, len))?;
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
        frame.gas.charge(copy_cost(0, KECCAK_WORD, len))?;
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
        let hash = if frame.exec.host.account_exists(&address) {
            frame.exec.host.code_hash(&address)
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

/// `blockValue(which, result)`: 0 chain id, 1 base fee, 2 blob base fee (1 wei, the EIP-4844
/// minimum: there are no blobs here), as a 32-byte big-endian word.
pub(crate) fn block_value<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    which: u32,
    result: u32,
) -> Result<(), Error> {
    with_frame(&mut caller, |mem, frame| {
        let value = match which {
            0 => U256::from(frame.exec.tx.chain_id),
            1 => frame.exec.tx.base_fee,
            2 => U256::one(),
            _ => return Err(HaltReason::ArgumentOutOfRange.into()),
        };
        Ok(write_word(mem, result, value)?)
    })
}
