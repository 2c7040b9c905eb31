//! The forms of the seven steps. Each reads the plan memo and writes through `edit_plan`.

use leptos::prelude::*;
use pmo_domain::org::edit::{is_pmo_unit, person_label, resolve_person};
use pmo_domain::route::{to_hash, Page};
use pmo_domain::setup::{self, MONTHS, SERVICES, WEEKDAYS};
use pmo_domain::PmoType;
use pmo_domain::{
    Audience, DayRule, PmoLevel, Routine, RoutineKind, SetupObjective, SetupPlan, Staffing,
};

use super::edit_plan;
use crate::app::state::AppState;
use crate::ui::format::plural;
use crate::ui::person_picker::PersonPicker;

/// A labelled text box (or text area) bound to one text field of the plan.
#[component]
fn PlanText(
    plan: Memo<SetupPlan>,
    id: &'static str,
    label: &'static str,
    get: fn(&SetupPlan) -> &str,
    set: fn(&mut SetupPlan, String),
    #[prop(optional)] hint: &'static str,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let state = AppState::expect();
    let value = move || plan.with(|p| get(p).to_string());
    let on_input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        edit_plan(state, |p| set(p, v));
    };
    let hint_id = format!("{id}-hint");
    let described = (!hint.is_empty()).then(|| hint_id.clone());
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="muted field-hint" id=hint_id.clone()>{hint}</p> })}
            {if multiline {
                view! { <textarea id=id rows="3" aria-describedby=described.clone() prop:value=value on:input=on_input></textarea> }.into_any()
            } else {
                view! { <input id=id type="text" aria-describedby=described.clone() prop:value=value on:input=on_input/> }.into_any()
            }}
        </div>
    }
}

/// One text cell of an edited-in-place row (row `i`), e.g. "Measure of objective 2".
#[component]
fn RowCell(
    plan: Memo<SetupPlan>,
    i: usize,
    label: &'static str,
    /// Id of a datalist with suggestions (empty for none).
    list: &'static str,
    get: fn(&SetupPlan, usize) -> Option<&String>,
    set: fn(&mut SetupPlan, usize) -> Option<&mut String>,
) -> impl IntoView {
    let state = AppState::expect();
    let value = move || plan.with(|p| get(p, i).cloned().unwrap_or_default());
    view! {
        <td>
            <input type="text" list=(!list.is_empty()).then_some(list) aria-label=format!("{label} {}", i + 1) prop:value=value
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    edit_plan(state, |p| {
                        if let Some(field) = set(p, i) {
                            *field = v;
                        }
                    });
                }/>
        </td>
    }
}

/// A list of rows edited in place: the count decides how many rows there are, each row
/// reads its own entry by index.
fn count_of<T: Send + Sync + 'static>(
    plan: Memo<SetupPlan>,
    list: fn(&SetupPlan) -> &Vec<T>,
) -> Memo<usize> {
    Memo::new(move |_| plan.with(|p| list(p).len()))
}

#[component]
pub fn Objectives(plan: Memo<SetupPlan>) -> impl IntoView {
    let state = AppState::expect();
    let count = count_of(plan, |p| &p.objectives);
    let org_error = RwSignal::new(None::<&'static str>);
    view! {
        <div class="field">
            <label for="setup-org-name">"Organisation name"</label>
            <input id="setup-org-name" type="text" autocomplete="organization"
                aria-describedby="setup-org-name-hint setup-org-name-error"
                prop:value=move || state.workspace.with(|ws| ws.organisation.name.clone())
                on:input=move |ev| {
                    match pmo_domain::validate::organisation_name(&event_target_value(&ev)) {
                        Ok(name) => {
                            org_error.set(None);
                            state.edit_in(pmo_domain::document::describe::Scope::organisation(), |ws| ws.organisation.name = name);
                        }
                        Err(e) => org_error.set(Some(e)),
                    }
                }/>
            <p id="setup-org-name-hint" class="hint">"The organisation the PMO serves: it heads the charter and every report."</p>
            <p id="setup-org-name-error" class="field-error" aria-live="polite">{move || org_error.get()}</p>
        </div>
        <PlanText plan id="setup-purpose" label="Purpose of the PMO" multiline=true
            hint="Why the PMO exists, in a sentence or two."
            get=|p| p.purpose.as_str() set=|p, v| p.purpose = v/>
        <h3>"Objectives"</h3>
        <p class="muted">"Each objective with how you will measure it and the target, e.g. “Reliable status” — “projects reporting on time” — “95 % by June”."</p>
        <table class="setup-table" class:empty=move || count.get() == 0>
            <thead><tr><th scope="col">"Objective"</th><th scope="col">"Measure"</th><th scope="col">"Target"</th><th><span class="sr-only">"Remove"</span></th></tr></thead>
            <tbody>
                <For each=move || 0..count.get() key=|i| *i let:i>
                    <tr>
                        <RowCell plan i label="Objective" list=""
                            get=|p, i| p.objectives.get(i).map(|o| &o.text)
                            set=|p, i| p.objectives.get_mut(i).map(|o| &mut o.text)/>
                        <RowCell plan i label="Measure of objective" list=""
                            get=|p, i| p.objectives.get(i).map(|o| &o.measure)
                            set=|p, i| p.objectives.get_mut(i).map(|o| &mut o.measure)/>
                        <RowCell plan i label="Target of objective" list=""
                            get=|p, i| p.objectives.get(i).map(|o| &o.target)
                            set=|p, i| p.objectives.get_mut(i).map(|o| &mut o.target)/>
                        <td>
                            <button type="button" class="link" aria-label=format!("Remove objective {}", i + 1)
                                on:click=move |_| edit_plan(state, |p| { if i < p.objectives.len() { p.objectives.remove(i); } })>"Remove"</button>
                        </td>
                    </tr>
                </For>
            </tbody>
        </table>
        <button type="button" on:click=move |_| edit_plan(state, |p| p.objectives.push(SetupObjective::default()))>"Add objective"</button>
    }
}

#[component]
pub fn Sponsorship(plan: Memo<SetupPlan>) -> impl IntoView {
    let state = AppState::expect();
    let sponsor = Memo::new(move |_| {
        let id = plan.with(|p| p.sponsor_id.clone())?;
        state.workspace.with(|ws| ws.person(&id).map(person_label))
    });
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    // Someone not in the org chart yet is added right here, as the sponsor.
    let adding = RwSignal::new(false);
    let new_name = RwSignal::new(String::new());
    let new_title = RwSignal::new(String::new());
    let add_error = RwSignal::new(None::<String>);
    let empty_chart = Memo::new(move |_| state.workspace.with(|ws| ws.people.is_empty()));
    let choose = move |_| {
        let t = text.get_untracked();
        match state
            .workspace
            .with_untracked(|ws| resolve_person(ws, &t).map(|i| i.map(|i| ws.people[i].id.clone())))
        {
            Ok(Some(id)) => {
                edit_plan(state, |p| p.sponsor_id = Some(id));
                text.set(String::new());
                error.set(None);
            }
            Ok(None) => error.set(Some(
                "Type the sponsor's name and pick it from the list".into(),
            )),
            Err(e) => {
                // A name nobody has: offer to add that person.
                let unknown = state.workspace.with_untracked(|ws| {
                    !ws.people
                        .iter()
                        .any(|p| p.name.trim().eq_ignore_ascii_case(t.trim()))
                });
                if unknown {
                    new_name.set(t.trim().to_string());
                    adding.set(true);
                    error.set(None);
                } else {
                    error.set(Some(e));
                }
            }
        }
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = pmo_domain::org::edit::PersonDraft {
            name: new_name.get_untracked(),
            title: new_title.get_untracked(),
            role_id: None,
            unit_id: None,
            vacancy: false,
        };
        if let Err(e) = draft.check() {
            add_error.set(Some(e));
            return;
        }
        let name = draft.name.trim().to_string();
        state.edit_as(format!("Added {name} as the sponsor"), |ws| {
            if let Ok(id) = pmo_domain::org::edit::add_person(ws, &draft, None) {
                ws.setup.get_or_insert_with(SetupPlan::default).sponsor_id = Some(id);
            }
        });
        add_error.set(None);
        adding.set(false);
        text.set(String::new());
        new_name.set(String::new());
        new_title.set(String::new());
        state.say(format!("{name} is in the org chart and is the sponsor"));
    };
    view! {
        <div class="setup-sponsor">
            <p>
                <strong>"Sponsor: "</strong>
                {move || sponsor.get().unwrap_or_else(|| "not chosen yet".into())}
            </p>
            {move || sponsor.get().is_some().then(|| view! {
                <button type="button" class="link" on:click=move |_| edit_plan(state, |p| p.sponsor_id = None)>"Remove sponsor"</button>
            })}
        </div>
        <form class="setup-inline" on:submit=move |ev| { ev.prevent_default(); choose(()); }>
            <PersonPicker id="setup-sponsor" label="Choose the sponsor from the org chart" value=text
                hint="Usually an executive: the CEO or the head of the business the PMO serves."/>
            <button type="submit">"Make sponsor"</button>
        </form>
        <p class="field-error" role="alert">{move || error.get()}</p>
        {move || (!adding.get() && sponsor.get().is_none()).then(|| view! {
            <p>
                {move || if empty_chart.get() { "Nobody is in the org chart yet. " } else { "Not in the org chart? " }}
                <button type="button" class="link" on:click=move |_| { new_name.set(text.get_untracked().trim().to_string()); adding.set(true); }>
                    "Add the sponsor as a new person"
                </button>
            </p>
        })}
        {move || adding.get().then(|| view! {
            <form class="setup-inline setup-add-person card" aria-label="Add the sponsor" on:submit=add novalidate=true>
                <div class="field">
                    <label for="setup-new-sponsor-name">"Sponsor's name"</label>
                    <input id="setup-new-sponsor-name" type="text" prop:value=move || new_name.get()
                        on:input=move |ev| new_name.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="setup-new-sponsor-title">"Their title"</label>
                    <input id="setup-new-sponsor-title" type="text" placeholder="e.g. Chief Operating Officer" prop:value=move || new_title.get()
                        on:input=move |ev| new_title.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="primary">"Add to the org chart as sponsor"</button>
                <button type="button" class="link" on:click=move |_| adding.set(false)>"Cancel"</button>
                <p class="field-error" role="alert">{move || add_error.get()}</p>
            </form>
        })}
        <PlanText plan id="setup-commitment" label="What the sponsor commits" multiline=true
            hint="Time (e.g. a monthly steering meeting), budget, and backing for the PMO's standards."
            get=|p| p.commitment.as_str() set=|p, v| p.commitment = v/>
    }
}

#[component]
pub fn ToolsAndProcesses(plan: Memo<SetupPlan>) -> impl IntoView {
    let state = AppState::expect();
    let boxes = SERVICES
        .iter()
        .map(|&(id, name)| {
            let on = move || plan.with(|p| p.services.iter().any(|s| s == id));
            view! {
                <label class="check">
                    <input type="checkbox" prop:checked=on on:change=move |ev| {
                        let want = event_target_checked(&ev);
                        edit_plan(state, |p| {
                            p.services.retain(|s| s != id);
                            if want {
                                p.services.push(id.to_string());
                                // Keep the catalogue's order.
                                p.services.sort_by_key(|s| SERVICES.iter().position(|x| x.0 == s).unwrap_or(usize::MAX));
                            }
                        });
                    }/>
                    {name}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="setup-checks">
            <legend>"Services the PMO provides"</legend>
            {boxes}
        </fieldset>
        <PlanText plan id="setup-standards" label="Standards and templates" multiline=true
            hint="E.g. project brief, business case, status report, risk log, closure report."
            get=|p| p.standards.as_str() set=|p, v| p.standards = v/>
        <PlanText plan id="setup-tools" label="Tools"
            hint="E.g. PMO Workbench for the register and reporting, a shared drive for documents."
            get=|p| p.tools.as_str() set=|p, v| p.tools = v/>
        <label class="check">
            <input type="checkbox" prop:checked=move || plan.with(|p| p.lifecycle)
                on:change=move |ev| { let v = event_target_checked(&ev); edit_plan(state, |p| p.lifecycle = v); }/>
            "Projects follow the lifecycle initiation → planning → execution → closing, with a gate review at the end of each phase"
        </label>
    }
}

#[component]
pub fn Organisation(plan: Memo<SetupPlan>) -> impl IntoView {
    let state = AppState::expect();
    let current = Memo::new(move |_| state.workspace.with(|ws| ws.organisation.pmo_type));
    let decided = Memo::new(move |_| plan.with(|p| p.type_decided));
    let suggestion = Memo::new(move |_| state.workspace.with(setup::suggested_type));
    let choose_type = move |t: PmoType| {
        state.edit(|ws| {
            ws.organisation.pmo_type = t;
            ws.setup.get_or_insert_with(SetupPlan::default).type_decided = true;
        });
    };
    let types = PmoType::ALL
        .into_iter()
        .map(|t| {
            view! {
                <label class="setup-option">
                    <input type="radio" name="setup-type" prop:checked=move || decided.get() && current.get() == t
                        on:change=move |_| choose_type(t)/>
                    <strong>{t.label()}</strong>
                    <span class="muted">{setup::authority(t)}</span>
                </label>
            }
        })
        .collect_view();
    let suggest = move || {
        suggestion.get().map(|(t, date, who)| {
            view! {
                <p class="setup-suggestion">
                    {format!("The PMO type check of {} ({who}) suggests a {} PMO. ", crate::ui::format::day(date), t.label().to_lowercase())}
                    {move || if decided.get() && current.get() == t {
                        view! { <span class="muted">"That is the type chosen."</span> }.into_any()
                    } else {
                        view! { <button type="button" on:click=move |_| choose_type(t)>{format!("Use {}", t.label().to_lowercase())}</button> }.into_any()
                    }}
                </p>
            }
        })
    };
    let preview_href = move || {
        to_hash(
            &Page::OrgChart,
            &[("preset", &current.get().label().to_lowercase())],
        )
    };
    // Levels and units.
    let level = Memo::new(move |_| plan.with(|p| p.level));
    let levels = [PmoLevel::Enterprise, PmoLevel::Programme]
        .into_iter()
        .map(|l| {
            view! {
                <label class="setup-option">
                    <input type="radio" name="setup-level" prop:checked=move || level.get() == Some(l)
                        on:change=move |_| edit_plan(state, |p| p.level = Some(l))/>
                    <strong>{l.label()}</strong>
                    <span class="muted">{match l {
                        PmoLevel::Enterprise => "Covers every portfolio, programme and project and aligns them with strategy; often reports to the CEO.",
                        PmoLevel::Programme => "Supports one large programme: its issues, risks and changes across many work streams.",
                    }}</span>
                </label>
            }
        })
        .collect_view();
    let units = Memo::new(move |_| {
        state.workspace.with(|ws| {
            ws.units
                .iter()
                .filter(|u| is_pmo_unit(u.kind))
                .map(|u| (u.id.clone(), u.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let unit = Memo::new(move |_| plan.with(|p| p.unit_id.clone().unwrap_or_default()));
    let new_unit = RwSignal::new(String::new());
    let unit_error = RwSignal::new(None::<String>);
    let create = move |_| {
        let name = new_unit.get_untracked();
        let level = level.get_untracked().unwrap_or(PmoLevel::Enterprise);
        let mut result = Ok(String::new());
        state.edit(|ws| result = setup::create_unit(ws, level, &name));
        match result {
            Ok(_) => {
                new_unit.set(String::new());
                unit_error.set(None);
                state.say(format!("Unit {} created", name.trim()));
            }
            Err(e) => unit_error.set(Some(e)),
        }
    };
    // Staffing.
    let rows = Memo::new(move |_| {
        plan.with(|p| {
            state.workspace.with(|ws| {
                // Every PMO-path role, plus any other role the plan staffs.
                let mut p = p.clone();
                for r in ws.roles.iter().filter(|r| r.ladder == "pmo") {
                    if !p.staffing.iter().any(|s| s.role_id == r.id) {
                        p.staffing.push(Staffing {
                            role_id: r.id.clone(),
                            count: 0,
                        });
                    }
                }
                // The PMO path from its entry role up, then the other roles the plan staffs.
                let rank = |id: &str| {
                    ws.roles
                        .iter()
                        .find(|r| r.id == id)
                        .map_or((true, 0), |r| (r.ladder != "pmo", r.seniority))
                };
                p.staffing.sort_by_key(|s| rank(&s.role_id));
                setup::staffing(ws, &p)
            })
        })
    });
    let to_propose =
        Memo::new(move |_| rows.with(|r| r.iter().map(|x| x.to_propose()).sum::<usize>()));
    let propose = move |_| {
        let mut result = Ok(0);
        state.edit(|ws| result = setup::propose_vacancies(ws));
        match result {
            Ok(n) => state.say(format!(
                "{} added to the org chart",
                plural(n, "open role", None)
            )),
            Err(e) => unit_error.set(Some(e)),
        }
    };
    let set_count = move |role: String, n: u8| {
        edit_plan(state, |p| {
            match p.staffing.iter_mut().find(|s| s.role_id == role) {
                Some(s) => s.count = n,
                None => p.staffing.push(Staffing {
                    role_id: role,
                    count: n,
                }),
            }
        });
    };
    view! {
        <fieldset class="setup-choice">
            <legend>"PMO type"</legend>
            {types}
        </fieldset>
        {suggest}
        <p>
            <a href=preview_href>"Preview this type in the org chart"</a>
            <span class="muted">" — see who would report to whom before applying it to the reporting lines."</span>
        </p>
        <fieldset class="setup-choice">
            <legend>"PMO level"</legend>
            {levels}
        </fieldset>
        <div class="field">
            <label for="setup-unit">"The PMO's unit in the org chart"</label>
            <select id="setup-unit" prop:value=move || unit.get()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    edit_plan(state, |p| p.unit_id = (!v.is_empty()).then_some(v));
                }>
                <option value="">"— choose a unit —"</option>
                {move || units.get().into_iter().map(|(id, name)| {
                    let sel = unit.get() == id;
                    view! { <option value=id selected=sel>{name}</option> }
                }).collect_view()}
            </select>
        </div>
        <form class="setup-inline" on:submit=move |ev| { ev.prevent_default(); create(()); }>
            <div class="field">
                <label for="setup-new-unit">"Or create a new PMO unit"</label>
                <input id="setup-new-unit" type="text" placeholder="e.g. Enterprise PMO" prop:value=move || new_unit.get()
                    on:input=move |ev| new_unit.set(event_target_value(&ev))/>
            </div>
            <button type="submit">"Create unit"</button>
        </form>
        <p class="field-error" role="alert">{move || unit_error.get()}</p>
        <h3>"Staffing"</h3>
        <p class="muted">"How many people of each role the PMO needs. “In post” and “Open” come from the org chart (people of the PMO's unit)."</p>
        <table class="setup-table setup-staffing">
            <thead><tr><th scope="col">"Role"</th><th scope="col">"Needed"</th><th scope="col">"In post"</th><th scope="col">"Open roles"</th></tr></thead>
            <tbody>
                <For each=move || rows.get() key=|r| (r.role_id.clone(), r.planned, r.filled, r.open) let:r>
                    {
                        let role = r.role_id.clone();
                        view! {
                            <tr>
                                <th scope="row">{r.role.clone()}</th>
                                <td><input type="number" min="0" max="99" class="narrow" aria-label=format!("Needed: {}", r.role)
                                    prop:value=r.planned.to_string()
                                    on:change=move |ev| {
                                        let n = event_target_value(&ev).trim().parse::<u8>().unwrap_or(0).min(99);
                                        set_count(role.clone(), n);
                                    }/></td>
                                <td>{r.filled}</td>
                                <td>{r.open}</td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
        <div class="actions">
            <button type="button" disabled=move || to_propose.get() == 0 on:click=propose>
                {move || match to_propose.get() {
                    0 => "No open roles to add".to_string(),
                    1 => "Add 1 open role to the org chart".to_string(),
                    n => format!("Add {n} open roles to the org chart"),
                }}
            </button>
        </div>
    }
}

#[component]
pub fn Communicate(plan: Memo<SetupPlan>) -> impl IntoView {
    let state = AppState::expect();
    let count = count_of(plan, |p| &p.audiences);
    let usual = move |_| {
        edit_plan(state, |p| {
            for (who, channel, often) in [
                (
                    "Sponsor and executives",
                    "Steering meeting with the monthly report",
                    "Monthly",
                ),
                ("Project managers", "PM forum", "Monthly"),
                ("Project teams", "Intranet page and newsletter", "Quarterly"),
            ] {
                p.audiences.push(Audience {
                    who: who.into(),
                    channel: channel.into(),
                    frequency: often.into(),
                });
            }
        })
    };
    view! {
        <table class="setup-table" class:empty=move || count.get() == 0>
            <thead><tr><th scope="col">"Audience"</th><th scope="col">"Channel"</th><th scope="col">"How often"</th><th><span class="sr-only">"Remove"</span></th></tr></thead>
            <tbody>
                <For each=move || 0..count.get() key=|i| *i let:i>
                    <tr>
                        <RowCell plan i label="Audience" list=""
                            get=|p, i| p.audiences.get(i).map(|a| &a.who)
                            set=|p, i| p.audiences.get_mut(i).map(|a| &mut a.who)/>
                        <RowCell plan i label="Channel for audience" list="setup-channels"
                            get=|p, i| p.audiences.get(i).map(|a| &a.channel)
                            set=|p, i| p.audiences.get_mut(i).map(|a| &mut a.channel)/>
                        <RowCell plan i label="How often for audience" list="setup-often"
                            get=|p, i| p.audiences.get(i).map(|a| &a.frequency)
                            set=|p, i| p.audiences.get_mut(i).map(|a| &mut a.frequency)/>
                        <td>
                            <button type="button" class="link" aria-label=format!("Remove audience {}", i + 1)
                                on:click=move |_| edit_plan(state, |p| { if i < p.audiences.len() { p.audiences.remove(i); } })>"Remove"</button>
                        </td>
                    </tr>
                </For>
            </tbody>
        </table>
        <datalist id="setup-channels">
            <option value="Steering meeting"></option>
            <option value="PM forum"></option>
            <option value="Monthly PMO report"></option>
            <option value="Intranet page"></option>
            <option value="Newsletter"></option>
            <option value="Training sessions"></option>
        </datalist>
        <datalist id="setup-often">
            <option value="Weekly"></option>
            <option value="Monthly"></option>
            <option value="Quarterly"></option>
            <option value="At each gate"></option>
        </datalist>
        <div class="actions">
            <button type="button" on:click=move |_| edit_plan(state, |p| p.audiences.push(Audience::default()))>"Add audience"</button>
            {move || (count.get() == 0).then(|| view! { <button type="button" on:click=usual>"Add the usual audiences"</button> })}
        </div>
    }
}

/// The kind of day rule, for the rule picker.
fn rule_kind(r: DayRule) -> &'static str {
    match r {
        DayRule::DayOfMonth(_) => "day",
        DayRule::Weekday { .. } => "weekday",
        DayRule::WorkingDay(_) => "working",
        DayRule::LastWorkingDay => "last-working",
    }
}

#[component]
fn RoutineRow(plan: Memo<SetupPlan>, i: usize) -> impl IntoView {
    let state = AppState::expect();
    let r = Memo::new(move |_| plan.with(|p| p.routines.get(i).cloned()));
    let upd = move |f: Box<dyn FnOnce(&mut Routine)>| {
        edit_plan(state, |p| {
            if let Some(r) = p.routines.get_mut(i) {
                f(r);
            }
        })
    };
    let n = i + 1;
    let get = move || {
        r.get()
            .unwrap_or_else(|| Routine::new("", RoutineKind::Other, DayRule::LastWorkingDay, 1, 1))
    };
    let kind = move || rule_kind(get().rule);
    let number = move || match get().rule {
        DayRule::DayOfMonth(d) | DayRule::WorkingDay(d) => d,
        DayRule::Weekday { nth, .. } => nth,
        DayRule::LastWorkingDay => 1,
    };
    let weekday = move || match get().rule {
        DayRule::Weekday { weekday, .. } => weekday,
        _ => 0,
    };
    let next = move || {
        let r = get();
        match r.problem() {
            Some(p) => p,
            None => setup::next_dates(&r, crate::ui::format::today(), 1)
                .first()
                .map_or_else(String::new, |d| {
                    format!("Next: {}", crate::ui::format::day(*d))
                }),
        }
    };
    view! {
        <li class="setup-routine">
            <div class="setup-routine-head">
                <input type="text" aria-label=format!("Name of routine {n}") prop:value=move || get().name
                    on:input=move |ev| { let v = event_target_value(&ev); upd(Box::new(move |r| r.name = v)); }/>
                <select aria-label=format!("Kind of routine {n}") prop:value=move || get().kind.slug()
                    on:change=move |ev| { let v = event_target_value(&ev); upd(Box::new(move |r| r.kind = RoutineKind::from_slug(&v))); }>
                    {RoutineKind::ALL.into_iter().map(|k| view! { <option value=k.slug() selected=move || get().kind == k>{k.label()}</option> }).collect_view()}
                </select>
                <button type="button" class="link" aria-label=format!("Remove routine {n}")
                    on:click=move |_| edit_plan(state, |p| { if i < p.routines.len() { p.routines.remove(i); } })>"Remove"</button>
            </div>
            <div class="setup-routine-when">
                <select aria-label=format!("How often: routine {n}") prop:value=move || get().every.to_string()
                    on:change=move |ev| { let v = event_target_value(&ev).parse().unwrap_or(1); upd(Box::new(move |r| r.every = v)); }>
                    {[(1u8, "Monthly"), (2, "Every 2 months"), (3, "Quarterly"), (6, "Every 6 months"), (12, "Yearly")].into_iter().map(|(v, l)| {
                        view! { <option value=v.to_string() selected=move || get().every == v>{l}</option> }
                    }).collect_view()}
                </select>
                {move || (get().every > 1).then(|| view! {
                    <select aria-label=format!("Starting month: routine {n}") prop:value=move || get().month.to_string()
                        on:change=move |ev| { let v = event_target_value(&ev).parse().unwrap_or(1); upd(Box::new(move |r| r.month = v)); }>
                        {(1u8..=12).map(|m| view! { <option value=m.to_string() selected=move || get().month == m>{format!("from {}", MONTHS[usize::from(m) - 1])}</option> }).collect_view()}
                    </select>
                })}
                <select aria-label=format!("Day rule: routine {n}") prop:value=kind
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        upd(Box::new(move |r| {
                            r.rule = match v.as_str() {
                                "day" => DayRule::DayOfMonth(1),
                                "weekday" => DayRule::Weekday { nth: 1, weekday: 0 },
                                "working" => DayRule::WorkingDay(1),
                                _ => DayRule::LastWorkingDay,
                            }
                        }));
                    }>
                    <option value="day" selected=move || kind() == "day">"on day of the month"</option>
                    <option value="working" selected=move || kind() == "working">"on working day number"</option>
                    <option value="weekday" selected=move || kind() == "weekday">"on a weekday"</option>
                    <option value="last-working" selected=move || kind() == "last-working">"on the last working day"</option>
                </select>
                {move || match kind() {
                    "day" | "working" => view! {
                        <input type="number" class="narrow" min="1" max=if kind() == "day" { "31" } else { "20" }
                            aria-label=format!("Day number: routine {n}") prop:value=move || number().to_string()
                            on:change=move |ev| {
                                let v = event_target_value(&ev).trim().parse::<u8>().unwrap_or(0);
                                upd(Box::new(move |r| r.rule = match r.rule {
                                    DayRule::DayOfMonth(_) => DayRule::DayOfMonth(v),
                                    _ => DayRule::WorkingDay(v),
                                }));
                            }/>
                    }.into_any(),
                    "weekday" => view! {
                        <select aria-label=format!("Which week: routine {n}") prop:value=move || number().to_string()
                            on:change=move |ev| {
                                let v = event_target_value(&ev).parse().unwrap_or(1);
                                upd(Box::new(move |r| if let DayRule::Weekday { weekday, .. } = r.rule { r.rule = DayRule::Weekday { nth: v, weekday } }));
                            }>
                            {[(1u8, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (5, "last")].into_iter().map(|(v, l)| view! { <option value=v.to_string() selected=move || number() == v>{l}</option> }).collect_view()}
                        </select>
                        <select aria-label=format!("Weekday: routine {n}") prop:value=move || weekday().to_string()
                            on:change=move |ev| {
                                let v = event_target_value(&ev).parse().unwrap_or(0);
                                upd(Box::new(move |r| if let DayRule::Weekday { nth, .. } = r.rule { r.rule = DayRule::Weekday { nth, weekday: v } }));
                            }>
                            {(0u8..7).map(|d| view! { <option value=d.to_string() selected=move || weekday() == d>{WEEKDAYS[usize::from(d)]}</option> }).collect_view()}
                        </select>
                    }.into_any(),
                    _ => ().into_any(),
                }}
            </div>
            <p class="muted setup-routine-next">{move || format!("{} · {}", get().describe(), next())}</p>
        </li>
    }
}

#[component]
pub fn Routines(plan: Memo<SetupPlan>) -> impl IntoView {
    let state = AppState::expect();
    let count = count_of(plan, |p| &p.routines);
    view! {
        <ol class="setup-routines plain">
            <For each=move || 0..count.get() key=|i| *i let:i>
                <RoutineRow plan i/>
            </For>
        </ol>
        <div class="actions">
            {move || (count.get() == 0).then(|| view! {
                <button type="button" class="primary" on:click=move |_| edit_plan(state, |p| p.routines = setup::usual_routines())>"Add the usual routines"</button>
            })}
            <button type="button" on:click=move |_| edit_plan(state, |p| p.routines.push(Routine::new("", RoutineKind::Other, DayRule::DayOfMonth(1), 1, 1)))>"Add routine"</button>
            <a href=Page::Routines.href()>"See the next three months"</a>
        </div>
    }
}

#[component]
pub fn CharterStep(
    plan: Memo<SetupPlan>,
    /// What each step misses (by step, from 1), as the guide computes it.
    missing: Memo<Vec<Vec<String>>>,
) -> impl IntoView {
    let state = AppState::expect();
    let review = move || {
        plan.with(|p| {
            p.review
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        })
    };
    // Gaps of the earlier steps, from what the guide already worked out.
    let others = Memo::new(move |_| {
        missing.with(|m| {
            (1..=6u8)
                .map(|s| (s, m[usize::from(s) - 1].len()))
                .filter(|(_, n)| *n > 0)
                .collect::<Vec<_>>()
        })
    });
    view! {
        <PlanText plan id="setup-scope" label="Scope" multiline=true
            hint="What the PMO covers and what it does not, e.g. “All change projects over €50 000; business-as-usual work is out of scope.”"
            get=|p| p.scope.as_str() set=|p, v| p.scope = v/>
        <div class="field">
            <label for="setup-review">"Review date"</label>
            <p class="muted field-hint">"When the sponsor and the PMO look at the charter again; six to twelve months ahead is usual."</p>
            <input id="setup-review" type="date" prop:value=review
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    let d = chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok();
                    edit_plan(state, |p| p.review = d);
                }/>
        </div>
        {move || {
            let o = others.get();
            (!o.is_empty()).then(|| view! {
                <div class="setup-missing">
                    <h3>"Earlier steps with gaps"</h3>
                    <ul>
                        {o.into_iter().map(|(s, n)| view! {
                            <li>
                                <button type="button" class="link" on:click=move |_| edit_plan(state, |p| p.step = s)>
                                    {format!("Step {s}: {}", setup::step_title(s))}
                                </button>
                                {format!(" — {n} missing")}
                            </li>
                        }).collect_view()}
                    </ul>
                    <p class="muted">"The charter can be printed now; what is missing shows as “Not decided yet”."</p>
                </div>
            })
        }}
    }
}
