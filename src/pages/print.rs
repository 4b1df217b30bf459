//! The print view: a whole plan as one document (`senryaku/print/`), laid out in the order
//! of the printed sheet — each goal, then each of its policies, depth first — with every
//! KPI and, under each policy, its programs in their ◆ groups, each program in full for
//! the year the sheet reports ([`crate::pages::view::printed_year`]: the report year, or the last
//! year before it that the program reported); its other years are on its own page.
//!
//! It reuses the node and program view models, placed deeper (`Placement`): nodes are `h2`
//! sections whose parts sit one heading level lower than on their own pages, programs `h5`,
//! and every id carries the part's place (`s3-`, `s3-p2-`), so the parts never clash.
//!
//! A node or program whose form is the site's own (forms.toml) is drawn section by
//! section in its form's order ([`crate::pages::sections`], as on its page), and a node's
//! programs are numbered only where its form's `programs` section says `numbered`.
//!
//! There is one layout: the pages' forms. A city whose sheet is a 実施計画 review (北斗市:
//! the report year's results table, then the plan ahead, each with its printed 計)
//! declares that sheet as its node form (forms.toml), and the print view draws it as the
//! node's page does; kensho never chooses a layout from the data.

use serde::Serialize;

use crate::diag::{Diagnostic, Diagnostics, Message};
use crate::link::PageRef;
use crate::model::Site;
use crate::model::form::Section as FormSection;
use crate::pages::view::{GroupView, Link, NodeView, OutsideView, Placement, ProgramView, Views};

/// The folder of the print view under a plan's root page.
pub const FOLDER: &str = "print/";

#[derive(Serialize)]
pub struct PrintView<'a> {
    pub plan: Link,
    /// The plan's own sheet's title (its form's `sheet_title`), printed over the plan's
    /// title as on its page (松戸市's 「H30.10.3 … 資料4」).
    pub sheet_title: Option<&'a str>,
    /// The plan's root is drawn by the site's own form: the document is the city's sheet,
    /// printed without the site's header (as a sheet's page is).
    pub sheet: bool,
    /// The plan's own sheet is printed on A4 turned sideways (its form's `paper`): the
    /// document's paper, which a node or program on other paper changes for its pages.
    pub landscape: bool,
    /// The plan's head as its own sheet's form prints it (`head`: 長崎市's
    /// 「基本施策D3 良好な生活環境を確保します」), as on its page; empty for kensho's way.
    pub head: Vec<crate::pages::codes::HeadPiece>,
    /// Its form prints no head line (`head = ""`): the title heard, not seen, as on its page.
    pub head_hidden: bool,
    /// Whether programs are printed with kensho's built-in form: each with its reported
    /// year alone (the hint says so); a site's own form prints the sheet's years.
    pub builtin_programs: bool,
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
    /// A draft (shown only with --drafts: serve, build).
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
    /// Its programs printed in full, each where it is first listed in the document.
    pub groups: Vec<Group<'a>>,
    /// Whether kensho's heading (`print.programs`) stands over them; their headings are a
    /// level deeper where it does (decided here, so the template's headings and the
    /// programs' parts' levels agree).
    pub programs_headed: bool,
}

#[derive(Serialize)]
pub struct Group<'a> {
    pub title: Option<&'a str>,
    pub programs: Vec<PrintProgram<'a>>,
}

#[derive(Serialize)]
pub struct PrintProgram<'a> {
    /// Its number under the policy (1, 2, … across the groups, as on the sheet), where
    /// the node's form numbers its programs.
    pub number: Option<usize>,
    pub anchor: String,
    pub link: Link,
    pub relisted: bool,
    /// The flags the sheet prints for it, as written (【新規】 …).
    pub flags: Vec<&'a str>,
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
    pub number: Option<usize>,
}

/// The print view's URL (relative to the site root) for a plan, when the plan has a root.
pub fn url(v: &Views, plan: usize) -> Option<String> {
    let root = (*v.graph.roots.get(plan)?)?;
    Some(format!("{}{FOLDER}", v.page_url(PageRef::Node(root))))
}

/// The nodes below `root`, depth first in display order: the order of the printed sheet.
/// A node of a level the sheet only lists (`listed` in site.toml) is no sheet of its own:
/// it is a row of its parent's list, and neither it nor anything below it is printed. A
/// node whose form says `print = false` is left out, what is below it kept.
pub fn sheet_order(v: &Views, root: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut seen = vec![false; v.site.nodes.len()];
    let mut stack = vec![(root, 0)];
    while let Some((n, depth)) = stack.pop() {
        if std::mem::replace(&mut seen[n], true) || (depth > 0 && v.site.only_listed(n)) {
            continue;
        }
        // A level whose form says `print = false` is no sheet: what is below it is.
        let node = &v.site.nodes[n];
        let forms = &v.site.config.forms;
        let year = v.site.config.report_year;
        let printed = (forms.node(node.plan, node.depth, year)).is_none_or(|f| f.printed);
        // A node its parent's sheet draws with its own form (`children` with `sheets =
        // true`) is printed there, not again as a sheet of its own.
        let in_parent = v.graph.parent[n].is_some_and(|p| {
            let parent = &v.site.nodes[p];
            (forms.node(parent.plan, parent.depth, year)).is_some_and(|f| {
                !f.builtin
                    && f.sections
                        .iter()
                        .any(crate::model::form::Section::draws_children)
            })
        });
        if depth == 0 || (printed && !in_parent) {
            out.push((n, depth));
        }
        stack.extend(v.graph.children[n].iter().rev().map(|&c| (c, depth + 1)));
    }
    out
}

/// The print view of plan `plan` (whose root node is `root`), for a page at its URL.
pub fn view<'a>(v: &Views<'a>, root: usize) -> PrintView<'a> {
    view_of(v, root, sheet_order(v, root))
}

/// The print view of plan `root`'s sections `order` (all of them, or a split print
/// view's part: `split::print_order`).
pub fn view_of<'a>(v: &Views<'a>, root: usize, order: Vec<(usize, usize)>) -> PrintView<'a> {
    // By program: a plan's print view holds a few of the site's programs.
    let mut printed: std::collections::HashMap<usize, FirstPrinted> = Default::default();
    let mut sections = Vec::with_capacity(order.len());
    let programs_printed = (v.site.config.forms)
        .programs_in(v.site.config.report_year)
        .is_none_or(|f| f.printed);
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
        // Programs whose form says `print = false` are listed in their nodes' own sheets
        // only: no sheet of their own under the node.
        let listed = std::mem::take(&mut node.groups);
        let listed = if programs_printed { listed } else { Vec::new() };
        let mut listed = listed;
        // 関連施策 as the city writes them: the print view holds the whole sheet (a part
        // leaves them out, on the page they follow the node's own parts).
        let n = &v.site.nodes[ni];
        node.related_items = v.related_items(&n.related, &n.related_outside);
        node.related_none = n.related_none.as_deref();
        if let Some(own) = crate::pages::sections::of_node(v, ni, shift) {
            let mut own = crate::pages::sections::prefixed(own, &prefix);
            // Programs drawn as sheets in the node's own (`sheets = true`, also among what
            // it prints over its title or head) are printed there, not again after it.
            if crate::pages::sections::draws_sheets(&own) {
                listed = Vec::new();
            }
            node.above = crate::pages::sections::above(&mut own);
            node.sections = own;
            node.own_form = true;
            // Placed by the form (a `related` section): printed there alone.
            let all = node.above.all();
            if crate::pages::sections::places_related(all.chain(&node.sections)) {
                node.related_items = Vec::new();
                node.related_none = None;
            }
        }
        // kensho's heading over the programs: not under a node of the site's own form (its
        // programs' sheets follow it as the report prints them), nor where it is emptied.
        let headed = !node.own_form && !v.site.config.labels.get("print.programs").is_empty();
        let at = Place {
            node: ni,
            anchor: &anchor,
            shift,
            headed,
        };
        let groups = full_groups(v, listed, at, &link, &mut printed);
        sections.push(Section {
            anchor,
            depth,
            link,
            node,
            groups,
            programs_headed: headed,
        });
    }
    let root_form = crate::pages::sections::node_form(v, root);
    PrintView {
        plan: v.link(PageRef::Node(root)),
        sheet_title: root_form.and_then(|f| f.sheet_title.as_deref()),
        sheet: root_form.is_some(),
        landscape: root_form.is_some_and(|f| f.landscape),
        head: v.node_head(root, root_form),
        head_hidden: crate::pages::codes::head_hidden(root_form),
        builtin_programs: (v.site.config.forms)
            .programs_in(v.site.config.report_year)
            .is_none_or(|f| f.builtin),
        // The root is the document itself: the contents list what is below it.
        toc: toc(&sections, 1, &mut 1),
        sections,
    }
}

/// Whether node `ni`'s form numbers its programs (`numbered = true` on its `programs`
/// section). kensho's built-in node form does on a site of kensho's built-in forms; a
/// site that declares its sheets (forms.toml) numbers only where its own forms say so.
fn numbers_programs(site: &Site, ni: usize) -> bool {
    let n = &site.nodes[ni];
    let forms = &site.config.forms;
    (forms.node(n.plan, n.depth, site.config.report_year)).is_some_and(|f| {
        !(f.builtin && forms.declared)
            && (f.sections.iter())
                .any(|s| matches!(s, FormSection::Programs { numbered: true, .. }))
    })
}

/// Program `pi` printed in full at `anchor`, under a section at `shift`: its own form's
/// sections where the site declares one (as its page draws them), else the built-in parts.
fn program_in_full<'a>(v: &Views<'a>, pi: usize, anchor: &str, shift: u8) -> ProgramView<'a> {
    let prefix = format!("{anchor}-");
    let mut program = v.program_placed(
        pi,
        Placement {
            shift,
            prefix: &prefix,
        },
    );
    if let Some(own) = crate::pages::sections::of_program(v, pi, shift) {
        let mut own = crate::pages::sections::prefixed(own, &prefix);
        program.above = crate::pages::sections::above(&mut own);
        program.sections = own;
        program.own_form = true;
    }
    program
}

/// A node's programs printed in full, each where it is first listed in the document and
/// referred to there after (`printed`); numbered only where the node's form numbers them.
fn full_groups<'a>(
    v: &Views<'a>,
    listed: Vec<GroupView<'a>>,
    at: Place,
    link: &Link,
    printed: &mut std::collections::HashMap<usize, FirstPrinted>,
) -> Vec<Group<'a>> {
    let numbered = numbers_programs(v.site, at.node);
    let prints_flags =
        crate::pages::sections::program_form(v).is_some_and(crate::model::form::Form::prints_flags);
    // A program's heading stands under the node's parts' level, one further under
    // kensho's heading over the programs where there is one (`at.headed`) and one further
    // under its group's title; its parts a level under it (print.html).
    let mut number = 0;
    listed
        .into_iter()
        .map(|g| Group {
            programs: {
                let titled = g.title.is_some_and(|t| !t.is_empty());
                let shift = at.shift + 1 + u8::from(at.headed) + u8::from(titled);
                g.programs
                    .into_iter()
                    .map(|row| {
                        number += 1;
                        let anchor = format!("{}-p{number}", at.anchor);
                        let first = printed.get(&row.index).cloned();
                        let program = row
                            .in_full(first.is_some())
                            .then(|| program_in_full(v, row.index, &anchor, shift));
                        let number = numbered.then_some(number);
                        // A sheet whose form prints the flags in a cell (川崎市's 重点 beside its
                        // 達成度) has them there, not again over its head.
                        let flags = match program.is_some() && prints_flags {
                            true => Vec::new(),
                            false => row.flags,
                        };
                        if first.is_none() && program.is_some() {
                            printed.insert(
                                row.index,
                                FirstPrinted {
                                    anchor: anchor.clone(),
                                    node: link.clone(),
                                    number,
                                },
                            );
                        }
                        PrintProgram {
                            number,
                            anchor,
                            link: row.link,
                            flags,
                            relisted: row.relisted,
                            program,
                            first,
                            first_outside: row.first,
                        }
                    })
                    .collect()
            },
            title: g.title,
        })
        .collect()
}

/// Where a node's programs go: the node, its section's id and its heading shift.
#[derive(Clone, Copy)]
struct Place<'p> {
    node: usize,
    anchor: &'p str,
    shift: u8,
    /// Whether kensho's heading stands over the programs (`print.programs`):
    /// [`Section::programs_headed`].
    headed: bool,
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
