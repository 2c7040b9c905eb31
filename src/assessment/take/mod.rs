//! Taking an assessment: one question at a time or a dimension per page, every answer saved
//! at once, and the place kept so that coming back resumes there.

use leptos::prelude::*;
use pmo_domain::document::describe::Scope;
use pmo_domain::route::Page;
use pmo_domain::Assessment;
use pmo_domain::Questionnaire;
use wasm_bindgen::JsCast;

mod nav;
mod question;
mod sheet;

use nav::{DimensionNav, TakeHead};
use question::QuestionBlock;
use sheet::Sheet;

use super::{assessment_memos, AssessmentMissing};
use crate::app::state::AppState;
use crate::ui::focus;
use crate::ui::format::{is_are, plural};

/// Change the assessment on screen (saved at once).
pub(super) type Edit = StoredValue<Box<dyn Fn(&dyn Fn(&mut Assessment)) + Send + Sync>>;

/// The chosen answer of the first question shown, else its first choice: where the keyboard
/// goes after moving on, so arrow keys work at once.
pub(super) const CHOICE: &[&str] = &[
    ".question input[type=radio]:checked",
    ".question input[type=radio]",
];

#[component]
pub fn TakePage(id: String) -> impl IntoView {
    let state = AppState::expect();
    let (data, quest) = assessment_memos(state, id.clone());
    // A memo, so that answering (which changes `data`) does not rebuild the page.
    let ok = Memo::new(move |_| data.with(Option::is_some) && quest.with(Option::is_some));
    view! {
        <section class="page take-page">
            {move || if ok.get() {
                view! { <Taking id=id.clone() data quest/> }.into_any()
            } else {
                view! { <AssessmentMissing/> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Taking(
    id: String,
    data: Memo<Option<Assessment>>,
    quest: Memo<Option<Questionnaire>>,
) -> impl IntoView {
    let state = AppState::expect();
    let id_edit = id.clone();
    let edit = move |f: &dyn Fn(&mut Assessment)| {
        let id = id_edit.clone();
        state.edit_in(Scope::one("assessment", id.clone()), |ws| {
            if let Some(a) = ws.assessments.iter_mut().find(|a| a.id == id) {
                f(a);
            }
        });
    };
    let edit: Edit = StoredValue::new(Box::new(edit));
    let sheet = Sheet::new(data, quest, edit);
    let Sheet {
        answers,
        score,
        pos,
        by_dimension,
        shown,
        ..
    } = sheet;
    // Opening the page puts the keyboard on the question (after the page heading took focus
    // on navigation), so a keyboard user answers at once; the fieldset's legend is read out.
    focus::after_frames(2, CHOICE);
    let id_results = id.clone();
    let finish = move |_| {
        let firm = sheet.firm();
        if firm {
            edit.with_value(|e| {
                e(&|a: &mut Assessment| {
                    if a.finished.is_none() {
                        a.finished = Some(crate::ui::format::today());
                    }
                })
            });
        }
        crate::app::navigate(&Page::AssessmentResults(id_results.clone()).href(), false);
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(n) = sheet.forward() {
            sheet.go(n);
        }
    };
    view! {
        <TakeHead data sheet/>
        <div class="take-body">
            <DimensionNav sheet/>
            <form class="take-form" on:submit=on_submit on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                // Enter on a choice moves on, in every browser (not all submit a form from a radio).
                let on_choice = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .is_some_and(|i| i.type_() == "radio");
                if ev.key() == "Enter" && on_choice && !ev.repeat() {
                    ev.prevent_default();
                    if let Some(n) = sheet.forward() {
                        sheet.go(n);
                    }
                }
            }>
                <p class="dim-title">{move || {
                    let d = sheet.dim_of(pos.get());
                    quest.with(|q| q.as_ref().and_then(|q| q.dimension(&d)).map(|x| x.name.clone())).unwrap_or_default()
                }}</p>
                <For each=move || shown.get() key=|i| *i let:i>
                    <QuestionBlock i quest answers edit/>
                </For>
                <div class="take-actions">
                    <button type="button" disabled=move || sheet.backward().is_none()
                        on:click=move |_| if let Some(b) = sheet.backward() { sheet.go(b) }>
                        {move || if by_dimension.get() { "Previous dimension" } else { "Back" }}
                    </button>
                    {move || (sheet.unanswered_here() && sheet.forward().is_some() && !by_dimension.get()).then(|| view! {
                        <button type="button" on:click=move |_| if let Some(n) = sheet.forward() { sheet.go(n) }>"Skip"</button>
                    })}
                    {move || sheet.forward().is_some().then(|| view! {
                        <button type="submit" class="primary">
                            {move || if by_dimension.get() { "Next dimension" } else { "Next" }}
                        </button>
                    })}
                    <span class="spacer"></span>
                    {move || {
                        let firm = sheet.firm();
                        let finish = finish.clone();
                        if firm {
                            view! { <button type="button" class="primary" on:click=finish>"Finish and see results"</button> }.into_any()
                        } else {
                            view! { <button type="button" on:click=finish>"See provisional results"</button> }.into_any()
                        }
                    }}
                </div>
                {move || {
                    let open = sheet.first_open();
                    let firm = sheet.firm();
                    (sheet.forward().is_none() && !firm).then(|| view! {
                        <p class="hint">
                            {move || score.with(|s| s.as_ref().map(|s| {
                                let n = s.asked - s.answered - s.not_applicable;
                                format!("{} {} still open. ", plural(n, "question", None), is_are(n))
                            }))}
                            {open.map(|o| view! {
                                <button type="button" class="link" on:click=move |_| sheet.go(o)>"Go to the first open question"</button>
                            })}
                        </p>
                    })
                }}
            </form>
        </div>
        <p class="save-note muted" role="status">"Every answer is saved as you go. You can close this page and resume later from Assessment."</p>
    }
}
