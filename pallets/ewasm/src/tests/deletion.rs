//! Terminated contracts: gone at once, their storage removed by `on_idle` in bounded steps.

use super::last_instantiated;
use crate::{mock::*, ContractInfoOf, ContractStorage, DeletionQueueCounterOf, Error, Pallet};
use frame_support::{assert_ok, traits::Hooks, weights::Weight};
use pallet_ewasm_fixtures::{deployer, store_runtime};
use sp_core::{H160, H256};

const GAS: u64 = 1_000_000;
const SLOTS: u32 = 100;

/// The store contract at a CREATE2 address, its slot 0 set to `seed` by its constructor.
fn deploy_store(seed: u8) -> H160 {
    assert_ok!(Ewasm::instantiate_with_code(
        RuntimeOrigin::signed(ALICE),
        0,
        GAS,
        deployer(&store_runtime()),
        vec![seed; 32],
        Some(H256::repeat_byte(7)),
        None,
    ));
    last_instantiated()
}

fn trie_id(contract: H160) -> u64 {
    ContractInfoOf::<Test>::get(contract)
        .expect("a contract")
        .trie_id
}

fn stored_slots(trie_id: u64) -> usize {
    ContractStorage::<Test>::iter_prefix(trie_id).count()
}

fn slot(n: u32) -> H256 {
    H256::from_low_u64_be(u64::from(n) + 1)
}

#[test]
fn a_terminated_contract_is_gone_at_once_and_its_storage_drains_in_bounded_steps() {
    let mut ext = new_test_ext();
    let (contract, old) = ext.execute_with(|| {
        let contract = deploy_store(1);
        let old = trie_id(contract);
        // A storage flood the contract paid for over many transactions (written directly here).
        for n in 0..SLOTS {
            ContractStorage::<Test>::insert(old, slot(n), H256::repeat_byte(9));
        }
        assert_ok!(Ewasm::call(
            RuntimeOrigin::signed(BOB),
            contract,
            0,
            GAS,
            vec![5],
            None
        ));

        // Gone for callers, slots still waiting.
        assert!(!ContractInfoOf::<Test>::contains_key(contract));
        assert_eq!(Pallet::<Test>::storage_of(&contract, &slot(0)), None);
        assert!(matches!(
            Pallet::<Test>::bare_call(&BOB, contract, 0, GAS, vec![]),
            Err(Error::<Test>::ContractNotFound)
        ));
        assert_eq!(stored_slots(old), SLOTS as usize + 1);

        // Re-created at the same address, it sees none of the old slots.
        assert_eq!(deploy_store(2), contract);
        assert_ne!(trie_id(contract), old);
        assert_eq!(
            Pallet::<Test>::storage_of(&contract, &H256::zero()),
            Some(H256::repeat_byte(2))
        );
        assert_eq!(Pallet::<Test>::storage_of(&contract, &slot(0)), None);
        (contract, old)
    });
    // Later blocks: the slots are in the database, where deletion limits apply.
    ext.commit_all().expect("commits");
    let (base, per_slot) = crate::rates::deletion::<()>();
    ext.execute_with(|| {
        // Too little weight: nothing happens.
        assert_eq!(Ewasm::on_idle(2, base), Weight::zero());
        assert_eq!(stored_slots(old), SLOTS as usize + 1);
    });

    // Weight for 30 slots per block: at most 30 go per block, within the weight given.
    let budget = base + per_slot * 30;
    let mut blocks = 0;
    while ext.execute_with(|| stored_slots(old)) > 0 {
        ext.execute_with(|| {
            let before = stored_slots(old);
            let used = Ewasm::on_idle(3 + blocks, budget);
            assert!(used.all_lte(budget), "{used:?} > {budget:?}");
            let removed = before - stored_slots(old);
            assert!(removed > 0 && removed <= 30, "{removed} slots removed");
        });
        ext.commit_all().expect("commits");
        blocks += 1;
    }
    assert_eq!(blocks, (SLOTS + 1).div_ceil(30) as u64);
    ext.execute_with(|| {
        let counter = DeletionQueueCounterOf::<Test>::get();
        assert_eq!(counter.delete, counter.insert);
        // The live contract keeps its storage.
        assert_eq!(
            Pallet::<Test>::storage_of(&contract, &H256::zero()),
            Some(H256::repeat_byte(2))
        );
        assert_eq!(
            Ewasm::on_idle(10, budget),
            Weight::zero(),
            "an empty queue costs nothing"
        );
    });
}
