// The feed reader's web worker (src/feeds.rs starts it, src/feed_worker.rs is its code).
// Trunk's own worker loader passes the wasm path in a form wasm-bindgen 0.2.130 warns
// about on every start; this one passes it the current way.
importScripts("./newsgauge-feed-worker.js");
wasm_bindgen({ module_or_path: "./newsgauge-feed-worker_bg.wasm" }).catch((e) => {
  // A failed start is a rejected promise, which the page would never hear of: rethrown
  // outside the promise it is an error event on the page's Worker, and the page answers
  // every waiting feed with a message instead of waiting for ever.
  setTimeout(() => {
    throw e;
  });
});
