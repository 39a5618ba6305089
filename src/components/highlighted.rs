//! Article text with the phrases that moved the scores highlighted: red or green by the sign
//! of the weight, darker for heavier weights; focus or hover shows the rule and weight. The
//! selected ticker's mentions are outlined. Everything is rendered as text.

use std::sync::Arc;

use leptos::prelude::*;
use newsgauge_engine::{rules, Analysis, Explanation, Field};

use crate::highlight::{intensity, segments};
use crate::util::{polarity, signed};

/// Rule name and id for a tooltip: "Negative verb (S012)", or the id alone if unknown.
pub fn rule_label(id: &str) -> String {
    match rules::lookup(id) {
        Some(r) => format!("{} ({})", r.name, r.id),
        None => id.to_owned(),
    }
}

fn tip_for(explanations: &[&Explanation], marks: &[usize]) -> String {
    marks
        .iter()
        .map(|&i| {
            let e = explanations[i];
            format!("{} · weight {}", rule_label(&e.rule), signed(e.weight))
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// One field's text (title or body), sliced at the engine's byte offsets.
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
    let exps: Vec<Explanation> = analysis
        .explanations
        .iter()
        .filter(|e| e.field == field)
        .cloned()
        .collect();
    let max_abs = exps
        .iter()
        .map(|e| e.weight.abs())
        .filter(|w| w.is_finite())
        .fold(0.0f32, f32::max);
    let text = Arc::new(text);
    move || {
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
        let refs: Vec<&Explanation> = exps.iter().collect();
        let spans: Vec<(usize, usize)> = refs.iter().map(|e| (e.start, e.end)).collect();
        segments(&text, &spans, &mentions)
            .into_iter()
            .map(|seg| {
                let piece = text[seg.start..seg.end].to_owned();
                if seg.marks.is_empty() {
                    return if seg.mention {
                        view! { <span class="mention" data-testid="mention">{piece}</span> }
                            .into_any()
                    } else {
                        piece.into_any()
                    };
                }
                let main = seg
                    .marks
                    .iter()
                    .copied()
                    .max_by(|&a, &b| refs[a].weight.abs().total_cmp(&refs[b].weight.abs()))
                    .unwrap_or(seg.marks[0]);
                let w = refs[main].weight;
                let tip = tip_for(&refs, &seg.marks);
                let class = format!("hl {} w{}", polarity(w), intensity(w, max_abs));
                view! {
                    <mark
                        class=class
                        class:mention=seg.mention
                        tabindex="0"
                        data-tip=tip.clone()
                        data-rule=refs[main].rule.clone()
                        aria-label=format!("{piece}: {tip}")
                        data-testid="highlight"
                    >
                        {piece.clone()}
                    </mark>
                }
                .into_any()
            })
            .collect_view()
    }
}
