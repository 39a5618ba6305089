// What the browser benchmarks paste (bench/browser.mjs, bench/ab.mjs), how they paste it and
// how they summarise the times.
import { readFileSync } from "node:fs";

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
