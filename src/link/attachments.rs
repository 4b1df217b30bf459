//! The files beside the pages that the site publishes: those a published page's text
//! links to or shows. A link to a file that is not there, or a file whose output path
//! would take a page's place or kensho's own, is an error at the link; a file no page
//! links to is left out, with a warning (it may be a draft or private).

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;

use crate::diag::{
    Diagnostic, Diagnostics, FileRef, Message, SourceFile, composed_apart, composed_apart_hint,
    did_you_mean,
};
use crate::model::Site;
use crate::model::markdown::FileLink;

/// The files linked to (each with the file the link is written in) that exist, sorted;
/// every other link is an error.
pub fn published<'a>(
    site: &Site,
    links: impl Iterator<Item = (&'a FileRef, &'a FileLink)>,
    diags: &mut Diagnostics,
) -> Vec<String> {
    // Each file linked to, with the first link to it (where its errors point).
    let mut linked: BTreeMap<&str, (&FileRef, Range<usize>)> = BTreeMap::new();
    for (file, f) in links {
        if site.attachments.binary_search(&f.path).is_err() {
            diags.push(missing(site, &f.path).at(file, f.span.clone()));
            continue;
        }
        linked
            .entry(f.path.as_str())
            .or_insert((file, f.span.clone()));
    }
    let taken = page_places(site);
    let mut out = Vec::with_capacity(linked.len());
    for (&path, (file, span)) in &linked {
        match clash(path, &taken) {
            Some(e) => diags.push(e.at(*file, span.clone())),
            None => out.push(path.to_string()),
        }
    }
    for path in &site.attachments {
        if !linked.contains_key(path.as_str()) {
            diags.push(unlinked(path));
        }
    }
    out
}

/// Where pages are written, as Windows and macOS compare names: each page's file and
/// every folder above it.
fn page_places(site: &Site) -> HashSet<String> {
    let mut taken = HashSet::new();
    let pages = site
        .nodes
        .iter()
        .map(|n| &n.path)
        .chain(site.programs.iter().map(|p| &p.path));
    for path in pages {
        let key = super::fold_name(&super::page_key(path));
        let mut at = 0;
        while let Some(i) = key[at..].find('/') {
            taken.insert(key[..at + i].to_string());
            at += i + 1;
        }
        taken.insert(format!("{key}index.html"));
    }
    taken
}

/// Why the file at `path` cannot be published where it is, if it cannot.
fn clash(path: &str, taken: &HashSet<String>) -> Option<Diagnostic> {
    let top = path.split('/').next().unwrap_or(path);
    let (ja, en) = if crate::load::is_reserved(top) {
        (
            format!("kensho が自分のページやファイルに使う名前（{top}）の下"),
            format!("under a name kensho uses for its own pages and files ({top})"),
        )
    } else if taken.contains(&super::fold_name(path)) {
        (
            "ページと同じ場所".to_string(),
            "where a page is written".to_string(),
        )
    } else {
        return None;
    };
    Some(Diagnostic::error(Message::new(
        format!(
            "content/{path} を公開すると、{ja}に書かれ、ページかファイルが失われます（Windows と macOS は大文字・小文字だけが違う名前を同じ名前とみなします）。ファイルかフォルダの名前を変えてください"
        ),
        format!(
            "content/{path} would be published {en}, and one of them would be lost (Windows and macOS treat names differing only in letter case as one); rename the file or its folder"
        ),
    )))
}

fn missing(site: &Site, path: &str) -> Diagnostic {
    // A file of the same kind is the likelier meant (a PDF for a PDF).
    let ext = |p: &str| p.rsplit_once('.').map(|(_, e)| e.to_lowercase());
    let same_kind = site.attachments.iter().map(String::as_str);
    let same_kind = same_kind.filter(|a| ext(a) == ext(path));
    let apart = site.attachments.iter().find(|a| composed_apart(a, path));
    let hint = apart
        .map(String::as_str)
        .or_else(|| did_you_mean(path, same_kind));
    // Written as a link can take it: from content/, with @/.
    let (ja, en) = match hint {
        Some(h) if apart.is_some() => composed_apart_hint(&format!("content/{h}")),
        Some(h) => (
            format!("「@/{h}」（content/ フォルダから見た場所）の書き間違いではありませんか？"),
            format!(" Did you mean @/{h} (the path from content/)?"),
        ),
        None => (String::new(), String::new()),
    };
    Diagnostic::error(Message::new(
        format!(
            "リンク先のファイル content/{path} がありません。ファイルを置くか、書いた場所を直してください。{ja}"
        ),
        format!("no file at content/{path}: put the file there or correct the path.{en}"),
    ))
}

fn unlinked(path: &str) -> Diagnostic {
    Diagnostic::warning(Message::new(
        format!(
            "content/{path} はどの公開ページからもリンクされていないので公開しません（ページから [説明](ファイルの場所) でリンクすると公開します）"
        ),
        format!(
            "content/{path} is not published: no published page links to it (link to it from a page, [text](path/to/file), to publish it)"
        ),
    ))
    .in_file(&std::sync::Arc::new(SourceFile {
        path: std::path::Path::new(crate::load::CONTENT_DIR).join(path),
        text: String::new(),
    }))
}
