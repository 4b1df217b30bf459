//! The files a build writes beside its pages: the theme's static files and the
//! site-wide outputs (search index and open data side by side, then sitemap.xml,
//! robots.txt and feed.xml), handed to the output as each is made. The renderer calls
//! `outputs`; they never call back.

use super::Renderer;
use crate::diag::{Diagnostic, Diagnostics, Message};
use crate::files::Emitter;
use crate::files::{OutputFile, Sink};
use crate::outputs::{datafiles, feed, sitemap};
use crate::pages::url;

impl Renderer<'_> {
    /// Files drawn from the whole site rather than one page: the theme's static files,
    /// the open data, and (when the base URL names a host) sitemap, robots.txt and feed.
    /// The preview server regenerates these on every change.
    pub fn site_files(&self, diags: &mut Diagnostics) -> Vec<OutputFile> {
        self.site_files_into(Sink::Keep, diags).0
    }

    /// Whether `path` (an output path) may be one of [`Renderer::site_files`]: under
    /// `assets/`, `data/` or `search/`, a file published beside the content, a sitemap,
    /// robots.txt or the feed. The preview makes the site files only when one is asked for (at 10,000
    /// pages, a second and 400 MB); any other path it answers without them.
    pub fn may_write(&self, path: &str) -> bool {
        path.starts_with(url::DATA_URL)
            || path.starts_with(url::SEARCH_URL)
            || sitemap::writes(path)
            || path == feed::FEED_PATH
            || path.starts_with("assets/")
            || self.views.graph.files.iter().any(|f| f == path)
    }

    /// [`Renderer::site_files`], each file going to `sink` as it is made. Returns the
    /// files kept and how many files there are.
    pub fn site_files_into(&self, sink: Sink, diags: &mut Diagnostics) -> (Vec<OutputFile>, usize) {
        let mut to = Emitter::new(sink);
        for f in self.assets() {
            to.whole(f);
        }
        self.attachments(&mut to, diags);
        // The search index and the open data side by side: a thread that has no pages
        // left takes one (each is a tenth of a large site's build).
        let (mut search_to, mut data_to) = (Emitter::new(sink), Emitter::new(sink));
        let (site, graph) = (self.views.site, self.views.graph);
        let ((), written) = rayon::join(
            || crate::outputs::search::write(site, graph, &mut |f| search_to.whole(f)),
            || {
                datafiles::write(site, graph, datafiles::PIECE, &mut |piece| match piece {
                    datafiles::Piece::Whole(f) => data_to.whole(f),
                    datafiles::Piece::Part { path, bytes } => data_to.part(path, bytes),
                })
            },
        );
        to.append(search_to);
        to.append(data_to);
        for (path, e) in &written.errors {
            diags.push(Diagnostic::error(Message::new(
                format!("オープンデータ {path} を書き出せません: {e}"),
                format!("cannot write the open data file {path}: {e}"),
            )));
        }
        let _ = self.data.set(written);
        for f in self.crawler_files(diags) {
            to.whole(f);
        }
        to.finish(diags)
    }

    /// The files beside the pages that published texts link to, their bytes as they
    /// are, at their content path: copied in pieces, never read whole (but kept whole
    /// for the preview, which serves from memory).
    fn attachments(&self, to: &mut Emitter, diags: &mut Diagnostics) {
        let (site, graph) = (self.views.site, self.views.graph);
        let content = site.root.join(crate::load::CONTENT_DIR);
        for path in &graph.files {
            if let Err(e) = to.copy(path, &content.join(path)) {
                diags.push(Diagnostic::error(Message::new(
                    format!("content/{path} を読めません: {e}"),
                    format!("cannot read content/{path}: {e}"),
                )));
            }
        }
    }

    /// sitemap.xml, robots.txt and feed.xml, which need absolute URLs.
    fn crawler_files(&self, diags: &mut Diagnostics) -> Vec<OutputFile> {
        let config = &self.views.site.config;
        if !url::has_host(&config.base_url) {
            diags.push(Diagnostic::warning(Message::new(
                format!("base_url「{}」にホスト名がないため、sitemap.xml・robots.txt・feed.xml を作りませんでした（https:// で始まる URL にすると作ります）", config.base_url),
                format!("base_url \"{}\" names no host, so sitemap.xml, robots.txt and feed.xml were not written (use an https:// URL)", config.base_url),
            )));
            return Vec::new();
        }
        let urls: Vec<String> = self
            .pages()
            .into_iter()
            .filter(|&p| p.is_public())
            .map(|p| url::public_url(&config.base_url, &self.url(p)))
            .collect();
        let mut out = sitemap::files(&config.base_url, &urls, sitemap::Limits::PROTOCOL);
        out.push(sitemap::robots(&url::public_url(
            &config.base_url,
            "sitemap.xml",
        )));
        let entries = feed::entries(self.views.site, &self.years);
        out.extend(feed::file(
            config,
            &entries,
            |p| self.url(p),
            |p| self.description(p),
        ));
        out
    }
}
