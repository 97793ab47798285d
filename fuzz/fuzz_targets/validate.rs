#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ewasm_fuzz::validate_bytes(data));
