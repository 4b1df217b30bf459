//! Formatting of figures for the page: values as printed on the sheet (with ▲ read out
//! as マイナス, blanks that are not zero, carried-forward and cumulative marks), money,
//! percentages and year labels. Functions returning HTML escape everything they embed.

use std::fmt::Write as _;

use crate::draw::escape::html_string as escape;
use crate::model::value::{Bracket, Comparator, Number};
use crate::model::year::{FiscalYear, YearStyle};
use crate::model::{Amount, Cell};

/// A short year for annotations: `H27`, or `2015` on a Western-year site.
pub fn short_year(y: FiscalYear, style: YearStyle) -> String {
    match style {
        YearStyle::Western => y.western().to_string(),
        _ => y.short(),
    }
}

/// A number with the Japanese minus sign ▲ that screen readers hear as "マイナス".
pub fn number_html(n: &Number) -> String {
    if n.is_negative() {
        format!(
            "<span aria-hidden=\"true\">▲</span><span class=\"visually-hidden\">マイナス</span>{}",
            n.format_abs()
        )
    } else {
        n.format_abs()
    }
}

/// Plain text of a number (for titles and alt text): `▲124` → `マイナス124`.
pub fn number_text(n: &Number) -> String {
    if n.is_negative() {
        format!("マイナス{}", n.format_abs())
    } else {
        n.format_abs()
    }
}

pub fn float_text(v: f64) -> String {
    number_text(&Number::from_f64(v))
}

/// "no value" that is visibly a dash and audibly 値なし.
pub const NO_VALUE: &str = "<span class=\"no-value\"><span aria-hidden=\"true\">—</span><span class=\"visually-hidden\">値なし</span></span>";

/// A KPI cell as printed. `column` is the year of the row it sits in; `unit`, when given,
/// follows a number written as a number with no space (`16.0%`), or a space if asked. A value the content
/// wrote as a string (`"16.0 %"`, `"約80人"`) and a state in words show as written.
pub fn cell_html(
    cell: &Cell,
    column: Option<FiscalYear>,
    style: YearStyle,
    unit: Option<(&str, bool)>,
) -> String {
    let written = cell.state.as_deref().or(cell.printed.as_deref());
    let mut out = match written {
        Some(w) => written_html(w),
        None => figure_html(cell, column, style, unit),
    };
    if let Some(note) = &cell.note {
        if !out.is_empty() {
            out.push(' ');
        }
        let _ = write!(out, "<span class=\"cell-note\">{}</span>", escape(note));
    }
    out
}

/// Text as the content wrote it, escaped, its ▲ read out as マイナス.
fn written_html(w: &str) -> String {
    escape(w).replace(
        '▲',
        "<span aria-hidden=\"true\">▲</span><span class=\"visually-hidden\">マイナス</span>",
    )
}

/// A cell given as a number (or a table): the figure, its unit, comparator and the
/// sheet's year annotations.
fn figure_html(
    cell: &Cell,
    column: Option<FiscalYear>,
    style: YearStyle,
    unit: Option<(&str, bool)>,
) -> String {
    // The figure's own string is the cell's: most cells are a figure and nothing more.
    let mut out = match &cell.amount {
        Some(n) => number_html(n),
        None if cell.note.is_some() => String::new(),
        None => NO_VALUE.to_string(),
    };
    if let (Some(_), Some((u, spaced))) = (&cell.amount, unit) {
        if spaced {
            out.push(' ');
        }
        out.push_str(&escape(u));
    }
    if let Some(c) = cell.comparator {
        out.push_str(match c {
            Comparator::AtLeast => "以上",
            Comparator::AtMost => "以下",
        });
    }
    let (open, close) = match cell.bracket {
        Some(Bracket::Square) => ("[", "]"),
        Some(Bracket::Lenticular) => ("【", "】"),
        _ => ("(", ")"),
    };
    if let Some((a, b)) = cell.span {
        let _ = write!(
            out,
            " <span class=\"annot\">{open}{}～{}の累計{close}</span>",
            short_year(a, style),
            short_year(b, style)
        );
    }
    if let Some(m) = cell.measured.filter(|m| Some(*m) != column) {
        let _ = write!(
            out,
            " <span class=\"annot\">{open}{}の値{close}</span>",
            short_year(m, style)
        );
    }
    if let Some(t) = cell.target_year.filter(|t| Some(*t) != column) {
        let _ = write!(
            out,
            " <span class=\"annot\">{open}{}{close}</span>",
            short_year(t, style)
        );
    }
    out
}

/// An amount the sheet prints as "-" (stated as none): shown as printed, and said.
pub const STATED_NONE: &str = "<span class=\"stated-none\"><span aria-hidden=\"true\">-</span><span class=\"visually-hidden\">なし（シートの記載「-」）</span></span>";

/// 千円 amounts as printed: `1,234`, `-` (stated as none), or the "no value" dash.
pub fn money(v: Option<Amount>) -> String {
    match v {
        Some(Amount::Value(v)) => number_html(&Number::money_sum(v)),
        Some(Amount::None) => STATED_NONE.to_string(),
        None => NO_VALUE.to_string(),
    }
}

pub fn percent(rate: f64) -> String {
    format!("{}%", crate::model::value::fixed(rate, 1))
}
