//! Publishing, in every build: the site's configuration (`site.json`), the release files, the
//! release history `data/changes.json`, and the Atom feeds.
//!
//! Releases: `data/releases/<dataset_version>/events.json` is each release's exact dataset, at
//! an address that never changes (citations name it), with the article texts it refers to
//! beside it so it stands on its own. The archive comes with the data (`public/data/releases/`);
//! the build adds the current dataset when it is not archived yet, and refuses one whose
//! version is archived with different contents (a published release never changes: a new
//! dataset needs a new `dataset_version`) or that drops an event without a `withdrawn` record.
//! `marsad-dist site` starts the history afresh: its data was replaced by another dataset.

use std::path::Path;

use marsad::data::changes::{self, history};
use marsad::data::wire::WireDoc;
use marsad::data::{diff, path::is_data_path, shard, Dataset};
use marsad::feed::{feed, path as feed_path, Scope};
use marsad::i18n::Lang;
use marsad::site::SiteConfig;

/// The site's configuration: `DIR/site.json` (absent: the defaults), its address overridden
/// by `MARSAD_SITE_URL` when set (a deployment can keep one file for every host).
pub fn config(dir: &Path) -> Result<SiteConfig, String> {
    let file = dir.join("site.json");
    let json = match std::fs::read_to_string(&file) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => "{}".into(),
        Err(e) => return Err(format!("site.json: {e}")),
    };
    let mut config = SiteConfig::parse(&json)?;
    if let Ok(url) = std::env::var("MARSAD_SITE_URL") {
        config = SiteConfig::parse(&serde_json::json!({"url": url, "corrections": config.corrections}).to_string())
            .map_err(|e| format!("MARSAD_SITE_URL: {e}"))?;
    }
    Ok(config)
}

/// The dataset document as one text, and whether it was sharded (a head joined with its
/// shards: the text is the join's, not the file first published). A shard missing or failing
/// its hash is an error: the release, the feeds and the pages would silently lack its events.
pub fn whole(dir: &Path) -> Result<(String, bool), String> {
    let data = dir.join("data");
    let json = std::fs::read_to_string(data.join("events.json")).map_err(|e| format!("data/events.json: {e}"))?;
    let read = |p: &str| std::fs::read_to_string(data.join(p)).ok();
    let (text, problems) = shard::join(&json, &read).map_err(|p| p.to_string())?;
    if let Some(p) = problems.first() {
        return Err(format!("data/events.json: {p}"));
    }
    let sharded = text.len() != json.len() || text != json;
    Ok((text, sharded))
}

fn is_version_folder(v: &str) -> bool {
    !v.is_empty() && !v.starts_with('.') && v.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
}

/// How the current release meets the archive.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Archive {
    /// The build of the repository's data: the release must be archived already (in
    /// `public/data/releases/`, so the next build still has it), and identical.
    Required,
    /// A site whose data was replaced (`marsad-dist site`): its history starts afresh.
    Fresh,
    /// `marsad-dist site --keep-releases`: the next release of the archived ones, archived now.
    Add,
}

/// Puts the article texts `doc` quotes into its release folder `to` (from the data folder),
/// where they are not yet.
fn copy_articles(data: &Path, to: &Path, doc: &WireDoc) -> Result<(), String> {
    for a in doc.articles.iter().filter(|a| is_data_path(&a.text)) {
        let (from, to) = (data.join(&a.text), to.join(&a.text));
        if !to.exists() && from.exists() {
            std::fs::create_dir_all(to.parent().unwrap_or(data)).map_err(|e| e.to_string())?;
            std::fs::copy(&from, &to).map_err(|e| format!("{}: {e}", to.display()))?;
        }
    }
    Ok(())
}

/// Archives the current release (see the module's documentation), puts each release's article
/// texts beside it, and writes `data/changes.json`.
pub fn releases(dir: &Path, archive: Archive) -> Result<String, String> {
    let data = dir.join("data");
    let folder = data.join("releases");
    if archive == Archive::Fresh && folder.exists() {
        std::fs::remove_dir_all(&folder).map_err(|e| format!("data/releases: {e}"))?;
    }
    let (text, sharded) = whole(dir)?;
    let current = diff::parse_doc(&text).map_err(|e| format!("data/events.json: {e}"))?;
    let version = current.dataset_version.clone();
    let mut current = Some(current);
    if !is_version_folder(&version) {
        return Err(format!("dataset_version {version:?} cannot name a release folder"));
    }
    let mine = data.join(changes::release_file(&version));
    let file = changes::release_file(&version);
    match std::fs::read_to_string(&mine) {
        // A sharded head is the build's own split of the file archived before (its shards are
        // checked by hash): the archive keeps the file as published.
        Ok(_) if sharded => {}
        Ok(archived) if archived == text => {}
        Ok(_) => {
            return Err(format!(
                "data/{file} differs from data/events.json: a published release never changes; give the new \
                 data a new dataset_version"
            ))
        }
        Err(_) if archive == Archive::Required => {
            return Err(format!(
                "release {version} is not archived: copy public/data/events.json to public/data/{file} \
                 (a release's file stays at its address for good)"
            ))
        }
        Err(_) => {
            std::fs::create_dir_all(folder.join(&version)).map_err(|e| format!("data/releases/{version}: {e}"))?;
            std::fs::write(&mine, &text).map_err(|e| format!("{}: {e}", mine.display()))?;
        }
    }
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(&folder).map_err(|e| format!("data/releases: {e}"))? {
        let entry = entry.map_err(|e| e.to_string())?;
        if !entry.path().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let file = changes::release_file(&name);
        // The current release is the document already read (it was just checked against its file).
        let doc = match if name == version { current.take() } else { None } {
            Some(doc) => doc,
            None => {
                let json = std::fs::read_to_string(data.join(&file)).map_err(|e| format!("data/{file}: {e}"))?;
                diff::parse_doc(&json).map_err(|e| format!("data/{file}: {e}"))?
            }
        };
        if doc.dataset_version != name {
            return Err(format!("data/{file}: its dataset_version is {:?}", doc.dataset_version));
        }
        copy_articles(&data, &folder.join(&name), &doc)?;
        docs.push(doc);
    }
    let count = docs.len();
    let (changes, warnings) = history(docs);
    for w in &warnings {
        println!("marsad-dist: warning: {w}");
    }
    if let Some(r) = changes.releases.iter().find(|r| !r.vanished.is_empty()) {
        let ids: Vec<&str> = r.vanished.iter().map(|e| e.id.as_str()).collect();
        return Err(format!(
            "release {} drops events without a withdrawn record (an id never disappears silently): {}",
            r.version,
            ids.join(", ")
        ));
    }
    let json = serde_json::to_string(&changes).map_err(|e| e.to_string())?;
    std::fs::write(data.join(changes::PATH), json).map_err(|e| format!("data/{}: {e}", changes::PATH))?;
    let noun = if count == 1 { "release" } else { "releases" };
    println!("marsad-dist: {count} {noun}, data/{} (newest {version})", changes::PATH);
    Ok(text)
}

/// The feeds of `ds`: the site's in both languages, and each country's (those of an earlier
/// dataset are removed first).
pub fn feeds(dir: &Path, config: &SiteConfig, ds: &Dataset) -> Result<(), String> {
    let folder = dir.join("feeds");
    if folder.exists() {
        std::fs::remove_dir_all(&folder).map_err(|e| format!("feeds: {e}"))?;
    }
    std::fs::create_dir_all(&folder).map_err(|e| format!("feeds: {e}"))?;
    let mut scopes = vec![Scope::All];
    let mut used = vec![false; ds.countries.len()];
    ds.events.iter().for_each(|e| e.parties.iter().for_each(|&c| used[c as usize] = true));
    scopes.extend(ds.countries.iter().zip(&used).filter(|c| *c.1).map(|(c, _)| Scope::Country(&c.code)));
    for scope in &scopes {
        for lang in Lang::ALL.iter().copied() {
            let path = feed_path(*scope, lang);
            std::fs::write(dir.join(&path), feed(ds, *scope, lang, &config.url)).map_err(|e| format!("{path}: {e}"))?;
        }
    }
    println!("marsad-dist: {} Atom feeds", scopes.len() * Lang::ALL.len());
    Ok(())
}
