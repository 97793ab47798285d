//! `ewasm-statetest <file-or-directory>...`: runs state tests against the pallet-ewasm engine and
//! compares post state roots and logs hashes — ewasm's stEWASMTests (Byzantium, hera semantics)
//! and ethereum/tests `GeneralStateTests` (Cancun, EVM code on the interpreter), told apart by content.
//! Prints one line per failing post entry and `N passed, M failed`.

mod ethstate;
mod filler;
mod format;
mod runner;
mod transaction;

use std::{path::PathBuf, process::ExitCode};

/// Stack of the thread that runs the tests: 1024 nested frames, each a wasmi instance calling
/// the host, need far more than a main thread's 8 MiB.
const STACK: usize = 4 << 30;

fn main() -> ExitCode {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(run)
        .expect("spawn the test thread")
        .join()
        .unwrap_or(ExitCode::FAILURE)
}

fn run() -> ExitCode {
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
                None => passed += 1,
                Some(error) => {
                    failed += 1;
                    println!("FAIL {} {}: {error}", file.display(), outcome.name);
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
