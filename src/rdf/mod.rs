//! From linked [`PaperFacts`] to quads in the named graph of their digest, in the vocabulary of DESIGN.md.
//!
//! This stage decides nothing: extraction has already read every name and linked it to its IRI and
//! display label ([`crate::extract::link`]); here each fact is written as the triples the ontology gives
//! it. Entity types and labels go to the shared entities graph ([`ns::ENTITIES_GRAPH`]).

use std::collections::HashMap;

use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term};

use crate::digest::Digest;
use crate::extract::{Amount, Item, Mention, PaperFacts, ResultFact, Task};
use crate::ns::{self, dcterms, fabio, pk, prov, skos};

/// The quads of one digest, all in the digest's named graph.
#[derive(Debug, Clone)]
pub struct DigestGraph {
    /// The graph's name, which is also the digest's IRI.
    pub graph: NamedNode,
    pub date: String,
    pub hash: String,
    /// The extractor that read the digest (see [`crate::build::extractor`]).
    pub extractor: String,
    pub quads: Vec<Quad>,
}

/// How a digest's graph was read: the SHA-256 of its file and the extractor that read it (`None` for a
/// digest stored before paperkg recorded extractors). The graph states both about itself
/// (`pk:contentHash`, `pk:extractor`), so that `build` can tell whether reading the file again would
/// change anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub hash: String,
    pub extractor: Option<String>,
}

impl DigestGraph {
    /// How this graph was read.
    pub fn stamp(&self) -> Stamp {
        Stamp {
            hash: self.hash.clone(),
            extractor: Some(self.extractor.clone()),
        }
    }
}

/// Builds the digest's graph.
///
/// ```
/// let vocab = paperkg::Vocab::embedded();
/// let text = "## 2505.00001\n🔗 https://huggingface.co/papers/2505.00001\n**Summary**:\n# X-Net: 빠른 모델\n---\n";
/// let d = paperkg::digest::parse("2025-05-10.md".as_ref(), text.as_bytes(), &vocab).unwrap();
/// let facts = paperkg::extract::digest(&d, &vocab);
/// let g = paperkg::rdf::quads(&d, &facts, &paperkg::build::extractor(&vocab));
/// assert_eq!(g.graph.as_str(), "https://w3id.org/paperkg/id/digest/2025-05-10");
/// assert!(g.quads.iter().any(|q| q.object.to_string() == "\"X-Net: 빠른 모델\""));
/// ```
pub fn quads(digest: &Digest, papers: &[PaperFacts], extractor: &str) -> DigestGraph {
    // The reader only accepts `YYYY-MM-DD` dates, so a parsed digest always has a graph name.
    let graph = ns::digest_iri(&digest.date).expect("digest::parse checks the date's shape");
    let mut w = Writer {
        graph: GraphName::NamedNode(graph.clone()),
        date: digest.date.clone(),
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
    w.add(&d, pk("extractor"), Literal::new_simple_literal(extractor));
    if let Some(name) = digest.path.file_name().and_then(|n| n.to_str()) {
        w.add(&d, pk("sourceFile"), Literal::new_simple_literal(name));
    }
    for p in papers {
        w.paper(p, &d);
    }
    DigestGraph {
        graph,
        date: digest.date.clone(),
        hash: digest.hash.clone(),
        extractor: extractor.to_owned(),
        quads: w.quads,
    }
}

struct Writer {
    graph: GraphName,
    /// The digest's date, part of the IRI of every node read from its summaries.
    date: String,
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

    fn paper(&mut self, f: &PaperFacts, digest: &NamedNode) {
        let p = ns::paper_iri(&f.id);
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
            let node = self.task(t);
            self.add(&p, pk("addressesTask"), node);
        }
        for (mentions, prop) in [
            (&f.datasets, "usesDataset"),
            (&f.baselines, "comparesWith"),
            (&f.introduces, "introduces"),
        ] {
            for m in mentions {
                let node = self.mention(m);
                self.add(&p, pk(prop), node);
            }
        }
        for m in &f.entities {
            self.mentions(&p, &f.id, m, digest);
        }
        for r in &f.results {
            self.result(&p, &f.id, r, digest);
        }
        for (items, prop, path, class) in [
            (&f.limitations, "hasLimitation", "limitation", "Limitation"),
            (&f.future_work, "suggestsFutureWork", "future", "FutureWork"),
        ] {
            for it in items {
                let n = self.next(&f.id, path);
                let node = ns::item_iri(path, &self.date, &f.id, n);
                self.item(&node, class, it, digest);
                self.add(&p, pk(prop), node);
            }
        }
    }

    /// The node of a task, typed and labelled.
    fn task(&mut self, t: &Task) -> NamedNode {
        self.entity(&t.iri, "Task", &t.label, &t.seen);
        t.iri.clone()
    }

    /// The node of a named thing, typed and labelled.
    fn mention(&mut self, m: &Mention) -> NamedNode {
        self.entity(&m.iri, m.kind.class(), &m.label, &m.name);
        m.iri.clone()
    }

    /// A task, dataset, method or metric: its type and labels go to the shared entities graph, once for
    /// the whole store, not once per digest that names it (see [`ns::ENTITIES_GRAPH`]).
    fn entity(&mut self, node: &NamedNode, class: &str, label: &str, seen: &str) {
        let g = GraphName::NamedNode(NamedNode::new_unchecked(ns::ENTITIES_GRAPH));
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

    /// A name of no kind that the paper's summary mentions: `paper pk:mentions entity`, and as its
    /// evidence that statement reified (`rdf:Statement`, IRI `…/mention/{date}/{arXiv id}/{n}`, in the
    /// digest's graph) with the provenance of results and limitations: the sentence, its section and
    /// line, and the digest.
    fn mentions(&mut self, paper: &NamedNode, id: &str, m: &Mention, digest: &NamedNode) {
        let target = self.mention(m);
        self.add(paper, pk("mentions"), target.clone());
        let n = self.next(id, "mention");
        let node = ns::item_iri("mention", &self.date, id, n);
        self.add(&node, rdf::TYPE, rdf::STATEMENT);
        self.add(&node, rdf::SUBJECT, paper.clone());
        self.add(&node, rdf::PREDICATE, pk("mentions"));
        self.add(&node, rdf::OBJECT, target);
        self.provenance(
            &node,
            &m.text,
            m.section.map_or("intro", |s| s.name()),
            m.line,
            digest,
        );
    }

    fn result(&mut self, paper: &NamedNode, id: &str, r: &ResultFact, digest: &NamedNode) {
        let n = self.next(id, "result");
        let node = ns::item_iri("result", &self.date, id, n);
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
            Literal::new_simple_literal(result_label(r)),
        );
        if r.improvement {
            self.add(&node, pk("isImprovement"), Literal::from(true));
        }
        for (mention, prop) in [
            (&r.metric, "metric"),
            (&r.dataset, "onDataset"),
            (&r.system, "forSystem"),
            (&r.against, "against"),
        ] {
            if let Some(m) = mention {
                let target = self.mention(m);
                self.add(&node, pk(prop), target);
            }
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
        // The kinds are concepts of the scheme graph (ns::LIMITATION_KINDS_GRAPH); each cue is written
        // as the scheme lists it, so that `?kind skos:hiddenLabel ?cue` tells which kind it supports.
        for k in &it.kinds {
            self.add(node, pk("kind"), NamedNode::new_unchecked(&k.iri));
            for c in &k.cues {
                let cue = Literal::new_language_tagged_literal_unchecked(&c.text, &c.lang);
                self.add(node, pk("kindCue"), cue);
            }
        }
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
fn result_label(r: &ResultFact) -> String {
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
    match &r.metric {
        Some(m) => format!("{}: {gain}{nums} {}", m.name, r.unit),
        None => format!("{gain}{nums} {}", r.unit),
    }
}
