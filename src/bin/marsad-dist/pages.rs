//! Static pages (`ssr` builds of marsad-dist): every page a reader can arrive at, drawn by the
//! explorer's own components at build time (`marsad::ui::render`), in both languages, each at
//! its own path with its title, description, Open Graph and Twitter tags, canonical link and
//! language alternates; plus `sitemap.xml` and `robots.txt`.
//!
//! Paths (`marsad::page::static_path`): Arabic at the root, English under `en/`; the home page,
//! `countries/`, `network/`, `country/<CODE>/` and `event/<id>/` (the newest
//! `page::PRERENDER_EVENTS` events, and every withdrawn one), `changes/`. The site's public
//! address, which sitemaps and share tags need absolute, is `site.json`'s `url` (or
//! `MARSAD_SITE_URL`; default `http://127.0.0.1:8080/`, where `.ci/serve` serves). Every page
//! announces the Atom feeds (a country's page its own too) and, when `site.json` names one,
//! carries the correction target for the app (`<meta name="marsad-corrections">`).

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use marsad::data::changes::{self, Changes};
use marsad::data::{self, Dataset, PartialDate};
use marsad::export::escape_html;
use marsad::feed::{self, Scope};
use marsad::i18n::{Fmt, Lang, Strings, EVENTS};
use marsad::page::{event_has_page, static_path, Page};
use marsad::query::Query;
use marsad::site::SiteConfig;
use marsad::ui::render::Site;
use marsad::ui::SiteInfo;
use marsad::vocab::View;

const HEAD_START: &str = "<!--marsad:page-->";
const HEAD_END: &str = "<!--/marsad:page-->";

/// Every page the build writes, Arabic and English.
fn states(ds: &Dataset) -> Vec<Query> {
    let mut out = Vec::new();
    for lang in Lang::ALL.iter().copied() {
        let base = Query { lang, ..Query::default() };
        out.push(base.clone());
        out.push(Query { view: View::Countries, ..base.clone() });
        out.push(Query { view: View::Network, ..base.clone() });
        out.push(Query { view: View::Changes, ..base.clone() });
        out.extend(ds.withdrawn.iter().map(|w| Query { event: Some(w.id.clone()), ..base.clone() }));
        out.extend(ds.countries.iter().map(|c| Query { countries: vec![c.code.clone()], ..base.clone() }));
        let events = ds.events.iter().filter(|e| event_has_page(ds, &e.id));
        out.extend(events.map(|e| Query { event: Some(e.id.clone()), ..base.clone() }));
    }
    out
}

/// The release history the build wrote (`publish::releases`), if it reads.
fn changes(dir: &Path) -> Option<Changes> {
    let text = std::fs::read_to_string(dir.join("data").join(changes::PATH)).ok()?;
    serde_json::from_str(&text).ok()
}

/// The dataset's article texts, by index.
fn articles(dir: &Path, ds: &Dataset) -> HashMap<u32, String> {
    let read = |p: &str| std::fs::read_to_string(dir.join("data").join(p)).ok();
    let mut articles = HashMap::new();
    for (ix, a) in ds.articles.iter().enumerate() {
        if let Some(text) = read(&a.text_path).filter(|t| data::is_article_text(None, t)) {
            articles.insert(ix as u32, text);
        }
    }
    articles
}

// Text only the static pages' head tags use (kept out of `i18n`'s table, which the wasm carries).

fn country_description(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "شركاء الدولة وأنواع أحداثها وطابعها ونشاطها عبر السنوات، من تقارير إخبارية عربية مع اقتباساتها.",
        Lang::En => "The country's partners, its events by type and tone, and its activity over the years, from Arabic news reports with their quotes.",
    }
}

fn changes_description(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "كل إصدار من بيانات مرصد: الأحداث الجديدة والمصحّحة والمسحوبة، وملف كل إصدار كما نُشر.",
        Lang::En => {
            "Every release of Marsad's data: new, corrected and withdrawn events, and each release's exact file."
        }
    }
}

fn network_description(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "شبكة العلاقات بين الدول: من يتعامل مع من، وهل يغلب على العلاقة التعاون أم الصدام، مع جدول بكل الثنائيات.",
        Lang::En => "Who engages whom: the states, the pairs that share events, whether cooperation or conflict prevails, and a table of every pair.",
    }
}

fn og_image_alt(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "مرصد: مستكشف أحداث الدبلوماسية السيبرانية الدولية",
        Lang::En => "Marsad: explorer of international cyber-diplomacy events",
    }
}

/// A page's description: an event's summary, a country's count, or the tagline.
fn description(q: &Query, ds: &Dataset) -> String {
    let (lang, f) = (q.lang, Fmt::new(q.lang, q.reading));
    let s = lang.strings();
    let text = match Page::of(q) {
        Page::Event(id) => match ds.event_ix(&id) {
            Some(ix) => Some(lang.pick(&ds.event(ix).summary()).to_owned()),
            None => ds.withdrawn(&id).map(|w| format!("{}: {}", lang.strings().withdrawn_reason, lang.pick(&w.reason))),
        },
        Page::Timeline(Some(marsad::page::Card::Country(code))) => ds.country_ix(&code).map(|c| {
            let n = ds.events.iter().filter(|e| e.parties.contains(&c)).count();
            format!("{} — {}. {}", lang.pick(&ds.country(c).name), EVENTS.count(f, n), country_description(lang))
        }),
        Page::Network => Some(format!("{} — {}", View::Network.label(lang), network_description(lang))),
        Page::Changes => Some(format!("{} — {}", View::Changes.label(lang), changes_description(lang))),
        _ => None,
    };
    let text = text.unwrap_or_else(|| format!("{} — {}.", s.tagline, EVENTS.count(f, ds.events.len())));
    clip(&text, 300)
}

/// At most `max` characters, cut at a word boundary with an ellipsis when cut at all.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let head: String = text.chars().take(max - 1).collect();
    let cut = head.rfind(char::is_whitespace).filter(|&i| i > head.len() / 2).unwrap_or(head.len());
    format!("{}…", head[..cut].trim_end_matches(|c: char| c.is_whitespace() || ",;:،؛".contains(c)))
}

/// The Arabic and English paths of page `q` (whose path is `path`).
fn alternates(q: &Query, path: &str, ds: &Dataset) -> (String, String) {
    let other = Query { lang: q.lang.other(), ..q.clone() };
    let other_path = static_path(&other, &|id: &str| event_has_page(ds, id)).unwrap_or_default();
    match q.lang {
        Lang::Ar => (path.to_owned(), other_path),
        Lang::En => (other_path, path.to_owned()),
    }
}

/// `<meta>` and `<link>` tags of one page, between the markers (so a rebuild replaces them).
fn head_tags(q: &Query, path: &str, root: &str, title: &str, ds: &Dataset, config: &SiteConfig) -> String {
    let site = &config.url;
    let (ar, en) = alternates(q, path, ds);
    let (locale, alternate) = if q.lang == Lang::Ar { ("ar_AR", "en_GB") } else { ("en_GB", "ar_AR") };
    let kind = if q.event.is_some() { "article" } else { "website" };
    let (t, d) = (escape_html(title), escape_html(&description(q, ds)));
    let image = format!("{site}og-image.png");
    let alt = escape_html(og_image_alt(q.lang));
    [
        format!("<meta name=\"marsad-root\" content=\"{root}\">"),
        // The first paint waits until the whole static page is parsed (`#app` follows it): the
        // parser yields when the network splits the page or the machine is busy, and a paint of
        // a half-parsed page moved what the rest then changed: a header's buttons at 360 px
        // (0.003-0.009, in 6 loads of 25), a card's grid of sections at 1280 px (0.015-0.022 under
        // load, when the first paint waited only for `#main` to begin). Browsers without
        // `rel=expect` ignore it.
        "<link rel=\"expect\" href=\"#app\" blocking=\"render\">".to_owned(),
        format!("<link rel=\"canonical\" href=\"{site}{path}\">"),
        format!("<link rel=\"alternate\" hreflang=\"ar\" href=\"{site}{ar}\">"),
        format!("<link rel=\"alternate\" hreflang=\"en\" href=\"{site}{en}\">"),
        format!("<link rel=\"alternate\" hreflang=\"x-default\" href=\"{site}{ar}\">"),
        format!("<meta property=\"og:type\" content=\"{kind}\">"),
        "<meta property=\"og:site_name\" content=\"مرصد · Marsad\">".to_owned(),
        format!("<meta property=\"og:title\" content=\"{t}\">"),
        format!("<meta property=\"og:description\" content=\"{d}\">"),
        format!("<meta property=\"og:url\" content=\"{site}{path}\">"),
        format!("<meta property=\"og:image\" content=\"{image}\">"),
        "<meta property=\"og:image:width\" content=\"1200\"><meta property=\"og:image:height\" content=\"630\">".into(),
        format!("<meta property=\"og:image:alt\" content=\"{alt}\">"),
        format!("<meta property=\"og:locale\" content=\"{locale}\">"),
        format!("<meta property=\"og:locale:alternate\" content=\"{alternate}\">"),
        "<meta name=\"twitter:card\" content=\"summary_large_image\">".into(),
        format!("<meta name=\"twitter:title\" content=\"{t}\">"),
        format!("<meta name=\"twitter:description\" content=\"{d}\">"),
        format!("<meta name=\"twitter:image\" content=\"{image}\">"),
        feed_links(q, root, ds),
        // A withdrawn event's page is for the addresses already out there, not for search.
        if withdrawn(q, ds) { "<meta name=\"robots\" content=\"noindex\">".into() } else { String::new() },
        if config.corrections.is_empty() {
            String::new()
        } else {
            format!("<meta name=\"marsad-corrections\" content=\"{}\">", escape_html(&config.corrections))
        },
    ]
    .join("")
}

/// Whether `q` is the page of a withdrawn event.
fn withdrawn(q: &Query, ds: &Dataset) -> bool {
    q.event.as_deref().is_some_and(|id| ds.withdrawn(id).is_some())
}

/// The Atom feeds a page announces: the site's in both languages (the page's own first), and on
/// a country's page that country's (when it has events: only those have feeds).
fn feed_links(q: &Query, root: &str, ds: &Dataset) -> String {
    let mut scopes = vec![Scope::All];
    let country = match Page::of(q) {
        Page::Timeline(Some(marsad::page::Card::Country(code))) => ds.country_ix(&code),
        _ => None,
    };
    if let Some(c) = country.filter(|&c| ds.events.iter().any(|e| e.parties.contains(&c))) {
        scopes.insert(0, Scope::Country(&ds.country(c).code));
    }
    let mut out = String::new();
    for scope in scopes {
        for lang in [q.lang, q.lang.other()] {
            let (title, path) = (escape_html(&feed::title(scope, lang, ds)), feed::path(scope, lang));
            out.push_str(&format!(
                "<link rel=\"alternate\" type=\"application/atom+xml\" hreflang=\"{}\" title=\"{title}\" \
                 href=\"{root}{path}\">",
                lang.code()
            ));
        }
    }
    out
}

/// Replaces the content of the first element opening with `open` (e.g. `<title`) up to `close`.
fn replace_between(html: &str, open: &str, close: &str, with: &str) -> String {
    let Some(a) = html.find(open) else { return html.to_owned() };
    let Some(gt) = html[a..].find('>') else { return html.to_owned() };
    let Some(b) = html[a + gt..].find(close) else { return html.to_owned() };
    format!("{}{with}{}", &html[..a + gt + 1], &html[a + gt + b..])
}

/// Replaces the first whole tag that opens with `open` and contains every one of `has`
/// (Trunk's minifier reorders attributes and drops quotes, so tags are matched loosely).
fn replace_tag(html: &str, open: &str, has: &[&str], with: &str) -> String {
    let mut from = 0;
    while let Some(a) = html[from..].find(open).map(|i| from + i) {
        let Some(len) = html[a..].find('>') else { break };
        let tag = &html[a..=a + len];
        if has.iter().all(|h| tag.contains(h)) {
            return format!("{}{with}{}", &html[..a], &html[a + len + 1..]);
        }
        from = a + len;
    }
    html.to_owned()
}

/// Every `href`/`src` starting `./` (quoted or not, as the minifier leaves it) made to start
/// from `root` instead: the page sits `root` away from the site root.
pub fn rebase(html: &str, root: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(i) = rest.find("./") {
        let before = &rest[..i];
        let attr = before.ends_with("href=")
            || before.ends_with("src=")
            || before.ends_with("href=\"")
            || before.ends_with("src=\"");
        out.push_str(before);
        out.push_str(if attr { root } else { "./" });
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// The template without an earlier build's page parts.
fn pristine(html: &str) -> String {
    match (html.find(HEAD_START), html.find(HEAD_END)) {
        (Some(a), Some(b)) if a < b => format!("{}{}", &html[..a], &html[b + HEAD_END.len()..]),
        _ => html.to_owned(),
    }
}

/// One page's document from the template: language, title, description, tags, body, and every
/// `./` asset link made relative to the page's folder.
fn document(template: &str, q: &Query, path: &str, root: &str, body: &str, ds: &Dataset, site: &SiteConfig) -> String {
    let title = Page::of(q).title(q, ds);
    let (lang, dir) = (q.lang.code(), q.lang.dir());
    let html =
        replace_tag(template, "<html", &[], &format!("<html lang=\"{lang}\" dir=\"{dir}\" data-theme=\"auto\">"));
    let html = replace_between(&html, "<title", "</title>", &escape_html(&title));
    let meta = format!("<meta name=\"description\" content=\"{}\">", escape_html(&description(q, ds)));
    let html = replace_tag(&html, "<meta", &["description"], &meta);
    let tags = format!("{HEAD_START}{}{HEAD_END}", head_tags(q, path, root, &title, ds, site));
    // Everything up to the end of the head, then the page's own body.
    let head_end = html.find("</head>").unwrap_or(html.len());
    let head = format!("{}{tags}</head>", &html[..head_end]);
    // The head's asset links start from the site root; the body's links were drawn from `root`.
    let head = if root == "./" { head } else { rebase(&head, root) };
    format!("{head}<body><div id=\"static\">{body}</div><div id=\"app\" hidden></div></body></html>")
}

/// The path part of the site's address (`https://example.org/marsad/` → `/marsad/`): a page
/// served at any depth, as a host serves its 404 page, links from it.
fn site_path(site: &str) -> String {
    let after_scheme = site.split_once("://").map_or(site, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if path.ends_with('/') {
        path.to_owned()
    } else {
        format!("{path}/")
    }
}

/// The first tag of the template that opens with `open` and has every one of `has` (as the
/// minifier left it), or nothing.
fn find_tag<'a>(html: &'a str, open: &str, has: &[&str]) -> Option<&'a str> {
    let mut at = 0;
    while let Some(i) = html[at..].find(open) {
        let start = at + i;
        let end = start + html[start..].find('>')? + 1;
        let tag = &html[start..end];
        if has.iter().all(|h| tag.contains(h)) {
            return Some(tag);
        }
        at = end;
    }
    None
}

/// A page in place of one that cannot be shown, in both languages, with a search of the events
/// (a form to the home page's `?q=`, which the app reads) and the main views' pages. No script
/// and no data: it is served at any depth, so its links start from the site's own path
/// (`site_path`), and its policy allows nothing but the stylesheet, the icon and that form.
#[derive(Clone, Copy)]
enum Stand {
    /// `404.html`, which static hosts (GitHub Pages, Netlify, Cloudflare Pages) serve for any
    /// address the site does not have.
    NotFound,
    /// `offline.html`, which the service worker answers offline for an address it has not
    /// saved (a feed, a release file, a mistyped address): the pages it links to open offline.
    Offline,
}

impl Stand {
    fn words(self, s: &Strings) -> (&'static str, &'static str) {
        match self {
            Stand::NotFound => (s.not_found_title, s.not_found_text),
            Stand::Offline => (s.offline_title, s.offline_text),
        }
    }
}

fn stand_in(template: &str, site: &str, stand: Stand) -> String {
    let root = site_path(site);
    let rooted = |tag: &str| rebase(tag, &root);
    let style = find_tag(template, "<link", &["stylesheet"]).map(rooted).unwrap_or_default();
    let icon = find_tag(template, "<link", &["icon", "32"]).map(rooted).unwrap_or_default();
    let no_event = |_: &str| false;
    let part = |lang: Lang| {
        let s = lang.strings();
        let home = static_path(&Query { lang, ..Query::default() }, &no_event).unwrap_or_default();
        let links: String = [View::Timeline, View::Countries, View::Network, View::Changes]
            .into_iter()
            .filter_map(|view| {
                let path = static_path(&Query { lang, view, ..Query::default() }, &no_event)?;
                Some(format!(
                    "<li><a href=\"{}{}\">{}</a></li>",
                    escape_html(&root),
                    escape_html(&path),
                    view.label(lang)
                ))
            })
            .collect();
        let (code, dir) = (lang.code(), lang.dir());
        let (title, text) = stand.words(s);
        format!(
            "<section lang=\"{code}\" dir=\"{dir}\" aria-labelledby=\"nf-{code}\">\
             <h1 id=\"nf-{code}\">{title}</h1><p>{text}</p>\
             <form action=\"{root}{home}\" method=\"get\" role=\"search\" class=\"not-found-search\">\
             <label for=\"q-{code}\">{search}</label>\
             <span><input id=\"q-{code}\" name=\"q\" type=\"search\" maxlength=\"200\" placeholder=\"{hint}\">\
             <button type=\"submit\" class=\"button primary\">{go}</button></span></form>\
             <p>{or}</p><ul>{links}</ul></section>",
            root = escape_html(&root),
            home = escape_html(&home),
            search = s.not_found_search,
            hint = escape_html(s.search_placeholder),
            go = s.search,
            or = s.not_found_or,
        )
    };
    let (ar, en) = (Lang::Ar.strings(), Lang::En.strings());
    format!(
        "<!doctype html><html lang=\"ar\" dir=\"rtl\" data-theme=\"auto\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'; \
         img-src 'self'; form-action 'self'; base-uri 'none'\">\
         <meta name=\"robots\" content=\"noindex\"><meta name=\"color-scheme\" content=\"light dark\">\
         <title>{} · {} · {}</title>{style}{icon}</head>\
         <body class=\"not-found\"><header class=\"not-found-brand\"><a href=\"{}\">{} · {}</a></header>\
         <main>{}{}</main></body></html>\n",
        stand.words(ar).0,
        stand.words(en).0,
        ar.app_name,
        escape_html(&root),
        ar.app_name,
        en.app_name,
        part(Lang::Ar),
        part(Lang::En),
    )
}

/// `sitemap.xml`: every page, with its language alternates.
fn sitemap(paths: &[(String, String, String)], site: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for (path, ar, en) in paths {
        out.push_str(&format!(
            "<url><loc>{site}{path}</loc><xhtml:link rel=\"alternate\" hreflang=\"ar\" href=\"{site}{ar}\"/>\
             <xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"{site}{en}\"/></url>\n",
            path = escape_html(path),
            ar = escape_html(ar),
            en = escape_html(en),
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// Writes every static page into `dir` (index.html becomes the Arabic home page), the sitemap
/// and robots.txt, from the build's dataset (`loaded`, the whole document's). Returns how many
/// pages.
pub fn write(dir: &Path, config: &SiteConfig, loaded: data::Loaded) -> Result<usize, String> {
    let site = config.url.clone();
    let articles = articles(dir, &loaded.dataset);
    let template = pristine(&std::fs::read_to_string(dir.join("index.html")).map_err(|e| format!("index.html: {e}"))?);
    let info = SiteInfo { url: site.clone(), corrections: config.corrections.clone(), today: PartialDate::today() };
    let site_data = Site::new(loaded, articles, changes(dir), info);
    let ds = site_data.dataset();
    let has_page = |id: &str| event_has_page(ds, id);
    let pages: Vec<(Query, String)> =
        states(ds).into_iter().filter_map(|q| static_path(&q, &has_page).map(|path| (q, path))).collect();
    // One page after another on each core: each page is drawn in a reactive root of its own, from
    // the shared (read-only) site. The sitemap keeps the pages' order.
    let draw = |(q, path): &(Query, String)| -> Result<Option<(String, String, String)>, String> {
        let depth = path.matches('/').count();
        let root = if depth == 0 { "./".to_owned() } else { "../".repeat(depth) };
        let body = site_data.body(q, &root);
        let html = document(&template, q, path, &root, &body, ds, config);
        let folder = dir.join(path);
        std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        std::fs::write(folder.join("index.html"), html).map_err(|e| format!("{path}index.html: {e}"))?;
        Ok((!withdrawn(q, ds)).then(|| {
            let (ar, en) = alternates(q, path, ds);
            (path.clone(), ar, en)
        }))
    };
    let listed: Vec<(String, String, String)> = in_parallel(&pages, draw)?.into_iter().flatten().collect();
    std::fs::write(dir.join("sitemap.xml"), sitemap(&listed, &site)).map_err(|e| format!("sitemap.xml: {e}"))?;
    for (file, stand) in [("404.html", Stand::NotFound), ("offline.html", Stand::Offline)] {
        std::fs::write(dir.join(file), stand_in(&template, &site, stand)).map_err(|e| format!("{file}: {e}"))?;
    }
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {site}sitemap.xml\n");
    std::fs::write(dir.join("robots.txt"), robots).map_err(|e| format!("robots.txt: {e}"))?;
    let skipped = ds.events.len().saturating_sub(marsad::page::PRERENDER_EVENTS);
    println!(
        "marsad-dist: {} static pages for {site} ({} events; {skipped} older events without a page)",
        listed.len(),
        ds.events.len()
    );
    Ok(listed.len())
}

/// `f` of each item, on as many threads as the machine has cores, in the items' order. The first
/// error stops every thread at its next item and is returned.
fn in_parallel<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> Result<R, String> + Sync) -> Result<Vec<R>, String> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, items.len().max(1));
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let work = || -> Result<Vec<(usize, R)>, String> {
        let mut done = Vec::new();
        while !failed.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            match f(item) {
                Ok(r) => done.push((i, r)),
                Err(e) => {
                    failed.store(true, Ordering::Relaxed);
                    return Err(e);
                }
            }
        }
        Ok(done)
    };
    let parts: Vec<Result<Vec<(usize, R)>, String>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| Err("a page's drawing panicked".to_owned()))).collect()
    });
    let mut all = Vec::with_capacity(items.len());
    for part in parts {
        all.extend(part?);
    }
    all.sort_by_key(|(i, _)| *i);
    Ok(all.into_iter().map(|(_, r)| r).collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn descriptions_are_cut_between_words() {
        assert_eq!(super::clip("short", 300), "short");
        assert_eq!(super::clip("one two three four", 12), "one two…");
        assert_eq!(super::clip("كلمة أولى، كلمة ثانية", 14), "كلمة أولى…");
        assert_eq!(super::clip(&"x".repeat(20), 10), format!("{}…", "x".repeat(9)));
    }

    #[test]
    fn the_404_page_links_from_the_site_path() {
        assert_eq!(super::site_path("https://example.org/marsad/"), "/marsad/");
        assert_eq!(super::site_path("https://example.org/marsad"), "/marsad/");
        assert_eq!(super::site_path("https://example.org"), "/");
        assert_eq!(super::site_path("http://127.0.0.1:8080/?x=1"), "/");
        let template = "<html><head><link href=./style-ab.css integrity=sha384-x rel=stylesheet>\
                        <link href=./icon-32.png rel=icon sizes=32x32><script src=./boot.js></script></head></html>";
        let page = super::stand_in(template, "https://example.org/m/", super::Stand::NotFound);
        assert!(page.contains("<link href=/m/style-ab.css integrity=sha384-x rel=stylesheet>"), "{page}");
        assert!(page.contains("<link href=/m/icon-32.png rel=icon sizes=32x32>"));
        assert!(!page.contains("<script"), "no script on the 404 page");
        assert!(page.contains("action=\"/m/en/\"") && page.contains("action=\"/m/\""));
        assert!(page.contains("href=\"/m/en/countries/\"") && page.contains("href=\"/m/changes/\""));
        assert!(page.contains("<section lang=\"en\" dir=\"ltr\"") && page.contains("<section lang=\"ar\" dir=\"rtl\""));
        let offline = super::stand_in(template, "https://example.org/m/", super::Stand::Offline);
        assert!(offline.contains("<h1 id=\"nf-en\">You are offline</h1>") && !offline.contains("Page not found"));
        assert!(offline.contains("href=\"/m/en/countries/\"") && !offline.contains("<script"));
    }

    #[test]
    fn pages_drawn_in_parallel_keep_their_order_and_stop_at_an_error() {
        let items: Vec<u32> = (0..500).collect();
        let squares = super::in_parallel(&items, |&i| Ok(i * i)).unwrap();
        assert_eq!(squares, items.iter().map(|i| i * i).collect::<Vec<_>>());
        let drawn = std::sync::atomic::AtomicUsize::new(0);
        let failed = super::in_parallel(&items, |&i| {
            drawn.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if i == 20 {
                Err(format!("page {i}"))
            } else {
                Ok(i)
            }
        });
        assert_eq!(failed, Err("page 20".to_owned()));
        // Each thread stops at its next page: far fewer than 500 are drawn.
        assert!(drawn.into_inner() < 100);
        assert_eq!(super::in_parallel(&[] as &[u32], |&i| Ok(i)).unwrap(), Vec::<u32>::new());
    }
}
