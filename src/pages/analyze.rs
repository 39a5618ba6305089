//! `/analyze`: paste an article and see its analysis update as you type.

use leptos::prelude::*;
use newsgauge_engine::{analyze, Article};

use crate::components::analysis_view::AnalysisView;

#[component]
pub fn Analyze() -> impl IntoView {
    let (title, set_title) = signal(String::new());
    let (text, set_text) = signal(String::new());
    let analysis = Memo::new(move |_| {
        let title = title.read();
        let title = (!title.trim().is_empty()).then(|| title.clone());
        analyze(&Article { title, text: text.get() })
    });
    view! {
        <h1>"Analyze an article"</h1>
        <label for="title-input">"Title"</label>
        <input
            id="title-input"
            type="text"
            prop:value=title
            on:input=move |ev| set_title.set(event_target_value(&ev))
        />
        <label for="paste-box">"Article text"</label>
        <textarea
            id="paste-box"
            rows="12"
            placeholder="Paste a financial news article…"
            prop:value=text
            on:input=move |ev| set_text.set(event_target_value(&ev))
        ></textarea>
        <AnalysisView analysis=analysis />
    }
}
