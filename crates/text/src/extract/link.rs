//! Entity linking: every task, dataset, method and metric that extraction finds gets its node here, once,
//! and so does a name whose kind extraction could not tell ([`Kind::Entity`]).
//!
//! A name the lexicon knows (by its [`name_key`](crate::shared::name_key), so "MATH-500" finds
//! "MATH500") takes the concept's IRI and display label; any other name gets an IRI minted from its slug
//! under the kind's path, and keeps its own words as label. The RDF writer downstream only serializes
//! what is decided here.

use oxrdf::NamedNode;
use serde::Serialize;

use crate::ns;
use crate::vocab::{Concept, Scheme, Vocab};

/// What kind of thing a name is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Task,
    Dataset,
    Method,
    Metric,
    /// A name the digest gives whose kind (dataset, method or metric) the extractor cannot tell: a
    /// generic `pk:Entity` rather than a guessed class.
    Entity,
}

impl Kind {
    /// The lexicon scheme whose concepts name things of this kind (none for [`Kind::Entity`]: a name
    /// the lexicon knows has a kind).
    pub fn scheme(self) -> Option<Scheme> {
        match self {
            Kind::Task => Some(Scheme::Tasks),
            Kind::Dataset => Some(Scheme::Datasets),
            Kind::Method => Some(Scheme::Methods),
            Kind::Metric => Some(Scheme::Metrics),
            Kind::Entity => None,
        }
    }

    /// The ontology class (`pk:Dataset` …) of things of this kind.
    pub fn class(self) -> &'static str {
        match self {
            Kind::Task => "Task",
            Kind::Dataset => "Dataset",
            Kind::Method => "Method",
            Kind::Metric => "Metric",
            Kind::Entity => "Entity",
        }
    }

    /// The path segment of minted IRIs (`…/id/dataset/{slug}`).
    pub fn path(self) -> &'static str {
        match self {
            Kind::Task => "task",
            Kind::Dataset => "dataset",
            Kind::Method => "method",
            Kind::Metric => "metric",
            Kind::Entity => "entity",
        }
    }
}

/// A linked thing: the node it is and how it is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    #[serde(serialize_with = "iri_string")]
    pub iri: NamedNode,
    /// The display label: the concept's preferred label, or the name as written.
    pub label: String,
    pub kind: Kind,
}

/// The node of a name of that kind: the lexicon's concept, else a minted IRI.
///
/// ```
/// use paperkg_text::extract::{Kind, link};
/// let vocab = paperkg_text::Vocab::embedded();
/// let a = link("MATH-500", Kind::Dataset, &vocab);
/// assert_eq!(a, link("MATH500", Kind::Dataset, &vocab));
/// let b = link("WebGenBench", Kind::Dataset, &vocab);
/// assert_eq!(b.iri.as_str(), "https://w3id.org/paperkg/id/dataset/webgenbench");
/// assert_eq!(b.label, "WebGenBench");
/// ```
pub fn link(name: &str, kind: Kind, vocab: &Vocab) -> Link {
    match kind.scheme().and_then(|s| vocab.lexicon.lookup(s, name)) {
        Some(c) => concept(c, kind),
        None => Link {
            iri: ns::minted(kind.path(), name),
            label: name.to_owned(),
            kind,
        },
    }
}

/// The link of a lexicon concept found in running text.
pub fn concept(c: &Concept, kind: Kind) -> Link {
    Link {
        // A lexicon IRI was parsed from Turtle by oxttl, which checks IRIs, so it is valid.
        iri: NamedNode::new_unchecked(c.iri.clone()),
        label: c.display().to_owned(),
        kind,
    }
}

/// Serializes an IRI as its string in JSON output.
pub(crate) fn iri_string<S: serde::Serializer>(iri: &NamedNode, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(iri.as_str())
}

#[cfg(test)]
mod tests {
    use super::{Kind, link};
    use crate::vocab::Vocab;

    static VOCAB: std::sync::LazyLock<Vocab> = std::sync::LazyLock::new(Vocab::embedded);

    #[test]
    fn a_known_name_takes_the_concepts_iri_and_label() {
        let a = link("gsm8k", Kind::Dataset, &VOCAB);
        let b = link("GSM-8K", Kind::Dataset, &VOCAB);
        assert_eq!(a.iri, b.iri);
        assert_eq!(a.label, "GSM8K");
        assert_eq!(b.label, "GSM8K");
    }

    #[test]
    fn an_unknown_name_is_minted_under_its_kind() {
        let m = link("Zeta-Net 2.0", Kind::Method, &VOCAB);
        assert_eq!(
            m.iri.as_str(),
            "https://w3id.org/paperkg/id/method/zetanet2.0"
        );
        assert_eq!(m.label, "Zeta-Net 2.0");
        assert_eq!(m.kind, Kind::Method);
    }

    #[test]
    fn every_lexicon_concept_has_the_iri_its_name_would_be_minted_with() {
        // One slug rule for the lexicon and for minted names: a name minted before the lexicon listed it
        // keeps its IRI once it is listed (under its English preferred label).
        let kinds = [Kind::Task, Kind::Dataset, Kind::Method, Kind::Metric];
        for c in &VOCAB.lexicon.concepts {
            let kind = kinds
                .into_iter()
                .find(|k| k.scheme() == Some(c.scheme))
                .unwrap();
            let minted = crate::ns::minted(kind.path(), c.display());
            assert_eq!(c.iri, minted.as_str(), "{}", c.display());
        }
        assert!(VOCAB.lexicon.concepts.len() > 1000);
    }

    #[test]
    fn a_name_of_no_kind_is_minted_as_an_entity_even_when_the_lexicon_knows_it() {
        let e = link("Omega-Thing 3", Kind::Entity, &VOCAB);
        assert_eq!(
            e.iri.as_str(),
            "https://w3id.org/paperkg/id/entity/omegathing3"
        );
        assert_eq!(e.label, "Omega-Thing 3");
        // No scheme is looked up for an entity: its IRI is always under entity/.
        let g = link("GSM8K", Kind::Entity, &VOCAB);
        assert_eq!(g.iri.as_str(), "https://w3id.org/paperkg/id/entity/gsm8k");
    }

    #[test]
    fn a_name_without_letters_still_gets_a_valid_iri() {
        let m = link("🚀", Kind::Dataset, &VOCAB);
        oxrdf::NamedNode::new(m.iri.as_str()).unwrap();
    }
}
