//! WCAG contrast of every foreground/background pair of the palette, in both themes.
//! (axe-core skips contrast on Arabic text, so the palette is checked here, from style.css.)

use std::collections::HashMap;

/// `--name: light-dark(#light, #dark)` custom properties of `public/style.css`.
fn palette() -> HashMap<String, [(f64, f64, f64); 2]> {
    let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/style.css")).unwrap();
    let hex = |s: &str| {
        let s = s.trim().trim_start_matches('#');
        let v = |i: usize| u8::from_str_radix(&s[i..i + 2], 16).unwrap() as f64 / 255.0;
        (v(0), v(2), v(4))
    };
    let mut out = HashMap::new();
    for line in css.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("--") {
            if let Some((name, value)) = rest.split_once(':') {
                if let Some(args) = value.trim().strip_prefix("light-dark(").and_then(|v| v.strip_suffix(");")) {
                    let (l, d) = args.split_once(',').unwrap();
                    out.insert(name.trim().to_owned(), [hex(l), hex(d)]);
                }
            }
        }
    }
    out
}

fn luminance((r, g, b): (f64, f64, f64)) -> f64 {
    let lin = |c: f64| if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

fn ratio(a: (f64, f64, f64), b: (f64, f64, f64)) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn every_palette_pair_meets_wcag_aa_in_both_themes() {
    let p = palette();
    assert!(p.len() >= 20, "palette not found in style.css: {}", p.len());
    let types: Vec<String> = p.keys().filter(|k| k.starts_with("t-") || k.starts_with("tone-")).cloned().collect();
    // (foreground, background, minimum): 4.5 for text, 3 for graphics and control borders.
    let mut pairs: Vec<(String, String, f64)> = vec![];
    for bg in ["bg", "surface"] {
        for fg in ["text", "muted", "accent"] {
            pairs.push((fg.into(), bg.into(), 4.5));
        }
        for fg in ["border", "focus"] {
            pairs.push((fg.into(), bg.into(), 3.0));
        }
        for t in &types {
            pairs.push((t.clone(), bg.into(), 3.0));
        }
    }
    pairs.push(("accent-text".into(), "accent".into(), 4.5));
    // The count inside a timeline group is --accent-text on the group's type colour.
    for t in types.iter().filter(|t| t.starts_with("t-")) {
        pairs.push(("accent-text".into(), t.clone(), 4.5));
    }
    pairs.push(("text".into(), "mark-bg".into(), 4.5));
    let mut failures = vec![];
    for (fg, bg, min) in &pairs {
        for (theme, i) in [("light", 0), ("dark", 1)] {
            let (f, b) = (
                p.get(fg).unwrap_or_else(|| panic!("--{fg} missing")),
                p.get(bg).unwrap_or_else(|| panic!("--{bg} missing")),
            );
            let r = ratio(f[i], b[i]);
            if r < *min {
                failures.push(format!("{theme}: --{fg} on --{bg} is {r:.2}:1 (needs {min}:1)"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
