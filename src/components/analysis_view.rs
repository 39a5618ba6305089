//! Renders an engine [`Analysis`]: sentiment, impact, tickers, topics and the raw JSON.

use leptos::prelude::*;
use newsgauge_engine::Analysis;

/// The analysis of one article, as the engine computed it.
#[component]
pub fn AnalysisView(#[prop(into)] analysis: Signal<Analysis>) -> impl IntoView {
    let json = move || serde_json::to_string_pretty(&analysis.get()).unwrap_or_default();
    view! {
        <section class="analysis" aria-label="Analysis">
            <p class="sentiment">
                "Overall sentiment: "
                <strong data-testid="sentiment-label">{move || analysis.read().sentiment.label.clone()}</strong>
                " ("
                <span data-testid="sentiment-score">{move || format!("{:+.2}", analysis.read().sentiment.score)}</span>
                ")"
            </p>
            <p class="impact">
                "Market impact: "
                <strong data-testid="impact-score">{move || format!("{:.2}", analysis.read().impact.score)}</strong>
            </p>
            <ul class="tickers" aria-label="Tickers">
                {move || {
                    analysis
                        .read()
                        .ticker_sentiment
                        .iter()
                        .map(|t| view! { <li>{t.ticker.clone()} " " {format!("{:+.2}", t.score)}</li> })
                        .collect_view()
                }}
            </ul>
            <details>
                <summary>"Analysis JSON"</summary>
                <pre data-testid="analysis-json">{json}</pre>
            </details>
        </section>
    }
}
