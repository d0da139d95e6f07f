//! Content negotiation: which of the formats the endpoint can write does the client's `Accept` header
//! prefer? Media types themselves are read by Oxigraph (`QueryResultsFormat::from_media_type`,
//! `RdfFormat::from_media_type`, aliases included); this module only weighs the ranges of the header.

use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::QueryResultsFormat;

/// Result formats for SELECT and ASK, the first being the default for `*/*` or no header.
const RESULTS: [QueryResultsFormat; 4] = [
    QueryResultsFormat::Json,
    QueryResultsFormat::Xml,
    QueryResultsFormat::Csv,
    QueryResultsFormat::Tsv,
];

/// RDF formats for CONSTRUCT and DESCRIBE, the first being the default.
const GRAPHS: [RdfFormat; 3] = [RdfFormat::Turtle, RdfFormat::NTriples, RdfFormat::RdfXml];

/// The results format the client prefers for SELECT or ASK, or `None` if it accepts none of them.
///
/// ```
/// use oxigraph::sparql::results::QueryResultsFormat;
/// use paperkg::endpoint::negotiate::results_format;
/// assert_eq!(results_format(Some("text/csv;q=0.5, application/sparql-results+xml")), Some(QueryResultsFormat::Xml));
/// assert_eq!(results_format(None), Some(QueryResultsFormat::Json));
/// assert_eq!(results_format(Some("image/png")), None);
/// ```
pub fn results_format(accept: Option<&str>) -> Option<QueryResultsFormat> {
    choose(
        accept,
        &RESULTS,
        |f| f.media_type(),
        |m| QueryResultsFormat::from_media_type(m).filter(|_| !m.starts_with("text/plain")),
    )
}

/// The RDF format the client prefers for CONSTRUCT or DESCRIBE, or `None` if it accepts none of them.
///
/// ```
/// use oxigraph::io::RdfFormat;
/// use paperkg::endpoint::negotiate::graph_format;
/// assert_eq!(graph_format(Some("application/n-triples")), Some(RdfFormat::NTriples));
/// assert_eq!(graph_format(Some("text/*")), Some(RdfFormat::Turtle));
/// ```
pub fn graph_format(accept: Option<&str>) -> Option<RdfFormat> {
    choose(
        accept,
        &GRAPHS,
        |f| f.media_type(),
        |m| RdfFormat::from_media_type(m).filter(|f| GRAPHS.contains(f)),
    )
}

/// Walks the header's media ranges from the highest quality down (ties keep their order) and returns
/// the first offered format that one of them matches. `q=0` means "not this one".
fn choose<F: Copy>(
    accept: Option<&str>,
    offered: &[F],
    media_type: impl Fn(F) -> &'static str,
    exact: impl Fn(&str) -> Option<F>,
) -> Option<F> {
    let accept = accept.map(str::trim).filter(|a| !a.is_empty());
    let Some(accept) = accept else {
        return offered.first().copied();
    };
    let mut ranges: Vec<(f32, &str)> = accept.split(',').filter_map(media_range).collect();
    ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranges
        .iter()
        .filter(|(q, _)| *q > 0.0)
        .find_map(|(_, range)| {
            let range = range.to_ascii_lowercase();
            if range == "*/*" {
                offered.first().copied()
            } else if let Some(kind) = range.strip_suffix("/*") {
                let prefix = format!("{kind}/");
                offered
                    .iter()
                    .copied()
                    .find(|f| media_type(*f).starts_with(&prefix))
            } else {
                exact(&range)
            }
        })
}

/// One comma-separated item of an `Accept` header: its quality and its media range without parameters.
fn media_range(item: &str) -> Option<(f32, &str)> {
    let mut parts = item.split(';').map(str::trim);
    let range = parts.next().filter(|r| r.contains('/'))?;
    let q = parts
        .filter_map(|p| p.strip_prefix("q="))
        .find_map(|q| q.trim().parse::<f32>().ok())
        .unwrap_or(1.0);
    Some((q, range))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsers_get_xml_and_tools_get_json() {
        let firefox = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        // application/xml is an alias of both XML formats, and it outranks */*: a browser that opens
        // a query URL sees an XML tree, as it would from Fuseki or Oxigraph.
        assert_eq!(results_format(Some(firefox)), Some(QueryResultsFormat::Xml));
        assert_eq!(graph_format(Some(firefox)), Some(RdfFormat::RdfXml));
        assert_eq!(results_format(Some("*/*")), Some(QueryResultsFormat::Json));
    }

    #[test]
    fn quality_orders_ranges() {
        let accept = "application/sparql-results+json;q=0.2, text/tab-separated-values";
        assert_eq!(results_format(Some(accept)), Some(QueryResultsFormat::Tsv));
        let accept = "text/turtle;q=0, application/rdf+xml;q=0.5";
        assert_eq!(graph_format(Some(accept)), Some(RdfFormat::RdfXml));
    }

    #[test]
    fn refused_and_unknown_ranges_give_none() {
        assert_eq!(results_format(Some("text/turtle")), None);
        assert_eq!(results_format(Some("*/*;q=0")), None);
        assert_eq!(graph_format(Some("application/sparql-results+json")), None);
        assert_eq!(results_format(Some("garbage")), None);
    }

    #[test]
    fn parameters_and_case_are_ignored() {
        let accept = "Text/CSV; charset=utf-8";
        assert_eq!(results_format(Some(accept)), Some(QueryResultsFormat::Csv));
        assert_eq!(results_format(Some("  ")), Some(QueryResultsFormat::Json));
    }
}
