//! HTML escaping, one mechanism for every place that escapes: Tera's autoescape
//! ([`html`]), text built in Rust (chart labels, sitemap, feed: [`html_string`]), and the
//! SVG plotters draws ([`super::svg`], with plotters' own entities). The five characters
//! & < > " ' are replaced as Tera's own `escape_html` replaces them; the text between
//! them is written in runs.
//!
//! Why our own for Tera: its default writes every byte through `dyn Write` one call at a
//! time, which was 8 % of a 10,000-page build (Japanese text has no character to escape,
//! so a whole value is one run here). Its `fast_escape` feature leaves `'` unescaped,
//! which would change our output and is unsafe in single-quoted attributes of a city's
//! theme.

use std::io::{self, Write};

/// The entity for each byte that needs one, else `None`: Tera's choice (`&#39;`).
fn html_entity(byte: u8) -> Option<&'static str> {
    match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    }
}

/// Hands `write`, in order, the runs of `input` between the bytes `entity` replaces and
/// their replacements. Every replaced byte is ASCII, so a run never ends inside a
/// character.
fn in_runs<E>(
    input: &str,
    entity: fn(u8) -> Option<&'static str>,
    mut write: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let mut start = 0;
    for (i, byte) in input.bytes().enumerate() {
        if let Some(replacement) = entity(byte) {
            write(&input[start..i])?;
            write(replacement)?;
            start = i + 1;
        }
    }
    write(&input[start..])
}

/// Writes `input` with & < > " ' replaced by their entities (Tera's `EscapeFn`).
pub fn html(input: &str, out: &mut dyn Write) -> io::Result<()> {
    in_runs(input, html_entity, |run| out.write_all(run.as_bytes()))
}

/// `input` with & < > " ' replaced by their entities, for HTML and XML built in Rust.
pub fn html_string(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    push_escaped(&mut out, input, html_entity);
    out
}

/// Appends `input` to `out`, each byte `entity` replaces replaced.
pub(super) fn push_escaped(out: &mut String, input: &str, entity: fn(u8) -> Option<&'static str>) {
    let _ = in_runs(input, entity, |run| {
        out.push_str(run);
        Ok::<(), std::convert::Infallible>(())
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn escaped(input: &str) -> String {
        let mut out = Vec::new();
        html(input, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_the_five_characters_and_keeps_the_rest() {
        assert_eq!(
            escaped(r#"<a href="x">'子育て' & 教育</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;子育て&#39; &amp; 教育&lt;/a&gt;"
        );
        assert_eq!(escaped(""), "");
        assert_eq!(escaped("&&"), "&amp;&amp;");
    }

    proptest! {
        /// Byte for byte what Tera's own escaping writes, so themes render as before; and
        /// the string form is the same text.
        #[test]
        fn same_as_tera(input in "[<>&\"'/a-z 子育て\\PC]{0,40}") {
            let mut theirs = Vec::new();
            tera::escape_html(&input, &mut theirs).unwrap();
            prop_assert_eq!(escaped(&input).into_bytes(), theirs.clone());
            prop_assert_eq!(html_string(&input).into_bytes(), theirs);
        }
    }
}
