//! `marsad-dist`: Trunk's post-build hook, and the service-worker generator.
//!
//! - `marsad-dist [DIR]` (the hook; DIR defaults to `$TRUNK_STAGING_DIR`):
//!   1. splits the wasm at the app's split points (`split.rs`: the rarely used views' code in
//!      modules fetched when first shown), in place of Trunk's glue and wasm;
//!   2. publishes (`publish.rs`): archives the release under `data/releases/<version>/`,
//!      writes `data/changes.json` and the Atom feeds, and (in an `ssr` build) the static pages;
//!   3. writes the start-up module `start-<hash>.js` (from `start.js`) that Trunk would otherwise
//!      inline (the CSP allows no inline script), with a visible message if WebAssembly cannot
//!      start, and — in release builds only — the service-worker registration and retirement;
//!   4. links it into every page, with a preload of the JS glue and the data files the module
//!      preloads once the page has painted (`data/events.json`, so the data downloads while the
//!      wasm compiles), and the files of the filter panel's module, which it preloads after the
//!      wasm where the panel starts open: a wide screen, an embed with `filters=1`
//!      (`split::files_of`);
//!   5. splits `data/events.json` into year shards when it is larger than the limit
//!      (`marsad::data::shard`, 512 KiB), so no reader downloads a bigger file, and adds the
//!      newest shard to those preloads;
//!   6. in release builds, writes `sw.js` (from `sw.js` beside this file, see below);
//!   7. in release builds, minifies every script it writes, the JS glue, the split's loader and
//!      `embed.js` ([`minify`], terser), and names the glue, the loader and the wasm by their
//!      contents.
//! - `marsad-dist site DIR [--max-shard-bytes N | --keep-releases]`: the publishing step
//!   (`publish.rs`: releases, `data/changes.json`, feeds, static pages), 5 and 6 on a built site
//!   whose data was replaced (the benchmark and tests use it; N lets a test make many small
//!   shards). The replaced data starts its own release history, unless `--keep-releases`: then
//!   it is the next release of the archived ones.
//! - `marsad-dist retire DIR`: writes the kill switch (`retire.js`) as `DIR/sw.js`: served where
//!   Marsad's worker was, it removes the worker and its caches from every returning reader.
//!
//! The worker installs every file of the build except the shards, listed from the build itself:
//! the shell (everything outside `data/`) into a cache per version, the data files into
//! `marsad-data` only where it has no copy yet. Its version hashes the shell's contents and the
//! data files' names: a changed app file changes the worker and a reader is offered the update,
//! while changed data reaches a returning reader without one (data is network-first). What the
//! worker keeps of the data is decided by the app (`x-marsad-pending`, `marsad:verdict`; see
//! `sw.js` and ARCHITECTURE.md). File names carry FNV-1a 64-bit hashes
//! (`marsad::data::shard::content_hash`): cache busting, not security.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use marsad::data::shard::{self, content_hash, MAX_SHARD_BYTES};

#[cfg(feature = "ssr")]
mod pages;
mod publish;
mod split;

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

/// The start module: loads the app, shows a message if WebAssembly cannot start and, after
/// [`RELEASE_MARK`], registers `sw.js` (never in embeds: a third-party iframe's worker is
/// partitioned, and embeds stay online-first) and tells the app when a new version waits.
const START_TEMPLATE: &str = include_str!("start.js");
const RELEASE_MARK: &str = "// --- release builds only: the service worker ---\n";

/// The search index's worker script (`src/ui/index_worker.rs`): the same glue, and the page's
/// compiled module.
const INDEX_WORKER: &str = include_str!("index-worker.js");

/// Runs before the first paint, from each page's head (`boot.js`): hides a static page's content
/// where the URL names another view.
const BOOT: &str = include_str!("boot.js");

/// Every HTML page of the build (index.html and the static pages), relative to `dir`.
fn html_pages(dir: &Path) -> Result<Vec<String>, String> {
    Ok(list_all(dir)?.into_iter().filter(|f| f.ends_with("index.html") && !f.starts_with("data/")).collect())
}

/// The way from a page's folder to the site root, as its `<meta name="marsad-root">` says.
fn page_root(html: &str) -> String {
    const META: &str = "<meta name=\"marsad-root\" content=\"";
    html.find(META)
        .and_then(|a| {
            let rest = &html[a + META.len()..];
            rest.find('"').map(|b| rest[..b].to_owned())
        })
        .unwrap_or_else(|| "./".into())
}

/// Edits every page of the build with `f(html, root)`.
fn each_page(dir: &Path, f: impl Fn(String, &str) -> Result<String, String>) -> Result<(), String> {
    for page in html_pages(dir)? {
        let path = dir.join(&page);
        let html = std::fs::read_to_string(&path).map_err(|e| format!("{page}: {e}"))?;
        let root = page_root(&html);
        std::fs::write(&path, f(html, &root).map_err(|e| format!("{page}: {e}"))?)
            .map_err(|e| format!("{page}: {e}"))?;
    }
    Ok(())
}

/// Where the checkout's npm packages (`tests/browser/package.json`, installed by `.ci/setup`)
/// put `program`: terser and wasm-opt, pinned.
fn pinned(program: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules/.bin").join(program)
}

/// How a script is loaded, which decides what a minifier may rename.
#[derive(Clone, Copy, PartialEq)]
enum Script {
    /// An ES module (`import`/`export`; its top-level names are its own).
    Module,
    /// A classic script: its top-level names are globals, kept as written.
    Classic,
}

/// `script` minified by terser (npm, pinned in `tests/browser/package.json` beside binaryen and
/// installed with it by `.ci/setup`): comments and white space gone, local names shortened.
/// Trunk's own minifier gives up on wasm-bindgen's glue (a warning, and the glue ships as
/// written: 70 KB), and it never sees the scripts written here. A well-kept minifier rather than
/// a hand-written one: terser parses the whole language.
fn minify(script: &str, kind: Script) -> Result<String, String> {
    // The checkout's pinned install first (the same bytes, so the same hashed names, on every
    // machine), else one on PATH.
    let spawn = |program: &Path| {
        let mut cmd = Command::new(program);
        cmd.args(["--compress", "--mangle", "--ecma", "2020"]);
        if kind == Script::Module {
            cmd.arg("--module");
        }
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()
    };
    let mut child = spawn(&pinned("terser"))
        .or_else(|_| spawn(Path::new("terser")))
        .map_err(|e| format!("terser: {e} (`.ci/setup` installs it, with npm)"))?;
    let mut stdin = child.stdin.take().ok_or("terser: no stdin")?;
    // Written from another thread: terser may answer before it has read everything.
    let (written, out) = std::thread::scope(|s| {
        let writer = s.spawn(move || stdin.write_all(script.as_bytes()));
        let out = child.wait_with_output();
        (writer.join(), out)
    });
    let out = out.map_err(|e| format!("terser: {e}"))?;
    // A terser that failed says why on stderr: that, not the broken pipe it left the writer.
    if !out.status.success() {
        return Err(format!("terser ({}): {}", out.status, String::from_utf8_lossy(&out.stderr).trim()));
    }
    match written {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(format!("terser: {e}")),
        Err(_) => return Err("terser: the writer thread panicked".into()),
    }
    String::from_utf8(out.stdout).map_err(|e| format!("terser: {e}"))
}

/// Minifies `dir/name` in place (`embed.js`: newsrooms ask for it by that name).
fn minify_file(dir: &Path, name: &str, kind: Script) -> Result<(), String> {
    let path = dir.join(name);
    let script = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
    let small = minify(&script, kind).map_err(|e| format!("{name}: {e}"))?;
    std::fs::write(&path, small).map_err(|e| format!("{name}: {e}"))
}

/// Minifies the glue, then names it and the wasm by their contents (`marsad-<hash>.js`,
/// `marsad-<hash>_bg.wasm`). Trunk's names hash cargo's output, taken before wasm-opt and before
/// this minification: the same names would hold other files after a change of either.
fn content_named(dir: &Path, glue: &str, wasm: &str) -> Result<(String, String), String> {
    let named = |bytes: &[u8], suffix: &str| format!("marsad-{}{suffix}", &content_hash(bytes)[..16]);
    let bytes = std::fs::read(dir.join(wasm)).map_err(|e| format!("{wasm}: {e}"))?;
    let mut script = std::fs::read_to_string(dir.join(glue)).map_err(|e| format!("{glue}: {e}"))?;
    // The split's loader and the glue import each other (`split.rs`).
    let loader = split::take_loader(dir)?.map(|text| (split::loader_name(&text, &bytes), text));
    if let Some((name, _)) = &loader {
        script = split::glue_importing(&script, name)?;
    }
    let small = minify(&script, Script::Module).map_err(|e| format!("{glue}: {e}"))?;
    let new_glue = named(small.as_bytes(), ".js");
    std::fs::write(dir.join(&new_glue), &small).map_err(|e| format!("{new_glue}: {e}"))?;
    std::fs::remove_file(dir.join(glue)).map_err(|e| format!("{glue}: {e}"))?;
    if let Some((name, text)) = loader {
        let text = split::loader_importing(&text, glue, &new_glue)?;
        let small = minify(&text, Script::Module).map_err(|e| format!("{name}: {e}"))?;
        std::fs::write(dir.join(&name), small).map_err(|e| format!("{name}: {e}"))?;
    }
    let new_wasm = named(&bytes, "_bg.wasm");
    std::fs::rename(dir.join(wasm), dir.join(&new_wasm)).map_err(|e| format!("{wasm} -> {new_wasm}: {e}"))?;
    Ok((new_glue, new_wasm))
}

/// Writes `script` into `dir` as `<stem>-<hash of its contents>.js` (minified in a release
/// build), and gives that name.
fn write_hashed(dir: &Path, stem: &str, script: &str, kind: Script, release: bool) -> Result<String, String> {
    let script = if release { minify(script, kind).map_err(|e| format!("{stem}.js: {e}"))? } else { script.to_owned() };
    let name = format!("{stem}-{}.js", &content_hash(script.as_bytes())[..16]);
    std::fs::write(dir.join(&name), script).map_err(|e| format!("{name}: {e}"))?;
    Ok(name)
}

fn start_module(dir: &Path, release: bool) -> Result<(), String> {
    let glue = find(dir, |n| n.starts_with("marsad-") && n.ends_with(".js"))?;
    let wasm = find(dir, |n| n.starts_with("marsad-") && n.ends_with("_bg.wasm"))?;
    // The part after the mark registers the worker: development builds leave it out.
    let template = if release {
        START_TEMPLATE.replace(RELEASE_MARK, "")
    } else {
        START_TEMPLATE.split(RELEASE_MARK).next().unwrap_or_default().to_owned()
    };
    // What a page preloads where the filter panel starts open: the panel's module and its parts
    // (`split::WIDE_PRELOAD`).
    let wide = match std::fs::read_to_string(dir.join(split::LOADER)) {
        Ok(loader) => split::files_of(&loader, split::WIDE_PRELOAD)?,
        Err(_) => Vec::new(),
    };
    let (glue, wasm) = if release { content_named(dir, &glue, &wasm)? } else { (glue, wasm) };
    // The split's loader, which the glue imports: preloaded with it, or the module graph would
    // find it only once the glue is in (a round trip before the wasm is asked for).
    let loader = find(dir, |n| n.ends_with(".js") && (n.starts_with("split-") || n == split::LOADER)).ok();
    let start = template.replace("__GLUE__", &glue).replace("__WASM__", &wasm);
    let start_name = write_hashed(dir, "start", &start, Script::Module, release)?;
    let worker_name = write_hashed(dir, "search", &INDEX_WORKER.replace("__GLUE__", &glue), Script::Module, release)?;
    let boot_name = write_hashed(dir, "boot", BOOT, Script::Classic, release)?;
    // The newsroom's script, loaded by their pages under their own CSP.
    if release && dir.join("embed.js").is_file() {
        minify_file(dir, "embed.js", Script::Classic)?;
    }
    each_page(dir, |html, root| {
        if html.contains("start-") && html.contains("<script type=\"module\"") {
            return Err("already has a start module".into());
        }
        // The page's own content paints first: the start module asks for the wasm and the
        // data (`marsad-preload`) once that frame is drawn, so they never take a slow
        // connection from the HTML and CSS. The glue is small and needed first: preloaded. A
        // sharded load starts the search index's worker (`marsad-index-worker`). Where the filter
        // panel starts open it also preloads the panel's module and parts (`marsad-preload-wide`).
        // The metas name files from the site root, so a page rebuilt from this one's head keeps
        // them right.
        let loader =
            loader.as_ref().map_or(String::new(), |l| format!("<link rel=\"modulepreload\" href=\"{root}{l}\">"));
        let wide = match wide.is_empty() {
            true => String::new(),
            false => format!("<meta name=\"marsad-preload-wide\" content=\"{}\">", wide.join(" ")),
        };
        let tags = format!(
            "<script src=\"{root}{boot_name}\"></script>\
             <link rel=\"modulepreload\" href=\"{root}{glue}\">{loader}\
             <meta name=\"marsad-preload\" content=\"data/events.json\">{wide}\
             <meta name=\"marsad-index-worker\" content=\"{worker_name}\">\
             <script type=\"module\" src=\"{root}{start_name}\"></script></head>"
        );
        if !html.contains("</head>") {
            return Err("no </head>".into());
        }
        let mut html = html.replacen("</head>", &tags, 1);
        // With inject_scripts = false Trunk leaves its own <link data-trunk rel=rust> in the page.
        if let Some(a) = html.find("<link data-") {
            if let Some(len) = html[a..].find('>') {
                if html[a..a + len].contains("rel=rust") {
                    html.replace_range(a..=a + len, "");
                }
            }
        }
        Ok(html)
    })?;
    println!("marsad-dist: {start_name} -> {glue}, {wasm}; {boot_name}; {worker_name}");
    Ok(())
}

/// Every file under `dir` (relative, `/`-separated), sorted.
fn list_all(dir: &Path) -> Result<Vec<String>, String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
        for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// `feed.ar.xml`, `feed.en.xml`: for feed readers, not installed.
fn is_site_feed(f: &str) -> bool {
    f.starts_with("feed.") && f.ends_with(".xml")
}

/// Files no Marsad page ever loads: the picture a link's preview shows, the crawlers' files and
/// the newsrooms' loader (run by their pages, not ours). Installed, they were ~55 KB gzip of
/// every first visit (the preview picture 50 KB of it) for nothing a reader sees offline.
const NEVER_LOADED: [&str; 4] = ["og-image.png", "robots.txt", "sitemap.xml", "embed.js"];

/// What the worker installs: every file but itself, the shards, the release files, the feeds,
/// `site.json`, the flags, the static pages beyond the two home pages (flags and those pages are
/// kept as readers see them), and what no page loads ([`NEVER_LOADED`]).
fn list_files(dir: &Path) -> Result<Vec<String>, String> {
    let installed = |f: &String| {
        f != "sw.js"
            && f != "site.json"
            && !NEVER_LOADED.contains(&f.as_str())
            && !f.starts_with("data/shards/")
            && !f.starts_with("data/releases/")
            && !f.starts_with("feeds/")
            && !is_site_feed(f)
            && !f.starts_with("flags/")
            && (!f.ends_with("/index.html") || f == "en/index.html")
    };
    Ok(list_all(dir)?.into_iter().filter(installed).collect())
}

/// Whether `file`'s name changes whenever its contents do: a file at the site's root named
/// `<stem>-<hex digits>` (then `_bg` for the first wasm) and `.wasm`, `.js` or `.css`, as
/// Trunk (`filehash`) and this hook ([`content_named`], [`write_hashed`], `split.rs`) name the
/// app's files. The worker takes such a file from the browser's cache when the page already
/// fetched it (the name is the version), and asks the server again for any other.
/// This hook writes 16 digits; Trunk writes its 64-bit hash without leading zeros (`{:x}`: the
/// stylesheet was `style-deb746d764a2b31.css`, 15), so 12 to 16 count. A name shorter than that
/// is one hash in 65,536 and costs a revalidation; a plain `name-1.js` is never taken as named.
fn is_content_named(file: &str) -> bool {
    let Some((stem, ext)) = file.rsplit_once('.') else { return false };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let tag = stem.rsplit_once('-').map_or("", |(_, tag)| tag);
    !file.contains('/')
        && matches!(ext, "wasm" | "js" | "css")
        && (12..=16).contains(&tag.len())
        && tag.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The worker, with `__VERSION__`, `__FLAGS__`, `__FILES__` and `__NAMED__` filled in by
/// [`service_worker`].
const SW_TEMPLATE: &str = include_str!("sw.js");
/// The kill switch `marsad-dist retire` writes as `sw.js`; used as it is.
const RETIRE_WORKER: &str = include_str!("retire.js");

fn service_worker(dir: &Path) -> Result<(), String> {
    let files = list_files(dir)?;
    let mut manifest = String::new();
    for f in &files {
        manifest.push_str(f);
        // Data is network-first and never replaced by an install: only its names count.
        if !f.starts_with("data/") {
            let bytes = std::fs::read(dir.join(f)).map_err(|e| format!("{f}: {e}"))?;
            manifest.push(' ');
            manifest.push_str(&content_hash(&bytes));
        }
        manifest.push('\n');
    }
    let version = &content_hash(manifest.as_bytes())[..16];
    // The flags' cache is named after their contents: kept across app versions, replaced only
    // when a flag changes.
    let mut flags = String::new();
    for f in list_all(dir)?.iter().filter(|f| f.starts_with("flags/")) {
        let bytes = std::fs::read(dir.join(f)).map_err(|e| format!("{f}: {e}"))?;
        flags.push_str(&format!("{f} {}\n", content_hash(&bytes)));
    }
    let flags = &content_hash(flags.as_bytes())[..16];
    let list = serde_json::to_string(&files).map_err(|e| e.to_string())?;
    let named: Vec<&String> = files.iter().filter(|f| is_content_named(f)).collect();
    let named = serde_json::to_string(&named).map_err(|e| e.to_string())?;
    let sw = SW_TEMPLATE
        .replace("__VERSION__", version)
        .replace("__FLAGS__", flags)
        .replace("__FILES__", &list)
        .replace("__NAMED__", &named);
    let sw = minify(&sw, Script::Classic).map_err(|e| format!("sw.js: {e}"))?;
    std::fs::write(dir.join("sw.js"), sw).map_err(|e| format!("sw.js: {e}"))?;
    println!("marsad-dist: sw.js {version} precaches {} files", files.len());
    Ok(())
}

/// Replaces `dir/sw.js` with the kill switch.
fn retire(dir: &Path) -> Result<(), String> {
    if !dir.is_dir() {
        return Err(format!("{}: not a directory", dir.display()));
    }
    std::fs::write(dir.join("sw.js"), RETIRE_WORKER).map_err(|e| format!("sw.js: {e}"))?;
    println!(
        "marsad-dist: {} is the kill switch: returning readers lose the worker and its caches",
        dir.join("sw.js").display()
    );
    Ok(())
}

/// Splits `dir/data/events.json` into shards when it is larger than `max` bytes (see
/// `marsad::data::shard`); earlier shards in `dir/data/shards` are replaced.
fn shard_data(dir: &Path, max: usize) -> Result<(), String> {
    let data = dir.join("data");
    let file = data.join("events.json");
    let json = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let Some(split) = shard::split(&json, max).map_err(|e| format!("{}: {e}", file.display()))? else {
        return Ok(());
    };
    let shards = data.join("shards");
    if shards.exists() {
        std::fs::remove_dir_all(&shards).map_err(|e| format!("{}: {e}", shards.display()))?;
    }
    std::fs::create_dir_all(&shards).map_err(|e| format!("{}: {e}", shards.display()))?;
    for (r, text) in &split.shards {
        std::fs::write(data.join(&r.path), text).map_err(|e| format!("{}: {e}", r.path))?;
    }
    std::fs::write(&file, &split.head).map_err(|e| format!("{}: {e}", file.display()))?;
    // The newest shard is what a reader sees first: it downloads with the wasm.
    if let Some((newest, _)) = split.shards.first() {
        preload_shard(dir, &newest.path)?;
    }
    let largest = split.shards.iter().map(|s| s.1.len()).max().unwrap_or(0);
    println!(
        "marsad-dist: data/events.json ({} bytes) -> head ({} bytes) + {} shards (largest {largest} bytes)",
        json.len(),
        split.head.len(),
        split.shards.len()
    );
    Ok(())
}

/// Names `data/<path>` for the start module to preload in every page (`marsad-preload`, from
/// the site root), replacing an earlier shard's.
fn preload_shard(dir: &Path, path: &str) -> Result<(), String> {
    each_page(dir, |mut html, _root| {
        let mark = "<meta name=\"marsad-preload\" content=\"data/shards/";
        if let Some(a) = html.find(mark) {
            if let Some(len) = html[a..].find('>') {
                html.replace_range(a..=a + len, "");
            }
        }
        let Some(at) = html.find("</head>") else { return Err("no </head>".into()) };
        html.insert_str(at, &format!("<meta name=\"marsad-preload\" content=\"data/{path}\">"));
        Ok(html)
    })
}

/// Folders of the static pages (`marsad::page::static_path`).
const PAGE_DIRS: [&str; 6] = ["event", "country", "countries", "network", "changes", "en"];

/// The folders of the pages of an earlier build; refused (before anything is written) by a tool
/// built without `ssr`, which cannot redraw them.
fn can_draw_pages(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let old: Vec<_> = PAGE_DIRS.iter().map(|d| dir.join(d)).filter(|p| p.is_dir()).collect();
    if cfg!(not(feature = "ssr")) && !old.is_empty() {
        return Err("this site has static pages: redraw them with a marsad-dist built with \
                    `--no-default-features --features ssr`"
            .into());
    }
    Ok(old)
}

/// The static pages (in an `ssr` build of this tool). Pages of an earlier dataset are removed
/// first. Without `ssr` a site that has static pages is refused: its pages would keep drawing
/// the old data.
fn static_pages(dir: &Path, config: &marsad::site::SiteConfig, loaded: marsad::data::Loaded) -> Result<(), String> {
    let old = can_draw_pages(dir)?;
    if cfg!(not(feature = "ssr")) {
        println!("marsad-dist: built without the `ssr` feature: no static pages");
        return Ok(());
    }
    for path in old {
        std::fs::remove_dir_all(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    #[cfg(feature = "ssr")]
    pages::write(dir, config, loaded)?;
    #[cfg(not(feature = "ssr"))]
    let _ = (config, loaded);
    Ok(())
}

/// The release history, the feeds and the static pages, from the whole dataset (before it is
/// sharded). `archive`: how the current release meets the archive (`publish::Archive`).
fn publish(dir: &Path, archive: publish::Archive) -> Result<(), String> {
    let config = publish::config(dir)?;
    can_draw_pages(dir)?;
    // The whole document, loaded once for the feeds and the pages.
    let text = publish::releases(dir, archive)?;
    let loaded = marsad::data::load(&text).map_err(|e| format!("data/events.json: {e}"))?;
    drop(text);
    publish::feeds(dir, &config, &loaded.dataset)?;
    static_pages(dir, &config, loaded)
}

fn site(dir: &Path, max: usize, archive: publish::Archive) -> Result<(), String> {
    publish(dir, archive).and_then(|()| shard_data(dir, max)).and_then(|()| service_worker(dir))
}

/// The post-build hook: static pages, the start module in each, shards, and (release) the worker.
fn hook(dir: &Path, release: bool) -> Result<(), String> {
    split::split(dir, release)?;
    publish(dir, publish::Archive::Required)?;
    start_module(dir, release)?;
    shard_data(dir, MAX_SHARD_BYTES)?;
    if release {
        service_worker(dir)?;
    }
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let staging = std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from);
    let release = std::env::var("TRUNK_PROFILE").map_or(true, |p| p == "release");
    let result = match (args.iter().map(String::as_str).collect::<Vec<_>>().as_slice(), staging) {
        (["retire", dir], _) => retire(Path::new(dir)),
        (["site", dir], _) => site(Path::new(dir), MAX_SHARD_BYTES, publish::Archive::Fresh),
        (["site", dir, "--keep-releases"], _) => site(Path::new(dir), MAX_SHARD_BYTES, publish::Archive::Add),
        (["site", dir, "--max-shard-bytes", n], _) => match n.parse::<usize>() {
            Ok(n) if n >= 1024 => site(Path::new(dir), n, publish::Archive::Fresh),
            _ => Err(format!("--max-shard-bytes wants a number of bytes >= 1024, not {n:?}")),
        },
        ([dir], _) => hook(Path::new(dir), true),
        ([], Some(dir)) => hook(&dir, release),
        _ => Err("usage: marsad-dist [STAGING_DIR] | marsad-dist site DIR [--max-shard-bytes N | --keep-releases] \
                  | marsad-dist retire DIR (or set TRUNK_STAGING_DIR)"
            .into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("marsad-dist: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_content_named;

    #[test]
    fn content_named_files_are_the_hashed_wasm_scripts_and_styles_at_the_root() {
        for named in [
            "marsad-a6ae61fa17245326_bg.wasm",
            "marsad-791a5288ad1db828.js",
            "chunk_42-c9b6fb648f65853e.wasm",
            "split_opened_module-908c05030efb426b.wasm",
            "split-ddeaf9c369f186b7.js",
            "style-bc1943b854115232.css",
            // Trunk's hash without its leading zero.
            "style-deb746d764a2b31.css",
            "style-deb746d764a2.css",
        ] {
            assert!(is_content_named(named), "{named}");
        }
        for not in [
            "index.html",
            "en/index.html",
            "embed.js",
            "icon-192.png",
            "marsad-abc123.js",
            "marsad-abc123_bg.wasm",
            "style-BC1943B854115232.css",
            "style-bc1943b8541.css",
            "style-bc1943b854115232a.css",
            "pym-1.js",
            "x/style-bc1943b854115232.css",
            "og-image-bc1943b854115232.png",
            "data/shards-bc1943b854115232.json",
            "bc1943b854115232.js",
        ] {
            assert!(!is_content_named(not), "{not}");
        }
    }
}
