//! Asks, once per browser, for the name this browser's changes are recorded under in the
//! history. It appears after the first edit (when a name starts to matter), never covers the
//! page, and goes for good once answered or declined; the Data page changes the name later.

use leptos::prelude::*;

use crate::app::state::AppState;
use crate::app::storage;

#[component]
pub fn NamePrompt() -> impl IntoView {
    let state = AppState::expect();
    let asked = RwSignal::new(storage::author_asked());
    let name = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    // Only after this tab made an edit: a visitor who only reads is not asked.
    let show = Memo::new(move |_| {
        !asked.get() && state.steps.with(|s| s.undo.is_some()) && !storage::author_asked()
    });
    let answer = move |given: String| match storage::set_author(&given) {
        Ok(()) => {
            asked.set(true);
            state.say(if given.trim().is_empty() {
                "Changes are recorded without a name. You can give one on the Data page."
                    .to_string()
            } else {
                format!("Changes are now recorded as {}", given.trim())
            });
        }
        Err(e) => problem.set(Some(format!("The name could not be kept: {e}"))),
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let given = name.get_untracked();
        if given.trim().is_empty() {
            problem.set(Some("Type your name, or choose Not now.".into()));
            return;
        }
        answer(given);
    };
    move || {
        show.get().then(|| {
            view! {
                <section class="name-prompt" aria-labelledby="name-prompt-title">
                    <h2 id="name-prompt-title">"Who is making these changes?"</h2>
                    <p>"Each change is recorded in the history of what it changed, with a name. This browser will use the name you give; you can change it on the Data page."</p>
                    <form on:submit=on_submit>
                        <div class="field">
                            <label for="name-prompt-name">"Your name for the history"</label>
                            <input id="name-prompt-name" type="text" autocomplete="name" maxlength="100"
                                aria-describedby="name-prompt-problem"
                                prop:value=move || name.get()
                                on:input=move |ev| { name.set(event_target_value(&ev)); problem.set(None); }/>
                        </div>
                        <button type="submit" class="primary">"Use this name"</button>
                        <button type="button" on:click=move |_| answer(String::new())>"Not now"</button>
                        <p id="name-prompt-problem" class="field-error" role="alert">{move || problem.get()}</p>
                    </form>
                </section>
            }
        })
    }
}
