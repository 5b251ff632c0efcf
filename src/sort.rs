//! Sorting, with one compiled copy of the standard library's stable sort for the whole app.
//!
//! Every `sort_by` with its own closure, or on its own element type, monomorphises a copy of the
//! sort (3-4 KB of wasm each; eleven copies were 40 KB of the app). Here the sort is always of
//! `u32` positions with a comparator behind a reference, so there is one copy; the helpers below
//! reorder any items by sorting their positions.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`, stably.
pub fn indices(v: &mut [u32], cmp: &dyn Fn(u32, u32) -> Ordering) {
    v.sort_by(|&a, &b| cmp(a, b));
}

/// `items` in the order `cmp` gives, stably.
pub fn by<T>(items: Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) -> Vec<T> {
    let mut order: Vec<u32> = (0..items.len() as u32).collect();
    indices(&mut order, &|a, b| cmp(&items[a as usize], &items[b as usize]));
    reorder(items, &order)
}

/// `items` ordered by `key`, stably; each item's key is computed once.
pub fn by_key<T, K: Ord>(items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let keys: Vec<K> = items.iter().map(key).collect();
    let mut order: Vec<u32> = (0..items.len() as u32).collect();
    indices(&mut order, &|a, b| keys[a as usize].cmp(&keys[b as usize]));
    reorder(items, &order)
}

/// `items` taken in `order` (a permutation of their positions).
fn reorder<T>(items: Vec<T>, order: &[u32]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i as usize].take()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_library_does(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut want = v.clone();
            want.sort_by_key(|x| x.0);
            prop_assert_eq!(by(v.clone(), &|a, b| a.0.cmp(&b.0)), want.clone());
            prop_assert_eq!(by_key(v, |x| x.0), want);
        }
    }

    #[test]
    fn indices_sort_stably() {
        let mut v = vec![5, 1, 4, 2, 3];
        indices(&mut v, &|a, b| (a % 2).cmp(&(b % 2)));
        assert_eq!(v, [4, 2, 5, 1, 3]);
    }
}
