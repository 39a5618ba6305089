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

/// Abbreviations that may also end a sentence (corporate suffixes); dotted acronyms too.
const CAN_END_SENTENCE: &[&str] = &["inc", "corp", "co", "ltd", "plc", "llc", "etc", "bros"];

/// Capitalised words that open a new sentence far more often than they follow "U.S." or
/// "Inc." inside a name.
const SENTENCE_OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "they",
    "we",
    "i",
    "but",
    "and",
    "in",
    "on",
    "at",
    "for",
    "shares",
    "analysts",
    "however",
    "meanwhile",
    "also",
    "there",
    "as",
    "after",
    "while",
    "its",
    "his",
    "her",
    "their",
    "our",
];

fn starts_with_opener(next: &str) -> bool {
    let word = next
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    word.chars().next().is_some_and(char::is_uppercase)
        && SENTENCE_OPENERS
            .iter()
            .any(|o| o.eq_ignore_ascii_case(word))
}

/// A line shorter than this that ends without punctuation and is followed by a capitalised
/// line reads as a heading or list item; longer ones are wrapped prose.
const HEADING_MAX_BYTES: usize = 80;

/// Words that never end a heading: a line ending in one continues on the next line.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "on", "in", "at", "to", "for", "by", "with", "from", "and", "or",
    "but", "as", "that", "its", "their", "his", "her", "is", "are", "was", "were", "said", "says",
];

fn ends_with_function_word(line: &str) -> bool {
    let last = line
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
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
                while j < bytes.len()
                    && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r')
                {
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
            let ends = if b == b'.' {
                period_ends_sentence(text, start, i, j)
            } else {
                // "“Can we grow?” he asked": a lowercase word continues the sentence.
                !text[j..]
                    .trim_start()
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
            };
            if followed_by_space && ends {
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
        Some(c) => {
            c.is_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '*' | '•' | '"' | '“')
        }
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
        // "Apple Inc. said" and "Dr. Smith" do not end; a corporate suffix or a dotted
        // acronym ("U.S.") does end one when a typical sentence opener follows
        // ("... in the U.S. The stock rose"), but "U.S. Steel" stays joined.
        let can_end = CAN_END_SENTENCE.contains(&lw) || lw.contains('.');
        return can_end && starts_with_opener(next);
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

/// Join words as English prose: "a", "a and b", "a, b and c".
pub(crate) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            split("Shares fell. Profits rose!"),
            vec!["Shares fell.", "Profits rose!"]
        );
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
            vec![
                "Markets Today",
                "Stocks rallied on Friday",
                "Bonds were flat"
            ]
        );
    }

    #[test]
    fn wrapped_line_inside_a_sentence_is_not_a_boundary() {
        assert_eq!(
            split("The company said on\nFriday it would"),
            vec!["The company said on\nFriday it would"]
        );
        assert_eq!(
            split("Shares rose,\nThen fell."),
            vec!["Shares rose,\nThen fell."]
        );
    }

    #[test]
    fn question_marks_exclamations_and_ellipses_end_sentences() {
        assert_eq!(
            split("Is the rally over? Analysts say no! Shares rose... Then they fell."),
            vec![
                "Is the rally over?",
                "Analysts say no!",
                "Shares rose...",
                "Then they fell."
            ]
        );
    }

    #[test]
    fn quoted_question_keeps_its_quote_and_curly_quotes_work() {
        assert_eq!(
            split("“Can we grow?” he asked. Mr. Lee said “yes.” Sales rose."),
            vec![
                "“Can we grow?” he asked.",
                "Mr. Lee said “yes.”",
                "Sales rose."
            ]
        );
    }

    #[test]
    fn crlf_blank_lines_split_paragraphs() {
        assert_eq!(
            split("Stocks rose\r\n\r\nBonds fell"),
            vec!["Stocks rose", "Bonds fell"]
        );
    }

    #[test]
    fn money_and_percent_figures_do_not_split() {
        assert_eq!(
            split("Net sales were EUR 1.5 bn, up 3.5%. Its shares hit $12.75 on Friday."),
            vec![
                "Net sales were EUR 1.5 bn, up 3.5%.",
                "Its shares hit $12.75 on Friday."
            ]
        );
    }

    #[test]
    fn abbreviation_before_a_lowercase_word_or_number_does_not_split() {
        assert_eq!(
            split("It ranked No. 1 vs. peers, e.g. Apple and Corp. units."),
            vec!["It ranked No. 1 vs. peers, e.g. Apple and Corp. units."]
        );
    }

    #[test]
    fn sentence_ending_in_an_acronym_or_suffix_splits_before_a_new_sentence() {
        assert_eq!(
            split("It sells in the U.S. The stock rose."),
            vec!["It sells in the U.S.", "The stock rose."]
        );
        assert_eq!(
            split("He joined Acme Inc. Shares rose."),
            vec!["He joined Acme Inc.", "Shares rose."]
        );
        assert_eq!(
            split("U.S. Steel and Acme Inc. Europe rose."),
            vec!["U.S. Steel and Acme Inc. Europe rose."]
        );
    }

    #[test]
    fn spans_lie_on_char_boundaries_for_any_text() {
        let t = "Überraschung! Äpfel… “Ja.” 🚀 Ende.\n\nשלום. مرحبا.";
        for (s, e) in sentences(t) {
            assert!(t.is_char_boundary(s) && t.is_char_boundary(e) && s < e);
        }
    }

    #[test]
    fn tokens_carry_spans_into_the_original_text() {
        let t = "Café shares—up 5%";
        for tok in tokens(t) {
            assert_eq!(&t[tok.start..tok.end], tok.text);
        }
        assert_eq!(
            tokens(t).iter().map(|t| t.text).collect::<Vec<_>>(),
            vec!["Café", "shares", "up", "5"]
        );
    }
}
