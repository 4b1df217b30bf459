//! A form's `head` (issue 53): the page's head prints the code and the title as the sheet
//! does — 羽村市's 「施策35 経営管理」 (`"{level}{code} {title}"`), 郡山市's 「NO 3670 …」,
//! 「{title}（{code}）」, 貝塚市's two lines 施策名 / 施策コード: — on the page's h1, in its
//! `<title>` and as its heading in the print view, the code in its own element; links and
//! breadcrumbs keep the code as `code_format` shows it. A head without `{title}` or with
//! another placeholder is one error at its line, in both languages. Built on
//! tests/sites/shisaku (a 施策 form and a program form).

use crate::common;

use std::path::PathBuf;

use common::*;

/// A copy of the site whose 施策 form and program form print `node` and `program` heads.
fn site(name: &str, node: &str, program: &str) -> PathBuf {
    let site = site_copy("shisaku", name);
    edit_content(
        &site,
        "forms.toml",
        &[
            (
                "for = { plan = \"keikaku\", level = \"施策\" }\n",
                &format!("for = {{ plan = \"keikaku\", level = \"施策\" }}\nhead = {node}\n"),
            ),
            (
                "for = \"programs\"\n",
                &format!("for = \"programs\"\nhead = {program}\n"),
            ),
        ],
    );
    site
}

/// What the first `<h1>` of `page` holds, as written.
fn h1(page: &str) -> &str {
    let h = between(page, "<h1>", "</h1>");
    &h["<h1>".len()..h.len() - "</h1>".len()]
}

#[test]
fn without_a_head_the_code_stands_before_the_title() {
    let site = site_copy("shisaku", "none");
    let out = site.join("out");
    build(&site, &out);
    let node = page_in(&out, "keikaku/05030301");
    assert_eq!(
        h1(&node),
        "<span class=\"code\">05030301</span> 効率的な市政運営の推進(庶務課)"
    );
    let program = page_in(&out, "programs/kyuyo");
    assert_eq!(
        h1(&program),
        "<span class=\"code\">020401060</span> 職員等給与事務"
    );
}

#[test]
fn a_head_prints_the_code_and_title_as_the_sheet_does() {
    let site = site(
        "heads",
        "\"{level}{code} {title}\"",
        "\"{title}（NO {code}）\"",
    );
    let out = site.join("out");
    build(&site, &out);

    let node = page_in(&out, "keikaku/05030301");
    assert_eq!(
        h1(&node),
        "施策<span class=\"code as-printed\">05030301</span> 効率的な市政運営の推進(庶務課)"
    );
    assert!(
        node.contains(
            "<title>施策05030301 効率的な市政運営の推進(庶務課) | 貝塚市行政評価</title>"
        ),
        "{node}"
    );
    // The breadcrumb keeps the code as code_format shows it (the code as printed).
    assert!(
        node.contains("<li aria-current=\"page\">05030301</li>"),
        "{node}"
    );

    let program = page_in(&out, "programs/kyuyo");
    assert_eq!(
        h1(&program),
        "職員等給与事務（NO <span class=\"code as-printed\">020401060</span>）"
    );
    // The 施策's list of programs keeps its columns: the code in its own, the title a link.
    assert!(
        node.contains(
            "<td>020401060</td><td data-label=\"事務事業\"><a href=\"../../programs/kyuyo/\">職員等給与事務</a></td>"
        ),
        "{node}"
    );

    // The print view heads the node's and the program's sheets the same way.
    let print = page_in(&out, "keikaku/print");
    assert!(
        print.contains(
            "title\"><a href=\"../../keikaku/05030301/\">施策<span class=\"code as-printed\">05030301</span> 効率的な市政運営の推進(庶務課)</a></h2>"
        ),
        "{print}"
    );
    assert!(
        print.contains(
            "><a href=\"../../programs/kyuyo/\">職員等給与事務（NO <span class=\"code as-printed\">020401060</span>）</a></h"
        ),
        "{print}"
    );
}

#[test]
fn a_head_on_two_lines_breaks_where_the_sheet_does() {
    let site = site(
        "lines",
        "\"施策名 {title}\\n施策コード:{code}\"",
        "\"{title}\"",
    );
    let out = site.join("out");
    build(&site, &out);
    let node = page_in(&out, "keikaku/05030301");
    assert_eq!(
        h1(&node),
        "施策名 効率的な市政運営の推進(庶務課)<br>施策コード:<span class=\"code as-printed\">05030301</span>"
    );
    assert!(
        node.contains("<title>施策名 効率的な市政運営の推進(庶務課) 施策コード:05030301 | "),
        "{node}"
    );
    // A head without {code}: the sheet prints no code in its head.
    let program = page_in(&out, "programs/kyuyo");
    assert_eq!(h1(&program), "職員等給与事務");
}

#[test]
fn a_head_prints_the_parents_names_over_the_page_as_the_sheet_does() {
    // 小諸市 prints 「政策 4 安全・安心で…」 over 「施策 4-5 地域公共交通を維持します」: one
    // form for every 施策, each page taking its own parent's names.
    let site = site(
        "parent",
        "\"{parent_level} {parent_code} {parent_title}\\n{level} {code} {title}\"",
        "\"{title}\"",
    );
    edit_content(
        &site,
        "keikaku/_index.md",
        &[(
            "title = \"総合計画\"\n",
            "title = \"行財政運営\"\ncode = \"5\"\n",
        )],
    );
    let out = site.join("out");
    build(&site, &out);
    let node = page_in(&out, "keikaku/05030301");
    assert_eq!(
        h1(&node),
        "総合計画 5 行財政運営<br>施策 <span class=\"code as-printed\">05030301</span> 効率的な市政運営の推進(庶務課)"
    );
    assert!(
        node.contains(
            "<title>総合計画 5 行財政運営 施策 05030301 効率的な市政運営の推進(庶務課) | "
        ),
        "{node}"
    );
    // The top of the plan is not a sheet of this form: its own head is kensho's.
    let top = page_in(&out, "keikaku");
    assert!(
        h1(&top).contains("行財政運営") && !h1(&top).contains("<br>"),
        "{}",
        h1(&top)
    );
}

#[test]
fn the_top_levels_head_names_no_parent() {
    let site = site("top", "\"{parent_title} {title}\"", "\"{title}\"");
    edit_content(
        &site,
        "forms.toml",
        &[("level = \"施策\" }\nhead", "level = \"総合計画\" }\nhead")],
    );
    let run = kensho(&site, &["check", "--lang", "both"]);
    assert!(!run.ok, "{}", run.stderr);
    for said in [
        "content/forms.toml:9:",
        "forms.shisaku.head",
        "この様式の階層は計画のいちばん上なので、親（{parent_…}）がありません",
        "this form's level is its plan's top, so it has no parent ({parent_…})",
        "1 error(s)",
    ] {
        assert!(run.stderr.contains(said), "{said}: {}", run.stderr);
    }
}

#[test]
fn a_head_without_its_title_or_with_another_placeholder_is_an_error_at_its_line() {
    for (name, node, program, ja, en) in [
        (
            "untitled",
            "\"{level}{code}\"",
            "\"{title}\"",
            "{title} がありません",
            "no {title}",
        ),
        (
            "unknown",
            "\"{code} {name}\"",
            "\"{title}\"",
            "{name} は使えません",
            "{name} is not known",
        ),
        (
            "level",
            "\"{code} {title}\"",
            "\"{level}{code} {title}\"",
            "事務事業の様式には階層がないので {level} は使えません",
            "a program form has no level, so no {level}",
        ),
    ] {
        let site = site(name, node, program);
        let run = kensho(&site, &["check", "--lang", "both"]);
        assert!(!run.ok, "{name}: {}", run.stderr);
        let line = if name == "level" { 48 } else { 9 };
        let field = if name == "level" {
            "forms.jimujigyo.head"
        } else {
            "forms.shisaku.head"
        };
        assert!(
            run.stderr.contains(&format!("content/forms.toml:{line}:")),
            "{name}: {}",
            run.stderr
        );
        for said in [field, ja, en] {
            assert!(run.stderr.contains(said), "{name}: {said}: {}", run.stderr);
        }
        assert!(run.stderr.contains("1 error(s)"), "{name}: {}", run.stderr);
    }
}

#[test]
fn a_sheet_that_prints_no_head_line_has_its_heading_heard_not_seen() {
    // 三郷市 prints 「事務事業コード | 1001070」「事業名 | 市民大学事業」 as labelled cells
    // and no head line: `head = ""` with the code and title as the form's items.
    let site = site("hidden", "\"\"", "\"\"");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "for = \"programs\"\nhead = \"\"\nsections = [\n",
            "for = \"programs\"\nhead = \"\"\nsections = [\n  { item = \"code\", heading = \"事務事業コード\", kind = \"text\" },\n",
        )],
    );
    edit_content(
        &site,
        "keikaku/05030301.md",
        &[("+++\n", "+++\nflags = [\"【新規】\"]\n")],
    );
    let out = site.join("out");
    build(&site, &out);
    // The sheet's flags stay in sight, after the hidden heading.
    let node = page_in(&out, "keikaku/05030301");
    let h = between(&node, "<h1", "</h1>");
    assert!(!h.contains("【新規】"), "{h}");
    assert!(
        node.contains("</h1>\n<p class=\"flags\"><span class=\"flag\">【新規】</span></p>"),
        "{node}"
    );
    for (page, code) in [
        ("keikaku/05030301", "05030301"),
        ("programs/kyuyo", "020401060"),
    ] {
        let html = page_in(&out, page);
        // The heading is still the page's h1 (the outline, a screen reader's first stop),
        // with kensho's words for it, but hidden from sight.
        let h = between(&html, "<h1", "</h1>");
        assert!(h.starts_with("<h1 class=\"visually-hidden\">"), "{h}");
        assert!(h.contains(code), "{h}");
        // The sheet's own labelled cell shows the code.
        if page.starts_with("programs") {
            assert!(
                html.contains(&format!("<dt>事務事業コード</dt><dd>{code}</dd>")),
                "{html}"
            );
        }
    }
    // The print view likewise: the node's and the program's sheets keep their headings
    // (the contents and the sheets' regions name them) hidden from sight, with no link
    // in them, the flags in sight; a sheet's title is not printed twice.
    let print = page_in(&out, "keikaku/print");
    // Each sheet's heading (`id="…-title"`), as written.
    let headings: Vec<&str> = print
        .split("<h")
        .filter(|h| h.contains("-title\""))
        .map(|h| h.split("</h").next().unwrap())
        .collect();
    for code in ["05030301", "020401060"] {
        let heading = headings
            .iter()
            .find(|h| h.contains(&format!("<span class=\"code\">{code}</span>")))
            .unwrap_or_else(|| panic!("{code} in {headings:?}"));
        assert!(heading.contains("class=\"visually-hidden\""), "{heading}");
        assert!(!heading.contains("<a "), "{heading}");
    }
    assert!(
        print.contains("</h2>\n  <p class=\"flags\"><span class=\"flag\">【新規】</span></p>"),
        "{print}"
    );
}

/// 江田島市 prints its notes and legends over its title line (round 22): `{ head = true }`
/// marks where the head stands among the sections; those before it are printed over the
/// h1 on the page and over the sheet's heading in the print view, the rest under it. In a
/// group, or twice, it is an error at its line.
#[test]
fn sections_before_the_head_marker_are_printed_over_the_head() {
    let site = site_copy("shisaku", "above");
    edit_content(
        &site,
        "forms.toml",
        &[(
            "  { item = \"kankeika\", heading = \"関係課\", kind = \"text\", empty = \"shown\" },\n",
            "  { item = \"kankeika\", heading = \"関係課\", kind = \"text\", empty = \"shown\" },\n  { head = true },\n",
        )],
    );
    let out = site.join("out");
    build(&site, &out);
    let node = page_in(&out, "keikaku/05030301");
    let main = between(&node, "<main", "</main>");
    let (above, h1) = (main.find("<div class=\"above-head\">"), main.find("<h1"));
    let (shukanka, taisho) = (
        main.find("<dt>主管課</dt>"),
        main.find("対象(施策の対象は誰(何)か)"),
    );
    assert!(
        above < shukanka && shukanka < h1 && h1 < taisho && above.is_some() && taisho.is_some(),
        "{main}"
    );
    assert!(main[..h1.unwrap()].contains("<dt>関係課</dt>"), "{main}");
    // The print view: over the sheet's heading, under the plan's.
    let print = page_in(&out, "keikaku/print");
    let sheet = &print[print.find("id=\"s2\"").unwrap_or_else(|| panic!("{print}"))..];
    let (above, title) = (
        sheet.find("<div class=\"above-head\">"),
        sheet.find("<h2 id=\"s2-title\""),
    );
    assert!(above.is_some() && above < title, "{sheet}");
    assert!(
        sheet[..title.unwrap()].contains("<dt>主管課</dt>"),
        "{sheet}"
    );

    // 関連施策 placed over the head are drawn there alone, not again after the sheet.
    let related = site_copy("shisaku", "above-related");
    edit_content(
        &related,
        "forms.toml",
        &[(
            "  { item = \"kankeika\", heading = \"関係課\", kind = \"text\", empty = \"shown\" },\n",
            "  { item = \"kankeika\", heading = \"関係課\", kind = \"text\", empty = \"shown\" },\n  { related = true, heading = \"関連施策\" },\n  { head = true },\n",
        )],
    );
    edit_content(
        &related,
        "keikaku/05030301.md",
        &[("+++\n", "+++\nrelated = [\"@/keikaku/_index.md\"]\n")],
    );
    let out = related.join("out");
    build(&related, &out);
    let node = page_in(&out, "keikaku/05030301");
    assert_eq!(node.matches("id=\"related\"").count(), 1, "{node}");
    let print = page_in(&out, "keikaku/print");
    assert_eq!(print.matches("class=\"related\"").count(), 0, "{print}");

    for (name, edit, said) in [
        (
            "above-twice",
            "  { head = true },\n  { text = \"taisho\"",
            "forms.shisaku.sections",
        ),
        (
            "above-group",
            "  { heading = \"まとまり\", sections = [{ head = true }] },\n  { text = \"taisho\"",
            "goes directly in the form's sections, not in a group",
        ),
        (
            "above-note",
            "  { head = true, note = \"注\" },\n  { text = \"taisho\"",
            "takes no note, foot or empty",
        ),
        (
            "above-sheet",
            "  { text = \"taisho\"",
            "a form with each_year = \"sheet\" takes no head = true",
        ),
    ] {
        let site = site_copy("shisaku", name);
        edit_content(
            &site,
            "forms.toml",
            &[
                (
                    "  { item = \"kankeika\", heading = \"関係課\", kind = \"text\", empty = \"shown\" },\n",
                    "  { item = \"kankeika\", heading = \"関係課\", kind = \"text\", empty = \"shown\" },\n  { head = true },\n",
                ),
                ("  { text = \"taisho\"", edit),
                (
                    "for = { plan = \"keikaku\", level = \"施策\" }\n",
                    if name == "above-sheet" {
                        "for = { plan = \"keikaku\", level = \"施策\" }\neach_year = \"sheet\"\n"
                    } else {
                        "for = { plan = \"keikaku\", level = \"施策\" }\n"
                    },
                ),
            ],
        );
        let run = kensho(&site, &["check", "--lang", "en"]);
        assert!(!run.ok, "{name}");
        assert!(run.stderr.contains(said), "{name}: {}", run.stderr);
    }
}

/// Under one form for every node (`for = "nodes"`), the plan's top has no parent: its
/// head prints no line of the parent's names (not an empty one), the others theirs.
#[test]
fn a_node_with_no_parent_prints_no_line_of_its_parents_names() {
    let site = site(
        "parent-nodes",
        "\"{parent_title}\\n{title}\"",
        "\"{title}\"",
    );
    edit_content(
        &site,
        "forms.toml",
        &[(
            "for = { plan = \"keikaku\", level = \"施策\" }",
            "for = \"nodes\"",
        )],
    );
    let out = site.join("out");
    build(&site, &out);
    assert_eq!(h1(&page_in(&out, "keikaku")), "総合計画");
    // A line with the page's own names keeps them (only the parent's parts are blank).
    let own = self::site(
        "parent-nodes-own",
        "\"{parent_title}・{title}\"",
        "\"{title}\"",
    );
    edit_content(
        &own,
        "forms.toml",
        &[(
            "for = { plan = \"keikaku\", level = \"施策\" }",
            "for = \"nodes\"",
        )],
    );
    let own_out = own.join("out");
    build(&own, &own_out);
    assert_eq!(h1(&page_in(&own_out, "keikaku")), "・総合計画");
    assert_eq!(
        h1(&page_in(&out, "keikaku/05030301")),
        "総合計画<br>効率的な市政運営の推進(庶務課)"
    );
}

/// 名寄市 prints its 「番号 171」 box before the sheet's title 「令和2年度行政評価調書」
/// (round 27), 山形市 a running head over its 調書's title (round 24): `{ sheet_title = true }`
/// marks where the sheet's title stands among the sections; those before it are printed
/// over it on the page and in the print view, those between it and `{ head = true }` under
/// it and over the head. After the head's marker, or in a group, it is an error at its line.
#[test]
fn sections_before_the_sheet_title_marker_are_printed_over_the_sheets_title() {
    let site = site_copy("shisaku", "above-title");
    edit_content(
        &site,
        "forms.toml",
        &[
            (
                "for = { plan = \"keikaku\", level = \"施策\" }\nsections = [\n  { item = \"shukanka\", heading = \"主管課\", kind = \"text\" },\n",
                "for = { plan = \"keikaku\", level = \"施策\" }\nsheet_title = \"施策評価シート\"\nsections = [\n  { item = \"shukanka\", heading = \"主管課\", kind = \"text\" },\n  { sheet_title = true },\n",
            ),
            (
                "  { item = \"kankeika\", heading = \"関係課\", kind = \"text\", empty = \"shown\" },\n",
                "  { item = \"kankeika\", heading = \"関係課\", kind = \"text\", empty = \"shown\" },\n  { head = true },\n",
            ),
            (
                "for = \"programs\"\nsections = [\n",
                "for = \"programs\"\nsheet_title = \"行政評価調書\"\nsections = [\n  { item = \"code\", heading = \"番号\", kind = \"text\" },\n  { sheet_title = true },\n",
            ),
        ],
    );
    let out = site.join("out");
    build(&site, &out);
    let node = page_in(&out, "keikaku/05030301");
    let main = between(&node, "<main", "</main>");
    let at = |s: &str| main.find(s).unwrap_or_else(|| panic!("{s} in {main}"));
    let order = [
        at("<div class=\"above-title\">"),
        at("<dt>主管課</dt>"),
        at("<p class=\"level\">施策評価シート</p>"),
        at("<div class=\"above-head\">"),
        at("<dt>関係課</dt>"),
        at("<h1"),
        at("対象(施策の対象は誰(何)か)"),
    ];
    assert!(order.is_sorted(), "{order:?} {main}");
    let program = page_in(&out, "programs/kyuyo");
    let main = between(&program, "<main", "</main>");
    let at = |s: &str| main.find(s).unwrap_or_else(|| panic!("{s} in {main}"));
    let order = [
        at("<dt>番号</dt>"),
        at("020401060"),
        at("<p class=\"level\">行政評価調書</p>"),
        at("<h1"),
        at("事務事業の意図"),
    ];
    assert!(order.is_sorted(), "{order:?} {main}");
    // The print view: each sheet as on its page, under the plan's heading.
    let print = page_in(&out, "keikaku/print");
    let sheet = &print[print.find("id=\"s2\"").unwrap_or_else(|| panic!("{print}"))..];
    let at = |s: &str| sheet.find(s).unwrap_or_else(|| panic!("{s} in {sheet}"));
    let order = [
        at("<div class=\"above-title\">"),
        at("<dt>主管課</dt>"),
        at("<p class=\"level\">施策評価シート</p>"),
        at("<dt>関係課</dt>"),
        at("<h2 id=\"s2-title\""),
    ];
    assert!(order.is_sorted(), "{order:?} {sheet}");
    // The program's sheet: its 番号 over its title, both inside its part.
    let before = &sheet[..at("<p class=\"level\">行政評価調書</p>")];
    let part = before
        .rfind("<section class=\"print-program")
        .expect("the program's part");
    assert!(before.rfind("<dt>番号</dt>") > Some(part), "{before}");

    for (name, edit, said) in [
        (
            "title-after-head",
            "  { head = true },\n  { sheet_title = true },\n",
            "goes before head = true",
        ),
        (
            "title-group",
            "  { heading = \"まとまり\", sections = [{ sheet_title = true }] },\n",
            "sheet_title = true (where the sheet's title stands) goes directly in the form's sections",
        ),
        (
            "title-twice",
            "  { sheet_title = true },\n  { sheet_title = true },\n",
            "forms.shisaku.sections",
        ),
    ] {
        let site = site_copy("shisaku", name);
        edit_content(
            &site,
            "forms.toml",
            &[(
                "  { item = \"kankeika\", heading = \"関係課\", kind = \"text\", empty = \"shown\" },\n",
                &format!(
                    "  {{ item = \"kankeika\", heading = \"関係課\", kind = \"text\", empty = \"shown\" }},\n{edit}"
                ),
            )],
        );
        let run = kensho(&site, &["check", "--lang", "en"]);
        assert!(!run.ok, "{name}");
        assert!(run.stderr.contains(said), "{name}: {}", run.stderr);
        assert!(run.stderr.contains("forms.toml:"), "{name}: {}", run.stderr);
    }
}

/// The form of `site` with 主管課 left and 関係課 right of the sheet's title on one printed
/// row, and 受益者数's figure on the head's line after it (新上五島町's 「評価対象年度 平成29年度 |
/// 事務事業評価【事前】シート | 編成区分 当初」, round 30; 北九州市's 「① 若者の…取組 ⇒就業支援
/// 機関の…」, round 29). `rows` replaces the form's first two items.
fn lines_site(name: &str, rows: &str) -> PathBuf {
    let site = site_copy("shisaku", name);
    edit_content(
        &site,
        "forms.toml",
        &[
            (
                "for = { plan = \"keikaku\", level = \"施策\" }\nsections = [\n  { item = \"shukanka\", heading = \"主管課\", kind = \"text\" },\n  { item = \"kankeika\", heading = \"関係課\", kind = \"text\", empty = \"shown\" },\n",
                &format!(
                    "for = {{ plan = \"keikaku\", level = \"施策\" }}\nsheet_title = \"施策評価シート\"\nsections = [\n{rows}"
                ),
            ),
            (
                "  { item = \"juekishasu\", heading = \"受益者数\", kind = \"number\" },\n",
                "",
            ),
        ],
    );
    edit_content(
        &site,
        "keikaku/05030301.md",
        &[(
            "shukanka = \"総務部 庶務課\"\n",
            "shukanka = \"総務部 庶務課\"\njuekishasu = 1200\n",
        )],
    );
    site
}

/// `{ sheet_title = true }` and `{ head = true }` in a printed `row` of items: the items
/// before the marker stand left of the line, those after it right, on the page and in the
/// print view; an item without a heading may follow the marker (words on the head's line).
/// A marker in a row of tables, alone in a row, both markers in one row or a row in a group
/// is an error at its line.
#[test]
fn items_of_the_title_and_head_rows_stand_beside_those_lines() {
    let site = lines_site(
        "title-row",
        "  { row = [\n    { item = \"shukanka\", heading = \"主管課\", kind = \"text\" },\n    { sheet_title = true },\n    { item = \"kankeika\", heading = \"関係課\", kind = \"text\", empty = \"shown\" },\n  ] },\n  { row = [{ head = true }, { item = \"juekishasu\", heading = \"\", kind = \"number\" }] },\n",
    );
    let out = site.join("out");
    build(&site, &out);
    let node = page_in(&out, "keikaku/05030301");
    let main = between(&node, "<main", "</main>");
    let row = between(main, "<div class=\"title-line\">", "\n</div>");
    let at = |s: &str| row.find(s).unwrap_or_else(|| panic!("{s} in {row}"));
    let order = [
        at("<dt>主管課</dt>"),
        at("<p class=\"level\">施策評価シート</p>"),
        at("<dt>関係課</dt>"),
    ];
    assert!(order.is_sorted(), "{order:?} {row}");
    let head = between(main, "<div class=\"head-line\">", "</dl>");
    let at = |s: &str| head.find(s).unwrap_or_else(|| panic!("{s} in {head}"));
    assert!(at("<h1") < at("1,200"), "{head}");
    // Each printed once, beside its line, not also among the sections under the head.
    assert_eq!(main.matches("<dt>主管課</dt>").count(), 1, "{main}");
    assert_eq!(main.matches("1,200").count(), 1, "{main}");
    assert!(main.find("1,200") < main.find("対象(施策の対象は誰(何)か)"));

    // The print view: the node's sheet as on its page.
    let print = page_in(&out, "keikaku/print");
    let sheet = &print[print.find("id=\"s2\"").unwrap_or_else(|| panic!("{print}"))..];
    let row = between(sheet, "<div class=\"title-line\">", "\n</div>");
    assert!(row.find("<dt>主管課</dt>") < row.find("<p class=\"level\">施策評価シート</p>"));
    let head = between(sheet, "<div class=\"head-line\">", "</dl>");
    assert!(
        head.find("<h2 id=\"s2-title\"") < head.find("1,200"),
        "{head}"
    );

    let item = "{ item = \"shukanka\", heading = \"主管課\", kind = \"text\" }";
    let cost = "{ table = \"cost\", heading = \"費用\" }";
    for (name, rows, said) in [
        (
            "marker-tables",
            format!("  {{ row = [{cost}, {{ sheet_title = true }}, {{ text = \"henka\" }}] }},\n"),
            "goes with the items printed on its line",
        ),
        (
            "marker-alone",
            "  { row = [{ sheet_title = true }] },\n".to_string(),
            "goes with the items printed on its line",
        ),
        (
            "markers-both",
            format!("  {{ row = [{{ sheet_title = true }}, {item}, {{ head = true }}] }},\n"),
            "not both",
        ),
        (
            "marker-group",
            format!(
                "  {{ heading = \"まとまり\", sections = [{{ row = [{item}, {{ sheet_title = true }}] }}] }},\n"
            ),
            "not in a group (its row too)",
        ),
    ] {
        let site = lines_site(name, &rows);
        let run = kensho(&site, &["check", "--lang", "en"]);
        assert!(!run.ok, "{name}");
        assert!(run.stderr.contains(said), "{name}: {}", run.stderr);
        assert!(run.stderr.contains("forms.toml:"), "{name}: {}", run.stderr);
    }
}

/// 桜川市's 施策評価マネジメントシート (round 32, tests/sites/sakuragawa) prints 「桜川市行政評価
/// システム」, words with no label, left of its title, 記入年月日 right of it. A new user's
/// `{ row = [{ item = "system", heading = "" }, { sheet_title = true }, …] }` was refused (an
/// unlabelled item may not start a row, having no label's value to stand beside); on the
/// title's or the head's line it stands left of the title like any item before it.
#[test]
fn words_with_no_label_may_stand_first_on_the_titles_line() {
    let s = site_copy("sakuragawa", "title-line-words");
    write_content(&s, &[ACCESSIBILITY]);
    let out = built_clean(&s);
    let page = read(&out.join("sesaku/503/index.html"));
    let line = page
        .split("<div class=\"title-line\">")
        .nth(1)
        .and_then(|rest| rest.split("<h1").next())
        .unwrap_or_else(|| panic!("no title line: {page}"));
    let words = line.find("桜川市行政評価システム").expect(line);
    let title = line
        .find("<p class=\"level\">平成26年度 施策評価マネジメントシート")
        .expect(line);
    let date = line.find("<dt>記入年月日</dt>").expect(line);
    assert!(words < title && title < date, "{line}");
    // Both ran: in a row of no title or head, the same item first is the row's first
    // cell under no label, not words on a title line.
    edit_content(&s, "forms.toml", &[("    { sheet_title = true },\n", "")]);
    let out = built_clean(&s);
    let page = read(&out.join("sesaku/503/index.html"));
    assert!(!page.contains("<div class=\"title-line\">"), "{page}");
    assert!(
        page.contains("<div><dt></dt><dd>桜川市行政評価システム</dd></div>"),
        "{page}"
    );
}
