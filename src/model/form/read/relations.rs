//! The checks of a table's rows against each other: formulas over rows (and named sums)
//! of the table, not in a circle; parts of a row of their kind; `cells` phases of the
//! table's columns; the keys content writes, each one row's.

use super::*;

impl<'a> Reader<'a> {
    /// Formulas name fixed figure rows of the table, not themselves or a cycle; parts
    /// name a fixed row of their kind, not in a cycle; `show = "computed"` has something
    /// to compute from.
    pub(super) fn check_relations(&self, rows: &[RowRead], sums: &[(String, Vec<String>)]) {
        let mut keys: Vec<&str> = rows.iter().map(|(r, ..)| r.key.as_str()).collect();
        keys.extend(sums.iter().map(|(k, _)| k.as_str()));
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
                for term in f.all_terms() {
                    let at = self.inside(text, term.at.clone());
                    match find(&term.row) {
                        None if sums.iter().any(|(k, _)| *k == term.row) => {}
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
        // A column's phase not in `phases` has its one error; the cells may name the
        // phase it meant.
        let undeclared =
            |c: &Column| c.measure.is_none() && self.phases.iter().all(|p| p.key != c.phase.key);
        if columns.iter().any(undeclared) {
            return;
        }
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
        // A table of no year (`years = "none"`) writes its cells among the page's own
        // fields, the others among a year's.
        let place_of = |table: &FormTable| match (target, table.yearless) {
            (Target::Programs, false) => Place::ProgramYear,
            (Target::Programs, true) => Place::Program,
            (Target::Nodes | Target::Level { .. }, false) => Place::Evaluation,
            (Target::Nodes | Target::Level { .. }, true) => Place::Node,
        };
        let mut seen: HashMap<String, (String, Range<usize>)> = HashMap::new();
        for (table, span) in tables {
            let place = place_of(table);
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
