//! Amounts of money as a sheet prints them (千円): a number, `"2,300"` with the city's
//! thousands commas (full-width too), or `"-"`, stated as none. A "-" is not zero and not
//! a blank: the page shows it as printed, and sums count it as nothing.

use std::ops::Range;

use super::reader::{Located, Table, Val, type_error};
use super::value::take_number;
use super::year::fold_width;
use crate::diag::Message;
use crate::load::tree::Value;

/// An amount as printed (千円).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Amount {
    /// A number of 0 or more.
    Value(f64),
    /// Printed "-": stated as none.
    None,
}

impl Amount {
    /// What the amount adds to a sum: a "-" adds nothing.
    pub fn or_zero(self) -> f64 {
        match self {
            Amount::Value(v) => v,
            Amount::None => 0.0,
        }
    }

    /// The number, if one was printed.
    pub fn value(self) -> Option<f64> {
        match self {
            Amount::Value(v) => Some(v),
            Amount::None => None,
        }
    }
}

/// A named part of an amount as the city itemises it: a budget's 当初 / 補正, a funding
/// source (一般財源, 国庫支出金…), with a note as printed (宝くじ助成金).
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub name: String,
    pub amount: Amount,
    pub note: Option<String>,
}

/// The dashes a sheet prints for "none", after folding full width (－ is -).
const NONE_MARKS: [&str; 2] = ["-", "—"];

const FORMS_JA: &str =
    "0 以上の数値（2300）、印字どおりのカンマ付きの文字列（\"2,300\"）、なしを表す \"-\" のどれか";
const FORMS_EN: &str = "a number of 0 or more (2300), a string with thousands commas as printed (\"2,300\"), or \"-\" for none";

/// `key` of table `t` as an amount; a value in none of the accepted forms is reported
/// (naming the field and the forms) and read as absent.
pub fn amount(t: &mut Table<'_>, key: &'static str) -> Option<Located<Amount>> {
    let field = format!(
        "{}{}{key}",
        t.path,
        if t.path.is_empty() { "" } else { "." }
    );
    let v = t.value(key)?;
    read_as(v, &field, Owner::Builtin)
}

/// Whose amount a value is: a built-in field's, in 千円, or a form's row or item, in the
/// unit the form declares (its messages then name no unit, and say where a decrease goes).
#[derive(Clone, Copy)]
enum Owner {
    Builtin,
    Form,
}

/// A form's cell or item read as an amount at `field` (see [`amount`]).
pub fn read(v: Val<'_>, field: &str) -> Option<Located<Amount>> {
    read_as(v, field, Owner::Form)
}

fn read_as(v: Val<'_>, field: &str, owner: Owner) -> Option<Located<Amount>> {
    let span = v.span();
    let amount = match &v.node.value {
        Value::Integer(_) | Value::Float(_) => {
            if !v.exact(field) {
                return None;
            }
            let n = match v.node.value {
                Value::Integer(n) => n as f64,
                Value::Float(f) => f,
                _ => return None,
            };
            if !(n.is_finite() && n >= 0.0) {
                below_zero(v, field, owner, span, &n.to_string());
                return None;
            }
            Amount::Value(n)
        }
        Value::String(s) => match parse(s) {
            Some(a) => a,
            None if negative(s) => {
                below_zero(v, field, owner, span, &format!("\"{s}\""));
                return None;
            }
            None => {
                refuse(v, field, owner, span, &format!("\"{s}\""));
                return None;
            }
        },
        _ => {
            type_error(v.ctx, field, v.node, (FORMS_JA, FORMS_EN));
            return None;
        }
    };
    Some(Located {
        value: amount,
        span,
    })
}

/// A string as printed: "-" (or － or —) for none, else digits with thousands commas in
/// groups of three and an optional fraction; full-width digits and commas fold.
pub fn parse(s: &str) -> Option<Amount> {
    let folded = fold_width(s);
    let t = folded.trim();
    if NONE_MARKS.contains(&t) {
        return Some(Amount::None);
    }
    match take_number(t) {
        Ok((n, "")) => Some(Amount::Value(n.value)),
        _ => None,
    }
}

/// A minus (▲, -, −) before an amount as printed: a slip, money is never below zero.
fn negative(s: &str) -> bool {
    let folded = fold_width(s);
    folded
        .trim()
        .strip_prefix(['▲', '-', '−'])
        .and_then(|rest| parse(rest.trim_start()))
        .is_some_and(|a| a != Amount::None)
}

/// A sheet's ▲ (minus) belongs to KPI values and to number rows; money is never below
/// zero. In a form, a decrease the sheet prints (三重県's 必要概算コスト対前年度
/// 「-357,146」, round 37) is a number row, which the message says: the figure is right.
fn below_zero(v: Val<'_>, field: &str, owner: Owner, span: Range<usize>, found: &str) {
    let message = match owner {
        Owner::Builtin => Message::new(
            format!(
                "「{field}」は金額（千円）で、マイナスにはなりません（{found} と書かれています）。0 以上の数値を書いてください"
            ),
            format!(
                "`{field}` is an amount of money (千円) and cannot be below zero (found {found}); expected a number of 0 or more"
            ),
        ),
        Owner::Form => Message::new(
            format!(
                "「{field}」は金額（kind = \"amount\"）で、マイナスにはなりません（{found} と書かれています）。シートがマイナスの数（前年度との差など）を印字しているなら、forms.toml でその行を kind = \"number\" にしてください（数値はそのまま）。そうでなければ 0 以上の数値を書いてください"
            ),
            format!(
                "`{field}` is an amount of money (kind = \"amount\") and cannot be below zero (found {found}); where the sheet prints a figure below zero (a difference from the year before), make its row kind = \"number\" in forms.toml (the figure stays as it is); otherwise write a number of 0 or more"
            ),
        ),
    };
    v.ctx.error(span, field, message);
}

fn refuse(v: Val<'_>, field: &str, owner: Owner, span: Range<usize>, found: &str) {
    let (ja, en) = match owner {
        Owner::Builtin => ("金額（千円）", "an amount of money (千円)"),
        Owner::Form => ("金額", "an amount of money"),
    };
    v.ctx.error(
        span,
        field,
        Message::new(
            format!(
                "「{field}」は{ja}です。{FORMS_JA}で書いてください（{found} と書かれています）"
            ),
            format!("`{field}` is {en}; expected {FORMS_EN}; found {found}"),
        ),
    );
}

/// `key` of `t` as a list of named parts (`[{ name = "当初", amount = 300 }, …]`).
pub fn parts(t: &mut Table<'_>, key: &'static str) -> Vec<Part> {
    t.tables(key)
        .into_iter()
        .filter_map(|mut p| {
            let name = p.required_text("name");
            let amount = amount(&mut p, "amount");
            let note = p.string("note").map(|l| l.value);
            if amount.is_none() && p.span_of("amount").is_none() {
                let field = format!("{}.amount", p.path);
                p.ctx.error(
                    p.span.clone(),
                    &field,
                    Message::new(
                        format!("「amount」がありません。{FORMS_JA}を書いてください"),
                        format!("missing `amount`: expected {FORMS_EN}"),
                    ),
                );
            }
            p.finish();
            Some(Part {
                name: name?.value,
                amount: amount?.value,
                note,
            })
        })
        .collect()
}

/// Where a budget and its parts disagree: the parts' sum and the budget ("-" counts as
/// 0 in both; `None` when no budget is written beside the parts), or `None` when they add
/// up or there are no parts.
pub fn parts_mismatch(budget: Option<Amount>, parts: &[Part]) -> Option<(f64, Option<f64>)> {
    if parts.is_empty() {
        return None;
    }
    let sum: f64 = parts.iter().map(|p| p.amount.or_zero()).sum();
    let Some(whole) = budget.map(Amount::or_zero) else {
        return Some((sum, None));
    };
    ((sum - whole).abs() >= 0.0005).then_some((sum, Some(whole)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printed_forms() {
        assert_eq!(parse("2,300"), Some(Amount::Value(2300.0)));
        assert_eq!(parse("２，３００"), Some(Amount::Value(2300.0)));
        assert_eq!(parse(" 221,309 "), Some(Amount::Value(221_309.0)));
        assert_eq!(parse("12.5"), Some(Amount::Value(12.5)));
        assert_eq!(parse("0"), Some(Amount::Value(0.0)));
        for none in ["-", "－", "—", " - "] {
            assert_eq!(parse(none), Some(Amount::None), "{none}");
        }
        for bad in [
            "", "2,30", "23,00", "▲100", "-100", "2300円", "なし", "1e3", "ー",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert!(negative("▲100") && negative("-2,300") && negative("－５"));
        assert!(!negative("-") && !negative("--") && !negative("2,30"));
    }

    #[test]
    fn parts_add_up_or_say_by_how_much() {
        let part = |amount| Part {
            name: "当初".into(),
            amount,
            note: None,
        };
        let parts = [part(Amount::Value(300.0)), part(Amount::Value(2000.0))];
        assert_eq!(parts_mismatch(Some(Amount::Value(2300.0)), &parts), None);
        assert_eq!(
            parts_mismatch(Some(Amount::Value(2200.0)), &parts),
            Some((2300.0, Some(2200.0)))
        );
        assert_eq!(
            parts_mismatch(Some(Amount::None), &[part(Amount::None)]),
            None
        );
        assert_eq!(parts_mismatch(None, &[]), None);
        // Parts with no budget beside them: the budget is not written (not 0).
        assert_eq!(parts_mismatch(None, &parts), Some((2300.0, None)));
    }
}
