//! Command-line interface.

use sc_cli::RunCmd;

/// `ewasm-node [subcommand] [run options]`.
#[derive(Debug, clap::Parser)]
pub struct Cli {
    /// A maintenance subcommand; without one the node runs.
    #[command(subcommand)]
    pub subcommand: Option<Subcommand>,

    /// Options of a running node.
    #[clap(flatten)]
    pub run: RunCmd,
}

/// Maintenance subcommands.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
    /// Key management.
    #[command(subcommand)]
    Key(sc_cli::KeySubcommand),
    /// Build a chain specification (deprecated in favour of `export-chain-spec`).
    BuildSpec(sc_cli::BuildSpecCmd),
    /// Export the chain specification.
    ExportChainSpec(sc_cli::ExportChainSpecCmd),
    /// Validate blocks.
    CheckBlock(sc_cli::CheckBlockCmd),
    /// Export blocks.
    ExportBlocks(sc_cli::ExportBlocksCmd),
    /// Export the state of a block as a chain specification.
    ExportState(sc_cli::ExportStateCmd),
    /// Import blocks.
    ImportBlocks(sc_cli::ImportBlocksCmd),
    /// Remove the whole chain.
    PurgeChain(sc_cli::PurgeChainCmd),
    /// Revert the chain to a previous state.
    Revert(sc_cli::RevertCmd),
    /// Benchmarks (built with `--features runtime-benchmarks`; scripts/generate-weights.sh).
    #[cfg(feature = "runtime-benchmarks")]
    #[command(subcommand)]
    Benchmark(BenchmarkSubcommand),
}

/// `ewasm-node benchmark …`.
#[cfg(feature = "runtime-benchmarks")]
#[derive(Debug, clap::Subcommand)]
pub enum BenchmarkSubcommand {
    /// Run a pallet's benchmarks and write its weights (`weights.rs`).
    Pallet(frame_benchmarking_cli::PalletCmd),
}
