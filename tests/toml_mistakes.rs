//! The typing mistakes planning staff make most in TOML: each gets one located message
//! (file:line:column, columns in characters) saying what to type instead, in Japanese
//! and English, and nothing that follows from it.

use crate::common;

use common::*;

/// `kensho check` on the minimal site with `file` (under content/) replaced by `text`.
fn check_with(name: &str, file: &str, text: &str) -> Run {
    run_with(name, &[(file, text)], &["check"])
}

/// `kensho <args>` on the minimal site with each (file, text) written under content/.
fn run_with(name: &str, files: &[(&str, &str)], args: &[&str]) -> Run {
    let site = temp_dir(&format!("toml-mistake-{name}"));
    copy_dir(&repo().join("tests/sites/minimal"), &site);
    // The city's accessibility page, so that its placeholder warning is not among the output.
    let (page, text) = sites::ACCESSIBILITY;
    std::fs::write(site.join("content").join(page), text).unwrap();
    for (file, text) in files {
        std::fs::write(site.join("content").join(file), text).unwrap();
    }
    let run = kensho(&site, args);
    std::fs::remove_dir_all(&site).unwrap();
    run
}

/// The minimal site's policy 1 with `kpi` as the last lines of its KPI table.
fn policy(kpi: &str) -> String {
    format!(
        "+++\ncode = \"施策1\"\ntitle = \"待機児童の解消\"\nprograms = [\"@/programs/hoiku.md\"]\n\n[[groups]]\ntitle = \"保育人材の確保\"\nprograms = [\"@/programs/jinzai.md\"]\n\n[[kpis]]\nname = \"待機児童数\"\n{kpi}\n+++\n"
    )
}

const POLICY: &str = "plan/goal-1/policy-1.md";

/// The warnings of the unbroken minimal site (a grade its rate does not give).
fn baseline_warnings() -> &'static [String] {
    static WARNINGS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    WARNINGS.get_or_init(|| {
        let site = temp_dir("toml-mistake-baseline");
        copy_dir(&repo().join("tests/sites/minimal"), &site);
        let run = kensho(&site, &["check"]);
        std::fs::remove_dir_all(&site).unwrap();
        headers(&run.stderr, "警告 warning: ")
    })
}

fn headers(stderr: &str, kind: &str) -> Vec<String> {
    (stderr.lines())
        .filter(|l| l.starts_with(kind))
        .map(str::to_string)
        .collect()
}

/// Exactly one error, at `place`, with these two lines; no warning the unbroken site
/// does not have.
fn assert_one_message(run: &Run, place: &str, ja: &str, en: &str) {
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let errors = headers(&run.stderr, "エラー error: ");
    assert_eq!(errors, [format!("エラー error: {place}")], "{}", run.stderr);
    let message = format!("エラー error: {place}\n  {ja}\n  {en}\n");
    assert!(
        run.stderr.contains(&message),
        "expected\n{message}in\n{}",
        run.stderr
    );
    let baseline = baseline_warnings();
    for w in headers(&run.stderr, "警告 warning: ") {
        assert!(
            baseline.contains(&w),
            "a follow-on warning: {w}\n{}",
            run.stderr
        );
    }
}

const PROGRAM: &str = "programs/hoiku.md";

/// The minimal site's program with `year` as its FY2019 table (line 6 on).
fn program(year: &str) -> String {
    let r02 = "[years.R02]\nstatus = \"概ね順調\"\ndirection = \"拡充\"\nbudget = 1500\nsettlement = 1400";
    format!(
        "+++\ntitle = \"保育所整備事業\"\ndepartments = [\"こども課\"]\n\n[years.R01]\n{year}\n\n{r02}\n+++\n"
    )
}

#[test]
fn a_line_break_inside_quotes_is_one_message_at_the_opening_quote() {
    let text = "+++\ncode = \"施策1\"\ntitle = \"待機児童の\n解消\"\nprograms = [\"@/programs/hoiku.md\"]\n+++\n";
    let run = check_with("newline", "plan/goal-1/policy-1.md", text);
    assert_one_message(
        &run,
        "content/plan/goal-1/policy-1.md:3:9 [title]",
        "\" で始めた文字が、行の終わりまでに \" で閉じられていません（\"…\" の中では改行できません）。1行に書いて \" で閉じるか、改行を含む文は前後を \"\"\" で囲んでください：title = \"待機児童の解消\"",
        "the text opened with \" is not closed on its line (no line break inside \"…\"); write it on one line and close it with \", or enclose text with line breaks in triple quotes: title = \"待機児童の解消\"",
    );
    assert!(!run.stderr.contains("令和元年度"), "{}", run.stderr);
}

#[test]
fn a_policy_that_fails_to_parse_does_not_make_its_programs_unlisted() {
    let text = "+++\ncode = \"施策1\"\ntitle ＝ \"待機児童の解消\"\nprograms = [\"@/programs/hoiku.md\"]\n+++\n";
    let run = check_with("cascade", "plan/goal-1/policy-1.md", text);
    assert!(
        !run.stderr.contains("どの施策にも掲載されていません"),
        "{}",
        run.stderr
    );
    assert_eq!(
        headers(&run.stderr, "エラー error: ").len(),
        1,
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("事業の合計は"), "{}", run.stderr);
}

#[test]
fn full_width_digits_say_to_type_them_half_width() {
    let run = check_with("digits", PROGRAM, &program("budget = ５０００"));
    assert_one_message(
        &run,
        "content/programs/hoiku.md:6:10 [years.R01.budget]",
        "数字「５０００」が全角です。数値は半角で書いてください。次のように書きます：budget = 5000",
        "the digits ５０００ are full-width; type numbers with half-width digits; type: budget = 5000",
    );
}

#[test]
fn a_full_width_space_is_named() {
    let run = check_with("space", PROGRAM, &program("budget\u{3000}= 5000"));
    assert_one_message(
        &run,
        "content/programs/hoiku.md:6:7 [years.R01.budget]",
        "全角スペース「　」があります。半角スペースにするか、消してください。次のように書きます：budget = 5000",
        "a full-width space (U+3000) here; type a half-width space or delete it; type: budget = 5000",
    );
}

#[test]
fn a_full_width_equals_sign_is_named() {
    let run = check_with("equals", PROGRAM, &program("status ＝ \"順調\""));
    assert_one_message(
        &run,
        "content/programs/hoiku.md:6:8 [years.R01.status]",
        "「＝」が全角です。半角の = にしてください。次のように書きます：status = \"順調\"",
        "the ＝ is full-width; type a half-width =; type: status = \"順調\"",
    );
}

#[test]
fn full_width_quotes_and_kagikakko_say_to_use_half_width_quotes() {
    for (name, value, mark) in [("curly", "“順調”", "“"), ("kagi", "「順調」", "「")] {
        let run = check_with(name, PROGRAM, &program(&format!("status = {value}")));
        assert_one_message(
            &run,
            "content/programs/hoiku.md:6:10 [years.R01.status]",
            &format!(
                "文字は半角の \" で囲みます（全角の {mark} は使えません）。次のように書きます：status = \"順調\""
            ),
            &format!("enclose text in half-width \" (not {mark}); type: status = \"順調\""),
        );
    }
}

#[test]
fn an_unquoted_japanese_key_is_one_message_saying_to_quote_it() {
    let text = "+++\ncode = \"施策1\"\ntitle = \"待機児童の解消\"\n\n[[kpis]]\nname = \"待機児童数\"\nactual = { 令和元年度 = 30 }\n+++\n";
    let run = check_with("key", "plan/goal-1/policy-1.md", text);
    assert_one_message(
        &run,
        "content/plan/goal-1/policy-1.md:7:12 [kpis.actual]",
        "キー「令和元年度」は英数字ではないので、\" で囲んでください。次のように書きます：actual = { \"令和元年度\" = 30 }",
        "the key 令和元年度 is not ASCII letters and digits; enclose it in \"; type: actual = { \"令和元年度\" = 30 }",
    );
}

#[test]
fn commas_in_an_unquoted_number_say_to_drop_them() {
    let run = check_with("commas", PROGRAM, &program("budget = 2,300"));
    assert_one_message(
        &run,
        "content/programs/hoiku.md:6:10 [years.R01.budget]",
        "数値「2,300」にカンマがあります。カンマを消してください（金額や指標の値は印字どおり \"2,300\" と \" で囲んでも書けます）。次のように書きます：budget = 2300",
        "the number 2,300 has commas; drop them (an amount or a KPI value may also be written as printed, in quotes: \"2,300\"); type: budget = 2300",
    );
}

#[test]
fn a_quoted_figure_in_a_number_field_says_to_drop_the_quotes_and_commas() {
    let run = check_with(
        "quoted",
        PROGRAM,
        &program("budget = 1000\nstaff = \"1,500\""),
    );
    assert_one_message(
        &run,
        "content/programs/hoiku.md:7:9 [years.R01.staff]",
        "「years.R01.staff」は数値で書きます。\" とカンマを消して staff = 1500 と書いてください（\"1,500\" と書かれています）",
        "`years.R01.staff` is a number: drop the quotes and commas and type staff = 1500 (found \"1,500\")",
    );
    let run = check_with("dash", PROGRAM, &program("budget = 1000\nstaff = \"-\""));
    assert_one_message(
        &run,
        "content/programs/hoiku.md:7:9 [years.R01.staff]",
        "「years.R01.staff」は数値の欄で、\"-\"（なし）は書けません。値がなければこの行を消してください",
        "`years.R01.staff` is a number and cannot be \"-\" (none); if there is no value, delete the line",
    );
}

#[test]
fn a_direction_outside_the_list_says_site_toml_can_add_it() {
    let years = "status = \"順調\"\ndirection = \"見直し\"\nbudget = 1000\nsettlement = 900";
    let run = check_with("direction", PROGRAM, &program(years));
    assert_one_message(
        &run,
        "content/programs/hoiku.md:7:13 [years.R01.direction]",
        "方向性「見直し」は使えません。継続 / 拡充 / 縮小 / 完了 のどれかです（ほかの言葉を使うなら site.toml の directions = [...] に加えてください）",
        "unknown direction \"見直し\"; expected one of 継続, 拡充, 縮小, 完了 (to use another word, add it to directions = [...] in site.toml)",
    );
}

const NOT_CLOSED_JA: &str =
    "\" で始めた文字が、行の終わりまでに \" で閉じられていません（\"…\" の中では改行できません）。";
const NOT_CLOSED_EN: &str =
    "the text opened with \" is not closed on its line (no line break inside \"…\"); ";

#[test]
fn a_line_break_inside_an_inline_table_shows_the_table_on_one_line() {
    let kpi = "baseline = { year = \"H30\n\", value = 40 }";
    let run = check_with("newline-table", POLICY, &policy(kpi));
    assert_one_message(
        &run,
        "content/plan/goal-1/policy-1.md:12:21 [kpis.baseline]",
        &format!(
            "{NOT_CLOSED_JA}[ ] や {{ }} の中の文字も1行に書いて \" で閉じてください。次のように書きます：baseline = {{ year = \"H30\", value = 40 }}"
        ),
        &format!(
            "{NOT_CLOSED_EN}inside [ ] or {{ }} too, write it on one line and close it with \"; type: baseline = {{ year = \"H30\", value = 40 }}"
        ),
    );
}

#[test]
fn a_line_break_inside_a_string_in_an_array_shows_the_array_on_one_line() {
    let text = "+++\ntitle = \"保育所整備事業\"\ndepartments = [\"こども\n課\"]\n+++\n";
    let run = check_with("newline-array", PROGRAM, text);
    assert_one_message(
        &run,
        "content/programs/hoiku.md:3:16 [departments]",
        &format!(
            "{NOT_CLOSED_JA}[ ] や {{ }} の中の文字も1行に書いて \" で閉じてください。次のように書きます：departments = [\"こども課\"]"
        ),
        &format!(
            "{NOT_CLOSED_EN}inside [ ] or {{ }} too, write it on one line and close it with \"; type: departments = [\"こども課\"]"
        ),
    );
}

#[test]
fn a_missing_comma_between_array_lines_points_after_the_element_before() {
    let text = "+++\ncode = \"施策1\"\ntitle = \"待機児童の解消\"\nprograms = [\n  \"@/programs/hoiku.md\"\n  \"@/programs/jinzai.md\",\n]\n+++\n";
    let run = check_with("comma-lines", POLICY, text);
    assert_one_message(
        &run,
        "content/plan/goal-1/policy-1.md:5:24 [programs]",
        "並び [ ] の値の間にカンマ , がありません。前の値の後ろに , を書いてください。次のように書きます：\"@/programs/hoiku.md\",",
        "a comma is missing between two elements of an array [ ]; type a comma after the element before; type: \"@/programs/hoiku.md\",",
    );
    assert!(
        !run.stderr.contains("どの施策にも掲載されていません"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_full_width_space_after_the_equals_sign_is_named() {
    let run = check_with("space-after", PROGRAM, &program("budget =\u{3000}5000"));
    assert_one_message(
        &run,
        "content/programs/hoiku.md:6:9 [years.R01.budget]",
        "全角スペース「　」があります。半角スペースにするか、消してください。次のように書きます：budget = 5000",
        "a full-width space (U+3000) here; type a half-width space or delete it; type: budget = 5000",
    );
}

#[test]
fn a_japanese_word_as_a_field_name_says_field_names_are_ascii() {
    let run = check_with("field-name", PROGRAM, &program("施策 = \"待機児童の解消\""));
    assert_one_message(
        &run,
        "content/programs/hoiku.md:6:1 [years.R01.施策]",
        "「施策」は項目名（= の左）に使えません。項目名は title、code、budget のような半角英字です（使える項目は docs/content-format.ja.md にあります。kensho docs で開けます）。日本語で書けるキーは年度だけで、\"令和元年度\" のように \" で囲みます",
        "\"施策\" cannot be a field name (left of =); field names are ASCII words such as title, code, budget (listed in docs/content-format.md, among the guides kensho docs opens); the only key written in Japanese is a year, in quotes: \"令和元年度\"",
    );
}

#[test]
fn a_word_a_sheet_prints_for_a_key_names_the_key() {
    let run = check_with(
        "sheet-word",
        PROGRAM,
        &program("決算額 = 800   # 決算額（千円）"),
    );
    assert_one_message(
        &run,
        "content/programs/hoiku.md:6:1 [years.R01.決算額]",
        "「決算額」は項目名（= の左）に使えません。決算額は半角英字で settlement と書きます（事業の [years.<年度>] の中）：settlement = 800。使える項目は docs/content-format.ja.md にあります。kensho docs で開けます",
        "\"決算額\" cannot be a field name (left of =); 決算額 is written settlement (in a program's [years.<year>]): settlement = 800 (the fields are listed in docs/content-format.md, among the guides kensho docs opens)",
    );
}

#[test]
fn an_unquoted_japanese_value_says_to_quote_it() {
    let run = check_with("value", PROGRAM, &program("status = 順調"));
    assert_one_message(
        &run,
        "content/programs/hoiku.md:6:10 [years.R01.status]",
        "文字「順調」が \" で囲まれていません。文字は \" で囲んでください。次のように書きます：status = \"順調\"",
        "the text 順調 is not in quotes; enclose text in \"; type: status = \"順調\"",
    );
}

#[test]
fn an_amount_in_no_accepted_form_is_one_message_and_no_totals_warning() {
    let text = program("status = \"順調\"").replace("budget = 1500", "budget = \"約1,500\"");
    let run = check_with("amount", PROGRAM, &text);
    assert_one_message(
        &run,
        "content/programs/hoiku.md:11:10 [years.R02.budget]",
        "「years.R02.budget」は金額（千円）です。0 以上の数値（2300）、印字どおりのカンマ付きの文字列（\"2,300\"）、なしを表す \"-\" のどれかで書いてください（\"約1,500\" と書かれています）",
        "`years.R02.budget` is an amount of money (千円); expected a number of 0 or more (2300), a string with thousands commas as printed (\"2,300\"), or \"-\" for none; found \"約1,500\"",
    );
    assert!(!run.stderr.contains("の計が"), "{}", run.stderr);
}

#[test]
fn a_grade_outside_the_scale_says_where_the_scale_is_defined() {
    let kpi = "unit = \"人\"\ndirection = \"down\"\nbaseline = { year = \"H30\", value = 40 }\nactual = { R01 = 30, R02 = 20 }\ntarget = { year = \"R03\", value = 10 }\ngrades = { R02 = \"E\" }";
    let run = check_with("grade", POLICY, &policy(kpi));
    assert_one_message(
        &run,
        "content/plan/goal-1/policy-1.md:17:18 [kpis[1].grades.R02]",
        "評価「E」は尺度「達成状況」にありません。A / B / C のどれかです（評価の段階は site.toml の [[scales]]（id = \"abcd\"）の [[scales.grades]] の key で決めます）",
        "grade \"E\" is not in scale \"abcd\"; expected one of A, B, C (the grades are the keys of [[scales.grades]] under [[scales]] id = \"abcd\" in site.toml)",
    );
}

#[test]
fn a_year_written_in_japanese_is_quoted_and_then_read() {
    let unquoted = program("status = \"順調\"").replace("[years.R01]", "[years.令和元年度]");
    let run = check_with("year-key", PROGRAM, &unquoted);
    assert_one_message(
        &run,
        "content/programs/hoiku.md:5:8 [years.令和元年度]",
        "キー「令和元年度」は英数字ではないので、\" で囲んでください。次のように書きます：[years.\"令和元年度\"]",
        "the key 令和元年度 is not ASCII letters and digits; enclose it in \"; type: [years.\"令和元年度\"]",
    );
    // Typed as the message says, the file is read.
    let fixed = unquoted.replace("[years.令和元年度]", "[years.\"令和元年度\"]");
    let run = check_with("year-key-fixed", PROGRAM, &fixed);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let odd = unquoted.replace("[years.令和元年度]", "[years.\"令和一年\"]");
    let run = check_with("year-odd", PROGRAM, &odd);
    assert_one_message(
        &run,
        "content/programs/hoiku.md:5:8 [years.令和一年]",
        "年度として読めません: 「令和一年」。2019、FY2019、R01、令和元年度、H31 などと書いてください",
        "not a fiscal year: \"令和一年\"; write 2019, FY2019, R01, 令和元年度, H31, …",
    );
}

#[test]
fn site_toml_typing_mistakes_get_the_same_messages() {
    let settings =
        std::fs::read_to_string(repo().join("tests/sites/minimal/content/site.toml")).unwrap();
    let equals = settings.replace("city = \"テスト市\"", "city ＝ \"テスト市\"");
    let run = check_with("site-equals", "site.toml", &equals);
    assert_one_message(
        &run,
        "content/site.toml:1:6 [city]",
        "「＝」が全角です。半角の = にしてください。次のように書きます：city = \"テスト市\"",
        "the ＝ is full-width; type a half-width =; type: city = \"テスト市\"",
    );
    let unquoted = settings.replace("city = \"テスト市\"", "city = テスト市");
    let run = check_with("site-value", "site.toml", &unquoted);
    assert_one_message(
        &run,
        "content/site.toml:1:8 [city]",
        "文字「テスト市」が \" で囲まれていません。文字は \" で囲んでください。次のように書きます：city = \"テスト市\"",
        "the text テスト市 is not in quotes; enclose text in \"; type: city = \"テスト市\"",
    );
    let comma = settings.replace("\"縮小\", \"完了\"", "\"縮小\"，\"完了\"");
    let run = check_with("site-comma", "site.toml", &comma);
    assert_one_message(
        &run,
        "content/site.toml:6:31 [directions]",
        "「，」が全角です。半角の , にしてください。次のように書きます：directions = [\"継続\", \"拡充\", \"縮小\",\"完了\"]",
        "the ， is full-width; type a half-width ,; type: directions = [\"継続\", \"拡充\", \"縮小\",\"完了\"]",
    );
}

/// The full-width space after 「"こども課",」: column 23 in characters (31 in bytes).
const AFTER_JAPANESE: &str =
    "+++\ntitle = \"保育所整備事業\"\ndepartments = [\"こども課\",\u{3000}\"保育課\"]\n+++\n";

#[test]
fn columns_after_japanese_text_count_characters_in_text_and_json() {
    let run = check_with("column", PROGRAM, AFTER_JAPANESE);
    assert_one_message(
        &run,
        "content/programs/hoiku.md:3:23 [departments]",
        "全角スペース「　」があります。半角スペースにするか、消してください。次のように書きます：departments = [\"こども課\", \"保育課\"]",
        "a full-width space (U+3000) here; type a half-width space or delete it; type: departments = [\"こども課\", \"保育課\"]",
    );
    let run = run_with(
        "column-json",
        &[(PROGRAM, AFTER_JAPANESE)],
        &["check", "--format", "json"],
    );
    let errors: Vec<serde_json::Value> = (run.stdout.lines().chain(run.stderr.lines()))
        .filter_map(|l| serde_json::from_str(l).ok())
        .filter(|v: &serde_json::Value| v["severity"] == "error")
        .collect();
    assert_eq!(errors.len(), 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(errors[0]["line"], 3);
    assert_eq!(errors[0]["column"], 23);
    assert_eq!(errors[0]["field"], "departments");
}

#[test]
fn messages_follow_the_language_setting() {
    let text = program("status ＝ \"順調\"");
    let ja = run_with("lang-ja", &[(PROGRAM, &text)], &["--lang", "ja", "check"]);
    assert!(
        ja.stderr
            .contains("  「＝」が全角です。半角の = にしてください。")
            && !ja.stderr.contains("full-width"),
        "{}",
        ja.stderr
    );
    let en = run_with("lang-en", &[(PROGRAM, &text)], &["--lang", "en", "check"]);
    assert!(
        en.stderr
            .contains("  the ＝ is full-width; type a half-width =")
            && !en.stderr.contains("全角です"),
        "{}",
        en.stderr
    );
}

#[test]
fn build_reports_the_mistake_once_and_nothing_else() {
    let text = "+++\ncode = \"施策1\"\ntitle = \"待機児童の\n解消\"\nprograms = [\"@/programs/hoiku.md\"]\n+++\n";
    let run = run_with("build", &[(POLICY, text)], &["build"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let errors = headers(&run.stderr, "エラー error: ");
    assert_eq!(
        errors,
        ["エラー error: content/plan/goal-1/policy-1.md:3:9 [title]"],
        "{}",
        run.stderr
    );
    assert!(
        headers(&run.stderr, "警告 warning: ").is_empty(),
        "{}",
        run.stderr
    );
}

/// An amount in none of the accepted forms beside its parts: the one error, and no warning
/// that the budget "is not written" (it is, unreadably).
#[test]
fn an_unreadable_budget_beside_its_parts_is_reported_once() {
    let site = temp_dir("toml-mistake-budget-parts");
    copy_dir(&repo().join("examples/hokuto"), &site);
    let (page, text) = sites::ACCESSIBILITY;
    std::fs::write(site.join("content").join(page), text).unwrap();
    let file = site.join("content/programs/chokai-rengokai-hojokin.md");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("budget = \"2,300\""));
    std::fs::write(
        &file,
        text.replace("budget = \"2,300\"", "budget = \"約2,300\""),
    )
    .unwrap();
    let run = kensho(&site, &["--lang", "en", "check"]);
    std::fs::remove_dir_all(&site).unwrap();
    assert_eq!(
        headers(&run.stderr, "error: "),
        ["error: content/programs/chokai-rengokai-hojokin.md:14:10 [years.R06.budget]"],
        "{}",
        run.stderr
    );
    assert!(
        headers(&run.stderr, "warning: ").is_empty(),
        "{}",
        run.stderr
    );
}
