//! Reading forms.toml, and kensho's built-in forms, into [`Forms`]: every problem at its
//! place (file, line, column, field), in Japanese and English, with the closest known
//! name for a misspelt one.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::Arc;

use super::{
    Choices, Column, ColumnYear, DEFAULT, DEFAULT_NAME, Form, FormTable, Forms, Formula, Frame,
    Group, Heading, Item, ItemKind, KPI_FIELDS, KpiColumn, KpiField, KpiItemRow, KpiItems,
    KpiLayout, KpiParts, KpiPhaseRow, ListColumn, Marks, MeasureKind, Phase, PhaseIs, Row,
    RowGroup, RowKind, Section, Target, Text, Words,
};
use crate::diag::{Diagnostic, Diagnostics, Message, Severity, SourceFile, did_you_mean};
use crate::load::tree::Value;
use crate::load::{FormsToml, RawToml};
use crate::model::fields::{Field, Fields, Place};
use crate::model::reader::{Ctx, Located, Table, type_error};
use crate::model::site::SiteConfig;
use crate::model::year::{FiscalYear, YearSpan};

/// How a table draws its years (`years`): as columns (the default), as rows, or none (a
/// table of no year, its cells the page's own).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Axis {
    Columns,
    Rows,
    None,
}

/// How a table draws each of its rows (`each_row`): as a row (the default), as a table of
/// its own, or as a group of rows of the one table, a row per phase.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum EachRow {
    Row,
    Table,
    Rows,
}

/// The site's forms: forms.toml's where written (`raw`), kensho's built-in ones for every
/// place it leaves out; without forms.toml, the built-in ones with site.toml's `[fields]`
/// in their text sections. `fields_at`: where site.toml writes `[fields]`, which
/// forms.toml replaces (both at once is an error there, naming the lines to write).
pub fn read(
    raw: FormsToml<'_>,
    config: &SiteConfig,
    fields_at: Option<(&Arc<SourceFile>, Range<usize>)>,
    diags: &mut Vec<Diagnostic>,
) -> Forms {
    let mut builtin = builtin(config, diags);
    let raw = match raw {
        FormsToml::Read(raw) => raw,
        FormsToml::Absent => {
            fold_fields(&mut builtin, &config.fields);
            return builtin;
        }
        // Its syntax error is the one error: the built-in forms stand in, in doubt.
        FormsToml::Unreadable => {
            builtin.in_doubt = true;
            return builtin;
        }
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
    let before = diags.len();
    let mut site = read_file(raw, config, false, (&compat, &builtin.forms), diags);
    site.declared = true;
    site.in_doubt = (diags[before..].iter()).any(|d| d.severity == Severity::Error);
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
        let kept: Vec<bool> = form.sections.iter().map(|s| !is_place(s)).collect();
        let mut keep = kept.iter();
        form.frames.retain(|_| *keep.next().unwrap_or(&true));
        form.sections.retain(|s| !is_place(s));
        let texts = list.iter().map(|f| {
            Section::Text(Text {
                key: f.key.clone(),
                heading: Heading::Printed(f.label.clone()),
                per_year,
            })
        });
        form.sections.splice(at..at, texts);
        form.frames
            .splice(at..at, list.iter().map(|_| Frame::default()));
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
        names_known: true,
    };
    let mut t = Table::new(&ctx, &raw.table, String::new(), raw.span.clone());
    let phases = read_phases(&mut t);
    let forms_table = t.table("forms");
    t.finish();
    let mut forms = Forms {
        phases,
        forms: Vec::new(),
        declared: false,
        in_doubt: false,
    };
    let reader = Reader {
        ctx: &ctx,
        config,
        phases: &forms.phases,
        builtin,
        compat,
        listed: RefCell::new(Vec::new()),
        cross: RefCell::new(Vec::new()),
        insides: RefCell::new(Vec::new()),
        item_insides: RefCell::new(Vec::new()),
        ofs: RefCell::new(Vec::new()),
        kpi_texts: RefCell::new(Vec::new()),
        sheets: RefCell::new(Vec::new()),
    };
    let mut targets: Vec<(Target, Option<super::Years>, Range<usize>)> = Vec::new();
    if let Some(ft) = forms_table {
        for (key, val) in ft.entries() {
            let path = format!("forms.{}", key.name);
            if !reader.key_ok(key.span.clone(), &path, &key.name, FORM_KEY) {
                continue;
            }
            let Some(table) = val.as_table(path.clone()) else {
                type_error(&ctx, &path, val.node, ("表", "a table"));
                continue;
            };
            let Some((form, for_span)) = reader.form(&key.name, table) else {
                continue;
            };
            let overlaps = |(t, years, _): &&(Target, _, _)| {
                *t == form.target && years_overlap(*years, form.years)
            };
            if let Some((.., first)) = targets.iter().find(overlaps) {
                reader.twice(for_span, &format!("{path}.for"), first.clone());
                continue;
            }
            targets.push((form.target, form.years, for_span));
            forms.forms.push(form);
        }
    }
    reader.check_listed(&forms.forms, fallback);
    reader.check_sheets(&forms.forms);
    diags.extend(cell.into_inner());
    forms
}

impl Reader<'_> {
    /// Each list drawing its pages with their own form (`sheets = true`) has that form: a
    /// program form for programs, a form of the next level (or of every node) for children.
    fn check_sheets(&self, forms: &[Form]) {
        let has = |t: Target| forms.iter().any(|f| f.target == t);
        for (span, field, listing, key) in self.sheets.take() {
            let target = forms.iter().find(|f| f.key == key).map(|f| f.target);
            let drawn = match (listing, target) {
                (Listing::Programs, _) => has(Target::Programs),
                (Listing::Children, Some(Target::Level { plan, level })) => {
                    has(Target::Level {
                        plan,
                        level: level + 1,
                    }) || has(Target::Nodes)
                }
                (Listing::Children, _) => true,
            };
            if drawn {
                continue;
            }
            let (ja, en) = match listing {
                Listing::Programs => (
                    "sheets = true は、各事業をその様式で描きます。forms.toml に事業の様式（for = \"programs\"）を書いてください",
                    "sheets = true draws each program with its own form: declare the programs' form (for = \"programs\") in forms.toml",
                ),
                Listing::Children => (
                    "sheets = true は、下の階層の計画のファイルを、それぞれその様式で描きます。forms.toml にその階層の様式（for = { plan, level }）を書いてください",
                    "sheets = true draws each node below with its own form: declare the form of their level (for = { plan, level }) in forms.toml",
                ),
            };
            self.error(span, &field, ja.to_string(), en.to_string());
        }
    }
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
        // `name = ""`: a phase the sheet does not print (a column headed by its year alone).
        let name = p.required_string("name");
        let is = p.required_string("is");
        let kind = p.string("kind").and_then(|l| phase_kind(ctx, l, &path));
        p.finish();
        let is = is.and_then(|l| match l.value.as_str() {
            "plan" => Some(PhaseIs::Plan),
            "result" => Some(PhaseIs::Result),
            // 大和市's 今後の方針 a year a row: a direction, neither a plan nor a result.
            "neither" => Some(PhaseIs::Unsaid),
            other => {
                ctx.error(
                    l.span,
                    &format!("{path}.is"),
                    Message::new(
                        format!("is は \"plan\"（計画・予算・目標など）か \"result\"（実績・決算など）、どちらでもなければ \"neither\"（今後の方針など）です（「{other}」）"),
                        format!("is must be \"plan\" (a plan, budget, target …), \"result\" (an actual, a settlement …) or \"neither\" (a direction for the years ahead …); found \"{other}\""),
                    ),
                );
                None
            }
        });
        let Some(key) = key else {
            continue;
        };
        // A phase whose name or `is` is wrong stays known by its key: its mistake is said
        // once, here, not again at every column and cell naming the phase.
        let name = name.map_or_else(String::new, |n| n.value);
        let is = is.unwrap_or(PhaseIs::Unsaid);
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
                name,
                is,
                kind,
            },
            key.span,
        ));
    }
    out.into_iter().map(|(p, _)| p).collect()
}

/// A phase's `kind`: a kind of figure, or words, its cells printed as in any row.
fn phase_kind(ctx: &Ctx<'_>, l: Located<String>, path: &str) -> Option<RowKind> {
    // Not a grade (its scale is the row's), a choice (its words the column's) or a rate
    // (a ratio of two rows, not a printed phase).
    const KINDS: [&str; 6] = ["percent", "number", "count", "people", "amount", "words"];
    if let Some(kind) = KINDS
        .contains(&l.value.as_str())
        .then(|| RowKind::plain(&l.value))
    {
        return kind;
    }
    ctx.error(
        l.span,
        &format!("{path}.kind"),
        Message::new(
            format!("区分の kind「{}」は使えません。区分の欄を行の種類と違う種類で印字するときに、{} のどれかを書きます（件数の表の 達成率 は kind = \"percent\"）", l.value, KINDS.join(" / ")),
            format!("phase kind \"{}\" is not known: a phase printed as another kind than its rows takes one of {} (a 達成率 among counts is kind = \"percent\")", l.value, KINDS.join(", ")),
        ),
    );
    None
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
    /// The formulas' terms naming a row of another table (`saishutsu.sojigyohi`),
    /// checked once every table of the form is read.
    cross: RefCell<Vec<relations::CrossTerm>>,
    /// The rows printed `inside` a row their table does not have, checked once every
    /// table of the form is read.
    insides: RefCell<Vec<relations::UnknownHost>>,
    /// The items printed `inside` another item, checked once every section is read.
    item_insides: RefCell<Vec<relations::ItemHost>>,
    /// The `of = LEVEL` of the form's items, checked against its target once it is read.
    ofs: RefCell<Vec<(Located<String>, String)>>,
    /// The keys of the KPI block's `texts` being read: its rows, columns and labelled
    /// cells may name them.
    kpi_texts: RefCell<Vec<String>>,
    /// Where a `programs` section says `sheets = true`, checked once every form of the file
    /// is read (the listed programs' own form draws them).
    sheets: RefCell<Vec<SheetsAt>>,
}

/// A list's `sheets = true`: where, its field, what it lists and its form's key.
type SheetsAt = (Range<usize>, String, Listing, String);

/// What a list section lists.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Listing {
    Children,
    Programs,
}

/// The section kinds, as a section's first key names them.
const SECTION_KINDS: [&str; 10] = [
    "text",
    "item",
    "table",
    "kpis",
    "children",
    "programs",
    "files",
    "related",
    "head",
    "sheet_title",
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
                "同じ対象（for）で同じ年度の様式が二つあります。一つの対象には、年度ごとに一つの様式です（years = [\"H25\", \"H28\"] で様式の最初と最後の年度を書けます）",
                "two forms are for the same pages (for) in the same years; each kind of page has one form a year (years = [\"H25\", \"H28\"] gives a form's first and last year)",
            ),
            (
                first,
                Message::new("もう一つの様式はここです", "the other form is here"),
            ),
        );
    }

    /// `[forms.KEY]`: its target, tables and sections.
    fn form(&self, key: &str, mut t: Table<'a>) -> Option<(Form, Range<usize>)> {
        let errors = || {
            (self.ctx.diags.borrow().iter())
                .filter(|d| d.severity == Severity::Error)
                .count()
        };
        let errors_before = errors();
        let path = t.path.clone();
        let target = self.target(&mut t);
        let years = self.form_years(&mut t);
        let sheet_per_year = self.each_year(&mut t);
        let items_in_rows = self.items_layout(&mut t);
        let sheet_title = t.string("sheet_title").map(|l| l.value);
        let head = self.head(&mut t, target);
        let printed = self.printed(&mut t);
        let landscape = self.paper(&mut t);
        let for_span = t.span_of("for").unwrap_or_else(|| t.span.clone());
        let tables = match t.table("tables") {
            Some(tt) => self.tables(tt),
            None => Vec::new(),
        };
        self.check_cross_tables(&tables);
        self.check_hosts(&tables);
        let node = !matches!(target, Some(Target::Programs));
        let mut groups = Vec::new();
        let mut read = Vec::new();
        let list = t.tables("sections");
        self.sections(list, &tables, node, None, &mut groups, &mut read);
        let (sections, frames): (Vec<(Section, Range<usize>)>, Vec<Frame>) =
            read.into_iter().map(|(s, f, span)| ((s, span), f)).unzip();
        if t.span_of("sections").is_none() {
            self.error(
                t.span.clone(),
                &format!("{path}.sections"),
                format!("様式「{key}」に sections がありません。シートの順に区分を書いてください（例: sections = [{{ text = \"mokuteki\", heading = \"目的\" }}]）"),
                format!("form \"{key}\" has no sections: list them in the sheet's order (e.g. sections = [{{ text = \"mokuteki\", heading = \"目的\" }}])"),
            );
        }
        t.finish();
        self.check_ofs(target);
        self.check_item_hosts(sections.iter().map(|(s, _)| s));
        // Each year's sections drawn as one block a year stand where the first of them is:
        // a head placed among them could not stand where it is written.
        if sheet_per_year {
            let markers = sections.iter();
            for (_, span) in
                markers.filter(|(s, _)| matches!(s, Section::Head | Section::SheetTitle))
            {
                self.error(
                    span.clone(),
                    &format!("{path}.sections"),
                    "each_year = \"sheet\" の様式には head = true・sheet_title = true（見出し・シートの題名の位置）を書けません（年度ごとの区分は一つのまとまりとして描くため）".to_string(),
                    "a form with each_year = \"sheet\" takes no head = true or sheet_title = true (where the page's head or the sheet's title stands): its sections of each year are drawn as one block".to_string(),
                );
            }
        }
        let target = target?;
        self.check_sections(&path, &sections, &tables);
        // A form with an error (a section refused, `table = 2`) may have meant the table
        // it leaves in no section: that error is the one.
        let sure = errors() == errors_before;
        for (tt, span) in tables.iter().filter(|_| sure) {
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
                frames,
                tables: tables.into_iter().map(|(t, _)| t).collect(),
                groups,
                builtin: self.builtin,
                years,
                sheet_per_year,
                items_in_rows,
                sheet_title,
                head,
                printed,
                landscape,
            },
            for_span,
        ))
    }

    /// `print = false`: the form's pages are no sheets of the printed report — a level's
    /// (府中市's 基本目標 above its 施策 sheets), or the programs' where the report only
    /// lists them in their nodes' sheets (秩父市's 基本事業評価シート lists its 事務事業).
    fn printed(&self, t: &mut Table<'a>) -> bool {
        t.boolean("print").unwrap_or(true)
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
                    format!("for「{s}」は使えません。{hja}\"programs\"、\"nodes\"（階層の様式がないすべての計画のファイル）か {{ plan = \"…\", level = \"…\" }} です"),
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
                        "文字列か { plan, level } の表",
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
}

mod across;
mod extras;
mod head;
mod relations;
mod sections;

use extras::years_overlap;
mod tables;
