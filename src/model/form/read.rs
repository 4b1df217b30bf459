//! Reading forms.toml, and kensho's built-in forms, into [`Forms`]: every problem at its
//! place (file, line, column, field), in Japanese and English, with the closest known
//! name for a misspelt one.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use super::{
    Column, ColumnYear, DEFAULT, DEFAULT_NAME, Form, FormTable, Forms, Formula, Heading, Item,
    ItemKind, Phase, PhaseIs, Row, RowKind, Section, Target, Text, Words,
};
use crate::diag::{Diagnostic, Diagnostics, Message, SourceFile, did_you_mean};
use crate::load::RawToml;
use crate::load::tree::Value;
use crate::model::fields::{Field, Fields, Place};
use crate::model::reader::{Ctx, Located, Table, type_error};
use crate::model::site::SiteConfig;
use crate::model::year::{FiscalYear, YearSpan};

/// The site's forms: forms.toml's where written (`raw`), kensho's built-in ones for every
/// place it leaves out; without forms.toml, the built-in ones with site.toml's `[fields]`
/// in their text sections. `fields_at`: where site.toml writes `[fields]`, which
/// forms.toml replaces (both at once is an error there, naming the lines to write).
pub fn read(
    raw: Option<&RawToml>,
    config: &SiteConfig,
    fields_at: Option<(&Arc<SourceFile>, Range<usize>)>,
    diags: &mut Vec<Diagnostic>,
) -> Forms {
    let mut builtin = builtin(config, diags);
    let Some(raw) = raw else {
        fold_fields(&mut builtin, &config.fields);
        return builtin;
    };
    if let Some((file, span)) = fields_at {
        diags.push(
            Diagnostic::error(fields_and_forms(&config.fields))
                .at(file, span)
                .field("fields"),
        );
    }
    let compat: Vec<Row> = (builtin.forms.iter())
        .flat_map(|f| &f.tables)
        .flat_map(|t| t.rows.iter().cloned())
        .collect();
    let mut site = read_file(raw, config, false, (&compat, &builtin.forms), diags);
    site.declared = true;
    for phase in builtin.phases {
        if site.phases.iter().all(|p| p.key != phase.key) {
            site.phases.push(phase);
        }
    }
    let has = |site: &Forms, target| site.forms.iter().any(|f| f.target == target);
    for form in builtin.forms {
        if !has(&site, form.target) {
            site.forms.push(form);
        }
    }
    site
}

/// kensho's built-in forms ([`DEFAULT`]), read as a city's would be.
pub fn builtin(config: &SiteConfig, diags: &mut Vec<Diagnostic>) -> Forms {
    let file = Arc::new(SourceFile {
        path: DEFAULT_NAME.into(),
        text: DEFAULT.to_string(),
    });
    let mut problems = Diagnostics::default();
    let forms = crate::load::toml_file(&file, &mut problems)
        .map(|raw| read_file(&raw, config, true, (&[], &[]), diags))
        .unwrap_or_default();
    diags.extend(problems.items);
    forms
}

/// The text sections `[fields]` names, in place of the built-in ones of each place it
/// names, where the first of them stood.
fn fold_fields(forms: &mut Forms, fields: &Fields) {
    for place in Place::ALL {
        let Some(list) = fields.of(place) else {
            continue;
        };
        let per_year = matches!(place, Place::Evaluation | Place::ProgramYear);
        let target = match place {
            Place::Program | Place::ProgramYear => Target::Programs,
            Place::Node | Place::Evaluation => Target::Nodes,
        };
        let Some(form) = forms.forms.iter_mut().find(|f| f.target == target) else {
            continue;
        };
        let is_place = |s: &Section| matches!(s, Section::Text(t) if t.per_year == per_year);
        let at = form.sections.iter().position(is_place).unwrap_or(0);
        form.sections.retain(|s| !is_place(s));
        let texts = list.iter().map(|f| {
            Section::Text(Text {
                key: f.key.clone(),
                heading: Heading::Printed(f.label.clone()),
                per_year,
                empty_shown: false,
            })
        });
        form.sections.splice(at..at, texts);
    }
}

impl Forms {
    /// The text fields of each place as pages and the workbook read them: the city's
    /// list where its form names texts of its own or headings, `None` where the place
    /// keeps kensho's built-in texts under kensho's labels.
    pub fn fields(&self, labels: &crate::model::Labels) -> Fields {
        let mut places: [Option<Vec<Field>>; 4] = Default::default();
        for place in Place::ALL {
            let texts: Vec<&Text> = self.texts(place).collect();
            let builtin = texts.len() == place.builtins().len()
                && texts
                    .iter()
                    .zip(place.builtins())
                    .all(|(t, k)| t.key == *k && t.heading == Heading::Builtin);
            if builtin {
                continue;
            }
            let label = |t: &Text| match &t.heading {
                Heading::Printed(h) => h.clone(),
                Heading::Builtin => {
                    let name = match (place, t.key.as_str()) {
                        (Place::Program, "intent") => "program_intent",
                        (_, k) => k,
                    };
                    labels.of("fields", name).to_string()
                }
            };
            places[place as usize] = Some(
                texts
                    .iter()
                    .map(|t| Field {
                        key: t.key.clone(),
                        label: label(t),
                    })
                    .collect(),
            );
        }
        Fields::from_places(places, self.declared)
    }
}

/// `[fields]` in site.toml beside forms.toml: the lines of forms.toml that say the same.
fn fields_and_forms(fields: &Fields) -> Message {
    let mut lines = Vec::new();
    for place in Place::ALL {
        let per = match place {
            Place::Evaluation | Place::ProgramYear => ", per = \"year\"",
            Place::Node | Place::Program => "",
        };
        let form = match place {
            Place::Program | Place::ProgramYear => "programs",
            Place::Node | Place::Evaluation => "nodes",
        };
        for f in fields.of(place).unwrap_or_default() {
            lines.push(format!(
                "{{ text = \"{}\", heading = \"{}\"{per} }} ({form})",
                f.key, f.label
            ));
        }
    }
    let lines = lines.join("; ");
    Message::new(
        format!(
            "forms.toml があるときは site.toml の [fields] は使えません。[fields] を消し、forms.toml の書式（for = \"programs\" または \"nodes\"）の sections に次の行を書いてください: {lines}"
        ),
        format!(
            "[fields] in site.toml cannot stand beside forms.toml; delete [fields] and write these lines in the sections of the form for \"programs\" or \"nodes\" in forms.toml: {lines}"
        ),
    )
}

/// One forms file read against the site's settings.
fn read_file(
    raw: &RawToml,
    config: &SiteConfig,
    builtin: bool,
    (compat, fallback): (&[Row], &[Form]),
    diags: &mut Vec<Diagnostic>,
) -> Forms {
    let cell = RefCell::new(Vec::new());
    let ctx = Ctx {
        file: &raw.file,
        diags: &cell,
        years: Some(YearSpan::around(config.report_year)),
    };
    let mut t = Table::new(&ctx, &raw.table, String::new(), raw.span.clone());
    let phases = read_phases(&mut t);
    let forms_table = t.table("forms");
    t.finish();
    let mut forms = Forms {
        phases,
        forms: Vec::new(),
        declared: false,
    };
    let reader = Reader {
        ctx: &ctx,
        config,
        phases: &forms.phases,
        builtin,
        compat,
        listed: RefCell::new(Vec::new()),
    };
    let mut targets: Vec<(Target, Range<usize>)> = Vec::new();
    if let Some(ft) = forms_table {
        for (key, val) in ft.entries() {
            let path = format!("forms.{}", key.name);
            if !reader.key_ok(key.span.clone(), &path, &key.name, FORM_KEY) {
                continue;
            }
            let Some(table) = val.as_table(path.clone()) else {
                type_error(&ctx, &path, val.node, ("テーブル", "a table"));
                continue;
            };
            let Some((form, for_span)) = reader.form(&key.name, table) else {
                continue;
            };
            if let Some((_, first)) = targets.iter().find(|(t, _)| *t == form.target) {
                reader.twice(for_span, &format!("{path}.for"), first.clone());
                continue;
            }
            targets.push((form.target, for_span));
            forms.forms.push(form);
        }
    }
    reader.check_listed(&forms.forms, fallback);
    diags.extend(cell.into_inner());
    forms
}

/// A row read: the row, where its key was written, its formula as written, its field.
type RowRead = (Row, Range<usize>, Option<Located<String>>, String);

/// What a key names, for messages: (Japanese, English, an example).
type KeyOf = (&'static str, &'static str, &'static str);
const FORM_KEY: KeyOf = ("様式", "form", "jimujigyo");
const PHASE_KEY: KeyOf = ("区分（予算・決算など）", "phase", "budget");
const TABLE_KEY: KeyOf = ("表", "table", "cost");
const ROW_KEY: KeyOf = ("行", "row", "full_cost");
const TEXT_KEY: KeyOf = ("欄", "field", "mokuteki");

/// `phases = [{ key, name, is }]`.
fn read_phases(t: &mut Table<'_>) -> Vec<Phase> {
    let ctx = t.ctx;
    let mut out: Vec<(Phase, Range<usize>)> = Vec::new();
    for mut p in t.tables("phases") {
        let path = p.path.clone();
        let key = p.required_string("key");
        let name = p.required_text("name");
        let is = p.required_string("is");
        p.finish();
        let is = is.and_then(|l| match l.value.as_str() {
            "plan" => Some(PhaseIs::Plan),
            "result" => Some(PhaseIs::Result),
            other => {
                ctx.error(
                    l.span,
                    &format!("{path}.is"),
                    Message::new(
                        format!("is は \"plan\"（計画・予算・目標など）か \"result\"（実績・決算など）です（「{other}」）"),
                        format!("is must be \"plan\" (a plan, budget, target …) or \"result\" (an actual, a settlement …); found \"{other}\""),
                    ),
                );
                None
            }
        });
        let (Some(key), Some(name), Some(is)) = (key, name, is) else {
            continue;
        };
        if !key_ok(
            ctx,
            key.span.clone(),
            &format!("{path}.key"),
            &key.value,
            PHASE_KEY,
        ) {
            continue;
        }
        if let Some((_, first)) = out.iter().find(|(p, _)| p.key == key.value) {
            twice(
                ctx,
                key.span,
                &format!("{path}.key"),
                &key.value,
                first.clone(),
            );
            continue;
        }
        out.push((
            Phase {
                key: key.value,
                name: name.value,
                is,
            },
            key.span,
        ));
    }
    out.into_iter().map(|(p, _)| p).collect()
}

/// Whether `key` is a key content can write unquoted: ASCII letters, digits, `_`, `-`.
fn is_ascii_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

fn key_ok(ctx: &Ctx<'_>, span: Range<usize>, field: &str, key: &str, of: KeyOf) -> bool {
    if is_ascii_key(key) {
        return true;
    }
    let (ja, en, example) = of;
    ctx.error(span, field, Message::new(
        format!("{ja}の key「{key}」には半角の英数字と _ - だけを使ってください（例: {example}）。日本語の名前は name や heading に書きます"),
        format!("the {en} key \"{key}\" may hold only ASCII letters, digits, _ and - (e.g. {example}); the Japanese name goes in name or heading"),
    ));
    false
}

/// `key` declared a second time (the first at `first`).
fn twice(ctx: &Ctx<'_>, span: Range<usize>, field: &str, key: &str, first: Range<usize>) {
    again(
        ctx,
        (span, field),
        Message::new(
            format!("「{key}」が二度書かれています。一つにしてください"),
            format!("\"{key}\" is declared twice; keep one"),
        ),
        (first, Message::new("最初はここです", "first declared here")),
    );
}

/// An error at `span` for something declared again, pointing at the other one.
fn again(
    ctx: &Ctx<'_>,
    (span, field): (Range<usize>, &str),
    message: Message,
    (first, label): (Range<usize>, Message),
) {
    ctx.diags.borrow_mut().push(
        Diagnostic::error(message)
            .at(ctx.file, span)
            .field(field)
            .related(ctx.file, first, label),
    );
}

/// " did you mean …?" in both languages, when a known name is close.
fn hint<'a>(found: &str, known: impl IntoIterator<Item = &'a str>) -> (String, String) {
    match did_you_mean(found, known) {
        Some(close) => (
            format!("「{close}」の書き間違いではありませんか？"),
            format!("did you mean \"{close}\"? "),
        ),
        None => (String::new(), String::new()),
    }
}

/// Reads the forms of one file.
struct Reader<'a> {
    ctx: &'a Ctx<'a>,
    config: &'a SiteConfig,
    phases: &'a [Phase],
    /// Reading kensho's built-in forms: their compatibility keys are their own.
    builtin: bool,
    /// The built-in forms' table rows: a city's form may copy one as it is.
    compat: &'a [Row],
    /// The columns of `children` and `programs` sections, checked once every form of the
    /// file is read (a node form's programs list names the program form's rows).
    listed: RefCell<Vec<(Listing, Located<String>, String)>>,
}

/// What a list section lists.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Listing {
    Children,
    Programs,
}

/// The section kinds, as a section's first key names them.
const SECTION_KINDS: [&str; 7] = [
    "text", "item", "table", "kpis", "children", "programs", "files",
];

/// The item kinds.
const ITEM_KINDS: [&str; 8] = [
    "grade", "word", "text", "amount", "number", "date", "period", "flag",
];

impl<'a> Reader<'a> {
    fn key_ok(&self, span: Range<usize>, field: &str, key: &str, of: KeyOf) -> bool {
        key_ok(self.ctx, span, field, key, of)
    }

    fn error(&self, span: Range<usize>, field: &str, ja: String, en: String) {
        self.ctx.error(span, field, Message::new(ja, en));
    }

    /// A second form for the same sheet.
    fn twice(&self, span: Range<usize>, field: &str, first: Range<usize>) {
        again(
            self.ctx,
            (span, field),
            Message::new(
                "同じ対象（for）の様式が二つあります。一つの対象には一つの様式です",
                "two forms are for the same pages (for); each kind of page has one form",
            ),
            (
                first,
                Message::new("もう一つの様式はここです", "the other form is here"),
            ),
        );
    }

    /// `[forms.KEY]`: its target, tables and sections.
    fn form(&self, key: &str, mut t: Table<'a>) -> Option<(Form, Range<usize>)> {
        let path = t.path.clone();
        let target = self.target(&mut t);
        let for_span = t.span_of("for").unwrap_or_else(|| t.span.clone());
        let tables = match t.table("tables") {
            Some(tt) => self.tables(tt),
            None => Vec::new(),
        };
        let node = !matches!(target, Some(Target::Programs));
        let sections: Vec<(Section, Range<usize>)> = t
            .tables("sections")
            .into_iter()
            .filter_map(|s| self.section(s, &tables, node))
            .collect();
        if t.span_of("sections").is_none() {
            self.error(
                t.span.clone(),
                &format!("{path}.sections"),
                format!("様式「{key}」に sections がありません。シートの順に区分を書いてください（例: sections = [{{ text = \"mokuteki\", heading = \"目的\" }}]）"),
                format!("form \"{key}\" has no sections: list them in the sheet's order (e.g. sections = [{{ text = \"mokuteki\", heading = \"目的\" }}])"),
            );
        }
        t.finish();
        let target = target?;
        self.check_sections(&path, &sections, &tables);
        for (tt, span) in &tables {
            if !sections
                .iter()
                .any(|(s, _)| matches!(s, Section::Table(k) if *k == tt.key))
            {
                self.ctx.warning(
                    span.clone(),
                    &format!("{path}.tables.{}", tt.key),
                    Message::new(
                        format!("表「{}」はどの区分にも置かれていないので、どこにも表示されません。sections に {{ table = \"{}\" }} を加えてください", tt.key, tt.key),
                        format!("table \"{}\" is in no section, so no page shows it; add {{ table = \"{}\" }} to sections", tt.key, tt.key),
                    ),
                );
            }
        }
        self.check_cell_keys(&path, &tables, target);
        Some((
            Form {
                key: key.to_string(),
                target,
                sections: sections.into_iter().map(|(s, _)| s).collect(),
                tables: tables.into_iter().map(|(t, _)| t).collect(),
                builtin: self.builtin,
            },
            for_span,
        ))
    }

    /// `for`: "programs", "nodes", or `{ plan = DIR, level = NAME }`.
    fn target(&self, t: &mut Table<'a>) -> Option<Target> {
        let field = format!("{}.for", t.path);
        let Some(v) = t.value("for") else {
            self.error(
                t.span.clone(),
                &field,
                "「for」がありません。何のシートかを書いてください: for = \"programs\"（事務事業）か for = { plan = \"…\", level = \"…\" }（計画の階層）".to_string(),
                "missing `for`: say what the sheet is of: for = \"programs\" or for = { plan = \"…\", level = \"…\" } (a level of a plan)".to_string(),
            );
            return None;
        };
        match &v.node.value {
            Value::String(s) if s == "programs" => Some(Target::Programs),
            Value::String(s) if s == "nodes" => Some(Target::Nodes),
            Value::String(s) => {
                let (hja, hen) = hint(s, ["programs", "nodes"]);
                self.error(
                    v.span(),
                    &field,
                    format!("for「{s}」は使えません。{hja}\"programs\"、\"nodes\"（階層の様式がないすべての項目）か {{ plan = \"…\", level = \"…\" }} です"),
                    format!("for \"{s}\" is not known; {hen}expected \"programs\", \"nodes\" (every node without a form of its level) or {{ plan = \"…\", level = \"…\" }}"),
                );
                None
            }
            Value::Table(_) => {
                let mut lt = v.as_table(field.clone())?;
                let plan = lt.required_string("plan");
                let level = lt.required_string("level");
                lt.finish();
                self.level(plan?, level?, &field)
            }
            _ => {
                type_error(
                    self.ctx,
                    &field,
                    v.node,
                    (
                        "文字列か { plan, level } のテーブル",
                        "a string or a { plan, level } table",
                    ),
                );
                None
            }
        }
    }

    /// A plan (its `dir` in site.toml) and one of its levels.
    fn level(&self, plan: Located<String>, level: Located<String>, field: &str) -> Option<Target> {
        let plans = &self.config.plans;
        let Some(pi) = plans.iter().position(|p| p.dir == plan.value) else {
            let dirs: Vec<&str> = plans.iter().map(|p| p.dir.as_str()).collect();
            let (hja, hen) = hint(&plan.value, dirs.iter().copied());
            self.error(
                plan.span,
                &format!("{field}.plan"),
                format!("計画「{}」は site.toml の [[plans]] にありません。{hja}plan には [[plans]] の dir を書きます（あるもの: {}）", plan.value, dirs.join(", ")),
                format!("no plan \"{}\" in [[plans]] of site.toml; {hen}plan is a plan's dir (known: {})", plan.value, dirs.join(", ")),
            );
            return None;
        };
        let levels = &plans[pi].levels;
        let Some(li) = levels.iter().position(|l| *l == level.value) else {
            let (hja, hen) = hint(&level.value, levels.iter().map(String::as_str));
            self.error(
                level.span,
                &format!("{field}.level"),
                format!(
                    "階層「{}」は計画「{}」の levels にありません。{hja}（あるもの: {}）",
                    level.value,
                    plan.value,
                    levels.join(", ")
                ),
                format!(
                    "no level \"{}\" in the levels of plan \"{}\"; {hen}(known: {})",
                    level.value,
                    plan.value,
                    levels.join(", ")
                ),
            );
            return None;
        };
        Some(Target::Level {
            plan: pi,
            level: li,
        })
    }

    /// `[forms.F.tables]`: each table, with where its key was written.
    fn tables(&self, tt: Table<'a>) -> Vec<(FormTable, Range<usize>)> {
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
    fn table(&self, key: &str, mut t: Table<'a>) -> Option<FormTable> {
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
    fn columns(&self, t: &mut Table<'a>) -> Vec<Column> {
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
    fn same_year(&self, a: ColumnYear, b: ColumnYear) -> bool {
        let report = self.config.report_year;
        a == b || (a != ColumnYear::Each && a.resolve(report) == b.resolve(report))
    }

    /// A column's year: any spelling of a year, `report`, `report+N`, `report-N`, `each`.
    fn column_year(&self, l: &Located<String>, field: &str) -> Option<ColumnYear> {
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
    fn phase(&self, l: &Located<String>, field: &str) -> Option<Phase> {
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
    fn heading_ok(&self, h: &Located<String>, field: &str, year: Option<ColumnYear>) -> bool {
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
    fn row(&self, mut r: Table<'a>) -> Option<RowRead> {
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
    fn row_kind(&self, r: &mut Table<'a>) -> Option<RowKind> {
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
    fn scale(&self, t: &mut Table<'a>) -> Option<String> {
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
    fn show(&self, r: &mut Table<'a>) -> bool {
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
    fn one_word(
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
    fn cells(&self, r: &mut Table<'a>) -> Vec<(String, String)> {
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
    fn formula(&self, l: &Located<String>, field: &str) -> Option<Formula> {
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
    fn inside(&self, l: &Located<String>, at: Range<usize>) -> Range<usize> {
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
    fn check_relations(&self, rows: &[RowRead]) {
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
    fn check_row_cells(&self, rows: &[RowRead], columns: &[Column]) {
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
    fn check_cell_keys(&self, path: &str, tables: &[(FormTable, Range<usize>)], target: Target) {
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

    /// One entry of `sections`: its kind (its one kind key) and that kind's options.
    fn section(
        &self,
        mut s: Table<'a>,
        tables: &[(FormTable, Range<usize>)],
        node: bool,
    ) -> Option<(Section, Range<usize>)> {
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
        let only_nodes = matches!(kind, "kpis" | "children" | "programs");
        if only_nodes && !node {
            self.error(
                s.span_of(kind).unwrap_or(span.clone()),
                &format!("{path}.{kind}"),
                format!("「{kind}」は計画の階層の様式の区分です。事務事業の様式（for = \"programs\"）には置けません"),
                format!("\"{kind}\" is a section of a plan level's form; a programs form (for = \"programs\") cannot have it"),
            );
        }
        let section = match kind {
            "text" => self.text(&mut s, node),
            "item" => self.item(&mut s, node),
            "table" => self.table_section(&mut s, tables),
            "files" => {
                self.flag_kind(&mut s, "files");
                let heading = self.heading(&mut s, None);
                Some(Section::Files { heading })
            }
            "kpis" => {
                self.flag_kind(&mut s, "kpis");
                let columns = self.names(&mut s, None);
                let chart = s.boolean("chart").unwrap_or(true);
                Some(Section::Kpis { columns, chart })
            }
            "children" => {
                self.flag_kind(&mut s, "children");
                let columns = self.names(&mut s, Some(Listing::Children));
                Some(Section::Children { columns })
            }
            _ => {
                self.flag_kind(&mut s, "programs");
                let columns = self.names(&mut s, Some(Listing::Programs));
                let numbered = s.boolean("numbered").unwrap_or(false);
                Some(Section::Programs { columns, numbered })
            }
        };
        s.finish();
        section.filter(|_| !only_nodes || node).map(|x| (x, span))
    }

    /// `files = true` (and the like): the kind's key holds true.
    fn flag_kind(&self, s: &mut Table<'a>, key: &'static str) {
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

    /// `columns = ["code", "title", …]`: of a list, kept to be checked (`check_listed`).
    fn names(&self, s: &mut Table<'a>, listing: Option<Listing>) -> Vec<String> {
        let field = format!("{}.columns", s.path);
        let names = s.strings("columns");
        if let Some(listing) = listing {
            let mut listed = self.listed.borrow_mut();
            listed.extend(names.iter().map(|l| (listing, l.clone(), field.clone())));
        }
        names.into_iter().map(|l| l.value).collect()
    }

    /// Each column of a `children` or `programs` section: a built-in field of what it
    /// lists (code, title …), an item of its form, or for programs a row of the program
    /// form's table, `"table.row"`, of a year, `"table.row@report"`.
    fn check_listed(&self, forms: &[Form], fallback: &[Form]) {
        let all = || forms.iter().chain(fallback);
        let items = |f: &'_ Form| -> Vec<String> {
            (f.sections.iter())
                .filter_map(|s| match s {
                    Section::Item(i) => Some(i.key.clone()),
                    _ => None,
                })
                .collect()
        };
        let program = all().find(|f| f.target == Target::Programs);
        for (listing, l, field) in self.listed.borrow().iter() {
            let (builtins, own): (&[&str], Vec<String>) = match listing {
                Listing::Children => (
                    &["code", "title", "grade", "departments"],
                    all()
                        .filter(|f| f.target != Target::Programs)
                        .flat_map(items)
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
                    program.map(items).unwrap_or_default(),
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
            let row = if *listing == Listing::Programs {
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

    /// Whether `l` names a fixed row of a table of the program form, `"table.row"` with
    /// an optional `@year`; a year that cannot be read is reported here.
    fn table_cell(&self, program: &Form, l: &Located<String>, field: &str) -> bool {
        let (cell, year) = match l.value.split_once('@') {
            Some((c, y)) => (c, Some(y)),
            None => (l.value.as_str(), None),
        };
        let Some((table, row)) = cell.split_once('.') else {
            return false;
        };
        let found = program
            .table(table)
            .and_then(|t| t.row(row))
            .is_some_and(|r| !r.list);
        if found && let Some(year) = year {
            let y = Located {
                value: year.to_string(),
                span: l.span.clone(),
            };
            if self.column_year(&y, field) == Some(ColumnYear::Each) {
                self.error(
                    l.span.clone(),
                    field,
                    format!("「{}」の @ の後には一つの年度（\"report\"、\"report-1\"、\"R03\" など）を書きます", l.value),
                    format!("after the @ of \"{}\" goes one year (\"report\", \"report-1\", \"R03\" …)", l.value),
                );
            }
        }
        found
    }

    /// `heading`: as printed, `""` for none; `None` unless written. For a key of the
    /// city's (`own`), a heading is needed.
    fn heading(&self, s: &mut Table<'a>, own: Option<&str>) -> Heading {
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
    fn no_heading(&self, s: &Table<'a>, key: &str) {
        self.error(
            s.span.clone(),
            &format!("{}.heading", s.path),
            format!("「{key}」に見出し heading がありません。シートに印刷された見出しを書いてください（見出しのない欄は heading = \"\"）"),
            format!("\"{key}\" has no heading: write the heading the sheet prints (heading = \"\" for a field without one)"),
        );
    }

    /// `per = "year"`.
    fn per_year(&self, s: &mut Table<'a>) -> bool {
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
    fn text(&self, s: &mut Table<'a>, node: bool) -> Option<Section> {
        let path = s.path.clone();
        let key = s.string("text")?;
        let per_year = self.per_year(s);
        let empty_shown = match s.string("empty") {
            None => false,
            Some(l) if l.value == "shown" => true,
            Some(l) if l.value == "left_out" => false,
            Some(l) => {
                self.error(
                    l.span,
                    &format!("{path}.empty"),
                    format!("empty は \"shown\"（空でも見出しを出す）か \"left_out\"（空なら出さない）です（「{}」）", l.value),
                    format!("empty must be \"shown\" (the heading over an empty cell) or \"left_out\"; found \"{}\"", l.value),
                );
                false
            }
        };
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
        let heading = self.heading(
            s,
            (!self.builtin && !place.is_builtin(&key.value)).then_some(key.value.as_str()),
        );
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
            empty_shown,
        }))
    }

    /// `{ item = KEY, heading, kind, scale, words, per }`.
    fn item(&self, s: &mut Table<'a>, node: bool) -> Option<Section> {
        let path = s.path.clone();
        let key = s.string("item")?;
        let per_year = self.per_year(s);
        let written_heading = s.span_of("heading").is_some();
        let heading = s.string("heading").map(|l| Heading::Printed(l.value));
        let kind = s.required_string("kind");
        let scale = self.scale(s);
        let words_written = s.span_of("words").is_some();
        let words = self.words(s);
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
            let misplaced = [
                ("scale", scale.is_some() && !matches!(kind, ItemKind::Grade(_)), "grade"),
                ("words", words.is_some() && !matches!(kind, ItemKind::Word(_)), "word"),
            ];
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
        let heading = match heading {
            Some(h) => h,
            None => {
                if !written_heading && !self.builtin && !builtin_item {
                    self.no_heading(s, &key.value);
                }
                Heading::Builtin
            }
        };
        let taken = place.others().contains(&key.value.as_str()) || place.is_builtin(&key.value);
        if taken && !self.builtin && !builtin_item {
            self.error(
                key.span,
                &format!("{path}.item"),
                format!("項目の key「{}」は kensho の決まった項目と同じ名前なので、その項目と同じ種類でなければ使えません。別の名前にしてください", key.value),
                format!("item key \"{}\" is one of kensho's own fields and can only be used as that field; choose another name", key.value),
            );
            return None;
        }
        Some(Section::Item(Item {
            key: key.value,
            heading,
            kind,
            per_year,
        }))
    }

    /// Whether an item is one of the built-in forms' items, declared as they declare it.
    fn compat_item(&self, key: &str, kind: &ItemKind, per_year: bool) -> bool {
        const BUILTIN_ITEMS: [(&str, bool); 7] = [
            ("account", false),
            ("funding", false),
            ("period", false),
            ("new", false),
            ("status", true),
            ("direction", true),
            ("grade", true),
        ];
        BUILTIN_ITEMS.contains(&(key, per_year))
            && match key {
                "status" => *kind == ItemKind::Word(Words::Statuses),
                "direction" => *kind == ItemKind::Word(Words::Directions),
                "grade" => matches!(kind, ItemKind::Grade(_)),
                "period" => *kind == ItemKind::Period,
                "new" => *kind == ItemKind::Flag,
                _ => *kind == ItemKind::Text,
            }
    }

    /// `words`: "statuses", "directions" or a list of words.
    fn words(&self, s: &mut Table<'a>) -> Option<Words> {
        let path = format!("{}.words", s.path);
        let v = s.value("words")?;
        match &v.node.value {
            Value::String(w) if w == "statuses" => Some(Words::Statuses),
            Value::String(w) if w == "directions" => Some(Words::Directions),
            Value::Array(_) => Some(Words::List(
                s.strings("words").into_iter().map(|l| l.value).collect(),
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
                    ("文字列か文字列の配列", "a string or an array of strings"),
                );
                None
            }
        }
    }

    /// `{ table = KEY }`: one of the form's tables.
    fn table_section(
        &self,
        s: &mut Table<'a>,
        tables: &[(FormTable, Range<usize>)],
    ) -> Option<Section> {
        let l = s.string("table")?;
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
    fn check_sections(
        &self,
        path: &str,
        sections: &[(Section, Range<usize>)],
        tables: &[(FormTable, Range<usize>)],
    ) {
        let mut seen: Vec<(String, bool, Range<usize>)> = Vec::new();
        for (i, (s, span)) in sections.iter().enumerate() {
            let (key, per_year) = match s {
                Section::Text(t) => (t.key.clone(), t.per_year),
                Section::Item(t) => (t.key.clone(), t.per_year),
                Section::Table(k) => (format!("table:{k}"), false),
                Section::Kpis { .. } => ("kpis".to_string(), false),
                Section::Children { .. } => ("children".to_string(), false),
                Section::Programs { .. } => ("programs".to_string(), false),
                Section::Files { .. } => ("files".to_string(), false),
            };
            let shown = key.trim_start_matches("table:").to_string();
            match seen.iter().find(|(k, p, _)| *k == key && *p == per_year) {
                Some((_, _, first)) => twice(
                    self.ctx,
                    span.clone(),
                    &format!("{path}.sections[{i}]"),
                    &shown,
                    first.clone(),
                ),
                None => seen.push((key, per_year, span.clone())),
            }
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

/// A path of formulas from row `start` back to it, when there is one (`a → b → a`).
fn formula_cycle<'r>(start: &str, find: &impl Fn(&str) -> Option<&'r Row>) -> Option<Vec<String>> {
    fn walk<'r>(
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
