//! Normalisation for matching, and word splitting that keeps the reader's own spelling.
//!
//! [`normalize`] folds what Lucene's ArabicNormalizer folds (hamza forms of alef, alef maqsura,
//! taa marbuta, tatweel, harakat) plus Arabic Presentation Forms-B, Arabic-Indic digits, invisible
//! format characters and Latin case; every other non-alphanumeric character separates words.
//! [`for_each_word`] splits the same way and hands each normalised word over with the slice of
//! the original text it came from, which is what a "did you mean" line shows.

/// Arabic Presentation Forms-B (U+FE80..=U+FEF4): each base letter with how many contextual forms
/// it has, in code point order. Lam-alef ligatures (U+FEF5..=U+FEFC) are handled separately.
const FORMS_B: &[(char, u8)] = &[
    ('ء', 1),
    ('آ', 2),
    ('أ', 2),
    ('ؤ', 2),
    ('إ', 2),
    ('ئ', 4),
    ('ا', 2),
    ('ب', 4),
    ('ة', 2),
    ('ت', 4),
    ('ث', 4),
    ('ج', 4),
    ('ح', 4),
    ('خ', 4),
    ('د', 2),
    ('ذ', 2),
    ('ر', 2),
    ('ز', 2),
    ('س', 4),
    ('ش', 4),
    ('ص', 4),
    ('ض', 4),
    ('ط', 4),
    ('ظ', 4),
    ('ع', 4),
    ('غ', 4),
    ('ف', 4),
    ('ق', 4),
    ('ك', 4),
    ('ل', 4),
    ('م', 4),
    ('ن', 4),
    ('ه', 4),
    ('و', 2),
    ('ى', 2),
    ('ي', 4),
];

/// Folds one character into zero, one or two normalised characters pushed onto `out`; returns
/// false (pushing nothing) when the character separates words.
pub(super) fn fold_char(c: char, out: &mut String) -> bool {
    let c = match c as u32 {
        0xFE80..=0xFEF4 => {
            let mut offset = c as u32 - 0xFE80;
            let mut base = c;
            for (letter, forms) in FORMS_B {
                if offset < *forms as u32 {
                    base = *letter;
                    break;
                }
                offset -= *forms as u32;
            }
            base
        }
        // Lam-alef ligatures: every alef form folds to bare alef.
        0xFEF5..=0xFEFC => {
            out.push('ل');
            'ا'
        }
        _ => c,
    };
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
        'ى' => out.push('ي'),
        'ة' => out.push('ه'),
        // Tatweel, harakat, superscript alef, and invisible format characters (ZWNJ, ZWJ, bidi marks).
        '\u{0640}'
        | '\u{064B}'..='\u{0652}'
        | '\u{0670}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}' => {}
        '\u{0660}'..='\u{0669}' => out.push(char::from(b'0' + (c as u32 - 0x0660) as u8)),
        '\u{06F0}'..='\u{06F9}' => out.push(char::from(b'0' + (c as u32 - 0x06F0) as u8)),
        c if c.is_alphanumeric() => out.extend(c.to_lowercase().filter(|l| l.is_alphanumeric())),
        // Everything else (punctuation, quotes, Arabic comma, whitespace) separates words.
        _ => return false,
    }
    true
}

/// Folds one character with the common cases first (no Unicode table lookups); `fold_char` is
/// the definition.
#[inline(always)]
fn fold_fast(c: char, out: &mut String) -> bool {
    match c {
        'a'..='z' | '0'..='9' => out.push(c),
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        c if c.is_ascii() => return false,
        'ء' | 'ا' | 'ب' | 'ت'..='غ' | 'ف'..='ن' | 'و' | 'ي' => out.push(c),
        c => return fold_char(c, out),
    }
    true
}

/// Invisible characters that fold to nothing: they never belong to a word's visible spelling.
fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Normalises text for matching: see the module documentation. Words are separated by single
/// spaces, with no leading or trailing space. One pass, no intermediate allocation: the search
/// index normalises every event's text (130 MB at 100,000 events).
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !fold_fast(c, &mut out) && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Calls `f(word, surface)` for every word of `s`, in order: `word` is normalised exactly as
/// [`normalize`] would (the words of `normalize(s)` split on spaces), `surface` is the slice of `s`
/// it was read from, from its first to its last visible character (harakat included, leading
/// harakat and invisible format characters not).
pub fn for_each_word(s: &str, mut f: impl FnMut(&str, &str)) {
    split_words(s, &mut f)
}

/// [`for_each_word`] compiled once (not once per caller's closure): it is the bulk of the
/// index's build code, and the app's wasm size counts.
fn split_words(s: &str, f: &mut dyn FnMut(&str, &str)) {
    let mut word = String::new();
    let (mut start, mut end) = (0, 0);
    for (i, c) in s.char_indices() {
        let before = word.len();
        if fold_fast(c, &mut word) {
            if word.len() > before {
                if before == 0 {
                    start = i;
                }
                end = i + c.len_utf8();
            } else if before > 0 && !invisible(c) {
                // A mark folded away inside a word (harakat, tatweel) is part of its spelling.
                end = i + c.len_utf8();
            }
        } else if before > 0 {
            f(&word, &s[start..end]);
            word.clear();
        }
    }
    if !word.is_empty() {
        f(&word, &s[start..end]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn normalizes_like_lucene() {
        assert_eq!(normalize("أإآٱ"), "اااا");
        assert_eq!(normalize("مصطفى"), "مصطفي");
        assert_eq!(normalize("السيبرانية"), "السيبرانيه");
        assert_eq!(normalize("الأمـــن"), "الامن");
        assert_eq!(normalize("السِّيبَرانيّ"), "السيبراني");
        assert_eq!(normalize("٢٠٢٤ ۱۹"), "2024 19");
        assert_eq!(normalize("“الحوار السيبراني”، Xi!"), "الحوار السيبراني xi");
        // Presentation forms: ﻟﻨﺪﻥ (initial lam, medial noon, medial dal, final noon) and ﻻ.
        assert_eq!(normalize("\u{FEDF}\u{FEE8}\u{FEAA}\u{FEE6}"), "لندن");
        assert_eq!(normalize("\u{FEFB}"), "لا");
        assert_eq!(normalize("\u{202E}abc\u{202C}"), "abc");
    }

    fn words(s: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for_each_word(s, |w, surface| out.push((w.to_owned(), surface.to_owned())));
        out
    }

    #[test]
    fn words_keep_their_surface_spelling() {
        let pairs = |v: &[(&str, &str)]| v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect::<Vec<_>>();
        assert_eq!(
            words("«الأمن السيبراني»، Biden's"),
            pairs(&[("الامن", "الأمن"), ("السيبراني", "السيبراني"), ("biden", "Biden"), ("s", "s"),])
        );
        // Trailing harakat stay with the word; bidi marks around it do not.
        assert_eq!(words("\u{2067}السِّيبَرانيّ\u{2069}"), pairs(&[("السيبراني", "السِّيبَرانيّ")]));
        assert_eq!(words(" ،، "), pairs(&[]));
    }

    /// The definition the fast paths must agree with: every character through `fold_char`.
    fn reference(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            if !fold_char(c, &mut out) && !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        }
        out.trim_end().to_owned()
    }

    proptest! {
        #[test]
        fn fast_paths_agree_with_the_definition(s in "[ -~\u{0600}-\u{06FF}\u{FE70}-\u{FEFF}\u{2000}-\u{206F}\\PC]{0,80}") {
            prop_assert_eq!(normalize(&s), reference(&s));
        }

        #[test]
        fn normalize_never_panics_and_is_idempotent(s in "\\PC{0,64}") {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once.clone());
            prop_assert!(!once.starts_with(' ') && !once.ends_with(' '));
        }

        #[test]
        fn words_are_the_words_of_normalize(s in "[ -~\u{0600}-\u{06FF}\u{FE70}-\u{FEFF}\u{2000}-\u{206F}\\PC]{0,80}") {
            let split: Vec<String> = normalize(&s).split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect();
            let words: Vec<String> = words(&s).into_iter().map(|(w, _)| w).collect();
            prop_assert_eq!(words, split);
        }

        #[test]
        fn a_surface_normalizes_to_its_word(s in "[ -~\u{0600}-\u{06FF}\u{FE70}-\u{FEFF}\u{2000}-\u{206F}\\PC]{0,80}") {
            for (word, surface) in words(&s) {
                prop_assert_eq!(normalize(&surface), word);
            }
        }
    }
}
