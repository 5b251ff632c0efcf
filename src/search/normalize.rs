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

/// Unicode's lowercase of every letter and digit, as runs: `first << 8 | count << 1 | alternate`
/// (every code point from `first`, or every other one), each moved by the same distance. What
/// `char::to_lowercase` gives an alphanumeric character, keeping its alphanumeric part (`İ`'s
/// lowercase is `i` and a combining dot): the standard library's table of 1,462 pairs was 4.3 KB
/// of the first wasm module after gzip, these 186 runs 1.5 KB before it. Written by
/// `tests::lowercase_runs` from the standard library, which the test checks them against.
#[rustfmt::skip]
const LOWER: [(u32, i32); 186] = [
    (0x00004134, 32), (0x0000c02e, 32), (0x0000d80e, 32), (0x00010031, 1), (0x00013002, -199),
    (0x00013207, 1), (0x00013911, 1), (0x00014a2f, 1), (0x00017802, -121), (0x00017907, 1),
    (0x00018102, 210), (0x00018205, 1), (0x00018602, 206), (0x00018702, 1), (0x00018904, 205),
    (0x00018b02, 1), (0x00018e02, 79), (0x00018f02, 202), (0x00019002, 203), (0x00019102, 1),
    (0x00019302, 205), (0x00019402, 207), (0x00019602, 211), (0x00019702, 209), (0x00019802, 1),
    (0x00019c02, 211), (0x00019d02, 213), (0x00019f02, 214), (0x0001a007, 1), (0x0001a602, 218),
    (0x0001a702, 1), (0x0001a902, 218), (0x0001ac02, 1), (0x0001ae02, 218), (0x0001af02, 1),
    (0x0001b104, 217), (0x0001b305, 1), (0x0001b702, 219), (0x0001b802, 1), (0x0001bc02, 1),
    (0x0001c402, 2), (0x0001c502, 1), (0x0001c702, 2), (0x0001c802, 1), (0x0001ca02, 2),
    (0x0001cb13, 1), (0x0001de13, 1), (0x0001f102, 2), (0x0001f205, 1), (0x0001f602, -97),
    (0x0001f702, -56), (0x0001f829, 1), (0x00022002, -130), (0x00022213, 1), (0x00023a02, 10795),
    (0x00023b02, 1), (0x00023d02, -163), (0x00023e02, 10792), (0x00024102, 1), (0x00024302, -195),
    (0x00024402, 69), (0x00024502, 71), (0x0002460b, 1), (0x00037005, 1), (0x00037602, 1),
    (0x00037f02, 116), (0x00038602, 38), (0x00038806, 37), (0x00038c02, 64), (0x00038e04, 63),
    (0x00039122, 32), (0x0003a312, 32), (0x0003cf02, 8), (0x0003d819, 1), (0x0003f402, -60),
    (0x0003f702, 1), (0x0003f902, -7), (0x0003fa02, 1), (0x0003fd06, -130), (0x00040020, 80),
    (0x00041040, 32), (0x00046023, 1), (0x00048a37, 1), (0x0004c002, 15), (0x0004c10f, 1),
    (0x0004d061, 1), (0x0005314c, 48), (0x0010a04c, 7264), (0x0010c702, 7264), (0x0010cd02, 7264),
    (0x0013a0a0, 38864), (0x0013f00c, 8), (0x001c8902, 1), (0x001c9056, -3008), (0x001cbd06, -3008),
    (0x001e0097, 1), (0x001e9e02, -7615), (0x001ea061, 1), (0x001f0810, -8), (0x001f180c, -8),
    (0x001f2810, -8), (0x001f3810, -8), (0x001f480c, -8), (0x001f5909, -8), (0x001f6810, -8),
    (0x001f8810, -8), (0x001f9810, -8), (0x001fa810, -8), (0x001fb804, -8), (0x001fba04, -74),
    (0x001fbc02, -9), (0x001fc808, -86), (0x001fcc02, -9), (0x001fd804, -8), (0x001fda04, -100),
    (0x001fe804, -8), (0x001fea04, -112), (0x001fec02, -7), (0x001ff804, -128), (0x001ffa04, -126),
    (0x001ffc02, -9), (0x00212602, -7517), (0x00212a02, -8383), (0x00212b02, -8262), (0x00213202, 28),
    (0x00216020, 16), (0x00218302, 1), (0x0024b634, 26), (0x002c0060, 48), (0x002c6002, 1),
    (0x002c6202, -10743), (0x002c6302, -3814), (0x002c6402, -10727), (0x002c6707, 1), (0x002c6d02, -10780),
    (0x002c6e02, -10749), (0x002c6f02, -10783), (0x002c7002, -10782), (0x002c7202, 1), (0x002c7502, 1),
    (0x002c7e04, -10815), (0x002c8065, 1), (0x002ceb05, 1), (0x002cf202, 1), (0x00a6402f, 1),
    (0x00a6801d, 1), (0x00a7220f, 1), (0x00a7323f, 1), (0x00a77905, 1), (0x00a77d02, -35332),
    (0x00a77e0b, 1), (0x00a78b02, 1), (0x00a78d02, -42280), (0x00a79005, 1), (0x00a79615, 1),
    (0x00a7aa02, -42308), (0x00a7ab02, -42319), (0x00a7ac02, -42315), (0x00a7ad02, -42305), (0x00a7ae02, -42308),
    (0x00a7b002, -42258), (0x00a7b102, -42282), (0x00a7b202, -42261), (0x00a7b302, 928), (0x00a7b411, 1),
    (0x00a7c402, -48), (0x00a7c502, -42307), (0x00a7c602, -35384), (0x00a7c705, 1), (0x00a7cb02, -42343),
    (0x00a7cc11, 1), (0x00a7dc02, -42561), (0x00a7f502, 1), (0x00ff2134, 32), (0x01040050, 40),
    (0x0104b048, 40), (0x01057016, 39), (0x01057c1e, 39), (0x01058c0e, 39), (0x01059404, 39),
    (0x010c8066, 64), (0x010d502c, 32), (0x0118a040, 32), (0x016e4040, 32), (0x016ea032, 27),
    (0x01e90044, 34),
];

/// The lowercase of an alphanumeric character, as `char::to_lowercase` has it ([`LOWER`]).
fn lower(c: char) -> char {
    let u = c as u32;
    let at = LOWER.partition_point(|&(run, _)| run >> 8 <= u);
    let Some(&(run, shift)) = at.checked_sub(1).map(|i| &LOWER[i]) else { return c };
    let (off, count, step) = (u - (run >> 8), (run >> 1) & 0x7f, 1 + (run & 1));
    if off % step != 0 || off / step >= count {
        return c;
    }
    char::from_u32(u.wrapping_add_signed(shift)).unwrap_or(c)
}

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
        c if c.is_alphanumeric() => out.push(lower(c)),
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

    /// [`LOWER`] from the standard library: its runs of alphanumeric characters whose lowercase
    /// (alphanumeric part) is one other character, the same distance away.
    fn lowercase_runs() -> Vec<(u32, i32)> {
        let mut runs: Vec<(u32, u32, u32, i32)> = Vec::new();
        for c in (0..=char::MAX as u32).filter_map(char::from_u32).filter(|c| c.is_alphanumeric()) {
            let l: Vec<char> = c.to_lowercase().filter(|l| l.is_alphanumeric()).collect();
            assert_eq!(l.len(), 1, "{c:?}");
            let (u, shift) = (c as u32, l[0] as i32 - c as i32);
            if shift == 0 {
                continue;
            }
            match runs.last_mut() {
                Some((first, n @ 1, step, d)) if *d == shift && (u == *first + 1 || u == *first + 2) => {
                    (*n, *step) = (2, u - *first);
                }
                Some((first, n, step, d)) if *d == shift && *n > 1 && u == *first + *n * *step => *n += 1,
                _ => runs.push((u, 1, 1, shift)),
            }
        }
        assert!(runs.iter().all(|r| r.1 < 128), "a run's count has 7 bits");
        runs.into_iter().map(|(first, n, step, d)| (first << 8 | n << 1 | (step - 1), d)).collect()
    }

    #[test]
    fn lowercase_runs_are_the_standard_librarys() {
        let runs = lowercase_runs();
        let table: Vec<String> = runs.iter().map(|(k, d)| format!("(0x{k:08x}, {d})")).collect();
        assert!(
            runs == LOWER,
            "this Rust's Unicode lowercases differently: LOWER should be\nconst LOWER: [(u32, i32); {}] = [{}];",
            runs.len(),
            table.join(", ")
        );
        for c in (0..=char::MAX as u32).filter_map(char::from_u32).filter(|c| c.is_alphanumeric()) {
            let std: String = c.to_lowercase().filter(|l| l.is_alphanumeric()).collect();
            assert_eq!(lower(c).to_string(), std, "{c:?}");
        }
        assert_eq!(
            normalize("İSTANBUL ÇAĞRI Ελλάδα ΚΥΒΕΡΝΟΑΣΦΑΛΕΙΑ МОСКВА ВЬЕТНАМ VIỆT NAM ＡＢＣ"),
            normalize("istanbul çağri ελλάδα κυβερνοασφαλεια москва вьетнам việt nam ａｂｃ")
        );
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
