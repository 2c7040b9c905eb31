//! "Start a PMO": the seven-step guide. Each step explains itself, asks for its decisions and
//! says what is still missing; every change is saved at once, so the guide resumes where the
//! user left it. The rules are in `pmo_domain::setup`.

use leptos::prelude::*;
use pmo_domain::document::describe::Scope;
use pmo_domain::route::Page;
use pmo_domain::setup::{self, STEPS};
use pmo_domain::SetupPlan;

use crate::app::state::AppState;
use crate::ui::demo_offer::DemoOffer;
use crate::ui::focus;

mod charter;
mod routines;
mod steps;

pub use charter::CharterPage;
pub use routines::RoutinesPage;

/// The plan as the pages read it (a default one before the guide was first used).
pub fn plan_memo(state: AppState) -> Memo<SetupPlan> {
    Memo::new(move |_| {
        state
            .workspace
            .with(|ws| ws.setup.clone().unwrap_or_default())
    })
}

/// Change the plan (creating it on first use); saved like every edit.
pub fn edit_plan(state: AppState, f: impl FnOnce(&mut SetupPlan)) {
    state.edit_in(Scope::organisation(), |ws| {
        f(ws.setup.get_or_insert_with(SetupPlan::default))
    });
}

#[component]
pub fn SetupPage() -> impl IntoView {
    let state = AppState::expect();
    let plan = plan_memo(state);
    let has_data = Memo::new(move |_| state.workspace.with(|w| w.has_user_data()));
    let step = Memo::new(move |_| plan.with(|p| p.step.clamp(1, 7)));
    // What each step misses, recomputed when the data changes.
    let missing = Memo::new(move |_| {
        plan.with(|p| {
            state.workspace.with(|ws| {
                STEPS
                    .iter()
                    .map(|s| setup::missing(ws, p, s.0))
                    .collect::<Vec<_>>()
            })
        })
    });
    let done = Memo::new(move |_| missing.with(|m| m.iter().filter(|x| x.is_empty()).count()));
    let go = move |n: u8| {
        edit_plan(state, |p| p.step = n);
        // Keyboard and screen-reader users start at the top of the new step.
        focus::after_frames(1, &["#setup-step-title"]);
    };
    let nav = STEPS
        .iter()
        .map(|&(n, title, _)| {
            let here = move || step.get() == n;
            let status = move || {
                missing.with(|m| match m[usize::from(n) - 1].len() {
                    0 => "Done".to_string(),
                    1 => "1 missing".to_string(),
                    k => format!("{k} missing"),
                })
            };
            let complete = move || missing.with(|m| m[usize::from(n) - 1].is_empty());
            view! {
                <li class:current=here class:complete=complete>
                    <button type="button" aria-current=move || here().then_some("step") on:click=move |_| go(n)>
                        <span class="sr-only">{move || format!("Step {n}: {title}, {}", status())}</span>
                        <span class="setup-step-number" aria-hidden="true">{n}</span>
                        <span class="setup-step-name" aria-hidden="true">{title}</span>
                        <span class="setup-step-status" aria-hidden="true">{status}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    let why = move || STEPS[usize::from(step.get()) - 1].2;
    let title = move || {
        let n = step.get();
        format!("Step {n} of 7: {}", setup::step_title(n))
    };
    let still = move || {
        let n = usize::from(step.get());
        let m = missing.with(|m| m[n - 1].clone());
        if m.is_empty() {
            view! { <p class="setup-complete" role="status">"This step is complete."</p> }
                .into_any()
        } else {
            view! {
                <div class="setup-missing" role="status">
                    <h3>"Still missing"</h3>
                    <ul>{m.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul>
                </div>
            }
            .into_any()
        }
    };
    view! {
        <section class="page setup-page">
            <div class="page-head">
                <h1 tabindex="-1">"Start a PMO"</h1>
                <div class="actions">
                    <a class="button" href=Page::Routines.href()>"Routines calendar"</a>
                    <a class="button" href=Page::Charter.href()>"PMO charter"</a>
                </div>
            </div>
            <p class="lede">
                "Seven steps from the idea of a PMO to a charter your sponsor can sign. "
                "Every decision is saved as you make it; come back at any time and carry on where you stopped."
            </p>
            {move || (!has_data.get()).then(|| view! {
                <DemoOffer what="The guide works from a blank page too; with people in the org chart it can name the sponsor and staff the PMO with open roles." next="Begin with step 1 below: your answers are kept as you go." own_action=true/>
            })}
            <div class="setup-layout">
                <nav class="setup-steps card" aria-label="Set-up steps">
                    <p class="setup-progress">{move || format!("{} of 7 steps complete", done.get())}</p>
                    <ol>{nav}</ol>
                </nav>
                <div class="setup-step card">
                    <h2 id="setup-step-title" tabindex="-1">{title}</h2>
                    <p class="setup-why">{why}</p>
                    {move || match step.get() {
                        1 => view! { <steps::Objectives plan/> }.into_any(),
                        2 => view! { <steps::Sponsorship plan/> }.into_any(),
                        3 => view! { <steps::ToolsAndProcesses plan/> }.into_any(),
                        4 => view! { <steps::Organisation plan/> }.into_any(),
                        5 => view! { <steps::Communicate plan/> }.into_any(),
                        6 => view! { <steps::Routines plan/> }.into_any(),
                        _ => view! { <steps::CharterStep plan missing/> }.into_any(),
                    }}
                    {still}
                    <div class="setup-buttons">
                        {move || (step.get() > 1).then(|| {
                            let n = step.get() - 1;
                            view! { <button type="button" on:click=move |_| go(n)>{format!("Back: {}", setup::step_title(n))}</button> }
                        })}
                        {move || if step.get() < 7 {
                            let n = step.get() + 1;
                            view! { <button type="button" class="primary" on:click=move |_| go(n)>{format!("Next: {}", setup::step_title(n))}</button> }.into_any()
                        } else {
                            view! { <a class="button primary" href=Page::Charter.href()>"Open the charter"</a> }.into_any()
                        }}
                    </div>
                </div>
            </div>
        </section>
    }
}
