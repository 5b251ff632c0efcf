//! Which rows of a virtualised list exist: those in the viewport plus an overscan either side.
//! Pure arithmetic, tested natively; `ui::event_list` measures and renders.

/// The half-open range of row positions to render for a list of `rows` rows, each `row_h`
/// pixels tall, whose top edge is at `list_top` relative to a viewport `view_h` pixels tall
/// (negative once scrolled past), with `overscan` extra rows either side (so keyboard focus and
/// fast scrolling never land on a row that does not exist yet).
pub fn visible_rows(list_top: f64, view_h: f64, row_h: f64, rows: usize, overscan: usize) -> (usize, usize) {
    if !(row_h.is_finite() && row_h > 0.0 && list_top.is_finite() && view_h.is_finite()) {
        return (0, rows.min(overscan * 2));
    }
    let first = ((-list_top) / row_h).floor().max(0.0) as usize;
    let last = ((view_h - list_top) / row_h).ceil().max(0.0) as usize;
    let from = first.saturating_sub(overscan).min(rows);
    let to = last.saturating_add(overscan).min(rows);
    (from, to.max(from))
}

/// Whether the rendered range `current` can stay when the list has moved: it still holds the
/// rows on screen (`seen`, no overscan) with half the overscan either side, and is at most twice
/// `overscan` rows longer than a fresh range (`fresh`). A list pushed down by a card, or scrolled
/// a few rows, keeps its rows instead of redrawing some in the frame, and keyboard focus still
/// finds the next row in place. (The ranges are the viewport's, not clamped to a result count:
/// a new result set needs no new range.)
pub fn keeps(current: (usize, usize), seen: (usize, usize), fresh: (usize, usize), overscan: usize) -> bool {
    let margin = overscan / 2;
    let need = (seen.0.saturating_sub(margin), seen.1.saturating_add(margin));
    current.0 <= need.0 && need.1 <= current.1 && current.1 - current.0 <= fresh.1 - fresh.0 + 2 * overscan
}

/// The rows whose articles a still list fetches ahead: those on screen (`seen`, a range from
/// `visible_rows` with no overscan), then the ones just below them, which a reader scrolling on
/// reaches first, `max` rows in all, within the list's `rows`. None when no row is on screen: a
/// list out of view (below the fold on a phone) fetches nothing.
pub fn rows_ahead(seen: (usize, usize), rows: usize, max: usize) -> (usize, usize) {
    let from = seen.0.min(rows);
    if seen.1.min(rows) <= from {
        return (from, from);
    }
    (from, from.saturating_add(max).min(rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn at_the_top_rows_from_zero() {
        // List top 200 px down a 900 px viewport, 60 px rows: rows 0..12 are visible, +8.
        assert_eq!(visible_rows(200.0, 900.0, 60.0, 1000, 8), (0, 20));
    }

    #[test]
    fn scrolled_into_the_middle() {
        // Scrolled 6,000 px past the list top: rows 100..115 visible, 92..123 rendered.
        assert_eq!(visible_rows(-6000.0, 900.0, 60.0, 1000, 8), (92, 123));
    }

    #[test]
    fn clamped_at_the_end_and_below_the_fold() {
        assert_eq!(visible_rows(-59_000.0, 900.0, 60.0, 1000, 8), (975, 1000));
        assert_eq!(visible_rows(-1e9, 900.0, 60.0, 1000, 8), (1000, 1000));
        // A list starting below the viewport renders only its overscan.
        assert_eq!(visible_rows(2000.0, 900.0, 60.0, 1000, 8), (0, 8));
        assert_eq!(visible_rows(0.0, 900.0, 0.0, 5, 8), (0, 5));
    }

    #[test]
    fn a_list_that_moves_a_little_keeps_its_rows() {
        let (h, view, n, over) = (60.0, 900.0, usize::MAX, 8);
        let at = |top: f64| (visible_rows(top, view, h, n, 0), visible_rows(top, view, h, n, over));
        let (_, current) = at(200.0);
        assert_eq!(current, (0, 20));
        // Pushed below the fold by a card above it, then back: the same rows serve.
        let (seen, fresh) = at(1400.0);
        assert!(keeps(current, seen, fresh, over));
        // Scrolled three rows: still covered, with a margin.
        let (seen, fresh) = at(20.0);
        assert!(keeps(current, seen, fresh, over));
        // Scrolled until fewer than half the overscan is left below the screen: a fresh range.
        let (seen, fresh) = at(-240.0);
        assert_eq!(seen, (4, 19));
        assert!(!keeps(current, seen, fresh, over));
        // A static page's 40 rows are too many to keep.
        let (seen, fresh) = at(200.0);
        assert!(!keeps((0, 40), seen, fresh, over));
    }

    #[test]
    fn rows_ahead_are_those_on_screen_then_the_next_below() {
        // 4 rows on screen at the list's top (1280×900): those, then the 2 below them.
        assert_eq!(rows_ahead((0, 4), 1000, 6), (0, 6));
        // Scrolled into the list: from the first row on screen.
        assert_eq!(rows_ahead((10, 14), 1000, 6), (10, 16));
        // A tall window: the first `max` of the rows on screen.
        assert_eq!(rows_ahead((3, 20), 1000, 6), (3, 9));
        // The list's end, and a list shorter than `max`.
        assert_eq!(rows_ahead((997, 1000), 1000, 6), (997, 1000));
        assert_eq!(rows_ahead((0, 2), 2, 6), (0, 2));
        // No row on screen (a list below the fold, an empty list): nothing.
        assert_eq!(rows_ahead((0, 0), 1000, 6), (0, 0));
        assert_eq!(rows_ahead(visible_rows(1137.0, 823.0, 84.0, 1000, 0), 1000, 6), (0, 0));
        assert_eq!(rows_ahead((0, 4), 0, 6), (0, 0));
    }

    proptest! {
        #[test]
        fn the_range_is_inside_the_list_and_covers_the_viewport(
            top in -1e6f64..1e4, view in 0.0f64..3000.0, h in 1.0f64..200.0, rows in 0usize..100_000, over in 0usize..20,
        ) {
            let (a, b) = visible_rows(top, view, h, rows, over);
            prop_assert!(a <= b && b <= rows);
            // Every row that intersects the viewport is rendered.
            for pos in [a.saturating_sub(1), b] {
                let (y0, y1) = (top + pos as f64 * h, top + (pos + 1) as f64 * h);
                let visible = pos < rows && y1 > 0.0 && y0 < view;
                prop_assert!(!visible || (a..b).contains(&pos), "row {} visible but not in {}..{}", pos, a, b);
            }
        }
    }
}
