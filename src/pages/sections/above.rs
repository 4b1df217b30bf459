//! What a form prints over its sheet's title and over its page's head, taken out of its
//! sections at the markers (`sheet_title = true`, `head = true`), and the items a printed
//! row holds beside either line (新上五島町's 「評価対象年度 平成29年度」 left of
//! 「事務事業評価【事前】シート」, 「編成区分 当初」 right of it).

use serde::Serialize;

use super::{SectionView, prefixed};

/// What a form prints over the sheet's title and over the page's head, and beside each.
#[derive(Default, Serialize)]
pub struct Above<'a> {
    /// The sections before `sheet_title = true`.
    pub title: Vec<SectionView<'a>>,
    /// The items of the title's printed row, left and right of it.
    pub title_line: Line<'a>,
    /// The sections before `head = true`, after the title's marker.
    pub head: Vec<SectionView<'a>>,
    /// The items of the head's printed row, left and right of it.
    pub head_line: Line<'a>,
}

/// The items a printed row holds beside a line (the title's or the head's).
#[derive(Default, Serialize)]
pub struct Line<'a> {
    pub before: Vec<SectionView<'a>>,
    pub after: Vec<SectionView<'a>>,
}

/// Takes out of `list` the sections a form prints over the sheet's title and over the
/// page's head, with the markers and the items beside them; none where a marker is not
/// written.
pub fn above<'a>(list: &mut Vec<SectionView<'a>>) -> Above<'a> {
    let (mut title, mark) = before(list, "sheet_title");
    let title_line = Line::beside(&mut title, mark, list);
    let (mut head, mark) = before(list, "head");
    let head_line = Line::beside(&mut head, mark, list);
    Above {
        title,
        title_line,
        head,
        head_line,
    }
}

impl<'a> Above<'a> {
    /// Every section it holds, in the page's order.
    pub fn all(&self) -> impl Iterator<Item = &SectionView<'a>> {
        (self.title.iter())
            .chain(&self.title_line.before)
            .chain(&self.title_line.after)
            .chain(&self.head)
            .chain(&self.head_line.before)
            .chain(&self.head_line.after)
    }

    /// Its sections with their ids under `prefix` ([`prefixed`]).
    pub fn prefixed(self, prefix: &str) -> Self {
        let p = |list| prefixed(list, prefix);
        Above {
            title: p(self.title),
            title_line: Line {
                before: p(self.title_line.before),
                after: p(self.title_line.after),
            },
            head: p(self.head),
            head_line: Line {
                before: p(self.head_line.before),
                after: p(self.head_line.after),
            },
        }
    }
}

impl<'a> Line<'a> {
    /// The items of the marker's printed row: those before it (the end of `over`) and
    /// those after it (the start of `rest`); none where the marker stands in no row.
    fn beside(
        over: &mut Vec<SectionView<'a>>,
        mark: Option<SectionView<'a>>,
        rest: &mut Vec<SectionView<'a>>,
    ) -> Self {
        let Some(row) = mark.and_then(|m| m.row) else {
            return Line::default();
        };
        let first = (over.iter().rposition(|s| s.row != Some(row))).map_or(0, |i| i + 1);
        let before = over.split_off(first);
        let last = (rest.iter().position(|s| s.row != Some(row))).unwrap_or(rest.len());
        let after = rest.drain(..last).collect();
        Line { before, after }
    }
}

/// The sections before the marker of `kind`, taken out of `list` with it (returned
/// apart).
fn before<'a>(
    list: &mut Vec<SectionView<'a>>,
    kind: &str,
) -> (Vec<SectionView<'a>>, Option<SectionView<'a>>) {
    let Some(at) = list.iter().position(|s| s.kind == kind) else {
        return (Vec::new(), None);
    };
    let mut above: Vec<SectionView<'a>> = list.drain(..=at).collect();
    let mark = above.pop();
    (above, mark)
}
