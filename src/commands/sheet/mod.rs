//! `kensho export` / `kensho import`: per plan a sheet of KPIs and one of programs, staff
//! fill them in, and the edited cells are written back into the front matter with
//! toml_edit, so every comment and the layout of the TOML stay as they were. Both read
//! the files as written (not the model): a cell holds exactly what the file holds, so a
//! round trip with no edits finds nothing to change.

pub mod export;
pub mod form_columns;
pub mod grid;
pub mod import;
pub mod kpi_sheet;
pub mod layout;
pub mod node_sheet;
pub mod path;
pub mod verify;

use std::path::Path;

use toml_edit::{DocumentMut, Value};

use crate::diag::{Diagnostics, Message, Severity};
use crate::load::{FormsToml, Loaded, frontmatter};
use crate::model::site::SiteConfig;

/// A cell as both sides see it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Number(f64),
    Text(String),
}

impl Cell {
    /// What a TOML value shows in a cell: numbers as numbers, strings as written, a
    /// table (`{ note = "…" }`) as its TOML text.
    pub fn of(value: &Value) -> Cell {
        match value {
            Value::Integer(i) => Cell::Number(*i.value() as f64),
            Value::Float(f) => Cell::Number(*f.value()),
            Value::String(s) if s.value().is_empty() => Cell::Empty,
            Value::String(s) => Cell::Text(s.value().clone()),
            // The chosen words of an item `choose = "many"`: one cell, joined with 「、」
            // (import splits it back; no word of such an item holds 「、」).
            Value::Array(a) if a.iter().all(|v| v.is_str()) => {
                let words: Vec<&str> = a.iter().filter_map(Value::as_str).collect();
                match words.is_empty() {
                    true => Cell::Empty,
                    false => Cell::Text(words.join("、")),
                }
            }
            other => Cell::Text(other.to_string().trim().to_string()),
        }
    }

    /// The cell's text as an identity column compares it.
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) => n.to_string(),
            Cell::Empty => String::new(),
        }
    }

    pub fn show(&self) -> String {
        match self {
            Cell::Empty => "（空欄 blank）".into(),
            Cell::Number(n) => n.to_string(),
            Cell::Text(s) => format!("\"{s}\""),
        }
    }

    /// Whether a cell says what the file says: a number typed as text (a CSV's cells
    /// are all text) is the same number.
    pub fn same(&self, old: &Cell) -> bool {
        match (self, old) {
            (Cell::Number(a), Cell::Text(t)) | (Cell::Text(t), Cell::Number(a)) => {
                plain_number(t) == Some(*a)
            }
            // A spreadsheet program may write a cell's line breaks as \n or \r\n.
            (Cell::Text(a), Cell::Text(b)) => lf(a) == lf(b),
            _ => self == old,
        }
    }
}

/// Text with every line break a `\n`.
pub fn lf(text: &str) -> String {
    text.replace("\r\n", "\n")
}

/// `12`, `-3.5`: a number with nothing else (no commas, no unit).
pub fn plain_number(t: &str) -> Option<f64> {
    let t = t.trim();
    let ok = !t.is_empty()
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && t.chars().any(|c| c.is_ascii_digit());
    if ok { t.parse().ok() } else { None }
}

/// A content file's text split around its front matter, the front matter parsed (with
/// its line breaks read as `\n`: values and cells do not depend on the file's endings).
pub struct Front {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub doc: DocumentMut,
    /// The file's lines end in `\r\n` (saved by Notepad, say): the front matter is
    /// written back with them, inside multi-line strings too.
    pub crlf: bool,
}

impl Front {
    pub fn read(path: &Path) -> Option<Front> {
        let text = std::fs::read_to_string(path).ok()?;
        let split = frontmatter::split(&text).ok()?;
        let (start, end) = (split.front_offset, split.front_offset + split.front.len());
        let crlf = text[..start].ends_with("\r\n");
        let doc = lf(split.front).parse::<DocumentMut>().ok()?;
        Some(Front {
            text,
            start,
            end,
            doc,
            crlf,
        })
    }

    /// The file's text with the edited front matter in place, in the file's line endings.
    pub fn rendered(&self) -> String {
        let mut front = lf(&self.doc.to_string());
        if self.crlf {
            front = front.replace('\n', "\r\n");
        }
        let mut out = String::with_capacity(self.text.len() + 64);
        out.push_str(&self.text[..self.start]);
        out.push_str(&front);
        out.push_str(&self.text[self.end..]);
        out
    }
}

/// site.toml read as `build` reads it (labels, scales, words, fields), with the site's
/// forms (forms.toml, else the built-in ones): the workbook's columns are the forms'.
/// Their problems are `kensho check`'s to explain.
pub fn settings(root: &Path) -> Result<SiteConfig, Message> {
    let content = root.join("content");
    let path = content.join("site.toml");
    let mut diags = Diagnostics::default();
    let raw = match crate::load::load_file(root, "site.toml", &path, &mut diags) {
        Loaded::Config(raw) => raw,
        _ => return Err(unreadable_settings(&path)),
    };
    let forms_path = content.join(crate::load::FORMS_FILE);
    let forms = match forms_path
        .is_file()
        .then(|| crate::load::load_file(root, crate::load::FORMS_FILE, &forms_path, &mut diags))
    {
        Some(Loaded::Forms(t)) => Some(t),
        Some(_) => return Err(unreadable_settings(&forms_path)),
        None => None,
    };
    let forms = forms.as_ref().map_or(FormsToml::Absent, FormsToml::Read);
    let config = crate::model::read_config(Some(&raw), forms, &mut diags);
    // A form with errors would give the workbook columns the site does not have.
    let forms_error = (diags.items.iter()).any(|d| {
        d.severity == Severity::Error
            && d.file
                .as_ref()
                .is_some_and(|f| f.path.ends_with(crate::load::FORMS_FILE))
    });
    match config {
        Some(_) if forms_error => Err(unreadable_settings(&forms_path)),
        Some(config) => Ok(config),
        None => Err(unreadable_settings(&path)),
    }
}

fn unreadable_settings(path: &Path) -> Message {
    Message::new(
        format!(
            "{} が読めません。kensho check で確かめてください",
            path.display()
        ),
        format!(
            "cannot read {}; run kensho check to see why",
            path.display()
        ),
    )
}

/// Write `bytes` over `path` in one step: into a temporary file beside it
/// (`.NAME.{suffix}`), flushed to disk, then renamed over it, so a failure part-way (a
/// full disk, the power) leaves the file that was there as it was; the temporary file is
/// removed on failure.
pub fn replace_file(path: &Path, bytes: &[u8], suffix: &str) -> std::io::Result<()> {
    use std::io::Write;
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temp = path.with_file_name(format!(".{name}.{suffix}"));
    // A leftover of a killed run (or a link put there) is removed, never written through.
    let _ = std::fs::remove_file(&temp);
    let created = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp);
    let written = created.and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    written
        .and_then(|()| std::fs::rename(&temp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
}

/// The suffix of import's temporary files beside the content files it writes
/// (`.policy-1.md.kensho-import`, see [`replace_file`]).
pub const IMPORT_SUFFIX: &str = "kensho-import";

/// Remove what a killed `import --write` left under `content/`: a hidden
/// `.NAME.kensho-import` beside the file `NAME` it was replacing (a name only import
/// makes), never anything else. Returns the content paths removed.
pub fn sweep_import_leftovers(content: &Path) -> Vec<String> {
    let ours = |e: &walkdir::DirEntry| {
        let name = e.file_name().to_str()?;
        let target = (name.strip_prefix('.')?).strip_suffix(IMPORT_SUFFIX)?;
        let target = target.strip_suffix('.')?;
        let beside = e.path().with_file_name(target);
        (e.file_type().is_file() && !target.is_empty() && beside.is_file()).then_some(())
    };
    let mut removed = Vec::new();
    for e in walkdir::WalkDir::new(content).into_iter().flatten() {
        if ours(&e).is_some() && std::fs::remove_file(e.path()).is_ok() {
            let rel = e.path().strip_prefix(content).unwrap_or(e.path());
            removed.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    removed
}

/// A character kensho does not write from a cell: a control character other than a tab
/// or a line break (NUL, ESC, …, and C1), or a bidi control (which `check` refuses in a
/// file: it can make text read backwards).
pub fn hidden_control(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || crate::model::reader::bidi_control(c).is_some()
    })
}

/// `c` as a reader can find it: `U+001B`, with its name where it has one.
pub fn char_name(c: char) -> String {
    let name = match c {
        '\0' => Some("NUL"),
        '\u{1b}' => Some("ESC"),
        c => crate::model::reader::bidi_control(c),
    };
    let code = format!("U+{:04X}", u32::from(c));
    name.map_or(code.clone(), |n| format!("{code} {n}"))
}

/// Text for the terminal: a control character (but a line break or tab) and a bidi
/// control written as `\u{1b}`, so that nothing from a cell or a file moves the cursor,
/// clears the screen or reverses a line.
pub fn terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if hidden_control(c.encode_utf8(&mut [0; 4])).is_some() || c == '\r' {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// A column's letters: 0 → A, 26 → AA.
pub fn column_name(mut col: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
    }

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        assert_eq!(
            terminal("a\u{1b}[2Jb\r\nc\u{202E}\t"),
            "a\\u{1b}[2Jb\\u{d}\nc\\u{202e}\t"
        );
        assert_eq!(hidden_control("行1\n行2\t"), None);
        assert_eq!(hidden_control("a\0"), Some('\0'));
        assert_eq!(char_name('\u{202E}'), "U+202E RIGHT-TO-LEFT OVERRIDE");
    }

    #[test]
    fn a_number_typed_as_text_is_the_same() {
        assert!(Cell::Text("5".into()).same(&Cell::Number(5.0)));
        assert!(Cell::Number(83.3).same(&Cell::Text("83.3".into())));
        assert!(!Cell::Text("1,806".into()).same(&Cell::Number(1806.0)));
    }
}
