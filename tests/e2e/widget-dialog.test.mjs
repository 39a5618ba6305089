// The embed code generator (issue 7): the "Embed" dialog on /analyze and on an article page
// builds the snippet for the current article, previews it live and copies it; the copied
// snippet works on a host page of another origin under the strict CSP.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, shot } from "./lib.mjs";
import { startServers, watchErrors, readCard, analysisFromAnalyzePage, expectedCard, cardFrame } from "./fixtures/widget/harness.mjs";

const TITLE = 'Acme "Widgets" misses estimates';
const TEXT =
  "Acme Corp shares plunged 8% after the company missed quarterly earnings estimates and cut its full-year guidance. <b>Analysts</b> said margins would stay under pressure.";

let browser;
let srv;
before(async () => {
  browser = await launch();
  srv = await startServers();
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

async function previewFrame(page) {
  const frame = await (await page.getByTestId("embed-preview").elementHandle()).contentFrame();
  await frame.locator("[data-testid=ng-card], [data-testid=ng-error]").first().waitFor();
  return frame;
}

test("the /analyze dialog builds, previews and copies a snippet that works on another origin", async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 1000 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: srv.SITE });
  const page = await context.newPage();
  const problems = watchErrors(page);
  await page.goto(`${srv.SITE}/analyze`);
  await page.locator("#title-input").fill(TITLE);
  await page.locator("#paste-box").fill(TEXT);
  await page.getByTestId("analysis").waitFor();
  await page.getByTestId("embed-button").click();
  const dialog = page.locator("dialog.ng-dialog");
  await dialog.waitFor({ state: "visible" });

  const snippet = () => page.getByTestId("embed-snippet").inputValue();
  let code = await snippet();
  assert.match(code, /^<div class="newsgauge" data-theme="auto" data-show="impact,sentiment,tickers,topics" /);
  assert.ok(code.includes(`data-title="Acme &quot;Widgets&quot; misses estimates"`), code);
  assert.ok(code.includes("data-text=\"Acme Corp shares plunged 8%"), code);
  assert.ok(code.includes("&lt;b&gt;Analysts&lt;/b&gt;"), "markup in the text is escaped");
  assert.ok(code.endsWith(`<script src="${srv.SITE}/widget.js" async></script>`), code);

  // The preview is the real sandboxed card, fed by postMessage; it agrees with the engine.
  const preview = page.getByTestId("embed-preview");
  assert.equal(await preview.getAttribute("sandbox"), "allow-scripts allow-popups allow-popups-to-escape-sandbox");
  assert.ok(!(await preview.getAttribute("src")).includes("Acme"), "the text is not in the preview URL");
  let frame = await previewFrame(page);
  const analysis = await analysisFromAnalyzePage(browser, srv.SITE, TITLE, TEXT);
  const exp = expectedCard(analysis);
  let card = await readCard(frame);
  assert.equal(card.title, TITLE);
  assert.equal(card.sentimentLabel, exp.sentimentLabel);
  assert.equal(card.sentimentScore, exp.sentimentScore);
  assert.deepEqual(card.tickers, exp.tickers);

  // Options change the snippet and the preview.
  await page.getByTestId("embed-theme").selectOption("dark");
  await page.locator("input[name=ng-part][value=topics]").uncheck();
  // Let the snippet follow each change before the next one (the preview reloads in between).
  await page.waitForFunction(() => !document.querySelector("[data-testid=embed-snippet]").value.includes("topics"));
  const decisions = page.locator("input[name=ng-part][value=decisions]");
  await decisions.click();
  await page.waitForFunction(() => document.querySelector("[data-testid=embed-snippet]").value.includes("decisions"));
  assert.ok(await decisions.isChecked(), "the decisions box is checked");
  code = await snippet();
  assert.ok(code.includes('data-theme="dark" data-show="impact,sentiment,tickers,decisions"'), code);
  await page.waitForFunction(() => document.querySelector("[data-testid=embed-preview]").src.includes("theme=dark"));
  frame = await previewFrame(page);
  await frame.locator(".ng-decisions, [data-testid=ng-no-decisions]").first().waitFor();
  assert.equal(await frame.locator("[data-testid=ng-topic], [data-testid=ng-no-topics]").count(), 0);
  assert.equal(
    await frame.evaluate(() => getComputedStyle(document.querySelector(".ng-card")).backgroundColor),
    "rgb(15, 23, 42)",
  );
  // The preview's height follows its card.
  const cardH = await frame.evaluate(() => Math.ceil(document.querySelector(".ng-embed").getBoundingClientRect().height));
  await page.waitForFunction(
    (h) => Math.abs(document.querySelector("[data-testid=embed-preview]").getBoundingClientRect().height - h) <= 1,
    cardH,
  );
  await shot(page, "widget-dialog");

  // Copy, then paste the snippet into a page of another origin with the strict CSP.
  await page.getByTestId("embed-copy").click();
  await page.getByTestId("embed-status").getByText("Copied the snippet").waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, code);
  const url = await srv.addHostPage(
    "generated.html",
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Pasted</title><link rel="icon" href="/favicon.svg"></head><body><div id="slot">${copied}</div></body></html>`,
  );
  const host = await context.newPage();
  const hostProblems = watchErrors(host);
  await host.goto(url);
  const pasted = await cardFrame(host, "slot");
  card = await readCard(pasted.frame);
  assert.equal(card.title, TITLE);
  assert.equal(card.sentimentLabel, exp.sentimentLabel);
  assert.deepEqual(card.topics, [], "topics were switched off");
  assert.deepEqual(hostProblems, []);
  await host.close();

  // A URL source: data-src in the snippet, and the iframe-only form.
  await page.getByTestId("embed-source-url").check();
  await page.getByTestId("embed-url").fill(`${srv.HOST}/article.json`);
  await page.getByTestId("embed-url").press("Tab");
  code = await snippet();
  assert.ok(code.includes(`data-src="${srv.HOST}/article.json"`), code);
  assert.ok(!code.includes("data-text"), code);
  const iframeCode = await page.getByTestId("embed-iframe-code").inputValue();
  assert.ok(iframeCode.includes(`${srv.SITE}/embed.html?src=${encodeURIComponent(`${srv.HOST}/article.json`)}&amp;theme=dark`), iframeCode);
  await page.waitForFunction(() => document.querySelector("[data-testid=embed-preview]").src.includes("src="));
  frame = await previewFrame(page);
  card = await readCard(frame);
  assert.equal(card.title, "Apple beats estimates as iPhone sales jump; shares rise");

  // Escape closes the dialog.
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  assert.deepEqual(problems, []);
  await context.close();
});

test("the article page's Embed button builds the snippet for that article", async () => {
  const page = await browser.newPage();
  const problems = watchErrors(page);
  await page.goto(`${srv.SITE}/`);
  const link = page.locator("a[href^='/article/']").first();
  await link.waitFor();
  await link.click();
  await page.waitForURL(/\/article\//);
  const title = (await page.locator("h1").first().textContent()).trim();
  await page.getByTestId("embed-button").click();
  await page.locator("dialog.ng-dialog").waitFor({ state: "visible" });
  const code = await page.getByTestId("embed-snippet").inputValue();
  const escaped = title.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("'", "&#39;");
  assert.ok(code.includes(`data-title="${escaped}"`), code.slice(0, 300));
  const frame = await previewFrame(page);
  assert.equal((await readCard(frame)).title, title);
  assert.deepEqual(problems, []);
  await page.close();
});
