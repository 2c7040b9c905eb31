//! Text as part of a file name or an id.

/// Text as part of a file name or an id: lower case, letters and digits kept, every run of
/// anything else one `-`, none at the ends ("Ada  Lovelace!" → "ada-lovelace").
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}
