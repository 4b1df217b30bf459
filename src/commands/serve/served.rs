//! What the preview serves: the last good build's pages, each rendered when it is first
//! asked for and kept in a cache of bounded size ([`CACHE_BYTES`]), and the files drawn
//! from the whole site (search index, open data, sitemap), made together when one of them
//! is first asked for. A save replaces the build ([`Served::install`]) and drops only the
//! cached pages whose inputs changed, so rendering the whole site is never waited for:
//! at 10,000 pages that took longer than loading it (docs/decisions.md, "Preview server").

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use crate::commands::pipeline::Analysed;
use crate::diag::{Diagnostic, Diagnostics};
use crate::html::Renderer;
use crate::pages::Page;

/// Files by path under the site root.
pub type Files = BTreeMap<String, Arc<Vec<u8>>>;

/// The most bytes of rendered pages kept (about a thousand pages of a large site; the
/// largest page of the 10,000-page corpus is 112 kB).
pub const CACHE_BYTES: usize = 64 << 20;

self_cell::self_cell!(
    /// A good build and the renderer that draws its pages (which borrows it).
    pub struct Drawn {
        owner: Arc<Analysed>,
        #[not_covariant]
        dependent: Renderer,
    }
);

/// One good build, ready to render any of its pages.
pub struct Build {
    drawn: Drawn,
    /// Every page, by output path.
    index: HashMap<String, Page>,
    /// The theme's static files, by output path (cheap: served from the theme as read).
    assets: Files,
    /// The files drawn from the whole site, made when one is first asked for.
    site_files: OnceLock<Files>,
}

impl Build {
    /// The build of `analysed`; `None` (with the errors in `diags`) when its pages cannot
    /// be drawn (a broken theme, two pages at one path).
    pub fn new(analysed: Arc<Analysed>, diags: &mut Diagnostics) -> Option<Build> {
        let drawn = Drawn::try_new(analysed, |a| {
            Renderer::new(&a.site, &a.graph, &a.derived, diags).ok_or(())
        })
        .ok()?;
        let (index, assets) = drawn.with_dependent(|_, r| {
            let index = r
                .pages()
                .into_iter()
                .map(|p| (r.output_path(p), p))
                .collect();
            let assets = r.assets().into_iter().map(|f| (f.path, Arc::new(f.bytes)));
            (index, assets.collect())
        });
        Some(Build {
            drawn,
            index,
            assets,
            site_files: OnceLock::new(),
        })
    }

    pub fn analysed(&self) -> &Arc<Analysed> {
        self.drawn.borrow_owner()
    }

    /// Work with the renderer.
    pub fn with_renderer<T>(&self, f: impl for<'a> FnOnce(&Renderer<'a>) -> T) -> T {
        self.drawn.with_dependent(|_, r| f(r))
    }

    /// The page written at `path`, if any.
    pub fn page(&self, path: &str) -> Option<Page> {
        self.index.get(path).copied()
    }

    /// Render one page.
    pub fn render(&self, page: Page) -> Result<Vec<u8>, Box<Diagnostic>> {
        self.with_renderer(|r| r.render_page(page).map(|f| f.bytes))
    }

    /// The file at `path` that is not a page: a theme file, or one of the site files
    /// (made now when none has been asked for since the build). A path no site file can
    /// have (a mistyped address, a browser's `/favicon.ico`) is answered without them.
    fn other_file(&self, path: &str) -> Option<Arc<Vec<u8>>> {
        if let Some(bytes) = self.assets.get(path) {
            return Some(bytes.clone());
        }
        if !self.with_renderer(|r| r.may_write(path)) {
            return None;
        }
        self.site_files().get(path).cloned()
    }

    fn site_files(&self) -> &Files {
        self.site_files.get_or_init(|| {
            // A good build's site files report no error that `kensho build` would not.
            let mut diags = Diagnostics::default();
            let files = self.with_renderer(|r| r.site_files(&mut diags));
            files
                .into_iter()
                .map(|f| (f.path, Arc::new(f.bytes)))
                .collect()
        })
    }
}

/// Rendered pages by output path, the least recently used dropped past [`CACHE_BYTES`].
#[derive(Default)]
struct Cache {
    pages: HashMap<String, (Arc<Vec<u8>>, u64)>,
    bytes: usize,
    clock: u64,
}

impl Cache {
    fn get(&mut self, path: &str) -> Option<Arc<Vec<u8>>> {
        self.clock += 1;
        let (bytes, used) = self.pages.get_mut(path)?;
        *used = self.clock;
        Some(bytes.clone())
    }

    fn put(&mut self, path: String, bytes: Arc<Vec<u8>>) {
        self.clock += 1;
        self.bytes += bytes.len();
        if let Some((old, _)) = self.pages.insert(path, (bytes, self.clock)) {
            self.bytes -= old.len();
        }
        while self.bytes > CACHE_BYTES && self.pages.len() > 1 {
            let oldest = self.pages.iter().min_by_key(|(_, (_, used))| *used);
            let Some(oldest) = oldest.map(|(p, _)| p.clone()) else {
                break;
            };
            self.remove(&oldest);
        }
    }

    fn remove(&mut self, path: &str) -> Option<Arc<Vec<u8>>> {
        let (bytes, _) = self.pages.remove(path)?;
        self.bytes -= bytes.len();
        Some(bytes)
    }
}

/// What a save made stale, for [`Served::install`].
#[derive(Debug, Default)]
pub struct Stale {
    /// Every page (the first build, site.toml, the shared context or a base template).
    pub all: bool,
    /// Output paths of the pages whose inputs changed.
    pub pages: BTreeSet<String>,
    /// The content changed: the pages drawn from the whole site may show it.
    pub site_wide: bool,
}

/// The served site, shared by the rebuilds and the HTTP server.
#[derive(Default)]
pub struct Served {
    build: RwLock<Option<Arc<Build>>>,
    cache: Mutex<Cache>,
}

/// The answer to a request for a file.
pub enum Fetched {
    File(Arc<Vec<u8>>),
    /// Rendering the page failed (a theme's template that fails on this page only).
    Failed(Box<Diagnostic>),
    Missing,
}

impl Served {
    /// The build being served, if any.
    pub fn build(&self) -> Option<Arc<Build>> {
        self.build.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn cache(&self) -> std::sync::MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Serve `build` from now on. The cached pages `stale` names are dropped, and
    /// `rendered` (pages of `build` rendered already) kept; returns the cached pages drawn
    /// from the whole site that the content change may have changed (path and bytes),
    /// which are dropped too and which [`Served::changed_since`] compares.
    pub fn install(
        &self,
        build: Build,
        stale: &Stale,
        rendered: Vec<(String, Vec<u8>)>,
    ) -> Vec<(String, Arc<Vec<u8>>)> {
        let mut site_wide = Vec::new();
        let previous = {
            let mut cache = self.cache();
            if stale.all {
                *cache = Cache::default();
            }
            for path in &stale.pages {
                cache.remove(path);
            }
            if stale.site_wide {
                let paths: Vec<String> = cache
                    .pages
                    .keys()
                    .filter(|p| build.page(p).is_some_and(Page::is_site_wide))
                    .cloned()
                    .collect();
                for path in paths {
                    site_wide.extend(cache.remove(&path).map(|b| (path, b)));
                }
            }
            // Pages that are no longer part of the site go too.
            cache.pages.retain(|p, _| build.index.contains_key(p));
            cache.bytes = cache.pages.values().map(|(b, _)| b.len()).sum();
            for (path, bytes) in rendered {
                cache.put(path, Arc::new(bytes));
            }
            let mut current = self.build.write().unwrap_or_else(|e| e.into_inner());
            current.replace(Arc::new(build))
        };
        // Freeing the previous site (thousands of pages' worth) would delay the reload.
        std::thread::spawn(move || drop(previous));
        site_wide
    }

    /// Of the pages `before` (path and bytes in the previous build) whose URL is
    /// `shown`, the URLs of those the current build draws differently, and how many were
    /// compared: each is rendered now (and cached); the others wait to be asked for.
    pub fn changed_since(
        &self,
        before: Vec<(String, Arc<Vec<u8>>)>,
        shown: impl Fn(&str) -> bool,
    ) -> (Vec<String>, usize) {
        let Some(build) = self.build() else {
            return (Vec::new(), 0);
        };
        let mut changed = Vec::new();
        let mut compared = 0;
        for (path, old) in before {
            let Some(page) = build.page(&path) else {
                continue;
            };
            let url = build.with_renderer(|r| r.url(page));
            if !shown(&url) {
                continue;
            }
            compared += 1;
            let same = match self.page(&build, &path, page) {
                Fetched::File(new) => new == old,
                _ => false,
            };
            if !same {
                changed.push(url);
            }
        }
        (changed, compared)
    }

    /// The file at `path` (an output path) in the current build.
    pub fn get(&self, path: &str) -> Fetched {
        let Some(build) = self.build() else {
            return Fetched::Missing;
        };
        match build.page(path) {
            Some(page) => self.page(&build, path, page),
            None => build
                .other_file(path)
                .map_or(Fetched::Missing, Fetched::File),
        }
    }

    /// Whether the current build has a file at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.build()
            .is_some_and(|b| b.page(path).is_some() || b.other_file(path).is_some())
    }

    fn page(&self, build: &Arc<Build>, path: &str, page: Page) -> Fetched {
        if let Some(bytes) = self.cache().get(path) {
            return Fetched::File(bytes);
        }
        match build.render(page) {
            Ok(bytes) => {
                let bytes = Arc::new(bytes);
                let mut cache = self.cache();
                // A save may have replaced the build meanwhile: its pages are not cached.
                if self.build().is_some_and(|b| Arc::ptr_eq(&b, build)) {
                    cache.put(path.to_string(), bytes.clone());
                }
                Fetched::File(bytes)
            }
            Err(d) => Fetched::Failed(d),
        }
    }

    /// Every file's path: pages, theme files and site files (which are made now).
    pub fn paths(&self) -> Vec<String> {
        let Some(build) = self.build() else {
            return Vec::new();
        };
        let mut paths: BTreeSet<String> = build.index.keys().cloned().collect();
        paths.extend(build.assets.keys().cloned());
        paths.extend(build.site_files().keys().cloned());
        paths.into_iter().collect()
    }

    /// Every file of the current build, pages rendered (or taken from the cache).
    pub fn files(&self) -> Files {
        self.paths()
            .into_iter()
            .filter_map(|p| match self.get(&p) {
                Fetched::File(bytes) => Some((p, bytes)),
                _ => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::pipeline;
    use crate::model::Drafts;

    /// The example at `dir` of the repository as the preview builds it, dated (a site
    /// with a date has a feed).
    fn example(dir: &str) -> Build {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut diags = Diagnostics::default();
        let raw = crate::load::load(&root, &mut diags);
        let sources = raw.sources(&mut diags);
        let mut analysed = pipeline::analyse(&sources, Drafts::Show, &mut diags).unwrap();
        analysed.site.config.updated = crate::model::site::Date::parse("2020-10-01");
        Build::new(Arc::new(analysed), &mut diags).unwrap()
    }

    #[test]
    fn a_path_no_site_file_has_is_answered_without_making_them() {
        // Hokuto has attachments: every kind of site file.
        let mut kinds = vec!["data/", "search/", "sitemap.xml", "robots.txt", "feed.xml"];
        for dir in ["examples/hokuto", "examples/ueda"] {
            let build = example(dir);
            answers_without_site_files(&build);
            let files = build.site_files.get().expect("made when one is asked for");
            kinds.retain(|kind| !files.keys().any(|p| p.starts_with(kind)));
        }
        assert!(kinds.is_empty(), "no example has {kinds:?}");
    }

    fn answers_without_site_files(build: &Build) {
        for path in ["favicon.ico", "years/1990/index.html", "nowhere/index.html"] {
            assert!(build.other_file(path).is_none(), "{path}");
        }
        assert!(build.site_files.get().is_none(), "made for a missing path");
        assert!(build.other_file("sitemap.xml").is_some());
        let files = build.site_files.get().expect("made when one is asked for");
        // Every site file is one the preview looks for: none is left unreachable.
        for path in files.keys() {
            assert!(build.with_renderer(|r| r.may_write(path)), "{path}");
            assert!(build.other_file(path).is_some(), "{path}");
        }
    }
}
