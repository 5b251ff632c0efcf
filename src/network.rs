//! Who engages whom: every pair of states that share events (the network's edges and its table),
//! and a deterministic picture of the strongest pairs. This module never touches `web_sys`.
//!
//! The picture is a circle: the states of the drawn pairs around it, each next to the states it
//! shares most events with (a greedy order from the strongest state), the pairs as curves bowed
//! towards the centre. It scales to any number of states by drawing only the `top` pairs with the
//! most shared events (the reader picks 50, 100 or 200; the table lists all of them), so 150
//! states never make a hairball: the states of weaker pairs are left out of the picture, not
//! piled into it. Same data, same picture: no randomness, no simulation, and the geometry is
//! rounded to a tenth of a unit so the static page and the app draw the same numbers.

use crate::data::{CountryIx, Dataset, EventIx, Tone};
use crate::num::{atan2, sin_cos, Dec};
use crate::vocab::{Balance, PairOrder};

/// One pair of states and the events they share.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairStat {
    /// `a < b`.
    pub a: CountryIx,
    pub b: CountryIx,
    pub events: usize,
    /// Counts indexed like `Tone::ALL`.
    pub tones: [usize; Tone::COUNT],
    /// How many of them `a`, then `b`, initiated (the event's `initiator`).
    pub initiated: [usize; 2],
}

impl PairStat {
    pub fn tone(&self, t: Tone) -> usize {
        self.tones[t.index()]
    }

    /// Cooperative against conflictual, as a share of all the pair's events: a third either way
    /// decides.
    pub fn balance(&self) -> Balance {
        let (coop, conflict) = (self.tone(Tone::Cooperative) as i64, self.tone(Tone::Conflictual) as i64);
        let margin = 3 * (coop - conflict);
        if margin >= self.events as i64 {
            Balance::Cooperative
        } else if -margin >= self.events as i64 {
            Balance::Conflictual
        } else {
            Balance::Mixed
        }
    }

    /// The state that initiated more of the pair's events than the other, if one did: the
    /// arrow runs from it.
    pub fn initiator(&self) -> Option<CountryIx> {
        match self.initiated[0].cmp(&self.initiated[1]) {
            std::cmp::Ordering::Greater => Some(self.a),
            std::cmp::Ordering::Less => Some(self.b),
            std::cmp::Ordering::Equal => None,
        }
    }
}

/// Every pair of states that share at least one of `events`, the most shared events first (ties
/// in country order). (Grouped by sorting, not in a map: the app's one compiled sort, where a
/// map keyed by pairs would add its own code to the wasm.)
pub fn pairs(ds: &Dataset, events: &[EventIx]) -> Vec<PairStat> {
    // Every (pair, event) once: the pair as one number, a's index above b's.
    let mut seen: Vec<(u64, EventIx)> = Vec::new();
    for &ix in events {
        let parties = &ds.event(ix).parties;
        for (i, &x) in parties.iter().enumerate() {
            for &y in &parties[i + 1..] {
                if x != y {
                    seen.push(((u64::from(x.min(y)) << 32) | u64::from(x.max(y)), ix));
                }
            }
        }
    }
    let mut order: Vec<u32> = (0..seen.len() as u32).collect();
    crate::sort::indices(&mut order, &|i, j| seen[i as usize].0.cmp(&seen[j as usize].0));
    let mut out: Vec<PairStat> = Vec::new();
    for &i in &order {
        let (key, ix) = seen[i as usize];
        let (a, b) = ((key >> 32) as CountryIx, key as CountryIx);
        if out.last().is_none_or(|p| (p.a, p.b) != (a, b)) {
            out.push(PairStat { a, b, events: 0, tones: [0; Tone::COUNT], initiated: [0; 2] });
        }
        let (p, e) = (out.last_mut().expect("pushed above"), ds.event(ix));
        p.events += 1;
        p.tones[e.tone.index()] += 1;
        if e.initiator == Some(a) {
            p.initiated[0] += 1;
        } else if e.initiator == Some(b) {
            p.initiated[1] += 1;
        }
    }
    crate::sort::by(out, &|p, q| q.events.cmp(&p.events).then((p.a, p.b).cmp(&(q.a, q.b))))
}

/// The table's rows in `order`: positions in `pairs` (which is by events already).
pub fn order(pairs: &[PairStat], order: PairOrder) -> Vec<u32> {
    let mut rows: Vec<u32> = (0..pairs.len() as u32).collect();
    let key = |i: u32| {
        let p = &pairs[i as usize];
        match order {
            PairOrder::Events => p.events,
            PairOrder::Cooperative => p.tone(Tone::Cooperative),
            PairOrder::Conflictual => p.tone(Tone::Conflictual),
        }
    };
    // Stable: equal keys keep the order by events.
    crate::sort::indices(&mut rows, &|x, y| key(y).cmp(&key(x)));
    rows
}

/// A state in the picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub country: CountryIx,
    /// The state's events (under the filters).
    pub events: usize,
    pub x: f64,
    pub y: f64,
    pub r: f64,
    /// Where its label is anchored, the rotation (degrees) that lays it along the radius (none
    /// when the states are few enough for level labels), and how the text sits on the anchor,
    /// on screen: `start` runs rightwards from it, `end` leftwards, `middle` centred.
    pub label_x: f64,
    pub label_y: f64,
    pub label_rotate: f64,
    pub label_anchor: &'static str,
}

/// A drawn pair: a quadratic curve from `from` to `to` (the arrow's way when one state initiated
/// more), ending at the circles' edges.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// Position in the `pairs` the picture was made from.
    pub pair: usize,
    pub path: String,
    pub width: f64,
    /// The arrow's head at the end of the path.
    pub directed: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    /// The viewBox's width; its top and height, the rows the picture uses (the square, `size`
    /// high from 0, when labels lie along the radius): level labels need the room for their
    /// words beside the circle, not above and below it.
    pub size: f64,
    pub top: f64,
    pub height: f64,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Laid out for a width its level labels beside the circle would not fit: every label over
    /// its state, above or below it, the circle as wide as the width leaves.
    pub stacked: bool,
}

/// The least space between two states along the circle.
const SPACING: f64 = 22.0;
/// Room kept outside the circle for a label, per character of the longest (a phone's larger
/// type included), and at most.
const ROOM_PER_CHAR: f64 = 9.0;
const ROOM_MAX: f64 = 340.0;
/// Up to this many states, labels stay level (easier to read, Arabic above all); beyond, they lie
/// along the radius so neighbours do not overlap.
const LEVEL_LABELS: usize = 24;
/// Room kept above and below the circle when labels are level: the largest circle (12), a top or
/// bottom label's gap (12) and half a line of a phone's larger type (16 px), with a margin.
const LEVEL_ROOM: f64 = 40.0;
/// The width a phone's picture is laid out for: about its figure's width on a 360–390 px
/// screen, so that its units are drawn near 1:1 and its type at the size the style gives it.
pub const PHONE_WIDTH: f64 = 340.0;
/// A stacked label's centre below or above its state's circle (half a line of 16 px type and a
/// gap), the line it takes, the lines further out it may move to clear another label or circle,
/// and the least radius a stacked circle keeps.
const STACKED_GAP: f64 = 14.0;
const STACKED_LINE: f64 = 20.0;
const STACKED_TRIES: usize = 3;
const STACKED_MIN_RADIUS: f64 = 64.0;

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The circle's order: from the state with the most drawn events, each next state the one that
/// shares the most drawn events with those already placed (then the most drawn events, then
/// country order).
fn circle_order(pairs: &[PairStat]) -> Vec<CountryIx> {
    let mut states: Vec<CountryIx> = pairs.iter().flat_map(|p| [p.a, p.b]).collect();
    states = crate::sort::by(states, &|a, b| a.cmp(b));
    states.dedup();
    let weight = |c: CountryIx| pairs.iter().filter(|p| p.a == c || p.b == c).map(|p| p.events).sum::<usize>();
    let weights: Vec<usize> = states.iter().map(|&c| weight(c)).collect();
    let mut pull = vec![0usize; states.len()];
    let mut placed = vec![false; states.len()];
    let mut out = Vec::with_capacity(states.len());
    for _ in 0..states.len() {
        let next = (0..states.len())
            .filter(|&i| !placed[i])
            .max_by(|&i, &j| pull[i].cmp(&pull[j]).then(weights[i].cmp(&weights[j])).then(j.cmp(&i)));
        let Some(i) = next else { break };
        placed[i] = true;
        let c = states[i];
        out.push(c);
        for p in pairs.iter().filter(|p| p.a == c || p.b == c) {
            let other = if p.a == c { p.b } else { p.a };
            if let Ok(k) = states.binary_search(&other) {
                pull[k] += p.events;
            }
        }
    }
    out
}

/// A label's rotation (degrees), anchor and distance from the centre, for a state at (`cos`,
/// `sin`) on the circle with its label `out` from the centre: along the radius, never upside
/// down (the left half turns half a turn); level labels near the top and the bottom sit centred
/// above and below their state, a little further out.
fn label_placement(cos: f64, sin: f64, level: bool, out: f64) -> (f64, &'static str, f64) {
    let rightwards = cos >= 0.0;
    let degrees = atan2(sin, cos).to_degrees();
    match (level, cos.abs() < 0.35, rightwards) {
        (true, true, _) => (0.0, "middle", out + 6.0),
        (true, false, true) => (0.0, "start", out),
        (true, false, false) => (0.0, "end", out),
        (false, _, true) => (degrees, "start", out),
        (false, _, false) => (if degrees > 0.0 { degrees - 180.0 } else { degrees + 180.0 }, "end", out),
    }
}

/// Pair `pair`'s curve from `from` to `to`, bowed towards the centre (the control point is the
/// chord's middle pulled in), ending at the circles' edges (a little short of `to` for the
/// arrow's head when `directed`).
fn edge(pair: usize, from: &Node, to: &Node, centre: f64, width: f64, directed: bool) -> Edge {
    let (mx, my) = ((from.x + to.x) / 2.0, (from.y + to.y) / 2.0);
    let (qx, qy) = (centre + (mx - centre) * 0.3, centre + (my - centre) * 0.3);
    let towards = |nd: &Node, gap: f64| {
        let (dx, dy) = (qx - nd.x, qy - nd.y);
        let len = (dx * dx + dy * dy).sqrt().max(1e-9);
        (round(nd.x + dx / len * (nd.r + gap)), round(nd.y + dy / len * (nd.r + gap)))
    };
    let (sx, sy) = towards(from, 1.0);
    let (ex, ey) = towards(to, if directed { 3.0 } else { 1.0 });
    let [sx, sy, qx, qy, ex, ey] = [sx, sy, qx, qy, ex, ey].map(|v| Dec(v, 1));
    let path = format!("M{sx} {sy}Q{qx} {qy} {ex} {ey}");
    Edge { pair, path, width, directed }
}

/// Each state's events among `events` (indexed like `Dataset::countries`): a circle's size.
pub fn state_events(ds: &Dataset, events: &[EventIx]) -> Vec<usize> {
    let mut out = vec![0usize; ds.countries.len()];
    for &ix in events {
        for &c in &ds.event(ix).parties {
            out[c as usize] += 1;
        }
    }
    out
}

/// The picture of the `top` pairs with the most events among `pairs` (as [`pairs`] orders them).
/// `events_of` gives a state's events, for its circle's size; `label_chars` the length of its
/// label, for the room around the circle. `rtl` runs the circle the other way
/// (counter-clockwise from the top), as Arabic reads. `fit` is the width the picture has (a
/// phone's [`PHONE_WIDTH`], or infinity): where level labels beside the circle would not fit it,
/// each is stacked over its state (`Picture::stacked`) if every one finds a line clear of the
/// others and of the circles (up to 8–10 states with names like the shipped data's); otherwise,
/// and for many states (labels along the radius), the picture is wider than a phone and
/// scrolls there.
pub fn picture(
    pairs: &[PairStat],
    top: usize,
    events_of: impl Fn(CountryIx) -> usize,
    label_chars: impl Fn(CountryIx) -> usize,
    rtl: bool,
    fit: f64,
) -> Picture {
    let drawn = &pairs[..top.min(pairs.len())];
    let order = circle_order(drawn);
    let n = order.len();
    let spaced = n as f64 * SPACING / std::f64::consts::TAU;
    let longest = order.iter().map(|&c| label_chars(c)).max().unwrap_or(0) as f64;
    let level = n <= LEVEL_LABELS;
    let (radius, room) = (spaced.max(160.0), (30.0 + longest * ROOM_PER_CHAR).min(ROOM_MAX));
    let circle = Circle { drawn, order: &order, rtl };
    if level && 2.0 * (radius + room) > fit {
        // Half the longest label beside a state at the circle's side, and a margin; the level
        // picture of that circle, its labels then stacked (the lines do not depend on them).
        let room = 8.0 + longest * ROOM_PER_CHAR / 2.0;
        let radius = (fit / 2.0 - room).max(spaced).max(STACKED_MIN_RADIUS);
        let mut p = circle.lay_out(radius, room, true, &events_of);
        if let Some((top, height)) = stack_labels(&mut p.nodes, p.size / 2.0, &label_chars) {
            (p.top, p.height, p.stacked) = (top, height, true);
            return p;
        }
    }
    circle.lay_out(radius, room, level, &events_of)
}

/// The states in their circle's order and the pairs drawn between them.
struct Circle<'a> {
    drawn: &'a [PairStat],
    order: &'a [CountryIx],
    rtl: bool,
}

impl Circle<'_> {
    /// The picture with this radius and room around it, its labels level beside the circle
    /// (centred above and below near the top and the bottom) or along the radius.
    fn lay_out(&self, radius: f64, room: f64, level: bool, events_of: impl Fn(CountryIx) -> usize) -> Picture {
        let (order, n) = (self.order, self.order.len());
        let size = round(2.0 * (radius + room));
        let centre = size / 2.0;
        let most = order.iter().map(|&c| events_of(c)).max().unwrap_or(1).max(1) as f64;
        let mirror = if self.rtl { -1.0 } else { 1.0 };
        let nodes: Vec<Node> = order
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n.max(1) as f64;
                let (sin, cos) = sin_cos(angle);
                let cos = mirror * cos;
                let events = events_of(c);
                let r = round(4.0 + 8.0 * (events as f64 / most).sqrt());
                let (rotate, anchor, out) = label_placement(cos, sin, level, radius + r + 6.0);
                Node {
                    country: c,
                    events,
                    x: round(centre + radius * cos),
                    y: round(centre + radius * sin),
                    r,
                    label_x: round(centre + out * cos),
                    label_y: round(centre + out * sin),
                    label_rotate: round(rotate),
                    label_anchor: anchor,
                }
            })
            .collect();
        let (top, height) =
            if level { (round(centre - radius - LEVEL_ROOM), round(2.0 * (radius + LEVEL_ROOM))) } else { (0.0, size) };
        let at = |c: CountryIx| nodes.iter().find(|nd| nd.country == c);
        let widest = self.drawn.first().map_or(1, |p| p.events).max(1) as f64;
        let edges = self
            .drawn
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let (from, to) = if p.initiator() == Some(p.b) { (at(p.b)?, at(p.a)?) } else { (at(p.a)?, at(p.b)?) };
                let width = round(1.5 + 8.5 * (p.events as f64 / widest).sqrt());
                Some(edge(i, from, to, centre, width, p.initiator().is_some()))
            })
            .collect();
        Picture { size, top, height, nodes, edges, stacked: false }
    }
}

/// Each label centred on its state, above it in the circle's upper half and below it in its
/// lower half (or at its side), on the first line out that clears every label placed before it
/// and every other state's circle (two states level at the bottom of an odd circle would share
/// one). The rows the picture then uses, or none when a label finds no clear line.
fn stack_labels(nodes: &mut [Node], centre: f64, label_chars: impl Fn(CountryIx) -> usize) -> Option<(f64, f64)> {
    let overlap = |a: &[f64; 4], b: &[f64; 4]| a[0] < b[1] && b[0] < a[1] && a[2] < b[3] && b[2] < a[3];
    let circles: Vec<[f64; 4]> = nodes.iter().map(|nd| [nd.x - nd.r, nd.x + nd.r, nd.y - nd.r, nd.y + nd.r]).collect();
    let mut placed: Vec<[f64; 4]> = Vec::with_capacity(nodes.len());
    for (i, nd) in nodes.iter_mut().enumerate() {
        let half = label_chars(nd.country) as f64 * ROOM_PER_CHAR / 2.0;
        let out = if nd.y < centre - 1.0 { -1.0 } else { 1.0 };
        let clear = |b: &[f64; 4]| {
            !placed.iter().any(|p| overlap(b, p)) && !circles.iter().enumerate().any(|(j, c)| j != i && overlap(b, c))
        };
        // Moved away from the circle's middle by up to half its width, the label still over
        // its state (its end at the state's centre).
        let away = if nd.x < centre - 1.0 { -half } else { half };
        let spot = (0..STACKED_TRIES)
            .map(|k| round(nd.y + out * (nd.r + STACKED_GAP + k as f64 * STACKED_LINE)))
            .flat_map(|y| [0.0, 0.25, 0.5, 0.75, 1.0].map(|f| (round(nd.x + f * away), y)))
            .map(|(x, y)| [x - half, x + half, y - STACKED_LINE / 2.0, y + STACKED_LINE / 2.0])
            .find(|b| b[0] >= 0.0 && b[1] <= 2.0 * centre && clear(b))?;
        let (x, y) = ((spot[0] + spot[1]) / 2.0, (spot[2] + spot[3]) / 2.0);
        (nd.label_x, nd.label_y, nd.label_rotate, nd.label_anchor) = (round(x), round(y), 0.0, "middle");
        placed.push(spot);
    }
    let rows = placed.iter().map(|b| (b[2], b[3])).chain(circles.iter().map(|c| (c[2], c[3])));
    let (low, high) = rows.fold((f64::MAX, f64::MIN), |(lo, hi), (a, b)| (lo.min(a), hi.max(b)));
    Some((round(low - 4.0), round(high - low + 8.0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load;

    fn pair(a: u32, b: u32, events: usize, tones: [usize; 3], initiated: [usize; 2]) -> PairStat {
        PairStat { a, b, events, tones, initiated }
    }

    #[test]
    fn pairs_count_shared_events_tones_and_initiators() {
        let ds = load(include_str!("../tests/data/minimal.json")).unwrap().dataset;
        let all: Vec<EventIx> = (0..ds.events.len() as EventIx).collect();
        let got = pairs(&ds, &all);
        let (cn, us) = (ds.country_ix("CN").unwrap(), ds.country_ix("US").unwrap());
        let p = got.iter().find(|p| (p.a, p.b) == (cn.min(us), cn.max(us))).expect("the CN–US pair");
        let (_, years) = crate::stats::pair_stats(&ds, &all, cn, us);
        // The same counts as the pair view's.
        assert_eq!(p.events, 2);
        assert_eq!(p.tones, crate::stats::tone_totals(&years));
        let initiated: usize =
            all.iter().filter(|&&ix| ds.event(ix).initiator.is_some_and(|c| c == cn || c == us)).count();
        assert_eq!(p.initiated[0] + p.initiated[1], initiated);
        assert!(got.windows(2).all(|w| w[0].events >= w[1].events));
    }

    #[test]
    fn a_multilateral_event_links_every_two_of_its_parties_once() {
        let ds = load(include_str!("../tests/data/minimal.json")).unwrap().dataset;
        let all: Vec<EventIx> = (0..ds.events.len() as EventIx).collect();
        let expected: usize = all
            .iter()
            .map(|&ix| {
                let k = ds.event(ix).parties.len();
                k * k.saturating_sub(1) / 2
            })
            .sum();
        assert_eq!(pairs(&ds, &all).iter().map(|p| p.events).sum::<usize>(), expected);
        assert!(pairs(&ds, &[]).is_empty());
    }

    #[test]
    fn balance_takes_a_third_either_way() {
        assert_eq!(pair(0, 1, 3, [2, 0, 1], [0, 0]).balance(), Balance::Cooperative);
        assert_eq!(pair(0, 1, 3, [1, 1, 1], [0, 0]).balance(), Balance::Mixed);
        assert_eq!(pair(0, 1, 6, [1, 2, 3], [0, 0]).balance(), Balance::Conflictual);
        assert_eq!(pair(0, 1, 4, [0, 4, 0], [0, 0]).balance(), Balance::Mixed);
        assert_eq!(pair(0, 1, 2, [0, 0, 2], [0, 2]).initiator(), Some(1));
        assert_eq!(pair(0, 1, 2, [0, 0, 2], [1, 1]).initiator(), None);
    }

    #[test]
    fn the_table_sorts_by_each_count_keeping_ties_by_events() {
        let ps =
            vec![pair(0, 1, 5, [1, 1, 3], [0, 0]), pair(0, 2, 4, [4, 0, 0], [0, 0]), pair(1, 2, 2, [1, 0, 1], [0, 0])];
        assert_eq!(order(&ps, PairOrder::Events), vec![0, 1, 2]);
        assert_eq!(order(&ps, PairOrder::Cooperative), vec![1, 0, 2]);
        assert_eq!(order(&ps, PairOrder::Conflictual), vec![0, 2, 1]);
        assert_eq!(PairOrder::ALL.len(), 3);
    }

    /// A ring of `n` states, each sharing `n - i` events with the next.
    fn ring(n: u32) -> Vec<PairStat> {
        let mut ps: Vec<PairStat> =
            (0..n).map(|i| pair(i.min((i + 1) % n), i.max((i + 1) % n), (n - i) as usize, [1, 0, 0], [0, 0])).collect();
        ps.sort_by_key(|p| std::cmp::Reverse(p.events));
        ps
    }

    #[test]
    fn the_picture_is_deterministic_and_only_draws_the_top_pairs() {
        let ps = ring(160);
        let a = picture(&ps, 50, |_| 3, |_| 12, false, f64::INFINITY);
        assert_eq!(a, picture(&ps, 50, |_| 3, |_| 12, false, f64::INFINITY));
        assert_eq!(a.edges.len(), 50);
        // Only the states of drawn pairs: 50 pairs of a ring touch 51 states at most.
        assert!(a.nodes.len() <= 51, "{}", a.nodes.len());
        let all = picture(&ps, 1000, |_| 3, |_| 12, false, f64::INFINITY);
        assert_eq!(all.edges.len(), 160);
        assert_eq!(all.nodes.len(), 160);
        // States at least SPACING apart along the circle.
        let (n0, n1) = (&all.nodes[0], &all.nodes[1]);
        assert!(((n0.x - n1.x).powi(2) + (n0.y - n1.y).powi(2)).sqrt() >= SPACING - 1.0);
        // Room for the longest label; every node and label inside the picture.
        assert!(picture(&ps, 1000, |_| 3, |_| 30, false, f64::INFINITY).size > all.size);
        for nd in &all.nodes {
            assert!(nd.x > 0.0 && nd.x < all.size && nd.y > 0.0 && nd.y < all.size);
            assert!(nd.label_x > 0.0 && nd.label_x < all.size);
        }
        assert_eq!((all.top, all.height), (0.0, all.size));
    }

    #[test]
    fn level_labels_keep_only_the_rows_they_use() {
        // Eight states: level labels, beside the circle; the picture is as high as the circle
        // with its top and bottom labels, not as the square its side labels need.
        let p = picture(&ring(8), 8, |c| c as usize + 1, |_| 14, false, f64::INFINITY);
        assert!(p.height < p.size * 0.75, "{} of {}", p.height, p.size);
        for nd in &p.nodes {
            // A line of 16 px type centred on its anchor, and the circle.
            assert!(nd.label_y - 10.0 >= p.top && nd.label_y + 10.0 <= p.top + p.height, "{nd:?}");
            assert!(nd.y - nd.r >= p.top && nd.y + nd.r <= p.top + p.height, "{nd:?}");
        }
    }

    #[test]
    fn on_a_phone_few_states_stack_their_labels_inside_its_width() {
        for rtl in [false, true] {
            let wide = picture(&ring(8), 8, |c| c as usize + 1, |_| 14, rtl, f64::INFINITY);
            assert!(!wide.stacked && wide.size > PHONE_WIDTH, "{}", wide.size);
            // The shipped data's states (7 or 8 names of up to 14 characters) fit a phone.
            for n in [7, 8] {
                let p = picture(&ring(n), n as usize, |c| c as usize + 1, |_| 14, rtl, PHONE_WIDTH);
                assert!(p.stacked && p.size <= PHONE_WIDTH, "{n} states: {}", p.size);
            }
            // The same states and lines as the wide picture, in the same order.
            let p = picture(&ring(8), 8, |c| c as usize + 1, |_| 14, rtl, PHONE_WIDTH);
            let countries = |p: &Picture| p.nodes.iter().map(|nd| nd.country).collect::<Vec<_>>();
            assert_eq!((countries(&p), p.edges.len()), (countries(&wide), wide.edges.len()));
            // Every count of states a phone may stack, names short and long, sizes mixed: each
            // label clear of the others and of every other state's circle, or no phone picture.
            for n in 2..=LEVEL_LABELS as u32 {
                for chars in [5, 14, 24] {
                    let events = |c: u32| 1 + (c as usize * 7) % 5;
                    let p = picture(&ring(n), n as usize, events, |c| chars - c as usize % 3, rtl, PHONE_WIDTH);
                    if p.stacked {
                        stacked_labels_clear(&p, |c| chars - c as usize % 3);
                    }
                }
            }
        }
        // Many states keep their labels along the radius, wider than a phone.
        let many = picture(&ring(60), 60, |_| 1, |_| 12, false, PHONE_WIDTH);
        assert!(!many.stacked && many.size > PHONE_WIDTH);
    }

    /// Each label a line of 16 px type over its state, above it in the circle's upper half and
    /// below it in its lower half, inside the picture, clear of the other labels and circles.
    fn stacked_labels_clear(p: &Picture, chars: impl Fn(CountryIx) -> usize) {
        let boxes: Vec<[f64; 4]> = p
            .nodes
            .iter()
            .map(|nd| {
                let half = chars(nd.country) as f64 * ROOM_PER_CHAR / 2.0;
                [nd.label_x - half, nd.label_x + half, nd.label_y - 10.0, nd.label_y + 10.0]
            })
            .collect();
        let circles: Vec<[f64; 4]> =
            p.nodes.iter().map(|nd| [nd.x - nd.r, nd.x + nd.r, nd.y - nd.r, nd.y + nd.r]).collect();
        let apart = |a: &[f64; 4], b: &[f64; 4]| a[1] <= b[0] || b[1] <= a[0] || a[3] <= b[2] || b[3] <= a[2];
        for (i, (nd, b)) in p.nodes.iter().zip(&boxes).enumerate() {
            assert_eq!((nd.label_anchor, nd.label_rotate), ("middle", 0.0));
            assert!(b[0] <= nd.x && nd.x <= b[1], "{} states, not over its state: {nd:?}", p.nodes.len());
            assert_eq!(nd.label_y < nd.y, nd.y < p.size / 2.0 - 1.0, "{nd:?}");
            assert!(b[0] >= 0.0 && b[1] <= p.size && b[2] >= p.top && b[3] <= p.top + p.height, "{nd:?}");
            for (j, other) in boxes.iter().zip(&circles).enumerate().filter(|(j, _)| *j != i) {
                assert!(apart(b, other.0) && apart(b, other.1), "{} states: {i} and {j} overlap", p.nodes.len());
            }
        }
    }

    #[test]
    fn neighbours_on_the_circle_share_the_most() {
        // 0–1 strong, 2–3 strong, 1–2 weak: 1 (the most events) first, 0 beside it, then 2 and 3.
        let ps =
            vec![pair(0, 1, 9, [9, 0, 0], [0, 0]), pair(2, 3, 8, [8, 0, 0], [0, 0]), pair(1, 2, 1, [1, 0, 0], [0, 0])];
        assert_eq!(circle_order(&ps), vec![1, 0, 2, 3]);
    }

    #[test]
    fn arabic_runs_the_circle_the_other_way_and_labels_stay_upright() {
        let ps = ring(8);
        let (ltr, rtl) =
            (picture(&ps, 8, |_| 1, |_| 12, false, f64::INFINITY), picture(&ps, 8, |_| 1, |_| 12, true, f64::INFINITY));
        let c = ltr.size / 2.0;
        // The first state at the top in both; the second to the right in English, to the left in Arabic.
        assert_eq!((ltr.nodes[0].x, rtl.nodes[0].x), (c, c));
        assert!(ltr.nodes[1].x > c && rtl.nodes[1].x < c);
        assert_eq!(
            (ltr.nodes[0].label_anchor, ltr.nodes[1].label_anchor, rtl.nodes[1].label_anchor),
            ("middle", "start", "end")
        );
        // Few states: level labels.
        assert!(ltr.nodes.iter().all(|nd| nd.label_rotate == 0.0));
        let many = ring(60);
        for rtl in [false, true] {
            let p = picture(&many, 60, |_| 1, |_| 12, rtl, f64::INFINITY);
            assert!(p.nodes.iter().any(|nd| nd.label_rotate != 0.0));
            for nd in &p.nodes {
                assert!((-90.0..=90.0).contains(&nd.label_rotate), "upside down: {}", nd.label_rotate);
            }
        }
    }

    #[test]
    fn an_arrow_runs_from_the_initiator() {
        let ps = vec![pair(0, 1, 3, [0, 0, 3], [0, 3])];
        let p = picture(&ps, 10, |_| 3, |_| 12, false, f64::INFINITY);
        let (a, b) =
            (p.nodes.iter().find(|n| n.country == 0).unwrap(), p.nodes.iter().find(|n| n.country == 1).unwrap());
        let edge = &p.edges[0];
        assert!(edge.directed);
        // Starts at 1 (the initiator), ends near 0.
        let start: Vec<f64> = edge.path[1..].split(['Q', ' ']).take(2).map(|v| v.parse().unwrap()).collect();
        let d = |n: &Node| ((n.x - start[0]).powi(2) + (n.y - start[1]).powi(2)).sqrt();
        assert!(d(b) < d(a));
    }
}
