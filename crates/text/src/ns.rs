//! Namespaces and graph names: every IRI that paperkg writes starts with one of the strings here.
//!
//! The vocabulary is a contract (outside scripts query these IRIs), so each namespace is written once,
//! in this module; SPARQL `PREFIX` lines, Turtle prefixes and the short forms of the query table are all
//! made from [`PREFIXES`].

use oxrdf::NamedNode;

use crate::shared::{is_date, slug};

/// The ontology namespace (`ontology/paperkg.ttl`).
pub const PK: &str = "https://w3id.org/paperkg/ontology#";
/// Where paperkg's resources (papers, digests, entities, results) live.
pub const ID: &str = "https://w3id.org/paperkg/id/";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const FABIO: &str = "http://purl.org/spar/fabio/";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const PROV: &str = "http://www.w3.org/ns/prov#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// Every prefix paperkg names, shortest-first within a namespace family so that `paper:` wins over `id`.
pub const PREFIXES: [(&str, &str); 16] = [
    ("pk", PK),
    ("paper", "https://w3id.org/paperkg/id/paper/"),
    ("digest", "https://w3id.org/paperkg/id/digest/"),
    ("dataset", "https://w3id.org/paperkg/id/dataset/"),
    ("method", "https://w3id.org/paperkg/id/method/"),
    ("task", "https://w3id.org/paperkg/id/task/"),
    ("metric", "https://w3id.org/paperkg/id/metric/"),
    ("entity", "https://w3id.org/paperkg/id/entity/"),
    ("kind", "https://w3id.org/paperkg/id/limitation-kind/"),
    ("xsd", XSD),
    ("fabio", FABIO),
    ("dcterms", DCTERMS),
    ("rdfs", RDFS),
    ("rdf", RDF),
    ("skos", SKOS),
    ("prov", PROV),
];

/// Graph that holds `ontology/paperkg.ttl`.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/paperkg/ontology";
/// Graph that holds `ontology/lexicon.ttl`.
pub const LEXICON_GRAPH: &str = "https://w3id.org/paperkg/id/lexicon";
/// The graph that holds the type and labels of every task, dataset, method and metric, and of every name
/// of no kind (`pk:Entity`). Were they in each digest's graph, a dataset named by a thousand digests
/// would have a thousand copies of its label in the union graph that queries see, and every join on
/// labels would multiply by that number. Replacing a digest's graph leaves this graph alone; its
/// statements are true whichever digest made them.
pub const ENTITIES_GRAPH: &str = "https://w3id.org/paperkg/id/entities";
/// The graph of statistics that `build` keeps up to date (see `paperkg::store::statistics`): the number of
/// distinct papers per entity and relation (`pk:papersUsing`, `pk:papersAddressing`,
/// `pk:papersComparing`) and per co-occurring pair (`pk:paperCount` of a node with `pk:pairTask`,
/// `pk:pairDataset`; `pk:pairFirstDataset`, `pk:pairSecondDataset`; `pk:pairLimitedTask`,
/// `pk:pairLimitationKind`), so that the ready queries and views that rank by such counts read them
/// instead of grouping every paper of the store.
pub const STATISTICS_GRAPH: &str = "https://w3id.org/paperkg/id/statistics";
/// Where the lexicon's concept schemes live (`…/scheme/tasks` …).
pub const SCHEME: &str = "https://w3id.org/paperkg/id/scheme/";
/// Graph that holds `ontology/limitation-kinds.ttl`, the scheme `…/scheme/limitation-kinds`.
pub const LIMITATION_KINDS_GRAPH: &str = "https://w3id.org/paperkg/id/limitation-kinds";

/// `PREFIX` lines for SPARQL, one per entry of [`PREFIXES`].
///
/// ```
/// let p = paperkg_text::ns::sparql_prefixes();
/// assert!(p.starts_with("PREFIX pk: <https://w3id.org/paperkg/ontology#>\n"));
/// ```
pub fn sparql_prefixes() -> String {
    PREFIXES
        .iter()
        .map(|(p, ns)| format!("PREFIX {p}: <{ns}>\n"))
        .collect()
}

/// An IRI in short form (`dataset:gsm8k`) where a prefix fits, else whole.
///
/// ```
/// use paperkg_text::ns::compact;
/// assert_eq!(compact("https://w3id.org/paperkg/id/task/reasoning"), "task:reasoning");
/// assert_eq!(compact("https://example.org/x"), "https://example.org/x");
/// ```
pub fn compact(iri: &str) -> String {
    PREFIXES
        .iter()
        .find_map(|(p, ns)| iri.strip_prefix(ns).map(|rest| format!("{p}:{rest}")))
        .unwrap_or_else(|| iri.to_owned())
}

/// A named node from an IRI built by this module out of a namespace and a slug, a date or a checked
/// identifier; those are valid IRIs by construction.
fn node(iri: String) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

/// A term of the paperkg ontology (`pk:Paper`).
pub fn pk(local: &str) -> NamedNode {
    node(format!("{PK}{local}"))
}
pub fn fabio(local: &str) -> NamedNode {
    node(format!("{FABIO}{local}"))
}
pub fn dcterms(local: &str) -> NamedNode {
    node(format!("{DCTERMS}{local}"))
}
pub fn skos(local: &str) -> NamedNode {
    node(format!("{SKOS}{local}"))
}
pub fn prov(local: &str) -> NamedNode {
    node(format!("{PROV}{local}"))
}

/// The graph name (and IRI) of the digest of that date, if the date is a date of the calendar written
/// `YYYY-MM-DD` ([`is_date`]); anything else (a user's `--digest "2025 05 10"`) has no digest graph.
///
/// ```
/// use paperkg_text::ns::digest_iri;
/// assert_eq!(digest_iri("2025-05-10").unwrap().as_str(), "https://w3id.org/paperkg/id/digest/2025-05-10");
/// assert!(digest_iri("2025 05 10").is_none());
/// ```
pub fn digest_iri(date: &str) -> Option<NamedNode> {
    is_date(date).then(|| node(format!("{ID}digest/{date}")))
}

/// The date of a digest's IRI, the inverse of [`digest_iri`]; `None` for any other IRI.
///
/// ```
/// use paperkg_text::ns::{digest_date, digest_iri};
/// assert_eq!(digest_date(digest_iri("2025-05-10").unwrap().as_str()), Some("2025-05-10"));
/// assert_eq!(digest_date("https://w3id.org/paperkg/id/entities"), None);
/// ```
pub fn digest_date(iri: &str) -> Option<&str> {
    iri.strip_prefix(ID)?
        .strip_prefix("digest/")
        .filter(|d| is_date(d))
}

/// The prefix every digest graph's name starts with.
pub fn digest_prefix() -> String {
    format!("{ID}digest/")
}

/// The IRI of a paper, from its arXiv id (digits, a dot and an optional `vN`, checked by the reader).
pub fn paper_iri(arxiv_id: &str) -> NamedNode {
    node(format!("{ID}paper/{}", slug(arxiv_id)))
}

/// The arXiv id of a paper's IRI, the inverse of [`paper_iri`]; `None` for any other IRI.
///
/// ```
/// use paperkg_text::ns::{paper_arxiv_id, paper_iri};
/// assert_eq!(paper_arxiv_id(paper_iri("2505.03733").as_str()), Some("2505.03733"));
/// assert_eq!(paper_arxiv_id("https://w3id.org/paperkg/id/task/reasoning"), None);
/// ```
pub fn paper_arxiv_id(iri: &str) -> Option<&str> {
    iri.strip_prefix(ID)?.strip_prefix("paper/")
}

/// The IRI minted for a name the lexicon lacks: `{ID}{kind}/{slug}`, e.g. `…/dataset/webgenbench`.
pub fn minted(kind_path: &str, name: &str) -> NamedNode {
    node(format!("{ID}{kind_path}/{}", slug(name)))
}

/// The IRI of a limitation kind, from its English preferred label: `…/limitation-kind/{slug}`.
///
/// ```
/// let iri = paperkg_text::ns::limitation_kind_iri("compute cost");
/// assert_eq!(iri.as_str(), "https://w3id.org/paperkg/id/limitation-kind/computecost");
/// ```
pub fn limitation_kind_iri(label: &str) -> NamedNode {
    node(format!("{ID}limitation-kind/{}", slug(label)))
}

/// The IRI of the `n`-th result, limitation or future direction that the digest of `date` says of a
/// paper: `…/result/2025-05-13/2505.03733/2`. `date` is a digest's date as the reader checked it
/// (`YYYY-MM-DD`). The date keeps the summaries of a paper featured in two
/// digests apart, so that replacing one digest never changes what another says.
///
/// ```
/// let iri = paperkg_text::ns::item_iri("limitation", "2025-05-13", "2505.03733", 2);
/// assert_eq!(iri.as_str(), "https://w3id.org/paperkg/id/limitation/2025-05-13/2505.03733/2");
/// ```
pub fn item_iri(kind_path: &str, date: &str, arxiv_id: &str, n: usize) -> NamedNode {
    node(format!("{ID}{kind_path}/{date}/{}/{n}", slug(arxiv_id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_prefix_is_a_valid_namespace() {
        for (p, ns) in PREFIXES {
            NamedNode::new(ns).unwrap_or_else(|e| panic!("{p}: {e}"));
        }
    }

    #[test]
    fn dates_of_the_wrong_shape_have_no_graph() {
        for bad in [
            "",
            "2025-5-10",
            "2025/05/10",
            "２０２５-05-10",
            "2025-05-10 ",
            "<x>",
        ] {
            assert!(digest_iri(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn papers_keep_their_arxiv_id() {
        assert_eq!(
            paper_iri("2505.05315").as_str(),
            "https://w3id.org/paperkg/id/paper/2505.05315"
        );
    }
}
