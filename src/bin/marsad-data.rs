//! `marsad-data`: command-line tools for the dataset.
//!
//! - `validate FILE` — the strict validator; prints `path: reason` lines, exits 1 on any problem.

use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "usage: marsad-data validate FILE.json";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["validate", file] => validate(Path::new(file)),
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
        match marsad::data::load(&json) {
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
