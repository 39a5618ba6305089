//! `newsgauge eval ...`: check the engine against labelled JSON Lines, so anyone can
//! reproduce the figures in the README.

use std::collections::BTreeSet;
use std::fmt;
use std::io::{self, BufReader};
use std::path::Path;

use newsgauge_engine::Article;
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::jsonl::{json_error_message, read_all_lines};
use crate::metrics::{micro, Confusion, Prf};

/// Unreadable rows reported by name on stderr; the rest are only counted.
const MAX_REPORTED_SKIPS: usize = 5;

/// Rows of a labelled file that parsed, with their 1-based line numbers, and the
/// messages of the rows that did not.
pub struct Rows<T> {
    pub rows: Vec<(usize, T)>,
    pub skipped: Vec<String>,
}

/// Read every non-blank line of `path` as a `T`; a line that does not parse is skipped
/// and described in `skipped` (an evaluation never stops at one bad row).
pub fn read_rows<T: DeserializeOwned>(path: &Path) -> io::Result<Rows<T>> {
    let file = std::fs::File::open(path)?;
    let lines = read_all_lines(BufReader::new(file))?;
    let mut rows = Vec::with_capacity(lines.len());
    let mut skipped = Vec::new();
    for line in lines.iter().filter(|l| !l.is_blank()) {
        match std::str::from_utf8(&line.bytes) {
            Err(_) => skipped.push(format!("line {}: not valid UTF-8", line.number)),
            Ok(s) => match serde_json::from_str::<T>(s) {
                Ok(r) => rows.push((line.number, r)),
                Err(e) => skipped.push(format!("line {}: {}", line.number, json_error_message(&e))),
            },
        }
    }
    Ok(Rows { rows, skipped })
}

/// Tell stderr about skipped rows, naming the first few.
pub fn warn_skipped(skipped: &[String]) {
    for s in skipped.iter().take(MAX_REPORTED_SKIPS) {
        eprintln!("newsgauge: skipped {s}");
    }
    if skipped.len() > MAX_REPORTED_SKIPS {
        eprintln!(
            "newsgauge: ... and {} more skipped rows",
            skipped.len() - MAX_REPORTED_SKIPS
        );
    }
}

// ---------------------------------------------------------------------------------------
// Sentiment

/// Class order of the sentiment confusion matrix.
pub const SENTIMENT_LABELS: [&str; 3] = ["negative", "neutral", "positive"];

/// A labelled sentiment row (Financial PhraseBank, Twitter financial news, ...).
/// Other fields (`label_id`, `id`, ...) are ignored.
#[derive(Deserialize)]
pub struct SentimentRow {
    pub text: String,
    #[serde(default)]
    pub title: Option<String>,
    pub label: String,
    #[serde(default)]
    pub agreement: Option<String>,
}

/// Index into [`SENTIMENT_LABELS`] of a gold label; `None` for an unknown label.
pub fn gold_class(label: &str) -> Option<usize> {
    match label.trim().to_ascii_lowercase().as_str() {
        "negative" | "bearish" => Some(0),
        "neutral" => Some(1),
        "positive" | "bullish" => Some(2),
        _ => None,
    }
}

/// Index into [`SENTIMENT_LABELS`] of an engine label ("mildly negative", "neutral", ...):
/// the engine's own bands decide, so the evaluation scores what users see.
pub fn predicted_class(engine_label: &str) -> usize {
    if engine_label.ends_with("negative") {
        0
    } else if engine_label.ends_with("positive") {
        2
    } else {
        1
    }
}

/// Rank of a Financial PhraseBank agreement level: a sentence in a stricter subset is
/// also in every looser one. Accepts `AllAgree`, `75Agree`, `66Agree`, `50Agree`
/// (case-insensitive, "Agree" optional, `all`/`100` for all-agree).
pub fn agreement_rank(level: &str) -> Option<u8> {
    let l = level.trim().to_ascii_lowercase();
    match l.strip_suffix("agree").unwrap_or(&l) {
        "50" => Some(0),
        "66" => Some(1),
        "75" => Some(2),
        "all" | "100" => Some(3),
        _ => None,
    }
}

/// Parse `--agreement` for clap.
pub fn parse_agreement(s: &str) -> Result<u8, String> {
    agreement_rank(s).ok_or_else(|| {
        format!("unknown agreement level {s:?} (use AllAgree, 75Agree, 66Agree or 50Agree)")
    })
}

/// The outcome of `eval sentiment`.
pub struct SentimentReport {
    pub confusion: Confusion,
    /// Rows left out: unreadable, unknown label, or outside the agreement subset.
    pub skipped: usize,
}

/// Evaluate the engine on labelled rows. `min_agreement` keeps only rows in that
/// agreement subset (rows without an `agreement` field are then left out).
pub fn evaluate_sentiment(
    rows: &[(usize, SentimentRow)],
    min_agreement: Option<u8>,
) -> SentimentReport {
    let results: Vec<Option<(usize, usize)>> = rows
        .par_iter()
        .map(|(_, row)| {
            if let Some(min) = min_agreement {
                let rank = row.agreement.as_deref().and_then(agreement_rank)?;
                if rank < min {
                    return None;
                }
            }
            let gold = gold_class(&row.label)?;
            let a = newsgauge_engine::analyze(&Article {
                title: row.title.clone(),
                text: row.text.clone(),
            });
            Some((gold, predicted_class(&a.sentiment.label)))
        })
        .collect();
    let mut confusion = Confusion::new(&SENTIMENT_LABELS);
    let mut skipped = 0;
    for r in results {
        match r {
            Some((g, p)) => confusion.add(g, p),
            None => skipped += 1,
        }
    }
    SentimentReport { confusion, skipped }
}

impl fmt::Display for SentimentReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.confusion;
        writeln!(
            f,
            "rows evaluated: {} (left out: {})",
            c.total(),
            self.skipped
        )?;
        writeln!(f, "accuracy: {:.4}", c.accuracy())?;
        writeln!(f, "macro-F1: {:.4}", c.macro_f1())?;
        writeln!(f)?;
        writeln!(
            f,
            "{:<10} {:>9} {:>9} {:>9} {:>9}",
            "class", "precision", "recall", "f1", "support"
        )?;
        for (label, p) in c.labels.iter().zip(c.per_class()) {
            writeln!(
                f,
                "{label:<10} {:>9.4} {:>9.4} {:>9.4} {:>9}",
                p.precision, p.recall, p.f1, p.support
            )?;
        }
        writeln!(f)?;
        writeln!(f, "confusion matrix (rows: gold, columns: predicted)")?;
        write!(f, "{}", c.render())
    }
}

#[derive(Serialize)]
struct SentimentJson<'a> {
    rows: usize,
    left_out: usize,
    accuracy: f64,
    macro_f1: f64,
    labels: &'a [&'static str],
    per_class: Vec<Prf>,
    /// `confusion[gold][predicted]`.
    confusion: &'a [Vec<usize>],
}

impl SentimentReport {
    pub fn to_json(&self) -> String {
        let c = &self.confusion;
        serde_json::to_string_pretty(&SentimentJson {
            rows: c.total(),
            left_out: self.skipped,
            accuracy: c.accuracy(),
            macro_f1: c.macro_f1(),
            labels: &c.labels,
            per_class: c.per_class(),
            confusion: &c.counts,
        })
        .expect("report serialises")
    }
}

// ---------------------------------------------------------------------------------------
// Topics

/// Reuters-21578 topic codes and the engine topic each one is evidence for.
pub use newsgauge_engine::topics::REUTERS_TOPIC_MAP;

/// The engine topics scored by `eval topics`, in report order.
pub const EVAL_TOPICS: [&str; 8] = [
    "earnings",
    "mergers_acquisitions",
    "currencies",
    "energy",
    "commodities",
    "trade",
    "monetary_policy",
    "transportation",
];

/// A Reuters row: `{"id", "title", "text", "labels": [codes]}`.
#[derive(Deserialize)]
pub struct TopicRow {
    #[serde(default)]
    pub title: Option<String>,
    pub text: String,
    #[serde(default)]
    pub labels: Vec<String>,
}

/// The evaluated topics a row's Reuters codes stand for (codes outside the map add none).
pub fn gold_topics(codes: &[String]) -> BTreeSet<&'static str> {
    codes
        .iter()
        .filter_map(|c| {
            REUTERS_TOPIC_MAP
                .iter()
                .find(|(code, _)| code.eq_ignore_ascii_case(c.trim()))
        })
        .map(|(_, topic)| *topic)
        .collect()
}

/// Per-topic counts over documents, in [`EVAL_TOPICS`] order. `predicted` may name
/// topics outside the evaluated eight; they are ignored.
pub fn topic_metrics<S: AsRef<str>>(gold: &[BTreeSet<&str>], predicted: &[Vec<S>]) -> Vec<Prf> {
    EVAL_TOPICS
        .iter()
        .map(|topic| {
            let (mut tp, mut fp, mut fn_) = (0, 0, 0);
            for (g, p) in gold.iter().zip(predicted) {
                let in_gold = g.contains(topic);
                let in_pred = p.iter().any(|t| t.as_ref() == *topic);
                match (in_gold, in_pred) {
                    (true, true) => tp += 1,
                    (false, true) => fp += 1,
                    (true, false) => fn_ += 1,
                    (false, false) => {}
                }
            }
            Prf::from_counts(tp, fp, fn_)
        })
        .collect()
}

/// The outcome of `eval topics`.
pub struct TopicReport {
    pub documents: usize,
    pub per_topic: Vec<Prf>,
}

pub fn evaluate_topics(rows: &[(usize, TopicRow)]) -> TopicReport {
    let predicted: Vec<Vec<String>> = rows
        .par_iter()
        .map(|(_, r)| {
            let a = newsgauge_engine::analyze(&Article {
                title: r.title.clone(),
                text: r.text.clone(),
            });
            a.topics.into_iter().map(|t| t.id).collect()
        })
        .collect();
    let gold: Vec<BTreeSet<&str>> = rows.iter().map(|(_, r)| gold_topics(&r.labels)).collect();
    TopicReport {
        documents: rows.len(),
        per_topic: topic_metrics(&gold, &predicted),
    }
}

impl TopicReport {
    pub fn micro(&self) -> Prf {
        micro(&self.per_topic)
    }

    pub fn macro_f1(&self) -> f64 {
        self.per_topic.iter().map(|p| p.f1).sum::<f64>() / self.per_topic.len() as f64
    }

    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct TopicLine<'a> {
            topic: &'a str,
            #[serde(flatten)]
            prf: Prf,
        }
        #[derive(Serialize)]
        struct Json<'a> {
            documents: usize,
            topics: Vec<TopicLine<'a>>,
            micro: Prf,
            macro_f1: f64,
        }
        let topics = EVAL_TOPICS
            .iter()
            .zip(&self.per_topic)
            .map(|(t, p)| TopicLine { topic: t, prf: *p })
            .collect();
        serde_json::to_string_pretty(&Json {
            documents: self.documents,
            topics,
            micro: self.micro(),
            macro_f1: self.macro_f1(),
        })
        .expect("report serialises")
    }
}

impl fmt::Display for TopicReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "documents: {}", self.documents)?;
        writeln!(
            f,
            "{:<22} {:>9} {:>9} {:>9} {:>9} {:>9}",
            "topic", "precision", "recall", "f1", "support", "predicted"
        )?;
        for (t, p) in EVAL_TOPICS.iter().zip(&self.per_topic) {
            writeln!(
                f,
                "{t:<22} {:>9.4} {:>9.4} {:>9.4} {:>9} {:>9}",
                p.precision,
                p.recall,
                p.f1,
                p.support,
                p.tp + p.fp
            )?;
        }
        let m = self.micro();
        writeln!(
            f,
            "{:<22} {:>9.4} {:>9.4} {:>9.4} {:>9} {:>9}",
            "micro (8 topics)",
            m.precision,
            m.recall,
            m.f1,
            m.support,
            m.tp + m.fp
        )?;
        writeln!(f, "micro-F1: {:.4}", m.f1)?;
        writeln!(f, "macro-F1: {:.4}", self.macro_f1())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_labels_map_both_vocabularies() {
        assert_eq!(gold_class("Positive"), Some(2));
        assert_eq!(gold_class("bullish"), Some(2));
        assert_eq!(gold_class("bearish"), Some(0));
        assert_eq!(gold_class("neutral"), Some(1));
        assert_eq!(gold_class("mixed"), None);
    }

    #[test]
    fn engine_bands_map_to_three_classes() {
        assert_eq!(predicted_class("strongly negative"), 0);
        assert_eq!(predicted_class("mildly negative"), 0);
        assert_eq!(predicted_class("neutral"), 1);
        assert_eq!(predicted_class("mildly positive"), 2);
        assert_eq!(predicted_class("positive"), 2);
    }

    #[test]
    fn agreement_subsets_nest() {
        assert_eq!(agreement_rank("AllAgree"), Some(3));
        assert_eq!(agreement_rank("75agree"), Some(2));
        assert_eq!(agreement_rank("66"), Some(1));
        assert_eq!(agreement_rank("50Agree"), Some(0));
        assert_eq!(agreement_rank("most"), None);
        assert!(parse_agreement("nope").is_err());
    }

    #[test]
    fn agreement_filter_keeps_stricter_subsets_and_drops_rows_without_the_field() {
        let row = |agreement: Option<&str>| SentimentRow {
            text: "Shares rose.".into(),
            title: None,
            label: "positive".into(),
            agreement: agreement.map(str::to_owned),
        };
        let rows = vec![
            (1, row(Some("AllAgree"))),
            (2, row(Some("75Agree"))),
            (3, row(Some("50Agree"))),
            (4, row(None)),
        ];
        let r = evaluate_sentiment(&rows, Some(2));
        assert_eq!((r.confusion.total(), r.skipped), (2, 2));
        let r = evaluate_sentiment(&rows, None);
        assert_eq!((r.confusion.total(), r.skipped), (4, 0));
    }

    #[test]
    fn reuters_codes_map_to_topics_and_grain_codes_merge() {
        let codes: Vec<String> = ["grain", "wheat", "ship", "cocoa"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            gold_topics(&codes),
            BTreeSet::from(["commodities", "transportation"])
        );
        assert!(gold_topics(&["cocoa".to_string()]).is_empty());
    }

    #[test]
    fn topic_metrics_by_hand() {
        let gold = vec![
            BTreeSet::from(["earnings"]),
            BTreeSet::from(["earnings", "trade"]),
            BTreeSet::new(),
            BTreeSet::from(["energy"]),
        ];
        let predicted: Vec<Vec<&str>> = vec![
            vec!["earnings"],
            vec!["trade", "technology"],
            vec!["earnings"],
            vec![],
        ];
        let m = topic_metrics(&gold, &predicted);
        let earnings = m[0];
        assert_eq!((earnings.tp, earnings.fp, earnings.fn_), (1, 1, 1));
        let trade = m[EVAL_TOPICS.iter().position(|t| *t == "trade").unwrap()];
        assert_eq!((trade.tp, trade.fp, trade.fn_), (1, 0, 0));
        let energy = m[EVAL_TOPICS.iter().position(|t| *t == "energy").unwrap()];
        assert_eq!((energy.tp, energy.fp, energy.fn_), (0, 0, 1));
        // "technology" is not evaluated: no false positive anywhere for it.
        let all = micro(&m);
        assert_eq!((all.tp, all.fp, all.fn_), (2, 1, 2));
        assert!((all.f1 - 4.0 / 7.0).abs() < 1e-9);
    }
}
