//! Status updates: recording one (status, RAG, commentary) and the history with its trend.

use leptos::prelude::*;
use pmo_domain::portfolio::project::{parse_date, record_update};
use pmo_domain::{Project, Rag, RagSet, Status, StatusUpdate};

use crate::app::state::AppState;

use crate::ui::format::today;

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
pub(super) fn StatusUpdates(project: Memo<Option<Project>>) -> impl IntoView {
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
        state.edit_project(&id, |p| record_update(p, update));
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
