//! The runtime APIs the node, polkadot.js and tools call: those both runtimes share
//! (`ewasm_runtime_common::impl_runtime_apis_with_shared!`) and GRANDPA's.

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
}
