//! JSON laid out for people: [`pretty`] indents compact JSON text exactly as serde_json's pretty
//! printer does (two spaces, `": "`, empty `{}` and `[]` kept short). Working on the text keeps
//! one serializer per type in the download instead of a second, pretty one for every type that
//! is written to a file (issue 20).

/// `compact` (JSON as serde_json writes it, with no whitespace outside strings) indented.
pub fn pretty(compact: &str) -> String {
    let bytes = compact.as_bytes();
    let mut out = String::with_capacity(compact.len() + compact.len() / 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut start = 0; // the start of the text not yet copied
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' | b'}' | b']' | b',' | b':' => {
                out.push_str(&compact[start..i]);
                start = i + 1;
                match b {
                    b'{' | b'[' => {
                        let close = if b == b'{' { b'}' } else { b']' };
                        if bytes.get(i + 1) == Some(&close) {
                            out.push(b as char);
                            out.push(close as char);
                            i += 1;
                            start = i + 1;
                        } else {
                            out.push(b as char);
                            depth += 1;
                            newline(&mut out, depth);
                        }
                    }
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        newline(&mut out, depth);
                        out.push(b as char);
                    }
                    b',' => {
                        out.push(',');
                        newline(&mut out, depth);
                    }
                    _ => out.push_str(": "),
                }
            }
            _ => {}
        }
        i += 1;
    }
    out.push_str(&compact[start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::pretty;
    use serde_json::{json, Value};

    fn same_as_serde(v: &Value) {
        let compact = serde_json::to_string(v).unwrap();
        assert_eq!(
            pretty(&compact),
            serde_json::to_string_pretty(v).unwrap(),
            "{compact}"
        );
    }

    #[test]
    fn lays_out_as_serde_json_does() {
        for v in [
            json!(null),
            json!(1.5),
            json!("a \"quoted\" {text}, [with] : signs\\"),
            json!([]),
            json!({}),
            json!([[], {}, [1, [2, {}]], {"a": []}]),
            json!({"a": {"b": {"c": [1, 2, {"d": "e,f:g"}]}}, "h": "\u{1F600}\n"}),
            json!([{"x": "}"}, {"y": "]"}, "\\\"", "\\\\"]),
        ] {
            same_as_serde(&v);
        }
    }
}
