//! `kensho check`: validate and render in memory, write nothing, report every problem.

use std::path::Path;

use super::pipeline;
use crate::diag::Lang;

pub fn check(root: &Path, lang: Option<Lang>) -> i32 {
    let outcome = pipeline::run(root);
    let lang = lang.unwrap_or(outcome.lang);
    if !outcome.diagnostics.items.is_empty() {
        eprintln!("{}", outcome.diagnostics.render(lang));
    }
    let (e, w) = (
        outcome.diagnostics.error_count(),
        outcome.diagnostics.warning_count(),
    );
    eprintln!("エラー {e} 件、警告 {w} 件\n{e} error(s), {w} warning(s)");
    if outcome.files.is_some() { 0 } else { 1 }
}
