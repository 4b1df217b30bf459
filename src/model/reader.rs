//! A typed reader over the spanned TOML tree that collects every problem.
//!
//! serde's derive stops at the first error and cannot say "did you mean"; staff fix a
//! sheet faster when one run lists everything. Each `Table` remembers which keys were
//! read, and `finish` reports the rest as unknown fields with the closest known name.

use std::cell::RefCell;
use std::ops::Range;
use std::sync::Arc;

use crate::diag::{Diagnostic, Message, SourceFile, did_you_mean};
use crate::load::tree::{Key, Node, Table as RawTable, Value};

/// Where diagnostics for one file go.
pub struct Ctx<'a> {
    pub file: &'a Arc<SourceFile>,
    pub diags: &'a RefCell<Vec<Diagnostic>>,
}

impl Ctx<'_> {
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
    seen: Vec<&'a str>,
}

impl<'a> Table<'a> {
    pub fn new(ctx: &'a Ctx<'a>, entries: &'a RawTable, path: String, span: Range<usize>) -> Self {
        Table {
            ctx,
            entries,
            path,
            span,
            seen: Vec::new(),
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
        self.seen.push(key);
        self.entries
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(k, v)| (k, v))
    }

    fn missing(&self, key: &str, what: (&str, &str)) {
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
            Value::String(s) => Some(Located {
                value: s.clone(),
                span: node.span.clone(),
            }),
            _ => {
                self.type_error(key, node, ("文字列", "a string"));
                None
            }
        }
    }

    pub fn required_string(&mut self, key: &'static str) -> Option<Located<String>> {
        if self.entries.iter().all(|(k, _)| k.name != key) {
            self.seen.push(key);
            self.missing(key, ("文字列", "a string"));
            return None;
        }
        self.string(key)
    }

    pub fn boolean(&mut self, key: &'static str) -> Option<bool> {
        let (_, node) = self.entry(key)?;
        match node.value {
            Value::Boolean(b) => Some(b),
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

    /// An integer or a float.
    pub fn number(&mut self, key: &'static str) -> Option<Located<f64>> {
        let (_, node) = self.entry(key)?;
        match node.value {
            Value::Integer(n) => Some(Located {
                value: n as f64,
                span: node.span.clone(),
            }),
            Value::Float(f) if f.is_finite() => Some(Located {
                value: f,
                span: node.span.clone(),
            }),
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
                    Value::String(s) => Some(Located {
                        value: s.clone(),
                        span: item.span.clone(),
                    }),
                    _ => {
                        type_error(
                            self.ctx,
                            &format!("{field}[{i}]"),
                            item,
                            ("文字列", "a string"),
                        );
                        None
                    }
                })
                .collect(),
            // A lone string where a list is expected is what people write; accept it.
            Value::String(s) => vec![Located {
                value: s.clone(),
                span: node.span.clone(),
            }],
            _ => {
                self.type_error(key, node, ("文字列の配列", "an array of strings"));
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
                self.type_error(key, node, ("テーブル", "a table"));
                None
            }
        }
    }

    /// An array of tables (`[[key]]`).
    pub fn tables(&mut self, key: &'static str) -> Vec<Table<'a>> {
        let Some((_, node)) = self.entry(key) else {
            return Vec::new();
        };
        let field = self.field(key);
        match &node.value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| match &item.value {
                    Value::Table(t) => Some(Table::new(
                        self.ctx,
                        t,
                        format!("{field}[{i}]"),
                        item.span.clone(),
                    )),
                    _ => {
                        type_error(
                            self.ctx,
                            &format!("{field}[{i}]"),
                            item,
                            ("テーブル", "a table"),
                        );
                        None
                    }
                })
                .collect(),
            _ => {
                self.type_error(
                    key,
                    node,
                    ("テーブルの配列 [[…]]", "an array of tables [[…]]"),
                );
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

    /// A value of any type, for fields with several accepted shapes.
    pub fn value(&mut self, key: &'static str) -> Option<Val<'a>> {
        let (_, node) = self.entry(key)?;
        Some(Val {
            ctx: self.ctx,
            node,
        })
    }

    /// Report every key that was never read as an unknown field.
    pub fn finish(self) {
        for (key, _) in self.entries {
            if self.seen.contains(&key.name.as_str()) {
                continue;
            }
            let mut known: Vec<&str> = self.seen.clone();
            known.sort_unstable();
            known.dedup();
            let (hint_ja, hint_en) = match did_you_mean(&key.name, known.iter().copied()) {
                Some(close) => (
                    format!("「{close}」の書き間違いではありませんか？"),
                    format!("did you mean `{close}`?"),
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
                        "unknown field `{}`; {hint_en} expected one of {list}",
                        key.name
                    ),
                ),
            );
        }
    }
}

impl<'a> Val<'a> {
    pub fn span(&self) -> Range<usize> {
        self.node.span.clone()
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
    let found = node.value.type_name();
    ctx.error(
        node.span.clone(),
        field,
        Message::new(
            format!(
                "「{field}」は{}で書いてください（{}が書かれています）",
                expected.0, found.0
            ),
            format!("`{field}` must be {}, found {}", expected.1, found.1),
        ),
    );
}
