//! Every validation rule: inline WAT in, the expected rejection out.

mod common;

use common::wasm;
use ewasm_engine::{prepare::validate, EngineConfig, ValidationError};

fn check(wat_text: &str) -> Result<(), ValidationError> {
    validate(&wasm(wat_text), &EngineConfig::default())
}

const VALID: &str =
    r#"(module (memory 1) (export "memory" (memory 0)) (export "main" (func 0)) (func))"#;

macro_rules! prepare_test {
    ($name:ident, $wat:expr, $expected:expr) => {
        #[test]
        fn $name() {
            assert_eq!(check($wat), $expected);
        }
    };
}

prepare_test!(minimal_contract_is_valid, VALID, Ok(()));
prepare_test!(
    eei_import_with_exact_signature_is_valid,
    r#"(module (import "ethereum" "finish" (func (param i32 i32))) (memory 1)
        (export "memory" (memory 0)) (export "main" (func 1)) (func))"#,
    Ok(())
);
prepare_test!(
    custom_sections_are_accepted,
    r#"(module (@custom "deployed" "\00asm") (memory 1) (export "memory" (memory 0))
        (export "main" (func 0)) (func))"#,
    Ok(())
);
prepare_test!(
    start_function_is_rejected,
    r#"(module (memory 1) (export "memory" (memory 0)) (export "main" (func 0)) (func) (start 0))"#,
    Err(ValidationError::HasStartFunction)
);
prepare_test!(
    missing_main_is_rejected,
    r#"(module (memory 1) (export "memory" (memory 0)) (func))"#,
    Err(ValidationError::MissingMain)
);
prepare_test!(
    missing_memory_is_rejected,
    r#"(module (memory 1) (export "main" (func 0)) (func))"#,
    Err(ValidationError::MissingMemory)
);
prepare_test!(
    extra_export_is_rejected,
    r#"(module (memory 1) (export "memory" (memory 0)) (export "main" (func 0))
        (export "other" (func 0)) (func))"#,
    Err(ValidationError::ExtraExports)
);
prepare_test!(
    main_with_params_is_rejected,
    r#"(module (memory 1) (export "memory" (memory 0)) (export "main" (func 0)) (func (param i32)))"#,
    Err(ValidationError::InvalidMain)
);
prepare_test!(
    main_with_result_is_rejected,
    r#"(module (memory 1) (export "memory" (memory 0)) (export "main" (func 0))
        (func (result i32) i32.const 0))"#,
    Err(ValidationError::InvalidMain)
);
prepare_test!(
    main_that_is_not_a_function_is_rejected,
    r#"(module (memory 1) (global i32 (i32.const 0)) (export "memory" (memory 0))
        (export "main" (global 0)))"#,
    Err(ValidationError::InvalidMain)
);
prepare_test!(
    memory_that_is_not_a_memory_is_rejected,
    r#"(module (memory 1) (export "memory" (func 0)) (export "main" (func 0)) (func))"#,
    Err(ValidationError::InvalidMemory)
);
prepare_test!(
    foreign_namespace_is_rejected,
    r#"(module (import "env" "finish" (func (param i32 i32))) (memory 1)
        (export "memory" (memory 0)) (export "main" (func 1)) (func))"#,
    Err(ValidationError::ForbiddenImportNamespace)
);
prepare_test!(
    debug_namespace_is_rejected_by_default,
    r#"(module (import "debug" "print32" (func (param i32))) (memory 1)
        (export "memory" (memory 0)) (export "main" (func 1)) (func))"#,
    Err(ValidationError::ForbiddenImportNamespace)
);
prepare_test!(
    unknown_eei_name_is_rejected,
    r#"(module (import "ethereum" "getBalance" (func (param i32 i32))) (memory 1)
        (export "memory" (memory 0)) (export "main" (func 1)) (func))"#,
    Err(ValidationError::UnknownImport)
);
prepare_test!(
    wrong_eei_signature_is_rejected,
    r#"(module (import "ethereum" "finish" (func (param i32))) (memory 1)
        (export "memory" (memory 0)) (export "main" (func 1)) (func))"#,
    Err(ValidationError::ImportSignatureMismatch)
);
prepare_test!(
    wrong_eei_result_is_rejected,
    r#"(module (import "ethereum" "getGasLeft" (func (result i32))) (memory 1)
        (export "memory" (memory 0)) (export "main" (func 1)) (func))"#,
    Err(ValidationError::ImportSignatureMismatch)
);
prepare_test!(
    imported_memory_is_rejected,
    r#"(module (import "ethereum" "memory" (memory 1)) (export "memory" (memory 0))
        (export "main" (func 0)) (func))"#,
    Err(ValidationError::NonFunctionImport)
);
prepare_test!(
    float_instructions_are_rejected,
    r#"(module (memory 1) (export "memory" (memory 0)) (export "main" (func 0))
        (func f32.const 1.0 drop))"#,
    Err(ValidationError::InvalidWasm)
);
prepare_test!(
    float_locals_are_rejected,
    r#"(module (memory 1) (export "memory" (memory 0)) (export "main" (func 0)) (func (local f64)))"#,
    Err(ValidationError::InvalidWasm)
);
prepare_test!(
    post_mvp_bulk_memory_is_rejected,
    r#"(module (memory 1) (export "memory" (memory 0)) (export "main" (func 0))
        (func (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))))"#,
    Err(ValidationError::InvalidWasm)
);
prepare_test!(
    ill_typed_body_is_rejected,
    r#"(module (memory 1) (export "memory" (memory 0)) (export "main" (func 0))
        (func i32.const 1))"#,
    Err(ValidationError::InvalidWasm)
);

#[test]
fn bad_magic_and_version_are_rejected() {
    let config = EngineConfig::default();
    assert_eq!(
        validate(b"\0asx\x01\0\0\0", &config),
        Err(ValidationError::BadMagic)
    );
    assert_eq!(validate(b"", &config), Err(ValidationError::BadMagic));
    assert_eq!(
        validate(b"\0asm\x02\0\0\0", &config),
        Err(ValidationError::BadVersion)
    );
    assert_eq!(
        validate(b"\0asm\x01", &config),
        Err(ValidationError::BadVersion)
    );
    assert_eq!(
        validate(b"\0asm\x01\0\0\0\xff", &config),
        Err(ValidationError::InvalidWasm)
    );
}

#[test]
fn debug_namespace_is_accepted_when_enabled() {
    let config = EngineConfig {
        allow_debug: true,
        ..Default::default()
    };
    let code = wasm(
        r#"(module (import "debug" "print32" (func (param i32))) (memory 1)
            (export "memory" (memory 0)) (export "main" (func 1)) (func))"#,
    );
    assert_eq!(validate(&code, &config), Ok(()));
}

#[test]
fn limits_are_enforced() {
    let tight = EngineConfig {
        max_code_len: 200,
        max_memory_pages: 2,
        max_table_size: 10,
        max_globals: 1,
        max_functions: 2,
        ..Default::default()
    };
    let with = |extra: &str| {
        wasm(&format!(
            r#"(module (memory 1) (export "memory" (memory 0)) (export "main" (func 0)) (func) {extra})"#
        ))
    };
    assert_eq!(validate(&with(""), &tight), Ok(()));
    let pages =
        wasm(r#"(module (memory 3) (export "memory" (memory 0)) (export "main" (func 0)) (func))"#);
    assert_eq!(
        validate(&pages, &tight),
        Err(ValidationError::TooManyMemoryPages)
    );
    assert_eq!(
        validate(&with("(table 11 funcref)"), &tight),
        Err(ValidationError::TableTooLarge)
    );
    assert_eq!(
        validate(
            &with("(global i32 (i32.const 0)) (global i32 (i32.const 0))"),
            &tight
        ),
        Err(ValidationError::TooManyGlobals)
    );
    assert_eq!(
        validate(&with("(func) (func)"), &tight),
        Err(ValidationError::TooManyFunctions)
    );
    let long = with(&format!(r#"(data (i32.const 0) "{}")"#, "x".repeat(200)));
    assert_eq!(validate(&long, &tight), Err(ValidationError::CodeTooLarge));
}

#[test]
fn embedded_modules_are_checked_where_code_is_stored() {
    let config = EngineConfig::default();
    let with_embedded = |inner: &[u8]| {
        let data: String = inner.iter().map(|b| format!("\\{b:02x}")).collect();
        wasm(&format!(
            r#"(module (@custom "deployed" "{data}") (memory 1) (export "memory" (memory 0))
                (export "main" (func 0)) (func))"#
        ))
    };
    let valid = with_embedded(&wasm(VALID));
    assert_eq!(
        ewasm_engine::prepare::validate_with_embedded(&valid, &config),
        Ok(())
    );
    let broken = with_embedded(&wasm(r#"(module (memory 1) (export "memory" (memory 0)))"#));
    assert_eq!(
        validate(&broken, &config),
        Ok(()),
        "running code does not look inside"
    );
    assert_eq!(
        ewasm_engine::prepare::validate_with_embedded(&broken, &config),
        Err(ValidationError::InvalidEmbeddedModule)
    );
    // Custom sections that are not wasm are data, and accepted.
    let data = wasm(
        r#"(module (@custom "note" "hello") (memory 1) (export "memory" (memory 0)) (export "main" (func 0)) (func))"#,
    );
    assert_eq!(
        ewasm_engine::prepare::validate_with_embedded(&data, &config),
        Ok(())
    );
}
