//! Stable sorting through ONE compiled sort.
//!
//! `slice::sort_by` is instantiated anew for every element type and comparator, and each
//! copy of the standard library's driftsort is several kilobytes: the ~45 sort calls of the
//! engine and the site came to 177 KB of the browser's wasm. These helpers sort short
//! slices by insertion (a few instructions per call site) and longer ones by sorting a
//! permutation of indices with the standard stable sort behind a `dyn` comparator (one
//! instantiation for the whole program), then applying it.
//!
//! Every sort here is stable, so it gives the same result as `sort_by` (and as
//! `sort_unstable_by` wherever equal elements are indistinguishable). Tables built once
//! pack their keys into integers and share [`sort_u64`].

use std::cmp::Ordering;

/// Slices up to this long are sorted by insertion: as fast as anything at this size, and
/// linear on the nearly sorted lists the engine mostly sorts.
const INSERTION_MAX: usize = 24;

/// Sort `v` stably by `cmp`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() <= INSERTION_MAX {
        for i in 1..v.len() {
            let mut j = i;
            while j > 0 && cmp(&v[j - 1], &v[j]) == Ordering::Greater {
                v.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let perm = {
        let v: &[T] = v;
        permutation(v.len(), &mut |a, b| cmp(&v[a], &v[b]))
    };
    apply(v, perm);
}

/// Sort `v` stably by a key.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sort `v` stably in ascending order.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Sort integers ascending (equal ones are indistinguishable, so stability is moot): the
/// engine's one-time tables pack their sort keys into a `u64` to share this one sort.
#[inline(never)]
pub fn sort_u64(v: &mut [u64]) {
    v.sort_unstable();
}

/// The stable sorting permutation of `n` items compared by index: `perm[i]` is the index of
/// the item that belongs at position `i`. Not generic, so compiled once.
fn permutation(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    // Reuse this thread's buffer (a comparator that sorts again gets a fresh one).
    let mut perm = PERM
        .with(|p| p.try_borrow_mut().map(|mut p| std::mem::take(&mut *p)))
        .unwrap_or_default();
    perm.clear();
    perm.extend(0..n);
    perm.sort_by(|&a, &b| cmp(a, b));
    perm
}

thread_local! {
    /// The permutation buffer, returned by [`apply`] after each sort.
    static PERM: std::cell::RefCell<Vec<usize>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Reorder `v` so that the new `v[i]` is the old `v[perm[i]]`, following each cycle of
/// the permutation with swaps (no copy of the elements).
fn apply<T>(v: &mut [T], mut perm: Vec<usize>) {
    for i in 0..v.len() {
        if perm[i] == i {
            continue;
        }
        // Walk the cycle through i: each position takes the element that belongs there,
        // carrying the displaced one along; a visited position is marked by perm[j] = j.
        let mut j = i;
        loop {
            let k = perm[j];
            perm[j] = j;
            if k == i {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
    PERM.with(|p| {
        if let Ok(mut p) = p.try_borrow_mut() {
            if p.capacity() < perm.capacity() {
                *p = perm;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sorts_short_and_long_slices_stably() {
        for n in [0, 1, 2, 15, 16, 17, 100] {
            let mut v: Vec<(u8, usize)> = (0..n).map(|i| (((i * 7) % 5) as u8, i)).collect();
            let mut want = v.clone();
            want.sort_by_key(|p| p.0);
            sort_by_key(&mut v, |p| p.0);
            assert_eq!(v, want, "n = {n}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..200)) {
            let mut got = v.clone();
            let mut want = v;
            sort_by(&mut got, |a, b| a.0.cmp(&b.0));
            want.sort_by_key(|p| p.0);
            prop_assert_eq!(got, want);
        }
    }
}
