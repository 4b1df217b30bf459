//! `kensho new`: the starter site made from flags (or defaults), checked and built as a
//! city would, and its refusals (a bad value, a folder in use) changing nothing.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// Run `kensho new DIR args…` with stdin not a terminal (and never closed, so a command
/// that read it would hang: the run is stopped after 30 s).
fn new(dir: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kensho"));
    command.arg("new").arg(dir).args(args);
    common::run_within(command, "kensho new waiting for an answer?")
}

fn site_toml(dir: &Path) -> toml::Table {
    toml::from_str(&read(&dir.join("content/site.toml"))).unwrap()
}

/// Every file under `dir`, relative to it, with its bytes.
fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// `kensho check` finds no error and no warning, except the ones about the accessibility
/// page and the open data's terms of use the city has not written yet (the starter leaves
/// both to the city: kensho states neither in its name without a warning).
fn assert_checks_clean(dir: &Path) {
    let run = kensho(dir, &["check", "--format", "json"]);
    assert!(run.ok, "{}\n{}", run.stdout, run.stderr);
    let mut licence = 0;
    for line in run.stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let said = v.to_string().to_lowercase();
        licence += usize::from(v["field"] == "license");
        assert!(
            said.contains("accessibility") || v["field"] == "license",
            "the starter has a problem: {v}"
        );
    }
    // The starter states no terms of use: the city is told to, once.
    assert_eq!(licence, 1, "{}", run.stdout);
}

#[test]
fn flags_make_the_plan_folder_levels_and_settings() {
    let dir = temp_dir("new-flags").join("kitakami");
    let run = new(
        &dir,
        &[
            "--city",
            "北上市",
            "--plan-dir",
            "keikaku",
            "--levels",
            "総合計画,基本目標,施策,具体的施策",
            "--title",
            "北上市総合計画 検証",
            "--base-url",
            "https://www.city.kitakami.iwate.jp/kensho",
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    let site = site_toml(&dir);
    assert_eq!(site["city"].as_str(), Some("北上市"));
    assert_eq!(site["title"].as_str(), Some("北上市総合計画 検証"));
    assert_eq!(
        site["base_url"].as_str(),
        Some("https://www.city.kitakami.iwate.jp/kensho/")
    );
    let plan = &site["plans"].as_array().unwrap()[0];
    assert_eq!(plan["dir"].as_str(), Some("keikaku"));
    let levels: Vec<_> = plan["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert_eq!(levels, ["総合計画", "基本目標", "施策", "具体的施策"]);
    // One node per level, the leaf deepest; no senryaku folder is left from a fixed starter.
    let content = dir.join("content");
    for node in [
        "keikaku/_index.md",
        "keikaku/goal-1/_index.md",
        "keikaku/goal-1/measure-1/_index.md",
        "keikaku/goal-1/measure-1/policy-1.md",
        "programs/sogyo-shien.md",
    ] {
        assert!(content.join(node).is_file(), "{node}");
    }
    assert!(!content.join("senryaku").exists());
    assert!(read(&content.join("keikaku/goal-1/measure-1/policy-1.md")).contains("具体的施策1"));
    assert_checks_clean(&dir);
    build(&dir, &dir.join("output"));
    let page = read(&dir.join("output/keikaku/goal-1/measure-1/policy-1/index.html"));
    assert!(page.contains("市内での創業件数") && page.contains("北上市"));
}

#[test]
fn the_default_starter_and_each_level_count_check_and_build_clean() {
    let parent = temp_dir("new-clean");
    for (name, args) in [
        ("default", &[][..]),
        ("two", &["--levels", "総合計画、施策"][..]),
        (
            "four",
            &["--levels", "総合戦略,基本目標,施策,具体的施策"][..],
        ),
    ] {
        let dir = parent.join(name);
        let run = new(&dir, args);
        assert!(run.ok, "{name}: {}", run.stderr);
        assert_checks_clean(&dir);
        build(&dir, &dir.join("output"));
    }
    // The default tree stays as the README and the browser walk-through know it.
    let page = read(&parent.join("default/output/senryaku/goal-1/policy-1/index.html"));
    assert!(page.contains("市内での創業件数"));
    assert!(
        parent
            .join("two/output/senryaku/policy-1/index.html")
            .is_file()
    );
}

/// `--programs`: a site of program sheets only, as a city starting from its 事務事業評価
/// sheets needs it (a new user had to delete the starter's plan, grade scale and its
/// meanings by hand): no plan folder, no `[[plans]]` or `[[scales]]`, and it checks and
/// builds clean.
#[test]
fn a_site_of_programs_only_is_made_without_a_plan() {
    let dir = temp_dir("new-programs").join("site");
    let run = new(&dir, &["--programs", "--city", "福知山市"]);
    assert!(run.ok, "{}", run.stderr);
    let settings = site_toml(&dir);
    assert!(settings.get("plans").is_none() && settings.get("scales").is_none());
    assert_eq!(settings["title"].as_str(), Some("福知山市 事務事業評価"));
    assert!(
        settings.get("statuses").is_some(),
        "the program's status words"
    );
    assert!(!dir.join("content/senryaku").exists());
    assert!(dir.join("content/programs/sogyo-shien.md").is_file());
    assert!(
        run.stderr.contains("programs/sogyo-shien/"),
        "{}",
        run.stderr
    );
    assert_checks_clean(&dir);
    build(&dir, &dir.join("output"));
    let home = read(&dir.join("output/index.html"));
    assert!(home.contains("programs/sogyo-shien/"), "{home}");
    // A plan's folder or levels cannot go with it: an error, nothing made.
    let other = temp_dir("new-programs-plan").join("site");
    let run = new(&other, &["--programs", "--levels", "総合計画,施策"]);
    assert!(
        !run.ok && run.stderr.contains("--programs"),
        "{}",
        run.stderr
    );
    assert!(!other.exists());
}

#[test]
fn the_defaults_never_double_the_plan_folder_in_a_url() {
    let dir = temp_dir("new-urls").join("site");
    let run = new(&dir, &[]);
    assert!(run.ok, "{}", run.stderr);
    let base = site_toml(&dir)["base_url"].as_str().unwrap().to_string();
    assert!(!base.trim_end_matches('/').ends_with("/senryaku"), "{base}");
    build(&dir, &dir.join("output"));
    let sitemap = read(&dir.join("output/sitemap.xml"));
    assert!(sitemap.contains("/senryaku/goal-1/policy-1/"), "{sitemap}");
    assert!(!sitemap.contains("/senryaku/senryaku/"), "{sitemap}");
    assert!(!run.stderr.contains("senryaku/senryaku"), "{}", run.stderr);
}

#[test]
fn a_base_url_ending_in_the_plan_folder_is_warned_about() {
    let dir = temp_dir("new-doubled").join("site");
    let run = new(
        &dir,
        &[
            "--plan-dir",
            "senryaku",
            "--base-url",
            "https://www.city.example.lg.jp/senryaku/",
        ],
    );
    assert!(run.ok, "the site is still made as asked: {}", run.stderr);
    for said in [
        "https://www.city.example.lg.jp/senryaku/senryaku/goal-1/policy-1/ のように senryaku が二重になります",
        "so the plan's page URLs will double it",
        "--plan-dir",
    ] {
        assert!(run.stderr.contains(said), "{said}: {}", run.stderr);
    }
    assert_checks_clean(&dir);
}

#[test]
fn every_field_of_the_starter_is_explained_in_japanese() {
    let dir = temp_dir("new-comments").join("site");
    assert!(new(&dir, &[]).ok);
    for (path, bytes) in tree(&dir.join("content")) {
        let text = String::from_utf8(bytes).unwrap();
        let at = path.display();
        assert!(text.contains("docs/content-format.ja.md"), "{at}");
        let lines: Vec<&str> = text.lines().collect();
        let mut explained = std::collections::BTreeSet::new();
        for (i, line) in lines.iter().enumerate() {
            let Some((key, _)) = line.split_once(" = ") else {
                continue;
            };
            if line.starts_with('#') || key.contains(' ') {
                continue;
            }
            let comment = i > 0 && lines[i - 1].starts_with("# ");
            let japanese = comment && lines[i - 1].chars().any(|c| c > '\u{3000}');
            // A key repeated in a list of tables ([[scales.grades]]) is explained once.
            assert!(
                explained.contains(key) || japanese,
                "{at}:{} `{key}` has no Japanese comment above it",
                i + 1
            );
            explained.insert(key);
        }
    }
}

#[test]
fn a_bad_levels_value_is_a_clear_error_and_makes_nothing() {
    let dir = temp_dir("new-bad").join("site");
    let run = new(&dir, &["--levels", "総合戦略"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("--levels には計画の階層の名前を上から2〜4個")
            && run.stderr.contains("--levels expects 2 to 4 level names"),
        "{}",
        run.stderr
    );
    assert!(!dir.exists(), "nothing is made");
    let run = new(&dir, &["--plan-dir", "戦略", "--lang", "en"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("--plan-dir expects a folder name of ASCII letters")
    );
    assert!(!run.stderr.contains("半角"), "--lang en: {}", run.stderr);
    assert!(!dir.exists());
}

/// Moved from tests/broken_sites.rs and tests/output_safety.rs: a folder in use is refused.
#[test]
fn a_folder_in_use_is_refused_with_nothing_changed() {
    let dir = temp_dir("new-in-use");
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    let before = tree(&dir);
    let run = new(&dir, &["--city", "北上市"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .contains("is not empty (nothing in it was changed)"),
        "{}",
        run.stderr
    );
    assert_eq!(tree(&dir), before);

    let site = temp_dir("new-again").join("site");
    assert!(new(&site, &[]).ok);
    let made = tree(&site);
    let again = new(&site, &["--plan-dir", "other"]);
    assert_eq!(again.code, Some(1), "a site is not made twice");
    assert_eq!(tree(&site), made);
}

/// Issue 53: the starter's title already names the city (北斗市実施計画 検証), and a
/// hand-written one often does (「西尾市 事業評価表」): the home page's lead, the pages'
/// description and the footer then give the title alone, never 「北斗市が公表する北斗市…」.
/// A title without the city keeps the city before it.
#[test]
fn the_city_is_not_said_twice_before_a_title_that_names_it() {
    let dir = temp_dir("new-city-once").join("site");
    let run = new(
        &dir,
        &[
            "--city",
            "北斗市",
            "--levels",
            "実施計画,基本目標,施策",
            "--report-year",
            "R06",
        ],
    );
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(
        site_toml(&dir)["title"].as_str(),
        Some("北斗市実施計画 検証")
    );
    build(&dir, &dir.join("output"));
    let home = read(&dir.join("output/index.html"));
    let lead = text(between(&home, "<p class=\"lead\">", "</p>"));
    assert_eq!(
        lead,
        "北斗市実施計画 検証です。令和6年度（2024）の内容を掲載しています。"
    );
    assert!(
        home.contains(
            "<meta name=\"description\" content=\"北斗市実施計画 検証（令和6年度（2024））。\">"
        ),
        "{home}"
    );
    let footer = text(between(&home, "<footer", "</nav>"));
    assert_eq!(footer.matches("北斗市").count(), 1, "{footer}");
    // The header puts the report year beside the city; a site whose title names another
    // year (a 平成29年度 sheet reviewing 平成28年度) empties the label: no year, no separator.
    let header = text(between(&home, "<p class=\"site-city\">", "</p>"));
    assert_eq!(header, "北斗市 ・令和6年度（2024）");
    let site = dir.join("content/site.toml");
    let unyeared = format!("{}\n[labels]\n\"site.header_year\" = \"\"\n", read(&site));
    std::fs::write(&site, unyeared).unwrap();
    build(&dir, &dir.join("output"));
    let home = read(&dir.join("output/index.html"));
    let header = between(&home, "<p class=\"site-city\">", "</p>");
    assert_eq!(header, "<p class=\"site-city\"><bdi>北斗市</bdi></p>");
    // A title that does not name the city: the city stands before it, as before.
    let settings = read(&site).replace("\"北斗市実施計画 検証\"", "\"実施計画 検証\"");
    std::fs::write(&site, settings).unwrap();
    build(&dir, &dir.join("output"));
    let home = read(&dir.join("output/index.html"));
    let lead = text(between(&home, "<p class=\"lead\">", "</p>"));
    assert_eq!(
        lead,
        "北斗市が公表する実施計画 検証です。令和6年度（2024）の内容を掲載しています。"
    );
}

/// The report year (issue 55: the starter always said R06, and filling the next year failed
/// with ten errors until report_year was changed by hand): given in any spelling site.toml
/// takes, written in site.toml and around it in the starter's files (the year's table, the
/// next year's target, a KPI's four years before); without it, the fiscal year of today in
/// Japan (from 1 April). The starter checks and builds clean either way.
#[test]
fn the_report_year_is_asked_and_the_starter_is_written_around_it() {
    let dir = temp_dir("new-report-year").join("site");
    let run = new(&dir, &["--report-year", "令和5年度"]);
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(site_toml(&dir)["report_year"].as_str(), Some("R05"));
    let policy = read(&dir.join("content/senryaku/goal-1/policy-1.md"));
    assert!(policy.contains("[evaluations.R05]"), "{policy}");
    assert!(
        policy.contains("actual = { R02 = 14, R03 = 15, R04 = \"—\", R05 = 18 }"),
        "{policy}"
    );
    assert!(
        policy.contains("target = { year = \"R06\", value = 20 }"),
        "{policy}"
    );
    let program = read(&dir.join("content/programs/sogyo-shien.md"));
    assert!(program.contains("\n[years.R05]\n"), "{program}");
    assert_checks_clean(&dir);
    build(&dir, &dir.join("output"));

    // By default, the fiscal year of today in Japan.
    let japan = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
    let today = jiff::Timestamp::now().to_zoned(japan).date();
    let fy = today.year() - i16::from(today.month() < 4);
    let dir = temp_dir("new-report-year-default").join("site");
    assert!(new(&dir, &[]).ok);
    let written = site_toml(&dir)["report_year"].as_str().unwrap().to_string();
    assert_eq!(written, format!("R{:02}", fy - 2018), "{written}");

    // A year that is not one is refused, naming the flag, and makes nothing.
    let dir = temp_dir("new-report-year-bad").join("site");
    let run = new(&dir, &["--report-year", "来年"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("--report-year"), "{}", run.stderr);
    assert!(!dir.join("content").exists());
}
