// a11y.mjs SITE_DIR [BASE_PATH]
// Serves a built site on 127.0.0.1, opens every HTML page in headless
// Chromium (light and dark colour schemes, phone and desktop widths), runs
// axe-core with the WCAG 2.1 A and AA rules, prints every violation and
// exits 1 if there is any. It also fails a page that scrolls sideways at
// 360 px. On phones it checks each page again with the menu open: every
// link shown, every target at least 44 px. The one-page brief is also
// checked as printed (print media at the width of an A4 sheet's text).
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

// menuProblems opens the phone menu (a <details>, as a reader's tap
// would) and returns what is wrong: a link of the main navigation not
// shown, or a target smaller than 44 × 44 px.
async function menuProblems(page) {
  return page.evaluate(() => {
    const out = [];
    const menu = document.querySelector("details.menu");
    if (!menu) return ["no details.menu in the header"];
    const summary = menu.querySelector("summary");
    const size = (e) => e.getBoundingClientRect();
    if (size(summary).height < 44 || size(summary).width < 44) out.push(`menu button is ${Math.round(size(summary).width)}×${Math.round(size(summary).height)} px; want at least 44×44`);
    menu.open = true;
    for (const a of menu.querySelectorAll("nav a")) {
      const r = size(a);
      if (a.getClientRects().length === 0 || r.width === 0) out.push(`menu link "${a.textContent}" is not shown with the menu open`);
      else if (r.height < 44) out.push(`menu link "${a.textContent}" is ${Math.round(r.height)} px tall; want at least 44`);
    }
    return out;
  });
}
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
  { name: "dark 360 menu open", width: 360, scheme: "dark", menu: true },
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
      if (m.menu) {
        for (const problem of await menuProblems(page)) {
          violations++;
          console.log(`${rel} [${m.name}]: ${problem}`);
        }
      }
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
  // The brief printed: the text width of A4 (210 mm less 2 × 16 mm of
  // margin, 673 px); Letter is wider. Nothing may be wider than the sheet,
  // and the navigation must not print.
  if ((await pages(root)).includes("brief/index.html")) {
    // Features first: puppeteer sends both in one CDP call, and a later
    // features call would reset the media type.
    await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: "light" }]);
    await page.emulateMediaType("print");
    await page.setViewport({ width: 673, height: 900 });
    await page.goto(origin + basePath + "brief/", { waitUntil: "load" });
    await page.evaluate(axeSource);
    const result = await page.evaluate(() =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }));
    checked++;
    for (const v of result.violations) {
      for (const n of v.nodes) {
        violations++;
        console.log(`brief/ [print]: ${v.id} (${v.impact}): ${v.help}\n    ${n.target.join(" ")}\n    ${n.failureSummary.replace(/\n/g, "\n    ")}`);
      }
    }
    const printed = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      print: matchMedia("print").matches,
      nav: [...document.querySelectorAll("nav a, .menu")].filter((e) => e.getClientRects().length > 0).length,
    }));
    if (!printed.print) { violations++; console.log("brief/ [print]: print media could not be emulated"); }
    if (printed.overflow > 0) { violations++; console.log(`brief/ [print]: the page is ${printed.overflow}px wider than an A4 sheet's text`); }
    if (printed.nav > 0) { violations++; console.log(`brief/ [print]: ${printed.nav} navigation links would print`); }
    await page.emulateMediaType(null);
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`axe-core: ${checked} page views checked, ${violations} violations`);
process.exit(violations > 0 ? 1 : 0);
