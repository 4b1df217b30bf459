//! A cell as content writes it: a value alone (`1.5`, `"16,847"`, `"-"`, `"算定中"` in a
//! `words = true` row), or a table `{ value = "60.2%", year = "H23", phase = "budget" }`
//! when the cell prints its own year (羽村市 現状 「60.2% (平成23年度予算)」), carries the
//! row's notes (`{ value = 1000, kisai = "…" }`: 起債名, 充当率) or is printed with marks
//! around its figure (`{ value = "100.71", printed = "<100.71%>" }`: 西尾市's 達成度), or
//! links (`{ value = "PDF:149KB", link = "@/gaiyo/s1.pdf" }`: 糸魚川市's result sheets).

use super::value::cell_value;
use super::{CellLink, CellValue, CellYear};
use crate::diag::Message;
use crate::load::tree::Value;
use crate::model::form::{PhaseIs, Row};
use crate::model::markdown::files::{Target, target};
use crate::model::markdown::{FileLink, folder};
use crate::model::reader::{Located, Val};
use crate::model::site::SiteConfig;
use crate::model::value::check_printed;
use crate::model::year::FiscalYear;

/// A cell read: its value, the year it prints as its own, its notes (key, text).
#[derive(Clone)]
pub(super) struct Written {
    pub value: CellValue,
    pub year: Option<CellYear>,
    pub notes: Vec<(String, String)>,
    pub link: Option<CellLink>,
}

/// Whether `v` is a cell written as a table (it has `value`), not a row's phases.
pub(super) fn is_cell_table(v: &Val<'_>) -> bool {
    matches!(&v.node.value, Value::Table(t) if t.iter().any(|(k, _)| k.name == "value"))
}

/// Read one cell of `row`.
pub(super) fn read(v: Val<'_>, field: &str, row: &Row, config: &SiteConfig) -> Option<Written> {
    let Some(mut t) = v.as_table(field.to_string()) else {
        return cell_value(v, field, row, config).map(|value| Written {
            value,
            year: None,
            notes: Vec::new(),
            link: None,
        });
    };
    // Years as keys (`target = { H31 = "2,315" }`): a year's cells go in its own table.
    let year_key = (t.entries())
        .map(|(k, _)| k.name.clone())
        .find(|k| FiscalYear::parse(k).is_ok());
    if let (Some(y), None) = (year_key, t.span_of("value")) {
        // `…shihyo1.target`: the row's key, then the phase's.
        let mut parts = field.rsplit('.');
        let (phase, row_key) = (parts.next().unwrap_or(field), parts.next().unwrap_or(field));
        v.ctx.error(
            v.span(),
            field,
            Message::new(
                format!("「{y}」は年度です。年度ごとのセルは、その年度の表に書きます：計画の項目は [evaluations.{y}]、事業は [years.{y}] の中に {row_key} = {{ {phase} = … }}"),
                format!("\"{y}\" is a year: a year's cells go in that year's table, [evaluations.{y}] for a node of a plan or [years.{y}] for a program, as {row_key} = {{ {phase} = … }}"),
            ),
        );
        return None;
    }
    let value = t.value("value");
    let printed = t.string("printed");
    let year = t.string("year");
    let phase = t.string("phase");
    let link = t.string("link");
    let notes: Vec<(String, String)> = (row.notes.iter())
        .filter_map(|n| Some((n.key.clone(), t.own_string(&n.key)?.value)))
        .collect();
    t.finish();
    let Some(value) = value else {
        v.ctx.error(
            v.span(),
            field,
            Message::new(
                format!("「{field}」にセルの値 value がありません（例: {{ value = \"60.2%\", year = \"H23\", phase = \"budget\" }}）"),
                format!("`{field}` has no value: a cell written as a table gives it (e.g. {{ value = \"60.2%\", year = \"H23\", phase = \"budget\" }})"),
            ),
        );
        return None;
    };
    let link = match link {
        // A cell of choices prints every word after its mark: no one text to link.
        Some(l) if matches!(row.kind, crate::model::form::RowKind::Word(_)) => {
            v.ctx.error(
                l.span,
                &format!("{field}.link"),
                Message::new(
                    "語を選ぶ列（kind = \"word\"）のセルはすべての語を印字するので、リンクを付けられません",
                    "a cell of a column of choices (kind = \"word\") prints all its words, so it takes no link",
                ),
            );
            return None;
        }
        Some(l) => Some(cell_link(&v, field, l)?),
        None => None,
    };
    let written = as_figure_text(&value);
    let mut value = cell_value(value, &format!("{field}.value"), row, config)?;
    if let Some(l) = printed {
        value = with_printed(v, field, value, written, l)?;
    }
    let own = match (year, phase) {
        (None, None) => None,
        (Some(y), phase) => own_year(v, field, (y, phase), config),
        (None, Some(p)) => {
            v.ctx.error(
                p.span,
                &format!("{field}.phase"),
                Message::new(
                    "セルの phase は、そのセル自身の年度 year と一緒に書きます（例: year = \"H23\", phase = \"budget\"）",
                    "a cell's phase goes with the cell's own year (e.g. year = \"H23\", phase = \"budget\")",
                ),
            );
            None
        }
    };
    Some(Written {
        value,
        year: own,
        notes,
        link,
    })
}

/// A cell's `link`: a file beside the pages (`"@/gaiyo/s1.pdf"`, or a path from the
/// page's folder), published with the page, or an address on the web (`"https://…"`).
/// Anything else is an error at the link, and the cell is dropped.
fn cell_link(v: &Val<'_>, field: &str, l: Located<String>) -> Option<CellLink> {
    let dest = l.value.trim();
    let link_field = format!("{field}.link");
    let scheme = |s: &str| {
        dest.get(..s.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(s))
    };
    let web = scheme("https://") || scheme("http://");
    if web && !dest.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return Some(CellLink::Web(dest.to_string()));
    }
    if web {
        v.ctx.error(
            l.span,
            &link_field,
            Message::new(
                format!("セルのリンク先「{dest}」に空白か制御文字があります。ウェブのアドレスは空白なしで書いてください（空白は %20）"),
                format!("a cell's link \"{dest}\" holds a space or a control character; write the web address without them (a space is %20)"),
            ),
        );
        return None;
    }
    let why = match target(dest, &folder(v.ctx)) {
        Target::File(path, _) => {
            return Some(CellLink::File(FileLink {
                dest: dest.to_string(),
                path,
                span: l.span,
            }));
        }
        Target::Refused(message) => message,
        Target::Page(..) | Target::Other => Message::new(
            format!(
                "セルのリンク先「{dest}」は、ページのそばに置いたファイル（\"@/gaiyo/kekka.pdf\" のように content/ フォルダから見た場所）か、ウェブのアドレス（\"https://…\"）を書きます。サイトのページへのリンクは、本文か文章の項目に [語句](@/….md) で書いてください"
            ),
            format!(
                "a cell's link \"{dest}\" is a file beside the pages (a path from content/, as \"@/gaiyo/kekka.pdf\") or an address on the web (\"https://…\"); link a page of the site from a text, [words](@/….md)"
            ),
        ),
    };
    v.ctx.error(l.span, &link_field, why);
    None
}

/// The figure's text as content writes it (「1,712」), to find in the cell's `printed`; a
/// TOML number is compared by its decimals as written.
fn as_figure_text(v: &Val<'_>) -> Option<String> {
    match &v.node.value {
        Value::String(s) => Some(s.trim().to_string()),
        _ => None,
    }
}

/// A cell's `printed` (西尾市's 達成度 「<100.71%>」 over `value = "100.71"`): the whole cell
/// as the sheet prints it, the figure's digits in it (else an error, and the cell dropped);
/// only a figure has one.
fn with_printed(
    v: Val<'_>,
    field: &str,
    value: CellValue,
    written: Option<String>,
    l: Located<String>,
) -> Option<CellValue> {
    let printed_field = format!("{field}.printed");
    let Some(n) = value.figure() else {
        v.ctx.error(
            l.span,
            &printed_field,
            Message::new(
                "printed（印字のとおりの値）は数値のセルに書きます。value に数値を書いてください（語句やなしの印は value にそのまま書きます）",
                "printed (the cell as printed) goes with a figure: write the number as value (words or a mark for none go in value as they are)",
            ),
        );
        return None;
    };
    let figure = written.unwrap_or_else(|| crate::model::value::fixed(n.value, n.decimals));
    if let Err(message) = check_printed(&l.value, &figure) {
        v.ctx.error(l.span, &printed_field, message);
        return None;
    }
    Some(CellValue::Printed(n, l.value.trim().to_string()))
}

/// A cell's `year` and `phase` as written.
type YearPhase = (Located<String>, Option<Located<String>>);

/// A cell's own year (and phase): a year of the site's spellings, a phase of
/// `phases`, a result no later than the report year.
fn own_year(
    v: Val<'_>,
    field: &str,
    (y, phase): YearPhase,
    config: &SiteConfig,
) -> Option<CellYear> {
    let year_field = format!("{field}.year");
    let year = match FiscalYear::parse(&y.value) {
        Ok(year) => v
            .ctx
            .check_year(y.span.clone(), &year_field, &y.value, year)?,
        Err(e) => {
            v.ctx.error(
                y.span.clone(),
                &year_field,
                Message::new(
                    format!("{} セルの year は、値の年度（\"H23\" など）です", e.ja()),
                    format!(
                        "{}; a cell's year is the year of its value (\"H23\" …)",
                        e.en()
                    ),
                ),
            );
            return None;
        }
    };
    let Some(p) = phase else {
        return Some(CellYear { year, phase: None });
    };
    let phases = &config.forms.phases;
    let Some(found) = phases.iter().find(|x| x.key == p.value) else {
        let keys: Vec<&str> = phases.iter().map(|x| x.key.as_str()).collect();
        v.ctx.error(
            p.span,
            &format!("{field}.phase"),
            Message::new(
                format!(
                    "セルの区分「{}」は forms.toml の phases にありません（あるもの: {}）",
                    p.value,
                    keys.join(", ")
                ),
                format!(
                    "phase \"{}\" of the cell is not in phases of forms.toml (known: {})",
                    p.value,
                    keys.join(", ")
                ),
            ),
        );
        return None;
    };
    if found.is == PhaseIs::Result && year > config.report_year {
        v.ctx.error(
            p.span,
            &format!("{field}.phase"),
            Message::new(
                format!("「{}」は結果の区分ですが、年度 {} は報告年度より後です。計画の区分にするか、年度を確かめてください", found.said(), y.value),
                format!("\"{}\" is a result phase but {} is after the report year; use a plan phase or check the year", found.said(), y.value),
            ),
        );
        return None;
    }
    Some(CellYear {
        year,
        phase: Some(found.key.clone()),
    })
}

/// A figure row's cell written in words where the row does not allow them: an error
/// that names `words = true`. `None`: not words (read it as a figure).
pub(super) fn words_refused(v: &Val<'_>, field: &str, row: &Row) -> Option<()> {
    let Value::String(s) = &v.node.value else {
        return None;
    };
    if row.words || s.chars().any(|c| c.is_ascii_digit()) || v.none_mark().is_some() {
        return None;
    }
    v.ctx.error(
        v.span(),
        field,
        Message::new(
            format!("「{field}」は数値の行ですが「{s}」と書かれています。シートがこの欄に語句を印字しているなら、forms.toml の行「{}」に words = true を書いてください（数値の項目の列（key と kind の列）の欄なら、その列に words = true）", row.key),
            format!("`{field}` is a figure row but \"{s}\" is written; if the sheet prints words in this cell, add words = true to row \"{}\" in forms.toml (for a cell of a measure column, one of key and kind, to that column)", row.key),
        ),
    );
    Some(())
}
