//! `paperkg query`: SPARQL over the union of all digest graphs, printed as a table, CSV, TSV or JSON.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{PreparedSparqlQuery, QueryResults};

use super::output;
use super::{EXIT_OK, StoreArg};
use paperkg::shared::clip;
use paperkg::store::Store;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
    /// Output format: an aligned table, or the W3C SPARQL results formats.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Stop the query after this many seconds (decimals allowed).
    #[arg(long, value_name = "SECONDS", value_parser = super::seconds, allow_negative_numbers = true)]
    timeout: Option<Duration>,
    /// Run a SPARQL UPDATE (INSERT, DELETE …) against the store; without it, updates are refused.
    #[arg(long)]
    allow_update: bool,
    /// A SPARQL query, a file holding one (`queries/datasets-by-papers.rq`), the name of a ready query
    /// (`datasets-by-papers`, built into the binary), or `-` for standard input.
    #[arg(value_name = "QUERY | FILE.rq | NAME")]
    query: String,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Tsv,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let (origin, text) = query_text(&args.query)?;
    // An empty text is a valid (empty) SPARQL update, so the parser would call it an update.
    if text.trim().is_empty() {
        anyhow::bail!(
            "{origin}: the query is empty; give a SPARQL query, a .rq file or - for standard input"
        );
    }
    let timeout = args.timeout;
    let query = match Store::parse_query_with(&origin, &text, timeout) {
        Err(e @ paperkg::Error::QuerySyntax { .. }) if is_word(&args.query) => {
            return Err(anyhow::Error::new(e).context(format!(
                "`{}` is no file and no ready query ({}), and not SPARQL either",
                clip(&args.query, WORD_SHOWN),
                paperkg::ready::ALL
                    .iter()
                    .map(|q| q.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        Err(paperkg::Error::UpdateRefused { .. }) if args.allow_update => {
            let store = Store::open(&args.store.store)?;
            store.update(&origin, &text)?;
            eprintln!("paperkg: update applied to {}", args.store.store.display());
            return Ok(EXIT_OK);
        }
        q => q?,
    };
    let store = Store::open_read_only(&args.store.store)?;
    if text.contains(paperkg::ns::STATISTICS_GRAPH) {
        super::warn_if_statistics_stale(&store, &args.store.store, "this query");
    }
    let format = args.format;
    match timeout {
        None => print(&store, query, format)?,
        Some(t) => {
            // Oxigraph checks the cancellation flag between solutions, not inside an aggregate over a
            // huge join, so a query may outlive its timeout: it runs on a thread of its own, and a second
            // after the timeout the command gives up on it and ends with the timeout's error (exit 2).
            // The store is open read-only, so nothing is lost.
            let (done, wait) = std::sync::mpsc::channel();
            std::thread::spawn(move || done.send(print(&store, query, format)));
            match wait.recv_timeout(t + TIMEOUT_GRACE) {
                Ok(printed) => printed?,
                Err(_) => return Err(paperkg::Error::Timeout.into()),
            }
        }
    }
    Ok(EXIT_OK)
}

/// How long past `--timeout` a query that ignores its cancellation may run before the command ends.
const TIMEOUT_GRACE: Duration = Duration::from_secs(1);

/// Runs the query and prints its results in the format asked for.
fn print(store: &Store, query: PreparedSparqlQuery, format: Format) -> anyhow::Result<()> {
    let results = store.query(query)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match results {
        QueryResults::Graph(triples) => {
            let format = if format == Format::Table {
                RdfFormat::Turtle
            } else {
                RdfFormat::NTriples
            };
            let mut w = RdfSerializer::from_format(format).for_writer(&mut out);
            for t in triples {
                w.serialize_triple(&t.map_err(paperkg::store::query_error)?)?;
            }
            w.finish()?;
        }
        results if format == Format::Table => output::table(results, &mut out)?,
        QueryResults::Boolean(b) => {
            serializer(format).serialize_boolean_to_writer(&mut out, b)?;
        }
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            let mut w = serializer(format).serialize_solutions_to_writer(&mut out, vars)?;
            for s in solutions {
                w.serialize(&s.map_err(paperkg::store::query_error)?)?;
            }
            w.finish()?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The W3C results format of a `--format` other than `table`.
fn serializer(format: Format) -> QueryResultsSerializer {
    QueryResultsSerializer::from_format(match format {
        Format::Csv => QueryResultsFormat::Csv,
        Format::Tsv => QueryResultsFormat::Tsv,
        Format::Json | Format::Table => QueryResultsFormat::Json,
    })
}

/// The query text and where it came from: a file, standard input, or the argument itself.
fn query_text(arg: &str) -> anyhow::Result<(String, String)> {
    if arg == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
        return Ok(("<stdin>".into(), s));
    }
    let path = Path::new(arg);
    if !arg.contains('{') && path.is_file() {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {arg}"))?;
        return Ok((arg.to_owned(), text));
    }
    // A file of that name wins, so that a query saved as `introduced` in the working folder is read.
    if let Some(q) = paperkg::ready::find(arg) {
        return Ok((format!("ready query {}", q.name), q.text.to_owned()));
    }
    Ok(("<query>".into(), arg.to_owned()))
}

/// How much of a mistyped query name an error shows.
const WORD_SHOWN: usize = 40;

/// One word, no braces: meant as a file or a ready query's name rather than as SPARQL.
fn is_word(arg: &str) -> bool {
    !arg.contains(char::is_whitespace) && !arg.contains('{')
}
