//! Search on the shipped dataset with the spelling variants the articles really use.
//!
//! Expected event lists are computed from the data (an entity's events, a topic's events, a
//! year's events, the events whose normalised words satisfy a predicate), never hard-coded.

use marsad::data::{Dataset, EventType, Tone, Topic};
use marsad::search::{normalize, EventSet, Hits, SearchIndex};

fn shipped_doc() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/events.json")).unwrap()
}

fn shipped() -> (Dataset, SearchIndex) {
    let ds = marsad::data::load(&shipped_doc()).unwrap().dataset;
    let index = SearchIndex::build(&ds);
    (ds, index)
}

fn hits(index: &SearchIndex, q: &str) -> Hits {
    index.search(q).unwrap_or_else(|| panic!("{q:?} parsed as empty"))
}

fn members(ds: &Dataset, set: &EventSet) -> Vec<String> {
    ds.events.iter().enumerate().filter(|(i, _)| set.contains(*i as u32)).map(|(_, e)| e.id.clone()).collect()
}

/// Ids of every event the query finds, in dataset order.
fn ids(ds: &Dataset, index: &SearchIndex, q: &str) -> Vec<String> {
    members(ds, &hits(index, q).all)
}

/// Ids of the events the query finds exactly, in dataset order.
fn exact_ids(ds: &Dataset, index: &SearchIndex, q: &str) -> Vec<String> {
    members(ds, &hits(index, q).exact)
}

fn events_where(ds: &Dataset, keep: impl Fn(&marsad::data::Event) -> bool) -> Vec<String> {
    ds.events.iter().filter(|e| keep(e)).map(|e| e.id.clone()).collect()
}

fn actor_ix(ds: &Dataset, id: &str) -> u32 {
    ds.actors.iter().position(|a| a.id == id).unwrap() as u32
}

fn events_of_actor(ds: &Dataset, id: &str) -> Vec<String> {
    let ix = actor_ix(ds, id);
    events_where(ds, |e| e.actors.contains(&ix))
}

fn events_of_country(ds: &Dataset, code: &str) -> Vec<String> {
    let ix = ds.country_ix(code).unwrap();
    events_where(ds, |e| e.parties.contains(&ix))
}

/// The normalised words of everything the index reads for an event: titles, summaries, place,
/// quotes, and the names of its parties and actors, in both languages.
fn words_of(ds: &Dataset, e: &marsad::data::Event) -> Vec<String> {
    let mut texts: Vec<String> = Vec::new();
    for t in [e.title(), e.summary()].into_iter().chain(e.place()) {
        texts.extend([t.ar, t.en]);
    }
    texts.extend(e.sources().map(|s| s.quote));
    for &c in &e.parties {
        texts.extend([ds.country(c).name.ar.clone(), ds.country(c).name.en.clone()]);
    }
    for &a in &e.actors {
        texts.extend([ds.actor(a).name.ar.clone(), ds.actor(a).name.en.clone()]);
    }
    texts.iter().flat_map(|t| normalize(t).split(' ').map(str::to_owned).collect::<Vec<_>>()).collect()
}

/// Events with at least one normalised word satisfying `pred`.
fn events_with_word(ds: &Dataset, pred: impl Fn(&str) -> bool) -> Vec<String> {
    events_where(ds, |e| words_of(ds, e).iter().any(|w| pred(w)))
}

fn union(a: &[String], b: &[String]) -> Vec<String> {
    let mut all: Vec<String> = a.iter().chain(b).cloned().collect();
    all.sort();
    all.dedup();
    all
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn is_subset(small: &[String], big: &[String]) -> bool {
    small.iter().all(|id| big.contains(id))
}

/// Asserts what a one-word name finds: every event of `named` (the entity's), and besides only
/// events whose text has a word containing one of `roots` (a one-word name is also a word of the
/// text: "روسيا" finds a report on Iran that mentions Russia).
fn assert_named_or_written(ds: &Dataset, index: &SearchIndex, q: &str, named: &[String], roots: &[&str]) {
    let found = ids(ds, index, q);
    assert!(is_subset(named, &found), "query {q:?} misses events of the name: {found:?}");
    let written = events_with_word(ds, |w| roots.iter().any(|r| w.contains(r)));
    assert!(is_subset(&found, &union(named, &written)), "query {q:?} finds other events: {found:?}");
}

#[test]
fn every_spelling_of_xi_finds_every_xi_event() {
    let (ds, index) = shipped();
    let want = events_of_actor(&ds, "xi-jinping");
    assert!(want.len() >= 3, "{want:?}");
    // a002 spells شي جينبينغ, a003 شي جين بينج, a000 شي جين بينج; readers also type the rest.
    for q in ["شي جينبينغ", "شي جين بينج", "شي جين بينغ", "شى جين بينج", "شِي جِين بِينج", "xi jinping", "XI JINPING"]
    {
        assert_eq!(ids(&ds, &index, q), want, "query {q:?}");
    }
    // One word is also a word of the text: "Xi" finds the events that mention him too.
    let written = events_with_word(&ds, |w| w == "شي" || w == "xi");
    assert!(written.iter().any(|id| !want.contains(id)), "an event mentions Xi without him as an actor");
    for q in ["شي", "Xi", "شِي"] {
        assert_eq!(sorted(ids(&ds, &index, q)), union(&want, &written), "query {q:?}");
    }
}

#[test]
fn capitals_and_demonyms_find_the_country() {
    let (ds, index) = shipped();
    let gb = events_of_country(&ds, "GB");
    assert_eq!(ids(&ds, &index, "المملكة المتحدة"), gb);
    let roots = ["لندن", "london", "بريطان", "britain", "uk"];
    for q in ["لندن", "بلندن", "London", "بريطانيا", "البريطانية", "UK"] {
        assert_named_or_written(&ds, &index, q, &gb, &roots);
    }
    let ru = events_of_country(&ds, "RU");
    for q in ["موسكو", "الكرملين", "روسيا", "Moscow", "Kremlin"] {
        assert_named_or_written(&ds, &index, q, &ru, &["موسكو", "كرملين", "روس", "moscow", "kremlin"]);
    }
    let us = events_of_country(&ds, "US");
    for q in ["واشنطن", "أمريكا", "أميركا", "الأمريكية", "الأميركية", "Washington"]
    {
        assert_named_or_written(&ds, &index, q, &us, &["واشنطن", "امريك", "اميرك", "washington"]);
    }
}

#[test]
fn wang_yi_in_both_spellings() {
    let (ds, index) = shipped();
    let want = events_of_actor(&ds, "wang-yi");
    assert!(want.len() >= 2);
    for q in ["وانج يي", "وانغ يي", "Wang Yi"] {
        assert_eq!(ids(&ds, &index, q), want, "query {q:?}");
    }
}

#[test]
fn words_match_titles_summaries_and_quotes_in_both_languages() {
    let (ds, index) = shipped();
    // "برامج الفدية" (ransomware) occurs in a001's quotes; the English word in summaries.
    let ar = ids(&ds, &index, "الفدية");
    let en = ids(&ds, &index, "ransomware");
    assert!(!ar.is_empty());
    assert!(!en.is_empty());
    assert!(ar.iter().any(|id| en.contains(id)));
    // Normalisation: hamza and taa marbuta variants of the same word find the same events.
    assert_eq!(ids(&ds, &index, "الإلكترونية"), ids(&ds, &index, "الالكترونيه"));
    // Arabic-Indic digits equal Latin digits.
    assert_eq!(ids(&ds, &index, "٢٠١٦"), ids(&ds, &index, "2016"));
    assert!(!ids(&ds, &index, "2016").is_empty());
    // Words narrow an entity: Xi's events about elections only.
    let xi_elections = ids(&ds, &index, "شي الانتخابات");
    assert!(!xi_elections.is_empty());
    assert!(xi_elections.len() < events_of_actor(&ds, "xi-jinping").len());
    assert!(ids(&ds, &index, "zzzzqqq").is_empty());
    assert!(index.search("  ،،  ").is_none());
}

/// Every form of "cyber" the articles use: with and without the article, masculine, feminine,
/// accusative ("حواراً سيبرانياً"), a004's transliteration "السايبري", and the 2015–2016
/// reports' "الهجمات الإلكترونية".
fn cyber_events(ds: &Dataset) -> Vec<String> {
    events_with_word(ds, |w| w.contains("سيبران") || w.contains("سايبر") || w.contains("الكترون"))
}

#[test]
fn forms_of_one_word_find_the_same_events() {
    let (ds, index) = shipped();
    let want = cyber_events(&ds);
    // The renderings differ by report: each has events the others' words miss.
    let only = |word: &str| events_with_word(&ds, |w| w.contains(word));
    assert!(only("الكترون").iter().any(|id| !only("سيبران").contains(id)));
    assert!(only("سيبران").iter().any(|id| !only("الكترون").contains(id)));
    for q in ["السيبراني", "السيبرانية", "سيبراني", "سيبرانية", "والسيبرانية", "السايبري", "الإلكترونية", "إلكتروني"]
    {
        assert_eq!(ids(&ds, &index, q), want, "query {q:?}");
    }
}

#[test]
fn a_transliteration_variant_finds_the_same_events() {
    let (ds, index) = shipped();
    assert_eq!(ids(&ds, &index, "السايبراني"), cyber_events(&ds));
}

#[test]
fn english_inflections_find_the_same_events() {
    let (ds, index) = shipped();
    for (stem, forms) in [
        ("believ", ["believe", "believes", "believed", "believing"]),
        ("continu", ["continue", "continues", "continued", "continuing"]),
    ] {
        let want = events_with_word(&ds, |w| w.starts_with(stem));
        assert!(!want.is_empty());
        for q in forms {
            assert_eq!(ids(&ds, &index, q), want, "query {q:?}");
        }
    }
}

/// "Spies" in English finds what "espionage" does, as "جواسيس" finds what "تجسس" does: the
/// reports' own words.
#[test]
fn spies_find_espionage_in_both_languages() {
    let (ds, index) = shipped();
    let english = ids(&ds, &index, "espionage");
    let arabic = ids(&ds, &index, "تجسس");
    assert!(!english.is_empty() && !arabic.is_empty());
    for q in ["spy", "spies", "spying"] {
        assert_eq!(ids(&ds, &index, q), english, "query {q:?}");
    }
    for q in ["جاسوس", "الجواسيس"] {
        assert_eq!(ids(&ds, &index, q), arabic, "query {q:?}");
    }
}

#[test]
fn two_actor_names_find_the_events_with_both() {
    let (ds, index) = shipped();
    let (xi, biden) = (actor_ix(&ds, "xi-jinping"), actor_ix(&ds, "joe-biden"));
    let want = events_where(&ds, |e| e.actors.contains(&xi) && e.actors.contains(&biden));
    assert!(!want.is_empty());
    // One word of a name is also a word of the text: "Xi Biden" finds the events with both or
    // mentioning them; the full name "شي جين بينغ" only Xi's events.
    let mentions = |a: u32, names: [&str; 2]| {
        let words: Vec<String> = names.iter().map(|n| normalize(n)).collect();
        events_where(&ds, |e| e.actors.contains(&a) || words_of(&ds, e).iter().any(|w| words.contains(w)))
    };
    let (xi_or_written, biden_or_written) = (mentions(xi, ["Xi", "شي"]), mentions(biden, ["Biden", "بايدن"]));
    for q in ["Xi Biden", "شي بايدن"] {
        let found = ids(&ds, &index, q);
        assert!(is_subset(&want, &found), "query {q:?}");
        assert_eq!(found, events_where(&ds, |e| xi_or_written.contains(&e.id) && biden_or_written.contains(&e.id)));
    }
    let found = ids(&ds, &index, "بايدن شي جين بينغ");
    assert_eq!(found, events_where(&ds, |e| e.actors.contains(&xi) && biden_or_written.contains(&e.id)));
}

#[test]
fn two_country_names_find_the_events_with_both() {
    let (ds, index) = shipped();
    let (cn, us) = (ds.country_ix("CN").unwrap(), ds.country_ix("US").unwrap());
    let want = events_where(&ds, |e| e.parties.contains(&cn) && e.parties.contains(&us));
    assert!(!want.is_empty());
    // Each one-word name also finds the events that mention it ("الصين": a report on Russia
    // says "الصينية"): the events of both states, and those of one that mention the other.
    let written =
        events_with_word(&ds, |w| ["صين", "china", "chinese", "بكين", "امريك", "واشنطن"].iter().any(|r| w.contains(r)));
    for q in ["China US", "الصين الولايات المتحدة", "بكين واشنطن"] {
        let found = ids(&ds, &index, q);
        assert!(is_subset(&want, &found), "query {q:?}");
        let of_one = events_where(&ds, |e| e.parties.contains(&cn) || e.parties.contains(&us));
        assert!(
            is_subset(&found, &of_one) && found.iter().all(|id| want.contains(id) || written.contains(id)),
            "query {q:?}: {found:?}"
        );
    }
}

#[test]
fn an_alias_shared_by_two_actors_finds_either() {
    // Give Lavrov and Ryabkov the shared first name "Sergei" as an alias.
    let mut doc: serde_json::Value = serde_json::from_str(&shipped_doc()).unwrap();
    for actor in doc["actors"].as_array_mut().unwrap() {
        if actor["id"] == "sergei-lavrov" || actor["id"] == "sergei-ryabkov" {
            actor["aliases"].as_array_mut().unwrap().push("Sergei".into());
        }
    }
    let ds = marsad::data::load(&doc.to_string()).unwrap().dataset;
    let index = SearchIndex::build(&ds);
    let (lavrov, ryabkov) = (actor_ix(&ds, "sergei-lavrov"), actor_ix(&ds, "sergei-ryabkov"));
    let either = events_where(&ds, |e| e.actors.contains(&lavrov) || e.actors.contains(&ryabkov));
    assert_eq!(ids(&ds, &index, "Sergei"), either);
    assert_eq!(ids(&ds, &index, "Sergei Lavrov"), events_of_actor(&ds, "sergei-lavrov"));
}

#[test]
fn a_short_token_matches_whole_words_only() {
    let (ds, index) = shipped();
    // "UN" is inside "united", "until", "under", "fund"...: only the word "un" counts.
    assert_eq!(ids(&ds, &index, "UN"), events_with_word(&ds, |w| w == "un"));
}

#[test]
fn a_short_token_does_not_match_as_a_prefix() {
    let (ds, index) = shipped();
    assert_eq!(ids(&ds, &index, "cyb"), Vec::<String>::new());
}

#[test]
fn a_longer_token_matches_as_a_word_prefix() {
    let (ds, index) = shipped();
    let want = events_with_word(&ds, |w| w.starts_with("cyberatt"));
    assert!(!want.is_empty());
    assert_eq!(ids(&ds, &index, "cyberatt"), want);
}

#[test]
fn a_longer_token_does_not_match_inside_a_word() {
    let (ds, index) = shipped();
    // "attack" occurs inside "cyberattack": only words starting with it (after proclitics) count.
    let want = events_with_word(&ds, |w| w.starts_with("attack"));
    assert_eq!(ids(&ds, &index, "attack"), want);
}

fn events_of_topic(ds: &Dataset, t: Topic) -> Vec<String> {
    events_where(ds, |e| e.topics.contains(&t))
}

fn events_of_type(ds: &Dataset, t: EventType) -> Vec<String> {
    events_where(ds, |e| e.kind == t)
}

#[test]
fn topic_labels_find_the_topic_in_both_languages() {
    let (ds, index) = shipped();
    let influence = events_of_topic(&ds, Topic::InfluenceOperations);
    assert_eq!(ids(&ds, &index, "influence operations"), influence);
    assert_eq!(ids(&ds, &index, "عمليات التأثير"), influence);
    assert_eq!(ids(&ds, &index, "البنى التحتية الحيوية"), events_of_topic(&ds, Topic::CriticalInfrastructure));
}

#[test]
fn every_topic_and_type_label_finds_its_events() {
    use marsad::i18n::Lang;
    let (ds, index) = shipped();
    for lang in [Lang::Ar, Lang::En] {
        for &t in Topic::ALL {
            let (label, found) = (t.label(lang), ids(&ds, &index, t.label(lang)));
            assert!(is_subset(&events_of_topic(&ds, t), &found), "{label:?} found {found:?}");
        }
        for &t in EventType::ALL {
            let (label, found) = (t.label(lang), ids(&ds, &index, t.label(lang)));
            assert!(is_subset(&events_of_type(&ds, t), &found), "{label:?} found {found:?}");
        }
        // A tone's label, as the filter panel shows it ("صدامي" had found nothing): its events,
        // and those whose text uses the word.
        for &t in Tone::ALL {
            let (label, found) = (t.label(lang), ids(&ds, &index, t.label(lang)));
            let tone = events_where(&ds, |e| e.tone == t);
            assert!(!tone.is_empty() && is_subset(&tone, &found), "{label:?} found {found:?}");
            let head: String = normalize(label).chars().take(5).collect();
            let text = events_with_word(&ds, |w| w.contains(&head));
            assert!(is_subset(&found, &union(&tone, &text)), "{label:?} found {found:?}");
        }
    }
}

#[test]
fn one_alternative_of_a_type_label_finds_the_type() {
    let (ds, index) = shipped();
    let accusations = events_of_type(&ds, EventType::Accusation);
    assert!(is_subset(&accusations, &ids(&ds, &index, "اتهام")));
    assert!(is_subset(&accusations, &ids(&ds, &index, "attribution")));
    assert!(is_subset(&events_of_type(&ds, EventType::Sanction), &ids(&ds, &index, "Sanctions")));
}

#[test]
fn a_label_also_finds_the_events_whose_text_uses_it() {
    let (ds, index) = shipped();
    // "report" is the label of the type Report, and a word of many other events' texts.
    let text = events_with_word(&ds, |w| w == "report" || w == "reports");
    let want = union(&events_of_type(&ds, EventType::Report), &text);
    assert!(is_subset(&want, &ids(&ds, &index, "report")));
}

#[test]
fn a_year_finds_that_years_events() {
    let (ds, index) = shipped();
    let in_2021 = events_where(&ds, |e| e.date.year == 2021);
    assert!(!in_2021.is_empty());
    let mentions = events_with_word(&ds, |w| w.starts_with("2021"));
    assert_eq!(sorted(ids(&ds, &index, "2021")), union(&in_2021, &mentions));
    assert_eq!(ids(&ds, &index, "٢٠٢١"), ids(&ds, &index, "2021"));
}

#[test]
fn a_year_also_finds_events_that_mention_it() {
    let (ds, index) = shipped();
    let mentions = events_with_word(&ds, |w| w == "2016");
    let dated = events_where(&ds, |e| e.date.year == 2016);
    assert_eq!(sorted(ids(&ds, &index, "2016")), union(&dated, &mentions));
}

#[test]
fn typos_find_the_near_name() {
    let (ds, index) = shipped();
    let cases = [
        ("بيكين", events_of_country(&ds, "CN")),
        ("واشنطون", events_of_country(&ds, "US")),
        ("لندان", events_of_country(&ds, "GB")),
        ("بيدن", ids(&ds, &index, "بايدن")),
        ("Bidem", ids(&ds, &index, "Biden")),
        ("ساليفان", events_of_actor(&ds, "jake-sullivan")),
    ];
    for (q, want) in cases {
        assert_eq!(ids(&ds, &index, q), want, "query {q:?}");
    }
}

#[test]
fn a_typo_is_corrected_in_the_index_spelling() {
    let (_, index) = shipped();
    for (q, want) in [
        ("بيكين", "بكين"),
        ("واشنطون", "واشنطن"),
        ("لندان", "لندن"),
        ("بيدن", "بايدن"),
        ("Bidem", "Biden"),
        ("ساليفان", "سوليفان"),
    ] {
        assert_eq!(hits(&index, q).corrected.as_deref(), Some(want), "query {q:?}");
    }
}

#[test]
fn a_correction_keeps_the_other_words_as_typed() {
    let (ds, index) = shipped();
    let found = hits(&index, "الأمن بيكين");
    assert_eq!(found.corrected.as_deref(), Some("الأمن بكين"));
    assert_eq!(members(&ds, &found.all), ids(&ds, &index, "الأمن بكين"));
}

#[test]
fn a_corrected_word_can_complete_a_name() {
    let (ds, index) = shipped();
    // "جيك" alone is a word of the text; corrected, "جيك سوليفان" is Sullivan's alias.
    let found = hits(&index, "جيك ساليفان");
    assert_eq!(found.corrected.as_deref(), Some("جيك سوليفان"));
    assert_eq!(members(&ds, &found.all), events_of_actor(&ds, "jake-sullivan"));
}

#[test]
fn words_that_match_are_not_corrected() {
    let (_, index) = shipped();
    // "السايبراني" is a known variant of "السيبراني", not a typo.
    for q in ["بكين", "Biden", "السيبرانية", "السايبراني", "cyberatt", "UN", "2021"] {
        assert_eq!(hits(&index, q).corrected, None, "query {q:?}");
    }
}

#[test]
fn numbers_and_far_words_are_not_corrected() {
    let (ds, index) = shipped();
    for q in ["2030", "zzzzqqq", "qwertyuiop"] {
        let found = hits(&index, q);
        assert_eq!(found.corrected, None, "query {q:?}");
        assert_eq!(members(&ds, &found.all), Vec::<String>::new(), "query {q:?}");
    }
}

#[test]
fn exact_matches_are_the_word_as_typed() {
    let (ds, index) = shipped();
    assert_eq!(exact_ids(&ds, &index, "السيبرانية"), events_with_word(&ds, |w| w == "السيبرانيه"));
}

#[test]
fn exact_matches_are_among_all_matches() {
    let (ds, index) = shipped();
    for q in ["السيبرانية", "سيبراني", "السايبراني", "continued", "report", "شي الانتخابات", "بيكين"]
    {
        assert!(is_subset(&exact_ids(&ds, &index, q), &ids(&ds, &index, q)), "query {q:?}");
    }
}

#[test]
fn a_transliteration_variant_matches_no_word_exactly() {
    let (ds, index) = shipped();
    assert_eq!(exact_ids(&ds, &index, "السايبراني"), Vec::<String>::new());
}

#[test]
fn single_letters_are_ignored() {
    let (ds, index) = shipped();
    assert!(index.search("s").is_none());
    assert_eq!(ids(&ds, &index, "China's"), events_of_country(&ds, "CN"));
}

#[test]
fn inflected_demonyms_name_the_country() {
    let (ds, index) = shipped();
    // Not in the alias lists: their stems are the aliases "الروس", "إيران", "Iranian" as written.
    // (As words of the text they also find the events that mention the state.)
    let (ru, ir) = (events_of_country(&ds, "RU"), events_of_country(&ds, "IR"));
    assert_named_or_written(&ds, &index, "الروسيين", &ru, &["روس"]);
    assert_named_or_written(&ds, &index, "الإيرانيات", &ir, &["ايران"]);
    assert_named_or_written(&ds, &index, "Iranians", &ir, &["iran"]);
}

#[test]
fn a_word_with_a_proclitic_finds_the_word() {
    let (ds, index) = shipped();
    // "لتحسين" is "ل + تحسين" (to improve): the index knows "تحسين".
    assert!(!ids(&ds, &index, "تحسين").is_empty());
    assert_eq!(ids(&ds, &index, "لتحسين"), ids(&ds, &index, "تحسين"));
}

#[test]
fn a_present_tense_verb_finds_its_noun() {
    let (ds, index) = shipped();
    // "تتدخل" (interferes) is "ت + تدخل" (interference), "يتجسس" (spies) "ي + تجسس" (spying): the
    // index knows both nouns, with the article.
    // ("التجسس" is also the espionage topic's label: each form names the topic.)
    // With و, ف, ل or the future's س before the prefix too ("ليتدخل", to interfere; "سيتدخل",
    // will interfere).
    for (noun, forms) in [
        ("تدخل", &["التدخل", "تدخل", "تتدخل", "يتدخل", "وتتدخل", "ليتدخل", "سيتدخل", "وسيتدخل", "فيتدخل"][..]),
        ("تجسس", &["التجسس", "يتجسس", "تتجسس", "تجسسوا", "ويتجسس", "جواسيس", "الجاسوس"]),
    ] {
        let want = ids(&ds, &index, forms[0]);
        assert!(!events_with_word(&ds, |w| w.contains(noun)).is_empty(), "{noun}");
        assert!(is_subset(&events_with_word(&ds, |w| w.contains(noun)), &want), "{noun}");
        for q in forms {
            assert_eq!(ids(&ds, &index, q), want, "query {q:?}");
        }
    }
}

#[test]
fn a_verb_prefix_is_read_only_before_ta() {
    let (ds, index) = shipped();
    // "تقبل" (accepts) is not "قبل" (before), nor "تجارية" (commercial) "الجاري" (current):
    // the rest does not begin with ت.
    for (word, other) in [("تقبل", "قبل"), ("تجاريه", "الجاري")] {
        let with = events_with_word(&ds, |w| w == word);
        assert!(!with.is_empty(), "{word}");
        let found = ids(&ds, &index, other);
        assert!(with.iter().any(|id| !found.contains(id)), "{other:?} finds every event of {word:?}");
    }
}

#[test]
fn english_derivations_find_the_same_events() {
    let (ds, index) = shipped();
    for forms in [
        &["interfere", "interferes", "interfered", "interfering", "interference"][..],
        &["spy", "spies", "spied", "spying"],
        &["govern", "government", "governments"],
        &["election", "elections", "elect"],
    ] {
        // Each form finds every event whose text has any of them ("Elections" is also a topic's
        // label: each form names the topic too).
        let written = events_with_word(&ds, |w| forms.contains(&w));
        let want = ids(&ds, &index, forms[0]);
        assert!(!written.is_empty(), "{forms:?}");
        assert!(is_subset(&written, &want), "{forms:?}");
        for q in forms {
            let h = hits(&index, q);
            assert_eq!(h.corrected, None, "query {q:?}");
            assert_eq!(members(&ds, &h.all), want, "query {q:?}");
        }
    }
    // "Accusation" is a type's label: every form names the type, and finds the text's forms too.
    let accused = ids(&ds, &index, "accused");
    assert!(is_subset(&events_with_word(&ds, |w| w.starts_with("accus")), &accused));
    assert!(is_subset(&events_of_type(&ds, EventType::Accusation), &accused));
    for q in ["accuse", "accuses", "accusation", "accusations"] {
        assert_eq!(ids(&ds, &index, q), accused, "query {q:?}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    #[test]
    fn any_query_gives_exact_matches_among_all(q in "[ -~\u{0600}-\u{06FF}]{0,24}") {
        let (ds, index) = shipped_once();
        if let Some(found) = index.search(&q) {
            let (all, exact) = (members(ds, &found.all), members(ds, &found.exact));
            proptest::prop_assert!(is_subset(&exact, &all), "{q:?}");
        }
    }
}

fn shipped_once() -> &'static (Dataset, SearchIndex) {
    static SHIPPED: std::sync::OnceLock<(Dataset, SearchIndex)> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(shipped)
}

/// What the page builds between frames, a slice of events at a time, is the index built at once.
#[test]
fn an_index_built_in_slices_is_the_index_built_at_once() {
    let (ds, whole) = shipped_once();
    let mut queries: Vec<String> = vec!["2020".into(), "بكين".into(), "بيكن".into(), "cyber dialogue".into()];
    for e in &ds.events {
        queries
            .extend([e.title().ar, e.title().en].map(|t| t.split_whitespace().take(2).collect::<Vec<_>>().join(" ")));
    }
    queries.extend(ds.countries.iter().flat_map(|c| [c.name.ar.clone(), c.name.en.clone()]));
    for slice in [1, 7, 45, 1000] {
        let mut build = marsad::search::IndexBuild::default();
        let mut steps = 0;
        while !build.step(ds, slice) {
            steps += 1;
            assert_eq!(build.done(), steps * slice);
        }
        let sliced = build.finish(ds);
        // As the page builds it between tasks: the events a slice at a time, then the finish in
        // four parts of its own (in one part it was a 25-30 ms task in the browser).
        let mut build = marsad::search::IndexBuild::default();
        let mut parts = 1;
        let parted = loop {
            match build.advance(ds, slice) {
                Some(index) => break index,
                None => parts += 1,
            }
        };
        assert_eq!(parts, ds.events.len().div_ceil(slice) + 4, "slices of {slice}");
        assert!(parted == sliced && sliced == *whole, "slices of {slice}: the same index");
        // A search before the last part finishes the build from wherever it is.
        for done in 1..parts {
            let mut build = marsad::search::IndexBuild::default();
            for _ in 0..done {
                assert!(build.advance(ds, slice).is_none());
            }
            assert!(build.finish(ds) == *whole, "slices of {slice}, finished after {done} parts");
        }
        for q in &queries {
            let (a, b) = (whole.search(q), sliced.search(q));
            assert_eq!(a.is_some(), b.is_some(), "{q:?}");
            if let (Some(a), Some(b)) = (a, b) {
                assert_eq!(members(ds, &a.all), members(ds, &b.all), "slices of {slice}: {q:?}");
                assert_eq!(members(ds, &a.exact), members(ds, &b.exact), "slices of {slice}: {q:?}");
                assert_eq!(a.corrected, b.corrected, "slices of {slice}: {q:?}");
            }
        }
    }
}

/// A word whose stem is two letters ("tried", "tries": "tr", as "try") names nothing by it: not
/// Türkiye, whose code is an alias.
#[test]
fn a_two_letter_stem_names_no_state() {
    let ds = marsad::data::load(&marsad::synth::generate(600, 5).to_json()).unwrap().dataset;
    let index = SearchIndex::build(&ds);
    let tr = events_of_country(&ds, "TR");
    assert!(!tr.is_empty());
    // "TR" as typed names it; "tried" finds only what the text says (nothing, here).
    assert_eq!(ids(&ds, &index, "TR"), tr);
    for q in ["tried", "tries"] {
        assert!(!is_subset(&tr, &ids(&ds, &index, q)), "{q:?} names Türkiye");
    }
}

/// While shards arrive the index is built from the events the load has accepted, in their order,
/// a slice at a time (a failed shard leaves its events out); the complete snapshot adds the rest.
/// It ends as the index built at once from the complete dataset.
#[test]
fn an_index_built_while_shards_arrive_is_the_index_built_at_once() {
    use marsad::data::{shard, Loader};
    let doc = marsad::synth::generate(600, 5).to_json();
    let split = shard::split(&doc, 64 * 1024).unwrap().expect("600 events are over 64 KiB");
    let mut loader = Loader::head(&split.head).unwrap();
    let mut order = loader.shards.clone();
    order.reverse();
    let text =
        |r: &marsad::data::ShardRef| split.shards.iter().find(|(s, _)| s.path == r.path).map(|(_, t)| t.as_str());
    // As the app loads: each shard's events are indexed as it is added; one shard fails.
    let mut build = marsad::search::IndexBuild::default();
    for (i, r) in order.iter().enumerate() {
        match i {
            1 => loader.shard_failed(r, "network"),
            _ => loader.add_shard(r, text(r).unwrap()),
        }
        // Some of the new events in a slice, sometimes all.
        let (arrived, names) = loader.arrived();
        let all = build.add_arrived(arrived, names, if i % 2 == 0 || i + 1 == order.len() { 5 } else { usize::MAX });
        assert_eq!(all, build.done() == arrived.len());
    }
    assert!(order.len() >= 3, "{} shards", order.len());
    let ds = loader.finish().dataset;
    assert!(ds.events.len() < 600, "the failed shard's events are missing");
    assert!(build.done() < ds.events.len(), "the complete snapshot has events to add");
    let (sliced, whole) = (build.finish(&ds), SearchIndex::build(&ds));
    let mut queries: Vec<String> = vec!["2020".into(), "cyber".into(), "السيبراني".into()];
    for e in ds.events.iter().step_by(37) {
        queries
            .extend([e.title().ar, e.title().en].map(|t| t.split_whitespace().take(2).collect::<Vec<_>>().join(" ")));
    }
    queries.extend(ds.countries.iter().map(|c| c.name.ar.clone()));
    let mut found = 0;
    for q in &queries {
        let (a, b) = (whole.search(q), sliced.search(q));
        assert_eq!(a.is_some(), b.is_some(), "{q:?}");
        if let (Some(a), Some(b)) = (a, b) {
            found += members(&ds, &a.all).len();
            assert_eq!(members(&ds, &a.all), members(&ds, &b.all), "{q:?}");
            assert_eq!(members(&ds, &a.exact), members(&ds, &b.exact), "{q:?}");
            assert_eq!(a.corrected, b.corrected, "{q:?}");
        }
    }
    assert!(found > queries.len(), "the queries find events ({found})");
}

#[test]
fn a_name_ending_in_waw_alef_is_not_a_verb_plural() {
    // Papua New Guinea, a party to the first event; "الباب" (the door) in the second's summary.
    let mut doc: serde_json::Value = serde_json::from_str(&shipped_doc()).unwrap();
    doc["countries"].as_array_mut().unwrap().push(serde_json::json!({
        "code": "PG", "name": {"ar": "بابوا غينيا الجديدة", "en": "Papua New Guinea"}, "aliases": ["بابوا"]
    }));
    doc["events"][0]["parties"].as_array_mut().unwrap().push("PG".into());
    let summary = format!("{} وفتح الباب للحوار.", doc["events"][1]["summary"]["ar"].as_str().unwrap());
    doc["events"][1]["summary"]["ar"] = summary.into();
    let id = |i: usize| doc["events"][i]["id"].as_str().unwrap().to_owned();
    let (papua, door) = (id(0), id(1));
    let ds = marsad::data::load(&doc.to_string()).unwrap().dataset;
    let index = SearchIndex::build(&ds);
    assert_eq!(ids(&ds, &index, "بابوا"), events_of_country(&ds, "PG"));
    // "The door" finds the door, not Papua ("بابوا" had been stemmed "باب", a verb's plural).
    let found = ids(&ds, &index, "الباب");
    assert!(found.contains(&door) && !found.contains(&papua), "{found:?}");
}

#[test]
fn an_attack_finds_the_attacks_and_the_hackers_the_hacking() {
    let (ds, index) = shipped();
    // The reports say "الهجوم" in some events and "الهجمات" in others; "القراصنة" (the hackers)
    // in some and "القرصنة" (hacking) in others. Each word finds both.
    for (singular, plural) in [("هجوم", "هجمات"), ("قرصن", "قراصن")] {
        let only = |word: &str| events_with_word(&ds, |w| w.contains(word));
        assert!(only(singular).iter().any(|id| !only(plural).contains(id)), "{singular}");
        assert!(only(plural).iter().any(|id| !only(singular).contains(id)), "{plural}");
        let want = sorted(union(&only(singular), &only(plural)));
        for q in [singular, plural] {
            let q = if q.ends_with('ن') { format!("ال{q}ة") } else { format!("ال{q}") };
            assert_eq!(sorted(ids(&ds, &index, &q)), want, "query {q:?}");
        }
    }
}

/// A one-word name (a capital, a demonym, an alias) is also a word of the text: "هافانا" names
/// Cuba, and is the first word of "متلازمة هافانا" (Havana syndrome), whose events have other
/// parties. Each finds the state's events and the events whose text has the word.
#[test]
fn a_one_word_name_is_also_a_word_of_the_text() {
    let (ds, index) = shipped();
    let cuba = events_of_country(&ds, "CU");
    for (q, other) in [("هافانا", "متلازمة هافانا"), ("Havana", "Havana syndrome")] {
        let written = events_with_word(&ds, |w| w == normalize(q));
        assert!(written.iter().any(|id| !cuba.contains(id)), "{q:?} is in the text of events without Cuba");
        assert_eq!(sorted(ids(&ds, &index, q)), union(&cuba, &written), "query {q:?}");
        // "Havana syndrome": the events with both words, as typed.
        let syndrome = normalize(other.split(' ').find(|w| *w != q).unwrap());
        let want = events_where(&ds, |e| {
            let words = words_of(&ds, e);
            words.contains(&syndrome) && words.contains(&normalize(q))
        });
        assert!(!want.is_empty(), "{other:?}");
        let found = hits(&index, other);
        assert_eq!((members(&ds, &found.all), found.corrected), (want, None), "query {other:?}");
    }
    // Every state's one-word names still find the state's events, and the events using the word.
    for c in &ds.countries {
        let of_state = events_of_country(&ds, &c.code);
        for alias in c.aliases.iter().filter(|a| !a.contains(' ')) {
            let found = ids(&ds, &index, alias);
            let written = events_with_word(&ds, |w| w == normalize(alias));
            assert!(is_subset(&union(&of_state, &written), &found), "query {alias:?}");
        }
    }
}

/// Every spelling of "American" finds what "Chinese" does in each of its forms: the state's
/// events and those mentioning it, with or without the article. "أمريكا" and "أميركا" are both
/// written; a demonym of a name ending in alef drops it ("أمريكا" → "أمريكي", "روسيا" → "روسي"),
/// whether or not the alias list has that form.
#[test]
fn every_spelling_of_a_demonym_finds_the_same_events() {
    let (ds, index) = shipped();
    for (code, forms) in [
        (
            "US",
            &[
                "أمريكا",
                "أميركا",
                "أمريكي",
                "أميركي",
                "أمريكية",
                "أميركية",
                "الأمريكية",
                "الأميركية",
                "أمريكيون",
                "أمريكيين",
                "الأمريكيين",
                "أميركيين",
                "الأميركيين",
                "والأمريكية",
            ][..],
        ),
        ("CN", &["الصين", "صينية", "صيني", "الصينية", "صينيون", "الصينيين"]),
        ("RU", &["روسيا", "روسية", "روسي", "الروسية", "روسيون", "الروسيين"]),
    ] {
        let want = ids(&ds, &index, forms[0]);
        assert!(is_subset(&events_of_country(&ds, code), &want), "{code}");
        for q in forms {
            assert_eq!(ids(&ds, &index, q), want, "query {q:?}");
        }
    }
}

/// "ل" before the article of a word beginning with "ل" is written "لل", one lam for the
/// article's: "للقاء" is "ل + اللقاء" (for the meeting), "للجنة" "ل + اللجنة". Each form finds
/// the others, without a correction.
#[test]
fn lam_before_the_article_of_a_lam_word_is_read() {
    let (ds, index) = shipped();
    for forms in [["لقاء", "اللقاء", "للقاء"], ["لجنة", "اللجنة", "للجنة"]] {
        let written = events_with_word(&ds, |w| forms.iter().any(|f| normalize(f) == w));
        assert!(!written.is_empty(), "{forms:?}");
        for q in forms {
            let found = hits(&index, q);
            assert_eq!(found.corrected, None, "query {q:?}");
            assert!(is_subset(&written, &members(&ds, &found.all)), "query {q:?}");
            assert_eq!(members(&ds, &found.all), ids(&ds, &index, forms[0]), "query {q:?}");
        }
    }
    // "للأمن" is still "ل + الأمن".
    assert_eq!(ids(&ds, &index, "للأمن"), ids(&ds, &index, "الأمن"));
}

/// A broken plural finds its singular, and the singular its plural ("القمم", the summits, finds
/// "قمة"; "العميل", the agent, "عملاء"; "قاعدة", a rule, "قواعد"), where a near word had been
/// offered instead ("الأمم", the nations; "العمل", the work) or nothing.
#[test]
fn a_broken_plural_finds_its_singular_before_a_near_word() {
    let (ds, index) = shipped();
    for (asked, written) in
        [("القمم", "قمة"), ("قمم", "القمة"), ("العميل", "عملاء"), ("عميل", "العملاء"), ("قاعدة", "قواعد")]
    {
        let want = events_with_word(&ds, |w| w == normalize(written));
        assert!(!want.is_empty(), "{written}");
        let found = hits(&index, asked);
        assert_eq!(found.corrected, None, "query {asked:?}");
        assert!(is_subset(&want, &members(&ds, &found.all)), "query {asked:?}");
        assert_eq!(members(&ds, &found.all), ids(&ds, &index, written), "query {asked:?}");
    }
}

/// A word with a suffix none of whose forms is in the text is corrected as its stem would be:
/// "تحذيرات" (warnings) as "تحذير" (a warning), rather than left with nothing.
#[test]
fn a_suffixed_word_is_corrected_by_its_stem() {
    let (ds, index) = shipped();
    let (plural, singular) = ("تحذيرات", "تحذير");
    let by_stem = hits(&index, singular);
    assert!(by_stem.corrected.is_some() && !by_stem.all.is_empty(), "{singular}");
    let found = hits(&index, plural);
    assert_eq!(found.corrected, by_stem.corrected, "query {plural:?}");
    assert_eq!(members(&ds, &found.all), members(&ds, &by_stem.all), "query {plural:?}");
}
