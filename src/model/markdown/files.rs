//! Files beside the content: what a Markdown link or image destination names. A
//! relative path (against the Markdown file's folder) or an `@/` path (against
//! `content/`) to anything but a page is a file to publish at the same path under the
//! output. Paths that would leave `content/`, absolute paths and hidden or lock files
//! are refused here, so nothing outside what the city put beside its pages is published.

use std::path::Path;

use crate::diag::Message;

/// What a link or image destination names.
#[derive(Debug, PartialEq, Eq)]
pub enum Target<'a> {
    /// A page (`@/x.md#f`): its content path and fragment.
    Page(&'a str, Option<&'a str>),
    /// A file under `content/`: its content path and what followed the path as written
    /// (`?…`, `#…`), kept on the link.
    File(String, &'a str),
    /// A path kensho will not publish (why, for the error).
    Refused(Message),
    /// Anything else (another site, `mailto:`, a fragment, a folder): left as written.
    Other,
}

/// What `dest` (as the Markdown parser gives it) names, read from a Markdown file in
/// content folder `folder` (`""` at the top, else ending in `/`).
pub fn target<'a>(dest: &'a str, folder: &str) -> Target<'a> {
    if let Some(rest) = dest.strip_prefix("@/") {
        let (path, suffix) = split_suffix(rest);
        if path.ends_with(".md") {
            return Target::Page(
                path,
                suffix
                    .strip_prefix('#')
                    .or(suffix.find('#').map(|i| &suffix[i + 1..])),
            );
        }
        return file(path, suffix, "", dest);
    }
    if dest.is_empty() || dest.starts_with(['#', '?']) || dest.starts_with("//") {
        return Target::Other;
    }
    // A path from the root of the web server (`/soshiki/`): a page of the city's own
    // site around kensho's, left as written.
    if dest.starts_with('/') {
        return Target::Other;
    }
    if dest.starts_with('\\') || drive(dest) {
        return Target::Refused(absolute(dest));
    }
    if scheme(dest) {
        return Target::Other;
    }
    let (path, suffix) = split_suffix(dest);
    // A page or a folder by a relative path is left as written, as before.
    if path.is_empty() || path.ends_with('/') || path.ends_with(".md") {
        return Target::Other;
    }
    file(path, suffix, folder, dest)
}

/// The file `path` names from `folder`: decoded, `.` and `..` followed, checked.
fn file<'a>(path: &str, suffix: &'a str, folder: &str, dest: &str) -> Target<'a> {
    if path.contains('\\') {
        return Target::Refused(backslash(dest));
    }
    let Some(decoded) = percent_decode(path) else {
        return Target::Refused(undecodable(dest));
    };
    let mut parts: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Target::Refused(outside(dest));
                }
            }
            s => parts.push(s),
        }
    }
    if let Some(seg) = parts
        .iter()
        .find(|s| crate::load::is_ignored(Path::new(s)) || s.contains('\0'))
    {
        return Target::Refused(hidden(dest, seg));
    }
    let path = parts.join("/");
    if path.is_empty() {
        return Target::Other;
    }
    if path == crate::load::SITE_FILE {
        return Target::Refused(settings(dest));
    }
    if let Some(why) = unpublishable_type(&path, dest) {
        return Target::Refused(why);
    }
    Target::File(path, suffix)
}

/// The kinds of file published beside the pages, by the name's last extension (letter
/// case ignored): documents, spreadsheets, slides, text, archives and images (`ico`, a
/// site's `favicon`). Anything
/// else could be run by the web server or by a browser on the city's site, with the
/// site's own authority, or is not what a page's reader downloads.
pub const PUBLISHED_TYPES: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "csv", "txt", "zip",
    "png", "jpg", "jpeg", "gif", "webp", "ico",
];

/// Types a browser runs script in when opened from the site.
const SCRIPTED: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "svg", "svgz", "xml", "xsl", "xslt", "js", "mjs", "swf",
];

/// Extensions a web server maps to a program or to a type a browser runs script in,
/// wherever they stand in a name: Apache reads every dot-separated part after the first
/// (`evil.html.ja` is served as HTML in Japanese, `evil.php.pdf` may run as PHP).
const SERVER_MAPPED: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "shtm", "stm", "phtml", "pht", "phar", "cgi", "fcgi",
    "pl", "pm", "py", "rb", "sh", "asp", "aspx", "asa", "ascx", "ashx", "asmx", "cer", "cdx",
    "jsp", "jspx", "cfm", "cfc", "js", "mjs", "svg", "svgz", "xml", "xsl", "xslt", "swf", "var",
    "hta", "mht", "mhtml",
];

/// Why the file at content path `path` (linked as `dest`) is not published for its
/// name's type, if it is not: a name ending in a dot or a space, a last extension not in
/// [`PUBLISHED_TYPES`], or an earlier one a web server would run or map.
fn unpublishable_type(path: &str, dest: &str) -> Option<Message> {
    let name = path.rsplit('/').next().unwrap_or(path);
    if name.ends_with(|c: char| c == '.' || c.is_whitespace()) {
        return Some(trailing(dest));
    }
    let parts: Vec<&str> = name.split('.').collect();
    let last = if parts.len() > 1 {
        parts[parts.len() - 1]
    } else {
        ""
    };
    let is = |list: &[&str], ext: &str| list.iter().any(|s| s.eq_ignore_ascii_case(ext));
    if !is(PUBLISHED_TYPES, last) {
        return Some(if is(SCRIPTED, last) {
            scripted(dest)
        } else {
            not_published_type(dest, last)
        });
    }
    let middle = parts.get(1..parts.len() - 1).unwrap_or_default();
    middle
        .iter()
        .find(|ext| {
            let lower = ext.to_ascii_lowercase();
            is(SERVER_MAPPED, ext) || lower.starts_with("php")
        })
        .map(|ext| served_as(dest, ext))
}

/// The published types, for a message: `pdf, doc, …`.
fn published_list() -> String {
    PUBLISHED_TYPES.join(", ")
}

/// `dest` split before its query or fragment.
fn split_suffix(dest: &str) -> (&str, &str) {
    dest.split_at(dest.find(['?', '#']).unwrap_or(dest.len()))
}

/// A Windows drive letter (`C:\…`, `c:/…`).
fn drive(dest: &str) -> bool {
    let b = dest.as_bytes();
    b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'/' | b'\\')
}

/// A URL scheme (`https:`, `mailto:`) before any `/`, `?` or `#`.
fn scheme(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let s = &dest[..colon];
    s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `%XX` escapes decoded (a `%` not followed by two hex digits kept as it is); `None`
/// when the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(s).decode_utf8().ok()?;
    Some(decoded.into_owned())
}

/// A content path as written in a link on the page: characters that would end or
/// change the URL escaped, others (Japanese names too) as they are.
pub fn url_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' | '"' | '#' | '?' | '%' | '<' | '>' | '\'' | '`' | '{' | '}' | '|' | '^' | '['
            | ']' => out.push_str(&format!("%{:02X}", c as u32)),
            c if c.is_control() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

fn absolute(dest: &str) -> Message {
    Message::new(
        format!(
            "「{dest}」はパソコンの中の場所（絶対パス）です。ファイルは content フォルダの中に置き、この Markdown ファイルから見た場所（例: images/photo.png）か @/ で始まる場所（例: @/senryaku/sheet.pdf）で書いてください"
        ),
        format!(
            "\"{dest}\" is an absolute path: put the file inside the content folder and write its path relative to this Markdown file (images/photo.png) or from content/ with @/ (@/senryaku/sheet.pdf)"
        ),
    )
}

fn backslash(dest: &str) -> Message {
    Message::new(
        format!("「{dest}」の区切りに \\ があります。フォルダの区切りは / で書いてください"),
        format!("\"{dest}\" separates folders with \\: write / instead"),
    )
}

fn undecodable(dest: &str) -> Message {
    Message::new(
        format!(
            "「{dest}」の % で始まる文字が読めません（UTF-8 ではありません）。ファイル名をそのまま書いてください"
        ),
        format!("\"{dest}\" has %-escapes that are not UTF-8: write the file name as it is"),
    )
}

fn outside(dest: &str) -> Message {
    Message::new(
        format!(
            "「{dest}」は content フォルダの外を指しています。content の外のファイルは公開しません。ファイルを content の中に置いてください"
        ),
        format!(
            "\"{dest}\" points outside the content folder; kensho publishes no file from outside content/. Put the file inside content/"
        ),
    )
}

fn hidden(dest: &str, name: &str) -> Message {
    Message::new(
        format!(
            "「{dest}」の「{name}」は隠しファイル・Office のロックファイル・バックアップの名前なので公開しません。名前を変えてください"
        ),
        format!(
            "\"{name}\" in \"{dest}\" is named as a hidden, Office lock or backup file, which are never published; rename it"
        ),
    )
}

fn scripted(dest: &str) -> Message {
    Message::new(
        format!(
            "「{dest}」は HTML・SVG・XML・JavaScript のファイルで、開くと市のサイトの上でスクリプトが動くことがあるため公開しません。PDF や PNG などにして載せてください"
        ),
        format!(
            "\"{dest}\" is an HTML, SVG, XML or JavaScript file, which could run script on the city's site when opened, so it is not published; publish it as a PDF, a PNG or the like"
        ),
    )
}

fn trailing(dest: &str) -> Message {
    Message::new(
        format!(
            "「{dest}」のファイル名が点（.）か空白で終わっています。Web サーバーがどの種類のファイルとして送るか決まらず、HTML として開かれることもあるため公開しません。名前の最後を .pdf や .png などの拡張子にしてください"
        ),
        format!(
            "the file name in \"{dest}\" ends in a dot or a space, so a web server may serve it as any type (HTML too); it is not published. End the name with its extension (.pdf, .png, …)"
        ),
    )
}

fn not_published_type(dest: &str, ext: &str) -> Message {
    let list = published_list();
    let (ja, en) = if ext.is_empty() {
        ("拡張子がなく".to_string(), "has no extension".to_string())
    } else {
        (
            format!("種類（.{ext}）は公開するファイルの種類になく"),
            format!("is of a type (.{ext}) that is not published"),
        )
    };
    Message::new(
        format!(
            "「{dest}」は{ja}、Web サーバーやブラウザがプログラムとして動かすおそれがあるため公開しません。公開できるのは {list} のファイルです（大文字・小文字は問いません）。PDF などにして載せてください"
        ),
        format!(
            "\"{dest}\" {en}: a web server or browser could run it, so it is not published. Files published beside the pages are {list} (letter case ignored); publish it as a PDF or the like"
        ),
    )
}

fn served_as(dest: &str, ext: &str) -> Message {
    Message::new(
        format!(
            "「{dest}」の名前の途中に「.{ext}」があります。Web サーバー（Apache など）は名前の途中の拡張子も読み、このファイルを HTML やプログラムとして送り、市のサイトの上で動かすことがあるため公開しません。名前から「.{ext}」を除いてください（例: 報告書.pdf）"
        ),
        format!(
            "\"{dest}\" has \".{ext}\" inside its name: web servers (Apache and others) read every extension in a name and could serve this file as HTML or run it as a program on the city's site, so it is not published. Take \".{ext}\" out of the name (report.pdf)"
        ),
    )
}

fn settings(dest: &str) -> Message {
    Message::new(
        format!("「{dest}」は設定ファイル site.toml です。公開しません"),
        format!("\"{dest}\" is the settings file site.toml, which is not published"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_path(dest: &str, folder: &str) -> Option<String> {
        match target(dest, folder) {
            Target::File(p, _) => Some(p),
            _ => None,
        }
    }

    #[test]
    fn relative_paths_resolve_against_the_markdown_files_folder() {
        assert_eq!(
            file_path("images/a.png", "s/").as_deref(),
            Some("s/images/a.png")
        );
        assert_eq!(
            file_path("./a.pdf#page=2", "s/g/").as_deref(),
            Some("s/g/a.pdf")
        );
        assert_eq!(file_path("../b.pdf", "s/g/").as_deref(), Some("s/b.pdf"));
        assert_eq!(
            file_path("@/docs/a.pdf", "s/g/").as_deref(),
            Some("docs/a.pdf")
        );
        assert_eq!(
            file_path("%E5%86%99%E7%9C%9F.png", "").as_deref(),
            Some("写真.png")
        );
        assert_eq!(
            target("a.pdf?x=1#p", ""),
            Target::File("a.pdf".into(), "?x=1#p")
        );
    }

    #[test]
    fn pages_and_other_sites_are_not_files() {
        assert_eq!(target("@/s/a.md#k", ""), Target::Page("s/a.md", Some("k")));
        assert_eq!(target("@/s/a.md", ""), Target::Page("s/a.md", None));
        for dest in [
            "https://x.jp/a.pdf",
            "mailto:a@x.jp",
            "#kpi-1",
            "//x.jp/a.png",
            "/soshiki/",
            "/shisei/map.pdf",
            "../goal-1.md",
            "../",
            "",
        ] {
            assert_eq!(target(dest, "s/"), Target::Other, "{dest}");
        }
    }

    #[test]
    fn paths_out_of_content_absolute_or_hidden_are_refused() {
        for dest in [
            "../../etc/passwd",
            "../../../a.png",
            "@/../site.toml",
            "C:\\Users\\a.png",
            "c:/a.png",
            "\\\\server\\a.png",
            "img\\a.png",
            ".git/config",
            "img/.secret.png",
            "~$sheet.xlsx",
            "a.png~",
            "../site.toml",
            "%2e%2e/%2e%2e/etc/passwd",
            "%FF.png",
            "page.html",
            "chart.SVG",
            "@/a/b.xml#x",
        ] {
            assert!(
                matches!(target(dest, "s/"), Target::Refused(_)),
                "{dest}: {:?}",
                target(dest, "s/")
            );
        }
    }

    #[test]
    fn only_document_and_image_types_without_a_server_mapped_extension_are_published() {
        for dest in [
            "evil.html.ja",
            "evil.html.en",
            "evil.htm.ja",
            "evil.html.",
            "evil.pdf.",
            "evil.pdf ",
            "evil.php",
            "evil.PHP5",
            "evil.cgi",
            "evil.asp",
            "evil.aspx",
            "evil.jsp",
            "evil.php.pdf",
            "evil.Php7.png",
            "evil.shtml.txt",
            "evil.cgi.pdf",
            "evil.svg.png",
            "evil.html.pdf",
            "evil.var.pdf",
            "report",
            "a.exe",
            "a.xlsm",
            "a.htaccess",
            "@/a/%2Ehtml.ja",
        ] {
            assert!(
                matches!(target(dest, "s/"), Target::Refused(_)),
                "{dest}: {:?}",
                target(dest, "s/")
            );
        }
        for dest in [
            "a.pdf",
            "a.PDF",
            "令和5年度.概要.pdf",
            "sheet.R5.xlsx",
            "a.docx",
            "a.doc",
            "a.xls",
            "a.pptx",
            "a.csv",
            "a.txt",
            "a.odt",
            "a.ods",
            "a.odp",
            "a.zip",
            "a.png",
            "a.JPG",
            "a.jpeg",
            "a.gif",
            "a.webp",
            "html.pdf",
        ] {
            assert!(
                matches!(target(dest, "s/"), Target::File(..)),
                "{dest}: {:?}",
                target(dest, "s/")
            );
        }
    }

    #[test]
    fn refused_types_are_explained() {
        let Target::Refused(m) = target("evil.html.ja", "") else {
            panic!()
        };
        assert!(m.en.contains(".html") && m.ja.contains(".html"), "{m:?}");
        let Target::Refused(m) = target("evil.php", "") else {
            panic!()
        };
        assert!(
            m.en.contains("pdf, doc, docx") && m.ja.contains("pdf, doc"),
            "{m:?}"
        );
    }

    #[test]
    fn url_paths_escape_what_would_end_the_url() {
        assert_eq!(url_path("s/写真 1#.png"), "s/写真%201%23.png");
    }
}
