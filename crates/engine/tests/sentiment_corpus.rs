//! Snapshot test over a small hand-labelled corpus (`tests/data/sentiment_corpus.tsv`):
//! the engine's label for each sentence must match the recorded snapshot
//! (`tests/data/sentiment_corpus.snap`), and agree with the gold labels often enough.
//! After an intended model change, regenerate with `UPDATE_SNAPSHOTS=1 cargo test -p
//! newsgauge-engine --test sentiment_corpus` and review the diff.

use newsgauge_engine::sentiment::score;
use newsgauge_engine::Doc;

const CORPUS: &str = include_str!("data/sentiment_corpus.tsv");
const SNAPSHOT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/sentiment_corpus.snap"
);
/// Share of hand labels the shipped model must reproduce (29/30 = 0.967 when recorded).
const MIN_AGREEMENT: f64 = 0.85;

fn coarse(label: &str) -> &'static str {
    if label.ends_with("positive") {
        "positive"
    } else if label.ends_with("negative") {
        "negative"
    } else {
        "neutral"
    }
}

fn rows() -> Vec<(&'static str, &'static str)> {
    CORPUS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_once('\t').expect("label<TAB>text"))
        .collect()
}

#[test]
fn hand_labelled_corpus_matches_gold_and_snapshot() {
    let rows = rows();
    assert!(rows.len() >= 30);
    let mut snap = String::new();
    let mut agree = 0;
    for (gold, text) in &rows {
        let out = score(&Doc::new("", text));
        let label = out.overall.label.clone();
        if coarse(&label) == *gold {
            agree += 1;
        }
        snap.push_str(&format!("{label}\t{text}\n"));
    }
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(SNAPSHOT, &snap).expect("write snapshot");
    }
    let recorded =
        std::fs::read_to_string(SNAPSHOT).expect("snapshot exists (UPDATE_SNAPSHOTS=1 to create)");
    for (got, want) in snap.lines().zip(recorded.lines()) {
        assert_eq!(
            got, want,
            "label changed; rerun with UPDATE_SNAPSHOTS=1 if intended"
        );
    }
    assert_eq!(snap.lines().count(), recorded.lines().count());
    let rate = agree as f64 / rows.len() as f64;
    assert!(
        rate >= MIN_AGREEMENT,
        "agreement with gold {rate:.3} < {MIN_AGREEMENT}"
    );
}
