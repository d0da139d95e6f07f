//! `paperkg build`: read digests and load each into its own named graph ([`paperkg::build::run`]),
//! printing what happens as it happens and a summary at the end.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use super::{EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, StoreArg};
use paperkg::Vocab;
use paperkg::build::{self, Event, Options, Report, Stage};
use paperkg::store::Store;

/// How often the progress bar redraws itself during the build's last steps.
const STAGE_TICK: Duration = Duration::from_millis(500);

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
    /// Read and write every input again, even a digest the store holds from the same file and the same
    /// extractor (paperkg version and word lists), which is otherwise skipped.
    #[arg(long)]
    force: bool,
    /// Digest files or folders of them (`*.md`). Default: `data/`, else the samples built into paperkg.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let started = Instant::now();
    let store = if args.memory {
        Store::memory()?
    } else {
        Store::open(&args.store.store).context("cannot open the store")?
    };
    let vocab = Vocab::embedded();
    let inputs = build::collect(&args.paths);
    let bar = progress(inputs.found.len());
    let options = Options {
        strict: args.strict,
        prune: args.prune,
        force: args.force,
    };
    let report = build::run(inputs, &store, &vocab, options, &mut |event| {
        bar.suspend(|| tell(&event));
        match event {
            Event::Progress(n) => bar.inc(n as u64),
            // No digest moves the bar any more: the clock ticks on its own, so that a long last
            // step does not look like a build that hangs.
            Event::Stage(stage) => {
                bar.set_message(stage_message(stage));
                bar.enable_steady_tick(STAGE_TICK);
            }
            _ => {}
        }
    })
    .context("cannot store the digests")?;
    bar.finish_and_clear();
    eprintln!(
        "paperkg: {} digests ({} written, {} unchanged, {} skipped), {} papers read, {} triples written, {} warnings, {:.2} s",
        report.written + report.unchanged,
        report.written,
        report.unchanged,
        report.skipped,
        report.papers,
        report.triples,
        report.warnings,
        started.elapsed().as_secs_f64()
    );
    if report.entities_removed > 0 {
        eprintln!(
            "paperkg: removed {} entities that no digest names any more",
            report.entities_removed
        );
    }
    Ok(exit_code(&report))
}

/// Prints one event of the build on standard error.
fn tell(event: &Event) {
    match event {
        Event::Skipped(e) => eprintln!("paperkg: skipped {e}"),
        Event::Warning(w) => eprintln!("paperkg: warning: {w}"),
        Event::StrictSkip { date, warnings } => {
            eprintln!("paperkg: skipped digest {date} (--strict and {warnings} warnings)")
        }
        Event::SameDate { date } => eprintln!(
            "paperkg: warning: two inputs have the date {date}; the later one replaces the earlier"
        ),
        Event::Pruned { date } => eprintln!("paperkg: pruned digest {date}"),
        Event::ExtractorChanged { digests } => eprintln!(
            "paperkg: extractor changed (paperkg code, version or word lists): re-reading {digests} digests"
        ),
        Event::LeftStale { dates } => eprintln!(
            "paperkg: warning: {} digests of the store were read by another extractor and are not among the inputs, so they stay as they were: {}",
            dates.len(),
            dates.join(", ")
        ),
        Event::Progress(_) | Event::Stage(_) => {}
    }
}

/// What the progress bar says during one of the build's last steps; short, so that the line fits in 80
/// columns with the bar.
fn stage_message(stage: Stage) -> &'static str {
    match stage {
        Stage::Commit => "committing",
        Stage::Statistics => "writing statistics",
        Stage::Compaction => "compacting the store",
    }
}

/// 0 when every input was stored, 2 when none was and some were skipped, 1 otherwise.
fn exit_code(r: &Report) -> u8 {
    match (r.written + r.unchanged, r.skipped) {
        (0, s) if s > 0 => EXIT_FAILED,
        (_, 0) => EXIT_OK,
        _ => EXIT_PARTIAL,
    }
}

fn progress(n: usize) -> ProgressBar {
    let bar = ProgressBar::new(n as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} digests {elapsed} {msg}")
            .expect("valid template"),
    );
    bar
}
