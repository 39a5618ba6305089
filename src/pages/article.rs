//! `/article/:id`: one sample article with its analysis.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use newsgauge_engine::{analyze, Article};

use crate::components::analysis_view::AnalysisView;
use crate::samples::fetch_samples;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let samples = LocalResource::new(fetch_samples);
    view! {
        <A href="/">"Back to News"</A>
        <Suspense fallback=|| view! { <p>"Loading article…"</p> }>
            {move || {
                samples
                    .get()
                    .map(|result| match result {
                        Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                        Ok(list) => match list.into_iter().find(|s| s.id == id()) {
                            None => view! { <h1>"Article not found"</h1> }.into_any(),
                            Some(s) => {
                                let analysis = analyze(&Article::new(Some(&s.title), &s.text));
                                view! {
                                    <article>
                                        <h1>{s.title.clone()}</h1>
                                        <p class="meta">{s.source.clone()} " · " {s.date.clone()}</p>
                                        <AnalysisView analysis=Signal::stored(analysis) />
                                        <div class="article-text">{s.text.clone()}</div>
                                    </article>
                                }
                                    .into_any()
                            }
                        },
                    })
            }}
        </Suspense>
    }
}
