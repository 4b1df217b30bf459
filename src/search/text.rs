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

/// Bidi controls dropped, then NFKC, white space runs as one space, trimmed.
pub fn normalize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    // Controls dropped before NFKC: one between a kana and its voicing mark would keep
    // them from composing (カ U+202E ﾞ must become ガ, as a query of カﾞ does).
    for c in s.chars().filter(|&c| !is_bidi_control(c)).nfkc() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
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
pub fn markdown_text(md: &str, out: &mut String) {
    for event in Parser::new_ext(md, crate::model::markdown::options()) {
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
    out.push(' ');
}

#[cfg(test)]
mod tests {
    use super::*;

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
        markdown_text(
            "# 見出し\n\n本文の**強調**と[リンク](@/x.md)。\n\n<script>alert(1)</script>\n\n- 項目",
            &mut s,
        );
        assert_eq!(normalize(&s), "見出し 本文の強調とリンク。 項目");
    }
}
