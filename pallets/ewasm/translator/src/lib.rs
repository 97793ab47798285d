//! EVM bytecode → Ewasm translation.
//!
//! [`translate`] turns EVM bytecode (init or runtime code, any `evmVersion` up to Cancun) into a
//! wasm module that pallet-ewasm's engine runs through the EEI. The module carries the part of
//! a small runtime library (`prelude.wat`: EVM stack, memory expansion, operand decoding) that
//! its code reaches (see [`carried`]) and one function per JUMPDEST-delimited section of the
//! code, run by `main` (see [`codegen`]). 256-bit arithmetic, keccak256, CREATE2,
//! EXTCODEHASH, transient storage and the chain id / base fee come from a handful of host
//! extensions in the `evm` import namespace, implemented natively by the engine.
//!
//! Gas: each straight-line segment charges the static EVM cost of its instructions once, on
//! entry (with `useGas`); memory expansion, copies, init code words and log data are charged
//! exactly where they arise; the EEI charges storage writes, value transfers and new accounts.
//! Segments end before every instruction that reads the gas left (GAS, CALL*, CREATE*), so
//! those see exactly the gas the EVM would show them.
//!
//! The output is linear in the input: at most a bounded number of bytes per EVM instruction
//! plus a function, a table entry and two data bytes per JUMPDEST ([`MAX_WASM_PER_BYTE`]).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod analysis;
mod carried;
mod codegen;
mod opcode;

#[allow(dead_code)] // every prelude function gets a constant; `main` calls a subset
mod prelude {
    include!(concat!(env!("OUT_DIR"), "/prelude.rs"));
}

use alloc::vec::Vec;
use carried::Carried;
use wasm_encoder::{
    ConstExpr, DataSection, ElementSection, Elements, Encode, ExportKind, ExportSection,
    FunctionSection, MemorySection, MemoryType, RawSection, RefType, Section, TableSection,
    TableType,
};

/// Longest bytecode accepted: EIP-3860's init code limit (runtime code is limited to 24 KiB by
/// EIP-170 before it gets here).
pub const MAX_CODE_LEN: usize = 0xc000;

/// Most wasm bytes one byte of EVM code turns into (a JUMPDEST: a function with its type,
/// body header, segment entry call and return, a table element and a table entry); checked by
/// the tests.
pub const MAX_WASM_PER_BYTE: usize = 24;

/// The most bytes [`translate`] produces for `code_len` bytes of EVM code: the prelude, the
/// module's fixed sections and [`MAX_WASM_PER_BYTE`] per byte (checked by the tests).
pub const fn max_module_len(code_len: usize) -> usize {
    PRELUDE_LEN + 400 + MAX_WASM_PER_BYTE * code_len
}

/// The most bytes of the prelude a module carries: all of it, each body with a size.
const PRELUDE_LEN: usize = prelude::TYPES.len()
    + prelude::IMPORT_ENTRIES.len()
    + prelude::GLOBALS.len()
    + prelude::BODIES.len()
    + 3 * prelude::BODY_ENDS.len();

/// How many JUMPDESTs `code` has (JUMPDEST bytes inside PUSH data are data): [`translate`]
/// makes one wasm function of each, plus one for the code from pc 0.
pub fn jumpdest_count(code: &[u8]) -> usize {
    analysis::count_jumpdests(code)
}

/// Where the JUMPDEST table starts in the module's memory (after the stack and scratch space).
const JUMP_TABLE: u32 = 0x8100;
const PAGE: u32 = 0x1_0000;

/// Why bytecode cannot be translated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TranslateError {
    /// Longer than [`MAX_CODE_LEN`].
    CodeTooLarge,
}

/// Which opcodes exist: Cancun's, or also Osaka's CLZ (EIP-7939), which solc 0.8.37's default
/// EVM version (osaka) may emit. Gas is Cancun's either way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum EvmVersion {
    Cancun,
    #[default]
    Osaka,
}

impl EvmVersion {
    /// Whether `opcode` is defined in this version (if it is in any).
    const fn defines(self, opcode: u8) -> bool {
        opcode != opcode::CLZ || matches!(self, EvmVersion::Osaka)
    }
}

/// Translates EVM bytecode into an Ewasm module with every opcode this crate knows
/// ([`EvmVersion::default`]); see [`translate_for`].
///
/// # Errors
/// [`TranslateError::CodeTooLarge`] above [`MAX_CODE_LEN`].
pub fn translate(code: &[u8]) -> Result<Vec<u8>, TranslateError> {
    translate_for(code, EvmVersion::default())
}

/// Translates EVM bytecode into an Ewasm module, with `version`'s opcodes. Any byte string is
/// valid EVM code (invalid instructions halt when reached), so only the length can be refused.
///
/// # Errors
/// [`TranslateError::CodeTooLarge`] above [`MAX_CODE_LEN`].
pub fn translate_for(code: &[u8], version: EvmVersion) -> Result<Vec<u8>, TranslateError> {
    translate_with_sections(code, version).map(|translation| translation.module)
}

/// A translated module and the sizes of its section functions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Translation {
    /// The Ewasm module.
    pub module: Vec<u8>,
    /// Bytes of each section function's code section entry, in section order (section `n` is
    /// the one `main` dispatches as `n`; `evm.enterSection(n)` is called the first time a frame
    /// enters it). The rest of the module is what a frame loads whatever it runs.
    pub section_sizes: Vec<u32>,
}

impl Translation {
    /// Bytes of the module outside the section functions.
    pub fn carried_len(&self) -> usize {
        self.module.len()
            - self
                .section_sizes
                .iter()
                .map(|n| *n as usize)
                .sum::<usize>()
    }
}

/// [`translate_for`], with the sizes of the section functions.
///
/// # Errors
/// [`TranslateError::CodeTooLarge`] above [`MAX_CODE_LEN`].
pub fn translate_with_sections(
    code: &[u8],
    version: EvmVersion,
) -> Result<Translation, TranslateError> {
    if code.len() > MAX_CODE_LEN {
        return Err(TranslateError::CodeTooLarge);
    }
    let instrs = analysis::decode(code, version);
    let jumpdests: Vec<usize> = instrs
        .iter()
        .enumerate()
        .filter(|(_, i)| i.opcode == opcode::JUMPDEST)
        .map(|(index, _)| index)
        .collect();
    let table: Vec<u8> = jumpdests
        .iter()
        .flat_map(|index| (instrs[*index].pc as u16).to_le_bytes())
        .collect();
    // `main` builds the index of the table (a u16 per program counter up to the last
    // JUMPDEST) right after it, before EVM memory.
    let pcs = jumpdests.last().map_or(0, |index| instrs[*index].pc + 1);
    let count = codegen::section_count(&jumpdests);
    let index = JUMP_TABLE + table.len() as u32;
    let seen = index + 2 * pcs;
    let layout = codegen::Layout {
        index,
        pcs,
        seen,
        mem_base: (seen + count).next_multiple_of(32),
    };
    let mut sections = codegen::write_sections(&instrs, &jumpdests, code.len() * 8);
    let main_calls = codegen::MAIN_CALLS
        .iter()
        .fold(0u128, |mask, f| mask | 1 << f);
    let carried = Carried::reached_from(sections.used | main_calls);
    carried.renumber(&mut sections.bytes, sections.calls.iter().copied());
    let main = codegen::main_body(count, &layout, |f| carried.index_of(f));
    let first_section = carried.main() + 1;

    let mut module = Vec::with_capacity(PRELUDE_LEN + sections.bytes.len() + code.len() * 2);
    module.extend_from_slice(b"\0asm\x01\0\0\0");
    module.extend_from_slice(prelude::TYPES);
    append(
        &mut module,
        &RawSection {
            id: 2,
            data: &carried.import_entries(),
        },
    );
    let mut functions = FunctionSection::new();
    for ty in carried.function_types() {
        functions.function(ty);
    }
    functions.function(prelude::T_MAIN);
    for _ in 0..count {
        functions.function(prelude::T_SECTION);
    }
    append(&mut module, &functions);
    let mut tables = TableSection::new();
    tables.table(TableType {
        element_type: RefType::FUNCREF,
        minimum: u64::from(count),
        maximum: Some(u64::from(count)),
        table64: false,
        shared: false,
    });
    append(&mut module, &tables);
    let mut memory = MemorySection::new();
    memory.memory(MemoryType {
        minimum: u64::from(layout.mem_base.div_ceil(PAGE)),
        maximum: None,
        memory64: false,
        shared: false,
        page_size_log2: None,
    });
    append(&mut module, &memory);
    module.extend_from_slice(prelude::GLOBALS);
    let mut exports = ExportSection::new();
    exports.export("main", ExportKind::Func, carried.main());
    exports.export("memory", ExportKind::Memory, 0);
    append(&mut module, &exports);
    let indices: Vec<u32> = (first_section..first_section + count).collect();
    let mut elements = ElementSection::new();
    elements.active(
        None,
        &ConstExpr::i32_const(0),
        Elements::Functions(indices.into()),
    );
    append(&mut module, &elements);

    // The code section: the count, the carried prelude, `main`, then the sections, which go
    // into the module as they are (not copied into the section first).
    let mut code_head = Vec::with_capacity(prelude::BODIES.len() + 128);
    (carried.functions() + 1 + count).encode(&mut code_head);
    carried.write_bodies(&mut code_head);
    main.encode(&mut code_head);
    module.push(10);
    (code_head.len() + sections.bytes.len()).encode(&mut module);
    module.extend_from_slice(&code_head);
    module.extend_from_slice(&sections.bytes);
    if !table.is_empty() {
        let mut data = DataSection::new();
        data.active(0, &ConstExpr::i32_const(JUMP_TABLE as i32), table);
        append(&mut module, &data);
    }
    Ok(Translation {
        module,
        section_sizes: sections.sizes,
    })
}

fn append(module: &mut Vec<u8>, section: &impl Section) {
    module.push(section.id());
    section.encode(module);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validate(module: &[u8]) {
        let mut features = wasmparser::WasmFeatures::empty();
        features.insert(
            wasmparser::WasmFeatures::MUTABLE_GLOBAL | wasmparser::WasmFeatures::BULK_MEMORY,
        );
        wasmparser::Validator::new_with_features(features)
            .validate_all(module)
            .expect("translated module validates");
    }

    #[test]
    fn translates_every_opcode_into_valid_wasm() {
        // Every byte value as an opcode, each preceded by enough pushes, plus jumps.
        let mut code = Vec::new();
        for opcode in 0..=255u8 {
            code.extend_from_slice(&[0x5b, 0x60, 0x01, 0x60, 0x02, opcode]);
        }
        validate(&translate(&code).unwrap());
        validate(&translate(&[]).unwrap());
        validate(&translate(&[0x60, 0x03, 0x56, 0x5b, 0x00]).unwrap());
        validate(&translate(&[0x7f]).unwrap());
    }

    /// The `module.name` of each import of `module`, and how many functions it defines.
    fn imports_and_functions(module: &[u8]) -> (Vec<alloc::string::String>, u32) {
        let (mut imports, mut functions) = (Vec::new(), 0);
        for payload in wasmparser::Parser::new(0).parse_all(module) {
            match payload.unwrap() {
                wasmparser::Payload::ImportSection(reader) => {
                    for import in reader {
                        let import = import.unwrap();
                        imports.push(alloc::format!("{}.{}", import.module, import.name));
                    }
                }
                wasmparser::Payload::FunctionSection(reader) => functions = reader.count(),
                _ => {}
            }
        }
        (imports, functions)
    }

    #[test]
    fn modules_carry_only_the_prelude_their_code_reaches() {
        let every_opcode: Vec<u8> = (0..=255u8)
            .flat_map(|opcode| [0x5b, 0x60, 0x01, 0x60, 0x02, opcode])
            .collect();
        let (all, all_functions) = imports_and_functions(&translate(&every_opcode).unwrap());
        assert_eq!(
            all.len() as u32,
            prelude::IMPORTS,
            "every opcode needs every import"
        );

        // STOP: `main` reads the call data size, indexes the (empty) JUMPDEST table and has
        // the engine charge the section it enters.
        let (stop, stop_functions) = imports_and_functions(&translate(&[0x00]).unwrap());
        assert_eq!(stop, ["ethereum.getCallDataSize", "evm.enterSection"]);
        assert!(stop_functions < 10, "{stop_functions} functions for STOP");

        // SLOAD brings its host function and what reads its operand, not the calls.
        let (sload, sload_functions) =
            imports_and_functions(&translate(&[0x60, 0x00, 0x54, 0x00]).unwrap());
        assert!(sload.iter().any(|i| i == "evm.sload"), "{sload:?}");
        assert!(!sload.iter().any(|i| i == "ethereum.call"), "{sload:?}");
        assert!(stop_functions < sload_functions && sload_functions < all_functions);
    }

    #[test]
    fn jumpdests_are_counted_as_decoded() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(9);
        for _ in 0..200 {
            let code: Vec<u8> = (0..rng.random_range(0..500))
                .map(|_| rng.random())
                .collect();
            let decoded = analysis::decode(&code, EvmVersion::default())
                .iter()
                .filter(|i| i.opcode == opcode::JUMPDEST)
                .count();
            assert_eq!(jumpdest_count(&code), decoded);
        }
        // A JUMPDEST byte in PUSH data is not one.
        assert_eq!(jumpdest_count(&[0x60, 0x5b, 0x5b]), 1);
    }

    #[test]
    fn any_bytes_translate_to_valid_wasm_within_the_size_bound() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let bound = max_module_len;
        let mut inputs: Vec<Vec<u8>> = (0..200)
            .map(|_| {
                let len = rng.random_range(0..3000);
                (0..len).map(|_| rng.random()).collect()
            })
            .collect();
        // Worst cases for size: every byte a JUMPDEST, a JUMPDEST between every push.
        inputs.push(vec![0x5b; 6000]);
        inputs.push([0x5b, 0x60, 0x01].repeat(2000));
        inputs.push(
            [0x5b, 0x7f]
                .into_iter()
                .chain([0xff; 32])
                .collect::<Vec<_>>()
                .repeat(100),
        );
        for input in inputs {
            let module = translate(&input).unwrap();
            validate(&module);
            assert!(
                module.len() <= bound(input.len()),
                "{} bytes from {}",
                module.len(),
                input.len()
            );
        }
    }

    #[test]
    fn output_is_linear_in_input() {
        let block: Vec<u8> = [0x5b, 0x7f]
            .into_iter()
            .chain([0xff; 32])
            .chain([0x80, 0x56])
            .collect();
        let small = translate(&block.repeat(10)).unwrap().len();
        let large = translate(&block.repeat(1000)).unwrap().len();
        let per_block = (large - small) / 990;
        assert!(
            per_block < 80,
            "{per_block} bytes of wasm per 36 bytes of EVM code"
        );
    }

    #[test]
    fn refuses_code_above_the_init_code_limit() {
        assert_eq!(
            translate(&vec![0; MAX_CODE_LEN + 1]),
            Err(TranslateError::CodeTooLarge)
        );
        assert!(translate(&vec![0x5b; MAX_CODE_LEN]).is_ok());
    }
}
