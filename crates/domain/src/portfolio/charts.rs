//! Figures and geometry behind the dashboard charts, the prioritisation bubble chart and the
//! roadmap. Everything here is plain numbers and dates; the components only draw SVG.

use chrono::{Datelike, Months, NaiveDate};

use crate::common::ids::index_by_id;
use crate::model::{Money, Phase, Project, RiskStatus, Status, Workspace};
use crate::portfolio::ranking;

/// Projects taking part in dashboard figures: everything not archived.
fn live(ws: &Workspace) -> impl Iterator<Item = (usize, &Project)> {
    ws.projects.iter().enumerate().filter(|(_, p)| !p.archived)
}

/// Live projects per status, in the order of [`Status::ALL`] (zero counts included).
pub fn status_distribution(ws: &Workspace) -> Vec<(Status, usize)> {
    let mut counts = [0usize; 7];
    for (_, p) in live(ws) {
        if let Some(i) = Status::ALL.iter().position(|s| *s == p.status) {
            counts[i] += 1;
        }
    }
    Status::ALL.iter().copied().zip(counts).collect()
}

/// Active projects per lifecycle phase, in lifecycle order: the phase funnel.
pub fn phase_funnel(ws: &Workspace) -> Vec<(Phase, usize)> {
    let mut counts = [0usize; 4];
    for (_, p) in live(ws).filter(|(_, p)| p.status.is_active()) {
        if let Some(i) = Phase::ALL.iter().position(|x| *x == p.phase) {
            counts[i] += 1;
        }
    }
    Phase::ALL.iter().copied().zip(counts).collect()
}

/// Budget figures of one portfolio.
#[derive(Clone, Debug, PartialEq)]
pub struct PortfolioBudget {
    pub portfolio: usize,
    pub planned: Money,
    pub actual: Money,
    pub forecast: Money,
}

impl PortfolioBudget {
    /// Forecast above plan: the overrun to report, if any.
    pub fn overrun(&self) -> Option<Money> {
        (self.forecast > self.planned).then(|| self.forecast - self.planned)
    }
}

/// Planned, actual and forecast budget per portfolio, in the workspace's portfolio order.
pub fn budget_by_portfolio(ws: &Workspace) -> Vec<PortfolioBudget> {
    let mut out: Vec<PortfolioBudget> = (0..ws.portfolios.len())
        .map(|portfolio| PortfolioBudget {
            portfolio,
            planned: 0,
            actual: 0,
            forecast: 0,
        })
        .collect();
    let index = index_by_id(&ws.portfolios, |p| &p.id);
    for (_, p) in live(ws) {
        if let Some(&i) = index.get(p.portfolio_id.as_str()) {
            // Saturating: a sum never overflows into a wrong figure.
            out[i].planned = out[i].planned.saturating_add(p.budget.planned);
            out[i].actual = out[i].actual.saturating_add(p.budget.actual);
            out[i].forecast = out[i].forecast.saturating_add(p.budget.forecast);
        }
    }
    out
}

/// The `n` best-ranked projects: (project index, score, rank).
pub fn top_priorities(ws: &Workspace, n: usize) -> Vec<(usize, f64, usize)> {
    let mut r = ranking(ws);
    r.truncate(n);
    r
}

/// Round numbers for an axis from 0 to at least `max`: the step is 1, 2 or 5 × 10^k and there
/// are at most `max_ticks` + 1 ticks. The last tick is ≥ `max`.
pub fn nice_ticks(max: f64, max_ticks: usize) -> Vec<f64> {
    let max_ticks = max_ticks.max(1);
    if !max.is_finite() || max <= 0.0 {
        return vec![0.0, 1.0];
    }
    let rough = max / max_ticks as f64;
    let magnitude = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| (max / s).ceil() as usize <= max_ticks)
        .unwrap_or(10.0 * magnitude);
    let n = (max / step).ceil() as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// A project on the value-versus-effort chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Bubble {
    pub project: usize,
    pub rank: usize,
    /// Weighted priority score, 0–100 (vertical axis).
    pub value: f64,
    /// Planned budget in minor units (horizontal axis).
    pub effort: Money,
    /// Highest exposure (probability × impact, 0–25) among the open risks and issues: the size.
    pub risk: u8,
    pub quadrant: Quadrant,
}

/// The four quadrants of a value-versus-effort chart, named so they read without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quadrant {
    QuickWin,
    MajorProject,
    FillIn,
    Reconsider,
}

impl Quadrant {
    pub fn label(self) -> &'static str {
        match self {
            Quadrant::QuickWin => "Quick wins",
            Quadrant::MajorProject => "Major projects",
            Quadrant::FillIn => "Fill-ins",
            Quadrant::Reconsider => "Reconsider",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Quadrant::QuickWin => "quick-win",
            Quadrant::MajorProject => "major",
            Quadrant::FillIn => "fill-in",
            Quadrant::Reconsider => "reconsider",
        }
    }

    /// Where a project falls given the chart's split lines (median effort, value 50).
    pub fn of(value: f64, effort: Money, value_split: f64, effort_split: Money) -> Quadrant {
        match (value >= value_split, effort <= effort_split) {
            (true, true) => Quadrant::QuickWin,
            (true, false) => Quadrant::MajorProject,
            (false, true) => Quadrant::FillIn,
            (false, false) => Quadrant::Reconsider,
        }
    }
}

/// The value-versus-effort chart's data: every rankable project plus the split lines.
#[derive(Clone, Debug, PartialEq)]
pub struct BubbleChart {
    pub bubbles: Vec<Bubble>,
    /// The (lower) median planned budget: at or left of it is "low effort".
    pub effort_split: Money,
    pub value_split: f64,
    pub max_effort: Money,
}

/// Highest exposure among a project's open (or mitigating) risks and issues.
pub fn open_risk_exposure(p: &Project) -> u8 {
    top_open_risk(p).map_or(0, |r| r.exposure())
}

/// The open risk or issue with the highest exposure (probability × impact); the first one
/// listed when several share it.
pub fn top_open_risk(p: &Project) -> Option<&crate::model::Risk> {
    p.risks
        .iter()
        .filter(|r| r.status != RiskStatus::Closed)
        .fold(None, |best: Option<&crate::model::Risk>, r| match best {
            Some(b) if b.exposure() >= r.exposure() => Some(b),
            _ => Some(r),
        })
}

/// The top open risk in words: "Data quality lower than assumed — 12 (4 × 3)", or "None".
pub fn top_open_risk_text(p: &Project) -> String {
    match top_open_risk(p) {
        Some(r) => format!(
            "{} — {} ({} × {})",
            r.title.trim(),
            r.exposure(),
            r.probability,
            r.impact
        ),
        None => "None".into(),
    }
}

/// Build the value-versus-effort chart for the rankable projects that `keep` accepts, in rank
/// order (ranks stay those of the whole portfolio).
pub fn bubble_chart(ws: &Workspace, keep: impl Fn(&Project) -> bool) -> BubbleChart {
    let mut ranked = ranking(ws);
    ranked.retain(|(i, _, _)| keep(&ws.projects[*i]));
    let mut efforts: Vec<Money> = ranked
        .iter()
        .map(|(i, _, _)| ws.projects[*i].budget.planned.max(0))
        .collect();
    efforts.sort_unstable();
    let effort_split = efforts
        .get(efforts.len().saturating_sub(1) / 2)
        .copied()
        .unwrap_or(0);
    let max_effort = efforts.last().copied().unwrap_or(0);
    let value_split = 50.0;
    let bubbles = ranked
        .into_iter()
        .map(|(i, value, rank)| {
            let p = &ws.projects[i];
            let effort = p.budget.planned.max(0);
            Bubble {
                project: i,
                rank,
                value,
                effort,
                risk: open_risk_exposure(p),
                quadrant: Quadrant::of(value, effort, value_split, effort_split),
            }
        })
        .collect();
    BubbleChart {
        bubbles,
        effort_split,
        value_split,
        max_effort,
    }
}

/// Bubble radius in chart units for a risk exposure of 0–25: area grows with exposure.
pub fn bubble_radius(risk: u8) -> f64 {
    6.0 + (f64::from(risk.min(25)) / 25.0).sqrt() * 11.0
}

/// How much of the calendar the roadmap shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zoom {
    /// One quarter, ticks every month with week marks.
    Quarter,
    /// One calendar year, ticks every month.
    Year,
    /// Three years, ticks every quarter.
    ThreeYears,
}

impl Zoom {
    pub const ALL: [Zoom; 3] = [Zoom::Quarter, Zoom::Year, Zoom::ThreeYears];

    pub fn slug(self) -> &'static str {
        match self {
            Zoom::Quarter => "quarter",
            Zoom::Year => "year",
            Zoom::ThreeYears => "3y",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Zoom::Quarter => "2 quarters",
            Zoom::Year => "12 months",
            Zoom::ThreeYears => "3 years",
        }
    }

    pub fn from_slug(s: &str) -> Option<Zoom> {
        Zoom::ALL.into_iter().find(|z| z.slug() == s)
    }

    /// How many months the window shows.
    fn months(self) -> u32 {
        match self {
            Zoom::Quarter => 6,
            Zoom::Year => 12,
            Zoom::ThreeYears => 36,
        }
    }

    /// How many months "earlier" and "later" move the window.
    fn step(self) -> u32 {
        match self {
            Zoom::Quarter => 3,
            Zoom::Year | Zoom::ThreeYears => 12,
        }
    }
}

/// A window of the calendar: from `start` (inclusive) to `end` (exclusive).
#[derive(Clone, Debug, PartialEq)]
pub struct Window {
    pub zoom: Zoom,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), d.month(), 1).unwrap_or(d)
}

impl Window {
    /// The window that rolls from `today`: this quarter and the next, the next twelve months
    /// from this month, or three years from this quarter.
    pub fn rolling(zoom: Zoom, today: NaiveDate) -> Window {
        let quarter =
            NaiveDate::from_ymd_opt(today.year(), (today.month0() / 3) * 3 + 1, 1).unwrap_or(today);
        let start = match zoom {
            Zoom::Quarter | Zoom::ThreeYears => quarter,
            Zoom::Year => first_of_month(today),
        };
        Window::starting(zoom, start)
    }

    /// The window of the given zoom starting with the month of `start`.
    pub fn starting(zoom: Zoom, start: NaiveDate) -> Window {
        let start = first_of_month(start);
        Window {
            zoom,
            start,
            end: start
                .checked_add_months(Months::new(zoom.months()))
                .unwrap_or(start),
        }
    }

    /// The window moved earlier (`steps` < 0) or later by steps of a quarter (2 quarters) or
    /// a year (12 months, 3 years).
    pub fn shifted(&self, steps: i32) -> Window {
        let months = Months::new(self.zoom.step() * steps.unsigned_abs());
        let start = if steps < 0 {
            self.start.checked_sub_months(months)
        } else {
            self.start.checked_add_months(months)
        };
        Window::starting(self.zoom, start.unwrap_or(self.start))
    }

    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days().max(1)
    }

    /// Position of a day as a fraction of the window (0 = start, 1 = end), not clamped.
    pub fn x(&self, day: NaiveDate) -> f64 {
        (day - self.start).num_days() as f64 / self.days() as f64
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        day >= self.start && day < self.end
    }

    /// Whether a span from `a` to `b` (inclusive) touches the window.
    pub fn overlaps(&self, a: NaiveDate, b: NaiveDate) -> bool {
        a < self.end && b >= self.start
    }

    /// Labelled ticks: months (quarter and year zoom) or quarters (three years).
    pub fn ticks(&self) -> Vec<(NaiveDate, String)> {
        let step = if self.zoom == Zoom::ThreeYears { 3 } else { 1 };
        let mut out = Vec::new();
        let mut d = self.start;
        while d < self.end {
            let label = match self.zoom {
                Zoom::ThreeYears => format!("Q{} {}", d.month0() / 3 + 1, d.year()),
                Zoom::Year if d.month() == 1 || d == self.start => d.format("%b %Y").to_string(),
                Zoom::Year => d.format("%b").to_string(),
                Zoom::Quarter => d.format("%b %Y").to_string(),
            };
            out.push((d, label));
            match d.checked_add_months(Months::new(step)) {
                Some(next) => d = next,
                None => break,
            }
        }
        out
    }

    /// A heading for the window: "Q4 2026 – Q1 2027", "Nov 2026 – Oct 2027",
    /// "Q4 2026 – Q3 2029".
    pub fn title(&self) -> String {
        let last = self.end.pred_opt().unwrap_or(self.end);
        let q = |d: NaiveDate| format!("Q{} {}", d.month0() / 3 + 1, d.year());
        match self.zoom {
            Zoom::Quarter | Zoom::ThreeYears => format!("{} – {}", q(self.start), q(last)),
            Zoom::Year => format!("{} – {}", self.start.format("%b %Y"), last.format("%b %Y")),
        }
    }
}

/// A stretch of a project's bar spent in one lifecycle phase.
#[derive(Clone, Debug, PartialEq)]
pub struct PhaseSpan {
    pub phase: Phase,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Split a project's start–end span into phases using the gate dates (the gate closing a
/// phase ends it). Phases whose gate has no date share the time up to the next known date.
/// Returns nothing for a project without both dates.
pub fn phase_spans(p: &Project) -> Vec<PhaseSpan> {
    let (Some(start), Some(end)) = (p.start, p.end) else {
        return Vec::new();
    };
    if end < start {
        return Vec::new();
    }
    // Known boundaries: the end of each phase, clamped to the project span and kept in order.
    let mut ends: Vec<Option<NaiveDate>> = Phase::ALL
        .iter()
        .map(|ph| {
            p.gates
                .iter()
                .find(|g| g.phase == *ph)
                .and_then(|g| g.date)
                .map(|d| d.clamp(start, end))
        })
        .collect();
    ends[3] = Some(end);
    let mut out = Vec::new();
    let mut from = start;
    let mut i = 0;
    while i < 4 {
        // Find the next phase with a known end; share the time among the phases up to it.
        let j = (i..4)
            .find(|&k| ends[k].is_some_and(|d| d >= from))
            .unwrap_or(3);
        let to = ends[j].unwrap_or(end).max(from);
        let n = (j - i + 1) as i64;
        let total = (to - from).num_days();
        for (k, phase) in Phase::ALL.iter().enumerate().take(j + 1).skip(i) {
            let a = from + chrono::Days::new(((total * (k - i) as i64) / n) as u64);
            let b = if k == j {
                to
            } else {
                from + chrono::Days::new(((total * (k - i + 1) as i64) / n) as u64)
            };
            out.push(PhaseSpan {
                phase: *phase,
                from: a,
                to: b,
            });
        }
        from = to;
        i = j + 1;
    }
    out.retain(|s| s.to > s.from || s.phase == p.phase);
    out
}

/// A group of the roadmap: a portfolio, optionally narrowed to a programme, with its rows.
#[derive(Clone, Debug, PartialEq)]
pub struct RoadmapGroup {
    pub portfolio: usize,
    pub programme: Option<usize>,
    /// Project indices, by start date then code.
    pub projects: Vec<usize>,
}

/// Group the given projects (already filtered) for the roadmap: by portfolio in workspace
/// order, then programme in workspace order, then projects directly in the portfolio.
/// Only projects with dates that touch the window are kept.
pub fn roadmap_groups(ws: &Workspace, projects: &[usize], window: &Window) -> Vec<RoadmapGroup> {
    let pf_index = index_by_id(&ws.portfolios, |p| &p.id);
    let pg_index = index_by_id(&ws.programmes, |p| &p.id);
    let mut groups: std::collections::BTreeMap<(usize, usize), Vec<usize>> = Default::default();
    for &i in projects {
        let p = &ws.projects[i];
        let (Some(start), Some(end)) = (p.start, p.end) else {
            continue;
        };
        let last = p.baseline_end.map_or(end, |b| b.max(end));
        if !window.overlaps(start, last) {
            continue;
        }
        let Some(&pf) = pf_index.get(p.portfolio_id.as_str()) else {
            continue;
        };
        let pg = p
            .programme_id
            .as_deref()
            .and_then(|id| pg_index.get(id))
            .map_or(usize::MAX, |g| *g);
        groups.entry((pf, pg)).or_default().push(i);
    }
    groups
        .into_iter()
        .map(|((portfolio, pg), mut list)| {
            list.sort_by(|a, b| {
                let (pa, pb) = (&ws.projects[*a], &ws.projects[*b]);
                pa.start.cmp(&pb.start).then_with(|| pa.code.cmp(&pb.code))
            });
            RoadmapGroup {
                portfolio,
                programme: (pg != usize::MAX).then_some(pg),
                projects: list,
            }
        })
        .collect()
}

/// Days the current end lies after the baseline end (negative when earlier).
pub fn slip_days(p: &Project) -> Option<i64> {
    Some((p.end? - p.baseline_end?).num_days())
}

/// How far the end moved from the baseline, in words ("12 days after the baseline"); `None`
/// without both dates or when they agree.
pub fn slip_words(p: &Project) -> Option<String> {
    let days = slip_days(p)?;
    let n = crate::common::text::plural(days.unsigned_abs() as usize, "day", None);
    match days.cmp(&0) {
        std::cmp::Ordering::Greater => Some(format!("{n} after the baseline")),
        std::cmp::Ordering::Less => Some(format!("{n} before the baseline")),
        std::cmp::Ordering::Equal => None,
    }
}

/// A short amount for chart axes: whole currency units as "950", "12k", "1.5M", "2B".
pub fn compact_amount(minor: Money) -> String {
    let units = minor as f64 / 100.0;
    let a = units.abs();
    let (v, suffix) = if a >= 1e9 {
        (units / 1e9, "B")
    } else if a >= 1e6 {
        (units / 1e6, "M")
    } else if a >= 1e3 {
        (units / 1e3, "k")
    } else {
        (units, "")
    };
    let text = if v.abs() >= 10.0 || v.fract().abs() < 0.05 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    };
    format!("{text}{suffix}")
}
