// Where a first visit's time goes, beyond what bench/browser.mjs prints (issue 8's "first
// analysis on screen < 300 ms after navigation"):
//
//   node bench/first-visit.mjs [--runs N] [--traces T] [--dist DIR]
//
// 1. The floor: the analysed page's own markup (taken from the app after it analysed the
//    benchmark's 1,000-word article), served as a static page with the site's stylesheets and
//    no script at all, opened in N fresh browser contexts (a new renderer, nothing cached).
//    The time to its painted impact score (Element Timing, as bench/browser.mjs reads it) is
//    what the browser alone needs for this page on this machine: navigation, HTML, CSS, the
//    fresh renderer's font set-up, layout and paint.
// 2. The app itself, traced: T first visits (default 5) of /analyze with the article as a
//    saved draft, each under Chromium's tracer; prints, inside the page's longest script call
//    (the wasm starting the app, analysing and building the view), the time V8 spent compiling
//    wasm functions on their first call (wasm.CompileLazy: V8 compiles a function the first
//    time it runs) and growing memory; then the longest layout and how long it waited for the
//    browser's font service. Medians and ranges: single traces vary a lot on this VM.
//
// Without --dist it builds the release site first (`./dev dist`); with --dist it measures
// that build as it is.
import { cpSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveStatic } from "../tests/e2e/server.mjs";
import { launch } from "../tests/e2e/lib.mjs";
import { article, buildRelease, ISOLATED, pct, saveDraft, watchImpact } from "./articles.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const RUNS = Number(arg("--runs", 16));
const TRACES = Number(arg("--traces", 5));
const DIST = arg("--dist", null) ?? buildRelease("pass --dist DIR to measure a build as it is");
const VIEWPORT = { viewport: { width: 1280, height: 900 } };

const browser = await launch();
const work = mkdtempSync(join(tmpdir(), "newsgauge-first-visit-"));
try {
  // The app's markup after analysing the article, scripts and preloads taken out.
  const app = await serveStatic(DIST, 0, { headers: ISOLATED, deployed: true });
  const appBase = `http://127.0.0.1:${app.address().port}`;
  const ctx = await browser.newContext(VIEWPORT);
  const page = await ctx.newPage();
  await page.goto(appBase + "/analyze");
  await page.locator("#paste-box").fill(article(1000, 0));
  await page.locator("[data-testid=impact-score]").waitFor();
  const markup = (await page.content())
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "")
    .replace(/<link rel="(?:modulepreload|preload)"[^>]*>/g, "");
  await ctx.close();
  const staticDist = join(work, "static");
  cpSync(DIST, staticDist, { recursive: true });
  writeFileSync(join(staticDist, "index.html"), markup);
  const still = await serveStatic(staticDist, 0, { headers: ISOLATED, deployed: true });
  const stillBase = `http://127.0.0.1:${still.address().port}`;
  const painted = [];
  for (let r = 0; r < RUNS; r++) {
    const c = await browser.newContext(VIEWPORT);
    await c.addInitScript(watchImpact);
    const p = await c.newPage();
    await p.goto(stillBase + "/analyze");
    const t = await p.waitForFunction(() => window.__newsgaugePainted, null, { polling: "raf", timeout: 30000 });
    painted.push(await t.jsonValue());
    await c.close();
  }
  still.close();
  console.log(
    `The analysed page's markup as a static page, no script, first visit (${RUNS} loads): impact score painted at median ${pct(painted, 50).toFixed(0)} ms, p95 ${pct(painted, 95).toFixed(0)} ms after navigation`,
  );

  // Traced first visits of the app.
  const traced = [];
  for (let r = 0; r < TRACES; r++) {
    const tc = await browser.newContext(VIEWPORT);
    await tc.addInitScript(saveDraft, article(1000, r));
    await tc.addInitScript(watchImpact);
    const tp = await tc.newPage();
    const traceFile = join(work, `trace-${r}.json`);
    await browser.startTracing(tp, {
      path: traceFile,
      categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.wasm", "blink", "loading", "toplevel", "fonts"],
    });
    await tp.goto(appBase + "/analyze");
    const painted = await (
      await tp.waitForFunction(() => window.__newsgaugePainted, null, { polling: "raf", timeout: 30000 })
    ).jsonValue();
    await browser.stopTracing();
    await tc.close();
    const trace = JSON.parse(readFileSync(traceFile, "utf8"));
    const events = (trace.traceEvents ?? trace).filter((e) => e.ph === "X");
    const within = (outer, name) =>
      events
        .filter((e) => e.name === name && e.pid === outer.pid && e.tid === outer.tid && e.ts >= outer.ts && e.ts <= outer.ts + outer.dur)
        .reduce((acc, e) => acc + e.dur / 1000, 0);
    const longest = (name) => events.filter((e) => e.name === name).sort((a, b) => b.dur - a.dur)[0];
    const call = longest("FunctionCall");
    const layout = longest("LocalFrameView::performLayout");
    traced.push({
      painted,
      script: call.dur / 1000,
      compile: within(call, "wasm.CompileLazy"),
      grow: within(call, "wasm.GrowMemory"),
      layout: layout.dur / 1000,
      fonts: within(layout, "WebSandboxSupportLinux::GetWebFontRenderStyleForStrike"),
    });
  }
  app.close();
  const med = (key) => pct(traced.map((t) => t[key]), 50).toFixed(1);
  const range = (key) => {
    const xs = traced.map((t) => t[key]);
    return `${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)}`;
  };
  console.log(
    `The app, ${TRACES} traced first visits (painted at a median of ${med("painted")} ms; tracing slows it), medians and ranges in ms:`,
  );
  console.log(
    `  its longest script call (the wasm starting the app, analysing, building the view) ${med("script")} (${range("script")}), of which compiling wasm functions on their first call ${med("compile")} (${range("compile")}) and growing memory ${med("grow")} (${range("grow")})`,
  );
  console.log(
    `  its longest layout ${med("layout")} (${range("layout")}), of which waiting for the browser's font service ${med("fonts")} (${range("fonts")})`,
  );
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
