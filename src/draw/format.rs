//! Formatting of figures for the page: values as printed on the sheet (with ▲ read out
//! as マイナス, blanks that are not zero, carried-forward and cumulative marks), money,
//! percentages and year labels. Functions returning HTML escape everything they embed.

use std::fmt::Write as _;

use crate::draw::escape::html_string as escape;
use crate::model::value::{Bracket, Comparator, Number};
use crate::model::year::{FiscalYear, YearNames};
use crate::model::{Amount, Cell, Labels};

/// A short year for annotations: `H27`, or `2015` on a Western-year site.
pub fn short_year(y: FiscalYear, style: YearNames) -> String {
    if style.style.is_western() {
        y.western().to_string()
    } else {
        y.short_kept(style.kept)
    }
}

/// A number with the Japanese minus sign ▲ that screen readers hear as "マイナス"
/// (`value.minus`).
pub fn number_html(n: &Number, l: &Labels) -> String {
    if n.is_negative() {
        format!("{}{}", minus_html(l), n.format_abs())
    } else {
        n.format_abs()
    }
}

/// The sheet's ▲, shown, and heard as `value.minus` (マイナス).
fn minus_html(l: &Labels) -> String {
    sign_html('▲', l)
}

/// A minus sign, shown, and heard as `value.minus`.
fn sign_html(sign: char, l: &Labels) -> String {
    format!(
        "<span aria-hidden=\"true\">{sign}</span><span class=\"visually-hidden\">{}</span>",
        escape(l.get("value.minus"))
    )
}

/// The minus sign of a figure kensho computes (a change): U+2212, not the sheet's ▲,
/// which beside △ (a grade, the target's mark) reads as one more mark of the sheet.
pub const COMPUTED_MINUS: char = '\u{2212}';

/// A number kensho computed, its sign always shown: `+3`, `−2` (heard as マイナス2),
/// `0`.
pub fn computed_html(n: &Number, l: &Labels) -> String {
    if n.is_negative() {
        format!("{}{}", sign_html(COMPUTED_MINUS, l), n.format_abs())
    } else if n.value > 0.0 {
        format!("+{}", n.format_abs())
    } else {
        n.format_abs()
    }
}

/// Plain text of a number (for titles and alt text): `▲124` → `マイナス124`.
pub fn number_text(n: &Number, l: &Labels) -> String {
    if n.is_negative() {
        format!("{}{}", l.get("value.minus"), n.format_abs())
    } else {
        n.format_abs()
    }
}

/// A number as a chart draws it, seen (the chart's text alternative says it in words):
/// the sheet's ▲ for a minus, as on the sheet and in the table beside it.
pub fn number_drawn(n: &Number) -> String {
    match n.is_negative() {
        true => format!("▲{}", n.format_abs()),
        false => n.format_abs(),
    }
}

pub fn float_text(v: f64, l: &Labels) -> String {
    number_text(&Number::from_f64(v), l)
}

/// "no value" that is visibly a dash and audibly 値なし (`value.none`).
pub fn no_value(l: &Labels) -> String {
    no_value_as("—", l)
}

/// "no value" as the sheet marks it (「-」), audibly 値なし (`value.none`).
pub fn no_value_as(mark: &str, l: &Labels) -> String {
    format!(
        "<span class=\"no-value\"><span aria-hidden=\"true\">{}</span><span class=\"visually-hidden\">{}</span></span>",
        escape(mark),
        escape(l.get("value.none"))
    )
}

/// A KPI cell as printed. `column` is the year of the row it sits in; `unit`, when given,
/// follows a number written as a number with no space (`16.0%`), or a space if asked. A value the content
/// wrote as a string (`"16.0 %"`, `"約80人"`) and a state in words show as written.
pub fn cell_html(
    cell: &Cell,
    column: Option<FiscalYear>,
    style: YearNames,
    unit: Option<(&str, bool)>,
    l: &Labels,
) -> String {
    let written = cell.state.as_deref().or(cell.printed.as_deref());
    let mut out = match written {
        Some(w) => written_html(w, l),
        None => figure_html(cell, column, style, unit, l),
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
fn written_html(w: &str, l: &Labels) -> String {
    escape(w).replace('▲', &minus_html(l))
}

/// A cell given as a number (or a table): the figure, its unit, comparator and the
/// sheet's year annotations.
fn figure_html(
    cell: &Cell,
    column: Option<FiscalYear>,
    style: YearNames,
    unit: Option<(&str, bool)>,
    l: &Labels,
) -> String {
    // The figure's own string is the cell's: most cells are a figure and nothing more.
    let mut out = match (&cell.amount, &cell.mark) {
        (Some(n), _) => number_html(n, l),
        (None, _) if cell.note.is_some() => String::new(),
        // The sheet's own mark for no value, as written (「-」).
        (None, Some(mark)) => no_value_as(mark, l),
        (None, None) => no_value(l),
    };
    if let (Some(_), Some((u, spaced))) = (&cell.amount, unit) {
        if spaced {
            out.push(' ');
        }
        out.push_str(&escape(u));
    }
    // 以上/以下 qualifies a number: after the no-value mark it would say nothing.
    if let (Some(_), Some(c)) = (&cell.amount, cell.comparator) {
        out.push_str(&escape(comparator(c, l)));
    }
    let (open, close) = match cell.bracket {
        Some(Bracket::Square) => ("[", "]"),
        Some(Bracket::Lenticular) => ("【", "】"),
        _ => ("(", ")"),
    };
    if let Some((a, b)) = cell.span {
        let words = l.fill(
            "value.cumulative",
            &[
                ("from", &short_year(a, style)),
                ("to", &short_year(b, style)),
            ],
        );
        let _ = write!(
            out,
            " <span class=\"annot\">{open}{}{close}</span>",
            escape(&words)
        );
    }
    if let Some(m) = cell.measured.filter(|m| Some(*m) != column) {
        let words = l.fill("value.measured", &[("year", &short_year(m, style))]);
        let _ = write!(
            out,
            " <span class=\"annot\">{open}{}{close}</span>",
            escape(&words)
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

/// An amount the sheet prints as "-" (stated as none): shown as printed, and said
/// (`value.stated_none`).
pub fn stated_none(l: &Labels) -> String {
    format!(
        "<span class=\"stated-none\"><span aria-hidden=\"true\">-</span><span class=\"visually-hidden\">{}</span></span>",
        escape(l.get("value.stated_none"))
    )
}

/// 千円 amounts as printed: `1,234`, `-` (stated as none), or the "no value" dash.
pub fn money(v: Option<Amount>, l: &Labels) -> String {
    match v {
        Some(Amount::Value(v)) => number_html(&Number::money_sum(v), l),
        Some(Amount::None) => stated_none(l),
        None => no_value(l),
    }
}

/// A target's comparator in words: 以上 / 以下 (`value.at_least`, `value.at_most`).
pub fn comparator(c: Comparator, l: &Labels) -> &str {
    l.get(c.label())
}

pub fn percent(rate: f64) -> String {
    format!("{}%", crate::model::value::fixed(rate, 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::year::YearNames;

    #[test]
    fn a_computed_change_has_a_minus_sign_the_sheets_number_its_triangle() {
        let l = Labels::default();
        let minus = "<span aria-hidden=\"true\">\u{2212}</span><span class=\"visually-hidden\">マイナス</span>2";
        assert_eq!(computed_html(&Number::from_f64(-2.0), &l), minus);
        assert_eq!(computed_html(&Number::from_f64(3.0), &l), "+3");
        assert_eq!(computed_html(&Number::from_f64(0.0), &l), "0");
        assert!(number_html(&Number::from_f64(-2.0), &l).contains(">▲<"));
        // A chart draws the sheet's ▲ (its text alternative says マイナス).
        assert_eq!(number_drawn(&Number::from_f64(-124.0)), "▲124");
        assert_eq!(number_drawn(&Number::from_f64(1394.0)), "1,394");
    }

    #[test]
    fn no_value_stands_alone_without_unit_or_comparator() {
        let l = Labels::default();
        let cell = Cell {
            comparator: Some(Comparator::AtLeast),
            ..Cell::default()
        };
        let html = cell_html(&cell, None, YearNames::default(), Some(("%", true)), &l);
        assert_eq!(html, no_value(&l));
        let cell = Cell {
            amount: Some(Number::from_f64(90.0)),
            comparator: Some(Comparator::AtLeast),
            ..Cell::default()
        };
        let html = cell_html(&cell, None, YearNames::default(), Some(("%", false)), &l);
        assert_eq!(html, "90%以上");
    }
}
