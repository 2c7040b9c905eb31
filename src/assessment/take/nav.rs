//! The top of the page (title, who and when, progress, one page per dimension) and the
//! dimension list that shows how far each dimension is and jumps to it.

use leptos::prelude::*;
use pmo_domain::assessment;
use pmo_domain::Assessment;

use super::sheet::Sheet;
use crate::app::state::AppState;
use crate::assessment::unit_name;

/// Title, respondent, progress, and the "all questions of a dimension on one page" switch.
#[component]
pub(super) fn TakeHead(data: Memo<Option<Assessment>>, sheet: Sheet) -> impl IntoView {
    let state = AppState::expect();
    let Sheet {
        quest,
        score,
        by_dimension,
        edit,
        ..
    } = sheet;
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
    view! {
        <div class="take-head">
            <h1 tabindex="-1">{move || quest.with(|q| q.as_ref().map(|q| q.title.clone()).unwrap_or_default())}</h1>
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
    }
}

/// The dimensions, each with how many of its questions are answered; choosing one goes to
/// its first open question.
#[component]
pub(super) fn DimensionNav(sheet: Sheet) -> impl IntoView {
    let Sheet {
        quest,
        answers,
        score,
        asked,
        pos,
        ..
    } = sheet;
    let dims = move || {
        let Some(q) = quest.get() else {
            return ().into_any();
        };
        let cur = sheet.dim_of(pos.get());
        q.dimensions
            .iter()
            .map(|d| {
                let counts = score.with(|s| s.as_ref().and_then(|s| s.of(&d.id)).map(|x| (x.answered + x.not_applicable, x.asked)).unwrap_or((0, 0)));
                let target = asked.with(|on| answers.with(|a| {
                    let of_dim: Vec<usize> = (0..q.questions.len()).filter(|&i| on[i] && q.questions[i].dimension == d.id).collect();
                    of_dim.iter().copied().find(|&i| assessment::answer_of(a, &q.questions[i].id).is_none()).or(of_dim.first().copied())
                }));
                let current = d.id == cur;
                let name = d.name.clone();
                let label = format!("{} ({} of {} answered)", d.name, counts.0, counts.1);
                let done = counts.0 == counts.1 && counts.1 > 0;
                view! {
                    <li>
                        <button type="button" class=if current { "dim-link current" } else { "dim-link" }
                            aria-current=current.then_some("step")
                            aria-label=label
                            on:click=move |_| if let Some(t) = target { sheet.go(t) }>
                            <span>{name}</span>
                            <span class=if done { "dim-count done" } else { "dim-count" }>{format!("{}/{}", counts.0, counts.1)}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <nav class="dim-nav" aria-label="Dimensions">
            <ol>{dims}</ol>
        </nav>
    }
}
