//! Timeline geometry: date -> position, zoom and pan, grouping of close events, ticks, RTL.
//!
//! Positions are computed for left-to-right and mirrored for right-to-left languages, so in
//! Arabic time runs from right (older) to left (newer) while text stays upright. A day-precision
//! event is a point; a month- or year-precision event is a span over its whole period. Marks
//! that would overlap within `min_gap` pixels are merged into one group mark with a count, so the
//! number of drawn marks is bounded by the width, not the number of events. Never panics: empty
//! input gives no marks, degenerate viewports are widened. This module never touches `web_sys`.

use crate::data::{EventIx, EventType};

/// The visible span of time, in days since 1970-01-01 (inclusive start, exclusive end).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    pub start: f64,
    pub end: f64,
}

/// The narrowest viewport allowed: two weeks.
pub const MIN_DAYS: f64 = 14.0;

impl Viewport {
    /// A viewport covering every span with a small margin; a sane default for no events.
    pub fn fit(spans: impl IntoIterator<Item = (i32, i32)>) -> Viewport {
        let (mut lo, mut hi) = (i32::MAX, i32::MIN);
        for (a, b) in spans {
            lo = lo.min(a);
            hi = hi.max(b);
        }
        if lo > hi {
            return Viewport { start: 0.0, end: 365.0 };
        }
        let (lo, hi) = (lo as f64, hi as f64 + 1.0);
        let pad = ((hi - lo) * 0.04).max(15.0);
        Viewport { start: lo - pad, end: hi + pad }.sane()
    }

    fn sane(self) -> Viewport {
        let (mut s, mut e) = (self.start, self.end);
        if !s.is_finite() || !e.is_finite() {
            return Viewport { start: 0.0, end: 365.0 };
        }
        if e < s {
            std::mem::swap(&mut s, &mut e);
        }
        if e - s < MIN_DAYS {
            let mid = (s + e) / 2.0;
            s = mid - MIN_DAYS / 2.0;
            e = mid + MIN_DAYS / 2.0;
        }
        Viewport { start: s, end: e }
    }

    pub fn days(&self) -> f64 {
        self.end - self.start
    }

    /// Zooms by `factor` (> 1 zooms in) around `center` (a day; the middle when `None`).
    pub fn zoom(&self, factor: f64, center: Option<f64>) -> Viewport {
        let factor = if factor.is_finite() && factor > 0.0 { factor } else { 1.0 };
        let c = center.filter(|c| c.is_finite()).unwrap_or((self.start + self.end) / 2.0);
        let half_before = (c - self.start) / factor;
        let half_after = (self.end - c) / factor;
        Viewport { start: c - half_before, end: c + half_after }.sane()
    }

    /// Moves by `fraction` of the visible span (positive = later in time).
    pub fn pan(&self, fraction: f64) -> Viewport {
        let fraction = if fraction.is_finite() { fraction } else { 0.0 };
        let d = self.days() * fraction;
        Viewport { start: self.start + d, end: self.end + d }.sane()
    }

    /// `pan`, kept over `extent` (the events' own view, `fit`): a view narrower than the
    /// extent stops at its ends, a wider one once the extent is inside it, so "Earlier" and
    /// "Later" never show only empty years. A view already past a bound is never moved the
    /// other way.
    pub fn pan_within(&self, fraction: f64, extent: &Viewport) -> Viewport {
        let moved = self.pan(fraction);
        let (lo, hi) = self.pan_bounds(extent);
        let start = if moved.start < self.start {
            moved.start.max(lo.min(self.start))
        } else {
            moved.start.min(hi.max(self.start))
        };
        Viewport { start, end: start + moved.days() }
    }

    /// Whether `pan_within` can move the view (earlier, later) over `extent`.
    pub fn can_pan(&self, extent: &Viewport) -> (bool, bool) {
        // A move of less than half a percent of the view (4 px of an 800 px drawing) is none.
        let (lo, hi) = self.pan_bounds(extent);
        let near = self.days() * 0.005;
        (self.start > lo + near, self.start < hi - near)
    }

    /// Whether the view can zoom (in, out): in down to [`MIN_DAYS`], out until `extent` (every
    /// event) is in view.
    pub fn can_zoom(&self, extent: &Viewport) -> (bool, bool) {
        (self.days() > MIN_DAYS + 0.01, self.days() < extent.days() - 0.01)
    }

    /// The least and greatest start `pan_within` allows over `extent`.
    fn pan_bounds(&self, extent: &Viewport) -> (f64, f64) {
        let other_end = extent.end - self.days();
        (extent.start.min(other_end), extent.start.max(other_end))
    }

    /// The view for opening a group spanning `self`: never wider than `current` (opening a
    /// group must not zoom out), so when `self` is wider, `current` zoomed in twice around
    /// `self`'s middle.
    pub fn min_with(self, current: &Viewport) -> Viewport {
        if self.days() < current.days() {
            self
        } else {
            current.zoom(2.0, Some((self.start + self.end) / 2.0))
        }
    }

    /// The day at horizontal position `x`: the inverse of [`Viewport::x`].
    pub fn day_at(&self, x: f64, width: f64, rtl: bool) -> f64 {
        let width = width.max(1.0);
        let x = if rtl { width - x } else { x };
        self.start + x / width * self.days()
    }

    /// Horizontal position of `day` in a drawing `width` pixels wide, mirrored when `rtl`.
    pub fn x(&self, day: f64, width: f64, rtl: bool) -> f64 {
        let t = (day - self.start) / self.days();
        let x = t * width;
        if rtl {
            width - x
        } else {
            x
        }
    }
}

/// One input event for layout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Item {
    pub event: EventIx,
    /// First and last day covered.
    pub span: (i32, i32),
    pub kind: EventType,
}

/// A drawn mark: one event, or a group of close events.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// Left and right edges in pixels (left <= right, whatever the direction).
    pub left: f64,
    pub right: f64,
    /// Row, from 0 (top), so overlapping marks stack.
    pub row: usize,
    /// The events in the mark (one for a single event), in date order.
    pub events: Vec<EventIx>,
    /// The type of a single event, or the commonest type of a group.
    pub kind: EventType,
    /// True when the single event is a span wider than a point (month or year precision).
    pub is_span: bool,
    /// A group's events per type (types with none left out), in `EventType::ALL` order.
    pub mix: Vec<(EventType, u32)>,
}

impl Mark {
    pub fn is_group(&self) -> bool {
        self.events.len() > 1
    }
    pub fn center(&self) -> f64 {
        (self.left + self.right) / 2.0
    }
}

/// Lays out `items` (in any order) for a drawing `width` pixels wide with at most `rows` rows.
/// Items wholly outside the viewport are left out.
pub fn layout(items: &[Item], v: &Viewport, width: f64, rtl: bool, min_gap: f64, rows: usize) -> Vec<Mark> {
    let width = if width.is_finite() && width > 1.0 { width } else { 1.0 };
    let rows = rows.max(1);
    let min_gap = if min_gap.is_finite() { min_gap.max(1.0) } else { 1.0 };
    // Pixel extent of each visible item, in left-to-right order of time.
    let placed: Vec<(f64, f64, &Item)> = items
        .iter()
        .filter(|it| (it.span.1 as f64) + 1.0 >= v.start && (it.span.0 as f64) <= v.end)
        .map(|it| {
            let a = v.x(it.span.0 as f64, width, false);
            let b = v.x(it.span.1 as f64 + 1.0, width, false);
            (a.max(-width), b.min(2.0 * width), it)
        })
        .collect();
    let placed = crate::sort::by(placed, &|a, b| a.0.total_cmp(&b.0).then(a.2.event.cmp(&b.2.event)));

    // Greedy packing into rows; an item that fits no row joins the nearest mark as a group. A
    // group grows to at most `3 * min_gap` pixels, so dense data gives many local groups along
    // the axis rather than one group swallowing everything to its right.
    let max_group = 3.0 * min_gap;
    let mut marks: Vec<Mark> = Vec::new();
    // Events per type in each mark, counted while packing (indexed like `EventType::ALL`).
    let mut kinds: Vec<[u32; EventType::COUNT]> = Vec::new();
    let mut row_end: Vec<(f64, usize)> = Vec::new(); // (right edge, mark index) per row
    for (a, b, it) in placed {
        let (left, right) = (a, b.max(a));
        let free = row_end.iter().position(|(end, _)| left >= end + min_gap);
        match free {
            Some(r) => {
                marks.push(new_mark(left, right, r, it));
                kinds.push(kind_count(it.kind));
                row_end[r] = (right.max(left + min_gap), marks.len() - 1);
            }
            None if row_end.len() < rows => {
                marks.push(new_mark(left, right, row_end.len(), it));
                kinds.push(kind_count(it.kind));
                row_end.push((right.max(left + min_gap), marks.len() - 1));
            }
            None => {
                // Join the row whose last mark ends earliest (closest to this item).
                let r = (0..row_end.len()).min_by(|&x, &y| row_end[x].0.total_cmp(&row_end[y].0)).unwrap_or(0);
                let ix = row_end[r].1;
                let m = &mut marks[ix];
                m.events.push(it.event);
                m.right = m.right.max(right.min(m.left + max_group));
                m.is_span = false;
                kinds[ix][it.kind.index()] += 1;
                row_end[r].0 = m.right.max(m.left + min_gap);
            }
        }
    }
    for (m, counts) in marks.iter_mut().zip(&kinds) {
        if m.is_group() {
            // The commonest type; ties go to the earlier type in `EventType::ALL`.
            let best = (0..EventType::COUNT).max_by_key(|&k| (counts[k], usize::MAX - k)).unwrap_or(0);
            m.kind = EventType::ALL[best];
            m.mix = EventType::ALL.iter().zip(counts).filter(|(_, n)| **n > 0).map(|(&t, &n)| (t, n)).collect();
        }
        if rtl {
            let (l, r) = (width - m.right, width - m.left);
            m.left = l;
            m.right = r;
        }
    }
    marks
}

fn new_mark(left: f64, right: f64, row: usize, it: &Item) -> Mark {
    Mark { left, right, row, events: vec![it.event], kind: it.kind, is_span: it.span.1 > it.span.0, mix: Vec::new() }
}

fn kind_count(kind: EventType) -> [u32; EventType::COUNT] {
    let mut counts = [0; EventType::COUNT];
    counts[kind.index()] = 1;
    counts
}

/// A tick on the time axis.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tick {
    pub x: f64,
    pub year: i32,
    /// `Some(month)` for month ticks, `None` for year ticks.
    pub month: Option<u8>,
}

/// Above this many events in view the timeline draws density strips, not marks: hundreds of
/// events per period make a wall of numbered bubbles. Zooming in brings the marks back.
pub const DENSE_ABOVE: usize = 150;

/// One bin of the density strips: its pixel extent, the days it covers, events per type.
#[derive(Clone, Debug, PartialEq)]
pub struct Bin {
    pub left: f64,
    pub right: f64,
    pub start: f64,
    pub end: f64,
    /// Indexed like `EventType::ALL`. An event dated only to a month or a year is spread evenly
    /// over the bins its period covers (no precision the data lacks).
    pub counts: [f32; EventType::COUNT],
}

/// How many of `items` are at least partly inside `v`.
pub fn visible(items: &[Item], v: &Viewport) -> usize {
    items.iter().filter(|it| (it.span.1 as f64) + 1.0 >= v.start && (it.span.0 as f64) <= v.end).count()
}

/// Events per type in bins about `bin_px` pixels wide across a drawing `width` pixels wide
/// (mirrored when `rtl`).
pub fn density(items: &[Item], v: &Viewport, width: f64, rtl: bool, bin_px: f64) -> Vec<Bin> {
    let width = if width.is_finite() && width > 1.0 { width } else { 1.0 };
    let n = ((width / bin_px.max(1.0)).floor() as usize).clamp(1, 2000);
    let days_per_bin = v.days() / n as f64;
    let mut bins: Vec<Bin> = (0..n)
        .map(|i| {
            let (start, end) = (v.start + i as f64 * days_per_bin, v.start + (i + 1) as f64 * days_per_bin);
            let (a, b) = (v.x(start, width, rtl), v.x(end, width, rtl));
            Bin { left: a.min(b), right: a.max(b), start, end, counts: [0.0; EventType::COUNT] }
        })
        .collect();
    for it in items {
        let (a, b) = (it.span.0 as f64, it.span.1 as f64 + 1.0);
        if b < v.start || a > v.end {
            continue;
        }
        let first = (((a - v.start) / days_per_bin).floor().max(0.0) as usize).min(n - 1);
        let last = ((((b - v.start) / days_per_bin).ceil() as usize).saturating_sub(1)).clamp(first, n - 1);
        let share = 1.0 / (last - first + 1) as f32;
        for bin in &mut bins[first..=last] {
            bin.counts[it.kind.index()] += share;
        }
    }
    bins
}

/// The day to zoom around: what the reader is looking at (a hovered or focused mark), else the
/// newest event when it is in view (so zooming keeps the latest news in sight), else the middle.
pub fn zoom_centre(v: &Viewport, looking_at: Option<f64>, newest: Option<f64>) -> Option<f64> {
    looking_at.or(newest.filter(|d| *d >= v.start && *d <= v.end))
}

/// The x of a tick label `chars` characters long at `x`, pulled inside a drawing `width` pixels
/// wide so no label is cut at an edge (a year at the very edge used to lose a digit: "990").
/// `half_glyph` is half a character's width in pixels.
pub fn label_x(x: f64, chars: usize, width: f64, half_glyph: f64) -> f64 {
    let half = chars as f64 * half_glyph;
    crate::num::within(x, half.min(width / 2.0), (width - half).max(width / 2.0))
}

/// Ticks at years (every 1, 2, 5, 10… years) or months, at least `min_px` pixels apart.
pub fn ticks(v: &Viewport, width: f64, rtl: bool, min_px: f64) -> Vec<Tick> {
    use crate::data::date::{civil_from_days, days_from_civil};
    let width = if width.is_finite() && width > 1.0 { width } else { 1.0 };
    let px_per_day = width / v.days();
    let (y0, _, _) = civil_from_days(v.start.floor() as i32);
    let (y1, _, _) = civil_from_days(v.end.ceil() as i32);
    let mut out = Vec::new();
    if px_per_day * 30.4 >= min_px {
        let step = if px_per_day * 30.4 >= min_px { 1 } else { 3 };
        for y in y0..=y1 {
            for m in (1..=12).step_by(step) {
                let d = days_from_civil(y, m, 1) as f64;
                if d >= v.start && d <= v.end {
                    out.push(Tick { x: v.x(d, width, rtl), year: y, month: Some(m) });
                }
            }
        }
        return out;
    }
    let year_px = px_per_day * 365.25;
    let step = [1, 2, 5, 10, 20, 50].into_iter().find(|s| year_px * *s as f64 >= min_px).unwrap_or(100);
    let first = y0 - y0.rem_euclid(step);
    let mut y = first;
    while y <= y1 {
        let d = days_from_civil(y, 1, 1) as f64;
        if d >= v.start && d <= v.end {
            out.push(Tick { x: v.x(d, width, rtl), year: y, month: None });
        }
        y += step;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn item(event: u32, a: i32, b: i32) -> Item {
        Item { event, span: (a, b), kind: EventType::Meeting }
    }

    #[test]
    fn rtl_mirrors_the_axis() {
        let v = Viewport { start: 0.0, end: 100.0 };
        assert_eq!(v.x(25.0, 200.0, false), 50.0);
        assert_eq!(v.x(25.0, 200.0, true), 150.0);
        assert!((v.day_at(150.0, 200.0, true) - 25.0).abs() < 1e-9);
        assert!((v.day_at(v.x(62.5, 200.0, false), 200.0, false) - 62.5).abs() < 1e-9);
        // Newer is further left in RTL.
        let marks = layout(&[item(0, 10, 10), item(1, 80, 80)], &v, 200.0, true, 4.0, 3);
        assert!(marks[1].center() < marks[0].center());
    }

    #[test]
    fn spans_are_as_wide_as_their_period() {
        let v = Viewport { start: 0.0, end: 365.0 };
        let marks = layout(&[item(0, 31, 59)], &v, 365.0, false, 4.0, 3);
        assert!((marks[0].right - marks[0].left - 29.0).abs() < 1e-9);
        assert!(marks[0].is_span);
    }

    #[test]
    fn dense_events_are_grouped_with_counts() {
        let items: Vec<Item> = (0..1000).map(|i| item(i, 100 + (i as i32 % 7), 100 + (i as i32 % 7))).collect();
        let v = Viewport { start: 0.0, end: 3650.0 };
        let marks = layout(&items, &v, 300.0, false, 6.0, 4);
        assert!(marks.len() <= 4, "{} marks", marks.len());
        assert_eq!(marks.iter().map(|m| m.events.len()).sum::<usize>(), 1000);
    }

    #[test]
    fn dense_data_over_years_gives_many_local_groups() {
        use crate::data::date::days_from_civil;
        let start = days_from_civil(1990, 1, 1);
        let items: Vec<Item> =
            (0..10_000).map(|i| item(i, start + (i as i32 * 13) % 13_000, start + (i as i32 * 13) % 13_000)).collect();
        let v = Viewport::fit(items.iter().map(|i| i.span));
        let marks = layout(&items, &v, 900.0, false, 18.0, 6);
        assert!(marks.len() >= 40, "{} marks", marks.len());
        let biggest = marks.iter().map(|m| m.events.len()).max().unwrap();
        assert!(biggest < 1_000, "one group holds {biggest} of 10,000 events");
    }

    #[test]
    fn zoom_and_pan() {
        let v = Viewport { start: 0.0, end: 100.0 };
        let z = v.zoom(2.0, None);
        assert_eq!((z.start, z.end), (25.0, 75.0));
        assert_eq!(v.zoom(1e9, Some(50.0)).days(), MIN_DAYS);
        assert_eq!(v.pan(0.5).start, 50.0);
        assert_eq!(Viewport::fit(std::iter::empty()).days(), 365.0);
    }

    #[test]
    fn panning_stops_at_the_events_ends() {
        let extent = Viewport { start: 0.0, end: 100.0 };
        // The whole extent in view: nowhere to go.
        assert_eq!(extent.can_pan(&extent), (false, false));
        assert_eq!(extent.pan_within(-0.25, &extent), extent);
        // Zoomed in at the newest end: earlier only, and never past the first day.
        let v = Viewport { start: 80.0, end: 100.0 };
        assert_eq!(v.can_pan(&extent), (true, false));
        assert_eq!(v.pan_within(0.25, &extent), v);
        let mut w = v;
        for _ in 0..40 {
            w = w.pan_within(-0.25, &extent);
        }
        assert_eq!((w.start, w.end), (0.0, 20.0));
        assert_eq!(w.can_pan(&extent), (false, true));
        // Zoomed out: the extent stays inside the view.
        let wide = Viewport { start: -50.0, end: 150.0 };
        let later = wide.pan_within(0.25, &extent);
        assert_eq!((later.start, later.end), (0.0, 200.0));
        assert_eq!(later.can_pan(&extent), (true, false));
        assert_eq!(v.can_zoom(&extent), (true, true));
        assert_eq!(extent.can_zoom(&extent), (true, false));
        assert_eq!(Viewport { start: 0.0, end: MIN_DAYS }.can_zoom(&extent), (false, true));
        // A view past a bound (a drag, an older extent) is brought back, never pushed further.
        let past = Viewport { start: 200.0, end: 220.0 };
        assert_eq!(past.pan_within(0.25, &extent), past);
        assert!(past.pan_within(-0.25, &extent).start < 200.0);
    }

    #[test]
    fn a_group_knows_its_mix_of_types() {
        let items = [item(0, 10, 10), item(1, 10, 10), Item { event: 2, span: (10, 10), kind: EventType::Accusation }];
        let v = Viewport { start: 0.0, end: 100.0 };
        let marks = layout(&items, &v, 100.0, false, 20.0, 1);
        assert_eq!(marks.len(), 1);
        assert_eq!(marks[0].mix, vec![(EventType::Meeting, 2), (EventType::Accusation, 1)]);
        assert_eq!(marks[0].kind, EventType::Meeting);
    }

    #[test]
    fn density_spreads_coarse_dates_over_their_period() {
        let v = Viewport { start: 0.0, end: 100.0 };
        // A day event in the first bin; a 50-day event over bins 0..5 (10 bins of 10 days).
        let items = [item(0, 5, 5), item(1, 0, 49)];
        let bins = density(&items, &v, 100.0, false, 10.0);
        assert_eq!(bins.len(), 10);
        let meeting = EventType::Meeting.index();
        assert_eq!(bins[0].counts[meeting], 1.2);
        assert_eq!(bins[4].counts[meeting], 0.2);
        assert_eq!(bins[5].counts[meeting], 0.0);
        let total: f32 = bins.iter().map(|b| b.counts[meeting]).sum();
        assert!((total - 2.0).abs() < 1e-5);
        // Mirrored in RTL: the first days are at the right.
        let rtl = density(&items, &v, 100.0, true, 10.0);
        assert_eq!((rtl[0].left, rtl[0].right), (90.0, 100.0));
        assert_eq!(visible(&items, &Viewport { start: 60.0, end: 100.0 }), 0);
    }

    #[test]
    fn zoom_keeps_the_newest_in_sight_or_what_the_reader_looks_at() {
        let v = Viewport { start: 0.0, end: 100.0 };
        assert_eq!(zoom_centre(&v, None, Some(95.0)), Some(95.0));
        assert_eq!(zoom_centre(&v, Some(20.0), Some(95.0)), Some(20.0));
        assert_eq!(zoom_centre(&v, None, Some(150.0)), None);
        // Zooming around the newest day keeps it where it was on screen.
        let z = v.zoom(2.0, zoom_centre(&v, None, Some(95.0)));
        assert!((z.x(95.0, 100.0, false) - 95.0).abs() < 1e-9);
    }

    #[test]
    fn edge_labels_stay_inside_the_drawing() {
        // "1990" at the left edge of a 600 px drawing, 3.6 px per half glyph: pulled in to 14.4.
        assert_eq!(label_x(0.0, 4, 600.0, 3.6), 14.4);
        assert_eq!(label_x(600.0, 4, 600.0, 3.6), 585.6);
        assert_eq!(label_x(300.0, 4, 600.0, 3.6), 300.0);
        // A label wider than the drawing is centred rather than clamped inside out.
        assert_eq!(label_x(10.0, 100, 200.0, 3.6), 100.0);
    }

    #[test]
    fn opening_a_group_never_zooms_out() {
        let current = Viewport { start: 0.0, end: 100.0 };
        let narrow = Viewport { start: 40.0, end: 60.0 };
        assert_eq!(narrow.min_with(&current), narrow);
        let wide = Viewport { start: -50.0, end: 150.0 };
        let opened = wide.min_with(&current);
        assert_eq!(opened.days(), 50.0);
        assert_eq!((opened.start + opened.end) / 2.0, 50.0);
    }

    #[test]
    fn year_and_month_ticks() {
        use crate::data::date::days_from_civil;
        let v = Viewport { start: days_from_civil(2014, 1, 1) as f64, end: days_from_civil(2026, 6, 1) as f64 };
        let t = ticks(&v, 1000.0, false, 60.0);
        assert!(t.iter().all(|t| t.month.is_none()));
        assert!(t.windows(2).all(|w| w[1].x - w[0].x >= 60.0));
        let v = Viewport { start: days_from_civil(2024, 1, 1) as f64, end: days_from_civil(2024, 7, 1) as f64 };
        assert!(ticks(&v, 1000.0, false, 60.0).iter().all(|t| t.month.is_some()));
    }

    proptest! {
        #[test]
        fn layout_never_panics_and_keeps_every_visible_event(
            spans in prop::collection::vec((-20000i32..40000, 0i32..400), 0..200),
            start in -30000.0f64..50000.0, days in -10.0f64..100000.0,
            width in -5.0f64..3000.0, rtl in any::<bool>(), gap in -1.0f64..30.0, rows in 0usize..8,
        ) {
            let items: Vec<Item> = spans.iter().enumerate().map(|(i, (a, len))| item(i as u32, *a, a + len)).collect();
            let v = Viewport { start, end: start + days }.sane();
            let marks = layout(&items, &v, width, rtl, gap, rows);
            let visible = items.iter().filter(|it| (it.span.1 as f64) + 1.0 >= v.start && (it.span.0 as f64) <= v.end).count();
            prop_assert_eq!(marks.iter().map(|m| m.events.len()).sum::<usize>(), visible);
            prop_assert!(marks.iter().all(|m| m.left <= m.right && m.row < rows.max(1)));
        prop_assert!(marks.iter().all(|m| !m.is_group() || m.mix.iter().map(|x| x.1 as usize).sum::<usize>() == m.events.len()));
        let bins = density(&items, &v, width, rtl, 8.0);
        let counted: f32 = bins.iter().flat_map(|b| b.counts).sum();
        prop_assert!((counted - visible as f32).abs() < 0.01 * (visible as f32 + 1.0), "{} vs {}", counted, visible);
            let _ = ticks(&v, width, rtl, 60.0);
            let _ = v.zoom(days, Some(start)).pan(days);
        }
    }
}
