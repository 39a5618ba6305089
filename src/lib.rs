//! Newsgauge web app: a Leptos CSR front end over `newsgauge-engine`.

pub mod components;
pub mod feeds;
pub mod highlight;
pub mod pages;
pub mod panic;
pub mod samples;
pub mod share;
pub mod store;
pub mod theme;
pub mod util;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use pages::{
    about::About, analyze::Analyze, article::ArticlePage, embed::Embed, feed::Feed,
    not_found::NotFound,
};

/// The whole application: navigation and routes.
#[component]
pub fn App() -> impl IntoView {
    // The widget's iframe (/embed) renders only its card: no site chrome, no router, no store.
    // It runs sandboxed in an opaque origin, where storage access throws: keep this check first.
    if pages::embed::is_embed_location() {
        return view! { <Embed /> }.into_any();
    }
    provide_context(store::Store::new());
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="site-header">
                <A href="/" attr:class="brand">
                    <span class="brand-mark" aria-hidden="true">"◧"</span>
                    "Newsgauge"
                </A>
                <nav aria-label="Main">
                    <A href="/" exact=true>"News"</A>
                    <A href="/analyze">"Analyze"</A>
                    <A href="/about">"About"</A>
                </nav>
                <theme::ThemeToggle />
            </header>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Feed />
                    <Route path=path!("/article/:id") view=ArticlePage />
                    <Route path=path!("/analyze") view=Analyze />
                    <Route path=path!("/embed") view=Embed />
                    <Route path=path!("/about") view=About />
                </Routes>
            </main>
            <footer class="site-footer">
                <p class="muted small">
                    "Newsgauge runs entirely in your browser. Informational only, not investment advice."
                </p>
            </footer>
        </Router>
    }
    .into_any()
}
