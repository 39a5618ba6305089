// Serve the release build (dist/, or $NEWSGAUGE_DIST) and run every *.test.mjs here with
// node's test runner (or only the files named as arguments).
import { spawn } from "node:child_process";
import { readdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "./server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = process.env.NEWSGAUGE_DIST ?? join(here, "..", "..", "dist");
if (!existsSync(join(dist, "index.html"))) {
  console.error(`no release build in ${dist}: run trunk build --release first`);
  process.exit(1);
}
// Like a production host of the widget: the sandboxed embed card has an opaque origin.
const server = await serveStatic(dist, 0, { headers: { "access-control-allow-origin": "*" } });
const url = `http://127.0.0.1:${server.address().port}`;
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".test.mjs") && (wanted.length === 0 || wanted.some((w) => f.includes(w))))
  .sort()
  .map((f) => join(here, f));
const child = spawn(process.execPath, ["--test", "--test-concurrency=1", ...files], {
  stdio: "inherit",
  env: { ...process.env, NEWSGAUGE_URL: url },
});
child.on("exit", (code) => {
  server.close();
  process.exit(code ?? 1);
});
