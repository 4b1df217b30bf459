//! A cell as content writes it: a value alone (`1.5`, `"16,847"`, `"-"`, `"算定中"` in a
//! `words = true` row), or a table `{ value = "60.2%", year = "H23", phase = "budget" }`
//! when the cell prints its own year (羽村市 現状 「60.2% (平成23年度予算)」) or carries the
//! row's notes (`{ value = 1000, kisai = "…" }`: 起債名, 充当率).

use super::value::cell_value;
use super::{CellValue, CellYear};
use crate::diag::Message;
use crate::load::tree::Value;
use crate::model::form::{PhaseIs, Row};
use crate::model::reader::{Located, Val};
use crate::model::site::SiteConfig;
use crate::model::year::FiscalYear;

/// A cell read: its value, the year it prints as its own, its notes (key, text).
pub(super) struct Written {
    pub value: CellValue,
    pub year: Option<CellYear>,
    pub notes: Vec<(String, String)>,
}

/// Whether `v` is a cell written as a table (it has `value`), not a row's phases.
pub(super) fn is_cell_table(v: &Val<'_>) -> bool {
    matches!(&v.node.value, Value::Table(t) if t.iter().any(|(k, _)| k.name == "value"))
}

/// Read one cell of `row`.
pub(super) fn read(v: Val<'_>, field: &str, row: &Row, config: &SiteConfig) -> Option<Written> {
    let Some(mut t) = v.as_table(field.to_string()) else {
        return cell_value(v, field, row, config).map(|value| Written {
            value,
            year: None,
            notes: Vec::new(),
        });
    };
    let value = t.value("value");
    let year = t.string("year");
    let phase = t.string("phase");
    let notes: Vec<(String, String)> = (row.notes.iter())
        .filter_map(|n| Some((n.key.clone(), t.own_string(&n.key)?.value)))
        .collect();
    t.finish();
    let Some(value) = value else {
        v.ctx.error(
            v.span(),
            field,
            Message::new(
                format!("「{field}」にセルの値 value がありません（例: {{ value = \"60.2%\", year = \"H23\", phase = \"budget\" }}）"),
                format!("`{field}` has no value: a cell written as a table gives it (e.g. {{ value = \"60.2%\", year = \"H23\", phase = \"budget\" }})"),
            ),
        );
        return None;
    };
    let value = cell_value(value, &format!("{field}.value"), row, config)?;
    let own = match (year, phase) {
        (None, None) => None,
        (Some(y), phase) => own_year(v, field, (y, phase), config),
        (None, Some(p)) => {
            v.ctx.error(
                p.span,
                &format!("{field}.phase"),
                Message::new(
                    "セルの phase は、そのセル自身の年度 year と一緒に書きます（例: year = \"H23\", phase = \"budget\"）",
                    "a cell's phase goes with the cell's own year (e.g. year = \"H23\", phase = \"budget\")",
                ),
            );
            None
        }
    };
    Some(Written {
        value,
        year: own,
        notes,
    })
}

/// A cell's `year` and `phase` as written.
type YearPhase = (Located<String>, Option<Located<String>>);

/// A cell's own year (and phase): a year of the site's spellings, a phase of
/// `phases`, a result no later than the report year.
fn own_year(
    v: Val<'_>,
    field: &str,
    (y, phase): YearPhase,
    config: &SiteConfig,
) -> Option<CellYear> {
    let year_field = format!("{field}.year");
    let year = match FiscalYear::parse(&y.value) {
        Ok(year) => v
            .ctx
            .check_year(y.span.clone(), &year_field, &y.value, year)?,
        Err(e) => {
            v.ctx.error(
                y.span.clone(),
                &year_field,
                Message::new(
                    format!("{} セルの year は、値の年度（\"H23\" など）です", e.ja()),
                    format!(
                        "{}; a cell's year is the year of its value (\"H23\" …)",
                        e.en()
                    ),
                ),
            );
            return None;
        }
    };
    let Some(p) = phase else {
        return Some(CellYear { year, phase: None });
    };
    let phases = &config.forms.phases;
    let Some(found) = phases.iter().find(|x| x.key == p.value) else {
        let keys: Vec<&str> = phases.iter().map(|x| x.key.as_str()).collect();
        v.ctx.error(
            p.span,
            &format!("{field}.phase"),
            Message::new(
                format!(
                    "セルの区分「{}」は forms.toml の phases にありません（あるもの: {}）",
                    p.value,
                    keys.join(", ")
                ),
                format!(
                    "phase \"{}\" of the cell is not in phases of forms.toml (known: {})",
                    p.value,
                    keys.join(", ")
                ),
            ),
        );
        return None;
    };
    if found.is == PhaseIs::Result && year > config.report_year {
        v.ctx.error(
            p.span,
            &format!("{field}.phase"),
            Message::new(
                format!("「{}」は結果の区分ですが、年度 {} は報告年度より後です。計画の区分にするか、年度を確かめてください", found.said(), y.value),
                format!("\"{}\" is a result phase but {} is after the report year; use a plan phase or check the year", found.said(), y.value),
            ),
        );
        return None;
    }
    Some(CellYear {
        year,
        phase: Some(found.key.clone()),
    })
}

/// A figure row's cell written in words where the row does not allow them: an error
/// that names `words = true`. `None`: not words (read it as a figure).
pub(super) fn words_refused(v: &Val<'_>, field: &str, row: &Row) -> Option<()> {
    let Value::String(s) = &v.node.value else {
        return None;
    };
    if row.words || s.chars().any(|c| c.is_ascii_digit()) || type_is_none(s) {
        return None;
    }
    v.ctx.error(
        v.span(),
        field,
        Message::new(
            format!("「{field}」は数値の行ですが「{s}」と書かれています。シートがこの欄に語句を印字しているなら、forms.toml の行「{}」に words = true を書いてください", row.key),
            format!("`{field}` is a figure row but \"{s}\" is written; if the sheet prints words in this cell, add words = true to row \"{}\" in forms.toml", row.key),
        ),
    );
    Some(())
}

fn type_is_none(s: &str) -> bool {
    crate::model::form::NONE_MARKS.contains(&s.trim())
}
