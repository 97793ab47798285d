//! Contract address derivation (CREATE and CREATE2 rules).

use crate::types::{Address, H256};
use sha3::{Digest, Keccak256};

/// Keccak-256 of `data`.
pub fn keccak256(data: &[u8]) -> H256 {
    H256::from_slice(&Keccak256::digest(data))
}

/// CREATE: `keccak256(rlp([sender, nonce]))[12..]`.
pub fn create_address(sender: &Address, nonce: u64) -> Address {
    let mut stream = rlp::RlpStream::new_list(2);
    stream.append(sender);
    stream.append(&nonce);
    Address::from_slice(&keccak256(&stream.out())[12..])
}

/// CREATE2: `keccak256(0xff ++ sender ++ salt ++ keccak256(init_code))[12..]`.
pub fn create2_address(sender: &Address, salt: &H256, init_code: &[u8]) -> Address {
    let mut preimage = [0u8; 85];
    preimage[0] = 0xff;
    preimage[1..21].copy_from_slice(sender.as_bytes());
    preimage[21..53].copy_from_slice(salt.as_bytes());
    preimage[53..85].copy_from_slice(keccak256(init_code).as_bytes());
    Address::from_slice(&keccak256(&preimage)[12..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addr(hex_str: &str) -> Address {
        let mut bytes = [0u8; 20];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&hex_str[2 * i..2 * i + 2], 16).unwrap();
        }
        Address::from(bytes)
    }

    #[test]
    fn create_address_matches_ethereum() {
        // Well-known vector: the first contract deployed by 0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0.
        let sender = addr("6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0");
        assert_eq!(
            create_address(&sender, 0),
            addr("cd234a471b72ba2f1ccf0a70fcaba648a5eecd8d")
        );
        assert_eq!(
            create_address(&sender, 1),
            addr("343c43a37d37dff08ae8c4a11544c718abb4fcf8")
        );
    }

    #[test]
    fn create2_address_matches_eip1014() {
        // EIP-1014 example 0: deployer 0x00..00, salt 0, init code 0x00.
        let got = create2_address(&Address::zero(), &H256::zero(), &[0x00]);
        assert_eq!(got, addr("4d1a2e2bb4f88f0250f26ffff098b0b30b26bf38"));
    }
}
