//! Runs the fuzz targets on seeded random inputs and counts cases and panics.
//! Usage: `ewasm-fuzz [TARGET|all] [CASES] [SEED]` (default: all, 100000 cases each, seed 1).
//! Exits with 1 if any case panicked.

use ewasm_fuzz::{inputs, TARGETS};
use std::{panic, time::Instant};

/// The largest input the driver generates, per target (execution targets get smaller inputs).
fn max_len(target: &str) -> usize {
    match target {
        "ewasm" | "evm" => 2048,
        _ => 8192,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let which = args.first().map_or("all", String::as_str);
    let cases: u64 = args.get(1).and_then(|c| c.parse().ok()).unwrap_or(100_000);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    // Keep panic messages short: the count is what matters; the first few are shown.
    panic::set_hook(Box::new(|info| eprintln!("panic: {info}")));
    let (mut total, mut panics) = (0u64, 0u64);
    for (name, target) in TARGETS
        .iter()
        .filter(|(name, _)| which == "all" || which == *name)
    {
        let start = Instant::now();
        let mut failed = 0u64;
        for data in inputs(seed, cases, max_len(name)) {
            if panic::catch_unwind(|| target(&data)).is_err() {
                failed += 1;
                if failed <= 3 {
                    eprintln!("{name}: panicked on {}", hex(&data));
                }
            }
        }
        println!(
            "{name}: {cases} cases, {failed} panics, {:.1} s",
            start.elapsed().as_secs_f64()
        );
        total += cases;
        panics += failed;
    }
    println!("{total} cases, {panics} panics");
    if panics > 0 {
        std::process::exit(1);
    }
}

fn hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}
