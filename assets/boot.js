// Newsgauge boot loader. Trunk normally inlines this loader in index.html; the site's
// Content-Security-Policy forbids inline script, so Trunk.toml's `pattern_script` points
// here instead and passes the hashed file names as data attributes.
const tag = document.querySelector("script[data-newsgauge-js]");
const bindings = await import(tag.dataset.newsgaugeJs);
const wasm = await bindings.default({ module_or_path: tag.dataset.newsgaugeWasm });
window.wasmBindings = bindings;
dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm } }));
