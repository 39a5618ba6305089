//! Market impact in [0, 1]: a documented, monotone model (docs/impact-model.md).
//!
//! Per event: `severity × intensity × prominence × certainty`. Events combine like
//! independent chances (`1 − Π(1 − cᵢ)`, strongest per kind), then scale by sentiment
//! magnitude and breadth. An article with topics but no event gets a small floor. Every
//! factor is non-decreasing in its input, so the score is too.

use crate::events::{Detected, Polarity};
use crate::sentiment::SentimentOutput;
use crate::tickers::{SizeTier, TickerOutput};
use crate::types::{Event, Impact, ImpactDriver, Sentiment, TickerSentiment, Topic};
use crate::Doc;

/// Everything [`crate::analyze`] needs from topics, events, impact, summary and decisions.
#[derive(Debug, Clone, PartialEq)]
pub struct Signals {
    pub topics: Vec<Topic>,
    pub events: Vec<Event>,
    pub impact: Impact,
    pub summary: String,
    pub key_decisions: Vec<String>,
}

/// Run topics, events, impact, the summary and the key decisions on a prepared article.
pub fn signals(doc: &Doc<'_>, sent: &SentimentOutput, companies: &TickerOutput) -> Signals {
    let topics = crate::topics::classify(doc);
    let found = crate::events::detect(doc, &companies.tickers, &companies.entities);
    let impact = score(&found, &companies.tickers, &sent.overall, &topics);
    let contribs = contributions(&found, &companies.tickers, &crate::tickers::size_tier);
    let summary = crate::summary::summarise(
        doc,
        &sent.overall,
        &sent.sentences,
        &sent.explanations,
        &found,
        &companies.tickers,
    );
    let key_decisions = crate::decisions::decide(
        &found,
        &contribs,
        &companies.tickers,
        &companies.entities,
        &topics,
        &sent.overall,
        &impact,
    );
    Signals {
        topics,
        events: distinct_events(found),
        impact,
        summary,
        key_decisions,
    }
}

/// One event per (kind, tickers): a headline and its body sentence, or a story that repeats
/// "bankruptcy", report one event. The most certain mention is kept, then the earliest.
pub fn distinct_events(found: Vec<Detected>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(found.len());
    for d in found {
        match out
            .iter_mut()
            .find(|e| e.kind == d.event.kind && e.tickers == d.event.tickers)
        {
            Some(e) if e.certainty >= d.event.certainty => {}
            Some(e) => *e = d.event,
            None => out.push(d.event),
        }
    }
    out
}

/// Prominence of a mega-cap (market leaders move indices).
pub const TIER_MEGA: f32 = 1.0;
/// Prominence of a large-cap.
pub const TIER_LARGE: f32 = 0.85;
/// Prominence of a mid-cap.
pub const TIER_MID: f32 = 0.7;
/// Prominence of a small-cap.
pub const TIER_SMALL: f32 = 0.55;
/// A listed company whose size is unknown: between small and mid.
pub const TIER_UNKNOWN: f32 = 0.62;
/// An event with no company named anywhere in the article (a private firm, "a company").
pub const NO_COMPANY: f32 = 0.5;
/// An event that hits a whole market (a rate decision, tariffs) with no company named.
pub const MARKET_WIDE: f32 = 0.9;
/// Centrality weight: prominence = tier × (1 − C + C × relevance), so a passing mention
/// (relevance → 0) keeps 1 − C of a central one.
pub const CENTRALITY_WEIGHT: f32 = 0.4;
/// An event whose sentence names no company, in an article about one, is probably about it:
/// it gets this share of that company's prominence.
pub const INDIRECT: f32 = 0.9;
/// Sentiment factor = S0 + (1 − S0) × |sentiment|: neutral wording keeps S0 of the impact.
pub const SENTIMENT_FLOOR: f32 = 0.6;
/// Breadth raises the score by up to this fraction (many companies, or a market-wide event).
pub const BREADTH_BOOST: f32 = 0.25;
/// Companies beyond the first that make breadth reach 1.
const BREADTH_COMPANIES: f32 = 4.0;
/// Floor for an article with topics but no event: this × the top topic's relevance.
pub const TOPIC_FLOOR: f32 = 0.15;
/// Intensity is capped so a large change cannot exceed severity 1.
const MAX_INTENSITY: f32 = 1.25;

/// Level edges: below NEGLIGIBLE is "negligible", below LOW "low", below MODERATE
/// "moderate", below HIGH "high", else "very high".
pub const LEVEL_NEGLIGIBLE: f32 = 0.1;
/// Upper edge of "low".
pub const LEVEL_LOW: f32 = 0.25;
/// Upper edge of "moderate".
pub const LEVEL_MODERATE: f32 = 0.45;
/// Upper edge of "high".
pub const LEVEL_HIGH: f32 = 0.7;

/// The level word for an impact score.
pub fn level(score: f32) -> &'static str {
    if score < LEVEL_NEGLIGIBLE {
        "negligible"
    } else if score < LEVEL_LOW {
        "low"
    } else if score < LEVEL_MODERATE {
        "moderate"
    } else if score < LEVEL_HIGH {
        "high"
    } else {
        "very high"
    }
}

/// Prominence weight of a size tier.
pub fn tier_weight(t: SizeTier) -> f32 {
    match t {
        SizeTier::Mega => TIER_MEGA,
        SizeTier::Large => TIER_LARGE,
        SizeTier::Mid => TIER_MID,
        SizeTier::Small => TIER_SMALL,
        SizeTier::Unknown => TIER_UNKNOWN,
    }
}

fn tier_name(t: SizeTier) -> &'static str {
    match t {
        SizeTier::Mega => "mega-cap",
        SizeTier::Large => "large-cap",
        SizeTier::Mid => "mid-cap",
        SizeTier::Small => "small-cap",
        SizeTier::Unknown => "listed company",
    }
}

/// Event kinds that move a whole market rather than one company.
pub fn is_market_wide(kind: &str) -> bool {
    matches!(
        kind,
        "rate_hike" | "rate_cut" | "rate_hold" | "sanctions_tariffs"
    )
}

/// One event's contribution and how it was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    /// Index into the events slice.
    pub event: usize,
    pub severity: f32,
    pub prominence: f32,
    pub certainty: f32,
    pub value: f32,
    /// Who the prominence came from ("mega-cap AAPL, central").
    pub who: String,
}

/// Each event's contribution, strongest per kind, strongest first.
pub fn contributions(
    events: &[Detected],
    tickers: &[TickerSentiment],
    tier: &dyn Fn(&str) -> SizeTier,
) -> Vec<Contribution> {
    let top = tickers.iter().max_by(|a, b| {
        a.relevance_score
            .total_cmp(&b.relevance_score)
            .then(b.ticker.cmp(&a.ticker))
    });
    let prominence_of = |t: &TickerSentiment| {
        let tr = tier(&t.ticker);
        let rel = t.relevance_score.clamp(0.0, 1.0);
        let p = tier_weight(tr) * (1.0 - CENTRALITY_WEIGHT + CENTRALITY_WEIGHT * rel);
        let role = if rel >= 0.5 {
            "central"
        } else {
            "passing mention"
        };
        (p, format!("{} {}, {role}", tier_name(tr), t.ticker))
    };
    // Once per ticker, not once per event and ticker (each costs a size lookup and a string).
    let prominence: Vec<(f32, String)> = tickers.iter().map(prominence_of).collect();
    let mut out: Vec<Contribution> = Vec::new();
    for (i, d) in events.iter().enumerate() {
        let def = d.def();
        let severity = (def.severity * d.intensity.clamp(0.0, MAX_INTENSITY)).min(1.0);
        let (prominence, who) = if let Some(best) = tickers
            .iter()
            .zip(&prominence)
            .filter(|(t, _)| d.event.tickers.contains(&t.ticker))
            .map(|(_, p)| p)
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        {
            best.clone()
        } else if let Some(t) = top {
            let (p, w) = prominence_of(t);
            (p * INDIRECT, w)
        } else if is_market_wide(def.kind) {
            (MARKET_WIDE, "the whole market".to_owned())
        } else {
            (NO_COMPANY, "no listed company named".to_owned())
        };
        let certainty = d.event.certainty.clamp(0.0, 1.0);
        let value = severity * prominence * certainty;
        let c = Contribution {
            event: i,
            severity,
            prominence,
            certainty,
            value,
            who,
        };
        match out.iter_mut().find(|o| events[o.event].def == d.def) {
            Some(o) if o.value >= value => {}
            Some(o) => *o = c,
            None => out.push(c),
        }
    }
    crate::sort::sort_by(&mut out, |a, b| {
        b.value.total_cmp(&a.value).then(a.event.cmp(&b.event))
    });
    out
}

/// Score an article's market impact with the engine's size tiers.
pub fn score(
    events: &[Detected],
    tickers: &[TickerSentiment],
    sentiment: &Sentiment,
    topics: &[Topic],
) -> Impact {
    score_with(
        events,
        tickers,
        sentiment,
        topics,
        &crate::tickers::size_tier,
    )
}

/// Score an article's market impact with a given size-tier lookup (for tests).
pub fn score_with(
    events: &[Detected],
    tickers: &[TickerSentiment],
    sentiment: &Sentiment,
    topics: &[Topic],
    tier: &dyn Fn(&str) -> SizeTier,
) -> Impact {
    let contribs = contributions(events, tickers, tier);
    let event_core = 1.0
        - contribs
            .iter()
            .fold(1.0f32, |acc, c| acc * (1.0 - c.value.clamp(0.0, 1.0)));
    let top_topic = topics
        .iter()
        .map(|t| t.relevance_score)
        .fold(0.0f32, f32::max);
    let topic_core = TOPIC_FLOOR * top_topic.clamp(0.0, 1.0);
    let core = event_core.max(topic_core);
    let magnitude = if sentiment.score.is_finite() {
        sentiment.score.abs().min(1.0)
    } else {
        0.0
    };
    let sentiment_factor = SENTIMENT_FLOOR + (1.0 - SENTIMENT_FLOOR) * magnitude;
    // Share classes of one company (GOOG, GOOGL) count once.
    let mut names: Vec<&str> = tickers
        .iter()
        .map(|t| {
            if t.name.is_empty() {
                t.ticker.as_str()
            } else {
                t.name.as_str()
            }
        })
        .collect();
    crate::sort::sort(&mut names);
    names.dedup();
    let companies = names.len() as f32;
    // A market-wide event spreads as far as it is severe and certain: a stated rate hike
    // reaches most of the market, a hedged aside about export controls much less.
    let market = contribs
        .iter()
        .filter(|c| is_market_wide(events[c.event].def().kind))
        .map(|c| c.severity * c.certainty)
        .fold(0.0f32, f32::max);
    let spread = ((companies - 1.0).max(0.0) / BREADTH_COMPANIES).min(1.0);
    let breadth = market.max(spread).min(1.0);
    let market_wide = market > spread;
    let raw = (core * sentiment_factor * (1.0 + BREADTH_BOOST * breadth)).clamp(0.0, 1.0);
    let score = (raw * 1000.0).round() / 1000.0;

    let mut drivers = Vec::new();
    if let Some(c) = contribs.first() {
        let d = &events[c.event];
        let def = d.def();
        let hedged = if c.certainty < 0.6 {
            " (hedged or reported)"
        } else {
            ""
        };
        drivers.push(ImpactDriver {
            factor: "event_severity".to_owned(),
            description: format!("{}{hedged}", capitalise(def.phrase)),
            value: round3(c.severity),
        });
        drivers.push(ImpactDriver {
            factor: "prominence".to_owned(),
            description: capitalise(&c.who),
            value: round3(c.prominence),
        });
        drivers.push(ImpactDriver {
            factor: "certainty".to_owned(),
            description: if c.certainty < 0.6 {
                "Hedged, reported or denied language".to_owned()
            } else {
                "Stated as fact".to_owned()
            },
            value: round3(c.certainty),
        });
        for more in contribs.iter().skip(1).take(2) {
            drivers.push(ImpactDriver {
                factor: "other_event".to_owned(),
                description: capitalise(events[more.event].def().phrase),
                value: round3(more.value),
            });
        }
    } else if top_topic > 0.0 {
        drivers.push(ImpactDriver {
            factor: "topic".to_owned(),
            description: format!(
                "Financial topic ({}) without a market-moving event",
                topics[0].name
            ),
            value: round3(topic_core),
        });
    }
    if core > 0.0 {
        let direction = match (sentiment.score > 0.0, magnitude >= crate::NEUTRAL_BAND) {
            (_, false) => "Neutral wording",
            (true, true) => "Positive wording",
            (false, true) => "Negative wording",
        };
        drivers.push(ImpactDriver {
            factor: "sentiment_magnitude".to_owned(),
            description: direction.to_owned(),
            value: round3(magnitude),
        });
        if breadth > 0.0 {
            drivers.push(ImpactDriver {
                factor: "breadth".to_owned(),
                description: if market_wide {
                    "Market-wide event (rates, tariffs or sanctions)".to_owned()
                } else {
                    format!("{} companies involved", names.len())
                },
                value: round3(breadth),
            });
        }
    }
    Impact {
        score,
        level: level(score).to_owned(),
        drivers,
    }
}

/// The sign an event gives the investor view: +1 opportunity, −1 risk, 0 either.
pub fn direction(d: &Detected) -> i8 {
    match d.def().polarity {
        Polarity::Positive => 1,
        Polarity::Negative => -1,
        Polarity::Neutral => 0,
    }
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Doc;

    fn neutral() -> Sentiment {
        Sentiment {
            score: 0.0,
            label: "neutral".to_owned(),
            confidence: 0.5,
            reliable: true,
        }
    }

    fn impact_of(text: &str) -> Impact {
        let doc = Doc::new("", text);
        let ev = crate::events::detect(&doc, &[], &[]);
        score_with(&ev, &[], &neutral(), &[], &|_| SizeTier::Unknown)
    }

    #[test]
    fn repeated_mentions_of_one_event_are_reported_once_at_their_most_certain() {
        let doc = Doc::new(
            "Acme may file for bankruptcy",
            "Acme filed for bankruptcy protection on Monday. The bankruptcy filing surprised staff.",
        );
        let ev = crate::events::detect(&doc, &[], &[]);
        assert!(ev.iter().filter(|d| d.event.kind == "bankruptcy").count() >= 2);
        let out = distinct_events(ev);
        let b: Vec<&Event> = out.iter().filter(|e| e.kind == "bankruptcy").collect();
        assert_eq!(b.len(), 1, "{out:?}");
        assert_eq!(b[0].span.field, crate::Field::Body);
        assert!((b[0].certainty - crate::events::BASE_CERTAINTY).abs() < 1e-6);
    }

    #[test]
    fn levels_follow_the_documented_edges() {
        assert_eq!(level(0.0), "negligible");
        assert_eq!(level(0.099), "negligible");
        assert_eq!(level(0.1), "low");
        assert_eq!(level(0.25), "moderate");
        assert_eq!(level(0.45), "high");
        assert_eq!(level(0.7), "very high");
        assert_eq!(level(1.0), "very high");
    }

    #[test]
    fn no_event_no_topic_is_zero() {
        let i = impact_of("We baked bread and walked the dog.");
        assert_eq!(i.score, 0.0);
        assert_eq!(i.level, "negligible");
        assert!(i.drivers.is_empty());
    }

    #[test]
    fn event_drivers_are_listed_with_values_in_unit_interval() {
        let i = impact_of("The company filed for bankruptcy protection.");
        assert!(i.score > 0.0);
        let f: Vec<&str> = i.drivers.iter().map(|d| d.factor.as_str()).collect();
        assert!(
            f.contains(&"event_severity") && f.contains(&"prominence") && f.contains(&"certainty"),
            "{f:?}"
        );
        for d in &i.drivers {
            assert!((0.0..=1.0).contains(&d.value), "{d:?}");
        }
    }

    #[test]
    fn market_wide_events_count_as_broad() {
        let i = impact_of("The Federal Reserve raised interest rates by half a point.");
        assert!(
            i.drivers
                .iter()
                .any(|d| d.factor == "breadth" && d.value > 0.6),
            "{:?}",
            i.drivers
        );
    }
}
