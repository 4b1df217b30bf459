//! Search text: Markdown → plain text, and the normalisation shared by the index and the
//! browser (`themes/default/static/search.js` applies the same two steps to a query).
//!
//! - [`normalize`]: NFKC (full-width Ｕ→U, half-width ｶ→カ, ① → 1), every run of white
//!   space as one space, and no bidi embedding, override or isolate controls (U+202A–E,
//!   U+2066–9: an excerpt joins several fields, and one field's U+202E must not reverse
//!   the next). This is the text stored for excerpts.
//! - [`fold`]: lower case, one character at a time, and only where the lower case is one
//!   character of the same UTF-16 length, so a folded text has exactly the offsets of its
//!   normalised text and an excerpt can be cut from the one at a match found in the other.

use pulldown_cmark::{Event, Parser, TagEnd};
use unicode_normalization::UnicodeNormalization;

use crate::model::Markdown;

/// Bidi controls dropped, then NFKC, white space runs as one space, trimmed.
///
/// Most characters of Japanese text are their own NFKC and join nothing next to them
/// ([`stable`]): stretches of them are copied as they are, read a byte at a time. Only
/// the other characters, each with the stable character before it (which it may join,
/// as ﾞ joins カ), go through the normaliser, which was the larger part of building the
/// search index.
pub fn normalize(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Spaces::with_capacity(s.len());
    // `s[copied..i]` is stable text without white space, not yet written.
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        let (len, kind) = char_at(bytes, i);
        match kind {
            Char::Stable => i += len,
            Char::Space => {
                out.word(&s[copied..i]);
                out.space();
                i += len;
                copied = i;
            }
            Char::Other => {
                // The character before may join this one: it goes through NFKC with
                // it, and so does every other character that follows.
                let from = if i > copied { char_before(bytes, i) } else { i };
                out.word(&s[copied..from]);
                let mut end = i + len;
                while end < bytes.len() {
                    let (len, kind) = char_at(bytes, end);
                    if kind != Char::Other {
                        break;
                    }
                    end += len;
                }
                normalize_run(&s[from..end], &mut out);
                (copied, i) = (end, end);
            }
        }
    }
    out.word(&s[copied..]);
    out.text
}

/// What [`normalize`] does with a character.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Char {
    /// ASCII, or [`stable`]: copied.
    Stable,
    /// ASCII white space (`char::is_whitespace`: U+0009–U+000D, U+0020): one space.
    Space,
    /// Anything else: through NFKC.
    Other,
}

/// The length of the character starting at `bytes[i]` (valid UTF-8) and what it is.
/// Japanese text is mostly ideographs and kana, so those are told from their first two
/// bytes; other three-byte characters are decoded.
#[inline(always)]
fn char_at(bytes: &[u8], i: usize) -> (usize, Char) {
    let copied_if = |yes| if yes { Char::Stable } else { Char::Other };
    match bytes[i] {
        b'\t'..=b'\r' | b' ' => (1, Char::Space),
        0..=0x7f => (1, Char::Stable),
        // U+5000–U+9FFF, and U+4E00–U+4FFF: CJK ideographs.
        0xe5..=0xe9 => (3, Char::Stable),
        0xe4 => (3, copied_if(bytes[i + 1] >= 0xb8)),
        // U+3000–U+30FF: punctuation and kana.
        0xe3 if bytes[i + 1] <= 0x83 => {
            let low = (usize::from(bytes[i + 1] & 0x03) << 6) | usize::from(bytes[i + 2] & 0x3f);
            (3, copied_if(STABLE_3000[low]))
        }
        lead @ 0xe0..=0xef => {
            let c = (u32::from(lead & 0x0f) << 12)
                | (u32::from(bytes[i + 1] & 0x3f) << 6)
                | u32::from(bytes[i + 2] & 0x3f);
            (3, copied_if(stable(c)))
        }
        0xf0.. => (4, Char::Other),
        _ => (2, Char::Other),
    }
}

/// [`stable`] for U+3000–U+30FF, by the code point's last eight bits.
const STABLE_3000: [bool; 256] = {
    let mut table = [false; 256];
    let mut low = 0;
    while low < 256 {
        table[low] = stable(0x3000 + low as u32);
        low += 1;
    }
    table
};

/// Where the character that ends at `bytes[i]` starts.
fn char_before(bytes: &[u8], i: usize) -> usize {
    let mut j = i - 1;
    while bytes[j] & 0xc0 == 0x80 {
        j -= 1;
    }
    j
}

/// A character (above ASCII, which is always stable) that is its own NFKC, has
/// combining class 0 and is never the second of a composed pair: kana letters, the marks
/// ー・々〇, CJK ideographs, the commonest Japanese punctuation and symbols (、。「」『』
/// 【】※ and ○◎●□■◇◆, which start the lines of review sheets). Between two stable
/// characters NFKC changes nothing and joins nothing, so a run of them is copied
/// ([`normalize`]); a test checks every one of them against the Unicode data.
const fn stable(c: u32) -> bool {
    matches!(c,
        0x3041..=0x3096 // hiragana letters
        | 0x30a1..=0x30fc // katakana letters, ・ and ー
        | 0x3001 | 0x3002 | 0x3005 | 0x3007 // 、。々〇
        | 0x300c..=0x3011 // 「」『』【】
        | 0x203b // ※
        | 0x25a0 | 0x25a1 | 0x25c6 | 0x25c7 | 0x25cb | 0x25ce | 0x25cf // ■□◆◇○◎●
        | 0x4e00..=0x9fff) // CJK unified ideographs
}

/// The full normalisation of a piece of text.
fn normalize_run(s: &str, out: &mut Spaces) {
    // Controls dropped before NFKC: one between a kana and its voicing mark would keep
    // them from composing (カ U+202E ﾞ must become ガ, as a query of カﾞ does).
    for c in s.chars().filter(|&c| !is_bidi_control(c)).nfkc() {
        out.push(c);
    }
}

/// Text with every run of white space as one space, none at the start or end.
struct Spaces {
    text: String,
    space: bool,
}

impl Spaces {
    fn with_capacity(n: usize) -> Self {
        Spaces {
            text: String::with_capacity(n),
            space: false,
        }
    }

    /// Writes text that is its own normal form and holds no white space.
    fn word(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.space {
            self.text.push(' ');
            self.space = false;
        }
        self.text.push_str(text);
    }

    /// White space: one space before the next word, if any word came before.
    fn space(&mut self) {
        self.space = !self.text.is_empty();
    }

    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            self.space();
        } else {
            if self.space {
                self.text.push(' ');
                self.space = false;
            }
            self.text.push(c);
        }
    }
}

/// Bidi embedding, override and isolate controls (not the marks U+200E/F, which reverse
/// nothing around them).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The case-folded form of one character (see the module docs).
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    // Kana, CJK punctuation and ideographs have no case.
    if ('\u{3000}'..='\u{9fff}').contains(&c) {
        return c;
    }
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) if l.len_utf16() == c.len_utf16() => l,
        _ => c,
    }
}

/// [`fold_char`] over a string.
pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// The words of a query: normalised, folded, split at white space (half- or full-width,
/// since NFKC turns U+3000 into a space). Several words mean all of them (AND).
pub fn query_terms(q: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for t in fold(&normalize(q)).split(' ').filter(|t| !t.is_empty()) {
        if !terms.iter().any(|x| x == t) {
            terms.push(t.to_string());
        }
    }
    terms
}

/// The text of Markdown as a reader sees it: text and code, blocks separated by a space.
/// Raw HTML is left out (the page shows it only after sanitising, if at all).
pub fn markdown_text(md: &Markdown, out: &mut String) {
    parsed_text(&md.text, out);
    out.push(' ');
}

/// [`markdown_text`] by pulldown-cmark, without the final space.
fn parsed_text(md: &str, out: &mut String) {
    // A sheet's wrapped line of Japanese reads as one (「支援する」「ため」 found as
    // 支援するため), as the page shows it.
    let parser = Parser::new_ext(md, crate::model::markdown::options());
    for event in crate::model::markdown::wide_breaks_joined(parser) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::FootnoteDefinition,
            ) => out.push(' '),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A wrapped line of Japanese is searched as one, as the page shows it; beside a
    /// Latin word the break is a space.
    #[test]
    fn a_line_break_between_wide_characters_joins_them() {
        let mut out = String::new();
        parsed_text("支援する\nため、UI\nターン", &mut out);
        assert_eq!(out, "支援するため、UI ターン ");
    }

    #[test]
    fn nfkc_turns_width_variants_into_one_form() {
        assert_eq!(normalize("ＵＩターン"), "UIターン");
        assert_eq!(normalize("ｶﾀｶﾅ"), "カタカナ");
        assert_eq!(
            normalize("  地域\u{3000}おこし\n協力隊 "),
            "地域 おこし 協力隊"
        );
        assert_eq!(fold(&normalize("ＵＩターン")), "uiターン");
        assert_eq!(normalize("a\u{202e}txt.exe\u{2066}b\u{2069}"), "atxt.exeb");
    }

    /// The whole text through NFKC, as [`normalize`] did before its fast path.
    fn normalize_slowly(s: &str) -> String {
        let mut out = Spaces::with_capacity(s.len());
        normalize_run(s, &mut out);
        out.text
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]
        /// Copying stable characters gives what NFKC of the whole text gives: characters
        /// that compose (か + ﾞ or U+3099, e + U+0301, jamo), width variants, bidi
        /// controls between them, and white space of every kind.
        #[test]
        fn fast_path_is_nfkc_of_the_whole(s in "[aeAＡ1１ 　\t\nか力カｶﾞﾟ\u{3099}\u{309a}\u{301}\u{202e}\u{2066}ー、「①㍻ﾃﾞ・々〇【※○◆ヽヾ･\u{a0}\u{1100}\u{1161}\u{11a8}가각\u{ff9e}地域]{0,24}") {
            prop_assert_eq!(normalize(&s), normalize_slowly(&s));
        }

        /// The same for any text, of characters from anywhere.
        #[test]
        fn fast_path_is_nfkc_of_any_text(s in "(\\PC|\\s|[\u{202a}-\u{202e}\u{2066}-\u{2069}]){0,24}") {
            prop_assert_eq!(normalize(&s), normalize_slowly(&s));
        }
    }

    /// Every character copied as it is by `normalize` is its own NFKC, has combining
    /// class 0, is never the second of a composed pair (NFC quick check "yes", not
    /// "maybe") and is not white space: what copying it relies on.
    #[test]
    fn stable_characters_are_their_own_nfkc_and_join_nothing() {
        use unicode_normalization::{IsNormalized, char::canonical_combining_class};
        let mut count = 0;
        for c in (0x80..=0x10ffff)
            .filter(|&c| stable(c))
            .filter_map(char::from_u32)
        {
            count += 1;
            assert_eq!(
                c.len_utf8(),
                3,
                "{c:?}: char_at decodes only three-byte characters"
            );
            assert!(!c.is_whitespace(), "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            let one = std::iter::once(c);
            assert_eq!(
                unicode_normalization::is_nfc_quick(one.clone()),
                IsNormalized::Yes,
                "{c:?}"
            );
            assert_eq!(
                unicode_normalization::is_nfkc_quick(one.clone()),
                IsNormalized::Yes,
                "{c:?}"
            );
            assert_eq!(one.nfkc().collect::<String>(), c.to_string(), "{c:?}");
        }
        assert!(count > 20_000, "{count}");
    }

    /// `char_at` reads every character's length and stability as decoding it would.
    #[test]
    fn char_at_agrees_with_decoding_every_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let kind = if c.is_ascii() && c.is_whitespace() {
                Char::Space
            } else if c.is_ascii() || stable(u32::from(c)) {
                Char::Stable
            } else {
                Char::Other
            };
            assert_eq!(char_at(bytes, 0), (c.len_utf8(), kind), "{c:?}");
        }
    }

    #[test]
    fn folding_keeps_every_offset() {
        // U+0130 lower-cases to two characters: kept as it is, so offsets stay put.
        let s = "İSTANBUL ΣΑΣ Ⅻ";
        let f = fold(s);
        assert_eq!(f.encode_utf16().count(), s.encode_utf16().count());
        assert_eq!(f, "İstanbul σασ ⅻ");
    }

    #[test]
    fn query_words_split_at_half_and_full_width_spaces() {
        assert_eq!(query_terms(" 移住\u{3000}ＵＩ  移住 "), vec!["移住", "ui"]);
        assert!(query_terms(" \u{3000} ").is_empty());
    }

    #[test]
    fn markdown_becomes_text_without_raw_html() {
        let mut s = String::new();
        parsed_text(
            "# 見出し\n\n本文の**強調**と[リンク](@/x.md)。\n\n<script>alert(1)</script>\n\n- 項目",
            &mut s,
        );
        assert_eq!(normalize(&s), "見出し 本文の強調とリンク。 項目");
    }
}
