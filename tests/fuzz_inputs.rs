//! Fuzzing: site.toml, front matter and Markdown bodies made from the shapes a city's
//! files take (and the ones they should not), run through the whole pipeline. Nothing
//! may panic, and every diagnostic found must print, in each language, and as JSON.
//! The workbook `export` writes and a sheet of it as CSV, mutated, are given to
//! `import`: nothing may panic, and each refusal names the file or the cell.
//!
//! `cargo test` runs a few dozen cases of each; CI (`.ci/run`) sets `PROPTEST_CASES`
//! for a longer run. Failures found are kept in `proptest-regressions/fuzz_inputs.txt`
//! and re-run first.

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::Once;

use kensho::diag::Lang;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use common::*;

/// Cases per property: `PROPTEST_CASES` when set, else a count `cargo test` runs quickly.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(24);
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/fuzz_inputs.txt",
        ))),
        ..ProptestConfig::default()
    }
}

/// The import properties' cases: half of [`config`]'s (each case writes a workbook or CSV
/// and reads it back: 3,000 of each took 58 s on two busy cores, 1,500 take half that).
fn import_config() -> ProptestConfig {
    let all = config();
    ProptestConfig {
        cases: all.cases.div_ceil(2),
        ..all
    }
}

/// A copy of the minimal site for one property, its files rewritten case by case.
fn site(name: &str) -> PathBuf {
    let site = temp_dir(&format!("fuzz-{name}"));
    copy_dir(&repo().join("tests/sites/minimal"), &site);
    site
}

/// Run the pipeline on `site` and print every diagnostic it finds; a panic anywhere
/// fails the case with the panic's message.
fn run_and_print(site: &Path) -> Result<(), TestCaseError> {
    let outcome = catch(|| kensho::commands::pipeline::run(site))
        .map_err(|e| TestCaseError::fail(format!("pipeline panicked: {e}")))?;
    if outcome.files.is_none() {
        prop_assert!(outcome.diagnostics.has_errors(), "no pages and no error");
    }
    for d in &outcome.diagnostics.items {
        let json = catch(|| {
            for lang in [Lang::Ja, Lang::En, Lang::Both] {
                assert!(!d.render(lang).is_empty());
            }
            d.to_json().to_string()
        })
        .map_err(|e| TestCaseError::fail(format!("printing {:?} panicked: {e}", d.message)))?;
        prop_assert!(json.contains("\"message\""));
    }
    Ok(())
}

fn what(e: &Box<dyn std::any::Any + Send>) -> String {
    e.downcast_ref::<String>()
        .cloned()
        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Run `f`, catching a panic without printing it: it is reported as the failed case
/// (the default hook would print every one again while proptest shrinks).
fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                default(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET.with(|q| q.set(false));
    result.map_err(|e| what(&e))
}

// --- Pieces of text -----------------------------------------------------------------

/// Characters that have broken text handling somewhere: controls, bidi, joiners,
/// combining marks, non-characters, astral and full-width forms, line separators.
fn odd() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\0"),
        Just("\u{202E}"),
        Just("\u{200D}"),
        Just("\u{200B}"),
        Just("e\u{301}"),
        Just("\u{FEFF}"),
        Just("\u{2028}"),
        Just("\u{FFFF}"),
        Just("\u{10FFFF}"),
        Just("\r"),
        Just("\t"),
        Just("\u{3000}"),
        Just("𠮷"),
        Just("ｶﾞ"),
        Just("👩\u{200D}💻"),
        Just("\u{1B}[31m"),
        Just("＝"),
        Just("令和元年度"),
        Just("▲1,234"),
    ]
    .prop_map(str::to_string)
}

/// A run of ordinary text, sometimes with odd characters in it.
fn words() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z0-9 ]{0,12}",
        4 => "[ぁ-んァ-ン一-龥、。]{0,10}",
        2 => odd(),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// A long line or token: past miette's 65,535 columns, or just long.
fn long() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just(200usize), Just(5_000), Just(65_540)],
        words(),
    )
        .prop_map(|(n, w)| format!("{w}{}", "A".repeat(n)))
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(words(), 0..4).prop_map(|v| v.concat()),
        1 => long(),
    ]
}

/// A TOML string holding `text`, escaped or raw as TOML allows (a NUL stays a NUL,
/// which TOML refuses, as it should).
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A TOML value of any kind, well formed or not.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => text().prop_map(|t| quoted(&t)),
        1 => Just("1".to_string()),
        1 => Just("-3.5".to_string()),
        1 => Just("1e308".to_string()),
        1 => Just("99999999999999999999999".to_string()),
        1 => Just("nan".to_string()),
        1 => Just("true".to_string()),
        1 => Just("[]".to_string()),
        1 => Just("[\"a\", 1]".to_string()),
        1 => Just("{ a = 1 }".to_string()),
        1 => Just("1979-05-27".to_string()),
        1 => Just("\"unterminated".to_string()),
        1 => Just("'literal'".to_string()),
        1 => Just("\"\\u0000\"".to_string()),
    ]
}

// --- site.toml ------------------------------------------------------------------------

/// `key = value` where the value is a good one, another from `value()`, or absent.
fn setting(key: &'static str, good: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        6 => Just(format!("{key} = {good}\n")),
        2 => value().prop_map(move |v| format!("{key} = {v}\n")),
        1 => Just(String::new()),
    ]
}

fn plan() -> impl Strategy<Value = String> {
    (
        setting("dir", "\"plan\""),
        setting("levels", "[\"総合計画\", \"基本目標\", \"施策\"]"),
        setting("scale", "\"abcd\""),
    )
        .prop_map(|(d, l, s)| format!("[[plans]]\n{d}{l}{s}"))
}

fn grade() -> impl Strategy<Value = String> {
    (
        setting("key", "\"A\""),
        prop_oneof![Just("\"B\""), Just("\"C\""), Just("\"◎\""), Just("\"\"")]
            .prop_map(|k| format!("key = {k}\n")),
        setting("label", "\"Ａ\""),
        setting("order", "2"),
        setting("meaning", "\"達成\""),
        setting("shape", "\"circle\""),
        setting("min_rate", "80"),
    )
        .prop_map(|(k1, k2, l, o, m, s, r)| {
            // Either key line (or both: a key twice in one table).
            format!(
                "[[scales.grades]]\n{k1}{}{l}{o}{m}{s}{r}",
                if k1.is_empty() { &k2 } else { "" }
            )
        })
}

fn scale() -> impl Strategy<Value = String> {
    (
        setting("id", "\"abcd\""),
        setting("name", "\"達成状況\""),
        prop::collection::vec(grade(), 0..5),
    )
        .prop_map(|(i, n, g)| format!("[[scales]]\n{i}{n}{}", g.concat()))
}

/// A site.toml: the settings, plans, scales and statuses, good or bad, sometimes with a
/// stray line, sometimes cut off where a save was caught half-written.
fn site_toml() -> impl Strategy<Value = String> {
    let top = (
        setting("city", "\"テスト市\""),
        setting("title", "\"テスト市総合計画\""),
        setting("base_url", "\"https://www.city.example.lg.jp/keikaku/\""),
        setting("report_year", "\"R02\""),
        setting("year_style", "\"era_western\""),
        setting("messages", "\"both\""),
        setting("default_scale", "\"abcd\""),
        // Only names inside themes/: a theme name is a folder name.
        prop_oneof![
            Just(""),
            Just("theme = \"default\"\n"),
            Just("theme = \"missing\"\n"),
            Just("theme = 3\n")
        ],
        setting("updated", "2021-03-31"),
        setting("directions", "[\"継続\", \"拡充\"]"),
    );
    let tables = (
        prop::collection::vec(plan(), 0..3),
        prop::collection::vec(scale(), 0..3),
        prop_oneof![
            3 => Just(String::new()),
            1 => Just("[[statuses]]\nkey = \"順調\"\norder = 1\nshape = \"circle\"\n".to_string()),
        ],
    );
    let stray = prop_oneof![
        6 => Just(String::new()),
        1 => value().prop_map(|v| format!("{v}\n")),
        1 => text().prop_map(|t| format!("{t} = 1\n")),
        1 => Just("[plans]\n".to_string()),
    ];
    (
        top,
        tables,
        stray,
        any::<prop::sample::Index>(),
        any::<u8>(),
    )
        .prop_map(
            |((a, b, c, d, e, f, g, h, i, j), (plans, scales, statuses), stray, cut, chance)| {
                let text = format!(
                    "{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}{stray}{}{}{statuses}",
                    plans.concat(),
                    scales.concat()
                );
                cut_off(text, cut, chance)
            },
        )
}

/// `text`, one time in sixteen cut off at `cut`, as a save caught half-written.
fn cut_off(text: String, cut: prop::sample::Index, chance: u8) -> String {
    if chance < 16 {
        let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        text[..ends.get(cut.index(ends.len().max(1))).copied().unwrap_or(0)].to_string()
    } else {
        text
    }
}

// --- forms.toml -------------------------------------------------------------------------

/// A piece of forms.toml: phases, forms, sections, tables, rows, columns and formulas,
/// good or bad.
fn forms_piece() -> impl Strategy<Value = String> {
    let formula = prop_oneof![
        Just("a + b".to_string()),
        Just("a + a".to_string()),
        Just("x - - y".to_string()),
        Just("".to_string()),
        Just("a＋b－c".to_string()),
        Just("t.a - b".to_string()),
        Just("a.b.c + .d".to_string()),
        text(),
    ];
    let year = prop_oneof![
        Just("report".to_string()),
        Just("report-1".to_string()),
        Just("report+99999999999".to_string()),
        Just("each".to_string()),
        Just("R03".to_string()),
        Just("令和元年度".to_string()),
        text(),
    ];
    prop_oneof![
        Just("phases = [{ key = \"budget\", name = \"予算\", is = \"plan\" }, { key = \"settlement\", name = \"決算\", is = \"result\" }]\n".to_string()),
        value().prop_map(|v| format!("phases = [{{ key = {v}, name = {v}, is = {v} }}]\n")),
        Just("[forms.p]\nfor = \"programs\"\nsections = [{ table = \"t\" }, { text = \"t\", heading = \"\" }]\n".to_string()),
        Just("[forms.n]\nfor = { plan = \"plan\", level = \"施策\" }\nsections = [{ kpis = true }, { children = true }, { programs = true, numbered = true }]\n".to_string()),
        value().prop_map(|v| format!("[forms.q]\nfor = {v}\nsections = [{{ item = {v}, kind = {v}, words = {v}, scale = {v} }}]\n")),
        Just("[forms.p.tables.t]\ncolumns = [{ year = \"each\", phase = \"budget\", heading = \"{year}予算\" }]\n".to_string()),
        (year, value()).prop_map(|(y, v)| format!("[forms.p.tables.u]\ncolumns = [{{ year = {}, phase = {v}, heading = {v} }}]\nrows = [{{ key = {v}, name = {v}, kind = {v} }}]\n", quoted(&y))),
        (formula, value()).prop_map(|(f, v)| format!("[[forms.p.tables.t.rows]]\nkey = \"a\"\nname = \"A\"\nkind = \"amount\"\nformula = {}\npart_of = {v}\nshow = {v}\ncells = {{ budget = {v} }}\n", quoted(&f))),
        Just("[[forms.p.tables.t.rows]]\nkey = \"b\"\nname = \"B\"\nkind = \"amount\"\npart_of = \"a\"\n".to_string()),
        Just("[[forms.p.tables.t.rows]]\nlist = \"l\"\nkind = \"number\"\npart_of = \"l\"\n".to_string()),
        value().prop_map(|v| format!("{v} = {v}\n")),
        text(),
    ]
}

/// A forms.toml of pieces, sometimes cut off where a save was caught half-written.
fn forms_toml() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(forms_piece(), 0..8),
        any::<prop::sample::Index>(),
        any::<u8>(),
    )
        .prop_map(|(pieces, cut, chance)| cut_off(pieces.concat(), cut, chance))
}

// --- Front matter -----------------------------------------------------------------------

/// Front matter of a node or program: the keys the model knows, and some it does not,
/// with values of every kind.
fn front_matter() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("title"),
        Just("code"),
        Just("intent"),
        Just("weight"),
        Just("draft"),
        Just("related"),
        Just("programs"),
        Just("departments"),
        Just("scale"),
        Just("[[kpis]]"),
        Just("name"),
        Just("unit"),
        Just("direction"),
        Just("baseline"),
        Just("target"),
        Just("actual"),
        Just("grades"),
        Just("qualitative"),
        Just("[kpis.actual]"),
        Just("[evaluations.R01]"),
        Just("grade"),
        Just("[years.R01]"),
        Just("[years.H99]"),
        Just("status"),
        Just("budget"),
        Just("settlement"),
        Just("staff"),
        Just("[[groups]]"),
        Just("R01"),
        Just("H31"),
        Just("\"令和2年度\""),
        Just("unknown_key"),
    ];
    let value = prop_oneof![
        3 => value(),
        1 => Just("[\"@/plan/goal-1/policy-2.md\", \"@/nope.md\", \"@/../x.md\"]".to_string()),
        1 => Just("[\"@/programs/hoiku.md\"]".to_string()),
        1 => Just("{ year = \"H99\", value = \"865 (H22～26)\" }".to_string()),
        1 => Just("{ R01 = \"▲1,2\", R02 = 20, H31 = { note = 1 } }".to_string()),
        1 => Just("\"B\"".to_string()),
        1 => Just("\"順調\"".to_string()),
        1 => Just("-1000".to_string()),
    ];
    prop::collection::vec((key, value), 0..14).prop_map(common::toml_lines)
}

// --- Markdown bodies ---------------------------------------------------------------------

/// Inline Markdown: text, emphasis, code, links (@/ paths good and bad), images, raw
/// inline HTML, entities, footnote marks.
fn inline() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => words(),
        1 => long(),
        1 => words().prop_map(|w| format!("**{w}**")),
        1 => words().prop_map(|w| format!("*{w}")),
        1 => words().prop_map(|w| format!("`{w}`")),
        1 => words().prop_map(|w| format!("[{w}](@/programs/jinzai.md)")),
        1 => Just("[施策2](@/plan/goal-1/policy-2.md#kpi-1)".to_string()),
        1 => Just("[x](@/nope.md) [y](@/../../etc/passwd) [z](@/)".to_string()),
        1 => Just("[a](javascript:alert(1)) <https://example.jp/>".to_string()),
        1 => Just("![画像](https://example.com/a.png) ![](@/programs/hoiku.md)".to_string()),
        1 => Just("<span onclick=\"x\">s</span><b>".to_string()),
        1 => Just("&amp; &#0; &#x110000; &nbsp; \\".to_string()),
        1 => Just("[^1] [^1]: 注".to_string()),
        1 => file_path().prop_map(|p| format!("![図]({p}) [資料](<{p}>)")),
    ];
    prop::collection::vec(piece, 1..6).prop_map(|v| v.join(" "))
}

/// A path to a file beside the content as a city might write it, or an attack might:
/// `..`, absolute, drive letters, backslashes, escapes, hidden and lock files.
fn file_path() -> impl Strategy<Value = String> {
    let seg = prop_oneof![
        Just(".."),
        Just("."),
        Just(""),
        Just("images"),
        Just("a.png"),
        Just("%2e%2e"),
        Just("%2F"),
        Just("\\"),
        Just(".git"),
        Just(".hidden"),
        Just("~$a.xlsx"),
        Just("C:"),
        Just("写真 1.png"),
        Just("site.toml"),
        Just("etc"),
        Just("secret.txt"),
    ];
    let start = prop_oneof![Just(""), Just("/"), Just("@/"), Just("\\"), Just("//")];
    let end = prop_oneof![Just(""), Just("#page=2"), Just("?v=1")];
    (start, prop::collection::vec(seg, 1..6), end)
        .prop_map(|(s, v, e)| format!("{s}{}{e}", v.join("/")))
}

/// Nested `<div>`s, kept to a depth the sanitiser handles quickly today.
fn nested_divs() -> impl Strategy<Value = String> {
    (0usize..200, inline())
        .prop_map(|(n, t)| format!("{}{t}{}", "<div>".repeat(n), "</div>".repeat(n)))
}

fn block() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        6 => inline(),
        1 => (1usize..8, inline()).prop_map(|(n, t)| format!("{} {t}", "#".repeat(n))),
        1 => (inline(), inline()).prop_map(|(a, b)| format!("| {a} | b |\n|---|:-:|\n| {b} | |\n| x |")),
        1 => inline().prop_map(|t| format!("```\n{t}\n```")),
        1 => inline().prop_map(|t| format!("```rust\n{t}")),
        1 => nested_divs(),
        1 => Just("<script>alert(1)</script>\n<!-- open comment".to_string()),
        1 => Just("<details><summary>s</summary>\n\n- a\n</details>".to_string()),
        1 => Just("---\n***\n+++\n".to_string()),
    ];
    leaf.prop_recursive(5, 40, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(|v| v.join("\n\n")),
            (
                inner.clone(),
                prop_oneof![Just("- "), Just("1. "), Just("* ")]
            )
                .prop_map(|(b, m)| indent(&b, m)),
            inner.clone().prop_map(|b| prefix_lines(&b, "> ")),
            inner.prop_map(|b| format!("<div class=\"x\">\n\n{b}\n\n</div>")),
        ]
    })
}

/// `body` as a list item: its first line after the marker, the rest indented under it.
fn indent(body: &str, marker: &str) -> String {
    let pad = " ".repeat(marker.len());
    let mut lines = body.lines();
    let first = lines.next().unwrap_or("");
    let rest: String = lines.map(|l| format!("\n{pad}{l}")).collect();
    format!("{marker}{first}{rest}")
}

fn prefix_lines(body: &str, prefix: &str) -> String {
    body.lines().map(|l| format!("{prefix}{l}\n")).collect()
}

fn markdown() -> impl Strategy<Value = String> {
    prop::collection::vec(block(), 0..5).prop_map(|v| v.join("\n\n"))
}

// --- Properties ---------------------------------------------------------------------------

// --- Workbooks and CSVs for import ----------------------------------------------------

/// The minimal site's workbook as `export` writes it: each entry of the zip, by name.
fn exported_entries() -> &'static Vec<(String, Vec<u8>)> {
    static BOOK: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
    BOOK.get_or_init(|| {
        let site = site("export");
        let config = kensho::commands::sheet::settings(&site).unwrap();
        let sheets = kensho::commands::sheet::layout::sheets(&site, &config);
        let (bytes, _) = kensho::commands::sheet::export::write(&sheets).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut f = zip.by_index(i).unwrap();
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
                (f.name().unwrap().to_string(), bytes)
            })
            .collect()
    })
}

/// The minimal site's KPI sheet as a CSV, as a spreadsheet program saves it.
fn exported_csv() -> &'static str {
    static CSV: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    CSV.get_or_init(csv_of_export)
}

fn csv_of_export() -> String {
    let site = site("export-csv");
    let config = kensho::commands::sheet::settings(&site).unwrap();
    let sheets = kensho::commands::sheet::layout::sheets(&site, &config);
    let sheet = &sheets[0];
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(sheet.columns.iter().map(|c| c.head.as_str()))
        .unwrap();
    for row in &sheet.rows {
        w.write_record(row.cells.iter().map(|c| match c {
            kensho::commands::sheet::Cell::Empty => String::new(),
            kensho::commands::sheet::Cell::Number(n) => n.to_string(),
            kensho::commands::sheet::Cell::Text(t) => t.clone(),
        }))
        .unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// What goes into a workbook's XML: cells far out, formulas without a value, numbers
/// shown as percentages (style ids that exist and not), escapes of control characters,
/// rows out of order, broken tags, and ordinary text.
fn xml_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(r#"<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>"#.to_string()),
        Just(r#"<c r="ALM2"><v>1</v></c>"#.to_string()),
        Just(r#"<c r="H2"><f>1+1</f></c>"#.to_string()),
        Just(r#"<c r="H2" s="1"><v>0.85</v></c>"#.to_string()),
        Just(r#"<c r="H3" s="999"><v>0.85</v></c>"#.to_string()),
        Just(r#"<c r="G2" t="inlineStr"><is><t>_x0000_&#x202E;&#x1B;[2J</t></is></c>"#.to_string()),
        Just(r#"<c r="G2" t="s"><v>99999</v></c>"#.to_string()),
        Just(r#"<c r="G2" t="b"><v>1</v></c>"#.to_string()),
        Just(r#"<c r="G2" t="e"><v>#DIV/0!</v></c>"#.to_string()),
        Just(r#"<c r="G2" t="inlineStr"><is><t>a&#10;+++&#10;b</t></is></c>"#.to_string()),
        Just(r#"<row r="4294967295">"#.to_string()),
        Just(r#"<row r="0"><c r="A0"><v>1</v></c></row>"#.to_string()),
        Just(r#"<c r="ZZZZZZZ99999999999"><v>1</v></c>"#.to_string()),
        Just("</sheetData>".to_string()),
        Just("<".to_string()),
        Just("&#0;".to_string()),
        text(),
    ]
}

/// Bytes that break a CSV: invalid UTF-8 and Shift_JIS, quotes, NUL, line breaks.
fn csv_piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"\xFF".to_vec()),
        Just(b"\x82".to_vec()),
        Just(b"\xE6\x8C".to_vec()),
        Just(b"\"".to_vec()),
        Just(b"\0".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b",".to_vec()),
        Just("0.85%,令和2年度 実績値,\u{202E}".as_bytes().to_vec()),
        text().prop_map(String::into_bytes),
        prop::collection::vec(any::<u8>(), 0..8),
    ]
}

/// Each piece put in at its place (a fraction of the length, at a char boundary for text).
fn mutate(mut bytes: Vec<u8>, pieces: &[(u16, Vec<u8>)]) -> Vec<u8> {
    for (at, piece) in pieces {
        let at = bytes.len() * usize::from(*at) / usize::from(u16::MAX);
        bytes.splice(at..at, piece.iter().copied());
    }
    bytes
}

/// `import`'s reading of `file` in `site`: no panic, a bounded result, and each refusal
/// in both languages, naming the file or a cell.
fn import_bounded(site: &Path, file: &Path) -> Result<(), TestCaseError> {
    let read = catch(|| kensho::commands::sheet::import::read_changes(site, file, None))
        .map_err(|e| TestCaseError::fail(format!("import panicked: {e}")))?;
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    match read {
        Ok(planned) => prop_assert!(planned.changes.len() < 1_000),
        Err(messages) => {
            prop_assert!(!messages.is_empty());
            for m in messages {
                prop_assert!(!m.ja.is_empty() && !m.en.is_empty());
                let located = [name.as_str(), "!", "sheet \""]
                    .iter()
                    .any(|w| m.en.contains(w));
                prop_assert!(located, "not located: {}", m.en);
            }
        }
    }
    Ok(())
}

fn minimal(path: &str) -> String {
    read(&repo().join("tests/sites/minimal").join(path))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_site_toml_is_reported_not_panicked(toml in site_toml()) {
        let site = site("toml");
        std::fs::write(site.join("content/site.toml"), &toml).unwrap();
        run_and_print(&site)?;
    }

    #[test]
    fn any_forms_toml_is_reported_not_panicked(toml in forms_toml()) {
        let site = site("forms");
        std::fs::write(site.join("content/forms.toml"), &toml).unwrap();
        run_and_print(&site)?;
    }

    /// A program's cells of a site's own form (tests/sites/fullcost): any value in any
    /// phase, bare or listed, in a result year or a plan year.
    #[test]
    fn any_form_cells_are_reported_not_panicked(
        values in prop::collection::vec(value(), 8),
        year in prop_oneof![Just("R03"), Just("R04"), Just("R05"), Just("R99")],
        phase in prop_oneof![Just("budget"), Just("settlement"), Just("target"), Just("actual"), Just("setlement")],
    ) {
        let site = temp_dir("fuzz-cells");
        copy_dir(&repo().join("tests/sites/fullcost"), &site);
        let v = &values;
        let text = format!(
            "+++\ntitle = \"事業\"\n[years.{year}]\nseishokuin = {{ {phase} = {} }}\nshokutaku = {}\nchokusetsu_jinkenhi = {{ budget = {}, settlement = {} }}\nfull_cost = {}\nzaigen = {{ {phase} = {} }}\njotai = {{ {phase} = {} }}\n[[years.{year}.katsudo]]\nname = \"a\"\n{phase} = {}\n+++\n",
            v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]
        );
        std::fs::write(site.join("content/programs/kosodate.md"), &text).unwrap();
        run_and_print(&site)?;
    }

    #[test]
    fn any_front_matter_and_body_are_reported_not_panicked(
        front in front_matter(),
        body in markdown(),
    ) {
        let site = site("front");
        let text = format!("+++\n{front}+++\n{body}");
        std::fs::write(site.join("content/programs/fuzz.md"), &text).unwrap();
        std::fs::write(site.join("content/plan/goal-1/fuzz.md"), &text).unwrap();
        run_and_print(&site)?;
    }

    #[test]
    fn any_markdown_body_is_reported_not_panicked(body in markdown(), program in markdown()) {
        let site = site("body");
        let node = minimal("content/plan/goal-1/policy-1.md");
        std::fs::write(site.join("content/plan/goal-1/policy-1.md"), format!("{node}{body}")).unwrap();
        let hoiku = minimal("content/programs/hoiku.md");
        let front = &hoiku[..hoiku.rfind("+++\n").unwrap() + 4];
        std::fs::write(site.join("content/programs/hoiku.md"), format!("{front}{program}")).unwrap();
        run_and_print(&site)?;
    }

    /// Whatever path a link names, nothing from outside content/, no hidden or lock
    /// file and nothing kensho did not mean is published: only the one file beside the
    /// pages, its bytes as they are.
    #[test]
    fn no_link_publishes_a_file_from_outside_content_or_a_hidden_one(path in file_path()) {
        let site = site("files");
        let node = minimal("content/plan/goal-1/policy-1.md");
        let body = format!("{node}\n![図]({path}) [資料](<{path}>)\n");
        std::fs::write(site.join("content/plan/goal-1/policy-1.md"), body).unwrap();
        for (file, bytes) in [
            ("content/plan/goal-1/images/a.png", &b"PNG"[..]),
            ("content/plan/goal-1/.hidden/a.png", b"SECRET-HIDDEN"),
            ("content/plan/goal-1/~$a.xlsx", b"SECRET-LOCK"),
            ("secret.txt", b"SECRET-OUTSIDE"),
        ] {
            let file = site.join(file);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, bytes).unwrap();
        }
        run_and_print(&site)?;
        let outcome = kensho::commands::pipeline::run(&site);
        for f in outcome.files.iter().flatten() {
            prop_assert!(!f.bytes.starts_with(b"SECRET"), "{} published from {path}", f.path);
            prop_assert!(!f.path.starts_with('/') && !f.path.split('/').any(|s| s == ".."), "{}", f.path);
            if f.bytes == b"PNG" {
                prop_assert_eq!(&f.path, "plan/goal-1/images/a.png");
            }
        }
    }

}

proptest! {
    #![proptest_config(import_config())]

    /// The exported workbook with pieces put into its sheet, shared strings or styles.
    #[test]
    fn any_mutated_workbook_is_refused_or_read_in_bounds(
        entry in prop_oneof![Just("xl/worksheets/sheet1.xml"), Just("xl/sharedStrings.xml"), Just("xl/styles.xml")],
        pieces in prop::collection::vec((any::<u16>(), xml_piece().prop_map(String::into_bytes)), 1..4),
    ) {
        // The site is only read: one copy for every case.
        static SITE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
        let site = SITE.get_or_init(|| site("import-book"));
        let book = site.join("fuzz.xlsx");
        let mut out = zip::ZipWriter::new(std::fs::File::create(&book).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, bytes) in exported_entries() {
            out.start_file(name.as_str(), options).unwrap();
            let bytes = if name == entry { mutate(bytes.clone(), &pieces) } else { bytes.clone() };
            std::io::Write::write_all(&mut out, &bytes).unwrap();
        }
        out.finish().unwrap();
        import_bounded(site, &book)?;
    }

    /// The KPI sheet as a CSV (UTF-8 or Shift_JIS) with bytes put in.
    #[test]
    fn any_mutated_csv_is_refused_or_read_in_bounds(
        sjis in any::<bool>(),
        pieces in prop::collection::vec((any::<u16>(), csv_piece()), 1..4),
    ) {
        static SITE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
        let site = SITE.get_or_init(|| site("import-csv"));
        let text = exported_csv();
        let bytes = if sjis {
            encoding_rs::SHIFT_JIS.encode(text).0.into_owned()
        } else {
            text.as_bytes().to_vec()
        };
        let csv = site.join("指標.csv");
        std::fs::write(&csv, mutate(bytes, &pieces)).unwrap();
        import_bounded(site, &csv)?;
    }
}
