// Same-hour A/B of paste-and-analyse between builds of the site (issue 8): this VM's speed
// changes by up to 2x within an hour, so two builds compare only when measured together.
//
//   node bench/ab.mjs DIST_A DIST_B [DIST_C ...] [--rounds N]
//
// Opens /analyze of every build in one headless Chromium (each served cross-origin isolated,
// for a microsecond timer), warms each with five pastes, then for N rounds (default 20)
// pastes five 1,000-word articles and one 10,000-word article into each build in turn,
// alternating the order every round. Prints, per build, the median and p95 of the app's
// `newsgauge:analyze` measures. Build each with `trunk build --release --locked --dist DIR`.
import { serveStatic } from "../tests/e2e/server.mjs";
import { launch } from "../tests/e2e/lib.mjs";
import { article, paste, pct, ISOLATED } from "./articles.mjs";

const args = process.argv.slice(2);
const at = args.indexOf("--rounds");
const ROUNDS = at >= 0 ? Number(args[at + 1]) : 20;
const DISTS = args.filter((_, i) => at < 0 || (i !== at && i !== at + 1));
if (DISTS.length < 2) {
  console.error("usage: node bench/ab.mjs DIST_A DIST_B [DIST_C ...] [--rounds N]");
  process.exit(2);
}

const browser = await launch();
const builds = [];
try {
  for (const dist of DISTS) {
    const server = await serveStatic(dist, 0, { headers: ISOLATED });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/analyze`);
    await page.locator("#paste-box").waitFor();
    if (!(await page.evaluate(() => crossOriginIsolated))) {
      throw new Error(`${dist}: the page is not cross-origin isolated`);
    }
    builds.push({ dist, page, server, times: { 1000: [], 10000: [] } });
  }
  for (const b of builds) {
    for (let i = 0; i < 5; i++) await paste(b.page, article(1000, 1000 + i));
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const b of r % 2 ? [...builds].reverse() : builds) {
      for (let k = 0; k < 5; k++) b.times[1000].push(await paste(b.page, article(1000, r * 10 + k)));
      b.times[10000].push(await paste(b.page, article(10000, r)));
    }
  }
  for (const b of builds) {
    const [a, z] = [b.times[1000], b.times[10000]];
    console.log(
      `${b.dist}: 1,000 words median ${pct(a, 50).toFixed(2)} ms, p95 ${pct(a, 95).toFixed(2)} ms (${a.length} pastes); ` +
        `10,000 words median ${pct(z, 50).toFixed(2)} ms, p95 ${pct(z, 95).toFixed(2)} ms (${z.length})`,
    );
  }
} finally {
  await browser.close();
  for (const b of builds) b.server.close();
}
