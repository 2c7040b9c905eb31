//! The portfolio feature: the dashboard, the register, the project page and its plan,
//! priorities, the roadmap and the monthly report, with the widgets only they use.

pub mod charts;
pub mod csv_import;
pub mod dashboard;
pub mod objectives;
pub mod priorities;
pub mod project;
pub mod register;
pub mod reply;
pub mod report;
pub mod roadmap;
pub mod round;
