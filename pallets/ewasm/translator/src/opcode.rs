//! What the translator needs to know about each EVM opcode (Cancun): stack effect, the static
//! gas charged per straight-line segment, and how it ends control flow.

/// How an instruction affects control flow and gas accounting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flow {
    /// Continues with the next instruction.
    Next,
    /// Never continues with the next instruction (STOP, JUMP, RETURN, REVERT, INVALID, ...).
    Halt,
    /// JUMPI: may continue with the next instruction or jump.
    Branch,
    /// Reads the gas left (GAS, CALL*, CREATE*): everything before it must have been charged.
    ObservesGas,
}

/// Static description of one opcode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct OpInfo {
    /// Stack items consumed.
    pub pops: u8,
    /// Stack items produced.
    pub pushes: u8,
    /// Gas charged up front (dynamic parts are charged where they arise).
    pub gas: u16,
    /// Control flow.
    pub flow: Flow,
}

const fn op(pops: u8, pushes: u8, gas: u16, flow: Flow) -> Option<OpInfo> {
    Some(OpInfo {
        pops,
        pushes,
        gas,
        flow,
    })
}

pub(crate) const JUMPDEST: u8 = 0x5b;
pub(crate) const JUMP: u8 = 0x56;
pub(crate) const JUMPI: u8 = 0x57;
pub(crate) const PUSH0: u8 = 0x5f;
/// CLZ (EIP-7939), Osaka's only new opcode.
pub(crate) const CLZ: u8 = 0x1e;
/// The designated invalid instruction (EIP-141).
pub(crate) const INVALID: u8 = 0xfe;
pub(crate) const PUSH1: u8 = 0x60;
pub(crate) const PUSH32: u8 = 0x7f;

/// Bytes of immediate data that follow `opcode`.
pub(crate) const fn immediate_len(opcode: u8) -> usize {
    if opcode >= PUSH1 && opcode <= PUSH32 {
        (opcode - PUSH1 + 1) as usize
    } else {
        0
    }
}

/// The opcode's description, or `None` for an undefined opcode (which halts exceptionally).
///
/// Gas follows Cancun's schedule (plus Osaka's CLZ). State access (BALANCE, EXTCODE*, SLOAD, SSTORE, CALL*,
/// SELFDESTRUCT's beneficiary) costs what EIP-2929 makes it, warm or cold, and is charged by the
/// host extensions when the instruction runs; SSTORE reads the gas left (EIP-2200's stipend
/// guard), so it ends a segment like GAS.
pub(crate) const fn info(opcode: u8) -> Option<OpInfo> {
    use Flow::*;
    match opcode {
        0x00 => op(0, 0, 0, Halt),
        0x01 | 0x03 => op(2, 1, 3, Next),
        0x02 | 0x04..=0x07 => op(2, 1, 5, Next),
        0x08 | 0x09 => op(3, 1, 8, Next),
        0x0a => op(2, 1, 10, Next),
        0x0b => op(2, 1, 5, Next),
        0x10..=0x14 | 0x16..=0x18 | 0x1a..=0x1d => op(2, 1, 3, Next),
        0x15 | 0x19 => op(1, 1, 3, Next),
        // CLZ (EIP-7939, Osaka: solc 0.8.37's default EVM version may emit it).
        0x1e => op(1, 1, 5, Next),
        0x20 => op(2, 1, 30, Next),
        0x30 | 0x32 | 0x33 | 0x34 | 0x36 | 0x38 | 0x3a | 0x3d => op(0, 1, 2, Next),
        0x31 => op(1, 1, 0, Next),
        0x35 => op(1, 1, 3, Next),
        0x37 | 0x39 | 0x3e => op(3, 0, 3, Next),
        0x3b => op(1, 1, 0, Next),
        0x3c => op(4, 0, 0, Next),
        0x3f => op(1, 1, 0, Next),
        0x40 => op(1, 1, 20, Next),
        0x41..=0x46 | 0x48 | 0x4a => op(0, 1, 2, Next),
        0x47 => op(0, 1, 5, Next),
        0x49 => op(1, 1, 3, Next),
        0x50 => op(1, 0, 2, Next),
        0x51 => op(1, 1, 3, Next),
        0x52 | 0x53 => op(2, 0, 3, Next),
        0x54 => op(1, 1, 0, Next),
        0x55 => op(2, 0, 0, ObservesGas),
        0x56 => op(1, 0, 8, Halt),
        0x57 => op(2, 0, 10, Branch),
        0x58 | 0x59 => op(0, 1, 2, Next),
        0x5a => op(0, 1, 2, ObservesGas),
        0x5b => op(0, 0, 1, Next),
        0x5c => op(1, 1, 100, Next),
        0x5d => op(2, 0, 100, Next),
        0x5e => op(3, 0, 3, Next),
        0x5f => op(0, 1, 2, Next),
        0x60..=0x7f => op(0, 1, 3, Next),
        0x80..=0x8f => op(opcode - 0x80 + 1, opcode - 0x80 + 2, 3, Next),
        0x90..=0x9f => op(opcode - 0x90 + 2, opcode - 0x90 + 2, 3, Next),
        0xa0..=0xa4 => {
            let topics = opcode - 0xa0;
            op(2 + topics, 0, 375 + 375 * topics as u16, Next)
        }
        0xf0 => op(3, 1, 32_000, ObservesGas),
        0xf1 | 0xf2 => op(7, 1, 0, ObservesGas),
        0xf3 | 0xfd => op(2, 0, 0, Halt),
        0xf4 | 0xfa => op(6, 1, 0, ObservesGas),
        0xf5 => op(4, 1, 32_000, ObservesGas),
        0xfe => op(0, 0, 0, Halt),
        0xff => op(1, 0, 5_000, Halt),
        _ => None,
    }
}

/// [`info`] of every opcode, computed at compile time: decoding looks each instruction up here
/// at every call.
pub(crate) static INFO: [Option<OpInfo>; 256] = {
    let mut table = [None; 256];
    let mut opcode = 0;
    while opcode < 256 {
        table[opcode] = info(opcode as u8);
        opcode += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stack_effects_of_families() {
        assert_eq!(info(0x80).map(|i| (i.pops, i.pushes)), Some((1, 2)), "DUP1");
        assert_eq!(
            info(0x8f).map(|i| (i.pops, i.pushes)),
            Some((16, 17)),
            "DUP16"
        );
        assert_eq!(
            info(0x90).map(|i| (i.pops, i.pushes)),
            Some((2, 2)),
            "SWAP1"
        );
        assert_eq!(
            info(0x9f).map(|i| (i.pops, i.pushes)),
            Some((17, 17)),
            "SWAP16"
        );
        assert_eq!(info(0xa4).map(|i| (i.pops, i.gas)), Some((6, 1875)), "LOG4");
        assert_eq!(immediate_len(0x60), 1);
        assert_eq!(immediate_len(0x7f), 32);
        assert_eq!(immediate_len(PUSH0), 0);
    }

    #[test]
    fn undefined_opcodes_have_no_info() {
        for opcode in [0x0c, 0x1f, 0x21, 0x4b, 0xa5, 0xef, 0xf6, 0xfb] {
            assert_eq!(info(opcode), None, "{opcode:#x}");
        }
    }
}
