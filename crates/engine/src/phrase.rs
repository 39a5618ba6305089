//! Whole-word phrase matching with one pass over the word starts of a text, shared by the
//! topic and event tables.
//!
//! A pattern is lowercase ASCII words separated by single spaces; a trailing `*` makes the
//! last word a prefix (`acqui*` matches "acquired" and "acquisition"). Matching is ASCII
//! case-insensitive, must start and end on word boundaries (unless the pattern is a prefix)
//! and, where patterns overlap, keeps the leftmost-longest one. Offsets index the original
//! text, so they always lie on char boundaries.
//!
//! At a word start, a hit that reaches the end of the text's word has that word as its
//! own first word: the patterns are [`WordGroups`] by first word. A hit ending inside the
//! word (its last byte and the next are word bytes) is a one-word prefix pattern, and a
//! hit at a byte that is no word byte is a pattern starting with one: those few patterns
//! are also in a small [`PrefixIndex`].

use crate::prefix_index::PrefixIndex;
use crate::word_groups::WordGroups;

/// Layers a set may use (the event table uses two: triggers and hedges).
pub const MAX_LAYERS: usize = 4;

/// A compiled set of phrases.
#[derive(Debug)]
pub struct PhraseSet {
    /// Every pattern (without its `*`), grouped by its first word.
    words: WordGroups,
    /// The one-word prefix patterns and the patterns starting with a byte that is no word
    /// byte (ids are pattern ids): what may end inside a word, or start outside one.
    rest: PrefixIndex,
    /// Whether some pattern starts with a byte that is no word byte (else only word starts
    /// are looked up).
    nonword_start: bool,
    /// Per pattern: true when its last word is a prefix (`*`).
    prefix: Vec<bool>,
    /// Per pattern: its layer. Overlaps are resolved within a layer only, so e.g. a hedge
    /// ("plans to") never hides an overlapping trigger ("to acquire").
    layer: Vec<usize>,
}

/// One whole-word hit: which pattern, and its byte range in the searched text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

impl PhraseSet {
    /// Compile the patterns (index = pattern id), all in one layer.
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Self {
        Self::layered(patterns.into_iter().map(|p| (p, 0)))
    }

    /// Compile (pattern, layer) pairs (index = pattern id); layers are below [`MAX_LAYERS`].
    pub fn layered<'a>(patterns: impl IntoIterator<Item = (&'a str, usize)>) -> Self {
        let mut prefix = Vec::new();
        let mut layer = Vec::new();
        let mut bare = Vec::new();
        for (p, l) in patterns {
            assert!(l < MAX_LAYERS, "phrase layer {l} out of range");
            let is_prefix = p.ends_with('*');
            prefix.push(is_prefix);
            layer.push(l);
            bare.push(p.trim_end_matches('*').to_owned());
        }
        // Patterns are lowercase and looked up in an ASCII-lowercased copy of the text
        // (same offsets).
        debug_assert!(bare
            .iter()
            .all(|p| !p.bytes().any(|b| b.is_ascii_uppercase())));
        // Bytes of each pattern's first word.
        let first: Vec<usize> = bare.iter().map(|p| word_len(p.as_bytes())).collect();
        let words = WordGroups::new(bare.iter().zip(&first).map(|(p, &w)| (p.as_bytes(), w)));
        let mut rest = Vec::new();
        for (id, (p, &w)) in bare.iter().zip(&first).enumerate() {
            if prefix[id] && w == p.len() || w == 0 {
                rest.push((
                    p.as_bytes(),
                    u32::try_from(id).expect("fewer than 2^32 patterns"),
                ));
            }
        }
        let nonword_start = rest
            .iter()
            .any(|(p, _)| !p.is_empty() && !is_word_byte(p[0]));
        let rest = PrefixIndex::with_ids(rest);
        PhraseSet {
            words,
            rest,
            nonword_start,
            prefix,
            layer,
        }
    }

    /// Every whole-word hit in `text`, non-overlapping (leftmost-longest) within each layer,
    /// in text order.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        self.find_lower(text, &text.to_ascii_lowercase())
    }

    /// [`PhraseSet::find`] given the text's ASCII-lowercased copy (e.g. [`crate::Doc`]'s).
    pub fn find_lower(&self, text: &str, lower: &str) -> Vec<Hit> {
        let bytes = text.as_bytes();
        let lower = lower.as_bytes();
        debug_assert_eq!(bytes.len(), lower.len());
        // Every hit, by start, then longest first, then pattern id: the scan goes by start,
        // and the few hits of one start are put in order as they come.
        let mut all: Vec<Hit> = Vec::new();
        // A hit starts where a word starts or at a byte that is no word byte (the same
        // left-boundary rule as the right one below): the scan goes word by word.
        let mut s = 0;
        while s < bytes.len() {
            // The word starting at `s` (none at a byte that is no word byte).
            let w = word_len(&lower[s..]);
            if w == 0 && !self.nonword_start {
                s += 1;
                continue;
            }
            let group = all.len();
            let mut found = |p: usize, len: usize| {
                let e = s + len;
                let right_ok = self.prefix[p]
                    || e == bytes.len()
                    || !is_word_byte(bytes[e])
                    || !is_word_byte(bytes[e - 1]);
                // A hit starts and ends on ASCII bytes of the pattern, so these offsets
                // are char boundaries of the original text.
                if right_ok {
                    let hit = Hit {
                        pattern: p,
                        start: s,
                        end: e,
                    };
                    let at = group + all[group..].partition_point(|h| (h.end, p) > (e, h.pattern));
                    all.insert(at, hit);
                }
            };
            let text = &lower[s..];
            if w > 0 {
                for (p, pattern) in self.words.group(&text[..w]) {
                    if pattern.len() >= w && text.starts_with(pattern) {
                        found(p, pattern.len());
                    }
                }
                // One-word prefix patterns ending inside the word (those reaching its end
                // were in its group).
                self.rest.each_prefix(text, |p, len| {
                    if len < w {
                        found(p, len);
                    }
                });
            } else {
                self.rest.each_prefix(text, found);
            }
            // The rest of the word starts nothing.
            s += w.max(1);
        }
        let mut out: Vec<Hit> = Vec::with_capacity(all.len());
        let mut covered = [0usize; MAX_LAYERS];
        for h in all {
            let c = &mut covered[self.layer[h.pattern]];
            if h.start >= *c {
                *c = h.end;
                out.push(h);
            }
        }
        // A prefix pattern's hit is extended to the end of its word so spans show whole words.
        for h in &mut out {
            if self.prefix[h.pattern] {
                let mut e = h.end;
                while e < bytes.len() && is_word_byte(bytes[e]) {
                    e += 1;
                }
                // Non-ASCII letters are not word bytes here, so `e` stops on a boundary.
                h.end = e;
            }
        }
        out
    }
}

/// Bytes of the word `bytes` start with (0 at a byte that is no word byte).
fn word_len(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|&&b| is_word_byte(b)).count()
}

/// ASCII letters, digits and apostrophe-free word characters. Non-ASCII bytes count as
/// word bytes so that a match never splits a multi-byte letter ("café").
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`PhraseSet::find`] means, by a scan of every pattern at every position.
    fn find_by_scan(patterns: &[(String, usize)], text: &str) -> Vec<Hit> {
        let (bytes, lower) = (text.as_bytes(), text.to_ascii_lowercase());
        let mut all = Vec::new();
        for s in 0..bytes.len() {
            if s > 0 && is_word_byte(bytes[s - 1]) && is_word_byte(bytes[s]) {
                continue;
            }
            for (p, (pattern, _)) in patterns.iter().enumerate() {
                let bare = pattern.trim_end_matches('*');
                let e = s + bare.len();
                if bare.is_empty() || !lower.as_bytes()[s..].starts_with(bare.as_bytes()) {
                    continue;
                }
                if pattern.ends_with('*')
                    || e == bytes.len()
                    || !is_word_byte(bytes[e])
                    || !is_word_byte(bytes[e - 1])
                {
                    all.push(Hit {
                        pattern: p,
                        start: s,
                        end: e,
                    });
                }
            }
        }
        all.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.pattern));
        let mut covered = [0usize; MAX_LAYERS];
        let mut out = Vec::new();
        for h in all {
            let c = &mut covered[patterns[h.pattern].1];
            if h.start >= *c {
                *c = h.end;
                out.push(h);
            }
        }
        for h in &mut out {
            if patterns[h.pattern].0.ends_with('*') {
                while h.end < bytes.len() && is_word_byte(bytes[h.end]) {
                    h.end += 1;
                }
            }
        }
        out
    }

    proptest::proptest! {
        /// The grouped patterns find what a scan of every pattern finds: one-word prefix
        /// patterns ending inside a word, patterns starting with a non-word byte, several
        /// words, layers and overlaps included.
        #[test]
        fn agrees_with_a_scan_of_every_pattern(
            patterns in proptest::collection::vec(("[ab][ab' -]{0,4}\\*?|[-'][ab]{0,2}\\*?", 0usize..3), 0..24),
            text in "[aAbB .'é-]{0,40}",
        ) {
            let set = PhraseSet::layered(patterns.iter().map(|(p, l)| (p.as_str(), *l)));
            proptest::prop_assert_eq!(set.find(&text), find_by_scan(&patterns, &text));
        }
    }

    fn hits<'t>(set: &PhraseSet, text: &'t str) -> Vec<&'t str> {
        set.find(text)
            .iter()
            .map(|h| &text[h.start..h.end])
            .collect()
    }

    #[test]
    fn matches_whole_words_only() {
        let set = PhraseSet::new(["rate", "ai"]);
        assert_eq!(
            hits(&set, "The corporate rate, said AI chief"),
            vec!["rate", "AI"]
        );
        assert!(hits(&set, "corporate said").is_empty());
    }

    #[test]
    fn prefix_patterns_extend_to_the_whole_word() {
        let set = PhraseSet::new(["acqui*"]);
        assert_eq!(
            hits(&set, "It acquired Foo; the acquisition closed"),
            vec!["acquired", "acquisition"]
        );
        assert!(hits(&set, "reacquire").is_empty());
    }

    #[test]
    fn longest_overlapping_phrase_wins() {
        let set = PhraseSet::new(["interest", "interest rate", "rate"]);
        assert_eq!(hits(&set, "the interest rate cut"), vec!["interest rate"]);
        assert_eq!(
            hits(&set, "a majority interest at a low rate"),
            vec!["interest", "rate"]
        );
    }

    #[test]
    fn layers_resolve_overlaps_independently() {
        let set = PhraseSet::layered([("to acquire", 0), ("plans to", 1)]);
        assert_eq!(
            hits(&set, "Acme plans to acquire Widget"),
            vec!["plans to", "to acquire"]
        );
        let flat = PhraseSet::new(["to acquire", "plans to"]);
        assert_eq!(
            hits(&flat, "Acme plans to acquire Widget"),
            vec!["plans to"]
        );
    }

    #[test]
    fn offsets_stay_on_char_boundaries_next_to_non_ascii() {
        let set = PhraseSet::new(["oil"]);
        let t = "Ölpreis: oil über";
        for h in set.find(t) {
            assert!(t.is_char_boundary(h.start) && t.is_char_boundary(h.end));
        }
        assert!(hits(&set, "caféoil").is_empty());
    }
}
