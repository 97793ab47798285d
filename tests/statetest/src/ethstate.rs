//! Ethereum state encodings: the state root and the logs hash.

use ewasm_engine::{
    address::keccak256,
    memory_host::{Account, MemoryHost},
    Log, H256, U256,
};
use keccak_hasher::KeccakHasher;
use rlp::RlpStream;

/// Keccak-256 of the empty byte string (code hash of accounts without code).
fn empty_code_hash() -> H256 {
    keccak256(&[])
}

/// Root of the secure Merkle-Patricia trie of an account's storage.
fn storage_root(account: &Account) -> H256 {
    let entries = account.storage.iter().map(|(key, value)| {
        let value = U256::from_big_endian(value.as_bytes());
        (key.as_bytes().to_vec(), rlp::encode(&value).to_vec())
    });
    H256::from(triehash::sec_trie_root::<KeccakHasher, _, _, _>(entries))
}

/// RLP of an account: `[nonce, balance, storageRoot, codeHash]`.
fn account_rlp(account: &Account) -> Vec<u8> {
    let code_hash = if account.code.is_empty() {
        empty_code_hash()
    } else {
        keccak256(&account.code)
    };
    let mut stream = RlpStream::new_list(4);
    stream.append(&account.nonce);
    stream.append(&account.balance);
    stream.append(&storage_root(account));
    stream.append(&code_hash);
    stream.out().to_vec()
}

/// The state root of every account in `host`.
pub fn state_root(host: &MemoryHost) -> H256 {
    let entries = host
        .accounts
        .iter()
        .map(|(address, account)| (address.as_bytes().to_vec(), account_rlp(account)));
    H256::from(triehash::sec_trie_root::<KeccakHasher, _, _, _>(entries))
}

/// `keccak256(rlp(logs))`, each log `[address, [topics], data]`.
pub fn logs_hash(logs: &[Log]) -> H256 {
    let mut stream = RlpStream::new_list(logs.len());
    for log in logs {
        stream.begin_list(3);
        stream.append(&log.address);
        stream.append_list(&log.topics);
        stream.append(&log.data);
    }
    keccak256(&stream.out())
}
