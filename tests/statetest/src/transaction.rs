//! Byzantium transaction rules around the engine: validity, intrinsic gas, gas purchase,
//! refunds, fees and EIP-161 clean-up. The message execution itself is the engine's.

use ewasm_engine::{
    address::create_address,
    exec::{CallKind, CreateScheme, ExecStatus, Message},
    memory_host::MemoryHost,
    Address, EngineConfig, Executor, Host, Log, TxContext, U256,
};

/// Transaction base cost.
const TX_GAS: u64 = 21_000;
/// Extra base cost of a contract-creating transaction.
const TX_CREATE_GAS: u64 = 32_000;
/// Per zero byte of data.
const TX_DATA_ZERO_GAS: u64 = 4;
/// Per non-zero byte of data.
const TX_DATA_NON_ZERO_GAS: u64 = 68;

/// A transaction ready to apply.
pub struct Tx {
    pub sender: Address,
    pub to: Option<Address>,
    pub nonce: u64,
    pub gas_limit: u64,
    pub gas_price: U256,
    pub value: U256,
    pub data: Vec<u8>,
}

/// Why a transaction was not applied at all (the state stays as it was).
#[derive(Debug, PartialEq, Eq)]
pub enum Invalid {
    NonceMismatch,
    InsufficientFunds,
    IntrinsicGasTooLow,
    GasLimitAboveBlock,
}

/// Intrinsic gas: base, data bytes and creation.
fn intrinsic_gas(tx: &Tx) -> u64 {
    let data: u64 = tx
        .data
        .iter()
        .map(|b| {
            if *b == 0 {
                TX_DATA_ZERO_GAS
            } else {
                TX_DATA_NON_ZERO_GAS
            }
        })
        .sum();
    TX_GAS + data + if tx.to.is_none() { TX_CREATE_GAS } else { 0 }
}

/// Applies `tx` to `host`, returning the logs it emitted.
///
/// # Errors
/// [`Invalid`] when the transaction cannot be included; `host` is then unchanged.
pub fn apply(
    host: MemoryHost,
    tx: &Tx,
    context: TxContext,
    config: EngineConfig,
) -> (MemoryHost, Result<Vec<Log>, Invalid>) {
    let intrinsic = intrinsic_gas(tx);
    let upfront = U256::from(tx.gas_limit) * tx.gas_price;
    let check = if host.nonce(&tx.sender) != tx.nonce {
        Err(Invalid::NonceMismatch)
    } else if tx.gas_limit < intrinsic {
        Err(Invalid::IntrinsicGasTooLow)
    } else if context.gas_limit < 0 || tx.gas_limit > context.gas_limit as u64 {
        Err(Invalid::GasLimitAboveBlock)
    } else if host.balance(&tx.sender) < upfront + tx.value {
        Err(Invalid::InsufficientFunds)
    } else {
        Ok(())
    };
    if let Err(invalid) = check {
        return (host, Err(invalid));
    }

    let coinbase = context.coinbase;
    let mut exec = Executor::new(host, config, context);
    let sender = tx.sender;
    let sender_account = exec.host.account_mut(&sender);
    sender_account.balance -= upfront;
    sender_account.nonce += 1;
    exec.host.touched.insert(sender);

    let gas = tx.gas_limit - intrinsic;
    let result = match tx.to {
        Some(to) => {
            let msg = Message {
                kind: CallKind::Call,
                caller: sender,
                address: to,
                code_address: to,
                value: tx.value,
                input: tx.data.clone(),
                gas,
                depth: 0,
                is_static: false,
            };
            exec.call(&msg)
        }
        None => {
            let address = create_address(&sender, tx.nonce);
            let scheme = CreateScheme::Fixed(address);
            exec.create(sender, tx.value, &tx.data, Vec::new(), gas, 0, scheme)
                .result
        }
    };
    let substate = exec.finish_transaction();
    let gas_used_before_refund = tx.gas_limit - result.gas_left;
    let refund = if result.status == ExecStatus::Success {
        substate.refund.min(gas_used_before_refund / 2)
    } else {
        0
    };
    let gas_left = result.gas_left + refund;
    let mut host = exec.host;
    host.account_mut(&sender).balance += U256::from(gas_left) * tx.gas_price;
    host.account_mut(&coinbase).balance += U256::from(tx.gas_limit - gas_left) * tx.gas_price;
    host.touched.insert(coinbase);

    // EIP-161: touched accounts left empty are removed.
    let touched = std::mem::take(&mut host.touched);
    for address in touched {
        if host.accounts.get(&address).is_some_and(|a| a.is_empty()) {
            host.accounts.remove(&address);
        }
    }
    (host, Ok(substate.logs))
}
