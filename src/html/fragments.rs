//! Parts made once and shown twice: a node's or program's own page and its plan's print
//! view show the same KPI charts (under different ids) and the same Markdown (deeper in
//! the print view). A chart is drawn once; Markdown whose HTML reads the same wherever it
//! is shown (no headings, no `@/…` links: `markdown::render_placed`) is rendered once.
//! A part is kept only until every page expected to show it has taken it, so a large
//! site's parts are never all in memory at once. A wrong count costs only time (a part
//! made again) or a little memory (a part kept to the end), never a wrong page.
//! (A program's budget chart is on its own page only.)

use std::collections::HashMap;
use std::sync::Mutex;

use crate::draw::chart::Chart;
use crate::link::Graph;
use crate::model::Site;
use crate::pages::parts::Owner;

pub struct Fragments {
    kpis: Vec<Vec<Slot>>,
    /// How many pages show each node's parts: its own, and its plan's print view.
    node_uses: Vec<usize>,
    /// How many pages show each program's parts: its own, and a print view it is in.
    program_uses: Vec<usize>,
    /// Markdown's HTML by the address of its text (the site is not changed while it
    /// renders), with how many pages have yet to take it.
    markdown: Mutex<HashMap<usize, (String, usize)>>,
}

struct Slot {
    /// How many pages show this chart.
    uses: usize,
    /// The chart and how many of those pages have yet to take it.
    kept: Mutex<Option<(Option<Chart>, usize)>>,
}

impl Slot {
    fn new(uses: usize) -> Slot {
        Slot {
            uses,
            kept: Mutex::new(None),
        }
    }

    fn take(&self, draw: impl FnOnce() -> Option<Chart>) -> Option<Chart> {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((chart, left)) = kept.take() {
            if left > 1 {
                *kept = Some((chart.clone(), left - 1));
            }
            return chart;
        }
        let chart = draw();
        if self.uses > 1 {
            *kept = Some((chart.clone(), self.uses - 1));
        }
        chart
    }
}

impl Fragments {
    pub fn new(site: &Site, graph: &Graph) -> Fragments {
        // A plan with a root page has a print view, which shows its nodes and programs.
        let printed = |plan: usize| graph.roots.get(plan).is_some_and(Option::is_some);
        let node_uses: Vec<usize> = site
            .nodes
            .iter()
            .map(|n| 1 + usize::from(printed(n.plan)))
            .collect();
        let program_uses = (0..site.programs.len())
            .map(|pi| {
                let parents = graph.program_parents.get(pi);
                let in_print =
                    parents.is_some_and(|ps| ps.iter().any(|&n| printed(site.nodes[n].plan)));
                1 + usize::from(in_print)
            })
            .collect();
        Fragments {
            kpis: site
                .nodes
                .iter()
                .zip(&node_uses)
                .map(|(n, &uses)| n.kpis.iter().map(|_| Slot::new(uses)).collect())
                .collect(),
            node_uses,
            program_uses,
            markdown: Mutex::new(HashMap::new()),
        }
    }

    /// Fragments of a site with nothing shown twice.
    #[cfg(test)]
    pub fn none() -> Fragments {
        Fragments {
            kpis: Vec::new(),
            node_uses: Vec::new(),
            program_uses: Vec::new(),
            markdown: Mutex::new(HashMap::new()),
        }
    }

    /// The chart of KPI `ki` of node `ni`, drawn by `draw` unless already drawn.
    pub fn kpi(&self, ni: usize, ki: usize, draw: impl FnOnce() -> Option<Chart>) -> Option<Chart> {
        match self.kpis.get(ni).and_then(|k| k.get(ki)) {
            Some(slot) => slot.take(draw),
            None => draw(),
        }
    }

    /// The HTML of `text`, one of `owner`'s Markdown fields, rendered by `render` (which
    /// also tells whether the HTML reads the same wherever it is shown) unless another
    /// page rendered it already.
    pub fn markdown(
        &self,
        owner: Owner,
        text: &str,
        render: impl FnOnce() -> (String, bool),
    ) -> String {
        let uses = match owner {
            Owner::Node(i) => self.node_uses.get(i),
            Owner::Program(i) => self.program_uses.get(i),
        };
        let uses = uses.copied().unwrap_or(1);
        if uses < 2 || text.is_empty() {
            return render().0;
        }
        let key = text.as_ptr() as usize;
        let lock = || self.markdown.lock().unwrap_or_else(|e| e.into_inner());
        {
            let mut kept = lock();
            if let Some((html, left)) = kept.get_mut(&key) {
                *left -= 1;
                return if *left == 0 {
                    kept.remove(&key).map(|(html, _)| html).unwrap_or_default()
                } else {
                    html.clone()
                };
            }
        }
        // Rendered outside the lock; two pages rendering it at once each render it.
        let (html, anywhere) = render();
        if anywhere {
            lock()
                .entry(key)
                .or_insert_with(|| (html.clone(), uses - 1));
        }
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(node_uses: usize) -> Fragments {
        Fragments {
            kpis: Vec::new(),
            node_uses: vec![node_uses],
            program_uses: vec![1],
            markdown: Mutex::new(HashMap::new()),
        }
    }

    /// Asks twice for node 0's `text`, whose HTML `anywhere` says reads the same on any
    /// page; returns the HTML each time and how often it was rendered.
    fn shown_by_both(parts: &Fragments, text: &str, anywhere: bool) -> (Vec<String>, usize) {
        let mut renders = 0;
        let htmls = (0..2)
            .map(|_| {
                parts.markdown(Owner::Node(0), text, || {
                    renders += 1;
                    ("<p>本文</p>".into(), anywhere)
                })
            })
            .collect();
        (htmls, renders)
    }

    #[test]
    fn markdown_that_reads_the_same_anywhere_is_rendered_once_and_then_let_go() {
        let parts = shown(2);
        let (htmls, renders) = shown_by_both(&parts, &String::from("本文"), true);
        assert_eq!(htmls, ["<p>本文</p>", "<p>本文</p>"]);
        assert_eq!(renders, 1);
        assert!(parts.markdown.lock().unwrap().is_empty());
    }

    #[test]
    fn markdown_that_depends_on_the_page_is_rendered_for_each() {
        let parts = shown(2);
        let (_, renders) = shown_by_both(&parts, &String::from("[A](@/a.md)"), false);
        assert_eq!(renders, 2);
        assert!(parts.markdown.lock().unwrap().is_empty());
    }

    #[test]
    fn markdown_shown_once_is_never_kept() {
        let parts = shown(2);
        let text = String::from("事業の概要");
        parts.markdown(Owner::Program(0), &text, || (String::new(), true));
        assert!(parts.markdown.lock().unwrap().is_empty());
    }
}
