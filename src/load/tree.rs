//! An owned, spanned TOML tree: every key and value keeps its byte span in the file.
//!
//! toml's `DeTable` borrows from the text it parsed; converting it once into this small
//! owned tree keeps the rest of the pipeline free of lifetimes and of toml's internals.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Byte span in the file (not in the front matter).
    pub span: Range<usize>,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    String(String),
    Integer(i64),
    Float(f64),
    Boolean(bool),
    Datetime(String),
    Array(Vec<Node>),
    Table(Table),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub name: String,
    pub span: Range<usize>,
}

/// A table's entries in document order.
pub type Table = Vec<(Key, Node)>;

impl Value {
    /// The TOML type name, for "expected a string, found an integer".
    pub fn type_name(&self) -> (&'static str, &'static str) {
        match self {
            Value::String(_) => ("文字列", "a string"),
            Value::Integer(_) => ("整数", "an integer"),
            Value::Float(_) => ("小数", "a float"),
            Value::Boolean(_) => ("真偽値", "a boolean"),
            Value::Datetime(_) => ("日時", "a date-time"),
            Value::Array(_) => ("並び", "an array"),
            Value::Table(_) => ("表", "a table"),
        }
    }
}

/// Convert toml's parsed document, shifting every span by `offset`.
pub fn from_de(table: &DeTable<'_>, offset: usize) -> Table {
    table
        .iter()
        .map(|(k, v)| {
            let key = Key {
                name: k.get_ref().to_string(),
                span: shift(k.span(), offset),
            };
            (key, node(v, offset))
        })
        .collect()
}

fn node(v: &Spanned<DeValue<'_>>, offset: usize) -> Node {
    let value = match v.get_ref() {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Integer(n),
            // Out of range for i64: keep the digits as a float so nothing panics.
            Err(_) => Value::Float(i.as_str().parse().unwrap_or(f64::NAN)),
        },
        DeValue::Float(f) => Value::Float(f.as_str().parse().unwrap_or(f64::NAN)),
        DeValue::Boolean(b) => Value::Boolean(*b),
        DeValue::Datetime(d) => Value::Datetime(d.to_string()),
        DeValue::Array(a) => Value::Array(a.iter().map(|e| node(e, offset)).collect()),
        DeValue::Table(t) => Value::Table(from_de(t, offset)),
    };
    Node {
        span: shift(v.span(), offset),
        value,
    }
}

fn shift(r: Range<usize>, offset: usize) -> Range<usize> {
    r.start + offset..r.end + offset
}
