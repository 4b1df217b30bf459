//! The open data of the example site (data/): every KPI value of the content files, read
//! here on their own with the toml crate and a small reader of printed values, must be
//! in kpis.csv exactly; blanks stay blank and zeros stay 0; CSV is UTF-8 with a BOM and
//! CRLF; JSON holds the same rows with typed numbers; each KPI's own CSV is its rows; the
//! hostile site's quoted texts read back the same from CSV and JSON.

use crate::common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::*;

fn site() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = temp_dir("open-data");
        build(&repo(), &out);
        out
    })
}

type Row = BTreeMap<String, String>;

/// The header row of a table's CSV under `data/`.
fn headers(file: &str) -> Vec<String> {
    let bytes = std::fs::read(site().join("data").join(file)).unwrap();
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    r.headers().unwrap().iter().map(String::from).collect()
}

fn kpis_csv() -> Vec<Row> {
    read_csv(&site().join("data/kpis.csv"))
}

// --- The content, read independently of kensho's model --------------------------------

/// `H26` → 2014, `R01` → 2019, `H32` → 2020 (the eras the example site writes).
fn western(y: &str) -> u16 {
    let (era, n) = y.split_at(1);
    let n: u16 = n.parse().unwrap_or_else(|_| panic!("year {y}"));
    match era {
        "H" => 1988 + n,
        "R" => 2018 + n,
        _ => panic!("era of {y}"),
    }
}

/// What one value cell should become in the CSV: 数値, 注記 and the annotation columns.
#[derive(Debug, Default, PartialEq)]
struct Expect {
    number: String,
    note: String,
    measured: String,
    span: (String, String),
    comparator: String,
    target_year: String,
}

/// A printed value (`"▲124 (H25～29)"`, `"18,104 (H27)"`, `"88.1 [H30]"`, `"90%以上"`,
/// `"1,960 【H32】"`, `"—"`), an integer or float, or `{ note = "…" }`.
fn expect(v: &toml::Value, target: bool) -> Expect {
    let mut e = Expect::default();
    match v {
        toml::Value::Integer(n) => e.number = n.to_string(),
        toml::Value::Float(f) => e.number = f.to_string(),
        toml::Value::Table(t) => {
            e.note = t["note"].as_str().unwrap().to_string();
            assert_eq!(t.len(), 1, "only notes are written as tables here: {t:?}");
        }
        toml::Value::String(s) => {
            let s = s.trim();
            if matches!(s, "" | "-" | "—") {
                return e;
            }
            let negative = s.starts_with('▲');
            let digits: String = s
                .trim_start_matches('▲')
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
                .filter(|c| *c != ',')
                .collect();
            e.number = if negative {
                format!("-{digits}")
            } else {
                digits
            };
            if s.contains("以上") {
                e.comparator = "以上".into();
            }
            let inner = s
                .split(['(', '[', '【'])
                .nth(1)
                .map(|r| r.trim_end_matches([')', ']', '】']));
            if let Some(inner) = inner {
                if let Some((a, b)) = inner.split_once('～') {
                    let start = western(a);
                    let end = if b.starts_with(char::is_alphabetic) {
                        western(b)
                    } else {
                        western(&format!("{}{b}", &a[..1]))
                    };
                    e.span = (start.to_string(), end.to_string());
                } else if target {
                    e.target_year = western(inner).to_string();
                } else {
                    e.measured = western(inner).to_string();
                }
            }
        }
        other => panic!("unexpected value {other:?}"),
    }
    e
}

fn got(row: &Row) -> Expect {
    Expect {
        number: row["数値"].clone(),
        note: row["注記"].clone(),
        measured: row["測定年度(西暦)"].clone(),
        span: (
            row["累計開始年度(西暦)"].clone(),
            row["累計終了年度(西暦)"].clone(),
        ),
        comparator: row["比較"].clone(),
        target_year: row["目標年度(西暦)"].clone(),
    }
}

/// The front matter of a content file.
fn front_matter(path: &Path) -> toml::Table {
    let text = read(path);
    let inner = text.split("+++").nth(1).unwrap();
    inner.parse().unwrap()
}

/// Every node file of the example plan with its 項目ID (`senryaku/goal-2/policy-1`).
fn node_files() -> Vec<(String, toml::Table)> {
    let content = repo().join("content");
    walkdir::WalkDir::new(content.join("senryaku"))
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            let rel = e.path().strip_prefix(&content).unwrap().to_string_lossy();
            let id = rel
                .trim_end_matches("/_index.md")
                .trim_end_matches(".md")
                .to_string();
            (id, front_matter(e.path()))
        })
        .collect()
}

/// (指標ID, 区分, 年度(西暦)) → the expected cell, for every value the content writes.
fn expected_values() -> BTreeMap<(String, String, String), Expect> {
    let mut out = BTreeMap::new();
    for (node, front) in node_files() {
        let Some(kpis) = front.get("kpis").and_then(|k| k.as_array()) else {
            continue;
        };
        for (i, k) in kpis.iter().enumerate() {
            let id = k
                .get("id")
                .and_then(|v| v.as_str())
                .map_or_else(|| format!("kpi-{}", i + 1), String::from);
            let kpi = format!("{node}/{id}");
            let mut put = |what: &str, year: String, e: Expect| {
                assert!(
                    out.insert((kpi.clone(), what.to_string(), year), e)
                        .is_none()
                );
            };
            if let Some(b) = k.get("baseline") {
                let year = western(b["year"].as_str().unwrap()).to_string();
                put("基準値", year, expect(&b["value"], false));
            }
            for (key, what, target) in [("actual", "実績値", false), ("targets", "目標値", true)]
            {
                for (y, v) in k.get(key).and_then(|t| t.as_table()).into_iter().flatten() {
                    put(what, western(y).to_string(), expect(v, target));
                }
            }
            if let Some(t) = k.get("target") {
                let (year, e) = match t.as_table().filter(|t| t.contains_key("value")) {
                    Some(t) => {
                        let year = western(t["year"].as_str().unwrap()).to_string();
                        let mut e = expect(&t["value"], true);
                        e.target_year = year.clone();
                        (year, e)
                    }
                    None => {
                        let e = expect(t, true);
                        (e.target_year.clone(), e)
                    }
                };
                // 最終目標値 only where the content calls the target final.
                let final_ = k.get("target_final").and_then(|f| f.as_bool()) == Some(true);
                put(
                    if final_ {
                        "最終目標値"
                    } else {
                        "目標値"
                    },
                    year,
                    e,
                );
            }
            for (y, g) in k
                .get("grades")
                .and_then(|t| t.as_table())
                .into_iter()
                .flatten()
            {
                let e = Expect {
                    number: g.as_str().unwrap().to_string(), // compared with 評価・状態
                    ..Expect::default()
                };
                put("評価", western(y).to_string(), e);
            }
        }
    }
    out
}

#[test]
fn every_kpi_value_of_the_content_is_in_kpis_csv_as_written() {
    let rows = kpis_csv();
    let expected = expected_values();
    assert!(expected.len() > 60, "only {} values read", expected.len());
    let mut seen = 0;
    for ((kpi, what, year), want) in &expected {
        let row = rows
            .iter()
            .find(|r| &r["指標ID"] == kpi && &r["区分"] == what && &r["年度(西暦)"] == year)
            .unwrap_or_else(|| panic!("no row for {kpi} {what} {year}"));
        if what == "評価" {
            assert_eq!(row["評価・状態"], want.number, "{kpi} {what} {year}");
            assert_eq!(row["数値"], "", "a grade is not a number");
        } else {
            assert_eq!(&got(row), want, "{kpi} {what} {year}");
        }
        seen += 1;
    }
    // Nothing in the CSV that the content does not say: every row that holds a value of
    // the sheet was expected (達成率 is computed, and a blank 実績値 row stands for a
    // year the sheet's table shows without a value).
    for r in &rows {
        let key = (
            r["指標ID"].clone(),
            r["区分"].clone(),
            r["年度(西暦)"].clone(),
        );
        match r["区分"].as_str() {
            "達成率" => assert_eq!(r["単位"], "%"),
            "実績値" if !expected.contains_key(&key) => {
                assert_eq!(r["数値"], "", "{key:?}: a value the content does not give");
                assert_eq!(r["注記"], "", "{key:?}");
            }
            _ => assert!(expected.contains_key(&key), "unexpected row {key:?}"),
        }
    }
    assert_eq!(seen, expected.len());
}

#[test]
fn a_blank_is_an_empty_field_and_zero_is_0() {
    let rows = kpis_csv();
    let find = |kpi: &str, year: &str| {
        rows.iter()
            .find(|r| r["指標ID"] == kpi && r["区分"] == "実績値" && r["年度(西暦)"] == year)
            .unwrap_or_else(|| panic!("{kpi} {year}"))
            .clone()
    };
    // 施策3 インターンシップ: H26 "-" (blank), H27 a note in place of a value.
    let blank = find("senryaku/goal-2/policy-3/kpi-2", "2014");
    assert_eq!((blank["数値"].as_str(), blank["注記"].as_str()), ("", ""));
    let note = find("senryaku/goal-2/policy-3/kpi-2", "2015");
    assert_eq!(
        (note["数値"].as_str(), note["注記"].as_str()),
        ("", "H28 開始")
    );
    // 施策3 マッチング数: zero every year from H27.
    assert_eq!(find("senryaku/goal-2/policy-3/kpi-3", "2016")["数値"], "0");
    // 施策1 定住率: "—" until H29, then 0, then 83.3%.
    assert_eq!(find("senryaku/goal-2/policy-1/kpi-2", "2017")["数値"], "");
    assert_eq!(find("senryaku/goal-2/policy-1/kpi-2", "2018")["数値"], "0");
    let pct = find("senryaku/goal-2/policy-1/kpi-2", "2019");
    assert_eq!((pct["数値"].as_str(), pct["単位"].as_str()), ("83.3", "%"));
    // ▲124 is -124, with its span; the era year sits beside the Western year.
    let minus = find("senryaku/goal-2/kpi-1", "2017");
    assert_eq!(minus["数値"], "-124");
    assert_eq!(minus["年度(和暦)"], "平成29年度");
    let r01 = find("senryaku/goal-2/kpi-1", "2019");
    assert_eq!(r01["年度(和暦)"], "令和元年度");
    assert_eq!(r01["全国地方公共団体コード"], "032069");
    assert_eq!(r01["地方公共団体名"], "北上市");
    // No number anywhere carries a comma, a unit or ▲.
    for r in &rows {
        let n = &r["数値"];
        assert!(
            n.is_empty() || n.parse::<f64>().is_ok(),
            "not a plain number: {n:?}"
        );
    }
}

#[test]
fn csv_files_are_utf8_with_bom_and_crlf_line_ends() {
    let mut files = 0;
    for entry in walkdir::WalkDir::new(site().join("data")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "{}",
            entry.path().display()
        );
        let text = std::str::from_utf8(&bytes).unwrap();
        assert!(text.ends_with("\r\n"));
        assert_eq!(
            text.matches('\n').count(),
            text.matches("\r\n").count(),
            "{}: a line ends without CR",
            entry.path().display()
        );
        // One header row, then as many lines as records (no field of the example holds a
        // line break).
        let rows = read_csv(entry.path()).len();
        assert_eq!(text.matches("\r\n").count(), rows + 1);
        files += 1;
    }
    assert_eq!(
        files,
        5 + 9,
        "kpis, programs, cells, items, program-parents and 9 KPIs"
    );
}

/// A table of all.json as the CSV's rows: each item's fields joined to each of its rows'
/// fields, by column name. Checks every item has rows and every array its columns' width.
fn json_rows(table: &serde_json::Value) -> Vec<BTreeMap<String, serde_json::Value>> {
    let names = |key: &str| -> Vec<String> {
        table[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect()
    };
    let (item_columns, row_columns) = (names("item_columns"), names("row_columns"));
    let mut out = Vec::new();
    for item in table["items"].as_array().unwrap() {
        let fields = item["item"].as_array().unwrap();
        assert_eq!(fields.len(), item_columns.len());
        let rows = item["rows"].as_array().unwrap();
        assert!(!rows.is_empty(), "an item without rows: {item}");
        for row in rows {
            let row = row.as_array().unwrap();
            assert_eq!(row.len(), row_columns.len());
            let joined = item_columns.iter().zip(fields);
            let own = row_columns.iter().zip(row);
            out.push(
                joined
                    .chain(own)
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            );
        }
    }
    out
}

#[test]
fn json_has_the_same_rows_with_typed_numbers_and_null_blanks() {
    let rows = kpis_csv();
    let all: serde_json::Value =
        serde_json::from_str(&read(&site().join("data/all.json"))).unwrap();
    // Each table is its CSV's columns, split into the item's (a KPI's, written once per
    // KPI) and the row's, and its items: the item's fields, then each row's own.
    let kpis = &all["tables"]["kpis"];
    let mut columns: Vec<String> = ["item_columns", "row_columns"]
        .iter()
        .flat_map(|k| kpis[*k].as_array().unwrap().clone())
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    columns.sort();
    let mut csv_columns = headers("kpis.csv");
    csv_columns.sort();
    assert_eq!(columns, csv_columns);
    // The KPI's name is written once per KPI; the year on each row.
    let items = kpis["item_columns"].as_array().unwrap();
    assert!(items.contains(&"指標名".into()) && !items.contains(&"年度(西暦)".into()));
    assert_eq!(kpis["items"].as_array().unwrap().len(), 9);
    let json = json_rows(kpis);
    assert_eq!(json.len(), rows.len());
    for (c, j) in rows.iter().zip(&json) {
        assert_eq!(j.len(), c.len());
        for (key, value) in c {
            let jv = &j[key];
            match key.as_str() {
                _ if value.is_empty() => assert!(jv.is_null(), "{key}: {jv}"),
                "数値" => assert_eq!(jv.as_f64(), Some(value.parse::<f64>().unwrap())),
                "年度(西暦)"
                | "測定年度(西暦)"
                | "累計開始年度(西暦)"
                | "累計終了年度(西暦)"
                | "目標年度(西暦)" => assert_eq!(jv.as_u64().unwrap().to_string(), *value),
                _ => assert_eq!(jv.as_str(), Some(value.as_str()), "{key}"),
            }
        }
    }
    // all.json holds every table, and is the only JSON: a file per table would repeat it.
    assert_eq!(all["site"]["city_code"], "032069");
    assert_eq!(all["tables"].as_object().unwrap().len(), 5);
    let json_files: Vec<String> = std::fs::read_dir(site().join("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    assert_eq!(json_files, ["all.json"]);
    for t in ["programs", "cells", "program-parents"] {
        let file = format!("{t}.csv");
        let csv = read_csv(&site().join("data").join(&file));
        let json = json_rows(&all["tables"][t]);
        assert_eq!(json.len(), csv.len(), "{t}");
        // Row by row the same texts (numbers compared as the CSV writes them).
        for (c, j) in csv.iter().zip(&json) {
            for (key, value) in c {
                let text = json_text(&j[key]);
                assert_eq!(&text, value, "{t}: {key}");
            }
        }
    }
}

#[test]
fn each_kpi_has_its_own_csv_linked_beside_its_table() {
    let rows = kpis_csv();
    let mut ids: Vec<&str> = rows.iter().map(|r| r["指標ID"].as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 9);
    for id in ids {
        let own = read_csv(&site().join(format!("data/kpi/{id}.csv")));
        let all: Vec<&Row> = rows.iter().filter(|r| r["指標ID"] == id).collect();
        assert_eq!(own.iter().collect::<Vec<_>>(), all, "{id}");
        let (node, kpi) = id.rsplit_once('/').unwrap();
        // kensho's block links its data (the built-in page; the site's own form prints
        // the sheet's table, without the links: the data page lists each file).
        let html = read(&kitakami_builtin_built().join(node).join("index.html"));
        let section = between(
            &html,
            &format!("<section class=\"kpi\" id=\"{kpi}\""),
            "</section>",
        );
        let depth = node.split('/').count();
        let href = format!("{}data/kpi/{id}.csv", "../".repeat(depth));
        // Saved under the KPI's name (issue 43): `download="….csv"`.
        let link = format!("<a href=\"{href}\" download=\"");
        let at = section
            .find(&link)
            .unwrap_or_else(|| panic!("{id}: no link to {href}"));
        let rest = &section[at + link.len()..];
        assert!(
            rest.split_once("\">")
                .is_some_and(|(name, after)| name.ends_with(".csv")
                    && after.starts_with("この指標のデータ（CSV）")),
            "{id}: {rest}"
        );
    }
}

#[test]
fn program_figures_are_in_programs_csv() {
    let rows = read_csv(&site().join("data/programs.csv"));
    let find = |program: &str, what: &str, name: &str| {
        rows.iter()
            .find(|r| r["事業ID"] == program && r["区分"] == what && r["活動指標名"] == name)
            .unwrap_or_else(|| panic!("{program} {what} {name}"))
    };
    // Every activity indicator of every program file, read on its own.
    let mut indicators = 0;
    for entry in std::fs::read_dir(repo().join("content/programs")).unwrap() {
        let path = entry.unwrap().path();
        let front = front_matter(&path);
        let program = format!("programs/{}", path.file_stem().unwrap().to_string_lossy());
        for (year, y) in front
            .get("years")
            .and_then(|t| t.as_table())
            .into_iter()
            .flatten()
        {
            for i in y
                .get("indicators")
                .and_then(|a| a.as_array())
                .into_iter()
                .flatten()
            {
                let r = find(&program, "活動指標", i["name"].as_str().unwrap());
                assert_eq!(r["年度(西暦)"], western(year).to_string());
                assert_eq!(got(r), expect(&i["value"], false), "{program}");
                assert_eq!(r["単位"], i["unit"].as_str().unwrap());
                indicators += 1;
            }
            if let Some(s) = y.get("status").and_then(|s| s.as_str()) {
                assert_eq!(find(&program, "目標達成状況", "")["状況・方向性"], s);
            }
        }
    }
    assert!(indicators >= 5, "{indicators}");
    // Every listing of a program under a policy.
    let parents = read_csv(&site().join("data/program-parents.csv"));
    let tourism: Vec<&str> = parents
        .iter()
        .filter(|r| r["事業ID"] == "programs/green-tourism")
        .map(|r| r["項目コード"].as_str())
        .collect();
    assert!(!tourism.is_empty());
}

fn minimal() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = temp_dir("open-data-minimal");
        build(&repo().join("tests/sites/minimal"), &out);
        out
    })
}

#[test]
fn a_qualitative_kpi_has_its_states_in_words() {
    let rows = read_csv(&minimal().join("data/kpi/plan/goal-1/policy-2/kpi-1.csv"));
    let states: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["区分"].as_str(),
                r["年度(西暦)"].as_str(),
                r["評価・状態"].as_str(),
            )
        })
        .filter(|(what, _, _)| what.ends_with("状態"))
        .collect();
    assert_eq!(
        states[..3],
        [
            ("目標とする状態", "", "すべての園で第三者評価を受けている"),
            ("達成した状態", "2019", "評価基準を策定した"),
            ("達成した状態", "2020", "半数の園で第三者評価を実施"),
        ]
    );
    assert!(
        rows.iter().all(|r| r["数値"].is_empty()),
        "no numbers for words"
    );
}

#[test]
fn budgets_and_settlements_are_plain_numbers_in_thousand_yen() {
    let rows = read_csv(&minimal().join("data/programs.csv"));
    let find = |what: &str, year: &str| {
        rows.iter()
            .find(|r| {
                r["事業ID"] == "programs/hoiku" && r["区分"] == what && r["年度(西暦)"] == year
            })
            .unwrap_or_else(|| panic!("{what} {year}: {rows:?}"))
    };
    assert_eq!(find("予算額", "2019")["数値"], "1000");
    assert_eq!(find("予算額", "2019")["単位"], "千円");
    assert_eq!(find("決算額", "2020")["数値"], "1400");
    assert_eq!(find("今後の方向性", "2020")["状況・方向性"], "拡充");
    assert_eq!(find("予算額", "2019")["年度(和暦)"], "令和元年度");
}

#[test]
fn the_data_page_lists_every_file_with_its_size_and_every_column() {
    let html = read(&site().join("data/index.html"));
    for file in [
        "all.json",
        "kpis.csv",
        "programs.csv",
        "cells.csv",
        "program-parents.csv",
    ] {
        let size = std::fs::metadata(site().join("data").join(file))
            .unwrap()
            .len();
        let shown = if size < 1024 {
            format!("{size} バイト")
        } else {
            format!("{:.1} KB", size as f64 / 1024.0)
        };
        let link = between(&html, &format!("href=\"../data/{file}\""), "</span>");
        assert!(
            link.contains(&shown),
            "{file}: size {shown} not shown in {link}"
        );
    }
    // The dictionary describes every column with a value, in order, and names the
    // columns blank throughout this site's data after it.
    for (id, file) in [
        ("kpis", "kpis.csv"),
        ("programs", "programs.csv"),
        ("cells", "cells.csv"),
        ("program-parents", "program-parents.csv"),
    ] {
        let section = between(&html, &format!("id=\"table-{id}\""), "</section>");
        let names: Vec<String> = table_rows(section)
            .into_iter()
            .skip(1)
            .map(|r| r[0].clone())
            .collect();
        let rows = read_csv(&site().join("data").join(file));
        let filled = |h: &String| rows.iter().any(|r| !r[h].is_empty());
        let headers = headers(file);
        let (with, blank): (Vec<String>, Vec<String>) = headers.into_iter().partition(filled);
        assert_eq!(names, with, "{id}");
        let said = section
            .split_once("次の列はすべて空欄です: ")
            .map_or("", |(_, rest)| rest.split("</p>").next().unwrap());
        assert_eq!(said, blank.join("、"), "{id}");
    }
    // Each table says where its JSON is: its table in all.json.
    for id in ["kpis", "programs", "cells", "program-parents"] {
        let card = between(
            &html,
            &format!("href=\"#table-{id}\""),
            "</li>\n      </ul>",
        );
        assert!(
            card.contains(&format!(
                "all.json</a> <span class=\"size\">JSON・<code>\"{id}\"</code> の表"
            )),
            "{id}: {card}"
        );
    }
    // Every per-KPI file is listed.
    assert_eq!(html.matches("href=\"../data/kpi/").count(), 9);
    // The footer of every page links to the data page and to all the data.
    let home = read(&site().join("index.html"));
    assert!(home.contains("<a href=\"data/\">オープンデータ（CSV・JSON）</a>"));
    assert!(home.contains("<a href=\"data/all.json\" download>すべてのデータ（JSON）</a>"));
}

/// The big files are written in pieces as rows are made; joined again, the pieces of a
/// write in tiny pieces are exactly the files of the build (written in large pieces).
#[test]
fn data_files_written_in_small_pieces_are_the_files_of_the_build() {
    use kensho::outputs::datafiles::{self, Piece};
    let mut diags = kensho::diag::Diagnostics::default();
    let raw = kensho::load::load(&repo(), &mut diags);
    let a = kensho::commands::pipeline::analyse(
        &raw.sources(&mut diags),
        kensho::model::Drafts::Hide,
        &mut diags,
    )
    .unwrap();
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut parts = 0;
    let written = datafiles::write(&a.site, &a.graph, 7, &mut |piece| match piece {
        Piece::Whole(f) => {
            assert!(files.insert(f.path, f.bytes).is_none());
        }
        Piece::Part { path, bytes } => {
            parts += 1;
            files.entry(path.to_string()).or_default().extend(bytes);
        }
    });
    assert!(written.errors.is_empty());
    assert!(parts > 50, "written in {parts} pieces");
    let built: Vec<String> = walkdir::WalkDir::new(site().join("data"))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(site()).unwrap();
            rel.to_string_lossy().replace('\\', "/")
        })
        .filter(|p| p != "data/index.html") // the data page
        .collect();
    assert_eq!(built.len(), files.len(), "the same files");
    for path in built {
        let bytes = std::fs::read(site().join(&path)).unwrap();
        assert!(files[&path] == bytes, "{path} differs");
        assert_eq!(written.sizes[&path], bytes.len(), "{path}'s size");
    }
}

/// The hostile site's texts hold quotes, commas, apostrophes and markup: read back with
/// csv's reader and serde_json, every table's CSV and all.json hold the same texts (a
/// CSV cell a spreadsheet would run as a formula has one `'` more).
#[test]
fn quoted_texts_read_back_the_same_from_csv_and_json() {
    let out = temp_dir("open-data-hostile");
    build(&repo().join("tests/sites/hostile"), &out);
    let all: serde_json::Value = serde_json::from_str(&read(&out.join("data/all.json"))).unwrap();
    let mut quoted = 0;
    for t in ["kpis", "programs", "program-parents"] {
        let file = out.join("data").join(format!("{t}.csv"));
        quoted += read(&file).matches("\"\"").count();
        let csv = read_csv(&file);
        let json = json_rows(&all["tables"][t]);
        assert_eq!(json.len(), csv.len(), "{t}");
        for (c, j) in csv.iter().zip(&json) {
            for (key, value) in c {
                let text = json_text(&j[key]);
                let guarded = value.strip_prefix('\'') == Some(text.as_str());
                assert!(
                    *value == text || guarded,
                    "{t}: {key}: {value:?} / {text:?}"
                );
            }
        }
    }
    assert!(quoted > 0, "no quote doubled in the hostile site's CSV");
}

/// A JSON cell as its CSV cell reads: null empty, a string as it is, a number as written.
fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A site whose node, program and program year carry the city's flags (北斗市's marks).
fn flagged() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let root = temp_dir("open-data-flags");
        let content = root.join("content");
        let files = [
            (
                "site.toml",
                "city = \"北斗市\"\ntitle = \"実施計画\"\nbase_url = \"https://example.jp/\"\nreport_year = \"R05\"\nflags = [\"【重点施策】\", \"【新規】\", \"≪新規≫\"]\n\n[[plans]]\ndir = \"plan\"\nlevels = [\"実施計画\", \"主要施策\"]\n\n[[scales]]\nid = \"abcd\"\nname = \"評価\"\n[[scales.grades]]\nkey = \"Ａ\"\nmeaning = \"順調\"\n",
            ),
            ("plan/_index.md", "+++\ntitle = \"実施計画\"\n+++\n"),
            (
                "plan/policy.md",
                "+++\ncode = \"35-5\"\ntitle = \"観光の振興\"\nflags = [\"【重点施策】\"]\nprograms = [\"@/programs/wakamono.md\"]\n\n[[kpis]]\nname = \"観光客数\"\nunit = \"人\"\nactual = { R05 = 100 }\n+++\n",
            ),
            (
                "programs/wakamono.md",
                "+++\ntitle = \"若者との協働事業\"\nnew = true\n\n[years.R05]\nsettlement = 18\nfunding = \"単独事業\"\nflags = [\"≪新規≫\"]\n\n[years.R06]\nbudget = 250\n+++\n",
            ),
        ];
        for (path, text) in files {
            let path = content.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let out = temp_dir("open-data-flags-out");
        build(&root, &out);
        out
    })
}

#[test]
fn the_citys_flags_are_in_the_last_columns_as_written() {
    let header = |file: &str| {
        let raw = read(&flagged().join("data").join(file));
        let line = raw.lines().next().unwrap().trim_start_matches('\u{feff}');
        line.split(',').map(String::from).collect::<Vec<_>>()
    };
    // Added at the end; the columns before keep their places.
    let programs = header("programs.csv");
    assert_eq!(
        programs[26..],
        ["金額の表記", "フラグ", "年度のフラグ"],
        "{programs:?}"
    );
    let parents = header("program-parents.csv");
    assert_eq!(parents[15..], ["初出のURL", "項目のフラグ"], "{parents:?}");
    let kpis = header("kpis.csv");
    assert_eq!(kpis[26..], ["掲載ページURL", "項目のフラグ"], "{kpis:?}");

    let rows = read_csv(&flagged().join("data/programs.csv"));
    let row = |year: &str, what: &str| {
        rows.iter()
            .find(|r| r["年度(西暦)"] == year && r["区分"] == what)
            .unwrap_or_else(|| panic!("{year} {what}: {rows:?}"))
    };
    // new = true is the flag 【新規】; ≪新規≫ is the 令和５年度's own.
    assert_eq!(row("2023", "決算額")["フラグ"], "【新規】");
    assert_eq!(row("2023", "決算額")["年度のフラグ"], "≪新規≫");
    assert_eq!(row("2023", "事業区分")["年度のフラグ"], "≪新規≫");
    assert_eq!(row("2024", "予算額")["年度のフラグ"], "");
    assert_eq!(row("2024", "予算額")["新規事業"], "1");
    let parents = read_csv(&flagged().join("data/program-parents.csv"));
    assert_eq!(parents[0]["項目のフラグ"], "【重点施策】");
    let kpis = read_csv(&flagged().join("data/kpis.csv"));
    assert!(
        kpis.iter().all(|r| r["項目のフラグ"] == "【重点施策】"),
        "{kpis:?}"
    );
    // all.json: the program's flags once per item, the year's on each row.
    let json: serde_json::Value =
        serde_json::from_str(&read(&flagged().join("data/all.json"))).unwrap();
    let table = &json["tables"]["programs"];
    let items = table["item_columns"].as_array().unwrap();
    assert_eq!(items.last().unwrap(), "フラグ");
    assert_eq!(
        table["row_columns"].as_array().unwrap().last().unwrap(),
        "年度のフラグ"
    );
    // The data page documents them.
    let page = text(&read(&flagged().join("data/index.html")));
    for column in ["フラグ", "年度のフラグ", "項目のフラグ"] {
        assert!(page.contains(column), "{column}");
    }
    assert!(page.contains("シートに印字されたとおり"), "{page}");
}

/// A KPI of report year 令和５ with targets ahead (令和６・７) and a final target (令和８).
fn planned_kpi() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let root = temp_dir("open-data-plan-years");
        write_content(
            &root,
            &[
                (
                    "site.toml",
                    "city = \"北斗市\"\ntitle = \"実施計画\"\nbase_url = \"https://example.jp/\"\nreport_year = \"R05\"\n\n[[plans]]\ndir = \"plan\"\nlevels = [\"実施計画\", \"主要施策\"]\n\n[[scales]]\nid = \"abcd\"\nname = \"評価\"\n[[scales.grades]]\nkey = \"Ａ\"\nmeaning = \"順調\"\n",
                ),
                ("plan/_index.md", "+++\ntitle = \"実施計画\"\n+++\n"),
                (
                    "plan/policy.md",
                    "+++\ncode = \"35-1\"\ntitle = \"ワインの振興\"\n\n[[kpis]]\nid = \"wine\"\nname = \"ワイン醸造量\"\nunit = \"kL\"\ndirection = \"up\"\nactual = { R04 = 100, R05 = 120 }\ntargets = { R03 = 90, R05 = 110, R06 = 130, R07 = 140 }\ntarget = { value = 150, year = \"R08\" }\n+++\n",
                ),
            ],
        );
        let out = temp_dir("open-data-plan-years-out");
        build(&root, &out);
        out
    })
}

#[test]
fn a_plan_year_has_no_actual_value_row_in_the_open_data() {
    let rows = read_csv(&planned_kpi().join("data/kpis.csv"));
    let kinds = |year: &str| -> Vec<&str> {
        rows.iter()
            .filter(|r| r["年度(西暦)"] == year)
            .map(|r| r["区分"].as_str())
            .collect()
    };
    // A result year keeps its 実績値 row, blank where the sheet has none (令和３).
    assert_eq!(kinds("2021"), ["実績値", "目標値"], "{rows:?}");
    assert_eq!(kinds("2023"), ["実績値", "目標値", "達成率"], "{rows:?}");
    // Years after report_year are targets only.
    assert_eq!(kinds("2024"), ["目標値"], "{rows:?}");
    assert_eq!(kinds("2025"), ["目標値"], "{rows:?}");
    // The KPI's target, not called final: a 目標値 (issue 53).
    assert_eq!(kinds("2026"), ["目標値"], "{rows:?}");
    // The columns stay as they are.
    assert_eq!(
        headers("kpis.csv"),
        read_csv_headers(&planned_kpi().join("data/kpis.csv"))
    );
    // The KPI's own CSV and all.json hold the same rows.
    let own = read_csv(&planned_kpi().join("data/kpi/plan/policy/wine.csv"));
    assert_eq!(own, rows);
    let all: serde_json::Value =
        serde_json::from_str(&read(&planned_kpi().join("data/all.json"))).unwrap();
    let json = json_rows(&all["tables"]["kpis"]);
    let actual_years: Vec<String> = json
        .iter()
        .filter(|r| r["区分"] == "実績値")
        .map(|r| r["年度(西暦)"].to_string())
        .collect();
    assert_eq!(actual_years, ["2021", "2022", "2023"], "{json:?}");
}

fn read_csv_headers(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).unwrap();
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    r.headers().unwrap().iter().map(String::from).collect()
}

/// Content saved with CRLF line ends (Notepad, git's autocrlf on Windows) publishes the
/// same files, byte for byte: the pages, and the open data's texts as written (all.json's
/// `texts` once kept each CR).
#[test]
fn content_saved_with_crlf_line_ends_publishes_the_same_files() {
    let root = temp_dir("open-data-crlf");
    copy_dir(&repo().join("content"), &root.join("content"));
    copy_dir(&repo().join("themes"), &root.join("themes"));
    let mut converted = 0;
    for entry in walkdir::WalkDir::new(root.join("content")) {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "md" || e == "toml") {
            let text = read(&path);
            std::fs::write(&path, text.replace('\n', "\r\n")).unwrap();
            converted += 1;
        }
    }
    assert!(converted > 10, "{converted} files");
    let out = root.join("out");
    build(&root, &out);
    let files = |dir: &Path| -> BTreeMap<PathBuf, Vec<u8>> {
        (walkdir::WalkDir::new(dir).into_iter())
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect()
    };
    let (lf, crlf) = (files(site()), files(&out));
    assert_eq!(
        lf.keys().collect::<Vec<_>>(),
        crlf.keys().collect::<Vec<_>>()
    );
    let differ: Vec<&PathBuf> = lf.keys().filter(|k| lf[*k] != crlf[*k]).collect();
    assert!(differ.is_empty(), "differ: {differ:?}");
}
