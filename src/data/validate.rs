//! The strict validator behind `marsad-data validate` and the shipped-data test.
//!
//! It is [`super::load`] made strict: every record the tolerant loader would skip is an error,
//! and two checks only a publisher needs are added: no field outside the schema, and every source
//! quote found verbatim (whitespace-normalised) in its article's text.

use std::collections::HashMap;

use serde_json::Value;

use super::wire::{WireActor, WireArticle, WireCountry, WireEvent, WireHead, WireWithdrawn};
use super::{load, shard, LoadError, Problem};

/// Collapses every run of whitespace to one space and trims the ends.
pub fn collapse_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Validates a dataset document. `read_text` returns an article's text or a shard from its path
/// (relative to the dataset file), or `None` when it cannot be read. A sharded head is validated
/// with its shards put back in (event paths then count across the head and every shard, in order).
pub fn validate(json: &str, read_text: &dyn Fn(&str) -> Option<String>) -> Vec<Problem> {
    let (joined, shard_problems) = match shard::join(json, read_text) {
        Ok(j) => j,
        Err(p) => return vec![p],
    };
    let json = joined.as_str();
    let doc: Value = match serde_json::from_str(json) {
        Ok(doc) => doc,
        Err(e) => return vec![Problem::new("$", LoadError::NotJson(e.to_string()).to_string())],
    };
    let mut problems = match load(json) {
        Ok(loaded) => loaded.skipped,
        Err(e) => return vec![Problem::new("$", e.to_string())],
    };
    problems.extend(shard_problems);
    unknown_fields(json, &doc, &mut problems);
    quotes(&doc, read_text, &mut problems);
    problems
}

/// Reports every field of `v` that `T` does not read (an unknown field), with its JSON path.
fn check<'de, T: serde::Deserialize<'de>>(de: impl serde::Deserializer<'de>, base: &str, out: &mut Vec<Problem>) {
    let mut unknown = Vec::new();
    // A record that does not deserialise is reported by the loader; its fields are not checked.
    let _ = serde_ignored::deserialize::<_, _, T>(de, |p| unknown.push(json_path(base, &p)));
    out.extend(unknown.into_iter().map(|path| Problem::new(path, "field is not in the schema")));
}

fn json_path(base: &str, p: &serde_ignored::Path) -> String {
    use serde_ignored::Path;
    match p {
        Path::Root => base.to_owned(),
        Path::Seq { parent, index } => format!("{}[{index}]", json_path(base, parent)),
        Path::Map { parent, key } => format!("{}.{key}", json_path(base, parent)),
        Path::Some { parent } | Path::NewtypeStruct { parent } | Path::NewtypeVariant { parent } => {
            json_path(base, parent)
        }
    }
}

fn each<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = (usize, &'a Value)> {
    v.get(key).and_then(Value::as_array).map(|a| a.as_slice()).unwrap_or_default().iter().enumerate()
}

/// Fields outside the wire structs (`super::wire`), which are the schema's one list inside the crate.
fn unknown_fields(json: &str, doc: &Value, out: &mut Vec<Problem>) {
    check::<WireHead>(&mut serde_json::Deserializer::from_str(json), "$", out);
    for (i, v) in each(doc, "articles") {
        check::<WireArticle>(v, &format!("$.articles[{i}]"), out);
    }
    for (i, v) in each(doc, "countries") {
        check::<WireCountry>(v, &format!("$.countries[{i}]"), out);
    }
    for (i, v) in each(doc, "actors") {
        check::<WireActor>(v, &format!("$.actors[{i}]"), out);
    }
    for (i, v) in each(doc, "events") {
        check::<WireEvent>(v, &format!("$.events[{i}]"), out);
    }
    for (i, v) in each(doc, "withdrawn") {
        check::<WireWithdrawn>(v, &format!("$.withdrawn[{i}]"), out);
    }
}

fn quotes(doc: &Value, read_text: &dyn Fn(&str) -> Option<String>, out: &mut Vec<Problem>) {
    let mut texts: HashMap<&str, Option<String>> = HashMap::new();
    for (i, a) in each(doc, "articles") {
        let (Some(id), Some(path)) = (a["id"].as_str(), a["text"].as_str()) else { continue };
        let text = read_text(path);
        if text.is_none() {
            out.push(Problem::new(format!("$.articles[{i}].text"), format!("cannot read article text \"{path}\"")));
        }
        texts.insert(id, text);
    }
    for (i, e) in each(doc, "events") {
        for (j, s) in each(e, "sources") {
            let (Some(article), Some(quote)) = (s["article"].as_str(), s["quote"].as_str()) else { continue };
            let Some(Some(text)) = texts.get(article) else { continue };
            if !quote.trim().is_empty() && locate_quote(text, quote).is_none() {
                out.push(Problem::new(
                    format!("$.events[{i}].sources[{j}].quote"),
                    format!("quote not found verbatim in article \"{article}\""),
                ));
            }
        }
    }
}

/// Finds `quote` in `text` under the whitespace rule of the quote check: returns the byte range
/// of the first passage of `text` that reads as `quote` once every run of whitespace in both is
/// one space (`collapse_whitespace`), or `None`.
///
/// Without copying `text`: each place its first word occurs (`str::find`) is tried, and the
/// quote's other words must follow, each after a run of whitespace. The places are tried from
/// the start, so the first match is the one found. Run on every event page's article, in the
/// browser on each open and at build time on each static page.
pub fn locate_quote(text: &str, quote: &str) -> Option<std::ops::Range<usize>> {
    let mut words = quote.split_whitespace();
    let first = words.next()?;
    let rest: Vec<&str> = words.collect();
    let step = first.chars().next().map_or(1, char::len_utf8);
    let mut from = 0;
    while let Some(found) = text[from..].find(first) {
        let start = from + found;
        if let Some(end) = words_follow(text, start + first.len(), &rest) {
            return Some(start..end);
        }
        from = start + step;
    }
    None
}

/// Where `words` end if they follow `at` in `text`, each after at least one whitespace character.
fn words_follow(text: &str, mut at: usize, words: &[&str]) -> Option<usize> {
    for word in words {
        let rest = &text[at..];
        let next = rest.trim_start();
        if next.len() == rest.len() || !next.starts_with(word) {
            return None;
        }
        at = text.len() - next.len() + word.len();
    }
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_quotes_across_whitespace() {
        let text = "أولاً.\nوفي اجتماع عقد في   بانكوك\nمع الوزير. آخر";
        let r = locate_quote(text, "وفي اجتماع عقد في بانكوك مع الوزير.").unwrap();
        assert_eq!(&text[r], "وفي اجتماع عقد في   بانكوك\nمع الوزير.");
        assert_eq!(locate_quote(text, "غير موجود"), None);
        assert_eq!(locate_quote(text, "   "), None);
        // The quote's ends may fall inside words, as in the collapsed text; its inner words may not.
        assert_eq!(locate_quote(text, "اع عقد"), Some(text.find("اع عقد").unwrap()..text.find(" في").unwrap()));
        assert_eq!(locate_quote(text, "اجتما عقد"), None);
        // The first passage wins, whatever its whitespace.
        let twice = "قال:\tنعم  لا. قال: نعم لا.";
        assert_eq!(locate_quote(twice, "قال: نعم لا."), Some(0..twice.find(" قال").unwrap()));
    }

    /// The definition: the passage whose collapsed form is the collapsed quote, found in the
    /// collapsed text with each collapsed byte's origin kept (the implementation before).
    fn by_collapsing(text: &str, quote: &str) -> Option<std::ops::Range<usize>> {
        let quote = collapse_whitespace(quote);
        if quote.is_empty() {
            return None;
        }
        let (mut collapsed, mut origin, mut pending) = (String::new(), Vec::new(), false);
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                pending = !collapsed.is_empty();
                continue;
            }
            if pending {
                collapsed.push(' ');
                origin.push(i);
                pending = false;
            }
            collapsed.push(c);
            origin.extend(std::iter::repeat_n(i, c.len_utf8()));
        }
        let start = collapsed.find(&quote)?;
        let last = origin[start + quote.len() - 1];
        Some(origin[start]..last + text[last..].chars().next().map_or(1, char::len_utf8))
    }

    proptest::proptest! {
        /// Texts and quotes from a few letters (Arabic and Latin) and kinds of whitespace, so
        /// quotes often occur, across whitespace, more than once and in part.
        #[test]
        fn locate_quote_is_the_collapsed_match(
            text in "[اب a\\n\\t\u{a0}]{0,40}",
            quote in "[اب a\\n\\t\u{a0}]{0,8}",
            cut in 0usize..40,
        ) {
            proptest::prop_assert_eq!(locate_quote(&text, &quote), by_collapsing(&text, &quote));
            // A quote taken from the text itself is always found.
            let chars: Vec<char> = text.chars().collect();
            let from = cut.min(chars.len());
            let taken: String = chars[from..(from + 6).min(chars.len())].iter().collect();
            proptest::prop_assert_eq!(locate_quote(&text, &taken), by_collapsing(&text, &taken));
            if !taken.trim().is_empty() {
                proptest::prop_assert!(locate_quote(&text, &taken).is_some());
            }
        }
    }
}
