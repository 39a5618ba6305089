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
    parse_feed(&body)
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
