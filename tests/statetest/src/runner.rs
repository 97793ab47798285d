//! Loading test files and checking every post entry.

use crate::{
    ethstate::{logs_hash, state_root},
    filler,
    format::{Env, PreAccount, StateTest},
    transaction::{self, Tx},
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

/// The fork whose post states are checked.
const FORK: &str = "Byzantium";

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
            Self::NoPostState => write!(f, "no {FORK} post state"),
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

/// Runs every test and post entry in `file` with hera's configuration.
pub fn run_file(file: &Path) -> Vec<Outcome> {
    run_file_with(file, &EngineConfig::default())
}

/// Runs every test and post entry in `file` under `config`.
pub fn run_file_with(file: &Path, config: &EngineConfig) -> Vec<Outcome> {
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
    let mut outcomes = Vec::new();
    for (name, test) in &tests {
        let posts = test.post.get(FORK).map(Vec::as_slice).unwrap_or_default();
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
            let error = run_post(test, index, config, &|host, indexes| {
                filler::load(&fillers_dir(file), name).map_or_else(
                    || describe(host),
                    |f| filler::first_difference(&f, indexes, host),
                )
            })
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

fn context(env: &Env, origin: Address, gas_price: U256) -> Result<TxContext, TestError> {
    Ok(TxContext {
        origin,
        gas_price,
        coinbase: address(&env.current_coinbase)?,
        number: small(&env.current_number)? as i64,
        timestamp: small(&env.current_timestamp)? as i64,
        gas_limit: small(&env.current_gas_limit)? as i64,
        difficulty: number(&env.current_difficulty)?,
        // Only translated EVM code reads these; the Ewasm state tests have none.
        chain_id: 1,
        base_fee: U256::zero(),
        ..TxContext::default()
    })
}

/// Explains a state-root mismatch given the post state and the `(data, gas, value)` indexes.
type Explain<'a> = &'a dyn Fn(&MemoryHost, (usize, usize, usize)) -> String;

fn run_post(
    test: &StateTest,
    index: usize,
    config: &EngineConfig,
    explain: Explain<'_>,
) -> Result<(), TestError> {
    let post = &test.post[FORK][index];
    let t = &test.transaction;
    let pick =
        |list: &Vec<String>, i: usize| list.get(i).cloned().ok_or_else(|| malformed("index"));
    let sender = sender_of(&t.secret_key)?;
    let gas_price = number(&t.gas_price)?;
    let tx = Tx {
        sender,
        to: if t.to.is_empty() {
            None
        } else {
            Some(address(&t.to)?)
        },
        nonce: small(&t.nonce)?,
        gas_limit: small(&pick(&t.gas_limit, post.indexes.gas)?)?,
        gas_price,
        value: number(&pick(&t.value, post.indexes.value)?)?,
        data: bytes(&pick(&t.data, post.indexes.data)?)?,
    };
    let host = pre_state(&test.pre, &test.env)?;
    let context = context(&test.env, sender, gas_price)?;
    let (host, applied) = transaction::apply(host, &tx, context, config.clone());
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
        let outcomes = run_file_with(&file, &config);
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
