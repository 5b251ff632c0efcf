//! Partial dates ("2023", "2023-11", "2023-11-15") with an explicit precision.
//!
//! An event known only to the month covers the whole month: [`PartialDate::span`] gives the first
//! and last day as day numbers, which is what the timeline draws and what sorting uses.

use crate::vocab::Precision;
use std::fmt;

/// A calendar date known to year, month or day precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    /// 1–12 when precision is month or day.
    pub month: Option<u8>,
    /// 1–31 (valid for the month) when precision is day.
    pub day: Option<u8>,
}

impl PartialDate {
    /// Parses `text` and checks that its form agrees with `precision` and that it is a real date.
    /// The error is a one-line reason fit for a validator message.
    pub fn parse(text: &str, precision: Precision) -> Result<Self, String> {
        let parts: Vec<&str> = text.split('-').collect();
        let form = match parts.len() {
            1 => Precision::Year,
            2 => Precision::Month,
            3 => Precision::Day,
            _ => return Err(format!("date \"{text}\" is not YYYY, YYYY-MM or YYYY-MM-DD")),
        };
        let widths = [4, 2, 2];
        for (part, width) in parts.iter().zip(widths) {
            if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("date \"{text}\" is not YYYY, YYYY-MM or YYYY-MM-DD"));
            }
        }
        if form != precision {
            return Err(format!(
                "date \"{text}\" has {} precision but date_precision says {}",
                form.id(),
                precision.id()
            ));
        }
        // The digits were checked above, so these parses cannot fail; map_err keeps it panic-free.
        let num = |s: &str| s.parse::<u32>().map_err(|_| format!("date \"{text}\" is not a number"));
        // `split` always yields at least one part, so `parts[0]` exists.
        let year = num(parts[0])? as i32;
        if year < 1900 {
            return Err(format!("date \"{text}\" is before 1900"));
        }
        let month = match parts.get(1) {
            Some(m) => {
                let m = num(m)?;
                if !(1..=12).contains(&m) {
                    return Err(format!("date \"{text}\" has no month {m}"));
                }
                Some(m as u8)
            }
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(d), Some(m)) => {
                let d = num(d)?;
                if d == 0 || d > days_in_month(year, m) as u32 {
                    return Err(format!("date \"{text}\" does not exist"));
                }
                Some(d as u8)
            }
            _ => None,
        };
        Ok(PartialDate { year, month, day })
    }

    /// Parses `text` at the precision its form has ("2023", "2023-11", "2023-11-15"): for dates
    /// typed on a command line, where no separate precision is given.
    pub fn parse_any(text: &str) -> Result<Self, String> {
        let precision = match text.split('-').count() {
            1 => Precision::Year,
            2 => Precision::Month,
            _ => Precision::Day,
        };
        PartialDate::parse(text, precision)
    }

    /// Today in UTC, to the day (native tools: a release day, a build date).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn today() -> Self {
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let (year, month, day) = civil_from_days((secs / 86_400) as i32);
        PartialDate { year, month: Some(month), day: Some(day) }
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// First and last day covered, as days since 1970-01-01.
    pub fn span(&self) -> (i32, i32) {
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                let n = days_from_civil(self.year, m, d);
                (n, n)
            }
            (Some(m), None) => {
                (days_from_civil(self.year, m, 1), days_from_civil(self.year, m, days_in_month(self.year, m)))
            }
            _ => (days_from_civil(self.year, 1, 1), days_from_civil(self.year, 12, 31)),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`]: (year, month, day).
pub fn civil_from_days(days: i32) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        let d = PartialDate::parse("2023-11-15", Precision::Day).unwrap();
        assert_eq!((d.year, d.month, d.day), (2023, Some(11), Some(15)));
        assert_eq!(PartialDate::parse("2021-06", Precision::Month).unwrap().precision(), Precision::Month);
        assert_eq!(PartialDate::parse("2016", Precision::Year).unwrap().to_string(), "2016");
    }

    #[test]
    fn rejects_impossible_and_disagreeing_dates() {
        assert!(PartialDate::parse("2023-02-29", Precision::Day).unwrap_err().contains("does not exist"));
        assert!(PartialDate::parse("2024-02-29", Precision::Day).is_ok());
        assert!(PartialDate::parse("2023-13", Precision::Month).unwrap_err().contains("no month"));
        assert!(PartialDate::parse("2023-11", Precision::Day).unwrap_err().contains("precision"));
        assert!(PartialDate::parse("23-11-01", Precision::Day).is_err());
        assert!(PartialDate::parse("٢٠٢٣", Precision::Year).is_err());
        assert!(PartialDate::parse("", Precision::Year).is_err());
    }

    #[test]
    fn spans_cover_the_period() {
        let m = PartialDate::parse("2024-02", Precision::Month).unwrap().span();
        assert_eq!(m.1 - m.0, 28);
        let y = PartialDate::parse("2023", Precision::Year).unwrap().span();
        assert_eq!(y.1 - y.0, 364);
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(civil_from_days(days_from_civil(2026, 11, 23)), (2026, 11, 23));
    }
}
