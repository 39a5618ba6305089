// What the browser benchmarks paste (bench/browser.mjs, bench/ab.mjs), how they paste it and
// how they summarise the times. The paragraph pool is also the one of crates/engine/examples/profile.rs.

// A realistic paragraph pool: company names, figures, hedges, events.
export const PARAGRAPHS = [
  "Alphabet shares fell 3% after the European Commission opened an antitrust probe into Google's advertising business, people familiar with the matter said.",
  "Microsoft reported quarterly revenue of $65.6 billion, beating analyst estimates, as demand for Azure cloud services and AI tools remained strong.",
  "Apple Inc. said iPhone sales in China declined for a third quarter, while its services revenue rose to a record.",
  "The Federal Reserve held interest rates steady and signalled that two cuts remain possible this year if inflation keeps easing.",
  "Oil prices climbed after OPEC+ agreed to extend production cuts, lifting shares of Exxon Mobil and Chevron.",
  "JPMorgan Chase (NYSE: JPM) raised its dividend and announced a $30 billion share buyback after passing the stress test.",
  "Tesla missed delivery expectations and cut its full-year guidance, sending $TSLA lower in premarket trading.",
  "Nvidia unveiled a new data-centre chip, and analysts at several banks raised their price targets on the stock.",
];

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
