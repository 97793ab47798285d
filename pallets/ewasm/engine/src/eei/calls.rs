//! EEI functions that start nested frames, and the return data buffer.

use super::memory;
use crate::{
    error::{HaltReason, ValidationError},
    exec::{CallKind, CreateScheme, Message},
    host::Host,
    runtime::{with_frame, Frame},
    types::U256,
};
use alloc::vec::Vec;
use wasmi::{Caller, Error};

type Ctx<'c, 'f, H> = Caller<'c, Frame<'f, H>>;

/// Status returned to the contract when a call or create fails before it starts.
const FAILURE: u32 = 1;

/// EIP-150: all but one 64th of the gas left.
fn all_but_one_64th(gas: u64) -> u64 {
    gas - gas / 64
}

/// Whether the running contract can send `value` (hera's `enoughSenderBalanceFor`).
///
/// # Errors
/// [`HaltReason::ArgumentOutOfRange`] if the balance does not fit in 128 bits.
fn can_pay<H: Host>(frame: &mut Frame<'_, H>, value: U256) -> Result<bool, HaltReason> {
    let balance = frame.exec.balance(&frame.msg.address)?;
    if balance.bits() > 128 {
        return Err(HaltReason::ArgumentOutOfRange);
    }
    Ok(balance >= value)
}

/// The four call flavours, in hera's order of checks and charges.
fn call_with<H: Host + 'static>(
    caller: &mut Ctx<'_, '_, H>,
    kind: CallKind,
    gas: i64,
    address: u32,
    value: Option<u32>,
    data: u32,
    len: u32,
) -> Result<u32, Error> {
    with_frame(caller, |mem, frame| {
        let requested = u64::try_from(gas).map_err(|_| HaltReason::ArgumentOutOfRange)?;
        let target = memory::read_address(mem, address)?;
        let this = frame.msg.address;
        let (sender, value) = match kind {
            CallKind::Call | CallKind::CallCode => {
                let value = memory::read_u128(mem, value.unwrap_or_default())?;
                if kind == CallKind::Call && !value.is_zero() && frame.msg.is_static {
                    return Err(HaltReason::StaticModeViolation.into());
                }
                (this, value)
            }
            CallKind::DelegateCall => (frame.msg.caller, frame.msg.value),
            CallKind::StaticCall => (this, U256::zero()),
        };
        let schedule = frame.schedule().clone();
        frame.charge_gas(schedule.call)?;
        frame.charge_data(len)?;
        let input = if len > 0 {
            memory::read(mem, data, len)?.to_vec()
        } else {
            Vec::new()
        };
        // hera checks depth and balance before charging for the transfer.
        if frame.msg.depth >= frame.exec.config.max_call_depth {
            frame.last_call_at_depth_limit = true;
            return Ok(FAILURE);
        }
        let transfers = matches!(kind, CallKind::Call | CallKind::CallCode) && !value.is_zero();
        if transfers {
            frame.charge_gas(schedule.value_transfer)?;
            if !can_pay(frame, value)? {
                return Ok(FAILURE);
            }
            if kind == CallKind::Call && !frame.exec.account_exists(&target)? {
                frame.charge_gas(schedule.new_account)?;
            }
        }
        let stipend = if transfers { schedule.value_stipend } else { 0 };
        let mut forwarded = requested.min(all_but_one_64th(frame.gas.left()));
        frame.gas.charge(forwarded)?;
        forwarded += stipend;

        let (storage_address, is_static) = match kind {
            CallKind::Call => (target, frame.msg.is_static),
            CallKind::StaticCall => (target, true),
            CallKind::CallCode | CallKind::DelegateCall => (this, frame.msg.is_static),
        };
        let msg = Message {
            kind,
            caller: sender,
            address: storage_address,
            code_address: target,
            value,
            input,
            gas: forwarded,
            depth: frame.msg.depth + 1,
            is_static,
        };
        let result = frame.exec.call(&msg);
        frame.last_call_at_depth_limit = frame.exec.depth_limit_reached();
        frame.gas.refund(result.gas_left);
        let status = result.eei_status();
        frame.return_data = result.output;
        Ok(status)
    })
}

pub(crate) fn call<H: Host + 'static>(
    mut caller: Ctx<'_, '_, H>,
    gas: i64,
    address: u32,
    value: u32,
    data: u32,
    len: u32,
) -> Result<u32, Error> {
    call_with(
        &mut caller,
        CallKind::Call,
        gas,
        address,
        Some(value),
        data,
        len,
    )
}

pub(crate) fn call_code<H: Host + 'static>(
    mut caller: Ctx<'_, '_, H>,
    gas: i64,
    address: u32,
    value: u32,
    data: u32,
    len: u32,
) -> Result<u32, Error> {
    call_with(
        &mut caller,
        CallKind::CallCode,
        gas,
        address,
        Some(value),
        data,
        len,
    )
}

pub(crate) fn call_delegate<H: Host + 'static>(
    mut caller: Ctx<'_, '_, H>,
    gas: i64,
    address: u32,
    data: u32,
    len: u32,
) -> Result<u32, Error> {
    call_with(
        &mut caller,
        CallKind::DelegateCall,
        gas,
        address,
        None,
        data,
        len,
    )
}

pub(crate) fn call_static<H: Host + 'static>(
    mut caller: Ctx<'_, '_, H>,
    gas: i64,
    address: u32,
    data: u32,
    len: u32,
) -> Result<u32, Error> {
    call_with(
        &mut caller,
        CallKind::StaticCall,
        gas,
        address,
        None,
        data,
        len,
    )
}

/// `create`: 32000, then all but one 64th of the gas left goes to the constructor. On success
/// the new address is written and the return data cleared; otherwise the return data is the
/// constructor's revert output.
pub(crate) fn create<H: Host + 'static>(
    mut caller: Ctx<'_, '_, H>,
    value: u32,
    data: u32,
    len: u32,
    result: u32,
) -> Result<u32, Error> {
    with_frame(&mut caller, |mem, frame| {
        create_with(mem, frame, value, data, len, result)
    })
}

fn create_with<H: Host + 'static>(
    mem: &mut [u8],
    frame: &mut Frame<'_, H>,
    value: u32,
    data: u32,
    len: u32,
    result: u32,
) -> Result<u32, crate::runtime::Stop> {
    let schedule = frame.schedule();
    let create = schedule.create;
    frame.charge_gas(create)?;
    if frame.msg.is_static {
        return Err(HaltReason::StaticModeViolation.into());
    }
    // Init code is stored code's length at most.
    if len as usize > frame.exec.config.max_code_len as usize {
        return Err(HaltReason::InvalidCode(ValidationError::CodeTooLarge).into());
    }
    frame.charge_data(len)?;
    let value = memory::read_u128(mem, value)?;
    if frame.msg.depth >= frame.exec.config.max_call_depth {
        frame.last_call_at_depth_limit = true;
        return Ok(FAILURE);
    }
    let this = frame.msg.address;
    if !can_pay(frame, value)? {
        return Ok(FAILURE);
    }
    let init_code = if len > 0 {
        memory::read(mem, data, len)?.to_vec()
    } else {
        Vec::new()
    };
    let gas = all_but_one_64th(frame.gas.left());
    frame.gas.charge(gas)?;
    let depth = frame.msg.depth + 1;
    let created = frame.exec.create(
        this,
        value,
        &init_code,
        Vec::new(),
        gas,
        depth,
        CreateScheme::Nonce,
    );
    frame.last_call_at_depth_limit = frame.exec.depth_limit_reached();
    frame.gas.refund(created.result.gas_left);
    let status = created.result.eei_status();
    frame.return_data = created.result.output;
    if status == 0 {
        memory::write(mem, result, created.address.as_bytes())?;
    }
    Ok(status)
}

pub(crate) fn get_return_data_size<H: Host>(mut caller: Ctx<'_, '_, H>) -> Result<u32, Error> {
    with_frame(&mut caller, |_, frame| {
        frame.charge_gas(frame.schedule().base)?;
        Ok(frame.return_data.len() as u32)
    })
}

pub(crate) fn return_data_copy<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    result: u32,
    data_offset: u32,
    len: u32,
) -> Result<(), Error> {
    super::context::charged_copy(
        &mut caller,
        |s| s.verylow,
        result,
        data_offset,
        len,
        |f| &f.return_data,
    )
}
