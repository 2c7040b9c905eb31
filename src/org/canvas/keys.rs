//! The keyboard on the chart: arrows move along the tree (by orientation), Enter opens the
//! person, plus and minus show and hide reports (Ctrl+Z undoes everywhere: `app::sync`).

use leptos::prelude::*;
use pmo_domain::org::layout::Orientation;

use super::gestures::card_under;
use crate::org::{focus_dom, OrgUi};

/// A key pressed on a card.
pub(super) fn on_key(ui: OrgUi, ev: web_sys::KeyboardEvent) {
    let key = ev.key();
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
}
