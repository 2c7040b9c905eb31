//! Moving keyboard focus: the one place that does it, so that every page moves focus the
//! same way (to the first element that matches, once it is drawn).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focus `el`, an HTML or an SVG element (an SVG element is focusable through `SVGElement`,
/// which has the same `focus()` but is not an `HtmlElement`).
fn element(el: &web_sys::Element) -> bool {
    js_sys::Reflect::get(el, &"focus".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .is_some_and(|f| f.call0(el).is_ok())
}

/// Focus the first element that matches one of `selectors` (tried in order). Returns whether
/// something took focus.
pub fn now(selectors: &[&str]) -> bool {
    let doc = document();
    selectors
        .iter()
        .find_map(|s| doc.query_selector(s).ok().flatten())
        .is_some_and(|e| element(&e))
}

/// Focus the element with this id (any id, no selector escaping needed).
pub fn id(id: &str) -> bool {
    document()
        .get_element_by_id(id)
        .is_some_and(|e| element(&e))
}

/// Focus the element matching `selector` once the next frame has drawn it.
pub fn next_frame(selector: String) {
    request_animation_frame(move || _ = now(&[&selector]));
}

/// Focus the first element matching `selector` at the next frame that has one, for up to
/// `frames` frames: a page whose code is loaded on first use draws its heading later.
pub fn once_drawn(selector: &'static str, frames: u32) {
    request_animation_frame(move || {
        if !now(&[selector]) && frames > 1 {
            once_drawn(selector, frames - 1);
        }
    });
}

/// [`now`], once the view has been drawn: after `frames` animation frames, or right after the
/// current update with 0. A page that wants focus somewhere other than its heading waits two
/// frames, because the shell moves focus to the heading one frame after a navigation.
pub fn after_frames(frames: u32, selectors: &'static [&'static str]) {
    if frames == 0 {
        set_timeout(move || _ = now(selectors), std::time::Duration::ZERO);
    } else {
        request_animation_frame(move || after_frames_left(frames - 1, selectors));
    }
}

fn after_frames_left(frames: u32, selectors: &'static [&'static str]) {
    if frames == 0 {
        now(selectors);
    } else {
        request_animation_frame(move || after_frames_left(frames - 1, selectors));
    }
}
