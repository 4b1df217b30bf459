//! `[search] words` in site.toml: other ways a reader types a word the pages write — its
//! reading in hiragana (移住 → いじゅう), a common other spelling (サントミューゼ →
//! サントミュージ), an everyday name for an official one. Each line is the word as the
//! pages write it, then the others:
//!
//! ```toml
//! [search]
//! words = [
//!   ["移住", "いじゅう"],
//!   ["サントミューゼ", "さんとみゅーぜ", "上田市交流文化芸術センター"],
//! ]
//! ```
//!
//! The search (outputs::search) finds a page holding the word when a reader types one of
//! the others; it never adds the others to a page. Only the city's list is used: kensho
//! knows no readings of its own.

use super::reader::{Table, type_error};
use crate::diag::Message;
use crate::load::tree::Value;

/// One line of `words`: the word as the pages write it and the other ways to type it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchWord {
    pub word: String,
    pub others: Vec<String>,
}

/// `[search]`: its `words`, each line checked (strings, at least two, no spaces inside a
/// word, since a query is split into words at spaces and such a word is never typed whole).
pub fn read(mut t: Table<'_>) -> Vec<SearchWord> {
    let ctx = t.ctx;
    let field = t.field_of("words");
    let words = match t.value("words") {
        None => Vec::new(),
        Some(v) => match &v.node.value {
            Value::Array(lines) => lines
                .iter()
                .enumerate()
                .filter_map(|(i, line)| read_line(ctx, &crate::diag::nth(&field, i), line))
                .collect(),
            _ => {
                type_error(ctx, &field, v.node, LINES);
                Vec::new()
            }
        },
    };
    t.finish();
    words
}

const LINES: (&str, &str) = (
    "語の並びを並べたもの（例: words = [[\"移住\", \"いじゅう\"]]）",
    "an array of lines of words (e.g. words = [[\"移住\", \"いじゅう\"]])",
);

fn read_line(
    ctx: &super::reader::Ctx<'_>,
    field: &str,
    line: &crate::load::tree::Node,
) -> Option<SearchWord> {
    let Value::Array(items) = &line.value else {
        type_error(ctx, field, line, LINES);
        return None;
    };
    let mut words = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let field = crate::diag::nth(field, i);
        let Value::String(s) = &item.value else {
            type_error(ctx, &field, item, ("文字列", "a string"));
            return None;
        };
        ctx.check_bidi(&item.span, &field, s);
        let s = s.trim();
        if s.is_empty() || s.chars().any(char::is_whitespace) {
            ctx.error(item.span.clone(), &field, Message::new(
                format!("検索の語は、空白を含まない一つの語で書いてください（検索は空白で語に分けるため、空白を含む語では見つかりません）。「{s}」"),
                format!("a search word is one word without spaces (a search splits what a reader types at spaces, so a word holding one is never found); found \"{s}\""),
            ));
            return None;
        }
        words.push(s.to_string());
    }
    if words.len() < 2 {
        ctx.error(line.span.clone(), field, Message::new(
            "一行には、ページに書いてある語と、ほかの探し方（読み方や別の書き方）を一つ以上並べてください（例: [\"移住\", \"いじゅう\"]）".to_string(),
            "each line holds the word as the pages write it, then at least one other way a reader types it (e.g. [\"移住\", \"いじゅう\"])".to_string(),
        ));
        return None;
    }
    let word = words.remove(0);
    Some(SearchWord {
        word,
        others: words,
    })
}
