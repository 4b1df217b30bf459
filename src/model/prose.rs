//! Markdown that is only paragraphs of text ("prose"), told by one pass over its bytes,
//! so that rendering it and indexing it need no Markdown parse.
//!
//! Why: most of what staff write (事業実績, 現状・課題, …) is plain sentences; parsing
//! each text again for its page, its print view and the search index was most of the
//! Markdown time. A text is prose when no character in it can start Markdown syntax:
//! outside of non-ASCII text (except the no-break space, which the sanitiser escapes),
//! ASCII letters and digits, the space, the line break and `. , % ( ) : ; / ? !`,
//! with no line starting or ending with a space and no line starting with digits
//! followed by `.` or `)` (an ordered list). Anything else goes through the parser.
//! Tests hold both outputs to pulldown-cmark's on generated text
//! (`draw::markdown`, `search::text`).

/// Prose: paragraphs separated by blank lines, lines by `\n`.
#[derive(Clone, Copy, Debug)]
pub struct Prose<'a>(&'a str);

/// The ASCII bytes prose may hold (see the module docs).
const PROSE_ASCII: [bool; 128] = {
    let mut ok = [false; 128];
    let mut b = 0;
    while b < 128 {
        ok[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    let others = b" \n.,%():;/?!";
    let mut i = 0;
    while i < others.len() {
        ok[others[i] as usize] = true;
        i += 1;
    }
    ok
};

impl<'a> Prose<'a> {
    /// `text` as prose, or `None` where it may hold Markdown syntax.
    pub fn new(text: &'a str) -> Option<Prose<'a>> {
        let bytes = text.as_bytes();
        let mut line_start = true;
        let mut before = b'\n';
        let mut i = 0;
        while i < bytes.len() {
            // Most of a Japanese text is multi-byte characters, which need no look: sixteen
            // bytes at a time while none is ASCII or the lead byte C2.
            if let Some(chunk) = bytes.get(i..i + 16)
                && chunk
                    .iter()
                    .fold(true, |all, &b| all & (b >= 0x80) & (b != 0xc2))
            {
                i += 16;
                line_start = false;
                before = 0x80;
                continue;
            }
            let b = bytes[i];
            if b >= 0x80 {
                // U+00A0 is C2 A0: the sanitiser writes it as &nbsp;.
                if b == 0xc2 && bytes.get(i + 1) == Some(&0xa0) {
                    return None;
                }
            } else if !PROSE_ASCII[usize::from(b)] {
                return None;
            } else if b == b'\n' {
                if before == b' ' {
                    return None;
                }
            } else if line_start && (b == b' ' || (b.is_ascii_digit() && numbered(&bytes[i..]))) {
                return None;
            }
            line_start = b == b'\n';
            before = b;
            i += 1;
        }
        (before != b' ').then_some(Prose(text))
    }

    /// `text`, which [`Prose::new`] accepted before (`model::Markdown` keeps the answer).
    pub(super) fn accepted(text: &'a str) -> Prose<'a> {
        Prose(text)
    }

    /// The text as written.
    pub fn as_str(self) -> &'a str {
        self.0
    }

    /// The paragraphs, each its lines joined by `\n`, without blank lines around them.
    pub fn paragraphs(self) -> impl Iterator<Item = &'a str> {
        let mut rest = self.0;
        std::iter::from_fn(move || {
            let start = rest.trim_start_matches('\n');
            if start.is_empty() {
                return None;
            }
            let (paragraph, after) = start.split_at(paragraph_end(start.as_bytes()));
            rest = after;
            Some(paragraph.trim_end_matches('\n'))
        })
    }
}

/// Where the paragraph at the start of `text` ends: its first blank line, or the end.
fn paragraph_end(text: &[u8]) -> usize {
    let mut from = 0;
    while let Some(at) = memchr::memchr(b'\n', &text[from..]) {
        let i = from + at;
        if text.get(i + 1) == Some(&b'\n') {
            return i;
        }
        from = i + 1;
    }
    text.len()
}

/// Whether a line starting with these bytes starts with digits and `.` or `)`.
fn numbered(line: &[u8]) -> bool {
    let digits = line.iter().take_while(|b| b.is_ascii_digit()).count();
    matches!(line.get(digits), Some(b'.' | b')'))
}

/// Generated text for the tests that hold prose's outputs to pulldown-cmark's.
#[cfg(test)]
pub(crate) mod generated {
    use proptest::prelude::*;

    /// What prose is made of, and the edges of its rules (a digit and a dot at a line's
    /// start, spaces at its ends, the no-break space).
    const PROSE: &[&str] = &[
        "あ", "漢字", "ー", "。", "、", "○", "（", "）", "A", "z", "0", "9", "2019", " ", " ",
        "\n", "\n", "\n\n", "\n\n\n", ".", ",", "%", "(", ")", ":", ";", "/", "?", "!", "\u{3000}",
        "\u{2028}", "é", "\u{a0}", "1.", "2)", "12. ", "3",
    ];
    /// Markdown syntax, and what the parser treats apart.
    const SYNTAX: &[&str] = &[
        "-", "*", "#", "[", "]", "<", ">", "&", "\"", "'", "\t", "\r", "_", "`", "~", "|", "=",
        "+", "\\", "  \n", "\n    ", "---", "\n===\n", "[a](b)", "**a**",
    ];

    /// Texts of up to 40 pieces, about half of them with no Markdown syntax.
    pub fn text() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            30 => prop::sample::select(PROSE),
            1 => prop::sample::select(SYNTAX),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|p| p.concat())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str) -> Option<Vec<&str>> {
        Prose::new(text).map(|p| p.paragraphs().collect())
    }

    #[test]
    fn sentences_are_prose() {
        assert_eq!(
            paragraphs(
                "県外への情報発信を強化した。\n○見学会参加者数 142人\n\n\nRWC2019（ラグビー）の機運を高めた。\n"
            ),
            Some(vec![
                "県外への情報発信を強化した。\n○見学会参加者数 142人",
                "RWC2019（ラグビー）の機運を高めた。"
            ])
        );
        assert!(Prose::new("達成率は 95.2% (前年 80%)。問い合わせ: 企画課 / 内線 123!").is_some());
    }

    #[test]
    fn anything_markdown_might_read_is_not() {
        for text in [
            "- 項目",
            "1. 項目",
            "12) 項目",
            "# 見出し",
            "見出し\n===",
            "**強調**",
            "[リンク](@/a.md)",
            "a & b",
            "<b>太字</b>",
            "行末に空白 \n次の行",
            "行末に空白 ",
            " 字下げ",
            "\tタブ",
            "a\r\nb",
            "no-break\u{a0}space",
            "表 | 列",
            "~~取消~~",
            "\"引用\"",
            "it's",
            "a_b",
            "`code`",
            "a\\b",
        ] {
            assert!(Prose::new(text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn a_line_may_start_with_digits_but_not_with_a_list_number() {
        assert!(Prose::new("2019年に開始した。\n3倍に増えた。").is_some());
        // Not a list (no space after the dot), but told apart only by the parser.
        assert!(Prose::new("2019年に開始した。\n3.5倍").is_none());
    }
}
