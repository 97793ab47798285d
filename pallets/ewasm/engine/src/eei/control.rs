//! EEI functions for gas, logs and ending a frame.

use super::memory;
use crate::{
    error::HaltReason,
    host::Host,
    runtime::{with_frame, Frame, Stop},
    types::Log,
};
use alloc::vec::Vec;
use wasmi::{Caller, Error};

type Ctx<'c, 'f, H> = Caller<'c, Frame<'f, H>>;

/// Most topics a log may carry.
const MAX_TOPICS: u32 = 4;

pub(crate) fn use_gas<H: Host>(mut caller: Ctx<'_, '_, H>, amount: i64) -> Result<(), Error> {
    with_frame(&mut caller, |_, frame| {
        let amount = u64::try_from(amount).map_err(|_| HaltReason::ArgumentOutOfRange)?;
        Ok(frame.charge_gas(amount)?)
    })
}

pub(crate) fn get_gas_left<H: Host>(mut caller: Ctx<'_, '_, H>) -> Result<i64, Error> {
    with_frame(&mut caller, |_, frame| {
        frame.charge_gas(frame.schedule().base)?;
        Ok(frame.gas.left() as i64)
    })
}

/// `log`: 375 + 375 per topic + 8 per data byte, then the static check, then the topic count.
pub(crate) fn log<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    data: u32,
    len: u32,
    topic_count: u32,
    topic1: u32,
    topic2: u32,
    topic3: u32,
    topic4: u32,
) -> Result<(), Error> {
    with_frame(&mut caller, |mem, frame| {
        let schedule = frame.schedule();
        let cost = schedule.log
            + schedule.log_topic * u64::from(topic_count)
            + schedule.log_data * u64::from(len);
        frame.charge_gas(cost)?;
        if frame.msg.is_static {
            return Err(HaltReason::StaticModeViolation.into());
        }
        if topic_count > MAX_TOPICS {
            return Err(HaltReason::InvalidTopicCount.into());
        }
        let topics = [topic1, topic2, topic3, topic4][..topic_count as usize]
            .iter()
            .map(|offset| memory::read_bytes32(mem, *offset))
            .collect::<Result<Vec<_>, _>>()?;
        let data = memory::read(mem, data, len)?.to_vec();
        let address = frame.msg.address;
        frame.exec.substate_mut().logs.push(Log {
            address,
            topics,
            data,
        });
        Ok(())
    })
}

/// Ends the frame with `stop`, keeping `len` bytes at `offset` as its output.
fn end_with_output<H: Host>(
    caller: &mut Ctx<'_, '_, H>,
    offset: u32,
    len: u32,
    stop: Stop,
) -> Result<(), Error> {
    with_frame(caller, |mem, frame| {
        frame.charge_data(len)?;
        frame.output = memory::read(mem, offset, len)?.to_vec();
        Err(stop)
    })
}

pub(crate) fn finish<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    offset: u32,
    len: u32,
) -> Result<(), Error> {
    end_with_output(&mut caller, offset, len, Stop::Finish)
}

pub(crate) fn revert<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    offset: u32,
    len: u32,
) -> Result<(), Error> {
    end_with_output(&mut caller, offset, len, Stop::Revert)
}

/// `selfDestruct`: 5000 (+25000 for a beneficiary that does not exist); moves the whole balance
/// to the beneficiary, schedules the removal and ends the frame successfully.
pub(crate) fn self_destruct<H: Host>(
    mut caller: Ctx<'_, '_, H>,
    beneficiary: u32,
) -> Result<(), Error> {
    with_frame(&mut caller, |mem, frame| {
        let schedule = frame.schedule();
        let (cost, new_account, refund) = (
            schedule.selfdestruct,
            schedule.new_account,
            schedule.selfdestruct_refund,
        );
        frame.charge_gas(cost)?;
        if frame.msg.is_static {
            return Err(HaltReason::StaticModeViolation.into());
        }
        let beneficiary = memory::read_address(mem, beneficiary)?;
        if !frame.exec.account_exists(&beneficiary)? {
            frame.charge_gas(new_account)?;
        }
        let address = frame.msg.address;
        let balance = frame.exec.balance(&address)?;
        if !frame.exec.transfer(&address, &beneficiary, balance)? {
            return Err(HaltReason::HostRefused.into());
        }
        if frame.exec.mark_destructed(address, beneficiary) {
            frame
                .exec
                .add_refund(i64::try_from(refund).unwrap_or(i64::MAX));
        }
        Err(Stop::Finish)
    })
}
