//! The monthly PMO report: what a steering committee reads each month.
//!
//! Rules (documented here because the report states them too):
//! - A project's status *at* a day is its latest status update dated on or before that day;
//!   for a day on or after today it is the project's current status. A project with no update
//!   by then, or whose status is "Not set", has **no status report** for that day: it is
//!   counted as such (and as active) everywhere in the report, never as a status of its own.
//! - The report covers live (not archived) projects that had started by the end of the month
//!   or have a status for it; the report for the running month covers every live project
//!   (as the dashboard does).
//! - **Exceptions** are the active projects that need the committee's eye: off track, at
//!   risk, changed status since the end of the previous month, or with a pending gate dated
//!   before the report's day (the month's end, or today for the running month). They are
//!   listed first, worst first; the other projects are condensed into one table.
//! - Status changes compare the status at the end of the previous month with the status at the
//!   end of the chosen month; a project with no earlier status is listed when its first update
//!   falls in the month.
//! - "Due next month" lists pending gates and open milestones dated in the following month.
//! - Top risks are the open or mitigating risks and issues of active projects with the highest
//!   exposure (probability × impact), ties by project code.

use chrono::{Datelike, Months, NaiveDate};

use crate::model::{
    GateDecision, Money, MonthlyNotes, Phase, Project, Rag, RagSet, RiskStatus, Status, Workspace,
};
use crate::portfolio::charts::{budget_by_portfolio, PortfolioBudget};
use crate::portfolio::severity;

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    pub fn containing(day: NaiveDate) -> Month {
        Month {
            year: day.year(),
            month: day.month(),
        }
    }

    /// Parse `YYYY-MM`.
    pub fn parse(s: &str) -> Option<Month> {
        let (y, m) = s.trim().split_once('-')?;
        let year: i32 = y.parse().ok()?;
        let month: u32 = m.parse().ok()?;
        NaiveDate::from_ymd_opt(year, month, 1)?;
        (1000..=9999)
            .contains(&year)
            .then_some(Month { year, month })
    }

    /// `YYYY-MM`, as used in the address and the month picker.
    pub fn slug(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    pub fn first(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("valid month")
    }

    pub fn last(self) -> NaiveDate {
        self.next().first().pred_opt().expect("a day before")
    }

    pub fn next(self) -> Month {
        Month::containing(self.first() + Months::new(1))
    }

    pub fn prev(self) -> Month {
        Month::containing(self.first() - Months::new(1))
    }

    /// "November 2026".
    pub fn label(self) -> String {
        crate::common::text::month(self.first())
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        Month::containing(day) == self
    }
}

/// A project's status at the end of `day` (see the module rules).
pub fn status_at(p: &Project, day: NaiveDate, today: NaiveDate) -> Option<Status> {
    let status = if day >= today {
        Some(p.status)
    } else {
        p.updates
            .iter()
            .filter(|u| u.date <= day)
            .max_by_key(|u| u.date)
            .map(|u| u.status)
    };
    status.filter(|s| *s != Status::NotSet)
}

/// One project in the "projects by status" section.
#[derive(Clone, Debug, PartialEq)]
pub struct ReportLine {
    pub project: usize,
    /// The latest update on or before the month's end: its date and commentary.
    pub latest: Option<(NaiveDate, String)>,
}

/// A project whose status differs from the end of the previous month.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusChange {
    pub project: usize,
    /// `None` when the project had no status at the end of the previous month.
    pub from: Option<Status>,
    pub to: Status,
    /// Date of the update in the month that set the new status, if there was one.
    pub date: Option<NaiveDate>,
}

impl StatusChange {
    /// Whether the change is for the worse (a first report is neither).
    pub fn is_worse(&self) -> bool {
        self.from.is_some_and(|f| severity(self.to) > severity(f))
    }
}

/// Something due next month: a pending gate or an open milestone.
#[derive(Clone, Debug, PartialEq)]
pub struct DueItem {
    pub project: usize,
    pub date: NaiveDate,
    pub what: Due,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Due {
    Gate(Phase),
    Milestone(String),
}

/// An entry of the top-risks table.
#[derive(Clone, Debug, PartialEq)]
pub struct TopRisk {
    pub project: usize,
    pub risk: usize,
    pub exposure: u8,
}

/// Why a project is among the exceptions.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    OffTrack,
    AtRisk,
    /// The status changed since the end of the previous month (`from` is `None` for a first
    /// report).
    Changed {
        from: Option<Status>,
        worse: bool,
    },
    /// A pending gate dated before the report's day.
    GateOverdue {
        phase: Phase,
        due: NaiveDate,
    },
}

impl Reason {
    /// In words, for the report's "Why" column.
    pub fn words(&self, previous: Month) -> String {
        match self {
            Reason::OffTrack => "Off track".into(),
            Reason::AtRisk => "At risk".into(),
            Reason::Changed {
                from: Some(f),
                worse,
            } => format!(
                "{} since {} (was {})",
                if *worse { "Worse" } else { "Changed" },
                previous.label(),
                f.label()
            ),
            Reason::Changed { from: None, .. } => "First status report".into(),
            Reason::GateOverdue { phase, due } => format!(
                "{} gate overdue (due {})",
                phase.label(),
                crate::common::text::day_short(*due)
            ),
        }
    }
}

/// A project among the exceptions, with every reason it is there.
#[derive(Clone, Debug, PartialEq)]
pub struct Exception {
    pub project: usize,
    /// Its status at the month's end (`None`: no status report).
    pub status: Option<Status>,
    pub reasons: Vec<Reason>,
    /// The schedule, cost and scope RAG of its latest update by then.
    pub rag: Option<RagSet>,
    /// That update's date and commentary.
    pub latest: Option<(NaiveDate, String)>,
}

impl Exception {
    /// Every reason in words, the status with the RAG dimensions behind it ("Off track:
    /// schedule red, cost amber").
    pub fn why(&self, previous: Month) -> String {
        self.reasons
            .iter()
            .map(|r| match (r, self.rag.as_ref().and_then(rag_words)) {
                (Reason::OffTrack | Reason::AtRisk, Some(rag)) => {
                    format!("{}: {rag}", r.words(previous))
                }
                _ => r.words(previous),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The RAG dimensions that are not green, in words ("schedule red, cost amber"); `None` when
/// none is amber or red.
pub fn rag_words(rag: &RagSet) -> Option<String> {
    let words: Vec<String> = [
        ("schedule", rag.schedule),
        ("cost", rag.cost),
        ("scope", rag.scope),
    ]
    .into_iter()
    .filter(|(_, r)| matches!(r, Rag::Amber | Rag::Red))
    .map(|(name, r)| format!("{name} {}", r.label().to_lowercase()))
    .collect();
    (!words.is_empty()).then(|| words.join(", "))
}

/// The report's headline figures.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// Projects in the report.
    pub projects: usize,
    /// Of those, still active (not finished or discontinued).
    pub active: usize,
    pub at_risk: usize,
    pub off_track: usize,
    /// Projects that started in the month.
    pub started: usize,
    /// Projects whose status became finished in the month.
    pub finished: usize,
    /// Projects without any status report by the month's end.
    pub not_reported: usize,
    /// Projects whose status changed since the end of the previous month.
    pub changed: usize,
    /// Projects among the exceptions.
    pub exceptions: usize,
}

/// The whole monthly report.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthlyReport {
    pub month: Month,
    pub summary: Summary,
    /// Statuses worst first, each with its projects (by code); statuses with none are left out.
    pub by_status: Vec<(Status, Vec<ReportLine>)>,
    /// The projects without a status report (by code), with their latest commentary if any.
    pub not_reported: Vec<ReportLine>,
    /// Worse changes first, then by code.
    pub changes: Vec<StatusChange>,
    /// Worst status first, then the worse changes, then by code.
    pub exceptions: Vec<Exception>,
    pub due_next_month: Vec<DueItem>,
    pub top_risks: Vec<TopRisk>,
    pub budget: Vec<PortfolioBudget>,
    pub planned: Money,
    pub actual: Money,
    pub forecast: Money,
    /// Projects whose forecast exceeds their plan, biggest overrun first: (project, overrun).
    pub overruns: Vec<(usize, Money)>,
}

/// How many top risks and overruns the report lists.
pub const TOP_N: usize = 10;

/// Build the report for `month` as seen on `today`.
pub fn monthly_report(ws: &Workspace, month: Month, today: NaiveDate) -> MonthlyReport {
    let end = month.last();
    let prev_end = month.prev().last();
    let mut summary = Summary::default();
    let mut groups: Vec<(Status, Vec<ReportLine>)> = Vec::new();
    let mut changes = Vec::new();
    let mut included = Vec::new();

    let running = end >= today;
    let mut not_reported = Vec::new();
    for (i, p) in ws.projects.iter().enumerate() {
        if p.archived {
            continue;
        }
        let status = status_at(p, end, today);
        let started = p.start.is_some_and(|s| s <= end);
        if status.is_none() && !started && !running {
            continue;
        }
        included.push(i);
        summary.projects += 1;
        if p.start.is_some_and(|s| month.contains(s)) {
            summary.started += 1;
        }
        let latest = p
            .updates
            .iter()
            .filter(|u| u.date <= end)
            .max_by_key(|u| u.date)
            .map(|u| (u.date, u.commentary.clone()));
        let line = ReportLine { project: i, latest };
        let Some(status) = status else {
            summary.not_reported += 1;
            summary.active += 1;
            not_reported.push(line);
            continue;
        };
        if status.is_active() {
            summary.active += 1;
        }
        match status {
            Status::AtRisk => summary.at_risk += 1,
            Status::OffTrack => summary.off_track += 1,
            _ => {}
        }
        let in_month = p
            .updates
            .iter()
            .filter(|u| month.contains(u.date) && u.date <= end)
            .max_by_key(|u| u.date);
        let before = status_at(p, prev_end, today);
        // A project that never reported before counts as a change only when it reported in
        // the month (its first report), not merely because it exists.
        if before != Some(status) && (before.is_some() || in_month.is_some()) {
            if status == Status::Finished {
                summary.finished += 1;
            }
            changes.push(StatusChange {
                project: i,
                from: before,
                to: status,
                date: in_month.map(|u| u.date),
            });
        }
        match groups.iter_mut().find(|(s, _)| *s == status) {
            Some((_, lines)) => lines.push(line),
            None => groups.push((status, vec![line])),
        }
    }

    let code = |i: usize| ws.projects[i].code.as_str();
    groups.sort_by_key(|(s, _)| (std::cmp::Reverse(severity(*s)), *s as u8));
    for (_, lines) in &mut groups {
        lines.sort_by(|a, b| code(a.project).cmp(code(b.project)));
    }
    not_reported.sort_by(|a, b| code(a.project).cmp(code(b.project)));
    changes.sort_by(|a, b| {
        b.is_worse()
            .cmp(&a.is_worse())
            .then_with(|| code(a.project).cmp(code(b.project)))
    });
    summary.changed = changes.len();
    let exceptions = exceptions(ws, &included, &changes, end.min(today), end, today);
    summary.exceptions = exceptions.len();

    let next = month.next();
    let mut due_next_month = Vec::new();
    for &i in &included {
        let p = &ws.projects[i];
        if !p.status.is_active() {
            continue;
        }
        for g in &p.gates {
            if let Some(d) = g.date.filter(|d| next.contains(*d)) {
                if g.decision == GateDecision::Pending {
                    due_next_month.push(DueItem {
                        project: i,
                        date: d,
                        what: Due::Gate(g.phase),
                    });
                }
            }
        }
        for m in &p.milestones {
            if m.done.is_none() && next.contains(m.due) {
                due_next_month.push(DueItem {
                    project: i,
                    date: m.due,
                    what: Due::Milestone(m.name.clone()),
                });
            }
        }
    }
    due_next_month.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| code(a.project).cmp(code(b.project)))
    });

    let mut top_risks: Vec<TopRisk> = included
        .iter()
        .filter(|&&i| ws.projects[i].status.is_active())
        .flat_map(|&i| {
            ws.projects[i]
                .risks
                .iter()
                .enumerate()
                .filter(|(_, r)| r.status != RiskStatus::Closed)
                .map(move |(ri, r)| TopRisk {
                    project: i,
                    risk: ri,
                    exposure: r.exposure(),
                })
        })
        .collect();
    top_risks.sort_by(|a, b| {
        b.exposure
            .cmp(&a.exposure)
            .then_with(|| code(a.project).cmp(code(b.project)))
            .then_with(|| a.risk.cmp(&b.risk))
    });
    top_risks.truncate(TOP_N);

    let budget = budget_by_portfolio(ws);
    let mut overruns: Vec<(usize, Money)> = included
        .iter()
        .map(|&i| (i, &ws.projects[i].budget))
        .filter(|(_, b)| b.forecast > b.planned)
        .map(|(i, b)| (i, b.forecast - b.planned))
        .collect();
    overruns.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| code(a.0).cmp(code(b.0))));
    overruns.truncate(TOP_N);

    MonthlyReport {
        month,
        summary,
        by_status: groups,
        not_reported,
        changes,
        exceptions,
        due_next_month,
        top_risks,
        planned: crate::common::money::total(budget.iter().map(|b| b.planned)),
        actual: crate::common::money::total(budget.iter().map(|b| b.actual)),
        forecast: crate::common::money::total(budget.iter().map(|b| b.forecast)),
        budget,
        overruns,
    }
}

/// The exceptions among the `included` projects (see the module rules); `day` is the report's
/// day: pending gates dated before it are overdue.
fn exceptions(
    ws: &Workspace,
    included: &[usize],
    changes: &[StatusChange],
    day: NaiveDate,
    end: NaiveDate,
    today: NaiveDate,
) -> Vec<Exception> {
    let mut out: Vec<Exception> = Vec::new();
    for &i in included {
        let p = &ws.projects[i];
        let status = status_at(p, end, today);
        if status.is_some_and(|s| !s.is_active()) {
            continue;
        }
        let mut reasons = Vec::new();
        match status {
            Some(Status::OffTrack) => reasons.push(Reason::OffTrack),
            Some(Status::AtRisk) => reasons.push(Reason::AtRisk),
            _ => {}
        }
        if let Some(c) = changes.iter().find(|c| c.project == i) {
            reasons.push(Reason::Changed {
                from: c.from,
                worse: c.is_worse(),
            });
        }
        for g in &p.gates {
            if let Some(due) = g.date.filter(|d| *d < day) {
                if g.decision == GateDecision::Pending {
                    reasons.push(Reason::GateOverdue {
                        phase: g.phase,
                        due,
                    });
                }
            }
        }
        if !reasons.is_empty() {
            let last = p
                .updates
                .iter()
                .filter(|u| u.date <= end)
                .max_by_key(|u| u.date);
            out.push(Exception {
                project: i,
                status,
                reasons,
                rag: last.map(|u| u.rag),
                latest: last.map(|u| (u.date, u.commentary.clone())),
            });
        }
    }
    let worse = |e: &Exception| {
        e.reasons
            .iter()
            .any(|r| matches!(r, Reason::Changed { worse: true, .. }))
    };
    out.sort_by(|a, b| {
        let sev = |e: &Exception| e.status.map_or(1, severity);
        sev(b)
            .cmp(&sev(a))
            .then_with(|| worse(b).cmp(&worse(a)))
            .then_with(|| {
                ws.projects[a.project]
                    .code
                    .cmp(&ws.projects[b.project].code)
            })
    });
    out
}

/// The PMO's summary for `month`, if one is written.
pub fn notes_of(ws: &Workspace, month: Month) -> Option<&MonthlyNotes> {
    let id = month.slug();
    ws.report_notes.iter().find(|n| n.id == id)
}

/// Change the PMO's summary for `month` with `f`. A summary left empty is removed, so that a
/// month nobody wrote about holds nothing. Returns whether anything changed.
pub fn edit_notes(ws: &mut Workspace, month: Month, f: impl FnOnce(&mut MonthlyNotes)) -> bool {
    let id = month.slug();
    let at = ws.report_notes.iter().position(|n| n.id == id);
    let mut notes = at.map_or_else(
        || MonthlyNotes {
            id: id.clone(),
            ..MonthlyNotes::default()
        },
        |i| ws.report_notes[i].clone(),
    );
    f(&mut notes);
    notes.id = id;
    match (at, notes.is_empty()) {
        (Some(i), true) => {
            ws.report_notes.remove(i);
            true
        }
        (Some(i), false) if ws.report_notes[i] != notes => {
            ws.report_notes[i] = notes;
            true
        }
        (None, false) => {
            // Kept in month order.
            let at = ws
                .report_notes
                .iter()
                .position(|n| n.id > notes.id)
                .unwrap_or(ws.report_notes.len());
            ws.report_notes.insert(at, notes);
            true
        }
        _ => false,
    }
}
