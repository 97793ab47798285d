//! Interim weights in the shape `scripts/generate-weights.sh` writes (replaced by its output).

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, RuntimeDbWeight, Weight}};

/// The weight functions of the pallet's benchmarks (see `src/benchmarking`).
pub trait WeightInfo {
    fn upload_code(c: u32, ) -> Weight;
    fn call() -> Weight;
    fn instantiate() -> Weight;
    fn remove_code() -> Weight;
    fn drain_deletion_queue(k: u32, ) -> Weight;
    fn evm_alu(g: u32, ) -> Weight;
    fn evm_mul_div(g: u32, ) -> Weight;
    fn evm_signed_div(g: u32, ) -> Weight;
    fn evm_mulmod(g: u32, ) -> Weight;
    fn evm_exp(g: u32, ) -> Weight;
    fn evm_swap(g: u32, ) -> Weight;
    fn evm_memory(g: u32, ) -> Weight;
    fn evm_keccak(g: u32, ) -> Weight;
    fn evm_jump(g: u32, ) -> Weight;
    fn evm_transient(g: u32, ) -> Weight;
    fn ewasm_alu(g: u32, ) -> Weight;
    fn ewasm_call(g: u32, ) -> Weight;
    fn ewasm_memory(g: u32, ) -> Weight;
    fn evm_sload_cold(r: u32, ) -> Weight;
    fn evm_sstore_new(r: u32, ) -> Weight;
    fn evm_code_load(c: u32, ) -> Weight;
    fn ewasm_code_load(c: u32, ) -> Weight;
}

/// The benchmarked weights, database accesses at `Db`.
pub struct BenchmarkedWeights<Db>(PhantomData<Db>);

impl<Db: Get<RuntimeDbWeight>> WeightInfo for BenchmarkedWeights<Db> {
    fn upload_code(c: u32, ) -> Weight {
        Weight::from_parts(50000000, 10000)
            .saturating_add(Weight::from_parts(2000, 1).saturating_mul(c.into()))
            .saturating_add(Db::get().reads(2_u64))
            .saturating_add(Db::get().writes(2_u64))
    }
    fn call() -> Weight {
        Weight::from_parts(50000000, 20000)
            .saturating_add(Db::get().reads(5_u64))
            .saturating_add(Db::get().writes(3_u64))
    }
    fn instantiate() -> Weight {
        Weight::from_parts(80000000, 20000)
            .saturating_add(Db::get().reads(6_u64))
            .saturating_add(Db::get().writes(6_u64))
    }
    fn remove_code() -> Weight {
        Weight::from_parts(20000000, 5000)
            .saturating_add(Db::get().reads(2_u64))
            .saturating_add(Db::get().writes(2_u64))
    }
    fn drain_deletion_queue(k: u32, ) -> Weight {
        Weight::from_parts(10000000, 1000)
            .saturating_add(Weight::from_parts(2000000, 200).saturating_mul(k.into()))
            .saturating_add(Db::get().reads(2_u64))
            .saturating_add(Db::get().writes(2_u64))
    }
    fn evm_alu(g: u32, ) -> Weight {
        Weight::from_parts(1000000, 0)
            .saturating_add(Weight::from_parts(150000, 0).saturating_mul(g.into()))
    }
    fn evm_mul_div(g: u32, ) -> Weight {
        Weight::from_parts(1000000, 0)
            .saturating_add(Weight::from_parts(150000, 0).saturating_mul(g.into()))
    }
    fn evm_signed_div(g: u32, ) -> Weight {
        Weight::from_parts(1000000, 0)
            .saturating_add(Weight::from_parts(150000, 0).saturating_mul(g.into()))
    }
    fn evm_mulmod(g: u32, ) -> Weight {
        Weight::from_parts(1000000, 0)
            .saturating_add(Weight::from_parts(150000, 0).saturating_mul(g.into()))
    }
    fn evm_exp(g: u32, ) -> Weight {
        Weight::from_parts(1000000, 0)
            .saturating_add(Weight::from_parts(150000, 0).saturating_mul(g.into()))
    }
    fn evm_swap(g: u32, ) -> Weight {
        Weight::from_parts(1000000, 0)
            .saturating_add(Weight::from_parts(150000, 0).saturating_mul(g.into()))
    }
    fn evm_memory(g: u32, ) -> Weight {
        Weight::from_parts(1000000, 0)
            .saturating_add(Weight::from_parts(150000, 0).saturating_mul(g.into()))
    }
    fn evm_keccak(g: u32, ) -> Weight {
        Weight::from_parts(1000000, 0)
            .saturating_add(Weight::from_parts(150000, 0).saturating_mul(g.into()))
    }
    fn evm_jump(g: u32, ) -> Weight {
        Weight::from_parts(1000000, 0)
            .saturating_add(Weight::from_parts(150000, 0).saturating_mul(g.into()))
    }
    fn evm_transient(g: u32, ) -> Weight {
        Weight::from_parts(1000000, 0)
            .saturating_add(Weight::from_parts(150000, 0).saturating_mul(g.into()))
    }
    fn ewasm_alu(g: u32, ) -> Weight {
        Weight::from_parts(1000000, 0)
            .saturating_add(Weight::from_parts(150000, 0).saturating_mul(g.into()))
    }
    fn ewasm_call(g: u32, ) -> Weight {
        Weight::from_parts(1000000, 0)
            .saturating_add(Weight::from_parts(150000, 0).saturating_mul(g.into()))
    }
    fn ewasm_memory(g: u32, ) -> Weight {
        Weight::from_parts(1000000, 0)
            .saturating_add(Weight::from_parts(150000, 0).saturating_mul(g.into()))
    }
    fn evm_sload_cold(r: u32, ) -> Weight {
        Weight::from_parts(1000000, 0)
            .saturating_add(Weight::from_parts(20000000, 2000).saturating_mul(r.into()))
    }
    fn evm_sstore_new(r: u32, ) -> Weight {
        Weight::from_parts(1000000, 0)
            .saturating_add(Weight::from_parts(219000000, 21900).saturating_mul(r.into()))
    }
    fn evm_code_load(c: u32, ) -> Weight {
        Weight::from_parts(1000000, 0)
            .saturating_add(Weight::from_parts(6150000, 41).saturating_mul(c.into()))
    }
    fn ewasm_code_load(c: u32, ) -> Weight {
        Weight::from_parts(1000000, 0)
            .saturating_add(Weight::from_parts(250000, 1).saturating_mul(c.into()))
    }
}

/// The same weights with RocksDB's database weights (the mock runtime's).
impl WeightInfo for () {
    fn upload_code(c: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::upload_code(c, )
    }
    fn call() -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::call()
    }
    fn instantiate() -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::instantiate()
    }
    fn remove_code() -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::remove_code()
    }
    fn drain_deletion_queue(k: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::drain_deletion_queue(k, )
    }
    fn evm_alu(g: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::evm_alu(g, )
    }
    fn evm_mul_div(g: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::evm_mul_div(g, )
    }
    fn evm_signed_div(g: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::evm_signed_div(g, )
    }
    fn evm_mulmod(g: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::evm_mulmod(g, )
    }
    fn evm_exp(g: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::evm_exp(g, )
    }
    fn evm_swap(g: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::evm_swap(g, )
    }
    fn evm_memory(g: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::evm_memory(g, )
    }
    fn evm_keccak(g: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::evm_keccak(g, )
    }
    fn evm_jump(g: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::evm_jump(g, )
    }
    fn evm_transient(g: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::evm_transient(g, )
    }
    fn ewasm_alu(g: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::ewasm_alu(g, )
    }
    fn ewasm_call(g: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::ewasm_call(g, )
    }
    fn ewasm_memory(g: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::ewasm_memory(g, )
    }
    fn evm_sload_cold(r: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::evm_sload_cold(r, )
    }
    fn evm_sstore_new(r: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::evm_sstore_new(r, )
    }
    fn evm_code_load(c: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::evm_code_load(c, )
    }
    fn ewasm_code_load(c: u32, ) -> Weight {
        BenchmarkedWeights::<RocksDbWeight>::ewasm_code_load(c, )
    }
}
