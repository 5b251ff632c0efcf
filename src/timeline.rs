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
    let mut placed: Vec<(f64, f64, &Item)> = items
        .iter()
        .filter(|it| (it.span.1 as f64) + 1.0 >= v.start && (it.span.0 as f64) <= v.end)
        .map(|it| {
            let a = v.x(it.span.0 as f64, width, false);
            let b = v.x(it.span.1 as f64 + 1.0, width, false);
            (a.max(-width), b.min(2.0 * width), it)
        })
        .collect();
    placed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.2.event.cmp(&b.2.event)));

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
    Mark { left, right, row, events: vec![it.event], kind: it.kind, is_span: it.span.1 > it.span.0 }
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

/// The x of a tick label `chars` characters long at `x`, pulled inside a drawing `width` pixels
/// wide so no label is cut at an edge (a year at the very edge used to lose a digit: "990").
/// `half_glyph` is half a character's width in pixels.
pub fn label_x(x: f64, chars: usize, width: f64, half_glyph: f64) -> f64 {
    let half = chars as f64 * half_glyph;
    x.clamp(half.min(width / 2.0), (width - half).max(width / 2.0))
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
            let _ = ticks(&v, width, rtl, 60.0);
            let _ = v.zoom(days, Some(start)).pan(days);
        }
    }
}
