//! Before `import` writes anything: the site checked as it would be with the changed files,
//! so a cell that reads well on its own but breaks the site (an actual in a plan year, a
//! budget part without its amount) is refused instead of written. The changed files'
//! texts stand in for theirs in memory; nothing is written or copied.

use std::collections::BTreeMap;
use std::path::Path;

use crate::commands::pipeline;
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::load;
use crate::model::Drafts;

/// The errors the site would have with each `(content path, text)` written that it does
/// not have now (an error already there once and now twice counts once).
pub fn new_errors(root: &Path, planned: &[(&str, String)]) -> Vec<Diagnostic> {
    if planned.is_empty() {
        return Vec::new();
    }
    let mut now: BTreeMap<Key, usize> = BTreeMap::new();
    for d in errors(root, &[]) {
        *now.entry(key(&d)).or_default() += 1;
    }
    let mut new = Vec::new();
    for d in errors(root, planned) {
        match now.get_mut(&key(&d)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => new.push(d),
        }
    }
    new
}

/// The errors of the site at `root` with `planned` texts in place of their files: loaded,
/// typed, linked and derived, as `check` does before rendering.
fn errors(root: &Path, planned: &[(&str, String)]) -> Vec<Diagnostic> {
    let mut diags = Diagnostics::default();
    let raw = load::load_replacing(root, planned, &mut diags);
    let sources = raw.sources(&mut diags);
    pipeline::analyse(&sources, Drafts::Hide, &mut diags);
    let mut items = diags.items;
    items.retain(|d| d.severity == Severity::Error);
    items
}

/// An error by its file, field and words, not its line: added lines move the ones below.
type Key = (String, String, String);

fn key(d: &Diagnostic) -> Key {
    let file = d.file.as_ref().map(|f| f.path.display().to_string());
    let field = d.field.clone().unwrap_or_default();
    (file.unwrap_or_default(), field, d.message.en.clone())
}
