//! Search: the site's text as a character-bigram index the browser reads, with no server.
//!
//! Japanese is written without spaces, so an index of words would miss 観光 inside
//! 観光客 and 産業観光; every character pair is indexed instead, built here from the
//! model (not from HTML) while the site renders: one entry per node page, per program
//! page and per KPI (linking to its anchor on the node page). [`text`] normalises,
//! [`also`] holds the city's other ways of typing its words, [`index`] builds and writes
//! the files and holds the reference query.

pub mod also;
pub mod index;
pub mod text;

use rayon::prelude::*;

use crate::files::OutputFile;
use crate::link::{Graph, PageRef};
use crate::model::form::{CellValue, ItemValue, SheetYear, Written};
use crate::model::{Markdown, Node, Site};
use crate::pages::url::content_url;
use index::{Doc, Index};
use text::{markdown_text, normalize};

/// The label key of a KPI entry's kind.
pub const KPI_KIND: &str = "search.kind_kpi";
/// The label key of a program entry's kind.
pub const PROGRAM_KIND: &str = "search.kind_program";

/// The index files of the site (under `search/`), each handed to `emit` when made.
pub fn write(site: &Site, graph: &Graph, emit: &mut dyn FnMut(OutputFile)) {
    build(site, graph).write(emit);
}

/// The index of the site.
pub fn build(site: &Site, graph: &Graph) -> Index {
    let (docs, kinds) = docs(site, graph);
    Index::build(docs, kinds, also::other_forms(&site.config.search_words))
}

/// Every entry of the site, in site order: nodes, programs, then KPIs (by node); and the
/// kind labels the entries' `kind` indexes (level names, 事務事業, 指標, in that order).
pub fn docs(site: &Site, graph: &Graph) -> (Vec<Doc>, Vec<String>) {
    let nodes = (0..site.nodes.len())
        .into_par_iter()
        .map(|i| node_doc(site, graph, i));
    let programs = (0..site.programs.len())
        .into_par_iter()
        .map(|i| program_doc(site, graph, i));
    let kpis = (0..site.nodes.len())
        .into_par_iter()
        .flat_map_iter(|i| kpi_docs(site, i));
    let mut labelled: Vec<(String, Doc)> = nodes.collect();
    labelled.par_extend(programs);
    labelled.par_extend(kpis);
    let mut kinds: Vec<String> = Vec::new();
    let docs = labelled
        .into_iter()
        .map(|(label, mut doc)| {
            doc.kind = match kinds.iter().position(|k| *k == label) {
                Some(i) => i,
                None => {
                    kinds.push(label);
                    kinds.len() - 1
                }
            };
            doc
        })
        .collect();
    (docs, kinds)
}

fn node_doc(site: &Site, graph: &Graph, i: usize) -> (String, Doc) {
    let n = &site.nodes[i];
    let mut text = String::new();
    md(&n.intent, &mut text);
    own(&n.texts, &mut text);
    words(&n.departments, &mut text);
    sheet_words(&n.items, &n.sheet, &mut text);
    for e in n.evaluations.values().rev() {
        md(&e.summary, &mut text);
        md(&e.issues, &mut text);
        md(&e.outlook, &mut text);
        own(&e.texts, &mut text);
        sheet_words(&e.items, &e.sheet, &mut text);
    }
    for g in &n.groups {
        push(&g.title, &mut text);
    }
    markdown_text(&n.body, &mut text);
    let doc = Doc {
        kind: 0,
        title: node_title(n),
        url: content_url(site, PageRef::Node(i)),
        context: graph.parent[i].map_or_else(String::new, |p| node_title(&site.nodes[p])),
        text: normalize(&text),
    };
    (site.level_name(n), doc)
}

fn program_doc(site: &Site, graph: &Graph, i: usize) -> (String, Doc) {
    let p = &site.programs[i];
    let mut text = String::new();
    md(&p.intent, &mut text);
    own(&p.texts, &mut text);
    words(&p.departments, &mut text);
    sheet_words(&p.items, &p.sheet, &mut text);
    for y in p.years.values().rev() {
        md(&y.results, &mut text);
        md(&y.analysis, &mut text);
        md(&y.plan, &mut text);
        own(&y.texts, &mut text);
        sheet_words(&y.items, &y.sheet, &mut text);
        for ind in &y.indicators {
            push(&ind.name, &mut text);
        }
        // The city's names for a budget's parts (当初, 補正) and their notes (宝くじ助成金).
        for part in &y.budget_parts {
            push(&part.name, &mut text);
            if let Some(note) = &part.note {
                push(note, &mut text);
            }
        }
    }
    markdown_text(&p.body, &mut text);
    let parents: Vec<String> = graph.program_parents[i]
        .iter()
        .map(|&n| node_title(&site.nodes[n]))
        .collect();
    let doc = Doc {
        kind: 0,
        title: normalize(&coded(p.code.as_deref(), &p.title)),
        url: content_url(site, PageRef::Program(i)),
        context: parents.join(site.config.labels.get("search.context_separator")),
        text: normalize(&text),
    };
    (site.config.labels.get(PROGRAM_KIND).to_string(), doc)
}

fn kpi_docs(site: &Site, i: usize) -> Vec<(String, Doc)> {
    let n = &site.nodes[i];
    let page = content_url(site, PageRef::Node(i));
    n.kpis
        .iter()
        .map(|k| {
            let mut text = String::new();
            for s in [
                &k.category,
                &k.definition,
                &k.source,
                &k.note,
                &k.target_state,
            ]
            .into_iter()
            .flatten()
            {
                push(s, &mut text);
            }
            for s in k.states.values().rev() {
                push(s, &mut text);
            }
            let cells = k.baseline.iter().map(|(_, c)| c);
            let cells = cells
                .chain(k.actual.values().rev())
                .chain(k.targets.values());
            for c in cells.chain(&k.target) {
                if let Some(note) = &c.note {
                    push(note, &mut text);
                }
            }
            let doc = Doc {
                kind: 0,
                title: normalize(&k.name),
                url: format!("{page}#{}", k.id),
                context: node_title(n),
                text: normalize(&text),
            };
            (site.config.labels.get(KPI_KIND).to_string(), doc)
        })
        .collect()
}

fn coded(code: Option<&str>, title: &str) -> String {
    match code {
        Some(c) => format!("{c} {title}"),
        None => title.to_string(),
    }
}

fn node_title(n: &Node) -> String {
    normalize(&coded(n.code.as_deref(), &n.title))
}

fn md(m: &Option<Markdown>, out: &mut String) {
    if let Some(m) = m {
        markdown_text(m, out);
    }
}

/// The city's own text fields, in its order.
fn own(texts: &[(String, Markdown)], out: &mut String) {
    for (_, m) in texts {
        markdown_text(m, out);
    }
}

/// The words the city wrote in its form's items and tables (総務費, a list's entries, a
/// cell of words), which the page shows as its own; figures and grades are not searched.
fn sheet_words(items: &[Written], sheet: &SheetYear, out: &mut String) {
    for item in items {
        match &item.value {
            ItemValue::Words(w) => push(w, out),
            ItemValue::Chosen(ws) => words(ws, out),
            _ => {}
        }
    }
    for e in &sheet.entries {
        push(&e.name, out);
    }
    for c in &sheet.cells {
        if let CellValue::Words(w) = &c.value {
            push(w, out);
        }
    }
}

fn push(s: &str, out: &mut String) {
    out.push_str(s);
    out.push(' ');
}

fn words(list: &[String], out: &mut String) {
    for s in list {
        push(s, out);
    }
}
