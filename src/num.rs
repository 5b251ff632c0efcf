//! Floats as the drawings write them, and the little trigonometry they need, without the wasm
//! carrying core's float formatting (`flt2dec`, about 12 KB) or libm's sine, cosine and arc
//! tangent (about 7 KB): [`Dec`] writes a float rounded to a few decimals with integer
//! arithmetic; [`sin_cos`] and [`atan2`] are the browser's `Math` in the wasm, std's natively.
//!
//! Every float the app writes (SVG coordinates, sizes, opacities) goes through [`Dec`]: a
//! float formatted with `{}`, `{:.N}` or `{:?}` anywhere in the wasm brings `flt2dec` back, and
//! so does an f64 attribute value or `f64::clamp` (its panic message), hence [`within`]
//! (`bash .ci/bytes` shows it under `std`).

use std::fmt;

/// `x` rounded to `places` decimals (half away from zero), without trailing zeros: `Dec(2.50, 2)`
/// is "2.5", `Dec(-0.04, 1)` is "0". Not finite, it is "0"; beyond ±10¹⁸ it is clamped.
#[derive(Clone, Copy, Debug)]
pub struct Dec(pub f64, pub u8);

impl fmt::Display for Dec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Dec(x, places) = *self;
        let places = u32::from(places.min(6));
        let scale = 10u64.pow(places);
        let scaled = if x.is_finite() { (x.abs() * scale as f64).round().min(1e18) } else { 0.0 };
        // `as` saturates; the value is a whole number below 10¹⁸ here.
        let n = scaled as u64;
        if x < 0.0 && n != 0 {
            f.write_str("-")?;
        }
        write!(f, "{}", n / scale)?;
        let mut frac = n % scale;
        if frac != 0 {
            let mut width = places as usize;
            while frac.is_multiple_of(10) {
                frac /= 10;
                width -= 1;
            }
            write!(f, ".{frac:0width$}")?;
        }
        Ok(())
    }
}

/// `Dec(x, places)` as a string: an SVG attribute's value.
pub fn dec(x: f64, places: u8) -> String {
    Dec(x, places).to_string()
}

/// `x` within `lo..=hi` (`lo <= hi`): `f64::clamp` without its panic, whose message formats
/// the floats with `{:?}` and so brings core's float formatting into the wasm.
pub fn within(x: f64, lo: f64, hi: f64) -> f64 {
    x.max(lo).min(hi)
}

/// The sine and cosine of `a` (radians).
#[cfg(all(target_arch = "wasm32", feature = "components"))]
pub fn sin_cos(a: f64) -> (f64, f64) {
    (js_sys::Math::sin(a), js_sys::Math::cos(a))
}

/// The sine and cosine of `a` (radians).
#[cfg(not(all(target_arch = "wasm32", feature = "components")))]
pub fn sin_cos(a: f64) -> (f64, f64) {
    a.sin_cos()
}

/// The angle of (`x`, `y`) from the x axis, in radians (`y.atan2(x)`).
#[cfg(all(target_arch = "wasm32", feature = "components"))]
pub fn atan2(y: f64, x: f64) -> f64 {
    js_sys::Math::atan2(y, x)
}

/// The angle of (`x`, `y`) from the x axis, in radians (`y.atan2(x)`).
#[cfg(not(all(target_arch = "wasm32", feature = "components")))]
pub fn atan2(y: f64, x: f64) -> f64 {
    y.atan2(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn writes_few_digits() {
        let cases = [
            (2.5, 2, "2.5"),
            (3.0, 1, "3"),
            (-0.04, 1, "0"),
            (-0.05, 1, "-0.1"),
            (0.05, 1, "0.1"),
            (12.345, 2, "12.35"),
            (-7.25, 1, "-7.3"),
            (0.007, 2, "0.01"),
            (1.0005, 3, "1.001"),
            (100.0, 0, "100"),
            (f64::NAN, 2, "0"),
            (f64::INFINITY, 1, "0"),
            (1e300, 1, "100000000000000000"),
        ];
        for (x, places, text) in cases {
            assert_eq!(Dec(x, places).to_string(), text, "{x} to {places} places");
        }
    }

    proptest! {
        #[test]
        fn is_within_half_a_unit_of_the_value(x in -1e6f64..1e6, places in 0u8..5) {
            let text = dec(x, places);
            let unit = 10f64.powi(-i32::from(places));
            let back: f64 = text.parse().unwrap();
            prop_assert!((back - x).abs() <= unit / 2.0 + 1e-9 * x.abs().max(1.0), "{} -> {}", x, text);
            // std's own rounding (half to even at exact ties) agrees but for a tie.
            let std: f64 = format!("{x:.*}", places as usize).parse().unwrap();
            prop_assert!((back - std).abs() <= unit * 1.000_001, "{} -> {} against {}", x, text, std);
            prop_assert!(!text.contains('.') || !text.ends_with('0'), "{}", text);
            prop_assert!(text != "-0", "{}", text);
        }
    }
}
