//! The chart itself: an SVG with only the cards on screen in the DOM, connectors, dotted
//! lines and a minimap. What is drawn is worked out in [`scene`], each card drawn by [`cards`];
//! pointer gestures are in [`gestures`], the keyboard in [`keys`], the overview in [`minimap`].

mod cards;
mod gestures;
mod keys;
mod minimap;
mod scene;

use leptos::prelude::*;
use pmo_domain::org::card::report_projects;
use pmo_domain::org::svg::fit;
use pmo_domain::org::viewport::{on_screen, overview_path, peek_at};
use wasm_bindgen::JsCast;

use super::OrgUi;
use crate::app::state::AppState;
use cards::{card_view, CardMarks};
use gestures::Pointer;
use minimap::Minimap;
use scene::scene;

/// Size of the full card shown over a simplified one.
const PEEK_W: f64 = 260.0;
const PEEK_H: f64 = 112.0;

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

    // The drawing fills the window from its top down (at least 420 px): the height is set on
    // the row it shares with the side panel, which is as high.
    let fit_height = move || {
        let Some(el) = stage.get_untracked() else {
            return;
        };
        let top = el.get_bounding_client_rect().top() + window().scroll_y().unwrap_or(0.0);
        let vh = window()
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(800.0);
        let h = (vh - top - 16.0).max(420.0);
        if let Some(row) = el.parent_element() {
            let _ = row
                .unchecked_ref::<web_sys::HtmlElement>()
                .style()
                .set_property("--org-h", &format!("{h:.0}px"));
        }
    };
    let measure = move || {
        fit_height();
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
    // Something above the drawing changed size (the introduction, the tools, the print choice).
    Effect::new(move |_| {
        ui.relayout.track();
        request_animation_frame(measure);
    });
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

    // The zoom in steps of 2.5 %: simplified cards' names change only at each step.
    let simple_k = Memo::new(move |_| (ui.viewport.get().k * 40.0).floor().max(1.0) / 40.0);
    let peek = RwSignal::new(None::<usize>);
    let marks = CardMarks::new(ui, scene, ghost, simple_k, peek);
    // The full card of a simplified one, over the chart, while it is hovered or focused.
    let peek_view = move || {
        let i = peek.get()?;
        if !scene.with(|s| s.simple) {
            return None;
        }
        let card = scene.with(|s| s.cards.iter().find(|c| c.idx == i).cloned())?;
        let b = ui.lay.with(|l| l.boxes.get(i).copied().flatten())?;
        let (sw, sh) = ui.screen.get();
        let (x, y) = peek_at(on_screen(ui.viewport.get(), &b), sw, sh, PEEK_W, PEEK_H);
        let t = card.text;
        Some(view! {
            <div class="org-peek" aria-hidden="true" style=format!("left:{x:.0}px;top:{y:.0}px;width:{PEEK_W}px")>
                <strong>{card.full_name}</strong>
                <span>{t.full_title}</span>
                <span class="muted">{t.meta}{report_projects(t.projects)}</span>
                {t.no_pmo_line.then(|| view! { <span class="org-peek-flag">"No line to a PMO"</span> })}
                {card.moving.map(|m| view! { <span class="org-peek-move">{format!("Preview: {m}")}</span> })}
            </div>
        })
    };
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
            <svg class=move || if scene.with(|s| s.simple) { "org-svg simple" } else { "org-svg" } role="tree" aria-label="Org chart" aria-describedby="org-keys"
                style=move || ui.viewport.get().svg_style()
                on:keydown=move |ev| keys::on_key(ui, ev)>
                <g transform=move || ui.viewport.get().pan_transform()
                    style=move || {
                        let k = simple_k.get();
                        format!("--simple-font:{:.1}px;--plan-w:{:.1}px", pmo_domain::org::card::SIMPLE_FONT_PX / k, (3.0 / k).max(3.0))
                    }>
                    {move || far.get().map(|d| view! {
                        <g transform="scale(10)" aria-hidden="true"><path class="org-far" d=d/></g>
                    })}
                    <path class="org-edges" d=move || scene.with(|s| s.edges.clone()) aria-hidden="true"/>
                    <path class="org-edges org-edges-dotted" d=move || scene.with(|s| s.dotted_edges.clone()) aria-hidden="true"/>
                    <g class="org-dotted" aria-hidden="true">
                        <For each=move || scene.with(|s| s.dotted.clone()) key=|d| d.key.clone() let:d>
                            <path d=d.d><title>{d.title}</title></path>
                        </For>
                    </g>
                    <g class="org-plan" aria-hidden="true">
                        <For each=move || scene.with(|s| s.ghosts.clone()) key=|d| d.key.clone() let:d>
                            <path class=format!("org-plan-{}", d.kind) d=d.d><title>{d.title}</title></path>
                        </For>
                    </g>
                    <For each=move || scene.with(|s| s.cards.clone()) key=|c| c.key.clone() children=move |c| card_view(marks, c)/>
                    {ghost_view}
                </g>
            </svg>
            {move || scene.with(|s| s.overview).then(|| view! {
                <p class="org-hint" role="status">"Zoom in to read the cards"</p>
            })}
            {peek_view}
            <Minimap ui chosen/>
        </div>
    }
}
