//! Transaction rules around the engine — validity, intrinsic gas, gas purchase, refunds, fees
//! and EIP-161 clean-up — for Byzantium (the ewasm suite) and Cancun (ethereum/tests). The
//! message execution itself is the engine's.

pub use ewasm_engine::gas::transaction::Fork;
use ewasm_engine::{
    address::create_address,
    exec::{CallKind, CreateScheme, ExecStatus, Message},
    memory_host::MemoryHost,
    Address, EngineConfig, Executor, Host, Log, TxContext, H256, U256,
};

/// EIP-3860: the init code limit.
const MAX_INIT_CODE_LEN: usize = 0xc000;
/// EIP-4844: gas per blob, the most blob gas per block, the blob hash version.
pub const GAS_PER_BLOB: u64 = 131_072;
const MAX_BLOB_GAS_PER_BLOCK: u64 = 786_432;
const BLOB_HASH_VERSION: u8 = 0x01;

/// A transaction ready to apply.
pub struct Tx {
    pub sender: Address,
    pub to: Option<Address>,
    pub nonce: u64,
    pub gas_limit: u64,
    /// Legacy and EIP-2930: the gas price. EIP-1559/4844: the fee cap.
    pub max_fee: U256,
    /// EIP-1559/4844 priority fee cap; `None` for legacy and EIP-2930 transactions.
    pub max_priority_fee: Option<U256>,
    pub value: U256,
    pub data: Vec<u8>,
    pub access_list: Vec<(Address, Vec<H256>)>,
    /// EIP-4844: blob versioned hashes and the blob fee cap (`None`: not a blob transaction).
    pub blob_hashes: Vec<H256>,
    pub max_fee_per_blob_gas: Option<U256>,
}

/// Why a transaction was not applied at all (the state stays as it was).
#[derive(Debug, PartialEq, Eq)]
pub enum Invalid {
    NonceMismatch,
    NonceMax,
    SenderHasCode,
    InsufficientFunds,
    IntrinsicGasTooLow,
    GasLimitAboveBlock,
    FeeCapBelowBaseFee,
    PriorityFeeAboveFeeCap,
    InitCodeTooLarge,
    BlobTransactionCreates,
    NoBlobs,
    TooManyBlobs,
    BlobHashVersion,
    BlobFeeCapTooLow,
}

/// EIP-4844's blob base fee for the block's excess blob gas.
pub fn blob_base_fee(excess_blob_gas: u64) -> U256 {
    fake_exponential(
        U256::one(),
        U256::from(excess_blob_gas),
        U256::from(3_338_477u64),
    )
}

/// EIP-4844's `fake_exponential`: `factor * e^(numerator / denominator)`, in integers.
fn fake_exponential(factor: U256, numerator: U256, denominator: U256) -> U256 {
    let mut output = U256::zero();
    let mut accum = factor * denominator;
    let mut i = U256::one();
    while !accum.is_zero() {
        output += accum;
        accum = accum * numerator / (denominator * i);
        i += U256::one();
    }
    output / denominator
}

/// The gas price the transaction pays: its price, or for EIP-1559 the base fee plus the
/// priority fee up to the cap.
fn effective_gas_price(tx: &Tx, base_fee: U256) -> U256 {
    match tx.max_priority_fee {
        Some(priority) => tx.max_fee.min(base_fee + priority),
        None => tx.max_fee,
    }
}

fn blob_gas(tx: &Tx) -> u64 {
    GAS_PER_BLOB * tx.blob_hashes.len() as u64
}

/// Cancun's validity rules beyond nonce, gas and balance.
fn check_cancun(tx: &Tx, host: &MemoryHost, context: &TxContext) -> Result<(), Invalid> {
    if host.code_len(&tx.sender) > 0 {
        return Err(Invalid::SenderHasCode); // EIP-3607
    }
    if tx
        .max_priority_fee
        .is_some_and(|priority| priority > tx.max_fee)
    {
        return Err(Invalid::PriorityFeeAboveFeeCap);
    }
    if tx.max_fee < context.base_fee {
        return Err(Invalid::FeeCapBelowBaseFee);
    }
    if tx.to.is_none() && tx.data.len() > MAX_INIT_CODE_LEN {
        return Err(Invalid::InitCodeTooLarge);
    }
    if let Some(cap) = tx.max_fee_per_blob_gas {
        if tx.to.is_none() {
            return Err(Invalid::BlobTransactionCreates);
        }
        if tx.blob_hashes.is_empty() {
            return Err(Invalid::NoBlobs);
        }
        if blob_gas(tx) > MAX_BLOB_GAS_PER_BLOCK {
            return Err(Invalid::TooManyBlobs);
        }
        if tx.blob_hashes.iter().any(|h| h[0] != BLOB_HASH_VERSION) {
            return Err(Invalid::BlobHashVersion);
        }
        if cap < context.blob_base_fee {
            return Err(Invalid::BlobFeeCapTooLow);
        }
    }
    Ok(())
}

/// The most the sender may have to pay: gas at the fee cap, blob gas at its cap, the value
/// (`None` beyond 256 bits, which no balance covers).
fn max_cost(tx: &Tx) -> Option<U256> {
    let gas = U256::from(tx.gas_limit).checked_mul(tx.max_fee)?;
    let blob = U256::from(blob_gas(tx)).checked_mul(tx.max_fee_per_blob_gas.unwrap_or_default())?;
    gas.checked_add(blob)?.checked_add(tx.value)
}

/// Applies `tx` to `host` under `fork`'s rules, returning the logs it emitted.
///
/// # Errors
/// [`Invalid`] when the transaction cannot be included; `host` is then unchanged.
pub fn apply(
    host: MemoryHost,
    tx: &Tx,
    mut context: TxContext,
    config: EngineConfig,
    fork: Fork,
) -> (MemoryHost, Result<Vec<Log>, Invalid>) {
    let intrinsic = fork.intrinsic_gas(&tx.data, tx.to.is_none(), &tx.access_list);
    let check = if host.nonce(&tx.sender) != tx.nonce {
        Err(Invalid::NonceMismatch)
    } else if tx.nonce == u64::MAX {
        Err(Invalid::NonceMax)
    } else if fork == Fork::Cancun {
        check_cancun(tx, &host, &context)
    } else {
        Ok(())
    }
    .and_then(|()| {
        if tx.gas_limit < intrinsic {
            Err(Invalid::IntrinsicGasTooLow)
        } else if context.gas_limit < 0 || tx.gas_limit > context.gas_limit as u64 {
            Err(Invalid::GasLimitAboveBlock)
        } else if max_cost(tx).is_none_or(|cost| host.balance(&tx.sender) < cost) {
            Err(Invalid::InsufficientFunds)
        } else {
            Ok(())
        }
    });
    if let Err(invalid) = check {
        return (host, Err(invalid));
    }

    let gas_price = effective_gas_price(tx, context.base_fee);
    context.gas_price = gas_price;
    let base_fee = context.base_fee;
    let coinbase = context.coinbase;
    let blob_fee = U256::from(blob_gas(tx)) * context.blob_base_fee;
    let mut exec = Executor::new(host, config, context);
    let sender = tx.sender;
    let sender_account = exec.host.account_mut(&sender);
    sender_account.balance -= U256::from(tx.gas_limit) * gas_price + blob_fee;
    sender_account.nonce += 1;
    exec.host.touched.insert(sender);

    let gas = tx.gas_limit - intrinsic;
    let target = tx.to.unwrap_or_else(|| create_address(&sender, tx.nonce));
    if fork == Fork::Cancun {
        exec.warm_for_transaction(sender, target, &tx.access_list);
    }
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
            let scheme = CreateScheme::Fixed(target);
            exec.create(sender, tx.value, &tx.data, Vec::new(), gas, 0, scheme)
                .result
        }
    };
    let substate = exec.finish_transaction();
    let gas_used = fork.gas_used(
        tx.gas_limit - result.gas_left,
        substate.refund,
        result.status == ExecStatus::Success,
    );
    let gas_left = tx.gas_limit - gas_used;
    let mut host = exec.host;
    host.account_mut(&sender).balance += U256::from(gas_left) * gas_price;
    // The base fee is burnt; the coinbase gets the priority part of the price.
    let tip = match fork {
        Fork::Byzantium => gas_price,
        Fork::Cancun => gas_price - base_fee,
    };
    host.account_mut(&coinbase).balance += U256::from(gas_used) * tip;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blob_base_fee_follows_eip_4844() {
        assert_eq!(blob_base_fee(0), U256::one());
        // The fee rises by e (about 2.718×) per 3,338,477 excess blob gas.
        assert_eq!(blob_base_fee(3_338_477), U256::from(2u64));
        assert_eq!(blob_base_fee(10 * 3_338_477), U256::from(22_026u64));
    }
}
