//! Small pieces shown on cards and article pages: the impact badge, ticker chips, topic tags,
//! the fiction notice.

use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;
use newsgauge_engine::fixed::fixed;
use newsgauge_engine::{Analysis, Topic};

use crate::util::{polarity, signed};

/// Impact levels from lowest to highest, as the engine names them.
pub const LEVELS: [&str; 5] = ["negligible", "low", "moderate", "high", "very high"];

/// 1–5 for a level word (the engine's), falling back to the score's fifth.
pub fn level_rank(level: &str, score: f32) -> usize {
    LEVELS
        .iter()
        .position(|l| l.eq_ignore_ascii_case(level.trim()))
        .map(|i| i + 1)
        .unwrap_or_else(|| ((score.clamp(0.0, 1.0) * 5.0).ceil() as usize).clamp(1, 5))
}

/// The Market Impact badge: the number (two decimals), the level word, and five pips so the
/// level reads without colour.
#[component]
pub fn ImpactBadge(score: f32, level: String, #[prop(optional)] compact: bool) -> impl IntoView {
    let rank = level_rank(&level, score);
    let level = if level.trim().is_empty() {
        LEVELS[rank - 1].to_owned()
    } else {
        level
    };
    let label = format!(
        "Market impact {} of 1, {level} ({rank} of 5)",
        fixed(score, 2)
    );
    let pips = (1..=5)
        .map(|i| view! { <span class="pip" class:on=i <= rank></span> })
        .collect_view();
    view! {
        <span
            class=format!("impact-badge impact-{rank}")
            class:compact=compact
            role="img"
            aria-label=label
            data-testid="impact-badge"
        >
            <span class="impact-title">"Market Impact"</span>
            <span class="pips" aria-hidden="true">{pips}</span>
            // `elementtiming`: the browser records when the score is first painted (Element
            // Timing); bench/browser.mjs times "first analysis on screen" by it.
            <strong
                class="impact-score"
                data-testid="impact-score"
                {..custom_attribute("elementtiming", "newsgauge-impact")}
            >
                {fixed(score, 2).to_string()}
            </strong>
            <span class="impact-level" data-testid="impact-level">{level}</span>
        </span>
    }
}

/// A plain (non-interactive) ticker chip for cards.
#[component]
pub fn TickerChip(ticker: String, score: f32) -> impl IntoView {
    let pol = polarity(score);
    let label = format!("{ticker}, sentiment {} ({pol})", signed(score));
    view! {
        // role="img": ARIA forbids naming a plain span, and the label says more than the
        // two numbers inside (the polarity in words).
        <span class=format!("chip ticker {pol}") role="img" aria-label=label>
            <span class="sym">{ticker}</span>
            <span class="num">{signed(score)}</span>
        </span>
    }
}

/// Ticker chips that select a ticker to highlight its mentions in the text.
#[component]
pub fn TickerChips(
    analysis: std::sync::Arc<Analysis>,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    if analysis.ticker_sentiment.is_empty() {
        return view! { <p class="muted empty" data-testid="no-tickers">"No listed company recognised."</p> }.into_any();
    }
    let chips = analysis
        .ticker_sentiment
        .iter()
        .map(|t| {
            let sym = t.ticker.clone();
            let sym2 = sym.clone();
            let sym3 = sym.clone();
            let pol = polarity(t.score);
            let label = format!(
                "{} ({}), sentiment {} ({}). Highlight its mentions",
                t.ticker,
                t.name,
                signed(t.score),
                pol
            );
            view! {
                <li>
                    <button
                        type="button"
                        class=format!("chip ticker {pol}")
                        aria-pressed=move || (selected.get().as_deref() == Some(sym2.as_str())).to_string()
                        aria-label=label
                        title=t.name.clone()
                        data-testid="ticker-chip"
                        on:click=move |_| {
                            selected.update(|s| *s = if s.as_deref() == Some(sym3.as_str()) { None } else { Some(sym3.clone()) })
                        }
                    >
                        <span class="sym">{sym}</span>
                        <span class="num">{signed(t.score)}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="chips" aria-label="Tickers">{chips}</ul> }.into_any()
}

/// Topic tags.
#[component]
pub fn TopicTags(topics: Vec<Topic>) -> impl IntoView {
    if topics.is_empty() {
        return view! { <p class="muted empty" data-testid="no-topics">"No topic recognised."</p> }
            .into_any();
    }
    let tags = topics
        .into_iter()
        .map(|t| {
            view! {
                <li class="tag" title=format!("relevance {}", fixed(t.relevance_score, 2)) data-testid="topic-tag">
                    {t.name}
                </li>
            }
        })
        .collect_view();
    view! { <ul class="tags" aria-label="Topics">{tags}</ul> }.into_any()
}

/// The notice every sample carries.
#[component]
pub fn FictionNotice() -> impl IntoView {
    view! {
        <p class="fiction" data-testid="fiction-notice">
            <span aria-hidden="true">"⚑ "</span>
            "Sample article — fictional events"
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_rank_uses_the_word_then_the_score() {
        assert_eq!(level_rank("negligible", 0.9), 1);
        assert_eq!(level_rank("Very High", 0.0), 5);
        assert_eq!(level_rank("", 0.55), 3);
        assert_eq!(level_rank("unknown", 0.0), 1);
        assert_eq!(level_rank("", 1.0), 5);
    }
}
