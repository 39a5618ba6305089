//! Properties of the market-impact model (docs/impact-model.md): the orderings any analyst
//! would agree with, and monotonicity in every factor.

use newsgauge_engine::events::{self, Detected, EVENTS};
use newsgauge_engine::impact::{score_with, TOPIC_FLOOR};
use newsgauge_engine::tickers::SizeTier;
use newsgauge_engine::{analyze, Article, Event, Sentiment, Span, TickerSentiment};
use proptest::prelude::*;

fn sentiment(score: f32) -> Sentiment {
    Sentiment {
        score,
        label: newsgauge_engine::label_for(score).to_owned(),
        confidence: 0.5,
        reliable: true,
    }
}

fn ticker(t: &str, relevance: f32) -> TickerSentiment {
    TickerSentiment {
        ticker: t.to_owned(),
        name: t.to_owned(),
        exchange: "NASDAQ".to_owned(),
        score: 0.0,
        label: "neutral".to_owned(),
        relevance_score: relevance,
        mentions: vec![Span::body(0, t.len())],
        explanations: vec![],
    }
}

fn event(kind: &str, certainty: f32, intensity: f32, tickers: &[&str]) -> Detected {
    let def = EVENTS
        .iter()
        .position(|e| e.kind == kind)
        .expect("known kind");
    Detected {
        event: Event {
            kind: kind.to_owned(),
            span: Span::body(0, 1),
            certainty,
            tickers: tickers.iter().map(|t| (*t).to_owned()).collect(),
            rule: EVENTS[def].rule.into(),
        },
        def,
        intensity,
        sentence: (0, 1),
    }
}

fn tier_of(t: SizeTier) -> impl Fn(&str) -> SizeTier {
    move |_| t
}

/// One event about one company with everything else fixed.
fn one(kind: &str, tier: SizeTier, relevance: f32, certainty: f32, sent: f32) -> f32 {
    let tk = [ticker("ACME", relevance)];
    score_with(
        &[event(kind, certainty, 1.0, &["ACME"])],
        &tk,
        &sentiment(sent),
        &[],
        &tier_of(tier),
    )
    .score
}

#[test]
fn analyst_ordering_holds_for_a_mega_cap() {
    let m = |kind: &str, intensity: f32| {
        let tk = [ticker("ACME", 0.9)];
        score_with(
            &[event(kind, 0.95, intensity, &["ACME"])],
            &tk,
            &sentiment(-0.5),
            &[],
            &tier_of(SizeTier::Mega),
        )
        .score
    };
    let bankruptcy = m("bankruptcy", 1.0);
    let shock = m("earnings_miss", 1.25);
    let tweak = m("guidance_cut", 0.6);
    let launch = m("product_launch", 1.0);
    let office = m("facility_opening", 1.0);
    let recipe = score_with(&[], &[], &sentiment(0.0), &[], &tier_of(SizeTier::Mega)).score;
    assert!(
        bankruptcy > tweak && shock > tweak,
        "{bankruptcy} {shock} {tweak}"
    );
    assert!(tweak > launch, "{tweak} {launch}");
    assert!(launch > office, "{launch} {office}");
    assert!(office > recipe, "{office} {recipe}");
    assert_eq!(recipe, 0.0);
}

#[test]
fn analyst_ordering_holds_end_to_end_on_text() {
    let s = |title: &str, body: &str| analyze(&Article::new(Some(title), body)).impact.score;
    let bankruptcy = s(
        "Apple files for bankruptcy",
        "Apple Inc. filed for Chapter 11 bankruptcy protection on Monday. Shares plunged 60% before the open.",
    );
    let tweak = s(
        "Apple trims its outlook",
        "Apple Inc. trimmed its full-year forecast slightly on Thursday.",
    );
    let launch = s(
        "Apple unveils a new iPhone",
        "Apple Inc. unveiled a new iPhone on Tuesday at its annual event.",
    );
    let office = s(
        "Apple opens office in Austin",
        "Apple Inc. opened a new office in Austin on Monday.",
    );
    let recipe = s(
        "Apple pie",
        "Slice the apples, add sugar and bake for forty minutes until golden.",
    );
    assert!(bankruptcy > tweak, "{bankruptcy} {tweak}");
    assert!(tweak > launch, "{tweak} {launch}");
    assert!(launch > office, "{launch} {office}");
    assert!(office > recipe, "{office} {recipe}");
    assert!(recipe < 0.05, "a recipe scores near zero: {recipe}");
}

#[test]
fn hedged_allegations_score_below_the_same_confirmed_facts() {
    let s = |body: &str| analyze(&Article::new(None, body)).impact.score;
    let hedged = s(
        "Acme Corp may have misused customer data, according to people familiar with the matter.",
    );
    let confirmed = s("Acme Corp misused customer data, regulators found.");
    assert!(hedged < confirmed, "{hedged} {confirmed}");
}

#[test]
fn non_financial_text_scores_near_zero() {
    for body in [
        "The home team won the championship on Saturday night. Fans celebrated until dawn.",
        "Our hiking trail winds through pine forests and past two quiet lakes.",
        "Mix the flour and butter, then bake for twenty minutes.",
    ] {
        let a = analyze(&Article::new(None, body));
        assert!(a.impact.score < 0.05, "{body}: {}", a.impact.score);
        assert!(a.key_decisions.is_empty(), "{body}: {:?}", a.key_decisions);
    }
}

#[test]
fn passing_mentions_and_smaller_companies_matter_less() {
    assert!(
        one("earnings_miss", SizeTier::Mega, 0.9, 0.95, -0.5)
            > one("earnings_miss", SizeTier::Small, 0.9, 0.95, -0.5)
    );
    assert!(
        one("earnings_miss", SizeTier::Mega, 0.9, 0.95, -0.5)
            > one("earnings_miss", SizeTier::Mega, 0.1, 0.95, -0.5)
    );
}

#[test]
fn topic_floor_is_small() {
    let topics = [newsgauge_engine::Topic {
        id: "markets".into(),
        name: "Financial Markets".into(),
        relevance_score: 1.0,
    }];
    let s = score_with(
        &[],
        &[],
        &sentiment(-1.0),
        &topics,
        &tier_of(SizeTier::Unknown),
    )
    .score;
    assert!(s > 0.0 && s <= TOPIC_FLOOR, "{s}");
}

/// Sentences to assemble random articles from: financial events, hedges, noise.
const SENTENCES: &[&str] = &[
    "Apple Inc. filed for bankruptcy protection on Monday.",
    "Microsoft may have misused customer data, according to people familiar with the matter.",
    "The Federal Reserve raised interest rates by a quarter point.",
    "Nike trimmed its full-year forecast slightly.",
    "Shares of Tesla plunged 12% after the company missed estimates.",
    "The weather was mild and the park was full of families.",
    "Analysts upgraded Intel to buy and raised the price target.",
    "The union called a strike at the Boeing plant.",
    "She baked bread and walked the dog.",
    "OPEC agreed to cut crude oil output.",
    "Acme Corp opened a new office in Austin.",
];

fn tiers() -> impl Strategy<Value = SizeTier> {
    prop_oneof![
        Just(SizeTier::Unknown),
        Just(SizeTier::Small),
        Just(SizeTier::Mid),
        Just(SizeTier::Large),
        Just(SizeTier::Mega)
    ]
}

fn tier_rank(t: SizeTier) -> u8 {
    match t {
        SizeTier::Small => 0,
        SizeTier::Unknown => 1,
        SizeTier::Mid => 2,
        SizeTier::Large => 3,
        SizeTier::Mega => 4,
    }
}

proptest! {
    #[test]
    fn score_is_in_unit_interval_and_monotone_in_each_factor(
        kind in 0usize..EVENTS.len(),
        rel in 0.01f32..1.0, d_rel in 0.0f32..0.5,
        cert in 0.15f32..1.0, d_cert in 0.0f32..0.5,
        sent in -1.0f32..1.0, d_sent in 0.0f32..0.5,
        t1 in tiers(), t2 in tiers(),
    ) {
        let k = EVENTS[kind].kind;
        let base = one(k, t1, rel, cert, sent);
        prop_assert!((0.0..=1.0).contains(&base));
        prop_assert!(one(k, t1, (rel + d_rel).min(1.0), cert, sent) >= base);
        prop_assert!(one(k, t1, rel, (cert + d_cert).min(1.0), sent) >= base);
        let louder = if sent >= 0.0 { (sent + d_sent).min(1.0) } else { (sent - d_sent).max(-1.0) };
        prop_assert!(one(k, t1, rel, cert, louder) >= base);
        if tier_rank(t2) >= tier_rank(t1) {
            prop_assert!(one(k, t2, rel, cert, sent) >= base);
        }
    }

    #[test]
    fn adding_an_event_or_a_company_never_lowers_the_score(
        a in 0usize..EVENTS.len(), b in 0usize..EVENTS.len(), cert in 0.15f32..1.0, sent in -1.0f32..1.0,
    ) {
        let tk1 = [ticker("ACME", 0.8)];
        let tk2 = [ticker("ACME", 0.8), ticker("WIDG", 0.4)];
        let e1 = [event(EVENTS[a].kind, cert, 1.0, &["ACME"])];
        let e2 = [event(EVENTS[a].kind, cert, 1.0, &["ACME"]), event(EVENTS[b].kind, cert, 1.0, &["ACME"])];
        let tier = tier_of(SizeTier::Large);
        let s1 = score_with(&e1, &tk1, &sentiment(sent), &[], &tier).score;
        prop_assert!(score_with(&e2, &tk1, &sentiment(sent), &[], &tier).score >= s1);
        prop_assert!(score_with(&e1, &tk2, &sentiment(sent), &[], &tier).score >= s1);
    }

    #[test]
    fn decisions_are_none_or_two_to_four_and_the_summary_is_extractive(
        sentences in prop::collection::vec(prop::sample::select(SENTENCES), 0..8)
    ) {
        let body = sentences.join(" ");
        let a = analyze(&Article::new(None, &body));
        let n = a.key_decisions.len();
        prop_assert!(n == 0 || (2..=4).contains(&n), "{n}: {:?}", a.key_decisions);
        prop_assert!((0.0..=1.0).contains(&a.impact.score));
        if body.trim().is_empty() {
            prop_assert_eq!(a.summary.as_str(), "");
        } else {
            let (extract, _) = a.summary.split_once("The overall sentiment from these signals is ").expect("signal");
            for (s, e) in newsgauge_engine::text::sentences(extract) {
                prop_assert!(body.contains(&extract[s..e]), "invented: {}", &extract[s..e]);
            }
        }
    }

    #[test]
    fn events_detect_never_panics_and_spans_are_valid(s in "\\PC{0,200}") {
        let doc = newsgauge_engine::Doc::new("", &s);
        for d in events::detect(&doc, &[], &[]) {
            prop_assert!(s.is_char_boundary(d.event.span.start) && s.is_char_boundary(d.event.span.end));
        }
    }
}
