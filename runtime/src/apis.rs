//! The runtime APIs the node, polkadot.js and tools call: those both runtimes share
//! (`ewasm_runtime_common::impl_runtime_apis_with_shared!`), GRANDPA's, and with the
//! `runtime-benchmarks` feature the Benchmark API `ewasm-node benchmark pallet` calls.

use crate::{Block, Grandpa, Runtime};
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_runtime::traits::{Block as BlockT, NumberFor};

ewasm_runtime_common::impl_runtime_apis_with_shared! {
    impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
        fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
            Grandpa::grandpa_authorities()
        }

        fn current_set_id() -> sp_consensus_grandpa::SetId {
            Grandpa::current_set_id()
        }

        // Equivocation reporting is not wired up on this demo chain.
        fn submit_report_equivocation_unsigned_extrinsic(
            _proof: sp_consensus_grandpa::EquivocationProof<<Block as BlockT>::Hash, NumberFor<Block>>,
            _key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
        ) -> Option<()> {
            None
        }

        fn generate_key_ownership_proof(
            _set_id: sp_consensus_grandpa::SetId,
            _authority_id: GrandpaId,
        ) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
            None
        }
    }

    #[cfg(feature = "runtime-benchmarks")]
    impl frame_benchmarking::Benchmark<Block> for Runtime {
        fn benchmark_metadata(
            extra: bool,
        ) -> (
            alloc::vec::Vec<frame_benchmarking::BenchmarkList>,
            alloc::vec::Vec<frame_support::traits::StorageInfo>,
        ) {
            use frame_support::traits::StorageInfoTrait;
            let mut list = alloc::vec::Vec::new();
            frame_benchmarking::list_benchmark!(list, extra, pallet_ewasm, crate::Ewasm);
            (list, crate::AllPalletsWithSystem::storage_info())
        }

        fn dispatch_benchmark(
            config: frame_benchmarking::BenchmarkConfig,
        ) -> Result<alloc::vec::Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
            use frame_support::traits::WhitelistedStorageKeys;
            let whitelist = crate::AllPalletsWithSystem::whitelisted_storage_keys();
            let mut batches = alloc::vec::Vec::new();
            let params = (&config, &whitelist);
            frame_benchmarking::add_benchmark!(params, batches, pallet_ewasm, crate::Ewasm);
            Ok(batches)
        }
    }
}
