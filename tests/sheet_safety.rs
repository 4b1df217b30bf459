//! `kensho import` and `kensho export` on hostile or careless input: a workbook whose one
//! far cell would span billions (read under a memory limit), Excel's percentages, an
//! export aimed at the site's sources or at a full disk, control characters and bad bytes
//! from cells and CSVs, links in content/, and the messages a city's staff can act on.

use crate::common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use rust_xlsxwriter::{Format, Workbook};

const POLICY_1: &str = "senryaku/goal-2/policy-1.md";
const POLICY_4: &str = "senryaku/goal-2/policy-4.md";
const KPIS: &str = "senryaku_指標";

/// A copy of the Kitakami example's content/ in a fresh folder.
fn kitakami(name: &str) -> PathBuf {
    let root = temp_dir(name);
    copy_dir(&repo().join("content"), &root.join("content"));
    root
}

/// Kitakami's report year moved on to 令和2年度, so its empty column may be filled in.
fn roll_over(root: &Path) {
    let settings = root.join("content/site.toml");
    let text = read(&settings);
    std::fs::write(
        &settings,
        text.replace("report_year = \"R01\"", "report_year = \"R02\""),
    )
    .unwrap();
}

fn export(root: &Path) -> PathBuf {
    let book = root.join("kensho.xlsx");
    let run = kensho(root, &["export", "-o", book.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    book
}

/// `kensho <args>` under an address-space limit of `mb` megabytes: a program asking for
/// more memory is refused it (and, unhandled, aborts) instead of filling the machine.
fn kensho_limited(root: &Path, mb: u64, args: &[&str]) -> Run {
    if cfg!(not(unix)) {
        return kensho(root, args);
    }
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("ulimit -v {} && exec \"$0\" \"$@\"", mb * 1024))
        .arg(env!("CARGO_BIN_EXE_kensho"))
        .arg("--root")
        .arg(root)
        .args(args);
    run(command)
}

/// A cell to write: sheet, row, column (0-based), value, and whether it is shown as a
/// percentage (format `0%`, as Excel gives a cell where 85% is typed).
enum Put<'a> {
    Text(&'a str, u32, u16, &'a str),
    Number(&'a str, u32, u16, f64, bool),
}

/// The exported workbook `book` [`copied`], with `puts` written over it, saved as `to`.
fn edited(book: &Path, puts: &[Put], to: &Path) {
    let mut out = copied(book);
    let percent = Format::new().set_num_format("0%");
    for put in puts {
        match put {
            Put::Text(s, r, c, t) => {
                let ws = out.worksheet_from_name(s).unwrap();
                ws.write_string(*r, *c, *t).unwrap();
            }
            Put::Number(s, r, c, n, pc) => {
                let ws = out.worksheet_from_name(s).unwrap();
                if *pc {
                    ws.write_number_with_format(*r, *c, *n, &percent).unwrap();
                } else {
                    ws.write_number(*r, *c, *n).unwrap();
                }
            }
        }
    }
    out.save(to).unwrap();
}

/// A new workbook with every sheet and cell of `book` as calamine reads them (the hidden
/// sheet too, visible).
fn copied(book: &Path) -> Workbook {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut from = open_workbook_auto(book).unwrap();
    let mut out = Workbook::new();
    for name in from.sheet_names() {
        let range = from.worksheet_range(&name).unwrap();
        let ws = out.add_worksheet();
        ws.set_name(&name).unwrap();
        let rows: Vec<Vec<Data>> = range.rows().map(<[Data]>::to_vec).collect();
        workbook::write_rows(ws, &rows);
    }
    out
}

/// (row, column) of the cell of `file`'s KPI `n` (1-based) under heading `head` on the
/// exported KPI sheet.
fn kpi_cell(book: &Path, file: &str, n: f64, head: &str) -> (u32, u16) {
    use calamine::{Data, Reader, open_workbook_auto};
    let mut from = open_workbook_auto(book).unwrap();
    let range = from.worksheet_range(KPIS).unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let col = rows[0]
        .iter()
        .position(|h| h == &Data::String(head.into()))
        .unwrap_or_else(|| panic!("no column {head}"));
    let row = rows
        .iter()
        .position(|r| r[0] == Data::String(file.into()) && r[1] == Data::Float(n))
        .unwrap_or_else(|| panic!("no row {file} {n}"));
    (row as u32, col as u16)
}

fn cell_name(r: u32, c: u16) -> String {
    format!(
        "{}{}",
        kensho::commands::sheet::column_name(c.into()),
        r + 1
    )
}

/// The zip at `path` with its entry `name` rewritten by `edit` (stored, uncompressed).
fn rewrite_entry(path: &Path, name: &str, edit: impl Fn(String) -> String) {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut entries = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        entries.push((f.name().unwrap().to_string(), bytes));
    }
    let mut out = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut found = false;
    for (n, bytes) in entries {
        out.start_file(n.as_str(), options).unwrap();
        if n == name {
            found = true;
            let text = edit(String::from_utf8(bytes).unwrap());
            out.write_all(text.as_bytes()).unwrap();
        } else {
            out.write_all(&bytes).unwrap();
        }
    }
    out.finish().unwrap();
    assert!(found, "no {name} in the workbook");
}

// --- 1. Bounded reading --------------------------------------------------------------

/// One cell at XFD1048576 beside A1: calamine's dense range would be 17 billion cells
/// (512 GB). Under a 2 GB limit import refuses it, naming the cell, and does not abort.
#[test]
fn a_far_cell_is_refused_by_name_under_a_memory_limit() {
    let root = kitakami("far-cell");
    let book = root.join("far.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "ファイル").unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(&book).unwrap();
    assert!(std::fs::metadata(&book).unwrap().len() < 10_000);
    let run = kensho_limited(&root, 2048, &["import", book.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("Sheet1!XFD1048576: このセルは kensho が読む範囲（100000 行・1000 列まで）の外にあります")
            && run.stderr.contains("Sheet1!XFD1048576: this cell is outside what kensho reads (up to row 100000 and column 1000)"),
        "{}",
        run.stderr
    );
    // The same limit leaves room for a real workbook: Kitakami's, exported and imported.
    let run = kensho_limited(&root, 2048, &["import", export(&root).to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
}

/// Spaces over the whole sheet, to its last cell: blank, so nothing to read; the sheet is
/// passed over as empty, in bounded memory.
#[test]
fn a_sheet_of_spaces_to_its_last_cell_reads_as_empty() {
    let root = kitakami("spaces");
    let book = export(&root);
    let spaces = root.join("spaces.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, c) in [(0, 0), (1_048_575, 16_383), (5000, 9000), (70, 3)] {
        ws.write_string(r, c, "   ").unwrap();
    }
    wb.save(&spaces).unwrap();
    let run = kensho_limited(&root, 2048, &["import", spaces.to_str().unwrap()]);
    assert!(run.ok && run.stderr.contains("変更 0 件"), "{}", run.stderr);
    drop(book);
}

/// More cells than a sheet may hold (blank ones counted) are refused before they are all
/// read; a cell's text past Excel's 32,767 characters is refused by its name.
#[test]
fn too_many_cells_and_a_too_long_cell_are_refused() {
    let root = kitakami("many-cells");
    let book = export(&root);
    let many = root.join("many.xlsx");
    std::fs::copy(&book, &many).unwrap();
    rewrite_entry(&many, "xl/worksheets/sheet1.xml", |xml| {
        // Blank cells: nothing to keep, but each one read.
        let row: String = "<c></c>".repeat(1000);
        let mut rows = String::new();
        for r in 0..2001 {
            rows.push_str(&format!("<row r=\"{}\">{row}</row>", r + 200));
        }
        xml.replace("</sheetData>", &format!("{rows}</sheetData>"))
    });
    let run = kensho_limited(&root, 2048, &["import", many.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "sheet \"{KPIS}\" holds more than 2000000 cells (blank ones counted)"
        )),
        "{}",
        run.stderr
    );
    std::fs::remove_file(&many).unwrap();

    let long = root.join("long.xlsx");
    let (r, c) = kpi_cell(&book, POLICY_1, 1.0, "令和元年度 実績値");
    edited(&book, &[Put::Text(KPIS, r, c, "MARK")], &long);
    rewrite_entry(&long, "xl/sharedStrings.xml", |xml| {
        xml.replace("MARK", &"あ".repeat(32_768))
    });
    let run = kensho(&root, &["import", long.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let at = format!("{KPIS}!{}", cell_name(r, c));
    assert!(
        run.stderr.contains(&format!(
            "{at}: this cell holds more than 32767 characters (Excel's limit for a cell)"
        )),
        "{}",
        run.stderr
    );
}

/// A part calamine holds whole (the shared strings) past 64 MB unpacked is refused
/// before it is read: a zip can hold it in a few kilobytes.
#[test]
fn a_part_that_unpacks_past_its_limit_is_refused() {
    let root = kitakami("big-part");
    let book = export(&root);
    rewrite_entry(&book, "xl/sharedStrings.xml", |xml| {
        xml.replace(
            "</sst>",
            &format!("{}</sst>", "<si><t>a</t></si>".repeat(4_000_000)),
        )
    });
    let run = kensho_limited(&root, 2048, &["import", book.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("xl/sharedStrings.xml in ")
            && run
                .stderr
                .contains("unpacks to more than 64 MB, more than kensho reads"),
        "{}",
        run.stderr
    );
    std::fs::remove_dir_all(&root).unwrap();
}

/// A workbook or CSV over 100 MB is refused before it is read (a zip's list of parts is
/// read whole). The files are sparse: nothing is written to disk.
#[test]
fn a_file_over_100_mb_is_refused_unread() {
    let root = kitakami("big-file");
    for name in ["big.xlsx", "big.csv"] {
        let path = root.join(name);
        let file = std::fs::File::create(&path).unwrap();
        file.set_len(100 * 1024 * 1024 + 1).unwrap();
        let run = kensho_limited(&root, 2048, &["import", path.to_str().unwrap()]);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("{name} is over 100 MB, more than kensho reads")),
            "{}",
            run.stderr
        );
    }
    std::fs::remove_dir_all(&root).unwrap();
}

// --- 2. Excel's percentages ------------------------------------------------------------

/// 85 % typed in the next year's empty column is the number 0.85 shown `0%`: beside
/// "83.3%" it is written "85%", in a % KPI written in numbers 85, and in a KPI counted in
/// 地域 it is refused, naming the cell.
#[test]
fn a_percentage_typed_in_excel_is_written_as_the_kpi_writes_its_values() {
    let root = kitakami("percent");
    roll_over(&root);
    let book = export(&root);
    let head = "令和2年度 実績値";
    let text_kpi = kpi_cell(&book, POLICY_1, 2.0, head);
    let number_kpi = kpi_cell(&book, POLICY_4, 1.0, head);
    let edited_book = root.join("percent.xlsx");
    edited(
        &book,
        &[
            Put::Number(KPIS, text_kpi.0, text_kpi.1, 0.85, true),
            Put::Number(KPIS, number_kpi.0, number_kpi.1, 0.873, true),
        ],
        &edited_book,
    );
    let run = kensho(&root, &["import", edited_book.to_str().unwrap(), "--write"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    let policy_1 = read(&root.join("content").join(POLICY_1));
    assert!(
        policy_1.contains("H31 = \"83.3%\", R02 = \"85%\" }"),
        "{policy_1}"
    );
    let policy_4 = read(&root.join("content").join(POLICY_4));
    assert!(
        policy_4.contains("H31 = \"88.1 [H30]\", R02 = 87.3 }"),
        "{policy_4}"
    );
    let run = kensho(&root, &["check"]);
    assert!(run.ok, "{}", run.stderr);

    // In 地域: refused, the cell named, nothing written.
    std::fs::remove_file(root.join("kensho.xlsx")).unwrap();
    let book = export(&root);
    let (r, c) = kpi_cell(&book, POLICY_1, 1.0, head);
    let wrong = root.join("wrong.xlsx");
    edited(&book, &[Put::Number(KPIS, r, c, 0.85, true)], &wrong);
    let before = read(&root.join("content").join(POLICY_1));
    let run = kensho(&root, &["import", wrong.to_str().unwrap(), "--write"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let at = format!("{KPIS}!{}", cell_name(r, c));
    assert!(
        run.stderr.contains(&format!("{at}: this cell is formatted as a percentage, shown as 85% (its value is 0.85), but this KPI's unit is \"地域\"")),
        "{}",
        run.stderr
    );
    assert_eq!(read(&root.join("content").join(POLICY_1)), before);
}

/// `kensho check` warns about a value a hundred times off its own series (0.85 among
/// 80s, as a percentage turned into a number leaves it), at the value.
#[test]
fn check_warns_about_a_value_far_off_its_series() {
    let root = kitakami("off-series");
    let path = root.join("content").join(POLICY_4);
    let text = read(&path);
    std::fs::write(&path, text.replace("H30 = 88.1,", "H30 = 0.881,")).unwrap();
    let run = kensho(&root, &["check"]);
    assert!(run.ok, "a warning only: {}", run.stderr);
    assert!(
        run.stderr
            .contains("警告 warning: content/senryaku/goal-2/policy-4.md:31:")
            && run.stderr.contains("0.881"),
        "{}",
        run.stderr
    );
    // The example itself has none.
    let run = kensho(&kitakami("off-series-none"), &["check"]);
    assert!(!run.stderr.contains("0.881"), "{}", run.stderr);
}

// --- 3. Export safety ------------------------------------------------------------------

/// `export --force -o` a file of the site's sources (site.toml, a content file, a theme
/// file, a link into content/) is refused and the file is left as it was.
#[test]
fn export_never_writes_into_the_sites_sources() {
    let root = kitakami("export-sources");
    std::fs::create_dir_all(root.join("themes/mine")).unwrap();
    std::fs::write(root.join("themes/mine/page.html"), "theme").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("content/site.toml"), root.join("link.xlsx")).unwrap();
    let targets = [
        "content/site.toml",
        "content/senryaku/goal-2/policy-1.md",
        "content/new.xlsx",
        "themes/mine/page.html",
        "link.xlsx",
    ];
    let before = read(&root.join("content/site.toml"));
    for target in targets {
        let out = root.join(target);
        let was = std::fs::read(&out).ok();
        let run = kensho(&root, &["export", "--force", "-o", out.to_str().unwrap()]);
        assert_eq!(run.code, Some(1), "{target}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("kensho never writes into the site's sources"),
            "{target}: {}",
            run.stderr
        );
        assert_eq!(std::fs::read(&out).ok(), was, "{target} changed");
    }
    assert_eq!(read(&root.join("content/site.toml")), before);
    let run = kensho(&root, &["check"]);
    assert!(run.ok, "{}", run.stderr);
}

/// On a full disk, `export --force` fails and the previous workbook is whole (written in
/// place, it was emptied, then cut short); no stray line from the zip library. (A 256 KB
/// tmpfs filled up: needs permission to mount, else skipped.)
#[test]
fn a_failed_export_leaves_the_previous_workbook() {
    let root = kitakami("export-full");
    let disk = root.join("disk");
    std::fs::create_dir_all(&disk).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256k", "tmpfs"])
        .arg(&disk)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here");
        return;
    }
    let previous = disk.join("kensho.xlsx");
    let bytes = b"the workbook being filled in".repeat(100);
    std::fs::write(&previous, &bytes).unwrap();
    // The rest of the disk filled.
    let mut filler = std::fs::File::create(disk.join("filler")).unwrap();
    while filler.write_all(&[0u8; 4096]).is_ok() {}
    drop(filler);
    let run = kensho(
        &root,
        &["export", "--force", "-o", previous.to_str().unwrap()],
    );
    let mut listing: Vec<_> = std::fs::read_dir(&disk)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    listing.sort();
    let after = std::fs::read(&previous);
    let _ = Command::new("umount").arg(&disk).status();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(!run.stderr.contains("ZipWriter"), "{}", run.stderr);
    assert!(
        run.stderr.contains("(a file already there is unchanged)"),
        "{}",
        run.stderr
    );
    assert_eq!(after.unwrap(), bytes, "the previous workbook changed");
    assert_eq!(listing, ["filler", "kensho.xlsx"]);
}

// --- 4. The same checks as check -------------------------------------------------------

/// NUL (`_x0000_`) and U+202E (`&#x202E;`) from cells, as a workbook's XML spells them,
/// are refused with the cell named; nothing is written.
#[test]
fn control_and_bidi_characters_from_cells_are_refused() {
    let root = kitakami("controls");
    let book = export(&root);
    let (r, c) = kpi_cell(&book, POLICY_1, 1.0, "令和元年度 実績値");
    let marked = root.join("marked.xlsx");
    edited(
        &book,
        &[
            Put::Text(KPIS, r, c, "MARK-NUL"),
            Put::Text(KPIS, r + 1, c, "MARK-BIDI"),
        ],
        &marked,
    );
    rewrite_entry(&marked, "xl/sharedStrings.xml", |xml| {
        xml.replace("MARK-NUL", "4_x0000_")
            .replace("MARK-BIDI", "83.3&#x202E;%")
    });
    let before = read(&root.join("content").join(POLICY_1));
    let run = kensho(&root, &["import", marked.to_str().unwrap(), "--write"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    for (at, c) in [
        (cell_name(r, c), "U+0000 NUL"),
        (cell_name(r + 1, c), "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ] {
        assert!(
            run.stderr.contains(&format!(
                "{KPIS}!{at}: this cell holds an invisible control character ({c})"
            )),
            "{}",
            run.stderr
        );
    }
    assert!(!run.stderr.contains('\0') && !run.stderr.contains('\u{202E}'));
    assert_eq!(read(&root.join("content").join(POLICY_1)), before);
}

/// A CSV with bytes that are not Shift_JIS, and one that is UTF-8 but for one byte, are
/// refused with the line and the byte's offset, not read as U+FFFD or mojibake.
#[test]
fn bad_bytes_in_a_csv_are_refused_with_their_line() {
    let root = kitakami("bad-bytes");
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("ファイル,番号\n");
    let mut bytes = sjis.into_owned();
    bytes.extend_from_slice(b"senryaku/goal-2/policy-1.md,1\nx,\xFF\n");
    let csv = root.join("指標.csv");
    std::fs::write(&csv, &bytes).unwrap();
    let run = kensho(&root, &["import", csv.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let offset = bytes.iter().position(|b| *b == 0xFF).unwrap();
    assert!(
        run.stderr.contains(&format!(
            "指標.csv:3: a byte that is neither UTF-8 nor Shift_JIS at byte {offset}"
        )),
        "{}",
        run.stderr
    );

    let mut bytes = "ファイル,番号\nsenryaku/goal-2/policy-1.md,1\n"
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"x,\xE6\x8C\n");
    std::fs::write(&csv, &bytes).unwrap();
    let run = kensho(&root, &["import", csv.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "指標.csv:3: a byte that is not valid UTF-8 at byte {}",
            bytes.len() - 3
        )),
        "{}",
        run.stderr
    );
}

/// A content file that is a link out of content/ (an error for check): export and import
/// refuse, naming it. A link inside content/ is not written through nor replaced.
#[cfg(unix)]
#[test]
fn content_files_that_are_links_are_neither_exported_nor_written() {
    let root = kitakami("links");
    let book = export(&root);
    let (r, c) = kpi_cell(&book, POLICY_1, 1.0, "令和元年度 実績値");
    let edited_book = root.join("edited.xlsx");
    edited(&book, &[Put::Number(KPIS, r, c, 6.0, false)], &edited_book);

    let file = root.join("content").join(POLICY_1);
    let outside = root.join("outside.md");
    std::fs::rename(&file, &outside).unwrap();
    std::os::unix::fs::symlink(&outside, &file).unwrap();
    let before = read(&outside);
    let run = kensho(
        &root,
        &["export", "-o", root.join("b.xlsx").to_str().unwrap()],
    );
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "{POLICY_1}（content の外を指すリンク / a link out of content/）"
        )),
        "{}",
        run.stderr
    );
    assert!(!root.join("b.xlsx").exists());
    let run = kensho(&root, &["import", edited_book.to_str().unwrap(), "--write"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(read(&outside), before);
    assert!(file.is_symlink());

    // A folder of the plan that is a link out of content/: its files are refused alike.
    std::fs::remove_file(&file).unwrap();
    std::fs::rename(&outside, &file).unwrap();
    let goal = root.join("content/senryaku/goal-2");
    let moved = root.join("goal-2-elsewhere");
    std::fs::rename(&goal, &moved).unwrap();
    std::os::unix::fs::symlink(&moved, &goal).unwrap();
    let run = kensho(&root, &["import", edited_book.to_str().unwrap(), "--write"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains("a link out of content/"),
        "{}",
        run.stderr
    );
    assert_eq!(read(&moved.join("policy-1.md")), before);
    std::fs::remove_file(&goal).unwrap();
    std::fs::rename(&moved, &goal).unwrap();

    // A link inside content/: build reads it, import does not write through it.
    let inside = root.join("content/senryaku/goal-2/real-policy-1.txt");
    std::fs::rename(&file, &inside).unwrap();
    std::os::unix::fs::symlink(&inside, &file).unwrap();
    let run = kensho(&root, &["import", edited_book.to_str().unwrap(), "--write"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let at = format!("{KPIS}!{}", cell_name(r, c));
    assert!(
        run.stderr.contains(&format!(
            "{at}: {POLICY_1} is a symbolic link, so kensho import does not write it"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(read(&inside), before);
    assert!(file.is_symlink());
}

/// What import prints from the files and cells (the old value in the dry run) has its
/// control characters escaped: no ESC or CR reaches the terminal.
#[test]
fn the_dry_run_escapes_control_characters() {
    let root = kitakami("terminal");
    let path = root.join("content").join(POLICY_1);
    let text = read(&path);
    std::fs::write(
        &path,
        text.replace("H31 = \"83.3%\"", "H31 = \"83.3%\\u001b[2J\\r\""),
    )
    .unwrap();
    let book = export(&root);
    let (r, c) = kpi_cell(&book, POLICY_1, 2.0, "令和元年度 実績値");
    let edited_book = root.join("edited.xlsx");
    edited(&book, &[Put::Text(KPIS, r, c, "83.4%")], &edited_book);
    let run = kensho(&root, &["import", edited_book.to_str().unwrap()]);
    assert!(
        run.stdout.contains("\"83.3%\\u{1b}[2J\\u{d}\" → \"83.4%\""),
        "{}{}",
        run.stdout,
        run.stderr
    );
    assert!(!run.stdout.contains('\u{1b}') && !run.stdout.contains('\r'));
    assert!(!run.stderr.contains('\u{1b}') && !run.stderr.contains('\r'));
}

// --- 5. Plain messages -----------------------------------------------------------------

/// A line of only +++ in a cell: said plainly, not as TOML's "invalid multi-line basic
/// string".
#[test]
fn a_plus_line_in_a_cell_is_refused_plainly() {
    let root = kitakami("plus-line");
    let book = export(&root);
    let (r, c) = kpi_cell(&book, POLICY_1, 1.0, "令和元年度 実績値");
    let edited_book = root.join("edited.xlsx");
    edited(&book, &[Put::Text(KPIS, r, c, "4\n+++\n注")], &edited_book);
    let run = kensho(&root, &["import", edited_book.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let at = format!("{KPIS}!{}", cell_name(r, c));
    assert!(
        run.stderr
            .contains(&format!("{at}: a line of only +++ cannot be in a text")),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("multi-line"), "{}", run.stderr);
}

/// A file that is not an .xlsx workbook: said so, with what it may be, not "Could not
/// find EOCD".
#[test]
fn a_file_that_is_not_a_workbook_is_named_as_such() {
    let root = kitakami("not-xlsx");
    for (name, bytes) in [
        ("sheet.xlsx", "ファイル,番号\n".as_bytes().to_vec()),
        ("old.xls", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest".to_vec()),
    ] {
        let path = root.join(name);
        std::fs::write(&path, bytes).unwrap();
        let run = kensho(&root, &["import", path.to_str().unwrap()]);
        assert_eq!(run.code, Some(1), "{}", run.stderr);
        assert!(
            run.stderr.contains("is not an .xlsx workbook") && !run.stderr.contains("EOCD"),
            "{}",
            run.stderr
        );
    }
}

/// A formula whose value was never stored (a file written by a program that does not
/// calculate) reads as blank: refused, naming the cell.
#[test]
fn a_formula_without_its_value_is_named() {
    let root = kitakami("formula");
    let book = export(&root);
    let (r, c) = kpi_cell(&book, POLICY_1, 1.0, "令和元年度 実績値");
    let edited_book = root.join("edited.xlsx");
    edited(&book, &[Put::Text(KPIS, r, c, "MARK")], &edited_book);
    let at = cell_name(r, c);
    rewrite_entry(&edited_book, "xl/worksheets/sheet1.xml", |xml| {
        let start = xml.find(&format!("<c r=\"{at}\"")).unwrap();
        let end = start + xml[start..].find("</c>").unwrap() + 4;
        format!(
            "{}<c r=\"{at}\"><f>1+4</f></c>{}",
            &xml[..start],
            &xml[end..]
        )
    });
    let run = kensho(&root, &["import", edited_book.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!(
            "{KPIS}!{at}: this cell is a formula whose value is not stored in the file"
        )),
        "{}",
        run.stderr
    );
}

/// A list of names that is whole says no count after it: never "(and 0 more)".
#[test]
fn a_whole_list_of_names_has_no_zero_count() {
    let root = temp_dir("zero-more");
    copy_dir(&repo().join("tests/sites/minimal"), &root);
    let out = root.join("out");
    build(&root, &out);
    std::fs::write(out.join("stray.txt"), "mine").unwrap();
    let run = kensho(&root, &["build", "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("holds files kensho did not write: stray.txt.")
            && !run.stderr.contains("0 more")
            && !run.stderr.contains("ほか 0 件"),
        "{}",
        run.stderr
    );
}

/// A chart sheet (no cells) beside the exported sheets is passed over, as before.
#[test]
fn a_chart_sheet_is_passed_over() {
    let root = kitakami("chart-sheet");
    let mut out = copied(&export(&root));
    let mut chart = rust_xlsxwriter::Chart::new_column();
    chart.add_series().set_values((KPIS, 1, 6, 3, 6));
    out.add_chartsheet().insert_chart(0, 0, &chart).unwrap();
    let charted = root.join("charted.xlsx");
    out.save(&charted).unwrap();
    let run = kensho(&root, &["import", charted.to_str().unwrap()]);
    assert!(run.ok && run.stderr.contains("変更 0 件"), "{}", run.stderr);
}

/// A killed `import --write` leaves its temporary `.NAME.kensho-import` beside the file it
/// was replacing; the next `import --write` removes it (and says so), and leaves a hidden
/// file of the city's own, or one named like it beside no file, alone.
#[test]
fn the_next_import_removes_what_a_killed_one_left() {
    let root = kitakami("leftover");
    roll_over(&root);
    let book = export(&root);
    let (r, c) = kpi_cell(&book, POLICY_4, 1.0, "令和2年度 実績値");
    let edited_book = root.join("edited.xlsx");
    edited(&book, &[Put::Number(KPIS, r, c, 90.0, false)], &edited_book);
    let folder = root.join("content/senryaku/goal-2");
    let leftover = folder.join(".policy-1.md.kensho-import");
    let own = folder.join(".policy-1.md.notes");
    let orphan = folder.join(".gone.md.kensho-import");
    for f in [&leftover, &own, &orphan] {
        std::fs::write(f, "+++\ntitle = \"half\n").unwrap();
    }
    let run = kensho(&root, &["import", edited_book.to_str().unwrap()]);
    assert!(run.ok, "{}", run.stderr);
    assert!(leftover.exists(), "the dry run removes nothing");
    let run = kensho(&root, &["import", edited_book.to_str().unwrap(), "--write"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(!leftover.exists());
    assert!(
        run.stderr.contains(
            "removed what an earlier import left when it was stopped: content/senryaku/goal-2/.policy-1.md.kensho-import"
        ),
        "{}",
        run.stderr
    );
    assert!(own.exists() && orphan.exists());
    assert!(read(&root.join("content").join(POLICY_4)).contains("R02 = 90"));
}
