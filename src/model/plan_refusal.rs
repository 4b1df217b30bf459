//! The error for a result written in a plan year: why the year is a plan, and what that
//! kind of field may hold instead.

use super::reader::Ctx;
use super::year::{FiscalYear, YearStyle::Era};
use crate::diag::Message;

/// A result field a plan year refuses, by what a plan year may hold in its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Refused {
    /// A program year's `results` or `analysis`.
    Results,
    /// A program year's `status`.
    Status,
    /// A program year's `settlement`.
    Settlement,
    /// A program year's `staff`.
    Staff,
    /// A program year's `personnel_cost`.
    PersonnelCost,
    /// A program indicator's `value`.
    IndicatorValue,
    /// A node's `[evaluations.<year>] grade`.
    NodeGrade,
    /// A node's `[totals.<year>] settlement`.
    TotalSettlement,
    /// A KPI's `actual`.
    KpiActual,
    /// A KPI's `grades`.
    KpiGrade,
    /// A KPI's printed `rates`.
    KpiRate,
    /// A qualitative KPI's `states`.
    KpiState,
}

impl Refused {
    /// What to write instead, in Japanese and English.
    fn instead(self) -> (&'static str, &'static str) {
        match self {
            Self::Results => (
                "計画の内容は plan に書いてください",
                "write what is planned in `plan`",
            ),
            Self::Status => (
                "計画の年度の方向性は direction に書いてください",
                "write the year's course in `direction`",
            ),
            Self::Settlement => (
                "予算額は budget に書いてください",
                "write the budget in `budget`",
            ),
            Self::Staff => (
                "予定の従事人工は staff_planned に書いてください",
                "write the planned staff in `staff_planned`",
            ),
            Self::PersonnelCost => (
                "予定の人件費は personnel_cost_planned に書いてください",
                "write the planned personnel cost in `personnel_cost_planned`",
            ),
            Self::IndicatorValue => (
                "目標値は target に書いてください",
                "write the target in `target`",
            ),
            Self::NodeGrade => (
                "計画の年度に評価の記号は付きません。評価の文章は summary・issues・outlook に書けます",
                "a plan year is not graded; its texts may be written in summary, issues or outlook",
            ),
            Self::TotalSettlement => (
                "シートの予算額の計は budget に書いてください",
                "write the sheet's budget total in `budget`",
            ),
            Self::KpiActual => (
                "目標値は targets に書いてください",
                "write the target in `targets`",
            ),
            Self::KpiGrade => (
                "計画の年度に評価の記号は付きません。目標値は targets に書いてください",
                "a plan year is not graded; write its target in `targets`",
            ),
            Self::KpiRate => (
                "計画の年度に達成率はありません。目標値は targets に書いてください",
                "a plan year has no achievement rate; write its target in `targets`",
            ),
            Self::KpiState => (
                "目指す状態は target_state に書いてください",
                "write the state aimed at in `target_state`",
            ),
        }
    }
}

/// Whether result `field` (written at `span` for `year`) lies in a plan year, after
/// `report`: then it is reported, and the caller drops it.
pub(super) fn refused_in_plan_year(
    ctx: &Ctx<'_>,
    span: &std::ops::Range<usize>,
    field: &str,
    kind: Refused,
    (year, report): (FiscalYear, FiscalYear),
) -> bool {
    if year <= report {
        return false;
    }
    let message = plan_year_refusal(year, report, false, field, kind);
    ctx.error(span.clone(), field, message);
    true
}

/// Why result `field` cannot be written in plan year `year` (after `report`, or
/// `marked` planned), what that kind of field may hold instead, and which setting to
/// check if it is a result after all: `planned` only where it made the year a plan.
pub(super) fn plan_year_refusal(
    year: FiscalYear,
    report: FiscalYear,
    marked: bool,
    field: &str,
    kind: Refused,
) -> Message {
    refusal(year, report, marked, field, kind.instead())
}

/// Why a cell of result phase `phase` (決算, 実績) of a form's table cannot be written in
/// plan year `year`: as [`plan_year_refusal`], naming the plan phases of its table.
pub(super) fn phase_refusal(
    year: FiscalYear,
    report: FiscalYear,
    marked: bool,
    field: &str,
    (phase, plans): (&str, &str),
) -> Message {
    let instead_ja = format!(
        "「{phase}」は実績の区分です。この年度には計画の区分（{plans}）の値を書いてください"
    );
    let instead_en = format!(
        "\"{phase}\" is a result phase; write this year's values in a plan phase ({plans})"
    );
    refusal(year, report, marked, field, (&instead_ja, &instead_en))
}

fn refusal(
    year: FiscalYear,
    report: FiscalYear,
    marked: bool,
    field: &str,
    (instead_ja, instead_en): (&str, &str),
) -> Message {
    let after = year > report;
    let (why_ja, why_en, check_ja, check_en) = if after || !marked {
        (
            format!("site.toml の report_year（{}）より後", report.display(Era)),
            format!(
                "after report_year in site.toml, FY{} ({})",
                report.western(),
                report.short()
            ),
            "実績なら site.toml の report_year を見直してください",
            "if it is a result, check report_year in site.toml",
        )
    } else {
        (
            "planned = true".to_string(),
            "planned = true".to_string(),
            "実績なら planned = true を外してください",
            "if it is a result, remove planned = true",
        )
    };
    Message::new(
        format!(
            "{}は計画の年度です（{why_ja}）。「{field}」は実績なので書けません。{instead_ja}。{check_ja}",
            year.display(Era)
        ),
        format!(
            "FY{} ({}) is a plan year ({why_en}): `{field}` is a result and cannot be written for it. {}{}; {check_en}",
            year.western(),
            year.short(),
            instead_en[..1].to_uppercase(),
            &instead_en[1..]
        ),
    )
}
