//! What revm (Cancun) reports as a receipt's gas used: deploys init code from a sender, then
//! sends each call to the created contract, and prints one line per transaction with its
//! status and gas. The polkadot.js end-to-end tests compare the node's `Called` gas with it.
//!
//! `revm-gas <sender-hex> <init-code-and-args-hex> [calldata-hex...]`

use ewasm_differential::{revm_chain::RevmChain, Addr, Chain};

fn hex_arg(arg: &str) -> Result<Vec<u8>, String> {
    hex::decode(arg.trim_start_matches("0x")).map_err(|e| format!("{arg}: {e}"))
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [sender, init, calls @ ..] = args.as_slice() else {
        return Err(
            "usage: revm-gas <sender-hex> <init-code-and-args-hex> [calldata-hex...]".into(),
        );
    };
    let sender: Addr = hex_arg(sender)?
        .try_into()
        .map_err(|_| "the sender is 20 bytes".to_string())?;
    let mut chain = RevmChain::default();
    chain.fund(sender, u128::MAX / 2);
    let deployed = chain.deploy(sender, &hex_arg(init)?, &[], 0);
    println!("deploy {:?} {}", deployed.status, deployed.gas);
    let contract = deployed.created.ok_or("the deployment failed")?;
    for data in calls {
        let called = chain.call(sender, contract, &hex_arg(data)?, 0);
        println!("call {:?} {}", called.status, called.gas);
    }
    Ok(())
}
