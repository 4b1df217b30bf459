//! The order content is shown in, as the city gives it: nodes by `weight`, then code in
//! natural order (２ before 10, full-width digits too), then title; programs in the order
//! of their first listing in the plan tree, unlisted ones after as nodes are.
//! Never by file name.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::year::fold_width;
use super::{Node, Program, parent_path};

/// A code split into text and numbers, so that `2` < `10` and `35-2` < `35-10`; full-width
/// digits count as digits.
pub fn natural(code: &str) -> Vec<(String, u64)> {
    let folded = fold_width(code);
    let mut out = Vec::new();
    let mut text = String::new();
    let mut chars = folded.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
            let mut n = u64::from(d);
            while let Some(d) = chars.peek().filter(|c| c.is_ascii_digit()) {
                n = n
                    .saturating_mul(10)
                    .saturating_add(u64::from(d.to_digit(10).unwrap_or(0)));
                chars.next();
            }
            out.push((std::mem::take(&mut text), n));
        } else {
            text.push(c);
        }
    }
    out.push((text, 0));
    out
}

/// How two sibling nodes are ordered: weight (unset last), code (uncoded last), title.
pub fn nodes(a: &Node, b: &Node) -> Ordering {
    let key = |n: &Node| {
        (
            n.weight.unwrap_or(i64::MAX),
            n.code.is_none(),
            n.code.as_deref().map(natural),
        )
    };
    key(a).cmp(&key(b)).then_with(|| a.title.cmp(&b.title))
}

/// Nodes in tree order: each plan's root (plans as given), then depth first, siblings by
/// [`nodes`]. A node whose parent is missing (an error reported elsewhere) stands as a root.
pub fn tree(all: Vec<Arc<Node>>) -> Vec<Arc<Node>> {
    let paths: HashSet<&str> = all.iter().map(|n| n.path.as_str()).collect();
    let mut kids: HashMap<String, Vec<usize>> = HashMap::new();
    let mut roots: Vec<usize> = Vec::new();
    for (i, n) in all.iter().enumerate() {
        match parent_path(&n.path).filter(|p| paths.contains(p.as_str())) {
            Some(p) => kids.entry(p).or_default().push(i),
            None => roots.push(i),
        }
    }
    for list in kids.values_mut() {
        list.sort_by(|&a, &b| nodes(&all[a], &all[b]));
    }
    let mut order = Vec::with_capacity(all.len());
    let mut stack: Vec<usize> = roots.into_iter().rev().collect();
    while let Some(i) = stack.pop() {
        order.push(i);
        if let Some(children) = kids.get(all[i].path.as_str()) {
            stack.extend(children.iter().rev());
        }
    }
    let mut slots: Vec<Option<Arc<Node>>> = all.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// Programs in the order of their first listing in the plan tree (`tree`: nodes in tree
/// order, a node's own listings in its order); programs no node lists (every program of
/// a site without plans) after, as sibling nodes are: by weight (unset last), code in
/// natural order (uncoded last), then title.
pub fn programs(tree: &[Arc<Node>], mut programs: Vec<Arc<Program>>) -> Vec<Arc<Program>> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (_, l) in tree.iter().flat_map(|n| n.listings()) {
        let next = seen.len();
        seen.entry(l.program.target.as_str()).or_insert(next);
    }
    let key = |p: &Program| {
        (
            seen.get(p.path.as_str()).copied().unwrap_or(usize::MAX),
            p.weight.unwrap_or(i64::MAX),
            p.code.is_none(),
            p.code.as_deref().map(natural),
        )
    };
    programs.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.title.cmp(&b.title)));
    programs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_sort_naturally_full_width_too() {
        let mut codes = vec!["10", "２", "35-10", "35-2", "1", "３"];
        codes.sort_by_key(|c| natural(c));
        assert_eq!(codes, ["1", "２", "３", "10", "35-2", "35-10"]);
    }
}
