//! `kensho export`: per plan a KPI sheet and a programs sheet; identity columns locked
//! (sheet protection, no password), value cells open, drop-downs for the site's words.

use std::path::Path;

use rust_xlsxwriter::{DataValidation, Format, Workbook, Worksheet, XlsxError};

use super::Cell;
use super::layout::{Check, Role, Sheet};
use crate::diag::{Lang, Message};

pub fn export(root: &Path, output: &Path, force: bool, lang: Option<Lang>) -> i32 {
    let lang = crate::commands::lang::resolve(lang, root);
    let result = super::settings(root).and_then(|config| {
        // The workbook replaces the file a link names, and the link stays.
        let real = target(root, output)?;
        if real.exists() && !force {
            return Err(exists(output));
        }
        let sheets = super::layout::sheets(root, &config);
        let unreadable = super::layout::unreadable(root, &config);
        if !unreadable.is_empty() {
            return Err(unreadable_files(&unreadable));
        }
        let cannot = |e: &dyn std::fmt::Display| {
            Message::new(
                format!(
                    "{} に書けません（前からあるファイルは元のままです）: {e}",
                    output.display()
                ),
                format!(
                    "cannot write {} (a file already there is unchanged): {e}",
                    output.display()
                ),
            )
        };
        // Made whole in memory, then written beside the target and renamed over it: a
        // failure (a full disk) leaves the previous workbook as it was.
        let (bytes, counts) = write(&sheets).map_err(|e| cannot(&e))?;
        super::replace_file(&real, &bytes, "kensho-export").map_err(|e| cannot(&e))?;
        Ok(counts)
    });
    match result {
        Ok((kpis, programs, nodes)) => {
            // Node rows are said only where the site has them (its own node forms).
            let (ja, en) = match nodes {
                0 => (String::new(), String::new()),
                n => (format!("、項目 {n} 行"), format!(", {n} item row(s)")),
            };
            let m = Message::new(
                format!(
                    "{} に指標 {kpis} 件、事業 {programs} 行{ja}を書きました",
                    output.display()
                ),
                format!(
                    "wrote {kpis} KPI(s) and {programs} program row(s){en} to {}",
                    output.display()
                ),
            );
            eprintln!("{}", super::terminal(&m.in_lang(lang)));
            0
        }
        Err(m) => {
            eprintln!("{}", super::terminal(&m.in_lang(lang)));
            1
        }
    }
}

/// The file the workbook is written to (a symbolic link followed), refused where `build`
/// would refuse its output: the site folder, its sources and themes.
fn target(root: &Path, output: &Path) -> Result<std::path::PathBuf, Message> {
    let (real, forbidden) = crate::write::examine(root, output)?;
    let Some((why_ja, why_en)) = forbidden else {
        return Ok(real);
    };
    let o = output.display();
    let shown = if output.is_symlink() {
        format!("{o} (→ {})", real.display())
    } else {
        o.to_string()
    };
    Err(Message::new(
        format!(
            "{shown} にはブックを書き出せません: {why_ja}。kensho はサイトの原稿（content/、themes/、site.toml）に書き込みません。-o でサイトの原稿の外の名前を指定してください（例: -o kensho.xlsx）"
        ),
        format!(
            "cannot export the workbook to {shown}: {why_en}. kensho never writes into the site's sources (content/, themes/, site.toml); name a file outside them with -o (such as -o kensho.xlsx)"
        ),
    ))
}

/// The workbook there may be the one staff are filling in.
fn exists(output: &Path) -> Message {
    let p = output.display();
    Message::new(
        format!(
            "{p} はもうあります（記入中のブックかもしれません）。書き出しませんでした。両方残すには -o で別の名前を指定し、上書きしてよければ --force を付けてください"
        ),
        format!(
            "{p} already exists (it may be the workbook being filled in); nothing written. To keep both, give another name with -o; to overwrite it, add --force"
        ),
    )
}

/// Files the sheets would leave out without a word (or hold though `build` refuses them).
pub fn unreadable_files(files: &[String]) -> Message {
    let list = files.join(", ");
    Message::new(
        format!(
            "読めないファイルがあるので何もしませんでした（そのままでは行が抜けるか、サイトに使えない行が入ります）: {list}。kensho check で確かめて直してください"
        ),
        format!(
            "nothing done: these files cannot be read (their rows would be missing, or be rows the site cannot use): {list}; run kensho check to see why"
        ),
    )
}

/// How many rows the workbook holds: KPI rows, program rows and node rows.
pub type Counts = (usize, usize, usize);

/// The workbook's bytes, and how many rows of each kind it holds.
pub fn write(sheets: &[Sheet]) -> Result<(Vec<u8>, Counts), XlsxError> {
    let mut book = Workbook::new();
    let (mut kpis, mut programs, mut nodes) = (0, 0, 0);
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name)?;
        write_sheet(ws, sheet)?;
        match sheet.kind {
            super::layout::Kind::Kpis => kpis += sheet.rows.len(),
            super::layout::Kind::Programs => programs += sheet.rows.len(),
            super::layout::Kind::Nodes => nodes += sheet.rows.len(),
        }
    }
    // Not in a workbook with no sheet to fill in: one sheet at least must be visible.
    if !sheets.is_empty() {
        write_exported(book.add_worksheet(), sheets)?;
    }
    Ok((book.save_to_buffer()?, (kpis, programs, nodes)))
}

/// The hidden sheet of the values as exported (see [`super::layout::EXPORTED`]).
fn write_exported(ws: &mut Worksheet, sheets: &[Sheet]) -> Result<(), XlsxError> {
    ws.set_name(super::layout::EXPORTED)?;
    // Very hidden: Excel's 再表示 does not list it, so it is not edited by mistake.
    ws.set_very_hidden(true);
    ws.protect();
    for (col, head) in ["ファイル", "キー", "値"].into_iter().enumerate() {
        ws.write_string(0, col as u16, head)?;
    }
    for (i, (file, key, cell)) in super::layout::exported(sheets).into_iter().enumerate() {
        let r = 1 + i as u32;
        ws.write_string(r, 0, file)?;
        ws.write_string(r, 1, &key)?;
        put(ws, r, 2, cell, None)?;
    }
    Ok(())
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let open = Format::new().set_unlocked();
    let last = sheet.rows.len() as u32;
    for (col, column) in sheet.columns.iter().enumerate() {
        let col = col as u16;
        ws.write_string_with_format(0, col, &column.head, &bold)?;
        let Role::Value(field) = &column.role else {
            continue;
        };
        if let Check::Words(_, list) = &field.check
            && last > 0
            && !list.is_empty()
        {
            // A list the drop-down cannot hold (Excel: 255 characters) is left to import's check.
            if let Ok(dv) = DataValidation::new().allow_list_strings(list) {
                ws.add_data_validation(1, col, last, col, &dv)?;
            }
        }
    }
    for (i, row) in sheet.rows.iter().enumerate() {
        let r = 1 + i as u32;
        for (col, (cell, column)) in row.cells.iter().zip(&sheet.columns).enumerate() {
            let format = matches!(column.role, Role::Value(_)).then_some(&open);
            put(ws, r, col as u16, cell, format)?;
        }
    }
    ws.protect();
    ws.set_freeze_panes(1, 2)?;
    for (col, column) in sheet.columns.iter().enumerate() {
        let width = if matches!(column.role, Role::Value(_)) {
            14.0
        } else {
            24.0
        };
        ws.set_column_width(col as u16, width)?;
    }
    Ok(())
}

fn put(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &Cell,
    open: Option<&Format>,
) -> Result<(), XlsxError> {
    let plain = Format::new();
    let format = open.unwrap_or(&plain);
    match cell {
        Cell::Empty if open.is_some() => {
            ws.write_blank(row, col, format)?;
        }
        Cell::Empty => {}
        Cell::Number(n) => {
            ws.write_number_with_format(row, col, *n, format)?;
        }
        Cell::Text(s) => {
            ws.write_string_with_format(row, col, s, format)?;
        }
    }
    Ok(())
}
