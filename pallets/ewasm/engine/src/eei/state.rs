//! EEI functions that read or write account state.

use super::memory;
use crate::{
    error::HaltReason,
    gas::meter::copy_cost,
    host::Host,
    runtime::{with_frame, Frame},
};
use wasmi::{Caller, Error};

type Ctx<'c, 'f, H> = Caller<'c, Frame<'f, H>>;

/// `storageStore`: 5000, or 20000 when a zero slot becomes non-zero; clearing a slot earns the
/// storage-clear refund.
pub(crate) fn storage_store<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    key: u32,
    value: u32,
) -> Result<(), Error> {
    with_frame(&mut caller, |mem, frame| {
        let schedule = frame.schedule();
        let (change, create, clear_refund) = (
            schedule.storage_store_change,
            schedule.storage_store_create,
            schedule.storage_clear_refund,
        );
        frame.charge_state_access(change)?;
        if frame.msg.is_static {
            return Err(HaltReason::StaticModeViolation.into());
        }
        let key = memory::read_bytes32(mem, key)?;
        let value = memory::read_bytes32(mem, value)?;
        let current = frame.exec.storage(&frame.msg.address, &key)?;
        if current.is_zero() && !value.is_zero() {
            // The rest of a create's price: state access as a whole.
            frame.charge_state_gas(create - change)?;
        }
        if !current.is_zero() && value.is_zero() {
            frame
                .exec
                .add_refund(i64::try_from(clear_refund).unwrap_or(i64::MAX));
        }
        let address = frame.msg.address;
        frame.exec.write_storage(&address, &key, &value)?;
        Ok(())
    })
}

pub(crate) fn storage_load<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    key: u32,
    result: u32,
) -> Result<(), Error> {
    with_frame(&mut caller, |mem, frame| {
        frame.charge_state_access(frame.schedule().storage_load)?;
        let key = memory::read_bytes32(mem, key)?;
        let value = frame.exec.storage(&frame.msg.address, &key)?;
        Ok(memory::write(mem, result, value.as_bytes())?)
    })
}

pub(crate) fn get_external_balance<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    address: u32,
    result: u32,
) -> Result<(), Error> {
    with_frame(&mut caller, |mem, frame| {
        frame.charge_state_access(frame.schedule().balance)?;
        let address = memory::read_address(mem, address)?;
        Ok(memory::write_u128(
            mem,
            result,
            frame.exec.balance(&address)?,
        )?)
    })
}

pub(crate) fn get_external_code_size<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    address: u32,
) -> Result<u32, Error> {
    with_frame(&mut caller, |mem, frame| {
        frame.charge_state_access(frame.schedule().extcode)?;
        let address = memory::read_address(mem, address)?;
        Ok(frame.exec.code_len(&address)?)
    })
}

pub(crate) fn external_code_copy<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    address: u32,
    result: u32,
    code_offset: u32,
    len: u32,
) -> Result<(), Error> {
    with_frame(&mut caller, |mem, frame| {
        let schedule = frame.schedule();
        let load_byte = schedule.code_load_byte;
        let cost = copy_cost(schedule.extcode, schedule.copy, len);
        frame.charge_gas(cost)?;
        let address = memory::read_address(mem, address)?;
        // The whole code is read, whatever part of it is copied: pay for its length first.
        let code_len = frame.exec.code_len(&address)?;
        frame.charge_gas(u64::from(code_len).saturating_mul(load_byte))?;
        let code = frame.exec.code(&address)?;
        Ok(memory::copy_in(mem, result, &code, code_offset, len)?)
    })
}
