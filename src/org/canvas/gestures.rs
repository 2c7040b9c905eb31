//! Pointer gestures on the chart: pan by dragging the background, pinch to zoom, the wheel,
//! a press that selects a card or toggles its reports, and dragging a card onto another to
//! change the manager.

use leptos::prelude::*;
use pmo_domain::org::viewport::{hit, Viewport};
use wasm_bindgen::JsCast;

use crate::org::{focus_dom, OrgUi};

/// Pointer travel (px) before a press on a card becomes a drag.
const DRAG_START: f64 = 6.0;

/// What a pointer gesture is doing.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Gesture {
    Idle,
    Pan {
        sx: f64,
        sy: f64,
        start: Viewport,
    },
    Press {
        idx: usize,
        sx: f64,
        sy: f64,
        toggle: bool,
    },
    Drag {
        idx: usize,
    },
    Pinch {
        dist: f64,
        mx: f64,
        my: f64,
    },
}

/// The card being dragged: person, pointer position in chart units, drop target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct DragGhost {
    pub idx: usize,
    pub x: f64,
    pub y: f64,
    pub target: Option<usize>,
}

fn stage_point(stage: &web_sys::HtmlElement, x: f64, y: f64) -> (f64, f64) {
    let r = stage.get_bounding_client_rect();
    (x - r.left(), y - r.top())
}

pub(super) fn card_under(ev: &web_sys::Event) -> Option<(usize, bool)> {
    let el = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    // The badge and the "+N" sit in an overlay next to the card (outside its accessible name).
    if let Some(t) = el.closest("[data-toggle]").ok().flatten() {
        return Some((t.get_attribute("data-toggle")?.parse().ok()?, true));
    }
    let card = el.closest("[data-idx], [data-for]").ok()??;
    let idx = card
        .get_attribute("data-idx")
        .or_else(|| card.get_attribute("data-for"))?
        .parse()
        .ok()?;
    Some((idx, false))
}

/// What the handlers share: the stage element, the gesture under way, the pointers down, and
/// the card being dragged (drawn as a ghost).
#[derive(Clone, Copy)]
pub(super) struct Pointer {
    pub ui: OrgUi,
    pub stage: NodeRef<leptos::html::Div>,
    gesture: StoredValue<Gesture>,
    pointers: StoredValue<Vec<(i32, f64, f64)>>,
    pub ghost: RwSignal<Option<DragGhost>>,
}

impl Pointer {
    pub fn new(ui: OrgUi, stage: NodeRef<leptos::html::Div>) -> Self {
        Pointer {
            ui,
            stage,
            gesture: StoredValue::new(Gesture::Idle),
            pointers: StoredValue::new(Vec::new()),
            ghost: RwSignal::new(None),
        }
    }

    pub fn down(self, ev: web_sys::PointerEvent) {
        let Pointer {
            ui,
            stage,
            gesture,
            pointers,
            ghost,
        } = self;
        if ev.button() != 0 && ev.pointer_type() == "mouse" {
            return;
        }
        let Some(el) = stage.get_untracked() else {
            return;
        };
        let (x, y) = stage_point(&el, ev.client_x() as f64, ev.client_y() as f64);
        pointers.update_value(|p| {
            p.retain(|q| q.0 != ev.pointer_id());
            p.push((ev.pointer_id(), x, y));
        });
        let _ = el.set_pointer_capture(ev.pointer_id());
        let two = pointers.with_value(|p| (p.len() == 2).then(|| (p[0], p[1])));
        if let Some((a, b)) = two {
            ghost.set(None);
            gesture.set_value(Gesture::Pinch {
                dist: ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt().max(1.0),
                mx: (a.1 + b.1) / 2.0,
                my: (a.2 + b.2) / 2.0,
            });
            return;
        }
        gesture.set_value(match card_under(&ev) {
            Some((idx, toggle)) => Gesture::Press {
                idx,
                sx: x,
                sy: y,
                toggle,
            },
            None => Gesture::Pan {
                sx: x,
                sy: y,
                start: ui.viewport.get_untracked(),
            },
        });
    }

    pub fn moved(self, ev: web_sys::PointerEvent) {
        let Pointer {
            ui,
            stage,
            gesture,
            pointers,
            ghost,
        } = self;
        let Some(el) = stage.get_untracked() else {
            return;
        };
        let (x, y) = stage_point(&el, ev.client_x() as f64, ev.client_y() as f64);
        pointers.update_value(|p| {
            if let Some(q) = p.iter_mut().find(|q| q.0 == ev.pointer_id()) {
                q.1 = x;
                q.2 = y;
            }
        });
        match gesture.get_value() {
            Gesture::Idle => {}
            Gesture::Pan { sx, sy, start } => ui.viewport.set(Viewport {
                tx: start.tx + x - sx,
                ty: start.ty + y - sy,
                k: start.k,
            }),
            Gesture::Pinch { dist, mx, my } => {
                let two = pointers.with_value(|p| (p.len() == 2).then(|| (p[0], p[1])));
                if let Some((a, b)) = two {
                    let d = ((a.1 - b.1).powi(2) + (a.2 - b.2).powi(2)).sqrt().max(1.0);
                    let (nx, ny) = ((a.1 + b.1) / 2.0, (a.2 + b.2) / 2.0);
                    ui.viewport.update(|v| {
                        let z = v.zoom_at(nx, ny, d / dist);
                        *v = Viewport {
                            tx: z.tx + nx - mx,
                            ty: z.ty + ny - my,
                            k: z.k,
                        };
                    });
                    gesture.set_value(Gesture::Pinch {
                        dist: d,
                        mx: nx,
                        my: ny,
                    });
                }
            }
            Gesture::Press { idx, sx, sy, .. } => {
                if (x - sx).hypot(y - sy) > DRAG_START {
                    gesture.set_value(Gesture::Drag { idx });
                    let (cx, cy) = ui.viewport.get_untracked().to_chart(x, y);
                    ghost.set(Some(DragGhost {
                        idx,
                        x: cx,
                        y: cy,
                        target: None,
                    }));
                }
            }
            Gesture::Drag { idx } => {
                let (cx, cy) = ui.viewport.get_untracked().to_chart(x, y);
                let target = ui.lay.with_untracked(|l| hit(l, cx, cy, Some(idx)));
                ghost.set(Some(DragGhost {
                    idx,
                    x: cx,
                    y: cy,
                    target,
                }));
            }
        }
    }

    /// Pointer up or cancelled.
    pub fn up(self, ev: web_sys::PointerEvent) {
        let Pointer {
            ui,
            gesture,
            pointers,
            ghost,
            ..
        } = self;
        pointers.update_value(|p| p.retain(|q| q.0 != ev.pointer_id()));
        let g = gesture.get_value();
        gesture.set_value(Gesture::Idle);
        match g {
            Gesture::Press { idx, toggle, .. } if ev.type_() == "pointerup" => {
                if toggle {
                    let collapsed = ui.org.with_untracked(|o| o.collapsed[idx]);
                    ui.set_collapsed(idx, !collapsed);
                    focus_dom(idx);
                } else {
                    ui.select(idx);
                    focus_dom(idx);
                }
            }
            Gesture::Drag { idx } => {
                let target = ghost.get_untracked().and_then(|g| g.target);
                ghost.set(None);
                if let (Some(t), true) = (target, ev.type_() == "pointerup") {
                    ui.move_under(idx, Some(t));
                }
            }
            _ => {}
        }
    }

    /// The wheel zooms around the pointer.
    pub fn wheel(self, ev: web_sys::WheelEvent) {
        let Pointer { ui, stage, .. } = self;
        ev.prevent_default();
        let Some(el) = stage.get_untracked() else {
            return;
        };
        let (x, y) = stage_point(&el, ev.client_x() as f64, ev.client_y() as f64);
        let unit = if ev.delta_mode() == 1 { 16.0 } else { 1.0 };
        let factor = (-ev.delta_y() * unit * 0.0015).exp();
        ui.viewport.update(|v| *v = v.zoom_at(x, y, factor));
    }
}
