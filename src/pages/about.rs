//! `/about`: how Newsgauge scores an article.

use leptos::prelude::*;

#[component]
pub fn About() -> impl IntoView {
    view! {
        <h1>"About Newsgauge"</h1>
        <p>
            "Newsgauge analyses financial news entirely in your browser: the text you paste never leaves this page."
        </p>
        <h2>"Sentiment bands"</h2>
        <ul>
            <li>"|score| < 0.15: neutral"</li>
            <li>"0.15 ≤ |score| < 0.40: mildly positive / negative"</li>
            <li>"0.40 ≤ |score| < 0.70: positive / negative"</li>
            <li>"|score| ≥ 0.70: strongly positive / negative"</li>
        </ul>
    }
}
