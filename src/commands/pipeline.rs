//! The pipeline every command shares: load → model → link → derive → render, in memory.

use std::path::Path;

use crate::derive::derive;
use crate::diag::{Diagnostics, Lang};
use crate::link::link;
use crate::load::load;
use crate::model;
use crate::render::{OutputFile, render};

pub struct Outcome {
    pub diagnostics: Diagnostics,
    /// The rendered site; `None` when any stage reported an error.
    pub files: Option<Vec<OutputFile>>,
    /// The language the site asks messages in.
    pub lang: Lang,
}

pub fn run(root: &Path) -> Outcome {
    run_with(root, model::Drafts::Hide)
}

/// The pipeline, with drafts left out (build, check) or shown (preview).
pub fn run_with(root: &Path, drafts: model::Drafts) -> Outcome {
    let mut diags = Diagnostics::default();
    let raw = load(root, &mut diags);
    let site = model::build(&raw, drafts, &mut diags);
    let Some(site) = site else {
        diags.sort();
        return Outcome {
            diagnostics: diags,
            files: None,
            lang: Lang::Both,
        };
    };
    let lang = site.config.messages;
    let graph = link(&site, &mut diags);
    // Derived checks need only the model and the graph, so they report even when other
    // files have errors; rendering waits for a site without errors.
    crate::derive::check_grades(&site, &mut diags);
    let derived = derive(&site, &graph);
    crate::derive::check_totals(&site, &derived, &mut diags);
    let files = if diags.has_errors() {
        None
    } else {
        let files = render(&site, &graph, &derived, &mut diags);
        (!diags.has_errors()).then_some(files)
    };
    diags.sort();
    Outcome {
        diagnostics: diags,
        files,
        lang,
    }
}
