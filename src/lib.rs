//! PMO Workbench: the Leptos app. Components stay thin; the rules live in `pmo_domain`.
//!
//! Layers, from the bottom up (the test `tests/layers.rs` checks them):
//! - [`app`]: the shared state, storage, sync with other tabs, the offline copy, the crash panel;
//! - [`ui`]: the shell around every page and widgets several features share;
//! - the features, one folder each, none importing another: [`portfolio`], [`org`],
//!   [`assessment`], [`roles`], [`setup`], [`data`];
//! - this file: the app component and the table of which page each address shows.

use leptos::prelude::*;
use pmo_domain::route::Page;

pub mod app;
pub mod ui;

pub mod assessment;
pub mod data;
pub mod org;
pub mod portfolio;
pub mod roles;
pub mod setup;

pub use app::stored_as_json;

/// The whole app: the shell with the page of the current address.
#[component]
pub fn App() -> impl IntoView {
    let state = app::start();
    // Only a change of page re-renders the page; a change of its parameters (filters) does not.
    let page = Memo::new(move |_| state.route.with(|r| r.page.clone()));
    view! {
        <ui::shell::Shell>
            {move || {
                if state.opened.get() {
                    render(page.get())
                } else {
                    view! { <p class="opening" role="status">"Opening your data…"</p> }.into_any()
                }
            }}
        </ui::shell::Shell>
    }
}

/// The view of a page.
fn render(page: Page) -> AnyView {
    match page {
        Page::Dashboard => view! { <portfolio::dashboard::DashboardPage/> }.into_any(),
        Page::Portfolio => view! { <portfolio::register::PortfolioPage/> }.into_any(),
        Page::NewProject => view! { <portfolio::project::NewProjectPage/> }.into_any(),
        Page::Priorities => view! { <portfolio::priorities::PrioritiesPage/> }.into_any(),
        Page::Roadmap => view! { <portfolio::roadmap::RoadmapPage/> }.into_any(),
        Page::Report => view! { <portfolio::report::ReportPage/> }.into_any(),
        Page::Round => view! { <portfolio::round::RoundPage/> }.into_any(),
        Page::Reply => view! { <portfolio::reply::ReplyPage/> }.into_any(),
        Page::Project(id) => view! { <portfolio::project::ProjectPage id/> }.into_any(),
        Page::OrgChart => view! { <org::OrgChartPage/> }.into_any(),
        Page::Assessment => view! { <assessment::AssessmentPage/> }.into_any(),
        Page::TakeAssessment(id) => view! { <assessment::TakePage id/> }.into_any(),
        Page::AssessmentResults(id) => view! { <assessment::ResultsPage id/> }.into_any(),
        Page::Setup => view! { <setup::SetupPage/> }.into_any(),
        Page::Charter => view! { <setup::CharterPage/> }.into_any(),
        Page::Routines => view! { <setup::RoutinesPage/> }.into_any(),
        Page::Roles => view! { <roles::RolesPage/> }.into_any(),
        Page::Data => view! { <data::DataPage/> }.into_any(),
        Page::PanicTest => panic_test(),
        Page::NotFound(path) => view! { <ui::not_found::NotFoundPage path/> }.into_any(),
    }
}

/// `#/debug/panic` fails on purpose in debug builds, so the error panel can be checked; a
/// release build has no such page.
fn panic_test() -> AnyView {
    if cfg!(debug_assertions) {
        panic!("Deliberate error from the error-panel test page");
    }
    view! { <ui::not_found::NotFoundPage path="debug/panic".to_string()/> }.into_any()
}
