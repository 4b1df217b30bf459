//! Which pages show what a content file holds: the dependency rules of the incremental
//! preview. A changed file re-renders its own page and every page that shows anything
//! of it: ancestors (totals, grade counts, child lists), descendants and the programs
//! below them (breadcrumbs), the other parents of programs it lists (the 再掲 mark),
//! pages it links to (their back-links) and pages that link to it (link titles); plus
//! the pages drawn from the whole site (home, lists, per-year pages).
//!
//! The rules are applied to the site before and after the change, so a page that stops
//! showing a file is re-rendered too. A test edits a site step by step and compares the
//! incremental result with a full build byte for byte.

use std::collections::BTreeSet;

use crate::link::{Graph, PageRef};
use crate::model::Site;

/// Content paths of the pages that show anything of the files at `paths` (content
/// paths), in `site` as linked by `graph`.
pub fn pages_showing(site: &Site, graph: &Graph, paths: &BTreeSet<String>) -> BTreeSet<String> {
    let changed: BTreeSet<PageRef> = paths.iter().filter_map(|p| graph.resolve(p)).collect();
    let mut refs = changed.clone();
    // A file beside the pages (an image) changed: the pages that show it reload.
    if paths.iter().any(|p| graph.files.binary_search(p).is_ok()) {
        refs.extend(showing_files(site, paths));
    }
    for &page in &changed {
        match page {
            PageRef::Node(n) => node_shown_by(graph, n, &mut refs),
            PageRef::Program(p) => {
                for &n in &graph.program_parents[p] {
                    refs.insert(PageRef::Node(n));
                    refs.extend(graph.ancestors(n).into_iter().map(PageRef::Node));
                }
            }
        }
        if let Some(sources) = graph.backlinks.get(&page) {
            refs.extend(sources.iter().map(|(s, _)| *s));
        }
    }
    // The pages the changed ones link to show them in their back-links: one pass over
    // the back-links, however many files changed.
    for (&target, sources) in &graph.backlinks {
        if sources.iter().any(|(s, _)| changed.contains(s)) {
            refs.insert(target);
        }
    }
    refs.into_iter()
        .map(|r| match r {
            PageRef::Node(i) => site.nodes[i].path.clone(),
            PageRef::Program(i) => site.programs[i].path.clone(),
        })
        .collect()
}

/// The pages that show node `n`: its ancestors, every node below it and their programs,
/// and the other parents of the programs it lists.
fn node_shown_by(graph: &Graph, n: usize, refs: &mut BTreeSet<PageRef>) {
    refs.extend(graph.ancestors(n).into_iter().map(PageRef::Node));
    for m in graph.subtree(n) {
        refs.insert(PageRef::Node(m));
        refs.extend(
            graph.node_programs[m]
                .iter()
                .map(|l| PageRef::Program(l.program)),
        );
    }
    for l in &graph.node_programs[n] {
        refs.extend(
            graph.program_parents[l.program]
                .iter()
                .map(|&p| PageRef::Node(p)),
        );
    }
}

/// The pages whose texts or table cells link to or show one of the files at `paths`.
fn showing_files<'a>(
    site: &'a Site,
    paths: &'a BTreeSet<String>,
) -> impl Iterator<Item = PageRef> + 'a {
    let shows = |(_, f): (_, &crate::model::markdown::FileLink)| paths.contains(&f.path);
    let nodes = (site.nodes.iter().enumerate())
        .filter_map(move |(i, n)| n.linked_files().any(shows).then_some(PageRef::Node(i)));
    let programs = (site.programs.iter().enumerate())
        .filter_map(move |(i, p)| p.linked_files().any(shows).then_some(PageRef::Program(i)));
    nodes.chain(programs)
}
