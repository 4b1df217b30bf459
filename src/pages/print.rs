//! The print view: a whole plan as one document (`senryaku/print/`), laid out in the order
//! of the printed sheet — each goal, then each of its policies, depth first — with every
//! KPI and, under each policy, its programs in their ◆ groups, each program in full for
//! the year the sheet reports ([`crate::pages::view::printed_year`]: the report year, or the last
//! year before it that the program reported); its other years are on its own page.
//!
//! It reuses the node and program view models, placed deeper (`Placement`): nodes are `h2`
//! sections whose parts sit one heading level lower than on their own pages, programs `h5`,
//! and every id carries the part's place (`s3-`, `s3-p2-`), so the parts never clash.

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, Message};
use crate::link::PageRef;
use crate::pages::view::{Link, NodeView, OutsideView, Placement, ProgramView, Views};

/// The folder of the print view under a plan's root page.
pub const FOLDER: &str = "print/";

#[derive(Serialize)]
pub struct PrintView<'a> {
    pub plan: Link,
    /// The nodes below the plan's root as nested lists, for the table of contents.
    pub toc: Vec<TocItem<'a>>,
    pub sections: Vec<Section<'a>>,
}

#[derive(Serialize)]
pub struct TocItem<'a> {
    pub anchor: String,
    pub level: String,
    pub code: Option<&'a str>,
    pub title: &'a str,
    /// A draft (shown only by the preview server).
    pub draft: bool,
    pub children: Vec<TocItem<'a>>,
}

/// One node of the plan, in sheet order.
#[derive(Serialize)]
pub struct Section<'a> {
    /// Its element id (`s1`, `s2`, …), the prefix of every id inside it.
    pub anchor: String,
    /// 0 for the plan's root, 1 for a goal, …
    pub depth: usize,
    pub link: Link,
    pub node: NodeView<'a>,
    pub groups: Vec<Group<'a>>,
}

#[derive(Serialize)]
pub struct Group<'a> {
    pub title: Option<&'a str>,
    pub programs: Vec<PrintProgram<'a>>,
}

#[derive(Serialize)]
pub struct PrintProgram<'a> {
    /// Its number under the policy (1, 2, … across the groups, as on the sheet).
    pub number: usize,
    pub anchor: String,
    pub link: Link,
    pub new: bool,
    pub relisted: bool,
    /// The program in full, where it is first printed in the document.
    pub program: Option<ProgramView<'a>>,
    /// Where it was first printed, when this is a re-listing (【再掲】).
    pub first: Option<FirstPrinted>,
    /// Where it is first listed outside the site, as the content says.
    pub first_outside: Option<OutsideView<'a>>,
}

#[derive(Serialize, Clone)]
pub struct FirstPrinted {
    pub anchor: String,
    /// The node it was first printed under.
    pub node: Link,
    pub number: usize,
}

/// The print view's URL (relative to the site root) for a plan, when the plan has a root.
pub fn url(v: &Views, plan: usize) -> Option<String> {
    let root = (*v.graph.roots.get(plan)?)?;
    Some(format!("{}{FOLDER}", v.page_url(PageRef::Node(root))))
}

/// The nodes below `root`, depth first in display order: the order of the printed sheet.
pub fn sheet_order(v: &Views, root: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut seen = vec![false; v.site.nodes.len()];
    let mut stack = vec![(root, 0)];
    while let Some((n, depth)) = stack.pop() {
        if std::mem::replace(&mut seen[n], true) {
            continue;
        }
        out.push((n, depth));
        stack.extend(v.graph.children[n].iter().rev().map(|&c| (c, depth + 1)));
    }
    out
}

/// The print view of plan `plan` (whose root node is `root`), for a page at its URL.
pub fn view<'a>(v: &Views<'a>, root: usize) -> PrintView<'a> {
    let order = sheet_order(v, root);
    let mut printed: Vec<Option<FirstPrinted>> = vec![None; v.site.programs.len()];
    let mut sections = Vec::with_capacity(order.len());
    for (i, &(ni, depth)) in order.iter().enumerate() {
        let anchor = format!("s{}", i + 1);
        let prefix = format!("{anchor}-");
        // The root's parts sit under the document's h1, every other node's under its h2.
        let shift = u8::from(depth > 0);
        let mut node = v.node_placed(
            ni,
            Placement {
                shift,
                prefix: &prefix,
            },
        );
        let link = v.link(PageRef::Node(ni));
        let mut number = 0;
        let groups = std::mem::take(&mut node.groups)
            .into_iter()
            .map(|g| Group {
                title: g.title,
                programs: g
                    .programs
                    .into_iter()
                    .map(|row| {
                        number += 1;
                        let anchor = format!("{anchor}-p{number}");
                        let first = printed[row.index].clone();
                        let program = row.in_full(first.is_some()).then(|| {
                            v.program_placed(
                                row.index,
                                Placement {
                                    shift: shift + 3,
                                    prefix: &format!("{anchor}-"),
                                },
                            )
                        });
                        if first.is_none() && program.is_some() {
                            printed[row.index] = Some(FirstPrinted {
                                anchor: anchor.clone(),
                                node: link.clone(),
                                number,
                            });
                        }
                        PrintProgram {
                            number,
                            anchor,
                            link: row.link,
                            new: row.new,
                            relisted: row.relisted,
                            program,
                            first,
                            first_outside: row.first,
                        }
                    })
                    .collect(),
            })
            .collect();
        sections.push(Section {
            anchor,
            depth,
            link,
            node,
            groups,
        });
    }
    PrintView {
        plan: v.link(PageRef::Node(root)),
        // The root is the document itself: the contents list what is below it.
        toc: toc(&sections, 1, &mut 1),
        sections,
    }
}

/// The sections from `*i` on that sit at `depth`, with those below each nested in it.
fn toc<'a>(sections: &[Section<'a>], depth: usize, i: &mut usize) -> Vec<TocItem<'a>> {
    let mut out = Vec::new();
    while let Some(s) = sections.get(*i) {
        if s.depth < depth {
            break;
        }
        *i += 1;
        out.push(TocItem {
            anchor: s.anchor.clone(),
            level: s.node.level.clone(),
            code: s.node.code,
            title: s.node.title,
            draft: s.node.draft,
            children: toc(sections, s.depth + 1, i),
        });
    }
    out
}

/// A content page at a print view's URL would be overwritten by it: an error naming the
/// file. Returns whether every print view has its URL to itself.
pub fn check_urls(v: &Views, diags: &mut Diagnostics) -> bool {
    let mut ok = true;
    for plan in 0..v.site.config.plans.len() {
        let Some(url) = url(v, plan) else { continue };
        // The two content files whose page would be at `…/print/`.
        let file = format!("{}.md", url.trim_end_matches('/'));
        let folder = format!("{url}_index.md");
        for path in [file, folder] {
            if v.graph.resolve(&path).is_none() {
                continue;
            }
            ok = false;
            diags.push(Diagnostic::error(Message::new(
                format!(
                    "content/{path} のページ（{url}）は計画全体の印刷用ページと同じ場所になります。ファイル名を変えてください"
                ),
                format!(
                    "content/{path} would be written at {url}, where the plan's print view goes; rename the file"
                ),
            )));
        }
    }
    ok
}
