//! The side panel of the selected person: details, their projects, and every edit of the
//! chart that is not a drag — edit, add a report, move to…, dotted lines, remove.

use leptos::prelude::*;
use pmo_domain::org::edit::{
    add_dotted_line, add_person, person_label, remove_person, resolve_person, update_person,
    PersonDraft,
};
use pmo_domain::org::svg::status_colour;
use pmo_domain::portfolio::Query;
use pmo_domain::route::Page;
use pmo_domain::Person;

use super::{focus_dom, OrgUi, PanelMode};
use crate::app::state::AppState;
use crate::ui::person_picker::PersonPicker;
use pmo_domain::route::portfolio_hash;

#[component]
pub fn Panel() -> impl IntoView {
    let ui = OrgUi::expect();
    let state = AppState::expect();
    let person = Memo::new(move |_| {
        ui.selected.get().and_then(|id| {
            state.workspace.with(|ws| {
                ws.people
                    .iter()
                    .position(|p| p.id == id)
                    .map(|i| (i, ws.people[i].clone()))
            })
        })
    });
    move || {
        // Details show counts, lines and projects: draw them again after every change.
        state.changes.track();
        ui.org.track();
        panel_for(ui.panel.get(), person.get())
    }
}

fn panel_for(mode: PanelMode, person: Option<(usize, Person)>) -> AnyView {
    match (mode, person) {
        (PanelMode::Add, manager) => view! {
            <aside class="org-panel card" aria-labelledby="org-panel-title">
                <PersonForm editing=None manager=manager.map(|m| m.1)/>
            </aside>
        }
        .into_any(),
        (PanelMode::Edit, Some((_, p))) => view! {
            <aside class="org-panel card" aria-labelledby="org-panel-title">
                <PersonForm editing=Some(p) manager=None/>
            </aside>
        }
        .into_any(),
        (_, Some((i, p))) => view! {
            <aside class="org-panel card" aria-labelledby="org-panel-title">
                <Details i p/>
            </aside>
        }
        .into_any(),
        _ => ().into_any(),
    }
}

/// The person a picker names (by index); otherwise the reason is shown and `None` returned.
fn picked(ui: OrgUi, text: &str, missing: String) -> Option<usize> {
    let found = ui
        .state
        .workspace
        .with_untracked(|ws| resolve_person(ws, text));
    match found {
        Ok(Some(p)) => Some(p),
        Ok(None) => {
            ui.alert.set(Some(missing));
            None
        }
        Err(e) => {
            ui.alert.set(Some(e));
            None
        }
    }
}

#[component]
fn Details(i: usize, p: Person) -> impl IntoView {
    let ui = OrgUi::expect();
    let state = AppState::expect();
    let id = p.id.clone();
    let info = state.workspace.with_untracked(|ws| {
        let role = ws.role_of(&p).map(|r| r.name.clone());
        let unit = p
            .unit_id
            .as_deref()
            .and_then(|u| ws.units.iter().find(|x| x.id == u))
            .map(|u| u.name.clone());
        let manager = p
            .manager_id
            .as_deref()
            .and_then(|m| ws.people.iter().position(|x| x.id == m))
            .map(|m| (m, ws.people[m].name.clone()));
        let out: Vec<(usize, String, String)> = ws
            .dotted_lines
            .iter()
            .enumerate()
            .filter(|(_, d)| d.from == p.id)
            .filter_map(|(k, d)| {
                ws.person(&d.to)
                    .map(|t| (k, t.name.clone(), d.label.clone()))
            })
            .collect();
        let incoming = ws.dotted_lines.iter().filter(|d| d.to == p.id).count();
        (role, unit, manager, out, incoming)
    });
    let (role, unit, manager, out, incoming) = info;
    let counts = ui
        .org
        .with_untracked(|o| (o.direct.get(i).copied(), o.total.get(i).copied()));
    let projects: Vec<(String, String, &'static str, String)> = ui.projects.with_untracked(|pp| {
        state.workspace.with_untracked(|ws| {
            pp.get(i)
                .map(|ks| {
                    ks.iter()
                        .map(|&k| {
                            let pr = &ws.projects[k];
                            (
                                Page::Project(pr.id.clone()).href(),
                                format!("{} {}", pr.code, pr.name),
                                status_colour(pr.status),
                                pr.status.label().to_string(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
    });
    let register = portfolio_hash(&Query {
        manager: Some(p.id.clone()),
        ..Query::default()
    });
    let move_to = RwSignal::new(String::new());
    let dotted_to = RwSignal::new(String::new());
    let dotted_label = RwSignal::new(String::new());
    let confirm_remove = RwSignal::new(false);
    let name = p.name.clone();

    let do_move = {
        let name = name.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let missing = format!("Pick the person {name} should report to");
            let Some(t) = picked(ui, &move_to.get_untracked(), missing) else {
                return;
            };
            if ui.move_under(i, Some(t)) {
                move_to.set(String::new());
                focus_dom(i);
            }
        }
    };
    let do_dotted = {
        let (id, name) = (id.clone(), name.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let text = dotted_to.get_untracked();
            let label = dotted_label.get_untracked();
            let (id, name) = (id.clone(), name.clone());
            let missing = "Pick the person the dotted line goes to".to_string();
            let Some(t) = picked(ui, &text, missing) else {
                return;
            };
            let (tid, tname) = state
                .workspace
                .with_untracked(|ws| (ws.people[t].id.clone(), ws.people[t].name.clone()));
            if ui.change(format!("Dotted line of {name}"), move |ws| {
                add_dotted_line(ws, &id, &tid, &label)
                    .map(|_| format!("Dotted line from {name} to {tname} added"))
            }) {
                dotted_to.set(String::new());
                dotted_label.set(String::new());
            }
        }
    };
    let remove_dotted = move |k: usize, text: String| {
        ui.change(format!("Removal of a dotted line of {text}"), move |ws| {
            if k < ws.dotted_lines.len() {
                ws.dotted_lines.remove(k);
                Ok("Dotted line removed".into())
            } else {
                Err("That dotted line is gone already".into())
            }
        });
    };
    let do_remove = {
        let (id, name) = (id.clone(), name.clone());
        move |_| {
            let id = id.clone();
            if ui.change(format!("Removal of {name}"), move |ws| {
                remove_person(ws, &id).map(|r| {
                    format!(
                        "{} removed{}",
                        r.name,
                        match r.reports_moved {
                            0 => String::new(),
                            1 => ", 1 report moved up".into(),
                            n => format!(", {n} reports moved up"),
                        }
                    )
                })
            }) {
                ui.selected.set(None);
            }
        }
    };
    let reports_note = match (counts.0, &manager) {
        (Some(d), Some((_, m))) if d > 0 => format!(" Their reports will move to {m}."),
        (Some(d), None) if d > 0 => " Their reports will each head a tree of their own.".into(),
        _ => String::new(),
    };
    let is_root = manager.is_none();
    let to_root = move |_| {
        ui.move_under(i, None);
    };
    view! {
        <div class="org-panel-head">
            <h2 id="org-panel-title">{p.name.clone()}</h2>
            <button type="button" class="link" on:click=move |_| { ui.selected.set(None); focus_dom(i); }>"Close"</button>
        </div>
        <p class="muted">{p.title.clone()}</p>
        {p.vacancy.then(|| view! { <p><span class="badge">"Open role"</span>" Not counted as headcount."</p> })}
        <dl class="org-facts">
            <dt>"Role"</dt><dd>{role.unwrap_or_else(|| "—".into())}</dd>
            <dt>"Unit"</dt><dd>{unit.unwrap_or_else(|| "—".into())}</dd>
            <dt>"Reports to"</dt>
            <dd>{match manager.clone() {
                Some((m, mname)) => view! {
                    <button type="button" class="link" on:click=move |_| { ui.select(m); ui.reveal(m, false); focus_dom(m); }>{mname}</button>
                }.into_any(),
                None => "Nobody (top of the chart)".into_any(),
            }}</dd>
            <dt>"Reports"</dt>
            <dd>{match counts {
                (Some(d), Some(t)) => format!("{d} direct, {t} in total"),
                _ => "Not shown in this view".into(),
            }}</dd>
            <dt>"Dotted lines"</dt>
            <dd>
                {if out.is_empty() { "None".into_any() } else {
                    view! {
                        <ul class="plain">
                            {out.into_iter().map(|(k, to, label)| {
                                let text = format!("{to}{}", if label.is_empty() { String::new() } else { format!(" ({label})") });
                                let aria = format!("Remove dotted line to {to}");
                                let t2 = to.clone();
                                view! {
                                    <li>"to " {text} " "
                                        <button type="button" class="link" aria-label=aria on:click=move |_| remove_dotted(k, t2.clone())>"Remove"</button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                {(incoming > 0).then(|| view! { <p class="muted">{format!("{incoming} dotted line(s) come in")}</p> })}
            </dd>
        </dl>
        <h3>"Projects"</h3>
        {if projects.is_empty() {
            view! { <p class="muted">"Runs no projects."</p> }.into_any()
        } else {
            view! {
                <ul class="plain org-projects">
                    {projects.into_iter().map(|(href, text, colour, status)| view! {
                        <li>
                            <svg class="dot-icon" width="10" height="10" aria-hidden="true"><circle cx="5" cy="5" r="5" fill=colour/></svg>
                            " " <a href=href>{text}</a> <span class="muted">{format!(" · {status}")}</span>
                        </li>
                    }).collect_view()}
                </ul>
                <p><a href=register>"Show their projects in the register"</a></p>
            }.into_any()
        }}
        <crate::ui::history::History kind="person" id=p.id.clone() level=3/>
        <div class="org-actions">
            <button type="button" on:click=move |_| ui.panel.set(PanelMode::Edit)>"Edit"</button>
            <button type="button" on:click=move |_| ui.panel.set(PanelMode::Add)>"Add report"</button>
            {(!is_root).then(|| view! { <button type="button" on:click=to_root>"Make top of chart"</button> })}
            <button type="button" class="danger-outline" on:click=move |_| confirm_remove.set(true)>"Remove"</button>
        </div>
        {move || confirm_remove.get().then(|| view! {
            <div class="banner warn" role="alertdialog" aria-label="Confirm removal">
                <p>{format!("Remove {name} from the chart?{reports_note} You can undo this.")}</p>
                <button type="button" class="danger" on:click=do_remove.clone()>"Remove person"</button>
                " "
                <button type="button" on:click=move |_| confirm_remove.set(false)>"Cancel"</button>
            </div>
        })}
        <form class="org-form" on:submit=do_move>
            <PersonPicker id="org-move-to" label="Move to (new manager)" value=move_to/>
            <button type="submit">"Move"</button>
        </form>
        <form class="org-form" on:submit=do_dotted>
            <PersonPicker id="org-dotted-to" label="Add a dotted line to" value=dotted_to/>
            <div class="field">
                <label for="org-dotted-label">"Dotted line label"</label>
                <input id="org-dotted-label" type="text" placeholder="e.g. PMO reporting"
                    prop:value=move || dotted_label.get() on:input=move |ev| dotted_label.set(event_target_value(&ev))/>
            </div>
            <button type="submit">"Add dotted line"</button>
        </form>
    }
}

/// Edit a person (`editing`), or add one reporting to `manager`.
#[component]
fn PersonForm(editing: Option<Person>, manager: Option<Person>) -> impl IntoView {
    let ui = OrgUi::expect();
    let state = AppState::expect();
    let draft = editing.as_ref().map(PersonDraft::of).unwrap_or_default();
    let name = RwSignal::new(draft.name.clone());
    let title = RwSignal::new(draft.title.clone());
    let role = RwSignal::new(draft.role_id.clone().unwrap_or_default());
    let unit = RwSignal::new(draft.unit_id.clone().unwrap_or_default());
    let vacancy = RwSignal::new(draft.vacancy);
    let reports_to = RwSignal::new(manager.as_ref().map(person_label).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let (roles, units) = state.workspace.with_untracked(|ws| {
        (
            // The catalogue by career ladder, entry role first.
            pmo_domain::roles::ladders(&ws.roles)
                .into_iter()
                .map(|l| {
                    let list: Vec<(String, String)> = l
                        .rungs
                        .iter()
                        .flat_map(|(_, rs)| rs.iter())
                        .map(|&i| (ws.roles[i].id.clone(), ws.roles[i].name.clone()))
                        .collect();
                    (l.name, list)
                })
                .collect::<Vec<_>>(),
            ws.units
                .iter()
                .map(|u| (u.id.clone(), u.name.clone()))
                .collect::<Vec<_>>(),
        )
    });
    let adding = editing.is_none();
    let heading = match &editing {
        Some(p) => format!("Edit {}", p.name),
        None => "Add person".into(),
    };
    let editing_id = editing.map(|p| p.id);
    let cancel = move |_| ui.panel.set(PanelMode::Details);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let d = PersonDraft {
            name: name.get_untracked(),
            title: title.get_untracked(),
            role_id: Some(role.get_untracked()),
            unit_id: Some(unit.get_untracked()),
            vacancy: vacancy.get_untracked(),
        };
        if let Err(e) = d.check() {
            error.set(Some(e));
            return;
        }
        match editing_id.clone() {
            Some(id) => {
                let shown = d.name.trim().to_string();
                let person = id.clone();
                let anchor = ui.selected.get_untracked();
                if ui.change_person(anchor, &person, format!("Edit of {shown}"), move |ws| {
                    update_person(ws, &id, &d).map(|_| format!("{shown} saved"))
                }) {
                    ui.panel.set(PanelMode::Details);
                }
            }
            None => {
                let text = reports_to.get_untracked();
                let m = state.workspace.with_untracked(|ws| {
                    resolve_person(ws, &text).map(|m| m.map(|m| ws.people[m].id.clone()))
                });
                let m = match m {
                    Ok(m) => m,
                    Err(e) => {
                        error.set(Some(e));
                        return;
                    }
                };
                let shown = d.name.trim().to_string();
                let new_id = RwSignal::new(None::<String>);
                if ui.change(format!("Addition of {shown}"), move |ws| {
                    add_person(ws, &d, m.as_deref()).map(|id| {
                        new_id.set(Some(id));
                        format!("{shown} added")
                    })
                }) {
                    let id = new_id.get_untracked();
                    ui.panel.set(PanelMode::Details);
                    ui.selected.set(id.clone());
                    if let Some(i) = id.and_then(|id| ui.index_of(&id)) {
                        ui.reveal(i, false);
                        ui.focus_card(i);
                    }
                }
            }
        }
    };
    view! {
        <h2 id="org-panel-title">{heading}</h2>
        <form class="org-form" on:submit=save novalidate>
            <div class="field">
                <label for="org-name">"Name"</label>
                <input id="org-name" type="text" required aria-describedby="org-name-error"
                    prop:value=move || name.get() on:input=move |ev| { name.set(event_target_value(&ev)); error.set(None); }/>
                <p id="org-name-error" class="field-error">{move || error.get()}</p>
            </div>
            <div class="field">
                <label for="org-title">"Title"</label>
                <input id="org-title" type="text" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for="org-role">"Role"</label>
                <select id="org-role" prop:value=move || role.get() on:change=move |ev| role.set(event_target_value(&ev))>
                    <option value="">"No role"</option>
                    {roles.into_iter().map(|(ladder, list)| view! {
                        <optgroup label=ladder>
                            {list.into_iter().map(|(id, n)| view! { <option value=id>{n}</option> }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="org-unit">"Unit"</label>
                <select id="org-unit" prop:value=move || unit.get() on:change=move |ev| unit.set(event_target_value(&ev))>
                    <option value="">"No unit"</option>
                    {units.into_iter().map(|(id, n)| view! { <option value=id>{n}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="inline">
                    <input type="checkbox" prop:checked=move || vacancy.get() on:change=move |ev| vacancy.set(event_target_checked(&ev))/>
                    " Open role (a vacancy, not counted as headcount)"
                </label>
            </div>
            {adding.then(|| view! {
                <PersonPicker id="org-reports-to" label="Reports to" value=reports_to hint="Leave empty for the top of a new tree."/>
            })}
            <div class="org-actions">
                <button type="submit" class="primary">{if adding { "Add person" } else { "Save" }}</button>
                <button type="button" on:click=cancel>"Cancel"</button>
            </div>
        </form>
    }
}
