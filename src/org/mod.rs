//! Org chart: the reporting lines drawn as an interactive tidy tree. The page holds the chart's
//! state ([`OrgUi`]); the drawing and its pointer and keyboard handling are in [`canvas`], the
//! person panel in [`panel`], PMO-type presets and the structure's health in [`health`].

mod canvas;
mod health;
mod panel;

use std::collections::HashSet;

use leptos::prelude::*;
use pmo_domain::org::card::{chart_dotted, ChartDotted, CARD_H, CARD_W};
use pmo_domain::org::edit::move_person;
use pmo_domain::org::layout::{layout, Layout, Options, Orientation};
use pmo_domain::org::svg::{org_svg, SvgChart};
use pmo_domain::org::viewport::Viewport;
use pmo_domain::org::{
    managers_of, org_forest_of, projects_by_person, search_people, tree_positions, view_members,
    OrgForest, OrgView, TreePos,
};
use pmo_domain::route::{to_hash, Page};
use pmo_domain::{Id, PmoType, Workspace};
use wasm_bindgen::JsCast;

use crate::app::state::{AppState, OrgUndo};
use crate::ui::demo_offer::DemoOffer;

/// Undo steps kept.
const UNDO_DEPTH: usize = 30;

/// What the side panel shows for the selected person.
#[derive(Clone, Debug, PartialEq)]
pub enum PanelMode {
    Details,
    Edit,
    /// A new person reporting to the selected one (or a new root when nobody is selected).
    Add,
}

/// The chart's state, shared with its parts through context.
#[derive(Clone, Copy)]
pub struct OrgUi {
    pub state: AppState,
    pub collapsed: RwSignal<HashSet<Id>>,
    pub orientation: RwSignal<Orientation>,
    pub compact: RwSignal<bool>,
    pub viewport: RwSignal<Viewport>,
    /// Size of the drawing area in CSS pixels.
    pub screen: RwSignal<(f64, f64)>,
    pub selected: RwSignal<Option<Id>>,
    pub panel: RwSignal<PanelMode>,
    /// Person whose card takes keyboard focus (roving tabindex).
    pub focus: RwSignal<Option<Id>>,
    pub query: RwSignal<String>,
    /// Which search match is the current one.
    pub current_match: RwSignal<usize>,
    /// A refused change or a problem, shown until the next action.
    pub alert: RwSignal<Option<String>>,
    pub show_presets: RwSignal<bool>,
    /// Draw every dotted line, not only those of the selected person.
    pub all_dotted: RwSignal<bool>,
    pub view: Memo<OrgView>,
    pub members: Memo<Option<Vec<bool>>>,
    pub org: Memo<OrgForest>,
    pub lay: Memo<Layout>,
    pub tree: Memo<TreePos>,
    pub projects: Memo<Vec<Vec<usize>>>,
    pub matches: Memo<Vec<usize>>,
    pub dotted: Memo<ChartDotted>,
}

impl OrgUi {
    pub fn expect() -> Self {
        expect_context::<OrgUi>()
    }

    fn new(state: AppState) -> OrgUi {
        let collapsed = RwSignal::new(HashSet::new());
        let orientation = RwSignal::new(Orientation::TopDown);
        let compact = RwSignal::new(true);
        let query = RwSignal::new(String::new());
        let view = Memo::new(move |_| {
            state
                .route
                .with(|r| OrgView::from_param(r.param("view").filter(|_| r.page == Page::OrgChart)))
        });
        let members = Memo::new(move |_| {
            let v = view.get();
            state.workspace.with(|ws| view_members(ws, &v))
        });
        let org = Memo::new(move |_| {
            members.with(|keep| {
                collapsed.with(|c| {
                    state
                        .workspace
                        .with(|ws| org_forest_of(ws, c, keep.as_deref(), |_| (CARD_W, CARD_H)))
                })
            })
        });
        let lay = Memo::new(move |_| {
            let o = orientation.get();
            let opts = Options {
                orientation: o,
                compact_from: (compact.get() && o == Orientation::TopDown).then_some(4),
                compact_columns: 2,
                level_gap: 56.0,
                ..Options::default()
            };
            org.with(|f| layout(&f.forest, &opts))
        });
        let tree = Memo::new(move |_| org.with(|o| tree_positions(&o.forest)));
        let projects = Memo::new(move |_| state.workspace.with(projects_by_person));
        let matches = Memo::new(move |_| {
            query.with(|q| {
                members.with(|keep| {
                    state
                        .workspace
                        .with(|ws| search_people(ws, q, keep.as_deref()))
                })
            })
        });
        let dotted = Memo::new(move |_| state.workspace.with(chart_dotted));
        OrgUi {
            state,
            dotted,
            collapsed,
            orientation,
            compact,
            viewport: RwSignal::new(Viewport::default()),
            screen: RwSignal::new((960.0, 600.0)),
            selected: RwSignal::new(None),
            panel: RwSignal::new(PanelMode::Details),
            focus: RwSignal::new(None),
            query,
            current_match: RwSignal::new(0),
            alert: RwSignal::new(None),
            // `?preset=directive` (from the set-up guide) opens the PMO type preview.
            show_presets: RwSignal::new(
                state
                    .route
                    .with_untracked(|r| r.param("preset").and_then(PmoType::from_id).is_some()),
            ),
            all_dotted: RwSignal::new(false),
            view,
            members,
            org,
            lay,
            tree,
            projects,
            matches,
        }
    }

    /// Index of a person by id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.state
            .workspace
            .with_untracked(|ws| ws.people.iter().position(|p| p.id == id))
    }

    /// Change the workspace as one undoable step. `f` returns the message to announce, or
    /// the reason for refusing (then nothing changes and the reason is shown).
    pub fn change(
        &self,
        label: impl Into<String>,
        f: impl FnOnce(&mut Workspace) -> Result<String, String>,
    ) -> bool {
        self.change_anchored(self.selected.get_untracked(), label, f)
    }

    /// [`OrgUi::change`] keeping the card of `anchor` where it is on screen.
    pub fn change_anchored(
        &self,
        anchor: Option<Id>,
        label: impl Into<String>,
        f: impl FnOnce(&mut Workspace) -> Result<String, String>,
    ) -> bool {
        let state = self.state;
        if state.read_only() {
            self.alert.set(Some(
                "This data is read-only: it was saved by a newer version of PMO Workbench".into(),
            ));
            return false;
        }
        let before = state.workspace.get_untracked();
        let mut next = before.clone();
        match f(&mut next) {
            Ok(message) => {
                state.org_undo.update(|u| {
                    u.push(OrgUndo {
                        label: label.into(),
                        before: Box::new(before),
                    });
                    if u.len() > UNDO_DEPTH {
                        u.remove(0);
                    }
                });
                self.keep_in_place(anchor.as_deref(), || state.edit(|ws| *ws = next));
                self.alert.set(None);
                state.say(message);
                true
            }
            Err(reason) => {
                self.alert.set(Some(reason.clone()));
                state.say(reason);
                false
            }
        }
    }

    /// Take back the last change.
    pub fn undo(&self) {
        let state = self.state;
        let Some(step) = state.org_undo.try_update(|u| u.pop()).flatten() else {
            return;
        };
        state.edit(|ws| *ws = *step.before);
        self.alert.set(None);
        if let Some(id) = self.selected.get_untracked() {
            if self.index_of(&id).is_none() {
                self.selected.set(None);
            }
        }
        state.say(format!("Undone: {}", step.label));
    }

    /// Expand everyone above person `i` so their card is drawn.
    pub fn expand_to(&self, i: usize) {
        let above = self.state.workspace.with_untracked(|ws| -> Vec<Id> {
            managers_of(ws, i)
                .into_iter()
                .map(|m| ws.people[m].id.clone())
                .collect()
        });
        if above
            .iter()
            .any(|id| self.collapsed.with_untracked(|c| c.contains(id)))
        {
            self.collapsed.update(|c| {
                for id in &above {
                    c.remove(id);
                }
            });
        }
    }

    /// Bring person `i`'s card into view (centred unless it is already fully shown).
    pub fn reveal(&self, i: usize, always_centre: bool) {
        self.expand_to(i);
        let Some(b) = self
            .lay
            .with_untracked(|l| l.boxes.get(i).copied().flatten())
        else {
            return;
        };
        let (sw, sh) = self.screen.get_untracked();
        let vp = self.viewport.get_untracked();
        if always_centre || !vp.shows(&b, sw, sh, 16.0) {
            let vp = if vp.k < 0.5 {
                Viewport { k: 0.9, ..vp }
            } else {
                vp
            };
            self.viewport
                .set(vp.centre_on(b.x, b.y + b.h / 2.0, sw, sh));
        }
    }

    /// Move keyboard focus to person `i`'s card (scrolling the chart to it).
    pub fn focus_card(&self, i: usize) {
        let id = self
            .state
            .workspace
            .with_untracked(|ws| ws.people.get(i).map(|p| p.id.clone()));
        self.focus.set(id);
        self.reveal(i, false);
        focus_dom(i);
    }

    /// Open the panel on person `i`.
    pub fn select(&self, i: usize) {
        let id = self
            .state
            .workspace
            .with_untracked(|ws| ws.people.get(i).map(|p| p.id.clone()));
        self.panel.set(PanelMode::Details);
        self.focus.set(id.clone());
        self.selected.set(id);
    }

    /// Run `f`, which changes the layout (or the people), keeping the card of the person with
    /// id `anchor` where it is on screen.
    pub fn keep_in_place(&self, anchor: Option<&str>, f: impl FnOnce()) {
        let at = |ui: &OrgUi| {
            let i = ui.index_of(anchor?)?;
            ui.lay.with_untracked(|l| l.boxes.get(i).copied().flatten())
        };
        let before = at(self);
        f();
        if let (Some(a), Some(b)) = (before, at(self)) {
            let k = self.viewport.get_untracked().k;
            self.viewport.update(|v| {
                v.tx += (a.x - b.x) * k;
                v.ty += (a.y - b.y) * k;
            });
        }
    }

    /// Collapse (or expand) person `i`'s reports, keeping their card in place.
    pub fn set_collapsed(&self, i: usize, collapse: bool) {
        let id = self
            .state
            .workspace
            .with_untracked(|ws| ws.people.get(i).map(|p| p.id.clone()));
        self.keep_in_place(id.as_deref(), || self.toggle_now(i, collapse));
    }

    /// Make person `manager` (nobody for `None`) the solid-line manager of person `i`, as an
    /// undoable step, keeping the new manager's card in place. Refused moves are explained.
    pub fn move_under(&self, i: usize, manager: Option<usize>) -> bool {
        let (id, name, to) = self.state.workspace.with_untracked(|ws| {
            let to = manager.map(|m| (ws.people[m].id.clone(), ws.people[m].name.clone()));
            (ws.people[i].id.clone(), ws.people[i].name.clone(), to)
        });
        let anchor = to.as_ref().map(|t| t.0.clone()).or(Some(id.clone()));
        self.change_anchored(anchor, format!("Move of {name}"), move |ws| {
            let (tid, tname) = to.unzip();
            move_person(ws, &id, tid.as_deref()).map(|_| {
                format!(
                    "{name} now reports to {}",
                    tname.unwrap_or_else(|| "nobody".into())
                )
            })
        })
    }

    fn toggle_now(&self, i: usize, collapse: bool) {
        let Some(id) = self
            .state
            .workspace
            .with_untracked(|ws| ws.people.get(i).map(|p| p.id.clone()))
        else {
            return;
        };
        self.collapsed.update(|c| {
            if collapse {
                c.insert(id);
            } else {
                c.remove(&id);
            }
        });
    }

    /// Show the whole chart.
    pub fn fit(&self) {
        let (w, h) = self.lay.with_untracked(|l| (l.width, l.height));
        let (sw, sh) = self.screen.get_untracked();
        self.viewport.set(Viewport::fit(w, h, sw, sh, 24.0));
    }

    /// The first frame: the top of the chart at a readable size (or all of it if it fits).
    pub fn home(&self) {
        let (w, h) = self.lay.with_untracked(|l| (l.width, l.height));
        let (sw, sh) = self.screen.get_untracked();
        let fit = Viewport::fit(w, h, sw, sh, 24.0);
        if fit.k >= 0.6 {
            self.viewport.set(fit);
            return;
        }
        let root = self
            .org
            .with_untracked(|o| o.forest.roots().first().copied());
        let b = root.and_then(|r| self.lay.with_untracked(|l| l.boxes[r]));
        let k = 0.85;
        self.viewport.set(match b {
            Some(b) => Viewport {
                tx: sw / 2.0 - b.x * k,
                ty: 24.0 - b.y * k,
                k,
            },
            None => Viewport {
                tx: 24.0,
                ty: 24.0,
                k,
            },
        });
    }
}

/// Focus the card of person `i` once it is drawn.
pub fn focus_dom(i: usize) {
    request_animation_frame(move || {
        if let Some(el) = document()
            .query_selector(&format!("[data-idx=\"{i}\"]"))
            .ok()
            .flatten()
        {
            // SVG elements are focusable through the SVGElement interface; call it by name.
            if let Ok(f) = js_sys::Reflect::get(&el, &"focus".into()) {
                if let Ok(f) = f.dyn_into::<js_sys::Function>() {
                    let _ = f.call0(&el);
                }
            }
        }
    });
}

#[component]
pub fn OrgChartPage() -> impl IntoView {
    // Marks where the page starts, for the browser benchmark (scripts/perf-org.mjs).
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("pmo:org-start");
    }
    let state = AppState::expect();
    let has_people = Memo::new(move |_| state.workspace.with(|w| !w.people.is_empty()));
    let ui = OrgUi::new(state);
    provide_context(ui);
    // `?person=<id>` (from the roles page) opens that person once the chart is on screen.
    let asked = state
        .route
        .with_untracked(|r| r.param("person").map(str::to_string));
    // The figures below the chart wait until the chart's first frame is on screen.
    let later = RwSignal::new(false);
    request_animation_frame(move || {
        request_animation_frame(move || {
            let _ = later.try_set(true);
            if let Some(i) = asked.as_deref().and_then(|id| ui.index_of(id)) {
                ui.select(i);
                ui.reveal(i, true);
            }
        })
    });
    view! {
        <section class="page org-page">
            <h1 tabindex="-1">"Org chart"</h1>
            <p class="lede no-print">
                "Who reports to whom, from the CEO through the PMO to portfolio, programme and project managers. "
                "Solid lines are reporting lines, dotted lines functional ones. Drag a card onto another to change "
                "the manager; arrow keys move between people."
            </p>
            {move || if has_people.get() {
                view! {
                    <Toolbar/>
                    <Alert/>
                    {move || ui.show_presets.get().then(|| view! { <health::Presets/> })}
                    <div class="org-body">
                        <canvas::Stage/>
                        <panel::Panel/>
                    </div>
                    {move || later.get().then(|| view! { <health::Health/> })}
                }
                .into_any()
            } else {
                view! {
                    <DemoOffer what="Once there are people, this page shows the reporting lines from the CEO and the PMO down to the project managers and their projects."/>
                    <p><button class="primary" on:click=move |_| {
                        ui.selected.set(None);
                        ui.panel.set(PanelMode::Add);
                    }>"Add person"</button></p>
                    <panel::Panel/>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn Alert() -> impl IntoView {
    let ui = OrgUi::expect();
    view! {
        <div class="org-alert-slot" role="alert">
            {move || ui.alert.get().map(|a| view! {
                <p class="banner danger org-alert">
                    {a}
                    " "
                    <button class="link" on:click=move |_| ui.alert.set(None)>"Dismiss"</button>
                </p>
            })}
        </div>
    }
}

fn export_svg_text(ui: OrgUi) -> String {
    let state = ui.state;
    state.workspace.with_untracked(|ws| {
        ui.org.with_untracked(|org| {
            ui.lay.with_untracked(|lay| {
                ui.projects.with_untracked(|projects| {
                    let title = format!("{} — org chart", ws.organisation.name);
                    org_svg(&SvgChart {
                        ws,
                        org,
                        layout: lay,
                        orientation: ui.orientation.get_untracked(),
                        projects,
                        title: &title,
                    })
                })
            })
        })
    })
}

/// Largest PNG side: browsers refuse bigger canvases.
const PNG_MAX_SIDE: f64 = 16_000.0;

fn export_png(ui: OrgUi) {
    let svg = export_svg_text(ui);
    let (w, h) = ui.lay.with_untracked(|l| (l.width + 48.0, l.height + 88.0));
    let scale = (2.0_f64).min(PNG_MAX_SIDE / w.max(h));
    let Some(url) = crate::app::download::blob_url("image/svg+xml", &svg) else {
        return;
    };
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
        let Some(canvas) = document()
            .create_element("canvas")
            .ok()
            .and_then(|c| c.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        canvas.set_width((w * scale).ceil() as u32);
        canvas.set_height((h * scale).ceil() as u32);
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        let _ = ctx.scale(scale, scale);
        let _ = ctx.draw_image_with_html_image_element(&img2, 0.0, 0.0);
        if let Ok(data) = canvas.to_data_url_with_type("image/png") {
            crate::app::download::save_url("org-chart.png", &data);
        }
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
}

#[component]
fn Toolbar() -> impl IntoView {
    let state = AppState::expect();
    let ui = OrgUi::expect();
    let portfolios = crate::ui::views::portfolio_names(state);
    let view_value = move || ui.view.with(|v| v.param().unwrap_or_default());
    let set_view = move |value: String| {
        let v = OrgView::from_param(Some(value.as_str()).filter(|s| !s.is_empty()));
        let p = v.param();
        let query: Vec<(&str, &str)> = p.as_deref().map(|p| vec![("view", p)]).unwrap_or_default();
        crate::app::navigate(&to_hash(&Page::OrgChart, &query), false);
        request_animation_frame(move || ui.home());
    };
    let go_to_match = move |k: usize| {
        let hits = ui.matches.get_untracked();
        if hits.is_empty() {
            return;
        }
        let k = k % hits.len();
        ui.current_match.set(k);
        ui.reveal(hits[k], true);
        let id = state
            .workspace
            .with_untracked(|ws| ws.people[hits[k]].id.clone());
        ui.focus.set(Some(id));
    };
    let match_text = move || {
        let n = ui.matches.with(Vec::len);
        if ui.query.with(|q| q.trim().is_empty()) {
            String::new()
        } else if n == 0 {
            "No one matches".into()
        } else {
            format!("{} of {n}", ui.current_match.get() % n + 1)
        }
    };
    let undo_label = move || {
        state
            .org_undo
            .with(|u| u.last().map(|s| format!("Undo {}", s.label.to_lowercase())))
    };
    let collapse_all = move |_| {
        // Keep the first two levels open.
        let ids: HashSet<Id> = state.workspace.with_untracked(|ws| {
            ui.tree.with_untracked(|t| {
                ws.people
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| t.level.get(*i).is_some_and(|&l| l >= 2))
                    .map(|(_, p)| p.id.clone())
                    .collect()
            })
        });
        ui.collapsed.set(ids);
        ui.home();
    };
    view! {
        <div class="org-toolbar no-print" role="toolbar" aria-label="Org chart tools">
            <div class="org-search">
                <label for="org-search">"Search people"</label>
                <input id="org-search" type="search" placeholder="Name or title"
                    prop:value=move || ui.query.get()
                    on:input=move |ev| {
                        ui.query.set(event_target_value(&ev));
                        ui.current_match.set(0);
                        go_to_match(0);
                    }
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            ev.prevent_default();
                            let step = if ev.shift_key() { ui.matches.with_untracked(Vec::len).saturating_sub(1) } else { 1 };
                            go_to_match(ui.current_match.get_untracked() + step);
                        }
                    }/>
                <span class="muted org-match-count" aria-live="polite">{match_text}</span>
                <button type="button" aria-label="Previous match"
                    disabled=move || ui.matches.with(Vec::is_empty)
                    on:click=move |_| {
                        let n = ui.matches.with_untracked(Vec::len);
                        go_to_match(ui.current_match.get_untracked() + n.saturating_sub(1));
                    }>"↑"</button>
                <button type="button" aria-label="Next match"
                    disabled=move || ui.matches.with(Vec::is_empty)
                    on:click=move |_| go_to_match(ui.current_match.get_untracked() + 1)>"↓"</button>
            </div>
            <div class="org-tool-group">
                <label for="org-view">"Show"</label>
                <select id="org-view" prop:value=view_value on:change=move |ev| set_view(event_target_value(&ev))>
                    <option value="">"Whole organisation"</option>
                    <option value="pmo">"PMO lines only"</option>
                    <For each=move || portfolios.get() key=|p| p.clone() let:p>
                        <option value=format!("portfolio:{}", p.0)>{format!("Portfolio: {}", p.1)}</option>
                    </For>
                </select>
            </div>
            <div class="org-tool-group">
                <label for="org-direction">"Layout"</label>
                <select id="org-direction"
                    on:change=move |ev| {
                        ui.orientation.set(if event_target_value(&ev) == "lr" { Orientation::LeftRight } else { Orientation::TopDown });
                        ui.home();
                    }>
                    <option value="td" selected=true>"Top-down"</option>
                    <option value="lr">"Left to right"</option>
                </select>
                <label class="inline">
                    <input type="checkbox" prop:checked=move || ui.compact.get()
                        on:change=move |ev| ui.compact.set(event_target_checked(&ev))/>
                    " Stack many reports"
                </label>
                <label class="inline">
                    <input type="checkbox" prop:checked=move || ui.all_dotted.get()
                        on:change=move |ev| ui.all_dotted.set(event_target_checked(&ev))/>
                    " All dotted lines"
                </label>
            </div>
            <div class="org-tool-group">
                <button type="button" on:click=move |_| { ui.collapsed.set(HashSet::new()); }>"Expand all"</button>
                <button type="button" on:click=collapse_all>"Collapse all"</button>
            </div>
            <div class="org-tool-group">
                <button type="button" aria-label="Zoom in" on:click=move |_| {
                    let (sw, sh) = ui.screen.get_untracked();
                    ui.viewport.update(|v| *v = v.zoom_at(sw / 2.0, sh / 2.0, 1.25));
                }>"+"</button>
                <button type="button" aria-label="Zoom out" on:click=move |_| {
                    let (sw, sh) = ui.screen.get_untracked();
                    ui.viewport.update(|v| *v = v.zoom_at(sw / 2.0, sh / 2.0, 0.8));
                }>"−"</button>
                <button type="button" on:click=move |_| ui.fit()>"Fit to screen"</button>
            </div>
            <div class="org-tool-group">
                <button type="button" on:click=move |_| {
                    ui.selected.set(None);
                    ui.panel.set(PanelMode::Add);
                }>"Add person"</button>
                <button type="button" aria-pressed=move || ui.show_presets.get().to_string()
                    on:click=move |_| ui.show_presets.update(|s| *s = !*s)>"PMO type…"</button>
                <button type="button"
                    disabled=move || state.org_undo.with(Vec::is_empty)
                    title=move || undo_label().unwrap_or_else(|| "Nothing to undo".into())
                    on:click=move |_| ui.undo()>
                    {move || if state.org_undo.with(Vec::is_empty) { "Undo".to_string() } else { undo_label().unwrap_or_default() }}
                </button>
            </div>
            <div class="org-tool-group">
                <button type="button" on:click=move |_| {
                    crate::app::download::save_file("org-chart.svg", "image/svg+xml", &export_svg_text(ui));
                    state.say("Org chart exported as SVG");
                }>"Export SVG"</button>
                <button type="button" on:click=move |_| {
                    export_png(ui);
                    state.say("Org chart exported as PNG");
                }>"Export PNG"</button>
                <button type="button" on:click=move |_| { let _ = window().print(); }>"Print"</button>
            </div>
        </div>
    }
}
