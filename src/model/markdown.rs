//! Markdown as written in content: the text, where it stands in its file, the `@/…`
//! links it makes, and whether it is prose ([`super::prose`]). Both are found here, once
//! per file: the link stage resolves the links without parsing Markdown again (and the
//! preview re-finds them only in the file that changed), and the page, its description
//! and the search index each render prose without looking through it again.

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::prose::Prose;
use crate::diag::{FileRef, SourceFile};

/// The Markdown extensions content may use (tables, strikethrough, footnotes); the same
/// for finding links, rendering and indexing.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

/// Markdown text and where it was written, for located errors in its links.
#[derive(Clone, Debug)]
pub struct Markdown {
    pub text: String,
    pub file: FileRef,
    /// The `@/…` links in the text, in order.
    pub links: Vec<Mention>,
    /// Whether the text is prose ([`Markdown::prose`]).
    prose: bool,
}

/// A Markdown link to another page (`[…](@/programs/x.md#kpi-1)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Content-relative path without the `@/` and the fragment.
    pub target: String,
    /// Where to point an error about it: the link itself, or the whole text when
    /// offsets inside it are not exact.
    pub span: Range<usize>,
}

impl Markdown {
    /// `text` as it stands in `file`: from byte `offset`, spanning `span`. `exact` when
    /// offsets inside `text` map one-to-one onto the file (a body does; a TOML string
    /// with escapes may not, so errors about its links point at the whole string).
    pub fn new(
        text: String,
        file: &Arc<SourceFile>,
        offset: usize,
        exact: bool,
        span: Range<usize>,
    ) -> Markdown {
        let links = mentions(&text, |range| {
            if exact {
                offset + range.start..offset + range.end
            } else {
                span.clone()
            }
        });
        let prose = Prose::new(&text).is_some();
        Markdown {
            text,
            file: Arc::downgrade(file),
            links,
            prose,
        }
    }

    /// The text as prose, or `None` where it may hold Markdown syntax.
    pub fn prose(&self) -> Option<Prose<'_>> {
        self.prose.then(|| Prose::accepted(&self.text))
    }
}

/// A link destination that names a page (`@/programs/x.md#kpi-1`): the page's content
/// path and the fragment, if any.
pub fn page_link(dest: &str) -> Option<(&str, Option<&str>)> {
    let rest = dest.strip_prefix("@/")?;
    Some(
        rest.split_once('#')
            .map_or((rest, None), |(t, f)| (t, Some(f))),
    )
}

/// The `@/` links of `text`, each located by `locate` (from its range in `text`).
fn mentions(text: &str, locate: impl Fn(Range<usize>) -> Range<usize>) -> Vec<Mention> {
    // Every spelling of a link to `@/` (escaped, entity, reference definition) has an
    // `@` or a `&` in the text; most texts have neither and need no parse. (memchr: every
    // text of the site is looked through, and a character at a time was 0.7 % of a build.)
    if memchr::memchr2(b'@', b'&', text.as_bytes()).is_none() {
        return Vec::new();
    }
    Parser::new_ext(text, options())
        .into_offset_iter()
        .filter_map(|(event, range)| {
            let Event::Start(Tag::Link { dest_url, .. }) = event else {
                return None;
            };
            let (target, _) = page_link(&dest_url)?;
            Some(Mention {
                target: target.to_string(),
                span: locate(range),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<(String, Range<usize>)> {
        mentions(text, |r| r)
            .into_iter()
            .map(|m| (m.target, m.span))
            .collect()
    }

    #[test]
    fn finds_page_links_with_their_place_and_without_fragment() {
        let text =
            "前文 [事業](@/programs/a.md#kpi) と [外部](https://example.jp/) と [施策](@/s/p.md)";
        let found = links(text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "programs/a.md");
        assert_eq!(&text[found[0].1.clone()], "[事業](@/programs/a.md#kpi)");
        assert_eq!(found[1].0, "s/p.md");
    }

    #[test]
    fn finds_links_spelled_with_entities_escapes_and_definitions() {
        assert_eq!(links("[a](&#64;/x.md)")[0].0, "x.md");
        assert_eq!(links("[a](\\@/y.md)")[0].0, "y.md");
        assert_eq!(links("[a][r]\n\n[r]: @/z.md")[0].0, "z.md");
        assert!(links("メールは info@example.jp へ").is_empty());
    }
}
