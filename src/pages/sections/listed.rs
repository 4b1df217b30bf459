//! Pages drawn with their own form inside another page's sheet (`sheets = true` on a
//! `programs` or `children` section: 川崎市's 施策進行管理・評価表 prints each 事務事業's
//! sheet, its grades and its table of years, under 「<配下の事務事業所一覧>」; 北九州市's
//! 基本目標 prints each 施策 with its 事業 table): each as its own page draws it, its heading
//! (or, where its head is not printed, its title item) linking to its page.

use serde::Serialize;

use super::{
    Above, SectionView, above, node_form, node_sections, prefixed, program_form, program_sections,
};
use crate::link::PageRef;
use crate::pages::view::{KpiView, Link, Placement, Views};

/// One listed page's sheet.
#[derive(Serialize)]
pub struct ListedSheet<'a> {
    /// Its heading's id; its sections' ids start with it.
    pub id: String,
    pub link: Link,
    pub code: Option<&'a str>,
    pub title: &'a str,
    /// Its head as its form prints it (`head`), empty for kensho's way; `head_hidden`:
    /// its form prints none (`head = ""`), the heading heard, not seen.
    pub head: Vec<crate::pages::codes::HeadPiece>,
    pub head_hidden: bool,
    pub sheet_title: Option<&'a str>,
    /// The flags printed after its head: none where its form prints them in a cell.
    pub flags: &'a [String],
    pub above_title: Vec<SectionView<'a>>,
    pub above_head: Vec<SectionView<'a>>,
    pub sections: Vec<SectionView<'a>>,
    /// A node's KPIs, where its form draws them as blocks (`kpis`).
    pub kpis: Vec<KpiView<'a>>,
}

/// Node `ni`'s programs, each once, in the order listed, drawn with the programs' form
/// (none where the site declares no program form: the reader refuses `sheets` there).
pub(super) fn of_node<'a>(v: &Views<'a>, ni: usize, shift: u8) -> Vec<ListedSheet<'a>> {
    let form = program_form(v);
    let mut seen: Vec<usize> = Vec::new();
    let mut sheets = Vec::new();
    for l in &v.graph.node_programs[ni] {
        if seen.contains(&l.program) {
            continue;
        }
        seen.push(l.program);
        let pi = l.program;
        let p = &v.site.programs[pi];
        let link = v.link(PageRef::Program(pi));
        let Some(mut sections) = program_sections(v, pi, shift, Some(&link)) else {
            continue;
        };
        let Above { title, head } = above(&mut sections);
        sheets.push(ListedSheet {
            id: String::new(),
            code: p.code.as_deref(),
            title: &p.title,
            head: v.program_head(pi, form),
            head_hidden: crate::pages::codes::head_hidden(form),
            sheet_title: form.and_then(|f| f.sheet_title.as_deref()),
            flags: crate::pages::view::head_flags(&p.flags, form),
            link,
            above_title: title,
            above_head: head,
            sections,
            kpis: Vec::new(),
        });
    }
    sheets
}

/// Node `ni`'s children, in order, each drawn with its level's form (none where its
/// level has no form of the site's own: the reader refuses `sheets` there).
pub(super) fn children_of<'a>(v: &Views<'a>, ni: usize, shift: u8) -> Vec<ListedSheet<'a>> {
    let mut sheets = Vec::new();
    for &ci in &v.graph.children[ni] {
        let n = &v.site.nodes[ci];
        let form = node_form(v, ci);
        let link = v.link(PageRef::Node(ci));
        let Some(mut sections) = node_sections(v, ci, shift, Some(&link)) else {
            continue;
        };
        let Above { title, head } = above(&mut sections);
        sheets.push(ListedSheet {
            id: String::new(),
            code: n.code.as_deref(),
            title: &n.title,
            head: v.node_head(ci, form),
            head_hidden: crate::pages::codes::head_hidden(form),
            sheet_title: form.and_then(|f| f.sheet_title.as_deref()),
            flags: crate::pages::view::head_flags(&n.flags, form),
            link,
            above_title: title,
            above_head: head,
            sections,
            kpis: (0..n.kpis.len())
                .map(|k| v.charted_kpi(ci, k, Placement::default()))
                .collect(),
        });
    }
    sheets
}

/// Each sheet's heading id under `id` (its list's section) and its sections' ids under
/// its heading's, so that two programs' sheets on one page share none.
pub(super) fn place(sheets: &mut [ListedSheet], id: &str) {
    for (n, s) in sheets.iter_mut().enumerate() {
        s.id = format!("{id}-s{}", n + 1);
        let prefix = format!("{}-", s.id);
        for list in [&mut s.above_title, &mut s.above_head, &mut s.sections] {
            *list = prefixed(std::mem::take(list), &prefix);
        }
    }
}
