//! Properties that must hold for any digest and any name (proptest): what `extract --format nq` and
//! `--format ttl` print parses back, with Oxigraph, into exactly the graph the library built; and every
//! name gives a stable slug that makes a valid IRI.
//!
//! The digests are generated in the digest layout (date heading, `## <arXiv id>` entries, the seven
//! numbered sections, bullets with bold leads) with arbitrary text in every slot, names with quotes,
//! `<>`, emoji and Korean among it, so that extraction really produces entities with such names.

mod common;

use std::collections::HashSet;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedNode, Quad, Triple};
use paperkg::{Vocab, digest, extract, rdf, shared};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

const SECTIONS: [&str; 7] = [
    "**1. 핵심 동기와 문제 정의**",
    "**2. 주요 기여 및 참신성**",
    "**3. 모델 아키텍처 및 학습 설정**",
    "**4. 실험 설정**",
    "**5. 정량적 결과**",
    "**6. 한계점 및 잠재적 실패 요인**",
    "**7. 후속 연구 아이디어 또는 확장 방향**",
];

/// A name as digests write them, or as nobody should: plain, versioned, quoted, bracketed, emoji.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][A-Za-z0-9]{1,8}(-[0-9]{1,3}[BK]?)?",
        "[A-Z][a-z]+ ?[0-9]\\.[0-9]",
        "[가-힣]{2,6}",
        "[^\\x00\\n\\r*#|]{1,20}",
        Just("\"Quoted\" <Bench>".to_owned()),
        Just("🦙 Llama 🚀".to_owned()),
        Just("<>\"".to_owned()),
        Just("a\\b{c}`d`".to_owned()),
    ]
}

/// One line of a section: prose with names and numbers in it, in the shapes the summaries use.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        (name(), name()).prop_map(|(a, b)| format!("- **{a}**: {b} 데이터셋에서 평가합니다.")),
        (name(), 0.0f64..100.0)
            .prop_map(|(a, x)| format!("- {a}에서 정확도 {x:.1}%를 달성했습니다.")),
        (name(), name()).prop_map(|(a, b)| format!("- 기준선: {a}, {b}와 비교합니다.")),
        "[^\\x00\\n\\r]{0,80}".prop_map(|s| format!("- {s}")),
        "[^\\x00\\n\\r]{0,80}",
    ]
}

fn entry() -> impl Strategy<Value = String> {
    (
        (2301u32..2612, 0u32..99999),
        "[^\\x00\\n\\r]{0,60}",
        prop::collection::vec(prop::collection::vec(line(), 0..4), 7),
    )
        .prop_map(|((yymm, n), title, sections)| {
            let mut s = format!(
                "## {yymm}.{n:05}\n🔗 https://huggingface.co/papers/{yymm}.{n:05}\n\n**Summary**:\n해당 논문은 \"{title}\"로, 새로운 방법을 제안합니다.\n\n"
            );
            for (heading, lines) in SECTIONS.iter().zip(sections) {
                s.push_str(&format!("{heading}\n\n{}\n\n", lines.join("\n")));
            }
            s.push_str("---\n\n");
            s
        })
}

fn digest_text() -> impl Strategy<Value = String> {
    (1u32..29, prop::collection::vec(entry(), 1..4)).prop_map(|(day, entries)| {
        format!(
            "# 📰 Hugging Face Daily Papers – 2025-05-{day:02}\n\n{}",
            entries.concat()
        )
    })
}

/// Runs `paperkg extract --format FORMAT` on the file and returns its standard output.
fn extract_output(file: &std::path::Path, format: &str) -> Vec<u8> {
    let out = common::paperkg()
        .args(["extract", "--format", format])
        .arg(file)
        .output()
        .expect("paperkg runs");
    assert!(
        out.status.success(),
        "extract --format {format} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn parse<T>(bytes: &[u8], format: RdfFormat, pick: impl Fn(Quad) -> T) -> Vec<T> {
    RdfParser::from_format(format)
        .for_slice(bytes)
        .map(|q| pick(q.expect("paperkg's RDF parses back")))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn extract_rdf_parses_back_to_the_same_graph(text in digest_text()) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("digest.md");
        std::fs::write(&file, &text).unwrap();
        let vocab = Vocab::embedded();
        let d = digest::parse(&file, text.as_bytes(), &vocab).expect("a generated digest parses");
        let expected = rdf::quads(&d, &extract::digest(&d, &vocab), &paperkg::build::extractor(&vocab)).quads;

        let nq = parse(&extract_output(&file, "nq"), RdfFormat::NQuads, |q| q);
        prop_assert_eq!(&nq, &expected, "N-Quads differ from the library's quads, or their order");

        let ttl: HashSet<Triple> = parse(&extract_output(&file, "ttl"), RdfFormat::Turtle, Triple::from)
            .into_iter()
            .collect();
        let triples: HashSet<Triple> = expected.into_iter().map(Triple::from).collect();
        prop_assert_eq!(ttl, triples, "Turtle gives another graph than the quads");
    }

    #[test]
    fn slugs_are_stable_valid_iri_segments(name in prop_oneof![any::<String>(), name()]) {
        let slug = shared::slug(&name);
        prop_assert!(!slug.is_empty());
        let iri = format!("https://w3id.org/paperkg/id/dataset/{slug}");
        prop_assert!(NamedNode::new(&iri).is_ok(), "{iri:?} is not a valid IRI");
        // The same name, however it was typed or normalised, has the same slug; a slug is its own slug.
        prop_assert_eq!(shared::slug(&name), slug.clone());
        let nfc: String = name.nfc().collect();
        let nfd: String = name.nfd().collect();
        prop_assert_eq!(shared::slug(&nfc), shared::slug(&nfd));
        if slug.chars().all(char::is_alphanumeric) {
            prop_assert_eq!(shared::slug(&slug), slug);
        }
    }
}
