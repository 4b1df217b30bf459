//! Link: the graph between pages.
//!
//! Resolves every `@/…` reference (front matter and Markdown links) and builds the
//! relations the pages show: parents and children of nodes, the programs each policy
//! lists (with their groups), the parents of each program, related nodes, and back-links
//! (what links here). A reference to a page that does not exist is an error at its place.
//! The files beside the pages that the texts link to are published ([`attachments`]).

mod attachments;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics, Message, did_you_mean};
use crate::model::page::SitePage;
use crate::model::year::YearStyle;
use crate::model::{FiscalYear, Listed, Markdown, Node, Outside, Program, Ref, Site};

/// A page of the site that content can link to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageRef {
    Node(usize),
    Program(usize),
}

/// Why one page links to another, for the back-links list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum LinkKind {
    /// A policy lists a program.
    Lists,
    /// `related = [...]`
    Related,
    /// A Markdown link in the text.
    Mentions,
}

/// A program as listed under a node: its group (index into `node.groups`) if any, the
/// years it counts in, and whether it is 【再掲】 there.
#[derive(Clone, Debug, PartialEq)]
pub struct Listing {
    pub group: Option<usize>,
    pub program: usize,
    /// Listed here only in these years (sorted); `None`: every year.
    pub years: Option<Vec<FiscalYear>>,
    /// 【再掲】 as the content marks it: `Some` for every listing of a program that any
    /// listing marks (`reprint`, or `first`); `None` for a program marked nowhere, whose
    /// first listing is in full and later ones 再掲 (as before).
    pub reprint: Option<bool>,
    /// Marked 【再掲】 only in these years (`reprint_in`); `None`: as `reprint` says.
    pub reprint_in: Option<Vec<FiscalYear>>,
    /// Where the program is first listed, outside the site.
    pub first: Option<Outside>,
}

impl Listing {
    /// Whether this listing counts in year `y`.
    pub fn in_year(&self, y: FiscalYear) -> bool {
        self.years.as_ref().is_none_or(|ys| ys.contains(&y))
    }

    /// The year a node's table of the report year `report` marks this listing as in: the
    /// report year where it counts then, else the first of its years.
    pub fn shown_year(&self, report: FiscalYear) -> FiscalYear {
        (Some(report).filter(|&y| self.in_year(y)))
            .or_else(|| self.years.as_deref().and_then(|ys| ys.first().copied()))
            .unwrap_or(report)
    }
}

#[derive(Debug, Default)]
pub struct Graph {
    pub by_path: HashMap<String, PageRef>,
    pub parent: Vec<Option<usize>>,
    /// Children in display order (weight, then code in natural order, then title).
    pub children: Vec<Vec<usize>>,
    /// The root node of each plan, by plan index.
    pub roots: Vec<Option<usize>>,
    pub node_programs: Vec<Vec<Listing>>,
    /// The nodes that list each program, in site order.
    pub program_parents: Vec<Vec<usize>>,
    pub node_related: Vec<Vec<PageRef>>,
    pub program_related: Vec<Vec<PageRef>>,
    /// Files that exist but failed to load (sorted), so references to them are not errors.
    pub unreadable: Vec<String>,
    /// For each page, the pages that link to it, sorted and without repeats.
    pub backlinks: BTreeMap<PageRef, Vec<(PageRef, LinkKind)>>,
    /// The files beside the pages that published texts link to (content paths, sorted):
    /// written at the same path in the output.
    pub files: Vec<String>,
}

impl Graph {
    pub fn resolve(&self, target: &str) -> Option<PageRef> {
        self.by_path.get(target).copied()
    }

    /// The chain of ancestors of a node, root first (not including the node).
    pub fn ancestors(&self, node: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.parent[node];
        while let Some(p) = cur {
            if out.contains(&p) {
                break;
            }
            out.push(p);
            cur = self.parent[p];
        }
        out.reverse();
        out
    }

    /// Whether listing `l` is 【再掲】 in year `y`'s part of the sheet: as the content marks
    /// it (`reprint_in` naming the years), or, for a program marked nowhere, when more
    /// than one node lists the program in year `y` (a listing for other years does not
    /// count: listed once a year, it is never 再掲).
    pub fn relisted(&self, l: &Listing, y: FiscalYear) -> bool {
        match &l.reprint_in {
            Some(years) => years.contains(&y),
            None => l
                .reprint
                .unwrap_or_else(|| self.listed_in(l.program, y) > 1),
        }
    }

    /// How many nodes list program `p` in year `y`.
    pub fn listed_in(&self, p: usize, y: FiscalYear) -> usize {
        self.program_parents[p]
            .iter()
            .filter(|&&n| {
                self.node_programs[n]
                    .iter()
                    .any(|l| l.program == p && l.in_year(y))
            })
            .count()
    }

    /// A node and every node below it.
    pub fn subtree(&self, node: usize) -> Vec<usize> {
        let mut out = vec![node];
        let mut i = 0;
        while i < out.len() {
            out.extend(self.children[out[i]].iter().copied());
            i += 1;
        }
        out
    }
}

/// Every link between pages, one page after another: the graph the pages show and every
/// broken reference as a diagnostic, in the order of the pages and their fields.
pub fn link(site: &Site, diags: &mut Diagnostics) -> Graph {
    let mut g = index_pages(site);
    check_clashes(site, diags);
    place_nodes(site, &mut g);
    let mut back: Vec<Backlink> = Vec::new();
    for (i, n) in site.nodes.iter().enumerate() {
        if site.only_listed(i) {
            warn_unshown(site, n, diags);
        }
        list_programs(&mut g, (i, n), &site.programs, &mut back, diags);
        let related = link_texts(
            &g,
            PageRef::Node(i),
            &n.related,
            n.texts(),
            &mut back,
            diags,
        );
        g.node_related.push(related);
    }
    follow_reprint_marks(&mut g);
    for (i, p) in site.programs.iter().enumerate() {
        let from = PageRef::Program(i);
        let related = link_texts(&g, from, &p.related, p.texts(), &mut back, diags);
        g.program_related.push(related);
        // A site of programs only (no [[plans]]) has nothing to list its programs in.
        let listable = !site.config.plans.is_empty() && !site.a_plan_file_failed();
        if g.program_parents[i].is_empty() && listable {
            let message = if site.listed_by_drafts.binary_search(&p.path).is_ok() {
                Message::new(
                    "この事業を載せている計画のファイルは下書き（draft = true）なので、この事業は公開されるどのページの一覧にも載りません（そのファイルを公開するか、この事業にも draft = true と書いてください）",
                    "only a draft (draft = true) lists this program, so no published page lists it (publish that page, or mark this program draft = true too)",
                )
            } else {
                Message::new(
                    "この事業はどの施策にも掲載されていません（施策の programs か groups に書いてください）",
                    "no node lists this program (add it to a policy's programs or groups)",
                )
            };
            diags.push(Diagnostic::warning(message).in_file(&p.file));
        }
    }
    if let Some(page) = &site.accessibility {
        // Checked for missing targets; a back-link from this page would say little.
        mentions(&g, &page.body, diags);
    }
    g.backlinks = backlinks(back);
    let links = (site.nodes.iter().flat_map(|n| n.linked_files()))
        .chain(site.programs.iter().flat_map(|p| p.linked_files()))
        .chain(
            site.accessibility
                .iter()
                .flat_map(|a| a.body.files.iter().map(|f| (&a.body.file, f))),
        )
        .chain(site.config.favicon.iter().map(|(file, f)| (file, f)));
    g.files = attachments::published(site, links, diags);
    g
}

/// One link for the back-links lists: (to, from, why).
type Backlink = (PageRef, PageRef, LinkKind);

/// A graph that knows every page by its content path, with room for each node's and
/// program's relations.
fn index_pages(site: &Site) -> Graph {
    let mut by_path = HashMap::with_capacity(site.nodes.len() + site.programs.len());
    for (i, n) in site.nodes.iter().enumerate() {
        by_path.insert(n.path.clone(), PageRef::Node(i));
    }
    for (i, p) in site.programs.iter().enumerate() {
        by_path.insert(p.path.clone(), PageRef::Program(i));
    }
    let n_nodes = site.nodes.len();
    Graph {
        unreadable: site.unreadable.clone(),
        by_path,
        parent: vec![None; n_nodes],
        children: vec![Vec::new(); n_nodes],
        node_programs: vec![Vec::new(); n_nodes],
        program_parents: vec![Vec::new(); site.programs.len()],
        roots: vec![None; site.config.plans.len()],
        ..Graph::default()
    }
}

/// The plan trees: each node under the node its folder belongs to (a plan's top node is
/// its root), children in display order.
fn place_nodes(site: &Site, g: &mut Graph) {
    for (i, n) in site.nodes.iter().enumerate() {
        let Some(parent) = crate::model::parent_path(&n.path) else {
            g.roots[n.plan] = Some(i);
            continue;
        };
        if let Some(PageRef::Node(p)) = g.resolve(&parent) {
            g.parent[i] = Some(p);
            g.children[p].push(i);
        }
    }
    for kids in &mut g.children {
        // Weight, code, title: the content's order, never the file name.
        kids.sort_by(|&a, &b| crate::model::order::nodes(&site.nodes[a], &site.nodes[b]));
    }
}

/// The programs node `i` lists, on their own and in its groups: each must be a program,
/// listed once.
fn list_programs(
    g: &mut Graph,
    (i, n): (usize, &Node),
    programs: &[Arc<Program>],
    back: &mut Vec<Backlink>,
    diags: &mut Diagnostics,
) {
    for (group, listed) in n.listings() {
        let r = &listed.program;
        let p = match resolve_ref(g, r, diags) {
            Some(PageRef::Program(p)) => p,
            Some(PageRef::Node(_)) => {
                diags.push(
                    Diagnostic::error(Message::new(
                        format!("「{}」は事業（programs/ の下）ではありません", r.target),
                        format!("\"{}\" is not a program (under programs/)", r.target),
                    ))
                    .at(&r.file, r.span.clone())
                    .field(r.field.clone()),
                );
                continue;
            }
            None => continue,
        };
        if g.node_programs[i].iter().any(|l| l.program == p) {
            diags.push(
                Diagnostic::error(Message::new(
                    "同じ事業が一つの施策に2回書かれています",
                    "the same program is listed twice under one node",
                ))
                .at(&r.file, r.span.clone())
                .field(r.field.clone()),
            );
            continue;
        }
        warn_years_without_data(listed, &programs[p], diags);
        g.node_programs[i].push(listing(group, p, listed));
        g.program_parents[p].push(i);
        back.push((PageRef::Program(p), PageRef::Node(i), LinkKind::Lists));
    }
}

/// A node its parent's sheet only lists (`listed`) has no page: what it holds beyond
/// what a list can show (its code, title, texts, items and grades) would be published
/// nowhere.
fn warn_unshown(site: &Site, n: &Node, diags: &mut Diagnostics) {
    let mut held: Vec<&str> = Vec::new();
    let mut hold = |has: bool, key: &'static str| {
        if has {
            held.push(key);
        }
    };
    hold(!n.kpis.is_empty(), "kpis");
    // A year's texts, items and grade may be columns of the parent's list (上田市's 取組:
    // 期限・数値目標等 and 進捗状況 of the year); a year's table cells never are.
    let cells =
        (n.evaluations.values()).any(|e| !e.sheet.cells.is_empty() || !e.sheet.entries.is_empty());
    hold(cells, "evaluations");
    hold(!n.programs.is_empty() || !n.groups.is_empty(), "programs");
    hold(
        !n.related.is_empty() || !n.related_outside.is_empty(),
        "related",
    );
    hold(!n.body.text.trim().is_empty(), "body");
    if held.is_empty() {
        return;
    }
    let level = site.level_name(n);
    let held = held.join(", ");
    diags.push(
        Diagnostic::warning(Message::new(
            format!(
                "「{level}」は site.toml の listed でシートが一覧に載せるだけの階層です（ページがありません）。このファイルの {held} はどのページにも出ません。listed から外すか、上の階層のファイルに書いてください"
            ),
            format!(
                "\"{level}\" is a level the sheet only lists (`listed` in site.toml: no page of its own), so this file's {held} is shown on no page; take the level out of `listed`, or write it in the node above"
            ),
        ))
        .in_file(&n.file),
    );
}

/// A warning at each year of a listing's `years` for which the program has no
/// `[years.<year>]` at all: listed for that year, it adds nothing to it, which otherwise
/// shows only as a 計 that does not match.
fn warn_years_without_data(listed: &Listed, program: &Program, diags: &mut Diagnostics) {
    let mut warned: Vec<FiscalYear> = Vec::new();
    for (year, written) in &listed.years_written {
        if program.years.contains_key(year) || warned.contains(year) {
            continue;
        }
        warned.push(*year);
        let (title, target, key) = (&program.title, &listed.program.target, &written.value);
        diags.push(
            Diagnostic::warning(Message::new(
                format!(
                    "「{title}」（@/{target}）には{}の [years.{key}] がありません。この掲載はその年度に数えられますが、金額も内容も加わりません。years を見直すか、事業に [years.{key}] を書いてください",
                    year.display(YearStyle::Era)
                ),
                format!(
                    "\"{title}\" (@/{target}) has no [years.{key}] for FY{} ({}): listed for that year, it adds nothing to it; check `years`, or write [years.{key}] in the program",
                    year.western(),
                    year.short()
                ),
            ))
            .at(&listed.program.file, written.span.clone())
            .field(listed.years_field.clone()),
        );
    }
}

fn listing(group: Option<usize>, program: usize, l: &Listed) -> Listing {
    Listing {
        group,
        program,
        years: l.years.clone(),
        // A first listing elsewhere makes this one a re-listing.
        reprint: l.reprint.or(l.first.is_some().then_some(true)),
        reprint_in: l.reprint_in.clone(),
        first: l.first.clone(),
    }
}

/// Where any listing of a program marks 【再掲】, the marks follow the content: every
/// other listing of it is in full.
fn follow_reprint_marks(g: &mut Graph) {
    for (p, parents) in g.program_parents.iter().enumerate() {
        let of_p = |l: &&mut Listing| l.program == p;
        let marked = parents.iter().any(|&n| {
            g.node_programs[n]
                .iter()
                .any(|l| l.program == p && l.reprint.is_some())
        });
        if !marked {
            continue;
        }
        for &n in parents {
            for l in g.node_programs[n].iter_mut().filter(of_p) {
                l.reprint = Some(l.reprint.unwrap_or(false));
            }
        }
    }
}

/// A page's `related` pages (returned) and the pages its texts link to, each noted for
/// the back-links.
fn link_texts<'a>(
    g: &Graph,
    from: PageRef,
    related: &[Ref],
    texts: impl Iterator<Item = &'a Markdown>,
    back: &mut Vec<Backlink>,
    diags: &mut Diagnostics,
) -> Vec<PageRef> {
    let related = resolve_all(g, related, diags);
    back.extend(related.iter().map(|&to| (to, from, LinkKind::Related)));
    for md in texts {
        for to in mentions(g, md, diags) {
            back.push((to, from, LinkKind::Mentions));
        }
    }
    related
}

/// The back-links of each page: sorted, without repeats, and never a page to itself.
fn backlinks(mut back: Vec<Backlink>) -> BTreeMap<PageRef, Vec<(PageRef, LinkKind)>> {
    back.sort();
    back.dedup();
    let mut out: BTreeMap<PageRef, Vec<(PageRef, LinkKind)>> = BTreeMap::new();
    for (to, from, kind) in back {
        if to != from {
            out.entry(to).or_default().push((from, kind));
        }
    }
    out
}

/// The page a content path is published at, as `pages::url::page_url` maps it
/// (`plan/goal-1.md` and `plan/goal-1/_index.md` → `plan/goal-1/`).
pub fn page_key(path: &str) -> String {
    match path.strip_suffix("_index.md") {
        Some(folder) => folder.to_string(),
        None => format!("{}/", path.strip_suffix(".md").unwrap_or(path)),
    }
}

/// A name as Windows and macOS compare it: letter case and Unicode form ignored (NFC,
/// then lower case). A name already in NFC, as every ASCII name is and
/// unicode-normalization's quick check tells of most others, is not composed again:
/// composing cost ~10,000 instructions a path, 35 M of a 1,000-page build, for names
/// it left as they were.
pub fn fold_name(name: &str) -> String {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if name.is_ascii() {
        name.to_ascii_lowercase()
    } else if is_nfc_quick(name.chars()) == IsNormalized::Yes {
        name.chars().flat_map(char::to_lowercase).collect()
    } else {
        name.nfc().flat_map(char::to_lowercase).collect()
    }
}

/// Two content files that would be written at one URL are an error naming both: the
/// later would silently replace the earlier. Names are compared as Windows and macOS
/// compare them (letter case and Unicode normalisation ignored), where the two pages
/// would land in one file.
fn check_clashes(site: &Site, diags: &mut Diagnostics) {
    let pages = site
        .nodes
        .iter()
        .map(|n| (&n.path, &n.file))
        .chain(site.programs.iter().map(|p| (&p.path, &p.file)));
    let mut seen: HashMap<String, (&String, &crate::diag::FileRef)> =
        HashMap::with_capacity(site.nodes.len() + site.programs.len());
    for (path, file) in pages {
        let url = page_key(path);
        let key = fold_name(&url);
        let Some(&(first, first_file)) = seen.get(&key) else {
            seen.insert(key, (path, file));
            continue;
        };
        diags.push(
            clash(first, path, &page_key(first), &url)
                .in_file(file)
                .related(
                    first_file,
                    0..0,
                    Message::new(
                        "同じ URL になるもう一つのファイル",
                        "the other file at that URL",
                    ),
                ),
        );
    }
}

fn clash(first: &str, second: &str, url: &str, url2: &str) -> Diagnostic {
    let (hint_ja, hint_en) = if url == url2 {
        ("", "")
    } else {
        (
            "（違いは大文字・小文字などだけで、Windows と macOS では同じ名前です）",
            " (they differ only in letter case or Unicode form, which Windows and macOS treat as one name)",
        )
    };
    Diagnostic::error(Message::new(
        format!(
            "content/{first} と content/{second} は同じ URL（{url}）のページになり、片方が失われます{hint_ja}。どちらかの名前を変えてください"
        ),
        format!(
            "content/{first} and content/{second} would be the same page ({url}), and one would be lost{hint_en}; rename one of them"
        ),
    ))
}

/// Whether two sites have the same pages and references, so that one's graph is the
/// other's. A saved file that changes figures or text but no reference keeps the
/// graph. (Linking reports only file-level warnings for a site without errors, so
/// the earlier graph's warnings are the later one's too.)
pub fn same_links(a: &Site, b: &Site) -> bool {
    fn targets(refs: &[Ref]) -> impl Iterator<Item = &str> {
        refs.iter().map(|r| r.target.as_str())
    }
    fn mentioned<'a>(texts: impl Iterator<Item = &'a Markdown>) -> Vec<&'a str> {
        texts
            .flat_map(|md| {
                let files = md.files.iter().map(|f| f.path.as_str());
                md.links.iter().map(|l| l.target.as_str()).chain(files)
            })
            .collect()
    }
    fn listed(a: &[Listed], b: &[Listed]) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| {
                x.program.target == y.program.target
                    && x.years == y.years
                    && x.reprint == y.reprint
                    && x.reprint_in == y.reprint_in
                    && x.first == y.first
            })
    }
    let node = |x: &Node, y: &Node| {
        x.path == y.path
            && x.plan == y.plan
            && x.weight == y.weight
            && listed(&x.programs, &y.programs)
            && x.groups.len() == y.groups.len()
            && x.groups
                .iter()
                .zip(&y.groups)
                .all(|(g, h)| listed(&g.programs, &h.programs))
            && targets(&x.related).eq(targets(&y.related))
            && mentioned(x.texts()) == mentioned(y.texts())
    };
    let program = |x: &Program, y: &Program| {
        x.path == y.path
            && targets(&x.related).eq(targets(&y.related))
            && mentioned(x.texts()) == mentioned(y.texts())
    };
    let page =
        |x: &SitePage, y: &SitePage| x.body.links == y.body.links && x.body.files == y.body.files;
    a.unreadable == b.unreadable
        && a.attachments == b.attachments
        && a.nodes.len() == b.nodes.len()
        && a.programs.len() == b.programs.len()
        && a.nodes
            .iter()
            .zip(&b.nodes)
            .all(|(x, y)| Arc::ptr_eq(x, y) || node(x, y))
        && a.programs
            .iter()
            .zip(&b.programs)
            .all(|(x, y)| Arc::ptr_eq(x, y) || program(x, y))
        && match (&a.accessibility, &b.accessibility) {
            (None, None) => true,
            (Some(x), Some(y)) => page(x, y),
            _ => false,
        }
}

fn resolve_all(g: &Graph, refs: &[Ref], diags: &mut Diagnostics) -> Vec<PageRef> {
    refs.iter()
        .filter_map(|r| resolve_ref(g, r, diags))
        .collect()
}

fn resolve_ref(g: &Graph, r: &Ref, diags: &mut Diagnostics) -> Option<PageRef> {
    if let Some(p) = g.resolve(&r.target) {
        return Some(p);
    }
    if g.unreadable.binary_search(&r.target).is_ok() {
        return None;
    }
    diags.push(
        missing_target(g, &r.target)
            .at(&r.file, r.span.clone())
            .field(r.field.clone()),
    );
    None
}

fn missing_target(g: &Graph, target: &str) -> Diagnostic {
    let apart = g
        .by_path
        .keys()
        .filter(|p| crate::diag::composed_apart(p, target))
        .min();
    let hint = apart
        .map(String::as_str)
        .or_else(|| did_you_mean(target, g.by_path.keys().map(String::as_str)));
    let (ja, en) = match hint {
        Some(h) if apart.is_some() => crate::diag::composed_apart_hint(&format!("@/{h}")),
        Some(h) => (
            format!("「@/{h}」の書き間違いではありませんか？"),
            format!(" Did you mean @/{h}?"),
        ),
        None => (String::new(), String::new()),
    };
    Diagnostic::error(Message::new(
        format!("参照先「@/{target}」のファイルがありません。{ja}"),
        format!("no page at @/{target}: the reference points to a file that does not exist.{en}"),
    ))
}

/// The pages a Markdown text links to with `@/…`, reporting links to missing pages.
fn mentions(g: &Graph, md: &Markdown, diags: &mut Diagnostics) -> Vec<PageRef> {
    let mut out = Vec::new();
    for link in &md.links {
        match g.resolve(&link.target) {
            Some(p) => out.push(p),
            None if g.unreadable.binary_search(&link.target).is_ok() => {}
            None => diags.push(missing_target(g, &link.target).at(&md.file, link.span.clone())),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold_name;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn names_fold_as_composed_then_lower_case_whichever_way_they_are_written() {
        // ASCII, composed kana, decomposed kana (か + ゛), a decomposed Latin letter, the
        // Kelvin sign (NFC makes it K), full-width letters (left as they are).
        for name in [
            "Senryaku/Goal-1/",
            "総合戦略/ガイド/",
            "総合戦略/カ\u{3099}イト\u{3099}/",
            "A\u{308}rger/",
            "\u{212a}elvin/",
            "ＡＢＣ/",
            "",
        ] {
            let composed: String = name.nfc().flat_map(char::to_lowercase).collect();
            assert_eq!(fold_name(name), composed, "{name:?}");
        }
        assert_eq!(
            fold_name("総合戦略/カ\u{3099}イト\u{3099}/"),
            fold_name("総合戦略/ガイド/")
        );
        assert_eq!(fold_name("Plan/Goal-1/"), "plan/goal-1/");
    }
}
