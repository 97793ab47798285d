//! The contracts the benchmarks run, built without `std`: Ewasm modules with wasm-encoder, EVM
//! bytecode by hand (a handful of opcodes).

use alloc::{vec, vec::Vec};
use wasm_encoder::{
    BlockType, CodeSection, ConstExpr, DataSection, EntityType, ExportKind, ExportSection,
    Function, FunctionSection, ImportSection, MemorySection, MemoryType, Module, TypeSection,
    ValType,
};

/// An Ewasm module: `main` with `body` (`locals` i64 locals) and, when `helper` is set, a
/// function 1 + imports `(i64) -> i64` with that body; one page of memory, `data` at offset 0,
/// and the EEI functions in `imports` (`(name, params, results)`, all i32).
struct Ewasm<'a> {
    imports: &'a [(&'a str, usize, usize)],
    locals: u32,
    body: &'a dyn Fn(&mut Function),
    helper: Option<&'a dyn Fn(&mut Function)>,
    data: &'a [u8],
}

impl Ewasm<'_> {
    fn encode(&self) -> Vec<u8> {
        let mut types = TypeSection::new();
        let mut imports = ImportSection::new();
        for (index, (name, params, results)) in self.imports.iter().enumerate() {
            types
                .ty()
                .function(vec![ValType::I32; *params], vec![ValType::I32; *results]);
            imports.import("ethereum", name, EntityType::Function(index as u32));
        }
        let imported = self.imports.len() as u32;
        types.ty().function([], []);
        types.ty().function([ValType::I64], [ValType::I64]);
        let mut functions = FunctionSection::new();
        let mut code = CodeSection::new();
        functions.function(imported);
        let mut main = Function::new([(self.locals, ValType::I64)]);
        (self.body)(&mut main);
        main.instructions().end();
        code.function(&main);
        if let Some(helper_body) = self.helper {
            functions.function(imported + 1);
            let mut helper = Function::new([]);
            helper_body(&mut helper);
            helper.instructions().end();
            code.function(&helper);
        }
        let mut memory = MemorySection::new();
        memory.memory(MemoryType {
            minimum: 1,
            maximum: None,
            memory64: false,
            shared: false,
            page_size_log2: None,
        });
        let mut exports = ExportSection::new();
        exports.export("main", ExportKind::Func, imported);
        exports.export("memory", ExportKind::Memory, 0);
        let mut data = DataSection::new();
        data.active(0, &ConstExpr::i32_const(0), self.data.iter().copied());
        let mut module = Module::new();
        module
            .section(&types)
            .section(&imports)
            .section(&functions)
            .section(&memory)
            .section(&exports)
            .section(&code)
            .section(&data);
        module.finish()
    }
}

/// A contract whose `main` returns at once: the least a call or a deployment runs.
pub fn noop() -> Vec<u8> {
    Ewasm {
        imports: &[],
        locals: 0,
        body: &|_| {},
        helper: None,
        data: &[],
    }
    .encode()
}

/// Init code of exactly `len` bytes (at least [`deployer_len`]) that deploys [`noop`] with
/// `finish`; a data segment pads it.
pub fn deployer(len: u32) -> Vec<u8> {
    let runtime = noop();
    let module = |padding: usize| {
        let mut data = runtime.clone();
        data.resize(runtime.len() + padding, 0);
        let runtime_len = runtime.len() as i32;
        Ewasm {
            imports: &[("finish", 2, 0)],
            locals: 0,
            body: &move |f| {
                f.instructions().i32_const(0).i32_const(runtime_len).call(0);
            },
            helper: None,
            data: &data,
        }
        .encode()
    };
    let target = len as usize;
    // The data segment's length is a LEB128 prefix: shrink the padding until the size fits.
    let mut padding = target.saturating_sub(module(0).len());
    let mut code = module(padding);
    while code.len() > target && padding > 0 {
        padding -= 1;
        code = module(padding);
    }
    code
}

/// The shortest [`deployer`].
pub fn deployer_len() -> u32 {
    deployer(0).len() as u32
}

/// Ewasm loops that run until they are out of gas, by kind of instruction.
pub enum EwasmLoop {
    /// `local.get`, `i64.add`, `local.set`, `br`.
    Alu,
    /// A call of an internal function per iteration.
    Call,
    /// `i64.store` and `i64.load`.
    Memory,
}

/// A contract running `kind` until its gas runs out.
pub fn ewasm_loop(kind: EwasmLoop) -> Vec<u8> {
    let body: &dyn Fn(&mut Function) = match kind {
        EwasmLoop::Alu => &|f| {
            f.instructions()
                .loop_(BlockType::Empty)
                .local_get(0)
                .i64_const(1)
                .i64_add()
                .local_set(0)
                .br(0)
                .end();
        },
        EwasmLoop::Call => &|f| {
            f.instructions()
                .loop_(BlockType::Empty)
                .local_get(0)
                .call(1)
                .local_set(0)
                .br(0)
                .end();
        },
        EwasmLoop::Memory => &|f| {
            f.instructions()
                .loop_(BlockType::Empty)
                .i32_const(8)
                .i32_const(16)
                .i64_load(wasm_encoder::MemArg {
                    offset: 0,
                    align: 3,
                    memory_index: 0,
                })
                .i64_store(wasm_encoder::MemArg {
                    offset: 0,
                    align: 3,
                    memory_index: 0,
                })
                .br(0)
                .end();
        },
    };
    let helper: &dyn Fn(&mut Function) = &|f| {
        f.instructions().local_get(0).i64_const(1).i64_add();
    };
    Ewasm {
        imports: &[],
        locals: 1,
        body,
        helper: Some(helper),
        data: &[],
    }
    .encode()
}

/// A contract of `len` bytes or a little more whose `main` calls a function of `len` bytes of
/// `i32.const 0; drop` pairs (`EWASM_INSTRUCTIONS_PER_BYTE`): loading, compiling and running
/// code in proportion to its length.
pub fn ewasm_sized(len: u32) -> Vec<u8> {
    let pairs = len / crate::rates::EWASM_INSTRUCTIONS_PER_BYTE.1 as u32;
    let helper: &dyn Fn(&mut Function) = &move |f| {
        let mut sink = f.instructions();
        for _ in 0..pairs {
            sink.i32_const(0).drop();
        }
        sink.local_get(0);
    };
    Ewasm {
        imports: &[],
        locals: 0,
        body: &|f| {
            f.instructions().i64_const(0).call(1).drop();
        },
        helper: Some(helper),
        data: &[],
    }
    .encode()
}

/// EVM opcodes the benchmarks use.
mod op {
    pub const STOP: u8 = 0x00;
    pub const ADD: u8 = 0x01;
    pub const MUL: u8 = 0x02;
    pub const SUB: u8 = 0x03;
    pub const DIV: u8 = 0x04;
    pub const SDIV: u8 = 0x05;
    pub const SMOD: u8 = 0x07;
    pub const MULMOD: u8 = 0x09;
    pub const EXP: u8 = 0x0a;
    pub const ISZERO: u8 = 0x15;
    pub const KECCAK256: u8 = 0x20;
    pub const CALLDATALOAD: u8 = 0x35;
    pub const POP: u8 = 0x50;
    pub const MLOAD: u8 = 0x51;
    pub const MSTORE: u8 = 0x52;
    pub const SLOAD: u8 = 0x54;
    pub const SSTORE: u8 = 0x55;
    pub const JUMP: u8 = 0x56;
    pub const JUMPI: u8 = 0x57;
    pub const JUMPDEST: u8 = 0x5b;
    pub const TLOAD: u8 = 0x5c;
    pub const TSTORE: u8 = 0x5d;
    pub const PUSH1: u8 = 0x60;
    pub const PUSH2: u8 = 0x61;
    pub const PUSH32: u8 = 0x7f;
    pub const DUP1: u8 = 0x80;
    pub const DUP2: u8 = 0x81;
    pub const SWAP1: u8 = 0x90;
    pub const SWAP16: u8 = 0x9f;
    pub const PUSH20: u8 = 0x73;
    pub const GAS: u8 = 0x5a;
    pub const CALL: u8 = 0xf1;
}

/// EVM loops that run until they are out of gas, by kind of instruction (the classes of the
/// ns-per-gas benchmark in tests/differential).
#[derive(Clone, Copy)]
pub enum EvmLoop {
    /// PUSH1, ADD, POP.
    Alu,
    /// DUP, MUL, DIV.
    MulDiv,
    /// SDIV and SMOD of a negative number.
    SignedDiv,
    /// MULMOD of 256-bit operands.
    MulMod,
    /// EXP with a two-byte exponent.
    Exp,
    /// SWAP16.
    Swap,
    /// MSTORE and MLOAD.
    Memory,
    /// KECCAK256 of 32 bytes.
    Keccak,
    /// Only the loop's JUMPDEST, PUSH2 and JUMP.
    Jump,
    /// TSTORE and TLOAD.
    Transient,
}

/// `setup`, then `body` repeated `times` in a loop that never ends.
fn looped(setup: &[u8], body: &[u8], times: usize) -> Vec<u8> {
    let mut code = setup.to_vec();
    let start = code.len() as u16;
    code.push(op::JUMPDEST);
    for _ in 0..times {
        code.extend_from_slice(body);
    }
    code.extend_from_slice(&[op::PUSH2, (start >> 8) as u8, start as u8, op::JUMP]);
    code
}

/// EVM code running `kind` until its gas runs out.
pub fn evm_loop(kind: EvmLoop) -> Vec<u8> {
    use op::*;
    let seventeen: Vec<u8> = (0..17u8).flat_map(|i| [PUSH1, i]).collect();
    let mut push32 = vec![PUSH32];
    push32.extend([0xfe; 32]);
    match kind {
        EvmLoop::Alu => looped(&[], &[PUSH1, 1, PUSH1, 2, ADD, POP], 16),
        EvmLoop::MulDiv => looped(&[PUSH1, 5], &[DUP1, DUP1, MUL, DUP2, SWAP1, DIV, POP], 16),
        EvmLoop::SignedDiv => looped(
            &push32,
            &[PUSH1, 3, DUP2, SDIV, PUSH1, 7, SWAP1, SMOD, POP],
            16,
        ),
        EvmLoop::MulMod => looped(&push32, &[DUP1, DUP1, DUP1, MULMOD, POP], 16),
        EvmLoop::Exp => looped(&[], &[PUSH2, 0xff, 0xff, PUSH1, 3, EXP, POP], 16),
        EvmLoop::Swap => looped(&seventeen, &[SWAP16], 64),
        EvmLoop::Memory => looped(
            &[],
            &[PUSH1, 7, PUSH1, 64, MSTORE, PUSH1, 64, MLOAD, POP],
            16,
        ),
        EvmLoop::Keccak => looped(&[], &[PUSH1, 32, PUSH1, 0, KECCAK256, POP], 8),
        EvmLoop::Jump => looped(&[], &[], 0),
        EvmLoop::Transient => looped(&[], &[PUSH1, 1, PUSH1, 1, TSTORE, PUSH1, 1, TLOAD, POP], 8),
    }
}

/// EVM code that counts down from its first call-data word `n`, running `access` with the
/// counter on the stack (which it must leave as it found it) each time: `n` storage accesses.
fn counted(access: &[u8]) -> Vec<u8> {
    use op::*;
    // PUSH1 0, CALLDATALOAD; loop: JUMPDEST, DUP1, ISZERO, PUSH2 end, JUMPI, access,
    // PUSH1 1, SWAP1, SUB, PUSH2 loop, JUMP; end: JUMPDEST, STOP.
    let loop_start: u16 = 3;
    let end = loop_start + 7 + access.len() as u16 + 8;
    let mut code = vec![PUSH1, 0, CALLDATALOAD, JUMPDEST, DUP1, ISZERO, PUSH2];
    code.extend([(end >> 8) as u8, end as u8, JUMPI]);
    code.extend_from_slice(access);
    code.extend([PUSH1, 1, SWAP1, SUB, PUSH2]);
    code.extend([
        (loop_start >> 8) as u8,
        loop_start as u8,
        JUMP,
        JUMPDEST,
        STOP,
    ]);
    debug_assert_eq!(code[end as usize], JUMPDEST);
    code
}

/// EVM code reading slots `n`, `n - 1`, …, 1 (`n` the first call-data word): cold SLOADs.
pub fn evm_sload() -> Vec<u8> {
    counted(&[op::DUP1, op::SLOAD, op::POP])
}

/// EVM code writing slot `i` := `i` for `i` from `n` down to 1: SSTOREs of new slots.
pub fn evm_sstore() -> Vec<u8> {
    counted(&[op::DUP1, op::DUP1, op::SSTORE])
}

/// EVM code calling the contract at `callee` `n` times (`n` the first call-data word), with no
/// value, input or output: `n` frames of the callee's code.
pub fn evm_caller(callee: [u8; 20]) -> Vec<u8> {
    use op::*;
    // retSize, retOffset, argsSize, argsOffset, value, address, gas: CALL; POP its status.
    let mut call = vec![PUSH1, 0, PUSH1, 0, PUSH1, 0, PUSH1, 0, PUSH1, 0, PUSH20];
    call.extend_from_slice(&callee);
    call.extend([GAS, CALL, POP]);
    counted(&call)
}

/// Call data whose first word is `n`.
pub fn word(n: u32) -> Vec<u8> {
    let mut data = vec![0u8; 32];
    data[28..].copy_from_slice(&n.to_be_bytes());
    data
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smallest_ewasm_contract_is_as_long_as_declared() {
        let len = ewasm_sized(0).len() as u64;
        let declared = crate::benchmark_needs::SMALLEST_EWASM_CODE_LEN;
        assert!((declared..declared + 4).contains(&len), "{len} bytes");
    }

    #[test]
    fn deployer_has_the_length_asked_for() {
        let min = deployer_len();
        for len in [min, min + 1, min + 127, min + 128, min + 1000, 128 * 1024] {
            assert_eq!(deployer(len).len() as u32, len);
        }
    }

    #[test]
    fn counted_loop_jumps_to_its_jumpdests() {
        for code in [evm_sload(), evm_sstore()] {
            assert_eq!(code[3], op::JUMPDEST);
            assert_eq!(code[code.len() - 2], op::JUMPDEST);
        }
    }
}
