//! The one cell of a row printed across its table (`across = true`: 愛知県's 対前年比):
//! written bare (or as a cell table, `{ value = …, printed = … }`) in the report year's
//! `[years]`, or for a table of no year in the page's own table.

use super::written;
use super::{FormCell, SheetYear, YearKind};
use crate::diag::Message;
use crate::load::tree::Value;
use crate::model::form::{ACROSS, FormTable, Row};
use crate::model::reader::{Table, Val};
use crate::model::site::SiteConfig;

/// Read row `row`'s one cell from `v`: a value with phases is refused (it has none),
/// and one written in a year other than the report's is printed nowhere (a warning).
pub(super) fn read_across(
    t: &Table<'_>,
    v: Val<'_>,
    (table, row): (&FormTable, &Row),
    year: &YearKind,
    config: &SiteConfig,
    out: &mut SheetYear,
) {
    let field = t.field_of(&row.key);
    if matches!(v.node.value, Value::Table(_)) && !written::is_cell_table(&v) {
        v.ctx.error(
            v.span(),
            &field,
            Message::new(
                format!(
                    "「{}」は表「{}」の列をまたいで印字される一つの値（across = true）なので、区分を付けずに値だけを書いてください（例: {} = \"104.5%\"）",
                    row.key, table.key, row.key
                ),
                format!(
                    "`{}` is one value printed across the columns of table \"{}\" (across = true): write the value alone, with no phases (e.g. {} = \"104.5%\")",
                    row.key, table.key, row.key
                ),
            ),
        );
        return;
    }
    let Some(w) = written::read(v, &field, row, config) else {
        return;
    };
    if year.drawn && !table.yearless && year.year != year.report {
        let (fy, report) = (year.year.short(), year.report.short());
        v.ctx.warning(
            v.span(),
            &field,
            Message::new(
                format!(
                    "表「{}」の行「{}」（across = true）は {report} の表に一つだけ印字されます。[years.{fy}] に書いたこのセルはページのどこにも印字されず、オープンデータにだけ載ります。シートが印字する値なら [years.{report}] に書いてください",
                    table.key, row.key
                ),
                format!(
                    "row \"{}\" of table \"{}\" (across = true) is printed once, in {report}'s table: this cell written in [years.{fy}] is printed nowhere on the pages, only in the open data; if the sheet prints it, write it in [years.{report}]",
                    row.key, table.key
                ),
            ),
        );
    }
    (out.cells).push(FormCell::new(table, row, None, ACROSS.to_string(), w));
}
