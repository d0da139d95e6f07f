//! The values a client chooses: a view's filters from the URL of `/views/NAME.svg`, and the one rule for
//! a digest's date, which `export --digest` and `stats --digest` use too.

use crate::views::Filter;

/// A digest is named by a date of the calendar, `YYYY-MM-DD`: `2025-05-10`, not `2025 05 10` nor
/// `2025-13-45`. The error names the value, for clap's usage message and for a 400.
///
/// ```
/// use paperkg::endpoint::digest_date;
/// assert_eq!(digest_date("2024-02-29").as_deref(), Ok("2024-02-29"));
/// assert!(digest_date("2025-02-29").unwrap_err().contains("2025-02-29"));
/// ```
pub fn digest_date(value: &str) -> Result<String, String> {
    if crate::shared::is_date(value) {
        Ok(value.to_owned())
    } else {
        Err(format!(
            "a digest is named by its date, YYYY-MM-DD, not {value:?}"
        ))
    }
}

/// The filters of a view from a URL's query string: `top`, `neighbours`, `min-weight`, `task` and
/// `digest` (repeatable), the flags of `export`. An empty `top=`, `neighbours=` or `task=` is a form
/// field left blank and
/// means "no filter"; any other value that is not a number or a date is an error naming it.
pub fn filter(params: &str) -> Result<Filter, String> {
    let mut f = Filter::default();
    for (key, value) in form_urlencoded::parse(params.as_bytes()) {
        match key.as_ref() {
            "top" if value.trim().is_empty() => {}
            "top" => f.top = Some(number(&key, &value)?),
            "neighbours" if value.trim().is_empty() => {}
            "neighbours" => f.neighbours = Some(number(&key, &value)?),
            "min-weight" => f.min_weight = number(&key, &value)?,
            "task" if value.trim().is_empty() => {}
            "task" => f.task = Some(value.into_owned()),
            "digest" => f.digests.push(digest_date(&value)?),
            _ => {}
        }
    }
    Ok(f)
}

/// A whole number that fits its field: `-1`, `1.5`, ` 3` and `99999999999999999999` are refused.
fn number<T: std::str::FromStr>(key: &str, value: &str) -> Result<T, String> {
    value
        .parse::<T>()
        .map_err(|_| format!("{key} must be a whole number from 0 up, not {value:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_come_from_the_url() {
        let f = filter(
            "top=30&neighbours=5&min-weight=2&task=Reasoning&digest=2025-05-10&digest=2025-05-13",
        )
        .unwrap();
        assert_eq!((f.top, f.neighbours), (Some(30), Some(5)));
        assert_eq!(f.min_weight, 2);
        assert_eq!(f.task.as_deref(), Some("Reasoning"));
        assert_eq!(f.digests, ["2025-05-10", "2025-05-13"]);
        let blank = filter("top=&task=%20").unwrap();
        assert_eq!((blank.top, blank.task), (None, None));
    }

    #[test]
    fn odd_numbers_are_refused_with_their_value() {
        for (params, value) in [
            ("top=-1", "\"-1\""),
            ("top=99999999999999999999", "\"99999999999999999999\""),
            ("min-weight=-5", "\"-5\""),
            ("min-weight=", "\"\""),
            ("top=1.5", "\"1.5\""),
            ("top=%EC%85%8B", "\"셋\""),
        ] {
            let e = filter(params).unwrap_err();
            assert!(e.contains(value), "{params}: {e}");
        }
    }

    #[test]
    fn digests_are_dates_of_the_calendar() {
        for good in ["2025-05-10", "2024-02-29", "2000-02-29", "2025-12-31"] {
            assert_eq!(digest_date(good).as_deref(), Ok(good));
        }
        for bad in [
            "2025 05 10",
            "2025-13-45",
            "2025-00-10",
            "2025-05-00",
            "2025-04-31",
            "2025-02-29",
            "1900-02-29",
            " 2025-05-10",
            "",
            "２０２５-05-10",
        ] {
            let e = digest_date(bad).unwrap_err();
            assert!(e.contains(&format!("{bad:?}")), "{e}");
        }
        assert!(filter("digest=%20").unwrap_err().contains("\" \""));
    }
}
