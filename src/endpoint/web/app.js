// The page served by `paperkg serve`: runs SPARQL queries against /sparql and shows graph views as SVG.
// Everything taken from the server is put in the DOM as text, except the SVG pictures that the server draws itself.
"use strict";

const $ = (id) => document.getElementById(id);
const ui = {
  ready: $("ready"), query: $("query"), run: $("run"), csv: $("csv"), status: $("status"),
  head: document.querySelector("#results thead"), body: document.querySelector("#results tbody"),
  graphResult: $("graph-result"), view: $("view"), top: $("top"), show: $("show"),
  graph: $("graph"), graphStatus: $("graph-status"),
};
const XLINK = "http://www.w3.org/1999/xlink";
let readyQueries = [];

// Shows a message in a status line, in red when it reports an error.
function say(line, text, isError = false) {
  line.textContent = text;
  line.classList.toggle("error", isError);
}

// Fetches a URL and throws the server's plain-text message when the status is not 2xx.
async function fetchOk(url, options) {
  const response = await fetch(url, options);
  if (!response.ok) {
    const message = (await response.text()).trim() || response.statusText;
    throw new Error(`Error ${response.status}: ${message}`);
  }
  return response;
}

// Sends the query in the box to the SPARQL endpoint, asking for the given media types.
function postQuery(accept) {
  const headers = { "Content-Type": "application/sparql-query", Accept: accept };
  return fetchOk("sparql", { method: "POST", headers, body: ui.query.value });
}

// Names the CSV file after the ready query when the box still holds it unchanged.
function downloadName() {
  const chosen = readyQueries.find((q) => q.name === ui.ready.value);
  return chosen && chosen.query === ui.query.value ? `${chosen.name}.csv` : "query.csv";
}

// Creates an element with the given properties (text goes in through textContent, never as HTML).
function el(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

// Builds one table cell from a W3C JSON binding: IRIs are shortened links, literals plain text.
function cell(term) {
  if (!term) return el("td");
  if (term.type === "uri") {
    const short = term.value.replace(/^.*[/#]/, "") || term.value;
    // Only web IRIs become links, so that an IRI such as javascript:… can never run when clicked.
    if (!/^https?:/i.test(term.value)) return el("td", { title: term.value, textContent: short });
    const props = { href: term.value, title: term.value, target: "_blank", rel: "noopener", textContent: short };
    return el("td", {}, [el("a", props)]);
  }
  const td = el("td", { textContent: term.type === "bnode" ? `_:${term.value}` : term.value });
  if (/#(integer|decimal|double|float|int|long)$/.test(term.datatype || "")) td.className = "num";
  return td;
}

// Replaces the results table with the given variables and rows (no arguments clear it).
function showTable(vars = [], bindings = []) {
  ui.head.replaceChildren(...(vars.length ? [el("tr", {}, vars.map((v) => el("th", { textContent: v })))] : []));
  ui.body.replaceChildren(...bindings.map((b) => el("tr", {}, vars.map((v) => cell(b[v])))));
}

// Runs the query in the box and shows a table, a yes/no answer, or the Turtle of a CONSTRUCT/DESCRIBE.
async function runQuery() {
  if (ui.run.disabled) return; // Ctrl+Enter while a query runs must not start a second one.
  ui.run.disabled = true;
  showTable();
  ui.graphResult.hidden = true;
  say(ui.status, "Running…");
  const started = performance.now();
  try {
    const response = await postQuery("application/sparql-results+json, text/turtle;q=0.9");
    const type = response.headers.get("Content-Type") || "";
    const body = await response.text();
    const ms = Math.round(performance.now() - started);
    const graph = !type.includes("json");
    const limit = response.headers.get("Paperkg-Truncated");
    const cut = limit ? ` — showing the first ${limit} ${graph ? "triples" : "rows"} (server limit)` : "";
    if (graph) {
      ui.graphResult.textContent = body;
      ui.graphResult.hidden = false;
      return say(ui.status, `Graph result (${type.split(";")[0] || "text"}) in ${ms} ms${cut}`);
    }
    const json = JSON.parse(body);
    if ("boolean" in json) return say(ui.status, `Answer: ${json.boolean ? "yes" : "no"} (in ${ms} ms)`);
    const rows = json.results.bindings;
    showTable(json.head.vars, rows);
    say(ui.status, `${rows.length} row${rows.length === 1 ? "" : "s"} in ${ms} ms${cut}`);
  } catch (err) {
    say(ui.status, err.message, true);
  } finally {
    ui.run.disabled = false;
  }
}

// Fetches the same query as CSV and saves it through a temporary link.
async function downloadCsv() {
  try {
    const blob = await (await postQuery("text/csv")).blob();
    const link = el("a", { href: URL.createObjectURL(blob), download: downloadName() });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  } catch (err) {
    say(ui.status, err.message, true);
  }
}

// Fetches the SVG picture of the chosen view and puts it in the page (parsed, so its scripts never run).
async function showView() {
  const top = ui.top.value.trim();
  const url = `views/${encodeURIComponent(ui.view.value)}.svg${top ? `?top=${encodeURIComponent(top)}` : ""}`;
  ui.show.disabled = true;
  say(ui.graphStatus, "Drawing…");
  try {
    const text = await (await fetchOk(url)).text();
    const doc = new DOMParser().parseFromString(text, "image/svg+xml");
    if (doc.querySelector("parsererror") || doc.documentElement.nodeName !== "svg") {
      throw new Error("The server's picture is not a valid SVG.");
    }
    // Node links open in a new tab, and only web links are kept, since the IRIs come from the digests.
    for (const a of doc.querySelectorAll("a")) {
      const href = a.getAttribute("href") ?? a.getAttributeNS(XLINK, "href") ?? "";
      if (/^https?:/i.test(href)) a.setAttribute("target", "_blank");
      else ["href", "xlink:href"].forEach((name) => a.removeAttribute(name));
    }
    ui.graph.replaceChildren(document.importNode(doc.documentElement, true));
    const scope = top ? `top ${top} nodes` : "the server's default number of nodes";
    say(ui.graphStatus, `View ${ui.view.value}, ${scope} — click the picture to switch between fitted and full size.`);
  } catch (err) {
    ui.graph.replaceChildren();
    say(ui.graphStatus, err.message, true);
  } finally {
    ui.show.disabled = false;
  }
}

// Loads the ready queries and the view names, then wires up the controls.
async function start() {
  ui.run.addEventListener("click", runQuery);
  ui.csv.addEventListener("click", downloadCsv);
  ui.show.addEventListener("click", showView);
  ui.graph.addEventListener("click", (e) => e.target.closest("a") || ui.graph.classList.toggle("full-size"));
  ui.query.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); runQuery(); }
  });
  ui.ready.addEventListener("change", () => {
    ui.query.value = readyQueries.find((q) => q.name === ui.ready.value)?.query ?? ui.query.value;
  });
  try {
    readyQueries = await (await fetchOk("api/queries")).json();
    ui.ready.replaceChildren(...readyQueries.map((q) => new Option(q.title || q.name, q.name)));
    if (readyQueries.length) ui.query.value = readyQueries[0].query;
    say(ui.status, "Choose a ready query or write your own, then press Run.");
  } catch (err) {
    say(ui.status, `Could not load the ready queries. ${err.message}`, true);
  }
  try {
    const views = await (await fetchOk("api/views")).json();
    ui.view.replaceChildren(...views.map((v) => new Option(v, v)));
  } catch (err) {
    say(ui.graphStatus, `Could not load the view names. ${err.message}`, true);
  }
  try {
    const weeks = await (await fetchOk("api/weeks")).json();
    const links = weeks.map((w) => {
      const a = document.createElement("a");
      a.href = `report/${encodeURIComponent(w)}`;
      a.textContent = w;
      return a;
    });
    document.getElementById("weeks").replaceChildren(...links);
  } catch (err) {
    document.getElementById("weeks").textContent = `Could not load the weeks. ${err.message}`;
  }
}

start();
