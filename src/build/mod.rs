//! `paperkg build` as a library function: digests in, named graphs in the store, a [`Report`] out.
//!
//! The pipeline per batch of inputs: read each file and peek at its date and SHA-256 (a digest that the
//! store holds from the same file, read by the same [`extractor`], is not parsed again), parse and
//! extract the rest in parallel, keep what may be stored (unreadable inputs and, with `--strict`, inputs
//! with warnings are skipped; of two inputs with one date the later wins), then store the batch. The
//! digests new to the store appear together once the last batch is stored (see [`Store::load`]); then
//! entities that no digest links to any more leave the entities graph. What happens
//! along the way is told to the caller as [`Event`]s, so that the command prints it as it comes and the
//! library prints nothing.

pub mod inputs;

use std::collections::HashSet;

use rayon::prelude::*;

use crate::digest::Warning;
use crate::error::Error;
use crate::rdf::{DigestGraph, Stamp};
use crate::store::{Load, Outcome, Store};
use crate::vocab::Vocab;

pub use inputs::{Input, Inputs, collect};

/// A build that wrote at least one in this many of the store's digests compacts the store afterwards
/// (see [`Store::compact`]): at 100,000 papers a compaction costs 11 s, about what a fifth of the
/// store's digests take to load, and makes the scans of every query two to three times faster.
const COMPACT_SHARE: usize = 5;

/// Digests parsed in parallel per batch; bounds memory on large corpora. With extraction overlapping
/// the load, two batches are alive at once: at 100,000 papers, 32 gave the same build time as 64
/// (172.8 s against 171.6 s, same run, loaded machine) at 290 MB peak RSS instead of 478 MB.
const BATCH: usize = 32;

/// How a build treats its inputs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// A digest with a warning is skipped.
    pub strict: bool,
    /// Digests of the store that are not among the inputs are removed.
    pub prune: bool,
    /// Every input is read and written again, even one the store holds unchanged.
    pub force: bool,
}

/// What a digest's graph depends on besides its file: this crate's version, a hash of the code that
/// reads digests and writes their RDF (the text crate and `src/rdf`, taken by `build.rs`, so that an
/// upgrade that changed them reads every digest again even if no version number changed) and the text
/// crate's fingerprint (its version and a hash of each word list). Recorded in every digest graph as
/// `pk:extractor`.
///
/// ```
/// let vocab = paperkg::Vocab::embedded();
/// let e = paperkg::build::extractor(&vocab);
/// assert!(e.starts_with("paperkg ") && e.contains("lexicon.ttl"));
/// ```
pub fn extractor(vocab: &Vocab) -> String {
    format!(
        "paperkg {} (code {}); {}",
        env!("CARGO_PKG_VERSION"),
        env!("PAPERKG_EXTRACTOR_SOURCE"),
        vocab.fingerprint()
    )
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
    /// Digests of the store were read by another extractor (another paperkg or other word lists): those
    /// among the inputs are read again.
    ExtractorChanged { digests: usize },
    /// Digests of the store read by another extractor that are not among the inputs, so stay as they were.
    LeftStale { dates: &'a [String] },
    /// Every digest is read and the build goes on to one of its last steps, which count no digest: at
    /// 100,000 papers they take half a minute, most of it RocksDB merging the files just loaded.
    Stage(Stage),
}

/// The steps of a build after its digests are read, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The new digests are handed to the store, in one commit.
    Commit,
    /// The statistics graph is brought up to date and written to disk; after a large build, writing
    /// waits until RocksDB has merged enough of the files just loaded.
    Statistics,
    /// The store's files are compacted: only after a build that wrote a large part of the store.
    Compaction,
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
    /// Triples written into digest graphs.
    pub triples: usize,
    pub warnings: usize,
    /// Dates of the digests pruned.
    pub pruned: Vec<String>,
    /// Entities removed because no digest links to them any more.
    pub entities_removed: usize,
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
    let extractor = extractor(vocab);
    store.put_vocabulary(vocab)?;
    let mut report = Report::default();
    for e in &inputs.unreadable {
        on(Event::Skipped(e));
        report.skipped += 1;
    }
    let held = store.digest_stamps()?;
    if held.is_empty() {
        // Every digest this build writes is new, so the statistics are tallied from what it loads.
        store.tally_new_digests();
    }
    let stale = stale_digests(&inputs, store, &held, &extractor, options.force, on)?;
    let reader = Reader {
        stamps: &held,
        vocab,
        extractor: &extractor,
        force: options.force,
    };
    let mut dates = HashSet::new();
    let mut load = store.load();
    load_inputs(
        &inputs.found,
        &reader,
        &mut load,
        options,
        &mut report,
        &mut dates,
        on,
    )?;
    on(Event::Stage(Stage::Commit));
    load.commit()?;
    finish(store, options, stale, &dates, &mut report, on)?;
    Ok(report)
}

/// Reads the inputs batch by batch and hands each batch to `load`: the next batch is read and
/// extracted while the store loads this one, so that extraction hides behind the bulk loader. A
/// rendezvous channel: one batch is stored while the next is read, and no more, so that memory stays
/// bounded. `dates` collects the date of every digest kept, stored or unchanged.
fn load_inputs(
    found: &[Input],
    reader: &Reader,
    load: &mut Load,
    options: Options,
    report: &mut Report,
    dates: &mut HashSet<String>,
    on: &mut dyn FnMut(Event),
) -> Result<(), Error> {
    let mut stored = Stamps::new();
    std::thread::scope(|scope| -> Result<(), Error> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(&[Input], Vec<Read>)>(0);
        scope.spawn(move || {
            for batch in found.chunks(BATCH) {
                let read = batch.par_iter().map(|i| reader.read(i)).collect();
                // A closed channel means the store failed: reading on would be wasted.
                if tx.send((batch, read)).is_err() {
                    break;
                }
            }
        });
        for (batch, read) in rx {
            let read = reread_superseded(batch, read, reader, &stored);
            let graphs = accept(read, options.strict, report, dates, on);
            let outcomes = load.put_batch(&graphs, options.force)?;
            for (graph, outcome) in graphs.iter().zip(outcomes) {
                match outcome {
                    Outcome::Written => {
                        report.written += 1;
                        report.triples += graph.quads.len();
                    }
                    Outcome::Unchanged => report.unchanged += 1,
                }
                stored.insert(graph.date.clone(), graph.stamp());
            }
            on(Event::Progress(batch.len()));
        }
        Ok(())
    })
}

/// The build's last steps once its digests are committed: prunes (with `options.prune`), tells which
/// stale digests stay, brings the statistics up to date, removes unlinked entities, and compacts the
/// store after a build that wrote a large part of it.
fn finish(
    store: &Store,
    options: Options,
    stale: Vec<String>,
    dates: &HashSet<String>,
    report: &mut Report,
    on: &mut dyn FnMut(Event),
) -> Result<(), Error> {
    if options.prune {
        for date in store.prune(dates)? {
            on(Event::Pruned { date: &date });
            report.pruned.push(date);
        }
    }
    let left: Vec<String> = stale.into_iter().filter(|d| !dates.contains(d)).collect();
    if !left.is_empty() {
        on(Event::LeftStale { dates: &left });
    }
    on(Event::Stage(Stage::Statistics));
    store.update_statistics()?;
    report.entities_removed = store.collect_entities()?;
    store.flush()?;
    // A compaction rewrites the whole store whatever changed: worth it after a build that wrote a
    // large part of the store, not after a few digests.
    if report.written * COMPACT_SHARE >= store.digest_dates()?.len().max(1) {
        on(Event::Stage(Stage::Compaction));
        store.compact()?;
    }
    Ok(())
}

/// The digests of the store that this build must read again: those read by another extractor (all of
/// them with `force`). When that is every digest of the store and all are among the inputs, the
/// entities graph is emptied first, so that no label the old extractor gave survives; otherwise it is
/// kept for the digests that are not read again.
fn stale_digests(
    inputs: &Inputs,
    store: &Store,
    stamps: &Stamps,
    extractor: &str,
    force: bool,
    on: &mut dyn FnMut(Event),
) -> Result<Vec<String>, Error> {
    let held = store.digest_dates()?;
    let stale: Vec<String> = held
        .iter()
        .filter(|date| {
            let recorded = stamps.get(*date).and_then(|s| s.extractor.as_deref());
            force || recorded != Some(extractor)
        })
        .cloned()
        .collect();
    if stale.is_empty() {
        return Ok(stale);
    }
    if !force {
        on(Event::ExtractorChanged {
            digests: stale.len(),
        });
    }
    let input_dates: HashSet<String> = inputs
        .found
        .par_iter()
        .filter_map(|i| {
            i.head()
                .ok()
                .and_then(|h| crate::digest::date(&i.path(), &h).ok())
        })
        .collect();
    // Only when every digest of the store is read again: an unchanged digest would not write its
    // entities back.
    if stale.len() == held.len() && stale.iter().all(|d| input_dates.contains(d)) {
        store.clear_entities()?;
    }
    Ok(stale)
}

/// Inputs found unchanged against the store as it was when the build started are read after all if
/// this build has since stored another version of their date: of two inputs with one date, the later
/// wins, also when the earlier was stored in an earlier batch.
fn reread_superseded(
    batch: &[Input],
    read: Vec<Read>,
    reader: &Reader,
    stored: &Stamps,
) -> Vec<Read> {
    batch
        .iter()
        .zip(read)
        .map(|(input, r)| match r {
            Ok(Readout::Unchanged { date })
                if stored
                    .get(&date)
                    .is_some_and(|s| reader.stamps.get(&date) != Some(s)) =>
            {
                reader.read_again(input)
            }
            r => r,
        })
        .collect()
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

/// What the store recorded about each digest it held when the build started, by date.
type Stamps = std::collections::HashMap<String, Stamp>;

/// What reading an input needs: what the store holds (to skip it), the word lists and the extractor.
struct Reader<'a> {
    stamps: &'a Stamps,
    vocab: &'a Vocab,
    extractor: &'a str,
    force: bool,
}

impl Reader<'_> {
    fn read(&self, input: &Input) -> Read {
        self.read_with(input, self.force)
    }

    /// Reads the input even if the store held it unchanged when the build started.
    fn read_again(&self, input: &Input) -> Read {
        self.read_with(input, true)
    }

    fn read_with(&self, input: &Input, force: bool) -> Read {
        let path = input.path();
        let bytes = input.read()?;
        let peek = crate::digest::peek(&path, &bytes)?;
        let stamp = Stamp {
            hash: peek.hash,
            extractor: Some(self.extractor.to_owned()),
        };
        if !force && self.stamps.get(&peek.date) == Some(&stamp) {
            return Ok(Readout::Unchanged { date: peek.date });
        }
        let digest = crate::digest::parse(&path, &bytes, self.vocab)?;
        let facts = crate::extract::digest(&digest, self.vocab);
        let graph = crate::rdf::quads(&digest, &facts, self.extractor);
        Ok(Readout::Graph {
            graph,
            warnings: digest.warnings,
            papers: facts.len(),
        })
    }
}

/// The graphs of a batch that may be stored: unreadable inputs and (with --strict) inputs with warnings
/// are reported and skipped; of two inputs with the same date, the later one wins.
fn accept(
    batch: Vec<Read>,
    strict: bool,
    report: &mut Report,
    dates: &mut HashSet<String>,
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
                dates.insert(date);
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
        if !dates.insert(graph.date.clone()) {
            on(Event::SameDate { date: &graph.date });
            report.warnings += 1;
            graphs.retain(|g| g.date != graph.date);
        }
        report.papers += papers;
        graphs.push(graph);
    }
    graphs
}

#[cfg(test)]
mod tests;
