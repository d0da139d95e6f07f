//! From [`PaperFacts`] to quads in the named graph of their digest, in the vocabulary of DESIGN.md.
//!
//! This stage knows the IRIs and nothing about Korean: every name has already been read. The same
//! name always gives the same IRI ([`name_key`]), so that a dataset used by papers of two digests is one
//! node, and a lexicon alias ("MATH-500" for "MATH500") gives the lexicon concept's IRI.

mod iri;

use std::collections::HashMap;

use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

use crate::digest::Digest;
use crate::extract::{Amount, Item, Kind, Mention, PaperFacts, ResultFact};
use crate::vocab::{Scheme, Vocab};

pub use iri::{ID, PK, name_key, slug};
use iri::{dcterms, fabio, pk, prov, skos};

/// The quads of one digest, all in the digest's named graph.
#[derive(Debug, Clone)]
pub struct DigestGraph {
    /// The graph's name, which is also the digest's IRI.
    pub graph: NamedNode,
    pub date: String,
    pub hash: String,
    pub quads: Vec<Quad>,
}

/// The graph that holds the type and labels of every task, dataset, method and metric. Were they in each
/// digest's graph, a dataset named by a thousand digests would have a thousand copies of its label in
/// the union graph that queries see, and every join on labels would multiply by that number. Replacing a
/// digest's graph leaves this graph alone; its statements are true whichever digest made them.
pub const ENTITIES_GRAPH: &str = "https://w3id.org/paperkg/id/entities";

/// The graph name (and IRI) of the digest of that date.
pub fn digest_iri(date: &str) -> NamedNode {
    iri::node(format!("{ID}digest/{date}"))
}

/// Builds the digest's graph.
///
/// ```
/// let vocab = paperkg::Vocab::embedded();
/// let text = "## 2505.00001\n🔗 https://huggingface.co/papers/2505.00001\n**Summary**:\n# X-Net: 빠른 모델\n---\n";
/// let d = paperkg::digest::parse("2025-05-10.md".as_ref(), text.as_bytes(), &vocab).unwrap();
/// let facts = paperkg::extract::digest(&d, &vocab);
/// let g = paperkg::rdf::quads(&d, &facts, &vocab);
/// assert_eq!(g.graph.as_str(), "https://w3id.org/paperkg/id/digest/2025-05-10");
/// assert!(g.quads.iter().any(|q| q.object.to_string() == "\"X-Net: 빠른 모델\""));
/// ```
pub fn quads(digest: &Digest, papers: &[PaperFacts], vocab: &Vocab) -> DigestGraph {
    let graph = digest_iri(&digest.date);
    let mut w = Writer {
        graph: GraphName::NamedNode(graph.clone()),
        quads: Vec::new(),
        counters: HashMap::new(),
    };
    let d = graph.clone();
    w.add(&d, rdf::TYPE, pk("Digest"));
    w.add(
        &d,
        dcterms("date"),
        Literal::new_typed_literal(&digest.date, xsd::DATE),
    );
    w.add(
        &d,
        rdfs::LABEL,
        Literal::new_simple_literal(format!("Hugging Face Daily Papers {}", digest.date)),
    );
    w.add(
        &d,
        pk("contentHash"),
        Literal::new_simple_literal(&digest.hash),
    );
    if let Some(name) = digest.path.file_name().and_then(|n| n.to_str()) {
        w.add(&d, pk("sourceFile"), Literal::new_simple_literal(name));
    }
    for p in papers {
        w.paper(p, &d, vocab);
    }
    DigestGraph {
        graph,
        date: digest.date.clone(),
        hash: digest.hash.clone(),
        quads: w.quads,
    }
}

struct Writer {
    graph: GraphName,
    quads: Vec<Quad>,
    /// Next number of results, limitations and future directions per paper.
    counters: HashMap<(String, &'static str), usize>,
}

impl Writer {
    fn add(&mut self, s: &NamedNode, p: impl Into<NamedNode>, o: impl Into<Term>) {
        self.quads
            .push(Quad::new(s.clone(), p.into(), o.into(), self.graph.clone()));
    }

    fn next(&mut self, id: &str, kind: &'static str) -> usize {
        let n = self.counters.entry((id.to_owned(), kind)).or_insert(0);
        *n += 1;
        *n
    }

    fn paper(&mut self, f: &PaperFacts, digest: &NamedNode, vocab: &Vocab) {
        let p = iri::node(format!("{ID}paper/{}", f.id));
        self.add(&p, rdf::TYPE, pk("Paper"));
        self.add(&p, fabio("hasArXivID"), Literal::new_simple_literal(&f.id));
        self.add(&p, pk("appearsIn"), digest.clone());
        self.add(
            &p,
            pk("summaryStatus"),
            Literal::new_simple_literal(f.status.name()),
        );
        self.add(
            &p,
            rdfs::LABEL,
            Literal::new_simple_literal(f.title.as_deref().unwrap_or(&f.id)),
        );
        if let Some(t) = &f.title {
            self.add(&p, dcterms("title"), Literal::new_simple_literal(t));
        }
        if let Some(u) = f.url.as_deref().and_then(|u| NamedNode::new(u).ok()) {
            self.add(&p, rdfs::SEE_ALSO, u);
        }
        for t in &f.tasks {
            let node = match &t.concept {
                Some(c) => iri::node(c.clone()),
                None => iri::node(format!("{ID}task/{}", slug(&t.label))),
            };
            self.entity(&node, "Task", &t.label, &t.seen);
            self.add(&p, pk("addressesTask"), node);
        }
        for m in &f.datasets {
            let node = self.mention(m, vocab);
            self.add(&p, pk("usesDataset"), node);
        }
        for m in &f.baselines {
            let node = self.mention(m, vocab);
            self.add(&p, pk("comparesWith"), node);
        }
        for m in &f.introduces {
            let node = self.mention(m, vocab);
            self.add(&p, pk("introduces"), node);
        }
        for r in &f.results {
            self.result(&p, &f.id, r, digest, vocab);
        }
        for (items, prop, path, class) in [
            (&f.limitations, "hasLimitation", "limitation", "Limitation"),
            (&f.future_work, "suggestsFutureWork", "future", "FutureWork"),
        ] {
            for it in items {
                let n = self.next(&f.id, path);
                let node = iri::node(format!("{ID}{path}/{}/{n}", f.id));
                self.item(&node, class, it, digest);
                self.add(&p, pk(prop), node);
            }
        }
    }

    /// The node of a named thing, typed and labelled.
    fn mention(&mut self, m: &Mention, vocab: &Vocab) -> NamedNode {
        let (scheme, class, path) = match m.kind {
            Kind::Dataset => (Scheme::Datasets, "Dataset", "dataset"),
            Kind::Method => (Scheme::Methods, "Method", "method"),
            Kind::Metric => (Scheme::Metrics, "Metric", "metric"),
        };
        let (node, label) = match vocab.lexicon.lookup(scheme, &m.name) {
            Some(c) => (iri::node(c.iri.clone()), c.display().to_owned()),
            None => (
                iri::node(format!("{ID}{path}/{}", slug(&m.name))),
                m.name.clone(),
            ),
        };
        self.entity(&node, class, &label, &m.name);
        node
    }

    /// A task, dataset, method or metric: its type and labels go to the shared entities graph, once for
    /// the whole store, not once per digest that names it (see [`ENTITIES_GRAPH`]).
    fn entity(&mut self, node: &NamedNode, class: &str, label: &str, seen: &str) {
        let g = GraphName::NamedNode(iri::node(ENTITIES_GRAPH.to_owned()));
        let mut put =
            |p: NamedNode, o: Term| self.quads.push(Quad::new(node.clone(), p, o, g.clone()));
        put(rdf::TYPE.into(), pk(class).into());
        put(
            rdfs::LABEL.into(),
            Literal::new_simple_literal(label).into(),
        );
        if seen != label {
            put(skos("altLabel"), Literal::new_simple_literal(seen).into());
        }
    }

    fn result(
        &mut self,
        paper: &NamedNode,
        id: &str,
        r: &ResultFact,
        digest: &NamedNode,
        vocab: &Vocab,
    ) {
        let n = self.next(id, "result");
        let node = iri::node(format!("{ID}result/{id}/{n}"));
        self.add(&node, rdf::TYPE, pk("Result"));
        let decimal = |v: &str| Literal::new_typed_literal(v, xsd::DECIMAL);
        match &r.amount {
            Amount::Value { value } => self.add(&node, pk("value"), decimal(value)),
            Amount::Change { from, to } => {
                self.add(&node, pk("fromValue"), decimal(from));
                self.add(&node, pk("toValue"), decimal(to));
            }
            Amount::Range { min, max } => {
                if let Some(v) = min {
                    self.add(&node, pk("minValue"), decimal(v));
                }
                if let Some(v) = max {
                    self.add(&node, pk("maxValue"), decimal(v));
                }
            }
        }
        self.add(&node, pk("unit"), Literal::new_simple_literal(&r.unit));
        self.add(
            &node,
            rdfs::LABEL,
            Literal::new_simple_literal(result_label(r, vocab)),
        );
        if r.improvement {
            self.add(&node, pk("isImprovement"), Literal::from(true));
        }
        if let Some(m) = &r.metric {
            let metric = iri::node(m.clone());
            let concept = vocab.lexicon.concepts.iter().find(|c| &c.iri == m);
            let label = concept.map_or(m.as_str(), |c| c.display()).to_owned();
            self.entity(
                &metric,
                "Metric",
                &label,
                r.metric_seen.as_deref().unwrap_or(&label),
            );
            self.add(&node, pk("metric"), metric);
        }
        if let Some(d) = &r.dataset {
            let m = Mention {
                name: d.clone(),
                kind: Kind::Dataset,
                line: r.line,
                text: String::new(),
            };
            let ds = self.mention(&m, vocab);
            self.add(&node, pk("onDataset"), ds);
        }
        if let Some(s) = &r.system {
            let m = Mention {
                name: s.clone(),
                kind: Kind::Method,
                line: r.line,
                text: String::new(),
            };
            let sys = self.mention(&m, vocab);
            self.add(&node, pk("forSystem"), sys);
        }
        self.provenance(
            &node,
            &r.text,
            r.section.map_or("intro", |s| s.name()),
            r.line,
            digest,
        );
        self.add(paper, pk("reportsResult"), node);
    }

    fn item(&mut self, node: &NamedNode, class: &str, it: &Item, digest: &NamedNode) {
        self.add(node, rdf::TYPE, pk(class));
        self.add(node, rdfs::LABEL, Literal::new_simple_literal(&it.label));
        self.provenance(node, &it.text, it.section.name(), it.line, digest);
    }

    fn provenance(
        &mut self,
        node: &NamedNode,
        text: &str,
        section: &str,
        line: usize,
        digest: &NamedNode,
    ) {
        let ko = Literal::new_language_tagged_literal_unchecked(text, "ko");
        self.add(node, pk("text"), ko);
        self.add(node, pk("section"), Literal::new_simple_literal(section));
        self.add(node, pk("line"), Literal::from(line as i64));
        self.add(node, prov("wasDerivedFrom"), digest.clone());
    }
}

/// "63 → 95 %", "8–32 x", "≤ 181 %": a short label for tables and pictures.
fn result_label(r: &ResultFact, _vocab: &Vocab) -> String {
    let nums = match &r.amount {
        Amount::Value { value } => value.clone(),
        Amount::Change { from, to } => format!("{from} → {to}"),
        Amount::Range {
            min: Some(a),
            max: Some(b),
        } => format!("{a}–{b}"),
        Amount::Range {
            min: None,
            max: Some(b),
        } => format!("≤ {b}"),
        Amount::Range {
            min: Some(a),
            max: None,
        } => format!("≥ {a}"),
        Amount::Range { .. } => String::new(),
    };
    let gain = if r.improvement { "+" } else { "" };
    match &r.metric_seen {
        Some(m) => format!("{m}: {gain}{nums} {}", r.unit),
        None => format!("{gain}{nums} {}", r.unit),
    }
}
