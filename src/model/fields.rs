//! The city's own text fields (`[fields]` in site.toml): for each place a text can stand
//! (a node, its evaluation of a year, a program, a program's year), the keys the city
//! writes and the headings its sheet prints, in its order. A place the city does not
//! name keeps kensho's built-in fields under the default labels.

use std::collections::HashSet;

use super::reader::Table;
use crate::diag::Message;

/// Where a text field stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// A node's own front matter.
    Node,
    /// `[evaluations.<year>]` of a node.
    Evaluation,
    /// A program's own front matter.
    Program,
    /// `[years.<year>]` of a program.
    ProgramYear,
}

impl Place {
    pub const ALL: [Place; 4] = [
        Place::Node,
        Place::Evaluation,
        Place::Program,
        Place::ProgramYear,
    ];

    /// Its key in `[fields]`.
    pub fn name(self) -> &'static str {
        match self {
            Place::Node => "node",
            Place::Evaluation => "evaluation",
            Place::Program => "program",
            Place::ProgramYear => "program_year",
        }
    }

    /// kensho's own text fields of the place, in the order pages show them when the
    /// city names none.
    pub fn builtins(self) -> &'static [&'static str] {
        match self {
            Place::Node | Place::Program => &["intent"],
            Place::Evaluation => &["summary", "issues", "outlook"],
            Place::ProgramYear => &["results", "analysis", "plan"],
        }
    }

    /// The keys of the place that are not text (a field may not take their name).
    pub fn others(self) -> &'static [&'static str] {
        match self {
            Place::Node => &[
                "code",
                "title",
                "departments",
                "related",
                "flags",
                "weight",
                "draft",
                "programs",
                "groups",
                "evaluations",
                "totals",
                "kpis",
                "body",
            ],
            Place::Evaluation => &["grade"],
            Place::Program => &[
                "code",
                "title",
                "weight",
                "departments",
                "account",
                "funding",
                "new",
                "flags",
                "period",
                "related",
                "draft",
                "years",
                "body",
            ],
            Place::ProgramYear => &[
                "planned",
                "status",
                "direction",
                "budget",
                "budget_parts",
                "settlement",
                "sources",
                "funding",
                "staff",
                "staff_planned",
                "personnel_cost",
                "personnel_cost_planned",
                "total_cost",
                "indicators",
                "flags",
            ],
        }
    }

    /// Whether `key` is one of kensho's own text fields here.
    pub fn is_builtin(self, key: &str) -> bool {
        self.builtins().contains(&key)
    }
}

/// One text field as the city names it.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub key: String,
    /// The heading the sheet prints over it.
    pub label: String,
}

/// `[fields]`: each place's list, `None` where the city names none.
#[derive(Clone, Debug, Default)]
pub struct Fields {
    places: [Option<Vec<Field>>; 4],
    /// Whether the lists come from forms.toml (messages then name it, not `[fields]`).
    pub in_forms: bool,
}

impl Fields {
    /// Each place's list, in [`Place::ALL`]'s order (from the forms: `form::Forms::fields`).
    pub fn from_places(places: [Option<Vec<Field>>; 4], in_forms: bool) -> Fields {
        Fields { places, in_forms }
    }

    /// The city's list for `place`, when it names one.
    pub fn of(&self, place: Place) -> Option<&[Field]> {
        self.places[place as usize].as_deref()
    }

    /// The city's own keys of `place` (not kensho's built-in ones), in its order.
    pub fn own(&self, place: Place) -> impl Iterator<Item = &Field> {
        self.of(place)
            .unwrap_or_default()
            .iter()
            .filter(move |f| !place.is_builtin(&f.key))
    }

    /// The label the city gives `key` at `place`.
    pub fn label(&self, place: Place, key: &str) -> Option<&str> {
        self.of(place)?
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.label.as_str())
    }
}

/// Read `[fields]`; every problem is reported at its place in site.toml.
pub fn read(t: Option<Table<'_>>) -> Fields {
    let mut fields = Fields::default();
    let Some(mut t) = t else {
        return fields;
    };
    for place in Place::ALL {
        if t.span_of(place.name()).is_none() {
            t.entry(place.name());
            continue;
        }
        let list = t
            .tables(place.name())
            .into_iter()
            .filter_map(|e| read_field(e, place))
            .collect::<Vec<_>>();
        fields.places[place as usize] = Some(dedup(list, place, &t));
    }
    t.finish();
    fields
}

/// One `{ key, label }`: a key of letters, digits, `_` and `-` (it names the field in
/// content and in the page's ids) that is not a non-text key of the place, and a label.
fn read_field(mut e: Table<'_>, place: Place) -> Option<(Field, std::ops::Range<usize>)> {
    let key = e.required_text("key");
    let label = e.required_text("label");
    let ctx = e.ctx;
    let path = e.path.clone();
    e.finish();
    let key = key?;
    let field = format!("{path}.key");
    let k = key.value.as_str();
    if !k
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        ctx.error(key.span, &field, Message::new(
            format!("欄の key「{k}」には半角の英数字と _ - だけを使ってください（例: mokuhyo）。見出しは label に書きます"),
            format!("field key \"{k}\" may hold only ASCII letters, digits, _ and - (e.g. mokuhyo); the heading goes in label"),
        ));
        return None;
    }
    if place.others().contains(&k) {
        ctx.error(key.span, &field, Message::new(
            format!("欄の key「{k}」は {} の文章でない項目と同じ名前なので使えません。別の名前にしてください（文章の欄: {}）", place.name(), place.builtins().join(", ")),
            format!("field key \"{k}\" is a non-text field of {}; choose another name (its text fields: {})", place.name(), place.builtins().join(", ")),
        ));
        return None;
    }
    Some((
        Field {
            key: key.value,
            label: label?.value,
        },
        key.span,
    ))
}

/// The list without keys named twice (each reported at its second naming).
fn dedup(list: Vec<(Field, std::ops::Range<usize>)>, place: Place, t: &Table<'_>) -> Vec<Field> {
    let mut seen = HashSet::new();
    list.into_iter()
        .filter(|(f, span)| {
            let fresh = seen.insert(f.key.clone());
            if !fresh {
                t.ctx.error(
                    span.clone(),
                    &format!("fields.{}", place.name()),
                    Message::new(
                        format!(
                            "[fields] の {} に key「{}」が二度あります。一つにしてください",
                            place.name(),
                            f.key
                        ),
                        format!(
                            "[fields] {} names key \"{}\" twice; keep one",
                            place.name(),
                            f.key
                        ),
                    ),
                );
            }
            fresh
        })
        .map(|(f, _)| f)
        .collect()
}

/// Where a place is named, a built-in text key written in `t` that the city's list does
/// not name: an error at the key saying to add it to `[fields]`.
pub fn check_unnamed(t: &Table<'_>, place: Place, fields: &Fields) {
    let Some(list) = fields.of(place) else {
        return;
    };
    for key in place.builtins() {
        if list.iter().any(|f| f.key == *key) {
            continue;
        }
        let Some(span) = t.span_of(key) else {
            continue;
        };
        let field = if t.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", t.path)
        };
        let named: Vec<&str> = list.iter().map(|f| f.key.as_str()).collect();
        if fields.in_forms {
            let (form, per) = match place {
                Place::Node | Place::Evaluation => ("nodes", matches!(place, Place::Evaluation)),
                Place::Program | Place::ProgramYear => {
                    ("programs", matches!(place, Place::ProgramYear))
                }
            };
            let per = if per { ", per = \"year\"" } else { "" };
            t.ctx.error(span, &field, Message::new(
                format!("「{key}」は forms.toml の様式（for = \"{form}\"）の文章の欄にありません。この欄を使うなら sections に {{ text = \"{key}\", heading = \"…\"{per} }} を加えてください（あるもの: {}）", named.join(", ")),
                format!("`{key}` is not a text of the form for \"{form}\" in forms.toml; to use it, add {{ text = \"{key}\", heading = \"…\"{per} }} to its sections (there: {})", named.join(", ")),
            ));
            continue;
        }
        t.ctx.error(span, &field, Message::new(
            format!("「{key}」は site.toml の [fields] の {} にありません。この欄を使うなら [fields] の {} に {{ key = \"{key}\", label = \"…\" }} を加えてください（あるもの: {}）", place.name(), place.name(), named.join(", ")),
            format!("`{key}` is not named in {} of [fields] in site.toml; to use it, add {{ key = \"{key}\", label = \"…\" }} to [fields] {} (named: {})", place.name(), place.name(), named.join(", ")),
        ));
    }
}
