//! What the chart draws for a viewport: the cards on screen (each with the text the export
//! also uses), the connectors, and the dotted lines of the chosen person.

use leptos::prelude::*;
use pmo_domain::org::card::{card_text, report_projects, CardText, SIMPLE_BELOW};
use pmo_domain::org::layout::Placed;
use pmo_domain::org::svg::{dotted_path, edge_path};
use pmo_domain::org::viewport::{visible_nodes, Rect, Viewport};

use crate::org::OrgUi;

/// More cards than this on screen and the chart is drawn as an overview of boxes.
const MAX_CARDS: usize = 500;

/// One card as drawn; the key changes whenever anything drawn changes.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Card {
    pub idx: usize,
    pub id: String,
    pub key: String,
    pub transform: String,
    pub w: f64,
    pub h: f64,
    /// What the card says (shared with the SVG export).
    pub text: CardText,
    /// (collapsed, badge text) when the person has reports.
    pub toggle: Option<(bool, String)>,
    /// "Dotted lines to …" when the person has any.
    pub dotted_to: Option<String>,
    pub level: u32,
    pub pos: u32,
    pub siblings: u32,
    pub label: String,
    /// The whole name, for the simplified card.
    pub full_name: String,
    /// What the PMO-type preview says of this person ("would report to Ada").
    pub moving: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct DottedPath {
    /// "" for a dotted line; for a ghost of the PMO-type preview: "solid", "added" or
    /// "removed".
    pub kind: &'static str,
    pub key: String,
    pub d: String,
    pub title: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct Scene {
    pub cards: Vec<Card>,
    pub edges: String,
    /// Connectors to people hung under a dotted line ("PMO lines only"), drawn dashed.
    pub dotted_edges: String,
    pub dotted: Vec<DottedPath>,
    /// Too many cards on screen: the boxes are drawn as an overview instead.
    pub overview: bool,
    /// Zoomed out below [`SIMPLE_BELOW`]: cards are drawn simplified.
    pub simple: bool,
    /// The PMO-type preview's changed lines on screen, as ghosts.
    pub ghosts: Vec<DottedPath>,
}

fn card_of(
    ui: &OrgUi,
    ws: &pmo_domain::Workspace,
    i: usize,
    b: &Placed,
    dotted_to: Option<String>,
    moving: Option<String>,
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
        ui.projects.with_untracked(|runs| {
            let lonely = ui
                .lonely
                .with_untracked(|l| l.get(i).copied().unwrap_or(false));
            card_text(ws, o, i, &runs[i], lonely)
        })
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
    let projects = report_projects(text.projects);
    // The name starts with the card's visible text, word for word (as drawn: name, title,
    // figures), then adds what the card shows only as shapes.
    let label = format!(
        "{} {}{}{}{}{}{}{}",
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
        if collapsed { ", reports hidden" } else { "" },
        if text.no_pmo_line {
            ", no PMO line"
        } else {
            ""
        },
        moving
            .as_deref()
            .map(|m| format!(", {m} under the previewed PMO type"))
            .unwrap_or_default()
    );
    let transform = format!("translate({:.1} {:.1})", b.left(), b.y);
    let key = format!(
        "{}|{transform}|{}|{}|{}|{toggle:?}|{}|{level}/{pos}/{siblings}|{}|{dotted_to:?}|{}|{moving:?}",
        p.id,
        text.name,
        text.title,
        text.meta,
        text.dots.iter().map(|d| d.colour).collect::<String>(),
        text.projects,
        text.no_pmo_line
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
        full_name: p.name.clone(),
        moving,
    }
}

/// A line between two cards (a dotted line, or a ghost of the PMO-type preview of `kind`), if
/// it meets `area`.
fn line_between(
    l: &pmo_domain::org::layout::Layout,
    area: &Rect,
    (from, to): (usize, usize),
    kind: &'static str,
    title: String,
) -> Option<DottedPath> {
    let (fb, tb) = (l.boxes.get(from).copied()??, l.boxes.get(to).copied()??);
    let r = Rect {
        x0: fb.left().min(tb.left()),
        y0: fb.y.min(tb.y),
        x1: fb.right().max(tb.right()),
        y1: fb.bottom().max(tb.bottom()),
    };
    area.intersects(&r).then(|| DottedPath {
        kind,
        key: format!(
            "{kind}|{from}>{to}|{:.0},{:.0}|{:.0},{:.0}",
            fb.x, fb.y, tb.x, tb.y
        ),
        d: dotted_path(&fb, &tb),
        title,
    })
}

/// What is drawn for viewport `vp` on a `sw` × `sh` screen; `chosen` is the person whose
/// dotted lines are drawn (the selected or focused one).
pub(super) fn scene(
    ui: &OrgUi,
    vp: Viewport,
    (sw, sh): (f64, f64),
    chosen: Option<usize>,
) -> Scene {
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
                let mut dotted_edges = String::new();
                let mut edge = |p: &Placed, c: usize, cb: &Placed, st: bool| {
                    let path = edge_path(p, cb, orientation, st);
                    if o.dotted_parent.get(c).copied().unwrap_or(false) {
                        dotted_edges.push_str(&path);
                    } else {
                        edges.push_str(&path);
                    }
                };
                for &i in &shown {
                    let Some(b) = l.boxes[i] else { continue };
                    if let Some(p) = ui.tree.with(|t| t.parent[i]) {
                        if let Some(pb) = l.boxes[p] {
                            edge(&pb, i, &b, stacked(p));
                        }
                    }
                    let st = stacked(i);
                    for &c in o.forest.children(i) {
                        if !on[c] {
                            if let Some(cb) = l.boxes[c] {
                                edge(&b, c, &cb, st);
                            }
                        }
                    }
                }
                // A dotted line already drawn as a dashed connector is not drawn twice.
                let hung = |from: usize, to: usize| {
                    o.dotted_parent.get(from).copied().unwrap_or(false)
                        && ui.tree.with(|t| t.parent.get(from).copied().flatten()) == Some(to)
                };
                let dotted = ui.dotted.with(|all| {
                    all.lines
                        .iter()
                        .filter(|d| all_dotted || chosen.is_some_and(|c| c == d.0 || c == d.1))
                        .filter(|d| !hung(d.0, d.1))
                        .filter_map(|(from, to, title)| {
                            line_between(l, &area, (*from, *to), "", title.clone())
                        })
                        .collect::<Vec<_>>()
                });
                let (cards, ghosts) = ui.plan_marks.with(|m| {
                    let cards = shown
                        .iter()
                        .filter_map(|&i| {
                            let to = ui.dotted.with(|d| d.marks.get(&i).cloned());
                            let moving = m.moving.get(&i).cloned();
                            l.boxes[i].map(|b| card_of(ui, ws, i, &b, to, moving))
                        })
                        .collect();
                    let name = |i: usize| ws.people.get(i).map_or("", |p| p.name.as_str());
                    let kinds = [
                        ("solid", &m.solid, "New reporting line"),
                        ("added", &m.dotted_added, "New dotted line"),
                        ("removed", &m.dotted_removed, "Dotted line that goes"),
                    ];
                    let ghosts = kinds
                        .into_iter()
                        .flat_map(|(kind, lines, what)| {
                            lines.iter().filter_map(move |&(f, t)| {
                                let title = format!("{what}: {} to {}", name(f), name(t));
                                line_between(l, &area, (f, t), kind, title)
                            })
                        })
                        .collect::<Vec<_>>();
                    (cards, ghosts)
                });
                Scene {
                    cards,
                    edges,
                    dotted_edges,
                    dotted,
                    overview: false,
                    simple: vp.k < SIMPLE_BELOW,
                    ghosts,
                }
            })
        })
    })
}
