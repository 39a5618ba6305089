//! Numbers with a fixed count of decimals, as `format!("{:.2}", x)` and `format!("{:+.2}", x)`
//! print them, without the standard library's float formatting.
//!
//! `{:.N}` on a float compiles in the general algorithms (Grisu with a Dragon4 fallback on
//! big integers, about 6 KB gzip of the browser's wasm) for any magnitude and precision. The
//! engine's texts and the site's panels print scores and weights with one to three decimals,
//! and for those the exact rounding is integer arithmetic: a double is `m · 2^e` with a 53-bit
//! `m`, so `m · 10^places` fits in a `u128` and the shift by `e` rounds exactly (half to even,
//! as the standard library does on exact ties).

use std::fmt;

/// Decimals this module prints at most: `m · 10^places` must stay within a `u128`'s bits
/// after a 53-bit `m` (10^9 < 2^30), with room to spare.
pub const MAX_PLACES: u8 = 9;

/// A number to print with a fixed count of decimals: see [`fixed`] and [`signed`].
#[derive(Clone, Copy, Debug)]
pub struct Fixed {
    value: f64,
    places: u8,
    plus: bool,
}

/// `x` with `places` decimals, as `format!("{:.places$}", x)` prints it.
pub fn fixed(x: impl Into<f64>, places: u8) -> Fixed {
    Fixed {
        value: x.into(),
        places: places.min(MAX_PLACES),
        plus: false,
    }
}

/// `x` with `places` decimals and a sign, as `format!("{:+.places$}", x)` prints it.
pub fn signed(x: impl Into<f64>, places: u8) -> Fixed {
    Fixed {
        plus: true,
        ..fixed(x, places)
    }
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.value;
        let sign = if x.is_sign_negative() && !x.is_nan() {
            "-"
        } else if self.plus {
            "+"
        } else {
            ""
        };
        if x.is_nan() {
            return f.write_str("NaN");
        }
        if x.is_infinite() {
            return write!(f, "{sign}inf");
        }
        let places = usize::from(self.places);
        let unit = 10u128.pow(u32::from(self.places));
        let (whole, decimals) = match scaled_round(x.abs(), self.places) {
            Some(n) => (n / unit, n % unit),
            // 2^96 and above, a whole number: exact below 2^128 (`as` saturates beyond).
            None => (x.abs() as u128, 0),
        };
        write!(f, "{sign}{whole}")?;
        if places > 0 {
            write!(f, ".{decimals:0places$}")?;
        }
        Ok(())
    }
}

/// `x · 10^places` rounded to an integer, half to even, exactly; `None` from 2^96 up (where
/// the product might not fit in 128 bits). `x` is finite and not negative.
fn scaled_round(x: f64, places: u8) -> Option<u128> {
    const MANTISSA_BITS: u32 = 52;
    const EXPONENT_BIAS: i32 = 1075;
    let bits = x.to_bits();
    let biased = ((bits >> MANTISSA_BITS) & 0x7ff) as i32;
    let fraction = bits & ((1 << MANTISSA_BITS) - 1);
    // x = m · 2^e exactly (subnormals have no implicit leading bit).
    let (m, e) = if biased == 0 {
        (fraction, 1 - EXPONENT_BIAS)
    } else {
        (fraction | 1 << MANTISSA_BITS, biased - EXPONENT_BIAS)
    };
    let n = u128::from(m) * 10u128.pow(u32::from(places));
    if e >= 0 {
        // n < 2^53 · 10^9 < 2^83.
        return (e <= 44).then(|| n << e);
    }
    let shift = e.unsigned_abs();
    if shift >= 127 {
        // Below 2^-74 · 10^places: rounds to zero.
        return Some(0);
    }
    let (q, rem, half) = (n >> shift, n & ((1 << shift) - 1), 1u128 << (shift - 1));
    Some(if rem > half || (rem == half && q & 1 == 1) {
        q + 1
    } else {
        q
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn prints_as_the_standard_formatter_on_scores_weights_and_ties() {
        for x in [
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            0.125,
            0.375,
            -0.125,
            0.155,
            0.145,
            0.005,
            -0.001,
            0.999,
            0.995,
            1.0,
            -1.0,
            12.3456,
            99.995,
            1e-300,
            5e-324,
            123456789.98765432,
            1e20,
            1e30,
            -3.4e38,
        ] {
            for p in 0..=4u8 {
                let p_ = usize::from(p);
                assert_eq!(fixed(x, p).to_string(), format!("{x:.p_$}"), "{x} {p}");
                assert_eq!(signed(x, p).to_string(), format!("{x:+.p_$}"), "{x} {p}");
            }
        }
        assert_eq!(fixed(f64::NAN, 2).to_string(), "NaN");
        assert_eq!(signed(f64::NEG_INFINITY, 2).to_string(), "-inf");
        assert_eq!(signed(0.1f32, 2).to_string(), format!("{:+.2}", 0.1f32));
    }

    #[test]
    fn every_three_decimal_score_prints_as_the_standard_formatter() {
        // The engine rounds its weights to three decimals; the panels print two.
        for i in -1000..=1000 {
            let x = f64::from(i) / 1000.0;
            assert_eq!(fixed(x, 2).to_string(), format!("{x:.2}"), "{x}");
            let y = x as f32;
            assert_eq!(signed(y, 2).to_string(), format!("{y:+.2}"), "{y}");
            assert_eq!(
                fixed(y * 100.0, 1).to_string(),
                format!("{:.1}", y * 100.0),
                "{y}"
            );
        }
    }

    proptest! {
        #[test]
        fn agrees_with_the_standard_formatter(x in -1e12f64..1e12, p in 0u8..=6) {
            let p_ = usize::from(p);
            prop_assert_eq!(fixed(x, p).to_string(), format!("{x:.p_$}"));
            prop_assert_eq!(signed(x, p).to_string(), format!("{x:+.p_$}"));
        }

        #[test]
        fn agrees_on_any_bit_pattern(bits in 0u64..0x4330_0000_0000_0000, neg: bool, p in 0u8..=3) {
            // Every double from 0 to 2^52, subnormals included, with either sign.
            let x = f64::from_bits(bits | u64::from(neg) << 63);
            let p_ = usize::from(p);
            prop_assert_eq!(fixed(x, p).to_string(), format!("{x:.p_$}"));
        }
    }
}
