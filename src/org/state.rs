//! The chart's state, shared with its parts through context: what is collapsed and selected,
//! the layout and viewport, search, undo, and the moves and edits made on the chart.

use std::collections::HashSet;

use leptos::prelude::*;
use pmo_domain::document::describe::Scope;
#[cfg(doc)]
use pmo_domain::org::card::SIMPLE_BELOW;
use pmo_domain::org::card::{chart_dotted, ChartDotted, CARD_H, CARD_W};
use pmo_domain::org::edit::{move_person, preset_plan, PlanMarks, PresetPlan};
use pmo_domain::org::layout::{layout, Layout, Options, Orientation};
use pmo_domain::org::print::PrintChoice;
use pmo_domain::org::viewport::Viewport;
use pmo_domain::org::{
    managers_of, org_forest_view, projects_by_person, search_people, tree_positions, view_members,
    without_pmo_line, OrgForest, OrgView, TreePos,
};
use pmo_domain::route::Page;
use pmo_domain::{Id, PmoType, Workspace};

use crate::app::state::AppState;

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
    /// The PMO type the preview shows.
    pub preset_choice: RwSignal<PmoType>,
    /// What the previewed PMO type would change, while the preview is open.
    pub plan: Memo<Option<PresetPlan>>,
    /// The plan as the chart draws it (empty when no preview is open).
    pub plan_marks: Memo<PlanMarks>,
    /// Project managers with no line to a PMO, by person index (their cards are flagged).
    pub lonely: Memo<Vec<bool>>,
    /// How the chart prints, while it is being printed (`None` otherwise).
    pub printing: RwSignal<Option<PrintChoice>>,
    /// Whether the controls beyond the first row are shown.
    pub more_tools: RwSignal<bool>,
    /// Bumped when something above the drawing changes size, so it fits the window again.
    pub relayout: RwSignal<u32>,
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

    pub(super) fn new(state: AppState) -> OrgUi {
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
                    view.with(|v| {
                        state.workspace.with(|ws| {
                            org_forest_view(ws, c, v, keep.as_deref(), |_| (CARD_W, CARD_H))
                        })
                    })
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
        // `?preset=directive` (from the set-up guide) opens the PMO type preview.
        let asked = state
            .route
            .with_untracked(|r| r.param("preset").and_then(PmoType::from_id));
        let show_presets = RwSignal::new(asked.is_some());
        let preset_choice = RwSignal::new(asked.unwrap_or(PmoType::Directive));
        let plan = Memo::new(move |_| {
            show_presets.get().then(|| {
                let t = preset_choice.get();
                state.workspace.with(|ws| preset_plan(ws, t))
            })
        });
        let plan_marks = Memo::new(move |_| {
            plan.with(|p| {
                p.as_ref()
                    .map(|p| state.workspace.with(|ws| p.marks(ws)))
                    .unwrap_or_default()
            })
        });
        let lonely = Memo::new(move |_| state.workspace.with(without_pmo_line));
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
            show_presets,
            preset_choice,
            plan,
            plan_marks,
            lonely,
            printing: RwSignal::new(None),
            more_tools: RwSignal::new(false),
            relayout: RwSignal::new(0),
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
        if !self.writable() {
            return false;
        }
        let state = self.state;
        let mut next = state.workspace.get_untracked();
        let outcome = f(&mut next);
        if outcome.is_ok() {
            let label = label.into();
            self.keep_in_place(anchor.as_deref(), || state.edit_as(label, |ws| *ws = next));
        }
        self.tell(outcome)
    }

    /// [`OrgUi::change_anchored`] for a change of one person by a rule that checks everything
    /// before it changes anything (as `move_person` and `update_person` do): made on the
    /// workspace itself rather than on a copy, and committed as a change of that person
    /// only, which keeps it fast in a large organisation.
    pub fn change_person(
        &self,
        anchor: Option<Id>,
        person: &str,
        label: impl Into<String>,
        f: impl FnOnce(&mut Workspace) -> Result<String, String>,
    ) -> bool {
        if !self.writable() {
            return false;
        }
        let state = self.state;
        let mut outcome = Err(String::new());
        let label = label.into();
        let scope = Scope::one("person", person);
        self.keep_in_place(anchor.as_deref(), || {
            state.edit_as_in(label, scope, |ws| {
                outcome = f(ws);
                outcome.is_ok()
            })
        });
        self.tell(outcome)
    }

    /// Whether the data may be changed; says why not.
    fn writable(&self) -> bool {
        if self.state.read_only() {
            self.alert.set(Some(
                "This data is read-only: it was saved by a newer version of PMO Workbench".into(),
            ));
            return false;
        }
        true
    }

    /// Announce a change's outcome: its message, or the reason it was refused.
    fn tell(&self, outcome: Result<String, String>) -> bool {
        match outcome {
            Ok(message) => {
                self.alert.set(None);
                self.state.say(message);
                true
            }
            Err(reason) => {
                self.alert.set(Some(reason.clone()));
                self.state.say(reason);
                false
            }
        }
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
        let person = id.clone();
        self.change_person(anchor, &person, format!("Move of {name}"), move |ws| {
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

    /// The first frame: the whole chart when its names can be read (cards are simplified
    /// below [`SIMPLE_BELOW`]), else the top of the chart at a readable size.
    pub fn home(&self) {
        let (w, h) = self.lay.with_untracked(|l| (l.width, l.height));
        let (sw, sh) = self.screen.get_untracked();
        let fit = Viewport::fit(w, h, sw, sh, 24.0);
        if fit.k >= HOME_FIT_MIN {
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

/// The smallest zoom the first frame shows the whole chart at: a simplified card's name
/// still has room for about six letters.
const HOME_FIT_MIN: f64 = 0.25;

/// Focus the card of person `i` once it is drawn.
pub fn focus_dom(i: usize) {
    crate::ui::focus::next_frame(format!("[data-idx=\"{i}\"]"));
}
