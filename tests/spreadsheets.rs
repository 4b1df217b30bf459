//! `kensho export` and `kensho import`: the KPI workbook out, staff's edits back in.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};
use common::*;

/// A copy of an example site's content/ in a fresh folder.
fn copy_site(from: &Path, name: &str) -> PathBuf {
    let root = temp_dir(name);
    for entry in walkdir::WalkDir::new(from.join("content")) {
        let entry = entry.unwrap();
        let to = root.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    root
}

/// Every file under content/ with its bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect()
}

fn export(root: &Path) -> PathBuf {
    let book = root.join("kpi.xlsx");
    let run = kensho(root, &["export", "-o", book.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    book
}

/// Copies `book` cell by cell as a staff member's save would, `edit` overriding cells
/// named by (sheet, row's file and number, column heading).
fn edited(book: &Path, edits: &[(&str, &str, f64, &str, Edit)]) -> PathBuf {
    let mut from = open_workbook_auto(book).unwrap();
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in from.sheet_names() {
        let range = from.worksheet_range(&name).unwrap();
        let ws = out.add_worksheet();
        ws.set_name(&name).unwrap();
        let head: Vec<String> = (0..range.width())
            .map(|c| range.get((0, c)).map(|d| d.to_string()).unwrap_or_default())
            .collect();
        for (r, row) in range.rows().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let edit = edits.iter().find(|(s, file, n, col, _)| {
                    *s == name
                        && row[0] == Data::String(file.to_string())
                        && row[1] == Data::Float(*n)
                        && head[c] == *col
                });
                let cell = match edit {
                    Some((.., e)) => e.data(),
                    None => cell.clone(),
                };
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Data::Float(f) => ws.write_number(r, c, f).map(|_| ()),
                    Data::Int(i) => ws.write_number(r, c, i as f64).map(|_| ()),
                    Data::String(s) => ws.write_string(r, c, s).map(|_| ()),
                    Data::Bool(b) => ws.write_boolean(r, c, b).map(|_| ()),
                    _ => Ok(()),
                }
                .unwrap();
            }
        }
    }
    let path = book.with_file_name("edited.xlsx");
    out.save(&path).unwrap();
    path
}

#[derive(Clone)]
enum Edit {
    Number(f64),
    Text(&'static str),
    Bool,
}

impl Edit {
    fn data(&self) -> Data {
        match self {
            Edit::Number(n) => Data::Float(*n),
            Edit::Text(s) => Data::String(s.to_string()),
            Edit::Bool => Data::Bool(true),
        }
    }
}

#[test]
fn a_round_trip_with_no_edits_changes_no_byte() {
    for (example, name) in [
        (repo(), "sheet-kitakami"),
        (example_dir("hokuto"), "sheet-hokuto"),
    ] {
        let root = copy_site(&example, name);
        let before = snapshot(&root);
        let book = export(&root);
        // Saved again by a spreadsheet program, unchanged.
        let book = edited(&book, &[]);
        let run = kensho(&root, &["import", book.to_str().unwrap(), "--write"]);
        assert!(run.ok, "{}", run.stderr);
        assert!(run.stderr.contains("変更 0 件"), "{}", run.stderr);
        assert_eq!(snapshot(&root), before, "{name}");
    }
}

#[test]
fn the_workbook_holds_the_values_as_written() {
    let root = copy_site(&repo(), "sheet-values");
    let book = export(&root);
    let mut wb = open_workbook_auto(&book).unwrap();
    let range = wb.worksheet_range("senryaku").unwrap();
    let head: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        &head[..8],
        [
            "ファイル",
            "番号",
            "コード",
            "施策",
            "指標名",
            "単位",
            "基準値",
            "最終目標"
        ]
    );
    // The report year is 令和元年度; the year after it is there to fill in.
    assert!(head.contains(&"令和元年度 実績".to_string()), "{head:?}");
    assert_eq!(head.last().unwrap(), "令和2年度 実績");
    let row = range
        .rows()
        .find(|r| r[4] == Data::String("地域おこし協力隊の定住率".into()))
        .unwrap();
    let col = |h: &str| head.iter().position(|x| x == h).unwrap();
    assert_eq!(row[0], Data::String("senryaku/goal-2/policy-1.md".into()));
    assert_eq!(row[2], Data::String("施策1".into()));
    assert_eq!(row[col("令和元年度 実績")], Data::String("83.3%".into()));
    assert_eq!(row[col("平成30年度 実績")], Data::Float(0.0));
    assert_eq!(row[col("基準値")], Data::String("—".into()));
    assert_eq!(row[col("最終目標")], Data::Float(100.0));
    assert_eq!(row[col("令和2年度 実績")], Data::Empty);
}

const POLICY_1: &str = "content/senryaku/goal-2/policy-1.md";

#[test]
fn a_new_years_actual_lands_in_its_file_and_key_with_comments_kept() {
    let root = copy_site(&repo(), "sheet-new-year");
    let before = std::fs::read_to_string(root.join(POLICY_1)).unwrap();
    let book = export(&root);
    let file = "senryaku/goal-2/policy-1.md";
    let book = edited(
        &book,
        &[
            ("senryaku", file, 1.0, "令和2年度 実績", Edit::Number(5.0)),
            (
                "senryaku",
                file,
                2.0,
                "令和元年度 実績",
                Edit::Text("85.0%"),
            ),
        ],
    );
    // First a dry run: it says what it would change and writes nothing.
    let run = kensho(&root, &["import", book.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout.contains("senryaku!") && run.stdout.contains("actual.R2: （空欄 blank） → 5"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("\"83.3%\" → \"85.0%\""),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("変更 2 件"), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(root.join(POLICY_1)).unwrap(),
        before
    );

    let run = kensho(&root, &["import", book.to_str().unwrap(), "--write"]);
    assert!(run.ok, "{}", run.stderr);
    let after = std::fs::read_to_string(root.join(POLICY_1)).unwrap();
    let expected = before
        .replace(
            "actual = { H27 = 3, H28 = 5, H29 = 4, H30 = 3, H31 = 4 }",
            "actual = { H27 = 3, H28 = 5, H29 = 4, H30 = 3, H31 = 4, R02 = 5 }",
        )
        .replace("H31 = \"83.3%\" }", "H31 = \"85.0%\" }");
    assert_ne!(expected, before);
    // Only those two values changed: comments, blank lines and order are as they were.
    assert_eq!(after, expected);
    // And the site still checks with them, once the report year is rolled over (an
    // actual after report_year is an error that says so).
    let settings = root.join("content/site.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    assert!(text.contains("report_year = \"R01\""));
    std::fs::write(
        &settings,
        text.replace("report_year = \"R01\"", "report_year = \"R02\""),
    )
    .unwrap();
    let run = kensho(&root, &["check"]);
    assert!(run.ok, "{}", run.stderr);
}

#[test]
fn a_bad_cell_is_named_by_sheet_and_cell_and_nothing_is_written() {
    let root = copy_site(&repo(), "sheet-bad-cell");
    let before = snapshot(&root);
    let book = export(&root);
    let file = "senryaku/goal-2/policy-1.md";
    let book = edited(
        &book,
        &[
            ("senryaku", file, 1.0, "令和2年度 実績", Edit::Bool),
            ("senryaku", file, 2.0, "令和2年度 実績", Edit::Number(90.0)),
        ],
    );
    // Where that cell is: the last column, the row of policy-1's first KPI.
    let mut wb = open_workbook_auto(&book).unwrap();
    let range = wb.worksheet_range("senryaku").unwrap();
    let row = range
        .rows()
        .position(|r| r[0] == Data::String(file.into()) && r[1] == Data::Float(1.0));
    let at = format!(
        "senryaku!{}{}",
        column_letters(range.width() - 1),
        row.unwrap() + 1
    );
    let run = kensho(&root, &["import", book.to_str().unwrap(), "--write"]);
    assert!(!run.ok);
    assert_eq!(
        run.stderr.trim(),
        format!(
            "{at}: 真偽値（TRUE/FALSE）のセルは読めません。数値か文字列で書いてください\n\
             {at}: a TRUE/FALSE cell cannot be read; write a number or text"
        )
    );
    assert_eq!(snapshot(&root), before);
}

/// A column's letters as a spreadsheet shows them (0 → A, 26 → AA).
fn column_letters(col: usize) -> String {
    let first = if col >= 26 {
        column_letters(col / 26 - 1)
    } else {
        String::new()
    };
    format!("{first}{}", (b'A' + (col % 26) as u8) as char)
}
