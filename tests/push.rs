//! `paperkg push` against real servers on loopback: an independent one (`oxigraph serve` from the
//! oxigraph-cli crate), whose answers to every ready query must equal the local store's; and a
//! flaky one written here, to see retries, refusals and the report.
//!
//! The Oxigraph test needs the `oxigraph` command (`OXIGRAPH_BIN`, then PATH, then the folder that
//! `scripts/setup.sh` installs it to); without it, it fails, unless PAPERKG_SKIP_OXIGRAPH=1 asks to
//! skip it (then it says SKIPPED).

mod common;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use common::{free_port, http, query_url};

/// The oxigraph-cli binary, if this machine has it.
fn oxigraph_bin() -> Option<PathBuf> {
    let candidates = std::env::var_os("OXIGRAPH_BIN")
        .map(PathBuf::from)
        .into_iter()
        .chain(std::env::var_os("PATH").into_iter().flat_map(|p| {
            std::env::split_paths(&p)
                .map(|d| d.join("oxigraph"))
                .collect::<Vec<_>>()
        }))
        .chain(
            std::env::var_os("HOME")
                .map(|h| PathBuf::from(h).join(".cache/paperkg/tools/bin/oxigraph")),
        );
    candidates.into_iter().find(|p| p.is_file())
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
        graphs, 10,
        "6 digests, entities, ontology, lexicon, limitation kinds:\n{report}"
    );
    assert!(
        report
            .lines()
            .last()
            .unwrap()
            .starts_with("pushed 10 of 10 graphs"),
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
        report.contains("pushed 9 of 10 graphs") && report.contains("; 2 retries"),
        "{report}"
    );
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 12, "10 graphs plus 2 retries");
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
    assert!(report.contains("pushed 0 of 10 graphs"), "{report}");
    let first = report.lines().next().unwrap();
    assert!(
        first.contains("no answer\t2 attempts") && first.contains("FAILED"),
        "{first}"
    );
    let (code, _, err) = push(&store, "https://example.org/store", &[]);
    assert_eq!(code, Some(2));
    assert!(err.contains("must be an http:// URL"), "{err}");
}
