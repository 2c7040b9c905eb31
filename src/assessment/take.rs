//! Taking an assessment: one question at a time or a dimension per page, every answer saved
//! at once, and the place kept so that coming back resumes there.

use leptos::prelude::*;
use pmo_domain::assessment;
use pmo_domain::route::Page;
use pmo_domain::Assessment;
use pmo_domain::Questionnaire;
use wasm_bindgen::JsCast;

use super::{assessment_memos, unit_name, AssessmentMissing};
use crate::app::state::AppState;
use crate::ui::focus;

/// Change the assessment on screen (saved at once).
type Edit = StoredValue<Box<dyn Fn(&dyn Fn(&mut Assessment)) + Send + Sync>>;

/// The chosen answer of the first question shown, else its first choice: where the keyboard
/// goes after moving on, so arrow keys work at once.
const CHOICE: &[&str] = &[
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
    let q = move || quest.get().expect("checked by the page");
    let answers = Memo::new(move |_| {
        data.with(|a| a.as_ref().map(|a| a.answers.clone()).unwrap_or_default())
    });
    let score = Memo::new(move |_| {
        quest.with(|q| {
            q.as_ref()
                .map(|q| answers.with(|a| assessment::score(q, a)))
        })
    });
    let asked = Memo::new(move |_| {
        quest.with(|q| {
            q.as_ref()
                .map(|q| answers.with(|a| assessment::asked(q, a)))
                .unwrap_or_default()
        })
    });
    let by_dimension =
        Memo::new(move |_| data.with(|a| a.as_ref().is_some_and(|a| a.by_dimension)));
    // Where the person is: the stored position, moved to an asked question if needed.
    let pos = Memo::new(move |_| {
        let stored = data.with(|a| a.as_ref().map_or(0, |a| a.position as usize));
        asked.with(|on| {
            if on.get(stored).copied().unwrap_or(false) {
                stored
            } else {
                (stored..on.len())
                    .chain((0..stored.min(on.len())).rev())
                    .find(|&i| on[i])
                    .unwrap_or(0)
            }
        })
    });
    let id_edit = id.clone();
    let edit = move |f: &dyn Fn(&mut Assessment)| {
        let id = id_edit.clone();
        state.edit(|ws| {
            if let Some(a) = ws.assessments.iter_mut().find(|a| a.id == id) {
                f(a);
            }
        });
    };
    let edit: Edit = StoredValue::new(Box::new(edit));
    // Opening the page puts the keyboard on the question (after the page heading took focus
    // on navigation), so a keyboard user answers at once; the fieldset's legend is read out.
    focus::after_frames(2, CHOICE);
    let go = move |i: usize| {
        edit.with_value(|e| e(&|a: &mut Assessment| a.position = i as u32));
        focus::after_frames(0, CHOICE);
    };
    // The dimension on screen and the questions shown.
    let dim_of = move |i: usize| {
        quest.with(|q| {
            q.as_ref()
                .and_then(|q| q.questions.get(i))
                .map(|x| x.dimension.clone())
                .unwrap_or_default()
        })
    };
    let shown = Memo::new(move |_| {
        let p = pos.get();
        if by_dimension.get() {
            let d = dim_of(p);
            quest.with(|q| {
                let q = q.as_ref().expect("checked");
                asked.with(|on| {
                    (0..q.questions.len())
                        .filter(|&i| on[i] && q.questions[i].dimension == d)
                        .collect::<Vec<_>>()
                })
            })
        } else {
            vec![p]
        }
    });
    let forward = move || -> Option<usize> {
        let last = shown.with(|s| s.last().copied()).unwrap_or(0);
        quest.with(|q| answers.with(|a| assessment::step(q.as_ref()?, a, last, true)))
    };
    let backward = move || -> Option<usize> {
        let first = shown.with(|s| s.first().copied()).unwrap_or(0);
        let prev =
            quest.with(|q| answers.with(|a| assessment::step(q.as_ref()?, a, first, false)))?;
        if by_dimension.get_untracked() {
            // The first question of the previous dimension.
            let d = dim_of(prev);
            quest.with(|q| {
                let q = q.as_ref()?;
                asked.with(|on| {
                    (0..q.questions.len()).find(|&i| on[i] && q.questions[i].dimension == d)
                })
            })
        } else {
            Some(prev)
        }
    };
    let unanswered_here = move || {
        shown.with(|s| {
            quest.with(|q| {
                let q = q.as_ref().expect("checked");
                answers.with(|a| {
                    s.iter()
                        .any(|&i| assessment::answer_of(a, &q.questions[i].id).is_none())
                })
            })
        })
    };
    let first_open = move || {
        quest
            .with(|q| answers.with(|a| assessment::first_open(q.as_ref()?, a, pos.get_untracked())))
    };
    let id_results = id.clone();
    let finish = move |_| {
        let firm = score.with_untracked(|s| s.as_ref().is_some_and(|s| s.firm()));
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
        if let Some(n) = forward() {
            go(n);
        }
    };
    let header = move || {
        let (unit, who, started) = data.with(|a| {
            let a = a.as_ref().expect("checked");
            (
                state
                    .workspace
                    .with(|ws| unit_name(ws, a.unit_id.as_deref())),
                a.respondent.clone(),
                a.started,
            )
        });
        format!(
            "{unit} · {who} · started {}",
            crate::ui::format::day(started)
        )
    };
    let progress_text = move || {
        score.with(|s| {
            let s = s.as_ref().expect("checked");
            format!(
                "{} of {} answered ({}%)",
                s.answered + s.not_applicable,
                s.asked,
                s.percent()
            )
        })
    };
    let dims = move || {
        let q = q();
        let cur = dim_of(pos.get());
        q.dimensions
            .iter()
            .map(|d| {
                let counts = score.with(|s| s.as_ref().and_then(|s| s.of(&d.id)).map(|x| (x.answered + x.not_applicable, x.asked)).unwrap_or((0, 0)));
                let target = quest.with(|q| {
                    let q = q.as_ref().expect("checked");
                    asked.with(|on| answers.with(|a| {
                        let of_dim: Vec<usize> = (0..q.questions.len()).filter(|&i| on[i] && q.questions[i].dimension == d.id).collect();
                        of_dim.iter().copied().find(|&i| assessment::answer_of(a, &q.questions[i].id).is_none()).or(of_dim.first().copied())
                    }))
                });
                let current = d.id == cur;
                let name = d.name.clone();
                let label = format!("{} ({} of {} answered)", d.name, counts.0, counts.1);
                let done = counts.0 == counts.1 && counts.1 > 0;
                view! {
                    <li>
                        <button type="button" class=if current { "dim-link current" } else { "dim-link" }
                            aria-current=current.then_some("step")
                            aria-label=label
                            on:click=move |_| if let Some(t) = target { go(t) }>
                            <span>{name}</span>
                            <span class=if done { "dim-count done" } else { "dim-count" }>{format!("{}/{}", counts.0, counts.1)}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div class="take-head">
            <h1 tabindex="-1">{move || q().title}</h1>
            <p class="muted">{header}</p>
            <div class="take-progress">
                <progress max="100" value=move || score.with(|s| s.as_ref().map_or(0, |s| s.percent())) aria-label="Progress"></progress>
                <span>{progress_text}</span>
            </div>
            <label class="check">
                <input type="checkbox" prop:checked=move || by_dimension.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        edit.with_value(|e| e(&move |a: &mut Assessment| a.by_dimension = on));
                    }/>
                " All questions of a dimension on one page"
            </label>
        </div>
        <div class="take-body">
            <nav class="dim-nav" aria-label="Dimensions">
                <ol>{dims}</ol>
            </nav>
            <form class="take-form" on:submit=on_submit on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                // Enter on a choice moves on, in every browser (not all submit a form from a radio).
                let on_choice = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .is_some_and(|i| i.type_() == "radio");
                if ev.key() == "Enter" && on_choice && !ev.repeat() {
                    ev.prevent_default();
                    if let Some(n) = forward() {
                        go(n);
                    }
                }
            }>
                <p class="dim-title">{move || {
                    let d = dim_of(pos.get());
                    quest.with(|q| q.as_ref().and_then(|q| q.dimension(&d)).map(|x| x.name.clone())).unwrap_or_default()
                }}</p>
                <For each=move || shown.get() key=|i| *i let:i>
                    <QuestionBlock i quest answers edit/>
                </For>
                <div class="take-actions">
                    <button type="button" disabled=move || backward().is_none()
                        on:click=move |_| if let Some(b) = backward() { go(b) }>
                        {move || if by_dimension.get() { "Previous dimension" } else { "Back" }}
                    </button>
                    {move || (unanswered_here() && forward().is_some() && !by_dimension.get()).then(|| view! {
                        <button type="button" on:click=move |_| if let Some(n) = forward() { go(n) }>"Skip"</button>
                    })}
                    {move || forward().is_some().then(|| view! {
                        <button type="submit" class="primary">
                            {move || if by_dimension.get() { "Next dimension" } else { "Next" }}
                        </button>
                    })}
                    <span class="spacer"></span>
                    {move || {
                        let firm = score.with(|s| s.as_ref().is_some_and(|s| s.firm()));
                        let finish = finish.clone();
                        if firm {
                            view! { <button type="button" class="primary" on:click=finish>"Finish and see results"</button> }.into_any()
                        } else {
                            view! { <button type="button" on:click=finish>"See provisional results"</button> }.into_any()
                        }
                    }}
                </div>
                {move || {
                    let open = first_open();
                    let firm = score.with(|s| s.as_ref().is_some_and(|s| s.firm()));
                    (forward().is_none() && !firm).then(|| view! {
                        <p class="hint">
                            {move || score.with(|s| s.as_ref().map(|s| {
                                let n = s.asked - s.answered - s.not_applicable;
                                format!("{n} question{} still open. ", if n == 1 { " is" } else { "s are" })
                            }))}
                            {open.map(|o| view! {
                                <button type="button" class="link" on:click=move |_| go(o)>"Go to the first open question"</button>
                            })}
                        </p>
                    })
                }}
            </form>
        </div>
        <p class="save-note muted" role="status">"Every answer is saved as you go. You can close this page and resume later from Assessment."</p>
    }
}

/// One question with its choices, "not applicable" where allowed, and a note.
#[component]
fn QuestionBlock(
    i: usize,
    quest: Memo<Option<Questionnaire>>,
    answers: Memo<Vec<pmo_domain::Answer>>,
    edit: Edit,
) -> impl IntoView {
    let x = quest.with_untracked(|q| q.as_ref().and_then(|q| q.questions.get(i).cloned()));
    let Some(x) = x else {
        return ().into_any();
    };
    let total = quest.with_untracked(|q| q.as_ref().map_or(0, |q| q.questions.len()));
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
                <span class="q-number">{format!("Question {} of {total}", i + 1)}</span>
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
