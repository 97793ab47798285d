//! The runtime APIs polkadot-omni-node, polkadot.js and tools call: those both runtimes share
//! (`ewasm_runtime_common::impl_runtime_apis_with_shared!`) and the parachain's own.

use crate::{Block, ConsensusHook, ParachainInfo, ParachainSystem, Runtime};
use frame_support::traits::Get;
use sp_runtime::traits::Block as BlockT;

ewasm_runtime_common::impl_runtime_apis_with_shared! {
    impl cumulus_primitives_aura::AuraUnincludedSegmentApi<Block> for Runtime {
        fn can_build_upon(included_hash: <Block as BlockT>::Hash, slot: cumulus_primitives_aura::Slot) -> bool {
            ConsensusHook::can_build_upon(included_hash, slot)
        }
    }

    impl cumulus_primitives_core::CollectCollationInfo<Block> for Runtime {
        fn collect_collation_info(header: &<Block as BlockT>::Header) -> cumulus_primitives_core::CollationInfo {
            ParachainSystem::collect_collation_info(header)
        }
    }

    impl cumulus_primitives_core::GetParachainInfo<Block> for Runtime {
        fn parachain_id() -> cumulus_primitives_core::ParaId {
            ParachainInfo::parachain_id()
        }
    }

    impl cumulus_primitives_core::RelayParentOffsetApi<Block> for Runtime {
        fn relay_parent_offset() -> u32 {
            <Runtime as cumulus_pallet_parachain_system::Config>::RelayParentOffset::get()
        }

        fn max_claim_queue_offset() -> u8 {
            ParachainSystem::max_claim_queue_offset()
        }
    }
}
