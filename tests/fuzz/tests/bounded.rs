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

#[test]
fn inputs_that_once_failed_hold_now() {
    // `regressions/<target>-<what>.hex`: inputs the driver found, one hex string per file.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("the regressions folder") {
        let path = entry.expect("an entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let text = std::fs::read_to_string(&path).expect("a hex file");
        let data: Vec<u8> = (0..text.trim().len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text.trim()[i..i + 2], 16).expect("hex"))
            .collect();
        let (_, target) = TARGETS
            .iter()
            .find(|(target, _)| name.starts_with(&format!("{target}-")))
            .unwrap_or_else(|| panic!("{name}: no such target"));
        target(&data);
        seen += 1;
    }
    assert!(seen > 0, "the regressions are there");
}
