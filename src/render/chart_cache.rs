//! Charts drawn once and shown twice: a node's own page and its plan's print view show
//! the same KPI charts under different ids. (A program's budget chart is on its own page
//! only.) A chart is kept only until every
//! page expected to show it has taken it, so a large site's charts are never all in
//! memory at once. A wrong count costs only time (a chart drawn again) or a little
//! memory (a chart kept to the end), never a wrong page.

use std::sync::Mutex;

use super::chart::Chart;
use crate::link::Graph;
use crate::model::Site;

pub struct ChartCache {
    kpis: Vec<Vec<Slot>>,
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

impl ChartCache {
    pub fn new(site: &Site, graph: &Graph) -> ChartCache {
        // A plan with a root page has a print view, which shows its nodes' KPI charts again.
        let printed = |plan: usize| graph.roots.get(plan).is_some_and(Option::is_some);
        let node_uses = |ni: usize| 1 + usize::from(printed(site.nodes[ni].plan));
        ChartCache {
            kpis: site
                .nodes
                .iter()
                .enumerate()
                .map(|(ni, n)| n.kpis.iter().map(|_| Slot::new(node_uses(ni))).collect())
                .collect(),
        }
    }

    /// The chart of KPI `ki` of node `ni`, drawn by `draw` unless already drawn.
    pub fn kpi(&self, ni: usize, ki: usize, draw: impl FnOnce() -> Option<Chart>) -> Option<Chart> {
        match self.kpis.get(ni).and_then(|k| k.get(ki)) {
            Some(slot) => slot.take(draw),
            None => draw(),
        }
    }
}
