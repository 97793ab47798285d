//! One execution frame: a wasmi store whose data is the frame's EEI state.

use crate::{
    eei,
    error::HaltReason,
    exec::{ExecStatus, Executor, FrameResult, Message},
    gas::{meter::GasMeter, weight::WeightMeter},
    host::Host,
    prepare,
};
use alloc::vec::Vec;
use core::fmt;
use wasmi::{Caller, Instance, Memory, Module, Store, StoreLimits, StoreLimitsBuilder};

/// How a frame stopped before `main` returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stop {
    /// `finish` (or `selfDestruct`): success with the output set.
    Finish,
    /// `revert`: rollback, remaining gas kept, output set.
    Revert,
    /// Exceptional halt: rollback, all gas consumed.
    Halt(HaltReason),
}

impl From<HaltReason> for Stop {
    fn from(reason: HaltReason) -> Self {
        Stop::Halt(reason)
    }
}

/// The wasmi error an EEI function returns to unwind the wasm stack; the reason is in the frame.
#[derive(Debug)]
struct StopSignal;

impl fmt::Display for StopSignal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ewasm frame stopped")
    }
}

impl wasmi::errors::HostError for StopSignal {}

/// The code a frame runs.
pub(crate) struct Code<'a> {
    /// The wasm module to instantiate.
    module: &'a [u8],
    /// Whether `module` already passed the engine's validation (stored code, see
    /// [`Host::code_is_validated`]), so that the frame parses it without validating again.
    validated: bool,
}

impl<'a> Code<'a> {
    /// An Ewasm module, which sees itself as its code; `validated` if it passed
    /// [`prepare::validate`] under this configuration before.
    pub fn ewasm(module: &'a [u8], validated: bool) -> Self {
        Self { module, validated }
    }
}

/// The state of one running frame, reachable from every EEI function.
pub(crate) struct Frame<'a, H: Host> {
    /// The executor, for state access and nested frames.
    pub exec: &'a mut Executor<H>,
    /// The message being executed.
    pub msg: &'a Message,
    /// The code `codeCopy` and `getCodeSize` see.
    pub code: &'a [u8],
    /// Gas left in this frame.
    pub gas: GasMeter,
    /// Output of the last nested call or create (`returnDataCopy`).
    pub return_data: Vec<u8>,
    /// Data passed to `finish` or `revert`.
    pub output: Vec<u8>,
    stop: Option<Stop>,
    memory: Option<Memory>,
    limits: StoreLimits,
    /// Fuel wasmi held when it was last handed over; the difference is what wasm code used.
    fuel_mark: u64,
    /// Whether the last nested call or create was refused for the depth limit (directly or by
    /// a callee that halted the same way).
    pub last_call_at_depth_limit: bool,
}

impl<H: Host> Frame<'_, H> {
    /// Gas per wasm instruction.
    fn instruction_cost(&self) -> u64 {
        self.exec.config.instruction_cost
    }

    /// Charges `amount` of gas, and its weight: every gas charge of a frame goes through here
    /// or through the state-access charges below (gas forwarded to a callee is charged by the
    /// callee's frame as it uses it).
    pub fn charge_gas(&mut self, amount: u64) -> Result<(), HaltReason> {
        charge_weighed(&mut self.gas, &mut self.exec.weight, amount)
    }

    /// Charges the gas of a storage or account access, its state-access part weighed as such
    /// (see [`crate::gas::weight`]).
    pub fn charge_state_access(&mut self, gas: u64) -> Result<(), HaltReason> {
        self.gas.charge(gas)?;
        self.exec.weight.charge_state_access(gas)
    }

    /// Charges `gas` that prices state as a whole (the rest of a storage creation's price).
    pub fn charge_state_gas(&mut self, gas: u64) -> Result<(), HaltReason> {
        self.gas.charge(gas)?;
        self.exec.weight.charge_state_gas(gas)
    }

    /// Charges copying `len` bytes of data to or from the host (call and create input,
    /// `finish`/`revert` output) per word.
    pub fn charge_data(&mut self, len: u32) -> Result<(), HaltReason> {
        self.charge_gas(crate::gas::meter::copy_cost(
            0,
            self.exec.config.schedule.data_word,
            len,
        ))
    }

    /// The EEI costs.
    pub fn schedule(&self) -> &crate::GasSchedule {
        &self.exec.config.schedule
    }

    /// Charges the gas of the wasm instructions run since fuel was last handed to wasmi.
    fn absorb_fuel(&mut self, fuel_now: Option<u64>) -> Result<(), HaltReason> {
        if let Some(fuel_now) = fuel_now {
            let used = self.fuel_mark.saturating_sub(fuel_now);
            self.fuel_mark = fuel_now;
            self.charge_gas(used.saturating_mul(self.instruction_cost()))?;
        }
        Ok(())
    }

    /// The fuel to give wasmi for the gas left within the weight limit, if instructions are
    /// metered.
    fn fuel_for_wasm(&mut self) -> Option<u64> {
        let cost = self.instruction_cost();
        (cost > 0).then(|| {
            self.fuel_mark = self.gas.left().min(self.exec.weight.gas_within_limit()) / cost;
            self.fuel_mark
        })
    }

    /// Why wasm code ran out of fuel, once the fuel it used is charged: gas, or the weight
    /// limit if that bounded the fuel (both fell by the same gas since it was handed over),
    /// which exhausts the meter so that the transaction is undone.
    fn out_of_fuel(&mut self) -> HaltReason {
        if self.exec.weight.gas_within_limit() < self.gas.left() {
            self.exec.weight.exhaust();
            HaltReason::OutOfWeight
        } else {
            HaltReason::OutOfGas
        }
    }
}

/// Charges `amount` of gas to a frame's meter and its weight to the transaction's.
fn charge_weighed(
    gas: &mut GasMeter,
    weight: &mut WeightMeter,
    amount: u64,
) -> Result<(), HaltReason> {
    gas.charge(amount)?;
    weight.charge_gas(amount)
}

/// Runs an EEI function body with the frame's memory and state, keeping gas and fuel in step.
///
/// # Errors
/// A wasmi host error that unwinds the wasm stack when the body stops the frame.
pub(crate) fn with_frame<H: Host, R>(
    caller: &mut Caller<'_, Frame<'_, H>>,
    body: impl FnOnce(&mut [u8], &mut Frame<'_, H>) -> Result<R, Stop>,
) -> Result<R, wasmi::Error> {
    let fuel_now = if caller.data().instruction_cost() > 0 {
        caller.get_fuel().ok()
    } else {
        None
    };
    let Some(memory) = caller.data().memory else {
        caller.data_mut().stop = Some(Stop::Halt(HaltReason::WasmTrap));
        return Err(wasmi::Error::host(StopSignal));
    };
    let (bytes, frame) = memory.data_and_store_mut(&mut *caller);
    let result = frame
        .absorb_fuel(fuel_now)
        .map_err(Stop::from)
        .and_then(|()| body(bytes, frame));
    match result {
        Ok(value) => {
            if let Some(fuel) = frame.fuel_for_wasm() {
                caller.set_fuel(fuel)?;
            }
            Ok(value)
        }
        Err(stop) => {
            frame.stop = Some(stop);
            Err(wasmi::Error::host(StopSignal))
        }
    }
}

/// Parses `code` for a frame, charging what loading it costs before the work it pays for.
///
/// Ewasm code pays in gas for its bytes (read, parsed, compiled on first call) before anything
/// is parsed and for its initial memory (allocated and zeroed at instantiation) before
/// instantiation; code not validated before (constructors) is validated here.
fn load_module<H: Host>(
    exec: &mut Executor<H>,
    code: &Code<'_>,
    gas: &mut GasMeter,
) -> Result<Module, HaltReason> {
    let invalid = || HaltReason::InvalidCode(crate::ValidationError::InvalidWasm);
    let schedule = &exec.config.schedule;
    let (code_load_byte, memory_page) = (schedule.code_load_byte, schedule.memory_page);
    let memory_cost = |pages: u64| pages.saturating_mul(memory_page);
    let mut charge =
        |exec: &mut Executor<H>, amount: u64| charge_weighed(gas, &mut exec.weight, amount);
    let structure = if code.validated {
        None
    } else {
        Some(prepare::check_structure(code.module, &exec.config).map_err(HaltReason::InvalidCode)?)
    };
    charge(
        exec,
        (code.module.len() as u64).saturating_mul(code_load_byte),
    )?;
    let engine = exec.wasm_engine();
    let Some(structure) = structure else {
        // Stored code that passed validation when it was stored is parsed without validating
        // it again, as pallet-contracts loads stored code; debug builds check it anyway, on an
        // engine of their own (an engine keeps what it compiled).
        debug_assert!(
            Module::new(&exec.wasm_engine(), code.module).is_ok(),
            "validated code is not valid wasm"
        );
        // SAFETY: `code.module` is valid wasm for this engine's configuration (above).
        let module =
            unsafe { Module::new_unchecked(&engine, code.module) }.map_err(|_| invalid())?;
        let pages = match module.get_export("memory") {
            Some(wasmi::ExternType::Memory(memory)) => memory.minimum(),
            _ => return Err(invalid()),
        };
        charge(exec, memory_cost(pages))?;
        return Ok(module);
    };
    charge(exec, memory_cost(u64::from(structure.initial_memory_pages)))?;
    Module::new(&engine, code.module).map_err(|_| invalid())
}

/// Runs `code` for `msg`: validates its structure, charges its loading, instantiates it and
/// calls `main`.
pub(crate) fn run<H: Host + 'static>(
    exec: &mut Executor<H>,
    msg: &Message,
    code: &Code<'_>,
) -> FrameResult {
    let result = run_frame(exec, msg, code);
    exec.set_halted_at_depth_limit(result.1);
    result.0
}

/// [`run`]; also says whether the frame halted after its last nested call was refused for the
/// depth limit.
fn run_frame<H: Host + 'static>(
    exec: &mut Executor<H>,
    msg: &Message,
    code: &Code<'_>,
) -> (FrameResult, bool) {
    let mut gas = GasMeter::new(msg.gas);
    let module = match load_module(exec, code, &mut gas) {
        Ok(module) => module,
        Err(reason) => return (FrameResult::halt(reason), false),
    };
    let engine = module.engine().clone();
    let max_memory = exec.config.max_memory_pages as usize * 65_536;
    let max_table = exec.config.max_table_size as usize;
    let allow_debug = exec.config.allow_debug;
    let frame = Frame {
        exec,
        msg,
        code: code.module,
        gas,
        return_data: Vec::new(),
        output: Vec::new(),
        stop: None,
        memory: None,
        limits: StoreLimitsBuilder::new()
            .memory_size(max_memory)
            .table_elements(max_table)
            .instances(1)
            .build(),
        fuel_mark: 0,
        last_call_at_depth_limit: false,
    };
    let mut store = Store::new(&engine, frame);
    store.limiter(|frame| &mut frame.limits);
    if let Some(fuel) = store.data_mut().fuel_for_wasm() {
        if store.set_fuel(fuel).is_err() {
            return (FrameResult::halt(HaltReason::EngineFault), false);
        }
    }

    // An import the frame cannot provide fails instantiation, as a linker without it would.
    let Some(imports) = eei::imports(&mut store, &module, allow_debug) else {
        return (FrameResult::halt(HaltReason::WasmTrap), false);
    };
    let outcome = Instance::new(&mut store, &module, &imports)
        .and_then(|instance| {
            let memory = instance.get_memory(&store, "memory");
            store.data_mut().memory = memory;
            instance.get_typed_func::<(), ()>(&store, "main")
        })
        .and_then(|main| main.call(&mut store, ()));
    let fuel_now = store.get_fuel().ok();
    let frame = store.data_mut();
    let stop = match outcome {
        Ok(()) => frame.absorb_fuel(fuel_now).err().map(Stop::Halt),
        Err(error) => Some(match frame.stop {
            Some(stop) => stop,
            None => {
                // What ran before the trap was work: weigh it (its gas is all used anyway).
                let _ = frame.absorb_fuel(fuel_now);
                Stop::Halt(match error.as_trap_code() {
                    Some(wasmi::TrapCode::OutOfFuel) => frame.out_of_fuel(),
                    _ => HaltReason::WasmTrap,
                })
            }
        }),
    };
    let output = core::mem::take(&mut frame.output);
    let result = match stop {
        None | Some(Stop::Finish) => FrameResult {
            status: ExecStatus::Success,
            gas_left: frame.gas.left(),
            output,
        },
        Some(Stop::Revert) => FrameResult {
            status: ExecStatus::Revert,
            gas_left: frame.gas.left(),
            output,
        },
        Some(Stop::Halt(reason)) => FrameResult::halt(reason),
    };
    let halted_at_depth_limit =
        matches!(result.status, ExecStatus::Halt(_)) && frame.last_call_at_depth_limit;
    (result, halted_at_depth_limit)
}
