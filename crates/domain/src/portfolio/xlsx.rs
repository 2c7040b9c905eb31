//! The register and the monthly report's tables as Excel workbooks: amounts, dates and
//! percentages as real cells (sums and filters work in Excel), RAG and status as fills.

use crate::common::xlsx::{workbook, Cell, Rag as Fill, Sheet};
use crate::model::{Rag, Status, Workspace};
use crate::portfolio::report_doc::{self, Block, ReportDoc};
use crate::portfolio::{latest_update, overrun, Column, RegisterIndex};

/// Minor units (cents) as major units.
fn money(minor: i64) -> Cell {
    Cell::Money(minor as f64 / 100.0)
}

fn rag_cell(r: Rag) -> Cell {
    match r {
        Rag::NotSet => Cell::Empty,
        Rag::Green => Cell::Rag(r.label().into(), Fill::Green),
        Rag::Amber => Cell::Rag(r.label().into(), Fill::Amber),
        Rag::Red => Cell::Rag(r.label().into(), Fill::Red),
    }
}

fn status_cell(s: Status) -> Cell {
    match s {
        Status::OnTrack => Cell::Rag(s.label().into(), Fill::Green),
        Status::AtRisk => Cell::Rag(s.label().into(), Fill::Amber),
        Status::OffTrack => Cell::Rag(s.label().into(), Fill::Red),
        _ => Cell::Text(s.label().into()),
    }
}

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

/// The projects `rows` (indexes into `ws.projects`, in the register's order) with `columns`,
/// as the register shows them.
pub fn register(ws: &Workspace, rows: &[usize], columns: &[Column]) -> Vec<u8> {
    let index = RegisterIndex::build(ws);
    let date = |d: Option<chrono::NaiveDate>| d.map_or(Cell::Empty, Cell::Date);
    let body = rows
        .iter()
        .filter_map(|&i| Some((ws.projects.get(i)?, index.rows.get(i)?)))
        .map(|(p, ix)| {
            columns
                .iter()
                .map(|c| match c {
                    Column::Code => text(&p.code),
                    Column::Name => text(&p.name),
                    Column::Portfolio => text(&ix.portfolio),
                    Column::Programme => text(&ix.programme),
                    Column::Phase => text(p.phase.label()),
                    Column::Status => status_cell(p.status),
                    Column::Schedule => rag_cell(p.rag.schedule),
                    Column::Cost => rag_cell(p.rag.cost),
                    Column::Scope => rag_cell(p.rag.scope),
                    Column::Trend => text(ix.trend.label()),
                    Column::Commentary => {
                        text(latest_update(p).map_or("", |u| u.commentary.trim()))
                    }
                    Column::Updated => date(latest_update(p).map(|u| u.date)),
                    // As the CSV export writes them, so that the file imports back.
                    Column::Manager => text(&crate::portfolio::csv::managers_text(ws, p)),
                    Column::Sponsor => text(&ix.sponsor),
                    Column::Start => date(p.start),
                    Column::End => date(p.end),
                    Column::Planned => money(p.budget.planned),
                    Column::Actual => money(p.budget.actual),
                    Column::Forecast => money(p.budget.forecast),
                    Column::Overrun => money(overrun(p)),
                    Column::Complete => Cell::Percent(f64::from(p.percent_complete) / 100.0),
                    Column::Priority => Cell::Number(ix.priority.round()),
                })
                .collect()
        })
        .collect();
    let sheet = Sheet {
        name: "Projects".into(),
        // The RAG columns as the CSV export names them: "Cost" alone is another tool's cost.
        header: columns
            .iter()
            .map(|c| match c {
                Column::Schedule | Column::Cost | Column::Scope => format!("{} RAG", c.label()),
                c => c.label().to_string(),
            })
            .collect(),
        rows: body,
    };
    workbook(&[sheet], &ws.organisation.currency)
}

/// A report cell: amounts and counts as numbers where the text is one, a status as a fill.
fn report_cell(c: &report_doc::Cell) -> Cell {
    match c {
        report_doc::Cell::Num(t) => {
            let digits: String = t
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-' || *c == '−')
                .map(|c| if c == '−' { '-' } else { c })
                .collect();
            match digits.parse::<f64>() {
                Ok(v) if t.trim_end().ends_with('%') => Cell::Percent(v / 100.0),
                Ok(v) if t.chars().any(|c| c.is_alphabetic() || "€$£¥".contains(c)) => {
                    Cell::Money(v)
                }
                Ok(v) => Cell::Number(v),
                Err(_) => text(t),
            }
        }
        report_doc::Cell::Status(Some(s)) => status_cell(*s),
        other => text(&other.text()),
    }
}

/// Every table of the monthly report, one sheet each, named by its section.
pub fn report(doc: &ReportDoc, currency: &str) -> Vec<u8> {
    let mut sheets = Vec::new();
    for section in &doc.sections {
        for block in &section.blocks {
            if let Block::Table(t) = block {
                let mut rows: Vec<Vec<Cell>> = t
                    .rows
                    .iter()
                    .map(|r| r.iter().map(report_cell).collect())
                    .collect();
                if let Some(foot) = &t.foot {
                    rows.push(foot.iter().map(report_cell).collect());
                }
                sheets.push(Sheet {
                    name: section.heading.clone(),
                    header: t.head.iter().map(|(h, _)| h.clone()).collect(),
                    rows,
                });
            }
        }
    }
    if sheets.is_empty() {
        sheets.push(Sheet {
            name: doc.month.clone(),
            header: vec![doc.title.clone()],
            rows: vec![vec![Cell::Text(
                "This month's report has no tables.".into(),
            )]],
        });
    }
    workbook(&sheets, currency)
}
