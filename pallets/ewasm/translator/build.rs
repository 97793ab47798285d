//! Compiles `src/prelude.wat` (the runtime library every translated contract carries) and
//! splits it into the raw pieces the translator copies into each module: its types and globals
//! whole, its imports and function bodies one by one (a module carries only those its code
//! reaches), with where each body calls and what each function reaches; plus the indices of
//! its functions and globals by name.

use std::{collections::BTreeMap, env, fmt::Write as _, fs, path::PathBuf};
use wasm_encoder::{Encode, RawSection};
use wasmparser::{KnownCustom, Name, Operator, Parser, Payload};

fn section(out: &mut Vec<u8>, id: u8, data: &[u8]) {
    out.push(id);
    RawSection { id, data }.encode(out);
}

fn main() {
    println!("cargo:rerun-if-changed=src/prelude.wat");
    let wasm = wat::parse_file("src/prelude.wat").expect("prelude.wat compiles");

    let mut types = Vec::new();
    let mut globals_section = Vec::new();
    let mut import_entries = Vec::new();
    let mut import_ends = Vec::new();
    let mut function_types: Vec<u32> = Vec::new();
    let mut func_types = Vec::new();
    let mut bodies: Vec<&[u8]> = Vec::new();
    // Per body: offsets (in the body) of its calls' function indices, and the functions called.
    let mut call_sites: Vec<Vec<u32>> = Vec::new();
    let mut callees: Vec<Vec<u32>> = Vec::new();
    let mut imports = 0u32;
    let mut names = BTreeMap::new();
    let mut globals = Vec::new();
    for payload in Parser::new(0).parse_all(&wasm) {
        match payload.expect("prelude parses") {
            Payload::TypeSection(r) => {
                section(&mut types, 1, &wasm[r.range()]);
                for ty in r.into_iter_err_on_gc_types() {
                    let ty = ty.expect("func type");
                    func_types.push((ty.params().len(), ty.results().to_vec()));
                }
            }
            Payload::ImportSection(r) => {
                imports = r.count();
                let end = r.range().end;
                let mut starts: Vec<usize> = r
                    .into_iter_with_offsets()
                    .map(|item| item.expect("import").0)
                    .collect();
                starts.push(end);
                for pair in starts.windows(2) {
                    import_entries.extend_from_slice(&wasm[pair[0]..pair[1]]);
                    import_ends.push(import_entries.len() as u32);
                }
            }
            Payload::FunctionSection(r) => {
                for ty in r {
                    function_types.push(ty.expect("function type index"));
                }
            }
            Payload::GlobalSection(r) => section(&mut globals_section, 6, &wasm[r.range()]),
            Payload::CodeSectionEntry(body) => {
                let start = body.range().start;
                let mut sites = Vec::new();
                let mut called = Vec::new();
                let mut reader = body.get_operators_reader().expect("operators");
                while !reader.eof() {
                    let (op, offset) = reader.read_with_offset().expect("operator");
                    match op {
                        Operator::Call { function_index } => {
                            // One-byte indices, so that the translator can renumber in place.
                            assert!(function_index < 0x80, "prelude call index above 127");
                            assert_eq!(wasm[offset + 1] as u32, function_index);
                            sites.push((offset + 1 - start) as u32);
                            called.push(function_index);
                        }
                        Operator::CallIndirect { .. }
                        | Operator::RefFunc { .. }
                        | Operator::ReturnCall { .. } => {
                            panic!("prelude functions reach others only by `call`")
                        }
                        _ => {}
                    }
                }
                call_sites.push(sites);
                callees.push(called);
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
    assert!(
        imports + body_count <= 128,
        "prelude indices must fit a u128 mask"
    );
    // Drop main's placeholder body: the translator appends the real one.
    let mut pieces = Vec::new();
    let mut body_ends = Vec::new();
    for body in &bodies[..bodies.len() - 1] {
        pieces.extend_from_slice(body);
        body_ends.push(pieces.len() as u32);
    }
    // What each prelude index reaches (itself included), transitively.
    let total = (imports + body_count) as usize;
    let mut reach: Vec<u128> = (0..total).map(|i| 1u128 << i).collect();
    loop {
        let mut changed = false;
        for (body, called) in callees.iter().enumerate() {
            let f = imports as usize + body;
            let mut mask = reach[f];
            for callee in called {
                mask |= reach[*callee as usize];
            }
            changed |= mask != reach[f];
            reach[f] = mask;
        }
        if !changed {
            break;
        }
    }
    call_sites.pop();

    let type_index = |params: usize, results: &[wasmparser::ValType]| {
        func_types
            .iter()
            .position(|(p, r)| *p == params && r.as_slice() == results)
            .expect("the prelude declares the type")
    };
    let section_type = type_index(0, &[wasmparser::ValType::I32]);
    let main_type = type_index(0, &[]);

    let mut rust = String::new();
    writeln!(rust, "/// The prelude's type section.").unwrap();
    writeln!(rust, "pub(crate) const TYPES: &[u8] = &{types:?};").unwrap();
    writeln!(rust, "/// The prelude's global section.").unwrap();
    writeln!(
        rust,
        "pub(crate) const GLOBALS: &[u8] = &{globals_section:?};"
    )
    .unwrap();
    writeln!(rust, "/// The import section's entries, one after another.").unwrap();
    writeln!(
        rust,
        "pub(crate) const IMPORT_ENTRIES: &[u8] = &{import_entries:?};"
    )
    .unwrap();
    writeln!(
        rust,
        "/// Where each import's entry ends in `IMPORT_ENTRIES`."
    )
    .unwrap();
    writeln!(
        rust,
        "pub(crate) const IMPORT_ENDS: &[u32] = &{import_ends:?};"
    )
    .unwrap();
    writeln!(
        rust,
        "/// Bodies (locals and code, no size) of the prelude's functions except `main`."
    )
    .unwrap();
    writeln!(rust, "pub(crate) const BODIES: &[u8] = &{pieces:?};").unwrap();
    writeln!(rust, "/// Where each body ends in `BODIES`.").unwrap();
    writeln!(rust, "pub(crate) const BODY_ENDS: &[u32] = &{body_ends:?};").unwrap();
    writeln!(
        rust,
        "/// Per body: offsets in it of each `call`'s one-byte function index."
    )
    .unwrap();
    let sites: Vec<String> = call_sites.iter().map(|s| format!("&{s:?}")).collect();
    writeln!(
        rust,
        "pub(crate) const CALL_SITES: &[&[u32]] = &[{}];",
        sites.join(", ")
    )
    .unwrap();
    writeln!(
        rust,
        "/// Per prelude index (imports, then functions): the indices it reaches, itself included."
    )
    .unwrap();
    writeln!(rust, "pub(crate) const REACHES: &[u128] = &{reach:?};").unwrap();
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
