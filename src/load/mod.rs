//! Load: files on disk → raw documents with positions.
//!
//! Walks `content/` in a stable order, decodes each file (a non-UTF-8 file is an error
//! that names the first bad byte's line), splits front matter from body and parses the
//! front matter into toml's spanned tree. Nothing here knows what the keys mean; that is
//! the model's job. Every problem is collected, not just the first.

pub mod frontmatter;
pub mod mistakes;
pub mod tree;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::de::DeTable;

use crate::diag::{Diagnostic, Diagnostics, Message, SourceFile, display_path};

/// One parsed TOML document (site.toml, or a Markdown file's front matter).
#[derive(Debug)]
pub struct RawToml {
    pub file: Arc<SourceFile>,
    /// The parsed table; spans are byte offsets in the whole file.
    pub table: tree::Table,
    /// Span of the TOML text in the file (for errors about a missing key).
    pub span: std::ops::Range<usize>,
}

/// A Markdown content file.
#[derive(Debug)]
pub struct RawDocument {
    /// Path relative to `content/`, with `/` separators: `senryaku/goal-2/policy-1.md`.
    pub rel: String,
    pub front: RawToml,
    pub body: String,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
}

/// Every content file of a site, as loaded, in content-path order.
#[derive(Debug)]
pub struct RawSite {
    pub root: PathBuf,
    pub files: Vec<Loaded>,
}

/// Loaded files sorted by what they are, borrowed: what the model is built from. A whole
/// load gives one ([`RawSite::sources`]); the preview server makes one from its cache.
pub struct Sources<'a> {
    pub root: &'a Path,
    pub config: Option<&'a RawToml>,
    /// `content/forms.toml` (the site's forms; the built-in ones without it).
    pub forms: FormsToml<'a>,
    pub documents: Vec<&'a RawDocument>,
    /// Content paths of files that exist but could not be read or parsed: references to
    /// them are not reported again as missing.
    pub unreadable: Vec<String>,
}

impl RawSite {
    pub fn sources(&self, diags: &mut Diagnostics) -> Sources<'_> {
        Sources::new(&self.root, &self.files, diags)
    }
}

impl<'a> Sources<'a> {
    /// Sort `files` by kind; a content folder without site.toml is an error here.
    pub fn new(
        root: &'a Path,
        files: impl IntoIterator<Item = &'a Loaded>,
        diags: &mut Diagnostics,
    ) -> Sources<'a> {
        let mut s = Sources {
            root,
            config: None,
            forms: FormsToml::Absent,
            documents: Vec::new(),
            unreadable: Vec::new(),
        };
        let mut config_unreadable = false;
        for f in files {
            match f {
                Loaded::Config(t) => s.config = Some(t),
                Loaded::Forms(t) => s.forms = FormsToml::Read(t),
                Loaded::Document(d) => s.documents.push(d),
                Loaded::Unreadable(rel) if rel == SITE_FILE => config_unreadable = true,
                Loaded::Unreadable(rel) if rel == FORMS_FILE => s.forms = FormsToml::Unreadable,
                Loaded::Unreadable(rel) => s.unreadable.push(rel.clone()),
                Loaded::Attachment(_) => {}
            }
        }
        require_settings(root, s.config.is_some() || config_unreadable, diags);
        s
    }
}

/// A content folder without site.toml is an error (a site.toml that could not be read
/// has its own).
pub fn require_settings(root: &Path, found: bool, diags: &mut Diagnostics) {
    if !found && root.join(CONTENT_DIR).is_dir() {
        diags.push(Diagnostic::error(Message::new(
            format!("設定ファイルがありません: {CONTENT_DIR}/{SITE_FILE}"),
            format!("missing settings file {CONTENT_DIR}/{SITE_FILE}"),
        )));
    }
}

/// The site's files, listed: site.toml loaded, the documents still to load, so that
/// each can be loaded and typed in one go, in parallel, its TOML tree dropped at once.
pub struct Listing {
    pub config: Option<RawToml>,
    /// `content/forms.toml`, loaded when written.
    pub forms: Option<RawToml>,
    /// Whether forms.toml is written but could not be read (its error is reported).
    pub forms_unreadable: bool,
    /// (content path, file path) of every other content file, sorted.
    pub documents: Vec<(String, PathBuf)>,
}

/// List the content files and load site.toml.
pub fn list(root: &Path, diags: &mut Diagnostics) -> Listing {
    let (settings, documents): (Vec<_>, Vec<_>) = content_files(root, diags)
        .into_iter()
        .partition(|(rel, _)| rel == SITE_FILE || rel == FORMS_FILE);
    let mut listing = Listing {
        config: None,
        forms: None,
        forms_unreadable: false,
        documents,
    };
    let mut found = false;
    for (rel, path) in &settings {
        found |= rel == SITE_FILE;
        match load_file(root, rel, path, diags) {
            Loaded::Config(t) => listing.config = Some(t),
            Loaded::Forms(t) => listing.forms = Some(t),
            Loaded::Unreadable(_) => listing.forms_unreadable |= rel == FORMS_FILE,
            _ => {}
        }
    }
    require_settings(root, found, diags);
    listing
}

impl Listing {
    /// forms.toml as listed.
    pub fn forms(&self) -> FormsToml<'_> {
        match (&self.forms, self.forms_unreadable) {
            (Some(t), _) => FormsToml::Read(t),
            (None, true) => FormsToml::Unreadable,
            (None, false) => FormsToml::Absent,
        }
    }
}

/// `content/forms.toml` as loaded.
#[derive(Clone, Copy, Debug)]
pub enum FormsToml<'a> {
    /// Not written: the site's forms are the built-in ones.
    Absent,
    Read(&'a RawToml),
    /// Written but not read (a syntax error, reported): which names content may write is
    /// then unknown, and content is not told that a name is unknown.
    Unreadable,
}

impl<'a> FormsToml<'a> {
    /// forms.toml as a loaded file is (`None`: not written).
    pub fn of(loaded: Option<&'a Loaded>) -> FormsToml<'a> {
        match loaded {
            Some(Loaded::Forms(t)) => FormsToml::Read(t),
            Some(_) => FormsToml::Unreadable,
            None => FormsToml::Absent,
        }
    }
}

pub const CONTENT_DIR: &str = "content";
pub const SITE_FILE: &str = "site.toml";
/// The site's forms, beside site.toml (`model::form`).
pub const FORMS_FILE: &str = "forms.toml";

/// The names kensho writes its own pages and files under, at the top of the output (the
/// render stage's URLs; tests/url_clashes.rs holds the two together). No plan folder may
/// take one, in any case of letters: Windows and macOS keep `Search/` and `search/` as
/// one folder.
pub const RESERVED_NAMES: &[&str] = &[
    "index.html",
    "404.html",
    "assets",
    "search",
    "data",
    "years",
    "kpis",
    "grades",
    "status",
    "directions",
    "departments",
    "accessibility",
    "legend",
    "sitemap.xml",
    "robots.txt",
    "feed.xml",
    // The output's mark and a build's lock (`write`): hidden, so never a plan folder, but listed so
    // that this list names everything kensho writes at the top.
    ".kensho-output",
    ".kensho-lock",
];

/// Whether kensho uses `name` for its own pages ([`RESERVED_NAMES`]).
pub fn is_reserved(name: &str) -> bool {
    RESERVED_NAMES.iter().any(|r| r.eq_ignore_ascii_case(name))
}

/// What one content file loaded as.
#[derive(Debug)]
pub enum Loaded {
    /// `content/site.toml`.
    Config(RawToml),
    /// `content/forms.toml`.
    Forms(RawToml),
    Document(RawDocument),
    /// A file that exists but could not be read or parsed (its errors are reported).
    Unreadable(String),
    /// A file beside the pages (not Markdown, not site.toml), published where a page
    /// links to it: its content path.
    Attachment(String),
}

/// Read every content file under `root/content`.
pub fn load(root: &Path, diags: &mut Diagnostics) -> RawSite {
    load_replacing(root, &[], diags)
}

/// [`load`], with each `(content path, text)` of `replaced` read in place of its page's
/// file: the site as it would be with those texts written (`import` checks it first).
pub fn load_replacing(
    root: &Path,
    replaced: &[(&str, String)],
    diags: &mut Diagnostics,
) -> RawSite {
    let files = content_files(root, diags);
    RawSite {
        root: root.to_path_buf(),
        files: files
            .iter()
            .map(
                |(rel, path)| match replaced.iter().find(|(r, _)| r == rel) {
                    Some((_, text)) => {
                        let shown = path.strip_prefix(root).unwrap_or(path).to_path_buf();
                        let file = Arc::new(SourceFile {
                            path: shown,
                            text: lf_lines(text),
                        });
                        document(rel, Some(file), diags)
                    }
                    None => load_file(root, rel, path, diags),
                },
            )
            .collect(),
    }
}

/// What is said where `root` holds no content folder (kensho run in another folder than
/// the site's): where it looked, and how to run it in the site's folder.
pub fn no_content(root: &Path) -> Message {
    let content = root.join(CONTENT_DIR);
    // Run inside the site (in content/ or a folder under it): name the site's folder.
    let site = (root.canonicalize().ok())
        .and_then(|r| {
            r.ancestors()
                .skip(1)
                .find(|a| a.join(CONTENT_DIR).join("site.toml").is_file())
                .map(Path::to_path_buf)
        })
        .map(|s| {
            (
                format!("（今のフォルダはサイト {} の中にあります）", s.display()),
                format!(" (this folder is inside the site {})", s.display()),
            )
        })
        .unwrap_or_default();
    Message::new(
        format!(
            "content フォルダがありません: {}。kensho はサイトのフォルダ（content フォルダのあるフォルダ）で実行します{}。そのフォルダに移ってから実行するか、--root でそのフォルダを指定してください（新しいサイトは kensho new で作れます）",
            content.display(),
            site.0
        ),
        format!(
            "no content folder at {}: kensho runs in the site's folder (the one holding content/){}; change to that folder first, or name it with --root (kensho new makes a new site)",
            content.display(),
            site.1
        ),
    )
}

/// Every content file under `root/content`, as (content path, file path), sorted.
/// Editors' swap and backup files and hidden files and folders are left out in silence;
/// a file that is not a page is listed too (a page may link to it); reported are a page
/// whose extension is written in the wrong case ([`skipped`]), file names that are not
/// UTF-8 and symbolic links that lead out of `content/`.
pub fn content_files(root: &Path, diags: &mut Diagnostics) -> Vec<(String, PathBuf)> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        diags.push(Diagnostic::error(no_content(root)));
        return Vec::new();
    }
    // Where links must lead: the content folder itself may be a link.
    let inside = content.canonicalize().unwrap_or_else(|_| content.clone());
    let mut walker = walkdir::WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    let mut out = Vec::new();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(walk_error(root, &e));
                continue;
            }
        };
        let path = entry.path();
        let is_dir = entry.file_type().is_dir();
        if entry.depth() > 0 && is_ignored(path) {
            if is_dir {
                walker.skip_current_dir();
            }
            continue;
        }
        if entry.path_is_symlink()
            && let Some(problem) = link_out(root, &inside, path)
        {
            diags.push(problem);
            if is_dir {
                walker.skip_current_dir();
            }
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let Some(rel) = utf8_rel_path(&content, path) else {
            diags.push(not_utf8_name(root, path));
            continue;
        };
        if !wrong_case_page(path) {
            // A file that is not a page may be an attachment a page links to (the link
            // stage publishes it then, and warns about it otherwise).
            out.push((rel, path.to_path_buf()));
        } else {
            diags.push(skipped(root, path));
        }
    }
    out
}

/// Whether a file under `content/` is read by the build: Markdown files and site.toml,
/// but not editors' swap and backup files or hidden files.
pub fn is_content(path: &Path) -> bool {
    !is_ignored(path)
        && (path.extension().is_some_and(|e| e == "md")
            || path
                .file_name()
                .is_some_and(|n| n == SITE_FILE || n == FORMS_FILE))
}

/// A symbolic link under `content/` whose target lies outside it: an error naming both,
/// since publishing whatever it points at (or leaving it out unseen) is not safe.
fn link_out(root: &Path, inside: &Path, path: &Path) -> Option<Diagnostic> {
    let target = path.canonicalize().ok()?;
    if target.starts_with(inside) {
        return None;
    }
    let link = display_path(root, path);
    let target = display_path(root, &target);
    let (link, target) = (link.display(), target.display());
    Some(
        Diagnostic::error(Message::new(
            format!(
                "{link} は content フォルダの外（{target}）を指すシンボリックリンクです。content の外のファイルは公開しません。中身を content の中にコピーしてください"
            ),
            format!(
                "{link} is a symbolic link to {target}, outside the content folder; kensho does not publish files from outside content/. Copy them into content/ instead"
            ),
        ))
        .in_file(&named(root, path)),
    )
}

/// A file whose name is not UTF-8: two such names could read as one page, so the file
/// is refused rather than given a guessed name.
fn not_utf8_name(root: &Path, path: &Path) -> Diagnostic {
    Diagnostic::error(Message::new(
        "ファイル名（またはフォルダ名）に UTF-8 ではない文字があります（� と表示した部分）。名前を変えてください",
        "the file or folder name is not valid UTF-8 (shown with �); rename it",
    ))
    .in_file(&named(root, path))
}

/// A name that differs from `.md` only in letter case: to a Windows user it is a page.
fn wrong_case_page(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e != "md" && e.eq_ignore_ascii_case("md"))
}

/// A page file whose name ends in `.MD` is an error: it would be lost.
fn skipped(root: &Path, path: &Path) -> Diagnostic {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    Diagnostic::error(Message::new(
        format!("「{name}」は読み込みません: ページのファイル名は小文字の .md で終えてください。名前を変えてください"),
        format!("\"{name}\" is not read: page files must end in .md in lower case; rename it"),
    ))
    .in_file(&named(root, path))
}

/// A file as a diagnostic's place, by name only (its text is not read).
fn named(root: &Path, path: &Path) -> Arc<SourceFile> {
    Arc::new(SourceFile {
        path: display_path(root, path),
        text: String::new(),
    })
}

/// Load one content file (`rel` is its path under `content/`).
pub fn load_file(root: &Path, rel: &str, path: &Path, diags: &mut Diagnostics) -> Loaded {
    if rel == SITE_FILE || rel == FORMS_FILE {
        return match read_source(root, path, diags).and_then(|file| toml_file(&file, diags)) {
            Some(t) if rel == SITE_FILE => Loaded::Config(t),
            Some(t) => Loaded::Forms(t),
            None => Loaded::Unreadable(rel.to_string()),
        };
    }
    if path.extension().is_none_or(|e| e != "md") {
        return Loaded::Attachment(rel.to_string());
    }
    document(rel, read_source(root, path, diags), diags)
}

/// A page from its file's text (`None`: it could not be read, already reported).
fn document(rel: &str, file: Option<Arc<SourceFile>>, diags: &mut Diagnostics) -> Loaded {
    match file.and_then(|file| parse_document(rel.to_string(), file, diags)) {
        Some(doc) => Loaded::Document(doc),
        None => Loaded::Unreadable(rel.to_string()),
    }
}

/// Editors' backup and swap files, hidden files and folders (`.git`) and the files
/// Windows keeps beside pictures are not content.
pub fn is_ignored(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.starts_with('.')
        || name.starts_with('#')
        || name.starts_with("~$")
        || name.ends_with('~')
        || name.eq_ignore_ascii_case("Thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// The content path of `path` (`/`-separated), `None` when a name in it is not UTF-8.
fn utf8_rel_path(base: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(base).unwrap_or(path);
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

fn walk_error(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let path = e
        .path()
        .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
        .unwrap_or_default();
    if let Some(ancestor) = e.loop_ancestor() {
        let ancestor = ancestor.strip_prefix(root).unwrap_or(ancestor).display();
        return Diagnostic::error(Message::new(
            format!(
                "親子関係が循環しています: {path} は自分の祖先 {ancestor} を指しています（フォルダのリンクを確認してください）"
            ),
            format!(
                "a cycle of parents: {path} leads back to its own ancestor {ancestor} (check folder links)"
            ),
        ));
    }
    Diagnostic::error(Message::new(
        format!("読み込めません: {path}: {e}"),
        format!("cannot read {path}: {e}"),
    ))
}

/// `text` with its lines ended by LF: a file saved with CRLF (Notepad, git's autocrlf)
/// reads as the same content, so no later stage meets a CR (all.json's texts once kept
/// them). A line's number and its columns stay those of the file.
fn lf_lines(text: &str) -> String {
    match text.contains('\r') {
        true => text.replace("\r\n", "\n"),
        false => text.to_owned(),
    }
}

fn read_source(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<Arc<SourceFile>> {
    let shown = path.strip_prefix(root).unwrap_or(path).to_path_buf();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(Message::new(
                format!("読み込めません: {}: {e}", shown.display()),
                format!("cannot read {}: {e}", shown.display()),
            )));
            return None;
        }
    };
    // simdutf8 checks Japanese text about twenty times faster than `String::from_utf8`
    // (a tenth of loading went to it); the copy its `&str` needs costs far less.
    if let Ok(text) = simdutf8::basic::from_utf8(&bytes) {
        let text = lf_lines(text);
        return Some(Arc::new(SourceFile { path: shown, text }));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some(Arc::new(SourceFile {
            path: shown,
            text: lf_lines(&text),
        })),
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // Offsets in the lossy text match the original up to the first bad byte.
            let file = Arc::new(SourceFile { path: shown, text });
            diags.push(
                Diagnostic::error(Message::new(
                    format!("UTF-8 ではない文字があります（{bad} バイト目）。Shift_JIS などで保存されたファイルは UTF-8 で保存し直してください"),
                    format!("the file is not UTF-8 (first invalid byte at offset {bad}); save it as UTF-8, not Shift_JIS"),
                ))
                .at(&file, bad..bad + 1),
            );
            None
        }
    }
}

fn parse_document(
    rel: String,
    file: Arc<SourceFile>,
    diags: &mut Diagnostics,
) -> Option<RawDocument> {
    use frontmatter::SplitError;
    let split = match frontmatter::split(&file.text) {
        Ok(s) => s,
        Err(err) => {
            let (span, ja, en) = match err {
                SplitError::Empty => (
                    0..0,
                    "空のファイルです。先頭に +++ で囲んだ TOML（title など）が必要です",
                    "the file is empty; expected TOML front matter between +++ lines (title, …)",
                ),
                SplitError::NoOpening(s) => (
                    s,
                    "1行目は +++ で始めてください（TOML のフロントマター）",
                    "expected the first line to be +++ (opening the TOML front matter)",
                ),
                SplitError::NoClosing(s) => (
                    s,
                    "フロントマターを閉じる +++ の行がありません",
                    "the front matter opened here is never closed by a +++ line",
                ),
            };
            diags.push(Diagnostic::error(Message::new(ja, en)).at(&file, span));
            return None;
        }
    };
    let (front_offset, front_len) = (split.front_offset, split.front.len());
    let body = split.body.to_string();
    let body_offset = split.body_offset;
    let front = parse_toml(&file, front_offset, front_offset + front_len, diags)?;
    Some(RawDocument {
        rel,
        front,
        body,
        body_offset,
    })
}

/// A whole file parsed as TOML (site.toml, forms.toml, the built-in forms), reporting
/// its first syntax error.
pub fn toml_file(file: &Arc<SourceFile>, diags: &mut Diagnostics) -> Option<RawToml> {
    parse_toml(file, 0, file.text.len(), diags)
}

/// Parse `file.text[start..end]` as TOML, reporting every syntax error it recovers from.
fn parse_toml(
    file: &Arc<SourceFile>,
    start: usize,
    end: usize,
    diags: &mut Diagnostics,
) -> Option<RawToml> {
    let text = &file.text[start..end];
    let (table, errors) = DeTable::parse_recoverable(text);
    // Only the first error: the parser's recovery makes more of one mistake (a line
    // break inside "…" reads the next line as a key), and staff fix one at a time.
    let first = errors
        .iter()
        .min_by_key(|e| e.span().map_or(usize::MAX, |s| s.start));
    if let Some(e) = first {
        let at = e.span().map_or(0, |s| s.start);
        let (span, field, message) = match mistakes::explain(text, at) {
            Some(m) => (m.span, m.field, Message::new(m.ja, m.en)),
            None => {
                let span = e.span().unwrap_or(0..0);
                let (ja, en) = mistakes::parser_message(e.message().trim(), text, span.clone());
                let message = Message::new(ja, en);
                (span, None, message)
            }
        };
        let span = span.start + start..span.end + start;
        let mut diagnostic = Diagnostic::error(message).at(file, span);
        if let Some(field) = field {
            diagnostic = diagnostic.field(field);
        }
        diags.push(diagnostic);
        return None;
    }
    let table = tree::from_de(table.get_ref(), start);
    Some(RawToml {
        file: file.clone(),
        table,
        span: start..end,
    })
}
