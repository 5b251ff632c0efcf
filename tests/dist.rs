//! The post-build hook: start module, preloads, and the service worker only in release builds.

use std::path::Path;
use std::process::Command;

fn staging(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("marsad-dist-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<html><head><link data-trunk rel=rust data-bin=marsad></head><body></body></html>",
    )
    .unwrap();
    std::fs::write(dir.join("marsad-abc123.js"), "export default function init() {}").unwrap();
    std::fs::write(dir.join("marsad-abc123_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(dir.join("data/events.json"), "{}").unwrap();
    dir
}

fn run(dir: &Path, profile: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_marsad-dist"))
        .env("TRUNK_STAGING_DIR", dir)
        .env("TRUNK_PROFILE", profile)
        .output()
        .unwrap()
}

fn start_module(dir: &Path) -> String {
    let name = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .find(|n| n.starts_with("start-"))
        .expect("a start module");
    std::fs::read_to_string(dir.join(name)).unwrap()
}

#[test]
fn release_build_gets_start_module_preloads_and_a_precaching_worker() {
    let dir = staging("release");
    let out = run(&dir, "release");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(html.contains("<script type=\"module\" src=\"./start-"), "{html}");
    assert!(html.contains("rel=\"modulepreload\" href=\"./marsad-abc123.js\""));
    assert!(html.contains("<link rel=\"preload\" href=\"./data/events.json\" as=\"fetch\" crossorigin>"), "{html}");
    assert!(!html.contains("data-trunk"), "Trunk's rust link is removed: {html}");
    assert!(start_module(&dir).contains("serviceWorker.register('./sw.js')"));
    let sw = std::fs::read_to_string(dir.join("sw.js")).unwrap();
    for f in ["\"data/events.json\"", "\"index.html\"", "\"marsad-abc123_bg.wasm\""] {
        assert!(sw.contains(f), "sw.js does not precache {f}");
    }
    // A changed file gives a new worker version.
    let version = |sw: &str| sw.lines().find(|l| l.starts_with("const VERSION")).unwrap().to_owned();
    std::fs::write(dir.join("data/events.json"), "{\"changed\": 1}").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_marsad-dist")).args(["site", dir.to_str().unwrap()]).output().unwrap();
    assert!(out.status.success());
    assert_ne!(version(&sw), version(&std::fs::read_to_string(dir.join("sw.js")).unwrap()));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn development_build_registers_no_service_worker() {
    let dir = staging("debug");
    assert!(run(&dir, "debug").status.success());
    assert!(!dir.join("sw.js").exists());
    assert!(!start_module(&dir).contains("serviceWorker"));
    std::fs::remove_dir_all(dir).ok();
}
