//! Diagnostics: located, bilingual problems found anywhere in the pipeline.
//!
//! Every stage pushes [`Diagnostic`]s instead of returning on the first problem, so one
//! build reports everything wrong with a site. A diagnostic names the file, the byte span
//! (turned into line and column when printed), the field, and what was expected and found,
//! in Japanese and English. Printing quotes the offending line with an underline through
//! miette, which measures double-width Japanese text correctly.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Weak};

/// A sentence in both languages the site may choose from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub ja: String,
    pub en: String,
}

impl Message {
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Self {
        Message {
            ja: ja.into(),
            en: en.into(),
        }
    }

    /// The text for one language setting.
    pub fn in_lang(&self, lang: Lang) -> String {
        match lang {
            Lang::Ja => self.ja.clone(),
            Lang::En => self.en.clone(),
            Lang::Both => format!("{}\n{}", self.ja, self.en),
        }
    }
}

/// Which language(s) messages are printed in (`messages` in site.toml).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    Ja,
    En,
    #[default]
    Both,
}

impl Lang {
    /// A message in this language (both: Japanese, then English on its own line).
    pub fn pick(self, ja: &str, en: &str) -> String {
        Message::new(ja, en).in_lang(self)
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            "both" => Some(Lang::Both),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A source file as read from disk, shared by every diagnostic that points into it.
///
/// The site owns its files' texts (`Site::sources`); the typed model points at them
/// weakly ([`FileRef`]), so that a build can let the texts go once the last stage that
/// reports positions in them has run, and keep only those a diagnostic holds.
#[derive(Debug)]
pub struct SourceFile {
    /// Path shown to the user, relative to the site root (`content/senryaku/x.md`).
    pub path: PathBuf,
    /// The whole text (lossily decoded when the file was not UTF-8).
    pub text: String,
}

/// The model's pointer to the file something was read from: weak, see [`SourceFile`].
pub type FileRef = Weak<SourceFile>;

/// What a diagnostic can point into: a file, or the model's pointer to one. A file the
/// site has let go of gives none, and the diagnostic then names no file rather than a
/// wrong place (no stage reports into files after the site lets them go).
pub trait Place {
    fn source(&self) -> Option<Arc<SourceFile>>;
}

impl Place for Arc<SourceFile> {
    fn source(&self) -> Option<Arc<SourceFile>> {
        Some(self.clone())
    }
}

impl Place for FileRef {
    fn source(&self) -> Option<Arc<SourceFile>> {
        self.upgrade()
    }
}

impl SourceFile {
    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Another place that explains a diagnostic (e.g. the first spelling of a year).
#[derive(Clone, Debug)]
pub struct Related {
    pub file: Arc<SourceFile>,
    pub span: Range<usize>,
    pub label: Message,
}

#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: Option<Arc<SourceFile>>,
    pub span: Option<Range<usize>>,
    /// The field as a path into the front matter, e.g. `kpis[1].actual.H31`.
    pub field: Option<String>,
    pub message: Message,
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn error(message: Message) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            span: None,
            field: None,
            message,
            related: Vec::new(),
        }
    }

    pub fn warning(message: Message) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn at(mut self, file: &impl Place, span: Range<usize>) -> Self {
        self.file = file.source();
        self.span = self.file.is_some().then_some(span);
        self
    }

    pub fn in_file(mut self, file: &impl Place) -> Self {
        self.file = file.source();
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn related(mut self, file: &impl Place, span: Range<usize>, label: Message) -> Self {
        if let Some(file) = file.source() {
            self.related.push(Related { file, span, label });
        }
        self
    }

    /// `file:line:column` of the diagnostic, where it has one.
    pub fn location(&self) -> Option<(PathBuf, usize, usize)> {
        let file = self.file.as_ref()?;
        let (line, col) = self
            .span
            .as_ref()
            .map_or((1, 1), |s| file.line_col(s.start));
        Some((file.path.clone(), line, col))
    }

    /// One JSON object: file, line, column, field, severity and the message in both languages.
    pub fn to_json(&self) -> serde_json::Value {
        let (file, line, column) = match self.location() {
            Some((f, l, c)) => (Some(f.display().to_string()), Some(l), Some(c)),
            None => (None, None, None),
        };
        serde_json::json!({
            "file": file,
            "line": line,
            "column": column,
            "field": self.field,
            "severity": match self.severity { Severity::Error => "error", Severity::Warning => "warning" },
            "message": { "ja": self.message.ja, "en": self.message.en },
            "source": self.source_line(),
        })
    }

    /// The line of the file the diagnostic points at, as written.
    pub fn source_line(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        let span = self.span.as_ref()?;
        let at = floor_char_boundary(&file.text, span.start.min(file.text.len()));
        let start = file.text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = file.text[at..]
            .find('\n')
            .map_or(file.text.len(), |i| at + i);
        let line = file.text[start..end].trim_end_matches('\r');
        let chars: Vec<char> = line.chars().collect();
        // A long line is cut around the error as the printed excerpt is: the JSON of
        // `check` and the preview's error page need not carry a whole 65k-column line.
        let (from, to) = window(&chars, file.text[start..at].chars().count());
        let mut out = String::new();
        if from > 0 {
            out.push('…');
        }
        out.extend(&chars[from..to]);
        if to < chars.len() {
            out.push('…');
        }
        Some(out)
    }

    /// The diagnostic as a plain one-line header plus a quoted, underlined snippet.
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        let word = match self.severity {
            Severity::Error => Message::new("エラー", "error"),
            Severity::Warning => Message::new("警告", "warning"),
        };
        // One line: both languages side by side, as in `エラー error: file:1:2`.
        out.push_str(&word.in_lang(lang).replace('\n', " "));
        if let Some((path, line, col)) = self.location() {
            out.push_str(&format!(": {}:{line}:{col}", path.display()));
        }
        if let Some(field) = &self.field {
            out.push_str(&format!(" [{field}]"));
        }
        out.push('\n');
        for line in self.message.in_lang(lang).lines() {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
        if let (Some(file), Some(span)) = (&self.file, &self.span) {
            out.push_str(&snippet(file, span.clone()));
        }
        for rel in &self.related {
            let (line, col) = rel.file.line_col(rel.span.start);
            out.push_str(&format!(
                "  → {}:{line}:{col}: {}\n",
                rel.file.path.display(),
                rel.label.in_lang(lang).replace('\n', " / ")
            ));
            out.push_str(&snippet(&rel.file, rel.span.clone()));
        }
        out
    }
}

/// Quote the lines around `span` and underline it, via miette's graphical handler.
///
/// miette is given only an [`Excerpt`]: the lines around the span, each cut to a window
/// around the error, because it panics on a column past 65,535 and reports columns in
/// bytes. The header names the place as [`SourceFile::line_col`] does (characters).
fn snippet(file: &Arc<SourceFile>, span: Range<usize>) -> String {
    let excerpt = Excerpt::around(file, span);
    let report = Snippet {
        span: miette::SourceSpan::from(excerpt.span.clone()),
        source: excerpt,
    };
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_context_lines(1)
            .with_width(100)
            .without_primary_span_start();
    let mut out = String::new();
    if handler.render_report(&mut out, &report).is_err() {
        return String::new();
    }
    // Drop miette's own header line (we print ours) and keep the quoted source.
    out.lines()
        .skip_while(|l| !l.contains('╭'))
        .map(|l| format!("  {l}\n"))
        .collect()
}

/// Display columns kept of a long line, and how many of them go before the error.
const WINDOW: usize = 80;
const WINDOW_BEFORE: usize = 30;
/// A span over more lines than this is underlined on its first line only.
const MAX_SPAN_LINES: usize = 20;

/// The lines miette quotes: one before the span, the span's lines, one after, each
/// cut to a window (marked `…`) around the error's column.
#[derive(Debug)]
struct Excerpt {
    /// `path:line:column` of the span's start, as the header gives it.
    name: String,
    text: String,
    /// The 0-based number of the excerpt's first line in the file.
    first_line: usize,
    /// The span, as offsets into `text`.
    span: Range<usize>,
}

impl Excerpt {
    fn around(file: &SourceFile, span: Range<usize>) -> Excerpt {
        let text = file.text.as_str();
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let (line, col) = file.line_col(start);
        let end = clip_end(text, start, end);
        let start_line = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let first = match start_line {
            0 => 0,
            s => text[..s - 1].rfind('\n').map_or(0, |i| i + 1),
        };
        let end_line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
        let last = match text.get(end_line_end + 1..) {
            // With its line break, so that miette quotes it even when it is empty.
            Some(rest) => end_line_end + 1 + rest.find('\n').map_or(rest.len(), |i| i + 1),
            None => end_line_end,
        };
        let mut out = Excerpt {
            name: format!("{}:{line}:{col}", file.path.display()),
            text: String::new(),
            first_line: line - 1 - usize::from(start_line > 0),
            span: 0..0,
        };
        let mut at = first;
        for raw in text[first..last].split('\n') {
            if at > first {
                out.text.push('\n');
            }
            out.quote(raw, at, (start, end), col - 1);
            at += raw.len() + 1;
        }
        out.span.end = out.span.end.max(out.span.start);
        out
    }

    /// Append one line of the file (`raw`, at byte `at`), cut to a window around the
    /// span's start or end when it holds one, otherwise around column `col`.
    fn quote(&mut self, raw: &str, at: usize, (start, end): (usize, usize), col: usize) {
        let holds = |offset: usize| (at..=at + raw.len()).contains(&offset);
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let chars: Vec<char> = line.chars().collect();
        let char_at = |offset: usize| line[..(offset - at).min(line.len())].chars().count();
        let focus = if holds(start) {
            char_at(start)
        } else if holds(end) {
            char_at(end)
        } else {
            col.min(chars.len())
        };
        let (from, to) = window(&chars, focus);
        if from > 0 {
            self.text.push('…');
        }
        let base = self.text.len();
        let offset_of = |c: usize| {
            base + chars[from..c.clamp(from, to)]
                .iter()
                .map(|c| c.len_utf8())
                .sum::<usize>()
        };
        if holds(start) {
            self.span.start = offset_of(char_at(start));
        }
        if holds(end) {
            self.span.end = offset_of(char_at(end));
        }
        self.text.extend(&chars[from..to]);
        if to < chars.len() {
            self.text.push('…');
        }
    }
}

/// Where the underline ends: not past the line it ends on, nor past the first line of a
/// span over many lines.
fn clip_end(text: &str, start: usize, mut end: usize) -> usize {
    if end > start && text.as_bytes()[end - 1] == b'\n' {
        end -= 1;
    }
    if text[start..end].matches('\n').count() >= MAX_SPAN_LINES {
        end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    }
    end
}

/// The characters `from..to` of a line to quote: the whole line when it is short,
/// otherwise [`WINDOW`] columns with the focus [`WINDOW_BEFORE`] columns in.
fn window(chars: &[char], focus: usize) -> (usize, usize) {
    let width = |c: &char| match *c {
        '\t' => 4,
        c if c < '\u{1100}' => 1,
        _ => 2,
    };
    if chars.iter().map(width).sum::<usize>() <= WINDOW {
        return (0, chars.len());
    }
    let (mut from, mut used) = (focus.min(chars.len()), 0);
    while from > 0 && used + width(&chars[from - 1]) <= WINDOW_BEFORE {
        from -= 1;
        used += width(&chars[from]);
    }
    let (mut to, mut used) = (from, 0);
    while to < chars.len() && used + width(&chars[to]) <= WINDOW {
        used += width(&chars[to]);
        to += 1;
    }
    while to == chars.len() && from > 0 && used + width(&chars[from - 1]) <= WINDOW {
        from -= 1;
        used += width(&chars[from]);
    }
    (from, to)
}

impl miette::SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = self.text.read_span(span, before, after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            inner.column(),
            inner.line_count(),
        )))
    }
}

#[derive(Debug)]
struct Snippet {
    source: Excerpt,
    span: miette::SourceSpan,
}

impl fmt::Display for Snippet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("")
    }
}

impl std::error::Error for Snippet {}

impl miette::Diagnostic for Snippet {
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(Box::new(std::iter::once(
            miette::LabeledSpan::new_with_span(None, self.span),
        )))
    }
}

/// All the problems one run found, errors and warnings.
#[derive(Debug, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// Sort by file, then position, so output is stable whatever order stages ran in.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            let ka = (
                a.file.as_ref().map(|f| f.path.clone()),
                a.span.as_ref().map(|s| s.start),
            );
            let kb = (
                b.file.as_ref().map(|f| f.path.clone()),
                b.span.as_ref().map(|s| s.start),
            );
            ka.cmp(&kb).then(a.severity.cmp(&b.severity))
        });
    }

    pub fn render(&self, lang: Lang) -> String {
        self.items
            .iter()
            .map(|d| d.render(lang))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The field of the `i`-th (from 0) entry of the array at `field`, numbered from 1 as
/// staff count them and as the workbook numbers a file's KPIs: `kpis[1]` is the first
/// `[[kpis]]`, in every message, `check --format json` and `kensho import` alike.
pub fn nth(field: &str, i: usize) -> String {
    format!("{field}[{}]", i + 1)
}

/// The closest candidate to a misspelt name, for "did you mean".
pub fn did_you_mean<'a>(
    found: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(found, c), c))
        .filter(|(score, _)| *score > 0.8)
        // On a tie the first in name order, whatever order the candidates came in.
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

/// Whether two names look the same and differ only in how their characters are
/// composed (Unicode NFC and NFD: a name saved on a Mac keeps ゛ and accents apart).
pub fn composed_apart(a: &str, b: &str) -> bool {
    use unicode_normalization::UnicodeNormalization;
    a != b && a.nfc().eq(b.nfc())
}

/// What to say of a name `hint` that differs from the one written only in composition
/// ([`composed_apart`]), in place of "did you mean".
pub fn composed_apart_hint(hint: &str) -> (String, String) {
    (
        format!(
            "「{hint}」があり、書かれた名前と見た目は同じですが、文字の組み立て方が違います（Unicode の NFC と NFD。Mac で付けた名前では、濁点や半濁点が別の文字になっていることがあります）。ファイルやフォルダの名前を一度消して打ち直すか、リンクを打ち直してください"
        ),
        format!(
            " There is {hint}, which looks the same but whose characters are composed differently (Unicode NFC and NFD: a name given on a Mac may keep ゛ and ゜ as separate characters). Delete and retype the file's or folder's name, or retype the link"
        ),
    )
}

/// A display path relative to the site root.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> Arc<SourceFile> {
        Arc::new(SourceFile {
            path: PathBuf::from("x.md"),
            text: text.to_string(),
        })
    }

    fn at(text: &str, span: Range<usize>) -> String {
        Diagnostic::error(Message::new("誤り", "wrong"))
            .at(&file(text), span)
            .render(Lang::En)
    }

    #[test]
    fn names_composed_apart_are_told_apart_from_typos() {
        assert!(composed_apart("か\u{3099}.pdf", "が.pdf"));
        assert!(!composed_apart("が.pdf", "が.pdf"));
        assert!(!composed_apart("か.pdf", "が.pdf"));
    }

    #[test]
    fn every_span_of_awkward_texts_prints() {
        for text in [
            "",
            "\n",
            "a",
            "あ\r\nい\n\n",
            "x\ny\nz",
            "\u{202E}é\t\0\n𠮷",
        ] {
            for start in 0..=text.len() + 1 {
                for end in 0..=text.len() + 2 {
                    let printed = at(text, start..end);
                    assert!(printed.starts_with("error: x.md:"), "{printed}");
                }
            }
        }
    }

    #[test]
    fn a_long_line_is_quoted_in_a_window_marked_at_both_ends() {
        let text = format!("a\n{}X{}\nb\n", "あ".repeat(5_000), "い".repeat(5_000));
        let x = text.find('X').unwrap();
        let printed = at(&text, x..x + 1);
        let quoted = printed.lines().find(|l| l.contains(" 2 │")).unwrap();
        assert!(quoted.contains("…あ") && quoted.contains("Xい") && quoted.ends_with("い…"));
        assert!(quoted.chars().count() < 60, "{quoted}");
        assert!(printed.contains("x.md:2:5001]"), "{printed}");
        assert!(
            printed.contains(" 1 │ a") && printed.contains(" 3 │ b"),
            "{printed}"
        );
    }

    #[test]
    fn a_span_over_many_lines_is_underlined_on_its_first() {
        let text = "x\n".repeat(100);
        let printed = at(&text, 4..150);
        assert!(
            printed.contains(" 3 │ x") && printed.contains(" 4 │ x"),
            "{printed}"
        );
        assert!(!printed.contains(" 5 │"), "{printed}");
    }
}
