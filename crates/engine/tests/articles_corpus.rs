//! A hand-written corpus of short articles, each with the topics, events and impact band an
//! analyst would expect. It protects topic classification, event detection, the impact
//! model's bands, the extractive summary and the key decisions end to end through
//! `analyze()`.
//!
//! Bands are wide enough not to depend on ticker resolution or the exact sentiment model
//! (prominence and sentiment only scale an event within its band); the ordering of bands is
//! pinned more tightly in `impact_props.rs`.

use newsgauge_engine::{analyze, rules, Article, Field};

const LEVELS: &[&str] = &["negligible", "low", "moderate", "high", "very high"];

struct Case {
    name: &'static str,
    title: &'static str,
    body: &'static str,
    topics: &'static [&'static str],
    events: &'static [&'static str],
    /// Inclusive range of impact levels.
    band: (&'static str, &'static str),
    /// Whether investors get key decisions (false: nothing financial to say).
    financial: bool,
}

const CORPUS: &[Case] = &[
    Case {
        name: "mega-cap bankruptcy",
        title: "Apple files for Chapter 11 bankruptcy protection",
        body: "Apple Inc. filed for Chapter 11 bankruptcy protection on Monday, stunning investors. \
               Shares plunged 60% in premarket trading as creditors prepared claims. \
               The company said its stores would remain open during the restructuring.",
        topics: &["bankruptcy"],
        events: &["bankruptcy"],
        band: ("moderate", "very high"),
        financial: true,
    },
    Case {
        name: "earnings miss",
        title: "Microsoft misses estimates as cloud growth slows",
        body: "Microsoft reported quarterly revenue that missed estimates, as growth in its cloud business slowed. \
               Net income fell 12% from a year earlier. Shares fell 8% in after-hours trading.",
        topics: &["earnings"],
        events: &["earnings_miss"],
        band: ("low", "very high"),
        financial: true,
    },
    Case {
        name: "guidance tweak",
        title: "Nike trims its full-year outlook",
        body: "Nike trimmed its full-year forecast slightly on Thursday, citing softer demand in China. \
               The sportswear maker still expects revenue to grow this year.",
        topics: &[],
        events: &["guidance_cut"],
        band: ("low", "high"),
        financial: true,
    },
    Case {
        name: "product launch",
        title: "Samsung unveils new foldable smartphone",
        body: "Samsung unveiled a new foldable smartphone on Wednesday with a larger screen and longer battery life. \
               The device goes on sale next month in the United States and Europe.",
        topics: &["technology"],
        events: &["product_launch"],
        band: ("negligible", "moderate"),
        financial: true,
    },
    Case {
        name: "office opening",
        title: "Software firm opens office in Austin",
        body: "The software company opened a new office in Austin on Tuesday. \
               About forty employees will work there, the company said.",
        topics: &[],
        events: &["facility_opening"],
        band: ("negligible", "low"),
        financial: true,
    },
    Case {
        name: "recipe",
        title: "Grandma's apple pie",
        body: "Mix the flour, butter and a pinch of salt until crumbly. \
               Slice six apples, add cinnamon and sugar, and bake for forty minutes until golden.",
        topics: &[],
        events: &[],
        band: ("negligible", "negligible"),
        financial: false,
    },
    Case {
        name: "central-bank rate hike",
        title: "Fed raises interest rates by half a point",
        body: "The Federal Reserve raised interest rates by 50 basis points on Wednesday, its biggest move in two decades. \
               Policymakers signalled more increases to fight inflation. Stocks fell and Treasury yields rose.",
        topics: &["monetary_policy"],
        events: &["rate_hike"],
        band: ("moderate", "very high"),
        financial: true,
    },
    Case {
        name: "hedged data-misuse allegations",
        title: "Google and Microsoft accused of data misuse",
        body: "Regulators accused Google and Microsoft of misusing user data, according to people familiar with the matter. \
               Both companies may face heightened security costs. Microsoft denied any wrongdoing.",
        topics: &["cybersecurity"],
        events: &["allegation", "data_breach"],
        band: ("low", "high"),
        financial: true,
    },
    Case {
        name: "large acquisition",
        title: "Broadcom agrees to acquire VMware for $61 billion",
        body: "Broadcom agreed to acquire VMware for about $61 billion in cash and stock, one of the largest technology deals ever. \
               The acquisition still needs approval from antitrust regulators in the United States and Europe.",
        topics: &["mergers_acquisitions"],
        events: &["merger_acquisition"],
        band: ("low", "very high"),
        financial: true,
    },
    Case {
        name: "strike and layoffs",
        title: "Boeing workers go on strike as company plans layoffs",
        body: "Thousands of Boeing machinists went on strike on Friday after rejecting a contract offer. \
               The planemaker said it would announce layoffs if the walkout drags on. \
               The union represents about 33,000 workers.",
        topics: &["labor"],
        events: &["strike", "layoffs"],
        band: ("low", "very high"),
        financial: true,
    },
    Case {
        name: "dividend cut",
        title: "Intel cuts its dividend to conserve cash",
        body: "Intel cut its dividend by two-thirds on Wednesday to conserve cash for new chip factories. \
               The chipmaker said the quarterly payout would fall to 12.5 cents a share.",
        topics: &["capital_returns"],
        events: &["dividend_cut"],
        band: ("low", "very high"),
        financial: true,
    },
    Case {
        name: "analyst downgrade",
        title: "Goldman downgrades Tesla to sell",
        body: "Goldman Sachs downgraded Tesla shares to sell and cut its price target to $150, citing weaker demand. \
               The analyst said margins could shrink further this year.",
        topics: &["analyst_ratings"],
        events: &["analyst_downgrade"],
        band: ("low", "high"),
        financial: true,
    },
    Case {
        name: "tariffs",
        title: "U.S. imposes tariffs on Chinese steel",
        body: "The United States imposed tariffs on Chinese steel imports on Monday, escalating the trade war. \
               Beijing said it would respond with retaliatory tariffs on American farm goods.",
        topics: &["trade"],
        events: &["sanctions_tariffs"],
        band: ("low", "very high"),
        financial: true,
    },
    Case {
        name: "IPO",
        title: "Arm raises $4.9 billion in year's biggest IPO",
        body: "Arm Holdings raised $4.9 billion in its initial public offering, the largest listing of the year. \
               The chip designer's shares rose 25% in their market debut on the Nasdaq.",
        topics: &["ipo"],
        events: &["ipo"],
        band: ("low", "very high"),
        financial: true,
    },
    Case {
        name: "product recall",
        title: "Carmaker recalls 500,000 vehicles over faulty airbags",
        body: "The carmaker will recall about 500,000 vehicles because faulty airbags may fail to deploy, the safety regulator said. \
               Dealers will replace the parts for free.",
        topics: &["transportation"],
        events: &["recall"],
        band: ("low", "high"),
        financial: true,
    },
    Case {
        name: "CEO departure",
        title: "Disney chief executive steps down",
        body: "Disney's chief executive stepped down on Sunday after a proxy fight with activist investors. \
               The board named a former executive as interim successor while it searches for a permanent leader.",
        topics: &["management"],
        events: &["executive_departure"],
        band: ("low", "very high"),
        financial: true,
    },
    Case {
        name: "crypto rally without an event",
        title: "Bitcoin tops $100,000 as crypto rally broadens",
        body: "Bitcoin rose above $100,000 for the first time as cryptocurrency exchanges reported record volumes. \
               Other tokens such as ether also gained on the blockchain.",
        topics: &["crypto"],
        events: &[],
        band: ("negligible", "low"),
        financial: true,
    },
    Case {
        name: "sports report",
        title: "Home team wins the championship",
        body: "The home team won the championship on Saturday night in front of a sold-out crowd. \
               Fans celebrated in the streets until dawn.",
        topics: &[],
        events: &[],
        band: ("negligible", "negligible"),
        financial: false,
    },
];

fn level_index(l: &str) -> usize {
    LEVELS
        .iter()
        .position(|x| *x == l)
        .unwrap_or_else(|| panic!("unknown level {l}"))
}

#[test]
fn corpus_articles_get_their_expected_topics_events_and_impact_band() {
    assert!(CORPUS.len() >= 15);
    let mut failures = Vec::new();
    for c in CORPUS {
        let a = analyze(&Article::new(Some(c.title), c.body));
        let topics: Vec<&str> = a.topics.iter().map(|t| t.id.as_str()).collect();
        let kinds: Vec<&str> = a.events.iter().map(|e| e.kind.as_str()).collect();
        for t in c.topics {
            if !topics.contains(t) {
                failures.push(format!("{}: missing topic {t}, got {topics:?}", c.name));
            }
        }
        if c.topics.is_empty() && !c.financial && !topics.is_empty() {
            failures.push(format!("{}: expected no topics, got {topics:?}", c.name));
        }
        for e in c.events {
            if !kinds.contains(e) {
                failures.push(format!("{}: missing event {e}, got {kinds:?}", c.name));
            }
        }
        if c.events.is_empty() && !kinds.is_empty() {
            failures.push(format!("{}: expected no events, got {kinds:?}", c.name));
        }
        let (lo, hi) = (level_index(c.band.0), level_index(c.band.1));
        let got = level_index(&a.impact.level);
        if got < lo || got > hi {
            failures.push(format!(
                "{}: impact {} ({}) outside {:?}",
                c.name, a.impact.score, a.impact.level, c.band
            ));
        }
        let n = a.key_decisions.len();
        if c.financial && !(2..=4).contains(&n) {
            failures.push(format!(
                "{}: {n} key decisions: {:?}",
                c.name, a.key_decisions
            ));
        }
        if !c.financial && n != 0 {
            failures.push(format!(
                "{}: decisions for a non-financial text: {:?}",
                c.name, a.key_decisions
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn events_name_known_rules_and_valid_spans() {
    for c in CORPUS {
        let a = analyze(&Article::new(Some(c.title), c.body));
        for e in &a.events {
            assert!(
                rules::lookup(&e.rule).is_some(),
                "{}: unknown rule {}",
                c.name,
                e.rule
            );
            let text = if e.span.field == Field::Title {
                c.title
            } else {
                c.body
            };
            assert!(
                e.span.start < e.span.end && e.span.end <= text.len(),
                "{}: {e:?}",
                c.name
            );
            assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
            assert!((0.0..=1.0).contains(&e.certainty));
        }
        for t in &a.topics {
            assert!(
                t.relevance_score > 0.0 && t.relevance_score <= 1.0,
                "{}: {t:?}",
                c.name
            );
        }
    }
}

#[test]
fn summaries_are_extractive_and_end_with_the_signal_sentence() {
    for c in CORPUS {
        let a = analyze(&Article::new(Some(c.title), c.body));
        let (extract, _) = a
            .summary
            .split_once("The overall sentiment from these signals is ")
            .unwrap_or_else(|| panic!("{}: no signal sentence in {:?}", c.name, a.summary));
        let body: String = c.body.split_whitespace().collect::<Vec<_>>().join(" ");
        let picked = newsgauge_engine::text::sentences(extract);
        assert!(
            !picked.is_empty() && picked.len() <= 4,
            "{}: {}",
            c.name,
            a.summary
        );
        for (s, e) in picked {
            assert!(
                body.contains(&extract[s..e]),
                "{}: not from the article: {:?}",
                c.name,
                &extract[s..e]
            );
        }
        if !c.events.is_empty() {
            assert!(a.summary.contains("driven by"), "{}: {}", c.name, a.summary);
        }
    }
    assert_eq!(analyze(&Article::new(None, "")).summary, "");
}
