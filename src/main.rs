//! Entry point: install the crash panel, then mount the app. Nothing else lives here.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    pmo_workbench::app::crash::install();
    let root = document()
        .get_element_by_id("app")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .unwrap_or_else(|| document().body().expect("the page has a body"));
    // Replace the "loading" placeholder.
    root.set_text_content(None);
    leptos::mount::mount_to(root, pmo_workbench::App).forget();
}
