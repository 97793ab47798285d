//! Readable diagnosis of a state-root mismatch: the test's filler (YAML, with the expected
//! post-state of the accounts it cares about) is compared field by field with our post-state,
//! and the first differing account and field is named.

use ewasm_engine::{memory_host::MemoryHost, Address, H256, U256};
use serde_yaml::Value;
use std::{fs, path::Path};

/// The filler of test `name`, read from `dir/<name>Filler.yml`, if there is one.
pub fn load(dir: &Path, name: &str) -> Option<Value> {
    let text = fs::read_to_string(dir.join(format!("{name}Filler.yml"))).ok()?;
    let doc: Value = serde_yaml::from_str(&text).ok()?;
    doc.get(name).cloned()
}

/// Whether an expectation's index selector (-1 = any, a number, or a list) covers `index`.
fn covers(selector: Option<&Value>, index: usize) -> bool {
    match selector {
        Some(Value::Number(n)) => n.as_i64().is_none_or(|n| n < 0 || n as usize == index),
        Some(Value::Sequence(items)) => items.iter().any(|item| covers(Some(item), index)),
        _ => true,
    }
}

fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Parses a filler number: decimal, or `0x` hex; empty is zero.
fn number(value: &Value) -> Option<U256> {
    let s = text(value)?;
    let s = s.trim();
    match s.strip_prefix("0x") {
        Some("") => Some(U256::zero()),
        Some(hex) => U256::from_str_radix(hex, 16).ok(),
        None if s.is_empty() => Some(U256::zero()),
        None => U256::from_dec_str(s).ok(),
    }
}

fn address(value: &Value) -> Option<Address> {
    let s = text(value)?;
    let raw = hex::decode(s.trim_start_matches("0x")).ok()?;
    (raw.len() == 20).then(|| Address::from_slice(&raw))
}

/// The first field where `host` differs from the filler's expectations for indexes
/// `(data, gas, value)`, or a note that every expectation holds.
pub fn first_difference(
    filler: &Value,
    indexes: (usize, usize, usize),
    host: &MemoryHost,
) -> String {
    let Some(expects) = filler.get("expect").and_then(Value::as_sequence) else {
        return "filler has no expectations".into();
    };
    for expect in expects {
        let idx = expect.get("indexes");
        let selected = covers(idx.and_then(|i| i.get("data")), indexes.0)
            && covers(idx.and_then(|i| i.get("gas")), indexes.1)
            && covers(idx.and_then(|i| i.get("value")), indexes.2);
        let Some(result) = expect
            .get("result")
            .and_then(Value::as_mapping)
            .filter(|_| selected)
        else {
            continue;
        };
        for (addr, fields) in result {
            let Some(at) = address(addr) else { continue };
            if let Some(diff) = account_difference(&at, fields, host) {
                return diff;
            }
        }
    }
    "every filler expectation holds; the difference is in a field the filler does not state".into()
}

fn account_difference(at: &Address, fields: &Value, host: &MemoryHost) -> Option<String> {
    let account = host.accounts.get(at);
    if fields.get("shouldnotexist").is_some() {
        return account.map(|_| format!("account {at:x}: expected not to exist, but it does"));
    }
    let Some(account) = account else {
        return Some(format!(
            "account {at:x}: expected to exist, but it does not"
        ));
    };
    if let Some(expected) = fields.get("balance").and_then(number) {
        if expected != account.balance {
            return Some(format!(
                "account {at:x}: balance expected {expected}, got {}",
                account.balance
            ));
        }
    }
    if let Some(expected) = fields.get("nonce").and_then(number) {
        if expected != U256::from(account.nonce) {
            return Some(format!(
                "account {at:x}: nonce expected {expected}, got {}",
                account.nonce
            ));
        }
    }
    if let Some(code) = fields
        .get("code")
        .and_then(text)
        .filter(|c| c.starts_with("0x"))
    {
        let expected = hex::decode(&code[2..]).unwrap_or_default();
        if expected != account.code {
            return Some(format!(
                "account {at:x}: code expected {} bytes, got {} bytes",
                expected.len(),
                account.code.len()
            ));
        }
    }
    let storage = fields.get("storage").and_then(Value::as_mapping);
    for (key, value) in storage.into_iter().flatten() {
        let (Some(key), Some(value)) = (number(key), number(value)) else {
            continue;
        };
        let key = H256::from(key.to_big_endian());
        let got = account.storage.get(&key).copied().unwrap_or_default();
        if H256::from(value.to_big_endian()) != got {
            return Some(format!(
                "account {at:x}: storage[{key:x}] expected {value:#x}, got {got:x}"
            ));
        }
    }
    None
}
