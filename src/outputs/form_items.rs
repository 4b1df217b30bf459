//! The open data's table of the items of the pages' own forms (`items.csv`): one row per
//! item a page's form prints with a value (款・項・目, 予算額, 実施形態 …), named by the
//! heading the form prints over it, with its value as printed and, for a figure, its
//! number and unit. The page's own items (of no year) come first, then each year's. A
//! page of the built-in form has none: its fields are programs.csv's and kpis.csv's.

use std::borrow::Cow;

use crate::model::Site;
use crate::model::form::{Heading, ItemValue};
use crate::outputs::data::{self, Field, Row, Rows};
use crate::outputs::form_cells::{node_item, program_item};

/// Program `pi`'s items: its own, then year by year, each read with the form of its year.
pub fn program_rows(site: &Site, pi: usize) -> Rows<'_> {
    let form = site.config.forms.programs_in(site.config.report_year);
    let pages = data::program_texts_at(site, pi);
    Rows {
        item: program_item(site, pi, form),
        rows: pages.flat_map(|page| rows(site, page)).collect(),
    }
}

/// Node `ni`'s items: its own, then its evaluations' year by year.
pub fn node_rows(site: &Site, ni: usize) -> Rows<'_> {
    let n = &site.nodes[ni];
    let form = (site
        .config
        .forms
        .node(n.plan, n.depth, site.config.report_year))
    .filter(|f| !f.builtin);
    let pages = data::node_texts_at(site, ni);
    Rows {
        item: node_item(site, ni, form),
        rows: pages.flat_map(|page| rows(site, page)).collect(),
    }
}

/// The rows of one page's items of `year` (`None`: the page's own), in the written order.
fn rows<'a>(
    site: &'a Site,
    (_, year, _, (_, items), form): data::TextsAt<'a>,
) -> impl Iterator<Item = Row<'a>> {
    items.iter().filter_map(move |w| {
        let item = form.and_then(|f| f.own_items(year.is_some()).find(|i| i.key == w.key));
        // An item printed with no heading has none here either: its key stands beside it.
        let heading = match item.map(|i| &i.heading) {
            Some(Heading::Printed(h)) => data::with_year(site, h, year),
            _ => Cow::Borrowed(w.key.as_str()),
        };
        let (printed, number) = match &w.value {
            ItemValue::Grade(k) | ItemValue::Words(k) => (Field::text(k), None),
            ItemValue::None(mark) => (Field::StatedNone(Cow::Borrowed(mark)), None),
            // The chosen words of an item `choose = "many"`, joined as the workbook joins
            // them (no word of such an item holds 「、」).
            ItemValue::Chosen(ws) => (Field::owned(ws.join("、")), None),
            ItemValue::Figure(n) => (Field::owned(n.format_abs_signed()), Some(*n)),
            ItemValue::AsWritten(n, text) => (Field::text(text), Some(*n)),
            // A mark the sheet prints: its heading; one it does not print, no row.
            ItemValue::Flag(true) => (Field::owned(heading.to_string()), None),
            ItemValue::Flag(false) => return None,
        };
        let unit = item.map_or("", |i| i.unit.as_str());
        let [era, western] = data::year(year, &site.config.labels);
        Some(vec![
            era,
            western,
            Field::text(&w.key),
            match heading {
                Cow::Borrowed(h) => Field::text(h),
                Cow::Owned(h) => Field::owned(h),
            },
            printed,
            number.map_or(Field::Empty, Field::amount),
            Field::text(unit),
        ])
    })
}
