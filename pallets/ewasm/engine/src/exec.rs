//! Message calls and contract creations: frames, checkpoints, value transfer and the substate
//! (logs, refunds, self-destructs) that a transaction accumulates.

use crate::{
    address::{create2_address, create_address},
    error::HaltReason,
    gas::{
        access::AccessState,
        proof::{ProofCosts, ProofMeter},
        schedule::EngineConfig,
        weight::{WeightMeter, WeightRates},
    },
    host::{Host, TxContext},
    precompiles, prepare,
    runtime::{self, Code},
    state_cache::StateCache,
    types::{Address, Log, H256, U256},
};
use alloc::{collections::BTreeMap, vec::Vec};

/// The four EEI call flavours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    /// `call`: runs the callee's code in the callee's context, may transfer value.
    Call,
    /// `callCode`: runs the callee's code in the caller's context, may transfer value to itself.
    CallCode,
    /// `callDelegate`: runs the callee's code in the caller's context with the caller's caller
    /// and value.
    DelegateCall,
    /// `callStatic`: like `call` without value, and no state changes anywhere below.
    StaticCall,
}

/// A message to execute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    /// How the message was sent.
    pub kind: CallKind,
    /// What `getCaller` reports.
    pub caller: Address,
    /// The account whose storage and balance the code acts on (`getAddress`).
    pub address: Address,
    /// The account whose code runs.
    pub code_address: Address,
    /// What `getCallValue` reports; transferred from `caller` to `address` for `Call`/`CallCode`.
    pub value: U256,
    /// Call data.
    pub input: Vec<u8>,
    /// Gas available to the frame.
    pub gas: u64,
    /// Nesting depth; the outermost frame has depth 0.
    pub depth: u32,
    /// Whether state changes are forbidden.
    pub is_static: bool,
}

impl Message {
    /// Whether this message moves `value` from `caller` to `address`.
    fn transfers_value(&self) -> bool {
        matches!(self.kind, CallKind::Call | CallKind::CallCode)
    }
}

/// How a frame ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExecStatus {
    /// Returned from `main`, called `finish` or `selfDestruct`.
    Success,
    /// Called `revert`: state rolled back, remaining gas returned.
    Revert,
    /// Halted exceptionally: state rolled back, all gas consumed (see [`HaltReason`] for the
    /// one exception).
    Halt(HaltReason),
}

/// The result of a call or create frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrameResult {
    /// How it ended.
    pub status: ExecStatus,
    /// Gas not used (zero after a halt).
    pub gas_left: u64,
    /// Output of `finish` or `revert`.
    pub output: Vec<u8>,
}

impl FrameResult {
    /// An exceptional halt: nothing returned, all gas consumed.
    pub fn halt(reason: HaltReason) -> Self {
        Self {
            status: ExecStatus::Halt(reason),
            gas_left: 0,
            output: Vec::new(),
        }
    }

    /// The EEI status code the caller sees: 0 success, 1 failure, 2 revert.
    pub fn eei_status(&self) -> u32 {
        match self.status {
            ExecStatus::Success => 0,
            ExecStatus::Halt(_) => 1,
            ExecStatus::Revert => 2,
        }
    }
}

/// The result of a creation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateResult {
    /// The constructor frame's result; on success `output` is the deployed code.
    pub result: FrameResult,
    /// The new contract's address (also on failure, where it names the address that was tried).
    pub address: Address,
}

/// Where a creation puts the new contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CreateScheme {
    /// CREATE: from the creator's nonce, which is incremented.
    Nonce,
    /// CREATE2: from the creator, a salt and the init code; the creator's nonce is incremented.
    Salted(H256),
    /// At an address the caller derived already (a creating transaction: the nonce was
    /// incremented by the transaction).
    Fixed(Address),
}

/// What a transaction accumulated, kept per frame and rolled back with it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Substate {
    /// Logs in emission order.
    pub logs: Vec<Log>,
    /// Gas refund counter (storage clears and self-destructs), before any cap.
    pub refund: u64,
    /// Accounts that self-destructed, each once, with the beneficiary of their balance.
    pub destructed: Vec<(Address, Address)>,
    /// Every contract created and kept (its constructor's frame and all above it succeeded),
    /// as `(creator, contract)`, in order of creation; handed over by
    /// [`Executor::finish_transaction`].
    pub created: Vec<(Address, Address)>,
}

/// Where a frame's substate stood when it started, to roll back to.
#[derive(Clone, Copy)]
struct Mark {
    logs: usize,
    refund: u64,
    destructed: usize,
    transient: usize,
    access: usize,
    created: usize,
}

/// Runs messages against a [`Host`]. One executor serves one transaction.
pub struct Executor<H: Host> {
    /// The world state.
    pub host: H,
    /// Limits, costs and switches.
    pub config: EngineConfig,
    /// Block and transaction data.
    pub tx: TxContext,
    substate: Substate,
    /// Whether the frame that ended last halted after its last nested call or create was
    /// refused for the depth limit (directly, or by a callee that failed the same way).
    halted_at_depth_limit: bool,
    /// Heap reserved by the frames on the call stack (see [`prepare::frame_heap`]).
    heap_reserved: u64,
    /// wasmi settings for Ewasm frames.
    wasmi_config: wasmi::Config,
    /// revm's dynamic gas constants for EVM frames.
    pub(crate) evm_gas_params: revm_interpreter::context_interface::cfg::GasParams,
    /// EIP-1153 transient storage, with a journal of previous values for rollbacks.
    transient: BTreeMap<(Address, H256), H256>,
    transient_journal: Vec<((Address, H256), H256)>,
    /// Warm accounts and slots, original slot values (EVM frames' Cancun gas).
    pub(crate) access: AccessState,
    /// Contracts created in this transaction as `(creator, contract)` (EIP-6780: only these
    /// are removed by SELFDESTRUCT), rolled back with the frame that created them.
    created: Vec<(Address, Address)>,
    /// What the transaction makes the chain do: gas at its rates, loading code beside it.
    pub(crate) weight: WeightMeter,
    /// State read into the proof (see [`crate::gas::proof`]).
    pub(crate) proof: ProofMeter,
    /// Values read from the host in this transaction (see [`crate::state_cache`]).
    pub(crate) cache: StateCache,
}

impl<H: Host> Executor<H> {
    /// A fresh wasmi engine for one frame. A wasmi `Engine` keeps every module compiled on it
    /// until it is dropped, so an engine shared by a transaction's frames would hold the code of
    /// every frame it ever ran: with one per frame, what a transaction holds at any moment is
    /// the code of the frames on its call stack, which the depth limit bounds.
    pub(crate) fn wasm_engine(&self) -> wasmi::Engine {
        wasmi::Engine::new(&self.wasmi_config)
    }

    /// Transient storage slot `key` of `address`.
    pub(crate) fn transient(&self, address: &Address, key: &H256) -> H256 {
        self.transient
            .get(&(*address, *key))
            .copied()
            .unwrap_or_default()
    }

    /// Writes a transient storage slot, remembering the old value for a rollback.
    pub(crate) fn set_transient(&mut self, address: Address, key: H256, value: H256) {
        let old = self.transient(&address, &key);
        self.transient_journal.push(((address, key), old));
        if value.is_zero() {
            self.transient.remove(&(address, key));
        } else {
            self.transient.insert((address, key), value);
        }
    }

    /// Whether the frame that ended last (after a top-level call or create: that frame) halted
    /// because the depth limit refused its last nested call or create, directly or down a chain
    /// of callees that failed the same way.
    pub fn depth_limit_reached(&self) -> bool {
        self.halted_at_depth_limit
    }

    pub(crate) fn set_halted_at_depth_limit(&mut self, halted: bool) {
        self.halted_at_depth_limit = halted;
    }

    /// Changes the refund counter by `delta` (EIP-2200 refunds can be taken back).
    pub(crate) fn add_refund(&mut self, delta: i64) {
        self.substate.refund = self.substate.refund.saturating_add_signed(delta);
    }

    pub(crate) fn substate_mut(&mut self) -> &mut Substate {
        &mut self.substate
    }

    /// Records a self-destruct of `address` in favour of `beneficiary`; returns whether it is
    /// the first of `address` in this transaction.
    pub(crate) fn mark_destructed(&mut self, address: Address, beneficiary: Address) -> bool {
        let first = !self.substate.destructed.iter().any(|(a, _)| *a == address);
        if first {
            self.substate.destructed.push((address, beneficiary));
        }
        first
    }

    /// Whether `address` was created in this transaction (by a frame that has not failed).
    pub(crate) fn created_in_transaction(&self, address: &Address) -> bool {
        self.created.iter().any(|(_, created)| created == address)
    }

    /// Writes a storage slot, remembering its value at the start of the transaction first.
    pub(crate) fn write_storage(
        &mut self,
        address: &Address,
        key: &H256,
        value: &H256,
    ) -> Result<(), HaltReason> {
        let current = self.storage(address, key)?;
        self.charge_storage_write(address)?;
        self.access.record_original(*address, *key, current);
        self.host.set_storage(address, key, value);
        self.cache.set_slot(*address, *key, *value);
        self.cache.forget_account(address);
        Ok(())
    }

    /// Warms what is warm when a transaction starts: its sender and its recipient (or the
    /// address it creates), the precompiles (EIP-2929), the coinbase (EIP-3651) and the
    /// transaction's access list (EIP-2930).
    pub fn warm_for_transaction(
        &mut self,
        sender: Address,
        target: Address,
        access_list: &[(Address, Vec<H256>)],
    ) {
        let coinbase = self.tx.coinbase;
        for address in [sender, target, coinbase]
            .into_iter()
            .chain(precompiles::addresses())
        {
            self.access.access_account(address);
        }
        for (address, keys) in access_list {
            self.access.access_account(*address);
            for key in keys {
                self.access.access_slot(*address, *key);
            }
        }
    }

    /// Limits the weight meter (see [`crate::gas::weight`]) for this transaction to `limit`,
    /// counting at `rates`.
    pub fn set_weight_limit(&mut self, limit: u64, rates: WeightRates) {
        self.weight = WeightMeter::new(limit, rates);
    }

    /// State-access gas charged so far (see [`crate::gas::weight`]).
    pub fn state_gas(&self) -> u64 {
        self.weight.state_gas()
    }

    /// Meters the state this transaction reads into the proof at `costs`, up to `limit` bytes.
    pub fn set_proof_limit(&mut self, costs: ProofCosts, limit: u64) {
        self.proof = ProofMeter::new(costs, limit);
    }

    /// Charges the proof of `len` bytes of code the caller read from the state for this
    /// transaction (stored init code); a refusal makes the transaction's first read fail.
    ///
    /// # Errors
    /// [`HaltReason::OutOfWeight`] beyond the proof limit.
    pub fn charge_code_read_by_caller(&mut self, len: u32) -> Result<(), HaltReason> {
        self.proof.charge_code_read_by_caller(len)
    }

    /// Proof bytes charged so far (see [`crate::gas::proof`]).
    pub fn proof_used(&self) -> u64 {
        self.proof.used()
    }

    /// Reads of state from the host so far, each weighed as a read (see
    /// [`WeightMeter::charge_read`]).
    pub fn state_reads(&self) -> u64 {
        self.weight.reads()
    }

    /// Weight-meter units charged so far (loading code).
    pub fn weight_units(&self) -> u64 {
        self.weight.units()
    }

    /// Weight used so far (at the meter's rates), and whether work or a read was refused for
    /// the weight or the proof limit (the transaction must then be undone).
    pub fn weight_used(&self) -> (u64, bool) {
        (
            self.weight.used(),
            self.weight.exhausted() || self.proof.exhausted(),
        )
    }
}

impl<H: Host + 'static> Executor<H> {
    /// An executor over `host` for one transaction.
    pub fn new(host: H, config: EngineConfig, tx: TxContext) -> Self {
        let wasmi_config = prepare::wasmi_config(&config, wasmi::CompilationMode::Lazy);
        let evm_gas_params = crate::evm::gas_params(config.evm_version);
        Self {
            host,
            config,
            tx,
            substate: Substate::default(),
            halted_at_depth_limit: false,
            heap_reserved: 0,
            wasmi_config,
            evm_gas_params,
            transient: BTreeMap::new(),
            transient_journal: Vec::new(),
            access: AccessState::default(),
            created: Vec::new(),
            weight: WeightMeter::default(),
            proof: ProofMeter::default(),
            cache: StateCache::default(),
        }
    }

    /// Whether `code` is EVM bytecode this executor interprets.
    fn is_evm(&self, code: &[u8]) -> bool {
        self.config.evm_bytecode && !prepare::has_wasm_magic(code)
    }

    /// Runs `run` as a frame of a `module_len`-byte module if its heap fits the transaction's
    /// budget beside the frames already on the stack; otherwise refuses it before anything runs,
    /// keeping its gas, like a call beyond the depth limit.
    fn within_heap(
        &mut self,
        module_len: usize,
        gas: u64,
        run: impl FnOnce(&mut Self) -> FrameResult,
    ) -> FrameResult {
        let need = prepare::frame_heap(&self.config, module_len);
        let reserved = self.heap_reserved.saturating_add(need);
        if reserved > self.config.heap_budget {
            self.halted_at_depth_limit = true;
            return FrameResult {
                status: ExecStatus::Halt(HaltReason::HeapLimit),
                gas_left: gas,
                output: Vec::new(),
            };
        }
        self.heap_reserved = reserved;
        let result = run(self);
        self.heap_reserved -= need;
        result
    }

    /// Executes `msg`: transfers its value, runs the code at `msg.code_address` and commits or
    /// rolls back everything it did.
    pub fn call(&mut self, msg: &Message) -> FrameResult {
        self.halted_at_depth_limit = false;
        self.forget_reads_at_entry(msg.depth);
        self.host.checkpoint();
        let mark = self.mark();
        if msg.transfers_value() {
            if let Err(result) = self.move_value(&msg.caller, &msg.address, msg.value, msg.gas) {
                self.rollback(mark);
                return result;
            }
        }
        if self.config.evm_bytecode {
            if let Some(result) = self.run_precompile(msg) {
                self.settle(mark, &result);
                return result;
            }
        }
        let code = match self.code(&msg.code_address) {
            Ok(code) => code,
            Err(reason) => {
                let result = FrameResult::halt(reason);
                self.settle(mark, &result);
                return result;
            }
        };
        let validated = self.host.code_is_validated();
        let result = if code.is_empty() {
            FrameResult {
                status: ExecStatus::Success,
                gas_left: msg.gas,
                output: Vec::new(),
            }
        } else if self.is_evm(&code) {
            self.within_heap(code.len(), msg.gas, |exec| {
                crate::evm::run(exec, msg, &code)
            })
        } else {
            self.within_heap(code.len(), msg.gas, |exec| {
                runtime::run(exec, msg, &Code::ewasm(&code, validated))
            })
        };
        self.settle(mark, &result);
        result
    }

    /// Runs the precompile `msg` calls, if it calls one, with the gas left within the weight
    /// limit (a precompile refuses a call its gas does not cover before computing anything),
    /// and counts the gas it used.
    fn run_precompile(&mut self, msg: &Message) -> Option<FrameResult> {
        let within_weight = self.weight.gas_within_limit();
        let gas = msg.gas.min(within_weight);
        let mut result = precompiles::run(&msg.code_address, &msg.input, gas)?;
        let used = match result.status {
            // Refused before computing anything, for the weight limit or for the gas.
            ExecStatus::Halt(HaltReason::OutOfGas) if within_weight < msg.gas => {
                self.weight.exhaust();
                return Some(FrameResult::halt(HaltReason::OutOfWeight));
            }
            ExecStatus::Halt(HaltReason::OutOfGas) => 0,
            ExecStatus::Success => {
                let used = gas - result.gas_left;
                result.gas_left = msg.gas - used;
                used
            }
            // A failure uses all its gas: at most what the weight limit allows.
            _ => gas,
        };
        if let Err(reason) = self.weight.charge_gas(used) {
            return Some(FrameResult::halt(reason));
        }
        Some(result)
    }

    /// Creates a contract: derives its address, runs `init_code` as its constructor with `input`
    /// as call data, validates the returned code, charges the code deposit and installs it.
    ///
    /// EVM init code runs as on Ethereum: `input` (constructor arguments) is appended to the
    /// code the constructor sees, and its call data is empty.
    pub fn create(
        &mut self,
        creator: Address,
        value: U256,
        init_code: &[u8],
        input: Vec<u8>,
        gas: u64,
        depth: u32,
        scheme: CreateScheme,
    ) -> CreateResult {
        self.halted_at_depth_limit = false;
        self.forget_reads_at_entry(depth);
        // EVM init code runs (and CREATE2 hashes it) with its constructor arguments appended.
        let evm_code = self
            .is_evm(init_code)
            .then(|| [init_code, input.as_slice()].concat());
        let address = match scheme {
            CreateScheme::Fixed(address) => address,
            CreateScheme::Nonce | CreateScheme::Salted(_) => {
                let nonce = match self.nonce(&creator) {
                    Ok(nonce) => nonce,
                    Err(reason) => {
                        return CreateResult {
                            result: FrameResult::halt(reason),
                            address: Address::zero(),
                        }
                    }
                };
                if nonce == u64::MAX {
                    // EIP-2681: the creator's nonce cannot grow; the creation fails before
                    // anything runs and keeps its gas.
                    let result = FrameResult {
                        status: ExecStatus::Halt(HaltReason::HostRefused),
                        gas_left: gas,
                        output: Vec::new(),
                    };
                    return CreateResult {
                        result,
                        address: Address::zero(),
                    };
                }
                self.host.set_nonce(&creator, nonce.saturating_add(1));
                self.cache.forget_account(&creator);
                match scheme {
                    CreateScheme::Salted(salt) => {
                        create2_address(&creator, &salt, evm_code.as_deref().unwrap_or(init_code))
                    }
                    _ => create_address(&creator, nonce),
                }
            }
        };
        // The new address is warm for the creator whether or not the creation succeeds.
        self.access.access_account(address);
        if let Err(reason) = self.ensure_creatable(&address) {
            return CreateResult {
                result: FrameResult::halt(reason),
                address,
            };
        }

        self.host.checkpoint();
        let mark = self.mark();
        self.created.push((creator, address));
        self.host.set_nonce(&address, 1);
        self.cache.forget_account(&address);
        if let Err(result) = self.move_value(&creator, &address, value, gas) {
            self.rollback(mark);
            return CreateResult { result, address };
        }
        let msg = Message {
            kind: CallKind::Call,
            caller: creator,
            address,
            code_address: address,
            value,
            input: if evm_code.is_some() {
                Vec::new()
            } else {
                input
            },
            gas,
            depth,
            is_static: false,
        };
        let mut result = match &evm_code {
            // No code to run (hera, like Ethereum, creates an account without code).
            _ if evm_code.as_deref().unwrap_or(init_code).is_empty() => FrameResult {
                status: ExecStatus::Success,
                gas_left: gas,
                output: Vec::new(),
            },
            Some(code) => {
                self.within_heap(code.len(), gas, |exec| crate::evm::run(exec, &msg, code))
            }
            None => self.within_heap(init_code.len(), gas, |exec| {
                runtime::run(exec, &msg, &Code::ewasm(init_code, false))
            }),
        };
        if result.status == ExecStatus::Success {
            result = self.deploy(&address, result);
        }
        self.settle(mark, &result);
        CreateResult { result, address }
    }

    /// Moves `value` into a frame about to run with `gas`; if it cannot, the frame's result:
    /// `HostRefused` keeping its gas when the host refuses, the proof meter's halt when the
    /// read is refused.
    fn move_value(
        &mut self,
        from: &Address,
        to: &Address,
        value: U256,
        gas: u64,
    ) -> Result<(), FrameResult> {
        match self.transfer(from, to, value) {
            Ok(true) => Ok(()),
            Ok(false) => Err(FrameResult {
                status: ExecStatus::Halt(HaltReason::HostRefused),
                gas_left: gas,
                output: Vec::new(),
            }),
            Err(reason) => Err(FrameResult::halt(reason)),
        }
    }

    /// Refuses a contract at `address` if it has code, a nonce or storage
    /// (`AddressCollision`). Charges the new contract's deposit settlement too (see
    /// [`Self::charge_storage_write`]).
    fn ensure_creatable(&mut self, address: &Address) -> Result<(), HaltReason> {
        self.charge_storage_write(address)?;
        if self.code_len(address)? > 0 || self.nonce(address)? > 0 || self.has_storage(address)? {
            return Err(HaltReason::AddressCollision);
        }
        Ok(())
    }

    /// Validates and installs the code a constructor returned, charging the code deposit.
    fn deploy(&mut self, address: &Address, mut result: FrameResult) -> FrameResult {
        let code = core::mem::take(&mut result.output);
        if let Err(e) = prepare::validate_deployed(&code, &self.config) {
            return FrameResult::halt(HaltReason::InvalidCode(e));
        }
        let deposit = (code.len() as u64).saturating_mul(self.config.schedule.code_deposit);
        let Some(gas_left) = result.gas_left.checked_sub(deposit) else {
            return FrameResult::halt(HaltReason::OutOfGas);
        };
        // The deposit pays for the code's place in the state: state-access gas to the weight.
        if let Err(reason) = self.weight.charge_state_gas(deposit) {
            return FrameResult::halt(reason);
        }
        if !code.is_empty() {
            self.host.set_code(address, code);
            self.cache.forget_account(address);
        }
        FrameResult {
            status: ExecStatus::Success,
            gas_left,
            output: Vec::new(),
        }
    }

    /// Ends the transaction: removes self-destructed accounts and hands over logs and the refund
    /// counter (storage refunds, and hera's self-destruct refunds for Ewasm frames).
    pub fn finish_transaction(&mut self) -> Substate {
        self.transient.clear();
        self.transient_journal.clear();
        self.access.clear();
        self.cache.clear();
        let mut substate = core::mem::take(&mut self.substate);
        substate.created = core::mem::take(&mut self.created);
        for (address, beneficiary) in &substate.destructed {
            self.host.remove_account(address, beneficiary);
        }
        substate
    }

    /// A message from outside (depth 0) may follow changes the host's owner made since the
    /// last one: what was read before is read again.
    fn forget_reads_at_entry(&mut self, depth: u32) {
        if depth == 0 {
            self.cache.clear();
        }
    }

    fn mark(&self) -> Mark {
        Mark {
            logs: self.substate.logs.len(),
            refund: self.substate.refund,
            destructed: self.substate.destructed.len(),
            transient: self.transient_journal.len(),
            access: self.access.mark(),
            created: self.created.len(),
        }
    }

    fn rollback(&mut self, mark: Mark) {
        self.host.revert();
        self.cache.clear();
        self.substate.logs.truncate(mark.logs);
        self.substate.refund = mark.refund;
        self.substate.destructed.truncate(mark.destructed);
        self.access.rollback(mark.access);
        self.created.truncate(mark.created);
        for (slot, old) in self.transient_journal.drain(mark.transient..).rev() {
            if old.is_zero() {
                self.transient.remove(&slot);
            } else {
                self.transient.insert(slot, old);
            }
        }
    }

    fn settle(&mut self, mark: Mark, result: &FrameResult) {
        if result.status == ExecStatus::Success {
            self.host.commit();
        } else {
            self.rollback(mark);
        }
    }
}
