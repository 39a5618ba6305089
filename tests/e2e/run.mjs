// Serve the release build (dist/) and run every *.test.mjs here with node's test runner.
import { spawn } from "node:child_process";
import { readdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serveStatic } from "./server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "..", "..", "dist");
if (!existsSync(join(dist, "index.html"))) {
  console.error(`no release build in ${dist}: run trunk build --release first`);
  process.exit(1);
}
const server = await serveStatic(dist, 0);
const url = `http://127.0.0.1:${server.address().port}`;
const files = readdirSync(here).filter((f) => f.endsWith(".test.mjs")).sort().map((f) => join(here, f));
const child = spawn(process.execPath, ["--test", "--test-concurrency=1", ...files], {
  stdio: "inherit",
  env: { ...process.env, NEWSGAUGE_URL: url },
});
child.on("exit", (code) => {
  server.close();
  process.exit(code ?? 1);
});
