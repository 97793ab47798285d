//! Every corpus contract on revm and on the Ewasm engine: deployment plus seeded random call
//! sequences must agree transaction by transaction. Prints the gas of both side by side.

use alloy_dyn_abi::{DynSolValue, JsonAbiExt};
use alloy_primitives::U256;
use ewasm_differential::{
    calls::{random_call, Pools},
    corpus::Contract,
    ewasm_chain::EwasmChain,
    revm_chain::RevmChain,
    Addr, Chain, Outcome, Status,
};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

const ALICE: Addr = [0xa1; 20];
const BOB: Addr = [0xb2; 20];
const CAROL: Addr = [0xc3; 20];
const FUNDS: u128 = 1_000_000_000_000_000_000_000_000;
/// Random call sequences per contract, and calls per sequence.
const SEEDS: u64 = 6;
const CALLS: usize = 40;

fn constructor_args(name: &str) -> Vec<DynSolValue> {
    let text = |s: &str| DynSolValue::String(s.to_string());
    match name {
        "Token" => vec![
            text("Ewasm Token"),
            text("EWT"),
            DynSolValue::Uint(U256::from(FUNDS), 256),
        ],
        "Collectible" => vec![text("ipfs://collectible/")],
        "Child" => vec![DynSolValue::Uint(U256::from(100), 256)],
        _ => Vec::new(),
    }
}

struct Pair {
    revm: RevmChain,
    ewasm: EwasmChain,
    gas: (u64, u64),
    statuses: [usize; 3],
}

impl Pair {
    fn new() -> Self {
        let mut pair = Self {
            revm: RevmChain::default(),
            ewasm: EwasmChain::default(),
            gas: (0, 0),
            statuses: [0; 3],
        };
        for who in [ALICE, BOB, CAROL] {
            pair.revm.fund(who, FUNDS);
            pair.ewasm.fund(who, FUNDS);
        }
        pair
    }

    /// Runs `step` on both chains and checks that they agree.
    fn step(&mut self, label: &str, step: impl Fn(&mut dyn Chain) -> Outcome) -> Outcome {
        let expected = step(&mut self.revm);
        let actual = step(&mut self.ewasm);
        assert_eq!(
            (
                &expected.status,
                &expected.output,
                &expected.logs,
                &expected.created
            ),
            (
                &actual.status,
                &actual.output,
                &actual.logs,
                &actual.created
            ),
            "{label}: outcome differs (left revm, right ewasm)"
        );
        let (expected_world, actual_world) = (self.revm.world(), self.ewasm.world());
        for (address, account) in &expected_world {
            assert_eq!(
                Some(account),
                actual_world.get(address),
                "{label}: account {} differs",
                hex::encode(address)
            );
        }
        assert_eq!(
            expected_world.len(),
            actual_world.len(),
            "{label}: different accounts exist"
        );
        assert_eq!(expected.gas, actual.gas, "{label}: gas differs (left revm)");
        self.gas.0 += expected.gas;
        self.gas.1 += actual.gas;
        self.statuses[match expected.status {
            Status::Success => 0,
            Status::Revert => 1,
            Status::Halt => 2,
        }] += 1;
        actual
    }

    fn deploy(&mut self, contract: &Contract, library: Option<Addr>) -> Addr {
        let args = contract
            .abi
            .constructor
            .as_ref()
            .map(|c| {
                c.abi_encode_input(&constructor_args(&contract.name))
                    .expect("constructor args")
            })
            .unwrap_or_default();
        let code = contract.init_code(library);
        let outcome = self.step(&format!("deploy {}", contract.name), |chain| {
            chain.deploy(ALICE, &code, &args, 0)
        });
        outcome
            .created
            .unwrap_or_else(|| panic!("{} deploys", contract.name))
    }
}

#[test]
fn corpus_agrees_with_revm() {
    let pricing = Contract::load("Pricing");
    println!(
        "{:<12} {:>6} {:>6} {:>6} {:>7} {:>14} {:>14} {:>9}",
        "contract", "ok", "revert", "halt", "calls", "revm gas", "ewasm gas", "EVM B"
    );
    for name in pallet_ewasm_fixtures::EVM_CORPUS {
        let contract = Contract::load(name);
        let mut totals = ((0u64, 0u64), [0usize; 3]);
        for seed in 0..SEEDS {
            let mut pair = Pair::new();
            let library = contract
                .needs_library()
                .then(|| pair.deploy(&pricing, None));
            let address = pair.deploy(&contract, library);
            let pools = Pools {
                senders: vec![ALICE, BOB, CAROL],
                addresses: vec![ALICE, BOB, CAROL, address, [0; 20]],
            };
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            for index in 0..CALLS {
                let call = random_call(&mut rng, &contract.abi, &pools);
                let label = format!("{name} seed {seed} call {index}: {}", call.label);
                pair.step(&label, |chain| {
                    chain.call(call.from, address, &call.data, call.value)
                });
            }
            totals.0 .0 += pair.gas.0;
            totals.0 .1 += pair.gas.1;
            for (total, count) in totals.1.iter_mut().zip(pair.statuses) {
                *total += count;
            }
        }
        let runtime = contract.runtime_code(Some([0x11; 20]));
        let [ok, revert, halt] = totals.1;
        println!(
            "{name:<12} {ok:>6} {revert:>6} {halt:>6} {:>7} {:>14} {:>14} {:>9}",
            ok + revert + halt,
            totals.0 .0,
            totals.0 .1,
            runtime.len(),
        );
    }
}
