//! `kensho check`: validate and render in memory, write nothing, report every problem,
//! as text for people or as JSON lines (one object per problem) for editors and CI.

use std::path::Path;

use super::pipeline;
use crate::diag::{Lang, Message};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
}

pub fn check(root: &Path, lang: Option<Lang>, format: Format) -> i32 {
    let lang = super::lang::resolve(lang, root);
    // Rendered like a build (template errors show only then), each file then dropped.
    let outcome = pipeline::run_with(
        root,
        crate::model::Drafts::Hide,
        None,
        crate::files::Sink::Each(&crate::files::Discard),
        // The process ends after the report.
        crate::html::Memory::LeaveToExit,
    );
    let (e, w) = (
        outcome.diagnostics.error_count(),
        outcome.diagnostics.warning_count(),
    );
    match format {
        Format::Json => {
            for d in &outcome.diagnostics.items {
                println!("{}", d.to_json());
            }
        }
        Format::Text => {
            if !outcome.diagnostics.items.is_empty() {
                eprintln!("{}", outcome.diagnostics.render(lang));
            }
            let summary = Message::new(
                format!("エラー {e} 件、警告 {w} 件"),
                format!("{e} error(s), {w} warning(s)"),
            );
            eprintln!("{}", summary.in_lang(lang));
        }
    }
    if outcome.files.is_some() { 0 } else { 1 }
}
