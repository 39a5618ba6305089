//! The company-name index: the longest name a text starts with at a word start, among the
//! names that reach the end of that word.
//!
//! Those are the only names the name scan ([`super::mentions`]) can accept: a name that
//! ends inside a word fails its boundary check (a word char follows), and so does the scan
//! when such a name is the longest there. And a name that reaches the end of the text's
//! first word has that word as its own first word, so the names are [`WordGroups`] by first
//! word (up to the first char that is not a letter, digit or `_`).

use crate::word_groups::WordGroups;

/// The names, grouped by first word.
#[derive(Debug, Clone)]
pub struct NameIndex {
    groups: WordGroups,
}

/// Whether `c` can be part of a word: the name scan's rule (letters, digits, `_`).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Which bytes are ASCII word chars: one load a byte where the range tests took five
/// instructions (building the groups reads every name's first word).
static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric() || b == b'_' as usize;
        b += 1;
    }
    t
};

/// Whether the char at byte `i` of `text` is a word char ([`is_word_char`]), and its length
/// in bytes. ASCII is read through the table.
#[inline]
pub fn word_char_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        return (ASCII_WORD[usize::from(b)], 1);
    }
    let c = text[i..].chars().next().expect("i is on a char boundary");
    (is_word_char(c), c.len_utf8())
}

/// Bytes of the first word of `text` (0 when it starts with no word char). ASCII is read
/// as bytes.
#[inline]
fn first_word_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        while i < bytes.len() && ASCII_WORD[usize::from(bytes[i])] {
            i += 1;
        }
        // At the word's end, or at a non-ASCII char (rare), decoded to tell.
        if i == bytes.len() || bytes[i].is_ascii() {
            return i;
        }
        match text[i..].chars().next() {
            Some(c) if is_word_char(c) => i += c.len_utf8(),
            _ => return i,
        }
    }
}

impl NameIndex {
    /// Index names by position (id = position). Matching is byte-exact: callers fold case
    /// on both sides.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let groups = WordGroups::new(names.into_iter().map(|n| (n, first_word_len(n))));
        NameIndex { groups }
    }

    /// The id and length of the longest name that `text` starts with and that reaches the
    /// end of its first word (the first id of equal names); `None` when `text` starts with
    /// no word char.
    pub fn longest_at(&self, text: &str) -> Option<(usize, usize)> {
        let word = first_word_len(text);
        if word == 0 {
            return None;
        }
        self.groups
            .group(&text.as_bytes()[..word])
            .find(|(_, name)| name.len() >= word && text.as_bytes().starts_with(name))
            .map(|(id, name)| (id, name.len()))
    }

    /// How many names are indexed.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether no name is indexed.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
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
            assert_eq!(word_char_at(&s, 0), (is_word_char(char::from(b)), 1), "{b}");
        }
        assert_eq!(word_char_at("aé", 1), (true, 2));
        assert_eq!(word_char_at("a–", 1), (false, 3));
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
            let ix = NameIndex::new(names.iter().copied());
            for (s, _) in text.char_indices() {
                proptest::prop_assert_eq!(ix.longest_at(&text[s..]), scan(&names, &text[s..]), "at {}", s);
            }
        }
    }
}
