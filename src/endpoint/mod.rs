//! The HTTP side of `paperkg serve`: the SPARQL 1.1 Protocol at `/sparql`, the web page at `/` with
//! its ready queries (`/api/queries`), and pictures of the graph views (`/views/{name}.svg`).
//!
//! [`Endpoint::handle`] turns one request into one response and never panics on what a client sends:
//! a bad query is a 400 naming line and column, an update on a read-only endpoint a 403, an answer the
//! client cannot accept a 406, a query past its time a 503. Queries run on a worker thread, so that a
//! query Oxigraph does not stop in time (it checks its cancellation flag between solutions) still
//! gets its 503 on time; the worker's answer is then dropped.

pub mod negotiate;
mod protocol;
mod web;

use std::sync::{Arc, mpsc};
use std::time::Duration;

use oxhttp::model::{Body, Method, Request, Response, StatusCode, header};

use crate::error::Error;
use crate::store::Store;

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
}

/// A store behind the SPARQL protocol. Cloning is cheap: clones share the store.
#[derive(Clone)]
pub struct Endpoint {
    store: Arc<Store>,
    config: Arc<Config>,
}

/// The header that marks an answer cut at [`Config::max_rows`].
pub const TRUNCATED_HEADER: &str = "paperkg-truncated";

/// Longest query or update text accepted in a request body.
const MAX_BODY: u64 = 1 << 20;

impl Endpoint {
    pub fn new(store: Store, config: Config) -> Endpoint {
        Endpoint {
            store: Arc::new(store),
            config: Arc::new(config),
        }
    }

    /// Answers one HTTP request.
    pub fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        self.route(request).into_response()
    }

    fn route(&self, request: &mut Request<Body>) -> Reply {
        let path = request.uri().path().to_owned();
        let method = request.method().clone();
        let get = method == Method::GET || method == Method::HEAD;
        match path.as_str() {
            "/sparql" if method == Method::OPTIONS => Reply::empty()
                .with_header("access-control-allow-origin", "*")
                .with_header("access-control-allow-methods", "GET, POST, OPTIONS")
                .with_header("access-control-allow-headers", "Accept, Content-Type"),
            "/sparql" if get || method == Method::POST => {
                let reply = match protocol::operation(request, MAX_BODY) {
                    Ok(protocol::Operation::Query(q)) => self.query(q),
                    Ok(protocol::Operation::Update(text)) => self.update(&text),
                    Err(reply) => reply,
                };
                // Pages of other origins (YASGUI, notebooks in a browser) may read the answers.
                reply
                    .with_header("access-control-allow-origin", "*")
                    .with_header("access-control-expose-headers", TRUNCATED_HEADER)
            }
            "/sparql" => not_allowed("GET, POST, OPTIONS"),
            _ if !get => not_allowed("GET"),
            "/api/queries" => web::ready_queries(),
            "/api/views" => web::view_names(),
            _ => match path
                .strip_prefix("/views/")
                .and_then(|p| p.strip_suffix(".svg"))
            {
                Some(name) => {
                    let store = self.store.clone();
                    let (name, params) =
                        (name.to_owned(), request.uri().query().map(str::to_owned));
                    self.in_worker(move || web::view_svg(&store, &name, params.as_deref()))
                }
                None => web::asset(&path),
            },
        }
    }

    fn query(&self, q: protocol::Query) -> Reply {
        let parsed = Store::parse_query_with("query", &q.text, Some(self.config.timeout));
        let mut prepared = match parsed {
            Ok(p) => p,
            Err(Error::UpdateRefused { .. }) if self.config.allow_update => {
                return Reply::plain(
                    StatusCode::BAD_REQUEST,
                    "this is a SPARQL UPDATE: POST it as update=… or as application/sparql-update",
                );
            }
            Err(Error::UpdateRefused { .. }) => return self.update(&q.text),
            Err(e) => return Reply::error(&e),
        };
        if let Err(reply) = protocol::set_dataset(&mut prepared, &q) {
            return reply;
        }
        let (store, max_rows) = (self.store.clone(), self.config.max_rows);
        self.in_worker(move || protocol::answer(&store, prepared, q.accept.as_deref(), max_rows))
    }

    fn update(&self, text: &str) -> Reply {
        if !self.config.allow_update {
            return Reply::plain(
                StatusCode::FORBIDDEN,
                "this endpoint is read-only: SPARQL UPDATE is refused (start `paperkg serve --allow-update` to accept it)",
            );
        }
        match self.store.update("update", text) {
            Ok(()) => Reply::empty(),
            Err(e) => Reply::error(&e),
        }
    }

    /// Runs `work` on a thread of its own and waits for it no longer than the timeout (plus a second
    /// for the cancellation to land).
    fn in_worker(&self, work: impl FnOnce() -> Reply + Send + 'static) -> Reply {
        let (tx, rx) = mpsc::sync_channel(1);
        std::thread::spawn(move || {
            // The receiver is gone when the request timed out; the answer is then of no use.
            let _ = tx.send(work());
        });
        let wait = self.config.timeout + Duration::from_secs(1);
        rx.recv_timeout(wait)
            .unwrap_or_else(|_| Reply::error(&Error::Timeout))
    }
}

fn not_allowed(allow: &'static str) -> Reply {
    Reply::plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed").with_header("allow", allow)
}

/// An answer under construction. A `Response` cannot leave the worker thread that evaluated a query
/// (its body may be any reader), so workers hand back a `Reply` and the server thread turns it into one.
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
            Error::Timeout | Error::Render(_) => StatusCode::SERVICE_UNAVAILABLE,
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
