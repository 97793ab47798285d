//! The heap a transaction holds is bounded by what the chain's limits allow per frame, however
//! many frames it runs: measured with a counting allocator on the largest frames the chain
//! allows, nested to the depth limit and run one after another. (The compiled wasm runtime,
//! with its fixed heap, runs the same attacks in the integration tests.)

mod common;

use common::*;
use ewasm_engine::{
    exec::CreateScheme, memory_host::Account, EngineConfig, EvmVersion, ExecStatus, Executor,
    GasSchedule, U256,
};
use pallet_ewasm_fixtures::attacks;
use std::{
    alloc::{GlobalAlloc, Layout, System},
    sync::atomic::{AtomicUsize, Ordering},
};

/// Counts the bytes allocated now and the most allocated at once since the last reset.
struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = CURRENT.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        CURRENT.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Heap allocated at the peak of `run`, above what was allocated when it started.
fn peak_heap<R>(run: impl FnOnce() -> R) -> (usize, R) {
    let base = CURRENT.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let result = run();
    (PEAK.load(Ordering::Relaxed) - base, result)
}

/// The demo chain's engine settings (runtime/src/configs.rs and the pallet's limits).
fn chain_config() -> EngineConfig {
    EngineConfig {
        schedule: GasSchedule::public_chain(),
        instruction_cost: 1,
        max_call_depth: 16,
        max_code_len: 128 * 1024,
        max_memory_pages: 16,
        max_table_size: 1024,
        max_globals: 256,
        max_functions: 4096,
        allow_debug: false,
        evm_bytecode: true,
        evm_version: EvmVersion::Osaka,
        heap_budget: 64 * 1024 * 1024,
    }
}

/// Gas enough that the heap budget, not the gas, is what stops the bombs.
const GAS: u64 = 200_000_000;
const MIB: f64 = 1024.0 * 1024.0;

/// Runs `init_code` as a creation from `SENDER` with the block's gas; returns the number of
/// contracts it created (the nesting depth it reached) and the peak heap.
fn create_bomb(init_code: &[u8]) -> (usize, usize) {
    let mut exec = Executor::new(world_with(""), chain_config(), context());
    exec.set_weight_limit(GAS, ewasm_engine::gas::weight::WeightRates::UNITS_ONLY); // as the pallet limits it (in units)
    let (peak, created) = peak_heap(|| {
        exec.create(
            SENDER,
            U256::zero(),
            init_code,
            Vec::new(),
            GAS,
            0,
            CreateScheme::Nonce,
        )
    });
    assert_eq!(created.result.status, ExecStatus::Success);
    let depth = exec
        .host
        .accounts
        .iter()
        .filter(|(a, acc)| **a != SENDER && acc.nonce > 0)
        .count();
    (depth, peak)
}

#[test]
fn nested_and_repeated_frames_stay_within_the_heap_budget() {
    let config = chain_config();
    let budget = config.heap_budget as usize;
    let frames = config.max_call_depth as usize + 1;

    // Nested creations: of the largest EVM init code (EIP-3860's limit, all JUMPDESTs), of the largest Ewasm init code (128 KiB, every function compiled,
    // all memory pages) and of a 16 KiB one. `min_depth`: how deep each must get before the
    // heap budget or the depth limit stops it.
    for (name, init_code, min_depth) in [
        (
            "EVM create bomb (48 KiB of JUMPDESTs)",
            attacks::evm_create_bomb(ewasm_engine::prepare::MAX_EVM_INIT_CODE_LEN),
            3,
        ),
        (
            "Ewasm create bomb (128 KiB, 16 pages)",
            attacks::ewasm_create_bomb(128 * 1024, config.max_functions, 16),
            10,
        ),
        (
            "Ewasm create bomb (16 KiB, 16 pages)",
            attacks::ewasm_create_bomb(16 * 1024, config.max_functions, 16),
            frames,
        ),
    ] {
        let (depth, peak) = create_bomb(&init_code);
        println!(
            "{name}: {depth} nested frames, peak heap {:.1} MiB ({:.2} MiB per frame; budget {:.0} MiB)",
            peak as f64 / MIB,
            peak as f64 / depth as f64 / MIB,
            budget as f64 / MIB
        );
        assert!(depth >= min_depth, "{name}: only {depth} frames deep");
        assert!(peak <= budget, "{name}: {peak} B above the budget");
    }

    // One frame of the largest deployable EVM contract, then as many as the gas pays for, one
    // after another: the heap must not grow with the number of frames.
    let bomb = attacks::evm_call_bomb(16 * 1024);
    let single = {
        let mut host = world_with("");
        host.accounts.insert(
            OTHER,
            Account {
                code: bomb.clone(),
                nonce: 1,
                ..Default::default()
            },
        );
        let mut exec = Executor::new(host, config.clone(), context());
        let mut msg = message(OTHER, &[], GAS, 0);
        msg.depth = config.max_call_depth; // no nesting: one frame
        peak_heap(|| exec.call(&msg)).0
    };
    let mut host = world_with("");
    host.accounts.insert(
        OTHER,
        Account {
            code: bomb,
            nonce: 1,
            ..Default::default()
        },
    );
    host.accounts.insert(
        CONTRACT,
        Account {
            code: attacks::evm_call_loop(OTHER.0),
            nonce: 1,
            ..Default::default()
        },
    );
    let mut exec = Executor::new(host, config.clone(), context());
    exec.set_weight_limit(GAS, ewasm_engine::gas::weight::WeightRates::UNITS_ONLY); // as the pallet limits it (in units)
    let mut msg = message(CONTRACT, &[], GAS, 0);
    msg.depth = config.max_call_depth - 1; // the loop's calls run one frame each
    let (repeated, result) = peak_heap(|| exec.call(&msg));
    // The weight meter (the callee's loading, the calls' input copies) stops the loop first.
    assert_eq!(
        result.status,
        ExecStatus::Halt(ewasm_engine::HaltReason::OutOfWeight)
    );
    println!(
        "EVM contract of 16 KiB called until out of gas: one frame peaks at {:.2} MiB, the loop at {:.2} MiB",
        single as f64 / MIB,
        repeated as f64 / MIB
    );
    assert!(
        repeated < single * 2,
        "the heap grows with the frames run: {repeated} B"
    );
}
