//! `/embed`: the compact card shown inside the embeddable widget's iframe.

use leptos::prelude::*;

#[component]
pub fn Embed() -> impl IntoView {
    view! { <h1>"Newsgauge widget"</h1> }
}
