//! The symbol of each event type: an SVG path per type (shape), and the CSS class carrying its
//! colour. Colour is never the only signal. Pure geometry, tested natively; `ui::marks` draws it.

use crate::num::{sin_cos, Dec};
use crate::vocab::EventType;

/// An SVG path for the type's symbol centred on (`cx`, `cy`) with radius `r`.
pub fn shape_path(kind: EventType, cx: f64, cy: f64, r: f64) -> String {
    let poly = |pts: &[(f64, f64)]| {
        let mut d = String::new();
        for (i, (x, y)) in pts.iter().enumerate() {
            d.push_str(&format!("{}{},{}", if i == 0 { "M" } else { "L" }, Dec(cx + x * r, 1), Dec(cy + y * r, 1)));
        }
        d.push('Z');
        d
    };
    let regular = |n: usize, rot: f64, inner: Option<f64>| {
        let steps = if inner.is_some() { n * 2 } else { n };
        let pts: Vec<(f64, f64)> = (0..steps)
            .map(|i| {
                let a = rot + i as f64 * std::f64::consts::TAU / steps as f64;
                let k = if i % 2 == 1 { inner.unwrap_or(1.0) } else { 1.0 };
                let (sin, cos) = sin_cos(a);
                (cos * k, sin * k)
            })
            .collect();
        poly(&pts)
    };
    let up = -std::f64::consts::FRAC_PI_2;
    match kind {
        EventType::Dialogue => {
            let (x, y, r, d) = (Dec(cx - r, 1), Dec(cy, 1), Dec(r, 1), Dec(2.0 * r, 1));
            format!("M{x},{y}a{r},{r} 0 1,0 {d},0a{r},{r} 0 1,0 -{d},0Z")
        }
        EventType::Meeting => poly(&[(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)]),
        EventType::Agreement => poly(&[(0.0, -1.1), (1.1, 0.0), (0.0, 1.1), (-1.1, 0.0)]),
        EventType::Pledge => regular(3, up, None),
        EventType::UnResolution => regular(6, 0.0, None),
        EventType::Accusation => regular(3, -up, None),
        EventType::CyberIncident => regular(5, up, Some(0.45)),
        EventType::Sanction => poly(&[
            (-0.35, -1.0),
            (0.35, -1.0),
            (0.35, -0.35),
            (1.0, -0.35),
            (1.0, 0.35),
            (0.35, 0.35),
            (0.35, 1.0),
            (-0.35, 1.0),
            (-0.35, 0.35),
            (-1.0, 0.35),
            (-1.0, -0.35),
            (-0.35, -0.35),
        ]),
        EventType::Decision => regular(5, up, None),
        EventType::Report => poly(&[(-0.7, -1.0), (0.7, -1.0), (0.7, 1.0), (-0.7, 1.0)]),
        EventType::Statement => regular(4, 0.0, Some(0.5)),
    }
}

/// The CSS class carrying the type's colour.
pub fn type_class(kind: EventType) -> String {
    format!("t-{}", kind.id().replace('_', "-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_its_own_shape_and_class() {
        let shapes: std::collections::HashSet<String> =
            EventType::ALL.iter().map(|&k| shape_path(k, 10.0, 10.0, 8.0)).collect();
        assert_eq!(shapes.len(), EventType::COUNT);
        assert_eq!(type_class(EventType::UnResolution), "t-un-resolution");
        // Centred where asked: a square's corners are symmetric around (10, 10).
        assert_eq!(shape_path(EventType::Meeting, 10.0, 10.0, 8.0), "M3.2,3.2L16.8,3.2L16.8,16.8L3.2,16.8Z");
    }
}
