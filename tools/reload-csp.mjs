// Trunk post-build hook (Trunk.toml): lets `trunk serve` (`./dev serve`) reload the page.
//
// Trunk serve puts its live-reload script inline in index.html, and the page's
// Content-Security-Policy allows no inline script, so the browser refused it (a console
// error on every page) and the page never reloaded. This adds that one script's sha256 hash
// to the policy's script-src, and only when Trunk injected it (it opens Trunk's
// `.well-known/trunk/ws` socket): `trunk build` and `./dev dist` inject no script, so the
// deployed index.html is never touched. Any other inline script stays refused.
// Usage (what Trunk runs): TRUNK_STAGING_DIR=DIR node tools/reload-csp.mjs
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");
const path = join(dir, "index.html");
const html = readFileSync(path, "utf8");

const staged = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)]
  .map((m) => m[1])
  .find((code) => code.includes(".well-known/trunk/ws"));
if (staged === undefined) process.exit(0);

// Trunk fills the script's placeholders in each response, the address from the request's
// Host header, so its text (and hash) would depend on how the page was reached. Filled here
// instead, with the values the browser has anyway, the text is the same for every request.
const reloader = staged
  .replaceAll("'{{__TRUNK_ADDRESS__}}'", "window.location.host")
  .replaceAll("{{__TRUNK_WS_BASE__}}", process.env.TRUNK_PUBLIC_URL || "/");
const hash = `'sha256-${createHash("sha256").update(reloader, "utf8").digest("base64")}'`;
let found = false;
const out = html
  .replace(`<script>${staged}</script>`, () => `<script>${reloader}</script>`)
  .replace(/(http-equiv="Content-Security-Policy" content="[^"]*\bscript-src )/, (m) => {
    found = true;
    return m + hash + " ";
  });
if (!found) throw new Error("index.html has no Content-Security-Policy with a script-src to extend");
writeFileSync(path, out);
console.log(`allowed Trunk's live-reload script (${hash}) in the page's script-src`);
