//! `paperkg serve`: the store behind the SPARQL 1.1 Protocol, with a web page, until interrupted.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::builder::RangedU64ValueParser;
use oxhttp::Server;

use super::StoreArg;
use paperkg::endpoint::{self, Config, Endpoint};
use paperkg::shared::clip;
use paperkg::store::Store;

/// Characters of a request's URL that a log line keeps (queries travel in URLs).
const LOGGED_URL_CHARS: usize = 160;

/// Most threads that answer the page's requests as the server starts. Each evaluation holds its
/// answer and hash tables in memory (at 100,000 papers, two streams raised the server's peak from
/// some 540 MB to 610–650 MB), and the page makes 24 requests, a few of which take most of the time:
/// more streams would raise the peak more than they shorten the warm-up.
const MAX_WARM_STREAMS: usize = 4;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
    /// Address and port to listen on. The default answers this machine only; give 0.0.0.0:PORT to
    /// open it to the network.
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
    bind: SocketAddr,
    /// Stop a query after this many seconds (decimals allowed, at most a day); the client gets a 503.
    #[arg(long, default_value = "30", value_name = "SECONDS", value_parser = super::seconds, allow_negative_numbers = true)]
    timeout: Duration,
    /// Send at most this many solutions (or triples) per answer; a cut answer carries the header
    /// `Paperkg-Truncated: N`.
    #[arg(long, default_value_t = 10_000, value_name = "N", value_parser = RangedU64ValueParser::<usize>::new().range(1..), allow_negative_numbers = true)]
    max_rows: usize,
    /// Accept SPARQL UPDATE requests (POST update=… or application/sparql-update), which change the
    /// store. Without it the endpoint is read-only, updates get 403, and any number of `serve`, `query`
    /// and `export` share the store. Even with it, an update sent by a page of another origin is refused.
    #[arg(long)]
    allow_update: bool,
    /// Most connections served at once; more wait in line.
    #[arg(long, default_value_t = 64, value_name = "N", value_parser = RangedU64ValueParser::<usize>::new().range(1..=10_000), allow_negative_numbers = true)]
    max_connections: usize,
    /// Threads that evaluate queries and draw views (default: the number of cores, at least 2); more
    /// requests wait for one, and a request that waits past --timeout gets a 503.
    #[arg(long, value_name = "N", value_parser = RangedU64ValueParser::<usize>::new().range(1..=1024), allow_negative_numbers = true)]
    workers: Option<usize>,
    /// Do not answer the page's ready queries and views when the server starts. By default they are
    /// answered in the background, on as many threads as there are cores (at most four, and no more
    /// than --workers), besides the query workers, and kept, so that the page's clicks are answered at
    /// once (at 100,000 papers the slowest ready query takes seconds).
    #[arg(long)]
    no_warm: bool,
}

pub fn run(args: Args) -> anyhow::Result<u8> {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let config = Config {
        timeout: args.timeout,
        max_rows: args.max_rows,
        allow_update: args.allow_update,
        workers: args.workers.unwrap_or(cores.max(2)),
        origins: endpoint::own_origins(args.bind),
    };
    let workers = config.workers;
    let path = &args.store.store;
    // A read-only endpoint shares the store with other readers; a writable one holds it alone.
    let store = if args.allow_update {
        Store::open(path)?
    } else {
        Store::open_read_only(path)?
    };
    super::warn_if_statistics_stale(&store, path, "the page's ready queries");
    let endpoint = Endpoint::new(store, config).context("cannot start the query workers")?;
    let warm = (!args.no_warm).then(|| endpoint.clone());
    let server = Server::new(move |request| {
        let start = Instant::now();
        let target = request.uri().path_and_query().map_or("", |p| p.as_str());
        let line = format!("{} {}", request.method(), clip(target, LOGGED_URL_CHARS));
        let response = endpoint.handle(request);
        eprintln!(
            "{line} {} {} ms",
            response.status().as_u16(),
            start.elapsed().as_millis()
        );
        response
    })
    .bind(args.bind)
    // The connection's own timeout is longer than a query's, so that the query's 503 reaches the client.
    .with_global_timeout(args.timeout.saturating_add(Duration::from_secs(30)))
    .with_max_concurrent_connections(args.max_connections)
    .spawn()
    .with_context(|| format!("cannot listen on {}", args.bind))?;
    let mode = if args.allow_update {
        "read-write"
    } else {
        "read-only"
    };
    eprintln!(
        "paperkg: serving {} ({mode}, {workers} query workers) on http://{}/ — SPARQL at http://{}/sparql; Ctrl+C stops",
        path.display(),
        args.bind,
        args.bind
    );
    if let Some(endpoint) = warm {
        // No more streams than query workers: a user who asked for fewer workers to spare the
        // machine's cores does not want the warm-up to take them.
        warm_in_background(endpoint, cores.min(workers).min(MAX_WARM_STREAMS));
    }
    server.join().context("the server stopped")?;
    Ok(super::EXIT_OK)
}

/// Answers the page's ready queries and views on threads of their own, and says when they are kept.
fn warm_in_background(endpoint: Endpoint, streams: usize) {
    std::thread::spawn(move || {
        let start = Instant::now();
        match endpoint.warm(streams) {
            Ok(answered) => eprintln!(
                "paperkg: kept the answers of the page's ready queries and views ({answered} answered) in {:.1} s",
                start.elapsed().as_secs_f64()
            ),
            // The server answers anyway, only each first click is evaluated.
            Err(e) => eprintln!(
                "paperkg: warning: cannot answer the page's ready queries ahead of the user: {e}"
            ),
        }
    });
}
