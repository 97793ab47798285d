#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ewasm_fuzz::translate_bytes(data));
