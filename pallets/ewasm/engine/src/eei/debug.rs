//! Debug-namespace functions: accepted only where the chain enables them, and no-ops here.

use crate::{host::Host, runtime::Frame};
use wasmi::{Caller, Error};

type Ctx<'c, 'f, H> = Caller<'c, Frame<'f, H>>;

pub(crate) fn print32<H: Host>(_: Ctx<'_, '_, H>, _: u32) -> Result<(), Error> {
    Ok(())
}

pub(crate) fn print64<H: Host>(_: Ctx<'_, '_, H>, _: i64) -> Result<(), Error> {
    Ok(())
}

pub(crate) fn print_mem<H: Host>(_: Ctx<'_, '_, H>, _: u32, _: u32) -> Result<(), Error> {
    Ok(())
}

pub(crate) fn print_storage<H: Host>(_: Ctx<'_, '_, H>, _: u32) -> Result<(), Error> {
    Ok(())
}
