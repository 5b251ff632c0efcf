//! The site's configuration, `public/site.json` (copied to the build's root as `site.json`):
//! its public address, which feeds, sitemaps, share tags and citations need absolute, and where
//! readers report a correction. The build reads it (`marsad-dist`), writes the correction target
//! into every page (`<meta name="marsad-corrections">`), and the app reads it from there.
//!
//! ```json
//! { "url": "https://example.org/marsad/", "corrections": "mailto:corrections@example.org" }
//! ```
//!
//! `corrections` is a `mailto:` address or an `https:` (or `http:`) form address, in which
//! `{id}`, `{url}` and `{title}` are replaced by the event's id, page address and title
//! (percent-encoded). Empty, or absent: no "Report a correction" link anywhere (never a dead
//! link). This module never touches `web_sys`.

use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use serde::Deserialize;

/// Where `.ci/serve` serves a build: the address used when `site.json` gives none.
pub const LOCAL_URL: &str = "http://127.0.0.1:8080/";

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's public address, ending in `/`.
    #[serde(default)]
    pub url: String,
    /// The correction target (see the module's documentation); empty for none.
    #[serde(default)]
    pub corrections: String,
}

impl SiteConfig {
    /// Reads and checks `site.json`: an address that is not absolute `http(s)`, or a correction
    /// target of another kind (`javascript:`…), is refused with the reason.
    pub fn parse(json: &str) -> Result<SiteConfig, String> {
        let mut c: SiteConfig = serde_json::from_str(json).map_err(|e| format!("site.json: {e}"))?;
        c.url = c.url.trim().to_owned();
        if c.url.is_empty() {
            c.url = LOCAL_URL.to_owned();
        }
        if !is_site_address(&c.url) {
            return Err(format!("site.json: url {:?} is not an absolute http(s) address", c.url));
        }
        if !c.url.ends_with('/') {
            c.url.push('/');
        }
        c.corrections = c.corrections.trim().to_owned();
        if !c.corrections.is_empty() && !is_correction_target(&c.corrections) {
            return Err(format!(
                "site.json: corrections {:?} must be a mailto: address or an http(s) form address",
                c.corrections
            ));
        }
        Ok(c)
    }
}

/// An absolute http(s) address with a host; `extra` are characters refused besides whitespace,
/// controls, quotes and angle brackets.
fn is_web_address(url: &str, extra: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let plain = |c: char| !c.is_whitespace() && !c.is_control() && !"\"'<>`\\".contains(c) && !extra.contains(c);
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/') && r.chars().all(plain))
}

/// The site's address is written into pages, the sitemap and feeds as it is: nothing in it may
/// need escaping there (no query string either).
fn is_site_address(url: &str) -> bool {
    is_web_address(url, "&?#")
}

/// Whether `target` may be a correction link: `mailto:` with an address, or a web address.
pub fn is_correction_target(target: &str) -> bool {
    match target.strip_prefix("mailto:") {
        Some(addr) => addr.contains('@') && !addr.chars().any(|c| c.is_whitespace() || c == '"'),
        None => is_web_address(target, ""),
    }
}

fn enc(s: &str) -> String {
    utf8_percent_encode(s, NON_ALPHANUMERIC).to_string()
}

/// The "Report a correction" link of an event, or `None` when no target is configured (or the
/// target is not one [`is_correction_target`] accepts: a page edited by hand never gets a
/// `javascript:` link). A `mailto:` target without a query gets a subject naming the event and
/// a body with its address; a form address gets its `{id}`, `{url}` and `{title}` filled in.
pub fn corrections_href(target: &str, id: &str, url: &str, title: &str) -> Option<String> {
    let target = target.trim();
    if target.is_empty() || !is_correction_target(target) {
        return None;
    }
    if target.starts_with("mailto:") {
        if target.contains('?') {
            return Some(target.to_owned());
        }
        let subject = format!("Marsad correction: {id}");
        let body = format!("{title}\n{url}\n\n");
        return Some(format!("{target}?subject={}&body={}", enc(&subject), enc(&body)));
    }
    Some(target.replace("{id}", &enc(id)).replace("{url}", &enc(url)).replace("{title}", &enc(title)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_address_and_the_target() {
        let c = SiteConfig::parse(r#"{"url": "https://example.org/marsad", "corrections": ""}"#).unwrap();
        assert_eq!(c.url, "https://example.org/marsad/");
        assert_eq!(SiteConfig::parse("{}").unwrap().url, LOCAL_URL);
        assert!(SiteConfig::parse(r#"{"url": "/marsad/"}"#).unwrap_err().contains("not an absolute"));
        for bad in ["https://x.org/a\"b/", "https://x.org/<b>/", "https://x.org/?a&b", "https://x.org/a b/", "https://"]
        {
            let json = serde_json::json!({ "url": bad }).to_string();
            assert!(SiteConfig::parse(&json).unwrap_err().contains("not an absolute"), "{bad}");
        }
        let bad = SiteConfig::parse(r#"{"corrections": "javascript:alert(1)"}"#).unwrap_err();
        assert!(bad.contains("must be a mailto:"), "{bad}");
        assert!(SiteConfig::parse(r#"{"feeds": true}"#).unwrap_err().contains("unknown field"));
    }

    #[test]
    fn a_mail_target_names_the_event() {
        let href = corrections_href("mailto:fix@example.org", "a-b", "https://x.org/event/a-b/", "Title & more");
        assert_eq!(
            href.unwrap(),
            "mailto:fix@example.org?subject=Marsad%20correction%3A%20a%2Db\
             &body=Title%20%26%20more%0Ahttps%3A%2F%2Fx%2Eorg%2Fevent%2Fa%2Db%2F%0A%0A"
        );
        // A target that already says what to write is used as it is.
        let own = corrections_href("mailto:fix@example.org?subject=Marsad", "a", "u", "t").unwrap();
        assert_eq!(own, "mailto:fix@example.org?subject=Marsad");
    }

    #[test]
    fn a_form_target_gets_its_fields_filled_in() {
        let href =
            corrections_href("https://forms.example/c?event={id}&page={url}", "x-1", "https://s/?event=x-1", "t");
        assert_eq!(href.unwrap(), "https://forms.example/c?event=x%2D1&page=https%3A%2F%2Fs%2F%3Fevent%3Dx%2D1");
    }

    #[test]
    fn no_target_or_a_bad_one_is_no_link() {
        assert_eq!(corrections_href("", "a", "u", "t"), None);
        assert_eq!(corrections_href("  ", "a", "u", "t"), None);
        assert_eq!(corrections_href("javascript:alert(1)", "a", "u", "t"), None);
        assert_eq!(corrections_href("mailto:nobody", "a", "u", "t"), None);
    }
}
