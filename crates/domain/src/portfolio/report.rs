//! The monthly PMO report: what a steering committee reads each month.
//!
//! Rules (documented here because the report states them too):
//! - A project's status *at* a day is its latest status update dated on or before that day;
//!   for a day on or after today it is the project's current status. A project with no update
//!   by then is "not reported" for that day.
//! - The report covers live (not archived) projects that had started by the end of the month
//!   or have a status for it.
//! - Status changes compare the status at the end of the previous month with the status at the
//!   end of the chosen month; a project with no earlier status is listed when its first update
//!   falls in the month.
//! - "Due next month" lists pending gates and open milestones dated in the following month.
//! - Top risks are the open or mitigating risks and issues of active projects with the highest
//!   exposure (probability × impact), ties by project code.

use chrono::{Datelike, Months, NaiveDate};

use crate::model::{GateDecision, Money, Phase, Project, RiskStatus, Status, Workspace};
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
    if day >= today {
        return Some(p.status);
    }
    p.updates
        .iter()
        .filter(|u| u.date <= day)
        .max_by_key(|u| u.date)
        .map(|u| u.status)
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
}

/// The whole monthly report.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthlyReport {
    pub month: Month,
    pub summary: Summary,
    /// Statuses worst first, each with its projects (by code); statuses with none are left out.
    pub by_status: Vec<(Status, Vec<ReportLine>)>,
    /// Worse changes first, then by code.
    pub changes: Vec<StatusChange>,
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

    for (i, p) in ws.projects.iter().enumerate() {
        if p.archived {
            continue;
        }
        let status = status_at(p, end, today);
        let started = p.start.is_some_and(|s| s <= end);
        if status.is_none() && !started {
            continue;
        }
        included.push(i);
        summary.projects += 1;
        if p.start.is_some_and(|s| month.contains(s)) {
            summary.started += 1;
        }
        let Some(status) = status else {
            summary.not_reported += 1;
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
        let latest = p
            .updates
            .iter()
            .filter(|u| u.date <= end)
            .max_by_key(|u| u.date)
            .map(|u| (u.date, u.commentary.clone()));
        let line = ReportLine { project: i, latest };
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
    changes.sort_by(|a, b| {
        b.is_worse()
            .cmp(&a.is_worse())
            .then_with(|| code(a.project).cmp(code(b.project)))
    });

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
        changes,
        due_next_month,
        top_risks,
        planned: crate::common::money::total(budget.iter().map(|b| b.planned)),
        actual: crate::common::money::total(budget.iter().map(|b| b.actual)),
        forecast: crate::common::money::total(budget.iter().map(|b| b.forecast)),
        budget,
        overruns,
    }
}
