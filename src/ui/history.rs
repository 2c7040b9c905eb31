//! The history of one entity: who changed what, and when, newest first ("Amara set status to
//! At risk, 3 Nov 2026, 14:05"). The lines come from the document (`document::history`).

use leptos::prelude::*;

use crate::app::state::AppState;
use crate::app::sync;

/// How many lines show before "Show all".
const FIRST: usize = 8;

/// The history of the entity of `kind` ("project", "person") with `id`, under a heading of
/// `level` 2 or 3.
#[component]
pub fn History(kind: &'static str, id: String, level: u8) -> impl IntoView {
    let state = AppState::expect();
    let lines = Memo::new(move |_| {
        state.history.track();
        sync::history_of(kind, &id)
    });
    let all = RwSignal::new(false);
    let heading_id = format!("history-{kind}");
    let heading = match level {
        2 => view! { <h2 id=heading_id.clone()>"History"</h2> }.into_any(),
        _ => view! { <h3 id=heading_id.clone()>"History"</h3> }.into_any(),
    };
    view! {
        <section class="history" aria-labelledby=heading_id>
            {heading}
            {move || {
                let lines = lines.get();
                if lines.is_empty() {
                    return view! {
                        <p class="muted">"No changes recorded yet. Each change from now on is listed here, with who made it and when."</p>
                    }
                    .into_any();
                }
                let total = lines.len();
                let shown = if all.get() { total } else { total.min(FIRST) };
                view! {
                    <ol class="plain history-lines">
                        {lines.into_iter().take(shown).map(|l| {
                            let when = chrono::DateTime::from_timestamp_millis(l.at_ms)
                                .map(|t| t.with_timezone(&chrono::Local));
                            let iso = when.map(|t| t.to_rfc3339()).unwrap_or_default();
                            let text = when.map(|t| pmo_domain::common::text::day_time(&t)).unwrap_or_default();
                            view! {
                                <li>{l.sentence()}", " <time datetime=iso class="muted">{text}</time></li>
                            }
                        }).collect_view()}
                    </ol>
                    {(total > FIRST).then(|| view! {
                        <button type="button" class="link" aria-expanded=move || all.get().to_string()
                            on:click=move |_| all.update(|a| *a = !*a)>
                            {move || if all.get() { "Show fewer".to_string() } else { format!("Show all {total} changes") }}
                        </button>
                    })}
                }
                .into_any()
            }}
        </section>
    }
}
