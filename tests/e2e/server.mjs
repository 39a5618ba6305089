// A static file server for dist/ with the index.html fallback a client-side router
// needs. Used by the end-to-end tests and `node tests/e2e/server.mjs [dir] [port]`.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";

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
 * revalidated), for benchmarks of repeat visits; otherwise nothing may be cached.
 * `gzip`: send files gzipped (level 9, once per file) to clients that accept it, as a real
 * host does, for benchmarks on a slow network, where the bytes sent are what count.
 * `kbps`: send each response at that many kilobytes a second (16 KB at a time), a slow link
 * for benchmarks; every frame's requests see it, which the browser's own network emulation
 * does not promise for a sandboxed iframe in another process. */
export function serveStatic(dir, port = 0, { headers = {}, deployed = false, gzip = false, kbps = null } = {}) {
  const root = resolve(dir);
  const gzipped = new Map();
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
      let body = await readFile(file);
      const encoding = {};
      if (gzip && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
        if (!gzipped.has(file)) gzipped.set(file, gzipSync(body, { level: 9 }));
        body = gzipped.get(file);
        encoding["content-encoding"] = "gzip";
      }
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": cacheControl(file, deployed),
        ...encoding,
        ...headers,
      });
      if (kbps === null) {
        res.end(body);
        return;
      }
      const CHUNK = 16 * 1024;
      for (let at = 0; at < body.length; at += CHUNK) {
        const part = body.subarray(at, at + CHUNK);
        await new Promise((ok) => setTimeout(ok, (part.length / (kbps * 1024)) * 1000));
        res.write(part);
      }
      res.end();
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
