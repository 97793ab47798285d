//! Which of the prelude's imports and functions a module carries: those its code reaches (the
//! functions its sections and `main` call, and what they call in turn), renumbered in order.
//! A frame parses, and its instance links, every import and function its module declares, so
//! one of a small contract carries a few of the prelude's 42 imports and 68 functions.

use crate::prelude::{
    BODIES, BODY_ENDS, CALL_SITES, FUNCTIONS, FUNCTION_TYPES, IMPORTS, IMPORT_ENDS, IMPORT_ENTRIES,
    REACHES,
};
use alloc::vec::Vec;
use wasm_encoder::Encode;

/// The prelude index of `main` (its last function).
const MAIN: u32 = IMPORTS + FUNCTIONS - 1;

/// The prelude's imports, as a mask of prelude indices.
const IMPORT_MASK: u128 = (1 << IMPORTS) - 1;

/// The carried imports and functions and their indices in the module.
pub(crate) struct Carried {
    /// Prelude indices carried (`main` not included), as a mask.
    mask: u128,
    /// Module index of each prelude index carried.
    index: [u8; 128],
}

impl Carried {
    /// The prelude's part that the functions in `called` (a mask of prelude indices) reach.
    pub(crate) fn reached_from(called: u128) -> Self {
        let mut mask = 0u128;
        let mut bits = called;
        while bits != 0 {
            let i = bits.trailing_zeros() as usize;
            mask |= REACHES[i];
            bits &= bits - 1;
        }
        mask &= !(1 << MAIN);
        let mut index = [0u8; 128];
        for (next, i) in (0..MAIN).filter(|i| mask & (1 << i) != 0).enumerate() {
            // Below 128 (build.rs checks the prelude's size).
            index[i as usize] = next as u8;
        }
        Self { mask, index }
    }

    /// Whether prelude index `i` is carried.
    pub(crate) fn carries(&self, i: u32) -> bool {
        self.mask & (1 << i) != 0
    }

    /// The module index of carried prelude import or function `i`.
    pub(crate) fn index_of(&self, i: u32) -> u32 {
        debug_assert!(self.carries(i), "prelude index {i} not carried");
        u32::from(self.index[i as usize])
    }

    /// Rewrites the one-byte prelude function indices at `sites` in `bytes` to module indices.
    pub(crate) fn renumber(&self, bytes: &mut [u8], sites: impl IntoIterator<Item = usize>) {
        for site in sites {
            let prelude_index = bytes[site];
            debug_assert!(
                self.carries(u32::from(prelude_index)),
                "a call to {prelude_index} not carried"
            );
            bytes[site] = self.index[usize::from(prelude_index)];
        }
    }

    /// Carried prelude functions, `main` not included.
    pub(crate) fn functions(&self) -> u32 {
        (self.mask & !IMPORT_MASK).count_ones()
    }

    /// The import section's contents: the carried imports, in order.
    pub(crate) fn import_entries(&self) -> Vec<u8> {
        let mut entries = Vec::with_capacity(IMPORT_ENTRIES.len() + 1);
        (self.mask & IMPORT_MASK).count_ones().encode(&mut entries);
        let mut start = 0;
        for (i, end) in IMPORT_ENDS.iter().enumerate() {
            let end = *end as usize;
            if self.carries(i as u32) {
                entries.extend_from_slice(&IMPORT_ENTRIES[start..end]);
            }
            start = end;
        }
        entries
    }

    /// The bodies carried, as prelude function numbers (0 is the first after the imports).
    fn bodies(&self) -> impl Iterator<Item = usize> + '_ {
        (0..FUNCTIONS - 1)
            .filter(|body| self.carries(IMPORTS + body))
            .map(|body| body as usize)
    }

    /// The type index of each carried function, in order.
    pub(crate) fn function_types(&self) -> impl Iterator<Item = u32> + '_ {
        self.bodies().map(|body| FUNCTION_TYPES[body])
    }

    /// Appends the carried functions' code section entries, their calls renumbered.
    pub(crate) fn write_bodies(&self, code_section: &mut Vec<u8>) {
        for body in self.bodies() {
            let start = body.checked_sub(1).map_or(0, |b| BODY_ENDS[b] as usize);
            let end = BODY_ENDS[body] as usize;
            (end - start).encode(code_section);
            let at = code_section.len();
            code_section.extend_from_slice(&BODIES[start..end]);
            self.renumber(
                code_section,
                CALL_SITES[body].iter().map(|site| at + *site as usize),
            );
        }
    }

    /// The module index of `main`: after the carried imports and functions.
    pub(crate) fn main(&self) -> u32 {
        self.mask.count_ones()
    }
}
