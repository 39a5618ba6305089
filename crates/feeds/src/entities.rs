//! A guard against entity-expansion bombs ("billion laughs"), checked before an XML feed
//! is parsed. roxmltree limits entity nesting (depth 10, 255 references under one
//! reference) but not the size of what a reference expands to: a 20 KB feed that declares
//! an 8 KB entity and references 200 of them in another one, referenced 1,000 times, would
//! expand to 1.6 GB. Real feeds rarely declare entities at all, so an upper bound computed
//! from the source text is enough: a feed whose bound is too large is refused.

use std::collections::BTreeMap;

/// Most bytes the references to declared entities may add when expanded: twice the size
/// of the largest feed the site downloads (5 MB), far above any honest use of entities.
pub const MAX_ENTITY_EXPANSION: usize = 10_000_000;

/// Deepest chain of entities referencing entities that is followed: roxmltree refuses
/// chains deeper than 10, so anything deeper counts as unbounded (the feed is refused).
const MAX_CHAIN: usize = 16;

/// The opening of an entity declaration (XML is case-sensitive).
const DECL: &str = "<!ENTITY";

/// An upper bound on the bytes added by expanding every entity reference in `src`,
/// saturating at `usize::MAX`. Every `<!ENTITY` in the text is read as a declaration, even
/// one inside a comment or CDATA section, and every `&name;` as a reference, even one in
/// a CDATA section: counting too much only makes the bound larger, never smaller. Where a
/// name is declared twice the larger value counts (the parser uses the first declaration,
/// which need not be the first `<!ENTITY` in the text).
pub fn expansion_bound(src: &str) -> usize {
    if !src.contains(DECL) {
        // Only the predefined entities (&lt; …) remain: each expands to one character.
        return 0;
    }
    let mut values: BTreeMap<&str, &str> = BTreeMap::new();
    for (at, _) in src.match_indices(DECL) {
        if let Some((name, value)) = read_decl(&src[at + DECL.len()..]) {
            let slot = values.entry(name).or_insert(value);
            if value.len() > slot.len() {
                *slot = value;
            }
        }
    }
    let mut sizes = Sizes {
        values,
        memo: BTreeMap::new(),
    };
    references(src).fold(0usize, |total, name| {
        total.saturating_add(sizes.size(name, 0))
    })
}

/// Read a declaration after `<!ENTITY`: `[%] name "value"` or `'value'`. External
/// entities (SYSTEM/PUBLIC) are not fetched by the parser and have no value here. This
/// reader is at least as lenient as the parser's: text it cannot read, the parser cannot
/// take for a declaration either.
fn read_decl(rest: &str) -> Option<(&str, &str)> {
    let rest = rest.trim_start();
    let rest = rest.strip_prefix('%').unwrap_or(rest).trim_start();
    let name_end = rest
        .find(|c: char| c.is_whitespace() || c == '"' || c == '\'' || c == '>')
        .unwrap_or(rest.len());
    let (name, rest) = rest.split_at(name_end);
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|&c| c == '"' || c == '\'')?;
    let body = &rest[1..];
    let value = &body[..body.find(quote)?];
    (!name.is_empty()).then_some((name, value))
}

/// The names of the `&name;` references in `s` (character references `&#…;` included:
/// they are never declared, so they add nothing).
fn references(s: &str) -> impl Iterator<Item = &str> {
    s.match_indices('&').filter_map(move |(at, _)| {
        let rest = &s[at + 1..];
        let end = rest.find(|c: char| {
            c == ';' || c == '&' || c == '<' || c == '"' || c == '\'' || c.is_whitespace()
        })?;
        (rest[end..].starts_with(';') && end > 0).then(|| &rest[..end])
    })
}

/// Expanded sizes of the declared entities, memoised (the same entity is referenced many
/// times in a bomb).
struct Sizes<'a> {
    values: BTreeMap<&'a str, &'a str>,
    memo: BTreeMap<&'a str, usize>,
}

impl<'a> Sizes<'a> {
    /// Bytes a reference to `name` expands to; 0 for an undeclared name (the parser
    /// refuses it or it is a predefined or character reference, one character).
    fn size(&mut self, name: &'a str, depth: usize) -> usize {
        let Some(&value) = self.values.get(name) else {
            return 0;
        };
        if let Some(&n) = self.memo.get(name) {
            return n;
        }
        if depth >= MAX_CHAIN {
            // Also ends reference loops, which the parser refuses anyway.
            return usize::MAX;
        }
        let n = references(value).fold(value.len(), |total, inner| {
            total.saturating_add(self.size(inner, depth + 1))
        });
        self.memo.insert(name, n);
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_without_declarations_has_no_expansion() {
        assert_eq!(expansion_bound("<rss>&amp;&lt;&#65;</rss>"), 0);
    }

    #[test]
    fn nested_references_multiply() {
        let src = r#"<!DOCTYPE r [<!ENTITY a "xyz"><!ENTITY b "&a;&a;&a;&a;">]><r>&b;&b;</r>"#;
        // b is its own 12 bytes plus 4 a's of 3: 24, referenced twice. The four &a; in
        // b's declaration are counted too (3 bytes each): the scan does not skip the DTD.
        assert_eq!(expansion_bound(src), 2 * (12 + 4 * 3) + 4 * 3);
    }

    #[test]
    fn a_billion_laughs_bound_is_huge() {
        let mut src = String::from("<!DOCTYPE r [<!ENTITY l0 \"lol\">");
        for i in 1..10 {
            let refs = format!("&l{};", i - 1).repeat(10);
            src.push_str(&format!("<!ENTITY l{i} \"{refs}\">"));
        }
        src.push_str("]><r>&l9;</r>");
        assert!(expansion_bound(&src) > 3_000_000_000);
    }

    #[test]
    fn a_declaration_hidden_in_a_comment_cannot_shrink_the_bound() {
        let big = "x".repeat(1000);
        let src =
            format!("<!DOCTYPE r [<!-- <!ENTITY a \"x\"> --><!ENTITY a \"{big}\">]><r>&a;&a;</r>");
        assert_eq!(expansion_bound(&src), 2000);
    }

    #[test]
    fn loops_and_overlong_chains_count_as_unbounded() {
        let src = r#"<!DOCTYPE r [<!ENTITY a "&b;"><!ENTITY b "&a;">]><r>&a;</r>"#;
        assert_eq!(expansion_bound(src), usize::MAX);
    }

    #[test]
    fn unreadable_declarations_are_ignored() {
        assert_eq!(expansion_bound("<r><![CDATA[<!ENTITY]]>&x;</r>"), 0);
        assert_eq!(expansion_bound("<!ENTITY a SYSTEM \"x.dtd\"><r>&a;</r>"), 0);
        assert_eq!(expansion_bound("<!ENTITY a \"unterminated"), 0);
    }
}
