//! A cell's value read by its row's kind: a figure as printed, a stated none, words, a grade.

use super::CellValue;
use crate::diag::Message;
use crate::load::tree::Value;
use crate::model::form::{Row, RowKind};
use crate::model::money::{self, Amount};
use crate::model::reader::{Val, type_error};
use crate::model::site::SiteConfig;
use crate::model::value::{Number, parse_printed};

/// A cell read by its row's kind; a figure of a row `as_written = true` keeps the text
/// content writes (「90267」), its number read all the same.
pub(super) fn cell_value(
    v: Val<'_>,
    field: &str,
    row: &Row,
    config: &SiteConfig,
) -> Option<CellValue> {
    let value = read_value(v, field, row, config)?;
    Some(match value {
        CellValue::Figure(n) if row.as_written || sign_as_printed(&v) => {
            CellValue::AsWritten(n, as_written(&v, n))
        }
        other => other,
    })
}

/// Whether a figure is written with a sheet's minus mark (八王子市's 対前年度
/// 「△ 398,941」, 「▲124」): printed so, never turned into kensho's 「−」; its number is
/// negative all the same.
fn sign_as_printed(v: &Val<'_>) -> bool {
    matches!(&v.node.value, Value::String(s) if s.trim_start().starts_with(['▲', '△']))
}

/// The text of a figure as content writes it: a string as written, a bare TOML number
/// with its digits alone (no separators added).
pub(crate) fn as_written(v: &Val<'_>, n: Number) -> String {
    match &v.node.value {
        Value::String(s) => s.trim().to_string(),
        _ => n.format_abs_signed().replace(',', ""),
    }
}

/// A cell read by its row's kind.
fn read_value(v: Val<'_>, field: &str, row: &Row, config: &SiteConfig) -> Option<CellValue> {
    if let Some(mark) = v.none_mark() {
        return Some(CellValue::None(mark));
    }
    match &row.kind {
        _ if row.kind.is_figure() && (row.words && is_words(&v, row)) => match &v.node.value {
            Value::String(s) => Some(CellValue::Words(s.clone())),
            _ => None,
        },
        _ if row.kind.is_figure() && super::written::words_refused(&v, field, row).is_some() => {
            None
        }
        RowKind::Amount => match money::read(v, field)?.value {
            Amount::Value(n) => Some(CellValue::Figure(figure(v, n))),
            Amount::None => Some(CellValue::None("-".to_string())),
        },
        RowKind::Words => match &v.node.value {
            Value::String(s) => Some(CellValue::Words(s.clone())),
            _ => {
                type_error(v.ctx, field, v.node, ("文字列", "a string"));
                None
            }
        },
        RowKind::Word(choices) => match &v.node.value {
            Value::String(s) if choices.words.contains(s) => Some(CellValue::Words(s.clone())),
            _ => {
                let words = choices.words.join("」「");
                v.ctx.error(
                    v.span(),
                    field,
                    Message::new(
                        format!("「{field}」には、この列が印字する語「{words}」のうち、選んだ一つを書いてください"),
                        format!("`{field}` takes the one word chosen among the words this column prints: 「{words}」"),
                    ),
                );
                None
            }
        },
        RowKind::Grade(scale) => grade(v, field, scale.as_deref(), row, config),
        RowKind::Number | RowKind::Count | RowKind::Percent | RowKind::People | RowKind::Rate => {
            // Written with its own unit, or a percent's %; no other (a count written 「21.1%」
            // is not a count, and is told so rather than read with its % dropped).
            let n = number(v, field, row)?;
            let never_below = matches!(row.kind, RowKind::Count | RowKind::People);
            if never_below && n.value < 0.0 {
                v.ctx.error(
                    v.span(),
                    field,
                    Message::new(
                        format!("「{field}」は人数や件数で、マイナスにはなりません。0 以上の数値を書いてください"),
                        format!("`{field}` is a count of people or things and cannot be below zero; expected a number of 0 or more"),
                    ),
                );
                return None;
            }
            Some(CellValue::Figure(n))
        }
    }
}

/// Whether a string is words rather than a figure as printed (算定中, 年2回): it
/// does not read as one number, with the row's unit or none.
fn is_words(v: &Val<'_>, row: &Row) -> bool {
    let Value::String(s) = &v.node.value else {
        return false;
    };
    !matches!(parse_printed(s, Some(row.figure_unit())), Ok(p) if p.amount.is_some() && p.year.is_none() && p.span.is_none() && p.comparator.is_none())
}

/// An amount's figure with the decimals as written (`"1,500.0"` keeps one).
fn figure(v: Val<'_>, n: f64) -> Number {
    match &v.node.value {
        Value::String(s) => match parse_printed(s, None) {
            Ok(p) => p.amount.unwrap_or(Number::from_f64(n)),
            Err(_) => Number::from_f64(n),
        },
        Value::Integer(_) => Number {
            value: n,
            decimals: 0,
        },
        Value::Float(_) => v.float_as_written(n),
        _ => Number::from_f64(n),
    }
}

/// A figure of `row` as printed (`1.5`, `"1,394"`, `"▲3"`, `"60.2%"` in a percent row):
/// only a figure with the row's unit, no year or range (a table's column says the year).
fn number(v: Val<'_>, field: &str, row: &Row) -> Option<Number> {
    let unit = row.figure_unit();
    if !v.exact(field) {
        return None;
    }
    let refuse = |found: &str| {
        // A figure with a unit after it (松戸市's 「5.5‰」): say where the unit goes.
        let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
        let written = found.trim_matches('"').trim_end();
        // What follows the last digit: a unit (‰, 人) or marks around the figure (「0.」).
        let tail = written.rsplit(digit).next().unwrap_or("");
        let has_digit = written.chars().any(digit);
        let percent =
            has_digit && row.kind != RowKind::Percent && matches!(tail.trim(), "%" | "％");
        let (hint_ja, hint_en) = match tail.chars().any(|c| !c.is_ascii_punctuation()) {
            _ if percent => (
                "。この欄は割合（%）の欄ではありません。シートが割合を印字しているなら、その値の行（または列）を kind = \"percent\" にしてください（件数の欄の中に印字された割合は、inside のある自分の行に）。この一つの欄だけが割合を印字しているなら、{ value = 数値, printed = \"印字のとおり\" } と書けます（{ value = 100, printed = \"100%\" }）",
                "; this is not a percent cell: where the sheet prints a percent, make its row (or column) kind = \"percent\" (a percent printed inside a count's cell is a row of its own, with inside); where only this cell prints one, write { value = the figure, printed = \"as printed\" } ({ value = 100, printed = \"100%\" })",
            ),
            true if has_digit => (
                "。シートが数値のあとに単位を印字しているなら、数値だけを書き、単位は forms.toml の行の unit（一覧の行なら、その項目の unit）に、表に cell_units = \"after\" を書いてください",
                "; where the sheet prints a unit after the figure, write the figure alone, the unit as the row's unit in forms.toml (a list's entry: its own unit) and cell_units = \"after\" on the table",
            ),
            false if has_digit => (
                "。シートがこの形で印字しているなら、{ value = 数値, printed = \"印字のとおり\" } と書いてください（秩父市の「0.」は { value = 0, printed = \"0.\" }）",
                "; where the sheet prints the figure this way, write { value = the figure, printed = \"as printed\" } (秩父市's 「0.」: { value = 0, printed = \"0.\" })",
            ),
            _ => ("", ""),
        };
        v.ctx.error(
            v.span(),
            field,
            Message::new(
                format!("「{field}」は数値の欄です。1.5 や \"1,394\" のように数値だけを書いてください（なしは \"-\"）。{found} と書かれています{hint_ja}"),
                format!("`{field}` is a number: write the figure only, as 1.5 or \"1,394\" (\"-\" for none); found {found}{hint_en}"),
            ),
        );
    };
    match &v.node.value {
        Value::Integer(n) => Some(Number {
            value: *n as f64,
            decimals: 0,
        }),
        Value::Float(f) if f.is_finite() => Some(v.float_as_written(*f)),
        Value::String(s) => match parse_printed(s, Some(unit)) {
            Ok(p) if p.year.is_none() && p.span.is_none() && p.comparator.is_none() => {
                p.amount.or_else(|| {
                    refuse(&format!("\"{s}\""));
                    None
                })
            }
            _ => {
                refuse(&format!("\"{s}\""));
                None
            }
        },
        _ => {
            type_error(
                v.ctx,
                field,
                v.node,
                ("数値か文字列", "a number or a string"),
            );
            None
        }
    }
}

/// A grade of the row's scale (the site's default scale when the row names none); one
/// not in it is an error naming the row as printed and the scale.
fn grade(
    v: Val<'_>,
    field: &str,
    scale: Option<&str>,
    row: &Row,
    config: &SiteConfig,
) -> Option<CellValue> {
    let Value::String(s) = &v.node.value else {
        type_error(v.ctx, field, v.node, ("文字列", "a string"));
        return None;
    };
    let scale_id = scale.unwrap_or(&config.default_scale);
    if let Some(g) = config.grade(scale_id, s) {
        return Some(CellValue::Grade(g.key.clone()));
    }
    let keys: Vec<&str> = (config.scale(scale_id).into_iter())
        .flat_map(|sc| sc.grades.iter().map(|g| g.key.as_str()))
        .collect();
    // A fixed row is named as printed (a list's row by the name content gives it, at
    // the cell's field).
    let (of_ja, of_en) = match row.name.as_str() {
        name if !row.list && !name.is_empty() => {
            (format!("行「{name}」の"), format!("row \"{name}\": "))
        }
        _ => (String::new(), String::new()),
    };
    v.ctx.error(
        v.span(),
        field,
        Message::new(
            format!(
                "{of_ja}評価「{s}」は尺度「{scale_id}」にありません。{} のどれかです",
                keys.join(" / ")
            ),
            format!(
                "{of_en}grade \"{s}\" is not in scale \"{scale_id}\"; expected one of {}",
                keys.join(", ")
            ),
        ),
    );
    None
}
