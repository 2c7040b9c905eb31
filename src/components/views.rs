//! The tabs across the portfolio's views: register, priorities, roadmap, monthly report.

use leptos::prelude::*;
use pmo_domain::route::Page;

use crate::state::AppState;

#[component]
pub fn PortfolioViews(current: Page) -> impl IntoView {
    let state = AppState::expect();
    // The register tab returns to the register as it was last shown (filters and all).
    let register = state.last_register.get_untracked();
    let tabs = [
        (Page::Portfolio, "Register"),
        (Page::Priorities, "Priorities"),
        (Page::Roadmap, "Roadmap"),
        (Page::Report, "Monthly report"),
    ];
    view! {
        <nav class="views" aria-label="Portfolio views">
            {tabs
                .into_iter()
                .map(|(page, name)| {
                    let here = page == current;
                    let href = if page == Page::Portfolio { register.clone() } else { page.href() };
                    view! {
                        <a href=href aria-current=here.then_some("page")>{name}</a>
                    }
                })
                .collect_view()}
        </nav>
    }
}
