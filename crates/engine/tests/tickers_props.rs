//! Properties of ticker resolution on generated text mixing company names, symbols, traps
//! and non-ASCII characters: spans are valid char-boundary ranges of their field, scores
//! stay in range, rows are sorted, and the output is deterministic.

use newsgauge_engine::{analyze, Article, Field};
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "Apple",
    "apple",
    "Apple Inc.",
    "$AAPL",
    "(NASDAQ: MSFT)",
    "Microsoft Corp",
    "Google",
    "YouTube",
    "Berkshire",
    "TSMC",
    "the iPhone maker",
    "ChatGPT maker",
    "Target",
    "target",
    "Gap",
    "Shell",
    "IT",
    "ALL",
    "ON",
    "AI",
    "CEO",
    "gold",
    "Goldman Sachs",
    "Share to Facebook",
    "LON:BP",
    "shares",
    "rose",
    "fell",
    "while",
    "but",
    ";",
    ",",
    ".",
    "\n",
    " ",
    "Ünïcödé",
    "株価",
    "😀",
    "—",
    "(",
    ")",
    ":",
    "$",
    "Inc.",
    "Delta",
    "variant",
    "Nvidia",
    "beat",
    "missed",
    "estimates",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40).prop_map(|v| {
        let mut s = String::new();
        for (i, f) in v.iter().enumerate() {
            s.push_str(f);
            if i % 3 != 2 {
                s.push(' ');
            }
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn spans_scores_order_and_determinism(title in text(), body in text()) {
        let article = Article::new(Some(&title), &body);
        let a = analyze(&article);
        let field_text = |f: Field| if f == Field::Title { title.as_str() } else { body.as_str() };
        for t in &a.ticker_sentiment {
            prop_assert!(t.relevance_score > 0.0 && t.relevance_score <= 1.0, "{}", t.relevance_score);
            prop_assert!((-1.0..=1.0).contains(&t.score));
            prop_assert!(!t.mentions.is_empty());
            for m in &t.mentions {
                let s = field_text(m.field);
                prop_assert!(m.start < m.end && m.end <= s.len());
                prop_assert!(s.is_char_boundary(m.start) && s.is_char_boundary(m.end));
            }
        }
        for e in &a.entities {
            prop_assert!(e.kind == "public" || e.kind == "private");
            prop_assert_eq!(e.kind == "private", e.tickers.is_empty());
            for m in &e.mentions {
                let s = field_text(m.field);
                prop_assert!(s.is_char_boundary(m.start) && s.is_char_boundary(m.end) && m.end <= s.len());
            }
        }
        for w in a.ticker_sentiment.windows(2) {
            prop_assert!(
                w[0].relevance_score > w[1].relevance_score
                    || w[0].relevance_score == w[1].relevance_score && w[0].ticker < w[1].ticker
            );
        }
        prop_assert_eq!(a, analyze(&article));
    }
}
