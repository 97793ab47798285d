//! Seeded random calls generated from a contract's ABI: arguments drawn from small pools that
//! make both success and every kind of failure likely (balances, ids, the zero address).

use crate::world::Addr;
use alloy_dyn_abi::{DynSolType, DynSolValue, JsonAbiExt, Specifier};
use alloy_json_abi::{Function, JsonAbi, StateMutability};
use alloy_primitives::{Address, FixedBytes, I256, U256};
use rand::{seq::IndexedRandom, Rng};

/// A generated transaction.
#[derive(Clone, Debug)]
pub struct Call {
    /// Human-readable description for failure messages.
    pub label: String,
    /// Sender.
    pub from: Addr,
    /// ABI-encoded call data (empty: a plain value transfer).
    pub data: Vec<u8>,
    /// Value sent.
    pub value: u128,
}

/// What the generator draws from.
pub struct Pools {
    /// Accounts that send transactions.
    pub senders: Vec<Addr>,
    /// Addresses used as arguments (senders, contracts, zero).
    pub addresses: Vec<Addr>,
}

const UINTS: &[u64] = &[
    0,
    1,
    2,
    3,
    5,
    13,
    31,
    32,
    100,
    255,
    256,
    1000,
    10_000,
    1_000_000_000_000_000_000,
];
const VALUES: &[u128] = &[0, 0, 1, 1_000, 1_000_000_000_000_000_000];
const STRINGS: &[&str] = &[
    "",
    "a",
    "ewasm",
    "Hello, Polkadot!",
    "a string that is longer than thirty-two bytes",
];

fn uint(rng: &mut impl Rng, bits: usize) -> U256 {
    let value = match rng.random_range(0..10) {
        0 => U256::from_be_bytes(rng.random::<[u8; 32]>()),
        1 => U256::MAX,
        _ => U256::from(*UINTS.choose(rng).unwrap_or(&0)),
    };
    if bits < 256 {
        value & ((U256::from(1) << bits) - U256::from(1))
    } else {
        value
    }
}

fn value_of(rng: &mut impl Rng, ty: &DynSolType, pools: &Pools) -> DynSolValue {
    match ty {
        DynSolType::Address => DynSolValue::Address(Address::from(
            *pools.addresses.choose(rng).unwrap_or(&[0; 20]),
        )),
        DynSolType::Bool => DynSolValue::Bool(rng.random()),
        DynSolType::Uint(bits) => DynSolValue::Uint(uint(rng, *bits), *bits),
        DynSolType::Int(bits) => {
            let magnitude = I256::from_raw(uint(rng, bits - 1));
            let value = if rng.random() { -magnitude } else { magnitude };
            DynSolValue::Int(value, *bits)
        }
        DynSolType::FixedBytes(size) => {
            let mut word = [0u8; 32];
            rng.fill(&mut word[..*size]);
            DynSolValue::FixedBytes(FixedBytes::from(word), *size)
        }
        DynSolType::Bytes => {
            let len = rng.random_range(0..80);
            DynSolValue::Bytes((0..len).map(|_| rng.random()).collect())
        }
        DynSolType::String => DynSolValue::String(STRINGS.choose(rng).unwrap_or(&"").to_string()),
        DynSolType::Array(inner) => {
            let len = rng.random_range(0..3);
            DynSolValue::Array((0..len).map(|_| value_of(rng, inner, pools)).collect())
        }
        DynSolType::FixedArray(inner, len) => {
            DynSolValue::FixedArray((0..*len).map(|_| value_of(rng, inner, pools)).collect())
        }
        DynSolType::Tuple(types) => {
            DynSolValue::Tuple(types.iter().map(|t| value_of(rng, t, pools)).collect())
        }
        _ => DynSolValue::Uint(U256::ZERO, 256),
    }
}

/// Random arguments for `function`.
pub fn arguments(rng: &mut impl Rng, function: &Function, pools: &Pools) -> Vec<DynSolValue> {
    function
        .inputs
        .iter()
        .map(|param| {
            let ty = param.resolve().unwrap_or(DynSolType::Uint(256));
            value_of(rng, &ty, pools)
        })
        .collect()
}

/// A random transaction to a contract with `abi`: a random function with random arguments,
/// value for payable functions, or a plain transfer where the contract can receive one.
pub fn random_call(rng: &mut impl Rng, abi: &JsonAbi, pools: &Pools) -> Call {
    let from = *pools.senders.choose(rng).unwrap_or(&[0; 20]);
    let functions: Vec<&Function> = abi.functions().collect();
    if (abi.receive.is_some() && rng.random_range(0..8) == 0) || functions.is_empty() {
        let value = *VALUES.choose(rng).unwrap_or(&0);
        return Call {
            label: format!("transfer {value}"),
            from,
            data: Vec::new(),
            value,
        };
    }
    let function = functions[rng.random_range(0..functions.len())];
    let args = arguments(rng, function, pools);
    let data = function.abi_encode_input(&args).unwrap_or_default();
    let value = if function.state_mutability == StateMutability::Payable {
        *VALUES.choose(rng).unwrap_or(&0)
    } else {
        0
    };
    Call {
        label: format!("{}({args:?}) value {value}", function.name),
        from,
        data,
        value,
    }
}
