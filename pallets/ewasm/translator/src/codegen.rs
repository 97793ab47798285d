//! Emits the translated code: one wasm function per section and `main`, which runs them.
//!
//! A section starts at pc 0 and at every JUMPDEST and runs to the next JUMPDEST. Each section
//! is a function returning the next section to run: the one after it when the code falls
//! through, a jump's target, or [`STOP`]. `main` loops over `call_indirect` into the table of
//! sections; an invalid jump target is an index past the table, so the call traps. Sections
//! are separate functions so that wasmi's lazy compilation compiles only the code a call
//! actually reaches, and the first time a frame enters one, `main` has the engine charge its
//! compilation (`evm.enterSection`), so that a frame pays for the sections it compiles, not
//! for every section it carries.

use crate::{
    analysis::{segment_at, Instr},
    opcode::{INVALID, JUMP, JUMPI},
    prelude::*,
};
use alloc::vec::Vec;
use wasm_encoder::{BlockType, Encode, Function, InstructionSink, MemArg, ValType};

/// What a section returns when execution stops (STOP, or the end of the code).
pub(crate) const STOP: i32 = -1;
/// `main`'s local: the section to run next.
const TARGET: u32 = 0;

/// The prelude functions `main` calls (see [`main_body`]).
pub(crate) const MAIN_CALLS: [u32; 3] = [F_GETCALLDATASIZE, F_INDEX_JUMPS, F_ENTERSECTION];

/// Where a module's memory holds what [`main_body`] needs: its JUMPDEST index of `pcs` entries
/// (see the prelude's `$index_jumps`) at `index`, a byte per section at `seen` (set once the
/// frame entered the section), and EVM memory at `mem_base`.
pub(crate) struct Layout {
    pub index: u32,
    pub pcs: u32,
    pub seen: u32,
    pub mem_base: u32,
}

/// Builds `main` for a module with `sections` section functions laid out as `layout` says;
/// `index_of` gives a prelude function's index in the module.
pub(crate) fn main_body(sections: u32, layout: &Layout, index_of: impl Fn(u32) -> u32) -> Function {
    let seen = MemArg {
        offset: u64::from(layout.seen),
        align: 0,
        memory_index: 0,
    };
    let mut f = Function::new([(1, ValType::I32)]);
    f.instructions()
        .i32_const(layout.mem_base as i32)
        .global_set(G_MEM_BASE)
        .i32_const(sections as i32 - 1)
        .global_set(G_JUMPS)
        .i32_const(layout.index as i32)
        .global_set(G_INDEX)
        .i32_const(layout.pcs as i32)
        .global_set(G_PCS)
        .call(index_of(MAIN_CALLS[0]))
        .global_set(G_CALL_DATA_SIZE)
        .call(index_of(MAIN_CALLS[1]))
        .loop_(BlockType::Empty)
        // First entry into the section: the engine charges its compilation (and halts an
        // invalid target, as the `call_indirect` would trap) before wasmi compiles it.
        .local_get(TARGET)
        .i32_load8_u(seen)
        .i32_eqz()
        .if_(BlockType::Empty)
        .local_get(TARGET)
        .call(index_of(MAIN_CALLS[2]))
        .local_get(TARGET)
        .i32_const(1)
        .i32_store8(seen)
        .end()
        .local_get(TARGET)
        .call_indirect(0, T_SECTION)
        .local_tee(TARGET)
        .i32_const(STOP)
        .i32_ne()
        .br_if(0)
        .end()
        .end();
    f
}

/// A function body being written, with where it calls prelude functions (so that the module
/// can renumber them once it knows which it carries) and which it calls.
struct Body {
    bytes: Vec<u8>,
    /// Offsets in `bytes` of each call's function index (one byte: prelude indices are
    /// below 128).
    calls: Vec<usize>,
    /// Prelude indices called so far, in every section written with this body, as a mask.
    used: u128,
}

impl Body {
    fn sink(&mut self) -> InstructionSink<'_> {
        InstructionSink::new(&mut self.bytes)
    }

    /// `call function` (a prelude index).
    fn call(&mut self, function: u32) -> &mut Self {
        debug_assert!(function < 0x80, "prelude index {function} is not one byte");
        self.bytes.push(0x10);
        self.calls.push(self.bytes.len());
        self.used |= 1 << function;
        // Below 128 (build.rs checks the prelude's size), so its LEB128 is the byte itself:
        // `u32::encode` took 5.6 % of an ERC20 transfer's instructions (callgrind).
        self.bytes.push(function as u8);
        self
    }
}

/// The section functions as code section entries, with where they call the prelude.
pub(crate) struct Sections {
    /// The entries (size and body each).
    pub bytes: Vec<u8>,
    /// Offsets in `bytes` of each call's one-byte prelude function index.
    pub calls: Vec<usize>,
    /// Prelude indices called, as a mask.
    pub used: u128,
    /// Each section's entry's length in `bytes` (its size and body): what compiling it is
    /// charged for.
    pub sizes: Vec<u32>,
}

/// How many section functions the code has: one from pc 0 and one from each JUMPDEST.
pub(crate) fn section_count(jumpdests: &[usize]) -> u32 {
    jumpdests.len() as u32 + 1
}

/// The [`section_count`] section functions for the decoded code, as code section entries
/// (size, no locals, body). `jumpdests` are the indices of the JUMPDEST instructions in
/// ascending order; section `n + 1` starts at `jumpdests[n]`. One body buffer is reused for
/// every section: translation runs at every call, and growing a buffer per function was a
/// fifth of its time.
pub(crate) fn write_sections(
    instrs: &[Instr<'_>],
    jumpdests: &[usize],
    capacity: usize,
) -> Sections {
    let section_of = |word: &[u8; 32]| -> Option<u32> {
        if word[..28].iter().any(|b| *b != 0) {
            return None;
        }
        let pc = u32::from_be_bytes([word[28], word[29], word[30], word[31]]);
        jumpdests
            .binary_search_by_key(&pc, |index| instrs[*index].pc)
            .ok()
            .map(|n| n as u32 + 1)
    };
    let count = section_count(jumpdests) as usize;
    let mut out = Sections {
        bytes: Vec::with_capacity(capacity),
        calls: Vec::new(),
        used: 0,
        sizes: Vec::with_capacity(count),
    };
    let mut body = Body {
        bytes: Vec::with_capacity(1024),
        calls: Vec::new(),
        used: 0,
    };
    for section in 0..count {
        let start = section.checked_sub(1).map_or(0, |n| jumpdests[n]);
        let end = jumpdests.get(section).copied().unwrap_or(instrs.len());
        body.bytes.clear();
        body.calls.clear();
        // No locals.
        body.bytes.push(0);
        let mut index = start;
        while index < end {
            let seg = segment_at(instrs, index);
            if seg.gas > 0 || seg.needs > 0 || seg.grows > 0 {
                body.sink()
                    .i64_const(seg.gas as i64)
                    .i32_const((seg.needs * 32) as i32)
                    .i32_const((seg.grows * 32) as i32);
                body.call(F_ENTER);
            }
            let mut k = seg.start;
            while k < seg.end {
                let instr = &instrs[k];
                let next = instrs.get(k + 1).filter(|_| k + 1 < seg.end);
                match next {
                    Some(jump) if instr.is_push() && matches!(jump.opcode, JUMP | JUMPI) => {
                        constant_jump(&mut body, section_of(&instr.push_value()), jump.opcode);
                        k += 2;
                    }
                    _ => {
                        instruction(&mut body, instr);
                        k += 1;
                    }
                }
            }
            index = seg.end;
            if instrs[seg.end - 1].halts() {
                // Dead code up to the next JUMPDEST.
                break;
            }
        }
        let next = if section + 1 < count {
            section as i32 + 1
        } else {
            STOP
        };
        body.sink().i32_const(next).end();
        let entry_start = out.bytes.len();
        body.bytes.len().encode(&mut out.bytes);
        let at = out.bytes.len();
        out.bytes.extend_from_slice(&body.bytes);
        out.sizes.push((out.bytes.len() - entry_start) as u32);
        out.calls.extend(body.calls.iter().map(|call| at + call));
    }
    out.used = body.used;
    out
}

/// `PUSH target; JUMP(I)` with the target known at translation time.
fn constant_jump(body: &mut Body, section: Option<u32>, opcode: u8) {
    match (section, opcode) {
        (Some(section), JUMP) => {
            body.sink().i32_const(section as i32).return_();
        }
        (None, JUMP) => {
            body.sink().unreachable();
        }
        (Some(section), _) => {
            body.call(F_POP_TRUTHY)
                .sink()
                .if_(BlockType::Empty)
                .i32_const(section as i32)
                .return_()
                .end();
        }
        (None, _) => {
            body.call(F_POP_TRUTHY)
                .sink()
                .if_(BlockType::Empty)
                .unreachable()
                .end();
        }
    }
}

/// Calls prelude function `function` with one constant argument.
fn call_with(f: &mut Body, function: u32, argument: i32) {
    f.sink().i32_const(argument);
    f.call(function);
}

/// Calls `getter` (an EEI import returning a number) and pushes its result.
fn push_result(f: &mut Body, getter: u32, push: u32) {
    f.call(getter).call(push);
}

fn instruction(f: &mut Body, instr: &Instr<'_>) {
    // Opcodes the EVM version does not define (decoding left them without info) halt.
    let opcode = if instr.info.is_some() {
        instr.opcode
    } else {
        INVALID
    };
    match opcode {
        0x00 => {
            f.sink().i32_const(STOP).return_();
        }
        0x14 => {
            f.call(F_OP_EQ);
        }
        0x15 => {
            f.call(F_OP_ISZERO);
        }
        0x16 => {
            f.call(F_OP_AND);
        }
        0x17 => {
            f.call(F_OP_OR);
        }
        0x18 => {
            f.call(F_OP_XOR);
        }
        0x19 => {
            f.call(F_OP_NOT);
        }
        // The host operates on the top of the stack and returns the new stack pointer.
        0x01..=0x0b | 0x10..=0x1e => {
            f.sink().i32_const(i32::from(opcode)).global_get(G_SP);
            f.call(F_U256).sink().global_set(G_SP);
        }
        0x20 => {
            f.call(F_OP_KECCAK256);
        }
        0x30 => call_with(f, F_PUSH_ADDRESS, 0),
        0x31 => {
            f.call(F_OP_BALANCE);
        }
        0x32 => call_with(f, F_PUSH_ADDRESS, 2),
        0x33 => call_with(f, F_PUSH_ADDRESS, 1),
        0x34 => call_with(f, F_PUSH_VALUE, 0),
        0x35 => {
            f.call(F_OP_CALLDATALOAD);
        }
        0x36 => {
            f.sink().global_get(G_CALL_DATA_SIZE);
            f.call(F_PUSH_I32);
        }
        0x37 => call_with(f, F_COPY_IN, 0),
        0x38 => push_result(f, F_GETCODESIZE, F_PUSH_I32),
        0x39 => call_with(f, F_COPY_IN, 1),
        0x3a => call_with(f, F_PUSH_VALUE, 1),
        0x3b => {
            f.call(F_OP_EXTCODESIZE);
        }
        0x3c => call_with(f, F_COPY_IN, 2),
        0x3d => push_result(f, F_GETRETURNDATASIZE, F_PUSH_I32),
        0x3e => {
            f.call(F_OP_RETURNDATACOPY);
        }
        0x3f => {
            f.call(F_OP_EXTCODEHASH);
        }
        0x40 => {
            f.call(F_OP_BLOCKHASH);
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
            f.call(F_OP_BLOBHASH);
        }
        0x4a => call_with(f, F_PUSH_BLOCK_VALUE, 2),
        // Inline: one of the most frequent instructions, cheaper than a call.
        0x50 => {
            f.sink()
                .global_get(G_SP)
                .i32_const(32)
                .i32_sub()
                .global_set(G_SP);
        }
        0x51 => {
            f.call(F_OP_MLOAD);
        }
        0x52 => {
            f.call(F_OP_MSTORE);
        }
        0x53 => {
            f.call(F_OP_MSTORE8);
        }
        0x54 => {
            f.call(F_OP_SLOAD);
        }
        0x55 => {
            f.call(F_OP_SSTORE);
        }
        0x56 => {
            f.call(F_JUMP).sink().return_();
        }
        0x57 => {
            f.call(F_JUMPI)
                .sink()
                .if_(BlockType::Empty)
                .global_get(G_TARGET)
                .return_()
                .end();
        }
        0x58 => push_constant(f, &{
            let mut word = [0u8; 32];
            word[28..].copy_from_slice(&instr.pc.to_be_bytes());
            word
        }),
        0x59 => {
            f.call(F_OP_MSIZE);
        }
        0x5a => push_result(f, F_GETGASLEFT, F_PUSH_I64),
        0x5b => {}
        0x5c => {
            f.call(F_OP_TLOAD);
        }
        0x5d => {
            f.call(F_OP_TSTORE);
        }
        0x5e => {
            f.call(F_OP_MCOPY);
        }
        0x5f..=0x7f => push_constant(f, &instr.push_value()),
        0x80..=0x8f => call_with(f, F_DUP, i32::from(opcode - 0x80 + 1)),
        0x90..=0x9f => call_with(f, F_SWAP, i32::from(opcode - 0x90 + 1)),
        0xa0..=0xa4 => call_with(f, F_OP_LOG, i32::from(opcode - 0xa0)),
        0xf0 => call_with(f, F_OP_CREATE, 0),
        0xf1 => call_with(f, F_OP_CALL, 0),
        0xf2 => call_with(f, F_OP_CALL, 1),
        // RETURN, REVERT and SELFDESTRUCT end the frame inside the host call.
        0xf3 => {
            call_with(f, F_OP_RETURN, 0);
            f.sink().unreachable();
        }
        0xf4 => call_with(f, F_OP_CALL, 2),
        0xf5 => call_with(f, F_OP_CREATE, 1),
        0xfa => call_with(f, F_OP_CALL, 3),
        0xfd => {
            call_with(f, F_OP_RETURN, 1);
            f.sink().unreachable();
        }
        0xff => {
            f.call(F_OP_SELFDESTRUCT).sink().unreachable();
        }
        // INVALID and undefined opcodes halt exceptionally.
        _ => {
            f.sink().unreachable();
        }
    }
}

/// Pushes a constant word, given as its 32 big-endian bytes.
fn push_constant(f: &mut Body, word: &[u8; 32]) {
    let lane = |at: usize| i64::from_le_bytes(word[at..at + 8].try_into().unwrap_or_default());
    if word[..28].iter().all(|b| *b == 0) {
        let low = i32::from_le_bytes([word[28], word[29], word[30], word[31]]);
        call_with(f, F_PUSH_SMALL, low);
    } else {
        f.sink()
            .i64_const(lane(0))
            .i64_const(lane(8))
            .i64_const(lane(16))
            .i64_const(lane(24));
        f.call(F_PUSH_WORD);
    }
}
