//! Reading a form's tables: their columns (a year and a phase each, the heading as printed),
//! their rows (kind, unit, formula, `part_of`) and the relations between rows, checked.

use super::*;

impl<'a> Reader<'a> {
    /// `[forms.F.tables]`: each table, with where its key was written.
    pub(super) fn tables(&self, tt: Table<'a>) -> Vec<(FormTable, Range<usize>)> {
        let mut out = Vec::new();
        for (key, val) in tt.entries() {
            let path = format!("{}.{}", tt.path, key.name);
            if !self.key_ok(key.span.clone(), &path, &key.name, TABLE_KEY) {
                continue;
            }
            let Some(t) = val.as_table(path.clone()) else {
                type_error(self.ctx, &path, val.node, ("テーブル", "a table"));
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
        let caption = t.string("caption").map(|l| l.value);
        let columns: Vec<Column> = self.columns(&mut t);
        let rows: Vec<RowRead> = t
            .tables("rows")
            .into_iter()
            .filter_map(|r| self.row(r))
            .collect();
        for (k, what) in [("rows", "行"), ("columns", "列")] {
            if t.span_of(k).is_none() {
                self.error(
                    t.span.clone(),
                    &format!("{path}.{k}"),
                    format!("表「{key}」に {k}（{what}）がありません"),
                    format!("table \"{key}\" has no {k}"),
                );
            }
        }
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
        self.check_relations(&rows);
        self.check_row_cells(&rows, &columns);
        Some(FormTable {
            key: key.to_string(),
            caption,
            rows: ok.into_iter().map(|i| rows[i].0.clone()).collect(),
            columns,
        })
    }

    /// `columns = [{ year, phase, heading }]`.
    pub(super) fn columns(&self, t: &mut Table<'a>) -> Vec<Column> {
        let mut out: Vec<(Column, Range<usize>)> = Vec::new();
        for mut c in t.tables("columns") {
            let path = c.path.clone();
            let span = c.span.clone();
            let year = c.required_string("year");
            let phase = c.required_string("phase");
            let heading = c.required_string("heading");
            c.finish();
            let year = year.and_then(|l| self.column_year(&l, &format!("{path}.year")));
            let phase = phase.and_then(|l| self.phase(&l, &format!("{path}.phase")));
            let heading = heading.filter(|h| self.heading_ok(h, &format!("{path}.heading"), year));
            let (Some(year), Some(phase), Some(heading)) = (year, phase, heading) else {
                continue;
            };
            let column = Column {
                year,
                phase,
                heading: heading.value,
            };
            if let Some((_, first)) = out
                .iter()
                .find(|(o, _)| self.same_year(o.year, column.year) && o.phase == column.phase)
            {
                again(
                    self.ctx,
                    (span, &path),
                    Message::new(
                        "同じ年度と区分の列が二つあります。一つにしてください",
                        "two columns have the same year and phase; keep one",
                    ),
                    (
                        first.clone(),
                        Message::new("もう一つの列はここです", "the other column is here"),
                    ),
                );
                continue;
            }
            out.push((column, span));
        }
        out.into_iter().map(|(c, _)| c).collect()
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
                    format!("{} year は年度（\"R03\" など）、\"report\"、\"report-1\"、\"each\" のどれかです", e.ja()),
                    format!("{}; year is a year (\"R03\" …), \"report\", \"report-1\" or \"each\"", e.en()),
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

    /// A column's heading: `{year}` and no other braces; `{year}` needed with `each`.
    pub(super) fn heading_ok(
        &self,
        h: &Located<String>,
        field: &str,
        year: Option<ColumnYear>,
    ) -> bool {
        let rest = h.value.replace("{year}", "").replace("{year_short}", "");
        if rest.contains(['{', '}']) {
            self.error(
                h.span.clone(),
                field,
                format!("見出し「{}」に {{year}} と {{year_short}} 以外の {{ }} があります。{{year}} はサイトの書き方の年度、{{year_short}} は H25 や R3 になります", h.value),
                format!("heading \"{}\" holds braces other than {{year}} (the year as the site writes years) and {{year_short}} (H25, R3)", h.value),
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
    pub(super) fn row(&self, mut r: Table<'a>) -> Option<RowRead> {
        let path = r.path.clone();
        let list = r.string("list");
        let is_list = list.is_some();
        let key = match list {
            Some(l) => Some(l),
            None => r.required_string("key"),
        };
        let name = if is_list {
            r.string("heading").map(|l| l.value)
        } else {
            r.required_text("name").map(|l| l.value)
        };
        let unit = r.string("unit").map_or_else(String::new, |l| l.value);
        let kind = self.row_kind(&mut r);
        let formula_text = if is_list { None } else { r.string("formula") };
        let part_of = r.string("part_of");
        let show_computed = self.show(&mut r);
        let cells = self.cells(&mut r);
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
            kind: kind?,
            list: is_list,
            formula,
            part_of: part_of.map(|l| l.value),
            show_computed,
            cells,
            compat: self.builtin,
        };
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

    /// `kind` (and `scale` for a grade).
    pub(super) fn row_kind(&self, r: &mut Table<'a>) -> Option<RowKind> {
        let field = format!("{}.kind", r.path);
        let Some(l) = r.required_string("kind") else {
            r.entry("scale");
            return None;
        };
        let scale = self.scale(r);
        let kind = match l.value.as_str() {
            "amount" => RowKind::Amount,
            "number" => RowKind::Number,
            "count" => RowKind::Count,
            "percent" => RowKind::Percent,
            "people" => RowKind::People,
            "words" => RowKind::Words,
            "grade" => return Some(RowKind::Grade(scale)),
            other => {
                let (hja, hen) = hint(other, RowKind::NAMES);
                self.error(
                    l.span,
                    &field,
                    format!(
                        "行の種類「{other}」は使えません。{hja}{} のどれかです",
                        RowKind::NAMES.join(" / ")
                    ),
                    format!(
                        "row kind \"{other}\" is not known; {hen}expected one of {}",
                        RowKind::NAMES.join(", ")
                    ),
                );
                return None;
            }
        };
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

    /// Formulas name fixed figure rows of the table, not themselves or a cycle; parts
    /// name a fixed row of their kind, not in a cycle; `show = "computed"` has something
    /// to compute from.
    pub(super) fn check_relations(&self, rows: &[RowRead]) {
        let keys: Vec<&str> = rows.iter().map(|(r, ..)| r.key.as_str()).collect();
        let find = |k: &str| rows.iter().find(|(r, ..)| r.key == k).map(|(r, ..)| r);
        for (row, span, text, field) in rows {
            if let (Some(f), Some(text)) = (&row.formula, text) {
                if !row.kind.is_figure() {
                    self.error(
                        text.span.clone(),
                        &format!("{field}.formula"),
                        format!("行「{}」は数値の行ではないので計算式は書けません", row.key),
                        format!(
                            "row \"{}\" holds no figures, so it cannot have a formula",
                            row.key
                        ),
                    );
                }
                for term in &f.terms {
                    let at = self.inside(text, term.at.clone());
                    match find(&term.row) {
                        None => {
                            let (hja, hen) = hint(&term.row, keys.iter().copied());
                            self.error(
                                at,
                                &format!("{field}.formula"),
                                format!("計算式の「{}」はこの表の行にありません。{hja}同じ表の行の key を書いてください（あるもの: {}）", term.row, keys.join(", ")),
                                format!("\"{}\" in the formula is not a row of this table; {hen}write keys of rows of the same table (known: {})", term.row, keys.join(", ")),
                            );
                        }
                        Some(r) if r.list => self.error(
                            at,
                            &format!("{field}.formula"),
                            format!("「{}」は一覧の行なので計算式には使えません。一覧の合計は part_of で親の行に結びます", term.row),
                            format!("\"{}\" is a list of rows and cannot be in a formula; tie a list to the row it adds up to with part_of", term.row),
                        ),
                        Some(r) if !r.kind.is_figure() => self.error(
                            at,
                            &format!("{field}.formula"),
                            format!("「{}」は数値の行ではないので計算式には使えません", term.row),
                            format!("\"{}\" holds no figures and cannot be in a formula", term.row),
                        ),
                        Some(_) => {}
                    }
                }
                if let Some(cycle) = formula_cycle(&row.key, &find) {
                    self.error(
                        text.span.clone(),
                        &format!("{field}.formula"),
                        format!(
                            "計算式が循環しています: {}。どれかの行の計算式を直してください",
                            cycle.join(" → ")
                        ),
                        format!(
                            "the formulas go round in a circle: {}; correct one of them",
                            cycle.join(" → ")
                        ),
                    );
                }
            }
            if let Some(parent) = &row.part_of {
                let at = span.clone();
                match find(parent) {
                    None => {
                        let (hja, hen) = hint(parent, keys.iter().copied());
                        self.error(
                            at,
                            &format!("{field}.part_of"),
                            format!("part_of の「{parent}」はこの表の行にありません。{hja}（あるもの: {}）", keys.join(", ")),
                            format!("part_of \"{parent}\" is not a row of this table; {hen}(known: {})", keys.join(", ")),
                        );
                    }
                    Some(p) if p.list || p.key == row.key => self.error(
                        at,
                        &format!("{field}.part_of"),
                        format!("part_of の「{parent}」には、内訳が合わせて等しくなる一つの行（一覧でも自分でもない行）を書いてください"),
                        format!("part_of \"{parent}\" must be the one row the parts add up to (not a list, not the row itself)"),
                    ),
                    Some(p) if p.kind != row.kind || !p.kind.is_figure() => self.error(
                        at,
                        &format!("{field}.part_of"),
                        format!("行「{}」と親の行「{parent}」は同じ種類の数値の行にしてください（内訳は親と同じ単位で足し合わせます）", row.key),
                        format!("row \"{}\" and its parent \"{parent}\" must be figure rows of the same kind (parts add up in the parent's unit)", row.key),
                    ),
                    Some(_) => {
                        if let Some(cycle) = parts_cycle(&row.key, &find) {
                            self.error(
                                at,
                                &format!("{field}.part_of"),
                                format!("part_of が循環しています: {}", cycle.join(" → ")),
                                format!("part_of goes round in a circle: {}", cycle.join(" → ")),
                            );
                        }
                    }
                }
            }
            let has_parts = rows
                .iter()
                .any(|(r, ..)| r.part_of.as_deref() == Some(row.key.as_str()));
            if row.show_computed && row.formula.is_none() && !has_parts {
                self.error(
                    span.clone(),
                    &format!("{field}.show"),
                    format!("行「{}」には計算式（formula）も内訳（part_of でこの行を指す行）もないので、show = \"computed\" で示す値がありません", row.key),
                    format!("row \"{}\" has neither a formula nor parts (rows with part_of naming it), so show = \"computed\" has nothing to show", row.key),
                );
            }
        }
    }

    /// Each `cells` phase is a phase of one of the table's columns.
    pub(super) fn check_row_cells(&self, rows: &[RowRead], columns: &[Column]) {
        let phases: Vec<&str> = columns.iter().map(|c| c.phase.key.as_str()).collect();
        for (row, span, _, field) in rows {
            for (phase, _) in &row.cells {
                if phases.contains(&phase.as_str()) {
                    continue;
                }
                let (hja, hen) = hint(phase, phases.iter().copied());
                self.error(
                    span.clone(),
                    &format!("{field}.cells.{phase}"),
                    format!("cells の区分「{phase}」はこの表の列にありません。{hja}（列の区分: {}）", phases.join(", ")),
                    format!("phase \"{phase}\" of cells is in no column of this table; {hen}(the columns' phases: {})", phases.join(", ")),
                );
            }
        }
    }

    /// A row's keys in content (its key, its `cells` keys) are the form's own: no two
    /// rows of the form's tables take one, and none is a built-in key of the place but
    /// a compatibility row of the built-in form, declared as that form declares it.
    pub(super) fn check_cell_keys(
        &self,
        path: &str,
        tables: &[(FormTable, Range<usize>)],
        target: Target,
    ) {
        let place = match target {
            Target::Programs => Place::ProgramYear,
            Target::Nodes | Target::Level { .. } => Place::Evaluation,
        };
        let mut seen: HashMap<String, (String, Range<usize>)> = HashMap::new();
        for (table, span) in tables {
            for row in &table.rows {
                let mut keys: Vec<&str> = vec![row.key.as_str()];
                keys.extend(row.cells.iter().map(|(_, k)| k.as_str()));
                keys.dedup();
                let mut own: HashSet<&str> = HashSet::new();
                for key in keys {
                    if !own.insert(key) {
                        continue;
                    }
                    let field = format!("{path}.tables.{}", table.key);
                    if (place.others().contains(&key) || place.is_builtin(key))
                        && !self.builtin
                        && !row.compat
                    {
                        self.error(
                            span.clone(),
                            &field,
                            format!("表「{}」の行の名前「{key}」は kensho の決まった項目と同じ名前なので使えません。別の key にしてください（決まった項目: {}）", table.key, place.others().join(", ")),
                            format!("\"{key}\" in table \"{}\" is one of kensho's own fields, so a row cannot take it; choose another key (kensho's fields: {})", table.key, place.others().join(", ")),
                        );
                        continue;
                    }
                    match seen.get(key) {
                        Some((other, _)) if *other != row.key => self.error(
                            span.clone(),
                            &field,
                            format!("「{key}」は二つの行の名前になっています（{other} と {}）。内容に書く名前は行ごとに別にしてください", row.key),
                            format!("\"{key}\" names two rows ({other} and {}); each row needs its own name in content", row.key),
                        ),
                        Some(_) => {}
                        None => {
                            seen.insert(key.to_string(), (row.key.clone(), span.clone()));
                        }
                    }
                }
            }
        }
    }
}

/// A path of formulas from row `start` back to it, when there is one (`a → b → a`).
fn formula_cycle<'r>(start: &str, find: &impl Fn(&str) -> Option<&'r Row>) -> Option<Vec<String>> {
    pub(super) fn walk<'r>(
        at: &str,
        start: &str,
        find: &impl Fn(&str) -> Option<&'r Row>,
        path: &mut Vec<String>,
        seen: &mut HashSet<String>,
    ) -> bool {
        let Some(f) = find(at).and_then(|r| r.formula.as_ref()) else {
            return false;
        };
        for next in f.rows() {
            path.push(next.to_string());
            if next == start {
                return true;
            }
            if seen.insert(next.to_string()) && walk(next, start, find, path, seen) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut path = vec![start.to_string()];
    walk(start, start, find, &mut path, &mut HashSet::new()).then_some(path)
}

/// The chain of `part_of` from row `start` back to it, when it comes back.
fn parts_cycle<'r>(start: &str, find: &impl Fn(&str) -> Option<&'r Row>) -> Option<Vec<String>> {
    let mut path = vec![start.to_string()];
    let mut at = start;
    while let Some(parent) = find(at).and_then(|r| r.part_of.as_deref()) {
        path.push(parent.to_string());
        if parent == start {
            return Some(path);
        }
        if path.len() > 64 || path[..path.len() - 1].iter().any(|p| p == parent) {
            return None;
        }
        at = parent;
    }
    None
}
