//! `/`: the feed of sample articles, each scored in the browser at load.

use leptos::prelude::*;
use leptos_router::components::A;
use newsgauge_engine::{analyze, Article};

use crate::samples::fetch_samples;

#[component]
pub fn Feed() -> impl IntoView {
    let samples = LocalResource::new(fetch_samples);
    view! {
        <h1>"Market news"</h1>
        <Suspense fallback=|| view! { <p>"Loading articles…"</p> }>
            {move || {
                samples
                    .get()
                    .map(|result| match result {
                        Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                        Ok(list) => {
                            view! {
                                <ul class="feed">
                                    {list
                                        .into_iter()
                                        .map(|s| {
                                            let a = analyze(&Article::new(Some(&s.title), &s.text));
                                            let href = format!("/article/{}", s.id);
                                            view! {
                                                <li class="card">
                                                    <A href=href>{s.title.clone()}</A>
                                                    <p class="meta">
                                                        "Impact " {format!("{:.2}", a.impact.score)} " · "
                                                        {a.sentiment.label.clone()}
                                                    </p>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    })
            }}
        </Suspense>
    }
}
