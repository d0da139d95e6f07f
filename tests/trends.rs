//! `paperkg trends` on a real store built from the sample digests (ISO weeks 2025-W19 and 2025-W20):
//! golden table and CSV (insta), counts equal to plain SPARQL, the SVG chart with its Korean labels
//! and lines, and limitation kinds with and without `pk:kind` in the store.

mod common;

use std::path::Path;

use common::{query_csv, run, run_ok, sample_store};

const PREFIX: &str = "PREFIX pk: <https://w3id.org/paperkg/ontology#>\n";

#[test]
fn trends_table_and_csv_are_stable() {
    let (_dir, store) = sample_store();
    let table = String::from_utf8(run_ok(&store, &["trends", "--top", "5"])).unwrap();
    insta::assert_snapshot!("trends_table_task", table);
    let csv = String::from_utf8(run_ok(&store, &["trends", "--format", "csv"])).unwrap();
    insta::assert_snapshot!("trends_csv_task", csv);
    let datasets = run_ok(
        &store,
        &["trends", "--by", "dataset", "--format", "csv", "--top", "5"],
    );
    insta::assert_snapshot!("trends_csv_dataset", String::from_utf8(datasets).unwrap());
    let methods = run_ok(
        &store,
        &["trends", "--by", "method", "--format", "csv", "--top", "5"],
    );
    insta::assert_snapshot!("trends_csv_method", String::from_utf8(methods).unwrap());
}

/// `top` rows of the CSV as (iri, [W19, W20]).
fn top_counts(csv: &[u8]) -> Vec<(String, Vec<String>)> {
    let mut reader = csv::Reader::from_reader(csv);
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[4], "2025-W19");
    assert_eq!(&header[5], "2025-W20");
    reader
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[0] == "top")
        .map(|r| (r[1].to_owned(), vec![r[4].to_owned(), r[5].to_owned()]))
        .collect()
}

/// Distinct papers per week of an entity, counted by plain SPARQL over the digests' dates.
fn sparql_counts(store: &Path, link: &str, iri: &str) -> Vec<String> {
    ["\"2025-05-05\"", "\"2025-05-12\""]
        .iter()
        .zip(["\"2025-05-11\"", "\"2025-05-18\""])
        .map(|(from, to)| {
            let q = format!(
                "{PREFIX}PREFIX dcterms: <http://purl.org/dc/terms/>
                 PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
                 SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ ?p pk:appearsIn ?d . ?d dcterms:date ?date .
                   FILTER(?date >= {from}^^xsd:date && ?date <= {to}^^xsd:date) {link} }}",
                link = link.replace("?e", &format!("<{iri}>"))
            );
            query_csv(store, &q)[1][0].clone()
        })
        .collect()
}

#[test]
fn weekly_counts_equal_plain_sparql_counts_of_distinct_papers() {
    let (_dir, store) = sample_store();
    for (by, link) in [
        ("task", "?p pk:addressesTask ?e ."),
        ("dataset", "?p pk:usesDataset ?e ."),
        ("method", "?p pk:comparesWith ?e ."),
    ] {
        let csv = run_ok(
            &store,
            &["trends", "--by", by, "--format", "csv", "--top", "8"],
        );
        let rows = top_counts(&csv);
        assert_eq!(rows.len(), 8, "{by}");
        for (iri, counts) in rows {
            assert_eq!(counts, sparql_counts(&store, link, &iri), "{by} {iri}");
        }
    }
}

#[test]
fn the_svg_chart_has_korean_labels_and_lines() {
    let (dir, store) = sample_store();
    let out = dir.path().join("tasks.svg");
    let args = [
        "trends",
        "--format",
        "svg",
        "--top",
        "200",
        "-o",
        out.to_str().unwrap(),
    ];
    run_ok(&store, &args);
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.starts_with("<svg"), "{}", &svg[..100]);
    assert!(
        svg.contains(">\n생물학적 서열 설계\n</text>"),
        "a Korean task label as SVG text"
    );
    assert!(
        svg.contains("font-family=\"NanumGothic"),
        "a Korean font first"
    );
    assert!(svg.matches("<polyline").count() >= 10, "a line per task");
    assert!(svg.contains("2025-W19") && svg.contains("2025-W20"));
    // Well-formed XML: every label is escaped (oxigraph's RDF/XML reader is not at hand, so count tags).
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    assert!(!svg.contains("& "), "a bare ampersand");
}

#[test]
fn limitation_kinds_missing_from_the_store_are_said_and_nothing_is_written() {
    let (dir, store) = sample_store();
    common::remove_kinds(&store);
    for format in ["table", "csv", "svg"] {
        let out = dir.path().join(format!("kinds.{format}"));
        let args = [
            "trends",
            "--by",
            "limitation-kind",
            "--format",
            format,
            "-o",
        ];
        let o = run(&store, &[&args[..], &[out.to_str().unwrap()]].concat());
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("have no kind (pk:kind)"), "{stderr}");
        assert!(stderr.contains("nothing written"), "{stderr}");
        assert!(
            !out.exists(),
            "{format}: no empty chart or table is written"
        );
    }
}

#[test]
fn limitation_kinds_are_counted_per_week_with_their_labels() {
    let (_dir, store) = sample_store();
    let args = ["trends", "--by", "limitation-kind", "--format", "csv"];
    let link = "?p pk:hasLimitation ?l . ?l pk:kind ?e .";
    // The kinds the build placed.
    let csv = run_ok(&store, &args);
    let rows = top_counts(&csv);
    assert!(!rows.is_empty());
    for (iri, counts) in rows {
        assert_eq!(counts, sparql_counts(&store, link, &iri), "{iri}");
    }
    assert!(String::from_utf8(csv).unwrap().contains(",generalisation,"));
    // Two kinds of our own, one with an English label and one with only a Korean one.
    common::remove_kinds(&store);
    common::add_kinds(&store);
    let csv = run_ok(&store, &args);
    let rows = top_counts(&csv);
    assert_eq!(rows.len(), 2);
    for (iri, counts) in rows {
        assert_eq!(counts, sparql_counts(&store, link, &iri), "{iri}");
    }
    let text = String::from_utf8(csv).unwrap();
    // The English label is the display name; a kind with only a Korean label shows that one.
    assert!(text.contains(",computational cost,"), "{text}");
    assert!(text.contains(",데이터 한계,"), "{text}");
}

#[test]
fn odd_windows_are_refused_or_explained() {
    let (_dir, store) = sample_store();
    let o = run(&store, &["trends", "--until", "2025-W30", "--weeks", "2"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("no digest in 2025-W29..2025-W30"),
        "{stderr}"
    );
    // One week cannot rise or fall: the lists are empty and standard error says why.
    let o = run(&store, &["trends", "--weeks", "1", "--format", "csv"]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("nothing rose or fell"), "{stderr}");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.lines().skip(1).all(|l| l.starts_with("top,")),
        "{stdout}"
    );
}

/// Papers per entity in one week, from the `top` rows of a CSV with the given week column.
fn week_column(csv: &[u8], week: &str) -> std::collections::BTreeMap<String, String> {
    let mut reader = csv::Reader::from_reader(csv);
    let header = reader.headers().unwrap().clone();
    let column = header.iter().position(|h| h == week).unwrap();
    reader
        .records()
        .map(Result::unwrap)
        .filter(|r| &r[0] == "top")
        .map(|r| (r[1].to_owned(), r[column].to_owned()))
        .collect()
}

/// A window holding most of the store's digests is counted from the store's links first, a small one
/// from its digests first (see `trends::Order`); both must count alike.
#[test]
fn both_join_orders_count_alike() {
    let (_dir, store) = sample_store();
    for by in ["task", "dataset", "limitation-kind"] {
        if by == "limitation-kind" {
            common::add_kinds(&store);
        }
        let all = ["trends", "--by", by, "--format", "csv", "--top", "1000"];
        let whole = run_ok(&store, &all);
        for week in ["2025-W19", "2025-W20"] {
            let one = run_ok(
                &store,
                &[&all[..], &["--weeks", "1", "--until", week]].concat(),
            );
            let small = week_column(&one, week);
            let large = week_column(&whole, week);
            assert!(!small.is_empty(), "{by} {week}");
            let counted: std::collections::BTreeMap<String, String> =
                large.into_iter().filter(|(_, n)| n != "0").collect();
            assert_eq!(small, counted, "{by} {week}");
        }
    }
}
