//! The open data follows the forms (issue 53): `data/cells.csv` (and all.json's "cells")
//! holds every cell of every form's table as the form names it — a site's own rows by the
//! city's names (正職員数, フルコスト), never kensho's (従事人工, 総事業費) — read here from
//! the content and forms.toml on their own with the toml crate; every program is in
//! programs.csv, whatever its figures; and the data page describes only the columns the
//! site's data fills, with examples from the site itself.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::*;

type Row = BTreeMap<String, String>;

/// The full-cost site (tests/sites/fullcost) copied and built, with `extra` files added.
fn fullcost(name: &str, extra: &[(&str, &str)]) -> PathBuf {
    let site = temp_dir(&format!("open-data-forms-{name}"));
    copy_dir(&repo().join("tests/sites/fullcost"), &site);
    write_content(&site, extra);
    let out = site.join("out");
    build(&site, &out);
    out
}

fn toml_of(text: &str) -> toml::Table {
    let front = text.split("+++").nth(1).unwrap_or(text);
    front.parse().unwrap()
}

/// A value as content writes it: the text of a string, the digits of a number.
fn written(v: &toml::Value) -> String {
    match v {
        toml::Value::String(s) => s.clone(),
        toml::Value::Integer(n) => n.to_string(),
        toml::Value::Float(f) => f.to_string(),
        other => panic!("{other}"),
    }
}

/// What cells.csv should say of a value written `v`: (as printed, as a number). A dash
/// is stated as none: printed as written, no number.
fn expected(v: &toml::Value) -> (String, String) {
    let text = written(v);
    if ["-", "−", "—"].contains(&text.as_str()) {
        return (text, String::new());
    }
    match v {
        toml::Value::String(s) if s.parse::<f64>().is_err() && !s.contains(',') => {
            (text, String::new())
        }
        _ => (text.clone(), text.replace(',', "")),
    }
}

#[test]
fn every_cell_of_a_full_cost_sheet_is_in_cells_csv_as_its_form_names_it() {
    let out = fullcost("cells", &[]);
    let rows = read_csv(&out.join("data/cells.csv"));
    let forms = toml_of(&read(
        &repo().join("tests/sites/fullcost/content/forms.toml"),
    ));
    let program = toml_of(&read(
        &repo().join("tests/sites/fullcost/content/programs/kosodate.md"),
    ));
    let phases = phases_of(&forms);
    let form = &forms["forms"]["jimujigyo"];
    let mut expected_rows = 0;
    for (year, cells) in program["years"].as_table().unwrap() {
        let western = if year == "R03" { "2021" } else { "2022" };
        for (tkey, table) in form["tables"].as_table().unwrap() {
            for row in table["rows"].as_array().unwrap() {
                let (key, list) = match row.get("key") {
                    Some(k) => (k.as_str().unwrap(), false),
                    None => (row["list"].as_str().unwrap(), true),
                };
                // (row name as printed, unit, the phases written)
                let entries: Vec<(String, String, &toml::Table)> = if list {
                    (cells
                        .get(key)
                        .and_then(|l| l.as_array())
                        .into_iter()
                        .flatten())
                    .map(|e| {
                        let e = e.as_table().unwrap();
                        let unit = e.get("unit").map_or(String::new(), written);
                        (e["name"].as_str().unwrap().to_string(), unit, e)
                    })
                    .collect()
                } else {
                    let Some(c) = cells.get(key).and_then(|c| c.as_table()) else {
                        continue;
                    };
                    let unit = row.get("unit").map_or(String::new(), written);
                    vec![(row["name"].as_str().unwrap().to_string(), unit, c)]
                };
                for (name, unit, written_cells) in entries {
                    for (phase, v) in written_cells {
                        let Some((phase_name, is)) = phases.get(phase.as_str()) else {
                            continue;
                        };
                        let found: Vec<&Row> = (rows.iter())
                            .filter(|r| {
                                r["表"] == *tkey
                                    && r["行のキー"] == key
                                    && r["行"] == name
                                    && r["区分"] == *phase_name
                                    && r["年度(西暦)"] == western
                            })
                            .collect();
                        assert_eq!(found.len(), 1, "{year} {key} {name} {phase}: {found:?}");
                        let r = found[0];
                        let (printed, number) = expected(v);
                        assert_eq!((&r["表記"], &r["数値"]), (&printed, &number), "{r:?}");
                        assert_eq!(r["計画・結果"], *is, "{r:?}");
                        assert_eq!(r["単位"], unit, "{r:?}");
                        assert_eq!(r["計算値"], "0");
                        assert_eq!(r["様式"], "jimujigyo");
                        assert_eq!(r["ページID"], "programs/kosodate");
                        assert_eq!(r["名称"], "子育て支援センター運営事業");
                        expected_rows += 1;
                    }
                }
            }
        }
    }
    assert!(expected_rows >= 40, "{expected_rows}");
    // Besides the written cells, only the one the form asks to compute (フルコスト of
    // R04's 決算: its four terms written, no figure printed), said to be computed.
    let computed: Vec<&Row> = rows.iter().filter(|r| r["計算値"] == "1").collect();
    assert_eq!(rows.len(), expected_rows + computed.len());
    assert_eq!(computed.len(), 1, "{computed:?}");
    let full = computed[0];
    assert_eq!(
        (&full["行"][..], &full["区分"][..], &full["年度(西暦)"][..]),
        ("フルコスト", "決算", "2022")
    );
    assert_eq!(full["数値"], (20500 + 2050 + 16480 + 900).to_string());
    // The column as the sheet prints it: R03 is the report year's last, `{year_short}`.
    let seishokuin = (rows.iter())
        .find(|r| r["行"] == "正職員数" && r["年度(西暦)"] == "2021" && r["区分"] == "予算")
        .unwrap();
    assert_eq!(seishokuin["列"], "R3予算");
    assert_eq!(seishokuin["表の題名"], "コスト（千円）");
    // all.json holds the same rows, numbers as numbers.
    let all: serde_json::Value = serde_json::from_str(&read(&out.join("data/all.json"))).unwrap();
    let items = all["tables"]["cells"]["items"].as_array().unwrap();
    let json_rows: usize = items
        .iter()
        .map(|i| i["rows"].as_array().unwrap().len())
        .sum();
    assert_eq!(json_rows, rows.len());
    let row_columns = all["tables"]["cells"]["row_columns"].as_array().unwrap();
    let value = row_columns.iter().position(|c| c == "数値").unwrap();
    let first = &items[0]["rows"][0];
    assert!(
        first[value].is_number() || first[value].is_null(),
        "{first}"
    );
}

#[test]
fn the_open_data_keeps_the_citys_row_names() {
    let out = fullcost("names", &[]);
    let cells = read(&out.join("data/cells.csv"));
    for name in [
        "正職員数",
        "嘱託員数",
        "フルコスト",
        "財源内訳 計",
        "講座の開催回数",
    ] {
        assert!(cells.contains(name), "{name} not in cells.csv");
    }
    // kensho's own names for its built-in rows are in none of the files.
    for file in ["cells.csv", "programs.csv", "all.json", "index.html"] {
        let text = read(&out.join("data").join(file));
        for kenshos in ["従事人工", "総事業費"] {
            assert!(!text.contains(kenshos), "{file} says {kenshos}");
        }
    }
}

#[test]
fn every_program_is_in_programs_csv_whatever_its_figures() {
    // A program with no figures of kensho's own fields (its sheet is the city's form),
    // and one with none at all, beside the full-cost one.
    let out = fullcost(
        "every-program",
        &[
            (
                "programs/soudan.md",
                "+++\ncode = \"102\"\ntitle = \"家庭相談事業\"\n\n[years.R04]\nseishokuin = { budget = 1, settlement = 1 }\n+++\n",
            ),
            (
                "programs/keikaku.md",
                "+++\ncode = \"103\"\ntitle = \"計画策定事業\"\n+++\n",
            ),
        ],
    );
    let programs = read_csv(&out.join("data/programs.csv"));
    for (id, title) in [
        ("programs/kosodate", "子育て支援センター運営事業"),
        ("programs/soudan", "家庭相談事業"),
        ("programs/keikaku", "計画策定事業"),
    ] {
        let rows: Vec<&Row> = programs.iter().filter(|r| r["事業ID"] == id).collect();
        assert!(!rows.is_empty(), "{id} not in programs.csv");
        assert!(rows.iter().all(|r| r["事業名"] == title), "{rows:?}");
    }
    let cells = read_csv(&out.join("data/cells.csv"));
    assert!(
        cells
            .iter()
            .any(|r| r["ページID"] == "programs/soudan" && r["行"] == "正職員数")
    );
    assert!(!cells.iter().any(|r| r["ページID"] == "programs/keikaku"));
}

/// Every program file of an example site is in its programs.csv; each budget,
/// settlement and indicator of programs.csv is the built-in form's cell of cells.csv
/// (how many); the data page cites no other city's sheet.
fn every_program_file_is_listed(root: &Path, name: &str) -> usize {
    let out = temp_dir(&format!("open-data-forms-{name}"));
    build(root, &out);
    // The data page's words cite no city's sheet (its examples are this site's values).
    let page = read(&out.join("data/index.html"));
    for cited in [
        "「H28 開始」",
        "「(H27)」",
        "「[H30]」",
        "「【H32】」",
        "（◆…◆）",
    ] {
        assert!(!page.contains(cited), "{name}: {cited}");
    }
    let programs = read_csv(&out.join("data/programs.csv"));
    let mut files = 0;
    let dir = std::fs::read_dir(root.join("content/programs"));
    for entry in dir.into_iter().flatten() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "md") || path.ends_with("_index.md") {
            continue;
        }
        let id = format!("programs/{}", path.file_stem().unwrap().to_string_lossy());
        assert!(
            programs.iter().any(|r| r["事業ID"] == id),
            "{name}: {id} not in programs.csv"
        );
        files += 1;
    }
    assert_eq!(files > 0, !programs.is_empty(), "{name}");
    // The built-in form's cells say what programs.csv says: each budget, settlement,
    // activity indicator and its target.
    let cells = read_csv(&out.join("data/cells.csv"));
    let mut compared = 0;
    for p in &programs {
        let (row, phase) = match &p["区分"][..] {
            "予算額" => ("事業費", "予算"),
            "決算額" => ("事業費", "決算"),
            "活動指標" => (&p["活動指標名"][..], "実績"),
            "活動指標の目標値" => (&p["活動指標名"][..], "目標"),
            _ => continue,
        };
        let c = (cells.iter()).find(|c| {
            c["ページID"] == p["事業ID"]
                && c["行"] == row
                && c["区分"] == phase
                && c["年度(西暦)"] == p["年度(西暦)"]
        });
        let c = c.unwrap_or_else(|| panic!("{name}: {p:?} not in cells.csv"));
        assert_eq!(c["数値"], p["数値"], "{name}: {c:?}");
        compared += 1;
    }
    compared
}

#[test]
fn every_program_of_the_examples_is_in_the_open_data() {
    assert!(every_program_file_is_listed(&repo(), "kitakami") > 0);
    assert!(every_program_file_is_listed(&repo().join("examples/hokuto"), "hokuto") > 0);
    // Ueda's report lists no programs: its programs.csv and cells.csv have no rows.
    assert_eq!(
        every_program_file_is_listed(&repo().join("examples/ueda"), "ueda"),
        0
    );
}

/// The dictionary's column names of table `id` on the data page, and the names it says
/// are blank throughout.
fn described(page: &str, id: &str) -> (Vec<String>, Vec<String>) {
    let section = between(page, &format!("id=\"table-{id}\""), "</section>");
    let names = table_rows(section)
        .into_iter()
        .skip(1)
        .map(|r| r[0].clone())
        .collect();
    let empty = section
        .split_once("次の列はすべて空欄です: ")
        .map(|(_, rest)| {
            rest.split("</p>")
                .next()
                .unwrap()
                .split('、')
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();
    (names, empty)
}

/// A table whose rows are drawn each as a table of its own (郡山市's 成果指標, `each_row =
/// "table"`, caption 「成果指標{n} {name} 単位: {unit}」) names each row's table in
/// cells.csv as the page captions it, placeholders filled, never the template.
#[test]
fn each_rows_own_table_is_named_in_the_open_data_as_on_its_page() {
    let site = temp_dir("open-data-forms-each-row");
    copy_dir(&repo().join("examples/koriyama-jimujigyo"), &site);
    let out = site.join("out");
    build(&site, &out);
    let rows = read_csv(&out.join("data/cells.csv"));
    let titles: Vec<&str> = rows.iter().map(|r| r["表の題名"].as_str()).collect();
    assert!(titles.iter().all(|t| !t.contains('{')), "{titles:?}");
    let first = titles.iter().find(|t| t.starts_with("成果指標1 ")).unwrap();
    let page = read(&out.join("programs/shochugakko-shisho-shien/index.html"));
    assert!(
        page.contains(&format!(">{first}</caption>")),
        "{first}: {page}"
    );
}

/// A row drawn as a table of its own is numbered once, among the rows the page draws
/// over all the years: a 成果指標 郡山市 printed in 平成25年度 only (written first that
/// year) is 成果指標1 on the page, and the rows after it are 2 and 3 in every year of
/// cells.csv too, not renumbered in the years it is absent from.
#[test]
fn a_rows_own_table_is_numbered_in_the_open_data_as_on_its_page() {
    let site = temp_dir("open-data-forms-each-row-number");
    copy_dir(&repo().join("examples/koriyama-jimujigyo"), &site);
    edit_content(
        &site,
        "programs/shochugakko-shisho-shien.md",
        &[(
            "sojigyohi = \"54,497\"\n",
            "sojigyohi = \"54,497\"\n\n[[years.H25.seika]]\nname = \"読書ボランティア数\"\nunit = \"人\"\nkeikaku = 120\njisseki = 118\n",
        )],
    );
    let out = site.join("out");
    build(&site, &out);
    let page = read(&out.join("programs/shochugakko-shisho-shien/index.html"));
    let rows = read_csv(&out.join("data/cells.csv"));
    let seika: Vec<_> = rows.iter().filter(|r| r["表"] == "seika").collect();
    assert!(!seika.is_empty());
    for r in &seika {
        let title = &r["表の題名"];
        assert!(
            page.contains(&format!(">{title}</caption>")),
            "{} {}: {title} is not a caption of the page",
            r["年度(西暦)"],
            r["行"]
        );
    }
    let numbered = |name: &str| -> Vec<&str> {
        (seika.iter())
            .filter(|r| r["行"] == name)
            .map(|r| r["表の題名"].as_str())
            .collect()
    };
    assert!(
        numbered("読書ボランティア数")
            .iter()
            .all(|t| t.starts_with("成果指標1 "))
    );
    let kashidashi = numbered("貸出冊数");
    assert!(kashidashi.len() >= 4, "{kashidashi:?}");
    assert!(
        kashidashi.iter().all(|t| t.starts_with("成果指標3 ")),
        "{kashidashi:?}"
    );
}

#[test]
fn the_data_page_describes_only_what_the_site_has() {
    // A KPI without grades, direction or a rate, on the full-cost site.
    let out = fullcost(
        "data-page",
        &[(
            "plan/shisaku-1.md",
            "+++\ncode = \"1-1\"\ntitle = \"子育て支援の充実\"\nprograms = [\"@/programs/kosodate.md\"]\n\n[[kpis]]\nid = \"riyosha\"\nname = \"支援センターの利用者数\"\nunit = \"人\"\nactual = { R03 = 5200, R04 = 5630 }\n+++\n",
        )],
    );
    let page = read(&out.join("data/index.html"));
    for id in ["kpis", "programs", "cells"] {
        let (names, empty) = described(&page, id);
        let file = read_csv(&out.join("data").join(format!("{id}.csv")));
        // Every column described holds a value; every column of the file is described
        // or named as blank throughout.
        for n in &names {
            assert!(
                file.iter().any(|r| !r[n].is_empty()),
                "{id}: {n} described, always blank"
            );
        }
        for n in &empty {
            assert!(
                file.iter().all(|r| r[n].is_empty()),
                "{id}: {n} named blank"
            );
        }
        let mut all: Vec<&String> = names.iter().chain(&empty).collect();
        all.sort();
        let mut headers: Vec<&String> = file[0].keys().collect();
        headers.sort();
        assert_eq!(all, headers, "{id}");
    }
    let (kpi_columns, _) = described(&page, "kpis");
    for none in ["評価・状態", "目標の方向", "比較", "注記"] {
        assert!(!kpi_columns.iter().any(|c| c == none), "{none} described");
    }
    // No rate, no dash of programs.csv, no notes, no local government code: not explained.
    for absent in [
        "達成率",
        "金額の表記」を「-」",
        "測定した年度、累計の期間",
        "全国地方公共団体コードは先頭の0",
    ] {
        assert!(!page.contains(absent), "{absent}");
    }
    // No example from another city's sheet.
    for elsewhere in ["H28 開始", "(H27)", "[H30]"] {
        assert!(!page.contains(elsewhere), "{elsewhere}");
    }
}

/// A node's sheet (a 施策評価シート: tests/sites/shisaku, written like 貝塚市's) has its
/// table cells in cells.csv beside the programs': each cell its `[evaluations.Y]` writes,
/// under the row's name and the column's heading as printed, with its year, phase,
/// plan/result and value — read here from forms.toml and the node's file on their own.
#[test]
fn a_node_forms_table_cells_are_in_cells_csv_as_printed() {
    let site = site_copy("shisaku", "open-data-node-cells");
    let out = site.join("out");
    build(&site, &out);
    let rows = read_csv(&out.join("data/cells.csv"));
    let forms = toml_of(&read(&site.join("content/forms.toml")));
    let node = toml_of(&read(&site.join("content/keikaku/05030301.md")));
    let phases = phases_of(&forms);
    let table = &forms["forms"]["shisaku"]["tables"]["cost"];
    let names: BTreeMap<&str, &str> = (table["rows"].as_array().unwrap().iter())
        .map(|r| (r["key"].as_str().unwrap(), r["name"].as_str().unwrap()))
        .collect();
    let of_node: Vec<&Row> = (rows.iter())
        .filter(|r| r["ページID"] == "keikaku/05030301")
        .collect();
    let mut expected_rows = 0;
    for (year, cells) in node["evaluations"].as_table().unwrap() {
        // 平成 years: H24 is 2012; the sheet's columns print `{year_short}` (H24予算).
        let western = (1988 + year[1..].parse::<u32>().unwrap()).to_string();
        for (key, written_cells) in cells.as_table().unwrap() {
            let (Some(name), Some(written_cells)) =
                (names.get(key.as_str()), written_cells.as_table())
            else {
                continue;
            };
            for (phase, v) in written_cells {
                let (phase_name, is) = phases[phase.as_str()];
                let found: Vec<&&Row> = (of_node.iter())
                    .filter(|r| {
                        r["行"] == *name && r["区分"] == phase_name && r["年度(西暦)"] == western
                    })
                    .collect();
                assert_eq!(found.len(), 1, "{year} {key} {phase}: {found:?}");
                let r = found[0];
                assert_eq!(r["列"], format!("{year}{phase_name}"), "{r:?}");
                assert_eq!(r["表"], "cost");
                assert_eq!(r["計画・結果"], is, "{r:?}");
                let (printed, number) = expected(v);
                assert_eq!((&r["表記"], &r["数値"]), (&printed, &number), "{r:?}");
                assert_eq!(r["様式"], "shisaku");
                assert_eq!(r["名称"], "効率的な市政運営の推進(庶務課)");
                expected_rows += 1;
            }
        }
    }
    assert!(expected_rows >= 15, "{expected_rows}");
    assert_eq!(of_node.len(), expected_rows, "{of_node:?}");
}

/// Each phase of forms.toml by key: its name as printed and what cells.csv says it is
/// (計画 for a plan, 結果 for a result).
fn phases_of(forms: &toml::Table) -> BTreeMap<&str, (&str, &str)> {
    (forms["phases"].as_array().unwrap().iter())
        .map(|p| {
            let is = if p["is"].as_str() == Some("plan") {
                "計画"
            } else {
                "結果"
            };
            (
                p["key"].as_str().unwrap(),
                (p["name"].as_str().unwrap(), is),
            )
        })
        .collect()
}

/// A percent row (unit %) prints its figures as sheets do, 「95.6%」, on the page and as
/// the open data's 表記, with the number beside it; the page and cells.csv say the same.
#[test]
fn a_percent_row_prints_its_sign_on_the_page_and_in_the_open_data() {
    let site = temp_dir("open-data-forms-percent");
    copy_dir(&repo().join("tests/sites/fullcost"), &site);
    edit_content(
        &site,
        "forms.toml",
        &[(
            "  { key = \"zaigen\", name = \"財源内訳 計\", unit = \"千円\", kind = \"amount\" },",
            "  { key = \"zaigen\", name = \"財源内訳 計\", unit = \"千円\", kind = \"amount\" },\n  { key = \"shikko\", name = \"執行率\", unit = \"%\", kind = \"percent\" },",
        )],
    );
    edit_content(
        &site,
        "programs/kosodate.md",
        &[(
            "zaigen = { budget = \"17,000\", settlement = \"16,480\" }\n\n[[years.R04.katsudo]]",
            "zaigen = { budget = \"17,000\", settlement = \"16,480\" }\nshikko = { settlement = \"96.9%\" }\n\n[[years.R04.katsudo]]",
        )],
    );
    let out = site.join("out");
    build(&site, &out);
    let cells = read_csv(&out.join("data/cells.csv"));
    let shikko: Vec<&Row> = cells.iter().filter(|r| r["行"] == "執行率").collect();
    assert_eq!(shikko.len(), 1, "{shikko:?}");
    assert_eq!(
        (shikko[0]["表記"].as_str(), shikko[0]["数値"].as_str()),
        ("96.9%", "96.9")
    );
    let page = read(&out.join(shikko[0]["ページID"].clone() + "/index.html"));
    let row = table_rows(&page)
        .into_iter()
        .find(|r| r.first().is_some_and(|c| c.contains("執行率")))
        .expect("the 執行率 row on the program page");
    assert!(row.iter().any(|c| c == "96.9%"), "{row:?}");
}

/// A note a sheet prints beside a cell without a label (郡山市's 「※平成27年度から人件費の
/// 算出方法を変更したため…」 beside the 平成27年度 人件費; 大網白里市 labels its notes 起債名：,
/// 充当率：): a row's note `name = ""`, the text in the cell's `{ value, chuki }`, printed
/// with the cell as written — no label, no separator kensho did not see — on the page and
/// in cells.csv's 注記.
#[test]
fn a_note_printed_without_a_label_stands_with_its_cell_as_written() {
    let site = temp_dir("open-data-forms-unlabelled-note");
    copy_dir(&repo().join("examples/koriyama-jimujigyo"), &site);
    let out = site.join("out");
    build(&site, &out);
    let note = "※平成27年度から人件費の算出方法を変更したため、平成26年度以前の人件費は参考として掲載しています。";
    let page = read(&out.join("programs/shochugakko-shisho-shien/index.html"));
    assert!(
        page.contains(&format!("2,789<br><span class=\"cell-note\">{note}</span>")),
        "{page}"
    );
    let rows = read_csv(&out.join("data/cells.csv"));
    let r = (rows.iter())
        .find(|r| r["行"] == "人件費" && r["年度(西暦)"] == "2015")
        .unwrap();
    assert_eq!((r["表記"].as_str(), r["注記"].as_str()), ("2,789", note));
    // The other years' cells carry none.
    assert!(
        (rows.iter())
            .filter(|r| r["行"] == "人件費" && r["年度(西暦)"] != "2015")
            .all(|r| r["注記"].is_empty())
    );
}
