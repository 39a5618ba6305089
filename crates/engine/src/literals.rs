//! A handful of literal strings found anywhere in a text, ASCII case-insensitively: the
//! boilerplate markers ("all rights reserved") and the clause separators (" while ", "; ")
//! of the ticker sentiment.
//!
//! These sets are a few dozen short strings, so a table of the patterns by first byte,
//! checked at each position, is as fast as an automaton on sentences and needs no build:
//! it replaced `aho-corasick`, whose code was 56 KB of the browser's wasm for these two uses.

/// A compiled set of literal patterns (id = position in the input list).
#[derive(Debug, Clone)]
pub struct Literals {
    /// The patterns, ASCII-lowercased.
    patterns: Vec<Box<[u8]>>,
    /// Pattern ids by ASCII-lowercased first byte, longest first (then by id):
    /// `order[first[b]..first[b + 1]]`.
    order: Vec<u16>,
    first: Vec<u16>,
    /// Bit `b0 * 256 + b1` is set when some pattern can start with the lowercased bytes
    /// b0 b1 (a one-byte pattern sets every b1): most positions of a text stop here.
    pairs: Vec<u64>,
    /// The same for a pattern's second and third bytes, checked unless a pattern of at
    /// most two bytes starts with b0 (`short`): " at" stops here for " and " / " as ".
    next_pairs: Vec<u64>,
    short: [bool; 256],
}

fn pair_bit(b0: u8, b1: u8) -> (usize, u64) {
    let k = usize::from(b0) << 8 | usize::from(b1);
    (k >> 6, 1 << (k & 63))
}

/// One occurrence: which pattern, and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

impl Literals {
    /// Compile the patterns. Empty patterns never match.
    pub fn new(patterns: &[&str]) -> Self {
        assert!(patterns.len() < usize::from(u16::MAX), "too many literals");
        let patterns: Vec<Box<[u8]>> = patterns
            .iter()
            .map(|p| p.to_ascii_lowercase().into_bytes().into_boxed_slice())
            .collect();
        let mut order: Vec<u16> = (0..patterns.len() as u16)
            .filter(|&i| !patterns[usize::from(i)].is_empty())
            .collect();
        let key = |i: &u16| {
            let p = &patterns[usize::from(*i)];
            (p[0], usize::MAX - p.len(), *i)
        };
        crate::sort::sort_by_key(&mut order, key);
        let mut first = vec![0u16; 257];
        for (b, slot) in first.iter_mut().enumerate() {
            *slot = order.partition_point(|i| usize::from(patterns[usize::from(*i)][0]) < b) as u16;
        }
        let mut pairs = vec![0u64; 65_536 / 64];
        let mut next_pairs = vec![0u64; 65_536 / 64];
        let mut short = [false; 256];
        for p in patterns.iter().filter(|p| !p.is_empty()) {
            let seconds = match p.get(1) {
                Some(&b1) => b1..=b1,
                None => 0..=u8::MAX,
            };
            for b1 in seconds {
                let (word, bit) = pair_bit(p[0], b1);
                pairs[word] |= bit;
            }
            match p.get(1..3) {
                Some(&[b1, b2]) => {
                    let (word, bit) = pair_bit(b1, b2);
                    next_pairs[word] |= bit;
                }
                _ => short[usize::from(p[0])] = true,
            }
        }
        Literals {
            patterns,
            order,
            first,
            pairs,
            next_pairs,
            short,
        }
    }

    /// Whether a pattern may start at `text[at]` (the two-byte filter; no false negatives).
    #[inline(always)]
    fn may_start(&self, text: &[u8], at: usize) -> bool {
        let b0 = text[at].to_ascii_lowercase();
        let b1 = text.get(at + 1).map_or(0, u8::to_ascii_lowercase);
        let (word, bit) = pair_bit(b0, b1);
        if self.pairs[word] & bit == 0 {
            return false;
        }
        if self.short[usize::from(b0)] {
            return true;
        }
        let b2 = text.get(at + 2).map_or(0, u8::to_ascii_lowercase);
        let (word, bit) = pair_bit(b1, b2);
        self.next_pairs[word] & bit != 0
    }

    /// The longest pattern that `text[at..]` starts with: (id, length). Call where
    /// [`Literals::may_start`] holds.
    fn longest_at(&self, text: &[u8], at: usize) -> Option<(usize, usize)> {
        let b = usize::from(text[at].to_ascii_lowercase());
        let ids = &self.order[usize::from(self.first[b])..usize::from(self.first[b + 1])];
        let rest = &text[at..];
        ids.iter().map(|&i| usize::from(i)).find_map(|i| {
            let p = &self.patterns[i];
            (rest.len() >= p.len() && rest[..p.len()].eq_ignore_ascii_case(p))
                .then_some((i, p.len()))
        })
    }

    /// Whether any pattern occurs in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        (0..bytes.len()).any(|at| self.may_start(bytes, at) && self.longest_at(bytes, at).is_some())
    }

    /// Non-overlapping occurrences, leftmost first and, of those starting at one place, the
    /// longest; the scan resumes after each.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Found> + 't {
        let bytes = text.as_bytes();
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < bytes.len() {
                if !self.may_start(bytes, at) {
                    at += 1;
                    continue;
                }
                if let Some((pattern, len)) = self.longest_at(bytes, at) {
                    let start = at;
                    at += len;
                    return Some(Found {
                        pattern,
                        start,
                        end: at,
                    });
                }
                at += 1;
            }
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'t>(l: &Literals, text: &'t str) -> Vec<(usize, &'t str)> {
        l.find_iter(text)
            .map(|f| (f.pattern, &text[f.start..f.end]))
            .collect()
    }

    #[test]
    fn matches_anywhere_ignoring_ascii_case() {
        let l = Literals::new(&["all rights reserved", "cookie"]);
        assert!(l.is_match("(c) 2024 Acme. ALL RIGHTS RESERVED."));
        assert!(l.is_match("Cookies help us"));
        assert!(!l.is_match("All rights were reserved"));
        assert!(!l.is_match(""));
    }

    #[test]
    fn leftmost_then_longest_without_overlaps() {
        let l = Literals::new(&[" and ", ", ", " while ", " whilst ", ", and "]);
        assert_eq!(
            found(&l, "A rose, and B fell while C, D and E whilst F"),
            vec![
                (4, ", and "),
                (2, " while "),
                (1, ", "),
                (0, " and "),
                (3, " whilst ")
            ]
        );
    }

    #[test]
    fn non_ascii_patterns_match_exactly_on_char_boundaries() {
        let l = Literals::new(&[" — ", "©"]);
        let t = "Élan — © Ünïcode";
        let got = found(&l, t);
        assert_eq!(got, vec![(0, " — "), (1, "©")]);
        for f in l.find_iter(t) {
            assert!(t.is_char_boundary(f.start) && t.is_char_boundary(f.end));
        }
    }

    #[test]
    fn agrees_with_a_brute_force_leftmost_longest_scan() {
        let pats = [
            " but ", " but", "but", ";", " - ", " as ", " after ", " a", "ut ",
        ];
        let l = Literals::new(&pats);
        let texts = [
            "X but Y; Z - W as V after U",
            "BUT but But; ;; - -  as  after after",
            "a aa aaa but ut but ",
        ];
        for t in texts {
            let mut want = Vec::new();
            let mut at = 0;
            while at < t.len() {
                let best = pats
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| {
                        t.len() - at >= p.len()
                            && t.as_bytes()[at..at + p.len()].eq_ignore_ascii_case(p.as_bytes())
                    })
                    .max_by_key(|(i, p)| (p.len(), usize::MAX - i));
                match best {
                    Some((i, p)) => {
                        want.push((i, &t[at..at + p.len()]));
                        at += p.len();
                    }
                    None => at += 1,
                }
            }
            assert_eq!(found(&l, t), want, "{t}");
        }
    }
}
