//! Reading a form's sections (texts, items, tables, the KPI block, children, programs,
//! files) in the sheet's order, and the columns of its lists, checked once every form is read.

use super::*;
use crate::model::form::{CellPiece, KpiText};

/// The placeholders of a `grades` pattern, in order, or what is wrong with it (ja, en).
pub(super) fn grades_placeholders(s: &str) -> Result<Vec<&str>, (String, String)> {
    let mut names = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find(['{', '}']) {
        let after = &rest[i..];
        let Some(end) = after.find('}').filter(|_| after.starts_with('{')) else {
            return Err((
                "{ と } の組が合っていません".into(),
                "a brace without its pair".into(),
            ));
        };
        match &after[1..end] {
            name @ ("key" | "label" | "meaning") => names.push(name),
            other => {
                return Err((
                    format!("{{{other}}} は使えません"),
                    format!("{{{other}}} is not known"),
                ));
            }
        }
        rest = &after[end + 1..];
    }
    Ok(names)
}

/// How deep groups may nest: a node page's sections are h2, a year's sheet's h3, and
/// two groups over them keep every heading within h6.
const MAX_GROUP_DEPTH: usize = 2;

/// How the KPI block is drawn (`layout`), read once before the layout's own keys.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Block,
    Table,
    Rows,
    Each,
}

impl Shape {
    const ALL: [Shape; 4] = [Shape::Block, Shape::Table, Shape::Rows, Shape::Each];

    /// As `layout` writes it.
    fn name(self) -> &'static str {
        match self {
            Shape::Block => "block",
            Shape::Table => "table",
            Shape::Rows => "rows",
            Shape::Each => "each",
        }
    }
}

impl<'a> Reader<'a> {
    /// The entries of a `sections` list in order, each group's own sections read in its
    /// place (their frames name the group).
    pub(super) fn sections(
        &self,
        list: Vec<Table<'a>>,
        tables: &[(FormTable, Range<usize>)],
        node: bool,
        group: Option<usize>,
        groups: &mut Vec<Group>,
        out: &mut Vec<(Section, Frame, Range<usize>)>,
    ) {
        for s in list {
            if s.span_of("sections").is_some() {
                self.group(s, tables, node, (group, None), groups, out);
            } else if s.span_of("row").is_some() {
                self.printed_row(s, tables, node, group, groups, out);
            } else {
                let at = s.path.clone();
                let Some((section, frame, span)) = self.section(s, tables, node) else {
                    continue;
                };
                if let (Some(key), Some(_)) = (marker(&section), group) {
                    let (ja, en) = marker_in_group(key, ("", ""));
                    self.error(span, &format!("{at}.{key}"), ja, en);
                    continue;
                }
                out.push((section, Frame { group, ..frame }, span));
            }
        }
    }

    /// `{ row = [ … ] }`: labelled items the sheet prints on one row (三郷市's 「まちづくり
    /// 方針 | 6 誰もが… | 担当部名 | 生涯学習部 | 担当課名 | 生涯学習課」), in its order; or
    /// blocks the sheet prints beside each other, two or more: tables (八王子市's 行政コスト
    /// 計算書: 経常費用 | 経常収入) and labels beside their items (志木市's 「事 業 名」 cell of
    /// the name, 会計 and 課 on the left of its 事業計画 table, spanning its rows). Items with
    /// a heading or blocks, not both, stand in a row: a text or a group of headings is
    /// refused at it. An item with no heading stands after a labelled one, as another value
    /// cell of it (蒲郡市's 「根拠法令等 | 蒲郡市補助金等交付規則 | C規則」).
    fn printed_row(
        &self,
        mut s: Table<'a>,
        tables: &[(FormTable, Range<usize>)],
        node: bool,
        group: Option<usize>,
        groups: &mut Vec<Group>,
        out: &mut Vec<(Section, Frame, Range<usize>)>,
    ) {
        let path = format!("{}.row", s.path);
        let span = s.span_of("row").unwrap_or(s.span.clone());
        let inner = s.tables("row");
        s.finish();
        if inner.is_empty() {
            self.error(
                span.clone(),
                &path,
                "row = [ … ] に項目がありません。シートが一つの行に印字している項目（item）を順に書いてください".to_string(),
                "row = [ … ] holds no item: list the items the sheet prints on that row, in its order".to_string(),
            );
            return;
        }
        // Rows are numbered in the form's order, a label's row (a block of a row of
        // blocks) counted with the items' and tables'.
        let used =
            (out.iter().filter_map(|(_, f, _)| f.row)).chain(groups.iter().filter_map(|g| g.row));
        let row = used.max().map_or(0, |r| r + 1);
        // A block: a table, a text, a group of headings over its sections (山形市's
        // 「事業内容(活動内容)」 box beside 「対象及び対象指標」), or a label beside items
        // (a group with `beside = true`).
        let block = |t: &Table<'a>| {
            t.span_of("table").is_some()
                || t.span_of("text").is_some()
                || t.span_of("sections").is_some()
        };
        let blocks = inner.iter().filter(|t| block(t)).count();
        let items = inner.iter().filter(|t| t.span_of("item").is_some()).count();
        if blocks > 0 && items > 0 {
            self.error(
                span.clone(),
                &path,
                "row = [ … ] には、項目（item）か、横に並べて印字された表（table）・文章（text）・見出しのまとまり・項目の横のラベル（beside = true のまとまり）のどちらかだけを入れられます。上下に印字されているなら、項目の行と表・文章の行を別の row に書いてください。横に並べて印字されているなら、項目を見出しのないまとまり（{ heading = \"\", sections = [ { item = … } ] }）に入れると、row の一つの列になります".to_string(),
                "row = [ … ] holds either items or tables, texts, groups of headings and labels beside their items (beside = true) printed beside each other, not both. Printed one above the other: write the items' row and the other row as two rows; printed side by side: put the items in a group without a heading ({ heading = \"\", sections = [ { item = … } ] }), one column of the row".to_string(),
            );
            return;
        }
        if blocks == 1 && inner.len() == 1 && inner[0].peek_flag("beside") == Some(true) {
            self.error(
                span.clone(),
                &path,
                "row = [ … ] には項目の横のラベル（beside = true のまとまり）が一つだけです。row はその横に印字された表と一緒に書きます。横に表がないなら row の外に書いてください".to_string(),
                "row = [ … ] holds a label beside its items (beside = true) alone: a row holds it with the table printed beside it; with no table beside it, write it outside the row".to_string(),
            );
            return;
        }
        if blocks == 1 && inner.len() == 1 {
            self.error(
                span.clone(),
                &path,
                "row = [ … ] の表・文章・まとまりが一つだけです。row は横に並べて印字された二つ以上の表・文章・見出しのまとまり（または表とその横のラベル）をまとめます。一つなら row の外に書いてください".to_string(),
                "row = [ … ] holds one block only: a row holds two or more tables, texts or groups of headings (or a table and a label beside it) printed beside each other; write a single one outside the row".to_string(),
            );
            return;
        }
        for t in inner {
            let at = t.path.clone();
            let entry_span = t.span.clone();
            if t.span_of("row").is_some() {
                self.row_error(entry_span, &at);
                continue;
            }
            if t.span_of("sections").is_some() {
                // A label beside its items, or a heading over its sections, a block of the
                // row: its sections stand in its cell.
                self.group(t, tables, node, (group, Some(row)), groups, out);
                continue;
            }
            let Some((section, frame, span)) = self.section(t, tables, node) else {
                continue;
            };
            if let Some(key) = marker(&section) {
                // The title's or the head's line with items printed beside it (新上五島町's
                // 「評価対象年度 平成29年度 | 事務事業評価【事前】シート | 編成区分 当初」); one line
                // a row, the title's and the head's being two.
                let second =
                    (out.iter()).any(|(s, f, _)| f.row == Some(row) && marker(s).is_some());
                if second {
                    self.error(
                        span,
                        &path,
                        "一つの row = [ … ] に head = true と sheet_title = true を両方は書けません。シートの題名の行と見出しの行は別の行です。それぞれの行を row に書いてください".to_string(),
                        "one row = [ … ] holds head = true or sheet_title = true, not both: the sheet's title and the page's head are two lines; write each line as its own row".to_string(),
                    );
                } else if self.row_marker(key, (blocks, items), group, &span, &at) {
                    out.push((
                        section,
                        Frame {
                            group,
                            row: Some(row),
                            ..frame
                        },
                        span,
                    ));
                }
                continue;
            }
            let titled = matches!(&section, Section::Item(i) if matches!(&i.heading, Heading::Printed(h) if !h.is_empty()));
            let table = matches!(&section, Section::Table(_) | Section::Text(_)) && !frame.beside;
            // An item printed without a label (蒲郡市's 「C規則」 after 根拠法令等's value) is
            // one more value cell of the labelled item before it in the row; first in the
            // row, a value cell under no label (大口町's 「5 政策推進事業」 under 款・項・目).
            let unlabelled = matches!(&section, Section::Item(i) if matches!(&i.heading, Heading::Printed(h) if h.is_empty()));
            if !titled && !table && !unlabelled {
                self.row_error(span, &at);
                continue;
            }
            let frame = Frame {
                group,
                row: Some(row),
                ..frame
            };
            out.push((section, frame, span));
        }
    }

    /// Whether a marker (`head = true`, `sheet_title = true`) may stand in a printed row:
    /// among items (those before it printed on the line's left, those after on its right),
    /// in the form's own sections; said where not.
    fn row_marker(
        &self,
        key: &str,
        (blocks, items): (usize, usize),
        group: Option<usize>,
        span: &Range<usize>,
        path: &str,
    ) -> bool {
        let (ja, en) = if group.is_some() {
            marker_in_group(key, ("（その行ごと）", " (its row too)"))
        } else if blocks > 0 || items == 0 {
            (
                format!(
                    "row = [ … ] の {key} = true（{}の位置）は、その行に並べて印字された項目（item）と一緒に書きます。表・文章・まとまりの行には書けません",
                    marker_ja(key)
                ),
                format!(
                    "{key} = true (where {} stands) in row = [ … ] goes with the items printed on its line; a row of tables, texts or groups takes none",
                    marker_en(key)
                ),
            )
        } else {
            return true;
        };
        self.error(span.clone(), &format!("{path}.{key}"), ja, en);
        false
    }

    /// `once = true` on a column of a KPI table of a row per KPI (`layout = "table"`): a
    /// cell printed once beside the KPIs next to each other that share it (倉吉市's running
    /// number 「1」 beside its three indicators, round 31); said where the KPIs are groups
    /// of rows (their own cells span those already).
    fn kpi_once(&self, c: &mut Table<'a>, shape: Shape, field: Option<&str>) -> bool {
        let Some(once) = c.flag("once") else {
            return false;
        };
        // Words are printed once; a figure or a grade is each KPI's own.
        let figure = (KPI_FIELDS.iter()).any(|(n, f)| Some(*n) == field && !f.printed_once());
        if once.value && figure {
            self.error(
                once.span,
                &format!("{}.once", c.path),
                "once = true は言葉の列（番号・分類・指標名・単位など）に書けます。数値（基準値・実績値・目標値・達成率）と評価は指標ごとに印字します".to_string(),
                "once = true goes on a column of words (a number, a category, a name, a unit …); a figure (base, actual, target, rate) or a grade is printed for each KPI".to_string(),
            );
            return false;
        }
        if once.value && shape != Shape::Table {
            self.error(
                once.span,
                &format!("{}.once", c.path),
                format!("once = true（隣り合う指標で同じ欄を一度だけ印字）は、layout = \"table\"（指標ごとに一行）の指標の表の列に書けます（layout = \"{}\" では指標の欄はその指標の行にまたがります）", shape.name()),
                format!("once = true (a cell printed once beside the KPIs next to each other that share it) goes on a column of a layout = \"table\" KPI table (a row per KPI); in layout = \"{}\" a KPI's cells span its own rows", shape.name()),
            );
            return false;
        }
        once.value
    }

    /// A column printed once over several KPIs (`once`) spans rows of one table: none
    /// where each KPI is drawn apart (`above`, `below`) or as a group of its rows with
    /// cells across under them (`across`).
    fn once_in_one_table(
        &self,
        layout: &KpiLayout,
        items: &KpiItems,
        span: &Range<usize>,
        path: &str,
    ) {
        let once = matches!(layout, KpiLayout::Table(columns) if columns.iter().any(|c| c.once));
        let apart = !(items.above.is_empty() && items.below.is_empty() && items.across.is_empty());
        if once && apart {
            self.error(
                span.clone(),
                &format!("{path}.columns"),
                "once = true の列は、above・below・across のない指標の表に書けます（それらがあると指標ごとに表や行のまとまりが分かれ、一つの欄が指標をまたげません）".to_string(),
                "a column with once = true goes in a KPI table without above, below or across (with them each KPI is drawn apart, its table or group of rows its own, and no cell can span KPIs)".to_string(),
            );
        }
    }

    /// What a row may hold, said at an entry it cannot.
    fn row_error(&self, span: Range<usize>, path: &str) {
        self.error(
            span,
            path,
            "row = [ … ] には項目（item。見出しのあるものもないものも）か、横に並べて印字された表（table。beside = true でないもの）・文章（text）・見出しのまとまり・項目の横のラベル（beside = true のまとまり）だけを入れられます。row の中の row、指標（kpis）や一覧は、row の外か、row の中の見出しのまとまり（heading = \"\" の段でも）の中に書いてください".to_string(),
            "row = [ … ] holds only items (a printed row's labels and values, with a heading or none) or blocks printed beside each other: tables (without beside = true), texts, groups of headings and labels beside their items (groups with beside = true); write a row in a row, the KPI block or a list outside the row, or inside a group of the row (a column with heading = \"\" too)".to_string(),
        );
    }

    /// `{ heading = "1.評価の実施について", sections = [ … ] }`: a heading printed over
    /// the sections it holds.
    fn group(
        &self,
        mut s: Table<'a>,
        tables: &[(FormTable, Range<usize>)],
        node: bool,
        (parent, row): (Option<usize>, Option<usize>),
        groups: &mut Vec<Group>,
        out: &mut Vec<(Section, Frame, Range<usize>)>,
    ) {
        let path = s.path.clone();
        let heading = s.required_string("heading").map(|l| l.value);
        let note = s.string("note").map(|l| l.value);
        let beside = s.flag("beside");
        let inner = s.tables("sections");
        if inner.is_empty() {
            self.error(
                s.span.clone(),
                &format!("{path}.sections"),
                "見出しのまとまり（sections のある区分）に区分がありません。その見出しの下の区分を sections に書いてください".to_string(),
                "a group (a section with sections) holds no section: list the sections printed under its heading in its sections".to_string(),
            );
        }
        // Headings nest only so deep; a label beside items (`beside`) is no heading.
        let beside_group = beside.as_ref().is_some_and(|b| b.value);
        // A group printed with no heading (a column of a printed row) is no level either.
        let outer = std::iter::successors(parent, |&g| groups[g].parent)
            .filter(|&g| !groups[g].beside && !groups[g].heading.is_empty())
            .count();
        if outer >= MAX_GROUP_DEPTH && !beside_group {
            self.error(
                s.span.clone(),
                &path,
                format!("見出しのまとまりの中のまとまりは {MAX_GROUP_DEPTH} 段までです（ページの見出しの段数に限りがあるため）。シートがこの名前を項目の上でなく横に印字しているなら、beside = true と書きます（見出しの段になりません）"),
                format!("groups nest at most {MAX_GROUP_DEPTH} deep (a page has only so many heading levels); where the sheet prints this name beside its items, not over them, write beside = true (no heading level)"),
            );
        }
        s.finish();
        let Some(heading) = heading else {
            return;
        };
        let id = groups.len();
        groups.push(Group {
            heading,
            note,
            parent,
            beside: beside.as_ref().is_some_and(|b| b.value),
            row,
        });
        let first = out.len();
        self.sections(inner, tables, node, Some(id), groups, out);
        if let Some(b) = beside.filter(|b| b.value) {
            self.check_beside(&path, b.span, (id, groups), &out[first..]);
        }
    }

    /// A group printed as a label beside its items (`beside = true`: 三郷市's
    /// 「総合計画の位置づけ」 over まちづくり方針, 施策の柱 and 施策) holds items with their
    /// labels and nothing else, or the tables of one printed row: a label stands beside
    /// labelled values (or beside other such labels) or beside tables, not over a text or
    /// a group of headings.
    fn check_beside(
        &self,
        path: &str,
        span: Range<usize>,
        (id, groups): (usize, &[Group]),
        held: &[(Section, Frame, Range<usize>)],
    ) {
        // Its items, directly or under labels beside them inside it (寝屋川市's 参加の状況
        // within 市民参画度): every group between an item and this one is `beside` too.
        let beside_within = |mut g: Option<usize>| {
            while let Some(at) = g.filter(|&at| at != id) {
                if !groups[at].beside {
                    return false;
                }
                g = groups[at].parent;
            }
            g == Some(id)
        };
        // An item printed with no label of its own (`heading = ""`) is a value of the
        // label itself (吹田市's 「(4)市単独事業区分」 beside its choices 全部 / 一部).
        let items_only = held.iter().all(|(s, f, _)| {
            beside_within(f.group)
                && matches!(s, Section::Item(i) if matches!(&i.heading, Heading::Printed(_)))
        });
        // Or the tables of one printed row, directly in it (石岡市's 「成果指標」 beside its
        // 指標名 table and its 年度 | 目標値 | 実績値 table).
        let row = held.first().and_then(|(_, f, _)| f.row);
        let row_of_tables = row.is_some()
            && held.iter().all(|(s, f, _)| {
                f.group == Some(id) && f.row == row && !f.beside && matches!(s, Section::Table(_))
            });
        // Or items and tables: a printed row of them, in it or under a label beside them
        // within it, a table with its own label beside it (松江市's 「手段」 beside 「(内容)」
        // and the table labelled 「年度ごとの実施内容」) or a table alone; in runs, in any
        // order (桜川市's 「目的」 beside 施策の対象 with its 対象指標 table, then 施策の意図
        // with its 成果指標 table).
        // A table of no row and no label of its own stands alone in the label's cell
        // (吹田市's 「(9) 事業費など」 beside its 予算コード and cost tables, one over the
        // other, then its items, round 35).
        // A KPI table stands there as a table does (佐賀市's 成果指標 beside
        // 「2.施策の意図と成果指標」, round 41).
        let table_in_row = |s: &Section, f: &Frame| {
            matches!(s, Section::Table(_) | Section::Kpis { .. }) && beside_within(f.group)
        };
        let item = |s: &Section, f: &Frame| {
            beside_within(f.group)
                && matches!(s, Section::Item(i) if matches!(&i.heading, Heading::Printed(_)))
        };
        let items_and_tables = held.iter().any(|(s, f, _)| table_in_row(s, f))
            && held
                .iter()
                .all(|(s, f, _)| item(s, f) || table_in_row(s, f));
        if !items_only && !row_of_tables && !items_and_tables {
            self.error(
                span,
                &format!("{path}.beside"),
                "beside = true のまとまりには、項目（item）だけか、横に並べて印字された表の row 一つ（row = [{ table = … }, { table = … }]）だけ、または項目と表（表、heading と beside = true の表、指標の表 kpis、表の row。どの順でも）を入れられます（まとまりの見出しは、項目の名前の横、名前のない項目（heading = \"\"）の値の横、または表の横に並ぶ名前だからです）。文章・まとまりを入れるなら beside を消してください。表が一つなら、その表に heading と beside = true を書きます".to_string(),
                "a group with beside = true holds only items, or one row of tables printed beside each other (row = [{ table = … }, { table = … }]), or items and tables (a table, a table with heading and beside = true, a KPI table (kpis), or a row of tables; in any order): its heading is a label beside the items' labels, beside the value of an item printed with no label (heading = \"\"), or beside the tables; for texts or groups in it, remove beside; for one table, write heading and beside = true on the table".to_string(),
            );
        }
    }

    /// One entry of `sections`: its kind (its one kind key) and that kind's options.
    pub(super) fn section(
        &self,
        mut s: Table<'a>,
        tables: &[(FormTable, Range<usize>)],
        node: bool,
    ) -> Option<(Section, Frame, Range<usize>)> {
        let path = s.path.clone();
        let span = s.span.clone();
        let kinds: Vec<&str> = SECTION_KINDS
            .iter()
            .copied()
            .filter(|k| s.span_of(k).is_some())
            .collect();
        let kind = match kinds.as_slice() {
            [k] => *k,
            [] => {
                // Mark the kinds known, so a misspelt one is "did you mean".
                SECTION_KINDS.iter().for_each(|k| {
                    s.entry(k);
                });
                let written = s.entries().next().map(|(k, _)| k.name.clone());
                let (hja, hen) = written
                    .as_deref()
                    .map_or((String::new(), String::new()), |w| hint(w, SECTION_KINDS));
                self.error(
                    span,
                    &path,
                    format!("区分の種類がありません。{hja}{} のどれか一つを書いてください（例: {{ text = \"mokuteki\", heading = \"目的\" }}）", SECTION_KINDS.join(" / ")),
                    format!("the section has no kind; {hen}write one of {} (e.g. {{ text = \"mokuteki\", heading = \"目的\" }})", SECTION_KINDS.join(", ")),
                );
                return None;
            }
            many => {
                self.error(
                    span,
                    &path,
                    format!(
                        "一つの区分に種類が二つ以上あります（{}）。区分を分けてください",
                        many.join(", ")
                    ),
                    format!(
                        "one section has more than one kind ({}); make one section of each",
                        many.join(", ")
                    ),
                );
                return None;
            }
        };
        let only_nodes = matches!(kind, "kpis" | "children" | "programs" | "related");
        if only_nodes && !node {
            self.error(
                s.span_of(kind).unwrap_or(span.clone()),
                &format!("{path}.{kind}"),
                format!("「{kind}」は計画の階層の様式の区分です。事務事業の様式（for = \"programs\"）には置けません"),
                format!("\"{kind}\" is a section of a plan level's form; a programs form (for = \"programs\") cannot have it"),
            );
        }
        let note = s.string("note").map(|l| l.value);
        let foot = s.string("foot");
        if let (Some(l), "item") = (&foot, kind) {
            self.error(
                l.span.clone(),
                &format!("{path}.foot"),
                "foot は表・文章・指標・一覧のあとに印字する注です。項目の注は note に書いてください（ラベルの下に印字されます）".to_string(),
                "foot is a note printed after a table, a text, the KPI block or a list; an item's note goes in note (printed under its label)".to_string(),
            );
        }
        let foot = foot.map(|l| l.value);
        let empty_shown = self.empty(&mut s);
        // A table, the KPI block and a list take a heading over them (none by default).
        let heading = if matches!(kind, "table" | "kpis" | "children" | "programs" | "related") {
            self.heading(&mut s, None)
        } else {
            Heading::Builtin
        };
        let beside = self.table_beside(&mut s, kind, &heading);
        let frame = Frame {
            heading,
            note,
            foot,
            empty_shown,
            group: None,
            row: None,
            beside,
        };
        let section = match kind {
            "text" => self.text(&mut s, node),
            "item" => self.item(&mut s, node),
            "table" => self.table_section(&mut s, tables),
            "files" => {
                self.flag_kind(&mut s, "files");
                let heading = self.heading(&mut s, None);
                Some(Section::Files { heading })
            }
            "related" => {
                self.flag_kind(&mut s, "related");
                Some(Section::Related)
            }
            key @ ("head" | "sheet_title") => {
                self.flag_kind(&mut s, key);
                // The marker prints nothing: a note, a foot or an empty box has no place.
                if frame.note.is_some() || frame.foot.is_some() || frame.empty_shown {
                    self.error(
                        span.clone(),
                        &path,
                        format!("{key} = true（{}の位置）には note・foot・empty を書けません。その上や下に印字する言葉は、区分として書いてください", marker_ja(key)),
                        format!("{key} = true (where {} stands) takes no note, foot or empty: write words printed over or under it as sections", marker_en(key)),
                    );
                }
                Some(if key == "head" {
                    Section::Head
                } else {
                    Section::SheetTitle
                })
            }
            "kpis" => {
                self.flag_kind(&mut s, "kpis");
                let shape = self.kpi_shape(&mut s);
                let texts = self.kpi_texts(&mut s);
                let layout = self.kpi_layout(&mut s, shape);
                let items = self.kpi_items(&mut s, shape);
                self.once_in_one_table(&layout, &items, &span, &s.path);
                let mut show = self.kpi_parts(&mut s);
                // The chart only where the form asks for it (`chart = true` or in `show`).
                if let Some(chart) = s.boolean("chart") {
                    show.chart = chart;
                }
                let chart = show.chart;
                let caption = self.kpi_caption(&mut s, shape);
                self.texts_placed(&s, &texts, &layout, &items);
                // A label beside the one table of KPIs; blocks are headed each by its KPI,
                // under the block's heading, which a label beside them would leave out.
                if frame.beside && shape == Shape::Block {
                    self.error(
                        s.span_of("beside").unwrap_or(span.clone()),
                        &format!("{path}.beside"),
                        "指標の beside = true（見出しを表の横の名前にする）は、表の layout（\"table\"、\"rows\"、\"each\"）のときに書きます".to_string(),
                        "beside = true on kpis (the heading a label beside the table) is for a table's layout (\"table\", \"rows\", \"each\")".to_string(),
                    );
                }
                Some(Section::Kpis {
                    layout,
                    texts,
                    items,
                    chart,
                    show,
                    caption,
                })
            }
            "children" => {
                self.flag_kind(&mut s, "children");
                let columns = self.list_columns(&mut s, Listing::Children);
                let blocks = self.blocks(&mut s, &columns);
                let sheets =
                    self.listed_sheets(&mut s, &path, Listing::Children, &["columns", "blocks"]);
                Some(Section::Children {
                    columns,
                    blocks,
                    sheets,
                })
            }
            _ => {
                self.flag_kind(&mut s, "programs");
                let columns = self.list_columns(&mut s, Listing::Programs);
                let blocks = self.blocks(&mut s, &columns);
                let numbered = s.boolean("numbered").unwrap_or(false);
                let number_heading = s.string("number_heading");
                if let Some(l) = &number_heading
                    && !numbered
                {
                    self.error(
                        l.span.clone(),
                        &format!("{path}.number_heading"),
                        "number_heading は番号の列の見出しです。番号を印字する一覧（numbered = true）にだけ書けます".to_string(),
                        "number_heading is the heading of the number column: only for a numbered list (numbered = true)".to_string(),
                    );
                }
                let total = s.string("total").map(|l| l.value);
                let listed = ["columns", "blocks", "numbered", "number_heading", "total"];
                let sheets = self.listed_sheets(&mut s, &path, Listing::Programs, &listed);
                for key in ["numbered", "total"].into_iter().filter(|_| blocks) {
                    if let Some(span) = s.span_of(key) {
                        self.error(
                            span,
                            &format!("{path}.{key}"),
                            format!("{key} は表の一覧のものです。区画ごとに描く一覧（blocks = true）には書けません"),
                            format!("{key} belongs to a list drawn as a table: not for a list drawn as blocks (blocks = true)"),
                        );
                    }
                }
                Some(Section::Programs {
                    columns,
                    blocks,
                    numbered,
                    number_heading: number_heading.map(|l| l.value),
                    total,
                    sheets,
                })
            }
        };
        s.finish();
        let mut section = section;
        // An item printed inside another with `empty = "shown"`: its printed words with a
        // blank where content writes no value.
        if let Some(Section::Item(i)) = &mut section
            && let Some(inside) = &mut i.inside
        {
            inside.shown_empty = frame.empty_shown;
        }
        section
            .filter(|_| !only_nodes || node)
            .map(|x| (x, frame, span))
    }

    /// `blocks = true` on a list: each page listed a block of its own (福岡市's 施策 under
    /// their 基本目標, each headed by its code and title, 取組みの方向性 and 進捗状況 under
    /// it). A column group has no heading row to stand in there: an error.
    fn blocks(&self, s: &mut Table<'a>, columns: &[ListColumn]) -> bool {
        let blocks = s.boolean("blocks").unwrap_or(false);
        if blocks
            && columns
                .iter()
                .any(|c| ListColumn::kpi_field(&c.key).is_some())
        {
            self.error(
                s.span_of("blocks").unwrap_or(s.span.clone()),
                &format!("{}.columns", s.path),
                "指標の列（kpi.…）は指標ごとの行に描きます。区画ごとに描く一覧（blocks = true）には書けません".to_string(),
                "a KPI column (kpi.…) is drawn as a row per KPI: not in a list drawn as blocks (blocks = true)".to_string(),
            );
        }
        if blocks && columns.iter().any(|c| c.group.is_some()) {
            self.error(
                s.span_of("blocks").unwrap_or(s.span.clone()),
                &format!("{}.columns", s.path),
                "区画ごとに描く一覧（blocks = true）には見出しの行がないので、列の group は描けません。group を消してください".to_string(),
                "a list drawn as blocks (blocks = true) has no heading row for a column's group to stand in; remove group".to_string(),
            );
        }
        blocks
    }

    /// `once = true` on a list's column: only on a KPI column of words (`kpi.category`,
    /// `kpi.name` …) of a children list, whose KPIs next to each other may share a cell.
    fn list_once(
        &self,
        c: &mut Table<'a>,
        key: Option<&Located<String>>,
        listing: Listing,
    ) -> bool {
        let Some(once) = c.flag("once") else {
            return false;
        };
        // Without its key, the missing key is the error.
        let Some(key) = key else {
            return false;
        };
        let field = (listing == Listing::Children)
            .then(|| ListColumn::kpi_field(&key.value))
            .flatten();
        if once.value && !field.is_some_and(KpiField::printed_once) {
            self.error(
                once.span,
                &format!("{}.once", c.path),
                "once = true は子の一覧の指標の言葉の列（kpi.category、kpi.name、kpi.unit など）に書けます。数値と評価は指標ごとに、子の欄は子ごとに印字します".to_string(),
                "once = true goes on a KPI column of words of a children list (kpi.category, kpi.name, kpi.unit …); a figure or a grade is printed for each KPI, a child's own cell once for the child".to_string(),
            );
            return false;
        }
        once.value
    }

    /// `show`: the parts of the KPI block the form names ([`KpiParts`]); without it the
    /// content's own ([`KpiParts::OWN`]). An unknown part is an error naming the closest.
    fn kpi_parts(&self, s: &mut Table<'a>) -> KpiParts {
        let path = format!("{}.show", s.path);
        if s.span_of("show").is_none() {
            return KpiParts::OWN;
        }
        let mut parts = KpiParts::NONE;
        for l in s.strings("show") {
            if !parts.set(&l.value) {
                let (hja, hen) = hint(&l.value, KpiParts::NAMES.iter().copied());
                self.error(
                    l.span,
                    &path,
                    format!(
                        "指標の show に「{}」はありません。{hja}{} のどれかです",
                        l.value,
                        KpiParts::NAMES.join(" / ")
                    ),
                    format!(
                        "the KPI block has no part \"{}\" to show; {hen}expected one of {}",
                        l.value,
                        KpiParts::NAMES.join(", ")
                    ),
                );
            }
        }
        parts
    }

    /// `layout`, read once: kensho's block per KPI (the default), `"table"`, `"rows"` or
    /// `"each"`. Anything else is an error at it, and the block is drawn.
    fn kpi_shape(&self, s: &mut Table<'a>) -> Shape {
        let Some(l) = s.string("layout") else {
            return Shape::Block;
        };
        match Shape::ALL.into_iter().find(|n| n.name() == l.value) {
            Some(n) => n,
            None => {
                self.error(
                    l.span,
                    &format!("{}.layout", s.path),
                    format!("layout は \"table\"（指標ごとに一行の表）、\"rows\"（指標ごとに区分の行のまとまりの表）、\"each\"（指標ごとに一つの表、見出しは左に）か \"block\"（指標ごとの囲み、グラフと年度の表）です（「{}」）", l.value),
                    format!("layout must be \"table\" (one table, a row per KPI), \"rows\" (one table, a group of rows per KPI), \"each\" (a table per KPI, labelled down the side) or \"block\" (a summary, a chart and a table of years per KPI); found \"{}\"", l.value),
                );
                Shape::Block
            }
        }
    }

    /// `caption` of the KPI block (`layout = "block"` or `"each"`): each KPI's caption as
    /// the sheet prints it, `{name}` and `{category}` the KPI's (福岡市's 「成果指標のグラフ:
    /// {name}」, 松戸市's 「{category} {name}」). Another layout, other braces or an empty
    /// caption, an error at it.
    fn kpi_caption(&self, s: &mut Table<'a>, shape: Shape) -> Option<String> {
        let l = s.string("caption")?;
        let path = format!("{}.caption", s.path);
        let said = if !matches!(shape, Shape::Block | Shape::Each) {
            Some((
                "指標の caption は layout = \"block\"（既定）か \"each\" のときに書きます（指標ごとに、その上に印字する見出しです）".to_string(),
                "the caption of kpis is that of layout = \"block\" (the default) or \"each\" (printed over each KPI)".to_string(),
            ))
        } else if !l.value.contains("{name}") && !l.value.contains("{category}")
            || l.value
                .replace("{name}", "")
                .replace("{category}", "")
                .contains(['{', '}'])
        {
            Some((
                format!(
                    "指標の caption「{}」には {{name}}（指標名）か {{category}} を含め、それ以外の {{ }} は書きません（例: caption = \"成果指標のグラフ:{{name}}\"）",
                    l.value
                ),
                format!(
                    "the caption \"{}\" of kpis holds {{name}} (the KPI's name) or {{category}}, and no other braces (e.g. caption = \"成果指標のグラフ:{{name}}\")",
                    l.value
                ),
            ))
        } else {
            None
        };
        match said {
            Some((ja, en)) => {
                self.error(l.span, &path, ja, en);
                None
            }
            None => Some(l.value),
        }
    }

    /// The KPI block of `shape`: kensho's block per KPI, `"table"` and its `columns`,
    /// `"rows"` with its `rows` and `columns`, or `"each"` with its `rows` (and `beside`).
    fn kpi_layout(&self, s: &mut Table<'a>, shape: Shape) -> KpiLayout {
        let path = s.path.clone();
        let layout = shape.name();
        let rows = self.kpi_rows(s, shape);
        let beside = self.kpi_beside(s, shape == Shape::Each);
        let span = s.span_of("columns");
        let columns = s.tables("columns");
        if let (Shape::Block | Shape::Each, Some(span)) = (shape, span) {
            self.error(
                span,
                &format!("{path}.columns"),
                "指標の columns は layout = \"table\"（指標ごとに一行の表）か \"rows\" のときに書きます（\"each\" の表は rows だけで書きます）".to_string(),
                "the columns of kpis are those of layout = \"table\" (one table, a row per KPI) or \"rows\" (a table of layout = \"each\" has rows only)".to_string(),
            );
        }
        if let Some(span) =
            (s.span_of("slots")).filter(|_| !matches!(shape, Shape::Each | Shape::Rows))
        {
            s.integer("slots");
            self.error(
                span,
                &format!("{path}.slots"),
                "指標の slots は layout = \"each\"（指標ごとに一つの表）か \"rows\"（指標ごとに行のまとまり）のときに書きます"
                    .to_string(),
                "the slots of kpis are those of layout = \"each\" (a table per KPI) or \"rows\" (a group of rows per KPI)".to_string(),
            );
        }
        match shape {
            Shape::Block => return KpiLayout::Block,
            Shape::Each => {
                let slots = self.kpi_slots(s);
                return KpiLayout::Each {
                    rows,
                    beside,
                    slots,
                };
            }
            Shape::Table | Shape::Rows => {}
        }
        if columns.is_empty() {
            // The example's column of a year: a KPI's actual in a table, the year in rows.
            let by_year = if shape == Shape::Rows {
                "year"
            } else {
                "actual"
            };
            self.error(
                s.span.clone(),
                &format!("{path}.columns"),
                format!("layout = \"{layout}\" の指標の表に列 columns がありません。シートの列を順に書いてください（例: columns = [{{ field = \"name\", heading = \"指標名\" }}, {{ field = \"{by_year}\", heading = \"{{year}}\" }}]）"),
                format!("a KPI table (layout = \"{layout}\") needs its columns in the sheet's order (e.g. columns = [{{ field = \"name\", heading = \"指標名\" }}, {{ field = \"{by_year}\", heading = \"{{year}}\" }}])"),
            );
        }
        // `table`: the values by year are columns; `rows`: they are the rows, and the
        // columns are the years (`year`) and the rows' names (`phase`).
        let names: Vec<&str> = KPI_FIELDS
            .iter()
            .filter(|(_, f)| {
                if shape == Shape::Rows {
                    !f.by_year() && *f != KpiField::Figures
                } else {
                    !matches!(f, KpiField::Phase | KpiField::Year | KpiField::Figures)
                }
            })
            .map(|(n, _)| *n)
            .collect();
        let read = columns.into_iter().filter_map(|mut c| {
            let field = c.required_string("field");
            let heading = c.required_string("heading");
            let heading_ok = heading
                .as_ref()
                .is_none_or(|h| self.heading_ok(h, &format!("{}.heading", c.path), None));
            let group = c.string("group").map(|l| l.value);
            let format = self.year_format(&mut c, field.as_ref(), false);
            let cell = self.kpi_cell_pattern(&mut c);
            // In `rows` the years' cells are the rows' (their `cell`), the phase the row's name.
            let patterned = field
                .as_ref()
                .is_some_and(|f| !(shape == Shape::Rows && matches!(f.value.as_str(), "phase" | "year")));
            let cell = self.pattern_where_drawn(&c, cell, patterned);
            let empty_shown = self.empty(&mut c);
            let once = self.kpi_once(&mut c, shape, field.as_ref().map(|f| f.value.as_str()));
            let path = c.path.clone();
            let field = field?;
            let (mut base, mut final_year) = (false, false);
            let of_years = field.value == "year" && shape == Shape::Rows;
            let year = if matches!(
                field.value.as_str(),
                "actual" | "target" | "rate" | "year" | "grade"
            ) {
                let grade = field.value == "grade";
                let field = format!("{path}.year");
                match c.string("year") {
                    None => ColumnYear::Each,
                    // A grade column is one year's (長野県's 前年度 beside 進捗区分).
                    Some(l) if grade => self.grade_column_year(l, &field)?,
                    // The baseline's column among the years (府中市's 「現状」).
                    Some(l) if of_years && l.value == "base" => {
                        base = true;
                        ColumnYear::Each
                    }
                    // The final target's column among the years (石巻市's 「最終」).
                    Some(l) if of_years && l.value == "final" => {
                        final_year = true;
                        ColumnYear::Each
                    }
                    // Either is a column among the years: nowhere else.
                    Some(l) if matches!(l.value.as_str(), "base" | "final") => {
                        let (ja, en) = match l.value.as_str() {
                            "base" => ("基準値", "the baseline's"),
                            _ => ("最終目標値", "the final target's"),
                        };
                        self.error(
                            l.span,
                            &field,
                            format!("year = \"{}\"（年度の列の中の{ja}の列）は、layout = \"rows\" の指標の表の field = \"year\" の列にだけ書けます", l.value),
                            format!("year = \"{}\" ({en} column among the years) goes only on a field = \"year\" column of a layout = \"rows\" KPI table", l.value),
                        );
                        return None;
                    }
                    Some(l) => match self.column_year(&l, &field)? {
                        ColumnYear::Every => {
                            self.error(
                                l.span,
                                &field,
                                "指標の表の年度の列の year は年度（\"H31\" など）、\"report\"、\"report-1\" か \"each\"（値のある年度ごとに一列、既定）です".to_string(),
                                "the year of a KPI table's column of years is a year (\"H31\" …), \"report\", \"report-1\" or \"each\" (a column per year with a value, the default)".to_string(),
                            );
                            return None;
                        }
                        y => y,
                    },
                }
            } else {
                ColumnYear::Each
            };
            c.finish();
            let f = self.kpi_field(&field, &names, &path, |w, hja, hen, ja, en| {
                (
                    format!("指標の表（layout = \"{layout}\"）の列「{w}」はありません。{hja}{ja} のどれかです"),
                    format!("a KPI table (layout = \"{layout}\") has no column \"{w}\"; {hen}expected one of {en}"),
                )
            })?;
            Some(KpiColumn {
                field: f,
                year,
                heading: heading.filter(|_| heading_ok)?.value,
                group,
                format,
                base,
                final_year,
                cell,
                empty_shown,
                once,
            })
        });
        let columns: Vec<KpiColumn> = read.collect();
        let names_in_head = self.kpi_row_names(s, shape, &columns);
        if shape == Shape::Rows {
            let slots = self.kpi_slots(s);
            KpiLayout::Rows {
                columns,
                rows,
                names_in_head,
                slots,
            }
        } else {
            KpiLayout::Table(columns)
        }
    }

    /// `row_names` of `layout = "rows"`: `"column"` (the default: in the `phase` column,
    /// beside each KPI's rows) or `"head"` (heading rows under the years' headings, as
    /// 府中市 prints 目標 / 実績 / 進捗: then no `phase` column and no `group`).
    fn kpi_row_names(&self, s: &mut Table<'a>, shape: Shape, columns: &[KpiColumn]) -> bool {
        let path = format!("{}.row_names", s.path);
        let Some(l) = s.string("row_names") else {
            return false;
        };
        let head = match l.value.as_str() {
            "head" => true,
            "column" => false,
            other => {
                self.error(
                    l.span,
                    &path,
                    format!("row_names は \"column\"（行の名前を、指標ごとの行の横の列 phase に。既定）か \"head\"（年度の見出しの下の見出しの行に）です（「{other}」）"),
                    format!("row_names must be \"column\" (the rows' names in the phase column beside each KPI's rows, the default) or \"head\" (heading rows under the years' headings); found \"{other}\""),
                );
                return false;
            }
        };
        let said = if shape != Shape::Rows {
            Some((
                "row_names は layout = \"rows\"（指標ごとに区分の行のまとまりの表）のときに書きます",
                "row_names is that of layout = \"rows\" (one table, a group of rows per KPI)",
            ))
        } else if head && (columns.iter()).any(|c| c.field == KpiField::Phase) {
            Some((
                "row_names = \"head\" では行の名前を見出しの行に印字するので、列 phase は書けません",
                "with row_names = \"head\" the rows' names are heading rows: the table has no phase column",
            ))
        } else if head && (columns.iter()).any(|c| c.group.is_some()) {
            Some((
                "row_names = \"head\" の表の列には group を書けません（見出しの行は年度の見出しの下に一段ずつ並びます）",
                "the columns of a table of row_names = \"head\" take no group (its heading rows stand under the years' headings)",
            ))
        } else {
            None
        };
        match said {
            Some((ja, en)) => {
                self.error(l.span, &path, ja.to_string(), en.to_string());
                false
            }
            None => head,
        }
    }

    /// `rows` of `layout = "rows"` or `"each"`, each `{ field, heading }`: a KPI's values
    /// by year (`target`, `actual`, `rate`) or its grades (`grade`), a cell per year, or
    /// one of its own cells across the years; in `"each"` also `year`, the row of the
    /// years. In the sheet's order. In another layout, or none in these two, an error.
    fn kpi_rows(&self, s: &mut Table<'a>, shape: Shape) -> Vec<KpiPhaseRow> {
        let path = format!("{}.rows", s.path);
        let span = s.span_of("rows");
        let tables = s.tables("rows");
        let layout = shape.name();
        let wanted = matches!(shape, Shape::Rows | Shape::Each);
        match (wanted, span.clone()) {
            (false, Some(span)) => {
                self.error(
                    span,
                    &path,
                    "指標の rows は layout = \"rows\"（指標ごとに区分の行のまとまりの表）か \"each\"（指標ごとに一つの表）のときに書きます".to_string(),
                    "the rows of kpis are those of layout = \"rows\" (one table, a group of rows per KPI) or \"each\" (a table per KPI)".to_string(),
                );
                return Vec::new();
            }
            (false, None) => return Vec::new(),
            (true, _) if tables.is_empty() => {
                let example = if shape == Shape::Each {
                    "rows = [{ field = \"name\", heading = \"目標・成果項目\" }, { field = \"year\", heading = \"年 度\" }, { field = \"actual\", heading = \"実 積\" }]"
                } else {
                    "rows = [{ field = \"target\", heading = \"目標値\" }, { field = \"actual\", heading = \"実績値\" }, { field = \"rate\", heading = \"達成率\" }]"
                };
                self.error(
                    span.unwrap_or(s.span.clone()),
                    &path,
                    format!("layout = \"{layout}\" の指標の表に行 rows がありません。指標ごとの行を順に書いてください（例: {example}）"),
                    format!("a KPI table of layout = \"{layout}\" needs its rows in the sheet's order (e.g. {example})"),
                );
                return Vec::new();
            }
            _ => {}
        }
        // A row of the KPI's own (its name, its final target …) is one cell across the
        // years; the years are a column of `"rows"` and a row of `"each"`.
        let names: Vec<&str> = KPI_FIELDS
            .iter()
            .filter(|(_, f)| {
                *f != KpiField::Phase
                    && (shape == Shape::Each || !matches!(f, KpiField::Year | KpiField::Figures))
            })
            .map(|(n, _)| *n)
            .collect();
        tables
            .into_iter()
            .filter_map(|mut r| {
                let field = r.required_string("field");
                let heading = r.required_string("heading");
                let heading_ok = heading
                    .as_ref()
                    .is_none_or(|h| self.heading_ok(h, &format!("{}.heading", r.path), None));
                let format = self.year_format(&mut r, field.as_ref(), shape == Shape::Each);
                let marks = self.year_marks(&mut r, field.as_ref(), shape == Shape::Each);
                let cell = self.kpi_cell_pattern(&mut r);
                // The row of years and the row of figures of `each` draw their own cells.
                let patterned = field
                    .as_ref()
                    .is_some_and(|f| !matches!(f.value.as_str(), "year" | "figures"));
                let cell = self.pattern_where_drawn(&r, cell, patterned);
                let rpath = r.path.clone();
                r.finish();
                let field = field?;
                let f = self.kpi_field(&field, &names, &rpath, |w, hja, hen, ja, en| {
                    (
                        format!("指標の行「{w}」はありません。{hja}{ja} のどれかです"),
                        format!("a KPI has no row \"{w}\"; {hen}expected one of {en}"),
                    )
                })?;
                Some(KpiPhaseRow {
                    field: f,
                    heading: heading.filter(|_| heading_ok)?.value,
                    format,
                    cell,
                    marks,
                })
            })
            .collect()
    }

    /// `marks = { base = "(基準値)", latest = "(現状値)", target = "(目標値)" }` on the row
    /// of years of `layout = "each"` (`years_row`): the city's words printed with the
    /// baseline's year, the latest actual's and the final target's (松戸市's 数値目標).
    /// Elsewhere, an unknown key or an empty word, an error at it.
    fn year_marks(
        &self,
        r: &mut Table<'a>,
        field: Option<&Located<String>>,
        years_row: bool,
    ) -> crate::model::form::YearMarks {
        let mut marks = crate::model::form::YearMarks::default();
        let Some(span) = r.span_of("marks") else {
            return marks;
        };
        let path = format!("{}.marks", r.path);
        if !(years_row && field.is_some_and(|f| f.value == "year")) {
            r.table("marks");
            self.error(
                span,
                &path,
                "marks は layout = \"each\" の年度の行（field = \"year\"）に書き、年度に添えて印字する市の言葉です（例: marks = { base = \"(基準値)\", latest = \"(現状値)\", target = \"(目標値)\" }）".to_string(),
                "marks belong to the row of years (field = \"year\") of layout = \"each\": the city's words printed with a year (e.g. marks = { base = \"(基準値)\", latest = \"(現状値)\", target = \"(目標値)\" })".to_string(),
            );
            return marks;
        }
        let Some(mut t) = r.table("marks") else {
            return marks;
        };
        for (key, slot) in [
            ("base", &mut marks.base),
            ("latest", &mut marks.latest),
            ("target", &mut marks.target),
        ] {
            let Some(l) = t.string(key) else { continue };
            if l.value.trim().is_empty() {
                self.error(
                    l.span,
                    &format!("{path}.{key}"),
                    format!("marks の {key} が空です。シートが年度に添えて印字している言葉を書いてください（印字がなければ書きません）"),
                    format!("marks.{key} is empty: write the word the sheet prints with the year, or leave the key out where it prints none"),
                );
                continue;
            }
            *slot = Some(l.value);
        }
        t.finish();
        marks
    }

    /// `format = "{year_short}年度"` on a KPI table's `base_year` or `target_year` (or
    /// the row of years of `layout = "each"`, `years_row`): how its cells write the year,
    /// as the sheet does (つくば市's 「H27年度」 under headings written 「H27」); the
    /// site's way (`{year}`) without it. Elsewhere, or without a year in it, an error.
    fn year_format(
        &self,
        c: &mut Table<'a>,
        field: Option<&Located<String>>,
        years_row: bool,
    ) -> Option<String> {
        let l = c.string("format")?;
        let of_year = field.is_some_and(|f| {
            matches!(f.value.as_str(), "base_year" | "target_year")
                || (years_row && f.value == "year")
        });
        let has_year = crate::model::site::YEAR_PLACEHOLDERS
            .iter()
            .any(|p| l.value.contains(p));
        if of_year && has_year {
            return Some(l.value);
        }
        self.error(
            l.span,
            &format!("{}.format", c.path),
            "format は base_year と target_year の欄（layout = \"each\" では年度の行 year も）の年度の書き方で、{year} か {year_short} を含めます（例: format = \"{year_short}年度\"）".to_string(),
            "format is how a base_year or target_year cell writes its year (in layout = \"each\", the row of years too), holding {year} or {year_short} (e.g. format = \"{year_short}年度\")".to_string(),
        );
        None
    }

    /// `slots` of `layout = "each"`: how many blocks the sheet prints, its labels over
    /// empty cells where the page has fewer KPIs (瑞浪市 prints three 成果指標 blocks,
    /// the third empty). Not a whole number from 1 to 100, an error at it.
    fn kpi_slots(&self, s: &mut Table<'a>) -> usize {
        let Some(l) = s.integer("slots") else {
            return 0;
        };
        match usize::try_from(l.value) {
            Ok(n @ 1..=100) => n,
            _ => {
                self.error(
                    l.span,
                    &format!("{}.slots", s.path),
                    format!(
                        "slots はシートが印字する指標の欄の数（1 から 100 まで）です（「{}」）",
                        l.value
                    ),
                    format!(
                        "slots is the number of KPI blocks the sheet prints (1 to 100); found {}",
                        l.value
                    ),
                );
                0
            }
        }
    }

    /// `beside` of `layout = "each"` (`wanted`): the KPI's field printed beside all its
    /// rows, `category` or `name`. In another layout, an error.
    fn kpi_beside(&self, s: &mut Table<'a>, wanted: bool) -> Option<KpiField> {
        let path = format!("{}.beside", s.path);
        // `beside = true`: the block's heading beside it (`table_beside`).
        if s.peek_flag("beside").is_some() {
            return None;
        }
        let l = s.string("beside")?;
        let field = match l.value.as_str() {
            "category" => Some(KpiField::Category),
            "name" => Some(KpiField::Name),
            _ => None,
        };
        match field {
            Some(f) if wanted => Some(f),
            Some(_) => {
                self.error(
                    l.span,
                    &path,
                    "指標の beside は layout = \"each\"（指標ごとに一つの表）のときに書きます"
                        .to_string(),
                    "the beside of kpis is that of layout = \"each\" (a table per KPI)".to_string(),
                );
                None
            }
            None => {
                self.error(
                    l.span,
                    &path,
                    format!("指標の beside は \"category\"（指標の category、「成果指標1」など）か \"name\" です（「{}」）", l.value),
                    format!("the beside of kpis is \"category\" (the KPI's category, 成果指標1) or \"name\"; found \"{}\"", l.value),
                );
                None
            }
        }
    }

    /// `above` and `below` of `layout = "rows"` or `"each"`: the KPI's own facts the sheet
    /// prints as labelled cells around its table, each `{ field, heading }` (a field of
    /// the KPI's own, one cell: its name, unit, direction, the report year's grade …) or
    /// `{ row = [ … ] }` of them printed on one row, in the sheet's order.
    fn kpi_items(&self, s: &mut Table<'a>, shape: Shape) -> KpiItems {
        let mut read = |key: &'static str| -> Vec<KpiItemRow> {
            let span = s.span_of(key);
            let entries = s.tables(key);
            let path = format!("{}.{key}", s.path);
            if let Some(span) = span.filter(|_| !matches!(shape, Shape::Rows | Shape::Each)) {
                self.error(
                    span,
                    &path,
                    format!("指標の {key} は layout = \"rows\" か \"each\" のときに書きます（指標ごとに、その表の{}に名前と値の欄を印字します）", if key == "above" { "上" } else { "下" }),
                    format!("the {key} of kpis is that of layout = \"rows\" or \"each\" (labelled cells printed {key} each KPI's table)"),
                );
                return Vec::new();
            }
            entries
                .into_iter()
                .filter_map(|mut e| {
                    if e.span_of("row").is_none() {
                        return Some(KpiItemRow {
                            items: vec![self.kpi_item(e)?],
                            row: false,
                        });
                    }
                    let inner = e.tables("row");
                    let (span, at) = (e.span.clone(), format!("{}.row", e.path));
                    e.finish();
                    if inner.is_empty() {
                        self.error(
                            span,
                            &at,
                            "row = [ … ] に欄がありません。シートが一つの行に印字している指標の欄（{ field, heading }）を順に書いてください".to_string(),
                            "row = [ … ] holds no cell: list the KPI's cells the sheet prints on that row ({ field, heading }), in its order".to_string(),
                        );
                        return None;
                    }
                    let items: Vec<KpiPhaseRow> =
                        inner.into_iter().filter_map(|i| self.kpi_item(i)).collect();
                    (!items.is_empty()).then_some(KpiItemRow { items, row: true })
                })
                .collect()
        };
        let above = read("above");
        let below = read("below");
        let across = self.kpi_across(s, shape);
        KpiItems {
            above,
            below,
            across,
        }
    }

    /// `across` of `layout = "rows"` or `"table"`: the KPI's own cells printed inside the
    /// table under its rows, each `{ field, heading }` a row across the table's width
    /// (江田島市's 「≪成果と見直し≫」), in the sheet's order.
    fn kpi_across(&self, s: &mut Table<'a>, shape: Shape) -> Vec<KpiPhaseRow> {
        let span = s.span_of("across");
        let entries = s.tables("across");
        let path = format!("{}.across", s.path);
        if let Some(span) = span.filter(|_| !matches!(shape, Shape::Rows | Shape::Table)) {
            self.error(
                span,
                &path,
                "指標の across は layout = \"rows\" か \"table\" のときに書きます（指標ごとに、その行の下に表の幅いっぱいの行を印字します）".to_string(),
                "the across of kpis is that of layout = \"rows\" or \"table\" (a row across the table's width under each KPI's rows)".to_string(),
            );
            return Vec::new();
        }
        (entries.into_iter())
            .filter_map(|e| match e.span_of("row") {
                Some(at) => {
                    self.error(
                        at,
                        &format!("{}.row", e.path),
                        "across の欄はそれぞれ表の幅いっぱいの一行です。row = [ … ] にはできません。欄を一つずつ { field, heading } と書いてください".to_string(),
                        "each cell of across is a row across the table's width, so no row = [ … ]: write each cell as { field, heading }".to_string(),
                    );
                    None
                }
                None => self.kpi_item(e),
            })
            .collect()
    }

    /// One labelled cell of a KPI's own (`{ field = "name", heading = "KPI その{n}" }`): a
    /// field that is one cell (not a value by year), its label as printed (not empty;
    /// `{n}` the KPI's place on the page).
    fn kpi_item(&self, mut c: Table<'a>) -> Option<KpiPhaseRow> {
        let field = c.required_string("field");
        let heading = c.required_string("heading");
        let path = c.path.clone();
        let heading_ok = heading.as_ref().is_none_or(|h| {
            if h.value.trim().is_empty() {
                self.error(
                    h.span.clone(),
                    &format!("{path}.heading"),
                    "指標の欄の heading が空です。シートが値の横に印字している名前を書いてください".to_string(),
                    "a KPI's labelled cell has an empty heading: write the label the sheet prints beside the value".to_string(),
                );
                return false;
            }
            // `{n}`: the KPI's place on the page (「KPI その{n}」: その1, その2).
            if h.value.replace("{n}", "").contains(['{', '}']) {
                self.error(
                    h.span.clone(),
                    &format!("{path}.heading"),
                    format!("指標の欄の見出し「{}」に {{n}} 以外の {{ }} があります。{{n}} はページの中の指標の番号（その1、その2 …）になります", h.value),
                    format!("the heading \"{}\" of a KPI's labelled cell holds braces other than {{n}} (the KPI's place on the page: 1, 2 …)", h.value),
                );
                return false;
            }
            true
        });
        let format = self.year_format(&mut c, field.as_ref(), false);
        c.finish();
        let field = field?;
        let names: Vec<&str> = KPI_FIELDS
            .iter()
            .filter(|(_, f)| {
                !f.by_year() && !matches!(f, KpiField::Phase | KpiField::Year | KpiField::Figures)
            })
            .map(|(n, _)| *n)
            .collect();
        let f = self.kpi_field(&field, &names, &path, |w, hja, hen, ja, en| {
            (
                format!("指標の欄「{w}」はありません。{hja}{ja} のどれかです（年度ごとの値は表に書きます）"),
                format!("a KPI has no labelled cell \"{w}\"; {hen}expected one of {en} (values by year go in its table)"),
            )
        })?;
        Some(KpiPhaseRow {
            field: f,
            heading: heading.filter(|_| heading_ok)?.value,
            format,
            cell: Vec::new(),
            marks: Default::default(),
        })
    }

    /// A text of `texts` that no row, column or labelled cell names is printed nowhere
    /// (つくば市's 実績値の計算方法, round 34: written in each KPI, silently left out): a
    /// warning at `texts`, naming where it may go.
    fn texts_placed(&self, s: &Table<'a>, texts: &[KpiText], layout: &KpiLayout, items: &KpiItems) {
        let mut named: Vec<usize> = Vec::new();
        let mut name = |field: KpiField, cell: &[CellPiece]| {
            for f in std::iter::once(field).chain(cell.iter().filter_map(|p| match p {
                CellPiece::Field { field, .. } => Some(*field),
                _ => None,
            })) {
                if let KpiField::Text(i) = f {
                    named.push(i);
                }
            }
        };
        match layout {
            KpiLayout::Block => {}
            KpiLayout::Table(columns) => columns.iter().for_each(|c| name(c.field, &c.cell)),
            KpiLayout::Rows { columns, rows, .. } => {
                columns.iter().for_each(|c| name(c.field, &c.cell));
                rows.iter().for_each(|r| name(r.field, &r.cell));
            }
            KpiLayout::Each { rows, beside, .. } => {
                rows.iter().for_each(|r| name(r.field, &r.cell));
                beside.iter().for_each(|f| name(*f, &[]));
            }
        }
        let around = items
            .above
            .iter()
            .chain(&items.below)
            .flat_map(|r| &r.items);
        around
            .chain(&items.across)
            .for_each(|r| name(r.field, &r.cell));
        let at = s.span_of("texts").unwrap_or_else(|| s.span.clone());
        let block = matches!(layout, KpiLayout::Block);
        for (_, t) in texts.iter().enumerate().filter(|(i, _)| !named.contains(i)) {
            // A block of each KPI (`layout = "block"`) prints no text of the city's.
            let message = match block {
                true => Message::new(
                    format!(
                        "指標の文章「{}」（{}）は、指標ごとの囲み（layout = \"block\"）には印字されないので、どこにも印字されません。シートの形に合わせて layout = \"table\"・\"rows\"・\"each\" にし、{{ field = \"{}\", heading = \"…\" }} をその行・列・ラベル付きの欄に書いてください",
                        t.name, t.key, t.key
                    ),
                    format!(
                        "the KPI text \"{}\" ({}) is printed nowhere: a block of each KPI (layout = \"block\") prints no city's text; use the layout of the sheet (\"table\", \"rows\", \"each\") and add {{ field = \"{}\", heading = \"…\" }} to its rows, columns or labelled cells",
                        t.name, t.key, t.key
                    ),
                ),
                false => Message::new(
                    format!(
                        "指標の文章「{}」（{}）は、どの行・列・ラベル付きの欄（above、below、across）にも置かれていないので、どこにも印字されません。シートが印字する場所に {{ field = \"{}\", heading = \"…\" }} を書いてください",
                        t.name, t.key, t.key
                    ),
                    format!(
                        "the KPI text \"{}\" ({}) is named by no row, column or labelled cell (above, below, across), so it is printed nowhere; add {{ field = \"{}\", heading = \"…\" }} where the sheet prints it",
                        t.name, t.key, t.key
                    ),
                ),
            };
            self.ctx
                .warning(at.clone(), &format!("{}.texts", s.path), message);
        }
    }

    /// `texts` of the KPI block: the texts of each KPI's own the city names, each
    /// `{ key, name }` (瑞浪市's 指標と目的の関連性: `{ key = "kanren", name = "指標と目的の
    /// 関連性" }`). A key of a KPI's built-in fields, written twice or not in ASCII
    /// letters, digits and _, or an empty name, is an error at it.
    fn kpi_texts(&self, s: &mut Table<'a>) -> Vec<KpiText> {
        let mut texts: Vec<KpiText> = Vec::new();
        for mut t in s.tables("texts") {
            let key = t.required_string("key");
            let name = t.required_string("name");
            let path = t.path.clone();
            t.finish();
            let (Some(key), Some(name)) = (key, name) else {
                continue;
            };
            let said = if !(key.value.chars()).all(|c| c.is_ascii_alphanumeric() || c == '_')
                || key.value.is_empty()
            {
                Some((
                    format!(
                        "指標の texts の key「{}」は半角英数字と _ で書いてください",
                        key.value
                    ),
                    format!(
                        "the key \"{}\" of a KPI text must use ASCII letters, digits and _",
                        key.value
                    ),
                ))
            } else if KPI_CONTENT_KEYS.contains(&key.value.as_str())
                || KPI_FIELDS.iter().any(|(n, _)| *n == key.value)
            {
                Some((
                    format!(
                        "指標の texts の key「{}」は kensho の指標の欄の名前です。別の名前にしてください",
                        key.value
                    ),
                    format!(
                        "the key \"{}\" of a KPI text is the name of one of kensho's KPI fields: choose another",
                        key.value
                    ),
                ))
            } else if texts.iter().any(|x| x.key == key.value) {
                Some((
                    format!("指標の texts の key「{}」が二度書かれています", key.value),
                    format!("the key \"{}\" of a KPI text is written twice", key.value),
                ))
            } else {
                None
            };
            if let Some((ja, en)) = said {
                self.error(key.span, &format!("{path}.key"), ja, en);
                continue;
            }
            if name.value.trim().is_empty() {
                self.error(
                    name.span,
                    &format!("{path}.name"),
                    "指標の texts の name が空です。シートが印字しているその欄の名前を書いてください（公開データの見出しになります）".to_string(),
                    "the name of a KPI text is empty: write the label the sheet prints for it (the open data's heading)".to_string(),
                );
                continue;
            }
            texts.push(KpiText {
                key: key.value,
                name: name.value,
            });
        }
        *self.kpi_texts.borrow_mut() = texts.iter().map(|t| t.key.clone()).collect();
        texts
    }

    /// The KPI field `field` names among `names` (a column's, a row's, a labelled cell's),
    /// else an error at it naming the closest, in the words `said` gives from the name
    /// written, the hint and the names (ja, en).
    fn kpi_field(
        &self,
        field: &Located<String>,
        names: &[&str],
        path: &str,
        said: impl Fn(&str, &str, &str, &str, &str) -> (String, String),
    ) -> Option<KpiField> {
        let found = (KPI_FIELDS.iter()).find(|(n, _)| *n == field.value && names.contains(n));
        if let Some((_, f)) = found {
            return Some(*f);
        }
        // A text of the KPI's own the block names (`texts`): one cell, as `definition`.
        let texts = self.kpi_texts.borrow();
        if names.contains(&"definition")
            && let Some(i) = texts.iter().position(|k| *k == field.value)
        {
            return Some(KpiField::Text(i));
        }
        let names: Vec<&str> = (names.iter().copied())
            .chain(
                texts
                    .iter()
                    .map(String::as_str)
                    .filter(|_| names.contains(&"definition")),
            )
            .collect();
        let names = &names[..];
        let (hja, hen) = hint(&field.value, names.iter().copied());
        let (ja, en) = said(
            &field.value,
            &hja,
            &hen,
            &names.join(" / "),
            &names.join(", "),
        );
        self.error(field.span.clone(), &format!("{path}.field"), ja, en);
        None
    }

    /// The `year` of a KPI table's grade column: one year, the report year's or one
    /// before it (a plan year has no grade: `grades` refuses one); else an error at it.
    fn grade_column_year(&self, l: Located<String>, field: &str) -> Option<ColumnYear> {
        if matches!(l.value.as_str(), "each" | "every" | "base" | "final") {
            self.error(
                l.span,
                field,
                "指標の表の評価の列（field = \"grade\"）の year は一つの年度（\"H28\" など）、\"report\" か \"report-1\" です。書かなければ報告年度の評価です".to_string(),
                "the year of a KPI table's grade column (field = \"grade\") is one year (\"H28\" …), \"report\" or \"report-1\"; without it, the report year's grade".to_string(),
            );
            return None;
        }
        let year = self.column_year(&l, field)?;
        let report = self.config.report_year;
        if year.resolve(report).is_some_and(|y| y > report) {
            self.error(
                l.span,
                field,
                "指標の表の評価の列の year は報告年度かそれより前の年度です（計画の年度に評価はありません）".to_string(),
                "the year of a KPI table's grade column is the report year or one before it (a plan year has no grade)".to_string(),
            );
            return None;
        }
        Some(year)
    }

    /// `cell` kept where the table draws it: on a `phase` or `year` column of `layout =
    /// "rows"` and on the row of years or of figures of `"each"`, an error at it.
    fn pattern_where_drawn(
        &self,
        c: &Table<'a>,
        cell: Vec<CellPiece>,
        drawn: bool,
    ) -> Vec<CellPiece> {
        if drawn || cell.is_empty() {
            return cell;
        }
        self.error(
            c.span_of("cell").unwrap_or(c.span.clone()),
            &format!("{}.cell", c.path),
            "cell はこの列・行には書けません。layout = \"rows\" の phase・year の列（年度の欄は行の cell で書きます）と、\"each\" の year・figures の行は、その欄を自分で描きます".to_string(),
            "cell cannot go on this column or row: the phase and year columns of layout = \"rows\" (the years' cells take their row's cell) and the year and figures rows of \"each\" draw their own cells".to_string(),
        );
        Vec::new()
    }

    /// `cell` of a KPI table's column or row: the cell as the sheet prints it, words with
    /// the KPI's facts in braces (`"{name}\n{base_year_short}年{base}→{target_year_short}年
    /// {final_target}"`), each drawn as its own column would draw it. An unknown name, an
    /// unclosed brace or a pattern of no fact is an error at it.
    fn kpi_cell_pattern(&self, c: &mut Table<'a>) -> Vec<CellPiece> {
        let Some(l) = c.string("cell") else {
            return Vec::new();
        };
        let path = format!("{}.cell", c.path);
        let refuse = |ja: String, en: String| {
            self.error(l.span.clone(), &path, ja, en);
            Vec::new()
        };
        let texts = self.kpi_texts.borrow().clone();
        let known = |name: &str| -> Option<CellPiece> {
            match name {
                "n" => return Some(CellPiece::Place { circled: false }),
                "n_circled" => return Some(CellPiece::Place { circled: true }),
                _ => {}
            }
            let (name, short) = match name.strip_suffix("_short") {
                Some(n) if matches!(n, "base_year" | "target_year") => (n, true),
                _ => (name, false),
            };
            let field = (KPI_FIELDS.iter())
                .find(|(n, f)| {
                    *n == name && !matches!(f, KpiField::Phase | KpiField::Year | KpiField::Figures)
                })
                .map(|(_, f)| *f)
                .or_else(|| texts.iter().position(|t| t == name).map(KpiField::Text))?;
            Some(CellPiece::Field { field, short })
        };
        let mut pieces = Vec::new();
        let mut rest = l.value.as_str();
        while let Some(open) = rest.find('{') {
            if open > 0 {
                pieces.push(CellPiece::Words(rest[..open].to_string()));
            }
            let Some(close) = rest[open..].find('}') else {
                return refuse(
                    format!(
                        "cell の「{{」に対になる「}}」がありません（「{}」）",
                        l.value
                    ),
                    format!("a \"{{\" in cell has no closing \"}}\" (\"{}\")", l.value),
                );
            };
            let name = &rest[open + 1..open + close];
            match known(name) {
                Some(p) => pieces.push(p),
                None => {
                    let names: Vec<&str> = (KPI_FIELDS.iter())
                        .filter(|(_, f)| {
                            !matches!(f, KpiField::Phase | KpiField::Year | KpiField::Figures)
                        })
                        .map(|(n, _)| *n)
                        .chain(["base_year_short", "target_year_short", "n", "n_circled"])
                        .chain(texts.iter().map(String::as_str))
                        .collect();
                    let (hja, hen) = hint(name, names.iter().copied());
                    return refuse(
                        format!(
                            "cell の「{{{name}}}」は指標の値の名前ではありません。{hja}{} のどれかを {{ }} で囲みます",
                            names.join(" / ")
                        ),
                        format!(
                            "\"{{{name}}}\" in cell is not a KPI's fact; {hen}write one of {} in braces",
                            names.join(", ")
                        ),
                    );
                }
            }
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(CellPiece::Words(rest.to_string()));
        }
        let stray = pieces
            .iter()
            .any(|p| matches!(p, CellPiece::Words(w) if w.contains('}')));
        if stray {
            return refuse(
                format!(
                    "cell の「}}」に対になる「{{」がありません（「{}」）",
                    l.value
                ),
                format!("a \"}}\" in cell has no opening \"{{\" (\"{}\")", l.value),
            );
        }
        if !pieces.iter().any(|p| !matches!(p, CellPiece::Words(_))) {
            return refuse(
                "cell には指標の値の名前を一つ以上 { } で囲んで書きます（例: cell = \"{actual}({target})\"）。決まった語だけなら heading に書きます".to_string(),
                "cell holds at least one of the KPI's facts in braces (e.g. cell = \"{actual}({target})\"); words alone belong in heading".to_string(),
            );
        }
        pieces
    }

    /// `empty = "shown"` (the heading over an empty cell) or `"left_out"` (the default).
    pub(super) fn empty(&self, s: &mut Table<'a>) -> bool {
        match s.string("empty") {
            None => false,
            Some(l) if l.value == "shown" => true,
            Some(l) if l.value == "left_out" => false,
            Some(l) => {
                self.error(
                    l.span,
                    &format!("{}.empty", s.path),
                    format!("empty は \"shown\"（空でも見出しを出す）か \"left_out\"（空なら出さない）です（「{}」）", l.value),
                    format!("empty must be \"shown\" (the heading over an empty cell) or \"left_out\"; found \"{}\"", l.value),
                );
                false
            }
        }
    }

    /// `files = true` (and the like): the kind's key holds true.
    pub(super) fn flag_kind(&self, s: &mut Table<'a>, key: &'static str) {
        let path = s.path.clone();
        if let Some(l) = s.flag(key)
            && !l.value
        {
            self.error(
                l.span,
                &format!("{path}.{key}"),
                format!("{key} = false の区分は書かずに、区分ごと消してください"),
                format!("instead of {key} = false, delete the section"),
            );
        }
    }

    /// `sheets = true` on a list of `listing` (each page listed drawn with its own form),
    /// recorded to be checked once every form is read (the form drawing them exists);
    /// the list's own keys (`list_keys`) beside it are an error at each.
    fn listed_sheets(
        &self,
        s: &mut Table<'a>,
        path: &str,
        listing: Listing,
        list_keys: &[&str],
    ) -> bool {
        let sheets = s.flag("sheets").is_some_and(|l| l.value);
        let Some(span) = s.span_of("sheets").filter(|_| sheets) else {
            return false;
        };
        let form = path.split('.').nth(1).unwrap_or("").to_string();
        (self.sheets.borrow_mut()).push((span, format!("{path}.sheets"), listing, form));
        let (ja, en) = match listing {
            Listing::Programs => ("各事業", "programs"),
            Listing::Children => ("下の階層の計画のファイル", "the nodes below"),
        };
        for &key in list_keys {
            if let Some(span) = s.span_of(key) {
                self.error(
                    span,
                    &format!("{path}.{key}"),
                    format!("{key} は一覧のものです。{ja}をその様式で描く一覧（sheets = true）には書けません"),
                    format!("{key} belongs to a list: not for {en} drawn with their own form (sheets = true)"),
                );
            }
        }
        true
    }

    /// `columns` of a list: each a name (`"title"`, kensho's heading) or a table with its
    /// heading as printed (`{ key = "title", heading = "主要事務事業" }`); the names are
    /// kept to be checked (`check_listed`).
    pub(super) fn list_columns(&self, s: &mut Table<'a>, listing: Listing) -> Vec<ListColumn> {
        let field = format!("{}.columns", s.path);
        let Some(v) = s.value("columns") else {
            return Vec::new();
        };
        let Value::Array(items) = &v.node.value else {
            type_error(
                self.ctx,
                &field,
                v.node,
                (
                    "列の並び（\"title\" か { key = \"title\", heading = \"…\" }）",
                    "an array of columns (\"title\" or { key = \"title\", heading = \"…\" })",
                ),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = crate::diag::nth(&field, i);
            let (key, heading, group, once, at) = match &item.value {
                Value::String(k) => {
                    self.ctx.check_bidi(&item.span, &at, k);
                    let key = Located {
                        value: k.clone(),
                        span: item.span.clone(),
                    };
                    (key, None, None, false, at)
                }
                Value::Table(t) => {
                    let mut c = Table::new(self.ctx, t, at.clone(), item.span.clone());
                    let key = c.required_string("key");
                    let heading = c.string("heading").map(|l| l.value);
                    let group = c.string("group").map(|l| l.value);
                    let once = self.list_once(&mut c, key.as_ref(), listing);
                    c.finish();
                    let Some(key) = key else {
                        continue;
                    };
                    (key, heading, group, once, format!("{at}.key"))
                }
                _ => {
                    type_error(
                        self.ctx,
                        &at,
                        item,
                        (
                            "列の名前の文字列か { key = \"…\", heading = \"…\" }",
                            "a column name or { key = \"…\", heading = \"…\" }",
                        ),
                    );
                    continue;
                }
            };
            if listing == Listing::Children
                && heading.is_none()
                && ListColumn::kpi_field(&key.value).is_some()
            {
                self.error(
                    key.span.clone(),
                    &at,
                    format!("指標の列「{}」には、シートに印字された見出し heading を書きます（例: {{ key = \"{}\", heading = \"数値目標\" }}。見出しのない列は heading = \"\"）", key.value, key.value),
                    format!("the KPI column \"{}\" needs its heading as printed (e.g. {{ key = \"{}\", heading = \"数値目標\" }}; heading = \"\" for none)", key.value, key.value),
                );
            }
            self.listed.borrow_mut().push((listing, key.clone(), at));
            out.push(ListColumn {
                key: key.value,
                heading,
                group,
                once,
            });
        }
        out
    }

    /// Each column of a `children` or `programs` section: a built-in field of what it
    /// lists (code, title …), an item of its form, or for programs a row of the program
    /// form's table, `"table.row"`, of a year, `"table.row@report"`.
    pub(super) fn check_listed(&self, forms: &[Form], fallback: &[Form]) {
        let all = || forms.iter().chain(fallback);
        let items = |f: &'_ Form| -> Vec<String> {
            (f.sections.iter())
                .filter_map(|s| match s {
                    Section::Item(i) => Some(i.key.clone()),
                    _ => None,
                })
                .collect()
        };
        // A text is a column where the form is the site's own (its cell the text as written).
        let texts = |f: &'_ Form| -> Vec<String> {
            (f.sections.iter())
                .filter_map(|s| match s {
                    Section::Text(t) if !f.builtin => Some(t.key.clone()),
                    _ => None,
                })
                .collect()
        };
        let program = all().find(|f| f.target == Target::Programs);
        for (listing, l, field) in self.listed.borrow().iter() {
            // A column of one year (`"results@report"`): a text or an item of each year,
            // or a built-in field of a program year; its year is checked here.
            let (name, year) = ListColumn::split(&l.value);
            if *listing == Listing::Children
                && let Some(kpi) = name.strip_prefix("kpi.")
            {
                self.list_kpi_column(l, kpi, year, field);
                continue;
            }
            if let Some(year) = year
                && !name.contains('.')
            {
                let of_year = match listing {
                    Listing::Children => {
                        per_year_keys(all().filter(|f| f.target != Target::Programs))
                    }
                    Listing::Programs => {
                        let mut keys = per_year_keys(program.into_iter());
                        keys.extend(["status", "direction", "funding"].map(String::from));
                        keys
                    }
                };
                if of_year.iter().any(|k| k == name) {
                    self.one_year(l, year, field);
                    continue;
                }
                let (hja, hen) = hint(name, of_year.iter().map(String::as_str));
                self.error(
                    l.span.clone(),
                    field,
                    format!(
                        "一覧の列「{}」: @ の前には年度ごとの文章か項目を書きます。{hja}使える列: {}",
                        l.value,
                        of_year.join(", ")
                    ),
                    format!(
                        "list column \"{}\": before the @ goes a text or an item of each year; {hen}expected one of {}",
                        l.value,
                        of_year.join(", ")
                    ),
                );
                continue;
            }
            let (builtins, own): (&[&str], Vec<String>) = match listing {
                Listing::Children => (
                    &["code", "title", "grade", "departments"],
                    all()
                        .filter(|f| f.target != Target::Programs)
                        .flat_map(|f| items(f).into_iter().chain(texts(f)))
                        .collect(),
                ),
                Listing::Programs => (
                    &[
                        "code",
                        "title",
                        "departments",
                        "account",
                        "funding",
                        "period",
                        "status",
                        "direction",
                    ],
                    program
                        .map(|f| items(f).into_iter().chain(texts(f)).collect())
                        .unwrap_or_default(),
                ),
            };
            let name = l.value.as_str();
            if builtins.contains(&name) || own.iter().any(|o| o == name) {
                continue;
            }
            if *listing == Listing::Programs
                && let Some(program) = program
                && self.table_cell(program, l, field)
            {
                continue;
            }
            let mut known: Vec<&str> = builtins.to_vec();
            for o in &own {
                if !known.contains(&o.as_str()) {
                    known.push(o);
                }
            }
            let (hja, hen) = hint(name, known.iter().copied());
            let row = if *listing == Listing::Programs && name.starts_with("kpi.") {
                (
                    "、事業の様式の表の行（\"表.行\"）。指標の列（kpi.…）は子の一覧（children）のものです",
                    ", or a row of the program form's table (\"table.row\"); a KPI column (kpi.…) belongs to a children list",
                )
            } else if *listing == Listing::Programs {
                (
                    "、事業の様式の表の行（\"表.行\"、年度は \"表.行@report\"）",
                    ", or a row of the program form's table (\"table.row\", of a year \"table.row@report\")",
                )
            } else {
                ("", "")
            };
            self.error(
                l.span.clone(),
                field,
                format!(
                    "一覧の列「{name}」はありません。{hja}使える列: {}{}",
                    known.join(", "),
                    row.0
                ),
                format!(
                    "no column \"{name}\" for this list; {hen}expected one of {}{}",
                    known.join(", "),
                    row.1
                ),
            );
        }
    }

    /// A KPI column of a children list, `"kpi.<field>"` (`kpi` the field): one of
    /// [`ListColumn::kpi_fields`], of one year after `@` only for the fields of each year.
    fn list_kpi_column(&self, l: &Located<String>, kpi: &str, year: Option<&str>, field: &str) {
        let Some(f) = ListColumn::kpi_field(&l.value) else {
            let names: Vec<&str> = ListColumn::kpi_fields().collect();
            let (hja, hen) = hint(kpi, names.iter().copied());
            self.error(
                l.span.clone(),
                field,
                format!(
                    "一覧の列「{}」: 子の指標の項目「{kpi}」はありません。{hja}kpi. の後は {} のどれかです",
                    l.value,
                    names.join(", ")
                ),
                format!(
                    "list column \"{}\": the children's KPIs have no field \"{kpi}\"; {hen}after kpi. goes one of {}",
                    l.value,
                    names.join(", ")
                ),
            );
            return;
        };
        let Some(year) = year else {
            return;
        };
        if f.row_by_year() {
            self.one_year(l, year, field);
        } else {
            self.error(
                l.span.clone(),
                field,
                format!("一覧の列「{}」: @ で年度を選べるのは年度ごとの値（kpi.actual、kpi.target、kpi.rate、kpi.grade）だけです。「{kpi}」は指標に一つです", l.value),
                format!("list column \"{}\": only a value of each year (kpi.actual, kpi.target, kpi.rate, kpi.grade) takes a year after @; a KPI has one \"{kpi}\"", l.value),
            );
        }
    }

    /// Whether `l` names a fixed row of a table of the program form, `"table.row"` with
    /// an optional `@year`; a year that cannot be read is reported here.
    pub(super) fn table_cell(&self, program: &Form, l: &Located<String>, field: &str) -> bool {
        let (cell, year) = ListColumn::split(&l.value);
        let Some((table, row)) = cell.split_once('.') else {
            return false;
        };
        let named = program.table(table).and_then(|t| t.row(row));
        let found = named.is_some_and(|r| !r.list);
        // A row across its table has one cell, of no year's phase: no list column's.
        if named.is_some_and(|r| r.across) {
            self.error(
                l.span.clone(),
                field,
                format!("一覧の列「{}」: 行「{row}」は表の列をまたぐ一つのセル（across = true）なので、一覧の列にはできません", l.value),
                format!("list column \"{}\": row \"{row}\" is one cell across its table (across = true), so it cannot be a list's column", l.value),
            );
            return true;
        }
        if found && let Some(year) = year {
            self.one_year(l, year, field);
        }
        found
    }

    /// The year after a list column's `@`: one year (`"report"`, `"report+1"`, `"R03"`).
    fn one_year(&self, l: &Located<String>, year: &str, field: &str) {
        let y = Located {
            value: year.to_string(),
            span: l.span.clone(),
        };
        if matches!(
            self.column_year(&y, field),
            Some(ColumnYear::Each | ColumnYear::Every)
        ) {
            self.error(
                l.span.clone(),
                field,
                format!("「{}」の @ の後には一つの年度（\"report\"、\"report-1\"、\"R03\" など）を書きます", l.value),
                format!("after the @ of \"{}\" goes one year (\"report\", \"report-1\", \"R03\" …)", l.value),
            );
        }
    }

    /// `heading`: as printed, `""` for none; `None` unless written. For a key of the
    /// city's (`own`), a heading is needed.
    pub(super) fn heading(&self, s: &mut Table<'a>, own: Option<&str>) -> Heading {
        match s.string("heading") {
            Some(l) => Heading::Printed(l.value),
            None => {
                if let Some(key) = own
                    && s.span_of("heading").is_none()
                {
                    self.no_heading(s, key);
                }
                Heading::Builtin
            }
        }
    }

    /// A section of the city's key without `heading`.
    pub(super) fn no_heading(&self, s: &Table<'a>, key: &str) {
        self.error(
            s.span.clone(),
            &format!("{}.heading", s.path),
            format!("「{key}」に見出し heading がありません。シートに印刷された見出しを書いてください（見出しのない欄は heading = \"\"）"),
            format!("\"{key}\" has no heading: write the heading the sheet prints (heading = \"\" for a field without one)"),
        );
    }

    /// `per = "year"`.
    pub(super) fn per_year(&self, s: &mut Table<'a>) -> bool {
        self.one_word(
            s,
            "per",
            "year",
            (
                "年度ごとの欄。年度ごとでない欄には per を書きません",
                "a field of each year; leave per out for a field that is not per year",
            ),
        )
    }

    /// `{ text = KEY, heading, per, empty }`.
    pub(super) fn text(&self, s: &mut Table<'a>, node: bool) -> Option<Section> {
        let path = s.path.clone();
        let Some(key) = s.string("text") else {
            s.read_rest();
            return None;
        };
        let per_year = self.per_year(s);
        if !self.key_ok(
            key.span.clone(),
            &format!("{path}.text"),
            &key.value,
            TEXT_KEY,
        ) {
            s.entry("heading");
            return None;
        }
        let place = text_place(node, per_year);
        let own = !self.builtin && !place.is_builtin(&key.value);
        let heading = self.heading(s, own.then_some(key.value.as_str()));
        if own && heading == Heading::Builtin {
            // Said (no heading, or not a string): kensho has no label for the city's key.
            return None;
        }
        if let Heading::Printed(h) = &heading
            && h.contains(['{', '}'])
            && !self.year_heading_ok(s, h, per_year)
        {
            return None;
        }
        if place.others().contains(&key.value.as_str()) {
            self.error(
                key.span,
                &format!("{path}.text"),
                format!("欄の key「{}」は {} の文章でない項目と同じ名前なので使えません。別の名前にしてください（文章の欄: {}）", key.value, place.name(), place.builtins().join(", ")),
                format!("field key \"{}\" is a non-text field of {}; choose another name (its text fields: {})", key.value, place.name(), place.builtins().join(", ")),
            );
            return None;
        }
        Some(Section::Text(Text {
            key: key.value,
            heading,
            per_year,
        }))
    }

    /// A text's or an item's heading naming its year (`{year}`, `{year_short}`,
    /// `{year_number}`: 結城市's 「【平成{year_number}年度 事業内容】」, 川越市's
    /// 「平成{year_number}年度 実績」), which only a text or an item of each year has.
    fn year_heading_ok(&self, s: &Table<'a>, h: &str, per_year: bool) -> bool {
        let field = format!("{}.heading", s.path);
        let span = s.span_of("heading").unwrap_or_else(|| s.span.clone());
        let l = Located {
            value: h.to_string(),
            span: span.clone(),
        };
        if !self.heading_ok(&l, &field, None) {
            return false;
        }
        if !per_year {
            self.error(
                span,
                &field,
                format!("見出し「{h}」の {{year}} は、年度ごとの文章（per = \"year\"）の見出しに書きます。年度ごとに、その年度を入れた見出しの下に文章を印字します"),
                format!("the {{year}} of heading \"{h}\" is for a text of each year (per = \"year\"): each year's text is printed under the heading with its year in it"),
            );
            return false;
        }
        true
    }

    /// `{ item = KEY, heading, kind, scale, words, per }`.
    pub(super) fn item(&self, s: &mut Table<'a>, node: bool) -> Option<Section> {
        let path = s.path.clone();
        let Some(key) = s.string("item") else {
            s.read_rest();
            return None;
        };
        let per_year = self.per_year(s);
        let written_heading = s.span_of("heading").is_some();
        let heading = s.string("heading").map(|l| Heading::Printed(l.value));
        // A heading naming its value's year, as a text's of each year may.
        if let Some(Heading::Printed(h)) = &heading
            && h.contains(['{', '}'])
        {
            self.year_heading_ok(s, h, per_year);
        }
        let kind = s.required_string("kind");
        let scale = self.scale(s);
        let words_written = s.span_of("words").is_some();
        let (words, under) = self.words(s).unzip();
        let under = under.unwrap_or_default();
        let unit = s.string("unit");
        let before = s.string("before");
        let as_written = s.flag("as_written");
        let marks = self.marks(s);
        let grades = self.grades(s, scale.as_deref());
        let chosen = self.grade_pattern(s, "chosen", scale.as_deref());
        let legend = s.flag("legend");
        let many = self.choose(s, words.as_ref());
        let (of, format) = self.name_options(s, &key.value, node);
        let mut inside = self.inside_of(s, false);
        // `after = "あり"`: the word of the host's words it is printed after.
        let after = s.string("after");
        match (&mut inside, after) {
            (Some((i, _)), Some(a)) => {
                i.after = Some(a.value.clone());
                self.item_insides.borrow_mut().push(relations::ItemHost {
                    guest: key.value.clone(),
                    host: i.row.clone(),
                    at: a.span,
                    field: format!("{path}.after"),
                    per_year,
                    after: Some(a.value),
                });
            }
            (None, Some(a)) => self.error(
                a.span,
                &format!("{path}.after"),
                "after は、ほかの項目のセルの中に印字される項目（inside と printed のある項目）に書きます。その項目の語のうち、この項目を後に印字する語です".to_string(),
                "after goes with inside and printed: the word of the host item's words this item is printed after".to_string(),
            ),
            _ => {}
        }
        // An item inside another prints its `printed` form alone: words around it go there.
        let around = [("before", &before), ("unit", &unit)];
        for (name, l) in around.iter().filter(|_| inside.is_some()) {
            let Some(l) = l else { continue };
            self.error(
                l.span.clone(),
                &format!("{path}.{name}"),
                format!("ほかの項目の中に印字される項目（inside）は printed の形だけを印字します。{name} の「{}」は printed に書いてください（例: printed = \" 平成{{value}}年度まで\"）", l.value),
                format!("an item printed inside another (inside) prints its printed form alone: write {name}'s \"{}\" in printed (e.g. printed = \" 平成{{value}}年度まで\")", l.value),
            );
        }
        if let Some((i, at)) = &inside {
            self.item_insides.borrow_mut().push(relations::ItemHost {
                guest: key.value.clone(),
                host: i.row.clone(),
                at: at.clone(),
                field: format!("{path}.inside"),
                per_year,
                after: None,
            });
        }
        if let (false, Some(span)) = (many || under.is_empty(), s.span_of("words")) {
            self.error(
                span,
                &format!("{path}.words"),
                "語の下の語（{ word = \"一部\", words = [\"上乗せ\", …] }）は、その上の語と一緒に選ばれる語です。この項目に choose = \"many\" と書き、内容では両方を書いてください（例: [\"一部\", \"上乗せ\"]）".to_string(),
                "words under a word ({ word = \"一部\", words = [\"上乗せ\", …] }) are chosen together with it: write choose = \"many\" on the item, and both in the content (e.g. [\"一部\", \"上乗せ\"])".to_string(),
            );
        }
        let meaning = s.string("meaning");
        let meaning_shown = match &meaning {
            None => false,
            Some(l) if l.value == "shown" => true,
            Some(l) if l.value == "hidden" => false,
            Some(l) => {
                self.error(
                    l.span.clone(),
                    &format!("{path}.meaning"),
                    format!("meaning は \"shown\"（評価の意味を評価の下に印字のとおり出す）か \"hidden\"（読み上げだけ、既定）です（「{}」）", l.value),
                    format!("meaning must be \"shown\" (the grade's meaning printed under it, as the sheet does) or \"hidden\" (only read out, the default); found \"{}\"", l.value),
                );
                false
            }
        };
        let kind = kind.and_then(|l| {
            let field = format!("{path}.kind");
            let kind = match l.value.as_str() {
                "grade" => ItemKind::Grade(scale.clone()),
                "word" => match words.clone() {
                    Some(w) => ItemKind::Word(w),
                    None if words_written => return None,
                    None => {
                        self.error(
                            l.span.clone(),
                            &field,
                            "kind = \"word\" の項目には words を書いてください: \"statuses\"、\"directions\" か語の一覧（例: words = [\"拡充\", \"継続\"]）".to_string(),
                            "an item of kind = \"word\" needs words: \"statuses\", \"directions\" or a list (e.g. words = [\"拡充\", \"継続\"])".to_string(),
                        );
                        return None;
                    }
                },
                "text" => ItemKind::Text,
                "amount" => ItemKind::Amount,
                "number" => ItemKind::Number,
                "date" => ItemKind::Date,
                "period" => ItemKind::Period,
                "flag" => ItemKind::Flag,
                other => {
                    let (hja, hen) = hint(other, ITEM_KINDS);
                    self.error(
                        l.span.clone(),
                        &field,
                        format!("項目の種類「{other}」は使えません。{hja}{} のどれかです", ITEM_KINDS.join(" / ")),
                        format!("item kind \"{other}\" is not known; {hen}expected one of {}", ITEM_KINDS.join(", ")),
                    );
                    return None;
                }
            };
            let figure = matches!(kind, ItemKind::Number | ItemKind::Amount);
            let printed = matches!(kind, ItemKind::Text | ItemKind::Date | ItemKind::Period);
            let misplaced = [
                ("scale", scale.is_some() && !matches!(kind, ItemKind::Grade(_)), "grade"),
                ("words", words.is_some() && !matches!(kind, ItemKind::Word(_)), "word"),
                ("unit", unit.is_some() && !figure && !printed, "number\", \"amount\", \"text\", \"date\", \"period"),
                ("before", before.is_some() && !figure && !printed, "number\", \"amount\", \"text\", \"date\", \"period"),
                ("as_written", as_written.as_ref().is_some_and(|f| f.value) && !figure, "number\", \"amount"),
                ("grades", grades.is_some() && !matches!(kind, ItemKind::Grade(_)), "grade"),
                ("chosen", chosen.is_some() && !matches!(kind, ItemKind::Grade(_)), "grade"),
                ("legend", legend.as_ref().is_some_and(|f| f.value) && !matches!(kind, ItemKind::Grade(_)), "grade"),
                ("choose", many && !matches!(kind, ItemKind::Word(_)), "word"),
                ("meaning", meaning.is_some() && !matches!(kind, ItemKind::Grade(_)), "grade"),
            ];
            // Marks stand before every word a sheet prints: a word item's, or a grade item's
            // grades where it prints them all (`grades`).
            let grades_marked = matches!(kind, ItemKind::Grade(_)) && grades.is_some();
            if marks.is_some() && !matches!(kind, ItemKind::Word(_)) && !grades_marked {
                self.error(
                    s.span_of("marks").unwrap_or(l.span.clone()),
                    &format!("{path}.marks"),
                    "marks は kind = \"word\" の項目か、尺度の評価をすべて印字する評価の項目（kind = \"grade\" で grades のあるもの）にだけ書けます".to_string(),
                    "marks is only for an item of kind = \"word\", or of kind = \"grade\" printing every grade of its scale (with grades)".to_string(),
                );
            }
            if legend.as_ref().is_some_and(|f| f.value) && matches!(kind, ItemKind::Grade(_)) && grades.is_none() {
                self.error(
                    s.span_of("legend").unwrap_or(l.span.clone()),
                    &format!("{path}.legend"),
                    "legend = true は、尺度の評価をすべて印字する評価の項目（grades のあるもの）に書きます。grades に印字の形を書いてください（例: grades = \"{key}:{meaning}\"）".to_string(),
                    "legend = true is for a grade item printing every grade of its scale: write how each is printed in grades (e.g. grades = \"{key}:{meaning}\")".to_string(),
                );
            }
            for (option, wrong, for_kind) in misplaced {
                if wrong {
                    self.error(
                        s.span_of(option).unwrap_or(l.span.clone()),
                        &format!("{path}.{option}"),
                        format!("{option} は kind = \"{for_kind}\" の項目にだけ書けます"),
                        format!("{option} is only for an item of kind = \"{for_kind}\""),
                    );
                }
            }
            Some(kind)
        });
        if !self.key_ok(
            key.span.clone(),
            &format!("{path}.item"),
            &key.value,
            TEXT_KEY,
        ) {
            return None;
        }
        let place = text_place(node, per_year);
        let kind = kind?;
        let builtin_item = self.compat_item(&key.value, &kind, per_year);
        let heading = match (heading, &inside) {
            (Some(h), _) => h,
            // Named in the open data by its printed words (「(換算人数 人)」).
            (None, Some((i, _))) => Heading::Printed(i.fill("").trim().to_string()),
            (None, None) => {
                // The page's code and title have no label of kensho's: the sheet's is needed.
                let own_label = !builtin_item || matches!(key.value.as_str(), "code" | "title");
                if !written_heading && !self.builtin && own_label {
                    self.no_heading(s, &key.value);
                }
                Heading::Builtin
            }
        };
        let taken = place.others().contains(&key.value.as_str()) || place.is_builtin(&key.value);
        if taken && !self.builtin && !builtin_item {
            let (ja, en) = match builtin_item_kind(&key.value, per_year) {
                Some((kind, _)) => (
                    format!(
                        "項目の key「{}」は kensho の決まった項目の名前です。その項目として使うなら {kind} と書き、別の内容なら別の名前にしてください",
                        key.value
                    ),
                    format!(
                        "item key \"{}\" is one of kensho's own fields: to show that field write {kind}; for anything else choose another name",
                        key.value
                    ),
                ),
                None => (
                    format!(
                        "項目の key「{}」は kensho の決まった欄の名前です（その値はページの決まった場所に出ます）。様式の項目にはできないので、別の名前にしてください",
                        key.value
                    ),
                    format!(
                        "item key \"{}\" is the name of one of kensho's own fields (the page shows its value in its own place), not an item of a form; choose another name",
                        key.value
                    ),
                ),
            };
            self.error(key.span, &format!("{path}.item"), ja, en);
            return None;
        }
        Some(Section::Item(Box::new(Item {
            key: key.value,
            heading,
            kind,
            per_year,
            builtin: self.builtin || builtin_item,
            unit: unit.map_or_else(String::new, |l| l.value),
            before: before.map_or_else(String::new, |l| l.value),
            as_written: as_written.is_some_and(|f| f.value),
            marks,
            many,
            meaning_shown,
            of,
            format,
            legend: legend.is_some_and(|f| f.value) && grades.is_some(),
            chosen,
            grades,
            under,
            inside: inside.map(|(i, _)| i),
        })))
    }

    /// `grades = "{key}) {meaning}"`: how a grade item prints each grade of its scale
    /// (寝屋川市's 「A) 税金を使う必要がある」): the sheet's own words around `{key}`,
    /// `{label}` and `{meaning}`. A pattern with no placeholder, another one, or a brace
    /// without its pair is an error; so is `{meaning}` over a scale (`scale`, where the
    /// item names one) with a grade whose meaning site.toml does not give.
    fn grades(&self, s: &mut Table<'a>, scale: Option<&str>) -> Option<String> {
        self.grade_pattern(s, "grades", scale)
    }

    /// A grade item's pattern `key` (`grades`: how each grade of the scale is printed;
    /// `chosen`: how the chosen one is), its placeholders `{key}`, `{label}`, `{meaning}`
    /// checked, each grade of the scale holding a meaning where `{meaning}` prints it.
    fn grade_pattern(
        &self,
        s: &mut Table<'a>,
        key: &'static str,
        scale: Option<&str>,
    ) -> Option<String> {
        let l = s.string(key)?;
        let field = format!("{}.{key}", s.path);
        // What the pattern prints, for the messages: every grade, or the chosen one.
        let (example, ja_what, en_what) = match key {
            "grades" => (
                "grades = \"{key}) {meaning}\"",
                "尺度の評価それぞれの",
                "each grade of the scale is",
            ),
            _ => (
                "chosen = \"「{key} {label}」\"",
                "選ばれた",
                "the chosen grade is",
            ),
        };
        let wrong = match grades_placeholders(&l.value) {
            Err((ja, en)) => Some((ja, en)),
            Ok(names) if names.is_empty() => Some((
                "評価を示す {key}、{label}、{meaning} のどれもありません".to_string(),
                "none of {key}, {label}, {meaning} is in it".to_string(),
            )),
            Ok(names) => {
                let sc = scale.and_then(|id| self.config.scale(id));
                let bare = (sc.filter(|_| names.contains(&"meaning")))
                    .and_then(|sc| sc.grades.iter().find(|g| g.meaning.trim().is_empty()));
                if let Some(g) = bare {
                    let id = scale.unwrap_or_default();
                    self.error(
                        l.span.clone(),
                        &field,
                        format!("{key} の {{meaning}} は評価の意味ですが、尺度「{id}」の評価「{}」に意味（meaning）がありません。シートが印字している意味を site.toml の [[scales.grades]] に meaning として書いてください", g.key),
                        format!("{key} prints each grade's {{meaning}}, but grade \"{}\" of scale \"{id}\" has none: write the meaning the sheet prints as its meaning in [[scales.grades]] of site.toml", g.key),
                    );
                    return None;
                }
                None
            }
        };
        if let Some((ja, en)) = wrong {
            self.error(
                l.span,
                &field,
                format!("{key} は{ja_what}評価の印字のしかたです（{ja}）。シートの語と {{key}}（評価の記号）、{{label}}（評価の名前）、{{meaning}}（評価の意味）で書いてください（例: {example}）"),
                format!("{key} is how {en_what} printed ({en}): write the sheet's words with {{key}} (the grade's key), {{label}} (its name) and {{meaning}} (its meaning), e.g. {example}"),
            );
            return None;
        }
        Some(l.value)
    }

    /// `choose = "many"`: the sheet asks for every word that applies, so content lists the
    /// chosen words; `"one"` (the default): one word. Only for the form's own list of
    /// words (statuses and directions are one word each), none holding 「、」 (the
    /// workbook joins the chosen words with it).
    fn choose(&self, s: &mut Table<'a>, words: Option<&Words>) -> bool {
        let Some(l) = s.string("choose") else {
            return false;
        };
        let field = format!("{}.choose", s.path);
        match l.value.as_str() {
            "one" => return false,
            "many" => {}
            other => {
                self.error(
                    l.span,
                    &field,
                    format!("choose は \"one\"（語を一つ選ぶ、既定）か \"many\"（当てはまる語をいくつも選ぶ）です（「{other}」）"),
                    format!("choose must be \"one\" (one chosen word, the default) or \"many\" (every word that applies); found \"{other}\""),
                );
                return false;
            }
        }
        match words {
            Some(Words::Statuses | Words::Directions) => {
                self.error(
                    l.span,
                    &field,
                    "choose = \"many\" は様式の語の一覧（words = [\"…\", …]）の項目にだけ書けます（目標達成状況と方向性は一つの語です）".to_string(),
                    "choose = \"many\" is only for an item with its own list of words (words = [\"…\", …]); a status or a direction is one word".to_string(),
                );
                false
            }
            Some(Words::List(list)) => match list.iter().find(|w| w.contains('、')) {
                Some(w) => {
                    self.error(
                        l.span,
                        &field,
                        format!("choose = \"many\" の項目の語には「、」を使えません（「{w}」）。ブック（Excel）では選んだ語を「、」でつないで一つのセルにするためです"),
                        format!("the words of an item choose = \"many\" cannot hold 「、」 (\"{w}\"): the workbook joins the chosen words with it in one cell"),
                    );
                    false
                }
                None => true,
            },
            None => true,
        }
    }

    /// `marks = ["■", "□"]`: the marks printed before the chosen word and before each
    /// other word of a `word` item (two marks, the chosen one not empty: the other may be
    /// `""`, 石岡市's 「新規 廃止」 printed bare where none is chosen).
    pub(super) fn marks(&self, s: &mut Table<'a>) -> Option<Marks> {
        let span = s.span_of("marks")?;
        let marks = s.strings("marks");
        match marks.as_slice() {
            [chosen, other] if !chosen.value.trim().is_empty() => Some(Marks {
                chosen: chosen.value.clone(),
                other: other.value.clone(),
            }),
            _ => {
                self.error(
                    span,
                    &format!("{}.marks", s.path),
                    "marks には、選ばれた語の前の印と、ほかの語の前の印の二つを書いてください（例: marks = [\"■\", \"□\"]。選ばれた語の印は空にできません。ほかの語が印なしなら \"\"）".to_string(),
                    "marks takes two marks: the one printed before the chosen word and the one before each other word (e.g. marks = [\"■\", \"□\"]; the chosen word's mark cannot be empty, the others' is \"\" where they are printed bare)".to_string(),
                );
                None
            }
        }
    }

    /// Whether an item is one of the built-in forms' items, declared as they declare it.
    pub(super) fn compat_item(&self, key: &str, kind: &ItemKind, per_year: bool) -> bool {
        builtin_item_kind(key, per_year).is_some_and(|(_, fits)| fits(kind))
    }

    /// `words`: "statuses", "directions" or a list of words.
    /// `words`: "statuses", "directions" or a list of words, in which a word may hold the
    /// words printed under it (`{ word = "一部", words = ["上乗せ", "横出し等"] }`): the
    /// list in its printed order, and each word under another with that word.
    pub(super) fn words(&self, s: &mut Table<'a>) -> Option<(Words, Vec<(String, String)>)> {
        let path = format!("{}.words", s.path);
        let v = s.value("words")?;
        match &v.node.value {
            Value::String(w) if w == "statuses" => Some((Words::Statuses, Vec::new())),
            Value::String(w) if w == "directions" => Some((Words::Directions, Vec::new())),
            Value::Array(nodes) if nodes.iter().any(|n| matches!(n.value, Value::Table(_))) => {
                let mut list = Vec::new();
                let mut under = Vec::new();
                for (i, node) in nodes.iter().enumerate() {
                    let at = crate::diag::nth(&path, i);
                    match &node.value {
                        Value::String(w) => list.push(w.clone()),
                        Value::Table(t) => {
                            let mut t = Table::new(self.ctx, t, at, node.span.clone());
                            let word = t.required_string("word");
                            let inner = t.strings("words");
                            if t.span_of("words").is_none() {
                                self.error(
                                    node.span.clone(),
                                    &format!("{}.words", t.path),
                                    "{ word = … } には、その語の下に印字される語を words = [\"…\", …] で書いてください".to_string(),
                                    "{ word = … } needs the words printed under it, as words = [\"…\", …]".to_string(),
                                );
                            }
                            t.finish();
                            let Some(word) = word else { continue };
                            list.push(word.value.clone());
                            for w in inner {
                                list.push(w.value.clone());
                                under.push((w.value, word.value.clone()));
                            }
                        }
                        _ => type_error(
                            self.ctx,
                            &at,
                            node,
                            (
                                "文字列か { word = …, words = […] }",
                                "a string or { word = …, words = […] }",
                            ),
                        ),
                    }
                }
                Some((Words::List(list), under))
            }
            Value::Array(_) => Some((
                Words::List(s.strings("words").into_iter().map(|l| l.value).collect()),
                Vec::new(),
            )),
            Value::String(w) => {
                let (hja, hen) = hint(w, ["statuses", "directions"]);
                self.error(
                    v.span(),
                    &path,
                    format!("words「{w}」は使えません。{hja}\"statuses\"（site.toml の [[statuses]]）、\"directions\"（site.toml の directions）か語の一覧 [\"…\", \"…\"] です"),
                    format!("words \"{w}\" is not known; {hen}expected \"statuses\" ([[statuses]] of site.toml), \"directions\" (directions of site.toml) or a list [\"…\", \"…\"]"),
                );
                None
            }
            _ => {
                type_error(
                    self.ctx,
                    &path,
                    v.node,
                    ("文字列か文字列の並び", "a string or an array of strings"),
                );
                None
            }
        }
    }

    /// `{ table = KEY }`: one of the form's tables.
    /// `beside = true` on a table section, a list of children or programs or the KPI
    /// block, with a heading: the heading a label beside it (長崎市's 個別施策 beside its
    /// two rows). On another kind or without a heading, an error saying where it belongs.
    fn table_beside(&self, s: &mut Table<'a>, kind: &str, heading: &Heading) -> bool {
        let span = s.span_of("beside");
        // The KPI block's `beside = "name"` is its own (the field beside each KPI's rows,
        // `layout = "each"`); `beside = true` there is its heading beside it, as a table's
        // (江田島市's 「重要業績 評価指標 (KPI)」 beside its grid).
        let kpis_label = kind == "kpis" && s.peek_flag("beside").is_some();
        let takes = matches!(kind, "table" | "children" | "programs") || kpis_label;
        // Only a table, the lists and the KPI block take `beside`; on another kind it is
        // read only to say where it belongs.
        if !takes && (span.is_none() || kind == "kpis") {
            return false;
        }
        let Some(beside) = s.boolean("beside") else {
            return false;
        };
        let headed = matches!(heading, Heading::Printed(h) if !h.is_empty());
        if beside && (!takes || !headed) {
            self.error(
                span.unwrap_or_else(|| s.span.clone()),
                &format!("{}.beside", s.path),
                "beside = true は、見出しのある表・一覧・指標の区分（{ table = \"…\", heading = \"…\", beside = true }、{ children = true, heading = \"…\", beside = true }、{ kpis = true, heading = \"…\", beside = true }：見出しを表の横の名前にする）か、見出しのまとまり（項目の横の名前）に書きます".to_string(),
                "beside = true is for a table, list or KPI section with a heading ({ table = \"…\", heading = \"…\", beside = true }, { children = true, heading = \"…\", beside = true }, { kpis = true, heading = \"…\", beside = true }: the heading a label beside it) or a group (a label beside items)".to_string(),
            );
            return false;
        }
        beside
    }

    pub(super) fn table_section(
        &self,
        s: &mut Table<'a>,
        tables: &[(FormTable, Range<usize>)],
    ) -> Option<Section> {
        let Some(l) = s.string("table") else {
            s.read_rest();
            return None;
        };
        if tables.iter().any(|(t, _)| t.key == l.value) {
            return Some(Section::Table(l.value));
        }
        let keys: Vec<&str> = tables.iter().map(|(t, _)| t.key.as_str()).collect();
        let (hja, hen) = hint(&l.value, keys.iter().copied());
        self.error(
            l.span,
            &format!("{}.table", s.path),
            format!("表「{}」はこの様式の tables にありません。{hja}[forms.…tables.{}] に rows と columns を書いてください（あるもの: {}）", l.value, l.value, keys.join(", ")),
            format!("no table \"{}\" in this form's tables; {hen}declare [forms.….tables.{}] with rows and columns (known: {})", l.value, l.value, keys.join(", ")),
        );
        None
    }

    /// A key of text or item two sections take; a table placed twice.
    pub(super) fn check_sections(
        &self,
        path: &str,
        sections: &[(Section, Range<usize>)],
        tables: &[(FormTable, Range<usize>)],
    ) {
        let mut seen: Vec<(String, bool, Range<usize>)> = Vec::new();
        for (i, (s, span)) in sections.iter().enumerate() {
            let (key, per_year) = match s {
                Section::Text(t) => (t.key.clone(), t.per_year),
                // An ancestor's code or title (`of`) is a cell of its own.
                Section::Item(t) => match &t.of {
                    Some(level) => (format!("{}@{level}", t.key), t.per_year),
                    None => (t.key.clone(), t.per_year),
                },
                Section::Table(k) => (format!("table:{k}"), false),
                Section::Kpis { .. } => ("kpis".to_string(), false),
                Section::Children { .. } => ("children".to_string(), false),
                // The programs may be listed more than once, each list with its own
                // columns (北斗市: the 令和５年度 results' table and the ３ヵ年計画's).
                Section::Programs { .. } => continue,
                Section::Files { .. } => ("files".to_string(), false),
                Section::Related => ("related".to_string(), false),
                Section::Head => ("head".to_string(), false),
                Section::SheetTitle => ("sheet_title".to_string(), false),
            };
            let shown = key.trim_start_matches("table:").to_string();
            match seen.iter().find(|(k, p, _)| *k == key && *p == per_year) {
                Some((_, _, first)) => twice(
                    self.ctx,
                    span.clone(),
                    &crate::diag::nth(&format!("{path}.sections"), i),
                    &shown,
                    first.clone(),
                ),
                None => seen.push((key, per_year, span.clone())),
            }
        }
        // The sheet's title stands over the page's head.
        let at = |m: fn(&Section) -> bool| sections.iter().position(|(s, _)| m(s));
        if let (Some(title), Some(head)) = (
            at(|s| matches!(s, Section::SheetTitle)),
            at(|s| matches!(s, Section::Head)),
        ) && title > head
        {
            self.error(
                sections[title].1.clone(),
                &format!("{path}.sections[{title}]"),
                "sheet_title = true（シートの題名の位置）は head = true（ページの見出しの位置）より前に書きます。シートの題名は見出しの上に印字されます".to_string(),
                "sheet_title = true (where the sheet's title stands) goes before head = true (where the page's head stands): the sheet's title is printed over the head".to_string(),
            );
        }
        // A row's content key may not be a text's or an item's of the same place.
        let per_year_keys: HashSet<&str> = sections
            .iter()
            .filter_map(|(s, _)| match s {
                Section::Text(t) if t.per_year => Some(t.key.as_str()),
                Section::Item(t) if t.per_year => Some(t.key.as_str()),
                _ => None,
            })
            .collect();
        for (table, span) in tables {
            for row in &table.rows {
                let keys = std::iter::once(row.key.as_str())
                    .chain(row.cells.iter().map(|(_, k)| k.as_str()));
                for key in keys {
                    if per_year_keys.contains(key) {
                        self.error(
                            span.clone(),
                            &format!("{path}.tables.{}", table.key),
                            format!("表「{}」の行「{key}」は、年度ごとの欄や項目と同じ名前です。別の key にしてください", table.key),
                            format!("row \"{key}\" of table \"{}\" has the name of a field or item of each year; choose another key", table.key),
                        );
                    }
                }
            }
        }
    }
}

/// The kind that makes an item one of kensho's own fields (the built-in forms' items: a
/// page's or a year's), for `key` where it is one: as written (for messages) and as a
/// test of an item's kind; `None` for any other key.
type BuiltinKind = (&'static str, fn(&ItemKind) -> bool);

fn builtin_item_kind(key: &str, per_year: bool) -> Option<BuiltinKind> {
    Some(match (key, per_year) {
        // The page's own code, title and marks, where the sheet prints them as labelled
        // cells (事務事業コード, 事業名, 志木市's 35関連事業 in the 事業名 cell); a program
        // year's own 単独事業/補助事業 and marks (≪新規≫), as printed.
        ("code" | "title" | "departments" | "account" | "funding" | "flags", false)
        | ("funding" | "flags", true) => ("kind = \"text\"", |k| *k == ItemKind::Text),
        ("period", false) => ("kind = \"period\"", |k| *k == ItemKind::Period),
        ("new", false) => ("kind = \"flag\"", |k| *k == ItemKind::Flag),
        ("status", true) => ("kind = \"word\", words = \"statuses\"", |k| {
            *k == ItemKind::Word(Words::Statuses)
        }),
        ("direction", true) => ("kind = \"word\", words = \"directions\"", |k| {
            *k == ItemKind::Word(Words::Directions)
        }),
        ("grade", true) => ("kind = \"grade\"", |k| matches!(k, ItemKind::Grade(_))),
        _ => return None,
    })
}

/// Where a text or item of a section stands: a node's or a program's own front matter,
/// or a year of it.
fn text_place(node: bool, per_year: bool) -> Place {
    match (node, per_year) {
        (true, false) => Place::Node,
        (true, true) => Place::Evaluation,
        (false, false) => Place::Program,
        (false, true) => Place::ProgramYear,
    }
}

/// The keys of the texts and items of each year (`per = "year"`) of `forms`.
/// The keys a KPI's content writes for kensho's own fields: a text of the city's may
/// not take one.
const KPI_CONTENT_KEYS: &[&str] = &[
    "id",
    "category",
    "name",
    "definition",
    "source",
    "qualitative",
    "unit",
    "unit_space",
    "direction",
    "direction_mark",
    "scale",
    "baseline",
    "actual",
    "targets",
    "rates",
    "target",
    "target_final",
    "grades",
    "note",
    "target_state",
    "states",
];

fn per_year_keys<'f>(forms: impl Iterator<Item = &'f Form>) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for f in forms {
        for s in &f.sections {
            let key = match s {
                Section::Text(t) if t.per_year && !f.builtin => &t.key,
                Section::Item(i) if i.per_year => &i.key,
                _ => continue,
            };
            if !keys.contains(key) {
                keys.push(key.clone());
            }
        }
    }
    keys
}

/// The key of a marker section (where the page's head or the sheet's title stands).
fn marker(section: &Section) -> Option<&'static str> {
    match section {
        Section::Head => Some("head"),
        Section::SheetTitle => Some("sheet_title"),
        _ => None,
    }
}

/// The message for a marker (`head`, `sheet_title`) written in a group, `more` after it.
fn marker_in_group(key: &str, (more_ja, more_en): (&str, &str)) -> (String, String) {
    (
        format!(
            "{key} = true（{}の位置）は、まとまりの中でなく、様式の sections にじかに書きます{more_ja}",
            marker_ja(key)
        ),
        format!(
            "{key} = true (where {} stands) goes directly in the form's sections, not in a group{more_en}",
            marker_en(key)
        ),
    )
}

/// What a marker marks, in Japanese.
fn marker_ja(key: &str) -> &'static str {
    if key == "head" {
        "ページの見出し"
    } else {
        "シートの題名"
    }
}

/// What a marker marks, in English.
fn marker_en(key: &str) -> &'static str {
    if key == "head" {
        "the page's head"
    } else {
        "the sheet's title"
    }
}
