//! `/embed.html`: the compact card shown inside the embeddable widget's iframe. It is its
//! own binary (`src/embed_main.rs`): the card needs the engine and this page, not the site's
//! router, feed, store or other pages, so the widget downloads a smaller wasm than the site.
//!
//! The page runs in `<iframe sandbox="allow-scripts …">` without `allow-same-origin`, so its
//! origin is opaque ("null"): it must never touch cookies or storage (both throw there), and
//! it makes no network request except fetching `src` (the host's `data-src`).
//!
//! Options come in the query (`src`, `theme`, `show`) so the iframe-only form
//! `<iframe src="…/embed?src=…&theme=dark">` works without any script on the host. The
//! loader (`assets/widget.js`) adds a fragment `#ng=<channel id>&origin=<host origin>`; a
//! fragment never reaches a server. With a channel the page talks to its parent by
//! `postMessage`, every message an object `{newsgauge: 1, type, id, …}`:
//!
//! - to the parent: `ready` once it listens, then `height` (px) whenever the card's size
//!   changes, posted with the host origin as target origin;
//! - from the parent: `article` `{title, text}` (inline text: never in the URL). Accepted only
//!   when `event.source` is `window.parent`, `event.origin` is the host origin from the
//!   fragment, and the shape and channel id match. Anything else is ignored.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use gloo_net::http::Request;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use newsgauge_engine::{analyze, normalize::MAX_ANALYZED_BYTES, Analysis, Article};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::js_sys::{Array, Object, Reflect};
use web_sys::{
    AbortController, MessageEvent, ReferrerPolicy, RequestCredentials, ResizeObserver,
    UrlSearchParams,
};

use crate::components::embed_card::{EmbedCard, Parts, Theme};

/// Largest `src` document fetched: JSON escaping can double the text, and the engine
/// analyses at most `MAX_ANALYZED_BYTES` of it anyway.
pub const MAX_SRC_BYTES: usize = 2 * MAX_ANALYZED_BYTES;
/// How long fetching `src` may take before the card shows an error: a slow host should not
/// leave a spinner forever.
pub const FETCH_TIMEOUT_MS: u64 = 10_000;
/// How long the card waits for the loader's `article` message before saying none came:
/// the loader answers `ready` at once, so this only fires when something is broken.
pub const ARTICLE_WAIT_MS: u64 = 10_000;
/// Marker every widget message carries (`{newsgauge: 1, …}`): the protocol version.
pub const PROTOCOL_VERSION: f64 = 1.0;
/// The card's page (`assets/embed.html`, written into the build by `tools/embed-page.mjs`).
/// The old address `/embed` still works: `assets/boot.js` forwards it here, query and
/// fragment kept.
pub const EMBED_PATH: &str = "/embed.html";

/// Whether `src` may be fetched: http(s) URLs and relative URLs, nothing else
/// (`data:`, `javascript:`, `file:` …).
pub fn src_is_allowed(src: &str) -> bool {
    let src = src.trim();
    if src.is_empty() {
        return false;
    }
    // A scheme is letters/digits/+-. before the first ':' that comes before any '/', '?', '#'.
    let end = src.find([':', '/', '?', '#']);
    match end {
        Some(i) if src[i..].starts_with(':') => {
            let scheme = src[..i].to_ascii_lowercase();
            scheme == "http" || scheme == "https"
        }
        _ => true,
    }
}

/// Read a fetched `src` document: JSON `{title, text}` or plain text.
/// JSON when the content type says so, or (with no text/plain type) when it starts with `{`.
pub fn parse_article(body: &str, content_type: Option<&str>) -> Result<Article, String> {
    #[derive(Deserialize)]
    struct Src {
        #[serde(default)]
        title: Option<String>,
        text: String,
    }
    let ct = content_type.unwrap_or("").to_ascii_lowercase();
    let json = ct.contains("json")
        || (!ct.starts_with("text/plain") && body.trim_start().starts_with('{'));
    if !json {
        return Ok(Article {
            title: None,
            text: body.to_owned(),
        });
    }
    let s: Src = serde_json::from_str(body)
        .map_err(|e| format!("The article is not JSON of the form {{\"title\", \"text\"}}: {e}"))?;
    Ok(Article {
        title: s.title.filter(|t| !t.trim().is_empty()),
        text: s.text,
    })
}

/// The options of one embed, from the page's query and fragment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmbedParams {
    pub src: Option<String>,
    pub theme: Theme,
    pub parts: Parts,
    /// The loader's channel id (fragment `ng`): only then does the page talk to its parent.
    pub channel: Option<String>,
    /// The host page's origin (fragment `origin`), used as postMessage target and check.
    pub parent_origin: Option<String>,
}

impl EmbedParams {
    /// Read the options from `?query` and `#fragment` (both form-encoded).
    pub fn from_query(search: &str, hash: &str) -> EmbedParams {
        let get = |s: &str, key: &str| {
            UrlSearchParams::new_with_str(s.trim_start_matches(['?', '#']))
                .ok()
                .and_then(|p| p.get(key))
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        EmbedParams {
            src: get(search, "src"),
            theme: Theme::parse(&get(search, "theme").unwrap_or_default()),
            parts: Parts::parse(&get(search, "show").unwrap_or_default()),
            channel: get(hash, "ng"),
            // An opaque host ("null") cannot be targeted: then "*" is used and not checked.
            parent_origin: get(hash, "origin").filter(|o| o != "null"),
        }
    }

    fn from_location() -> EmbedParams {
        let loc = window().location();
        EmbedParams::from_query(
            &loc.search().unwrap_or_default(),
            &loc.hash().unwrap_or_default(),
        )
    }
}

/// What the card shows.
#[derive(Debug, Clone, PartialEq)]
enum State {
    /// Waiting for the loader's inline article.
    Waiting,
    /// Fetching `src`.
    Loading,
    Ready {
        title: Option<String>,
        analysis: Box<Analysis>,
    },
    Failed(String),
}

fn analysed(article: Article) -> State {
    if article.text.trim().is_empty() && article.title.as_deref().unwrap_or("").trim().is_empty() {
        return State::Failed("The article is empty: there is nothing to analyse.".to_owned());
    }
    let analysis = Box::new(analyze(&article));
    State::Ready {
        title: article.title,
        analysis,
    }
}

/// Fetch and read `src`, with the size cap and timeout above. Credentials are never sent.
async fn fetch_article(src: String) -> Result<Article, String> {
    if !src_is_allowed(&src) {
        return Err("The article address must be an http(s) URL.".to_owned());
    }
    let controller =
        AbortController::new().map_err(|_| "This browser cannot fetch articles.".to_owned())?;
    let signal = controller.signal();
    let timed_out = Rc::new(Cell::new(false));
    let flag = timed_out.clone();
    let timer = set_timeout_with_handle(
        move || {
            flag.set(true);
            controller.abort();
        },
        Duration::from_millis(FETCH_TIMEOUT_MS),
    )
    .ok();
    let result = async {
        let resp = Request::get(&src)
            .abort_signal(Some(&signal))
            .credentials(RequestCredentials::Omit)
            .referrer_policy(ReferrerPolicy::NoReferrer)
            .send()
            .await
            .map_err(|_| {
                "Could not load the article (network error, or its server does not allow \
                 cross-origin requests: it must send Access-Control-Allow-Origin)."
                    .to_owned()
            })?;
        if !resp.ok() {
            return Err(format!(
                "Could not load the article: HTTP {}.",
                resp.status()
            ));
        }
        let too_big = || {
            format!(
                "The article is larger than {} MB.",
                MAX_SRC_BYTES / (1024 * 1024)
            )
        };
        let declared = resp
            .headers()
            .get("content-length")
            .and_then(|v| v.trim().parse::<usize>().ok());
        if declared.is_some_and(|n| n > MAX_SRC_BYTES) {
            return Err(too_big());
        }
        let body = resp
            .text()
            .await
            .map_err(|_| "Could not read the article.".to_owned())?;
        if body.len() > MAX_SRC_BYTES {
            return Err(too_big());
        }
        parse_article(&body, resp.headers().get("content-type").as_deref())
    }
    .await;
    if let Some(t) = timer {
        t.clear();
    }
    result.map_err(|e| {
        if timed_out.get() {
            format!(
                "The article took longer than {} s to load.",
                FETCH_TIMEOUT_MS / 1000
            )
        } else {
            e
        }
    })
}

/// A widget message `{newsgauge: 1, type, id}` (plus `extra` fields).
pub fn message(kind: &str, id: &str, extra: &[(&str, JsValue)]) -> Object {
    let obj = Object::new();
    let _ = Reflect::set(&obj, &"newsgauge".into(), &PROTOCOL_VERSION.into());
    let _ = Reflect::set(&obj, &"type".into(), &kind.into());
    let _ = Reflect::set(&obj, &"id".into(), &id.into());
    for (k, v) in extra {
        let _ = Reflect::set(&obj, &(*k).into(), v);
    }
    obj
}

/// `data.<key>` as a string, if it is one.
pub fn string_field(data: &JsValue, key: &str) -> Option<String> {
    Reflect::get(data, &key.into())
        .ok()
        .and_then(|v| v.as_string())
}

/// Whether `data` is a widget message of type `kind` on channel `id`.
pub fn is_widget_message(data: &JsValue, kind: &str, id: &str) -> bool {
    data.is_object()
        && Reflect::get(data, &"newsgauge".into())
            .ok()
            .and_then(|v| v.as_f64())
            == Some(PROTOCOL_VERSION)
        && string_field(data, "type").as_deref() == Some(kind)
        && string_field(data, "id").as_deref() == Some(id)
}

/// The parent window, unless the page is not framed.
fn parent_window() -> Option<web_sys::Window> {
    let me = window();
    let parent = me.parent().ok().flatten()?;
    let (p, m): (&JsValue, &JsValue) = (parent.as_ref(), me.as_ref());
    (p != m).then_some(parent)
}

/// Watch `el` and post its height to the parent whenever it changes.
fn post_heights(el: &web_sys::Element, channel: String, target: String) {
    let Some(parent) = parent_window() else {
        return;
    };
    let last = Cell::new(-1.0_f64);
    let node = el.clone();
    let cb = Closure::<dyn FnMut(Array)>::new(move |_entries: Array| {
        let h = node.get_bounding_client_rect().height().ceil();
        if h != last.get() {
            last.set(h);
            let msg = message("height", &channel, &[("height", h.into())]);
            let _ = parent.post_message(&msg, &target);
        }
    });
    if let Ok(observer) = ResizeObserver::new(cb.as_ref().unchecked_ref()) {
        observer.observe(el);
    }
    // The observer lives as long as the page (one card per document).
    cb.forget();
}

#[component]
pub fn Embed() -> impl IntoView {
    let params = EmbedParams::from_location();
    let doc = document();
    doc.set_title("Newsgauge widget");
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("data-ng-embed", params.theme.as_str());
    }
    let loc = window().location();
    let site = format!(
        "{}//{}/",
        loc.protocol().unwrap_or_default(),
        loc.host().unwrap_or_default()
    );
    let target = params
        .parent_origin
        .clone()
        .unwrap_or_else(|| "*".to_owned());

    let state = RwSignal::new(State::Waiting);
    if let Some(src) = params.src.clone() {
        state.set(State::Loading);
        spawn_local(async move {
            state.set(match fetch_article(src).await {
                Ok(article) => analysed(article),
                Err(e) => State::Failed(e),
            });
        });
    } else if params.channel.is_none() {
        state.set(State::Failed(
            "No article: give the widget a data-src URL or inline text (or ?src= in the iframe address).".to_owned(),
        ));
    }

    if let (Some(channel), Some(parent)) = (params.channel.clone(), parent_window()) {
        if params.src.is_none() {
            let expected = params.parent_origin.clone();
            let id = channel.clone();
            // Lives as long as the page: the parent may send a newer article at any time.
            let _listener = window_event_listener(ev::message, move |ev: MessageEvent| {
                let from_parent = ev.source().is_some_and(|s| {
                    let (s, p): (&JsValue, &JsValue) = (s.as_ref(), parent.as_ref());
                    s == p
                });
                let origin_ok = expected.as_deref().is_none_or(|o| ev.origin() == o);
                let data = ev.data();
                if !(from_parent && origin_ok && is_widget_message(&data, "article", &id)) {
                    return;
                }
                let text = string_field(&data, "text").unwrap_or_default();
                let title = string_field(&data, "title").filter(|t| !t.trim().is_empty());
                state.set(analysed(Article { title, text }));
            });
            set_timeout(
                move || {
                    if state.get_untracked() == State::Waiting {
                        state.set(State::Failed(
                            "No article arrived from the host page.".to_owned(),
                        ));
                    }
                },
                Duration::from_millis(ARTICLE_WAIT_MS),
            );
        }
        if let Some(parent) = parent_window() {
            let _ = parent.post_message(&message("ready", &channel, &[]), &target);
        }
    }

    let root = NodeRef::<leptos::html::Div>::new();
    if let Some(channel) = params.channel.clone() {
        let target = target.clone();
        root.on_load(move |el| post_heights(&el, channel, target));
    }
    let parts = params.parts;
    view! {
        <div class="ng-embed" data-theme=params.theme.as_str() node_ref=root>
            {move || match state.get() {
                State::Waiting | State::Loading => {
                    view! { <p class="ng-status" role="status">"Analysing…"</p> }.into_any()
                }
                State::Failed(e) => {
                    view! {
                        <div class="ng-card ng-error">
                            <p role="alert" data-testid="ng-error">{e}</p>
                            <p class="ng-foot">
                                <a href=site.clone() target="_blank" rel="noopener noreferrer">"Newsgauge"</a>
                            </p>
                        </div>
                    }
                        .into_any()
                }
                State::Ready { title, analysis } => {
                    view! { <EmbedCard analysis=*analysis title=title.unwrap_or_default() parts site=site.clone() /> }
                        .into_any()
                }
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_relative_sources_are_fetched() {
        assert!(src_is_allowed("https://example.com/a.json"));
        assert!(src_is_allowed("HTTP://example.com/a.txt"));
        assert!(src_is_allowed("/samples/a.json"));
        assert!(src_is_allowed("//cdn.example.com/a.json"));
        assert!(src_is_allowed("a.json?x=http:y"));
        assert!(!src_is_allowed("javascript:alert(1)"));
        assert!(!src_is_allowed("data:text/plain,hi"));
        assert!(!src_is_allowed("file:///etc/passwd"));
        assert!(!src_is_allowed("  "));
    }

    #[test]
    fn json_articles_give_title_and_text() {
        let a = parse_article(
            r#"{"title":"Acme beats","text":"Shares rose."}"#,
            Some("application/json"),
        )
        .unwrap();
        assert_eq!(a.title.as_deref(), Some("Acme beats"));
        assert_eq!(a.text, "Shares rose.");
        let sniffed = parse_article(r#" {"text":"Body only"}"#, None).unwrap();
        assert_eq!((sniffed.title, sniffed.text.as_str()), (None, "Body only"));
    }

    #[test]
    fn plain_text_is_the_body_even_when_it_starts_with_a_brace() {
        let a = parse_article(
            "{braces} in a plain article",
            Some("text/plain; charset=utf-8"),
        )
        .unwrap();
        assert_eq!(a.text, "{braces} in a plain article");
        assert_eq!(
            parse_article("Just text.", None).unwrap().text,
            "Just text."
        );
    }

    #[test]
    fn malformed_json_is_a_clear_error() {
        let e = parse_article(r#"{"title": 3}"#, Some("application/json")).unwrap_err();
        assert!(e.contains("not JSON of the form"), "{e}");
    }

    #[test]
    fn html_in_an_article_stays_text() {
        let a = parse_article(r#"{"text":"<img src=x onerror=alert(1)>"}"#, None).unwrap();
        assert_eq!(a.text, "<img src=x onerror=alert(1)>");
    }
}
