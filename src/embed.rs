//! Embeds for news pages: the widget's own state, and the two snippets a newsroom pastes
//! (the loader form, which auto-sizes, and a plain fixed-height iframe). Pure functions, tested
//! natively; `public/embed.js` is the loader and `ui::embed` the widget side.

use crate::export::escape_html;
use crate::query::{Query, Reading};
use crate::vocab::{Lang, Theme, View, Widget};

/// What an embed iframe may do: run its script, read its own data (same origin), and open the
/// full explorer in a new tab. `public/embed.js` uses the same string (checked by a test).
pub const SANDBOX: &str = "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox";

/// The message a widget posts to its parent with its content height.
pub const HEIGHT_MESSAGE_TYPE: &str = "marsad:height";
pub const HEIGHT_MESSAGE_VERSION: u32 = 1;

/// AMP's resize request (`<amp-iframe resizable>` grows to fit): `{sentinel, type, height}`.
pub const AMP_SENTINEL: &str = "amp";
pub const AMP_EMBED_SIZE: &str = "embed-size";

/// Pym.js's height message for the child `child_id` (the id a Pym parent puts in the frame's
/// URL as `childId`): `pymxPYMx<id>xPYMxheightxPYMx<px>`.
pub fn pym_height_message(child_id: &str, height: u32) -> String {
    format!("pymxPYMx{child_id}xPYMxheightxPYMx{height}")
}

/// What the embed dialog sets on top of the view: the widget, its language and reading options,
/// its theme and display options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub widget: Widget,
    pub lang: Lang,
    pub reading: Reading,
    pub theme: Theme,
    /// No chrome but a small credit link (`plain=1`).
    pub plain: bool,
    /// The host page's background (`transparent=1`).
    pub transparent: bool,
}

impl Options {
    /// The options that show `q` as a widget: the widget that fits the view, in its language,
    /// read as it is read.
    pub fn of(q: &Query) -> Options {
        Options { widget: crate::page::Page::widget(q), lang: q.lang, reading: q.reading, ..Options::default() }
    }
}

/// The embed's own state: the view's filters with the dialog's options set.
pub fn widget_query(q: &Query, o: &Options) -> Query {
    Query {
        embed: Some(o.widget),
        unread: Vec::new(),
        lang: o.lang,
        reading: o.reading,
        theme: o.theme,
        plain: o.plain,
        transparent: o.transparent,
        view: if o.widget == Widget::Network { View::Network } else { View::Timeline },
        // An event widget shows one event; any other widget shows a list, not an event.
        event: if o.widget == Widget::Event { q.event.clone() } else { None },
        compare: if o.widget == Widget::Compare { q.compare.clone() } else { Vec::new() },
        ..q.clone()
    }
}

/// The full explorer's state for an embed: the same view without the embed settings (the
/// language and reading options kept).
pub fn explorer_query(q: &Query) -> Query {
    Query {
        embed: None,
        unread: Vec::new(),
        theme: Theme::Auto,
        filters: false,
        plain: false,
        transparent: false,
        child_id: None,
        ..q.clone()
    }
}

/// Whether a link from the widget state `now` to `to` stays inside the widget: it keeps the
/// widget's subject (its filters; an event widget's event). Any other link opens the full
/// explorer in a new tab: nothing inside an embed leaves what the newsroom chose to show.
pub fn stays_inside(now: &Query, to: &Query) -> bool {
    let Some(w) = now.embed else { return true };
    to.embed == Some(w) && to.filters_only() == now.filters_only() && (w != Widget::Event || to.event == now.event)
}

/// `<div data-marsad-embed>` plus the loader script; `base` is the explorer's URL up to and
/// including its last `/` (e.g. `https://example.org/marsad/`).
/// `height` is the widget's height as the preview measured it: the loader sizes the frame to it
/// before the widget has drawn, so the host page does not jump when it does.
/// `title` names the frame for a screen reader (`embed.js` gives it to the iframe): a page with
/// two widgets would otherwise have two frames of one name.
pub fn loader_snippet(base: &str, q: &Query, title: &str, height: Option<u32>) -> String {
    // The height holds the widget's place before `embed.js` runs (the host page does not jump);
    // the script then gives it to the iframe.
    let height = height.map(|h| format!(" data-marsad-height=\"{h}\" style=\"min-height:{h}px\"")).unwrap_or_default();
    format!(
        "<div data-marsad-embed=\"{}\" data-marsad-title=\"{}\"{height}></div>\n<script src=\"{}embed.js\" async></script>",
        escape_html(&q.to_query_string()),
        escape_html(title),
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
        let o = Options { widget: Widget::Timeline, lang: Lang::En, theme: Theme::Dark, ..Options::default() };
        let q = widget_query(&Query::parse("country=CN&q=<b>\"x\""), &o);
        let loader = loader_snippet("https://example.org/m/", &q, "Marsad: <China>", None);
        assert!(loader_snippet("https://example.org/m/", &q, "t", Some(612))
            .contains("theme=dark\" data-marsad-title=\"t\" data-marsad-height=\"612\" style=\"min-height:612px\">"));
        assert!(loader.starts_with("<div data-marsad-embed=\"lang=en&amp;embed=timeline&amp;country=CN&amp;q=%3Cb%3E%22x%22&amp;theme=dark\" data-marsad-title=\"Marsad: &lt;China&gt;\">"), "{loader}");
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
    fn options_make_the_widget_and_the_explorer_drops_them() {
        let view = Query::parse("lang=en&country=CN&event=a-b&digits=arab&cal=islamic&childId=x");
        let o = Options { plain: true, transparent: true, ..Options::of(&view) };
        assert_eq!(o.widget, Widget::Event);
        let w = widget_query(&view, &o);
        assert_eq!(
            w.to_query_string(),
            "lang=en&embed=event&country=CN&event=a-b&digits=arab&cal=islamic&plain=1&transparent=1&childId=x"
        );
        let list = widget_query(&view, &Options { widget: Widget::Timeline, ..o });
        assert_eq!(list.event, None, "a list widget does not open on an event");
        assert_eq!(explorer_query(&w).to_query_string(), "lang=en&country=CN&event=a-b&digits=arab&cal=islamic");
    }

    #[test]
    fn links_that_change_the_subject_leave_the_widget() {
        let q = |s: &str| Query::parse(s);
        let country = q("embed=country&country=CN");
        assert!(stays_inside(&country, &q("embed=country&country=CN&event=a-b")), "an event of the country");
        assert!(!stays_inside(&country, &q("embed=country&pair=CN-US")), "a partner's pair view");
        assert!(!stays_inside(&country, &q("country=CN")), "the explorer");
        let event = q("embed=event&event=a-b");
        assert!(!stays_inside(&event, &q("embed=event")), "back to a list");
        assert!(!stays_inside(&event, &q("embed=event&event=c-d")), "another event");
        let list = q("embed=timeline&type=pledge");
        assert!(stays_inside(&list, &q("embed=timeline&type=pledge&event=a-b")));
        assert!(stays_inside(&list, &q("embed=timeline&type=pledge")));
        assert!(!stays_inside(&list, &q("embed=timeline&type=pledge&country=GB")));
        assert!(stays_inside(&q("country=CN"), &q("country=GB")), "the explorer goes anywhere");
    }

    #[test]
    fn height_messages_for_pym_and_amp() {
        assert_eq!(pym_height_message("graphic-1", 612), "pymxPYMxgraphic-1xPYMxheightxPYMx612");
        assert_eq!((AMP_SENTINEL, AMP_EMBED_SIZE), ("amp", "embed-size"));
    }

    #[test]
    fn the_loader_uses_the_same_sandbox_and_message() {
        let js = include_str!("../public/embed.js");
        assert!(js.contains(&format!("'{SANDBOX}'")), "embed.js sandbox differs");
        assert!(js.contains(&format!("'{HEIGHT_MESSAGE_TYPE}'")));
        assert!(js.contains(&format!("VERSION = {HEIGHT_MESSAGE_VERSION}")));
    }
}
