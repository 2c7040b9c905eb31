//! "Start a PMO": the seven-step set-up guide, its decisions, what each step still misses,
//! the monthly routines calendar, the staffing the org chart should show, and the PMO charter.
//!
//! The decisions live in [`crate::model::SetupPlan`] inside the workspace. Decisions the rest of the app
//! already holds are not copied: the PMO type is the organisation's, the sponsor is a person
//! of the org chart, the staffing's open roles are people marked as vacancies.

mod calendar;
mod charter;
pub mod ics;
mod next;
mod pmo_type;
mod staffing;
mod steps;
mod unit_chart;

pub use calendar::*;
pub use charter::*;
pub use next::*;
pub use pmo_type::*;
pub use staffing::*;
pub use steps::*;
pub use unit_chart::*;
