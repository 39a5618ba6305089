// What the browser benchmarks paste (bench/browser.mjs, bench/ab.mjs), how they paste it and
// how they summarise the times.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// A realistic paragraph pool: company names, figures, hedges, events. One paragraph a line
// of bench/paragraphs.txt, which crates/engine/examples/profile.rs reads too.
export const PARAGRAPHS = readFileSync(new URL("./paragraphs.txt", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.length > 0);

/** An article of at least `words` words from the pool, starting at paragraph `salt`, ended
 * by "(run salt)" so that no two salts give the same text. */
export function article(words, salt) {
  const out = [];
  let n = 0;
  for (let i = 0; n < words; i++) {
    const p = PARAGRAPHS[(i + salt) % PARAGRAPHS.length];
    out.push(p);
    n += p.split(/\s+/).length;
  }
  return out.join(" ") + ` (run ${salt})`;
}

/** Paste `text` into the analyse page's box; the duration of the analysis it caused (the
 * app's next `newsgauge:analyze` measure). */
export async function paste(page, text) {
  const before = await page.evaluate(
    () => performance.getEntriesByName("newsgauge:analyze").length,
  );
  await page.locator("#paste-box").fill(text);
  await page.waitForFunction(
    (n) => performance.getEntriesByName("newsgauge:analyze").length > n,
    before,
    { timeout: 30000 },
  );
  return page.evaluate(() => performance.getEntriesByName("newsgauge:analyze").at(-1).duration);
}

/** The p-th percentile of `xs` (the median for 50). */
export const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** Response headers that make a page cross-origin isolated (every file of the site is
 * same-origin, so nothing breaks): Chromium then gives `performance` a microsecond timer
 * instead of the 0.1 ms one of an ordinary page, which is 5% of a 1,000-word analysis. */
export const ISOLATED = {
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-embedder-policy": "require-corp",
};

/** The repository's dist/, after building the release site into it with `./dev dist` (which
 * also installs what is missing). The build's own output goes to stderr, so stdout holds only
 * a benchmark's figures; `hint` says how to measure an existing build instead. */
export function buildRelease(hint) {
  console.error(`building the release site (./dev dist); ${hint}`);
  const dev = fileURLToPath(new URL("../dev", import.meta.url));
  const built = spawnSync(dev, ["dist"], { stdio: ["ignore", 2, 2] });
  if (built.status !== 0) throw new Error(`./dev dist failed (exit ${built.status ?? built.signal})`);
  return fileURLToPath(new URL("../dist", import.meta.url));
}

/** Page script (for `addInitScript`): Element Timing of the impact score, the first result of
 * the analysis view (elementtiming="newsgauge-impact"): when it is first painted, on the page's
 * timeline, in `window.__newsgaugePainted`. */
export function watchImpact() {
  window.__newsgaugePainted = null;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.identifier === "newsgauge-impact" && window.__newsgaugePainted === null) {
        window.__newsgaugePainted = e.renderTime || e.loadTime;
      }
    }
  }).observe({ type: "element", buffered: true });
}

/** Page script (for `addInitScript`, with the text as its argument): a saved draft of `text`
 * for /analyze to reopen, set before any page script runs. */
export function saveDraft(text) {
  if (location.pathname === "/analyze" && !localStorage.getItem("newsgauge.draft")) {
    localStorage.setItem("newsgauge.draft", JSON.stringify({ title: "", text }));
  }
}
