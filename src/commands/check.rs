//! `kensho check`: validate and render in memory, write nothing, report every problem,
//! as text for people or as JSON lines (one object per problem) for editors and CI.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Mutex;

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

/// `kensho check --words`: every word and phrase of kensho's own (a label with a word
/// besides its placeholders) that the built site shows, one line each on stdout —
/// `key<TAB>text<TAB>files` in the order of the keys — so a city reviews what kensho adds
/// to its content and renames it or switches it off in `[labels]`. The site is rendered in
/// memory, as `check` does, with every label marked ([`crate::model::Labels::mark`]); a
/// file shows a label when its mark is in it. Problems go to stderr as `check` prints
/// them; exit 1, with no list, when the site has errors.
pub fn words(root: &Path, lang: Option<Lang>) -> i32 {
    let lang = super::lang::resolve(lang, root);
    let seen = Seen::default();
    let publish = pipeline::Publish {
        marked_labels: true,
        ..pipeline::Publish::default()
    };
    let outcome = pipeline::run_publishing(
        root,
        &publish,
        None,
        crate::files::Sink::Each(&seen),
        crate::html::Memory::LeaveToExit,
    );
    if !outcome.diagnostics.items.is_empty() {
        eprintln!("{}", outcome.diagnostics.render(lang));
    }
    if outcome.files.is_none() {
        return 1;
    }
    // The labels' texts as the site has them (its `[labels]` over the defaults), to name
    // each mark: read once more, unmarked.
    let listing = crate::load::list(root, &mut crate::diag::Diagnostics::default());
    let Some(config) = crate::model::read_config(
        listing.config.as_ref(),
        listing.forms(),
        &mut crate::diag::Diagnostics::default(),
    ) else {
        return 1;
    };
    let labels: Vec<(String, &str)> = config.labels.texts().collect();
    let files = seen.files.into_inner().unwrap_or_else(|e| e.into_inner());
    for (index, paths) in files {
        if let Some((key, text)) = labels.get(index) {
            println!("{key}\t{}\t{}", text.replace('\n', "\\n"), paths.len());
        }
    }
    0
}

/// The files each label's mark was seen in, by the label's place in the keys.
#[derive(Default)]
struct Seen {
    files: Mutex<BTreeMap<usize, BTreeSet<String>>>,
}

impl Seen {
    fn look(&self, path: &str, bytes: &[u8]) {
        let text = String::from_utf8_lossy(bytes);
        let marks: BTreeSet<usize> = text
            .chars()
            .filter_map(|c| (c as u32).checked_sub(crate::model::labels::MARK_BASE))
            .map(|i| i as usize)
            .collect();
        if marks.is_empty() {
            return;
        }
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        for i in marks {
            files.entry(i).or_default().insert(path.to_string());
        }
    }
}

impl crate::files::Output for Seen {
    fn write(&self, file: &crate::files::OutputFile) -> std::io::Result<()> {
        self.look(&file.path, &file.bytes);
        Ok(())
    }

    fn append(&self, path: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.look(path, bytes);
        Ok(())
    }
}
