//! A steady loop of full analyses for profilers (`perf record`, `valgrind --tool=callgrind`):
//! `cargo run -p newsgauge-engine --profile native-release --example profile -- [words] [iterations]`.
//!
//! The article is the browser benchmark's paragraph pool (bench/browser.mjs) repeated to
//! `words` words (default 1,000), analysed `iterations` times (default 200).

use std::time::Instant;

use newsgauge_engine::{analyze, Article};

const PARAGRAPHS: &[&str] = &[
    "Alphabet shares fell 3% after the European Commission opened an antitrust probe into Google's advertising business, people familiar with the matter said.",
    "Microsoft reported quarterly revenue of $65.6 billion, beating analyst estimates, as demand for Azure cloud services and AI tools remained strong.",
    "Apple Inc. said iPhone sales in China declined for a third quarter, while its services revenue rose to a record.",
    "The Federal Reserve held interest rates steady and signalled that two cuts remain possible this year if inflation keeps easing.",
    "Oil prices climbed after OPEC+ agreed to extend production cuts, lifting shares of Exxon Mobil and Chevron.",
    "JPMorgan Chase (NYSE: JPM) raised its dividend and announced a $30 billion share buyback after passing the stress test.",
    "Tesla missed delivery expectations and cut its full-year guidance, sending $TSLA lower in premarket trading.",
    "Nvidia unveiled a new data-centre chip, and analysts at several banks raised their price targets on the stock.",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let words: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let iterations: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let mut parts = Vec::new();
    let mut n = 0;
    for i in 0.. {
        if n >= words {
            break;
        }
        let p = PARAGRAPHS[i % PARAGRAPHS.len()];
        n += p.split_whitespace().count();
        parts.push(p);
    }
    let article = Article::new(None, &parts.join(" "));
    let t = Instant::now();
    std::hint::black_box(analyze(&article));
    let first = t.elapsed();
    let mut times: Vec<f64> = (0..iterations)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(analyze(&article));
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "{words} words: first {:.2} ms, median of {iterations} {:.3} ms",
        first.as_secs_f64() * 1e3,
        times[times.len() / 2]
    );
}
