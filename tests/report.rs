//! `paperkg report` and `/report/WEEK` on a real store built from the sample digests: golden Markdown
//! (insta), a self-contained HTML page whose only outside links are the papers' Hugging Face pages,
//! escaping, limitation kinds with and without `pk:kind`, and clear refusals of bad and empty weeks.

mod common;

use std::path::Path;

use common::{Server, http, run, run_ok, sample_store};

const HF: &str = "https://huggingface.co/papers/";

fn report(store: &Path, week: &str, format: &str) -> String {
    String::from_utf8(run_ok(
        store,
        &["report", "--week", week, "--format", format],
    ))
    .unwrap()
}

#[test]
fn markdown_reports_are_stable() {
    let (_dir, store) = sample_store();
    insta::assert_snapshot!("report_md_2025-W19", report(&store, "2025-W19", "md"));
    insta::assert_snapshot!("report_md_2025-W20", report(&store, "2025-W20", "md"));
}

/// The values of every `attribute="…"` in the page.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn the_html_report_is_self_contained() {
    let (dir, store) = sample_store();
    let out = dir.path().join("report.html");
    run_ok(
        &store,
        &["report", "--week", "2025-W20", "-o", out.to_str().unwrap()],
    );
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<style>"));
    assert!(
        attribute_values(&html, "src").is_empty(),
        "nothing is loaded"
    );
    for tag in ["<script", "<link", "<img", "<iframe", "@import", "url("] {
        assert!(!html.contains(tag), "{tag}");
    }
    let hrefs = attribute_values(&html, "href");
    let papers: Vec<&&str> = hrefs.iter().filter(|h| h.starts_with(HF)).collect();
    assert_eq!(
        papers.len(),
        hrefs.iter().filter(|h| h.starts_with("http")).count()
    );
    assert!(
        hrefs
            .iter()
            .all(|h| h.starts_with(HF) || h.starts_with('#')),
        "{hrefs:?}"
    );
    assert!(html.contains(&format!("<a href=\"{HF}2505.07086\">2505.07086</a>")));
    assert_eq!(
        html.matches("<figure class=\"chart").count(),
        2,
        "rising and falling"
    );
    assert!(
        html.matches("<polyline").count() >= 4,
        "lines in the charts"
    );
    assert!(html.contains("생물학적 서열 설계"), "Korean text as it is");
}

#[test]
fn the_extension_chooses_markdown() {
    let (dir, store) = sample_store();
    let out = dir.path().join("report.md");
    run_ok(
        &store,
        &["report", "--week", "2025-W19", "-o", out.to_str().unwrap()],
    );
    let md = std::fs::read_to_string(&out).unwrap();
    assert_eq!(md, report(&store, "2025-W19", "md"));
    assert!(md.starts_with("# paperkg weekly report 2025-W19\n"));
}

/// Sets a paper's title, in the digest that gives it, to text full of markup.
fn set_title(store: &Path, title: &str) {
    let update = format!(
        "PREFIX dcterms: <http://purl.org/dc/terms/>
         DELETE {{ GRAPH ?g {{ ?p dcterms:title ?t }} }} INSERT {{ GRAPH ?g {{ ?p dcterms:title {title:?} }} }}
         WHERE {{ BIND(<https://w3id.org/paperkg/id/paper/2505.07086> AS ?p) GRAPH ?g {{ ?p dcterms:title ?t }} }}"
    );
    run_ok(store, &["query", "--allow-update", &update]);
}

#[test]
fn text_from_the_store_is_escaped() {
    let (_dir, store) = sample_store();
    set_title(&store, "<script>alert(1)</script> & *bold* | [x](y)");
    let html = report(&store, "2025-W20", "html");
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; *bold* | [x](y)"));
    let md = report(&store, "2025-W20", "md");
    assert!(
        md.contains("\\<script\\>alert(1)\\</script\\> \\& \\*bold\\* \\| \\[x\\](y)"),
        "{md}"
    );
}

#[test]
fn recurring_limitation_kinds_are_listed_and_a_store_without_kinds_says_so() {
    let (_dir, store) = sample_store();
    let section = |md: &str| -> String {
        let after = md
            .split("## Recurring")
            .nth(1)
            .expect("the section is there");
        after.split("## ").next().unwrap().to_owned()
    };
    let md = report(&store, "2025-W19", "md");
    assert!(!md.contains("This store has no limitation kinds"), "{md}");
    assert!(section(&md).contains("| generalisation |"), "{md}");
    // A store built before limitations were classified has no pk:kind.
    run_ok(
        &store,
        &[
            "query",
            "--allow-update",
            "PREFIX pk: <https://w3id.org/paperkg/ontology#> DELETE WHERE { GRAPH ?g { ?l pk:kind ?k } }",
        ],
    );
    let md = report(&store, "2025-W19", "md");
    assert!(
        section(&md).contains("This store has no limitation kinds"),
        "{md}"
    );
}

#[test]
fn bad_and_empty_weeks_are_refused_clearly() {
    let (dir, store) = sample_store();
    let out = dir.path().join("empty.html");
    let o = run(
        &store,
        &["report", "--week", "2025-W21", "-o", out.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("no digest in 2025-W21 (2025-05-19 to 2025-05-25); the store holds digests from 2025-05-06 to 2025-05-14"),
        "{stderr}"
    );
    assert!(!out.exists(), "no file for a week without digests");
    for bad in ["2025-W54", "2025-19", "W19", "２０２５-W19"] {
        let o = run(&store, &["report", "--week", bad]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{bad}: {stderr}");
        assert!(stderr.contains(&format!("{bad:?}")), "{bad}: {stderr}");
    }
}

#[test]
fn the_server_answers_reports_by_week() {
    let (_dir, store) = sample_store();
    let s = Server::start(&store, &[]);
    let page = http("GET", &format!("{}/report/2025-W19", s.base), &[], "");
    assert_eq!(page.status, 200);
    assert_eq!(page.content_type, "text/html; charset=utf-8");
    assert_eq!(
        page.body,
        report(&store, "2025-W19", "html"),
        "the page `report` writes"
    );
    let weeks = http("GET", &format!("{}/api/weeks", s.base), &[], "");
    assert_eq!(weeks.body, "[\"2025-W20\",\"2025-W19\"]");
    for (path, status, says) in [
        ("/report/2025-W21", 404, "no digest in 2025-W21"),
        ("/report/2025-W99", 400, "not \"2025-W99\""),
        ("/report/", 400, "not \"\""),
        ("/report/2025-W19/extra", 400, "not \"2025-W19/extra\""),
    ] {
        let a = http("GET", &format!("{}{path}", s.base), &[], "");
        assert_eq!(a.status, status, "{path}: {}", a.body);
        assert!(a.body.contains(says), "{path}: {}", a.body);
    }
    let post = http("POST", &format!("{}/report/2025-W19", s.base), &[], "");
    assert_eq!(post.status, 405);
}
