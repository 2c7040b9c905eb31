//! The mounted app in headless Chromium: what a person sees when storage holds bad data.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use pmo_domain::storage::persist::KEY_PRIMARY;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Delete the app's database, so that the next start is a first start.
async fn no_database() {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let request = factory
        .delete_database(pmo_domain::store::DATABASE)
        .unwrap();
    let done = js_sys::Promise::new(&mut |ok, _| request.set_onsuccess(Some(&ok)));
    wasm_bindgen_futures::JsFuture::from(done).await.unwrap();
}

/// Wait until `root`'s text satisfies `ok` (start-up reads the database asynchronously).
async fn until(root: &web_sys::HtmlElement, ok: impl Fn(&str) -> bool) {
    for _ in 0..500 {
        if ok(&root.text_content().unwrap_or_default()) {
            return;
        }
        let pause = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(pause).await.unwrap();
    }
    panic!(
        "never happened; the page says: {}",
        root.text_content().unwrap_or_default()
    );
}

fn mount() -> web_sys::HtmlElement {
    // The test page carries its own hash; start on the dashboard like a fresh visit.
    web_sys::window().unwrap().location().set_hash("/").unwrap();
    let el = document()
        .create_element("div")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    document().body().unwrap().append_child(&el).unwrap();
    leptos::mount::mount_to(el.clone(), pmo_workbench::App).forget();
    el
}

fn button(root: &web_sys::HtmlElement, name: &str) -> web_sys::HtmlElement {
    let buttons = root.query_selector_all("button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|b| b.unchecked_into::<web_sys::HtmlElement>())
        .find(|b| b.text_content().unwrap_or_default().trim() == name)
        .unwrap_or_else(|| panic!("no button named {name} in {}", root.inner_html()))
}

#[wasm_bindgen_test]
async fn damaged_storage_shows_the_recovery_banner_and_keeps_the_data() {
    local().clear().unwrap();
    no_database().await;
    local().set_item(KEY_PRIMARY, "this is not json").unwrap();
    let root = mount();
    until(&root, |t| t.contains("could not be read")).await;
    let text = root.text_content().unwrap();
    assert!(text.contains("Your saved data could not be read"), "{text}");
    assert!(text.contains("This is not a JSON file"), "{text}");
    // Loading the demo while damaged changes nothing in storage.
    button(&root, "Try the demo").click();
    leptos::task::tick().await;
    assert_eq!(
        local().get_item(KEY_PRIMARY).unwrap().as_deref(),
        Some("this is not json")
    );
    // Starting clean keeps the damaged text aside and resumes saving.
    button(&root, "Start with an empty workspace").click();
    leptos::task::tick().await;
    assert!(!root
        .text_content()
        .unwrap()
        .contains("Your saved data could not be read"));
    assert_eq!(
        pmo_workbench::app::storage::damaged_copies(),
        vec!["this is not json".to_string()]
    );
    root.remove();
    local().clear().unwrap();
}

#[wasm_bindgen_test]
async fn a_crash_shows_a_panel_that_still_exports_the_data() {
    local().clear().unwrap();
    no_database().await;
    let demo = pmo_domain::demo::demo();
    // An earlier version's copy, moved into the database at start.
    local()
        .set_item(
            KEY_PRIMARY,
            &pmo_domain::storage::schema::Envelope::new(demo.clone(), 1).to_json(),
        )
        .unwrap();
    let root = mount();
    root.set_id("app");
    until(&root, |t| t.contains(&demo.organisation.name)).await;
    pmo_workbench::app::crash::show_panel("deliberate error from the browser test").unwrap();
    let panel = document()
        .get_element_by_id("crash-panel")
        .expect("the panel");
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alertdialog"));
    assert!(root.has_attribute("hidden"), "the frozen app is hidden");
    assert_eq!(
        document().active_element().map(|e| e.id()).as_deref(),
        Some("crash-title"),
        "focus is on the panel's heading"
    );
    let export = panel
        .query_selector("a[download]")
        .unwrap()
        .expect("an export link");
    assert_eq!(export.text_content().as_deref(), Some("Export data"));
    assert!(export.get_attribute("href").unwrap().starts_with("blob:"));
    // What the link exports: the data, readable.
    let snapshot = pmo_workbench::app::sync::crash_snapshot().expect("the data");
    let doc: serde_json::Value = serde_json::from_str(&snapshot).unwrap();
    assert_eq!(doc["format"], "pmo-workbench");
    assert_eq!(
        doc["workspace"]["projects"].as_array().map(Vec::len),
        Some(demo.projects.len())
    );
    // Reload goes to the app's address without a page inside it: a fresh start.
    let reload = panel.query_selector("a:not([download])").unwrap().unwrap();
    assert_eq!(reload.text_content().as_deref(), Some("Reload"));
    assert!(!reload.get_attribute("href").unwrap().contains('#'));
    panel.remove();
    root.remove();
    local().clear().unwrap();
}
