//! `paperkg push`: send every graph of the store to a SPARQL 1.1 Graph Store Protocol server, one PUT
//! per named graph, and report what was sent.

use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::bail;

use super::{EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, StoreArg};
use paperkg::push::{self, Target};
use paperkg::store::Store;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
    /// The server's Graph Store Protocol URL: http://HOST:7878/store for `oxigraph serve`,
    /// http://HOST:3030/DATASET/data for Fuseki, …/repositories/REPO/rdf-graphs/service for GraphDB,
    /// http://HOST:8890/sparql-graph-crud for Virtuoso (after GRANT SPARQL_UPDATE TO "SPARQL").
    #[arg(long, value_name = "URL", value_parser = endpoint_url)]
    endpoint: String,
    /// Further attempts for a graph after a failure that may pass (no connection, 5xx, 429).
    #[arg(
        long,
        default_value_t = 3,
        value_name = "N",
        allow_negative_numbers = true
    )]
    retries: u32,
    /// Seconds to wait for one request (at most a day).
    #[arg(long, default_value = "60", value_name = "SECONDS", value_parser = super::seconds, allow_negative_numbers = true)]
    timeout: Duration,
    /// Print only the summary, not a line per graph.
    #[arg(long, short)]
    quiet: bool,
}

/// An `--endpoint` value, checked by [`push::check_endpoint`] before the store is opened.
fn endpoint_url(value: &str) -> Result<String, String> {
    push::check_endpoint(value)
        .map(|()| value.to_owned())
        .map_err(|e| e.to_string())
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let target = Target {
        endpoint: args.endpoint.clone(),
        retries: args.retries,
        backoff: Duration::from_millis(250),
        timeout: args.timeout,
    };
    let store = Store::open_read_only(&args.store.store)?;
    let graphs = push::graphs(&store)?;
    if graphs.is_empty() {
        bail!(
            "store {} holds no graph to push",
            args.store.store.display()
        );
    }
    let client = push::client(&target);
    let start = Instant::now();
    let mut out = std::io::stdout().lock();
    let (mut ok, mut triples, mut bytes, mut retried) = (0, 0, 0, 0);
    for g in &graphs {
        let sent = push::push_graph(&client, &store, g, &target);
        if !args.quiet || sent.failure.is_some() {
            writeln!(out, "{}", line(&sent))?;
        }
        retried += sent.attempts.saturating_sub(1);
        if sent.failure.is_none() {
            ok += 1;
            triples += sent.triples;
            bytes += sent.bytes;
        }
    }
    writeln!(
        out,
        "pushed {ok} of {} graphs ({triples} triples, {:.1} MB) to {} in {:.2} s; {retried} retries",
        graphs.len(),
        bytes as f64 / 1e6,
        args.endpoint,
        start.elapsed().as_secs_f64()
    )?;
    out.flush()?;
    Ok(match ok {
        n if n == graphs.len() => EXIT_OK,
        0 => EXIT_FAILED,
        _ => EXIT_PARTIAL,
    })
}

/// One report line: the graph, what was sent, how the server answered.
fn line(sent: &push::Sent) -> String {
    let status = sent
        .status
        .map_or("no answer".to_owned(), |s| s.to_string());
    let outcome = match &sent.failure {
        None => "ok".to_owned(),
        Some(why) => format!("FAILED: {why}"),
    };
    format!(
        "{}\t{} triples\t{:.1} KB\t{status}\t{} attempt{}\t{} ms\t{outcome}",
        sent.graph,
        sent.triples,
        sent.bytes as f64 / 1e3,
        sent.attempts,
        if sent.attempts == 1 { "" } else { "s" },
        sent.elapsed.as_millis()
    )
}
