//! `marsad-data diff` and `migrate` on the fixture releases in `data/diff/`: `old.json` (schema 1,
//! 2026-11-23.1, four events) and `new.json` (schema 2, 2026-12-01.1: one event added, one
//! corrected, one withdrawn, two unchanged). Their records come from the shipped data.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const HEADER: &str = "2026-11-23.1 → 2026-12-01.1: 1 added, 1 changed, 1 withdrawn, 0 vanished, 2 unchanged";

fn fixture(name: &str) -> PathBuf {
    crate::util::data_dir().join("diff").join(name)
}

fn marsad_data(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_marsad-data")).args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("marsad-diff-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn diff_prints_the_table_of_the_fixture_releases() {
    let out = marsad_data(&[Path::new("diff"), &fixture("old.json"), &fixture("new.json")]);
    let table = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(table.lines().next(), Some(HEADER));
    let id = "gb-home-office-welcomes-qatar-partnership-2014";
    let changed =
        "\n  us-criticises-qatar-brotherhood-ties-2014       Qatar comes under US and Gulf criticism over its \
        Muslim Brotherhood ties (updated 2026-12-01)\n  {pad}fields: summary, updated, update_note\n";
    assert!(table.contains(&changed.replace("{pad}", &" ".repeat(id.len() + 2))), "{table}");
    assert!(table.contains(&format!("\nWithdrawn\n  {id}  2026-12-01  The article does not say")), "{table}");
    assert!(table.contains("\nAdded\n  gb-gchq-qatar-cyber-defence-2014  "), "{table}");
    assert!(!table.contains("Vanished") && !table.contains("Warnings"), "{table}");
}

#[test]
fn diff_as_json_names_each_event_in_its_list() {
    let out = marsad_data(&[
        Path::new("diff"),
        &fixture("old.json"),
        &fixture("new.json"),
        Path::new("--format"),
        Path::new("json"),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let d: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let ids = |list: &str| {
        d[list].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(ids("added"), ["gb-gchq-qatar-cyber-defence-2014"]);
    assert_eq!(ids("changed"), ["us-criticises-qatar-brotherhood-ties-2014"]);
    assert_eq!(ids("withdrawn"), ["gb-home-office-welcomes-qatar-partnership-2014"]);
    assert_eq!(ids("vanished"), Vec::<String>::new());
    assert_eq!(d["changed"][0]["fields"], serde_json::json!(["summary", "updated", "update_note"]));
    assert_eq!(d["changed"][0]["updated"], "2026-12-01");
    assert_eq!((d["old_version"].as_str(), d["new_version"].as_str()), (Some("2026-11-23.1"), Some("2026-12-01.1")));
    assert_eq!(d["unchanged"], 2);
}

#[test]
fn an_event_gone_without_a_withdrawn_record_exits_1_with_the_report() {
    let dir = scratch("vanished");
    let mut new = read_json(&fixture("new.json"));
    new.as_object_mut().unwrap().remove("withdrawn");
    std::fs::write(dir.join("new.json"), new.to_string()).unwrap();
    let out = marsad_data(&[Path::new("diff"), &fixture("old.json"), &dir.join("new.json")]);
    let table = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{table}");
    assert!(
        table.starts_with("2026-11-23.1 → 2026-12-01.1: 1 added, 1 changed, 0 withdrawn, 1 vanished, 2 unchanged\n")
    );
    assert!(
        table.contains("needs a `withdrawn` record")
            && table.contains("\n  gb-home-office-welcomes-qatar-partnership-2014  "),
        "{table}"
    );
    let message = stderr(&out);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.contains("1 event(s) vanished") && message.contains("gb-home-office-welcomes-qatar-partnership-2014"),
        "{message}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn unusable_input_exits_2_with_a_message() {
    let dir = scratch("bad");
    std::fs::write(dir.join("text.json"), "{\"schema_version\": 2, \"events\": [").unwrap();
    std::fs::write(dir.join("list.json"), "[]").unwrap();
    std::fs::write(dir.join("future.json"), "{\"schema_version\": 9}").unwrap();
    let cases = [
        ("missing.json", "cannot read"),
        ("text.json", "not JSON"),
        ("list.json", "not a dataset"),
        ("future.json", "schema_version 9 is not supported"),
    ];
    for (name, reason) in cases {
        let out = marsad_data(&[Path::new("diff"), &fixture("old.json"), &dir.join(name)]);
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {message}");
        assert!(stdout(&out).is_empty(), "{name}");
        assert!(
            message.starts_with(&format!("{}: ", dir.join(name).display())) && message.contains(reason),
            "{name}: {message}"
        );
        assert!(!message.contains("panicked"), "{message}");
    }
    let out = marsad_data(&[
        Path::new("diff"),
        &fixture("old.json"),
        &fixture("new.json"),
        Path::new("--format"),
        Path::new("xml"),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("usage: marsad-data"), "{}", stderr(&out));
    std::fs::remove_dir_all(dir).ok();
}

/// A sharded release (head plus shards, as `marsad-dist` publishes it) diffs as the whole document.
#[test]
fn a_sharded_release_is_read_with_its_shards() {
    let dir = scratch("sharded");
    let whole = std::fs::read_to_string(fixture("new.json")).unwrap();
    let split = marsad::data::shard::split(&whole, 5 * 1024).unwrap().expect("new.json is over 5 KiB");
    assert!(split.shards.len() >= 2, "{} shards", split.shards.len());
    std::fs::create_dir_all(dir.join("shards")).unwrap();
    for (shard, text) in &split.shards {
        std::fs::write(dir.join(&shard.path), text).unwrap();
    }
    std::fs::write(dir.join("events.json"), &split.head).unwrap();
    let out = marsad_data(&[Path::new("diff"), &fixture("old.json"), &dir.join("events.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().next(), Some(HEADER));

    // A shard missing would make its events look vanished: the release is refused instead.
    std::fs::remove_file(dir.join(&split.shards[0].0.path)).unwrap();
    let out = marsad_data(&[Path::new("diff"), &fixture("old.json"), &dir.join("events.json")]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(stderr(&out).contains(&split.shards[0].0.path), "{}", stderr(&out));

    let out = marsad_data(&[Path::new("migrate"), &dir.join("events.json")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("sharded head: migrate the whole document"), "{}", stderr(&out));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn migrate_dates_a_schema_1_release_and_keeps_the_key_order() {
    let out = marsad_data(&[Path::new("migrate"), &fixture("old.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("{\n  \"schema_version\": 3,\n  \"dataset_version\": \"2026-11-23.1\",\n"), "{text}");
    assert!(text.ends_with("}\n"));
    let keys: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("  \"")?.split('"').next()).collect();
    assert_eq!(keys, ["schema_version", "dataset_version", "licence", "articles", "countries", "actors", "events"]);
    let doc: Value = serde_json::from_str(&text).unwrap();
    let events = doc["events"].as_array().unwrap();
    assert_eq!(events.len(), 4);
    for e in events {
        assert_eq!(
            (e["first_published"].as_str(), e["updated"].as_str()),
            (Some("2026-11-23"), Some("2026-11-23")),
            "{}",
            e["id"]
        );
    }
    // Nothing else changed: the records are the old file's, dates aside.
    let mut old = read_json(&fixture("old.json"));
    for e in old["events"].as_array_mut().unwrap() {
        e["first_published"] = "2026-11-23".into();
        e["updated"] = "2026-11-23".into();
    }
    old["schema_version"] = 3.into();
    assert_eq!(doc, old);
}

#[test]
fn migrate_writes_out_a_schema_2_release_changing_only_its_version() {
    let dir = scratch("migrate");
    let out = marsad_data(&[Path::new("migrate"), &fixture("new.json"), &dir.join("new.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("schema 3 (from schema 2), 4 events"), "{}", stdout(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("new.json")).unwrap(),
        std::fs::read_to_string(fixture("new.json")).unwrap().replacen(
            "\"schema_version\": 2",
            "\"schema_version\": 3",
            1
        )
    );

    // A field outside the schema would be lost in the round trip: refused, not dropped.
    let mut doc = read_json(&fixture("old.json"));
    doc["events"][2]["colour"] = "red".into();
    std::fs::write(dir.join("extra.json"), doc.to_string()).unwrap();
    let out = marsad_data(&[Path::new("migrate"), &dir.join("extra.json")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("$.events[2].colour"), "{}", stderr(&out));
    std::fs::remove_dir_all(dir).ok();
}
