//! The EVM's 256-bit arithmetic, comparison and bit operations (Yellow Paper semantics), run
//! natively for translated EVM code through the `evm.u256` host function.

use crate::types::U256;
use primitive_types::U512;

/// An arithmetic opcode's operand count, or `None` if `opcode` is not one.
pub fn arity(opcode: u8) -> Option<usize> {
    match opcode {
        0x15 | 0x19 | 0x1e => Some(1),
        0x08 | 0x09 => Some(3),
        0x01..=0x07 | 0x0a | 0x0b | 0x10..=0x14 | 0x16..=0x18 | 0x1a..=0x1d => Some(2),
        _ => None,
    }
}

fn sign_bit(x: &U256) -> bool {
    x.bit(255)
}

fn negate(x: U256) -> U256 {
    (!x).overflowing_add(U256::one()).0
}

fn abs(x: U256) -> U256 {
    if sign_bit(&x) {
        negate(x)
    } else {
        x
    }
}

fn from_bool(b: bool) -> U256 {
    if b {
        U256::one()
    } else {
        U256::zero()
    }
}

/// Flips the sign bit so that signed order becomes unsigned order.
fn biased(x: U256) -> U256 {
    x ^ (U256::one() << 255)
}

fn shift_amount(shift: U256) -> Option<usize> {
    (shift < U256::from(256)).then(|| shift.low_u32() as usize)
}

/// Applies `opcode` to `args` (top of the stack first). `args` holds [`arity`] values.
pub fn apply(opcode: u8, args: &[U256]) -> U256 {
    let a = args[0];
    let b = args.get(1).copied().unwrap_or_default();
    match opcode {
        0x01 => a.overflowing_add(b).0,
        0x02 => a.overflowing_mul(b).0,
        0x03 => a.overflowing_sub(b).0,
        0x04 => a.checked_div(b).unwrap_or_default(),
        0x05 => {
            if b.is_zero() {
                return U256::zero();
            }
            let quotient = abs(a) / abs(b);
            if sign_bit(&a) != sign_bit(&b) {
                negate(quotient)
            } else {
                quotient
            }
        }
        0x06 => a.checked_rem(b).unwrap_or_default(),
        0x07 => {
            if b.is_zero() {
                return U256::zero();
            }
            let remainder = abs(a) % abs(b);
            if sign_bit(&a) {
                negate(remainder)
            } else {
                remainder
            }
        }
        0x08 | 0x09 => {
            let modulus = U512::from(args[2]);
            if modulus.is_zero() {
                return U256::zero();
            }
            let value = if opcode == 0x08 {
                U512::from(a) + U512::from(b)
            } else {
                a.full_mul(b)
            };
            U256::try_from(value % modulus).unwrap_or_default()
        }
        0x0a => a.overflowing_pow(b).0,
        0x0b => {
            if a >= U256::from(31) {
                return b;
            }
            let bit = a.low_u32() as usize * 8 + 7;
            let mask = (U256::one() << (bit + 1)) - 1;
            if b.bit(bit) {
                b | !mask
            } else {
                b & mask
            }
        }
        0x10 => from_bool(a < b),
        0x11 => from_bool(a > b),
        0x12 => from_bool(biased(a) < biased(b)),
        0x13 => from_bool(biased(a) > biased(b)),
        0x14 => from_bool(a == b),
        0x15 => from_bool(a.is_zero()),
        0x16 => a & b,
        0x17 => a | b,
        0x18 => a ^ b,
        0x19 => !a,
        0x1a => match shift_amount(a) {
            Some(i) if i < 32 => U256::from(b.byte(31 - i)),
            _ => U256::zero(),
        },
        0x1b => shift_amount(a).map_or(U256::zero(), |s| b << s),
        0x1c => shift_amount(a).map_or(U256::zero(), |s| b >> s),
        0x1d => {
            let negative = sign_bit(&b);
            match shift_amount(a) {
                Some(s) if negative => !((!b) >> s),
                Some(s) => b >> s,
                None if negative => U256::MAX,
                None => U256::zero(),
            }
        }
        // CLZ (EIP-7939, Osaka): leading zero bits, 256 for zero.
        0x1e => U256::from(256 - a.bits()),
        _ => U256::zero(),
    }
}

/// Dynamic gas of EXP: 50 per byte of the exponent (EIP-160).
pub fn exp_byte_cost(exponent: &U256) -> u64 {
    50 * (exponent.bits() as u64).div_ceil(8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn neg(x: u64) -> U256 {
        negate(U256::from(x))
    }

    #[test]
    fn signed_division_and_modulo() {
        assert_eq!(apply(0x05, &[neg(7), U256::from(2)]), neg(3));
        assert_eq!(apply(0x05, &[neg(7), neg(2)]), U256::from(3));
        let min = U256::one() << 255;
        assert_eq!(
            apply(0x05, &[min, U256::MAX]),
            min,
            "MIN / -1 overflows to MIN"
        );
        assert_eq!(apply(0x07, &[neg(7), U256::from(2)]), neg(1));
        assert_eq!(apply(0x07, &[U256::from(7), neg(2)]), U256::from(1));
        assert_eq!(apply(0x05, &[U256::from(7), U256::zero()]), U256::zero());
        assert_eq!(apply(0x07, &[U256::from(7), U256::zero()]), U256::zero());
    }

    #[test]
    fn modular_arithmetic_uses_full_width() {
        let max = U256::MAX;
        assert_eq!(
            apply(0x08, &[max, U256::from(2), U256::from(10)]),
            U256::from(7)
        );
        assert_eq!(apply(0x09, &[max, max, U256::from(12)]), U256::from(9));
        assert_eq!(apply(0x09, &[max, max, U256::zero()]), U256::zero());
    }

    #[test]
    fn signextend_byte_and_shifts() {
        assert_eq!(apply(0x0b, &[U256::zero(), U256::from(0xff)]), U256::MAX);
        assert_eq!(
            apply(0x0b, &[U256::zero(), U256::from(0x7f)]),
            U256::from(0x7f)
        );
        assert_eq!(
            apply(0x0b, &[U256::from(1), U256::from(0x1_80ff)]),
            neg(0x7f01)
        );
        assert_eq!(
            apply(0x0b, &[U256::from(40), U256::from(0x80)]),
            U256::from(0x80)
        );
        assert_eq!(
            apply(0x1a, &[U256::from(31), U256::from(0xab)]),
            U256::from(0xab)
        );
        assert_eq!(apply(0x1a, &[U256::zero(), U256::MAX]), U256::from(0xff));
        assert_eq!(apply(0x1a, &[U256::from(32), U256::MAX]), U256::zero());
        assert_eq!(apply(0x1b, &[U256::from(256), U256::one()]), U256::zero());
        assert_eq!(apply(0x1d, &[U256::from(4), neg(16)]), neg(1));
        assert_eq!(apply(0x1e, &[U256::zero()]), U256::from(256));
        assert_eq!(apply(0x1e, &[U256::one()]), U256::from(255));
        assert_eq!(apply(0x1e, &[U256::MAX]), U256::zero());
        assert_eq!(apply(0x1e, &[U256::one() << 200]), U256::from(55));
        assert_eq!(apply(0x1d, &[U256::from(300), neg(16)]), U256::MAX);
        assert_eq!(
            apply(0x1d, &[U256::from(300), U256::from(16)]),
            U256::zero()
        );
    }

    #[test]
    fn signed_comparisons_and_exp() {
        assert_eq!(apply(0x12, &[neg(1), U256::one()]), U256::one());
        assert_eq!(apply(0x13, &[neg(1), U256::one()]), U256::zero());
        assert_eq!(
            apply(0x0a, &[U256::from(3), U256::from(5)]),
            U256::from(243)
        );
        assert_eq!(apply(0x0a, &[U256::from(2), U256::from(256)]), U256::zero());
        assert_eq!(exp_byte_cost(&U256::zero()), 0);
        assert_eq!(exp_byte_cost(&U256::from(256)), 100);
    }
}
