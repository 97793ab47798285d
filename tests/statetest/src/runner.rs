//! Loading test files and checking every post entry.

use crate::{
    ethstate::{logs_hash, state_root},
    filler,
    format::{Env, PostEntry, PreAccount, StateTest},
    transaction::{self, Fork, Tx},
};
use ewasm_engine::{
    address::keccak256,
    memory_host::{Account, MemoryHost},
    Address, EngineConfig, TxContext, H256, U256,
};
use std::{
    collections::BTreeMap,
    fmt, fs,
    path::{Path, PathBuf},
};

/// Which suite a test file belongs to, told by its content: ewasm tests carry wasm code
/// (hera's Byzantium rules, Ewasm engine settings), ethereum/tests carry EVM code (Cancun rules,
/// EVM code on the interpreter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suite {
    Ewasm,
    Ethereum,
}

impl Suite {
    fn of(tests: &BTreeMap<String, StateTest>) -> Self {
        let is_wasm = |hex: &str| hex.starts_with("0x0061736d");
        let wasm = tests.values().any(|t| {
            t.pre.values().any(|account| is_wasm(&account.code))
                || t.transaction.data.iter().any(|data| is_wasm(data))
        });
        if wasm {
            Self::Ewasm
        } else {
            Self::Ethereum
        }
    }

    /// The fork whose post states are checked.
    fn fork(self) -> Fork {
        match self {
            Self::Ewasm => Fork::Byzantium,
            Self::Ethereum => Fork::Cancun,
        }
    }

    fn fork_name(self) -> &'static str {
        match self {
            Self::Ewasm => "Byzantium",
            Self::Ethereum => "Cancun",
        }
    }

    /// The engine settings: hera's for Ewasm, Ethereum's limits with EVM code and Cancun's
    /// opcodes (no CLZ) for Cancun.
    pub fn config(self) -> EngineConfig {
        match self {
            Self::Ewasm => EngineConfig::default(),
            Self::Ethereum => EngineConfig {
                evm_bytecode: true,
                evm_version: ewasm_engine::EvmVersion::Cancun,
                ..EngineConfig::default()
            },
        }
    }
}

/// How one post entry failed.
#[derive(Debug)]
pub enum TestError {
    /// The file or a field could not be read.
    Malformed(String),
    /// The post state root differs.
    StateRootMismatch {
        expected: H256,
        got: H256,
        detail: String,
    },
    /// The logs hash differs.
    LogsHashMismatch { expected: H256, got: H256 },
    /// The file has no post entries for the fork.
    NoPostState,
    /// The transaction should have been rejected.
    ExceptionExpected(String),
}

impl fmt::Display for TestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(what) => write!(f, "malformed test: {what}"),
            Self::StateRootMismatch {
                expected,
                got,
                detail,
            } => write!(
                f,
                "state root mismatch: expected {expected:?}, got {got:?}; {detail}"
            ),
            Self::LogsHashMismatch { expected, got } => {
                write!(f, "logs hash mismatch: expected {expected:?}, got {got:?}")
            }
            Self::NoPostState => write!(f, "no post state for the fork"),
            Self::ExceptionExpected(what) => {
                write!(f, "transaction applied, expected exception {what}")
            }
        }
    }
}

/// The result of one test and post index.
pub struct Outcome {
    pub name: String,
    pub error: Option<TestError>,
}

/// Every `.json` file named or found (recursively) under the directories named.
pub fn collect_json_files(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = fs::read_dir(path)?
                .map(|e| e.map(|e| e.path()))
                .collect::<Result<_, _>>()?;
            entries.sort();
            files.extend(collect_json_files(&entries)?);
        } else if path.extension().is_some_and(|ext| ext == "json") || paths.len() == 1 {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// Where the fillers of `file`'s tests are: `../fillers` beside its directory (the layout of
/// `shared/conformance`), else its own directory.
fn fillers_dir(file: &Path) -> PathBuf {
    let dir = file.parent().unwrap_or(Path::new("."));
    let sibling = dir.join("..").join("fillers");
    if sibling.is_dir() {
        sibling
    } else {
        dir.to_path_buf()
    }
}

/// Runs every test and post entry in `file` with its suite's configuration.
pub fn run_file(file: &Path) -> Vec<Outcome> {
    run_file_with(file, None)
}

/// Runs every test and post entry in `file` under `config` (its suite's if `None`).
pub fn run_file_with(file: &Path, config: Option<&EngineConfig>) -> Vec<Outcome> {
    let display = file.display().to_string();
    let tests: BTreeMap<String, StateTest> = match fs::read_to_string(file)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()))
    {
        Ok(tests) => tests,
        Err(e) => {
            return vec![Outcome {
                name: display,
                error: Some(TestError::Malformed(e)),
            }]
        }
    };
    let suite = Suite::of(&tests);
    let config = config.cloned().unwrap_or_else(|| suite.config());
    let mut outcomes = Vec::new();
    for (name, test) in &tests {
        let posts = test
            .post
            .get(suite.fork_name())
            .map(Vec::as_slice)
            .unwrap_or_default();
        if posts.is_empty() && suite == Suite::Ethereum {
            continue; // a test for other forks only
        }
        if posts.is_empty() {
            outcomes.push(Outcome {
                name: name.clone(),
                error: Some(TestError::NoPostState),
            });
        }
        for (index, _) in posts.iter().enumerate() {
            let label = if posts.len() == 1 {
                name.clone()
            } else {
                format!("{name}[{index}]")
            };
            let error = run_post(
                test,
                &posts[index],
                suite.fork(),
                &config,
                &|host, indexes| {
                    filler::load(&fillers_dir(file), name).map_or_else(
                        || describe(host),
                        |f| filler::first_difference(&f, indexes, host),
                    )
                },
            )
            .err();
            outcomes.push(Outcome { name: label, error });
        }
    }
    outcomes
}

fn malformed(what: impl fmt::Display) -> TestError {
    TestError::Malformed(what.to_string())
}

/// Parses `0x`-prefixed hex (or decimal) into a 256-bit number; empty means zero.
fn number(text: &str) -> Result<U256, TestError> {
    match text.strip_prefix("0x") {
        Some("") => Ok(U256::zero()),
        Some(hex_digits) => U256::from_str_radix(hex_digits, 16).map_err(malformed),
        None if text.is_empty() => Ok(U256::zero()),
        None => U256::from_dec_str(text).map_err(malformed),
    }
}

fn bytes(text: &str) -> Result<Vec<u8>, TestError> {
    hex::decode(text.trim_start_matches("0x")).map_err(malformed)
}

fn address(text: &str) -> Result<Address, TestError> {
    let raw = bytes(text)?;
    (raw.len() == 20)
        .then(|| Address::from_slice(&raw))
        .ok_or_else(|| malformed(text))
}

fn hash(text: &str) -> Result<H256, TestError> {
    let raw = bytes(text)?;
    (raw.len() == 32)
        .then(|| H256::from_slice(&raw))
        .ok_or_else(|| malformed(text))
}

fn small(text: &str) -> Result<u64, TestError> {
    let value = number(text)?;
    (value.bits() <= 64)
        .then(|| value.low_u64())
        .ok_or_else(|| malformed(text))
}

/// The address of a secp256k1 secret key.
fn sender_of(secret_key: &str) -> Result<Address, TestError> {
    let secret = k256::SecretKey::from_slice(&bytes(secret_key)?).map_err(malformed)?;
    let point =
        k256::elliptic_curve::sec1::ToEncodedPoint::to_encoded_point(&secret.public_key(), false);
    Ok(Address::from_slice(
        &keccak256(&point.as_bytes()[1..])[12..],
    ))
}

fn pre_state(pre: &BTreeMap<String, PreAccount>, env: &Env) -> Result<MemoryHost, TestError> {
    let mut host = MemoryHost::default();
    for (addr, account) in pre {
        let mut storage = BTreeMap::new();
        for (key, value) in &account.storage {
            let value = number(value)?;
            if !value.is_zero() {
                storage.insert(
                    H256::from(number(key)?.to_big_endian()),
                    H256::from(value.to_big_endian()),
                );
            }
        }
        host.accounts.insert(
            address(addr)?,
            Account {
                balance: number(&account.balance)?,
                nonce: small(&account.nonce)?,
                code: bytes(&account.code)?,
                storage,
            },
        );
    }
    // The hashes the state-test fillers use: keccak256 of the block number in decimal.
    let current = small(&env.current_number)?;
    for n in current.saturating_sub(256)..current {
        host.block_hashes
            .insert(n, keccak256(n.to_string().as_bytes()));
    }
    Ok(host)
}

/// The block and transaction context; the gas price is the transaction rules' to set (the
/// effective price follows from the base fee).
fn context(env: &Env, origin: Address, blob_hashes: Vec<H256>) -> Result<TxContext, TestError> {
    let optional = |field: &Option<String>| field.as_deref().map(number).transpose();
    let excess_blob_gas = optional(&env.current_excess_blob_gas)?.unwrap_or_default();
    Ok(TxContext {
        origin,
        coinbase: address(&env.current_coinbase)?,
        number: small(&env.current_number)? as i64,
        timestamp: small(&env.current_timestamp)? as i64,
        gas_limit: small(&env.current_gas_limit)? as i64,
        // PREVRANDAO replaces DIFFICULTY from Paris on.
        difficulty: optional(&env.current_random)?.unwrap_or(number(&env.current_difficulty)?),
        chain_id: 1,
        base_fee: optional(&env.current_base_fee)?.unwrap_or_default(),
        blob_base_fee: transaction::blob_base_fee(excess_blob_gas.low_u64()),
        blob_hashes,
        ..TxContext::default()
    })
}

/// Explains a state-root mismatch given the post state and the `(data, gas, value)` indexes.
type Explain<'a> = &'a dyn Fn(&MemoryHost, (usize, usize, usize)) -> String;

/// The transaction a post entry's indexes select.
fn transaction_of(test: &StateTest, post: &PostEntry) -> Result<Tx, TestError> {
    let t = &test.transaction;
    let pick =
        |list: &Vec<String>, i: usize| list.get(i).cloned().ok_or_else(|| malformed("index"));
    let optional = |field: &Option<String>| field.as_deref().map(number).transpose();
    let max_priority_fee = optional(&t.max_priority_fee_per_gas)?;
    let max_fee = match (&t.gas_price, &t.max_fee_per_gas) {
        (Some(price), _) | (None, Some(price)) => number(price)?,
        (None, None) => return Err(malformed("no gas price")),
    };
    let mut access_list = Vec::new();
    let list = t
        .access_lists
        .as_ref()
        .and_then(|lists| lists.get(post.indexes.data))
        .and_then(Option::as_ref);
    for item in list.into_iter().flatten() {
        let keys = item
            .storage_keys
            .iter()
            .map(|k| hash(k))
            .collect::<Result<_, _>>()?;
        access_list.push((address(&item.address)?, keys));
    }
    let blob_hashes = t
        .blob_versioned_hashes
        .iter()
        .flatten()
        .map(|h| hash(h))
        .collect::<Result<_, _>>()?;
    Ok(Tx {
        sender: sender_of(&t.secret_key)?,
        to: if t.to.is_empty() {
            None
        } else {
            Some(address(&t.to)?)
        },
        nonce: small(&t.nonce)?,
        gas_limit: small(&pick(&t.gas_limit, post.indexes.gas)?)?,
        max_fee,
        max_priority_fee,
        value: number(&pick(&t.value, post.indexes.value)?)?,
        data: bytes(&pick(&t.data, post.indexes.data)?)?,
        access_list,
        blob_hashes,
        max_fee_per_blob_gas: optional(&t.max_fee_per_blob_gas)?,
    })
}

fn run_post(
    test: &StateTest,
    post: &PostEntry,
    fork: Fork,
    config: &EngineConfig,
    explain: Explain<'_>,
) -> Result<(), TestError> {
    let tx = match transaction_of(test, post) {
        Ok(tx) => tx,
        // A transaction that cannot even be decoded (a nonce above 64 bits, …) is invalid.
        Err(_) if post.expect_exception.is_some() => return Ok(()),
        Err(e) => return Err(e),
    };
    let host = pre_state(&test.pre, &test.env)?;
    let context = context(&test.env, tx.sender, tx.blob_hashes.clone())?;
    let (host, applied) = transaction::apply(host, &tx, context, config.clone(), fork);
    if let (Some(expected), Ok(_)) = (&post.expect_exception, &applied) {
        return Err(TestError::ExceptionExpected(expected.clone()));
    }
    let logs = applied
        .as_ref()
        .map(|logs| logs.as_slice())
        .unwrap_or_default();

    let got = state_root(&host);
    let expected = hash(&post.hash)?;
    if got != expected {
        let detail = match &applied {
            Err(invalid) => format!("transaction invalid: {invalid:?}"),
            Ok(_) => {
                let i = &post.indexes;
                explain(&host, (i.data, i.gas, i.value))
            }
        };
        return Err(TestError::StateRootMismatch {
            expected,
            got,
            detail,
        });
    }
    let (expected_logs, got_logs) = (hash(&post.logs)?, logs_hash(logs));
    if expected_logs != got_logs {
        return Err(TestError::LogsHashMismatch {
            expected: expected_logs,
            got: got_logs,
        });
    }
    Ok(())
}

/// A one-line summary of the post state, for tests without a filler.
fn describe(host: &MemoryHost) -> String {
    host.accounts
        .iter()
        .map(|(address, a)| {
            let storage: Vec<String> = a
                .storage
                .iter()
                .map(|(k, v)| format!("{k:x}={v:x}"))
                .collect();
            format!(
                "{address:x}: balance {} nonce {} code {}B storage [{}]",
                a.balance,
                a.nonce,
                a.code.len(),
                storage.join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(test: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/conformance/ewasm-state-tests/filled")
            .join(format!("{test}.json"))
    }

    #[test]
    fn a_wrong_gas_cost_is_reported_as_the_first_differing_field() {
        let file = shared("callDelegate");
        assert!(
            file.exists(),
            "{} (../shared beside the checkout) is missing",
            file.display()
        );
        assert!(run_file(&file).iter().all(|o| o.error.is_none()));
        let mut config = EngineConfig::default();
        config.schedule.storage_store_create += 1;
        let outcomes = run_file_with(&file, Some(&config));
        let message = outcomes[0]
            .error
            .as_ref()
            .expect("the changed cost is noticed")
            .to_string();
        assert!(message.starts_with("state root mismatch"), "{message}");
        assert!(
            message.contains("account a94f5374fce5edbc8e2a8697c15331677e6ebf0b: balance expected 99999958298, got 99999958297"),
            "{message}"
        );
    }
}
