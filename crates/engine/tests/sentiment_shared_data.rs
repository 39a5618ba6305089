//! The shipped model on the held-out slice of `../shared/data`: rows whose text hash puts
//! them in the 5% slice that `./train/train.sh` excludes from the shipped model's training
//! (same rule as `crates/train/src/data.rs`). Skips when the data folder is absent.

use std::path::Path;

use newsgauge_engine::sentiment::score;
use newsgauge_engine::Doc;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");
/// Floors a little under the accuracies measured when the model was trained (see
/// train/cv_report.md), so a broken feature extractor or model file fails loudly.
const MIN_FPB: f64 = 0.78;
const MIN_TWITTER: f64 = 0.78;

fn text_hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in text.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn held_out(text: &str) -> bool {
    (text_hash(text) >> 32).is_multiple_of(20)
}

fn coarse(score: f32) -> &'static str {
    if score.abs() < newsgauge_engine::NEUTRAL_BAND {
        "neutral"
    } else if score > 0.0 {
        "positive"
    } else {
        "negative"
    }
}

fn accuracy(file: &str) -> Option<(usize, f64)> {
    let path = Path::new(DATA).join(file);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} absent", path.display());
        return None;
    };
    let (mut n, mut ok) = (0usize, 0usize);
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let t = v["text"].as_str().unwrap_or("");
        if !held_out(t) {
            continue;
        }
        let gold = match v["label"].as_str().unwrap_or("") {
            "positive" | "bullish" => "positive",
            "negative" | "bearish" => "negative",
            _ => "neutral",
        };
        n += 1;
        if coarse(score(&Doc::new("", t)).overall.score) == gold {
            ok += 1;
        }
    }
    Some((n, ok as f64 / n.max(1) as f64))
}

#[test]
fn shipped_model_holds_its_accuracy_on_the_held_out_slice() {
    if let Some((n, acc)) = accuracy("fpb_dev.jsonl") {
        eprintln!("FPB held-out: {n} rows, accuracy {acc:.3}");
        assert!(
            n > 100 && acc >= MIN_FPB,
            "FPB held-out accuracy {acc:.3} over {n} rows"
        );
    }
    if let Some((n, acc)) = accuracy("twitter_fin_dev.jsonl") {
        eprintln!("twitter_fin held-out: {n} rows, accuracy {acc:.3}");
        assert!(
            n > 200 && acc >= MIN_TWITTER,
            "twitter held-out accuracy {acc:.3} over {n} rows"
        );
    }
}
