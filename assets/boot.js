// Newsgauge boot loader. Trunk normally inlines this loader in index.html; the site's
// Content-Security-Policy forbids inline script, so Trunk.toml's `pattern_script` points
// here instead and passes the hashed file names as data attributes.
//
// The widget's card was the site's /embed route; it is now /embed.html, its own smaller wasm
// (README "Embedding"). An iframe made with the old address reaches this page through the
// host's index.html fallback and is sent on, with its query and fragment, before the site's
// app starts.
if (/^\/embed\/?$/.test(location.pathname)) {
  location.replace("/embed.html" + location.search + location.hash);
} else {
  const tag = document.querySelector("script[data-newsgauge-js]");
  const bindings = await import(tag.dataset.newsgaugeJs);
  const wasm = await bindings.default({ module_or_path: tag.dataset.newsgaugeWasm });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
}
