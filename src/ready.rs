//! The ready queries of `queries/`, embedded in the binary so that `serve` offers them without the
//! source tree. A unit test checks that this list and the folder agree.

/// One ready query: its file name without `.rq`, and its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadyQuery {
    pub name: &'static str,
    pub text: &'static str,
}

impl ReadyQuery {
    /// The question the query answers: the first comment line of the file.
    ///
    /// ```
    /// let q = paperkg::ready::find("datasets-by-papers").unwrap();
    /// assert_eq!(q.title(), "Which datasets and benchmarks are used by the most papers?");
    /// ```
    pub fn title(&self) -> &'static str {
        self.text
            .lines()
            .find_map(|l| l.strip_prefix('#'))
            .map_or(self.name, str::trim)
    }
}

macro_rules! ready {
    ($($name:literal),* $(,)?) => {
        &[$(ReadyQuery { name: $name, text: include_str!(concat!("../queries/", $name, ".rq")) }),*]
    };
}

/// Every ready query, sorted by name.
pub const ALL: &[ReadyQuery] = ready![
    "baselines-most-beaten",
    "datasets-by-papers",
    "future-answers-limitation",
    "introduced",
    "limitation-kinds-per-task",
    "limitation-kinds-per-week",
    "paper-appearances",
    "papers-by-task-family",
    "papers-per-digest",
    "papers-without-limitations",
    "recurring-limitations",
    "results-by-metric",
    "results-on-dataset",
    "shared-baselines",
    "tasks-and-datasets",
    "unplaced-items",
];

/// The ready query of that name.
pub fn find(name: &str) -> Option<&'static ReadyQuery> {
    ALL.iter().find(|q| q.name == name)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_list_matches_the_queries_folder() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| {
                let name = e.unwrap().file_name().into_string().unwrap();
                name.strip_suffix(".rq").map(str::to_owned)
            })
            .collect();
        names.sort();
        let listed: Vec<&str> = super::ALL.iter().map(|q| q.name).collect();
        assert_eq!(names, listed, "add the new query to src/ready.rs");
    }

    #[test]
    fn every_query_has_a_question_as_title() {
        for q in super::ALL {
            assert!(q.title().contains('?'), "{}: {}", q.name, q.title());
        }
    }
}
