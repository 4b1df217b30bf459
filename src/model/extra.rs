//! `[extra]` in site.toml: the city's own data for its theme's templates (a phone number
//! for a banner, a link to the council's page), as Zola's `config.extra` and Hugo's
//! `site.Params`: kensho shows none of it itself; a template shows what it names
//! (`{{ site.extra.banner }}`), escaped as every value is.
//!
//! ```toml
//! [extra]
//! banner = "この報告は令和6年度の議会に提出したものです"
//! council = { name = "市議会", url = "https://www.city.example.lg.jp/gikai/" }
//! ```

use serde_json::{Map, Value as Json};

use super::reader::{Table, type_error};
use crate::load::tree::Value;

/// `[extra]` as plain data (tables, arrays, text, numbers, booleans; a date as written);
/// an empty table without it, and where it is no table (an error at it).
pub fn read(t: &mut Table<'_>) -> Json {
    let Some(v) = t.value("extra") else {
        return Json::Object(Map::new());
    };
    match &v.node.value {
        Value::Table(_) => plain(&v.node.value),
        _ => {
            type_error(v.ctx, "extra", v.node, ("[extra] の表", "an [extra] table"));
            Json::Object(Map::new())
        }
    }
}

/// A TOML value as JSON.
fn plain(v: &Value) -> Json {
    match v {
        Value::String(s) | Value::Datetime(s) => Json::String(s.clone()),
        Value::Integer(i) => Json::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Value::Boolean(b) => Json::Bool(*b),
        Value::Array(items) => Json::Array(items.iter().map(|n| plain(&n.value)).collect()),
        Value::Table(entries) => Json::Object(
            (entries.iter())
                .map(|(k, n)| (k.name.clone(), plain(&n.value)))
                .collect(),
        ),
    }
}
