//! The securities master: companies, their listings and the names they go by, parsed once
//! from compact embedded tables into a sorted name index.
//!
//! Sources (see `tools/build_securities.py` and `crates/engine/data/`):
//! - `securities.tsv`, generated: US listings (SEC), members of 20 indices, NSE companies;
//! - `aliases.txt`, hand-written: common names, brands, products, descriptors, share classes;
//! - `private.txt`, hand-written: notable private companies (no ticker).

// Fx hashing: the keys are the embedded tables' own names, so SipHash's resistance to
// chosen keys buys nothing, and it was 29% of building the master (14 -> 10 ms natively).
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use super::SizeTier;
use crate::prefix_index::PrefixIndex;

const SECURITIES: &str = include_str!("../../data/securities.tsv");
const ALIASES: &str = include_str!("../../data/aliases.txt");
const PRIVATE: &str = include_str!("../../data/private.txt");

/// Aliases shorter than this (in bytes) are never matched as names: too many collisions.
const MIN_ALIAS_BYTES: usize = 2;

/// One listing of a company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub ticker: String,
    pub exchange: String,
}

/// A listed or private company.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Company {
    pub name: String,
    pub public: bool,
    /// Every symbol, main US listing first (empty for private companies).
    pub listings: Vec<Listing>,
    pub tier: SizeTier,
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

/// One name of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    pub text: String,
    pub company: usize,
    pub flags: AliasFlags,
}

/// The parsed master.
pub struct Master {
    pub companies: Vec<Company>,
    pub aliases: Vec<Alias>,
    /// The aliases' ASCII-lowercased spellings, sorted (unique: one alias per spelling).
    pub index: PrefixIndex,
    /// Upper-case symbol (and former symbol) to company.
    pub by_ticker: HashMap<String, usize>,
}

/// The master, built on first use.
pub fn master() -> &'static Master {
    static MASTER: OnceLock<Master> = OnceLock::new();
    MASTER.get_or_init(build)
}

fn tier_of(c: &str) -> SizeTier {
    match c {
        "mega" => SizeTier::Mega,
        "large" | "L" => SizeTier::Large,
        "M" => SizeTier::Mid,
        "S" => SizeTier::Small,
        _ => SizeTier::Unknown,
    }
}

fn parse_listings(s: &str) -> Vec<Listing> {
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

/// Parses one alias with its prefixes.
fn parse_alias(raw: &str) -> Option<(String, AliasFlags)> {
    let mut s = raw.trim();
    let mut f = AliasFlags::default();
    loop {
        if let Some(r) = s.strip_prefix('~') {
            f.weak = true;
            s = r;
        } else if let Some(r) = s.strip_prefix('=') {
            f.exact_case = true;
            s = r;
        } else if let Some(r) = s.strip_prefix('^') {
            f.social = true;
            s = r;
        } else {
            break;
        }
    }
    if s.len() < MIN_ALIAS_BYTES {
        return None;
    }
    f.any_case = !f.exact_case && s.chars().next().is_some_and(char::is_lowercase);
    Some((s.to_owned(), f))
}

struct Builder {
    curated: bool,
    companies: Vec<Company>,
    aliases: Vec<Alias>,
    seen: HashMap<String, usize>,
    by_ticker: HashMap<String, usize>,
}

impl Builder {
    fn add_alias(&mut self, raw: &str, company: usize) {
        if let Some(sym) = raw.trim().strip_prefix('$') {
            self.by_ticker
                .entry(sym.to_ascii_uppercase())
                .or_insert(company);
            return;
        }
        if let Some(blocked) = raw.trim().strip_prefix('!') {
            // A name that must never match (e.g. "Nasdaq" the market, not Nasdaq Inc.).
            self.seen.insert(blocked.to_ascii_lowercase(), usize::MAX);
            return;
        }
        let Some((text, mut flags)) = parse_alias(raw) else {
            return;
        };
        flags.curated = self.curated;
        // One pattern per spelling: an exact-case and a case-insensitive alias of the same
        // letters would be one index entry. The earlier (curated, or larger) company
        // keeps the name.
        let key = text.to_ascii_lowercase();
        if self.seen.contains_key(&key) {
            return;
        }
        self.seen.insert(key, self.aliases.len());
        self.aliases.push(Alias {
            text,
            company,
            flags,
        });
    }
}

/// Parse the embedded tables and index the names (what [`master`] does once).
pub fn build() -> Master {
    let mut b = Builder {
        curated: true,
        companies: Vec::new(),
        aliases: Vec::new(),
        seen: HashMap::default(),
        by_ticker: HashMap::default(),
    };
    // Curated companies first: they win alias clashes and replace generated entries.
    let mut curated_tickers: HashMap<String, usize> = HashMap::default();
    for line in ALIASES
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
                b.add_alias(
                    &format!("!{}", a.trim().trim_start_matches('!')),
                    usize::MAX,
                );
            }
            continue;
        }
        let id = b.companies.len();
        let listings = parse_listings(parts[0]);
        for l in &listings {
            curated_tickers.insert(l.ticker.to_ascii_uppercase(), id);
            b.by_ticker.insert(l.ticker.to_ascii_uppercase(), id);
        }
        b.companies.push(Company {
            name: parts[1].to_owned(),
            public: true,
            listings,
            tier: tier_of(parts[2]),
        });
        for a in parts[3].split(';') {
            b.add_alias(a, id);
        }
    }
    for line in PRIVATE
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let Some((name, aliases)) = line.split_once('|') else {
            continue;
        };
        let id = b.companies.len();
        b.companies.push(Company {
            name: name.trim().to_owned(),
            public: false,
            listings: Vec::new(),
            tier: SizeTier::Unknown,
        });
        for a in aliases.split(';') {
            b.add_alias(a, id);
        }
    }
    b.curated = false;
    for line in SECURITIES
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
                let c = &mut b.companies[id];
                if c.tier == SizeTier::Unknown {
                    c.tier = tier_of(tier);
                }
                id
            }
            None => {
                let id = b.companies.len();
                for l in &listings {
                    b.by_ticker
                        .entry(l.ticker.to_ascii_uppercase())
                        .or_insert(id);
                }
                b.companies.push(Company {
                    name: name.to_owned(),
                    public: true,
                    listings,
                    tier: tier_of(tier),
                });
                id
            }
        };
        for a in aliases.split(';') {
            b.add_alias(a, id);
        }
    }
    for c in &mut b.companies {
        if c.public && c.tier == SizeTier::Unknown {
            c.tier = SizeTier::Small;
        }
    }
    // Names are looked up only at word starts (anchored): a sorted index needs no failure
    // transitions, which made an Aho-Corasick automaton over ~13,000 names most of the
    // first analysis (about 60 ms natively, several times that in the browser).
    // The lowercased spellings are the keys of `seen` already (blocked ones map to MAX).
    let index = PrefixIndex::with_ids(b.seen.into_iter().filter_map(|(key, id)| {
        (id != usize::MAX).then(|| (key, u32::try_from(id).expect("fewer than 2^32 aliases")))
    }));
    Master {
        companies: b.companies,
        aliases: b.aliases,
        index,
        by_ticker: b.by_ticker,
    }
}

impl Master {
    /// The company listed under this symbol ("BRK.B", "brk-b", "2330.TW").
    pub fn company_by_ticker(&self, symbol: &str) -> Option<usize> {
        let up = symbol.to_ascii_uppercase().replace('-', ".");
        self.by_ticker.get(&up).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_index_agrees_with_a_scan_of_every_alias() {
        // The index must return exactly what "longest alias that is a prefix" means, for
        // the shipped master, at every word start of a text full of names.
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
            let rest = &text.as_bytes()[s..];
            let scan = lower
                .iter()
                .enumerate()
                .filter(|(_, n)| rest.starts_with(n.as_bytes()))
                .max_by_key(|(_, n)| n.len())
                .map(|(i, n)| (i, n.len()));
            assert_eq!(m.index.longest_prefix(rest), scan, "at {:?}", &text[s..]);
        }
    }

    #[test]
    fn curated_lines_replace_generated_ones_and_keep_all_share_classes() {
        let m = master();
        let id = m.company_by_ticker("GOOG").unwrap();
        assert_eq!(m.company_by_ticker("GOOGL"), Some(id));
        assert_eq!(m.companies[id].name, "Alphabet");
        let brk = m.company_by_ticker("brk-a").unwrap();
        let syms: Vec<&str> = m.companies[brk]
            .listings
            .iter()
            .map(|l| l.ticker.as_str())
            .collect();
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
    fn alias_prefixes_parse_into_flags() {
        let (t, f) = parse_alias("~=Gap").unwrap();
        assert_eq!(t, "Gap");
        assert!(f.weak && f.exact_case && !f.any_case);
        let (_, f) = parse_alias("the iPhone maker").unwrap();
        assert!(f.any_case && !f.weak);
        assert!(parse_alias("=A").is_none());
    }
}
