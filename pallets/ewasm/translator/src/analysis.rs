//! Decoding EVM bytecode into instructions, finding valid jump destinations and cutting the code
//! into straight-line segments whose static gas and stack bounds are checked once on entry.

use crate::opcode::{self, Flow, OpInfo};
use alloc::vec::Vec;

/// One decoded instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Instr<'a> {
    /// Program counter.
    pub pc: u32,
    /// Opcode byte.
    pub opcode: u8,
    /// What the opcode does, `None` if undefined.
    pub info: Option<OpInfo>,
    /// PUSH data, possibly cut short by the end of the code.
    pub immediate: &'a [u8],
}

impl Instr<'_> {
    /// Whether execution never continues with the next instruction.
    pub fn halts(&self) -> bool {
        self.info.is_none_or(|info| info.flow == Flow::Halt)
    }

    /// The 32-byte big-endian value a PUSH places on the stack (missing data reads as zero).
    pub fn push_value(&self) -> [u8; 32] {
        let mut word = [0u8; 32];
        let len = opcode::immediate_len(self.opcode);
        word[32 - len..32 - len + self.immediate.len()].copy_from_slice(self.immediate);
        word
    }

    /// Whether this is a PUSH (PUSH0 included).
    pub fn is_push(&self) -> bool {
        (opcode::PUSH0..=opcode::PUSH32).contains(&self.opcode)
    }
}

/// Decodes `code`; JUMPDEST bytes inside PUSH data are data, not instructions.
pub(crate) fn decode(code: &[u8], version: crate::EvmVersion) -> Vec<Instr<'_>> {
    let mut instrs = Vec::with_capacity(code.len());
    let mut pc = 0usize;
    while pc < code.len() {
        let opcode = code[pc];
        let end = (pc + 1 + opcode::immediate_len(opcode)).min(code.len());
        instrs.push(Instr {
            pc: pc as u32,
            opcode,
            info: opcode::INFO[usize::from(opcode)].filter(|_| version.defines(opcode)),
            immediate: &code[pc + 1..end],
        });
        pc = end;
    }
    instrs
}

/// The JUMPDEST instructions of `code`, counted as [`decode`] finds them, without allocating.
pub(crate) fn count_jumpdests(code: &[u8]) -> usize {
    let (mut pc, mut count) = (0usize, 0usize);
    while pc < code.len() {
        let opcode = code[pc];
        count += usize::from(opcode == opcode::JUMPDEST);
        pc += 1 + opcode::immediate_len(opcode);
    }
    count
}

/// A straight-line run of instructions `start..end` (indices into the decoded code), entered at
/// `start` only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Segment {
    /// First instruction.
    pub start: usize,
    /// One past the last instruction.
    pub end: usize,
    /// Static gas of all its instructions.
    pub gas: u64,
    /// Stack items that must be present on entry.
    pub needs: u32,
    /// Most items it adds above the entry height.
    pub grows: u32,
}

/// The segment that starts at `start`. It ends after an instruction that halts or branches,
/// before a JUMPDEST (another entry point), and around instructions that read the gas left, so
/// that they see exactly what the EVM would.
pub(crate) fn segment_at(instrs: &[Instr<'_>], start: usize) -> Segment {
    let mut seg = Segment {
        start,
        end: start,
        gas: 0,
        needs: 0,
        grows: 0,
    };
    let mut height: i64 = 0;
    for (index, instr) in instrs.iter().enumerate().skip(start) {
        if index > start && instr.opcode == opcode::JUMPDEST {
            break;
        }
        let observes_gas = instr.info.is_some_and(|i| i.flow == Flow::ObservesGas);
        if observes_gas && index > start {
            break;
        }
        seg.end = index + 1;
        let Some(info) = instr.info else { break };
        seg.gas += u64::from(info.gas);
        let needed = i64::from(info.pops) - height;
        seg.needs = seg.needs.max(needed.max(0) as u32);
        height += i64::from(info.pushes) - i64::from(info.pops);
        seg.grows = seg.grows.max(height.max(0) as u32);
        if observes_gas || matches!(info.flow, Flow::Halt | Flow::Branch) {
            break;
        }
    }
    seg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_data_is_not_code() {
        // PUSH2 0x5b5b, JUMPDEST, PUSH1 (cut short)
        let instrs = decode(&[0x61, 0x5b, 0x5b, 0x5b, 0x60], crate::EvmVersion::Cancun);
        let opcodes: Vec<_> = instrs.iter().map(|i| (i.pc, i.opcode)).collect();
        assert_eq!(opcodes, [(0, 0x61), (3, 0x5b), (4, 0x60)]);
        assert!(instrs[2].immediate.is_empty());
        assert_eq!(instrs[2].push_value(), [0u8; 32]);
    }

    #[test]
    fn clz_is_defined_from_osaka_on() {
        use crate::EvmVersion::{Cancun, Osaka};
        assert!(decode(&[0x1e], Cancun)[0].info.is_none());
        let clz = decode(&[0x1e], Osaka)[0]
            .info
            .map(|i| (i.pops, i.pushes, i.gas));
        assert_eq!(clz, Some((1, 1, 5)));
    }

    #[test]
    fn truncated_push_pads_on_the_right() {
        let instrs = decode(&[0x62, 0xab], crate::EvmVersion::Cancun);
        let mut expected = [0u8; 32];
        expected[29] = 0xab;
        assert_eq!(instrs[0].push_value(), expected);
    }

    #[test]
    fn segments_split_at_jumpdests_branches_and_gas_readers() {
        // PUSH1 1, PUSH1 2, ADD, GAS, POP, JUMPDEST, PUSH1 0, JUMPI, STOP
        let code = [
            0x60, 1, 0x60, 2, 0x01, 0x5a, 0x50, 0x5b, 0x60, 0, 0x57, 0x00,
        ];
        let instrs = decode(&code, crate::EvmVersion::Cancun);
        let first = segment_at(&instrs, 0);
        assert_eq!((first.start, first.end, first.gas), (0, 3, 9));
        assert_eq!((first.needs, first.grows), (0, 2));
        let gas = segment_at(&instrs, 3);
        assert_eq!((gas.end, gas.gas), (4, 2), "GAS stands alone");
        let pop = segment_at(&instrs, 4);
        assert_eq!((pop.end, pop.needs), (5, 1), "stops before the JUMPDEST");
        let dest = segment_at(&instrs, 5);
        assert_eq!(
            (dest.end, dest.gas, dest.needs),
            (8, 1 + 3 + 10, 1),
            "ends at JUMPI"
        );
    }
}
