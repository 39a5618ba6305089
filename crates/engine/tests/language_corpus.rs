//! Language detection on the English labelled corpora in `../shared/data`: English
//! financial text (phrases, headlines, microblogs, Reuters wire stories and tables) must
//! not be flagged as another language, since that marks its sentiment unreliable.
//! Skips with a message when the shared data is absent.

use newsgauge_engine::language::detect;
use std::path::Path;

const DATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/data");

/// Share of texts that must come out "en". Measured 99.95 % or more on every file (the
/// misses: one genuinely German sentence in FPB, a Nokia model list, Reuters shipping
/// and rate tables); the slack allows small tuning changes, not a regression.
const MIN_ENGLISH_SHARE: f64 = 0.995;

fn english_share(file: &str, title_field: Option<&str>) -> Option<(f64, usize, Vec<String>)> {
    let path = Path::new(DATA).join(file);
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("SKIPPED: {} not found (shared data absent)", path.display());
        return None;
    };
    let (mut n, mut en, mut misses) = (0usize, 0usize, Vec::new());
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("valid JSON line");
        let text = v["text"].as_str().unwrap_or("");
        let title = title_field.and_then(|k| v[k].as_str()).unwrap_or("");
        let lang = detect(title, text);
        n += 1;
        if lang == "en" {
            en += 1;
        } else if misses.len() < 5 {
            misses.push(format!(
                "{lang}: {}",
                text.chars().take(80).collect::<String>()
            ));
        }
    }
    Some((en as f64 / n.max(1) as f64, n, misses))
}

#[test]
fn english_financial_corpora_are_detected_as_english() {
    for (file, title) in [
        ("fpb_dev.jsonl", None),
        ("sentfin_dev.jsonl", None),
        ("fiqa_posts_dev.jsonl", None),
        ("reuters_modapte_dev.jsonl", Some("title")),
    ] {
        let Some((share, n, misses)) = english_share(file, title) else {
            continue;
        };
        eprintln!(
            "{file}: {:.2} % of {n} detected as en; misses: {misses:?}",
            share * 100.0
        );
        assert!(
            share >= MIN_ENGLISH_SHARE,
            "{file}: only {:.2} % detected as English: {misses:?}",
            share * 100.0
        );
    }
}
