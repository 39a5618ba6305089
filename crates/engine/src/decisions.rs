//! Key decisions for investors: 2–4 bullets built from the tickers, events, topics and
//! sentiment of the article. Each names who is concerned, the risk or opportunity and what
//! to watch. None when the article has nothing financial to say. Informational only.

use crate::events::{Detected, Polarity};
use crate::impact::Contribution;
use crate::text::join_and;
use crate::types::{Entity, Impact, Sentiment, TickerSentiment, Topic};

/// At most this many bullets.
const MAX_BULLETS: usize = 4;
/// A topic this relevant with no event still deserves a bullet of its own.
const TOPIC_RELEVANCE: f32 = 0.4;
/// Below this impact score a lone signal is context, not a reason to act.
const LOW_IMPACT: f32 = 0.25;
/// At most this many tickers named in one bullet.
const MAX_NAMED: usize = 3;

/// Topics that expose a whole class of holdings: (topic id, who is exposed, what to watch).
#[rustfmt::skip]
const EXPOSURES: &[(&str, &str, &str)] = &[
    ("monetary_policy", "rate-sensitive holdings such as banks, real estate and long-duration growth stocks", "the central bank's next statement and bond yields"),
    ("currencies", "exporters, importers and holders of foreign-currency assets", "exchange-rate moves and any official intervention"),
    ("energy", "energy producers, airlines and other fuel-intensive businesses", "oil and gas prices and OPEC supply decisions"),
    ("commodities", "producers, processors and buyers of farm and metal commodities", "harvest, inventory and export data"),
    ("trade", "exporters and companies with cross-border supply chains", "tariff schedules and the progress of trade talks"),
    ("geopolitics", "companies with revenue or suppliers in the affected regions", "sanctions lists and escalation or de-escalation"),
    ("macroeconomy", "cyclical sectors such as industrials, retail and banks", "the next GDP, inflation and jobs releases"),
    ("fiscal_policy", "sectors exposed to tax and spending changes", "the budget timetable and the final tax rules"),
    ("markets", "broad equity and bond holdings", "market breadth, volatility and fund flows"),
    ("cybersecurity", "companies that hold large amounts of customer data", "regulatory responses and security spending"),
    ("artificial_intelligence", "AI suppliers and heavy AI spenders", "AI spending plans and returns on them"),
    ("semiconductors", "chipmakers and their customers", "chip demand, pricing and export rules"),
    ("real_estate", "property owners, developers and mortgage lenders", "mortgage rates and property prices"),
    ("banking_finance", "banks, lenders and insurers", "credit quality and funding costs"),
    ("bankruptcy", "creditors, suppliers and shareholders of distressed companies", "restructuring terms and recoveries"),
    ("regulation_legal", "companies facing legal or regulatory action", "court rulings and regulators' next steps"),
    ("crypto", "holders of crypto assets and crypto-exposed companies", "exchange volumes, regulation and stablecoin flows"),
    ("technology", "technology companies and their suppliers", "product demand and capital spending plans"),
    ("healthcare", "drugmakers, device makers and healthcare providers", "regulatory decisions and trial results"),
    ("retail_consumer", "retailers and consumer brands", "consumer spending and same-store sales"),
    ("transportation", "carmakers, airlines and shippers", "deliveries, freight rates and fuel costs"),
    ("labor", "labour-intensive businesses", "wage settlements and hiring data"),
    ("management", "shareholders of companies changing leadership", "the new leadership's first strategy moves"),
    ("capital_returns", "income-focused shareholders", "payout ratios and cash-flow coverage"),
    ("analyst_ratings", "holders of the rated shares", "whether other analysts revise their views"),
    ("earnings", "shareholders of the reporting companies", "estimate revisions and guidance"),
    ("mergers_acquisitions", "shareholders of the companies involved in the deal", "regulatory approval and deal terms"),
    ("ipo", "investors considering the new listing", "pricing, first-day trading and the lock-up expiry"),
    ("esg_climate", "carbon-intensive businesses and clean-energy suppliers", "climate regulation and carbon prices"),
    ("antitrust_competition", "dominant companies under competition scrutiny", "regulators' rulings and remedies"),
    ("intellectual_property", "companies with contested patents or licences", "court rulings and licensing terms"),
];

/// Build the bullets.
pub fn decide(
    events: &[Detected],
    contributions: &[Contribution],
    tickers: &[TickerSentiment],
    entities: &[Entity],
    topics: &[Topic],
    sentiment: &Sentiment,
    impact: &Impact,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // 1. The strongest events, one bullet each.
    for c in contributions.iter().take(2) {
        let d = &events[c.event];
        let def = d.def();
        let who = concerned(&d.event.tickers, tickers, entities, def.kind);
        let kind = match def.polarity {
            Polarity::Negative => "Risk",
            Polarity::Positive => "Opportunity",
            Polarity::Neutral => "Risk and opportunity",
        };
        let note = if d.event.certainty < 0.6 {
            " (reported or hedged, not confirmed)"
        } else {
            ""
        };
        out.push(format!(
            "{kind} for {who}: {}{note}. Watch {}.",
            def.phrase, def.watch
        ));
    }
    // 2. The tone towards the named companies, when there are any.
    let mut ranked: Vec<&TickerSentiment> = tickers.iter().collect();
    crate::sort::sort_by(&mut ranked, |a, b| {
        b.relevance_score
            .total_cmp(&a.relevance_score)
            .then(a.ticker.cmp(&b.ticker))
    });
    let toned: Vec<String> = ranked
        .iter()
        .filter(|t| t.score.abs() >= crate::NEUTRAL_BAND)
        .take(MAX_NAMED)
        .map(|t| format!("{} ({})", t.ticker, t.label))
        .collect();
    if !toned.is_empty() {
        out.push(format!(
            "Investors in {} should check whether the share price confirms the article's tone and watch for follow-up news.",
            join_and(&toned)
        ));
    }
    // 3. Exposure through the article's topics the event bullets do not already cover;
    // after two event bullets, at most one topic bullet.
    let covered: Vec<&str> = contributions
        .iter()
        .take(2)
        .flat_map(|c| covered_topics(events[c.event].def().kind).iter().copied())
        .collect();
    let cap = if contributions.len() >= 2 {
        3
    } else {
        MAX_BULLETS
    };
    for t in topics
        .iter()
        .filter(|t| t.relevance_score >= TOPIC_RELEVANCE && !covered.contains(&t.id.as_str()))
    {
        if out.len() >= cap {
            break;
        }
        if let Some((_, exposed, watch)) = EXPOSURES.iter().find(|(id, _, _)| *id == t.id) {
            let names = names(&ranked, entities);
            let whose = if names.is_empty() {
                String::new()
            } else {
                format!(", including {}", join_and(&names))
            };
            out.push(format!(
                "{} matters for {exposed}{whose}: watch {watch}.",
                t.name
            ));
        }
        if out.len() >= 2 && contributions.is_empty() {
            break;
        }
    }
    // 4. With a single signal, say how much it matters.
    if out.len() == 1 {
        let top = contributions.first().map(|c| &events[c.event]);
        let kind = top.map_or("", |d| d.def().kind);
        let who = concerned(&[], tickers, entities, kind);
        let weight = if impact.score < LOW_IMPACT {
            "treat it as context rather than a signal to act on unless follow-up news raises the stakes"
        } else if top.is_some_and(|d| d.event.certainty < 0.6) {
            "wait for confirmation before acting on a hedged report"
        } else {
            "it is large enough to review exposure; watch how the market prices it over the next sessions"
        };
        out.push(format!(
            "Estimated market impact for {who} is {} ({}) with {} sentiment: {weight}.",
            impact.level,
            crate::fixed::fixed(impact.score, 2),
            sentiment.label
        ));
    }
    out.truncate(MAX_BULLETS);
    out
}

/// Topics an event bullet already speaks for.
fn covered_topics(kind: &str) -> &'static [&'static str] {
    match kind {
        "earnings_beat" | "earnings_miss" | "earnings_report" | "guidance_raised"
        | "guidance_cut" => &["earnings"],
        "merger_acquisition" | "deal_terminated" => &["mergers_acquisitions"],
        "lawsuit_filed" | "regulatory_probe" | "regulatory_fine" | "allegation" | "settlement" => {
            &["regulation_legal"]
        }
        "data_breach" => &["cybersecurity"],
        "executive_departure" | "executive_appointment" => &["management"],
        "layoffs" | "strike" => &["labor"],
        "bankruptcy" => &["bankruptcy"],
        "dividend_raised" | "dividend_cut" | "buyback" | "stock_split" => &["capital_returns"],
        "analyst_upgrade" | "analyst_downgrade" => &["analyst_ratings"],
        "ipo" => &["ipo"],
        "sanctions_tariffs" => &["trade", "geopolitics"],
        "rate_hike" | "rate_cut" | "rate_hold" => &["monetary_policy"],
        _ => &[],
    }
}

/// The tickers an event names, else the article's companies, else a plain description.
/// Without any company, a market-wide event concerns the holdings its topic exposes.
fn concerned(
    event_tickers: &[String],
    tickers: &[TickerSentiment],
    entities: &[Entity],
    kind: &str,
) -> String {
    if !event_tickers.is_empty() {
        return join_and(
            &event_tickers
                .iter()
                .take(MAX_NAMED)
                .cloned()
                .collect::<Vec<_>>(),
        );
    }
    let mut ranked: Vec<&TickerSentiment> = tickers.iter().collect();
    crate::sort::sort_by(&mut ranked, |a, b| {
        b.relevance_score
            .total_cmp(&a.relevance_score)
            .then(a.ticker.cmp(&b.ticker))
    });
    let n = names(&ranked, entities);
    let exposed = covered_topics(kind).iter().find_map(|t| {
        EXPOSURES
            .iter()
            .find(|(id, _, _)| id == t)
            .map(|(_, who, _)| *who)
    });
    if let (true, Some(who)) = (n.is_empty(), exposed) {
        who.to_owned()
    } else if n.is_empty() {
        "the companies involved".to_owned()
    } else {
        join_and(&n)
    }
}

/// Up to [`MAX_NAMED`] tickers, or entity names when no ticker is known.
fn names(ranked: &[&TickerSentiment], entities: &[Entity]) -> Vec<String> {
    if !ranked.is_empty() {
        return ranked
            .iter()
            .take(MAX_NAMED)
            .map(|t| t.ticker.clone())
            .collect();
    }
    entities
        .iter()
        .take(MAX_NAMED)
        .map(|e| e.name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tickers::SizeTier;
    use crate::types::Span;
    use crate::Doc;

    fn ts(t: &str, score: f32, rel: f32, start: usize, end: usize) -> TickerSentiment {
        TickerSentiment {
            ticker: t.to_owned(),
            name: t.to_owned(),
            exchange: "NASDAQ".to_owned(),
            score,
            label: crate::label_for(score).to_owned(),
            relevance_score: rel,
            mentions: vec![Span::body(start, end)],
            explanations: vec![],
        }
    }

    fn neutral() -> Sentiment {
        Sentiment {
            score: 0.0,
            label: "neutral".to_owned(),
            confidence: 0.5,
            reliable: true,
        }
    }

    fn none() -> Impact {
        Impact {
            score: 0.0,
            level: "negligible".to_owned(),
            drivers: vec![],
        }
    }

    #[test]
    fn a_lone_event_gets_a_second_bullet_sizing_it() {
        let doc = Doc::new(
            "",
            "The software company opened a new office in Austin on Tuesday.",
        );
        let ev = crate::events::detect(&doc, &[], &[]);
        let c = crate::impact::contributions(&ev, &[], &|_| SizeTier::Unknown);
        let imp = crate::impact::score_with(&ev, &[], &neutral(), &[], &|_| SizeTier::Unknown);
        let b = decide(&ev, &c, &[], &[], &[], &neutral(), &imp);
        assert_eq!(b.len(), 2, "{b:?}");
        assert!(
            b[1].contains(&imp.level) && b[1].contains("context rather than a signal"),
            "{b:?}"
        );
    }

    #[test]
    fn nothing_financial_gives_no_bullets() {
        assert!(decide(&[], &[], &[], &[], &[], &neutral(), &none()).is_empty());
    }

    #[test]
    fn bullets_name_tickers_risk_and_what_to_watch() {
        let body =
            "GOOGL and MSFT were accused of data misuse. Both face heightened security costs.";
        let doc = Doc::new("", body);
        let tickers = vec![ts("GOOGL", -0.5, 0.9, 0, 5), ts("MSFT", -0.3, 0.8, 10, 14)];
        let ev = crate::events::detect(&doc, &tickers, &[]);
        let c = crate::impact::contributions(&ev, &tickers, &|_| SizeTier::Mega);
        let b = decide(&ev, &c, &tickers, &[], &[], &neutral(), &none());
        assert!((2..=4).contains(&b.len()), "{b:?}");
        assert!(b[0].starts_with("Risk for GOOGL and MSFT"), "{b:?}");
        assert!(b[0].contains("Watch"), "{b:?}");
        assert!(b.iter().any(|x| x.contains("GOOGL (negative)")), "{b:?}");
    }

    #[test]
    fn a_macro_article_without_companies_names_the_exposed_holdings() {
        let doc = Doc::new(
            "",
            "The Federal Reserve raised interest rates by half a point.",
        );
        let ev = crate::events::detect(&doc, &[], &[]);
        let c = crate::impact::contributions(&ev, &[], &|_| SizeTier::Unknown);
        let topics = crate::topics::classify(&doc);
        let b = decide(&ev, &c, &[], &[], &topics, &neutral(), &none());
        assert!(b.len() >= 2, "{b:?}");
        assert!(
            b.iter().any(|x| x.contains("rate-sensitive holdings")),
            "{b:?}"
        );
    }
}
