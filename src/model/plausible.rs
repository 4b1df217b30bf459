//! Values implausibly off their own series: one about a hundred times smaller (or larger)
//! than the series' other values, which agree among themselves. It is what a percentage a
//! spreadsheet turned into a number leaves (85 % typed is 0.85, written beside 83.3 and
//! 88.1). A warning at the value, not an error: it may be right.

use std::ops::Range;

use super::reader::Ctx;

/// Values at least this many in a series before one is judged against the others.
const AT_LEAST: usize = 3;
/// The others agree: the largest at most this many times the smallest.
const AGREE: f64 = 3.0;
/// About a hundred times off: the ratio to the others' median between these.
const OFF: (f64, f64) = (30.0, 300.0);

/// Warns, at the value, about each value of `values` (its number, where it was written,
/// its field) about a hundred times off the others.
pub fn off_series(ctx: &Ctx<'_>, values: &[(f64, Range<usize>, String)]) {
    let numbers: Vec<f64> = values.iter().map(|(n, _, _)| n.abs()).collect();
    if numbers.iter().filter(|n| **n > 0.0).count() < AT_LEAST {
        return;
    }
    for (i, (n, span, field)) in values.iter().enumerate() {
        let mut others: Vec<f64> = (numbers.iter().enumerate())
            .filter(|(j, o)| *j != i && **o > 0.0)
            .map(|(_, o)| *o)
            .collect();
        others.sort_by(f64::total_cmp);
        let (Some(low), Some(high)) = (others.first(), others.last()) else {
            continue;
        };
        if *n == 0.0 || high / low > AGREE {
            continue;
        }
        let median = others[others.len() / 2];
        let (small, large) = (median / n.abs(), n.abs() / median);
        let about_100 = |ratio: f64| ratio > OFF.0 && ratio < OFF.1;
        let hundredth = about_100(small);
        if !hundredth && !about_100(large) {
            continue;
        }
        let shown = |x: f64| format!("{}", (x * 1e6).round() / 1e6);
        let (v, m) = (shown(*n), shown(median));
        let (ja, en) = if hundredth {
            (
                format!(
                    "この値 {v} は、同じ指標のほかの年度の値（{m} 前後）の約100分の1です。表計算ソフトは 85% と入力された値を 0.85 という数に変えるので、% の値が小数になっていないか確かめてください（正しい値なら、このままで構いません）"
                ),
                format!(
                    "this value, {v}, is about a hundredth of the KPI's other values (around {m}); a spreadsheet turns a typed 85% into the number 0.85, so check that a percentage has not become a fraction (if the value is right, leave it)"
                ),
            )
        } else {
            (
                format!(
                    "この値 {v} は、同じ指標のほかの年度の値（{m} 前後）の約100倍です。桁や単位が違っていないか確かめてください（正しい値なら、このままで構いません）"
                ),
                format!(
                    "this value, {v}, is about a hundred times the KPI's other values (around {m}); check its digits and unit (if the value is right, leave it)"
                ),
            )
        };
        ctx.warning(span.clone(), field, crate::diag::Message::new(ja, en));
    }
}
