//! The project's edit form: every field with its own message, managers, objective scores.
//! An existing project's form saves as you type, like the rest of the app; a field with a
//! problem holds the form's changes back (and leaving then asks first). A new project is
//! created with its button; leaving a started one asks first.

use leptos::prelude::*;
use pmo_domain::document::describe::Scope;
use pmo_domain::portfolio::project::{
    check_project, money_input, parse_date, parse_money, same_form, save_form, without_problems,
    FieldError,
};
use pmo_domain::route::Page;
use pmo_domain::{Phase, Project, ProjectManager, Status};

use super::people_memo;
use crate::app::state::AppState;
use crate::ui::focus;
use crate::ui::format::plural;

fn field_error(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

/// How the form of an existing project keeps in step with the workspace (see `ProjectPage`).
#[derive(Clone, Copy)]
pub(super) struct FormSync {
    /// The project as the form last saw it: as it opened, or as it last wrote it. What the
    /// form saves is what changed since (`save_form`).
    pub seen: StoredValue<Project>,
    /// The form holds changes it cannot save yet: a field has a problem.
    pub holding: StoredValue<bool>,
}

impl FormSync {
    pub fn new(project: Project) -> Self {
        FormSync {
            seen: StoredValue::new(project),
            holding: StoredValue::new(false),
        }
    }
}

/// The form's working copy; every change of it is saved (or held back) at once.
#[derive(Clone, Copy)]
struct Draft {
    project: RwSignal<Project>,
    changed: Callback<()>,
}

impl Draft {
    fn update(&self, f: impl FnOnce(&mut Project)) {
        self.project.update(f);
        self.changed.run(());
    }

    fn with<R>(&self, f: impl FnOnce(&Project) -> R) -> R {
        self.project.with(f)
    }

    fn with_untracked<R>(&self, f: impl FnOnce(&Project) -> R) -> R {
        self.project.with_untracked(f)
    }
}

/// The edit form; every field shows its own message. An existing project's form saves as
/// you type; a new project's is created with its button.
#[component]
pub(super) fn ProjectForm(draft: Project, is_new: bool, sync: FormSync) -> impl IntoView {
    let state = AppState::expect();
    let blank = StoredValue::new(draft.clone());
    let project = RwSignal::new(draft);
    // Text the user typed into money/date fields that does not parse yet.
    let typed_errors = RwSignal::new(Vec::<FieldError>::new());
    let submitted = RwSignal::new(false);
    let errors = Memo::new(move |_| {
        let mut e = project.with(|p| state.workspace.with(|ws| check_project(ws, p)));
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
    let name_of = move || project.with_untracked(|p| p.name.trim().to_string());
    // Save what changed, or hold it back while a field has a problem.
    let autosave = move || {
        if is_new {
            // Nothing is created until "Create project"; leaving a started form asks first.
            let started = project.with_untracked(|p| blank.with_value(|b| p != b));
            state
                .unsaved_form
                .set(started.then(|| "the new project you started".to_string()));
            return;
        }
        let problems = errors.get_untracked();
        let base = sync.seen.get_value();
        let form = if problems.is_empty() {
            sync.holding.set_value(false);
            state.unsaved_form.set(None);
            project.get_untracked()
        } else {
            // The fields with a problem wait; the rest of the form is saved if it can be.
            submitted.set(true);
            sync.holding.set_value(true);
            state.unsaved_form.set(Some(format!(
                "changes to {} that have a problem",
                name_of()
            )));
            let saveable = project.with_untracked(|p| without_problems(p, &base, &problems));
            if !state
                .workspace
                .with_untracked(|ws| check_project(ws, &saveable).is_empty())
            {
                return;
            }
            saveable
        };
        if same_form(&form, &base) {
            return;
        }
        let id = form.id.clone();
        state.edit_in(Scope::one("project", id.clone()), |ws| {
            save_form(ws, &base, form);
            if let Some(now) = ws.projects.iter().find(|p| p.id == id) {
                sync.seen.set_value(now.clone());
            }
        });
    };
    let draft = Draft {
        project,
        changed: Callback::new(move |()| autosave()),
    };
    on_cleanup(move || state.unsaved_form.set(None));
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
                        Err(m) => { set_typed(field, Err(m)); draft.changed.run(()); }
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
                        Err(m) => { set_typed(field, Err(m)); draft.changed.run(()); }
                    }
                />
                <p id=err_id class="field-error">{show(field)}</p>
            </div>
        }
    };
    let people = people_memo(state);
    let person_select = move |id: &'static str,
                              label: &'static str,
                              get: fn(&Project) -> Option<String>,
                              put: fn(&mut Project, Option<String>)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <PersonSelect id=Some(id) label=None people none=true
                    chosen=Memo::new(move |_| draft.with(get))
                    on_choose=Callback::new(move |v: String| draft.update(|p| put(p, (!v.is_empty()).then_some(v))))/>
            </div>
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        let problems = errors.get_untracked();
        if !problems.is_empty() {
            let n = problems.len();
            state.say(format!("Not saved: {} attention", need_attention(n)));
            // Take the user to the first field with a problem.
            let first = problems[0].field.replace(['.', '_'], "-");
            focus::id(&first);
            return;
        }
        if !is_new {
            // Enter in a field: everything is saved already.
            autosave();
            return;
        }
        let p = project.get_untracked();
        let id = p.id.clone();
        state.unsaved_form.set(None);
        state.edit_as(format!("Added project “{}”", p.name.trim()), |ws| {
            save_form(ws, &p.clone(), p)
        });
        crate::app::navigate(&Page::Project(id).href(), true);
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
                                Err(_) => {
                                    set_typed("percent_complete", Err("Use a percentage from 0 to 100."));
                                    draft.changed.run(());
                                }
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
            {if is_new {
                view! {
                    <p class="actions">
                        <button type="submit" class="primary">"Create project"</button>
                        {move || (submitted.get() && !errors.with(Vec::is_empty)).then(|| view! {
                            <span class="error" role="alert">{format!("Not created: {} attention.", need_attention(errors.with(Vec::len)))}</span>
                        })}
                    </p>
                }.into_any()
            } else {
                view! {
                    <p class="actions form-saving">
                        {move || if submitted.get() && !errors.with(Vec::is_empty) {
                            view! { <span class="error" role="alert">{format!("Not saved yet: {} attention. Your other changes are saved.", need_attention(errors.with(Vec::len)))}</span> }.into_any()
                        } else {
                            view! { <span class="hint">"Changes are saved as you type."</span> }.into_any()
                        }}
                    </p>
                }.into_any()
            }}
        </form>
    }
}

/// "1 field needs", "3 fields need".
fn need_attention(n: usize) -> String {
    format!(
        "{} {}",
        plural(n, "field", None),
        if n == 1 { "needs" } else { "need" }
    )
}

/// A choice of one person. A workspace can hold thousands, so the list holds only the person
/// chosen until the field gets focus or a pointer presses it: drawing the form costs nothing
/// per person (another tab's change draws it again), and the full list is there before it
/// opens.
#[component]
fn PersonSelect(
    /// The element id, for a `<label for>`.
    id: Option<&'static str>,
    /// The accessible name when there is no `<label for>`.
    label: Option<String>,
    people: Memo<Vec<(String, String)>>,
    /// Whether "— none —" may be chosen.
    none: bool,
    chosen: Memo<Option<String>>,
    on_choose: Callback<String>,
) -> impl IntoView {
    let full = RwSignal::new(false);
    let open = move || {
        if !full.get_untracked() {
            full.set(true);
        }
    };
    view! {
        <select id=id aria-label=label
            on:focus=move |_| open() on:pointerdown=move |_| open()
            on:change=move |ev| on_choose.run(event_target_value(&ev))>
            {none.then(|| view! { <option value="" selected=move || chosen.with(Option::is_none)>"— none —"</option> })}
            {move || {
                let chosen = chosen.get();
                let is = move |pid: &str| chosen.as_deref() == Some(pid);
                people.with(|all| {
                    all.iter()
                        .filter(|(pid, _)| full.get() || is(pid))
                        .map(|(pid, name)| view! { <option value=pid.clone() selected=is(pid)>{name.clone()}</option> })
                        .collect_view()
                })
            }}
        </select>
    }
}

/// The project's managers: one or more people, each with a label such as "Business PM".
#[component]
fn Managers(draft: Draft, people: Memo<Vec<(String, String)>>) -> impl IntoView {
    let count = Memo::new(move |_| draft.with(|p| p.managers.len()));
    view! {
        <fieldset class="field span-2 managers">
            <legend>"Project managers"</legend>
            // Drawn again only when a manager is added or removed (not at each change of the
            // draft, which would close a list being chosen from).
            {move || {
                (0..count.get()).map(|i| {
                    let person_label = format!("Project manager {}", i + 1);
                    let role_label = format!("Role of project manager {}", i + 1);
                    view! {
                        <div class="manager-row">
                            <PersonSelect id=None label=Some(person_label) people none=false
                                chosen=Memo::new(move |_| draft.with(|p| p.managers.get(i).map(|x| x.person_id.clone())))
                                on_choose=Callback::new(move |v: String| draft.update(|p| if let Some(x) = p.managers.get_mut(i) { x.person_id = v; }))/>
                            <input type="text" aria-label=role_label placeholder="e.g. Business PM"
                                prop:value=move || draft.with(|p| p.managers.get(i).map(|x| x.label.clone()).unwrap_or_default())
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
fn ObjectiveScores(draft: Draft) -> impl IntoView {
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
