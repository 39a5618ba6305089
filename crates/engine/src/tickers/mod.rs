//! Companies and tickers: resolve names, brands and symbols; sentiment and relevance per ticker.
//!
//! Data: a compact securities master (`data/securities.tsv`, built by
//! `tools/build_securities.py` from the SEC list, 20 index member lists and NSE name
//! variants) merged with a hand-written alias table (`data/aliases.txt`) and a list of
//! private companies (`data/private.txt`). See [`master`].
//!
//! Matching ([`mentions`]): explicit forms first (`$TSLA`, `NASDAQ: AAPL`, `Apple (AAPL)`),
//! then the longest alias of the name index at each word start, with word-boundary and case
//! checks on the original text; names that are also common words need company evidence.
//!
//! Per company: relevance from title, lead, share of sentences and explicit symbols;
//! sentiment from the clauses that mention it (split at "while", "but", ";" ...), scored by
//! [`crate::sentiment::score_span`].

pub mod eval;
pub mod master;
pub mod mentions;
pub mod name_index;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::literals::Literals;
use crate::sentiment::SentimentOutput;
use crate::types::{Entity, Explanation, Field, Span, TickerSentiment};
use crate::Doc;

pub use eval::{evaluate_entities, EntityReport, EntityRow};
use mentions::{Mention, Target};

/// What ticker resolution gives the rest of the pipeline.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TickerOutput {
    /// Every organisation found, listed or private, in order of first mention.
    pub entities: Vec<Entity>,
    /// One row per ticker symbol, most relevant first.
    pub tickers: Vec<TickerSentiment>,
}

/// Size of a listed company, for the market-impact model.
///
/// Rule: `Mega` = the hand-picked mega-caps of `data/aliases.txt` (flag `mega`: the largest
/// companies by market value, AAPL MSFT NVDA GOOGL/GOOG AMZN META TSLA BRK.A/B AVGO TSM LLY
/// WMT JPM V ORCL); `Large` = a member of a large-cap index (S&P 500, NASDAQ 100, Dow, S&P 100,
/// FTSE 100, DAX, CAC 40, EURO STOXX 50, NIKKEI 225, IBEX 35, AEX, SMI 20, OMX 30/25, BEL 20),
/// a curated `large` line, or among the first 500 US companies of the SEC list (which is in
/// market-value order); `Mid` = MDAX, CAC Mid 60, TecDAX members or US ranks 500–1500;
/// `Small` = any other listing (S&P 600, SDAX, NSE, the rest of NYSE/Nasdaq); `Unknown` = not
/// in the master.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SizeTier {
    Unknown,
    Small,
    Mid,
    Large,
    Mega,
}

/// Weights of the relevance score (they sum to 1): a mention in the title ...
const REL_TITLE: f32 = 0.35;
/// ... in the lead (first two body sentences) ...
const REL_LEAD: f32 = 0.2;
/// ... the share of sentences that mention it (saturating at [`REL_SHARE_FULL`]) ...
const REL_SHARE: f32 = 0.25;
/// ... an explicit symbol ...
const REL_EXPLICIT: f32 = 0.1;
/// ... and a floor every mentioned company gets, so relevance stays in (0, 1].
const REL_BASE: f32 = 0.1;
/// A company named in a third of the sentences is fully "about" the article on that count.
const REL_SHARE_FULL: f32 = 1.0 / 3.0;
/// Body sentences that count as the lead.
const LEAD_SENTENCES: usize = 2;
/// A title clause weighs this much more than a body clause in a ticker's sentiment.
const TITLE_CLAUSE_WEIGHT: f32 = 1.5;

/// Clauses scored per company at most: bounds the cost on very long articles (the first
/// clauses, title first, carry the company's story; later ones rarely move the mean).
const MAX_CLAUSES: usize = 24;

/// Openings of a sentence that continues about the company just named.
const FOLLOW_UP_STARTS: &[&str] = &[
    "It ",
    "Its ",
    "It's ",
    "The company",
    "The firm",
    "The group",
    "The stock",
    "The shares",
    "Shares ",
    "The retailer",
    "The bank",
    "The lender",
    "The automaker",
    "The carmaker",
    "The chipmaker",
    "The airline",
    "The insurer",
    "The maker",
    "The conglomerate",
    "The startup",
    "The brand",
    "The giant",
];

/// Words that start a new clause with its own subject ("X beat while Y missed").
const CLAUSE_BREAKS: &[&str] = &[
    " while ",
    " whilst ",
    " whereas ",
    " but ",
    " although ",
    " though ",
    " even as ",
    " however",
    " yet ",
    " meanwhile",
    " unlike ",
    ";",
    " - ",
    " – ",
    " — ",
];
/// Extra breaks when one sentence names several companies ("X rose, Y fell", "X up and Y down").
const LIST_BREAKS: &[&str] = &[", ", " and ", " as ", " after ", " vs ", " versus ", ": "];

/// Find the companies an article is about.
pub fn resolve(doc: &Doc<'_>, sentiment: &SentimentOutput) -> TickerOutput {
    let companies = analyse(doc, Some(sentiment));
    let m = master::master();
    let mut entities = Vec::new();
    let mut tickers = Vec::new();
    for c in &companies {
        let mentions: Vec<Span> = c
            .mentions
            .iter()
            .map(|x| Span {
                start: x.start,
                end: x.end,
                field: x.field,
            })
            .collect();
        let (name, public, listings) = match &c.target {
            Target::Company(id) => {
                let co = &m.companies[*id];
                (
                    co.name.to_owned(),
                    co.public,
                    m.listings(*id)
                        .iter()
                        .map(|l| (l.ticker.to_owned(), l.exchange.to_owned()))
                        .collect(),
                )
            }
            Target::Symbol(sym, exch) => (sym.clone(), true, vec![(sym.clone(), exch.clone())]),
        };
        entities.push(Entity {
            name: name.clone(),
            kind: if public { "public" } else { "private" }.to_owned(),
            tickers: listings
                .iter()
                .map(|(t, _)| t.clone())
                .collect::<Vec<String>>(),
            mentions: mentions.clone(),
        });
        for (ticker, exchange) in listings {
            tickers.push(TickerSentiment {
                ticker,
                name: name.clone(),
                exchange,
                score: c.score,
                label: crate::label_for(c.score).to_owned(),
                relevance_score: c.relevance,
                mentions: mentions.clone(),
                explanations: c.explanations.clone(),
            });
        }
    }
    crate::sort::sort_by(&mut tickers, |a, b| {
        b.relevance_score
            .total_cmp(&a.relevance_score)
            .then_with(|| a.ticker.cmp(&b.ticker))
    });
    TickerOutput { entities, tickers }
}

/// The size tier of a ticker symbol.
pub fn size_tier(ticker: &str) -> SizeTier {
    let m = master::master();
    m.company_by_ticker(ticker.trim_start_matches('$'))
        .map_or(SizeTier::Unknown, |c| m.companies[c].tier)
}

/// One company found in a document, with its scores.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub target: Target,
    pub mentions: Vec<Mention>,
    pub score: f32,
    pub relevance: f32,
    pub explanations: Vec<Explanation>,
}

/// Every company of the document, in order of first mention, with relevance and sentiment.
pub(crate) fn analyse(doc: &Doc<'_>, sent: Option<&SentimentOutput>) -> Vec<Found> {
    let all = mentions::find(doc);
    let mut order: Vec<Target> = Vec::new();
    let mut groups: BTreeMap<Target, Vec<Mention>> = BTreeMap::new();
    for x in &all {
        if !groups.contains_key(&x.target) {
            order.push(x.target.clone());
        }
        groups.entry(x.target.clone()).or_default().push(x.clone());
    }
    let n_sentences = doc.sentences.len().max(1);
    let mut cache: Vec<Option<Breaks>> = vec![None; doc.sentences.len()];
    let mut scored = ClauseScores::default();
    order
        .into_iter()
        .map(|target| {
            let ms = groups.remove(&target).unwrap_or_default();
            let relevance = relevance(doc, &ms, n_sentences);
            let (score, explanations) = sentiment(doc, &ms, &all, sent, &mut cache, &mut scored);
            Found {
                target,
                mentions: ms,
                score,
                relevance,
                explanations,
            }
        })
        .collect()
}

fn sentence_index(doc: &Doc<'_>, field: Field, at: usize) -> Option<usize> {
    mentions::sentence_index(doc, field, at)
}

fn relevance(doc: &Doc<'_>, ms: &[Mention], n_sentences: usize) -> f32 {
    let title = ms.iter().any(|x| x.field == Field::Title);
    let mut sentences: Vec<usize> = ms
        .iter()
        .filter_map(|x| sentence_index(doc, x.field, x.start))
        .collect();
    crate::sort::sort(&mut sentences);
    sentences.dedup();
    let lead = sentences
        .iter()
        .any(|&i| doc.sentences[i].field == Field::Body && doc.sentences[i].index < LEAD_SENTENCES);
    let share = (sentences.len() as f32 / n_sentences as f32 / REL_SHARE_FULL).min(1.0);
    let explicit = ms.iter().any(|x| x.how.is_explicit());
    let r = REL_BASE
        + REL_TITLE * f32::from(u8::from(title))
        + REL_LEAD * f32::from(u8::from(lead))
        + REL_SHARE * share
        + REL_EXPLICIT * f32::from(u8::from(explicit));
    r.clamp(f32::MIN_POSITIVE, 1.0)
}

/// Clause and list separators of one sentence: (start, end, is a list separator), outside
/// company names, in text order.
type Breaks = Vec<(usize, usize, bool)>;

/// Clauses already scored in this document (companies named in one list share clauses):
/// each clause's score and where its explanations are, so reusing one copies no vector.
#[derive(Default)]
struct ClauseScores {
    scores: BTreeMap<(Field, usize, usize), (f32, Why)>,
    /// Explanations of the clauses scored here (not whole sentences), back to back.
    explanations: Vec<Explanation>,
}

/// Where a scored clause's explanations are.
#[derive(Clone, Copy)]
enum Why {
    /// A run of the article pass's explanations (the clause is a whole sentence).
    Article(usize, usize),
    /// A run of [`ClauseScores::explanations`].
    Clause(usize, usize),
}

fn separators() -> &'static Literals {
    static SET: OnceLock<Literals> = OnceLock::new();
    SET.get_or_init(|| {
        let all: Vec<&str> = CLAUSE_BREAKS.iter().chain(LIST_BREAKS).copied().collect();
        Literals::new(&all)
    })
}

fn sentence_breaks(text: &str, ss: usize, se: usize, local: &[Mention]) -> Breaks {
    // `local` is sorted and non-overlapping: the mention that could contain `p` is the last
    // one starting before it.
    let inside_mention = |p: usize| {
        let i = local.partition_point(|x| x.start < p);
        i > 0 && p < local[i - 1].end
    };
    separators()
        .find_iter(&text[ss..se])
        .map(|m| (ss + m.start, ss + m.end, m.pattern >= CLAUSE_BREAKS.len()))
        .filter(|&(s, e, _)| !inside_mention(s) && !inside_mention(e - 1))
        .collect()
}

/// The mentions of `all` (sorted by field, then start) inside `ss..se`.
fn local_mentions(all: &[Mention], field: Field, ss: usize, se: usize) -> &[Mention] {
    let lo = all.partition_point(|x| (x.field, x.start) < (field, ss));
    let hi = all.partition_point(|x| (x.field, x.start) < (field, se));
    &all[lo..hi]
}

/// The clause of a sentence around `start..end`: cut at clause words, and, when the sentence
/// names other companies, at list separators too.
#[cfg(test)]
pub(crate) fn clause_of(
    doc: &Doc<'_>,
    field: Field,
    start: usize,
    end: usize,
    all: &[Mention],
) -> (usize, usize) {
    let (ss, se) = mentions::sentence_of(doc, field, start);
    let local = local_mentions(all, field, ss, se);
    let breaks = sentence_breaks(doc.field_text(field), ss, se, local);
    clause_within(&breaks, ss, se, start, end, local)
}

fn clause_within(
    breaks: &Breaks,
    ss: usize,
    se: usize,
    start: usize,
    end: usize,
    local: &[Mention],
) -> (usize, usize) {
    // Mentions never overlap, so another mention in the sentence means another name.
    let others = local.len() > 1;
    let usable = |&&(_, _, list): &&(usize, usize, bool)| others || !list;
    // `breaks` is in text order: the nearest usable one before and after the mention.
    let split = breaks.partition_point(|&(s, _, _)| s < end);
    let cs = breaks[..split]
        .iter()
        .rev()
        .filter(usable)
        .find(|&&(_, e, _)| e <= start)
        .map_or(ss, |&(_, e, _)| e);
    let ce = breaks[split..]
        .iter()
        .find(usable)
        .map_or(se, |&(s, _, _)| s);
    (cs, ce)
}

fn sentiment(
    doc: &Doc<'_>,
    ms: &[Mention],
    all: &[Mention],
    sent: Option<&SentimentOutput>,
    cache: &mut [Option<Breaks>],
    scored: &mut ClauseScores,
) -> (f32, Vec<Explanation>) {
    let mut clauses: Vec<(Field, usize, usize)> = ms
        .iter()
        .map(|x| {
            let Some(si) = mentions::sentence_index(doc, x.field, x.start) else {
                return (x.field, x.start, x.end);
            };
            let (ss, se) = (doc.sentences[si].start, doc.sentences[si].end);
            let local = local_mentions(all, x.field, ss, se);
            let breaks = cache[si]
                .get_or_insert_with(|| sentence_breaks(doc.field_text(x.field), ss, se, local));
            let (s, e) = clause_within(breaks, ss, se, x.start, x.end, local);
            (x.field, s, e)
        })
        .collect();
    clauses.extend(follow_ups(doc, ms, all));
    crate::sort::sort(&mut clauses);
    clauses.dedup();
    // Title clauses first, then body clauses in text order, up to the cap.
    clauses.truncate(MAX_CLAUSES);
    let (mut sum, mut weight) = (0.0f32, 0.0f32);
    let mut explanations = Vec::new();
    for (field, s, e) in clauses {
        let arena = &mut scored.explanations;
        let (score, why) = *scored.scores.entry((field, s, e)).or_insert_with(|| {
            match sent.and_then(|o| whole_sentence(o, field, s, e)) {
                Some((score, (from, to))) => (score, Why::Article(from, to)),
                None => {
                    let from = arena.len();
                    let score = crate::sentiment::score_span_into(doc, field, s, e, arena);
                    (score, Why::Clause(from, arena.len()))
                }
            }
        });
        let why = match why {
            Why::Article(from, to) => &sent.map_or(&[][..], |o| &o.explanations)[from..to],
            Why::Clause(from, to) => &scored.explanations[from..to],
        };
        if why.is_empty() && score == 0.0 {
            continue;
        }
        let w = if field == Field::Title {
            TITLE_CLAUSE_WEIGHT
        } else {
            1.0
        };
        sum += w * score;
        weight += w;
        explanations.extend_from_slice(why);
    }
    let score = if weight > 0.0 {
        (sum / weight).clamp(-1.0, 1.0)
    } else {
        0.0
    };
    crate::sort::sort_by_key(&mut explanations, |a| (a.field, a.start, a.end));
    explanations.dedup();
    (score, explanations)
}

/// Sentences right after a sentence about this company alone that go on about it without
/// naming it ("Apple reported results. Its shares fell 5%."): whole-sentence clauses.
fn follow_ups(doc: &Doc<'_>, ms: &[Mention], all: &[Mention]) -> Vec<(Field, usize, usize)> {
    let Some(target) = ms.first().map(|m| &m.target) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for x in ms {
        let Some(si) = mentions::sentence_index(doc, x.field, x.start) else {
            continue;
        };
        let (cur, Some(next)) = (&doc.sentences[si], doc.sentences.get(si + 1)) else {
            continue;
        };
        if next.field != cur.field {
            continue;
        }
        let alone = local_mentions(all, cur.field, cur.start, cur.end)
            .iter()
            .all(|m| &m.target == target);
        let unnamed = local_mentions(all, next.field, next.start, next.end).is_empty();
        let text = &doc.field_text(next.field)[next.start..next.end];
        if alone && unnamed && FOLLOW_UP_STARTS.iter().any(|p| text.starts_with(p)) {
            out.push((next.field, next.start, next.end));
        }
    }
    out
}

/// A clause that is a whole sentence already scored by the article pass: its score and the
/// run of the article's explanations that are its own (reused instead of scoring it again).
fn whole_sentence(
    o: &SentimentOutput,
    field: Field,
    s: usize,
    e: usize,
) -> Option<(f32, (usize, usize))> {
    let i = o
        .sentences
        .binary_search_by(|x| (x.field, x.start).cmp(&(field, s)))
        .ok()?;
    let sc = &o.sentences[i];
    if sc.end != e {
        return None;
    }
    // The article pass writes explanations sentence by sentence, each sentence's sorted by
    // start and inside it: they are in (field, start) order, so the sentence's are one run.
    debug_assert!(o
        .explanations
        .windows(2)
        .all(|w| (w[0].field, w[0].start) <= (w[1].field, w[1].start)));
    let from = o
        .explanations
        .partition_point(|x| (x.field, x.start) < (field, s));
    let to = from
        + o.explanations[from..]
            .iter()
            .take_while(|x| x.field == field && x.start < e)
            .count();
    debug_assert!(o.explanations[from..to].iter().all(|x| x.end <= e));
    Some((sc.score, (from, to)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(title: &str, body: &str) -> TickerOutput {
        let doc = Doc::new(title, body);
        let s = crate::sentiment::score(&doc);
        resolve(&doc, &s)
    }

    fn syms(o: &TickerOutput) -> Vec<String> {
        let mut v: Vec<String> = o.tickers.iter().map(|t| t.ticker.clone()).collect();
        v.sort();
        v
    }

    #[test]
    fn google_is_one_entity_with_both_share_classes() {
        let o = run("", "Google said YouTube ad sales rose.");
        assert_eq!(syms(&o), vec!["GOOG", "GOOGL"]);
        assert_eq!(o.entities.len(), 1);
        assert_eq!(o.entities[0].tickers, vec!["GOOGL", "GOOG"]);
        assert_eq!(o.entities[0].mentions.len(), 2);
    }

    #[test]
    fn size_tiers_follow_the_documented_rule() {
        assert_eq!(size_tier("AAPL"), SizeTier::Mega);
        assert_eq!(size_tier("BRK.B"), SizeTier::Mega);
        assert_eq!(size_tier("$GOOG"), SizeTier::Mega);
        assert_eq!(size_tier("TGT"), SizeTier::Large);
        assert_eq!(size_tier("ZZZZZZ"), SizeTier::Unknown);
        assert!(size_tier("SIFY") <= SizeTier::Mid);
    }

    #[test]
    fn relevance_is_high_for_the_subject_and_low_for_a_passing_mention() {
        let body = "Nvidia reported record revenue. Nvidia shares rose. The company guided higher. \
                    Demand for Nvidia chips is strong. Analysts cheered. Suppliers such as Micron may benefit.";
        let o = run("Nvidia beats estimates", body);
        let nv = o.tickers.iter().find(|t| t.ticker == "NVDA").unwrap();
        let mu = o.tickers.iter().find(|t| t.ticker == "MU").unwrap();
        assert!(nv.relevance_score > 0.8, "{}", nv.relevance_score);
        assert!(mu.relevance_score < 0.3, "{}", mu.relevance_score);
        assert!(mu.relevance_score > 0.0);
        assert_eq!(o.tickers[0].ticker, "NVDA");
    }

    #[test]
    fn clauses_split_at_while() {
        let body = "Microsoft beat estimates while Intel missed.";
        let doc = Doc::new("", body);
        let all = mentions::find(&doc);
        let (s, e) = clause_of(&doc, Field::Body, all[0].start, all[0].end, &all);
        assert_eq!(&body[s..e], "Microsoft beat estimates");
        let (s, e) = clause_of(&doc, Field::Body, all[1].start, all[1].end, &all);
        assert_eq!(&body[s..e], "Intel missed.");
    }

    #[test]
    fn a_follow_up_sentence_about_the_company_joins_its_clauses() {
        let body = "Apple reported results on Tuesday. Its shares fell 5% after hours. Analysts were split.";
        let doc = Doc::new("", body);
        let all = mentions::find(&doc);
        let f = follow_ups(&doc, &all, &all);
        assert_eq!(f.len(), 1);
        assert_eq!(&body[f[0].1..f[0].2], "Its shares fell 5% after hours.");
        // Not when the first sentence names two companies.
        let body = "Apple and Microsoft reported results. Its shares fell.";
        let doc = Doc::new("", body);
        let all = mentions::find(&doc);
        let ms: Vec<Mention> = all
            .iter()
            .filter(|m| m.target == all[0].target)
            .cloned()
            .collect();
        assert!(follow_ups(&doc, &ms, &all).is_empty());
    }

    #[test]
    fn private_companies_have_no_ticker() {
        let o = run("", "The ChatGPT maker raised money.");
        assert!(o.tickers.is_empty());
        assert_eq!(o.entities[0].name, "OpenAI");
        assert_eq!(o.entities[0].kind, "private");
    }
}
