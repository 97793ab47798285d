//! `ewasm-statetest <file-or-directory>...`: runs Ethereum state tests against the pallet-ewasm
//! engine (per-instruction gas 0, hera semantics) and compares post state roots and logs hashes.

mod ethstate;
mod filler;
mod format;
mod runner;
mod transaction;

use std::{path::PathBuf, process::ExitCode};

fn main() -> ExitCode {
    let args: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if args.is_empty() {
        eprintln!("usage: ewasm-statetest <file-or-directory>...");
        return ExitCode::from(2);
    }
    let files = match runner::collect_json_files(&args) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let (mut passed, mut failed) = (0usize, 0usize);
    for file in &files {
        for outcome in runner::run_file(file) {
            match &outcome.error {
                None => {
                    passed += 1;
                    println!("PASS {}", outcome.name);
                }
                Some(error) => {
                    failed += 1;
                    println!("FAIL {}: {error}", outcome.name);
                }
            }
        }
    }
    println!("{passed} passed, {failed} failed");
    if failed == 0 && passed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
