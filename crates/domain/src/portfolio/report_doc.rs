//! The monthly report as a document: its sections in order, each a list of blocks. The page,
//! the Markdown and the e-mail HTML all show this one document, so what the report says has
//! one home ([`document`]); each form only lays it out ([`to_markdown`], [`to_html`], and the
//! page in `src/portfolio/report.rs`).

use crate::common::text::escape_xml as html_text;
use crate::common::text::markdown_inline as md_text;
use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::common::money::format_money;
use crate::common::text::day;
use crate::model::{Id, MonthlyNotes, NotesPart, Project, Status, Workspace};
use crate::portfolio::report::{Due, MonthlyReport, ReportLine};
use crate::portfolio::spent_percent;

/// The whole report, ready to lay out.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportDoc {
    pub organisation: String,
    /// "PMO report — November 2026".
    pub title: String,
    /// The month alone: "November 2026".
    pub month: String,
    /// "Controlling PMO · prepared 1 Dec 2026 · status as at 30 Nov 2026".
    pub subtitle: String,
    pub sections: Vec<Section>,
    /// How the figures are worked out.
    pub footnote: String,
}

/// A titled part of the report.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// A stable name (`summary`, `glance`, `exceptions`, …) for anchors and for the page.
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Para(String),
    Subheading(String),
    List(Vec<String>),
    /// Headline figures: (label, value).
    Figures(Vec<(String, String)>),
    Table(Table),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Column titles; `true` for a number column (right-aligned).
    pub head: Vec<(String, bool)>,
    pub rows: Vec<Vec<Cell>>,
    /// A totals row, if any.
    pub foot: Option<Vec<Cell>>,
}

/// One table cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// A number or amount (right-aligned).
    Num(String),
    /// A project: its name, linked on the page, with its code.
    Project {
        id: Id,
        name: String,
        code: String,
    },
    /// A status badge; `None` is "No status report".
    Status(Option<Status>),
}

impl Cell {
    /// The cell as plain text.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) | Cell::Num(t) => t.clone(),
            Cell::Project { name, code, .. } => format!("{name} ({code})"),
            Cell::Status(s) => status_words(*s).into(),
        }
    }
}

/// A status as the report says it.
pub fn status_words(s: Option<Status>) -> &'static str {
    s.map_or("No status report", Status::label)
}

/// The lines of a summary field: one item per non-empty line, list marks dropped.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| {
            l.trim()
                .trim_start_matches(['-', '*', '•'])
                .trim()
                .to_string()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

fn project_cell(p: &Project) -> Cell {
    Cell::Project {
        id: p.id.clone(),
        name: p.name.clone(),
        code: p.code.clone(),
    }
}

/// People's names by id, looked up once per report (a report may list 10,000 projects).
type Names<'a> = HashMap<&'a str, &'a str>;

fn managers(names_by_id: &Names, p: &Project) -> String {
    let names: Vec<&str> = p
        .managers
        .iter()
        .filter_map(|m| names_by_id.get(m.person_id.as_str()).copied())
        .collect();
    if names.is_empty() {
        "—".into()
    } else {
        names.join(", ")
    }
}

fn person(ws: &Workspace, id: Option<&str>) -> String {
    id.and_then(|id| ws.people.iter().find(|p| p.id == id))
        .map_or_else(|| "—".into(), |p| p.name.clone())
}

fn commentary(latest: &Option<(NaiveDate, String)>) -> String {
    match latest {
        Some((d, text)) if !text.trim().is_empty() => format!("{} — {}", day(*d), text.trim()),
        Some((d, _)) => format!("{} — no commentary", day(*d)),
        None => "No status update yet".into(),
    }
}

/// The report `r` of `ws` as a document, with the PMO's `notes` for its month.
pub fn document(
    ws: &Workspace,
    r: &MonthlyReport,
    notes: Option<&MonthlyNotes>,
    today: NaiveDate,
) -> ReportDoc {
    let s = &r.summary;
    let currency = ws.organisation.currency.as_str();
    let money = |v: i64| format_money(v, currency);
    let spent =
        |a: i64, p: i64| spent_percent(a, p).map_or_else(|| "—".into(), |p| format!("{p}%"));
    let names: Names = ws
        .people
        .iter()
        .map(|p| (p.id.as_str(), p.name.as_str()))
        .collect();
    let mut sections = Vec::new();

    // The PMO's own words come first.
    let notes = notes.cloned().unwrap_or_default();
    let mut blocks = Vec::new();
    if notes.is_empty() {
        blocks.push(Block::Para(
            "No summary has been written for this month yet.".into(),
        ));
    } else {
        for part in NotesPart::ALL {
            let items = lines(part.of(&notes));
            blocks.push(Block::Subheading(part.label().into()));
            if items.is_empty() {
                blocks.push(Block::Para("None.".into()));
            } else {
                blocks.push(Block::List(items));
            }
        }
    }
    sections.push(Section {
        id: "summary",
        heading: "PMO summary".into(),
        blocks,
    });

    sections.push(Section {
        id: "glance",
        heading: "At a glance".into(),
        blocks: vec![Block::Figures(
            [
                ("Projects reported on", s.projects),
                ("Active", s.active),
                ("Off track", s.off_track),
                ("At risk", s.at_risk),
                ("Changed status", s.changed),
                ("No status report", s.not_reported),
                ("Started this month", s.started),
                ("Finished this month", s.finished),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        )],
    });

    let previous = r.month.prev();
    let blocks = if r.exceptions.is_empty() {
        vec![Block::Para(
            "No exceptions: no active project is off track or at risk, changed status or has an overdue gate."
                .into(),
        )]
    } else {
        vec![Block::Table(Table {
            head: cols(&[
                "Project",
                "Project manager",
                "Status",
                "Why",
                "Latest commentary",
            ]),
            rows: r
                .exceptions
                .iter()
                .map(|e| {
                    let p = &ws.projects[e.project];
                    vec![
                        project_cell(p),
                        Cell::Text(managers(&names, p)),
                        Cell::Status(e.status),
                        Cell::Text(e.why(previous)),
                        Cell::Text(commentary(&e.latest)),
                    ]
                })
                .collect(),
            foot: None,
        })]
    };
    sections.push(Section {
        id: "exceptions",
        heading: format!("Exceptions ({})", r.exceptions.len()),
        blocks,
    });

    if !r.not_reported.is_empty() {
        sections.push(Section {
            id: "not-reported",
            heading: format!("No status report ({})", r.not_reported.len()),
            blocks: vec![Block::Table(Table {
                head: cols(&["Project", "Project manager", "Phase"]),
                rows: r
                    .not_reported
                    .iter()
                    .map(|l| {
                        let p = &ws.projects[l.project];
                        vec![
                            project_cell(p),
                            Cell::Text(managers(&names, p)),
                            Cell::Text(p.phase.label().into()),
                        ]
                    })
                    .collect(),
                foot: None,
            })],
        });
    }

    let mut blocks = vec![Block::Table(Table {
        head: vec![
            ("Portfolio".into(), false),
            ("Planned".into(), true),
            ("Actual".into(), true),
            ("Spent".into(), true),
            ("Forecast".into(), true),
            ("Forecast − plan".into(), true),
        ],
        rows: r
            .budget
            .iter()
            .map(|b| {
                vec![
                    Cell::Text(ws.portfolios[b.portfolio].name.clone()),
                    Cell::Num(money(b.planned)),
                    Cell::Num(money(b.actual)),
                    Cell::Num(spent(b.actual, b.planned)),
                    Cell::Num(money(b.forecast)),
                    Cell::Num(money(b.forecast - b.planned)),
                ]
            })
            .collect(),
        foot: Some(vec![
            Cell::Text("Total".into()),
            Cell::Num(money(r.planned)),
            Cell::Num(money(r.actual)),
            Cell::Num(spent(r.actual, r.planned)),
            Cell::Num(money(r.forecast)),
            Cell::Num(money(r.forecast - r.planned)),
        ]),
    })];
    if r.overruns.is_empty() {
        blocks.push(Block::Para(
            "No project forecasts more than its planned budget.".into(),
        ));
    } else {
        blocks.push(Block::Para("Largest forecast overruns:".into()));
        blocks.push(Block::List(
            r.overruns
                .iter()
                .map(|(i, over)| {
                    let p = &ws.projects[*i];
                    format!("{} ({}) — {} over plan", p.name, p.code, money(*over))
                })
                .collect(),
        ));
    }
    sections.push(Section {
        id: "budget",
        heading: "Budget position".into(),
        blocks,
    });

    let listed: HashSet<usize> = r.exceptions.iter().map(|e| e.project).collect();
    let others: Vec<(Status, &ReportLine)> = r
        .by_status
        .iter()
        .flat_map(|(s, lines)| lines.iter().map(move |l| (*s, l)))
        .filter(|(_, l)| !listed.contains(&l.project))
        .collect();
    let blocks = if others.is_empty() {
        vec![Block::Para("Every project is listed above.".into())]
    } else {
        vec![Block::Table(Table {
            head: cols(&[
                "Project",
                "Project manager",
                "Phase",
                "Status",
                "Last update",
            ]),
            rows: others
                .iter()
                .map(|&(status, l)| {
                    let p = &ws.projects[l.project];
                    vec![
                        project_cell(p),
                        Cell::Text(managers(&names, p)),
                        Cell::Text(p.phase.label().into()),
                        Cell::Status(Some(status)),
                        Cell::Text(
                            l.latest
                                .as_ref()
                                .map_or_else(|| "—".into(), |(d, _)| day(*d)),
                        ),
                    ]
                })
                .collect(),
            foot: None,
        })]
    };
    sections.push(Section {
        id: "others",
        heading: format!("On track and other projects ({})", others.len()),
        blocks,
    });

    let next = r.month.next().label();
    let blocks = if r.due_next_month.is_empty() {
        vec![Block::Para(format!("Nothing is due in {next}."))]
    } else {
        vec![Block::Table(Table {
            head: cols(&["Date", "Project", "Due"]),
            rows: r
                .due_next_month
                .iter()
                .map(|d| {
                    vec![
                        Cell::Text(day(d.date)),
                        project_cell(&ws.projects[d.project]),
                        Cell::Text(match &d.what {
                            Due::Gate(ph) => format!("{} gate", ph.label()),
                            Due::Milestone(name) => format!("Milestone: {name}"),
                        }),
                    ]
                })
                .collect(),
            foot: None,
        })]
    };
    sections.push(Section {
        id: "due",
        heading: format!("Gates and milestones due in {next}"),
        blocks,
    });

    let blocks = if r.top_risks.is_empty() {
        vec![Block::Para(
            "No open risks or issues on active projects.".into(),
        )]
    } else {
        vec![Block::Table(Table {
            head: vec![
                ("Exposure".into(), true),
                ("Risk or issue".into(), false),
                ("Project".into(), false),
                ("Owner".into(), false),
                ("Status".into(), false),
            ],
            rows: r
                .top_risks
                .iter()
                .map(|t| {
                    let risk = &ws.projects[t.project].risks[t.risk];
                    vec![
                        Cell::Num(format!(
                            "{} ({}×{})",
                            t.exposure, risk.probability, risk.impact
                        )),
                        Cell::Text(format!("{}: {}", risk.kind.label(), risk.title)),
                        project_cell(&ws.projects[t.project]),
                        Cell::Text(person(ws, risk.owner_id.as_deref())),
                        Cell::Text(risk.status.label().into()),
                    ]
                })
                .collect(),
            foot: None,
        })]
    };
    sections.push(Section {
        id: "risks",
        heading: "Top risks and issues".into(),
        blocks,
    });

    ReportDoc {
        organisation: ws.organisation.name.clone(),
        title: format!("PMO report — {}", r.month.label()),
        month: r.month.label(),
        subtitle: format!(
            "{} PMO · prepared {} · status as at {}",
            ws.organisation.pmo_type.label(),
            day(today),
            day(r.month.last().min(today))
        ),
        sections,
        footnote: "A project's status for a month is its latest status update up to the month's end (the current \
                   status for the running month); a project with none, or with status “Not set”, has no status \
                   report and counts as active. Exceptions are active projects off track or at risk, with a status \
                   change since the previous month's end, or with a pending gate dated before the report's day. \
                   Exposure is probability × impact on 1–5 scales. Archived projects are left out."
            .into(),
    }
}

fn cols(names: &[&str]) -> Vec<(String, bool)> {
    names.iter().map(|n| (n.to_string(), false)).collect()
}

/// A Markdown table cell: one line, spaces collapsed, markup escaped.
fn md_cell(text: &str) -> String {
    md_text(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The report as Markdown (GitHub-flavoured tables), for an e-mail or a wiki.
pub fn to_markdown(doc: &ReportDoc) -> String {
    let mut out = format!(
        "# {}\n\n**{}** · {}\n",
        md_text(&doc.title),
        md_text(&doc.organisation),
        md_text(&doc.subtitle)
    );
    for s in &doc.sections {
        out.push_str(&format!("\n## {}\n", md_text(&s.heading)));
        for b in &s.blocks {
            out.push('\n');
            match b {
                Block::Para(t) => out.push_str(&format!("{}\n", md_text(t))),
                Block::Subheading(t) => out.push_str(&format!("### {}\n", md_text(t))),
                Block::List(items) => {
                    for i in items {
                        out.push_str(&format!("- {}\n", md_text(i)));
                    }
                }
                Block::Figures(figures) => {
                    let head: Vec<String> = figures.iter().map(|(k, _)| md_cell(k)).collect();
                    let values: Vec<String> = figures.iter().map(|(_, v)| md_cell(v)).collect();
                    out.push_str(&format!("| {} |\n", head.join(" | ")));
                    out.push_str(&format!("|{}\n", " ---: |".repeat(figures.len())));
                    out.push_str(&format!("| {} |\n", values.join(" | ")));
                }
                Block::Table(t) => {
                    let head: Vec<String> = t.head.iter().map(|(h, _)| md_cell(h)).collect();
                    out.push_str(&format!("| {} |\n", head.join(" | ")));
                    let rule: Vec<&str> = t
                        .head
                        .iter()
                        .map(|(_, num)| if *num { "---:" } else { "---" })
                        .collect();
                    out.push_str(&format!("| {} |\n", rule.join(" | ")));
                    for row in t.rows.iter().chain(&t.foot) {
                        let cells: Vec<String> = row.iter().map(|c| md_cell(&c.text())).collect();
                        out.push_str(&format!("| {} |\n", cells.join(" | ")));
                    }
                }
            }
        }
    }
    out.push_str(&format!("\n---\n\n_{}_\n", md_text(&doc.footnote)));
    out
}

/// A status badge's colours for the e-mail (background, text), each pair above 4.5:1.
fn badge(s: Option<Status>) -> (&'static str, &'static str) {
    match s {
        Some(Status::OffTrack) => ("#b42318", "#ffffff"),
        Some(Status::AtRisk) => ("#fec84b", "#3d2600"),
        Some(Status::OnTrack) => ("#067647", "#ffffff"),
        Some(Status::Finished) => ("#344054", "#ffffff"),
        _ => ("#eaecf0", "#1d2939"),
    }
}

/// The report as one self-contained HTML document with inline styles (what e-mail clients
/// keep), for pasting into an e-mail or attaching.
pub fn to_html(doc: &ReportDoc) -> String {
    const CELL: &str =
        "border:1px solid #d0d5dd;padding:4px 8px;text-align:left;vertical-align:top";
    let mut out = format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\n\
         <body style=\"font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1d2939;max-width:60rem\">\n\
         <p style=\"color:#475467;font-weight:600;margin:0\">{org}</p>\n<h1 style=\"margin:4px 0\">{title}</h1>\n\
         <p style=\"color:#475467;margin-top:0\">{sub}</p>\n",
        title = html_text(&doc.title),
        org = html_text(&doc.organisation),
        sub = html_text(&doc.subtitle)
    );
    for s in &doc.sections {
        out.push_str(&format!(
            "<h2 style=\"border-bottom:2px solid #d0d5dd;padding-bottom:2px\">{}</h2>\n",
            html_text(&s.heading)
        ));
        for b in &s.blocks {
            match b {
                Block::Para(t) => out.push_str(&format!("<p>{}</p>\n", html_text(t))),
                Block::Subheading(t) => out.push_str(&format!("<h3>{}</h3>\n", html_text(t))),
                Block::List(items) => {
                    out.push_str("<ul>\n");
                    for i in items {
                        out.push_str(&format!("<li>{}</li>\n", html_text(i)));
                    }
                    out.push_str("</ul>\n");
                }
                Block::Figures(figures) => {
                    out.push_str("<table style=\"border-collapse:collapse\"><tr>");
                    for (k, v) in figures {
                        out.push_str(&format!(
                            "<td style=\"{CELL}\"><span style=\"color:#475467;font-size:0.85em\">{}</span><br><strong style=\"font-size:1.3em\">{}</strong></td>",
                            html_text(k),
                            html_text(v)
                        ));
                    }
                    out.push_str("</tr></table>\n");
                }
                Block::Table(t) => {
                    out.push_str(
                        "<table style=\"border-collapse:collapse;font-size:0.9em\">\n<thead><tr>",
                    );
                    for (h, num) in &t.head {
                        let align = if *num { ";text-align:right" } else { "" };
                        out.push_str(&format!(
                            "<th scope=\"col\" style=\"{CELL};background:#f2f4f7{align}\">{}</th>",
                            html_text(h)
                        ));
                    }
                    out.push_str("</tr></thead>\n<tbody>\n");
                    let row_html = |row: &[Cell], bold: bool| {
                        let mut tr = String::from("<tr>");
                        for c in row {
                            let weight = if bold { ";font-weight:700" } else { "" };
                            tr.push_str(&match c {
                                Cell::Text(x) => {
                                    format!("<td style=\"{CELL}{weight}\">{}</td>", html_text(x))
                                }
                                Cell::Num(x) => format!(
                                    "<td style=\"{CELL};text-align:right{weight}\">{}</td>",
                                    html_text(x)
                                ),
                                Cell::Project { name, code, .. } => format!(
                                    "<td style=\"{CELL}\">{} <span style=\"color:#475467;font-family:monospace\">{}</span></td>",
                                    html_text(name),
                                    html_text(code)
                                ),
                                Cell::Status(s) => {
                                    let (bg, fg) = badge(*s);
                                    format!(
                                        "<td style=\"{CELL}\"><span style=\"background:{bg};color:{fg};padding:1px 6px;border-radius:8px;white-space:nowrap\">{}</span></td>",
                                        status_words(*s)
                                    )
                                }
                            });
                        }
                        tr.push_str("</tr>\n");
                        tr
                    };
                    for row in &t.rows {
                        out.push_str(&row_html(row, false));
                    }
                    out.push_str("</tbody>\n");
                    if let Some(foot) = &t.foot {
                        out.push_str("<tfoot>\n");
                        out.push_str(&row_html(foot, true));
                        out.push_str("</tfoot>\n");
                    }
                    out.push_str("</table>\n");
                }
            }
        }
    }
    out.push_str(&format!(
        "<p style=\"color:#475467;font-size:0.85em;margin-top:2em\">{}</p>\n</body></html>\n",
        html_text(&doc.footnote)
    ));
    out
}
