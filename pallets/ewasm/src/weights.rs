//! Conservative hand-set weights until benchmarks replace them. Execution itself is paid
//! through gas (see `Config::WeightPerGas`); these cover the work around it.

use frame_support::weights::{constants::RocksDbWeight, Weight};

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
/// validated (measured well below that for wasmi's eager validation).
impl WeightInfo for () {
    fn upload_code(len: u32) -> Weight {
        Weight::from_parts(50_000_000, 10_000)
            .saturating_add(Weight::from_parts(
                2_000u64.saturating_mul(len.into()),
                len.into(),
            ))
            .saturating_add(RocksDbWeight::get().reads_writes(2, 2))
    }

    fn call() -> Weight {
        Weight::from_parts(50_000_000, 20_000)
            .saturating_add(RocksDbWeight::get().reads_writes(5, 3))
    }

    fn instantiate() -> Weight {
        Weight::from_parts(80_000_000, 20_000)
            .saturating_add(RocksDbWeight::get().reads_writes(6, 6))
    }

    fn remove_code() -> Weight {
        Weight::from_parts(20_000_000, 5_000)
            .saturating_add(RocksDbWeight::get().reads_writes(2, 2))
    }

    fn deletion_queue_base() -> Weight {
        Weight::from_parts(10_000_000, 1_000)
            .saturating_add(RocksDbWeight::get().reads_writes(2, 2))
    }

    fn delete_storage_slot() -> Weight {
        // A trie node of the prefix iteration and the slot itself: two keys of ~100 bytes.
        Weight::from_parts(2_000_000, 200).saturating_add(RocksDbWeight::get().reads_writes(1, 1))
    }
}
