//! One project: the edit form with per-field messages, status updates with their history,
//! gates, risks and milestones, and duplicate / archive / delete (with undo).

use leptos::prelude::*;
use pmo_domain::portfolio::project::{
    blank_project, check_project, duplicate, money_input, parse_date, parse_money, record_update,
    save_form, FieldError,
};
use pmo_domain::portfolio::trend;
use pmo_domain::route::Page;
use pmo_domain::{Phase, Project, ProjectManager, Rag, RagSet, Status, StatusUpdate};

use crate::app::state::AppState;
use crate::ui::focus;

use crate::ui::format::today;

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
            <p class="crumbs"><a href=move || state.last_register.get()>"← Back to the register"</a></p>
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
            <p class="crumbs"><a href=move || state.last_register.get()>"← Back to the register"</a></p>
            {move || if exists.get() {
                let p = project.get_untracked().expect("checked");
                let code = p.code.clone();
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
                    <crate::portfolio::project_plan::PlanDetails project/>
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
        state.edit(|ws| {
            ws.projects.remove(index);
        });
        state
            .undo
            .set(Some(crate::app::state::Undo::DeletedProject {
                index,
                project: Box::new(p.clone()),
            }));
        state.say(format!("{} deleted", p.name));
        crate::app::navigate(&state.last_register.get_untracked(), false);
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

fn field_error(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

/// The edit form. Changes stay in the form until "Save"; every field shows its own message.
#[component]
fn ProjectForm(draft: Project, is_new: bool) -> impl IntoView {
    let state = AppState::expect();
    let draft = RwSignal::new(draft);
    // Text the user typed into money/date fields that does not parse yet.
    let typed_errors = RwSignal::new(Vec::<FieldError>::new());
    let submitted = RwSignal::new(false);
    let errors = Memo::new(move |_| {
        let mut e = draft.with(|p| state.workspace.with(|ws| check_project(ws, p)));
        e.extend(typed_errors.get());
        e
    });
    let show = move |field: &'static str| {
        move || {
            submitted
                .get()
                .then(|| field_error(&errors.get(), field))
                .flatten()
        }
    };
    let set_typed = move |field: &'static str, result: Result<(), &'static str>| {
        typed_errors.update(|t| {
            t.retain(|e| e.field != field);
            if let Err(m) = result {
                t.push(FieldError {
                    field,
                    message: m.to_string(),
                });
            }
        });
    };
    let money_field = move |field: &'static str,
                            label: &'static str,
                            get: fn(&Project) -> i64,
                            put: fn(&mut Project, i64)| {
        let id = field.replace('.', "-");
        let err_id = format!("{id}-error");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type="text" inputmode="decimal" class="num"
                    prop:value=draft.with_untracked(|p| money_input(get(p)))
                    aria-describedby=err_id.clone()
                    aria-invalid=move || show(field)().is_some().to_string()
                    on:input=move |ev| match parse_money(&event_target_value(&ev)) {
                        Ok(v) => { set_typed(field, Ok(())); draft.update(|p| put(p, v)); }
                        Err(m) => set_typed(field, Err(m)),
                    }
                />
                <p id=err_id class="field-error">{show(field)}</p>
            </div>
        }
    };
    let date_field = move |field: &'static str,
                           label: &'static str,
                           get: fn(&Project) -> Option<chrono::NaiveDate>,
                           put: fn(&mut Project, Option<chrono::NaiveDate>)| {
        let id = field.replace('_', "-");
        let err_id = format!("{id}-error");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type="date"
                    prop:value=draft.with_untracked(|p| get(p).map(|d| d.to_string()).unwrap_or_default())
                    aria-describedby=err_id.clone()
                    aria-invalid=move || show(field)().is_some().to_string()
                    on:input=move |ev| match parse_date(&event_target_value(&ev)) {
                        Ok(v) => { set_typed(field, Ok(())); draft.update(|p| put(p, v)); }
                        Err(m) => set_typed(field, Err(m)),
                    }
                />
                <p id=err_id class="field-error">{show(field)}</p>
            </div>
        }
    };
    let people = Memo::new(move |_| state.workspace.with(people_choices));
    let person_select = move |id: &'static str,
                              label: &'static str,
                              get: fn(&Project) -> Option<String>,
                              put: fn(&mut Project, Option<String>)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select id=id on:change=move |ev| {
                    let v = event_target_value(&ev);
                    draft.update(|p| put(p, (!v.is_empty()).then_some(v)));
                }>
                    <option value="">"— none —"</option>
                    {move || people.get().into_iter().map(|(pid, name)| {
                        let selected = draft.with_untracked(|p| get(p).as_deref() == Some(pid.as_str()));
                        view! { <option value=pid selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let problems = errors.get_untracked();
        if !problems.is_empty() {
            state.say(format!(
                "Not saved: {} field{} need attention",
                problems.len(),
                if problems.len() == 1 { "" } else { "s" }
            ));
            // Take the user to the first field with a problem.
            let first = problems[0].field.replace(['.', '_'], "-");
            focus::id(&first);
            return;
        }
        let p = draft.get_untracked();
        let name = p.name.clone();
        let id = p.id.clone();
        state.edit(|ws| save_form(ws, p));
        state.say(format!("{name} saved"));
        if is_new {
            crate::app::navigate(&Page::Project(id).href(), true);
        }
    };
    let text = move |field: &'static str,
                     label: &'static str,
                     get: fn(&Project) -> String,
                     put: fn(&mut Project, String)| {
        let err_id = format!("{field}-error");
        view! {
            <div class="field">
                <label for=field>{label}</label>
                <input id=field type="text"
                    prop:value=draft.with_untracked(get)
                    aria-describedby=err_id.clone()
                    aria-invalid=move || show(field)().is_some().to_string()
                    on:input=move |ev| { let v = event_target_value(&ev); draft.update(|p| put(p, v)); }
                />
                <p id=err_id class="field-error">{show(field)}</p>
            </div>
        }
    };
    view! {
        <form class="card project-form" on:submit=save novalidate=true aria-label="Project details">
            <div class="form-grid">
                {text("name", "Project name", |p| p.name.clone(), |p, v| p.name = v.trim().to_string())}
                {text("code", "Code", |p| p.code.clone(), |p, v| p.code = v.trim().to_string())}
                <div class="field span-2">
                    <label for="description">"Description"</label>
                    <textarea id="description" rows="2"
                        prop:value=draft.with_untracked(|p| p.description.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); draft.update(|p| p.description = v); }
                    ></textarea>
                </div>
                <div class="field">
                    <label for="portfolio">"Portfolio"</label>
                    <select id="portfolio" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|p| { p.portfolio_id = v; p.programme_id = None; });
                    }>
                        {move || state.workspace.with(|ws| ws.portfolios.iter().map(|pf| {
                            let selected = draft.with_untracked(|p| p.portfolio_id == pf.id);
                            view! { <option value=pf.id.clone() selected=selected>{pf.name.clone()}</option> }
                        }).collect_view())}
                    </select>
                    <p class="field-error">{show("portfolio")}</p>
                </div>
                <div class="field">
                    <label for="programme">"Programme"</label>
                    <select id="programme" aria-describedby="programme-error" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|p| p.programme_id = (!v.is_empty()).then_some(v));
                    }>
                        <option value="">"— directly in the portfolio —"</option>
                        {move || {
                            let pf = draft.with(|p| p.portfolio_id.clone());
                            state.workspace.with(|ws| ws.programmes.iter().filter(|pg| pg.portfolio_id == pf).map(|pg| {
                                let selected = draft.with_untracked(|p| p.programme_id.as_deref() == Some(pg.id.as_str()));
                                view! { <option value=pg.id.clone() selected=selected>{pg.name.clone()}</option> }
                            }).collect_view())
                        }}
                    </select>
                    <p id="programme-error" class="field-error">{show("programme")}</p>
                </div>
                <Managers draft people/>
                {person_select("sponsor", "Sponsor", |p| p.sponsor_id.clone(), |p, v| p.sponsor_id = v)}
                {person_select("pmo-contact", "PMO contact", |p| p.pmo_contact_id.clone(), |p, v| p.pmo_contact_id = v)}
                <div class="field">
                    <label for="phase">"Lifecycle phase"</label>
                    <select id="phase" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(ph) = Phase::ALL.iter().copied().find(|x| x.slug() == v) { draft.update(|p| p.phase = ph); }
                    }>
                        {Phase::ALL.iter().map(|ph| view! {
                            <option value=ph.slug() selected=draft.with_untracked(|p| p.phase == *ph)>{ph.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                {if is_new {
                    view! {
                        <div class="field">
                            <label for="status">"Status"</label>
                            <select id="status" on:change=move |ev| {
                                let v = event_target_value(&ev);
                                if let Some(s) = Status::ALL.iter().copied().find(|x| x.slug() == v) { draft.update(|p| p.status = s); }
                            }>
                                {Status::ALL.iter().map(|s| view! {
                                    <option value=s.slug() selected=draft.with_untracked(|p| p.status == *s)>{s.label()}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    }.into_any()
                } else {
                    view! { <p class="hint span-1">"The status changes with each status update (below), so its history is kept."</p> }.into_any()
                }}
                {date_field("start", "Start date", |p| p.start, |p, v| p.start = v)}
                {date_field("end", "End date", |p| p.end, |p, v| p.end = v)}
                {date_field("baseline_end", "Baseline end date", |p| p.baseline_end, |p, v| p.baseline_end = v)}
                <div class="field">
                    <label for="percent-complete">"% complete"</label>
                    <input id="percent-complete" type="number" min="0" max="100" class="num"
                        prop:value=draft.with_untracked(|p| p.percent_complete.to_string())
                        on:input=move |ev| {
                            let parsed = event_target_value(&ev).trim().parse::<u8>();
                            match parsed {
                                Ok(v) => {
                                    set_typed("percent_complete", Ok(()));
                                    draft.update(|p| p.percent_complete = v);
                                }
                                Err(_) => set_typed("percent_complete", Err("Use a percentage from 0 to 100.")),
                            }
                        }
                    />
                    <p class="field-error">{show("percent_complete")}</p>
                </div>
                {money_field("budget.planned", "Planned budget", |p| p.budget.planned, |p, v| p.budget.planned = v)}
                {money_field("budget.actual", "Actual cost", |p| p.budget.actual, |p, v| p.budget.actual = v)}
                {money_field("budget.forecast", "Forecast cost", |p| p.budget.forecast, |p, v| p.budget.forecast = v)}
            </div>
            <ObjectiveScores draft/>
            <p class="actions">
                <button type="submit" class="primary">{if is_new { "Create project" } else { "Save changes" }}</button>
                {move || (submitted.get() && !errors.with(Vec::is_empty)).then(|| view! {
                    <span class="error" role="alert">{format!("Not saved: {} field(s) need attention.", errors.with(Vec::len))}</span>
                })}
            </p>
        </form>
    }
}

/// The project's managers: one or more people, each with a label such as "Business PM".
#[component]
fn Managers(draft: RwSignal<Project>, people: Memo<Vec<(String, String)>>) -> impl IntoView {
    view! {
        <fieldset class="field span-2 managers">
            <legend>"Project managers"</legend>
            {move || {
                let managers = draft.with(|p| p.managers.clone());
                managers.into_iter().enumerate().map(|(i, m)| {
                    let person_label = format!("Project manager {}", i + 1);
                    let role_label = format!("Role of project manager {}", i + 1);
                    view! {
                        <div class="manager-row">
                            <select aria-label=person_label on:change=move |ev| {
                                let v = event_target_value(&ev);
                                draft.update(|p| if let Some(x) = p.managers.get_mut(i) { x.person_id = v; });
                            }>
                                {people.get().into_iter().map(|(pid, name)| {
                                    let selected = pid == m.person_id;
                                    view! { <option value=pid selected=selected>{name}</option> }
                                }).collect_view()}
                            </select>
                            <input type="text" aria-label=role_label placeholder="e.g. Business PM" prop:value=m.label.clone()
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    draft.update(|p| if let Some(x) = p.managers.get_mut(i) { x.label = v.trim().to_string(); });
                                }
                            />
                            <button type="button" class="link" on:click=move |_| draft.update(|p| { p.managers.remove(i); })>
                                {format!("Remove project manager {}", i + 1)}
                            </button>
                        </div>
                    }
                }).collect_view()
            }}
            <button type="button" on:click=move |_| {
                let first = people.with_untracked(|p| p.first().map(|x| x.0.clone()));
                if let Some(person_id) = first {
                    draft.update(|p| p.managers.push(ProjectManager { person_id, label: String::new() }));
                }
            }>"Add project manager"</button>
        </fieldset>
    }
}

/// Scores 0–5 against each strategic objective, which give the priority score.
#[component]
fn ObjectiveScores(draft: RwSignal<Project>) -> impl IntoView {
    let state = AppState::expect();
    let objectives = Memo::new(move |_| state.workspace.with(|ws| ws.objectives.clone()));
    move || {
        let list = objectives.get();
        (!list.is_empty()).then(|| view! {
            <fieldset class="scores">
                <legend>"Contribution to strategic objectives (0 = none, 5 = decisive)"</legend>
                {list.into_iter().map(|o| {
                    let oid = o.id.clone();
                    let id = format!("score-{}", o.id);
                    let current = draft.with_untracked(|p| p.scores.iter().find(|s| s.objective_id == o.id).map_or(0, |s| s.score));
                    view! {
                        <div class="field">
                            <label for=id.clone()>{format!("{} (weight {})", o.name, o.weight)}</label>
                            <select id=id on:change=move |ev| {
                                let v: u8 = event_target_value(&ev).parse().unwrap_or(0);
                                let oid = oid.clone();
                                draft.update(|p| match p.scores.iter_mut().find(|s| s.objective_id == oid) {
                                    Some(s) => s.score = v,
                                    None => p.scores.push(pmo_domain::ObjectiveScore { objective_id: oid, score: v }),
                                });
                            }>
                                {(0..=5u8).map(|n| view! { <option value=n.to_string() selected=n == current>{n.to_string()}</option> }).collect_view()}
                            </select>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        })
    }
}

fn rag_select(id: &'static str, label: &'static str, value: RwSignal<Rag>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| {
                let v = event_target_value(&ev);
                if let Some(r) = Rag::ALL.iter().copied().find(|r| r.label() == v) { value.set(r); }
            }>
                {Rag::ALL.iter().map(|r| view! { <option value=r.label() selected=*r == value.get_untracked()>{r.label()}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// Record a dated status update; the history shows how the project got here.
#[component]
fn StatusUpdates(project: Memo<Option<Project>>) -> impl IntoView {
    let state = AppState::expect();
    let current = project.get_untracked();
    let date = RwSignal::new(today().to_string());
    let status = RwSignal::new(current.as_ref().map_or(Status::OnTrack, |p| p.status));
    let rag = current.as_ref().map(|p| p.rag).unwrap_or_default();
    let schedule = RwSignal::new(rag.schedule);
    let cost = RwSignal::new(rag.cost);
    let scope = RwSignal::new(rag.scope);
    let commentary = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(Some(day)) = parse_date(&date.get_untracked()) else {
            error.set(Some("Give the date of this status update."));
            return;
        };
        if commentary.with_untracked(|c| c.trim().is_empty()) {
            error.set(Some("Add a short commentary: what happened, what is next."));
            return;
        }
        error.set(None);
        let Some(id) = project.with_untracked(|p| p.as_ref().map(|p| p.id.clone())) else {
            return;
        };
        let update = StatusUpdate {
            date: day,
            status: status.get_untracked(),
            rag: RagSet {
                schedule: schedule.get_untracked(),
                cost: cost.get_untracked(),
                scope: scope.get_untracked(),
            },
            commentary: commentary.get_untracked().trim().to_string(),
            author_id: None,
        };
        state.edit(|ws| {
            if let Some(p) = ws.projects.iter_mut().find(|p| p.id == id) {
                record_update(p, update);
            }
        });
        commentary.set(String::new());
        state.say("Status update recorded");
    };
    let history = move || {
        project
            .with(|p| {
                p.as_ref().map(|p| {
                    let mut updates = p.updates.clone();
                    updates.reverse();
                    updates
                })
            })
            .unwrap_or_default()
    };
    view! {
        <section class="card" aria-labelledby="updates-title">
            <h2 id="updates-title">"Status updates"</h2>
            <form class="update-form" on:submit=record novalidate=true aria-label="New status update">
                <div class="form-grid">
                    <div class="field">
                        <label for="update-date">"Date"</label>
                        <input id="update-date" type="date" prop:value=date on:input=move |ev| date.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="update-status">"Overall status"</label>
                        <select id="update-status" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(s) = Status::ALL.iter().copied().find(|x| x.slug() == v) { status.set(s); }
                        }>
                            {Status::ALL.iter().map(|s| view! { <option value=s.slug() selected=*s == status.get_untracked()>{s.label()}</option> }).collect_view()}
                        </select>
                    </div>
                    {rag_select("rag-schedule", "Schedule", schedule)}
                    {rag_select("rag-cost", "Cost", cost)}
                    {rag_select("rag-scope", "Scope", scope)}
                    <div class="field span-2">
                        <label for="update-commentary">"Commentary"</label>
                        <textarea id="update-commentary" rows="2" prop:value=commentary
                            on:input=move |ev| commentary.set(event_target_value(&ev))></textarea>
                    </div>
                </div>
                <p class="field-error" role="alert">{move || error.get()}</p>
                <p class="actions"><button type="submit" class="primary">"Record status update"</button></p>
            </form>
            {move || {
                let list = history();
                if list.is_empty() {
                    view! { <p class="muted">"No status updates yet."</p> }.into_any()
                } else {
                    view! {
                        <table class="register compact-rows">
                            <caption class="sr-only">"Status history, newest first"</caption>
                            <thead><tr><th scope="col">"Date"</th><th scope="col">"Status"</th><th scope="col">"Schedule"</th><th scope="col">"Cost"</th><th scope="col">"Scope"</th><th scope="col">"Commentary"</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|u| view! {
                                    <tr>
                                        <td class="nowrap">{crate::ui::format::day(u.date)}</td>
                                        <td><span class=format!("status status-{}", u.status.slug())>{u.status.label()}</span></td>
                                        <td>{u.rag.schedule.label()}</td><td>{u.rag.cost.label()}</td><td>{u.rag.scope.label()}</td>
                                        <td>{u.commentary}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }
            }}
        </section>
    }
}
