//! Markdown as written in content: the text, where it stands in its file, the `@/…`
//! links it makes, found here once per file (prose, [`super::prose`], has none): the link
//! stage resolves the links without parsing Markdown again (and the preview re-finds
//! them only in the file that changed).
//! Text that nests too deeply or shows images from other sites is reported ([`checks`]);
//! links and images to files beside the content are found and checked ([`files`]).

pub mod checks;
pub mod files;

use std::ops::Range;
use std::sync::Arc;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use self::checks::{
    EscapeWork, HtmlStack, MAX_DEPTH, MAX_ESCAPE_WORK, MAX_TABLE_CELLS, deep_line, html_url,
    remote_host,
};
use self::files::Target;
use super::prose::is_prose;
use super::reader::Ctx;
use crate::diag::{FileRef, Message};

/// Whether a line break inside a paragraph between `before` and `after` joins the two
/// lines with nothing: both East Asian wide characters (kanji, kana, full-width
/// punctuation), as CSS Text's segment-break rule says and browsers do not yet do
/// (Chromium drew 「支援する ため」 from a sheet's wrapped line, 平塚市, round 41);
/// Hangul, written with spaces, keeps the space.
pub fn joins_without_space(before: char, after: char) -> bool {
    let wide = |c: char| {
        unicode_width::UnicodeWidthChar::width(c) == Some(2)
            && !matches!(c, '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}' | '\u{AC00}'..='\u{D7AF}')
    };
    wide(before) && wide(after)
}

/// `events` with each line break inside a paragraph between two wide characters dropped
/// ([`joins_without_space`]); any other stays (a space on the page and in the search). The
/// page's renderer and the search index read Markdown through it, so both join alike.
pub fn wide_breaks_joined<'a>(
    events: impl Iterator<Item = Event<'a>>,
) -> impl Iterator<Item = Event<'a>> {
    let mut events = events.peekable();
    let mut last: Option<char> = None;
    std::iter::from_fn(move || {
        loop {
            let event = events.next()?;
            match &event {
                Event::SoftBreak => {
                    let next = match events.peek() {
                        Some(Event::Text(t)) => t.chars().next(),
                        _ => None,
                    };
                    if let (Some(a), Some(b)) = (last, next)
                        && joins_without_space(a, b)
                    {
                        continue;
                    }
                    last = None;
                }
                Event::Text(t) => last = t.chars().last().or(last),
                // The end of a link or an emphasis: its last character stands before the break.
                Event::End(
                    TagEnd::Link | TagEnd::Strong | TagEnd::Emphasis | TagEnd::Strikethrough,
                ) => {}
                _ => last = None,
            }
            return Some(event);
        }
    })
}

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
    /// The links and images to files beside the content, in order.
    pub files: Vec<FileLink>,
    /// The text is refused (an error was reported): it nests deeper than [`MAX_DEPTH`],
    /// or is past [`MAX_TABLE_CELLS`] or [`MAX_ESCAPE_WORK`]. It is not rendered.
    pub unrendered: bool,
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

/// A Markdown link or image to a file beside the content (`![写真](images/a.png)`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileLink {
    /// The destination as the Markdown parser gives it, to find the link again.
    pub dest: String,
    /// The file's content path (`senryaku/images/a.png`).
    pub path: String,
    /// Where to point an error about it (as [`Mention::span`]).
    pub span: Range<usize>,
}

impl FileLink {
    /// Its address from the site's top: the file's published path (`url_path`) with what
    /// followed the path as written (`#page=2`).
    pub fn url_from_top(&self) -> String {
        let suffix = self.dest.find(['?', '#']).map_or("", |i| &self.dest[i..]);
        format!("{}{suffix}", files::url_path(&self.path))
    }
}

/// Where a text is read from: its file's context, its field, and the hosts images may
/// come from (`[images] allowed_hosts` in site.toml).
pub struct Origin<'a> {
    pub ctx: &'a Ctx<'a>,
    pub field: String,
    pub image_hosts: &'a [String],
}

impl Markdown {
    /// `text` as it stands in its file: from byte `offset`, spanning `span`. `exact` when
    /// offsets inside `text` map one-to-one onto the file (a body does; a TOML string
    /// with escapes may not, so errors about its links point at the whole string).
    /// Text nested too deeply and images from hosts not allowed are reported.
    pub fn new(
        text: String,
        origin: &Origin,
        offset: usize,
        exact: bool,
        span: Range<usize>,
    ) -> Markdown {
        let locate = |range: Range<usize>| {
            if exact {
                offset + range.start..offset + range.end
            } else {
                span.clone()
            }
        };
        // Prose holds no character that could start a link, an image or nesting.
        let found = if is_prose(&text) {
            Found::default()
        } else {
            scan(&text, &folder(origin.ctx))
        };
        let mut unrendered = found.too_deep.is_some() || found.large_table.is_some();
        if let Some(at) = found.too_deep {
            origin
                .ctx
                .error(locate(at), &origin.field, too_deep_message());
        }
        if let Some(at) = found.large_table {
            origin
                .ctx
                .error(locate(at), &origin.field, large_table_message());
        }
        if let Some((at, chars, escapes)) = found.escapes {
            origin.ctx.error(
                locate(at..at + 1),
                &origin.field,
                escape_work_message(escapes, chars),
            );
            unrendered = true;
        }
        for (host, at) in found.images {
            if !origin.image_hosts.contains(&host) {
                origin
                    .ctx
                    .error(locate(at), &origin.field, remote_image_message(&host));
            }
        }
        for (message, at) in found.refused {
            origin.ctx.error(locate(at), &origin.field, message);
        }
        for at in found.no_alt {
            origin
                .ctx
                .warning(locate(at), &origin.field, no_alt_message());
        }
        let files = found
            .files
            .into_iter()
            .map(|(dest, path, at)| FileLink {
                dest,
                path,
                span: locate(at),
            })
            .collect();
        let links = found
            .links
            .into_iter()
            .map(|(target, at)| Mention {
                target,
                span: locate(at),
            })
            .collect();
        Markdown {
            text,
            file: Arc::downgrade(origin.ctx.file),
            links,
            files,
            unrendered,
        }
    }
}

/// The content folder of the file being read (`senryaku/` for
/// `content/senryaku/x.md`), against which relative paths are read.
pub(crate) fn folder(ctx: &Ctx) -> String {
    let path = ctx.file.path.to_string_lossy().replace('\\', "/");
    let rel = path
        .strip_prefix(crate::load::CONTENT_DIR)
        .and_then(|p| p.strip_prefix('/'))
        .unwrap_or(&path);
    rel.rfind('/')
        .map_or(String::new(), |i| rel[..=i].to_string())
}

/// A link destination that names a page (`@/programs/x.md#kpi-1`): the page's content
/// path and the fragment, if any.
pub fn page_link(dest: &str) -> Option<(&str, Option<&str>)> {
    match files::target(dest, "") {
        Target::Page(path, fragment) => Some((path, fragment)),
        _ => None,
    }
}

fn undecoded_message(value: &str) -> Message {
    Message::new(
        format!(
            "HTML の「{value}」に kensho が読めない文字参照（& で始まる書き方）があります。リンク先が確かめられないので、文字参照を使わずにそのまま書いてください"
        ),
        format!(
            "\"{value}\" in HTML holds a character reference (starting with &) kensho cannot read, so where it leads cannot be checked: write the characters themselves"
        ),
    )
}

fn no_alt_message() -> Message {
    Message::new(
        "画像に代替テキストがありません。画像を見られない人にも伝わるよう、![ ] の中に何が写っているかを書いてください（例: ![市の位置図](images/map.png)）",
        "the image has no alternative text: say what it shows inside ![ ] for readers who cannot see it (![a map of the city](images/map.png))",
    )
}

fn large_table_message() -> Message {
    let cells = thousands(MAX_TABLE_CELLS as u64);
    Message::new(
        format!(
            "表が大きすぎます（一つの文章の表は、行数×列数で {cells} セルまで。短い行も見出しの列数まで数えます）。表を分けて別のファイルに載せるか、データは CSV ファイルにしてリンクしてください"
        ),
        format!(
            "the table is too large (at most {cells} cells, rows × columns, in one text; a short row counts as many columns as the heading). Split it over several files, or publish the data as a CSV file and link to it"
        ),
    )
}

fn escape_work_message(escapes: usize, len: usize) -> Message {
    let limit = thousands(MAX_ESCAPE_WORK);
    let (escapes, len) = (thousands(escapes as u64), thousands(len as u64));
    Message::new(
        format!(
            "ここから {len} 文字の間に、HTML のタグをはさまずに & か改行しない空白（U+00A0）が {escapes} 個あります。安全な HTML にするのに時間がかかりすぎるため、公開しません（文字数×個数が一つの文章で {limit} まで）。& を減らすか、文章を分けてください"
        ),
        format!(
            "from here, {len} characters hold {escapes} & or no-break spaces (U+00A0) with no HTML tag between: making them safe HTML would take too long, so the text is not published (at most {limit}, characters × count, in one text). Use fewer & or split the text"
        ),
    )
}

/// `n` with thousands commas (`10,000,000,000`), as the pages print numbers.
fn thousands(n: u64) -> String {
    super::value::Number {
        value: n as f64,
        decimals: 0,
    }
    .format_abs()
}

fn too_deep_message() -> Message {
    Message::new(
        format!(
            "入れ子が深すぎます（{MAX_DEPTH} 段まで）。引用（>）、箇条書き、強調、リンク、HTML の要素の入れ子を浅くしてください（HTML は終了タグで閉じてください）"
        ),
        format!(
            "nested too deeply (at most {MAX_DEPTH} levels): nest quotes (>), lists, emphasis, links and HTML elements less deeply (close HTML elements with their end tags)"
        ),
    )
}

fn remote_image_message(host: &str) -> Message {
    Message::new(
        format!(
            "他のサイト（{host}）の画像は載せられません。読む人のブラウザがそのサイトに接続し、誰がいつ読んだかが伝わります。画像をこのサイトに置いて（テーマの static フォルダ）その場所で書くか、信頼できるサイトなら site.toml の [images] allowed_hosts に \"{host}\" を加えてください"
        ),
        format!(
            "image from another site ({host}): every reader's browser would contact that site, telling it who reads the page and when. Publish the image with this site (a theme's static folder) and link it by its path, or, if the site is trusted, add \"{host}\" to allowed_hosts under [images] in site.toml"
        ),
    )
}

/// What one parse of a text finds, each at its range in the text.
#[derive(Default)]
struct Found {
    /// The `@/` links (their content paths), in order.
    links: Vec<(String, Range<usize>)>,
    /// Where the text first nests deeper than [`MAX_DEPTH`]; nothing after is looked at.
    too_deep: Option<Range<usize>>,
    /// The table that takes the text past [`MAX_TABLE_CELLS`]; nothing after is looked at.
    large_table: Option<Range<usize>>,
    /// The text is past [`MAX_ESCAPE_WORK`]: where its costliest node starts, its length
    /// in characters and its `&` and no-break spaces.
    escapes: Option<(usize, usize, usize)>,
    /// The host of each image on another site.
    images: Vec<(String, Range<usize>)>,
    /// Links and images to files: (destination, content path).
    files: Vec<(String, String, Range<usize>)>,
    /// Links and images to paths kensho will not publish, and why.
    refused: Vec<(Message, Range<usize>)>,
    /// Images without alternative text.
    no_alt: Vec<Range<usize>>,
}

/// Links, depth and remote images of `text`, in one parse — none when its line starts
/// nest too deeply for the parser ([`deep_line`]).
fn scan(text: &str, folder: &str) -> Found {
    let mut found = Found {
        too_deep: deep_line(text),
        ..Found::default()
    };
    if found.too_deep.is_some() {
        return found;
    }
    let (mut depth, mut html) = (0usize, HtmlStack::default());
    // An HTML block's lines, and where each starts (in the block, in the text).
    let mut block = (String::new(), Vec::<(usize, usize)>::new());
    // Each open image: where it is, and whether its alternative text has words yet.
    let mut images: Vec<(Range<usize>, bool)> = Vec::new();
    // The columns of the table open, where it starts, and the cells so far.
    let (mut columns, mut table, mut cells) = (0, 0..0, 0usize);
    let mut work = EscapeWork::default();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match &event {
            Event::Text(t) => work.text(t, range.start),
            Event::SoftBreak => work.text("\n", range.start),
            Event::Code(t) => work.alone(t, range.start),
            Event::Start(
                Tag::Link {
                    dest_url, title, ..
                }
                | Tag::Image {
                    dest_url, title, ..
                },
            ) => {
                work.alone(dest_url, range.start);
                work.alone(title, range.start);
            }
            Event::Html(_) => {}
            _ => work.end(),
        }
        match event {
            Event::Start(Tag::Table(alignments)) => {
                depth += 1;
                (columns, table) = (alignments.len(), range.start..range.start + 1);
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                depth += 1;
                cells += columns;
                if cells > MAX_TABLE_CELLS {
                    found.large_table = Some(table.clone());
                    break;
                }
            }
            Event::Start(tag) => {
                depth += 1;
                if let Tag::Image { .. } = tag {
                    images.push((range.clone(), false));
                }
                note_target(&mut found, &tag, &range, folder);
                if depth + html.depth() > MAX_DEPTH {
                    found.too_deep = Some(range.start..range.start + 1);
                }
            }
            Event::Text(t) | Event::Code(t) if !t.trim().is_empty() => {
                if let Some(image) = images.last_mut() {
                    image.1 = true;
                }
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if end == TagEnd::Image
                    && let Some((at, false)) = images.pop()
                {
                    found.no_alt.push(at);
                }
                if end == TagEnd::HtmlBlock {
                    let (lines, starts) = std::mem::take(&mut block);
                    feed(&mut html, &mut found, (depth, folder), &lines, |i| {
                        in_text(&starts, i)
                    });
                    if found.too_deep.is_none() {
                        work.html(&lines, |i| in_text(&starts, i));
                    }
                }
            }
            Event::Html(line) => {
                block.1.push((block.0.len(), range.start));
                block.0.push_str(&line);
            }
            Event::InlineHtml(tag) => {
                work.html(&tag, |i| range.start + i);
                feed(&mut html, &mut found, (depth, folder), &tag, |i| {
                    range.start + i
                });
            }
            _ => {}
        }
        if found.too_deep.is_some() {
            break;
        }
    }
    work.end();
    if work.total > MAX_ESCAPE_WORK {
        let (_, at, chars, escapes) = work.worst;
        found.escapes = Some((at, chars, escapes));
    }
    found
}

/// A link to a page or a file, or an image from another site or a file, noted at
/// `range` of the text (read from content folder `folder`).
fn note_target(found: &mut Found, tag: &Tag<'_>, range: &Range<usize>, folder: &str) {
    let dest = match tag {
        Tag::Link { dest_url, .. } => dest_url,
        Tag::Image { dest_url, .. } => {
            if let Some(host) = remote_host(dest_url, false) {
                found.images.push((host, range.clone()));
                return;
            }
            dest_url
        }
        _ => return,
    };
    match files::target(dest, folder) {
        Target::Page(path, _) if matches!(tag, Tag::Link { .. }) => {
            found.links.push((path.to_string(), range.clone()));
        }
        Target::File(path, _) => {
            found.files.push((dest.to_string(), path, range.clone()));
        }
        Target::Refused(why) => found.refused.push((why, range.clone())),
        _ => {}
    }
}

/// Where byte `i` of an HTML block's joined lines is in the text; `starts` holds where
/// each line starts (in the block, in the text).
fn in_text(starts: &[(usize, usize)], i: usize) -> usize {
    let k = starts.partition_point(|&(b, _)| b <= i).saturating_sub(1);
    starts.get(k).map_or(0, |&(b, t)| t + (i - b))
}

/// Raw HTML's tags into `html`, on top of `depth` Markdown elements; `at` maps a byte
/// of `tags` to the text.
fn feed(
    html: &mut HtmlStack,
    found: &mut Found,
    (depth, folder): (usize, &str),
    tags: &str,
    at: impl Fn(usize) -> usize,
) {
    let (mut deep, mut urls) = (None, Vec::new());
    html.feed(
        tags,
        |i, d| {
            let over = depth + d > MAX_DEPTH;
            if over {
                deep = Some(at(i)..at(i) + 1);
            }
            !over
        },
        |i, url| urls.push((at(i)..at(i) + 1, url.image, url.value.to_string())),
    );
    found.too_deep = found.too_deep.take().or(deep);
    for (range, image, value) in urls {
        note_html_url(found, range, image, value, folder);
    }
}

/// A link's `href` or an image's `src` in raw HTML, as written, noted as a Markdown
/// link's would be: a page, a file (published, or missing: an error), a path refused.
fn note_html_url(found: &mut Found, range: Range<usize>, image: bool, value: String, folder: &str) {
    if image && let Some(host) = remote_host(&value, true) {
        found.images.push((host, range));
        return;
    }
    let Some(decoded) = html_url(&value) else {
        found.refused.push((undecoded_message(&value), range));
        return;
    };
    match files::target(&decoded, folder) {
        Target::Page(path, _) if !image => found.links.push((path.to_string(), range)),
        Target::File(path, _) => found.files.push((value, path, range)),
        Target::Refused(why) => found.refused.push((why, range)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<(String, Range<usize>)> {
        scan(text, "").links
    }

    #[test]
    fn finds_files_refusals_and_images_without_alt() {
        let text = "![](img/a.png) ![地図](../b.png) [表](@/c.pdf) [x](../../../d.pdf)";
        let found = scan(text, "s/g/");
        let files: Vec<&str> = found.files.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(files, ["s/g/img/a.png", "s/b.png", "c.pdf"]);
        assert_eq!(found.files[0].0, "img/a.png");
        assert_eq!(found.refused.len(), 1);
        assert_eq!(&text[found.refused[0].1.clone()], "[x](../../../d.pdf)");
        assert_eq!(found.no_alt.len(), 1);
        assert_eq!(&text[found.no_alt[0].clone()], "![](img/a.png)");
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
