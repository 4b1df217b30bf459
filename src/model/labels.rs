//! The words the pages show around the content: headings, table headers, list names, the
//! home page's lead. One table of them (`labels/ja.toml`, with the English set in
//! `labels/en.toml`, the same keys in both); `language` in site.toml picks the set and
//! `[labels]` there replaces any of its words with the city's own.
//!
//! Keys are `section.name` (`nav.kpis`). A label may hold placeholders in braces
//! (`{city}`); the site-wide ones (`{city}`, `{title}`, `{report_year}`) are filled in
//! once here, the others by the page that shows the label ([`Labels::fill`]).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::reader::Table;
use crate::diag::{Message, did_you_mean};
use crate::load::tree::Value;

/// A set of labels by section, then name: the shape templates read (`t.nav.kpis`).
type Sections = BTreeMap<String, BTreeMap<String, String>>;

const JA: &str = include_str!("labels/ja.toml");
const EN: &str = include_str!("labels/en.toml");

/// The words of one site: the defaults of its language with the city's own over them.
#[derive(Clone, Debug)]
pub struct Labels {
    /// Every label's text, in the order of `keys.order`.
    texts: Vec<String>,
    /// The keys of the set the labels started from, and where each text is.
    keys: &'static Keys,
    /// The language of the set the labels started from (years and dates follow it).
    language: Language,
}

/// The keys of a built-in set, in order (section, then name), and the place of each in
/// [`Labels::texts`]: a label is found by one hash of its key. Two ordered maps of
/// strings, searched section then name, cost 3.8 % of a 1,000-page build's instructions
/// (docs/decisions.md); the keys never change after the set is read, only the texts.
#[derive(Debug)]
struct Keys {
    order: Vec<(&'static str, &'static str)>,
    /// Each section and the range of its names in `order`.
    sections: Vec<(&'static str, std::ops::Range<usize>)>,
    full: FxHashMap<&'static str, usize>,
    parts: FxHashMap<(&'static str, &'static str), usize>,
}

impl Keys {
    fn of(sections: &'static Sections, full_keys: &'static [String]) -> Keys {
        let order: Vec<(&str, &str)> = (sections.iter())
            .flat_map(|(s, names)| names.keys().map(move |n| (s.as_str(), n.as_str())))
            .collect();
        let mut start = 0;
        let sections = (sections.iter())
            .map(|(s, names)| {
                start += names.len();
                (s.as_str(), start - names.len()..start)
            })
            .collect();
        Keys {
            full: (full_keys.iter().enumerate())
                .map(|(i, k)| (k.as_str(), i))
                .collect(),
            parts: (order.iter().enumerate()).map(|(i, &k)| (k, i)).collect(),
            sections,
            order,
        }
    }

    /// The place of `section.name`.
    fn place(&self, key: &str) -> Option<usize> {
        self.full.get(key).copied()
    }
}

/// The labels as `{section: {name: text}}`, sections and names in order, as the
/// templates read them (`labels.nav.kpis`).
impl Serialize for Labels {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        struct Section<'a>(&'a [(&'static str, &'static str)], &'a [String]);
        impl Serialize for Section<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().map(|(_, n)| n).zip(self.1))
            }
        }
        let mut map = s.serialize_map(Some(self.keys.sections.len()))?;
        for (section, range) in &self.keys.sections {
            let names = &self.keys.order[range.clone()];
            map.serialize_entry(section, &Section(names, &self.texts[range.clone()]))?;
        }
        map.end()
    }
}

impl Default for Labels {
    fn default() -> Self {
        Labels::builtin(Language::Japanese)
    }
}

/// The language of a site's pages, from `language` in site.toml.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    Japanese,
    English,
}

impl Language {
    /// `en` (or `en-…`) is English; anything else is Japanese, the default.
    pub fn from_tag(tag: &str) -> Language {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("en") {
            Language::English
        } else {
            Language::Japanese
        }
    }
}

/// The built-in set of `language`, parsed once.
/// A built-in set: its texts in key order, and its keys.
fn defaults(language: Language) -> (&'static [String], &'static Keys) {
    // The files as read, for the keys to borrow from, then the sets.
    static FILES: OnceLock<[(Sections, Vec<String>); 2]> = OnceLock::new();
    static SETS: OnceLock<[(Vec<String>, Keys); 2]> = OnceLock::new();
    let files = FILES.get_or_init(|| {
        [JA, EN].map(parse_builtin).map(|s| {
            let full = (s.iter())
                .flat_map(|(sec, names)| names.keys().map(move |n| format!("{sec}.{n}")))
                .collect();
            (s, full)
        })
    });
    let sets = SETS.get_or_init(|| {
        files.each_ref().map(|(sections, full)| {
            let texts = (sections.values()).flat_map(|n| n.values().cloned());
            (texts.collect(), Keys::of(sections, full))
        })
    });
    let (texts, keys) = match language {
        Language::Japanese => &sets[0],
        Language::English => &sets[1],
    };
    (texts, keys)
}

fn parse_builtin(text: &str) -> Sections {
    // The files are part of kensho, checked by the tests: a broken one is a bug.
    toml::from_str(text).unwrap_or_default()
}

impl Labels {
    /// The built-in Japanese set, shared: for drawing outside any site (tests, a part
    /// drawn with no page being rendered).
    pub fn japanese() -> &'static Labels {
        static JAPANESE: OnceLock<Labels> = OnceLock::new();
        JAPANESE.get_or_init(Labels::default)
    }

    /// The built-in set of `language`.
    pub fn builtin(language: Language) -> Labels {
        let (texts, keys) = defaults(language);
        Labels {
            texts: texts.to_vec(),
            keys,
            language,
        }
    }

    /// The language of the site's pages.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The label `key` (`section.name`). Every key the code asks for is in both built-in
    /// sets (a test checks the sets; the tests of each page kind check the asking), so an
    /// unknown key is a bug: debug builds stop on it; a release build shows the key.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        let found = self.keys.place(key).map(|i| &self.texts[i]);
        debug_assert!(
            found.is_some(),
            "no label `{key}` in src/model/labels/*.toml"
        );
        found.map_or(key, String::as_str)
    }

    /// The label `name` of `section`, for keys made at run time (`data_column.{name}`):
    /// as [`Labels::get`], but a missing one is empty in a release build.
    pub fn of(&self, section: &str, name: &str) -> &str {
        let found = (self.keys.parts.get(&(section, name))).map(|&i| &self.texts[i]);
        debug_assert!(
            found.is_some(),
            "no label `{section}.{name}` in src/model/labels/*.toml"
        );
        found.map_or("", String::as_str)
    }

    /// The label `key` with its placeholders (`{year}`) filled in ([`fill`]).
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        fill(self.get(key), |name| {
            (args.iter().find(|(n, _)| *n == name)).map(|(_, value)| *value)
        })
    }

    /// Show the label `other` in place of `key` where `key` is still the built-in one
    /// (the site gave no words of its own for it): `home.lead_titled` for `home.lead` on
    /// a site whose title names the city.
    pub fn instead(&mut self, key: &str, other: &str) {
        let (builtin, _) = defaults(self.language);
        let (Some(k), Some(o)) = (self.keys.place(key), self.keys.place(other)) else {
            return;
        };
        if self.texts[k] == builtin[k] {
            self.texts[k] = self.texts[o].clone();
        }
    }

    /// Fill the site-wide placeholders in every label.
    pub fn fill_site(&mut self, args: &[(&str, &str)]) {
        for label in self.texts.iter_mut().filter(|l| l.contains('{')) {
            *label = fill(label, |name| {
                (args.iter().find(|(n, _)| *n == name)).map(|(_, value)| *value)
            });
        }
    }

    /// Put before every label that shows a word the mark naming it (a private-use
    /// character, [`MARK_BASE`] + its place in [`Labels::keys`]), for `check --words`: the
    /// site is rendered with marked labels and each page read for the marks
    /// (docs/decisions.md, "check --words"). A label that is empty, or only placeholders,
    /// adds no word of kensho's and stays as it is.
    pub fn mark(&mut self) {
        for (index, label) in (0u32..).zip(&mut self.texts) {
            if has_words(label)
                && let Some(mark) = char::from_u32(MARK_BASE + index)
            {
                label.insert(0, mark);
            }
        }
    }

    /// Every label, `(section.name, text)`, in the order of [`Labels::keys`] (the order
    /// [`Labels::mark`] numbers them in).
    pub fn texts(&self) -> impl Iterator<Item = (String, &str)> + '_ {
        (self.keys.order.iter().zip(&self.texts))
            .map(|((s, n), text)| (format!("{s}.{n}"), text.as_str()))
    }

    /// Every key, `section.name`, in order.
    pub fn keys(&self) -> impl Iterator<Item = String> + '_ {
        (self.keys.order.iter()).map(|(s, n)| format!("{s}.{n}"))
    }
}

/// `text` with each placeholder `{name}` that `value_of` knows replaced by its value, in
/// one pass: a value is put in as it is and never searched for placeholders itself (a
/// city's title holding `{unit}` stays as written). One filler for the labels filled in
/// Rust ([`Labels::fill`]) and in the theme's templates (the `fill` filter, `html`). A
/// chain of `str::replace`, one per placeholder, cost ~1,000 instructions each (a
/// searcher set up per pattern, a string per step): 3.6 % of a 1,000-page build (docs/decisions.md).
pub fn fill<'v>(text: &str, value_of: impl Fn(&str) -> Option<&'v str>) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name = after
            .find(['{', '}'])
            .filter(|&end| after.as_bytes()[end] == b'}');
        match name.and_then(|end| Some((end, value_of(&after[..end])?))) {
            Some((end, value)) => {
                out.push_str(value);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The first mark of [`Labels::mark`]: the start of Supplementary Private Use Area-A, which
/// no label, template or content of a site uses as text (one character per label, so no
/// wrapping or escaping can split a mark).
pub const MARK_BASE: u32 = 0xF0000;

/// `label` without the mark [`Labels::mark`] put before it.
pub fn unmarked(label: &str) -> &str {
    label.trim_start_matches(|c: char| c as u32 >= MARK_BASE)
}

/// Whether `label` shows a word of its own: something besides its `{placeholders}` and
/// spaces.
pub fn has_words(label: &str) -> bool {
    let mut rest = label;
    while let Some(open) = rest.find('{') {
        if rest[..open].chars().any(|c| !c.is_whitespace()) {
            return true;
        }
        match rest[open..].find('}') {
            Some(close) => rest = &rest[open + close + 1..],
            None => return true,
        }
    }
    rest.chars().any(|c| !c.is_whitespace())
}

/// `[labels]` in site.toml over the built-in set of `language`: each key written as in
/// the label files, `"home.lead" = "…"` or in a `[labels.home]` table.
pub fn read(t: Option<Table<'_>>, language: Language) -> Labels {
    let mut labels = Labels::builtin(language);
    let Some(t) = t else {
        return labels;
    };
    for (key, val) in t.entries() {
        match &val.node.value {
            Value::Table(_) => {
                let Some(inner) = val.as_table(format!("labels.{}", key.name)) else {
                    continue;
                };
                for (name, v) in inner.entries() {
                    let full = format!("{}.{}", key.name, name.name);
                    set(&mut labels, &full, v.node, name.span.clone(), t.ctx);
                }
            }
            _ => set(&mut labels, &key.name, val.node, key.span.clone(), t.ctx),
        }
    }
    labels
}

/// Replace the label `key` with the city's text, or say why not.
fn set(
    labels: &mut Labels,
    key: &str,
    node: &crate::load::tree::Node,
    span: std::ops::Range<usize>,
    ctx: &super::reader::Ctx<'_>,
) {
    let field = format!("labels.{key}");
    let Value::String(text) = &node.value else {
        super::reader::type_error(ctx, &field, node, ("文字列", "a string"));
        return;
    };
    let slot = (labels.keys.place(key)).and_then(|i| labels.texts.get_mut(i));
    match slot {
        Some(slot) => {
            ctx.check_bidi(&node.span, &field, text);
            *slot = text.clone();
        }
        None => unknown_key(labels, key, span, ctx),
    }
}

fn unknown_key(
    labels: &Labels,
    key: &str,
    span: std::ops::Range<usize>,
    ctx: &super::reader::Ctx<'_>,
) {
    let keys: Vec<String> = labels.keys().collect();
    let close = did_you_mean(key, keys.iter().map(String::as_str));
    let (hint_ja, hint_en) = close.map_or_else(
        || (String::new(), String::new()),
        |c| {
            (
                format!("「{c}」の書き間違いではありませんか？"),
                format!(" Did you mean `{c}`?"),
            )
        },
    );
    ctx.error(
        span,
        &format!("labels.{key}"),
        Message::new(
            format!(
                "ラベル「{key}」はありません。{hint_ja}ラベルの一覧は docs/labels.md にあります。"
            ),
            format!("there is no label `{key}`.{hint_en} Every label is listed in docs/labels.md."),
        ),
    );
}

/// Whether `c` is a Japanese character (kana, kanji, full-width forms): what an English
/// page must show only inside the city's content.
pub fn is_japanese(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        let s: Sections = toml::from_str(text).expect("a label file parses");
        s.iter()
            .flat_map(|(sec, names)| names.keys().map(move |n| format!("{sec}.{n}")))
            .collect()
    }

    #[test]
    fn both_sets_hold_the_same_keys() {
        assert_eq!(keys(JA), keys(EN));
        assert!(keys(JA).len() > 1);
    }

    #[test]
    fn every_english_label_is_free_of_japanese() {
        let en: Sections = toml::from_str(EN).unwrap();
        for (sec, names) in &en {
            for (name, text) in names {
                assert!(
                    !text.chars().any(crate::model::labels::is_japanese),
                    "en.toml {sec}.{name} = {text:?}"
                );
            }
        }
    }

    #[test]
    fn only_labels_with_words_are_marked() {
        assert!(has_words("{year}の目標値"));
        assert!(!has_words("{report_year}"));
        assert!(!has_words(" {a} {b} "));
        assert!(!has_words(""));
        let mut l = Labels::builtin(Language::Japanese);
        l.mark();
        let texts: Vec<(String, &str)> = l.texts().collect();
        let (i, (_, unit)) = (texts.iter().enumerate())
            .find(|(_, (k, _))| k == "kpi.unit")
            .unwrap();
        assert_eq!(unit.chars().next(), char::from_u32(MARK_BASE + i as u32));
        assert_eq!(unmarked(unit), "単位");
        assert_eq!(l.get("site.header_year"), "{report_year}");
    }

    #[test]
    fn fill_puts_each_known_placeholder_once_and_values_as_written() {
        let values = [
            ("year", "令和6年度"),
            ("name", "{year}の<b>"),
            ("empty", ""),
        ];
        let value_of = |n: &str| values.iter().find(|(k, _)| *k == n).map(|(_, v)| *v);
        let filled = fill("{{year}} {name}: {unknown} {empty}{year}{", value_of);
        assert_eq!(filled, "{令和6年度} {year}の<b>: {unknown} 令和6年度{");
        assert_eq!(fill("予算{", value_of), "予算{");
        assert_eq!(fill("", value_of), "");
        // What a chain of `replace` gives where no value holds a placeholder.
        let label = "{year}の{name}（{year}）";
        let chained = label.replace("{year}", "R6").replace("{name}", "<事業>");
        let args = [("year", "R6"), ("name", "<事業>")];
        let one = fill(label, |n| {
            args.iter().find(|(k, _)| *k == n).map(|(_, v)| *v)
        });
        assert_eq!(one, chained);
    }

    #[test]
    fn fill_replaces_placeholders() {
        let l = Labels::builtin(Language::Japanese);
        let key = l.keys().next().unwrap();
        assert_eq!(l.fill(&key, &[]), l.get(&key));
        let args = [("year", "令和6年度"), ("phase", "計画")];
        let filled = fill("{year}の{phase}（{year}）{other}", |n| {
            args.iter().find(|(k, _)| *k == n).map(|(_, v)| *v)
        });
        assert_eq!(filled, "令和6年度の計画（令和6年度）{other}");
    }

    #[test]
    fn an_empty_value_makes_no_placeholder_of_what_is_around_it() {
        let args = [("a", ""), ("b", "B")];
        let filled = fill("{b{a}} {b}", |n| {
            args.iter().find(|(k, _)| *k == n).map(|(_, v)| *v)
        });
        assert_eq!(filled, "{b} B");
    }

    proptest::proptest! {
        /// One pass fills a label as replacing each placeholder in turn does, whatever
        /// braces the label holds, where no value could make a placeholder of its own
        /// (values are put in as written, never searched: see [`fill`]). An empty value
        /// could: `{b{a}}` turns `{b}` once `{a}` is gone, which replacing in turn would
        /// then fill (see `an_empty_value_makes_no_placeholder_of_what_is_around_it`).
        #[test]
        fn filling_in_one_pass_is_filling_in_turn(
            label in "[{}ab x]{0,12}",
            values in proptest::collection::vec("[x ]{1,4}", 3),
        ) {
            let args = [("a", values[0].as_str()), ("b", values[1].as_str()), ("ab", values[2].as_str())];
            let mut in_turn = label.clone();
            for (name, value) in args {
                in_turn = in_turn.replace(&format!("{{{name}}}"), value);
            }
            let one = fill(&label, |n| args.iter().find(|(k, _)| *k == n).map(|(_, v)| *v));
            proptest::prop_assert_eq!(one, in_turn);
        }
    }
}
