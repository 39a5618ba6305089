// Browser benchmark (issue 8): paste-and-analyse in headless Chromium against the release
// build, timed by the app's own `newsgauge:analyze` performance measures.
//
//   node bench/browser.mjs [--runs N] [--dist DIR]
//
// Without --dist it builds the release site first (`./dev dist`, which also installs what is
// missing) and measures dist/; with --dist it measures that build as it is. Prints, for a
// 1,000-, a 10,000-word article and a sentence: median and p95 of the analysis time over N
// runs, and of the time until the frame that shows the analysis has been rendered; then the
// time from navigation to the first analysis on screen (a saved draft reopened on
// /analyze): the paint of the impact score, as the browser's Element Timing reports it.
import { serveStatic } from "../tests/e2e/server.mjs";
import { launch } from "../tests/e2e/lib.mjs";
import { article, buildRelease, paste, pct, saveDraft, watchImpact, ISOLATED } from "./articles.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const RUNS = Number(arg("--runs", 30));
const DIST = arg("--dist", null) ?? buildRelease("pass --dist DIR to measure a build as it is");

// Cross-origin isolated, for a microsecond timer (see ISOLATED), with the cache headers a
// real host sends (README "Two commands", on deploying), so that a repeat visit finds the
// hashed files in the browser's cache as a returning reader's browser does.
const server = await serveStatic(DIST, 0, { headers: ISOLATED, deployed: true });
const BASE = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();
try {
  const page = await browser.newPage();
  await page.goto(BASE + "/analyze");
  await page.locator("#paste-box").waitFor();
  if (!(await page.evaluate(() => crossOriginIsolated))) {
    throw new Error("the page is not cross-origin isolated: timings would be 0.1 ms coarse");
  }
  // What a reader waits for after a paste: from the start of the analysis to the end of the
  // frame that shows it (the first change of the page after each new measure asks for the
  // next animation frame, and a task queued from that frame runs once it is rendered).
  await page.evaluate(() => {
    window.__newsgaugeShown = [];
    let seen = null;
    new MutationObserver(() => {
      const m = performance.getEntriesByName("newsgauge:analyze").at(-1);
      if (!m || m === seen) return;
      seen = m;
      requestAnimationFrame(() =>
        setTimeout(() => window.__newsgaugeShown.push(performance.now() - m.startTime), 0),
      );
    }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
  });
  const sizes = [
    ["sentence", 25],
    ["1,000 words", 1000],
    ["10,000 words", 10000],
  ];
  console.log(
    `Analysis time per paste, ${RUNS} runs each (newsgauge:analyze measures), and from its start to the end of the frame that shows it:`,
  );
  for (const [label, words] of sizes) {
    const times = [];
    const shown = [];
    for (let r = 0; r < RUNS; r++) {
      const before = await page.evaluate(() => window.__newsgaugeShown.length);
      times.push(await paste(page, article(words, r)));
      await page.waitForFunction((n) => window.__newsgaugeShown.length > n, before);
      shown.push(await page.evaluate(() => window.__newsgaugeShown.at(-1)));
    }
    console.log(
      `  ${label.padEnd(14)} median ${pct(times, 50).toFixed(2)} ms   p95 ${pct(times, 95).toFixed(2)} ms   on screen: median ${pct(shown, 50).toFixed(1)} ms   p95 ${pct(shown, 95).toFixed(1)} ms`,
    );
  }

  // Time to first analysis: open /analyze in a new browser profile whose saved draft is a
  // 1,000-word article (set before any page script runs), so the navigation starts from a
  // blank tab and the timeline holds only this page's load: no earlier page's unload.
  // "first visit": nothing cached. "repeat visit": the same profile loaded /about first, so
  // the browser has the site's files (and its compiled wasm) in its caches, as a returning
  // reader does.
  async function firstAnalysis(repeat) {
    // Per load, in ms after navigation: the wasm file received, the first analysis started
    // and ended, the analysis in the DOM, painted.
    const loads = [];
    for (let r = 0; r < Math.min(RUNS, 10); r++) {
      // Tall enough that the analysis view starts inside the viewport: Element Timing only
      // reports what is painted on screen.
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await ctx.addInitScript(saveDraft, article(1000, r));
      await ctx.addInitScript(watchImpact);
      await ctx.addInitScript(() => {
        // Long Animation Frame entries: the rendering (style, layout, paint) of the frame in
        // which the analysis first is in the DOM.
        window.__newsgaugeFrames = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) {
            window.__newsgaugeFrames.push([e.renderStart, e.startTime + e.duration]);
          }
        }).observe({ type: "long-animation-frame", buffered: true });
        // For comparison with earlier figures: the first animation frame (before its layout
        // and paint) in which the analysis is in the DOM.
        window.__newsgaugeInDom = null;
        const poll = () => {
          if (document.querySelector("[data-testid=impact-score]")) {
            window.__newsgaugeInDom = performance.now();
          } else {
            requestAnimationFrame(poll);
          }
        };
        requestAnimationFrame(poll);
      });
      const fresh = await ctx.newPage();
      if (repeat) {
        await fresh.goto(BASE + "/about");
        await fresh.getByRole("heading", { name: "About Newsgauge" }).waitFor();
        // Time for the browser to finish caching what it compiled.
        await fresh.waitForTimeout(1500);
      }
      await fresh.goto(BASE + "/analyze");
      const t = await fresh.waitForFunction(
        () => {
          const m = performance.getEntriesByName("newsgauge:analyze")[0];
          const painted = window.__newsgaugePainted;
          if (!m || !painted) return null;
          const wasm = performance
            .getEntriesByType("resource")
            .find((e) => e.name.endsWith(".wasm"));
          const inDom = window.__newsgaugeInDom;
          const frame = window.__newsgaugeFrames.find(([rs, end]) => rs <= inDom && inDom <= end);
          return {
            wasm: wasm?.responseEnd ?? NaN,
            start: m.startTime,
            end: m.startTime + m.duration,
            inDom,
            render: frame ? frame[1] - frame[0] : null,
            painted,
          };
        },
        null,
        { polling: "raf", timeout: 30000 },
      );
      loads.push(await t.jsonValue());
      await ctx.close();
    }
    const visit = repeat ? "repeat visit" : "first visit";
    const firsts = loads.map((l) => l.painted);
    const inDoms = loads.map((l) => l.inDom);
    const analyses = loads.map((l) => l.end - l.start);
    console.log(
      `Navigation to first analysis on screen, ${visit} (1,000-word draft; Element Timing of the painted impact score): median ${pct(firsts, 50).toFixed(0)} ms   p95 ${pct(firsts, 95).toFixed(0)} ms`,
    );
    console.log(
      `  analysis in the DOM (first animation frame, before its layout and paint): median ${pct(inDoms, 50).toFixed(0)} ms   p95 ${pct(inDoms, 95).toFixed(0)} ms`,
    );
    console.log(
      `  of which the first analysis itself: median ${pct(analyses, 50).toFixed(0)} ms   p95 ${pct(analyses, 95).toFixed(0)} ms`,
    );
    const renders = loads.map((l) => l.render).filter((x) => x !== null);
    if (renders.length > 0) {
      console.log(
        `  the rendering of that frame (style, layout, paint; Long Animation Frame timing, ${renders.length} of ${loads.length} loads): median ${pct(renders, 50).toFixed(0)} ms`,
      );
    }
    const at = (key) => pct(loads.map((l) => l[key]), 50).toFixed(0);
    console.log(
      `  phases (medians, ms after navigation): wasm received ${at("wasm")}, analysis starts ${at("start")}, ends ${at("end")}, in the DOM ${at("inDom")}, painted ${at("painted")}`,
    );
  }
  await firstAnalysis(false);
  await firstAnalysis(true);
} finally {
  await browser.close();
  server.close();
}
