// Trunk post-build hook (Trunk.toml): minifies a release build's JavaScript, CSS and HTML in
// Trunk's staging directory, then sets the Subresource Integrity hashes of index.html and
// embed.html from the files as they are then. Debug builds (`trunk serve`) are left as they are.
//
// Trunk's own minifier is not used: its JavaScript minifier (minify-js) fails on the
// wasm-bindgen glue and leaves it whole, and its CSS minifier rewrites media queries into
// range syntax (`width<=480px`), which Safari before 16.4 ignores. terser and csso (without
// restructuring) only drop what the browser does not need: whitespace, comments, long local
// names. Usage (what Trunk runs): TRUNK_PROFILE=release TRUNK_STAGING_DIR=DIR node tools/minify.mjs
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { minify as minifyJs } from "terser";
import { minify as minifyCss } from "csso";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");
if (process.env.TRUNK_PROFILE !== "release") process.exit(0);

/** sha384 in the form an `integrity` attribute holds. */
const sri = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");

/** How to minify each file this hook changes; `null` for the files it leaves alone. */
function minifier(name) {
  if (/^newsgauge-web-[0-9a-f]+\.js$/.test(name)) {
    // The page's wasm-bindgen glue, an ES module: its exports keep their names.
    return async (src) => (await minifyJs(src, { module: true, compress: true, mangle: true })).code;
  }
  if (name === "newsgauge-feed-worker.js" || name === "newsgauge-embed.js") {
    // The feed worker's and the widget card's glue are classic scripts (wasm-bindgen's
    // no-modules target) that define the global `wasm_bindgen`, which feed-worker.js and
    // embed-boot.js call: top-level names stay.
    return async (src) => (await minifyJs(src, { compress: true, mangle: { toplevel: false } })).code;
  }
  if (/^(main|embed)-[0-9a-f]+\.css$/.test(name)) {
    return async (src) => minifyCss(src, { restructure: false }).css;
  }
  return null;
}

const changed = [];
for (const name of readdirSync(dir).sort()) {
  const minify = minifier(name);
  if (!minify) continue;
  const path = join(dir, name);
  const src = readFileSync(path, "utf8");
  const out = await minify(src);
  if (!out) throw new Error(`minifying ${name} gave nothing`);
  writeFileSync(path, out);
  changed.push([name, src.length, out.length]);
}

/** A `<link>` tag with its integrity hash taken from the bytes of the file as it now is
 * (Trunk hashed the files before this hook changed them, and the browser refuses a file
 * whose hash is stale), or without one on the wasm's `as="fetch"` preload: Chromium checks
 * no hash there and warns on every page that it ignored one (crbug.com/981419), and the
 * glue's own fetch of the wasm asks for none. */
function withIntegrity(tag) {
  const integrity = /\s+integrity="[^"]*"/;
  if (!integrity.test(tag)) return tag;
  if (/\bas="fetch"/.test(tag)) return tag.replace(integrity, "");
  const file = tag.match(/\bhref="\/?([^"]+)"/)[1];
  return tag.replace(integrity, ` integrity="${sri(readFileSync(join(dir, file)))}"`);
}

// index.html and the widget card's embed.html (tools/embed-page.mjs wrote it before this
// hook, with index.html's stylesheet tags): the integrity hashes above; no comments, which
// are for whoever reads the source; no whitespace between tags, which is not rendered (the
// heads hold no text, and the bodies are empty until the apps mount).
for (const page of ["index.html", "embed.html"]) {
  const htmlPath = join(dir, page);
  const html = readFileSync(htmlPath, "utf8")
    .replace(/<link\b[^>]*>/g, withIntegrity)
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/>\s+</g, "><")
    .trim();
  writeFileSync(htmlPath, html + "\n");
}
for (const [name, from, to] of changed) console.log(`minified ${name}: ${from} -> ${to} bytes`);
