//! Who engages whom (`view=network`): the states as nodes and the pairs as lines under the
//! active filters (`crate::network` lays them out), and the table of every pair beside it, for
//! screen readers and for readers who would rather read than look. Every node and line is a
//! link: a state opens its card, a line the pair's view.

use std::sync::Arc;

use leptos::prelude::*;

use super::controls::labelled_select;
use super::downloads::download;
use super::link::{Link, SvgLink};
use super::share::CopyLink;
use super::{url, Ctx, Nav, Snapshot};
use crate::data::{CountryIx, Tone};
use crate::export;
use crate::i18n::{number, Fmt, Lang, EVENTS, PAIRS};
use crate::network::{order, pairs, picture, state_events, PairStat, Picture, PHONE_WIDTH};
use crate::num::{dec, Dec};
use crate::query::Query;
use crate::vocab::{Balance, PairOrder, PairsShown, View};

/// Rows of the table before "show every pair".
const TABLE_ROWS: usize = 50;

fn to_pair(d: &Snapshot, p: &PairStat) -> impl Fn(&mut Query) + Clone + Send + Sync + 'static {
    let (a, b) = (d.ds.country(p.a).code.clone(), d.ds.country(p.b).code.clone());
    move |q: &mut Query| {
        q.pair = Some((a.clone(), b.clone()));
        q.view = View::Timeline;
        q.event = None;
    }
}

/// A state's card (on top of its events), the filters kept.
fn to_card(code: String) -> impl Fn(&mut Query) + Clone + Send + Sync + 'static {
    move |q: &mut Query| {
        q.countries = vec![code.clone()];
        q.pair = None;
        q.view = View::Timeline;
        q.event = None;
    }
}

/// "China ⇄ United States: 5 events; Cooperative 2, Conflictual 3; initiated by China 3" (in
/// Arabic the clauses apart by «؛»).
fn pair_label(d: &Snapshot, f: Fmt, p: &PairStat) -> String {
    let (lang, s) = (f.lang, f.strings());
    let tones: Vec<String> = Tone::ALL
        .iter()
        .filter(|&&t| p.tone(t) > 0)
        .map(|&t| format!("{} {}", t.label(lang), number(f, p.tone(t))))
        .collect();
    let mut out = format!(
        "{} ⇄ {}: {}{}{}",
        d.country_name(lang, p.a),
        d.country_name(lang, p.b),
        EVENTS.count(f, p.events),
        lang.clause_sep(),
        tones.join(lang.list_sep())
    );
    let by: Vec<String> = [p.a, p.b]
        .iter()
        .zip(p.initiated)
        .filter(|(_, n)| *n > 0)
        .map(|(&c, n)| format!("{} {}", d.country_name(lang, c), number(f, n)))
        .collect();
    if !by.is_empty() {
        out.push_str(&format!("{}{} {}", lang.clause_sep(), s.net_initiated, by.join(lang.list_sep())));
    }
    out
}

/// "The network draws 50 pairs with the most events, of 1,234. States in it: 87."
fn summary(f: Fmt, drawn: usize, total: usize, states: usize) -> String {
    let s = f.strings();
    let head = if drawn == total {
        format!("{} {}", s.net_summary_all, PAIRS.count(f, total))
    } else {
        format!("{} {} {} {}", s.net_summary_some, PAIRS.count(f, drawn), s.net_summary_of, number(f, total))
    };
    format!("{head}. {}: {}.", s.net_states, number(f, states))
}

/// Which of the figure's pictures an `svg` is: the only one, or, where a phone has a picture of
/// its own (few states, their labels stacked: `Picture::stacked`), the wide screen's or the
/// phone's (the style shows one of the two, and its own arrowhead keeps the ids apart).
#[derive(Clone, Copy, PartialEq)]
enum Width {
    Any,
    Wide,
    Phone,
}

fn svg(d: &Snapshot, f: Fmt, ps: &[PairStat], pic: &Picture, width: Width) -> AnyView {
    let lang = f.lang;
    let (class, arrow) = match width {
        Width::Any => ("network-svg", "net-arrow"),
        Width::Wide => ("network-svg net-wide", "net-arrow"),
        Width::Phone => ("network-svg net-phone", "net-arrow-phone"),
    };
    let edge = |e: &crate::network::Edge| {
        let p = &ps[e.pair];
        let class = format!("net-edge bal-{}", p.balance().id());
        let marker = e.directed.then(|| format!("url(#{arrow})"));
        let (path, width) = (e.path.clone(), dec(e.width, 1));
        view! {
            <SvgLink to=to_pair(d, p) class="net-link" label=pair_label(d, f, p)>
                <path class="net-hit" d=path.clone() />
                <path class=class d=path stroke-width=width marker-end=marker />
            </SvgLink>
        }
    };
    let node = |n: &crate::network::Node| {
        let code = d.ds.country(n.country).code.clone();
        let who = d.country_name(lang, n.country);
        let to = to_card(code);
        let label = format!("{who}: {}", EVENTS.count(f, n.events));
        let anchor = n.label_anchor;
        let [x, y, lx, ly] = [n.x, n.y, n.label_x, n.label_y].map(|v| dec(v, 1));
        let rotate = format!("rotate({} {lx} {ly})", Dec(n.label_rotate, 1));
        let (r, hit) = (dec(n.r, 1), dec(n.r.max(12.0), 1));
        view! {
            <SvgLink to class="net-node" label>
                <circle class="hit" cx=x.clone() cy=y.clone() r=hit />
                <circle class="net-dot" cx=x cy=y r=r />
                <text x=lx y=ly transform=rotate text-anchor=anchor direction="ltr" dominant-baseline="central">
                    {who.clone()}
                </text>
            </SvgLink>
        }
    };
    let (size, top, height) = (dec(pic.size, 1), dec(pic.top, 1), dec(pic.height, 1));
    view! {
        <svg class=class viewBox=format!("0 {top} {size} {height}") width=size.clone() role="group"
            aria-labelledby="network-heading">
            <defs>
                <marker id=arrow viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse"
                    markerWidth="12" markerHeight="12" orient="auto">
                    <path class="net-arrowhead" d="M0 0L10 5L0 10z" />
                </marker>
            </defs>
            <g class="net-edges">{pic.edges.iter().map(edge).collect_view()}</g>
            <g class="net-nodes">{pic.nodes.iter().map(node).collect_view()}</g>
        </svg>
    }
    .into_any()
}

/// The states of the picture as a list of links to their cards, the most events first: the same
/// links as the circles, at full target size (the circles are smaller than 24 px where the
/// picture is scaled down, which WCAG 2.5.8 allows with an equivalent control on the page).
fn state_list(d: &Snapshot, f: Fmt, pic: &Picture) -> impl IntoView {
    let nodes: Vec<&crate::network::Node> = pic.nodes.iter().collect();
    let nodes = crate::sort::by(nodes, &|a, b| b.events.cmp(&a.events));
    let item = |n: &&crate::network::Node| {
        let code = d.ds.country(n.country).code.clone();
        let to = to_card(code);
        let who = d.country_name(f.lang, n.country);
        view! { <li><Link to><bdi>{who}</bdi></Link> " " <span class="count">{number(f, n.events)}</span></li> }
    };
    let s = f.strings();
    view! {
        <details class="net-states">
            <summary>{format!("{}: {}", s.net_states_list, number(f, pic.nodes.len()))}</summary>
            <ul>{nodes.iter().map(item).collect_view()}</ul>
        </details>
    }
}

fn legend(f: Fmt) -> impl IntoView {
    let s = f.strings();
    let swatch = |&b: &Balance| {
        view! {
            <li>
                <svg width="28" height="12" aria-hidden="true">
                    <path class=format!("net-edge bal-{}", b.id()) d="M2 6H26" stroke-width="4" />
                </svg>
                {b.label(f.lang)}
            </li>
        }
    };
    view! {
        <section class="net-legend" aria-labelledby="net-legend-heading">
            <h3 id="net-legend-heading">{s.net_legend}</h3>
            <ul>{Balance::ALL.iter().map(swatch).collect_view()}</ul>
            <ul><li>{s.net_width}</li><li>{s.net_size}</li><li>{s.net_arrow}</li></ul>
            <p class="help">{s.net_keys}</p>
        </section>
    }
}

/// The table of every pair, sortable by events, cooperative and conflictual, and its CSV.
#[component]
fn PairTable(d: Arc<Snapshot>, ps: Arc<Vec<PairStat>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let (sort, all) = (RwSignal::new(PairOrder::Events), RwSignal::new(false));
    let csv = {
        let (d, ps) = (d.clone(), ps.clone());
        move |_| {
            let (lang, stem) = ctx.query.with_untracked(|q| (q.lang, export::file_stem(q)));
            download(
                &format!("{stem}-pairs.csv"),
                "text/csv;charset=utf-8",
                &export::pairs_csv(&d.ds, &ps, lang, &url::base()),
            );
        }
    };
    move || {
        let f = ctx.fmt();
        let (lang, s) = (f.lang, f.strings());
        let rows = order(&ps, sort.get());
        let shown = if all.get() { rows.len() } else { TABLE_ROWS.min(rows.len()) };
        let head = |o: Option<PairOrder>, label: &'static str| match o {
            None => view! { <th scope="col">{label}</th> }.into_any(),
            Some(o) => {
                let aria = move || (sort.get() == o).then_some("descending");
                let name = format!("{}: {}", label, o.label(lang));
                view! {
                    <th scope="col" aria-sort=aria>
                        <button type="button" class="sort" aria-label=name on:click=move |_| sort.set(o)>
                            {label}
                        </button>
                    </th>
                }
                .into_any()
            }
        };
        let row = |&i: &u32| {
            let p = &ps[i as usize];
            // The arrow kept with the first name where the cell wraps ("الصين ⇄" over "روسيا").
            let label = format!("{}\u{a0}⇄ {}", d.country_name(lang, p.a), d.country_name(lang, p.b));
            let tone = |t: Tone| view! { <td>{number(f, p.tone(t))}</td> };
            view! {
                <tr class=format!("bal-{}", p.balance().id())>
                    <th scope="row"><Link to=to_pair(&d, p)><bdi>{label}</bdi></Link></th>
                    <td>{number(f, p.events)}</td>
                    {tone(Tone::Cooperative)}{tone(Tone::Neutral)}{tone(Tone::Conflictual)}
                    <td>{p.balance().label(lang)}</td>
                </tr>
            }
        };
        let more = (shown < rows.len()).then(|| {
            let label = format!("{} {}", s.net_show_all, number(f, rows.len()));
            view! { <button type="button" class="button" on:click=move |_| all.set(true)>{label}</button> }
        });
        view! {
            <section class="pair-table" id="pair-table" aria-labelledby="pair-table-heading" tabindex="-1">
                <h3 id="pair-table-heading">{s.net_table}</h3>
                <div class="table-scroll" role="region" tabindex="0" aria-labelledby="pair-table-heading">
                    <table>
                        <thead><tr>
                            {head(None, s.pair)}
                            {head(Some(PairOrder::Events), s.events)}
                            {head(Some(PairOrder::Cooperative), Tone::Cooperative.label(lang))}
                            {head(None, Tone::Neutral.label(lang))}
                            {head(Some(PairOrder::Conflictual), Tone::Conflictual.label(lang))}
                            {head(None, s.net_balance)}
                        </tr></thead>
                        <tbody>{rows[..shown].iter().map(row).collect_view()}</tbody>
                    </table>
                </div>
                {more}
                <p>
                    <button type="button" class="button" data-download="pairs" on:click=csv.clone()>
                        {s.download_pairs}
                    </button>
                </p>
            </section>
        }
    }
}

/// On a phone the picture is wider than the screen: start with its centre in view (in either
/// direction: in right-to-left, scrolling left is negative).
fn centre(figure: NodeRef<leptos::html::Div>) {
    Effect::new(move || {
        if let Some(el) = figure.get() {
            request_animation_frame(move || {
                let spare = el.scroll_width() - el.client_width();
                if spare > 0 {
                    let rtl =
                        document().document_element().is_some_and(|h| h.get_attribute("dir").as_deref() == Some("rtl"));
                    el.set_scroll_left(if rtl { -spare / 2 } else { spare / 2 });
                }
            });
        }
    });
}

fn pairs_label(n: PairsShown, f: Fmt) -> String {
    number(f, n.n())
}

#[component]
pub fn NetworkView() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let top = Memo::new(move |_| ctx.query.with(|q| q.pairs));
    // The view is drawn again for the new number: focus goes back to the select.
    let choose = move |n: PairsShown| {
        ctx.navigate(|q| q.pairs = n, Nav::Replace);
        super::explorer::focus_when_drawn("#network-pairs".into(), None, 2);
    };
    move || {
        let (f, d) = (ctx.fmt(), ctx.data.get());
        let s = f.strings();
        let (ps, events_of) = ctx.filtered.with(|fl| (pairs(&d.ds, &fl.events), state_events(&d.ds, &fl.events)));
        let chars = |c: CountryIx| d.country_name(f.lang, c).chars().count();
        let figure = NodeRef::<leptos::html::Div>::new();
        centre(figure);
        let draw = |fit| picture(&ps, top.get().n(), |c| events_of[c as usize], chars, f.lang == Lang::Ar, fit);
        let (pic, phone) = (draw(f64::INFINITY), draw(PHONE_WIDTH));
        let body = if ps.is_empty() {
            view! { <p class="help">{s.net_empty}</p> }.into_any()
        } else {
            let ps = Arc::new(ps);
            view! {
                <p class="network-summary">{summary(f, pic.edges.len(), ps.len(), pic.nodes.len())}</p>
                <div class="network-controls">
                    <label for="network-pairs">{s.net_pairs_shown}</label>
                    {labelled_select("network-pairs", move || top.get(), choose, pairs_label)}
                    <a class="button" href="#pair-table">{s.net_skip}</a>
                </div>
                <div class="network-figure" node_ref=figure>
                    {svg(&d, f, &ps, &pic, if phone.stacked { Width::Wide } else { Width::Any })}
                    {phone.stacked.then(|| svg(&d, f, &ps, &phone, Width::Phone))}
                </div>
                {legend(f)}
                {state_list(&d, f, &pic)}
                <PairTable d=d.clone() ps />
            }
            .into_any()
        };
        view! {
            <section class="card network" aria-labelledby="network-heading">
                <header class="view-head">
                    <h2 id="network-heading">{View::Network.label(f.lang)}</h2>
                    <CopyLink />
                </header>
                {body}
            </section>
        }
    }
}

super::split::split_view!(
    /// The network, from its own wasm module.
    NETWORK, network, load_network, network_body, NetworkView
);
