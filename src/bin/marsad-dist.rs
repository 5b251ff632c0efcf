//! `marsad-dist`: Trunk's post-build hook. Works on `$TRUNK_STAGING_DIR` (or the folder given as
//! the only argument) before Trunk moves it to `dist/`:
//!
//! 1. writes the start-up module `start-<hash>.js` that Trunk would otherwise inline (the CSP
//!    allows no inline script), with a visible message if WebAssembly cannot start;
//! 2. links it, plus preloads for the JS glue and the wasm, into `index.html`.
//!
//! File names carry a content hash (FNV-1a, 64 bits: cache busting, not security).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn fnv1a(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn find(dir: &Path, pred: impl Fn(&str) -> bool) -> Result<String, String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| pred(n))
        .collect();
    names.sort();
    match names.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(format!("no matching file in {}", dir.display())),
        many => Err(format!("several matching files in {}: {many:?}", dir.display())),
    }
}

fn run(dir: &Path) -> Result<(), String> {
    let glue = find(dir, |n| n.starts_with("marsad-") && n.ends_with(".js"))?;
    let wasm = find(dir, |n| n.starts_with("marsad-") && n.ends_with("_bg.wasm"))?;
    let start = format!(
        "// Written by marsad-dist: Trunk's start-up script as an external module (strict CSP).\n\
         import init from './{glue}';\n\
         init({{ module_or_path: new URL('./{wasm}', import.meta.url) }}).catch((err) => {{\n\
         \x20 console.error(err);\n\
         \x20 const p = document.createElement('p');\n\
         \x20 p.className = 'fatal';\n\
         \x20 p.setAttribute('role', 'alert');\n\
         \x20 p.textContent = 'تعذّر تشغيل مرصد في هذا المتصفح. · Marsad could not start in this browser.';\n\
         \x20 document.body.append(p);\n\
         }});\n"
    );
    let start_name = format!("start-{}.js", &fnv1a(start.as_bytes())[..16]);
    std::fs::write(dir.join(&start_name), &start).map_err(|e| format!("{start_name}: {e}"))?;

    let index_path = dir.join("index.html");
    let html = std::fs::read_to_string(&index_path).map_err(|e| format!("index.html: {e}"))?;
    let tags = format!(
        "<link rel=\"modulepreload\" href=\"./{glue}\">\
         <link rel=\"preload\" href=\"./{wasm}\" as=\"fetch\" type=\"application/wasm\" crossorigin>\
         <script type=\"module\" src=\"./{start_name}\"></script></head>"
    );
    if html.contains("start-") && html.contains("type=\"module\"") {
        return Err("index.html already has a start module".into());
    }
    let Some(at) = html.find("</head>") else { return Err("index.html has no </head>".into()) };
    let html = format!("{}{}{}", &html[..at], tags, &html[at + "</head>".len()..]);
    std::fs::write(&index_path, html).map_err(|e| format!("index.html: {e}"))?;
    println!("marsad-dist: {start_name} -> {glue}, {wasm}");
    Ok(())
}

fn main() -> ExitCode {
    let dir: PathBuf = match (std::env::args().nth(1), std::env::var_os("TRUNK_STAGING_DIR")) {
        (Some(arg), _) => arg.into(),
        (None, Some(env)) => env.into(),
        (None, None) => {
            eprintln!("usage: marsad-dist STAGING_DIR (or set TRUNK_STAGING_DIR)");
            return ExitCode::from(2);
        }
    };
    match run(&dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("marsad-dist: {e}");
            ExitCode::FAILURE
        }
    }
}
