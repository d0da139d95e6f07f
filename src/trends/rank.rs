//! An entity's papers per week, its change between the earlier and the recent weeks of the window, and
//! the three lists of `trends`: the most papers, the largest rises, the largest falls.

use std::cmp::Ordering;

/// Papers per week, the earlier part of the window against the recent part.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    /// Mean papers per week over the earlier weeks that have digests.
    pub earlier: f64,
    /// Mean papers per week over the recent weeks that have digests.
    pub recent: f64,
}

/// Decimals of the per-week means and of the change wherever they are printed.
const MEAN_DECIMALS: usize = 2;

impl Change {
    /// Recent minus earlier: above zero it rose, below zero it fell.
    pub fn delta(self) -> f64 {
        self.recent - self.earlier
    }

    /// The earlier mean, the recent mean and the signed change as printed in tables, CSV and reports.
    ///
    /// ```
    /// use paperkg::trends::Change;
    /// let c = Change { earlier: 2.0, recent: 3.5 };
    /// assert_eq!(c.columns(), ["2.00", "3.50", "+1.50"]);
    /// assert_eq!(Change { earlier: 1.0, recent: 1.0 }.columns()[2], "0.00");
    /// ```
    pub fn columns(self) -> [String; 3] {
        let delta = self.delta();
        // No change reads "0.00", not "+0.00".
        let change = if delta == 0.0 {
            format!("{:.MEAN_DECIMALS$}", 0.0)
        } else {
            format!("{delta:+.MEAN_DECIMALS$}")
        };
        [
            format!("{:.MEAN_DECIMALS$}", self.earlier),
            format!("{:.MEAN_DECIMALS$}", self.recent),
            change,
        ]
    }
}

/// One entity's counts over the window.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub iri: String,
    pub label: String,
    /// Distinct papers per week of the window.
    pub counts: Vec<u64>,
    /// `None` when the window cannot be split (see [`super::Trends::split`]).
    pub change: Option<Change>,
}

impl Series {
    /// A series with its change between the weeks before `split` and the weeks from it on, each a mean
    /// over the weeks that have digests.
    ///
    /// ```
    /// use paperkg::trends::Series;
    /// let s = Series::new("t".into(), "reasoning".into(), vec![1, 0, 3, 5], &[true, false, true, true], Some(2));
    /// let c = s.change.unwrap();
    /// assert_eq!((c.earlier, c.recent, c.delta()), (1.0, 4.0, 3.0));
    /// ```
    pub fn new(
        iri: String,
        label: String,
        counts: Vec<u64>,
        with_digests: &[bool],
        split: Option<usize>,
    ) -> Series {
        let mean = |range: std::ops::Range<usize>| {
            let weeks: Vec<u64> = range
                .filter(|&i| with_digests.get(i).copied().unwrap_or(false))
                .map(|i| counts.get(i).copied().unwrap_or(0))
                .collect();
            // `split` is only set when both parts have a week with digests, so `weeks` is not empty.
            weeks.iter().sum::<u64>() as f64 / weeks.len().max(1) as f64
        };
        let change = split.map(|s| Change {
            earlier: mean(0..s),
            recent: mean(s..counts.len()),
        });
        Series {
            iri,
            label,
            counts,
            change,
        }
    }

    /// Papers over the whole window (a paper listed in two weeks counts in both).
    pub fn total(&self) -> u64 {
        self.counts.iter().sum()
    }

    fn delta(&self) -> f64 {
        self.change.map_or(0.0, Change::delta)
    }
}

/// Ties are broken by IRI (whose slug reads like the label), so that the same store gives the same
/// lists; labels are looked up only for the entities listed, after ranking.
fn by_name(a: &Series, b: &Series) -> Ordering {
    a.iri.cmp(&b.iri)
}

/// The `n` entities with the most papers, the `n` that rose most (largest positive change; ties: more
/// recent papers first) and the `n` that fell most (largest negative change; ties: more earlier papers
/// first); remaining ties go by IRI. An entity whose papers per week did not change is in neither of
/// the last two.
///
/// ```
/// use paperkg::trends::{Series, rank};
/// let s = |label: &str, counts: Vec<u64>| Series::new(label.into(), label.into(), counts, &[true, true], Some(1));
/// let (top, rising, falling) = rank(vec![s("a", vec![5, 1]), s("b", vec![0, 2]), s("c", vec![1, 1])], 2);
/// assert_eq!(top.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(), ["a", "b"]);
/// assert_eq!(rising[0].label, "b");
/// assert_eq!(falling[0].label, "a");
/// ```
pub fn rank(series: Vec<Series>, n: usize) -> (Vec<Series>, Vec<Series>, Vec<Series>) {
    let mut top = series.clone();
    top.sort_by(|a, b| b.total().cmp(&a.total()).then_with(|| by_name(a, b)));
    top.truncate(n);
    let rising = movers(&series, n, Direction::Rising);
    let falling = movers(&series, n, Direction::Falling);
    (top, rising, falling)
}

#[derive(Clone, Copy, PartialEq)]
enum Direction {
    Rising,
    Falling,
}

/// The `n` entities that moved most in one direction. Of two that moved as much, the one with more
/// papers on the side it moved to comes first (more recent papers for a rise, more earlier ones for a
/// fall): a rise from 1 to 3 says more than a rise from 0 to 2.
fn movers(series: &[Series], n: usize, direction: Direction) -> Vec<Series> {
    let (sign, side): (f64, fn(Change) -> f64) = match direction {
        Direction::Rising => (1.0, |c| c.recent),
        Direction::Falling => (-1.0, |c| c.earlier),
    };
    let moved = |s: &Series| s.delta() * sign;
    let weight = |s: &Series| s.change.map_or(0.0, side);
    let mut v: Vec<Series> = series.iter().filter(|s| moved(s) > 0.0).cloned().collect();
    v.sort_by(|a, b| {
        moved(b)
            .total_cmp(&moved(a))
            .then_with(|| weight(b).total_cmp(&weight(a)))
            .then_with(|| by_name(a, b))
    });
    v.truncate(n);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(label: &str, counts: &[u64], with: &[bool], split: Option<usize>) -> Series {
        Series::new(label.into(), label.into(), counts.to_vec(), with, split)
    }

    #[test]
    fn weeks_without_digests_do_not_count_as_zero() {
        let s = series("x", &[2, 0, 0, 2], &[true, false, true, true], Some(2));
        let c = s.change.unwrap();
        assert_eq!((c.earlier, c.recent), (2.0, 1.0));
        assert_eq!(s.total(), 4);
        assert_eq!(series("y", &[1, 2], &[true, true], None).change, None);
    }

    #[test]
    fn rises_and_falls_are_ranked_by_change_then_by_name() {
        let with = [true; 4];
        let all = vec![
            series("steady", &[3, 3, 3, 3], &with, Some(2)),
            series("up-small", &[0, 0, 1, 1], &with, Some(2)),
            series("up-big", &[0, 1, 4, 5], &with, Some(2)),
            series("down", &[4, 4, 0, 0], &with, Some(2)),
            series("b-tie", &[0, 0, 1, 1], &with, Some(2)),
            series("down-small", &[1, 0, 0, 0], &with, Some(2)),
        ];
        let (top, rising, falling) = rank(all, 3);
        let names = |v: &[Series]| v.iter().map(|s| s.label.clone()).collect::<Vec<_>>();
        assert_eq!(names(&top), ["steady", "up-big", "down"]);
        assert_eq!(names(&rising), ["up-big", "b-tie", "up-small"]);
        assert_eq!(names(&falling), ["down", "down-small"]);
        assert_eq!(rising[0].change.unwrap().delta(), 4.0);
    }

    #[test]
    fn without_a_split_nothing_rises_or_falls() {
        let all = vec![
            series("a", &[1], &[true], None),
            series("b", &[2], &[true], None),
        ];
        let (top, rising, falling) = rank(all, 5);
        assert_eq!(top.len(), 2);
        assert!(rising.is_empty() && falling.is_empty());
    }
}
