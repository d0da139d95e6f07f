//! `paperkg build` as a library function: digests in, named graphs in the store, a [`Report`] out.
//!
//! The pipeline per batch of inputs: read each file and peek at its date and SHA-256 (a digest the store
//! already holds unchanged is not parsed), parse and extract the rest in parallel, keep what may be stored
//! (unreadable inputs and, with `--strict`, inputs with warnings are skipped; of two inputs with one date
//! the later wins), then store the batch. What happens along the way is told to the caller as [`Event`]s,
//! so that the command prints it as it comes and the library prints nothing.

pub mod inputs;

use rayon::prelude::*;

use crate::digest::Warning;
use crate::error::Error;
use crate::rdf::DigestGraph;
use crate::store::{Outcome, Store};
use crate::vocab::Vocab;

pub use inputs::{Input, Inputs, collect};

/// Digests parsed in parallel per batch; bounds memory on large corpora.
const BATCH: usize = 64;

/// How a build treats its inputs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// A digest with a warning is skipped.
    pub strict: bool,
    /// Digests of the store that are not among the inputs are removed.
    pub prune: bool,
}

/// Something a build tells as it goes.
#[derive(Debug)]
pub enum Event<'a> {
    /// An input could not be read as a digest; it was skipped.
    Skipped(&'a Error),
    /// A digest was read with a warning.
    Warning(&'a Warning),
    /// With `--strict`, a digest with warnings was skipped.
    StrictSkip { date: &'a str, warnings: usize },
    /// Two inputs have one date: the later one replaces the earlier.
    SameDate { date: &'a str },
    /// A batch of this many inputs is done.
    Progress(usize),
    /// A digest of the store that is not among the inputs was removed (`--prune`).
    Pruned { date: &'a str },
}

/// What a build did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    /// Digests written (new or changed).
    pub written: usize,
    /// Digests the store already held with the same content.
    pub unchanged: usize,
    /// Inputs skipped: unreadable, not a digest, or (with `--strict`) with warnings.
    pub skipped: usize,
    /// Papers read from the digests written.
    pub papers: usize,
    pub warnings: usize,
    /// Dates of the digests pruned.
    pub pruned: Vec<String>,
}

/// Reads the inputs into the store: the vocabulary graphs first, then every digest, then (with
/// `options.prune`) removes the digests that are not among the inputs. An input that cannot be read is
/// reported and skipped; only a failing store stops the build, and what was stored before stays stored.
pub fn run(
    inputs: Inputs,
    store: &Store,
    vocab: &Vocab,
    options: Options,
    on: &mut dyn FnMut(Event),
) -> Result<Report, Error> {
    store.put_vocabulary()?;
    let mut report = Report::default();
    for e in &inputs.unreadable {
        on(Event::Skipped(e));
        report.skipped += 1;
    }
    let mut dates: Vec<String> = Vec::new();
    for batch in inputs.found.chunks(BATCH) {
        let read: Vec<Read> = batch.par_iter().map(|i| read(i, store, vocab)).collect();
        let graphs = accept(read, options.strict, &mut report, &mut dates, on);
        for outcome in store.put_batch(&graphs)? {
            match outcome {
                Outcome::Written => report.written += 1,
                Outcome::Unchanged => report.unchanged += 1,
            }
        }
        on(Event::Progress(batch.len()));
    }
    if options.prune {
        for date in store.prune(&dates)? {
            on(Event::Pruned { date: &date });
            report.pruned.push(date);
        }
    }
    store.flush()?;
    Ok(report)
}

/// What one input became, or why it could not be read.
type Read = Result<Readout, Error>;

enum Readout {
    /// Its graph, its warnings and its number of papers.
    Graph {
        graph: DigestGraph,
        warnings: Vec<Warning>,
        papers: usize,
    },
    /// The store already holds this very file (same date, same SHA-256): it was not parsed.
    Unchanged { date: String },
}

fn read(input: &Input, store: &Store, vocab: &Vocab) -> Read {
    let path = input.path();
    let bytes = input.read()?;
    let (date, hash) = crate::digest::peek(&path, &bytes)?;
    if store.digest_hash(&date)?.as_deref() == Some(hash.as_str()) {
        return Ok(Readout::Unchanged { date });
    }
    let digest = crate::digest::parse(&path, &bytes, vocab)?;
    let facts = crate::extract::digest(&digest, vocab);
    let graph = crate::rdf::quads(&digest, &facts);
    Ok(Readout::Graph {
        graph,
        warnings: digest.warnings,
        papers: facts.len(),
    })
}

/// The graphs of a batch that may be stored: unreadable inputs and (with --strict) inputs with warnings
/// are reported and skipped; of two inputs with the same date, the later one wins.
fn accept(
    batch: Vec<Read>,
    strict: bool,
    report: &mut Report,
    dates: &mut Vec<String>,
    on: &mut dyn FnMut(Event),
) -> Vec<DigestGraph> {
    let mut graphs: Vec<DigestGraph> = Vec::new();
    for r in batch {
        let (graph, warnings, papers) = match r {
            Ok(Readout::Graph {
                graph,
                warnings,
                papers,
            }) => (graph, warnings, papers),
            Ok(Readout::Unchanged { date }) => {
                report.unchanged += 1;
                dates.push(date);
                continue;
            }
            Err(e) => {
                on(Event::Skipped(&e));
                report.skipped += 1;
                continue;
            }
        };
        for w in &warnings {
            on(Event::Warning(w));
        }
        report.warnings += warnings.len();
        if strict && !warnings.is_empty() {
            on(Event::StrictSkip {
                date: &graph.date,
                warnings: warnings.len(),
            });
            report.skipped += 1;
            continue;
        }
        if dates.contains(&graph.date) {
            on(Event::SameDate { date: &graph.date });
            report.warnings += 1;
            graphs.retain(|g| g.date != graph.date);
        } else {
            dates.push(graph.date.clone());
        }
        report.papers += papers;
        graphs.push(graph);
    }
    graphs
}
