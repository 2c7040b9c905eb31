//! One card as an SVG group: the tree item keyboard and screen-reader users reach, its
//! status dots and dotted-line mark, and the badge that shows or hides reports.

use leptos::prelude::*;
use pmo_domain::org::card::{
    dot_centre, flag_at, more_at, simple_name, BAR_W, DOT_R, FLAG_H, FLAG_W, META_Y, NAME_Y,
    NO_PMO_LINE, RADIUS, TEXT_X, TITLE_Y,
};

use super::gestures::DragGhost;
use super::scene::{Card, Scene};
use crate::org::OrgUi;

/// What every card's drawing depends on besides the card itself.
#[derive(Clone, Copy)]
pub(super) struct CardMarks {
    /// The one card reached with Tab.
    tab_target: Memo<Option<usize>>,
    /// The current search match.
    current: Memo<Option<usize>>,
    /// Every search match.
    matched: Memo<std::collections::HashSet<usize>>,
    ghost: RwSignal<Option<DragGhost>>,
    /// The zoom in steps, for the names of simplified cards.
    simple_k: Memo<f64>,
    /// The card whose full card shows over the simplified chart (hovered or focused).
    peek: RwSignal<Option<usize>>,
    ui: OrgUi,
}

impl CardMarks {
    pub fn new(
        ui: OrgUi,
        scene: Memo<Scene>,
        ghost: RwSignal<Option<DragGhost>>,
        simple_k: Memo<f64>,
        peek: RwSignal<Option<usize>>,
    ) -> Self {
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
        CardMarks {
            tab_target,
            current,
            matched,
            ghost,
            simple_k,
            peek,
            ui,
        }
    }
}

/// The view of one card.
pub(super) fn card_view(marks: CardMarks, c: Card) -> impl IntoView {
    let CardMarks {
        tab_target,
        current,
        matched,
        ghost,
        simple_k,
        peek,
        ui,
    } = marks;
    let idx = c.idx;
    let id_sel = c.id.clone();
    let moving = c.moving.is_some();
    // The card's state as classes, shared by the card and its simplified block.
    let family = c.text.family;
    let vacancy = c.text.vacancy;
    let states = Memo::new(move |_| {
        let mut s = format!(" family-{family}");
        if vacancy {
            s.push_str(" vacancy");
        }
        if moving {
            s.push_str(" moving");
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
    });
    let class = move || format!("org-card{}", states.get());
    let simple_class = move || format!("org-card-simple{}", states.get());
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
    let flag = c.text.no_pmo_line.then(|| {
        let (x, y) = flag_at(w, h);
        view! {
            <g class="org-flag">
                <title>"This project manager has no line to a PMO"</title>
                <rect x=x y=y width=FLAG_W height=FLAG_H rx=4/>
                <text x=x + FLAG_W / 2.0 y=y + 13.0 text-anchor="middle">{NO_PMO_LINE}</text>
            </g>
        }
    });
    let full_name = c.full_name.clone();
    let simple_text = move || simple_name(&full_name, simple_k.get()).0;
    let toggle = c.toggle.map(|(collapsed, badge)| {
        let wide = badge.chars().count() > 2;
        let rw = if wide {
            16.0 + badge.chars().count() as f64 * 7.0
        } else {
            24.0
        };
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
        // Drawn under the card, which stays on top (transparent) to take the pointer and the
        // focus; outside it, so that what it shows is not part of the card's text.
        <g class=simple_class data-for=idx aria-hidden="true" transform=c.transform.clone()>
            <rect width=w height=h rx=RADIUS/>
            <text x=w / 2.0 y=h / 2.0 text-anchor="middle" dominant-baseline="central">{simple_text}</text>
        </g>
        <g class=class data-idx=idx role="treeitem" tabindex=move || if tab_target.get() == Some(idx) { 0 } else { -1 }
            aria-level=c.level aria-setsize=c.siblings aria-posinset=c.pos
            aria-expanded=expanded aria-selected=selected aria-label=c.label
            transform=c.transform.clone()
            on:pointerenter=move |_| peek.set(Some(idx))
            on:pointerleave=move |_| if peek.get_untracked() == Some(idx) { peek.set(None) }
            on:focus=move |_| peek.set(Some(idx))
            on:blur=move |_| if peek.get_untracked() == Some(idx) { peek.set(None) }>
            <rect class="org-card-bg" width=w height=h rx=RADIUS/>
            <rect class="org-card-bar" width=BAR_W height=h rx=3/>
            // Trailing spaces keep the words apart when the texts are read as one.
            <text class="org-card-name" x=TEXT_X y=NAME_Y>{format!("{} ", c.text.name)}</text>
            <text class="org-title" x=TEXT_X y=TITLE_Y>{if c.text.title.is_empty() { String::new() } else { format!("{} ", c.text.title) }}</text>
            <text class="org-meta" x=TEXT_X y=META_Y>{c.text.meta}</text>
            {dots}
            {mark}
            {flag}
        </g>
        <g class="org-card-extra" data-for=idx aria-hidden="true" transform=c.transform.clone()>
            {more}
            {toggle}
        </g>
    }
}
