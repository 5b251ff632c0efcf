//! Unit tests of the drafting rules on sentences written for them. The corpus of newswire
//! sentences with their answers is `tests/data/draft/sentences.txt` (see `tests/draft.rs`).

use super::*;
use crate::vocab::Precision;

fn drafts(text: &str, published: &str) -> DraftFile {
    let published = PartialDate::parse_any(published).unwrap();
    static RULES: std::sync::OnceLock<Drafter> = std::sync::OnceLock::new();
    let rules = RULES.get_or_init(|| Drafter::new(None).unwrap());
    rules.draft(text, &Options { published, dataset: None, seed_file: "x.txt".into() })
}

#[test]
fn the_gazetteer_parses_and_names_every_state() {
    let g = Gazetteer::new(None).unwrap();
    assert!(g.states.len() >= 197, "{}", g.states.len());
    for code in ["US", "GB", "CN", "RU", "EG", "MA", "PS", "VA", "XK", "TW", "SS", "KP", "KR"] {
        assert!(g.state(code).is_some(), "{code}");
    }
}

#[test]
fn metonyms_demonyms_and_clitics_name_states() {
    let s = "وحمّل الكرملين وللولايات المتحدة والصينيين وداونينغ ستريت المسؤولية";
    let w = words::words(s);
    let codes: Vec<String> = Gazetteer::new(None).unwrap().mentions(s, &w).into_iter().map(|m| m.code).collect();
    assert_eq!(codes, ["RU", "US", "CN", "GB"]);
}

#[test]
fn newspapers_named_after_places_are_not_states() {
    let s = "ونشرت صحيفة واشنطن بوست تقريرا";
    let w = words::words(s);
    assert!(Gazetteer::new(None).unwrap().mentions(s, &w).is_empty());
}

#[test]
fn ambiguous_names_need_an_unambiguous_mention() {
    let g = Gazetteer::new(None).unwrap();
    let s = "الدعم المالي للحكومة";
    assert!(g.mentions(s, &words::words(s)).is_empty());
    let s = "وقعت جمهورية مالي ومالي اتفاقا";
    assert!(g.mentions(s, &words::words(s)).iter().all(|m| m.code == "ML"));
}

#[test]
fn the_quote_is_the_sentence_byte_for_byte() {
    let text = "عنوان الخبر\n\nوقّعت مصر والمغرب، أمس الأربعاء، اتفاقية للتعاون.وأضاف الوزير أن الأمر مهم.";
    let f = drafts(text, "2023-11-16");
    assert_eq!(f.drafts.len(), 1);
    let d = &f.drafts[0];
    assert_eq!(d.sources[0].quote, "وقّعت مصر والمغرب، أمس الأربعاء، اتفاقية للتعاون.");
    assert!(text.contains(&d.sources[0].quote));
    assert_eq!((d.kind, d.date.as_str(), d.date_precision), (EventType::Agreement, "2023-11-15", Precision::Day));
    assert_eq!(d.parties, ["EG", "MA"]);
    assert!(d.draft);
    assert_eq!(f.article.title.ar, "عنوان الخبر");
    // Neither state is in a dataset: both come as full country records.
    let codes: Vec<&str> = f.countries.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, ["EG", "MA"]);
    assert!(f.countries[0].aliases.iter().any(|a| a == "القاهرة"));
}

#[test]
fn a_sentence_without_a_date_takes_the_publication_date_and_says_so() {
    let f = drafts("اتهمت بريطانيا روسيا بشن هجمات إلكترونية على شبكاتها.", "2024-03");
    let d = &f.drafts[0];
    assert_eq!((d.kind, d.date.as_str(), d.date_precision), (EventType::Accusation, "2024-03", Precision::Month));
    assert!(d.confidence.as_ref().unwrap().date < 0.5);
    assert!(d.evidence.as_ref().unwrap().date.contains("publication date"));
    assert_eq!(d.initiator.as_deref(), Some("GB"));
    assert_eq!(d.tone, Tone::Conflictual);
}

#[test]
fn sentences_of_one_event_are_one_draft() {
    let text = "اتهمت بريطانيا روسيا بشن هجمات إلكترونية. وجددت لندن اتهامها لموسكو بشن الهجمات الإلكترونية.";
    let f = drafts(text, "2024-03");
    assert_eq!(f.drafts.len(), 1, "{:#?}", f.drafts);
    assert_eq!(f.drafts[0].sources.len(), 2);
}

#[test]
fn a_reporting_verb_alone_is_not_an_event_about_one_state() {
    assert!(drafts("وقال المتحدث باسم الحكومة المصرية إن الطقس معتدل.", "2024-03").drafts.is_empty());
}

#[test]
fn ids_are_unique_slugs() {
    let text = "اتهمت بريطانيا روسيا بالتجسس في يناير. واتهمت بريطانيا روسيا بالقرصنة في مارس الماضي.";
    let f = drafts(text, "2024-04");
    let ids: Vec<&str> = f.drafts.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["gb-ru-accusation-2024", "gb-ru-accusation-2024-2"]);
    assert!(ids.iter().all(|id| crate::data::is_slug(id)));
}

#[test]
fn every_state_of_the_gazetteer_has_a_bundled_flag() {
    for s in &Gazetteer::new(None).unwrap().states {
        assert!(crate::flags::file(&s.code).is_some(), "{} has no flag in public/flags", s.code);
    }
}

/// A draft event is the dataset's event without the history fields and with the sources'
/// articles still to assign, plus the draft mark, confidence and evidence: the two field lists
/// stay one list (`review::add` maps one onto the other).
#[test]
fn draft_events_have_the_wire_event_fields() {
    use crate::data::wire::{WireEvent, WireSource};
    let keys = |v: serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let full = Some(Text::default());
    let wire = WireEvent {
        initiator: Some(String::new()),
        place: full.clone(),
        sources: vec![WireSource { article: String::new(), quote: String::new() }],
        first_published: Some(String::new()),
        updated: Some(String::new()),
        update_note: full.clone(),
        ..WireEvent::default()
    };
    let f = drafts("اتهمت بريطانيا روسيا بشن هجمات إلكترونية على شبكاتها.", "2024-03");
    let mut d = f.drafts[0].clone();
    d.place = full;
    let mut want = keys(serde_json::to_value(&wire).unwrap());
    want.retain(|k| !["first_published", "updated", "update_note"].contains(&k.as_str()));
    want.extend(["draft", "confidence", "evidence"].map(String::from));
    want.sort();
    let mut got = keys(serde_json::to_value(&d).unwrap());
    got.sort();
    assert_eq!(got, want);
    assert_eq!(keys(serde_json::to_value(&d.sources[0]).unwrap()), ["quote"]);
}

#[test]
fn a_report_that_is_the_subject_of_a_reporting_verb_is_the_source_not_the_event() {
    let f = drafts("وذكر التقرير أن العلاقات بين قطر والولايات المتحدة متوترة.", "2024-03");
    assert_eq!(f.drafts[0].kind, EventType::Statement);
    let f = drafts("وأصدرت الاستخبارات الأمريكية تقريرا عن نشاط قراصنة من الصين.", "2024-03");
    assert_eq!(f.drafts[0].kind, EventType::Report);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Text made of the pieces that steer the rules: Arabic words and clitics, digits of both
    /// kinds, sentence ends, quotation marks, line breaks.
    fn article() -> impl Strategy<Value = String> {
        const PIECES: &str = "وقّعت |مصر |والمغرب |اتفاقية |أمس |الخميس |في |كانون |الأول |٢٠٢٣ |2024|هـ |رمضان |1445|. |؟|«|»\
                              |“|\"|\n|\n\n|U.S.|3.5 |الماضي |اتهمت |بكين |الكرملين |مالي |عقوبات |قمة |و|ب|ال|ّ|\u{200f}|é|😀";
        let piece = prop::sample::select(PIECES.split('|').collect::<Vec<_>>());
        prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn any_text_drafts_without_panic_and_quotes_are_slices_of_it(text in article()) {
            for published in ["2024-01", "2024-01-31", "1990-12-31"] {
                let f = drafts(&text, published);
                for d in &f.drafts {
                    for s in &d.sources {
                        prop_assert!(text.contains(&s.quote));
                    }
                    prop_assert!(crate::data::is_slug(&d.id));
                    prop_assert!(PartialDate::parse(&d.date, d.date_precision).is_ok(), "{}", d.date);
                }
            }
        }
    }
}

#[test]
fn release_versions_and_article_ids_never_overflow() {
    let day = PartialDate::parse("2026-12-02", Precision::Day).unwrap();
    assert_eq!(review::next_version("2026-12-02.4", day).unwrap(), "2026-12-02.5");
    assert_eq!(review::next_version("2026-11-30.7", day).unwrap(), "2026-12-02.1");
    assert!(review::next_version("2026-12-02.18446744073709551615", day).unwrap_err().contains("no release after"));
    assert!(review::next_version("2026-12-03.1", day).unwrap_err().contains("after the release day"));
}

fn codes(s: &str) -> Vec<String> {
    static G: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
    let g = G.get_or_init(|| Gazetteer::new(None).unwrap());
    g.mentions(s, &words::words(s)).into_iter().map(|m| m.code).collect()
}

#[test]
fn common_words_and_names_of_other_things_name_no_state() {
    assert!(codes("لمد كابل بحري جديد").is_empty(), "cable");
    assert_eq!(codes("وصل الوفد إلى كابل قادما من أفغانستان"), ["AF", "AF"]);
    assert!(codes("انضمت إلى اتفاقية بودابست").is_empty(), "the Budapest Convention");
    assert!(codes("عاد إلى مسقط رأسه").is_empty(), "birthplace");
    assert!(codes("دول أمريكا اللاتينية").is_empty(), "Latin America");
    assert_eq!(codes("قالت قناة روسيا اليوم"), Vec::<String>::new());
    assert_eq!(codes("أعلنت روسيا اليوم الثلاثاء فرض عقوبات على بريطانيا"), ["RU", "GB"]);
    assert_eq!(codes("الرئيس الجنوب أفريقي ومسؤولون جنوب أفريقيون"), ["ZA", "ZA"]);
}

#[test]
fn triggers_that_are_other_words() {
    let f = drafts("ارتفعت نسبة الهجمات الإلكترونية على الإمارات.", "2024-03");
    assert!(f.drafts.iter().all(|d| d.kind != EventType::Accusation), "a rate is not an attribution");
    let f = drafts("وقع الهجوم الإلكتروني على إيران بعد إعلان إسرائيل.", "2024-03");
    assert!(f.drafts.iter().all(|d| d.kind != EventType::Agreement), "an announcement is not a pact");
    let f = drafts("وأصدرت الدولتان مصر والأردن إعلانا مشتركا وقعه الوزيران.", "2024-03");
    assert_eq!(f.drafts[0].kind, EventType::Agreement);
}
