//! Renders one engine [`Analysis`] with the same pieces the article page uses: impact badge,
//! ticker chips, topics, summary, sentiment gauge, ticker bars, key decisions, highlighted
//! text and (on demand) the raw JSON.

use std::sync::Arc;

use leptos::prelude::*;
use newsgauge_engine::{Analysis, Field};

use crate::components::badges::{ImpactBadge, TickerChips, TopicTags};
use crate::components::highlighted::HighlightedText;
use crate::components::panels::AnalysisPanels;

/// The analysis of a pasted text. `title` and `body` are the analysed texts, shown highlighted.
#[component]
pub fn AnalysisView(analysis: Arc<Analysis>, title: String, body: String) -> impl IntoView {
    let selected = RwSignal::new(None::<String>);
    let json_open = RwSignal::new(false);
    let for_json = analysis.clone();
    let json = move || {
        if json_open.get() {
            serde_json::to_string_pretty(&*for_json).unwrap_or_default()
        } else {
            String::new()
        }
    };
    let a = analysis.clone();
    view! {
        <section class="analysis" aria-label="Analysis result" data-testid="analysis">
            <div class="analysis-head">
                <ImpactBadge score=a.impact.score level=a.impact.level.clone() />
                <TickerChips analysis=a.clone() selected=selected />
                <TopicTags topics=a.topics.clone() />
            </div>
            <AnalysisPanels analysis=a.clone() />
            <section class="panel text-panel" aria-labelledby="h-text">
                <h2 id="h-text">"Highlighted text"</h2>
                {(!title.is_empty())
                    .then(|| {
                        view! {
                            <p class="hl-title">
                                <HighlightedText text=title.clone() field=Field::Title analysis=a.clone() selected=selected />
                            </p>
                        }
                    })}
                <div class="article-text" data-testid="highlighted-text">
                    <HighlightedText text=body.clone() field=Field::Body analysis=a.clone() selected=selected />
                </div>
                <p class="small">
                    <a href="/about">"How this was scored"</a>
                </p>
            </section>
            // `open` follows the signal: a re-analysis can rebuild this view in place on
            // the same element, and an open panel must not be left showing nothing.
            <details class="raw-json" prop:open=move || json_open.get() on:toggle=move |ev| {
                use wasm_bindgen::JsCast;
                let open = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
                    .map(|d| d.open())
                    .unwrap_or(false);
                json_open.set(open);
            }>
                <summary>"Analysis JSON"</summary>
                <pre data-testid="analysis-json">{json}</pre>
            </details>
        </section>
    }
}
