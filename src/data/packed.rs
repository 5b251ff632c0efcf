//! An event's texts in one allocation, Arabic at one byte a letter.
//!
//! At 100,000 events the texts are most of the app's memory (about 990 bytes an event as UTF-8,
//! two thirds of it Arabic at two bytes a letter), and as separate `String`s each costs a
//! header and an allocation of its own. [`Packed`] keeps a record's numbers and texts in one
//! boxed byte string: a header of LEB128 numbers (how many numbers, the numbers, how many texts,
//! each text's length), then the texts, each encoded on its own in SCSU, the Standard
//! Compression Scheme for Unicode (Unicode Technical Standard #6), so that any one decodes alone.
//!
//! Only the part of SCSU this encoder needs is written (and read): single-byte mode, the
//! predefined windows, no window definitions and no Unicode mode. ASCII is itself; a character
//! of the active dynamic window is one byte (`0x80 + offset`: U+0600–U+067F, the Arabic letters,
//! marks, digits and punctuation, in window 3); a run of characters in another predefined window
//! switches to it (`SCn`, one byte); a lone one is quoted (`SQn`: two bytes, so “ ” — … and the
//! directional marks of window U+2000 take two bytes where UTF-8 takes three); anything else is
//! quoted as UTF-16 (`SQU`, three bytes a unit). Every output is valid SCSU, so any SCSU
//! decoder reads a text back. No crate implements SCSU for Rust with the upkeep this project
//! asks of a dependency; this subset is 60 lines, and a property test keeps it lossless.

/// Single-byte mode tags (UTS #6, table 2).
const SQ0: u8 = 0x01;
const SQU: u8 = 0x0E;
const SC0: u8 = 0x10;

/// The dynamic windows' initial offsets, and the static windows'.
const DYNAMIC: [u32; 8] = [0x0080, 0x00C0, 0x0400, 0x0600, 0x0900, 0x3040, 0x30A0, 0xFF00];
const STATIC: [u32; 8] = [0x0000, 0x0080, 0x0100, 0x0300, 0x2000, 0x2080, 0x2100, 0x3000];

/// The characters SCSU's single-byte mode passes through as themselves.
fn passes(c: u32) -> bool {
    (0x20..0x80).contains(&c) || matches!(c, 0x00 | 0x09 | 0x0A | 0x0D)
}

fn window(offsets: &[u32; 8], c: u32) -> Option<usize> {
    offsets.iter().position(|&o| c.wrapping_sub(o) < 0x80)
}

fn encode(text: &str, out: &mut Vec<u8>) {
    let mut active = 0;
    let mut chars = text.chars().map(u32::from).peekable();
    while let Some(c) = chars.next() {
        if passes(c) {
            out.push(c as u8);
        } else if c.wrapping_sub(DYNAMIC[active]) < 0x80 {
            out.push(0x80 + (c - DYNAMIC[active]) as u8);
        } else if let Some(w) = window(&DYNAMIC, c) {
            // Switch for a run (the next character is in the window too), quote a lone one.
            let run = chars.peek().is_some_and(|&n| n.wrapping_sub(DYNAMIC[w]) < 0x80);
            if run {
                active = w;
                out.extend([SC0 + w as u8, 0x80 + (c - DYNAMIC[w]) as u8]);
            } else {
                out.extend([SQ0 + w as u8, 0x80 + (c - DYNAMIC[w]) as u8]);
            }
        } else if let Some(w) = window(&STATIC, c) {
            out.extend([SQ0 + w as u8, (c - STATIC[w]) as u8]);
        } else {
            let mut units = [0; 2];
            for unit in char::from_u32(c).unwrap_or_default().encode_utf16(&mut units) {
                out.push(SQU);
                out.extend(unit.to_be_bytes());
            }
        }
    }
}

fn decode(bytes: &[u8], out: &mut String) {
    let mut active = 0;
    let mut units = Vec::new();
    let mut i = 0;
    let byte = |i: usize| bytes.get(i).copied().unwrap_or(0) as u32;
    while i < bytes.len() {
        let b = bytes[i];
        i += 1;
        let c = match b {
            SQU => {
                units.push(((byte(i) << 8) | byte(i + 1)) as u16);
                i += 2;
                if (0xD800..0xDC00).contains(&units[0]) && units.len() < 2 {
                    continue;
                }
                out.extend(char::decode_utf16(units.drain(..)).map(|c| c.unwrap_or('\u{FFFD}')));
                continue;
            }
            0x01..=0x08 => {
                let (w, x) = (usize::from(b - SQ0), byte(i));
                i += 1;
                if x < 0x80 {
                    STATIC[w] + x
                } else {
                    DYNAMIC[w] + x - 0x80
                }
            }
            0x10..=0x17 => {
                active = usize::from(b - SC0);
                continue;
            }
            0x80.. => DYNAMIC[active] + u32::from(b) - 0x80,
            _ => u32::from(b),
        };
        out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
    }
}

/// Appends `n` in LEB128: seven bits a byte, low first, the high bit set on all but the last.
/// (The search index's posting lists are written with it too.)
pub(crate) fn put(n: usize, out: &mut Vec<u8>) {
    let mut n = n;
    while n >= 0x80 {
        out.push(0x80 | (n & 0x7F) as u8);
        n >>= 7;
    }
    out.push(n as u8);
}

/// A reader of LEB128 numbers ([`put`]) from `bytes`, starting at `at`.
pub(crate) struct Numbers<'a> {
    pub bytes: &'a [u8],
    pub at: usize,
}

impl Numbers<'_> {
    /// The next number, or `None` where the bytes end inside it or it does not fit a `usize`
    /// (what a reader of bytes from elsewhere needs: `search::transfer`).
    pub fn checked(&mut self) -> Option<usize> {
        let (mut n, mut shift) = (0usize, 0u32);
        loop {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            if shift >= usize::BITS {
                return None;
            }
            n |= usize::from(b & 0x7F) << shift;
            if b < 0x80 {
                return Some(n);
            }
            shift += 7;
        }
    }

    /// The next number (0 past the end, or for bytes this module did not write).
    pub fn next(&mut self) -> usize {
        self.checked().unwrap_or(0)
    }
}

/// A record's numbers and texts in one allocation (see the module's documentation).
#[derive(Clone, PartialEq, Eq)]
pub struct Packed(Box<[u8]>);

impl Packed {
    pub fn new<'a>(numbers: &[u32], texts: impl IntoIterator<Item = &'a str>) -> Packed {
        let mut body = Vec::new();
        let mut lens = Vec::new();
        for text in texts {
            let start = body.len();
            encode(text, &mut body);
            lens.push(body.len() - start);
        }
        let mut out = Vec::with_capacity(body.len() + 2 * (numbers.len() + lens.len() + 2));
        put(numbers.len(), &mut out);
        numbers.iter().for_each(|&n| put(n as usize, &mut out));
        put(lens.len(), &mut out);
        lens.iter().for_each(|&n| put(n, &mut out));
        out.extend(body);
        Packed(out.into_boxed_slice())
    }

    /// A record's bytes as [`Packed::bytes`] gave them. Any bytes read safely: what is missing
    /// or malformed reads as empty.
    pub fn from_bytes(bytes: Box<[u8]>) -> Packed {
        Packed(bytes)
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    fn header(&self) -> Numbers<'_> {
        Numbers { bytes: &self.0, at: 0 }
    }

    /// The numbers, in order.
    pub fn numbers(&self) -> impl ExactSizeIterator<Item = u32> + '_ {
        let mut h = self.header();
        let n = h.next();
        (0..n).map(move |_| h.next() as u32)
    }

    /// The header past the numbers.
    fn past_numbers(&self) -> Numbers<'_> {
        let mut h = self.header();
        for _ in 0..h.next() {
            h.next();
        }
        h
    }

    /// How many texts there are.
    pub fn texts(&self) -> usize {
        self.past_numbers().next()
    }

    /// Each text's bytes, in order.
    fn encoded(&self) -> impl Iterator<Item = &[u8]> + '_ {
        let mut h = self.past_numbers();
        let n = h.next();
        let mut lens = Numbers { bytes: &self.0[..], at: h.at };
        // The texts start after the lengths.
        for _ in 0..n {
            h.next();
        }
        let mut start = h.at;
        (0..n).map(move |_| {
            let len = lens.next();
            let bytes = self.0.get(start..start + len).unwrap_or_default();
            start += len;
            bytes
        })
    }

    /// Every text in turn, decoded into one reused buffer.
    pub fn each_text(&self, mut f: impl FnMut(&str)) {
        let mut buf = String::new();
        for bytes in self.encoded() {
            buf.clear();
            decode(bytes, &mut buf);
            f(&buf);
        }
    }

    /// Text `i` (empty past the end).
    pub fn text(&self, i: usize) -> String {
        let mut out = String::new();
        if let Some(bytes) = self.encoded().nth(i) {
            decode(bytes, &mut out);
        }
        out
    }
}

impl std::fmt::Debug for Packed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let texts: Vec<String> = (0..self.texts()).map(|i| self.text(i)).collect();
        f.debug_struct("Packed").field("numbers", &self.numbers().collect::<Vec<_>>()).field("texts", &texts).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn scsu(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        encode(text, &mut out);
        out
    }

    #[test]
    fn arabic_takes_a_byte_a_letter() {
        let text = "وقّعت الإمارات وفرنسا «مذكرة تفاهم» في 12 أيار/مايو ٢٠٢٤ — بحسب “وام”؟";
        let bytes = scsu(text);
        assert!(bytes.len() * 100 < text.len() * 62, "{} of {}", bytes.len(), text.len());
        let mut back = String::new();
        decode(&bytes, &mut back);
        assert_eq!(back, text);
        // The first Arabic letter switches to window 3 (SC3, then the letter).
        assert_eq!(&bytes[..2], &[SC0 + 3, 0x80 + 0x48]);
        assert_eq!(scsu("Cyber talks"), b"Cyber talks");
    }

    #[test]
    fn the_encoding_is_the_standard_s() {
        // UTS #6's examples 9.1 and 9.2 (German, Russian) are what this subset writes for them.
        assert_eq!(scsu("Öl fließt"), [0xD6, 0x6C, 0x20, 0x66, 0x6C, 0x69, 0x65, 0xDF, 0x74]);
        assert_eq!(scsu("Москва"), [0x12, 0x9C, 0xBE, 0xC1, 0xBA, 0xB2, 0xB0]);
    }

    #[test]
    fn numbers_and_texts_come_back() {
        let p = Packed::new(&[0, 7, 300, u32::MAX], ["", "عنوان", "title", "\u{1F600} x\u{0}\u{1}"]);
        assert_eq!(p.numbers().collect::<Vec<_>>(), [0, 7, 300, u32::MAX]);
        assert_eq!(p.texts(), 4);
        assert_eq!([p.text(0), p.text(1), p.text(2), p.text(3)], ["", "عنوان", "title", "\u{1F600} x\u{0}\u{1}"]);
        assert_eq!(p.text(4), "");
    }

    proptest! {
        #[test]
        fn any_texts_come_back(numbers in proptest::collection::vec(any::<u32>(), 0..4),
                               texts in proptest::collection::vec(any::<String>(), 0..5),
                               arabic in "[\u{0600}-\u{06FF} a-z.«»“”\u{200F}]{0,40}") {
            let all: Vec<&str> = texts.iter().map(String::as_str).chain([arabic.as_str()]).collect();
            let p = Packed::new(&numbers, all.iter().copied());
            prop_assert_eq!(p.numbers().collect::<Vec<_>>(), numbers);
            prop_assert_eq!(p.texts(), all.len());
            for (i, t) in all.iter().enumerate() {
                prop_assert_eq!(&p.text(i), t);
            }
            let mut each = Vec::new();
            p.each_text(|t| each.push(t.to_owned()));
            prop_assert_eq!(each, all);
        }
    }
}
