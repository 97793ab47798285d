//! Terminated contracts' storage: gone for callers at once, removed later in bounded steps.
//!
//! `selfDestruct` costs a fixed amount of gas whatever the contract stored, so its storage
//! cannot be removed in the transaction. Termination removes the contract (its `ContractInfo`,
//! through which every slot is reached) and queues its `trie_id`; `on_idle` removes queued
//! slots with the weight the block has left, as pallet-contracts does.

use crate::{rates, Config, ContractStorage, DeletionQueue, DeletionQueueCounterOf, Pallet};
use frame_support::weights::Weight;

impl<T: Config> Pallet<T> {
    /// Queues the storage under `trie_id` for removal.
    pub(crate) fn queue_storage_deletion(trie_id: u64) {
        DeletionQueueCounterOf::<T>::mutate(|counter| {
            DeletionQueue::<T>::insert(counter.insert, trie_id);
            counter.insert = counter.insert.wrapping_add(1);
        });
    }

    /// Removes queued storage, oldest first, within `remaining` weight; returns the weight used.
    pub(crate) fn drain_deletion_queue(remaining: Weight) -> Weight {
        let (base, per_slot) = rates::deletion::<T::WeightInfo>();
        let mut counter = DeletionQueueCounterOf::<T>::get();
        if counter.delete == counter.insert || remaining.any_lt(base.saturating_add(per_slot)) {
            return Weight::zero();
        }
        let mut used = Weight::zero();
        while counter.delete != counter.insert {
            let left = remaining.saturating_sub(used).saturating_sub(base);
            let slots = left.checked_div_per_component(&per_slot).unwrap_or(0);
            if slots == 0 {
                break;
            }
            used = used.saturating_add(base);
            let Some(trie_id) = DeletionQueue::<T>::get(counter.delete) else {
                counter.delete = counter.delete.wrapping_add(1);
                continue;
            };
            let limit = u32::try_from(slots).unwrap_or(u32::MAX);
            let removal = ContractStorage::<T>::clear_prefix(trie_id, limit, None);
            used = used.saturating_add(per_slot.saturating_mul(u64::from(removal.loops)));
            if removal.maybe_cursor.is_some() {
                break;
            }
            DeletionQueue::<T>::remove(counter.delete);
            counter.delete = counter.delete.wrapping_add(1);
        }
        DeletionQueueCounterOf::<T>::put(counter);
        used
    }
}
