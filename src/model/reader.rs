//! A typed reader over the spanned TOML tree that collects every problem.
//!
//! serde's derive stops at the first error and cannot say "did you mean"; staff fix a
//! sheet faster when one run lists everything. Each `Table` remembers which keys were
//! read, and `finish` reports the rest as unknown fields with the closest known name.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use super::value::Number;
use super::year::{FiscalYear, YearSpan};
use crate::diag::{Diagnostic, Message, SourceFile, did_you_mean};
use crate::load::tree::{Key, Node, Table as RawTable, Value};

/// Where diagnostics for one file go, and the years its data may name (`None` while
/// site.toml itself is read).
pub struct Ctx<'a> {
    pub file: &'a Arc<SourceFile>,
    pub diags: &'a RefCell<Vec<Diagnostic>>,
    pub years: Option<YearSpan>,
    /// Whether the names a table may hold are known for sure, so that one not read is
    /// reported unknown: not for content while forms.toml, which declares most of its
    /// names, is unreadable or has an error (`Forms::in_doubt`; that error is the one).
    pub names_known: bool,
}

impl Ctx<'_> {
    /// `year` if it lies in the site's span of years; otherwise an error at `span` that
    /// shows the span.
    pub fn check_year(
        &self,
        span: Range<usize>,
        field: &str,
        found: &str,
        year: FiscalYear,
    ) -> Option<FiscalYear> {
        match self.years {
            Some(window) if !window.contains(year) => {
                let (ja, en) = window.refusal(found.trim(), year);
                self.error(span, field, Message::new(ja, en));
                None
            }
            _ => Some(year),
        }
    }

    /// Report a bidi control character in a string read at `span` (see [`bidi_control`]),
    /// or another control character but a tab or a line break (NUL, ESC, …; TOML writes
    /// them as `\u0000`): either would garble the pages and the open data.
    pub fn check_bidi(&self, span: &Range<usize>, field: &str, text: &str) {
        if plain(text) {
            return;
        }
        let control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
        let (c, message) = if let Some(c) = text.chars().find(|&c| control(c)) {
            let code = format!("U+{:04X}", u32::from(c));
            let message = Message::new(
                format!(
                    "見えない制御文字 {code} が入っています。ページやオープンデータを壊し、表計算ソフトでは後ろの文字が数式として動くこともあるため使えません。この文字を削除してください（コピーした文字に紛れていることがあります）"
                ),
                format!(
                    "an invisible control character, {code}, is in this text: it can garble pages and open data (a spreadsheet may even run what follows it as a formula), so it is not accepted; delete it (such characters come along with copied text)"
                ),
            );
            (c, message)
        } else if let Some((c, name)) = text.chars().find_map(|c| bidi_control(c).map(|n| (c, n))) {
            let code = format!("U+{:04X} {name}", u32::from(c));
            let message = Message::new(
                format!(
                    "見えない書式制御文字 {code} が入っています。表示の向きを変え、ページの題名などで文字の並びを偽れるため使えません。この文字を削除してください"
                ),
                format!(
                    "an invisible bidi control character, {code}, is in this text: it can reverse how text reads (in page titles too), so it is not accepted; delete it"
                ),
            );
            (c, message)
        } else {
            return;
        };
        self.error(bidi_place(&self.file.text, span, c), field, message);
    }

    /// Report a number that a page could not show as written (see [`inexact`]).
    fn check_exact(&self, node: &Node, field: &str) -> bool {
        let written = self.file.text.get(node.span.clone()).unwrap_or("");
        let Some((ja, en)) = inexact(&node.value, written) else {
            return true;
        };
        self.error(
            node.span.clone(),
            field,
            Message::new(
                format!("「{field}」の数値「{written}」は{ja}。{EXACT_JA}"),
                format!("`{field}`: the number {written} {en}; {EXACT_EN}"),
            ),
        );
        false
    }

    pub fn error(&self, span: Range<usize>, field: &str, msg: Message) {
        self.diags
            .borrow_mut()
            .push(Diagnostic::error(msg).at(self.file, span).field(field));
    }

    pub fn warning(&self, span: Range<usize>, field: &str, msg: Message) {
        self.diags
            .borrow_mut()
            .push(Diagnostic::warning(msg).at(self.file, span).field(field));
    }
}

/// A value with the span it was written at.
#[derive(Clone, Debug, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// A TOML value being read, with its field path for messages.
#[derive(Clone, Copy)]
pub struct Val<'a> {
    pub ctx: &'a Ctx<'a>,
    pub node: &'a Node,
}

/// A table being read.
pub struct Table<'a> {
    pub ctx: &'a Ctx<'a>,
    entries: &'a RawTable,
    pub path: String,
    pub span: Range<usize>,
    /// The keys asked for: the reader's own (`&'static`) and the city's ([`Table::own_string`]).
    seen: Vec<std::borrow::Cow<'a, str>>,
    /// The required keys found missing, each with its error's place among the
    /// diagnostics: a key written misspelt (`headng` for `heading`) is one mistake, so
    /// [`Table::finish`] puts one error at the misspelt key in place of both.
    missed: Vec<(&'static str, usize)>,
}

impl<'a> Table<'a> {
    pub fn new(ctx: &'a Ctx<'a>, entries: &'a RawTable, path: String, span: Range<usize>) -> Self {
        Table {
            ctx,
            entries,
            path,
            span,
            seen: Vec::new(),
            missed: Vec::new(),
        }
    }

    fn field(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        }
    }

    /// The raw entry for `key`, marking it as known.
    pub fn entry(&mut self, key: &'static str) -> Option<(&'a Key, &'a Node)> {
        self.seen.push(key.into());
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(k, v)| (k, v))
    }

    fn missing(&mut self, key: &'static str, what: (&str, &str)) {
        self.missed.push((key, self.ctx.diags.borrow().len()));
        self.ctx.error(
            self.span.clone(),
            &self.field(key),
            Message::new(
                format!("「{key}」がありません。{}を書いてください", what.0),
                format!("missing `{key}`: expected {}", what.1),
            ),
        );
    }

    fn type_error(&self, key: &str, node: &Node, expected: (&str, &str)) {
        type_error(self.ctx, &self.field(key), node, expected);
    }

    pub fn string(&mut self, key: &'static str) -> Option<Located<String>> {
        let (_, node) = self.entry(key)?;
        match &node.value {
            Value::String(s) => {
                // The field's name only for a string that has something to report.
                if !plain(s) {
                    self.ctx.check_bidi(&node.span, &self.field(key), s);
                }
                Some(Located {
                    value: s.clone(),
                    span: node.span.clone(),
                })
            }
            _ => {
                self.type_error(key, node, ("文字列", "a string"));
                None
            }
        }
    }

    /// A string under a key the site names (a city's own field, from site.toml), marked
    /// known whether or not it is written.
    pub fn own_string(&mut self, key: &str) -> Option<Located<String>> {
        self.seen.push(key.to_string().into());
        let (_, node) = self.entries.iter().find(|(k, _)| k.name == key)?;
        let field = self.field(key);
        match &node.value {
            Value::String(s) => {
                self.ctx.check_bidi(&node.span, &field, s);
                Some(Located {
                    value: s.clone(),
                    span: node.span.clone(),
                })
            }
            _ => {
                type_error(self.ctx, &field, node, ("文字列", "a string"));
                None
            }
        }
    }

    pub fn required_string(&mut self, key: &'static str) -> Option<Located<String>> {
        if self.entries.iter().all(|(k, _)| k.name != key) {
            self.seen.push(key.into());
            self.missing(key, ("文字列", "a string"));
            return None;
        }
        self.string(key)
    }

    /// A required string that names what later parts read by it (a row's `key`, a
    /// list's `list`): written misspelt under a key that is none of the table's `known`
    /// keys (`lst` for `list`), it is read there, with one error at it naming both, so
    /// that content writing its cells meets no error of its own; `None` (and the
    /// missing error) where no such key is written.
    pub fn required_string_or_misspelt(
        &mut self,
        key: &'static str,
        known: &[&str],
    ) -> Option<Located<String>> {
        if self.entries.iter().any(|(k, _)| k.name == key) {
            return self.string(key);
        }
        let near = (self.entries.iter())
            .find(|(k, _)| !known.contains(&k.name.as_str()) && close(&k.name, key));
        let Some((k, node)) = near else {
            return self.required_string(key);
        };
        self.seen.push(key.into());
        self.seen.push(k.name.clone().into());
        self.ctx
            .error(k.span.clone(), &self.field(&k.name), misspelt(&k.name, key));
        match &node.value {
            Value::String(s) => Some(Located {
                value: s.clone(),
                span: node.span.clone(),
            }),
            _ => None,
        }
    }

    /// A required string that must hold more than white space (a title, a name).
    pub fn required_text(&mut self, key: &'static str) -> Option<Located<String>> {
        let l = self.required_string(key)?;
        if l.value.trim().is_empty() {
            self.ctx.error(
                l.span,
                &self.field(key),
                Message::new(
                    format!("「{key}」が空です。文字を書いてください"),
                    format!("`{key}` is empty: expected some text"),
                ),
            );
            return None;
        }
        Some(l)
    }

    pub fn boolean(&mut self, key: &'static str) -> Option<bool> {
        self.flag(key).map(|l| l.value)
    }

    /// A boolean with where it was written.
    pub fn flag(&mut self, key: &'static str) -> Option<Located<bool>> {
        let (_, node) = self.entry(key)?;
        match node.value {
            Value::Boolean(b) => Some(Located {
                value: b,
                span: node.span.clone(),
            }),
            _ => {
                self.type_error(key, node, ("true か false", "true or false"));
                None
            }
        }
    }

    pub fn integer(&mut self, key: &'static str) -> Option<Located<i64>> {
        let (_, node) = self.entry(key)?;
        match node.value {
            Value::Integer(n) => Some(Located {
                value: n,
                span: node.span.clone(),
            }),
            _ => {
                self.type_error(key, node, ("整数", "an integer"));
                None
            }
        }
    }

    /// Where `key`'s value was written, if it was, without reading it.
    pub fn span_of(&self, key: &str) -> Option<Range<usize>> {
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(_, v)| v.span.clone())
    }

    /// `key`'s boolean, if one is written, without reading it (it is read, and a value
    /// of another type refused, where its table reads it).
    pub fn peek_flag(&self, key: &str) -> Option<bool> {
        let (_, v) = self.entries.iter().find(|(k, _)| k.name == key)?;
        match v.value {
            Value::Boolean(b) => Some(b),
            _ => None,
        }
    }

    /// An integer or a float, as written (see [`inexact`]).
    pub fn number(&mut self, key: &'static str) -> Option<Located<f64>> {
        let (_, node) = self.entry(key)?;
        if !self.ctx.check_exact(node, &self.field(key)) {
            return None;
        }
        match node.value {
            Value::Integer(n) => Some(Located {
                value: n as f64,
                span: node.span.clone(),
            }),
            Value::Float(f) if f.is_finite() => Some(Located {
                value: f,
                span: node.span.clone(),
            }),
            Value::String(ref s) => {
                let field = self.field(key);
                let msg = quoted_number(&field, key, s)
                    .unwrap_or_else(|| type_message(&field, node, ("数値", "a number")));
                self.ctx.error(node.span.clone(), &field, msg);
                None
            }
            _ => {
                self.type_error(key, node, ("数値", "a number"));
                None
            }
        }
    }

    pub fn strings(&mut self, key: &'static str) -> Vec<Located<String>> {
        let Some((_, node)) = self.entry(key) else {
            return Vec::new();
        };
        let field = self.field(key);
        match &node.value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| match &item.value {
                    Value::String(s) => {
                        if !plain(s) {
                            self.ctx
                                .check_bidi(&item.span, &crate::diag::nth(&field, i), s);
                        }
                        Some(Located {
                            value: s.clone(),
                            span: item.span.clone(),
                        })
                    }
                    _ => {
                        type_error(
                            self.ctx,
                            &crate::diag::nth(&field, i),
                            item,
                            ("文字列", "a string"),
                        );
                        None
                    }
                })
                .collect(),
            // A lone string where a list is expected is what people write; accept it.
            Value::String(s) => {
                self.ctx.check_bidi(&node.span, &field, s);
                vec![Located {
                    value: s.clone(),
                    span: node.span.clone(),
                }]
            }
            _ => {
                self.type_error(key, node, ("文字列の並び", "an array of strings"));
                Vec::new()
            }
        }
    }

    pub fn table(&mut self, key: &'static str) -> Option<Table<'a>> {
        let (_, node) = self.entry(key)?;
        let field = self.field(key);
        match &node.value {
            Value::Table(t) => Some(Table::new(self.ctx, t, field, node.span.clone())),
            _ => {
                self.type_error(key, node, ("表", "a table"));
                None
            }
        }
    }

    /// An array of tables (`[[key]]`).
    pub fn tables(&mut self, key: &'static str) -> Vec<Table<'a>> {
        let Some((_, node)) = self.entry(key) else {
            return Vec::new();
        };
        self.tables_in(key, node)
    }

    /// An array of tables under a key the site names (a list row of its forms), marked
    /// known whether or not it is written.
    pub fn own_tables(&mut self, key: &str) -> Vec<Table<'a>> {
        self.seen.push(key.to_string().into());
        let entries = self.entries;
        match entries.iter().find(|(k, _)| k.name == key) {
            Some((_, node)) => self.tables_in(key, node),
            None => Vec::new(),
        }
    }

    fn tables_in(&self, key: &str, node: &'a Node) -> Vec<Table<'a>> {
        let field = self.field(key);
        match &node.value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| match &item.value {
                    Value::Table(t) => Some(Table::new(
                        self.ctx,
                        t,
                        crate::diag::nth(&field, i),
                        item.span.clone(),
                    )),
                    _ => {
                        type_error(
                            self.ctx,
                            &crate::diag::nth(&field, i),
                            item,
                            ("表", "a table"),
                        );
                        None
                    }
                })
                .collect(),
            _ => {
                self.type_error(key, node, ("表の並び [[…]]", "an array of tables [[…]]"));
                Vec::new()
            }
        }
    }

    /// Every entry of a table whose keys are data (years), all marked known.
    pub fn entries(&self) -> impl Iterator<Item = (&'a Key, Val<'a>)> + '_ {
        self.entries.iter().map(move |(k, v)| {
            (
                k,
                Val {
                    ctx: self.ctx,
                    node: v,
                },
            )
        })
    }

    /// A value under a key the site names (a row of its forms), marked known whether or
    /// not it is written.
    pub fn own_value(&mut self, key: &str) -> Option<Val<'a>> {
        self.seen.push(key.to_string().into());
        let (_, node) = self.entries.iter().find(|(k, _)| k.name == key)?;
        Some(Val {
            ctx: self.ctx,
            node,
        })
    }

    /// The field path of `key` in this table, as messages name it.
    pub fn field_of(&self, key: &str) -> String {
        self.field(key)
    }

    /// A value of any type, for fields with several accepted shapes.
    pub fn value(&mut self, key: &'static str) -> Option<Val<'a>> {
        let (_, node) = self.entry(key)?;
        Some(Val {
            ctx: self.ctx,
            node,
        })
    }

    /// Mark every key read: a table refused for its own key (a section's `text = 5`,
    /// reported) is one mistake, and its other keys are not reported unknown.
    pub fn read_rest(&mut self) {
        let names = self.entries.iter().map(|(k, _)| k.name.as_str().into());
        self.seen.extend(names);
    }

    /// Report every key that was never read as an unknown field; one that is a
    /// misspelling of a required key found missing (`headng`, `heading` missing) is one
    /// error at it, in place of the missing key's. None is reported unknown where the
    /// names are not known for sure ([`Ctx::names_known`]).
    pub fn finish(self) {
        for (key, _) in self.entries {
            if self.seen.iter().any(|s| *s == key.name) {
                continue;
            }
            if self.misspelt(key) || !self.ctx.names_known {
                continue;
            }
            let mut known: Vec<&str> = self.seen.iter().map(|s| s.as_ref()).collect();
            known.sort_unstable();
            known.dedup();
            let (hint_ja, hint_en) = match did_you_mean(&key.name, known.iter().copied()) {
                Some(close) => (
                    format!("「{close}」の書き間違いではありませんか？"),
                    format!("did you mean `{close}`? "),
                ),
                None => (String::new(), String::new()),
            };
            let list = known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            self.ctx.error(
                key.span.clone(),
                &self.field(&key.name),
                Message::new(
                    format!(
                        "知らない項目「{}」です。{hint_ja}使える項目: {list}",
                        key.name
                    ),
                    format!(
                        "unknown field `{}`; {hint_en}expected one of {list}",
                        key.name
                    ),
                ),
            );
        }
    }
}

impl Table<'_> {
    /// Whether unknown `key` is a misspelling of a required key found missing: then that
    /// key's error is replaced by one at `key` naming both.
    fn misspelt(&self, key: &Key) -> bool {
        let Some(&(wanted, at)) = (self.missed.iter()).find(|(wanted, _)| close(&key.name, wanted))
        else {
            return false;
        };
        let field = self.field(wanted);
        let mut diags = self.ctx.diags.borrow_mut();
        let Some(d) = diags
            .get_mut(at)
            .filter(|d| d.field.as_deref() == Some(&field))
        else {
            return false;
        };
        *d = Diagnostic::error(misspelt(&key.name, wanted))
            .at(self.ctx.file, key.span.clone())
            .field(self.field(&key.name));
        true
    }
}

/// Whether `found` is `wanted` misspelt: close as "did you mean" finds names, or for
/// a short key one letter off or two swapped (`kye`, `key`).
fn close(found: &str, wanted: &str) -> bool {
    did_you_mean(found, [wanted]).is_some()
        || (found != wanted && strsim::damerau_levenshtein(found, wanted) <= 1)
}

/// The one error of a required key `wanted` written misspelt as `found`.
fn misspelt(found: &str, wanted: &str) -> Message {
    Message::new(
        format!(
            "「{found}」は「{wanted}」の書き間違いではありませんか？「{wanted}」がありません。「{found}」を「{wanted}」に直してください"
        ),
        format!(
            "unknown field `{found}`: did you mean `{wanted}`? `{wanted}` is missing; write `{found}` as `{wanted}`"
        ),
    )
}

impl<'a> Val<'a> {
    pub fn span(&self) -> Range<usize> {
        self.node.span.clone()
    }

    /// Whether the value, when a number, can be shown as written ([`inexact`]); an error
    /// says why not.
    pub fn exact(&self, field: &str) -> bool {
        self.ctx.check_exact(self.node, field)
    }

    /// The sheet's mark for none as written (「-」「―」, trimmed) when the value is a string
    /// of one ([`crate::model::value::NONE_MARKS`]).
    pub fn none_mark(&self) -> Option<String> {
        match &self.node.value {
            Value::String(s) if crate::model::value::is_none_mark(s) => Some(s.trim().to_string()),
            _ => None,
        }
    }

    /// A TOML float with its decimal places as written: TOML reads `0.10` as 0.1, but the
    /// sheet prints 0.10 (0.10人), so the places are counted in the file's own text.
    pub fn float_as_written(&self, f: f64) -> Number {
        let written = self.ctx.file.text.get(self.node.span.clone()).unwrap_or("");
        match written.split_once('.') {
            Some((_, places)) if !places.contains(['e', 'E']) => Number {
                value: f,
                decimals: places.bytes().filter(u8::is_ascii_digit).count().min(15) as u8,
            },
            _ => Number::from_f64(f),
        }
    }

    pub fn as_table(&self, field: String) -> Option<Table<'a>> {
        match &self.node.value {
            Value::Table(t) => Some(Table::new(self.ctx, t, field, self.node.span.clone())),
            _ => None,
        }
    }
}

/// Report "expected X, found Y" for a value.
pub fn type_error(ctx: &Ctx<'_>, field: &str, node: &Node, expected: (&str, &str)) {
    ctx.error(
        node.span.clone(),
        field,
        type_message(field, node, expected),
    );
}

fn type_message(field: &str, node: &Node, expected: (&str, &str)) -> Message {
    // TOML reads `inf` and `nan` (bare) as floats; no figure of a sheet is either.
    if let Value::Float(f) = node.value
        && !f.is_finite()
    {
        let written = if f.is_nan() { "nan" } else { "inf" };
        return Message::new(
            format!(
                "「{field}」の {written} は、kensho が扱う数ではありません（TOML では無限大・「数でない」の意味になります）。数値（例: 83.3）を書くか、値がなければこの行を消してください。文字のまま載せるなら \"{written}\" のように引用符で囲んでください"
            ),
            format!(
                "`{field}` is {written}, which TOML reads as infinity or not-a-number: not a number kensho accepts. Write a number (83.3), delete the line if there is no value, or put it in quotes (\"{written}\") to show it as text"
            ),
        );
    }
    let found = node.value.type_name();
    Message::new(
        format!(
            "「{field}」は{}で書いてください（{}が書かれています）",
            expected.0, found.0
        ),
        format!("`{field}` must be {}, found {}", expected.1, found.1),
    )
}

/// What to type for a number field holding a figure copied from a sheet in quotes:
/// `"2,300"` (drop the quotes and commas) or `"-"` (a number field has no "none").
fn quoted_number(field: &str, key: &str, s: &str) -> Option<Message> {
    let t = s.trim();
    if matches!(t, "-" | "－" | "―" | "‐" | "ー") {
        return Some(Message::new(
            format!(
                "「{field}」は数値の欄で、\"{t}\"（なし）は書けません。値がなければこの行を消してください"
            ),
            format!(
                "`{field}` is a number and cannot be \"{t}\" (none); if there is no value, delete the line"
            ),
        ));
    }
    let half: String = t
        .chars()
        .filter(|c| !matches!(c, ',' | '，'))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            _ => c,
        })
        .collect();
    half.parse::<f64>().ok().filter(|n| n.is_finite())?;
    Some(Message::new(
        format!(
            "「{field}」は数値で書きます。\" とカンマを消して {key} = {half} と書いてください（\"{s}\" と書かれています）"
        ),
        format!(
            "`{field}` is a number: drop the quotes and commas and type {key} = {half} (found \"{s}\")"
        ),
    ))
}

/// The most significant digits a number may have: an f64 holds any 15-digit decimal
/// exactly, so a page shows what was written; past that it would show other digits.
pub const MAX_DIGITS: usize = 15;

const EXACT_JA: &str =
    "数値は 1394 や 83.3 のように、指数（e）を使わず、有効数字15桁までで書いてください";
const EXACT_EN: &str = "expected a number written out in full (1394, 83.3), without an exponent (e), of at most 15 significant digits";

/// Why a TOML number, written as `written`, cannot be shown as written: an exponent
/// (`1e308`), or more significant digits than [`MAX_DIGITS`] (`99999999999999999999999`,
/// which TOML gives as a float). `None` for every other value.
pub fn inexact(value: &Value, written: &str) -> Option<(&'static str, &'static str)> {
    let digits = match value {
        Value::Integer(n) => n.unsigned_abs().to_string(),
        Value::Float(_) => {
            let text = written.trim().trim_start_matches(['+', '-']);
            if text.contains(['e', 'E']) {
                return Some((
                    "指数（e）で書かれています",
                    "is written with an exponent (e)",
                ));
            }
            text.chars().filter(char::is_ascii_digit).collect()
        }
        _ => return None,
    };
    (significant_digits(&digits) > MAX_DIGITS).then_some((
        "有効数字が15桁を超え、そのとおりには表示できません",
        "has more than 15 significant digits and cannot be shown as written",
    ))
}

/// Digits from the first non-zero one to the last written one.
pub fn significant_digits(digits: &str) -> usize {
    digits.trim_start_matches('0').len()
}

/// Whether `text` holds no character [`Ctx::check_bidi`] reports (a control character but
/// a tab or a line break, or a [`bidi_control`]): one pass, a character of Japanese text
/// passed on a comparison or two. Every string a city writes is checked, and nearly all
/// are plain.
pub fn plain(text: &str) -> bool {
    !text.chars().any(|c| match c {
        '\t' | '\n' | '\r' => false,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{61c}'..='\u{2069}' => bidi_control(c).is_some(),
        _ => false,
    })
}

/// The bidi control characters: embeddings and overrides (U+202A–U+202E), isolates
/// (U+2066–U+2069) and the marks (U+200E, U+200F, U+061C), with their Unicode names.
pub fn bidi_control(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        _ => return None,
    })
}

/// Where `c` stands in the string written at `span`: the character itself, or its
/// escape (`\u202E`), or else the string's start.
fn bidi_place(text: &str, span: &Range<usize>, c: char) -> Range<usize> {
    let Some(written) = text.get(span.clone()) else {
        return span.clone();
    };
    if let Some(i) = written.find(c) {
        return span.start + i..span.start + i + c.len_utf8();
    }
    let escape = format!("{:04x}", u32::from(c));
    let lower = written.to_ascii_lowercase();
    lower
        .match_indices(&escape)
        .find_map(|(i, _)| {
            let at = lower[..i].rfind('\\')?;
            matches!(&lower[at..i], "\\u" | "\\u0000")
                .then_some(span.start + at..span.start + i + 4)
        })
        .unwrap_or(span.start..span.start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_past_fifteen_digits_or_with_exponents_are_inexact() {
        let float = |s: &str| inexact(&Value::Float(s.parse().unwrap()), s);
        assert!(float("99999999999999999999999").is_some());
        assert!(float("1e308").is_some());
        assert!(float("1.5E3").is_some());
        assert!(float("-0.000000000000001").is_none());
        assert!(float("123456789012.345").is_none());
        assert!(float("1234567890123.456").is_some());
        let int = |n: i64| inexact(&Value::Integer(n), "");
        assert!(int(999_999_999_999_999).is_none());
        assert!(int(-1_000_000_000_000_000).is_some());
        assert!(int(i64::MIN).is_some());
        assert!(inexact(&Value::String("1e308".into()), "\"1e308\"").is_none());
    }

    #[test]
    fn plain_is_no_character_check_bidi_reports() {
        for c in [
            '\0', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}', '\u{61c}', '\u{200e}', '\u{202e}',
            '\u{2069}',
        ] {
            assert!(!plain(&format!("子育て{c}支援")), "{c:?}");
        }
        for text in [
            "子育て\t支援\r\n",
            "",
            "a\u{a0}b\u{200b}\u{2070}\u{3000}",
            "\u{61b}\u{206a}",
        ] {
            assert!(plain(text), "{text:?}");
        }
        // Every character as the check itself sees it.
        for c in ('\0'..='\u{2100}').chain(['\u{3000}', '\u{feff}']) {
            let reported =
                (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || bidi_control(c).is_some();
            assert_eq!(plain(&c.to_string()), !reported, "{c:?}");
        }
    }

    #[test]
    fn a_bidi_control_is_found_as_written_or_escaped() {
        assert_eq!(bidi_control('\u{202E}'), Some("RIGHT-TO-LEFT OVERRIDE"));
        assert_eq!(bidi_control('\u{200B}'), None);
        let text = "t = \"ab\u{202E}c\"";
        assert_eq!(bidi_place(text, &(4..text.len()), '\u{202E}'), 7..10);
        let text = r#"t = "ab\u202Ec" "#;
        assert_eq!(bidi_place(text, &(4..15), '\u{202E}'), 7..13);
        let text = r#"t = "ab\U0000202ec""#;
        assert_eq!(bidi_place(text, &(4..text.len()), '\u{202E}'), 7..17);
    }
}
