//! One question with its choices, "not applicable" where allowed, and a note.

use leptos::prelude::*;
use pmo_domain::assessment;
use pmo_domain::{Assessment, Questionnaire};

use super::Edit;

/// One question with its choices, "not applicable" where allowed, and a note.
#[component]
pub(super) fn QuestionBlock(
    i: usize,
    quest: Memo<Option<Questionnaire>>,
    answers: Memo<Vec<pmo_domain::Answer>>,
    edit: Edit,
) -> impl IntoView {
    let x = quest.with_untracked(|q| q.as_ref().and_then(|q| q.questions.get(i).cloned()));
    let Some(x) = x else {
        return ().into_any();
    };
    // Counted among the questions asked (conditions met), as the progress counts them.
    let number = move || {
        quest.with(|q| {
            answers.with(|a| {
                let on = q
                    .as_ref()
                    .map(|q| assessment::asked(q, a))
                    .unwrap_or_default();
                let pos = on.iter().take(i + 1).filter(|b| **b).count();
                let total = on.iter().filter(|b| **b).count();
                format!("Question {pos} of {total}")
            })
        })
    };
    let qid = x.id.clone();
    let current = {
        let qid = qid.clone();
        Memo::new(move |_| {
            answers.with(|a| assessment::answer_of(a, &qid).map(|a| (a.value, a.note.clone())))
        })
    };
    let name = format!("q-{}", x.id);
    let legend_id = format!("q-{}-legend", x.id);
    let help_id = format!("q-{}-help", x.id);
    let set = {
        let qid = qid.clone();
        move |v: Option<u8>| {
            let qid = qid.clone();
            edit.with_value(|e| {
                e(&|a: &mut Assessment| assessment::set_answer(&mut a.answers, &qid, v))
            });
        }
    };
    let choices = x.choices();
    let scale = x.kind == pmo_domain::QuestionKind::Scale;
    let radio = {
        let name = name.clone();
        let set = set.clone();
        move |value: Option<u8>, label: String| {
            let id = format!(
                "{name}-{}",
                value.map_or("na".to_string(), |v| v.to_string())
            );
            let for_id = id.clone();
            let set = set.clone();
            view! {
                <label class="choice" for=for_id>
                    <input type="radio" id=id name=name.clone() value=value.map_or("na".to_string(), |v| v.to_string())
                        prop:checked=move || current.with(|c| c.as_ref().map(|c| c.0) == Some(value))
                        on:change=move |_| set(value)/>
                    <span>{label}</span>
                </label>
            }
        }
    };
    let note_id = format!("q-{}-note", x.id);
    let clear = {
        let qid = qid.clone();
        move |_| {
            let qid = qid.clone();
            edit.with_value(|e| {
                e(&|a: &mut Assessment| assessment::clear_answer(&mut a.answers, &qid))
            });
        }
    };
    let described = help_id.clone();
    view! {
        <fieldset class="question" aria-describedby=described>
            <legend id=legend_id>
                <span class="q-number">{number}</span>
                <span class="q-text">{x.text.clone()}</span>
            </legend>
            <p id=help_id class="field-hint">{x.help.clone()}
                {scale.then(|| format!(" Choose from 1 ({}) to 5 ({}).", if x.low.is_empty() { "low" } else { &x.low }, if x.high.is_empty() { "high" } else { &x.high }))}
            </p>
            <div class=if scale { "choices scale" } else { "choices" }>
                {choices.into_iter().map(|c| radio(Some(c.value), c.label)).collect_view()}
                {x.allow_na.then(|| radio(None, "Not applicable".into()))}
            </div>
            <div class="note-row">
                <label for=note_id.clone()>"Note or evidence"</label>
                <textarea id=note_id rows="2"
                    disabled=move || current.with(Option::is_none)
                    placeholder=move || if current.with(Option::is_none) { "Answer first, then add a note" } else { "" }
                    prop:value=move || current.with(|c| c.as_ref().map(|c| c.1.clone()).unwrap_or_default())
                    on:input={
                        let qid = qid.clone();
                        move |ev| {
                            let text = event_target_value(&ev);
                            let qid = qid.clone();
                            edit.with_value(|e| e(&|a: &mut Assessment| { assessment::set_note(&mut a.answers, &qid, &text); }));
                        }
                    }></textarea>
                {move || current.with(Option::is_some).then(|| view! {
                    <button type="button" class="link" on:click=clear.clone()>"Clear answer"</button>
                })}
            </div>
        </fieldset>
    }
    .into_any()
}
