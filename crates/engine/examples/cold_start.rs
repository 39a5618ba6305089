//! What the first analysis costs over later ones (tables and automata are built on first
//! use): `cargo run -p newsgauge-engine --profile native-release --example cold_start`.
//!
//! Prints the wall time of the first `analyze` of a short article (which builds every
//! table), then the median of later analyses of the same text.

use std::time::Instant;

use newsgauge_engine::{analyze, Article};

const TEXT: &str = "Alphabet shares fell 3% after the European Commission opened an antitrust probe into Google's advertising business, people familiar with the matter said. Microsoft reported quarterly revenue of $65.6 billion, beating analyst estimates.";

fn main() {
    let article = Article::new(Some("Google faces EU probe"), TEXT);
    let t = Instant::now();
    let first = analyze(&article);
    let cold = t.elapsed();
    let mut warm: Vec<f64> = (0..51)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(analyze(&article));
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    warm.sort_by(f64::total_cmp);
    println!(
        "first analysis: {:.1} ms; later (median of 51): {:.3} ms; tickers found: {}",
        cold.as_secs_f64() * 1e3,
        warm[25],
        first.ticker_sentiment.len()
    );
}
