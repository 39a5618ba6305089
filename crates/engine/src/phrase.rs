//! Whole-word phrase matching with one pass over the word starts of a text (a sorted
//! [`PrefixIndex`] lookup at each), shared by the topic and event tables.
//!
//! A pattern is lowercase ASCII words separated by single spaces; a trailing `*` makes the
//! last word a prefix (`acqui*` matches "acquired" and "acquisition"). Matching is ASCII
//! case-insensitive, must start and end on word boundaries (unless the pattern is a prefix)
//! and, where patterns overlap, keeps the leftmost-longest one. Offsets index the original
//! text, so they always lie on char boundaries.

use crate::prefix_index::PrefixIndex;

/// Layers a set may use (the event table uses two: triggers and hedges).
pub const MAX_LAYERS: usize = 4;

/// A compiled set of phrases.
#[derive(Debug)]
pub struct PhraseSet {
    index: PrefixIndex,
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
        let index = PrefixIndex::new(&bare);
        PhraseSet {
            index,
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
        // left-boundary rule as the right one below).
        // Whether the byte before `s` is a word byte (none is, before the first).
        let mut after_word = false;
        for s in 0..bytes.len() {
            let word = is_word_byte(bytes[s]);
            if std::mem::replace(&mut after_word, word) && word {
                continue;
            }
            let group = all.len();
            self.index.each_prefix(&lower[s..], |p, len| {
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
            });
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

/// ASCII letters, digits and apostrophe-free word characters. Non-ASCII bytes count as
/// word bytes so that a match never splits a multi-byte letter ("café").
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

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
