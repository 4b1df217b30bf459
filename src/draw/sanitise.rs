//! Sanitising the HTML of Markdown: ammonia's allow-list, and a fast path that gives
//! ammonia's output without its HTML parse for Markdown that holds no raw HTML.
//!
//! Why a fast path: ammonia parses every text into a DOM and serialises it again, which
//! was half of all Markdown time (5 % of a 10,000-page build), yet staff rarely write raw
//! HTML. For Markdown made only of the constructs [`Plain`] accepts, pulldown-cmark's
//! HTML differs from ammonia's output in a few known places, which [`as_sanitised`]
//! rewrites; a proptest checks the two agree byte for byte on generated Markdown. Any
//! other construct (raw HTML, images, footnotes, code blocks, a link ammonia would
//! strip) sends the whole text through ammonia.

use std::sync::LazyLock;

use ammonia::Url;
use pulldown_cmark::{Event, LinkType, Tag, TagEnd};

/// The link schemes kept; any other absolute URL loses its link.
const SCHEMES: [&str; 4] = ["http", "https", "mailto", "tel"];
/// What every link gets, so a linked page cannot reach back through `window.opener`.
const LINK_REL: &str = "noopener noreferrer";

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.link_rel(Some(LINK_REL))
        .url_schemes(SCHEMES.into_iter().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .add_generic_attributes(["lang"])
        .strip_comments(true);
    b
});

/// Safe HTML of Markdown's events: pulldown-cmark's HTML, sanitised — without ammonia's
/// parse when every event is plain ([`Plain`]).
pub fn safe_html<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    let (html, plain) = html_of(events);
    sanitised(&html, plain)
}

/// pulldown-cmark's HTML of `events`, and whether every event was plain.
fn html_of<'a>(events: impl Iterator<Item = Event<'a>>) -> (String, bool) {
    let mut plain = Plain::default();
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.inspect(|e| plain.see(e)));
    (html, !plain.mixed)
}

/// Ammonia's output for `html`: rewritten by [`as_sanitised`] when it is plain and holds
/// no link ammonia would strip, else from ammonia itself.
fn sanitised(html: &str, plain: bool) -> String {
    plain
        .then(|| as_sanitised(html))
        .flatten()
        .unwrap_or_else(|| with_ammonia(html))
}

/// The full sanitiser.
fn with_ammonia(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Watches the events pulldown-cmark writes, to tell whether all of them are *plain*:
/// written as HTML that [`as_sanitised`] knows. That is no raw HTML, only elements and
/// attributes ammonia keeps or [`as_sanitised`] drops, and no link inside a link (the
/// HTML parser would close the outer one).
#[derive(Debug, Default)]
struct Plain {
    /// An event that is not plain was seen.
    mixed: bool,
    open_links: usize,
}

impl Plain {
    fn see(&mut self, event: &Event) {
        self.mixed = self.mixed || !self.is_plain(event);
    }

    fn is_plain(&mut self, event: &Event) -> bool {
        match event {
            // The HTML parser would turn CR into LF and drop NUL.
            // (Bytes, not characters: every text of every page passes here.)
            Event::Text(t) | Event::Code(t) => memchr::memchr2(b'\r', 0, t.as_bytes()).is_none(),
            Event::SoftBreak | Event::HardBreak | Event::Rule => true,
            Event::End(TagEnd::Link) => {
                self.open_links = self.open_links.saturating_sub(1);
                true
            }
            Event::End(_) => true,
            Event::Start(tag) => match tag {
                Tag::Paragraph
                | Tag::List(_)
                | Tag::Item
                | Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell
                | Tag::BlockQuote(None) => true,
                Tag::Heading {
                    id, classes, attrs, ..
                } => id.is_none() && classes.is_empty() && attrs.is_empty(),
                Tag::Link { link_type, .. } => {
                    self.open_links += 1;
                    self.open_links == 1
                        && !matches!(link_type, LinkType::Email | LinkType::WikiLink { .. })
                }
                _ => false,
            },
            _ => false,
        }
    }
}

/// Ammonia's output for pulldown-cmark's HTML of [`Plain`] events, or `None` where a
/// link's URL is one ammonia would strip. Every `<` in such HTML opens a tag written by
/// pulldown-cmark (text has `&lt;`), and its first `>` closes it (attribute values have
/// `&gt;` or `%3E`). The serialiser escapes & < > " and no-break space in attributes
/// (html5ever 0.40), & < > and no-break space in text.
fn as_sanitised(html: &str) -> Option<String> {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(at) = rest.find(['<', '\u{a0}']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix('\u{a0}') {
            out.push_str("&nbsp;");
            rest = after;
            continue;
        }
        let end = rest.find('>')? + 1;
        rewrite_tag(&rest[..end], &mut out)?;
        rest = &rest[end..];
    }
    out.push_str(rest);
    Some(out)
}

/// One tag as ammonia writes it (see [`as_sanitised`]).
fn rewrite_tag(tag: &str, out: &mut String) -> Option<()> {
    match tag {
        // HTML serialises void elements without the slash.
        "<br />" => out.push_str("<br>"),
        "<hr />" => out.push_str("<hr>"),
        // Table alignment is a style attribute, which the allow-list drops.
        _ if tag.starts_with("<th style=") => out.push_str("<th>"),
        _ if tag.starts_with("<td style=") => out.push_str("<td>"),
        _ if tag.starts_with("<a href=\"") => {
            let inner = tag.strip_prefix("<a href=\"")?.strip_suffix("\">")?;
            let (href, title) = match inner.split_once("\" title=\"") {
                Some((href, title)) => (href, Some(title)),
                None => (inner, None),
            };
            // The parser decodes the attribute; the serialiser escapes only & again.
            let href = href.replace("&#x27;", "'");
            if !kept(&href.replace("&amp;", "&")) {
                return None;
            }
            out.push_str("<a href=\"");
            out.push_str(&href);
            if let Some(title) = title {
                out.push_str("\" title=\"");
                out.push_str(&title.replace("&#39;", "'").replace('\u{a0}', "&nbsp;"));
            }
            out.push_str("\" rel=\"");
            out.push_str(LINK_REL);
            out.push_str("\">");
        }
        _ => out.push_str(tag),
    }
    Some(())
}

/// Whether ammonia keeps a link to `url`: a relative URL, or an absolute one with an
/// allowed scheme.
fn kept(url: &str) -> bool {
    match Url::parse(url) {
        Ok(u) => SCHEMES.contains(&u.scheme()),
        Err(e) => e == ammonia::url::ParseError::RelativeUrlWithoutBase,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use pulldown_cmark::Parser;

    use crate::model::markdown::options;

    /// (fast path taken, its output or ammonia's) and ammonia's own output.
    fn both(md: &str) -> (bool, String, String) {
        let (html, plain) = html_of(Parser::new_ext(md, options()));
        let out = safe_html(Parser::new_ext(md, options()));
        assert_eq!(out, sanitised(&html, plain));
        (plain, out, with_ammonia(&html))
    }

    #[test]
    fn plain_markdown_takes_the_fast_path_and_matches_ammonia() {
        let md = "## 現状\n\n人口は**1,234人**（&lt;速報&gt;）。\u{a0}詳しくは[市の\
                  ページ](https://example.jp/a?b=1&c='d' \"題 <x> & \\\"y\\\"\")と\
                  [計画](../plan/)。  \n改行\n\n---\n\n| 年度 | 値 |\n|:--|--:|\n| R1 | 2 |\n\n\
                  > 引用 ~~旧~~\n\n3. 三\n4. 四\n";
        let (plain, fast, ammonia) = both(md);
        assert!(plain);
        assert_eq!(fast, ammonia);
        assert!(fast.contains("rel=\"noopener noreferrer\""), "{fast}");
    }

    #[test]
    fn raw_html_and_unsafe_links_go_through_ammonia() {
        for md in [
            "<script>alert(1)</script>",
            "a <b onclick=\"x\">b</b>",
            "[x](javascript:alert(1))",
            "![画像](x.png)",
            "```\ncode\n```",
            "注[^1]\n\n[^1]: 脚注",
        ] {
            let (_, out, ammonia) = both(md);
            assert_eq!(out, ammonia, "{md}");
            assert!(
                !out.contains("javascript") && !out.contains("onclick"),
                "{out}"
            );
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, Parser::new("[x](javascript:alert(1))"));
        assert_eq!(as_sanitised(&html), None, "a link ammonia strips");
    }

    /// Pieces Markdown is made of, including every character the HTML parser or
    /// serialiser treats specially.
    const PIECES: &[&str] = &[
        "子育て",
        "a",
        " ",
        "  ",
        "\n",
        "\n\n",
        "*",
        "**",
        "_",
        "~~",
        "`",
        "[",
        "]",
        "(",
        ")",
        "](",
        "](https://example.jp/?a=1&b='c'#d)",
        "](../x/ \"t<&>\\\"'\")",
        "](mailto:a@b.jp)",
        "](javascript:alert(1))",
        "](http://[::1)",
        "](x y)",
        "<https://example.jp>",
        "<a@b.jp>",
        "- ",
        "1. ",
        "7. ",
        "> ",
        "# ",
        "### ",
        "|",
        "| a | b |\n|---|:-:|\n",
        "\u{a0}",
        "&",
        "<",
        ">",
        "\"",
        "'",
        "&amp;",
        "&nbsp;",
        "&#39;",
        "---",
        "  \n",
        "\\",
        "\t",
        "\r\n",
        "\u{0}",
        "\u{feff}",
        "\u{202e}",
        "<b>",
        "</p>",
        "![i](x.png)",
        "[^1]",
        "[r]",
        "[r]: /ref \"ref\"\n",
        "```",
        "    ",
        "=",
        "---\n",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4000))]
        /// Whatever the path taken, the result is ammonia's output byte for byte.
        #[test]
        fn fast_path_output_is_ammonias(picks in prop::collection::vec(0..PIECES.len(), 0..40)) {
            let md: String = picks.iter().map(|&i| PIECES[i]).collect();
            let (_, out, ammonia) = both(&md);
            prop_assert_eq!(out, ammonia, "{:?}", md);
        }
    }
}
