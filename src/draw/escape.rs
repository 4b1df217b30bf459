//! Escaping, one mechanism for every place that escapes. HTML: Tera's autoescape
//! ([`html`]), text built in Rust (chart labels, sitemap, feed: [`html_string`]), and the
//! SVG plotters draws ([`crate::draw::svg`], with plotters' own entities); the five characters
//! & < > " ' are replaced as Tera's own `escape_html` replaces them. JSON strings
//! ([`push_json_string`]: the open data and the search index), as serde_json writes them.
//! The bytes to replace are found eight bytes at a time, and the text between them is
//! written in runs.
//!
//! Why our own for Tera: its default writes every byte through `dyn Write` one call at a
//! time (docs/decisions.md has the cost); Japanese text has no character to escape, so a
//! whole value is one run here. Its `fast_escape` feature leaves `'` unescaped,
//! which would change our output and is unsafe in single-quoted attributes of a city's
//! theme.

use std::io::{self, Write};

/// Tera's `safe` filter, without the copy: Tera's own makes a new string of every value
/// it marks, and a page marks its navigation, legend, links, badges, charts and Markdown
/// (hundreds of kilobytes a page, copied and freed again). A string is marked as it is
/// (its text is shared); anything else is written as text and marked, as Tera's does.
pub fn safe(value: &tera::Value, _: tera::Kwargs, _: &tera::State) -> tera::Value {
    if value.is_string() {
        value.clone().mark_safe()
    } else {
        tera::Value::safe_string(&value.to_string())
    }
}

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
/// their replacements; `next` finds the next such byte. Every replaced byte is ASCII, so
/// a run never ends inside a character.
fn in_runs<E>(
    input: &str,
    entity: fn(u8) -> Option<&'static str>,
    next: impl Fn(&[u8]) -> Option<usize>,
    mut write: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let bytes = input.as_bytes();
    let mut start = 0;
    while let Some(found) = next(&bytes[start..]) {
        let i = start + found;
        write(&input[start..i])?;
        if let Some(replacement) = entity(bytes[i]) {
            write(replacement)?;
        }
        start = i + 1;
    }
    write(&input[start..])
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// The high bit of each zero byte of `v`, and maybe of bytes above one; never of a byte
/// below the lowest zero byte, which is all that is asked of it here.
fn zero_bytes(v: u64) -> u64 {
    v.wrapping_sub(ONES) & !v & (ONES << 7)
}

/// The first byte of `bytes` that `marked` marks, eight bytes at a time (`marked` tells
/// of a little-endian word; `entity`, which it stands for, of the bytes after the last
/// whole word): most text has nothing to escape, and a byte at a time was most of
/// escaping's cost.
fn next_marked(
    bytes: &[u8],
    marked: fn(u64) -> u64,
    entity: fn(u8) -> Option<&'static str>,
) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    let mut at = 0;
    for word in &mut words {
        let mut w = [0; 8];
        w.copy_from_slice(word);
        let found = marked(u64::from_le_bytes(w));
        if found != 0 {
            return Some(at + (found.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    words
        .remainder()
        .iter()
        .position(|&b| entity(b).is_some())
        .map(|i| at + i)
}

/// The first of & < > " ' in `bytes`.
fn next_html_special(bytes: &[u8]) -> Option<usize> {
    // '"' is 0x22; '&' and '\'' are 0x26 and 0x27 (0x27 with bit 0 set); '<' and '>' are
    // 0x3c and 0x3e (0x3e with bit 1 set). No other byte is any of these.
    let marked = |w: u64| {
        zero_bytes(w ^ (0x22 * ONES))
            | zero_bytes((w | ONES) ^ (0x27 * ONES))
            | zero_bytes((w | (ONES << 1)) ^ (0x3e * ONES))
    };
    next_marked(bytes, marked, html_entity)
}

/// The escape of each byte a JSON string escapes (`"`, `\`, controls below 0x20), as
/// serde_json writes it, else `None`.
fn json_escape(byte: u8) -> Option<&'static str> {
    const CONTROLS: [&str; 32] = [
        "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
        "\\b", "\\t", "\\n", "\\u000b", "\\f", "\\r", "\\u000e", "\\u000f", "\\u0010", "\\u0011",
        "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017", "\\u0018", "\\u0019",
        "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
    ];
    match byte {
        b'"' => Some("\\\""),
        b'\\' => Some("\\\\"),
        0..=0x1f => Some(CONTROLS[usize::from(byte)]),
        _ => None,
    }
}

/// The first byte of `bytes` a JSON string escapes.
fn next_json_special(bytes: &[u8]) -> Option<usize> {
    // A byte below 0x20 is one whose top three bits are zero.
    let marked = |w: u64| {
        zero_bytes(w ^ (0x22 * ONES))
            | zero_bytes(w ^ (0x5c * ONES))
            | zero_bytes(w & (0xe0 * ONES))
    };
    next_marked(bytes, marked, json_escape)
}

/// Appends `s` to `out` as a JSON string, quoted and escaped as serde_json writes it (the
/// open data and the search index are many megabytes of such strings).
pub fn push_json_string(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    let _ = in_runs(s, json_escape, next_json_special, |run| {
        out.extend_from_slice(run.as_bytes());
        Ok::<(), std::convert::Infallible>(())
    });
    out.push(b'"');
}

/// Writes `input` with & < > " ' replaced by their entities (Tera's `EscapeFn`).
pub fn html(input: &str, out: &mut dyn Write) -> io::Result<()> {
    in_runs(input, html_entity, next_html_special, |run| {
        out.write_all(run.as_bytes())
    })
}

/// `input` with & < > " ' replaced by their entities, for HTML and XML built in Rust.
pub fn html_string(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    push_runs(&mut out, input, html_entity, next_html_special);
    out
}

/// Appends `input` to `out`, each byte `entity` replaces replaced.
pub(super) fn push_escaped(out: &mut String, input: &str, entity: fn(u8) -> Option<&'static str>) {
    // The bytes `entity` replaces are known only to it: they are looked for one at a time.
    let next = |bytes: &[u8]| bytes.iter().position(|&b| entity(b).is_some());
    push_runs(out, input, entity, next);
}

/// [`in_runs`] into a string, which cannot fail.
fn push_runs(
    out: &mut String,
    input: &str,
    entity: fn(u8) -> Option<&'static str>,
    next: impl Fn(&[u8]) -> Option<usize>,
) {
    let _ = in_runs(input, entity, next, |run| {
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

    /// Every kind of value a template can mark safe, through Tera's filter and ours.
    #[test]
    fn safe_marks_as_teras_own_filter_does() {
        let template = "{{ long | safe }}|{{ short | safe }}|{{ n | safe }}|{{ f | safe }}|\
                        {{ b | safe }}|{{ none | safe }}|{{ list | safe }}|{{ long }}";
        let render = |ours: bool| {
            let mut tera = tera::Tera::new();
            tera.set_escape_fn(html);
            if ours {
                tera.register_filter("safe", safe);
            }
            tera.add_raw_template("t.html", template).unwrap();
            let mut ctx = tera::Context::new();
            ctx.insert(
                "long",
                "<p>北上市の<b>総合戦略</b>は、まち・ひと・しごと</p>",
            );
            ctx.insert("short", "<b>A</b>");
            ctx.insert("n", &3);
            ctx.insert("f", &2.5);
            ctx.insert("b", &true);
            ctx.insert("none", &None::<String>);
            ctx.insert("list", &["<a>", "b"]);
            tera.render("t.html", &ctx).unwrap()
        };
        let ours = render(true);
        assert_eq!(ours, render(false));
        assert!(ours.starts_with("<p>北上市の<b>総合戦略</b>"), "{ours}");
        // Marking a copy leaves the value itself as it was: escaped where not marked.
        assert!(
            ours.ends_with(
                "|&lt;p&gt;北上市の&lt;b&gt;総合戦略&lt;/b&gt;は、まち・ひと・しごと&lt;/p&gt;"
            ),
            "{ours}"
        );
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

    /// Every byte value, at every place of a buffer of words and a remainder, among
    /// bytes on either side of the five: the word scan finds what a byte-wise one finds.
    #[test]
    fn the_word_scan_finds_the_first_of_the_five_and_nothing_else() {
        for filler in [b'a', b'!', b'%', b'=', b'?', b'#', 0x00, 0x80, 0xe3, 0xff] {
            for byte in 0..=u8::MAX {
                for at in 0..20 {
                    for later in [None, Some(b'&'), Some(b'>')] {
                        let mut bytes = vec![filler; 20];
                        bytes[at] = byte;
                        if let Some(l) = later {
                            bytes[19] = l;
                        }
                        let bytewise = bytes.iter().position(|&b| html_entity(b).is_some());
                        assert_eq!(next_html_special(&bytes), bytewise, "{bytes:?}");
                    }
                }
            }
        }
    }

    /// The JSON scan, as the HTML one: every byte at every place among fillers.
    #[test]
    fn the_json_word_scan_finds_the_first_byte_to_escape_and_nothing_else() {
        for filler in [b'a', b'!', b'#', b'[', b']', b' ', 0x7f, 0x80, 0xe3, 0xff] {
            for byte in 0..=u8::MAX {
                for at in 0..20 {
                    let mut bytes = vec![filler; 20];
                    bytes[at] = byte;
                    bytes[19] = if at < 19 { b'\\' } else { byte };
                    let bytewise = bytes
                        .iter()
                        .position(|&b| b < 0x20 || b == b'"' || b == b'\\');
                    assert_eq!(next_json_special(&bytes), bytewise, "{bytes:?}");
                }
            }
        }
    }

    proptest! {
        /// Byte for byte what serde_json writes, for text with every character JSON
        /// escapes.
        #[test]
        fn json_strings_are_written_as_serde_json_writes_them(input in "[\"\\\\/a-z 子育て\\PC\u{0}-\u{1f}\u{7f}\u{2028}\u{2029}]{0,80}") {
            let mut ours = Vec::new();
            push_json_string(&mut ours, &input);
            prop_assert_eq!(ours, serde_json::to_vec(&input).unwrap());
        }

        /// Byte for byte what Tera's own escaping writes, so themes render as before; and
        /// the string form is the same text.
        #[test]
        fn same_as_tera(input in "[<>&\"'/a-z 子育て\\PC!%(),=?\\[\\]~\u{0}-\u{1f}]{0,80}") {
            let mut theirs = Vec::new();
            tera::escape_html(&input, &mut theirs).unwrap();
            prop_assert_eq!(escaped(&input).into_bytes(), theirs.clone());
            prop_assert_eq!(html_string(&input).into_bytes(), theirs);
        }
    }
}
