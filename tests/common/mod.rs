//! Helpers shared by the integration tests: the real binary, a real store in a temp dir.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The repository root, where data/, queries/ and tests/fixtures/ live.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The paperkg binary, run from the repository root.
pub fn paperkg() -> Command {
    let mut c = Command::cargo_bin("paperkg").expect("binary built");
    c.current_dir(root());
    c
}

/// Builds a store in `dir` from the given digests and returns the command's output.
pub fn build(store: &Path, digests: &[&Path]) -> Output {
    let mut c = paperkg();
    c.arg("build").arg("--store").arg(store);
    for d in digests {
        c.arg(d);
    }
    c.output().expect("paperkg runs")
}

/// Runs a query with CSV output and returns the rows as records (header first).
pub fn query_csv(store: &Path, query: &str) -> Vec<Vec<String>> {
    let out = paperkg()
        .args(["query", "--format", "csv", "--store"])
        .arg(store)
        .arg(query)
        .output()
        .expect("paperkg runs");
    assert!(
        out.status.success(),
        "query failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(out.stdout.as_slice())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_owned).collect())
        .collect()
}

/// The sample digests in data/.
pub fn samples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && p.file_stem().unwrap() != "SOURCE")
        .collect();
    v.sort();
    v
}

/// Writes `{date}.md` in `dir`: a digest of that date with one paper (2505.00001) whose limitation names compute cost.
pub fn one_paper_digest(dir: &Path, date: &str) -> PathBuf {
    let path = dir.join(format!("{date}.md"));
    let text = format!(
        "# Daily Papers – {date}\n\n## 2505.00001\n**Summary**:\n# X-Net: 분류\n\n## 6. 한계\n- **계산 비용**: 학습에 많은 GPU가 필요합니다.\n\n---\n"
    );
    std::fs::write(&path, text).unwrap();
    path
}

/// A store in a temp dir built from every sample digest; the dir lives as long as the returned guard.
pub fn sample_store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("db");
    let digests = samples();
    let refs: Vec<&Path> = digests.iter().map(PathBuf::as_path).collect();
    let out = build(&store, &refs);
    assert!(
        out.status.success(),
        "build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, store)
}

/// Runs paperkg with the arguments and the store, asserts success, returns stdout.
pub fn run_ok(store: &Path, args: &[&str]) -> Vec<u8> {
    let out = paperkg()
        .args(args)
        .arg("--store")
        .arg(store)
        .output()
        .expect("paperkg runs");
    assert!(
        out.status.success(),
        "paperkg {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A `paperkg serve` child process on a free loopback port, killed when dropped. Its log (one line
/// per request) goes to a file, so that a chatty server never blocks on a full pipe.
pub struct Server {
    child: std::process::Child,
    pub base: String,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    /// Starts `paperkg serve --store STORE --bind 127.0.0.1:PORT EXTRA…` and waits until it listens.
    pub fn start(store: &Path, extra: &[&str]) -> Server {
        let port = free_port();
        let dir = tempfile::tempdir().expect("temp dir");
        let log = dir.path().join("serve.log");
        let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("paperkg"))
            .current_dir(root())
            .arg("serve")
            .arg("--store")
            .arg(store)
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .args(extra)
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .spawn()
            .expect("paperkg serve starts");
        let mut server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            log,
            _dir: dir,
        };
        server.wait_listening(port);
        server
    }

    fn wait_listening(&mut self, port: u16) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::time::Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("child status") {
                panic!("paperkg serve exited with {status}: {}", self.log());
            }
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("paperkg serve did not listen within 20 s: {}", self.log());
    }

    /// The number of threads of the server's process, from /proc (Linux).
    pub fn threads(&self) -> usize {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("/proc/PID/status");
        let line = status
            .lines()
            .find(|l| l.starts_with("Threads:"))
            .expect("a Threads: line");
        line["Threads:".len()..].trim().parse().expect("a number")
    }

    /// What the server wrote to standard error so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A loopback port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// An HTTP answer, read whole.
pub struct Answer {
    pub status: u16,
    pub content_type: String,
    pub headers: oxhttp::model::HeaderMap,
    pub body: String,
}

/// Sends one request with a real HTTP client and reads the whole answer.
pub fn http(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> Answer {
    let mut request = oxhttp::model::Request::builder().method(method).uri(url);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    let request = request.body(body.to_owned()).expect("valid request");
    let response = oxhttp::Client::new()
        .with_global_timeout(std::time::Duration::from_secs(60))
        .request(request)
        .unwrap_or_else(|e| panic!("{method} {url}: {e}"));
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let content_type = headers
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.into_body().to_string().expect("UTF-8 body");
    Answer {
        status,
        content_type,
        headers,
        body,
    }
}

/// The URL of a GET query.
pub fn query_url(base: &str, query: &str) -> String {
    let q: String = form_urlencoded::byte_serialize(query.as_bytes()).collect();
    format!("{base}/sparql?query={q}")
}

/// An answer read from a raw socket: status, header lines (lowercased names), body.
pub struct Raw {
    pub status: u16,
    pub headers: String,
    pub body: String,
}

/// POSTs to /sparql over a bare TCP connection. The HTTP client of the other tests drops `Origin`
/// (a forbidden header name of the Fetch standard), which is the header these requests are about.
pub fn raw_post(base: &str, headers: &[(&str, &str)], body: &str) -> Raw {
    use std::io::{Read, Write};
    let host = base.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(host).unwrap();
    let mut request = format!("POST /sparql HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request += &format!("{name}: {value}\r\n");
    }
    request += &format!("Content-Length: {}\r\n\r\n{body}", body.len());
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    let (status_line, headers) = head.split_once("\r\n").unwrap_or((head, ""));
    Raw {
        status: status_line.split(' ').nth(1).unwrap().parse().unwrap(),
        headers: headers.to_ascii_lowercase(),
        body: body.to_owned(),
    }
}

/// Gives every limitation of the sample store the kind `cost`, labelled in English and Korean, and
/// every limitation whose label speaks of data the kind `data` too, the way the limitation-kind
/// scheme will (`?l pk:kind ?k`, `?k skos:prefLabel`).
pub fn add_kinds(store: &Path) {
    let kind = "https://w3id.org/paperkg/id/limitation-kind/";
    let update = format!(
        "PREFIX pk: <https://w3id.org/paperkg/ontology#>
         PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
         PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
         INSERT DATA {{ GRAPH <https://w3id.org/paperkg/id/test-kinds> {{
           <{kind}cost> skos:prefLabel \"computational cost\"@en , \"계산 비용\"@ko .
           <{kind}data> skos:prefLabel \"데이터 한계\"@ko . }} }} ;
         INSERT {{ GRAPH ?g {{ ?l pk:kind <{kind}cost> }} }} WHERE {{ GRAPH ?g {{ ?p pk:hasLimitation ?l }} }} ;
         INSERT {{ GRAPH ?g {{ ?l pk:kind <{kind}data> }} }}
         WHERE {{ GRAPH ?g {{ ?p pk:hasLimitation ?l . ?l rdfs:label ?label FILTER(CONTAINS(?label, \"데이터\")) }} }}"
    );
    run_ok(store, &["query", "--allow-update", &update]);
}

/// Removes every limitation kind from the store, as a store built before limitations were classified.
pub fn remove_kinds(store: &Path) {
    let update = "PREFIX pk: <https://w3id.org/paperkg/ontology#> DELETE WHERE { GRAPH ?g { ?l pk:kind ?k } }";
    run_ok(store, &["query", "--allow-update", update]);
}

/// Runs paperkg with the arguments and the store, and returns its output, whatever its exit code.
pub fn run(store: &Path, args: &[&str]) -> Output {
    paperkg()
        .args(args)
        .arg("--store")
        .arg(store)
        .output()
        .expect("paperkg runs")
}
