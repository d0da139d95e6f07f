//! The weekly report on the server: `/report/2025-W19` answers the page that `paperkg report` writes,
//! and `/api/weeks` lists the weeks that have digests, for the web page's links.

use oxhttp::model::StatusCode;
use serde_json::json;

use super::Reply;
use crate::error::Error;
use crate::report::{self, Config};
use crate::store::Store;
use crate::trends::{self, Week};

/// The report a `/report/{week}` path asks for, read before any work: a bad week is a 400 naming it.
pub fn request(week: &str) -> Result<Config, Reply> {
    match Week::parse(week) {
        Ok(week) => Ok(Config {
            week,
            weeks: trends::DEFAULT_WEEKS,
            top: report::DEFAULT_TOP,
        }),
        Err(e) => Err(Reply::plain(
            StatusCode::BAD_REQUEST,
            &crate::shared::clip(&e.to_string(), super::QUOTED_CHARS),
        )),
    }
}

/// The report as an HTML page; a week without digests is a 404 that says which weeks the store has.
pub fn page(store: &Store, config: &Config) -> Reply {
    match report::gather(store, config).and_then(|r| report::html(&r)) {
        Ok(html) => Reply::ok("text/html; charset=utf-8", html.into_bytes()),
        Err(e @ Error::EmptyWeek { .. }) => Reply::plain(StatusCode::NOT_FOUND, &e.to_string()),
        Err(e) => Reply::error(&e),
    }
}

/// `["2025-W20", "2025-W19"]`: the weeks with at least one digest, newest first.
pub fn weeks(store: &Store) -> Reply {
    match store.digest_dates() {
        Ok(dates) => {
            let mut weeks: Vec<Week> = dates.iter().filter_map(|d| Week::of_date_text(d)).collect();
            weeks.sort_unstable_by(|a, b| b.cmp(a));
            weeks.dedup();
            let names: Vec<String> = weeks.iter().map(ToString::to_string).collect();
            Reply::ok("application/json", json!(names).to_string().into_bytes())
        }
        Err(e) => Reply::error(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_weeks_are_400_naming_the_value() {
        assert!(request("2025-W19").is_ok());
        for bad in ["2025-W99", "W19", "", "2025-19"] {
            let reply = request(bad).err().unwrap();
            assert_eq!(reply.status, StatusCode::BAD_REQUEST);
            let body = String::from_utf8(reply.body).unwrap();
            assert!(body.contains(&format!("{bad:?}")), "{body}");
        }
    }
}
