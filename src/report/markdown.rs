//! The weekly report as Markdown: the same sections as the HTML page, the rise and fall as tables
//! (Markdown has no inline charts; the HTML report draws them). Text from the store is escaped so that
//! a title with `*`, `|` or `[` cannot change the layout.

use std::fmt::Write as _;

use super::{
    HEADING_BASELINES, HEADING_DATASETS, HEADING_KINDS, HEADING_PAPERS, HEADING_TRENDS, Kinds,
    Report,
};

/// Characters that Markdown (CommonMark and GitHub tables) reads as syntax inside a line.
const SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '!', '{', '}', '&',
];

/// Text from the store, escaped for a Markdown line or table cell; line breaks become spaces.
///
/// ```
/// assert_eq!(paperkg::report::escape_markdown("a|b *c*\nd"), "a\\|b \\*c\\* d");
/// ```
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            c if SPECIAL.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Renders the report as Markdown.
pub fn markdown(report: &Report) -> String {
    let mut md = String::new();
    let _ = write!(
        md,
        "# {}\n\n{}\n\n",
        escape(&report.title()),
        escape(&report.summary())
    );
    papers(&mut md, report);
    let _ = write!(md, "\n## {HEADING_DATASETS}\n\n");
    if report.datasets.is_empty() {
        let _ = writeln!(md, "{}", Report::empty_datasets());
    }
    for (label, ids) in &report.datasets {
        let links: Vec<String> = ids.iter().map(|id| link(id)).collect();
        let _ = writeln!(md, "- {} — {}", escape(label), links.join(", "));
    }
    let _ = write!(md, "\n## {HEADING_BASELINES}\n\n");
    counts(
        &mut md,
        "baseline",
        &report.baselines,
        Report::empty_baselines(),
    );
    let _ = write!(md, "\n## {HEADING_KINDS}\n\n");
    match (&report.kinds, report.kinds_note()) {
        (_, Some(sentence)) => {
            let _ = writeln!(md, "{}", escape(&sentence));
        }
        (Kinds::Recurring(rows), None) => counts(&mut md, "limitation kind", rows, ""),
        (Kinds::NotInStore, None) => {}
    }
    trends(&mut md, report);
    md
}

/// A paper's arXiv id linked to its Hugging Face page.
fn link(id: &str) -> String {
    format!("[{}]({}{id})", escape(id), super::PAPER_PAGE)
}

fn papers(md: &mut String, report: &Report) {
    let _ = write!(
        md,
        "## {HEADING_PAPERS}\n\n| arXiv | title | tasks |\n|---|---|---|\n"
    );
    for p in &report.papers {
        let cells = [escape(p.title_text()), escape(&p.tasks.join(", "))];
        let _ = writeln!(md, "| {} | {} |", link(&p.arxiv_id), cells.join(" | "));
    }
}

/// The rise and fall as tables: Markdown has no inline charts.
fn trends(md: &mut String, report: &Report) {
    let _ = write!(
        md,
        "\n## {HEADING_TRENDS}\n\n{}\n",
        escape(&report.trends_note())
    );
    let t = &report.trends;
    for (name, list) in [("rising", &t.rising), ("falling", &t.falling)] {
        if list.is_empty() {
            continue;
        }
        let _ = write!(
            md,
            "\n### {name}\n\n| task | before, per week | this week | change |\n|---|---:|---:|---:|\n"
        );
        for s in list {
            if let Some(c) = s.change {
                let _ = writeln!(md, "| {} | {} |", escape(&s.label), c.columns().join(" | "));
            }
        }
    }
}

/// A two-column table of labels and numbers of papers, or the sentence for an empty one.
fn counts(md: &mut String, head: &str, rows: &[(String, u64)], empty: &str) {
    if rows.is_empty() {
        let _ = writeln!(md, "{empty}");
        return;
    }
    let _ = write!(md, "| {head} | papers |\n|---|---:|\n");
    for (label, n) in rows {
        let _ = writeln!(md, "| {} | {n} |", escape(label));
    }
}
