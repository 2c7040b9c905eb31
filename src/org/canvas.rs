//! The chart itself: an SVG with only the cards on screen in the DOM, connectors, dotted
//! lines, a minimap; pan by dragging the background, zoom with the wheel, buttons or a pinch,
//! drag a card onto another to change the manager, and move between cards with the keyboard.

use leptos::prelude::*;
use pmo_domain::org::card::{
    card_text, dot_centre, more_at, CardText, BAR_W, DOT_R, META_Y, NAME_Y, RADIUS, TEXT_X, TITLE_Y,
};
use pmo_domain::org::layout::{Orientation, Placed};
use pmo_domain::org::svg::{dotted_path, edge_path, fit};
use pmo_domain::org::viewport::{hit, overview_path, visible_nodes, Rect, Viewport};
use wasm_bindgen::JsCast;

use super::{focus_dom, OrgUi};
use crate::app::state::AppState;

/// More cards than this on screen and the chart is drawn as an overview of boxes.
const MAX_CARDS: usize = 500;
/// Pointer travel (px) before a press on a card becomes a drag.
const DRAG_START: f64 = 6.0;
const MINIMAP_W: f64 = 200.0;
const MINIMAP_H: f64 = 130.0;

/// One card as drawn; the key changes whenever anything drawn changes.
#[derive(Clone, Debug, PartialEq)]
struct Card {
    idx: usize,
    id: String,
    key: String,
    transform: String,
    w: f64,
    h: f64,
    /// What the card says (shared with the SVG export).
    text: CardText,
    /// (collapsed, badge text) when the person has reports.
    toggle: Option<(bool, String)>,
    /// "Dotted lines to …" when the person has any.
    dotted_to: Option<String>,
    level: u32,
    pos: u32,
    siblings: u32,
    label: String,
}

#[derive(Clone, Debug, PartialEq)]
struct DottedPath {
    key: String,
    d: String,
    title: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
struct Scene {
    cards: Vec<Card>,
    edges: String,
    dotted: Vec<DottedPath>,
    /// Too many cards on screen: the boxes are drawn as an overview instead.
    overview: bool,
}

fn card_of(
    ui: &OrgUi,
    ws: &pmo_domain::Workspace,
    i: usize,
    b: &Placed,
    dotted_to: Option<String>,
) -> Card {
    let p = &ws.people[i];
    let (total, collapsed, has_kids) = ui.org.with_untracked(|o| {
        (
            o.total[i],
            o.collapsed[i],
            o.collapsed[i] || !o.forest.children(i).is_empty(),
        )
    });
    let (level, pos, siblings) = ui
        .tree
        .with_untracked(|t| (t.level[i], t.pos[i], t.siblings[i]));
    let text = ui.org.with_untracked(|o| {
        ui.projects
            .with_untracked(|runs| card_text(ws, o, i, &runs[i]))
    });
    let toggle = has_kids.then(|| {
        (
            collapsed,
            if collapsed {
                format!("+{}", total.max(1))
            } else {
                "−".to_string()
            },
        )
    });
    let projects = match text.projects {
        0 => String::new(),
        1 => ", runs 1 project".into(),
        n => format!(", runs {n} projects"),
    };
    // The name starts with the card's visible text, word for word (as drawn: name, title,
    // figures), then adds what the card shows only as shapes.
    let label = format!(
        "{} {}{}{}{}{}",
        p.name,
        if text.full_title.is_empty() {
            String::new()
        } else {
            format!("{} ", text.full_title)
        },
        text.meta,
        projects,
        dotted_to
            .as_deref()
            .map(|t| format!(", {t}"))
            .unwrap_or_default(),
        if collapsed { ", reports hidden" } else { "" }
    );
    let transform = format!("translate({:.1} {:.1})", b.left(), b.y);
    let key = format!(
        "{}|{transform}|{}|{}|{}|{toggle:?}|{}|{level}/{pos}/{siblings}|{}|{dotted_to:?}",
        p.id,
        text.name,
        text.title,
        text.meta,
        text.dots.iter().map(|d| d.colour).collect::<String>(),
        text.projects
    );
    Card {
        idx: i,
        id: p.id.clone(),
        key,
        transform,
        w: b.w,
        h: b.h,
        text,
        toggle,
        dotted_to,
        level,
        pos,
        siblings,
        label,
    }
}

/// What is drawn for viewport `vp` on a `sw` × `sh` screen; `chosen` is the person whose
/// dotted lines are drawn (the selected or focused one).
fn scene(ui: &OrgUi, vp: Viewport, (sw, sh): (f64, f64), chosen: Option<usize>) -> Scene {
    let state = ui.state;
    let area = vp.visible(sw, sh, 120.0);
    let lay = ui.lay;
    let shown = lay.with(|l| visible_nodes(l, &area, MAX_CARDS));
    if shown.len() > MAX_CARDS {
        return Scene {
            overview: true,
            ..Scene::default()
        };
    }
    let orientation = ui.orientation.get();
    let all_dotted = ui.all_dotted.get();
    state.workspace.with(|ws| {
        ui.org.with(|o| {
            lay.with(|l| {
                let mut on = vec![false; l.boxes.len()];
                for &i in &shown {
                    on[i] = true;
                }
                let stacked = |p: usize| {
                    let kids = o.forest.children(p);
                    match (kids.first(), kids.last()) {
                        (Some(&a), Some(&b)) => l.boxes[a].map(|x| x.y) != l.boxes[b].map(|x| x.y),
                        _ => false,
                    }
                };
                let mut edges = String::new();
                for &i in &shown {
                    let Some(b) = l.boxes[i] else { continue };
                    if let Some(p) = ui.tree.with(|t| t.parent[i]) {
                        if let Some(pb) = l.boxes[p] {
                            edges.push_str(&edge_path(&pb, &b, orientation, stacked(p)));
                        }
                    }
                    let st = stacked(i);
                    for &c in o.forest.children(i) {
                        if !on[c] {
                            if let Some(cb) = l.boxes[c] {
                                edges.push_str(&edge_path(&b, &cb, orientation, st));
                            }
                        }
                    }
                }
                let dotted = ui.dotted.with(|all| {
                    all.lines
                        .iter()
                        .filter(|d| all_dotted || chosen.is_some_and(|c| c == d.0 || c == d.1))
                        .filter_map(|(from, to, title)| {
                            let (fb, tb) = (l.boxes[*from]?, l.boxes[*to]?);
                            let r = Rect {
                                x0: fb.left().min(tb.left()),
                                y0: fb.y.min(tb.y),
                                x1: fb.right().max(tb.right()),
                                y1: fb.bottom().max(tb.bottom()),
                            };
                            area.intersects(&r).then(|| DottedPath {
                                key: format!(
                                    "{}>{}|{:.0},{:.0}|{:.0},{:.0}",
                                    from, to, fb.x, fb.y, tb.x, tb.y
                                ),
                                d: dotted_path(&fb, &tb),
                                title: title.clone(),
                            })
                        })
                        .collect::<Vec<_>>()
                });
                let cards = shown
                    .iter()
                    .filter_map(|&i| {
                        let to = ui.dotted.with(|d| d.marks.get(&i).cloned());
                        l.boxes[i].map(|b| card_of(ui, ws, i, &b, to))
                    })
                    .collect();
                Scene {
                    cards,
                    edges,
                    dotted,
                    overview: false,
                }
            })
        })
    })
}

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
struct DragGhost {
    idx: usize,
    x: f64,
    y: f64,
    target: Option<usize>,
}

fn stage_point(stage: &web_sys::HtmlElement, x: f64, y: f64) -> (f64, f64) {
    let r = stage.get_bounding_client_rect();
    (x - r.left(), y - r.top())
}

fn card_under(ev: &web_sys::Event) -> Option<(usize, bool)> {
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

#[component]
pub fn Stage() -> impl IntoView {
    let ui = OrgUi::expect();
    let state = AppState::expect();
    let stage = NodeRef::<leptos::html::Div>::new();
    let gesture = StoredValue::new(Gesture::Idle);
    let pointers = StoredValue::new(Vec::<(i32, f64, f64)>::new());
    let ghost = RwSignal::new(None::<DragGhost>);
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
    let overview = Memo::new(move |_| {
        ui.lay.with(|l| {
            let scale = (MINIMAP_W / l.width.max(1.0)).min(MINIMAP_H / l.height.max(1.0));
            (overview_path(l, scale), scale)
        })
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

    let on_down = move |ev: web_sys::PointerEvent| {
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
    };
    let on_move = move |ev: web_sys::PointerEvent| {
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
    };
    let on_up = move |ev: web_sys::PointerEvent| {
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
    };
    let on_wheel = move |ev: web_sys::WheelEvent| {
        ev.prevent_default();
        let Some(el) = stage.get_untracked() else {
            return;
        };
        let (x, y) = stage_point(&el, ev.client_x() as f64, ev.client_y() as f64);
        let unit = if ev.delta_mode() == 1 { 16.0 } else { 1.0 };
        let factor = (-ev.delta_y() * unit * 0.0015).exp();
        ui.viewport.update(|v| *v = v.zoom_at(x, y, factor));
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let key = ev.key();
        if (ev.ctrl_key() || ev.meta_key()) && key.eq_ignore_ascii_case("z") {
            ev.prevent_default();
            ui.undo();
            return;
        }
        let Some((i, _)) = card_under(&ev) else {
            return;
        };
        let lr = ui.orientation.get_untracked() == Orientation::LeftRight;
        let (to_parent, to_child, prev, next) = if lr {
            ("ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown")
        } else {
            ("ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight")
        };
        let parent = ui.tree.with_untracked(|t| t.parent[i]);
        let siblings = ui.org.with_untracked(|o| match parent {
            Some(p) => o.forest.children(p).to_vec(),
            None => o.forest.roots().to_vec(),
        });
        let at = siblings.iter().position(|&s| s == i).unwrap_or(0);
        let go = |j: Option<usize>| {
            if let Some(j) = j {
                ui.focus_card(j);
            }
        };
        match key.as_str() {
            k if k == to_parent => go(parent),
            k if k == to_child => {
                if ui.org.with_untracked(|o| o.collapsed[i]) {
                    ui.set_collapsed(i, false);
                }
                go(ui
                    .org
                    .with_untracked(|o| o.forest.children(i).first().copied()));
            }
            k if k == prev => go(at.checked_sub(1).map(|a| siblings[a])),
            k if k == next => go(siblings.get(at + 1).copied()),
            "Home" => go(ui.org.with_untracked(|o| o.forest.roots().first().copied())),
            "Enter" | " " => {
                ui.select(i);
                focus_dom(i);
            }
            "+" | "=" => {
                ui.set_collapsed(i, false);
                focus_dom(i);
            }
            "-" | "_" => {
                ui.set_collapsed(i, true);
                focus_dom(i);
            }
            "Escape" => ui.selected.set(None),
            _ => return,
        }
        ev.prevent_default();
    };
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
    // The one card reached with Tab: the focused person if drawn, else the first card drawn.
    let tab_target = Memo::new(move |_| {
        let focus = ui.focus.get();
        scene.with(|s| {
            s.cards
                .iter()
                .find(|c| focus.as_deref() == Some(c.id.as_str()))
                .or_else(|| s.cards.first())
                .map(|c| c.idx)
        })
    });
    let current = Memo::new(move |_| {
        ui.matches
            .with(|m| (!m.is_empty()).then(|| m[ui.current_match.get() % m.len()]))
    });
    let matched = Memo::new(move |_| {
        ui.matches.with(|m| {
            m.iter()
                .copied()
                .collect::<std::collections::HashSet<usize>>()
        })
    });
    let card_view = move |c: Card| {
        let idx = c.idx;
        let id_sel = c.id.clone();
        let class = move || {
            let mut s = format!("org-card family-{}", c.text.family);
            if c.text.vacancy {
                s.push_str(" vacancy");
            }
            if matched.with(|m| m.contains(&idx)) {
                s.push_str(" match");
            }
            if current.get() == Some(idx) {
                s.push_str(" current");
            }
            if ui
                .selected
                .with(|sel| sel.as_deref() == Some(id_sel.as_str()))
            {
                s.push_str(" selected");
            }
            if ghost.with(|g| g.is_some_and(|g| g.target == Some(idx))) {
                s.push_str(" drop-target");
            }
            if ghost.with(|g| g.is_some_and(|g| g.idx == idx)) {
                s.push_str(" dragging");
            }
            s
        };
        let id_aria = c.id.clone();
        let selected = move || {
            ui.selected
                .with(|s| s.as_deref() == Some(id_aria.as_str()))
                .to_string()
        };
        let expanded = c.toggle.as_ref().map(|t| (!t.0).to_string());
        let (w, h) = (c.w, c.h);
        let dots = c
            .text
            .dots
            .into_iter()
            .enumerate()
            .map(|(j, d)| {
                let (x, y) = dot_centre(j, h);
                view! {
                    <circle class="org-dot" cx=x cy=y r=DOT_R fill=d.colour>
                        <title>{d.title}</title>
                    </circle>
                }
            })
            .collect_view();
        let more = (c.text.more > 0).then(|| {
            let (x, y) = more_at(h);
            view! { <text class="org-meta" x=x y=y>{format!("+{}", c.text.more)}</text> }
        });
        let mark = c.dotted_to.map(|t| {
            view! {
                <g class="org-dotted-mark-g">
                    <title>{t}</title>
                    <rect x=w - 34.0 y=6 width=28 height=16 fill="transparent"/>
                    <line class="org-dotted-mark" x1=w - 30.0 y1=14 x2=w - 10.0 y2=14/>
                </g>
            }
        });
        let toggle = c.toggle.map(|(collapsed, badge)| {
            let wide = badge.chars().count() > 2;
            let rw = if wide { 16.0 + badge.chars().count() as f64 * 7.0 } else { 24.0 };
            view! {
                <g class=if collapsed { "org-toggle collapsed" } else { "org-toggle" } data-toggle=idx
                    transform=format!("translate({:.1} {:.1})", w / 2.0, h)>
                    <title>{if collapsed { "Show reports" } else { "Hide reports" }}</title>
                    <rect x=-rw / 2.0 y=-11 width=rw height=22 rx=11/>
                    <text text-anchor="middle" y=4>{badge}</text>
                </g>
            }
        });
        view! {
            <g class=class data-idx=idx role="treeitem" tabindex=move || if tab_target.get() == Some(idx) { 0 } else { -1 }
                aria-level=c.level aria-setsize=c.siblings aria-posinset=c.pos
                aria-expanded=expanded aria-selected=selected aria-label=c.label
                transform=c.transform.clone()>
                <rect class="org-card-bg" width=w height=h rx=RADIUS/>
                <rect class="org-card-bar" width=BAR_W height=h rx=3/>
                // Trailing spaces keep the words apart when the texts are read as one.
                <text class="org-card-name" x=TEXT_X y=NAME_Y>{format!("{} ", c.text.name)}</text>
                <text class="org-title" x=TEXT_X y=TITLE_Y>{if c.text.title.is_empty() { String::new() } else { format!("{} ", c.text.title) }}</text>
                <text class="org-meta" x=TEXT_X y=META_Y>{c.text.meta}</text>
                {dots}
                {mark}
            </g>
            <g class="org-card-extra" data-for=idx aria-hidden="true" transform=c.transform.clone()>
                {more}
                {toggle}
            </g>
        }
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
            on:pointerdown=on_down on:pointermove=on_move on:pointerup=on_up on:pointercancel=on_up
            on:wheel=on_wheel>
            <p id="org-keys" class="sr-only">
                "Arrow keys move to the manager, the first report and the neighbours; Enter opens the person; plus and minus show and hide reports."
            </p>
            <svg class="org-svg" role="tree" aria-label="Org chart" aria-describedby="org-keys"
                style=move || ui.viewport.get().svg_style()
                on:keydown=on_key>
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
                    <For each=move || scene.with(|s| s.cards.clone()) key=|c| c.key.clone() children=card_view/>
                    {ghost_view}
                </g>
            </svg>
            {move || scene.with(|s| s.overview).then(|| view! {
                <p class="org-hint" role="status">"Zoom in to read the cards"</p>
            })}
            <svg class="org-minimap" width=MINIMAP_W height=MINIMAP_H aria-hidden="true"
                on:pointerdown=move |ev: web_sys::PointerEvent| { ev.stop_propagation(); minimap_go(ev) }
                on:pointermove=move |ev: web_sys::PointerEvent| { ev.stop_propagation(); minimap_go(ev) }
                on:pointerup=move |ev: web_sys::PointerEvent| ev.stop_propagation()>
                <path class="org-minimap-boxes" d=move || overview.with(|o| o.0.clone())/>
                {move || {
                    let (x, y, w, h) = viewport_rect();
                    view! { <rect class="org-minimap-view" x=x y=y width=w.max(2.0) height=h.max(2.0)/> }
                }}
            </svg>
        </div>
    }
}
