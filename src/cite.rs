//! "Cite this": the citation of an event page or a country page of Marsad, in the four formats of
//! [`CiteFormat`]: a plain-text reference (APA 7 style, for a data set) in the reader's language,
//! BibTeX, RIS and CSL-JSON. Pure functions from a [`Work`] to text, with the file name and media
//! type of each download; no DOM. The app's "Cite this" box, the static pages and the tests all
//! use this module, so every place prints the same citation.
//!
//! Every format names the author and publisher (Marsad), the cited page's title, the data set's
//! version and the year of its release, the page's URL, the day the reader accessed it and the URL
//! of the release's exact data file. The plain text is written in the reader's language (Arabic:
//! مرصد as author); the machine formats use "Marsad" as author and publisher in both languages,
//! keep the title in the reader's language and say which language it is.
//!
//! Every value that comes from data is made safe for its format: one line (control characters,
//! line and paragraph separators become one space), LaTeX escapes in BibTeX (braces as
//! `\textbraceleft{}`/`\textbraceright{}`, since BibTeX counts the brace of `\{` too), serde_json
//! for CSL-JSON; URLs are percent-encoded outside printable ASCII and for the characters that
//! could break a field (space, quotes, braces, backslash, `<`, `>`, `^`, `` ` ``, `|`).

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde_json::{json, Value};

use crate::data::{PartialDate, Precision};
use crate::i18n::{format_date, Fmt, Lang};
use crate::vocab::CiteFormat;

/// What is cited: an event page or a country page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject<'a> {
    /// An event: its id and its title in the reader's language.
    Event { id: &'a str, title: &'a str },
    /// A country: its code ("CN") and its name in the reader's language.
    Country { code: &'a str, name: &'a str },
}

/// One cited page, as the reader sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Work<'a> {
    pub subject: Subject<'a>,
    /// The reader's language and reading options (the plain text's access date follows them).
    pub fmt: Fmt,
    /// The data set's version, "YYYY-MM-DD[.N]"; anything else gives no release year or date.
    pub dataset_version: &'a str,
    /// The absolute URL of the cited page.
    pub url: &'a str,
    /// The absolute URL of that release's exact data file.
    pub release_url: &'a str,
    /// The day the reader accessed the page (day precision).
    pub accessed: PartialDate,
}

/// The author and publisher in the machine formats, whatever the language.
const MARSAD: &str = "Marsad";

/// The citation of `w` in format `f`.
pub fn cite(w: &Work, f: CiteFormat) -> String {
    match f {
        CiteFormat::Text => text(w),
        CiteFormat::Bibtex => bibtex(w),
        CiteFormat::Ris => ris(w),
        CiteFormat::CslJson => csl_json(w),
    }
}

/// The download's file name: "marsad-event-<id>.<ext>" or "marsad-country-<CODE>.<ext>", with
/// anything but ASCII letters, digits, "-" and "_" as "-".
pub fn file_name(w: &Work, f: CiteFormat) -> String {
    let (kind, id) = match w.subject {
        Subject::Event { id, .. } => ("event", id),
        Subject::Country { code, .. } => ("country", code),
    };
    let id: String = id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '-' }).collect();
    let ext = match f {
        CiteFormat::Text => "txt",
        CiteFormat::Bibtex => "bib",
        CiteFormat::Ris => "ris",
        CiteFormat::CslJson => "json",
    };
    format!("marsad-{kind}-{id}.{ext}")
}

/// The media type of a download in format `f`.
pub fn media_type(f: CiteFormat) -> &'static str {
    match f {
        CiteFormat::Text => "text/plain;charset=utf-8",
        CiteFormat::Bibtex => "application/x-bibtex",
        CiteFormat::Ris => "application/x-research-info-systems",
        CiteFormat::CslJson => "application/vnd.citationstyles.csl+json",
    }
}

/// The cited page's title in the reader's language, as the data gives it: the event's title, or
/// "<name>: cyber-diplomacy events" for a country. (The line formats pass it through `one_line`.)
pub fn title(w: &Work) -> String {
    match w.subject {
        Subject::Event { title, .. } => title.to_owned(),
        Subject::Country { name, .. } => match w.fmt.lang {
            Lang::Ar => format!("{name}: أحداث الدبلوماسية السيبرانية"),
            Lang::En => format!("{name}: cyber-diplomacy events"),
        },
    }
}

/// The citation key (BibTeX key, CSL id): "marsad-<id or code>-<version>", lowercase, with
/// anything but ASCII letters and digits as one "-", so only `[a-z0-9-]`.
pub fn key(w: &Work) -> String {
    let id = match w.subject {
        Subject::Event { id, .. } => id,
        Subject::Country { code, .. } => code,
    };
    let mut out = String::from("marsad");
    for c in format!("-{id}-{}", w.dataset_version).chars().map(|c| c.to_ascii_lowercase()) {
        let c = if c.is_ascii_lowercase() || c.is_ascii_digit() { c } else { '-' };
        if c != '-' || !out.ends_with('-') {
            out.push(c);
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The release's date read from the version: "2026-12-01.1" → 2026-12-01, "2026-12.2" →
/// 2026-12; else the year when the first four characters are one ("2026b" → 2026); else none.
pub fn release_date(version: &str) -> Option<PartialDate> {
    let head = version.split('.').next().unwrap_or_default();
    let full = PartialDate::parse(head, Precision::Day).or_else(|_| PartialDate::parse(head, Precision::Month));
    full.ok().or_else(|| {
        let year = version.get(..4)?;
        let more_digits = version[4..].starts_with(|c: char| c.is_ascii_digit());
        (!more_digits).then(|| PartialDate::parse(year, Precision::Year).ok()).flatten()
    })
}

/// `s` on one line: control characters (CR, LF, tab…), U+2028 and U+2029 become spaces, runs of
/// spaces one space, and the ends are trimmed.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || c == ' ' || c == '\u{2028}' || c == '\u{2029}' {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// What a URL never carries as such: controls, non-ASCII (by the encoder), and the characters
/// that could end a field or a `\url{}`.
const URL_UNSAFE: &AsciiSet =
    &CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'\\').add(b'^').add(b'`').add(b'{').add(b'|').add(b'}');

/// A URL in a safe form: trimmed, percent-encoded where [`URL_UNSAFE`] says (an encoded URL
/// stays as it is: "%" is kept).
fn url(s: &str) -> String {
    utf8_percent_encode(s.trim(), URL_UNSAFE).to_string()
}

/// The plain-text reference (APA 7 style, a data set), in the reader's language; the access date
/// is written by [`format_date`] (the reader's digits and calendar), the rest as given.
fn text(w: &Work) -> String {
    let year = release_date(w.dataset_version).map(|d| d.year.to_string());
    let (title, version) = (one_line(&title(w)), one_line(w.dataset_version));
    let (page, file, accessed) = (url(w.url), url(w.release_url), format_date(w.fmt, &w.accessed));
    match w.fmt.lang {
        Lang::Ar => format!(
            "مرصد. ({}). {title} (الإصدار {version}) [مجموعة بيانات]. مرصد: أحداث الدبلوماسية السيبرانية من الأخبار \
             العربية. اطُّلع عليه في {accessed}، من {page}. ملف الإصدار: {file}",
            year.as_deref().unwrap_or("د.ت.")
        ),
        Lang::En => format!(
            "Marsad. ({}). {title} (Version {version}) [Data set]. Marsad: cyber-diplomacy events from Arabic news. \
             Retrieved {accessed}, from {page}. Release file: {file}",
            year.as_deref().unwrap_or("n.d.")
        ),
    }
}

/// `s` as BibTeX field text: one line, LaTeX's special characters escaped so that every brace in
/// the result is part of a balanced `{}` (BibTeX counts the brace of `\{`, so braces become
/// `\textbraceleft{}` and `\textbraceright{}`).
fn latex(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\textbraceleft{}"),
            '}' => out.push_str("\\textbraceright{}"),
            '^' => out.push_str("\\^{}"),
            '~' => out.push_str("\\~{}"),
            '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A URL inside `\url{}` in a field: the safe URL, with `%` and `#` escaped (a `\url` inside
/// another command's argument needs them so).
fn latex_url(s: &str) -> String {
    url(s).replace('%', "\\%").replace('#', "\\#")
}

/// The BibTeX entry: one `@misc`, one field per line, two spaces of indent. Without a release
/// year the `year` field is left out.
fn bibtex(w: &Work) -> String {
    let year = release_date(w.dataset_version).map(|d| d.year.to_string());
    let language = match w.fmt.lang {
        Lang::Ar => "arabic",
        Lang::En => "english",
    };
    let fields = [
        Some(("author", format!("{{{MARSAD}}}"))),
        Some(("title", latex(&title(w)))),
        year.map(|y| ("year", y)),
        Some(("version", latex(w.dataset_version))),
        Some(("publisher", MARSAD.to_owned())),
        Some(("url", url(w.url))),
        Some(("urldate", w.accessed.to_string())),
        Some(("note", format!("Data set. Release file: \\url{{{}}}", latex_url(w.release_url)))),
        Some(("language", language.to_owned())),
    ];
    let body: Vec<String> = fields.into_iter().flatten().map(|(k, v)| format!("  {k} = {{{v}}}")).collect();
    format!("@misc{{{},\n{}\n}}\n", key(w), body.join(",\n"))
}

/// The RIS record, one `TAG  - value` per line. Lines end in "\n" (LF), which the tools that read
/// RIS accept as well as the standard's CR LF. Values are one line, so none can start a tag.
fn ris(w: &Work) -> String {
    let a = w.accessed;
    let mut y2 = format!("{:04}", a.year);
    for part in [a.month, a.day].into_iter().flatten() {
        y2.push_str(&format!("/{part:02}"));
    }
    let lines = [
        Some(("TY", "DATA".to_owned())),
        Some(("AU", MARSAD.to_owned())),
        Some(("TI", one_line(&title(w)))),
        release_date(w.dataset_version).map(|d| ("PY", d.year.to_string())),
        Some(("ET", one_line(w.dataset_version))),
        Some(("PB", MARSAD.to_owned())),
        Some(("UR", url(w.url))),
        Some(("Y2", y2)),
        Some(("N1", format!("Release file: {}", url(w.release_url)))),
        Some(("LA", w.fmt.lang.code().to_owned())),
    ];
    let mut out: String = lines.into_iter().flatten().map(|(tag, v)| format!("{tag}  - {v}\n")).collect();
    out.push_str("ER  - \n");
    out
}

/// A CSL date: `{"date-parts": [[year, month?, day?]]}`.
fn csl_date(d: PartialDate) -> Value {
    let parts: Vec<i32> =
        std::iter::once(d.year).chain([d.month, d.day].into_iter().flatten().map(i32::from)).collect();
    json!({ "date-parts": [parts] })
}

/// The CSL-JSON document: an array of one item, pretty-printed by serde_json (keys in its
/// order), which escapes what JSON needs, so the title and version stay exactly as given.
/// Without a release date the `issued` field is left out. (Built as a `Value`: the app already
/// has its writer for the JSON export, where a derived `Serialize` would add its own.)
fn csl_json(w: &Work) -> String {
    let mut item = json!({
        "id": key(w),
        "type": "dataset",
        "title": title(w),
        "author": [{ "literal": MARSAD }],
        "publisher": MARSAD,
        "version": w.dataset_version,
        "accessed": csl_date(w.accessed),
        "URL": url(w.url),
        "note": format!("Release file: {}", url(w.release_url)),
        "language": w.fmt.lang.code(),
    });
    if let (Some(d), Some(map)) = (release_date(w.dataset_version), item.as_object_mut()) {
        map.insert("issued".into(), csl_date(d));
    }
    serde_json::to_string_pretty(&[item]).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Reading;
    use crate::vocab::Digits;

    const VERSION: &str = "2026-12-01.1";
    const RELEASE: &str = "https://marsad.example/data/releases/2026-12-01.1/events.json";
    const EN_URL: &str = "https://marsad.example/en/event/uk-china-dialogue/";
    const AR_URL: &str = "https://marsad.example/event/uk-china-dialogue/";

    fn fmt(lang: Lang, digits: Digits) -> Fmt {
        Fmt { lang, reading: Reading { digits, ..Reading::default() } }
    }

    fn work<'a>(subject: Subject<'a>, fmt: Fmt, url: &'a str) -> Work<'a> {
        let accessed = PartialDate::parse("2026-12-03", Precision::Day).unwrap();
        Work { subject, fmt, dataset_version: VERSION, url, release_url: RELEASE, accessed }
    }

    fn en_event() -> Work<'static> {
        let subject = Subject::Event { id: "uk-china-dialogue", title: "UK and China hold a cyber dialogue" };
        work(subject, fmt(Lang::En, Digits::Latn), EN_URL)
    }

    fn ar_event(digits: Digits) -> Work<'static> {
        let subject = Subject::Event {
            id: "uk-china-dialogue", title: "المملكة المتحدة والصين تعقدان حوارًا سيبرانيًا"
        };
        work(subject, fmt(Lang::Ar, digits), AR_URL)
    }

    #[test]
    fn english_text_is_an_apa_data_set_reference() {
        assert_eq!(
            cite(&en_event(), CiteFormat::Text),
            "Marsad. (2026). UK and China hold a cyber dialogue (Version 2026-12-01.1) [Data set]. \
             Marsad: cyber-diplomacy events from Arabic news. Retrieved 3 December 2026, from \
             https://marsad.example/en/event/uk-china-dialogue/. \
             Release file: https://marsad.example/data/releases/2026-12-01.1/events.json"
        );
    }

    #[test]
    fn arabic_text_with_latin_digits() {
        assert_eq!(
            cite(&ar_event(Digits::Latn), CiteFormat::Text),
            "مرصد. (2026). المملكة المتحدة والصين تعقدان حوارًا سيبرانيًا (الإصدار 2026-12-01.1) [مجموعة بيانات]. \
             مرصد: أحداث الدبلوماسية السيبرانية من الأخبار العربية. اطُّلع عليه في 3 ديسمبر 2026، من \
             https://marsad.example/event/uk-china-dialogue/. \
             ملف الإصدار: https://marsad.example/data/releases/2026-12-01.1/events.json"
        );
    }

    #[test]
    fn arabic_indic_digits_apply_to_the_access_date_only() {
        assert_eq!(
            cite(&ar_event(Digits::Arab), CiteFormat::Text),
            "مرصد. (2026). المملكة المتحدة والصين تعقدان حوارًا سيبرانيًا (الإصدار 2026-12-01.1) [مجموعة بيانات]. \
             مرصد: أحداث الدبلوماسية السيبرانية من الأخبار العربية. اطُّلع عليه في ٣ ديسمبر ٢٠٢٦، من \
             https://marsad.example/event/uk-china-dialogue/. \
             ملف الإصدار: https://marsad.example/data/releases/2026-12-01.1/events.json"
        );
    }

    #[test]
    fn english_bibtex_entry() {
        assert_eq!(
            cite(&en_event(), CiteFormat::Bibtex),
            [
                "@misc{marsad-uk-china-dialogue-2026-12-01-1,",
                "  author = {{Marsad}},",
                "  title = {UK and China hold a cyber dialogue},",
                "  year = {2026},",
                "  version = {2026-12-01.1},",
                "  publisher = {Marsad},",
                "  url = {https://marsad.example/en/event/uk-china-dialogue/},",
                "  urldate = {2026-12-03},",
                concat!(
                    r"  note = {Data set. Release file: \url{",
                    "https://marsad.example/data/releases/2026-12-01.1/events.json}},"
                ),
                "  language = {english}",
                "}\n",
            ]
            .join("\n")
        );
    }

    #[test]
    fn english_ris_record() {
        assert_eq!(
            cite(&en_event(), CiteFormat::Ris),
            "TY  - DATA\n\
             AU  - Marsad\n\
             TI  - UK and China hold a cyber dialogue\n\
             PY  - 2026\n\
             ET  - 2026-12-01.1\n\
             PB  - Marsad\n\
             UR  - https://marsad.example/en/event/uk-china-dialogue/\n\
             Y2  - 2026/12/03\n\
             N1  - Release file: https://marsad.example/data/releases/2026-12-01.1/events.json\n\
             LA  - en\n\
             ER  - \n"
        );
    }

    #[test]
    fn english_csl_json_item() {
        assert_eq!(
            cite(&en_event(), CiteFormat::CslJson),
            r#"[
  {
    "URL": "https://marsad.example/en/event/uk-china-dialogue/",
    "accessed": {
      "date-parts": [
        [
          2026,
          12,
          3
        ]
      ]
    },
    "author": [
      {
        "literal": "Marsad"
      }
    ],
    "id": "marsad-uk-china-dialogue-2026-12-01-1",
    "issued": {
      "date-parts": [
        [
          2026,
          12,
          1
        ]
      ]
    },
    "language": "en",
    "note": "Release file: https://marsad.example/data/releases/2026-12-01.1/events.json",
    "publisher": "Marsad",
    "title": "UK and China hold a cyber dialogue",
    "type": "dataset",
    "version": "2026-12-01.1"
  }
]"#
        );
    }

    #[test]
    fn machine_formats_keep_the_arabic_title_and_say_so() {
        let w = ar_event(Digits::Arab);
        let bib = cite(&w, CiteFormat::Bibtex);
        assert!(bib.contains("  author = {{Marsad}},\n  title = {المملكة المتحدة والصين تعقدان حوارًا سيبرانيًا},\n"));
        assert!(bib.contains("  urldate = {2026-12-03},\n") && bib.ends_with("  language = {arabic}\n}\n"));
        let ris = cite(&w, CiteFormat::Ris);
        assert!(ris.contains("AU  - Marsad\n") && ris.contains("Y2  - 2026/12/03\n") && ris.contains("LA  - ar\n"));
        let csl: serde_json::Value = serde_json::from_str(&cite(&w, CiteFormat::CslJson)).unwrap();
        assert_eq!(csl[0]["title"], "المملكة المتحدة والصين تعقدان حوارًا سيبرانيًا");
        assert_eq!((&csl[0]["language"], &csl[0]["publisher"]), (&"ar".into(), &"Marsad".into()));
    }

    #[test]
    fn a_country_page_is_cited_by_its_name() {
        let country = Subject::Country { code: "CN", name: "China" };
        let w = work(country, fmt(Lang::En, Digits::Latn), "https://marsad.example/en/country/CN/");
        assert_eq!(
            cite(&w, CiteFormat::Ris),
            "TY  - DATA\n\
             AU  - Marsad\n\
             TI  - China: cyber-diplomacy events\n\
             PY  - 2026\n\
             ET  - 2026-12-01.1\n\
             PB  - Marsad\n\
             UR  - https://marsad.example/en/country/CN/\n\
             Y2  - 2026/12/03\n\
             N1  - Release file: https://marsad.example/data/releases/2026-12-01.1/events.json\n\
             LA  - en\n\
             ER  - \n"
        );
        assert_eq!(key(&w), "marsad-cn-2026-12-01-1");
        assert_eq!(file_name(&w, CiteFormat::Ris), "marsad-country-CN.ris");
        let ar =
            Work {
                subject: Subject::Country { code: "CN", name: "الصين" }, fmt: fmt(Lang::Ar, Digits::Latn), ..w
            };
        assert_eq!(title(&ar), "الصين: أحداث الدبلوماسية السيبرانية");
    }

    #[test]
    fn file_names_and_media_types() {
        let w = en_event();
        let names: Vec<String> = CiteFormat::ALL.iter().map(|&f| file_name(&w, f)).collect();
        assert_eq!(
            names,
            [
                "marsad-event-uk-china-dialogue.txt",
                "marsad-event-uk-china-dialogue.bib",
                "marsad-event-uk-china-dialogue.ris",
                "marsad-event-uk-china-dialogue.json"
            ]
        );
        let odd = Work { subject: Subject::Event { id: "a/../b c", title: "t" }, ..w };
        assert_eq!(file_name(&odd, CiteFormat::Bibtex), "marsad-event-a----b-c.bib");
        let types: Vec<&str> = CiteFormat::ALL.iter().map(|&f| media_type(f)).collect();
        assert_eq!(
            types,
            [
                "text/plain;charset=utf-8",
                "application/x-bibtex",
                "application/x-research-info-systems",
                "application/vnd.citationstyles.csl+json"
            ]
        );
    }

    const HOSTILE: &str = "x}, note = {pwned \\ 100% #1 a_b & $5 ^ ~ {\nER  - \nTY  - JOUR \"q\" </script> @misc{y,";

    fn hostile() -> Work<'static> {
        Work { subject: Subject::Event { id: "uk-china-dialogue", title: HOSTILE }, ..en_event() }
    }

    /// The names of a BibTeX entry's fields, read the way BibTeX reads them: braces count
    /// whatever precedes them (a backslash too), and only the text at the entry's own level
    /// (depth 1) holds field names. Panics when braces go below zero or stay open.
    fn bibtex_fields(entry: &str) -> Vec<String> {
        let (mut depth, mut top) = (0i32, String::new());
        for c in entry.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                c if depth == 1 => top.push(c),
                _ => {}
            }
            assert!(depth >= 0, "a closing brace too many in {entry}");
        }
        assert_eq!(depth, 0, "unbalanced braces in {entry}");
        top.split(',').skip(1).map(|f| f.trim().trim_end_matches('=').trim().to_owned()).collect()
    }

    #[test]
    fn hostile_title_stays_in_its_bibtex_field() {
        let (good, bad) = (cite(&en_event(), CiteFormat::Bibtex), cite(&hostile(), CiteFormat::Bibtex));
        let fields = bibtex_fields(&good);
        assert_eq!(fields, ["author", "title", "year", "version", "publisher", "url", "urldate", "note", "language"]);
        assert_eq!(bibtex_fields(&bad), fields);
        assert_eq!((bad.matches('@').count(), bad.matches("@misc{").count()), (2, 1));
        assert!(bad.starts_with("@misc{marsad-uk-china-dialogue-2026-12-01-1,\n"));
        assert_eq!(bad.lines().count(), good.lines().count());
        let title = bad.lines().find(|l| l.starts_with("  title = ")).unwrap();
        assert_eq!(
            title,
            concat!(
                r"  title = {x\textbraceright{}, note = \textbraceleft{}pwned \textbackslash{} 100\% \#1 a\_b \& ",
                r#"\$5 \^{} \~{} \textbraceleft{} ER - TY - JOUR "q" </script> @misc\textbraceleft{}y,},"#
            )
        );
    }

    #[test]
    fn hostile_title_cannot_start_a_ris_line_or_record() {
        let (good, bad) = (cite(&en_event(), CiteFormat::Ris), cite(&hostile(), CiteFormat::Ris));
        assert_eq!(bad.lines().count(), good.lines().count());
        assert_eq!(bad.lines().filter(|l| l.starts_with("TY  -")).count(), 1);
        assert_eq!(bad.lines().filter(|l| l.starts_with("ER  -")).count(), 1);
        for line in bad.lines() {
            let tag = line.as_bytes();
            assert!(tag.len() >= 6 && tag[..2].iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()), "{line}");
            assert_eq!(&line[2..6], "  - ", "{line}");
        }
        assert!(bad
            .contains("\nTI  - x}, note = {pwned \\ 100% #1 a_b & $5 ^ ~ { ER - TY - JOUR \"q\" </script> @misc{y,\n"));
        let separators =
            Work { subject: Subject::Event { id: "e", title: " a\r\n\u{2028}b\u{2029}\u{85}c\t " }, ..en_event() };
        assert!(cite(&separators, CiteFormat::Ris).contains("\nTI  - a b c\n"));
    }

    #[test]
    fn hostile_title_survives_csl_json_exactly() {
        let csl: serde_json::Value = serde_json::from_str(&cite(&hostile(), CiteFormat::CslJson)).unwrap();
        let items = csl.as_array().unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(items[0]["title"].as_str(), Some(HOSTILE));
        assert_eq!(items[0]["id"], "marsad-uk-china-dialogue-2026-12-01-1");
    }

    #[test]
    fn hostile_urls_keep_fields_whole() {
        let w = Work {
            url: " https://x.example/a b}{\\\"é\n",
            release_url: "https://x.example/r?q=1%202#f}",
            ..en_event()
        };
        let bib = cite(&w, CiteFormat::Bibtex);
        bibtex_fields(&bib);
        assert!(bib.contains("  url = {https://x.example/a%20b%7D%7B%5C%22%C3%A9},\n"));
        assert!(bib.contains(r"  note = {Data set. Release file: \url{https://x.example/r?q=1\%202\#f\%7D}},"));
        let ris = cite(&w, CiteFormat::Ris);
        assert!(ris.contains("\nUR  - https://x.example/a%20b%7D%7B%5C%22%C3%A9\n"));
        let csl: serde_json::Value = serde_json::from_str(&cite(&w, CiteFormat::CslJson)).unwrap();
        assert_eq!(csl[0]["URL"], "https://x.example/a%20b%7D%7B%5C%22%C3%A9");
    }

    #[test]
    fn a_version_that_is_not_a_date_has_no_year() {
        let en = Work { dataset_version: "draft", ..en_event() };
        let ar = Work { dataset_version: "draft", ..ar_event(Digits::Latn) };
        assert!(cite(&en, CiteFormat::Text)
            .starts_with("Marsad. (n.d.). UK and China hold a cyber dialogue (Version draft) "));
        assert!(cite(&ar, CiteFormat::Text).starts_with("مرصد. (د.ت.). المملكة المتحدة"));
        let bib = cite(&en, CiteFormat::Bibtex);
        assert!(bib.starts_with("@misc{marsad-uk-china-dialogue-draft,\n") && bib.contains("  version = {draft},\n"));
        assert_eq!(
            bibtex_fields(&bib),
            ["author", "title", "version", "publisher", "url", "urldate", "note", "language"]
        );
        let ris = cite(&en, CiteFormat::Ris);
        assert!(!ris.contains("PY  -") && ris.contains("\nET  - draft\n"));
        let csl: serde_json::Value = serde_json::from_str(&cite(&en, CiteFormat::CslJson)).unwrap();
        assert!(csl[0].get("issued").is_none());
        assert_eq!(csl[0]["accessed"]["date-parts"], serde_json::json!([[2026, 12, 3]]));
        assert_eq!(csl[0]["version"], "draft");
        let empty = Work { dataset_version: "", ..en_event() };
        assert_eq!(key(&empty), "marsad-uk-china-dialogue");
        assert!(cite(&empty, CiteFormat::Text).starts_with("Marsad. (n.d.). "));
    }

    #[test]
    fn release_dates_are_read_from_the_version() {
        let read = |v: &str| release_date(v).map(|d| d.to_string());
        assert_eq!(read("2026-12-01.1").as_deref(), Some("2026-12-01"));
        assert_eq!(read("2026-12-01").as_deref(), Some("2026-12-01"));
        assert_eq!(read("2026-12.2").as_deref(), Some("2026-12"));
        assert_eq!(read("2026-02-30.1").as_deref(), Some("2026"));
        assert_eq!(read("2026b").as_deref(), Some("2026"));
        for v in ["draft", "", "20261", "1899-01-01", "٢٠٢٦-١٢-٠١", "v1", "20"] {
            assert_eq!(read(v), None, "{v}");
        }
        let month = Work { dataset_version: "2026-12.2", ..en_event() };
        let csl: serde_json::Value = serde_json::from_str(&cite(&month, CiteFormat::CslJson)).unwrap();
        assert_eq!(csl[0]["issued"]["date-parts"], serde_json::json!([[2026, 12]]));
    }
}
