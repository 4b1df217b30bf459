//! Markdown that is only paragraphs of text ("prose"), told by one pass over its bytes,
//! so that the model need not look through it for links, images and nesting.
//!
//! Why: most of what staff write (事業実績, 現状・課題, …) is plain sentences, which can
//! hold none of those. A text is prose when no character in it can start Markdown syntax:
//! outside of non-ASCII text (except the no-break space, which the sanitiser escapes),
//! ASCII letters and digits, the space, the line break and `. , % ( ) : ; / ? !`,
//! with no line starting or ending with a space and no line starting with digits
//! followed by `.` or `)` (an ordered list). Rendering always goes through the parser.

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

/// Whether `text` is prose: no character in it may start Markdown syntax.
pub fn is_prose(text: &str) -> bool {
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
                return false;
            }
        } else if !PROSE_ASCII[usize::from(b)] {
            return false;
        } else if b == b'\n' {
            if before == b' ' {
                return false;
            }
        } else if line_start && (b == b' ' || (b.is_ascii_digit() && numbered(&bytes[i..]))) {
            return false;
        }
        line_start = b == b'\n';
        before = b;
        i += 1;
    }
    before != b' '
}

/// Whether a line starting with these bytes starts with digits and `.` or `)`.
fn numbered(line: &[u8]) -> bool {
    let digits = line.iter().take_while(|b| b.is_ascii_digit()).count();
    matches!(line.get(digits), Some(b'.' | b')'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_prose() {
        assert!(is_prose(
            "県外への情報発信を強化した。
○見学会参加者数 142人


RWC2019（ラグビー）の機運を高めた。
"
        ));
        assert!(is_prose(
            "達成率は 95.2% (前年 80%)。問い合わせ: 企画課 / 内線 123!"
        ));
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
            assert!(!is_prose(text), "{text:?}");
        }
    }

    #[test]
    fn a_line_may_start_with_digits_but_not_with_a_list_number() {
        assert!(is_prose("2019年に開始した。\n3倍に増えた。"));
        // Not a list (no space after the dot), but told apart only by the parser.
        assert!(!is_prose("2019年に開始した。\n3.5倍"));
    }
}
