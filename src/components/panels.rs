//! The analysis panels shared by the article and analyze pages: summary, market sentiment
//! gauge, ticker sentiment bars, key decisions.

use std::sync::Arc;

use leptos::prelude::*;
use newsgauge_engine::fixed::fixed;
use newsgauge_engine::Analysis;

use crate::util::{polarity, signed};

/// Position of a score in [-1, 1] as a percentage of the gauge width.
pub fn gauge_percent(score: f32) -> f32 {
    if score.is_finite() {
        (score.clamp(-1.0, 1.0) + 1.0) * 50.0
    } else {
        50.0
    }
}

/// The body of an analysis, in reading order: summary, sentiment gauge beside the ticker
/// bars, then the key decisions (the analysis view and the article page share it).
#[component]
pub fn AnalysisPanels(analysis: Arc<Analysis>) -> impl IntoView {
    view! {
        <SummarySection analysis=analysis.clone() />
        <div class="panel-grid">
            <SentimentPanel analysis=analysis.clone() />
            <TickerBars analysis=analysis.clone() />
        </div>
        <KeyDecisions analysis=analysis />
    }
}

/// "Analysis": the engine's summary.
#[component]
pub fn SummarySection(analysis: Arc<Analysis>) -> impl IntoView {
    let summary = analysis.summary.trim().to_owned();
    let drivers = analysis.impact.drivers.clone();
    view! {
        <section class="panel summary" aria-labelledby="h-analysis">
            <h2 id="h-analysis">"Analysis"</h2>
            {if summary.is_empty() {
                view! { <p class="muted" data-testid="summary-empty">"The engine wrote no summary for this text."</p> }.into_any()
            } else {
                view! { <p data-testid="summary">{summary}</p> }.into_any()
            }}
            {(!drivers.is_empty())
                .then(|| {
                    view! {
                        <h3 class="drivers-title">"What drives the impact score"</h3>
                        <ul class="drivers" data-testid="impact-drivers">
                            {drivers
                                .into_iter()
                                .map(|d| {
                                    view! {
                                        <li>
                                            {d.description}
                                            " "
                                            <span class="muted small">{format!("({})", fixed(d.value, 2))}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </section>
    }
}

/// "Market Sentiment": label, score, and a gauge from −1 to 1.
#[component]
pub fn SentimentPanel(analysis: Arc<Analysis>) -> impl IntoView {
    let s = analysis.sentiment.clone();
    let pol = polarity(s.score);
    let pct = gauge_percent(s.score);
    let aria = format!(
        "Sentiment {} on a scale from −1 to +1: {}",
        signed(s.score),
        s.label
    );
    view! {
            <section class="panel sentiment-panel" aria-labelledby="h-sentiment">
                <h2 id="h-sentiment">"Market Sentiment"</h2>
                <p class=format!("sentiment-readout {pol}")>
    <strong class="sentiment-label" data-testid="sentiment-label">{s.label.clone()}</strong>
                    " "
                    <span class="sentiment-score" data-testid="sentiment-score">{signed(s.score)}</span>
                </p>
                <div
                    class="gauge"
                    role="meter"
                    aria-valuemin="-1"
                    aria-valuemax="1"
                    aria-valuenow=fixed(s.score, 2).to_string()
                    aria-valuetext=aria.clone()
                    aria-label="Sentiment gauge"
                    data-testid="sentiment-gauge"
                >
                    <div class="gauge-track" aria-hidden="true">
                        <span class="gauge-zero"></span>
                        <span class=format!("gauge-needle {pol}") style:left=format!("{}%", fixed(pct, 1))></span>
                    </div>
                    <div class="gauge-scale" aria-hidden="true">
                        <span>"−1"</span>
                        <span>"0"</span>
                        <span>"+1"</span>
                    </div>
                </div>
                <p class="muted small">
                    {format!("Confidence {}", fixed(s.confidence, 2))}
                    {(!s.reliable)
                        .then(|| {
                            view! {
                                <span class="warn" data-testid="unreliable">
                                    " · Not reliable for this text (language: "
                                    {analysis.language.clone()}
                                    "); Newsgauge scores English only."
                                </span>
                            }
                        })}
                </p>
            </section>
        }
}

/// "Ticker Sentiment": one row per ticker with a diverging bar, score and relevance.
#[component]
pub fn TickerBars(analysis: Arc<Analysis>) -> impl IntoView {
    let rows = analysis
        .ticker_sentiment
        .iter()
        .map(|t| {
            let pol = polarity(t.score);
            let half = (t.score.clamp(-1.0, 1.0).abs() * 50.0).max(0.0);
            let left = if t.score < 0.0 { 50.0 - half } else { 50.0 };
            let aria = format!(
                "{}: sentiment {} ({}), relevance {}",
                t.ticker,
                signed(t.score),
                t.label,
                fixed(t.relevance_score, 2)
            );
            view! {
                <li class="bar-row" data-testid="ticker-bar">
                    <span class="bar-name">
                        <strong>{t.ticker.clone()}</strong>
                        <span class="muted small">{t.name.clone()}</span>
                    </span>
                    <span class="diverging" role="img" aria-label=aria>
                        <span class="axis"></span>
                        <span
                            class=format!("fill {pol}")
                            style:left=format!("{}%", fixed(left, 1))
                            style:width=format!("{}%", fixed(half, 1))
                        ></span>
                    </span>
                    <span class=format!("bar-score {pol}")>{signed(t.score)}</span>
                    <span class="bar-rel muted small">{format!("rel. {}", fixed(t.relevance_score, 2))}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="panel ticker-panel" aria-labelledby="h-tickers">
            <h2 id="h-tickers">"Ticker Sentiment"</h2>
            {if analysis.ticker_sentiment.is_empty() {
                view! {
                    <p class="muted" data-testid="no-ticker-bars">
                        "No listed company was recognised, so there is no per-ticker sentiment."
                    </p>
                }
                    .into_any()
            } else {
                view! { <ul class="bars">{rows}</ul> }.into_any()
            }}
        </section>
    }
}

/// "Key Decisions for Investors": informational bullets.
#[component]
pub fn KeyDecisions(analysis: Arc<Analysis>) -> impl IntoView {
    let items = analysis.key_decisions.clone();
    view! {
        <section class="panel decisions" aria-labelledby="h-decisions">
            <h2 id="h-decisions">"Key Decisions for Investors"</h2>
            <p class="disclaimer" data-testid="not-advice">
                "Informational only — not investment advice. Generated by rules from the text alone, without prices."
            </p>
            {if items.is_empty() {
                view! { <p class="muted" data-testid="no-decisions">"Nothing specific for investors in this text."</p> }
                    .into_any()
            } else {
                view! {
                    <ul data-testid="decisions">
                        {items.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gauge_maps_minus_one_to_one_onto_the_width() {
        assert_eq!(gauge_percent(-1.0), 0.0);
        assert_eq!(gauge_percent(0.0), 50.0);
        assert_eq!(gauge_percent(1.0), 100.0);
        assert_eq!(gauge_percent(3.0), 100.0);
        assert_eq!(gauge_percent(f32::NAN), 50.0);
    }
}
