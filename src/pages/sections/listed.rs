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
    /// What its form prints over its title and its head, and beside them.
    pub above: Above<'a>,
    pub sections: Vec<SectionView<'a>>,
    /// A node's KPIs, where its form draws them as blocks (`kpis`).
    pub kpis: Vec<KpiView<'a>>,
}

impl<'a> ListedSheet<'a> {
    /// A page's sheet: its code, title and head as its form prints them, its flags, its
    /// link, and its sections (those over its title and head taken out of them).
    fn new(
        (code, title, head): (
            Option<&'a str>,
            &'a str,
            Vec<crate::pages::codes::HeadPiece>,
        ),
        form: Option<&'a crate::model::form::Form>,
        flags: &'a [String],
        link: Link,
        mut sections: Vec<SectionView<'a>>,
        kpis: Vec<KpiView<'a>>,
    ) -> Self {
        let above = above(&mut sections);
        ListedSheet {
            id: String::new(),
            code,
            title,
            head,
            head_hidden: crate::pages::codes::head_hidden(form),
            sheet_title: form.and_then(|f| f.sheet_title.as_deref()),
            flags: crate::pages::view::head_flags(flags, form),
            link,
            above,
            sections,
            kpis,
        }
    }
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
        let Some(sections) = program_sections(v, pi, shift, Some(&link)) else {
            continue;
        };
        let names = (
            p.code.as_deref(),
            p.title.as_str(),
            v.program_head(pi, form),
        );
        sheets.push(ListedSheet::new(
            names,
            form,
            &p.flags,
            link,
            sections,
            Vec::new(),
        ));
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
        let Some(sections) = node_sections(v, ci, shift, Some(&link)) else {
            continue;
        };
        let kpis = (0..n.kpis.len())
            .map(|k| v.charted_kpi(ci, k, Placement::default()))
            .collect();
        let names = (n.code.as_deref(), n.title.as_str(), v.node_head(ci, form));
        sheets.push(ListedSheet::new(
            names, form, &n.flags, link, sections, kpis,
        ));
    }
    sheets
}

/// Each sheet's heading id under `id` (its list's section) and its sections' ids under
/// its heading's, so that two programs' sheets on one page share none.
pub(super) fn place(sheets: &mut [ListedSheet], id: &str) {
    for (n, s) in sheets.iter_mut().enumerate() {
        s.id = format!("{id}-s{}", n + 1);
        let prefix = format!("{}-", s.id);
        s.above = std::mem::take(&mut s.above).prefixed(&prefix);
        s.sections = prefixed(std::mem::take(&mut s.sections), &prefix);
    }
}
