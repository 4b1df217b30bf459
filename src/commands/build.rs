//! `kensho build`: render the site and replace the output folder atomically, refusing
//! one kensho did not write (src/write.rs).

use std::path::Path;

use super::pipeline;
use crate::diag::{Diagnostic, Lang, Message};
use crate::files::Sink;
use crate::html::Memory;
use crate::write::{self, Staging};

/// Build `root` into `output`, publishing as `publish` says (drafts, base URL), telling
/// what happened in `lang` (else the site's, [`super::lang::resolve`]). Returns the
/// process exit code.
pub fn build(root: &Path, output: &Path, lang: Option<Lang>, publish: &pipeline::Publish) -> i32 {
    let started = std::time::Instant::now();
    let lang = super::lang::resolve(lang, root);
    let Some(mut staging) = stage(root, output, lang) else {
        return 1;
    };
    let early = staging.warnings();
    let outcome = render(root, &staging, publish, lang);
    // Folders kensho left in place, rather than remove what it did not write.
    for message in early {
        eprintln!("{}", Diagnostic::warning(message).render(lang));
    }
    if !outcome.diagnostics.items.is_empty() {
        eprintln!("{}", outcome.diagnostics.render(lang));
    }
    let (errors, warnings) = (
        outcome.diagnostics.error_count(),
        outcome.diagnostics.warning_count(),
    );
    let out = output.display();
    if outcome.files.is_none() {
        let failed = Message::new(
            format!(
                "ビルドを中止しました: エラー {errors} 件、警告 {warnings} 件。{out} は変更していません。"
            ),
            format!(
                "build failed: {errors} error(s), {warnings} warning(s); {out} was left as it was."
            ),
        );
        eprintln!("{}", failed.in_lang(lang));
        return 1;
    };
    match staging.commit() {
        Ok(late) => late
            .into_iter()
            .for_each(|m| eprintln!("{}", Diagnostic::warning(m).render(lang))),
        Err(message) => {
            eprintln!("{}", Diagnostic::error(message).render(lang));
            return 1;
        }
    }
    let (count, secs) = (outcome.count, started.elapsed().as_secs_f64());
    let wrote = Message::new(
        format!(
            "{count} 個のファイルを {out} に書き出しました（{secs:.2} 秒、警告 {warnings} 件）"
        ),
        format!("wrote {count} files to {out} in {secs:.2}s ({warnings} warning(s))"),
    );
    eprintln!("{}", wrote.in_lang(lang));
    for note in &outcome.notes {
        eprintln!("{}", note.in_lang(lang));
    }
    0
}

/// The folder pages are written into, beside the output; it takes the output's place
/// only when the whole build succeeded. Refused (told on stderr, `None`) before anything
/// is written: an output kensho did not write, or the site's own folders (src/write.rs).
fn stage(root: &Path, output: &Path, lang: Lang) -> Option<Staging> {
    let staging = write::resolve(root, output)
        .and_then(|real| Staging::create(&real).map_err(|m| write::through_link(output, &real, m)));
    match staging {
        Ok(s) => Some(s),
        Err(message) => {
            eprintln!("{}", Diagnostic::error(message).render(lang));
            None
        }
    }
}

/// The published site (drafts left out unless `--drafts`) rendered into `staging` page
/// by page, with a progress line in `lang` after a second that ends before anything else
/// is printed.
fn render(
    root: &Path,
    staging: &Staging,
    publish: &pipeline::Publish,
    lang: Lang,
) -> pipeline::Outcome {
    let progress = std::sync::Arc::new(crate::progress::Progress::default());
    let _reporter = crate::progress::report(progress.clone(), lang);
    pipeline::run_publishing(
        root,
        publish,
        Some(&progress),
        Sink::Each(staging),
        // The process ends after the output is in place.
        Memory::LeaveToExit,
    )
}
