//! Embeds for news pages: the widget's own state, and the two snippets a newsroom pastes
//! (the loader form, which auto-sizes, and a plain fixed-height iframe). Pure functions, tested
//! natively; `public/embed.js` is the loader and `ui::embed` the widget side.

use crate::export::escape_html;
use crate::query::Query;
use crate::vocab::{Theme, View, Widget};

/// What an embed iframe may do: run its script, read its own data (same origin), and open the
/// full explorer in a new tab. `public/embed.js` uses the same string (checked by a test).
pub const SANDBOX: &str = "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox";

/// The message a widget posts to its parent with its content height.
pub const HEIGHT_MESSAGE_TYPE: &str = "marsad:height";
pub const HEIGHT_MESSAGE_VERSION: u32 = 1;

/// The embed's own state: the view's filters with the widget and theme set.
pub fn widget_query(q: &Query, widget: Widget, theme: Theme) -> Query {
    Query { embed: Some(widget), theme, view: View::Timeline, ..q.clone() }
}

/// The full explorer's state for an embed: the same view without the embed settings.
pub fn explorer_query(q: &Query) -> Query {
    Query { embed: None, theme: Theme::Auto, filters: false, ..q.clone() }
}

/// `<div data-marsad-embed>` plus the loader script; `base` is the explorer's URL up to and
/// including its last `/` (e.g. `https://example.org/marsad/`).
/// `height` is the widget's height as the preview measured it: the loader sizes the frame to it
/// before the widget has drawn, so the host page does not jump when it does.
pub fn loader_snippet(base: &str, q: &Query, height: Option<u32>) -> String {
    // The height holds the widget's place before `embed.js` runs (the host page does not jump);
    // the script then gives it to the iframe.
    let height = height.map(|h| format!(" data-marsad-height=\"{h}\" style=\"min-height:{h}px\"")).unwrap_or_default();
    format!(
        "<div data-marsad-embed=\"{}\"{height}></div>\n<script src=\"{}embed.js\" async></script>",
        escape_html(&q.to_query_string()),
        escape_html(base)
    )
}

/// A plain iframe: works without the script, at a fixed height.
pub fn iframe_snippet(base: &str, q: &Query, title: &str, height: u32) -> String {
    format!(
        "<iframe src=\"{}?{}\" title=\"{}\" width=\"100%\" height=\"{height}\" loading=\"lazy\" sandbox=\"{SANDBOX}\" style=\"border:0\"></iframe>",
        escape_html(base),
        escape_html(&q.to_query_string()),
        escape_html(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_carry_the_state_escaped() {
        let q = widget_query(&Query::parse("lang=en&country=CN&q=<b>\"x\""), Widget::Timeline, Theme::Dark);
        let loader = loader_snippet("https://example.org/m/", &q, None);
        assert!(loader_snippet("https://example.org/m/", &q, Some(612))
            .contains("theme=dark\" data-marsad-height=\"612\" style=\"min-height:612px\">"));
        assert!(loader.starts_with("<div data-marsad-embed=\"lang=en&amp;embed=timeline&amp;country=CN&amp;q=%3Cb%3E%22x%22&amp;theme=dark\">"), "{loader}");
        assert!(loader.contains("src=\"https://example.org/m/embed.js\""));
        let frame = iframe_snippet("https://example.org/m/", &q, "Marsad \"t\"", 480);
        assert!(frame.contains("title=\"Marsad &quot;t&quot;\""));
        assert!(frame.contains(SANDBOX));
        assert_eq!(
            Query::parse(&explorer_query(&q).to_query_string()),
            Query::parse("lang=en&country=CN&q=%3Cb%3E%22x%22")
        );
    }

    #[test]
    fn the_loader_uses_the_same_sandbox_and_message() {
        let js = include_str!("../public/embed.js");
        assert!(js.contains(&format!("'{SANDBOX}'")), "embed.js sandbox differs");
        assert!(js.contains(&format!("'{HEIGHT_MESSAGE_TYPE}'")));
        assert!(js.contains(&format!("VERSION = {HEIGHT_MESSAGE_VERSION}")));
    }
}
