//! The post-build hook: start module, preloads, and the service worker only in release builds;
//! the generated JavaScript parses (`node --check`, our lint); the kill switch.

use std::path::Path;
use std::process::Command;

use marsad::data::shard::content_hash;

/// The JS glue as wasm-bindgen writes it: comments, white space and long names.
const GLUE: &str =
    "// wasm-bindgen's glue\nexport default function init(module_or_path) {\n    return module_or_path;\n}\n";

fn staging(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("marsad-dist-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<html><head><link data-trunk rel=rust data-bin=marsad></head><body></body></html>",
    )
    .unwrap();
    std::fs::write(dir.join("marsad-abc123.js"), GLUE).unwrap();
    std::fs::write(dir.join("marsad-abc123_bg.wasm"), b"\0asm").unwrap();
    // As Trunk copies them from public/ and the hook's static pages write the crawlers' files.
    std::fs::write(dir.join("og-image.png"), b"\x89PNG").unwrap();
    std::fs::write(dir.join("embed.js"), "(function () {})();\n").unwrap();
    std::fs::write(dir.join("robots.txt"), "User-agent: *\n").unwrap();
    std::fs::write(dir.join("sitemap.xml"), "<urlset/>\n").unwrap();
    std::fs::write(dir.join("data/events.json"), include_str!("data/minimal.json")).unwrap();
    // A build publishes only a release that is archived (as `public/data/releases/` holds them).
    std::fs::create_dir_all(dir.join("data/releases/test-1")).unwrap();
    std::fs::write(dir.join("data/releases/test-1/events.json"), include_str!("data/minimal.json")).unwrap();
    dir
}

/// The fixture dataset as its next release (same events, a new version).
fn next_release() -> String {
    include_str!("data/minimal.json").replace("\"dataset_version\": \"test-1\"", "\"dataset_version\": \"test-2\"")
}

fn run(dir: &Path, profile: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_marsad-dist"))
        .env("TRUNK_STAGING_DIR", dir)
        .env("TRUNK_PROFILE", profile)
        .output()
        .unwrap()
}

fn start_module_path(dir: &Path) -> std::path::PathBuf {
    let name = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with("start-"))
        .expect("a start module");
    dir.join(name)
}

/// The one `marsad-*<suffix>` file of a build.
fn named(dir: &Path, suffix: &str) -> String {
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("marsad-") && n.ends_with(suffix))
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    names[0].clone()
}

fn start_module(dir: &Path) -> String {
    std::fs::read_to_string(start_module_path(dir)).unwrap()
}

/// `node --check` on a generated script (`module`: parsed as an ES module). Node is on PATH
/// wherever the browser tests run.
fn node_check(file: &Path, module: bool) {
    let checked = if module {
        let copy = file.with_extension("check.mjs");
        std::fs::copy(file, &copy).unwrap();
        copy
    } else {
        file.to_owned()
    };
    let out = Command::new("node").arg("--check").arg(&checked).output().expect("node on PATH");
    assert!(out.status.success(), "{}: {}", file.display(), String::from_utf8_lossy(&out.stderr));
    if module {
        std::fs::remove_file(checked).unwrap();
    }
}

/// The worker's version, as `sw.js` (minified) declares it.
fn version(dir: &Path) -> String {
    let sw = std::fs::read_to_string(dir.join("sw.js")).unwrap();
    let at = sw.find("VERSION").expect("sw.js declares VERSION");
    let value = sw[at..].split(['"', '\'']).nth(1).unwrap();
    assert!(value.len() == 16 && value.bytes().all(|b| b.is_ascii_hexdigit()), "{value}");
    value.to_owned()
}

fn site(dir: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_marsad-dist")).args(["site", dir.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn release_build_gets_start_module_preloads_and_a_precaching_worker() {
    let dir = staging("release");
    let out = run(&dir, "release");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // The glue (minified) and the wasm are named by their contents, not by Trunk's hash.
    let (glue_name, wasm_name) = (named(&dir, ".js"), named(&dir, "_bg.wasm"));
    assert!(!dir.join("marsad-abc123.js").exists() && !dir.join("marsad-abc123_bg.wasm").exists());
    let glue = std::fs::read_to_string(dir.join(&glue_name)).unwrap();
    assert_eq!(glue_name, format!("marsad-{}.js", &content_hash(glue.as_bytes())[..16]));
    assert_eq!(wasm_name, format!("marsad-{}_bg.wasm", &content_hash(b"\0asm")[..16]));
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(html.contains("<script type=\"module\" src=\"./start-"), "{html}");
    assert!(html.contains(&format!("rel=\"modulepreload\" href=\"./{glue_name}\"")), "{html}");
    // The data is preloaded by the start module after the first paint, not by the page's head.
    assert!(html.contains("<meta name=\"marsad-preload\" content=\"data/events.json\">"), "{html}");
    assert!(!html.contains("rel=\"preload\""), "{html}");
    assert!(!html.contains("data-trunk"), "Trunk's rust link is removed: {html}");
    let start = start_module(&dir);
    assert!(start.contains("navigator.serviceWorker.register("), "{start}");
    assert!(start.contains(&format!("from\"./{glue_name}\"")), "{start}");
    assert!(start.contains(&format!("\"./{wasm_name}\"")), "{start}");
    assert!(!start.contains("__GLUE__") && !start.contains("__WASM__"), "{start}");
    // A release build ships every script minified: no comments, no indentation.
    assert!(glue.starts_with("export default function") && glue.len() < GLUE.len() / 2, "{glue}");
    for script in [start.as_str(), glue.as_str(), &std::fs::read_to_string(dir.join("sw.js")).unwrap()] {
        assert!(!script.contains("//") && !script.contains("\n  "), "{script}");
    }
    let sw = std::fs::read_to_string(dir.join("sw.js")).unwrap();
    for f in ["data/events.json", "index.html", &wasm_name] {
        assert!(sw.contains(&format!("\"{f}\"")), "sw.js does not install {f}");
    }
    assert!(!sw.contains("__VERSION__") && !sw.contains("__FILES__") && !sw.contains("__NAMED__"));
    // What no page loads is not installed: the link preview's picture, the crawlers' files, the
    // newsrooms' loader.
    for f in ["og-image.png", "robots.txt", "sitemap.xml", "embed.js"] {
        assert!(!sw.contains(&format!("\"{f}\"")), "sw.js installs {f}");
    }
    // The files named by their contents are taken from the browser's cache; the others (the home
    // page among them) asked of the server again.
    let named = sw.split("new Set(").nth(1).and_then(|s| s.split(')').next()).expect("the named files");
    let named: Vec<String> = serde_json::from_str(named).unwrap();
    assert!(named.contains(&wasm_name) && named.contains(&glue_name), "{named:?}");
    assert!(named.iter().any(|f| f.starts_with("start-")), "{named:?}");
    assert!(!named.iter().any(|f| f.ends_with(".html") || f.starts_with("data/")), "{named:?}");
    node_check(&dir.join("sw.js"), false);
    node_check(&start_module_path(&dir), true);
    // A changed app file gives a new worker version; changed data does not (it is
    // network-first, and an install never replaces committed data), a new data file does. (A
    // tool built with `ssr` draws the home pages, which the worker installs, from the data: there
    // new data is a new version.)
    let v1 = version(&dir);
    std::fs::write(dir.join("data/events.json"), next_release()).unwrap();
    site(&dir);
    if cfg!(not(feature = "ssr")) {
        assert_eq!(v1, version(&dir));
    }
    let v1 = version(&dir);
    std::fs::write(dir.join(&glue_name), "export default function init() { return 2; }").unwrap();
    site(&dir);
    let v2 = version(&dir);
    assert_ne!(v1, v2);
    std::fs::create_dir_all(dir.join("data/articles")).unwrap();
    std::fs::write(dir.join("data/articles/a000.txt"), "text").unwrap();
    site(&dir);
    assert_ne!(v2, version(&dir));
    std::fs::remove_dir_all(dir).ok();
}

/// A split build's loader as `marsad-dist`'s `split.rs` leaves it for the naming step: it imports
/// Trunk's glue, which imports it (as wasm-bindgen writes both).
const LOADER: &str = "import { initSync } from \"./marsad-abc123.js\";\n// the split modules' loader\nexport const __wasm_split_load_compare = () => initSync(undefined, undefined);\n";
const SPLIT_GLUE: &str = "import * as import1 from \"./__wasm_split.js\"\nimport * as import2 from \"./__wasm_split.js\"\n// wasm-bindgen's glue\nexport function initSync(m) { return [import1, import2, m]; }\nexport default function init(module_or_path) {\n    return { \"./__wasm_split.js\": import1, module_or_path };\n}\n";

#[test]
fn a_split_build_names_its_loader_and_glue_by_their_contents_each_importing_the_other() {
    let dir = staging("split");
    std::fs::write(dir.join("marsad-abc123.js"), SPLIT_GLUE).unwrap();
    std::fs::write(dir.join("__wasm_split.js"), LOADER).unwrap();
    let out = run(&dir, "release");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!dir.join("__wasm_split.js").exists());
    let glue_name = named(&dir, ".js");
    let loader_name = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with("split-") && n.ends_with(".js"))
        .expect("the loader, named by its contents");
    let (glue, loader) = (
        std::fs::read_to_string(dir.join(&glue_name)).unwrap(),
        std::fs::read_to_string(dir.join(&loader_name)).unwrap(),
    );
    // Each imports the other by its final name; the imports object keeps the module name the
    // wasm asks for.
    assert!(
        !glue.contains("from\"./__wasm_split.js\"") && glue.matches(&format!("from\"./{loader_name}\"")).count() == 2,
        "{glue}"
    );
    assert!(glue.contains("\"./__wasm_split.js\":"), "{glue}");
    assert!(loader.contains(&format!("from\"./{glue_name}\"")), "{loader}");
    assert_eq!(glue_name, format!("marsad-{}.js", &content_hash(glue.as_bytes())[..16]));
    // Minified, and both parse; the worker installs the loader with the rest of the app.
    assert!(!loader.contains("//"), "{loader}");
    node_check(&dir.join(&glue_name), true);
    node_check(&dir.join(&loader_name), true);
    let sw = std::fs::read_to_string(dir.join("sw.js")).unwrap();
    assert!(sw.contains(&format!("\"{loader_name}\"")), "sw.js does not install {loader_name}");
    // Preloaded beside the glue: found by the module graph only once the glue is in, it would
    // cost a round trip before the wasm is asked for.
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(html.contains(&format!("<link rel=\"modulepreload\" href=\"./{loader_name}\">")), "{html}");
    // Another first module (the wasm's bytes) names another loader, and so another glue.
    let again = staging("split-again");
    std::fs::write(again.join("marsad-abc123.js"), SPLIT_GLUE).unwrap();
    std::fs::write(again.join("__wasm_split.js"), LOADER).unwrap();
    std::fs::write(again.join("marsad-abc123_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    assert!(run(&again, "release").status.success());
    assert!(!again.join(&loader_name).exists() && !again.join(&glue_name).exists());
    std::fs::remove_dir_all(dir).ok();
    std::fs::remove_dir_all(again).ok();
}

#[test]
fn development_build_registers_no_service_worker() {
    let dir = staging("debug");
    assert!(run(&dir, "debug").status.success());
    assert!(!dir.join("sw.js").exists());
    assert!(!start_module(&dir).contains("serviceWorker"));
    // Scripts stay as written, comments and all.
    assert_eq!(std::fs::read_to_string(dir.join("marsad-abc123.js")).unwrap(), GLUE);
    assert!(start_module(&dir).contains("\n// "));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn retire_writes_the_kill_switch() {
    let dir = staging("retire");
    assert!(run(&dir, "release").status.success());
    let out = Command::new(env!("CARGO_BIN_EXE_marsad-dist")).args(["retire", dir.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let sw = std::fs::read_to_string(dir.join("sw.js")).unwrap();
    for part in ["skipWaiting()", "caches.delete(key)", "registration.unregister()", "client.navigate(client.url)"] {
        assert!(sw.contains(part), "the kill switch lacks {part}");
    }
    assert!(!sw.contains("addEventListener('fetch'"), "the kill switch answers no request");
    node_check(&dir.join("sw.js"), false);
    let missing = dir.join("no-such-dir");
    let out =
        Command::new(env!("CARGO_BIN_EXE_marsad-dist")).args(["retire", missing.to_str().unwrap()]).output().unwrap();
    assert!(!out.status.success());
    std::fs::remove_dir_all(dir).ok();
}

/// `cargo test` builds this tool without `ssr`: it cannot draw static pages, so it refuses a site
/// that has them (they would keep showing the old data) and leaves them in place.
#[cfg(not(feature = "ssr"))]
#[test]
fn without_ssr_a_site_with_static_pages_is_refused_and_kept() {
    let dir = staging("no-ssr");
    std::fs::create_dir_all(dir.join("en/event/a-b")).unwrap();
    std::fs::write(dir.join("en/event/a-b/index.html"), "<html></html>").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_marsad-dist")).args(["site", dir.to_str().unwrap()]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--features ssr"));
    assert!(dir.join("en/event/a-b/index.html").is_file(), "the pages are not deleted");
}

/// A published release never changes and never loses an event silently: the build refuses a
/// release that is not archived, or archived with other contents; `site --keep-releases`
/// refuses one that drops an event without a `withdrawn` record.
#[test]
fn a_build_publishes_only_an_archived_release_that_keeps_every_id() {
    let dir = staging("archive");
    let archived = dir.join("data/releases/test-1/events.json");
    std::fs::remove_file(&archived).unwrap();
    let out = run(&dir, "release");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("release test-1 is not archived"));
    std::fs::write(&archived, include_str!("data/minimal.json").replace("Bangkok", "Bangkok ")).unwrap();
    let out = run(&dir, "release");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("a published release never changes"));
    std::fs::write(&archived, include_str!("data/minimal.json")).unwrap();
    assert!(run(&dir, "release").status.success());
    assert!(dir.join("data/changes.json").is_file() && dir.join("feed.ar.xml").is_file());

    let mut next: serde_json::Value = serde_json::from_str(&next_release()).unwrap();
    next["events"].as_array_mut().unwrap().pop();
    next["events"][0]["related"] = serde_json::json!([]);
    std::fs::write(dir.join("data/events.json"), next.to_string()).unwrap();
    let keep = |dir: &Path| {
        Command::new(env!("CARGO_BIN_EXE_marsad-dist"))
            .args(["site", dir.to_str().unwrap(), "--keep-releases"])
            .output()
    };
    let out = keep(&dir).unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("drops events without a withdrawn record"));
    std::fs::remove_dir_all(dir).ok();
}
