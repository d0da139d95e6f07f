//! The SPARQL 1.1 Protocol's two halves: reading the operation out of a request (GET `query=`, POST
//! `application/sparql-query`, `application/sparql-update` or an HTML form), and writing the answer in
//! the format the client accepts, cut at the row limit.

use std::io::Read;

use oxhttp::model::{Body, Request, StatusCode, header};
use oxigraph::io::RdfSerializer;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::results::QueryResultsSerializer;
use oxigraph::sparql::{CancellationToken, PreparedSparqlQuery, QueryResults, SparqlEvaluator};

use super::{Reply, TRUNCATED_HEADER};
use crate::error::Error;
use crate::store::{Store, query_error};

/// What a request asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Operation {
    Query(Query),
    Update(String),
    /// An update in the URL of a GET, which the protocol does not allow: refused with a 400.
    UpdateByGet,
}

/// A query with the protocol's dataset parameters and the client's `Accept` header.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    pub default_graphs: Vec<String>,
    pub named_graphs: Vec<String>,
    pub accept: Option<String>,
}

/// Reads the operation of a `/sparql` request; a request that holds none gets its error response.
pub fn operation(request: &mut Request<Body>, max_body: u64) -> Result<Operation, Reply> {
    let url_params = request.uri().query().unwrap_or("").to_owned();
    let accept = header_value(request, header::ACCEPT.as_str())?;
    let mut query = Query {
        accept,
        ..Query::default()
    };
    let post = request.method() == "POST";
    let form = if post {
        match post_body(request, max_body)? {
            PostBody::Query(text) => {
                query.text = text;
                String::new()
            }
            PostBody::Update(text) => return Ok(Operation::Update(text)),
            PostBody::Form(form) => form,
        }
    } else {
        String::new()
    };
    let mut update = None;
    for (key, value) in
        form_urlencoded::parse(url_params.as_bytes()).chain(form_urlencoded::parse(form.as_bytes()))
    {
        match key.as_ref() {
            "query" => query.text = value.into_owned(),
            "update" => update = Some(value.into_owned()),
            "default-graph-uri" => query.default_graphs.push(value.into_owned()),
            "named-graph-uri" => query.named_graphs.push(value.into_owned()),
            _ => {}
        }
    }
    match update {
        Some(text) if post => Ok(Operation::Update(text)),
        Some(_) => Ok(Operation::UpdateByGet),
        None if query.text.trim().is_empty() => Err(Reply::plain(
            StatusCode::BAD_REQUEST,
            "no query: pass it as query=… (GET or form POST) or as an application/sparql-query body",
        )),
        None => Ok(Operation::Query(query)),
    }
}

/// What a POST body holds, by its content type.
enum PostBody {
    Query(String),
    Update(String),
    Form(String),
}

fn post_body(request: &mut Request<Body>, max_body: u64) -> Result<PostBody, Reply> {
    let content_type = header_value(request, header::CONTENT_TYPE.as_str())?.unwrap_or_default();
    let media_type = content_type.split(';').next().unwrap_or("").trim();
    let media_type = media_type.to_ascii_lowercase();
    let body = read_body(request.body_mut(), max_body)?;
    match media_type.as_str() {
        "application/sparql-query" => Ok(PostBody::Query(body)),
        "application/sparql-update" => Ok(PostBody::Update(body)),
        "application/x-www-form-urlencoded" => Ok(PostBody::Form(body)),
        other => Err(Reply::plain(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &format!(
                "cannot read a request body of type {other:?}: send application/sparql-query, application/sparql-update or a form"
            ),
        )),
    }
}

/// A header's value, if it is there. A value that is not visible ASCII (which HTTP allows as opaque
/// bytes) is refused rather than taken as absent: an unreadable `Origin` must not pass for no `Origin`.
pub fn header_value(request: &Request<Body>, name: &str) -> Result<Option<String>, Reply> {
    let Some(value) = request.headers().get(name) else {
        return Ok(None);
    };
    match value.to_str() {
        Ok(text) => Ok(Some(text.to_owned())),
        Err(_) => Err(Reply::plain(
            StatusCode::BAD_REQUEST,
            &format!("the {name} header must be visible ASCII text"),
        )),
    }
}

fn read_body(body: &mut Body, max: u64) -> Result<String, Reply> {
    let mut bytes = Vec::new();
    body.take(max + 1).read_to_end(&mut bytes).map_err(|e| {
        Reply::plain(
            StatusCode::BAD_REQUEST,
            &format!("cannot read the request body: {e}"),
        )
    })?;
    if bytes.len() as u64 > max {
        return Err(Reply::plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!("the request body is larger than {max} bytes"),
        ));
    }
    String::from_utf8(bytes)
        .map_err(|_| Reply::plain(StatusCode::BAD_REQUEST, "the request body is not UTF-8"))
}

/// Parses a query that stops with [`Error::Timeout`] once `token` is cancelled. A query that does not
/// parse is parsed again by [`Store::parse_query`], whose error names line and column, or says that the
/// text is an update: the two use the same parser, so they fail on the same texts.
pub fn prepare(text: &str, token: CancellationToken) -> Result<PreparedSparqlQuery, Error> {
    let parsed = SparqlEvaluator::new()
        .with_cancellation_token(token)
        .parse_query(text);
    parsed.map_err(|e| match Store::parse_query("query", text) {
        Err(worded) => worded,
        Ok(_) => Error::Query(e.to_string()),
    })
}

/// Applies `default-graph-uri` and `named-graph-uri`; without them the default graph stays the union
/// of all graphs, as for `paperkg query`.
pub fn set_dataset(prepared: &mut PreparedSparqlQuery, q: &Query) -> Result<(), Reply> {
    let iris = |list: &[String]| -> Result<Vec<NamedNode>, Reply> {
        list.iter()
            .map(|iri| {
                NamedNode::new(iri.as_str()).map_err(|e| {
                    Reply::plain(
                        StatusCode::BAD_REQUEST,
                        &format!(
                            "bad graph IRI <{}>: {e}",
                            crate::shared::clip(iri, super::QUOTED_CHARS)
                        ),
                    )
                })
            })
            .collect()
    };
    if !q.default_graphs.is_empty() {
        let graphs = iris(&q.default_graphs)?;
        let graphs = graphs.into_iter().map(GraphName::from).collect();
        prepared.dataset_mut().set_default_graph(graphs);
    }
    if !q.named_graphs.is_empty() {
        let graphs = iris(&q.named_graphs)?;
        let graphs = graphs.into_iter().map(NamedOrBlankNode::from).collect();
        prepared.dataset_mut().set_available_named_graphs(graphs);
    }
    Ok(())
}

/// Evaluates the query and writes its answer in the negotiated format, at most `max_rows` rows.
pub fn answer(
    store: &Store,
    prepared: PreparedSparqlQuery,
    accept: Option<&str>,
    max_rows: usize,
) -> Reply {
    let results = match store.query(prepared) {
        Ok(r) => r,
        Err(e) => return Reply::error(&e),
    };
    let written = match results {
        QueryResults::Graph(triples) => {
            let Some(format) = super::negotiate::graph_format(accept) else {
                return not_acceptable("text/turtle, application/n-triples, application/rdf+xml");
            };
            let mut w = RdfSerializer::from_format(format).for_writer(Vec::new());
            let mut rows = 0;
            let mut truncated = false;
            let result = (|| {
                for t in triples {
                    if rows == max_rows {
                        truncated = true;
                        break;
                    }
                    w.serialize_triple(&t.map_err(query_error)?).map_err(io)?;
                    rows += 1;
                }
                w.finish().map_err(io)
            })();
            result.map(|bytes| (bytes, format.media_type(), truncated))
        }
        results => {
            let Some(format) = super::negotiate::results_format(accept) else {
                return not_acceptable(
                    "application/sparql-results+json, application/sparql-results+xml, text/csv, text/tab-separated-values",
                );
            };
            let serializer = QueryResultsSerializer::from_format(format);
            solutions(serializer, results, max_rows).map(|(b, t)| (b, format.media_type(), t))
        }
    };
    match written {
        Ok((bytes, media_type, truncated)) => {
            let reply = Reply::ok(media_type, bytes);
            if truncated {
                reply.with_header(TRUNCATED_HEADER, max_rows.to_string())
            } else {
                reply
            }
        }
        Err(e) => Reply::error(&e),
    }
}

/// Writes solutions (or a boolean); the flag tells whether rows were left out.
fn solutions(
    serializer: QueryResultsSerializer,
    results: QueryResults<'static>,
    max_rows: usize,
) -> Result<(Vec<u8>, bool), Error> {
    match results {
        QueryResults::Boolean(b) => Ok((
            serializer
                .serialize_boolean_to_writer(Vec::new(), b)
                .map_err(io)?,
            false,
        )),
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            let mut w = serializer
                .serialize_solutions_to_writer(Vec::new(), vars)
                .map_err(io)?;
            for (i, s) in solutions.enumerate() {
                if i == max_rows {
                    return Ok((w.finish().map_err(io)?, true));
                }
                w.serialize(&s.map_err(query_error)?).map_err(io)?;
            }
            Ok((w.finish().map_err(io)?, false))
        }
        QueryResults::Graph(_) => Err(Error::Query("a graph is not a table of solutions".into())),
    }
}

fn not_acceptable(offered: &str) -> Reply {
    Reply::plain(
        StatusCode::NOT_ACCEPTABLE,
        &format!(
            "none of the formats in the Accept header can be written; this answer can be {offered}"
        ),
    )
}

fn io(e: impl std::fmt::Display) -> Error {
    Error::Query(format!("cannot write the answer: {e}"))
}
