//! The command line: one file per subcommand, all flags in clap-derive structs whose doc comments are
//! the `--help` text.

mod build;
mod export;
mod extract;
mod output;
mod push;
mod query;
mod report;
mod serve;
mod stats;
mod trends;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use paperkg::store::Store;

/// Everything went as asked.
pub const EXIT_OK: u8 = 0;
/// The work was done, but some inputs were skipped (or, with --strict, gave warnings).
pub const EXIT_PARTIAL: u8 = 1;
/// Nothing was done: bad arguments, no store, a query that does not parse.
pub const EXIT_FAILED: u8 = 2;

/// paperkg turns daily digests of ML papers (Hugging Face Daily Papers, summarised in Korean) into a
/// knowledge graph: it extracts tasks, datasets, baselines, results, limitations and future work, keeps
/// them in an Oxigraph store and answers SPARQL across all papers.
#[derive(Debug, Parser)]
#[command(name = "paperkg", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read digests and load them into the store, one named graph per digest.
    Build(build::Args),
    /// Run a SPARQL query over all digests in the store.
    Query(query::Args),
    /// Print what digests become, without a store.
    Extract(extract::Args),
    /// Export a graph view (DOT, SVG, PNG, CSV) or the comparison table (CSV).
    Export(export::Args),
    /// Count what the store holds, by class and by digest; with --central, the most central nodes of a view.
    Stats(stats::Args),
    /// Serve the store over the SPARQL 1.1 Protocol, with a web page to query it and see its views.
    Serve(serve::Args),
    /// Send every graph of the store to a SPARQL 1.1 Graph Store Protocol server (Fuseki, GraphDB, Oxigraph, Virtuoso …).
    Push(push::Args),
    /// Papers per ISO week for the top tasks, datasets, methods or limitation kinds, and which rose or fell most.
    ///
    /// Weeks are ISO 8601 weeks (Monday to Sunday; 2025-W19 is 2025-05-05 to 2025-05-11). A paper
    /// counts once in every week in whose digests it is listed. The window is the --weeks weeks ending
    /// with --until (default: the week of the newest digest), never starting before the week of the
    /// oldest digest. "Rising" and "falling" compare the last --recent weeks of the window (default:
    /// half of it, rounded down) with the weeks before them: an entity's change is its mean papers per
    /// week in the recent weeks minus that in the earlier weeks, each mean over the weeks that have
    /// digests. Exit code 1, with a message and no output, when no paper of the window has any of what
    /// --by counts (e.g. limitation kinds in a store built before kinds were read).
    Trends(trends::Args),
    /// The report of one ISO week (papers, datasets, baselines, limitation kinds, rising and falling tasks) as HTML or Markdown.
    ///
    /// The page lists the week's papers (each linked to its Hugging Face page) with their tasks, the
    /// datasets they introduce, the baselines they compare with most, the limitation kinds found in two
    /// or more of them, and the tasks that rose or fell most in that week against the mean of the weeks
    /// before it (`trends --by task --until WEEK --recent 1`). The HTML page is self-contained: inline
    /// style, inline SVG charts, no scripts, no outside resources. A week without digests is an error
    /// (exit 2) naming the dates the store holds.
    Report(report::Args),
}

/// Where the store lives; shared by every subcommand that uses one.
#[derive(Debug, clap::Args)]
struct StoreArg {
    /// The store directory (RocksDB).
    #[arg(long, default_value = "paperkg.db", value_name = "DIR")]
    store: PathBuf,
}

/// Runs the subcommand. Only `build` and `extract` read digests, so only they load the word lists.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let code = match cli.command {
        Command::Build(a) => build::run(a)?,
        Command::Query(a) => query::run(a)?,
        Command::Extract(a) => extract::run(a)?,
        Command::Export(a) => export::run(a)?,
        Command::Stats(a) => stats::run(a)?,
        Command::Serve(a) => serve::run(a)?,
        Command::Push(a) => push::run(a)?,
        Command::Trends(a) => trends::run(a)?,
        Command::Report(a) => report::run(a)?,
    };
    Ok(ExitCode::from(code))
}

/// The longest `--timeout` accepted: a day. A timeout is added to other durations (the server's
/// connection timeout, the grace of `query`), and a value near `Duration::MAX` would overflow them.
const MAX_SECONDS: f64 = 86_400.0;

/// Reads a `--timeout` value: a positive number of seconds, decimals allowed, at most a day. Used as
/// clap's value parser, so that a bad value is refused with the usage message before any work.
fn seconds(value: &str) -> Result<std::time::Duration, String> {
    let parsed = value.trim().parse::<f64>().ok();
    // `try_from_secs_f64` is the form of the conversion that cannot panic; a value so small that it
    // rounds to zero nanoseconds is as useless as zero itself.
    match parsed.map(|t| (t, std::time::Duration::try_from_secs_f64(t))) {
        Some((t, Ok(d))) if t <= MAX_SECONDS && !d.is_zero() => Ok(d),
        _ => Err(format!(
            "must be a positive number of seconds, at most {MAX_SECONDS} (a day), not {value:?}"
        )),
    }
}

/// A value that must say something: empty or blank text is refused with the usage message.
fn non_blank(value: &str) -> Result<String, String> {
    if value.trim().is_empty() {
        Err(format!("must not be empty or blank, not {value:?}"))
    } else {
        Ok(value.to_owned())
    }
}

/// Warns on standard error when the store's statistics graph is missing or of an older layout (a store
/// that an older paperkg built, or a build stopped after it changed a digest): `what` reads that graph,
/// so it answers nothing, or too little, until the next `build` brings the graph up to date.
fn warn_if_statistics_stale(store: &Store, path: &Path, what: &str) {
    if !store.statistics_up_to_date() {
        eprintln!(
            "paperkg: warning: the statistics of {} are missing or out of date (an older paperkg built \
             the store, or a build was stopped); {what} may answer nothing until `paperkg build` runs \
             on it",
            path.display()
        );
    }
}

/// A write to a closed pipe (`paperkg query … | head -1`) is not an error for the user.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn blank_values_are_refused() {
        assert_eq!(super::non_blank(" 추론 "), Ok(" 추론 ".to_owned()));
        for bad in ["", " ", "\t\n"] {
            assert!(super::non_blank(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn seconds_are_positive_and_finite() {
        assert_eq!(
            super::seconds("0.5"),
            Ok(std::time::Duration::from_millis(500))
        );
        assert_eq!(
            super::seconds("86400"),
            Ok(std::time::Duration::from_secs(86_400))
        );
        for bad in [
            "0", "-1", "inf", "NaN", "soon", "", " ", "1e300", "86401", "1e-300", "1,5",
        ] {
            assert!(super::seconds(bad).is_err(), "{bad}");
        }
    }
}
