//! Strings grouped by their first word, found by a hash of it: at a word start of a text,
//! one hash of that word, one read of a bucket table, then the few strings of that word.
//!
//! The company names ([`crate::tickers::name_index`]) and the topic and event phrases
//! ([`crate::phrase`]) are looked up at every word start. A sorted array narrowed byte by
//! byte took two binary searches per byte there (about 730 instructions a name lookup);
//! most words begin no string at all, and the strings that a matcher can accept at a
//! word start reach the end of that word, so they have it as their own first word.
//!
//! What a "word" is belongs to the caller, who gives each string's first-word length and,
//! at lookup, the text's. Only lookups read the hashes, never an iteration, so no result
//! depends on them.

use std::hash::Hasher;

use rustc_hash::FxHasher;

/// Buckets per grouped string, at most: about one first word a bucket (the ~9,000 company
/// names get 8,192 buckets, 32 KB; the ~2,000 phrases 2,048), so that a lookup reads little
/// memory beyond its own bucket (an analysis after a render starts with cold caches).
const MAX_BUCKET_BITS: u32 = 13;

/// Strings grouped by the hash of their first word.
#[derive(Debug, Clone)]
pub struct WordGroups {
    /// Every string, back to back, in id order: string i is `bytes[bounds[i]..bounds[i + 1]]`.
    bytes: Vec<u8>,
    bounds: Vec<u32>,
    /// The key of each grouped string's first word, sorted; `ids` aligned with it. Strings
    /// of one key are longest first, then by id. Strings without a first word are left out.
    keys: Vec<u32>,
    ids: Vec<u32>,
    /// Bucket b (the top `bits` of a key) is `keys[starts[b]..starts[b + 1]]`.
    starts: Vec<u32>,
    bits: u32,
}

/// The key of a first word: the top half of FxHash after a multiplicative mix, so that its
/// top bits (the bucket) are well spread. 32 bits halve the keys' memory; a string of
/// another word with the same key is told apart by its bytes.
fn key(word: &[u8]) -> u32 {
    let mut h = FxHasher::default();
    h.write(word);
    (h.finish().wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as u32
}

fn bucket(key: u32, bits: u32) -> usize {
    (key >> (32 - bits)) as usize
}

impl WordGroups {
    /// Group (string, length of its first word) pairs; id = position. A string whose first
    /// word is empty is never in a group.
    pub fn new<S: AsRef<[u8]>>(strings: impl IntoIterator<Item = (S, usize)>) -> Self {
        let strings: Vec<(S, usize)> = strings.into_iter().collect();
        // Sized once: growing them by doubling was most of building the names' groups.
        let mut bytes = Vec::with_capacity(strings.iter().map(|(s, _)| s.as_ref().len()).sum());
        let mut bounds = Vec::with_capacity(strings.len() + 1);
        bounds.push(0u32);
        let offset = |n: usize| u32::try_from(n).expect("strings under 4 GiB");
        // (key, id) packed in one integer, sorted; then each run of one key, already in id
        // order, sorted stably longest first: the groups' order. Comparing integers made the
        // sort a third cheaper than comparing tuples, and 64-bit ones (wasm compares them in
        // one instruction) cheaper than the 128 bits that would hold the length too.
        let mut grouped: Vec<u64> = Vec::with_capacity(strings.len());
        for (id, (s, word)) in strings.into_iter().enumerate() {
            let s = s.as_ref();
            let id = u32::try_from(id).expect("fewer than 2^32 strings");
            if word > 0 {
                grouped.push(u64::from(key(&s[..word])) << 32 | u64::from(id));
            }
            bytes.extend_from_slice(s);
            bounds.push(offset(bytes.len()));
        }
        // Unique ids make the order total, so the unstable sort is deterministic.
        crate::sort::sort_u64(&mut grouped);
        let len = |g: &u64| bounds[*g as u32 as usize + 1] - bounds[*g as u32 as usize];
        for run in grouped.chunk_by_mut(|a, b| a >> 32 == b >> 32) {
            if run.len() > 1 {
                crate::sort::sort_by(run, |a, b| len(b).cmp(&len(a)));
            }
        }
        let keys: Vec<u32> = grouped.iter().map(|&g| (g >> 32) as u32).collect();
        let bits = keys
            .len()
            .next_power_of_two()
            .trailing_zeros()
            .clamp(1, MAX_BUCKET_BITS);
        let mut starts = Vec::with_capacity((1 << bits) + 1);
        let mut i = 0;
        for b in 0..=1usize << bits {
            while i < keys.len() && bucket(keys[i], bits) < b {
                i += 1;
            }
            starts.push(offset(i));
        }
        WordGroups {
            bytes,
            bounds,
            keys,
            ids: grouped.iter().map(|&g| g as u32).collect(),
            starts,
            bits,
        }
    }

    /// String `id`.
    pub fn string(&self, id: usize) -> &[u8] {
        &self.bytes[self.bounds[id] as usize..self.bounds[id + 1] as usize]
    }

    /// Every string whose first word is `word`, longest first, then by id: (id, string).
    /// A few strings of another first word with the same hash may come too; none of them
    /// is a prefix of a text starting with `word` and at least as long as `word` (such a
    /// string's first word would be `word`), which is all a caller needs to check.
    pub fn group(&self, word: &[u8]) -> impl Iterator<Item = (usize, &[u8])> + '_ {
        let k = key(word);
        let b = bucket(k, self.bits);
        let (lo, hi) = (self.starts[b] as usize, self.starts[b + 1] as usize);
        let from = lo + self.keys[lo..hi].partition_point(|&x| x < k);
        self.keys[from..hi]
            .iter()
            .take_while(move |&&x| x == k)
            .zip(&self.ids[from..hi])
            .map(|(_, &id)| (id as usize, self.string(id as usize)))
    }

    /// How many strings there are (grouped or not).
    pub fn len(&self) -> usize {
        self.bounds.len() - 1
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_word(s: &str) -> usize {
        s.find(' ').unwrap_or(s.len())
    }

    #[test]
    fn a_group_holds_the_strings_of_its_word_longest_first() {
        let strings = [
            "bank",
            "bank of america",
            "banks",
            "bank of mars",
            " bank",
            "bank",
        ];
        let g = WordGroups::new(strings.iter().map(|s| (s.as_bytes(), first_word(s))));
        let of = |w: &str| -> Vec<usize> {
            g.group(w.as_bytes())
                .filter(|(_, s)| first_word(std::str::from_utf8(s).unwrap()) == w.len())
                .map(|(id, _)| id)
                .collect()
        };
        assert_eq!(of("bank"), vec![1, 3, 0, 5]);
        assert_eq!(of("banks"), vec![2]);
        assert_eq!(of("mars"), Vec::<usize>::new());
        assert_eq!(g.string(4), b" bank");
        assert_eq!(g.len(), 6);
        assert!(!g.is_empty() && WordGroups::new(Vec::<(&[u8], usize)>::new()).is_empty());
    }
}
