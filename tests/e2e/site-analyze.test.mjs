// /analyze: live analysis, the draft surviving reloads, Clear with undo, share links,
// export, copy and the performance measure.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE, launch, watch, openAnalyze } from "./lib.mjs";

const TEXT =
  "Northwind Bank shares fell 9% after a data breach lawsuit. Regulators opened an investigation. " +
  "Apple beat estimates and raised its dividend.";
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const fresh = () => openAnalyze(browser);

test("typing updates the analysis and each run is recorded as newsgauge:analyze", async () => {
  const { context, page, problems } = await fresh();
  await page.getByTestId("analysis-empty").waitFor();
  await page.locator("#paste-box").pressSequentially("Shares plunged after the company missed estimates.", { delay: 5 });
  await page.getByTestId("analysis").waitFor();
  const label = await page.getByTestId("sentiment-label").textContent();
  assert.ok(label.length > 0);
  const first = await page.getByTestId("highlighted-text").textContent();
  assert.equal(first, "Shares plunged after the company missed estimates.");
  await page.locator("#paste-box").pressSequentially(" Apple raised its dividend.", { delay: 5 });
  await page.waitForFunction(() => document.querySelector("[data-testid=highlighted-text]").textContent.includes("dividend"));
  const runs = await page.evaluate(() => performance.getEntriesByName("newsgauge:analyze", "measure").length);
  assert.ok(runs >= 2, `measures recorded: ${runs}`);
  // Debounced: far fewer analyses than keystrokes.
  assert.ok(runs < 20, `analysis ran ${runs} times for ~75 keystrokes`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the draft survives a reload in the middle of typing", async () => {
  const { context, page, problems } = await fresh();
  await page.locator("#title-input").fill("Draft title");
  await page.locator("#paste-box").pressSequentially("Typed just before the reload", { delay: 2 });
  await page.reload();
  await page.locator("#paste-box").waitFor();
  assert.equal(await page.locator("#title-input").inputValue(), "Draft title");
  assert.equal(await page.locator("#paste-box").inputValue(), "Typed just before the reload");
  await page.getByTestId("analysis").waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("Clear asks nothing and Undo brings the text back", async () => {
  const { context, page, problems } = await fresh();
  await page.locator("#paste-box").fill(TEXT);
  await page.getByTestId("analysis").waitFor();
  await page.getByTestId("clear").click();
  assert.equal(await page.locator("#paste-box").inputValue(), "");
  await page.getByTestId("analysis-empty").waitFor();
  await page.getByTestId("undo").click();
  assert.equal(await page.locator("#paste-box").inputValue(), TEXT);
  await page.getByTestId("analysis").waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("a share link carries the text in the fragment and reopens the same analysis", async () => {
  const { context, page, problems } = await fresh();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE });
  await page.locator("#title-input").fill("Shared headline — émoji 📉");
  await page.locator("#paste-box").fill(TEXT);
  await page.getByTestId("analysis").waitFor();
  await page.getByText("Analysis JSON").click();
  await page.waitForFunction(() => document.querySelector("[data-testid=analysis-json]").textContent.length > 0);
  const json = await page.getByTestId("analysis-json").textContent();
  await page.getByTestId("share").click();
  const link = await page.getByTestId("share-link").inputValue();
  assert.ok(link.startsWith(BASE + "/analyze#s="), link);
  assert.ok(!link.includes("Northwind"), "the text is compressed, not plain");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link, "the link is copied");

  // Another browser (no draft) opens the link.
  const other = await browser.newContext();
  const p2 = await other.newPage();
  const problems2 = watch(p2);
  await p2.goto(link);
  await p2.getByTestId("analysis").waitFor();
  assert.equal(await p2.locator("#title-input").inputValue(), "Shared headline — émoji 📉");
  assert.equal(await p2.locator("#paste-box").inputValue(), TEXT);
  assert.equal(new URL(p2.url()).hash, "", "the fragment is dropped so later edits survive a reload");
  await p2.getByText("Analysis JSON").click();
  await p2.waitForFunction(() => document.querySelector("[data-testid=analysis-json]").textContent.length > 0);
  assert.equal(await p2.getByTestId("analysis-json").textContent(), json, "same analysis");
  assert.deepEqual(problems2, []);
  await other.close();

  // A damaged link gives a message, not a crash.
  const p3 = await context.newPage();
  const problems3 = watch(p3);
  await p3.goto(BASE + "/analyze#s=not-a-real-payload");
  await p3.getByTestId("message").waitFor();
  assert.match(await p3.getByTestId("message").textContent(), /damaged/);
  // The link opens asynchronously (the browser inflates it); when it fails, the draft it
  // would have replaced comes back.
  assert.equal(await p3.locator("#paste-box").inputValue(), TEXT, "the draft is kept");
  assert.equal(await p3.locator("#title-input").inputValue(), "Shared headline — émoji 📉");
  assert.deepEqual(problems3, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("export downloads the analysis JSON and copy puts the summary on the clipboard", async () => {
  const { context, page, problems } = await fresh();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE });
  await page.locator("#paste-box").fill(TEXT);
  await page.getByTestId("analysis").waitFor();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export").click()]);
  assert.equal(download.suggestedFilename(), "newsgauge-analysis.json");
  const path = await download.path();
  const { readFile } = await import("node:fs/promises");
  const exported = JSON.parse(await readFile(path, "utf8"));
  assert.equal(exported.schema_version, 1);
  await page.getByTestId("copy-summary").click();
  const summary = await page.getByTestId("summary").count();
  await page.getByTestId("message").waitFor();
  if (summary > 0) {
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), exported.summary);
  } else {
    assert.match(await page.getByTestId("message").textContent(), /no summary/);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("a 5,000-word paste is analysed once typing pauses, and its cost is readable from the browser", async () => {
  const { context, page, problems } = await fresh();
  const res = await fetch(BASE + "/samples/articles.json");
  const samples = await res.json();
  let text = "";
  for (let i = 0; text.split(/\s+/).length < 5000; i++) text += samples[i % samples.length].text + "\n\n";
  const words = text.split(/\s+/).length;
  await page.evaluate((t) => {
    const box = document.getElementById("paste-box");
    box.value = t;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
  await page.getByTestId("analysis").waitFor();
  // Typing right after the paste is taken at once (the analysis waits for the pause).
  await page.locator("#paste-box").press("End");
  await page.locator("#paste-box").pressSequentially(" More.", { delay: 5 });
  assert.ok((await page.locator("#paste-box").inputValue()).endsWith(" More."));
  await page.waitForFunction(() => document.querySelector("[data-testid=highlighted-text]").textContent.endsWith("More."));
  const cost = await page.evaluate(() =>
    performance.getEntriesByName("newsgauge:analyze", "measure").map((m) => Math.round(m.duration)),
  );
  console.log(`# newsgauge:analyze for a ${words}-word paste (ms): ${cost.join(", ")}`);
  assert.ok(cost.length >= 2 && cost.length <= 4, `analysis runs: ${cost.length}`);
  assert.deepEqual(problems, []);
  await context.close();
});

// Each (family, size, weight) a page shows is a font lookup the first time (on Linux a round
// trip to the browser's font service), paid before the first analysis can paint: the type
// scale in style/main.css keeps the analysis view to nine, none of them monospace.
test("the analysis view shows at most nine fonts, none monospace", async () => {
  const { context, page, problems } = await fresh();
  await page.locator("#paste-box").fill(TEXT);
  await page.getByTestId("ticker-chip").first().waitFor();
  const fonts = await page.evaluate(() => {
    const seen = new Set();
    for (const el of document.querySelectorAll("body *")) {
      if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
      const cs = getComputedStyle(el);
      if (cs.display === "none" || cs.visibility === "hidden") continue;
      seen.add(`${cs.fontFamily} ${cs.fontSize} ${cs.fontWeight}`);
    }
    return [...seen].sort();
  });
  assert.ok(fonts.length <= 9, `${fonts.length} fonts:\n${fonts.join("\n")}`);
  assert.deepEqual(fonts.filter((f) => /mono/i.test(f)), [], "monospace in the analysis view");
  assert.deepEqual(problems, []);
  await context.close();
});

// A fade on every button made each recoloured ticker chip animate after a paste: a dozen more
// frames of rendering for nothing. Only a pointer's hover fades.
test("ticker chips take a new analysis's colours without a fade, and fade only on hover", async () => {
  const { context, page, problems } = await fresh();
  await page.locator("#paste-box").fill(TEXT);
  const chip = page.getByTestId("ticker-chip").first();
  await chip.waitFor();
  const duration = () => chip.evaluate((el) => getComputedStyle(el).transitionDuration);
  assert.equal(await duration(), "0s");
  await chip.hover();
  assert.notEqual(await duration(), "0s");
  assert.deepEqual(problems, []);
  await context.close();
});
