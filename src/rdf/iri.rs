//! IRIs: the namespaces of the vocabulary and the slugs of names.

use oxigraph::model::NamedNode;
use unicode_normalization::UnicodeNormalization;

/// The ontology namespace.
pub const PK: &str = "https://w3id.org/paperkg/ontology#";
/// Where paperkg's resources live.
pub const ID: &str = "https://w3id.org/paperkg/id/";

/// A named node from a string built by this module; every IRI it builds is valid by construction.
pub(super) fn node(iri: String) -> NamedNode {
    NamedNode::new(iri).expect("paperkg builds valid IRIs")
}

pub(super) fn pk(local: &str) -> NamedNode {
    node(format!("{PK}{local}"))
}
pub(super) fn fabio(local: &str) -> NamedNode {
    node(format!("http://purl.org/spar/fabio/{local}"))
}
pub(super) fn dcterms(local: &str) -> NamedNode {
    node(format!("http://purl.org/dc/terms/{local}"))
}
pub(super) fn skos(local: &str) -> NamedNode {
    node(format!("http://www.w3.org/2004/02/skos/core#{local}"))
}
pub(super) fn prov(local: &str) -> NamedNode {
    node(format!("http://www.w3.org/ns/prov#{local}"))
}

/// The identity of a name: NFKC, lower case, letters and digits only. "MATH-500", "MATH500" and
/// "math 500" share a key; so do "Alpaca Eval 2.0" and "AlpacaEval 2.0".
///
/// ```
/// use paperkg::rdf::name_key;
/// assert_eq!(name_key("MATH-500"), name_key("MATH500"));
/// assert_eq!(name_key("Alpaca Eval 2.0"), name_key("AlpacaEval 2.0"));
/// assert_eq!(name_key("SmolLM 코퍼스"), "smollm코퍼스");
/// ```
pub fn name_key(name: &str) -> String {
    name.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The last segment of an entity IRI: the name key, or a hash of the name when it has no letter or digit.
///
/// ```
/// assert_eq!(paperkg::rdf::slug("GPT-4o"), "gpt4o");
/// assert!(paperkg::rdf::slug("<>\"").starts_with('x'));
/// ```
pub fn slug(name: &str) -> String {
    let key = name_key(name);
    if !key.is_empty() {
        return key;
    }
    // A name of only punctuation or emoji still needs a stable IRI segment.
    let h = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("x{h:016x}")
}
