//! `paperkg serve` through a real HTTP client on a loopback port: the SPARQL 1.1 Protocol (GET, POST,
//! forms, content negotiation by RFC 9110 precedence, dataset parameters), its refusals (updates, bad
//! queries, formats it cannot write, updates from pages of other origins), its limits (rows, time, a
//! fixed pool of workers that timed-out queries give back), the page's JSON and pictures, and readers
//! side by side.

mod common;

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use common::{Server, http, query_url};

/// One sample store for every read-only server of this file; its folder lives until the process ends.
fn store() -> &'static PathBuf {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &STORE.get_or_init(common::sample_store).1
}

/// Counts every pair of quads: 11,517² ≈ 132 million rows, some 13 s here. Oxigraph checks the
/// cancellation at each quad it reads, i.e. every 11,517 rows, so a timeout stops it at once.
const PAIRS: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }";

/// Counts every triple of quads. Oxigraph joins the first pattern with the product of the other two,
/// so between two reads of a quad it combines 132 million rows: a cancellation lands only after that,
/// some 15 s here. Its worker is held that long whatever the server does.
const TRIPLES: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

const COUNT_PAPERS: &str = "PREFIX pk: <https://w3id.org/paperkg/ontology#>
SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a pk:Paper }";

fn ready(name: &str) -> String {
    std::fs::read_to_string(common::root().join(format!("queries/{name}.rq"))).unwrap()
}

/// A media type without its parameters (`; charset=utf-8`).
fn essence(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or("").trim()
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}"))
}

#[test]
fn get_and_post_answer_like_paperkg_query() {
    let s = Server::start(store(), &[]);
    let q = ready("datasets-by-papers");
    let cli = String::from_utf8(common::run_ok(
        store(),
        &["query", "--format", "csv", "queries/datasets-by-papers.rq"],
    ))
    .unwrap();

    let get = http(
        "GET",
        &query_url(&s.base, &q),
        &[("accept", "text/csv")],
        "",
    );
    assert_eq!((get.status, essence(&get.content_type)), (200, "text/csv"));
    assert_eq!(get.body, cli, "GET and `paperkg query` disagree");

    let post = http(
        "POST",
        &format!("{}/sparql", s.base),
        &[
            ("content-type", "application/sparql-query"),
            ("accept", "text/csv"),
        ],
        &q,
    );
    assert_eq!(post.body, cli, "POST and `paperkg query` disagree");

    let form: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("query", &q)
        .finish();
    let form = http(
        "POST",
        &format!("{}/sparql", s.base),
        &[("content-type", "application/x-www-form-urlencoded")],
        &form,
    );
    assert_eq!(
        essence(&form.content_type),
        "application/sparql-results+json"
    );
    let rows = json(&form.body)["results"]["bindings"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(
        rows + 1,
        cli.lines().count(),
        "JSON and CSV row counts differ"
    );
    assert_eq!(form.headers["access-control-allow-origin"], "*");
}

#[test]
fn content_negotiation_covers_the_w3c_formats() {
    let s = Server::start(store(), &[]);
    let select = query_url(&s.base, COUNT_PAPERS);
    for (accept, expected) in [
        (
            "application/sparql-results+json",
            "application/sparql-results+json",
        ),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
        ),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.9, application/json;q=0.1", "text/csv"),
        ("*/*", "application/sparql-results+json"),
    ] {
        let a = http("GET", &select, &[("accept", accept)], "");
        assert_eq!(
            (a.status, essence(&a.content_type)),
            (200, expected),
            "Accept: {accept}"
        );
    }
    let csv = http("GET", &select, &[("accept", "text/csv")], "");
    assert_eq!(
        csv.body, "n\r\n60\r\n",
        "69 entries, of which 60 distinct papers"
    );
    let refused = http("GET", &select, &[("accept", "image/png")], "");
    assert_eq!(refused.status, 406);

    let construct = query_url(
        &s.base,
        "PREFIX pk: <https://w3id.org/paperkg/ontology#> CONSTRUCT { ?p a pk:Paper } WHERE { ?p a pk:Paper }",
    );
    let ttl = http("GET", &construct, &[("accept", "text/turtle")], "");
    assert_eq!(
        (ttl.status, essence(&ttl.content_type)),
        (200, "text/turtle")
    );
    let nt = http(
        "GET",
        &construct,
        &[("accept", "application/n-triples")],
        "",
    );
    assert_eq!(essence(&nt.content_type), "application/n-triples");
    assert_eq!(nt.body.lines().count(), 60, "one triple per paper");
    let ask = http("GET", &query_url(&s.base, "ASK { ?s ?p ?o }"), &[], "");
    assert_eq!(json(&ask.body)["boolean"], true);
}

#[test]
fn dataset_parameters_pick_graphs() {
    let s = Server::start(store(), &[]);
    let one = "https://w3id.org/paperkg/id/digest/2025-05-10";
    let url = format!(
        "{}&default-graph-uri={}",
        query_url(&s.base, COUNT_PAPERS),
        form_urlencoded::byte_serialize(one.as_bytes()).collect::<String>()
    );
    let a = http("GET", &url, &[("accept", "text/csv")], "");
    let cli = common::query_csv(
        store(),
        &format!(
            "PREFIX pk: <https://w3id.org/paperkg/ontology#> SELECT (COUNT(DISTINCT ?p) AS ?n) FROM <{one}> WHERE {{ ?p a pk:Paper }}"
        ),
    );
    assert_eq!(a.body, format!("n\r\n{}\r\n", cli[1][0]));
    assert_ne!(
        cli[1][0], "60",
        "one digest holds fewer papers than all five"
    );
}

#[test]
fn mistakes_and_updates_are_refused_with_a_reason() {
    let s = Server::start(store(), &[]);
    let bad = http(
        "GET",
        &query_url(&s.base, "SELECT ?x WHERE {\n  ?x ?y \n"),
        &[],
        "",
    );
    assert_eq!(bad.status, 400);
    assert!(bad.body.starts_with("query:3:"), "{}", bad.body);
    assert!(bad.content_type.starts_with("text/plain"));

    let insert = "INSERT DATA { <urn:a> <urn:b> <urn:c> }";
    let sparql = format!("{}/sparql", s.base);
    let form: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("update", insert)
        .finish();
    let forbidden = [
        http(
            "POST",
            &sparql,
            &[("content-type", "application/x-www-form-urlencoded")],
            &form,
        ),
        http(
            "POST",
            &sparql,
            &[("content-type", "application/sparql-update")],
            insert,
        ),
        http("GET", &query_url(&s.base, insert), &[], ""),
    ];
    for a in &forbidden {
        assert_eq!(a.status, 403, "{}", a.body);
        assert!(a.body.contains("--allow-update"), "{}", a.body);
    }
    assert_eq!(
        http("GET", &format!("{sparql}?update=x"), &[], "").status,
        400
    );
    assert_eq!(http("GET", &sparql, &[], "").status, 400, "no query at all");
    let odd = http(
        "POST",
        &sparql,
        &[("content-type", "text/plain")],
        "SELECT * {}",
    );
    assert_eq!(odd.status, 415);
    assert_eq!(http("DELETE", &sparql, &[], "").status, 405);
    assert_eq!(
        http("GET", &format!("{}/nothing", s.base), &[], "").status,
        404
    );
    // The store is unchanged: the update never reached it.
    let a = http("GET", &query_url(&s.base, "ASK { <urn:a> ?p ?o }"), &[], "");
    assert_eq!(json(&a.body)["boolean"], false);
}

#[test]
fn row_limit_and_timeout() {
    let s = Server::start(store(), &["--max-rows", "3", "--timeout", "0.5"]);
    let all = http(
        "GET",
        &query_url(&s.base, "SELECT * WHERE { ?s ?p ?o }"),
        &[("accept", "text/csv")],
        "",
    );
    assert_eq!(all.status, 200);
    assert_eq!(all.body.lines().count(), 4, "header and 3 rows");
    assert_eq!(all.headers["paperkg-truncated"], "3");

    let start = Instant::now();
    let a = http("GET", &query_url(&s.base, PAIRS), &[], "");
    let took = start.elapsed();
    assert_eq!(a.status, 503, "{}", a.body);
    assert!(a.body.contains("timeout"), "{}", a.body);
    assert!(took.as_secs_f64() < 5.0, "the 503 came after {took:?}");
    // The server still answers after a query it gave up on.
    assert_eq!(
        http("GET", &query_url(&s.base, COUNT_PAPERS), &[], "").status,
        200
    );
}

#[test]
fn page_ready_queries_and_views() {
    let s = Server::start(store(), &[]);
    let page = http("GET", &format!("{}/", s.base), &[], "");
    assert_eq!(
        (page.status, page.content_type.as_str()),
        (200, "text/html; charset=utf-8")
    );
    assert!(page.body.contains("assets/app.js"));
    for asset in ["/assets/app.js", "/assets/style.css"] {
        assert_eq!(
            http("GET", &format!("{}{asset}", s.base), &[], "").status,
            200,
            "{asset}"
        );
    }
    let queries = json(&http("GET", &format!("{}/api/queries", s.base), &[], "").body);
    let queries = queries.as_array().unwrap();
    assert_eq!(queries.len(), paperkg::ready::ALL.len());
    assert_eq!(queries[1]["name"], "datasets-by-papers");
    assert_eq!(
        queries[1]["query"].as_str().unwrap(),
        ready("datasets-by-papers")
    );
    let views = json(&http("GET", &format!("{}/api/views", s.base), &[], "").body);
    assert_eq!(views.as_array().unwrap().len(), 8);

    let svg = http(
        "GET",
        &format!("{}/views/task-dataset.svg?top=20", s.base),
        &[],
        "",
    );
    assert_eq!(
        (svg.status, essence(&svg.content_type)),
        (200, "image/svg+xml")
    );
    assert!(svg.body.contains("<svg"));
    let unknown = http("GET", &format!("{}/views/nope.svg", s.base), &[], "");
    assert_eq!(unknown.status, 404);
    let bad = http(
        "GET",
        &format!("{}/views/full.svg?top=many", s.base),
        &[],
        "",
    );
    assert_eq!(bad.status, 400);
}

#[test]
fn readers_share_the_store_and_a_writer_is_told_why_not() {
    let s = Server::start(store(), &[]);
    let url = query_url(&s.base, &ready("tasks-and-datasets"));
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || {
                (0..5)
                    .map(|_| http("GET", &url, &[("accept", "text/csv")], "").body)
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let answers: Vec<String> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    assert_eq!(answers.len(), 40);
    assert!(
        answers
            .iter()
            .all(|a| a == &answers[0] && a.lines().count() > 10)
    );
    // `paperkg query` reads beside the server; `build` would write, and is turned away.
    assert_eq!(common::query_csv(store(), COUNT_PAPERS)[1][0], "60");
    let out = common::build(store(), &[&common::samples()[0]]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is busy"));
}

#[test]
fn allow_update_changes_the_store() {
    let (_dir, store) = common::sample_store();
    let s = Server::start(&store, &["--allow-update"]);
    // Asked before the update, the answer is kept; the update must make it be evaluated again.
    let ask = query_url(&s.base, "ASK { <urn:a> ?p ?o }");
    let before = http("GET", &ask, &[], "");
    assert_eq!(json(&before.body)["boolean"], false);
    let insert = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }";
    let done = http(
        "POST",
        &format!("{}/sparql", s.base),
        &[("content-type", "application/sparql-update")],
        insert,
    );
    assert_eq!(done.status, 204, "{}", done.body);
    let a = http("GET", &ask, &[], "");
    assert_eq!(json(&a.body)["boolean"], true);
    assert_eq!(cache(&a), "miss");
    assert!(s.log().contains("read-write"), "{}", s.log());
}

/// What the answer says of the cache: `hit` or `miss`.
fn cache(a: &common::Answer) -> &str {
    let value = a.headers.get(paperkg::endpoint::CACHE_HEADER);
    value.and_then(|v| v.to_str().ok()).unwrap_or("")
}

#[test]
fn answers_are_kept_per_request_and_format() {
    let (_dir, store) = common::sample_store();
    let s = Server::start(&store, &[]);
    let url = query_url(&s.base, &ready("datasets-by-papers"));
    let first = http("GET", &url, &[], "");
    let second = http("GET", &url, &[], "");
    assert_eq!((first.status, cache(&first)), (200, "miss"));
    assert_eq!((second.status, cache(&second)), (200, "hit"));
    assert_eq!(first.body, second.body);
    // Another format is another answer.
    let csv = http("GET", &url, &[("accept", "text/csv")], "");
    assert_eq!(cache(&csv), "miss");
    assert!(
        csv.content_type.starts_with("text/csv"),
        "{}",
        csv.content_type
    );
    // A view is kept like a query.
    let view = format!("{}/views/dataset-cooccurrence.svg", s.base);
    assert_eq!(cache(&http("GET", &view, &[], "")), "miss");
    assert_eq!(cache(&http("GET", &view, &[], "")), "hit");
    // The same view asked with its default filters written out is the same answer.
    let written = format!("{view}?top={}", paperkg::endpoint::PAGE_TOP);
    assert_eq!(cache(&http("GET", &written, &[], "")), "hit");
}

#[test]
fn the_pages_ready_queries_and_views_are_answered_before_it_asks() {
    let (_dir, store) = common::sample_store();
    let s = Server::start(&store, &[]);
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while !s.log().contains("kept the answers") {
        assert!(std::time::Instant::now() < deadline, "{}", s.log());
        std::thread::sleep(Duration::from_millis(50));
    }
    let n = paperkg::ready::ALL.len() + paperkg::views::ViewKind::all().len();
    assert!(s.log().contains(&format!("({n} answered)")), "{}", s.log());
    // As the page sends them (see web/app.js): both come from the cache.
    let query = http(
        "POST",
        &format!("{}/sparql", s.base),
        &[
            ("content-type", "application/sparql-query"),
            ("accept", paperkg::endpoint::PAGE_ACCEPT),
        ],
        &ready("introduced"),
    );
    assert_eq!((query.status, cache(&query)), (200, "hit"));
    let view = http(
        "GET",
        &format!("{}/views/paper-task.svg?top=40", s.base),
        &[],
        "",
    );
    assert_eq!((view.status, cache(&view)), (200, "hit"));
}

#[test]
fn the_most_specific_accept_range_wins() {
    let s = Server::start(store(), &[]);
    let select = query_url(&s.base, COUNT_PAPERS);
    for (accept, expected) in [
        // JSON is refused by name; */* takes the rest, of which XML comes first.
        (
            "application/sparql-results+json;q=0, */*",
            "application/sparql-results+xml",
        ),
        (
            "*/*, application/sparql-results+json;q=0",
            "application/sparql-results+xml",
        ),
        // text/csv (0.1) is more specific than text/* (0.3), which leaves TSV ahead.
        ("text/*;q=0.3, text/csv;q=0.1", "text/tab-separated-values"),
        // A tie goes to the server's order, not the header's.
        ("text/tab-separated-values, text/csv", "text/csv"),
    ] {
        let a = http("GET", &select, &[("accept", accept)], "");
        assert_eq!(
            (a.status, essence(&a.content_type)),
            (200, expected),
            "Accept: {accept}\n{}",
            a.body
        );
    }
    let refused = http(
        "GET",
        &select,
        &[("accept", "application/sparql-results+json;q=0")],
        "",
    );
    assert_eq!(refused.status, 406, "{}", refused.body);
}

/// Whether the store behind a server holds the triple `<urn:NAME> <urn:p> <urn:o>`.
fn has(s: &Server, name: &str) -> bool {
    let a = http(
        "GET",
        &query_url(&s.base, &format!("ASK {{ <urn:{name}> <urn:p> <urn:o> }}")),
        &[],
        "",
    );
    json(&a.body)["boolean"].as_bool().unwrap()
}

#[test]
fn updates_come_as_sparql_update_or_a_same_origin_form() {
    let (_dir, store) = common::sample_store();
    let s = Server::start(&store, &["--allow-update"]);
    let insert =
        |name: &str| format!("INSERT DATA {{ GRAPH <urn:g> {{ <urn:{name}> <urn:p> <urn:o> }} }}");
    let form = |name: &str| -> String {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("update", &insert(name))
            .finish()
    };
    let form_type = ("content-type", "application/x-www-form-urlencoded");
    let update_type = ("content-type", "application/sparql-update");
    let port = s.base.rsplit(':').next().unwrap();
    let localhost = format!("http://localhost:{port}");
    let evil = ("origin", "http://evil.example");
    let cases = [
        ("body", vec![update_type], insert("body"), 204),
        ("form", vec![form_type], form("form"), 204),
        (
            "same",
            vec![form_type, ("origin", &s.base)],
            form("same"),
            204,
        ),
        (
            "local",
            vec![form_type, ("origin", &localhost)],
            form("local"),
            204,
        ),
        ("cross", vec![form_type, evil], form("cross"), 403),
        // A page may send this type with fetch once the preflight allowed Content-Type.
        (
            "crossbody",
            vec![update_type, evil],
            insert("crossbody"),
            403,
        ),
        (
            "null",
            vec![form_type, ("origin", "null")],
            form("null"),
            403,
        ),
    ];
    for (name, headers, body, status) in &cases {
        let a = common::raw_post(&s.base, headers, body);
        assert_eq!(a.status, *status, "{name}: {}", a.body);
        assert!(
            !a.headers.contains("access-control-allow-origin"),
            "{name}: an update's answer carries CORS headers:\n{}",
            a.headers
        );
        assert_eq!(has(&s, name), *status == 204, "{name}");
    }
    let cross = common::raw_post(&s.base, &[form_type, evil], &form("again"));
    assert!(cross.body.contains("http://evil.example"), "{}", cross.body);
    // Queries still carry them, so that pages of other origins can read answers.
    let q = common::raw_post(
        &s.base,
        &[("content-type", "application/sparql-query"), evil],
        COUNT_PAPERS,
    );
    assert_eq!(q.status, 200, "{}", q.body);
    assert!(
        q.headers.contains("access-control-allow-origin: *"),
        "{}",
        q.headers
    );
}

/// The flood tests load the two cores; they run one after the other so that each measures itself.
static FLOOD: Mutex<()> = Mutex::new(());

/// Sends `n` copies of `query`, `at_once` at a time, and asserts that each gets its 503 within
/// `timeout` plus a generous margin.
fn flood(s: &Server, query: &str, n: usize, at_once: usize, timeout: Duration) {
    let url = query_url(&s.base, query);
    let start = Instant::now();
    let answers: Vec<(u16, String, Duration)> = std::thread::scope(|scope| {
        let senders: Vec<_> = (0..at_once)
            .map(|_| {
                scope.spawn(|| {
                    (0..n / at_once)
                        .map(|_| {
                            let start = Instant::now();
                            let a = http("GET", &url, &[], "");
                            (a.status, a.body, start.elapsed())
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        senders
            .into_iter()
            .flat_map(|t| t.join().unwrap())
            .collect()
    });
    assert_eq!(answers.len(), n);
    let slowest = answers.iter().map(|a| a.2).max().unwrap();
    eprintln!(
        "{n} answers in {:?}, the slowest after {slowest:?}",
        start.elapsed()
    );
    for (status, body, took) in &answers {
        assert_eq!(*status, 503, "{body}");
        assert!(body.contains("timeout"), "{body}");
        assert!(
            *took < timeout + Duration::from_secs(3),
            "a 503 after {took:?}"
        );
    }
}

/// The fastest of three runs of a query, with its answer.
fn timed(s: &Server, query: &str) -> (Duration, String) {
    let url = query_url(&s.base, query);
    let runs: Vec<(Duration, String)> = (0..3)
        .map(|_| {
            let start = Instant::now();
            let a = http("GET", &url, &[("accept", "text/csv")], "");
            assert_eq!(a.status, 200, "{}", a.body);
            (start.elapsed(), a.body)
        })
        .collect();
    runs.into_iter().min_by_key(|r| r.0).unwrap()
}

/// Waits up to 5 s for the server's connection threads to end, then returns its thread count.
fn settled_threads(s: &Server, bound: usize) -> usize {
    let deadline = Instant::now() + Duration::from_secs(5);
    while s.threads() > bound && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    s.threads()
}

/// Threads a server may have after a flood beyond those it had idle (the workers, the listener and
/// RocksDB's, whose number follows the cores): a connection or two still closing.
const SLACK: usize = 3;

/// Starts a server with 2 workers and a 0.3 s timeout; returns it with its idle thread count.
fn small_server() -> (Server, usize) {
    // Not warmed: the thread counts must not see the warming thread.
    let s = Server::start(
        store(),
        &["--timeout", "0.3", "--workers", "2", "--no-warm"],
    );
    // The connection that saw it listen closes within a moment.
    std::thread::sleep(Duration::from_millis(200));
    let idle = s.threads();
    (s, idle)
}

#[test]
fn timed_out_queries_are_cancelled_and_their_workers_come_back() {
    let _one = FLOOD.lock().unwrap_or_else(|e| e.into_inner());
    let (s, idle) = small_server();
    let q = ready("tasks-and-datasets");
    let (before, expected) = timed(&s, &q);
    flood(&s, PAIRS, 50, 5, Duration::from_millis(300));
    let n = settled_threads(&s, idle);
    assert!(
        n <= idle + SLACK,
        "{n} threads after 50 timed-out queries, {idle} idle"
    );
    // Were the two workers still running their queries, this one would wait for them and time out.
    let (after, answer) = timed(&s, &q);
    assert_eq!(answer, expected);
    assert!(
        after <= before * 10 + Duration::from_millis(500),
        "the ready query took {after:?} after the flood, {before:?} before"
    );
    eprintln!(
        "threads: {idle} idle, {n} after the flood; ready query {before:?} before, {after:?} after"
    );
}

#[test]
fn queries_cancelled_late_still_leave_a_bounded_number_of_threads() {
    let _one = FLOOD.lock().unwrap_or_else(|e| e.into_inner());
    let (s, idle) = small_server();
    flood(&s, TRIPLES, 50, 5, Duration::from_millis(300));
    let n = settled_threads(&s, idle);
    // A thread per query, as before the pool, would be 50 more here for some 15 s.
    assert!(
        n <= idle + SLACK,
        "{n} threads after 50 timed-out queries, {idle} idle"
    );
    // The page and its lists do not need a worker: the server answers them while both are held.
    let start = Instant::now();
    let views = http("GET", &format!("{}/api/views", s.base), &[], "");
    assert_eq!(views.status, 200);
    let took = start.elapsed();
    assert!(took < Duration::from_secs(1), "{took:?}");
    eprintln!("threads: {idle} idle, {n} after the flood of late-cancelled queries");
}
