//! A tiny EVM assembler for hand-written test programs: opcodes, pushes and labels.

use std::collections::BTreeMap;

/// One item of a program.
#[derive(Clone, Debug)]
pub enum Item {
    /// A bare opcode.
    Op(u8),
    /// PUSHn of these bytes (PUSH0 when empty).
    Push(Vec<u8>),
    /// A JUMPDEST with a name.
    Label(&'static str),
    /// PUSH2 of a label's program counter.
    PushLabel(&'static str),
    /// Raw bytes (data, or deliberately malformed code).
    Raw(Vec<u8>),
    /// A sequence of items spliced in place (a reusable snippet).
    Seq(Vec<Item>),
}

/// `items` with every [`Item::Seq`] spliced in.
fn flatten(items: &[Item]) -> Vec<Item> {
    items
        .iter()
        .flat_map(|item| match item {
            Item::Seq(inner) => flatten(inner),
            other => vec![other.clone()],
        })
        .collect()
}

/// PUSH of `value` in as few bytes as possible.
pub fn push(value: u64) -> Item {
    let bytes = value.to_be_bytes();
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(8);
    Item::Push(bytes[first..].to_vec())
}

/// Assembles `items`.
///
/// # Panics
/// On an unknown label.
pub fn assemble(items: &[Item]) -> Vec<u8> {
    let items = flatten(items);
    let mut labels = BTreeMap::new();
    let mut pc = 0usize;
    for item in &items {
        match item {
            Item::Op(_) => pc += 1,
            Item::Push(bytes) => pc += 1 + bytes.len(),
            Item::Label(name) => {
                labels.insert(*name, pc);
                pc += 1;
            }
            Item::PushLabel(_) => pc += 3,
            Item::Raw(bytes) => pc += bytes.len(),
            Item::Seq(_) => {}
        }
    }
    let mut code = Vec::with_capacity(pc);
    for item in &items {
        match item {
            Item::Op(op) => code.push(*op),
            Item::Push(bytes) => {
                code.push(0x5f + bytes.len() as u8);
                code.extend_from_slice(bytes);
            }
            Item::Label(_) => code.push(0x5b),
            Item::PushLabel(name) => {
                let target = labels[name] as u16;
                code.push(0x61);
                code.extend_from_slice(&target.to_be_bytes());
            }
            Item::Raw(bytes) => code.extend_from_slice(bytes),
            Item::Seq(_) => {}
        }
    }
    code
}
