//! Text segmentation: sentences and word tokens, each with byte spans into the
//! original text (never into a lowercased copy).

use unicode_segmentation::UnicodeSegmentation;

/// Abbreviations whose trailing period does not end a sentence (lowercase, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "plc", "llc", "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st",
    "vs", "etc", "no", "approx", "est", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m",
    "bros", "gov", "sen", "rep", "gen", "fig", "mln", "bln", "pct", "cf", "al",
];

/// A line shorter than this that ends without punctuation and is followed by a capitalised
/// line reads as a heading or list item; longer ones are wrapped prose.
const HEADING_MAX_BYTES: usize = 80;

/// Words that never end a heading: a line ending in one continues on the next line.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "on", "in", "at", "to", "for", "by", "with", "from", "and", "or",
    "but", "as", "that", "its", "their", "his", "her", "is", "are", "was", "were", "said", "says",
];

fn ends_with_function_word(line: &str) -> bool {
    let last = line.rsplit(|c: char| !c.is_alphanumeric()).find(|w| !w.is_empty()).unwrap_or("");
    FUNCTION_WORDS.iter().any(|w| w.eq_ignore_ascii_case(last))
}

/// A word token: `start..end` bytes of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Word tokens (letters/digits runs as defined by Unicode word boundaries), with byte spans.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    text.unicode_word_indices()
        .map(|(start, w)| Token {
            text: w,
            start,
            end: start + w.len(),
        })
        .collect()
}

/// Sentence byte ranges (trimmed of surrounding whitespace), in text order.
///
/// Splits on `.`, `!`, `?` followed by whitespace and an uppercase letter, digit or
/// opening quote — except after known abbreviations, single initials and
/// dotted acronyms ("U.S.") followed by a lowercase word — and on blank lines or
/// line breaks that end a heading-like line.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            // A blank line, or a line break after a line without closing punctuation
            // followed by a new line: treat as a boundary (headings, bullet lists).
            let line_break_boundary = {
                let mut j = i + 1;
                while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
                    j += 1;
                }
                j < bytes.len() && bytes[j] == b'\n' || {
                    let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1).max(start);
                    let prev = text[line_start..i].trim_end();
                    !prev.is_empty()
                        && !prev.ends_with([',', ';', ':', '-'])
                        && prev.len() < HEADING_MAX_BYTES
                        && !ends_with_function_word(prev)
                        && next_line_starts_new(&text[i + 1..])
                }
            };
            if line_break_boundary {
                push_trimmed(text, start, i, &mut out);
                start = i + 1;
            }
            i += 1;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            // Consume runs of terminal punctuation and closing quotes/brackets.
            let mut j = i + 1;
            while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?') {
                j += 1;
            }
            j = skip_closers(text, j);
            let followed_by_space = j >= bytes.len() || bytes[j].is_ascii_whitespace();
            if followed_by_space && (b != b'.' || period_ends_sentence(text, start, i, j)) {
                push_trimmed(text, start, j, &mut out);
                start = j;
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn skip_closers(text: &str, mut j: usize) -> usize {
    loop {
        let rest = &text[j..];
        let c = match rest.chars().next() {
            Some(c) => c,
            None => return j,
        };
        if matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '»') {
            j += c.len_utf8();
        } else {
            return j;
        }
    }
}

fn next_line_starts_new(rest: &str) -> bool {
    let t = rest.trim_start_matches([' ', '\t', '\r']);
    match t.chars().next() {
        Some(c) => c.is_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '*' | '•' | '"' | '“'),
        None => false,
    }
}

fn period_ends_sentence(text: &str, start: usize, dot: usize, after: usize) -> bool {
    // The word before the dot.
    let before = &text[start..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &before[word_start..];
    let next = text[after..].trim_start();
    let next_char = next.chars().next();
    let next_is_lower = next_char.is_some_and(|c| c.is_lowercase());
    if next_is_lower {
        return false;
    }
    let lw = word.to_ascii_lowercase();
    let lw = lw.trim_end_matches('.');
    if ABBREVIATIONS.contains(&lw) {
        // "Apple Inc. said" does not end; "... of Apple Inc. Shares rose" is ambiguous:
        // corporate suffixes end a sentence only before a capitalised common word, which
        // we cannot tell apart, so keep them joined unless a quote or digit follows.
        return false;
    }
    // Single initial ("J. Smith") or dotted acronym ("U.S.") followed by a capital: an
    // acronym at the end of a sentence is more common than an initial before a name, so
    // only single letters are kept joined.
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    true
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let (s, e) = (start + lead, end - trail);
    if s < e {
        out.push((s, e));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(split("Shares fell. Profits rose!"), vec!["Shares fell.", "Profits rose!"]);
    }

    #[test]
    fn keeps_corporate_suffixes_and_titles_joined() {
        assert_eq!(
            split("Apple Inc. said Dr. Smith will join. The stock rose."),
            vec!["Apple Inc. said Dr. Smith will join.", "The stock rose."]
        );
    }

    #[test]
    fn keeps_decimals_and_dotted_acronyms_joined() {
        assert_eq!(
            split("Revenue grew 3.5% in the U.S. market. Margins held."),
            vec!["Revenue grew 3.5% in the U.S. market.", "Margins held."]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        assert_eq!(
            split("\"We are thrilled.\" The CEO smiled."),
            vec!["\"We are thrilled.\"", "The CEO smiled."]
        );
    }

    #[test]
    fn headings_and_blank_lines_are_boundaries() {
        assert_eq!(
            split("Markets Today\nStocks rallied on Friday\n\nBonds were flat"),
            vec!["Markets Today", "Stocks rallied on Friday", "Bonds were flat"]
        );
    }

    #[test]
    fn wrapped_line_inside_a_sentence_is_not_a_boundary() {
        assert_eq!(split("The company said on\nFriday it would"), vec!["The company said on\nFriday it would"]);
        assert_eq!(split("Shares rose,\nThen fell."), vec!["Shares rose,\nThen fell."]);
    }

    #[test]
    fn tokens_carry_spans_into_the_original_text() {
        let t = "Café shares—up 5%";
        for tok in tokens(t) {
            assert_eq!(&t[tok.start..tok.end], tok.text);
        }
        assert_eq!(tokens(t).iter().map(|t| t.text).collect::<Vec<_>>(), vec!["Café", "shares", "up", "5"]);
    }
}
