//! The empty state of a page: what it will hold, what to do next (one action), and the demo
//! organisation one click away; and the empty app's three ways in.

use leptos::prelude::*;
use pmo_domain::route::Page;

use crate::app::state::AppState;

fn load_demo(state: AppState) {
    state.edit(|ws| *ws = pmo_domain::demo::demo_at(chrono::Local::now().date_naive()));
    state.say("Demo organisation loaded");
}

/// Shown while the workspace is empty.
#[component]
pub fn DemoOffer(
    /// What this page shows once there is data.
    what: &'static str,
    /// What to do next, in a sentence.
    #[prop(optional)]
    next: &'static str,
    /// The one action that does it: its label and address.
    #[prop(optional)]
    action: Option<(&'static str, Page)>,
    /// The page offers its own action right below (the empty state then offers none).
    #[prop(optional)]
    own_action: bool,
) -> impl IntoView {
    let state = AppState::expect();
    let next = if next.is_empty() {
        "Start with the guide, bring your own data, or explore with the demo organisation."
    } else {
        next
    };
    let (label, page) = action.unwrap_or(("Start a PMO with the guide", Page::Setup));
    view! {
        <section class="empty-state" aria-labelledby="empty-title">
            <h2 id="empty-title">"Nothing here yet"</h2>
            <p>{what}</p>
            <p>{next}</p>
            <p class="actions">
                {(!own_action).then(|| view! { <a class="button primary" href=page.href()>{label}</a> })}
                <button class="link" on:click=move |_| load_demo(state)>"Load demo organisation"</button>
            </p>
        </section>
    }
}

/// The empty app's welcome: three ways in.
#[component]
pub fn WaysIn() -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="ways-in" aria-labelledby="ways-title">
            <h2 id="ways-title">"Three ways to begin"</h2>
            <ul class="ways">
                <li class="card">
                    <h3>"Start a PMO"</h3>
                    <p>"Seven steps from the idea of a PMO to a charter your sponsor can sign: purpose, sponsor, services, type, communication and routines."</p>
                    <a class="button primary" href=Page::Setup.href()>"Start a PMO with the guide"</a>
                </li>
                <li class="card">
                    <h3>"Bring your data"</h3>
                    <p>"Import a PMO Workbench backup, or your project list from a spreadsheet (CSV), on the Data page."</p>
                    <a class="button" href=Page::Data.href()>"Import your data"</a>
                </li>
                <li class="card">
                    <h3>"Look around first"</h3>
                    <p>"A fictional group with an enterprise PMO, 3 portfolios, 8 programmes, 40 projects and 60 people. Reset it on the Data page when you are done."</p>
                    <button on:click=move |_| load_demo(state)>"Try the demo"</button>
                </li>
            </ul>
        </section>
    }
}

fn page_of(at: pmo_domain::setup::Where) -> Page {
    use pmo_domain::setup::Where;
    match at {
        Where::Guide => Page::Setup,
        Where::OrgChart => Page::OrgChart,
        Where::NewProject => Page::NewProject,
        Where::StatusRound => Page::Round,
    }
}

/// What to do next while there is no project yet (after the guide, or with people only).
#[component]
pub fn NextSteps() -> impl IntoView {
    let state = AppState::expect();
    let steps = Memo::new(move |_| state.workspace.with(pmo_domain::setup::next_steps));
    view! {
        <section class="card next-steps" aria-labelledby="next-title">
            <h2 id="next-title">"What to do next"</h2>
            <ol class="plain">
                {move || steps.get().into_iter().map(|s| view! {
                    <li class:done=s.done>
                        <span class="next-mark" aria-hidden="true">{if s.done { "✓" } else { "○" }}</span>
                        <div>
                            <h3>{s.title}{s.done.then_some(view! { <span class="sr-only">" (done)"</span> })}</h3>
                            <p class="muted">{s.detail}</p>
                        </div>
                        <a class="button" href=page_of(s.at).href()>{s.action}</a>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
