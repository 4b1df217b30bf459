//! Issue 42, "features follow the content" and "nothing invented": a site shows a grade
//! column, a legend, a list page or a 「記載なし」 only when its settings have the words
//! and its content uses them; a KPI without a stated direction has no achievement rate;
//! kensho's own sums of budgets appear only when the site asks for them, labelled.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

const SITE: &str = r#"city = "テスト町"
title = "テスト町 実施計画"
base_url = "https://www.town.example.lg.jp/keikaku/"
report_year = "R05"
"#;

const PLAN: &str = r#"
[[plans]]
dir = "plan"
levels = ["実施計画", "施策"]
"#;

const ROOT: &str = "+++\ntitle = \"テスト町 実施計画\"\n+++\n計画の全体。\n";

const POLICY: &str = r#"+++
code = "1"
title = "地域づくり"
programs = ["@/programs/chiiki.md"]

[totals.R05]
budget = 900
settlement = 800
+++
"#;

const PROGRAM: &str = r#"+++
title = "地域づくり事業"

[years.R05]
results = "集会所を直した。"
budget = 1000
settlement = 950
+++
"#;

/// A site with no scale, statuses, directions, departments or KPIs; `extra` goes into
/// site.toml before the plans, `policy` replaces the policy's file.
fn site(name: &str, extra: &str, policy: &str) -> PathBuf {
    let site_toml = format!("{SITE}{extra}{PLAN}");
    site_of(
        name,
        &[
            ("site.toml", site_toml.as_str()),
            ("plan/_index.md", ROOT),
            ("plan/policy-1.md", policy),
            ("programs/chiiki.md", PROGRAM),
        ],
    )
}

fn built(root: &Path) -> PathBuf {
    build_inside(root, "output")
}

/// Every page of the build, by path.
fn pages(out: &Path) -> Vec<(String, String)> {
    let mut all = Vec::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "html") {
                let rel = p.strip_prefix(out).unwrap().display().to_string();
                all.push((rel, read(&p)));
            }
        }
    }
    all
}

const LIST_URLS: [&str; 5] = ["kpis/", "grades/", "status/", "directions/", "departments/"];

#[test]
fn a_site_without_vocabularies_shows_none_of_their_parts() {
    let out = built(&site("bare", "", POLICY));
    for url in LIST_URLS {
        assert!(
            !out.join(url).exists(),
            "list page {url} written for a site with nothing to list"
        );
    }
    for (path, html) in pages(&out) {
        // The open data page's dictionary describes the tables' fixed columns (the same
        // for every site, so files from many cities read alike), 達成率 among them.
        if path.starts_with("data/") {
            continue;
        }
        let seen = text(&html);
        for word in [
            "評価の見方",
            "記載なし",
            "達成率",
            "望ましい方向",
            "達成状況",
            "目標達成状況",
            "評価別",
            "指標一覧",
            "事業の状況別",
            "今後の方向性別",
            "所属別",
        ] {
            assert!(!seen.contains(word), "{path} shows {word}:\n{seen}");
        }
        for url in LIST_URLS {
            assert!(
                !hrefs(&html).iter().any(|h| h.ends_with(url)),
                "{path} links to the missing list {url}"
            );
        }
    }
    let sitemap = read(&out.join("sitemap.xml"));
    for url in LIST_URLS {
        assert!(!sitemap.contains(url), "sitemap lists {url}");
    }
}

#[test]
fn lists_in_site_toml_switches_a_list_off() {
    let policy = POLICY.replace("programs = [", "departments = [\"企画課\"]\nprograms = [");
    let kept = built(&site("lists-all", "", &policy));
    assert!(kept.join("departments/index.html").exists());
    let off = built(&site("lists-off", "lists = [\"kpis\"]\n", &policy));
    assert!(!off.join("departments/index.html").exists());
    assert!(!page_in(&off, "").contains("departments/"));

    let root = site("lists-bad", "lists = [\"kpi\"]\n", POLICY);
    let run = kensho(&root, &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("site.toml")
            && run.stderr.contains("lists")
            && run.stderr.contains("kpis"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_grade_without_a_scale_is_a_located_error() {
    let policy = POLICY.replace(
        "settlement = 800\n",
        "settlement = 800\n\n[evaluations.R05]\ngrade = \"A\"\n",
    );
    let root = site("grade-no-scale", "", &policy);
    let run = kensho(&root, &["check"]);
    assert!(!run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("policy-1.md")
            && run.stderr.contains("評価の尺度がありません")
            && run.stderr.contains("[[scales]]")
            && run.stderr.contains("defines no grade scale"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_status_without_a_vocabulary_is_a_located_error() {
    let root = site("status-no-vocabulary", "", POLICY);
    let program = PROGRAM.replace("budget = 1000", "status = \"順調\"\nbudget = 1000");
    write_content(&root, &[("programs/chiiki.md", program.as_str())]);
    let run = kensho(&root, &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("chiiki.md")
            && run.stderr.contains("[[statuses]]")
            && run.stderr.contains("site.toml"),
        "{}",
        run.stderr
    );
}

const KPIS: &str = r#"
[[kpis]]
id = "stated"
name = "参加者数"
unit = "人"
direction = "up"
actual = { R05 = 80 }
target = { year = "R05", value = 100 }

[[kpis]]
id = "unstated"
name = "集会所の数"
unit = "か所"
actual = { R05 = 8 }
target = { year = "R05", value = 10 }
"#;

#[test]
fn a_kpi_without_a_direction_has_no_achievement_rate() {
    let policy = format!("{}{KPIS}+++\n", POLICY.trim_end_matches("+++\n"));
    let out = built(&site("kpi-direction", "", &policy));
    let node = page_in(&out, "plan/policy-1");
    let stated = text(between(&node, "id=\"stated\"", "</section>"));
    let unstated = text(between(&node, "id=\"unstated\"", "</section>"));
    assert!(
        stated.contains("80%") || stated.contains("80.0%"),
        "{stated}"
    );
    assert!(stated.contains("実績値÷目標値"), "{stated}");
    assert!(stated.contains("目標の方向"), "{stated}");
    assert!(!unstated.contains("達成率"), "{unstated}");
    assert!(!unstated.contains("目標の方向"), "{unstated}");

    let list = text(&page_in(&out, "kpis"));
    let row = between(&list, "集会所の数", "か所");
    assert!(!row.contains('%'), "{list}");

    // The open data: a 達成率 row for the KPI with a direction only; its 目標の方向
    // cell empty (CSV) / null (JSON) for the other.
    let csv = read_csv(&out.join("data/kpis.csv"));
    let rated = |id: &str| {
        csv.iter()
            .any(|r| r["指標ID"].ends_with(id) && r["区分"] == "達成率")
    };
    assert!(rated("/stated") && !rated("/unstated"), "{csv:?}");
    assert!(
        csv.iter()
            .filter(|r| r["指標ID"].ends_with("/unstated"))
            .all(|r| r["目標の方向"].is_empty())
    );
    let json: serde_json::Value = serde_json::from_str(&read(&out.join("data/all.json"))).unwrap();
    let items = json["tables"]["kpis"]["items"].as_array().unwrap();
    let unstated = items
        .iter()
        .find(|i| i["item"][7] == "plan/policy-1/unstated")
        .expect("the KPI in all.json");
    assert!(unstated["item"][12].is_null(), "{unstated}");
    let rows = unstated["rows"].as_array().unwrap();
    assert!(rows.iter().all(|r| r[2] != "達成率"), "{unstated}");
}

#[test]
fn computed_totals_appear_only_when_asked_and_labelled() {
    let plain = built(&site("totals-off", "", POLICY));
    let node = text(&page_in(&plain, "plan/policy-1"));
    // The printed 計 is shown; kensho's sum (950 settlement, 1,000 budget) is not.
    assert!(node.contains("900") && node.contains("800"), "{node}");
    assert!(!node.contains("950"), "{node}");
    assert!(!node.contains("計算した値"), "{node}");

    let asked = built(&site("totals-on", "computed_totals = true\n", POLICY));
    let node = text(&page_in(&asked, "plan/policy-1"));
    assert!(node.contains("900") && node.contains("950"), "{node}");
    assert!(node.contains("足して計算した値"), "{node}");
}
