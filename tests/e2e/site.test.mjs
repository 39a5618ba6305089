// The site's pages: every route renders in both themes at phone and desktop widths (with
// screenshots), the feed's sorting and filters, and the article page's full structure.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { BASE, launch, watch, shot } from "./lib.mjs";

const SAMPLE = "apple-record-quarter";
const LEVELS = ["negligible", "low", "moderate", "high", "very high"];
let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function open(path, { width = 1440, scheme = "light" } = {}) {
  const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
  const problems = watch(page);
  await page.goto(BASE + path);
  return { page, problems };
}

const PAGES = [
  ["feed", "/", (p) => p.getByTestId("card").first().waitFor()],
  ["article", `/article/${SAMPLE}`, (p) => p.getByTestId("article-text").waitFor()],
  ["analyze", "/analyze", (p) => p.locator("#paste-box").waitFor()],
  ["about", "/about", (p) => p.getByRole("heading", { name: "About Newsgauge" }).waitFor()],
  ["not-found", "/no/such/page", (p) => p.getByRole("heading", { name: "Page not found" }).waitFor()],
];

for (const scheme of ["light", "dark"]) {
  for (const width of [360, 1440]) {
    test(`every page renders in the ${scheme} theme at ${width} px without overflow or console errors`, async () => {
      const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme: scheme });
      const problems = watch(page);
      for (const [name, path, ready] of PAGES) {
        await page.goto(BASE + path);
        await ready(page);
        if (name === "analyze") {
          await page.locator("#paste-box").fill(
            "Northwind Bank shares fell 9% after a data breach lawsuit. Apple beat estimates and raised its dividend.",
          );
          await page.getByTestId("analysis").waitFor();
        }
        const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
        const dark = bg.match(/\d+/g).slice(0, 3).reduce((a, b) => a + Number(b), 0) < 3 * 128;
        assert.equal(dark, scheme === "dark", `${name}: background ${bg} matches the ${scheme} theme`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 1, `${name} at ${width}px overflows horizontally by ${overflow}px`);
        await shot(page, `${name}-${scheme}-${width}`);
      }
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
}

test("the feed shows at least 12 fictional samples, each scored, sortable and filterable", async () => {
  const { page, problems } = await open("/");
  await page.getByTestId("card").first().waitFor();
  const cards = page.getByTestId("card");
  const n = await cards.count();
  assert.ok(n >= 12, `only ${n} cards`);
  assert.equal(await page.getByTestId("fiction-notice").count(), n, "every sample says it is fiction");
  for (let i = 0; i < n; i++) {
    const score = await cards.nth(i).getByTestId("impact-score").textContent();
    assert.match(score, /^[01]\.\d\d$/);
    assert.ok(LEVELS.includes(await cards.nth(i).getByTestId("impact-level").textContent()));
  }
  // Impact order (the default) is descending.
  const impacts = await page.$$eval("[data-testid=card] [data-testid=impact-score]", (e) => e.map((x) => +x.textContent));
  assert.deepEqual(impacts, [...impacts].sort((a, b) => b - a));
  // Date order is newest first.
  await page.getByTestId("sort").selectOption("date");
  const dates = await page.$$eval("[data-testid=card] time", (e) => e.map((x) => x.textContent));
  assert.deepEqual(dates, [...dates].sort().reverse());
  // Text search narrows the list.
  await page.getByTestId("search").fill("pumpkin");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=card]").length === 1);
  await page.getByTestId("search").fill("zzzz-no-such-text");
  await page.getByTestId("no-match").waitFor();
  await page.getByTestId("search").fill("");
  await page.waitForFunction((n) => document.querySelectorAll("[data-testid=card]").length === n, n);
  // A ticker filter keeps only cards with that ticker.
  const options = await page.$$eval("[data-testid=filter-ticker] option", (o) => o.map((x) => x.value).filter(Boolean));
  if (options.length > 0) {
    await page.getByTestId("filter-ticker").selectOption(options[0]);
    const kept = await page.$$eval("[data-testid=card]", (cs, t) => cs.map((c) => c.textContent.includes(t)), options[0]);
    assert.ok(kept.length >= 1 && kept.length < n && kept.every(Boolean), `ticker filter ${options[0]}`);
    await page.getByTestId("filter-ticker").selectOption("");
  }
  // The sentiment filter keeps only cards of that sentiment.
  for (const s of ["positive", "negative", "neutral"]) {
    await page.getByTestId("filter-sentiment").selectOption(s);
    const classes = await page.$$eval("[data-testid=card-sentiment]", (e) => e.map((x) => x.className));
    assert.ok(classes.every((c) => c.includes(s)), `${s}: ${classes}`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});

test("the article page shows impact, title, tickers, topics, summary, sentiment, bars, decisions and highlights in order", async () => {
  const { page, problems } = await open(`/article/${SAMPLE}`);
  await page.getByTestId("article-text").waitFor();
  // Order of the page's parts.
  const order = await page.evaluate(() => {
    const q = (s) => document.querySelector(s);
    const parts = [
      q("[data-testid=back]"),
      q("[data-testid=impact-badge]"),
      q("h1"),
      q(".meta"),
      q("[data-testid=ticker-chip], [data-testid=no-tickers]"),
      q("[data-testid=topic-tag], [data-testid=no-topics]"),
      q("#h-analysis"),
      q("#h-sentiment"),
      q("#h-tickers"),
      q("#h-decisions"),
      q("[data-testid=article-text]"),
      q("[data-testid=how-scored]"),
    ];
    const missing = parts.findIndex((p) => !p);
    if (missing >= 0) return `part ${missing} missing`;
    for (let i = 1; i < parts.length; i++) {
      if (!(parts[i - 1].compareDocumentPosition(parts[i]) & Node.DOCUMENT_POSITION_FOLLOWING)) return `part ${i} out of order`;
    }
    return "ok";
  });
  assert.equal(order, "ok");
  assert.match(await page.getByTestId("impact-score").textContent(), /^[01]\.\d\d$/);
  assert.match(await page.getByTestId("impact-badge").getAttribute("aria-label"), /Market impact \d\.\d\d of 1, /);
  await page.getByTestId("fiction-notice").waitFor();
  assert.equal(await page.locator("h1").textContent(), "Apple beats estimates as iPhone sales hit a record");
  // The engine resolves Apple to AAPL.
  const chips = page.getByTestId("ticker-chip");
  assert.ok((await chips.allTextContents()).some((t) => t.startsWith("AAPL")));
  assert.equal(await page.getByTestId("ticker-bar").count(), await chips.count(), "a bar per ticker");
  assert.match(await page.getByTestId("sentiment-score").textContent(), /^([+\u2212]\d\.\d\d|0\.00)$/);
  await page.getByTestId("sentiment-gauge").waitFor();
  assert.match(await page.getByTestId("not-advice").textContent(), /not investment advice/);
  assert.ok(
    (await page.getByTestId("decisions").count()) + (await page.getByTestId("no-decisions").count()) === 1,
    "decisions or their empty state",
  );
  // Clicking a ticker chip outlines its mentions in the text.
  await chips.first().click();
  assert.equal(await chips.first().getAttribute("aria-pressed"), "true");
  await page.locator(".mention").first().waitFor();
  await chips.first().click();
  assert.equal(await page.locator(".mention").count(), 0);
  // Highlights carry their rule and weight, shown on focus.
  const marks = page.locator("mark.hl");
  if ((await marks.count()) > 0) {
    const tip = await marks.first().getAttribute("aria-description");
    assert.match(tip, /weight [+\u2212]?\d\.\d\d/);
    await marks.first().focus();
    const shown = await marks.first().evaluate((m) => getComputedStyle(m, "::after").content);
    assert.ok(shown.includes("weight"), `tooltip on focus: ${shown}`);
    // The tooltip is anchored to its highlight only while it shows: a positioned element
    // per highlight (thousands in a long article) made every analysis slower to paint.
    assert.equal(await marks.first().evaluate((m) => getComputedStyle(m).position), "relative");
    await marks.first().blur();
    assert.equal(await marks.first().evaluate((m) => getComputedStyle(m).position), "static");
    // For a screen reader the explanation is the run's description; the tooltip shown on
    // focus must not also become part of its name.
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    const mark = nodes.find((n) => n.role?.value === "mark" && n.description?.value);
    assert.ok(mark, "a highlight with a description in the accessibility tree");
    assert.match(mark.description.value, /weight/);
    assert.doesNotMatch(mark.name?.value ?? "", /weight/, `name: ${mark.name?.value}`);
    await cdp.detach();
  }
  await page.getByTestId("how-scored").click();
  await page.getByRole("heading", { name: "About Newsgauge" }).waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});

test("the theme toggle switches theme and is remembered across reloads", async () => {
  const { page, problems } = await open("/about", { scheme: "light" });
  await page.getByTestId("theme-toggle").click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  await page.reload();
  await page.getByRole("heading", { name: "About Newsgauge" }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  assert.equal(await page.getByTestId("theme-toggle").getAttribute("aria-pressed"), "true");
  assert.deepEqual(problems, []);
  await page.close();
});

test("every control is reachable by keyboard with a visible focus outline", async () => {
  const { page, problems } = await open("/");
  await page.getByTestId("card").first().waitFor();
  const seen = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      const cs = getComputedStyle(el);
      return { tag: el.tagName, id: el.dataset.testid ?? el.textContent.slice(0, 20), outline: cs.outlineStyle };
    });
    if (info.tag === "BODY") continue; // focus passing through the browser's own UI
    assert.notEqual(info.outline, "none", `focus visible on ${info.tag} ${info.id}`);
    seen.add(info.tag);
  }
  assert.ok(seen.has("A") && seen.has("INPUT") && seen.has("SELECT") && seen.has("BUTTON"), [...seen].join(","));
  assert.deepEqual(problems, []);
  await page.close();
});

/** Text elements whose contrast with their background is under WCAG AA. */
function lowContrast() {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg[3] > 0) layers.push(bg);
      if (bg[3] === 1) break;
    }
    let color = [255, 255, 255, 1];
    for (const l of layers.reverse()) color = over(l, color);
    return color;
  };
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const bad = [];
  for (const el of document.querySelectorAll("body *")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const cs = getComputedStyle(el);
    if (!own || cs.visibility === "hidden" || cs.display === "none" || el.closest("[disabled],[aria-hidden=true]")) continue;
    const bg = background(el);
    const fg = over(parse(cs.color), bg);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(cs.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) bad.push(`${el.tagName}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
  }
  return bad;
}

for (const scheme of ["light", "dark"]) {
  test(`text contrast meets WCAG AA on the feed, article and about pages (${scheme})`, async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: scheme });
    for (const [path, ready] of [
      ["/", (p) => p.getByTestId("card").first().waitFor()],
      [`/article/${SAMPLE}`, (p) => p.getByTestId("article-text").waitFor()],
      ["/about", (p) => p.getByRole("heading", { name: "About Newsgauge" }).waitFor()],
    ]) {
      await page.goto(BASE + path);
      await ready(page);
      assert.deepEqual(await page.evaluate(lowContrast), [], `${path} in ${scheme}`);
    }
    await page.close();
  });
}
