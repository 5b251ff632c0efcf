//! The words of a sentence as the rules see them: normalised exactly as search normalises
//! ([`crate::search::normalize`]: hamza forms of alef, ة → ه, ى → ي, harakat and tatweel gone,
//! Arabic-Indic digits as ASCII), each with its place in the sentence, and the bases a word has
//! once its proclitics are taken off ("وبكين" → "بكين", "للولايات" → "الولايات").

use std::borrow::Cow;

/// One word of a sentence.
#[derive(Clone, Debug)]
pub struct Word<'a> {
    /// Normalised.
    pub norm: String,
    /// As written in the sentence.
    pub surface: &'a str,
    /// Byte offset of `surface` in the sentence.
    pub start: usize,
}

/// The words of `s`, in order.
pub fn words(s: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    crate::search::for_each_word(s, |norm, surface| {
        // `surface` is a slice of `s`: its offset is the distance between their starts.
        let start = surface.as_ptr() as usize - s.as_ptr() as usize;
        out.push(Word { norm: norm.to_owned(), surface: &s[start..start + surface.len()], start });
    });
    out
}

/// Letters in a normalised word.
pub fn letters(w: &str) -> usize {
    w.chars().count()
}

/// The shortest base kept after a proclitic is taken off.
const MIN_BASE: usize = 2;

/// `w` without its first letter when that letter is one of `set` and enough is left.
fn strip_one<'a>(w: &'a str, set: &[char]) -> Option<&'a str> {
    let c = w.chars().next()?;
    let rest = &w[c.len_utf8()..];
    (set.contains(&c) && letters(rest) >= MIN_BASE).then_some(rest)
}

/// The bases of a normalised word, the word itself first: without a conjunction (و ف), then
/// without a preposition (ب ل ك) or the future prefix before an imperfect verb (س), "لل" read as
/// ل + ال, and each of those without the article. Whether a base is a real reading is for the
/// vocabulary that looks it up to decide.
pub fn bases(word: &str) -> Vec<Cow<'_, str>> {
    marked_bases(word).into_iter().map(|(b, _)| b).collect()
}

/// [`bases`], each marked true when a preposition or the article came off: such a word is a
/// noun ("بتوقيع", "الاتهام"), never the sentence's finite verb.
pub fn marked_bases(word: &str) -> Vec<(Cow<'_, str>, bool)> {
    fn push<'a>(b: Cow<'a, str>, nominal: bool, out: &mut Vec<(Cow<'a, str>, bool)>) {
        if !out.iter().any(|(o, _)| *o == b) {
            out.push((b, nominal));
        }
    }
    let mut out = Vec::with_capacity(8);
    let mut firsts = vec![word];
    if let Some(rest) = strip_one(word, &['و', 'ف']) {
        firsts.push(rest);
    }
    for w in firsts {
        // The word as written may be a verb that starts with ال (التقى، التزم): not marked.
        push(Cow::Borrowed(w), false, &mut out);
        if let Some(rest) = w.strip_prefix("لل").filter(|r| letters(r) >= MIN_BASE) {
            push(Cow::Owned(format!("ال{rest}")), true, &mut out);
        }
        if let Some(rest) = strip_one(w, &['ب', 'ل', 'ك']) {
            push(Cow::Borrowed(rest), true, &mut out);
        }
        if let Some(rest) = w.strip_prefix('س').filter(|r| r.starts_with(['ي', 'ت', 'ن'])) {
            push(Cow::Borrowed(rest), false, &mut out);
        }
    }
    let with_article: Vec<String> = out
        .iter()
        .filter_map(|(b, _)| b.strip_prefix("ال"))
        .filter(|r| letters(r) >= MIN_BASE)
        .map(str::to_owned)
        .collect();
    for rest in with_article {
        push(Cow::Owned(rest), true, &mut out);
    }
    out
}

/// Inflectional and pronoun suffixes after normalisation, longest first.
const SUFFIXES: &[&str] = &[
    "تهما", "تها", "تهم", "وها", "وهم", "هما", "تان", "تين", "ته", "ها", "هم", "ات", "ان", "ين", "ون", "وا", "تا",
    "نا", "ه", "ت", "ا",
];

/// The cores of a base: the base, and the base without one or two suffixes (a pronoun, then an
/// inflection: "اتهاماتها" → "اتهامات" → "اتهام"), each at least two letters. A feminine plural
/// also gives its singular in ة ("عقوبات" → "عقوبه").
pub fn cores(base: &str) -> Vec<String> {
    let mut out = vec![base.to_owned()];
    let mut i = 0;
    while i < out.len() {
        let w = out[i].clone();
        let depth = letters(base) - letters(&w);
        if depth <= 4 {
            for s in SUFFIXES {
                if let Some(stem) = w.strip_suffix(s).filter(|st| letters(st) >= 2) {
                    for form in [stem.to_owned(), if *s == "ات" { format!("{stem}ه") } else { String::new() }] {
                        if !form.is_empty() && !out.contains(&form) {
                            out.push(form);
                        }
                    }
                }
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::normalize;

    fn base_list(w: &str) -> Vec<String> {
        bases(&normalize(w)).into_iter().map(Cow::into_owned).collect()
    }

    #[test]
    fn proclitics_come_off() {
        assert!(base_list("وبكين").contains(&"بكين".to_owned()));
        assert!(base_list("وللولايات").contains(&"الولايات".to_owned()));
        assert!(base_list("بالصين").contains(&"الصين".to_owned()));
        assert!(base_list("بالصين").contains(&"صين".to_owned()));
        assert!(base_list("سيوقع").contains(&"يوقع".to_owned()));
        assert_eq!(base_list("بكين")[0], "بكين");
    }

    #[test]
    fn suffixes_come_off() {
        let c = cores(&normalize("اتهاماتها"));
        assert!(c.contains(&"اتهام".to_owned()), "{c:?}");
        assert!(cores(&normalize("عقوبات")).contains(&"عقوبه".to_owned()));
        assert!(cores(&normalize("وقّعتا")).contains(&"وقع".to_owned()));
    }

    #[test]
    fn words_keep_their_place() {
        let s = "قال، «ووقّعت» لندن";
        let w = words(s);
        assert_eq!(w.len(), 3);
        assert_eq!(&s[w[1].start..w[1].start + w[1].surface.len()], "ووقّعت");
        assert_eq!(w[1].norm, "ووقعت");
    }
}
