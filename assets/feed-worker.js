// The feed reader's web worker (src/feeds.rs starts it, src/feed_worker.rs is its code).
// Trunk's own worker loader passes the wasm path in a form wasm-bindgen 0.2.130 warns
// about on every start; this one passes it the current way.
importScripts("./newsgauge-feed-worker.js");
wasm_bindgen({ module_or_path: "./newsgauge-feed-worker_bg.wasm" });
