//! Ticker resolution speed: 10,000-word articles with hundreds (typical) and thousands
//! (dense) of company mentions: names, brands, ambiguous names, cashtags and
//! exchange-qualified symbols. `find_mentions` is matching alone; `resolve` adds relevance
//! and per-clause sentiment. `load_master` is the one-off cost of the first analysis
//! (reading the embedded securities master).
//!
//! Run: `cargo bench -p newsgauge-engine --bench tickers` (add `-- --quick` for a short run).
//! The article is generated deterministically from the sentences below.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsgauge_engine::sentiment;
use newsgauge_engine::tickers::{master, mentions, resolve};
use newsgauge_engine::Doc;

/// Sentences dense in company mentions and traps.
const SENTENCES: &[&str] = &[
    "Apple shares rose 2% after the iPhone maker beat estimates, while Microsoft Corp. slipped.",
    "Alphabet said Google Cloud and YouTube revenue grew, and Amazon (NASDAQ: AMZN) gained.",
    "Traders bought $TSLA and $NVDA calls as Berkshire Hathaway trimmed its stake in Bank of America.",
    "Shares of Target fell after the retailer cut its outlook; Gap and Visa were flat.",
    "TSMC, Samsung and Intel raced to expand capacity as the ChatGPT maker ordered more chips.",
    "Gold prices rose and the dollar weakened, but IT spending and AI budgets held up.",
    "JPMorgan Chase (NYSE: JPM) and Goldman Sachs reported higher trading income.",
    "Share to Facebook. Infosys and Wipro gained while HDFC Bank slipped in Mumbai.",
    "Exxon Mobil, Chevron and Shell rose with oil; BP (LON:BP) raised its dividend.",
    "The central bank kept its inflation target, and analysts expect rates to fall next year.",
];

/// Company-free financial prose that fills the typical article between mentions.
const PLAIN: &[&str] = &[
    "The central bank held rates steady and signalled patience on further cuts.",
    "Bond yields edged lower as inflation data came in slightly below forecasts.",
    "Economists said consumer spending remained resilient despite higher borrowing costs.",
    "Oil prices were little changed after a volatile week of trading in energy markets.",
    "The dollar index slipped against a basket of major currencies in afternoon trade.",
    "Analysts expect earnings growth to slow next year as margins come under pressure.",
    "Manufacturing activity contracted for a third month, a private survey showed.",
    "Investors rotated out of defensive sectors into cyclical stocks during the session.",
];

/// Words in the generated article.
const ARTICLE_WORDS: usize = 10_000;

/// A 10,000-word article; every `plain_per_company`-th sentence is company-free prose.
fn article(plain_per_company: usize) -> String {
    let mut out = String::new();
    let (mut words, mut i, mut k) = (0, 0, 0);
    while words < ARTICLE_WORDS {
        let s = if plain_per_company > 0 && i % (plain_per_company + 1) != 0 {
            k += 1;
            PLAIN[k % PLAIN.len()]
        } else {
            SENTENCES[(i / (plain_per_company + 1)) % SENTENCES.len()]
        };
        out.push_str(s);
        out.push(if i % 5 == 4 { '\n' } else { ' ' });
        words += s.split_whitespace().count();
        i += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("tickers");
    // "typical": one company sentence in four (hundreds of mentions); "dense": every
    // sentence names several companies (thousands of mentions), a stress case.
    for (label, plain) in [("typical", 3), ("dense", 0)] {
        let body = article(plain);
        let doc = Doc::new("Apple and Microsoft lead a broad rally", &body);
        let sent = sentiment::score(&doc);
        // Warm the master once so the loop measures matching, not the one-off load.
        let out = resolve(&doc, &sent);
        let mentions: usize = out.entities.iter().map(|e| e.mentions.len()).sum();
        eprintln!(
            "{label} article: {} words, {} bytes, {} companies, {} mentions",
            body.split_whitespace().count(),
            body.len(),
            out.entities.len(),
            mentions
        );
        g.throughput(Throughput::Bytes(body.len() as u64));
        g.bench_function(format!("find_mentions_10k_words_{label}"), |b| {
            b.iter(|| mentions::find(black_box(&doc)))
        });
        g.bench_function(format!("resolve_10k_words_{label}"), |b| {
            b.iter(|| resolve(black_box(&doc), black_box(&sent)))
        });
    }
    g.sample_size(10);
    g.bench_function("load_master", |b| b.iter(master::load));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
