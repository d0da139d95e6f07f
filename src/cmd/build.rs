//! `paperkg build`: read digests in parallel, load each into its own named graph.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::inputs::{self, Input};
use super::{EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, StoreArg};
use paperkg::rdf::DigestGraph;
use paperkg::store::{Outcome, Store};
use paperkg::{Error, Vocab};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
    /// Build in memory and write nothing to disk: checks that the digests load and prints the counts.
    #[arg(long, conflicts_with = "store")]
    memory: bool,
    /// Treat warnings as failures: a digest with a warning is skipped and the exit code is 1.
    #[arg(long)]
    strict: bool,
    /// Remove from the store the digests that are not among the inputs.
    #[arg(long)]
    prune: bool,
    /// Digest files or folders of them (`*.md`). Default: `data/`, else the samples built into paperkg.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

/// Digests parsed in parallel per batch; bounds memory on large corpora.
const BATCH: usize = 64;

#[derive(Default)]
struct Tally {
    written: usize,
    unchanged: usize,
    skipped: usize,
    papers: usize,
    warnings: usize,
    dates: Vec<String>,
}

pub fn run(args: Args, vocab: &Vocab) -> anyhow::Result<u8> {
    let started = Instant::now();
    let store = if args.memory {
        Store::memory()?
    } else {
        Store::open(&args.store.store).context("cannot open the store")?
    };
    store.put_vocabulary()?;
    let (inputs, errors) = inputs::collect(&args.paths);
    let mut t = Tally::default();
    for e in errors {
        eprintln!("paperkg: skipped {e}");
        t.skipped += 1;
    }
    let bar = progress(inputs.len());
    for batch in inputs.chunks(BATCH) {
        let read: Vec<Read> = batch.par_iter().map(|i| read(i, &store, vocab)).collect();
        let graphs = bar.suspend(|| accept(read, args.strict, &mut t));
        let outcomes = store
            .put_batch(&graphs)
            .context("cannot store the digests")?;
        for o in outcomes {
            match o {
                Outcome::Written => t.written += 1,
                Outcome::Unchanged => t.unchanged += 1,
            }
        }
        bar.inc(batch.len() as u64);
    }
    bar.finish_and_clear();
    if args.prune {
        for date in store.prune(&t.dates)? {
            eprintln!("paperkg: pruned digest {date}");
        }
    }
    store.flush()?;
    eprintln!(
        "paperkg: {} digests ({} written, {} unchanged, {} skipped), {} papers read, {} triples in store, {} warnings, {:.2} s",
        t.written + t.unchanged,
        t.written,
        t.unchanged,
        t.skipped,
        t.papers,
        store.len()?,
        t.warnings,
        started.elapsed().as_secs_f64()
    );
    Ok(match (t.written + t.unchanged, t.skipped) {
        (0, s) if s > 0 => EXIT_FAILED,
        (_, 0) => EXIT_OK,
        _ => EXIT_PARTIAL,
    })
}

/// What one input became, or why it could not be read.
type Read = Result<Readout, Error>;

enum Readout {
    /// Its graph, its warnings and its number of papers.
    Graph(DigestGraph, Vec<paperkg::digest::Warning>, usize),
    /// The store already holds this very file (same date, same SHA-256): it was not parsed.
    Unchanged(String),
}

fn read(input: &Input, store: &Store, vocab: &Vocab) -> Read {
    let path = input.path();
    let bytes = input.read()?;
    let (date, hash) = paperkg::digest::peek(&path, &bytes)?;
    if store.digest_hash(&date)?.as_deref() == Some(hash.as_str()) {
        return Ok(Readout::Unchanged(date));
    }
    let digest = paperkg::digest::parse(&path, &bytes, vocab)?;
    let facts = paperkg::extract::digest(&digest, vocab);
    let graph = paperkg::rdf::quads(&digest, &facts, vocab);
    Ok(Readout::Graph(graph, digest.warnings, facts.len()))
}

/// The graphs of a batch that may be stored: unreadable inputs and (with --strict) inputs with warnings
/// are reported and skipped; of two inputs with the same date, the later one wins.
fn accept(batch: Vec<Read>, strict: bool, t: &mut Tally) -> Vec<DigestGraph> {
    let mut graphs: Vec<DigestGraph> = Vec::new();
    for r in batch {
        let (graph, warnings, papers) = match r {
            Ok(Readout::Graph(g, w, p)) => (g, w, p),
            Ok(Readout::Unchanged(date)) => {
                t.unchanged += 1;
                t.dates.push(date);
                continue;
            }
            Err(e) => {
                eprintln!("paperkg: skipped {e}");
                t.skipped += 1;
                continue;
            }
        };
        for w in &warnings {
            eprintln!("paperkg: warning: {w}");
        }
        t.warnings += warnings.len();
        if strict && !warnings.is_empty() {
            eprintln!(
                "paperkg: skipped digest {} (--strict and {} warnings)",
                graph.date,
                warnings.len()
            );
            t.skipped += 1;
            continue;
        }
        if t.dates.contains(&graph.date) {
            eprintln!(
                "paperkg: warning: two inputs have the date {}; the later one replaces the earlier",
                graph.date
            );
            t.warnings += 1;
            graphs.retain(|g| g.date != graph.date);
        } else {
            t.dates.push(graph.date.clone());
        }
        t.papers += papers;
        graphs.push(graph);
    }
    graphs
}

fn progress(n: usize) -> ProgressBar {
    let bar = ProgressBar::new(n as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} digests {elapsed}")
            .expect("valid template"),
    );
    bar
}
