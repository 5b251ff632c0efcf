//! Splits an article into sentences, each a verbatim slice of the text.
//!
//! A sentence ends at . ! ? ؟ … (with the closing quotation marks and brackets after them), and
//! at a blank line. It does not end inside quotation marks («» “” "" — some texts close with the
//! opening mark, so a curly mark inside a curly quotation closes it), at a decimal point
//! ("3.5"), after an initial ("U.S."), or at a single line break: in real articles a line may
//! break inside a sentence. A quotation left open for more than [`MAX_QUOTE`] bytes, or across a
//! blank line, is taken for a stray mark.

use std::ops::Range;

/// Longest quotation (in bytes) that holds sentence ends back.
pub const MAX_QUOTE: usize = 600;

pub(super) fn is_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

fn is_closer(c: char) -> bool {
    matches!(c, '»' | '”' | '“' | '"' | ')' | ']' | '’')
}

/// The byte ranges of `text`'s sentences, trimmed of whitespace, in order; empty ones dropped.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    // Where the open quotation began, if one is open, and which family it is.
    let mut open: Option<(usize, char)> = None;
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if open.is_some_and(|(at, _)| i - at > MAX_QUOTE) {
            open = None;
        }
        let was_open = open.is_some();
        match c {
            '«' => open = open.or(Some((i, '«'))),
            '»' if open.is_some_and(|(_, f)| f == '«') => open = None,
            '“' | '”' | '"' => {
                let family = if c == '"' { '"' } else { '“' };
                match open {
                    Some((_, f)) if f == family => open = None,
                    None => open = Some((i, family)),
                    _ => {}
                }
            }
            '\n' => {
                // A blank line ends the sentence whatever is open.
                let mut j = k + 1;
                while j < chars.len() && chars[j].1 != '\n' && chars[j].1.is_whitespace() {
                    j += 1;
                }
                if j < chars.len() && chars[j].1 == '\n' {
                    push(text, start..i, &mut out);
                    start = chars[j].0;
                    open = None;
                    k = j;
                    continue;
                }
            }
            _ => {}
        }
        // A quotation that closes on a sentence end («… اتفاقية.») ends the sentence too.
        let closed_on_end = was_open && open.is_none() && last_visible(&chars, k).is_some_and(is_end);
        if closed_on_end || (is_end(c) && open.is_none() && !was_open && ends_here(&chars, k)) {
            let mut j = k + 1;
            while j < chars.len() && (is_end(chars[j].1) || is_closer(chars[j].1)) {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |n| n.0);
            push(text, start..end, &mut out);
            start = end;
            k = j;
            continue;
        }
        k += 1;
    }
    push(text, start..text.len(), &mut out);
    out
}

/// The last character before `k` that is not a space.
fn last_visible(chars: &[(usize, char)], k: usize) -> Option<char> {
    chars[..k].iter().rev().map(|c| c.1).find(|c| !c.is_whitespace())
}

/// Whether the end mark at `k` ends a sentence: not a decimal point ("3.5", "٣.٥"), not after a
/// one-letter abbreviation ("U.S.", "د. أحمد"), not inside a word or address ("example.com").
fn ends_here(chars: &[(usize, char)], k: usize) -> bool {
    if chars[k].1 != '.' {
        return true;
    }
    let prev = k.checked_sub(1).map(|p| chars[p].1);
    let next = chars.get(k + 1).map(|n| n.1);
    let decimal = prev.is_some_and(char::is_numeric) && next.is_some_and(char::is_numeric);
    let initial =
        prev.is_some_and(char::is_alphabetic) && k.checked_sub(2).is_none_or(|p| !chars[p].1.is_alphanumeric());
    let inside_word =
        next.is_some_and(|n| n.is_ascii_alphanumeric()) && prev.is_some_and(|p| p.is_ascii_alphanumeric());
    !(decimal || initial || inside_word)
}

/// Adds `range` trimmed, if anything with a letter is left.
fn push(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if trimmed.chars().any(char::is_alphanumeric) {
        let start = range.start + lead;
        out.push(start..start + trimmed.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_on_arabic_punctuation_and_glued_sentences() {
        assert_eq!(split("هل وقّعت؟ نعم وقّعت.وأضاف الوزير"), ["هل وقّعت؟", "نعم وقّعت.", "وأضاف الوزير"]);
    }

    #[test]
    fn keeps_quotations_whole() {
        let t = "وقال: «لن نقبل. ولن نتراجع». ثم غادر.";
        assert_eq!(split(t), ["وقال: «لن نقبل. ولن نتراجع».", "ثم غادر."]);
        // Closed with the opening mark, as some texts do.
        let t = "وقال: “ان الصين مستعدة“.كما أكد الرئيس";
        assert_eq!(split(t), ["وقال: “ان الصين مستعدة“.", "كما أكد الرئيس"]);
    }

    #[test]
    fn a_quotation_that_ends_a_sentence_ends_it() {
        let t = "وقال: «وقعنا اتفاقية.» واتهمت إيران إسرائيل بالقرصنة.";
        assert_eq!(split(t), ["وقال: «وقعنا اتفاقية.»", "واتهمت إيران إسرائيل بالقرصنة."]);
    }

    #[test]
    fn arabic_decimals_and_abbreviations() {
        assert_eq!(
            split("بقيمة ٣.٥ مليار. وقال د. أحمد إن ذلك مهم."),
            ["بقيمة ٣.٥ مليار.", "وقال د. أحمد إن ذلك مهم."]
        );
    }

    #[test]
    fn line_breaks_and_numbers() {
        let t = "العنوان\n\nوقّعت الدولتان\nاتفاقاً بقيمة 3.5 مليار مع U.S. اليوم.";
        assert_eq!(split(t), ["العنوان", "وقّعت الدولتان\nاتفاقاً بقيمة 3.5 مليار مع U.S. اليوم."]);
    }
}
