//! revm (Cancun) on an in-memory database: the reference.

use crate::world::{
    AccountView, Addr, Chain, LogEntry, Outcome, Status, World, BLOCK_NUMBER, CHAIN_ID, GAS_LIMIT,
    TIMESTAMP,
};
use revm::{
    bytecode::Bytecode,
    context::{
        result::{ExecutionResult, Output},
        Context, TxEnv,
    },
    database::{CacheDB, EmptyDB},
    primitives::{hardfork::SpecId, Address, Bytes, TxKind, U256},
    state::AccountInfo,
    ExecuteCommitEvm, MainBuilder, MainContext,
};

/// The revm side of the comparison: Cancun unless made with [`RevmChain::osaka`].
#[derive(Default)]
pub struct RevmChain {
    db: CacheDB<EmptyDB>,
    nonces: std::collections::BTreeMap<Addr, u64>,
    osaka: bool,
}

impl RevmChain {
    /// A chain under Osaka's rules, for what solc's default EVM version may emit beyond Cancun
    /// (CLZ).
    pub fn osaka() -> Self {
        Self {
            osaka: true,
            ..Self::default()
        }
    }

    fn run(&mut self, from: Addr, kind: TxKind, data: Vec<u8>, value: u128) -> Outcome {
        let nonce = self.nonces.entry(from).or_default();
        let tx = TxEnv::builder()
            .caller(Address::from(from))
            .kind(kind)
            .data(Bytes::from(data))
            .value(U256::from(value))
            .gas_limit(GAS_LIMIT)
            .gas_price(0)
            .nonce(*nonce)
            .chain_id(Some(CHAIN_ID))
            .build_fill();
        *nonce += 1;
        let db = std::mem::take(&mut self.db);
        let spec = if self.osaka {
            SpecId::OSAKA
        } else {
            SpecId::CANCUN
        };
        let mut evm = Context::mainnet()
            .with_db(db)
            .modify_cfg_chained(|cfg| {
                cfg.set_spec_and_mainnet_gas_params(spec);
                cfg.chain_id = CHAIN_ID;
            })
            .modify_block_chained(|block| {
                block.number = U256::from(BLOCK_NUMBER);
                block.timestamp = U256::from(TIMESTAMP);
                block.beneficiary = Address::repeat_byte(0xcb);
                block.gas_limit = 30_000_000;
                block.basefee = 0;
            })
            .build_mainnet();
        let result = evm
            .transact_commit(tx)
            .expect("revm accepts the transaction");
        self.db = std::mem::take(&mut evm.ctx.journaled_state.database);
        let logs = |logs: &[revm::primitives::Log]| {
            logs.iter()
                .map(|log| LogEntry {
                    address: log.address.0 .0,
                    topics: log.topics().iter().map(|t| t.0).collect(),
                    data: log.data.data.to_vec(),
                })
                .collect()
        };
        match result {
            ExecutionResult::Success {
                gas,
                logs: l,
                output,
                ..
            } => {
                let (output, created) = match output {
                    Output::Call(bytes) => (bytes.to_vec(), None),
                    Output::Create(_, address) => (Vec::new(), address.map(|a| a.0 .0)),
                };
                Outcome {
                    status: Status::Success,
                    output,
                    logs: logs(&l),
                    created,
                    gas: gas.tx_gas_used(),
                }
            }
            ExecutionResult::Revert { gas, output, .. } => Outcome {
                status: Status::Revert,
                output: output.to_vec(),
                logs: Vec::new(),
                created: None,
                gas: gas.tx_gas_used(),
            },
            ExecutionResult::Halt { gas, .. } => Outcome {
                status: Status::Halt,
                output: Vec::new(),
                logs: Vec::new(),
                created: None,
                gas: gas.tx_gas_used(),
            },
        }
    }
}

impl Chain for RevmChain {
    fn fund(&mut self, address: Addr, amount: u128) {
        self.db.insert_account_info(
            Address::from(address),
            AccountInfo {
                balance: U256::from(amount),
                ..Default::default()
            },
        );
    }

    fn install(&mut self, address: Addr, code: &[u8]) {
        let bytecode = Bytecode::new_raw(Bytes::copy_from_slice(code));
        self.db.insert_account_info(
            Address::from(address),
            AccountInfo {
                nonce: 1,
                code_hash: bytecode.hash_slow(),
                code: Some(bytecode),
                ..Default::default()
            },
        );
    }

    fn deploy(&mut self, from: Addr, init_code: &[u8], args: &[u8], value: u128) -> Outcome {
        self.run(from, TxKind::Create, [init_code, args].concat(), value)
    }

    fn call(&mut self, from: Addr, to: Addr, data: &[u8], value: u128) -> Outcome {
        self.run(from, TxKind::Call(Address::from(to)), data.to_vec(), value)
    }

    fn world(&self) -> World {
        self.db
            .cache
            .accounts
            .iter()
            .filter_map(|(address, account)| {
                let storage: std::collections::BTreeMap<_, _> = account
                    .storage
                    .iter()
                    .filter(|(_, v)| !v.is_zero())
                    .map(|(k, v)| (k.to_be_bytes::<32>(), v.to_be_bytes::<32>()))
                    .collect();
                let info = &account.info;
                let empty = info.balance.is_zero() && info.nonce == 0 && info.is_empty_code_hash();
                (!empty || !storage.is_empty()).then(|| {
                    (
                        address.0 .0,
                        AccountView {
                            balance: info.balance.to_be_bytes::<32>(),
                            nonce: info.nonce,
                            code_hash: info.code_hash.0,
                            storage,
                        },
                    )
                })
            })
            .collect()
    }
}
