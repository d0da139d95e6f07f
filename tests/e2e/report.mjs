// Browser test of the weekly report served by `paperkg serve`: follows the week's link on the web page,
// checks that the report renders with its papers, that every link goes to the paper's Hugging Face page
// (or to a section of the page itself), that nothing is loaded from elsewhere, that its charts have
// lines, and that bad or empty weeks get a 400 or a 404; then saves a full-page screenshot.
//
// Usage: node tests/e2e/report.mjs <base-url> <screenshot.png>
// Prints one line per check passed; on the first failed check prints "FAIL: …" and exits 1.

import { check, finish, launch, pass, screenshot } from "./check.mjs";

const [base, screenshotPath] = process.argv.slice(2);
if (!base || !screenshotPath) {
  console.error("usage: node tests/e2e/report.mjs <base-url> <screenshot.png>");
  process.exit(2);
}

// The sample digests of data/ fall in these ISO weeks; the report is checked on the later one, which
// has a week before it to rise or fall against.
const WEEKS = ["2025-W20", "2025-W19"];
const WEEK = "2025-W20";
const PAPER_PAGE = "https://huggingface.co/papers/";
const WAIT_MS = 30_000;

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

// Each chart draws a line (width 2, a point per week) for every task of the table above it, and names
// every such task in its legend.
async function checkCharts(page) {
  const figures = await page.$$eval("#trends h3", (hs) =>
    hs.map((h) => {
      const tasks = [...h.nextElementSibling.querySelectorAll("tbody tr td:first-child")].map((td) => td.textContent);
      const svg = h.nextElementSibling.nextElementSibling.querySelector("svg");
      const lines = [...svg.querySelectorAll('polyline[stroke-width="2"]')].map((l) => l.points.length);
      const legend = [...svg.querySelectorAll("text")].map((t) => t.textContent.trim());
      const box = svg.getBoundingClientRect();
      return { name: h.textContent, tasks, lines, legend, width: box.width, height: box.height };
    }),
  );
  check(figures.map((f) => f.name).join() === "rising,falling", `the report's charts are [${figures.map((f) => f.name)}]`);
  for (const f of figures) {
    check(f.width > 0 && f.height > 0, `the ${f.name} chart is drawn ${f.width}×${f.height}`);
    // A line of the plot and a sample line in the legend per task.
    check(f.lines.length === 2 * f.tasks.length, `the ${f.name} chart has ${f.lines.length} lines for ${f.tasks.length} tasks`);
    check(f.lines.every((points) => points >= 2), `a line of the ${f.name} chart has fewer than 2 points: ${f.lines}`);
    // The legend cuts long labels with "…".
    const named = (t) => f.legend.some((l) => l === t || (l.endsWith("…") && t.startsWith(l.slice(0, -1))));
    const missing = f.tasks.filter((t) => !named(t));
    check(missing.length === 0, `the ${f.name} chart's legend misses ${missing}`);
  }
  pass(`charts: ${figures.map((f) => `${f.name} with a line of ≥ 2 points for each of its ${f.tasks.length} tasks, named in the legend`).join("; ")}`);
}

async function main() {
  const started = Date.now();
  await checkRefusals();
  const browser = await launch();
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
    // The samples' limitations carry kinds, so the section is a table of kinds with their papers.
    const kindRows = await page.$$eval("#limitations tr", (rows) =>
      rows.map((r) => Array.from(r.cells, (c) => c.textContent.trim())),
    );
    const counted = kindRows.filter((cells) => cells.length === 2 && /^\d+$/.test(cells[1]));
    check(counted.length > 0, `the limitation section lists kinds: ${JSON.stringify(kindRows)}`);
    pass(`clicking ${WEEK} opens "${h1}"; the limitation-kind section lists ${counted.length} kinds (${counted[0][0]}: ${counted[0][1]} papers)`);
    await checkLinks(page);
    await checkSelfContained(page, requests);
    await checkCharts(page);
    check(errors.length === 0, `the page threw: ${errors.join("; ")}`);

    await screenshot(page, screenshotPath);
  } finally {
    await browser.close();
  }
  console.log(`report: all checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

finish(main);
