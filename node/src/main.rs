//! `ewasm-node`: a Substrate node running the pallet-ewasm demo runtime.

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
    command::run()
}
