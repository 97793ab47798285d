//! EVM frames: EVM bytecode run by revm's interpreter, with Ethereum's gas (revm's instruction
//! set for the configured EVM version), against the engine's state and meters. Nested calls and
//! creations go through the executor like any other frame's, so EVM and Ewasm contracts call
//! each other.
//!
//! What a frame weighs: its set-up and its code's analysis (weight-meter units, before it runs),
//! its own gas at the gas rate (counted at every JUMPDEST and when it ends), and the
//! state-access part of its accesses at the state rate (counted by [`host::FrameHost`]).

mod convert;
mod host;
mod table;

use crate::{
    error::{HaltReason, ValidationError},
    exec::{CallKind, CreateScheme, ExecStatus, Executor, FrameResult, Message},
    gas::meter::copy_cost,
    host::Host,
    EvmVersion,
};
use alloc::vec::Vec;
use convert::{address, to_revm_address, to_revm_u256, u256, word};
use host::FrameHost;
use revm_interpreter::{
    bytecode::Bytecode,
    context_interface::cfg::GasParams,
    instructions::gas_table_spec,
    interpreter::{EthInterpreter, ExtBytecode},
    interpreter_types::{MemoryTr, ReturnData},
    primitives::{hardfork::SpecId, Bytes, U256 as RevmU256},
    CallInput, CallInputs, CallScheme, CreateInputs, CreateScheme as RevmCreateScheme, FrameInput,
    InputsImpl, InstructionResult, Interpreter, InterpreterAction, SharedMemory,
};

/// revm's specification for the engine's EVM version.
fn spec(version: EvmVersion) -> SpecId {
    match version {
        EvmVersion::Cancun => SpecId::CANCUN,
        EvmVersion::Osaka => SpecId::OSAKA,
    }
}

/// revm's dynamic gas constants for the engine's EVM version.
pub(crate) fn gas_params(version: EvmVersion) -> GasParams {
    GasParams::new_spec(spec(version))
}

/// Runs EVM `code` for `msg`: charges its loading, then interprets it.
pub(crate) fn run<H: Host + 'static>(
    exec: &mut Executor<H>,
    msg: &Message,
    code: &[u8],
) -> FrameResult {
    let loading = exec.config.schedule.evm_frame_cost(code.len());
    if let Err(reason) = exec.weight.charge(loading) {
        return FrameResult::halt(reason);
    }
    let spec = spec(exec.config.evm_version);
    let memory_limit = u64::from(exec.config.max_memory_pages).saturating_mul(65_536);
    let input = InputsImpl {
        target_address: to_revm_address(&msg.address),
        caller_address: to_revm_address(&msg.caller),
        bytecode_address: Some(to_revm_address(&msg.code_address)),
        input: CallInput::Bytes(Bytes::copy_from_slice(&msg.input)),
        call_value: to_revm_u256(msg.value),
        depth: msg.depth as usize,
    };
    let mut interpreter = Interpreter::<EthInterpreter>::new(
        SharedMemory::new_with_memory_limit(memory_limit),
        ExtBytecode::new(Bytecode::new_legacy(Bytes::copy_from_slice(code))),
        input,
        msg.is_static,
        spec,
        msg.gas,
    );
    let gas_params = exec.evm_gas_params.clone();
    let max_depth = exec.config.max_call_depth;
    let mut host = FrameHost::new(exec, gas_params);
    let instructions = table::instructions::<H>();
    let gas_table = gas_table_spec(spec);
    let mut last_nested_at_depth_limit = false;
    let result = loop {
        let action = interpreter.run_plain(&instructions, &gas_table, &mut host);
        let frame_input = match action {
            InterpreterAction::Return(result) => break result,
            InterpreterAction::NewFrame(frame_input) => frame_input,
        };
        // The gas the instruction took for the nested frame is the nested frame's to count;
        // the frame's own work up to it is counted before the nested frame runs.
        let forwarded = match &frame_input {
            FrameInput::Call(inputs) => forwarded_gas(inputs, &host),
            FrameInput::Create(inputs) => inputs.gas_limit(),
            FrameInput::Empty => 0,
        };
        host.nested_gas += forwarded as i64;
        if host.count_gas(interpreter.gas.total_gas_spent()).is_err() {
            return finish(host.exec, FrameResult::halt(HaltReason::OutOfWeight), false);
        }
        let at_depth_limit = msg.depth >= max_depth;
        last_nested_at_depth_limit = at_depth_limit;
        match frame_input {
            FrameInput::Call(inputs) => {
                let result = nested_call(&mut host, &mut interpreter, msg, &inputs, at_depth_limit);
                let Some(result) = result else {
                    break halted();
                };
                if !at_depth_limit {
                    last_nested_at_depth_limit = host.exec.depth_limit_reached();
                }
                // What comes back is the caller's again (a stipend it did not pay included).
                host.nested_gas -= result.gas_left as i64;
                insert_call_result(&mut interpreter, &inputs, result);
            }
            FrameInput::Create(inputs) => {
                let result = nested_create(&mut host, msg, &inputs, at_depth_limit);
                let Some((result, created)) = result else {
                    break halted();
                };
                if !at_depth_limit {
                    last_nested_at_depth_limit = host.exec.depth_limit_reached();
                }
                host.nested_gas -= result.gas_left as i64;
                insert_create_result(&mut interpreter, result, created);
            }
            FrameInput::Empty => {
                host.fail(HaltReason::EngineFault);
                break halted();
            }
        }
    };
    let _ = host.count_gas(result.gas.total_gas_spent());
    let frame = match host.halt {
        Some(reason) => FrameResult::halt(reason),
        None => frame_result(&result.result, result.gas.remaining(), result.output),
    };
    let at_depth_limit = matches!(frame.status, ExecStatus::Halt(_)) && last_nested_at_depth_limit;
    finish(host.exec, frame, at_depth_limit)
}

/// The interpreter's result for a frame the host halts (its reason is in `FrameHost::halt`).
fn halted() -> revm_interpreter::InterpreterResult {
    revm_interpreter::InterpreterResult::new(
        InstructionResult::FatalExternalError,
        Bytes::new(),
        revm_interpreter::Gas::new_spent_with_reservoir(0, 0),
    )
}

fn finish<H: Host>(
    exec: &mut Executor<H>,
    result: FrameResult,
    at_depth_limit: bool,
) -> FrameResult {
    exec.set_halted_at_depth_limit(at_depth_limit);
    result
}

/// The gas a call's instruction took from the frame for the callee (its limit without the
/// stipend, which the caller does not pay).
fn forwarded_gas<H: Host>(inputs: &CallInputs, host: &FrameHost<'_, H>) -> u64 {
    let stipend = if inputs.transfers_value() {
        revm_interpreter::Host::gas_params(host).call_stipend()
    } else {
        0
    };
    inputs.gas_limit.saturating_sub(stipend)
}

/// Runs the call `inputs` describes; `None` if the frame must halt (a read refused).
fn nested_call<H: Host + 'static>(
    host: &mut FrameHost<'_, H>,
    interpreter: &mut Interpreter<EthInterpreter>,
    msg: &Message,
    inputs: &CallInputs,
    at_depth_limit: bool,
) -> Option<FrameResult> {
    if at_depth_limit {
        return Some(refused(inputs.gas_limit));
    }
    // Copying the call data is work EVM gas does not price (memory expansion paid for it):
    // charged before it is done.
    let len = match &inputs.input {
        CallInput::SharedBuffer(range) => range.len(),
        CallInput::Bytes(bytes) => bytes.len(),
    };
    let data = copy_cost(0, host.exec.config.schedule.data_word, len as u32);
    if let Err(reason) = host.exec.weight.charge(data) {
        host.fail(reason);
        return None;
    }
    let input = match &inputs.input {
        // An empty range may start anywhere (revm uses usize::MAX).
        CallInput::SharedBuffer(range) if range.is_empty() => Vec::new(),
        CallInput::SharedBuffer(range) => interpreter.memory.global_slice(range.clone()).to_vec(),
        CallInput::Bytes(bytes) => bytes.to_vec(),
    };
    let kind = match inputs.scheme {
        CallScheme::Call => CallKind::Call,
        CallScheme::CallCode => CallKind::CallCode,
        CallScheme::DelegateCall => CallKind::DelegateCall,
        CallScheme::StaticCall => CallKind::StaticCall,
    };
    let nested = Message {
        kind,
        caller: address(inputs.caller),
        address: address(inputs.target_address),
        code_address: address(inputs.bytecode_address),
        value: u256(inputs.value.get()),
        input,
        gas: inputs.gas_limit,
        depth: msg.depth + 1,
        is_static: inputs.is_static,
    };
    Some(host.exec.call(&nested))
}

/// Runs the creation `inputs` describes; `None` if the frame must halt (a read refused).
fn nested_create<H: Host + 'static>(
    host: &mut FrameHost<'_, H>,
    msg: &Message,
    inputs: &CreateInputs,
    at_depth_limit: bool,
) -> Option<(FrameResult, Option<crate::types::Address>)> {
    let gas = inputs.gas_limit();
    if at_depth_limit {
        return Some((refused(gas), None));
    }
    let creator = address(inputs.caller());
    let value = u256(inputs.value());
    let balance = host.exec.balance(&creator);
    let balance = match balance {
        Ok(balance) => balance,
        Err(reason) => {
            host.fail(reason);
            return None;
        }
    };
    if balance < value {
        return Some((refused(gas), None));
    }
    let scheme = match inputs.scheme() {
        RevmCreateScheme::Create2 { salt } => CreateScheme::Salted(word(salt)),
        _ => CreateScheme::Nonce,
    };
    let created = host.exec.create(
        creator,
        value,
        inputs.init_code(),
        Vec::new(),
        gas,
        msg.depth + 1,
        scheme,
    );
    let address = (created.result.status == ExecStatus::Success).then_some(created.address);
    Some((created.result, address))
}

/// A nested frame refused before it started (depth limit, a value the caller cannot pay): it
/// keeps all its gas and returns nothing.
fn refused(gas: u64) -> FrameResult {
    FrameResult {
        status: ExecStatus::Halt(HaltReason::HostRefused),
        gas_left: gas,
        output: Vec::new(),
    }
}

/// What the calling frame sees of a call: its status on the stack, its output as return data
/// and, up to the length asked for, in memory; its gas left back.
fn insert_call_result(
    interpreter: &mut Interpreter<EthInterpreter>,
    inputs: &CallInputs,
    result: FrameResult,
) {
    let range = inputs.return_memory_offset.clone();
    let copied = range.len().min(result.output.len());
    let ok_or_revert = matches!(result.status, ExecStatus::Success | ExecStatus::Revert);
    interpreter
        .return_data
        .set_buffer(Bytes::from(result.output));
    if ok_or_revert && copied > 0 {
        let data = interpreter.return_data.buffer().clone();
        interpreter.memory.set(range.start, &data[..copied]);
    }
    let status = RevmU256::from(u8::from(result.status == ExecStatus::Success));
    let _ = interpreter.stack.push(status);
    interpreter.gas.erase_cost(result.gas_left);
}

/// What the creating frame sees of a creation: the new address (zero on failure) on the stack,
/// a revert's output as return data, its gas left back.
fn insert_create_result(
    interpreter: &mut Interpreter<EthInterpreter>,
    result: FrameResult,
    created: Option<crate::types::Address>,
) {
    if result.status == ExecStatus::Revert {
        interpreter
            .return_data
            .set_buffer(Bytes::from(result.output));
    } else {
        interpreter.return_data.clear();
    }
    interpreter.gas.erase_cost(result.gas_left);
    let word = created.map_or(RevmU256::ZERO, |a| {
        RevmU256::from_be_slice(to_revm_address(&a).into_word().as_slice())
    });
    let _ = interpreter.stack.push(word);
}

/// The engine's result for how revm's interpreter ended.
fn frame_result(result: &InstructionResult, gas_left: u64, output: Bytes) -> FrameResult {
    use InstructionResult as R;
    let status = match result {
        R::Stop | R::Return | R::SelfDestruct => ExecStatus::Success,
        R::Revert => ExecStatus::Revert,
        R::OutOfGas
        | R::MemoryOOG
        | R::MemoryLimitOOG
        | R::PrecompileOOG
        | R::InvalidOperandOOG
        | R::ReentrancySentryOOG => return FrameResult::halt(HaltReason::OutOfGas),
        R::CallNotAllowedInsideStatic | R::StateChangeDuringStaticCall => {
            return FrameResult::halt(HaltReason::StaticModeViolation)
        }
        R::CreateContractSizeLimit | R::CreateInitCodeSizeLimit => {
            return FrameResult::halt(HaltReason::InvalidCode(ValidationError::CodeTooLarge))
        }
        R::CreateContractStartingWithEF => {
            return FrameResult::halt(HaltReason::InvalidCode(ValidationError::ReservedEvmPrefix))
        }
        R::FatalExternalError => return FrameResult::halt(HaltReason::EngineFault),
        // Invalid opcodes and jumps, stack under- and overflows, offsets out of range.
        _ => return FrameResult::halt(HaltReason::WasmTrap),
    };
    FrameResult {
        status,
        gas_left,
        output: output.to_vec(),
    }
}
