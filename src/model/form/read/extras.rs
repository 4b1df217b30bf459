//! What the real sheets add to a table (examples/SHEETS.md): a figure row that may hold
//! words (`words = true`), a row's names by year (`names`), label/value pairs on its cells
//! (`notes`), a table's named sums (`sums`), its years drawn as rows (`years = "rows"`) or
//! none (`years = "none"`), each row a group of phase rows (`each_row = "rows"`), units
//! printed in the cells (`cell_units`), a row printed inside another row's cell
//! (`inside`, `printed`), a printed rate's formula (`kind = "rate"`, `a / b`), and the
//! years a form is the sheet of (`years = ["H25", "H28"]`).

use super::*;
use crate::model::form::{CellUnits, Inside, RowNote, Years};

/// Keys a cell written as a table takes besides its notes.
const CELL_KEYS: [&str; 4] = ["value", "printed", "year", "phase"];

impl<'a> Reader<'a> {
    /// `words = true` (a figure row's cell may hold words) or `as_written = true` (its
    /// figures printed as written): only on a figure row, as a words or grade row holds
    /// words, printed as written, already.
    pub(super) fn figure_row_flag(
        &self,
        r: &mut Table<'a>,
        key: &'static str,
        kind: Option<&RowKind>,
    ) -> bool {
        let Some(flag) = r.flag(key) else {
            return false;
        };
        if flag.value && kind.is_some_and(|k| !k.is_figure()) {
            self.error(
                flag.span,
                &format!("{}.{key}", r.path),
                format!("{key} = true は数値の行（amount, number, count, percent, people, rate）にだけ書けます。words や grade の行はもともと語句を書いたとおりに印字します"),
                format!("{key} = true is only for a figure row (amount, number, count, percent, people, rate); a words or grade row holds words already, printed as written"),
            );
            return false;
        }
        flag.value
    }

    /// `names = { H29 = "国支出金" }`: the name printed from each year on.
    pub(super) fn row_names(&self, r: &mut Table<'a>) -> Vec<(FiscalYear, String)> {
        let Some(nt) = r.table("names") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in nt.entries() {
            let field = format!("{}.{}", nt.path, k.name);
            let year = match FiscalYear::parse(&k.name) {
                Ok(y) => self.ctx.check_year(k.span.clone(), &field, &k.name, y),
                Err(e) => {
                    self.error(
                        k.span.clone(),
                        &field,
                        format!(
                            "{} names のキーは、その名前になった年度（\"H29\" など）です",
                            e.ja()
                        ),
                        format!(
                            "{}; a key of names is the year the name starts (\"H29\" …)",
                            e.en()
                        ),
                    );
                    None
                }
            };
            let Value::String(name) = &v.node.value else {
                type_error(self.ctx, &field, v.node, ("文字列", "a string"));
                continue;
            };
            if let Some(y) = year {
                out.push((y, name.clone()));
            }
        }
        out
    }

    /// `inside = "sojigyohi"` with `printed = "\n(うち人件費 {value} 千円)"`: a fixed row
    /// (or an item) printed inside another's cells; the two go together, and the printed
    /// form holds the figure (`{value}`) once. The host is checked with the table's rows
    /// (`check_relations`) or the form's items (`check_item_hosts`); with where it is named.
    pub(super) fn inside_of(
        &self,
        r: &mut Table<'a>,
        is_list: bool,
    ) -> Option<(Inside, Range<usize>)> {
        let path = r.path.clone();
        let inside = r.string("inside");
        let printed = r.string("printed");
        match (inside, printed) {
            (None, None) => None,
            (Some(host), None) => {
                self.error(
                    host.span,
                    &format!("{path}.printed"),
                    format!("inside = \"{}\" には、そのセルの中にシートが印字する形を printed に書いてください（例: printed = \"\\n(うち人件費 {{value}} 千円)\"、{{value}} が数値）", host.value),
                    format!("inside = \"{}\" needs printed: how the sheet prints it inside that cell (e.g. printed = \"\\n(うち人件費 {{value}} 千円)\", {{value}} is its figure)", host.value),
                );
                None
            }
            (None, Some(p)) => {
                self.error(
                    p.span,
                    &format!("{path}.printed"),
                    "printed は、ほかの行・列や項目のセルの中に印字されるもの（inside = \"その key\"）に書きます".to_string(),
                    "printed goes with inside = \"<key>\": the row, column or item printed inside that one's cell".to_string(),
                );
                None
            }
            (Some(host), Some(p)) => {
                if is_list {
                    self.error(
                        host.span,
                        &format!("{path}.inside"),
                        "一覧の行（list）はほかの行のセルの中に印字できません。inside は決まった行（key）に書いてください。一覧の各行のセルの中に印字される値（件数の下の割合）は、数値の項目の列に inside = \"列の key\" と書きます".to_string(),
                        "a list of rows (list) cannot be printed inside another row's cells; inside goes on a fixed row (key). A value printed inside each list row's cell (a share under a count) is a measure column with inside = \"<column key>\"".to_string(),
                    );
                    return None;
                }
                if p.value.matches("{value}").count() != 1 {
                    self.error(
                        p.span,
                        &format!("{path}.printed"),
                        format!("printed「{}」には、行の数値の入る {{value}} を一つ書いてください（例: \"\\n(うち人件費 {{value}} 千円)\"）", p.value),
                        format!("printed \"{}\" must hold {{value}}, where the row's figure goes, once (e.g. \"\\n(うち人件費 {{value}} 千円)\")", p.value),
                    );
                    return None;
                }
                Some((
                    Inside {
                        row: host.value,
                        printed: p.value,
                        shown_empty: false,
                        after: None,
                    },
                    host.span,
                ))
            }
        }
    }

    /// A row's `empty = "shown"`: the words of its printed form (`inside`, `printed`) also
    /// in a cell whose figure is blank, as 蒲郡市 prints 「非常勤」 with no figure; on a row
    /// printed inside no other, or other than `"shown"`, an error.
    pub(super) fn shown_empty(&self, r: &mut Table<'a>, inside: &mut Option<Inside>) {
        let Some(empty) = r.string("empty") else {
            return;
        };
        let path = format!("{}.empty", r.path);
        match inside {
            Some(i) if empty.value == "shown" => i.shown_empty = true,
            Some(_) => self.error(
                empty.span,
                &path,
                format!("empty は \"shown\"（数値のないセルにも printed の語を印字する）だけです。「{}」は使えません", empty.value),
                format!("empty can only be \"shown\" (the printed words also in a cell with no figure), not \"{}\"", empty.value),
            ),
            None => self.error(
                empty.span,
                &path,
                "empty = \"shown\" は、ほかの行や列のセルの中に印字される行・列（inside と printed のあるもの）に書きます。数値のないセルにもその語を印字します".to_string(),
                "empty = \"shown\" goes on a row or column printed inside another's cell (with inside and printed): its words are printed also where its figure is blank".to_string(),
            ),
        }
    }

    /// `notes = [{ key = "kisai", name = "起債名" }]`: each key an ASCII key of its own.
    pub(super) fn row_notes(&self, r: &mut Table<'a>) -> Vec<RowNote> {
        let mut out: Vec<RowNote> = Vec::new();
        for mut n in r.tables("notes") {
            let key = n.required_string("key");
            // `name = ""`: a note the sheet prints without a label (郡山市's ※ beside 人件費).
            let name = n.required_string("name");
            let path = n.path.clone();
            n.finish();
            let (Some(key), Some(name)) = (key, name) else {
                continue;
            };
            let field = format!("{path}.key");
            if !self.key_ok(key.span.clone(), &field, &key.value, NOTE_KEY) {
                continue;
            }
            if CELL_KEYS.contains(&key.value.as_str()) || out.iter().any(|o| o.key == key.value) {
                self.error(
                    key.span,
                    &field,
                    format!("注記の key「{}」は使えません。value, printed, year, phase 以外の、行の中で重ならない key にしてください", key.value),
                    format!("note key \"{}\" cannot be used: choose a key other than value, printed, year and phase, not used twice in the row", key.value),
                );
                continue;
            }
            out.push(RowNote {
                key: key.value,
                name: name.value,
            });
        }
        out
    }

    /// `sums = { tokutei = ["kokko", …] }`: each a key of its own over figure rows.
    pub(super) fn sums(&self, t: &mut Table<'a>) -> Vec<(String, Vec<String>)> {
        let Some(st) = t.table("sums") else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in st.entries() {
            let field = format!("{}.{}", st.path, k.name);
            if !self.key_ok(k.span.clone(), &field, &k.name, ROW_KEY) {
                continue;
            }
            let Value::Array(items) = &v.node.value else {
                type_error(
                    self.ctx,
                    &field,
                    v.node,
                    ("行の key の並び", "an array of row keys"),
                );
                continue;
            };
            let mut rows = Vec::new();
            for item in items {
                match &item.value {
                    Value::String(s) => rows.push(s.clone()),
                    _ => type_error(
                        self.ctx,
                        &field,
                        item,
                        ("行の key（文字列）", "a row key (a string)"),
                    ),
                }
            }
            out.push((k.name.clone(), rows));
        }
        out
    }

    /// The named sums against the rows: each a new name, its parts fixed figure rows.
    pub(super) fn check_sums(
        &self,
        t: &Table<'a>,
        sums: &[(String, Vec<String>)],
        rows: &[RowRead],
    ) {
        let keys: Vec<&str> = rows.iter().map(|(r, ..)| r.key.as_str()).collect();
        let span = t.span_of("sums").unwrap_or_else(|| t.span.clone());
        for (name, parts) in sums {
            let field = format!("{}.sums.{name}", t.path);
            if keys.contains(&name.as_str()) {
                self.error(
                    span.clone(),
                    &field,
                    format!(
                        "合計の名前「{name}」は行の key と同じです。行でない別の名前にしてください"
                    ),
                    format!("sum \"{name}\" has the key of a row; give it a name no row has"),
                );
            }
            for part in parts {
                let row = rows.iter().find(|(r, ..)| r.key == *part).map(|(r, ..)| r);
                if row.is_some_and(|r| !r.list && r.kind.is_figure() && r.kind != RowKind::Rate) {
                    continue;
                }
                let (hja, hen) = hint(part, keys.iter().copied());
                self.error(
                    span.clone(),
                    &field,
                    format!("合計「{name}」の「{part}」は、この表の数値の行（一覧でも率でもない行）ではありません。{hja}（あるもの: {}）", keys.join(", ")),
                    format!("\"{part}\" in sum \"{name}\" is not a figure row of this table (nor may it be a list or a rate); {hen}(known: {})", keys.join(", ")),
                );
            }
        }
    }

    /// `years = "rows"` (the years drawn as rows), `"columns"` (the default) or `"none"`
    /// (a table of no year: its cells are the page's own, not a year's).
    pub(super) fn years_axis(&self, t: &mut Table<'a>) -> Axis {
        let said = (
            "表の years は \"rows\"（年度を行に）、\"columns\"（年度を列に。既定）、\"none\"（年度のない表：セルは年度の外に書く）のどれかです",
            "a table's years is \"rows\" (the years as rows), \"columns\" (the default) or \"none\" (a table of no year: its cells are written outside the years)",
        );
        match self.one_of(t, "years", ["rows", "columns", "none"], 1, said) {
            0 => Axis::Rows,
            2 => Axis::None,
            _ => Axis::Columns,
        }
    }

    /// `phases = "columns"` (with `years = "rows"`: a row per year, a column per phase) or
    /// `"rows"` (the default: a row per year and phase).
    pub(super) fn phases_axis(&self, t: &mut Table<'a>) -> bool {
        let said = (
            "表の phases は \"columns\"（years = \"rows\" の表で、年度ごとに一行、区分ごとに一列）か \"rows\"（既定。年度と区分ごとに一行）です",
            "a table's phases is \"columns\" (in a table of years = \"rows\": a row per year, a column per phase) or \"rows\" (the default: a row per year and phase)",
        );
        self.either(t, "phases", ["columns", "rows"], said)
    }

    /// `each_row = "table"` (each row a table of its own), `"rows"` (each row a group of
    /// rows of the one table, a row per phase) or `"row"` (the default).
    pub(super) fn each_row(&self, t: &mut Table<'a>) -> EachRow {
        let said = (
            "表の each_row は \"table\"（行ごとに一つの表。年度を列、区分を行に）、\"rows\"（一つの表の中で、行ごとに区分の行をまとめる。年度を列に）か \"row\"（既定）です",
            "a table's each_row is \"table\" (each row a table of its own: the years as columns, the phases as rows), \"rows\" (each row a group of rows of the one table, a row per phase, the years as columns) or \"row\" (the default)",
        );
        match self.one_of(t, "each_row", ["table", "rows", "row"], 2, said) {
            0 => EachRow::Table,
            1 => EachRow::Rows,
            _ => EachRow::Row,
        }
    }

    /// `cell_units = "after"` or `"before"` (where each cell prints its row's unit) and
    /// `cell_units_empty = "shown"` (also in cells with no figure); `None` without it.
    pub(super) fn cell_units(&self, t: &mut Table<'a>) -> Option<CellUnits> {
        let said = (
            "表の cell_units は \"after\"（各セルの数値の後に単位: 1,234千円）か \"before\"（数値の前に単位: 千円 6,000）です",
            "a table's cell_units is \"after\" (each cell prints its row's unit after the figure: 1,234千円) or \"before\" (before it: 千円 6,000)",
        );
        let given = t.span_of("cell_units").is_some();
        let before = self.either(t, "cell_units", ["before", "after"], said);
        let said = (
            "表の cell_units_empty は \"shown\"（数値のないセルにも単位を印字）か \"hidden\"（既定）です",
            "a table's cell_units_empty is \"shown\" (the unit printed in cells without a figure too) or \"hidden\" (the default)",
        );
        let empty_at = t.span_of("cell_units_empty");
        let empty = self.either(t, "cell_units_empty", ["shown", "hidden"], said);
        if let (Some(span), false) = (empty_at, given) {
            self.error(
                span,
                &format!("{}.cell_units_empty", t.path),
                "cell_units_empty は、セルに単位を印字する表（cell_units = \"after\" か \"before\"）に書きます".to_string(),
                "cell_units_empty goes with cell_units (\"after\" or \"before\"): the table's cells print their unit".to_string(),
            );
        }
        given.then_some(CellUnits { before, empty })
    }

    /// `group_names`: `"every"` prints each row group's name on every row of its group
    /// (小矢部市's 主要施策コード), `"once"` (the default) once beside its rows. Refused in a
    /// table with no group to print (no declared group and no list whose entries name
    /// one) and in a table that draws no row groups (`years = "rows"`, `each_row = "table"`).
    pub(super) fn group_names(
        &self,
        t: &mut Table<'a>,
        key: &str,
        groups: &[RowGroup],
        rows: &[RowRead],
        no_groups: bool,
    ) -> bool {
        let said = (
            "表の group_names は \"every\"（行のまとまりの名を、まとまりのどの行にも印字: 小矢部市の主要施策コード）か \"once\"（既定: まとまりの行の横に一度）です",
            "a table's group_names is \"every\" (each row group's name printed on every row of the group: 小矢部市's 主要施策コード) or \"once\" (the default: once beside its rows)",
        );
        let at = t.span_of("group_names");
        let every = self.either(t, "group_names", ["every", "once"], said);
        let Some(span) = at.filter(|_| every) else {
            return every;
        };
        let field = format!("{}.group_names", t.path);
        if no_groups {
            self.error(
                span,
                &field,
                format!("表「{key}」は years = \"rows\"（行のまとまりの名は列の上に一度印字）か each_row = \"table\"（まとまりを描かない）の表なので、group_names = \"every\" は使えません"),
                format!("table \"{key}\" has years = \"rows\" (a row group's name is printed once, over its columns) or each_row = \"table\" (no row groups drawn), so group_names = \"every\" has nothing to print"),
            );
            return false;
        }
        if groups.is_empty() && !rows.iter().any(|(r, ..)| r.list) {
            self.error(
                span,
                &field,
                format!("表「{key}」には行のまとまり（name と rows のある行）も、まとまりを内容に書ける一覧（list）もないので、group_names = \"every\" で印字する名がありません。まとまりを rows に書くか、group_names を消してください"),
                format!("table \"{key}\" has no row group (a row with name and rows) and no list whose entries name one, so group_names = \"every\" has no name to print; declare the group in rows or remove group_names"),
            );
            return false;
        }
        true
    }

    /// `rows_under = "indented"` (糸魚川市's 第1節 … indented under 第1章 in one column of
    /// names) or `"beside"` (the default: the row's name in a cell spanning its rows);
    /// only in a table with a row that has rows under it.
    pub(super) fn rows_under(
        &self,
        t: &mut Table<'a>,
        key: &str,
        groups: &[RowGroup],
        every: bool,
    ) -> bool {
        let said = (
            "表の rows_under は \"indented\"（行の下の行を、同じ名前の列に字下げして印字: 糸魚川市の第1章の下の第1節）か \"beside\"（既定: 行の名をその下の行にまたがる欄に）です",
            "a table's rows_under is \"indented\" (the rows under a row printed indented in the same column of names: 糸魚川市's 第1節 under 第1章) or \"beside\" (the default: the row's name in a cell spanning the rows under it)",
        );
        let at = t.span_of("rows_under");
        let indented = self.either(t, "rows_under", ["indented", "beside"], said);
        let Some(span) = at.filter(|_| indented) else {
            return indented;
        };
        // Drawn indented, a row stands on its own line: not beside its rows (`beside`),
        // and its name is not repeated on theirs (`group_names = "every"`).
        if every || groups.iter().any(|g| g.beside) {
            self.error(
                span,
                &format!("{}.rows_under", t.path),
                format!("表「{key}」の rows_under = \"indented\" は、行の欄を下の行の横に印字する行（beside = true）や group_names = \"every\" と一緒には書けません。行はそれぞれ一行に、下の行はその下に字下げして印字されます"),
                format!("table \"{key}\": rows_under = \"indented\" cannot go with a row printing its cells beside the rows under it (beside = true) or with group_names = \"every\": indented, each row stands on its own line and the rows under it below it"),
            );
            return false;
        }
        if groups.iter().any(|g| g.head.is_some()) {
            return true;
        }
        self.error(
            span,
            &format!("{}.rows_under", t.path),
            format!("表「{key}」には下に行のある行（key と rows のある行）がないので、rows_under = \"indented\" で字下げする行がありません"),
            format!("table \"{key}\" has no row with rows under it (a row with key and rows), so rows_under = \"indented\" has no rows to indent"),
        );
        false
    }

    /// A key that takes one of two words: `true` for the first, `false` for the second
    /// (the default) or, said at its place with the closest word, for any other.
    fn either(
        &self,
        t: &mut Table<'a>,
        key: &'static str,
        words: [&str; 2],
        said: (&str, &str),
    ) -> bool {
        self.one_of(t, key, words, 1, said) == 0
    }

    /// A key that takes one of `words`: the index of the word written, `default` where
    /// none is written or (said at its place with the closest word) another is.
    fn one_of<const N: usize>(
        &self,
        t: &mut Table<'a>,
        key: &'static str,
        words: [&str; N],
        default: usize,
        (ja, en): (&str, &str),
    ) -> usize {
        let Some(l) = t.string(key) else {
            return default;
        };
        if let Some(i) = words.iter().position(|w| *w == l.value) {
            return i;
        }
        let (hja, hen) = hint(&l.value, words);
        let found = &l.value;
        self.error(
            l.span.clone(),
            &format!("{}.{key}", t.path),
            format!("{ja}。{hja}（「{found}」）"),
            format!("{en}; {hen}found \"{found}\""),
        );
        default
    }

    /// An `every` column's phase is its own in the table: its cell is the one content
    /// writes under that phase in the latest year, so no other column may take it.
    pub(super) fn check_every(&self, columns: &[(Column, Range<usize>)], field: &str) {
        for (c, span) in columns.iter().filter(|(c, _)| c.year == ColumnYear::Every) {
            let shared = columns
                .iter()
                .any(|(o, _)| o.year != ColumnYear::Every && o.phase == c.phase);
            if shared {
                self.error(
                    span.clone(),
                    field,
                    format!("year = \"every\"（毎年度）の列の区分「{}」を、この表の他の列も使っています。毎年度の値はどの年度に書いても同じ列になるので、別の区分（phases に加えて）にしてください", c.phase.key),
                    format!("phase \"{}\" of a year = \"every\" column is used by another column of this table; a value for every year fills that one column whichever year writes it, so give it a phase of its own (add one to phases)", c.phase.key),
                );
            }
        }
    }

    /// A division only in a rate's formula, and a rate's formula is a division; a rate is
    /// checked, never shown computed.
    pub(super) fn check_rate(
        &self,
        row: &Row,
        text: Option<&Located<String>>,
        field: &str,
        show_span: Option<Range<usize>>,
    ) {
        let is_rate = row.kind == RowKind::Rate;
        let divides = row.formula.as_ref().is_some_and(|f| !f.per.is_empty());
        if let Some(text) = text
            && is_rate != divides
        {
            let (ja, en) = if is_rate {
                (
                    "率の行（kind = \"rate\"）の計算式は割り算です（例: \"full_cost / jueki\"）",
                    "a rate row's (kind = \"rate\") formula is a division (e.g. \"full_cost / jueki\")",
                )
            } else {
                (
                    "割り算（/）は率の行（kind = \"rate\"）の計算式にだけ書けます",
                    "a division (/) is only for the formula of a rate row (kind = \"rate\")",
                )
            };
            self.error(
                text.span.clone(),
                &format!("{field}.formula"),
                ja.to_string(),
                en.to_string(),
            );
        }
        if let (true, Some(span)) = (is_rate, show_span) {
            self.error(
                span,
                &format!("{field}.show"),
                "率の行は印字された値を確かめるだけで、計算した値を代わりに示すことはしません。show を消してください".to_string(),
                "a rate row is checked against the printed value and never shown computed in its place; remove show".to_string(),
            );
        }
    }
}

impl<'a> Reader<'a> {
    /// A form's `years = ["H25", "H28"]`: its first and last year, in order.
    pub(super) fn form_years(&self, t: &mut Table<'a>) -> Option<Years> {
        let span = t.entry("years")?.1.span.clone();
        let field = format!("{}.years", t.path);
        let written = t.strings("years");
        let years: Vec<FiscalYear> = (written.iter())
            .filter_map(|l| match FiscalYear::parse(&l.value) {
                Ok(y) => self.ctx.check_year(l.span.clone(), &field, &l.value, y),
                Err(e) => {
                    self.error(
                        l.span.clone(),
                        &field,
                        e.ja().to_string(),
                        e.en().to_string(),
                    );
                    None
                }
            })
            .collect();
        match years[..] {
            [first, last] if first <= last => Some((first, last)),
            _ if years.len() < written.len() => None,
            _ => {
                self.error(
                    span,
                    &field,
                    "様式の years は、その様式を使う最初と最後の年度の二つを順に書きます（例: years = [\"H25\", \"H28\"]）".to_string(),
                    "a form's years are the first and the last year it is the sheet of, in order (e.g. years = [\"H25\", \"H28\"])".to_string(),
                );
                None
            }
        }
    }
}

impl<'a> Reader<'a> {
    /// A form's `each_year`: `"sheet"` (each year's sections as one block under the
    /// year's heading) or `"section"` (the default: each section lists its years).
    pub(super) fn each_year(&self, t: &mut Table<'a>) -> bool {
        let said = (
            "様式の each_year は \"sheet\"（年度ごとの区分を、年度の見出しの下にまとめて一枚に）か \"section\"（区分ごとに年度を並べる。既定）です",
            "a form's each_year is \"sheet\" (each year's sections together under the year's heading) or \"section\" (the default: each section lists its years)",
        );
        self.either(t, "each_year", ["sheet", "section"], said)
    }

    /// `items`: `"rows"` (each labelled item a row of its own, as 吹田市 and 寝屋川市
    /// print them) or `"grid"` (two side by side on a wide screen, the default).
    pub(super) fn items_layout(&self, t: &mut Table<'a>) -> bool {
        let said = (
            "様式の items は \"rows\"（名前と値の項目を一行に一つずつ）か \"grid\"（広い画面では二つずつ横に並べる。既定）です",
            "a form's items is \"rows\" (each labelled item a row of its own) or \"grid\" (the default: two side by side on a wide screen)",
        );
        self.either(t, "items", ["rows", "grid"], said)
    }

    /// `paper`: `"landscape"` (the sheet is printed on A4 turned sideways) or `"portrait"`
    /// (upright, the default).
    pub(super) fn paper(&self, t: &mut Table<'a>) -> bool {
        let said = (
            "様式の paper は \"landscape\"（シートをA4横向きに印刷する）か \"portrait\"（A4縦向き。既定）です",
            "a form's paper is \"landscape\" (the sheet is printed on A4 turned sideways) or \"portrait\" (upright A4, the default)",
        );
        self.either(t, "paper", ["landscape", "portrait"], said)
    }
}

/// Whether two forms' years share a year (a form for every year shares all).
pub(super) fn years_overlap(a: Option<Years>, b: Option<Years>) -> bool {
    match (a, b) {
        (Some((a1, a2)), Some((b1, b2))) => a1 <= b2 && b1 <= a2,
        _ => true,
    }
}

/// What a note's key names, for messages.
const NOTE_KEY: KeyOf = ("注記", "note", "kisai");
