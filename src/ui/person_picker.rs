//! A text box that suggests the people of the org chart.

use leptos::prelude::*;
use pmo_domain::org::edit::person_label;

use crate::app::state::AppState;

/// A text box with the people as suggestions (built when it gets focus, so a chart of
/// thousands costs nothing until then).
#[component]
pub fn PersonPicker(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] hint: &'static str,
) -> impl IntoView {
    let state = AppState::expect();
    let options = RwSignal::new(Vec::<String>::new());
    let list = format!("{id}-list");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p class="muted field-hint">{hint}</p> })}
            <input id=id type="text" list=list.clone() autocomplete="off"
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:focus=move |_| {
                    if options.with_untracked(Vec::is_empty) {
                        options.set(state.workspace.with_untracked(|ws| ws.people.iter().map(person_label).collect()));
                    }
                }/>
            <datalist id=list>
                {move || options.with(|o| o.iter().map(|l| view! { <option value=l.clone()></option> }).collect_view())}
            </datalist>
        </div>
    }
}
