//! Column heading rows under group headings, as sheets print them (基準値 over H26, 実績値
//! over five years, 前期実施計画 over 事業数 and 事業費): one mechanism for the KPI table,
//! the lists of children and programs, and form tables.

use serde::Serialize;

#[derive(Clone, Serialize)]
pub struct Head {
    pub heading: String,
    pub span: usize,
    /// A group's heading (`scope="colgroup"`).
    pub group: bool,
    pub rows: usize,
}

/// The heading rows of columns each under its heading and, where it has one, its group's
/// (`(group, heading)` in order): the top row a group's heading over its neighbouring
/// columns of the same group, an ungrouped column's own heading (two rows high where
/// there is a second row); the second row the grouped columns' own headings (none
/// without groups).
pub fn head_rows(mut heads: Vec<(Option<&str>, String)>) -> (Vec<Head>, Vec<Head>) {
    // A group over one column with no heading of its own (目標値 over `{year}` where the
    // KPIs' target years differ) is that column's heading.
    for i in 0..heads.len() {
        let g = heads[i].0;
        let alone = g.is_some()
            && (i == 0 || heads[i - 1].0 != g)
            && heads.get(i + 1).is_none_or(|n| n.0 != g);
        if alone && heads[i].1.trim().is_empty() {
            heads[i] = (None, g.unwrap_or_default().to_string());
        }
    }
    let grouped = heads.iter().any(|(g, _)| g.is_some());
    let mut top: Vec<Head> = Vec::new();
    let mut below = Vec::new();
    let mut last_group: Option<&str> = None;
    for (group, heading) in heads {
        match group {
            Some(g) => {
                below.push(Head {
                    heading,
                    span: 1,
                    group: false,
                    rows: 1,
                });
                match top.last_mut() {
                    Some(h) if last_group == Some(g) => h.span += 1,
                    _ => top.push(Head {
                        heading: g.to_string(),
                        span: 1,
                        group: true,
                        rows: 1,
                    }),
                }
                last_group = Some(g);
            }
            None => {
                top.push(Head {
                    heading,
                    span: 1,
                    group: false,
                    rows: if grouped { 2 } else { 1 },
                });
                last_group = None;
            }
        }
    }
    (top, below)
}

/// Each column's label where a narrow screen draws a table's rows as cards of label and
/// value: its heading after its group's (「実績値 H27」), each heading's printed lines
/// kept (style.css draws them: 佐賀市's 「26年度 / (上段:目標) / (下段:実績)」), the spaces
/// within a line folded to one; empty where the sheet prints neither. None at all (no
/// cards: the table stays a table) where the sheet prints no heading, which a card could
/// not label.
pub fn card_labels(heads: &[(Option<&str>, String)]) -> Vec<String> {
    let one_line = |s: &str| {
        (s.lines())
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let labels: Vec<String> = heads
        .iter()
        .map(|(group, heading)| {
            let (g, h) = (one_line(group.unwrap_or("")), one_line(heading));
            match (g.is_empty(), h.is_empty()) {
                (false, false) if g != h => format!("{g} {h}"),
                (false, _) => g,
                _ => h,
            }
        })
        .collect();
    if labels.iter().all(String::is_empty) {
        return Vec::new();
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::card_labels;

    #[test]
    fn a_cards_label_is_the_group_then_the_heading_in_its_printed_lines() {
        let heads = [
            (None, "事業名".to_string()),
            (Some("実績値"), "H27".to_string()),
            (Some("目 標 値"), "".to_string()),
            (None, "年度\n項目".to_string()),
            (None, String::new()),
            (None, "26年度\n  (上段:目標)  \n\n(下段:実績)".to_string()),
        ];
        assert_eq!(
            card_labels(&heads),
            [
                "事業名",
                "実績値 H27",
                "目 標 値",
                "年度\n項目",
                "",
                "26年度\n(上段:目標)\n(下段:実績)"
            ]
        );
        // Headings printed nowhere label nothing.
        let unheaded = [
            (None, String::new()),
            (None, String::new()),
            (None, String::new()),
        ];
        assert!(card_labels(&unheaded).is_empty());
    }
}
