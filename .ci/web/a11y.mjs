// a11y.mjs SITE_DIR [BASE_PATH]
// Serves a built site on 127.0.0.1, opens every HTML page in headless
// Chromium (light and dark colour schemes, phone and desktop widths), runs
// axe-core with the WCAG 2.1 A and AA rules, prints every violation and
// exits 1 if there is any. It also fails a page that scrolls sideways at
// 360 px.
import { createServer } from "node:http";
import { readFile, readdir } from "node:fs/promises";
import { join, extname, resolve, sep } from "node:path";
import { createRequire } from "node:module";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

const root = resolve(process.argv[2] ?? "public");
const basePath = (process.argv[3] ?? "/").replace(/\/?$/, "/");
const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml", ".png": "image/png" };

async function pages(dir, rel = "") {
  const out = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const r = rel + e.name;
    if (e.isDirectory()) out.push(...(await pages(join(dir, e.name), r + "/")));
    else if (e.name.endsWith(".html")) out.push(r);
  }
  return out.sort();
}

const server = createServer(async (req, res) => {
  let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (!p.startsWith(basePath)) { res.writeHead(404); return res.end(); }
  p = p.slice(basePath.length);
  if (p === "" || p.endsWith("/")) p += "index.html";
  const file = resolve(root, p);
  if (!file.startsWith(root + sep)) { res.writeHead(403); return res.end(); }
  try {
    const data = await readFile(file);
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" });
    res.end(data);
  } catch {
    res.writeHead(404); res.end();
  }
});
await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const modes = [
  { name: "light 1280", width: 1280, scheme: "light" },
  { name: "dark 1280", width: 1280, scheme: "dark" },
  { name: "light 360", width: 360, scheme: "light" },
];
let violations = 0;
let checked = 0;
try {
  const page = await browser.newPage();
  for (const rel of await pages(root)) {
    const url = origin + basePath + rel.replace(/index\.html$/, "");
    for (const m of modes) {
      await page.setViewport({ width: m.width, height: 900 });
      await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: m.scheme }]);
      await page.goto(url, { waitUntil: "load" });
      await page.evaluate(axeSource);
      const result = await page.evaluate(() =>
        // eslint-disable-next-line no-undef
        axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }));
      checked++;
      // Nothing may scroll sideways on a phone (tables and the nav scroll
      // inside their own boxes).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) {
        violations++;
        console.log(`${rel} [${m.name}]: page is ${overflow}px wider than the ${m.width}px viewport`);
      }
      for (const v of result.violations) {
        for (const n of v.nodes) {
          violations++;
          console.log(`${rel} [${m.name}]: ${v.id} (${v.impact}): ${v.help}\n    ${n.target.join(" ")}\n    ${n.failureSummary.replace(/\n/g, "\n    ")}`);
        }
      }
    }
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`axe-core: ${checked} page views checked, ${violations} violations`);
process.exit(violations > 0 ? 1 : 0);
