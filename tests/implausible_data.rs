//! Implausible data is refused with a located message in both languages: years outside
//! the site's span, numbers past what a page shows exactly, negative money and effort,
//! duplicate codes, `qualitative = true` beside numbers, empty titles and bidi controls.
//! Each case edits a copy of tests/sites/minimal; `kensho check` must fail and say where.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

/// A copy of the minimal site with each `(file, from, to)` replacement made.
fn site_with(name: &str, edits: &[(&str, &str, &str)]) -> PathBuf {
    let site = temp_dir(&format!("implausible-{name}"));
    copy_dir(&repo().join("tests/sites/minimal"), &site);
    for (file, from, to) in edits {
        let path = site.join("content").join(file);
        let text = read(&path);
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
    site
}

/// `kensho check` on `site` fails; its messages, with the site removed.
fn check_fails(site: &Path) -> String {
    let run = kensho(site, &["check"]);
    std::fs::remove_dir_all(site).unwrap();
    assert_eq!(run.code, Some(1), "check must fail:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stderr
}

/// The message printed at `place` (`content/…:line:col`) holds every one of `words`.
fn says(stderr: &str, place: &str, words: &[&str]) {
    let at = stderr
        .find(&format!("error: {place} "))
        .unwrap_or_else(|| panic!("no error at {place} in:\n{stderr}"));
    let message = &stderr[at..];
    let message = &message[..message[1..]
        .find("エラー error:")
        .map_or(message.len(), |i| i + 1)];
    for w in words {
        assert!(
            message.contains(w),
            "{w:?} not in the message at {place}:\n{message}"
        );
    }
}

#[test]
fn a_year_outside_the_sites_span_is_refused_with_the_span() {
    let site = site_with(
        "years",
        &[
            (
                "plan/goal-1/policy-1.md",
                "actual = { R01 = 30, R02 = 20 }",
                "actual = { R01 = 30, R02 = 20, H99 = 5 }",
            ),
            // Heisei numbers past 31 name real years in plans written before 2019.
            (
                "plan/goal-1/policy-1.md",
                "year = \"R03\"",
                "year = \"H32\"",
            ),
            ("plan/goal-1/_index.md", "[totals.R02]", "[totals.2109]"),
            (
                "programs/hoiku.md",
                "[years.R01]",
                "period = [\"H28\", \"H90\"]\n\n[years.R01]",
            ),
        ],
    );
    let err = check_fails(&site);
    let span_en = "FY1990 (H2) to FY2030 (R12)";
    let span_ja = "平成2年度（1990）から令和12年度（2030）まで";
    says(
        &err,
        "content/plan/goal-1/policy-1.md:17:32",
        &[
            "[kpis[1].actual.H99]",
            "\"H99\" is FY2087",
            span_en,
            "範囲外",
            span_ja,
        ],
    );
    says(
        &err,
        "content/plan/goal-1/_index.md:5:9",
        &["\"2109\" is FY2109", span_en, "「2109」", span_ja],
    );
    says(
        &err,
        "content/programs/hoiku.md:5:18",
        &["[period]", "\"H90\" is FY2078", span_en, "「H90」", span_ja],
    );
    assert!(err.contains("3 error(s)"), "only these three:\n{err}");
}

#[test]
fn numbers_beyond_what_a_page_shows_exactly_are_refused() {
    let site = site_with(
        "numbers",
        &[
            (
                "plan/goal-1/policy-1.md",
                "actual = { R01 = 30, R02 = 20 }",
                "actual = { R01 = 30, R02 = 99999999999999999999999 }",
            ),
            (
                "plan/goal-1/policy-1.md",
                "target = { year = \"R03\", value = 10 }",
                "target = { year = \"R03\", value = 1e308 }",
            ),
            (
                "plan/goal-1/policy-1.md",
                "value = 40 }",
                "value = \"99,999,999,999,999,999,999,999\" }",
            ),
            ("programs/hoiku.md", "budget = 1000", "budget = 1e3"),
        ],
    );
    let err = check_fails(&site);
    says(
        &err,
        "content/plan/goal-1/policy-1.md:17:28",
        &[
            "[kpis[1].actual.R02]",
            "has more than 15 significant digits and cannot be shown as written",
            "有効数字が15桁を超え",
        ],
    );
    says(
        &err,
        "content/plan/goal-1/policy-1.md:18:34",
        &["[kpis[1].target.value]", "exponent (e)", "指数（e）"],
    );
    says(
        &err,
        "content/plan/goal-1/policy-1.md:16:36",
        &[
            "[kpis[1].baseline.value]",
            "more than 15 significant digits",
            "有効数字が15桁を超え",
        ],
    );
    says(
        &err,
        "content/programs/hoiku.md:8:10",
        &["[years.R01.budget]", "exponent (e)", "指数（e）"],
    );
    assert!(!err.contains("9223372036854775807"), "{err}");
}

#[test]
fn negative_money_and_staff_effort_are_refused() {
    let site = site_with(
        "negative",
        &[
            ("programs/hoiku.md", "budget = 1000", "budget = -1000"),
            (
                "programs/jinzai.md",
                "settlement = 250",
                "settlement = 250\nstaff = -0.5",
            ),
            ("plan/goal-1/_index.md", "budget = 2000", "budget = -2000"),
        ],
    );
    let err = check_fails(&site);
    says(
        &err,
        "content/programs/hoiku.md:8:10",
        &[
            "`years.R01.budget` is an amount of money (千円) and cannot be below zero",
            "マイナスにはなりません",
        ],
    );
    says(
        &err,
        "content/programs/jinzai.md:10:9",
        &[
            "[years.R02.staff]",
            "staff effort (person-years) and cannot be below zero",
            "従事人工",
        ],
    );
    says(
        &err,
        "content/plan/goal-1/_index.md:6:10",
        &[
            "[totals.R02.budget]",
            "cannot be below zero",
            "0 以上の数値",
        ],
    );
}

#[test]
fn duplicate_codes_name_both_files() {
    let site = site_with(
        "codes",
        &[
            (
                "plan/goal-1/policy-2.md",
                "code = \"施策2\"",
                "code = \"施策1\"",
            ),
            (
                "programs/hoiku.md",
                "title = \"保育所整備事業\"",
                "code = \"J-1\"\ntitle = \"保育所整備事業\"",
            ),
            (
                "programs/jinzai.md",
                "title = \"保育士確保事業\"",
                "code = \"J-1\"\ntitle = \"保育士確保事業\"",
            ),
        ],
    );
    let err = check_fails(&site);
    says(
        &err,
        "content/plan/goal-1/policy-2.md:2:8",
        &[
            "code \"施策1\" is used by two nodes, content/plan/goal-1/policy-1.md and content/plan/goal-1/policy-2.md",
            "二つの計画のファイルに使われています",
            "→ content/plan/goal-1/policy-1.md:2:8",
        ],
    );
    // Two programs listed in one plan: a warning (a program listed again under another
    // plan keeps its own plan's code, so a sheet may print two alike).
    let at = err
        .find("warning: content/programs/jinzai.md:2:8 ")
        .unwrap_or_else(|| panic!("no warning at jinzai.md:2:8 in:\n{err}"));
    let warning = &err[at..];
    for words in [
        "code \"J-1\" is used by two programs listed in one plan, content/programs/hoiku.md and content/programs/jinzai.md",
        "二つの事業に使われていて",
        "→ content/programs/hoiku.md:2:8",
    ] {
        assert!(warning.contains(words), "{words:?} in:\n{warning}");
    }
}

/// Each plan numbers its own programs: one code in two plans is no error (a city's 総合計画
/// and 総合戦略 may both have a 事業 1-1-1).
#[test]
fn one_program_code_in_two_plans_is_allowed() {
    let site = site_with(
        "codes-two-plans",
        &[
            (
                "site.toml",
                "[[scales]]",
                "[[plans]]\ndir = \"senryaku\"\nlevels = [\"総合戦略\", \"基本目標\"]\n\n[[scales]]",
            ),
            (
                "programs/hoiku.md",
                "title = \"保育所整備事業\"",
                "code = \"J-1\"\ntitle = \"保育所整備事業\"",
            ),
        ],
    );
    let write = |rel: &str, text: &str| {
        let path = site.join("content").join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "senryaku/_index.md",
        "+++\ntitle = \"テスト市総合戦略\"\n+++\n",
    );
    write(
        "senryaku/goal-1/_index.md",
        "+++\ntitle = \"ひとを呼ぶ\"\nprograms = [\"@/programs/sogyo.md\"]\n+++\n",
    );
    write(
        "programs/sogyo.md",
        "+++\ncode = \"J-1\"\ntitle = \"創業支援事業\"\n+++\n",
    );
    let run = kensho(&site, &["check"]);
    std::fs::remove_dir_all(&site).unwrap();
    assert!(run.ok, "{}", run.stderr);
}

#[test]
fn qualitative_beside_numbers_names_both_fields() {
    let site = site_with(
        "qualitative",
        &[(
            "plan/goal-1/policy-2.md",
            "states = {",
            "actual = { R01 = 5 }\nstates = {",
        )],
    );
    let err = check_fails(&site);
    says(
        &err,
        "content/plan/goal-1/policy-2.md:10:10",
        &[
            "`kpis[1].qualitative` is true (a KPI without numbers) but `kpis[1].actual` holds numbers",
            "「kpis[1].qualitative」が true",
            "「kpis[1].actual」に数値があります",
            "→ content/plan/goal-1/policy-2.md:8:15",
        ],
    );
}

#[test]
fn an_empty_site_title_is_refused() {
    let site = site_with(
        "site-title",
        &[(
            "site.toml",
            "title = \"テスト市総合計画\"",
            "title = \"  \"",
        )],
    );
    let err = check_fails(&site);
    says(
        &err,
        "content/site.toml:2:9",
        &[
            "[title]",
            "`title` is empty: expected some text",
            "「title」が空です",
        ],
    );
}

#[test]
fn empty_node_and_program_titles_are_refused() {
    let site = site_with(
        "titles",
        &[
            (
                "plan/_index.md",
                "title = \"テスト市総合計画\"",
                "title = \"\"",
            ),
            (
                "programs/jinzai.md",
                "title = \"保育士確保事業\"",
                "title = \"\u{3000}\"",
            ),
        ],
    );
    let err = check_fails(&site);
    for place in [
        "content/plan/_index.md:2:9",
        "content/programs/jinzai.md:2:9",
    ] {
        says(
            &err,
            place,
            &[
                "[title]",
                "`title` is empty: expected some text",
                "「title」が空です",
            ],
        );
    }
}

#[test]
fn bidi_controls_in_front_matter_are_located_and_named() {
    let site = site_with(
        "bidi",
        &[
            (
                "plan/goal-1/policy-1.md",
                "title = \"待機児童の解消\"",
                "title = \"待機児童\u{202E}の解消\"",
            ),
            (
                "programs/hoiku.md",
                "departments = [\"こども課\"]",
                "departments = [\"こども\\u2066課\"]",
            ),
            (
                "plan/goal-1/policy-2.md",
                "states = { R01 = \"評価基準",
                "states = { R01 = \"\u{200F}評価基準",
            ),
        ],
    );
    let err = check_fails(&site);
    says(
        &err,
        "content/plan/goal-1/policy-1.md:3:14",
        &[
            "[title]",
            "U+202E RIGHT-TO-LEFT OVERRIDE",
            "invisible bidi control character",
            "見えない書式制御文字",
        ],
    );
    says(
        &err,
        "content/programs/hoiku.md:3:20",
        &[
            "[departments[1]]",
            "U+2066 LEFT-TO-RIGHT ISOLATE",
            "削除してください",
        ],
    );
    says(
        &err,
        "content/plan/goal-1/policy-2.md:10:19",
        &["U+200F RIGHT-TO-LEFT MARK", "delete it"],
    );
}

#[test]
fn a_bidi_control_in_site_toml_is_refused() {
    let site = site_with(
        "bidi-site",
        &[(
            "site.toml",
            "city = \"テスト市\"",
            "city = \"テスト\u{202E}市\"",
        )],
    );
    let err = check_fails(&site);
    says(
        &err,
        "content/site.toml:1:12",
        &[
            "[city]",
            "U+202E RIGHT-TO-LEFT OVERRIDE",
            "見えない書式制御文字",
        ],
    );
}
