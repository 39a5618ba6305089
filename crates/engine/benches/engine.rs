//! Engine speed: one sentence, a 1,000-word and a 10,000-word article, and a feed of 100
//! articles, each fully analysed (`newsgauge_engine::analyze`).
//!
//! Run: `cargo bench -p newsgauge-engine --bench engine` (add `-- --quick` for a short run).
//! Texts are generated deterministically from the paragraphs below, so runs compare.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use newsgauge_engine::{analyze, Article};

/// Realistic financial-news paragraphs: earnings, guidance, M&A, litigation, macro,
/// commodities, currencies, boilerplate, with tickers, numbers, abbreviations and quotes.
const PARAGRAPHS: &[&str] = &[
    "Apple Inc. (NASDAQ: AAPL) reported fiscal third-quarter revenue of $85.8 billion, up 5% from a year earlier, beating analysts' estimates of $84.5 billion. Earnings per share rose to $1.40, while services revenue hit an all-time high of $24.2 billion.",
    "Shares of Tesla fell 7.3% in premarket trading on Thursday after the electric-vehicle maker missed Wall Street's delivery forecasts and warned that margins would remain under pressure through the rest of the year.",
    "Microsoft Corp. said it would acquire Activision Blizzard for $68.7 billion in an all-cash deal, the largest acquisition in the company's history. The transaction is expected to close in fiscal 2023, subject to regulatory approval.",
    "The U.S. Federal Reserve raised its benchmark interest rate by 25 basis points to a range of 5.25% to 5.5%, the highest level in 22 years, and left the door open to further tightening if inflation does not cool.",
    "Brent crude futures climbed $1.12, or 1.4%, to $82.43 a barrel after OPEC+ agreed to extend production cuts into next year, tightening supplies just as demand from China showed signs of recovering.",
    "\"We are disappointed by the court's decision and intend to appeal,\" a spokesperson for Johnson & Johnson said after a jury ordered the company to pay $2.1 billion in damages in a product-liability lawsuit.",
    "Amazon.com Inc. cut its full-year guidance, citing weaker consumer spending and rising fulfilment costs. The company now expects operating income of $2 billion to $5 billion, down from a previous range of $4 billion to $8 billion.",
    "Nvidia's data-center revenue more than doubled to $10.3 billion as cloud providers raced to buy its H100 chips for artificial-intelligence workloads, and the company raised its dividend and announced a $25 billion share buyback.",
    "The euro weakened 0.6% against the dollar to $1.0712 after German industrial output unexpectedly contracted for a third month, adding to fears that Europe's largest economy is sliding into recession.",
    "Wheat futures on the Chicago Board of Trade jumped 4% to $6.85 a bushel after Russia suspended a deal that allowed Ukrainian grain exports through Black Sea ports, raising concerns about global food supplies.",
    "Boeing Co. said it would lay off about 2,000 white-collar employees in finance and human resources this year, as the planemaker seeks to cut costs while it ramps up production of its 737 MAX jets.",
    "Credit Suisse shares plunged as much as 30% to a record low after its largest shareholder ruled out providing more funding, reigniting concerns about the health of the Swiss bank and the wider financial sector.",
    "JPMorgan Chase & Co. posted record quarterly profit of $14.5 billion as higher interest rates lifted net interest income, though Chief Executive Jamie Dimon cautioned that the economy faces significant headwinds.",
    "Alphabet Inc. disclosed that hackers had gained access to internal systems in a data breach affecting some customer records. The company said it had notified regulators and did not expect a material impact on its results.",
    "The Securities and Exchange Commission charged the company's former chief financial officer with securities fraud, alleging he inflated revenue by $300 million over three years to meet quarterly targets.",
    "Toyota Motor Corp. raised its annual operating profit forecast to 4.5 trillion yen, helped by a weaker yen and a recovery in vehicle production after a prolonged semiconductor shortage eased.",
    "Retail sales in the U.K. rose 0.7% in June, beating economists' expectations of a 0.2% gain, as warm weather boosted spending on food and clothing, the Office for National Statistics said.",
    "Pfizer Inc. said the U.S. Food and Drug Administration approved its respiratory syncytial virus vaccine for adults aged 60 and older, opening a market analysts estimate could be worth $5 billion a year.",
    "This article is for information only and does not constitute investment advice. Request a demo to see how our platform can help your team. Copyright 2024 Newswire Inc. All rights reserved.",
    "Analysts at Goldman Sachs downgraded the stock to sell from neutral and cut their price target to $45 from $60, saying competition in the budget segment would erode market share over the next two years.",
];

/// Headlines for the generated articles.
const TITLES: &[&str] = &[
    "Apple beats estimates as services revenue hits record",
    "Tesla shares slide after delivery miss",
    "Microsoft to buy Activision Blizzard for $68.7 billion",
    "Fed raises rates to 22-year high",
    "Oil climbs as OPEC+ extends output cuts",
    "Amazon cuts guidance on weak consumer spending",
];

/// One sentence, a typical headline-sized input.
const SENTENCE: &str =
    "Acme Corp. shares plunged 12% after the company cut its full-year guidance and missed analysts' estimates.";

/// Deterministic generator (SplitMix64) so every run benchmarks the same texts.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// An article of exactly `words` words: paragraphs drawn at random, joined by blank lines,
/// cut at the last word needed.
fn article(rng: &mut SplitMix64, words: usize) -> Article {
    let mut text = String::new();
    let mut count = 0;
    while count < words {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let p = PARAGRAPHS[rng.below(PARAGRAPHS.len())];
        for w in p.split(' ') {
            if count == words {
                break;
            }
            if !text.is_empty() && !text.ends_with('\n') {
                text.push(' ');
            }
            text.push_str(w);
            count += 1;
        }
    }
    let title = TITLES[rng.below(TITLES.len())];
    Article::new(Some(title), &text)
}

fn bench_engine(c: &mut Criterion) {
    let mut rng = SplitMix64(0x6E65_7773_6761_7567);
    let mut group = c.benchmark_group("analyze");

    let sentence = Article::new(None, SENTENCE);
    group.throughput(Throughput::Elements(1));
    group.bench_function("sentence", |b| b.iter(|| analyze(black_box(&sentence))));

    for words in [1_000, 10_000] {
        let a = article(&mut rng, words);
        assert_eq!(
            a.text.split_whitespace().count(),
            words,
            "generator gives exact sizes"
        );
        group.throughput(Throughput::Bytes(a.text.len() as u64));
        group.bench_with_input(BenchmarkId::new("article_words", words), &a, |b, a| {
            b.iter(|| analyze(black_box(a)))
        });
    }

    // A news feed: 100 articles of 150 to 900 words (typical wire-story lengths).
    let feed: Vec<Article> = (0..100)
        .map(|_| {
            let words = 150 + rng.below(750);
            article(&mut rng, words)
        })
        .collect();
    group.throughput(Throughput::Elements(feed.len() as u64));
    group.bench_function("feed_100_articles", |b| {
        b.iter(|| {
            feed.iter()
                .map(|a| analyze(black_box(a)).sentences.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_engine);
criterion_main!(benches);
