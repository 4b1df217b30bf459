//! What the Hugo and Zola sites of `gen_corpus` share: each page's fields as TOML front
//! matter and its text as Markdown, so that both peers get the same pages to render.
//!
//! The two differ only in where a page's own fields go (Hugo: the top level; Zola: under
//! `[extra]`, which `table` names) and how a template looks a page up (`page` turns a
//! content path, `senryaku-001/goal-1/policy-2.md`, into the peer's own lookup key).

use std::fmt::Write as _;

use crate::{Node, Program, Site, list, quote, tenths};

/// Departments, related pages, the ◆ groups of programs and one table per KPI.
pub fn node_fields(
    s: &mut String,
    node: &Node,
    site: &Site,
    table: &str,
    page: fn(&str) -> String,
) {
    if !node.departments.is_empty() {
        let _ = writeln!(s, "departments = {}", list(&node.departments));
    }
    let related: Vec<String> = node
        .related
        .iter()
        .map(|r| page(r.trim_start_matches("@/")))
        .collect();
    if !related.is_empty() {
        let _ = writeln!(s, "related_pages = {}", list(&related));
    }
    let mut groups = node.groups.clone();
    if !node.programs.is_empty() {
        groups.push(("その他の事業".to_string(), node.programs.clone()));
    }
    for (title, programs) in &groups {
        let pages: Vec<String> = programs
            .iter()
            .map(|&p| page(&site.programs[p].path))
            .collect();
        let _ = write!(
            s,
            "\n[[{table}groups]]\ntitle = {}\npages = {}\n",
            quote(title),
            list(&pages)
        );
    }
    for (i, k) in node.kpis.iter().enumerate() {
        let (years, values, target, grade): (Vec<String>, Vec<String>, String, String) =
            match &k.qualitative {
                Some((state, states)) => (
                    states.iter().map(|(y, _)| y.clone()).collect(),
                    states.iter().map(|(_, t)| t.clone()).collect(),
                    state.clone(),
                    String::new(),
                ),
                None => {
                    let cells = k.baseline.iter().chain(k.actual.iter());
                    (
                        cells.clone().map(|(y, _)| y.clone()).collect(),
                        cells.map(|(_, c)| c.shown.clone()).collect(),
                        k.target
                            .as_ref()
                            .map_or_else(String::new, |(_, c)| c.shown.clone()),
                        k.grades.last().map_or_else(String::new, |(_, g)| g.clone()),
                    )
                }
            };
        let _ = write!(
            s,
            "\n[[{table}kpis]]\nid = {}\nname = {}\nunit = {}\nyears = {}\nvalues = {}\ntarget = {}\ngrade = {}\n",
            quote(&k.anchor(i)),
            quote(&k.name),
            quote(&k.unit),
            list(&years),
            list(&values),
            quote(&target),
            quote(&grade)
        );
    }
}

/// A node's text: its intent, each year's evaluation and its body, with `@/` links.
pub fn node_text(node: &Node) -> String {
    let mut body = node.intent.clone();
    for ev in &node.evaluations {
        let _ = write!(body, "\n\n## {}年度の評価", ev.year);
        if let Some(g) = &ev.grade {
            let _ = write!(body, "\n\n達成状況：{g}");
        }
        for (heading, text) in [
            ("総括", &ev.summary),
            ("現状・課題", &ev.issues),
            ("今後の方向性", &ev.outlook),
        ] {
            if let Some(t) = text {
                let _ = write!(body, "\n\n### {heading}\n\n{t}");
            }
        }
    }
    if !node.body.is_empty() {
        let _ = write!(body, "\n\n{}", node.body);
    }
    body
}

/// Departments, the policies that list it, and a table row per year and per indicator.
pub fn program_fields(
    s: &mut String,
    p: &Program,
    site: &Site,
    table: &str,
    page: fn(&str) -> String,
) {
    let _ = writeln!(s, "departments = {}", list(&p.departments));
    let parents: Vec<String> = p
        .parents
        .iter()
        .map(|&n| page(&site.nodes[n].path))
        .collect();
    if !parents.is_empty() {
        let _ = writeln!(s, "parents = {}", list(&parents));
    }
    for y in &p.years {
        let _ = write!(
            s,
            "\n[[{table}years]]\nyear = {}\nstatus = {}\ndirection = {}\nbudget = {}\nsettlement = {}\nstaff = {}\n",
            quote(&y.year),
            quote(y.status.unwrap_or("")),
            quote(y.direction),
            y.budget,
            y.settlement,
            tenths(y.staff)
        );
    }
    for y in &p.years {
        for i in &y.indicators {
            let _ = write!(
                s,
                "\n[[{table}indicators]]\nyear = {}\nname = {}\nunit = {}\nvalue = {}\ntarget = {}\n",
                quote(&y.year),
                quote(&i.name),
                quote(&i.unit),
                i.value,
                i.target
                    .map_or_else(|| "\"\"".to_string(), |t| t.to_string())
            );
        }
    }
}

/// A program's text: its intent, budget line, each year's results and its body.
pub fn program_text(p: &Program) -> String {
    let mut body = format!(
        "{}\n\n予算科目：{}（{}事業）{}",
        p.intent,
        p.account,
        p.funding,
        if p.new { "【新規】" } else { "" }
    );
    for y in &p.years {
        let _ = write!(
            body,
            "\n\n## {}年度の事業実績\n\n{}\n\n### 達成状況の分析・問題点・課題\n\n{}",
            y.year, y.results, y.analysis
        );
    }
    if !p.body.is_empty() {
        let _ = write!(body, "\n\n{}", p.body);
    }
    body
}
