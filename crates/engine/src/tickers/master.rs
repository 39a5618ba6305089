//! The securities master: companies, their listings and the names they go by, read once
//! from a compact blob into a name index.
//!
//! Sources (see `tools/build_securities.py` and `crates/engine/data/`):
//! - `securities.tsv`, generated: US listings (SEC), members of 20 indices, NSE companies;
//! - `aliases.txt`, hand-written: common names, brands, products, descriptors, share classes;
//! - `private.txt`, hand-written: notable private companies (no ticker).
//!
//! The build script (`build.rs`) merges them with `master_blob::merge` and embeds the
//! result in the format that `master_blob.rs` documents. Reading it copies no string
//! (names, symbols and aliases borrow the embedded bytes); only the name index and the
//! symbol table are built.

use std::sync::OnceLock;

use super::name_index::NameIndex;
use super::SizeTier;
use crate::prefix_index::sorted_order;

// The merge and the writer run in build.rs (and in the tests); the engine only reads.
#[cfg_attr(not(test), allow(dead_code))]
#[path = "master_blob.rs"]
mod blob;

use blob::{flag, tier};

/// The merged master, written by `build.rs`.
const BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/securities.bin"));

/// One listing of a company: `ticker` and `exchange` (`&'static str`).
pub type Listing = blob::Listing<&'static str>;

/// A listed or private company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Company {
    pub name: &'static str,
    pub public: bool,
    pub tier: SizeTier,
    /// Its range of [`Master::listings`].
    listings: (u32, u32),
}

/// How an alias may match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AliasFlags {
    /// Also a common word: needs company evidence in the text.
    pub weak: bool,
    /// Must match case-exactly (symbols, acronyms).
    pub exact_case: bool,
    /// Starts lowercase ("iPhone", "the iPhone maker"): any case matches.
    pub any_case: bool,
    /// A social platform name: not inside share/follow buttons.
    pub social: bool,
    /// From the hand-written table (else generated from listings).
    pub curated: bool,
}

impl AliasFlags {
    fn from_bits(bits: u8) -> Self {
        AliasFlags {
            weak: bits & flag::WEAK != 0,
            exact_case: bits & flag::EXACT_CASE != 0,
            any_case: bits & flag::ANY_CASE != 0,
            social: bits & flag::SOCIAL != 0,
            curated: bits & flag::CURATED != 0,
        }
    }
}

/// One name of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// Its spelling. One that matches in any case may read in another case than its line
    /// ("RELIANCE" for "Reliance", the letters of its symbol, which the blob stores once);
    /// only a case-exact one ([`AliasFlags::exact_case`]) is compared by its text.
    pub text: &'static str,
    pub company: usize,
    pub flags: AliasFlags,
}

/// The master, read.
pub struct Master {
    pub companies: Vec<Company>,
    /// Grouped by company; the index's ids are positions in it.
    pub aliases: Vec<Alias>,
    /// The aliases' ASCII-lowercased spellings (unique: one alias per spelling), grouped by
    /// first word; the index's ids are positions in `aliases`.
    pub index: NameIndex,
    /// Every company's listings, main US listing first (none for private companies).
    listings: Vec<Listing>,
    /// Upper-case symbol (and former symbol) to company, sorted by symbol.
    by_ticker: Vec<(&'static str, u32)>,
}

/// The master, read on first use.
pub fn master() -> &'static Master {
    static MASTER: OnceLock<Master> = OnceLock::new();
    MASTER.get_or_init(load)
}

fn size_tier(code: u8) -> SizeTier {
    match code {
        tier::MEGA => SizeTier::Mega,
        tier::LARGE => SizeTier::Large,
        tier::MID => SizeTier::Mid,
        tier::SMALL => SizeTier::Small,
        _ => SizeTier::Unknown,
    }
}

/// The companies' names, rebuilt once from the blob's front-coded ones (`blob::names`):
/// the one part of the master that is not borrowed from the embedded bytes.
fn names() -> &'static str {
    static NAMES: OnceLock<String> = OnceLock::new();
    NAMES.get_or_init(|| blob::names(BLOB).expect("build.rs read its blob back"))
}

/// Read the embedded blob and index the names (what [`master`] does once; the names are
/// rebuilt on the first call only).
pub fn load() -> Master {
    from_table(blob::decode(BLOB, names()).expect("build.rs read its blob back"))
}

fn from_table(t: blob::Table<&'static str>) -> Master {
    let aliases: Vec<Alias> = t
        .aliases
        .into_iter()
        .map(|a| Alias {
            text: a.text,
            company: a.company as usize,
            flags: AliasFlags::from_bits(a.flags),
        })
        .collect();
    // Names are looked up only at word starts (anchored): an index by first word needs no
    // failure transitions, which made an Aho-Corasick automaton over ~13,000 names most of
    // the first analysis (about 60 ms natively, several times that in the browser).
    let mut lower = String::with_capacity(aliases.iter().map(|a| a.text.len()).sum());
    let mut ends = Vec::with_capacity(aliases.len());
    for a in &aliases {
        lower.push_str(a.text);
        ends.push(lower.len());
    }
    // One pass over the whole buffer (vectorised), not a byte-by-byte map of each alias.
    lower.make_ascii_lowercase();
    let index = NameIndex::new(ends.iter().scan(0, |start, &end| {
        Some(&lower[std::mem::replace(start, end)..end])
    }));
    Master {
        companies: t
            .companies
            .into_iter()
            .map(|c| Company {
                name: c.name,
                public: c.public,
                tier: size_tier(c.tier),
                listings: c.listings,
            })
            .collect(),
        aliases,
        index,
        by_ticker: sorted_order(&t.tickers)
            .into_iter()
            .map(|i| t.tickers[i as usize])
            .collect(),
        listings: t.listings,
    }
}

/// Longest symbol [`Master::company_by_ticker`] spells on the stack: more than the master's
/// longest (26 bytes), so only text that names no listed symbol takes the slower way.
const SYMBOL_BUFFER: usize = 32;

impl Master {
    /// The company listed under this symbol ("BRK.B", "brk-b", "2330.TW").
    pub fn company_by_ticker(&self, symbol: &str) -> Option<usize> {
        // Symbols are short: spelled into a buffer on the stack, not two new strings a call.
        let mut buf = [0u8; SYMBOL_BUFFER];
        let long;
        let up: &[u8] = if symbol.len() <= SYMBOL_BUFFER {
            for (b, c) in buf.iter_mut().zip(symbol.bytes()) {
                *b = if c == b'-' {
                    b'.'
                } else {
                    c.to_ascii_uppercase()
                };
            }
            &buf[..symbol.len()]
        } else {
            long = symbol.to_ascii_uppercase().replace('-', ".");
            long.as_bytes()
        };
        let i = self
            .by_ticker
            .binary_search_by(|&(s, _)| s.as_bytes().cmp(up))
            .ok()?;
        Some(self.by_ticker[i].1 as usize)
    }

    /// A company's listings, main US listing first (empty for private companies).
    pub fn listings(&self, company: usize) -> &[Listing] {
        let (start, end) = self.companies[company].listings;
        &self.listings[start as usize..end as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_index_agrees_with_a_scan_of_every_alias() {
        // The index must return exactly what "longest alias that is a prefix and reaches the
        // end of the first word" means, for the shipped master, at every word start of a
        // text full of names.
        let m = master();
        let text = "the iphone maker, alphabet inc. and amazon.com inc said meta platforms \
                    and at&t; johnson & johnson, berkshire hathaway's unit, nvidiа, tesla";
        let lower: Vec<String> = m
            .aliases
            .iter()
            .map(|a| a.text.to_ascii_lowercase())
            .collect();
        assert_eq!(m.index.len(), lower.len());
        for (s, _) in text
            .char_indices()
            .filter(|&(i, _)| i == 0 || text.as_bytes()[i - 1] == b' ')
        {
            let rest = &text[s..];
            let word = rest
                .find(|c: char| !super::super::name_index::is_word_char(c))
                .unwrap_or(rest.len());
            let scan = lower
                .iter()
                .enumerate()
                .filter(|(_, n)| n.len() >= word && rest.starts_with(n.as_str()))
                .max_by_key(|(_, n)| n.len())
                .map(|(i, n)| (i, n.len()));
            assert_eq!(m.index.longest_at(rest), scan, "at {rest:?}");
        }
    }

    #[test]
    fn symbols_are_looked_up_in_any_case_and_at_any_length() {
        let m = master();
        let longest = m.by_ticker.iter().map(|(s, _)| s.len()).max().unwrap();
        assert!(
            longest <= SYMBOL_BUFFER,
            "the longest symbol has {longest} bytes"
        );
        let brk = m.company_by_ticker("BRK.B");
        assert!(brk.is_some());
        assert_eq!(m.company_by_ticker("brk-b"), brk);
        assert_eq!(m.company_by_ticker("Brk.b"), brk);
        // Past the stack buffer: the same lookup through a string, still nothing found.
        assert_eq!(m.company_by_ticker(&"BRK-B".repeat(8)), None);
        assert_eq!(m.company_by_ticker(""), None);
        assert_eq!(m.company_by_ticker("ÅPL"), None);
    }

    #[test]
    fn curated_lines_replace_generated_ones_and_keep_all_share_classes() {
        let m = master();
        let id = m.company_by_ticker("GOOG").unwrap();
        assert_eq!(m.company_by_ticker("GOOGL"), Some(id));
        assert_eq!(m.companies[id].name, "Alphabet");
        let brk = m.company_by_ticker("brk-a").unwrap();
        let syms: Vec<&str> = m.listings(brk).iter().map(|l| l.ticker).collect();
        assert_eq!(syms, vec!["BRK.A", "BRK.B"]);
    }

    #[test]
    fn former_symbols_resolve_to_the_current_company() {
        let m = master();
        assert_eq!(m.company_by_ticker("FB"), m.company_by_ticker("META"));
    }

    #[test]
    fn every_alias_is_unique_case_insensitively() {
        let m = master();
        let mut keys: Vec<String> = m
            .aliases
            .iter()
            .map(|a| a.text.to_ascii_lowercase())
            .collect();
        keys.sort();
        let n = keys.len();
        keys.dedup();
        assert_eq!(n, keys.len());
    }

    #[test]
    fn the_embedded_blob_is_the_merge_of_the_shipped_tables() {
        // build.rs must have written the current sources' merge, and reading it must give it
        // back whole (companies in their blob order, every listing, name and symbol).
        let merged = blob::in_compact_order(blob::merge(
            include_str!("../../data/aliases.txt"),
            include_str!("../../data/private.txt"),
            include_str!("../../data/securities.tsv"),
        ));
        assert!(blob::decode(BLOB, names()).unwrap().reads_as(&merged));
        let m = master();
        assert_eq!(m.companies.len(), merged.companies.len());
        assert_eq!(m.aliases.len(), merged.aliases.len());
        assert_eq!(m.by_ticker.len(), merged.tickers.len());
    }

    #[test]
    fn symbols_resolve_through_the_sorted_table_in_any_case_and_with_dashes() {
        let m = master();
        let brk = m.company_by_ticker("BRK.B").unwrap();
        assert_eq!(m.company_by_ticker("brk-b"), Some(brk));
        assert_eq!(m.companies[brk].name, "Berkshire Hathaway");
        let tsm = m.company_by_ticker("2330.tw").unwrap();
        assert_eq!(m.company_by_ticker("TSM"), Some(tsm));
        assert_eq!(m.company_by_ticker("NOSUCHSYMBOL"), None);
        assert_eq!(m.company_by_ticker(""), None);
        // Every symbol of the table, first and last included, finds its own company (but
        // for the few with a dash, "ERIC-B.ST": a lookup reads dashes as dots).
        for &(sym, c) in m.by_ticker.iter().filter(|(s, _)| !s.contains('-')) {
            assert_eq!(m.company_by_ticker(sym), Some(c as usize), "{sym}");
        }
    }

    #[test]
    fn tiers_and_flags_read_from_their_codes() {
        let m = master();
        let tier = |sym: &str| m.companies[m.company_by_ticker(sym).unwrap()].tier;
        assert_eq!(tier("AAPL"), SizeTier::Mega);
        let apple = |text: &str| m.aliases.iter().find(|a| a.text == text).unwrap();
        let f = apple("Apple").flags;
        assert!(f.weak && f.curated && !f.exact_case && !f.any_case && !f.social);
        assert!(apple("AAPL").flags.exact_case);
        assert!(apple("iPhone").flags.any_case);
        assert!(apple("LinkedIn").flags.social);
        let private = &m.companies[m
            .aliases
            .iter()
            .find(|a| a.text == "OpenAI")
            .unwrap()
            .company];
        assert!(!private.public && private.tier == SizeTier::Unknown);
    }
}
