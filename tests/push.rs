//! `paperkg push` against real servers on loopback: two independent ones, `oxigraph serve` (from the
//! oxigraph-cli crate) and Virtuoso 7 (`virtuoso-t`, Debian's `virtuoso-opensource`), whose answers to
//! every ready query must equal the local store's; and a flaky one written here, to see retries,
//! refusals and the report.
//!
//! The Oxigraph test needs the `oxigraph` command (`OXIGRAPH_BIN`, then PATH, then the folder that
//! `scripts/setup.sh` installs it to); without it, it fails, unless PAPERKG_SKIP_OXIGRAPH=1 asks to
//! skip it (then it says SKIPPED). The Virtuoso test likewise needs `virtuoso-t` and the `isql-vt`
//! beside it (`VIRTUOSO_BIN`, then PATH), unless PAPERKG_SKIP_VIRTUOSO=1 asks to skip it.

mod common;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use common::{free_port, http, query_url};

/// The first file among: the one the environment variable `env` names, `name` in a folder of PATH,
/// `fallback`.
fn find_command(env: &str, name: &str, fallback: Option<PathBuf>) -> Option<PathBuf> {
    let candidates = std::env::var_os(env)
        .map(PathBuf::from)
        .into_iter()
        .chain(std::env::var_os("PATH").into_iter().flat_map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join(name))
                .collect::<Vec<_>>()
        }))
        .chain(fallback);
    candidates.into_iter().find(|p| p.is_file())
}

/// The oxigraph-cli binary, if this machine has it.
fn oxigraph_bin() -> Option<PathBuf> {
    find_command(
        "OXIGRAPH_BIN",
        "oxigraph",
        std::env::var_os("HOME")
            .map(|h| PathBuf::from(h).join(".cache/paperkg/tools/bin/oxigraph")),
    )
}

/// `oxigraph serve` in a temp dir, killed when dropped.
struct Oxigraph {
    child: std::process::Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Oxigraph {
    fn start(bin: &PathBuf) -> Oxigraph {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let child = std::process::Command::new(bin)
            .arg("serve")
            .arg("--location")
            .arg(dir.path().join("remote"))
            .args([
                "--bind",
                &format!("127.0.0.1:{port}"),
                "--union-default-graph",
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("oxigraph serve starts");
        let deadline = Instant::now() + std::time::Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "oxigraph serve did not listen");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Oxigraph {
            child,
            base: format!("http://127.0.0.1:{port}"),
            _dir: dir,
        }
    }

    fn csv(&self, query: &str) -> String {
        let url = query_url(&self.base, query).replacen("/sparql?", "/query?", 1);
        let a = http("GET", &url, &[("accept", "text/csv")], "");
        assert_eq!(a.status, 200, "{}", a.body);
        a.body
    }
}

impl Drop for Oxigraph {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn push(store: &std::path::Path, endpoint: &str, extra: &[&str]) -> (Option<i32>, String, String) {
    let out = common::paperkg()
        .args(["push", "--endpoint", endpoint, "--store"])
        .arg(store)
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn pushed_store_answers_the_ready_queries_like_the_local_one() {
    // A missing server fails the test: a skip must be asked for, so that a broken install of
    // oxigraph-cli cannot pass unseen.
    let Some(bin) = oxigraph_bin() else {
        assert!(
            std::env::var_os("PAPERKG_SKIP_OXIGRAPH").is_some(),
            "no `oxigraph` command (cargo install oxigraph-cli, or set OXIGRAPH_BIN); \
             set PAPERKG_SKIP_OXIGRAPH=1 to skip this test on purpose"
        );
        eprintln!("SKIPPED push end-to-end test: PAPERKG_SKIP_OXIGRAPH is set");
        return;
    };
    let (_dir, store) = common::sample_store();
    let remote = Oxigraph::start(&bin);
    let endpoint = format!("{}/store", remote.base);

    let start = Instant::now();
    let (code, report, err) = push(&store, &endpoint, &[]);
    let took = start.elapsed();
    assert_eq!(code, Some(0), "{report}{err}");
    let graphs = report.lines().count() - 1;
    assert_eq!(
        graphs, 11,
        "6 digests, entities, statistics, ontology, lexicon, limitation kinds:\n{report}"
    );
    assert!(
        report
            .lines()
            .last()
            .unwrap()
            .starts_with("pushed 11 of 11 graphs"),
        "{report}"
    );

    let count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
    let local = common::query_csv(&store, count)[1][0].clone();
    assert_eq!(remote.csv(count), format!("n\r\n{local}\r\n"));
    eprintln!(
        "pushed {graphs} graphs, {local} triples, in {took:?}: {}",
        report.lines().last().unwrap()
    );

    for q in paperkg::ready::ALL {
        let file = format!("queries/{}.rq", q.name);
        let here = String::from_utf8(common::run_ok(&store, &["query", "--format", "csv", &file]))
            .unwrap();
        // Byte for byte: same rows, same order, same GROUP_CONCAT lists.
        assert_eq!(remote.csv(q.text), here, "{} differs", q.name);
    }

    // Pushing again replaces every graph: nothing is counted twice.
    let (code, _, _) = push(&store, &endpoint, &["--quiet"]);
    assert_eq!(code, Some(0));
    assert_eq!(remote.csv(count), format!("n\r\n{local}\r\n"));
}

/// `virtuoso-t` and the isql client of the same install (`isql-vt` on Debian, `isql` upstream), if
/// this machine has them.
fn virtuoso_bins() -> Option<(PathBuf, PathBuf)> {
    let server = find_command("VIRTUOSO_BIN", "virtuoso-t", None)?;
    let dir = server.parent()?;
    let isql = ["isql-vt", "isql"]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())?;
    Some((server, isql))
}

/// Virtuoso 7 on a fresh database in a temp dir: `virtuoso-t +foreground` with its own virtuoso.ini,
/// SQL (for isql) and HTTP on two free loopback ports, killed when dropped. It does not touch the
/// system service the Debian package installs.
struct Virtuoso {
    child: std::process::Child,
    base: String,
    sql: String,
    isql: PathBuf,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Virtuoso {
    fn start(bin: &Path, isql: &Path) -> Virtuoso {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display();
        let (sql_port, http_port) = (free_port(), free_port());
        // Nothing else: no VAD packages, no plugins. Virtuoso cuts a SPARQL answer after
        // ResultSetMaxRows rows (10,000 in Debian's ini) and still answers 200, saying so only in an
        // X-SPARQL-MaxRows header (seen with a bound of 10), so the bound is high and [`Virtuoso::csv`]
        // refuses an answer with that header. No MaxQueryExecutionTime: with it, Virtuoso may answer
        // what it found so far.
        let ini = format!(
            "[Database]\nDatabaseFile = {d}/virtuoso.db\nErrorLogFile = {d}/virtuoso.log\n\
             LockFile = {d}/virtuoso.lck\nTransactionFile = {d}/virtuoso.trx\n\
             xa_persistent_file = {d}/virtuoso.pxa\n\
             [TempDatabase]\nDatabaseFile = {d}/virtuoso-temp.db\nTransactionFile = {d}/virtuoso-temp.trx\n\
             [Parameters]\nServerPort = 127.0.0.1:{sql_port}\nDisableUnixSocket = 1\n\
             [HTTPServer]\nServerPort = 127.0.0.1:{http_port}\nServerRoot = {d}\nServerThreads = 4\n\
             [SPARQL]\nResultSetMaxRows = 1000000\n"
        );
        let config = dir.path().join("virtuoso.ini");
        std::fs::write(&config, ini).unwrap();
        let log = dir.path().join("server.log");
        let child = std::process::Command::new(bin)
            .current_dir(dir.path())
            .arg("+foreground")
            .arg("+configfile")
            .arg(&config)
            .stdout(std::fs::File::create(&log).unwrap())
            .stderr(std::fs::File::create(dir.path().join("stderr.log")).unwrap())
            .spawn()
            .expect("virtuoso-t starts");
        let mut server = Virtuoso {
            child,
            base: format!("http://127.0.0.1:{http_port}"),
            sql: format!("127.0.0.1:{sql_port}"),
            isql: isql.to_owned(),
            log,
            _dir: dir,
        };
        // A new database is created before the ports open: 3 to 6 s here.
        let deadline = Instant::now() + std::time::Duration::from_secs(120);
        for port in [http_port, sql_port] {
            while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
                if let Some(status) = server.child.try_wait().unwrap() {
                    panic!("virtuoso-t exited with {status}: {}", server.log());
                }
                assert!(
                    Instant::now() < deadline,
                    "virtuoso-t did not listen: {}",
                    server.log()
                );
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
        }
        server
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Runs one SQL statement as dba (a new database's password is "dba"). isql-vt exits with 0 after
    /// a failed statement and says `*** Error` on standard error.
    fn isql(&self, statement: &str) {
        let out = std::process::Command::new(&self.isql)
            .args([&self.sql, "dba", "dba", &format!("exec={statement}")])
            .output()
            .expect("isql runs");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && !err.contains("*** Error"),
            "{statement}: {err}"
        );
    }

    /// POSTs the query named `name` to `/sparql`, asking for CSV: the status and the body. A query
    /// that gets no answer within a minute, or an answer cut at ResultSetMaxRows, fails the test.
    fn csv(&self, name: &str, query: &str) -> (u16, String) {
        let form: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("query", query)
            .finish();
        let request = oxhttp::model::Request::builder()
            .method("POST")
            .uri(format!("{}/sparql", self.base))
            .header("accept", "text/csv")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form)
            .unwrap();
        let response = oxhttp::Client::new()
            .with_global_timeout(std::time::Duration::from_secs(60))
            .request(request)
            .unwrap_or_else(|e| panic!("{name}: no answer from Virtuoso: {e}"));
        assert!(
            !response.headers().contains_key("x-sparql-maxrows"),
            "{name}: Virtuoso cut the answer at ResultSetMaxRows"
        );
        let status = response.status().as_u16();
        (
            status,
            response.into_body().to_string().expect("UTF-8 body"),
        )
    }
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The records of a CSV answer, header first. This is the only normalisation of the comparison with
/// Virtuoso: its CSV quotes every string and leaves numbers bare, and ends lines with LF; Oxigraph
/// quotes only the fields that need it, and ends lines with CRLF. Both write each term's lexical form
/// alone (no datatype, no language tag: the SPARQL 1.1 CSV format), so reading the CSV undoes the
/// quoting and nothing else. Values and their spelling ("2" and "2.0" differ), GROUP_CONCAT lists
/// and the order of the rows are compared as they are: every ready query orders its rows.
fn records(csv: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_owned).collect())
        .collect()
}

/// Ready queries Virtuoso 7 refuses, with words its error must contain. results-on-dataset orders by
/// aggregates' aliases (`ORDER BY DESC(COALESCE(?value, ?toValue, ?maxValue))`, each `SAMPLE(…) AS`),
/// which SPARQL 1.1 allows and Virtuoso 7 refuses: "SP031: … Variable ?maxValue is used in the result
/// set outside aggregate and not mentioned in GROUP BY clause". If it answers, it is compared.
const REFUSED_BY_VIRTUOSO: &[(&str, &str)] = &[(
    "results-on-dataset",
    "outside aggregate and not mentioned in GROUP BY",
)];

/// Triples per paperkg graph (Virtuoso keeps a few graphs of its own), by graph IRI.
const PER_GRAPH: &str = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } \
    FILTER (STRSTARTS(STR(?g), \"https://w3id.org/paperkg/\")) } GROUP BY ?g ORDER BY STR(?g)";

/// The remote answer to `query` is 200 and, read as CSV, equals the local store's.
fn same_rows(remote: &Virtuoso, store: &Path, name: &str, query: &str) {
    let local = common::query_csv(store, query);
    let (status, body) = remote.csv(name, query);
    assert_eq!(status, 200, "{name}: {body}");
    assert_eq!(records(&body), local, "{name} differs on Virtuoso");
}

#[test]
fn virtuoso_answers_the_ready_queries_like_the_local_store() {
    let Some((bin, isql)) = virtuoso_bins() else {
        assert!(
            std::env::var_os("PAPERKG_SKIP_VIRTUOSO").is_some(),
            "no `virtuoso-t` with an `isql-vt` beside it (apt-get install virtuoso-opensource, or set \
             VIRTUOSO_BIN); set PAPERKG_SKIP_VIRTUOSO=1 to skip this test on purpose"
        );
        eprintln!("SKIPPED push end-to-end test against Virtuoso: PAPERKG_SKIP_VIRTUOSO is set");
        return;
    };
    let (_dir, store) = common::sample_store();
    let start = Instant::now();
    let remote = Virtuoso::start(&bin, &isql);
    let started = start.elapsed();
    let endpoint = format!("{}/sparql-graph-crud", remote.base);

    // The Graph Store endpoint writes as the SPARQL user, which may only read until it is granted
    // SPARQL_UPDATE: every graph is refused, and a refusal is not retried.
    let (code, report, _) = push(&store, &endpoint, &["--quiet"]);
    assert_eq!(code, Some(2), "{report}");
    assert_eq!(report.matches("\t403\t1 attempt\t").count(), 11, "{report}");
    assert!(
        report.contains("FAILED: 403 Forbidden: SPARQL Graph Protocol request failed")
            && report.contains("SQ110:SECURITY: Permission denied"),
        "the report gives the text of Virtuoso's error page: {report}"
    );
    remote.isql("GRANT SPARQL_UPDATE TO \"SPARQL\";");

    let start = Instant::now();
    let (code, report, err) = push(&store, &endpoint, &[]);
    let pushed = start.elapsed();
    assert_eq!(code, Some(0), "{report}{err}");
    assert!(
        report
            .lines()
            .last()
            .unwrap()
            .starts_with("pushed 11 of 11 graphs"),
        "{report}"
    );
    same_rows(&remote, &store, "triples per graph", PER_GRAPH);

    let start = Instant::now();
    let mut refused = Vec::new();
    for q in paperkg::ready::ALL {
        if let Some((_, why)) = REFUSED_BY_VIRTUOSO.iter().find(|(n, _)| *n == q.name) {
            let (status, body) = remote.csv(q.name, q.text);
            if status != 200 {
                assert!(
                    (400..600).contains(&status) && body.contains(why),
                    "{}: {status} {body}",
                    q.name
                );
                refused.push(q.name);
                continue;
            }
        }
        same_rows(&remote, &store, q.name, q.text);
    }
    let queried = start.elapsed();

    // The ISO weeks of limitation-kinds-per-week where Virtuoso's integer division and rounding down
    // could part: weeks across year ends, a leap day, a date before 1970. Pushed with the samples, they
    // replace the samples' graphs and add their own.
    let dir = tempfile::tempdir().unwrap();
    let mut digests = common::samples();
    for date in [
        "2024-12-30",
        "2021-01-03",
        "2027-01-01",
        "2000-02-29",
        "1969-12-28",
    ] {
        digests.push(common::one_paper_digest(dir.path(), date));
    }
    let more = dir.path().join("db");
    let refs: Vec<&Path> = digests.iter().map(PathBuf::as_path).collect();
    let out = common::build(&more, &refs);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (code, report, err) = push(&more, &endpoint, &["--quiet"]);
    assert_eq!(code, Some(0), "{report}{err}");
    assert!(report.starts_with("pushed 16 of 16 graphs"), "{report}");
    same_rows(&remote, &more, "triples per graph", PER_GRAPH);
    let week = paperkg::ready::ALL
        .iter()
        .find(|q| q.name == "limitation-kinds-per-week")
        .unwrap();
    same_rows(&remote, &more, week.name, week.text);

    eprintln!(
        "virtuoso: started in {started:?}; pushed the samples in {pushed:?}; {} ready queries in \
         {queried:?}, {} the same, refused: {refused:?}",
        paperkg::ready::ALL.len(),
        paperkg::ready::ALL.len() - refused.len()
    );
}

/// What the flaky server saw: method, URL and content type of each request.
type Seen = Arc<Mutex<Vec<(String, String, String)>>>;

/// A Graph Store server that answers 503 to its first `fail` requests, 403 to graphs whose IRI
/// contains "lexicon", and 204 to everything else.
fn flaky_server(fail: usize) -> (String, Seen) {
    let seen: Seen = Arc::default();
    let log = seen.clone();
    let port = free_port();
    oxhttp::Server::new(move |request| {
        let mut log = log.lock().unwrap();
        let content_type = request
            .headers()
            .get("content-type")
            .map_or("", |v| v.to_str().unwrap());
        let target = request
            .uri()
            .path_and_query()
            .map_or("", |p| p.as_str())
            .to_owned();
        log.push((
            request.method().to_string(),
            target.clone(),
            content_type.to_owned(),
        ));
        let status = match target {
            _ if log.len() <= fail => 503,
            uri if uri.contains("lexicon") => 403,
            _ => 204,
        };
        oxhttp::model::Response::builder()
            .status(status)
            .body(oxhttp::model::Body::from(if status == 403 {
                "read only graph\n"
            } else {
                ""
            }))
            .unwrap()
    })
    .bind(([127, 0, 0, 1], port))
    .spawn()
    .unwrap();
    (format!("http://127.0.0.1:{port}/data"), seen)
}

#[test]
fn retries_passing_failures_and_reports_refusals() {
    let (_dir, store) = common::sample_store();
    let (endpoint, seen) = flaky_server(2);
    let (code, report, _) = push(&store, &endpoint, &["--retries", "3"]);
    assert_eq!(
        code,
        Some(1),
        "one graph refused, the others stored:\n{report}"
    );
    let first = report.lines().next().unwrap();
    assert!(first.contains("\t3 attempts\t"), "{first}");
    let refused = report
        .lines()
        .find(|l| l.contains("FAILED"))
        .expect("a failure line");
    assert!(
        refused.contains("/id/lexicon\t") && refused.contains("403 Forbidden: read only graph"),
        "{refused}"
    );
    assert!(
        refused.contains("\t1 attempt\t"),
        "a refusal is not retried: {refused}"
    );
    assert!(
        report.contains("pushed 10 of 11 graphs") && report.contains("; 2 retries"),
        "{report}"
    );
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 13, "11 graphs plus 2 retries");
    for (method, uri, content_type) in seen.iter() {
        assert_eq!(
            (method.as_str(), content_type.as_str()),
            ("PUT", "application/n-triples")
        );
        assert!(
            uri.starts_with("/data?graph=https%3A%2F%2Fw3id.org%2Fpaperkg%2F"),
            "{uri}"
        );
    }
}

#[test]
fn an_endpoint_nobody_answers_fails_after_the_retries() {
    let (_dir, store) = common::sample_store();
    let endpoint = format!("http://127.0.0.1:{}/store", free_port());
    let (code, report, _) = push(&store, &endpoint, &["--retries", "1", "--quiet"]);
    assert_eq!(code, Some(2), "{report}");
    assert!(report.contains("pushed 0 of 11 graphs"), "{report}");
    let first = report.lines().next().unwrap();
    assert!(
        first.contains("no answer\t2 attempts") && first.contains("FAILED"),
        "{first}"
    );
    let (code, _, err) = push(&store, "https://example.org/store", &[]);
    assert_eq!(code, Some(2));
    assert!(err.contains("must be an http:// URL"), "{err}");
}
