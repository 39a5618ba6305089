//! `/analyze`: paste an article and see its analysis update as you type.
//!
//! Typing never waits for the engine: input events only restart a short timer (longer for
//! long texts), and the analysis runs when typing pauses. The draft is saved to localStorage
//! on input and when the page is hidden, and restored on load. Very long pastes are analysed
//! on their first [`LIVE_LIMIT`] bytes, with a notice.

use std::sync::Arc;
use std::time::Duration;

use leptos::html;
use leptos::prelude::*;
use newsgauge_engine::{analyze, Analysis, Article};
use serde::{Deserialize, Serialize};

use crate::components::analysis_view::AnalysisView;
use crate::components::embed_dialog::EmbedButton;
use crate::share;
use crate::util;

/// Bytes of the body analysed live; the rest of a huge paste is kept but not analysed, so the
/// page stays responsive (analysis runs on the main thread).
pub const LIVE_LIMIT: usize = 500_000;
/// Bytes of the analysed body shown highlighted (every highlight is a DOM node).
pub const DISPLAY_LIMIT: usize = 100_000;
/// Largest draft kept in localStorage (browsers allow about 5 MB per site).
pub const DRAFT_LIMIT: usize = 2_000_000;
/// Texts up to this many UTF-16 units are saved on every keystroke; longer ones when typing pauses.
const SAVE_EVERY_KEY: u32 = 100_000;

/// The saved draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub text: String,
}

/// With an empty page, how long after it is built the engine's tables are prepared:
/// after the first paint, well before a person can paste.
const WARM_UP_DELAY_MS: u64 = 100;

/// Pause before analysing, by text length (UTF-16 units): quick for articles, longer for huge pastes.
fn debounce_ms(len: u32) -> u64 {
    match len {
        0..=20_000 => 150,
        20_001..=200_000 => 350,
        _ => 800,
    }
}

/// One analysis and what it covered.
#[derive(Clone)]
struct Result_ {
    analysis: Arc<Analysis>,
    title: String,
    shown_body: String,
    total_bytes: usize,
    live_bytes: usize,
}

fn run_analysis(title: &str, body: &str) -> Result_ {
    let live = util::prefix(body, LIVE_LIMIT);
    let title_opt = (!title.trim().is_empty()).then_some(title);
    let analysis = util::measured("newsgauge:analyze", || {
        analyze(&Article::new(title_opt, live))
    });
    Result_ {
        analysis: Arc::new(analysis),
        title: title.to_owned(),
        shown_body: util::prefix(live, DISPLAY_LIMIT).to_owned(),
        total_bytes: body.len(),
        live_bytes: live.len(),
    }
}

/// Save the draft; a message when it could not be saved whole.
fn save_draft(title: &str, text: &str) -> Option<String> {
    if title.is_empty() && text.is_empty() {
        util::remove(util::DRAFT_KEY);
        return None;
    }
    let kept = util::prefix(text, DRAFT_LIMIT);
    let json = serde_json::to_string(&Draft {
        title: title.to_owned(),
        text: kept.to_owned(),
    })
    .unwrap_or_default();
    match util::save(util::DRAFT_KEY, &json) {
        Err(_) => Some("This browser would not save the draft (storage full or disabled); it will not survive a reload.".to_owned()),
        Ok(()) if kept.len() < text.len() => Some(format!(
            "The text is too long to keep whole in this browser: the first {} of the draft will survive a reload.",
            util::human_bytes(kept.len())
        )),
        Ok(()) => None,
    }
}

fn load_draft() -> Draft {
    util::load(util::DRAFT_KEY)
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

#[component]
pub fn Analyze() -> impl IntoView {
    let title_ref = NodeRef::<html::Input>::new();
    let body_ref = NodeRef::<html::Textarea>::new();
    let result = RwSignal::new(None::<Result_>);
    let pending = RwSignal::new(false);
    let draft_note = RwSignal::new(None::<String>);
    let message = RwSignal::new(None::<String>);
    let undo = RwSignal::new(None::<Draft>);
    let share_link = RwSignal::new(None::<String>);
    let timer = StoredValue::new(None::<TimeoutHandle>);

    // Initial text: the draft, unless a shared link is opening (it wins once the browser has
    // inflated it, below, and the draft stays undoable).
    let initial = load_draft();
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let shared = share::payload_of_hash(&hash).map(str::to_owned);
    // What the fields show: nothing while a shared link opens (not the draft it replaces),
    // then the link's text. A signal, not a write through the fields' NodeRefs: a link that
    // fails at once may be settled before the route has mounted them.
    let shown = RwSignal::new(if shared.is_some() {
        Draft::default()
    } else {
        initial.clone()
    });
    if shared.is_some() {
        // Drop the fragment so a reload keeps later edits instead of reopening the link.
        if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/analyze"));
        }
    } else if !initial.title.is_empty() || !initial.text.is_empty() {
        result.set(Some(run_analysis(&initial.title, &initial.text)));
    } else {
        // Nothing to analyse yet: build the engine's tables once the page has painted, so
        // the first paste does not pay for them (about 150 ms in the browser).
        set_timeout(
            || util::measured("newsgauge:prepare", newsgauge_engine::prepare),
            Duration::from_millis(WARM_UP_DELAY_MS),
        );
    }

    let values = move || -> Option<(String, String)> {
        Some((
            title_ref.get_untracked()?.value(),
            body_ref.get_untracked()?.value(),
        ))
    };
    // Save `t` and `b` as the draft and show their analysis (none for an empty text).
    let analyse = move |t: &str, b: &str| {
        draft_note.set(save_draft(t, b));
        share_link.set(None);
        if t.trim().is_empty() && b.trim().is_empty() {
            result.set(None);
        } else {
            result.set(Some(run_analysis(t, b)));
        }
    };
    let analyse_now = move || {
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        timer.set_value(None);
        pending.set(false);
        let Some((t, b)) = values() else { return };
        analyse(&t, &b);
    };
    let on_input = move |_| {
        let len = body_ref
            .get_untracked()
            .map(|b| b.text_length())
            .unwrap_or(0);
        if len <= SAVE_EVERY_KEY {
            if let Some((t, b)) = values() {
                draft_note.set(save_draft(&t, &b));
            }
        }
        if undo.get_untracked().is_some() {
            undo.set(None);
            message.set(None);
        }
        pending.set(true);
        if let Some(h) = timer.get_value() {
            h.clear();
        }
        timer.set_value(
            set_timeout_with_handle(analyse_now, Duration::from_millis(debounce_ms(len))).ok(),
        );
    };
    // Flush the draft when the page is hidden or closed in the middle of typing.
    let flush = window_event_listener(leptos::ev::pagehide, move |_| {
        if let Some((t, b)) = values() {
            let _ = save_draft(&t, &b);
        }
    });
    on_cleanup(move || {
        flush.remove();
        if let Some(h) = timer.get_value() {
            h.clear();
        }
    });

    let set_fields = move |d: &Draft| {
        if let Some(t) = title_ref.get_untracked() {
            t.set_value(&d.title);
        }
        if let Some(b) = body_ref.get_untracked() {
            b.set_value(&d.text);
        }
    };
    if let Some(payload) = shared {
        let previous = initial.clone();
        // Show `d` in the fields, save it as the draft and analyse it.
        let open = move |d: Draft| {
            analyse(&d.title, &d.text);
            shown.set(d);
        };
        leptos::task::spawn_local(async move {
            match share::decode(&payload).await {
                Ok((title, text)) => {
                    let opened = Draft { title, text };
                    if previous != opened
                        && !(previous.title.is_empty() && previous.text.is_empty())
                    {
                        undo.set(Some(previous));
                        message.set(Some(
                            "Opened the shared text. Undo brings back your previous draft."
                                .to_owned(),
                        ));
                    } else {
                        message.set(Some("Opened the shared text.".to_owned()));
                    }
                    open(opened);
                }
                Err(e) => {
                    message.set(Some(e));
                    open(previous);
                }
            }
        });
    }
    let clear = move |_| {
        let Some((t, b)) = values() else { return };
        if t.is_empty() && b.is_empty() {
            return;
        }
        undo.set(Some(Draft { title: t, text: b }));
        set_fields(&Draft::default());
        analyse_now();
        message.set(Some("Cleared.".to_owned()));
        if let Some(b) = body_ref.get_untracked() {
            let _ = b.focus();
        }
    };
    let do_undo = move |_| {
        if let Some(d) = undo.get_untracked() {
            set_fields(&d);
            undo.set(None);
            message.set(Some("Restored.".to_owned()));
            analyse_now();
        }
    };
    let share = move |_| {
        let Some((t, b)) = values() else { return };
        leptos::task::spawn_local(async move {
            let payload = match share::encode(&t, &b).await {
                Ok(p) => p,
                Err(e) => return message.set(Some(e)),
            };
            let origin = web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default();
            let link = format!("{origin}/analyze#{}{payload}", share::FRAGMENT_KEY);
            if link.len() > share::MAX_LINK_CHARS {
                share_link.set(None);
                message.set(Some(
                    "This text is too long to share as a link. Export the analysis instead."
                        .to_owned(),
                ));
            } else {
                message.set(None);
                share_link.set(Some(link.clone()));
                copy_text(link, "Share link copied. It carries the text in the part after #, which is never sent to a server.", message);
            }
        });
    };
    let copy_summary = move |_| match result.get_untracked() {
        Some(r) if !r.analysis.summary.trim().is_empty() => {
            copy_text(r.analysis.summary.clone(), "Summary copied.", message)
        }
        _ => message.set(Some("There is no summary to copy yet.".to_owned())),
    };
    let export = move |_| match result.get_untracked() {
        Some(r) => {
            let json = serde_json::to_string_pretty(&*r.analysis).unwrap_or_default();
            match util::download("newsgauge-analysis.json", "application/json", &json) {
                Ok(()) => message.set(Some(
                    "Analysis exported as newsgauge-analysis.json.".to_owned(),
                )),
                Err(e) => message.set(Some(format!("Could not export: {e}."))),
            }
        }
        None => message.set(Some("There is no analysis to export yet.".to_owned())),
    };

    let has_result = move || result.with(Option::is_some);
    view! {
        <h1>"Analyze an article"</h1>
        <p class="muted">"Paste a financial news article. It is analysed in your browser and never leaves this page."</p>
        <div class="editor">
            <label for="title-input">"Title"</label>
            <input
                id="title-input"
                type="text"
                node_ref=title_ref
                prop:value=move || shown.with(|d| d.title.clone())
                placeholder="Headline (optional)"
                autocomplete="off"
                on:input=on_input
            />
            <label for="paste-box">"Article text"</label>
            <textarea
                id="paste-box"
                rows="12"
                node_ref=body_ref
                prop:value=move || shown.with(|d| d.text.clone())
                placeholder="Paste a financial news article…"
                spellcheck="false"
                on:input=on_input
            ></textarea>
            <div class="actions" id="analyze-actions">
                <button type="button" on:click=clear data-testid="clear">"Clear"</button>
                {move || undo.get().map(|_| view! { <button type="button" on:click=do_undo data-testid="undo">"Undo"</button> })}
                <button type="button" on:click=share data-testid="share" disabled=move || !has_result()>"Share link"</button>
                <button type="button" on:click=export data-testid="export" disabled=move || !has_result()>"Export JSON"</button>
                <button type="button" on:click=copy_summary data-testid="copy-summary" disabled=move || !has_result()>"Copy summary"</button>
                <EmbedButton title=Signal::derive(move || values().unwrap_or_default().0) text=Signal::derive(move || values().unwrap_or_default().1) />
                <span class="muted small" role="status" aria-live="polite" data-testid="pending">
                    {move || if pending.get() { "Analysing when you pause…" } else { "" }}
                </span>
            </div>
            <div aria-live="polite">
                {move || message.get().map(|m| view! { <p class="notice" data-testid="message">{m}</p> })}
                {move || draft_note.get().map(|m| view! { <p class="notice warn" data-testid="draft-note">{m}</p> })}
            </div>
            {move || {
                share_link
                    .get()
                    .map(|l| {
                        view! {
                            <label class="share-box">
                                <span>"Share link"</span>
                                <input type="text" readonly prop:value=l data-testid="share-link" on:focus=|ev| {
                                    use wasm_bindgen::JsCast;
                                    if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                        i.select();
                                    }
                                } />
                            </label>
                        }
                    })
            }}
        </div>
        {move || match result.get() {
            None => view! {
                <section class="analysis empty-state" data-testid="analysis-empty">
                    <p class="muted">"The analysis appears here as you type: market impact, tickers, sentiment and key decisions."</p>
                </section>
            }
                .into_any(),
            Some(r) => {
                let notes = limits_notice(&r);
                view! {
                    {notes.map(|n| view! { <p class="notice warn" role="status" data-testid="limit-notice">{n}</p> })}
                    <AnalysisView analysis=r.analysis.clone() title=r.title.clone() body=r.shown_body.clone() />
                }
                    .into_any()
            }
        }}
    }
}

/// What was left out of a long text, in words.
fn limits_notice(r: &Result_) -> Option<String> {
    let mut parts = Vec::new();
    if r.live_bytes < r.total_bytes {
        parts.push(format!(
            "This text is {}; only the first {} was analysed, to keep typing responsive.",
            util::human_bytes(r.total_bytes),
            util::human_bytes(r.live_bytes)
        ));
    }
    if r.analysis.truncated {
        parts.push(format!(
            "The engine analysed the first {} of it.",
            util::human_bytes(r.analysis.analyzed_bytes)
        ));
    }
    if r.shown_body.len() < r.live_bytes {
        parts.push(format!(
            "Highlights are shown for the first {}.",
            util::human_bytes(r.shown_body.len())
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// Copy `text` to the clipboard and report the outcome in `message`.
fn copy_text(text: String, done: &'static str, message: RwSignal<Option<String>>) {
    let Some(clip) = web_sys::window().map(|w| w.navigator().clipboard()) else {
        return;
    };
    let promise = clip.write_text(&text);
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => message.set(Some(done.to_owned())),
            Err(_) => message.set(Some(
                "The browser did not allow copying; select the text and copy it yourself."
                    .to_owned(),
            )),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_texts_wait_longer_before_analysis() {
        assert!(debounce_ms(100) < debounce_ms(50_000));
        assert!(debounce_ms(50_000) < debounce_ms(5_000_000));
    }

    #[test]
    fn only_the_live_limit_is_analysed() {
        let body = "Shares fell. ".repeat(LIVE_LIMIT / 13 + 100);
        let r = run_analysis("", &body);
        assert!(r.live_bytes <= LIVE_LIMIT && r.live_bytes < r.total_bytes);
        assert!(limits_notice(&r).unwrap().contains("only the first"));
    }
}
