//! The wasm's split (the hook's first step on the app's files): the code most readers never use
//! (`src/ui/split.rs`: the comparison, the network, "What's new", "Cite this"'s body; the
//! downloads' writers) is in wasm modules of its own, fetched the first time it is used. Trunk cannot split a module (the split must come
//! before wasm-bindgen: trunk-rs/trunk#1022), so the hook does it again from cargo's output
//! (linked with `--emit-relocs`, `.cargo/config.toml`): `wasm-split-cli` (the
//! `wasm_split_cli_support` crate, which `.ci/setup` installs), then wasm-bindgen and, in a
//! release build, wasm-opt with `index.html`'s flags, in place of Trunk's glue and wasm.
//!
//! What it leaves in `dir`: Trunk's glue and wasm names holding the split's, each module as
//! `<name>-<hash of its contents>.wasm`, and their loader as [`LOADER`], which imports the glue
//! by name (and the glue imports it). `content_named` (main.rs) gives the loader its final name
//! ([`loader_name`]) and the glue its own.

use std::path::{Path, PathBuf};
use std::process::Command;

use marsad::data::shard::content_hash;

use super::find;

/// The loader wasm-split-cli writes, as the glue imports it until it is named ([`loader_name`]).
pub const LOADER: &str = "__wasm_split.js";
/// The module a split point's imports name until the splitter links them (`wasm_split_helpers`).
const PLACEHOLDER: &str = "__wasm_split_placeholder__";
/// The glue's name as the loader imports it, from `--out-name marsad`.
const LOADER_IMPORTS: &str = "\"./marsad.js\"";

/// Cargo's target directory (where Trunk's cargo build wrote the unsplit module).
fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// Runs `program` (the checkout's pinned copy first, [`super::pinned`]: wasm-opt) with `args`;
/// its stderr is the error.
fn run(program: &str, args: &[&std::ffi::OsStr]) -> Result<(), String> {
    let out = Command::new(super::pinned(program))
        .args(args)
        .output()
        .or_else(|_| Command::new(program).args(args).output())
        .map_err(|e| format!("{program}: {e} (`.ci/setup` installs it)"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!("{program} ({}): {}", out.status, String::from_utf8_lossy(&out.stderr).trim()))
    }
}

/// wasm-opt's arguments for a release build: `-Oz` and `index.html`'s `data-wasm-opt-params`
/// (Trunk's own wasm-opt ran on the unsplit module, which is replaced).
fn opt_flags() -> Result<Vec<String>, String> {
    let index = Path::new(env!("CARGO_MANIFEST_DIR")).join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    const ATTR: &str = "data-wasm-opt-params=\"";
    let params = html
        .find(ATTR)
        .and_then(|a| html[a + ATTR.len()..].split('"').next())
        .ok_or("index.html: no data-wasm-opt-params on the rust link")?;
    Ok(std::iter::once("-Oz").chain(params.split_whitespace()).map(str::to_owned).collect())
}

/// Optimises `from` into `to` (release), or copies it.
fn optimise(from: &Path, to: &Path, flags: Option<&[String]>) -> Result<(), String> {
    match flags {
        Some(flags) => {
            let mut args: Vec<&std::ffi::OsStr> = flags.iter().map(|f| f.as_ref()).collect();
            args.extend([from.as_os_str(), "-o".as_ref(), to.as_os_str()]);
            run("wasm-opt", &args)
        }
        None => std::fs::copy(from, to).map(drop).map_err(|e| format!("{}: {e}", from.display())),
    }
}

/// The names (without `.wasm`) of the split modules wasm-split-cli wrote into `parts`.
fn split_modules(parts: &Path) -> Result<Vec<String>, String> {
    let mut stems = Vec::new();
    for entry in std::fs::read_dir(parts).map_err(|e| format!("{}: {e}", parts.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()).filter(|s| *s != "marsad") else { continue };
        if path.extension().is_some_and(|e| e == "wasm") {
            stems.push(stem.to_owned());
        }
    }
    Ok(stems)
}

/// Runs [`optimise`] on every `(from, to)` in `jobs`, as many at once as the machine has cores;
/// the first error, if any.
fn optimise_all(jobs: &[(PathBuf, PathBuf)], flags: Option<&[String]>) -> Result<(), String> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(1, usize::from).min(jobs.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| loop {
                    let Some((from, to)) = jobs.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed)) else {
                        return Ok(());
                    };
                    optimise(from, to, flags)?;
                })
            })
            .collect();
        handles.into_iter().try_for_each(|h| h.join().unwrap_or_else(|_| Err("wasm-opt's thread panicked".into())))
    })
}

/// Splits the app's module in `dir` (Trunk's staging directory), if it has split points: Trunk's
/// glue then imports the placeholder module the splitter replaces (a module left unsplit would
/// not start). `release`: the profile Trunk built, which is also where cargo put the module.
pub fn split(dir: &Path, release: bool) -> Result<(), String> {
    let glue = find(dir, |n| n.starts_with("marsad-") && n.ends_with(".js"))?;
    let wasm = find(dir, |n| n.starts_with("marsad-") && n.ends_with("_bg.wasm"))?;
    let staged = std::fs::read_to_string(dir.join(&glue)).map_err(|e| format!("{glue}: {e}"))?;
    if !staged.contains(PLACEHOLDER) {
        println!("marsad-dist: no split point in {wasm}: not split");
        return Ok(());
    }
    let profile = if release { "release" } else { "debug" };
    let input = target_dir().join("wasm32-unknown-unknown").join(profile).join("marsad.wasm");
    if !input.is_file() {
        return Err(format!("{}: cargo's module is not there to split", input.display()));
    }
    let work = target_dir().join("marsad-split");
    let _ = std::fs::remove_dir_all(&work);
    let (parts, bound) = (work.join("parts"), work.join("bound"));
    for d in [&parts, &bound] {
        std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    run(
        "wasm-split-cli",
        &[
            "--target".as_ref(),
            "web".as_ref(),
            "--out-name".as_ref(),
            "marsad".as_ref(),
            input.as_os_str(),
            parts.as_os_str(),
        ],
    )?;
    run(
        "wasm-bindgen",
        &[
            "--target".as_ref(),
            "web".as_ref(),
            "--keep-lld-exports".as_ref(),
            "--no-typescript".as_ref(),
            "--out-name".as_ref(),
            "marsad".as_ref(),
            "--out-dir".as_ref(),
            bound.as_os_str(),
            parts.join("marsad.wasm").as_os_str(),
        ],
    )?;
    let flags = if release { Some(opt_flags()?) } else { None };
    let mut loader = std::fs::read_to_string(parts.join(LOADER))
        .map_err(|e| format!("{LOADER}: {e} (no split point in the app?)"))?;
    let stems = split_modules(&parts)?;
    // The first module and every split one optimised side by side (one wasm-opt process each:
    // 40 one after the other took 51 s of the post-build step's 53).
    let mut jobs = vec![(bound.join("marsad_bg.wasm"), dir.join(&wasm))];
    jobs.extend(stems.iter().map(|stem| (parts.join(format!("{stem}.wasm")), work.join(format!("{stem}.wasm")))));
    optimise_all(&jobs, flags.as_deref())?;
    // Each module by its contents; the loader fetches it by that name.
    for stem in &stems {
        let bytes = std::fs::read(work.join(format!("{stem}.wasm"))).map_err(|e| format!("{stem}.wasm: {e}"))?;
        let name = format!("{stem}-{}.wasm", &content_hash(&bytes)[..16]);
        let literal = format!("\"./{stem}.wasm\"");
        if !loader.contains(&literal) {
            return Err(format!("{LOADER} does not fetch {stem}.wasm"));
        }
        loader = loader.replace(&literal, &format!("\"./{name}\""));
        std::fs::write(dir.join(&name), bytes).map_err(|e| format!("{name}: {e}"))?;
    }
    if !loader.contains(LOADER_IMPORTS) {
        return Err(format!("{LOADER} does not import {LOADER_IMPORTS}"));
    }
    std::fs::write(dir.join(LOADER), loader.replace(LOADER_IMPORTS, &format!("\"./{glue}\"")))
        .map_err(|e| format!("{LOADER}: {e}"))?;
    std::fs::copy(bound.join("marsad.js"), dir.join(&glue)).map_err(|e| format!("{glue}: {e}"))?;
    let modules = stems.len();
    println!("marsad-dist: split {wasm} into it and {modules} modules");
    Ok(())
}

/// The split module the start module preloads where the filter panel starts open, on a wide
/// screen or in an embed with `filters=1` (`marsad-preload-wide`): the panel's fields
/// (`ui::filters::FIELDS`, split point `filters_module`), which the app asks for as it starts
/// there.
pub const WIDE_PRELOAD: &str = "filters_module";

/// The files, by their final names, that the loader fetches for the split point `point`: its
/// module, then the shared parts it waits for. The loader (wasm-split-cli's) declares each
/// shared part as `const __chunk_N = makeLoad(() => { … fetch(new URL("./<file>", …` and each
/// split point as `export const __wasm_split_load_<point> = wrapAsyncCb(makeLoad(() => { …
/// fetch(new URL("./<file>", … }, [__chunk_N, …]))`. No files when the loader has no such
/// point (explorer.test checks that the panel's module comes by the preload); a declaration of
/// another shape is an error, never a partial list.
pub fn files_of(loader: &str, point: &str) -> Result<Vec<String>, String> {
    let fetched = |from: &str| -> Result<String, String> {
        const OPEN: &str = "new URL(\"./";
        let at = from.find(OPEN).ok_or_else(|| format!("{LOADER}: no fetch for {point}"))? + OPEN.len();
        let len = from[at..].find('"').ok_or_else(|| format!("{LOADER}: unterminated name"))?;
        Ok(from[at..at + len].to_owned())
    };
    let decl = format!("export const __wasm_split_load_{point} = ");
    let Some(start) = loader.find(&decl) else { return Ok(Vec::new()) };
    let body = &loader[start..];
    let end = body.find("]));").ok_or_else(|| format!("{LOADER}: {point}'s parts not closed"))?;
    let body = &body[..end];
    let mut files = vec![fetched(body)?];
    let list =
        body.rfind(", [").map(|i| &body[i + 3..]).ok_or_else(|| format!("{LOADER}: {point} has no list of parts"))?;
    for chunk in list.split(',').map(str::trim).filter(|c| !c.is_empty()) {
        let at = loader.find(&format!("const {chunk} = makeLoad(")).ok_or_else(|| format!("{LOADER}: no {chunk}"))?;
        files.push(fetched(&loader[at..])?);
    }
    Ok(files)
}

/// The loader's text, taken out of `dir` for [`super::content_named`] to name (none without a
/// split).
pub fn take_loader(dir: &Path) -> Result<Option<String>, String> {
    let path = dir.join(LOADER);
    if !path.is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{LOADER}: {e}"))?;
    std::fs::remove_file(&path).map_err(|e| format!("{LOADER}: {e}"))?;
    Ok(Some(text))
}

/// The loader's final name, `split-<hash>.js`: the glue and the loader import each other, so
/// neither can be named by the other's final text. The loader's own text (the modules' hashed
/// names) and the main module's bytes (which decide the glue) name the whole split.
pub fn loader_name(loader: &str, main_wasm: &[u8]) -> String {
    let mut whole = loader.as_bytes().to_vec();
    whole.extend_from_slice(content_hash(main_wasm).as_bytes());
    format!("split-{}.js", &content_hash(&whole)[..16])
}

/// `glue` importing the loader as `name` (wasm-bindgen's `from "./__wasm_split.js"`, once a
/// split module; the imports object keeps the module name the wasm asks for).
pub fn glue_importing(glue: &str, name: &str) -> Result<String, String> {
    let from = format!("from \"./{LOADER}\"");
    if !glue.contains(&from) {
        return Err(format!("the glue does not import {LOADER}"));
    }
    Ok(glue.replace(&from, &format!("from \"./{name}\"")))
}

/// The loader importing the glue by its final name (it imports `was`, Trunk's).
pub fn loader_importing(loader: &str, was: &str, glue: &str) -> Result<String, String> {
    let from = format!("\"./{was}\"");
    if !loader.contains(&from) {
        return Err(format!("{LOADER} does not import {was}"));
    }
    Ok(loader.replace(&from, &format!("\"./{glue}\"")))
}

#[cfg(test)]
mod tests {
    use super::files_of;

    /// The loader's shape as wasm-split-cli 0.2.4 writes it (abridged), names already hashed.
    const LOADER_TEXT: &str = r#"/* changes, filters_module */
const __chunk_9 = makeLoad(() => {
    const src = fetch(new URL("./chunk_9-aa.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
const __chunk_12 = makeLoad(() => {
    const src = fetch(new URL("./chunk_12-bb.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
export const __wasm_split_load_changes = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_changes-cc.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_9]));
export const __wasm_split_load_filters_module = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_filters_module-dd.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [__chunk_12, __chunk_9]));
"#;

    #[test]
    fn a_split_points_files_are_its_module_and_its_parts() {
        assert_eq!(
            files_of(LOADER_TEXT, "filters_module").unwrap(),
            ["split_filters_module-dd.wasm", "chunk_12-bb.wasm", "chunk_9-aa.wasm"]
        );
        assert_eq!(files_of(LOADER_TEXT, "changes").unwrap(), ["split_changes-cc.wasm", "chunk_9-aa.wasm"]);
    }

    #[test]
    fn a_loader_not_of_that_shape_is_an_error() {
        assert_eq!(files_of(LOADER_TEXT, "network").unwrap(), Vec::<String>::new());
        assert!(files_of(&LOADER_TEXT.replace("const __chunk_12 =", "let __chunk_12 ="), "filters_module").is_err());
        assert!(files_of(&LOADER_TEXT.replace("]));", "));"), "filters_module").is_err());
    }
}
