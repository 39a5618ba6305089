//! The securities master's text sources merged into one table, and that table's compact
//! binary form (the blob).
//!
//! One file, two users: the engine's `build.rs` includes it (`#[path]`) to merge
//! `data/aliases.txt`, `data/private.txt` and `data/securities.tsv` and write the blob at
//! compile time; the engine includes it to read the blob on first use (and runs the merge in
//! its tests). So it is plain std Rust with no `crate::` paths, and the merge rules exist
//! once.
//!
//! # Blob format (version [`VERSION`])
//!
//! `MAGIC`, `VERSION`, then four LEB128 counts (companies, listings, aliases, extra symbols),
//! then [`SECTIONS`] sections in the order below, each a LEB128 byte length and its bytes.
//! A text section is UTF-8 strings, each ended by `\n`; the others hold one byte or one
//! LEB128 number per item. Columns keep like with like, which is what gzip compresses best.
//! Names are front-coded (each after its first bytes in common with the previous name), so
//! they are the one thing a reader copies: [`names`] rebuilds them into one string that
//! [`decode`] borrows; deflate at level 9 (zlib) makes 32.6 KB of the front-coded names,
//! 34.7 KB of the whole names, in the companies' order.
//!
//! | section | items | content |
//! |---|---|---|
//! | names | companies | display name less the bytes it shares with the previous one (text) |
//! | name shares | companies | bytes shared with the previous company's name (0–255, at a character boundary) |
//! | company | companies | tier (bits 0–2), public (bit 3) |
//! | listing counts | companies | listings of the company (LEB128) |
//! | alias counts | companies | aliases of the company (LEB128) |
//! | exchanges | distinct exchanges | exchange name (text), in first-use order |
//! | tickers | listings | symbols, back to back (UTF-8) |
//! | ticker lengths | listings | bytes of each symbol (LEB128): shorter than line breaks in gzip |
//! | listing | listings | exchange number (bits 0–6), "the symbol table finds this company under this symbol" (bit 7) |
//! | alias | aliases | flags (bits 0–4, [`flag`]), then how its text is given (bits 5–6: a name cut, spelled out, a symbol) |
//! | alias refs | aliases not spelled out | a cut of the company's name ([`name_cut`]) or the listing whose symbol it is (LEB128) |
//! | alias texts | aliases spelled out | text |
//! | extra symbols | extra symbols | upper-case symbol (text) the listings do not give: former symbols, clashes |
//! | extra companies | extra symbols | its company (LEB128) |
//!
//! Companies are numbered in the order `in_compact_order` gives (by size tier, main
//! exchange and name); listings and aliases follow their company's order. Neither the name
//! index nor the symbol table is stored in its sorted order: the engine sorts both on
//! reading (about 2.6 million instructions of the first analysis, measured with companies
//! in merge order), because each order is a permutation that gzip cannot shrink, about
//! 13 KB for the 9,178 names and 10 KB for the 7,057 symbols (also measured then).

use std::collections::HashMap;

// Both blob files include it: build.rs builds each without the engine around it.
#[allow(clippy::duplicate_mod)]
#[path = "../blob_io.rs"]
mod blob_io;
use blob_io::{put_varint, Cursor};

/// The blob's first bytes.
pub const MAGIC: &[u8; 4] = b"NGSM";
/// The format's version: a reader refuses any other.
pub const VERSION: u8 = 2;
/// Sections after the header (see the module documentation).
pub const SECTIONS: usize = 14;

/// Size tier codes, in the order of the engine's `SizeTier`.
pub mod tier {
    pub const UNKNOWN: u8 = 0;
    pub const SMALL: u8 = 1;
    pub const MID: u8 = 2;
    pub const LARGE: u8 = 3;
    pub const MEGA: u8 = 4;
}

/// Alias flag bits (the engine's `AliasFlags`).
pub mod flag {
    /// Also a common word: needs company evidence in the text.
    pub const WEAK: u8 = 1;
    /// Must match case-exactly (symbols, acronyms).
    pub const EXACT_CASE: u8 = 2;
    /// Starts lowercase ("iPhone", "the iPhone maker"): any case matches.
    pub const ANY_CASE: u8 = 4;
    /// A social platform name: not inside share/follow buttons.
    pub const SOCIAL: u8 = 8;
    /// From the hand-written table (else generated from listings).
    pub const CURATED: u8 = 16;
    /// Every flag bit.
    pub const ALL: u8 = 31;
}

/// Company bits of the `company` section above the tier.
const PUBLIC_BIT: u8 = 8;
/// Largest tier code (the `company` section's low bits).
const TIER_MASK: u8 = 7;
/// `listing` section: the symbol table finds this listing's company under its symbol.
const INDEXED_BIT: u8 = 0x80;
/// `listing` section: the exchange number's bits.
const EXCHANGE_MASK: u8 = 0x7f;
/// `alias` section: where the spelling bits start.
const SPELLING_SHIFT: u8 = 5;

/// How an alias's text is stored: most are their company's name less its legal suffix, so a
/// small number stands for them instead of the letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spelling {
    /// A cut of the company's name: [`name_cut`] of the alias ref.
    NameCut = 0,
    /// Spelled out in the alias texts.
    Literal = 1,
    /// The symbol of the company's listing numbered by the alias ref, up to its first '.':
    /// for an alias that matches in any case, in the symbol's case ("RELIANCE" stands for
    /// "Reliance", as its letters are all that matter; see [`Table::reads_as`]).
    Symbol = 2,
}

/// Alias refs below this cut whole words off the name; from it on, bytes.
const WORD_CUTS: u32 = 8;

/// The name less its last `cut` space-separated words and the commas before them
/// ("Tesla, Inc." cut 1 is "Tesla"), for `cut < WORD_CUTS`; else the name less its last
/// `cut - WORD_CUTS` bytes. `None` if that leaves nothing or splits a character.
pub fn name_cut(name: &str, cut: u32) -> Option<&str> {
    let kept = if cut < WORD_CUTS {
        match cut.checked_sub(1) {
            None => name,
            Some(n) => {
                let mut at = name.len();
                for _ in 0..=n {
                    at = name.as_bytes()[..at].iter().rposition(|&b| b == b' ')?;
                }
                name[..at].trim_end_matches(',')
            }
        }
    } else {
        name.get(..name.len().checked_sub((cut - WORD_CUTS) as usize)?)?
    };
    (!kept.is_empty()).then_some(kept)
}

/// The symbol up to its first '.' ("RELIANCE" of "RELIANCE.NS").
fn symbol_base(ticker: &str) -> &str {
    ticker.split('.').next().unwrap_or(ticker)
}

/// Aliases shorter than this (in bytes) are never matched as names: too many collisions.
pub const MIN_ALIAS_BYTES: usize = 2;

/// A listed or private company. `S` is `String` when merged, `&str` when read from a blob.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Company<S> {
    pub name: S,
    pub public: bool,
    /// A [`tier`] code.
    pub tier: u8,
    /// Its listings: `Table::listings[start..end]`, main US listing first (none if private).
    pub listings: (u32, u32),
}

/// One listing of a company.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listing<S> {
    pub ticker: S,
    pub exchange: S,
}

/// One name of a company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias<S> {
    pub text: S,
    pub company: u32,
    /// [`flag`] bits.
    pub flags: u8,
}

/// The merged master.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table<S> {
    /// Merged from curated lines, private companies, then generated lines; numbered as
    /// `in_compact_order` sorts them.
    pub companies: Vec<Company<S>>,
    /// Every company's listings, in company order.
    pub listings: Vec<Listing<S>>,
    /// Every name, grouped by company (in merge order within a company); unique
    /// case-insensitively (ASCII).
    pub aliases: Vec<Alias<S>>,
    /// Upper-case symbol (and former symbol) to company, sorted by symbol (see [`decode`]).
    pub tickers: Vec<(S, u32)>,
}

impl Table<String> {
    /// The same table with borrowed strings (to compare with a decoded one).
    pub fn borrowed(&self) -> Table<&str> {
        Table {
            companies: self
                .companies
                .iter()
                .map(|c| Company {
                    name: c.name.as_str(),
                    public: c.public,
                    tier: c.tier,
                    listings: c.listings,
                })
                .collect(),
            listings: self
                .listings
                .iter()
                .map(|l| Listing {
                    ticker: l.ticker.as_str(),
                    exchange: l.exchange.as_str(),
                })
                .collect(),
            aliases: self
                .aliases
                .iter()
                .map(|a| Alias {
                    text: a.text.as_str(),
                    company: a.company,
                    flags: a.flags,
                })
                .collect(),
            tickers: self.tickers.iter().map(|(t, c)| (t.as_str(), *c)).collect(),
        }
    }
}

impl Table<&str> {
    /// Whether this table, read from a blob, holds the `merged` master: the same in every
    /// part, symbols in any order, except that an alias that is not case-exact may read in
    /// another case (a blob spells "Reliance" with its symbol's letters, "RELIANCE": the
    /// engine compares such aliases case-insensitively, and only case-exact ones by text).
    pub fn reads_as(&self, merged: &Table<String>) -> bool {
        let merged = merged.borrowed();
        let mut tickers = self.tickers.clone();
        tickers.sort_unstable();
        let same_alias = |a: &Alias<&str>, b: &Alias<&str>| {
            a.company == b.company
                && a.flags == b.flags
                && (a.text == b.text
                    || (a.flags & flag::EXACT_CASE == 0 && a.text.eq_ignore_ascii_case(b.text)))
        };
        self.companies == merged.companies
            && self.listings == merged.listings
            && tickers == merged.tickers
            && self.aliases.len() == merged.aliases.len()
            && self
                .aliases
                .iter()
                .zip(&merged.aliases)
                .all(|(a, b)| same_alias(a, b))
    }
}

// ---------------------------------------------------------------------------------------
// The merge: text sources to a table.

fn tier_of(c: &str) -> u8 {
    match c {
        "mega" => tier::MEGA,
        "large" | "L" => tier::LARGE,
        "M" => tier::MID,
        "S" => tier::SMALL,
        _ => tier::UNKNOWN,
    }
}

fn parse_listings(s: &str) -> Vec<Listing<String>> {
    s.split(',')
        .filter_map(|l| {
            let (t, x) = l.trim().split_once(':')?;
            Some(Listing {
                ticker: t.trim().to_owned(),
                exchange: x.trim().to_owned(),
            })
        })
        .collect()
}

/// Parses one alias with its prefixes (`~` weak, `=` exact case, `^` social) into its text
/// and [`flag`] bits.
pub fn parse_alias(raw: &str) -> Option<(String, u8)> {
    let mut s = raw.trim();
    let mut f = 0;
    loop {
        if let Some(r) = s.strip_prefix('~') {
            f |= flag::WEAK;
            s = r;
        } else if let Some(r) = s.strip_prefix('=') {
            f |= flag::EXACT_CASE;
            s = r;
        } else if let Some(r) = s.strip_prefix('^') {
            f |= flag::SOCIAL;
            s = r;
        } else {
            break;
        }
    }
    if s.len() < MIN_ALIAS_BYTES {
        return None;
    }
    if f & flag::EXACT_CASE == 0 && s.chars().next().is_some_and(char::is_lowercase) {
        f |= flag::ANY_CASE;
    }
    Some((s.to_owned(), f))
}

struct Builder {
    curated: bool,
    companies: Vec<Company<String>>,
    listings: Vec<Listing<String>>,
    aliases: Vec<Alias<String>>,
    /// Lowercased spelling to the alias that has it (`None`: blocked, no company's name).
    seen: HashMap<String, Option<usize>>,
    by_ticker: HashMap<String, u32>,
}

impl Builder {
    fn add_company(&mut self, name: &str, public: bool, tier: u8, listings: Vec<Listing<String>>) {
        let start = count(self.listings.len());
        self.listings.extend(listings);
        self.companies.push(Company {
            name: name.to_owned(),
            public,
            tier,
            listings: (start, count(self.listings.len())),
        });
    }

    fn add_alias(&mut self, raw: &str, company: u32) {
        if let Some(sym) = raw.trim().strip_prefix('$') {
            self.by_ticker
                .entry(sym.to_ascii_uppercase())
                .or_insert(company);
            return;
        }
        if let Some(blocked) = raw.trim().strip_prefix('!') {
            // A name that must never match (e.g. "Nasdaq" the market, not Nasdaq Inc.).
            self.seen.insert(blocked.to_ascii_lowercase(), None);
            return;
        }
        let Some((text, mut flags)) = parse_alias(raw) else {
            return;
        };
        if self.curated {
            flags |= flag::CURATED;
        }
        // One pattern per spelling: an exact-case and a case-insensitive alias of the same
        // letters would be one index entry. The earlier (curated, or larger) company
        // keeps the name.
        let key = text.to_ascii_lowercase();
        if self.seen.contains_key(&key) {
            return;
        }
        self.seen.insert(key, Some(self.aliases.len()));
        self.aliases.push(Alias {
            text,
            company,
            flags,
        });
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than 2^32 items")
}

/// Merge the three sources (what the build script does once, in the same order as they
/// take precedence): curated lines of `aliases` first (they win alias clashes and replace
/// generated entries), then the private companies, then the generated `securities` lines.
pub fn merge(aliases: &str, private: &str, securities: &str) -> Table<String> {
    let mut b = Builder {
        curated: true,
        companies: Vec::new(),
        listings: Vec::new(),
        aliases: Vec::new(),
        seen: HashMap::new(),
        by_ticker: HashMap::new(),
    };
    let mut curated_tickers: HashMap<String, u32> = HashMap::new();
    for line in aliases
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        if parts.len() < 4 {
            continue;
        }
        if parts[0] == "!" {
            // A block line: names that are no company's.
            for a in parts[3].split(';') {
                b.add_alias(&format!("!{}", a.trim().trim_start_matches('!')), u32::MAX);
            }
            continue;
        }
        let id = count(b.companies.len());
        let listings = parse_listings(parts[0]);
        for l in &listings {
            curated_tickers.insert(l.ticker.to_ascii_uppercase(), id);
            b.by_ticker.insert(l.ticker.to_ascii_uppercase(), id);
        }
        b.add_company(parts[1], true, tier_of(parts[2]), listings);
        for a in parts[3].split(';') {
            b.add_alias(a, id);
        }
    }
    for line in private
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let Some((name, aliases)) = line.split_once('|') else {
            continue;
        };
        let id = count(b.companies.len());
        b.add_company(name.trim(), false, tier::UNKNOWN, Vec::new());
        for a in aliases.split(';') {
            b.add_alias(a, id);
        }
    }
    b.curated = false;
    for line in securities
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let mut cols = line.split('\t');
        let (Some(ticks), Some(name), Some(tier), Some(aliases)) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        let listings = parse_listings(ticks);
        // A generated company whose main symbol a curated line lists is that curated company.
        let id = match listings
            .first()
            .and_then(|l| curated_tickers.get(&l.ticker.to_ascii_uppercase()))
        {
            Some(&id) => {
                let c = &mut b.companies[id as usize];
                if c.tier == tier::UNKNOWN {
                    c.tier = tier_of(tier);
                }
                id
            }
            None => {
                let id = count(b.companies.len());
                for l in &listings {
                    b.by_ticker
                        .entry(l.ticker.to_ascii_uppercase())
                        .or_insert(id);
                }
                b.add_company(name, true, tier_of(tier), listings);
                id
            }
        };
        for a in aliases.split(';') {
            b.add_alias(a, id);
        }
    }
    for c in &mut b.companies {
        if c.public && c.tier == tier::UNKNOWN {
            c.tier = tier::SMALL;
        }
    }
    // A spelling blocked after a company took it is no name at all; the rest are grouped by
    // company (the order of names never decides a match: spellings are unique).
    let mut keep = vec![false; b.aliases.len()];
    for &i in b.seen.values().flatten() {
        keep[i] = true;
    }
    let mut aliases: Vec<Alias<String>> = b
        .aliases
        .into_iter()
        .zip(keep)
        .filter_map(|(a, k)| k.then_some(a))
        .collect();
    aliases.sort_by_key(|a| a.company);
    let mut tickers: Vec<(String, u32)> = b.by_ticker.into_iter().collect();
    tickers.sort_unstable();
    Table {
        companies: b.companies,
        listings: b.listings,
        aliases,
        tickers,
    }
}

/// The merged table with its companies numbered by size tier, then main exchange, then
/// name (bytewise; merge order between equals), listings and names following their
/// company, symbols sorted.
///
/// The merge order decided which company keeps a contested name or symbol; once that is
/// done, a company's number only identifies it, and this order is the one gzip compresses
/// best of those measured: neighbouring names share their first words ("Bank of …",
/// "First …") and the tier, exchange and symbol columns run in long stretches. Measured
/// with deflate at level 9 (zlib) before the names were front-coded, the blob was 61.3 KB
/// in this order, 63.6 KB in merge order, 65.5 KB in name order alone (the other columns
/// lose their runs) and 62.0 KB by exchange and name; front-coded, it is 59.3 KB.
pub fn in_compact_order(table: Table<String>) -> Table<String> {
    let Table {
        mut companies,
        listings,
        mut aliases,
        mut tickers,
    } = table;
    let key = |i: usize| {
        let c = &companies[i];
        let main = (c.listings.1 > c.listings.0)
            .then(|| listings[c.listings.0 as usize].exchange.as_str());
        (c.tier, main, c.name.as_str(), i)
    };
    let mut order: Vec<usize> = (0..companies.len()).collect();
    order.sort_by(|&a, &b| key(a).cmp(&key(b)));
    let mut number = vec![0u32; companies.len()];
    for (new, &old) in order.iter().enumerate() {
        number[old] = count(new);
    }
    let mut sorted_companies = Vec::with_capacity(companies.len());
    let mut sorted_listings = Vec::with_capacity(listings.len());
    for &old in &order {
        let c = &mut companies[old];
        let start = count(sorted_listings.len());
        sorted_listings.extend_from_slice(&listings[c.listings.0 as usize..c.listings.1 as usize]);
        sorted_companies.push(Company {
            name: std::mem::take(&mut c.name),
            public: c.public,
            tier: c.tier,
            listings: (start, count(sorted_listings.len())),
        });
    }
    for a in &mut aliases {
        a.company = number[a.company as usize];
    }
    // Stable: a company's names keep their merge order.
    aliases.sort_by_key(|a| a.company);
    for t in &mut tickers {
        t.1 = number[t.1 as usize];
    }
    tickers.sort_unstable();
    Table {
        companies: sorted_companies,
        listings: sorted_listings,
        aliases,
        tickers,
    }
}

// ---------------------------------------------------------------------------------------
// The blob: writing.

/// Bytes `name` shares with the start of `previous`, at most 255 (one byte), ending at a
/// character boundary.
fn shared_prefix(previous: &str, name: &str) -> usize {
    let same = previous
        .bytes()
        .zip(name.bytes())
        .take(usize::from(u8::MAX))
        .take_while(|(a, b)| a == b)
        .count();
    (0..=same)
        .rev()
        .find(|&k| name.is_char_boundary(k))
        .unwrap_or(0)
}

fn put_text(out: &mut Vec<u8>, s: &str) {
    assert!(
        !s.contains('\n'),
        "a master string holds no line break: {s:?}"
    );
    out.extend_from_slice(s.as_bytes());
    out.push(b'\n');
}

/// The table's blob. Panics on a table that breaks the format's limits (a line break in a
/// string, over 128 exchanges, aliases not grouped by company in order, listing ranges out of
/// order, symbols not sorted).
pub fn encode<S: AsRef<str>>(t: &Table<S>) -> Vec<u8> {
    let mut sec: [Vec<u8>; SECTIONS] = Default::default();
    let [names, name_shares, company, listing_counts, alias_counts, exchanges, tickers, ticker_lengths, listing, alias, alias_refs, alias_texts, extra_symbols, extra_companies] =
        &mut sec;
    let mut exchange_ids: HashMap<&str, u8> = HashMap::new();
    assert!(
        t.tickers
            .windows(2)
            .all(|w| w[0].0.as_ref() < w[1].0.as_ref()),
        "symbols sorted and unique"
    );
    let mut covered: Vec<bool> = vec![false; t.tickers.len()];
    let mut next_listing = 0u32;
    let mut aliases = t.aliases.iter().peekable();
    let mut previous = "";
    for (id, c) in t.companies.iter().enumerate() {
        let id = count(id);
        let name = c.name.as_ref();
        let shared = shared_prefix(previous, name);
        name_shares.push(shared as u8);
        put_text(names, &name[shared..]);
        previous = name;
        assert!(c.tier <= TIER_MASK, "tier code {}", c.tier);
        company.push(c.tier | if c.public { PUBLIC_BIT } else { 0 });
        let (start, end) = c.listings;
        assert!(
            start == next_listing && start <= end,
            "listings in company order"
        );
        next_listing = end;
        put_varint(listing_counts, end - start);
        for l in &t.listings[start as usize..end as usize] {
            let (sym, exch) = (l.ticker.as_ref(), l.exchange.as_ref());
            let n = exchange_ids.len();
            let x = *exchange_ids.entry(exch).or_insert_with(|| {
                put_text(exchanges, exch);
                u8::try_from(n)
                    .ok()
                    .filter(|&x| x <= EXCHANGE_MASK)
                    .expect("at most 128 exchanges")
            });
            tickers.extend_from_slice(sym.as_bytes());
            put_varint(ticker_lengths, count(sym.len()));
            // The first listing that spells a symbol of the table, for its own company,
            // stands for that entry; any other entry is an extra symbol.
            let found = t.tickers.binary_search_by(|(s, _)| s.as_ref().cmp(sym));
            let mark = match found {
                Ok(i) if t.tickers[i].1 == id && !covered[i] => {
                    covered[i] = true;
                    INDEXED_BIT
                }
                _ => 0,
            };
            listing.push(x | mark);
        }
        let mut n = 0;
        let symbols = &t.listings[start as usize..end as usize];
        while let Some(a) = aliases.next_if(|a| a.company == id) {
            n += 1;
            let text = a.text.as_ref();
            assert!(a.flags & !flag::ALL == 0, "flag bits {}", a.flags);
            let byte_cut = name
                .strip_prefix(text)
                .map(|rest| WORD_CUTS + count(rest.len()));
            let cut = (0..WORD_CUTS)
                .find(|&c| name_cut(name, c) == Some(text))
                .or(byte_cut.filter(|_| !text.is_empty()));
            let symbol = symbols.iter().position(|l| {
                let base = symbol_base(l.ticker.as_ref());
                base == text || (a.flags & flag::EXACT_CASE == 0 && base.eq_ignore_ascii_case(text))
            });
            let spelling = match (cut, symbol) {
                (Some(c), _) => {
                    put_varint(alias_refs, c);
                    Spelling::NameCut
                }
                (None, Some(j)) => {
                    put_varint(alias_refs, count(j));
                    Spelling::Symbol
                }
                (None, None) => {
                    put_text(alias_texts, text);
                    Spelling::Literal
                }
            };
            alias.push(a.flags | (spelling as u8) << SPELLING_SHIFT);
        }
        put_varint(alias_counts, n);
    }
    assert!(
        next_listing as usize == t.listings.len(),
        "every listing has a company"
    );
    assert!(
        aliases.next().is_none(),
        "aliases grouped by known companies"
    );
    let mut extras = 0;
    for ((sym, c), done) in t.tickers.iter().zip(covered) {
        if !done {
            extras += 1;
            put_text(extra_symbols, sym.as_ref());
            put_varint(extra_companies, *c);
        }
    }
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    for n in [t.companies.len(), t.listings.len(), t.aliases.len(), extras] {
        put_varint(&mut out, count(n));
    }
    for s in &sec {
        put_varint(&mut out, count(s.len()));
        out.extend_from_slice(s);
    }
    out
}

// ---------------------------------------------------------------------------------------
// The blob: reading.

/// Why a blob could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlobError {
    /// Not a master blob.
    Magic,
    /// Written by another version of the format.
    Version(u8),
    /// Cut short, inconsistent or with bytes left over.
    Malformed(&'static str),
}

impl From<&'static str> for BlobError {
    /// A [`Cursor`] error: the blob is malformed.
    fn from(why: &'static str) -> Self {
        BlobError::Malformed(why)
    }
}

/// The strings of a text section, in order.
struct Texts<'a> {
    rest: &'a str,
}

impl<'a> Texts<'a> {
    fn new(bytes: &'a [u8]) -> Result<Self, BlobError> {
        let rest = std::str::from_utf8(bytes).map_err(|_| BlobError::Malformed("not UTF-8"))?;
        Ok(Texts { rest })
    }

    fn next(&mut self) -> Result<&'a str, BlobError> {
        // A byte loop: `str::split` costs several times more per short string.
        let end = self
            .rest
            .bytes()
            .position(|b| b == b'\n')
            .ok_or(BlobError::Malformed("too few strings"))?;
        let s = &self.rest[..end];
        self.rest = &self.rest[end + 1..];
        Ok(s)
    }

    fn done(self) -> Result<(), BlobError> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(BlobError::Malformed("strings left over"))
        }
    }
}

/// The header's counts (companies, listings, aliases, extra symbols) and the sections.
fn sections(blob: &[u8]) -> Result<([usize; 4], [&[u8]; SECTIONS]), BlobError> {
    let rest = blob.strip_prefix(MAGIC).ok_or(BlobError::Magic)?;
    let mut head = Cursor::new(rest);
    let version = head.byte().map_err(|_| BlobError::Magic)?;
    if version != VERSION {
        return Err(BlobError::Version(version));
    }
    let mut counts = [0usize; 4];
    for n in &mut counts {
        *n = head.varint()? as usize;
    }
    let mut sec: [&[u8]; SECTIONS] = [&[]; SECTIONS];
    for s in &mut sec {
        let len = head.varint()? as usize;
        *s = head.take(len)?;
    }
    head.done()?;
    Ok((counts, sec))
}

/// The companies' names, rebuilt from the blob's front-coded ones: in company order, each
/// ended by `\n`, for [`decode`] to borrow.
pub fn names(blob: &[u8]) -> Result<String, BlobError> {
    let ([n_companies, ..], [suffixes, shares, ..]) = sections(blob)?;
    let mut suffixes = Texts::new(suffixes)?;
    let mut shares = Cursor::new(shares);
    let mut out: Vec<u8> = Vec::with_capacity(suffixes.rest.len() * 2);
    let mut previous = 0..0;
    for _ in 0..n_companies {
        let shared = usize::from(shares.byte()?);
        if shared > previous.len() {
            return Err(BlobError::Malformed(
                "name shares more than the previous name",
            ));
        }
        let start = out.len();
        out.extend_from_within(previous.start..previous.start + shared);
        out.extend_from_slice(suffixes.next()?.as_bytes());
        previous = start..out.len();
        out.push(b'\n');
    }
    shares.done()?;
    suffixes.done()?;
    // A share that ends inside a character leaves bytes that are not UTF-8.
    String::from_utf8(out).map_err(|_| BlobError::Malformed("name splits a character"))
}

/// Read a blob into a table whose strings borrow from it and from `names`, what [`names`]
/// made of it (no other string is copied). Checks the header and every count, range and
/// string, so any blob either reads whole or fails.
/// The symbol table comes in blob order (the listings' symbols, then the extra ones): the
/// engine sorts it its own faster way. [`Table::reads_as`] compares the result with a merge.
pub fn decode<'a>(blob: &'a [u8], names: &'a str) -> Result<Table<&'a str>, BlobError> {
    let ([n_companies, n_listings, n_aliases, n_extras], sec) = sections(blob)?;
    let [_, _, company, listing_counts, alias_counts, exchanges, tickers, ticker_lengths, listing, alias, alias_refs, alias_texts, extra_symbols, extra_companies] =
        sec;
    let (mut names, mut alias_texts, mut extra_symbols) = (
        Texts::new(names.as_bytes())?,
        Texts::new(alias_texts)?,
        Texts::new(extra_symbols)?,
    );
    let mut exchange_texts = Texts::new(exchanges)?;
    let mut exchanges = Vec::new();
    while !exchange_texts.rest.is_empty() {
        exchanges.push(exchange_texts.next()?);
    }
    let mut tickers =
        std::str::from_utf8(tickers).map_err(|_| BlobError::Malformed("not UTF-8"))?;
    let mut ticker_lengths = Cursor::new(ticker_lengths);
    let (mut company, mut listing_counts, mut alias_counts, mut listing, mut alias, mut alias_refs) = (
        Cursor::new(company),
        Cursor::new(listing_counts),
        Cursor::new(alias_counts),
        Cursor::new(listing),
        Cursor::new(alias),
        Cursor::new(alias_refs),
    );
    // Counts come from the blob: cap what they reserve by what the blob could hold.
    let cap = |n: usize| n.min(blob.len());
    let mut t = Table {
        companies: Vec::with_capacity(cap(n_companies)),
        listings: Vec::with_capacity(cap(n_listings)),
        aliases: Vec::with_capacity(cap(n_aliases)),
        tickers: Vec::with_capacity(cap(n_listings.saturating_add(n_extras))),
    };
    for id in 0..n_companies {
        let id = count(id);
        let name = names.next()?;
        let bits = company.byte()?;
        if bits & !(TIER_MASK | PUBLIC_BIT) != 0 || bits & TIER_MASK > tier::MEGA {
            return Err(BlobError::Malformed("company bits"));
        }
        let start = count(t.listings.len());
        for _ in 0..listing_counts.varint()? {
            let len = ticker_lengths.varint()? as usize;
            let ticker = tickers
                .get(..len)
                .ok_or(BlobError::Malformed("symbol length"))?;
            tickers = &tickers[len..];
            let bits = listing.byte()?;
            let exchange = *exchanges
                .get(usize::from(bits & EXCHANGE_MASK))
                .ok_or(BlobError::Malformed("exchange number"))?;
            if bits & INDEXED_BIT != 0 {
                t.tickers.push((ticker, id));
            }
            t.listings.push(Listing { ticker, exchange });
        }
        t.companies.push(Company {
            name,
            public: bits & PUBLIC_BIT != 0,
            tier: bits & TIER_MASK,
            listings: (start, count(t.listings.len())),
        });
        for _ in 0..alias_counts.varint()? {
            let bits = alias.byte()?;
            let text = match bits >> SPELLING_SHIFT {
                s if s == Spelling::NameCut as u8 => {
                    name_cut(name, alias_refs.varint()?).ok_or(BlobError::Malformed("name cut"))?
                }
                s if s == Spelling::Literal as u8 => alias_texts.next()?,
                s if s == Spelling::Symbol as u8 => {
                    let j = (start as usize).checked_add(alias_refs.varint()? as usize);
                    j.and_then(|j| t.listings.get(j))
                        .map(|l| symbol_base(l.ticker))
                        .ok_or(BlobError::Malformed("alias symbol"))?
                }
                _ => return Err(BlobError::Malformed("alias spelling")),
            };
            t.aliases.push(Alias {
                text,
                company: id,
                flags: bits & flag::ALL,
            });
        }
    }
    let mut extra_companies = Cursor::new(extra_companies);
    for _ in 0..n_extras {
        let sym = extra_symbols.next()?;
        let c = extra_companies.varint()?;
        if c as usize >= n_companies {
            return Err(BlobError::Malformed("extra symbol's company"));
        }
        t.tickers.push((sym, c));
    }
    if t.listings.len() != n_listings || t.aliases.len() != n_aliases {
        return Err(BlobError::Malformed("counts"));
    }
    for c in [
        company,
        listing_counts,
        alias_counts,
        ticker_lengths,
        listing,
        alias,
        alias_refs,
        extra_companies,
    ] {
        c.done()?;
    }
    for s in [names, alias_texts, extra_symbols] {
        s.done()?;
    }
    if !tickers.is_empty() {
        return Err(BlobError::Malformed("symbol bytes left over"));
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CURATED: &str = "# TICKERS | name | flags | aliases
AAA:Nasdaq,AAB:Nasdaq | Alpha | mega | Alpha; ~Alpha One; =AAA; alpha app; ^AlphaNet; $OLD
BBB:NYSE | Beta Corp | large | Beta Corp; Beta Bank
! | no company's | | Market; Gamma; Beta Bank
";
    const PRIVATE: &str = "# name | aliases
Delta Labs | Delta Labs; Delta AI; x
";
    const GENERATED: &str = "# generated
AAA:Nasdaq\tAlpha Inc.\tL\tAlpha;Alpha Holdings
CCC:NYSE,CCC.L:LSE\tGamma Group, Inc.\tM\tGamma Group;Gamma;=CCC
DDD:NYSE\tDee Dee Ltd\tS\tDee Dee Ltd;Dee;=~DDD
BBB:NYSE\tBeta Corporation\tL\tBeta
EEE:Nasdaq\tMarket Maker Inc\tS\tMarket Maker;Makers Mark;Market Make
FFF:NYSE,AAA:NYSE\tFoxtrot & Co\t?\tFox
GGG.NS:NSE\tGolf Gear Ltd\tS\tGolf Gear;Ggg
HHH.NS:NSE\tHotel Hhh Ltd\tS\t=Hhh
";

    fn table() -> Table<String> {
        merge(CURATED, PRIVATE, GENERATED)
    }

    /// Both steps of reading a blob, its names and then the table.
    fn read(blob: &[u8]) -> Result<(), BlobError> {
        let names = super::names(blob)?;
        decode(blob, &names).map(|_| ())
    }

    #[test]
    fn names_are_stored_after_what_they_share_with_the_previous_one() {
        assert_eq!(shared_prefix("Bank of Alpha", "Bank of Beta"), 8);
        assert_eq!(shared_prefix("Übersee AG", "Überbank"), 5);
        // "é" and "è" share their first byte, not a character.
        assert_eq!(shared_prefix("é", "è"), 0);
        assert_eq!(shared_prefix(&"a".repeat(300), &"a".repeat(300)), 255);
        let mut t = Table::<String>::default();
        for name in [
            "Bank of Alpha",
            "Bank of Beta",
            "Bank",
            "é SA",
            "è SA",
            "Übersee",
            "Überbank",
        ] {
            t.companies.push(Company {
                name: name.into(),
                public: false,
                tier: tier::UNKNOWN,
                listings: (0, 0),
            });
        }
        let long = format!("{} Holdings", "a".repeat(300));
        for name in [long.clone(), format!("{long} Two")] {
            t.companies.push(Company {
                name,
                public: false,
                tier: tier::UNKNOWN,
                listings: (0, 0),
            });
        }
        let blob = encode(&t);
        let count = |s: &[u8]| blob.windows(s.len()).filter(|w| w == &s).count();
        assert_eq!(count(b"Bank of"), 1);
        assert_eq!(count(b"Beta\n"), 1);
        let names = super::names(&blob).unwrap();
        assert_eq!(decode(&blob, &names), Ok(t.borrowed()));
    }

    fn names(t: &Table<String>) -> Vec<(&str, u32)> {
        t.aliases
            .iter()
            .map(|a| (a.text.as_str(), a.company))
            .collect()
    }

    #[test]
    fn curated_lines_come_first_and_absorb_generated_lines_with_their_main_symbol() {
        let t = table();
        let companies: Vec<(&str, bool, u8)> = t
            .companies
            .iter()
            .map(|c| (c.name.as_str(), c.public, c.tier))
            .collect();
        assert_eq!(
            companies,
            vec![
                ("Alpha", true, tier::MEGA),
                ("Beta Corp", true, tier::LARGE),
                ("Delta Labs", false, tier::UNKNOWN),
                ("Gamma Group, Inc.", true, tier::MID),
                ("Dee Dee Ltd", true, tier::SMALL),
                ("Market Maker Inc", true, tier::SMALL),
                // An unknown tier letter on a listed company is Small.
                ("Foxtrot & Co", true, tier::SMALL),
                ("Golf Gear Ltd", true, tier::SMALL),
                ("Hotel Hhh Ltd", true, tier::SMALL),
            ]
        );
        let tickers: Vec<(&str, u32)> = t.tickers.iter().map(|(s, c)| (s.as_str(), *c)).collect();
        // AAA stays Alpha's although Foxtrot lists it too; OLD is a former symbol.
        assert_eq!(
            tickers,
            vec![
                ("AAA", 0),
                ("AAB", 0),
                ("BBB", 1),
                ("CCC", 3),
                ("CCC.L", 3),
                ("DDD", 4),
                ("EEE", 5),
                ("FFF", 6),
                ("GGG.NS", 7),
                ("HHH.NS", 8),
                ("OLD", 0)
            ]
        );
    }

    #[test]
    fn names_are_unique_blockable_and_grouped_by_company() {
        let t = table();
        // "Gamma" and "Market" are blocked; "Beta Bank" was blocked after Beta took it, so it
        // is no name either; "x" is too short; the generated "Alpha" and "Beta" lost to
        // the curated spellings (first come, case-insensitively).
        assert_eq!(
            names(&t),
            vec![
                ("Alpha", 0),
                ("Alpha One", 0),
                ("AAA", 0),
                ("alpha app", 0),
                ("AlphaNet", 0),
                ("Alpha Holdings", 0),
                ("Beta Corp", 1),
                ("Beta", 1),
                ("Delta Labs", 2),
                ("Delta AI", 2),
                ("Gamma Group", 3),
                ("CCC", 3),
                ("Dee Dee Ltd", 4),
                ("Dee", 4),
                ("DDD", 4),
                ("Market Maker", 5),
                ("Makers Mark", 5),
                ("Market Make", 5),
                ("Fox", 6),
                ("Golf Gear", 7),
                ("Ggg", 7),
                ("Hhh", 8),
            ]
        );
        let flags = |text: &str| t.aliases.iter().find(|a| a.text == text).unwrap().flags;
        assert_eq!(flags("Alpha One"), flag::WEAK | flag::CURATED);
        assert_eq!(flags("AAA"), flag::EXACT_CASE | flag::CURATED);
        assert_eq!(flags("alpha app"), flag::ANY_CASE | flag::CURATED);
        assert_eq!(flags("AlphaNet"), flag::SOCIAL | flag::CURATED);
        assert_eq!(flags("Alpha Holdings"), 0);
        assert_eq!(flags("DDD"), flag::EXACT_CASE | flag::WEAK);
    }

    #[test]
    fn the_compact_order_renumbers_companies_and_keeps_what_belongs_to_each() {
        let merged = table();
        let compact = in_compact_order(merged.clone());
        // What each company has, by name: its fields, listings, names and symbols.
        /// A company's name, public bit, tier, listings, names and symbols.
        type Belongings = (String, bool, u8, Vec<String>, Vec<String>, Vec<String>);
        fn by_name(t: &Table<String>) -> Vec<Belongings> {
            let mut v: Vec<_> = t
                .companies
                .iter()
                .enumerate()
                .map(|(id, c)| {
                    let listings = t.listings[c.listings.0 as usize..c.listings.1 as usize]
                        .iter()
                        .map(|l| format!("{}:{}", l.ticker, l.exchange))
                        .collect();
                    let names = t
                        .aliases
                        .iter()
                        .filter(|a| a.company as usize == id)
                        .map(|a| format!("{}/{}", a.text, a.flags))
                        .collect();
                    let symbols = t
                        .tickers
                        .iter()
                        .filter(|(_, c)| *c as usize == id)
                        .map(|(s, _)| s.clone())
                        .collect();
                    (c.name.clone(), c.public, c.tier, listings, names, symbols)
                })
                .collect();
            v.sort();
            v
        }
        assert_eq!(by_name(&compact), by_name(&merged));
        // Numbered by tier, then main exchange (none for a private company; NSE, NYSE,
        // Nasdaq bytewise), then name.
        let order: Vec<&str> = compact.companies.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            order,
            vec![
                "Delta Labs",
                "Golf Gear Ltd",
                "Hotel Hhh Ltd",
                "Dee Dee Ltd",
                "Foxtrot & Co",
                "Market Maker Inc",
                "Gamma Group, Inc.",
                "Beta Corp",
                "Alpha",
            ]
        );
        // Names stay grouped by company, symbols sorted: what the blob's writer needs.
        assert!(compact
            .aliases
            .windows(2)
            .all(|w| w[0].company <= w[1].company));
        assert!(compact.tickers.windows(2).all(|w| w[0] < w[1]));
        let blob = encode(&compact);
        let names = super::names(&blob).unwrap();
        assert!(decode(&blob, &names).unwrap().reads_as(&compact));
    }

    #[test]
    fn a_merged_table_reads_back_whole_from_its_blob() {
        let t = table();
        let blob = encode(&t);
        let names = super::names(&blob).unwrap();
        let back = decode(&blob, &names).unwrap();
        assert!(back.reads_as(&t));
        assert_eq!(back.companies, t.borrowed().companies);
        assert_eq!(back.listings, t.borrowed().listings);
        // The empty table too.
        let empty = Table::<String>::default();
        let blob = encode(&empty);
        assert_eq!(
            decode(&blob, &super::names(&blob).unwrap()),
            Ok(empty.borrowed())
        );
    }

    #[test]
    fn only_an_alias_that_matches_in_any_case_borrows_its_symbol_in_another_case() {
        let t = table();
        let blob = encode(&t);
        let names = super::names(&blob).unwrap();
        let back = decode(&blob, &names).unwrap();
        let text = |company: u32| -> Vec<&str> {
            let a = back.aliases.iter().filter(|a| a.company == company);
            a.map(|a| a.text).collect()
        };
        // "Ggg" reads as the symbol's letters; the case-exact "=Hhh" keeps its own.
        assert_eq!(text(7), vec!["Golf Gear", "GGG"]);
        assert_eq!(text(8), vec!["Hhh"]);
        assert!(back.reads_as(&t));
        // A case-exact alias read in another case is another master.
        let mut other = t.clone();
        other.aliases.last_mut().unwrap().text = "HHH".into();
        assert!(!back.reads_as(&other));
    }

    #[test]
    fn names_that_are_cuts_of_the_company_name_or_symbols_are_not_spelled_out() {
        let blob = encode(&table());
        let count = |s: &[u8]| blob.windows(s.len()).filter(|w| w == &s).count();
        // "Gamma Group" and "Dee" are word cuts of their names, "Market Make" a byte cut,
        // "=CCC" the listing's symbol: only the names and the symbols themselves are stored
        // (symbols back to back, other strings ended by line breaks).
        assert_eq!(count(b"Gamma Group"), 1);
        assert_eq!(count(b"Dee\n"), 0);
        assert_eq!(count(b"Market Make"), 1);
        assert_eq!(count(b"CCC\n"), 0);
        assert_eq!(count(b"Makers Mark\n"), 1);
        assert_eq!(count(b"Ggg"), 0);
        assert_eq!(count(b"Hhh\n"), 1);
    }

    #[test]
    fn name_cuts_drop_words_and_their_commas_or_bytes() {
        assert_eq!(name_cut("Tesla, Inc.", 0), Some("Tesla, Inc."));
        assert_eq!(name_cut("Tesla, Inc.", 1), Some("Tesla"));
        assert_eq!(name_cut("Tesla, Inc.", 2), None);
        assert_eq!(name_cut("Dee Dee Ltd", 2), Some("Dee"));
        assert_eq!(name_cut("Nvidia Corp", WORD_CUTS + 5), Some("Nvidia"));
        assert_eq!(name_cut("Nvidia Corp", WORD_CUTS + 11), None);
        assert_eq!(name_cut("Nvidia Corp", WORD_CUTS + 12), None);
        assert_eq!(
            name_cut("Nestlé", WORD_CUTS + 1),
            None,
            "inside a character"
        );
    }

    #[test]
    fn merging_is_deterministic() {
        // The build must not depend on hash order: the same sources give the same bytes.
        assert_eq!(encode(&table()), encode(&table()));
    }

    #[test]
    fn a_blob_of_another_format_or_version_is_refused() {
        let blob = encode(&table());
        assert_eq!(read(b""), Err(BlobError::Magic));
        assert_eq!(read(b"NGSX\x01"), Err(BlobError::Magic));
        assert_eq!(read(MAGIC), Err(BlobError::Magic));
        let mut other = blob.clone();
        other[MAGIC.len()] = VERSION + 1;
        assert_eq!(read(&other), Err(BlobError::Version(VERSION + 1)));
    }

    #[test]
    fn a_cut_short_or_padded_blob_is_refused() {
        let blob = encode(&table());
        for end in 0..blob.len() {
            assert!(read(&blob[..end]).is_err(), "cut at {end}");
        }
        let mut padded = blob.clone();
        padded.push(0);
        assert!(read(&padded).is_err());
    }

    #[test]
    fn a_damaged_blob_is_refused_or_read_but_never_panics() {
        let blob = encode(&table());
        for i in 0..blob.len() {
            for change in [1u8, 0x80, 0xff] {
                let mut bad = blob.clone();
                bad[i] ^= change;
                // Some changes still read (a changed letter); none may panic.
                let _ = read(&bad);
            }
        }
    }

    #[test]
    fn alias_prefixes_parse_into_flags() {
        let (t, f) = parse_alias("~=Gap").unwrap();
        assert_eq!(t, "Gap");
        assert_eq!(f, flag::WEAK | flag::EXACT_CASE);
        let (_, f) = parse_alias("the iPhone maker").unwrap();
        assert_eq!(f, flag::ANY_CASE);
        assert_eq!(
            parse_alias("^=iPhone").unwrap().1,
            flag::SOCIAL | flag::EXACT_CASE
        );
        assert!(parse_alias("=A").is_none());
    }
}
