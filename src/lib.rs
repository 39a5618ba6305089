//! Newsgauge web app: a Leptos CSR front end over `newsgauge-engine`.

pub mod components;
pub mod pages;
pub mod samples;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use pages::{about::About, analyze::Analyze, article::ArticlePage, embed::Embed, feed::Feed, not_found::NotFound};

/// The whole application: navigation and routes.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <header class="site-header">
                <A href="/" attr:class="brand">"Newsgauge"</A>
                <nav aria-label="Main">
                    <A href="/">"News"</A>
                    <A href="/analyze">"Analyze"</A>
                    <A href="/about">"About"</A>
                </nav>
            </header>
            <main id="main">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Feed />
                    <Route path=path!("/article/:id") view=ArticlePage />
                    <Route path=path!("/analyze") view=Analyze />
                    <Route path=path!("/embed") view=Embed />
                    <Route path=path!("/about") view=About />
                </Routes>
            </main>
        </Router>
    }
}
