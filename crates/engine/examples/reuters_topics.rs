//! Measure topic rules against Reuters-21578 (research use only: nothing here is shipped).
//!
//! `cargo run -p newsgauge-engine --release --example reuters_topics -- ../shared/data/reuters_modapte_dev.jsonl [dev|test|all] [topic-to-dump]`
//!
//! Split: articles whose id is divisible by 5 are a held-out "test" fifth that rules were not
//! tuned on; the rest is "dev". Prints per-topic precision/recall and micro-F1 over the eight
//! mapped Reuters codes (earn, acq, money-fx, crude, grain/wheat/corn, trade, interest, ship).

use newsgauge_engine::{topics, Doc};

/// Reuters code → our topic id.
const MAP: &[(&str, &str)] = topics::REUTERS_TOPIC_MAP;

/// Reuters codes of commodities outside the grain/wheat/corn mapping.
const EXTRA_COMMODITIES: &[&str] = &[
    "sugar",
    "coffee",
    "cocoa",
    "oilseed",
    "soybean",
    "gold",
    "copper",
    "cotton",
    "veg-oil",
    "livestock",
    "rubber",
    "rice",
    "barley",
    "sorghum",
    "meal-feed",
    "palm-oil",
    "silver",
    "alum",
    "zinc",
    "tin",
    "lead",
    "carcass",
    "hog",
    "orange",
    "rapeseed",
    "sunseed",
    "iron-steel",
    "nickel",
    "lumber",
    "potato",
    "tea",
    "wool",
    "platinum",
    "oat",
    "rye",
    "strategic-metal",
    "groundnut",
    "soy-oil",
    "soy-meal",
    "copra-cake",
    "cotton-oil",
    "coconut",
    "coconut-oil",
    "palmkernel",
    "rape-oil",
    "sun-oil",
    "sun-meal",
    "lin-oil",
    "linseed",
    "fishmeal",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("../shared/data/reuters_modapte_dev.jsonl");
    let split = args.get(2).map(String::as_str).unwrap_or("all");
    let dump = args.get(3).cloned();
    // Optional threshold overrides for tuning: MIN_EVIDENCE and RELATIVE_FLOOR.
    let min: Option<f32> = std::env::var("TOPIC_MIN").ok().and_then(|v| v.parse().ok());
    let rel: Option<f32> = std::env::var("TOPIC_REL").ok().and_then(|v| v.parse().ok());
    let hmin: f32 = std::env::var("TOPIC_HMIN")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(topics::HEADLINE_MIN_EVIDENCE);
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("skipping: {path} not found (Reuters data lives in ../shared/data)");
        return;
    };
    let extended = std::env::var("REUTERS_EXTENDED").is_ok_and(|v| v == "1");
    let mut targets: Vec<&str> = MAP.iter().map(|(_, t)| *t).collect();
    targets.dedup();
    let mut tp = vec![0usize; targets.len()];
    let mut fp = vec![0usize; targets.len()];
    let mut fnn = vec![0usize; targets.len()];
    let mut n = 0;
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("jsonl");
        let id = v["id"].as_u64().unwrap_or(0);
        let held_out = id.is_multiple_of(5);
        if (split == "dev" && held_out) || (split == "test" && !held_out) {
            continue;
        }
        n += 1;
        let title = v["title"].as_str().unwrap_or("");
        let body = v["text"].as_str().unwrap_or("");
        let labels: Vec<&str> = v["labels"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|l| l.as_str())
            .collect();
        let mut gold: Vec<&str> = MAP
            .iter()
            .filter(|(c, _)| labels.contains(c))
            .map(|(_, t)| *t)
            .collect();
        // REUTERS_EXTENDED=1: also count Reuters' other farm, soft and metal codes as commodities.
        if extended && labels.iter().any(|l| EXTRA_COMMODITIES.contains(l)) {
            gold.push("commodities");
        }
        let doc = Doc::new(title, body);
        let pred: Vec<String> = match (min, rel) {
            // Tuning mode: same evidence, other thresholds.
            (Some(min), Some(rel)) => {
                let ev = topics::evidence(&doc);
                let top = ev.iter().map(|e| e.total()).fold(0.0f32, f32::max);
                ev.iter()
                    .enumerate()
                    .filter(|(_, e)| topics::is_reported(**e, top, min, hmin, rel))
                    .map(|(i, _)| topics::TOPICS[i].id.to_owned())
                    .collect()
            }
            _ => topics::classify(&doc).into_iter().map(|t| t.id).collect(),
        };
        for (i, t) in targets.iter().enumerate() {
            let g = gold.contains(t);
            let p = pred.iter().any(|x| x == t);
            match (g, p) {
                (true, true) => tp[i] += 1,
                (false, true) => fp[i] += 1,
                (true, false) => fnn[i] += 1,
                _ => {}
            }
            if dump.as_deref() == Some(*t) && g != p {
                let kind = if p { "FP" } else { "FN" };
                println!(
                    "{kind} {id} {labels:?} {title} | {} | pred {pred:?}",
                    body.chars().take(200).collect::<String>()
                );
            }
        }
    }
    let (mut stp, mut sfp, mut sfn) = (0, 0, 0);
    println!("split={split} articles={n}");
    for (i, t) in targets.iter().enumerate() {
        let p = tp[i] as f64 / (tp[i] + fp[i]).max(1) as f64;
        let r = tp[i] as f64 / (tp[i] + fnn[i]).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        println!(
            "{t:22} P={p:.3} R={r:.3} F1={f:.3} (tp={} fp={} fn={})",
            tp[i], fp[i], fnn[i]
        );
        stp += tp[i];
        sfp += fp[i];
        sfn += fnn[i];
    }
    let p = stp as f64 / (stp + sfp).max(1) as f64;
    let r = stp as f64 / (stp + sfn).max(1) as f64;
    println!("micro P={p:.3} R={r:.3} F1={:.3}", 2.0 * p * r / (p + r));
}
