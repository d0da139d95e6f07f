//! The web page and what it reads besides `/sparql`: its files, embedded in the binary so that it works
//! offline; the ready queries and view names as JSON; and each graph view as an SVG picture.

use oxhttp::model::StatusCode;
use serde_json::json;

use super::Reply;
use crate::export::{self, Picture};
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

/// The names of the graph views, as `export` takes them.
pub fn view_names() -> Reply {
    let names: Vec<_> = ViewKind::all().iter().map(|v| v.name()).collect();
    Reply::ok("application/json", json!(names).to_string().into_bytes())
}

/// A view drawn by Graphviz. The URL's parameters are `export`'s filters: `top`, `min-weight`, `task`
/// and `digest` (repeatable).
pub fn view_svg(store: &Store, name: &str, params: Option<&str>) -> Reply {
    let Some(kind) = ViewKind::from_name(name) else {
        return Reply::plain(StatusCode::NOT_FOUND, &format!("no view named {name:?}"));
    };
    let filter = match filter(params.unwrap_or("")) {
        Ok(f) => f,
        Err(message) => return Reply::plain(StatusCode::BAD_REQUEST, &message),
    };
    let svg = views::build(store, kind, &filter).and_then(|view| {
        let dot = export::dot(&view, &format!("paperkg: {name}"));
        export::render(&dot, Picture::Svg)
    });
    match svg {
        Ok(bytes) => Reply::ok("image/svg+xml", bytes),
        Err(e) => Reply::error(&e),
    }
}

fn filter(params: &str) -> Result<Filter, String> {
    let mut f = Filter::default();
    for (key, value) in form_urlencoded::parse(params.as_bytes()) {
        let number = || {
            value
                .parse::<u64>()
                .map_err(|_| format!("{key} must be a whole number, not {value:?}"))
        };
        match key.as_ref() {
            "top" if value.is_empty() => {}
            "top" => f.top = Some(number()? as usize),
            "min-weight" => f.min_weight = number()?,
            "task" => f.task = Some(value.into_owned()),
            "digest" if crate::ns::digest_iri(&value).is_none() => {
                return Err(format!("digest must be a date, YYYY-MM-DD, not {value:?}"));
            }
            "digest" => f.digests.push(value.into_owned()),
            _ => {}
        }
    }
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_come_from_the_url() {
        let f = filter("top=30&min-weight=2&task=Reasoning&digest=2025-05-10&digest=2025-05-13")
            .unwrap();
        assert_eq!(f.top, Some(30));
        assert_eq!(f.min_weight, 2);
        assert_eq!(f.task.as_deref(), Some("Reasoning"));
        assert_eq!(f.digests, ["2025-05-10", "2025-05-13"]);
        assert!(filter("top=").unwrap().top.is_none());
        assert_eq!(
            filter("top=-1").unwrap_err(),
            "top must be a whole number, not \"-1\""
        );
    }

    #[test]
    fn unknown_paths_are_404_and_the_page_is_html() {
        assert_eq!(asset("/etc/passwd").status, StatusCode::NOT_FOUND);
        let page = asset("/");
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(page.content_type, "text/html; charset=utf-8");
    }
}
