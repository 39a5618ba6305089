//! Entity recall on SEntFiN headlines (`../shared/data/sentfin_dev.jsonl`), through
//! `tickers::evaluate_entities`. Skips when the shared data is absent.
//!
//! The floors guard against regressions in matching; they sit below the measured values
//! reported in the README ("Tickers and companies"). Entity sentiment accuracy depends on
//! the sentiment model and is printed, not asserted here.

use newsgauge_engine::tickers::{evaluate_entities, EntityRow};

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
