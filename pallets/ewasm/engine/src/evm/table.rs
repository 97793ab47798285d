//! revm's instruction table for EVM frames, with wrappers where the engine needs more than
//! revm's host calls say: each JUMPDEST counts the frame's gas to the weight meter (every loop
//! passes one, so no frame computes past the transaction's weight limit by more than its
//! straight-line code), and account-loading instructions say what they read of the account.

use super::host::{FrameHost, Need};
use crate::{
    gas::access::{COLD_ACCOUNT_ACCESS, WARM_ACCESS},
    host::Host,
};
use revm_interpreter::{
    bytecode::opcode,
    instruction_table,
    instructions::{contract, host},
    interpreter::EthInterpreter,
    primitives::{Address, B256, U256},
    Instruction, InstructionContext, InstructionExecResult, InstructionResult, InstructionTable,
};

type Ctx<'a, 'e, H> = InstructionContext<'a, FrameHost<'e, H>, EthInterpreter>;
type Table<'e, H> = InstructionTable<EthInterpreter, FrameHost<'e, H>>;

/// revm's instructions with the engine's wrappers.
pub(super) fn instructions<'e, H: Host>() -> Table<'e, H> {
    let mut table = instruction_table::<EthInterpreter, FrameHost<'e, H>>();
    table[opcode::JUMPDEST as usize] = Instruction::new(jumpdest::<H>);
    table[opcode::BALANCE as usize] = Instruction::new(balance::<H>);
    table[opcode::SELFBALANCE as usize] = Instruction::new(selfbalance::<H>);
    table[opcode::EXTCODESIZE as usize] = Instruction::new(extcodesize::<H>);
    table[opcode::EXTCODECOPY as usize] = Instruction::new(extcodecopy::<H>);
    table[opcode::EXTCODEHASH as usize] = Instruction::new(extcodehash::<H>);
    table[opcode::CALL as usize] = Instruction::new(call::<H>);
    table[opcode::CALLCODE as usize] = Instruction::new(callcode::<H>);
    table[opcode::DELEGATECALL as usize] = Instruction::new(delegatecall::<H>);
    table[opcode::STATICCALL as usize] = Instruction::new(staticcall::<H>);
    table
}

fn jumpdest<H: Host>(ctx: Ctx<'_, '_, H>) -> InstructionExecResult {
    let spent = ctx.interpreter.gas.total_gas_spent();
    ctx.host
        .count_gas(spent)
        .map_err(|_| InstructionResult::FatalExternalError)
}

/// revm's instruction `$instruction`, reading `$need` of the account it loads.
macro_rules! reading {
    ($name:ident, $need:expr, $instruction:path) => {
        fn $name<H: Host>(ctx: Ctx<'_, '_, H>) -> InstructionExecResult {
            ctx.host.need = $need;
            $instruction(ctx)
        }
    };
}

reading!(balance, Need::Balance, host::balance);
reading!(selfbalance, Need::Balance, host::selfbalance);
reading!(extcodecopy, Need::Code, host::extcodecopy);
reading!(extcodehash, Need::CodeHash, host::extcodehash);

/// EXTCODESIZE as revm's, reading the code's length instead of the code.
fn extcodesize<H: Host>(ctx: Ctx<'_, '_, H>) -> InstructionExecResult {
    let interpreter = ctx.interpreter;
    let Some(top) = interpreter.stack.top() else {
        return Err(InstructionResult::StackUnderflow);
    };
    let address = Address::from_word(B256::from(top.to_be_bytes()));
    let cold_surcharge = COLD_ACCOUNT_ACCESS - WARM_ACCESS;
    let skip_cold = interpreter.gas.remaining() < cold_surcharge;
    let (cold, len) = ctx
        .host
        .code_len(super::convert::address(address), skip_cold)?;
    if cold && !interpreter.gas.record_regular_cost(cold_surcharge) {
        return Err(InstructionResult::OutOfGas);
    }
    if let Some(top) = interpreter.stack.top() {
        *top = U256::from(len);
    }
    Ok(())
}

/// Whether the CALL about to run moves value (its third stack item).
fn moves_value<H: Host>(ctx: &mut Ctx<'_, '_, H>) -> bool {
    let stack = ctx.interpreter.stack.data();
    stack.len() >= 3 && !stack[stack.len() - 3].is_zero()
}

fn call<H: Host>(mut ctx: Ctx<'_, '_, H>) -> InstructionExecResult {
    ctx.host.need = Need::Call {
        moves_value: moves_value(&mut ctx),
    };
    contract::call::<{ opcode::CALL }, _, _>(ctx)
}

// Calls that move no value to the callee: whether it exists is not read.
const NO_VALUE: Need = Need::Call { moves_value: false };
reading!(
    callcode,
    NO_VALUE,
    contract::call::<{ opcode::CALLCODE }, _, _>
);
reading!(
    delegatecall,
    NO_VALUE,
    contract::call::<{ opcode::DELEGATECALL }, _, _>
);
reading!(
    staticcall,
    NO_VALUE,
    contract::call::<{ opcode::STATICCALL }, _, _>
);
