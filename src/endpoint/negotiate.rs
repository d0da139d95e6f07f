//! Content negotiation: which of the formats the endpoint can write does the client's `Accept` header
//! prefer? Media types themselves are read by Oxigraph (`QueryResultsFormat::from_media_type`,
//! `RdfFormat::from_media_type`, aliases included); this module weighs the ranges of the header by the
//! precedence of RFC 9110: the most specific range that matches a format gives its quality.

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
/// // The client refuses JSON and takes anything else: JSON is not what it gets.
/// assert_eq!(results_format(Some("application/sparql-results+json;q=0, */*")), Some(QueryResultsFormat::Xml));
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

/// Picks a format by the rules of RFC 9110 (section 12.5.1): each offered format takes the quality of
/// the most specific range that matches it (`type/subtype` with parameters, then `type/subtype`, then
/// `type/*`, then `*/*`), a quality of 0 (or no matching range) excludes it, and among the formats of
/// the highest quality the one offered first wins. The header's order does not matter.
fn choose<F: Copy + PartialEq>(
    accept: Option<&str>,
    offered: &[F],
    media_type: impl Fn(F) -> &'static str,
    exact: impl Fn(&str) -> Option<F>,
) -> Option<F> {
    let accept = accept.map(str::trim).filter(|a| !a.is_empty());
    let Some(accept) = accept else {
        return offered.first().copied();
    };
    let ranges: Vec<Range> = accept.split(',').filter_map(Range::parse).collect();
    let mut best: Option<(f32, F)> = None;
    for &format in offered {
        let q = quality(&ranges, format, media_type(format), &exact);
        // Strictly greater: on a tie the format offered earlier stays.
        if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
            best = Some((q, format));
        }
    }
    best.map(|(_, format)| format)
}

/// The quality the header gives one format: that of the most specific range matching it, 0 if none.
fn quality<F: Copy + PartialEq>(
    ranges: &[Range],
    format: F,
    media_type: &str,
    exact: impl Fn(&str) -> Option<F>,
) -> f32 {
    let mut chosen: Option<(Specificity, f32)> = None;
    for range in ranges {
        let Some(s) = range.matches(format, media_type, &exact) else {
            continue;
        };
        // Of two equally specific ranges, the first one written counts.
        if chosen.is_none_or(|(c, _)| s > c) {
            chosen = Some((s, range.q));
        }
    }
    chosen.map_or(0.0, |(_, q)| q)
}

/// How specific a range is: `*/*` < `type/*` < `type/subtype`, then by the number of parameters.
type Specificity = (u8, usize);

/// One media range of an `Accept` header, lowercased.
#[derive(Debug, PartialEq)]
struct Range {
    kind: String,
    subtype: String,
    /// Parameters other than `q`, as (name, value).
    params: Vec<(String, String)>,
    q: f32,
}

impl Range {
    /// Reads one comma-separated item; an item that is not `type/subtype`, or whose `q` is not a number
    /// from 0 to 1, is left out as if it were not there.
    fn parse(item: &str) -> Option<Range> {
        let mut parts = item.split(';').map(str::trim);
        let head = parts.next()?.to_ascii_lowercase();
        let (kind, subtype) = head.split_once('/')?;
        let (kind, subtype) = (kind.trim(), subtype.trim());
        let token = |t: &str| !t.is_empty() && !t.contains(|c: char| c.is_whitespace() || c == '/');
        if !token(kind) || !token(subtype) || (kind == "*" && subtype != "*") {
            return None;
        }
        let mut range = Range {
            kind: kind.to_owned(),
            subtype: subtype.to_owned(),
            params: Vec::new(),
            q: 1.0,
        };
        for param in parts.filter(|p| !p.is_empty()) {
            let (name, value) = param.split_once('=')?;
            let name = name.trim().to_ascii_lowercase();
            let value = value.trim().trim_matches('"').to_ascii_lowercase();
            if name == "q" {
                range.q = value.parse().ok().filter(|q| (0.0..=1.0).contains(q))?;
            } else {
                range.params.push((name, value));
            }
        }
        Some(range)
    }

    /// How specifically this range names `format` (whose media type is `media_type`), or `None` if it
    /// does not match it. Every answer is UTF-8, so a `charset` other than UTF-8 does not match; other
    /// parameters are not checked, but they make the range more specific.
    fn matches<F: PartialEq>(
        &self,
        format: F,
        media_type: &str,
        exact: impl Fn(&str) -> Option<F>,
    ) -> Option<Specificity> {
        let utf8 = self
            .params
            .iter()
            .all(|(name, value)| name != "charset" || value == "utf-8" || value == "utf8");
        let level = match (self.kind.as_str(), self.subtype.as_str()) {
            ("*", "*") => 0,
            (kind, "*") if media_type.starts_with(&format!("{kind}/")) => 1,
            (_, "*") => return None,
            (kind, subtype) if exact(&format!("{kind}/{subtype}")) == Some(format) => 2,
            _ => return None,
        };
        utf8.then_some((level, self.params.len()))
    }
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
    fn a_specific_range_overrides_a_wildcard_in_either_order() {
        for accept in [
            "application/sparql-results+json;q=0, */*",
            "*/*, application/sparql-results+json;q=0",
        ] {
            assert_eq!(
                results_format(Some(accept)),
                Some(QueryResultsFormat::Xml),
                "{accept}"
            );
        }
        // text/csv is more specific than text/*, so CSV has 0.1 and TSV 0.3.
        for accept in [
            "text/*;q=0.3, text/csv;q=0.1",
            "text/csv;q=0.1, text/*;q=0.3",
        ] {
            assert_eq!(
                results_format(Some(accept)),
                Some(QueryResultsFormat::Tsv),
                "{accept}"
            );
        }
        // type/* outranks */*: JSON and XML are at 0.1, CSV and TSV at 1.
        let accept = "*/*;q=0.1, text/*";
        assert_eq!(results_format(Some(accept)), Some(QueryResultsFormat::Csv));
        assert_eq!(
            graph_format(Some("text/turtle;q=0, */*")),
            Some(RdfFormat::NTriples)
        );
    }

    #[test]
    fn parameters_make_a_range_more_specific() {
        let accept = "text/csv;q=0.9, text/csv;charset=utf-8;q=0, text/tab-separated-values;q=0.5";
        assert_eq!(results_format(Some(accept)), Some(QueryResultsFormat::Tsv));
        let accept =
            "text/csv;charset=utf-8;q=0.9, text/csv;q=0.1, text/tab-separated-values;q=0.5";
        assert_eq!(results_format(Some(accept)), Some(QueryResultsFormat::Csv));
        // Answers are UTF-8: a range asking for another charset does not match.
        assert_eq!(results_format(Some("text/csv;charset=latin1")), None);
    }

    #[test]
    fn ties_go_to_the_servers_order_not_the_headers() {
        let accept = "text/tab-separated-values, text/csv";
        assert_eq!(results_format(Some(accept)), Some(QueryResultsFormat::Csv));
        let accept = "application/rdf+xml, text/turtle";
        assert_eq!(graph_format(Some(accept)), Some(RdfFormat::Turtle));
    }

    #[test]
    fn refused_and_unknown_ranges_give_none() {
        assert_eq!(results_format(Some("text/turtle")), None);
        assert_eq!(results_format(Some("*/*;q=0")), None);
        assert_eq!(graph_format(Some("application/sparql-results+json")), None);
        assert_eq!(results_format(Some("garbage")), None);
        assert_eq!(results_format(Some("text/csv;q=0")), None);
    }

    #[test]
    fn malformed_items_are_left_out() {
        for accept in [
            "text/csv;q=2, application/sparql-results+xml",
            "text/csv;q=abc, application/sparql-results+xml",
            "text/csv;q=-1, application/sparql-results+xml",
            "*/csv, application/sparql-results+xml",
            "text/csv;q, application/sparql-results+xml",
            "te xt/csv, /, ;, ,,, application/sparql-results+xml",
        ] {
            assert_eq!(
                results_format(Some(accept)),
                Some(QueryResultsFormat::Xml),
                "{accept}"
            );
        }
        let long = "x/y;q=0.5, ".repeat(1000) + "text/csv";
        assert_eq!(results_format(Some(&long)), Some(QueryResultsFormat::Csv));
    }

    #[test]
    fn case_does_not_matter_and_a_blank_header_is_no_header() {
        let accept = "Text/CSV; Charset=UTF-8";
        assert_eq!(results_format(Some(accept)), Some(QueryResultsFormat::Csv));
        assert_eq!(results_format(Some("  ")), Some(QueryResultsFormat::Json));
    }
}
