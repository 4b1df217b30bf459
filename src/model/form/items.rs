//! What content writes for a form's items and for the texts of a level's own form: an
//! item (`{ item = "ichiji", kind = "grade", scale = "abc", per = "year" }`) is one value
//! under its key, in the page's front matter or in a year's table (`[years.Y]` of a
//! program, `[evaluations.Y]` of a node), read by the item's kind and checked: a grade
//! of its scale, a word of its list, a figure as printed, a flag. A value that does not
//! fit is an error at its line naming the item's heading and what it takes.

use super::{Form, Heading, Item, ItemKind, Section, Words};
use crate::diag::Message;
use crate::load::tree::Value;
use crate::model::markdown::{Markdown, Origin};
use crate::model::money::{self, Amount};
use crate::model::reader::{Table, Val, type_error};
use crate::model::site::SiteConfig;
use crate::model::value::{Number, parse_printed};

/// An item's value as written.
#[derive(Clone, Debug, PartialEq)]
pub enum ItemValue {
    /// A grade key of the item's scale (the site's own key, however it was written).
    Grade(String),
    /// Words as printed: a word of the item's list, a short text, a date, a period.
    Words(String),
    /// The chosen words of an item `choose = "many"`, in the order written.
    Chosen(Vec<String>),
    /// An amount or a number, with the decimals written.
    Figure(Number),
    /// A figure of an item `as_written = true`: its number and the text as written.
    AsWritten(Number, String),
    /// "-" or "—": stated as none, printed as written.
    None(String),
    /// A mark the sheet prints (true) or not.
    Flag(bool),
}

/// One item as content fills it.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    /// The item's key.
    pub key: String,
    pub value: ItemValue,
}

/// Where content copied a word with the sheet's mark before it (三次市's 「■任意自治事務」,
/// round 40): the form prints the marks itself, so the hint names the word alone.
fn marked(item: &Item, s: &str, list: &[String]) -> Option<(String, String)> {
    let m = item.marks.as_ref()?;
    let word = [&m.chosen, &m.other]
        .iter()
        .filter(|mark| !mark.is_empty())
        .find_map(|mark| s.strip_prefix(mark.as_str()))?
        .trim();
    list.iter().any(|w| w == word).then(|| {
        (
            format!(
                "印（{}・{}）は様式が印字します。語だけを「{word}」と書いてください。",
                m.chosen, m.other
            ),
            format!(
                "the form prints the marks ({}, {}) itself: write the word alone, \"{word}\"; ",
                m.chosen, m.other
            ),
        )
    })
}

/// The form's own items of `t` (`per_year`: a year's table), each read by its kind;
/// `scale`: the scale of a grade item that names none (the plan's).
pub(crate) fn read(
    t: &mut Table<'_>,
    form: &Form,
    per_year: bool,
    config: &SiteConfig,
    scale: &str,
) -> Vec<Written> {
    let mut out = Vec::new();
    for item in form.own_items(per_year) {
        let Some(v) = t.own_value(&item.key) else {
            continue;
        };
        let field = t.field_of(&item.key);
        if item.legend {
            // The form prints the legend; a value written for it would be shown nowhere.
            v.ctx.error(
                v.span(),
                &field,
                Message::new(
                    format!("「{}」（{}）は様式が印字する尺度の凡例で、値を持ちません。{} を消してください", name(item), item.key, item.key),
                    format!("\"{}\" ({}) is the form's legend of a scale and holds no value; remove {}", name(item), item.key, item.key),
                ),
            );
            continue;
        }
        if let Some(value) = value(v, &field, item, config, scale) {
            let value = match value {
                ItemValue::Figure(n) if item.as_written => {
                    ItemValue::AsWritten(n, super::cells::as_written(&v, n))
                }
                other => other,
            };
            out.push(Written {
                key: item.key.clone(),
                value,
            });
        }
    }
    out
}

/// The text sections of `form` (`per_year` or not) whose keys are not in `read_already`
/// (the texts every node reads by the nodes' form): a level's own form's texts.
pub(crate) fn read_texts(
    t: &mut Table<'_>,
    form: &Form,
    per_year: bool,
    read_already: &[String],
    config: &SiteConfig,
) -> Vec<(String, Markdown)> {
    let keys: Vec<&str> = (form.sections.iter())
        .filter_map(|s| match s {
            Section::Text(x) if x.per_year == per_year && x.heading != Heading::Builtin => {
                Some(x.key.as_str())
            }
            _ => None,
        })
        .filter(|k| !read_already.iter().any(|r| r == k))
        .collect();
    keys.into_iter()
        .filter_map(|key| {
            let l = t.own_string(key)?;
            let origin = Origin {
                ctx: t.ctx,
                field: t.field_of(key),
                image_hosts: &config.images.allowed_hosts,
            };
            let md = Markdown::new(l.value, &origin, l.span.start, false, l.span);
            Some((key.to_string(), md))
        })
        .collect()
}

/// The item's name in messages: its heading as printed, else its key.
fn name(item: &Item) -> &str {
    match &item.heading {
        Heading::Printed(h) if !h.is_empty() => h,
        _ => &item.key,
    }
}

fn value(
    v: Val<'_>,
    field: &str,
    item: &Item,
    config: &SiteConfig,
    scale: &str,
) -> Option<ItemValue> {
    if let Some(mark) = v.none_mark()
        && !matches!(item.kind, ItemKind::Flag)
    {
        return Some(ItemValue::None(mark));
    }
    match &item.kind {
        ItemKind::Grade(own) => grade(v, field, item, own.as_deref().unwrap_or(scale), config),
        ItemKind::Word(words) => word(v, field, item, words, config),
        ItemKind::Text | ItemKind::Date | ItemKind::Period => text(v, field).map(ItemValue::Words),
        ItemKind::Amount => match money::read(v, field)?.value {
            Amount::Value(n) => Some(ItemValue::Figure(figure(v, n))),
            Amount::None => Some(ItemValue::None("-".to_string())),
        },
        ItemKind::Number => number(v, field, item),
        ItemKind::Flag => match &v.node.value {
            Value::Boolean(b) => Some(ItemValue::Flag(*b)),
            _ => {
                let what = format!("「{}」（{}）", name(item), item.key);
                v.ctx.error(
                    v.span(),
                    field,
                    Message::new(
                        format!("{what}はシートに印刷されるかどうかの印です。true か false を書いてください"),
                        format!("{} ({}) is a mark the sheet prints or not: write true or false", name(item), item.key),
                    ),
                );
                None
            }
        },
    }
}

/// A string as written.
fn text(v: Val<'_>, field: &str) -> Option<String> {
    match &v.node.value {
        Value::String(s) => Some(s.clone()),
        _ => {
            type_error(v.ctx, field, v.node, ("文字列", "a string"));
            None
        }
    }
}

/// A grade of `scale`, written full- or half-width.
fn grade(
    v: Val<'_>,
    field: &str,
    item: &Item,
    scale: &str,
    config: &SiteConfig,
) -> Option<ItemValue> {
    let s = text(v, field)?;
    let sc = config.scale(scale)?;
    if let Some(i) = sc.grade_index(&s) {
        return Some(ItemValue::Grade(sc.grades[i].key.clone()));
    }
    let keys: Vec<&str> = sc.grades.iter().map(|g| g.key.as_str()).collect();
    v.ctx.error(
        v.span(),
        field,
        Message::new(
            format!(
                "「{}」（{}）の評価「{s}」は尺度「{}」にありません。{} のどれかです",
                name(item),
                item.key,
                sc.name,
                keys.join(" / ")
            ),
            format!(
                "{} ({}): grade \"{s}\" is not in scale \"{}\"; expected one of {}",
                name(item),
                item.key,
                sc.id,
                keys.join(", ")
            ),
        ),
    );
    None
}

/// A word of the item's list, or with `choose = "many"` a list of them.
fn word(
    v: Val<'_>,
    field: &str,
    item: &Item,
    words: &Words,
    config: &SiteConfig,
) -> Option<ItemValue> {
    if let Value::Array(nodes) = &v.node.value {
        if let (true, Words::List(list)) = (item.many, words) {
            return chosen(v, field, item, nodes, list)
                .filter(|c| parents_chosen(v, field, item, c));
        }
        v.ctx.error(
            v.span(),
            field,
            Message::new(
                format!(
                    "「{}」（{}）は語を一つ選ぶ項目です。文字列で書いてください（並び [ ] が書かれています）。シートが「該当するものは全部」のように語をいくつも選ばせるなら、forms.toml のこの項目に choose = \"many\" と書くと、並び [ ] で書けます",
                    name(item),
                    item.key
                ),
                format!(
                    "{} ({}) takes one chosen word: write a string (found an array); where the sheet asks for every word that applies, write choose = \"many\" on the item in forms.toml and the content may list several",
                    name(item),
                    item.key
                ),
            ),
        );
        return None;
    }
    let one = word_of(v, field, item, words, config)?;
    Some(match one {
        ItemValue::Words(w) if item.many => ItemValue::Chosen(vec![w]),
        other => other,
    })
    .filter(|c| parents_chosen(v, field, item, c))
}

/// Whether every chosen word under another word (吹田市's 上乗せ under 一部) has that word
/// chosen too, as the sheet ticks both; else an error at the value naming both.
fn parents_chosen(v: Val<'_>, field: &str, item: &Item, value: &ItemValue) -> bool {
    let ItemValue::Chosen(chosen) = value else {
        return true;
    };
    let Some((w, parent)) = item.without_parent(chosen) else {
        return true;
    };
    v.ctx.error(
        v.span(),
        field,
        Message::new(
            format!(
                "「{}」（{}）の「{w}」は「{parent}」の下の語です。「{parent}」も選んでください（シートは両方に印を付けます）",
                name(item),
                item.key
            ),
            format!(
                "{} ({}): \"{w}\" stands under \"{parent}\": choose \"{parent}\" too (the sheet marks both)",
                name(item),
                item.key
            ),
        ),
    );
    false
}

/// The chosen words of an item `choose = "many"`, written as a list: each one of the
/// item's words, none twice; each mistake one error at its word.
fn chosen(
    v: Val<'_>,
    field: &str,
    item: &Item,
    nodes: &[crate::load::tree::Node],
    list: &[String],
) -> Option<ItemValue> {
    let mut out: Vec<String> = Vec::new();
    let mut ok = true;
    for (i, node) in nodes.iter().enumerate() {
        let at = crate::diag::nth(field, i);
        let Some(s) = text(Val { ctx: v.ctx, node }, &at) else {
            ok = false;
            continue;
        };
        let (ja, en) = if !list.contains(&s) {
            let mean = crate::diag::did_you_mean(&s, list.iter().map(String::as_str));
            let (hja, hen) = match (marked(item, &s, list), mean) {
                (Some(hint), _) => hint,
                (None, Some(c)) => (
                    format!("「{c}」のことですか？ "),
                    format!("did you mean \"{c}\"? "),
                ),
                (None, None) => (String::new(), String::new()),
            };
            (
                format!(
                    "「{}」（{}）に「{s}」は使えません。{hja}{} のどれかです（forms.toml の words）",
                    name(item),
                    item.key,
                    list.join(" / ")
                ),
                format!(
                    "{} ({}): \"{s}\" is not one of its words; {hen}expected some of {} (words in forms.toml)",
                    name(item),
                    item.key,
                    list.join(", ")
                ),
            )
        } else if out.contains(&s) {
            (
                format!(
                    "「{}」（{}）に「{s}」が二度書かれています。選んだ語は一度ずつ書いてください",
                    name(item),
                    item.key
                ),
                format!(
                    "{} ({}): \"{s}\" is written twice; write each chosen word once",
                    name(item),
                    item.key
                ),
            )
        } else {
            out.push(s);
            continue;
        };
        v.ctx.error(node.span.clone(), &at, Message::new(ja, en));
        ok = false;
    }
    (ok && !out.is_empty()).then_some(ItemValue::Chosen(out))
}

/// One word of the item's list (site.toml's statuses or directions, or the form's own).
fn word_of(
    v: Val<'_>,
    field: &str,
    item: &Item,
    words: &Words,
    config: &SiteConfig,
) -> Option<ItemValue> {
    let s = text(v, field)?;
    let known: Vec<String> = match words {
        Words::Statuses => {
            if let Some(st) = config.status(&s) {
                return Some(ItemValue::Words(st.key.clone()));
            }
            config.statuses.iter().map(|st| st.key.clone()).collect()
        }
        Words::Directions => {
            if let Some(d) = config.direction(&s) {
                return Some(ItemValue::Words(d.to_string()));
            }
            config.directions.clone()
        }
        Words::List(list) => {
            if list.contains(&s) {
                return Some(ItemValue::Words(s));
            }
            list.clone()
        }
    };
    let (hja, hen) = marked(item, &s, &known).unwrap_or_default();
    v.ctx.error(
        v.span(),
        field,
        Message::new(
            format!(
                "「{}」（{}）に「{s}」は使えません。{hja}{} のどれかです（forms.toml の words）",
                name(item),
                item.key,
                known.join(" / ")
            ),
            format!(
                "{} ({}): \"{s}\" is not one of its words; {hen}expected one of {} (words in forms.toml)",
                name(item),
                item.key,
                known.join(", ")
            ),
        ),
    );
    None
}

/// An amount's figure with the decimals as written (`"1,500.0"` keeps one).
fn figure(v: Val<'_>, n: f64) -> Number {
    match &v.node.value {
        Value::String(s) => parse_printed(s, None)
            .ok()
            .and_then(|p| p.amount)
            .unwrap_or(Number::from_f64(n)),
        Value::Integer(_) => Number {
            value: n,
            decimals: 0,
        },
        _ => Number::from_f64(n),
    }
}

/// A number as printed (`1.5`, `"1,394"`): the figure only.
fn number(v: Val<'_>, field: &str, item: &Item) -> Option<ItemValue> {
    let n = match &v.node.value {
        Value::Integer(n) => Some(Number {
            value: *n as f64,
            decimals: 0,
        }),
        Value::Float(f) if f.is_finite() => Some(v.float_as_written(*f)),
        Value::String(s) => parse_printed(s, None)
            .ok()
            .filter(|p| p.year.is_none() && p.span.is_none() && p.comparator.is_none())
            .and_then(|p| p.amount),
        _ => None,
    };
    if n.is_none() {
        v.ctx.error(
            v.span(),
            field,
            Message::new(
                format!(
                    "「{}」（{}）は数値の項目です。1.5 や \"1,394\" のように数値だけを書いてください（なしは \"-\"）",
                    name(item),
                    item.key
                ),
                format!(
                    "{} ({}) is a number: write the figure only, as 1.5 or \"1,394\" (\"-\" for none)",
                    name(item),
                    item.key
                ),
            ),
        );
    }
    n.map(ItemValue::Figure)
}
