//! Shared helpers of the runtime integration tests: genesis, signed extrinsics, blocks built
//! natively and executed by the compiled wasm runtime.
#![allow(dead_code)]

use alloy_primitives::U256;
use codec::Encode;
use ewasm_runtime::{
    Block, Executive, Header, Runtime, RuntimeCall, RuntimeEvent, RuntimeGenesisConfig,
    SignedPayload, System, TxExtension, UncheckedExtrinsic, WASM_BINARY,
};
use pallet_ewasm::{api::ExecStatus as DryRunStatus, Event as EwasmEvent};
use sp_core::H160;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
    generic::Era,
    traits::{Block as BlockT, Header as HeaderT},
    BuildStorage, MultiAddress, MultiSignature,
};

pub type Ewasm = pallet_ewasm::Pallet<Runtime>;
pub type Balances = pallet_balances::Pallet<Runtime>;

/// Gas per call: within the block gas limit the benchmarked weights derive.
pub const GAS: u64 = 1_000_000;
/// Gas per deployment: enough for the code deposit of the Solidity fixtures (200 gas per byte
/// of runtime code), with the upload's weight still inside a normal extrinsic.
pub const DEPLOY_GAS: u64 = 1_500_000;
/// Timestamp of block 1: inside Aura slot 0, which a block without a slot digest is in.
pub const BLOCK_1_TIME: u64 = 1_000;

/// Merges a genesis preset patch into a full genesis config (objects merge, the rest replaces).
pub fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
    match (base, patch) {
        (serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
            for (key, value) in patch {
                merge(base.entry(key).or_insert(serde_json::Value::Null), value);
            }
        }
        (base, patch) => *base = patch,
    }
}

/// Storage of the `development` preset.
pub fn genesis() -> sp_io::TestExternalities {
    let preset = ewasm_runtime::genesis_config_presets::get_preset(&"development".into())
        .expect("development preset");
    let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
    merge(&mut config, serde_json::from_slice(&preset).unwrap());
    let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
    sp_io::TestExternalities::new(config.build_storage().unwrap())
}

pub fn tx_extension(nonce: u32) -> TxExtension {
    (
        frame_system::CheckNonZeroSender::<Runtime>::new(),
        frame_system::CheckSpecVersion::<Runtime>::new(),
        frame_system::CheckTxVersion::<Runtime>::new(),
        frame_system::CheckGenesis::<Runtime>::new(),
        frame_system::CheckEra::<Runtime>::from(Era::Immortal),
        frame_system::CheckNonce::<Runtime>::from(nonce),
        frame_system::CheckWeight::<Runtime>::new(),
        pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
        frame_system::WeightReclaim::<Runtime>::new(),
    )
}

/// `call` signed by `who` with its current nonce (must run inside the externalities).
pub fn signed(who: Sr25519Keyring, call: RuntimeCall) -> UncheckedExtrinsic {
    let extension = tx_extension(System::account_nonce(who.to_account_id()));
    let payload = SignedPayload::new(call.clone(), extension.clone()).expect("valid extension");
    let signature = payload.using_encoded(|bytes| who.sign(bytes));
    UncheckedExtrinsic::new_signed(
        call,
        MultiAddress::Id(who.to_account_id()),
        MultiSignature::Sr25519(signature),
        extension,
    )
}

/// Builds block 1 natively: the timestamp inherent, then each extrinsic `next` yields, applied
/// as soon as it is built (so nonces follow). Returns the block.
pub fn build_block(
    ext: &mut sp_io::TestExternalities,
    mut next: impl FnMut(usize) -> Option<UncheckedExtrinsic>,
) -> Block {
    ext.execute_with(|| {
        let parent = frame_system::BlockHash::<Runtime>::get(0);
        let header = Header::new(
            1,
            Default::default(),
            Default::default(),
            parent,
            Default::default(),
        );
        Executive::initialize_block(&header);
        let timestamp =
            UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
                now: BLOCK_1_TIME,
            }));
        Executive::apply_extrinsic(timestamp.clone())
            .unwrap()
            .unwrap();
        let mut extrinsics = vec![timestamp];
        let mut index = 0;
        while let Some(xt) = next(index) {
            // Included even if its dispatch fails; callers check the events.
            let _dispatch = Executive::apply_extrinsic(xt.clone()).expect("valid transaction");
            extrinsics.push(xt);
            index += 1;
        }
        let header = Executive::finalize_block();
        Block::new(header, extrinsics)
    })
}

/// `instantiate_with_code` of `code` with no value, no constructor data and no salt.
pub fn deploy(code: Vec<u8>) -> RuntimeCall {
    RuntimeCall::Ewasm(pallet_ewasm::Call::instantiate_with_code {
        value: 0,
        gas_limit: DEPLOY_GAS,
        code,
        data: vec![],
        salt: None,
        storage_deposit_limit: None,
    })
}

/// A signed `call` of `contract` with `data` whose gas limit is the dry-run's estimate; the
/// dry-run must succeed and its estimate cover what it used.
pub fn call_with_estimate(
    who: Sr25519Keyring,
    contract: H160,
    data: Vec<u8>,
) -> UncheckedExtrinsic {
    let dry = Ewasm::dry_run_call(who.to_account_id(), contract, 0, None, data.clone());
    assert_eq!(dry.status, DryRunStatus::Success);
    assert!(dry.gas_used <= dry.gas_required);
    signed(
        who,
        RuntimeCall::Ewasm(pallet_ewasm::Call::call {
            dest: contract,
            value: 0,
            gas_limit: dry.gas_required,
            data,
            storage_deposit_limit: None,
        }),
    )
}

pub fn ewasm_events() -> Vec<EwasmEvent<Runtime>> {
    System::events()
        .into_iter()
        .filter_map(|r| match r.event {
            RuntimeEvent::Ewasm(e) => Some(e),
            _ => None,
        })
        .collect()
}

pub fn instantiated() -> H160 {
    ewasm_events()
        .into_iter()
        .find_map(|e| match e {
            EwasmEvent::Instantiated { contract, .. } => Some(contract),
            _ => None,
        })
        .unwrap_or_else(|| {
            let events: Vec<_> = System::events().into_iter().map(|r| r.event).collect();
            panic!("no Instantiated event; the block's events: {events:?}")
        })
}

/// Executes `block` on fresh genesis state natively and with the compiled wasm runtime through
/// sc-executor; both must reach the block's state root.
pub fn assert_same_root_native_and_wasm(block: &Block) {
    assert_same_root_native_and_wasm_on(&genesis, block);
}

/// [`assert_same_root_native_and_wasm`] on the state `pre_state` makes.
pub fn assert_same_root_native_and_wasm_on(
    pre_state: &dyn Fn() -> sp_io::TestExternalities,
    block: &Block,
) {
    let expected_root = *block.header().state_root();

    let mut native = pre_state();
    native.execute_with(|| Executive::execute_block(block.clone().into()));
    native.commit_all().unwrap();
    assert_eq!(*native.backend.root(), expected_root);

    let mut wasm = execute_in_wasm_on(&wasm_executor(), pre_state(), block);
    wasm.commit_all().unwrap();
    assert_eq!(*wasm.backend.root(), expected_root);
}

pub type WasmExecutor = sc_executor::WasmExecutor<sp_io::SubstrateHostFunctions>;

/// An executor for the compiled runtime (it caches the compiled code between executions).
pub fn wasm_executor() -> WasmExecutor {
    WasmExecutor::builder().build()
}

/// Executes `block` on fresh genesis state with the compiled wasm runtime through sc-executor.
pub fn execute_in_wasm(executor: &WasmExecutor, block: &Block) -> sp_io::TestExternalities {
    execute_in_wasm_on(executor, genesis(), block)
}

/// Executes `block` on `state` with the compiled wasm runtime through sc-executor.
pub fn execute_in_wasm_on(
    executor: &WasmExecutor,
    mut state: sp_io::TestExternalities,
    block: &Block,
) -> sp_io::TestExternalities {
    let code = WASM_BINARY.expect("the wasm runtime is built");
    let runtime_code = sp_core::traits::RuntimeCode {
        code_fetcher: &sp_core::traits::WrappedRuntimeCode(code.into()),
        // Only a cache key for the executor.
        hash: ewasm_engine::address::keccak256(code).as_bytes().to_vec(),
        heap_pages: None,
    };
    let (result, _) = sp_core::traits::CodeExecutor::call(
        executor,
        &mut state.ext(),
        &runtime_code,
        "Core_execute_block",
        &block.encode(),
        sp_core::traits::CallContext::Onchain { import: true },
    );
    result.expect("the wasm runtime executes the block (it checks the state root itself)");
    state
}

/// `instantiate_with_code` of the corpus ERC20 (EVM bytecode) minting `supply` to the deployer.
pub fn instantiate_token(supply: U256) -> RuntimeCall {
    use alloy_sol_types::SolValue;
    let args = ("Ewasm Token".to_string(), "EWT".to_string(), supply).abi_encode_params();
    RuntimeCall::Ewasm(pallet_ewasm::Call::instantiate_with_code {
        value: 0,
        gas_limit: DEPLOY_GAS,
        code: pallet_ewasm_fixtures::evm_init_code("Token"),
        data: args,
        salt: None,
        storage_deposit_limit: None,
    })
}
