//! The dataset the app ships: valid, large enough, every article cited, texts verbatim.

use std::collections::HashMap;
use std::path::Path;

use marsad::data::shard::content_hash;

fn shipped_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data")
}

fn shipped() -> marsad::data::Dataset {
    let json = std::fs::read_to_string(shipped_dir().join("events.json")).unwrap();
    let loaded = marsad::data::load(&json).unwrap();
    assert!(loaded.skipped.is_empty(), "{:#?}", loaded.skipped);
    loaded.dataset
}

#[test]
fn shipped_dataset_passes_the_validator() {
    let json = std::fs::read_to_string(shipped_dir().join("events.json")).unwrap();
    let read = crate::util::reader(shipped_dir());
    let problems = marsad::data::validate::validate(&json, &read);
    assert!(problems.is_empty(), "{}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"));
}

#[test]
fn shipped_dataset_is_large_enough_and_cites_every_article() {
    let ds = shipped();
    assert!(ds.events.len() >= 20, "only {} events", ds.events.len());
    assert_eq!(ds.articles.len(), 5);
    let mut cited: HashMap<u32, usize> = HashMap::new();
    for e in &ds.events {
        let mut arts: Vec<u32> = e.source_articles().collect();
        arts.dedup();
        for a in arts {
            *cited.entry(a).or_default() += 1;
        }
    }
    for (ix, a) in ds.articles.iter().enumerate() {
        let n = cited.get(&(ix as u32)).copied().unwrap_or(0);
        assert!(n >= 3, "article {} is cited by {n} events", a.id);
    }
}

/// The articles as received (`../shared/seeds`), by seed file: FNV-1a 64-bit of the bytes and
/// the length. Recorded once from the seeds; the project's copies must stay byte-identical.
const SEEDS: &[(&str, &str, usize)] = &[
    ("000_5f37bff3011cb41a.txt", "609e9518ca946159", 5010),
    ("001_147bfefe11b9fe1d.txt", "58c17c27f8dde05f", 9402),
    ("002_28a72953703710ed.txt", "c6f4da185952d2a4", 4004),
    ("003_51062464fbcc4a0b.txt", "c5a0e4afca30d3c0", 6539),
    ("004_9bdc67592ce60a7d.txt", "9595ce671a842908", 4626),
];

#[test]
fn shipped_articles_are_the_seed_texts_verbatim() {
    let ds = shipped();
    let mut seeds: Vec<&str> = ds.articles.iter().map(|a| a.seed_file.as_str()).collect();
    seeds.sort();
    assert_eq!(seeds, SEEDS.iter().map(|s| s.0).collect::<Vec<_>>(), "one article per seed");
    for a in &ds.articles {
        let ours = std::fs::read(shipped_dir().join(&a.text_path)).unwrap();
        let (_, hash, len) = SEEDS.iter().find(|s| s.0 == a.seed_file).unwrap();
        assert_eq!((content_hash(&ours).as_str(), ours.len()), (*hash, *len), "{} differs from its seed", a.text_path);
    }
}

#[test]
fn the_recorded_seed_hashes_are_those_of_the_seeds_where_they_are_present() {
    // Beside a checkout with the shared seeds (the team's machines), the table above is checked
    // against them; in a bare clone the table alone is the reference.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    for (file, hash, len) in SEEDS {
        if let Ok(seed) = std::fs::read(dir.join(file)) {
            assert_eq!((content_hash(&seed).as_str(), seed.len()), (*hash, *len), "{file}");
        }
    }
}

#[test]
fn every_country_has_a_bundled_flag() {
    let ds = shipped();
    for c in &ds.countries {
        assert!(marsad::flags::file(&c.code).is_some(), "no flag for {}", c.code);
    }
}

#[test]
fn the_flag_list_is_the_flag_folder() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/flags");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter_map(|f| f.strip_suffix(".webp").map(str::to_owned))
        .collect();
    files.sort();
    assert_eq!(files, marsad::flags::codes().collect::<Vec<_>>());
    assert!(files.len() >= 249, "every ISO 3166-1 code has its flag: {}", files.len());
}

/// The dataset shipped is a published release: archived byte for byte at its stable address,
/// every archived release passes the validator with the article texts beside the data, and the
/// history never drops an event without a withdrawn record (the build refuses that too).
#[test]
fn every_release_is_archived_exactly_and_valid() {
    let dir = shipped_dir();
    let current = std::fs::read_to_string(dir.join("events.json")).unwrap();
    let version = shipped().dataset_version;
    let archived = std::fs::read_to_string(dir.join(marsad::data::changes::release_file(&version)))
        .unwrap_or_else(|e| panic!("release {version} is not archived: {e}"));
    assert!(archived == current, "data/releases/{version}/events.json differs from events.json");
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(dir.join("releases")).unwrap() {
        let path = entry.unwrap().path().join("events.json");
        let json = std::fs::read_to_string(&path).unwrap();
        let read = crate::util::reader(dir.clone());
        let problems = marsad::data::validate::validate(&json, &read);
        assert!(problems.is_empty(), "{}: {problems:?}", path.display());
        docs.push(marsad::data::diff::parse_doc(&json).unwrap());
    }
    assert!(docs.len() >= 2, "the schema-1 release and its migration");
    let (changes, warnings) = marsad::data::changes::history(docs);
    assert_eq!(warnings, Vec::<String>::new());
    assert!(changes.releases.iter().all(|r| r.vanished.is_empty()));
    assert_eq!(changes.releases[0].version, version);
}
