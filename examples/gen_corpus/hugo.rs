//! The Hugo site of `gen_corpus --hugo`: the same pages as the kensho site, as Markdown with
//! TOML front matter, and a minimal Hugo configuration and layouts of its own (baseof,
//! single, list and one partial) that render the title, the text, a table per KPI and the
//! program years, and resolve the same links (`ref` shortcodes for Markdown links, `GetPage`
//! for lists and related pages).

use std::fmt::Write as _;
use std::path::Path;

use crate::peer::{node_fields, node_text, program_fields, program_text};
use crate::{Node, Program, Site, quote, write_file};

// The Hugo site

const HUGO_CONFIG: &str = r#"# Hugo site written by examples/gen_corpus.rs --hugo (benchmark corpus).
baseURL = "https://www.city.kitakami.iwate.jp/senryaku/"
languageCode = "ja"
defaultContentLanguage = "ja"
hasCJKLanguage = true
title = "北上市版総合戦略 検証シート（ベンチマーク）"
# kensho has no taxonomies; Hugo's other defaults (RSS per section, sitemap.xml) are kept.
disableKinds = ["taxonomy", "term"]
"#;

const HUGO_BASEOF: &str = r#"<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ site.Title }}</title>
</head>
<body>
<nav aria-label="パンくずリスト"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}<li>{{ .Title }}</li></ol></nav>
<main>
<h1>{{ with .Params.code }}{{ . }} {{ end }}{{ .Title }}</h1>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"#;

const HUGO_SINGLE: &str = r#"{{ define "main" }}
{{ partial "facts.html" . }}
{{ .Content }}
{{ end }}
"#;

const HUGO_LIST: &str = r#"{{ define "main" }}
{{ partial "facts.html" . }}
{{ .Content }}
{{ with .Pages }}<h2>下位の項目</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ with .Params.code }}{{ . }} {{ end }}{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
{{ end }}
"#;

/// Departments, KPI tables, program years and the links a kensho page shows.
const HUGO_FACTS: &str = r#"{{ with .Params.departments }}<p>所属：{{ delimit . "、" }}</p>{{ end }}
{{ range .Params.kpis }}
<table id="{{ .id }}"><caption>{{ .name }}{{ with .unit }}（{{ . }}）{{ end }}</caption>
<tr>{{ range .years }}<th scope="col">{{ . }}</th>{{ end }}<th scope="col">目標</th><th scope="col">評価</th></tr>
<tr>{{ range .values }}<td>{{ . }}</td>{{ end }}<td>{{ .target }}</td><td>{{ .grade }}</td></tr>
</table>
{{ end }}
{{ with .Params.years }}
<table><caption>事業の推移（千円）</caption>
<tr><th scope="col">年度</th><th scope="col">目標達成状況</th><th scope="col">今後の方向性</th><th scope="col">予算額</th><th scope="col">決算額</th><th scope="col">従事人工</th></tr>
{{ range . }}<tr><th scope="row">{{ .year }}</th><td>{{ .status }}</td><td>{{ .direction }}</td><td>{{ lang.FormatNumber 0 .budget }}</td><td>{{ lang.FormatNumber 0 .settlement }}</td><td>{{ .staff }}</td></tr>{{ end }}
</table>
{{ end }}
{{ with .Params.indicators }}
<table><caption>活動指標</caption>
{{ range . }}<tr><th scope="row">{{ .year }} {{ .name }}</th><td>{{ .value }}{{ .unit }}</td><td>{{ .target }}</td></tr>{{ end }}
</table>
{{ end }}
{{ range .Params.groups }}
<h2>◆{{ .title }}◆</h2>
<ul>{{ range .pages }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>
{{ end }}
{{ with .Params.parents }}<h2>掲載されている施策</h2><ul>{{ range . }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}">{{ .Params.code }} {{ .Title }}</a></li>{{ end }}{{ end }}</ul>{{ end }}
{{ with .Params.related_pages }}<h2>関連</h2><ul>{{ range . }}{{ with site.GetPage . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>{{ end }}
"#;

pub fn write_hugo(site: &Site, dir: &Path) -> std::io::Result<()> {
    write_file(dir, "hugo.toml", HUGO_CONFIG)?;
    write_file(dir, "layouts/_default/baseof.html", HUGO_BASEOF)?;
    write_file(dir, "layouts/_default/single.html", HUGO_SINGLE)?;
    write_file(dir, "layouts/_default/list.html", HUGO_LIST)?;
    write_file(dir, "layouts/partials/facts.html", HUGO_FACTS)?;
    let content = dir.join("content");
    write_file(
        &content,
        "_index.md",
        "+++\ntitle = \"北上市版総合戦略 検証シート\"\n+++\n",
    )?;
    write_file(
        &content,
        "programs/_index.md",
        "+++\ntitle = \"事務事業\"\n+++\n",
    )?;
    for node in &site.nodes {
        write_file(&content, &node.path, &hugo_node(node, site))?;
    }
    for program in &site.programs {
        write_file(&content, &program.path, &hugo_program(program, site))?;
    }
    Ok(())
}

/// `@/x.md` links as Hugo `ref` shortcodes, which Hugo resolves and checks.
fn hugo_markdown(md: &str) -> String {
    let mut out = String::with_capacity(md.len() + 64);
    let mut rest = md;
    while let Some(at) = rest.find("](@/") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 4..];
        let end = after.find(')').unwrap_or(after.len());
        let _ = write!(out, "]({{{{< ref \"/{}\" >}}}})", &after[..end]);
        rest = &after[(end + 1).min(after.len())..];
    }
    out.push_str(rest);
    out
}

/// A content path as `GetPage` takes it.
fn hugo_path(path: &str) -> String {
    format!("/{path}")
}

fn hugo_node(node: &Node, site: &Site) -> String {
    let mut s = String::from("+++\n");
    let _ = writeln!(s, "title = {}", quote(&node.title));
    let _ = writeln!(s, "code = {}", quote(&node.code));
    if let Some(w) = node.weight {
        let _ = writeln!(s, "weight = {w}");
    }
    node_fields(&mut s, node, site, "", hugo_path);
    s.push_str("+++\n");
    s.push_str(&hugo_markdown(&node_text(node)));
    s.push('\n');
    s
}

fn hugo_program(p: &Program, site: &Site) -> String {
    let mut s = String::from("+++\n");
    let _ = writeln!(s, "title = {}", quote(&p.title));
    let _ = writeln!(s, "code = {}", quote(&p.code));
    program_fields(&mut s, p, site, "", hugo_path);
    s.push_str("+++\n");
    s.push_str(&hugo_markdown(&program_text(p)));
    s.push('\n');
    s
}
