//! The "Embed" button and its dialog: builds the widget snippet for the current article and
//! the chosen options, shows a live preview (an iframe of `/embed.html` spoken to with the same
//! `postMessage` protocol as `assets/widget.js`), and copies the snippet.

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::js_sys::{encode_uri_component, Reflect};
use web_sys::MessageEvent;

use crate::components::embed_card::{Parts, Theme, PART_NAMES};
use crate::pages::embed::{is_widget_message, message, EMBED_PATH};

/// The iframe sandbox: scripts run, in an opaque origin (no `allow-same-origin`: no cookies,
/// no storage, no access to the host); popups only so the card's "Analysed by Newsgauge"
/// link can open the site in a new tab, which escapes the sandbox to be a normal page.
pub const SANDBOX: &str = "allow-scripts allow-popups allow-popups-to-escape-sandbox";
/// Height offered for a fixed-height widget: the default card without decisions fits.
pub const DEFAULT_FIXED_HEIGHT: u32 = 260;
/// Tallest height the preview accepts from the card, so a bogus message cannot blow it up.
pub const MAX_PREVIEW_HEIGHT: f64 = 4000.0;

static NEXT_PREVIEW: AtomicU32 = AtomicU32::new(1);

/// Escape text for an HTML attribute value or element content (see
/// [`crate::highlight::escape_into`]).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    crate::highlight::escape_into(&mut out, s);
    out
}

/// Where the widget gets its article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source<'a> {
    /// Inline text (`data-title`, `data-text`): sent to the iframe by postMessage.
    Inline { title: &'a str, text: &'a str },
    /// A URL the iframe fetches (`data-src`).
    Url(&'a str),
}

/// The loader snippet: a `.newsgauge` element and the `widget.js` script from `site`.
pub fn loader_snippet(
    site: &str,
    theme: Theme,
    parts: Parts,
    height: Option<u32>,
    source: Source,
) -> String {
    let mut attrs = String::from(r#"class="newsgauge""#);
    let mut attr = |name: &str, value: &str| {
        attrs.push_str(&format!(r#" {name}="{}""#, escape_html(value)));
    };
    attr("data-theme", theme.as_str());
    attr("data-show", &parts.to_list());
    if let Some(h) = height {
        attr("data-height", &h.to_string());
    }
    match source {
        Source::Url(url) => attr("data-src", url),
        Source::Inline { title, text } => {
            if !title.trim().is_empty() {
                attr("data-title", title);
            }
            attr("data-text", text);
        }
    }
    format!(
        "<div {attrs}></div>\n<script src=\"{}/widget.js\" async></script>",
        escape_html(site)
    )
}

/// The iframe-only form, for hosts that allow no scripts (`query` is already URL-encoded).
pub fn iframe_snippet(site: &str, query: &str, height: u32) -> String {
    format!(
        "<iframe src=\"{}\" title=\"Newsgauge analysis\" width=\"100%\" height=\"{height}\" frameborder=\"0\" \
         sandbox=\"{SANDBOX}\" referrerpolicy=\"no-referrer\" loading=\"lazy\"></iframe>",
        escape_html(&format!("{site}{EMBED_PATH}?{query}"))
    )
}

/// The card's query for these options (`src` only for a URL source).
pub fn embed_query(src: Option<&str>, theme: Theme, parts: Parts) -> String {
    let mut q = Vec::new();
    if let Some(src) = src.filter(|s| !s.trim().is_empty()) {
        q.push(format!(
            "src={}",
            String::from(encode_uri_component(src.trim()))
        ));
    }
    q.push(format!("theme={}", theme.as_str()));
    q.push(format!(
        "show={}",
        String::from(encode_uri_component(&parts.to_list()))
    ));
    q.join("&")
}

/// The "Embed" button; opens the dialog for the article `title` / `text`.
#[component]
pub fn EmbedButton(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] text: Signal<String>,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let open = RwSignal::new(false);
    let show = move |_| {
        open.set(true);
        if let Some(d) = dialog.get_untracked() {
            let _ = d.show_modal();
        }
    };
    view! {
        <button type="button" class="ng-embed-button" data-testid="embed-button" on:click=show>
            "Embed"
        </button>
        <dialog node_ref=dialog class="ng-dialog" aria-labelledby="ng-dialog-title" on:close=move |_| open.set(false)>
            <form method="dialog" class="ng-dialog-close">
                <button type="submit" aria-label="Close">"Close"</button>
            </form>
            <h2 id="ng-dialog-title">"Embed this analysis"</h2>
            <Show when=move || open.get()>
                <EmbedDialog title text />
            </Show>
        </dialog>
    }
}

/// The dialog's content: options, snippet, copy buttons and the live preview.
#[component]
fn EmbedDialog(title: Signal<String>, text: Signal<String>) -> impl IntoView {
    let site = window().location().origin().unwrap_or_default();
    let theme = RwSignal::new(Theme::Auto);
    let parts = RwSignal::new(Parts::default());
    let use_url = RwSignal::new(false);
    let url = RwSignal::new(String::new());
    let fixed = RwSignal::new(false);
    let height_px = RwSignal::new(DEFAULT_FIXED_HEIGHT);
    let status = RwSignal::new(String::new());

    let height = move || fixed.get().then(|| height_px.get());
    let s = site.clone();
    let snippet = Memo::new(move |_| {
        let (t, x, u) = (title.get(), text.get(), url.get());
        let source = if use_url.get() {
            Source::Url(u.trim())
        } else {
            Source::Inline {
                title: &t,
                text: &x,
            }
        };
        loader_snippet(&s, theme.get(), parts.get(), height(), source)
    });
    let s = site.clone();
    let iframe_code = Memo::new(move |_| {
        let u = url.get();
        (use_url.get() && !u.trim().is_empty()).then(|| {
            let q = embed_query(Some(&u), theme.get(), parts.get());
            iframe_snippet(&s, &q, height().unwrap_or(DEFAULT_FIXED_HEIGHT))
        })
    });

    // The live preview: the real card page in the real sandbox, fed like widget.js feeds it.
    let channel = format!("preview-{}", NEXT_PREVIEW.fetch_add(1, Ordering::Relaxed));
    let ch = channel.clone();
    let origin = String::from(encode_uri_component(&site));
    let preview_src = Memo::new(move |_| {
        let u = url.get();
        let src = use_url.get().then_some(u.as_str());
        format!(
            "{EMBED_PATH}?{}#ng={ch}&origin={origin}",
            embed_query(src, theme.get(), parts.get())
        )
    });
    let frame = NodeRef::<leptos::html::Iframe>::new();
    let preview_height = RwSignal::new(f64::from(DEFAULT_FIXED_HEIGHT));
    let ready = RwSignal::new(false);
    Effect::new(move |_| {
        preview_src.track();
        ready.set(false);
    });
    let ch = channel.clone();
    let post_article = move || {
        if use_url.get_untracked() {
            return;
        }
        let Some(win) = frame.get_untracked().and_then(|f| f.content_window()) else {
            return;
        };
        let msg = message(
            "article",
            &ch,
            &[
                ("title", title.get_untracked().into()),
                ("text", text.get_untracked().into()),
            ],
        );
        // The sandboxed frame's origin is opaque: "*" is the only target that reaches it.
        let _ = win.post_message(&msg, "*");
    };
    let post = post_article.clone();
    let ch = channel.clone();
    let site_origin = site.clone();
    let listener = window_event_listener(ev::message, move |ev: MessageEvent| {
        let Some(win) = frame.get_untracked().and_then(|f| f.content_window()) else {
            return;
        };
        let from_preview = ev.source().is_some_and(|s| {
            let (s, w): (&JsValue, &JsValue) = (s.as_ref(), win.as_ref());
            s == w
        });
        let origin = ev.origin();
        if !from_preview || !(origin == "null" || origin == site_origin) {
            return;
        }
        let data = ev.data();
        if is_widget_message(&data, "ready", &ch) {
            ready.set(true);
            post();
        } else if is_widget_message(&data, "height", &ch) {
            let h = Reflect::get(&data, &"height".into())
                .ok()
                .and_then(|v| v.as_f64());
            if let Some(h) = h.filter(|h| h.is_finite() && *h >= 0.0) {
                preview_height.set(h.min(MAX_PREVIEW_HEIGHT));
            }
        }
    });
    on_cleanup(move || listener.remove());
    // Typing on /analyze while the dialog is open updates the preview.
    Effect::new(move |_| {
        title.track();
        text.track();
        if ready.get_untracked() {
            post_article();
        }
    });

    let copy = move |code: String, what: &'static str| {
        let promise = window().navigator().clipboard().write_text(&code);
        let ok = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            status.set(format!("Copied the {what} to the clipboard."))
        });
        let err = Closure::<dyn FnMut(JsValue)>::new(move |_| {
            status.set("Could not copy: select the code and press Ctrl+C.".to_owned())
        });
        let _ = promise.then2(&ok, &err);
        // Settled at most once each; two small closures per click are not worth tracking.
        ok.forget();
        err.forget();
    };

    let part_boxes = PART_NAMES
        .iter()
        .map(|&name| {
            view! {
                <label class="ng-check">
                    <input
                        type="checkbox"
                        name="ng-part"
                        value=name
                        prop:checked=move || parts.get().get(name)
                        on:change=move |ev| parts.update(|p| p.set(name, event_target_checked(&ev)))
                    />
                    " " {name}
                </label>
            }
        })
        .collect_view();
    let theme_options = Theme::ALL
        .iter()
        .map(|t| view! { <option value=t.as_str()>{t.as_str()}</option> })
        .collect_view();

    view! {
        <div class="ng-dialog-body">
            <fieldset class="ng-options">
                <legend>"Options"</legend>
                <label>
                    "Theme "
                    <select
                        data-testid="embed-theme"
                        prop:value=move || theme.get().as_str()
                        on:change=move |ev| theme.set(Theme::parse(&event_target_value(&ev)))
                    >
                        {theme_options}
                    </select>
                </label>
                <div class="ng-parts" role="group" aria-label="Parts to show">
                    {part_boxes}
                </div>
                <div role="radiogroup" aria-label="Article source">
                    <label class="ng-check">
                        <input
                            type="radio"
                            name="ng-source"
                            prop:checked=move || !use_url.get()
                            on:change=move |_| use_url.set(false)
                        />
                        " This article's text (inline, sent by postMessage)"
                    </label>
                    <label class="ng-check">
                        <input
                            type="radio"
                            name="ng-source"
                            data-testid="embed-source-url"
                            prop:checked=move || use_url.get()
                            on:change=move |_| use_url.set(true)
                        />
                        " A URL (JSON {title, text} or plain text, served with CORS)"
                    </label>
                    <input
                        type="url"
                        data-testid="embed-url"
                        placeholder="https://example.com/article.json"
                        aria-label="Article URL"
                        prop:disabled=move || !use_url.get()
                        prop:value=move || url.get()
                        on:change=move |ev| url.set(event_target_value(&ev))
                    />
                </div>
                <label class="ng-check">
                    <input
                        type="checkbox"
                        data-testid="embed-fixed"
                        prop:checked=move || fixed.get()
                        on:change=move |ev| fixed.set(event_target_checked(&ev))
                    />
                    " Fixed height (px) "
                </label>
                <input
                    type="number"
                    min="120"
                    max="2000"
                    aria-label="Height in pixels"
                    prop:disabled=move || !fixed.get()
                    prop:value=move || height_px.get().to_string()
                    on:change=move |ev| {
                        if let Ok(h) = event_target_value(&ev).parse::<u32>() {
                            height_px.set(h.clamp(120, 2000));
                        }
                    }
                />
            </fieldset>
            <label for="ng-snippet">"Paste this where the card should appear"</label>
            <textarea id="ng-snippet" data-testid="embed-snippet" readonly rows="5" prop:value=move || snippet.get()></textarea>
            <button type="button" data-testid="embed-copy" on:click=move |_| copy(snippet.get_untracked(), "snippet")>
                "Copy snippet"
            </button>
            {move || {
                iframe_code
                    .get()
                    .map(|code| {
                        let c = code.clone();
                        view! {
                            <label for="ng-iframe-code">"Or, for pages that allow no scripts (no auto-height)"</label>
                            <textarea id="ng-iframe-code" data-testid="embed-iframe-code" readonly rows="3" prop:value=code></textarea>
                            <button type="button" on:click=move |_| copy(c.clone(), "iframe code")>
                                "Copy iframe code"
                            </button>
                        }
                    })
            }}
            <p class="ng-status" role="status" data-testid="embed-status">{move || status.get()}</p>
            <p class="ng-preview-label">"Live preview"</p>
            <iframe
                node_ref=frame
                class="ng-preview"
                data-testid="embed-preview"
                title="Widget preview"
                sandbox=SANDBOX
                referrerpolicy="no-referrer"
                src=move || preview_src.get()
                style:height=move || {
                    format!("{}px", if fixed.get() { height_px.get() } else { preview_height.get().ceil() as u32 })
                }
            ></iframe>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_html_neutralises_markup_and_quotes() {
        assert_eq!(
            escape_html(r#"<img src=x onerror="a('b')"> & co"#),
            "&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt; &amp; co"
        );
        assert_eq!(escape_html("Zürich ünïcode"), "Zürich ünïcode");
    }

    #[test]
    fn inline_snippet_carries_escaped_text_and_options() {
        let code = loader_snippet(
            "https://ng.example",
            Theme::Dark,
            Parts::parse("impact,decisions"),
            None,
            Source::Inline {
                title: "A \"quoted\" title",
                text: "Body <script>x()</script>",
            },
        );
        assert_eq!(
            code,
            "<div class=\"newsgauge\" data-theme=\"dark\" data-show=\"impact,decisions\" \
             data-title=\"A &quot;quoted&quot; title\" data-text=\"Body &lt;script&gt;x()&lt;/script&gt;\"></div>\n\
             <script src=\"https://ng.example/widget.js\" async></script>"
        );
    }

    #[test]
    fn url_snippet_uses_data_src_and_fixed_height() {
        let code = loader_snippet(
            "https://ng.example",
            Theme::Auto,
            Parts::default(),
            Some(300),
            Source::Url("https://news.example/a.json?x=1&y=2"),
        );
        assert!(code.contains(r#"data-height="300""#), "{code}");
        assert!(
            code.contains(r#"data-src="https://news.example/a.json?x=1&amp;y=2""#),
            "{code}"
        );
        assert!(!code.contains("data-text"), "{code}");
    }

    #[test]
    fn empty_title_is_left_out() {
        let code = loader_snippet(
            "s",
            Theme::Auto,
            Parts::default(),
            None,
            Source::Inline {
                title: " ",
                text: "t",
            },
        );
        assert!(!code.contains("data-title"), "{code}");
    }

    #[test]
    fn iframe_snippet_is_sandboxed_and_escapes_the_address() {
        let code = iframe_snippet("https://ng.example", "src=a%2Fb&theme=dark", 260);
        assert!(
            code.contains(r#"src="https://ng.example/embed.html?src=a%2Fb&amp;theme=dark""#),
            "{code}"
        );
        assert!(code.contains(&format!(r#"sandbox="{SANDBOX}""#)), "{code}");
        assert!(code.contains(r#"referrerpolicy="no-referrer""#), "{code}");
        assert!(
            !SANDBOX.contains("allow-same-origin"),
            "the card must stay in an opaque origin"
        );
    }
}
