//! The portfolio register: status severity and trends, weighted priority scores and ranks,
//! roll-ups for programmes and portfolios, and the filter-and-sort query behind the register
//! table (kept in the address so a filtered view can be bookmarked).

pub mod charts;
pub mod csv;
pub mod csv_choices;
pub mod project;
pub mod report;
pub mod report_doc;
pub mod xlsx;

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::model::{Id, Money, Phase, Project, Rag, Status, StatusUpdate, Workspace};

/// Actual cost as a whole percentage of the planned budget, rounded down (99.6 % spent is
/// "99 %": all of it is not spent yet); `None` without a planned budget. The one rule for
/// "% spent" on the dashboard, the roll-ups and the project page.
pub fn spent_percent(actual: Money, planned: Money) -> Option<i64> {
    crate::common::money::percent_of(actual, planned)
}

/// The money of a set of projects, summed without overflow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BudgetTotals {
    pub planned: Money,
    pub actual: Money,
    pub forecast: Money,
}

impl BudgetTotals {
    /// The totals of the projects that are not archived: the dashboard's budget figures.
    pub fn of_live(projects: &[Project]) -> Self {
        let sum = |f: fn(&Project) -> Money| {
            crate::common::money::total(projects.iter().filter(|p| !p.archived).map(f))
        };
        BudgetTotals {
            planned: sum(|p| p.budget.planned),
            actual: sum(|p| p.budget.actual),
            forecast: sum(|p| p.budget.forecast),
        }
    }

    /// See [`spent_percent`].
    pub fn spent_percent(&self) -> Option<i64> {
        spent_percent(self.actual, self.planned)
    }
}

/// How serious a status is: higher is worse. Finished and discontinued projects are no concern.
pub fn severity(status: Status) -> u8 {
    match status {
        Status::OffTrack => 5,
        Status::AtRisk => 4,
        Status::OnTrack => 3,
        Status::NotStarted => 2,
        Status::NotSet => 1,
        Status::Finished | Status::Discontinued => 0,
    }
}

/// How a project's status moved between its last two status updates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trend {
    /// No status update recorded yet.
    NoReports,
    /// Only one update: nothing to compare with.
    FirstReport,
    Improving,
    Unchanged,
    Worsening,
}

impl Trend {
    pub fn label(self) -> &'static str {
        match self {
            Trend::NoReports => "No reports",
            Trend::FirstReport => "First report",
            Trend::Improving => "Improving",
            Trend::Unchanged => "Unchanged",
            Trend::Worsening => "Worsening",
        }
    }

    /// A text arrow, so the trend never depends on colour alone.
    pub fn arrow(self) -> &'static str {
        match self {
            Trend::Improving => "↑",
            Trend::Worsening => "↓",
            Trend::Unchanged => "→",
            Trend::NoReports | Trend::FirstReport => "·",
        }
    }
}

/// The trend since the previous status update (updates are ordered by date, oldest first).
pub fn trend(project: &Project) -> Trend {
    let mut dated: Vec<_> = project.updates.iter().collect();
    dated.sort_by_key(|u| u.date);
    match dated.as_slice() {
        [] => Trend::NoReports,
        [_] => Trend::FirstReport,
        [.., before, last] => match severity(last.status).cmp(&severity(before.status)) {
            Ordering::Less => Trend::Improving,
            Ordering::Equal => Trend::Unchanged,
            Ordering::Greater => Trend::Worsening,
        },
    }
}

/// A project's latest status update (the latest date; the last recorded of a day).
pub fn latest_update(p: &Project) -> Option<&StatusUpdate> {
    // `max_by_key` keeps the last of equal dates.
    p.updates.iter().max_by_key(|u| u.date)
}

/// A RAG value's rank for sorting: red highest, then amber, green, and not set.
pub fn rag_rank(r: Rag) -> u8 {
    match r {
        Rag::Red => 3,
        Rag::Amber => 2,
        Rag::Green => 1,
        Rag::NotSet => 0,
    }
}

/// Weighted priority score, 0–100: the project's 0–5 scores against the strategic objectives,
/// weighted by the objectives' weights. Objectives the project has no score for count as 0.
pub fn priority_score(ws: &Workspace, project: &Project) -> f64 {
    let total: u64 = ws.objectives.iter().map(|o| u64::from(o.weight)).sum();
    if total == 0 {
        return 0.0;
    }
    let weighted: u64 = ws
        .objectives
        .iter()
        .map(|o| {
            let score = project
                .scores
                .iter()
                .find(|s| s.objective_id == o.id)
                .map_or(0, |s| s.score.min(5));
            u64::from(o.weight) * u64::from(score)
        })
        .sum();
    weighted as f64 * 100.0 / (total as f64 * 5.0)
}

/// Whether a project takes part in prioritisation: live and not yet finished or stopped.
pub fn is_rankable(p: &Project) -> bool {
    !p.archived && p.status.is_active()
}

/// Ranks of the rankable projects by priority score (1 = highest); ties share a rank and are
/// listed by code. Returns (project index, score, rank), best first.
pub fn ranking(ws: &Workspace) -> Vec<(usize, f64, usize)> {
    let mut scored: Vec<(usize, f64)> = ws
        .projects
        .iter()
        .enumerate()
        .filter(|(_, p)| is_rankable(p))
        .map(|(i, p)| (i, priority_score(ws, p)))
        .collect();
    scored.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then_with(|| ws.projects[a.0].code.cmp(&ws.projects[b.0].code))
    });
    let mut out = Vec::with_capacity(scored.len());
    let mut rank = 0;
    let mut last: Option<f64> = None;
    for (n, (i, score)) in scored.into_iter().enumerate() {
        if last.is_none_or(|l| (l - score).abs() > 1e-9) {
            rank = n + 1;
            last = Some(score);
        }
        out.push((i, score, rank));
    }
    out
}

/// Totals and counts over a set of projects (a programme, a portfolio, everything).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RollUp {
    pub projects: usize,
    pub planned: Money,
    pub actual: Money,
    pub forecast: Money,
    /// Counts in the order of [`Phase::ALL`].
    pub by_phase: [usize; 4],
    /// Counts in the order of [`Status::ALL`].
    pub by_status: [usize; 7],
    /// The most serious status among the projects, if any.
    pub worst: Option<Status>,
}

impl RollUp {
    /// Sum up the (non-archived) projects given.
    pub fn of<'a>(projects: impl IntoIterator<Item = &'a Project>) -> RollUp {
        let mut r = RollUp::default();
        for p in projects.into_iter().filter(|p| !p.archived) {
            r.projects += 1;
            // Saturating: a sum never overflows into a wrong figure.
            r.planned = r.planned.saturating_add(p.budget.planned);
            r.actual = r.actual.saturating_add(p.budget.actual);
            r.forecast = r.forecast.saturating_add(p.budget.forecast);
            if let Some(i) = Phase::ALL.iter().position(|x| *x == p.phase) {
                r.by_phase[i] += 1;
            }
            if let Some(i) = Status::ALL.iter().position(|x| *x == p.status) {
                r.by_status[i] += 1;
            }
            if r.worst.is_none_or(|w| severity(p.status) > severity(w)) {
                r.worst = Some(p.status);
            }
        }
        r
    }

    /// Actual cost as a share of the planned budget: see [`spent_percent`].
    pub fn spent_percent(&self) -> Option<i64> {
        spent_percent(self.actual, self.planned)
    }

    pub fn count(&self, status: Status) -> usize {
        Status::ALL
            .iter()
            .position(|s| *s == status)
            .map_or(0, |i| self.by_status[i])
    }
}

/// Roll-ups of one portfolio: the whole, each programme, and projects directly in it.
#[derive(Clone, Debug, PartialEq)]
pub struct PortfolioRollUp {
    pub portfolio: usize,
    pub total: RollUp,
    /// (programme index, roll-up) in the workspace's programme order.
    pub programmes: Vec<(usize, RollUp)>,
    /// Projects that sit directly in the portfolio.
    pub direct: RollUp,
}

/// Roll-ups for every portfolio, in the workspace's order.
pub fn portfolio_rollups(ws: &Workspace) -> Vec<PortfolioRollUp> {
    ws.portfolios
        .iter()
        .enumerate()
        .map(|(pi, pf)| {
            let in_pf: Vec<&Project> = ws
                .projects
                .iter()
                .filter(|p| p.portfolio_id == pf.id)
                .collect();
            let programmes = ws
                .programmes
                .iter()
                .enumerate()
                .filter(|(_, pg)| pg.portfolio_id == pf.id)
                .map(|(gi, pg)| {
                    (
                        gi,
                        RollUp::of(
                            in_pf
                                .iter()
                                .copied()
                                .filter(|p| p.programme_id.as_deref() == Some(pg.id.as_str())),
                        ),
                    )
                })
                .collect();
            PortfolioRollUp {
                portfolio: pi,
                total: RollUp::of(in_pf.iter().copied()),
                direct: RollUp::of(in_pf.iter().copied().filter(|p| p.programme_id.is_none())),
                programmes,
            }
        })
        .collect()
}

/// A column of the register table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Code,
    Name,
    Portfolio,
    Programme,
    Phase,
    Status,
    Schedule,
    Cost,
    Scope,
    Trend,
    Commentary,
    Updated,
    Manager,
    Sponsor,
    Start,
    End,
    Planned,
    Actual,
    Forecast,
    Complete,
    Priority,
    /// Forecast minus planned budget.
    Overrun,
}

impl Column {
    pub const ALL: [Column; 22] = [
        Column::Code,
        Column::Name,
        Column::Portfolio,
        Column::Programme,
        Column::Phase,
        Column::Status,
        Column::Schedule,
        Column::Cost,
        Column::Scope,
        Column::Trend,
        Column::Commentary,
        Column::Updated,
        Column::Manager,
        Column::Sponsor,
        Column::Start,
        Column::End,
        Column::Planned,
        Column::Actual,
        Column::Forecast,
        Column::Complete,
        Column::Priority,
        Column::Overrun,
    ];

    /// Shown when the address names no columns: what a project is, how it stands and why.
    pub const DEFAULT: [Column; 10] = [
        Column::Code,
        Column::Name,
        Column::Status,
        Column::Schedule,
        Column::Cost,
        Column::Scope,
        Column::Trend,
        Column::Commentary,
        Column::Updated,
        Column::Manager,
    ];

    /// The columns a narrow screen keeps, most telling first (the rest are dropped).
    pub const NARROW: [Column; 4] = [
        Column::Name,
        Column::Status,
        Column::Trend,
        Column::Commentary,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Column::Code => "code",
            Column::Name => "name",
            Column::Portfolio => "portfolio",
            Column::Programme => "programme",
            Column::Phase => "phase",
            Column::Status => "status",
            Column::Schedule => "schedule",
            Column::Cost => "cost",
            Column::Scope => "scope",
            Column::Trend => "trend",
            Column::Commentary => "commentary",
            Column::Updated => "updated",
            Column::Manager => "pm",
            Column::Sponsor => "sponsor",
            Column::Start => "start",
            Column::End => "end",
            Column::Planned => "planned",
            Column::Actual => "actual",
            Column::Forecast => "forecast",
            Column::Complete => "complete",
            Column::Priority => "priority",
            Column::Overrun => "overrun",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Column::Code => "Code",
            Column::Name => "Project",
            Column::Portfolio => "Portfolio",
            Column::Programme => "Programme",
            Column::Phase => "Phase",
            Column::Status => "Status",
            Column::Schedule => "Schedule",
            Column::Cost => "Cost",
            Column::Scope => "Scope",
            Column::Trend => "Trend",
            Column::Commentary => "Latest commentary",
            Column::Updated => "Last updated",
            Column::Manager => "Project manager",
            Column::Sponsor => "Sponsor",
            Column::Start => "Start",
            Column::End => "End",
            Column::Planned => "Planned budget",
            Column::Actual => "Actual cost",
            Column::Forecast => "Forecast",
            Column::Complete => "% complete",
            Column::Priority => "Priority score",
            Column::Overrun => "Over budget",
        }
    }

    /// Numbers and dates are right-aligned and sort largest/latest first on a first click.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Column::Planned
                | Column::Actual
                | Column::Forecast
                | Column::Complete
                | Column::Priority
                | Column::Overrun
        )
    }

    /// Sorted worst, latest or largest first on a first click: the numbers, the RAG, the
    /// status and the last update.
    pub fn worst_first(self) -> bool {
        self.is_numeric()
            || matches!(
                self,
                Column::Status | Column::Schedule | Column::Cost | Column::Scope | Column::Updated
            )
    }

    pub fn from_key(key: &str) -> Option<Column> {
        Column::ALL.iter().copied().find(|c| c.key() == key)
    }
}

/// The register's filters, sort order, columns and page, as kept in the address.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub portfolio: Option<Id>,
    pub programme: Option<Id>,
    pub phases: Vec<Phase>,
    pub statuses: Vec<Status>,
    /// A person who is one of the project's managers.
    pub manager: Option<Id>,
    /// Free text: every word must occur in the code, name, description or PM names.
    pub text: String,
    pub sort: Column,
    pub descending: bool,
    pub archived: bool,
    pub columns: Vec<Column>,
    /// Zero-based page of [`PAGE_SIZE`] rows.
    pub page: usize,
    /// Only the projects a dashboard tile counts (overdue, or with a gate due soon).
    pub only: Option<Only>,
}

/// What a dashboard tile counts, as a register filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Only {
    /// Active projects past their end date ([`is_overdue`]).
    Overdue,
    /// Live projects with a pending gate in the next [`GATE_DAYS`] days ([`gates_due`]).
    GatesDue,
}

/// How far ahead "gates due" looks, on the dashboard and in the register.
pub const GATE_DAYS: u64 = 30;

impl Only {
    pub const ALL: [Only; 2] = [Only::Overdue, Only::GatesDue];

    pub fn slug(self) -> &'static str {
        match self {
            Only::Overdue => "overdue",
            Only::GatesDue => "gates-due",
        }
    }

    /// What the register says it shows.
    pub fn label(self) -> &'static str {
        match self {
            Only::Overdue => "Overdue projects: active, past their end date",
            Only::GatesDue => "Projects with a gate due in the next 30 days",
        }
    }
}

/// Rows per page of the register.
pub const PAGE_SIZE: usize = 50;

impl Default for Query {
    fn default() -> Self {
        Query {
            portfolio: None,
            programme: None,
            phases: Vec::new(),
            statuses: Vec::new(),
            manager: None,
            text: String::new(),
            sort: Column::Code,
            descending: false,
            archived: false,
            columns: Column::DEFAULT.to_vec(),
            page: 0,
            only: None,
        }
    }
}

fn list<T: Copy>(value: &str, all: &[T], key: impl Fn(T) -> &'static str) -> Vec<T> {
    value
        .split(',')
        .filter_map(|k| all.iter().copied().find(|x| key(*x) == k))
        .collect()
}

impl Query {
    /// Read a query from the address's parameters; unknown values are ignored.
    pub fn from_params(params: &[(String, String)]) -> Query {
        let mut q = Query::default();
        for (k, v) in params {
            match k.as_str() {
                "portfolio" if !v.is_empty() => q.portfolio = Some(v.clone()),
                "programme" if !v.is_empty() => q.programme = Some(v.clone()),
                "phase" => q.phases = list(v, &Phase::ALL, Phase::slug),
                "status" => q.statuses = list(v, &Status::ALL, Status::slug),
                "pm" if !v.is_empty() => q.manager = Some(v.clone()),
                "q" => q.text = v.clone(),
                "sort" => {
                    if let Some(c) = Column::from_key(v) {
                        q.sort = c;
                    }
                }
                "dir" => q.descending = v == "desc",
                "archived" => q.archived = v == "1",
                "cols" => {
                    let cols = list(v, &Column::ALL, Column::key);
                    if !cols.is_empty() {
                        q.columns = cols;
                    }
                }
                "page" => q.page = v.parse::<usize>().map_or(0, |p| p.saturating_sub(1)),
                "only" => q.only = Only::ALL.into_iter().find(|o| o.slug() == v),
                _ => {}
            }
        }
        q
    }

    /// The parameters for the address, leaving out defaults so links stay short.
    pub fn to_params(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let join = |items: Vec<&str>| items.join(",");
        if let Some(p) = &self.portfolio {
            out.push(("portfolio", p.clone()));
        }
        if let Some(p) = &self.programme {
            out.push(("programme", p.clone()));
        }
        if !self.phases.is_empty() {
            out.push((
                "phase",
                join(self.phases.iter().map(|p| p.slug()).collect()),
            ));
        }
        if !self.statuses.is_empty() {
            out.push((
                "status",
                join(self.statuses.iter().map(|s| s.slug()).collect()),
            ));
        }
        if let Some(m) = &self.manager {
            out.push(("pm", m.clone()));
        }
        if !self.text.is_empty() {
            out.push(("q", self.text.clone()));
        }
        if self.sort != Column::Code {
            out.push(("sort", self.sort.key().to_string()));
        }
        if self.descending {
            out.push(("dir", "desc".into()));
        }
        if self.archived {
            out.push(("archived", "1".into()));
        }
        if self.columns != Column::DEFAULT {
            out.push(("cols", join(self.columns.iter().map(|c| c.key()).collect())));
        }
        if self.page > 0 {
            out.push(("page", (self.page + 1).to_string()));
        }
        if let Some(o) = self.only {
            out.push(("only", o.slug().to_string()));
        }
        out
    }

    /// Any filter set (not counting sort, columns and page)?
    pub fn is_filtered(&self) -> bool {
        self.portfolio.is_some()
            || self.programme.is_some()
            || !self.phases.is_empty()
            || !self.statuses.is_empty()
            || self.manager.is_some()
            || !self.text.trim().is_empty()
            || self.only.is_some()
    }

    /// The same query with the filters cleared (sort and columns kept).
    pub fn cleared(&self) -> Query {
        Query {
            sort: self.sort,
            descending: self.descending,
            columns: self.columns.clone(),
            ..Query::default()
        }
    }

    /// Sort by `column`; a second click on the same column reverses the order.
    pub fn sorted_by(&self, column: Column) -> Query {
        let descending = if self.sort == column {
            !self.descending
        } else {
            column.worst_first()
        };
        Query {
            sort: column,
            descending,
            page: 0,
            ..self.clone()
        }
    }
}

/// Add `x` to a filter list, or take it out if it is there already.
pub fn toggle<T: PartialEq>(list: &mut Vec<T>, x: T) {
    match list.iter().position(|y| *y == x) {
        Some(i) => {
            list.remove(i);
        }
        None => list.push(x),
    }
}

/// Values of one project prepared once per workspace change, so that every keystroke in the
/// filter only compares prepared strings and numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct IndexRow {
    pub portfolio: String,
    pub programme: String,
    pub managers: String,
    pub sponsor: String,
    pub priority: f64,
    pub rank: Option<usize>,
    pub trend: Trend,
}

/// The prepared register of a workspace: one [`IndexRow`] per project, in project order.
/// The lower-case search text of each project is built on the first text search (or by
/// [`RegisterIndex::prepare_search`] when the app is idle), not on start-up.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisterIndex {
    pub rows: Vec<IndexRow>,
    haystacks: std::sync::OnceLock<Vec<String>>,
}

impl RegisterIndex {
    pub fn build(ws: &Workspace) -> RegisterIndex {
        let people: HashMap<&str, &str> = ws
            .people
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect();
        let portfolios: HashMap<&str, &str> = ws
            .portfolios
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect();
        let programmes: HashMap<&str, &str> = ws
            .programmes
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect();
        let mut ranks = vec![None; ws.projects.len()];
        let mut scores = vec![0.0; ws.projects.len()];
        for (i, score, rank) in ranking(ws) {
            ranks[i] = Some(rank);
            scores[i] = score;
        }
        let rows = ws
            .projects
            .iter()
            .enumerate()
            .map(|(i, p)| {
                // "Name (Business PM), Name (Technical PM)" — labels only where given.
                let managers = p
                    .managers
                    .iter()
                    .filter_map(|m| {
                        people.get(m.person_id.as_str()).map(|name| {
                            if m.label.is_empty() {
                                name.to_string()
                            } else {
                                format!("{name} ({})", m.label)
                            }
                        })
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                IndexRow {
                    portfolio: portfolios
                        .get(p.portfolio_id.as_str())
                        .copied()
                        .unwrap_or("")
                        .to_string(),
                    programme: p
                        .programme_id
                        .as_deref()
                        .and_then(|id| programmes.get(id).copied())
                        .unwrap_or("")
                        .to_string(),
                    managers,
                    sponsor: p
                        .sponsor_id
                        .as_deref()
                        .and_then(|id| people.get(id).copied())
                        .unwrap_or("")
                        .to_string(),
                    priority: if ranks[i].is_some() {
                        scores[i]
                    } else {
                        priority_score(ws, p)
                    },
                    rank: ranks[i],
                    trend: trend(p),
                }
            })
            .collect();
        RegisterIndex {
            rows,
            haystacks: std::sync::OnceLock::new(),
        }
    }

    /// Lower-case code, name, description and PM names (with labels) of every project, for
    /// the text filter.
    fn haystacks(&self, ws: &Workspace) -> &[String] {
        self.haystacks.get_or_init(|| {
            ws.projects
                .iter()
                .zip(&self.rows)
                .map(|(p, r)| {
                    format!("{} {} {} {}", p.code, p.name, p.description, r.managers).to_lowercase()
                })
                .collect()
        })
    }

    /// Build the search text now (e.g. while the app is idle) so the first keystroke is fast.
    pub fn prepare_search(&self, ws: &Workspace) {
        self.haystacks(ws);
    }

    /// Indices of the projects that match `q` on day `today`, in its sort order (ties by
    /// code).
    pub fn select(&self, ws: &Workspace, q: &Query, today: chrono::NaiveDate) -> Vec<usize> {
        let gate_soon: Vec<bool> = match q.only {
            Some(Only::GatesDue) => {
                let mut soon = vec![false; ws.projects.len()];
                for (i, _, _) in gates_due(ws, today, GATE_DAYS) {
                    soon[i] = true;
                }
                soon
            }
            _ => Vec::new(),
        };
        let words: Vec<String> = q.text.split_whitespace().map(str::to_lowercase).collect();
        let haystacks: &[String] = if words.is_empty() {
            &[]
        } else {
            self.haystacks(ws)
        };
        let mut hits: Vec<usize> = ws
            .projects
            .iter()
            .enumerate()
            .filter(|(i, p)| {
                p.archived == q.archived
                    && q.portfolio.as_ref().is_none_or(|x| &p.portfolio_id == x)
                    && q.programme
                        .as_ref()
                        .is_none_or(|x| p.programme_id.as_ref() == Some(x))
                    && (q.phases.is_empty() || q.phases.contains(&p.phase))
                    && (q.statuses.is_empty() || q.statuses.contains(&p.status))
                    && q.manager
                        .as_ref()
                        .is_none_or(|m| p.managers.iter().any(|x| &x.person_id == m))
                    && words.iter().all(|w| haystacks[*i].contains(w.as_str()))
                    && match q.only {
                        None => true,
                        Some(Only::Overdue) => is_overdue(p, today),
                        Some(Only::GatesDue) => gate_soon[*i],
                    }
            })
            .map(|(i, _)| i)
            .collect();
        let by_text = |a: &str, b: &str| {
            // Empty values last, whatever the direction would otherwise say.
            match (a.is_empty(), b.is_empty()) {
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                _ => a
                    .bytes()
                    .map(|c| c.to_ascii_lowercase())
                    .cmp(b.bytes().map(|c| c.to_ascii_lowercase())),
            }
        };
        hits.sort_by(|&a, &b| {
            let (pa, pb) = (&ws.projects[a], &ws.projects[b]);
            let (ra, rb) = (&self.rows[a], &self.rows[b]);
            let primary = match q.sort {
                Column::Code => pa.code.cmp(&pb.code),
                Column::Name => by_text(&pa.name, &pb.name),
                Column::Portfolio => by_text(&ra.portfolio, &rb.portfolio),
                Column::Programme => by_text(&ra.programme, &rb.programme),
                Column::Phase => pa.phase.cmp(&pb.phase),
                Column::Status => severity(pa.status).cmp(&severity(pb.status)),
                Column::Schedule => rag_rank(pa.rag.schedule).cmp(&rag_rank(pb.rag.schedule)),
                Column::Cost => rag_rank(pa.rag.cost).cmp(&rag_rank(pb.rag.cost)),
                Column::Scope => rag_rank(pa.rag.scope).cmp(&rag_rank(pb.rag.scope)),
                Column::Trend => (ra.trend as u8).cmp(&(rb.trend as u8)),
                Column::Commentary => by_text(
                    latest_update(pa).map_or("", |u| u.commentary.trim()),
                    latest_update(pb).map_or("", |u| u.commentary.trim()),
                ),
                Column::Updated => latest_update(pa)
                    .map(|u| u.date)
                    .cmp(&latest_update(pb).map(|u| u.date)),
                Column::Manager => by_text(&ra.managers, &rb.managers),
                Column::Sponsor => by_text(&ra.sponsor, &rb.sponsor),
                Column::Start => pa.start.cmp(&pb.start),
                Column::End => pa.end.cmp(&pb.end),
                Column::Planned => pa.budget.planned.cmp(&pb.budget.planned),
                Column::Actual => pa.budget.actual.cmp(&pb.budget.actual),
                Column::Forecast => pa.budget.forecast.cmp(&pb.budget.forecast),
                Column::Complete => pa.percent_complete.cmp(&pb.percent_complete),
                Column::Priority => ra.priority.total_cmp(&rb.priority),
                Column::Overrun => overrun(pa).cmp(&overrun(pb)),
            };
            let primary = if q.descending {
                primary.reverse()
            } else {
                primary
            };
            primary.then_with(|| pa.code.cmp(&pb.code))
        });
        hits
    }
}

/// The rows of one page: `(first row number, the indices on this page, number of pages)`.
pub fn page_of(hits: &[usize], page: usize) -> (usize, &[usize], usize) {
    let pages = hits.len().div_ceil(PAGE_SIZE).max(1);
    let page = page.min(pages - 1);
    let start = page * PAGE_SIZE;
    let end = (start + PAGE_SIZE).min(hits.len());
    (start, &hits[start..end], pages)
}

/// How far a project's forecast is over its planned budget (negative: under), in cents.
pub fn overrun(p: &Project) -> i64 {
    p.budget.forecast.saturating_sub(p.budget.planned)
}

/// An active project whose end date has passed.
pub fn is_overdue(p: &Project, today: chrono::NaiveDate) -> bool {
    !p.archived && p.status.is_active() && p.end.is_some_and(|end| end < today)
}

/// Pending gates of live projects dated from `today` up to `days` ahead, soonest first:
/// (project index, phase, date).
pub fn gates_due(
    ws: &Workspace,
    today: chrono::NaiveDate,
    days: u64,
) -> Vec<(usize, Phase, chrono::NaiveDate)> {
    let until = today
        .checked_add_days(chrono::Days::new(days))
        .unwrap_or(today);
    let mut due: Vec<_> = ws
        .projects
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.archived && p.status.is_active())
        .flat_map(|(i, p)| {
            p.gates
                .iter()
                .filter(|g| g.decision == crate::model::GateDecision::Pending)
                .filter_map(move |g| {
                    g.date
                        .filter(|d| *d >= today && *d <= until)
                        .map(|d| (i, g.phase, d))
                })
        })
        .collect();
    due.sort_by_key(|(i, _, d)| (*d, *i));
    due
}

/// Add a strategic objective with weight 1 and return its id.
pub fn add_objective(ws: &mut Workspace, name: &str) -> Id {
    let id = (ws.objectives.len() + 1..)
        .map(|n| crate::common::ids::for_this_copy(format!("obj-{n}")))
        .find(|id| ws.objectives.iter().all(|o| &o.id != id))
        .expect("an unused id exists");
    ws.objectives.push(crate::model::Objective {
        id: id.clone(),
        name: name.trim().to_string(),
        weight: 1,
    });
    id
}

/// Remove an objective and every project's score against it (so no score dangles).
pub fn remove_objective(ws: &mut Workspace, id: &str) {
    ws.objectives.retain(|o| o.id != id);
    for p in &mut ws.projects {
        p.scores.retain(|s| s.objective_id != id);
    }
}

/// Check an objective's weight as typed: a whole number from 1 to 1000.
pub fn parse_weight(input: &str) -> Result<u32, &'static str> {
    match input.trim().parse::<u32>() {
        Ok(w) if (1..=1000).contains(&w) => Ok(w),
        _ => Err("Use a whole number from 1 to 1000."),
    }
}
