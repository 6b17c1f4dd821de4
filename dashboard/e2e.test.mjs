// End to end: the dashboard in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core) against a real `dyad serve` on loopback. It codes the bundled example
// through the paste box and checks the highlighted spans and the timeline.
//
//   DYAD_BIN=../target/debug/dyad node --test e2e.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { createInterface } from "node:readline";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const dyadBin = process.env.DYAD_BIN || join(root, "target/debug/dyad");
const chromiumPath = process.env.CHROMIUM || "/usr/bin/chromium";
const examplePath = join(root, "examples/seed-2022-01-25-us-russia.txt");

// The flags that let Chromium start as root on a machine with no outside network.
const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

function startServer(store) {
  const server = spawn(dyadBin, ["serve", "--store", store, "--addr", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stderr.on("data", (chunk) => { log += chunk; });
  const url = new Promise((resolve, reject) => {
    const lines = createInterface({ input: server.stdout });
    lines.on("line", (line) => {
      const match = line.match(/(http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) resolve(match[1]);
    });
    server.on("exit", (code) => reject(new Error(`dyad serve exited (${code}): ${log}`)));
    setTimeout(() => reject(new Error(`dyad serve did not start: ${log}`)), 120_000).unref();
  });
  return { server, url };
}

test("the dashboard codes a pasted article and shows its spans and the timeline", async (t) => {
  const work = mkdtempSync(join(tmpdir(), "dyad-e2e-"));
  const store = join(work, "store");
  execFileSync(dyadBin, ["ingest", "--store", store, examplePath], { stdio: ["ignore", "ignore", "inherit"] });
  const { server, url } = startServer(store);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // Playwright gives each launch a fresh, empty profile directory of its own.
    args: CHROMIUM_ARGS,
  });
  t.after(async () => {
    await browser.close();
    server.kill();
    rmSync(work, { recursive: true, force: true });
  });
  const base = await url;
  const page = await browser.newPage({ viewport: { width: 1280, height: 1800 } });
  const errors = [];
  const foreign = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
  page.on("request", (request) => { if (!request.url().startsWith(base)) foreign.push(request.url()); });

  await page.goto(base);
  await page.waitForSelector("#events tbody tr");
  assert.match(await page.textContent("#health"), /1 articles in the store/);

  // Paste the example (without its `date` header) and code it.
  const [, date, text] = readFileSync(examplePath, "utf8").match(/^\s*date (\d{4}-\d{2}-\d{2})\s+([\s\S]*)$/);
  await page.fill("#code-text", text);
  await page.fill("#code-date", date);
  await page.click("#code-button");
  await page.waitForSelector("#article-text .hl.trigger", { timeout: 60_000 });

  const actors = await page.$$eval("#article-text .hl.actor", (nodes) => nodes.map((n) => n.textContent));
  const triggers = await page.$$eval("#article-text .hl.trigger", (nodes) => nodes.map((n) => n.textContent));
  assert.ok(actors.some((a) => a.includes("Russia")), `actors highlighted: ${actors}`);
  assert.ok(triggers.length > 0, "event triggers highlighted");
  const listed = await page.$$eval("#article-events li", (nodes) => nodes.map((n) => n.textContent));
  assert.ok(listed.length > 0 && listed.every((l) => l.includes("rule:")), "each event shows its code, rule and sentence");
  // The highlighted text is the article's, byte offsets and all (curly quotes included).
  assert.equal((await page.textContent("#article-text")).trim(), text.trim());

  // The timeline of the article's first dyad, from the store.
  await page.waitForFunction(() => Number(document.querySelector("#timeline").dataset.points || 0) > 0);
  assert.ok(await page.$("#timeline canvas"), "the timeline is drawn");
  assert.ok(await page.$("#network canvas"), "the network is drawn");

  await page.screenshot({ path: join(here, "e2e-screenshot.png"), fullPage: true });
  assert.deepEqual(errors, [], "no script errors");
  assert.deepEqual(foreign, [], "every request stays on the dyad server (no CDN)");
});
