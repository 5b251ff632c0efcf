//! `marsad-data draft` on Arabic newswire sentences written for these tests
//! (`data/draft/sentences.txt`, each with its answer), and `draft` / `add` from the command line.

use marsad::data::date::PartialDate;
use marsad::draft::{Drafter, Options};
use marsad::vocab::Precision;

use crate::util::data_dir;

/// One block of `sentences.txt`.
struct Case {
    sentence: String,
    published: String,
    kind: String,
    parties: Vec<String>,
    date: String,
    precision: String,
}

fn cases() -> Vec<Case> {
    let text = std::fs::read_to_string(data_dir().join("draft/sentences.txt")).unwrap();
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let field = |key: &str| {
            block
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{key}: ")))
                .unwrap_or_else(|| panic!("a block without {key}: {block}"))
                .trim()
                .to_owned()
        };
        if block.lines().all(|l| l.starts_with('#') || l.trim().is_empty()) {
            continue;
        }
        let mut parties: Vec<String> = field("parties").split_whitespace().map(str::to_owned).collect();
        parties.sort();
        out.push(Case {
            sentence: field("sentence"),
            published: field("published"),
            kind: field("type"),
            parties,
            date: field("date"),
            precision: field("precision"),
        });
    }
    out
}

fn published(text: &str) -> PartialDate {
    let precision = if text.len() == 7 { Precision::Month } else { Precision::Day };
    PartialDate::parse(text, precision).unwrap()
}

/// Every sentence gives one draft with the written answer's type, parties, date and precision,
/// and its quote is the sentence byte for byte.
#[test]
fn drafts_match_the_answers_of_sentences_written_for_the_tests() {
    let drafter = Drafter::new(None).unwrap();
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut wrong = Vec::new();
    for c in &cases {
        let opts = Options { published: published(&c.published), dataset: None, seed_file: "t.txt".into() };
        let file = drafter.draft(&c.sentence, &opts);
        let Some(d) = file.drafts.first() else {
            wrong.push(format!("no draft: {}", c.sentence));
            continue;
        };
        let mut parties = d.parties.clone();
        parties.sort();
        let got = (d.kind.id(), parties.join(" "), d.date.as_str(), d.date_precision.id());
        let want = (c.kind.as_str(), c.parties.join(" "), c.date.as_str(), c.precision.as_str());
        if got != want || file.drafts.len() != 1 || d.sources[0].quote != c.sentence.trim() {
            wrong.push(format!("{}\n    got  {got:?} ({} drafts)\n    want {want:?}", c.sentence, file.drafts.len()));
        }
    }
    assert!(wrong.is_empty(), "{} of {} wrong:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}
