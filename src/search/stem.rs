//! Light stemming of one normalised word, Arabic or English, without a dictionary.
//!
//! Arabic follows the "light" stemmers of Larkey, Ballesteros and Connell (Light10, SIGIR 2002):
//! strip the article with the proclitics attached to it (وال بال فال كال لل ال, وبال…), then
//! suffixes (ة ية ي ين ون ات, the nisba plurals يين يون يات, and the accusative alef of
//! "سيبرانياً"), longest first, repeated until nothing applies, never leaving a stem shorter than
//! [`MIN_STEM`] letters. Works on [`normalize`](super::normalize())d text, where ة is already ه.
//! The single-letter proclitics و ب ل ف ك are not stripped here: "وزارة" and "بريطانيا" start with
//! one, so whether "وبكين" is "و + بكين" depends on the vocabulary, which the index decides.
//!
//! English is Harman's S-stemmer plus -ing and -ed, stripping only (no rewriting), so that
//! believe / believes / believed / believing and policy / policies share a stem.
//!
//! Stripping repeats to a fixed point, so stemming is idempotent: a stem is its own stem. Every
//! stem is a slice of its word ([`split`]) except the canonical stems of a few known variants
//! of one term ([`canonical`]: السايبري, السايبراني, الإلكترونية → سيبران).

/// The shortest stem left, in letters: two-letter stems would merge unrelated words ("الان" is
/// not "ان"), and three-letter Arabic roots are common.
pub const MIN_STEM: usize = 3;

/// The article with the proclitics that attach to it, longest first.
const ARTICLES: &[&str] = &["وبال", "وكال", "فبال", "ولل", "فلل", "وال", "بال", "فال", "كال", "لل", "ال"];

/// Single-letter proclitics (and, with, for, so, like), stripped only against the vocabulary.
pub const CLITICS: &[char] = &['و', 'ب', 'ل', 'ف', 'ك'];

/// Arabic suffixes after normalisation (ة is ه), longest first.
const AR_SUFFIXES: &[&str] = &["يين", "يون", "يات", "يه", "ين", "ون", "ات", "ه", "ي", "ا"];

/// English suffixes, longest first; "s" has exceptions (see `strip_english`).
const EN_SUFFIXES: &[&str] = &["ies", "ing", "ed", "s", "e", "y"];

/// Known variants of one term, as (variant stem, canonical stem). "Cyber" has three Arabic
/// renderings in the reports: a004 transliterates it "الأمن السايبري", "الحرب السايبرية" where
/// the other articles write "السيبراني", and the Reuters reports of 2015–2016 call cyberattacks
/// "الهجمات الإلكترونية" (stem كتر: "ال" is stripped twice from "الالكترونيه", "ون" as a suffix). A
/// reader searching one finds the others (the editor's cue list counts all three as cyber too).
const VARIANTS: &[(&str, &str)] = &[("سايبر", "سيبران"), ("سايبران", "سيبران"), ("سيبر", "سيبران"), ("كتر", "سيبران")];

/// Where a word's parts are, in bytes: `word[base..]` is the word without its proclitics and
/// `word[base..end]` its stem (before [`canonical`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split {
    pub base: usize,
    pub end: usize,
}

fn letters(s: &str) -> usize {
    s.chars().count()
}

pub fn is_arabic(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| ('\u{0620}'..='\u{06FF}').contains(&c))
}

fn is_english(word: &str) -> bool {
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase())
}

/// Splits a normalised word (see the module documentation). Words in neither script, digits
/// included, are their own stem.
pub fn split(word: &str) -> Split {
    if is_arabic(word) {
        split_arabic(word)
    } else if is_english(word) {
        Split { base: 0, end: strip_english(word) }
    } else {
        Split { base: 0, end: word.len() }
    }
}

fn split_arabic(word: &str) -> Split {
    let mut base = 0;
    while let Some(p) = ARTICLES.iter().find(|p| {
        let rest = &word[base..];
        rest.starts_with(*p) && letters(rest) >= letters(p) + MIN_STEM
    }) {
        base += p.len();
    }
    let mut end = word.len();
    while let Some(s) = AR_SUFFIXES.iter().find(|s| {
        let stem = &word[base..end];
        stem.ends_with(*s) && letters(stem) >= letters(s) + MIN_STEM
    }) {
        end -= s.len();
    }
    Split { base, end }
}

/// The length of an English word's stem, in bytes.
fn strip_english(word: &str) -> usize {
    let mut end = word.len();
    loop {
        let stem = &word[..end];
        let found = EN_SUFFIXES.iter().find(|s| {
            stem.len() >= s.len() + MIN_STEM
                && stem.ends_with(*s)
                // "class", "status", "crisis", "this" are not plurals.
                && !(**s == "s" && (stem.ends_with("ss") || stem.ends_with("us") || stem.ends_with("is")))
        });
        match found {
            Some(s) => end -= s.len(),
            None => return end,
        }
    }
}

/// The canonical stem of a known transliteration variant; any other stem unchanged.
pub fn canonical(stem: &str) -> &str {
    VARIANTS.iter().find(|(v, _)| *v == stem).map_or(stem, |(_, c)| c)
}

/// The stem of a normalised word, canonical (the index stores [`split`] and applies [`canonical`]).
#[cfg(test)]
pub fn stem(word: &str) -> &str {
    let s = split(word);
    canonical(&word[s.base..s.end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn stem_of(word: &str) -> String {
        stem(&crate::search::normalize(word)).to_owned()
    }

    #[test]
    fn arabic_forms_of_one_word_share_a_stem() {
        for w in
            ["السيبراني", "السيبرانية", "سيبراني", "سيبرانية", "سيبرانياً", "والسيبرانية", "للسيبرانيين", "سيبرانيون"]
        {
            assert_eq!(stem_of(w), "سيبران", "{w}");
        }
        for w in ["الصين", "صيني", "الصينية", "الصينيين", "صينيون", "بالصين", "وللصين"]
        {
            assert_eq!(stem_of(w), "صين", "{w}");
        }
        for w in ["عملية", "عمليات", "العمليات"] {
            assert_eq!(stem_of(w), "عمل", "{w}");
        }
        assert_eq!(stem_of("الاتصالات"), "اتصال");
        assert_eq!(stem_of("معلومات"), "معلوم");
    }

    #[test]
    fn transliteration_variants_share_the_canonical_stem() {
        for w in ["السايبري", "السايبرية", "سايبر", "السايبراني"] {
            assert_eq!(stem_of(w), "سيبران", "{w}");
        }
        for w in ["الإلكترونية", "إلكتروني", "الالكترونيه", "إلكترونياً", "والإلكترونية"]
        {
            assert_eq!(stem_of(w), "سيبران", "{w}");
        }
    }

    #[test]
    fn short_words_keep_three_letters() {
        // "بكين" would lose "ين", "الان" its article, "قوات" its plural: all too short.
        assert_eq!(stem_of("بكين"), "بكين");
        assert_eq!(stem_of("الان"), "الان");
        assert_eq!(stem_of("قوات"), "قوات");
        assert_eq!(stem_of("شي"), "شي");
        assert_eq!(stem_of("الامن"), "امن");
    }

    #[test]
    fn single_letter_proclitics_are_left_to_the_vocabulary() {
        assert_eq!(stem_of("وزارة"), "وزار");
        assert_eq!(stem_of("بريطانيا"), "بريطان");
        // Alone, the stemmer even reads "ين" of "وبكين" as a suffix; the index knows "بكين".
        assert_eq!(stem_of("وبكين"), "وبك");
    }

    #[test]
    fn split_marks_the_base_and_the_stem() {
        let w = crate::search::normalize("والسيبرانية");
        let s = split(&w);
        assert_eq!(&w[s.base..], "سيبرانيه");
        assert_eq!(&w[s.base..s.end], "سيبران");
    }

    #[test]
    fn english_inflections_share_a_stem() {
        for w in ["believe", "believes", "believed", "believing"] {
            assert_eq!(stem(w), "believ", "{w}");
        }
        for w in ["policy", "policies"] {
            assert_eq!(stem(w), "polic", "{w}");
        }
        for w in ["operation", "operations"] {
            assert_eq!(stem(w), "operation", "{w}");
        }
        assert_eq!(stem("sanctioning"), "sanction");
        assert_eq!(stem("issues"), "issu");
    }

    #[test]
    fn english_non_plurals_keep_their_s() {
        for w in ["class", "status", "crisis", "this", "us"] {
            assert_eq!(stem(w), w);
        }
    }

    #[test]
    fn other_words_are_their_own_stem() {
        for w in ["2021", "g20", "x86", "ransomware2"] {
            assert_eq!(stem(w), w);
        }
    }

    proptest! {
        #[test]
        fn stemming_never_empties_and_is_idempotent(s in "[\u{0621}-\u{064A}a-z0-9]{1,16}") {
            let st = stem(&s);
            prop_assert!(!st.is_empty());
            prop_assert_eq!(stem(st), st);
        }

        #[test]
        fn stemming_never_panics_on_any_normalised_word(s in "\\PC{1,24}") {
            for w in crate::search::normalize(&s).split(' ').filter(|w| !w.is_empty()) {
                let sp = split(w);
                prop_assert!(sp.base < sp.end && sp.end <= w.len());
                let st = stem(w);
                prop_assert!(!st.is_empty());
                prop_assert_eq!(stem(st), st);
            }
        }

        #[test]
        fn an_arabic_stem_keeps_three_letters(s in "[\u{0621}-\u{064A}]{3,16}") {
            prop_assert!(letters(stem(&s)) >= MIN_STEM);
        }
    }
}
