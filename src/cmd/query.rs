//! `paperkg query`: SPARQL over the union of all digest graphs, printed as a table, CSV, TSV or JSON.

use std::io::Write;
use std::path::Path;

use anyhow::Context;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::sparql::QueryResults;
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};

use super::output;
use super::{EXIT_OK, StoreArg};
use paperkg::store::Store;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
    /// Output format: an aligned table, or the W3C SPARQL results formats.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// A SPARQL query, or a file holding one (`queries/datasets-by-papers.rq`), or `-` for standard input.
    #[arg(value_name = "QUERY | FILE.rq")]
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
    let query = Store::parse_query(&origin, &text)?;
    let store = Store::open_read_only(&args.store.store)?;
    let results = store.query(query)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match results {
        QueryResults::Graph(triples) => {
            let format = if args.format == Format::Table {
                RdfFormat::Turtle
            } else {
                RdfFormat::NTriples
            };
            let mut w = RdfSerializer::from_format(format).for_writer(&mut out);
            for t in triples {
                w.serialize_triple(&t.context("query failed")?)?;
            }
            w.finish()?;
        }
        results if args.format == Format::Table => output::table(results, &mut out)?,
        results => {
            let format = match args.format {
                Format::Csv => QueryResultsFormat::Csv,
                Format::Tsv => QueryResultsFormat::Tsv,
                _ => QueryResultsFormat::Json,
            };
            let serializer = QueryResultsSerializer::from_format(format);
            match results {
                QueryResults::Boolean(b) => {
                    serializer.serialize_boolean_to_writer(&mut out, b)?;
                }
                QueryResults::Solutions(solutions) => {
                    let vars = solutions.variables().to_vec();
                    let mut w = serializer.serialize_solutions_to_writer(&mut out, vars)?;
                    for s in solutions {
                        w.serialize(&s.context("query failed")?)?;
                    }
                    w.finish()?;
                }
                QueryResults::Graph(_) => unreachable!("graphs are written above"),
            }
        }
    }
    out.flush()?;
    Ok(EXIT_OK)
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
    Ok(("<query>".into(), arg.to_owned()))
}
