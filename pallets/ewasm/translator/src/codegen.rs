//! Emits `main`: the translated bytecode as one wasm function.
//!
//! Control flow uses a dispatch loop: every JUMPDEST starts a "section", and the sections are
//! laid out as the ends of nested blocks so that straight-line code falls through from one
//! section into the next exactly as the EVM does. A jump stores the target section in a local
//! and branches back to the loop, whose `br_table` enters that section.

use crate::{
    analysis::{segment_at, Instr},
    opcode::{JUMP, JUMPDEST, JUMPI},
    prelude::*,
};
use alloc::vec::Vec;
use wasm_encoder::{BlockType, Function, Instruction as I, ValType};

/// The local holding the section a jump goes to.
const TARGET: u32 = 0;

/// Builds `main` for the decoded code. `jumpdests` are the JUMPDEST program counters in
/// ascending order; section `n + 1` starts at `jumpdests[n]`, section 0 at pc 0.
pub(crate) fn main_body(instrs: &[Instr<'_>], jumpdests: &[u32], mem_base: u32) -> Function {
    let sections = jumpdests.len() as u32;
    let mut f = Function::new([(1, ValType::I32)]);
    f.instruction(&I::I32Const(mem_base as i32))
        .instruction(&I::GlobalSet(G_MEM_BASE))
        .instruction(&I::I32Const(sections as i32))
        .instruction(&I::GlobalSet(G_JUMPS))
        .instruction(&I::Loop(BlockType::Empty))
        .instruction(&I::Block(BlockType::Empty));
    for _ in 0..=sections {
        f.instruction(&I::Block(BlockType::Empty));
    }
    let targets: Vec<u32> = (0..=sections).collect();
    f.instruction(&I::LocalGet(TARGET))
        .instruction(&I::BrTable(targets.into(), sections + 1))
        .instruction(&I::End);

    let section_of = |word: &[u8; 32]| -> Option<u32> {
        if word[..28].iter().any(|b| *b != 0) {
            return None;
        }
        let pc = u32::from_be_bytes([word[28], word[29], word[30], word[31]]);
        jumpdests.binary_search(&pc).ok().map(|n| n as u32 + 1)
    };

    let mut section = 0u32;
    let mut reachable = true;
    let mut index = 0;
    while index < instrs.len() {
        if instrs[index].opcode == JUMPDEST {
            f.instruction(&I::End);
            section += 1;
            reachable = true;
        }
        if !reachable {
            // Dead code between a halting instruction and the next JUMPDEST.
            index += 1;
            continue;
        }
        let seg = segment_at(instrs, index);
        if seg.gas > 0 || seg.needs > 0 || seg.grows > 0 {
            f.instruction(&I::I64Const(seg.gas as i64))
                .instruction(&I::I32Const((seg.needs * 32) as i32))
                .instruction(&I::I32Const((seg.grows * 32) as i32))
                .instruction(&I::Call(F_ENTER));
        }
        // Depth of the dispatch loop from here: the open section blocks and `invalid`.
        let dispatch = sections - section + 1;
        let mut k = seg.start;
        while k < seg.end {
            let instr = &instrs[k];
            let next = instrs.get(k + 1).filter(|_| k + 1 < seg.end);
            match next {
                Some(jump) if instr.is_push() && matches!(jump.opcode, JUMP | JUMPI) => {
                    constant_jump(&mut f, section_of(&instr.push_value()), jump.opcode, dispatch);
                    k += 2;
                }
                _ => {
                    instruction(&mut f, instr, dispatch);
                    k += 1;
                }
            }
        }
        reachable = !instrs[seg.end - 1].halts();
        index = seg.end;
    }
    // Running off the end of the code is STOP; an invalid jump target lands after `invalid`.
    f.instruction(&I::Return)
        .instruction(&I::End)
        .instruction(&I::Unreachable)
        .instruction(&I::End)
        .instruction(&I::End);
    f
}

/// `PUSH target; JUMP(I)` with the target known at translation time.
fn constant_jump(f: &mut Function, section: Option<u32>, opcode: u8, dispatch: u32) {
    match (section, opcode) {
        (Some(section), JUMP) => {
            f.instruction(&I::I32Const(section as i32))
                .instruction(&I::LocalSet(TARGET))
                .instruction(&I::Br(dispatch));
        }
        (None, JUMP) => {
            f.instruction(&I::Unreachable);
        }
        (Some(section), _) => {
            f.instruction(&I::I32Const(section as i32))
                .instruction(&I::LocalSet(TARGET))
                .instruction(&I::Call(F_POP_TRUTHY))
                .instruction(&I::BrIf(dispatch));
        }
        (None, _) => {
            f.instruction(&I::Call(F_POP_TRUTHY))
                .instruction(&I::If(BlockType::Empty))
                .instruction(&I::Unreachable)
                .instruction(&I::End);
        }
    }
}

/// Calls prelude function `function` with one constant argument.
fn call_with(f: &mut Function, function: u32, argument: i32) {
    f.instruction(&I::I32Const(argument))
        .instruction(&I::Call(function));
}

/// Calls `getter` (an EEI import returning a number) and pushes its result.
fn push_result(f: &mut Function, getter: u32, push: u32) {
    f.instruction(&I::Call(getter)).instruction(&I::Call(push));
}

fn instruction(f: &mut Function, instr: &Instr<'_>, dispatch: u32) {
    let opcode = instr.opcode;
    match opcode {
        0x00 => {
            f.instruction(&I::Return);
        }
        0x01..=0x0b | 0x10..=0x1d => call_with(f, F_ARITH, i32::from(opcode)),
        0x20 => {
            f.instruction(&I::Call(F_OP_KECCAK256));
        }
        0x30 => call_with(f, F_PUSH_ADDRESS, 0),
        0x31 => {
            f.instruction(&I::Call(F_OP_BALANCE));
        }
        0x32 => call_with(f, F_PUSH_ADDRESS, 2),
        0x33 => call_with(f, F_PUSH_ADDRESS, 1),
        0x34 => call_with(f, F_PUSH_VALUE, 0),
        0x35 => {
            f.instruction(&I::Call(F_OP_CALLDATALOAD));
        }
        0x36 => push_result(f, F_GETCALLDATASIZE, F_PUSH_I32),
        0x37 => call_with(f, F_COPY_IN, 0),
        0x38 => push_result(f, F_GETCODESIZE, F_PUSH_I32),
        0x39 => call_with(f, F_COPY_IN, 1),
        0x3a => call_with(f, F_PUSH_VALUE, 1),
        0x3b => {
            f.instruction(&I::Call(F_OP_EXTCODESIZE));
        }
        0x3c => call_with(f, F_COPY_IN, 2),
        0x3d => push_result(f, F_GETRETURNDATASIZE, F_PUSH_I32),
        0x3e => {
            f.instruction(&I::Call(F_OP_RETURNDATACOPY));
        }
        0x3f => {
            f.instruction(&I::Call(F_OP_EXTCODEHASH));
        }
        0x40 => {
            f.instruction(&I::Call(F_OP_BLOCKHASH));
        }
        0x41 => call_with(f, F_PUSH_ADDRESS, 3),
        0x42 => push_result(f, F_GETBLOCKTIMESTAMP, F_PUSH_I64),
        0x43 => push_result(f, F_GETBLOCKNUMBER, F_PUSH_I64),
        0x44 => call_with(f, F_PUSH_VALUE, 2),
        0x45 => push_result(f, F_GETBLOCKGASLIMIT, F_PUSH_I64),
        0x46 => call_with(f, F_PUSH_BLOCK_VALUE, 0),
        0x47 => call_with(f, F_PUSH_VALUE, 3),
        0x48 => call_with(f, F_PUSH_BLOCK_VALUE, 1),
        0x49 => {
            f.instruction(&I::Call(F_OP_BLOBHASH));
        }
        0x4a => call_with(f, F_PUSH_BLOCK_VALUE, 2),
        0x50 => {
            f.instruction(&I::Call(F_POP));
        }
        0x51 => {
            f.instruction(&I::Call(F_OP_MLOAD));
        }
        0x52 => {
            f.instruction(&I::Call(F_OP_MSTORE));
        }
        0x53 => {
            f.instruction(&I::Call(F_OP_MSTORE8));
        }
        0x54 => {
            f.instruction(&I::Call(F_OP_SLOAD));
        }
        0x55 => {
            f.instruction(&I::Call(F_OP_SSTORE));
        }
        0x56 => {
            f.instruction(&I::Call(F_JUMP))
                .instruction(&I::LocalSet(TARGET))
                .instruction(&I::Br(dispatch));
        }
        0x57 => {
            f.instruction(&I::Call(F_JUMPI))
                .instruction(&I::LocalTee(TARGET))
                .instruction(&I::I32Const(-1))
                .instruction(&I::I32Ne)
                .instruction(&I::BrIf(dispatch));
        }
        0x58 => push_constant(f, &{
            let mut word = [0u8; 32];
            word[28..].copy_from_slice(&instr.pc.to_be_bytes());
            word
        }),
        0x59 => {
            f.instruction(&I::Call(F_OP_MSIZE));
        }
        0x5a => push_result(f, F_GETGASLEFT, F_PUSH_I64),
        0x5b => {}
        0x5c => {
            f.instruction(&I::Call(F_OP_TLOAD));
        }
        0x5d => {
            f.instruction(&I::Call(F_OP_TSTORE));
        }
        0x5e => {
            f.instruction(&I::Call(F_OP_MCOPY));
        }
        0x5f..=0x7f => push_constant(f, &instr.push_value()),
        0x80..=0x8f => call_with(f, F_DUP, i32::from(opcode - 0x80 + 1)),
        0x90..=0x9f => call_with(f, F_SWAP, i32::from(opcode - 0x90 + 1)),
        0xa0..=0xa4 => call_with(f, F_OP_LOG, i32::from(opcode - 0xa0)),
        0xf0 => call_with(f, F_OP_CREATE, 0),
        0xf1 => call_with(f, F_OP_CALL, 0),
        0xf2 => call_with(f, F_OP_CALL, 1),
        0xf3 => call_with(f, F_OP_RETURN, 0),
        0xf4 => call_with(f, F_OP_CALL, 2),
        0xf5 => call_with(f, F_OP_CREATE, 1),
        0xfa => call_with(f, F_OP_CALL, 3),
        0xfd => call_with(f, F_OP_RETURN, 1),
        0xff => {
            f.instruction(&I::Call(F_OP_SELFDESTRUCT));
        }
        // INVALID and undefined opcodes halt exceptionally.
        _ => {
            f.instruction(&I::Unreachable);
        }
    }
}

/// Pushes a constant word, given as its 32 big-endian bytes.
fn push_constant(f: &mut Function, word: &[u8; 32]) {
    let lane = |at: usize| i64::from_le_bytes(word[at..at + 8].try_into().unwrap_or_default());
    if word[..28].iter().all(|b| *b == 0) {
        let low = i32::from_le_bytes([word[28], word[29], word[30], word[31]]);
        call_with(f, F_PUSH_SMALL, low);
    } else {
        f.instruction(&I::I64Const(lane(0)))
            .instruction(&I::I64Const(lane(8)))
            .instruction(&I::I64Const(lane(16)))
            .instruction(&I::I64Const(lane(24)))
            .instruction(&I::Call(F_PUSH_WORD));
    }
}
