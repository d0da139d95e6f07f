//! Fuzzes the text side of the pipeline: any bytes → `digest::parse` → `extract::digest` with entity
//! linking. Besides "no panic", it checks what the store side relies on: every IRI that extraction hands
//! over (tasks, datasets, baselines, what a paper introduces, a result's metric, dataset and system) is a
//! valid IRI, and a triple naming it with its label and the words it was read from survives an N-Triples
//! round trip unchanged (so no label breaks the serializer's escaping).
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use oxrdf::{Literal, NamedNode, Triple};
use oxttl::{NTriplesParser, NTriplesSerializer};
use paperkg_text::extract::{Mention, PaperFacts};
use paperkg_text::{Vocab, digest, extract};

static VOCAB: LazyLock<Vocab> = LazyLock::new(Vocab::embedded);

fuzz_target!(|bytes: &[u8]| {
    let path = std::path::Path::new("2025-05-10.md");
    let Ok(d) = digest::parse(path, bytes, &VOCAB) else {
        return;
    };
    let papers = extract::digest(&d, &VOCAB);
    let triples: Vec<Triple> = papers.iter().flat_map(links).collect();
    let mut nt = NTriplesSerializer::new().for_writer(Vec::new());
    for t in &triples {
        nt.serialize_triple(t).unwrap();
    }
    let nt = nt.finish();
    let back: Vec<Triple> = NTriplesParser::new()
        .for_slice(&nt)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(back, triples, "N-Triples round trip changed a link");
});

/// One triple per linked thing of a paper: its IRI, labelled, with the words it was read from.
fn links(p: &PaperFacts) -> Vec<Triple> {
    let label = NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label");
    let seen = NamedNode::new_unchecked("http://www.w3.org/2004/02/skos/core#altLabel");
    let mut out = Vec::new();
    let mut add = |iri: &NamedNode, l: &str, s: &str| {
        let valid = NamedNode::new(iri.as_str()).expect("extraction hands over valid IRIs");
        out.push(Triple::new(valid.clone(), label.clone(), Literal::from(l)));
        out.push(Triple::new(valid, seen.clone(), Literal::from(s)));
    };
    for t in &p.tasks {
        add(&t.iri, &t.label, &t.seen);
    }
    let results = p
        .results
        .iter()
        .flat_map(|r| [&r.metric, &r.dataset, &r.system, &r.against])
        .flatten();
    let mentions: Vec<&Mention> = p
        .datasets
        .iter()
        .chain(&p.baselines)
        .chain(&p.introduces)
        .chain(results)
        .collect();
    for m in mentions {
        add(&m.iri, &m.label, &m.name);
    }
    out
}
