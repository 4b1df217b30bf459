//! A place's text fields as a page shows them: one ordered list of heading and text,
//! kensho's built-in fields and the city's own together, in the city's order under its
//! labels (`[fields]` in site.toml), or the built-in ones under the default labels.

use serde::Serialize;

use crate::model::fields::Place;
use crate::model::{Markdown, SiteConfig};
use crate::pages::parts::Prose;

/// One text field of a node, an evaluation, a program or a program year.
#[derive(Serialize)]
pub struct FieldView<'a> {
    pub key: &'a str,
    /// Its heading: the city's label, or the default one.
    pub label: &'a str,
    /// The id its heading takes on a node's or program's page (before the print view's
    /// prefix): a built-in key as it is (`intent`), the city's own as `field-<key>`, so
    /// it never takes an id the page uses for something else. Evaluation and year
    /// headings take none.
    pub id: String,
    #[serde(rename = "html")]
    pub text: Prose<'a>,
}

/// A place's written texts in the order its page shows them, each with its key and
/// label: the city's list where it names the place, else the built-in fields under the
/// default labels (`default_label` gives the label's key in the labels table).
pub fn ordered<'a>(
    config: &'a SiteConfig,
    place: Place,
    builtin: &[(&'static str, Option<&'a Markdown>)],
    own: &'a [(String, Markdown)],
    default_label: impl Fn(&str) -> &'static str,
) -> Vec<(&'a str, &'a str, &'a Markdown)> {
    let find = |key: &str| match builtin.iter().find(|(k, _)| *k == key) {
        Some((_, md)) => *md,
        None => own.iter().find(|(k, _)| k == key).map(|(_, m)| m),
    };
    match config.fields.of(place) {
        Some(list) => list
            .iter()
            .filter_map(|f| Some((f.key.as_str(), f.label.as_str(), find(&f.key)?)))
            .collect(),
        None => builtin
            .iter()
            .filter_map(|&(k, md)| Some((k, config.labels.get(default_label(k)), md?)))
            .collect(),
    }
}

/// The id of a field's heading ([`FieldView::id`]).
pub fn heading_id(place: Place, key: &str) -> String {
    if place.is_builtin(key) {
        key.to_string()
    } else {
        format!("field-{key}")
    }
}

/// The default label of a built-in field of an evaluation or a program year.
pub fn year_label(key: &str) -> &'static str {
    match key {
        "summary" => "fields.summary",
        "issues" => "fields.issues",
        "outlook" => "fields.outlook",
        "results" => "fields.results",
        "analysis" => "fields.analysis",
        _ => "fields.plan",
    }
}
