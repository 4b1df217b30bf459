//! Reading a form's tables: their columns (a year and a phase each, or a measure with its
//! own key and kind; the heading as printed, or none) and their rows (kind, unit, formula, `part_of`); the rows' relations are checked in
//! `relations.rs`, what the real sheets add in `extras.rs`.

use super::*;

/// What reading a table's rows needs to know of the table.
pub(super) struct RowsRead<'k> {
    /// Whether every column is a measure (a row then needs no `kind`).
    pub measures: bool,
    /// Whether a measure column is of kind grade (a row may then name the scale of its
    /// cells there, `scale`).
    pub grades: bool,
    /// The table's key, for messages.
    pub table: &'k str,
    /// Whether a column's phase says plan or result (a row's `is` then has no place).
    pub phases_said: bool,
}

/// The keys a row of a table may have (a misspelt `list` or `key` is told from them).
const ROW_FIELDS: [&str; 21] = [
    "list",
    "across",
    "is",
    "key",
    "name",
    "heading",
    "group_heading",
    "unit",
    "kind",
    "scale",
    "formula",
    "part_of",
    "show",
    "cells",
    "words",
    "as_written",
    "names",
    "notes",
    "inside",
    "printed",
    "empty",
];

/// The keys a measure column may have.
const COLUMN_FIELDS: [&str; 17] = [
    "key", "heading", "kind", "scale", "is", "year", "unit", "span", "group", "phase", "heard",
    "words", "marks", "formula", "inside", "printed", "empty",
];

/// How deep row groups may nest (コスト内訳 → 投入人員 is two): each is a column of
/// names before the rows' own.
const MAX_ROW_GROUP_DEPTH: usize = 3;

impl<'a> Reader<'a> {
    /// With each row drawn a group of phase rows or a table (`each_row`), a column per
    /// year's heading: the columns of one year share their heading and their group, two
    /// years never one heading (the years would merge into one column, a year's figures
    /// lost: `group = "{year}"` over a heading 「計画・実績」 the same every year).
    fn check_year_heads(&self, t: &Table<'a>, key: &str, columns: &[Column]) {
        let report = self.config.report_year;
        let mut seen: Vec<(String, FiscalYear, Option<&str>)> = Vec::new();
        for c in columns.iter().filter(|c| c.measure.is_none()) {
            let Some(year) = c.year.resolve(report) else {
                continue;
            };
            let head = self.config.year_heading(&c.heading, year);
            let group = c.group.as_deref();
            // One heading and one group a year; no heading of two years.
            let clash = (seen.iter()).find(|(h, y, g)| {
                (*h == head && *y != year) || (*y == year && (*h != head || *g != group))
            });
            let Some((other_head, other, _)) = clash else {
                seen.push((head, year, group));
                continue;
            };
            let shown = |y: &FiscalYear| y.display(self.config.year_names());
            let (ja, en) = if *other != year {
                (
                    format!(
                        "表「{key}」の {} と {} の列が同じ見出し「{head}」です。each_row の表では年度ごとに一つの列になるので、年度ごとに見出しを変えてください（heading に {{year}} を書くなど）",
                        shown(other),
                        shown(&year)
                    ),
                    format!(
                        "table \"{key}\": the columns of {} and {} share the heading \"{head}\"; with each_row, each year is one column, so each year needs its own heading (write {{year}} in the heading)",
                        shown(other),
                        shown(&year)
                    ),
                )
            } else if *other_head != head {
                (
                    format!(
                        "表「{key}」の {} の列の見出しが「{other_head}」と「{head}」に分かれています。each_row の表では、一つの年度の列は一つの見出しの下に立ちます",
                        shown(&year)
                    ),
                    format!(
                        "table \"{key}\": the columns of {} are headed \"{other_head}\" and \"{head}\"; with each_row, a year's columns stand under one heading",
                        shown(&year)
                    ),
                )
            } else {
                (
                    format!(
                        "表「{key}」の {} の列の見出し「{head}」にまとまり（group）の違う列があります。each_row の表では、一つの年度の列は一つの見出しとまとまりの下に立ちます",
                        shown(&year)
                    ),
                    format!(
                        "table \"{key}\": the columns of {} headed \"{head}\" have different groups; with each_row, a year's columns stand under one heading and one group",
                        shown(&year)
                    ),
                )
            };
            self.error(t.span.clone(), &format!("{}.columns", t.path), ja, en);
            return;
        }
    }

    /// `[forms.F.tables]`: each table, with where its key was written.
    pub(super) fn tables(&self, tt: Table<'a>) -> Vec<(FormTable, Range<usize>)> {
        let mut out = Vec::new();
        for (key, val) in tt.entries() {
            let path = format!("{}.{}", tt.path, key.name);
            if !self.key_ok(key.span.clone(), &path, &key.name, TABLE_KEY) {
                continue;
            }
            let Some(t) = val.as_table(path.clone()) else {
                type_error(self.ctx, &path, val.node, ("表", "a table"));
                continue;
            };
            if let Some(table) = self.table(&key.name, t) {
                out.push((table, key.span.clone()));
            }
        }
        out
    }

    /// One table: caption, rows and columns, its formulas and parts checked.
    pub(super) fn table(&self, key: &str, mut t: Table<'a>) -> Option<FormTable> {
        let path = t.path.clone();
        let cell_units = self.cell_units(&mut t);
        let caption = t.string("caption").map(|l| l.value);
        let (corner, corner_rows) = self.corner(&mut t);
        let phases_heading = t.string("phases_heading");
        let axis = self.years_axis(&mut t);
        let years_as_rows = axis == Axis::Rows;
        let phases_at = t.span_of("phases");
        let phases_as_columns = self.phases_axis(&mut t);
        let units = t.string("units").map(|l| l.value);
        let each_row = self.each_row(&mut t);
        let row_tables = each_row == EachRow::Table;
        let name_heading = self.name_heading(&mut t, key, row_tables);
        let sums = self.sums(&mut t);
        // Where every column written is a measure, each column's kind reads its cells: a
        // row needs none of its own (a column refused for a mistake of its own still
        // counts, so that one mistake is one error, not one a row).
        let (columns, measures) = self.columns(&mut t);
        let mut groups = Vec::new();
        let mut rows: Vec<RowRead> = Vec::new();
        let read = RowsRead {
            measures,
            grades: (columns.iter())
                .any(|c| matches!(c.measure, Some(MeasureKind::Own(RowKind::Grade(_))))),
            table: key,
            phases_said: (columns.iter())
                .any(|c| c.measure.is_none() && c.phase.is != PhaseIs::Unsaid),
        };
        self.rows(t.tables("rows"), None, &mut groups, &mut rows, &read);
        let group_names_every =
            self.group_names(&mut t, key, &groups, &rows, years_as_rows || row_tables);
        let rows_indented = self.rows_under(&mut t, key, &groups, group_names_every);
        let names_after = self.names_after(&mut t, key, &columns, (axis, each_row), &groups);
        let units_at = self.units_after(
            &mut t,
            key,
            &columns,
            (axis, each_row),
            (&units, names_after),
        );
        let plain = !years_as_rows && each_row == EachRow::Row && names_after == 0 && units_at == 0;
        self.check_inside_table(&t, key, (&columns, &rows), plain);
        self.check_across(key, &rows, plain, (&groups, &sums));
        if !groups.is_empty() && row_tables {
            self.error(
                t.span.clone(),
                &format!("{path}.rows"),
                format!("表「{key}」の行のまとまり（rows のある行）は、each_row = \"table\" の表には描けません。まとまりの名は行の名に含めてください"),
                format!("table \"{key}\": row groups (a row with rows) cannot be drawn in a table with each_row = \"table\"; put the group's name in the rows' names"),
            );
        }
        if years_as_rows
            && groups
                .iter()
                .any(|g| g.parent.is_some() || g.head.is_some())
        {
            self.error(
                t.span.clone(),
                &format!("{path}.rows"),
                format!("表「{key}」は年度を行にして描く（years = \"rows\"）ので、行のまとまりはその行の列の上の見出しになります。まとまりの中のまとまりや、行の下の行（key と rows のある行）は描けません。まとまりは名（name）と rows だけで一段にしてください"),
                format!("table \"{key}\" is drawn with its years as rows (years = \"rows\"), so a row group is a heading over its rows' columns: it cannot hold another group, nor be a row with rows under it (key and rows); write each group as a name and rows, one deep"),
            );
        }
        if each_row == EachRow::Rows && groups.iter().any(|g| g.head.is_some()) {
            self.error(
                t.span.clone(),
                &format!("{path}.rows"),
                format!("表「{key}」は行ごとに区分の行をまとめる（each_row = \"rows\"）ので、行の下の行（key と rows のある行）は描けません。下の行はその行の後に rows の外で書いてください"),
                format!("table \"{key}\" draws each row as a group of phase rows (each_row = \"rows\"), so it cannot draw rows under a row (a row with key and rows); write the rows under it after it, outside its rows"),
            );
        }
        // With its years as rows, a column group is drawn as a group of the rows it
        // becomes (豊中市's 2019年 beside 施策 and 施策の方向性). With each row a group of
        // phase rows, a group stands over years (小諸市's 「目 標 値」 over 平成25年度 …
        // 平成28年度), not over a measure's column, which spans the heading rows.
        let refused = match each_row {
            EachRow::Row => false,
            EachRow::Rows => columns
                .iter()
                .any(|c| c.group.is_some() && c.measure.is_some()),
            EachRow::Table => columns.iter().any(|c| c.group.is_some()),
        };
        if refused {
            self.error(
                t.span.clone(),
                &format!("{path}.columns"),
                format!("表「{key}」の列のまとまり（group）は、each_row = \"table\" の表と、each_row = \"rows\" の表の年度でない列（kind のある列）には描けません。まとまりの名は列の heading に含めてください"),
                format!("table \"{key}\": column groups (group) cannot be drawn in a table with each_row = \"table\", nor over a column that is no year's (one with a kind) with each_row = \"rows\"; put the group's name in the columns' headings"),
            );
        }
        if each_row != EachRow::Row {
            self.check_year_heads(&t, key, &columns);
        }
        if let Some(at) = phases_at.filter(|_| phases_as_columns) {
            let drawn = years_as_rows
                && units.is_none()
                && each_row == EachRow::Row
                && groups.is_empty()
                && columns
                    .iter()
                    .all(|c| c.measure.is_none() && c.group.is_none());
            if !drawn {
                self.error(
                    at,
                    &format!("{path}.phases"),
                    format!("表「{key}」の phases = \"columns\"（年度を行、区分を列に）は、years = \"rows\" の表に書きます。その表には単位の列（units）、key のある列、列のまとまり（group）、行のまとまり（rows のある行）、\"row\" 以外の each_row は書けません"),
                    format!("table \"{key}\": phases = \"columns\" (a row per year, a column per phase) goes with years = \"rows\", in a table with no units column (units), no column with a key, no column group (group), no row groups (a row with rows) and no each_row but \"row\""),
                );
            }
        }
        if !years_as_rows && each_row == EachRow::Row {
            self.unheaded_columns(&t, key, &columns);
        }
        self.measures_by_phase(&t, key, &columns, axis, each_row, phases_heading.as_ref());
        if axis == Axis::None {
            self.yearless_columns(&t, key, &columns, each_row);
        }
        for (k, what) in [("rows", "行"), ("columns", "列")] {
            // `rows = []` draws a corner over nothing (広川町's cost table, round 38):
            // refused as a table without rows is, with the shape of one.
            let empty = (t.entries()).any(|(n, v)| {
                n.name == k && matches!(&v.node.value, Value::Array(a) if a.is_empty())
            });
            let (shape_ja, shape_en) = match k {
                "rows" => (
                    "決まった行は { key, name }、内容が書く行の一覧は { list, heading }。見出しの下に空の行を印字する表なら { key = \"…\", name = \"\" }",
                    "a fixed row is { key, name }, the rows content writes { list, heading }; a table printing one blank row under its headings, { key = \"…\", name = \"\" }",
                ),
                _ => (
                    "年度の列は { year, phase, heading }、数値の項目の列は { key, heading, kind }",
                    "a year's column is { year, phase, heading }, a measure { key, heading, kind }",
                ),
            };
            if t.span_of(k).is_none() || empty {
                self.error(
                    t.span_of(k).unwrap_or_else(|| t.span.clone()),
                    &format!("{path}.{k}"),
                    format!("表「{key}」に {k}（{what}）がありません。シートが印字する{what}を、シートの順に書いてください（{shape_ja}）"),
                    format!("table \"{key}\" has no {k}: write the {k} the sheet prints, in its order ({shape_en})"),
                );
            }
        }
        self.check_group_headings(&rows, key, years_as_rows || row_tables);
        if let Some(c) = &corner {
            self.check_corner(c, &rows, key, &path);
        }
        self.scales_named(&t, key, &columns, &rows);
        self.check_sums(&t, &sums, &rows);
        t.finish();
        let mut seen: HashMap<&str, Range<usize>> = HashMap::new();
        let mut ok = Vec::new();
        for (i, (row, span, _, rpath)) in rows.iter().enumerate() {
            if let Some(first) = seen.get(row.key.as_str()) {
                twice(self.ctx, span.clone(), rpath, &row.key, first.clone());
            } else {
                seen.insert(&row.key, span.clone());
                ok.push(i);
            }
        }
        self.check_relations(key, &rows, &sums, (&columns, read.measures));
        self.check_row_cells(&rows, &columns);
        Some(FormTable {
            key: key.to_string(),
            caption,
            rows: ok.into_iter().map(|i| rows[i].0.clone()).collect(),
            columns,
            sums,
            years_as_rows,
            units,
            cell_units,
            row_tables,
            name_heading,
            phase_rows: each_row == EachRow::Rows,
            phases_as_columns: phases_as_columns && years_as_rows,
            phases_heading: phases_heading.map(|l| l.value),
            yearless: axis == Axis::None,
            groups,
            corner: corner.map(|l| l.value),
            corner_rows,
            group_names_every,
            rows_indented,
            names_after,
            units_at,
        })
    }

    /// `name_heading = "指標名称"`: the label of each row's name in a row above its own
    /// table's years (新庄市's 指標名称 over each indicator's grid); only with
    /// `each_row = "table"`, where a row has a table of its own.
    fn name_heading(&self, t: &mut Table<'a>, key: &str, row_tables: bool) -> Option<String> {
        let l = t.string("name_heading")?;
        if row_tables {
            return Some(l.value);
        }
        self.error(
            l.span,
            &format!("{}.name_heading", t.path),
            format!("表「{key}」の name_heading（行の名の前に印字される見出し）は、行ごとに表を分ける表（each_row = \"table\"）にだけ書けます。ほかの表では、行の名の上の見出しは一覧の行の heading か corner に書いてください"),
            format!("table \"{key}\": name_heading (the label printed before a row's name) is for a table drawn with each_row = \"table\" only; in other tables the heading over the rows' names is the list row's heading or the corner"),
        );
        None
    }

    /// `names_after = "<column key>"`: the columns up to that one, measures all, printed
    /// before the rows' names (池田市's 区 分 choices before 内 容). Only in a table drawn a
    /// row a line with its years as columns (`each_row = "rows"` places its measures
    /// already) and no column groups.
    fn names_after(
        &self,
        t: &mut Table<'a>,
        key: &str,
        columns: &[Column],
        (axis, each_row): (Axis, EachRow),
        groups: &[RowGroup],
    ) -> usize {
        let Some(l) = t.string("names_after") else {
            return 0;
        };
        let field = format!("{}.names_after", t.path);
        let what = (
            "行の名前の前に印字される最後の列",
            "the last column printed before the rows' names",
        );
        let Some(at) = self.column_named(&l, &field, key, columns, what) else {
            return 0;
        };
        let lead = &columns[..=at];
        let plain = axis != Axis::Rows && each_row == EachRow::Row;
        let grouped = columns.iter().any(|c| c.group.is_some()) || !groups.is_empty();
        if !plain || lead.iter().any(|c| c.measure.is_none()) || grouped {
            self.error(
                l.span,
                &field,
                format!("表「{key}」の names_after は、年度を列にし一行ずつ描く表（years = \"rows\" や each_row のない表）で、列のまとまり（group）も行のまとまり（rows のある行）もなく、名前の前の列がすべて数値の項目の列（key と kind）のときに書けます"),
                format!("table \"{key}\": names_after is for a table drawn a row a line with its years as columns (no years = \"rows\", no each_row), without column groups (group) or row groups (rows with rows), whose columns before the names are all measures (key, kind)"),
            );
            return 0;
        }
        at + 1
    }

    /// The place of the column `l` names (`names_after`, `units_after`), said where none
    /// of table `key`'s has that key, with the closest and `what` it should name.
    fn column_named(
        &self,
        l: &Located<String>,
        field: &str,
        key: &str,
        columns: &[Column],
        (what_ja, what_en): (&str, &str),
    ) -> Option<usize> {
        let at = columns.iter().position(|c| c.phase.key == l.value);
        if at.is_none() {
            let keys: Vec<&str> = columns.iter().map(|c| c.phase.key.as_str()).collect();
            let (hja, hen) = hint(&l.value, keys.iter().copied());
            let name = field.rsplit('.').next().unwrap_or(field);
            self.error(
                l.span.clone(),
                field,
                format!("{name} の「{}」は表「{key}」の列の key ではありません。{hja}{what_ja}の key を書きます", l.value),
                format!("{name} \"{}\" is not the key of a column of table \"{key}\"; {hen}write the key of {what_en}", l.value),
            );
        }
        at
    }

    /// `units_after = "<column key>"`: the units' column printed after that column, the
    /// columns up to it measures all (八代市's 指標名 | 指標設定の考え方 | 単位 | 24年度 …,
    /// round 31); how many columns stand before it (0: right after the rows' names).
    fn units_after(
        &self,
        t: &mut Table<'a>,
        key: &str,
        columns: &[Column],
        (axis, each_row): (Axis, EachRow),
        (units, names_after): (&Option<String>, usize),
    ) -> usize {
        let Some(l) = t.string("units_after") else {
            return 0;
        };
        let field = format!("{}.units_after", t.path);
        let what = (
            "単位の列の前に印字される列",
            "the column printed before the units' column",
        );
        let Some(at) = self.column_named(&l, &field, key, columns, what) else {
            return 0;
        };
        // Refused beside names_after, years as rows and each_row: those tables draw their
        // units' column first (the apart tables of each_row = "table", the names moved by
        // names_after), and only the plain table knows `units_at`.
        let plain = axis != Axis::Rows && each_row == EachRow::Row;
        let measures = columns[..=at].iter().all(|c| c.measure.is_some());
        if units.is_none() || names_after > 0 || !plain || !measures {
            self.error(
                l.span,
                &field,
                format!("表「{key}」の units_after は、単位の列（units）のある、年度を列にし一行ずつ描く表（years = \"rows\" や each_row、names_after のない表）で、単位の列の前の列がすべて数値の項目の列（key と kind）のときに書けます"),
                format!("table \"{key}\": units_after goes with a units column (units), in a table drawn a row a line with its years as columns (no years = \"rows\", each_row or names_after), whose columns before the units are all measures (key, kind)"),
            );
            return 0;
        }
        at + 1
    }

    /// Measure columns in a table drawn a row per phase: `each_row = "table"` has no place
    /// for them (a table of its own per row); `each_row = "rows"` draws each as one cell
    /// spanning the row's phase rows, before the phases' names (declared before the
    /// years) or after the years (declared after them), so none may stand between two
    /// year columns. `phases_heading` heads the phases' names, with `each_row = "rows"`
    /// only.
    fn measures_by_phase(
        &self,
        t: &Table<'a>,
        key: &str,
        columns: &[Column],
        axis: Axis,
        each_row: EachRow,
        phases_heading: Option<&Located<String>>,
    ) {
        let path = &t.path;
        if let (Some(h), false) = (phases_heading, each_row == EachRow::Rows) {
            self.error(
                h.span.clone(),
                &format!("{path}.phases_heading"),
                format!("表「{key}」の phases_heading（区分の名の列の見出し）は、行ごとに区分の行をまとめる表（each_row = \"rows\"）にだけ書けます。each_row = \"rows\" を書くか、phases_heading を消してください"),
                format!("table \"{key}\": phases_heading (the heading over the phases' names) is for a table drawn with each_row = \"rows\" only; add each_row = \"rows\" or remove phases_heading"),
            );
        }
        if axis == Axis::None || each_row == EachRow::Row {
            return;
        }
        let years: Vec<usize> = (columns.iter().enumerate())
            .filter(|(_, c)| c.measure.is_none())
            .map(|(i, _)| i)
            .collect();
        if years.is_empty() && each_row == EachRow::Rows && !columns.is_empty() {
            self.error(
                t.span.clone(),
                &format!("{path}.columns"),
                format!("表「{key}」は行ごとに区分の行をまとめる（each_row = \"rows\"）のに、年度と区分の列（year と phase）がありません。区分の行が描けないので、年度と区分の列を書くか、each_row を消してください"),
                format!("table \"{key}\" draws each row as a group of phase rows (each_row = \"rows\") but has no column of a year and a phase (year, phase), so it has no phase row to draw; write those columns or remove each_row"),
            );
            return;
        }
        let between =
            |i: &usize| years.first().is_some_and(|f| f < i) && years.last().is_some_and(|l| i < l);
        let refused = (columns.iter().enumerate())
            .filter(|(_, c)| c.measure.is_some())
            .find(|(i, _)| between(i));
        let Some((_, c)) = refused else { return };
        if each_row == EachRow::Table {
            self.error(
                t.span.clone(),
                &format!("{path}.columns"),
                format!("表「{key}」は行ごとに表を分けて区分ごとに行を描く（each_row = \"table\"）ので、年度と区分の列でない列「{}」は、その表の見出しとセル一つの行として、年度の上（年度の列より前に書いた列）か区分の行の下（後に書いた列）にだけ描けます。年度の列の間に書かれています。columns の中でその列を年度の列の前か後に移してください", c.heading),
                format!("table \"{key}\" draws each row as a table of its own, a row per phase (each_row = \"table\"), so column \"{}\", which is not a year and a phase, is a row of its heading and one cell in that table, drawn above the years (a column written before the year columns) or under the phase rows (after them); it is written between two year columns: move it before or after them in columns", c.heading),
            );
        } else {
            self.error(
                t.span.clone(),
                &format!("{path}.columns"),
                format!("表「{key}」は行ごとに区分の行をまとめる（each_row = \"rows\"）ので、年度と区分の列でない列「{}」は、区分の行にまたがる一つの欄として、年度の列より前か後にだけ描けます。年度の列の間に書かれています。columns の中でその列を年度の列の前か後に移してください", c.heading),
                format!("table \"{key}\" draws each row as a group of phase rows (each_row = \"rows\"), so column \"{}\", which is not a year and a phase, is one cell across the row's phase rows, drawn before the year columns or after them; it is written between two year columns: move it before or after them in columns", c.heading),
            );
        }
    }

    /// `corner`: the words in the top-left cell (`""`: none), or a cell split by a diagonal
    /// line, `{ columns = "年度", rows = "項目" }` (宇多津町's 指標の推移): the words heading
    /// the columns, then those heading the rows.
    fn corner(&self, t: &mut Table<'a>) -> (Option<Located<String>>, Option<String>) {
        let split = (t.entries())
            .any(|(k, v)| k.name == "corner" && matches!(v.node.value, Value::Table(_)));
        if !split {
            return (t.string("corner").filter(|l| !l.value.is_empty()), None);
        }
        let Some(mut c) = t.table("corner") else {
            return (None, None);
        };
        let columns = c.required_string("columns");
        let rows = c.required_string("rows");
        c.finish();
        (columns, rows.map(|l| l.value))
    }

    /// `corner` is the words printed in the top-left cell; a list that starts the table
    /// already prints its `heading` (or `group_heading`) there, so the two cannot both
    /// stand in it.
    fn check_corner(&self, corner: &Located<String>, rows: &[RowRead], key: &str, path: &str) {
        let Some((first, ..)) = rows.first() else {
            return;
        };
        let list_heads = first.list
            && (!first.name.is_empty()
                || first
                    .group_heading
                    .as_deref()
                    .is_some_and(|g| !g.is_empty()));
        if list_heads {
            self.error(
                corner.span.clone(),
                &format!("{path}.corner"),
                format!("表「{key}」の左上の欄には、最初の行である一覧（list = \"{}\"）の heading（または group_heading）が印字されます。corner か一覧の heading のどちらか一つにしてください", first.key),
                format!("table \"{key}\": its top-left cell already holds the heading (or group_heading) of the list that starts it (list = \"{}\"); keep either corner or the list's heading", first.key),
            );
        }
    }

    /// A grade column or row that names no scale takes the site's default scale; where
    /// site.toml has several scales and names no `default_scale`, that is its first, which
    /// may not be the one meant: a warning says so (unless every row names its own).
    fn scales_named(&self, t: &Table<'a>, key: &str, columns: &[Column], rows: &[RowRead]) {
        if self.config.scales.len() < 2 || self.config.default_scale_set {
            return;
        }
        let ids: Vec<&str> = self.config.scales.iter().map(|s| s.id.as_str()).collect();
        let first = &self.config.default_scale;
        let every_row_named = rows.iter().all(|(r, ..)| r.scale.is_some());
        let unnamed_columns = (columns.iter()).filter(|c| {
            matches!(c.measure, Some(MeasureKind::Own(RowKind::Grade(None)))) && !every_row_named
        });
        let unnamed_rows = (rows.iter())
            .filter(|(r, ..)| matches!(r.kind, RowKind::Grade(None)) && r.scale.is_none());
        let said: Vec<String> = (unnamed_columns
            .map(|c| format!("{} ({})", c.heading, c.phase.key)))
        .chain(unnamed_rows.map(|(r, ..)| format!("{} ({})", r.name, r.key)))
        .collect();
        if said.is_empty() {
            return;
        }
        self.ctx.warning(
            t.span.clone(),
            &format!("{}.scale", t.path),
            Message::new(
                format!("表「{key}」の評価の列や行（{}）には scale がありません。site.toml の尺度は {} つ（{}）あり、default_scale がないので最初の「{first}」が使われます。その列か行に scale = \"…\" を書いてください（行ごとに尺度が違うときは、各行に scale）", said.join("、"), ids.len(), ids.join(", ")),
                format!("table \"{key}\": the grade columns or rows {} name no scale; site.toml has {} scales ({}) and no default_scale, so the first, \"{first}\", is used; write scale = \"…\" on that column or row (on each row where the rows grade on scales of their own)", said.join(", "), ids.len(), ids.join(", ")),
            ),
        );
    }

    /// A list's `group_heading` stands in the heading row, over the column of its
    /// entries' groups: only on the list that starts the table (whose `heading` heads the
    /// names' column), and not in a table drawn without group columns (`years = "rows"`,
    /// `each_row = "table"`), where it would be dropped unseen.
    fn check_group_headings(&self, rows: &[RowRead], key: &str, no_groups: bool) {
        for (i, (row, span, _, path)) in rows.iter().enumerate() {
            if row.group_heading.is_none() {
                continue;
            }
            let field = format!("{path}.group_heading");
            if no_groups {
                self.error(
                    span.clone(),
                    &field,
                    format!("表「{key}」は年度を行にして描く（years = \"rows\"）か行ごとに表を分ける（each_row = \"table\"）ので、行のまとまりの列がなく、group_heading（まとまりの列の見出し）を描けません。group_heading を消してください"),
                    format!("table \"{key}\" is drawn with its years as rows (years = \"rows\") or each row apart (each_row = \"table\"): it has no column of row groups for group_heading (that column's heading) to stand over; remove group_heading"),
                );
            } else if i > 0 {
                self.error(
                    span.clone(),
                    &field,
                    format!("表「{key}」の group_heading（行のまとまりの列の見出し）は、表の最初の行である一覧（list）にだけ書けます。見出しの行は最初の行の名の列の上にあるからです。表の最初の行の一覧に書くか、消してください"),
                    format!("table \"{key}\": group_heading (the heading over the column of row groups) goes only on the list that is the table's first row, as the heading row stands over the first row's names; move it there or remove it"),
                );
            }
        }
    }

    /// At most one measure column of a table may be printed without a heading
    /// (`heading = ""`, no `group`): a column of a year and a phase is still headed for
    /// screen readers by its year and phase as declared, but a measure has nothing
    /// declared to say, so two such columns could not be told apart by a screen reader.
    /// The second is refused, and the error asks for the heading the sheet prints.
    fn unheaded_columns(&self, t: &Table<'a>, key: &str, columns: &[Column]) {
        let unheaded = (columns.iter())
            .filter(|c| {
                c.measure.is_some()
                    && c.heading.is_empty()
                    && c.group.is_none()
                    && c.heard.is_none()
                    && c.inside.is_none()
            })
            .count();
        if unheaded > 1 {
            self.error(
                t.span.clone(),
                &format!("{}.columns", t.path),
                format!("表「{key}」には見出しのない数値の項目の列（key と kind、heading = \"\"）が {unheaded} つあります。画面読み上げでは、見出しのない列どうしを聞き分けられません。シートが列の上に印字している語があれば各列の heading に印字どおりに書き、印字していなければ、画面読み上げだけが読む列の名を市の言葉で heard = \"…\" に書いてください（見出しのない列のうち一つは heard なしでも構いません）"),
                format!("table \"{key}\" has {unheaded} measure columns (key, kind) without a heading (heading = \"\"): a screen reader could not tell such columns apart. Write what the sheet prints over a column as its heading; where it prints nothing, give the column's name in the city's words as heard = \"…\" (heard by screen readers only, never seen; one unheaded column may go without)"),
            );
        }
        // Two columns heard alike (or heard as another's printed heading) are as
        // indistinguishable as two without a word.
        let mut said: Vec<&str> = Vec::new();
        for c in columns
            .iter()
            .filter(|c| c.measure.is_some() && c.group.is_none() && c.inside.is_none())
        {
            let word = c.heard.as_deref().unwrap_or(&c.heading);
            if word.is_empty() {
                continue;
            }
            if said.contains(&word) && c.heard.is_some() {
                self.error(
                    t.span.clone(),
                    &format!("{}.columns", t.path),
                    format!("表「{key}」の二つの列が同じ語「{word}」で読み上げられます（heard か heading）。画面読み上げで聞き分けられるよう、heard に別の語を書いてください"),
                    format!("table \"{key}\": two columns are heard as the same word \"{word}\" (heard or heading); give heard another word so that a screen reader can tell them apart"),
                );
            }
            said.push(word);
        }
    }

    /// A table of no year (`years = "none"`) has only measure columns (`key`, `kind`),
    /// each row's cells written once for the page, and no phase to draw as rows.
    fn yearless_columns(&self, t: &Table<'a>, key: &str, columns: &[Column], each_row: EachRow) {
        if columns.iter().any(|c| c.measure.is_none()) {
            self.error(
                t.span.clone(),
                &format!("{}.columns", t.path),
                format!("表「{key}」は年度のない表（years = \"none\"）なので、列はすべて数値の項目の列（key と kind、見出しは heading）です。年度と区分（year と phase）の列は書けません"),
                format!("table \"{key}\" has no years (years = \"none\"): every column is a measure (key, kind, heading); a column of a year and a phase (year, phase) cannot stand in it"),
            );
        }
        if (columns.iter()).any(|c| c.span.is_some() || c.year != ColumnYear::Report(0)) {
            self.error(
                t.span.clone(),
                &format!("{}.columns", t.path),
                format!("表「{key}」は年度のない表（years = \"none\"）なので、列に year や span（年度）は書けません"),
                format!("table \"{key}\" has no years (years = \"none\"): its columns take no year or span"),
            );
        }
        if each_row != EachRow::Row {
            self.error(
                t.span.clone(),
                &format!("{}.each_row", t.path),
                format!("表「{key}」は年度のない表（years = \"none\"）なので、each_row（年度を列、区分を行にする描き方）は使えません"),
                format!("table \"{key}\" has no years (years = \"none\"): each_row (the years as columns, the phases as rows) cannot be used"),
            );
        }
    }

    /// The entries of a `rows` list in order, each row group's own rows read in its place
    /// (each naming the group).
    fn rows(
        &self,
        list: Vec<Table<'a>>,
        group: Option<usize>,
        groups: &mut Vec<RowGroup>,
        out: &mut Vec<RowRead>,
        read: &RowsRead<'_>,
    ) {
        for r in list {
            if r.span_of("rows").is_some()
                && (r.span_of("key").is_some() || r.span_of("list").is_some())
            {
                self.row_with_rows(r, group, groups, out, read);
            } else if r.span_of("rows").is_some() {
                self.row_group(r, group, groups, out, read);
            } else if let Some((row, span, formula, path)) = self.row(r, read) {
                out.push((Row { group, ..row }, span, formula, path));
            }
        }
    }

    /// `{ name = "コスト内訳", rows = [ … ] }`: a name printed beside the rows it holds.
    fn row_group(
        &self,
        mut r: Table<'a>,
        parent: Option<usize>,
        groups: &mut Vec<RowGroup>,
        out: &mut Vec<RowRead>,
        read: &RowsRead<'_>,
    ) {
        let path = r.path.clone();
        let name = r.required_text("name").map(|l| l.value);
        let inner = r.tables("rows");
        if inner.is_empty() {
            self.error(
                r.span.clone(),
                &format!("{path}.rows"),
                "行のまとまり（rows のある行）に行がありません。その名の横に印字された行を rows に書いてください".to_string(),
                "a row group (a row with rows) holds no row: list the rows printed beside its name in its rows".to_string(),
            );
        }
        self.group_depth(&r, parent, groups);
        r.finish();
        let Some(name) = name else {
            return;
        };
        let id = groups.len();
        groups.push(RowGroup {
            name,
            parent,
            head: None,
            beside: false,
        });
        self.rows(inner, Some(id), groups, out, read);
    }

    /// A group (or a row with rows under it) within `parent`: refused deeper than
    /// [`MAX_ROW_GROUP_DEPTH`].
    fn group_depth(&self, r: &Table<'a>, parent: Option<usize>, groups: &[RowGroup]) {
        let outer = std::iter::successors(parent, |&g| groups[g].parent).count();
        if outer >= MAX_ROW_GROUP_DEPTH {
            self.error(
                r.span.clone(),
                &r.path,
                format!("行のまとまりの中のまとまりは {MAX_ROW_GROUP_DEPTH} 段までです"),
                format!("row groups nest at most {MAX_ROW_GROUP_DEPTH} deep"),
            );
        }
    }

    /// `{ key = "sankaku", name = "5 市民参画度", rows = [ … ] }`: a row printed with its
    /// own cells, the rows under it a group its name heads (寝屋川市's 参加の状況 under
    /// 市民参画度). A list has no rows under it (its rows are the content's).
    fn row_with_rows(
        &self,
        mut r: Table<'a>,
        parent: Option<usize>,
        groups: &mut Vec<RowGroup>,
        out: &mut Vec<RowRead>,
        read: &RowsRead<'_>,
    ) {
        let path = r.path.clone();
        let inner = r.tables("rows");
        if let Some(span) = r.span_of("list") {
            self.error(
                span,
                &format!("{path}.rows"),
                format!("一覧（list）の下には行を置けません。一覧の行は内容が書きます。一覧の下に印字された行は、一覧の後に rows の外で書いてください（{path}）"),
                format!("a list (list) has no rows under it: its rows are the ones content writes; write the rows printed after it outside its rows ({path})"),
            );
        }
        if inner.is_empty() {
            self.error(
                r.span.clone(),
                &format!("{path}.rows"),
                "rows のある行の下に行がありません。その行の下に印字された行を rows に書くか、rows を消してください".to_string(),
                "a row with rows has no row under it: list the rows printed under it in its rows, or remove rows".to_string(),
            );
        }
        self.group_depth(&r, parent, groups);
        let beside = r.flag("beside").is_some_and(|f| f.value);
        let Some((row, span, formula, rpath)) = self.row(r, read) else {
            return;
        };
        let id = groups.len();
        groups.push(RowGroup {
            name: row.name.clone(),
            parent,
            head: (!row.list).then(|| row.key.clone()),
            beside,
        });
        out.push((
            Row {
                group: parent,
                ..row
            },
            span,
            formula,
            rpath,
        ));
        self.rows(inner, Some(id), groups, out, read);
    }

    /// `columns = [{ year, phase, heading }]`, or a measure `{ key, heading, kind, is,
    /// year }`; either with `group`. Also whether every column written is a measure
    /// (one refused for a mistake of its own included).
    pub(super) fn columns(&self, t: &mut Table<'a>) -> (Vec<Column>, bool) {
        let mut out: Vec<(Column, Range<usize>)> = Vec::new();
        let written = t.tables("columns");
        // Rows need no kind of their own where every column reads its cells by its own.
        let measures = !written.is_empty()
            && (written.iter())
                .all(|c| (c.span_of("key").is_some() || c.span_of("kind").is_some()) && !by_row(c));
        // The measure columns' keys, which a column's formula may name.
        let keys: Vec<String> = (written.iter())
            .filter_map(|c| {
                c.entries().find_map(|(k, v)| match &v.node.value {
                    Value::String(s) if k.name == "key" => Some(s.clone()),
                    _ => None,
                })
            })
            .collect();
        for mut c in written {
            let path = c.path.clone();
            let span = c.span.clone();
            // A group may name its columns' year (`{year}` over 予算 | 決算).
            let group_at =
                (c.string("group")).filter(|g| self.heading_ok(g, &format!("{path}.group"), None));
            let group = group_at.as_ref().map(|l| l.value.clone());
            let column = if c.span_of("key").is_some() || c.span_of("kind").is_some() {
                self.measure_column(c, &keys)
            } else {
                let year = c.required_string("year");
                let phase = c.required_string("phase");
                let heading = c.required_string("heading");
                if let Some(span) = c.span_of("heard") {
                    c.entry("heard");
                    self.error(
                        span,
                        &format!("{path}.heard"),
                        "heard は数値の項目の列（key と kind）に書きます。見出しのない年度と区分の列は、画面読み上げでは宣言された年度と区分（「平成28年度決算」）で読まれます".to_string(),
                        "heard goes on a measure column (key, kind); a column of a year and a phase printed without a heading is heard by its year and phase as declared (「平成28年度決算」)".to_string(),
                    );
                }
                c.finish();
                let year = year.and_then(|l| self.column_year(&l, &format!("{path}.year")));
                // A phase not in `phases` (reported) is read as its key, neither plan
                // nor result, so that its cells in content meet no error of their own.
                let phase = phase.map(|l| {
                    self.phase(&l, &format!("{path}.phase"))
                        .unwrap_or_else(|| Phase {
                            key: l.value,
                            name: String::new(),
                            is: PhaseIs::Unsaid,
                            kind: None,
                        })
                });
                // A column of each year names its year in its heading or in its group's.
                let group_year =
                    (group.as_deref()).is_some_and(|g| SiteConfig::without_year(g) != g);
                let checked = year.filter(|y| !(group_year && *y == ColumnYear::Each));
                if group_year && year == Some(ColumnYear::Every) {
                    self.error(
                        span.clone(),
                        &format!("{path}.group"),
                        "year = \"every\" の列は毎年度の値なので、まとまりの見出し（group）に {year} は入れられません。シートのとおりに書いてください".to_string(),
                        "a year = \"every\" column holds a value for every year: its group cannot hold {year}; write it as printed".to_string(),
                    );
                }
                let heading =
                    heading.filter(|h| self.heading_ok(h, &format!("{path}.heading"), checked));
                for (h, field) in [(&heading, "heading"), (&group_at, "group")] {
                    if let Some(h) = h {
                        self.check_era_number(h, &format!("{path}.{field}"), year);
                    }
                }
                // A heading refused (reported) is read as none, a year refused as each
                // year's, so that the phase's cells in content meet no error of their own.
                match (year, phase, heading) {
                    (year, Some(phase), heading) => Some(Column {
                        year: year.unwrap_or(ColumnYear::Each),
                        phase,
                        heading: heading.map_or_else(String::new, |h| h.value),
                        measure: None,
                        unit: None,
                        group: None,
                        span: None,
                        lenient: false,
                        words: false,
                        heard: None,
                        formula: None,
                        no_year: false,
                        inside: None,
                    }),
                    _ => None,
                }
            };
            let Some(column) = column else {
                continue;
            };
            let column = Column { group, ..column };
            let measure = column.measure.is_some();
            if let Some((_, first)) = out.iter().find(|(o, _)| {
                o.phase.key == column.phase.key
                    && (measure || o.measure.is_some() || self.same_year(o.year, column.year))
            }) {
                let (ja, en) = if measure {
                    (
                        "この列の key は、表の別の列の key か区分と同じです。列ごとに別の key にしてください",
                        "this column's key is another column's key or phase in the table; give each column a key of its own",
                    )
                } else {
                    (
                        "同じ年度と区分の列が二つあります。一つにしてください",
                        "two columns have the same year and phase; keep one",
                    )
                };
                again(
                    self.ctx,
                    (span, &path),
                    Message::new(ja, en),
                    (
                        first.clone(),
                        Message::new("もう一つの列はここです", "the other column is here"),
                    ),
                );
                continue;
            }
            out.push((column, span));
        }
        self.check_every(&out, &format!("{}.columns", t.path));
        self.check_inside_columns(&mut out, &t.path);
        (out.into_iter().map(|(c, _)| c).collect(), measures)
    }

    /// Columns printed inside others' cells (`inside`) only in a `plain` table, drawn a row
    /// a line with its years as columns (where no column's place is counted or moved), and
    /// with no row printed inside another's, which would have no cell for them.
    fn check_inside_table(
        &self,
        t: &Table<'a>,
        key: &str,
        (columns, rows): (&[Column], &[RowRead]),
        plain: bool,
    ) {
        let rows_inside = rows.iter().any(|(r, ..)| r.inside.is_some());
        if (plain && !rows_inside) || columns.iter().all(|c| c.inside.is_none()) {
            return;
        }
        self.error(
            t.span.clone(),
            &format!("{}.columns", t.path),
            format!("表「{key}」のほかの列のセルの中に印字される列（inside）は、年度を列にし一行ずつ描く表（years = \"rows\"、each_row、names_after、units_after、ほかの行のセルの中に印字される行のない表）にだけ書けます"),
            format!("table \"{key}\": a column printed inside another's cells (inside) is for a table drawn a row a line with its years as columns (no years = \"rows\", each_row, names_after, units_after or row printed inside another's cells)"),
        );
    }

    /// A measure column printed inside another's cells (`inside`) names a measure column
    /// of the table printed as a column of its own, of its year (its cells are printed in
    /// the host's), has no group (it is drawn under none) and holds figures or words (a
    /// choice or a grade would print nothing there). One refused is drawn as a column of
    /// its own, so that its cells still show.
    fn check_inside_columns(&self, columns: &mut [(Column, Range<usize>)], path: &str) {
        // A column's years: its year, of none, its span.
        type Years = (ColumnYear, bool, Option<(FiscalYear, FiscalYear)>);
        let hosts: Vec<(String, bool, Years)> = (columns.iter())
            .filter(|(c, _)| c.measure.is_some())
            .map(|(c, _)| {
                (
                    c.phase.key.clone(),
                    c.inside.is_none(),
                    (c.year, c.no_year, c.span),
                )
            })
            .collect();
        for (i, (c, span)) in columns.iter_mut().enumerate() {
            let Some(inside) = &c.inside else {
                continue;
            };
            let host = inside.row.as_str();
            let field = format!("{}.inside", crate::diag::nth(&format!("{path}.columns"), i));
            let (ja, en) = match hosts.iter().find(|(k, ..)| k == host) {
                _ if host == c.phase.key => (
                    format!("列「{host}」は自分のセルの中には印字できません。inside には、この列の値をセルの中に印字するほかの列の key を書いてください"),
                    format!("column \"{host}\" cannot be printed inside itself; inside names the other column whose cells print it"),
                ),
                None => {
                    let keys = hosts.iter().map(|(k, ..)| k.as_str());
                    let (hja, hen) = hint(host, keys.clone());
                    let known = keys.collect::<Vec<_>>().join(", ");
                    (
                        format!("inside の「{host}」は、この表の数値の項目の列（key と kind）の key ではありません。{hja}（あるもの: {known}）"),
                        format!("inside \"{host}\" is not the key of a measure column (key, kind) of this table; {hen}(known: {known})"),
                    )
                }
                Some((_, false, _)) => (
                    format!("列「{host}」はそれ自体がほかの列のセルの中に印字されるので、その中には印字できません。自分の列として印字される列の key を書いてください"),
                    format!("column \"{host}\" is itself printed inside another column's cells, so it cannot print one; name a column printed as a column of its own"),
                ),
                Some(_) if c.group.is_some() => (
                    "ほかの列のセルの中に印字される列（inside）は自分の列として描かれないので、group は書けません".to_string(),
                    "a column printed inside another's cells (inside) is drawn as no column of its own, so it takes no group".to_string(),
                ),
                Some((_, _, of)) if *of != (c.year, c.no_year, c.span) => (
                    format!("列「{}」は列「{host}」のセルの中に印字されるので、その列と同じ年度です。year と span は書かないか、列「{host}」と同じに書いてください", c.phase.key),
                    format!("column \"{}\" is printed inside column \"{host}\"'s cells, so it is of that column's year; leave out year and span, or write them as \"{host}\" does", c.phase.key),
                ),
                Some(_) if matches!(c.measure, Some(MeasureKind::Row | MeasureKind::Own(RowKind::Word(_) | RowKind::Grade(_)))) => (
                    "ほかの列のセルの中に印字される列（inside）は、数値か言葉の列です（kind が word・grade・row の列は中に印字できません）".to_string(),
                    "a column printed inside another's cells (inside) holds figures or words (a column of kind word, grade or row cannot be printed inside one)".to_string(),
                ),
                Some(_) => continue,
            };
            self.error(span.clone(), &field, ja, en);
            c.inside = None;
        }
    }

    /// A measure column: `{ key = "jigyosu", heading = "事業数", kind = "count", is =
    /// "plan", year = "report" }`: its key is the phase its cells are written under, its
    /// kind reads them; `is` and `year` (the report year when left out) are optional. A
    /// `phase` with it mixes two kinds of column, and is refused.
    fn measure_column(&self, mut c: Table<'a>, keys: &[String]) -> Option<Column> {
        let path = c.path.clone();
        let key = c.required_string_or_misspelt("key", &COLUMN_FIELDS);
        // `""`: a column the sheet prints without a heading.
        let heading = c.required_string("heading");
        let heard = c.string("heard");
        let by_row = by_row(&c);
        let kind = if by_row {
            c.string("kind");
            None
        } else {
            self.row_kind(&mut c)
        };
        // A column of choices has read its `words` (the list of them).
        let words = match kind {
            Some(RowKind::Word(_)) => false,
            _ => self.column_words(&mut c, kind.as_ref()),
        };
        let is = c.string("is");
        let year = c.string("year");
        let unit = c.string("unit").map(|l| l.value);
        let formula = (c.string("formula")).and_then(|f| {
            let own = key.as_ref().map_or("", |k| k.value.as_str());
            let others: Vec<&str> = (keys.iter().map(String::as_str))
                .filter(|k| *k != own)
                .collect();
            self.column_formula(&f, &path, &others)
        });
        let span = self.column_span(&mut c, &path);
        let mut inside = self.inside_of(&mut c, false).map(|(i, _)| i);
        self.shown_empty(&mut c, &mut inside);
        if let Some(span) = c.span_of("phase") {
            self.error(
                span,
                &format!("{path}.phase"),
                "列は、年度と区分（year と phase）か、数値の項目（key と kind：事業数、進捗率）のどちらかです。phase と key / kind を一つの列に一緒には書けません".to_string(),
                "a column is either a year and a phase (year, phase) or a measure (key, kind: 事業数, 進捗率); phase cannot go with key or kind in one column".to_string(),
            );
        }
        c.finish();
        let key = key.filter(|k| {
            self.key_ok(k.span.clone(), &format!("{path}.key"), &k.value, ROW_KEY)
                && self.measure_key_free(k, &format!("{path}.key"))
        })?;
        let is = match is {
            None => Some(PhaseIs::Unsaid),
            Some(l) => match l.value.as_str() {
                "plan" => Some(PhaseIs::Plan),
                "result" => Some(PhaseIs::Result),
                other => {
                    self.error(
                        l.span,
                        &format!("{path}.is"),
                        format!("列の is は \"plan\"（計画）か \"result\"（実績）です。どちらでもない列（事業数、備考）は is を書きません（「{other}」）"),
                        format!("a column's is is \"plan\" or \"result\"; a column that is neither (事業数, 備考) leaves is out (found \"{other}\")"),
                    );
                    None
                }
            },
        };
        // `"none"`: a measure of no year, written as the report year's is.
        let no_year = year.as_ref().is_some_and(|l| l.value.trim() == "none");
        let year = match year {
            None => Some(ColumnYear::Report(0)),
            Some(_) if no_year => Some(ColumnYear::Report(0)),
            Some(l) => {
                let y = self.column_year(&l, &format!("{path}.year"));
                if matches!(y, Some(ColumnYear::Each | ColumnYear::Every)) {
                    self.error(
                        l.span.clone(),
                        &format!("{path}.year"),
                        "数値の項目の列（key と kind）は一つの年度の列です。年度ごとの列（each、every）は年度と区分（year と phase）の列で書いてください".to_string(),
                        "a measure column (key, kind) is a column of one year; columns for each year (each, every) are columns of a year and a phase (year, phase)".to_string(),
                    );
                    None
                } else {
                    y
                }
            }
        };
        if let Some(h) = &heading
            && h.value.contains('{')
        {
            self.error(
                h.span.clone(),
                &format!("{path}.heading"),
                "数値の項目の列の heading は印字どおりに書きます（{year} は使えません）"
                    .to_string(),
                "a measure column's heading is written as printed ({year} is not available)"
                    .to_string(),
            );
        }
        // A column of a key read is kept whatever else is refused (each reported once,
        // read as a column without a heading, of words, neither plan nor result, of the
        // report year), so that its cells in content meet no error of their own.
        let heading = heading.map_or_else(String::new, |h| h.value);
        let heard = heard.and_then(|l| self.heard(l, &heading, &path));
        let lenient = kind.is_none() && !by_row;
        let kind = match kind {
            _ if by_row => MeasureKind::Row,
            kind => MeasureKind::Own(kind.unwrap_or(RowKind::Number)),
        };
        let is = is.unwrap_or(PhaseIs::Unsaid);
        let year = year.unwrap_or(ColumnYear::Report(0));
        Some(Column {
            year,
            phase: Phase {
                key: key.value,
                name: heard.clone().unwrap_or_else(|| heading.clone()),
                is,
                kind: None,
            },
            heading,
            measure: Some(kind),
            unit,
            group: None,
            span,
            lenient,
            heard,
            words,
            formula,
            no_year,
            inside,
        })
    }

    /// A measure column's `formula`: other columns' keys added or taken away (a 合計
    /// column over its parts); no product, rate or other table's row, which a column's
    /// sum across one row never is. Its keys are checked once every column is read.
    fn column_formula(&self, l: &Located<String>, path: &str, keys: &[&str]) -> Option<Formula> {
        let field = format!("{path}.formula");
        let f = self.formula(l, &field)?;
        let odd = f.multiplies() || !f.per.is_empty() || f.all_terms().any(|t| t.table.is_some());
        if odd {
            self.error(
                l.span.clone(),
                &format!("{path}.formula"),
                "列の formula は、同じ表のほかの列の key を + と - でつないだ合計です（合計 = genjo + kakudai）。× や /、ほかの表の行は書けません".to_string(),
                "a column's formula is a sum of the table's other columns' keys joined by + and - (gokei = genjo + kakudai); no ×, no /, no row of another table".to_string(),
            );
            return None;
        }
        let mut known = true;
        for term in f.all_terms().filter(|t| !keys.contains(&t.row.as_str())) {
            known = false;
            let (hja, hen) = hint(&term.row, keys.iter().copied());
            self.error(
                self.inside(l, term.at.clone()),
                &field,
                format!("計算式の「{}」はこの表のほかの列の key ではありません。{hja}（あるもの: {}）", term.row, keys.join(", ")),
                format!("\"{}\" in the formula is not the key of another column of this table; {hen}(known: {})", term.row, keys.join(", ")),
            );
        }
        known.then_some(f)
    }

    /// `words = true` on a measure column of figures: the sheet prints words in some of
    /// its cells (小矢部市's 5ヵ年目標 「設置」 beside 「1,400人」), read as words, the
    /// figures still figures. On a column of words or grades, an error.
    fn column_words(&self, c: &mut Table<'a>, kind: Option<&RowKind>) -> bool {
        let Some(l) = c.flag("words") else {
            return false;
        };
        if l.value && kind.is_some_and(|k| !k.is_figure()) {
            self.error(
                l.span,
                &format!("{}.words", c.path),
                "words = true は数値の項目の列（kind が数値）にだけ書けます。言葉や評価の列はもとから語を書けます".to_string(),
                "words = true is only for a measure column of figures; a column of words or grades takes words already".to_string(),
            );
            return false;
        }
        l.value
    }

    /// `heard = "理由"`: the word a screen reader hears over a measure column printed
    /// without a heading; a column printed with one is heard as printed, and `""` says
    /// nothing.
    fn heard(&self, l: Located<String>, heading: &str, path: &str) -> Option<String> {
        let field = format!("{path}.heard");
        if !heading.is_empty() {
            self.error(
                l.span,
                &field,
                format!("heard（画面読み上げだけが読む列の名）は、見出しを印字しない列（heading = \"\"）にだけ書けます。この列は見出し「{heading}」のとおりに読み上げられます"),
                format!("heard (the column's name heard by screen readers only) is only for a column printed without a heading (heading = \"\"); this column is heard as its heading \"{heading}\""),
            );
            return None;
        }
        if l.value.trim().is_empty() {
            self.error(
                l.span,
                &field,
                "heard が空です。画面読み上げが列の名として読む語を、市の言葉で書いてください（なければ heard を消してください）".to_string(),
                "heard is empty: write the word, in the city's words, a screen reader reads as the column's name (or remove heard)".to_string(),
            );
            return None;
        }
        Some(l.value)
    }

    /// A measure column's `span = ["H23", "H27"]`: the years its cells cover (富士市's
    /// H23-27実績額), as a KPI's cumulative value's `span`. `None` when unset or wrong
    /// (reported: each year at itself, a pair that is not start then end at the key).
    fn column_span(&self, c: &mut Table<'a>, path: &str) -> Option<(FiscalYear, FiscalYear)> {
        let at = c.span_of("span")?;
        let written = c.strings("span");
        let field = format!("{path}.span");
        let years: Vec<Option<FiscalYear>> = (written.iter())
            .map(|l| match FiscalYear::parse(&l.value) {
                Ok(y) => c.ctx.check_year(l.span.clone(), &field, &l.value, y),
                Err(_) => None,
            })
            .collect();
        if let [Some(a), Some(b)] = years.as_slice()
            && a <= b
        {
            return Some((*a, *b));
        }
        self.error(
            at,
            &field,
            "span は [\"H23\", \"H27\"] のように、列の値が表す最初の年度と最後の年度の2つを書いてください".to_string(),
            "span must be two years, the first and the last its cells cover: [\"H23\", \"H27\"]".to_string(),
        );
        None
    }

    /// A measure's key is written beside a list entry's `name`, `unit`, `note` and `group` and in
    /// a cell's `{ value, printed, year, phase }`: none of those words.
    fn measure_key_free(&self, k: &Located<String>, field: &str) -> bool {
        const TAKEN: [&str; 9] = [
            "name", "unit", "note", "group", "value", "printed", "year", "phase", "planned",
        ];
        if !TAKEN.contains(&k.value.as_str()) {
            return true;
        }
        self.error(
            k.span.clone(),
            field,
            format!("列の key「{}」は、一覧の行やセルの書き方（{}）で使われている語です。別の key にしてください", k.value, TAKEN.join(", ")),
            format!("column key \"{}\" is a word list entries and cells already use ({}); choose another key", k.value, TAKEN.join(", ")),
        );
        false
    }

    /// Whether two columns' years are one (`"R03"` and `"report"` in a report of R03).
    pub(super) fn same_year(&self, a: ColumnYear, b: ColumnYear) -> bool {
        let report = self.config.report_year;
        a == b || (a != ColumnYear::Each && a.resolve(report) == b.resolve(report))
    }

    /// A column's year: any spelling of a year, `report`, `report+N`, `report-N`, `each`.
    pub(super) fn column_year(&self, l: &Located<String>, field: &str) -> Option<ColumnYear> {
        let s = l.value.trim();
        if s == "each" {
            return Some(ColumnYear::Each);
        }
        if s == "every" {
            return Some(ColumnYear::Every);
        }
        if let Some(rest) = s.strip_prefix("report") {
            let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
            let n = match rest.as_str() {
                "" => Some(0),
                r => r
                    .strip_prefix('+')
                    .and_then(|d| d.parse::<i32>().ok())
                    .or_else(|| {
                        r.strip_prefix('-')
                            .and_then(|d| d.parse::<i32>().ok())
                            .map(|n| -n)
                    })
                    .filter(|n| n.unsigned_abs() <= u32::from(YearSpan::BEFORE)),
            };
            if n.is_none() {
                self.error(
                    l.span.clone(),
                    field,
                    format!("year「{}」は読めません。\"report\"（報告年度）、\"report-1\"、\"report+1\" のように {} 年以内で書いてください", l.value, YearSpan::BEFORE),
                    format!("year \"{}\" cannot be read: write \"report\" (the report year), \"report-1\" or \"report+1\", within {} years", l.value, YearSpan::BEFORE),
                );
            }
            return n.map(ColumnYear::Report);
        }
        match FiscalYear::parse(s) {
            Ok(y) => self
                .ctx
                .check_year(l.span.clone(), field, &l.value, y)
                .map(ColumnYear::Year),
            Err(e) => {
                self.error(
                    l.span.clone(),
                    field,
                    format!("{} year は年度（\"R03\" など）、\"report\"、\"report-1\"、\"each\"、\"every\"（毎年度）のどれかです", e.ja()),
                    format!("{}; year is a year (\"R03\" …), \"report\", \"report-1\", \"each\" or \"every\" (every year)", e.en()),
                );
                None
            }
        }
    }

    /// A phase named by its key: one of `phases`.
    pub(super) fn phase(&self, l: &Located<String>, field: &str) -> Option<Phase> {
        if let Some(p) = self.phases.iter().find(|p| p.key == l.value) {
            return Some(p.clone());
        }
        let keys: Vec<&str> = self.phases.iter().map(|p| p.key.as_str()).collect();
        let (hja, hen) = hint(&l.value, keys.iter().copied());
        self.error(
            l.span.clone(),
            field,
            format!("区分「{}」は phases にありません。{hja}phases に {{ key = \"{}\", name = \"…\", is = \"plan\" }} を加えるか、あるものから選んでください（あるもの: {}）", l.value, l.value, keys.join(", ")),
            format!("no phase \"{}\" in phases; {hen}add {{ key = \"{}\", name = \"…\", is = \"plan\" }} to phases or choose one (known: {})", l.value, l.value, keys.join(", ")),
        );
        None
    }

    /// `{year_number}` over a column of a year of an era begun after the report year: kensho
    /// writes 令和's number (「元」, 「2」) where a sheet printed under 平成 wrote 31 and 32
    /// (八代市's 平成28年度 sheet, round 31): a warning saying how to print the sheet's
    /// number (`short_years`), since a sheet printed later may write the new era's.
    fn check_era_number(&self, h: &Located<String>, field: &str, year: Option<ColumnYear>) {
        let report = self.config.report_year;
        let Some(year) = year.and_then(|y| y.resolve(report)) else {
            return;
        };
        if !h.value.contains("{year_number}") {
            return;
        }
        let Some((era, number)) = year.in_older_era(report, &self.config.short_years) else {
            return;
        };
        let old = format!("{}{number}", era.letter());
        let printed = self.config.year_heading(&h.value, year);
        let sheets = (self.config)
            .year_heading(&h.value.replace("{year_number}", &number.to_string()), year);
        let names = self.config.year_names();
        let (shown, report) = (year.display(names), report.display(names));
        self.ctx.warning(
            h.span.clone(),
            field,
            Message::new(
                format!("見出し「{}」は {shown} を「{printed}」と書きます。報告年度（{report}）のシートが新しい元号の前に作られたものなら、シートには「{sheets}」（{old}）とあるはずです。そうなら site.toml の short_years に \"{old}\" を加えてください（シートに「{printed}」とあるなら、このままで構いません）", h.value),
                format!("heading \"{}\" prints {shown} as \"{printed}\"; a sheet of the report year ({report}) written before that era began prints \"{sheets}\" ({old}): if the sheet does, add \"{old}\" to short_years in site.toml (if it prints \"{printed}\", leave it)", h.value),
            ),
        );
    }

    /// A column's heading: `{year}` and no other braces; `{year}` needed with `each`.
    pub(super) fn heading_ok(
        &self,
        h: &Located<String>,
        field: &str,
        year: Option<ColumnYear>,
    ) -> bool {
        let rest = SiteConfig::without_year(&h.value);
        if rest.contains(['{', '}']) {
            self.error(
                h.span.clone(),
                field,
                format!("見出し「{}」に {{year}}、{{year_short}}、{{year_number}} 以外の {{ }} があります。{{year}} はサイトの書き方の年度、{{year_short}} は H25 や R3、{{year_number}} は 25 や 3 になります", h.value),
                format!("heading \"{}\" holds braces other than {{year}} (the year as the site writes years), {{year_short}} (H25, R3) and {{year_number}} (25, 3)", h.value),
            );
            return false;
        }
        if year == Some(ColumnYear::Every) && rest != h.value {
            self.error(
                h.span.clone(),
                field,
                format!("year = \"every\" の列は毎年度の値なので、見出し「{}」に {{year}} は入れられません。シートのとおり（\"毎年度\" など）に書いてください", h.value),
                format!("a year = \"every\" column holds a value for every year: its heading \"{}\" cannot hold {{year}}; write it as printed (\"毎年度\" …)", h.value),
            );
            return false;
        }
        if year == Some(ColumnYear::Each) && rest == h.value {
            self.error(
                h.span.clone(),
                field,
                format!("year = \"each\" の列は年度ごとに並ぶので、見出し「{}」に {{year}} を入れてください（例: \"{{year}}予算\"）", h.value),
                format!("a year = \"each\" column repeats for every year: put {{year}} in its heading \"{}\" (e.g. \"{{year}}予算\")", h.value),
            );
            return false;
        }
        true
    }

    /// One row: fixed (`key`, `name`) or a list (`list`), with where its key was
    /// written and its formula as written.
    pub(super) fn row(&self, mut r: Table<'a>, read: &RowsRead<'_>) -> Option<RowRead> {
        let path = r.path.clone();
        // A list row names its list (`list`), a fixed row its key; one written misspelt
        // (`lst`) is read as meant, one error at it, so that its cells in content meet
        // none.
        let is_list = r.span_of("list").is_some()
            || (r.span_of("key").is_none()
                && (r.entries()).any(|(k, _)| {
                    !ROW_FIELDS.contains(&k.name.as_str())
                        && did_you_mean(&k.name, ["list"]).is_some()
                }));
        let key = r.required_string_or_misspelt(if is_list { "list" } else { "key" }, &ROW_FIELDS);
        // A fixed row's `name = ""`: a row the sheet prints without a label (西尾市's
        // 目的体系 code row); drawn with no row heading.
        let name = if is_list {
            r.string("heading").map(|l| l.value)
        } else {
            r.required_string("name").map(|l| l.value)
        };
        let group_heading = if is_list {
            r.string("group_heading").map(|l| l.value)
        } else {
            None
        };
        let unit = r.string("unit").map_or_else(String::new, |l| l.value);
        let scale = self.row_scale(&mut r, read);
        let kind = self.own_row_kind(&mut r, read, scale.as_ref());
        let formula_text = if is_list { None } else { r.string("formula") };
        let part_of = r.string("part_of");
        let show_span = r.span_of("show");
        let show_computed = self.show(&mut r);
        let cells = self.cells(&mut r);
        let words = self.figure_row_flag(&mut r, "words", kind.as_ref());
        let as_written = self.figure_row_flag(&mut r, "as_written", kind.as_ref());
        let names = if is_list {
            Vec::new()
        } else {
            self.row_names(&mut r)
        };
        let notes = self.row_notes(&mut r);
        let is = self.row_is(&mut r, read);
        let mut inside = self.inside_of(&mut r, is_list).map(|(i, _)| i);
        self.shown_empty(&mut r, &mut inside);
        let across = self.across(&mut r, is_list);
        r.finish();
        let key = key?;
        let key_field = format!("{path}.{}", if is_list { "list" } else { "key" });
        if !self.key_ok(key.span.clone(), &key_field, &key.value, ROW_KEY) {
            return None;
        }
        let formula = formula_text
            .as_ref()
            .and_then(|f| self.formula(f, &format!("{path}.formula")));
        let row = Row {
            key: key.value,
            name: name.unwrap_or_default(),
            unit,
            // A kind refused (reported) reads the row's cells as figures or words alike
            // (`words = true`), so that they meet no error of their own.
            kind: kind.clone().unwrap_or(RowKind::Number),
            list: is_list,
            formula,
            part_of: part_of.map(|l| l.value),
            show_computed,
            cells,
            compat: self.builtin,
            words: words || kind.is_none(),
            names,
            notes,
            group: None,
            scale,
            group_heading,
            as_written,
            inside,
            is,
            across,
        };
        self.check_rate(
            &row,
            formula_text.as_ref(),
            &path,
            show_span.filter(|_| show_computed),
        );
        let compat = self.builtin
            || (self.compat.iter()).any(|c| {
                *c == Row {
                    compat: true,
                    ..row.clone()
                }
            });
        let row = Row { compat, ..row };
        Some((row, key.span, formula_text, path))
    }

    /// A row's `is` (`"plan"` or `"result"`): only where no column's phase says either,
    /// else an error at it.
    fn row_is(&self, r: &mut Table<'a>, read: &RowsRead<'_>) -> Option<PhaseIs> {
        let l = r.string("is")?;
        let field = format!("{}.is", r.path);
        let is = match l.value.as_str() {
            "plan" => PhaseIs::Plan,
            "result" => PhaseIs::Result,
            _ => {
                self.error(
                    l.span,
                    &field,
                    format!("行の is は \"plan\"（計画）か \"result\"（結果）です。\"{}\" と書かれています", l.value),
                    format!("a row's is is \"plan\" or \"result\"; found \"{}\"", l.value),
                );
                return None;
            }
        };
        if read.phases_said {
            self.error(
                l.span,
                &field,
                format!("表「{}」の列の区分が計画か結果かを言っています。行の is は、列の区分が is = \"neither\" の表（年度の列が一つの区分：名寄市の予算額の表の決算額）にだけ書けます", read.table),
                format!("the columns of table \"{}\" say plan or result by their phases: a row's is belongs in a table whose columns' phase is neither (is = \"neither\": one phase a year, 名寄市's 決算額 in its 予算額 table)", read.table),
            );
            return None;
        }
        Some(is)
    }

    /// A row's `kind`: required, but where every column of its table is a measure (each
    /// column's kind reads its cells, [`Column::read_as`]), where a row left without one
    /// is of kind words, which no cell of it is read by. `scale`: the row's own, read
    /// before ([`Reader::row_scale`]).
    fn own_row_kind(
        &self,
        r: &mut Table<'a>,
        read: &RowsRead<'_>,
        scale: Option<&String>,
    ) -> Option<RowKind> {
        if r.span_of("kind").is_some() {
            return self.kind_of(r, scale);
        }
        if read.measures {
            return Some(RowKind::Words);
        }
        self.error(
            r.span.clone(),
            &format!("{}.kind", r.path),
            format!(
                "表「{}」の行に kind（行の値の種類：{}）がありません。列がすべて自分の kind を持つ数値の項目の列（key と kind、kind = \"row\" でないもの）の表でなければ、行ごとに kind を書いてください",
                read.table,
                RowKind::NAMES.join(" / ")
            ),
            format!(
                "a row of table \"{}\" has no kind (what its cells hold: {}); every row needs one unless every column of its table is a measure with a kind of its own (key, kind, not kind = \"row\"), whose kind reads the cells",
                read.table,
                RowKind::NAMES.join(", ")
            ),
        );
        None
    }

    /// A row's `scale`: the scale of its grade cells — a row of kind grade's own, or in a
    /// table with a grade column (a measure, `kind = "grade"`), the scale its cells there
    /// are graded on, in place of the column's (寝屋川市's 市民参画度 A–E beside
    /// viewpoints graded A/B). Anywhere else a scale grades nothing: an error saying where
    /// a scale belongs.
    fn row_scale(&self, r: &mut Table<'a>, read: &RowsRead<'_>) -> Option<String> {
        let span = r.span_of("scale")?;
        let scale = self.scale(r);
        let graded = read.grades
            || (r.entries()).any(|(k, v)| {
                k.name == "kind" && matches!(&v.node.value, Value::String(s) if s == "grade")
            });
        if graded || r.span_of("kind").is_none() && !read.measures {
            return scale;
        }
        self.error(
            span,
            &format!("{}.scale", r.path),
            format!("この行の scale は何の評価の尺度にもなりません: 表「{}」には評価の列（kind = \"grade\" の数値の項目の列）がなく、行も kind = \"grade\" ではありません。尺度は、評価の列（{{ key = \"hyoka\", heading = \"評価\", kind = \"grade\", scale = \"…\" }}）か kind = \"grade\" の行に書きます。行ごとに尺度が違うときは、評価の列のある表の各行に scale を書きます", read.table),
            format!("this row's scale grades nothing: table \"{}\" has no grade column (a measure column of kind = \"grade\") and the row is not of kind = \"grade\". A scale goes on a grade column ({{ key = \"hyoka\", heading = \"評価\", kind = \"grade\", scale = \"…\" }}) or on a row of kind = \"grade\"; where each row grades on a scale of its own, write scale on each row of a table with a grade column", read.table),
        );
        None
    }

    /// A row's `kind`, its scale read already: grade on the row's scale; any other kind
    /// beside a scale only where the table has a grade column for it to grade.
    fn kind_of(&self, r: &mut Table<'a>, scale: Option<&String>) -> Option<RowKind> {
        let l = r.required_string("kind")?;
        match l.value.as_str() {
            "grade" => Some(RowKind::Grade(scale.cloned())),
            _ => self.kind_named(&l, &format!("{}.kind", r.path)),
        }
    }

    /// `kind` (and `scale` for a grade).
    pub(super) fn row_kind(&self, r: &mut Table<'a>) -> Option<RowKind> {
        let field = format!("{}.kind", r.path);
        let Some(l) = r.required_string("kind") else {
            r.entry("scale");
            return None;
        };
        let scale = self.scale(r);
        if l.value == "grade" {
            return Some(RowKind::Grade(scale));
        }
        if l.value == "word" {
            return self.choices(r).map(RowKind::Word);
        }
        let kind = self.kind_named(&l, &field)?;
        if let (Some(_), Some(span)) = (&scale, r.span_of("scale")) {
            self.error(
                span,
                &format!("{}.scale", r.path),
                "scale は kind = \"grade\" の行や項目にだけ書けます".to_string(),
                "scale is only for a row or item of kind = \"grade\"".to_string(),
            );
        }
        Some(kind)
    }

    /// A measure column of choices (`kind = "word"`): its `words`, in the printed order,
    /// and the `marks` before the chosen one and the others (both required: a column
    /// printing only the chosen word is a column of `words`).
    fn choices(&self, c: &mut Table<'a>) -> Option<Choices> {
        let path = c.path.clone();
        let words: Vec<String> = c.strings("words").into_iter().map(|l| l.value).collect();
        let marks = self.marks(c);
        let mut unique = words.clone();
        unique.sort();
        unique.dedup();
        if words.is_empty()
            || unique.len() != words.len()
            || words.iter().any(|w| w.trim().is_empty())
        {
            self.error(
                c.span.clone(),
                &format!("{path}.words"),
                "kind = \"word\" の列（選択肢の列）には、各欄に印字する語を words に印字の順で書いてください（空でなく、同じ語は一度だけ。例: words = [\"活動\", \"成果\"]）。自由に言葉を書く列は kind = \"words\" です".to_string(),
                "a column of kind = \"word\" (a column of choices) needs the words each cell prints, in words, in the printed order (none empty, each once; e.g. words = [\"活動\", \"成果\"]); a column of free words is kind = \"words\"".to_string(),
            );
            return None;
        }
        if marks.is_none() && c.span_of("marks").is_none() {
            self.error(
                c.span.clone(),
                &format!("{path}.marks"),
                "kind = \"word\" の列は、語をすべて印字し、選んだ語に印を付けます。marks に二つの印を書いてください（例: marks = [\"■\", \"□\"]）。選んだ語だけを印字する列は kind = \"words\" です".to_string(),
                "a column of kind = \"word\" prints all its words, the chosen one marked: give marks two marks (e.g. marks = [\"■\", \"□\"]); a column printing only the chosen word is kind = \"words\"".to_string(),
            );
        }
        Some(Choices {
            words,
            marks: marks?,
        })
    }

    /// A kind other than grade, by its name.
    fn kind_named(&self, l: &Located<String>, field: &str) -> Option<RowKind> {
        if let Some(kind) = RowKind::plain(&l.value) {
            return Some(kind);
        }
        match l.value.as_str() {
            "word" => {
                self.error(
                    l.span.clone(),
                    field,
                    "kind = \"word\"（語をすべて印字し、選んだ語に印を付ける欄）は、数値の項目の列（key と kind）にだけ書けます。行の語は kind = \"words\" です".to_string(),
                    "kind = \"word\" (every word printed, the chosen one marked) is only for a measure column (key, kind); a row of words is kind = \"words\"".to_string(),
                );
                None
            }
            other => {
                let (hja, hen) = hint(other, RowKind::NAMES);
                self.error(
                    l.span.clone(),
                    field,
                    format!(
                        "行の種類「{other}」は使えません。{hja}{} のどれかです",
                        RowKind::NAMES.join(" / ")
                    ),
                    format!(
                        "row kind \"{other}\" is not known; {hen}expected one of {}",
                        RowKind::NAMES.join(", ")
                    ),
                );
                None
            }
        }
    }

    /// `scale`: one of site.toml's scales.
    pub(super) fn scale(&self, t: &mut Table<'a>) -> Option<String> {
        let l = t.string("scale")?;
        if self.config.scale(&l.value).is_some() {
            return Some(l.value);
        }
        let ids: Vec<&str> = self.config.scales.iter().map(|s| s.id.as_str()).collect();
        let (hja, hen) = hint(&l.value, ids.iter().copied());
        self.error(
            l.span,
            &format!("{}.scale", t.path),
            format!(
                "尺度「{}」は site.toml の [[scales]] にありません。{hja}（あるもの: {}）",
                l.value,
                ids.join(", ")
            ),
            format!(
                "no scale \"{}\" in [[scales]] of site.toml; {hen}(known: {})",
                l.value,
                ids.join(", ")
            ),
        );
        None
    }

    /// `show = "computed"`.
    pub(super) fn show(&self, r: &mut Table<'a>) -> bool {
        self.one_word(
            r,
            "show",
            "computed",
            (
                "値が書かれていないとき計算した値を示す",
                "show the computed value where none is written",
            ),
        )
    }

    /// `key = "word"`, the one word `key` may hold; anything else is reported.
    pub(super) fn one_word(
        &self,
        t: &mut Table<'a>,
        key: &'static str,
        word: &str,
        what: (&str, &str),
    ) -> bool {
        let Some(l) = t.string(key) else {
            return false;
        };
        if l.value == word {
            return true;
        }
        self.error(
            l.span,
            &format!("{}.{key}", t.path),
            format!(
                "{key} は \"{word}\"（{}）だけです（「{}」）",
                what.0, l.value
            ),
            format!(
                "{key} can only be \"{word}\" ({}); found \"{}\"",
                what.1, l.value
            ),
        );
        false
    }

    /// `cells = { phase = "key" }`: each phase's key in content.
    pub(super) fn cells(&self, r: &mut Table<'a>) -> Vec<(String, String)> {
        let Some(ct) = r.table("cells") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in ct.entries() {
            let field = format!("{}.{}", ct.path, k.name);
            let Value::String(s) = &v.node.value else {
                type_error(self.ctx, &field, v.node, ("文字列", "a string"));
                continue;
            };
            if self.key_ok(v.span(), &field, s, ROW_KEY) {
                out.push((k.name.clone(), s.clone()));
            }
        }
        out
    }

    /// A formula, parsed; a problem is reported at its place in the string.
    pub(super) fn formula(&self, l: &Located<String>, field: &str) -> Option<Formula> {
        match Formula::parse(&l.value) {
            Ok(f) => Some(f),
            Err((at, ja, en)) => {
                self.error(
                    self.inside(l, at),
                    field,
                    format!("計算式「{}」: {ja}", l.value),
                    format!("formula \"{}\": {en}", l.value),
                );
                None
            }
        }
    }

    /// Where bytes `at` of a string's value stand in the file: exact for a string
    /// written without escapes, else the whole string.
    pub(super) fn inside(&self, l: &Located<String>, at: Range<usize>) -> Range<usize> {
        let written = self.ctx.file.text.get(l.span.clone()).unwrap_or("");
        let quote = written.chars().next().filter(|c| *c == '"' || *c == '\'');
        match quote {
            Some(q) if written.len() == l.value.len() + 2 && written[1..].starts_with(&l.value) => {
                let start = l.span.start + q.len_utf8();
                start + at.start..start + at.end.max(at.start)
            }
            _ => l.span.clone(),
        }
    }
}

/// Whether a column says `kind = "row"`: a measure column whose cells are read by their
/// rows' kinds ([`MeasureKind::Row`]).
fn by_row(c: &Table<'_>) -> bool {
    (c.entries())
        .any(|(k, v)| k.name == "kind" && matches!(&v.node.value, Value::String(s) if s == "row"))
}
