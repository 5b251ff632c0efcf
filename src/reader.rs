//! What the article reader shows: the article text cut into plain runs and highlighted quotes,
//! and, for an article too long to render whole, only the neighbourhood of each quote. Pure,
//! tested natively; `ui::source` renders the pieces.

use std::ops::Range;

/// One piece of the rendered article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Plain text: a byte range of the article.
    Text(Range<usize>),
    /// A highlighted quote: which source it is, and its byte range.
    Mark(usize, Range<usize>),
    /// Text left out of an over-long article.
    Gap,
}

/// The longest article rendered whole (bytes); longer ones show each quote's neighbourhood.
pub const MAX_RENDERED: usize = 64 * 1024;
/// How much text (bytes) to keep either side of a quote in an over-long article.
pub const CONTEXT: usize = 1500;
/// The least text (bytes) of one rendered block of the article: a few lines of Arabic.
pub const BLOCK: usize = 1024;
/// What a `Piece::Gap` shows.
pub const GAP: &str = " … ";

fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The pieces of `text` with the quotes at `marks` ((source index, byte range), any order;
/// overlapping ranges keep the first) highlighted. Over `max` bytes, only `context` bytes around
/// each quote are kept, with gaps between.
pub fn pieces(text: &str, marks: &[(usize, Range<usize>)], max: usize, context: usize) -> Vec<Piece> {
    let marks: Vec<(usize, Range<usize>)> =
        marks.iter().filter(|(_, r)| r.start < r.end && r.end <= text.len()).cloned().collect();
    let marks = crate::sort::by_key(marks, |(_, r)| (r.start, r.end));
    let mut kept: Vec<(usize, Range<usize>)> = Vec::new();
    for (i, r) in marks {
        if kept.last().is_none_or(|(_, last)| r.start >= last.end) {
            kept.push((i, r));
        }
    }
    // The windows of text to show: everything, or each quote with its context (merged).
    let windows: Vec<Range<usize>> = if text.len() <= max {
        std::iter::once(0..text.len()).collect()
    } else {
        let mut w: Vec<Range<usize>> = Vec::new();
        for (_, r) in &kept {
            let a = floor_char(text, r.start.saturating_sub(context));
            let b = ceil_char(text, r.end + context);
            match w.last_mut() {
                Some(last) if a <= last.end => last.end = last.end.max(b),
                _ => w.push(a..b),
            }
        }
        if w.is_empty() {
            w.push(0..floor_char(text, max));
        }
        w
    };
    let mut out = Vec::new();
    let mut marks = kept.into_iter().peekable();
    for (k, win) in windows.iter().enumerate() {
        if k > 0 || win.start > 0 {
            out.push(Piece::Gap);
        }
        let mut at = win.start;
        while let Some((i, r)) = marks.next_if(|(_, r)| r.start < win.end) {
            if r.start > at {
                out.push(Piece::Text(at..r.start));
            }
            out.push(Piece::Mark(i, r.clone()));
            at = r.end;
        }
        if at < win.end {
            out.push(Piece::Text(at..win.end));
        }
    }
    if windows.last().is_some_and(|w| w.end < text.len()) {
        out.push(Piece::Gap);
    }
    out
}

/// `pieces` grouped into blocks of at least `min` bytes, so the browser lays out only the blocks
/// near what the reader sees (`content-visibility: auto` on each) and styles a few dozen
/// elements, not one per line: a block ends after the first line break of a run of them once it
/// holds `min` bytes, and the rest of the run begins the next one, so an empty line keeps its
/// height. Only plain runs are cut: a quote, and a gap, stay whole in one block.
pub fn paragraphs(text: &str, pieces: Vec<Piece>, min: usize) -> Vec<Vec<Piece>> {
    let bytes = text.as_bytes();
    let line_break = |c: &&u8| matches!(c, b'\n' | b'\r');
    // Whether the `\n` at `j` is the first of its run of line breaks.
    let first_of_run = |j: usize| !bytes[..j].iter().rev().take_while(line_break).any(|c| *c == b'\n');
    let (mut out, mut current, mut held) = (Vec::new(), Vec::new(), 0);
    for piece in pieces {
        let Piece::Text(r) = piece else {
            if let Piece::Mark(_, r) = &piece {
                held += r.len();
            }
            current.push(piece);
            continue;
        };
        let mut at = r.start;
        for j in r.clone().filter(|&j| bytes[j] == b'\n' && first_of_run(j)) {
            if held + (j + 1 - at) < min {
                continue;
            }
            current.push(Piece::Text(at..j + 1));
            out.push(std::mem::take(&mut current));
            (at, held) = (j + 1, 0);
        }
        held += r.end - at;
        if at < r.end {
            current.push(Piece::Text(at..r.end));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// About how many lines a block takes at `per_line` characters a line, line breaks kept (the
/// box's `white-space: pre-line`): the size the browser assumes for it until it is drawn.
pub fn block_lines(text: &str, block: &[Piece], per_line: usize) -> usize {
    let (mut lines, mut run, per_line) = (0usize, 0usize, per_line.max(1));
    let mut chars = |s: &str| {
        for c in s.chars() {
            if c == '\n' {
                lines += run.div_ceil(per_line).max(1);
                run = 0;
            } else {
                run += 1;
            }
        }
    };
    for piece in block {
        match piece {
            Piece::Text(r) | Piece::Mark(_, r) => chars(&text[r.clone()]),
            Piece::Gap => chars(GAP),
        }
    }
    lines + run.div_ceil(per_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each block as its text, quotes in brackets and gaps as "…".
    fn shown(text: &str, blocks: &[Vec<Piece>]) -> Vec<String> {
        let piece = |x: &Piece| match x {
            Piece::Text(r) => text[r.clone()].to_owned(),
            Piece::Mark(_, r) => format!("[{}]", &text[r.clone()]),
            Piece::Gap => "…".to_owned(),
        };
        blocks.iter().map(|p| p.iter().map(piece).collect()).collect()
    }

    #[test]
    fn a_short_article_is_whole_with_every_quote_marked() {
        let text = "aaa QUOTE1 bbb QUOTE2 ccc";
        let p = pieces(text, &[(1, 15..21), (0, 4..10)], 1000, 10);
        assert_eq!(
            p,
            vec![
                Piece::Text(0..4),
                Piece::Mark(0, 4..10),
                Piece::Text(10..15),
                Piece::Mark(1, 15..21),
                Piece::Text(21..25)
            ]
        );
    }

    #[test]
    fn overlapping_quotes_keep_the_first() {
        let p = pieces("abcdefgh", &[(0, 1..5), (1, 3..7)], 100, 10);
        assert_eq!(p, vec![Piece::Text(0..1), Piece::Mark(0, 1..5), Piece::Text(5..8)]);
    }

    #[test]
    fn a_long_article_shows_each_quote_in_its_neighbourhood() {
        let text = format!("{}QUOTE{}", "x".repeat(10_000), "y".repeat(10_000));
        let p = pieces(&text, &[(0, 10_000..10_005)], 1000, 100);
        assert_eq!(
            p,
            vec![
                Piece::Gap,
                Piece::Text(9_900..10_000),
                Piece::Mark(0, 10_000..10_005),
                Piece::Text(10_005..10_105),
                Piece::Gap
            ]
        );
    }

    #[test]
    fn windows_respect_character_boundaries() {
        let text = format!("{}ق{}", "ط".repeat(3000), "ط".repeat(3000));
        let at = text.find('ق').unwrap();
        let p = pieces(&text, &[(0, at..at + 2)], 100, 101);
        for piece in &p {
            if let Piece::Text(r) | Piece::Mark(_, r) = piece {
                assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end), "{r:?}");
            }
        }
    }

    #[test]
    fn a_long_article_without_a_located_quote_shows_its_beginning() {
        let text = "z".repeat(5000);
        assert_eq!(pieces(&text, &[], 1000, 100), vec![Piece::Text(0..1000), Piece::Gap]);
    }

    #[test]
    fn paragraphs_end_after_the_first_break_of_a_run_and_never_cut_a_quote() {
        let text = "one\n\ntwo QUOTE\nSPANS three\r\n\r\nfour";
        let q = text.find("QUOTE").unwrap()..text.find(" three").unwrap();
        let ps = paragraphs(text, pieces(text, &[(0, q.clone())], 1000, 10), 1);
        let shown = shown(text, &ps);
        assert_eq!(shown, ["one\n", "\ntwo [QUOTE\nSPANS] three\r\n", "\r\nfour"]);
    }

    #[test]
    fn a_text_without_breaks_is_one_paragraph_and_gaps_stay_in_place() {
        let text = format!("{}QUOTE{}", "x".repeat(10_000), "y".repeat(10_000));
        let p = pieces(&text, &[(0, 10_000..10_005)], 1000, 100);
        assert_eq!(paragraphs(&text, p.clone(), 1), vec![p]);
        assert!(paragraphs("", Vec::new(), 1).is_empty());
        assert_eq!(paragraphs("a\n", vec![Piece::Text(0..2)], 1), vec![vec![Piece::Text(0..2)]]);
    }

    #[test]
    fn a_block_takes_a_line_for_each_break_and_each_wrap() {
        let text = "abcdef\n\nabc\n";
        let all = [Piece::Text(0..text.len())];
        // "abcdef" wraps once at 4 a line; the empty line counts; the closing break adds none.
        assert_eq!(block_lines(text, &all, 4), 4);
        assert_eq!(block_lines(text, &all, 100), 3);
        assert_eq!(block_lines("ab", &[Piece::Text(0..2), Piece::Gap], 0), 5);
        assert_eq!(block_lines("", &[], 10), 0);
    }

    #[test]
    fn a_block_holds_lines_until_it_has_its_least_size_and_loses_no_byte() {
        let text = "aa\nbb\n\ncc QUOTE dd\nee\n";
        let q = text.find("QUOTE").unwrap();
        let ps = paragraphs(text, pieces(text, &[(0, q..q + 5)], 1000, 10), 6);
        let shown = shown(text, &ps);
        // "aa\n" is 3 bytes: the block goes on to the run after "bb"; the quote counts.
        assert_eq!(shown, ["aa\nbb\n", "\ncc [QUOTE] dd\n", "ee\n"]);
        // Every byte once, in order, whatever the least size.
        for min in [0, 1, 4, 100] {
            let mut at = 0;
            for piece in paragraphs(text, vec![Piece::Text(0..text.len())], min).concat() {
                let Piece::Text(r) = piece else { unreachable!() };
                assert_eq!(r.start, at);
                at = r.end;
            }
            assert_eq!(at, text.len());
        }
    }
}
