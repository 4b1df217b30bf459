//! A node's code as shown where it stands alone (breadcrumbs, links, lists): the plan's
//! `code_format` filled in, or, under the default format, the code with its parent's and
//! its level name where two nodes of the plan share it (基本計画３５ 主要施策２). And a
//! page's head as its form prints the code and title (`head`, for nodes and programs),
//! or none in sight (`head = ""`).

use std::collections::HashMap;

use serde::Serialize;

use crate::link::Graph;
use crate::model::Site;
use crate::model::form::{Form, HeadPart};

/// The default `code_format`: the code as printed.
pub const DEFAULT_FORMAT: &str = "{code}";

/// Every node's shown code (`None`: the node has none), by node index.
pub fn shown(site: &Site, graph: &Graph) -> Vec<Option<String>> {
    let mut uses: HashMap<(usize, &str), usize> = HashMap::new();
    for n in &site.nodes {
        if let Some(c) = n.code.as_deref() {
            *uses.entry((n.plan, c)).or_default() += 1;
        }
    }
    let shared = |i: usize| {
        let n = &site.nodes[i];
        n.code
            .as_deref()
            .is_some_and(|c| uses.get(&(n.plan, c)).copied().unwrap_or(0) > 1)
    };
    let mut out: Vec<Option<String>> = vec![None; site.nodes.len()];
    // Nodes are in tree order: a parent's code is filled in before its children's.
    for (i, n) in site.nodes.iter().enumerate() {
        let Some(code) = n.code.as_deref() else {
            continue;
        };
        let format = site.config.plans[n.plan]
            .code_format
            .as_deref()
            .unwrap_or(DEFAULT_FORMAT);
        // A format the city chose is applied as written; only the default qualifies.
        let qualified = site.config.plans[n.plan].code_format.is_none() && shared(i);
        let parent = graph.parent[i].map_or(String::new(), |p| {
            let shown = out[p].clone().unwrap_or_default();
            if qualified && !shared(p) {
                with_level(&site.level_name(&site.nodes[p]), &shown)
            } else {
                shown
            }
        });
        let level = site.level_name(n);
        out[i] = Some(if qualified {
            // Shared under the default format: `{parent} {level}{code}`, a code that already
            // names its level not named twice.
            apply(
                "{parent} {code}",
                &with_level(&level, code),
                &level,
                &parent,
            )
        } else {
            apply(format, code, &level, &parent)
        });
    }
    out
}

/// A code with its level name before it, unless it already names it (基本計画３５, 第1章).
fn with_level(level: &str, code: &str) -> String {
    if code.is_empty() || code.contains(level) {
        code.to_string()
    } else {
        format!("{level}{code}")
    }
}

/// `format` with `{code}`, `{level}` and `{parent}` filled in; separators left at the ends
/// are trimmed (a root's `{parent}` is empty: `{parent}-{code}` gives `1`, not `-1`), and a
/// code that already names its level is not named twice (`{level}{code}` over 基本目標's 「1」
/// and 施策's 「施策1-1」 as printed: 基本目標1, 施策1-1).
pub fn apply(format: &str, code: &str, level: &str, parent: &str) -> String {
    let separator = |c: char| c.is_whitespace() || "-‐－_・/／.．".contains(c);
    // A code that names its level already (施策1-1, 第1章) takes no level name beside it.
    let level = if with_level(level, code) == code {
        ""
    } else {
        level
    };
    format
        .replace("{code}", code)
        .replace("{level}", level)
        .replace("{parent}", parent)
        .trim_matches(separator)
        .to_string()
}

/// A part of a page's head as the templates draw it (`kind`: `text`, the city's words and
/// the level name; `code`; `title`; `break`, a line break).
#[derive(Serialize, Debug, PartialEq, Eq)]
pub struct HeadPiece {
    pub kind: &'static str,
    pub text: String,
}

/// A page's (or its parent's) names, as a head prints them.
#[derive(Clone, Copy)]
pub struct Names<'a> {
    pub code: Option<&'a str>,
    pub title: &'a str,
    /// The level's name; "" for a program.
    pub level: &'a str,
}

/// A page's head as its form's `head` prints it: none (kensho's way, the code before the
/// title) where the site's form declares no head, or where the head names `{code}` and the
/// page has no code (its title alone, as kensho prints it). `parent`: the parent node's
/// names, for `{parent_…}`.
pub fn head(form: Option<&Form>, page: Names, parent: Option<Names>) -> Vec<HeadPiece> {
    let Some(parts) = form.filter(|f| !f.builtin).and_then(|f| f.head.as_ref()) else {
        return Vec::new();
    };
    if page.code.is_none() && parts.contains(&HeadPart::Code) {
        return Vec::new();
    }
    pieces(parts, page, parent)
}

/// A head's parts (a form's `head`, an item's `format`) filled with the page's names and
/// its parent's. A node with no parent (the top, under a form `for = "nodes"`) prints no
/// line of only the parent's names, rather than an empty one (a line with its own names
/// keeps them, the parent's parts blank).
pub fn pieces(parts: &[HeadPart], page: Names, parent: Option<Names>) -> Vec<HeadPiece> {
    use crate::model::form::ParentPart;
    let piece = |kind, text: &str| HeadPiece {
        kind,
        text: text.to_string(),
    };
    let of_parent = |part: &ParentPart| {
        parent.map_or("", |n| match part {
            ParentPart::Level => n.level,
            ParentPart::Code => n.code.unwrap_or_default(),
            ParentPart::Title => n.title,
        })
    };
    let own = |p: &HeadPart| matches!(p, HeadPart::Code | HeadPart::Title | HeadPart::Level);
    let lines = parts.split(|p| *p == HeadPart::Break);
    let kept = lines.filter(|l| {
        parent.is_some() || l.iter().any(own) || !l.iter().any(|p| matches!(p, HeadPart::Parent(_)))
    });
    let mut out: Vec<HeadPiece> = Vec::new();
    for (i, line) in kept.enumerate() {
        if i > 0 {
            out.push(piece("break", ""));
        }
        out.extend(line.iter().map(|p| match p {
            HeadPart::Text(t) => piece("text", t),
            HeadPart::Level => piece("text", page.level),
            HeadPart::Code => piece("code", page.code.unwrap_or_default()),
            HeadPart::Title => piece("title", page.title),
            HeadPart::Parent(part) => piece("text", of_parent(part)),
            HeadPart::Break => piece("break", ""),
        }));
    }
    out
}

/// Whether the page's form prints no head line (`head = ""`: 三郷市 prints its code and
/// name only as labelled cells): the h1 stays for screen readers, hidden from sight.
pub fn head_hidden(form: Option<&Form>) -> bool {
    form.filter(|f| !f.builtin)
        .and_then(|f| f.head.as_ref())
        .is_some_and(Vec::is_empty)
}

/// A head as plain text, a line break as `line` (the page's `<title>`: a space).
pub fn head_text(pieces: &[HeadPiece], line: &str) -> String {
    (pieces.iter())
        .map(|p| if p.kind == "break" { line } else { &p.text })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_in() {
        assert_eq!(
            apply("{parent} {level}{code}", "２", "主要施策", "基本計画３５"),
            "基本計画３５ 主要施策２"
        );
        assert_eq!(apply("{parent}-{code}", "2", "施策", "35"), "35-2");
        assert_eq!(apply("{code}", "2", "施策", ""), "2");
        assert_eq!(apply("{parent}-{code}", "1", "章", ""), "1");
        assert_eq!(with_level("章", "第1章"), "第1章");
        // A code printed with its level's name keeps it once (福岡市's 施策1-1 beside
        // 基本目標 「1」, both under `{level}{code}`).
        assert_eq!(apply("{level}{code}", "施策1-1", "施策", ""), "施策1-1");
        assert_eq!(apply("{level}{code}", "1", "基本目標", ""), "基本目標1");
        assert_eq!(apply("{level} {code}", "施策1-1", "施策", ""), "施策1-1");
    }
}
