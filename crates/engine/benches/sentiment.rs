//! Sentiment speed alone: segmentation + `sentiment::score` on a 1,000-word article built
//! from the engine bench's kind of financial paragraphs (deterministic).
//!
//! Run: `cargo bench -p newsgauge-engine --bench sentiment` (add `-- --quick` for a short run).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use newsgauge_engine::{sentiment, Doc};

const PARAGRAPHS: &[&str] = &[
    "Acme Corp. reported third-quarter revenue of $85.8 billion, up 5% from a year earlier, beating analysts' estimates of $84.5 billion. Earnings per share rose to $1.40.",
    "Shares of Globex fell 7.3% in premarket trading on Thursday after the company missed delivery forecasts and warned that margins would remain under pressure.",
    "Initech cut its full-year guidance, citing weaker consumer spending and rising costs. Operating income is now expected at $2 billion to $5 billion, down from $4 billion to $8 billion.",
    "\"We are disappointed by the court's decision and intend to appeal,\" a spokesperson said after a jury ordered the company to pay $2.1 billion in damages.",
    "The board raised its dividend and announced a $25 billion share buyback, although analysts said growth may slow next year.",
    "This article is for information only. Request a demo to see how our platform can help your team. All rights reserved.",
];

fn article(words: usize) -> String {
    let mut out = String::new();
    let mut n = 0;
    let mut i = 0;
    while n < words {
        let p = PARAGRAPHS[i % PARAGRAPHS.len()];
        n += p.split_whitespace().count();
        out.push_str(p);
        out.push_str("\n\n");
        i += 1;
    }
    out
}

fn bench_sentiment(c: &mut Criterion) {
    let body = article(1_000);
    c.bench_function("sentiment/article_words/1000", |b| {
        b.iter(|| {
            let doc = Doc::new("Acme beats estimates, raises dividend", black_box(&body));
            sentiment::score(&doc)
        })
    });
}

criterion_group!(benches, bench_sentiment);
criterion_main!(benches);
