//! Results or plans: the words a year's figures are labelled with. A result year (at or
//! before the report year) shows 実績・決算; a plan year ([`crate::model::is_plan`])
//! shows 計画・目標・予算 and never 実績. Views choose the words here and give them to the
//! templates, which print them as given.

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::model::{FiscalYear, Program, Site};

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
    pub fn record(self) -> &'static str {
        match self {
            Phase::Result => "実績",
            Phase::Plan => "計画",
        }
    }

    /// What a node's evaluation text of the year is: 検証 (a review of the results), or
    /// for a plan the 計画 it states (「令和6年度の計画」).
    pub fn review(self) -> &'static str {
        match self {
            Phase::Result => "検証",
            Phase::Plan => "計画",
        }
    }

    /// A measured figure of the year: 実績値, or for a plan the 目標値 it aims at.
    pub fn value(self) -> &'static str {
        match self {
            Phase::Result => "実績値",
            Phase::Plan => "目標値",
        }
    }

    /// The year's money: 決算額 (spent), or for a plan the 予算額.
    pub fn money(self) -> &'static str {
        match self {
            Phase::Result => "決算額",
            Phase::Plan => "予算額",
        }
    }

    /// A class name for the theme: `result` or `plan`.
    pub fn class(self) -> &'static str {
        match self {
            Phase::Result => "result",
            Phase::Plan => "plan",
        }
    }
}

/// Templates read `plan` (true or false) and the words: `record`, `review`, `value`,
/// `money`, `class`.
impl Serialize for Phase {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Phase", 6)?;
        st.serialize_field("plan", &self.is_plan())?;
        st.serialize_field("record", self.record())?;
        st.serialize_field("review", self.review())?;
        st.serialize_field("value", self.value())?;
        st.serialize_field("money", self.money())?;
        st.serialize_field("class", self.class())?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plans_words_never_say_results() {
        for word in [
            Phase::Plan.record(),
            Phase::Plan.review(),
            Phase::Plan.value(),
            Phase::Plan.money(),
        ] {
            assert!(!word.contains("実績") && !word.contains("決算"), "{word}");
        }
        assert_eq!(
            (Phase::Result.record(), Phase::Plan.record()),
            ("実績", "計画")
        );
    }
}
