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
use crate::model::prose::Prose;

/// Bidi controls dropped, then NFKC, white space runs as one space, trimmed.
///
/// Most characters of Japanese text are their own NFKC and join nothing next to them, so
/// they are copied as they are ([`class`]); only the runs between them go
/// through the normaliser, which was the larger part of building the search index.
pub fn normalize(s: &str) -> String {
    let mut out = Spaces::with_capacity(s.len());
    // The text from `start` not yet written, all of one kind.
    let mut pending: Option<(usize, Kind)> = None;
    let mut chars = s.char_indices().map(|(i, c)| (i, class(c)));
    let mut current = chars.next();
    while let Some((i, this)) = current {
        // Each character's class is found once, and seen as `next`, then as `this`.
        let next = chars.next();
        let kind = match (this, next) {
            (Some(k), None | Some((_, Some(_)))) => k,
            _ => Kind::Nfkc,
        };
        match pending {
            Some((_, k)) if k == kind => {}
            _ => {
                if let Some((start, k)) = pending {
                    out.write(&s[start..i], k);
                }
                pending = Some((i, kind));
            }
        }
        current = next;
    }
    if let Some((start, k)) = pending {
        out.write(&s[start..], k);
    }
    out.text
}

/// What a piece of text needs on its way into the normalised text.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Stable characters ([`class`]), no white space: copied as they are.
    Copied,
    /// Stable white space: one space at most.
    Space,
    /// Anything else: through NFKC.
    Nfkc,
}

/// The full normalisation of a piece of text.
fn normalize_run(s: &str, out: &mut Spaces) {
    // Controls dropped before NFKC: one between a kana and its voicing mark would keep
    // them from composing (カ U+202E ﾞ must become ガ, as a query of カﾞ does).
    for c in s.chars().filter(|&c| !is_bidi_control(c)).nfkc() {
        out.push(c);
    }
}

/// A character that is its own NFKC, has combining class 0 and is never the second of a
/// composed pair: ASCII, kana letters and ー, CJK ideographs, the commonest Japanese
/// punctuation. Between two such characters NFKC changes nothing and joins nothing, so
/// one followed by another passes through ([`normalize`]): as [`Kind::Space`] if it is
/// white space, else as [`Kind::Copied`]. `None` for any other character.
fn class(c: char) -> Option<Kind> {
    if c.is_ascii() {
        return Some(if c.is_whitespace() {
            Kind::Space
        } else {
            Kind::Copied
        });
    }
    // None of these is white space.
    matches!(c,
        '\u{3041}'..='\u{3096}' // hiragana letters
        | '\u{30a1}'..='\u{30fa}' // katakana letters
        | 'ー' | '、' | '。' | '「' | '」' | '『' | '』'
        | '\u{4e00}'..='\u{9fff}') // CJK unified ideographs
    .then_some(Kind::Copied)
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

    /// Writes `text`, all of one kind, as that kind needs.
    fn write(&mut self, text: &str, kind: Kind) {
        match kind {
            Kind::Copied => {
                if self.space {
                    self.text.push(' ');
                    self.space = false;
                }
                self.text.push_str(text);
            }
            Kind::Space => self.space = !self.text.is_empty(),
            Kind::Nfkc => normalize_run(text, self),
        }
    }

    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            self.space = !self.text.is_empty();
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
    match md.prose() {
        Some(prose) => prose_text(prose, out),
        None => parsed_text(&md.text, out),
    }
    out.push(' ');
}

/// [`markdown_text`] of prose: its lines, each paragraph followed by a space.
fn prose_text(prose: Prose, out: &mut String) {
    for p in prose.paragraphs() {
        for (i, line) in p.split('\n').enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(line);
        }
        out.push(' ');
    }
}

/// [`markdown_text`] by pulldown-cmark, without the final space.
fn parsed_text(md: &str, out: &mut String) {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// Prose's text is the text the parser's events give.
        #[test]
        fn prose_text_is_the_parsers(text in crate::model::prose::generated::text()) {
            if let Some(prose) = Prose::new(&text) {
                let (mut fast, mut slow) = (String::new(), String::new());
                prose_text(prose, &mut fast);
                parsed_text(&text, &mut slow);
                prop_assert_eq!(fast, slow, "{:?}", text);
            }
        }
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
        fn fast_path_is_nfkc_of_the_whole(s in "[aeAＡ1１ 　\t\nか力カｶﾞﾟ\u{3099}\u{309a}\u{301}\u{202e}\u{2066}ー、「①㍻ﾃﾞ\u{a0}\u{1100}\u{1161}\u{11a8}가각\u{ff9e}地域]{0,24}") {
            prop_assert_eq!(normalize(&s), normalize_slowly(&s));
        }

        /// The same for any text, of characters from anywhere.
        #[test]
        fn fast_path_is_nfkc_of_any_text(s in "(\\PC|\\s|[\u{202a}-\u{202e}\u{2066}-\u{2069}]){0,24}") {
            prop_assert_eq!(normalize(&s), normalize_slowly(&s));
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
