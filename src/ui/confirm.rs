//! Undo and redo where every page has them: two buttons in the header, and the short, visible
//! confirmation after each edit with its Undo (or, after an undo, its Redo). Both go through
//! the one mechanism of `app::sync` (the document's undo), as do Ctrl/Cmd+Z and
//! Shift+Ctrl/Cmd+Z.

use std::time::Duration;

use leptos::prelude::*;

use crate::app::state::{AppState, Confirmation};

/// How long a confirmation stays (unless the pointer or focus is on it).
const SHOWN_FOR: Duration = Duration::from_secs(8);

/// "Undo" and "Redo" for the header; each says what it would do in its description (its
/// tooltip), so that its name stays short.
#[component]
pub fn UndoButtons() -> impl IntoView {
    let state = AppState::expect();
    let undo_name = move || {
        state
            .steps
            .with(|s| s.undo.as_ref().map(|w| format!("Undo: {w}")))
            .unwrap_or_else(|| "Undo".into())
    };
    let redo_name = move || {
        state
            .steps
            .with(|s| s.redo.as_ref().map(|w| format!("Redo: {w}")))
            .unwrap_or_else(|| "Redo".into())
    };
    view! {
        <div class="undo-buttons" role="group" aria-label="Undo and redo">
            <button type="button" class="icon-button"
                disabled=move || state.steps.with(|s| s.undo.is_none())
                title=move || format!("{} (Ctrl+Z)", undo_name())
                on:click=move |_| crate::app::engine::undo(&state)>
                <span aria-hidden="true">"↶"</span>
                <span class="icon-label">"Undo"</span>
            </button>
            <button type="button" class="icon-button"
                disabled=move || state.steps.with(|s| s.redo.is_none())
                title=move || format!("{} (Shift+Ctrl+Z)", redo_name())
                on:click=move |_| crate::app::engine::redo(&state)>
                <span aria-hidden="true">"↷"</span>
                <span class="icon-label">"Redo"</span>
            </button>
        </div>
    }
}

/// The confirmation of the last edit, undo or redo, at the bottom of the screen.
#[component]
pub fn ConfirmationToast() -> impl IntoView {
    let state = AppState::expect();
    let held = RwSignal::new(false);
    let timer: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    // Hide a confirmation after a while (each new one starts the clock again). An effect,
    // because a timer is the outside world.
    Effect::new(move |_| {
        let shown = state.confirmation.with(|c| c.as_ref().map(|(n, _)| *n));
        if let Some(h) = timer.try_update_value(Option::take).flatten() {
            h.clear();
        }
        if let Some(n) = shown {
            let handle = set_timeout_with_handle(
                move || {
                    let same = state
                        .confirmation
                        .with_untracked(|c| c.as_ref().is_some_and(|(m, _)| *m == n));
                    if same && !held.get_untracked() {
                        state.confirmation.set(None);
                    }
                },
                SHOWN_FOR,
            )
            .ok();
            timer.set_value(handle);
        }
    });
    let dismiss = move || {
        held.set(false);
        state.confirmation.set(None);
    };
    view! {
        <div class="toast-region" role="status" aria-live="polite" aria-label="Confirmation">
            {move || state.confirmation.get().map(|(_, c)| {
                let undone = matches!(c, Confirmation::Undone(_));
                view! {
                    <div class="toast"
                        on:mouseenter=move |_| held.set(true)
                        on:mouseleave=move |_| held.set(false)
                        on:focusin=move |_| held.set(true)
                        on:focusout=move |_| held.set(false)>
                        <span class="toast-text">{c.text()}</span>
                        {if undone {
                            view! {
                                <button type="button" class="link" on:click=move |_| {
                                    dismiss();
                                    crate::app::engine::redo(&state);
                                }>"Redo"</button>
                            }.into_any()
                        } else {
                            view! {
                                <button type="button" class="link" on:click=move |_| {
                                    dismiss();
                                    crate::app::engine::undo(&state);
                                }>"Undo"</button>
                            }.into_any()
                        }}
                        <button type="button" class="toast-close" aria-label="Dismiss" on:click=move |_| dismiss()>
                            <span aria-hidden="true">"×"</span>
                        </button>
                    </div>
                }
            })}
        </div>
    }
}
