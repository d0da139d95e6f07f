// Browser test of the page served by `paperkg serve`: drives Debian's Chromium through playwright-core,
// checks what the page shows against the server's own answers, and saves a full-page screenshot.
//
// Usage: node tests/e2e/page.mjs <base-url> <screenshot.png>
// Prints one line per check passed; on the first failed check prints "FAIL: …" and exits 1.

import { readFile } from "node:fs/promises";
import { CheckFailed, check, finish, launch, pass, screenshot } from "./check.mjs";

const [base, screenshotPath] = process.argv.slice(2);
if (!base || !screenshotPath) {
  console.error("usage: node tests/e2e/page.mjs <base-url> <screenshot.png>");
  process.exit(2);
}

const QUERY_NAME = "datasets-by-papers";
const VIEW_NAME = "task-dataset";
const WAIT_MS = 30_000;
const BROKEN_QUERY = "SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(?o = \n}\n";

const url = (path) => new URL(path, base).href;

// Fetches a JSON document from the server, failing clearly on a non-2xx answer.
async function serverJson(path, headers = {}) {
  let response;
  try {
    response = await fetch(url(path), { headers });
  } catch (err) {
    throw new CheckFailed(`could not reach ${url(path)}: ${err.cause?.message ?? err.message}`);
  }
  const text = await response.text();
  check(response.ok, `GET ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  try {
    return JSON.parse(text);
  } catch {
    throw new CheckFailed(`GET ${path} did not answer JSON: ${text.slice(0, 300)}`);
  }
}

// Asks the server itself for the results of a query (GET, the other form of the protocol than the page's POST).
function serverSelect(query) {
  return serverJson(`sparql?query=${encodeURIComponent(query)}`, {
    Accept: "application/sparql-results+json",
  });
}

// Splits CSV text into records, honouring quoted fields that hold commas, quotes or line breaks.
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else {
      field += c;
    }
  }
  if (field !== "" || record.length) records.push([...record, field]);
  return records;
}

// Chooses a ready query, runs it from the page and waits until the status line reports the outcome.
async function runReady(page, name) {
  await page.selectOption("#ready", name);
  await page.click("#run");
  await waitForOutcome(page);
}

// Waits until the status line no longer says that a query is running.
async function waitForOutcome(page) {
  await page.waitForFunction(
    () => {
      const status = document.getElementById("status");
      return !document.getElementById("run").disabled && !/Running/.test(status.textContent);
    },
    null,
    { timeout: WAIT_MS },
  );
}

async function main() {
  const started = Date.now();
  const queries = await serverJson("api/queries");
  const views = await serverJson("api/views");
  const ready = queries.find((q) => q.name === QUERY_NAME);
  check(ready, `/api/queries has no query named ${QUERY_NAME}`);
  check(views.includes(VIEW_NAME), `/api/views has no view named ${VIEW_NAME}`);
  const expected = await serverSelect(ready.query);
  const vars = expected.head.vars;
  const bindings = expected.results.bindings;
  check(bindings.length > 0, `the server's answer to ${QUERY_NAME} has no rows`);

  const browser = await launch();
  const pageErrors = [];
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.on("pageerror", (err) => pageErrors.push(err.message));

    await page.goto(base);
    await page.waitForFunction(() => document.querySelectorAll("#ready option").length > 0);
    const options = await page.$$eval("#ready option", (os) => os.map((o) => o.value));
    check(
      options.length === queries.length,
      `the ready-query select has ${options.length} options, /api/queries returns ${queries.length}`,
    );
    pass(`ready-query select lists all ${queries.length} ready queries`);

    const viewOptions = await page.$$eval("#view option", (os) => os.map((o) => o.value));
    check(
      viewOptions.join() === views.join(),
      `the view select lists [${viewOptions}], /api/views returns [${views}]`,
    );
    pass(`view select lists all ${views.length} views`);

    await runReady(page, QUERY_NAME);
    check(
      (await page.inputValue("#query")) === ready.query,
      `choosing ${QUERY_NAME} did not put its text in the query box`,
    );
    const status = (await page.textContent("#status")).trim();
    check(
      new RegExp(`^${bindings.length} rows? in \\d+ ms`).test(status),
      `status after running ${QUERY_NAME} is "${status}", expected "${bindings.length} rows in … ms"`,
    );
    const heads = await page.$$eval("#results thead th", (ths) => ths.map((th) => th.textContent));
    check(heads.join() === vars.join(), `table header is [${heads}], the server's variables are [${vars}]`);
    const rowCount = await page.locator("#results tbody tr").count();
    check(rowCount === bindings.length, `table has ${rowCount} rows, the server answers ${bindings.length}`);
    pass(`${QUERY_NAME}: header [${heads}] and ${rowCount} rows match the server (status "${status}")`);

    const cells = await page.$$eval("#results tbody tr:first-child td", (tds) =>
      tds.map((td) => ({ text: td.textContent, iri: td.querySelector("a")?.title ?? td.title })),
    );
    vars.forEach((v, i) => {
      const term = bindings[0][v];
      const cell = cells[i];
      check(cell, `first row has no cell for ${v}`);
      if (!term) {
        check(cell.text === "", `first row, ${v}: expected an empty cell, got "${cell.text}"`);
      } else if (term.type === "uri") {
        check(cell.iri === term.value, `first row, ${v}: link title is ${cell.iri}, expected ${term.value}`);
        check(
          term.value.endsWith(cell.text) && cell.text !== "",
          `first row, ${v}: shows "${cell.text}", not the end of ${term.value}`,
        );
      } else {
        check(cell.text === term.value, `first row, ${v}: shows "${cell.text}", expected "${term.value}"`);
      }
    });
    pass(`first row equals the server's first row: ${cells.map((c) => c.text).join(" | ")}`);

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#csv")]);
    check(
      download.suggestedFilename() === `${QUERY_NAME}.csv`,
      `the CSV download is named ${download.suggestedFilename()}, expected ${QUERY_NAME}.csv`,
    );
    const csvText = await readFile(await download.path(), "utf8");
    const records = parseCsv(csvText.replace(/^\uFEFF/, ""));
    check(
      records.length > 0 && records[0].join(",") === vars.join(","),
      `the CSV starts with "${csvText.split(/\r?\n/)[0]}", expected "${vars.join(",")}"`,
    );
    check(
      records.length - 1 === bindings.length,
      `the CSV has ${records.length - 1} data rows, the server's JSON has ${bindings.length}`,
    );
    pass(`Download CSV saved ${download.suggestedFilename()} with the header line and ${bindings.length} data rows`);

    await page.fill("#query", BROKEN_QUERY);
    await page.press("#query", "Control+Enter");
    await waitForOutcome(page);
    const error = (await page.textContent("#status")).trim();
    const isError = await page.$eval("#status", (el) => el.classList.contains("error"));
    check(isError, `a broken query left the status "${error}", not shown as an error`);
    check(/\b\d+:\d+\b|line \d+/i.test(error), `the error message "${error}" names no line number`);
    check((await page.locator("#results tbody tr").count()) === 0, "a broken query left the old rows in the table");
    pass(`broken query (run with Ctrl+Enter) shows an error with a line number: "${error.split("\n")[0]}"`);

    await page.selectOption("#view", VIEW_NAME);
    await page.fill("#top", "30");
    await page.click("#show");
    await page.waitForSelector("#graph svg, #graph-status.error", { timeout: WAIT_MS * 2 });
    const graphError = await page.$eval("#graph-status", (el) => (el.classList.contains("error") ? el.textContent : ""));
    check(!graphError, `view ${VIEW_NAME} failed: ${graphError}`);
    const nodes = await page.locator("#graph svg g.node").count();
    check(nodes > 0, `the SVG of view ${VIEW_NAME} has no node`);
    pass(`view ${VIEW_NAME} (top 30) shows an SVG with ${nodes} nodes`);

    await runReady(page, QUERY_NAME);
    const rowsAgain = await page.locator("#results tbody tr").count();
    check(rowsAgain === bindings.length, `running ${QUERY_NAME} again shows ${rowsAgain} rows, not ${bindings.length}`);
    check(pageErrors.length === 0, `the page threw: ${pageErrors.join("; ")}`);
    pass("no script error on the page");

    await screenshot(page, screenshotPath);
  } finally {
    await browser.close();
  }
  console.log(`page: all checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

finish(main);
