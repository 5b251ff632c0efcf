//! `marsad-data`: command-line tools for the dataset.
//!
//! - `validate FILE` — the strict validator; prints `path: reason` lines, exits 1 on any problem.
//!   A sharded head (see `marsad::data::shard`) is validated together with its shards.
//! - `synth N OUT_DIR [--seed S]` — writes a synthetic dataset of N events (`OUT_DIR/events.json`
//!   and `OUT_DIR/articles/*.txt`) for the benchmark; see `marsad::synth`.
//! - `timelinejs FILE [ar|en]` — prints every event of a dataset as TimelineJS 3 JSON (the
//!   explorer's own export), for the benchmark's side-by-side comparison.
//! - `diff OLD NEW [--format table|json]` — what release NEW changed against OLD (see
//!   `marsad::data::diff`): added, changed (which fields), withdrawn and vanished events. Exits 0,
//!   or 1 when an event vanished without a `withdrawn` record (the report is printed all the same),
//!   or 2 when a file cannot be read or is not a dataset. A sharded head is read with its shards.
//! - `migrate IN [OUT]` — writes IN at the current schema (2) to OUT or stdout, keys in the file's
//!   order. A sharded head is refused: migrate the whole document, then shard it at build time.
//! - `draft ARTICLE.txt --published YYYY-MM[-DD] [--data FILE] [--format json|table]` — draft
//!   events from a new Arabic article for review (see `marsad::draft`); JSON on stdout.
//! - `add ARTICLE.txt REVIEWED.json [--data FILE] [--date YYYY-MM-DD]` — copies the article under
//!   the next id, merges the reviewed events (and new countries and actors), validates, bumps
//!   `dataset_version` and archives the release in `releases/<version>/`. Writes nothing on error.
//! - `draft-eval [--data FILE] [--without-aliases]` — recall and precision of `draft` on the
//!   dataset's own articles against its curated events.

use std::path::Path;
use std::process::ExitCode;

use marsad::data::diff::{self, Diff};
use marsad::data::wire::WireDoc;

#[path = "marsad-data/draft_cmd.rs"]
mod draft_cmd;

const USAGE: &str = "usage: marsad-data validate FILE.json
       marsad-data synth N OUT_DIR [--seed S]
       marsad-data timelinejs FILE.json [ar|en]
       marsad-data diff OLD.json NEW.json [--format table|json]
       marsad-data migrate IN.json [OUT.json]
       marsad-data draft ARTICLE.txt --published YYYY-MM[-DD] [--data FILE.json] [--format json|table]
       marsad-data add ARTICLE.txt REVIEWED.json [--data FILE.json] [--date YYYY-MM-DD]
       marsad-data draft-eval [--data FILE.json] [--without-aliases]";

/// Where the dataset is when `--data` is not given.
const DATA: &str = "public/data/events.json";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["validate", file] => validate(Path::new(file)),
        ["synth", n, dir] => synth(n, Path::new(dir), "1"),
        ["synth", n, dir, "--seed", seed] => synth(n, Path::new(dir), seed),
        ["timelinejs", file] => timelinejs(Path::new(file), "ar"),
        ["timelinejs", file, lang] => timelinejs(Path::new(file), lang),
        ["diff", old, new] => compare(Path::new(old), Path::new(new), "table"),
        ["diff", old, new, "--format", format] => compare(Path::new(old), Path::new(new), format),
        ["migrate", file] => migrate(Path::new(file), None),
        ["migrate", file, out] => migrate(Path::new(file), Some(Path::new(out))),
        ["draft", article, rest @ ..] => draft_cmd::draft(Path::new(article), rest),
        ["add", article, reviewed, rest @ ..] => draft_cmd::add(Path::new(article), Path::new(reviewed), rest),
        ["draft-eval", rest @ ..] => draft_cmd::eval(rest),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn validate(file: &Path) -> ExitCode {
    let json = match std::fs::read_to_string(file) {
        Ok(json) => json,
        Err(e) => {
            eprintln!("{}: cannot read: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
    let read = move |rel: &str| std::fs::read_to_string(dir.join(rel)).ok();
    let problems = marsad::data::validate::validate(&json, &read);
    if problems.is_empty() {
        // A sharded head is counted with its shards put back in, as it was validated.
        let whole = marsad::data::shard::join(&json, &read).map(|j| j.0).unwrap_or(json);
        match marsad::data::load(&whole) {
            Ok(l) => println!(
                "{}: valid ({} events, {} countries, {} actors, {} articles)",
                file.display(),
                l.dataset.events.len(),
                l.dataset.countries.len(),
                l.dataset.actors.len(),
                l.dataset.articles.len()
            ),
            Err(e) => eprintln!("{}: {e}", file.display()),
        }
        ExitCode::SUCCESS
    } else {
        for p in &problems {
            eprintln!("{p}");
        }
        eprintln!("{}: {} problem(s)", file.display(), problems.len());
        ExitCode::FAILURE
    }
}

fn synth(n: &str, dir: &Path, seed: &str) -> ExitCode {
    let (Ok(n), Ok(seed)) = (n.parse::<usize>(), seed.parse::<u64>()) else {
        eprintln!("N and the seed must be non-negative integers\n{USAGE}");
        return ExitCode::from(2);
    };
    let data = marsad::synth::generate(n, seed);
    let write = || -> std::io::Result<()> {
        std::fs::create_dir_all(dir.join("articles"))?;
        std::fs::write(dir.join("events.json"), data.to_json())?;
        for (path, text) in &data.texts {
            std::fs::write(dir.join(path), text)?;
        }
        Ok(())
    };
    match write() {
        Ok(()) => {
            println!(
                "{}: {} events, {} articles (seed {seed})",
                dir.join("events.json").display(),
                data.events.len(),
                data.articles.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}

fn timelinejs(file: &Path, lang: &str) -> ExitCode {
    let lang = match lang {
        "ar" => marsad::i18n::Lang::Ar,
        "en" => marsad::i18n::Lang::En,
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let loaded = std::fs::read_to_string(file)
        .map_err(|e| format!("cannot read: {e}"))
        .and_then(|json| marsad::data::load(&json).map_err(|e| e.to_string()));
    match loaded {
        Ok(l) => {
            let all: Vec<u32> = (0..l.dataset.events.len() as u32).collect();
            println!("{}", marsad::export::to_timelinejs(&l.dataset, &all, lang));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            ExitCode::FAILURE
        }
    }
}

/// `diff`: exit 0, 1 when an event vanished, 2 when an input is unusable.
fn compare(old: &Path, new: &Path, format: &str) -> ExitCode {
    if !["table", "json"].contains(&format) {
        eprintln!("--format is table or json\n{USAGE}");
        return ExitCode::from(2);
    }
    let (old_doc, new_doc) = match (read_doc(old), read_doc(new)) {
        (Ok(o), Ok(n)) => (o, n),
        (o, n) => {
            for e in [o.err(), n.err()].into_iter().flatten() {
                eprintln!("{e}");
            }
            return ExitCode::from(2);
        }
    };
    let d: Diff = diff::diff(&old_doc, &new_doc);
    if format == "json" {
        match serde_json::to_string_pretty(&d) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("cannot write the diff as JSON: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        print!("{}", d.table());
    }
    if d.vanished.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "{}: {} event(s) vanished without a `withdrawn` record: {}",
            new.display(),
            d.vanished.len(),
            d.vanished.iter().map(|e| e.id.as_str()).collect::<Vec<_>>().join(", ")
        );
        ExitCode::FAILURE
    }
}

/// Reads a release for `diff`, a sharded head together with its shards (paths relative to it),
/// migrated to the current schema. The error is one line naming the file.
fn read_doc(file: &Path) -> Result<WireDoc, String> {
    let fail = |e: String| format!("{}: {e}", file.display());
    let json = std::fs::read_to_string(file).map_err(|e| fail(format!("cannot read: {e}")))?;
    let json = if sharded(&json) {
        let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
        let read = move |rel: &str| std::fs::read_to_string(dir.join(rel)).ok();
        let (whole, problems) = marsad::data::shard::join(&json, &read).map_err(|p| fail(p.to_string()))?;
        // A shard left out would make its events look vanished.
        if let Some(p) = problems.first() {
            return Err(fail(format!("shard {p}")));
        }
        whole
    } else {
        json
    };
    diff::parse_doc(&json).map_err(fail)
}

/// The top-level keys looked at before a document is read whole.
#[derive(serde::Deserialize)]
struct Head {
    schema_version: Option<serde_json::Value>,
    shards: Option<serde::de::IgnoredAny>,
}

/// `json`'s [`Head`], when it is a JSON object; anything else is for `parse_doc` to judge.
fn head(json: &str) -> Option<Head> {
    json.trim_start().starts_with("{").then(|| serde_json::from_str(json).ok()).flatten()
}

/// Whether `json` is a sharded head (it lists `shards`).
fn sharded(json: &str) -> bool {
    head(json).is_some_and(|h| h.shards.is_some())
}

/// `migrate`: the document at the current schema, as pretty JSON (2-space indent, trailing newline).
fn migrate(file: &Path, out: Option<&Path>) -> ExitCode {
    let json = match std::fs::read_to_string(file) {
        Ok(json) => json,
        Err(e) => {
            eprintln!("{}: cannot read: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let head = head(&json);
    if head.as_ref().is_some_and(|h| h.shards.is_some()) {
        eprintln!("{}: a sharded head: migrate the whole document, then shard it at build time", file.display());
        return ExitCode::from(2);
    }
    let from = head.and_then(|h| h.schema_version?.as_u64());
    let doc = match diff::parse_doc_exact(&json) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let text = match serde_json::to_string_pretty(&doc) {
        Ok(text) => text + "\n",
        Err(e) => {
            eprintln!("{}: cannot write: {e}", file.display());
            return ExitCode::FAILURE;
        }
    };
    let Some(out) = out else {
        print!("{text}");
        return ExitCode::SUCCESS;
    };
    match std::fs::write(out, text) {
        Ok(()) => {
            let from = from.map_or(String::new(), |v| format!(" (from schema {v})"));
            println!("{}: schema {}{from}, {} events", out.display(), doc.schema_version, doc.events.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
