// A demo report's HTML in a real browser (Debian's chromium through puppeteer-core):
//   - axe-core finds no violation (WCAG 2.1 A and AA, and axe's best practices);
//   - the page asks for nothing: every request but the page itself is a failure;
//   - its charts are inline SVG images, each with a title and a description;
//   - printed to PDF (A4, the page's own @page rules) it has a sane number of pages;
//   - screenshots of the printed first page and of the chart page are written beside the PDF,
//     and of each section named, as report-NAME-SECTION.png.
// Usage: node report.mjs CHROMIUM REPORT.html OUTDIR [NAME [MIN_CHARTS [SECTION,...]]]
// NAME defaults to vb2021 (the VB 2021 report: three charts at least, files without the name).
// Prints one JSON line with what it found; exits 1 on any failure.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const puppeteer = require("puppeteer-core");
const axe = require("axe-core");

const [chromium, htmlFile, outDir, name = "vb2021", minCharts = "3", sectionList = "risker"] =
  process.argv.slice(2);
const sections = sectionList.split(",").filter((x) => x);
// The VB 2021 files keep the names they always had; another report's carry its name.
const out = (file) => path.join(outDir, name === "vb2021" ? file : file.replace(/^report-/,
  `report-${name}-`));
const failures = [];
const found = {};

// A4 at 96 px per inch, the size Chromium prints at.
const A4 = { width: 794, height: 1123 };

function countPdfPages(buf) {
  const text = buf.toString("latin1");
  return (text.match(/\/Type\s*\/Page(?![a-z])/g) || []).length;
}

async function checkAxe(page) {
  await page.evaluate(axe.source);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    resultTypes: ["violations"],
  }));
  found.axe_rules_passed = result.passes.length;
  found.axe_violations = result.violations.map((v) => ({
    id: v.id, impact: v.impact, nodes: v.nodes.length,
    first: v.nodes[0] && v.nodes[0].target.join(" "),
  }));
  if (result.violations.length)
    failures.push("axe-core: " + JSON.stringify(found.axe_violations));
}

async function checkCharts(page) {
  const charts = await page.$$eval("svg", (svgs) => svgs.map((s) => ({
    role: s.getAttribute("role"),
    title: (s.querySelector("title") || {}).textContent || "",
    desc: (s.querySelector("desc") || {}).textContent || "",
  })));
  found.charts = charts.length;
  if (charts.length < Number(minCharts))
    failures.push(`expected ${minCharts} charts at least, found ${charts.length} svg`);
  for (const c of charts)
    if (c.role !== "img" || !c.title.trim() || c.desc.trim().length < 20)
      failures.push("a chart without role=img, a title and a description: " + JSON.stringify(c));
}

async function screenshots(page) {
  await page.emulateMediaType("print");
  await page.setViewport(A4);
  await page.screenshot({ path: out("report-page1.png"), clip: { x: 0, y: 0, ...A4 } });
  const chart = await page.$("#s-verksamheter figure") || await page.$("figure");
  if (chart)
    await chart.screenshot({ path: out("report-chart.png") });
  const months = await page.$("#s-malomraden");
  if (months)
    await months.screenshot({ path: out("report-goal-summary.png") });
  for (const key of sections) {
    const sec = await page.$(`#s-${key}`);
    if (!sec)
      failures.push(`no section ${key} to take a picture of`);
    else
      await sec.screenshot({ path: path.join(outDir, `report-${name}-${key}.png`) });
  }
  await page.emulateMediaType(null);
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "folja-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    userDataDir: profile,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const url = "file://" + path.resolve(htmlFile);
    const requests = [];
    await page.setRequestInterception(true);
    page.on("request", (req) => {
      requests.push(req.url());
      if (req.url() === url) req.continue(); else req.abort();
    });
    page.on("pageerror", (e) => failures.push("page error: " + e.message));
    await page.goto(url, { waitUntil: "load" });
    await checkAxe(page);
    await checkCharts(page);
    found.scripts = await page.$$eval("script", (s) => s.length);
    found.lang = await page.$eval("html", (h) => h.lang);
    if (found.lang !== "sv") failures.push("lang is not sv");
    await screenshots(page);
    const pdf = Buffer.from(await page.pdf({ printBackground: true, preferCSSPageSize: true }));
    fs.writeFileSync(path.join(outDir, `report-${name}.pdf`), pdf);
    found.pdf_pages = countPdfPages(pdf);
    if (found.pdf_pages < 4 || found.pdf_pages > 60)
      failures.push(`the PDF has ${found.pdf_pages} pages`);
    // the page itself only; axe is injected, not fetched
    found.requests = requests.length;
    const others = requests.filter((u) => u !== url);
    if (others.length) failures.push("requests left the page: " + others.join(", "));
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(JSON.stringify({ ok: failures.length === 0, ...found, failures }));
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.log(JSON.stringify({ ok: false, failures: [String(e && e.stack || e)] }));
  process.exit(1);
});
