//! The Zola site of `gen_corpus --zola`: the same pages as the kensho and Hugo sites (same
//! paths, titles, text, KPI tables and program years) and a minimal Zola configuration and
//! Tera templates of its own. Links are resolved by Zola's own means: the Markdown keeps its
//! `@/` internal links (Zola's syntax, which kensho borrowed), and the templates look pages up
//! with `get_page` and `get_section`.
//!
//! Zola makes a section of every folder with an `_index.md` and renders a page of a folder
//! without one as an orphan, one after another rather than in parallel; so each plan's folder
//! of programs gets an `_index.md` too (a list page Hugo does not write: Hugo's `programs/`
//! page lists every program instead).

use std::fmt::Write as _;
use std::path::Path;

use crate::peer::{node_fields, node_text, program_fields, program_text};
use crate::{Node, Program, Site, quote, write_file};

/// Zola's defaults are kept (sitemap.xml and robots.txt, no feeds, no search index) but
/// for the anchors: a policy links to another's `#kpi-1`, the id of a table that the
/// template writes, where Zola's check (which reads the Markdown only) cannot see it.
/// Hugo does not check anchors either.
const ZOLA_CONFIG: &str = r#"# Zola site written by examples/gen_corpus.rs --zola (benchmark corpus).
base_url = "https://www.city.kitakami.iwate.jp/senryaku/"
title = "北上市版総合戦略 検証シート（ベンチマーク）"
default_language = "ja"
compile_sass = false
build_search_index = false

[link_checker]
internal_level = "warn"
"#;

/// Every page and section: the breadcrumbs (the sections above it), the code and title.
const ZOLA_BASE: &str = r#"{% if page %}{% set item = page %}{% else %}{% set item = section %}{% endif %}<!DOCTYPE html>
<html lang="{{ config.default_language }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ item.title }} | {{ config.title }}</title>
</head>
<body>
<nav aria-label="パンくずリスト"><ol>{% for a in item.ancestors %}{% set up = get_section(path=a, metadata_only=true) %}<li><a href="{{ up.permalink }}">{{ up.title }}</a></li>{% endfor %}<li>{{ item.title }}</li></ol></nav>
<main>
<h1>{% if item.extra.code %}{{ item.extra.code }} {% endif %}{{ item.title }}</h1>
{% block main %}{% endblock %}
</main>
</body>
</html>
"#;

const ZOLA_PAGE: &str = r#"{% extends "base.html" %}
{% block main %}
{% set item = page %}{% include "facts.html" %}
{{ page.content | safe }}
{% endblock %}
"#;

const ZOLA_SECTION: &str = r#"{% extends "base.html" %}
{% block main %}
{% set item = section %}{% include "facts.html" %}
{{ section.content | safe }}
{% if section.subsections or section.pages %}<h2>下位の項目</h2><ul>{% for s in section.subsections %}{% set sub = get_section(path=s, metadata_only=true) %}<li><a href="{{ sub.permalink }}">{% if sub.extra.code %}{{ sub.extra.code }} {% endif %}{{ sub.title }}</a></li>{% endfor %}{% for p in section.pages %}<li><a href="{{ p.permalink }}">{% if p.extra.code %}{{ p.extra.code }} {% endif %}{{ p.title }}</a></li>{% endfor %}</ul>{% endif %}
{% endblock %}
"#;

/// The home page is the root section.
const ZOLA_INDEX: &str = "{% extends \"section.html\" %}\n";

/// Departments, KPI tables, program years and the links a kensho page shows (the Hugo
/// partial's counterpart).
const ZOLA_FACTS: &str = r#"{% if item.extra.departments %}<p>所属：{{ item.extra.departments | join(sep="、") }}</p>{% endif %}
{% if item.extra.kpis %}{% for k in item.extra.kpis %}
<table id="{{ k.id }}"><caption>{{ k.name }}{% if k.unit %}（{{ k.unit }}）{% endif %}</caption>
<tr>{% for y in k.years %}<th scope="col">{{ y }}</th>{% endfor %}<th scope="col">目標</th><th scope="col">評価</th></tr>
<tr>{% for v in k.values %}<td>{{ v }}</td>{% endfor %}<td>{{ k.target }}</td><td>{{ k.grade }}</td></tr>
</table>
{% endfor %}{% endif %}
{% if item.extra.years %}
<table><caption>事業の推移（千円）</caption>
<tr><th scope="col">年度</th><th scope="col">目標達成状況</th><th scope="col">今後の方向性</th><th scope="col">予算額</th><th scope="col">決算額</th><th scope="col">従事人工</th></tr>
{% for y in item.extra.years %}<tr><th scope="row">{{ y.year }}</th><td>{{ y.status }}</td><td>{{ y.direction }}</td><td>{{ y.budget | num_format }}</td><td>{{ y.settlement | num_format }}</td><td>{{ y.staff }}</td></tr>{% endfor %}
</table>
{% endif %}
{% if item.extra.indicators %}
<table><caption>活動指標</caption>
{% for i in item.extra.indicators %}<tr><th scope="row">{{ i.year }} {{ i.name }}</th><td>{{ i.value }}{{ i.unit }}</td><td>{{ i.target }}</td></tr>{% endfor %}
</table>
{% endif %}
{% if item.extra.groups %}{% for g in item.extra.groups %}
<h2>◆{{ g.title }}◆</h2>
<ul>{% for path in g.pages %}{% set p = get_page(path=path) %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>
{% endfor %}{% endif %}
{% if item.extra.parents %}<h2>掲載されている施策</h2><ul>{% for path in item.extra.parents %}{% set p = get_page(path=path) %}<li><a href="{{ p.permalink }}">{{ p.extra.code }} {{ p.title }}</a></li>{% endfor %}</ul>{% endif %}
{% if item.extra.related_pages %}<h2>関連</h2><ul>{% for path in item.extra.related_pages %}{% set p = get_page(path=path) %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>{% endif %}
"#;

pub fn write_zola(site: &Site, dir: &Path) -> std::io::Result<()> {
    write_file(dir, "config.toml", ZOLA_CONFIG)?;
    for (name, text) in [
        ("base.html", ZOLA_BASE),
        ("page.html", ZOLA_PAGE),
        ("section.html", ZOLA_SECTION),
        ("index.html", ZOLA_INDEX),
        ("facts.html", ZOLA_FACTS),
    ] {
        write_file(dir, &format!("templates/{name}"), text)?;
    }
    let content = dir.join("content");
    write_file(
        &content,
        "_index.md",
        "+++\ntitle = \"北上市版総合戦略 検証シート\"\n+++\n",
    )?;
    write_file(
        &content,
        "programs/_index.md",
        "+++\ntitle = \"事務事業\"\nsort_by = \"title\"\n+++\n",
    )?;
    for plan in &site.plans {
        let root = format!("{}/_index.md", plan.dir);
        let title = site
            .nodes
            .iter()
            .find(|n| n.path == root)
            .map_or(plan.dir.as_str(), |n| n.title.as_str());
        let section = format!(
            "+++\ntitle = {}\nsort_by = \"title\"\n+++\n",
            quote(&format!("{title}の事務事業"))
        );
        write_file(
            &content,
            &format!("programs/{}/_index.md", plan.dir),
            &section,
        )?;
    }
    for node in &site.nodes {
        write_file(&content, &node.path, &zola_node(node, site))?;
    }
    for program in &site.programs {
        write_file(&content, &program.path, &zola_program(program, site))?;
    }
    Ok(())
}

/// A content path as `get_page` takes it.
fn zola_path(path: &str) -> String {
    path.to_string()
}

fn zola_node(node: &Node, site: &Site) -> String {
    let mut s = String::from("+++\n");
    let _ = writeln!(s, "title = {}", quote(&node.title));
    if let Some(w) = node.weight {
        let _ = writeln!(s, "weight = {w}");
    }
    if node.path.ends_with("/_index.md") {
        // A plan's goals have weights; a goal's policies are listed by title, as Hugo
        // lists pages without one.
        let by = if node.weight.is_some() {
            "title"
        } else {
            "weight"
        };
        let _ = writeln!(s, "sort_by = \"{by}\"");
    }
    let _ = writeln!(s, "\n[extra]\ncode = {}", quote(&node.code));
    node_fields(&mut s, node, site, "extra.", zola_path);
    s.push_str("+++\n");
    s.push_str(&node_text(node));
    s.push('\n');
    s
}

fn zola_program(p: &Program, site: &Site) -> String {
    let mut s = String::from("+++\n");
    let _ = writeln!(s, "title = {}", quote(&p.title));
    let _ = writeln!(s, "\n[extra]\ncode = {}", quote(&p.code));
    program_fields(&mut s, p, site, "extra.", zola_path);
    s.push_str("+++\n");
    s.push_str(&program_text(p));
    s.push('\n');
    s
}
