//! The text side of paperkg: from the bytes of a Korean digest of ML papers to linked facts.
//!
//! The stages run one way: [`digest::parse`] reads a Markdown digest into entries and sections, and
//! [`extract::digest`] reads each entry's facts (tasks, datasets, baselines, results, limitations, future
//! work) and links every name to its IRI: a lexicon concept where the word lists know it, else an IRI
//! minted from the name. Both borrow the word lists of `ontology/`, parsed once into a [`Vocab`].
//! [`shared`] (section kinds, name keys, hashes) and [`ns`] (namespaces and graph names) are leaves
//! that any stage may use. Nothing here touches a store: this crate builds without RocksDB.

#![forbid(unsafe_code)]

pub mod digest;
pub mod error;
pub mod extract;
pub mod ns;
pub mod shared;
pub mod vocab;

pub use error::Error;
pub use vocab::Vocab;
