// `./dev serve` (trunk serve): Trunk's inline live-reload script must run under the page's
// Content-Security-Policy, which refuses inline script. tools/reload-csp.mjs (a Trunk hook)
// allows that one script by its hash; this runs the hook on a staged index.html the way
// Trunk stages it (the source index.html with the reloader inline, placeholders unfilled)
// and loads the result in Chromium. Trunk's real script was checked by hand with
// `trunk serve`: the page reloads after a change, with no console error.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./lib.mjs";
import { serveStatic } from "./server.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const source = readFileSync(join(root, "index.html"), "utf8");
// What matters of Trunk's reloader: its placeholders, its socket path, and that it runs.
const RELOADER = `"use strict";
(function () {
    const address = '{{__TRUNK_ADDRESS__}}';
    const base = '{{__TRUNK_WS_BASE__}}';
    document.documentElement.dataset.reloader = "ws://" + address + base + ".well-known/trunk/ws";
})();
`;
const OTHER = `document.documentElement.dataset.other = "ran";`;

function hook(html) {
  const dir = mkdtempSync(join(tmpdir(), "reload-csp-"));
  writeFileSync(join(dir, "index.html"), html);
  execFileSync(process.execPath, [join(root, "tools", "reload-csp.mjs")], {
    env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_PUBLIC_URL: "/" },
  });
  return { dir, html: readFileSync(join(dir, "index.html"), "utf8") };
}

let browser;
after(() => browser?.close());

test("a build without Trunk's reloader (every release build) is left byte for byte", () => {
  assert.equal(hook(source).html, source);
});

test("trunk serve's live-reload script runs under the page's CSP, and no other inline script does", async () => {
  const staged = source.replace("<body>", `<body><script>${RELOADER}</script><script>${OTHER}</script>`);
  const { dir, html } = hook(staged);
  assert.match(html, /script-src 'sha256-[A-Za-z0-9+/=]+' 'self'/);
  assert.doesNotMatch(html, /__TRUNK_ADDRESS__|__TRUNK_WS_BASE__/, "placeholders filled in the file");
  const server = await serveStatic(dir);
  try {
    browser ??= await launch();
    const page = await browser.newPage();
    const errors = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    const host = `127.0.0.1:${server.address().port}`;
    await page.goto(`http://${host}/`);
    const root = page.locator("html");
    assert.equal(await root.getAttribute("data-reloader"), `ws://${host}/.well-known/trunk/ws`);
    assert.equal(await root.getAttribute("data-other"), null, "another inline script stays refused");
    // (The source index.html's unbuilt `data-trunk` links also give 404s here.)
    const refused = errors.filter((e) => e.includes("Content Security Policy"));
    assert.equal(refused.length, 1, `only the other script is refused: ${refused}`);
    await page.close();
  } finally {
    server.close();
  }
});
