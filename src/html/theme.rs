//! Themes: the default theme is compiled into the binary, so a city's repository needs
//! only `content/`; a site's own `themes/<name>/templates/*.html` and
//! `themes/<name>/static/**` replace or add files by name.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Message, SourceFile};
use crate::load::{CONTENT_DIR, SITE_FILE};

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default templates, by name.
pub const TEMPLATES: &[(&str, &str)] = embed!(
    "base.html",
    "macros.html",
    "parts.html",
    "split.html",
    "index.html",
    "node.html",
    "program.html",
    "list.html",
    "kpis.html",
    "404.html",
    "year.html",
    "years.html",
    "data.html",
    "accessibility.html",
    "legend.html",
    "print.html",
    "search.html",
);

/// The default theme's static files, by path under the output's `assets/`.
pub const STATIC: &[(&str, &[u8])] = &[
    (
        "style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "print.css",
        include_bytes!("../../themes/default/static/print.css"),
    ),
    (
        "search.js",
        include_bytes!("../../themes/default/static/search.js"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
];

pub struct Theme {
    pub templates: Vec<(String, String)>,
    pub assets: Vec<(String, Vec<u8>)>,
    /// The site's own templates as files, by name, so that an error in one names it.
    files: Vec<(String, Arc<SourceFile>)>,
}

/// Whether every style sheet site.toml's `extra_css` names is a file of the theme's
/// `static/` folder; each one missing is an error naming where it was looked for.
pub fn has_style_sheets(
    root: &Path,
    theme: &Theme,
    config: &crate::model::SiteConfig,
    diags: &mut Diagnostics,
) -> bool {
    let mut ok = true;
    for css in &config.extra_css {
        if theme.assets.iter().any(|(name, _)| name == css) {
            continue;
        }
        ok = false;
        let path = format!("themes/{}/static/{css}", config.theme);
        let d = Diagnostic::error(Message::new(
            format!(
                "site.toml の extra_css「{css}」がありません: {path} に置くか、extra_css から消してください"
            ),
            format!(
                "site.toml's extra_css \"{css}\" is not there: put it at {path}, or remove it from extra_css"
            ),
        ));
        diags.push(at_setting(root, d, "extra_css"));
    }
    ok
}

pub fn load(root: &Path, name: &str, diags: &mut Diagnostics) -> Theme {
    let mut templates: Vec<(String, String)> = TEMPLATES
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let mut assets: Vec<(String, Vec<u8>)> = STATIC
        .iter()
        .map(|(n, b)| (n.to_string(), b.to_vec()))
        .collect();
    let mut files = Vec::new();
    let dir = root.join("themes").join(name);
    if !dir.is_dir() {
        if name != "default" {
            diags.push(missing_theme(root, name));
        }
        return Theme {
            templates,
            assets,
            files,
        };
    }
    for (sub, is_template) in [("templates", true), ("static", false)] {
        let base = dir.join(sub);
        if !base.is_dir() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&base).sort_by_file_name() {
            let Ok(entry) = entry else { continue };
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(&base)
                .unwrap_or(entry.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let shown = crate::diag::display_path(root, entry.path());
            match std::fs::read(entry.path()) {
                Ok(bytes) if is_template => match template_text(shown, bytes) {
                    Ok(file) => {
                        replace(&mut templates, rel.clone(), file.text.clone());
                        files.push((rel, file));
                    }
                    Err(d) => diags.push(*d),
                },
                Ok(bytes) => replace(&mut assets, rel, bytes),
                Err(e) => diags.push(Diagnostic::error(Message::new(
                    format!("読み込めません: {}: {e}", shown.display()),
                    format!("cannot read {}: {e}", shown.display()),
                ))),
            }
        }
    }
    Theme {
        templates,
        assets,
        files,
    }
}

/// A template's text, or an error at its first byte that is not UTF-8.
fn template_text(path: PathBuf, bytes: Vec<u8>) -> Result<Arc<SourceFile>, Box<Diagnostic>> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Arc::new(SourceFile { path, text })),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = Arc::new(SourceFile { path, text });
            Err(Box::new(
                Diagnostic::error(Message::new(
                    format!(
                        "テンプレート {} が UTF-8 ではありません。UTF-8 で保存してください",
                        file.path.display()
                    ),
                    format!(
                        "template {} is not UTF-8; save it as UTF-8",
                        file.path.display()
                    ),
                ))
                .at(&file, at..at + '\u{FFFD}'.len_utf8()),
            ))
        }
    }
}

/// Where a template says which it extends.
fn extends(file: &SourceFile) -> Option<std::ops::Range<usize>> {
    let at = file.text.find("extends")?;
    Some(at..at + "extends".len())
}

/// `theme = "…"` names a folder that is not there: point at that line of site.toml.
fn missing_theme(root: &Path, name: &str) -> Diagnostic {
    let d = Diagnostic::error(Message::new(
        format!(
            "テーマ「{name}」のフォルダ themes/{name} がありません。フォルダを作るか、site.toml の theme を直してください"
        ),
        format!(
            "theme \"{name}\" not found: no folder themes/{name}; create it or correct theme in site.toml"
        ),
    ));
    at_setting(root, d, "theme")
}

/// `d` at site.toml's top-level setting `key` (its value's span), where the file has it.
fn at_setting(root: &Path, d: Diagnostic, key: &str) -> Diagnostic {
    let d = d.field(key);
    let path = Path::new(CONTENT_DIR).join(SITE_FILE);
    let Ok(text) = std::fs::read_to_string(root.join(&path)) else {
        return d;
    };
    let file = Arc::new(SourceFile { path, text });
    match setting_line(&file.text, key) {
        Some(span) => d.at(&file, span),
        None => d,
    }
}

/// The span of the value of a top-level `key = …` line in site.toml's text.
fn setting_line(text: &str, name: &str) -> Option<std::ops::Range<usize>> {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start();
        if body.starts_with('[') {
            return None;
        }
        let key = (body.strip_prefix('"'))
            .and_then(|b| b.strip_prefix(name))
            .and_then(|b| b.strip_prefix('"'))
            .or_else(|| body.strip_prefix(name));
        if let Some(rest) = key {
            let value = rest.trim_start().strip_prefix('=').map(str::trim_start);
            if let Some(value) = value {
                let start = at + line.len() - value.len();
                return Some(start..start + value.trim_end().len());
            }
        }
        at += line.len();
    }
    None
}

impl Theme {
    /// Tera's error in putting the theme together, at the site's template it is in
    /// (and the line, where Tera gives one).
    pub fn error(&self, e: &tera::Error) -> Diagnostic {
        let file = |name: &str| self.files.iter().find(|(n, _)| n == name).map(|(_, f)| f);
        let shown =
            |name: &str| file(name).map_or(name.to_string(), |f| f.path.display().to_string());
        let (ja, en, place) = match e.kind() {
            tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => (
                format!(
                    "テンプレート {} に誤りがあります: {}",
                    shown(r.filename()),
                    r.message()
                ),
                format!(
                    "template {} has an error: {}",
                    shown(r.filename()),
                    r.message()
                ),
                file(r.filename()).map(|f| (f, Some(r.span().range.clone()))),
            ),
            tera::ErrorKind::MissingParent { current, parent } => (
                format!(
                    "テンプレート {} が継承する {parent} がありません",
                    shown(current)
                ),
                format!(
                    "template {} extends {parent}, which does not exist",
                    shown(current)
                ),
                file(current).map(|f| (f, extends(f))),
            ),
            tera::ErrorKind::CircularExtend { tpl, .. } => (
                format!(
                    "テンプレート {} の継承（extends）が循環しています",
                    shown(tpl)
                ),
                format!("template {} extends itself through its parents", shown(tpl)),
                file(tpl).map(|f| (f, extends(f))),
            ),
            _ => (
                format!("テンプレートの誤り: {e}"),
                format!("template error: {e}"),
                None,
            ),
        };
        let d = Diagnostic::error(Message::new(ja, en));
        match place {
            Some((f, Some(span))) => d.at(f, span),
            Some((f, None)) => d.in_file(f),
            None => d,
        }
    }
}

fn replace<T>(list: &mut Vec<(String, T)>, name: String, value: T) {
    match list.iter_mut().find(|(n, _)| *n == name) {
        Some(slot) => slot.1 = value,
        None => list.push((name, value)),
    }
}

#[cfg(test)]
mod tests {
    use super::setting_line;

    #[test]
    fn the_theme_setting_is_found_before_any_table() {
        let text = "city = \"x\"\n  theme = \"mine\"  \n[[plans]]\ntheme = \"no\"\n";
        let span = setting_line(text, "theme").unwrap();
        assert_eq!(&text[span], "\"mine\"");
        assert_eq!(setting_line("[x]\ntheme = \"no\"\n", "theme"), None);
        assert_eq!(setting_line("themes = 1\n", "theme"), None);
    }
}
