//! The labels table: documented in full, used by the templates as it is, and replaced by
//! site.toml's `[labels]`.

use crate::common;

use std::path::Path;

use common::{
    between, build, build_temp, copy_dir, edit_content, kensho, page_in, read, repo, site_copy,
    temp_dir,
};

/// Every key of a label file, `section.name`.
fn keys(file: &str) -> Vec<String> {
    let text = read(&repo().join("src/model/labels").join(file));
    let table: toml::Table = text.parse().expect("the label file parses");
    table
        .iter()
        .flat_map(|(s, names)| {
            let names = names.as_table().expect("a section is a table");
            names.keys().map(move |n| format!("{s}.{n}"))
        })
        .collect()
}

#[test]
fn every_label_is_documented() {
    let doc = read(&repo().join("docs/labels.md"));
    let missing: Vec<String> = keys("ja.toml")
        .into_iter()
        .filter(|k| !doc.contains(&format!("`{k}`")))
        .collect();
    assert!(missing.is_empty(), "not in docs/labels.md: {missing:?}");
}

/// The `t.section.name` the templates read.
fn used_in_templates() -> Vec<String> {
    let dir = repo().join("themes/default/templates");
    let mut used = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = read(&entry.unwrap().path());
        let mut rest = text.as_str();
        while let Some(i) = rest.find("t.") {
            let before = rest[..i].chars().last();
            let after = &rest[i + 2..];
            rest = after;
            // `t.` alone, not the end of another name (`tt.`, `list.`).
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                continue;
            }
            let key: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
                .collect();
            used.push(key);
        }
    }
    used
}

#[test]
fn every_label_the_templates_read_exists() {
    let known = keys("ja.toml");
    let used = used_in_templates();
    assert!(used.len() > 100, "{used:?}");
    let unknown: Vec<&String> = used.iter().filter(|k| !known.contains(k)).collect();
    assert!(
        unknown.is_empty(),
        "templates read labels not in ja.toml: {unknown:?}"
    );
    // No template word is left as a literal: the Japanese in templates is in comments.
    let dir = repo().join("themes/default/templates");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = read(&path);
        let outside_comments = text
            .split("{#")
            .enumerate()
            .map(|(i, part)| {
                if i == 0 {
                    part
                } else {
                    part.split_once("#}").map_or("", |(_, after)| after)
                }
            })
            .collect::<String>();
        let japanese: String = outside_comments
            .chars()
            .filter(|&c| matches!(c as u32, 0x3000..=0x30FF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF))
            .collect();
        assert!(japanese.is_empty(), "{}: {japanese}", path.display());
    }
}

/// The Kitakami example with `extra` added to its site.toml, built into a fresh folder.
fn kitakami_with(name: &str, extra: &str) -> (std::path::PathBuf, common::Run) {
    let root = temp_dir(name);
    copy_dir(&repo().join("content"), &root.join("content"));
    let site = root.join("content/site.toml");
    let text = read(&site);
    std::fs::write(&site, format!("{text}\n{extra}")).unwrap();
    let out = root.join("out");
    let run = kensho(&root, &["build", "-o", out.to_str().unwrap()]);
    (root, run)
}

fn page(root: &Path, url: &str) -> String {
    page_in(&root.join("out"), url)
}

#[test]
fn a_site_replaces_labels_with_its_own_words() {
    let (root, run) = kitakami_with(
        "labels-override",
        "[labels]\n\"home.lead\" = \"{city}の振興計画の実施状況です。\"\n\n[labels.nav]\nkpis = \"成果指標の一覧\"\n",
    );
    assert!(run.ok, "{}", run.stderr);
    let home = page(&root, "");
    assert!(home.contains("北上市の振興計画の実施状況です。"), "{home}");
    assert!(!home.contains("計画ごとに、目標・施策・事業の進み具合"));
    // The list's name, in the navigation of every page and as the list page's title.
    assert!(home.contains(">成果指標の一覧</a>"));
    assert!(!home.contains(">指標一覧</a>"));
    let kpis = page(&root, "kpis");
    assert!(kpis.contains("<h1>成果指標の一覧</h1>"), "{kpis}");
    assert!(kpis.contains(">成果指標の一覧</caption>"));
}

#[test]
fn the_defaults_show_without_labels() {
    let home = page_in(&build_temp(&repo(), "labels-defaults"), "");
    assert!(home.contains(">指標一覧</a>"));
}

#[test]
fn an_unknown_label_is_a_located_error_naming_it() {
    let (_root, run) = kitakami_with("labels-unknown", "[labels]\n\"nav.kpi\" = \"指標\"\n");
    assert!(!run.ok);
    let err = &run.stderr;
    assert!(err.contains("site.toml"), "{err}");
    assert!(err.contains("nav.kpi"), "{err}");
    assert!(err.contains("nav.kpis"), "the nearest key: {err}");
    assert!(
        err.contains("ラベル") && err.contains("there is no label"),
        "{err}"
    );
}

#[test]
fn an_empty_print_link_label_leaves_no_empty_link_behind() {
    // つくば市's new user emptied 「計画全体を印刷用に表示」 (its sheet prints no such words):
    // an empty <a> stayed on every node page, reached by keyboard and screen readers.
    let (root, run) = kitakami_with(
        "labels-print-link",
        "[labels]\n\"node.print_link\" = \"\"\n",
    );
    assert!(run.ok, "{}", run.stderr);
    let with = page_in(
        &build_temp(&repo(), "labels-print-link-default"),
        "senryaku/goal-2",
    );
    assert!(with.contains("<p class=\"print-link\"><a href="), "{with}");
    let without = page(&root, "senryaku/goal-2");
    assert!(!without.contains("print-link"), "{without}");
    assert!(!without.contains("\"></a>"), "{without}");
}

/// 成田市's 事務事業評価一覧 is one list of programs under the document itself (a plan's
/// root): each program's page listed its parent as 「› 平成27年度 事務事業評価一覧」, a
/// separator with nothing before it; and emptying the list's heading (`program.parents =
/// ""`) left an empty `<h2>`. The path's separators stand between its steps only, and an
/// emptied heading leaves the list without one.
#[test]
fn a_program_listed_by_the_plans_root_names_it_without_a_separator_and_an_emptied_heading_leaves_none()
 {
    let mut pages = Vec::new();
    for (name, label) in [
        ("root-parent", ""),
        (
            "root-parent-unheaded",
            "[labels]\n\"program.parents\" = \"\"\n",
        ),
    ] {
        let s = site_copy("sheets", name);
        edit_content(
            &s,
            "plan/_index.md",
            &[(
                "title = \"テスト市総合計画\"\n",
                "title = \"テスト市総合計画\"\nprograms = [\"@/programs/bochi.md\"]\n",
            )],
        );
        edit_content(
            &s,
            "plan/shisaku-22.md",
            &[("programs = [\"@/programs/bochi.md\"]\n", "")],
        );
        let settings = s.join("content/site.toml");
        std::fs::write(&settings, format!("{}\n{label}", read(&settings))).unwrap();
        let out = s.join("out");
        build(&s, &out);
        pages.push(read(&out.join("programs/bochi/index.html")));
    }
    let parents = between(&pages[0], "<ul class=\"parents\">", "</ul>");
    assert!(parents.contains("テスト市総合計画</a>"), "{parents}");
    assert!(!parents.contains("›"), "{parents}");
    assert!(pages[0].contains("<h2 id=\"parents\">"), "{}", pages[0]);
    // Unheaded: the same list, and no heading, empty or not.
    let unheaded = between(&pages[1], "<ul class=\"parents\">", "</ul>");
    assert_eq!(unheaded, parents);
    assert!(!pages[1].contains("id=\"parents\""), "{}", pages[1]);
    assert!(!pages[1].contains("<h2></h2>"), "{}", pages[1]);
}

/// Round 25 of issue 53 (盛岡市): a site that empties a chart's legend words
/// (`kpi.legend_actual`, `kpi.legend_target`) has no legend left of them, not their bare
/// marks 「● △」; the other entries stay.
#[test]
fn an_emptied_legend_label_takes_its_mark_with_it() {
    let root = common::kitakami_builtin("labels-legend-empty");
    let site = root.join("content/site.toml");
    let text = read(&site);
    let out = root.join("out");
    build(&root, &out);
    let before = page_in(&out, "senryaku/goal-2/policy-1");
    assert!(before.contains("class=\"legend-marks\""), "{before}");
    assert!(before.contains("aria-hidden=\"true\">●</span>"), "{before}");
    let labels = "\n[labels.kpi]\nlegend_actual = \"\"\nlegend_target = \"\"\n";
    std::fs::write(&site, format!("{text}{labels}")).unwrap();
    build(&root, &out);
    let after = page_in(&out, "senryaku/goal-2/policy-1");
    assert!(after.contains("chart-figure"), "{after}");
    assert!(!after.contains("aria-hidden=\"true\">●</span>"), "{after}");
    assert!(!after.contains("aria-hidden=\"true\">△</span>"), "{after}");
    // The entries the site left as they are stay (the baseline's ■).
    assert!(after.contains("aria-hidden=\"true\">■</span>"), "{after}");
}
