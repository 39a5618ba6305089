//! Input hygiene before analysis: a length limit and an offset-preserving clean-up.
//!
//! Every offset the engine reports indexes the ORIGINAL text of a field, so markup is
//! never deleted. Instead [`normalize`] builds an *analysis string of the same byte
//! length* in which noise is overwritten by ASCII spaces:
//!
//! - HTML tags (`<...>`), HTML comments, and the whole of `<script>`/`<style>` elements
//!   become spaces (block tags such as `<p>`, `<br>`, `<li>` start with a blank line
//!   `"\n\n"` so they still separate sentences) — but only when the text looks like HTML
//!   (see [`looks_like_html`]), so `revenue < costs > expected` is left alone;
//! - common entities (`&amp;`, `&nbsp;`, `&lt;`, `&#39;`, `&#x2019;`, ...) become their
//!   character followed by spaces up to the entity's length;
//! - control characters other than `\n` and `\t` (and invisible bidi/format controls
//!   such as U+202E or a BOM) become one space per byte.
//!
//! A byte offset into the analysis string is therefore the same offset into the
//! original, and every character that was kept sits at the same place, so spans that
//! downstream modules find on words land on char boundaries of the original.

use std::borrow::Cow;

/// Longest body (and title) the engine analyses: 2 MiB is ~300k words, far beyond any
/// article, while keeping a pasted log or web dump to a bounded time and memory in wasm.
pub const MAX_ANALYZED_BYTES: usize = 2 * 1024 * 1024;

/// How far back from the limit a truncation looks for a sentence end or whitespace,
/// so the cut rarely splits a word; small enough that little text is given up.
const TRUNCATE_LOOKBACK_BYTES: usize = 4096;

/// Tag names whose presence (`<p>`, `<div ...>`, `</span>`, `<br/>`) makes text read as
/// HTML. A stray `<` in prose ("revenue < costs") is never followed by one of these.
#[rustfmt::skip]
const HTML_TAG_NAMES: &[&str] = &[
    "a", "abbr", "article", "aside", "b", "blockquote", "body", "br", "button", "caption",
    "code", "dd", "div", "dl", "dt", "em", "figcaption", "figure", "font", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "i", "iframe", "img",
    "input", "label", "li", "link", "main", "meta", "nav", "noscript", "ol", "option", "p",
    "pre", "script", "section", "select", "small", "source", "span", "strong", "style", "sub",
    "sup", "svg", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "time", "title",
    "tr", "u", "ul", "video",
];

/// Tags that end a block of text: they are replaced by a blank line so the sentence
/// splitter keeps `<p>Shares rose</p><p>Bonds fell</p>` as two sentences.
#[rustfmt::skip]
const BLOCK_TAG_NAMES: &[&str] = &[
    "article", "aside", "blockquote", "body", "br", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "head",
    "header", "hr", "html", "li", "main", "nav", "ol", "option", "p", "pre", "section",
    "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
];

/// Elements whose content is never text for a reader.
const RAW_TEXT_ELEMENTS: &[&str] = &["script", "style"];

/// Named entities decoded (name without `&` and `;`, character).
const NAMED_ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", ' '),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("hellip", '…'),
    ("bull", '•'),
    ("middot", '·'),
    ("euro", '€'),
    ("pound", '£'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("percnt", '%'),
    ("dollar", '$'),
];

/// Longest numeric entity body accepted (`&#1114111;` has 7 digits).
const MAX_ENTITY_DIGITS: usize = 7;

/// `text` cut to at most `max` bytes, and whether it was cut.
///
/// The cut lies on a char boundary; within `TRUNCATE_LOOKBACK_BYTES` before the limit
/// it prefers just after a sentence end or line break, then just before whitespace.
pub fn truncate(text: &str, max: usize) -> (&str, bool) {
    if text.len() <= max {
        return (text, false);
    }
    let mut cut = max;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let floor = cut.saturating_sub(TRUNCATE_LOOKBACK_BYTES);
    let window = &text.as_bytes()[floor..cut];
    let sentence_end = window
        .windows(2)
        .rposition(|w| {
            (matches!(w[0], b'.' | b'!' | b'?') && w[1].is_ascii_whitespace()) || w[0] == b'\n'
        })
        .map(|p| floor + p + 1);
    let space = window
        .iter()
        .rposition(|b| b.is_ascii_whitespace())
        .map(|p| floor + p);
    // Both are just after/at an ASCII byte, hence char boundaries.
    let cut = sentence_end.or(space).filter(|&c| c > 0).unwrap_or(cut);
    (&text[..cut], true)
}

/// Whether `text` contains at least one well-formed HTML tag of a known element
/// (`<p>`, `</div>`, `<a href=...>`, `<br/>`), a comment `<!--` or a `<!doctype`.
pub fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(p) = bytes[from..].iter().position(|&b| b == b'<') {
        let i = from + p;
        let rest = &bytes[i + 1..];
        if starts_with_ci(rest, b"!--") || starts_with_ci(rest, b"!doctype") {
            return true;
        }
        if let Some((name, after)) = tag_name(bytes, i) {
            let known = HTML_TAG_NAMES
                .iter()
                .any(|t| t.as_bytes().eq_ignore_ascii_case(name));
            if known && well_formed_tag_rest(&bytes[after..]) {
                return true;
            }
        }
        from = i + 1;
    }
    false
}

/// Whether the bytes after a tag name close a well-formed tag: `>` or `/>` at once, or
/// whitespace then attributes with at least one `name=value` before a `>` (and no `<`).
/// So `<b>` and `<a href="x">` count, but `a<b and c>d` does not.
fn well_formed_tag_rest(rest: &[u8]) -> bool {
    match rest.first() {
        Some(b'>') => true,
        Some(b'/') => rest.get(1) == Some(&b'>'),
        Some(b' ' | b'\t' | b'\n' | b'\r') => {
            // Stops at the first '<' or '>': each byte is looked at by at most one tag.
            let end = rest.iter().position(|&b| b == b'>' || b == b'<');
            end.is_some_and(|e| rest[e] == b'>' && rest[..e].contains(&b'='))
        }
        _ => false,
    }
}

/// The analysis string of `text`: same byte length, same characters at the same
/// offsets, with markup, entities and control characters overwritten as described in
/// the module docs. Borrowed when there is nothing to change.
pub fn normalize(text: &str) -> Cow<'_, str> {
    let html = looks_like_html(text);
    let bytes = text.as_bytes();
    let mut w = Writer {
        text,
        out: None,
        copied: 0,
    };
    // Finds tag ends; the cursor only moves forward, so this stays linear overall.
    let mut next_gt = NextGt::default();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'<' && html {
            if let Some(end) = markup_end(bytes, i, &mut next_gt) {
                w.replace_markup(i, end);
                i = end;
                continue;
            }
            i += 1;
        } else if b == b'&' {
            if let Some((len, c)) = entity(&bytes[i..]) {
                w.replace(i, i + len, c);
                i += len;
            } else {
                i += 1;
            }
        } else if b < 0x80 {
            if (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f {
                w.replace(i, i + 1, ' ');
            }
            i += 1;
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let n = c.len_utf8();
            if is_invisible_control(c) {
                w.replace(i, i + n, ' ');
            }
            i += n;
        }
    }
    w.finish()
}

/// Unicode controls (C1) and invisible format characters that only steer display
/// (bidi embeddings/overrides/isolates, marks, zero-width space, byte-order mark).
fn is_invisible_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{FEFF}'
        )
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Builds the analysis string lazily: nothing is allocated until a first change.
struct Writer<'a> {
    text: &'a str,
    out: Option<String>,
    /// Bytes of `text` already accounted for in `out`.
    copied: usize,
}

impl<'a> Writer<'a> {
    /// Overwrite `start..end` (char boundaries) with `c` then spaces, or only spaces if
    /// `c` does not fit.
    fn replace(&mut self, start: usize, end: usize, c: char) {
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(self.text.len()));
        out.push_str(&self.text[self.copied..start]);
        let mut len = end - start;
        if c.len_utf8() <= len {
            out.push(c);
            len -= c.len_utf8();
        }
        out.extend(std::iter::repeat_n(' ', len));
        self.copied = end;
    }

    /// Overwrite markup `start..end`: a block tag starts with a blank line, the rest is
    /// spaces (newlines inside a comment or script are kept so line structure stays).
    fn replace_markup(&mut self, start: usize, end: usize) {
        let bytes = self.text.as_bytes();
        let block = tag_name(bytes, start).is_some_and(|(name, _)| {
            BLOCK_TAG_NAMES
                .iter()
                .any(|t| t.as_bytes().eq_ignore_ascii_case(name))
        });
        let out = self
            .out
            .get_or_insert_with(|| String::with_capacity(self.text.len()));
        out.push_str(&self.text[self.copied..start]);
        let mut from = start;
        if block && end - start >= 2 {
            out.push_str("\n\n");
            from += 2;
        }
        out.extend(
            bytes[from..end]
                .iter()
                .map(|&b| if b == b'\n' { '\n' } else { ' ' }),
        );
        self.copied = end;
    }

    fn finish(self) -> Cow<'a, str> {
        match self.out {
            None => Cow::Borrowed(self.text),
            Some(mut out) => {
                out.push_str(&self.text[self.copied..]);
                debug_assert_eq!(out.len(), self.text.len());
                Cow::Owned(out)
            }
        }
    }
}

/// The next `>` at or after a cursor that only moves forward: each byte is scanned once.
#[derive(Default)]
struct NextGt {
    searched: bool,
    /// Where the last search started.
    from: usize,
    /// What it found.
    found: Option<usize>,
}

impl NextGt {
    fn at_or_after(&mut self, bytes: &[u8], pos: usize) -> Option<usize> {
        let cached = self.searched && self.from <= pos && self.found.is_none_or(|g| g >= pos);
        if !cached {
            self.searched = true;
            self.from = pos;
            self.found = bytes
                .get(pos..)
                .and_then(|r| r.iter().position(|&b| b == b'>'))
                .map(|p| pos + p);
        }
        self.found
    }
}

/// End (exclusive) of the markup starting with the `<` at `i`: a comment, a doctype or
/// processing instruction, a tag, or a whole `<script>`/`<style>` element. None when the
/// `<` starts no markup (then it is text).
fn markup_end(bytes: &[u8], i: usize, gt: &mut NextGt) -> Option<usize> {
    let rest = &bytes[i + 1..];
    if rest.starts_with(b"!--") {
        let from = i + 4;
        return Some(find(bytes, from, b"-->").map_or(bytes.len(), |p| p + 3));
    }
    if matches!(rest.first(), Some(b'!' | b'?')) {
        return gt.at_or_after(bytes, i + 1).map(|g| g + 1);
    }
    let (name, after) = tag_name(bytes, i)?;
    let end = gt.at_or_after(bytes, after)? + 1;
    let closing = rest.first() == Some(&b'/');
    let self_closing = bytes[end - 2] == b'/';
    let raw = RAW_TEXT_ELEMENTS
        .iter()
        .find(|t| t.as_bytes().eq_ignore_ascii_case(name));
    match raw {
        Some(raw) if !closing && !self_closing => {
            let mut close = Vec::with_capacity(raw.len() + 2);
            close.extend_from_slice(b"</");
            close.extend_from_slice(raw.as_bytes());
            Some(match find_ci(bytes, end, &close) {
                Some(p) => gt
                    .at_or_after(bytes, p + close.len())
                    .map_or(bytes.len(), |g| g + 1),
                None => bytes.len(),
            })
        }
        _ => Some(end),
    }
}

/// The element name of a tag starting at the `<` at `i` (`<p`, `</div`, `<h1`), and the
/// index just after it. None unless a letter follows `<` or `</`.
fn tag_name(bytes: &[u8], i: usize) -> Option<(&[u8], usize)> {
    let mut j = i + 1;
    if bytes.get(j) == Some(&b'/') {
        j += 1;
    }
    let start = j;
    if !bytes.get(j).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    while bytes
        .get(j)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-')
    {
        j += 1;
    }
    Some((&bytes[start..j], j))
}

/// A decoded entity at the start of `bytes` (which starts with `&`): its byte length
/// and character (a space for a control character or an invalid code point).
fn entity(bytes: &[u8]) -> Option<(usize, char)> {
    let body_end = bytes
        .iter()
        .take(MAX_ENTITY_DIGITS + 4)
        .position(|&b| b == b';')?;
    let body = &bytes[1..body_end];
    let len = body_end + 1;
    let c = if let Some(num) = body.strip_prefix(b"#") {
        let (digits, radix) = match num.first() {
            Some(b'x' | b'X') => (&num[1..], 16),
            _ => (num, 10),
        };
        if digits.is_empty()
            || digits.len() > MAX_ENTITY_DIGITS
            || !digits.iter().all(|b| {
                if radix == 16 {
                    b.is_ascii_hexdigit()
                } else {
                    b.is_ascii_digit()
                }
            })
        {
            return None;
        }
        let s = std::str::from_utf8(digits).ok()?;
        let c = u32::from_str_radix(s, radix)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or(' ');
        if (c.is_control() && c != '\n' && c != '\t') || is_invisible_control(c) {
            ' '
        } else {
            c
        }
    } else {
        NAMED_ENTITIES.iter().find(|(n, _)| n.as_bytes() == body)?.1
    };
    Some((len, c))
}

fn starts_with_ci(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// First index at or after `from` where `needle` occurs.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

/// First index at or after `from` where `needle` occurs, ASCII case-insensitively.
fn find_ci(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kept character sits at its original offset and the length is unchanged.
    fn assert_offsets_preserved(original: &str, clean: &str) {
        assert_eq!(original.len(), clean.len());
        for (i, c) in clean.char_indices() {
            if c != ' ' && c != '\n' {
                assert!(
                    original.is_char_boundary(i),
                    "{i} is not a boundary of the original"
                );
            }
        }
    }

    #[test]
    fn words_after_tags_keep_their_original_offsets() {
        let html = "<p>Apple <b>shares</b> plunged.</p><p>Bonds &amp; gold rose.</p>";
        let clean = normalize(html);
        assert_offsets_preserved(html, &clean);
        for word in ["Apple", "shares", "plunged", "Bonds", "gold", "rose"] {
            assert_eq!(clean.find(word), html.find(word), "{word}");
        }
        assert!(!clean.contains('<') && !clean.contains('>'));
        assert_eq!(&clean[html.find("&amp;").unwrap()..][..5], "&    ");
    }

    #[test]
    fn script_style_and_comments_never_reach_the_text() {
        let html = "<html><head><style>p { color: red; }</style>\
                    <script type=\"text/javascript\">var beat = 1; alert('Shares surged.');</script></head>\
                    <body><!-- Stock soared. --><p>Profits fell.</p></body></html>";
        let clean = normalize(html);
        assert_offsets_preserved(html, &clean);
        assert_eq!(
            clean.split_whitespace().collect::<Vec<_>>(),
            vec!["Profits", "fell."]
        );
        let doc = crate::Doc::new("", &clean);
        let sentences: Vec<&str> = doc
            .sentences
            .iter()
            .map(|s| &html[s.start..s.end])
            .collect();
        assert_eq!(sentences, vec!["Profits fell."]);
    }

    #[test]
    fn unclosed_script_blanks_to_the_end() {
        let html = "<p>Shares rose.</p><script>document.write('Shares fell.')";
        assert_eq!(
            normalize(html).split_whitespace().collect::<Vec<_>>(),
            vec!["Shares", "rose."]
        );
    }

    #[test]
    fn block_tags_separate_sentences() {
        let html = "<ul><li>Shares rose</li><li>Bonds fell</li></ul>";
        let clean = normalize(html);
        let doc = crate::Doc::new("", &clean);
        let sentences: Vec<&str> = doc
            .sentences
            .iter()
            .map(|s| &html[s.start..s.end])
            .collect();
        assert_eq!(sentences, vec!["Shares rose", "Bonds fell"]);
    }

    #[test]
    fn plain_text_with_angle_brackets_is_untouched() {
        for text in [
            "revenue < costs > expected",
            "if a<b and c>d then",
            "x <5% and >3%",
            "<<< AAPL >>>",
        ] {
            assert!(!looks_like_html(text), "{text}");
            assert!(
                matches!(normalize(text), Cow::Borrowed(t) if t == text),
                "{text}"
            );
        }
    }

    #[test]
    fn detects_html_only_from_known_well_formed_tags() {
        for html in [
            "<p>x",
            "a<br>b",
            "<br/>",
            "<div class=\"a\">",
            "<a href=\"x\">y</a>",
            "<SCRIPT>x</SCRIPT>",
            "<!-- c -->",
            "<!DOCTYPE html>",
        ] {
            assert!(looks_like_html(html), "{html}");
        }
        for text in [
            "<p",
            "<pizza>",
            "a <b",
            "<3 you",
            "< p >",
            "if a<b and c>d",
            "<br",
        ] {
            assert!(!looks_like_html(text), "{text}");
        }
    }

    #[test]
    fn entities_become_their_character_padded_with_spaces() {
        let text =
            "AT&amp;T &lt;b&gt; it&#39;s &#x2019; &quot;q&quot;&nbsp;&euro;5 &#0; &bogus; &#xZZ; &";
        let clean = normalize(text);
        assert_offsets_preserved(text, &clean);
        assert_eq!(
            clean.split_whitespace().collect::<Vec<_>>(),
            vec![
                "AT&", "T", "<", "b>", "it\'", "s", "’", "\"", "q\"", "€", "5", "&bogus;",
                "&#xZZ;", "&"
            ]
        );
    }

    #[test]
    fn escaped_markup_stays_text() {
        // Decoding happens in the same pass as tag stripping, so `&lt;p&gt;` is never a tag.
        let text = "<p>Use &lt;script&gt; tags</p>";
        assert_eq!(
            normalize(text).split_whitespace().collect::<Vec<_>>(),
            vec!["Use", "<", "script>", "tags"]
        );
    }

    #[test]
    fn control_characters_become_spaces_of_equal_length() {
        let text = "Shares\u{0}rose\r\n\tBonds\u{7}fell \u{202E}gnihtemos\u{202C} \u{85}ok\u{FEFF}";
        let clean = normalize(text);
        assert_offsets_preserved(text, &clean);
        assert_eq!(clean, "Shares rose \n\tBonds fell    gnihtemos      ok   ");
    }

    #[test]
    fn multibyte_text_inside_tags_is_blanked_byte_for_byte() {
        let html = "<p title=\"Ünïcødé 😀\">Café rose</p>";
        let clean = normalize(html);
        assert_offsets_preserved(html, &clean);
        assert_eq!(clean.find("Café"), html.find("Café"));
    }

    #[test]
    fn a_stray_lt_in_html_without_a_closing_gt_is_text() {
        let html = "<p>Margins rose</p> and a<b";
        let clean = normalize(html);
        assert!(clean.ends_with("and a<b"));
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            normalize("Shares rose 5% — a record. 😀"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn truncation_prefers_a_sentence_end_and_says_so() {
        let text = "Shares rose. Bonds fell sharply today";
        let (cut, truncated) = truncate(text, 20);
        assert!(truncated);
        assert_eq!(cut, "Shares rose.");
        assert_eq!(truncate(text, text.len()), (text, false));
    }

    #[test]
    fn truncation_falls_back_to_whitespace_then_char_boundary() {
        assert_eq!(truncate("aaaa bbbbbbbb", 8), ("aaaa", true));
        // No whitespace at all: cut at the last char boundary within the limit.
        let (cut, truncated) = truncate("ééééé", 5);
        assert!(truncated);
        assert_eq!(cut, "éé");
    }
}
