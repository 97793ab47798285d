//! EEI getters for the message, the code and the block (all cost `base` unless noted).

use super::memory;
use crate::{
    gas::meter::copy_cost,
    host::Host,
    runtime::{with_frame, Frame},
};
use wasmi::{Caller, Error};

type Ctx<'c, 'f, H> = Caller<'c, Frame<'f, H>>;

/// Charges `base` and returns a value computed from the frame.
fn base_getter<H: Host, R>(
    caller: &mut Ctx<'_, '_, H>,
    get: impl FnOnce(&Frame<'_, H>) -> R,
) -> Result<R, Error> {
    with_frame(caller, |_, frame| {
        frame.charge_gas(frame.schedule().base)?;
        Ok(get(frame))
    })
}

/// Charges `base` and writes something derived from the frame to memory.
fn base_writer<H: Host>(
    caller: &mut Ctx<'_, '_, H>,
    write: impl FnOnce(&mut [u8], &Frame<'_, H>) -> Result<(), crate::HaltReason>,
) -> Result<(), Error> {
    with_frame(caller, |mem, frame| {
        frame.charge_gas(frame.schedule().base)?;
        Ok(write(mem, frame)?)
    })
}

pub(crate) fn get_address<H: Host>(mut caller: Ctx<'_, '_, H>, result: u32) -> Result<(), Error> {
    base_writer(&mut caller, |mem, f| {
        memory::write(mem, result, f.msg.address.as_bytes())
    })
}

pub(crate) fn get_caller<H: Host>(mut caller: Ctx<'_, '_, H>, result: u32) -> Result<(), Error> {
    base_writer(&mut caller, |mem, f| {
        memory::write(mem, result, f.msg.caller.as_bytes())
    })
}

pub(crate) fn get_call_value<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    result: u32,
) -> Result<(), Error> {
    base_writer(&mut caller, |mem, f| {
        memory::write_u128(mem, result, f.msg.value)
    })
}

pub(crate) fn get_tx_origin<H: Host>(mut caller: Ctx<'_, '_, H>, result: u32) -> Result<(), Error> {
    base_writer(&mut caller, |mem, f| {
        memory::write(mem, result, f.exec.tx.origin.as_bytes())
    })
}

pub(crate) fn get_tx_gas_price<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    result: u32,
) -> Result<(), Error> {
    base_writer(&mut caller, |mem, f| {
        memory::write_u128(mem, result, f.exec.tx.gas_price)
    })
}

pub(crate) fn get_block_coinbase<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    result: u32,
) -> Result<(), Error> {
    base_writer(&mut caller, |mem, f| {
        memory::write(mem, result, f.exec.tx.coinbase.as_bytes())
    })
}

pub(crate) fn get_block_difficulty<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    result: u32,
) -> Result<(), Error> {
    base_writer(&mut caller, |mem, f| {
        memory::write_u256(mem, result, f.exec.tx.difficulty)
    })
}

pub(crate) fn get_block_gas_limit<H: Host>(mut caller: Ctx<'_, '_, H>) -> Result<i64, Error> {
    base_getter(&mut caller, |f| f.exec.tx.gas_limit)
}

pub(crate) fn get_block_number<H: Host>(mut caller: Ctx<'_, '_, H>) -> Result<i64, Error> {
    base_getter(&mut caller, |f| f.exec.tx.number)
}

pub(crate) fn get_block_timestamp<H: Host>(mut caller: Ctx<'_, '_, H>) -> Result<i64, Error> {
    base_getter(&mut caller, |f| f.exec.tx.timestamp)
}

pub(crate) fn get_call_data_size<H: Host>(mut caller: Ctx<'_, '_, H>) -> Result<u32, Error> {
    base_getter(&mut caller, |f| f.msg.input.len() as u32)
}

pub(crate) fn get_code_size<H: Host>(mut caller: Ctx<'_, '_, H>) -> Result<u32, Error> {
    base_getter(&mut caller, |f| f.code.len() as u32)
}

/// `getBlockHash`: 0 and the hash written on success, 1 (memory untouched) when unknown.
pub(crate) fn get_block_hash<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    number: i64,
    result: u32,
) -> Result<u32, Error> {
    with_frame(&mut caller, |mem, frame| {
        frame.charge_gas(frame.schedule().blockhash)?;
        match frame.exec.block_hash(number as u64)? {
            Some(hash) if !hash.is_zero() => {
                memory::write(mem, result, hash.as_bytes())?;
                Ok(0)
            }
            _ => Ok(1),
        }
    })
}

/// Charges `base + copy × words` and copies `len` bytes at `offset` of the source `pick`
/// selects to memory at `result` (both ranges bounds-checked). Shared by every copy function.
pub(crate) fn charged_copy<H: Host>(
    caller: &mut Ctx<'_, '_, H>,
    base: impl FnOnce(&crate::GasSchedule) -> u64,
    result: u32,
    offset: u32,
    len: u32,
    pick: impl for<'f> FnOnce(&'f Frame<'_, H>) -> &'f [u8],
) -> Result<(), Error> {
    with_frame(caller, |mem, frame| {
        let schedule = frame.schedule();
        let cost = copy_cost(base(schedule), schedule.copy, len);
        frame.charge_gas(cost)?;
        Ok(memory::copy_in(mem, result, pick(frame), offset, len)?)
    })
}

pub(crate) fn call_data_copy<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    result: u32,
    data_offset: u32,
    len: u32,
) -> Result<(), Error> {
    charged_copy(
        &mut caller,
        |s| s.verylow,
        result,
        data_offset,
        len,
        |f| &f.msg.input,
    )
}

pub(crate) fn code_copy<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    result: u32,
    code_offset: u32,
    len: u32,
) -> Result<(), Error> {
    charged_copy(
        &mut caller,
        |s| s.verylow,
        result,
        code_offset,
        len,
        |f| f.code,
    )
}
