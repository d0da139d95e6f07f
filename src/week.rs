//! ISO 8601 weeks (`2025-W19`): the unit that `trends` counts in, `report` is written for and the
//! store's statistics keep per-week counts by. A week runs Monday to Sunday and belongs to the year of
//! its Thursday, as chrono's ISO week says, so that 2024-12-30 is in 2025-W01.

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::error::Error;

/// Days in a week, to step from one Monday to the next.
const DAYS_PER_WEEK: u64 = 7;

/// One ISO week, ordered by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    year: i32,
    week: u32,
}

impl Week {
    /// Reads `YYYY-Www` (`2025-W19`): four digits, `-W`, two digits, a week the year has (W53 only in
    /// years with 53 ISO weeks). The error names the value.
    ///
    /// ```
    /// use paperkg::week::Week;
    /// let w = Week::parse("2025-W19").unwrap();
    /// assert_eq!(w.to_string(), "2025-W19");
    /// assert_eq!(w.monday().to_string(), "2025-05-05");
    /// assert!(Week::parse("2025-W54").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Week, Error> {
        let bad = || Error::Week(text.to_owned());
        let (year, week) = text.split_once("-W").ok_or_else(bad)?;
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(week, 2) {
            return Err(bad());
        }
        let (year, week) = (
            year.parse().map_err(|_| bad())?,
            week.parse().map_err(|_| bad())?,
        );
        // chrono refuses week 0, week 54 and a week 53 the year does not have.
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or_else(bad)?;
        Ok(Week { year, week })
    }

    /// The ISO week of a date.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use paperkg::week::Week;
    /// let sunday = NaiveDate::from_ymd_opt(2025, 5, 11).unwrap();
    /// assert_eq!(Week::of(sunday).to_string(), "2025-W19");
    /// ```
    pub fn of(date: NaiveDate) -> Week {
        let iso = date.iso_week();
        Week {
            year: iso.year(),
            week: iso.week(),
        }
    }

    /// The ISO week of a digest's date (`YYYY-MM-DD`), or `None` for text that is no date.
    pub fn of_date_text(date: &str) -> Option<Week> {
        NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .ok()
            .map(Week::of)
    }

    /// The week's Monday.
    pub fn monday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Mon)
            .expect("a Week is only made from a valid ISO week")
    }

    /// The week's Sunday.
    pub fn sunday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.week, Weekday::Sun)
            .expect("a Week is only made from a valid ISO week")
    }

    /// The week after this one.
    pub fn next(self) -> Week {
        Week::of(self.monday() + chrono::Days::new(DAYS_PER_WEEK))
    }

    /// The week `n` weeks before this one (the earliest date chrono knows, if that is further back).
    pub fn back(self, n: usize) -> Week {
        let days = DAYS_PER_WEEK.saturating_mul(n as u64);
        Week::of(
            self.monday()
                .checked_sub_days(chrono::Days::new(days))
                .unwrap_or(NaiveDate::MIN),
        )
    }

    /// Every week from `self` to `last`, both included; empty when `last` comes first.
    ///
    /// ```
    /// use paperkg::week::Week;
    /// let w52 = Week::parse("2020-W52").unwrap();
    /// let weeks = w52.through(Week::parse("2021-W01").unwrap());
    /// assert_eq!(weeks.iter().map(|w| w.to_string()).collect::<Vec<_>>(), ["2020-W52", "2020-W53", "2021-W01"]);
    /// assert_eq!(weeks[2].back(2), w52);
    /// ```
    pub fn through(self, last: Week) -> Vec<Week> {
        let mut weeks = Vec::new();
        let mut w = self;
        while w <= last {
            weeks.push(w);
            w = w.next();
        }
        weeks
    }
}

impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-W{:02}", self.year, self.week)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_are_read_strictly() {
        for good in ["2025-W19", "2025-W01", "2020-W53", "2026-W53"] {
            assert_eq!(Week::parse(good).unwrap().to_string(), good);
        }
        for bad in [
            "2025-W00",
            "2025-W54",
            "2025-W53",
            "2025-w19",
            "2025W19",
            "2025-W1",
            "2025-W019",
            " 2025-W19",
            "25-W19",
            "",
            "2025-05-10",
            "２０２５-W19",
            "2025-W+1",
        ] {
            let e = Week::parse(bad).unwrap_err().to_string();
            assert!(e.contains(&format!("{bad:?}")), "{bad}: {e}");
        }
    }

    #[test]
    fn sample_digests_fall_in_weeks_19_and_20() {
        let week = |d: &str| Week::of_date_text(d).unwrap().to_string();
        for d in ["2025-05-06", "2025-05-07", "2025-05-10"] {
            assert_eq!(week(d), "2025-W19");
        }
        for d in ["2025-05-12", "2025-05-13", "2025-05-14"] {
            assert_eq!(week(d), "2025-W20");
        }
        // The ISO year is the year of the week's Thursday.
        assert_eq!(week("2024-12-30"), "2025-W01");
        assert_eq!(week("2021-01-03"), "2020-W53");
    }

    #[test]
    fn weeks_step_across_years() {
        let w = Week::parse("2020-W52").unwrap();
        let span: Vec<String> = w
            .through(Week::parse("2021-W02").unwrap())
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(span, ["2020-W52", "2020-W53", "2021-W01", "2021-W02"]);
        assert_eq!(Week::parse("2021-W02").unwrap().back(3), w);
        assert!(w.through(Week::parse("2020-W51").unwrap()).is_empty());
        assert_eq!(w.sunday().to_string(), "2020-12-27");
    }
}
