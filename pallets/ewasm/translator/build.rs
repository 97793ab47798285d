//! Compiles `src/prelude.wat` (the runtime library every translated contract carries) and
//! splits it into the raw pieces the translator copies into each module, plus the indices of
//! its functions by name.

use std::{collections::BTreeMap, env, fmt::Write as _, fs, path::PathBuf};
use wasm_encoder::{Encode, RawSection};
use wasmparser::{KnownCustom, Name, Parser, Payload};

fn section(out: &mut Vec<u8>, id: u8, data: &[u8]) {
    out.push(id);
    RawSection { id, data }.encode(out);
}

fn main() {
    println!("cargo:rerun-if-changed=src/prelude.wat");
    let wasm = wat::parse_file("src/prelude.wat").expect("prelude.wat compiles");

    let mut head = Vec::new();
    let mut tail = Vec::new();
    let mut function_types: Vec<u32> = Vec::new();
    let mut func_types = Vec::new();
    let mut bodies: Vec<&[u8]> = Vec::new();
    let mut imports = 0u32;
    let mut names = BTreeMap::new();
    let mut globals = Vec::new();
    for payload in Parser::new(0).parse_all(&wasm) {
        match payload.expect("prelude parses") {
            Payload::TypeSection(r) => {
                section(&mut head, 1, &wasm[r.range()]);
                for ty in r.into_iter_err_on_gc_types() {
                    let ty = ty.expect("func type");
                    func_types.push((ty.params().len(), ty.results().to_vec()));
                }
            }
            Payload::ImportSection(r) => {
                imports = r.count();
                section(&mut head, 2, &wasm[r.range()]);
            }
            Payload::FunctionSection(r) => {
                for ty in r {
                    function_types.push(ty.expect("function type index"));
                }
            }
            Payload::GlobalSection(r) => section(&mut tail, 6, &wasm[r.range()]),
            Payload::ExportSection(r) => section(&mut tail, 7, &wasm[r.range()]),
            Payload::CodeSectionEntry(body) => {
                bodies.push(&wasm[body.range()]);
            }
            Payload::CustomSection(c) => {
                if let KnownCustom::Name(reader) = c.as_known() {
                    for name in reader {
                        match name.expect("name section") {
                            Name::Function(map) => {
                                for n in map {
                                    let n = n.expect("function name");
                                    names.insert(n.name.to_string(), n.index);
                                }
                            }
                            Name::Global(map) => {
                                for n in map {
                                    let n = n.expect("global name");
                                    globals.push((n.index, n.name.to_string()));
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
    let body_count = bodies.len() as u32;
    assert_eq!(
        names["main"],
        imports + body_count - 1,
        "main must be the prelude's last function"
    );
    assert_eq!(function_types.len() as u32, body_count);
    // Drop main's placeholder body: the translator appends the real one.
    let mut pieces = Vec::new();
    for body in &bodies[..bodies.len() - 1] {
        body.encode(&mut pieces);
    }

    let type_index = |params: usize, results: &[wasmparser::ValType]| {
        func_types
            .iter()
            .position(|(p, r)| *p == params && r.as_slice() == results)
            .expect("the prelude declares the type")
    };
    let section_type = type_index(0, &[wasmparser::ValType::I32]);
    let main_type = type_index(0, &[]);

    let mut rust = String::new();
    writeln!(rust, "/// Type and import sections of the prelude.").unwrap();
    writeln!(rust, "pub(crate) const HEAD: &[u8] = &{head:?};").unwrap();
    writeln!(rust, "/// Global and export sections of the prelude.").unwrap();
    writeln!(rust, "pub(crate) const TAIL: &[u8] = &{tail:?};").unwrap();
    writeln!(
        rust,
        "/// Size-prefixed bodies of the prelude's functions except `main`."
    )
    .unwrap();
    writeln!(rust, "pub(crate) const BODIES: &[u8] = &{pieces:?};").unwrap();
    writeln!(
        rust,
        "/// Functions defined by the prelude, `main` included."
    )
    .unwrap();
    writeln!(rust, "pub(crate) const FUNCTIONS: u32 = {body_count};").unwrap();
    writeln!(
        rust,
        "/// Type index of each prelude function, `main` last."
    )
    .unwrap();
    writeln!(
        rust,
        "pub(crate) const FUNCTION_TYPES: &[u32] = &{function_types:?};"
    )
    .unwrap();
    writeln!(
        rust,
        "/// Imported functions (they come first in the function index space)."
    )
    .unwrap();
    writeln!(rust, "pub(crate) const IMPORTS: u32 = {imports};").unwrap();
    writeln!(rust, "/// Type `() -> i32` of the section functions.").unwrap();
    writeln!(rust, "pub(crate) const T_SECTION: u32 = {section_type};").unwrap();
    writeln!(rust, "/// Type `() -> ()` of `main`.").unwrap();
    writeln!(rust, "pub(crate) const T_MAIN: u32 = {main_type};").unwrap();
    for (name, index) in &names {
        writeln!(
            rust,
            "pub(crate) const F_{}: u32 = {index};",
            name.to_uppercase()
        )
        .unwrap();
    }
    for (index, name) in &globals {
        writeln!(
            rust,
            "pub(crate) const G_{}: u32 = {index};",
            name.to_uppercase()
        )
        .unwrap();
    }
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    fs::write(out.join("prelude.rs"), rust).unwrap();
    fs::write(out.join("prelude.wasm"), &wasm).unwrap();
}
