//! Escaping for text built in Rust: HTML and XML (chart labels, formatted cells, sitemap,
//! feed) through Tera's own `escape_html`, the one the templates escape with, so a value
//! reads the same whichever of the two wrote it; SVG text through our plotters backend's
//! entities ([`push_escaped`]). JSON strings are serde_json's.

/// `input` with & < > " ' replaced by their entities, as Tera's templates escape them.
pub fn html_string(input: &str) -> String {
    let mut out = Vec::with_capacity(input.len());
    // Writing into a Vec cannot fail, and the entities are ASCII, so the text stays UTF-8.
    let _ = tera::escape_html(input, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Appends `input` to `out`, each byte `entity` replaces replaced (every such byte is
/// ASCII, so no character is cut).
pub(super) fn push_escaped(out: &mut String, input: &str, entity: fn(u8) -> Option<&'static str>) {
    let mut start = 0;
    for (i, b) in input.bytes().enumerate() {
        if let Some(replacement) = entity(b) {
            out.push_str(&input[start..i]);
            out.push_str(replacement);
            start = i + 1;
        }
    }
    out.push_str(&input[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters_and_keeps_the_rest() {
        assert_eq!(
            html_string(r#"<a href="x">'子育て' & 教育</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;子育て&#39; &amp; 教育&lt;/a&gt;"
        );
        assert_eq!(html_string(""), "");
        assert_eq!(html_string("&&"), "&amp;&amp;");
    }

    #[test]
    fn svg_text_gets_the_backends_entities() {
        let mut out = String::new();
        push_escaped(&mut out, "北上 <'&\">", |b| match b {
            b'<' => Some("&lt;"),
            b'&' => Some("&amp;"),
            b'\'' => Some("&apos;"),
            _ => None,
        });
        assert_eq!(out, "北上 &lt;&apos;&amp;\">");
    }
}
