//! Entry point: install the crash panel, then mount the app; and the two functions the page
//! exports for the end-to-end tests and the console. Nothing else lives here (the compaction
//! worker's binary, `src/bin/compactor.rs`, exports nothing).

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

/// What the store holds, read the way a start-up reads it, as the JSON of an export
/// (`await window.wasmBindings.stored_json()`); `None` when nothing is stored.
#[wasm_bindgen::prelude::wasm_bindgen]
pub async fn stored_json() -> Option<String> {
    pmo_workbench::app::engine::stored_json().await
}

/// Stored text (an export, or what an earlier version kept in localStorage) as readable JSON
/// (`await window.wasmBindings.stored_as_json(text)`).
#[wasm_bindgen::prelude::wasm_bindgen]
pub async fn stored_as_json(stored: String) -> Option<String> {
    pmo_workbench::app::engine::stored_as_json(stored).await
}
