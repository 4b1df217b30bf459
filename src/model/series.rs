//! Year-keyed tables (`actual = { H27 = …, H28 = … }`): every key is a fiscal year, and
//! two spellings of one year (H31 and R01) in one series is an error naming both places.

use std::collections::BTreeMap;
use std::ops::Range;

use super::reader::{Located, Table, Val, type_error};
use super::year::FiscalYear;
use crate::diag::{Diagnostic, Message};

/// The key as written in the file (`R01`, `"令和元年度"`), for field paths in messages.
pub fn key_text<'a>(t: &Table<'a>, span: &Range<usize>) -> &'a str {
    t.ctx.file.text.get(span.clone()).unwrap_or("")
}

/// The entries of a year-keyed table, in year order, with each key's span.
pub fn read<'a>(t: &Table<'a>) -> BTreeMap<FiscalYear, (Range<usize>, Val<'a>)> {
    let mut out: BTreeMap<FiscalYear, (Range<usize>, Val<'a>)> = BTreeMap::new();
    for (key, val) in t.entries() {
        let field = format!("{}.{}", t.path, key.name);
        let year = match FiscalYear::parse(&key.name) {
            Ok(y) => y,
            Err(e) => {
                t.ctx
                    .error(key.span.clone(), &field, Message::new(e.ja(), e.en()));
                continue;
            }
        };
        let Some(year) = t.ctx.check_year(key.span.clone(), &field, &key.name, year) else {
            continue;
        };
        if let Some((first_span, _)) = out.get(&year) {
            let first = &t.ctx.file.text[first_span.clone()];
            t.ctx.diags.borrow_mut().push(
                Diagnostic::error(Message::new(
                    format!(
                        "同じ年度が2回書かれています: 「{}」と「{first}」はどちらも{}年度です。どちらか一方にしてください",
                        key.name,
                        year.western()
                    ),
                    format!(
                        "the same fiscal year twice: \"{}\" and \"{first}\" are both FY{}; keep one",
                        key.name,
                        year.western()
                    ),
                ))
                .at(t.ctx.file, key.span.clone())
                .field(field)
                .related(
                    t.ctx.file,
                    first_span.clone(),
                    Message::new("最初の書き方はここです", "first written here"),
                ),
            );
            continue;
        }
        out.insert(year, (key.span.clone(), val));
    }
    out
}

/// `[key.R01]` tables under `parent`: each year's table, ready to read. A value that is not
/// a table is reported.
pub fn tables<'a>(parent: &mut Table<'a>, key: &'static str) -> Vec<(FiscalYear, Table<'a>)> {
    let Some(t) = parent.table(key) else {
        return Vec::new();
    };
    read(&t)
        .into_iter()
        .filter_map(|(year, (span, v))| {
            let path = format!("{}.{}", t.path, key_text(&t, &span));
            let table = v.as_table(path.clone());
            if table.is_none() {
                type_error(t.ctx, &path, v.node, ("表", "a table"));
            }
            Some((year, table?))
        })
        .collect()
}

/// `key = { R01 = "…" }` under `parent`: each year's string, where it was written, and its
/// field path. A value that is not a string is reported as not being `expected`.
pub fn strings(
    parent: &mut Table<'_>,
    key: &'static str,
    expected: (&str, &str),
) -> Vec<(FiscalYear, Located<String>, String)> {
    let Some(t) = parent.table(key) else {
        return Vec::new();
    };
    read(&t)
        .into_iter()
        .filter_map(|(year, (span, v))| {
            let field = format!("{}.{}", t.path, key_text(&t, &span));
            match &v.node.value {
                crate::load::tree::Value::String(text) => {
                    t.ctx.check_bidi(&v.node.span, &field, text);
                    Some((
                        year,
                        Located {
                            value: text.clone(),
                            span: v.span(),
                        },
                        field,
                    ))
                }
                _ => {
                    type_error(t.ctx, &field, v.node, expected);
                    None
                }
            }
        })
        .collect()
}
