//! Draft events from a new Arabic article, for an editor to review (`marsad-data draft`), and the
//! merge of reviewed drafts into the dataset (`marsad-data add`, [`review`]).
//!
//! Rules, no model: the article is split into sentences ([`sentence`]); each sentence's words
//! ([`words`]) are matched against a gazetteer of every state and the dataset's aliases
//! ([`gazetteer`]), a trigger lexicon of how Arabic news reports diplomacy ([`lexicon`]) and
//! date expressions resolved against the publication date ([`dates`]). A sentence with a trigger
//! and a state becomes a draft whose quote is the sentence itself, byte for byte; drafts of the
//! same type, parties and date are one event with several quotes. Every field carries a
//! confidence and the words it was read from.
//!
//! Native only: `lib.rs` leaves this module out of the wasm build, so none of it (the
//! gazetteer least of all) reaches the browser. ARCHITECTURE.md says where a model could plug in.

pub mod dates;
pub mod eval;
pub mod gazetteer;
pub mod lexicon;
pub mod outlets;
pub mod review;
pub mod sentence;
pub mod words;

use serde::{Deserialize, Serialize};

use crate::data::date::PartialDate;
use crate::data::wire::{Note, Text, WireActor, WireCountry, WireDoc};
use crate::vocab::{EventType, Precision, Tone, Topic};
use gazetteer::{Gazetteer, Kind, Mention};
use lexicon::{Class, Lexicon, Sentence};

/// What `draft` writes and `add` reads back once an editor has reviewed it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftFile {
    /// The article record to add (its id and text path are given by `add`).
    pub article: DraftArticle,
    /// States the drafts name that the dataset does not have yet, as full records.
    #[serde(default)]
    pub countries: Vec<WireCountry>,
    /// New actors, added by the editor (the rules only propose the dataset's own).
    #[serde(default)]
    pub actors: Vec<WireActor>,
    pub drafts: Vec<DraftEvent>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftArticle {
    pub seed_file: String,
    pub title: Text,
    pub published: String,
    pub published_precision: Precision,
    /// How the date was found, in Arabic and English (the review asks for both).
    pub published_note: Note,
    #[serde(default)]
    pub outlets: Vec<Text>,
}

/// One draft event: the dataset's event fields, a draft mark, and per-field confidence.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftEvent {
    /// True until an editor has reviewed the event; `add` refuses it while true.
    #[serde(default)]
    pub draft: bool,
    pub id: String,
    pub date: String,
    pub date_precision: Precision,
    #[serde(rename = "type")]
    pub kind: EventType,
    pub parties: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiator: Option<String>,
    #[serde(default)]
    pub actors: Vec<String>,
    pub topics: Vec<Topic>,
    pub tone: Tone,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Text>,
    pub title: Text,
    pub summary: Text,
    pub sources: Vec<DraftSource>,
    #[serde(default)]
    pub related: Vec<String>,
    /// How sure the rules are of each field, 0–1. Ignored by `add`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// The words each field was read from. Ignored by `add`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftSource {
    /// A sentence of the article, byte for byte.
    pub quote: String,
}

/// Confidence per field, 0–1 (two decimals).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confidence {
    pub date: f32,
    #[serde(rename = "type")]
    pub kind: f32,
    pub parties: f32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initiator: Option<f32>,
    pub actors: f32,
    pub topics: f32,
    pub tone: f32,
    pub title: f32,
    pub summary: f32,
    pub quote: f32,
}

/// Where each field came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// 1-based numbers of the article's sentences quoted.
    pub sentences: Vec<usize>,
    /// The trigger word as written.
    #[serde(rename = "type")]
    pub kind: String,
    /// The date expression as written, or why the publication date was taken.
    pub date: String,
    /// The words that name the parties, as written.
    pub parties: Vec<String>,
}

/// What the rules need besides the article.
pub struct Options<'a> {
    pub published: PartialDate,
    /// The dataset the drafts are for: its aliases are matched, its ids avoided, and states it
    /// lacks become new country records.
    pub dataset: Option<&'a WireDoc>,
    /// The article's file name (`seed_file`).
    pub seed_file: String,
}

/// The rules, built once for many articles.
pub struct Drafter {
    gazetteer: Gazetteer,
    lexicon: Lexicon,
    dates: dates::Dates,
}

/// Rounds a confidence to two decimals.
fn round(x: f32) -> f32 {
    (x.clamp(0.0, 1.0) * 100.0).round() / 100.0
}

/// Types with a direction: one party acts on the others.
fn directed(kind: EventType) -> bool {
    matches!(
        kind,
        EventType::Accusation
            | EventType::Sanction
            | EventType::Decision
            | EventType::Pledge
            | EventType::CyberIncident
            | EventType::Statement
    )
}

impl Drafter {
    pub fn new(dataset: Option<&WireDoc>) -> Result<Drafter, gazetteer::LineError> {
        Ok(Drafter { gazetteer: Gazetteer::new(dataset)?, lexicon: Lexicon::new(), dates: dates::Dates::new() })
    }

    /// The drafts for one article.
    pub fn draft(&self, text: &str, opts: &Options<'_>) -> DraftFile {
        let ranges = sentence::sentences(text);
        let mut drafts: Vec<DraftEvent> = Vec::new();
        for (n, range) in ranges.iter().enumerate() {
            if let Some(d) = self.sentence(&text[range.clone()], n + 1, opts) {
                match drafts.iter_mut().find(|o| same_event(o, &d)) {
                    Some(o) => merge(o, d),
                    None => drafts.push(d),
                }
            }
        }
        let taken: Vec<&str> = opts
            .dataset
            .map(|doc| {
                doc.events.iter().map(|e| e.id.as_str()).chain(doc.withdrawn.iter().map(|w| w.id.as_str())).collect()
            })
            .unwrap_or_default();
        let mut ids: Vec<String> = Vec::new();
        for d in &mut drafts {
            let year = d.date.get(..4).unwrap_or_default().parse().unwrap_or(opts.published.year);
            d.id = unique_id(&slug(&d.parties, d.kind, year), &taken, &ids);
            ids.push(d.id.clone());
        }
        let known = |code: &str| opts.dataset.is_some_and(|doc| doc.countries.iter().any(|c| c.code == code));
        let mut countries: Vec<WireCountry> = Vec::new();
        for code in drafts.iter().flat_map(|d| d.parties.iter()) {
            if !known(code) && !countries.iter().any(|c| c.code == *code) {
                if let Some(s) = self.gazetteer.state(code) {
                    countries.push(WireCountry {
                        code: s.code.clone(),
                        name: s.name.clone(),
                        aliases: s.aliases.clone(),
                    });
                }
            }
        }
        DraftFile { article: article(text, &ranges, opts), countries, actors: Vec::new(), drafts }
    }

    /// A draft from one sentence (`n` is its 1-based number), if it reports an event between states.
    fn sentence(&self, s: &str, n: usize, opts: &Options<'_>) -> Option<DraftEvent> {
        let words = words::words(s);
        // "اقرأ أيضاً: …" links to another article; it reports nothing here.
        if words.len() > 1 && words[0].norm.trim_start_matches('ا') == "قرا" && words[1].norm == "ايضا" {
            return None;
        }
        let lookup = Sentence::new(&words);
        let mut found = self.lexicon.triggers(&lookup);
        lexicon::attributions(&mut found);
        let main = lexicon::main_trigger(&found)?;
        let mentions = self.gazetteer.mentions(s, &words);
        let parties = parties(&mentions);
        if parties.is_empty() {
            return None;
        }
        let kind = main.trigger.kind;
        // A reporting verb alone reports an event only between two states or about cyber matters.
        if main.trigger.class == Class::Frame && parties.len() < 2 && !lexicon::is_cyber(&self.lexicon, &lookup) {
            return None;
        }
        let type_conf = type_confidence(main, &found);
        let date = self.dates.nearest(s, &words, opts.published, main.at);
        let (when, date_conf, date_evidence) = match date {
            Some(d) => (d.date, d.confidence, d.surface),
            None => (opts.published, 0.3, UNDATED.to_owned()),
        };
        let codes: Vec<String> = parties.iter().map(|(c, _)| (*c).to_owned()).collect();
        let initiator = (directed(kind) && codes.len() > 1).then(|| initiator(&mentions, main.at)).flatten();
        let mut actors: Vec<String> = Vec::new();
        extend_new(&mut actors, mentions.iter().filter_map(|m| m.actor.clone()));
        let topics = self.lexicon.topics(&lookup);
        let (topics, topic_conf) =
            if topics.is_empty() { (vec![Topic::DiplomaticRelations], 0.3) } else { (topics, 0.6) };
        let party_conf = parties.iter().map(|(_, c)| *c).fold(1.0, f32::min);
        let names = |lang: crate::i18n::Lang| self.party_names(&codes, opts.dataset, lang);
        Some(DraftEvent {
            draft: true,
            id: slug(&codes, kind, when.year),
            date: when.to_string(),
            date_precision: when.precision(),
            kind,
            parties: codes.clone(),
            initiator: initiator.as_ref().map(|(c, _)| c.clone()),
            actors: actors.clone(),
            topics,
            tone: main.trigger.tone.unwrap_or_else(|| lexicon::tone_of(kind)),
            place: None,
            title: Text {
                ar: format!("{} — {}", kind.label(crate::i18n::Lang::Ar), names(crate::i18n::Lang::Ar)),
                en: format!("{} — {}", kind.label(crate::i18n::Lang::En), names(crate::i18n::Lang::En)),
            },
            summary: Text { ar: s.to_owned(), en: String::new() },
            sources: vec![DraftSource { quote: s.to_owned() }],
            related: Vec::new(),
            confidence: Some(Confidence {
                date: round(date_conf),
                kind: round(type_conf),
                parties: round(party_conf),
                initiator: initiator.map(|(_, c)| round(c)),
                actors: if actors.is_empty() { 0.5 } else { 0.7 },
                topics: topic_conf,
                tone: 0.6,
                title: 0.3,
                summary: 0.0,
                quote: 1.0,
            }),
            evidence: Some(Evidence {
                sentences: vec![n],
                kind: words[main.at].surface.to_owned(),
                date: date_evidence,
                parties: mentions.iter().filter(|m| !m.code.is_empty()).map(|m| m.surface.clone()).collect(),
            }),
        })
    }

    /// The parties' names joined as a title reads them: "مصر والمغرب", "Egypt and Morocco".
    fn party_names(&self, codes: &[String], dataset: Option<&WireDoc>, lang: crate::i18n::Lang) -> String {
        let name = |code: &String| {
            let text = dataset
                .and_then(|d| d.countries.iter().find(|c| c.code == *code).map(|c| &c.name))
                .or_else(|| self.gazetteer.state(code).map(|s| &s.name));
            text.map_or(code.clone(), |t| if lang == crate::i18n::Lang::Ar { t.ar.clone() } else { t.en.clone() })
        };
        let names: Vec<String> = codes.iter().map(name).collect();
        match (lang, names.split_last()) {
            (_, None) => String::new(),
            (_, Some((last, []))) => last.clone(),
            (crate::i18n::Lang::Ar, Some((last, rest))) => format!("{} و{last}", rest.join(" و")),
            (crate::i18n::Lang::En, Some((last, rest))) => format!("{} and {last}", rest.join(", ")),
        }
    }
}

/// The states the mentions name, in order of first mention, each with its surest mention's
/// confidence.
fn parties(mentions: &[Mention]) -> Vec<(&str, f32)> {
    let mut parties: Vec<(&str, f32)> = Vec::new();
    for m in mentions.iter().filter(|m| !m.code.is_empty()) {
        match parties.iter_mut().find(|(c, _)| *c == m.code) {
            Some((_, conf)) => *conf = conf.max(m.kind.confidence()),
            None => parties.push((&m.code, m.kind.confidence())),
        }
    }
    parties
}

/// How sure the type is: a verb more than a noun, a reporting verb least; a cue adds a little,
/// a verb of another type in the sentence takes some away.
fn type_confidence(main: &lexicon::Found, found: &[lexicon::Found]) -> f32 {
    let rivals = found.iter().any(|f| f.trigger.class == Class::Verb && f.trigger.kind != main.trigger.kind);
    let base = match main.trigger.class {
        Class::Verb => 0.8 + if main.trigger.cue != lexicon::Cue::None { 0.05 } else { 0.0 },
        Class::Noun => 0.6,
        Class::Frame => 0.4,
    };
    base - if rivals { 0.15 } else { 0.0 }
}

/// The initiator of a directed event: the first state named after the main trigger (Arabic news
/// puts the subject after the verb), else the first named. With its confidence.
fn initiator(mentions: &[Mention], trigger_at: usize) -> Option<(String, f32)> {
    let states = || mentions.iter().filter(|m| !m.code.is_empty() && m.kind != Kind::Ambiguous);
    match states().find(|m| m.at > trigger_at) {
        Some(m) => Some((m.code.clone(), 0.6)),
        None => states().next().map(|m| (m.code.clone(), 0.4)),
    }
}

/// The id a draft proposes: parties, type and year ("eg-ma-agreement-2023").
fn slug(codes: &[String], kind: EventType, year: i32) -> String {
    let mut parts: Vec<String> = codes.iter().take(4).map(|c| c.to_ascii_lowercase()).collect();
    parts.push(kind.id().replace('_', "-"));
    parts.push(year.to_string());
    parts.join("-")
}

/// `id`, or `id-2`, `id-3`… if the dataset or an earlier draft has it.
fn unique_id(id: &str, taken: &[&str], drafted: &[String]) -> String {
    let free = |c: &str| !taken.contains(&c) && !drafted.iter().any(|d| d == c);
    let mut candidate = id.to_owned();
    let mut n = 2;
    while !free(&candidate) {
        candidate = format!("{id}-{n}");
        n += 1;
    }
    candidate
}

/// Whether two drafts report the same event: type, parties (in any order) and date, where an
/// undated headline takes the date of the sentence that reports its event. (An undated sentence
/// in the body is as often background about another event of the same kind: it stays apart.)
fn same_event(a: &DraftEvent, b: &DraftEvent) -> bool {
    let headline = |d: &DraftEvent| undated(d) && d.evidence.as_ref().is_some_and(|e| e.sentences == [1]);
    a.kind == b.kind && (a.date == b.date || headline(a) || headline(b)) && same_parties(&a.parties, &b.parties)
}

/// Whether two party lists name the same states, in any order.
pub(crate) fn same_parties(a: &[String], b: &[String]) -> bool {
    let sorted = |p: &[String]| {
        let mut p = p.to_vec();
        p.sort();
        p
    };
    sorted(a) == sorted(b)
}

/// Appends the items `into` does not have yet, in order.
pub(crate) fn extend_new<T: PartialEq>(into: &mut Vec<T>, items: impl IntoIterator<Item = T>) {
    for item in items {
        if !into.contains(&item) {
            into.push(item);
        }
    }
}

/// The evidence text of a date taken from the publication.
const UNDATED: &str = "none in the sentence: the publication date";

/// Whether a draft's date is the publication date because its sentences had none.
fn undated(d: &DraftEvent) -> bool {
    d.evidence.as_ref().is_some_and(|e| e.date == UNDATED)
}

/// Adds `b`'s quote and evidence to `a`, keeping the higher confidences.
fn merge(a: &mut DraftEvent, b: DraftEvent) {
    if undated(a) && !undated(&b) {
        a.date.clone_from(&b.date);
        a.date_precision = b.date_precision;
        if let (Some(ea), Some(eb)) = (a.evidence.as_mut(), b.evidence.as_ref()) {
            ea.date.clone_from(&eb.date);
        }
        if let (Some(ca), Some(cb)) = (a.confidence.as_mut(), b.confidence.as_ref()) {
            ca.date = cb.date;
        }
    }
    // An article may repeat a sentence word for word: one quote is enough.
    extend_new(&mut a.sources, b.sources);
    extend_new(&mut a.actors, b.actors);
    extend_new(&mut a.topics, b.topics);
    a.topics.sort();
    // Diplomatic relations, the default topic, gives way once another is known.
    if a.topics.len() > 1 {
        a.topics.retain(|t| *t != Topic::DiplomaticRelations);
    }
    if let (Some(ea), Some(eb)) = (a.evidence.as_mut(), b.evidence) {
        ea.sentences.extend(eb.sentences);
    }
    if let (Some(ca), Some(cb)) = (a.confidence.as_mut(), b.confidence) {
        ca.kind = ca.kind.max(cb.kind);
        ca.parties = ca.parties.max(cb.parties);
        ca.date = ca.date.max(cb.date);
    }
}

/// The article record: its headline (a first line without a sentence end) as the Arabic title.
fn article(text: &str, ranges: &[std::ops::Range<usize>], opts: &Options<'_>) -> DraftArticle {
    let first = ranges.first().map(|r| &text[r.clone()]).unwrap_or("");
    let headline = !first.contains('\n') && !first.ends_with(|c: char| sentence::is_end(c) || matches!(c, '»' | '”'));
    DraftArticle {
        seed_file: opts.seed_file.clone(),
        title: Text { ar: if headline { first.to_owned() } else { String::new() }, en: String::new() },
        published: opts.published.to_string(),
        published_precision: opts.published.precision(),
        published_note: Note::default(),
        outlets: outlets::cited(text),
    }
}

/// The drafts as a table for review.
pub fn table(file: &DraftFile) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} (published {}): {} draft event(s), {} new countr{}",
        file.article.seed_file,
        file.article.published,
        file.drafts.len(),
        file.countries.len(),
        if file.countries.len() == 1 { "y" } else { "ies" }
    );
    for (i, d) in file.drafts.iter().enumerate() {
        let c = d.confidence.as_ref();
        let conf = |f: fn(&Confidence) -> f32| c.map_or(String::new(), |c| format!(" ({:.2})", f(c)));
        let _ = writeln!(out, "\n{:>3}. {}", i + 1, d.id);
        let _ = writeln!(out, "     type     {}{}", d.kind.id(), conf(|c| c.kind));
        let _ = writeln!(out, "     parties  {}{}", d.parties.join(", "), conf(|c| c.parties));
        if let Some(init) = &d.initiator {
            let _ = writeln!(
                out,
                "     initiator {init}{}",
                c.and_then(|c| c.initiator).map_or(String::new(), |x| format!(" ({x:.2})"))
            );
        }
        let _ = writeln!(out, "     date     {} ({}){}", d.date, d.date_precision.id(), conf(|c| c.date));
        let topics: Vec<&str> = d.topics.iter().map(|t| t.id()).collect();
        let _ = writeln!(out, "     topics   {}{}", topics.join(", "), conf(|c| c.topics));
        if let Some(e) = &d.evidence {
            let _ = writeln!(
                out,
                "     read from: sentence {}; type «{}»; date «{}»; parties «{}»",
                e.sentences.iter().map(usize::to_string).collect::<Vec<_>>().join(", "),
                e.kind,
                e.date,
                e.parties.join("» «")
            );
        }
        for s in &d.sources {
            let _ = writeln!(out, "     quote    {}", s.quote.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    for c in &file.countries {
        let _ = writeln!(out, "\nnew country {}: {} / {}", c.code, c.name.ar, c.name.en);
    }
    out
}

#[cfg(test)]
mod tests;
