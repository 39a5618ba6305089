// The embeddable widget (issue 7): widget.js on a host page served from another origin under a
// strict CSP, the sandboxed /embed.html card, the postMessage protocol and its checks.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, shot, SHOTS } from "./lib.mjs";
import {
  startServers,
  watchErrors,
  watchRequests,
  cardFrame,
  readCard,
  analysisFromAnalyzePage,
  expectedCard,
} from "./fixtures/widget/harness.mjs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox";
const INLINE_TITLE = "Tesla cuts delivery guidance; shares slump";

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

/** The inline article of host.html, as widget.js reads it (the element's trimmed text). */
async function inlineText() {
  const html = await readFile(join(here, "fixtures", "widget", "host.html"), "utf8");
  const m = html.match(/id="w-inline"[\s\S]*?>([\s\S]*?)<\/div>/);
  return m[1].trim();
}

/** Card height inside the frame, and the iframe's height on the host, in px. */
async function heights(frame, iframe) {
  const card = await frame.evaluate(() => Math.ceil(document.querySelector(".ng-embed").getBoundingClientRect().height));
  const outer = await iframe.evaluate((f) => f.getBoundingClientRect().height);
  return { card, outer };
}

test("widget.js stays under 5 KB gzipped and has no dependencies", async () => {
  const src = await readFile(join(here, "..", "..", "assets", "widget.js"));
  const gz = gzipSync(src, { level: 9 }).length;
  assert.ok(gz < 5 * 1024, `widget.js is ${gz} bytes gzipped`);
  assert.doesNotMatch(src.toString(), /\bimport\b|require\(/, "no module imports");
});

test("a host page on another origin with a strict CSP shows both widgets with the engine's analysis", async () => {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const problems = watchErrors(page);
  const requests = watchRequests(page);
  await page.goto(`${srv.HOST}/host.html`);
  const src = await cardFrame(page, "w-src");
  const inline = await cardFrame(page, "w-inline");

  // The iframes: sandboxed, no referrer, our /embed.html; inline text is not in the URL.
  for (const { iframe } of [src, inline]) {
    assert.equal(await iframe.getAttribute("sandbox"), SANDBOX);
    assert.equal(await iframe.getAttribute("referrerpolicy"), "no-referrer");
    assert.ok((await iframe.getAttribute("src")).startsWith(`${srv.SITE}/embed.html?`));
  }
  const inlineSrc = await inline.iframe.getAttribute("src");
  assert.ok(!inlineSrc.includes("Tesla") && !inlineSrc.includes("plunged"), `inline text leaked into ${inlineSrc}`);
  assert.ok((await src.iframe.getAttribute("src")).includes(encodeURIComponent(`${srv.HOST}/article.json`)));

  // Both cards show exactly what the engine says for the same article on /analyze.
  const json = JSON.parse(await readFile(join(here, "fixtures", "widget", "article.json"), "utf8"));
  const want = [
    [src.frame, json.title, json.text, "data-src"],
    [inline.frame, INLINE_TITLE, await inlineText(), "inline"],
  ];
  for (const [frame, title, text, what] of want) {
    const card = await readCard(frame);
    const analysis = await analysisFromAnalyzePage(browser, srv.SITE, title, text);
    const exp = expectedCard(analysis);
    assert.equal(card.title, title, `${what}: title`);
    assert.equal(card.sentimentLabel, exp.sentimentLabel, `${what}: sentiment label`);
    assert.equal(card.sentimentScore, exp.sentimentScore, `${what}: sentiment score`);
    assert.equal(card.impactLevel, exp.impactLevel, `${what}: impact level`);
    assert.equal(card.impactScore, exp.impactScore, `${what}: impact score`);
    assert.deepEqual(card.tickers, exp.tickers, `${what}: ticker chips`);
    assert.equal(card.noTickers !== null, exp.tickers.length === 0, `${what}: empty-ticker state`);
    assert.deepEqual(card.topics, exp.topics, `${what}: topics`);
    assert.equal(card.noTopics !== null, exp.topics.length === 0, `${what}: empty-topic state`);
  }
  // Decisions are shown only where data-show asks for them.
  assert.equal(await src.frame.locator(".ng-decisions, [data-testid=ng-no-decisions]").count(), 0);
  assert.equal(await inline.frame.locator(".ng-decisions, [data-testid=ng-no-decisions]").count(), 1);

  // Themes: light on the left, dark on the right.
  const bg = (f) => f.evaluate(() => getComputedStyle(document.querySelector(".ng-card")).backgroundColor);
  assert.equal(await bg(src.frame), "rgb(255, 255, 255)");
  assert.equal(await bg(inline.frame), "rgb(15, 23, 42)");

  // The iframe height follows the card: no inner scrollbar, no blank space.
  for (const { frame, iframe } of [src, inline]) {
    await page.waitForFunction(
      ([f]) => f.getBoundingClientRect().height !== 180,
      [await iframe.evaluateHandle((f) => f)],
    );
    const h = await heights(frame, iframe);
    assert.ok(Math.abs(h.card - h.outer) <= 1, `iframe ${h.outer}px for a ${h.card}px card`);
  }
  await page.evaluate(() => document.fonts.ready);
  await shot(page, "widget-host");
  // The README's picture (docs/widget-host.png is a copy of this file).
  await page.screenshot({ path: join(SHOTS, "widget-host-doc.png"), clip: { x: 0, y: 0, width: 1000, height: 640 } });

  // A narrower slot wraps the card: the iframe grows with it.
  const before = await heights(inline.frame, inline.iframe);
  await page.evaluate(() => {
    document.getElementById("w-inline").style.width = "200px";
  });
  await page.waitForFunction(
    ([f, h]) => f.getBoundingClientRect().height > h,
    [await inline.iframe.evaluateHandle((f) => f), before.outer],
  );
  await inline.frame.waitForFunction(() => true);
  await page.waitForTimeout(200);
  const after = await heights(inline.frame, inline.iframe);
  assert.ok(after.card > before.card, `the card wraps when narrow (${before.card} -> ${after.card})`);
  assert.ok(Math.abs(after.card - after.outer) <= 1, `iframe ${after.outer}px for a ${after.card}px card`);
  await shot(page, "widget-host-narrow");

  // The card's origin is opaque: cookies and storage are out of reach (and never used).
  for (const { frame } of [src, inline]) {
    const access = await frame.evaluate(() => {
      const r = {};
      for (const [k, f] of [
        ["cookie", () => document.cookie],
        ["localStorage", () => window.localStorage.length],
      ]) {
        try {
          f();
          r[k] = "allowed";
        } catch (e) {
          r[k] = e.name;
        }
      }
      r.origin = self.origin;
      return r;
    });
    assert.deepEqual(access, { cookie: "SecurityError", localStorage: "SecurityError", origin: "null" });
  }

  // Network: the cards load the card's own wasm (not the site's) and fetch data-src; nothing
  // else, no referrer, no cookies.
  const fromCards = requests.filter((r) => r.frameUrl.startsWith(`${srv.SITE}/embed.html`));
  assert.ok(fromCards.length > 0, "the cards loaded their assets");
  assert.ok(
    fromCards.some((r) => new URL(r.url).pathname === "/newsgauge-embed_bg.wasm"),
    "the cards load the card's wasm",
  );
  const siteApp = fromCards.filter((r) => /\/newsgauge-web-[^/]*$/.test(new URL(r.url).pathname));
  assert.deepEqual(siteApp.map((r) => r.url), [], "the cards do not load the site's app");
  for (const r of fromCards) {
    const ok = r.url.startsWith(`${srv.SITE}/`) || r.url === `${srv.HOST}/article.json`;
    assert.ok(ok, `unexpected request from a card: ${r.url}`);
    assert.equal(r.method, "GET", r.url);
    assert.equal(r.headers.cookie, undefined, r.url);
  }
  const dataSrc = requests.filter((r) => r.url === `${srv.HOST}/article.json`);
  assert.equal(dataSrc.length, 1, "data-src is fetched once");
  assert.ok(!dataSrc[0].headers.referer, "no referrer on the data-src fetch");
  const cardLoads = requests.filter((r) => r.url.startsWith(`${srv.SITE}/embed.html?`));
  assert.equal(cardLoads.length, 2);
  for (const r of cardLoads) assert.ok(!r.headers.referer, "the host page's address is not sent to Newsgauge");
  for (const r of requests) {
    assert.ok(r.url.startsWith(`${srv.SITE}/`) || r.url.startsWith(`${srv.HOST}/`), `request to ${r.url}`);
  }
  assert.deepEqual(await page.context().cookies(), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the card's Newsgauge link opens the site in a new, unsandboxed tab without an opener", async () => {
  const page = await browser.newPage();
  const problems = watchErrors(page);
  await page.goto(`${srv.HOST}/host.html`);
  const { frame } = await cardFrame(page, "w-src");
  const link = frame.getByRole("link", { name: "Analysed in your browser by Newsgauge" });
  assert.equal(await link.getAttribute("target"), "_blank");
  assert.match(await link.getAttribute("rel"), /\bnoopener\b/);
  const [popup] = await Promise.all([page.context().waitForEvent("page"), link.click()]);
  await popup.waitForLoadState();
  assert.equal(new URL(popup.url()).origin, srv.SITE);
  const info = await popup.evaluate(() => ({ origin: self.origin, opener: window.opener === null }));
  assert.deepEqual(info, { origin: srv.SITE, opener: true });
  await popup.locator("header.site-header").waitFor();
  await popup.close();
  assert.deepEqual(problems, []);
  await page.close();
});

test("a hostile article renders as text: no script runs, no element is created from it", async () => {
  const page = await browser.newPage();
  const problems = watchErrors(page);
  const requests = watchRequests(page);
  await page.goto(`${srv.HOST}/hostile.html`);
  const inline = await cardFrame(page, "w-hostile-inline");
  const src = await cardFrame(page, "w-hostile-src");
  const title = await inline.frame.getByTestId("ng-title").textContent();
  assert.equal(title, '<img src=x onerror="window.__pwned=1;alert(1)"> Acme shares <b>soar</b>');
  assert.equal(
    await src.frame.getByTestId("ng-title").textContent(),
    '<script>window.__pwned=5</script><img src=x onerror="window.__pwned=6">',
  );
  await page.waitForTimeout(300);
  for (const { frame } of [inline, src]) {
    const found = await frame.evaluate(() => ({
      pwned: window.__pwned ?? null,
      parentPwned: (() => {
        try {
          return window.parent.__pwned ?? null;
        } catch {
          return "cross-origin";
        }
      })(),
      tags: document.querySelectorAll(".ng-embed img, .ng-embed script, .ng-embed svg, .ng-embed iframe, .ng-embed b").length,
    }));
    assert.deepEqual(found, { pwned: null, parentPwned: "cross-origin", tags: 0 });
  }
  assert.equal(await page.evaluate(() => window.__pwned ?? null), null);
  const stray = requests.filter((r) => /\/x$/.test(r.url) || r.url.startsWith("javascript:"));
  assert.deepEqual(stray, [], "no image from the article was loaded");
  await shot(page, "widget-hostile");
  assert.deepEqual(problems, []);
  await page.close();
});

test("forged postMessages from another origin are ignored in both directions", async () => {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  const problems = watchErrors(page);
  await page.goto(`${srv.EVIL}/evil.html`);
  const hostFrame = await (await page.locator("#host").elementHandle()).contentFrame();
  const src = await cardFrame(hostFrame, "w-src");
  const inline = await cardFrame(hostFrame, "w-inline");
  for (const { frame, iframe } of [src, inline]) {
    await hostFrame.waitForFunction(([f]) => f.getBoundingClientRect().height !== 180, [await iframe.evaluateHandle((f) => f)]);
    const h = await heights(frame, iframe);
    assert.ok(Math.abs(h.card - h.outer) <= 1, "the real widget resized (positive control)");
  }
  const before = {
    heights: [await heights(src.frame, src.iframe), await heights(inline.frame, inline.iframe)],
    cards: [await readCard(src.frame), await readCard(inline.frame)],
  };
  // Worst case: the attacker even knows the secret channel ids.
  const ids = await Promise.all(
    [src, inline].map(async ({ iframe }) => new URLSearchParams(new URL(await iframe.getAttribute("src")).hash.slice(1)).get("ng")),
  );
  const got = await page.evaluate(async (ids) => {
    const received = [];
    window.addEventListener("message", (e) => received.push(e.data));
    const host = document.getElementById("host").contentWindow;
    for (const [i, id] of ids.entries()) {
      // To the host: fake heights and a fake "ready" that would make it send the inline text.
      host.postMessage({ newsgauge: 1, type: "height", id, height: 3000 }, "*");
      host.postMessage({ newsgauge: 1, type: "ready", id }, "*");
      // To the card: a forged article.
      host.frames[i].postMessage({ newsgauge: 1, type: "article", id, title: "FORGED", text: "Forged collapse." }, "*");
      host.frames[i].postMessage({ newsgauge: 1, type: "height", id, height: 3000 }, "*");
    }
    await new Promise((r) => setTimeout(r, 600));
    return received;
  }, ids);
  assert.deepEqual(got, [], "the host sent nothing to the forger");
  const after = {
    heights: [await heights(src.frame, src.iframe), await heights(inline.frame, inline.iframe)],
    cards: [await readCard(src.frame), await readCard(inline.frame)],
  };
  assert.deepEqual(after, before);
  assert.ok(!after.cards.some((c) => c.title === "FORGED"));
  assert.deepEqual(problems, []);
  await page.close();
});

test("data-height fixes the height; data-show and data-theme apply; errors and empty input are clear", async () => {
  const page = await browser.newPage();
  const problems = watchErrors(page);
  await page.goto(`${srv.HOST}/options.html`);
  // The snippet's script is on the page twice: each element still gets exactly one iframe.
  const n = await page.locator(".newsgauge").count();
  await page.waitForFunction((n) => document.querySelectorAll(".newsgauge iframe").length === n, n);
  await page.waitForTimeout(200);
  assert.equal(await page.locator(".newsgauge iframe").count(), n);

  const fixed = await cardFrame(page, "w-fixed");
  await page.waitForTimeout(300);
  assert.equal(await fixed.iframe.evaluate((f) => f.getBoundingClientRect().height), 300);
  const card = await readCard(fixed.frame);
  assert.equal(card.impactLevel, null, "impact hidden");
  assert.equal(card.noTickers, null, "tickers hidden");
  assert.deepEqual(card.topics, [], "topics hidden");
  assert.ok(card.sentimentLabel, "sentiment shown");
  assert.equal(await fixed.frame.locator(".ng-decisions, [data-testid=ng-no-decisions]").count(), 1, "decisions shown");
  assert.equal(
    await fixed.frame.evaluate(() => getComputedStyle(document.querySelector(".ng-card")).backgroundColor),
    "rgb(15, 23, 42)",
  );

  const error = async (id) => (await readCard((await cardFrame(page, id)).frame)).error;
  assert.match(await error("w-missing"), /HTTP 404/);
  assert.match(await error("w-nocors"), /does not allow cross-origin requests/);
  assert.match(await error("w-big"), /larger than 4 MB/);
  assert.match(await error("w-big-chunked"), /larger than 4 MB/);
  assert.match(await error("w-js"), /must be an http\(s\) URL/);
  assert.match(await error("w-slow"), /took longer than 10 s/); // "Analysing…" until then
  const plain = await readCard((await cardFrame(page, "w-plain")).frame);
  assert.equal(plain.error, null);
  assert.equal(plain.title, null, "plain text has no title");
  assert.ok(plain.sentimentLabel);
  const empty = await readCard((await cardFrame(page, "w-empty")).frame);
  assert.match(empty.error, /empty/);
  await shot(page, "widget-options");
  // The only console errors are the browser's own reports of the failing article URLs.
  assert.deepEqual(
    problems.filter((p) => !p.includes(srv.ERR)),
    [],
  );
  await page.close();
});

test("the iframe-only form works on a page with no scripts", async () => {
  const page = await browser.newPage();
  const problems = watchErrors(page);
  await page.goto(`${srv.HOST}/iframe-only.html`);
  const frame = await (await page.locator("#w-iframe-only iframe").elementHandle()).contentFrame();
  await frame.getByTestId("ng-card").waitFor();
  const card = await readCard(frame);
  const json = JSON.parse(await readFile(join(here, "fixtures", "widget", "article.json"), "utf8"));
  assert.equal(card.title, json.title);
  assert.ok(card.sentimentLabel);
  assert.equal(
    await frame.evaluate(() => getComputedStyle(document.querySelector(".ng-card")).backgroundColor),
    "rgb(15, 23, 42)",
  );
  await shot(page, "widget-iframe-only");
  assert.deepEqual(problems, []);
  await page.close();
});

test("an iframe made with the old /embed address still shows its card: sent on to /embed.html, query and fragment kept", async () => {
  const page = await browser.newPage();
  const problems = watchErrors(page);
  const src = encodeURIComponent(`${srv.HOST}/article.json`);
  await page.setContent(
    `<iframe src="${srv.SITE}/embed?src=${src}&theme=dark#ng=legacy&origin=${encodeURIComponent("https://host.example")}" sandbox="allow-scripts" style="width:600px;height:400px"></iframe>`,
  );
  const frame = await (await page.locator("iframe").elementHandle()).contentFrame();
  await frame.getByTestId("ng-card").waitFor();
  const url = new URL(frame.url());
  assert.equal(url.pathname, "/embed.html");
  assert.equal(url.search, `?src=${src}&theme=dark`);
  assert.equal(url.hash, `#ng=legacy&origin=${encodeURIComponent("https://host.example")}`);
  const json = JSON.parse(await readFile(join(here, "fixtures", "widget", "article.json"), "utf8"));
  assert.equal((await readCard(frame)).title, json.title);
  assert.deepEqual(problems, []);
  await page.close();
});

test("/embed.html opened directly shows only the card (no site chrome) and explains a missing article", async () => {
  const page = await browser.newPage();
  const problems = watchErrors(page);
  await page.goto(`${srv.SITE}/embed.html`);
  await page.getByTestId("ng-error").waitFor();
  assert.equal(await page.locator("header.site-header, nav, footer.site-footer").count(), 0);
  assert.match(await page.getByTestId("ng-error").textContent(), /No article/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a panic in the card shows its own error banner, which promises no saved draft", async () => {
  const page = await browser.newPage();
  const problems = watchErrors(page);
  await page.goto(`${srv.SITE}/embed.html`);
  await page.getByTestId("ng-error").waitFor();
  await page.evaluate(() => {
    try {
      wasm_bindgen.newsgauge_test_panic();
    } catch (_) {
      // The wasm trap after the panic hook surfaces here.
    }
  });
  const banner = page.locator("#panic-banner");
  await banner.waitFor();
  assert.equal(await banner.getAttribute("role"), "alert");
  assert.match(await banner.textContent(), /card stopped/);
  assert.doesNotMatch(await banner.textContent(), /draft/);
  assert.ok(problems.some((p) => p.includes("newsgauge_test_panic")), problems.join("\n"));
  await page.close();
});
