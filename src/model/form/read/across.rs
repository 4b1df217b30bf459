//! A row printed as one cell across its table's columns (`across = true`): 愛知県's
//! 事務事業評価調書 prints 「対前年比 (事業費) 104.5%」 under its two years' 事業費, one figure
//! spanning both year columns (round 39). Its cell is the sheet's, not a year's phase: it
//! takes no part in a formula or a sum, and is drawn only where a row is a line of the
//! table (not with its years as rows, nor a row drawn apart, nor one heading rows under it).

use super::*;

/// A row's fields that have no meaning on a row of one cell across the table.
const NOT_ACROSS: [&str; 5] = ["formula", "part_of", "show", "cells", "inside"];

impl<'a> Reader<'a> {
    /// `across = true` on a fixed row: refused on a list's rows (each entry a row of
    /// phases) and beside the fields of a row of phases.
    pub(super) fn across(&self, r: &mut Table<'a>, is_list: bool) -> bool {
        let Some(flag) = r.flag("across") else {
            return false;
        };
        if !flag.value {
            return false;
        }
        let path = r.path.clone();
        if is_list {
            self.error(
                flag.span,
                &format!("{path}.across"),
                "across = true（表の列をまたぐ一つのセル）は決まった行（key のある行）に書きます。内容が書く行の一覧（list）には書けません".to_string(),
                "across = true (one cell across the table's columns) goes on a fixed row (one with a key), not on a list of rows content writes (list)".to_string(),
            );
            return false;
        }
        let clash: Vec<&str> = (NOT_ACROSS.iter().copied())
            .filter(|k| r.span_of(k).is_some())
            .collect();
        if let Some(first) = clash.first() {
            let list = clash.join(", ");
            self.error(
                r.span_of(first).unwrap_or(flag.span),
                &format!("{path}.{first}"),
                format!("across = true の行は、表の列をまたいで印字される一つの値です。年度の区分ごとの {list} は書けません"),
                format!("a row with across = true is one value printed across the table's columns: it takes no {list}, which are a year's phases'"),
            );
            return false;
        }
        true
    }

    /// A table's rows printed across it: only where each row is a line of the table, and
    /// named by no other row's formula, parts or `inside` (it has no phase to add up).
    pub(super) fn check_across(
        &self,
        key: &str,
        rows: &[RowRead],
        plain: bool,
        (groups, sums): (&[RowGroup], &[(String, Vec<String>)]),
    ) {
        let across: Vec<&str> = (rows.iter())
            .filter(|(r, ..)| r.across)
            .map(|(r, ..)| r.key.as_str())
            .collect();
        if across.is_empty() {
            return;
        }
        for (row, span, _, path) in rows.iter().filter(|(r, ..)| r.across && !plain) {
            self.error(
                span.clone(),
                &format!("{path}.across"),
                format!("表「{key}」の行「{}」の across = true（列をまたぐ一つのセル）は、行が表の一行として描かれる表にだけ書けます。years = \"rows\"、each_row、names_after、units_after のある表には書けません", row.key),
                format!("table \"{key}\", row \"{}\": across = true (one cell across the columns) goes only in a table drawn a row a line, not with years = \"rows\", each_row, names_after or units_after", row.key),
            );
        }
        // A row heading rows under it draws its name over them, not a line of cells; rows
        // under a row printed beside them take its cells column by column.
        for (row, span, _, path) in rows.iter().filter(|(r, ..)| r.across) {
            let mut beside = false;
            let mut group = row.group;
            while let Some(g) = group.and_then(|g| groups.get(g)) {
                beside |= g.beside;
                group = g.parent;
            }
            let heads = (groups.iter()).any(|g| g.head.as_deref() == Some(row.key.as_str()));
            if beside || heads {
                self.error(
                    span.clone(),
                    &format!("{path}.across"),
                    format!("表「{key}」の行「{}」は下に行（rows）を持つか、横に印字される行（beside = true）の下にあるので、列をまたぐ一つのセル（across = true）にはできません", row.key),
                    format!("table \"{key}\", row \"{}\" has rows under it (rows) or stands under a row printed beside them (beside = true), so it cannot be one cell across the columns (across = true)", row.key),
                );
            }
        }
        for (name, keys) in sums {
            if let Some(k) = keys.iter().find(|k| across.contains(&k.as_str())) {
                let (span, path) = (rows.iter())
                    .find(|(r, ..)| r.key == *k)
                    .map(|(_, span, _, path)| (span.clone(), path.clone()))
                    .unwrap_or_default();
                self.error(
                    span,
                    &path,
                    format!("表「{key}」の sums の「{name}」が、列をまたぐ一つのセルの行「{k}」（across = true）を足しています。その行には年度と区分ごとの値がないので使えません"),
                    format!("table \"{key}\", sum \"{name}\" adds row \"{k}\", printed as one cell across the table (across = true): it has no value per year and phase to add"),
                );
            }
        }
        for (row, span, _, path) in rows {
            let named = (row.formula.iter())
                .flat_map(|f| f.rows(key))
                .chain(row.part_of.as_deref())
                .chain(row.inside.as_ref().map(|i| i.row.as_str()))
                .find(|k| across.contains(k));
            if let Some(k) = named {
                self.error(
                    span.clone(),
                    path,
                    format!("表「{key}」の行「{}」が、列をまたぐ一つのセルの行「{k}」（across = true）を計算・内訳・セルの中の印字に使っています。その行には年度の区分ごとの値がないので使えません", row.key),
                    format!("table \"{key}\", row \"{}\" names row \"{k}\", printed as one cell across the table (across = true), in a formula, parts or inside: it has no value per year and phase to use", row.key),
                );
            }
        }
    }
}
