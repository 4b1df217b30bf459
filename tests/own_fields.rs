//! The city's own text fields (`[fields]` in site.toml): a 振興計画-like site names, for a
//! node, its evaluations, a program and its years, the fields its sheet prints (目的, 目標,
//! 実績, 理由, 今後の取組 …), built-in keys and its own mixed. Pages and the print view show
//! them under its labels in its order; the search index and all.json hold them; a text
//! key the list leaves out, and mistakes in `[fields]`, are located errors.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

const SITE: &str = r#"city = "テスト市"
title = "テスト市振興計画"
base_url = "https://www.city.example.lg.jp/shinko/"
report_year = "R02"
year_style = "era_western"

[fields]
node = [{ key = "mokuteki", label = "目的" }, { key = "intent", label = "施策の内容" }, { key = "mokuhyo", label = "目標" }]
evaluation = [{ key = "jisseki", label = "実績" }, { key = "summary", label = "理由" }, { key = "kongo", label = "今後の取組" }]
program = [{ key = "mokuteki", label = "事業の目的" }, { key = "intent", label = "事業の内容" }]
program_year = [{ key = "plan", label = "計画" }, { key = "results", label = "事業の実績" }, { key = "kongo", label = "今後の取組" }]

[[plans]]
dir = "plan"
levels = ["振興計画", "施策"]

[[scales]]
id = "s"
name = "評価"
[[scales.grades]]
key = "A"
meaning = "順調"
"#;

const ROOT: &str = "+++\ntitle = \"テスト市振興計画\"\n+++\n";

// The fields are written out of the city's order, to show the page follows site.toml.
const POLICY: &str = r#"+++
code = "1"
title = "子育て支援"
mokuhyo = "待機児童ゼロ（目標の本文）"
intent = "保育所を増やす（内容の本文）"
mokuteki = "安心して子育て（目的の本文）"
programs = ["@/programs/hoiku.md"]

[evaluations.R02]
kongo = "定員を見直す（取組の本文）"
summary = "入所希望が増えた（理由の本文）"
jisseki = "蜜蜂保育園を開設（実績の本文）"

[evaluations.R03]
kongo = "次年度も続ける（計画年の取組）"
+++
"#;

const PROGRAM: &str = r#"+++
title = "保育所整備事業"
intent = "保育所を建てる（事業内容の本文）"
mokuteki = "待機児童の解消（事業目的の本文）"

[years.R02]
kongo = "運営を改善（事業の取組の本文）"
results = "一園を開設（事業実績の本文）"

[years.R03]
kongo = "二園目を検討（計画年の事業の取組）"
plan = "二園目の設計（計画の本文）"
+++
"#;

/// A fresh site folder `name` of `site` (site.toml), `policy` and [`PROGRAM`].
fn write_site(name: &str, site: &str, policy: &str) -> PathBuf {
    site_of(
        name,
        &[
            ("site.toml", site),
            ("plan/_index.md", ROOT),
            ("plan/sesaku-1.md", policy),
            ("programs/hoiku.md", PROGRAM),
        ],
    )
}

/// The site built once for this file.
fn built() -> &'static Path {
    built_once("own-fields-out", || {
        write_site("own-fields-site", SITE, POLICY)
    })
}

fn page(url: &str) -> String {
    page_in(built(), url)
}

/// Where each of `parts` stands in `hay`, asserting they are all there, in this order.
fn in_order(hay: &str, parts: &[&str]) {
    let mut at = 0;
    for p in parts {
        let i = hay[at..]
            .find(p)
            .unwrap_or_else(|| panic!("{p:?} missing or out of order in:\n{hay}"));
        at += i + p.len();
    }
}

#[test]
fn a_node_page_shows_the_citys_fields_in_its_order_under_its_labels() {
    let html = page("plan/sesaku-1");
    let main = between(&html, "<main", "</main>");
    in_order(
        main,
        &[
            "<h2 id=\"field-mokuteki\">目的</h2>",
            "安心して子育て（目的の本文）",
            "<h2 id=\"intent\">施策の内容</h2>",
            "保育所を増やす（内容の本文）",
            "<h2 id=\"field-mokuhyo\">目標</h2>",
            "待機児童ゼロ（目標の本文）",
        ],
    );
    // The report year's evaluation, then the plan year's: each in the city's order.
    in_order(
        main,
        &[
            "<h3>実績</h3>",
            "蜜蜂保育園を開設（実績の本文）",
            "<h3>理由</h3>",
            "入所希望が増えた（理由の本文）",
            "<h3>今後の取組</h3>",
            "定員を見直す（取組の本文）",
            "<h3>今後の取組</h3>",
            "次年度も続ける（計画年の取組）",
        ],
    );
    for builtin in [
        "計画の内容</h2>",
        "基本的方向</h2>",
        ">総括<",
        "<h3>今後の方向性</h3>",
    ] {
        assert!(!main.contains(builtin), "{builtin} in:\n{main}");
    }
}

#[test]
fn a_program_page_shows_the_citys_fields_in_its_order_under_its_labels() {
    let html = page("programs/hoiku");
    let main = between(&html, "<main", "</main>");
    in_order(
        main,
        &[
            "<h2 id=\"field-mokuteki\">事業の目的</h2>",
            "待機児童の解消（事業目的の本文）",
            "<h2 id=\"intent\">事業の内容</h2>",
            "保育所を建てる（事業内容の本文）",
        ],
    );
    // The report year first (results and the city's own field), then the plan ahead.
    in_order(
        main,
        &[
            "<h3>事業の実績</h3>",
            "一園を開設（事業実績の本文）",
            "<h3>今後の取組</h3>",
            "運営を改善（事業の取組の本文）",
            "<h3>計画</h3>",
            "二園目の設計（計画の本文）",
            "<h3>今後の取組</h3>",
            "二園目を検討（計画年の事業の取組）",
        ],
    );
    for builtin in ["事業の概要", "<h3>事業実績</h3>", "<h3>計画の内容</h3>"] {
        assert!(!main.contains(builtin), "{builtin} in:\n{main}");
    }
}

/// The site without its plan year (R03), whose print view prints each program in full
/// (with a plan year it prints the 実施計画 sheet's tables).
fn print_page() -> String {
    let out = built_once("own-fields-print-out", || {
        let cut = |text: &str, from: &str| text[..text.find(from).unwrap()].to_string() + "+++\n";
        site_of(
            "own-fields-print-site",
            &[
                ("site.toml", SITE),
                ("plan/_index.md", ROOT),
                ("plan/sesaku-1.md", &cut(POLICY, "[evaluations.R03]")),
                ("programs/hoiku.md", &cut(PROGRAM, "[years.R03]")),
            ],
        )
    });
    page_in(out, "plan/print")
}

#[test]
fn the_print_view_shows_the_citys_fields_under_its_labels() {
    for html in [page("plan/print"), print_page()] {
        let main = between(&html, "<main", "</main>");
        in_order(
            main,
            &[
                ">目的</h",
                "安心して子育て（目的の本文）",
                ">施策の内容</h",
                "保育所を増やす（内容の本文）",
                ">目標</h",
                "待機児童ゼロ（目標の本文）",
            ],
        );
        in_order(
            main,
            &[
                ">実績</h",
                "蜜蜂保育園を開設（実績の本文）",
                ">理由</h",
                ">今後の取組</h",
                "定員を見直す（取組の本文）",
            ],
        );
        assert!(!main.contains(">総括<"), "{main}");
        assert_unique_ids(main);
    }
    let html = print_page();
    let main = between(&html, "<main", "</main>");
    in_order(
        main,
        &[
            ">事業の目的</h",
            "待機児童の解消（事業目的の本文）",
            ">事業の内容</h",
            "保育所を建てる（事業内容の本文）",
            ">事業の実績</h",
            "一園を開設（事業実績の本文）",
            ">今後の取組</h",
            "運営を改善（事業の取組の本文）",
        ],
    );
    assert!(!main.contains("事業の概要"), "{main}");
}

fn assert_unique_ids(html: &str) {
    let mut ids: Vec<&str> = html
        .split(" id=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(before, ids.len(), "an id repeats on the print view");
}

#[test]
fn the_search_index_and_all_json_hold_the_citys_fields() {
    let mut index = String::new();
    for entry in std::fs::read_dir(built().join("search")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            index.push_str(&read(&path));
        }
    }
    // 蜜蜂 is written only in the node's own 実績 field, 二園目 only in the program's.
    assert!(index.contains("\"蜜蜂\""), "no 蜜蜂 in the search index");
    assert!(index.contains("\"園目\""), "no 二園目 in the search index");

    let all: serde_json::Value =
        serde_json::from_str(&read(&built().join("data/all.json"))).unwrap();
    let texts = all["texts"].as_array().expect("all.json has texts");
    let find = |key: &str, text: &str| {
        texts
            .iter()
            .find(|t| t["key"] == key && t["text"].as_str().is_some_and(|s| s.contains(text)))
            .unwrap_or_else(|| panic!("no {key} {text} in {texts:#?}"))
    };
    let t = find("jisseki", "蜜蜂保育園");
    assert_eq!(t["label"], "実績");
    assert_eq!(t["year"], 2020);
    assert!(t["page"].as_str().unwrap().contains("sesaku-1"), "{t}");
    let t = find("mokuhyo", "待機児童ゼロ");
    assert_eq!(t["label"], "目標");
    assert!(t["year"].is_null(), "{t}");
    let t = find("kongo", "二園目を検討");
    assert_eq!(t["label"], "今後の取組");
    assert_eq!(t["year"], 2021);
    assert!(t["page"].as_str().unwrap().contains("hoiku"), "{t}");
    // Built-in fields stay out: they are the pages' own.
    assert!(texts.iter().all(|t| t["key"] != "summary"), "{texts:#?}");
}

/// `kensho check` of the site with `policy` as its policy file: its messages.
fn check(name: &str, site: &str, policy: &str) -> String {
    let root = write_site(name, site, policy);
    let run = kensho(&root, &["check"]);
    assert!(!run.ok, "check passed:\n{}", run.stderr);
    run.stderr
}

#[test]
fn a_text_key_the_citys_list_leaves_out_is_a_located_error() {
    let policy = POLICY.replace(
        "[evaluations.R02]\n",
        "[evaluations.R02]\noutlook = \"続ける\"\n",
    );
    let err = check("own-fields-unnamed", SITE, &policy);
    assert!(
        err.contains("content/plan/sesaku-1.md:10:11 [evaluations.R02.outlook]"),
        "{err}"
    );
    assert!(
        err.contains("site.toml の [fields] の evaluation にありません"),
        "{err}"
    );
    assert!(
        err.contains("add { key = \"outlook\", label = \"…\" } to [fields] evaluation"),
        "{err}"
    );
    // A mistyped own key: unknown, and the known keys name the city's fields.
    let policy = POLICY.replace("mokuhyo =", "mokuhyou =");
    let err = check("own-fields-typo", SITE, &policy);
    assert!(err.contains("unknown field `mokuhyou`"), "{err}");
    assert!(err.contains("did you mean `mokuhyo`?"), "{err}");
}

#[test]
fn mistakes_in_fields_are_located_errors_in_site_toml() {
    let site = SITE.replace(
        "[fields]\n",
        "[fields]\nnodes = []\nprogram_year_x = 1\n",
    )
    .replace(
        "{ key = \"kongo\", label = \"今後の取組\" }]\n\n[[plans]]",
        "{ key = \"kongo\", label = \"今後の取組\" }, { key = \"budget\", label = \"予算\" }, { key = \"plan\", label = \"計画２\" }, { key = \"bikou\", label = \" \" }]\n\n[[plans]]",
    );
    let err = check("own-fields-config", &site, POLICY);
    for expected in [
        "content/site.toml:8:1 [fields.nodes]",
        "unknown field `nodes`; did you mean `node`?",
        "[fields.program_year[4].key]",
        "field key \"budget\" is a non-text field of program_year",
        "[fields.program_year]",
        "[fields] program_year names key \"plan\" twice; keep one",
        "[fields.program_year[6].label]",
        "`label` is empty",
    ] {
        assert!(err.contains(expected), "{expected:?} not in:\n{err}");
    }
}
