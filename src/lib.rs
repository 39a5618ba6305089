//! Newsgauge web app: a Leptos CSR front end over `newsgauge-engine`.

/// The browser builds' allocator: talc instead of the standard library's dlmalloc, 1.0 KB
/// (gzip) smaller in the site's wasm, with no change in analysis time beyond this machine's
/// noise (README "Performance at a glance").
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

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
    about::About, analyze::Analyze, article::ArticlePage, feed::Feed, not_found::NotFound,
};

/// The whole application: navigation and routes.
#[component]
pub fn App() -> impl IntoView {
    // The widget's card is not a route of this app: it is its own, smaller wasm
    // (src/embed_main.rs, served as /embed.html), and assets/boot.js sends the old /embed
    // address there before this app loads.
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
}
