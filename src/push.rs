//! Sending the store to another triple store through the SPARQL 1.1 Graph Store HTTP Protocol: one
//! `PUT <endpoint>?graph=<iri>` per named graph, so that pushing again replaces a graph instead of
//! adding a second copy. Failures that may pass (no connection, 5xx, 429) are retried with a growing
//! pause; a refusal (other 4xx) is not.

use std::time::{Duration, Instant};

use oxhttp::Client;
use oxhttp::model::{Method, Request, StatusCode, header};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode};

use crate::error::Error;
use crate::store::Store;

/// Where and how to push.
#[derive(Debug, Clone)]
pub struct Target {
    /// The Graph Store Protocol URL, e.g. `http://localhost:7878/store` (Oxigraph),
    /// `http://localhost:3030/ds/data` (Fuseki).
    pub endpoint: String,
    /// Further attempts after a failure that may pass.
    pub retries: u32,
    /// Pause before the first retry; each next one waits twice as long.
    pub backoff: Duration,
    /// Longest wait for one request.
    pub timeout: Duration,
}

/// What happened to one graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sent {
    pub graph: String,
    pub triples: usize,
    pub bytes: usize,
    /// The last status the server answered, if it answered at all.
    pub status: Option<u16>,
    pub attempts: u32,
    /// Why the graph was not stored, if it was not.
    pub failure: Option<String>,
    pub elapsed: Duration,
}

/// The named graphs of the store, sorted: digests, entities, ontology and lexicon.
pub fn graphs(store: &Store) -> Result<Vec<NamedNode>, Error> {
    let mut out = Vec::new();
    for g in store.oxigraph().named_graphs() {
        match g.map_err(|e| Error::Query(e.to_string()))? {
            NamedOrBlankNode::NamedNode(n) => out.push(n),
            NamedOrBlankNode::BlankNode(_) => {}
        }
    }
    out.sort();
    Ok(out)
}

/// Sends one graph of the store (as N-Triples) to the target.
pub fn push_graph(client: &Client, store: &Store, graph: &NamedNode, target: &Target) -> Sent {
    let start = Instant::now();
    let mut sent = Sent {
        graph: graph.as_str().to_owned(),
        triples: 0,
        bytes: 0,
        status: None,
        attempts: 0,
        failure: None,
        elapsed: Duration::ZERO,
    };
    match ntriples(store, graph) {
        Ok((body, triples)) => {
            sent.triples = triples;
            sent.bytes = body.len();
            let url = graph_url(&target.endpoint, graph.as_str());
            if let Err(e) = put(client, &url, &body, target, &mut sent) {
                sent.failure = Some(e);
            }
        }
        Err(e) => sent.failure = Some(e.to_string()),
    }
    sent.elapsed = start.elapsed();
    sent
}

/// Checks that `endpoint` is a URL that [`push_graph`] can send to: `http://`, a host, and nothing that
/// a request line cannot carry (spaces, non-ASCII letters). The error names the value.
///
/// ```
/// assert!(paperkg::push::check_endpoint("http://localhost:7878/store").is_ok());
/// assert!(paperkg::push::check_endpoint("http:// spaces").is_err());
/// ```
pub fn check_endpoint(endpoint: &str) -> Result<(), Error> {
    let refuse = |why: &str| Error::Push {
        url: endpoint.to_owned(),
        message: format!("the endpoint must be an http:// URL (https is not supported yet): {why}"),
    };
    if !endpoint.starts_with("http://") {
        return Err(refuse("it starts otherwise"));
    }
    // The URL of a graph is what is sent, so that the check covers the `?graph=` it gets too.
    let url = graph_url(endpoint, "urn:paperkg:check");
    let uri: oxhttp::model::Uri = url.parse().map_err(|e| refuse(&format!("{e}")))?;
    match uri.host() {
        Some(host) if !host.is_empty() => Ok(()),
        _ => Err(refuse("it names no host")),
    }
}

/// A client for [`push_graph`] that gives up on a request after the target's timeout.
pub fn client(target: &Target) -> Client {
    Client::new()
        .with_global_timeout(target.timeout)
        .with_redirection_limit(3)
}

fn ntriples(store: &Store, graph: &NamedNode) -> Result<(Vec<u8>, usize), Error> {
    let mut w = RdfSerializer::from_format(RdfFormat::NTriples).for_writer(Vec::new());
    let mut n = 0;
    let g = GraphNameRef::NamedNode(graph.as_ref());
    for q in store
        .oxigraph()
        .quads_for_pattern(None, None, None, Some(g))
    {
        let q = q.map_err(|e| Error::Query(e.to_string()))?;
        w.serialize_triple(q.as_ref())
            .map_err(|e| Error::Query(e.to_string()))?;
        n += 1;
    }
    Ok((w.finish().map_err(|e| Error::Query(e.to_string()))?, n))
}

/// The protocol's indirect graph identification: `?graph=` (or `&graph=`) with the IRI percent-encoded.
///
/// ```
/// let url = paperkg::push::graph_url("http://localhost:7878/store", "https://w3id.org/paperkg/id/digest/2025-05-10");
/// assert_eq!(url, "http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Fpaperkg%2Fid%2Fdigest%2F2025-05-10");
/// ```
pub fn graph_url(endpoint: &str, graph: &str) -> String {
    let sep = if endpoint.contains('?') { '&' } else { '?' };
    let iri: String = form_urlencoded::byte_serialize(graph.as_bytes()).collect();
    format!("{endpoint}{sep}graph={iri}")
}

/// PUTs the body, retrying what may pass; the error is the last failure's description.
fn put(
    client: &Client,
    url: &str,
    body: &[u8],
    target: &Target,
    sent: &mut Sent,
) -> Result<(), String> {
    let mut pause = target.backoff;
    loop {
        sent.attempts += 1;
        let request = Request::builder()
            .method(Method::PUT)
            .uri(url)
            .header(header::CONTENT_TYPE, "application/n-triples")
            .body(body.to_vec())
            .map_err(|e| format!("bad endpoint URL {url}: {e}"))?;
        let failure = match client.request(request) {
            Ok(response) => {
                let status = response.status();
                sent.status = Some(status.as_u16());
                if status.is_success() {
                    return Ok(());
                }
                let text = response.into_body().to_string().unwrap_or_default();
                let message = format!("{status}: {}", first_line(&text));
                if !may_pass(status) {
                    return Err(message);
                }
                message
            }
            Err(e) => e.to_string(),
        };
        if sent.attempts > target.retries {
            return Err(failure);
        }
        std::thread::sleep(pause);
        // Saturating: with a huge --retries the doubling would overflow `Duration` and panic.
        pause = pause.saturating_mul(2);
    }
}

/// Statuses worth another try: the server is busy or broke for a moment.
fn may_pass(status: StatusCode) -> bool {
    status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS
}

/// What a refusal says, in one line of at most 200 characters: the first line of a text body; of an
/// HTML or XML page, its text without the markup. Virtuoso answers a refused PUT with an HTML page whose
/// first line is `<!DOCTYPE …>` and whose text names the reason ("SQ110:SECURITY: Permission denied for
/// delete from DB.DBA.RDF_QUAD").
fn first_line(body: &str) -> String {
    let line = if body.trim_start().starts_with('<') {
        markup_text(body)
    } else {
        body.lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .to_owned()
    };
    line.chars().take(200).collect()
}

/// The text of a page without its tags (and the doctype), each piece trimmed, joined by spaces.
fn markup_text(page: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in page.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push('\n');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_urls_keep_the_endpoints_own_parameters() {
        assert_eq!(
            graph_url("http://h/ds?x=1", "urn:g#1"),
            "http://h/ds?x=1&graph=urn%3Ag%231"
        );
    }

    #[test]
    fn only_passing_failures_are_retried() {
        assert!(may_pass(StatusCode::SERVICE_UNAVAILABLE));
        assert!(may_pass(StatusCode::TOO_MANY_REQUESTS));
        assert!(!may_pass(StatusCode::FORBIDDEN));
        assert!(!may_pass(StatusCode::BAD_REQUEST));
    }

    #[test]
    fn error_bodies_are_cut_to_one_short_line() {
        assert_eq!(first_line("\n  \nread only\nmore"), "read only");
        assert_eq!(first_line(&"é".repeat(300)).chars().count(), 200);
    }

    #[test]
    fn an_html_error_page_is_read_as_its_text() {
        // Virtuoso 7's answer to a PUT while the SPARQL user may not update.
        let page = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html>\n  <head>\n    \
            <title>SPARQL Graph Protocol request failed</title>\n  </head>\n  <body>\n    \
            <h1>HTTP/1.1 403 Forbidden</h1>\n    <h3>Error 42000</h3>\n<xmp>SQ110:SECURITY: Permission \
            denied for delete from DB.DBA.RDF_QUAD (user ID = 107)</xmp></body></html>";
        assert_eq!(
            first_line(page),
            "SPARQL Graph Protocol request failed HTTP/1.1 403 Forbidden Error 42000 \
             SQ110:SECURITY: Permission denied for delete from DB.DBA.RDF_QUAD (user ID = 107)"
        );
        assert_eq!(first_line("  <p>a &lt; b</p>"), "a &lt; b");
        assert_eq!(first_line("<br/>"), "");
    }
}
