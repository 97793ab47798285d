//! Bounds-checked access to contract memory in the EEI's byte orders.

use crate::{
    error::HaltReason,
    types::{Address, H256, U256},
};
use core::ops::Range;

/// `offset..offset + len`, or an invalid-memory-access halt if it overflows or exceeds `size`.
pub(crate) fn checked_range(
    size: usize,
    offset: u32,
    len: u32,
) -> Result<Range<usize>, HaltReason> {
    let start = offset as usize;
    let end = u64::from(offset) + u64::from(len);
    if end > size as u64 {
        return Err(HaltReason::InvalidMemoryAccess);
    }
    Ok(start..end as usize)
}

/// Reads `len` bytes at `offset`.
pub(crate) fn read(mem: &[u8], offset: u32, len: u32) -> Result<&[u8], HaltReason> {
    Ok(&mem[checked_range(mem.len(), offset, len)?])
}

/// Writes `data` at `offset`.
pub(crate) fn write(mem: &mut [u8], offset: u32, data: &[u8]) -> Result<(), HaltReason> {
    let len = u32::try_from(data.len()).map_err(|_| HaltReason::InvalidMemoryAccess)?;
    let range = checked_range(mem.len(), offset, len)?;
    mem[range].copy_from_slice(data);
    Ok(())
}

/// Copies `src[src_offset..src_offset + len]` to memory at `dst_offset`; both ranges must be in
/// bounds (a copy past the end of the source traps rather than padding with zeros).
pub(crate) fn copy_in(
    mem: &mut [u8],
    dst_offset: u32,
    src: &[u8],
    src_offset: u32,
    len: u32,
) -> Result<(), HaltReason> {
    let src_range = checked_range(src.len(), src_offset, len)?;
    write(mem, dst_offset, &src[src_range])
}

/// Reads a 20-byte address.
pub(crate) fn read_address(mem: &[u8], offset: u32) -> Result<Address, HaltReason> {
    Ok(Address::from_slice(read(mem, offset, 20)?))
}

/// Reads raw 32 bytes (storage keys and values, topics).
pub(crate) fn read_bytes32(mem: &[u8], offset: u32) -> Result<H256, HaltReason> {
    Ok(H256::from_slice(read(mem, offset, 32)?))
}

/// Reads a 128-bit little-endian value.
pub(crate) fn read_u128(mem: &[u8], offset: u32) -> Result<U256, HaltReason> {
    Ok(U256::from_little_endian(read(mem, offset, 16)?))
}

/// Writes a value as 128-bit little-endian.
///
/// # Errors
/// [`HaltReason::ArgumentOutOfRange`] if `value` does not fit in 128 bits.
pub(crate) fn write_u128(mem: &mut [u8], offset: u32, value: U256) -> Result<(), HaltReason> {
    if value.bits() > 128 {
        return Err(HaltReason::ArgumentOutOfRange);
    }
    write(mem, offset, &value.low_u128().to_le_bytes())
}

/// Writes a value as 256-bit little-endian.
pub(crate) fn write_u256(mem: &mut [u8], offset: u32, value: U256) -> Result<(), HaltReason> {
    write(mem, offset, &value.to_little_endian())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_reject_overflow_and_out_of_bounds() {
        assert_eq!(checked_range(100, 90, 10), Ok(90..100));
        assert_eq!(
            checked_range(100, 90, 11),
            Err(HaltReason::InvalidMemoryAccess)
        );
        assert_eq!(
            checked_range(100, u32::MAX, 2),
            Err(HaltReason::InvalidMemoryAccess)
        );
        assert_eq!(checked_range(100, 100, 0), Ok(100..100));
        assert_eq!(
            checked_range(100, 101, 0),
            Err(HaltReason::InvalidMemoryAccess)
        );
    }

    #[test]
    fn u128_is_little_endian_and_bounded() {
        let mut mem = [0u8; 32];
        write_u128(&mut mem, 0, U256::from(0x0102u64)).unwrap();
        assert_eq!(&mem[..3], &[0x02, 0x01, 0x00]);
        assert_eq!(read_u128(&mem, 0).unwrap(), U256::from(0x0102u64));
        assert_eq!(
            write_u128(&mut mem, 0, U256::one() << 128),
            Err(HaltReason::ArgumentOutOfRange)
        );
        assert_eq!(
            write_u128(&mut mem, 20, U256::one()),
            Err(HaltReason::InvalidMemoryAccess)
        );
    }

    #[test]
    fn copy_past_source_end_traps() {
        let mut mem = [0u8; 8];
        assert_eq!(copy_in(&mut mem, 0, &[1, 2, 3], 1, 2), Ok(()));
        assert_eq!(&mem[..2], &[2, 3]);
        assert_eq!(
            copy_in(&mut mem, 0, &[1, 2, 3], 2, 2),
            Err(HaltReason::InvalidMemoryAccess)
        );
    }
}
