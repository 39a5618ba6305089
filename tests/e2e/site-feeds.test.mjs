// "Add a feed": feeds served by a local test server on another port (with and without CORS)
// are fetched by the browser, analysed, remembered, and broken ones explain what went wrong.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { BASE, launch, watch } from "./lib.mjs";

const RSS = `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Test Wire</title>
<item><title>Acme Robotics shares surge after record quarter</title><link>https://news.test/acme</link>
<pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Acme Robotics reported record revenue and beat analyst estimates. Shares rose 8%.&lt;/p&gt;</description></item>
<item><title>Hostile item &lt;script&gt;window.__pwned=1&lt;/script&gt;</title><link>javascript:window.__pwned=2</link>
<description>&lt;img src=x onerror="window.__pwned=3"&gt;Northwind Bank shares fell after a lawsuit. &lt;script&gt;window.__pwned=4&lt;/script&gt;</description></item>
<item><title></title><description></description></item>
</channel></rss>`;
const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>Orbital Foods cuts forecast</title><link rel="alternate" href="https://atom.test/1"/>
<updated>2026-11-20T09:00:00Z</updated><summary>Orbital Foods cut its annual forecast and its shares tumbled 12%.</summary></entry>
<entry><title type="html">Quiet day &amp;amp; calm</title><content type="html">&lt;p&gt;Markets were calm.&lt;/p&gt;</content></entry>
</feed>`;
const JSONFEED = JSON.stringify({
  version: "https://jsonfeed.org/version/1.1",
  title: "JSON Desk",
  items: [
    { id: "1", title: "Helix Energy wins contract", content_text: "Helix Energy won a large contract and its shares rose 6%. <script>window.__pwned=5</script>", url: "https://json.test/1" },
    42,
    { id: "3" },
  ],
});

// A ticker and a topic no sample has, so adding this feed rebuilds the filters' options.
const CHIPOTLE = JSON.stringify({
  version: "https://jsonfeed.org/version/1.1",
  title: "Retail Desk",
  items: [
    {
      id: "w1",
      title: "Chipotle raises its forecast",
      content_text: "Chipotle (NYSE: CMG) shares rose 4% after the restaurant chain raised its annual forecast on strong sales.",
    },
  ],
});

let browser, server, FEEDS;
before(async () => {
  browser = await launch();
  server = createServer((req, res) => {
    const cors = { "access-control-allow-origin": "*" };
    const send = (type, body, extra = cors) => res.writeHead(200, { "content-type": type, ...extra }).end(body);
    switch (new URL(req.url, "http://x").pathname) {
      case "/rss.xml": return send("application/rss+xml", RSS);
      case "/atom.xml": return send("application/atom+xml", ATOM);
      case "/feed.json": return send("application/feed+json", JSONFEED);
      case "/chipotle.json": return send("application/feed+json", CHIPOTLE);
      case "/broken.xml": return send("application/xml", "<rss><channel><item><title>unclosed</channel>");
      case "/nocors.xml": return send("application/rss+xml", RSS, {});
      case "/page.html": return send("text/html", "<!doctype html><p>not a feed</p>");
      case "/big.xml": return send("application/xml", "<rss>" + "x".repeat(6_000_000) + "</rss>");
      default: return res.writeHead(404, cors).end("missing");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  FEEDS = `http://127.0.0.1:${server.address().port}`;
});
after(async () => {
  await browser?.close();
  server?.close();
});

/** Console problems other than the expected ones about the test feed server. */
function unexpected(problems) {
  return problems.filter(
    (p) =>
      !p.includes(FEEDS) &&
      !/blocked by CORS policy|Failed to load resource|net::ERR_FAILED/.test(p),
  );
}

async function addFeed(page, url) {
  await page.getByTestId("feed-url").fill(url);
  await page.getByTestId("add-feed").click();
}

/** A new context on the feed, its samples shown, with its console problems watched. */
async function openFeed() {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(BASE + "/");
  await page.getByTestId("card").first().waitFor();
  return { context, page, problems };
}

function row(page, url) {
  return page.locator(".feed-row", { hasText: url });
}

test("RSS, Atom and JSON feeds are analysed, malformed items counted, hostile content kept as text", async () => {
  const { context, page, problems } = await openFeed();
  const before = await page.getByTestId("card").count();

  await addFeed(page, `${FEEDS}/rss.xml`);
  await row(page, "rss.xml").getByTestId("feed-ok").waitFor();
  assert.match(await row(page, "rss.xml").textContent(), /Test Wire.*2 items analysed, 1 malformed item skipped/);
  await addFeed(page, `${FEEDS}/atom.xml`);
  await row(page, "atom.xml").getByTestId("feed-ok").waitFor();
  assert.match(await row(page, "atom.xml").textContent(), /2 items analysed/);
  await addFeed(page, `${FEEDS}/feed.json`);
  await row(page, "feed.json").getByTestId("feed-ok").waitFor();
  assert.match(await row(page, "feed.json").textContent(), /1 item analysed, 2 malformed items skipped/);
  assert.equal(await page.getByTestId("card").count(), before + 5);

  // HTML in RSS is reduced to text (scripts dropped); plain text shows markup literally.
  const hostile = page.getByTestId("card").filter({ hasText: "Hostile item" });
  assert.doesNotMatch(await hostile.textContent(), /__pwned/);
  await page.getByTestId("card").filter({ hasText: "Helix Energy wins contract" }).getByRole("link").click();
  await page.getByTestId("article-text").waitFor();
  assert.ok((await page.getByTestId("article-text").textContent()).includes("<script>window.__pwned=5</script>"));
  await page.goBack();
  await hostile.getByRole("link").click();
  await page.getByTestId("article-text").waitFor();
  assert.equal(await page.getByTestId("fiction-notice").count(), 0, "feed items are not labelled as samples");
  assert.equal(await page.getByTestId("source-link").count(), 0, "a javascript: link is not rendered");
  assert.ok((await page.getByTestId("article-text").textContent()).includes("Northwind Bank shares fell"));
  assert.equal(await page.locator("main img, main script").count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator('a[href^="javascript"]').count(), 0);

  // A normal item links to its source safely. The remembered feeds are read again on this
  // load, and the list (sorted by impact) takes each one's items as it comes: click once all
  // are in, or the card under the pointer can change between aim and click.
  await page.goto(BASE + "/");
  for (const f of ["rss.xml", "atom.xml", "feed.json"]) await row(page, f).getByTestId("feed-ok").waitFor();
  await page.getByTestId("card").filter({ hasText: "Acme Robotics shares surge" }).getByRole("link").click();
  const src = page.getByTestId("source-link");
  assert.equal(await src.getAttribute("href"), "https://news.test/acme");
  assert.equal(await src.getAttribute("rel"), "noopener noreferrer");
  assert.ok((await page.getByTestId("article-text").textContent()).includes("beat analyst estimates"));
  assert.deepEqual(await page.getByTestId("impact-score").count(), 1);

  // Feeds are remembered across reloads.
  await page.goto(BASE + "/");
  await row(page, "feed.json").getByTestId("feed-ok").waitFor();
  await row(page, "rss.xml").getByTestId("feed-ok").waitFor();
  await row(page, "atom.xml").getByTestId("feed-ok").waitFor();
  assert.equal(await page.getByTestId("card").count(), before + 5);
  await row(page, "atom.xml").getByRole("button", { name: /Remove/ }).click();
  assert.equal(await row(page, "atom.xml").count(), 0);
  assert.equal(await page.getByTestId("card").count(), before + 3);

  assert.deepEqual(unexpected(problems), []);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await context.close();
});

test("the feed reader (a web worker) is fetched only when a feed is read, and feeds sent before it started are all answered", async () => {
  const context = await browser.newContext();
  const fetched = [];
  const urls = [];
  context.on("request", (r) => {
    fetched.push(new URL(r.url()).pathname);
    urls.push(new URL(r.url()));
  });
  const page = await context.newPage();
  const problems = watch(page);
  const warnings = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  const worker = (paths) => paths.filter((p) => p.includes("feed-worker"));

  await page.goto(BASE + "/analyze");
  await page.locator("#paste-box").fill("Apple shares fell 5% after the iPhone maker cut its forecast.");
  await page.getByTestId("impact-score").waitFor();
  await page.goto(BASE + "/");
  await page.getByTestId("card").first().waitFor();
  assert.deepEqual(worker(fetched), [], "no page loads the feed reader before a feed is read");

  // Two feeds at once: both are posted before the worker's wasm is listening.
  await addFeed(page, `${FEEDS}/rss.xml`);
  await addFeed(page, `${FEEDS}/atom.xml`);
  await row(page, "rss.xml").getByTestId("feed-ok").waitFor();
  await row(page, "atom.xml").getByTestId("feed-ok").waitFor();
  assert.match(await row(page, "rss.xml").textContent(), /2 items analysed, 1 malformed item skipped/);
  assert.deepEqual(
    [...new Set(worker(fetched))].sort(),
    ["/feed-worker.js", "/newsgauge-feed-worker.js", "/newsgauge-feed-worker_bg.wasm"],
  );
  // Trunk does not hash the worker's names: each is asked for with the page's own wasm
  // name as its version, so a new release never reuses a cached worker of an older one.
  const pageWasm = urls.find((u) => /^\/newsgauge-web-[0-9a-f]+_bg\.wasm$/.test(u.pathname)).pathname.slice(1);
  for (const u of urls.filter((u) => u.pathname.includes("feed-worker"))) {
    assert.equal(u.searchParams.get("v"), pageWasm, u.pathname);
  }
  assert.deepEqual(unexpected(problems), []);
  assert.deepEqual(warnings, [], "no warnings: none from wasm-bindgen as the worker starts, none about the wasm preload");
  await context.close();
});

test("a feed reader that fails to load answers every waiting feed with a message, and Retry starts a new one", async () => {
  const context = await browser.newContext();
  // The worker's wasm is missing: its start fails inside the worker.
  const missing = (route) => route.fulfill({ status: 404, body: "missing" });
  const workerWasm = /\/newsgauge-feed-worker_bg\.wasm(\?|$)/;
  await context.route(workerWasm, missing);
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(BASE + "/");
  await page.getByTestId("card").first().waitFor();
  await addFeed(page, `${FEEDS}/rss.xml`);
  await addFeed(page, `${FEEDS}/atom.xml`);
  for (const file of ["rss.xml", "atom.xml"]) {
    const err = row(page, file).getByTestId("feed-error");
    await err.waitFor();
    assert.match(await err.textContent(), /feed reader .* failed to load or stopped/, file);
  }
  await context.unroute(workerWasm, missing);
  await row(page, "rss.xml").getByRole("button", { name: "Retry" }).click();
  await row(page, "rss.xml").getByTestId("feed-ok").waitFor();
  assert.match(await row(page, "rss.xml").textContent(), /2 items analysed/);
  // The failed start is the only problem the page reported.
  assert.deepEqual(
    unexpected(problems).filter((p) => !p.includes("newsgauge-feed-worker_bg.wasm") && !/WebAssembly|wasm/i.test(p)),
    [],
  );
  await context.close();
});

test("broken feeds show a clear error each, with retry, and the samples stay", async () => {
  const { context, page, problems } = await openFeed();
  const cases = [
    ["nocors.xml", /CORS/],
    ["broken.xml", /not well-formed XML/],
    ["page.html", /web page \(text\/html\)/],
    ["big.xml", /larger than 5\.0 MB/],
    ["missing.xml", /HTTP 404/],
  ];
  for (const [file, message] of cases) {
    await addFeed(page, `${FEEDS}/${file}`);
    const err = row(page, file).getByTestId("feed-error");
    await err.waitFor();
    assert.match(await err.textContent(), message, file);
    await row(page, file).getByRole("button", { name: "Retry" }).waitFor();
  }
  // Retrying a broken feed fetches it again and shows the error again.
  await row(page, "broken.xml").getByRole("button", { name: "Retry" }).click();
  await row(page, "broken.xml").getByTestId("feed-error").waitFor();
  // Not a URL at all.
  await addFeed(page, "javascript:alert(1)");
  await page.getByText("Enter a web address starting with http").waitFor();
  assert.ok((await page.getByTestId("card").count()) >= 12, "the samples are still there");
  assert.deepEqual(unexpected(problems), []);
  await context.close();
});

test("a filter keeps its choice, shown and applied, when a new feed adds options to it", async () => {
  const { context, page, problems } = await openFeed();
  const tickers = () =>
    page.$$eval("[data-testid=filter-ticker] option", (o) => o.map((x) => x.value).filter(Boolean));
  const before = await tickers();
  assert.ok(!before.includes("CMG"), "no sample names Chipotle");
  const chosen = before[0];
  await page.getByTestId("filter-ticker").selectOption(chosen);
  const count = await page.getByTestId("count").textContent();
  const [, shown, total] = count.match(/(\d+) of (\d+)/).map(Number);
  assert.ok(shown >= 1 && shown < total, count);

  await addFeed(page, `${FEEDS}/chipotle.json`);
  await row(page, "chipotle.json").getByTestId("feed-ok").waitFor();
  await page.getByTestId("count").filter({ hasText: `of ${total + 1} articles` }).waitFor();
  assert.ok((await tickers()).includes("CMG"), "the new feed's ticker is offered");
  // The rebuilt options still show the filter that still applies.
  assert.equal(await page.getByTestId("filter-ticker").inputValue(), chosen);
  assert.equal(await page.getByTestId("count").textContent(), `${shown} of ${total + 1} articles`);
  assert.equal(await page.getByTestId("card").count(), shown);

  await page.getByTestId("filter-ticker").selectOption("CMG");
  assert.equal(await page.getByTestId("count").textContent(), `1 of ${total + 1} articles`);
  assert.match(await page.getByTestId("card").textContent(), /Chipotle raises its forecast/);
  assert.deepEqual(unexpected(problems), []);
  await context.close();
});
