// The feed reader's web worker (src/feeds.rs starts it, src/feed_worker.rs is its code).
// Trunk's own worker loader passes the wasm path in a form wasm-bindgen 0.2.130 warns
// about on every start; this one passes it the current way. The page starts it as
// `feed-worker.js?v=<the page's wasm name>`, and the query goes on to the worker's JS and
// wasm, whose names Trunk does not hash: a new release fetches them anew.
const version = self.location.search;
importScripts("./newsgauge-feed-worker.js" + version);
wasm_bindgen({ module_or_path: "./newsgauge-feed-worker_bg.wasm" + version }).catch((e) => {
  // A failed start is a rejected promise, which the page would never hear of: rethrown
  // outside the promise it is an error event on the page's Worker, and the page answers
  // every waiting feed with a message instead of waiting for ever.
  setTimeout(() => {
    throw e;
  });
});
