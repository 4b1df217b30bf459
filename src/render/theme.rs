//! Themes: the default theme is compiled into the binary, so a city's repository needs
//! only `content/`; a site's own `themes/<name>/templates/*.html` and
//! `themes/<name>/static/**` replace or add files by name.

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, Message};

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
];

pub struct Theme {
    pub templates: Vec<(String, String)>,
    pub assets: Vec<(String, Vec<u8>)>,
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
    let dir = root.join("themes").join(name);
    if !dir.is_dir() {
        if name != "default" {
            diags.push(Diagnostic::error(Message::new(
                format!("テーマ「{name}」のフォルダ themes/{name} がありません"),
                format!("theme \"{name}\" not found: no folder themes/{name}"),
            )));
        }
        return Theme { templates, assets };
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
            match std::fs::read(entry.path()) {
                Ok(bytes) if is_template => match String::from_utf8(bytes) {
                    Ok(text) => replace(&mut templates, rel, text),
                    Err(_) => diags.push(Diagnostic::error(Message::new(
                        format!(
                            "テンプレート {} が UTF-8 ではありません",
                            entry.path().display()
                        ),
                        format!("template {} is not UTF-8", entry.path().display()),
                    ))),
                },
                Ok(bytes) => replace(&mut assets, rel, bytes),
                Err(e) => diags.push(Diagnostic::error(Message::new(
                    format!("読み込めません: {}: {e}", entry.path().display()),
                    format!("cannot read {}: {e}", entry.path().display()),
                ))),
            }
        }
    }
    Theme { templates, assets }
}

fn replace<T>(list: &mut Vec<(String, T)>, name: String, value: T) {
    match list.iter_mut().find(|(n, _)| *n == name) {
        Some(slot) => slot.1 = value,
        None => list.push((name, value)),
    }
}
