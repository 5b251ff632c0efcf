//! The shape of the code, as ARCHITECTURE.md promises it: no function in `src/` over 80 lines
//! (view bodies included), and no line inside a `view!` over 120 characters (rustfmt silently
//! skips a macro body it cannot fit, which leaves it unformatted).

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn files() -> Vec<(String, String)> {
    let mut paths = Vec::new();
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut paths);
    paths.sort();
    paths.into_iter().map(|p| (p.display().to_string(), std::fs::read_to_string(&p).unwrap())).collect()
}

/// Net `{` minus `}` on a line, ignoring those inside string and char literals (roughly).
fn depth_change(line: &str) -> i32 {
    let (mut d, mut in_str, mut prev) = (0, false, ' ');
    // A brace as a character literal opens or closes nothing.
    let line = line.replace("'{'", "' '").replace("'}'", "' '");
    for c in line.chars() {
        match c {
            '"' if prev != '\\' => in_str = !in_str,
            '{' if !in_str => d += 1,
            '}' if !in_str => d -= 1,
            _ => {}
        }
        prev = c;
    }
    d
}

#[test]
fn no_line_inside_a_view_is_over_120_characters() {
    let mut long = Vec::new();
    for (path, text) in files() {
        let mut depth: Option<i32> = None;
        for (n, line) in text.lines().enumerate() {
            if depth.is_none() && line.contains("view! {") {
                depth = Some(0);
            }
            if let Some(d) = depth.as_mut() {
                if line.chars().count() > 120 {
                    long.push(format!("{path}:{}: {} characters", n + 1, line.chars().count()));
                }
                *d += depth_change(line);
                if *d <= 0 {
                    depth = None;
                }
            }
        }
    }
    assert!(long.is_empty(), "lines inside view! over 120 characters:\n{}", long.join("\n"));
}

#[test]
fn no_function_is_over_80_lines() {
    let mut long = Vec::new();
    for (path, text) in files() {
        let lines: Vec<&str> = text.lines().collect();
        for (start, line) in lines.iter().enumerate() {
            let t = line.trim_start();
            let is_fn =
                ["fn ", "pub fn ", "pub(crate) fn ", "async fn ", "pub async fn "].iter().any(|p| t.starts_with(p));
            if !is_fn || !line.contains('{') && !lines.get(start + 1).is_some_and(|l| l.contains('{')) {
                continue;
            }
            let mut depth = 0;
            let mut opened = false;
            for (k, l) in lines[start..].iter().enumerate() {
                depth += depth_change(l);
                opened |= l.contains('{');
                if opened && depth <= 0 {
                    if k + 1 > 80 {
                        long.push(format!("{path}:{}: {} lines", start + 1, k + 1));
                    }
                    break;
                }
            }
        }
    }
    assert!(long.is_empty(), "functions over 80 lines:\n{}", long.join("\n"));
}
