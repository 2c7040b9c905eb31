//! The chart itself: an SVG with only the cards on screen in the DOM, connectors, dotted
//! lines and a minimap. What is drawn is worked out in [`scene`], each card drawn by [`cards`];
//! pointer gestures are in [`gestures`], the keyboard in [`keys`], the overview in [`minimap`].

mod cards;
mod gestures;
mod keys;
mod minimap;
mod scene;

use leptos::prelude::*;
use pmo_domain::org::svg::fit;
use pmo_domain::org::viewport::overview_path;

use super::OrgUi;
use crate::app::state::AppState;
use cards::{card_view, CardMarks};
use gestures::Pointer;
use minimap::Minimap;
use scene::scene;

#[component]
pub fn Stage() -> impl IntoView {
    let ui = OrgUi::expect();
    let state = AppState::expect();
    let stage = NodeRef::<leptos::html::Div>::new();
    let pointer = Pointer::new(ui, stage);
    let ghost = pointer.ghost;
    // Looked up once per change of selection, not on every frame of a pan.
    let chosen = Memo::new(move |_| {
        ui.selected.get().or_else(|| ui.focus.get()).and_then(|id| {
            state
                .workspace
                .with(|ws| ws.people.iter().position(|p| p.id == id))
        })
    });
    let scene = Memo::new(move |_| {
        let vp = ui.viewport.get();
        let screen = ui.screen.get();
        scene(&ui, vp, screen, chosen.get())
    });
    // The big overview (when zoomed far out) at a tenth of the chart's units.
    let far = Memo::new(move |_| {
        scene
            .with(|s| s.overview)
            .then(|| ui.lay.with(|l| overview_path(l, 0.1)))
    });

    let measure = move || {
        if let Some(el) = stage.get_untracked() {
            let (w, h) = (el.client_width() as f64, el.client_height() as f64);
            if w > 0.0 && h > 0.0 && ui.screen.get_untracked() != (w, h) {
                ui.screen.set((w, h));
            }
        }
    };
    // Size the drawing to its box once mounted, then show the top of the chart.
    Effect::new(move |done: Option<bool>| {
        if stage.get().is_some() && done != Some(true) {
            measure();
            ui.home();
            true
        } else {
            done.unwrap_or(false)
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    // Opening or closing the side panel changes the drawing's width: measure again once the
    // panel is drawn, and bring the selected card back into view if it was cut off.
    Effect::new(move |_| {
        let selected = ui.selected.get();
        request_animation_frame(move || {
            measure();
            if let Some(i) = selected.and_then(|id| ui.index_of(&id)) {
                ui.reveal(i, false);
            }
        });
    });
    on_cleanup(move || resize.remove());

    let marks = CardMarks::new(ui, scene, ghost);
    let ghost_view = move || {
        ghost.get().map(|g| {
            let name = state
                .workspace
                .with_untracked(|ws| ws.people.get(g.idx).map(|p| p.name.clone()).unwrap_or_default());
            let target = g.target.and_then(|t| {
                state
                    .workspace
                    .with_untracked(|ws| ws.people.get(t).map(|p| p.name.clone()))
            });
            let text = match target {
                Some(t) => format!("{name} → {t}"),
                None => name,
            };
            view! {
                <g class="org-ghost" transform=format!("translate({:.1} {:.1})", g.x + 8.0, g.y + 8.0) aria-hidden="true">
                    <rect width=240 height=34 rx=6/>
                    <text x=10 y=22>{fit(&text, 34)}</text>
                </g>
            }
        })
    };
    view! {
        <div class="org-stage" node_ref=stage
            on:pointerdown=move |ev| pointer.down(ev) on:pointermove=move |ev| pointer.moved(ev)
            on:pointerup=move |ev| pointer.up(ev) on:pointercancel=move |ev| pointer.up(ev)
            on:wheel=move |ev| pointer.wheel(ev)>
            <p id="org-keys" class="sr-only">
                "Arrow keys move to the manager, the first report and the neighbours; Enter opens the person; plus and minus show and hide reports."
            </p>
            <svg class="org-svg" role="tree" aria-label="Org chart" aria-describedby="org-keys"
                style=move || ui.viewport.get().svg_style()
                on:keydown=move |ev| keys::on_key(ui, ev)>
                <g transform=move || ui.viewport.get().pan_transform()>
                    {move || far.get().map(|d| view! {
                        <g transform="scale(10)" aria-hidden="true"><path class="org-far" d=d/></g>
                    })}
                    <path class="org-edges" d=move || scene.with(|s| s.edges.clone()) aria-hidden="true"/>
                    <g class="org-dotted" aria-hidden="true">
                        <For each=move || scene.with(|s| s.dotted.clone()) key=|d| d.key.clone() let:d>
                            <path d=d.d><title>{d.title}</title></path>
                        </For>
                    </g>
                    <For each=move || scene.with(|s| s.cards.clone()) key=|c| c.key.clone() children=move |c| card_view(marks, c)/>
                    {ghost_view}
                </g>
            </svg>
            {move || scene.with(|s| s.overview).then(|| view! {
                <p class="org-hint" role="status">"Zoom in to read the cards"</p>
            })}
            <Minimap ui/>
        </div>
    }
}
