//! Escaping, one function for HTML and XML wherever it is written: the html-escape crate's
//! quoted-attribute encoder (& < > " ' replaced), which the templates escape with
//! ([`html`], Tera's escape function) and text built in Rust uses ([`html_string`]: chart
//! labels, formatted cells, sitemap, feed), so a value reads the same whichever wrote it.
//! SVG text takes our plotters backend's entities ([`push_escaped`]). JSON strings are
//! serde_json's.
//!
//! Why not Tera's default: it writes every byte through `dyn Write` one call at a time;
//! html-escape writes the runs between the characters it replaces. Tera's `fast_escape`
//! feature leaves `'` as it is, which is unsafe in a theme's single-quoted attributes.

use std::io::{self, Write};

/// Writes `input` with & < > " ' replaced by their entities (Tera's escape function).
pub fn html(input: &str, out: &mut dyn Write) -> io::Result<()> {
    html_escape::encode_quoted_attribute_to_writer(input, out)
}

/// `input` with & < > " ' replaced by their entities, for HTML and XML built in Rust.
pub fn html_string(input: &str) -> String {
    html_escape::encode_quoted_attribute(input).into_owned()
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
            "&lt;a href=&quot;x&quot;&gt;&#x27;子育て&#x27; &amp; 教育&lt;/a&gt;"
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
