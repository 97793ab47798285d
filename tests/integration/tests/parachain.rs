//! The parachain runtime (`ewasm-parachain-runtime`) as a collator and a validator run it: blocks
//! built with the parachain inherent (a relay-chain state proof) and Aura slots, the Solidity
//! ERC20 deployed and used in them, the same block executed by the compiled wasm runtime, the
//! storage proof of a block of ERC20 transfers against the proof size it charged (PoV honesty),
//! and what polkadot-omni-node reads from the compiled runtime.

use alloy_primitives::U256;
use alloy_sol_types::{sol, SolCall, SolEvent, SolValue};
use codec::{Decode, Encode};
use cumulus_primitives_core::PersistedValidationData;
use cumulus_primitives_parachain_inherent::ParachainInherentData;
use cumulus_test_relay_sproof_builder::RelayStateSproofBuilder;
use ewasm_parachain_runtime::configs::MAX_POV_SIZE;
use ewasm_parachain_runtime::{
    Block, Executive, Header, Runtime, RuntimeCall, RuntimeEvent, RuntimeGenesisConfig,
    SignedPayload, System, TxExtension, UncheckedExtrinsic, PARACHAIN_ID, SLOT_DURATION, UNIT,
    WASM_BINARY,
};
use frame_support::{inherent::ProvideInherent, traits::Get};
use pallet_ewasm::{api::ExecStatus, Event as EwasmEvent};
use sp_core::{sr25519, Pair, H160};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
    generic::{Digest, DigestItem, Era},
    traits::{BlakeTwo256, Block as BlockT, Header as HeaderT},
    transaction_validity::{InvalidTransaction, TransactionValidityError},
    BuildStorage, MultiAddress, MultiSignature,
};
use sp_trie::{proof_size_extension::ProofSizeExt, recorder::Recorder};
use std::any::TypeId;

type Ewasm = pallet_ewasm::Pallet<Runtime>;
type ParachainSystem = cumulus_pallet_parachain_system::Pallet<Runtime>;
type Timestamp = pallet_timestamp::Pallet<Runtime>;
type HostFunctions = (
    sp_io::SubstrateHostFunctions,
    cumulus_primitives_proof_size_hostfunction::storage_proof_size::HostFunctions,
);
type WasmExecutor = sc_executor::WasmExecutor<HostFunctions>;

sol! {
    function balanceOf(address who) returns (uint256);
    function transfer(address to, uint256 value) returns (bool);
    event Transfer(address indexed from, address indexed to, uint256 value);
}

/// Gas per extrinsic: within the block gas limit the benchmarked weights derive.
const GAS: u64 = 1_000_000;

/// Whether blocks are built as a collator builds them: recording the storage proof, so that
/// `StorageWeightReclaim` corrects each extrinsic's proof size to what it recorded.
#[derive(Clone, Copy, PartialEq)]
enum Reclaim {
    On,
    Off,
}

/// A parachain's state and its last block, growing block by block.
struct Parachain {
    ext: sp_io::TestExternalities,
    parent: Option<Header>,
}

/// A built block, how many of the offered extrinsics it holds and the proof size it charged
/// (`frame_system::BlockWeight`, all classes).
struct Built {
    block: Block,
    included: usize,
    charged_proof_size: u64,
}

impl Parachain {
    /// The `development` preset's genesis.
    fn development() -> Self {
        let preset =
            ewasm_parachain_runtime::genesis_config_presets::get_preset(&"development".into())
                .expect("development preset");
        let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
        merge(&mut config, serde_json::from_slice(&preset).unwrap());
        let config: RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
        Parachain {
            ext: sp_io::TestExternalities::new(config.build_storage().unwrap()),
            parent: None,
        }
    }

    /// The state as a fresh externalities, for executing the next block on it.
    fn snapshot(&mut self) -> sp_io::TestExternalities {
        self.ext.commit_all().unwrap();
        let mut copy = sp_io::TestExternalities::default();
        copy.backend = self.ext.as_backend();
        copy
    }

    /// A copy of the chain to build other blocks on.
    fn fork(&mut self) -> Parachain {
        Parachain {
            ext: self.snapshot(),
            parent: self.parent.clone(),
        }
    }

    /// Builds the next block: the inherents (parachain validation data with a relay-chain state
    /// proof, then the timestamp of the block's Aura slot), then each extrinsic `next` yields,
    /// applied as it is built so that nonces follow, until `next` yields none or the block is
    /// full (an extrinsic exhausts its resources: it is left out).
    fn build(
        &mut self,
        reclaim: Reclaim,
        mut next: impl FnMut(usize) -> Option<UncheckedExtrinsic>,
    ) -> Built {
        self.ext.commit_all().unwrap();
        let recorder = Recorder::<sp_core::Blake2Hasher>::default();
        self.ext.extensions.deregister(TypeId::of::<ProofSizeExt>());
        if reclaim == Reclaim::On {
            self.ext
                .register_extension(ProofSizeExt::new(recorder.clone()));
        }
        let parent = self.parent.clone();
        let built = self.ext.execute_with_recorder(recorder, || {
            let number = System::block_number() + 1;
            let header = Header::new(
                number,
                Default::default(),
                Default::default(),
                // The genesis hash is in storage; a block's own hash only in its successor.
                parent
                    .as_ref()
                    .map_or_else(|| System::block_hash(0), |h| h.hash()),
                aura_digest(number),
            );
            Executive::initialize_block(&header);
            let mut extrinsics = inherents(number, parent.as_ref());
            for inherent in &extrinsics {
                Executive::apply_extrinsic(inherent.clone())
                    .unwrap()
                    .unwrap();
            }
            let mut index = 0;
            while let Some(xt) = next(index) {
                // In a storage transaction, as a block builder applies it: an extrinsic left
                // out must leave no trace (its nonce and fee are taken before the weight check).
                sp_io::storage::start_transaction();
                match Executive::apply_extrinsic(xt.clone()) {
                    // Included even if its dispatch fails; callers check the events.
                    Ok(_dispatch) => {
                        sp_io::storage::commit_transaction();
                        extrinsics.push(xt);
                    }
                    Err(TransactionValidityError::Invalid(
                        InvalidTransaction::ExhaustsResources,
                    )) => {
                        sp_io::storage::rollback_transaction();
                        break;
                    }
                    Err(e) => panic!("invalid transaction: {e:?}"),
                }
                index += 1;
            }
            let header = Executive::finalize_block();
            Built {
                included: index,
                charged_proof_size: frame_system::BlockWeight::<Runtime>::get()
                    .total()
                    .proof_size(),
                block: Block::new(header, extrinsics),
            }
        });
        self.parent = Some(built.block.header().clone());
        built
    }

    /// Builds blocks until each of the `count` extrinsics `make(i)` is included (each made when
    /// its turn comes, so that its nonce is current).
    fn build_all(&mut self, count: usize, make: impl Fn(usize) -> UncheckedExtrinsic) {
        let mut done = 0;
        while done < count {
            let built = self.build(Reclaim::On, |i| (done + i < count).then(|| make(done + i)));
            assert!(
                built.included > 0,
                "an extrinsic does not fit an empty block"
            );
            done += built.included;
        }
    }
}

/// Merges a genesis preset patch into a full genesis config (objects merge, the rest replaces).
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
    match (base, patch) {
        (serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
            for (key, value) in patch {
                merge(base.entry(key).or_insert(serde_json::Value::Null), value);
            }
        }
        (base, patch) => *base = patch,
    }
}

/// Block `number` is authored in Aura slot `number` (one block per 6-s relay-chain slot).
fn aura_digest(number: u32) -> Digest {
    let slot = sp_consensus_aura::Slot::from(u64::from(number));
    Digest {
        logs: vec![DigestItem::PreRuntime(
            sp_consensus_aura::AURA_ENGINE_ID,
            slot.encode(),
        )],
    }
}

/// The inherents a collator puts in block `number`, made by the pallets from the inherent data
/// it provides: the relay chain at block `number`, slot `number`, with the parent block
/// included, and the timestamp of the slot.
fn inherents(number: u32, parent: Option<&Header>) -> Vec<UncheckedExtrinsic> {
    let parent_head = parent.map(|h| h.encode()).unwrap_or_default();
    let sproof = RelayStateSproofBuilder {
        para_id: PARACHAIN_ID.into(),
        current_slot: u64::from(number).into(),
        included_para_head: Some(parent_head.clone().into()),
        ..Default::default()
    };
    let (relay_parent_storage_root, relay_chain_state) = sproof.into_state_root_and_proof();
    let validation = ParachainInherentData {
        validation_data: PersistedValidationData {
            parent_head: parent_head.into(),
            relay_parent_number: number,
            relay_parent_storage_root,
            max_pov_size: 5 * 1024 * 1024,
        },
        relay_chain_state,
        downward_messages: vec![],
        horizontal_messages: Default::default(),
        relay_parent_descendants: vec![],
        collator_peer_id: None,
    };
    let mut data = sp_inherents::InherentData::new();
    data.put_data(
        cumulus_primitives_parachain_inherent::INHERENT_IDENTIFIER,
        &validation,
    )
    .unwrap();
    data.put_data(
        sp_timestamp::INHERENT_IDENTIFIER,
        &(u64::from(number) * SLOT_DURATION),
    )
    .unwrap();
    let validation = ParachainSystem::create_inherent(&data).expect("validation data inherent");
    let timestamp = Timestamp::create_inherent(&data).expect("timestamp inherent");
    vec![
        UncheckedExtrinsic::new_bare(RuntimeCall::ParachainSystem(validation)),
        UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(timestamp)),
    ]
}

fn tx_extension(nonce: u32) -> TxExtension {
    (
        frame_system::CheckNonZeroSender::<Runtime>::new(),
        frame_system::CheckSpecVersion::<Runtime>::new(),
        frame_system::CheckTxVersion::<Runtime>::new(),
        frame_system::CheckGenesis::<Runtime>::new(),
        frame_system::CheckEra::<Runtime>::from(Era::Immortal),
        frame_system::CheckNonce::<Runtime>::from(nonce),
        frame_system::CheckWeight::<Runtime>::new(),
        pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
    )
        .into()
}

/// `call` signed by `who` with its current nonce (inside the externalities).
fn signed(who: &sr25519::Pair, call: RuntimeCall) -> UncheckedExtrinsic {
    let account = sp_runtime::AccountId32::from(who.public());
    let extension = tx_extension(System::account_nonce(&account));
    let payload = SignedPayload::new(call.clone(), extension.clone()).expect("valid extension");
    let signature = payload.using_encoded(|bytes| who.sign(bytes));
    UncheckedExtrinsic::new_signed(
        call,
        MultiAddress::Id(account),
        MultiSignature::Sr25519(signature),
        extension,
    )
}

fn ewasm_events() -> Vec<EwasmEvent<Runtime>> {
    System::events()
        .into_iter()
        .filter_map(|r| match r.event {
            RuntimeEvent::Ewasm(e) => Some(e),
            _ => None,
        })
        .collect()
}

fn instantiated() -> H160 {
    ewasm_events()
        .into_iter()
        .find_map(|e| match e {
            EwasmEvent::Instantiated { contract, .. } => Some(contract),
            _ => None,
        })
        .expect("Instantiated event")
}

/// `instantiate_with_code` of the corpus ERC20 (EVM bytecode) minting `supply` to the deployer.
fn instantiate_token(supply: U256) -> RuntimeCall {
    let args = ("Ewasm Token".to_string(), "EWT".to_string(), supply).abi_encode_params();
    RuntimeCall::Ewasm(pallet_ewasm::Call::instantiate_with_code {
        value: 0,
        gas_limit: GAS,
        code: pallet_ewasm_fixtures::evm_init_code("Token"),
        data: args,
        salt: None,
        storage_deposit_limit: None,
    })
}

/// The gas a dry-run of `who` calling `contract` with `data` estimates (the call must succeed).
fn estimate(who: &sr25519::Pair, contract: H160, data: Vec<u8>) -> u64 {
    let dry = Ewasm::dry_run_call(who.public().into(), contract, 0, None, data);
    assert_eq!(dry.status, ExecStatus::Success, "{dry:?}");
    dry.gas_required
}

fn call(who: &sr25519::Pair, contract: H160, data: Vec<u8>, gas_limit: u64) -> UncheckedExtrinsic {
    signed(
        who,
        RuntimeCall::Ewasm(pallet_ewasm::Call::call {
            dest: contract,
            value: 0,
            gas_limit,
            data,
            storage_deposit_limit: None,
        }),
    )
}

/// A call of `contract` with `data` and the gas the dry-run estimates.
fn call_with_estimate(who: &sr25519::Pair, contract: H160, data: Vec<u8>) -> UncheckedExtrinsic {
    let gas_limit = estimate(who, contract, data.clone());
    call(who, contract, data, gas_limit)
}

fn address_of(who: &sr25519::Pair) -> alloy_primitives::Address {
    alloy_primitives::Address::from(Ewasm::address_of(&who.public().into()).0)
}

fn token_balance(token: H160, who: alloy_primitives::Address) -> U256 {
    let read = Ewasm::dry_run_call(
        Sr25519Keyring::Alice.to_account_id(),
        token,
        0,
        None,
        balanceOfCall { who }.abi_encode(),
    );
    balanceOfCall::abi_decode_returns(&read.return_data).unwrap()
}

fn wasm_executor() -> WasmExecutor {
    WasmExecutor::builder().build()
}

/// Calls `method` of the compiled parachain runtime on `state`.
fn call_wasm(
    executor: &WasmExecutor,
    state: &mut sp_io::TestExternalities,
    method: &str,
    data: &[u8],
) -> Vec<u8> {
    let code = WASM_BINARY.expect("the parachain wasm runtime is built");
    let runtime_code = sp_core::traits::RuntimeCode {
        code_fetcher: &sp_core::traits::WrappedRuntimeCode(code.into()),
        // Only a cache key for the executor.
        hash: sp_io::hashing::blake2_256(code).to_vec(),
        heap_pages: None,
    };
    let (result, _) = sp_core::traits::CodeExecutor::call(
        executor,
        &mut state.ext(),
        &runtime_code,
        method,
        data,
        sp_core::traits::CallContext::Onchain { import: true },
    );
    result.unwrap_or_else(|e| panic!("{method} in the wasm runtime: {e}"))
}

/// Executes `block` in the compiled parachain runtime on `state` (its parent's) and checks that
/// it ends at the block's state root.
fn assert_wasm_executes_to_its_root(mut state: sp_io::TestExternalities, block: &Block) {
    call_wasm(
        &wasm_executor(),
        &mut state,
        "Core_execute_block",
        &block.encode(),
    );
    state.commit_all().unwrap();
    assert_eq!(state.backend.root(), block.header().state_root());
}

/// Deploys the ERC20 in block 1 and transfers from Alice to Bob in block 2, on top of blocks
/// built with the parachain inherent and Aura slots; events and storage are those of the solo
/// runtime, and block 2 runs the same in the compiled wasm runtime.
#[test]
fn erc20_deploys_and_transfers_in_parachain_blocks_natively_and_in_wasm() {
    let (alice, bob) = (Sr25519Keyring::Alice.pair(), Sr25519Keyring::Bob.pair());
    let mut chain = Parachain::development();
    let supply = U256::from(1_000_000u64);
    chain.build(Reclaim::Off, |i| {
        (i == 0).then(|| signed(&alice, instantiate_token(supply)))
    });
    let token = chain.ext.execute_with(|| {
        assert_eq!(
            ewasm_parachain_runtime::ParachainInfo::parachain_id(),
            PARACHAIN_ID.into()
        );
        instantiated()
    });
    let pre_state = chain.snapshot();
    let data = transferCall {
        to: address_of(&bob),
        value: U256::from(1234),
    }
    .abi_encode();
    let block_2 = chain.build(Reclaim::Off, |i| {
        (i == 0).then(|| call_with_estimate(&alice, token, data.clone()))
    });
    chain.ext.execute_with(|| {
        assert_eq!(System::block_number(), 2);
        let events = ewasm_events();
        assert!(events.iter().any(|e| matches!(e, EwasmEvent::Called { contract, .. } if *contract == token)));
        let transfers = events
            .iter()
            .filter(|e| matches!(e, EwasmEvent::Log { contract, topics, .. } if *contract == token && topics[0].0 == Transfer::SIGNATURE_HASH.0))
            .count();
        assert_eq!(transfers, 1);
        assert_eq!(token_balance(token, address_of(&bob)), U256::from(1234));
        assert_eq!(token_balance(token, address_of(&alice)), supply - U256::from(1234));
        // The solo runtime's storage layout: a slot per balance, read through the runtime API.
        assert!(Ewasm::code_of(&token).is_some_and(|code| !code.is_empty()));
    });

    assert_wasm_executes_to_its_root(pre_state, &block_2.block);
}

/// The accounts `//user0`, `//user1`, … that the PoV tests fund.
fn users(count: usize) -> Vec<sr25519::Pair> {
    (0..count)
        .map(|i| sr25519::Pair::from_string(&format!("//user{i}"), None).unwrap())
        .collect()
}

/// A chain with the ERC20 deployed and each of `users` holding native balance and tokens.
fn token_holders(users: &[sr25519::Pair]) -> (Parachain, H160) {
    let alice = Sr25519Keyring::Alice.pair();
    let mut chain = Parachain::development();
    chain.build(Reclaim::On, |i| {
        (i == 0).then(|| signed(&alice, instantiate_token(U256::from(u64::MAX))))
    });
    let token = chain.ext.execute_with(instantiated);
    chain.build_all(users.len(), |i| {
        signed(
            &alice,
            RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
                dest: MultiAddress::Id(users[i].public().into()),
                value: 100 * UNIT,
            }),
        )
    });
    let funding = |i: usize| {
        transferCall {
            to: address_of(&users[i]),
            value: U256::from(1_000_000),
        }
        .abi_encode()
    };
    let gas_limit = chain
        .ext
        .execute_with(|| estimate(&alice, token, funding(0)));
    chain.build_all(users.len(), |i| call(&alice, token, funding(i), gas_limit));
    chain.ext.execute_with(|| {
        let last = address_of(users.last().unwrap());
        assert_eq!(token_balance(token, last), U256::from(1_000_000));
    });
    (chain, token)
}

/// What a block of transfers recorded against what it charged.
struct PovFigures {
    transfers: usize,
    charged_proof_size: u64,
    /// The compact storage proof a validator receives, and the block itself: the PoV.
    recorded_pov: u64,
}

/// Builds a block of ERC20 `transfer`s on `chain`, one from each of `users` to a fresh
/// address, as many as fit; executes the block again, as a validator does, on its pre-state
/// with a proof recorder; returns the figures.
fn pov_of_transfers(
    mut chain: Parachain,
    token: H160,
    users: &[sr25519::Pair],
    reclaim: Reclaim,
) -> PovFigures {
    // Signed (and their gas estimated, the same for each) before the block, so that the
    // block's recorded proof holds only what the block reads.
    let to_fresh = |i: usize| {
        let fresh =
            alloy_primitives::Address::left_padding_from(&(0x5eed_0000 + i as u64).to_be_bytes());
        transferCall {
            to: fresh,
            value: U256::from(7),
        }
        .abi_encode()
    };
    let transfers: Vec<_> = chain.ext.execute_with(|| {
        let gas_limit = estimate(&users[0], token, to_fresh(0));
        users
            .iter()
            .enumerate()
            .map(|(i, who)| call(who, token, to_fresh(i), gas_limit))
            .collect()
    });
    let mut validator = chain.snapshot();
    let pre_root = *validator.backend.root();
    let built = chain.build(reclaim, |i| transfers.get(i).cloned());
    chain.ext.execute_with(|| {
        let succeeded = System::events()
            .iter()
            .filter(|r| matches!(&r.event, RuntimeEvent::Ewasm(EwasmEvent::Called { contract, .. }) if *contract == token))
            .count();
        assert_eq!(succeeded, built.included, "every transfer in the block succeeded");
    });

    // The validator's execution records the same reads (and, with reclaim, must reach the same
    // weights and state root: `execute_block` checks the root).
    let recorder = Recorder::<sp_core::Blake2Hasher>::default();
    if reclaim == Reclaim::On {
        validator.register_extension(ProofSizeExt::new(recorder.clone()));
    }
    validator.execute_with_recorder(recorder.clone(), || {
        Executive::execute_block(built.block.clone().into())
    });
    let proof = recorder.drain_storage_proof();
    let compact = proof
        .into_compact_proof::<BlakeTwo256>(pre_root)
        .expect("the proof is of the pre-state");
    PovFigures {
        transfers: built.included,
        charged_proof_size: built.charged_proof_size,
        recorded_pov: (compact.encoded_size() + built.block.encoded_size()) as u64,
    }
}

fn report(label: &str, figures: &PovFigures) {
    let n = figures.transfers as u64;
    println!(
        "{label}: {n} ERC20 transfers, proof size charged {} B ({} B per transfer), PoV recorded {} B ({} B per transfer)",
        figures.charged_proof_size,
        figures.charged_proof_size / n,
        figures.recorded_pov,
        figures.recorded_pov / n,
    );
}

/// PoV honesty: a block of ERC20 transfers from distinct senders to fresh addresses never
/// charges less proof size than the PoV a validator receives (compact storage proof and block),
/// both with pallet-ewasm's own charges (no reclaim) and as a collator builds it
/// (StorageWeightReclaim sets each extrinsic's proof size to what it recorded).
#[test]
fn a_block_of_erc20_transfers_charges_at_least_its_recorded_pov() {
    let users = users(30);
    let (mut chain, token) = token_holders(&users);
    let own = pov_of_transfers(chain.fork(), token, &users, Reclaim::Off);
    report("pallet-ewasm's charges", &own);
    assert_eq!(own.transfers, users.len());
    assert!(own.charged_proof_size >= own.recorded_pov);

    let reclaimed = pov_of_transfers(chain, token, &users, Reclaim::On);
    report("with StorageWeightReclaim", &reclaimed);
    assert_eq!(reclaimed.transfers, users.len());
    assert!(reclaimed.charged_proof_size >= reclaimed.recorded_pov);
    assert!(
        reclaimed.charged_proof_size < own.charged_proof_size,
        "reclaim lowers the charge to what was recorded"
    );
}

/// A full block of ERC20 transfers (more offered than fit) stays within the PoV budget and
/// charges at least what it recorded: without reclaim its proof-size charge fills the block,
/// with reclaim its compute does, and far more transfers fit.
#[test]
fn a_full_block_of_erc20_transfers_fits_the_pov_budget() {
    let users = users(1_500);
    let (mut chain, token) = token_holders(&users);
    let own = pov_of_transfers(chain.fork(), token, &users, Reclaim::Off);
    report("full block, pallet-ewasm's charges", &own);
    let reclaimed = pov_of_transfers(chain, token, &users, Reclaim::On);
    report("full block, with StorageWeightReclaim", &reclaimed);
    for figures in [&own, &reclaimed] {
        assert!(figures.transfers < users.len(), "the block is full");
        assert!(figures.charged_proof_size >= figures.recorded_pov);
        assert!(figures.recorded_pov <= MAX_POV_SIZE);
    }
    // pallet-ewasm's own charge (the MaxEncodedLen worst case per item read) still fills the
    // block's proof budget first; the recorded proof lets compute bound it instead.
    assert!(reclaimed.transfers > 2 * own.transfers);
}

/// The largest contract (`MaxCodeLen`, 128 KiB: 26 M gas of code deposit, weighed as state
/// access, within the block gas limit) deployed by one extrinsic and called once; the proof it
/// records (its code, read from storage) is within what it charged.
#[test]
fn calling_the_largest_contract_charges_at_least_its_recorded_pov() {
    let alice = Sr25519Keyring::Alice.pair();
    let block_gas_limit = <<Runtime as pallet_ewasm::Config>::BlockGasLimit as Get<u64>>::get();
    let len = <<Runtime as pallet_ewasm::Config>::MaxCodeLen as Get<u32>>::get() as usize;
    let code = pallet_ewasm_fixtures::self_deploying(len);
    let mut chain = Parachain::development();
    chain.build(Reclaim::On, |i| {
        (i == 0).then(|| {
            signed(
                &alice,
                RuntimeCall::Ewasm(pallet_ewasm::Call::instantiate_with_code {
                    value: 0,
                    gas_limit: block_gas_limit,
                    code: code.clone(),
                    data: vec![],
                    salt: None,
                    storage_deposit_limit: None,
                }),
            )
        })
    });
    let contract = chain.ext.execute_with(|| {
        let contract = instantiated();
        assert_eq!(Ewasm::code_of(&contract).as_ref(), Some(&code));
        contract
    });
    let call = chain
        .ext
        .execute_with(|| call_with_estimate(&alice, contract, vec![1, 2, 3]));
    let mut validator = chain.snapshot();
    let pre_root = *validator.backend.root();
    let built = chain.build(Reclaim::Off, |i| (i == 0).then(|| call.clone()));
    let recorder = Recorder::<sp_core::Blake2Hasher>::default();
    validator.execute_with_recorder(recorder.clone(), || {
        Executive::execute_block(built.block.clone().into())
    });
    let compact = recorder
        .drain_storage_proof()
        .into_compact_proof::<BlakeTwo256>(pre_root)
        .unwrap();
    let recorded = (compact.encoded_size() + built.block.encoded_size()) as u64;
    println!(
        "largest contract ({} KiB) called: proof size charged {} B, PoV recorded {} B",
        code.len() / 1024,
        built.charged_proof_size,
        recorded
    );
    assert!(recorded > code.len() as u64, "the code is in the proof");
    assert!(built.charged_proof_size >= recorded);
}

/// What polkadot-omni-node needs from the compiled runtime: the runtime APIs it calls (by the
/// ids derived from their names), metadata listing the pallets and APIs, the genesis presets
/// with the para id, and the parachain's `validate_block` entry point.
#[test]
fn the_compiled_parachain_runtime_exposes_what_omni_node_needs() {
    let executor = wasm_executor();
    let mut state = sp_io::TestExternalities::default();
    let version = sp_version::RuntimeVersion::decode(
        &mut &call_wasm(&executor, &mut state, "Core_version", &[])[..],
    )
    .unwrap();
    assert_eq!(version.spec_name, "ewasm-parachain");
    for api in [
        "Core",
        "Metadata",
        "BlockBuilder",
        "TaggedTransactionQueue",
        "OffchainWorkerApi",
        "SessionKeys",
        "AuraApi",
        "AuraUnincludedSegmentApi",
        "CollectCollationInfo",
        "GetParachainInfo",
        "RelayParentOffsetApi",
        "TransactionPaymentApi",
        "AccountNonceApi",
        "GenesisBuilder",
        "EwasmApi",
    ] {
        let id = sp_crypto_hashing::blake2_64(api.as_bytes());
        assert!(version.has_api_with(&id, |_| true), "{api} is missing");
    }

    let metadata = call_wasm(
        &executor,
        &mut state,
        "Metadata_metadata_at_version",
        &15u32.encode(),
    );
    let metadata = Option::<Vec<u8>>::decode(&mut &metadata[..])
        .unwrap()
        .expect("v15 metadata");
    let metadata = frame_metadata::RuntimeMetadataPrefixed::decode(&mut &metadata[..])
        .unwrap()
        .1;
    let frame_metadata::RuntimeMetadata::V15(metadata) = metadata else {
        panic!("not v15 metadata")
    };
    let pallets: Vec<_> = metadata.pallets.iter().map(|p| p.name.as_str()).collect();
    for pallet in [
        "System",
        "ParachainSystem",
        "ParachainInfo",
        "Aura",
        "AuraExt",
        "Ewasm",
    ] {
        assert!(
            pallets.contains(&pallet),
            "{pallet} is not in the metadata: {pallets:?}"
        );
    }
    let apis: Vec<_> = metadata.apis.iter().map(|a| a.name.as_str()).collect();
    assert!(
        apis.contains(&"EwasmApi") && apis.contains(&"CollectCollationInfo"),
        "{apis:?}"
    );

    let names = call_wasm(&executor, &mut state, "GenesisBuilder_preset_names", &[]);
    let names = Vec::<String>::decode(&mut &names[..]).unwrap();
    assert_eq!(names, ["development", "local_testnet"]);
    let preset = call_wasm(
        &executor,
        &mut state,
        "GenesisBuilder_get_preset",
        &Some("development".to_string()).encode(),
    );
    let preset: serde_json::Value = serde_json::from_slice(
        &Option::<Vec<u8>>::decode(&mut &preset[..])
            .unwrap()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(preset["parachainInfo"]["parachainId"], PARACHAIN_ID);

    let code = WASM_BINARY.unwrap();
    let code = sp_maybe_compressed_blob::decompress(code, 64 << 20).unwrap();
    let module = wasmparser_exports(&code);
    assert!(
        module.iter().any(|e| e == "validate_block"),
        "no validate_block export"
    );
}

/// Names the runtime module exports.
fn wasmparser_exports(code: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(code) {
        if let wasmparser::Payload::ExportSection(exports) = payload.unwrap() {
            names.extend(exports.into_iter().map(|e| e.unwrap().name.to_string()));
        }
    }
    names
}

/// The key of slot `n` in [`slot_reader`]'s layout: `n` little-endian in the first 4 bytes.
fn reader_key(n: u32) -> sp_core::H256 {
    let mut key = [0u8; 32];
    key[..4].copy_from_slice(&n.to_le_bytes());
    sp_core::H256(key)
}

/// Ewasm code reading slots 0, 1, 2, … of its own storage (200 gas each) until its gas ends.
fn slot_reader() -> Vec<u8> {
    pallet_ewasm_fixtures::wasm(
        r#"(module
            (import "ethereum" "storageLoad" (func $load (param i32 i32)))
            (memory 1) (export "memory" (memory 0)) (export "main" (func $main))
            (func $main (local $i i32)
              (loop $l
                (i32.store (i32.const 0) (local.get $i))
                (call $load (i32.const 0) (i32.const 32))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $l))))"#,
    )
}

/// An attack on the PoV: an Ewasm contract whose storage holds many slots reads them at 200 gas
/// each, far more proof per gas than the gas limit reserves. In the compiled wasm runtime as
/// natively, the read that would pass the reservation is refused (`OutOfWeight`, everything
/// undone), and the block's PoV stays within what the extrinsic was charged.
#[test]
fn a_slot_read_flood_stops_at_its_reserved_proof_natively_and_in_wasm() {
    let alice = Sr25519Keyring::Alice.pair();
    let gas_limit = <<Runtime as pallet_ewasm::Config>::BlockGasLimit as Get<u64>>::get();
    let mut chain = Parachain::development();
    chain.build(Reclaim::Off, |i| {
        (i == 0).then(|| {
            signed(
                &alice,
                RuntimeCall::Ewasm(pallet_ewasm::Call::instantiate_with_code {
                    value: 0,
                    gas_limit,
                    code: pallet_ewasm_fixtures::deployer(&slot_reader()),
                    data: vec![],
                    salt: None,
                    storage_deposit_limit: None,
                }),
            )
        })
    });
    // Slots beyond what the reservation's proof holds, written directly (a storage flood over
    // many blocks would pay their deposits).
    let (contract, reserved_proof) = chain.ext.execute_with(|| {
        let contract = instantiated();
        let trie_id = pallet_ewasm::ContractInfoOf::<Runtime>::get(contract)
            .unwrap()
            .trie_id;
        let reserved = Ewasm::proof_limit(gas_limit);
        let item = <<Runtime as pallet_ewasm::Config>::ProofCosts as Get<_>>::get().item;
        for n in 0..(2 * reserved / item) as u32 {
            pallet_ewasm::ContractStorage::<Runtime>::insert(
                trie_id,
                reader_key(n),
                sp_core::H256::repeat_byte(7),
            );
        }
        (contract, reserved)
    });
    let attack = RuntimeCall::Ewasm(pallet_ewasm::Call::call {
        dest: contract,
        value: 0,
        gas_limit,
        data: vec![],
        storage_deposit_limit: None,
    });
    let mut validator = chain.snapshot();
    let wasm_state = chain.snapshot();
    let pre_root = *validator.backend.root();
    let built = chain.build(Reclaim::Off, |i| {
        (i == 0).then(|| signed(&alice, attack.clone()))
    });
    assert_eq!(built.included, 1);
    chain.ext.execute_with(|| {
        let refused = System::events().iter().any(|r| {
            matches!(
                &r.event,
                RuntimeEvent::System(frame_system::Event::ExtrinsicFailed { dispatch_error, .. })
                    if *dispatch_error == pallet_ewasm::Error::<Runtime>::OutOfWeight.into()
            )
        });
        assert!(refused, "the flood fails with OutOfWeight");
    });

    let recorder = Recorder::<sp_core::Blake2Hasher>::default();
    validator.execute_with_recorder(recorder.clone(), || {
        Executive::execute_block(built.block.clone().into())
    });
    let recorded = (recorder
        .drain_storage_proof()
        .into_compact_proof::<BlakeTwo256>(pre_root)
        .unwrap()
        .encoded_size()
        + built.block.encoded_size()) as u64;
    println!(
        "slot read flood ({gas_limit} gas): proof reserved {reserved_proof} B, block charged {} B, PoV recorded {recorded} B",
        built.charged_proof_size
    );
    assert!(built.charged_proof_size >= recorded);
    assert!(recorded <= MAX_POV_SIZE);

    // The compiled runtime refuses the same read (the events are in the state).
    assert_wasm_executes_to_its_root(wasm_state, &built.block);
}

/// `benchmark pallet` can run every pallet-ewasm benchmark on this runtime: the largest runs
/// fit its block gas limit and weight-meter limit (the pallet's own run uses a mock's).
#[test]
fn pallet_ewasm_benchmarks_fit_the_parachain_runtime() {
    assert_eq!(pallet_ewasm::benchmark_needs::check::<Runtime>(), Ok(()));
}
