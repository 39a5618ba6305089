//! The company-name index: the longest name a text starts with at a word start, among the
//! names that reach the end of that word.
//!
//! Those are the only names the name scan ([`super::mentions`]) can accept: a name that
//! ends inside a word fails its boundary check (a word char follows), and so does the scan
//! when such a name is the longest there. And a name that reaches the end of the text's
//! first word has that word as its own first word. So names are grouped by their first word
//! (up to the first char that is not a letter, digit or `_`), and a word start costs one
//! hash of its word, one read of a bucket table and a comparison with the names of that word.
//! The sorted array this replaced was narrowed by two binary searches per byte: about 730
//! instructions a lookup, half of finding mentions (callgrind, 1,000-word article).

use std::hash::Hasher;

use rustc_hash::FxHasher;

/// Bits of the bucket table's index: 8,192 buckets for the ~13,000 names (about 1.6 first
/// words a bucket, 32 KB of table).
const BUCKET_BITS: u32 = 13;

/// Names grouped by the hash of their first word.
#[derive(Debug, Clone)]
pub struct NameIndex {
    /// Every name, back to back, in id order: name i is `bytes[bounds[i]..bounds[i + 1]]`.
    bytes: Vec<u8>,
    bounds: Vec<u32>,
    /// The mixed hash of each grouped name's first word, sorted; `ids` aligned with it.
    /// Names of one hash are longest first, then by id. Names without a first word (they
    /// start with a char that is not a word char) are never found and are left out.
    keys: Vec<u64>,
    ids: Vec<u32>,
    /// Bucket b (the top [`BUCKET_BITS`] of a key) is `keys[starts[b]..starts[b + 1]]`.
    starts: Vec<u32>,
}

/// Whether `c` can be part of a word: the name scan's rule (letters, digits, `_`).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Bytes of the first word of `text` (0 when it starts with no word char). ASCII is read
/// as bytes.
fn first_word_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if !(b.is_ascii_alphanumeric() || b == b'_') {
                break;
            }
            i += 1;
        } else {
            match text[i..].chars().next() {
                Some(c) if is_word_char(c) => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// The key of a first word: FxHash, then a multiplicative mix so that its top bits (the
/// bucket) are well spread.
fn key(word: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    h.write(word);
    h.finish().wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

fn bucket(key: u64) -> usize {
    (key >> (64 - BUCKET_BITS)) as usize
}

impl NameIndex {
    /// Index names by position (id = position). Matching is byte-exact: callers fold case
    /// on both sides.
    pub fn new<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> Self {
        let mut bytes = Vec::new();
        let mut bounds = vec![0u32];
        let offset = |n: usize| u32::try_from(n).expect("names under 4 GiB");
        let mut grouped: Vec<(u64, std::cmp::Reverse<u32>, u32)> = Vec::new();
        for (id, name) in names.into_iter().enumerate() {
            let name = name.as_ref();
            let id = u32::try_from(id).expect("fewer than 2^32 names");
            let word = first_word_len(name);
            if word > 0 {
                let len = std::cmp::Reverse(offset(name.len()));
                grouped.push((key(&name.as_bytes()[..word]), len, id));
            }
            bytes.extend_from_slice(name.as_bytes());
            bounds.push(offset(bytes.len()));
        }
        // Unique ids make the order total, so the unstable sort is deterministic.
        grouped.sort_unstable();
        let mut starts = Vec::with_capacity((1 << BUCKET_BITS) + 1);
        let mut i = 0;
        for b in 0..=1usize << BUCKET_BITS {
            while i < grouped.len() && bucket(grouped[i].0) < b {
                i += 1;
            }
            starts.push(offset(i));
        }
        NameIndex {
            bytes,
            bounds,
            keys: grouped.iter().map(|g| g.0).collect(),
            ids: grouped.iter().map(|g| g.2).collect(),
            starts,
        }
    }

    fn name(&self, id: usize) -> &[u8] {
        &self.bytes[self.bounds[id] as usize..self.bounds[id + 1] as usize]
    }

    /// The id and length of the longest name that `text` starts with and that reaches the
    /// end of its first word; `None` when `text` starts with no word char.
    pub fn longest_at(&self, text: &str) -> Option<(usize, usize)> {
        let word = first_word_len(text);
        if word == 0 {
            return None;
        }
        let k = key(&text.as_bytes()[..word]);
        let b = bucket(k);
        let (lo, hi) = (self.starts[b] as usize, self.starts[b + 1] as usize);
        let from = lo + self.keys[lo..hi].partition_point(|&x| x < k);
        self.keys[from..hi]
            .iter()
            .take_while(|&&x| x == k)
            .zip(&self.ids[from..hi])
            .map(|(_, &id)| (id as usize, self.name(id as usize)))
            // A name of another first word with the same hash is either shorter than the
            // word (it ends inside it) or not a prefix of the text.
            .find(|(_, name)| name.len() >= word && text.as_bytes().starts_with(name))
            .map(|(id, name)| (id, name.len()))
    }

    /// How many names are indexed.
    pub fn len(&self) -> usize {
        self.bounds.len() - 1
    }

    /// Whether no name is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`NameIndex::longest_at`] means, by a scan of every name.
    fn scan(names: &[&str], text: &str) -> Option<(usize, usize)> {
        let word = first_word_len(text);
        if word == 0 {
            return None;
        }
        names
            .iter()
            .enumerate()
            .filter(|(_, n)| n.len() >= word && text.starts_with(**n))
            .max_by_key(|&(id, n)| (n.len(), std::cmp::Reverse(id)))
            .map(|(id, n)| (id, n.len()))
    }

    #[test]
    fn finds_the_longest_name_that_reaches_the_end_of_the_word() {
        let ix = NameIndex::new([
            "apple",
            "apple music",
            "app",
            "amazon.com",
            "amazon",
            "at&t",
        ]);
        assert_eq!(ix.longest_at("apple music streams"), Some((1, 11)));
        // "apple music" ends inside "musicals" but past the first word: still the longest
        // (the name scan then rejects it, as it did when the index gave every prefix).
        assert_eq!(ix.longest_at("apple musicals"), Some((1, 11)));
        assert_eq!(ix.longest_at("apple's"), Some((0, 5)));
        // "app" and "apple" end inside "applesauce" (the name scan rejects both).
        assert_eq!(ix.longest_at("applesauce"), None);
        assert_eq!(ix.longest_at("amazon.com's"), Some((3, 10)));
        assert_eq!(ix.longest_at("at&t said"), Some((5, 4)));
        assert_eq!(ix.longest_at(" apple"), None);
        assert_eq!(ix.longest_at(""), None);
        assert_eq!(NameIndex::new(Vec::<&str>::new()).longest_at("apple"), None);
        assert_eq!(ix.len(), 6);
    }

    #[test]
    fn word_chars_are_read_alike_as_bytes_and_as_chars() {
        for b in 0u8..128 {
            let s = char::from(b).to_string();
            assert_eq!(first_word_len(&s) == 1, is_word_char(char::from(b)), "{b}");
        }
        assert_eq!(first_word_len("nestlé s.a."), "nestlé".len());
        assert_eq!(first_word_len("société"), "société".len());
        assert_eq!(first_word_len("–x"), 0);
    }

    proptest::proptest! {
        /// Every position of every text: the index says what the scan of every name says,
        /// whatever the names (hash collisions included: a tiny bucket table would not hide
        /// them, so the names share few first words).
        #[test]
        fn agrees_with_a_scan_of_every_name(
            names in proptest::collection::vec("[ab_é][ab .&_é]{0,5}|[ .][ab]{0,2}", 0..40),
            text in "[ab .&_é]{0,40}",
        ) {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let ix = NameIndex::new(&names);
            for (s, _) in text.char_indices() {
                proptest::prop_assert_eq!(ix.longest_at(&text[s..]), scan(&names, &text[s..]), "at {}", s);
            }
        }
    }
}
