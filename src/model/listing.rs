//! How a node lists its programs and names related pages: `programs` entries that are a
//! path or a table (`years`, `reprint`, `first`), references outside the site
//! (`{ code, title, url }`), and the city's flags (site.toml `flags`).

use super::reader::{Ctx, Located, Table, type_error};
use super::site::SiteConfig;
use super::year::FiscalYear;
use super::{Listed, Outside, Ref};
use crate::diag::Message;
use crate::load::tree::{Node as TreeNode, Value};

/// One entry of a list that takes strings and tables.
enum Item<'a> {
    Text(Located<String>),
    Table(Table<'a>),
}

/// The entries of `key` (a list, or a lone string), each a string or a table; anything
/// else is reported as `expected`.
fn items<'a>(t: &mut Table<'a>, key: &'static str, expected: (&str, &str)) -> Vec<Item<'a>> {
    let field = field_of(t, key);
    let ctx = t.ctx;
    let Some(v) = t.value(key) else {
        return Vec::new();
    };
    let one = |node: &'a TreeNode, at: String| match &node.value {
        Value::String(s) => {
            ctx.check_bidi(&node.span, &at, s);
            Some(Item::Text(Located {
                value: s.clone(),
                span: node.span.clone(),
            }))
        }
        Value::Table(entries) => Some(Item::Table(Table::new(ctx, entries, at, node.span.clone()))),
        _ => {
            type_error(ctx, &at, node, expected);
            None
        }
    };
    match &v.node.value {
        Value::Array(list) => list
            .iter()
            .enumerate()
            .filter_map(|(i, node)| one(node, crate::diag::nth(&field, i)))
            .collect(),
        // A lone string where a list is expected is what people write; accept it.
        Value::String(_) => one(v.node, field).into_iter().collect(),
        _ => {
            type_error(ctx, &field, v.node, expected);
            Vec::new()
        }
    }
}

fn field_of(t: &Table<'_>, key: &str) -> String {
    if t.path.is_empty() {
        key.to_string()
    } else {
        format!("{}.{key}", t.path)
    }
}

const LISTING: (&str, &str) = (
    "\"@/programs/…\" の文字列か { program = \"@/programs/…\", years = [...] } の表",
    "a string \"@/programs/…\" or a table { program = \"@/programs/…\", years = [...] }",
);

const RELATED: (&str, &str) = (
    "\"@/…\" の文字列か、サイトの外を指す { code = \"1-26\", title = \"…\", url = \"https://…\" } の表",
    "a string \"@/…\" or, for something outside the site, a table { code = \"1-26\", title = \"…\", url = \"https://…\" }",
);

/// A node's `programs = [...]`: its listings (see [`listings`]) and its blank rows,
/// `{ code = "07" }` (a table with a code and no program: the sheet's numbered row left
/// blank, 秩父市's 「07」), which stand after the programs listed, as the sheet prints them.
pub(super) fn listings_with_blanks(
    t: &mut Table<'_>,
    key: &'static str,
) -> (Vec<Listed>, Vec<String>) {
    let field = field_of(t, key);
    let ctx = t.ctx;
    let mut listed = Vec::new();
    let mut blanks: Vec<String> = Vec::new();
    for item in items(t, key, LISTING) {
        let blank = matches!(&item, Item::Table(lt)
            if lt.span_of("program").is_none() && lt.span_of("code").is_some());
        if blank {
            let Item::Table(mut lt) = item else { continue };
            let code = lt.required_text("code").map(|l| l.value);
            lt.finish();
            blanks.extend(code);
            continue;
        }
        let span = match &item {
            Item::Text(l) => l.span.clone(),
            Item::Table(lt) => lt.span.clone(),
        };
        if !blanks.is_empty() {
            ctx.error(
                span.clone(),
                &field,
                Message::new(
                    "空欄の行（{ code = \"07\" }）は、シートが事務事業の後に番号だけ印字する行です。事務事業はその前に書いてください".to_string(),
                    "a blank row ({ code = \"07\" }) is a numbered row the sheet prints after its programs: list the programs before it".to_string(),
                ),
            );
        }
        listed.extend(listed_of(ctx, item, &field));
    }
    (listed, blanks)
}

/// `programs = [...]`: each a `"@/programs/x.md"` (listed every year, 再掲 as kensho
/// decides) or a table `{ program, years, reprint, first }`.
pub(super) fn listings(t: &mut Table<'_>, key: &'static str) -> Vec<Listed> {
    let field = field_of(t, key);
    let ctx = t.ctx;
    items(t, key, LISTING)
        .into_iter()
        .filter_map(|item| listed_of(ctx, item, &field))
        .collect()
}

/// One entry of `programs`: a path, or a table `{ program, years, reprint, first }`.
fn listed_of(ctx: &Ctx<'_>, item: Item<'_>, field: &str) -> Option<Listed> {
    match item {
        Item::Text(l) => Some(Listed {
            program: super::content::parse_ref(ctx, l, field)?,
            years: None,
            years_written: Vec::new(),
            years_field: String::new(),
            reprint: None,
            reprint_in: None,
            first: None,
        }),
        Item::Table(lt) => listing(lt),
    }
}

/// `{ program = "@/…", years = [...], reprint = true, first = { … } }`.
fn listing(mut t: Table<'_>) -> Option<Listed> {
    let ctx = t.ctx;
    let program = t
        .required_string("program")
        .and_then(|l| super::content::parse_ref(ctx, l, &format!("{}.program", t.path)));
    let years_field = field_of(&t, "years");
    let years = listing_years(&mut t, "years");
    // `reprint_in`: 【再掲】 only in these years' halves of the sheet (北斗市 marks some
    // programs in the 令和５年度 results and not in the 令和６年度 plan).
    let reprint_in = listing_years(&mut t, "reprint_in").map(|w| sorted_years(&w));
    let reprint = t
        .boolean("reprint")
        .or(reprint_in.is_some().then_some(true));
    let first = t
        .value("first")
        .and_then(|v| outside(ctx, v.node, &field_of(&t, "first")));
    t.finish();
    Some(Listed {
        program: program?,
        years: years.as_deref().map(sorted_years),
        years_written: years.unwrap_or_default(),
        years_field,
        reprint,
        reprint_in,
        first,
    })
}

/// `years = ["R06", "R07"]` (or `reprint_in`): each year as written, with its place; an
/// empty list is an error (a listing for no year would count nowhere).
fn listing_years(t: &mut Table<'_>, key: &'static str) -> Option<Vec<WrittenYear>> {
    let ctx = t.ctx;
    let field = field_of(t, key);
    let span = t.span_of(key);
    // Read (and so known) even when absent, for "did you mean `years`?".
    let written = t.strings(key);
    let span = span?;
    if written.is_empty() {
        ctx.error(
            span,
            &field,
            Message::new(
                format!("{key} が空です。年度を書いてください（例: {key} = [\"R06\", \"R07\"]）。毎年度なら {key} を書きません"),
                format!("`{key}` is empty: list the years (e.g. {key} = [\"R06\", \"R07\"]), or leave `{key}` out for every year"),
            ),
        );
        return None;
    }
    let read: Vec<WrittenYear> = written
        .into_iter()
        .filter_map(|l| match FiscalYear::parse(&l.value) {
            Ok(y) => Some((ctx.check_year(l.span.clone(), &field, &l.value, y)?, l)),
            Err(e) => {
                ctx.error(l.span.clone(), &field, Message::new(e.ja(), e.en()));
                None
            }
        })
        .collect();
    Some(read)
}

/// A year of a listing's `years`, with the text and place it was written at.
type WrittenYear = (FiscalYear, Located<String>);

/// The years of `written`, sorted, each once.
fn sorted_years(written: &[WrittenYear]) -> Vec<FiscalYear> {
    let mut years: Vec<FiscalYear> = written.iter().map(|(y, _)| *y).collect();
    years.sort();
    years.dedup();
    years
}

/// `first = { … }`: an outside reference, which must be a table.
fn outside(ctx: &Ctx<'_>, node: &TreeNode, field: &str) -> Option<Outside> {
    let Value::Table(entries) = &node.value else {
        type_error(ctx, field, node, OUTSIDE);
        return None;
    };
    outside_table(Table::new(
        ctx,
        entries,
        field.to_string(),
        node.span.clone(),
    ))
}

const OUTSIDE: (&str, &str) = (
    "{ code = \"8-2\", title = \"…\", url = \"https://…\" } の表",
    "a table { code = \"8-2\", title = \"…\", url = \"https://…\" }",
);

/// `{ code = "1-26", title = "…", url = "https://…" }`: code or title required, url
/// http(s) only.
fn outside_table(mut t: Table<'_>) -> Option<Outside> {
    let ctx = t.ctx;
    let text = |l: Option<Located<String>>| l.map(|l| l.value).filter(|v| !v.trim().is_empty());
    let code = text(t.string("code"));
    let title = text(t.string("title"));
    let url = t.string("url").and_then(|l| web_address(ctx, l, &t.path));
    let (field, span) = (t.path.clone(), t.span.clone());
    t.finish();
    if code.is_none() && title.is_none() {
        ctx.error(
            span,
            &field,
            Message::new(
                "サイトの外への参照には code か title（または両方）を書いてください（例: { code = \"1-26\" }）",
                "a reference outside the site needs a `code` or a `title` (or both), e.g. { code = \"1-26\" }",
            ),
        );
        return None;
    }
    Some(Outside {
        code,
        title,
        url,
        span,
    })
}

/// An outside reference's `url`: http or https, so a page never links to a script.
fn web_address(ctx: &Ctx<'_>, l: Located<String>, field: &str) -> Option<String> {
    let ok = ammonia::Url::parse(&l.value)
        .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
    if ok {
        return Some(l.value);
    }
    ctx.error(
        l.span,
        &format!("{field}.url"),
        Message::new(
            format!(
                "url は http:// か https:// で始まるアドレスで書いてください（「{}」）",
                l.value
            ),
            format!(
                "`url` must be a web address starting with http:// or https:// (found \"{}\")",
                l.value
            ),
        ),
    );
    None
}

/// `related = [...]`: pages of the site (`"@/…"`) and references outside it, each kept
/// with where it was written so a page can show them in the written order.
pub(super) fn related(t: &mut Table<'_>, key: &'static str) -> (Vec<Ref>, Vec<Outside>) {
    let field = field_of(t, key);
    let ctx = t.ctx;
    if related_none(t, key).is_some() {
        return (Vec::new(), Vec::new());
    }
    let mut pages = Vec::new();
    let mut outsides = Vec::new();
    for item in items(t, key, RELATED) {
        match item {
            Item::Text(l) => pages.extend(super::content::parse_ref(ctx, l, &field)),
            Item::Table(it) => outsides.extend(outside_table(it)),
        }
    }
    (pages, outsides)
}

/// `related = "該当なし"`: a lone string that is no reference (`@/…`, a path) states, in
/// the city's words, that there is nothing related.
pub(super) fn related_none(t: &mut Table<'_>, key: &'static str) -> Option<String> {
    let (_, node) = t.entry(key)?;
    let Value::String(s) = &node.value else {
        return None;
    };
    let words = s.trim();
    let reference = words.starts_with("@/") || words.contains('/') || words.ends_with(".md");
    (!words.is_empty() && !reference).then(|| words.to_string())
}

/// `flags = [...]`: each one of site.toml's `flags`, as written.
pub(super) fn flags(t: &mut Table<'_>, config: &SiteConfig) -> Vec<String> {
    let field = field_of(t, "flags");
    let ctx = t.ctx;
    t.strings("flags")
        .into_iter()
        .filter(|l| known_flag(ctx, config, l, &field))
        .map(|l| l.value)
        .collect()
}

/// `new = true`: the flag 【新規】, which the site's list must hold.
pub(super) fn new_flag(t: &mut Table<'_>, config: &SiteConfig) -> bool {
    let Some(l) = t.flag("new") else {
        return false;
    };
    let as_flag = Located {
        value: config.new_flag().to_string(),
        span: l.span,
    };
    l.value && known_flag(t.ctx, config, &as_flag, &field_of(t, "new"))
}

fn known_flag(ctx: &Ctx<'_>, config: &SiteConfig, l: &Located<String>, field: &str) -> bool {
    if config.flags.contains(&l.value) {
        return true;
    }
    let list = config.flags.join(" / ");
    ctx.error(
        l.span.clone(),
        field,
        Message::new(
            format!(
                "フラグ「{}」は site.toml の flags にありません（あるもの: {list}）。シートの印字どおりに書くか、site.toml の flags に加えてください",
                l.value
            ),
            format!(
                "flag \"{}\" is not in site.toml's `flags` (known: {list}); write it as printed, or add it to `flags` in site.toml",
                l.value
            ),
        ),
    );
    false
}
