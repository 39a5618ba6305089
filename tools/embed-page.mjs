// Trunk post-build hook (Trunk.toml), before tools/minify.mjs: writes the widget card's page,
// embed.html, into Trunk's staging directory from assets/embed.html. The card is its own
// binary (src/embed_main.rs, built by Trunk as newsgauge-embed.js and
// newsgauge-embed_bg.wasm, names Trunk does not hash), so this hook
// - puts in the site's stylesheet and icon <link> tags as Trunk wrote them into index.html
//   (hashed names, integrity hashes), where the template's marker is;
// - gives the card's JS and wasm a version query from their bytes as Trunk wrote them (before
//   minifying, which changes them only when they change), so that a new release is
//   fetched anew while an unchanged one stays cached.
// In a release build tools/minify.mjs then minifies embed.html as it does index.html, and
// sets the integrity hashes of both from the files as it leaves them.
// Usage (what Trunk runs): TRUNK_STAGING_DIR=DIR node tools/embed-page.mjs
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("TRUNK_STAGING_DIR is not set: run this as a Trunk hook");
const root = join(dirname(fileURLToPath(import.meta.url)), "..");

const MARKER = "<!-- newsgauge:stylesheets -->";
const template = readFileSync(join(root, "assets", "embed.html"), "utf8");
if (!template.includes(MARKER)) throw new Error(`assets/embed.html has no ${MARKER}`);

const index = readFileSync(join(dir, "index.html"), "utf8");
// The stylesheets, and the icon: a browser asks for /favicon.ico (a 404) when the page, opened
// on its own, names none.
const sheets = [...index.matchAll(/<link\b[^>]*\brel="(?:stylesheet|icon)"[^>]*>/g)].map((m) => m[0]);
if (!sheets.some((tag) => tag.includes('rel="stylesheet"'))) throw new Error("index.html links no stylesheet");

const hash = createHash("sha256");
for (const name of ["newsgauge-embed.js", "newsgauge-embed_bg.wasm"]) {
  hash.update(readFileSync(join(dir, name)));
}
const version = hash.digest("hex").slice(0, 16);

const html = template.replace(MARKER, sheets.join("\n    ")).replaceAll("{{VERSION}}", version);
writeFileSync(join(dir, "embed.html"), html);
console.log(`wrote embed.html (card version ${version})`);
