//! Before `import` writes anything: the site checked as it would be with the changed files,
//! so a cell that reads well on its own but breaks the site (an actual in a plan year, a
//! budget part without its amount) is refused instead of written. The check runs on a copy
//! of `content/` in the system's temporary folder; the city's files are only read.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::commands::pipeline;
use crate::diag::{Diagnostic, Diagnostics, Message, Severity};
use crate::load::{self, CONTENT_DIR};
use crate::model::Drafts;

/// The errors the site would have with each `(content path, text)` written that it does
/// not have now.
pub fn new_errors(root: &Path, planned: &[(&str, String)]) -> Result<Vec<Diagnostic>, Message> {
    let now: BTreeSet<(String, String)> = errors(root).iter().map(key).collect();
    let copy = std::env::temp_dir().join(format!("kensho-import-{}", std::process::id()));
    let checked = copy_content(root, &copy)
        .and_then(|()| {
            planned
                .iter()
                .try_for_each(|(rel, text)| std::fs::write(copy.join(CONTENT_DIR).join(rel), text))
        })
        .map(|()| errors(&copy));
    let _ = std::fs::remove_dir_all(&copy);
    let after = checked.map_err(|e| {
        Message::new(
            format!("変更を確かめるための一時コピーを作れません（何も書いていません）: {e}"),
            format!(
                "cannot make the temporary copy that checks the changes (nothing written): {e}"
            ),
        )
    })?;
    Ok(after
        .into_iter()
        .filter(|d| !now.contains(&key(d)))
        .collect())
}

/// The errors of the site at `root`: loaded, typed, linked and derived, as `check` does
/// before rendering.
fn errors(root: &Path) -> Vec<Diagnostic> {
    let mut diags = Diagnostics::default();
    let raw = load::load(root, &mut diags);
    let sources = raw.sources(&mut diags);
    pipeline::analyse(&sources, Drafts::Hide, &mut diags);
    diags.sort();
    let mut items = diags.items;
    items.retain(|d| d.severity == Severity::Error);
    items
}

/// An error by its file and words, not its line: added lines move the ones below.
fn key(d: &Diagnostic) -> (String, String) {
    let file = d.file.as_ref().map(|f| f.path.display().to_string());
    (file.unwrap_or_default(), d.message.en.clone())
}

/// `root`'s content folder copied under `to` (which is replaced).
fn copy_content(root: &Path, to: &Path) -> std::io::Result<()> {
    let _ = std::fs::remove_dir_all(to);
    let from = root.join(CONTENT_DIR);
    for entry in walkdir::WalkDir::new(&from).follow_links(true) {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry.path().strip_prefix(&from).unwrap_or(entry.path());
        let target: PathBuf = to.join(CONTENT_DIR).join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target)?;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}
