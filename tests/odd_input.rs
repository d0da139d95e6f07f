//! Odd values for every subcommand and every HTTP parameter of `serve`: empty and blank text, Unicode,
//! 10 kB strings, negative and huge numbers, dates that are not dates, IRIs that are not IRIs. Each is
//! refused with a clear message (exit 2 naming the value, or an HTTP 4xx saying why), or, where the
//! value is odd but valid, answered normally; none reaches a panic.

mod common;

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use common::{Server, http, paperkg, query_url};

/// One sample store for the whole file; its folder lives until the process ends.
fn store() -> &'static str {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    STORE.get_or_init(common::sample_store).1.to_str().unwrap()
}

/// 10,000 bytes of one letter.
fn big() -> String {
    "x".repeat(10_000)
}

/// About 10 kB of Korean (3 bytes a syllable).
fn big_korean() -> String {
    "한국어 논문 ".repeat(10_000 / 19)
}

/// Runs paperkg, gives up after 30 s (a `serve` that wrongly accepted its flags would run forever), and
/// returns the exit code and standard error.
fn run(args: &[String]) -> (Option<i32>, String) {
    let out = paperkg()
        .args(args)
        .timeout(Duration::from_secs(30))
        .output()
        .expect("paperkg runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?} panicked:\n{stderr}");
    (out.status.code(), stderr)
}

/// The arguments as owned strings.
fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// Asserts that each command ends with exit code 2 and a message containing the given text (the
/// bad value itself, or the name of the flag when the value is empty).
fn refused(cases: &[(Vec<String>, String)]) {
    for (args, names) in cases {
        let (code, stderr) = run(args);
        let shown: Vec<String> = args.iter().map(|a| a.chars().take(60).collect()).collect();
        assert_eq!(code, Some(2), "{shown:?}:\n{stderr}");
        assert!(
            stderr.contains(names.as_str()),
            "{shown:?}: the message does not name {:?}:\n{stderr}",
            names.chars().take(60).collect::<String>()
        );
    }
}

/// `[prefix…, flag, value]` refused with a message naming `names`.
fn case(prefix: &[&str], tail: &[&str], names: &str) -> (Vec<String>, String) {
    let mut v = args(prefix);
    v.extend(args(tail));
    (v, names.to_owned())
}

#[test]
fn build_and_extract_refuse_odd_paths() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let db = db.to_str().unwrap();
    let not_a_dir = dir.path().join("file");
    std::fs::write(&not_a_dir, "not a store").unwrap();
    let big = big();
    refused(&[
        case(&["build", "--store", db], &[""], "[PATH]"),
        case(&["build", "--store", db], &[&big], &big),
        case(&["build", "--store", db], &["없는-요약.md"], "없는-요약.md"),
        case(&["build", "--store", &big], &["data/2025-05-06.md"], &big),
        case(
            &["build", "--store", not_a_dir.to_str().unwrap()],
            &["data/2025-05-06.md"],
            not_a_dir.to_str().unwrap(),
        ),
        case(&["extract"], &[""], "[FILE]"),
        case(&["extract"], &[&big], &big),
        case(&["extract"], &["없는-요약.md"], "없는-요약.md"),
        case(&["extract", "--format"], &["한국어", "data"], "'한국어'"),
    ]);
}

#[test]
fn query_refuses_odd_text_and_timeouts() {
    let q = ["query", "--store", store()];
    let big = big();
    let korean = big_korean();
    refused(&[
        case(&q, &[""], "the query is empty"),
        case(&q, &["  \n "], "the query is empty"),
        case(&q, &[&big], "<query>:1:"),
        // A mistyped ready query's name: the error lists the names.
        case(
            &q,
            &["result-by-metric"],
            "is no file and no ready query (baselines-most-beaten,",
        ),
        case(&q, &[&korean], "<query>:1:"),
        case(&q, &["--timeout", "-1", "ASK {}"], "'-1'"),
        case(&q, &["--timeout", "0", "ASK {}"], "'0'"),
        case(&q, &["--timeout", "1e300", "ASK {}"], "'1e300'"),
        case(
            &q,
            &["--timeout", "99999999999999999999", "ASK {}"],
            "'99999999999999999999'",
        ),
        case(&q, &["--timeout", "1e-300", "ASK {}"], "'1e-300'"),
        case(&q, &["--timeout", "", "ASK {}"], "--timeout"),
        case(&q, &["--timeout", "삼십", "ASK {}"], "'삼십'"),
        case(&q, &["--format", "한국어", "ASK {}"], "'한국어'"),
    ]);
}

#[test]
fn export_refuses_odd_filters_and_views() {
    let e = ["export", "--store", store()];
    let big = big();
    refused(&[
        case(
            &e,
            &["--digest", "2025 05 10", "paper-dataset"],
            "\"2025 05 10\"",
        ),
        case(
            &e,
            &["--digest", "2025-13-45", "paper-dataset"],
            "\"2025-13-45\"",
        ),
        case(
            &e,
            &["--digest", "2025-02-29", "paper-dataset"],
            "\"2025-02-29\"",
        ),
        case(&e, &["--digest", "", "paper-dataset"], "\"\""),
        case(&e, &["--digest", " ", "paper-dataset"], "\" \""),
        case(&e, &["--digest", &big, "paper-dataset"], &big),
        case(&e, &["--top", "-1", "paper-dataset"], "'-1'"),
        case(
            &e,
            &["--top", "99999999999999999999", "paper-dataset"],
            "'99999999999999999999'",
        ),
        case(&e, &["--top", "", "paper-dataset"], "--top"),
        case(&e, &["--min-weight", "-5", "paper-dataset"], "'-5'"),
        case(&e, &["--min-weight", "1.5", "paper-dataset"], "'1.5'"),
        case(&e, &["--task", "", "paper-dataset"], "--task"),
        case(&e, &["--task", "  ", "paper-dataset"], "--task"),
        case(&e, &[""], "<VIEW>"),
        case(&e, &["한국어"], "'한국어'"),
        case(&e, &[&big], &big),
        case(&e, &["--format", "jpeg", "full"], "'jpeg'"),
    ]);
}

#[test]
fn export_answers_odd_but_valid_values() {
    let korean = big_korean();
    for tail in [
        vec!["--task", korean.as_str(), "full"],
        vec!["--task", "추론", "task-dataset"],
        vec!["--top", "0", "paper-dataset"],
        vec!["--top", "18446744073709551615", "paper-dataset"],
        vec!["--min-weight", "18446744073709551615", "paper-dataset"],
        vec!["--digest", "2024-02-29", "paper-dataset"],
    ] {
        let mut a = args(&["export", "--store", store()]);
        a.extend(args(&tail));
        let (code, stderr) = run(&a);
        assert_eq!(code, Some(0), "{:?}: {stderr}", &tail[..tail.len() - 1]);
    }
}

#[test]
fn stats_refuses_odd_values() {
    let s = ["stats", "--store", store()];
    refused(&[
        case(&s, &["--limit", "-1"], "'-1'"),
        case(
            &s,
            &["--limit", "99999999999999999999"],
            "'99999999999999999999'",
        ),
        case(&s, &["--limit", ""], "--limit"),
        case(&s, &["--central", "한국어"], "'한국어'"),
        case(
            &s,
            &["--central", "full", "--digest", "2025-13-45"],
            "\"2025-13-45\"",
        ),
        case(&s, &["--central", "full", "--top", "-1"], "'-1'"),
    ]);
}

#[test]
fn trends_and_report_refuse_odd_values() {
    let t = ["trends", "--store", store()];
    let r = ["report", "--store", store()];
    let big = big();
    refused(&[
        case(&t, &["--weeks", "0"], "'0'"),
        case(&t, &["--weeks", "-1"], "'-1'"),
        case(
            &t,
            &["--weeks", "99999999999999999999"],
            "'99999999999999999999'",
        ),
        case(&t, &["--top", "0"], "'0'"),
        case(&t, &["--top", ""], "--top"),
        case(&t, &["--by", "한국어"], "'한국어'"),
        case(&t, &["--until", "2025-W54"], "\"2025-W54\""),
        case(&t, &["--until", " "], "\" \""),
        case(&t, &["--until", &big], "a week is written"),
        case(&t, &["--recent", "-2"], "'-2'"),
        case(&t, &["--format", "png"], "'png'"),
        case(&r, &["--week", ""], "\"\""),
        case(&r, &["--week", "2025-05-10"], "\"2025-05-10\""),
        case(&r, &["--week", "２０２５-W19"], "\"２０２５-W19\""),
        case(&r, &["--week", "2025-W19", "--weeks", "1"], "'1'"),
        case(&r, &["--week", "2025-W19", "--top", "-3"], "'-3'"),
        case(&r, &["--week", "2025-W19", "--format", "pdf"], "'pdf'"),
        case(&r, &["--week", "1900-W01"], "no digest in 1900-W01"),
    ]);
}

#[test]
fn serve_refuses_odd_flags_before_listening() {
    let s = ["serve", "--store", store()];
    refused(&[
        case(&s, &["--bind", "not an addr"], "'not an addr'"),
        case(&s, &["--bind", "127.0.0.1:99999"], "'127.0.0.1:99999'"),
        case(&s, &["--bind", ""], "--bind"),
        case(&s, &["--bind", "한국어:7878"], "'한국어:7878'"),
        case(&s, &["--timeout", "0"], "'0'"),
        case(&s, &["--timeout", "-1"], "'-1'"),
        case(&s, &["--timeout", "1e300"], "'1e300'"),
        case(&s, &["--max-rows", "0"], "'0'"),
        case(&s, &["--max-rows", "-1"], "'-1'"),
        case(
            &s,
            &["--max-rows", "99999999999999999999"],
            "'99999999999999999999'",
        ),
        case(&s, &["--max-connections", "0"], "'0'"),
        case(&s, &["--workers", "0"], "'0'"),
        case(&s, &["--workers", "-2"], "'-2'"),
        case(&s, &["--workers", "5000"], "'5000'"),
        case(
            &s,
            &["--workers", "99999999999999999999"],
            "'99999999999999999999'",
        ),
    ]);
}

#[test]
fn push_refuses_odd_endpoints_before_opening_the_store() {
    let p = ["push", "--store", store()];
    let far = format!("ftp://{}", big());
    refused(&[
        case(&p, &["--endpoint", ""], "--endpoint"),
        case(
            &p,
            &["--endpoint", "http:// spaces here"],
            "http:// spaces here",
        ),
        case(&p, &["--endpoint", "http://"], "'http://'"),
        case(
            &p,
            &["--endpoint", "http://한국어/store"],
            "http://한국어/store",
        ),
        case(&p, &["--endpoint", &far], &far),
        case(
            &p,
            &["--endpoint", "http://127.0.0.1:1/s", "--retries", "-1"],
            "'-1'",
        ),
        case(
            &p,
            &[
                "--endpoint",
                "http://127.0.0.1:1/s",
                "--retries",
                "99999999999",
            ],
            "'99999999999'",
        ),
        case(
            &p,
            &["--endpoint", "http://127.0.0.1:1/s", "--timeout", "1e300"],
            "'1e300'",
        ),
    ]);
}

/// A request and what must come back: the status and a piece of the message.
struct Expect<'a> {
    method: &'a str,
    target: String,
    headers: Vec<(&'a str, &'a str)>,
    body: String,
    status: u16,
    says: &'a str,
}

fn get(target: String, status: u16, says: &str) -> Expect<'_> {
    Expect {
        method: "GET",
        target,
        headers: Vec::new(),
        body: String::new(),
        status,
        says,
    }
}

fn form(pairs: &[(&str, &str)], status: u16, says: &'static str) -> Expect<'static> {
    let mut f = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        f.append_pair(k, v);
    }
    Expect {
        method: "POST",
        target: "/sparql".into(),
        headers: vec![("content-type", "application/x-www-form-urlencoded")],
        body: f.finish(),
        status,
        says,
    }
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// The `/sparql` cases: empty, Unicode and long queries, graph IRIs that are not IRIs, odd headers.
fn sparql_cases() -> Vec<Expect<'static>> {
    let ask = |param: &str, iri: &str| format!("/sparql?query=ASK%7B%7D&{param}={}", enc(iri));
    let mut cases = vec![
        get("/sparql?query=".into(), 400, "no query"),
        get("/sparql?query=%20".into(), 400, "no query"),
        get(format!("/sparql?query={}", big()), 400, "8kb"),
        get(
            format!("/sparql?query={}", enc("한국어 질의")),
            400,
            "syntax error",
        ),
        get("/sparql?query=%FF%FE".into(), 400, "syntax error"),
        get("/sparql?update=%20".into(), 400, "POST"),
        form(&[("query", &big())], 400, "syntax error"),
        form(&[("query", &big_korean())], 400, "syntax error"),
        form(
            &[("query", "ASK {}"), ("default-graph-uri", &big())],
            400,
            "bad graph IRI",
        ),
        form(
            &[("query", "ASK {}"), ("named-graph-uri", &big_korean())],
            400,
            "bad graph IRI",
        ),
    ];
    for param in ["default-graph-uri", "named-graph-uri"] {
        for (iri, says) in [
            ("not an iri", "<not an iri>"),
            ("<>", "<<>>"),
            ("", "<>"),
            (" ", "< >"),
            ("relative/path", "<relative/path>"),
            ("한국어", "<한국어>"),
        ] {
            cases.push(get(ask(param, iri), 400, says));
        }
    }
    let mut accept = get(query_url("", "ASK {}"), 400, "accept header");
    accept.headers.push(("accept", "한국어"));
    cases.push(accept);
    let mut content_type = form(&[("query", "ASK {}")], 400, "content-type header");
    content_type.headers = vec![("content-type", "양식")];
    cases.push(content_type);
    cases
}

/// The `/views/…` and `/api/…` cases: filters that are not numbers or dates, names that are no view.
fn page_cases() -> Vec<Expect<'static>> {
    let view = |params: &str| format!("/views/full.svg?{params}");
    let mut cases = vec![
        get(view("digest=%20"), 400, "\" \""),
        get(view("digest="), 400, "\"\""),
        get(view("digest=2025%2005%2010"), 400, "\"2025 05 10\""),
        get(view("digest=2025-13-45"), 400, "\"2025-13-45\""),
        get(view("top=-1"), 400, "\"-1\""),
        get(
            view("top=99999999999999999999"),
            400,
            "\"99999999999999999999\"",
        ),
        get(view("top=1.5"), 400, "\"1.5\""),
        get(view(&format!("top={}", enc("열"))), 400, "\"열\""),
        get(view("min-weight=-5"), 400, "\"-5\""),
        get(view("min-weight="), 400, "\"\""),
        get(view(&format!("task={}", big())), 400, "8kb"),
        get(
            format!("/views/{}.svg", enc("한국어")),
            404,
            "no view named",
        ),
        get(
            format!("/views/{}.svg", "y".repeat(6000)),
            404,
            "no view named",
        ),
        get("/views/%20.svg".into(), 404, "no view named"),
        get(format!("/api/{}", enc("한국어")), 404, "nothing at"),
        get(
            format!("/report/{}", enc("한국어")),
            400,
            "a week is written",
        ),
        get(
            format!("/report/{}", "w".repeat(6000)),
            400,
            "a week is written",
        ),
        get("/report/2025-W00".into(), 400, "\"2025-W00\""),
        get("/report/1900-W01".into(), 404, "no digest in 1900-W01"),
        get(format!("/api/{}", "z".repeat(6000)), 404, "nothing at"),
    ];
    // Odd but valid: a long Korean task that no paper addresses draws an empty picture.
    let task = "논문".repeat(400);
    cases.push(get(view(&format!("task={}", enc(&task))), 200, "<svg"));
    cases.push(get("/api/queries?top=-1".into(), 200, "datasets-by-papers"));
    cases
}

#[test]
fn every_http_parameter_gets_a_clear_answer_to_odd_values() {
    let s = Server::start(store().as_ref(), &[]);
    for c in sparql_cases().into_iter().chain(page_cases()) {
        let url = format!("{}{}", s.base, c.target);
        let a = http(c.method, &url, &c.headers, &c.body);
        let target: String = c.target.chars().take(80).collect();
        assert_eq!(a.status, c.status, "{} {target}: {}", c.method, a.body);
        assert!(
            a.body.to_lowercase().contains(&c.says.to_lowercase()),
            "{} {target}: the answer does not say {:?}: {}",
            c.method,
            c.says,
            a.body.chars().take(300).collect::<String>()
        );
    }
    // An Origin that is not ASCII is refused, not taken for no Origin (which would let an update in).
    let form = ("content-type", "application/x-www-form-urlencoded");
    let origin = common::raw_post(
        &s.base,
        &[form, ("origin", "http://한국어.example")],
        "update=x",
    );
    assert_eq!(origin.status, 400, "{}", origin.body);
    assert!(origin.body.contains("origin header"), "{}", origin.body);
    assert!(!s.log().contains("panicked"), "{}", s.log());
}
