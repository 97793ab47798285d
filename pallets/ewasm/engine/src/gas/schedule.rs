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
    /// Translating EVM bytecode into Ewasm, per byte of EVM code, each time a frame runs it
    /// (charged before translating: the translator writes up to 24 wasm bytes per EVM byte).
    /// It also pays for parsing the sections the frame does not enter (their module bytes are
    /// charged only on entry): a section of JUMPIs no call enters took 92 ns per EVM byte
    /// natively against 46 ns per unit for JUMPDEST code compiled whole (2026-12-07), so 2.
    pub evm_translation: u64,
    /// Per byte of the translated module: its carried part (runtime library, `main`) after
    /// translation and before wasmi parses it, each section function the first time the frame
    /// enters it, before wasmi compiles it (a frame pays for what it compiles, not for every
    /// section its code has). Parsing and compiling cost about the same per wasm byte whatever the EVM code
    /// (14–28 ns natively, 2026-12-07), while the wasm an EVM byte makes ranges from 0 (PUSH
    /// data) to 19 bytes (a JUMPDEST) — a dense run of JUMPIs compiled 28 times as long per
    /// EVM byte as a run of JUMPDESTs did per unit when only EVM bytes were charged.
    pub evm_module_byte: u64,
    /// Per frame that runs EVM code, beside its code's units: the engine's set-up, linking and
    /// instantiation. Sized with `evm_jumpdest` and `evm_translation` so that pallet-ewasm's
    /// loading benchmarks cost about the same per unit in the wasm runtime (2026-12-07, 04:22
    /// generation: a frame of the smallest contract 126.1 µs, 115 ns for each of its 1,100
    /// units; a JUMPDEST 3.23 µs for 28, 115 ns; a JUMPI jumped over 1.38 µs for 19, 73 ns; a
    /// JUMPI in a section not entered 163 ns for 2, 81 ns). 540 when a frame measured 54.4 µs
    /// and a JUMPDEST 1.61 µs: frames grew slower than code in that slower hour.
    pub evm_frame: u64,
    /// Per JUMPDEST of the EVM code a frame runs, beside its module bytes: each becomes a wasm
    /// function, with costs of its own to make, parse and compile.
    pub evm_jumpdest: u64,
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

    /// What a frame pays before translating EVM `code`: the frame and the translation.
    pub fn evm_frame_cost(&self, code: &[u8]) -> u64 {
        (code.len() as u64)
            .saturating_mul(self.evm_translation)
            .saturating_add(
                (evm_to_ewasm::jumpdest_count(code) as u64).saturating_mul(self.evm_jumpdest),
            )
            .saturating_add(self.evm_frame)
    }

    /// What `module_len` bytes of a translated module cost to parse and compile (a module's
    /// carried part, or a section).
    pub fn evm_module_cost(&self, module_len: usize) -> u64 {
        (module_len as u64).saturating_mul(self.evm_module_byte)
    }

    /// Everything a frame of EVM `code` pays to the weight meter if it enters every section
    /// (it translates `code` to know the module's size).
    pub fn evm_load_cost(&self, code: &[u8], version: evm_to_ewasm::EvmVersion) -> u64 {
        self.evm_frame_cost(code)
            .saturating_add(self.evm_module_cost(evm_module_len(code, version)))
    }

    /// The costs the EEI charges when translated EVM code calls it. The translated code already
    /// charges every opcode's static cost (and copies per word) itself, from the EVM schedule;
    /// what stays with the EEI is what depends on state: storage writes, value transfers, new
    /// accounts, log data, code deposit and refunds.
    pub fn for_translated_evm(&self) -> Self {
        Self {
            storage_load: 0,
            log: 0,
            log_topic: 0,
            create: 0,
            call: 0,
            copy: 0,
            blockhash: 0,
            balance: 0,
            base: 0,
            verylow: 0,
            extcode: 0,
            selfdestruct: 0,
            ..self.clone()
        }
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
            evm_translation: 2,
            evm_module_byte: 1,
            evm_frame: 690,
            evm_jumpdest: 8,
            code_load_byte: 0,
            memory_page: 0,
            data_word: 0,
        }
    }
}

/// The length of the module EVM `code` translates into (0 if it does not translate).
pub fn evm_module_len(code: &[u8], version: evm_to_ewasm::EvmVersion) -> usize {
    evm_to_ewasm::translate_for(code, version).map_or(0, |module| module.len())
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
    /// Accept EVM bytecode (anything without the wasm magic) and run it translated into Ewasm.
    /// Off in the hera-compatible default, where such code is simply invalid.
    pub evm_bytecode: bool,
    /// The EVM opcodes translated code may use: Osaka's (Cancun's and CLZ) by default, Cancun's
    /// for ethereum/tests' Cancun suite. Gas is Cancun's either way.
    pub evm_version: evm_to_ewasm::EvmVersion,
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
            evm_version: evm_to_ewasm::EvmVersion::default(),
            heap_budget: u64::MAX,
        }
    }
}
