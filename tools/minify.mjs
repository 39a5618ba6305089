// Trunk post-build hook (Trunk.toml): minifies a release build's JavaScript, CSS and HTML in
// Trunk's staging directory, then rewrites the Subresource Integrity hashes of the files it
// changed in index.html. Debug builds (`trunk serve`) are left as they are.
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

const htmlPath = join(dir, "index.html");
let html = readFileSync(htmlPath, "utf8");
const changed = [];
for (const name of readdirSync(dir).sort()) {
  const path = join(dir, name);
  const read = () => readFileSync(path, "utf8");
  let src, out;
  if (/^newsgauge-web-[0-9a-f]+\.js$/.test(name)) {
    // The page's wasm-bindgen glue, an ES module: its exports keep their names.
    src = read();
    out = (await minifyJs(src, { module: true, compress: true, mangle: true })).code;
  } else if (name === "newsgauge-feed-worker.js") {
    // The worker's glue is a classic script (wasm-bindgen's no-modules target) that defines
    // the global `wasm_bindgen`, which feed-worker.js calls: top-level names stay.
    src = read();
    out = (await minifyJs(src, { compress: true, mangle: { toplevel: false } })).code;
  } else if (/^(main|embed)-[0-9a-f]+\.css$/.test(name)) {
    src = read();
    out = minifyCss(src, { restructure: false }).css;
  } else {
    continue;
  }
  if (!out) throw new Error(`minifying ${name} gave nothing`);
  writeFileSync(path, out);
  changed.push([name, src.length, out.length]);
  // Every tag that names the file carries the old hash: give it the new one.
  const tag = new RegExp(`(<link\\b[^>]*\\bhref="/?${name.replace(/[.]/g, "\\.")}"[^>]*\\bintegrity=")[^"]*(")`, "g");
  html = html.replace(tag, `$1${sri(out)}$2`);
}
// index.html: the comments are for whoever reads the source; whitespace between tags is
// not rendered (the head holds no text, and the body is empty until the app mounts).
html = html.replace(/<!--[\s\S]*?-->/g, "").replace(/>\s+</g, "><").trim() + "\n";
writeFileSync(htmlPath, html);

// A file whose hash was not rewritten would be refused by the browser: check every one.
for (const m of html.matchAll(/<link\b[^>]*\bhref="\/?([^"]+)"[^>]*\bintegrity="([^"]+)"/g)) {
  const want = sri(readFileSync(join(dir, m[1])));
  if (m[2] !== want) throw new Error(`integrity of ${m[1]} does not match its bytes`);
}
for (const [name, from, to] of changed) console.log(`minified ${name}: ${from} -> ${to} bytes`);
