//! Derive: figures computed from the content, never typed by hand.
//!
//! Per KPI: the latest actual value, the achievement rate against the target (aware of
//! the desired direction), and the change since the baseline. Per node: the budget and
//! settlement totals of the programs listed anywhere below it, per fiscal year (a
//! program listed twice in one subtree counts once; an amount printed "-" adds nothing; a
//! listing for given years counts only in those years).
//!
//! The print view's tables sum only the node's own listings ([`listed_totals`]), by the
//! same rules.
//!
//! Achievement rate (達成率), as Japanese review sheets compute it:
//! - higher is better: actual ÷ target;
//! - lower is better: target ÷ actual (an actual at or under the target is 100% or more;
//!   when the target is 0, an actual of 0 is 100%, otherwise progress from the baseline);
//! - keep: none (維持 states no way a value is better; issue 53, "Nothing invented").
//!
//! A target of 0 or below for "higher is better" has no meaningful ratio: progress from
//! the baseline is used when there is one. A rate of [`MAX_RATE`] or more (a target
//! written in the wrong unit) is not shown: it has more digits than are shown exactly.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, Message};
use crate::link::Graph;
use crate::model::value::Number;
use crate::model::{Amount, Direction, FiscalYear, Kpi, Site};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct KpiFigures {
    /// The latest year with a value, and that value.
    pub latest: Option<(FiscalYear, Number)>,
    /// The target compared against: the final target, or that year's target.
    pub target: Option<Number>,
    /// Achievement in percent, direction-aware.
    pub rate: Option<f64>,
    /// Latest minus baseline ([`Number::minus`]).
    pub change: Option<Number>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Money {
    /// 千円
    pub budget: Option<f64>,
    /// 千円
    pub settlement: Option<f64>,
    /// How many programs contributed.
    pub programs: usize,
}

#[derive(Debug, Default)]
pub struct Derived {
    /// `kpis[node][k]`
    pub kpis: Vec<Vec<KpiFigures>>,
    /// Totals per node per year.
    pub totals: Vec<BTreeMap<FiscalYear, Money>>,
}

/// Where the city's grade differs from the one its scale's `min_rate` thresholds suggest
/// for that year's achievement, warn with the place; the city's grade is still shown.
pub fn check_grades(site: &Site, diags: &mut Diagnostics) {
    for node in &site.nodes {
        for k in &node.kpis {
            let Some(scale) = site.config.scale(k.scale_id(node)) else {
                continue;
            };
            for (year, given) in &k.grades {
                let Some(rate) = rate_in(k, *year) else {
                    continue;
                };
                let Some(suggested) = scale.suggest(rate) else {
                    continue;
                };
                // A grade not in the scale is an error already.
                if suggested.key == given.key || scale.grade_index(&given.key).is_none() {
                    continue;
                }
                diags.push(
                    Diagnostic::warning(Message::new(
                        format!(
                            "「{}」の{}年度の評価は「{}」ですが、達成率 {:.1}% からは「{}」になります（尺度「{}」の min_rate による）。市の評価をそのまま表示します",
                            k.name, year.western(), given.key, rate, suggested.key, scale.name
                        ),
                        format!(
                            "\"{}\" FY{}: graded {} but its achievement of {:.1}% suggests {} (min_rate of scale \"{}\"); the city's grade is shown as given",
                            k.name, year.western(), given.key, rate, suggested.key, scale.id
                        ),
                    ))
                    .at(&node.file, given.span.clone())
                    .field(given.field.clone()),
                );
            }
        }
    }
}

/// Where a node states a total (計) that differs from the sum of its programs, warn with
/// both figures, the printed one as printed ("-" quoted, not as 0).
pub fn check_totals(site: &Site, derived: &Derived, diags: &mut Diagnostics) {
    // A file that failed to load leaves its amounts out of the sums: no total is known.
    if !site.failed.is_empty() {
        return;
    }
    for (i, node) in site.nodes.iter().enumerate() {
        for (year, stated) in &node.stated_totals {
            let computed = derived.totals[i].get(year).copied().unwrap_or_default();
            for (what_ja, what_en, given, sum) in [
                ("予算額", "budget", &stated.budget, computed.budget),
                (
                    "決算額",
                    "settlement",
                    &stated.settlement,
                    computed.settlement,
                ),
            ] {
                let Some(given) = given else { continue };
                let total = compare_total(given.value, sum);
                if !total.differs {
                    continue;
                }
                let (g_ja, g_en) = match given.value {
                    Amount::None => ("「-」".to_string(), "\"-\" (none)".to_string()),
                    Amount::Value(v) => {
                        let g = Number::from_f64(v).format_abs_signed();
                        (format!(" {g} 千円"), format!("{g} (千円)"))
                    }
                };
                let c = Number::money_sum(total.sum).format_abs_signed();
                diags.push(
                    Diagnostic::warning(Message::new(
                        format!("{}年度の{what_ja}の計が{g_ja}と書かれていますが、事業の合計は {c} 千円です", year.western()),
                        format!("FY{} {what_en} total is written as {g_en} but the programs add up to {c}", year.western()),
                    ))
                    .at(&node.file, given.span.clone())
                    .field(format!("{}.{what_en}", stated.path)),
                );
            }
        }
    }
}

/// A printed 計 beside the sum kensho computes for its year (see [`compare_total`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ComparedTotal {
    /// The sum shown beside the printed 計: a sum of nothing is 0 there.
    pub sum: f64,
    /// Whether they differ by half a 千円 or more (a printed "-" agrees with 0).
    pub differs: bool,
}

/// The printed 計 `stated` against `computed`, the sum of the year's listings (`None`
/// when nothing was summed): the one comparison the check and the node page share.
pub fn compare_total(stated: Amount, computed: Option<f64>) -> ComparedTotal {
    let sum = computed.unwrap_or(0.0);
    ComparedTotal {
        sum,
        differs: (stated.or_zero() - sum).abs() >= 0.5,
    }
}

/// Achievement in a given year: that year's actual against that year's target, or the
/// final target. None in a year whose rate the sheet prints (`rates`): the city's rate
/// stands there, and no figure is computed beside or behind it (pages, charts, the open
/// data, the overview's changes, the grade check).
pub fn rate_in(k: &Kpi, year: FiscalYear) -> Option<f64> {
    if k.rates.contains_key(&year) {
        return None;
    }
    let actual = k.actual.get(&year)?.amount?.value;
    let target = k.targets.get(&year).or(k.target.as_ref())?.amount?.value;
    let baseline = dated_baseline(k).map(|n| n.value);
    achievement(k.direction?, actual, target, baseline)
}

/// The baseline's figure where the baseline has a year: one printed with none (府中市's
/// 「現状」) is shown, never computed with (no rate, no change from it).
fn dated_baseline(k: &Kpi) -> Option<Number> {
    k.baseline
        .as_ref()
        .filter(|(y, _)| y.is_some())
        .and_then(|(_, c)| c.amount)
}

pub fn derive(site: &Site, graph: &Graph) -> Derived {
    let kpis = site
        .nodes
        .par_iter()
        .map(|n| n.kpis.iter().map(kpi_figures).collect())
        .collect();
    let totals = (0..site.nodes.len())
        .into_par_iter()
        .map(|i| totals(site, graph, i))
        .collect();
    Derived { kpis, totals }
}

pub fn kpi_figures(k: &Kpi) -> KpiFigures {
    let latest = k
        .actual
        .iter()
        .rev()
        .find_map(|(y, c)| c.amount.map(|n| (*y, n)));
    let baseline = dated_baseline(k);
    let target = latest
        .and_then(|(y, _)| k.targets.get(&y))
        .or(k.target.as_ref())
        .and_then(|c| c.amount);
    let rate = match (k.direction, latest, target) {
        // The sheet prints the latest year's rate: none computed (`rate_in`).
        (_, Some((y, _)), _) if k.rates.contains_key(&y) => None,
        (Some(d), Some((_, a)), Some(t)) => {
            achievement(d, a.value, t.value, baseline.map(|b| b.value))
        }
        _ => None,
    };
    KpiFigures {
        latest,
        target,
        rate,
        change: latest.zip(baseline).map(|((_, a), b)| a.minus(b)),
    }
}

/// The bound (exclusive) of a rate that is shown: 10¹⁴ %, fifteen digits to one decimal
/// place. Values are at most 15 digits, but their ratio is not (10¹⁵ over 10⁻¹⁵).
pub const MAX_RATE: f64 = 1e14;

/// Achievement in percent; see the module doc for the rules.
pub fn achievement(
    direction: Direction,
    actual: f64,
    target: f64,
    baseline: Option<f64>,
) -> Option<f64> {
    let progress = || {
        let b = baseline?;
        (b != target).then(|| (actual - b) / (target - b) * 100.0)
    };
    let rate = match direction {
        Direction::Up if target > 0.0 => Some(actual / target * 100.0),
        Direction::Up => progress(),
        Direction::Down if target > 0.0 && actual > 0.0 => Some(target / actual * 100.0),
        Direction::Down if actual <= target => Some(100.0),
        Direction::Down => progress(),
        // 維持 states no way a value is better: a rate would be kensho's own measure.
        Direction::Keep => None,
    };
    rate.filter(|r| r.is_finite() && r.abs() < MAX_RATE)
}

/// The budget and settlement of the programs listed below `node` (the node's 計 on its
/// page and in `kensho check`), per year: [`sum_listings`] of its subtree.
fn totals(site: &Site, graph: &Graph, node: usize) -> BTreeMap<FiscalYear, Money> {
    sum_listings(site, graph, &graph.subtree(node))
}

/// The budget and settlement of the programs `node` itself lists, per year: the sum of
/// the rows of its tables in the print view ([`sum_listings`] of the node alone).
pub fn listed_totals(site: &Site, graph: &Graph, node: usize) -> BTreeMap<FiscalYear, Money> {
    sum_listings(site, graph, &[node])
}

/// The budget and settlement of the programs `nodes` list, per year: a program counts in
/// a year when one of its listings there is for that year (`years`), and once however
/// often it is listed.
fn sum_listings(site: &Site, graph: &Graph, nodes: &[usize]) -> BTreeMap<FiscalYear, Money> {
    // Per program, the years it is listed in by `nodes`: `None` for every year.
    let mut programs: BTreeMap<usize, Option<BTreeSet<FiscalYear>>> = BTreeMap::new();
    for &n in nodes {
        for l in &graph.node_programs[n] {
            let years = programs
                .entry(l.program)
                .or_insert_with(|| Some(BTreeSet::new()));
            match (years.as_mut(), &l.years) {
                (Some(set), Some(ys)) => set.extend(ys.iter().copied()),
                _ => *years = None,
            }
        }
    }
    let mut out: BTreeMap<FiscalYear, Money> = BTreeMap::new();
    for (p, listed) in programs {
        for (year, y) in &site.programs[p].years {
            if y.budget.is_none() && y.settlement.is_none() {
                continue;
            }
            if listed.as_ref().is_some_and(|set| !set.contains(year)) {
                continue;
            }
            let m = out.entry(*year).or_default();
            // A "-" (stated as none) adds nothing, yet makes the sum a figure: a total
            // of only "-" amounts is the computed 0.
            m.budget = add(m.budget, y.budget.map(Amount::or_zero));
            m.settlement = add(m.settlement, y.settlement.map(Amount::or_zero));
            m.programs += 1;
        }
    }
    out
}

fn add(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (None, None) => None,
        _ => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn higher_is_better_is_actual_over_target() {
        let r = achievement(Direction::Up, 1806.0, 1960.0, Some(1394.0)).unwrap();
        assert!((r - 92.14).abs() < 0.01, "{r}");
    }

    #[test]
    fn lower_is_better_is_not_actual_over_target() {
        // 待機児童: target 10, actual 20 → half way there, not 200%.
        assert_eq!(achievement(Direction::Down, 20.0, 10.0, None), Some(50.0));
        assert_eq!(achievement(Direction::Down, 5.0, 10.0, None), Some(200.0));
        // target 0: reached only at 0; otherwise progress from the baseline.
        assert_eq!(achievement(Direction::Down, 0.0, 0.0, None), Some(100.0));
        assert_eq!(
            achievement(Direction::Down, 30.0, 0.0, Some(40.0)),
            Some(25.0)
        );
        assert_eq!(achievement(Direction::Down, 30.0, 0.0, None), None);
    }

    #[test]
    fn keep_has_no_rate() {
        assert_eq!(achievement(Direction::Keep, 90.0, 100.0, None), None);
        assert_eq!(achievement(Direction::Keep, 100.0, 100.0, None), None);
    }

    #[test]
    fn a_rate_past_what_is_shown_exactly_is_none() {
        assert_eq!(achievement(Direction::Up, 1e15, 1e-15, None), None);
        assert_eq!(achievement(Direction::Down, 1e-15, 1e15, None), None);
        assert_eq!(achievement(Direction::Up, -1e15, 1.0, Some(1e-15)), None);
        let big = achievement(Direction::Up, 1e11, 1.0, None).unwrap();
        assert_eq!(big, 1e13);
    }

    #[test]
    fn non_positive_target_uses_progress_from_baseline() {
        assert_eq!(
            achievement(Direction::Up, -50.0, 0.0, Some(-100.0)),
            Some(50.0)
        );
        assert_eq!(achievement(Direction::Up, -50.0, 0.0, None), None);
    }
}
