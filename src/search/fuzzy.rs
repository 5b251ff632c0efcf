//! Near words for "did you mean": bounded Damerau–Levenshtein distance over length buckets.
//!
//! [`edit_budget`] says how many edits a word of a given length may need: one up to seven
//! letters, two beyond, none below [`MIN_FUZZY`] letters (almost every short word is one edit
//! from many others) or above [`MAX_FUZZY`]. [`Buckets`] files
//! the vocabulary by length in letters with a 64-bit letter signature per word, so a lookup only
//! visits words of a compatible length and computes the distance only for those whose letters
//! could be within budget. [`distance`] is the optimal string alignment distance (insertions,
//! deletions, substitutions and transpositions of adjacent letters), abandoned as soon as it
//! must exceed the budget.

/// Words shorter than this (in letters) are never corrected nor offered as corrections.
pub const MIN_FUZZY: usize = 4;

/// Nor are words longer than this: no real word is, and the buckets stay small on any input.
pub const MAX_FUZZY: usize = 40;

/// How many edits a word of `letters` letters may be from its correction.
pub fn edit_budget(letters: usize) -> Option<usize> {
    match letters {
        MIN_FUZZY..=7 => Some(1),
        8..=MAX_FUZZY => Some(2),
        _ => None,
    }
}

/// A set of letters, hashed to 64 bits: if `a` is within `k` edits of `b`, at most `k` of `a`'s
/// letters are missing from `b` and at most `k` of `b`'s from `a` (collisions only let more
/// candidates through).
pub fn signature(word: &str) -> u64 {
    word.chars().fold(0, |m, c| m | 1 << (c as u32 % 64))
}

/// The optimal string alignment distance between `a` and `b` if it is at most `k`.
pub fn distance(a: &[char], b: &[char], k: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > k {
        return None;
    }
    // Three rows of the dynamic programme: the one before the previous (for transpositions),
    // the previous and the current.
    let width = b.len() + 1;
    let mut rows = vec![0usize; 3 * width];
    let (mut pp, mut p, mut c) = (0, width, 2 * width);
    for (j, cell) in rows[p..p + width].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[c] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[p + j] + 1).min(rows[c + j - 1] + 1).min(rows[p + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[pp + j - 2] + 1);
            }
            rows[c + j] = d;
            row_min = row_min.min(d);
        }
        if row_min > k {
            return None;
        }
        (pp, p, c) = (p, c, pp);
    }
    Some(rows[p + b.len()]).filter(|&d| d <= k)
}

/// Word ids filed by length in letters, with each word's letter signature.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Buckets {
    /// Word ids ordered by length; bucket `n` is `ids[starts[n]..starts[n + 1]]`.
    ids: Vec<u32>,
    starts: Vec<u32>,
    signatures: Vec<u64>,
}

impl Buckets {
    /// Files `words` (indexed by word id); only words of [`MIN_FUZZY`] to [`MAX_FUZZY`] letters.
    pub fn new<'a>(words: impl ExactSizeIterator<Item = &'a str>) -> Buckets {
        let mut signatures = Vec::with_capacity(words.len());
        let mut lengths = Vec::with_capacity(words.len());
        // Counting sort by length: bucket `n` starts after every shorter word.
        let mut starts = vec![0u32; MAX_FUZZY + 2];
        for w in words {
            let (mut signature, mut n) = (0u64, 0usize);
            for c in w.chars() {
                signature |= 1 << (c as u32 % 64);
                n += 1;
            }
            signatures.push(signature);
            let n = n.min(MAX_FUZZY + 1) as u8;
            lengths.push(n);
            if (MIN_FUZZY..=MAX_FUZZY).contains(&(n as usize)) {
                starts[n as usize + 1] += 1;
            }
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut ids = vec![0u32; starts[MAX_FUZZY + 1] as usize];
        for (id, &n) in lengths.iter().enumerate() {
            if (MIN_FUZZY..=MAX_FUZZY).contains(&(n as usize)) {
                ids[next[n as usize] as usize] = id as u32;
                next[n as usize] += 1;
            }
        }
        Buckets { ids, starts, signatures }
    }

    /// The word ids, the buckets' starts and the signatures (see `transfer`).
    pub fn parts(&self) -> (&[u32], &[u32], &[u64]) {
        (&self.ids, &self.starts, &self.signatures)
    }

    /// Buckets from [`Buckets::parts`]: `None` unless every bucket lies within `ids` (each id
    /// is already checked against the words) and every word has a signature.
    pub fn from_parts(ids: Vec<u32>, starts: Vec<u32>, signatures: Vec<u64>) -> Option<Buckets> {
        let ordered = starts.windows(2).all(|w| w[0] <= w[1]);
        let fits = starts.len() == MAX_FUZZY + 2 && ordered && starts.last().is_some_and(|&s| s as usize <= ids.len());
        let signed = ids.iter().all(|&id| (id as usize) < signatures.len());
        (fits && signed).then_some(Buckets { ids, starts, signatures })
    }

    /// Calls `visit(id, distance)` for every filed word within the edit budget of `word`;
    /// `text(id)` gives a word's text.
    pub fn near<'a>(&self, word: &str, text: impl Fn(u32) -> &'a str, mut visit: impl FnMut(u32, usize)) {
        let Some(k) = edit_budget(word.chars().count()) else { return };
        let query: Vec<char> = word.chars().collect();
        let sig = signature(word);
        let mut candidate: Vec<char> = Vec::new();
        let lengths = query.len().saturating_sub(k).max(MIN_FUZZY)..=(query.len() + k).min(MAX_FUZZY);
        for n in lengths.filter(|&n| n + 1 < self.starts.len()) {
            for &id in &self.ids[self.starts[n] as usize..self.starts[n + 1] as usize] {
                let other = self.signatures[id as usize];
                if (sig & !other).count_ones() as usize > k || (other & !sig).count_ones() as usize > k {
                    continue;
                }
                candidate.clear();
                candidate.extend(text(id).chars());
                if let Some(d) = distance(&query, &candidate, k) {
                    visit(id, d);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(a: &str, b: &str, k: usize) -> Option<usize> {
        distance(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>(), k)
    }

    #[test]
    fn counts_each_kind_of_edit_once() {
        assert_eq!(d("بكين", "بكين", 1), Some(0));
        assert_eq!(d("بيكين", "بكين", 1), Some(1)); // insertion
        assert_eq!(d("بيدن", "بايدن", 1), Some(1)); // deletion
        assert_eq!(d("ساليفان", "سوليفان", 1), Some(1)); // substitution
        assert_eq!(d("bidne", "biden", 1), Some(1)); // transposition
        assert_eq!(d("واشنطون", "واشنطن", 2), Some(1));
    }

    #[test]
    fn gives_up_beyond_the_budget() {
        assert_eq!(d("لندان", "باريس", 2), None);
        assert_eq!(d("abcd", "badc", 1), None);
        assert_eq!(d("abcd", "badc", 2), Some(2));
        assert_eq!(d("abc", "abcdef", 2), None);
    }

    #[test]
    fn the_budget_grows_with_length() {
        assert_eq!(edit_budget(3), None);
        assert_eq!(edit_budget(4), Some(1));
        assert_eq!(edit_budget(7), Some(1));
        assert_eq!(edit_budget(8), Some(2));
        assert_eq!(edit_budget(MAX_FUZZY + 1), None);
    }

    #[test]
    fn buckets_visit_the_words_within_budget() {
        let words = ["بكين", "بيكين", "لندن", "ba", "بايدن", "بين"];
        let buckets = Buckets::new(words.iter().copied());
        let mut found = Vec::new();
        buckets.near("بيدن", |id| words[id as usize], |id, d| found.push((words[id as usize], d)));
        found.sort();
        // "بين" is one edit away but too short to be offered.
        assert_eq!(found, vec![("بايدن", 1)]);
    }

    /// The textbook recursion, for the property test.
    fn osa(a: &[char], b: &[char]) -> usize {
        let mut m = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for (i, row) in m.iter_mut().enumerate() {
            row[0] = i;
        }
        for (j, cell) in m[0].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                m[i][j] = (m[i - 1][j] + 1).min(m[i][j - 1] + 1).min(m[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    m[i][j] = m[i][j].min(m[i - 2][j - 2] + 1);
                }
            }
        }
        m[a.len()][b.len()]
    }

    proptest! {
        #[test]
        fn bounded_distance_agrees_with_the_recursion(a in "[abcب]{0,8}", b in "[abcب]{0,8}", k in 0usize..4) {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let full = osa(&a, &b);
            prop_assert_eq!(distance(&a, &b, k), Some(full).filter(|&d| d <= k));
        }

        #[test]
        fn the_signature_filter_never_drops_a_near_word(a in "[a-eب-ث]{4,9}", b in "[a-eب-ث]{4,9}") {
            let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let full = osa(&ca, &cb);
            let (sa, sb) = (signature(&a), signature(&b));
            prop_assert!((sa & !sb).count_ones() as usize <= full);
            prop_assert!((sb & !sa).count_ones() as usize <= full);
        }
    }
}
