//! "Add a feed": fetch a JSON Feed 1.1, RSS 2.0 (or 1.0) or Atom document from the browser
//! and turn its items into plain text articles. The parsing is plain Rust in
//! `crates/feeds` (unit-tested and fuzzed natively); this is the browser side. Feeds are
//! hostile input: the fetch has a timeout, a size cap and a content-type check.

pub use newsgauge_feeds::{
    content_type_ok, html_to_text, parse_feed, parse_json_feed, parse_xml_feed, sniff, FeedItem,
    Kind, ParsedFeed, MAX_ITEMS, MAX_ITEM_TEXT, MAX_TITLE,
};

#[cfg(target_arch = "wasm32")]
use crate::util;

/// Largest feed body read: bigger responses are cancelled mid-download.
pub const MAX_FEED_BYTES: usize = 5_000_000;
/// A feed that has not answered completely by then is abandoned.
pub const FETCH_TIMEOUT_MS: i32 = 15_000;

/// Fetch a feed with a timeout, a content-type check and a size cap, then parse it.
#[cfg(target_arch = "wasm32")]
pub async fn fetch_feed(url: &str) -> Result<ParsedFeed, String> {
    let Some(url) = util::safe_link(url) else {
        return Err("Enter a web address starting with http:// or https://.".to_owned());
    };
    if web_sys::Url::new(&url).is_err() {
        return Err("This is not a valid web address.".to_owned());
    }
    let controller =
        web_sys::AbortController::new().map_err(|_| "The browser cannot fetch feeds here.")?;
    let signal = controller.signal();
    let timer = {
        let c = controller.clone();
        leptos::prelude::set_timeout_with_handle(
            move || c.abort(),
            std::time::Duration::from_millis(FETCH_TIMEOUT_MS as u64),
        )
        .ok()
    };
    let result = fetch_body(&url, &signal).await;
    if let Some(t) = timer {
        t.clear();
    }
    let body = result.map_err(|e| {
        if signal.aborted() {
            timeout_message()
        } else {
            e
        }
    })?;
    worker::parse(body).await
}

/// Feeds are parsed in a web worker (`src/feed_worker.rs`), started on first use: the XML
/// parser and the HTML entity table stay out of the page's wasm, and a large feed does not
/// hold up the page.
#[cfg(target_arch = "wasm32")]
mod worker {
    use std::cell::{Cell, RefCell};
    use std::collections::BTreeMap;

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    use super::ParsedFeed;

    /// The worker's loader (`assets/feed-worker.js`). Trunk does not hash a worker's file
    /// names, so the page adds its own wasm's hashed name as a query ([`worker_url`]).
    const WORKER_URL: &str = "/feed-worker.js";
    /// What the worker posts once it listens (`src/feed_worker.rs` sends the same).
    const READY_MESSAGE: &str = "ready";
    const POST_FAILED: &str = "The browser could not pass the feed to the feed reader.";
    const WORKER_FAILED: &str =
        "The feed reader (a part of this site) failed to load or stopped. Try again.";

    /// The running worker.
    struct Conn {
        worker: web_sys::Worker,
        /// Messages waiting for the worker's "ready", `None` once it listens: its wasm starts
        /// asynchronously, and a message that arrives before it listens is lost.
        queue: Option<Vec<js_sys::Array>>,
    }

    thread_local! {
        static CONN: RefCell<Option<Conn>> = const { RefCell::new(None) };
        /// Parses waiting for their answer: request id → the promise's resolve function.
        static PENDING: RefCell<BTreeMap<u32, js_sys::Function>> = const { RefCell::new(BTreeMap::new()) };
        static NEXT_ID: Cell<u32> = const { Cell::new(0) };
    }

    /// Every waiting parse gets `message` as its error (when the worker cannot work).
    fn fail_all(message: &str) {
        let json = serde_json::to_string(&Err::<(), _>(message)).unwrap_or_default();
        let waiting = PENDING.with(|p| std::mem::take(&mut *p.borrow_mut()));
        for resolve in waiting.into_values() {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::from_str(&json));
        }
    }

    /// `WORKER_URL?v=<this page's wasm file name>`: the loader passes the query on to the
    /// worker's JS and wasm, so a new release (whose page wasm has a new hash) never talks to
    /// a cached worker of an older one. Without the boot tag (not expected), no query.
    fn worker_url() -> String {
        let wasm = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| {
                d.query_selector("script[data-newsgauge-wasm]")
                    .ok()
                    .flatten()
            })
            .and_then(|tag| tag.get_attribute("data-newsgauge-wasm"))
            .unwrap_or_default();
        match wasm.rsplit('/').next().unwrap_or_default() {
            "" => WORKER_URL.to_owned(),
            name => format!("{WORKER_URL}?v={}", js_sys::encode_uri_component(name)),
        }
    }

    fn on_message(ev: web_sys::MessageEvent) {
        let data = ev.data();
        if data.as_string().as_deref() == Some(READY_MESSAGE) {
            let ready = CONN.with(|c| {
                let mut c = c.borrow_mut();
                let c = c.as_mut()?;
                Some((c.worker.clone(), c.queue.take().unwrap_or_default()))
            });
            if let Some((worker, queued)) = ready {
                if queued.iter().any(|msg| worker.post_message(msg).is_err()) {
                    fail_all(POST_FAILED);
                }
            }
            return;
        }
        let msg: js_sys::Array = data.unchecked_into();
        let id = msg.get(0).as_f64().unwrap_or(-1.0) as u32;
        if let Some(resolve) = PENDING.with(|p| p.borrow_mut().remove(&id)) {
            let _ = resolve.call1(&JsValue::NULL, &msg.get(1));
        }
    }

    /// A worker that fails to load or crashes answers nothing: end it (a trapped wasm cannot
    /// be used again), tell every waiting parse, and start a new worker next time.
    fn on_error(_: web_sys::ErrorEvent) {
        if let Some(old) = CONN.with(|c| c.borrow_mut().take()) {
            old.worker.terminate();
        }
        fail_all(WORKER_FAILED);
    }

    fn start() -> Result<Conn, String> {
        let worker = web_sys::Worker::new(&worker_url())
            .map_err(|_| "The browser could not start the feed reader.".to_owned())?;
        let message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(on_message);
        worker.set_onmessage(Some(message.as_ref().unchecked_ref()));
        message.forget();
        let error = Closure::<dyn Fn(web_sys::ErrorEvent)>::new(on_error);
        worker.set_onerror(Some(error.as_ref().unchecked_ref()));
        error.forget();
        Ok(Conn {
            worker,
            queue: Some(Vec::new()),
        })
    }

    /// Parse a feed body in the worker.
    pub async fn parse(body: String) -> Result<ParsedFeed, String> {
        let id = NEXT_ID.with(|n| {
            let id = n.get();
            n.set(id.wrapping_add(1));
            id
        });
        let answer = js_sys::Promise::new(&mut |resolve, _reject| {
            PENDING.with(|p| p.borrow_mut().insert(id, resolve));
        });
        let msg = js_sys::Array::of2(&JsValue::from(id), &JsValue::from_str(&body));
        drop(body);
        let sent = CONN.with(|c| -> Result<(), String> {
            let mut c = c.borrow_mut();
            if c.is_none() {
                *c = Some(start()?);
            }
            let conn = c.as_mut().expect("just started");
            match &mut conn.queue {
                Some(queue) => queue.push(msg),
                None => conn
                    .worker
                    .post_message(&msg)
                    .map_err(|_| POST_FAILED.to_owned())?,
            }
            Ok(())
        });
        if let Err(e) = sent {
            PENDING.with(|p| p.borrow_mut().remove(&id));
            return Err(e);
        }
        let json = wasm_bindgen_futures::JsFuture::from(answer)
            .await
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        serde_json::from_str::<Result<ParsedFeed, String>>(&json)
            .unwrap_or_else(|_| Err("The feed reader gave no readable answer.".to_owned()))
    }
}

#[cfg(target_arch = "wasm32")]
fn timeout_message() -> String {
    format!(
        "The feed did not answer within {} seconds. Try again later.",
        FETCH_TIMEOUT_MS / 1000
    )
}

#[cfg(target_arch = "wasm32")]
async fn fetch_body(url: &str, signal: &web_sys::AbortSignal) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let resp = gloo_net::http::Request::get(url)
        .abort_signal(Some(signal))
        .send()
        .await
        .map_err(|_| {
            "The browser could not read this feed. Usually the site does not allow other websites \
             to read it (it sends no CORS header, Access-Control-Allow-Origin), or the address is \
             unreachable. Newsgauge runs only in your browser and has no server that could fetch \
             it for you."
                .to_owned()
        })?;
    if !resp.ok() {
        return Err(format!(
            "The feed's server answered HTTP {} {}.",
            resp.status(),
            resp.status_text()
        ));
    }
    let headers = resp.headers();
    content_type_ok(headers.get("content-type").as_deref())?;
    let too_big = || {
        format!(
            "The feed is larger than {}; Newsgauge reads feeds up to that size.",
            util::human_bytes(MAX_FEED_BYTES)
        )
    };
    if let Some(len) = headers
        .get("content-length")
        .and_then(|l| l.trim().parse::<usize>().ok())
    {
        if len > MAX_FEED_BYTES {
            return Err(too_big());
        }
    }
    let stream = resp.body().ok_or("The feed is empty.")?;
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| "The download was interrupted.".to_owned())?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        let value = js_sys::Reflect::get(&chunk, &"value".into())
            .map_err(|_| "The download failed.".to_owned())?;
        let arr = js_sys::Uint8Array::new(&value);
        if bytes.len() + arr.length() as usize > MAX_FEED_BYTES {
            let _ = reader.cancel();
            return Err(too_big());
        }
        let start = bytes.len();
        bytes.resize(start + arr.length() as usize, 0);
        arr.copy_to(&mut bytes[start..]);
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
