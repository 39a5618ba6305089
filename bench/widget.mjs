// Widget benchmark: how long a reader of a host page waits for a Newsgauge card, on a first
// visit (a new browser profile: nothing cached), in headless Chromium.
//
//   node bench/widget.mjs [--runs N] [--kbps K] [DIST ...]
//
// Without DIST it builds the release site first (`./dev dist`) and measures dist/. With two or
// more builds it alternates them load by load, as this VM's speed drifts within minutes. Each
// build is served as a real host serves it (cache headers, `Access-Control-Allow-Origin: *`);
// the host page, on another origin, holds one widget with a 1,000-word inline article
// (`data-text`, the paste benchmark's articles). With --kbps the site's server sends each
// file gzipped, as a real host does, and at K kilobytes a second (tests/e2e/server.mjs): on
// localhost the bytes themselves cost almost nothing. Printed per build, as medians (and p95) over
// N loads, in ms after the host page's navigation: the card's wasm received, and the card on
// screen (the first animation frame after the card is in the iframe's DOM, on the host's
// timeline).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serveStatic } from "../tests/e2e/server.mjs";
import { launch } from "../tests/e2e/lib.mjs";
import { article, buildRelease, pct } from "./articles.mjs";

// Options, then the builds to measure.
let RUNS = 10;
let KBPS = null;
const dists = [];
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === "--runs") RUNS = Number(process.argv[++i]);
  else if (a === "--kbps") KBPS = Number(process.argv[++i]);
  else dists.push(a);
}
if (dists.length === 0) dists.push(buildRelease("pass DIST directories to measure builds as they are"));

const escape = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
const sites = [];
for (const dist of dists) {
  const server = await serveStatic(dist, 0, {
    headers: { "access-control-allow-origin": "*" },
    deployed: true,
    gzip: KBPS !== null,
    kbps: KBPS,
  });
  sites.push({ dist, server, url: `http://127.0.0.1:${server.address().port}`, loads: [] });
}
const pages = await mkdtemp(join(tmpdir(), "ng-widget-bench-"));
const host = await serveStatic(pages, 0);
const HOST = `http://127.0.0.1:${host.address().port}`;
const browser = await launch();
try {
  for (let r = 0; r < RUNS; r++) {
    for (const site of sites) {
      const name = `host-${sites.indexOf(site)}-${r}.html`;
      await writeFile(
        join(pages, name),
        `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Host</title></head><body>` +
          `<h1>A host page</h1><div class="newsgauge" data-title="Run ${r}" data-text="${escape(article(1000, r))}"></div>` +
          `<script src="${site.url}/widget.js" async></script></body></html>`,
      );
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      // In every frame: the card's iframe records, on the absolute clock, the first animation
      // frame in which the card is in its DOM.
      await ctx.addInitScript(() => {
        const poll = () => {
          if (document.querySelector("[data-testid=ng-card]")) {
            window.__ngCardShown = performance.timeOrigin + performance.now();
          } else {
            requestAnimationFrame(poll);
          }
        };
        requestAnimationFrame(poll);
      });
      const page = await ctx.newPage();
      await page.goto(`${HOST}/${name}`);
      const frame = await (await page.locator(".newsgauge iframe").elementHandle()).contentFrame();
      const shown = await (await frame.waitForFunction(() => window.__ngCardShown, null, { timeout: 30000 })).jsonValue();
      const wasm = await frame.evaluate(() => {
        const e = performance.getEntriesByType("resource").find((x) => new URL(x.name).pathname.endsWith(".wasm"));
        return e ? performance.timeOrigin + e.responseEnd : NaN;
      });
      const origin = await page.evaluate(() => performance.timeOrigin);
      site.loads.push({ wasm: wasm - origin, shown: shown - origin });
      await ctx.close();
    }
  }
  const net = KBPS === null ? "localhost, full speed" : `each file gzipped and sent at ${KBPS} KB/s`;
  console.log(`Widget card, first visit (1,000-word inline article; ${net}), ${RUNS} loads per build, ms after the host page's navigation:`);
  for (const site of sites) {
    const at = (key, p) => pct(site.loads.map((l) => l[key]), p).toFixed(0);
    console.log(
      `  ${site.dist}: card's wasm received median ${at("wasm", 50)} (p95 ${at("wasm", 95)}), card on screen median ${at("shown", 50)} (p95 ${at("shown", 95)})`,
    );
  }
} finally {
  await browser.close();
  host.close();
  for (const s of sites) s.server.close();
  await rm(pages, { recursive: true, force: true });
}
