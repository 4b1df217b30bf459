//! The preview's incremental build. Each content file is kept loaded and typed
//! ([`model::read_file`]) until its bytes or site.toml change, so a save re-reads and
//! re-types one file; the site is assembled from the typed files, the last graph is kept
//! when no reference changed ([`link::same_links`]), and figures are derived again. The
//! pages are not rendered here but when asked for ([`super::served`]): a save drops the
//! cached pages that show what changed (see [`super::affected`]) and renders those few
//! now. The last good build stays served while the content has errors. Drafts are
//! left out, or shown marked, as the preview was started.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::affected;
use super::served::{Build, Files, Served, Stale};
use crate::commands::pipeline::{Analysed, derive_linked};
use crate::diag::{Diagnostic, Diagnostics};
use crate::html::Renderer;
use crate::link::{self, PageRef};
use crate::load::{self, CONTENT_DIR, FORMS_FILE, FormsToml, Loaded, SITE_FILE};
use crate::model::{self, Drafts, Site, TypedFile};
use crate::pages::Page;

struct Cached {
    hash: u64,
    loaded: Loaded,
    diags: Vec<Diagnostic>,
    /// The file typed against the settings of [`Preview::typed_with`]; made on demand.
    typed: Option<TypedFile>,
}

/// What the last good build was made of, to tell what a change touches.
struct Last {
    analysed: Arc<Analysed>,
    /// What linking reported (warnings only, in a good build).
    linking: Vec<Diagnostic>,
    shared: String,
    templates: Vec<(String, String)>,
    /// The theme's static files (CSS, scripts, fonts, images), hashed.
    assets: u64,
    /// Every page, in [`Renderer::pages`] order.
    pages: Vec<Page>,
    /// Output path of every page (shared: most saves leave it as it was).
    paths: Arc<BTreeSet<String>>,
}

/// What a good build changed and what it is made of ([`Preview::plan`]).
struct Plan {
    stale: Stale,
    /// Pages rendered before the build is served, by output path.
    rendered: Vec<(String, Vec<u8>)>,
    count: usize,
    changed: Option<Vec<String>>,
    theme_files: usize,
    shared: String,
    templates: Vec<(String, String)>,
    assets: u64,
    pages: Vec<Page>,
    paths: Arc<BTreeSet<String>>,
}

/// At most this many pages a save touches are rendered before the build is served
/// ([`checked_pages`]).
const CHECKED_NOW: usize = 64;

/// What one rebuild did.
#[derive(Debug)]
pub struct Report {
    /// Problems found (errors and warnings). With errors, nothing was replaced.
    pub diagnostics: Diagnostics,
    /// Pages rendered anew (0 when the build failed).
    pub rendered: usize,
    /// URLs of the pages rendered anew; `None` when every page was.
    pub changed: Option<Vec<String>>,
    /// Files that are no longer part of the site.
    pub removed: usize,
    /// The theme's static files copied anew because one of them changed (every open
    /// tab then reloads: any page may use them).
    pub theme_files: usize,
}

impl Report {
    pub fn ok(&self) -> bool {
        !self.diagnostics.has_errors()
    }
}

/// A rebuild that stopped on errors: nothing rendered, nothing replaced.
fn failed(mut diags: Diagnostics) -> Report {
    diags.sort();
    Report {
        diagnostics: diags,
        rendered: 0,
        changed: Some(Vec::new()),
        removed: 0,
        theme_files: 0,
    }
}

pub struct Preview {
    root: PathBuf,
    /// Drafts left out (`serve`) or shown, marked (`serve --drafts`).
    drafts: Drafts,
    files: BTreeMap<String, Cached>,
    theme_hash: u64,
    /// A file of the theme changed since the last good build.
    theme_touched: bool,
    /// Content paths changed since the last good build.
    pending: BTreeSet<String>,
    /// Everything must be rendered (first build, site.toml or theme changed).
    pending_all: bool,
    last: Option<Last>,
    /// What is served: the last good build, its pages rendered on request.
    served: Arc<Served>,
    /// The cached pages drawn from the whole site that the last save may have changed,
    /// with their bytes before it, for [`Preview::finish`] to compare.
    recheck: Vec<(String, Arc<Vec<u8>>)>,
    /// The hash of the site.toml the cached typed files were made with: other settings
    /// (levels, scales, years) type files differently.
    typed_with: Option<u64>,
    /// What listing the content folder found (links out of it, files it skips, names
    /// that are not UTF-8): reported with every build until the next listing.
    listing: Vec<Diagnostic>,
    /// The files the batch being noted read anew, to undo a read the file's writer
    /// overtook (see [`Preview::note_batch`]).
    reads: Vec<Read>,
}

/// One file read anew in a batch, with what it replaced.
struct Read {
    rel: String,
    path: PathBuf,
    /// The cached file before the read (`None`: the file was new).
    before: Option<Cached>,
    /// Whether the file was already waiting for the next build.
    was_pending: bool,
}

impl Preview {
    /// Load every file of the site at `root` (nothing is rendered yet).
    pub fn new(root: &Path, drafts: Drafts) -> Preview {
        let mut p = Preview {
            root: root.to_path_buf(),
            drafts,
            files: BTreeMap::new(),
            theme_hash: 0,
            theme_touched: false,
            pending: BTreeSet::new(),
            pending_all: true,
            last: None,
            served: Arc::default(),
            recheck: Vec::new(),
            typed_with: None,
            listing: Vec::new(),
            reads: Vec::new(),
        };
        p.rescan();
        p.reads.clear();
        p.theme_hash = p.hash_theme();
        p
    }

    /// What is served (shared with the HTTP server).
    pub fn served(&self) -> &Arc<Served> {
        &self.served
    }

    /// Every file of the last good build, every page rendered (tests compare it with a
    /// full build; the server renders a page only when asked for it).
    pub fn output(&self) -> Files {
        self.served.files()
    }

    /// Take note of changed paths (anything the watcher reported). Returns whether any
    /// content or theme file's bytes changed, so saves that change nothing (an editor
    /// writing twice, a touched file) do not rebuild.
    pub fn note_changes(&mut self, paths: &[PathBuf]) -> bool {
        self.note_batch(paths, Vec::new)
    }

    /// [`Preview::note_changes`] for a batch of the watcher: once the files are read,
    /// `written_since` gives the files written again since the batch ended. A save begun
    /// then may have been read half done, with the same size and date before and after
    /// the read; such a read is undone (the last good version stays) and the watcher
    /// brings the file back with its next batch.
    pub fn note_batch(
        &mut self,
        paths: &[PathBuf],
        written_since: impl FnOnce() -> Vec<PathBuf>,
    ) -> bool {
        self.reads.clear();
        let changed = self.read_changes(paths);
        let written: BTreeSet<PathBuf> = written_since().into_iter().collect();
        self.undo_reads(&written) | changed
    }

    /// Read what the paths name; returns whether anything changed other than the files
    /// read anew, which are in [`Preview::reads`].
    fn read_changes(&mut self, paths: &[PathBuf]) -> bool {
        let content = self.root.join(CONTENT_DIR);
        let themes = self.root.join("themes");
        let mut changed = false;
        let mut rescan = false;
        let mut theme = false;
        for path in paths {
            if path.starts_with(&themes) {
                theme = true;
            } else if let Ok(rel) = path.strip_prefix(&content) {
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                if path.is_dir() || (!path.exists() && self.holds_folder(&rel)) {
                    // A folder was created, renamed or removed: list the files again.
                    rescan = true;
                } else if path.is_symlink() || self.unlisted(path, &rel) {
                    // A new file (or a link) is read only through a listing, which checks
                    // what a build checks: hidden folders, links out of content/, names;
                    // a vanished one may mend what the last listing reported.
                    rescan = true;
                } else if !load::is_ignored(path) {
                    // A page, site.toml, or a file beside them (an image a page shows).
                    self.reload(&rel, path);
                }
            }
        }
        if rescan {
            changed |= self.rescan();
        }
        if theme {
            let hash = self.hash_theme();
            if hash != self.theme_hash {
                self.theme_hash = hash;
                self.theme_touched = true;
                // Which templates changed is found by comparing them after loading.
                changed = true;
            }
        }
        changed
    }

    /// Undo the reads of the files in `written`; returns whether any read is kept.
    fn undo_reads(&mut self, written: &BTreeSet<PathBuf>) -> bool {
        let mut kept = false;
        // Latest first, so a file read twice gets back what it was before the batch.
        for read in std::mem::take(&mut self.reads).into_iter().rev() {
            if !written.contains(&read.path) {
                kept = true;
                continue;
            }
            match read.before {
                Some(before) => self.files.insert(read.rel.clone(), before),
                None => self.files.remove(&read.rel),
            };
            if !read.was_pending {
                self.pending.remove(&read.rel);
            }
        }
        kept
    }

    /// Whether `path` is a file the last listing did not give: a new one, or one gone
    /// while the listing had something to say.
    fn unlisted(&self, path: &Path, rel: &str) -> bool {
        if self.files.contains_key(rel) || load::is_ignored(path) {
            return false;
        }
        path.exists() || !self.listing.is_empty()
    }

    /// Whether `rel` names a folder of known files (a folder that was removed or renamed).
    /// A vanished path that holds none was an editor's temporary file.
    fn holds_folder(&self, rel: &str) -> bool {
        let prefix = format!("{rel}/");
        self.files
            .range(prefix.clone()..)
            .next()
            .is_some_and(|(k, _)| k.starts_with(&prefix))
    }

    /// Re-read one file; noted in [`Preview::reads`] when its bytes changed (or it
    /// appeared or vanished).
    fn reload(&mut self, rel: &str, path: &Path) {
        let before = stamp(path);
        let Ok(bytes) = std::fs::read(path) else {
            // Gone (or unreadable): forget it; a still-existing unreadable file is
            // loaded again below so its error is reported.
            if !path.exists() {
                if let Some(before) = self.files.remove(rel) {
                    self.note_read(rel, path, Some(before));
                }
                return;
            }
            return self.load(rel, path, 0);
        };
        if stamp(path) != before {
            // Written to while it was read: the writer's own event brings it back once
            // it is complete; until then the last good version stays.
            return;
        }
        let hash = hash_bytes(&bytes);
        if self.files.get(rel).is_some_and(|c| c.hash == hash) {
            return;
        }
        self.load(rel, path, hash)
    }

    fn load(&mut self, rel: &str, path: &Path, hash: u64) {
        let mut diags = Diagnostics::default();
        let loaded = load::load_file(&self.root, rel, path, &mut diags);
        if rel == SITE_FILE || rel == FORMS_FILE {
            self.pending_all = true;
        }
        let before = self.files.insert(
            rel.to_string(),
            Cached {
                hash,
                loaded,
                diags: diags.items,
                typed: None,
            },
        );
        self.note_read(rel, path, before);
    }

    /// Mark `rel` for the next build, remembering what to undo.
    fn note_read(&mut self, rel: &str, path: &Path, before: Option<Cached>) {
        let was_pending = !self.pending.insert(rel.to_string());
        self.reads.push(Read {
            rel: rel.to_string(),
            path: path.to_path_buf(),
            before,
            was_pending,
        });
    }

    /// List the content folder again: load new files, forget removed ones. Returns
    /// whether files were forgotten (the files loaded are in [`Preview::reads`]).
    fn rescan(&mut self) -> bool {
        let mut diags = Diagnostics::default();
        let listed = load::content_files(&self.root, &mut diags);
        self.listing = diags.items;
        let names: BTreeSet<&str> = listed.iter().map(|(r, _)| r.as_str()).collect();
        let gone: Vec<String> = self
            .files
            .keys()
            .filter(|k| !names.contains(k.as_str()))
            .cloned()
            .collect();
        let changed = !gone.is_empty();
        for rel in gone {
            if rel == SITE_FILE || rel == FORMS_FILE {
                self.pending_all = true;
            }
            self.files.remove(&rel);
            self.pending.insert(rel);
        }
        for (rel, path) in &listed {
            if !self.files.contains_key(rel) {
                self.reload(rel, path);
            }
        }
        changed
    }

    fn hash_theme(&self) -> u64 {
        let dir = self.root.join("themes");
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for e in walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            e.path().hash(&mut h);
            if e.file_type().is_file() {
                std::fs::read(e.path()).unwrap_or_default().hash(&mut h);
            }
        }
        h.finish()
    }

    /// Rebuild from the cached files and serve the result: pages render when asked for,
    /// and only the cached pages whose inputs changed are dropped (see [`Served`]). The
    /// pages a save touches (or, when every page changed, one page of each template) are
    /// rendered now, which tells a template's error before the build replaces the last
    /// good one. Keeps the last good build on errors.
    pub fn rebuild(&mut self) -> Report {
        let mut diags = Diagnostics::default();
        let analysed = self.analyse(&mut diags);
        let Some((analysed, linking)) = analysed else {
            return failed(diags);
        };
        if diags.has_errors() {
            return failed(diags);
        }
        let Some(build) = Build::new(Arc::new(analysed), &mut diags) else {
            return failed(diags);
        };
        let plan = build.with_renderer(|r| self.plan(r, build.analysed(), &mut diags));
        let Some(plan) = plan else {
            return failed(diags);
        };
        let last = Last {
            analysed: build.analysed().clone(),
            linking,
            shared: plan.shared,
            templates: plan.templates,
            assets: plan.assets,
            pages: plan.pages,
            paths: plan.paths,
        };
        let removed = match &self.last {
            Some(prev) if !Arc::ptr_eq(&prev.paths, &last.paths) => {
                prev.paths.difference(&last.paths).count()
            }
            _ => 0,
        };
        self.recheck = self.served.install(build, &plan.stale, plan.rendered);
        self.last = Some(last);
        self.pending.clear();
        self.pending_all = false;
        self.theme_touched = false;
        diags.sort();
        Report {
            diagnostics: diags,
            rendered: plan.count,
            changed: plan.changed,
            removed,
            theme_files: plan.theme_files,
        }
    }

    /// What a good build changed, and the pages rendered now (the errors of a template
    /// that fails on them are in `diags`, and `None` returned).
    fn plan(&self, renderer: &Renderer, a: &Analysed, diags: &mut Diagnostics) -> Option<Plan> {
        diags.items.extend(renderer.placeholder_warning(&a.site));
        let pages = renderer.pages();
        let paths = self.output_paths(renderer, a, &pages);
        let (wanted, stale) = self.pages_to_render(renderer, a, &pages, &paths);
        let checked = checked_pages(&wanted, stale.all);
        let mut rendered = Vec::with_capacity(checked.len());
        for &p in &checked {
            match renderer.render_page(p) {
                Ok(f) => rendered.push((f.path, f.bytes)),
                Err(d) => diags.push(*d),
            }
        }
        if diags.has_errors() {
            return None;
        }
        // Hashing the theme's files (a custom theme's fonts, images) only when a theme
        // file changed.
        let assets = match &self.last {
            Some(last) if !self.theme_touched => last.assets,
            _ => hash_assets(renderer),
        };
        // A CSS, script or image of the theme changed: every open tab reloads.
        let theme_files = match &self.last {
            Some(last) if last.assets != assets && !stale.all => renderer.assets().len(),
            _ => 0,
        };
        // `None`: every page changed (a theme file is any page's).
        let changed = (!stale.all && theme_files == 0)
            .then(|| wanted.iter().map(|&p| renderer.url(p)).collect());
        Some(Plan {
            count: rendered.len(),
            stale,
            rendered,
            changed,
            theme_files,
            shared: renderer.shared_context().to_string(),
            templates: renderer.templates().to_vec(),
            assets,
            pages,
            paths,
        })
    }

    /// The output path of every page. They change only when pages come or go: most
    /// saves reuse the last build's.
    fn output_paths(
        &self,
        renderer: &Renderer,
        a: &Analysed,
        pages: &[Page],
    ) -> Arc<BTreeSet<String>> {
        match &self.last {
            Some(last) if last.pages == pages && same_documents(&last.analysed.site, &a.site) => {
                last.paths.clone()
            }
            _ => Arc::new(pages.iter().map(|&p| renderer.output_path(p)).collect()),
        }
    }

    /// The pages whose inputs a save changed, and what it made stale: every page on the
    /// first build or when site.toml, the shared context or a template every page uses
    /// changed; otherwise the pages that show the saved files (before and after the
    /// save), new pages, and pages drawn with a changed template; and after a content
    /// change, the pages drawn from the whole site that are cached (compared in
    /// [`Preview::finish`]).
    fn pages_to_render(
        &self,
        renderer: &Renderer,
        a: &Analysed,
        pages: &[Page],
        paths: &Arc<BTreeSet<String>>,
    ) -> (Vec<Page>, Stale) {
        let last = match &self.last {
            Some(last) if !self.pending_all && last.shared == renderer.shared_context() => last,
            _ => {
                let stale = Stale {
                    all: true,
                    ..Stale::default()
                };
                return (pages.to_vec(), stale);
            }
        };
        let templates = changed_templates(&last.templates, renderer.templates());
        // A template no page is drawn with (base.html, macros) or one another template
        // names (extends, include, import) may change any page.
        let all = templates.iter().any(|t| {
            !pages.iter().any(|p| p.template() == t) || named_by_another(renderer.templates(), t)
        });
        let showing = self.showing_pending(last, a);
        let new_pages = !Arc::ptr_eq(paths, &last.paths);
        let mut stale = Stale {
            all,
            site_wide: !self.pending.is_empty(),
            ..Stale::default()
        };
        let mut wanted = Vec::new();
        for &p in pages {
            let shows = p.content().is_some_and(|r| showing.contains(&r));
            let path = || renderer.output_path(p);
            if all
                || shows
                || templates.contains(p.template())
                || (new_pages && !last.paths.contains(&path()))
            {
                wanted.push(p);
                if !all {
                    stale.pages.insert(path());
                }
            }
        }
        (wanted, stale)
    }

    /// The pages (of this build) that show the saved files, in the last good build or in
    /// this one, so a page that stops showing a file is rendered too.
    fn showing_pending(&self, last: &Last, a: &Analysed) -> BTreeSet<PageRef> {
        let mut showing =
            affected::pages_showing(&last.analysed.site, &last.analysed.graph, &self.pending);
        showing.extend(affected::pages_showing(&a.site, &a.graph, &self.pending));
        showing.iter().filter_map(|p| a.graph.resolve(p)).collect()
    }

    /// Model, link and derive the cached files. Each file is typed once and kept until
    /// its bytes or site.toml change, so a save re-types only the saved file; the last
    /// good build's graph is kept when the save changed no reference. Returns the
    /// linking's own problems too, for the next save that keeps the graph.
    fn analyse(&mut self, diags: &mut Diagnostics) -> Option<(Analysed, Vec<Diagnostic>)> {
        // Files are typed against site.toml and forms.toml together.
        let hash = |rel: &str| self.files.get(rel).map(|c| c.hash);
        let settings = hash(SITE_FILE).map(|s| s ^ hash(FORMS_FILE).unwrap_or(0).rotate_left(1));
        if settings != self.typed_with {
            self.files.values_mut().for_each(|c| c.typed = None);
            self.typed_with = settings;
        }
        diags.items.extend(self.listing.iter().cloned());
        for c in self.files.values() {
            diags.items.extend(c.diags.iter().cloned());
        }
        let config = match self.files.get(SITE_FILE).map(|c| &c.loaded) {
            Some(Loaded::Config(toml)) => {
                let forms = FormsToml::of(self.files.get(FORMS_FILE).map(|c| &c.loaded));
                model::read_config(Some(toml), forms, diags)
            }
            _ => None,
        };
        if let Some(config) = &config {
            let mut untyped: Vec<&mut Cached> = self
                .files
                .values_mut()
                .filter(|c| c.typed.is_none())
                .collect();
            untyped
                .par_iter_mut()
                .for_each(|c| c.typed = model::read_loaded(&c.loaded, config));
        }
        load::require_settings(&self.root, self.files.contains_key(SITE_FILE), diags);
        let typed = self.files.values().filter_map(|c| c.typed.as_ref());
        let site = model::assemble(&self.root, config?, typed, self.drafts, diags);
        let (graph, linking) = match &self.last {
            Some(last) if link::same_links(&last.analysed.site, &site) => {
                (last.analysed.graph.clone(), last.linking.clone())
            }
            _ => {
                let mut linking = Diagnostics::default();
                let graph = link::link(&site, &mut linking);
                (Arc::new(graph), linking.items)
            }
        };
        diags.items.extend(linking.iter().cloned());
        Some((derive_linked(site, graph, diags), linking))
    }

    /// Compare the cached pages drawn from the whole site (the overview, lists,
    /// per-year pages) with what the last save makes of them; `None` when none changed,
    /// else the changed pages.
    pub fn finish(&mut self) -> Option<Report> {
        self.finish_shown(|_| true)
    }

    /// [`Preview::finish`] for the pages whose URL is `shown` (those open tabs show, so
    /// only their tabs reload); the others render when next asked for.
    pub fn finish_shown(&mut self, shown: impl Fn(&str) -> bool) -> Option<Report> {
        let before = std::mem::take(&mut self.recheck);
        if before.is_empty() {
            return None;
        }
        let (changed, rendered) = self.served.changed_since(before, shown);
        (!changed.is_empty()).then(|| Report {
            diagnostics: Diagnostics::default(),
            rendered,
            changed: Some(changed),
            removed: 0,
            theme_files: 0,
        })
    }
}

/// The pages of `wanted` rendered before the build is served: all of them when a save
/// touched a few (the saved page and its neighbours: their tabs ask for them next), else
/// (`all` changed, or many) one of each template, as a template's error shows on most
/// of its pages. Not the data page, which makes the open data to tell their sizes.
fn checked_pages(wanted: &[Page], all: bool) -> Vec<Page> {
    if !all && wanted.len() <= CHECKED_NOW {
        return wanted.to_vec();
    }
    let mut seen = BTreeSet::new();
    wanted
        .iter()
        .filter(|p| !matches!(p, Page::Data) && seen.insert(p.template()))
        .copied()
        .collect()
}

/// Names of templates added, removed or changed between two builds.
fn changed_templates(old: &[(String, String)], new: &[(String, String)]) -> BTreeSet<String> {
    let old: BTreeMap<&str, &str> = old.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let new: BTreeMap<&str, &str> = new.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    old.keys()
        .chain(new.keys())
        .filter(|n| old.get(*n) != new.get(*n))
        .map(|n| n.to_string())
        .collect()
}

/// Whether a template other than `name` names it (Tera's extends, include and import
/// take the name as a quoted string).
fn named_by_another(templates: &[(String, String)], name: &str) -> bool {
    let quoted = [format!("\"{name}\""), format!("'{name}'")];
    templates
        .iter()
        .any(|(n, text)| n != name && quoted.iter().any(|q| text.contains(q.as_str())))
}

/// The theme's static files (names and bytes), hashed: a save of one is told apart from
/// a template's.
fn hash_assets(renderer: &Renderer) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in renderer.assets() {
        f.path.hash(&mut h);
        f.bytes.hash(&mut h);
    }
    h.finish()
}

/// A file's size and modification time, to tell whether it changed while it was read.
fn stamp(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Whether two sites have the same nodes and programs (by path, in the same order).
fn same_documents(a: &Site, b: &Site) -> bool {
    a.nodes.len() == b.nodes.len()
        && a.programs.len() == b.programs.len()
        && a.nodes.iter().zip(&b.nodes).all(|(x, y)| x.path == y.path)
        && a.programs
            .iter()
            .zip(&b.programs)
            .all(|(x, y)| x.path == y.path)
}

#[cfg(test)]
mod tests {
    use super::named_by_another;

    #[test]
    fn a_template_another_includes_is_named_by_it() {
        let t = |n: &str, text: &str| (n.to_string(), text.to_string());
        let theme = [
            t(
                "node.html",
                "{% extends \"base.html\" %}{% include 'card.html' %}",
            ),
            t("card.html", "<p>card</p>"),
            t("program.html", "program.html is drawn alone"),
        ];
        assert!(named_by_another(&theme, "card.html"));
        assert!(named_by_another(&theme, "base.html"));
        assert!(
            !named_by_another(&theme, "program.html"),
            "only quoted names"
        );
        assert!(!named_by_another(&theme, "node.html"));
    }
}
