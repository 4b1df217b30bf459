//! Checks on Markdown before anything parses or sanitises it: how deep it nests, and
//! images on other sites.
//!
//! Depth: the Markdown parser matches every line against each open quote and list, and
//! the HTML parser behind the sanitiser walks its stack of open elements at each tag, so
//! both take time that grows with depth at every line or tag. A text nested deeper than
//! [`MAX_DEPTH`] is refused: first by a scan of line starts ([`deep_line`], before the
//! Markdown parser), then by counting elements in the parsed events and raw HTML tags
//! ([`Scan`], before the sanitiser). Both counts may exceed the depth a browser would
//! build, never fall short of it by more than a small factor.
//!
//! Images: an image on another site (`![](https://…)`, `<img src="https://…">`) makes
//! every reader's browser contact that site; [`remote_host`] finds its host.

use std::ops::Range;
use std::sync::LazyLock;

use ammonia::Url;

/// How deep quotes, lists, emphasis, links and HTML elements may nest in one text.
pub const MAX_DEPTH: usize = 100;

/// The first line start nesting deeper than [`MAX_DEPTH`] quotes and lists: the byte
/// range of the marker that goes past it. A line inside `n` list items is indented at
/// least two columns per item, so markers plus half the indent (the space that ends a
/// marker not counted) bound its depth.
pub fn deep_line(text: &str) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        if let Some(at) = deep_prefix(&bytes[start..end]) {
            return Some(start + at..start + at + 1);
        }
        start = end + 1;
    }
    None
}

/// Where a line's start (quote markers, list markers, indent) passes [`MAX_DEPTH`].
fn deep_prefix(line: &[u8]) -> Option<usize> {
    let (mut markers, mut columns, mut i) = (0, 0, 0);
    while i < line.len() {
        match line[i] {
            b' ' => columns += 1,
            b'\t' => columns += 4,
            b'>' => {
                markers += 1;
                i += usize::from(matches!(line.get(i + 1), Some(b' ' | b'\t')));
            }
            b'-' | b'*' | b'+' if ends_marker(line, i + 1) => {
                markers += 1;
                i += 1;
            }
            b'0'..=b'9' => {
                let digits = line[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                let j = i + digits;
                if digits > 9
                    || !matches!(line.get(j), Some(b'.' | b')'))
                    || !ends_marker(line, j + 1)
                {
                    return None;
                }
                markers += 1;
                i = j + 1;
            }
            _ => return None,
        }
        if markers + columns / 2 > MAX_DEPTH {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// A list marker ends at a space, a tab or the line's end.
fn ends_marker(line: &[u8], at: usize) -> bool {
    matches!(line.get(at), None | Some(b' ' | b'\t' | b'\r'))
}

/// The most work the sanitiser's HTML writer may be given by one text, in bytes looked
/// at: [`escape_work`]. html5ever writes a text with each `&` or no-break space escaped
/// by looking from it to the next `<` or `>` again, so a long text full of `&` took time
/// that grows with the square of its length (1 MB of `&`: 28 s). Ten billion is about a
/// tenth of a second; the longest real texts do not come near a millionth of it.
pub const MAX_ESCAPE_WORK: u64 = 10_000_000_000;

/// How many table cells (rows × columns, an empty cell the parser adds to a short row
/// included) one text may hold: each is an element for the parser and the sanitiser
/// (2 MB of table took 500 MB to 1 GB); a real table has hundreds.
pub const MAX_TABLE_CELLS: usize = 100_000;

/// A bound on the work of the sanitiser's writer on a text ([`MAX_ESCAPE_WORK`]), added
/// up as its parse goes: for each text node the page gets (the text between two tags, a
/// link's address or title), the number of `&` and no-break spaces in it times its
/// length. Raw HTML is cut only at its `<`s: every tag, and every `<` of its text, ends a
/// node there. The costliest node is kept, to say where it is.
#[derive(Default)]
pub struct EscapeWork {
    pub total: u64,
    /// The costliest node: its work, where it starts in the text, its length in
    /// characters and its `&` and no-break spaces.
    pub worst: (u64, usize, usize, usize),
    /// The node open: where it starts, its bytes, characters and escapes.
    node: (usize, usize, usize, usize),
}

impl EscapeWork {
    /// Text (decoded, as the page gets it) from byte `at` of the text, in the node open.
    pub fn text(&mut self, t: &str, at: usize) {
        let b = t.as_bytes();
        let mut escapes = memchr::memchr_iter(b'&', b).count();
        if memchr::memchr(0xc2, b).is_some() {
            escapes += memchr::memmem::find_iter(b, "\u{a0}".as_bytes()).count();
        }
        if self.node.1 == 0 {
            self.node.0 = at;
        }
        self.node.1 += b.len();
        // Characters: the bytes that start one.
        self.node.2 += b.iter().filter(|&&c| (c as i8) >= -0x40).count();
        self.node.3 += escapes;
    }

    /// The node open ends (at a tag).
    pub fn end(&mut self) {
        let (at, bytes, chars, escapes) = std::mem::take(&mut self.node);
        let work = escapes as u64 * bytes as u64;
        self.total = self.total.saturating_add(work);
        if work > self.worst.0 {
            self.worst = (work, at, chars, escapes);
        }
    }

    /// A node of its own: a link's address or title.
    pub fn alone(&mut self, t: &str, at: usize) {
        self.end();
        self.text(t, at);
        self.end();
    }

    /// Raw HTML, cut at each `<`; `at` maps a byte of it to the text.
    pub fn html(&mut self, html: &str, at: impl Fn(usize) -> usize) {
        self.end();
        let mut start = 0;
        for end in memchr::memchr_iter(b'<', html.as_bytes()).chain([html.len()]) {
            self.text(&html[start..end], at(start));
            self.end();
            start = end;
        }
    }
}

/// The elements open in a text's raw HTML, as a tag scan sees them. An end tag closes
/// the element on top (after those whose end tag HTML lets one leave out); a `<li>`,
/// `<p>`, `<td>`, … closes one of its kind on top. The HTML parser closes at least those.
#[derive(Default)]
pub struct HtmlStack {
    open: Vec<String>,
}

/// Elements without content: never open.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
];
/// Elements whose end tag may be left out (HTML's "implied end tags").
const IMPLIED_END: &[&str] = &[
    "dd", "dt", "li", "optgroup", "option", "p", "rb", "rp", "rt", "rtc",
];

impl HtmlStack {
    pub fn depth(&self) -> usize {
        self.open.len()
    }

    /// Follow the tags of `html`; `deeper(at, depth)` after each start tag (at its byte
    /// offset in `html`) and `url(at, url)` for each link's `href` and image's `src`.
    pub fn feed(
        &mut self,
        html: &str,
        mut deeper: impl FnMut(usize, usize) -> bool,
        mut url: impl FnMut(usize, HtmlUrl),
    ) {
        for tag in tags(html) {
            if tag.closing {
                self.close(&tag.name);
                continue;
            }
            if let Some(u) = tag_url(&tag) {
                url(tag.at, u);
            }
            if VOID.contains(&tag.name.as_str()) {
                continue;
            }
            self.open_tag(tag.name);
            if !deeper(tag.at, self.depth()) {
                return;
            }
        }
    }

    fn open_tag(&mut self, name: String) {
        let kin: &[&str] = match name.as_str() {
            "li" => &["li"],
            "dt" | "dd" => &["dt", "dd"],
            "p" => &["p"],
            "td" | "th" => &["td", "th"],
            "tr" => &["td", "th", "tr"],
            "option" => &["option"],
            "optgroup" => &["option", "optgroup"],
            _ => &[],
        };
        while self
            .open
            .last()
            .is_some_and(|top| kin.contains(&top.as_str()))
        {
            self.open.pop();
        }
        self.open.push(name);
    }

    fn close(&mut self, name: &str) {
        while let Some(top) = self.open.last() {
            if top == name {
                self.open.pop();
                return;
            }
            if !IMPLIED_END.contains(&top.as_str()) {
                return;
            }
            self.open.pop();
        }
    }
}

/// A URL a page keeps from raw HTML (the sanitiser keeps no other): a link's `href` or
/// an image's `src`, as written.
#[derive(Debug, PartialEq, Eq)]
pub struct HtmlUrl<'a> {
    pub image: bool,
    pub value: &'a str,
}

/// A tag of raw HTML, as a tag scan sees it.
struct TagAt<'a> {
    /// Its byte offset in the HTML.
    at: usize,
    /// Its name, lower case.
    name: String,
    closing: bool,
    /// Its attributes, up to and including its `>`.
    attrs: &'a str,
}

/// The tags of `html` in order, comments skipped.
fn tags(html: &str) -> impl Iterator<Item = TagAt<'_>> {
    let mut rest = 0;
    std::iter::from_fn(move || {
        while let Some(i) = memchr::memchr(b'<', &html.as_bytes()[rest..]) {
            let at = rest + i;
            let tag = &html[at..];
            if let Some(body) = tag.strip_prefix("<!--") {
                rest = at + 4 + comment_len(body);
                continue;
            }
            let (end, closing) = match tag.strip_prefix("</") {
                Some(t) => (t, true),
                None => (&tag[1..], false),
            };
            let name_len = end
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
                .count();
            if name_len == 0 || !end.as_bytes()[0].is_ascii_alphabetic() {
                rest = at + 1;
                continue;
            }
            let name = end[..name_len].to_ascii_lowercase();
            let attrs = &end[name_len..];
            let attrs_len = tag_end(attrs);
            rest = at + (tag.len() - end.len()) + name_len + attrs_len;
            return Some(TagAt {
                at,
                name,
                closing,
                attrs: &attrs[..attrs_len],
            });
        }
        None
    })
}

/// The attribute of `tag` holding a URL the page keeps, its range in `tag.attrs`
/// (name to value) and its value's.
fn tag_url_at<'a>(tag: &TagAt<'a>) -> Option<(Range<usize>, Range<usize>, HtmlUrl<'a>)> {
    let (want, image) = match tag.name.as_str() {
        "img" | "image" => ("src", true),
        "a" => ("href", false),
        _ => return None,
    };
    let (whole, value) = attribute_at(tag.attrs, want)?;
    let url = HtmlUrl {
        image,
        value: &tag.attrs[value.clone()],
    };
    Some((whole, value, url))
}

fn tag_url<'a>(tag: &TagAt<'a>) -> Option<HtmlUrl<'a>> {
    tag_url_at(tag).map(|(_, _, u)| u)
}

/// `html` with each link's `href` and image's `src` given to `with`: `None` keeps it,
/// `Some(Some(v))` writes `v` (attribute-escaped) in its place, `Some(None)` removes
/// the attribute. `None` when nothing changed.
pub fn rewrite_urls(
    html: &str,
    mut with: impl FnMut(&HtmlUrl) -> Option<Option<String>>,
) -> Option<String> {
    let (mut out, mut done, mut changed) = (String::new(), 0, false);
    for tag in tags(html) {
        if tag.closing {
            continue;
        }
        let Some((whole, value, url)) = tag_url_at(&tag) else {
            continue;
        };
        let Some(new) = with(&url) else {
            continue;
        };
        let base = tag.attrs.as_ptr() as usize - html.as_ptr() as usize;
        changed = true;
        match new {
            Some(v) => {
                let quoted = tag.attrs[..value.start].ends_with(['"', '\'']);
                out.push_str(&html[done..base + value.start]);
                let escaped = v
                    .replace('&', "&amp;")
                    .replace('"', "&quot;")
                    .replace('\'', "&#39;");
                if quoted {
                    out.push_str(&escaped);
                } else {
                    out.push('"');
                    out.push_str(&escaped);
                    out.push('"');
                }
                done = base + value.end;
            }
            None => {
                out.push_str(&html[done..base + whole.start]);
                done = base + whole.end;
            }
        }
    }
    if !changed {
        return None;
    }
    out.push_str(&html[done..]);
    Some(out)
}

/// The length of a comment's text after `<!--`, up to and including its end, as a browser
/// reads it: `<!-->` and `<!--->` are empty comments, and `-->` or `--!>` end one.
fn comment_len(body: &str) -> usize {
    if body.starts_with('>') {
        return 1;
    }
    if body.starts_with("->") {
        return 2;
    }
    let end = |mark: &str| body.find(mark).map(|e| e + mark.len());
    match (end("-->"), end("--!>")) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b).unwrap_or(body.len()),
    }
}

/// The length of a tag's attributes up to and including its `>` (quotes respected, and
/// a quote opening a value only after `=`, as a browser reads it: `a"b` is a name).
fn tag_end(attrs: &str) -> usize {
    let mut quote = None;
    let mut after_equals = false;
    for (i, c) in attrs.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') if after_equals => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '>') => return i + 1,
            (None, '=') => after_equals = true,
            (None, c) if c.is_ascii_whitespace() => {}
            (None, _) => after_equals = false,
        }
    }
    attrs.len()
}

/// Attribute `want` in a tag's attributes: its range (name to value) and its value's,
/// as written (the first one wins, as in HTML).
fn attribute_at(all: &str, want: &str) -> Option<(Range<usize>, Range<usize>)> {
    let blank = |c: char| c.is_ascii_whitespace() || c == '/';
    let offset = |s: &str| s.as_ptr() as usize - all.as_ptr() as usize;
    let mut attrs = all;
    loop {
        attrs = attrs.trim_start_matches(blank);
        let name_len = attrs
            .find(|c: char| blank(c) || c == '=' || c == '>')
            .unwrap_or(attrs.len());
        if name_len == 0 {
            return None;
        }
        let start = offset(attrs);
        let name = &attrs[..name_len];
        attrs = attrs[name_len..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        let mut value = offset(attrs)..offset(attrs);
        if let Some(v) = attrs.strip_prefix('=') {
            let v = v.trim_start_matches(|c: char| c.is_ascii_whitespace());
            let (val, after) = match v.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &v[1..];
                    let e = inner.find(q).unwrap_or(inner.len());
                    (&inner[..e], inner.get(e + 1..).unwrap_or(""))
                }
                _ => {
                    let e = v
                        .find(|c: char| c.is_ascii_whitespace() || c == '>')
                        .unwrap_or(v.len());
                    (&v[..e], &v[e..])
                }
            };
            value = offset(val)..offset(val) + val.len();
            attrs = after;
        }
        if name.eq_ignore_ascii_case(want) {
            let end = if attrs.is_empty() {
                all.len()
            } else {
                offset(attrs)
            };
            return Some((start..end.max(value.end), value));
        }
    }
}

/// The host a reader's browser would fetch an image at `url` (as the Markdown parser
/// gives it, or an HTML attribute as written) from, when that is another site's:
/// `None` for a path on this site and for an address the sanitiser drops. An address
/// with a character reference the scan cannot read counts as remote (the address is
/// given for the host).
pub fn remote_host(url: &str, html: bool) -> Option<String> {
    // A page served over https or http: `https:x.jp/a.png` is a path on the one, an
    // address on x.jp on the other.
    static HERE: LazyLock<Vec<Url>> = LazyLock::new(|| {
        [
            "https://kensho.invalid/page/",
            "http://kensho.invalid/page/",
        ]
        .into_iter()
        .filter_map(|u| Url::parse(u).ok())
        .collect()
    });
    let decoded;
    let url = if html && url.contains('&') {
        let Some(d) = decode_references(url) else {
            return Some(url.to_string());
        };
        decoded = d;
        &decoded
    } else {
        url
    };
    HERE.iter().find_map(|here| {
        let resolved = here.join(url).ok()?;
        let host = resolved.host_str()?;
        (matches!(resolved.scheme(), "http" | "https") && resolved.host() != here.host())
            .then(|| host.to_string())
    })
}

/// A URL from an HTML attribute as a browser reads it: character references decoded,
/// C0 controls and spaces trimmed, tabs and line breaks removed (the URL standard);
/// `None` where a reference is not among those an address needs.
pub fn html_url(value: &str) -> Option<String> {
    let decoded = if value.contains('&') {
        decode_references(value)?
    } else {
        value.to_string()
    };
    Some(
        decoded
            .trim_matches(|c: char| c <= ' ')
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect(),
    )
}

/// An attribute value with its character references decoded, or `None` where one is
/// not among those an address needs.
fn decode_references(value: &str) -> Option<String> {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .unwrap_or(after.len());
        let (name, tail) = after.split_at(len);
        let tail = tail.strip_prefix(';').unwrap_or(tail);
        let c = if let Some(num) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
            u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
        } else if let Some(num) = name.strip_prefix('#') {
            num.parse().ok().and_then(char::from_u32)
        } else {
            named_reference(name)
        };
        match c {
            Some(c) => out.push(c),
            None if name.is_empty() => out.push('&'),
            None => return None,
        }
        rest = tail;
    }
    out.push_str(rest);
    Some(out)
}

fn named_reference(name: &str) -> Option<char> {
    Some(match name {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "sol" => '/',
        "bsol" => '\\',
        "colon" => ':',
        "period" => '.',
        "quest" => '?',
        "num" => '#',
        "equals" => '=',
        "percnt" => '%',
        "Tab" => '\t',
        "NewLine" => '\n',
        "nbsp" | "NBSP" => '\u{a0}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_work_is_escapes_times_node_length() {
        let mut w = EscapeWork::default();
        w.text("a&b", 0);
        w.text("&c", 3);
        w.end();
        assert_eq!(w.total, 2 * 5);
        w.alone("x&\u{a0}", 9);
        assert_eq!(w.total, 10 + 2 * 4);
        w.html(&format!("<b>{}</b>", "&".repeat(1000)), |i| 20 + i);
        assert_eq!(w.total, 18 + 1000 * 1003);
        assert_eq!(w.worst, (1000 * 1003, 20, 1003, 1000));
    }

    #[test]
    fn line_starts_count_quotes_lists_and_indent() {
        assert_eq!(deep_line(&">".repeat(MAX_DEPTH)), None);
        assert_eq!(deep_line(&"> ".repeat(MAX_DEPTH)), None);
        assert_eq!(deep_line(&"- ".repeat(MAX_DEPTH)), None);
        assert_eq!(
            deep_line(&">".repeat(MAX_DEPTH + 1)),
            Some(MAX_DEPTH..MAX_DEPTH + 1)
        );
        assert!(deep_line(&format!("a\n{}x", "- ".repeat(MAX_DEPTH + 1))).is_some());
        assert!(deep_line(&format!("{}- x", " ".repeat(2 * MAX_DEPTH + 2))).is_some());
        assert!(deep_line(&"1. ".repeat(MAX_DEPTH + 1)).is_some());
        assert_eq!(deep_line(&format!("-{}", "-".repeat(500))), None, "a rule");
        assert_eq!(deep_line(&"*a".repeat(500)), None);
    }

    fn html_depth(html: &str) -> usize {
        let mut stack = HtmlStack::default();
        let mut most = 0;
        stack.feed(
            html,
            |_, d| {
                most = most.max(d);
                true
            },
            |_, _| {},
        );
        most
    }

    #[test]
    fn html_depth_follows_closed_and_implied_ends() {
        assert_eq!(html_depth("<div><div></div></div><div/>"), 2);
        assert_eq!(html_depth(&"<p>a".repeat(500)), 1);
        assert_eq!(html_depth(&format!("<ul>{}</ul>", "<li>a".repeat(500))), 2);
        assert_eq!(
            html_depth(&format!("<table>{}</table>", "<tr><td>a<td>b".repeat(500))),
            3
        );
        assert_eq!(html_depth(&"<br><img src=x><!-- <div> -->".repeat(500)), 0);
        // Misnested tags stay open: the count may exceed the parser's, never fall short.
        assert_eq!(html_depth(&"<span><div></span>".repeat(50)), 100);
    }

    fn src(html: &str) -> Option<String> {
        let mut found = None;
        HtmlStack::default().feed(
            html,
            |_, _| true,
            |_, u| {
                if u.image {
                    found.get_or_insert(u.value.to_string());
                }
            },
        );
        found
    }

    #[test]
    fn link_and_image_urls_are_rewritten_in_place() {
        let html =
            "<p><a title=x href=\"a.pdf\">a</a><IMG SRC=b.png alt='b'><a href='c&amp;d.pdf'>";
        let out = rewrite_urls(html, |u| match u.value {
            "a.pdf" => Some(Some("../../a.pdf".into())),
            "b.png" => Some(Some("../b\".png".into())),
            _ => Some(None),
        });
        assert_eq!(
            out.as_deref(),
            Some(
                "<p><a title=x href=\"../../a.pdf\">a</a><IMG SRC=\"../b&quot;.png\" alt='b'><a >"
            )
        );
        assert_eq!(rewrite_urls("<b>x</b><img alt=y>", |_| Some(None)), None);
    }

    #[test]
    fn image_sources_as_written() {
        assert_eq!(
            src("<img alt='a>b' src=\"https://x.jp/a.png\">").as_deref(),
            Some("https://x.jp/a.png")
        );
        assert_eq!(
            src("<IMG\nSRC = //x.jp/a.png>").as_deref(),
            Some("//x.jp/a.png")
        );
        assert_eq!(src("<img/src='a.png'/>").as_deref(), Some("a.png"));
        assert_eq!(
            src("<image src=https://x.jp/>").as_deref(),
            Some("https://x.jp/")
        );
        assert_eq!(src("<imgx src=https://x.jp/>"), None);
        // Where a browser ends a comment and starts a quoted value, the scan does too: none
        // of these hides the image from the checks.
        for html in [
            "<!--> <img src=\"https://t.jp/a.png\" alt=\"x\">",
            "<!---> <img src=\"https://t.jp/a.png\" alt=\"x\">",
            "<!-- x --!> <img src=\"https://t.jp/a.png\" alt=\"x\">",
            "<b a\"b> <img src=\"https://t.jp/a.png\" alt=\"x\"> \"</b>",
        ] {
            assert_eq!(src(html).as_deref(), Some("https://t.jp/a.png"), "{html}");
        }
    }

    #[test]
    fn remote_hosts_however_spelled() {
        for (url, html) in [
            ("https://x.jp/a.png", false),
            ("HTTP://X.JP/a.png", false),
            ("//x.jp/a.png", false),
            ("https:x.jp/a.png", false),
            ("\\\\x.jp/a.png", false),
            (" https://x.jp/a.png ", true),
            ("https:&#47;&#x2F;x.jp/a.png", true),
            ("https&colon;//x.jp/a.png", true),
        ] {
            assert_eq!(remote_host(url, html).as_deref(), Some("x.jp"), "{url}");
        }
        for url in [
            "a.png",
            "../img/a.png",
            "/img/a.png",
            "javascript:alert(1)",
            "data:image/png;base64,AA",
            "?a=1&amp;b=2",
        ] {
            assert_eq!(remote_host(url, true), None, "{url}");
        }
        assert!(remote_host("https://x.jp/&unknown;", true).is_some());
    }
}
