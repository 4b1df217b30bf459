//! Large sites: a per-year, list or print page whose rows (table rows, list entries,
//! sheet sections) pass site.toml's `split_rows` becomes an index (its summary and one
//! link per part) and parts, one per plan, and per goal (then policy) where a plan's
//! part would still be too large. Decided by counting rows, never bytes, so the same
//! content always gives the same pages; small sites are never split.

use serde::Serialize;

use super::page::{ListKind, Page};
use super::view::Views;
use super::{print, url, years};
use crate::link::PageRef;
use crate::model::FiscalYear;

/// A page that may be split.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Whole {
    Year(FiscalYear),
    List(ListKind),
    /// A plan's print view, by plan index.
    Print(usize),
    /// The open data page's list of KPI files.
    Data,
}

impl Whole {
    /// The page that is the index of the parts.
    pub fn page(self) -> Page {
        match self {
            Whole::Year(y) => Page::Year(y),
            Whole::List(k) => Page::List(k),
            Whole::Print(p) => Page::Print(p),
            Whole::Data => Page::Data,
        }
    }

    /// The page that may be split into parts, if `page` is one.
    pub fn of(page: Page) -> Option<Whole> {
        match page {
            Page::Year(y) => Some(Whole::Year(y)),
            Page::List(k) => Some(Whole::List(k)),
            Page::Print(p) => Some(Whole::Print(p)),
            Page::Data => Some(Whole::Data),
            _ => None,
        }
    }

    /// The rows a part may hold: a print view's section holds a node's texts, KPIs and
    /// programs (about six table rows' bytes), a list entry a third of one.
    fn limit(self, rows: usize) -> usize {
        match self {
            Whole::Year(_) | Whole::List(ListKind::Kpis) => rows,
            Whole::List(_) => rows.saturating_mul(3),
            Whole::Data => rows.saturating_mul(2),
            Whole::Print(_) => (rows / 6).max(1),
        }
    }

    /// The rows the page shows, counted at the node they belong to (a program at each
    /// node that lists it), by node index.
    fn rows(self, v: &Views) -> Vec<usize> {
        let (site, graph) = (v.site, v.graph);
        let mut rows = vec![0; site.nodes.len()];
        let mut programs = |keep: &dyn Fn(&crate::model::Program) -> bool| {
            for (pi, p) in site.programs.iter().enumerate() {
                if keep(p) {
                    graph.program_parents[pi].iter().for_each(|&n| rows[n] += 1);
                }
            }
        };
        match self {
            Whole::Year(y) => {
                programs(&|p| p.years.contains_key(&y));
                let plan = super::phase::Phase::of_year(site, y).is_plan();
                for (ni, n) in site.nodes.iter().enumerate() {
                    rows[ni] += n.kpis.iter().filter(|k| years::shown(k, y, plan)).count();
                }
            }
            Whole::List(ListKind::Kpis) | Whole::Data => {
                for (ni, n) in site.nodes.iter().enumerate() {
                    rows[ni] = n.kpis.len();
                }
            }
            Whole::List(_) | Whole::Print(_) => {
                programs(&|_| true);
                for (ni, n) in site.nodes.iter().enumerate() {
                    rows[ni] += 1 + n.kpis.len();
                }
            }
        }
        rows
    }

    /// The nodes whose subtrees the page may be split by: every plan's root, or the
    /// one plan's root of a print view.
    fn roots(self, v: &Views) -> Vec<usize> {
        match self {
            Whole::Print(p) => v
                .graph
                .roots
                .get(p)
                .copied()
                .flatten()
                .into_iter()
                .collect(),
            _ => v.graph.roots.iter().flatten().copied().collect(),
        }
    }
}

/// How a page is split: its parts (each a node, holding the rows of its subtree but
/// for those of parts below it), with their row counts.
#[derive(Debug)]
pub struct Split {
    pub whole: Whole,
    /// (node, rows), in the order of the site's plans and their trees.
    pub parts: Vec<(usize, usize)>,
    /// Whether each node is a part.
    is_part: Vec<bool>,
    /// The node whose rows the index shows as its own: a print view's root (its
    /// sections head the sheet), else none.
    index_node: Option<usize>,
    /// The nodes and programs each part holds (the index under `None`), in site order:
    /// a part's page goes through its own rows, never the whole site's (a print view's
    /// split: those of its plan).
    held: std::collections::HashMap<Option<usize>, Held>,
}

/// The nodes and programs of one part of a split page (or of its index), sorted.
#[derive(Debug, Default)]
struct Held {
    nodes: Vec<usize>,
    programs: Vec<usize>,
}

/// Every split page of a site, each decided once when first asked for: every part of a
/// split page, and the overview of each plan and goal, asks how its page is split.
#[derive(Default)]
pub struct Splits {
    made: std::sync::Mutex<std::collections::HashMap<Whole, Option<std::sync::Arc<Split>>>>,
    /// The rows of a list page (and of every print view), counted once for all of them.
    all_rows: std::sync::OnceLock<Vec<usize>>,
}

impl Split {
    /// How `whole` is split, or `None` when it is small enough to stay one page:
    /// decided once per build ([`Splits`]).
    pub fn of(v: &Views, whole: Whole) -> Option<std::sync::Arc<Split>> {
        let made = || v.splits().made.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = made().get(&whole) {
            return s.clone();
        }
        // Made outside the lock (two threads may both make it: the same split).
        let split = Split::make(v, whole).map(std::sync::Arc::new);
        made().entry(whole).or_insert(split).clone()
    }

    fn make(v: &Views, whole: Whole) -> Option<Split> {
        let limit = whole.limit(v.site.config.split_rows);
        let own_rows;
        let rows: &[usize] = match whole {
            Whole::List(kind) if kind != ListKind::Kpis => {
                v.splits().all_rows.get_or_init(|| whole.rows(v))
            }
            Whole::Print(_) => v
                .splits()
                .all_rows
                .get_or_init(|| Whole::List(ListKind::Grades).rows(v)),
            _ => {
                own_rows = whole.rows(v);
                &own_rows
            }
        };
        let graph = v.graph;
        let mut total = vec![0; rows.len()];
        let roots = whole.roots(v);
        for &r in &roots {
            subtree_rows(graph, rows, r, &mut total);
        }
        let all: usize = match whole {
            Whole::Print(_) => roots.iter().map(|&r| total[r]).sum(),
            _ => rows.iter().sum(),
        };
        if all <= limit {
            return None;
        }
        let mut parts = Vec::new();
        for &r in &roots {
            split_node(graph, &total, limit, r, &mut parts);
        }
        let mut is_part = vec![false; rows.len()];
        parts.iter().for_each(|&(n, _)| is_part[n] = true);
        // A part's own rows and its subtree's, less those of parts below it.
        let mut own: Vec<(usize, usize)> = parts
            .iter()
            .map(|&(n, _)| (n, rows_of_part(graph, rows, &is_part, n)))
            .filter(|&(_, count)| count > 0)
            .collect();
        let index_node = match whole {
            Whole::Print(_) => roots.first().copied(),
            _ => None,
        };
        own.retain(|&(n, _)| Some(n) != index_node);
        // A node whose part holds nothing is no part: its rows (none) are on the index.
        is_part.iter_mut().for_each(|p| *p = false);
        own.iter().for_each(|&(n, _)| is_part[n] = true);
        let mut split = Split {
            whole,
            parts: own,
            is_part,
            index_node,
            held: Default::default(),
        };
        split.held = split.gather(v, &roots);
        Some(split)
    }

    /// The nodes and programs each part holds, in one pass over the site (a print
    /// view's: over its plan's tree).
    fn gather(&self, v: &Views, roots: &[usize]) -> std::collections::HashMap<Option<usize>, Held> {
        let mut held: std::collections::HashMap<Option<usize>, Held> = Default::default();
        let nodes: Vec<usize> = match self.whole {
            Whole::Print(_) => {
                let mut nodes: Vec<usize> =
                    roots.iter().flat_map(|&r| v.graph.subtree(r)).collect();
                nodes.sort_unstable();
                nodes.dedup();
                nodes
            }
            _ => (0..v.site.nodes.len()).collect(),
        };
        // The part each node's rows are on (`None`: the index).
        let key = |n: usize| {
            let owner = self.owner(v, n);
            match owner == self.index_node {
                true => None,
                false => owner,
            }
        };
        let mut programs: Vec<usize> = Vec::new();
        for &n in &nodes {
            held.entry(key(n)).or_default().nodes.push(n);
            programs.extend(v.graph.node_programs[n].iter().map(|l| l.program));
        }
        if !matches!(self.whole, Whole::Print(_)) {
            programs = (0..v.site.programs.len()).collect();
        } else {
            programs.sort_unstable();
            programs.dedup();
        }
        // A program's row is on the part of each node listing it (once per part); one
        // listed by no node, on the index.
        let mut keys: Vec<Option<usize>> = Vec::new();
        for p in programs {
            let parents = &v.graph.program_parents[p];
            keys.clear();
            keys.extend(parents.iter().map(|&n| key(n)));
            if parents.is_empty() {
                keys.push(None);
            }
            keys.sort_unstable();
            keys.dedup();
            for &k in &keys {
                held.entry(k).or_default().programs.push(p);
            }
        }
        held
    }

    /// The nodes whose rows `part` (`None`: the index) shows, sorted.
    pub fn nodes(&self, part: Option<usize>) -> &[usize] {
        self.held.get(&part).map_or(&[], |h| &h.nodes)
    }

    /// The programs whose rows `part` (`None`: the index) shows, sorted.
    pub fn programs(&self, part: Option<usize>) -> &[usize] {
        self.held.get(&part).map_or(&[], |h| &h.programs)
    }

    /// The part a node's rows are shown on: the node itself or its nearest ancestor that
    /// is a part; `None` for a node under none (shown on the index).
    pub fn owner(&self, v: &Views, node: usize) -> Option<usize> {
        let mut cur = Some(node);
        let mut steps = 0;
        while let Some(n) = cur {
            if self.is_part[n] {
                return Some(n);
            }
            steps += 1;
            if steps > self.is_part.len() {
                return None;
            }
            cur = v.graph.parent[n];
        }
        None
    }

    /// The rows `part` shows as its page shows them (a program listed by two nodes of
    /// the part once), for the count beside its link.
    pub fn count(&self, v: &Views, part: usize) -> usize {
        let within = Some(Within::Split {
            split: self,
            part: Some(part),
        });
        let site = v.site;
        let nodes = || self.nodes(Some(part)).iter().copied();
        let programs = |keep: &dyn Fn(&crate::model::Program) -> bool| {
            (self.programs(Some(part)).iter())
                .filter(|&&p| keep(&site.programs[p]))
                .count()
        };
        match self.whole {
            Whole::Year(y) => {
                let plan = super::phase::Phase::of_year(site, y).is_plan();
                let kpis: usize = nodes()
                    .map(|n| {
                        (site.nodes[n].kpis.iter())
                            .filter(|k| years::shown(k, y, plan))
                            .count()
                    })
                    .sum();
                kpis + programs(&|p| p.years.contains_key(&y))
            }
            Whole::List(ListKind::Kpis) | Whole::Data => {
                nodes().map(|n| site.nodes[n].kpis.len()).sum()
            }
            Whole::List(kind) => super::lists::sections(v, kind, within)
                .sections
                .iter()
                .map(|s| s.items.len())
                .sum(),
            Whole::Print(_) => nodes().count(),
        }
    }

    /// Whether a row at `node` is on `part` (`None`: the index).
    pub fn holds(&self, v: &Views, part: Option<usize>, node: usize) -> bool {
        let owner = self.owner(v, node);
        match part {
            Some(_) => owner == part,
            None => owner.is_none() || owner == self.index_node,
        }
    }
}

/// Which rows a page's tables hold: those of one part of a split page or of its index,
/// or those of a subtree (the overview of a plan or a goal).
#[derive(Clone, Copy)]
pub enum Within<'s> {
    Split {
        split: &'s Split,
        /// The part's node; `None` for the index.
        part: Option<usize>,
    },
    /// The nodes of a subtree, sorted.
    Nodes(&'s [usize]),
}

impl<'s> Within<'s> {
    /// The nodes `w` holds, sorted (every node when `None`): what a page of a part or a
    /// subtree goes through, instead of asking of every node of the site.
    pub fn nodes(w: Option<Self>, v: &Views) -> std::borrow::Cow<'s, [usize]> {
        match w {
            None => (0..v.site.nodes.len()).collect(),
            Some(Within::Split { split, part }) => split.nodes(part).into(),
            Some(Within::Nodes(nodes)) => nodes.into(),
        }
    }

    /// The programs `w` holds, sorted (every program when `None`): those a node of it lists.
    pub fn programs(w: Option<Self>, v: &Views) -> std::borrow::Cow<'s, [usize]> {
        match w {
            None => (0..v.site.programs.len()).collect(),
            Some(Within::Split { split, part }) => split.programs(part).into(),
            Some(Within::Nodes(nodes)) => {
                let listed = nodes.iter().flat_map(|&n| &v.graph.node_programs[n]);
                let mut programs: Vec<usize> = listed.map(|l| l.program).collect();
                programs.sort_unstable();
                programs.dedup();
                programs.into()
            }
        }
    }
}

/// Rows of `n`'s subtree into `total`, returned.
fn subtree_rows(
    graph: &crate::link::Graph,
    rows: &[usize],
    n: usize,
    total: &mut [usize],
) -> usize {
    let below: usize = graph.children[n]
        .iter()
        .map(|&c| subtree_rows(graph, rows, c, total))
        .sum();
    total[n] = rows[n] + below;
    total[n]
}

/// `n` as one part when its subtree fits (or it has no children), else its own rows as
/// a part and each child split the same way.
fn split_node(
    graph: &crate::link::Graph,
    total: &[usize],
    limit: usize,
    n: usize,
    parts: &mut Vec<(usize, usize)>,
) {
    parts.push((n, total[n]));
    if total[n] <= limit || graph.children[n].is_empty() {
        return;
    }
    for &c in &graph.children[n] {
        split_node(graph, total, limit, c, parts);
    }
}

/// The rows a part shows: its own and those of its subtree down to the next parts.
fn rows_of_part(graph: &crate::link::Graph, rows: &[usize], is_part: &[bool], n: usize) -> usize {
    let below: usize = graph.children[n]
        .iter()
        .filter(|&&c| !is_part[c])
        .map(|&c| rows_of_part(graph, rows, is_part, c))
        .sum();
    rows[n] + below
}

/// A part's URL: the whole page's, followed by its node's (a print view's part: by the
/// node's path below the plan's root).
pub fn part_url(v: &Views, whole: Whole, node: usize) -> String {
    let base = whole.page().url(v);
    let node_url = url::page_url(&v.site.nodes[node].path);
    match whole {
        Whole::Print(p) => {
            let root = v.graph.roots.get(p).copied().flatten();
            let root_url = root.map(|r| url::page_url(&v.site.nodes[r].path));
            let below = root_url
                .as_deref()
                .and_then(|r| node_url.strip_prefix(r))
                .filter(|b| !b.is_empty())
                .unwrap_or(&node_url);
            format!("{base}{below}")
        }
        _ => format!("{base}{node_url}"),
    }
}

/// A part's title: the whole page's, and the node's code and title.
pub fn part_title(v: &Views, whole: Whole, node: usize) -> String {
    v.site.config.labels.fill(
        "split.part_title",
        &[
            ("page", &whole.page().title(v)),
            ("part", &node_name(v, node)),
        ],
    )
}

/// A part's name: its node's code and title, after its plan's (goals of two plans
/// may share a code).
fn node_name(v: &Views, node: usize) -> String {
    let name = |i: usize| {
        let n = &v.site.nodes[i];
        match &n.code {
            Some(code) => format!("{code} {}", n.title),
            None => n.title.clone(),
        }
    };
    match v.graph.ancestors(node).first() {
        Some(&plan) => v.site.config.labels.fill(
            "split.nested",
            &[("plan", &name(plan)), ("part", &name(node))],
        ),
        None => name(node),
    }
}

/// What a split page's template is given: on the index, its parts; on a part, the
/// index to go back to and what the part holds.
#[derive(Serialize, Default)]
pub struct SplitView {
    /// On the index: one link per part with its rows.
    pub parts: Vec<PartLink>,
    /// On a part: the index page (title, URL).
    pub index: Option<PartLink>,
    /// On a part: the node it is made of.
    pub part: Option<PartLink>,
}

#[derive(Serialize)]
pub struct PartLink {
    pub title: String,
    pub url: String,
    pub count: usize,
}

/// The view of `page`'s split: `None` for a page not split and not a part.
pub fn view(v: &Views, page: Page) -> Option<SplitView> {
    match page {
        Page::Part(whole, node) => {
            let split = Split::of(v, whole)?;
            let count = split.count(v, node);
            Some(SplitView {
                parts: Vec::new(),
                index: Some(PartLink {
                    title: whole.page().title(v),
                    url: whole.page().url(v),
                    count: split.parts.len(),
                }),
                part: Some(PartLink {
                    title: node_name(v, node),
                    url: url::content_url(v.site, PageRef::Node(node)),
                    count,
                }),
            })
        }
        _ => {
            let split = Split::of(v, Whole::of(page)?)?;
            Some(SplitView {
                parts: split
                    .parts
                    .iter()
                    .map(|&(n, _)| PartLink {
                        title: node_name(v, n),
                        url: part_url(v, split.whole, n),
                        count: split.count(v, n),
                    })
                    .collect(),
                index: None,
                part: None,
            })
        }
    }
}

/// Every part page of the site's split pages, after `pages`.
pub fn parts(v: &Views, pages: &[Page]) -> Vec<Page> {
    pages
        .iter()
        .filter_map(|&p| Split::of(v, Whole::of(p)?))
        .flat_map(|s| {
            (s.parts.iter())
                .map(|&(n, _)| Page::Part(s.whole, n))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The print view of a part: the sections of its node's subtree.
pub fn print_order(v: &Views, whole: Whole, part: Option<usize>) -> Option<Vec<(usize, usize)>> {
    let Whole::Print(plan) = whole else {
        return None;
    };
    let root = v.graph.roots.get(plan).copied().flatten()?;
    let split = Split::of(v, whole)?;
    Some(
        print::sheet_order(v, root)
            .into_iter()
            .filter(|&(n, _)| split.holds(v, part, n))
            .collect(),
    )
}
