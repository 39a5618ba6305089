//! Where `newsgauge batch`'s time per document goes, in two parts measured apart on one
//! thread: the complete analysis alone, and writing its JSON line alone (the analyses made
//! beforehand, serialised into memory: no file, no parsing of the input).
//!
//! `cargo run -p newsgauge-engine --profile native-release --example throughput_parts -- FILE.jsonl [REPEAT]`
//!
//! FILE is JSON Lines with a `text` field (and an optional `title`), for example
//! `../shared/data/fpb_dev.jsonl`; every record is used REPEAT times (default 5). Prints
//! documents per second for each part, the mean output line, and what the two parts
//! together allow on one core. `bench/compare_vader.sh` prints VADER's rate on the same
//! sentences: the JSON part alone bounds how many times VADER's rate any complete
//! analysis written as JSON can reach on this machine's cores.

use std::time::Instant;

use newsgauge_engine::{analyze, Analysis, Article};
use serde::Deserialize;

#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    title: Option<String>,
    text: String,
}

/// The median of `runs` timings of `f`, in seconds: this VM's wall times move between runs.
fn median_secs(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

/// Timed runs of each part; the median is reported.
const RUNS: usize = 5;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: throughput_parts FILE.jsonl [REPEAT]");
        std::process::exit(2);
    };
    let repeat: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(5);
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("throughput_parts: cannot read {path}: {e}");
        std::process::exit(2);
    });
    let records: Vec<Record> = data
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON record with a text field"))
        .collect();
    let articles: Vec<Article> = (0..repeat)
        .flat_map(|_| records.iter())
        .map(|r| Article::new(r.title.as_deref(), &r.text))
        .collect();
    let docs = articles.len() as f64;

    // Tables built before any timing (start-up is not per document).
    newsgauge_engine::prepare();
    let mut analyses: Vec<Analysis> = Vec::new();
    let analysis = median_secs(RUNS, || {
        analyses = articles.iter().map(analyze).collect();
    });
    let mut out: Vec<u8> = Vec::new();
    let json = median_secs(RUNS, || {
        out.clear();
        for a in &analyses {
            serde_json::to_writer(&mut out, a).expect("serialising to memory");
            out.push(b'\n');
        }
    });
    let line = out.len() as f64 / docs;
    println!(
        "{} documents ({} records x {repeat}), one thread, median of {RUNS} runs:",
        articles.len(),
        records.len()
    );
    println!(
        "  complete analysis alone:  {:>10.0} docs/s",
        docs / analysis
    );
    println!(
        "  JSON output alone:        {:>10.0} docs/s  ({line:.0} bytes a line, {:.0} MB/s)",
        docs / json,
        out.len() as f64 / json / 1e6
    );
    println!(
        "  both, one core:           {:>10.0} docs/s",
        docs / (analysis + json)
    );
}
