//! The engine pallet-ewasm runs, on an in-memory state, with EVM bytecode enabled and hera's
//! costs (no per-instruction charge: EVM code pays EVM gas).

use crate::world::{
    AccountView, Addr, Chain, LogEntry, Outcome, Status, World, BLOCK_NUMBER, CHAIN_ID, GAS_LIMIT,
    TIMESTAMP,
};
use ewasm_engine::{
    address::{create_address, keccak256},
    exec::{CallKind, CreateScheme, ExecStatus, FrameResult, Message},
    gas::transaction::Fork,
    memory_host::MemoryHost,
    Address, EngineConfig, Executor, Host, TxContext, U256,
};

/// The Ewasm side of the comparison.
#[derive(Default)]
pub struct EwasmChain {
    host: MemoryHost,
}

impl EwasmChain {
    fn executor(&mut self, origin: Addr) -> Executor<MemoryHost> {
        let config = EngineConfig {
            evm_bytecode: true,
            ..EngineConfig::default()
        };
        let tx = TxContext {
            origin: Address::from(origin),
            gas_price: U256::zero(),
            coinbase: Address::repeat_byte(0xcb),
            number: BLOCK_NUMBER as i64,
            timestamp: TIMESTAMP as i64,
            gas_limit: 30_000_000,
            difficulty: U256::zero(),
            chain_id: CHAIN_ID,
            base_fee: U256::zero(),
            // revm's for no excess blob gas (EIP-4844's minimum).
            blob_base_fee: U256::one(),
            ..TxContext::default()
        };
        Executor::new(std::mem::take(&mut self.host), config, tx)
    }

    /// Finishes the transaction: keeps the state, turns the frame result into an outcome.
    fn settle(
        &mut self,
        mut exec: Executor<MemoryHost>,
        result: FrameResult,
        created: Option<Addr>,
    ) -> Outcome {
        let substate = exec.finish_transaction();
        self.host = exec.host;
        // The frame got the gas limit less the intrinsic cost, so this includes it.
        let used = GAS_LIMIT - result.gas_left;
        let status = match result.status {
            ExecStatus::Success => Status::Success,
            ExecStatus::Revert => Status::Revert,
            ExecStatus::Halt(_) => Status::Halt,
        };
        let success = status == Status::Success;
        Outcome {
            status,
            output: result.output,
            logs: substate
                .logs
                .into_iter()
                .map(|log| LogEntry {
                    address: log.address.0,
                    topics: log.topics.into_iter().map(|t| t.0).collect(),
                    data: log.data,
                })
                .collect(),
            created: created.filter(|_| success),
            gas: Fork::Cancun.gas_used(used, substate.refund, success),
        }
    }

    fn bump_nonce(&mut self, from: Addr) {
        let account = self.host.account_mut(&Address::from(from));
        account.nonce += 1;
    }
}

impl Chain for EwasmChain {
    fn fund(&mut self, address: Addr, amount: u128) {
        self.host.account_mut(&Address::from(address)).balance = U256::from(amount);
    }

    fn install(&mut self, address: Addr, code: &[u8]) {
        let account = self.host.account_mut(&Address::from(address));
        account.code = code.to_vec();
        account.nonce = 1;
    }

    fn deploy(&mut self, from: Addr, init_code: &[u8], args: &[u8], value: u128) -> Outcome {
        let intrinsic = Fork::Cancun.intrinsic_gas(&[init_code, args].concat(), true, &[]);
        let mut exec = self.executor(from);
        let sender = Address::from(from);
        let address = create_address(&sender, exec.host.nonce(&sender));
        exec.warm_for_transaction(sender, address, &[]);
        let created = exec.create(
            Address::from(from),
            U256::from(value),
            init_code,
            args.to_vec(),
            GAS_LIMIT - intrinsic,
            0,
            CreateScheme::Nonce,
        );
        self.settle(exec, created.result, Some(created.address.0))
    }

    fn call(&mut self, from: Addr, to: Addr, data: &[u8], value: u128) -> Outcome {
        let intrinsic = Fork::Cancun.intrinsic_gas(data, false, &[]);
        self.bump_nonce(from);
        let mut exec = self.executor(from);
        exec.warm_for_transaction(Address::from(from), Address::from(to), &[]);
        let msg = Message {
            kind: CallKind::Call,
            caller: Address::from(from),
            address: Address::from(to),
            code_address: Address::from(to),
            value: U256::from(value),
            input: data.to_vec(),
            gas: GAS_LIMIT - intrinsic,
            depth: 0,
            is_static: false,
        };
        let result = exec.call(&msg);
        self.settle(exec, result, None)
    }

    fn world(&self) -> World {
        self.host
            .accounts
            .iter()
            .filter(|(_, account)| !account.is_empty() || !account.storage.is_empty())
            .map(|(address, account)| {
                (
                    address.0,
                    AccountView {
                        balance: account.balance.to_big_endian(),
                        nonce: account.nonce,
                        code_hash: keccak256(&account.code).0,
                        storage: account.storage.iter().map(|(k, v)| (k.0, v.0)).collect(),
                    },
                )
            })
            .collect()
    }
}
