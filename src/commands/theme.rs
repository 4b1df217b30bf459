//! `kensho theme [FILE …]`: write the built-in theme's files into the site's theme folder
//! (`themes/<site.toml's theme>/templates/`, `…/static/`), to change one template or the
//! CSS as Zola's and Hugo's users copy a theme's file into their site: every file, or the
//! ones named. A file already there is never overwritten; it is named and left as it is.

use std::path::{Path, PathBuf};

use crate::diag::{Lang, Message};
use crate::html::theme::{STATIC, TEMPLATES};
use crate::load::CONTENT_DIR;

/// Write the built-in theme's files named in `only` (every file when empty) into `root`'s
/// theme folder. Returns the exit code.
pub fn theme(root: &Path, lang: Option<Lang>, only: &[String]) -> i32 {
    let lang = super::lang::resolve(lang, root);
    let say = |m: Message| println!("{}", m.in_lang(lang));
    if !root.join(CONTENT_DIR).is_dir() {
        eprintln!("{}", crate::load::no_content(root).in_lang(lang));
        return 1;
    }
    let files = builtin_files();
    if let Some(unknown) = only
        .iter()
        .find(|n| !files.iter().any(|(f, _)| named(f, n)))
    {
        let names: Vec<&str> = files
            .iter()
            .map(|(f, _)| f.rsplit('/').next().unwrap_or(f))
            .collect();
        eprintln!(
            "{}",
            Message::new(
                format!(
                    "「{unknown}」は組み込みのテーマのファイルではありません。あるもの: {}",
                    names.join(", ")
                ),
                format!(
                    "\"{unknown}\" is no file of the built-in theme; it has {}",
                    names.join(", ")
                ),
            )
            .in_lang(lang)
        );
        return 1;
    }
    let Some(name) = theme_name(root) else {
        eprintln!(
            "{}",
            Message::new(
                "content/site.toml が読めないので、テーマのフォルダ（theme）がわかりません。kensho check で site.toml のエラーを直してから、もう一度実行してください",
                "content/site.toml cannot be read, so the theme's folder (theme) is unknown; fix site.toml's errors (kensho check), then run this again",
            )
            .in_lang(lang)
        );
        return 1;
    };
    let dir = PathBuf::from("themes").join(name);
    let mut written = 0;
    for (rel, bytes) in files
        .iter()
        .filter(|(f, _)| only.is_empty() || only.iter().any(|n| named(f, n)))
    {
        let shown = dir.join(rel);
        match create_new(&root.join(&shown), bytes) {
            Ok(()) => {
                written += 1;
                say(Message::new(
                    format!("書きました: {}", shown.display()),
                    format!("wrote {}", shown.display()),
                ));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => say(Message::new(
                format!("もうあるので、そのままにしました: {}", shown.display()),
                format!("already there, left as it is: {}", shown.display()),
            )),
            Err(e) => {
                eprintln!(
                    "{}",
                    Message::new(
                        format!("{} に書けません: {e}", shown.display()),
                        format!("cannot write {}: {e}", shown.display()),
                    )
                    .in_lang(lang)
                );
                return 1;
            }
        }
    }
    say(Message::new(
        format!(
            "{written} 個のファイルを {} に書きました。変えたいファイルだけを残して直してください（残さなかったファイルは組み込みのものが使われます）",
            dir.display()
        ),
        format!(
            "wrote {written} file(s) into {}; keep and edit only the files you change (the built-in ones stand for the others)",
            dir.display()
        ),
    ));
    0
}

/// The built-in theme's files by their path under the theme's folder.
fn builtin_files() -> Vec<(String, &'static [u8])> {
    let templates = (TEMPLATES.iter()).map(|(n, t)| (format!("templates/{n}"), t.as_bytes()));
    let statics = (STATIC.iter()).map(|(n, b)| (format!("static/{n}"), *b));
    templates.chain(statics).collect()
}

/// The site's theme (`theme` in site.toml), as every command reads site.toml; `None`
/// when site.toml cannot be read (`check` names its errors).
fn theme_name(root: &Path) -> Option<String> {
    let mut diags = crate::diag::Diagnostics::default();
    let listing = crate::load::list(root, &mut diags);
    crate::model::read_config(listing.config.as_ref(), listing.forms(), &mut diags).map(|c| c.theme)
}

/// Whether `name` (as given on the command line) names the theme's file `file`: its path
/// under the theme's folder, or its file name.
fn named(file: &str, name: &str) -> bool {
    file == name || file.rsplit('/').next() == Some(name)
}

/// Create `path`, and its folders; an existing file is an error, left untouched.
fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    super::new::create_new(path, bytes)
}
