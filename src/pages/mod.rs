//! One module per page; [`render`] picks the page for the current route.

use leptos::prelude::*;
use pmo_domain::route::Page;

pub mod assessment;
pub mod dashboard;
pub mod data;
pub mod not_found;
pub mod org_chart;
pub mod portfolio;
pub mod priorities;
pub mod project;
pub mod project_plan;
pub mod report;
pub mod roadmap;
pub mod roles;
pub mod setup;

/// Today, from the clock.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// A date as pages show it: "22 Nov 2026".
pub fn day(d: chrono::NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// The view of a page.
pub fn render(page: Page) -> AnyView {
    match page {
        Page::Dashboard => view! { <dashboard::DashboardPage/> }.into_any(),
        Page::Portfolio => view! { <portfolio::PortfolioPage/> }.into_any(),
        Page::NewProject => view! { <project::NewProjectPage/> }.into_any(),
        Page::Priorities => view! { <priorities::PrioritiesPage/> }.into_any(),
        Page::Roadmap => view! { <roadmap::RoadmapPage/> }.into_any(),
        Page::Report => view! { <report::ReportPage/> }.into_any(),
        Page::Project(id) => view! { <project::ProjectPage id/> }.into_any(),
        Page::OrgChart => view! { <org_chart::OrgChartPage/> }.into_any(),
        Page::Assessment => view! { <assessment::AssessmentPage/> }.into_any(),
        Page::TakeAssessment(id) => view! { <assessment::TakePage id/> }.into_any(),
        Page::AssessmentResults(id) => view! { <assessment::ResultsPage id/> }.into_any(),
        Page::Setup => view! { <setup::SetupPage/> }.into_any(),
        Page::Charter => view! { <setup::CharterPage/> }.into_any(),
        Page::Routines => view! { <setup::RoutinesPage/> }.into_any(),
        Page::Roles => view! { <roles::RolesPage/> }.into_any(),
        Page::Data => view! { <data::DataPage/> }.into_any(),
        Page::PanicTest => view! { <PanicTest/> }.into_any(),
        Page::NotFound(path) => view! { <not_found::NotFoundPage path/> }.into_any(),
    }
}

/// A hidden page (`#/debug/panic`) that fails on purpose, so the error panel can be checked.
#[component]
fn PanicTest() -> impl IntoView {
    panic!("Deliberate error from the error-panel test page");
    #[allow(unreachable_code)]
    ()
}
