//! The HTTP side of `paperkg serve`: the SPARQL 1.1 Protocol at `/sparql`, the web page at `/` with
//! its ready queries (`/api/queries`), pictures of the graph views (`/views/{name}.svg`), and the weekly
//! reports (`/report/2025-W19`, with the weeks that have digests at `/api/weeks`).
//!
//! [`Endpoint::handle`] turns one request into one response and never panics on what a client sends:
//! a bad query or parameter is a 400 naming it, an update on a read-only endpoint or from a page of
//! another origin a 403, an answer the client cannot accept a 406, a query past its time a 503, and a
//! bug of paperkg a 500 that says so. Queries and views run on a fixed [`pool`] of workers; a query
//! past its timeout is cancelled and its worker goes back to the pool.

mod cache;
pub mod negotiate;
mod params;
mod pool;
mod protocol;
mod report;
mod web;

use std::net::{IpAddr, SocketAddr};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use oxhttp::model::{Body, Method, Request, Response, StatusCode, header};
use oxigraph::sparql::CancellationToken;

use crate::error::Error;
use crate::export::Limit;

/// Longest client text (a header, an IRI, a name) quoted back in a message, in characters: a 10 kB header
/// must not make a 10 kB answer.
const QUOTED_CHARS: usize = 200;
use crate::store::Store;
pub use cache::CACHE_HEADER;
pub use params::digest_date;
pub use web::{PAGE_ACCEPT, PAGE_TOP};

/// How the endpoint answers.
#[derive(Debug, Clone)]
pub struct Config {
    /// A query still running after this long gets a 503 and is cancelled.
    pub timeout: Duration,
    /// At most this many solutions (or triples) in one answer; a cut answer carries the header
    /// `Paperkg-Truncated: <limit>`.
    pub max_rows: usize,
    /// Accept SPARQL UPDATE (POST `update=` or `application/sparql-update`); refused with 403 otherwise.
    pub allow_update: bool,
    /// Threads that evaluate queries and draw views; more requests wait for one of them.
    pub workers: usize,
    /// The origins (`http://127.0.0.1:7878`) of the server's own pages, see [`own_origins`]. An update
    /// whose request names another `Origin` comes from another site's page and is refused.
    pub origins: Vec<String>,
}

/// A store behind the SPARQL protocol. Cloning is cheap: clones share the store and the workers.
#[derive(Clone)]
pub struct Endpoint {
    store: Arc<Store>,
    config: Arc<Config>,
    pool: Arc<pool::Pool>,
    cache: Arc<cache::Cache>,
}

/// The header that marks an answer cut at [`Config::max_rows`].
pub const TRUNCATED_HEADER: &str = "paperkg-truncated";

/// Where the weekly reports are: `/report/2025-W19`.
const REPORT_PREFIX: &str = "/report/";

/// Longest query or update text accepted in a request body.
const MAX_BODY: u64 = 1 << 20;

/// The origins a browser names for pages served from `addr`: `http://IP:PORT`, plus `localhost` for a
/// loopback address. A server bound to every interface (`0.0.0.0`) knows only its loopback names; a
/// page opened through another of its addresses cannot send updates as a form.
///
/// ```
/// let origins = paperkg::endpoint::own_origins("127.0.0.1:7878".parse().unwrap());
/// assert_eq!(origins, ["http://127.0.0.1:7878", "http://localhost:7878"]);
/// ```
pub fn own_origins(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    let ips: Vec<IpAddr> = if addr.ip().is_unspecified() {
        vec![[127, 0, 0, 1].into(), std::net::Ipv6Addr::LOCALHOST.into()]
    } else {
        vec![addr.ip()]
    };
    let mut hosts: Vec<String> = ips
        .iter()
        .map(|ip| SocketAddr::new(*ip, port).to_string())
        .collect();
    if ips.iter().any(IpAddr::is_loopback) {
        hosts.push(format!("localhost:{port}"));
    }
    // A browser leaves out the scheme's default port.
    if port == 80 {
        let bare: Vec<String> = hosts
            .iter()
            .filter_map(|h| h.strip_suffix(":80").map(str::to_owned))
            .collect();
        hosts.extend(bare);
    }
    hosts.into_iter().map(|h| format!("http://{h}")).collect()
}

impl Endpoint {
    /// An endpoint with its workers started; fails only when the system refuses the threads.
    pub fn new(store: Store, config: Config) -> std::io::Result<Endpoint> {
        let pool = pool::Pool::new(config.workers)?;
        Ok(Endpoint {
            store: Arc::new(store),
            config: Arc::new(config),
            pool: Arc::new(pool),
            cache: Arc::new(cache::Cache::new()),
        })
    }

    /// Answers the requests the page makes for each ready query and each view with its defaults, so
    /// that they are kept before a user asks (see the `cache` module), on `streams` threads that take
    /// the requests in the order of the page's lists. Returns how many were answered successfully;
    /// fails only when the system refuses the threads.
    ///
    /// The warm-up has workers of its own, as many as its streams, so that a client's request never
    /// waits behind it for a worker: it shares the cores instead. Measured at 100,000 papers on 2
    /// cores, three runs each, alternating: two streams kept the page's 24 answers in 12.7–13.7 s
    /// against 23.0–28.7 s for one, the server's peak memory rose from 536–541 MB to 608–652 MB, and a
    /// query of the user's own sent meanwhile took 68–103 ms against 34–63 ms. Two streams on the
    /// clients' two workers had made that query wait for a worker, up to 735 ms.
    pub fn warm(&self, streams: usize) -> std::io::Result<usize> {
        let streams = streams.max(1);
        let warming = Endpoint {
            pool: Arc::new(pool::Pool::new(streams)?),
            ..self.clone()
        };
        let next = AtomicUsize::new(0);
        let answered = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..streams {
                scope.spawn(|| {
                    // A request cannot move between threads, so each stream builds the list and
                    // answers the entries that no other stream has taken.
                    let mut requests = web::page_requests();
                    while let Some(request) = requests.get_mut(next.fetch_add(1, Ordering::Relaxed))
                    {
                        if warming.handle(request).status() == StatusCode::OK {
                            answered.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                });
            }
        });
        Ok(answered.into_inner())
    }

    /// Answers one HTTP request.
    pub fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        // A panic here would be a bug of paperkg. Caught, it gives the client a 500 that says so,
        // instead of a connection closed without an answer.
        catch_unwind(AssertUnwindSafe(|| self.route(request)))
            .unwrap_or_else(|panic| {
                Reply::plain(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    &format!(
                        "internal error: the request panicked ({}); please report it",
                        pool::panic_message(panic.as_ref())
                    ),
                )
            })
            .into_response()
    }

    fn route(&self, request: &mut Request<Body>) -> Reply {
        let path = request.uri().path().to_owned();
        let method = request.method().clone();
        let get = method == Method::GET || method == Method::HEAD;
        match path.as_str() {
            // The preflight of a page of another origin: it may send queries. An update it sends after
            // the preflight is refused by its `Origin` (see `update`).
            "/sparql" if method == Method::OPTIONS => Reply::empty()
                .with_header("access-control-allow-origin", "*")
                .with_header("access-control-allow-methods", "GET, POST, OPTIONS")
                .with_header("access-control-allow-headers", "Accept, Content-Type"),
            "/sparql" if get || method == Method::POST => self.sparql(request),
            "/sparql" => not_allowed("GET, POST, OPTIONS"),
            _ if !get => not_allowed("GET"),
            "/api/queries" => web::ready_queries(),
            "/api/views" => web::view_names(),
            "/api/weeks" => {
                let store = self.store.clone();
                let list = move |_| report::weeks(&store);
                self.waited_for(path, list)
            }
            _ if path.starts_with(REPORT_PREFIX) => self.report(&path[REPORT_PREFIX.len()..]),
            _ => match path
                .strip_prefix("/views/")
                .and_then(|p| p.strip_suffix(".svg"))
            {
                Some(name) => match web::view_request(name, request.uri().query()) {
                    Ok((kind, filter)) => {
                        // Keyed by the view and the filter as read, defaults filled in, so that
                        // "?top=40" and no `top` at all (which means 40) are one answer.
                        let key = format!("{path}\0{kind:?}\0{filter:?}");
                        let store = self.store.clone();
                        // `dot` gets the request's time at most, and is stopped as soon as the request
                        // gives up.
                        let timeout = self.config.timeout;
                        let draw = move |cancel| {
                            let limit = Limit {
                                deadline: Some(timeout),
                                cancel: Some(cancel),
                            };
                            web::view_svg(&store, kind, &filter, &limit)
                        };
                        self.waited_for(key, draw)
                    }
                    Err(reply) => reply,
                },
                None => web::asset(&path),
            },
        }
    }

    /// A `/report/{week}` request: the weekly report as a page, drawn on a worker.
    fn report(&self, week: &str) -> Reply {
        match report::request(week) {
            Ok(config) => {
                let store = self.store.clone();
                let draw = move |_| report::page(&store, &config);
                self.waited_for(format!("{REPORT_PREFIX}{week}"), draw)
            }
            Err(reply) => reply,
        }
    }

    /// The kept answer to `key`, or what `work` gives on a worker. Views, reports and the list of
    /// weeks run the store's own queries, which are waited for, not cancelled; `work` is given the token
    /// that is cancelled when the request gives up, so that what it starts outside the store (Graphviz)
    /// can be stopped.
    fn waited_for(
        &self,
        key: String,
        work: impl FnOnce(CancellationToken) -> Reply + Send + 'static,
    ) -> Reply {
        let timeout = self.config.timeout;
        self.cache.answer(key, || {
            let token = CancellationToken::new();
            let given_up = token.clone();
            self.pool.run(token, timeout, move || work(given_up))
        })
    }

    /// A `/sparql` request. Answers to queries carry CORS headers, so that pages of other origins
    /// (YASGUI, notebooks in a browser) may read them; answers to updates never do.
    fn sparql(&self, request: &mut Request<Body>) -> Reply {
        let origin = match protocol::header_value(request, header::ORIGIN.as_str()) {
            Ok(origin) => origin,
            Err(reply) => return reply,
        };
        match protocol::operation(request, MAX_BODY) {
            Ok(protocol::Operation::Query(q)) => self.query(q, origin.as_deref()),
            Ok(protocol::Operation::Update(text)) => self.update(&text, origin.as_deref()),
            Ok(protocol::Operation::UpdateByGet) => Reply::plain(
                StatusCode::BAD_REQUEST,
                "an update must be sent with POST, not GET",
            ),
            Err(reply) => cors(reply),
        }
    }

    fn query(&self, q: protocol::Query, origin: Option<&str>) -> Reply {
        let token = CancellationToken::new();
        let mut prepared = match protocol::prepare(&q.text, token.clone()) {
            Ok(p) => p,
            Err(Error::UpdateRefused { .. }) if self.config.allow_update => {
                return Reply::plain(
                    StatusCode::BAD_REQUEST,
                    "this is a SPARQL UPDATE: POST it as update=… or as application/sparql-update",
                );
            }
            Err(Error::UpdateRefused { .. }) => return self.update(&q.text, origin),
            Err(e) => return cors(Reply::error(&e)),
        };
        if let Err(reply) = protocol::set_dataset(&mut prepared, &q) {
            return cors(reply);
        }
        let (store, max_rows) = (self.store.clone(), self.config.max_rows);
        // Everything the answer depends on besides the store; NUL never occurs in a query or header.
        let key = format!(
            "/sparql\0{}\0{:?}\0{:?}\0{:?}\0{max_rows}",
            q.text, q.default_graphs, q.named_graphs, q.accept
        );
        let answer = move || protocol::answer(&store, prepared, q.accept.as_deref(), max_rows);
        cors(
            self.cache
                .answer(key, || self.pool.run(token, self.config.timeout, answer)),
        )
    }

    /// Runs an update if the server accepts updates and the request does not come from a page of
    /// another origin. The `Origin` check covers forms (which any page may post) and also
    /// `application/sparql-update` bodies, which a page may send with `fetch` once the preflight of
    /// queries allowed its `Content-Type`. Clients that are not browsers send no `Origin`.
    fn update(&self, text: &str, origin: Option<&str>) -> Reply {
        if !self.config.allow_update {
            return Reply::plain(
                StatusCode::FORBIDDEN,
                "this endpoint is read-only: SPARQL UPDATE is refused (start `paperkg serve --allow-update` to accept it)",
            );
        }
        if let Some(origin) = origin.filter(|o| !self.is_own_origin(o)) {
            return Reply::plain(
                StatusCode::FORBIDDEN,
                &format!(
                    "an update from a page of another origin ({}) is refused: only this server's own pages ({}) and clients that send no Origin header may change the store",
                    crate::shared::clip(origin, QUOTED_CHARS),
                    self.config.origins.join(", ")
                ),
            );
        }
        match self.store.update("update", text) {
            Ok(()) => {
                self.cache.clear();
                Reply::empty()
            }
            Err(e) => Reply::error(&e),
        }
    }

    fn is_own_origin(&self, origin: &str) -> bool {
        let origin = origin.trim();
        self.config
            .origins
            .iter()
            .any(|own| own.eq_ignore_ascii_case(origin))
    }
}

/// The headers that let pages of other origins read an answer.
fn cors(reply: Reply) -> Reply {
    reply
        .with_header("access-control-allow-origin", "*")
        .with_header("access-control-expose-headers", TRUNCATED_HEADER)
}

fn not_allowed(allow: &'static str) -> Reply {
    Reply::plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed").with_header("allow", allow)
}

/// An answer under construction. A `Response` cannot leave the worker thread that evaluated a query
/// (its body may be any reader), so workers hand back a `Reply` and the server thread turns it into one.
#[derive(Clone)]
pub(crate) struct Reply {
    status: StatusCode,
    /// No `Content-Type` header when empty (204 answers).
    content_type: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn ok(content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply {
            status: StatusCode::OK,
            content_type,
            headers: Vec::new(),
            body,
        }
    }

    /// A plain-text answer, for errors: the page shows the body to the user as it is.
    fn plain(status: StatusCode, message: &str) -> Reply {
        Reply {
            status,
            content_type: "text/plain; charset=utf-8",
            headers: Vec::new(),
            body: format!("{message}\n").into_bytes(),
        }
    }

    fn empty() -> Reply {
        Reply {
            status: StatusCode::NO_CONTENT,
            content_type: "",
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }

    /// The status code and plain-text message for a library error.
    fn error(e: &Error) -> Reply {
        let status = match e {
            Error::QuerySyntax { .. } => StatusCode::BAD_REQUEST,
            Error::UpdateRefused { .. } => StatusCode::FORBIDDEN,
            Error::Timeout
            | Error::Render(_)
            | Error::RenderTimeout(_)
            | Error::RenderCancelled => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Reply::plain(status, &e.to_string())
    }

    /// The headers built here are all valid; should one not be, the client gets a 500, not a panic.
    fn into_response(self) -> Response<Body> {
        let mut builder = Response::builder().status(self.status);
        if !self.content_type.is_empty() {
            builder = builder.header(header::CONTENT_TYPE, self.content_type);
        }
        for (name, value) in self.headers {
            builder = builder.header(name, value);
        }
        builder.body(Body::from(self.body)).unwrap_or_else(|e| {
            let mut r = Response::new(Body::from(format!("cannot build the response: {e}\n")));
            *r.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            r
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warming_on_several_streams_answers_each_page_request_once_and_keeps_it() {
        let config = Config {
            timeout: Duration::from_secs(60),
            max_rows: 10_000,
            allow_update: false,
            workers: 1,
            origins: Vec::new(),
        };
        let endpoint = Endpoint::new(Store::memory().unwrap(), config).unwrap();
        // Three streams over the page's requests: were a request answered by two streams, or by
        // none, the count would differ.
        let pages = web::page_requests().len();
        assert_eq!(endpoint.warm(3).unwrap(), pages);
        for mut request in web::page_requests() {
            let uri = request.uri().to_string();
            let response = endpoint.handle(&mut request);
            let kept = response.headers().get(CACHE_HEADER).map(|v| v.as_bytes());
            assert_eq!(kept, Some(&b"hit"[..]), "{uri}");
        }
    }

    #[test]
    fn own_origins_follow_the_bound_address() {
        let v6 = own_origins("[::1]:7878".parse().unwrap());
        assert_eq!(v6, ["http://[::1]:7878", "http://localhost:7878"]);
        let lan = own_origins("192.168.1.5:8080".parse().unwrap());
        assert_eq!(lan, ["http://192.168.1.5:8080"]);
        let any = own_origins("0.0.0.0:7878".parse().unwrap());
        assert_eq!(
            any,
            [
                "http://127.0.0.1:7878",
                "http://[::1]:7878",
                "http://localhost:7878"
            ]
        );
        let default_port = own_origins("127.0.0.1:80".parse().unwrap());
        assert!(default_port.contains(&"http://localhost".to_owned()));
        assert!(default_port.contains(&"http://127.0.0.1".to_owned()));
    }
}
