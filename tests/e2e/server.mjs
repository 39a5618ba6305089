// A static file server for dist/ with the index.html fallback a client-side router
// needs. Used by the end-to-end tests and `node tests/e2e/server.mjs [dir] [port]`.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
};

// Trunk's content hash in a file name: `main-df6b7484f2f5b4ac.css`, `newsgauge-web-…_bg.wasm`.
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;

/** Cache-Control for `file` as README "Two commands" asks a host to serve it (`deployed`), or
 * `no-store` (the default: tests must never see an earlier build's files). */
function cacheControl(file, deployed) {
  if (!deployed) return "no-store";
  return HASHED.test(file) ? "public, max-age=31536000, immutable" : "no-cache";
}

/** Serve `dir` on 127.0.0.1:`port` (0 = any free port). Resolves to the http.Server.
 * `deployed`: cache headers as on a real host (hashed files kept for good, the others
 * revalidated), for benchmarks of repeat visits; otherwise nothing may be cached. */
export function serveStatic(dir, port = 0, { headers = {}, deployed = false } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://localhost");
      let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
      let file = join(root, path);
      if (!file.startsWith(root)) {
        res.writeHead(403).end();
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info && info.isDirectory()) {
        file = join(file, "index.html");
        info = await stat(file).catch(() => null);
      }
      if (!info) {
        // Client-side routes fall back to the app; missing assets are real 404s.
        if (extname(path)) {
          res.writeHead(404, { "content-type": "text/plain" }).end("not found");
          return;
        }
        file = join(root, "index.html");
      }
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": cacheControl(file, deployed),
        ...headers,
      });
      res.end(body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  return new Promise((ok) => server.listen(port, "127.0.0.1", () => ok(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? "dist";
  const port = Number(process.argv[3] ?? 8081);
  const server = await serveStatic(dir, port);
  console.log(`serving ${dir} on http://127.0.0.1:${server.address().port}`);
}
