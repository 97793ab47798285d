//! Conservative hand-set weights until benchmarks replace them. Execution itself is paid
//! through gas (see `Config::WeightPerGas`); these cover the work around it.

use core::marker::PhantomData;
use frame_support::{
    traits::Get,
    weights::{constants::RocksDbWeight, RuntimeDbWeight, Weight},
};

/// Weight functions of the pallet's extrinsics.
pub trait WeightInfo {
    /// `upload_code` of `len` bytes (validation and storage).
    fn upload_code(len: u32) -> Weight;
    /// The fixed part of `call` (account lookups, code load, events).
    fn call() -> Weight;
    /// The fixed part of `instantiate` (plus `upload_code` for `instantiate_with_code`).
    fn instantiate() -> Weight;
    /// `remove_code`.
    fn remove_code() -> Weight;
    /// Draining the deletion queue in `on_idle`: the fixed part, and one queue entry.
    fn deletion_queue_base() -> Weight;
    /// Removing one storage slot of a terminated contract.
    fn delete_storage_slot() -> Weight;
}

/// Generous estimates: 50 µs and 5 reads/writes for each entry point, 2 ns per byte of code
/// validated (measured well below that for wasmi's eager validation), with the database
/// weights `Db` (a runtime's `frame_system::Config::DbWeight`: its node's database).
pub struct HandSetWeights<Db>(PhantomData<Db>);

impl<Db: Get<RuntimeDbWeight>> WeightInfo for HandSetWeights<Db> {
    fn upload_code(len: u32) -> Weight {
        Weight::from_parts(50_000_000, 10_000)
            .saturating_add(Weight::from_parts(
                2_000u64.saturating_mul(len.into()),
                len.into(),
            ))
            .saturating_add(Db::get().reads_writes(2, 2))
    }

    fn call() -> Weight {
        Weight::from_parts(50_000_000, 20_000).saturating_add(Db::get().reads_writes(5, 3))
    }

    fn instantiate() -> Weight {
        Weight::from_parts(80_000_000, 20_000).saturating_add(Db::get().reads_writes(6, 6))
    }

    fn remove_code() -> Weight {
        Weight::from_parts(20_000_000, 5_000).saturating_add(Db::get().reads_writes(2, 2))
    }

    fn deletion_queue_base() -> Weight {
        Weight::from_parts(10_000_000, 1_000).saturating_add(Db::get().reads_writes(2, 2))
    }

    fn delete_storage_slot() -> Weight {
        // A trie node of the prefix iteration and the slot itself: two keys of ~100 bytes.
        Weight::from_parts(2_000_000, 200).saturating_add(Db::get().reads_writes(1, 1))
    }
}

/// The same estimates with RocksDB's database weights (the mock runtime's).
impl WeightInfo for () {
    fn upload_code(len: u32) -> Weight {
        HandSetWeights::<RocksDbWeight>::upload_code(len)
    }
    fn call() -> Weight {
        HandSetWeights::<RocksDbWeight>::call()
    }
    fn instantiate() -> Weight {
        HandSetWeights::<RocksDbWeight>::instantiate()
    }
    fn remove_code() -> Weight {
        HandSetWeights::<RocksDbWeight>::remove_code()
    }
    fn deletion_queue_base() -> Weight {
        HandSetWeights::<RocksDbWeight>::deletion_queue_base()
    }
    fn delete_storage_slot() -> Weight {
        HandSetWeights::<RocksDbWeight>::delete_storage_slot()
    }
}
