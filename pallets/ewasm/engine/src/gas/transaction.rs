//! Gas a transaction pays around its message, as Ethereum bills it: intrinsic gas before the
//! first frame and the refund cap after the last. One place for both, used by the pallet (to
//! report what an Ethereum receipt would show), the state-test runner and the differential
//! tests.

use crate::types::{Address, H256};
use alloc::vec::Vec;

/// The fork whose transaction rules apply: Byzantium for hera's ewasm suite, Cancun otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fork {
    Byzantium,
    Cancun,
}

/// Transaction base cost.
const TX_GAS: u64 = 21_000;
/// Extra base cost of a contract-creating transaction.
const TX_CREATE_GAS: u64 = 32_000;
/// Per zero byte of data.
const TX_DATA_ZERO_GAS: u64 = 4;
/// Per non-zero byte of data: 68 before Istanbul, 16 since (EIP-2028).
const TX_DATA_NON_ZERO_GAS_BYZANTIUM: u64 = 68;
const TX_DATA_NON_ZERO_GAS: u64 = 16;
/// EIP-2930: per address and per storage key of the access list.
const ACCESS_LIST_ADDRESS_GAS: u64 = 2_400;
const ACCESS_LIST_KEY_GAS: u64 = 1_900;
/// EIP-3860: per 32-byte word of init code.
const INIT_CODE_WORD_GAS: u64 = 2;
/// The refund cap of EIP-3529 (Cancun): gas used / 5; before London gas used / 2.
const MAX_REFUND_QUOTIENT: u64 = 5;
const MAX_REFUND_QUOTIENT_BYZANTIUM: u64 = 2;

impl Fork {
    /// Intrinsic gas of a transaction carrying `data` (the init code, for a creation) and
    /// `access_list`: base, data bytes, creation, init-code words.
    pub fn intrinsic_gas(
        self,
        data: &[u8],
        create: bool,
        access_list: &[(Address, Vec<H256>)],
    ) -> u64 {
        let non_zero = match self {
            Fork::Byzantium => TX_DATA_NON_ZERO_GAS_BYZANTIUM,
            Fork::Cancun => TX_DATA_NON_ZERO_GAS,
        };
        let data_gas: u64 = data
            .iter()
            .map(|b| if *b == 0 { TX_DATA_ZERO_GAS } else { non_zero })
            .sum();
        let mut gas = TX_GAS + data_gas;
        if create {
            gas += TX_CREATE_GAS;
            if self == Fork::Cancun {
                gas += INIT_CODE_WORD_GAS * (data.len() as u64).div_ceil(32);
            }
        }
        for (_, keys) in access_list {
            gas += ACCESS_LIST_ADDRESS_GAS + ACCESS_LIST_KEY_GAS * keys.len() as u64;
        }
        gas
    }

    /// Gas used by a transaction that spent `spent` (intrinsic included) and earned `refund`:
    /// the refund is capped at a fraction of what was spent. Failed transactions earn none.
    pub fn gas_used(self, spent: u64, refund: u64, succeeded: bool) -> u64 {
        if !succeeded {
            return spent;
        }
        let quotient = match self {
            Fork::Byzantium => MAX_REFUND_QUOTIENT_BYZANTIUM,
            Fork::Cancun => MAX_REFUND_QUOTIENT,
        };
        spent - refund.min(spent / quotient)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn intrinsic_gas_counts_bytes_creation_words_and_access_list() {
        let data = [0u8, 1, 0, 2];
        assert_eq!(
            Fork::Cancun.intrinsic_gas(&data, false, &[]),
            21_000 + 4 + 16 + 4 + 16
        );
        assert_eq!(
            Fork::Byzantium.intrinsic_gas(&data, false, &[]),
            21_000 + 4 + 68 + 4 + 68
        );
        // 33 bytes of init code are two words.
        let init = [1u8; 33];
        assert_eq!(
            Fork::Cancun.intrinsic_gas(&init, true, &[]),
            21_000 + 33 * 16 + 32_000 + 4
        );
        assert_eq!(
            Fork::Byzantium.intrinsic_gas(&init, true, &[]),
            21_000 + 33 * 68 + 32_000
        );
        let list = [
            (Address::zero(), vec![H256::zero(); 3]),
            (Address::zero(), vec![]),
        ];
        assert_eq!(
            Fork::Cancun.intrinsic_gas(&[], false, &list),
            21_000 + 2 * 2_400 + 3 * 1_900
        );
    }

    #[test]
    fn refunds_are_capped_per_fork_and_void_on_failure() {
        assert_eq!(Fork::Cancun.gas_used(50_000, 4_800, true), 45_200);
        assert_eq!(Fork::Cancun.gas_used(50_000, 40_000, true), 40_000);
        assert_eq!(Fork::Byzantium.gas_used(50_000, 40_000, true), 25_000);
        assert_eq!(Fork::Cancun.gas_used(50_000, 40_000, false), 50_000);
    }
}
