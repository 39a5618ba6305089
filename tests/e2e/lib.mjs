// Shared helpers for the end-to-end tests: the browser, console watching, screenshots.
import { chromium } from "playwright-core";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const BASE = process.env.NEWSGAUGE_URL ?? "http://127.0.0.1:8081";
export const SHOTS = join(dirname(fileURLToPath(import.meta.url)), "screenshots");

/** Launch Debian's Chromium headless; never a downloaded browser. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Collect console errors, page errors and requests to other origins. */
export function watch(page) {
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.protocol.startsWith("http") && u.origin !== new URL(BASE).origin) {
      problems.push(`request to another origin: ${r.url()}`);
    }
  });
  return problems;
}

/** Save a screenshot under tests/e2e/screenshots (git-ignored). */
export async function shot(page, name) {
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** A new context on /analyze, ready for a paste, with its console problems watched. */
export async function openAnalyze(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watch(page);
  await page.goto(BASE + "/analyze");
  await page.locator("#paste-box").waitFor();
  return { context, page, problems };
}
