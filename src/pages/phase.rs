//! Results or plans: the words a year's figures are labelled with. A result year (at or
//! before the report year) shows 実績・決算; a plan year ([`crate::model::is_plan`])
//! shows 計画・目標・予算 and never 実績. Views choose the words here and give them to the
//! templates, which print them as given.

use serde::Serialize;

use crate::model::{FiscalYear, Labels, Program, Site};

/// Whether a year's figures are results or a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Result,
    Plan,
}

impl Phase {
    /// A year of the site as a whole (KPIs, per-year pages): a plan after the report year.
    pub fn of_year(site: &Site, year: FiscalYear) -> Phase {
        Phase::from_plan(crate::model::is_plan(year, site.config.report_year, false))
    }

    /// A year of program `p`: a plan after the report year, or when marked `planned`.
    pub fn of_program(site: &Site, p: &Program, year: FiscalYear) -> Phase {
        Phase::from_plan(p.is_plan(year, site.config.report_year))
    }

    fn from_plan(plan: bool) -> Phase {
        if plan { Phase::Plan } else { Phase::Result }
    }

    pub fn is_plan(self) -> bool {
        self == Phase::Plan
    }

    /// What the year's record is: 実績 or 計画 (「令和6年度の計画」).
    pub fn record(self, labels: &Labels) -> &str {
        labels.get(self.pick("phase.result_record", "phase.plan_record"))
    }

    /// What a node's evaluation text of the year is: 検証 (a review of the results), or
    /// for a plan the 計画 it states (「令和6年度の計画」).
    pub fn review(self, labels: &Labels) -> &str {
        labels.get(self.pick("phase.result_review", "phase.plan_review"))
    }

    /// A measured figure of the year: 実績値, or for a plan the 目標値 it aims at.
    pub fn value(self, labels: &Labels) -> &str {
        labels.get(self.pick("phase.result_value", "phase.plan_value"))
    }

    /// The year's money: 決算額 (spent), or for a plan the 予算額.
    pub fn money(self, labels: &Labels) -> &str {
        labels.get(self.pick("phase.result_money", "phase.plan_money"))
    }

    fn pick(self, result: &'static str, plan: &'static str) -> &'static str {
        match self {
            Phase::Result => result,
            Phase::Plan => plan,
        }
    }

    /// The words a view hands the templates, in the site's labels.
    pub fn words(self, labels: &Labels) -> Words {
        Words {
            plan: self.is_plan(),
            record: self.record(labels).to_string(),
            review: self.review(labels).to_string(),
            value: self.value(labels).to_string(),
            money: self.money(labels).to_string(),
        }
    }
}

/// A phase as templates read it: `plan` (true or false) and the words, `record`,
/// `review`, `value` and `money`.
#[derive(Clone, Debug, Serialize)]
pub struct Words {
    pub plan: bool,
    pub record: String,
    pub review: String,
    pub value: String,
    pub money: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plans_words_never_say_results() {
        let l = Labels::default();
        for word in [
            Phase::Plan.record(&l),
            Phase::Plan.review(&l),
            Phase::Plan.value(&l),
            Phase::Plan.money(&l),
        ] {
            assert!(!word.contains("実績") && !word.contains("決算"), "{word}");
        }
        assert_eq!(
            (Phase::Result.record(&l), Phase::Plan.record(&l)),
            ("実績", "計画")
        );
    }
}
