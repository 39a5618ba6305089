//! Entity recall on SEntFiN headlines (`../shared/data/sentfin_dev.jsonl`), through
//! `tickers::evaluate_entities`. Skips when the shared data is absent.
//!
//! The floors guard against regressions in matching; they sit below the measured values
//! reported in the README ("Tickers and companies"). Entity sentiment accuracy depends on
//! the sentiment model and is printed, not asserted here.

use newsgauge_engine::tickers::{evaluate_entities, EntityRow};
use newsgauge_engine::{analyze_text, NEUTRAL_BAND};

const DATA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/sentfin_dev.jsonl"
);

/// Labelled entities whose text is a name in the securities master must mostly be found.
const KNOWN_RECALL_FLOOR: f64 = 0.88;
/// Companies found that overlap no labelled entity, as a share of all found (SEntFiN labels
/// every entity of a headline, so these are mostly false positives).
const UNLABELLED_SHARE_CEILING: f64 = 0.06;

fn rows() -> Option<Vec<EntityRow>> {
    let text = std::fs::read_to_string(DATA).ok()?;
    Some(
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("valid JSON line");
                EntityRow {
                    text: v["text"].as_str().unwrap_or_default().to_owned(),
                    entities: v["entities"]
                        .as_array()
                        .map(|a| {
                            a.iter()
                                .map(|e| {
                                    let s = |k: &str| e[k].as_str().unwrap_or_default().to_owned();
                                    (s("entity"), s("label"))
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                }
            })
            .collect(),
    )
}

#[test]
fn sentfin_entity_recall_and_false_positive_share() {
    let Some(rows) = rows() else {
        eprintln!("skipping: {DATA} not found (shared data absent)");
        return;
    };
    let r = evaluate_entities(&rows);
    println!("{r}");
    assert!(
        r.known_recall() >= KNOWN_RECALL_FLOOR,
        "known-entity recall {:.3}",
        r.known_recall()
    );
    let share = r.unlabelled_found as f64 / r.predicted.max(1) as f64;
    assert!(
        share <= UNLABELLED_SHARE_CEILING,
        "unlabelled share {share:.3}"
    );
}

/// FNV-1a of the text, as the sentiment trainer (`crates/train/src/data.rs`) hashes rows:
/// a row is in its held-out slice when `(h >> 32) % 20 == 0`.
fn text_hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in text.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn class(score: f32) -> &'static str {
    if score >= NEUTRAL_BAND {
        "positive"
    } else if score <= -NEUTRAL_BAND {
        "negative"
    } else {
        "neutral"
    }
}

/// Accuracy when every found entity takes the whole headline's sentiment (the baseline
/// that per-clause sentiment must beat on headlines with opposite-sentiment entities).
fn headline_baseline(rows: &[EntityRow]) -> (usize, usize) {
    let (mut right, mut n) = (0, 0);
    for row in rows {
        let a = analyze_text(&row.text);
        let lower = row.text.to_lowercase();
        for (entity, label) in &row.entities {
            let key = entity.to_lowercase();
            let found = lower.len() == row.text.len()
                && lower.match_indices(&key).any(|(p, k)| {
                    a.entities.iter().any(|e| {
                        e.mentions
                            .iter()
                            .any(|m| m.start < p + k.len() && p < m.end)
                    })
                });
            if found {
                n += 1;
                right += usize::from(class(a.sentiment.score) == label);
            }
        }
    }
    (right, n)
}

/// Entity sentiment on the rows the shipped sentiment model never trained on: headlines
/// whose entities disagree (the trainer leaves them out) and its held-out slice.
#[test]
fn sentfin_entity_sentiment_out_of_sample() {
    let Some(rows) = rows() else {
        eprintln!("skipping: {DATA} not found (shared data absent)");
        return;
    };
    let mixed: Vec<EntityRow> = rows
        .iter()
        .filter(|r| r.entities.iter().any(|(_, l)| *l != r.entities[0].1))
        .cloned()
        .collect();
    let held: Vec<EntityRow> = rows
        .iter()
        .filter(|r| (text_hash(&r.text) >> 32).is_multiple_of(20))
        .cloned()
        .collect();
    let m = evaluate_entities(&mixed);
    let (b_right, b_n) = headline_baseline(&mixed);
    println!("mixed-sentiment headlines ({} rows):\n{m}", mixed.len());
    println!(
        "  baseline (each entity takes the headline's sentiment): accuracy {:.3} (n={b_n})",
        b_right as f64 / b_n.max(1) as f64
    );
    let h = evaluate_entities(&held);
    println!("held-out slice ({} rows):\n{h}", held.len());
    // Per-clause sentiment must do no worse than the headline average where entities
    // disagree (when the model is neutral everywhere both are equal: nothing to compare).
    let baseline = b_right as f64 / b_n.max(1) as f64;
    if m.sentiment_accuracy() > 0.0 && baseline > 0.0 {
        assert!(
            m.sentiment_accuracy() >= baseline,
            "clause {:.3} < headline {baseline:.3}",
            m.sentiment_accuracy()
        );
    }
}
