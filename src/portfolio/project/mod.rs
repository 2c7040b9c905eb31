//! One project: the pages that show it (new and existing) and its actions (duplicate,
//! archive, delete with undo). The edit form is in [`form`], status updates and their history
//! in [`status`], gates, milestones and risks in [`plan`].

mod form;
pub mod plan;
mod status;

use leptos::prelude::*;
use pmo_domain::portfolio::project::{blank_project, duplicate};
use pmo_domain::portfolio::trend;
use pmo_domain::route::Page;
use pmo_domain::Project;

use crate::app::state::AppState;

use form::ProjectForm;
use status::StatusUpdates;

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

/// `#/portfolio/new`
#[component]
pub fn NewProjectPage() -> impl IntoView {
    let state = AppState::expect();
    let draft = state.workspace.with_untracked(blank_project);
    view! {
        <section class="page">
            <p class="crumbs"><a href=move || state.last_portfolio.get()>"← Back to the register"</a></p>
            <h1 tabindex="-1">"New project"</h1>
            {if state.workspace.with_untracked(|w| w.portfolios.is_empty()) {
                view! {
                    <p class="card">"Projects belong to a portfolio, and there is none yet. Load the demo organisation on the Data page, or import your data."</p>
                }
                .into_any()
            } else {
                view! { <ProjectForm draft is_new=true/> }.into_any()
            }}
        </section>
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
                        " · "
                        {move || project.with(|p| p.as_ref().map(|p| {
                            let t = trend(p);
                            view! {
                                <span class=format!("status status-{}", p.status.slug())>{p.status.label()}</span>
                                " · "
                                <span>{format!("Trend: {} {}", t.arrow(), t.label())}</span>
                                {p.archived.then(|| view! { " · " <span class="badge neutral">"Archived"</span> })}
                            }
                        }))}
                    </p>
                    <ProjectForm draft=p is_new=false/>
                    <StatusUpdates project/>
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
        state.edit(|ws| {
            if let Some(x) = ws.projects.iter_mut().find(|x| x.id == p.id) {
                x.archived = !x.archived;
            }
        });
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
