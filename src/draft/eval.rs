//! How well the rules recover curated events: drafts of each article against the events that
//! cite it, matched one to one by parties (as a set), type, and date (equal at the coarser of the
//! two precisions). Misses are put in one class each, from the drafts made of the curated
//! event's own quoted sentences.

use super::{same_parties, DraftEvent, Drafter, Options};
use crate::data::date::PartialDate;
use crate::data::validate::locate_quote;
use crate::data::wire::{WireDoc, WireEvent};

/// Why a curated event had no matching draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Miss {
    /// No draft came from any sentence it quotes (no trigger, or no state, in them).
    NoDraft,
    /// A draft came from its sentences, with other parties.
    Parties,
    /// Right parties, other type.
    Type,
    /// Right parties and type, other date.
    Date,
    /// A matching draft was already taken by another curated event.
    Taken,
}

impl Miss {
    pub fn label(self) -> &'static str {
        match self {
            Miss::NoDraft => "no draft from its sentences",
            Miss::Parties => "parties differ",
            Miss::Type => "type differs",
            Miss::Date => "date differs",
            Miss::Taken => "matched draft taken by another event",
        }
    }
}

/// One article's score.
#[derive(Clone, Debug)]
pub struct Score {
    pub article: String,
    pub curated: usize,
    pub drafts: usize,
    pub matched: usize,
    pub misses: Vec<(String, Miss)>,
    /// Milliseconds the drafting took.
    pub millis: f64,
    /// The article record's outlets: (curated, found among them, found but not curated).
    pub outlets: (usize, usize, usize),
}

impl Score {
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.curated)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.drafts)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Dates equal at the coarser precision of the two.
pub fn dates_agree(a: PartialDate, b: PartialDate) -> bool {
    a.year == b.year
        && (a.month.is_none() || b.month.is_none() || a.month == b.month)
        && (a.day.is_none() || b.day.is_none() || a.day == b.day)
}

fn date_of(date: &str, precision: crate::vocab::Precision) -> Option<PartialDate> {
    PartialDate::parse(date, precision).ok()
}

fn matches(d: &DraftEvent, e: &WireEvent) -> bool {
    let (Some(a), Some(b)) = (date_of(&d.date, d.date_precision), date_of(&e.date, e.date_precision)) else {
        return false;
    };
    d.kind == e.kind && same_parties(&d.parties, &e.parties) && dates_agree(a, b)
}

/// Scores every article of `doc`. `texts` reads an article text by its path; `with_aliases`
/// lets the rules use the dataset's own aliases (which were written from these articles, so
/// without them is the fairer test of the gazetteer).
pub fn evaluate(doc: &WireDoc, texts: &dyn Fn(&str) -> Option<String>, with_aliases: bool) -> Vec<Score> {
    let Ok(drafter) = Drafter::new(with_aliases.then_some(doc)) else { return Vec::new() };
    let mut out = Vec::new();
    for a in &doc.articles {
        let Some(text) = texts(&a.text) else { continue };
        let Ok(published) = PartialDate::parse(&a.published, a.published_precision) else { continue };
        let opts = Options { published, dataset: with_aliases.then_some(doc), seed_file: a.seed_file.clone() };
        let started = std::time::Instant::now();
        let file = drafter.draft(&text, &opts);
        let millis = started.elapsed().as_secs_f64() * 1000.0;
        let found = file.article.outlets.iter().filter(|o| a.outlets.iter().any(|c| c.en == o.en)).count();
        let outlets = (a.outlets.len(), found, file.article.outlets.len() - found);
        let drafts = file.drafts;
        let curated: Vec<&WireEvent> =
            doc.events.iter().filter(|e| e.sources.iter().any(|s| s.article == a.id)).collect();
        let mut used = vec![false; drafts.len()];
        let mut misses = Vec::new();
        let mut matched = 0;
        // One to one: first the drafts made from the event's own sentences, then any.
        let mut open: Vec<&WireEvent> = Vec::new();
        for e in &curated {
            let own = |(i, d): &(usize, &DraftEvent)| !used[*i] && matches(d, e) && overlaps(d, e, &text, &a.id);
            match drafts.iter().enumerate().find(own) {
                Some((i, _)) => {
                    used[i] = true;
                    matched += 1;
                }
                None => open.push(e),
            }
        }
        for e in open {
            match drafts.iter().enumerate().position(|(i, d)| !used[i] && matches(d, e)) {
                Some(i) => {
                    used[i] = true;
                    matched += 1;
                }
                None => misses.push((e.id.clone(), why(e, &drafts, &text, &a.id))),
            }
        }
        out.push(Score {
            article: a.id.clone(),
            curated: curated.len(),
            drafts: drafts.len(),
            matched,
            misses,
            millis,
            outlets,
        });
    }
    out
}

/// Whether a draft quotes a sentence that overlaps one of the event's quotes from `article`.
fn overlaps(d: &DraftEvent, e: &WireEvent, text: &str, article: &str) -> bool {
    let quoted: Vec<std::ops::Range<usize>> =
        e.sources.iter().filter(|s| s.article == article).filter_map(|s| locate_quote(text, &s.quote)).collect();
    d.sources
        .iter()
        .filter_map(|s| locate_quote(text, &s.quote))
        .any(|r| quoted.iter().any(|q| r.start < q.end && q.start < r.end))
}

/// The class of a miss: the best any draft from the event's own sentences came.
fn why(e: &WireEvent, drafts: &[DraftEvent], text: &str, article: &str) -> Miss {
    if drafts.iter().any(|d| matches(d, e)) {
        return Miss::Taken;
    }
    let near: Vec<&DraftEvent> = drafts.iter().filter(|d| overlaps(d, e, text, article)).collect();
    if near.is_empty() {
        Miss::NoDraft
    } else if !near.iter().any(|d| same_parties(&d.parties, &e.parties)) {
        Miss::Parties
    } else if !near.iter().any(|d| same_parties(&d.parties, &e.parties) && d.kind == e.kind) {
        Miss::Type
    } else {
        Miss::Date
    }
}

/// The scores as a table: per article, then overall, then the misses by class.
pub fn table(scores: &[Score]) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ =
        writeln!(out, "article  curated  drafts  matched  recall  precision  time      outlets found/curated (+extra)");
    let (mut c, mut d, mut m, mut t, mut o) = (0, 0, 0, 0.0, (0, 0, 0));
    let row = |out: &mut String, name: &str, (c, d, m): (usize, usize, usize), t: f64, o: (usize, usize, usize)| {
        let (r, p) = (ratio(m, c), ratio(m, d));
        let _ =
            writeln!(out, "{name:<8} {c:>7} {d:>7} {m:>8} {r:>7.2} {p:>10.2} {t:>6.1} ms  {}/{} (+{})", o.1, o.0, o.2);
    };
    for s in scores {
        row(&mut out, &s.article, (s.curated, s.drafts, s.matched), s.millis, s.outlets);
        c += s.curated;
        d += s.drafts;
        m += s.matched;
        t += s.millis;
        o = (o.0 + s.outlets.0, o.1 + s.outlets.1, o.2 + s.outlets.2);
    }
    row(&mut out, "all", (c, d, m), t, o);
    let mut misses: Vec<(Miss, &str)> =
        scores.iter().flat_map(|s| s.misses.iter().map(|(id, w)| (*w, id.as_str()))).collect();
    misses.sort();
    let mut last = None;
    for (w, id) in misses {
        if last != Some(w) {
            let _ = writeln!(out, "\nmissed, {}:", w.label());
            last = Some(w);
        }
        let _ = writeln!(out, "  {id}");
    }
    out
}
