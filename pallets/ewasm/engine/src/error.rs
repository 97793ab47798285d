//! Typed reasons for rejected modules and halted executions.

use core::fmt;

/// Why a module is not a valid Ewasm contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValidationError {
    /// Longer than the configured maximum code length.
    CodeTooLarge,
    /// Does not start with the wasm magic `\0asm`.
    BadMagic,
    /// Not wasm binary version 1.
    BadVersion,
    /// Not a well-formed, valid wasm module (includes floating point and post-MVP instructions).
    InvalidWasm,
    /// Has a start function.
    HasStartFunction,
    /// Imports from a namespace other than `ethereum` (or `debug` where enabled).
    ForbiddenImportNamespace,
    /// Imports a name that the EEI does not define.
    UnknownImport,
    /// Imports an EEI function with a signature other than the specified one.
    ImportSignatureMismatch,
    /// Imports something other than a function (memory, table or global).
    NonFunctionImport,
    /// Does not export `main`.
    MissingMain,
    /// `main` is not a function of type `() -> ()`.
    InvalidMain,
    /// Does not export `memory`.
    MissingMemory,
    /// `memory` is not a memory.
    InvalidMemory,
    /// Exports something besides `main` and `memory`.
    ExtraExports,
    /// Declares more initial memory pages than allowed.
    TooManyMemoryPages,
    /// Declares a table larger than allowed.
    TableTooLarge,
    /// Declares more globals than allowed.
    TooManyGlobals,
    /// Declares more functions than allowed.
    TooManyFunctions,
    /// A wasm module embedded in a custom section (the code a constructor deploys, as solc
    /// lays it out) is not a valid Ewasm contract.
    InvalidEmbeddedModule,
    /// EVM code a constructor returned starts with 0xEF, reserved by EIP-3541.
    ReservedEvmPrefix,
}

impl ValidationError {
    /// A short human-readable reason, shown to users in errors and events.
    pub fn reason(&self) -> &'static str {
        match self {
            Self::CodeTooLarge => "code is larger than the maximum code length",
            Self::BadMagic => "not a wasm module (missing \\0asm magic)",
            Self::BadVersion => "not a wasm version 1 module",
            Self::InvalidWasm => "invalid wasm (malformed, ill-typed, floats or non-MVP features)",
            Self::HasStartFunction => "contracts must not have a start function",
            Self::ForbiddenImportNamespace => "imports must come from the \"ethereum\" namespace",
            Self::UnknownImport => "import is not an EEI function",
            Self::ImportSignatureMismatch => "EEI import has the wrong signature",
            Self::NonFunctionImport => "only functions may be imported",
            Self::MissingMain => "missing \"main\" export",
            Self::InvalidMain => "\"main\" must be a function of type () -> ()",
            Self::MissingMemory => "missing \"memory\" export",
            Self::InvalidMemory => "\"memory\" export must be a memory",
            Self::ExtraExports => "only \"main\" and \"memory\" may be exported",
            Self::TooManyMemoryPages => "too many initial memory pages",
            Self::TableTooLarge => "table is too large",
            Self::TooManyGlobals => "too many globals",
            Self::TooManyFunctions => "too many functions",
            Self::ReservedEvmPrefix => "EVM code must not start with 0xEF (EIP-3541)",
            Self::InvalidEmbeddedModule => {
                "the contract embedded in a custom section (the code to deploy) is invalid"
            }
        }
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason())
    }
}

/// Why an execution frame halted exceptionally. A halt consumes all gas of the frame, except
/// [`HaltReason::HostRefused`] for a value transfer refused before any code ran and
/// [`HaltReason::HeapLimit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HaltReason {
    /// Gas (EEI costs, `useGas` or per-instruction fuel) ran out.
    OutOfGas,
    /// A wasm trap: `unreachable`, out-of-bounds memory access by wasm code, stack overflow, …
    WasmTrap,
    /// An EEI function was given an out-of-bounds pointer or an `offset + length` that overflows.
    InvalidMemoryAccess,
    /// A state-changing EEI function was called in static mode.
    StaticModeViolation,
    /// A negative gas amount, or a value or balance that does not fit in 128 bits.
    ArgumentOutOfRange,
    /// `log` with more than four topics.
    InvalidTopicCount,
    /// The code to run (or the code a constructor returned) is not a valid Ewasm contract.
    InvalidCode(ValidationError),
    /// A contract already exists at the address a creation targets.
    AddressCollision,
    /// The host refused an operation (for example a balance transfer it cannot perform).
    HostRefused,
    /// The frame would make the transaction's frames hold more heap than
    /// [`crate::EngineConfig::heap_budget`] allows: refused before any code ran, its gas
    /// returned, like a call beyond the depth limit.
    HeapLimit,
    /// The engine could not set up the frame (wasmi refused its fuel or its host functions):
    /// a fault of the engine, never of the contract.
    EngineFault,
    /// A precompile was given input it rejects (a point not on the curve, a wrong KZG proof,
    /// a malformed blake2f input, …).
    PrecompileFailed,
    /// Loading the frame's code would exceed the transaction's weight limit (see
    /// [`crate::gas::weight`]): the frame does not run and the transaction is to be aborted.
    OutOfWeight,
}

impl HaltReason {
    /// A short human-readable reason.
    pub fn reason(&self) -> &'static str {
        match self {
            Self::OutOfGas => "out of gas",
            Self::WasmTrap => "wasm trap",
            Self::InvalidMemoryAccess => "out of bounds memory access in an EEI call",
            Self::StaticModeViolation => "state change in static mode",
            Self::ArgumentOutOfRange => "argument out of range",
            Self::InvalidTopicCount => "more than four log topics",
            Self::InvalidCode(e) => e.reason(),
            Self::AddressCollision => "a contract already exists at the new address",
            Self::HostRefused => "the host refused the operation",
            Self::HeapLimit => "the frames of the transaction would hold too much memory",
            Self::EngineFault => "the engine could not set up the frame",
            Self::PrecompileFailed => "the precompile rejected its input",
            Self::OutOfWeight => "the transaction's weight limit is exhausted",
        }
    }
}

impl fmt::Display for HaltReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason())
    }
}
