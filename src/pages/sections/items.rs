//! The items of a form as a page prints them: each value as printed (words, a figure, a
//! grade's badge, every word of a `word` item after its mark), and the items printed inside
//! an item's cell (its guests: `inside`, after one of its words with `after`).

use super::*;

/// A value as printed: words or a figure, or a grade's badge; in a list, a text.
#[derive(Serialize, Default)]
pub struct ValueView<'a> {
    pub year: Option<String>,
    pub text: String,
    /// Words written on several lines (我孫子市's 執行計画 「1月 ホームページ作成」 /
    /// 「2月 市広報掲載」 …): printed on their lines.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub lines: bool,
    pub badge: Option<Badge>,
    /// A grade item's `meaning = "shown"`: its meaning printed under the grade.
    pub meaning_shown: bool,
    /// A figure (right-aligned in a table).
    pub num: bool,
    /// The title column of a list: the page's link.
    pub link: Option<Link>,
    /// The title column of a list: the flags the sheet prints after the title, as written
    /// (【新規】, 【重点施策】: the listed page's own, a program's of the report year too).
    pub flags: Vec<String>,
    /// A text column of a list: the listed page's text as written, drawn as its text
    /// section draws it.
    pub html: Option<Prose<'a>>,
    /// The title column of a program list: the listing's 【再掲】 (of the node's table's
    /// year, as the built-in page marks it), the years it is listed in (only some), and
    /// where it is first listed outside the site (初出).
    pub relisted: bool,
    pub listed_in: Option<String>,
    pub first: Option<crate::pages::view::OutsideView<'a>>,
    /// The 計 row's cell: the printed 計 (or, where the site asks, kensho's sum:
    /// `computed`).
    #[serde(rename = "money_html")]
    pub money: Option<crate::pages::parts::Money>,
    pub computed: bool,
    /// A `word` item with `marks`: every word of its list as printed, each after its mark
    /// (■ the chosen, □ the others); `text` is the chosen word.
    pub choices: Vec<Choice>,
    /// A grade item with `grades`: every grade of its scale as the pattern prints it,
    /// the chosen one told (its mark where the form gives `marks`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub grades: Vec<Choice>,
    /// The items printed inside its cell after it (`inside`: 我孫子市's 「(換算人数 0.09
    /// 人)」 after ⑥担当職員数's 「5 人」), each as its printed form fills it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inside: Vec<form_table::InsideView>,
    /// A list's KPI column (`"kpi.actual@H28"`): the listed child's KPI's cell, drawn as
    /// the KPI table draws it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kpi: Option<super::kpi_table::KpiCell<'a>>,
    /// A listed child's own cell beside its KPIs' rows: the rows it spans (0 or 1: a cell
    /// of one row, drawn with no `rowspan`).
    #[serde(skip_serializing_if = "is_one_row")]
    pub rows: usize,
    /// Under a cell above it that spans this row: not drawn.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub covered: bool,
}

fn is_one_row(rows: &usize) -> bool {
    *rows <= 1
}

/// The choice of `word` among `choices` (or the words under them).
pub(super) fn choice_of<'c>(choices: &'c mut [Choice], word: &str) -> Option<&'c mut Choice> {
    for c in choices {
        if c.word == word {
            return Some(c);
        }
        if let Some(u) = choice_of(&mut c.under, word) {
            return Some(u);
        }
    }
    None
}

/// An item printed inside another's cell (`inside`), one value of it as its printed form
/// fills it.
pub(super) struct Guest {
    year: Option<FiscalYear>,
    view: form_table::InsideView,
    /// `after`: the word of the host's it follows.
    after: Option<String>,
    /// No value written: its words around a blank (`empty = "shown"`).
    blank: bool,
}

impl<'a> Page<'_, 'a> {
    /// Each value of `item` in `scope` with the items printed inside it, in the years'
    /// order; and the items printed after one of its words (`after`), which
    /// [`Page::place_after`] puts with the words once the value's words are drawn.
    pub(super) fn values_of(&self, item: &Item, scope: Scope) -> (Vec<ValueView<'a>>, Vec<Guest>) {
        let mut written = self.written_of(item, scope);
        // The items printed inside its cell, each after the value of its year; one whose
        // host's cell is blank stands alone there.
        let years: Vec<Option<FiscalYear>> = written.iter().map(|(y, _)| *y).collect();
        let (after, inside): (Vec<Guest>, Vec<Guest>) = (self.guests(item, scope, &years))
            .into_iter()
            .partition(|g| g.after.is_some());
        for g in inside {
            let view = g.view;
            match written.iter_mut().find(|(hy, _)| *hy == g.year) {
                Some((_, host)) => host.inside.push(view),
                // A blank (`empty = "shown"`) prints in a value of the host's only.
                None if g.blank => {}
                None => written.push((
                    g.year,
                    ValueView {
                        inside: vec![form_table::InsideView {
                            lead: String::new(),
                            ..view
                        }],
                        ..ValueView::default()
                    },
                )),
            }
        }
        // In the order of the years drawn (a value alone of a guest's year in its place).
        let order = self.years_in(scope);
        written.sort_by_key(|(y, _)| y.and_then(|y| order.iter().position(|o| *o == y)));
        let alone = self.year_said(scope, written.iter().filter_map(|(y, _)| *y));
        let values = (written.into_iter())
            .map(|(y, mut view)| {
                view.year = y.filter(|_| !alone).map(|y| self.v.year(y));
                view
            })
            .collect();
        (values, after)
    }

    /// The items printed inside `host`'s cell (`inside`), each value as its printed form
    /// fills it, with its year and the word of the host's it follows (`after`); one with
    /// `empty = "shown"` and no value its words around a blank, in each of `years` (the
    /// host's values' years; the page's own where the guest is).
    fn guests(&self, host: &Item, scope: Scope, years: &[Option<FiscalYear>]) -> Vec<Guest> {
        let guests = (self.form.sections.iter()).filter_map(|s| match s {
            Section::Item(g) if g.inside.as_ref().is_some_and(|i| i.row == host.key) => Some(g),
            _ => None,
        });
        let mut out = Vec::new();
        for g in guests {
            let inside = g.inside.as_ref().expect("a guest");
            let mut values: Vec<(Option<FiscalYear>, String)> = (self.written_of(g, scope))
                .into_iter()
                .map(|(y, v)| (y, v.text))
                .collect();
            if inside.shown_empty {
                let blank_years: Vec<Option<FiscalYear>> = if g.per_year {
                    years.iter().copied().filter(Option::is_some).collect()
                } else {
                    vec![None]
                };
                for y in blank_years {
                    if !values.iter().any(|(vy, _)| *vy == y) {
                        values.push((y, String::new()));
                    }
                }
            }
            for (y, text) in values {
                let filled = inside.fill(&text);
                let trimmed = filled.trim_start();
                let view = form_table::InsideView {
                    lead: filled[..filled.len() - trimmed.len()].to_string(),
                    text: trimmed.to_string(),
                    heard: match &g.heading {
                        Heading::Printed(h) if !inside.has_words() && !h.is_empty() => {
                            Some(h.clone())
                        }
                        _ => None,
                    },
                    computed: false,
                    differs: None,
                };
                out.push(Guest {
                    year: y,
                    view,
                    after: inside.after.clone(),
                    blank: text.is_empty(),
                });
            }
        }
        out
    }

    /// The items printed after a word of their host's (`after`: 千葉市's 「補助金事業シート整理番号
    /// ( )」 after あり, before なし) put with that word where its value prints its words
    /// (`marks`), else after the value of their year; a year with no value of the host's a
    /// value of their own.
    pub(super) fn place_after(&self, guests: Vec<Guest>, values: &mut Vec<ValueView<'a>>) {
        for g in guests {
            let (Some(word), view, blank, y) = (g.after, g.view, g.blank, g.year) else {
                continue;
            };
            // A value of its year: the one naming that year, or the one saying none.
            let label = y.map(|y| self.v.year(y));
            let at = (values.iter())
                .position(|v| v.year.is_some() && v.year == label)
                .or_else(|| values.iter().position(|v| v.year.is_none()));
            let Some(at) = at else {
                // A blank (`empty = "shown"`) prints in a value of the host's only.
                if blank {
                    continue;
                }
                values.push(ValueView {
                    year: label,
                    inside: vec![form_table::InsideView {
                        lead: String::new(),
                        ..view
                    }],
                    ..ValueView::default()
                });
                continue;
            };
            let value = &mut values[at];
            match choice_of(&mut value.choices, &word) {
                Some(c) => c.inside.push(view),
                None => value.inside.push(view),
            }
        }
    }

    /// Each value `item` has in `scope`, with the year it is of (`None`: the page's own).
    fn written_of(&self, item: &Item, scope: Scope) -> Vec<(Option<FiscalYear>, ValueView<'a>)> {
        let years: Vec<Option<FiscalYear>> = if item.per_year {
            self.years_in(scope).into_iter().map(Some).collect()
        } else {
            vec![None]
        };
        (years.into_iter())
            .filter_map(|y| {
                let value = (self.items)(item, y)?;
                let mut view = value_view(self.v, item, &value, self.scale)?;
                // A program's sheet drawn in its node's: its title links to its page.
                if item.builtin && item.key == "title" && item.of.is_none() && y.is_none() {
                    view.link = self.title_link.clone();
                }
                Some((y, view))
            })
            .collect()
    }
}

/// The value written for `item`.
pub(super) fn own_value(written: &[Written], item: &Item) -> Option<ItemValue> {
    (written.iter())
        .find(|w| w.key == item.key)
        .map(|w| w.value.clone())
}

/// An item's value as printed; a flag the sheet does not print is no value.
pub(super) fn value_view<'a>(
    v: &Views,
    item: &Item,
    value: &ItemValue,
    scale: &str,
) -> Option<ValueView<'a>> {
    let (text, num, badge) = match value {
        ItemValue::Grade(key) => {
            let scale = match &item.kind {
                ItemKind::Grade(Some(s)) => s.as_str(),
                _ => scale,
            };
            match &item.chosen {
                // The sheet's words around the grade (「B 概ね期待どおり」), not a badge.
                Some(pattern) => (chosen_grade(v, pattern, scale, key)?, false, None),
                None => (String::new(), false, Some(v.badge(scale, key)?)),
            }
        }
        ItemValue::Words(w) => match (&item.kind, item.key.as_str()) {
            (ItemKind::Word(_), "status") if item.builtin => {
                (String::new(), false, Some(v.status_badge(w)?))
            }
            _ => (w.clone(), false, None),
        },
        // Several chosen words, printed alone (an item without marks): joined as the
        // site joins a list.
        ItemValue::Chosen(ws) => (
            ws.join(v.site.config.labels.get("common.list_sep")),
            false,
            None,
        ),
        ItemValue::Figure(n) => (n.format_abs_signed(), true, None),
        ItemValue::AsWritten(_, text) => (text.clone(), true, None),
        ItemValue::None(mark) => (mark.clone(), true, None),
        ItemValue::Flag(true) => (item_heading(v, item), false, None),
        ItemValue::Flag(false) => return None,
    };
    // The unit the sheet prints after the value (「89800人」), its words before it (平成).
    let text = if badge.is_none() {
        format!("{}{text}{}", item.before, item.unit)
    } else {
        text
    };
    let choices = match value {
        ItemValue::Words(chosen) => choices(v, item, std::slice::from_ref(chosen)),
        ItemValue::Chosen(chosen) => choices(v, item, chosen),
        _ => Vec::new(),
    };
    let grades = match value {
        ItemValue::Grade(key) => grade_choices(v, item, scale, Some(key)),
        _ => Vec::new(),
    };
    Some(ValueView {
        lines: text.contains('\n'),
        text,
        num,
        meaning_shown: item.meaning_shown && badge.is_some(),
        badge,
        choices,
        grades,
        ..ValueView::default()
    })
}

/// Every grade of a grade item's scale as its `grades` pattern prints it (「A) 税金を使う
/// 必要がある」), in the scale's order, `chosen` told; its marks before each where the form
/// gives them. None for an item without `grades`.
/// Grade `key` of `scale` printed in the item's `chosen` pattern.
fn chosen_grade(v: &Views, pattern: &str, scale: &str, key: &str) -> Option<String> {
    let g = (v.site.config.scale(scale)?.grades.iter()).find(|g| g.key == key)?;
    Some(grade_words(pattern, g))
}

/// A grade as a pattern prints it: `{key}`, `{label}` and `{meaning}` filled.
fn grade_words(pattern: &str, g: &crate::model::site::Grade) -> String {
    crate::model::labels::fill(pattern, |name| match name {
        "key" => Some(g.key.as_str()),
        "label" => Some(g.label.as_str()),
        "meaning" => Some(g.meaning.as_str()),
        _ => None,
    })
}

pub(super) fn grade_choices(
    v: &Views,
    item: &Item,
    scale: &str,
    chosen: Option<&str>,
) -> Vec<Choice> {
    let (Some(pattern), ItemKind::Grade(own)) = (&item.grades, &item.kind) else {
        return Vec::new();
    };
    let Some(sc) = v.site.config.scale(own.as_deref().unwrap_or(scale)) else {
        return Vec::new();
    };
    (sc.grades.iter())
        .map(|g| {
            let is_chosen = chosen == Some(g.key.as_str());
            let word = grade_words(pattern, g);
            let mark =
                (item.marks.as_ref()).map_or_else(String::new, |m| m.of(is_chosen).to_string());
            // A pattern ending in a line break prints each grade on a line of its own.
            let line = word.ends_with('\n');
            Choice {
                mark,
                word: word.trim_end_matches('\n').to_string(),
                chosen: is_chosen,
                under: Vec::new(),
                inside: Vec::new(),
                line,
            }
        })
        .collect()
}

/// A `word` item printed with its marks (`marks`) and no word chosen: each word of its
/// list after the mark of the words not chosen.
pub(super) fn unchosen<'a>(v: &Views, item: &Item) -> Option<ValueView<'a>> {
    let choices = choices(v, item, &[]);
    (!choices.is_empty()).then(|| ValueView {
        choices,
        ..ValueView::default()
    })
}

/// Every word of a `word` item printed with its marks, each after its mark: the first
/// before each of `chosen`, the second before the others. None for an item without marks.
pub(super) fn choices(v: &Views, item: &Item, chosen: &[String]) -> Vec<Choice> {
    let (Some(marks), ItemKind::Word(words)) = (&item.marks, &item.kind) else {
        return Vec::new();
    };
    let mut out: Vec<Choice> = Vec::new();
    for word in word_list(v, words) {
        let is_chosen = chosen.contains(&word);
        let parent = item.parent_of(&word);
        let choice = Choice::new(word, marks, is_chosen);
        // A word under another follows it in the list: it goes inside it.
        match (parent, out.last_mut()) {
            (Some(p), Some(last)) if last.word == p => last.under.push(choice),
            _ => out.push(choice),
        }
    }
    out
}

/// The words of a `word` item's list, in their order: site.toml's statuses or
/// directions, or the form's own.
pub(super) fn word_list(v: &Views, words: &Words) -> Vec<String> {
    let config = &v.site.config;
    match words {
        Words::Statuses => config.statuses.iter().map(|s| s.key.clone()).collect(),
        Words::Directions => config.directions.clone(),
        Words::List(list) => list.clone(),
    }
}
