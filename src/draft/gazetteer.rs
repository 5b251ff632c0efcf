//! Which states (and which of the dataset's actors) a sentence names.
//!
//! Two sources, merged: `gazetteer.txt` (every state in Arabic and English: names, spelling
//! variants, demonyms, capitals and seats of government used as metonyms; its header says the
//! format) and the dataset's own country and actor aliases. Demonyms are written once, masculine
//! singular; their feminine, plural, dual and definite forms are generated here ("صيني" →
//! صينية، الصينيون، الصينيين…). A phrase may follow a proclitic on its first word ("وللولايات
//! المتحدة"), longest phrase first. Newspaper names that contain a place ("واشنطن بوست") name no
//! state.

use std::collections::HashMap;

use super::words::{bases, Word};
use crate::data::wire::{Text, WireDoc};
use crate::search::normalize;

/// The gazetteer, compiled into the native tools only (see `super`).
pub const GAZETTEER: &str = include_str!("gazetteer.txt");

/// Broken plurals of demonyms, which no suffix rule makes: (code, plural without the article).
const BROKEN_PLURALS: &[(&str, &str)] = &[
    ("RU", "روس"),
    ("TR", "أتراك"),
    ("DE", "ألمان"),
    ("US", "أمريكان"),
    ("US", "أميركان"),
    ("GB", "إنجليز"),
    ("GB", "إنكليز"),
];

/// Names that contain a state's name but name no state: a region, and (with every outlet of
/// [`super::outlets::OUTLETS`]) newspapers and broadcasters ("واشنطن بوست", "روسيا اليوم").
const NOT_PLACES: &[&str] = &[
    "المغرب العربي",
    "أمريكا اللاتينية",
    "أميركا اللاتينية",
    "أمريكا الجنوبية",
    "أميركا الجنوبية",
    "أمريكا الشمالية",
    "أميركا الشمالية",
    "أمريكا الوسطى",
    "أميركا الوسطى",
    // The Council of Europe's cybercrime convention.
    "اتفاقية بودابست",
    "معاهدة بودابست",
    // "birthplace".
    "مسقط رأس",
    "مسقط رأسه",
    "مسقط رأسها",
    // RT, with the word that marks it as a channel (alone, "روسيا اليوم" is "Russia today").
    "قناة روسيا اليوم",
    "شبكة روسيا اليوم",
    "تلفزيون روسيا اليوم",
    "Washington Post",
    "New York Times",
];

/// How a mention names its state.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// A form that is also a common word ("مالي" is "financial"): counted only beside an
    /// unambiguous mention of the same state.
    Ambiguous,
    /// Through one of the dataset's actors ("بوتين" → RU).
    Actor,
    Demonym,
    Capital,
    Name,
}

impl Kind {
    /// How sure a mention of this kind is that the state takes part.
    pub fn confidence(self) -> f32 {
        match self {
            Kind::Ambiguous => 0.4,
            Kind::Actor => 0.7,
            Kind::Demonym => 0.8,
            Kind::Capital => 0.85,
            Kind::Name => 0.95,
        }
    }
}

/// What a phrase names.
#[derive(Clone, Debug, PartialEq)]
enum Target {
    State(usize, Kind),
    Actor(usize),
    Nothing,
}

/// One state of the gazetteer.
#[derive(Clone, Debug)]
pub struct State {
    pub code: String,
    pub name: Text,
    /// Every form in the gazetteer line, Arabic then English, for a new country record's aliases.
    pub aliases: Vec<String>,
}

/// A state or actor named in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    pub code: String,
    pub kind: Kind,
    /// The actor's id, for a mention through an actor.
    pub actor: Option<String>,
    /// As written in the sentence.
    pub surface: String,
    /// Word index of the first word.
    pub at: usize,
}

/// The compiled gazetteer: phrases by their first normalised word.
pub struct Gazetteer {
    pub states: Vec<State>,
    by_code: HashMap<String, usize>,
    actors: Vec<(String, Option<String>)>,
    phrases: HashMap<String, Vec<(Vec<String>, Target)>>,
}

/// A problem with a line of the gazetteer text.
#[derive(Debug)]
pub struct LineError {
    pub line: usize,
    pub reason: String,
}

impl std::fmt::Display for LineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "gazetteer line {}: {}", self.line, self.reason)
    }
}

/// The masculine, feminine, plural and dual forms of one demonym word (normalised, nisba in ي).
fn inflections(word: &str) -> Vec<String> {
    if word.ends_with('ي') {
        ["", "ه", "ون", "ين", "ان", "تان", "تين"].iter().map(|s| format!("{word}{s}")).collect()
    } else {
        vec![word.to_owned()]
    }
}

/// Every form of a (possibly multi-word) demonym: each word inflected alike, all with the
/// article or none ("الكوري الشمالي", "كوريه شماليه").
fn demonym_forms(demonym: &str) -> Vec<String> {
    let words: Vec<Vec<String>> = normalize(demonym).split(' ').map(inflections).collect();
    // A word that does not inflect ("جنوب" in "جنوب أفريقي") stays as it is.
    let n = words.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = Vec::new();
    for i in 0..n {
        let plain: Vec<&str> = words.iter().map(|w| w[i.min(w.len() - 1)].as_str()).collect();
        out.push(plain.join(" "));
        // Definite: the article on every word ("الكوري الشمالي") or on the first only
        // ("الجنوب أفريقي").
        out.push(plain.iter().map(|w| format!("ال{w}")).collect::<Vec<_>>().join(" "));
        if plain.len() > 1 {
            out.push(format!("ال{}", plain.join(" ")));
        }
    }
    out.dedup();
    out
}

fn field(s: &str) -> Vec<&str> {
    s.split(';').map(str::trim).filter(|f| !f.is_empty()).collect()
}

impl Gazetteer {
    /// The built-in gazetteer with `dataset`'s country and actor aliases added.
    pub fn new(dataset: Option<&WireDoc>) -> Result<Gazetteer, LineError> {
        let mut g = Gazetteer::parse(GAZETTEER)?;
        if let Some(doc) = dataset {
            g.add_dataset(doc);
        }
        Ok(g)
    }

    /// Parses gazetteer text (see the header of `gazetteer.txt`).
    pub fn parse(text: &str) -> Result<Gazetteer, LineError> {
        let mut g =
            Gazetteer { states: Vec::new(), by_code: HashMap::new(), actors: Vec::new(), phrases: HashMap::new() };
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |reason: String| LineError { line: i + 1, reason };
            let fields: Vec<&str> = line.split('|').map(str::trim).collect();
            let [code, en, ar, demonyms, en_demonyms, capitals, en_capitals, flags] = fields[..] else {
                return Err(err(format!("{} fields, not 8", fields.len())));
            };
            if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(err(format!("\"{code}\" is not an ISO 3166-1 alpha-2 code")));
            }
            if g.by_code.contains_key(code) {
                return Err(err(format!("{code} listed twice")));
            }
            let (en, ar) = (field(en), field(ar));
            let (Some(en_name), Some(ar_name)) = (en.first(), ar.first()) else {
                return Err(err("a state needs an English and an Arabic name".into()));
            };
            let ambiguous_name = flags.split_whitespace().any(|f| f == "ambiguous-name");
            let ambiguous_demonym = flags.split_whitespace().any(|f| f == "ambiguous-demonym");
            if let Some(f) = flags.split_whitespace().find(|f| !["ambiguous-name", "ambiguous-demonym"].contains(f)) {
                return Err(err(format!("unknown flag \"{f}\"")));
            }
            let ix = g.states.len();
            let mut aliases = Vec::new();
            // A one-word form of an ambiguous state is ambiguous ("جمهورية مالي" is not), and so
            // is any form written with a leading "~" ("~كابل": also "cable").
            let kind = |k: Kind, ambiguous: bool, form: &str| {
                if form.starts_with('~') || (ambiguous && !form.trim().contains(' ')) {
                    Kind::Ambiguous
                } else {
                    k
                }
            };
            let bare = |form: &str| form.trim_start_matches('~').to_owned();
            for form in ar.iter().chain(&en) {
                g.add(&bare(form), Target::State(ix, kind(Kind::Name, ambiguous_name, form)));
                aliases.push(bare(form));
            }
            for d in field(demonyms) {
                for form in demonym_forms(&bare(d)) {
                    g.add(&form, Target::State(ix, kind(Kind::Demonym, ambiguous_demonym, d)));
                }
                aliases.push(bare(d));
            }
            for d in field(en_demonyms) {
                g.add(&bare(d), Target::State(ix, kind(Kind::Demonym, false, d)));
                aliases.push(bare(d));
            }
            for c in field(capitals).into_iter().chain(field(en_capitals)) {
                g.add(&bare(c), Target::State(ix, kind(Kind::Capital, false, c)));
                aliases.push(bare(c));
            }
            g.by_code.insert(code.to_owned(), ix);
            g.states.push(State {
                code: code.to_owned(),
                name: Text { ar: (*ar_name).to_owned(), en: (*en_name).to_owned() },
                aliases,
            });
        }
        for (code, plural) in BROKEN_PLURALS {
            if let Some(&ix) = g.by_code.get(*code) {
                g.add(&format!("ال{plural}"), Target::State(ix, Kind::Demonym));
                g.add(plural, Target::State(ix, Kind::Demonym));
            }
        }
        // Outlets whose name is also a phrase of the language need their medium before them there too.
        let outlets = super::outlets::OUTLETS.iter().filter(|(_, _, cue)| !cue).map(|(ar, _, _)| ar);
        for p in NOT_PLACES.iter().chain(outlets) {
            g.add(p, Target::Nothing);
        }
        Ok(g)
    }

    /// The dataset's aliases: a country's as its names, an actor's as the actor (whose country,
    /// if any, takes part). A dataset country missing from the gazetteer is added.
    fn add_dataset(&mut self, doc: &WireDoc) {
        for c in &doc.countries {
            let ix = match self.by_code.get(&c.code) {
                Some(&ix) => ix,
                None => {
                    let ix = self.states.len();
                    self.by_code.insert(c.code.clone(), ix);
                    self.states.push(State { code: c.code.clone(), name: c.name.clone(), aliases: c.aliases.clone() });
                    ix
                }
            };
            for a in c.aliases.iter().chain([&c.name.ar, &c.name.en]) {
                self.add(a, Target::State(ix, Kind::Name));
            }
        }
        for a in &doc.actors {
            let ix = self.actors.len();
            self.actors.push((a.id.clone(), a.country.clone()));
            for alias in a.aliases.iter().chain([&a.name.ar, &a.name.en]) {
                self.add(alias, Target::Actor(ix));
            }
        }
    }

    /// Adds one phrase. Latin forms of three letters or fewer ("US", "UK") are left out: in
    /// Arabic text they are more often initials of something else.
    fn add(&mut self, phrase: &str, target: Target) {
        let norm = normalize(phrase);
        if norm.is_empty() || (norm.is_ascii() && norm.len() <= 3) {
            return;
        }
        let mut words = norm.split(' ').map(str::to_owned);
        let Some(first) = words.next() else { return };
        let entry = self.phrases.entry(first).or_default();
        let rest: Vec<String> = words.collect();
        // A more specific target for the same phrase wins (a dataset name over an ambiguous form).
        match entry.iter_mut().find(|(r, _)| *r == rest) {
            Some((_, t)) => {
                if rank(&target) > rank(t) {
                    *t = target;
                }
            }
            None => entry.push((rest, target)),
        }
    }

    /// The state with this code, if the gazetteer or dataset knows it.
    pub fn state(&self, code: &str) -> Option<&State> {
        self.by_code.get(code).map(|&ix| &self.states[ix])
    }

    /// The states and actors `words` name, in order. Ambiguous mentions are dropped unless the
    /// same state is also named unambiguously.
    pub fn mentions(&self, sentence: &str, words: &[Word<'_>]) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let Some((len, target)) = self.longest(words, i) else {
                i += 1;
                continue;
            };
            let last = &words[i + len - 1];
            let text = sentence[words[i].start..last.start + last.surface.len()].to_owned();
            match target {
                Target::State(ix, kind) => out.push(Mention {
                    code: self.states[*ix].code.clone(),
                    kind: *kind,
                    actor: None,
                    surface: text,
                    at: i,
                }),
                Target::Actor(ix) => {
                    // An actor without a country (a UN body) names no state: `code` stays empty.
                    let (id, country) = &self.actors[*ix];
                    let code = country.clone().unwrap_or_default();
                    out.push(Mention { code, kind: Kind::Actor, actor: Some(id.clone()), surface: text, at: i });
                }
                Target::Nothing => {}
            }
            i += len;
        }
        let sure: Vec<String> = out.iter().filter(|m| m.kind != Kind::Ambiguous).map(|m| m.code.clone()).collect();
        out.retain(|m| m.kind != Kind::Ambiguous || sure.contains(&m.code));
        out
    }

    /// The longest phrase starting at word `i`: (words, target).
    fn longest(&self, words: &[Word<'_>], i: usize) -> Option<(usize, &Target)> {
        let mut best: Option<(usize, &Target)> = None;
        for base in bases(&words[i].norm) {
            let Some(entries) = self.phrases.get(base.as_ref()) else { continue };
            for (rest, target) in entries {
                let fits = rest.len() < words.len() - i && rest.iter().zip(&words[i + 1..]).all(|(r, w)| *r == w.norm);
                let better = best
                    .is_none_or(|(len, t)| rest.len() + 1 > len || (rest.len() + 1 == len && rank(target) > rank(t)));
                if fits && better {
                    best = Some((rest.len() + 1, target));
                }
            }
        }
        best
    }
}

fn rank(t: &Target) -> u8 {
    match t {
        Target::Nothing => 5,
        Target::State(_, k) => *k as u8,
        Target::Actor(_) => Kind::Actor as u8,
    }
}
