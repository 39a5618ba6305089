//! Dark and light themes: follow `prefers-color-scheme` until the reader picks one with the
//! toggle; the choice is remembered in localStorage and applied as `<html data-theme>`.

use leptos::prelude::*;

use crate::util;

fn system_prefers_dark() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
        .map(|m| m.matches())
        .unwrap_or(false)
}

fn apply(theme: Option<&str>) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = match theme {
            Some(t) => html.set_attribute("data-theme", t),
            None => html.remove_attribute("data-theme"),
        };
    }
}

/// The theme toggle button for the header.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let saved = util::load(util::THEME_KEY).filter(|t| t == "dark" || t == "light");
    apply(saved.as_deref());
    let dark = RwSignal::new(match saved.as_deref() {
        Some(t) => t == "dark",
        None => system_prefers_dark(),
    });
    let toggle = move |_| {
        let next = !dark.get_untracked();
        dark.set(next);
        let t = if next { "dark" } else { "light" };
        apply(Some(t));
        let _ = util::save(util::THEME_KEY, t);
    };
    view! {
        <button
            type="button"
            class="theme-toggle"
            on:click=toggle
            aria-pressed=move || dark.get().to_string()
            aria-label="Dark theme"
            data-testid="theme-toggle"
        >
            <span aria-hidden="true">{move || if dark.get() { "☾" } else { "☀" }}</span>
            <span class="theme-word">{move || if dark.get() { " Dark" } else { " Light" }}</span>
        </button>
    }
}
