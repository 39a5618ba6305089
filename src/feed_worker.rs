//! The feed parser's web worker: says "ready" once it listens, then receives `[id, body]` messages, parses each body with
//! `newsgauge_feeds::parse_feed` and answers `[id, json]`, where json is the
//! `Result<ParsedFeed, String>` as JSON. The page loads it only when it reads a feed, so
//! the XML parser and the HTML entity table (48 KB of gzip) are not part of the page's
//! first load; and a large feed is parsed off the page's thread.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let msg: js_sys::Array = ev.data().unchecked_into();
            let body = msg.get(1).as_string().unwrap_or_default();
            let parsed = newsgauge_feeds::parse_feed(&body);
            let json = serde_json::to_string(&parsed)
                .unwrap_or_else(|_| r#"{"Err":"The feed could not be read."}"#.to_owned());
            let answer = js_sys::Array::of2(&msg.get(0), &JsValue::from_str(&json));
            let _ = reply.post_message(&answer);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // The page holds its messages until this: one sent before the handler was set is lost
    // (the wasm starts after the worker's script has run). Same text as `READY_MESSAGE` in
    // src/feeds.rs.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
