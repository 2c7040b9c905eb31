//! The strategic objectives projects are scored against, with their weights. Changing them
//! re-ranks the register at once.

use leptos::prelude::*;
use pmo_domain::document::describe::Scope;
use pmo_domain::portfolio::{add_objective, parse_weight, remove_objective};

use crate::app::state::AppState;

#[component]
pub fn ObjectivesEditor() -> impl IntoView {
    let state = AppState::expect();
    let objectives = Memo::new(move |_| state.workspace.with(|ws| ws.objectives.clone()));
    let total = Memo::new(move |_| objectives.with(|o| o.iter().map(|x| x.weight).sum::<u32>()));
    let new_name = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<(String, &'static str)>::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = new_name.get_untracked();
        if name.trim().is_empty() {
            return;
        }
        state.edit(|ws| {
            add_objective(ws, &name);
        });
        new_name.set(String::new());
        state.say(format!("Objective “{}” added", name.trim()));
    };
    view! {
        <details class="card objectives">
            <summary>"Strategic objectives"</summary>
            <p>
                "Projects score 0–5 against each objective on their page; the weights turn those scores into the "
                "priority score (0–100) and rank shown in the register."
            </p>
            <table class="register compact-rows">
                <caption class="sr-only">"Strategic objectives and weights"</caption>
                <thead><tr><th scope="col">"Objective"</th><th scope="col" class="num">"Weight"</th><th scope="col" class="num">"Share"</th><th scope="col"><span class="sr-only">"Actions"</span></th></tr></thead>
                <tbody>
                    <For each=move || objectives.get() key=|o| (o.id.clone(), o.name.clone(), o.weight) let:o>
                        {
                            let (id, id2, id3) = (o.id.clone(), o.id.clone(), o.id.clone());
                            let name = o.name.clone();
                            let share = move || {
                                let t = total.get();
                                if t == 0 { "—".to_string() } else { format!("{:.0}%", f64::from(o.weight) * 100.0 / f64::from(t)) }
                            };
                            view! {
                                <tr>
                                    <th scope="row">{o.name.clone()}</th>
                                    <td class="num">
                                        <input type="number" min="1" max="1000" class="num weight"
                                            aria-label=format!("Weight of {}", o.name)
                                            prop:value=o.weight.to_string()
                                            on:change=move |ev| match parse_weight(&event_target_value(&ev)) {
                                                Ok(w) => {
                                                    errors.update(|e| e.retain(|x| x.0 != id));
                                                    let id = id.clone();
                                                    state.edit_in(Scope::one("objective", id.clone()), |ws| if let Some(x) = ws.objectives.iter_mut().find(|x| x.id == id) { x.weight = w; });
                                                }
                                                Err(m) => errors.update(|e| { e.retain(|x| x.0 != id); e.push((id.clone(), m)); }),
                                            }
                                        />
                                        <span class="field-error">{move || errors.with(|e| e.iter().find(|x| x.0 == id2).map(|x| x.1))}</span>
                                    </td>
                                    <td class="num">{share}</td>
                                    <td>
                                        <button class="link" on:click=move |_| {
                                            let id = id3.clone();
                                            state.edit(|ws| remove_objective(ws, &id));
                                            state.say(format!("Objective “{name}” removed with its scores"));
                                        }>{format!("Remove {}", o.name)}</button>
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <form class="actions" on:submit=add aria-label="Add an objective">
                <label for="new-objective">"New objective"</label>
                <input id="new-objective" type="text" prop:value=new_name on:input=move |ev| new_name.set(event_target_value(&ev))/>
                <button type="submit">"Add objective"</button>
            </form>
        </details>
    }
}
