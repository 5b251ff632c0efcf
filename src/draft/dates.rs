//! Date expressions in a sentence, resolved against the article's publication date with honest
//! precision.
//!
//! Understood: month names in the three Arabic systems (يناير / كانون الثاني / جانفي, and the
//! Moroccan يوليوز، غشت، شتنبر، نونبر، دجنبر), alone or paired ("تشرين الأول/أكتوبر"), with or
//! without a day and a year; weekdays ("يوم الخميس"، "أمس الأربعاء"، "اليوم الجمعة"، "الخميس
//! الماضي"); "أمس"; the last, this and next week, month and year; four-digit years; Hijri dates
//! written with هـ (converted with the arithmetic Islamic calendar, which can differ from a
//! sighted or Umm al-Qura month by a day or two, so their confidence is lower). Digits may be
//! Arabic-Indic (normalisation makes them ASCII).

use super::words::{bases, Word};
use crate::data::date::{civil_from_days, days_from_civil, days_in_month, PartialDate};
use crate::search::normalize;

/// A resolved date expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub date: PartialDate,
    pub confidence: f32,
    /// The expression as written.
    pub surface: String,
}

/// Gregorian month names (written as in news), with their month number. "مارس" is also a verb
/// ("practised"), "آب" a word for father and "ماي" rare outside dates: those count only in a date
/// context (a day before, a year or a relative word after, or a preposition before).
const MONTHS: &[(&str, u8)] = &[
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("إبريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
    ("نوفمبر", 11),
    ("ديسمبر", 12),
    ("شباط", 2),
    ("آذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("أيلول", 9),
    ("جانفي", 1),
    ("فيفري", 2),
    ("أفريل", 4),
    ("ماي", 5),
    ("جوان", 6),
    ("جويلية", 7),
    ("أوت", 8),
    ("يوليوز", 7),
    ("غشت", 8),
    ("شتنبر", 9),
    ("نونبر", 11),
    ("دجنبر", 12),
];

/// Month names that are also common words: see [`MONTHS`].
const AMBIGUOUS_MONTHS: &[&str] = &["مارس", "آب", "ماي", "أوت"];

/// Two-word Levantine months: (first word, second word, month).
const TWO_WORD_MONTHS: &[(&str, &str, u8)] =
    &[("كانون", "الثاني", 1), ("كانون", "الأول", 12), ("تشرين", "الأول", 10), ("تشرين", "الثاني", 11)];

/// Hijri months: (words, month).
const HIJRI_MONTHS: &[(&str, u8)] = &[
    ("محرم", 1),
    ("صفر", 2),
    ("ربيع الأول", 3),
    ("ربيع الثاني", 4),
    ("ربيع الآخر", 4),
    ("جمادى الأولى", 5),
    ("جمادى الأول", 5),
    ("جمادى الثانية", 6),
    ("جمادى الآخرة", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو القعدة", 11),
    ("ذي القعدة", 11),
    ("ذو الحجة", 12),
    ("ذي الحجة", 12),
];

/// Weekdays, Sunday first (day numbers: 1970-01-01 was a Thursday).
const WEEKDAYS: &[&str] = &["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"];

/// Words that put a month name in a date context when they come before it.
const BEFORE_MONTH: &[&str] =
    &["في", "منذ", "خلال", "حتى", "شهر", "مطلع", "بداية", "أوائل", "أواسط", "منتصف", "أواخر", "نهاية", "مطلع", "من"];

const PAST: &[&str] = &["الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "السابق"];
const NEXT: &[&str] = &["المقبل", "المقبلة", "القادم", "القادمة"];
const CURRENT: &[&str] = &["الجاري", "الجارية", "الحالي", "الحالية"];

/// The tables, normalised once.
pub struct Dates {
    months: Vec<(String, u8)>,
    ambiguous: Vec<String>,
    two_word: Vec<(String, String, u8)>,
    hijri: Vec<(Vec<String>, u8)>,
    weekdays: Vec<String>,
    before_month: Vec<String>,
    past: Vec<String>,
    next: Vec<String>,
    current: Vec<String>,
}

fn norms(list: &[&str]) -> Vec<String> {
    list.iter().map(|w| normalize(w)).collect()
}

/// Relative direction after a time word.
#[derive(Clone, Copy, PartialEq)]
enum Rel {
    Past,
    Next,
    Current,
    None,
}

impl Default for Dates {
    fn default() -> Self {
        Dates::new()
    }
}

impl Dates {
    pub fn new() -> Dates {
        Dates {
            months: MONTHS.iter().map(|(w, m)| (normalize(w), *m)).collect(),
            ambiguous: norms(AMBIGUOUS_MONTHS),
            two_word: TWO_WORD_MONTHS.iter().map(|(a, b, m)| (normalize(a), normalize(b), *m)).collect(),
            hijri: HIJRI_MONTHS
                .iter()
                .map(|(w, m)| (normalize(w).split(' ').map(str::to_owned).collect(), *m))
                .collect(),
            weekdays: norms(WEEKDAYS),
            before_month: norms(BEFORE_MONTH),
            past: norms(PAST),
            next: norms(NEXT),
            current: norms(CURRENT),
        }
    }

    fn rel(&self, w: Option<&Word<'_>>) -> Rel {
        let Some(w) = w else { return Rel::None };
        let n = w.norm.as_str();
        if self.past.iter().any(|p| p == n) {
            Rel::Past
        } else if self.next.iter().any(|p| p == n) {
            Rel::Next
        } else if self.current.iter().any(|p| p == n) {
            Rel::Current
        } else {
            Rel::None
        }
    }

    /// A Gregorian month name at word `i`: (month, words used).
    fn month_at(&self, words: &[Word<'_>], i: usize) -> Option<(u8, usize)> {
        let word = words[i].norm.as_str();
        for base in bases(word) {
            let next = words.get(i + 1).map(|w| w.norm.as_str());
            if let Some((_, _, m)) = self.two_word.iter().find(|(a, b, _)| *a == base && next == Some(b.as_str())) {
                return Some((*m, 2));
            }
            // A name that is also a word is read only as written, or after و / ف: "من باب" is
            // not "من آب".
            let as_written = base == word || word.strip_prefix(['و', 'ف']) == Some(base.as_ref());
            if self.ambiguous.iter().any(|a| *a == base) && !as_written {
                continue;
            }
            if let Some((_, m)) = self.months.iter().find(|(w, _)| *w == base) {
                return Some((*m, 1));
            }
        }
        None
    }

    /// A Hijri month at word `i`: (month, words used).
    fn hijri_at(&self, words: &[Word<'_>], i: usize) -> Option<(u8, usize)> {
        let first = bases(&words[i].norm);
        self.hijri.iter().find_map(|(names, m)| {
            let fits = first.iter().any(|b| *b == names[0])
                && names[1..].iter().enumerate().all(|(k, n)| words.get(i + 1 + k).is_some_and(|w| w.norm == *n));
            fits.then_some((*m, names.len()))
        })
    }

    /// The date expression nearest to word `near` (a date is an adjunct of the nearest verb: in
    /// "promised not to interfere in the 2024 election when they met in November" the meeting is
    /// November's); at equal distance the one after it.
    pub fn nearest(&self, sentence: &str, words: &[Word<'_>], published: PartialDate, near: usize) -> Option<Found> {
        let all = self.all(sentence, words, published);
        all.into_iter().min_by_key(|(at, _)| (at.abs_diff(near), *at < near)).map(|(_, f)| f)
    }

    /// Every date expression in the sentence that resolves, with the word index it starts at.
    pub fn all(&self, sentence: &str, words: &[Word<'_>], published: PartialDate) -> Vec<(usize, Found)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.at(words, i, published) {
                Some((date, confidence, len)) => {
                    let last = &words[i + len - 1];
                    let surface = sentence[words[i].start..last.start + last.surface.len()].to_owned();
                    out.push((i, Found { date, confidence, surface }));
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    /// A date expression starting at word `i`: (date, confidence, words used).
    fn at(&self, words: &[Word<'_>], i: usize, published: PartialDate) -> Option<(PartialDate, f32, usize)> {
        let w = &words[i];
        if let Some(n) = number(&w.norm) {
            if let Some(found) = self.hijri_date(words, i, Some(n)) {
                return Some(found);
            }
            if (1..=31).contains(&n) {
                if let Some((m, len)) = words.get(i + 1).and_then(|_| self.month_at(words, i + 1)) {
                    return self
                        .month_date(words, i + 1, m, len, Some(n as u8), published)
                        .map(|(d, c, l)| (d, c, l + 1));
                }
            }
            if (1900..=2100).contains(&n) && !hijri_marker(words.get(i + 1)) {
                let year_word = i.checked_sub(1).and_then(|p| words.get(p)).is_some_and(|p| {
                    bases(&p.norm).iter().any(|b| ["عام", "العام", "سنه", "السنه", "عامي"].contains(&b.as_ref()))
                });
                return Some((
                    PartialDate { year: n as i32, month: None, day: None },
                    if year_word { 0.9 } else { 0.75 },
                    1,
                ));
            }
            return None;
        }
        if let Some(found) = self.hijri_date(words, i, None) {
            return Some(found);
        }
        if let Some((m, len)) = self.month_at(words, i) {
            let ambiguous = self.ambiguous.iter().any(|a| bases(&w.norm).iter().any(|b| b == a)) && len == 1;
            let context = i.checked_sub(1).is_some_and(|p| {
                number(&words[p].norm).is_some()
                    || bases(&words[p].norm).iter().any(|b| self.before_month.iter().any(|x| x == b))
            }) || words.get(i + len).is_some_and(|n| {
                number(&n.norm).is_some() || self.rel(Some(n)) != Rel::None || self.month_at(words, i + len).is_some()
            });
            if ambiguous && !context {
                return None;
            }
            return self.month_date(words, i, m, len, None, published);
        }
        if let Some(day) = self.weekday(&w.norm) {
            return self.weekday_date(words, i, day, published);
        }
        let n = w.norm.as_str();
        if (n == "امس" || n == "وامس") && words.get(i + 1).and_then(|x| self.weekday(&x.norm)).is_none() {
            let (first, last) = published.span();
            return Some(match shift(published, -1) {
                Some(d) => (d, 0.85, 1),
                None => spanned(first - 1, last - 1, 0.5, 1),
            });
        }
        if ["امس", "وامس", "اليوم", "واليوم", "يوم", "ويوم"].contains(&n) {
            // "أمس الأربعاء", "اليوم الجمعة", "يوم الخميس": the expression starts here.
            let day = words.get(i + 1).and_then(|x| self.weekday(&x.norm))?;
            return self.weekday_date(words, i + 1, day, published).map(|(d, c, len)| (d, c, len + 1));
        }
        self.relative(words, i, published)
    }

    /// A month name (at `i`, `len` words) with an optional day before it, and after it an
    /// optional paired name, then a year or a relative word.
    fn month_date(
        &self,
        words: &[Word<'_>],
        i: usize,
        m: u8,
        len: usize,
        day: Option<u8>,
        published: PartialDate,
    ) -> Option<(PartialDate, f32, usize)> {
        let mut used = len;
        // A paired name: "تشرين الأول/أكتوبر", "أيلول (سبتمبر)".
        if let Some((m2, len2)) = words.get(i + used).and_then(|_| self.month_at(words, i + used)) {
            if m2 == m {
                used += len2;
            }
        }
        let after = words.get(i + used);
        let year = after.and_then(|w| number(&w.norm)).filter(|y| (1900..=2100).contains(y));
        let rel = self.rel(after);
        let (year, confidence) = match (year, rel) {
            (Some(y), _) => {
                used += 1;
                (y as i32, 0.95)
            }
            (None, Rel::Next) => {
                used += 1;
                let later = published.month.is_some_and(|pm| m > pm);
                (published.year + if later { 0 } else { 1 }, 0.8)
            }
            (None, r) => {
                if r != Rel::None {
                    used += 1;
                }
                // The latest such month not after publication; "الماضي" without a day means an
                // earlier month ("مارس الماضي" written in March is last year's).
                let not_after = match (published.month, published.day, day) {
                    (Some(pm), Some(pd), Some(d)) => (m, d) <= (pm, pd),
                    (Some(pm), _, None) if r == Rel::Past => m < pm,
                    (Some(pm), _, _) => m <= pm,
                    (None, _, _) => true,
                };
                (published.year - if not_after { 0 } else { 1 }, if published.month.is_some() { 0.8 } else { 0.6 })
            }
        };
        let date = match day {
            Some(d) if d >= 1 && d <= days_in_month(year, m) => PartialDate { year, month: Some(m), day: Some(d) },
            Some(_) => return None,
            None => PartialDate { year, month: Some(m), day: None },
        };
        Some((date, confidence, used))
    }

    fn weekday(&self, norm: &str) -> Option<usize> {
        bases(norm).iter().find_map(|b| self.weekdays.iter().position(|w| w == b))
    }

    /// A weekday at `i`, read with "يوم" / "أمس" / "اليوم" before it and "الماضي" / "المقبل"
    /// after it. Needs a publication day; without one the weekday is not a date.
    fn weekday_date(
        &self,
        words: &[Word<'_>],
        i: usize,
        day: usize,
        published: PartialDate,
    ) -> Option<(PartialDate, f32, usize)> {
        let before = i.checked_sub(1).map(|p| words[p].norm.as_str());
        let rel = self.rel(words.get(i + 1));
        let used = 1 + usize::from(rel != Rel::None);
        let Some(pub_day) = days(published) else {
            // Publication known to the month: the weekday is one of the days up to a week before
            // some day of it.
            let (first, last) = published.span();
            return Some(match before {
                Some("اليوم") | Some("واليوم") => (published, 0.5, used),
                Some("امس") | Some("وامس") => spanned(first - 1, last - 1, 0.5, used),
                _ => spanned(first - 7, last, 0.4, used),
            });
        };
        let weekday_of = |d: i32| (d + 4).rem_euclid(7) as usize;
        let target = match before {
            Some("امس") | Some("وامس") => pub_day - 1,
            Some("اليوم") | Some("واليوم") => pub_day,
            _ => {
                let back = ((weekday_of(pub_day) + 7 - day) % 7) as i32;
                let forward = ((day + 7 - weekday_of(pub_day)) % 7) as i32;
                match rel {
                    Rel::Past => pub_day - if back == 0 { 7 } else { back },
                    Rel::Next => pub_day + if forward == 0 { 7 } else { forward },
                    _ => pub_day - back,
                }
            }
        };
        // "أمس الأربعاء" on a day that was not a Wednesday: the reader should check.
        let confidence = if weekday_of(target) == day { 0.85 } else { 0.4 };
        let (year, month, d) = civil_from_days(target);
        Some((PartialDate { year, month: Some(month), day: Some(d) }, confidence, used))
    }

    /// "الأسبوع / الشهر / العام / السنة" with "الماضي / الجاري / المقبل", or "هذا العام".
    fn relative(&self, words: &[Word<'_>], i: usize, published: PartialDate) -> Option<(PartialDate, f32, usize)> {
        let unit = bases(&words[i].norm).iter().find_map(|b| match b.as_ref() {
            "الاسبوع" => Some('w'),
            "الشهر" => Some('m'),
            "العام" | "السنه" => Some('y'),
            _ => None,
        })?;
        let this = i.checked_sub(1).is_some_and(|p| ["هذا", "هذه"].contains(&words[p].norm.as_str()));
        // "الأمين العام السابق / الحالي": العام is an adjective of the noun before it.
        let of_a_person = words.get(i + 1).is_some_and(|w| ["السابق", "الحالي", "الحاليه"].contains(&w.norm.as_str()));
        if unit == 'y' && of_a_person && i.checked_sub(1).is_some_and(|p| words[p].norm.starts_with("ال")) {
            return None;
        }
        let rel = if this { Rel::Current } else { self.rel(words.get(i + 1)) };
        let used = 1 + usize::from(!this && rel != Rel::None);
        let step = match rel {
            Rel::Past => -1,
            Rel::Next => 1,
            Rel::Current => 0,
            Rel::None => return None,
        };
        match unit {
            'y' => Some((PartialDate { year: published.year + step, month: None, day: None }, 0.85, used)),
            'm' => {
                let m = published.month?;
                let total = published.year * 12 + m as i32 - 1 + step;
                Some((
                    PartialDate {
                        year: total.div_euclid(12),
                        month: Some((total.rem_euclid(12) + 1) as u8),
                        day: None,
                    },
                    0.85,
                    used,
                ))
            }
            _ => {
                // A calendar week — the one before, of or after the publication day's, whether
                // weeks start on Sunday or Saturday — as the month it falls in when all of it
                // does, else the year; from a publication known to the month, every such week.
                let (first, last) = published.span();
                let (from, to) = (week(first, step).0, week(last, step).1);
                let (date, exact) = enclosing(from, to);
                Some((
                    date,
                    if !exact {
                        0.3
                    } else if first == last {
                        0.6
                    } else {
                        0.4
                    },
                    used,
                ))
            }
        }
    }

    /// A Hijri date at `i`: [day] month year هـ, or year هـ. `day` is the number at `i`, if any.
    fn hijri_date(&self, words: &[Word<'_>], i: usize, day: Option<u32>) -> Option<(PartialDate, f32, usize)> {
        let mut j = i + usize::from(day.is_some());
        let month = if j < words.len() { self.hijri_at(words, j) } else { None };
        let (day, month) = match (day, month) {
            (Some(d), Some((m, len))) => {
                j += len;
                (Some(d), Some(m))
            }
            (None, Some((m, len))) => {
                j += len;
                (None, Some(m))
            }
            // "1445 هـ": the number is the year.
            (Some(_), None) => {
                j = i;
                (None, None)
            }
            (None, None) => return None,
        };
        let year_word = words.get(j)?;
        let (year, marker_inside) = hijri_year(&year_word.norm)?;
        if !(marker_inside || hijri_marker(words.get(j + 1))) {
            return None;
        }
        let used = j - i + 1 + usize::from(!marker_inside);
        let (first, last) = match (month, day) {
            (Some(m), Some(d)) if d >= 1 && d as i32 <= hijri_month_len(year, m) => {
                let n = hijri_days(year, m, d as i32);
                (n, n)
            }
            (Some(_), Some(_)) => return None,
            (Some(m), None) => (hijri_days(year, m, 1), hijri_days(year, m, 1) + hijri_month_len(year, m) - 1),
            (None, _) => (hijri_days(year, 1, 1), hijri_days(year + 1, 1, 1) - 1),
        };
        // Before 1900 (1317 AH and earlier) is before any date a dataset takes.
        if civil_from_days(first).0 < 1900 {
            return None;
        }
        // A Hijri year spans two Gregorian years: the one holding most of it, flagged low.
        let one_year = civil_from_days(first).0 == civil_from_days(last).0;
        Some(spanned(first, last, if one_year { 0.7 } else { 0.4 }, used))
    }
}

/// A whole number written in digits (normalisation has made Arabic-Indic digits ASCII).
fn number(norm: &str) -> Option<u32> {
    // "2023م": the Gregorian marker written onto a year.
    let norm = norm.strip_suffix('م').filter(|d| d.len() == 4).unwrap_or(norm);
    (!norm.is_empty() && norm.len() <= 4 && norm.bytes().all(|b| b.is_ascii_digit()))
        .then(|| norm.parse().ok())
        .flatten()
}

/// A Hijri year word: digits, with the marker ه written onto them ("1445هـ") or not.
fn hijri_year(norm: &str) -> Option<(i32, bool)> {
    let (digits, inside) = match norm.strip_suffix('ه') {
        Some(d) => (d, true),
        None => (norm, false),
    };
    let y = number(digits)?;
    (1300..=1600).contains(&y).then_some((y as i32, inside))
}

/// Whether a word is the Hijri marker هـ (normalised: ه).
fn hijri_marker(w: Option<&Word<'_>>) -> bool {
    w.is_some_and(|w| w.norm == "ه")
}

/// Day number (days since 1970-01-01) of a Hijri date in the arithmetic (tabular) Islamic
/// calendar, civil epoch (1 Muharram 1 AH = 16 July 622 Julian).
pub fn hijri_days(year: i32, month: u8, day: i32) -> i32 {
    let m = month as i32;
    // Julian day number, then 2440588 = the JDN of 1970-01-01.
    let jdn = day + ((59 * (m - 1) + 1) / 2) + (year - 1) * 354 + (3 + 11 * year).div_euclid(30) + 1_948_440 - 1;
    jdn - 2_440_588
}

/// Days in a Hijri month of the arithmetic calendar.
fn hijri_month_len(year: i32, month: u8) -> i32 {
    if month == 12 {
        hijri_days(year + 1, 1, 1) - hijri_days(year, 12, 1)
    } else {
        hijri_days(year, month + 1, 1) - hijri_days(year, month, 1)
    }
}

/// [`enclosing`] as a found expression of `used` words: its confidence falls to 0.3 when the
/// days straddle two years.
fn spanned(from: i32, to: i32, confidence: f32, used: usize) -> (PartialDate, f32, usize) {
    let (date, exact) = enclosing(from, to);
    (date, if exact { confidence } else { confidence.min(0.3) }, used)
}

/// The narrowest date that holds every day from `from` to `to` (day numbers): a day, a month,
/// or the year of them when they are in one year, else the year holding most of them; with
/// whether it holds them all (false when they straddle two years).
fn enclosing(from: i32, to: i32) -> (PartialDate, bool) {
    let (a, b) = (civil_from_days(from), civil_from_days(to));
    if from == to {
        (PartialDate { year: a.0, month: Some(a.1), day: Some(a.2) }, true)
    } else if (a.0, a.1) == (b.0, b.1) {
        (PartialDate { year: a.0, month: Some(a.1), day: None }, true)
    } else if a.0 == b.0 {
        (PartialDate { year: a.0, month: None, day: None }, true)
    } else {
        (PartialDate { year: civil_from_days((from + to) / 2).0, month: None, day: None }, false)
    }
}

/// The days of the calendar week `step` weeks from the one holding `day` (day numbers), as the
/// span of both conventions: weeks from Sunday and weeks from Saturday.
fn week(day: i32, step: i32) -> (i32, i32) {
    let sunday = day - (day + 4).rem_euclid(7);
    let saturday = day - (day + 5).rem_euclid(7);
    let (a, b) = (sunday + 7 * step, saturday + 7 * step);
    (a.min(b), a.max(b) + 6)
}

/// The publication day as a day number, when it is known to the day.
fn days(p: PartialDate) -> Option<i32> {
    Some(days_from_civil(p.year, p.month?, p.day?))
}

/// The publication day moved by `by` days (needs a day-precise date).
fn shift(p: PartialDate, by: i32) -> Option<PartialDate> {
    let (year, month, day) = civil_from_days(days(p)? + by);
    Some(PartialDate { year, month: Some(month), day: Some(day) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::words::words;

    fn date(s: &str, published: &str) -> Option<String> {
        let p = PartialDate::parse_any(published).unwrap();
        Dates::new().all(s, &words(s), p).into_iter().next().map(|(_, f)| f.date.to_string())
    }

    #[test]
    fn hijri_dates_convert() {
        // 1 Ramadan 1445 AH: 11 March 2024 in the arithmetic calendar (and in Umm al-Qura).
        let (y, m, d) = civil_from_days(hijri_days(1445, 9, 1));
        assert_eq!((y, m, d), (2024, 3, 11));
        assert_eq!(date("وقع في 10 رمضان 1445 هـ", "2024-04").as_deref(), Some("2024-03-20"));
        assert_eq!(date("في شهر رمضان ١٤٤٥هـ", "2024-04").as_deref(), Some("2024"));
        assert_eq!(date("في ذي الحجة 1444 هـ", "2024-04").as_deref(), Some("2023"));
    }

    #[test]
    fn months_need_context_when_they_are_words() {
        assert_eq!(date("مارس الضغط على الحكومة", "2024-04"), None);
        assert_eq!(date("في مارس الماضي", "2024-04").as_deref(), Some("2024-03"));
        assert_eq!(date("منذ تشرين الأول/أكتوبر", "2024-04").as_deref(), Some("2023-10"));
        assert_eq!(date("في 30 أيلول/سبتمبر 2021", "2024-04").as_deref(), Some("2021-09-30"));
    }

    #[test]
    fn words_that_only_look_like_dates() {
        assert_eq!(date("في 10 مارس 2023م", "2024-04-10").as_deref(), Some("2023-03-10"));
        // "the former / current secretary-general".
        assert_eq!(date("قال الأمين العام السابق", "2024-04"), None);
        assert_eq!(date("قال الأمين العام الحالي", "2024-04"), None);
        assert_eq!(date("وقعوا العام الماضي", "2024-04").as_deref(), Some("2023"));
        // "من باب التعاون" is "as a matter of cooperation", not "since August".
        assert_eq!(date("اتفاقية من باب التعاون", "2024-04"), None);
        assert_eq!(date("منذ آب الماضي", "2024-04").as_deref(), Some("2023-08"));
        // Safar has 29 days in the arithmetic calendar (a sighted month may have 30): no day,
        // only the month, which spans September and October 2023. 1300 AH is before 1900.
        assert_eq!(date("في 30 صفر 1445 هـ", "2024-04").as_deref(), Some("2023"));
        assert_eq!(date("في 29 صفر 1445 هـ", "2024-04").as_deref(), Some("2023-09-15"));
        assert_eq!(date("عام 1300 هـ", "2024-04"), None);
        // "March last" written in March is last year's; with an earlier day, this month's.
        assert_eq!(date("في مارس الماضي", "2024-03-20").as_deref(), Some("2023-03"));
        assert_eq!(date("في 5 مارس الماضي", "2024-03-20").as_deref(), Some("2024-03-05"));
    }

    #[test]
    fn weeks_are_calendar_weeks() {
        // Sunday 2024-04-21: next week runs to 4 May (Sunday-first) or 3 May (Saturday-first).
        assert_eq!(date("الأسبوع المقبل", "2024-04-21").as_deref(), Some("2024"));
        // Tuesday 2024-04-09: last week began on 31 March (or Saturday 30 March).
        assert_eq!(date("الأسبوع الماضي", "2024-04-09").as_deref(), Some("2024"));
        // Thursday 2024-04-18: last week was 7–13 (or 6–12) April.
        assert_eq!(date("الأسبوع الماضي", "2024-04-18").as_deref(), Some("2024-04"));
    }

    #[test]
    fn weekdays_and_relative_words() {
        // 2024-01-27 was a Saturday.
        assert_eq!(date("يوم الخميس", "2024-01-27").as_deref(), Some("2024-01-25"));
        assert_eq!(date("السبت الماضي", "2024-01-27").as_deref(), Some("2024-01-20"));
        assert_eq!(date("اليوم السبت", "2024-01-27").as_deref(), Some("2024-01-27"));
        assert_eq!(date("أمس الجمعة", "2024-01-27").as_deref(), Some("2024-01-26"));
        assert_eq!(date("الخميس المقبل", "2024-01-27").as_deref(), Some("2024-02-01"));
        assert_eq!(date("الشهر الماضي", "2024-01").as_deref(), Some("2023-12"));
        assert_eq!(date("العام الماضي", "2024-01").as_deref(), Some("2023"));
        assert_eq!(date("هذا العام", "2024-01").as_deref(), Some("2024"));
        assert_eq!(date("الأسبوع الماضي", "2024-01-27").as_deref(), Some("2024-01"));
        // Known to the month only: honest precision, not a guessed day.
        assert_eq!(date("يوم الخميس", "2024-01-15").as_deref(), Some("2024-01-11"));
        assert_eq!(date("يوم الخميس", "2024-01").as_deref(), Some("2024"));
        assert_eq!(date("الأسبوع الماضي", "2024-03").as_deref(), Some("2024"));
        assert_eq!(date("أمس", "2024-03").as_deref(), Some("2024"));
    }
}
