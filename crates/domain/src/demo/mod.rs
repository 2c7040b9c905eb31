//! A deterministic demo organisation, and a scalable generator for benchmarks.
//!
//! The demo is what a PMO lead sees when they try the app: a CEO with an enterprise PMO
//! (Chief Project Officer, PMO manager, analysts, coordinators), three portfolios, eight
//! programmes, forty projects in every phase and status, a programme PMO, an open role, a
//! project run by a business PM and a technical PM together, and dotted lines to the PMO. Its
//! set-up guide is filled in (so the charter and routines calendar read as a real PMO's), its
//! PMO type is controlling everywhere it is named, and what its PMs write matches their status.
//! The same seed always yields the same document, so tests and screenshots are stable.

use chrono::{Days, NaiveDate};

use crate::model::*;

mod assessments;
mod people;
mod portfolios;
mod projects;
mod setup;

/// A small, fast, deterministic pseudo-random generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid literal date")
}

/// `d` moved by `delta` days (held at `d` at the calendar's ends).
fn days(d: NaiveDate, delta: i64) -> NaiveDate {
    if delta >= 0 {
        d.checked_add_days(Days::new(delta as u64)).unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(delta.unsigned_abs()))
            .unwrap_or(d)
    }
}

/// An empty workspace with the standard role catalogue: where a new PMO starts.
pub fn empty() -> Workspace {
    Workspace {
        roles: crate::roles::standard_catalogue(),
        ..Workspace::default()
    }
}

/// The reference day of [`demo`] and [`generate`], so tests see the same document every time.
pub fn reference_day() -> NaiveDate {
    date(2026, 11, 2)
}

/// The demo organisation as of the reference day (see [`demo_at`]).
pub fn demo() -> Workspace {
    demo_at(reference_day())
}

/// The demo organisation about 60 people, 3 portfolios, 8 programmes and 40 projects, with
/// dates around `today` so that gates, milestones and status updates look current.
pub fn demo_at(today: NaiveDate) -> Workspace {
    let mut ws = generate_at(40, 60, today);
    ws.assessments = assessments::demo_assessments(&ws, today);
    ws.setup = Some(setup::plan(today));
    ws
}

/// [`generate_at`] on the reference day.
pub fn generate(projects: usize, people: usize) -> Workspace {
    generate_at(projects, people, reference_day())
}

/// What the parts of the generator share: the random sequence, the names given so far, and
/// the workspace being built. The parts run in a fixed order, so the same seed always gives
/// the same document.
struct Generator {
    rng: Rng,
    names: people::Names,
    ws: Workspace,
}

impl Generator {
    /// Add a person with a generated name; returns their id.
    fn add(
        &mut self,
        id: String,
        title: &str,
        role: &str,
        unit: &str,
        manager: Option<&str>,
    ) -> Id {
        let name = self.names.next(&mut self.rng);
        self.ws.people.push(Person {
            id: id.clone(),
            name,
            title: title.into(),
            role_id: Some(role.into()),
            unit_id: Some(unit.into()),
            manager_id: manager.map(str::to_string),
            vacancy: false,
        });
        id
    }
}

/// A deterministic organisation with `projects` projects and about `people` people
/// (at least the fixed leadership of 26 plus three project managers), dated around `today`.
pub fn generate_at(projects: usize, people: usize, today: NaiveDate) -> Workspace {
    let mut g = Generator {
        rng: Rng(0x0050_4D4F_u64),
        names: people::Names::default(),
        ws: empty(),
    };
    let lead = people::leadership(&mut g);
    let spread = projects::Spread {
        n_portfolios: 3 + projects / 1000,
        n_programmes: (projects / 5).max(3 + projects / 1000),
    };
    portfolios::portfolios_and_programmes(&mut g, spread.n_portfolios, spread.n_programmes, &lead);
    people::programme_pmo(&mut g, &lead);
    let pms = people::project_managers(&mut g, people, &lead);
    g.ws.objectives = portfolios::objectives();
    projects::projects(&mut g, projects, &spread, &lead, &pms, today);
    g.ws
}
