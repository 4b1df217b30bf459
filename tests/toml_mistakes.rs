//! The typing mistakes planning staff make most in TOML: each gets one located message
//! (file:line:column, columns in characters) saying what to type instead, in Japanese
//! and English, and nothing that follows from it.

mod common;

use common::*;

/// `kensho check` on the minimal site with `file` (under content/) replaced by `text`.
fn check_with(name: &str, file: &str, text: &str) -> Run {
    let site = temp_dir(&format!("toml-mistake-{name}"));
    copy_dir(&repo().join("tests/sites/minimal"), &site);
    std::fs::write(site.join("content").join(file), text).unwrap();
    let run = kensho(&site, &["check"]);
    std::fs::remove_dir_all(&site).unwrap();
    run
}

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
        "content/plan/goal-1/policy-1.md:3:9",
        "\" で始めた文字が、行の終わりまでに \" で閉じられていません（\"…\" の中では改行できません）。1行に書いて \" で閉じるか、改行を含む文は前後を \"\"\" で囲んでください：title = \"\"\"…\"\"\"",
        "the text opened with \" is not closed on its line (no line break inside \"…\"); write it on one line and close it with \", or enclose text with line breaks in triple quotes: title = \"\"\"…\"\"\"",
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
        "content/programs/hoiku.md:6:10",
        "数字「５０００」が全角です。数値は半角で書いてください。次のように書きます：budget = 5000",
        "the digits ５０００ are full-width; type numbers with half-width digits; type: budget = 5000",
    );
}

#[test]
fn a_full_width_space_is_named() {
    let run = check_with("space", PROGRAM, &program("budget\u{3000}= 5000"));
    assert_one_message(
        &run,
        "content/programs/hoiku.md:6:7",
        "全角スペース「　」があります。半角スペースにするか、消してください。次のように書きます：budget = 5000",
        "a full-width space (U+3000) here; type a half-width space or delete it; type: budget = 5000",
    );
}

#[test]
fn a_full_width_equals_sign_is_named() {
    let run = check_with("equals", PROGRAM, &program("status ＝ \"順調\""));
    assert_one_message(
        &run,
        "content/programs/hoiku.md:6:8",
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
            "content/programs/hoiku.md:6:10",
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
        "content/plan/goal-1/policy-1.md:7:12",
        "キー「令和元年度」は英数字ではないので、\" で囲んでください。次のように書きます：actual = { \"令和元年度\" = 30 }",
        "the key 令和元年度 is not ASCII letters and digits; enclose it in \"; type: actual = { \"令和元年度\" = 30 }",
    );
}

#[test]
fn commas_in_an_unquoted_number_say_to_drop_them() {
    let run = check_with("commas", PROGRAM, &program("budget = 2,300"));
    assert_one_message(
        &run,
        "content/programs/hoiku.md:6:10",
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
