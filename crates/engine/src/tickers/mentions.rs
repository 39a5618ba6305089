//! Finding company mentions: explicit symbols, then names from the alias index with
//! word-boundary, case and evidence checks on the original text.

use super::master::{master, Alias, Master};
use super::name_index::{is_word_char, word_char_at};
use crate::text::{tokens, Token};
use crate::types::Field;
use crate::Doc;

/// What a mention refers to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// A company of the master (index into `Master::companies`).
    Company(usize),
    /// An explicit symbol that is not in the master: (symbol, exchange).
    Symbol(String, String),
}

/// How a mention was found (strongest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum How {
    /// `$TSLA`.
    Cashtag,
    /// `NASDAQ: AAPL`, `(NYSE: JPM)`, `LON:BP`.
    Exchange,
    /// `Apple (AAPL)`.
    Parenthesised,
    /// An unambiguous name, brand or descriptor.
    Name,
    /// An ambiguous name accepted on company evidence.
    Evidence,
}

impl How {
    pub fn is_explicit(self) -> bool {
        matches!(self, How::Cashtag | How::Exchange | How::Parenthesised)
    }
}

/// One mention of a company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub target: Target,
    pub field: Field,
    pub start: usize,
    pub end: usize,
    pub how: How,
}

/// Exchange prefixes of `EXCH: SYMBOL`, with the suffix their symbols take in the master
/// ("" = a US listing, symbol as is).
const EXCHANGES: &[(&str, &str)] = &[
    ("NYSE", ""),
    ("NASDAQ", ""),
    ("NYSE AMERICAN", ""),
    ("NYSE ARCA", ""),
    ("NYSEARCA", ""),
    ("NYSEAMERICAN", ""),
    ("AMEX", ""),
    ("CBOE", ""),
    ("BATS", ""),
    ("OTC", ""),
    ("OTCMKTS", ""),
    ("OTCQX", ""),
    ("OTCQB", ""),
    ("LON", ".L"),
    ("LSE", ".L"),
    ("ETR", ".DE"),
    ("XETRA", ".DE"),
    ("FRA", ".DE"),
    ("EPA", ".PA"),
    ("AMS", ".AS"),
    ("EBR", ".BR"),
    ("BIT", ".MI"),
    ("BME", ".MC"),
    ("SWX", ".SW"),
    ("SIX", ".SW"),
    ("STO", ".ST"),
    ("HEL", ".HE"),
    ("CPH", ".CO"),
    ("TYO", ".T"),
    ("TSE", ".T"),
    ("HKG", ".HK"),
    ("HKEX", ".HK"),
    ("TPE", ".TW"),
    ("TWSE", ".TW"),
    ("KRX", ".KS"),
    ("NSE", ".NS"),
    ("BSE", ".NS"),
    ("TSX", ".TO"),
    ("ASX", ".AX"),
];

/// Cashtags that are currencies, not companies (when not in the master).
const CURRENCY_TAGS: &[&str] = &[
    "USD", "US", "CAD", "AUD", "NZD", "HKD", "SGD", "EUR", "GBP", "JPY", "CNY", "INR", "BTC", "ETH",
];

/// Legal suffixes that may follow a name ("Apple Inc.") and count as company evidence.
const LEGAL_SUFFIXES: &[&str] = &[
    "Inc.",
    "Inc",
    "Corp.",
    "Corp",
    "Corporation",
    "Co.",
    "Company",
    "Ltd.",
    "Ltd",
    "Limited",
    "plc",
    "PLC",
    "AG",
    "SE",
    "N.V.",
    "NV",
    "S.A.",
    "SA",
    "LLC",
    "Incorporated",
    "INC",
    "CORP",
    "LTD",
];

/// Words right after a name that make it a company ("Target shares", "Apple said").
const NEXT_CONTEXT: &[&str] = &[
    "shares",
    "stock",
    "inc",
    "corp",
    "ceo",
    "cfo",
    "chief",
    "said",
    "says",
    "reported",
    "reports",
    "announced",
    "announces",
    "posted",
    "posts",
    "unveiled",
    "unveils",
    "launched",
    "launches",
    "shareholders",
    "investors",
    "earnings",
    "revenue",
    "sales",
    "profit",
    "profits",
    "results",
    "executives",
    "board",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "stake",
    "beat",
    "beats",
    "missed",
    "misses",
    "cut",
    "cuts",
    "raised",
    "raises",
    "plans",
    "agreed",
    "agrees",
    "acquired",
    "acquires",
    "shares'",
    "stores",
    "management",
    "q1",
    "q2",
    "q3",
    "q4",
];

/// Words right before a name that make it a company ("shares of Gap", "retailer Target").
const PREV_CONTEXT: &[&str] = &[
    "retailer",
    "airline",
    "carrier",
    "automaker",
    "carmaker",
    "chipmaker",
    "giant",
    "rival",
    "company",
    "firm",
    "bank",
    "lender",
    "insurer",
    "brand",
    "conglomerate",
    "group",
    "maker",
    "peer",
    "peers",
    "owner",
    "investor",
    "competitor",
    "competitors",
    "including",
    "like",
    "oil",
    "major",
];

/// Company words anywhere near a name (a window of tokens in the same sentence).
const WINDOW_CONTEXT: &[&str] = &[
    "shares",
    "stock",
    "ceo",
    "chief",
    "executive",
    "revenue",
    "revenues",
    "earnings",
    "quarter",
    "quarterly",
    "profit",
    "profits",
    "sales",
    "results",
    "company",
    "inc",
    "corp",
    "analysts",
    "analyst",
    "investors",
    "shareholders",
    "guidance",
    "forecast",
    "outlook",
    "estimates",
    "dividend",
    "buyback",
    "acquisition",
    "acquire",
    "merger",
    "deal",
    "retailer",
    "airline",
    "carrier",
    "stores",
    "customers",
    "brand",
    "products",
    "valuation",
    "market",
    "nyse",
    "nasdaq",
    "rating",
    "downgrade",
    "upgrade",
    "downgraded",
    "upgraded",
    "target",
    "price",
    "fiscal",
    "margin",
    "margins",
    "layoffs",
    "jobs",
];

/// Tokens in the window that are the names's other meaning ("the Delta variant", "Apple pie").
const NEXT_NOT: &[&str] = &[
    "variant", "variants", "pie", "pies", "juice", "tree", "trees", "orchard", "orchards", "cider",
    "sauce", "strain", "wave", "force", "river", "pudding", "crumble",
];

/// Price moves that, right after a name and followed by their size, make it a listed company
/// ("Southern gains 2.9%", "Prudential fell 9p to 888").
const PRICE_MOVES: &[&str] = &[
    "rose", "rises", "fell", "falls", "gained", "gains", "jumped", "jumps", "climbed", "climbs",
    "slid", "slides", "slipped", "slips", "dropped", "drops", "surged", "surges", "plunged",
    "plunges", "tumbled", "tumbles", "sank", "sinks", "soared", "soars", "rallied", "rallies",
    "advanced", "advances", "declined", "declines",
];

/// Tokens of a social-sharing line ("Share to Facebook | Twitter | Email").
const SOCIAL_WORDS: &[&str] = &[
    "share",
    "shares",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "email",
    "e",
    "mail",
    "whatsapp",
    "reddit",
    "pinterest",
    "print",
    "copy",
    "link",
    "tweet",
    "instagram",
    "youtube",
    "telegram",
    "this",
    "article",
    "on",
    "to",
    "via",
    "us",
    "follow",
    "like",
    "messenger",
    "threads",
    "tiktok",
    "flipboard",
    "save",
    "comment",
    "comments",
    "and",
    "or",
    "story",
];

/// Bytes around a platform name searched for its button line.
const SOCIAL_LINE_BYTES: usize = 200;

/// Phrases before a platform name that make it a button, not a company.
const SOCIAL_PREFIXES: &[&str] = &[
    "share to",
    "share on",
    "share via",
    "share with",
    "share this on",
    "follow us on",
    "like us on",
    "find us on",
    "join us on",
    "connect with us on",
    "follow on",
    "follow",
    "post to",
    "share",
    "sign in with",
    "log in with",
    "login with",
    "continue with",
];

/// Capitalised first words of a sentence that are not part of a name ("Buy Hindalco").
const SENTENCE_STARTERS: &[&str] = &[
    "buy",
    "sell",
    "hold",
    "accumulate",
    "avoid",
    "add",
    "exit",
    "book",
    "switch",
    "prefer",
    "watch",
    "short",
    "why",
    "how",
    "what",
    "when",
    "where",
    "who",
    "will",
    "can",
    "could",
    "should",
    "would",
    "is",
    "are",
    "was",
    "were",
    "do",
    "does",
    "did",
    "has",
    "have",
    "had",
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "for",
    "with",
    "as",
    "after",
    "before",
    "from",
    "to",
    "by",
    "of",
    "and",
    "but",
    "or",
    "if",
    "while",
    "shares",
    "stock",
    "stocks",
    "top",
    "new",
    "old",
    "big",
    "today",
    "yesterday",
    "also",
    "then",
    "now",
    "only",
    "even",
    "analysts",
    "investors",
    "traders",
    "trade",
    "bet",
    "pick",
    "invest",
    "stay",
    "keep",
    "go",
    "expect",
    "see",
    "sees",
    "says",
    "said",
    "report",
    "reports",
    "rival",
    "rivals",
    "like",
    "unlike",
    "both",
    "all",
    "some",
    "many",
    "most",
    "more",
    "less",
    "markets",
    "market",
    "sector",
    "ahead",
    "despite",
    "amid",
    "via",
    "over",
    "under",
    "about",
    "against",
    "among",
    "between",
    "into",
    "through",
    "during",
    "without",
    "within",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "our",
    "your",
    "my",
    "his",
    "her",
    "we",
    "they",
    "it",
    "i",
    "you",
];

/// Below this share of capitalised words a sentence is prose, where a capital is evidence;
/// at or above it the sentence is a Title Case headline, where capitals say nothing.
const TITLE_CASE_SHARE: f32 = 0.6;

/// Tokens either side of a name searched for company words.
const CONTEXT_WINDOW: usize = 8;

/// Bytes before "(TICKER)" searched for the company's name.
const PAREN_LOOKBACK: usize = 80;

fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// Candidate name match, before evidence.
#[derive(Debug, Clone)]
struct Candidate {
    company: usize,
    field: Field,
    start: usize,
    /// End of the name itself.
    end: usize,
    /// End including a legal suffix, if one follows.
    end_with_suffix: usize,
    weak: bool,
    exact_case: bool,
    /// A one-word name generated from a listing (not hand-written): may be part of a
    /// person's or another organisation's name ("Deepak Shenoy", "Jim Rogers").
    single_generated: bool,
}

/// All mentions in the document, in (field, start) order.
pub fn find(doc: &Doc<'_>) -> Vec<Mention> {
    let m = master();
    let mut explicit = Vec::new();
    let mut candidates = Vec::new();
    let mut blocked: Vec<(Field, usize, usize)> = Vec::new();
    for field in [Field::Title, Field::Body] {
        let text = doc.field_text(field);
        cashtags(m, text, field, &mut explicit);
        exchange_qualified(text, field, m, &mut explicit, &mut blocked);
        names(m, text, doc.field_lower(field), field, &mut candidates);
    }
    // A name inside an explicit form or an exchange prefix ("NASDAQ: ...") is not a mention.
    let explicit_set = SpanSet::new(explicit.iter().map(|e| (e.field, e.start, e.end)).collect());
    let blocked_set = SpanSet::new(blocked);
    candidates.retain(|c| {
        !explicit_set.overlaps(c.field, c.start, c.end)
            && !blocked_set.overlaps(c.field, c.start, c.end)
    });
    candidates.retain(|c| !(c.single_generated && part_of_longer_name(doc, c)));
    // In ALL-CAPS text every word is capitalised: a one-word name from the listings or an
    // acronym ("TAKE", "CTS" in "12 CTS") says nothing until the company is confirmed.
    for c in &mut candidates {
        if (c.single_generated || c.exact_case) && !c.weak && end_is_name(c) {
            let (ss, se) = sentence_window(doc, c);
            if is_shouting(&doc.field_text(c.field)[ss..se]) {
                c.weak = true;
            }
        }
    }
    for field in [Field::Title, Field::Body] {
        parenthesised(m, doc.field_text(field), field, &candidates, &mut explicit);
    }
    give_bare_symbols_their_exchange(&mut explicit);
    // Companies confirmed by an explicit symbol or an unambiguous name.
    let mut confirmed: Vec<usize> = explicit
        .iter()
        .filter_map(|e| match e.target {
            Target::Company(c) => Some(c),
            Target::Symbol(..) => None,
        })
        .chain(candidates.iter().filter(|c| !c.weak).map(|c| c.company))
        .collect();
    crate::sort::sort(&mut confirmed);
    confirmed.dedup();
    let strong = SpanSet::new(
        explicit
            .iter()
            .map(|e| (e.field, e.start, e.end))
            .chain(
                candidates
                    .iter()
                    .filter(|c| !c.weak)
                    .map(|c| (c.field, c.start, c.end_with_suffix)),
            )
            .collect(),
    );
    let explicit_set = SpanSet::new(explicit.iter().map(|e| (e.field, e.start, e.end)).collect());
    let mut out = explicit;
    // Candidates never overlap each other (the scan resumes after each accepted name), so
    // only explicit mentions can clash with them.
    for c in &candidates {
        let how = if !c.weak {
            How::Name
        } else if confirmed.binary_search(&c.company).is_ok()
            || coordinated(doc.field_text(c.field), c, &strong)
            || has_evidence(doc, c)
        {
            How::Evidence
        } else {
            continue;
        };
        let end = c.end_with_suffix;
        if explicit_set.overlaps(c.field, c.start, end) {
            continue;
        }
        out.push(Mention {
            target: Target::Company(c.company),
            field: c.field,
            start: c.start,
            end,
            how,
        });
    }
    crate::sort::sort_by_key(&mut out, |a| (a.field, a.start, a.end));
    out
}

/// Reads a symbol: letters/digits, an optional one- or two-letter class after '.' or '-'.
fn read_symbol(text: &str, from: usize, allow_digits: bool) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut j = from;
    while j < bytes.len()
        && (bytes[j].is_ascii_alphabetic() || allow_digits && bytes[j].is_ascii_digit())
        && j - from < 10
    {
        j += 1;
    }
    if j == from {
        return None;
    }
    // A class suffix: ".B", "-A", "-B.L" is not needed; one hop only.
    if j + 1 < bytes.len() && matches!(bytes[j], b'.' | b'-') && bytes[j + 1].is_ascii_alphabetic()
    {
        let mut k = j + 1;
        while k < bytes.len() && bytes[k].is_ascii_alphabetic() {
            k += 1;
        }
        if k - (j + 1) <= 2 && !char_at(text, k).is_some_and(is_word_char) {
            j = k;
        }
    }
    if char_at(text, j).is_some_and(is_word_char) {
        return None;
    }
    Some((from, j))
}

/// A symbol outside the master written both bare (`$PEPG`) and with its exchange
/// (`NASDAQ: PEPG`) is one listing: the bare mentions take the first exchange the document
/// gives it, so the symbol is reported once.
fn give_bare_symbols_their_exchange(explicit: &mut [Mention]) {
    let mut named: Vec<(String, String)> = Vec::new();
    for e in explicit.iter() {
        if let Target::Symbol(sym, exch) = &e.target {
            if !exch.is_empty() && !named.iter().any(|(s, _)| s == sym) {
                named.push((sym.clone(), exch.clone()));
            }
        }
    }
    for e in explicit.iter_mut() {
        if let Target::Symbol(sym, exch) = &mut e.target {
            if exch.is_empty() {
                if let Some((_, x)) = named.iter().find(|(s, _)| s == sym) {
                    exch.clone_from(x);
                }
            }
        }
    }
}

fn cashtags(m: &Master, text: &str, field: Field, out: &mut Vec<Mention>) {
    for (i, _) in text.match_indices('$') {
        if char_before(text, i).is_some_and(|c| is_word_char(c) || c == '$') {
            continue;
        }
        if !char_at(text, i + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let Some((s, e)) = read_symbol(text, i + 1, false) else {
            continue;
        };
        let sym = &text[s..e];
        let target = match m.company_by_ticker(sym) {
            Some(c) => Target::Company(c),
            None => {
                let up = sym.to_ascii_uppercase();
                if sym != up
                    || sym.len() < 2
                    || sym.len() > 5
                    || CURRENCY_TAGS.contains(&up.as_str())
                {
                    continue;
                }
                Target::Symbol(up, String::new())
            }
        };
        out.push(Mention {
            target,
            field,
            start: i,
            end: e,
            how: How::Cashtag,
        });
    }
}

fn exchange_qualified(
    text: &str,
    field: Field,
    m: &Master,
    out: &mut Vec<Mention>,
    blocked: &mut Vec<(Field, usize, usize)>,
) {
    let bytes = text.as_bytes();
    for (colon, _) in text.match_indices(':') {
        // The exchange word(s) before the colon.
        let before = text[..colon].trim_end();
        let Some(&(exch, suffix)) = EXCHANGES.iter().find(|(x, _)| {
            before.len() >= x.len()
                && before.is_char_boundary(before.len() - x.len())
                && before[before.len() - x.len()..].eq_ignore_ascii_case(x)
                && !char_before(before, before.len() - x.len()).is_some_and(is_word_char)
        }) else {
            continue;
        };
        let exch_start = before.len() - exch.len();
        // The symbol after it (upper case letters/digits).
        let mut j = colon + 1;
        while j < bytes.len() && bytes[j] == b' ' {
            j += 1;
        }
        let Some((s, e)) = read_symbol(text, j, true) else {
            continue;
        };
        let sym = &text[s..e];
        if sym.to_ascii_uppercase() != sym {
            continue;
        }
        let mut key = sym.to_owned();
        if !suffix.is_empty() {
            let base = if suffix == ".HK" {
                format!("{:0>4}", sym.trim_start_matches('0'))
            } else {
                sym.to_owned()
            };
            key = format!("{base}{suffix}");
        }
        let target = match m
            .company_by_ticker(&key)
            .or_else(|| m.company_by_ticker(sym).filter(|_| suffix.is_empty()))
        {
            Some(c) => Target::Company(c),
            None => Target::Symbol(key, exch.to_owned()),
        };
        blocked.push((field, exch_start, colon));
        out.push(Mention {
            target,
            field,
            start: s,
            end: e,
            how: How::Exchange,
        });
    }
}

/// Names: the longest alias spelled at each word start (so the scan is linear in the text,
/// at most one alias length per word), checked on the original text.
fn names(m: &Master, text: &str, lower: &str, field: Field, out: &mut Vec<Candidate>) {
    // `lower` is `text` ASCII-lowercased, which changes no byte offset: matches index `text`.
    let mut resume = 0;
    let mut prev_word = false;
    let mut next = 0;
    while next < text.len() {
        let s = next;
        let (word, len) = word_char_at(text, s);
        next += len;
        let word_start = word && !prev_word;
        prev_word = word;
        if !word_start || s < resume {
            continue;
        }
        // The longest name reaching the end of this word: a name ending inside the word
        // would fail the boundary check below.
        let Some((id, len)) = m.index.longest_at(&lower[s..]) else {
            continue;
        };
        let e = s + len;
        let alias = &m.aliases[id];
        if !(text.is_char_boundary(e) && boundaries_ok(text, s, e) && case_ok(alias, &text[s..e])) {
            continue;
        }
        resume = e;
        if alias.flags.social && is_social_button(text, s, e) {
            continue;
        }
        let end_with_suffix = legal_suffix_end(text, e).unwrap_or(e);
        out.push(Candidate {
            company: alias.company,
            field,
            start: s,
            end: e,
            end_with_suffix,
            weak: alias.flags.weak && end_with_suffix == e,
            exact_case: alias.flags.exact_case,
            single_generated: !alias.flags.curated
                && !alias.flags.exact_case
                && !alias.text.contains(' ')
                && end_with_suffix == e,
        });
    }
}

fn boundaries_ok(text: &str, s: usize, e: usize) -> bool {
    let before_ok = !char_before(text, s)
        .is_some_and(|c| is_word_char(c) || matches!(c, '$' | '@' | '#' | '&'));
    let after_ok = match char_at(text, e) {
        None => true,
        Some(c) if is_word_char(c) => false,
        // "Amazon.com" is its own alias; "Apple.Inc" style joins are not names.
        Some('.') => !char_at(text, e + 1).is_some_and(char::is_alphanumeric),
        Some('&') => !char_at(text, e + 1).is_some_and(char::is_alphanumeric),
        Some(_) => true,
    };
    before_ok && after_ok
}

fn case_ok(alias: &Alias, found: &str) -> bool {
    if alias.flags.exact_case {
        return found == alias.text;
    }
    if alias.flags.any_case {
        return true;
    }
    // A capitalised name needs a capital in the text ("apple pie" is not Apple).
    found.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// End of a legal suffix right after a name ("Apple Inc.", "Microsoft, Corp").
fn legal_suffix_end(text: &str, e: usize) -> Option<usize> {
    let rest = &text[e..];
    let trimmed = rest.strip_prefix(',').unwrap_or(rest);
    let t2 = trimmed.trim_start_matches(' ');
    if t2.len() == trimmed.len() {
        return None; // a space is required
    }
    let at = e + (rest.len() - t2.len());
    LEGAL_SUFFIXES.iter().find_map(|suf| {
        let end = at + suf.len();
        (t2.starts_with(suf) && !char_at(text, end).is_some_and(is_word_char)).then_some(end)
    })
}

fn is_social_button(text: &str, s: usize, e: usize) -> bool {
    // Only the surrounding SOCIAL_LINE_BYTES matter: a longer line is prose, not a button row.
    let mut lo = s.saturating_sub(SOCIAL_LINE_BYTES);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (e + SOCIAL_LINE_BYTES).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let line_start = text[lo..s].rfind('\n').map(|p| lo + p + 1);
    let line_end = text[e..hi].find('\n').map(|p| e + p);
    let before = text[line_start.unwrap_or(lo)..s]
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '|' | '-'));
    let ends_with = |p: &str| {
        before.len() >= p.len()
            && before.is_char_boundary(before.len() - p.len())
            && before[before.len() - p.len()..].eq_ignore_ascii_case(p)
            && !char_before(before, before.len() - p.len()).is_some_and(is_word_char)
    };
    if SOCIAL_PREFIXES.iter().any(|p| ends_with(p)) {
        return true;
    }
    // A short line made only of sharing words ("Facebook Twitter LinkedIn Email").
    let (Some(ls), Some(le)) = (
        line_start.or((lo == 0).then_some(0)),
        line_end.or((hi == text.len()).then_some(hi)),
    ) else {
        return false;
    };
    let toks = tokens(&text[ls..le]);
    toks.len() >= 2 && toks.iter().all(|t| in_list(SOCIAL_WORDS, t.text))
}

/// The sentence of `doc` in `field` that contains byte `at`.
pub fn sentence_of(doc: &Doc<'_>, field: Field, at: usize) -> (usize, usize) {
    sentence_index(doc, field, at).map_or((0, doc.field_text(field).len()), |i| {
        let s = &doc.sentences[i];
        (s.start, s.end)
    })
}

/// Index into `doc.sentences` (sorted by field, then start) of the sentence containing `at`.
pub fn sentence_index(doc: &Doc<'_>, field: Field, at: usize) -> Option<usize> {
    let i = doc
        .sentences
        .partition_point(|s| (s.field, s.start) <= (field, at));
    let s = doc.sentences.get(i.checked_sub(1)?)?;
    (s.field == field && s.start <= at && at < s.end).then_some(i - 1)
}

/// Share of upper-case letters from which a text is ALL CAPS (Reuters-style headers).
const SHOUTING_SHARE: f32 = 0.8;

/// Whether the letters of a text are (nearly) all upper case.
fn is_shouting(text: &str) -> bool {
    let (mut upper, mut letters) = (0usize, 0usize);
    for ch in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += usize::from(ch.is_uppercase());
    }
    letters >= 12 && upper as f32 >= SHOUTING_SHARE * letters as f32
}

/// A candidate without a legal suffix (a suffix is evidence enough).
fn end_is_name(c: &Candidate) -> bool {
    c.end_with_suffix == c.end
}

#[cfg(test)]
fn is_title_case(sentence: &str) -> bool {
    title_case_tokens(&tokens(sentence))
}

/// Whether a sentence, already cut into `toks`, is in Title Case (most of its longer words
/// after the first capitalised).
fn title_case_tokens(toks: &[Token<'_>]) -> bool {
    let words: Vec<&str> = toks
        .iter()
        .skip(1)
        .map(|t| t.text)
        .filter(|w| w.len() >= 4 && w.chars().all(char::is_alphabetic))
        .collect();
    if words.len() < 2 {
        return false;
    }
    let caps = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    caps as f32 / words.len() as f32 >= TITLE_CASE_SHARE
}

fn strip_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w)
}

/// Whether a token (possessive stripped) is in a lowercase word list, without allocating.
fn in_list(list: &[&str], w: &str) -> bool {
    let w = strip_possessive(w);
    list.iter().any(|x| x.eq_ignore_ascii_case(w))
}

/// Joiners of a list of companies ("Visa and Mastercard", "Google, and Amazon").
const COORDINATORS: &[&str] = &[
    " and ",
    ", ",
    ", and ",
    " or ",
    " & ",
    " vs ",
    " versus ",
    " and rival ",
];

/// An ambiguous name listed with a company named unambiguously ("Visa and Mastercard").
fn coordinated(text: &str, c: &Candidate, strong: &SpanSet) -> bool {
    strong
        .near(c.field, c.start, c.end_with_suffix)
        .any(|&(_, s, e)| {
            e <= c.start && COORDINATORS.contains(&&text[e..c.start])
                || c.end_with_suffix <= s && COORDINATORS.contains(&&text[c.end_with_suffix..s])
        })
}

/// Longest mention in bytes, bounding span queries.
const MAX_MENTION_BYTES: usize = 120;

/// Spans sorted by (field, start) for overlap and proximity queries in O(log n).
struct SpanSet(Vec<(Field, usize, usize)>);

impl SpanSet {
    fn new(mut v: Vec<(Field, usize, usize)>) -> Self {
        crate::sort::sort(&mut v);
        SpanSet(v)
    }

    /// Spans of `field` that start within a mention's length of `s..e`.
    fn near(
        &self,
        field: Field,
        s: usize,
        e: usize,
    ) -> impl Iterator<Item = &(Field, usize, usize)> {
        let lo = self
            .0
            .partition_point(|&(f, st, _)| (f, st) < (field, s.saturating_sub(MAX_MENTION_BYTES)));
        let hi = self
            .0
            .partition_point(|&(f, st, _)| (f, st) <= (field, e + MAX_MENTION_BYTES));
        self.0[lo..hi].iter()
    }

    fn overlaps(&self, field: Field, s: usize, e: usize) -> bool {
        self.near(field, s, e).any(|&(_, st, en)| st < e && s < en)
    }

    fn contains(&self, field: Field, s: usize, e: usize) -> bool {
        self.near(field, s, e)
            .any(|&(_, st, en)| st <= s && e <= en)
    }
}

/// Company evidence for an ambiguous name: a capital that sentence start or Title Case
/// does not explain, a possessive, company words around it.
/// Bytes of its sentence either side of a name that its evidence checks read: keeps the
/// work per name bounded when a "sentence" is a whole unpunctuated page.
const EVIDENCE_WINDOW_BYTES: usize = 240;

/// The candidate's sentence, clipped to [`EVIDENCE_WINDOW_BYTES`] either side of it.
fn sentence_window(doc: &Doc<'_>, c: &Candidate) -> (usize, usize) {
    let text = doc.field_text(c.field);
    let (ss, se) = sentence_of(doc, c.field, c.start);
    let mut lo = ss.max(c.start.saturating_sub(EVIDENCE_WINDOW_BYTES));
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = se
        .min(c.end_with_suffix + EVIDENCE_WINDOW_BYTES)
        .max(c.end_with_suffix);
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    (lo, hi)
}

fn has_evidence(doc: &Doc<'_>, c: &Candidate) -> bool {
    let text = doc.field_text(c.field);
    let (ss, se) = sentence_window(doc, c);
    let sentence = &text[ss..se];
    let toks = tokens(sentence);
    let Some(first) = toks.iter().position(|t| ss + t.end > c.start) else {
        return false;
    };
    let last = toks
        .iter()
        .rposition(|t| ss + t.start < c.end)
        .unwrap_or(first);
    let next = toks.get(last + 1).map_or("", |t| t.text);
    let prev = if first > 0 { toks[first - 1].text } else { "" };
    if in_list(NEXT_NOT, next) {
        return false;
    }
    if in_list(NEXT_CONTEXT, next) || in_list(PREV_CONTEXT, prev) {
        return true;
    }
    let size = toks.get(last + 2).map_or("", |t| t.text);
    if in_list(PRICE_MOVES, next) && size.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let name = &text[c.start..c.end];
    let possessive = text[c.end..].starts_with("'s") || text[c.end..].starts_with("’s");
    let sentence_start = first == 0;
    let later_capital = name
        .split_whitespace()
        .skip(1)
        .any(|w| w.chars().next().is_some_and(char::is_uppercase));
    let title_case = title_case_tokens(&toks);
    let capital = !c.exact_case && !title_case && (!sentence_start || later_capital);
    let lo = first.saturating_sub(CONTEXT_WINDOW);
    let hi = (last + 1 + CONTEXT_WINDOW).min(toks.len());
    let window = toks[lo..hi]
        .iter()
        .enumerate()
        .filter(|(i, _)| lo + i < first || lo + i > last)
        .any(|(_, t)| in_list(WINDOW_CONTEXT, t.text));
    // Every word of a several-word name capitalised in a sentence-case sentence: a proper name.
    let all_capitals = !c.exact_case
        && !title_case
        && name.contains(' ')
        && name
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(|ch| !ch.is_lowercase()));
    if all_capitals {
        return true;
    }
    let score = u8::from(capital) + u8::from(possessive) + u8::from(window);
    // An acronym is capitalised by nature: company words alone decide, except in ALL-CAPS
    // text, where only a company word right beside it (checked above) does.
    if c.exact_case {
        return (window || possessive) && !is_shouting(sentence);
    }
    score >= 2
}

/// A one-word name joined by a space to a capitalised word that is neither company context
/// nor sentence-initial: part of a longer proper name ("Jim Rogers", "Deepak Mohoni").
/// Title Case sentences capitalise everything, so there it says nothing.
fn part_of_longer_name(doc: &Doc<'_>, c: &Candidate) -> bool {
    let text = doc.field_text(c.field);
    let (ss, se) = sentence_window(doc, c);
    let sentence = &text[ss..se];
    let toks = tokens(sentence);
    if title_case_tokens(&toks) {
        return false;
    }
    let Some(first) = toks.iter().position(|t| ss + t.end > c.start) else {
        return false;
    };
    let last = toks
        .iter()
        .rposition(|t| ss + t.start < c.end)
        .unwrap_or(first);
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let joined = |a: usize, b: usize| &text[a..b] == " ";
    if first >= 1 {
        let p = &toks[first - 1];
        let starter = first == 1 && in_list(SENTENCE_STARTERS, p.text);
        if capital(p.text)
            && joined(ss + p.end, c.start)
            && !starter
            && !in_list(PREV_CONTEXT, p.text)
        {
            return true;
        }
    }
    if let Some(n) = toks.get(last + 1) {
        let legal = LEGAL_SUFFIXES
            .iter()
            .any(|s| s.trim_end_matches('.').eq_ignore_ascii_case(n.text));
        if capital(n.text)
            && joined(c.end, ss + n.start)
            && !legal
            && !in_list(NEXT_CONTEXT, n.text)
        {
            return true;
        }
    }
    false
}

/// `Name (TICKER)`: a known symbol in brackets right after its company's name.
fn parenthesised(
    m: &Master,
    text: &str,
    field: Field,
    candidates: &[Candidate],
    out: &mut Vec<Mention>,
) {
    // Mentions found before this pass, indexed once (a symbol this pass adds ends before the
    // next '(' it reads, so it can never contain a later one): linear, not quadratic.
    let prior = SpanSet::new(
        out.iter()
            .filter(|x| x.field == field)
            .map(|x| (x.field, x.start, x.end))
            .collect(),
    );
    for (i, _) in text.match_indices('(') {
        let Some((s, e)) = read_symbol(text, i + 1, false) else {
            continue;
        };
        if !text[e..].starts_with(')') {
            continue;
        }
        let sym = &text[s..e];
        if sym.to_ascii_uppercase() != sym {
            continue;
        }
        let Some(company) = m.company_by_ticker(sym) else {
            continue;
        };
        if prior.contains(field, s, e) {
            continue;
        }
        let gap = text[..i].trim_end();
        // Candidates are sorted by (field, start): only those just before the bracket matter.
        let upto = candidates.partition_point(|c| (c.field, c.start) < (field, i));
        let from = candidates[..upto]
            .partition_point(|c| (c.field, c.start) < (field, i.saturating_sub(PAREN_LOOKBACK)));
        let named_right_before = candidates[from..upto].iter().any(|c| {
            c.field == field
                && c.company == company
                && c.end_with_suffix <= i
                && c.end_with_suffix + 2 >= gap.len()
        });
        let mut lb = i.saturating_sub(PAREN_LOOKBACK);
        while !text.is_char_boundary(lb) {
            lb += 1;
        }
        let window = text[lb..i].to_lowercase();
        let first_word = m.companies[company]
            .name
            .split(|ch: char| !ch.is_alphanumeric() && ch != '&')
            .find(|w| w.len() >= 3)
            .map(str::to_lowercase);
        let named_nearby = first_word.is_some_and(|w| {
            window
                .split(|ch: char| !ch.is_alphanumeric() && ch != '&')
                .any(|x| x == w)
        });
        if named_right_before || named_nearby {
            out.push(Mention {
                target: Target::Company(company),
                field,
                start: s,
                end: e,
                how: How::Parenthesised,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, How)> {
        let doc = Doc::new("", text);
        let m = master();
        find(&doc)
            .into_iter()
            .map(|x| {
                let t = match x.target {
                    Target::Company(c) => m
                        .listings(c)
                        .first()
                        .map_or(m.companies[c].name, |l| l.ticker)
                        .to_owned(),
                    Target::Symbol(s, _) => s,
                };
                (t, x.how)
            })
            .collect()
    }

    #[test]
    fn cashtags_resolve_and_currencies_do_not() {
        assert_eq!(
            found("Buying $TSLA and $tsla, not $USD."),
            vec![("TSLA".into(), How::Cashtag), ("TSLA".into(), How::Cashtag)]
        );
    }

    #[test]
    fn exchange_prefixes_are_not_company_names() {
        // "Apple" is ambiguous; the explicit symbol beside it is its evidence.
        assert_eq!(
            found("Apple (NASDAQ: AAPL) rose."),
            vec![
                ("AAPL".into(), How::Evidence),
                ("AAPL".into(), How::Exchange)
            ]
        );
    }

    #[test]
    fn london_symbols_take_the_home_suffix() {
        let f = found("Shares of LON:BP slipped.");
        assert_eq!(f, vec![("BP".into(), How::Exchange)]);
    }

    #[test]
    fn legal_suffix_extends_the_mention() {
        let doc = Doc::new("", "MICROSOFT CORP filed its 10-K.");
        let ms = find(&doc);
        assert_eq!(&doc.body[ms[0].start..ms[0].end], "MICROSOFT CORP");
    }

    #[test]
    fn word_boundaries_are_checked_on_the_original_text() {
        assert!(found("Snapple and Applebee's rallied; pineapple too.").is_empty());
    }

    #[test]
    fn title_case_is_detected() {
        assert!(is_title_case(
            "Retailers Target Holiday Shoppers With Deals"
        ));
        assert!(!is_title_case(
            "Retailers target holiday shoppers with Target deals"
        ));
    }
}
