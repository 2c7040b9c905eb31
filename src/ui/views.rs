//! The tabs across the portfolio's views: register, priorities, roadmap, monthly report.

use leptos::prelude::*;
use pmo_domain::route::Page;

use crate::app::state::AppState;

#[component]
pub fn PortfolioViews(current: Page) -> impl IntoView {
    let state = AppState::expect();
    // The register tab returns to the register as it was last shown (filters and all).
    let register = state.last_portfolio.get_untracked();
    let tabs = [
        (Page::Portfolio, "Register"),
        (Page::Priorities, "Priorities"),
        (Page::Roadmap, "Roadmap"),
        (Page::Report, "Monthly report"),
        (Page::Round, "Status round"),
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

/// The "Portfolio" drop-down of the portfolio views ("All portfolios" or one of them).
#[component]
pub fn PortfolioPicker(
    /// The element id (the label points at it).
    id: &'static str,
    /// The chosen portfolio's id, if any.
    chosen: Signal<Option<String>>,
    /// Called with the new choice.
    on_pick: Callback<Option<String>>,
) -> impl IntoView {
    let portfolios = portfolio_names(AppState::expect());
    view! {
        <span class="inline-field">
            <label for=id>"Portfolio"</label>
            <select id=id on:change=move |ev| {
                let v = event_target_value(&ev);
                on_pick.run((!v.is_empty()).then_some(v));
            }>
                <option value="" selected=move || chosen.with(Option::is_none)>"All portfolios"</option>
                {move || portfolios.get().into_iter().map(|(pid, name)| {
                    let selected = chosen.with(|c| c.as_deref() == Some(pid.as_str()));
                    view! { <option value=pid selected=selected>{name}</option> }
                }).collect_view()}
            </select>
        </span>
    }
}

/// The portfolios as (id, name), for pickers; changes only when a portfolio does.
pub fn portfolio_names(state: AppState) -> Memo<Vec<(String, String)>> {
    Memo::new(move |_| {
        state.workspace.with(|ws| {
            ws.portfolios
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect::<Vec<_>>()
        })
    })
}
