// Browser test of the weekly report served by `paperkg serve`: follows the week's link on the web page,
// checks that the report renders with its papers, that every link goes to the paper's Hugging Face page
// (or to a section of the page itself), that nothing is loaded from elsewhere, that its charts have
// lines, and that bad or empty weeks get a 400 or a 404; then saves a full-page screenshot.
//
// Usage: node tests/e2e/report.mjs <base-url> <screenshot.png>
// Prints one line per check passed; on the first failed check prints "FAIL: …" and exits 1.

import { chromium } from "playwright-core";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";

const [base, screenshotPath] = process.argv.slice(2);
if (!base || !screenshotPath) {
  console.error("usage: node tests/e2e/report.mjs <base-url> <screenshot.png>");
  process.exit(2);
}

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"];
// The sample digests of data/ fall in these ISO weeks; the report is checked on the later one, which
// has a week before it to rise or fall against.
const WEEKS = ["2025-W20", "2025-W19"];
const WEEK = "2025-W20";
const PAPER_PAGE = "https://huggingface.co/papers/";
const WAIT_MS = 30_000;

class CheckFailed extends Error {}

function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

function pass(message) {
  console.log(`ok   ${message}`);
}

const url = (path) => new URL(path, base).href;

// Status and body of a GET, without a browser.
async function get(path) {
  const response = await fetch(url(path));
  return { status: response.status, body: await response.text() };
}

async function checkRefusals() {
  const weeks = await get("api/weeks");
  check(weeks.status === 200, `/api/weeks answered ${weeks.status}`);
  check(JSON.parse(weeks.body).join() === WEEKS.join(), `/api/weeks is ${weeks.body}, expected ${WEEKS}`);
  pass(`/api/weeks lists ${WEEKS.join(", ")}`);
  const bad = await get("report/2025-W99");
  check(bad.status === 400 && bad.body.includes("2025-W99"), `a bad week answered ${bad.status}: ${bad.body}`);
  const empty = await get("report/2025-W30");
  check(empty.status === 404 && /no digest in 2025-W30/.test(empty.body), `an empty week answered ${empty.status}: ${empty.body}`);
  pass(`bad week → 400 ("${bad.body.trim()}"), week without digests → 404 ("${empty.body.trim()}")`);
}

// Every link of the report: a paper's page whose text is its arXiv id, or a section of the page.
async function checkLinks(page) {
  const links = await page.$$eval("a", (as) => as.map((a) => ({ href: a.getAttribute("href"), text: a.textContent })));
  const papers = links.filter((l) => l.href.startsWith(PAPER_PAGE));
  const local = links.filter((l) => l.href.startsWith("#"));
  check(papers.length > 0, "the report links to no paper");
  check(papers.length + local.length === links.length, `links elsewhere: ${links.filter((l) => !l.href.startsWith(PAPER_PAGE) && !l.href.startsWith("#")).map((l) => l.href)}`);
  for (const l of papers) {
    check(l.href === `${PAPER_PAGE}${l.text}`, `link "${l.text}" goes to ${l.href}`);
  }
  for (const l of local) {
    check((await page.locator(l.href).count()) === 1, `the link ${l.href} names no section`);
  }
  const rows = await page.locator("#papers tbody tr").count();
  const rowLinks = await page.locator(`#papers tbody tr td:first-child a[href^="${PAPER_PAGE}"]`).count();
  check(rows > 0 && rowLinks === rows, `${rows} paper rows, ${rowLinks} of them linked to Hugging Face`);
  pass(`${rows} papers, each linked to ${PAPER_PAGE}{its id}; ${local.length} links to its own sections, none elsewhere`);
}

// Nothing is fetched from anywhere: no src, no stylesheet link, no script.
async function checkSelfContained(page, requests) {
  const external = await page.$$eval("[src], link[href], script, iframe, object", (es) => es.map((e) => e.outerHTML.slice(0, 80)));
  check(external.length === 0, `the report loads resources: ${external}`);
  const others = requests.filter((r) => !r.startsWith(url(`report/${WEEK}`)));
  check(others.length === 0, `opening the report requested ${others}`);
  pass("self-contained: no src, no stylesheet link, no script, no request but the page itself");
}

async function checkCharts(page) {
  const charts = await page.$$eval("figure.chart svg", (svgs) =>
    svgs.map((svg) => {
      const lines = [...svg.querySelectorAll("polyline")];
      const points = lines.map((l) => l.points.length);
      const box = svg.getBoundingClientRect();
      return { lines: lines.length, points, width: box.width, height: box.height };
    }),
  );
  check(charts.length === 2, `the report has ${charts.length} charts, expected rising and falling`);
  for (const c of charts) {
    check(c.lines > 0 && c.points.every((p) => p >= 2), `a chart has ${c.lines} lines of ${c.points} points`);
    check(c.width > 0 && c.height > 0, `a chart is drawn ${c.width}×${c.height}`);
  }
  const legend = await page.$$eval("figure.chart svg text", (ts) => ts.map((t) => t.textContent.trim()));
  const rising = await page.$$eval("#trends h3 + table tbody tr td:first-child", (tds) => tds.map((td) => td.textContent));
  check(rising.every((label) => legend.includes(label)), `chart legends ${legend} miss labels of ${rising}`);
  pass(`2 charts (rising, falling), ${charts.map((c) => c.lines).join(" and ")} lines of ≥ 2 points, legends name the tasks of the tables`);
}

async function main() {
  const started = Date.now();
  await checkRefusals();
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  const errors = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.setDefaultTimeout(WAIT_MS);
    page.on("pageerror", (err) => errors.push(err.message));
    await page.goto(base);
    await page.waitForSelector("#weeks a");
    const hrefs = await page.$$eval("#weeks a", (as) => as.map((a) => a.getAttribute("href")));
    check(hrefs.join() === WEEKS.map((w) => `report/${w}`).join(), `the page links to ${hrefs}`);
    pass(`the web page links to the reports: ${hrefs.join(", ")}`);

    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await Promise.all([page.waitForURL(url(`report/${WEEK}`)), page.click(`#weeks a[href="report/${WEEK}"]`)]);
    const h1 = await page.textContent("h1");
    check(h1.includes(WEEK), `the report's heading is "${h1}"`);
    const kinds = await page.textContent("#limitations");
    check(/no limitation kinds/.test(kinds), `the limitation section says "${kinds.trim()}"`);
    pass(`clicking ${WEEK} opens "${h1}"; the limitation-kind section says why it is empty`);
    await checkLinks(page);
    await checkSelfContained(page, requests);
    await checkCharts(page);
    check(errors.length === 0, `the page threw: ${errors.join("; ")}`);

    await mkdir(dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    pass(`screenshot saved to ${screenshotPath}`);
  } finally {
    await browser.close();
  }
  console.log(`report: all checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof CheckFailed ? `FAIL: ${err.message}` : `FAIL: unexpected error: ${err.stack || err}`);
    process.exit(1);
  },
);
