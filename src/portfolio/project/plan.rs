//! The plan of one project, edited in place: a gate record per phase, milestones, and the risk
//! and issue log. Every change is saved at once (through the autosave) like the rest.

use leptos::prelude::*;
use pmo_domain::common::money::format_money;
use pmo_domain::document::describe::Scope;
use pmo_domain::portfolio::project::{
    add_milestone, add_risk, parse_date, set_gate, set_milestone_done, set_risk_status, FieldError,
    RiskDraft,
};
use pmo_domain::{Gate, GateDecision, Phase, Project, RiskKind, RiskStatus};

use crate::app::state::AppState;
use crate::ui::format::day;

fn first_error(errors: &[FieldError], field: &str) -> Option<String> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.message.clone())
}

/// Change the project with `id` in the workspace.
fn change(state: AppState, id: &str, f: impl FnOnce(&mut Project)) {
    state.edit_project(id, f);
}

#[component]
pub fn PlanDetails(project: Memo<Option<Project>>) -> impl IntoView {
    let state = AppState::expect();
    let budget = move || {
        project.with(|p| {
            p.as_ref().map(|p| {
                let currency = state.workspace.with(|w| w.organisation.currency.clone());
                let spent = pmo_domain::portfolio::spent_percent(p.budget.actual, p.budget.planned);
                format!(
                    "Budget: {} planned, {} actual{}, {} forecast.",
                    format_money(p.budget.planned, &currency),
                    format_money(p.budget.actual, &currency),
                    spent.map(|s| format!(" ({s}% spent)")).unwrap_or_default(),
                    format_money(p.budget.forecast, &currency)
                )
            })
        })
    };
    view! {
        <section class="card" aria-labelledby="gates-title">
            <h2 id="gates-title">"Phase gates"</h2>
            <p class="muted">{budget}</p>
            <Gates project/>
        </section>
        <section class="card" aria-labelledby="milestones-title">
            <h2 id="milestones-title">"Milestones"</h2>
            <Milestones project/>
        </section>
        <section class="card" aria-labelledby="risks-title">
            <h2 id="risks-title">"Risks and issues"</h2>
            <Risks project/>
        </section>
    }
}

#[component]
fn Gates(project: Memo<Option<Project>>) -> impl IntoView {
    let state = AppState::expect();
    let id = move || project.with_untracked(|p| p.as_ref().map(|p| p.id.clone()));
    let gate_of = move |phase: Phase| {
        project.with(|p| {
            p.as_ref()
                .and_then(|p| p.gates.iter().find(|g| g.phase == phase).cloned())
        })
    };
    let update = move |phase: Phase, f: &dyn Fn(&mut Gate)| {
        let Some(pid) = id() else { return };
        let mut gate = gate_of(phase).unwrap_or(Gate {
            phase,
            decision: GateDecision::Pending,
            date: None,
            note: String::new(),
        });
        f(&mut gate);
        change(state, &pid, |p| set_gate(p, gate));
        state.say(format!("{} gate updated", phase.label()));
    };
    view! {
        <table class="register compact-rows gates-table">
            <caption class="sr-only">"Gate decision, date and note for each lifecycle phase"</caption>
            <thead><tr>
                <th scope="col">"Gate"</th>
                <th scope="col">"Decision"</th>
                <th scope="col">"Date"</th>
                <th scope="col">"Note"</th>
            </tr></thead>
            <tbody>
                {Phase::ALL.into_iter().map(|phase| {
                    let label = phase.label();
                    let decision = move || gate_of(phase).map_or(GateDecision::Pending, |g| g.decision);
                    view! {
                        <tr class:current=move || project.with(|p| p.as_ref().is_some_and(|p| p.phase == phase))>
                            <th scope="row">{label}</th>
                            <td>
                                <select aria-label=format!("{label} gate decision") on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    if let Some(d) = GateDecision::ALL.into_iter().find(|d| d.slug() == v) {
                                        update(phase, &|g: &mut Gate| g.decision = d);
                                    }
                                }>
                                    {GateDecision::ALL.into_iter().map(|d| view! {
                                        <option value=d.slug() selected=move || decision() == d>{d.label()}</option>
                                    }).collect_view()}
                                </select>
                            </td>
                            <td>
                                <input type="date" aria-label=format!("{label} gate date")
                                    prop:value=move || gate_of(phase).and_then(|g| g.date).map(|d| d.to_string()).unwrap_or_default()
                                    on:change=move |ev| {
                                        let date = parse_date(&event_target_value(&ev)).ok().flatten();
                                        update(phase, &|g: &mut Gate| g.date = date);
                                    }/>
                            </td>
                            <td>
                                <input type="text" class="note-input" aria-label=format!("{label} gate note")
                                    prop:value=move || gate_of(phase).map(|g| g.note).unwrap_or_default()
                                    on:change=move |ev| {
                                        let note = event_target_value(&ev);
                                        update(phase, &|g: &mut Gate| g.note = note.clone());
                                    }/>
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn Milestones(project: Memo<Option<Project>>) -> impl IntoView {
    let state = AppState::expect();
    let name = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let list = Memo::new(move |_| {
        project.with(|p| p.as_ref().map(|p| p.milestones.clone()).unwrap_or_default())
    });
    let pid = move || project.with_untracked(|p| p.as_ref().map(|p| p.id.clone()));
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(id) = pid() else { return };
        let mut result = Ok(());
        let (n, d) = (name.get_untracked(), due.get_untracked());
        change(state, &id, |p| result = add_milestone(p, &n, &d));
        match result {
            Ok(()) => {
                errors.set(Vec::new());
                name.set(String::new());
                due.set(String::new());
                state.say(format!("Milestone “{}” added", n.trim()));
            }
            Err(e) => errors.set(e),
        }
    };
    view! {
        {move || {
            let items = list.get();
            if items.is_empty() {
                view! { <p class="muted">"No milestones yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain item-list">
                        {items.into_iter().map(|m| {
                            let mid = m.id.clone();
                            let mid2 = m.id.clone();
                            let reached = m.done.is_some();
                            let name = m.name.clone();
                            let state_text = match m.done {
                                Some(d) => format!("reached {}", day(d)),
                                None => "open".into(),
                            };
                            view! {
                                <li>
                                    <span class="item-main">
                                        <span aria-hidden="true">{if reached { "◆ " } else { "◇ " }}</span>
                                        <strong>{m.name.clone()}</strong>
                                        {format!(" — due {}, {state_text}", day(m.due))}
                                    </span>
                                    <span class="actions">
                                        <button class="link" aria-label=format!("{} {}", if reached { "Reopen" } else { "Mark reached:" }, name)
                                            on:click=move |_| {
                                                let Some(id) = pid() else { return };
                                                let when = (!reached).then(|| chrono::Local::now().date_naive());
                                                change(state, &id, |p| set_milestone_done(p, &mid, when));
                                            }>{if reached { "Reopen" } else { "Mark reached" }}</button>
                                        <button class="link" aria-label=format!("Remove milestone {}", m.name)
                                            on:click=move |_| {
                                                let Some(id) = pid() else { return };
                                                change(state, &id, |p| p.milestones.retain(|x| x.id != mid2));
                                                state.say("Milestone removed");
                                            }>"Remove"</button>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }
        }}
        <form class="inline-form" on:submit=add novalidate=true aria-label="Add a milestone">
            <div class="field">
                <label for="milestone-name">"Milestone"</label>
                <input id="milestone-name" type="text" prop:value=name
                    aria-invalid=move || errors.with(|e| first_error(e, "milestone-name").is_some()).to_string()
                    on:input=move |ev| name.set(event_target_value(&ev))/>
                <p class="field-error">{move || errors.with(|e| first_error(e, "milestone-name"))}</p>
            </div>
            <div class="field">
                <label for="milestone-due">"Due"</label>
                <input id="milestone-due" type="date" prop:value=due
                    aria-invalid=move || errors.with(|e| first_error(e, "milestone-due").is_some()).to_string()
                    on:input=move |ev| due.set(event_target_value(&ev))/>
                <p class="field-error">{move || errors.with(|e| first_error(e, "milestone-due"))}</p>
            </div>
            <button type="submit">"Add milestone"</button>
        </form>
    }
}

#[component]
fn Risks(project: Memo<Option<Project>>) -> impl IntoView {
    let state = AppState::expect();
    let kind = RwSignal::new(RiskKind::Risk);
    let title = RwSignal::new(String::new());
    let probability = RwSignal::new(3u8);
    let impact = RwSignal::new(3u8);
    let owner = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let people = crate::portfolio::project::people_memo(state);
    let pid = move || project.with_untracked(|p| p.as_ref().map(|p| p.id.clone()));
    let rows = Memo::new(move |_| {
        project.with(|p| {
            state.workspace.with(|ws| {
                p.as_ref()
                    .map(|p| {
                        let mut risks = p.risks.clone();
                        risks.sort_by_key(|r| {
                            (
                                r.status == RiskStatus::Closed,
                                std::cmp::Reverse(r.exposure()),
                            )
                        });
                        risks
                            .into_iter()
                            .map(|r| {
                                let owner = r
                                    .owner_id
                                    .as_deref()
                                    .and_then(|o| ws.people.iter().find(|x| x.id == o))
                                    .map_or_else(|| "—".to_string(), |x| x.name.clone());
                                (r, owner)
                            })
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
    });
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(id) = pid() else { return };
        let draft = RiskDraft {
            kind: kind.get_untracked(),
            title: title.get_untracked(),
            probability: probability.get_untracked(),
            impact: impact.get_untracked(),
            owner_id: Some(owner.get_untracked()).filter(|o| !o.is_empty()),
        };
        let mut result = Ok(());
        state.edit_in(Scope::one("project", id.clone()), |ws| {
            let snapshot = ws.clone();
            if let Some(p) = ws.projects.iter_mut().find(|p| p.id == id) {
                result = add_risk(&snapshot, p, draft.clone());
            }
        });
        match result {
            Ok(()) => {
                errors.set(Vec::new());
                state.say(format!(
                    "{} “{}” added to the log",
                    draft.kind.label(),
                    draft.title.trim()
                ));
                title.set(String::new());
            }
            Err(e) => errors.set(e),
        }
    };
    let scale = |id: &'static str, label: &'static str, value: RwSignal<u8>, hint: &'static str| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select id=id on:change=move |ev| value.set(event_target_value(&ev).parse().unwrap_or(3))>
                    {(1u8..=5).map(|n| view! { <option value=n.to_string() selected=move || value.get() == n>{n.to_string()}</option> }).collect_view()}
                </select>
                <p class="hint">{hint}</p>
            </div>
        }
    };
    view! {
        {move || {
            let list = rows.get();
            if list.is_empty() {
                view! { <p class="muted">"No risks or issues logged."</p> }.into_any()
            } else {
                view! {
                    <table class="register compact-rows">
                        <caption class="sr-only">"Risk and issue log, highest exposure first"</caption>
                        <thead><tr>
                            <th scope="col">"Kind"</th>
                            <th scope="col">"Risk or issue"</th>
                            <th scope="col" class="num">"P × I"</th>
                            <th scope="col">"Owner"</th>
                            <th scope="col">"Status"</th>
                            <th scope="col"><span class="sr-only">"Actions"</span></th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|(r, owner)| {
                                let rid = r.id.clone();
                                let rid2 = r.id.clone();
                                let current = r.status;
                                view! {
                                    <tr class:closed=current == RiskStatus::Closed>
                                        <td>{r.kind.label()}</td>
                                        <th scope="row">{r.title.clone()}</th>
                                        <td class="num nowrap">{format!("{} × {} = {}", r.probability, r.impact, r.exposure())}</td>
                                        <td>{owner}</td>
                                        <td>
                                            <select aria-label=format!("Status of {}", r.title) on:change=move |ev| {
                                                let v = event_target_value(&ev);
                                                let Some(s) = RiskStatus::ALL.into_iter().find(|s| s.slug() == v) else { return };
                                                let Some(id) = pid() else { return };
                                                change(state, &id, |p| set_risk_status(p, &rid, s));
                                                state.say(format!("Marked {}", s.label().to_lowercase()));
                                            }>
                                                {RiskStatus::ALL.into_iter().map(|s| view! { <option value=s.slug() selected=s == current>{s.label()}</option> }).collect_view()}
                                            </select>
                                        </td>
                                        <td>
                                            <button class="link" aria-label=format!("Remove {}", r.title) on:click=move |_| {
                                                let Some(id) = pid() else { return };
                                                change(state, &id, |p| p.risks.retain(|x| x.id != rid2));
                                                state.say("Removed from the log");
                                            }>"Remove"</button>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }
        }}
        <form class="risk-form" on:submit=add novalidate=true aria-label="Add to the risk log">
            <div class="form-grid">
                <div class="field">
                    <label for="risk-kind">"Kind"</label>
                    <select id="risk-kind" on:change=move |ev| kind.set(if event_target_value(&ev) == "issue" { RiskKind::Issue } else { RiskKind::Risk })>
                        <option value="risk" selected=move || kind.get() == RiskKind::Risk>"Risk (may happen)"</option>
                        <option value="issue" selected=move || kind.get() == RiskKind::Issue>"Issue (has happened)"</option>
                    </select>
                </div>
                <div class="field span-2">
                    <label for="risk-title">"Description"</label>
                    <input id="risk-title" type="text" prop:value=title
                        aria-invalid=move || errors.with(|e| first_error(e, "risk-title").is_some()).to_string()
                        on:input=move |ev| title.set(event_target_value(&ev))/>
                    <p class="field-error">{move || errors.with(|e| first_error(e, "risk-title"))}</p>
                </div>
                <div class="field">
                    <label for="risk-owner">"Owner"</label>
                    <select id="risk-owner" on:change=move |ev| owner.set(event_target_value(&ev))>
                        <option value="">"No owner yet"</option>
                        {move || people.get().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                    <p class="field-error">{move || errors.with(|e| first_error(e, "risk-owner"))}</p>
                </div>
                {scale("risk-probability", "Probability", probability, "1 rare – 5 almost certain")}
                {scale("risk-impact", "Impact", impact, "1 minor – 5 severe")}
            </div>
            <button type="submit">"Add to the log"</button>
        </form>
    }
}
