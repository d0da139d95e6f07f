//! The weekly report as one self-contained HTML page: the style sheet is inline, the charts are inline
//! SVG, and the only links are the papers' Hugging Face pages, so the file can be mailed or opened
//! offline. Every text from the store is escaped with the `html-escape` crate.

use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::{
    HEADING_BASELINES, HEADING_DATASETS, HEADING_KINDS, HEADING_PAPERS, HEADING_TRENDS, Kinds,
    Report,
};
use crate::error::Error;
use crate::trends::{Series, line_chart};

const STYLE: &str = "
body { font-family: NanumGothic, 'Noto Sans CJK KR', system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
main { max-width: 980px; margin: 0 auto; padding: 24px; background: #fff; }
h1 { margin-bottom: 4px; } h2 { border-bottom: 1px solid #d0d7de; padding-bottom: 4px; margin-top: 32px; }
.summary, .note { color: #57606a; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border-bottom: 1px solid #eaeef2; padding: 4px 8px; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
a { color: #0969da; } nav a { margin-right: 12px; }
figure { margin: 12px 0; } figure svg { max-width: 100%; height: auto; }
";

/// Renders the report as an HTML page.
pub fn html(report: &Report) -> Result<String, Error> {
    let mut page = String::new();
    let title = text(&report.title()).into_owned();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{title}</h1>\n<p class=\"summary\">{}</p>\n",
        text(&report.summary())
    );
    page += "<nav><a href=\"#papers\">papers</a><a href=\"#datasets\">datasets</a><a href=\"#baselines\">baselines</a><a href=\"#limitations\">limitations</a><a href=\"#trends\">trends</a></nav>\n";
    papers(&mut page, report);
    datasets(&mut page, report);
    baselines(&mut page, report);
    kinds(&mut page, report);
    trends(&mut page, report)?;
    page += "</main>\n</body>\n</html>\n";
    Ok(page)
}

/// A link to a paper's Hugging Face page, showing its arXiv id.
fn paper_link(arxiv_id: &str) -> String {
    let page = format!("{}{arxiv_id}", super::PAPER_PAGE);
    format!("<a href=\"{}\">{}</a>", attr(&page), text(arxiv_id))
}

/// A section: its heading, then the sentence `empty` when there is one, else what `body` writes.
fn section(
    page: &mut String,
    id: &str,
    heading: &str,
    empty: Option<&str>,
    body: impl FnOnce(&mut String),
) {
    let _ = write!(page, "<section id=\"{id}\">\n<h2>{}</h2>\n", text(heading));
    match empty {
        Some(sentence) => note(page, sentence),
        None => body(page),
    }
    page.push_str("</section>\n");
}

fn note(page: &mut String, sentence: &str) {
    let _ = writeln!(page, "<p class=\"note\">{}</p>", text(sentence));
}

fn papers(page: &mut String, report: &Report) {
    section(page, "papers", HEADING_PAPERS, None, |page| {
        page.push_str(
            "<table>\n<thead><tr><th>arXiv</th><th>title</th><th>tasks</th></tr></thead>\n<tbody>\n",
        );
        for p in &report.papers {
            let tasks = p.tasks.join(", ");
            let cells = [text(p.title_text()), text(&tasks)];
            let _ = writeln!(
                page,
                "<tr><td>{}</td><td>{}</td></tr>",
                paper_link(&p.arxiv_id),
                cells.join("</td><td>")
            );
        }
        page.push_str("</tbody>\n</table>\n");
    });
}

fn datasets(page: &mut String, report: &Report) {
    let empty = report.datasets.is_empty().then(Report::empty_datasets);
    section(page, "datasets", HEADING_DATASETS, empty, |page| {
        page.push_str("<ul>\n");
        for (label, ids) in &report.datasets {
            let links: Vec<String> = ids.iter().map(|id| paper_link(id)).collect();
            let _ = writeln!(page, "<li>{} — {}</li>", text(label), links.join(", "));
        }
        page.push_str("</ul>\n");
    });
}

/// A two-column table of labels and numbers of papers.
fn counts_table(page: &mut String, head: &str, rows: &[(String, u64)]) {
    let _ = writeln!(
        page,
        "<table>\n<thead><tr><th>{}</th><th>papers</th></tr></thead>\n<tbody>",
        text(head)
    );
    for (label, n) in rows {
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td class=\"n\">{n}</td></tr>",
            text(label)
        );
    }
    page.push_str("</tbody>\n</table>\n");
}

fn baselines(page: &mut String, report: &Report) {
    let empty = report.baselines.is_empty().then(Report::empty_baselines);
    section(page, "baselines", HEADING_BASELINES, empty, |page| {
        counts_table(page, "baseline", &report.baselines);
    });
}

fn kinds(page: &mut String, report: &Report) {
    let note = report.kinds_note();
    section(
        page,
        "limitations",
        HEADING_KINDS,
        note.as_deref(),
        |page| {
            if let Kinds::Recurring(rows) = &report.kinds {
                counts_table(page, "limitation kind", rows);
            }
        },
    );
}

fn trends(page: &mut String, report: &Report) -> Result<(), Error> {
    let t = &report.trends;
    let mut charts = Vec::new();
    for (name, list) in [("rising", &t.rising), ("falling", &t.falling)] {
        if !list.is_empty() {
            let chart = line_chart(&format!("{name} tasks, papers per week"), &t.weeks, list)?;
            charts.push((name, list, chart));
        }
    }
    section(page, "trends", HEADING_TRENDS, None, |page| {
        note(page, &report.trends_note());
        for (name, list, chart) in charts {
            let _ = writeln!(page, "<h3>{name}</h3>");
            movers(page, list);
            let _ = writeln!(page, "<figure class=\"chart {name}\">{chart}</figure>");
        }
    });
    Ok(())
}

fn movers(page: &mut String, list: &[Series]) {
    page.push_str("<table>\n<thead><tr><th>task</th><th>before, per week</th><th>this week</th><th>change</th></tr></thead>\n<tbody>\n");
    for s in list {
        let Some(c) = s.change else { continue };
        let cells = c.columns().join("</td><td class=\"n\">");
        let _ = writeln!(
            page,
            "<tr><td>{}</td><td class=\"n\">{cells}</td></tr>",
            text(&s.label)
        );
    }
    page.push_str("</tbody>\n</table>\n");
}
