//! paperkg turns daily digests of machine-learning papers into a knowledge graph.
//!
//! The pipeline runs one way, one module per stage: [`digest::parse`] reads a Markdown digest,
//! [`extract::paper`] reads the facts of each entry, [`rdf::quads`] writes them in the vocabulary of
//! `ontology/paperkg.ttl`, and [`store::Store`] keeps one named graph per digest in Oxigraph and answers
//! SPARQL; [`views::build`] turns a SPARQL view of the store into a `petgraph` graph and [`export`]
//! writes it as DOT, SVG, PNG or CSV. Word lists live in `ontology/` and are loaded once into a [`Vocab`].

pub mod digest;
pub mod endpoint;
pub mod error;
pub mod export;
pub mod extract;
pub mod push;
pub mod rdf;
pub mod ready;
pub mod store;
pub mod views;
pub mod vocab;

pub use error::Error;
pub use vocab::Vocab;
