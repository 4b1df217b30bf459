//! Markdown → safe HTML: `@/…` links become page URLs, headings shift under the page's
//! own headings, and the result is sanitised (`draw::sanitise`), because content comes
//! from many departments and is untrusted.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::draw::sanitise::safe_html;
use crate::model::Markdown;
use crate::model::markdown::checks::{html_url, rewrite_urls};
use crate::model::markdown::files::url_path;
use crate::model::markdown::{FileLink, options, page_link, wide_breaks_joined};

/// Turns a content path (`senryaku/x.md`) into a URL relative to the current page.
pub trait Resolver {
    fn url_of(&self, target: &str) -> Option<String>;
    /// The way from the current page to the site's top (`../../`), for files beside
    /// the content, which are published at their content path.
    fn root(&self) -> String;
}

/// Render `md`; its shallowest heading becomes `<h{base}>`.
pub fn render(md: &Markdown, resolver: &dyn Resolver, base: u8) -> String {
    render_placed(md, resolver, base).0
}

/// [`render`], and whether the HTML is the same wherever it is shown: Markdown without
/// headings (which `base` shifts) and without `@/…` links (which `resolver` makes
/// relative to the page) renders the same on any page at any level.
pub fn render_placed(md: &Markdown, resolver: &dyn Resolver, base: u8) -> (String, bool) {
    // Too deep or too large to parse and sanitise in time (`model::markdown::checks`); an
    // error was reported, so no page is published with it.
    if md.unrendered {
        return (String::new(), true);
    }
    placed(&md.text, &md.files, resolver, base)
}

/// [`render`] of a text, for the tests.
/// The visible text of Markdown as the page shows it, from its HTML (rendered and
/// sanitised like the page's own text, so a script's source never becomes words): tags
/// dropped, entities decoded, white space folded.
pub fn visible_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |c| open + c + 1);
        // Tags separate words, except inline ones inside a sentence.
        let tag = &rest[open..close];
        let inline = [
            "<a", "</a", "<strong", "</strong", "<em", "</em", "<code", "</code", "<span",
            "</span", "<del", "</del",
        ]
        .iter()
        .any(|t| tag.starts_with(t) && tag[t.len()..].starts_with([' ', '>']));
        if !inline {
            text.push(' ');
        }
        rest = &rest[close..];
    }
    text.push_str(rest);
    // Every entity starts with &, and most text has none.
    let text = if text.contains('&') {
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&nbsp;", " ")
            .replace("&amp;", "&")
    } else {
        text
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
pub(crate) fn render_str(text: &str, resolver: &dyn Resolver, base: u8) -> String {
    placed(text, &[], resolver, base).0
}

/// [`render_placed`] of `text`, whose links to files are `files`.
fn placed(text: &str, files: &[FileLink], resolver: &dyn Resolver, base: u8) -> (String, bool) {
    if text.trim().is_empty() {
        return (String::new(), true);
    }
    parsed(text, files, resolver, base)
}

/// The URL of the file a link or image names, from the current page: its content path
/// under the site's top, with what followed the path as written (`#page=2`).
fn file_url(dest: &str, files: &[FileLink], resolver: &dyn Resolver) -> Option<String> {
    let f = files.iter().find(|f| f.dest == dest)?;
    Some(format!("{}{}", resolver.root(), f.url_from_top()))
}

/// [`placed`] by pulldown-cmark and the sanitiser.
fn parsed(text: &str, files: &[FileLink], resolver: &dyn Resolver, base: u8) -> (String, bool) {
    // Whether the HTML depends on the page: a heading or an `@/…` link was met.
    let mut depends = false;
    let shift = |level: HeadingLevel| -> HeadingLevel {
        let n = (level as u8 + base.saturating_sub(1)).min(6);
        HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
    };
    // Links to unpublished pages (drafts) keep their text and lose the link; the stack
    // remembers, for each open link, whether its start was dropped.
    let mut dropped: Vec<bool> = Vec::new();
    let events = html_blocks_joined(wide_breaks_joined(Parser::new_ext(text, options())))
        .filter_map(|event| match event {
            Event::Html(html) => Some(Event::Html(
                html_urls(&html, files, resolver, &mut depends).map_or(html, CowStr::from),
            )),
            Event::InlineHtml(html) => Some(Event::InlineHtml(
                html_urls(&html, files, resolver, &mut depends).map_or(html, CowStr::from),
            )),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match page_link(&dest_url) {
                    Some((target, fragment)) => {
                        depends = true;
                        let Some(url) = resolver.url_of(target) else {
                            dropped.push(true);
                            return None;
                        };
                        let url = match fragment {
                            Some(f) => format!("{url}#{f}"),
                            None => url,
                        };
                        CowStr::from(url)
                    }
                    None => match file_url(&dest_url, files, resolver) {
                        Some(url) => {
                            depends = true;
                            CowStr::from(url)
                        }
                        None => dest_url,
                    },
                };
                dropped.push(false);
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = match file_url(&dest_url, files, resolver) {
                    Some(url) => {
                        depends = true;
                        CowStr::from(url)
                    }
                    None => dest_url,
                };
                Some(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            }
            Event::End(TagEnd::Link) => {
                (!dropped.pop().unwrap_or(false)).then_some(Event::End(TagEnd::Link))
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                depends = true;
                Some(Event::Start(Tag::Heading {
                    level: shift(level),
                    id,
                    classes,
                    attrs,
                }))
            }
            Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(shift(level)))),
            other => Some(other),
        });
    let html = safe_html(events);
    (html, !depends)
}

/// The events with each HTML block's lines as one event, so a tag written over several
/// lines is seen whole (as the scan that found its links saw it).
fn html_blocks_joined<'a>(
    events: impl Iterator<Item = Event<'a>>,
) -> impl Iterator<Item = Event<'a>> {
    let mut events = events.peekable();
    std::iter::from_fn(move || {
        let event = events.next()?;
        let Event::Html(first) = event else {
            return Some(event);
        };
        if !matches!(events.peek(), Some(Event::Html(_))) {
            return Some(Event::Html(first));
        }
        let mut all = first.into_string();
        while let Some(Event::Html(next)) = events.next_if(|e| matches!(e, Event::Html(_))) {
            all.push_str(&next);
        }
        Some(Event::Html(all.into()))
    })
}

/// Raw HTML with its links and images rewritten as Markdown's are: an `@/…` page to its
/// URL (a page not published loses the link), a file beside the content to its URL.
/// `None` when nothing changed.
fn html_urls(
    html: &str,
    files: &[FileLink],
    resolver: &dyn Resolver,
    depends: &mut bool,
) -> Option<String> {
    if !html.contains('<') {
        return None;
    }
    let out = rewrite_urls(html, |url| {
        let decoded = html_url(url.value)?;
        if !url.image
            && let Some((target, fragment)) = page_link(&decoded)
        {
            return Some(resolver.url_of(target).map(|u| match fragment {
                Some(f) => format!("{u}#{f}"),
                None => u,
            }));
        }
        let f = files.iter().find(|f| f.dest == url.value)?;
        let suffix = decoded.find(['?', '#']).map_or("", |i| &decoded[i..]);
        Some(Some(format!(
            "{}{}{suffix}",
            resolver.root(),
            url_path(&f.path)
        )))
    });
    *depends |= out.is_some();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed;
    impl Resolver for Fixed {
        fn url_of(&self, target: &str) -> Option<String> {
            (target == "plan/a.md").then(|| "../plan/a/".to_string())
        }

        fn root(&self) -> String {
            "../../".to_string()
        }
    }

    /// [`placed`] of a text.
    fn placed_str(text: &str, base: u8) -> (String, bool) {
        placed(text, &[], &Fixed, base)
    }

    /// A sheet's wrapped line of Japanese is one line on the page (平塚市's 「支援する」 /
    /// 「ため」, round 41: Chromium drew a space between them); a break beside a Latin word,
    /// a digit or Hangul stays a space, and a hard break stays a break.
    #[test]
    fn a_line_break_between_wide_characters_joins_them() {
        let html = |t: &str| placed_str(t, 2).0;
        assert_eq!(html("支援する\nため、"), "<p>支援するため、</p>\n");
        assert_eq!(
            html("運営委\n員会（第2回）\nを開き"),
            "<p>運営委員会（第2回）を開き</p>\n"
        );
        assert_eq!(html("UI\nターン"), "<p>UI\nターン</p>\n");
        assert_eq!(html("5\n団体"), "<p>5\n団体</p>\n");
        assert_eq!(html("한국\n어"), "<p>한국\n어</p>\n");
        assert_eq!(html("支援する  \nため"), "<p>支援する<br>\nため</p>\n");
        // After a link's or an emphasis's words, as after plain words.
        assert_eq!(html("**支援**\nする"), "<p><strong>支援</strong>する</p>\n");
    }

    #[test]
    fn links_and_images_to_files_point_at_their_published_place() {
        let files: Vec<FileLink> = ["img/写真 1.png", "../sheet.pdf#page=2"]
            .iter()
            .zip(["s/img/写真 1.png", "sheet.pdf"])
            .map(|(dest, path)| FileLink {
                dest: dest.to_string(),
                path: path.to_string(),
                span: 0..0,
            })
            .collect();
        let (html, anywhere) = placed(
            "![写真](<img/写真 1.png>) [原本](../sheet.pdf#page=2)",
            &files,
            &Fixed,
            2,
        );
        assert!(
            html.contains(r#"src="../../s/img/%E5%86%99%E7%9C%9F%201.png""#)
                || html.contains(r#"src="../../s/img/写真%201.png""#),
            "{html}"
        );
        assert!(html.contains(r#"alt="写真""#), "{html}");
        assert!(html.contains(r#"href="../../sheet.pdf#page=2""#), "{html}");
        assert!(!anywhere);
    }

    #[test]
    fn rewrites_references_and_keeps_fragments() {
        let html = render_str("[A](@/plan/a.md#kpi-1)", &Fixed, 2);
        assert!(html.contains(r#"href="../plan/a/#kpi-1""#), "{html}");
    }

    #[test]
    fn links_to_unpublished_pages_keep_their_text_only() {
        let html = render_str("see [the draft](@/plan/draft.md) here", &Fixed, 2);
        assert_eq!(html.trim(), "<p>see the draft here</p>");
    }

    #[test]
    fn strips_scripts_and_handlers() {
        let html = render_str(
            "<script>alert(1)</script><img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">x</a>",
            &Fixed,
            2,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn tells_html_that_reads_the_same_anywhere() {
        let anywhere = |text| placed_str(text, 3).1;
        assert!(anywhere(
            "本文と[外部](https://example.jp/)のリンク。\n\n- 一\n- 二"
        ));
        assert!(!anywhere("見出しのあと\n\n## 詳細"));
        assert!(!anywhere("下線の見出し\n---"));
        assert!(!anywhere("[A](@/plan/a.md)を参照"));
        assert!(!anywhere("[下書き](@/plan/draft.md)を参照"));
    }

    #[test]
    fn paragraphs_and_line_breaks_are_the_parsers() {
        // A paragraph's lines joined (between Japanese characters with nothing, below).
        let text = "事業を実施した。\n参加者 142人\n\n課題が残る。";
        assert_eq!(
            placed_str(text, 2),
            (
                "<p>事業を実施した。参加者 142人</p>\n<p>課題が残る。</p>\n".to_string(),
                true
            )
        );
    }

    /// Every Markdown body and front-matter string of the hostile fixture site, rendered
    /// as Markdown, holds no element, attribute or URL that could run a script.
    #[test]
    fn the_hostile_sites_texts_run_nothing() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/hostile");
        let mut shown = String::new();
        for entry in walkdir::WalkDir::new(root.join("content")) {
            let path = entry.unwrap().into_path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let file = std::fs::read_to_string(&path).unwrap();
            let [_, front, body] = *file.splitn(3, "+++\n").collect::<Vec<_>>() else {
                panic!("{path:?}: no front matter");
            };
            let front: toml::Table = toml::from_str(front).unwrap();
            for text in strings(&toml::Value::Table(front)).chain([body]) {
                let html = render_str(text, &Fixed, 2);
                assert_inert(&html);
                shown.push_str(&html);
            }
        }
        for stays in ["body text stays", "results text stays", "&lt;script&gt;"] {
            assert!(shown.contains(stays), "{stays} missing: {shown}");
        }
    }

    /// Every string in `value`, however deep.
    fn strings(value: &toml::Value) -> Box<dyn Iterator<Item = &str> + '_> {
        match value {
            toml::Value::String(s) => Box::new(std::iter::once(s.as_str())),
            toml::Value::Array(a) => Box::new(a.iter().flat_map(strings)),
            toml::Value::Table(t) => Box::new(t.values().flat_map(strings)),
            _ => Box::new(std::iter::empty()),
        }
    }

    /// Asserts that sanitised `html` (every `<` opens a tag, every value is quoted) holds
    /// no scriptable element, no event handler or style, and no link of another scheme.
    fn assert_inert(html: &str) {
        const ELEMENTS: [&str; 10] = [
            "script", "style", "iframe", "object", "embed", "form", "svg", "math", "base", "meta",
        ];
        for tag in html.split('<').skip(1) {
            let tag = &tag[..tag.find('>').expect("a closed tag")];
            let (name, mut attrs) = tag.split_once(' ').unwrap_or((tag, ""));
            assert!(!ELEMENTS.contains(&name.trim_start_matches('/')), "{html}");
            while let Some((attr, rest)) = attrs.trim_start().split_once("=\"") {
                let (value, rest) = rest.split_once('"').expect("a quoted value");
                assert!(!attr.starts_with("on") && attr != "style", "{html}");
                if attr == "href" || attr == "src" {
                    let scheme = value.split_once(':').map(|(s, _)| s);
                    let relative = scheme.is_none_or(|s| s.contains(['/', '?', '#']));
                    let allowed = scheme.is_some_and(|s| {
                        ["http", "https", "mailto", "tel"].contains(&s.to_lowercase().as_str())
                    });
                    assert!(relative || allowed, "{html}");
                }
                attrs = rest;
            }
        }
    }

    #[test]
    fn shifts_headings_below_the_page_heading() {
        let html = render_str("# 現状\n\n### 詳細", &Fixed, 3);
        assert!(html.contains("<h3>現状</h3>"), "{html}");
        assert!(html.contains("<h5>詳細</h5>"), "{html}");
    }

    #[test]
    fn plain_text_is_what_the_page_shows() {
        let plain_text = |markdown| visible_text(&render_str(markdown, &Fixed, 2));
        assert_eq!(
            plain_text(
                "○北上の**魅力**を[発信](@/a.md)する。<script>alert(1)</script>&lt;b&gt; &amp;\n\n- 一\n- 二"
            ),
            "○北上の魅力を発信する。<b> & 一 二"
        );
    }
}
