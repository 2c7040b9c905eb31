//! The overview in the corner: every card as a box, the part on screen as a frame; pressing
//! or dragging on it moves the view there.

use leptos::prelude::*;
use pmo_domain::org::viewport::{minimap_corner, on_screen, overview_path};
use wasm_bindgen::JsCast;

use crate::org::OrgUi;

const MINIMAP_W: f64 = 200.0;
const MINIMAP_H: f64 = 130.0;
/// Space between the minimap and the edges of the drawing (CSS `--space-3`).
const MINIMAP_GAP: f64 = 12.0;

/// The overview; `chosen` is the selected or focused person, whose card it never covers.
#[component]
pub(super) fn Minimap(ui: OrgUi, chosen: Memo<Option<usize>>) -> impl IntoView {
    let corner = Memo::new(move |_| {
        let card = chosen
            .get()
            .and_then(|i| ui.lay.with(|l| l.boxes.get(i).copied().flatten()))
            .map(|b| on_screen(ui.viewport.get(), &b));
        let (sw, sh) = ui.screen.get();
        minimap_corner(card, sw, sh, MINIMAP_W, MINIMAP_H, MINIMAP_GAP)
    });
    let overview = Memo::new(move |_| {
        ui.lay.with(|l| {
            let scale = (MINIMAP_W / l.width.max(1.0)).min(MINIMAP_H / l.height.max(1.0));
            (overview_path(l, scale), scale)
        })
    });
    let minimap_go = move |ev: web_sys::PointerEvent| {
        if ev.buttons() == 0 && ev.type_() == "pointermove" {
            return;
        }
        let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let r = el.get_bounding_client_rect();
        let scale = overview.with_untracked(|o| o.1).max(1e-9);
        let (x, y) = (
            (ev.client_x() as f64 - r.left()) / scale,
            (ev.client_y() as f64 - r.top()) / scale,
        );
        let (sw, sh) = ui.screen.get_untracked();
        ui.viewport.update(|v| *v = v.centre_on(x, y, sw, sh));
    };
    let viewport_rect = move || {
        let scale = overview.with(|o| o.1);
        let (sw, sh) = ui.screen.get();
        let r = ui.viewport.get().visible(sw, sh, 0.0);
        (
            r.x0 * scale,
            r.y0 * scale,
            (r.x1 - r.x0) * scale,
            (r.y1 - r.y0) * scale,
        )
    };
    view! {
        <svg class=move || format!("org-minimap {}", corner.get().class()) width=MINIMAP_W height=MINIMAP_H aria-hidden="true"
            on:pointerdown=move |ev: web_sys::PointerEvent| { ev.stop_propagation(); minimap_go(ev) }
            on:pointermove=move |ev: web_sys::PointerEvent| { ev.stop_propagation(); minimap_go(ev) }
            on:pointerup=move |ev: web_sys::PointerEvent| ev.stop_propagation()>
            <path class="org-minimap-boxes" d=move || overview.with(|o| o.0.clone())/>
            {move || {
                let (x, y, w, h) = viewport_rect();
                view! { <rect class="org-minimap-view" x=x y=y width=w.max(2.0) height=h.max(2.0)/> }
            }}
        </svg>
    }
}
