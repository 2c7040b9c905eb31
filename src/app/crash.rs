//! When the app panics, replace the white screen with an error panel that still lets the
//! user take their data with them.
//!
//! A panic aborts the WebAssembly instance, so nothing in Rust runs afterwards: the panel is
//! built with plain DOM calls inside the panic hook, and its "Export data" link is a ready
//! `blob:` URL that works without the app. All text goes in as text nodes, never as HTML.

use wasm_bindgen::JsCast;

/// Install the panic hook (also logs the panic to the console).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".into());
        let location = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        show_panel(&format!("{message}{location}"));
    }));
}

fn el(doc: &web_sys::Document, tag: &str, class: &str, text: &str) -> Option<web_sys::Element> {
    let e = doc.create_element(tag).ok()?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    Some(e)
}

/// Show the error panel (once per page). The panic hook calls it; the browser tests call it
/// directly, because a release build has no way to panic on purpose.
pub fn show_panel(detail: &str) -> Option<()> {
    let doc = web_sys::window()?.document()?;
    let body = doc.body()?;
    if doc.get_element_by_id("crash-panel").is_some() {
        return Some(());
    }
    let panel = el(&doc, "section", "crash-panel", "")?;
    panel.set_id("crash-panel");
    panel.set_attribute("role", "alertdialog").ok()?;
    panel.set_attribute("aria-labelledby", "crash-title").ok()?;
    let title = el(&doc, "h1", "", "Something went wrong")?;
    title.set_id("crash-title");
    panel.append_child(&title).ok()?;
    let intro = el(
        &doc,
        "p",
        "",
        "PMO Workbench hit an internal error and stopped. Your saved data is still in this browser. \
         Export it now to be safe, then reload the page.",
    )?;
    panel.append_child(&intro).ok()?;
    let actions = el(&doc, "p", "crash-actions", "")?;
    if let Some(data) = crate::app::engine::crash_snapshot() {
        if let Some(url) = crate::app::download::blob_url("application/json", &data) {
            let a = el(&doc, "a", "button primary", "Export data")?
                .dyn_into::<web_sys::HtmlAnchorElement>()
                .ok()?;
            a.set_href(&url);
            a.set_download(&pmo_domain::storage::persist::export_file_name(
                chrono::Utc::now(),
            ));
            actions.append_child(&a).ok()?;
        }
    } else {
        // No data engine yet (see `app::engine`): nothing was edited in this tab, and what the
        // store holds is safe there.
        let none = el(
            &doc,
            "span",
            "",
            "Nothing here to export: what is saved stays in this browser.",
        )?;
        actions.append_child(&none).ok()?;
    }
    let reload = el(&doc, "a", "button", "Reload")?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    // Reload at the dashboard: the page that crashed may crash again.
    let here = web_sys::window()?.location().href().ok()?;
    let base = here.split('#').next().unwrap_or(&here).to_string();
    // Without a fragment this is a real navigation (a fresh start), not a hash change.
    reload.set_href(&base);
    actions.append_child(&reload).ok()?;
    panel.append_child(&actions).ok()?;
    let details = el(&doc, "details", "", "")?;
    let summary = el(&doc, "summary", "", "Technical details")?;
    details.append_child(&summary).ok()?;
    let pre = el(&doc, "pre", "", detail)?;
    details.append_child(&pre).ok()?;
    panel.append_child(&details).ok()?;
    // Hide the (now frozen) app so nobody keeps typing into it.
    if let Some(app) = doc.get_element_by_id("app") {
        let _ = app.set_attribute("hidden", "");
    }
    body.append_child(&panel).ok()?;
    if let Ok(h) = title.dyn_into::<web_sys::HtmlElement>() {
        h.set_tab_index(-1);
        let _ = h.focus();
    }
    Some(())
}
