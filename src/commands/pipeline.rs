//! The pipeline every command shares: load → model → link → derive → pages → html (with
//! the site-wide outputs), the files kept or streamed to `write`.
//! `build` and `check` run [`run_with`] whole, each file loaded and typed in parallel;
//! the preview server keeps typed files cached and calls [`derive_linked`] and the
//! renderer after each save (`serve::preview`); tests call [`analyse`] on loaded files.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::derive::{Derived, derive};
use crate::diag::{Diagnostic, Diagnostics};
use crate::files::{OutputFile, Sink};
use crate::html::{Memory, render};
use crate::link::{Graph, link};
use crate::load::{self, Sources};
use crate::model::{self, Drafts, Site, TypedFile};
use crate::progress::Progress;

pub struct Outcome {
    pub diagnostics: Diagnostics,
    /// The rendered site (empty when the files went to a [`Sink::Each`]); `None` when
    /// any stage reported an error.
    pub files: Option<Vec<OutputFile>>,
    /// How many files were rendered.
    pub count: usize,
    /// What the build left out for want of a setting, told after it (not a problem:
    /// `check` and the counts of warnings leave it out).
    pub notes: Vec<crate::diag::Message>,
}

/// The typed site with its graph and derived figures.
pub struct Analysed {
    pub site: Site,
    /// Shared: the preview keeps one graph across saves that change no reference.
    pub graph: Arc<Graph>,
    pub derived: Derived,
}

/// What a build publishes beyond what site.toml says (`build --drafts`, `--base-url`).
#[derive(Clone, Debug, Default)]
pub struct Publish {
    /// Drafts left out, or published marked 下書き.
    pub drafts: Drafts,
    /// A base URL instead of site.toml's, as given on the command line.
    pub base_url: Option<String>,
    /// Every label marked with its key (`check --words`, [`crate::model::Labels::mark`]).
    pub marked_labels: bool,
    /// A report year instead of site.toml's, for checking a site (its forms too) as it
    /// would be in that year (`kensho year`); only the problems are read.
    pub report_year: Option<crate::model::year::FiscalYear>,
}

pub fn run(root: &Path) -> Outcome {
    run_with(root, Drafts::Hide, None, Sink::Keep, Memory::Free)
}

/// The pipeline, with drafts left out (build, check) or shown (preview), telling
/// `progress` (if any) what it is doing.
pub fn run_with(
    root: &Path,
    drafts: Drafts,
    progress: Option<&Progress>,
    sink: Sink,
    memory: Memory,
) -> Outcome {
    let publish = Publish {
        drafts,
        ..Publish::default()
    };
    run_publishing(root, &publish, progress, sink, memory)
}

/// [`run_with`], publishing as `publish` says.
pub fn run_publishing(
    root: &Path,
    publish: &Publish,
    progress: Option<&Progress>,
    sink: Sink,
    memory: Memory,
) -> Outcome {
    let mut diags = Diagnostics::default();
    if let Some(p) = progress {
        p.stage("読み込み", "loading", 0);
    }
    let analysed = load_and_type(root, publish, &mut diags).map(|site| {
        if let Some(p) = progress {
            p.stage("検証", "checking", 0);
        }
        link_and_derive(site, &mut diags)
    });
    let Some(mut a) = analysed else {
        diags.sort();
        return Outcome {
            diagnostics: diags,
            files: None,
            count: 0,
            notes: Vec::new(),
        };
    };
    let notes = notes(&a.site.config);
    let (files, count) = if diags.has_errors() {
        (None, 0)
    } else {
        // Rendering reports no position in content files: their texts can go (a
        // diagnostic found so far keeps its own file).
        a.site.let_go_of_sources();
        let (files, count) = render(
            &a.site, &a.graph, &a.derived, &mut diags, progress, sink, memory,
        );
        ((!diags.has_errors()).then_some(files), count)
    };
    diags.sort();
    if memory == Memory::LeaveToExit {
        std::mem::forget(a);
    }
    Outcome {
        diagnostics: diags,
        files,
        count,
        notes,
    }
}

/// The notes of a build of the site `config` sets up: no feed without `updated`.
fn notes(config: &model::SiteConfig) -> Vec<crate::diag::Message> {
    let hosted = crate::pages::url::has_host(&config.base_url);
    if !hosted || crate::outputs::feed::has_feed(config) {
        return Vec::new();
    }
    vec![crate::diag::Message::new(
        "site.toml に updated（公表・更新した日、例: updated = 2024-10-01）がないため、更新情報（feed.xml）は作りませんでした。フィードの日付は内容の日付だけにします",
        "site.toml has no `updated` (the date the report was published or updated, e.g. updated = 2024-10-01), so no feed (feed.xml) was written: a feed's dates come only from the content",
    )]
}

/// Load and type every content file, each on its own and in parallel: a file's TOML
/// tree is dropped as soon as the file is typed, so a large site is never held as trees
/// all at once. `None` without a usable site.toml (every file is still read, so that
/// its own errors are reported too).
fn load_and_type(root: &Path, publish: &Publish, diags: &mut Diagnostics) -> Option<Site> {
    let listing = load::list(root, diags);
    let mut config = model::read_config_in(
        listing.config.as_ref(),
        listing.forms(),
        publish.report_year,
        diags,
    );
    if let (Some(c), true) = (&mut config, publish.marked_labels) {
        c.labels.mark();
    }
    if let (Some(c), Some(url)) = (&mut config, &publish.base_url) {
        match model::site::normal_base_url(url) {
            Some(url) => c.base_url = url,
            None => {
                diags.push(Diagnostic::error(model::site::bad_base_url(
                    "--base-url",
                    url,
                )));
                config = None;
            }
        }
    }
    let mut loaded: Vec<(Vec<Diagnostic>, Option<TypedFile>)> = listing
        .documents
        .par_iter()
        .map(|(rel, path)| {
            let mut problems = Diagnostics::default();
            let file = load::load_file(root, rel, path, &mut problems);
            let typed = config.as_ref().and_then(|c| model::read_loaded(&file, c));
            (problems.items, typed)
        })
        .collect();
    for (problems, _) in &mut loaded {
        diags.items.append(problems);
    }
    let typed = loaded.iter().filter_map(|(_, t)| t.as_ref());
    Some(model::assemble(root, config?, typed, publish.drafts, diags))
}

/// Model, link and derive loaded files. `None` when there is no usable site.toml;
/// otherwise problems are in `diags` and rendering should wait until it has no errors.
pub fn analyse(sources: &Sources, drafts: Drafts, diags: &mut Diagnostics) -> Option<Analysed> {
    let site = model::build_from(sources, drafts, diags)?;
    Some(link_and_derive(site, diags))
}

/// Link and derive a typed site.
pub fn link_and_derive(site: Site, diags: &mut Diagnostics) -> Analysed {
    let graph = Arc::new(link(&site, diags));
    derive_linked(site, graph, diags)
}

/// Derive a linked site.
pub fn derive_linked(site: Site, graph: Arc<Graph>, diags: &mut Diagnostics) -> Analysed {
    // Derived checks need only the model and the graph, so they report even when other
    // files have errors; rendering waits for a site without errors.
    crate::derive::check_grades(&site, diags);
    let derived = derive(&site, &graph);
    crate::derive::check_totals(&site, &derived, diags);
    Analysed {
        site,
        graph,
        derived,
    }
}
