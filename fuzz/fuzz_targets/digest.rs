//! Fuzzes the whole text side of the pipeline: any bytes → `digest::parse` → `extract::digest` →
//! `rdf::quads`. Besides "no panic", it checks what the rest of the pipeline relies on: every IRI the
//! graph holds is a valid IRI, and the N-Quads written for it parse back into the same quads.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode, Quad, Term};
use paperkg::{Vocab, digest, extract, rdf};

static VOCAB: LazyLock<Vocab> = LazyLock::new(Vocab::embedded);

fuzz_target!(|bytes: &[u8]| {
    let path = std::path::Path::new("2025-05-10.md");
    let Ok(d) = digest::parse(path, bytes, &VOCAB) else {
        return;
    };
    let papers = extract::digest(&d, &VOCAB);
    let graph = rdf::quads(&d, &papers, &VOCAB);
    let mut nq = Vec::new();
    let mut w = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(&mut nq);
    for q in &graph.quads {
        for iri in iris(q) {
            assert!(NamedNode::new(iri).is_ok(), "invalid IRI {iri}");
        }
        w.serialize_quad(q).unwrap();
    }
    w.finish().unwrap();
    let back: Vec<Quad> = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&nq)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(back, graph.quads, "N-Quads round trip changed the graph");
});

/// The IRIs a quad names, in any of its four places.
fn iris(q: &Quad) -> Vec<&str> {
    let mut out = vec![q.predicate.as_str()];
    if let NamedOrBlankNode::NamedNode(n) = &q.subject {
        out.push(n.as_str());
    }
    if let Term::NamedNode(n) = &q.object {
        out.push(n.as_str());
    }
    if let GraphName::NamedNode(n) = &q.graph_name {
        out.push(n.as_str());
    }
    out
}
