//! `kensho docs [-o DIR]`: the guides to writing a site (docs/*.md, built into the binary)
//! as pages a browser opens from a folder, with no server and no network: staff given
//! kensho.exe alone get the Japanese guide every message points to. Without `-o` they are
//! written to kensho's own folder among the user's caches and opened; with it, into DIR
//! (the Windows package's `docs/`).

use std::path::{Path, PathBuf};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::diag::{Lang, Message};

/// One guide: the page it becomes, its Markdown, its language, its name in the menu.
#[derive(Serialize)]
pub struct Guide {
    pub file: &'static str,
    #[serde(skip)]
    source: &'static str,
    /// The Markdown file the repository keeps it in (links between guides name it).
    #[serde(skip)]
    markdown: &'static str,
    lang: &'static str,
    short: &'static str,
}

/// The guides, the start page first.
pub const GUIDES: [Guide; 4] = [
    Guide {
        file: "index.html",
        source: include_str!("../../docs/start.ja.md"),
        markdown: "start.ja.md",
        lang: "ja",
        short: "はじめに",
    },
    Guide {
        file: "content-format.ja.html",
        source: include_str!("../../docs/content-format.ja.md"),
        markdown: "content-format.ja.md",
        lang: "ja",
        short: "書き方",
    },
    Guide {
        file: "content-format.html",
        source: include_str!("../../docs/content-format.md"),
        markdown: "content-format.md",
        lang: "en",
        short: "Content format",
    },
    Guide {
        file: "labels.html",
        source: include_str!("../../docs/labels.md"),
        markdown: "labels.md",
        lang: "en",
        short: "Labels",
    },
];

/// The page `kensho docs` opens: the Japanese guide every message points to.
pub const OPENED: &str = "content-format.ja.html";

const TEMPLATE: &str = include_str!("docs/page.html");
const STYLE: (&str, &str) = ("docs.css", include_str!("docs/docs.css"));
/// Marks a folder as written by `kensho docs`: only such a folder (or an empty one) is
/// written into again.
const MARK: &str = ".kensho-docs";

/// A heading listed in a guide's contents.
#[derive(Serialize)]
struct Heading {
    id: String,
    level: u8,
    text: String,
}

/// Write the guides into `output`, or into kensho's folder in the temporary folder and
/// open the Japanese guide. Returns the exit code.
pub fn docs(root: &Path, lang: Option<Lang>, output: Option<&Path>) -> i32 {
    let lang = super::lang::resolve(lang, root);
    let dir = output.map_or_else(own_folder, Path::to_path_buf);
    if let Err(m) = write(&dir) {
        eprintln!("{}", m.in_lang(lang));
        return 1;
    }
    let opened = dir.join(OPENED);
    let m = Message::new(
        format!("説明を {} に書き出しました。", dir.display()),
        format!("the guides are written to {}.", dir.display()),
    );
    println!("{}", m.in_lang(lang));
    if output.is_none() {
        super::open::open_and_wait(&opened.to_string_lossy(), lang);
    }
    0
}

/// kensho's folder for the guides among this user's caches (`%LOCALAPPDATA%` on Windows,
/// `$XDG_CACHE_HOME` or `~/.cache` elsewhere): not the shared temporary folder, where
/// another user could have made the folder first.
fn own_folder() -> PathBuf {
    let base = if cfg!(windows) {
        std::env::var_os("LOCALAPPDATA").map(PathBuf::from)
    } else {
        (std::env::var_os("XDG_CACHE_HOME").map(PathBuf::from))
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
    };
    let base = base.unwrap_or_else(std::env::temp_dir);
    base.join("kensho")
        .join(format!("docs-{}", env!("CARGO_PKG_VERSION")))
}

/// Every guide as a page, and their style sheet, into `dir`: a folder that is missing,
/// empty, or one `kensho docs` wrote (nothing else is overwritten).
pub fn write(dir: &Path) -> Result<(), Message> {
    let failed = |e: std::io::Error, at: &Path| {
        Message::new(
            format!("{} に書き出せません（{e}）", at.display()),
            format!("cannot write to {} ({e})", at.display()),
        )
    };
    if !writable(dir) {
        return Err(Message::new(
            format!(
                "{} には kensho が書き出したのではないファイルがあるので、説明を書き出しません。空のフォルダか、まだないフォルダを指定してください",
                dir.display()
            ),
            format!(
                "{} holds files kensho did not write, so the guides are not written there; name an empty folder or one that does not exist yet",
                dir.display()
            ),
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| failed(e, dir))?;
    // Marked first: a write that fails halfway leaves a folder the next run may write again.
    let mark = dir.join(MARK);
    std::fs::write(&mark, "").map_err(|e| failed(e, &mark))?;
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for g in &GUIDES {
        let text = page(g).map_err(|e| {
            Message::new(
                format!("説明のページ {} を作れません（{e}）", g.file),
                format!("cannot draw the guide {} ({e})", g.file),
            )
        })?;
        files.push((dir.join(g.file), text));
    }
    files.push((dir.join(STYLE.0), STYLE.1.to_string()));
    for (path, text) in files {
        std::fs::write(&path, text).map_err(|e| failed(e, &path))?;
    }
    Ok(())
}

/// A file of the guides by its name, as `kensho serve` answers it under
/// `/__kensho/docs/`: its bytes and media type, or `None` for a name that is not one
/// (an empty name is the start page).
pub fn served(name: &str) -> Option<(Vec<u8>, &'static str)> {
    if name == STYLE.0 {
        return Some((STYLE.1.as_bytes().to_vec(), "text/css; charset=utf-8"));
    }
    let name = if name.is_empty() {
        GUIDES[0].file
    } else {
        name
    };
    let guide = GUIDES.iter().find(|g| g.file == name)?;
    let html = page(guide).ok()?;
    Some((html.into_bytes(), "text/html; charset=utf-8"))
}

/// Whether `dir` may be written: missing, empty, or marked as the guides' folder.
fn writable(dir: &Path) -> bool {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => dir.join(MARK).is_file() || entries.next().is_none(),
        Err(_) => !dir.exists(),
    }
}

/// One guide's page: its Markdown drawn, a link to each of its sections, the menu of
/// guides.
pub fn page(guide: &Guide) -> Result<String, tera::Error> {
    let (drawn, contents, title) = markdown(guide.source, guide.lang);
    let mut tera = tera::Tera::new();
    tera.set_escape_fn(crate::draw::escape::html);
    tera.add_raw_template("page.html", TEMPLATE)?;
    let mut ctx = tera::Context::new();
    ctx.insert("lang", guide.lang);
    ctx.insert("title", &title);
    ctx.insert("file", guide.file);
    ctx.insert("docs", &GUIDES);
    ctx.insert("contents", &contents);
    ctx.insert("intro", &drawn.intro);
    ctx.insert("body", &drawn.body);
    ctx.insert("version", env!("CARGO_PKG_VERSION"));
    tera.render("page.html", &ctx)
}

/// The Markdown as HTML, with an id on each section heading (h2, h3) for the contents and
/// links between guides pointing at their pages. Returns the HTML, the headings and the
/// title (the first h1, left out of the HTML).
fn markdown(source: &str, lang: &str) -> (Drawn, Vec<Heading>, String) {
    // Read as a site's Markdown is: a line wrapped between two Japanese characters joins
    // with no space (the guides wrap their lines mid-sentence).
    let parsed = Parser::new_ext(source, crate::model::markdown::options());
    let mut events: Vec<Event> = crate::model::markdown::wide_breaks_joined(parsed)
        .map(linked)
        .scan(0, |tables, e| Some(scrolled(e, lang, tables)))
        .flatten()
        .collect();
    let mut contents = Vec::new();
    let mut title = String::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i] {
            let level = *level;
            let text = heading_text(&events[i + 1..]);
            if level == HeadingLevel::H1 && title.is_empty() {
                // The template prints the title above the contents.
                let end = (i..events.len())
                    .find(|&j| matches!(events[j], Event::End(TagEnd::Heading(_))))
                    .unwrap_or(i);
                events.drain(i..=end);
                title = text;
                continue;
            } else if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                let id = format!("s{}", contents.len() + 1);
                if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
                    *slot = Some(CowStr::from(id.clone()));
                }
                contents.push(Heading {
                    id,
                    level: level as u8,
                    text,
                });
            }
        }
        i += 1;
    }
    // The contents stand after the guide's opening words, before its first section.
    let first = (events.iter())
        .position(|e| {
            matches!(
                e,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H2,
                    ..
                })
            )
        })
        .unwrap_or(events.len());
    let rest = events.split_off(first);
    let (mut intro, mut body) = (String::new(), String::new());
    pulldown_cmark::html::push_html(&mut intro, events.into_iter());
    pulldown_cmark::html::push_html(&mut body, rest.into_iter());
    (Drawn { intro, body }, contents, title)
}

/// A guide's HTML: the words before its first section, and the sections.
struct Drawn {
    intro: String,
    body: String,
}

/// A heading's words, up to its end.
fn heading_text(after: &[Event]) -> String {
    after
        .iter()
        .take_while(|e| !matches!(e, Event::End(TagEnd::Heading(_))))
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// A table in a region of its own that scrolls sideways and takes the keyboard's focus (a
/// table of eleven columns is wider than a phone).
fn scrolled<'a>(event: Event<'a>, lang: &str, tables: &mut usize) -> Vec<Event<'a>> {
    match event {
        Event::Start(Tag::Table(_)) => {
            *tables += 1;
            let label = if lang == "ja" {
                format!("表 {tables}（横にスクロールできます）")
            } else {
                format!("Table {tables} (scrolls sideways)")
            };
            vec![
                Event::Html(CowStr::from(format!(
                    "<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-label=\"{label}\">\n"
                ))),
                event,
            ]
        }
        Event::End(TagEnd::Table) => vec![event, Event::Html(CowStr::from("</div>\n"))],
        e => vec![e],
    }
}

/// A link to another guide's Markdown points at its page (`content-format.md#…` →
/// `content-format.html#…`).
fn linked(event: Event) -> Event {
    match event {
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let (file, fragment) = dest_url
                .split_once('#')
                .map_or((dest_url.as_ref(), None), |(f, h)| (f, Some(h)));
            let dest_url = match GUIDES.iter().find(|g| g.markdown == file) {
                Some(g) => CowStr::from(match fragment {
                    Some(h) => format!("{}#{h}", g.file),
                    None => g.file.to_string(),
                }),
                None => dest_url,
            };
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        e => e,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_between_guides_point_at_their_pages() {
        let (drawn, contents, title) = markdown(
            "# 題\n\n前書き\n\n## 一\n\n[英語版](content-format.md) と [節](labels.md#x) と [外](https://example.jp/a.md)\n\n### 二 `code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            "ja",
        );
        assert_eq!(title, "題");
        assert_eq!(drawn.intro, "<p>前書き</p>\n");
        let html = drawn.body;
        assert!(html.contains(r#"<a href="content-format.html">"#), "{html}");
        assert!(html.contains(r#"<a href="labels.html#x">"#), "{html}");
        assert!(
            html.contains(r#"<a href="https://example.jp/a.md">"#),
            "{html}"
        );
        assert!(html.contains(r#"<h2 id="s1">一</h2>"#), "{html}");
        assert!(
            html.contains(r#"<h3 id="s2">二 <code>code</code></h3>"#),
            "{html}"
        );
        let listed: Vec<(&str, u8, &str)> = contents
            .iter()
            .map(|h| (h.id.as_str(), h.level, h.text.as_str()))
            .collect();
        assert_eq!(listed, [("s1", 2, "一"), ("s2", 3, "二 code")]);
        assert!(
            !html.contains("<h1"),
            "the template prints the title: {html}"
        );
        let region = r#"<div class="wide" tabindex="0" role="region" aria-label="表 1（横にスクロールできます）">"#;
        assert!(
            html.contains(&format!("{region}\n<table>")) && html.contains("</table>\n</div>"),
            "a table scrolls in a region of its own: {html}"
        );
    }

    #[test]
    fn a_line_wrapped_in_japanese_joins_without_a_space() {
        // As a site's Markdown: joined between two wide characters only.
        let (Drawn { intro: html, .. }, ..) = markdown("市の\nサイトに置き、\nfirst\nsecond", "ja");
        assert!(html.contains("市のサイトに置き、\nfirst\nsecond"), "{html}");
    }
}
