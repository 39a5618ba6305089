// The foundation's end-to-end path: feed → article, paste-and-analyse, a deep link.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { BASE, launch, watch, shot } from "./lib.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("feed links to an article page that shows its analysis, without console errors", async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  await page.goto(BASE + "/");
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await shot(page, "feed");
  const link = page.locator("a[href^='/article/']").first();
  await link.waitFor();
  await link.click();
  await page.waitForURL(/\/article\//);
  await page.getByText("Back to News").waitFor();
  await page.getByTestId("sentiment-label").waitFor();
  await shot(page, "article");
  assert.deepEqual(problems, []);
  await page.close();
});

test("typing in /analyze updates the analysis", async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  await page.goto(BASE + "/analyze");
  const box = page.locator("#paste-box");
  await box.waitFor();
  await page.getByTestId("analysis-empty").waitFor();
  await box.fill("Acme shares plunged after the company missed estimates and cut its guidance.");
  // The analysis runs when typing pauses; its raw JSON is rendered when the details open.
  await page.getByTestId("analysis").waitFor();
  await page.getByText("Analysis JSON").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=analysis-json]")?.textContent.length > 0);
  const json = JSON.parse(await page.getByTestId("analysis-json").textContent());
  assert.equal(json.schema_version, 1);
  assert.ok(json.sentences.length >= 1, "the typed sentence is analysed");
  assert.ok(json.sentiment.score < 0, "a plunge and a miss read negative");
  await shot(page, "analyze");
  assert.deepEqual(problems, []);
  await page.close();
});

test("/about loads directly by URL (static fallback) and unknown routes show not found", async () => {
  const page = await browser.newPage();
  const problems = watch(page);
  await page.goto(BASE + "/about");
  await page.getByRole("heading", { name: "About Newsgauge" }).waitFor();
  await shot(page, "about");
  await page.goto(BASE + "/no/such/page");
  await page.getByRole("heading", { name: "Page not found" }).waitFor();
  await shot(page, "not-found");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the release build is minified, and every integrity hash matches the file it names", async () => {
  // tools/minify.mjs (a Trunk hook) rewrites files after Trunk hashed them: a stale hash
  // would make the browser refuse the stylesheet or the script.
  const html = await (await fetch(BASE + "/analyze")).text();
  assert.doesNotMatch(html, /<!--/, "index.html keeps no comments");
  const tags = [...html.matchAll(/<link\b[^>]*\bhref="\/?([^"]+)"[^>]*\bintegrity="([^"]+)"/g)];
  const names = tags.map((m) => m[1]);
  assert.ok(names.some((n) => /^newsgauge-web-.*\.js$/.test(n)), `the glue is preloaded: ${names}`);
  assert.ok(names.some((n) => /^main-.*\.css$/.test(n)), `the stylesheet is linked: ${names}`);
  // The wasm's preload carries no hash: Chromium would ignore it and warn on every page.
  const preload = html.match(/<link\b[^>]*\bas="fetch"[^>]*>/)?.[0] ?? "";
  assert.match(preload, /_bg\.wasm"/, "the wasm is preloaded");
  assert.doesNotMatch(preload, /integrity=/, preload);
  for (const [, name, integrity] of tags) {
    const bytes = Buffer.from(await (await fetch(`${BASE}/${name}`)).arrayBuffer());
    assert.equal(integrity, "sha384-" + createHash("sha384").update(bytes).digest("base64"), name);
    if (/\.(js|css)$/.test(name)) {
      const text = bytes.toString("utf8");
      assert.doesNotMatch(text, /\/\*/, `${name} keeps no comments`);
      assert.ok(text.split("\n").length < 10, `${name} is not laid out on ${text.split("\n").length} lines`);
    }
  }
});
