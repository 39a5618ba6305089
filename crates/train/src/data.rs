//! Loading the labelled sets of `../shared/data` into one row type, with deterministic
//! fold and held-out assignment by a hash of the text (duplicates share a fold).

use std::path::Path;

use serde_json::Value;

/// Training weight of a FinBERT-style news sentence (the target domain).
const FPB_WEIGHT: f32 = 1.0;
/// Training weight of a finance news tweet.
const TWITTER_WEIGHT: f32 = 0.5;
/// Training weight of a news headline with one sentiment for all its companies.
const SENTFIN_WEIGHT: f32 = 0.5;
/// Training weight of a FiQA microblog post (small, noisy, score thresholded).
const FIQA_WEIGHT: f32 = 0.3;
/// |FiQA score| below this is neutral.
const FIQA_NEUTRAL: f64 = 0.1;

/// One labelled text.
#[derive(Debug, Clone)]
pub struct Row {
    pub source: String,
    pub text: String,
    /// 0 negative, 1 neutral, 2 positive.
    pub label: u8,
    /// FPB agreement level, or "-".
    pub subset: String,
    pub weight: f32,
    pub fold: u32,
    /// In the slice excluded from the shipped model's training.
    pub holdout: bool,
    /// Counted in evaluation (false for rows only used to train, e.g. mixed headlines).
    pub eval: bool,
}

/// FNV-1a of the text: fold = h % 10, held out when (h >> 32) % 20 == 0 (5%).
pub fn text_hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in text.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn lines(path: &Path) -> Vec<Value> {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("valid JSON line"))
        .collect()
}

fn label_id(s: &str) -> Option<u8> {
    match s {
        "negative" | "bearish" => Some(0),
        "neutral" => Some(1),
        "positive" | "bullish" => Some(2),
        _ => None,
    }
}

fn row(source: &str, text: &str, label: u8, subset: &str, weight: f32, eval: bool) -> Row {
    let h = text_hash(text);
    Row {
        source: source.to_owned(),
        text: text.to_owned(),
        label,
        subset: subset.to_owned(),
        weight,
        fold: (h % 10) as u32,
        holdout: (h >> 32).is_multiple_of(20),
        eval,
    }
}

/// Every labelled row of the shared data sets (skipping files that are absent).
pub fn load_all(dir: &Path) -> Vec<Row> {
    let mut rows = Vec::new();
    let file = |name: &str| {
        let p = dir.join(name);
        if p.exists() {
            lines(&p)
        } else {
            eprintln!("note: {} absent, skipped", p.display());
            Vec::new()
        }
    };
    for v in file("fpb_dev.jsonl") {
        if let (Some(t), Some(l)) = (v["text"].as_str(), v["label"].as_str().and_then(label_id)) {
            rows.push(row(
                "fpb",
                t,
                l,
                v["agreement"].as_str().unwrap_or("-"),
                FPB_WEIGHT,
                true,
            ));
        }
    }
    for v in file("twitter_fin_dev.jsonl") {
        if let (Some(t), Some(l)) = (v["text"].as_str(), v["label"].as_str().and_then(label_id)) {
            rows.push(row("twitter", t, l, "-", TWITTER_WEIGHT, true));
        }
    }
    for v in file("sentfin_dev.jsonl") {
        let Some(t) = v["text"].as_str() else {
            continue;
        };
        let labels: Vec<u8> = v["entities"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e["label"].as_str().and_then(label_id))
                    .collect()
            })
            .unwrap_or_default();
        let Some(&first) = labels.first() else {
            continue;
        };
        // A headline whose companies all share one sentiment has that sentiment; mixed
        // headlines ("X beats, Y misses") have no single label and are left out.
        if labels.iter().all(|&l| l == first) {
            rows.push(row("sentfin", t, first, "-", SENTFIN_WEIGHT, true));
        }
    }
    for v in file("fiqa_posts_dev.jsonl") {
        if let (Some(t), Some(s)) = (v["text"].as_str(), v["score"].as_f64()) {
            let l = if s < -FIQA_NEUTRAL {
                0
            } else if s > FIQA_NEUTRAL {
                2
            } else {
                1
            };
            rows.push(row("fiqa", t, l, "-", FIQA_WEIGHT, true));
        }
    }
    rows
}
