//! What CI runs of the fuzz targets: a bounded number of seeded cases each (the driver,
//! `scripts/fuzz.sh`, runs millions). A violated property fails the test with its input.

use ewasm_fuzz::{inputs, TARGETS};

const CASES: u64 = 2_000;

#[test]
fn every_target_holds_on_seeded_inputs() {
    for (name, target) in TARGETS {
        for data in inputs(7, CASES, 2048) {
            target(&data);
        }
        println!("{name}: {CASES} cases");
    }
}

#[test]
fn the_module_generator_makes_runnable_ewasm_contracts() {
    // Most inputs must give a valid contract, or the execution target tests nothing.
    let made = inputs(11, 500, 2048)
        .filter(|data| {
            ewasm_fuzz::ewasm_module(&data[..data.len() / 2]).is_some_and(|module| {
                ewasm_engine::prepare::validate(&module, &ewasm_fuzz::chain_config()).is_ok()
            })
        })
        .count();
    assert!(
        made > 250,
        "only {made} of 500 inputs made a valid Ewasm contract"
    );
}
