//! Validation of Ewasm modules (ewasm/design `contract_interface.md`) before they are stored or run.

use crate::{
    eei::{self, ValKind},
    error::ValidationError,
    gas::schedule::EngineConfig,
};
use alloc::vec::Vec;
use wasmparser::{ExternalKind, FuncType, Parser, Payload, TypeRef, ValType};

/// The wasm magic and binary version 1.
const WASM_MAGIC: &[u8; 4] = b"\0asm";
const WASM_VERSION_1: &[u8; 4] = &[1, 0, 0, 0];

/// Whether `code` starts with the wasm magic (Ewasm code as opposed to anything else).
pub fn has_wasm_magic(code: &[u8]) -> bool {
    code.starts_with(WASM_MAGIC)
}

/// Fully validates `code` as an Ewasm contract: structure (imports, exports, start function,
/// limits) and every function body (types, no floating point, wasm v1 features only).
///
/// # Errors
/// The first rule `code` breaks.
pub fn validate(code: &[u8], config: &EngineConfig) -> Result<(), ValidationError> {
    if code.len() > config.max_code_len as usize {
        return Err(ValidationError::CodeTooLarge);
    }
    check_structure(code, config)?;
    let engine = wasmi::Engine::new(&wasmi_config(config, wasmi::CompilationMode::Eager));
    wasmi::Module::new(&engine, code).map_err(|_| ValidationError::InvalidWasm)?;
    Ok(())
}

/// The longest code a frame can run under `config`: stored Ewasm code, or, where EVM code
/// runs, init code at EIP-3860's limit.
pub fn largest_module_len(config: &EngineConfig) -> usize {
    let ewasm = config.max_code_len as usize;
    if config.evm_bytecode {
        ewasm.max(MAX_EVM_INIT_CODE_LEN)
    } else {
        ewasm
    }
}

/// Heap one frame may hold besides its linear memory and code: wasmi's value and call
/// stacks, the instance, the store, the host functions, the frame's call data and return data.
pub const FRAME_OVERHEAD: u64 = 1024 * 1024;
/// Heap a frame holds per byte of the code it runs: for a wasm module its bytes, wasmi's copy
/// of the function bodies and the code it compiles from them (every function called); for EVM
/// code the bytes and their JUMPDEST table, far less.
pub const HEAP_PER_MODULE_BYTE: u64 = 16;

/// The heap a frame running a module of `module_len` bytes may hold: its linear memory at the
/// page limit, the module compiled, and [`FRAME_OVERHEAD`]. Every frame has its own wasmi
/// engine, dropped when the frame ends, so a transaction holds this for each frame on its call
/// stack and nothing for frames that ended; [`EngineConfig::heap_budget`] bounds the sum.
pub fn frame_heap(config: &EngineConfig, module_len: usize) -> u64 {
    (u64::from(config.max_memory_pages) * 65_536)
        .saturating_add(HEAP_PER_MODULE_BYTE.saturating_mul(module_len as u64))
        .saturating_add(FRAME_OVERHEAD)
}

/// [`frame_heap`] of the largest module a frame can run.
pub fn frame_heap_bound(config: &EngineConfig) -> u64 {
    frame_heap(config, largest_module_len(config))
}

/// EIP-170's limit on deployed EVM code.
pub const MAX_EVM_CODE_LEN: usize = 0x6000;
/// EIP-3860's limit on EVM init code.
pub const MAX_EVM_INIT_CODE_LEN: usize = 2 * MAX_EVM_CODE_LEN;

/// Checks code a client stores (an upload or the init code of an instantiation): Ewasm is
/// validated fully, embedded modules included ([`validate_with_embedded`]); EVM bytecode, where
/// the engine accepts it, only has to fit EIP-3860's init code limit, since any byte string is
/// EVM code.
///
/// # Errors
/// The first rule `code` breaks.
pub fn validate_stored(code: &[u8], config: &EngineConfig) -> Result<(), ValidationError> {
    if config.evm_bytecode && !has_wasm_magic(code) {
        return if code.len() > MAX_EVM_INIT_CODE_LEN {
            Err(ValidationError::CodeTooLarge)
        } else {
            Ok(())
        };
    }
    validate_with_embedded(code, config)
}

/// Checks the code a constructor returned before it is installed: Ewasm is validated; EVM
/// code must fit EIP-170 (and the chain's limit) and must not start with 0xEF (EIP-3541).
///
/// # Errors
/// The first rule `code` breaks.
pub fn validate_deployed(code: &[u8], config: &EngineConfig) -> Result<(), ValidationError> {
    if code.len() > config.max_code_len as usize {
        return Err(ValidationError::CodeTooLarge);
    }
    if has_wasm_magic(code) {
        return validate(code, config);
    }
    if config.evm_bytecode {
        if code.len() > MAX_EVM_CODE_LEN {
            return Err(ValidationError::CodeTooLarge);
        }
        if code.first() == Some(&0xef) {
            return Err(ValidationError::ReservedEvmPrefix);
        }
    }
    Ok(())
}

/// [`validate`] plus every wasm module embedded in a custom section: solc's Ewasm deploy code
/// carries the contract it deploys there, so an upload can be refused before a constructor
/// would return invalid code. Used where code is stored, not where it runs.
///
/// # Errors
/// The first rule `code` breaks, or [`ValidationError::InvalidEmbeddedModule`].
pub fn validate_with_embedded(code: &[u8], config: &EngineConfig) -> Result<(), ValidationError> {
    validate(code, config)?;
    for payload in Parser::new(0).parse_all(code) {
        if let Ok(Payload::CustomSection(section)) = payload {
            if has_wasm_magic(section.data()) {
                validate(section.data(), config)
                    .map_err(|_| ValidationError::InvalidEmbeddedModule)?;
            }
        }
    }
    Ok(())
}

/// What instantiating a module costs beyond its code: the linear memory it starts with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Structure {
    /// Initial pages (64 KiB each) of its memory, which instantiation allocates and zeroes.
    pub initial_memory_pages: u32,
}

/// Checks everything but the function bodies and the code length: cheap enough to run before
/// every execution, including constructors, whose length only memory bounds.
///
/// # Errors
/// The first structural rule `code` breaks.
pub fn check_structure(code: &[u8], config: &EngineConfig) -> Result<Structure, ValidationError> {
    if !has_wasm_magic(code) {
        return Err(ValidationError::BadMagic);
    }
    if code.get(4..8) != Some(WASM_VERSION_1.as_slice()) {
        return Err(ValidationError::BadVersion);
    }

    let mut types: Vec<FuncType> = Vec::new();
    let mut func_types: Vec<u32> = Vec::new();
    let mut memories = 0u32;
    let mut initial_memory_pages = 0u32;
    let mut globals = 0u32;
    let mut main: Option<(ExternalKind, u32)> = None;
    let mut memory_export: Option<ExternalKind> = None;
    let mut exports = 0u32;

    for payload in Parser::new(0).parse_all(code) {
        match payload.map_err(|_| ValidationError::InvalidWasm)? {
            Payload::TypeSection(reader) => {
                for ty in reader.into_iter_err_on_gc_types() {
                    types.push(ty.map_err(|_| ValidationError::InvalidWasm)?);
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader {
                    let import = import.map_err(|_| ValidationError::InvalidWasm)?;
                    let TypeRef::Func(type_index) = import.ty else {
                        return Err(ValidationError::NonFunctionImport);
                    };
                    let ty = types
                        .get(type_index as usize)
                        .ok_or(ValidationError::InvalidWasm)?;
                    check_import(import.module, import.name, ty, config.allow_debug)?;
                    func_types.push(type_index);
                }
            }
            Payload::FunctionSection(reader) => {
                for type_index in reader {
                    func_types.push(type_index.map_err(|_| ValidationError::InvalidWasm)?);
                }
            }
            Payload::TableSection(reader) => {
                for table in reader {
                    let table = table.map_err(|_| ValidationError::InvalidWasm)?;
                    if table.ty.initial > u64::from(config.max_table_size) {
                        return Err(ValidationError::TableTooLarge);
                    }
                }
            }
            Payload::MemorySection(reader) => {
                for memory in reader {
                    let memory = memory.map_err(|_| ValidationError::InvalidWasm)?;
                    if memory.initial > u64::from(config.max_memory_pages) {
                        return Err(ValidationError::TooManyMemoryPages);
                    }
                    // Checked against a `u32` limit just above.
                    initial_memory_pages = memory.initial as u32;
                    memories = memories.saturating_add(1);
                }
            }
            // Section counts are declared by the code: add them without overflow.
            Payload::GlobalSection(reader) => globals = globals.saturating_add(reader.count()),
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export.map_err(|_| ValidationError::InvalidWasm)?;
                    exports = exports.saturating_add(1);
                    match export.name {
                        "main" => main = Some((export.kind, export.index)),
                        "memory" => memory_export = Some(export.kind),
                        _ => {}
                    }
                }
            }
            Payload::StartSection { .. } => return Err(ValidationError::HasStartFunction),
            _ => {}
        }
    }

    if globals > config.max_globals {
        return Err(ValidationError::TooManyGlobals);
    }
    if func_types.len() > config.max_functions as usize {
        return Err(ValidationError::TooManyFunctions);
    }
    let (main_kind, main_index) = main.ok_or(ValidationError::MissingMain)?;
    let memory_kind = memory_export.ok_or(ValidationError::MissingMemory)?;
    if exports != 2 {
        return Err(ValidationError::ExtraExports);
    }
    if main_kind != ExternalKind::Func {
        return Err(ValidationError::InvalidMain);
    }
    let main_type = func_types
        .get(main_index as usize)
        .and_then(|index| types.get(*index as usize))
        .ok_or(ValidationError::InvalidMain)?;
    if !main_type.params().is_empty() || !main_type.results().is_empty() {
        return Err(ValidationError::InvalidMain);
    }
    if memory_kind != ExternalKind::Memory || memories == 0 {
        return Err(ValidationError::InvalidMemory);
    }
    Ok(Structure {
        initial_memory_pages,
    })
}

/// Checks one imported function against the EEI (or the debug namespace where enabled).
fn check_import(
    module: &str,
    name: &str,
    ty: &FuncType,
    allow_debug: bool,
) -> Result<(), ValidationError> {
    let table = match module {
        eei::NAMESPACE => eei::FUNCTIONS,
        eei::DEBUG_NAMESPACE if allow_debug => eei::DEBUG_FUNCTIONS,
        _ => return Err(ValidationError::ForbiddenImportNamespace),
    };
    let function = table
        .iter()
        .find(|f| f.name == name)
        .ok_or(ValidationError::UnknownImport)?;
    if !same_types(function.params, ty.params()) || !same_types(function.results, ty.results()) {
        return Err(ValidationError::ImportSignatureMismatch);
    }
    Ok(())
}

fn same_types(expected: &[ValKind], actual: &[ValType]) -> bool {
    expected.len() == actual.len()
        && expected.iter().zip(actual).all(|(e, a)| match e {
            ValKind::I32 => *a == ValType::I32,
            ValKind::I64 => *a == ValType::I64,
        })
}

/// The deterministic wasmi configuration: wasm v1 without floats, optional fuel metering.
pub(crate) fn wasmi_config(config: &EngineConfig, mode: wasmi::CompilationMode) -> wasmi::Config {
    let mut wasmi_config = wasmi::Config::default();
    wasmi_config
        .floats(false)
        .wasm_mutable_global(false)
        .wasm_sign_extension(false)
        .wasm_saturating_float_to_int(false)
        .wasm_multi_value(false)
        .wasm_multi_memory(false)
        .wasm_bulk_memory(false)
        .wasm_reference_types(false)
        .wasm_tail_call(false)
        .wasm_extended_const(false)
        .wasm_custom_page_sizes(false)
        .wasm_wide_arithmetic(false)
        .ignore_custom_sections(true)
        .consume_fuel(config.instruction_cost > 0)
        .compilation_mode(mode);
    wasmi_config
}
