//! A node's totals as its pages show them: per year, kensho's sum of the programs listed
//! for that year beside the 計 the content states, with each difference in words. The
//! sums come from `derive`; the comparison is `derive::compare_total`, as `kensho check`
//! makes it.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::derive::compare_total;
use crate::model::Labels;
use crate::model::{Amount, FiscalYear};
use crate::pages::parts::Money;
use crate::pages::phase::{Phase, Words};
use crate::pages::repeated::Shared;
use crate::pages::view::Views;

/// A year's budget and settlement (a program's, or the sum of a node's listings).
#[derive(Serialize)]
pub struct TotalRow {
    pub year: String,
    /// Whether the year's figures are results or a plan (its words).
    pub phase: Shared<Words>,
    #[serde(rename = "budget_html")]
    pub budget: Money,
    #[serde(rename = "settlement_html")]
    pub settlement: Money,
    pub programs: usize,
}

/// A year of a node's totals: kensho's sum of the programs listed for that year, beside
/// the 計 the sheet prints when the content states it.
#[derive(Serialize)]
pub struct NodeTotal {
    #[serde(skip)]
    pub fiscal_year: FiscalYear,
    /// Computed: the sum of the listings of that year, with the year's words.
    #[serde(flatten)]
    pub computed: TotalRow,
    /// The 計 as printed, when stated.
    #[serde(rename = "printed_budget_html")]
    pub printed_budget: Option<Money>,
    #[serde(rename = "printed_settlement_html")]
    pub printed_settlement: Option<Money>,
    /// Whether each printed 計 differs from the sum.
    pub budget_differs: bool,
    pub settlement_differs: bool,
    /// Each difference in words (empty when they agree).
    pub differences: Vec<String>,
}

impl NodeTotal {
    /// The words of the printed 計 of the settlement (`true`) or the budget that differs
    /// from the sum, if it does.
    pub fn difference(&self, settlement: bool) -> Option<&String> {
        match settlement {
            true if self.settlement_differs => {
                self.differences.get(usize::from(self.budget_differs))
            }
            false if self.budget_differs => self.differences.first(),
            _ => None,
        }
    }

    /// kensho's sum of the settlements (`true`) or budgets, where it is computed.
    pub fn sum(&self, settlement: bool) -> Option<Amount> {
        match settlement {
            true => self.computed.settlement.0,
            false => self.computed.budget.0,
        }
    }
}

impl Views<'_> {
    /// Node `ni`'s totals per year: each year with a sum or a printed 計, the printed 計
    /// beside the sum and each difference in words.
    pub(super) fn node_totals(&self, ni: usize) -> Vec<NodeTotal> {
        self.totals_beside(ni, &self.derived.totals[ni], &self.graph.subtree(ni))
    }

    /// Node `ni`'s totals as the print view's tables add up their rows: the programs the
    /// node itself lists (the same as [`Self::node_totals`] when no node below lists any).
    pub fn listed_totals(&self, ni: usize) -> Vec<NodeTotal> {
        let sums = crate::derive::listed_totals(self.site, self.graph, ni);
        self.totals_beside(ni, &sums, &[ni])
    }

    /// Node `ni`'s printed 計 beside `computed`, the sums of what `nodes` list, per year.
    /// Unless the site asks for kensho's sums (`computed_totals`), only the years with a
    /// printed 計, and no sum or difference beside it: kensho's sums are not the city's.
    fn totals_beside(
        &self,
        ni: usize,
        computed: &BTreeMap<FiscalYear, crate::derive::Money>,
        nodes: &[usize],
    ) -> Vec<NodeTotal> {
        let stated = &self.site.nodes[ni].stated_totals;
        let asked = self.site.config.computed_totals;
        let printed = |y: &FiscalYear| {
            stated
                .get(y)
                .is_some_and(|s| s.budget.is_some() || s.settlement.is_some())
        };
        let years: BTreeSet<FiscalYear> = computed.keys().chain(stated.keys()).copied().collect();
        years
            .into_iter()
            .filter(|y| asked || printed(y))
            .map(|y| {
                let m = match asked {
                    true => computed.get(&y).copied().unwrap_or_default(),
                    false => crate::derive::Money::default(),
                };
                let s = stated.get(&y);
                let printed_budget = s.and_then(|s| s.budget.as_ref()).map(|l| l.value);
                let printed_settlement = s.and_then(|s| s.settlement.as_ref()).map(|l| l.value);
                let phase = self.sum_phase(nodes, y);
                self.node_total(y, phase, m, printed_budget, printed_settlement)
            })
            .collect()
    }

    /// Whether year `y`'s sum of the programs `nodes` list is a plan: a plan year of the
    /// site, or a year that a program listed for it marks `planned` (a sheet written before
    /// the year's results: its sum is of budgets).
    fn sum_phase(&self, nodes: &[usize], y: FiscalYear) -> Phase {
        let report = self.site.config.report_year;
        let marked = nodes
            .iter()
            .flat_map(|&n| &self.graph.node_programs[n])
            .any(|l| l.in_year(y) && self.site.programs[l.program].is_plan(y, report));
        if marked {
            Phase::Plan
        } else {
            Phase::of_year(self.site, y)
        }
    }

    fn node_total(
        &self,
        y: FiscalYear,
        phase: Phase,
        m: crate::derive::Money,
        printed_budget: Option<Amount>,
        printed_settlement: Option<Amount>,
    ) -> NodeTotal {
        let year = self.year(y);
        let labels = &self.site.config.labels;
        let mut differences = Vec::new();
        // Beside a printed 計, the sum as `kensho check` compares it (one comparison).
        let asked = self.site.config.computed_totals;
        let mut beside = |what: &str, printed: Option<Amount>, computed: Option<f64>| {
            let Some(p) = printed.filter(|_| asked) else {
                return (computed, false);
            };
            let total = compare_total(p, computed);
            if total.differs {
                differences.push(total_difference(labels, &year, what, p, total.sum));
            }
            (Some(total.sum), total.differs)
        };
        let (budget, budget_differs) =
            beside(labels.get("common.budget"), printed_budget, m.budget);
        let (settlement, settlement_differs) = beside(
            labels.get("common.settlement"),
            printed_settlement,
            m.settlement,
        );
        NodeTotal {
            fiscal_year: y,
            computed: TotalRow {
                year,
                phase: self.phase_words(phase),
                budget: Money::sum(budget),
                settlement: Money::sum(settlement),
                programs: m.programs,
            },
            printed_budget: printed_budget.map(|a| Money(Some(a))),
            printed_settlement: printed_settlement.map(|a| Money(Some(a))),
            budget_differs,
            settlement_differs,
            differences,
        }
    }
}

/// A printed 計 that differs from the sum, in words: "令和5年度の決算額：シートの計 6,032
/// 千円、事業の合計 99,577 千円（差 93,545 千円）"; a printed "-" is quoted: 「シートの計「-」、…」.
fn total_difference(
    labels: &Labels,
    year: &str,
    what: &str,
    printed: Amount,
    computed: f64,
) -> String {
    use crate::model::value::Number;
    let f = |v: f64| Number::money_sum(v).format_abs_signed();
    // A "-" is quoted, as the sheet prints it (and `kensho check` says it).
    let shown = match printed {
        Amount::None => labels.get("totals.printed_dash").to_string(),
        Amount::Value(v) => labels.fill("totals.printed_amount", &[("amount", &f(v))]),
    };
    labels.fill(
        "totals.difference",
        &[
            ("year", year),
            ("what", what),
            ("printed", &shown),
            ("sum", &f(computed)),
            ("diff", &f((printed.or_zero() - computed).abs())),
        ],
    )
}
