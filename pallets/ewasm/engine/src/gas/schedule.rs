//! The gas schedule (hera's Byzantium EEI costs) and the engine's configuration.

/// EEI gas costs. `Default` is hera's Byzantium schedule, which the ewasm state tests assume.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GasSchedule {
    /// `storageLoad`.
    pub storage_load: u64,
    /// `storageStore` of a non-zero value into a zero slot.
    pub storage_store_create: u64,
    /// Any other `storageStore` (charged up front, before the slot is read).
    pub storage_store_change: u64,
    /// Refund for clearing a non-zero slot (Byzantium `R_sclear`).
    pub storage_clear_refund: u64,
    /// `log` base cost.
    pub log: u64,
    /// `log` per data byte.
    pub log_data: u64,
    /// `log` per topic.
    pub log_topic: u64,
    /// `create` base cost.
    pub create: u64,
    /// Per byte of code a successful creation deploys.
    pub code_deposit: u64,
    /// `call`, `callCode`, `callDelegate`, `callStatic` base cost.
    pub call: u64,
    /// Copies: per 32-byte word.
    pub copy: u64,
    /// `getBlockHash`.
    pub blockhash: u64,
    /// `getExternalBalance`.
    pub balance: u64,
    /// Simple getters (`getAddress`, `getCaller`, …).
    pub base: u64,
    /// Base cost of `callDataCopy`, `codeCopy`, `returnDataCopy`.
    pub verylow: u64,
    /// `getExternalCodeSize` and base cost of `externalCodeCopy`.
    pub extcode: u64,
    /// `selfDestruct`.
    pub selfdestruct: u64,
    /// Refund for the first `selfDestruct` of an account in a transaction.
    pub selfdestruct_refund: u64,
    /// Extra cost of a call that transfers value.
    pub value_transfer: u64,
    /// Gas added to the callee of a value-transferring call.
    pub value_stipend: u64,
    /// Extra cost of sending value to (or self-destructing into) an account that does not exist.
    pub new_account: u64,
    /// Per frame that runs EVM code, beside its code's bytes: setting up the interpreter, the
    /// frame's checkpoint and the reads that locate its code. The `evm_frames` benchmark
    /// measured a frame of the smallest contract at 6.28 µs in the wasm runtime (2026-12-07
    /// 21:15), 1,570 units at a byte of code's 4.0 ns; the adversarial suite's loop of calls to
    /// a deployed three-instruction contract took 11.6 µs per frame in the same runtime and
    /// ran at 1.19 of its charge with 1,600, so a frame is 4,000.
    pub evm_frame: u64,
    /// Per byte of the EVM code a frame runs: copying it into the frame and finding its
    /// JUMPDESTs before it runs.
    pub evm_analysis_byte: u64,
    /// Per byte of Ewasm code a frame loads (read, parsed and compiled on first call), and per
    /// byte of code `externalCodeCopy` reads (it reads all of it, whatever it copies).
    pub code_load_byte: u64,
    /// Per initial memory page (64 KiB) an Ewasm frame's instantiation allocates and zeroes.
    pub memory_page: u64,
    /// Per 32-byte word of data an Ewasm frame hands to the host: call and create input, and
    /// the output of `finish` and `revert`.
    pub data_word: u64,
}

impl GasSchedule {
    /// hera's schedule plus the charges hera leaves out for work a public chain must not do
    /// for free: loading code per byte, initial memory per page, data copies per word.
    pub fn public_chain() -> Self {
        Self {
            code_load_byte: 1,
            memory_page: 512,
            data_word: 3,
            ..Self::default()
        }
    }

    /// What a frame of EVM `code` pays to the weight meter before it runs.
    pub fn evm_frame_cost(&self, code_len: usize) -> u64 {
        (code_len as u64)
            .saturating_mul(self.evm_analysis_byte)
            .saturating_add(self.evm_frame)
    }
}

impl Default for GasSchedule {
    fn default() -> Self {
        Self {
            storage_load: 200,
            storage_store_create: 20_000,
            storage_store_change: 5_000,
            storage_clear_refund: 15_000,
            log: 375,
            log_data: 8,
            log_topic: 375,
            create: 32_000,
            code_deposit: 200,
            call: 700,
            copy: 3,
            blockhash: 800,
            balance: 400,
            base: 2,
            verylow: 3,
            extcode: 700,
            selfdestruct: 5_000,
            selfdestruct_refund: 24_000,
            value_transfer: 9_000,
            value_stipend: 2_300,
            new_account: 25_000,
            evm_frame: 4_000,
            evm_analysis_byte: 1,
            code_load_byte: 0,
            memory_page: 0,
            data_word: 0,
        }
    }
}

/// Limits and switches of the engine. `Default` is hera-compatible: no per-instruction cost and
/// only wasm's own limits; a chain sets tighter ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EngineConfig {
    /// EEI costs.
    pub schedule: GasSchedule,
    /// Gas per executed wasm instruction (wasmi fuel unit). 0 disables instruction metering and
    /// gives hera semantics; a chain must set it above 0 so that no code runs unbounded.
    pub instruction_cost: u64,
    /// Deepest nesting of calls and creates; the outermost frame has depth 0.
    pub max_call_depth: u32,
    /// Longest code accepted for storage (uploads and constructor output), in bytes; the
    /// default is Ethereum's EIP-170 limit.
    pub max_code_len: u32,
    /// Most memory pages (64 KiB each) a contract may declare or grow to.
    pub max_memory_pages: u32,
    /// Most table elements.
    pub max_table_size: u32,
    /// Most globals.
    pub max_globals: u32,
    /// Most functions (imported and defined).
    pub max_functions: u32,
    /// Accept imports from the `debug` namespace (never on a production chain).
    pub allow_debug: bool,
    /// Accept EVM bytecode (anything without the wasm magic) and run it on the EVM interpreter.
    /// Off in the hera-compatible default, where such code is simply invalid.
    pub evm_bytecode: bool,
    /// The EVM version EVM code runs as: Osaka by default, Cancun for ethereum/tests' Cancun
    /// suite.
    pub evm_version: EvmVersion,
    /// Most heap the frames on a transaction's call stack may hold together, by the estimate of
    /// [`crate::prepare::frame_heap`]; a call or create beyond it is refused like one beyond the
    /// depth limit. Unbounded in the default.
    pub heap_budget: u64,
}

impl Default for EngineConfig {
    fn default() -> Self {
        Self {
            schedule: GasSchedule::default(),
            instruction_cost: 0,
            max_call_depth: 1024,
            max_code_len: 0x6000,
            max_memory_pages: 65_536,
            max_table_size: u32::MAX,
            max_globals: u32::MAX,
            max_functions: u32::MAX,
            allow_debug: false,
            evm_bytecode: false,
            evm_version: EvmVersion::default(),
            heap_budget: u64::MAX,
        }
    }
}

/// The EVM version EVM frames run (revm's instruction set and gas for it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EvmVersion {
    /// Cancun (March 2024).
    Cancun,
    /// Osaka (December 2025): Cancun and Prague's instructions plus CLZ (EIP-7939).
    #[default]
    Osaka,
}
