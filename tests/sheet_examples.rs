//! Issue 53 step 8: the real sheets of `examples/SHEETS.md`, transcribed as example sites,
//! show every fact read off the sheet on the page it belongs to. Each site's `facts.tsv`
//! is its checklist: `page  label  column  row  text`, one fact a line, where `page` is the
//! page's address in the built site (`programs/bochi-kanri/`; `h25:programs/…/` for the
//! site in the folder's `h25/`), or `-` for a fact the format cannot hold yet (then the
//! first word of its label, after the sheet's `[…]` prefix, must be listed in the site's README.md under
//! "Not held by the format"). A fact with `column` and `row` is a table cell: the cell
//! under that printed column heading in the row of that printed name must read `text` (an
//! empty `text`: the cell is blank, as printed, never 0 or 「−」);
//! any other fact is `text` somewhere on the page, as words of its own (white space folded;
//! 「政策1 幹線道路」 does not hold the fact 「1 幹線道路」), or, with `column` `(prose)`,
//! anywhere inside the page's text (a figure in a sentence: 「…80件の40.6%が計画通り…」).

use crate::common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use common::*;

/// One line of a facts.tsv.
struct Fact {
    page: String,
    label: String,
    column: String,
    row: String,
    text: String,
}

fn facts(dir: &Path) -> Vec<Fact> {
    read(&dir.join("facts.tsv"))
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 5, "facts.tsv line needs 5 fields: {line}");
            Fact {
                page: f[0].into(),
                label: f[1].into(),
                column: f[2].into(),
                row: f[3].into(),
                text: f[4].into(),
            }
        })
        .collect()
}

/// Build the site at `root` into a fresh folder; its only warning may be the accessibility
/// placeholder every example site has (docs/content-format.md, "The accessibility policy").
fn build_checked(root: &Path, name: &str) -> PathBuf {
    let out = temp_dir(name);
    let run = kensho(root, &["build", "-o", out.to_str().unwrap()]);
    assert!(run.ok, "{} does not build:\n{}", root.display(), run.stderr);
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("warning: ") && !l.contains("content/accessibility.md"))
        .collect();
    assert!(
        warnings.is_empty(),
        "{} warns:\n{}",
        root.display(),
        run.stderr
    );
    out
}

/// The cell of the table in `html` under `column`, in the row named `row`: of a table
/// whose caption holds `table` (the fact's label, where a sheet prints one table per
/// indicator under the same headings, 郡山市's 成果指標1 and 成果指標2), else of any.
fn cell(html: &str, table: &str, column: &str, row: &str) -> Option<String> {
    let tables: Vec<&str> = (html.split("<table").skip(1))
        .map(|t| t.split("</table>").next().unwrap_or(""))
        .collect();
    let captioned = |t: &&&str| {
        let caption = t
            .split("<caption")
            .nth(1)
            .and_then(|c| c.split("</caption>").next());
        caption.is_some_and(|c| !table.is_empty() && text(c).contains(table))
    };
    let in_table = |t: &str| {
        let rows = grid(t);
        let head = rows.iter().find(|r| r.iter().any(|c| c.0 == column))?;
        let at = head.iter().position(|c| c.0 == column)?;
        // The row named `row`: a heading cell before the column (after its groups' names),
        // or its groups' names and its own, one space apart (「第1章 安全・安心 一般」: a
        // name printed under several groups).
        let line = (rows.iter()).find(|r| {
            let heads: Vec<&str> = (r.iter().take(at))
                .filter(|c| c.1)
                .map(|c| c.0.as_str())
                .collect();
            heads.contains(&row) || heads.join(" ") == row || r.first().is_some_and(|c| c.0 == row)
        })?;
        line.get(at).map(|c| c.0.clone())
    };
    (tables.iter().filter(captioned).find_map(|t| in_table(t)))
        .or_else(|| tables.iter().find_map(|t| in_table(t)))
}

/// The rows of a table as its grid: a cell spanning columns or rows (`colspan`,
/// `rowspan`: a row group's name, a column group's heading) stands in each place it
/// covers, so that a cell is found under its column's heading by position. Each cell:
/// its text and whether it is a heading (`th`).
fn grid(html: &str) -> Vec<Vec<(String, bool)>> {
    let attr = |tag: &str, name: &str| -> usize {
        (tag.split(&format!("{name}=\"")).nth(1))
            .and_then(|v| v.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(1)
    };
    // Cells carried down from rows above: (column, text, heading, rows left).
    let mut carried: Vec<(usize, String, bool, usize)> = Vec::new();
    let mut out = Vec::new();
    for row in html.split("<tr").skip(1) {
        let row = row.split("</tr>").next().unwrap_or("");
        let mut cells: Vec<(String, bool, usize, usize)> = Vec::new();
        let mut rest = row;
        while let Some(i) = rest.find("<t") {
            let after = &rest[i..];
            let heading = after.starts_with("<th");
            if !heading && !after.starts_with("<td") {
                rest = &after[2..];
                continue;
            }
            let tag_end = after.find('>').map_or(after.len(), |k| k + 1);
            let tag = &after[..tag_end];
            let close = if heading { "</th>" } else { "</td>" };
            let body_end = after.find(close).unwrap_or(after.len());
            cells.push((
                text(&after[tag_end..body_end]),
                heading,
                attr(tag, "colspan"),
                attr(tag, "rowspan"),
            ));
            rest = &after[(body_end + close.len()).min(after.len())..];
        }
        let mut line: Vec<(String, bool)> = Vec::new();
        let mut next = Vec::new();
        let mut cells = cells.into_iter();
        loop {
            if let Some(c) = carried.iter().find(|c| c.0 == line.len()) {
                line.push((c.1.clone(), c.2));
                if c.3 > 1 {
                    next.push((c.0, c.1.clone(), c.2, c.3 - 1));
                }
                continue;
            }
            let Some((t, h, cols, rows)) = cells.next() else {
                break;
            };
            for _ in 0..cols {
                if rows > 1 {
                    next.push((line.len(), t.clone(), h, rows - 1));
                }
                line.push((t.clone(), h));
            }
        }
        carried = next;
        out.push(line);
    }
    out
}

fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every fact of `examples/<site>/facts.tsv` is on its page; every fact not held is
/// listed in the README.
fn all_facts_found(site: &str) {
    let dir = example_dir(site);
    let readme = read(&dir.join("README.md"));
    let gaps = readme
        .split("## Not held by the format")
        .nth(1)
        .expect("README.md has a section \"## Not held by the format\"");
    let mut built: HashMap<String, PathBuf> = HashMap::new();
    let mut missing = Vec::new();
    let (mut found, mut held) = (0, 0);
    for fact in facts(&dir) {
        let tail = fact.label.split("] ").last().unwrap_or(&fact.label);
        let name = tail.split(' ').next().unwrap_or(tail);
        if fact.page == "-" {
            assert!(
                gaps.contains(name),
                "{site}: fact not held, not in README: {name}"
            );
            continue;
        }
        held += 1;
        let (sub, url) = fact.page.split_once(':').unwrap_or(("", &fact.page));
        let out = built.entry(sub.to_string()).or_insert_with(|| {
            build_checked(&dir.join(sub), &format!("sheet-{site}-{}", sub.len()))
        });
        let html = page_in(out, url);
        let ok = if fact.column == "(prose)" {
            text(&html).contains(&fold(&fact.text))
        } else if fact.column.is_empty() {
            format!(" {} ", text(&html)).contains(&format!(" {} ", fold(&fact.text)))
        } else {
            let table = fact.label.split("] ").last().unwrap_or(&fact.label);
            cell(&html, table, &fact.column, &fact.row).as_deref() == Some(fact.text.as_str())
        };
        if ok {
            found += 1;
        } else {
            missing.push(format!("{} {} → {:?}", fact.page, fact.label, fact.text));
        }
    }
    assert!(held > 0, "{site}: no fact is held");
    assert!(
        missing.is_empty(),
        "{site}: {found} of {held} facts found; missing:\n{}",
        missing.join("\n")
    );
}

#[test]
fn kaizuka_jimujigyo_facts_are_on_their_pages() {
    all_facts_found("kaizuka-jimujigyo");
}

#[test]
fn sayama_jimujigyo_facts_are_on_their_pages() {
    all_facts_found("sayama-jimujigyo");
}

#[test]
fn oamishirasato_jimujigyo_facts_are_on_their_pages() {
    all_facts_found("oamishirasato-jimujigyo");
}

#[test]
fn fuji_tassei_facts_are_on_their_pages() {
    all_facts_found("fuji-tassei");
}

#[test]
fn nagayo_progress_facts_are_on_their_pages() {
    all_facts_found("nagayo-progress");
}

#[test]
fn kaizuka_shisaku_facts_are_on_their_pages() {
    all_facts_found("kaizuka-shisaku");
}

#[test]
fn hamura_shisaku_facts_are_on_their_pages() {
    all_facts_found("hamura-shisaku");
}

#[test]
fn koriyama_jimujigyo_facts_are_on_their_pages() {
    all_facts_found("koriyama-jimujigyo");
}
