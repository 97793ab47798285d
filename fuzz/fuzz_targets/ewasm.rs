#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    ewasm_fuzz::run_ewasm_module(data);
});
