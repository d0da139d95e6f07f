//! paperkg turns daily digests of machine-learning papers into a knowledge graph.
//!
//! The pipeline runs one way, one module per stage. The text side lives in the `paperkg-text` crate
//! (crates/text, no RocksDB) and is re-exported here: [`digest::parse`] reads a Markdown digest and
//! [`extract::digest`] reads each entry's facts and links every name to its IRI, with the word lists of
//! `ontology/` loaded once into a [`Vocab`]. This crate holds the store side: [`rdf::quads`] serializes
//! the linked facts in the vocabulary of `ontology/paperkg.ttl`, [`store::Store`] keeps one named graph
//! per digest in Oxigraph and answers SPARQL, [`build::run`] drives the whole of `paperkg build`,
//! [`views::build`] turns a SPARQL view of the store into a `petgraph` graph and [`export`] writes it as
//! DOT, SVG, PNG or CSV; [`endpoint`] serves the store over HTTP and [`push`] sends it to other servers.

#![forbid(unsafe_code)]

pub mod build;
pub mod endpoint;
pub mod error;
pub mod export;
pub mod push;
pub mod rdf;
pub mod ready;
pub mod report;
pub mod store;
pub mod trends;
pub mod views;
pub mod week;

pub use error::Error;
pub use paperkg_text::{Vocab, digest, extract, ns, shared, vocab};
