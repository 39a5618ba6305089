// Starts the widget card's wasm on /embed.html (assets/embed.html): newsgauge-embed.js, a
// classic script (wasm-bindgen's no-modules target), has defined `wasm_bindgen`; the wasm's
// address, with the build's version query, is in this tag's data-wasm.
wasm_bindgen({ module_or_path: document.currentScript.dataset.wasm });
