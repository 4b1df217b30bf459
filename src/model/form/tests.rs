//! forms.toml read and checked: the built-in forms without a problem, each kind of
//! mistake with its place and its words.

use std::sync::Arc;

use super::*;
use crate::diag::{Diagnostic, Diagnostics, Severity, SourceFile};
use crate::load::FormsToml;
use crate::model::site::SiteConfig;

const SITE: &str = r#"
city = "テスト市"
license = { preset = "cc-by-4.0" }
title = "テスト市行政評価"
base_url = "/"
report_year = "R03"
directions = ["継続", "拡充"]

[[plans]]
dir = "sogo"
levels = ["総合計画", "政策", "施策"]

[[scales]]
id = "abc"
[[scales.grades]]
key = "A"
[[scales.grades]]
key = "B"
"#;

fn toml(path: &str, text: &str) -> crate::load::RawToml {
    let file = Arc::new(SourceFile {
        path: path.into(),
        text: text.to_string(),
    });
    let mut diags = Diagnostics::default();
    let raw = crate::load::toml_file(&file, &mut diags);
    assert!(diags.items.is_empty(), "{:?}", diags.items);
    raw.unwrap()
}

fn config(site: &str) -> SiteConfig {
    let mut diags = Vec::new();
    let config = crate::model::site::read(&toml("content/site.toml", site), &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    config.unwrap()
}

/// The forms read from `text`, and every problem.
fn read_forms(text: &str) -> (Forms, Vec<Diagnostic>) {
    let config = config(SITE);
    let mut diags = Vec::new();
    let forms = read(
        FormsToml::Read(&toml("content/forms.toml", text)),
        &config,
        None,
        &mut diags,
    );
    (forms, diags)
}

/// Each problem as `line:column field: en`, then its Japanese.
fn problems(text: &str) -> Vec<String> {
    read_forms(text)
        .1
        .iter()
        .map(|d| {
            let (_, line, col) = d.location().unwrap();
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            format!(
                "{kind} {line}:{col} {}: {} | {}",
                d.field.as_deref().unwrap_or(""),
                d.message.en,
                d.message.ja
            )
        })
        .collect()
}

/// The English of each problem only.
fn en(text: &str) -> Vec<String> {
    read_forms(text)
        .1
        .iter()
        .map(|d| {
            let (_, line, col) = d.location().unwrap();
            format!(
                "{line}:{col} {}: {}",
                d.field.as_deref().unwrap_or(""),
                d.message.en
            )
        })
        .collect()
}

const PHASES: &str = r#"phases = [
  { key = "budget", name = "予算", is = "plan" },
  { key = "settlement", name = "決算", is = "result" },
]
"#;

/// A full-cost program sheet (事務事業評価シート), as the design shows it.
const FULL_COST: &str = r#"phases = [
  { key = "budget", name = "予算", is = "plan" },
  { key = "settlement", name = "決算", is = "result" },
  { key = "actual", name = "実績", is = "result" },
  { key = "target", name = "目標", is = "plan" },
]

[forms.jimujigyo]
for = "programs"
sections = [
  { text = "mokuteki", heading = "事業の目的" },
  { text = "gaiyo", heading = "" },
  { table = "katsudo" },
  { table = "cost" },
  { text = "hyoka", heading = "評価", per = "year" },
  { item = "ichiji", heading = "一次評価", kind = "grade", scale = "abc", per = "year" },
  { files = true, heading = "添付資料" },
]

[forms.jimujigyo.tables.cost]
caption = "事業費（千円）"
columns = [
  { year = "report-1", phase = "settlement", heading = "{year}決算" },
  { year = "令和3年度", phase = "budget", heading = "{year}予算" },
  { year = "report", phase = "settlement", heading = "{year}決算" },
  { year = "report+1", phase = "budget", heading = "{year}予算" },
]
rows = [
  { key = "seishokuin", name = "正職員数", unit = "人", kind = "people" },
  { key = "chokusetsu_jinkenhi", name = "直接人件費", unit = "千円", kind = "amount" },
  { key = "chokusetsu_jigyohi", name = "直接事業費", unit = "千円", kind = "amount" },
  { key = "full_cost", name = "フルコスト", unit = "千円", kind = "amount",
    formula = "chokusetsu_jinkenhi + chokusetsu_jigyohi", show = "computed" },
  { key = "kokko", name = "国庫・県支出金", unit = "千円", kind = "amount", part_of = "zaigen" },
  { key = "ippan", name = "一般財源", unit = "千円", kind = "amount", part_of = "zaigen" },
  { key = "zaigen", name = "財源内訳 計", unit = "千円", kind = "amount" },
]

[forms.jimujigyo.tables.katsudo]
caption = "活動指標"
rows = [{ list = "katsudo_shihyo", heading = "指標名", kind = "number" }]
columns = [
  { year = "each", phase = "target", heading = "{year}目標" },
  { year = "each", phase = "actual", heading = "{year}実績" },
]

[forms.shisaku]
for = { plan = "sogo", level = "施策" }
sections = [
  { text = "mokuteki", heading = "施策の目的" },
  { item = "niji", heading = "二次評価", kind = "grade", per = "year" },
  { kpis = true, layout = "table", columns = [
    { field = "base", heading = "基準値" },
    { field = "target", heading = "目標" },
    { field = "actual", heading = "{year}実績" },
  ] },
  { programs = true, numbered = true },
]
"#;

#[test]
fn the_builtin_forms_read_without_a_problem() {
    let mut diags = Vec::new();
    let forms = builtin(&config(SITE), &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    let program = forms.programs().unwrap();
    assert!(program.builtin);
    let money = program.table("money").unwrap();
    let jigyohi = money.row("jigyohi").unwrap();
    assert_eq!(
        jigyohi.cells,
        vec![
            ("budget".to_string(), "budget".to_string()),
            ("settlement".to_string(), "settlement".to_string())
        ]
    );
    assert_eq!(
        money.row("budget_parts").unwrap().part_of.as_deref(),
        Some("jigyohi")
    );
    assert!(forms.node(0, 2, any_year()).is_some());
    assert_eq!(forms.phases.len(), 5);
}

#[test]
fn a_full_cost_sheet_reads_as_declared() {
    let (forms, diags) = read_forms(FULL_COST);
    assert!(diags.is_empty(), "{diags:?}");
    assert!(forms.declared);
    let f = forms.programs().unwrap();
    assert_eq!(f.key, "jimujigyo");
    assert!(!f.builtin);
    let cost = f.table("cost").unwrap();
    assert_eq!(cost.caption.as_deref(), Some("事業費（千円）"));
    let years: Vec<ColumnYear> = cost.columns.iter().map(|c| c.year).collect();
    assert_eq!(
        years,
        vec![
            ColumnYear::Report(-1),
            ColumnYear::Year(FiscalYear::new(2021).unwrap()),
            ColumnYear::Report(0),
            ColumnYear::Report(1),
        ]
    );
    assert_eq!(cost.columns[0].phase.is, PhaseIs::Result);
    let full = cost.row("full_cost").unwrap();
    assert_eq!(
        full.formula
            .as_ref()
            .unwrap()
            .rows("cost")
            .collect::<Vec<_>>(),
        ["chokusetsu_jinkenhi", "chokusetsu_jigyohi"]
    );
    assert!(full.show_computed);
    let katsudo = f.table("katsudo").unwrap();
    assert!(katsudo.rows[0].list);
    assert_eq!(katsudo.rows[0].name, "指標名");
    let shisaku = forms.node(0, 2, any_year()).unwrap();
    assert_eq!(shisaku.key, "shisaku");
    assert_eq!(shisaku.target, Target::Level { plan: 0, level: 2 });
    // A level without a form of its own has the built-in one.
    assert!(forms.node(0, 1, any_year()).unwrap().builtin);
    assert_eq!(
        f.sections[1],
        Section::Text(Text {
            key: "gaiyo".into(),
            heading: Heading::Printed(String::new()),
            per_year: false,
        })
    );
}

#[test]
fn texts_of_a_form_are_the_fields_pages_read() {
    let (forms, _) = read_forms(FULL_COST);
    let labels = config(SITE).labels;
    let fields = forms.fields(&labels);
    let program: Vec<(&str, &str)> = fields
        .of(crate::model::fields::Place::Program)
        .unwrap()
        .iter()
        .map(|f| (f.key.as_str(), f.label.as_str()))
        .collect();
    assert_eq!(program, [("mokuteki", "事業の目的"), ("gaiyo", "")]);
    // The nodes' built-in form keeps kensho's texts under kensho's labels.
    assert!(fields.of(crate::model::fields::Place::Node).is_none());
}

#[test]
fn site_toml_fields_are_folded_into_the_builtin_forms() {
    let site = format!(
        "{SITE}\n[fields]\nprogram_year = [{{ key = \"naiyo\", label = \"内容\" }}, {{ key = \"results\", label = \"成果\" }}]\n"
    );
    let config = config(&site);
    let mut diags = Vec::new();
    let forms = read(FormsToml::Absent, &config, None, &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    let texts: Vec<(&str, &Heading)> = forms
        .texts(crate::model::fields::Place::ProgramYear)
        .map(|t| (t.key.as_str(), &t.heading))
        .collect();
    assert_eq!(
        texts,
        [
            ("naiyo", &Heading::Printed("内容".into())),
            ("results", &Heading::Printed("成果".into()))
        ]
    );
    // Folded and read back, the fields are site.toml's.
    let back = forms.fields(&config.labels);
    assert_eq!(
        back.of(crate::model::fields::Place::ProgramYear),
        config.fields.of(crate::model::fields::Place::ProgramYear)
    );
    assert_eq!(back.of(crate::model::fields::Place::Program), None);
}

#[test]
fn fields_beside_forms_toml_name_the_lines_to_write() {
    let site =
        format!("{SITE}\n[fields]\nevaluation = [{{ key = \"kadai\", label = \"課題\" }}]\n");
    let raw = toml("content/site.toml", &site);
    let config = config(&site);
    let span = raw
        .table
        .iter()
        .find(|(k, _)| k.name == "fields")
        .unwrap()
        .0
        .span
        .clone();
    let mut diags = Vec::new();
    read(
        FormsToml::Read(&toml("content/forms.toml", PHASES)),
        &config,
        Some((&raw.file, span)),
        &mut diags,
    );
    assert_eq!(diags.len(), 1);
    assert_eq!(
        diags[0].file.as_ref().unwrap().path,
        std::path::Path::new("content/site.toml")
    );
    assert_eq!(
        diags[0].message.en,
        "[fields] in site.toml cannot stand beside forms.toml; delete [fields] and write these lines in the sections of the form for \"programs\" or \"nodes\" in forms.toml: { text = \"kadai\", heading = \"課題\", per = \"year\" } (nodes)"
    );
}

#[test]
fn unknown_keys_are_named_with_the_closest_known_one() {
    assert_eq!(
        en(&format!(
            "{PHASES}[forms.a]\nfor = \"programs\"\nsectons = []\n"
        )),
        [
            "5:1 forms.a.sections: form \"a\" has no sections: list them in the sheet's order (e.g. sections = [{ text = \"mokuteki\", heading = \"目的\" }])",
            "7:1 forms.a.sectons: unknown field `sectons`; did you mean `sections`? expected one of `each_year`, `for`, `head`, `items`, `paper`, `print`, `sections`, `sheet_title`, `tables`, `years`",
        ]
    );
    assert_eq!(
        problems("phases = [{ key = \"budget\", name = \"予算\", is = \"plan\", unit = 1 }]"),
        [
            "error 1:55 phases[1].unit: unknown field `unit`; expected one of `is`, `key`, `kind`, `name` | 知らない項目「unit」です。使える項目: `is`, `key`, `kind`, `name`"
        ]
    );
}

#[test]
fn phases_need_an_ascii_key_a_name_and_plan_or_result() {
    assert_eq!(
        en(r#"phases = [
  { key = "予算", name = "予算", is = "plan" },
  { key = "budget", name = "予算", is = "planned" },
  { key = "kessan", name = "決算", is = "result" },
  { key = "kessan", name = "決算", is = "result" },
]"#),
        [
            "2:11 phases[1].key: the phase key \"予算\" may hold only ASCII letters, digits, _ and - (e.g. budget); the Japanese name goes in name or heading",
            "3:39 phases[2].is: is must be \"plan\" (a plan, budget, target …), \"result\" (an actual, a settlement …) or \"neither\" (a direction for the years ahead …); found \"planned\"",
            "5:11 phases[4].key: \"kessan\" is declared twice; keep one",
        ]
    );
}

/// 瑞浪市's cost table (a new user's transcription, round 18): a phase with its `is`
/// left out was said once, and then again at every column naming it, as not in `phases`
/// (「あるもの: 」, an empty list). The phase stays known by its key.
#[test]
fn a_phase_with_a_mistake_is_said_once_not_again_at_its_columns() {
    assert_eq!(
        en(r#"phases = [{ key = "kessan", name = "" }]
[forms.a]
for = "programs"
sections = [{ table = "cost" }]
[forms.a.tables.cost]
columns = [
  { year = "H26", phase = "kessan", heading = "{year_number}年度" },
  { year = "H27", phase = "kessan", heading = "{year_number}年度" },
]
rows = [{ key = "jigyohi", name = "事業費", unit = "千円", kind = "amount" }]
"#),
        ["1:11 phases[1].is: missing `is`: expected a string"]
    );
}

#[test]
fn for_names_programs_nodes_or_a_level_of_a_plan() {
    let form = |f: &str| {
        en(&format!(
            "{PHASES}[forms.a]\nfor = {f}\nsections = [{{ files = true }}]\n"
        ))
    };
    assert_eq!(
        form("\"program\""),
        [
            "6:7 forms.a.for: for \"program\" is not known; did you mean \"programs\"? expected \"programs\", \"nodes\" (every node without a form of its level) or { plan = \"…\", level = \"…\" }"
        ]
    );
    assert_eq!(
        form("{ plan = \"sougou\", level = \"施策\" }"),
        [
            "6:16 forms.a.for.plan: no plan \"sougou\" in [[plans]] of site.toml; did you mean \"sogo\"? plan is a plan's dir (known: sogo)"
        ]
    );
    assert_eq!(
        form("{ plan = \"sogo\", level = \"施策評価\" }"),
        [
            "6:32 forms.a.for.level: no level \"施策評価\" in the levels of plan \"sogo\"; did you mean \"施策\"? (known: 総合計画, 政策, 施策)"
        ]
    );
    assert_eq!(
        en(&format!(
            "{PHASES}[forms.a]\nfor = \"programs\"\nsections = [{{ files = true }}]\n[forms.b]\nfor = \"programs\"\nsections = [{{ files = true }}]\n"
        )),
        [
            "9:7 forms.b.for: two forms are for the same pages (for) in the same years; each kind of page has one form a year (years = [\"H25\", \"H28\"] gives a form's first and last year)"
        ]
    );
}

#[test]
fn sections_have_one_known_kind_and_its_options() {
    let sections = |s: &str| {
        en(&format!(
            "{PHASES}[forms.a]\nfor = \"programs\"\nsections = [\n{s}\n]\n"
        ))
    };
    assert_eq!(
        sections("{ txt = \"mokuteki\" }"),
        [
            "8:1 forms.a.sections[1]: the section has no kind; did you mean \"text\"? write one of text, item, table, kpis, children, programs, files, related, head, sheet_title (e.g. { text = \"mokuteki\", heading = \"目的\" })",
        ]
    );
    assert_eq!(
        sections("{ text = \"a\", table = \"b\", heading = \"A\" }"),
        [
            "8:1 forms.a.sections[1]: one section has more than one kind (text, table); make one section of each"
        ]
    );
    assert_eq!(
        sections("{ text = \"mokuteki\" }"),
        [
            "8:1 forms.a.sections[1].heading: \"mokuteki\" has no heading: write the heading the sheet prints (heading = \"\" for a field without one)"
        ]
    );
    assert_eq!(
        sections("{ text = \"mokuteki\", heading = \"目的\", per = \"years\", headng = \"x\" }"),
        [
            "8:44 forms.a.sections[1].per: per can only be \"year\" (a field of each year; leave per out for a field that is not per year); found \"years\"",
            "8:53 forms.a.sections[1].headng: unknown field `headng`; did you mean `heading`? expected one of `empty`, `foot`, `heading`, `note`, `per`, `text`",
        ]
    );
    assert_eq!(
        sections("{ table = \"cots\" }"),
        [
            "8:11 forms.a.sections[1].table: no table \"cots\" in this form's tables; declare [forms.….tables.cots] with rows and columns (known: )"
        ]
    );
    assert_eq!(
        sections("{ kpis = true }"),
        [
            "8:10 forms.a.sections[1].kpis: \"kpis\" is a section of a plan level's form; a programs form (for = \"programs\") cannot have it"
        ]
    );
    assert_eq!(
        sections("{ text = \"status\", heading = \"状況\", per = \"year\" }"),
        [
            "8:10 forms.a.sections[1].text: field key \"status\" is a non-text field of program_year; choose another name (its text fields: results, analysis, plan)"
        ]
    );
    assert_eq!(
        sections("{ files = true }, { files = true }"),
        ["8:19 forms.a.sections[2]: \"files\" is declared twice; keep one"]
    );
}

#[test]
fn items_have_a_kind_and_what_it_needs() {
    let sections = |s: &str| {
        en(&format!(
            "{PHASES}[forms.a]\nfor = \"programs\"\nsections = [\n{s}\n]\n"
        ))
    };
    assert_eq!(
        sections("{ item = \"ichiji\", heading = \"一次評価\", kind = \"grad\" }"),
        [
            "8:45 forms.a.sections[1].kind: item kind \"grad\" is not known; did you mean \"grade\"? expected one of grade, word, text, amount, number, date, period, flag"
        ]
    );
    assert_eq!(
        sections(
            "{ item = \"ichiji\", heading = \"一次評価\", kind = \"grade\", scale = \"abd\" }"
        ),
        [
            "8:62 forms.a.sections[1].scale: no scale \"abd\" in [[scales]] of site.toml; did you mean \"abc\"? (known: abc)"
        ]
    );
    assert_eq!(
        sections("{ item = \"hoko\", heading = \"方向性\", kind = \"word\" }"),
        [
            "8:42 forms.a.sections[1].kind: an item of kind = \"word\" needs words: \"statuses\", \"directions\" or a list (e.g. words = [\"拡充\", \"継続\"])"
        ]
    );
    assert_eq!(
        sections(
            "{ item = \"hoko\", heading = \"方向性\", kind = \"word\", words = \"direction\" }"
        ),
        [
            "8:58 forms.a.sections[1].words: words \"direction\" is not known; did you mean \"directions\"? expected \"statuses\" ([[statuses]] of site.toml), \"directions\" (directions of site.toml) or a list [\"…\", \"…\"]"
        ]
    );
    // A built-in item declared as the built-in form declares it needs no heading.
    assert!(
        sections("{ item = \"status\", kind = \"word\", words = \"statuses\", per = \"year\" }")
            .is_empty()
    );
    assert_eq!(
        sections("{ item = \"status\", heading = \"状況\", kind = \"text\", per = \"year\" }"),
        [
            "8:10 forms.a.sections[1].item: item key \"status\" is one of kensho's own fields: to show that field write kind = \"word\", words = \"statuses\"; for anything else choose another name"
        ]
    );
    // A program's weight is no item at all: the message says so, not which kind it needs.
    assert_eq!(
        sections("{ item = \"weight\", heading = \"重み\", kind = \"text\" }"),
        [
            "8:10 forms.a.sections[1].item: item key \"weight\" is the name of one of kensho's own fields (the page shows its value in its own place), not an item of a form; choose another name"
        ]
    );
    // The page's code and title as items print the sheet's label: none of kensho's.
    assert_eq!(
        sections("{ item = \"code\", kind = \"text\" }").len(),
        1,
        "an item of the page's code without the sheet's label"
    );
    // The page's code and title are items where the sheet prints them as labelled cells.
    assert!(
        sections("{ item = \"code\", heading = \"事務事業コード\", kind = \"text\" }, { item = \"title\", heading = \"事業名\", kind = \"text\" }")
            .is_empty()
    );
}

/// A programs form with one table `t` of `rows` and `columns`.
fn table(rows: &str, columns: &str) -> Vec<String> {
    en(&format!(
        "{PHASES}[forms.a]\nfor = \"programs\"\nsections = [{{ table = \"t\" }}]\n[forms.a.tables.t]\ncolumns = [\n{columns}\n]\nrows = [\n{rows}\n]\n"
    ))
}

const COLUMNS: &str = r#"{ year = "report", phase = "budget", heading = "{year}予算" },
{ year = "report", phase = "settlement", heading = "{year}決算" },"#;

#[test]
fn columns_have_a_year_a_declared_phase_and_a_heading() {
    let row = r#"{ key = "a", name = "A", kind = "amount" }"#;
    assert_eq!(
        table(row, r#"{ year = "R99", phase = "budget", heading = "x" }"#),
        [
            "10:10 forms.a.tables.t.columns[1].year: \"R99\" is FY2117 (R99), outside the years this site accepts: from 30 before to 10 after the report year (report_year in site.toml), FY1991 (H3) to FY2031 (R13)"
        ]
    );
    assert_eq!(
        table(
            row,
            r#"{ year = "report+x", phase = "budget", heading = "x" }"#
        ),
        [
            "10:10 forms.a.tables.t.columns[1].year: year \"report+x\" cannot be read: write \"report\" (the report year), \"report-1\" or \"report+1\", within 30 years"
        ]
    );
    assert_eq!(
        table(
            row,
            r#"{ year = "report", phase = "budjet", heading = "x" }"#
        ),
        [
            "10:28 forms.a.tables.t.columns[1].phase: no phase \"budjet\" in phases; did you mean \"budget\"? add { key = \"budjet\", name = \"…\", is = \"plan\" } to phases or choose one (known: budget, settlement)"
        ]
    );
    assert_eq!(
        table(
            row,
            r#"{ year = "each", phase = "budget", heading = "予算" }"#
        ),
        [
            "10:46 forms.a.tables.t.columns[1].heading: a year = \"each\" column repeats for every year: put {year} in its heading \"予算\" (e.g. \"{year}予算\")"
        ]
    );
    assert_eq!(
        table(
            row,
            r#"{ year = "R03", phase = "budget", heading = "{年度}予算" }"#
        ),
        [
            "10:45 forms.a.tables.t.columns[1].heading: heading \"{年度}予算\" holds braces other than {year} (the year as the site writes years), {year_short} (H25, R3) and {year_number} (25, 3)"
        ]
    );
    assert!(
        table(
            row,
            r#"{ year = "each", phase = "budget", heading = "{year_short}予算" }"#
        )
        .is_empty()
    );
    // R03 is the report year: the same column as "report".
    assert_eq!(
        table(
            row,
            &format!("{COLUMNS}\n{{ year = \"R3\", phase = \"budget\", heading = \"x\" }}")
        ),
        ["12:1 forms.a.tables.t.columns[3]: two columns have the same year and phase; keep one"]
    );
}

#[test]
fn rows_have_a_key_a_name_and_a_known_kind() {
    assert_eq!(
        table(
            r#"{ key = "jinkenhi", name = "人件費", kind = "money" },
{ key = "人件費", name = "人件費", kind = "amount" },
{ key = "a", kind = "amount" },
{ key = "b", name = "B", kind = "amount" },
{ key = "b", name = "B2", kind = "amount" },"#,
            COLUMNS
        ),
        [
            "14:42 forms.a.tables.t.rows[1].kind: row kind \"money\" is not known; expected one of amount, number, count, percent, people, rate, words, grade, word",
            "15:9 forms.a.tables.t.rows[2].key: the row key \"人件費\" may hold only ASCII letters, digits, _ and - (e.g. full_cost); the Japanese name goes in name or heading",
            "16:1 forms.a.tables.t.rows[3].name: missing `name`: expected a string",
            "18:9 forms.a.tables.t.rows[5]: \"b\" is declared twice; keep one",
        ]
    );
}

#[test]
fn formulas_name_rows_of_their_table_without_a_cycle() {
    assert_eq!(
        table(
            r#"{ key = "a", name = "A", kind = "amount" },
{ key = "b", name = "B", kind = "amount", formula = "a + c" },
{ key = "c", name = "C", kind = "amount", formula = "b - a" },
{ key = "d", name = "D", kind = "amount", formula = "a + jinkenh" },
{ key = "jinkenhi", name = "E", kind = "amount", formula = "a %2" },
{ key = "w", name = "W", kind = "words", formula = "a" },"#,
            COLUMNS
        ),
        [
            "18:63 forms.a.tables.t.rows[5].formula: formula \"a %2\": \"%\" cannot be in a formula: join row keys with + or -, multiply with × and divide with / (e.g. jinkenhi + jigyohi, seiki × tanka)",
            "15:53 forms.a.tables.t.rows[2].formula: the formulas go round in a circle: b → c → b; correct one of them",
            "16:53 forms.a.tables.t.rows[3].formula: the formulas go round in a circle: c → b → c; correct one of them",
            "17:58 forms.a.tables.t.rows[4].formula: \"jinkenh\" in the formula is not a row of this table; did you mean \"jinkenhi\"? write keys of rows of the same table (known: a, b, c, d, jinkenhi, w)",
            "19:52 forms.a.tables.t.rows[6].formula: row \"w\" holds no figures, so it cannot have a formula; if it does, give the row a kind (amount, count, number …): a row with a formula and the rows it uses need one even where every column of the table is a measure",
        ]
    );
}

#[test]
fn parts_name_one_row_of_their_kind_without_a_cycle() {
    assert_eq!(
        table(
            r#"{ key = "kei", name = "計", kind = "amount", show = "computed" },
{ key = "a", name = "A", kind = "amount", part_of = "kie" },
{ key = "p", name = "P", kind = "people", part_of = "kei" },
{ key = "x", name = "X", kind = "amount", part_of = "y" },
{ key = "y", name = "Y", kind = "amount", part_of = "x" },
{ key = "z", name = "Z", kind = "amount", show = "always" },
{ key = "n", name = "N", kind = "amount", show = "computed" },"#,
            COLUMNS
        ),
        [
            "19:50 forms.a.tables.t.rows[6].show: show can only be \"computed\" (show the computed value where none is written); found \"always\"",
            "15:9 forms.a.tables.t.rows[2].part_of: part_of \"kie\" is not a row of this table; (known: kei, a, p, x, y, z, n)",
            "16:9 forms.a.tables.t.rows[3].part_of: row \"p\" and its parent \"kei\" must be figure rows of the same kind (parts add up in the parent's unit)",
            "17:9 forms.a.tables.t.rows[4].part_of: part_of goes round in a circle: x → y → x",
            "18:9 forms.a.tables.t.rows[5].part_of: part_of goes round in a circle: y → x → y",
            "20:9 forms.a.tables.t.rows[7].show: row \"n\" has neither a formula nor parts (rows with part_of naming it), so show = \"computed\" has nothing to show",
        ]
    );
}

#[test]
fn a_row_may_not_take_a_builtin_key_but_as_the_builtin_form_declares_it() {
    assert_eq!(
        table(
            r#"{ key = "budget", name = "予算額", kind = "amount" },"#,
            COLUMNS
        ),
        [
            "8:17 forms.a.tables.t: \"budget\" in table \"t\" is one of kensho's own fields, so a row cannot take it; choose another key (kensho's fields: planned, status, direction, budget, budget_parts, settlement, sources, funding, staff, staff_planned, personnel_cost, personnel_cost_planned, total_cost, indicators, flags)"
        ]
    );
    // The built-in form's own row, copied as it is, keeps its keys.
    assert!(
        table(
            r#"{ key = "jigyohi", name = "事業費", unit = "千円", kind = "amount", cells = { budget = "budget", settlement = "settlement" } },"#,
            COLUMNS
        )
        .is_empty()
    );
    assert_eq!(
        table(
            r#"{ key = "a", name = "A", kind = "amount", cells = { budjet = "aa" } },"#,
            COLUMNS
        ),
        [
            "14:9 forms.a.tables.t.rows[1].cells.budjet: phase \"budjet\" of cells is in no column of this table; did you mean \"budget\"? (the columns' phases: budget, settlement)"
        ]
    );
}

#[test]
fn a_table_no_section_shows_is_a_warning() {
    assert_eq!(
        problems(&format!(
            "{PHASES}[forms.a]\nfor = \"programs\"\nsections = [{{ files = true }}]\n[forms.a.tables.t]\ncolumns = [{{ year = \"report\", phase = \"budget\", heading = \"予算\" }}]\nrows = [{{ key = \"a\", name = \"A\", kind = \"amount\" }}]\n"
        )),
        [
            "warning 8:17 forms.a.tables.t: table \"t\" is in no section, so no page shows it; add { table = \"t\" } to sections | 表「t」はどの区分にも置かれていないので、どこにも表示されません。sections に { table = \"t\" } を加えてください"
        ]
    );
}

#[test]
fn list_columns_are_fields_items_or_rows_of_the_program_form() {
    let node = |columns: &str| {
        en(&format!(
            "{PHASES}[forms.p]\nfor = \"programs\"\nsections = [{{ table = \"cost\" }}, {{ item = \"ichiji\", heading = \"一次評価\", kind = \"grade\", per = \"year\" }}]\n[forms.p.tables.cost]\ncolumns = [{{ year = \"report\", phase = \"settlement\", heading = \"決算\" }}]\nrows = [{{ key = \"full_cost\", name = \"フルコスト\", kind = \"amount\" }}]\n[forms.n]\nfor = \"nodes\"\nsections = [{{ programs = true, columns = {columns} }}, {{ children = true, columns = [\"code\", \"titel\"] }}]\n"
        ))
    };
    assert_eq!(
        node(r#"["code", "title", "ichiji", "cost.full_cost@report", "cost.full_cost"]"#),
        [
            "13:154 forms.n.sections[2].columns[2]: no column \"titel\" for this list; did you mean \"title\"? expected one of code, title, grade, departments"
        ]
    );
    assert_eq!(
        node(r#"["cost.fullcost@report", "cost.full_cost@R99"]"#),
        [
            "13:43 forms.n.sections[1].columns[1]: no column \"cost.fullcost@report\" for this list; expected one of code, title, departments, account, funding, period, status, direction, ichiji, or a row of the program form's table (\"table.row\", of a year \"table.row@report\")",
            "13:67 forms.n.sections[1].columns[2]: \"R99\" is FY2117 (R99), outside the years this site accepts: from 30 before to 10 after the report year (report_year in site.toml), FY1991 (H3) to FY2031 (R13)",
            "13:130 forms.n.sections[2].columns[2]: no column \"titel\" for this list; did you mean \"title\"? expected one of code, title, grade, departments",
        ]
    );
}

#[test]
fn each_section_has_its_frame_heading_note_and_empty() {
    let text = format!(
        "{PHASES}[forms.a]\nfor = \"nodes\"\nsections = [\n  {{ item = \"kankeika\", heading = \"関係課\", kind = \"text\", empty = \"shown\" }},\n  {{ kpis = true, heading = \"成果指標\", note = \"※毎年度の実績を記入\" }},\n  {{ programs = true }},\n]\n"
    );
    let (forms, diags) = read_forms(&text);
    assert!(diags.is_empty(), "{diags:?}");
    let form = forms.forms.iter().find(|f| f.key == "a").unwrap();
    assert_eq!(form.frames.len(), form.sections.len());
    assert!(form.frames[0].empty_shown);
    assert_eq!(form.frames[1].heading, Heading::Printed("成果指標".into()));
    assert_eq!(form.frames[1].note.as_deref(), Some("※毎年度の実績を記入"));
    assert_eq!(form.frames[2], Frame::default());
    // An item of the form's own key is not one of kensho's built-in fields.
    assert!(matches!(&form.sections[0], Section::Item(i) if !i.builtin));
    assert_eq!(
        en(&format!(
            "{PHASES}[forms.a]\nfor = \"nodes\"\nsections = [{{ kpis = true, empty = \"always\" }}]\n"
        )),
        [
            "7:36 forms.a.sections[1].empty: empty must be \"shown\" (the heading over an empty cell) or \"left_out\"; found \"always\""
        ]
    );
}

/// A year for lookups where no form gives `years`.
fn any_year() -> FiscalYear {
    FiscalYear::new(2023).unwrap()
}

#[test]
fn a_nodes_form_is_the_one_of_its_year() {
    let (forms, diags) = read_forms(
        r#"
[forms.old]
for = { plan = "sogo", level = "施策" }
years = ["H25", "H28"]
sections = [{ item = "kyu", heading = "旧評価", kind = "text", per = "year" }]

[forms.new]
for = { plan = "sogo", level = "施策" }
years = ["H29", "R03"]
sections = [{ item = "shin", heading = "評価", kind = "text", per = "year" }]

[forms.nodes]
for = "nodes"
sections = [{ item = "ta", heading = "その他", kind = "text" }]
"#,
    );
    assert!(diags.is_empty(), "{diags:?}");
    let year = |y: &str| FiscalYear::parse(y).unwrap();
    assert_eq!(forms.node(0, 2, year("H27")).unwrap().key, "old");
    assert_eq!(forms.node(0, 2, year("R01")).unwrap().key, "new");
    // A year neither holds falls to the nodes' form, as a level without its own does.
    assert_eq!(forms.node(0, 2, year("R05")).unwrap().key, "nodes");
    assert_eq!(forms.node(0, 1, year("R01")).unwrap().key, "nodes");
}

#[test]
fn row_groups_read_in_place_and_too_deep_is_an_error_at_the_group() {
    let text = format!(
        r#"{PHASES}
[forms.jimujigyo]
for = "programs"
sections = [{{ table = "cost" }}]

[forms.jimujigyo.tables.cost]
columns = [{{ year = "report", phase = "settlement", heading = "{{year}}決算" }}]
rows = [
  {{ name = "コスト内訳", rows = [
    {{ name = "投入人員", rows = [{{ key = "seishokuin", name = "正職員数", kind = "people" }}] }},
    {{ key = "jigyohi", name = "直接事業費", unit = "千円", kind = "amount" }},
  ] }},
  {{ key = "jueki", name = "受益者数", kind = "count" }},
]
"#
    );
    let (forms, diags) = read_forms(&text);
    assert!(diags.is_empty(), "{diags:?}");
    let cost = forms.programs().unwrap().table("cost").unwrap();
    let keys: Vec<&str> = cost.rows.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["seishokuin", "jigyohi", "jueki"]);
    let groups = |key: &str| cost.group_names(cost.row(key).unwrap().group);
    assert_eq!(groups("seishokuin"), ["コスト内訳", "投入人員"]);
    assert_eq!(groups("jigyohi"), ["コスト内訳"]);
    assert!(groups("jueki").is_empty());
    let deep = text.replace(
        "{ key = \"seishokuin\", name = \"正職員数\", kind = \"people\" }",
        "{ name = \"a\", rows = [{ name = \"b\", rows = [{ key = \"seishokuin\", name = \"正職員数\", kind = \"people\" }] }] }",
    );
    let found = en(&deep);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].ends_with("row groups nest at most 3 deep"),
        "{found:?}"
    );
}

/// A row printed inside another's cell fills its printed form with its figure; a blank
/// one leaves one space between its words (我孫子市's 「(うち人件費 千円)」), and a form with
/// no words of its own (池田市's 「 {value}」) is said to have none.
#[test]
fn an_inside_rows_printed_form_is_filled_as_printed() {
    let abiko = Inside {
        row: "sojigyohi".to_string(),
        printed: "\n(うち人件費 {value} 千円)".to_string(),
        shown_empty: false,
        after: None,
    };
    assert_eq!(abiko.fill("837"), "\n(うち人件費 837 千円)");
    assert_eq!(abiko.fill(""), "\n(うち人件費 千円)");
    assert!(abiko.has_words());
    let ikeda = Inside {
        row: "shokuin".to_string(),
        printed: " {value}".to_string(),
        shown_empty: false,
        after: None,
    };
    assert_eq!(ikeda.fill("840"), " 840");
    assert!(!ikeda.has_words());
}
