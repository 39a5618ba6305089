//! Which strings of a fixed set a text starts with, at a given position: a sorted array
//! narrowed byte by byte (a trie walk without a trie).
//!
//! Phrases are only ever looked up where a word starts, so an Aho-Corasick automaton's
//! failure transitions are never needed, yet building them was most of the engine's first
//! analysis (tens of milliseconds natively, hundreds in freshly compiled wasm). Building
//! this index is one sort; a lookup reads only the bytes the strings share with the text,
//! and most positions stop at a two-byte table. It now holds only what grouping strings by
//! their first word ([`crate::word_groups`], for the names, the lexicon and most phrases)
//! cannot find: the one-word prefix phrases (`acqui*`), which may end inside a word, and
//! the phrases that start with a byte that is no word byte.

/// The strings, sorted and packed, with the id (input position) of each.
#[derive(Debug, Clone)]
pub struct PrefixIndex {
    /// Every string, sorted, back to back (one allocation: a lookup compares neighbouring
    /// strings without chasing pointers).
    bytes: Vec<u8>,
    /// Where each string starts in `bytes`, and then where the last ends: string i is
    /// `bounds[i]..bounds[i + 1]` (no branch for the first string).
    bounds: Vec<u32>,
    /// The id of string i.
    ids: Vec<u32>,
    /// For each first byte some string starts with, a row of [`ROW`] positions: slot 0 is
    /// where its one-byte string (if any) starts, slot `b1 + 1` where the strings going on
    /// with byte b1 start, and the last slot where the first byte's strings end; so the
    /// strings sharing two bytes are `row[slot]..row[slot + 1]` ([`slot`]). Only present
    /// first bytes have a row: about 30 KB per index, where a table over every byte pair
    /// was 263 KB that each analysis read here and there (cache misses after an idle pause).
    rows: Vec<u32>,
    /// Where the row of each first byte starts in `rows`, or [`NO_ROW`].
    row_of: Vec<u32>,
}

/// Slots of a row: the one-byte string, 256 second bytes, the end.
const ROW: usize = 258;
/// `row_of` of a first byte no string starts with.
const NO_ROW: u32 = u32::MAX;

/// A non-empty string's slot in its first byte's row: 0 for a one-byte string, else its
/// second byte + 1. Ordered as the strings sort.
fn slot(n: &[u8]) -> usize {
    n.get(1).map_or(0, |&b1| b1 as usize + 1)
}

/// The first j in 0..n for which `below(j)` is false (`below` is true, then false).
fn partition(n: usize, below: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if below(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// How many leading bytes `a` and `b` share.
fn common_len(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// A string's first four bytes as a big-endian integer, zero-padded: the integers order as
/// the strings do, except that strings sharing those bytes tie.
fn head(s: &[u8]) -> u32 {
    let mut b = [0u8; 4];
    let n = s.len().min(4);
    b[..n].copy_from_slice(&s[..n]);
    u32::from_be_bytes(b)
}

/// Positions of `pairs` in (string, id) order: the order `sort_unstable` gives (unique ids
/// make it total, so it is deterministic). Sorting one integer of each string's first bytes
/// and comparing whole strings only where those tie took 0.3 times the instructions of
/// sorting by whole strings (callgrind, with eight-byte heads in a 128-bit key: the 8,891
/// generated names of securities.tsv, 7.1 -> 2.1 million; its 7,044 symbols, 5.3 -> 1.5
/// million). Four-byte heads in a 64-bit key tie more often but sort faster still, in wasm
/// above all (the engine's start-up 14.99 -> 14.15 million instructions natively, with
/// [`crate::word_groups`]' keys made 64-bit too).
pub fn sorted_order<S: AsRef<[u8]>>(pairs: &[(S, u32)]) -> Vec<u32> {
    // (head, position) packed in one integer, so that every instantiation shares one sort
    // (64 bits, which wasm compares in one instruction, where a 128-bit key with an
    // eight-byte head took several).
    let mut keyed: Vec<u64> = pairs
        .iter()
        .enumerate()
        .map(|(i, (s, _))| {
            let i = u32::try_from(i).expect("fewer than 2^32 strings");
            u64::from(head(s.as_ref())) << 32 | u64::from(i)
        })
        .collect();
    crate::sort::sort_u64(&mut keyed);
    let whole = |&k: &u64| {
        let (s, id) = &pairs[k as u32 as usize];
        (s.as_ref(), *id)
    };
    for tie in keyed.chunk_by_mut(|a, b| a >> 32 == b >> 32) {
        if tie.len() > 1 {
            crate::sort::sort_by(tie, |a, b| whole(a).cmp(&whole(b)));
        }
    }
    keyed.into_iter().map(|k| k as u32).collect()
}

impl PrefixIndex {
    /// Index strings by position (id = position). Matching is byte-exact: callers fold
    /// case on both sides. Empty strings are never found.
    pub fn new<S: AsRef<[u8]>>(strings: impl IntoIterator<Item = S>) -> Self {
        Self::with_ids(
            strings
                .into_iter()
                .enumerate()
                .map(|(i, s)| (s, u32::try_from(i).expect("fewer than 2^32 strings"))),
        )
    }

    /// Index (string, id) pairs given in any order: the index is the same for every order
    /// of the same pairs.
    pub fn with_ids<S: AsRef<[u8]>>(pairs: impl IntoIterator<Item = (S, u32)>) -> Self {
        let pairs: Vec<(S, u32)> = pairs.into_iter().collect();
        let order: Vec<&(S, u32)> = sorted_order(&pairs)
            .into_iter()
            .map(|i| &pairs[i as usize])
            .collect();
        let total: usize = order.iter().map(|(s, _)| s.as_ref().len()).sum();
        let mut ix = PrefixIndex {
            bytes: Vec::with_capacity(total),
            bounds: Vec::with_capacity(order.len() + 1),
            ids: Vec::with_capacity(order.len()),
            rows: Vec::new(),
            row_of: vec![NO_ROW; 256],
        };
        let offset = |n: usize| u32::try_from(n).expect("strings under 4 GiB");
        ix.bounds.push(0);
        for (s, id) in &order {
            ix.bytes.extend_from_slice(s.as_ref());
            ix.bounds.push(offset(ix.bytes.len()));
            ix.ids.push(*id);
        }
        // Empty strings sort first and are never found; then one row per first byte, its
        // slots filled with the position of the first string at or past each slot.
        let count = |n: usize| u32::try_from(n).expect("fewer than 2^32 strings");
        let strings: Vec<&[u8]> = order.iter().map(|(s, _)| s.as_ref()).collect();
        let mut i = strings.iter().take_while(|s| s.is_empty()).count();
        while i < strings.len() {
            let b0 = strings[i][0];
            let row = ix.rows.len();
            ix.row_of[usize::from(b0)] = count(row);
            ix.rows.resize(row + ROW, 0);
            let mut next = 0;
            while i < strings.len() && strings[i][0] == b0 {
                let k = slot(strings[i]);
                if k >= next {
                    ix.rows[row + next..=row + k].fill(count(i));
                    next = k + 1;
                }
                i += 1;
            }
            ix.rows[row + next..row + ROW].fill(count(i));
        }
        ix
    }

    fn string(&self, i: usize) -> &[u8] {
        &self.bytes[self.bounds[i] as usize..self.bounds[i + 1] as usize]
    }

    /// Call `found(id, len)` for every string that `text` starts with, shorter first (equal
    /// strings in id order).
    pub fn each_prefix(&self, text: &[u8], mut found: impl FnMut(usize, usize)) {
        let mut report = |lo: usize, hi: usize, len: usize| {
            for i in lo..hi {
                if self.string(i).len() != len {
                    break;
                }
                found(self.ids[i] as usize, len);
            }
        };
        // One-byte strings, then the strings sharing the first two bytes.
        let Some(&b0) = text.first() else {
            return;
        };
        let r = self.row_of[usize::from(b0)];
        if r == NO_ROW {
            return;
        }
        let row = &self.rows[r as usize..r as usize + ROW];
        report(row[0] as usize, row[1] as usize, 1);
        if text.len() < 2 {
            return;
        }
        // `lo..hi` are the strings that start with `text[..=k]`; the ones of exactly k + 1
        // bytes sort first among them.
        let two = slot(text);
        let (mut lo, mut hi) = (row[two] as usize, row[two + 1] as usize);
        let mut k = 1;
        loop {
            if k > 1 {
                let Some(&b) = text.get(k) else {
                    return;
                };
                let below = |i: usize, inclusive: bool| {
                    let n = self.string(i);
                    n.len() <= k || n[k] < b || (inclusive && n[k] == b)
                };
                let from = lo + partition(hi - lo, |j| below(lo + j, false));
                let to = from + partition(hi - from, |j| below(from + j, true));
                (lo, hi) = (from, to);
            }
            if lo == hi {
                return;
            }
            report(lo, hi, k + 1);
            // Sorted strings share at least the bytes their first and last share, so none
            // of `lo..hi` ends before `shared`: compare that stretch with the text at once
            // instead of narrowing byte by byte (most ranges this deep hold one string).
            let (first, last) = (self.string(lo), self.string(hi - 1));
            let shared = k + 1 + common_len(&first[k + 1..], &last[k + 1..]);
            if shared > k + 1 {
                if text.get(k + 1..shared) != Some(&first[k + 1..shared]) {
                    return;
                }
                k = shared - 1;
                report(lo, hi, shared);
            }
            if last.len() == shared {
                // Every string of the range is `text[..shared]`: all reported.
                return;
            }
            k += 1;
        }
    }

    /// The id and length of the longest string that `text` starts with (the first id of
    /// equal strings).
    pub fn longest_prefix(&self, text: &[u8]) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        self.each_prefix(text, |id, len| {
            if best.is_none_or(|(_, l)| len > l) {
                best = Some((id, len));
            }
        });
        best
    }

    /// How many strings are indexed.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no string is indexed.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(names: &[&str]) -> PrefixIndex {
        PrefixIndex::new(names.iter().map(|s| s.as_bytes()))
    }

    fn all(ix: &PrefixIndex, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        ix.each_prefix(text.as_bytes(), |id, len| out.push((id, len)));
        out
    }

    #[test]
    fn finds_the_longest_string_at_the_start() {
        let ix = index(&["apple", "apple music", "app", "amazon.com", "amazon"]);
        assert_eq!(ix.longest_prefix(b"apple music streams"), Some((1, 11)));
        assert_eq!(ix.longest_prefix(b"apple musicals"), Some((1, 11)));
        assert_eq!(ix.longest_prefix(b"apple mus"), Some((0, 5)));
        assert_eq!(ix.longest_prefix(b"applesauce"), Some((0, 5)));
        assert_eq!(ix.longest_prefix(b"apps"), Some((2, 3)));
        assert_eq!(ix.longest_prefix(b"amazon.com's"), Some((3, 10)));
        assert_eq!(ix.longest_prefix(b"amazonia"), Some((4, 6)));
        let short = index(&["a", "ab", "abc", "b"]);
        assert_eq!(short.longest_prefix(b"a"), Some((0, 1)));
        assert_eq!(short.longest_prefix(b"a b"), Some((0, 1)));
        assert_eq!(short.longest_prefix(b"abd"), Some((1, 2)));
        assert_eq!(short.longest_prefix(b"abcd"), Some((2, 3)));
        assert_eq!(short.longest_prefix(b"ba"), Some((3, 1)));
        assert_eq!(short.longest_prefix(b"c"), None);
    }

    #[test]
    fn finds_nothing_where_no_string_starts() {
        let ix = index(&["apple", "ibm"]);
        assert_eq!(ix.longest_prefix(b"ap"), None);
        assert_eq!(ix.longest_prefix(b"banana"), None);
        assert_eq!(ix.longest_prefix(b""), None);
        assert_eq!(index(&[]).longest_prefix(b"apple"), None);
        assert!(index(&[]).is_empty());
        assert_eq!(index(&["", "a"]).longest_prefix(b"x"), None);
        assert_eq!(all(&index(&["", "a"]), "a"), vec![(1, 1)]);
    }

    #[test]
    fn every_prefix_is_reported_shorter_first_with_duplicates() {
        let ix = index(&["rate", "interest rate", "interest", "in", "interest"]);
        assert_eq!(
            all(&ix, "interest rates"),
            vec![(3, 2), (2, 8), (4, 8), (1, 13)]
        );
        assert_eq!(all(&ix, "rate"), vec![(0, 4)]);
        assert!(all(&ix, "xyz").is_empty());
    }

    #[test]
    fn the_order_of_id_pairs_does_not_matter() {
        let pairs = [("band", 7u32), ("ban", 3), ("bandana", 9), ("ban", 1)];
        let mut reversed = pairs;
        reversed.reverse();
        let (a, b) = (
            PrefixIndex::with_ids(pairs),
            PrefixIndex::with_ids(reversed),
        );
        for text in ["bandanas", "bank", "ban"] {
            assert_eq!(all(&a, text), all(&b, text));
        }
        assert_eq!(all(&a, "bandanas"), vec![(1, 3), (3, 3), (7, 4), (9, 7)]);
    }

    #[test]
    fn sorted_order_is_the_order_of_a_sort_by_string_then_id() {
        // Strings that tie on their first eight bytes, share them with shorter ones, hold
        // zero bytes or repeat (with other ids).
        let strings: [&[u8]; 12] = [
            b"international paper",
            b"internat",
            b"international",
            b"",
            b"internat\0",
            b"intern",
            b"international paper",
            b"b",
            b"a\xff",
            b"a",
            b"international business machines",
            b"internat",
        ];
        let pairs: Vec<(&[u8], u32)> = strings
            .iter()
            .enumerate()
            .map(|(i, s)| (*s, (i as u32 * 7) % 12))
            .collect();
        let mut want: Vec<usize> = (0..pairs.len()).collect();
        want.sort_unstable_by(|&a, &b| pairs[a].cmp(&pairs[b]));
        let got: Vec<usize> = sorted_order(&pairs).iter().map(|&i| i as usize).collect();
        assert_eq!(got, want);
    }

    proptest::proptest! {
        #[test]
        fn any_set_agrees_with_a_scan(
            set in proptest::collection::vec("[ab ]{0,6}", 0..24),
            text in "[ab ]{0,10}",
        ) {
            // A small alphabet makes shared stretches, duplicates and prefixes of prefixes
            // common: the cases where a range is narrowed or skipped.
            let ix = index(&set.iter().map(String::as_str).collect::<Vec<_>>());
            for s in 0..text.len() {
                let rest = &text.as_bytes()[s..];
                let mut want: Vec<(usize, usize)> = set
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| !n.is_empty() && rest.starts_with(n.as_bytes()))
                    .map(|(i, n)| (i, n.len()))
                    .collect();
                want.sort_by_key(|&(i, l)| (l, i));
                proptest::prop_assert_eq!(all(&ix, &text[s..]), want);
            }
        }
    }

    #[test]
    fn agrees_with_a_scan_of_every_string() {
        // Every suffix of a text against a set with shared prefixes, duplicates and
        // one-byte strings: the index reports exactly the strings the suffix starts with.
        let set = [
            "a", "an", "and", "andes", "b", "ba", "banana", "band", "bandana", "and", "n", "na",
            "nan", "z", "ab", "abc",
        ];
        let ix = index(&set);
        let text = "bandana and banana, an abc andes zab";
        for s in 0..text.len() {
            let rest = &text.as_bytes()[s..];
            let mut want: Vec<(usize, usize)> = set
                .iter()
                .enumerate()
                .filter(|(_, n)| rest.starts_with(n.as_bytes()))
                .map(|(i, n)| (i, n.len()))
                .collect();
            want.sort_by_key(|&(i, l)| (l, i));
            assert_eq!(all(&ix, &text[s..]), want, "at {:?}", &text[s..]);
        }
    }
}
