//! Files in and out without any server: offering text as a download (exports, damaged
//! data) and reading the file a person picked in a file input.

use wasm_bindgen::JsCast;

/// A `blob:` URL holding `text`; `None` outside a browser.
pub fn blob_url(mime: &str, text: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// Make the browser download `text` as a file called `name`.
pub fn save_file(name: &str, mime: &str, text: &str) {
    let Some(url) = blob_url(mime, text) else {
        return;
    };
    save_and_revoke(name, url);
}

/// Make the browser download `bytes` as a file called `name`.
pub fn save_bytes(name: &str, mime: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Some(url) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts)
        .ok()
        .and_then(|blob| web_sys::Url::create_object_url_with_blob(&blob).ok())
    else {
        return;
    };
    save_and_revoke(name, url);
}

fn save_and_revoke(name: &str, url: String) {
    save_url(name, &url);
    // Revoke later: revoking at once can cancel the download in some browsers.
    let cleanup = url.clone();
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&cleanup);
        },
        std::time::Duration::from_secs(60),
    );
}

/// Make the browser download what `url` (a `blob:` or `data:` URL) holds as `name`.
pub fn save_url(name: &str, url: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(a) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(url);
        a.set_download(name);
        a.set_hidden(true);
        if let Some(body) = document.body() {
            let _ = body.append_child(&a);
            a.click();
            let _ = body.remove_child(&a);
        }
    }
}

/// The file picked in the `<input type="file">` that fired `ev`. The input is cleared so
/// that the same file can be picked again after it was fixed.
pub fn take_chosen_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    let input = ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?;
    let file = input.files()?.get(0)?;
    input.set_value("");
    Some(file)
}

/// Every file picked in the `<input type="file" multiple>` that fired `ev`, the input
/// cleared as in [`take_chosen_file`].
pub fn take_chosen_files(ev: &leptos::ev::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = input
        .files()
        .map(|list| (0..list.length()).filter_map(|i| list.get(i)).collect())
        .unwrap_or_default();
    input.set_value("");
    files
}

/// The bytes of a picked file; `None` if the browser cannot read it.
pub async fn read_bytes(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The text of a picked file; `None` if the browser cannot read it as text.
pub async fn read_text(file: &web_sys::File) -> Option<String> {
    wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?
        .as_string()
}
