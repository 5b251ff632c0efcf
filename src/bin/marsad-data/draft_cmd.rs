//! `marsad-data draft`, `add` and `draft-eval`: file handling around `marsad::draft`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use marsad::data::date::PartialDate;
use marsad::data::diff;
use marsad::data::wire::WireDoc;
use marsad::draft::{self, review, DraftFile, Drafter, Options};
use marsad::vocab::Precision;

use super::{DATA, USAGE};

fn usage(why: &str) -> ExitCode {
    eprintln!("{why}\n{USAGE}");
    ExitCode::from(2)
}

/// `--name value` pairs and bare `--flags` after the positional arguments.
struct Flags<'a> {
    pairs: Vec<(&'a str, &'a str)>,
    bare: Vec<&'a str>,
}

fn flags<'a>(rest: &[&'a str], with_value: &[&str], bare: &[&str]) -> Result<Flags<'a>, String> {
    let mut out = Flags { pairs: Vec::new(), bare: Vec::new() };
    let mut it = rest.iter();
    while let Some(&f) = it.next() {
        if with_value.contains(&f) {
            let v = it.next().ok_or_else(|| format!("{f} needs a value"))?;
            out.pairs.push((f, v));
        } else if bare.contains(&f) {
            out.bare.push(f);
        } else {
            return Err(format!("unknown argument \"{f}\""));
        }
    }
    Ok(out)
}

impl Flags<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.pairs.iter().rev().find(|(f, _)| *f == name).map(|(_, v)| *v)
    }
}

/// The dataset as a whole document at the current schema (a sharded head is refused).
fn read_dataset(file: &Path) -> Result<WireDoc, String> {
    let json = std::fs::read_to_string(file).map_err(|e| format!("{}: cannot read: {e}", file.display()))?;
    diff::parse_doc_exact(&json).map_err(|e| format!("{}: {e}", file.display()))
}

/// An article text: UTF-8 with Arabic in it.
fn read_article(file: &Path) -> Result<String, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("{}: cannot read: {e}", file.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8 text", file.display()))?;
    if !marsad::data::has_arabic(&text) {
        return Err(format!("{}: no Arabic text in it", file.display()));
    }
    Ok(text)
}

pub fn draft(article: &Path, rest: &[&str]) -> ExitCode {
    let f = match flags(rest, &["--published", "--data", "--format"], &[]) {
        Ok(f) => f,
        Err(e) => return usage(&e),
    };
    let Some(published) = f.get("--published") else {
        return usage("--published YYYY-MM[-DD] is required: dates in the article are read against it");
    };
    let published = match PartialDate::parse_any(published) {
        Ok(p) if p.precision() != Precision::Year => p,
        Ok(_) => return usage("--published needs at least the month (YYYY-MM)"),
        Err(e) => return usage(&format!("--published: {e}")),
    };
    let format = f.get("--format").unwrap_or("json");
    if !["json", "table"].contains(&format) {
        return usage("--format is json or table");
    }
    let data = PathBuf::from(f.get("--data").unwrap_or(DATA));
    let (text, doc) = match (read_article(article), read_dataset(&data)) {
        (Ok(t), Ok(d)) => (t, d),
        (t, d) => {
            for e in [t.err(), d.err()].into_iter().flatten() {
                eprintln!("{e}");
            }
            return ExitCode::from(2);
        }
    };
    let drafter = match Drafter::new(Some(&doc)) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let seed_file = article.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let file = drafter.draft(&text, &Options { published, dataset: Some(&doc), seed_file });
    if format == "table" {
        print!("{}", draft::table(&file));
    } else {
        match serde_json::to_string_pretty(&file) {
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("cannot write the drafts: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    eprintln!(
        "{}: {} draft event(s); review each, set \"draft\": false, write the English texts, then run marsad-data add",
        article.display(),
        file.drafts.len()
    );
    ExitCode::SUCCESS
}

/// The day of the release: `--date`, or today (UTC).
fn release_day(given: Option<&str>) -> Result<PartialDate, String> {
    match given {
        Some(d) => PartialDate::parse(d, Precision::Day).map_err(|e| format!("--date: {e}")),
        None => Ok(PartialDate::today()),
    }
}

pub fn add(article: &Path, reviewed: &Path, rest: &[&str]) -> ExitCode {
    let f = match flags(rest, &["--data", "--date"], &[]) {
        Ok(f) => f,
        Err(e) => return usage(&e),
    };
    let today = match release_day(f.get("--date")) {
        Ok(d) => d,
        Err(e) => return usage(&e),
    };
    let data = PathBuf::from(f.get("--data").unwrap_or(DATA));
    let dir = data.parent().unwrap_or(Path::new(".")).to_path_buf();
    let reviewed_file = std::fs::read_to_string(reviewed)
        .map_err(|e| format!("{}: cannot read: {e}", reviewed.display()))
        .and_then(|j| serde_json::from_str::<DraftFile>(&j).map_err(|e| format!("{}: {e}", reviewed.display())));
    let (text, doc, file) = match (read_article(article), read_dataset(&data), reviewed_file) {
        (Ok(t), Ok(d), Ok(r)) => (t, d, r),
        (t, d, r) => {
            for e in [t.err(), d.err(), r.err()].into_iter().flatten() {
                eprintln!("{e}");
            }
            return ExitCode::from(2);
        }
    };
    let read = |p: &str| std::fs::read_to_string(dir.join(p)).ok();
    let added = match review::add(doc, &text, file, today, &read) {
        Ok(a) => a,
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!("{}: nothing written ({} problem(s))", data.display(), errors.len());
            return ExitCode::FAILURE;
        }
    };
    match write(&dir, &data, &text, &added) {
        Ok(release) => {
            println!(
                "{}: {} as {}; {} event(s) added ({}); {} new countr{}, {} new actor(s); version {}; archived in {}",
                data.display(),
                article.display(),
                added.article_path,
                added.events.len(),
                added.events.join(", "),
                added.new_countries.len(),
                if added.new_countries.len() == 1 { "y" } else { "ies" },
                added.new_actors.len(),
                added.doc.dataset_version,
                release.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the article, the release archive and the dataset, all or nothing: each goes to a
/// temporary file beside its place first, then they are renamed into place (the dataset last,
/// so it never names an article that is not there); if a step fails, what was put in place is
/// taken out again. Returns the archive's path.
fn write(dir: &Path, data: &Path, text: &str, added: &review::Added) -> Result<PathBuf, String> {
    let article = dir.join(&added.article_path);
    let release_dir = dir.join("releases").join(&added.doc.dataset_version);
    let release = release_dir.join("events.json");
    for taken in [&article, &release] {
        if taken.exists() {
            return Err(format!("{}: already exists; nothing written", taken.display()));
        }
    }
    let json = serde_json::to_string_pretty(&added.doc).map_err(|e| format!("cannot write the dataset: {e}"))? + "\n";
    let files = [(&article, text), (&release, json.as_str()), (&data.to_path_buf(), json.as_str())];
    let temp = |p: &Path| p.with_extension("tmp-marsad-add");
    let made_release_dir = !release_dir.exists();
    let undo = |placed: &[&PathBuf], why: String| {
        for (p, _) in &files {
            std::fs::remove_file(temp(p)).ok();
        }
        for p in placed {
            std::fs::remove_file(p).ok();
        }
        if made_release_dir {
            std::fs::remove_dir(&release_dir).ok();
        }
        format!("{why}; nothing written")
    };
    let fail = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    for (p, contents) in &files {
        let made = p.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(temp(p), contents));
        made.map_err(|e| undo(&[], fail(p, e)))?;
    }
    let mut placed: Vec<&PathBuf> = Vec::new();
    for (p, _) in &files {
        std::fs::rename(temp(p), p).map_err(|e| undo(&placed, fail(p, e)))?;
        placed.push(p);
    }
    Ok(release)
}

pub fn eval(rest: &[&str]) -> ExitCode {
    let f = match flags(rest, &["--data"], &["--without-aliases"]) {
        Ok(f) => f,
        Err(e) => return usage(&e),
    };
    let data = PathBuf::from(f.get("--data").unwrap_or(DATA));
    let doc = match read_dataset(&data) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let dir = data.parent().unwrap_or(Path::new(".")).to_path_buf();
    let read = |p: &str| std::fs::read_to_string(dir.join(p)).ok();
    let with_aliases = !f.bare.contains(&"--without-aliases");
    let scores = draft::eval::evaluate(&doc, &read, with_aliases);
    println!("{} ({} the dataset's aliases)", data.display(), if with_aliases { "with" } else { "without" });
    print!("{}", draft::eval::table(&scores));
    ExitCode::SUCCESS
}
