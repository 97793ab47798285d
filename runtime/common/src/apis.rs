//! The runtime APIs both runtimes implement the same way, in one macro.

/// `impl_runtime_apis!` with the runtime APIs both runtimes implement alike (Core, Metadata,
/// BlockBuilder, TaggedTransactionQueue, OffchainWorkerApi, AuraApi, SessionKeys,
/// AccountNonceApi, TransactionPaymentApi and its Call variant, EwasmApi, GenesisBuilder),
/// followed by the runtime's own impls (`impl_runtime_apis!` takes every impl in one call).
/// Expands in the runtime crate: names `crate::{Runtime, Block, Executive, System, Aura,
/// TransactionPayment, SessionKeys, RuntimeCall, RuntimeGenesisConfig, VERSION,
/// InherentDataExt, AccountId, Nonce, Balance, genesis_config_presets}` and needs `Runtime` and
/// `Block` in scope.
#[macro_export]
macro_rules! impl_runtime_apis_with_shared {
    ($($own:tt)*) => {
        sp_api::impl_runtime_apis! {
            impl sp_api::Core<Block> for Runtime {
                fn version() -> sp_version::RuntimeVersion {
                    crate::VERSION
                }

                fn execute_block(block: <Block as sp_runtime::traits::Block>::LazyBlock) {
                    crate::Executive::execute_block(block);
                }

                fn initialize_block(
                    header: &<Block as sp_runtime::traits::Block>::Header,
                ) -> sp_runtime::ExtrinsicInclusionMode {
                    crate::Executive::initialize_block(header)
                }
            }

            impl sp_api::Metadata<Block> for Runtime {
                fn metadata() -> sp_core::OpaqueMetadata {
                    sp_core::OpaqueMetadata::new(Runtime::metadata().into())
                }

                fn metadata_at_version(version: u32) -> Option<sp_core::OpaqueMetadata> {
                    Runtime::metadata_at_version(version)
                }

                fn metadata_versions() -> alloc::vec::Vec<u32> {
                    Runtime::metadata_versions()
                }
            }

            impl sp_block_builder::BlockBuilder<Block> for Runtime {
                fn apply_extrinsic(
                    extrinsic: <Block as sp_runtime::traits::Block>::Extrinsic,
                ) -> sp_runtime::ApplyExtrinsicResult {
                    crate::Executive::apply_extrinsic(extrinsic)
                }

                fn finalize_block() -> <Block as sp_runtime::traits::Block>::Header {
                    crate::Executive::finalize_block()
                }

                fn inherent_extrinsics(
                    data: sp_inherents::InherentData,
                ) -> alloc::vec::Vec<<Block as sp_runtime::traits::Block>::Extrinsic> {
                    crate::InherentDataExt::create_extrinsics(&data)
                }

                fn check_inherents(
                    block: <Block as sp_runtime::traits::Block>::LazyBlock,
                    data: sp_inherents::InherentData,
                ) -> sp_inherents::CheckInherentsResult {
                    crate::InherentDataExt::check_extrinsics(&data, &block)
                }
            }

            impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
                fn validate_transaction(
                    source: sp_runtime::transaction_validity::TransactionSource,
                    tx: <Block as sp_runtime::traits::Block>::Extrinsic,
                    block_hash: <Block as sp_runtime::traits::Block>::Hash,
                ) -> sp_runtime::transaction_validity::TransactionValidity {
                    crate::Executive::validate_transaction(source, tx, block_hash)
                }
            }

            impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
                fn offchain_worker(header: &<Block as sp_runtime::traits::Block>::Header) {
                    crate::Executive::offchain_worker(header)
                }
            }

            impl sp_consensus_aura::AuraApi<Block, sp_consensus_aura::sr25519::AuthorityId> for Runtime {
                fn slot_duration() -> sp_consensus_aura::SlotDuration {
                    sp_consensus_aura::SlotDuration::from_millis(crate::Aura::slot_duration())
                }

                fn authorities() -> alloc::vec::Vec<sp_consensus_aura::sr25519::AuthorityId> {
                    pallet_aura::Authorities::<Runtime>::get().into_inner()
                }
            }

            impl sp_session::SessionKeys<Block> for Runtime {
                fn generate_session_keys(
                    owner: alloc::vec::Vec<u8>,
                    seed: Option<alloc::vec::Vec<u8>>,
                ) -> sp_session::OpaqueGeneratedSessionKeys {
                    crate::SessionKeys::generate(&owner, seed).into()
                }

                fn decode_session_keys(
                    encoded: alloc::vec::Vec<u8>,
                ) -> Option<alloc::vec::Vec<(alloc::vec::Vec<u8>, sp_core::crypto::KeyTypeId)>> {
                    crate::SessionKeys::decode_into_raw_public_keys(&encoded)
                }
            }

            impl frame_system_rpc_runtime_api::AccountNonceApi<Block, crate::AccountId, crate::Nonce> for Runtime {
                fn account_nonce(account: crate::AccountId) -> crate::Nonce {
                    crate::System::account_nonce(account)
                }
            }

            impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, crate::Balance> for Runtime {
                fn query_info(
                    uxt: <Block as sp_runtime::traits::Block>::Extrinsic,
                    len: u32,
                ) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<crate::Balance> {
                    crate::TransactionPayment::query_info(uxt, len)
                }
                fn query_fee_details(
                    uxt: <Block as sp_runtime::traits::Block>::Extrinsic,
                    len: u32,
                ) -> pallet_transaction_payment::FeeDetails<crate::Balance> {
                    crate::TransactionPayment::query_fee_details(uxt, len)
                }
                fn query_weight_to_fee(weight: frame_support::weights::Weight) -> crate::Balance {
                    crate::TransactionPayment::weight_to_fee(weight)
                }
                fn query_length_to_fee(length: u32) -> crate::Balance {
                    crate::TransactionPayment::length_to_fee(length)
                }
            }

            impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, crate::Balance, crate::RuntimeCall>
                for Runtime
            {
                fn query_call_info(
                    call: crate::RuntimeCall,
                    len: u32,
                ) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<crate::Balance> {
                    crate::TransactionPayment::query_call_info(call, len)
                }
                fn query_call_fee_details(
                    call: crate::RuntimeCall,
                    len: u32,
                ) -> pallet_transaction_payment::FeeDetails<crate::Balance> {
                    crate::TransactionPayment::query_call_fee_details(call, len)
                }
                fn query_weight_to_fee(weight: frame_support::weights::Weight) -> crate::Balance {
                    crate::TransactionPayment::weight_to_fee(weight)
                }
                fn query_length_to_fee(length: u32) -> crate::Balance {
                    crate::TransactionPayment::length_to_fee(length)
                }
            }

            impl pallet_ewasm::api::EwasmApi<Block, crate::AccountId> for Runtime {
                fn call(
                    origin: crate::AccountId,
                    dest: sp_core::H160,
                    value: u128,
                    gas_limit: Option<u64>,
                    data: alloc::vec::Vec<u8>,
                ) -> pallet_ewasm::api::ExecResult {
                    pallet_ewasm::Pallet::<Runtime>::dry_run_call(origin, dest, value, gas_limit, data)
                }

                fn instantiate(
                    origin: crate::AccountId,
                    value: u128,
                    gas_limit: Option<u64>,
                    code: pallet_ewasm::api::Code,
                    data: alloc::vec::Vec<u8>,
                    salt: Option<sp_core::H256>,
                ) -> pallet_ewasm::api::ExecResult {
                    pallet_ewasm::Pallet::<Runtime>::dry_run_instantiate(origin, value, gas_limit, code, data, salt)
                }

                fn get_storage(address: sp_core::H160, key: sp_core::H256) -> Option<sp_core::H256> {
                    pallet_ewasm::Pallet::<Runtime>::storage_of(&address, &key)
                }

                fn get_code(address: sp_core::H160) -> Option<alloc::vec::Vec<u8>> {
                    pallet_ewasm::Pallet::<Runtime>::code_of(&address)
                }

                fn balance(address: sp_core::H160) -> u128 {
                    pallet_ewasm::Pallet::<Runtime>::balance_of(&address)
                }

                fn address_of(account: crate::AccountId) -> sp_core::H160 {
                    pallet_ewasm::Pallet::<Runtime>::address_of(&account)
                }

                fn account_of(address: sp_core::H160) -> crate::AccountId {
                    pallet_ewasm::Pallet::<Runtime>::account_of(&address)
                }
            }

            impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
                fn build_state(config: alloc::vec::Vec<u8>) -> sp_genesis_builder::Result {
                    frame_support::genesis_builder_helper::build_state::<crate::RuntimeGenesisConfig>(config)
                }

                fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<alloc::vec::Vec<u8>> {
                    frame_support::genesis_builder_helper::get_preset::<crate::RuntimeGenesisConfig>(
                        id,
                        crate::genesis_config_presets::get_preset,
                    )
                }

                fn preset_names() -> alloc::vec::Vec<sp_genesis_builder::PresetId> {
                    crate::genesis_config_presets::preset_names()
                }
            }

            $($own)*
        }
    };
}
