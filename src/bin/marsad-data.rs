//! `marsad-data`: command-line tools for the dataset.
//!
//! - `validate FILE` — the strict validator; prints `path: reason` lines, exits 1 on any problem.
//!   A sharded head (see `marsad::data::shard`) is validated together with its shards.
//! - `synth N OUT_DIR [--seed S]` — writes a synthetic dataset of N events (`OUT_DIR/events.json`
//!   and `OUT_DIR/articles/*.txt`) for the benchmark; see `marsad::synth`.
//! - `timelinejs FILE [ar|en]` — prints every event of a dataset as TimelineJS 3 JSON (the
//!   explorer's own export), for the benchmark's side-by-side comparison.

use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage: marsad-data validate FILE.json
       marsad-data synth N OUT_DIR [--seed S]
       marsad-data timelinejs FILE.json [ar|en]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["validate", file] => validate(Path::new(file)),
        ["synth", n, dir] => synth(n, Path::new(dir), "1"),
        ["synth", n, dir, "--seed", seed] => synth(n, Path::new(dir), seed),
        ["timelinejs", file] => timelinejs(Path::new(file), "ar"),
        ["timelinejs", file, lang] => timelinejs(Path::new(file), lang),
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
