//! Feature extraction for the sentiment model: the ONE implementation used both when
//! exporting training data (`crates/train`) and at inference, so the two cannot drift.
//!
//! A text span becomes hashed sparse features, each with the byte span of the original
//! text that fired it (for explanations):
//! - word unigrams (`n:` instead of `w:` inside a negation scope) and bigrams,
//! - character 3–5-grams inside words (robust to inflection and typos),
//! - dense rule features from [`super::lexicon`]: polar words with negation, intensity and
//!   contrast applied, direction × metric ("costs fell" is good), numeric changes
//!   ("EUR 5 mn compared to EUR 3 mn"), hedges.
//!
//! Each group is L2-normalised separately (like stacking separate TF-IDF vectorisers).

use super::lexicon::{lexicon, Cue, PolarRule};
use rustc_hash::FxHashMap;

/// Weight of tokens in a clause that a contrast marker demotes ("X, but Y": X counts less).
pub const CONTRAST_DISCOUNT: f32 = 0.5;
/// How many word tokens after a negator its scope covers (stops earlier at punctuation).
const NEGATION_SCOPE: usize = 4;
/// Relative scale of the word (unigram + bigram) group after normalisation.
const WORD_GROUP_SCALE: f32 = 1.0;
/// Relative scale of the character n-gram group after normalisation.
const CHAR_GROUP_SCALE: f32 = 1.0;
/// Scale of the dense rule features (unnormalised sums of prior weights).
const RULE_SCALE: f32 = 0.5;
/// Smallest and largest character n-gram.
const CHAR_MIN: usize = 3;
const CHAR_MAX: usize = 5;
/// Longest lexicon phrase, in tokens (checked by a test).
const MAX_PHRASE_TOKENS: usize = 8;
/// Farthest (in tokens) a metric word may be from the change word or figure it goes with.
const METRIC_WINDOW: usize = 6;
/// Longest gap (in tokens) between two numbers compared as "X from Y" / "from X to Y".
const NUM_COMPARE_GAP: usize = 8;
/// Char n-gram buckets the word cache keeps before it starts afresh (1 MB of them): a
/// 10,000-word article's distinct words need about a fifth of it.
const GRAM_CACHE_MAX: usize = 1 << 18;

/// Words and marks of financial news that fire the lexicon, negation, contrast, hedge and
/// numeric rules: what the property tests build their texts from.
#[cfg(test)]
#[rustfmt::skip]
pub(crate) const NEWS_WORDS: &[&str] = &[
    "beat", "estimates", "cut", "guidance", "not", "did", "miss", "raised", "its", "dividend",
    "rose", "fell", "sharply", "but", "may", "profit", "loss", "net", "sales", "up", "down",
    "Shares", "widened", "record", ",", ".", "5", "%", "from", "to", "EUR", "mn", "although",
    "!", "costs",
];

/// What kind of token the tokenizer saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Num,
    Year,
    Cashtag,
    Url,
    User,
    /// Clause-ending punctuation: , ; : . ! ? ( ) and dashes.
    Punct,
    /// Anything else worth a feature: %, $, €, emoji.
    Sym,
}

/// One feature token with its span in the original text and its normalised form.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Byte range of the normalised form in [`Scratch::norm`].
    nstart: u32,
    nend: u32,
    /// Parsed value of a number (with mn/bn multipliers applied).
    pub value: f64,
}

/// Which rule-like thing fired a feature (for explanations).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// A word or n-gram feature learned by the model.
    Word,
    Bigram,
    Char,
    /// A lexicon/phrase cue with its rule.
    Lexicon(PolarRule),
    /// A polar cue flipped by negation.
    Negated,
    /// Direction × metric ("costs fell").
    Direction,
    /// Numeric change ("5 mn compared to 3 mn").
    Numeric,
    /// Hedge word ("may", "reportedly").
    Hedge,
    /// Any other dense rule feature without its own span.
    Other,
}

/// One fired feature: hashed index into the model, value, and where in the text.
#[derive(Debug, Clone, Copy)]
pub struct Feature {
    pub index: u32,
    pub value: f32,
    pub start: usize,
    pub end: usize,
    pub source: Source,
}

/// Reusable buffers; one per call of [`extract`] (cheap to create).
#[derive(Debug, Default)]
pub struct Scratch {
    pub toks: Vec<Tok>,
    norm: String,
    joined: String,
    /// Byte offset in `joined` where each token's text starts (sorted).
    joined_at: Vec<u32>,
    weight: Vec<f32>,
    negated: Vec<bool>,
    cuts: Vec<usize>,
    cues: Vec<(usize, usize, Cue)>,
    /// Per token: the intensity multiplier of polar cues ("sharply", "slightly").
    intensity: Vec<f32>,
    /// Per clause: its metric cues (first token, tokens, good?) and its numbers.
    metrics: Vec<(usize, usize, bool)>,
    nums: Vec<usize>,
    /// Per word: its bytes between the `<` `>` markers.
    marked: Vec<u8>,
    /// The word and rule groups of features. The char n-gram group (nearly every feature)
    /// is kept apart in `grams` and sits at `char_at` in feature order: read them all with
    /// [`Scratch::all_features`].
    pub features: Vec<Feature>,
    char_at: usize,
    /// Each word's char n-gram buckets, `grams[w.from..w.to]` for its [`GramWord`] `w`:
    /// one `u32` each instead of a whole [`Feature`] that repeats the word's span and value.
    /// Kept across extractions with `gram_cache`: an article's spans overlap (sentences,
    /// then the clauses around each ticker) and repeat words.
    grams: Vec<u32>,
    gram_words: Vec<GramWord>,
    /// Where each normalised word seen since the cache started has its buckets in `grams`.
    /// A word's n-gram buckets depend on it and `gram_cache_buckets` alone.
    gram_cache: FxHashMap<Box<str>, (u32, u32)>,
    gram_cache_buckets: u32,
    /// Hedge cue spans found (absolute byte offsets).
    pub hedges: Vec<(usize, usize)>,
    /// Contrast markers found: (marker start, marker end, demoted region start, end),
    /// absolute byte offsets.
    pub contrasts: Vec<(usize, usize, usize, usize)>,
}

/// One word's char n-grams: all share its span and (group-normalised) value.
#[derive(Debug, Clone, Copy)]
pub struct GramWord {
    pub start: usize,
    pub end: usize,
    pub value: f32,
    from: u32,
    to: u32,
}

impl Scratch {
    fn norm_of(&self, t: &Tok) -> &str {
        &self.norm[t.nstart as usize..t.nend as usize]
    }

    /// The word group (word unigrams and bigrams), in text order.
    pub fn word_group(&self) -> &[Feature] {
        &self.features[..self.char_at]
    }

    /// The char n-gram group: each word with its n-grams' buckets, in text order.
    pub fn char_group(&self) -> impl Iterator<Item = (&GramWord, &[u32])> + '_ {
        self.gram_words
            .iter()
            .map(|w| (w, &self.grams[w.from as usize..w.to as usize]))
    }

    /// The dense rule features.
    pub fn rule_group(&self) -> &[Feature] {
        &self.features[self.char_at..]
    }

    /// Every feature of the last [`extract`], in order: word group, char n-grams (one
    /// [`Feature`] each), rule features. What the model sums and training exports.
    pub fn all_features(&self) -> impl Iterator<Item = Feature> + '_ {
        let chars = self.char_group().flat_map(|(w, grams)| {
            grams.iter().map(|&index| Feature {
                index,
                value: w.value,
                start: w.start,
                end: w.end,
                source: Source::Char,
            })
        });
        self.word_group()
            .iter()
            .copied()
            .chain(chars)
            .chain(self.rule_group().iter().copied())
    }
}

/// 64-bit FNV-1a, seeded by a namespace tag so `w:up` and `c:up` differ.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    fn new(tag: u8) -> Self {
        Fnv(Fnv::OFFSET).byte(tag).byte(b':')
    }
    fn byte(mut self, b: u8) -> Self {
        self.0 ^= b as u64;
        self.0 = self.0.wrapping_mul(Fnv::PRIME);
        self
    }
    fn bytes(mut self, s: &[u8]) -> Self {
        for &b in s {
            self = self.byte(b);
        }
        self
    }
    fn bucket(self, buckets: u32) -> u32 {
        // Mix the high bits in: FNV's low bits are weak for short keys.
        let h = self.0 ^ (self.0 >> 29);
        // The same value as `%`, without a 64-bit division per feature for the usual
        // power-of-two bucket counts.
        if buckets.is_power_of_two() {
            (h & (buckets as u64 - 1)) as u32
        } else {
            (h % buckets as u64) as u32
        }
    }
}

/// Hash bucket of a named dense rule feature (e.g. `"pos"`).
pub fn rule_index(name: &str, buckets: u32) -> u32 {
    Fnv::new(b'r').bytes(name.as_bytes()).bucket(buckets)
}

fn is_clause_punct(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '.'
            | '!'
            | '?'
            | '('
            | ')'
            | '['
            | ']'
            | '—'
            | '–'
            | '|'
            | '"'
            | '“'
            | '”'
    )
}

/// Tokenize `text` (whose first byte is at absolute offset `base`) into `s.toks`.
pub fn tokenize(text: &str, base: usize, s: &mut Scratch) {
    s.toks.clear();
    s.norm.clear();
    let bytes = text.as_bytes();
    // `i` is always a char boundary: the start of the next char to read.
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        if c.is_whitespace() || c.is_control() {
            i += c.len_utf8();
            continue;
        }
        let rest = &text[i..];
        // URLs.
        if rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.") {
            let end = rest.find(char::is_whitespace).map_or(text.len(), |p| i + p);
            push(s, base + i, base + end, Kind::Url, "<url>", 0.0);
            i = end;
            continue;
        }
        if c.is_alphanumeric() || ((c == '$' || c == '@' || c == '#') && next_is_alpha(rest)) {
            let mut end = i + c.len_utf8();
            let mut prev = c;
            loop {
                // ASCII letters and digits always join: their run is taken at once.
                let run = bytes[end..]
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                if run > 0 {
                    end += run;
                    prev = char::from(bytes[end - 1]);
                }
                let Some(d) = text[end..].chars().next() else {
                    break;
                };
                let joins = d.is_alphanumeric()
                    || (matches!(d, '\'' | '’' | '-' | '&') && next_is_alnum(&text[end..]))
                    || (matches!(d, '.' | ',')
                        && prev.is_ascii_digit()
                        && next_is_digit(&text[end..]));
                if !joins {
                    break;
                }
                end += d.len_utf8();
                prev = d;
            }
            let raw = &text[i..end];
            let first = bytes[i];
            if first == b'$' {
                push(s, base + i, base + end, Kind::Cashtag, "<cashtag>", 0.0);
            } else if first == b'@' {
                push(s, base + i, base + end, Kind::User, "<user>", 0.0);
            } else if c.is_ascii_digit() {
                let (value, year) = parse_number(raw);
                let kind = if year { Kind::Year } else { Kind::Num };
                push(
                    s,
                    base + i,
                    base + end,
                    kind,
                    if year { "<year>" } else { "<num>" },
                    value,
                );
            } else {
                let raw = raw.strip_prefix('#').unwrap_or(raw);
                push_word(s, base + end - raw.len(), base + end, raw);
            }
            i = end;
            continue;
        }
        let kind = if is_clause_punct(c) || c == '-' {
            Kind::Punct
        } else {
            Kind::Sym
        };
        let mut buf = [0u8; 4];
        push(
            s,
            base + i,
            base + i + c.len_utf8(),
            kind,
            c.encode_utf8(&mut buf),
            0.0,
        );
        i += c.len_utf8();
    }
    apply_multipliers(s);
}

fn next_is_alpha(rest: &str) -> bool {
    rest.chars().nth(1).is_some_and(char::is_alphabetic)
}
fn next_is_alnum(rest: &str) -> bool {
    rest.chars().nth(1).is_some_and(char::is_alphanumeric)
}
fn next_is_digit(rest: &str) -> bool {
    rest.chars().nth(1).is_some_and(|c| c.is_ascii_digit())
}

fn push(s: &mut Scratch, start: usize, end: usize, kind: Kind, norm: &str, value: f64) {
    let nstart = s.norm.len() as u32;
    s.norm.push_str(norm);
    s.toks.push(Tok {
        start,
        end,
        kind,
        nstart,
        nend: s.norm.len() as u32,
        value,
    });
}

fn push_word(s: &mut Scratch, start: usize, end: usize, raw: &str) {
    let nstart = s.norm.len() as u32;
    if raw.is_ascii() {
        // Most words: copied, then lowercased in place (what the per-char path gives for
        // ASCII).
        s.norm.push_str(raw);
        s.norm[nstart as usize..].make_ascii_lowercase();
    } else {
        for c in raw.chars() {
            if c == '’' {
                s.norm.push('\'');
            } else {
                s.norm.extend(c.to_lowercase());
            }
        }
    }
    // Possessive "'s" carries no sentiment: "company's" is "company".
    if s.norm.ends_with("'s") && s.norm.len() - nstart as usize > 2 {
        s.norm.truncate(s.norm.len() - 2);
    }
    s.toks.push(Tok {
        start,
        end,
        kind: Kind::Word,
        nstart,
        nend: s.norm.len() as u32,
        value: 0.0,
    });
}

/// Parse "1,234.5", "3.5", "10m", "1.2bn"; says whether it looks like a year.
fn parse_number(raw: &str) -> (f64, bool) {
    let digits_end = raw
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(raw.len());
    let v = decimal(&raw[..digits_end]).unwrap_or(0.0);
    let suffix = raw[digits_end..].to_ascii_lowercase();
    let mult = multiplier(&suffix).unwrap_or(1.0);
    let year = suffix.is_empty()
        && digits_end == 4
        && (1900.0..=2100.0).contains(&v)
        && !raw.contains(['.', ',']);
    (v * mult, year)
}

/// Significant digits that [`decimal`] keeps: as many as a `u64` holds.
const KEPT_DIGITS: u32 = 19;

/// 10^0 ..= 10^22, every one an exact double.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// The value of digits with at most one '.' and any ',' ("1,234.5", ".5", "5."), as
/// `str::parse::<f64>` gives it once the commas are removed; `None` where that fails (no
/// digit, two dots). Exact up to 15 significant digits (a mantissa below 2^53) and 22
/// places: one correctly rounded product or quotient of exact doubles (Clinger's fast path).
/// Within about one unit in the last place up to [`KEPT_DIGITS`]; digits beyond those are
/// dropped (a relative error under 1e-18). Not `str::parse`, whose correctly rounded
/// algorithm for any input brought about 13 KB (gzip) of tables and code into the
/// browser's wasm.
fn decimal(s: &str) -> Option<f64> {
    let (mut mantissa, mut digits, mut exp) = (0u64, 0u32, 0i32);
    let (mut any, mut dot) = (false, false);
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => {
                any = true;
                if digits < KEPT_DIGITS {
                    mantissa = mantissa * 10 + u64::from(b - b'0');
                    digits += u32::from(mantissa > 0);
                    exp -= i32::from(dot);
                } else if !dot {
                    // A dropped digit before the point still makes the number ten times larger.
                    exp += 1;
                }
            }
            b'.' if !dot => dot = true,
            b',' => {}
            _ => return None,
        }
    }
    if !any {
        return None;
    }
    let m = mantissa as f64;
    let mut p = 1.0;
    let mut e = exp.unsigned_abs() as usize;
    while e > 22 {
        p *= POW10[22];
        e -= 22;
    }
    p *= POW10[e];
    Some(if exp < 0 { m / p } else { m * p })
}

fn multiplier(word: &str) -> Option<f64> {
    Some(match word {
        "k" | "thousand" | "000" => 1e3,
        "m" | "mn" | "mln" | "million" | "millions" | "mio" => 1e6,
        "b" | "bn" | "bln" | "billion" | "billions" => 1e9,
        "crore" => 1e7,
        "lakh" => 1e5,
        _ => return None,
    })
}

/// "EUR 5 mn": fold a following multiplier word into the number's value.
fn apply_multipliers(s: &mut Scratch) {
    for i in 0..s.toks.len().saturating_sub(1) {
        if s.toks[i].kind == Kind::Num {
            let next = s.toks[i + 1];
            if next.kind == Kind::Word {
                if let Some(m) = multiplier(s.norm_of(&next)) {
                    s.toks[i].value *= m;
                }
            }
        }
    }
}

/// Extract the features of `text` (absolute offset `base`) into `s`, hashing into `buckets`
/// buckets. Returns nothing; read [`Scratch::all_features`] (or its groups), `s.hedges`,
/// `s.contrasts`.
pub fn extract(text: &str, base: usize, buckets: u32, s: &mut Scratch) {
    tokenize(text, base, s);
    s.features.clear();
    if s.gram_cache_buckets != buckets || s.grams.len() > GRAM_CACHE_MAX {
        s.grams.clear();
        s.gram_cache.clear();
        s.gram_cache_buckets = buckets;
    }
    s.gram_words.clear();
    s.hedges.clear();
    s.contrasts.clear();
    let n = s.toks.len();
    s.weight.clear();
    s.weight.resize(n, 1.0);
    s.negated.clear();
    s.negated.resize(n, false);

    // Joined normalised text " t0 t1 t2 " for the lexicon lookups.
    s.joined.clear();
    s.joined_at.clear();
    s.joined.push(' ');
    for t in &s.toks {
        s.joined_at.push(s.joined.len() as u32);
        s.joined
            .push_str(&s.norm[t.nstart as usize..t.nend as usize]);
        s.joined.push(' ');
    }

    // Collect cue matches: (first token, token count, cue).
    let lex = lexicon();
    let mut cues = std::mem::take(&mut s.cues);
    cues.clear();
    // Every pattern starts at a token (and ends with the space after its last one), so a
    // match has the token as its first: the patterns of its group that the text goes on
    // with, longest first (equal patterns in id order, which the stable sort keeps).
    for (first, t) in s.toks.iter().enumerate() {
        let at = s.joined_at[first] as usize;
        let rest = &s.joined.as_bytes()[at..];
        let token = &rest[..(t.nend - t.nstart) as usize];
        for (p, pattern) in lex.groups.group(token) {
            let len = lex.tokens[p] as usize;
            if rest.starts_with(pattern) && first + len <= n {
                cues.push((first, len, lex.cues[p]));
            }
        }
    }
    cues.sort_by_key(|&(f, l, _)| (f, usize::MAX - l));

    // Contrast weights and negation scopes. Regions already discounted are not walked
    // again, so many markers in one huge clause stay linear.
    let (mut next_done, mut this_done) = (0usize, 0usize);
    for &(f, l, cue) in &cues {
        let (a, b) = (s.toks[f].start, s.toks[f + l - 1].end);
        match cue {
            Cue::ContrastNext if f > 0 => {
                s.contrasts.push((a, b, s.toks[0].start, a));
                for w in &mut s.weight[next_done..f] {
                    *w = w.min(CONTRAST_DISCOUNT);
                }
                next_done = f;
            }
            Cue::ContrastThis if f >= this_done => {
                let mut j = f + l;
                while j < n && !(s.toks[j].kind == Kind::Punct && s.norm_of(&s.toks[j]) != "-") {
                    j += 1;
                }
                for w in &mut s.weight[f..j] {
                    *w = w.min(CONTRAST_DISCOUNT);
                }
                s.contrasts.push((a, b, a, s.toks[j - 1].end));
                this_done = j;
            }
            Cue::Negator => {
                let mut words = 0;
                let mut j = f + l;
                while j < n && words < NEGATION_SCOPE && s.toks[j].kind != Kind::Punct {
                    s.negated[j] = true;
                    words += 1;
                    j += 1;
                }
            }
            Cue::Hedge => s.hedges.push((a, b)),
            _ => {}
        }
    }
    // Tokens ending in n't are negators too ("didn't", "won't").
    for i in 0..n {
        if s.toks[i].kind == Kind::Word && s.norm_of(&s.toks[i]).ends_with("n't") {
            let mut j = i + 1;
            while j < n && j <= i + NEGATION_SCOPE && s.toks[j].kind != Kind::Punct {
                s.negated[j] = true;
                j += 1;
            }
        }
    }

    let word_from = s.features.len();
    word_features(s, buckets);
    normalise(&mut s.features[word_from..], WORD_GROUP_SCALE);
    s.char_at = s.features.len();
    char_features(s, buckets);
    normalise_grams(&mut s.gram_words, CHAR_GROUP_SCALE);
    rule_features(s, &cues, buckets);
    s.cues = cues;
}

fn normalise(feats: &mut [Feature], scale: f32) {
    let norm: f32 = feats.iter().map(|f| f.value * f.value).sum::<f32>().sqrt();
    if norm > 0.0 {
        for f in feats {
            f.value *= scale / norm;
        }
    }
}

/// [`normalise`] for the char group: the same sums, in the same order, as over one feature
/// per n-gram.
fn normalise_grams(words: &mut [GramWord], scale: f32) {
    let norm: f32 = words
        .iter()
        .flat_map(|w| (w.from..w.to).map(move |_| w.value * w.value))
        .sum::<f32>()
        .sqrt();
    if norm > 0.0 {
        for w in words {
            w.value *= scale / norm;
        }
    }
}

fn emits(kind: Kind) -> bool {
    !matches!(kind, Kind::Punct)
}

fn word_features(s: &mut Scratch, buckets: u32) {
    let n = s.toks.len();
    for i in 0..n {
        let t = s.toks[i];
        let nt = &s.norm[t.nstart as usize..t.nend as usize];
        if t.kind == Kind::Punct && !matches!(nt, "!" | "?") {
            continue;
        }
        let tag = if s.negated[i] { b'n' } else { b'w' };
        let index = Fnv::new(tag).bytes(nt.as_bytes()).bucket(buckets);
        s.features.push(Feature {
            index,
            value: s.weight[i],
            start: t.start,
            end: t.end,
            source: Source::Word,
        });
        if i + 1 < n {
            let u = s.toks[i + 1];
            if emits(t.kind) && emits(u.kind) {
                let nu = &s.norm[u.nstart as usize..u.nend as usize];
                let index = Fnv::new(b'b')
                    .bytes(nt.as_bytes())
                    .byte(b' ')
                    .bytes(nu.as_bytes())
                    .bucket(buckets);
                let value = s.weight[i].min(s.weight[i + 1]);
                s.features.push(Feature {
                    index,
                    value,
                    start: t.start,
                    end: u.end,
                    source: Source::Bigram,
                });
            }
        }
    }
}

fn char_features(s: &mut Scratch, buckets: u32) {
    for i in 0..s.toks.len() {
        let t = s.toks[i];
        if t.kind != Kind::Word {
            continue;
        }
        let w = &s.norm[t.nstart as usize..t.nend as usize];
        let (from, to) = match s.gram_cache.get(w) {
            Some(&range) => range,
            None => {
                let range = word_grams(w, buckets, &mut s.marked, &mut s.cuts, &mut s.grams);
                s.gram_cache.insert(w.into(), range);
                range
            }
        };
        if to > from {
            s.gram_words.push(GramWord {
                start: t.start,
                end: t.end,
                value: s.weight[i],
                from,
                to,
            });
        }
    }
}

/// Append the char n-gram buckets of the normalised word `w` to `out`: their range in it.
fn word_grams(
    w: &str,
    buckets: u32,
    marked: &mut Vec<u8>,
    cuts: &mut Vec<usize>,
    out: &mut Vec<u32>,
) -> (u32, u32) {
    // The bytes of "<word>" (the markers are one byte each).
    marked.clear();
    marked.push(b'<');
    marked.extend_from_slice(w.as_bytes());
    marked.push(b'>');
    let from = out.len();
    if w.is_ascii() {
        // Nearly every word: each char is one byte, so char j starts at byte j.
        ngram_buckets(marked, marked.len(), |j| j, buckets, out);
    } else {
        char_cuts(w, cuts);
        ngram_buckets(marked, cuts.len() - 1, |j| cuts[j], buckets, out);
    }
    let index = |n: usize| u32::try_from(n).expect("fewer than 2^32 n-grams");
    (index(from), index(out.len()))
}

/// Where each char of "<w>" starts in its bytes, and the end: `nchars + 1` offsets.
fn char_cuts(w: &str, cuts: &mut Vec<usize>) {
    cuts.clear();
    cuts.push(0);
    cuts.extend(w.char_indices().map(|(j, _)| j + 1));
    cuts.push(w.len() + 1);
    cuts.push(w.len() + 2);
}

/// The char n-gram buckets of one word, `marked` being "<word>" and `cut(j)` the byte where
/// its char j starts (`cut(nchars)` its end): by length, then position, written in place.
/// FNV is sequential, so each start is hashed once, its state continuing into the longer
/// n-grams.
fn ngram_buckets(
    marked: &[u8],
    nchars: usize,
    cut: impl Fn(usize) -> usize,
    buckets: u32,
    out: &mut Vec<u32>,
) {
    if nchars < CHAR_MIN {
        return;
    }
    // Where each length's n-grams start among this word's features: a length l has
    // nchars + 1 − l of them.
    let mut at = [0usize; CHAR_MAX - CHAR_MIN + 2];
    for l in CHAR_MIN..=CHAR_MAX {
        at[l - CHAR_MIN + 1] = at[l - CHAR_MIN] + (nchars + 1).saturating_sub(l);
    }
    let base = out.len();
    out.resize(base + at[CHAR_MAX - CHAR_MIN + 1], 0);
    let feats = &mut out[base..];
    for a in 0..=nchars - CHAR_MIN {
        let mut h = Fnv::new(b'c').bytes(&marked[cut(a)..cut(a + CHAR_MIN - 1)]);
        for l in CHAR_MIN..=CHAR_MAX.min(nchars - a) {
            h = h.bytes(&marked[cut(a + l - 1)..cut(a + l)]);
            feats[at[l - CHAR_MIN] + a] = h.bucket(buckets);
        }
    }
}

/// Dense rule features: each is a named bucket with a summed value.
fn rule_features(s: &mut Scratch, cues: &[(usize, usize, Cue)], buckets: u32) {
    let n = s.toks.len();
    let mut intensity = std::mem::take(&mut s.intensity);
    intensity.clear();
    intensity.resize(n, 1.0);
    for &(f, l, cue) in cues {
        if let Cue::Intensity(k) = cue {
            // Applies to the next two tokens ("sharply higher", "very strong results").
            for x in intensity.iter_mut().skip(f + l).take(2) {
                *x = k;
            }
        }
    }
    // Polar cues: skip a single word that lies inside a longer polar phrase match.
    let mut covered_until = 0usize;
    let mut covered_from = 0usize;
    for &(f, l, cue) in cues {
        let Cue::Polar(prior, rule) = cue else {
            continue;
        };
        if f < covered_until && f >= covered_from && l == 1 {
            continue;
        }
        if f + l > covered_until {
            covered_from = f;
            covered_until = f + l;
        }
        let neg = s.negated[f];
        let v = prior * intensity[f] * s.weight[f] * if neg { -1.0 } else { 1.0 };
        let (name, source) = match (v > 0.0, neg) {
            (true, false) => ("pos", Source::Lexicon(rule)),
            (false, false) => ("neg", Source::Lexicon(rule)),
            (true, true) => ("negated_neg", Source::Negated),
            (false, true) => ("negated_pos", Source::Negated),
        };
        let phrase = match (l > 1 && !neg, v > 0.0) {
            (true, true) => "phrase_pos",
            (true, false) => "phrase_neg",
            (false, _) => name,
        };
        let (a, b) = (s.toks[f].start, s.toks[f + l - 1].end);
        s.features.push(Feature {
            index: rule_index(phrase, buckets),
            value: v.abs() * RULE_SCALE,
            start: a,
            end: b,
            source,
        });
    }
    s.intensity = intensity;

    // Direction × metric within a clause.
    let mut clause_start = 0;
    for i in 0..=n {
        let at_end = i == n || (s.toks[i].kind == Kind::Punct && s.norm_of(&s.toks[i]) != "-");
        if !at_end {
            continue;
        }
        direction_in_clause(s, cues, clause_start, i, buckets);
        numeric_in_clause(s, cues, clause_start, i, buckets);
        clause_start = i + 1;
    }

    if !s.hedges.is_empty() {
        let (a, b) = s.hedges[0];
        let v = (s.hedges.len() as f32).min(2.0) * RULE_SCALE;
        s.features.push(Feature {
            index: rule_index("hedge", buckets),
            value: v,
            start: a,
            end: b,
            source: Source::Hedge,
        });
    }
    if s.negated.iter().any(|&x| x) {
        s.features.push(Feature {
            index: rule_index("has_negation", buckets),
            value: RULE_SCALE,
            start: 0,
            end: 0,
            source: Source::Other,
        });
    }
}

/// Cues lying wholly inside tokens `a..b` (cues are sorted by first token).
fn cues_in(
    cues: &[(usize, usize, Cue)],
    a: usize,
    b: usize,
) -> impl Iterator<Item = &(usize, usize, Cue)> {
    let from = cues.partition_point(|&(f, _, _)| f < a);
    cues[from..]
        .iter()
        .take_while(move |&&(f, _, _)| f < b)
        .filter(move |&&(f, l, _)| f + l <= b)
}

fn direction_in_clause(
    s: &mut Scratch,
    cues: &[(usize, usize, Cue)],
    a: usize,
    b: usize,
    buckets: u32,
) {
    // Words inside a multi-word polar phrase ("cut its dividend", "swung to a loss") are
    // already explained by the phrase: no direction × metric pairing for them.
    let in_phrase = |i: usize| {
        // Phrases are at most MAX_PHRASE_TOKENS long, so only cues starting shortly
        // before `i` can cover it (keeps this linear on huge clauses).
        let from = cues.partition_point(|&(f, _, _)| f + MAX_PHRASE_TOKENS < i);
        cues[from..]
            .iter()
            .take_while(|&&(f, _, _)| f <= i)
            .any(|&(f, l, c)| l > 1 && matches!(c, Cue::Polar(..)) && i < f + l)
    };
    let mut metrics = std::mem::take(&mut s.metrics);
    metrics.clear();
    metrics.extend(
        cues_in(cues, a, b)
            .filter(|&&(f, _, _)| !in_phrase(f))
            .filter_map(|&(f, l, c)| match c {
                Cue::GoodMetric => Some((f, l, true)),
                Cue::BadMetric => Some((f, l, false)),
                _ => None,
            }),
    );
    if metrics.is_empty() {
        s.metrics = metrics;
        return;
    }
    for &(f, l, c) in cues_in(cues, a, b) {
        let up = match c {
            Cue::Up if !in_phrase(f) => true,
            Cue::Down if !in_phrase(f) => false,
            _ => continue,
        };
        // The nearest metric that is not the direction word itself; bad metrics win ties
        // ("operating loss increased": "loss" over "operating").
        let lo = metrics.partition_point(|&(mf, _, _)| mf + METRIC_WINDOW < f);
        let Some(&(mf, ml, good)) = metrics[lo..]
            .iter()
            .take_while(|&&(mf, _, _)| mf <= f + l + METRIC_WINDOW)
            .filter(|&&(mf, ml, _)| mf + ml <= f || mf >= f + l)
            .min_by_key(|&&(mf, _, good)| (mf.abs_diff(f), good))
        else {
            continue;
        };
        let positive = (up == good) != s.negated[f];
        let (lo, hi) = (f.min(mf), (f + l).max(mf + ml) - 1);
        let v = s.weight[f] * RULE_SCALE * 2.0;
        let name = if positive { "dir_pos" } else { "dir_neg" };
        let (start, end) = (s.toks[lo].start, s.toks[hi].end);
        s.features.push(Feature {
            index: rule_index(name, buckets),
            value: v,
            start,
            end,
            source: Source::Direction,
        });
    }
    s.metrics = metrics;
}

fn numeric_in_clause(
    s: &mut Scratch,
    cues: &[(usize, usize, Cue)],
    a: usize,
    b: usize,
    buckets: u32,
) {
    let mut nums = std::mem::take(&mut s.nums);
    nums.clear();
    nums.extend((a..b).filter(|&i| {
        s.toks[i].kind == Kind::Num && !(i + 1 < b && s.norm_of(&s.toks[i + 1]) == "%")
    }));
    for w in nums.windows(2) {
        let (i, j) = (w[0], w[1]);
        if j - i > NUM_COMPARE_GAP || s.toks[i].value == s.toks[j].value {
            continue;
        }
        let before = |k: usize| -> Option<&str> {
            // The word just before number k, skipping currency codes and symbols.
            let mut p = k;
            while p > a && k - p < 3 {
                p -= 1;
                let t = &s.toks[p];
                let nt = s.norm_of(t);
                if t.kind == Kind::Sym || (t.kind == Kind::Word && nt.len() == 3 && is_currency(nt))
                {
                    continue;
                }
                return Some(nt);
            }
            None
        };
        let has = |w: &str| (i + 1..j).any(|k| s.norm_of(&s.toks[k]) == w);
        let later_bigger = s.toks[j].value > s.toks[i].value;
        let up = match before(i) {
            Some("from") if has("to") => later_bigger,
            Some("to") if has("from") => !later_bigger,
            _ if has("compared") || has("versus") || has("vs") || has("against") || has("from") => {
                !later_bigger
            }
            _ => continue,
        };
        // Metric of the clause decides whether "up" is good (loss 2 -> 1 is good).
        let good = cues_in(
            cues,
            i.saturating_sub(METRIC_WINDOW).max(a),
            (j + METRIC_WINDOW).min(b),
        )
        .filter_map(|&(f, _, c)| match c {
            Cue::GoodMetric => Some((f, true)),
            Cue::BadMetric => Some((f, false)),
            _ => None,
        })
        .min_by_key(|&(f, good)| (f.abs_diff(i), good))
        .is_none_or(|(_, g)| g);
        let name = if up == good { "num_pos" } else { "num_neg" };
        let v = s.weight[i] * RULE_SCALE * 2.0;
        let (start, end) = (s.toks[i].start, s.toks[j].end);
        s.features.push(Feature {
            index: rule_index(name, buckets),
            value: v,
            start,
            end,
            source: Source::Numeric,
        });
    }
    s.nums = nums;
}

fn is_currency(w: &str) -> bool {
    matches!(
        w,
        "eur"
            | "usd"
            | "sek"
            | "gbp"
            | "dkk"
            | "nok"
            | "jpy"
            | "inr"
            | "rmb"
            | "cny"
            | "chf"
            | "rs"
            | "ltl"
            | "lvl"
            | "eek"
            | "pln"
            | "rub"
            | "cad"
            | "aud"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Significant digits that `decimal` reads exactly: a mantissa below 2^53 is exact.
    const EXACT_DIGITS: usize = 15;

    /// What `parse_number` did before `decimal`: the standard parser, commas removed.
    fn std_decimal(s: &str) -> Option<f64> {
        s.chars()
            .filter(|&c| c != ',')
            .collect::<String>()
            .parse()
            .ok()
    }

    #[test]
    fn decimal_reads_the_numbers_of_news_text_as_the_standard_parser_does() {
        for s in [
            "0",
            "5",
            "5.",
            ".5",
            "0.1",
            "0.3",
            "1,234.5",
            "3.14159",
            "2026",
            "0.000001",
            "007",
            "1,000,000",
            "99.99",
            "123456789012345",
            "0.000000000000000000000012",
        ] {
            assert_eq!(decimal(s), std_decimal(s), "{s}");
        }
        for s in ["", ".", ",", "1.2.3", "..5", "1..", ",."] {
            assert_eq!(decimal(s), None, "{s}");
            assert_eq!(std_decimal(s), None, "{s}");
        }
    }

    proptest::proptest! {
        #[test]
        fn decimal_is_exact_to_fifteen_digits_and_close_beyond(
            s in "[0-9,]{0,20}(\\.[0-9,]{0,25})?"
        ) {
            let (got, want) = (decimal(&s), std_decimal(&s));
            proptest::prop_assert_eq!(got.is_some(), want.is_some());
            if let (Some(g), Some(w)) = (got, want) {
                let digits: String = s.chars().filter(char::is_ascii_digit).collect();
                let significant = digits.trim_start_matches('0').len();
                let places = s.split('.').nth(1).map_or(0, |f| f.chars().filter(char::is_ascii_digit).count());
                if significant <= EXACT_DIGITS && places <= 22 {
                    proptest::prop_assert_eq!(g, w);
                } else {
                    proptest::prop_assert!((g - w).abs() <= w.abs() * 1e-15, "{} vs {}", g, w);
                }
            }
        }
    }

    #[test]
    fn ascii_and_unicode_char_ngram_paths_give_the_same_features() {
        for w in [
            "a",
            "up",
            "eps",
            "loss",
            "profit",
            "outperformed",
            "x-ray",
            "n't",
        ] {
            let marked: Vec<u8> = [b"<", w.as_bytes(), b">"].concat();
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            ngram_buckets(&marked, marked.len(), |j| j, 1 << 16, &mut fast);
            let mut cuts = Vec::new();
            char_cuts(w, &mut cuts);
            let n = cuts.len() - 1;
            ngram_buckets(&marked, n, |j| cuts[j], 1 << 16, &mut general);
            assert_eq!(fast, general, "{w}");
            assert_eq!(
                fast.len(),
                (3..=5)
                    .map(|l| (w.len() + 3).saturating_sub(l))
                    .sum::<usize>(),
                "{w}"
            );
        }
    }

    fn toks(text: &str) -> Vec<(String, Kind)> {
        let mut s = Scratch::default();
        tokenize(text, 0, &mut s);
        s.toks
            .iter()
            .map(|t| (s.norm_of(t).to_owned(), t.kind))
            .collect()
    }

    fn names(text: &str) -> Vec<(&'static str, String)> {
        let mut s = Scratch::default();
        extract(text, 0, 1 << 20, &mut s);
        let rules = [
            "pos",
            "neg",
            "negated_pos",
            "negated_neg",
            "phrase_pos",
            "phrase_neg",
            "dir_pos",
            "dir_neg",
            "num_pos",
            "num_neg",
            "hedge",
        ];
        let mut out = Vec::new();
        for f in s.all_features() {
            for r in rules {
                if f.index == rule_index(r, 1 << 20)
                    && matches!(
                        f.source,
                        Source::Lexicon(_)
                            | Source::Negated
                            | Source::Direction
                            | Source::Numeric
                            | Source::Hedge
                    )
                {
                    out.push((r, text[f.start..f.end].to_owned()));
                }
            }
        }
        out
    }

    #[test]
    fn tokenizer_normalises_numbers_cashtags_and_urls() {
        let t = toks("$AAPL rose 3.5% to $1,234.5 https://t.co/x didn’t");
        let norms: Vec<&str> = t.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            norms,
            vec![
                "<cashtag>",
                "rose",
                "<num>",
                "%",
                "to",
                "$",
                "<num>",
                "<url>",
                "didn't"
            ]
        );
    }

    #[test]
    fn numbers_get_multipliers_and_years_are_not_numbers() {
        let mut s = Scratch::default();
        tokenize("EUR 1.2 bn in 2009 and 10m", 0, &mut s);
        let vals: Vec<(Kind, f64)> = s
            .toks
            .iter()
            .filter(|t| t.kind != Kind::Word)
            .map(|t| (t.kind, t.value))
            .collect();
        assert_eq!(vals[0], (Kind::Num, 1.2e9));
        assert_eq!(vals[1].0, Kind::Year);
        assert_eq!(vals[2], (Kind::Num, 10e6));
    }

    #[test]
    fn negation_flips_a_polar_word() {
        let got = names("The company did not miss estimates.");
        assert!(
            got.iter()
                .any(|(r, t)| *r == "negated_neg" && t.contains("miss")),
            "{got:?}"
        );
        assert!(!got.iter().any(|(r, _)| *r == "neg"), "{got:?}");
    }

    #[test]
    fn domain_phrase_wins_over_its_words() {
        let got = names("Acme cut guidance for 2025.");
        assert!(
            got.iter()
                .any(|(r, t)| *r == "phrase_neg" && t == "cut guidance"),
            "{got:?}"
        );
    }

    #[test]
    fn falling_costs_and_narrowing_losses_are_good() {
        assert!(names("Costs fell sharply")
            .iter()
            .any(|(r, _)| *r == "dir_pos"));
        assert!(names("Operating loss narrowed")
            .iter()
            .any(|(r, _)| *r == "dir_pos" || *r == "phrase_pos"));
        assert!(names("Net sales decreased")
            .iter()
            .any(|(r, _)| *r == "dir_neg"));
    }

    #[test]
    fn numeric_comparison_reads_the_direction() {
        let got = names("Operating profit was EUR 5.1 mn compared to EUR 3.2 mn");
        assert!(got.iter().any(|(r, _)| *r == "num_pos"), "{got:?}");
        let got = names("The loss was EUR 5.1 mn compared to EUR 3.2 mn");
        assert!(got.iter().any(|(r, _)| *r == "num_neg"), "{got:?}");
        let got = names("Sales rose from EUR 8 mn to EUR 6 mn");
        assert!(got.iter().any(|(r, _)| *r == "num_neg"), "{got:?}");
    }

    #[test]
    fn words_inside_a_phrase_are_not_paired_with_metrics() {
        let got = names("The company swung to a loss and cut its dividend.");
        assert!(!got.iter().any(|(r, _)| r.starts_with("dir_")), "{got:?}");
        assert!(names("Acme cut its full-year guidance")
            .iter()
            .any(|(r, _)| *r == "phrase_neg"));
        assert!(names("Acme lowered its 2025 guidance")
            .iter()
            .any(|(r, _)| *r == "dir_neg"));
    }

    proptest::proptest! {
        /// The cues found by group lookups are those of a scan of every lexicon pattern at
        /// every token, in the same order.
        #[test]
        fn lexicon_cues_agree_with_a_scan_of_every_pattern(
            words in proptest::collection::vec(proptest::sample::select(NEWS_WORDS), 0..30),
        ) {
            let text = words.join(" ");
            let mut s = Scratch::default();
            extract(&text, 0, 1 << 16, &mut s);
            let lex = lexicon();
            let n = s.toks.len();
            let mut want = Vec::new();
            for first in 0..n {
                let rest = &s.joined.as_bytes()[s.joined_at[first] as usize..];
                for p in 0..lex.groups.len() {
                    let len = lex.tokens[p] as usize;
                    if rest.starts_with(lex.groups.string(p)) && first + len <= n {
                        want.push((first, len, lex.cues[p]));
                    }
                }
            }
            want.sort_by_key(|&(f, l, _)| (f, usize::MAX - l));
            proptest::prop_assert_eq!(&s.cues, &want);
        }
    }

    #[test]
    fn no_lexicon_phrase_is_longer_than_the_scan_window() {
        assert!(lexicon()
            .tokens
            .iter()
            .all(|&t| t as usize <= MAX_PHRASE_TOKENS));
    }

    #[test]
    fn hedges_are_found() {
        assert!(names("Shares may reportedly fall")
            .iter()
            .any(|(r, _)| *r == "hedge"));
    }

    #[test]
    fn contrast_discounts_the_clause_before_but() {
        let mut s = Scratch::default();
        extract("Sales rose but profit fell", 0, 1 << 20, &mut s);
        let pos = s
            .features
            .iter()
            .find(|f| f.source == Source::Lexicon(PolarRule::LexPos))
            .unwrap();
        let neg = s
            .features
            .iter()
            .find(|f| f.source == Source::Lexicon(PolarRule::LexNeg))
            .unwrap();
        assert!(pos.value < neg.value, "{} vs {}", pos.value, neg.value);
    }

    /// Every feature of one extraction, comparable: (index, value bits, start, end, source).
    fn fired(text: &str, buckets: u32, s: &mut Scratch) -> Vec<(u32, u32, usize, usize, Source)> {
        extract(text, 7, buckets, s);
        s.all_features()
            .map(|f| (f.index, f.value.to_bits(), f.start, f.end, f.source))
            .collect()
    }

    #[test]
    fn cached_char_ngrams_are_the_ones_a_fresh_extraction_computes() {
        let texts = [
            "Shares of Tesla fell sharply after the company's profit warning.",
            "Profit rose; shares of the company rose, Tesla's rivals' shares fell.",
            "Prix en baisse: la société prévoit une perte, l'action chute.",
            "Tesla",
        ];
        let mut warm = Scratch::default();
        for _ in 0..2 {
            for text in texts {
                let cold = fired(text, 1 << 16, &mut Scratch::default());
                assert_eq!(fired(text, 1 << 16, &mut warm), cold, "{text}");
            }
        }
        // Another model's bucket count: the cache starts afresh instead of reading the
        // first model's buckets.
        let cold = fired(texts[0], 1000, &mut Scratch::default());
        assert_eq!(fired(texts[0], 1000, &mut warm), cold);
        assert!(warm.grams.iter().all(|&b| b < 1000));
    }

    #[test]
    fn the_char_ngram_cache_is_bounded() {
        let mut s = Scratch::default();
        // Distinct long words until the store passes its bound: the next extraction starts
        // it afresh, and its features still match a fresh extraction's.
        let mut text = String::new();
        for i in 0..GRAM_CACHE_MAX / 40 + 1 {
            text.push_str(&format!("word{i}abcdefghij "));
        }
        extract(&text, 0, 1 << 16, &mut s);
        assert!(s.grams.len() > GRAM_CACHE_MAX);
        let cold = fired("profit fell", 1 << 16, &mut Scratch::default());
        assert_eq!(fired("profit fell", 1 << 16, &mut s), cold);
        assert!(s.grams.len() < 100, "{} buckets kept", s.grams.len());
        assert_eq!(s.gram_cache.len(), 2);
    }

    #[test]
    fn feature_spans_are_absolute_and_on_char_boundaries() {
        let text = "Überraschung: Äpfel Corp shares plunged 5% 🚀";
        let mut s = Scratch::default();
        extract(&text[3..], 3, 1 << 18, &mut s);
        assert!(s.all_features().any(|f| f.source == Source::Char));
        for f in s.all_features() {
            if f.end > 0 {
                assert!(
                    text.is_char_boundary(f.start)
                        && text.is_char_boundary(f.end)
                        && f.start < f.end
                );
            }
        }
    }
}
