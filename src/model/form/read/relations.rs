//! The checks of a table's rows against each other: formulas over rows (and named sums)
//! of the table, not in a circle, and over rows of the form's other tables (`table.row`,
//! checked once every table is read); parts of a row of their kind; `cells` phases of the
//! table's columns; the keys content writes, each one row's.

use super::*;
use crate::model::form::Term;

impl<'a> Reader<'a> {
    /// Formulas name fixed figure rows of the table, not themselves or a cycle; parts
    /// name a fixed row of their kind, not in a cycle; `show = "computed"` has something
    /// to compute from. In a table whose columns are all measures (`measures`), the
    /// columns' kinds read the cells: parts then add up down each column that adds up
    /// (a count, an amount), whatever the rows' kinds, and need one such column.
    pub(super) fn check_relations(
        &self,
        table: &str,
        rows: &[RowRead],
        sums: &[(String, Vec<String>)],
        (columns, measures): (&[Column], bool),
    ) {
        let adding = columns
            .iter()
            .any(|c| c.own_kind().is_some_and(RowKind::adds_up));
        let mut keys: Vec<&str> = rows.iter().map(|(r, ..)| r.key.as_str()).collect();
        keys.extend(sums.iter().map(|(k, _)| k.as_str()));
        let find = |k: &str| rows.iter().find(|(r, ..)| r.key == k).map(|(r, ..)| r);
        for (row, span, text, field) in rows {
            if let (Some(f), Some(text)) = (&row.formula, text) {
                if !row.kind.is_figure() {
                    self.error(
                        text.span.clone(),
                        &format!("{field}.formula"),
                        format!("行「{}」は数値の行ではないので計算式は書けません。数値の行なら、行に kind（amount・count・number など）を書いてください（列がすべて数値の項目の表でも、計算式のある行と計算式が使う行には kind が要ります）", row.key),
                        format!(
                            "row \"{}\" holds no figures, so it cannot have a formula; if it does, give the row a kind (amount, count, number …): a row with a formula and the rows it uses need one even where every column of the table is a measure",
                            row.key
                        ),
                    );
                }
                for term in f.all_terms() {
                    let at = self.inside(text, term.at.clone());
                    if !term.in_table(table) {
                        self.cross.borrow_mut().push(CrossTerm {
                            table: table.to_string(),
                            row: row.key.clone(),
                            term: term.clone(),
                            at,
                            formula: text.span.clone(),
                            field: format!("{field}.formula"),
                        });
                        continue;
                    }
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
                            format!("「{}」は数値の行ではないので計算式には使えません。数値の行なら、その行に kind（amount・count・number など）を書いてください", term.row),
                            format!("\"{}\" holds no figures and cannot be in a formula; if it does, give that row a kind (amount, count, number …)", term.row),
                        ),
                        Some(_) => {}
                    }
                }
                if let Some(cycle) = formula_cycle(table, &row.key, &find) {
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
                    Some(_) if measures && !adding => self.error(
                        at,
                        &format!("{field}.part_of"),
                        format!("表「{table}」の列には、内訳を足し合わせる列（kind が amount・count・number・people の列）がないので、part_of で確かめる値がありません"),
                        format!("table \"{table}\" has no column whose figures add up (kind amount, count, number or people), so part_of has nothing to check"),
                    ),
                    Some(p) if !measures && (p.kind != row.kind || !p.kind.is_figure()) => self.error(
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
            if let Some(inside) = &row.inside {
                let host = inside.row.as_str();
                let field = format!("{field}.inside");
                match find(host) {
                    // Not a row of this table: told once every table of the form is read
                    // (it may be a row of another table).
                    None => self.insides.borrow_mut().push(UnknownHost {
                        table: table.to_string(),
                        host: host.to_string(),
                        at: span.clone(),
                        field,
                        known: rows.iter().map(|(r, ..)| r.key.clone()).collect(),
                    }),
                    Some(h) if h.key == row.key => self.error(
                        span.clone(),
                        &field,
                        format!("行「{host}」は自分のセルの中には印字できません。inside には、この行を中に印字するほかの行の key を書いてください"),
                        format!("row \"{host}\" cannot be printed inside itself; inside names the other row whose cells print it"),
                    ),
                    Some(h) if h.list => self.error(
                        span.clone(),
                        &field,
                        format!("「{host}」は一覧の行なので、その中に行を印字できません。決まった行（key）を書いてください"),
                        format!("\"{host}\" is a list of rows, whose cells cannot print another row; name a fixed row (key)"),
                    ),
                    Some(h) if h.inside.is_some() => self.error(
                        span.clone(),
                        &field,
                        format!("行「{host}」はそれ自体がほかの行の中に印字されるので、その中には印字できません。自分の行として印字される行の key を書いてください"),
                        format!("row \"{host}\" is itself printed inside another row, so it cannot print one; name a row printed as a row of its own"),
                    ),
                    Some(_) => {}
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
        // A row key in two tables is one row of figures printed in both: read once, so
        // read alike (its kind, unit and the rest said the same way in both).
        let mut rows: HashMap<&str, (&FormTable, &Row)> = HashMap::new();
        for (table, span) in tables {
            let place = place_of(table);
            for row in &table.rows {
                if !row.list
                    && !row.compat
                    && !table.yearless
                    && let Some((first, was)) = rows.insert(&row.key, (table, row))
                    && !read_alike(was, row)
                {
                    rows.insert(&row.key, (first, was));
                    self.error(
                        span.clone(),
                        &format!("{path}.tables.{}", table.key),
                        format!("行の key「{}」は表「{}」と表「{}」にあります。二つの表にある行は、内容が一度だけ書く同じ数値の行なので、kind・unit・scale・words・as_written を同じに書いてください。別の数値なら別の key にしてください", row.key, first.key, table.key),
                        format!("row key \"{}\" is in table \"{}\" and in table \"{}\": a row in two tables is one row of figures content writes once, so write its kind, unit, scale, words and as_written alike in both; for other figures, give it another key", row.key, first.key, table.key),
                    );
                }
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

/// Whether two tables' rows of one key read their cells alike (a row in two tables).
fn read_alike(a: &Row, b: &Row) -> bool {
    a.kind == b.kind
        && a.unit == b.unit
        && a.scale == b.scale
        && a.words == b.words
        && a.as_written == b.as_written
}

/// A path of formulas of table `table` from row `start` back to it, when there is one
/// (`a → b → a`).
fn formula_cycle<'r>(
    table: &str,
    start: &str,
    find: &impl Fn(&str) -> Option<&'r Row>,
) -> Option<Vec<String>> {
    pub(super) fn walk<'r>(
        table: &str,
        at: &str,
        start: &str,
        find: &impl Fn(&str) -> Option<&'r Row>,
        path: &mut Vec<String>,
        seen: &mut HashSet<String>,
    ) -> bool {
        let Some(f) = find(at).and_then(|r| r.formula.as_ref()) else {
            return false;
        };
        for next in f.rows(table) {
            path.push(next.to_string());
            if next == start {
                return true;
            }
            if seen.insert(next.to_string()) && walk(table, next, start, find, path, seen) {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut path = vec![start.to_string()];
    walk(table, start, start, find, &mut path, &mut HashSet::new()).then_some(path)
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

/// A formula's term naming a row of another table of the form (`saishutsu.sojigyohi`),
/// with where it is written.
pub(super) struct CrossTerm {
    /// The key of the formula's own table, and of its row.
    table: String,
    row: String,
    term: Term,
    /// The term's place in the file, and the whole formula's.
    at: Range<usize>,
    formula: Range<usize>,
    field: String,
}

/// A row printed `inside` a row its table does not have, told once every table of the
/// form is read: a row of another table, or of none.
pub(super) struct UnknownHost {
    table: String,
    host: String,
    at: Range<usize>,
    field: String,
    /// The keys of the table's rows.
    known: Vec<String>,
}

/// An item printed `inside` another item, checked once every section of the form is read.
pub(super) struct ItemHost {
    pub guest: String,
    pub host: String,
    pub at: Range<usize>,
    pub field: String,
    pub per_year: bool,
    /// `after`: checked on its own (a word of the host's, printed with its marks).
    pub after: Option<String>,
}

impl Reader<'_> {
    /// Each item printed inside another: an item of the form (not itself, not one printed
    /// inside a third), of the same years (both a year's, or both the page's own).
    pub(super) fn check_item_hosts<'s>(&self, sections: impl Iterator<Item = &'s Section>) {
        let items: Vec<&Item> = (sections)
            .filter_map(|s| match s {
                Section::Item(i) => Some(&**i),
                _ => None,
            })
            .collect();
        for u in std::mem::take(&mut *self.item_insides.borrow_mut()) {
            let host = &u.host;
            if let Some(word) = &u.after {
                // The host found: its words printed with their marks, one of them `word`.
                let Some(h) = items.iter().find(|i| i.key == *host) else {
                    continue;
                };
                let words = match &h.kind {
                    ItemKind::Word(Words::List(list)) if h.marks.is_some() => Some(Some(list)),
                    ItemKind::Word(_) if h.marks.is_some() => Some(None),
                    _ => None,
                };
                let (ja, en) = match words {
                    None => (
                        format!(
                            "after = \"{word}\" は、語をすべて印字する項目（kind = \"word\" で marks のあるもの）の中に印字するときに書きます。項目「{host}」はそうではありません。値のあとに印字するなら after を消してください"
                        ),
                        format!(
                            "after = \"{word}\" needs a host printing all its words (kind = \"word\" with marks); item \"{host}\" is not one: to print it after the value, remove after"
                        ),
                    ),
                    Some(Some(list)) if !list.contains(word) => (
                        format!(
                            "after の「{word}」は項目「{host}」の語にありません（あるもの: {}）",
                            list.join(", ")
                        ),
                        format!(
                            "after \"{word}\" is not a word of item \"{host}\" (its words: {})",
                            list.join(", ")
                        ),
                    ),
                    Some(_) => continue,
                };
                self.error(u.at, &u.field, ja, en);
                continue;
            }
            let (ja, en) = match items.iter().find(|i| i.key == *host) {
                None => {
                    let known: Vec<&str> = (items.iter())
                        .filter(|i| i.inside.is_none())
                        .map(|i| i.key.as_str())
                        .collect();
                    let (hja, hen) = hint(host, known.iter().copied());
                    (
                        format!(
                            "inside の「{host}」はこの様式の項目にありません。{hja}（あるもの: {}）",
                            known.join(", ")
                        ),
                        format!(
                            "inside \"{host}\" is not an item of this form; {hen}(known: {})",
                            known.join(", ")
                        ),
                    )
                }
                Some(_) if *host == u.guest => (
                    format!(
                        "項目「{host}」は自分のセルの中には印字できません。inside には、この項目を中に印字するほかの項目の key を書いてください"
                    ),
                    format!(
                        "item \"{host}\" cannot be printed inside itself; inside names the other item whose cell prints it"
                    ),
                ),
                Some(h) if h.inside.is_some() => (
                    format!(
                        "項目「{host}」はそれ自体がほかの項目の中に印字されるので、その中には印字できません。自分のセルのある項目の key を書いてください"
                    ),
                    format!(
                        "item \"{host}\" is itself printed inside another item, so it cannot print one; name an item with a cell of its own"
                    ),
                ),
                Some(h) if h.per_year != u.per_year => (
                    format!(
                        "項目「{}」と「{host}」は、どちらも年度ごと（per = \"year\"）か、どちらもページのものにしてください。一つのセルには同じ年度の値を印字します",
                        u.guest
                    ),
                    format!(
                        "items \"{}\" and \"{host}\" must both be per year (per = \"year\") or both the page's own: one cell prints the values of one year",
                        u.guest
                    ),
                ),
                Some(_) => continue,
            };
            self.error(u.at, &u.field, ja, en);
        }
    }
}

impl Reader<'_> {
    /// Each row printed inside a row its own table does not have: said a row of another
    /// table where one has it (a cell prints only a row of its own table), else unknown.
    pub(super) fn check_hosts(&self, tables: &[(FormTable, Range<usize>)]) {
        for u in std::mem::take(&mut *self.insides.borrow_mut()) {
            let host = &u.host;
            let other = (tables.iter().map(|(t, _)| t))
                .find(|t| t.key != u.table && t.rows.iter().any(|r| !r.list && r.key == *host));
            match other {
                Some(t) => self.error(
                    u.at,
                    &u.field,
                    format!("inside の「{host}」は表「{}」の行です。行は同じ表（{}）の行のセルの中にだけ印字できます", t.key, u.table),
                    format!("inside \"{host}\" is a row of table \"{}\"; a row is printed only inside a row of its own table (\"{}\")", t.key, u.table),
                ),
                None => {
                    let (hja, hen) = hint(host, u.known.iter().map(String::as_str));
                    self.error(
                        u.at,
                        &u.field,
                        format!("inside の「{host}」はこの表の行にありません。{hja}（あるもの: {}）", u.known.join(", ")),
                        format!("inside \"{host}\" is not a row of this table; {hen}(known: {})", u.known.join(", ")),
                    );
                }
            }
        }
    }
}

impl Reader<'_> {
    /// The terms naming a row of another table: a table of the form with years (a table
    /// of no year is refused on either side), a figure row of it (or a named sum), the
    /// two tables sharing a phase to compute in, and no circle of formulas across tables.
    pub(super) fn check_cross_tables(&self, tables: &[(FormTable, Range<usize>)]) {
        let cross = std::mem::take(&mut *self.cross.borrow_mut());
        let table = |k: &str| tables.iter().map(|(t, _)| t).find(|t| t.key == k);
        let keys: Vec<&str> = tables.iter().map(|(t, _)| t.key.as_str()).collect();
        let mut circles: Vec<Vec<String>> = Vec::new();
        for c in &cross {
            let Some(own) = table(&c.table) else {
                continue;
            };
            let other_key = c.term.table_of(&c.table);
            let written = format!("{other_key}.{}", c.term.row);
            let Some(other) = table(other_key) else {
                let (hja, hen) = hint(other_key, keys.iter().copied());
                self.error(
                    c.at.clone(),
                    &c.field,
                    format!("計算式の「{written}」の「{other_key}」はこの様式の表にありません。{hja}別の表の行は「表の key.行の key」と書きます（この様式の表: {}）", keys.join(", ")),
                    format!("\"{written}\" in the formula: \"{other_key}\" is not a table of this form; {hen}a row of another table is written \"table key.row key\" (the form's tables: {})", keys.join(", ")),
                );
                continue;
            };
            if own.yearless || other.yearless {
                let none = if own.yearless { &own.key } else { &other.key };
                self.error(
                    c.at.clone(),
                    &c.field,
                    format!("計算式の「{written}」: 表「{none}」は年度のない表（years = \"none\"）なので、別の表の行との計算には使えません。別の表の行を使えるのは年度のある表どうしで、同じ年度の同じ区分（phase）のセルで計算します"),
                    format!("\"{written}\" in the formula: table \"{none}\" has no years (years = \"none\"), so it cannot be computed with a row of another table; only tables with years may name each other's rows, computed from the cells of one year and phase"),
                );
                continue;
            }
            let is_sum = other.sums.iter().any(|(k, _)| *k == c.term.row);
            match other.row(&c.term.row) {
                None if is_sum => {}
                None => {
                    let mut rows: Vec<&str> = other.rows.iter().map(|r| r.key.as_str()).collect();
                    rows.extend(other.sums.iter().map(|(k, _)| k.as_str()));
                    let (hja, hen) = hint(&c.term.row, rows.iter().copied());
                    self.error(
                        c.at.clone(),
                        &c.field,
                        format!("計算式の「{written}」の「{}」は表「{other_key}」の行にありません。{hja}（表「{other_key}」の行: {}）", c.term.row, rows.join(", ")),
                        format!("\"{written}\" in the formula: \"{}\" is not a row of table \"{other_key}\"; {hen}(its rows: {})", c.term.row, rows.join(", ")),
                    );
                    continue;
                }
                Some(r) if r.list => {
                    self.error(
                        c.at.clone(),
                        &c.field,
                        format!("計算式の「{written}」は一覧の行なので計算式には使えません"),
                        format!("\"{written}\" is a list of rows and cannot be in a formula"),
                    );
                    continue;
                }
                Some(r) if r.across => {
                    self.error(
                        c.at.clone(),
                        &c.field,
                        format!("計算式の「{written}」は表の列をまたぐ一つのセルの行（across = true）なので、年度と区分ごとの値がなく、計算式には使えません"),
                        format!("\"{written}\" is one cell across its table (across = true): it has no value per year and phase for a formula"),
                    );
                    continue;
                }
                Some(r) if !r.kind.is_figure() => {
                    self.error(
                        c.at.clone(),
                        &c.field,
                        format!("計算式の「{written}」は数値の行ではないので計算式には使えません"),
                        format!("\"{written}\" holds no figures and cannot be in a formula"),
                    );
                    continue;
                }
                Some(_) => {}
            }
            let (mine, theirs) = (own_phases(own), own_phases(other));
            if !mine.iter().any(|p| theirs.contains(p)) {
                self.error(
                    c.at.clone(),
                    &c.field,
                    format!("計算式の「{written}」: 表「{}」と表「{other_key}」には同じ区分（phase）の列がないので、計算できる値がありません（表「{}」の区分: {}、表「{other_key}」の区分: {}）", own.key, own.key, mine.join(", "), theirs.join(", ")),
                    format!("\"{written}\" in the formula: tables \"{}\" and \"{other_key}\" have no column of the same phase, so there is nothing to compute (phases of \"{}\": {}; of \"{other_key}\": {})", own.key, own.key, mine.join(", "), theirs.join(", ")),
                );
                continue;
            }
            let Some(circle) = cross_cycle(tables, &c.table, &c.row) else {
                continue;
            };
            let mut set = circle.clone();
            set.sort();
            set.dedup();
            if circles.contains(&set) {
                continue;
            }
            circles.push(set);
            self.error(
                c.formula.clone(),
                &c.field,
                format!(
                    "計算式が表をまたいで循環しています: {}。どれかの行の計算式を直してください",
                    circle.join(" → ")
                ),
                format!(
                    "the formulas go round in a circle across tables: {}; correct one of them",
                    circle.join(" → ")
                ),
            );
        }
    }
}

/// The phases of a table's columns of a year (not its measures), each once.
fn own_phases(t: &FormTable) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for c in t.columns.iter().filter(|c| c.measure.is_none()) {
        if !out.contains(&c.phase.key.as_str()) {
            out.push(&c.phase.key);
        }
    }
    out
}

/// A path of formulas from row `row` of table `table` back to it through another table
/// (`sainyu.jisshitsu → saishutsu.sojigyohi → sainyu.jisshitsu`); a circle within one
/// table is that table's own error.
fn cross_cycle(
    tables: &[(FormTable, Range<usize>)],
    table: &str,
    row: &str,
) -> Option<Vec<String>> {
    fn walk(
        tables: &[(FormTable, Range<usize>)],
        at: (&str, &str),
        start: (&str, &str),
        path: &mut Vec<(String, String)>,
        seen: &mut HashSet<(String, String)>,
    ) -> bool {
        let formula = (tables.iter().map(|(t, _)| t))
            .find(|t| t.key == at.0)
            .and_then(|t| t.row(at.1))
            .and_then(|r| r.formula.as_ref());
        let Some(f) = formula else {
            return false;
        };
        for term in f.all_terms() {
            let next = (term.table_of(at.0), term.row.as_str());
            path.push((next.0.to_string(), next.1.to_string()));
            if next == start {
                return true;
            }
            if seen.insert((next.0.to_string(), next.1.to_string()))
                && walk(tables, next, start, path, seen)
            {
                return true;
            }
            path.pop();
        }
        false
    }
    let mut path = vec![(table.to_string(), row.to_string())];
    if !walk(
        tables,
        (table, row),
        (table, row),
        &mut path,
        &mut HashSet::new(),
    ) {
        return None;
    }
    let across = path.iter().any(|(t, _)| t != table);
    across.then(|| path.iter().map(|(t, r)| format!("{t}.{r}")).collect())
}
