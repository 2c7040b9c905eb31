//! One project: the pages that show it (new and existing) and its actions (duplicate,
//! archive, delete with undo). The edit form is in [`form`], status updates and their history
//! in [`status`], gates, milestones and risks in [`plan`].

mod form;
pub mod plan;
mod status;
mod summary;

use leptos::prelude::*;
use pmo_domain::portfolio::project::{blank_project, duplicate};
use pmo_domain::route::Page;
use pmo_domain::Project;

use crate::app::state::AppState;

use crate::ui::focus;
use form::{FormSync, ProjectForm};
use pmo_domain::portfolio::project::same_form;
use status::StatusUpdates;
use summary::{ProjectDetails, ProjectStatus};

/// The people a project role can go to (vacancies excluded): (id, "Name — Title"), by name.
pub fn people_choices(ws: &pmo_domain::Workspace) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = ws
        .people
        .iter()
        .filter(|p| !p.vacancy)
        .map(|p| (p.id.clone(), format!("{} — {}", p.name, p.title)))
        .collect();
    v.sort_by(|a, b| a.1.cmp(&b.1));
    v
}

/// [`people_choices`] as a memo that is computed again only when the people change, not at
/// each edit of a project: with 10 000 people, naming and sorting them took milliseconds at
/// every keystroke. What the choices show is hashed (cheap, and nothing is copied) to tell.
pub fn people_memo(state: AppState) -> Memo<Vec<(String, String)>> {
    use std::hash::{Hash, Hasher};
    let shown = Memo::new(move |_| {
        state.workspace.with(|ws| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for p in &ws.people {
                (&p.id, &p.name, &p.title, p.vacancy).hash(&mut h);
            }
            h.finish()
        })
    });
    Memo::new(move |_| {
        shown.track();
        state.workspace.with_untracked(people_choices)
    })
}

/// The field of the project form that has the focus, as a selector (`#name`).
fn focused_in_form() -> Option<String> {
    let el = document().active_element()?;
    el.closest(".project-form").ok().flatten()?;
    let id = el.id();
    (!id.is_empty()).then(|| format!("#{id}"))
}

/// `#/portfolio/new`
#[component]
pub fn NewProjectPage() -> impl IntoView {
    let state = AppState::expect();
    let no_portfolio = Memo::new(move |_| state.workspace.with(|w| w.portfolios.is_empty()));
    view! {
        <section class="page">
            <p class="crumbs"><a href=move || state.last_portfolio.get()>"← Back to the register"</a></p>
            <h1 tabindex="-1">"New project"</h1>
            {move || if no_portfolio.get() {
                view! { <FirstPortfolio/> }.into_any()
            } else {
                let draft = state.workspace.with_untracked(blank_project);
                let sync = FormSync::new(draft.clone());
                view! { <ProjectForm draft is_new=true sync/> }.into_any()
            }}
        </section>
    }
}

/// A project belongs to a portfolio: the first one is named right here.
#[component]
fn FirstPortfolio() -> impl IntoView {
    let state = AppState::expect();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked();
        let mut outcome = None;
        state.edit_as_in(
            format!("Added the portfolio “{}”", n.trim()),
            pmo_domain::document::describe::Scope::Anywhere,
            |ws| {
                let r = pmo_domain::portfolio::project::add_portfolio(ws, &n);
                let ok = r.is_ok();
                outcome = Some(r);
                ok
            },
        );
        match outcome {
            Some(Err(e)) => error.set(Some(e)),
            _ => error.set(None),
        }
    };
    view! {
        <form class="card" aria-labelledby="first-portfolio-title" on:submit=create novalidate=true>
            <h2 id="first-portfolio-title">"First, a portfolio"</h2>
            <p>"Every project belongs to a portfolio: a group of projects with one owner and budget, for example a business unit or a strategic theme. Name the first one."</p>
            <div class="field">
                <label for="first-portfolio">"Portfolio name"</label>
                <input id="first-portfolio" type="text" placeholder="e.g. Customer & Growth"
                    aria-describedby="first-portfolio-error"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <p id="first-portfolio-error" class="field-error" role="alert">{move || error.get()}</p>
            </div>
            <p class="actions"><button type="submit" class="primary">"Add the portfolio"</button></p>
        </form>
    }
}

/// `#/project/:id`
#[component]
pub fn ProjectPage(
    /// The project's id from the address.
    id: String,
) -> impl IntoView {
    let state = AppState::expect();
    let lookup = id.clone();
    let project = Memo::new(move |_| {
        state
            .workspace
            .with(|w| w.projects.iter().find(|p| p.id == lookup).cloned())
    });
    let exists = Memo::new(move |_| project.with(Option::is_some));
    // The details show as text; "Edit details" turns them into the form, in place.
    let editing = RwSignal::new(false);
    // The form is drawn again from the workspace when the project's form fields change
    // other than through the form (an undo, another tab), unless the form holds changes with
    // a problem (those are kept, and saved over the change once fixed). Counting the rounds
    // here keeps the form as it is while it saves its own changes.
    let sync = FormSync::new(
        project
            .get_untracked()
            .unwrap_or_else(|| state.workspace.with_untracked(blank_project)),
    );
    let round = Memo::new(move |previous: Option<&u64>| {
        let n = previous.copied().unwrap_or(0);
        let now = project.get();
        match now {
            Some(now)
                if previous.is_some()
                    && !sync.holding.get_value()
                    && !sync.seen.with_value(|seen| same_form(seen, &now)) =>
            {
                sync.seen.set_value(now);
                n + 1
            }
            _ => n,
        }
    });
    view! {
        <section class="page">
            <p class="crumbs"><a href=move || state.last_portfolio.get()>"← Back to the register"</a></p>
            {move || if exists.get() {
                let p = project.get_untracked().expect("checked");
                let code = p.code.clone();
                let pid = p.id.clone();
                view! {
                    <div class="page-head">
                        <h1 tabindex="-1">{move || project.with(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default())}</h1>
                        <ProjectActions project/>
                    </div>
                    <p class="muted">
                        <span class="mono">{code}</span>
                        {move || project.with(|p| p.as_ref().and_then(|p| p.archived.then(|| view! { " · " <span class="badge neutral">"Archived"</span> })))}
                    </p>
                    <ProjectStatus project/>
                    <StatusUpdates project/>
                    <section class="card" aria-labelledby="details-title">
                        <div class="card-head">
                            <h2 id="details-title">"Details"</h2>
                            <button aria-expanded=move || editing.get().to_string() aria-controls="project-details"
                                on:click=move |_| {
                                    if editing.get_untracked() && sync.holding.get_value() {
                                        state.say("Fix the field that needs attention first: your other changes are saved.");
                                    } else {
                                        if !editing.get_untracked() {
                                            // The form starts from the project as it is now.
                                            if let Some(now) = project.get_untracked() {
                                                sync.seen.set_value(now);
                                            }
                                        }
                                        editing.update(|e| *e = !*e);
                                    }
                                }>
                                {move || if editing.get() { "Done editing" } else { "Edit details" }}
                            </button>
                        </div>
                        <div id="project-details">
                            {move || if editing.get() {
                                let n = round.get();
                                let p = project.get_untracked()?;
                                if n > 0 {
                                    // Drawn again: the focus goes back to the field it was in.
                                    if let Some(field) = focused_in_form() {
                                        focus::next_frame(field);
                                    }
                                }
                                Some(view! { <ProjectForm draft=p is_new=false sync/> }.into_any())
                            } else {
                                Some(view! { <ProjectDetails project/> }.into_any())
                            }}
                        </div>
                    </section>
                    <crate::portfolio::project::plan::PlanDetails project/>
                    <crate::ui::history::History kind="project" id=pid level=2/>
                }
                .into_any()
            } else {
                view! {
                    <h1 tabindex="-1">"Project not found"</h1>
                    <p>{format!("There is no project with the id “{id}”. It may have been deleted.")}</p>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn ProjectActions(project: Memo<Option<Project>>) -> impl IntoView {
    let state = AppState::expect();
    let on_duplicate = move |_| {
        let Some(original) = project.get_untracked() else {
            return;
        };
        let copy = state
            .workspace
            .with_untracked(|ws| duplicate(ws, &original));
        let (id, name) = (copy.id.clone(), copy.name.clone());
        state.edit(|ws| ws.projects.push(copy));
        state.say(format!("Created {name}"));
        crate::app::navigate(&Page::Project(id).href(), false);
    };
    let on_archive = move |_| {
        let Some(p) = project.get_untracked() else {
            return;
        };
        state.edit_project(&p.id, |x| x.archived = !x.archived);
        state.say(if p.archived {
            format!("{} restored from the archive", p.name)
        } else {
            format!("{} archived", p.name)
        });
    };
    let on_delete = move |_| {
        let Some(p) = project.get_untracked() else {
            return;
        };
        let Some(index) = state
            .workspace
            .with_untracked(|ws| ws.projects.iter().position(|x| x.id == p.id))
        else {
            return;
        };
        state.edit_as(format!("Deleted project “{}”", p.name), |ws| {
            ws.projects.remove(index);
        });
        crate::app::navigate(&state.last_portfolio.get_untracked(), false);
    };
    view! {
        <div class="actions">
            <button on:click=on_duplicate>"Duplicate"</button>
            <button on:click=on_archive>
                {move || if project.with(|p| p.as_ref().is_some_and(|p| p.archived)) { "Restore from archive" } else { "Archive" }}
            </button>
            <button class="danger-outline" on:click=on_delete>"Delete project"</button>
        </div>
    }
}
