//! The web page and what it reads besides `/sparql`: its files, embedded in the binary so that it works
//! offline; the ready queries and view names as JSON; and each graph view as an SVG picture.

use oxhttp::model::{Body, Method, Request, StatusCode, header};
use serde_json::json;

use super::Reply;
use crate::export::{self, Limit, Picture};
use crate::store::Store;
use crate::views::{self, Filter, ViewKind};

const INDEX_HTML: &str = include_str!("web/index.html");
const APP_JS: &str = include_str!("web/app.js");
const STYLE_CSS: &str = include_str!("web/style.css");

/// The page's own files; anything else is a 404.
pub fn asset(path: &str) -> Reply {
    let (body, media_type) = match path {
        "/" | "/index.html" => (INDEX_HTML, "text/html; charset=utf-8"),
        "/assets/app.js" => (APP_JS, "text/javascript; charset=utf-8"),
        "/assets/style.css" => (STYLE_CSS, "text/css; charset=utf-8"),
        _ => return Reply::plain(StatusCode::NOT_FOUND, &format!("nothing at {path}")),
    };
    Reply::ok(media_type, body.as_bytes().to_vec())
}

/// `[{"name", "title", "query"}]` for every ready query of `queries/`.
pub fn ready_queries() -> Reply {
    let list: Vec<_> = crate::ready::ALL
        .iter()
        .map(|q| json!({"name": q.name, "title": q.title(), "query": q.text}))
        .collect();
    Reply::ok("application/json", json!(list).to_string().into_bytes())
}

/// The `Accept` header the page sends with a query (`postQuery` in `web/app.js`).
pub const PAGE_ACCEPT: &str = "application/sparql-results+json, text/turtle;q=0.9";

/// The number of nodes the page asks a view for unless the user changes it (`#top` in
/// `web/index.html`).
pub const PAGE_TOP: usize = 40;

/// The most nodes a view on the page may ask for (`top`); more is a 400. With [`PAGE_NEIGHBOURS`], no
/// view the server draws has more than [`export::MAX_DRAWN_NODES`] nodes, however large the store.
pub const MAX_PAGE_TOP: usize = 80;

/// The most neighbours each of a page's view's top nodes brings along (`neighbours`), and the number
/// it brings when the URL does not say: at 100,000 papers the 40 largest nodes of `full` would bring
/// 84,000 papers otherwise.
pub const PAGE_NEIGHBOURS: usize = 10;

// A view keeps its top nodes and at most PAGE_NEIGHBOURS neighbours of each.
const _: () = assert!(MAX_PAGE_TOP * (1 + PAGE_NEIGHBOURS) <= export::MAX_DRAWN_NODES);

/// The requests the page makes when a user clicks a ready query or a view with its defaults, in the
/// order of the page's lists: what [`super::Endpoint::warm`] answers ahead of the user.
pub fn page_requests() -> Vec<Request<Body>> {
    let sparql = crate::ready::ALL.iter().map(|q| {
        Request::builder()
            .method(Method::POST)
            .uri("http://localhost/sparql")
            .header(header::CONTENT_TYPE, "application/sparql-query")
            .header(header::ACCEPT, PAGE_ACCEPT)
            .body(Body::from(q.text.to_owned()))
    });
    let views = ViewKind::all().iter().map(|v| {
        Request::builder()
            .method(Method::GET)
            .uri(format!(
                "http://localhost/views/{}.svg?top={PAGE_TOP}",
                v.name()
            ))
            .body(Body::empty())
    });
    // The parts are constants and names of our own: a request that cannot be built is a bug.
    sparql
        .chain(views)
        .map(|r| r.expect("the page's requests are valid"))
        .collect()
}

/// The names of the graph views, as `export` takes them.
pub fn view_names() -> Reply {
    let names: Vec<_> = ViewKind::all().iter().map(|v| v.name()).collect();
    Reply::ok("application/json", json!(names).to_string().into_bytes())
}

/// The view and filters a `/views/NAME.svg?…` URL asks for, read before any work: an unknown name is a
/// 404 and a bad filter a 400 naming the value. The URL's parameters are `export`'s filters: `top`,
/// `min-weight`, `task` and `digest` (repeatable), read by [`super::params::filter`].
pub fn view_request(name: &str, params: Option<&str>) -> Result<(ViewKind, Filter), Reply> {
    let Some(kind) = ViewKind::from_name(name) else {
        return Err(Reply::plain(
            StatusCode::NOT_FOUND,
            &format!(
                "no view named {:?}",
                crate::shared::clip(name, super::QUOTED_CHARS)
            ),
        ));
    };
    match super::params::filter(params.unwrap_or("")).and_then(bounded) {
        Ok(filter) => Ok((kind, filter)),
        Err(message) => Err(Reply::plain(StatusCode::BAD_REQUEST, &message)),
    }
}

/// The filter with the page's bounds: [`PAGE_TOP`] nodes and [`PAGE_NEIGHBOURS`] neighbours unless
/// the URL asks for fewer; more than [`MAX_PAGE_TOP`] or [`PAGE_NEIGHBOURS`] is refused, naming the bound.
fn bounded(mut filter: Filter) -> Result<Filter, String> {
    let top = filter.top.unwrap_or(PAGE_TOP);
    let neighbours = filter.neighbours.unwrap_or(PAGE_NEIGHBOURS);
    if top > MAX_PAGE_TOP {
        return Err(format!(
            "top must be at most {MAX_PAGE_TOP} on the web page, not {top}; `paperkg export` draws larger views"
        ));
    }
    if neighbours > PAGE_NEIGHBOURS {
        return Err(format!(
            "neighbours must be at most {PAGE_NEIGHBOURS} on the web page, not {neighbours}; `paperkg export` draws larger views"
        ));
    }
    (filter.top, filter.neighbours) = (Some(top), Some(neighbours));
    Ok(filter)
}

/// A view drawn by Graphviz within `limit`.
pub fn view_svg(store: &Store, kind: ViewKind, filter: &Filter, limit: &Limit) -> Reply {
    let svg = views::build(store, kind, filter).and_then(|view| {
        let dot = export::dot(&view, &format!("paperkg: {}", kind.name()));
        export::render(&dot, Picture::Svg, limit)
    });
    match svg {
        Ok(bytes) => Reply::ok("image/svg+xml", bytes),
        Err(e) => Reply::error(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_paths_are_404_and_the_page_is_html() {
        assert_eq!(asset("/etc/passwd").status, StatusCode::NOT_FOUND);
        let page = asset("/");
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.content_type, "text/html; charset=utf-8");
    }

    #[test]
    fn every_view_the_page_asks_for_is_bounded() {
        let bounds = |params: &str| {
            let (_, f) = view_request("full", Some(params)).map_err(|r| r.status)?;
            Ok::<_, StatusCode>((f.top, f.neighbours))
        };
        let page = (Some(PAGE_TOP), Some(PAGE_NEIGHBOURS));
        assert_eq!(bounds(""), Ok(page));
        assert_eq!(bounds("top=&neighbours="), Ok(page));
        assert_eq!(bounds("top=3&neighbours=2"), Ok((Some(3), Some(2))));
        let most = format!("top={MAX_PAGE_TOP}&neighbours={PAGE_NEIGHBOURS}");
        assert_eq!(
            bounds(&most),
            Ok((Some(MAX_PAGE_TOP), Some(PAGE_NEIGHBOURS)))
        );
        let too_many = format!("top={}", MAX_PAGE_TOP + 1);
        assert_eq!(bounds(&too_many), Err(StatusCode::BAD_REQUEST));
        let too_near = format!("neighbours={}", PAGE_NEIGHBOURS + 1);
        assert_eq!(bounds(&too_near), Err(StatusCode::BAD_REQUEST));
    }

    #[test]
    fn the_warmed_requests_are_the_pages_own() {
        // If the page changes what it sends, warming must change with it, or it warms nothing.
        assert!(
            APP_JS.contains(&format!("postQuery(\"{PAGE_ACCEPT}\")")),
            "app.js sends another Accept header than PAGE_ACCEPT"
        );
        assert!(
            INDEX_HTML.contains(&format!("id=\"top\" type=\"number\" value=\"{PAGE_TOP}\"")),
            "index.html has another default top than PAGE_TOP"
        );
        assert!(APP_JS.contains("\"Content-Type\": \"application/sparql-query\""));
        assert!(APP_JS.contains("?top=${encodeURIComponent(top)}"));
        assert!(INDEX_HTML.contains(&format!("min=\"1\" max=\"{MAX_PAGE_TOP}\"")));
        let n = crate::ready::ALL.len() + ViewKind::all().len();
        assert_eq!(page_requests().len(), n);
    }
}
