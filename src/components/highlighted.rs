//! Article text with the phrases that moved the scores highlighted: red or green by the sign
//! of the weight, darker for heavier weights; focus or hover shows the rule and weight. The
//! selected ticker's mentions are outlined. The text is escaped into markup (see
//! [`crate::highlight::markup`]): it never becomes markup of its own.

use std::sync::Arc;

use leptos::prelude::*;
use newsgauge_engine::{rules, Analysis, Field};

use crate::highlight::{markup, Mark};
use crate::util::signed;

/// Rule name and id for a tooltip: "Negative verb (S012)", or the id alone if unknown.
pub fn rule_label(id: &str) -> String {
    match rules::lookup(id) {
        Some(r) => format!("{} ({})", r.name, r.id),
        None => id.to_owned(),
    }
}

/// One field's text (title or body), sliced at the engine's byte offsets, as one escaped
/// HTML string ([`markup`]) under a `<span>`.
#[component]
pub fn HighlightedText(
    /// The original text of the field.
    text: String,
    field: Field,
    analysis: Arc<Analysis>,
    /// The ticker whose mentions to outline.
    #[prop(into)]
    selected: Signal<Option<String>>,
) -> impl IntoView {
    // What does not change with the selection, computed once: each explanation's tooltip.
    let phrases: Vec<(usize, usize, f32, String)> = analysis
        .explanations
        .iter()
        .filter(|e| e.field == field)
        .map(|e| {
            let tip = format!("{} · weight {}", rule_label(&e.rule), signed(e.weight));
            (e.start, e.end, e.weight, tip)
        })
        .collect();
    let html = move || {
        let sel = selected.get();
        let mentions: Vec<(usize, usize)> = sel
            .as_deref()
            .and_then(|s| analysis.ticker_sentiment.iter().find(|t| t.ticker == s))
            .map(|t| {
                t.mentions
                    .iter()
                    .filter(|m| m.field == field)
                    .map(|m| (m.start, m.end))
                    .collect()
            })
            .unwrap_or_default();
        let marks: Vec<Mark<'_>> = phrases
            .iter()
            .map(|(start, end, weight, tip)| Mark {
                start: *start,
                end: *end,
                tip,
                weight: *weight,
            })
            .collect();
        markup(&text, &marks, &mentions)
    };
    view! { <span inner_html=html></span> }
}
