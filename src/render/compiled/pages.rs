//! `node.html`, `program.html` and `print.html`, inside `base.html`.

use super::parts::{self, YearAt};
use super::{Frame, Html, filled, foot, head, main_start};
use crate::render::print::{PrintView, TocItem};
use crate::render::view::{Backlink, Badge, Link, NodeView, ProgramView};
use crate::render::years::YearView;

/// The draft notice of a page the preview shows.
const DRAFT_MARK: &str = "<p class=\"draft-mark\"><strong>下書き</strong>：このページはプレビューにだけ表示され、公開されるサイトには含まれません。</p>";

/// A node's page: `node.html`.
pub fn node_page(
    out: &mut Vec<u8>,
    f: &Frame,
    node: &NodeView,
    breadcrumbs: &[Link],
    print_url: Option<&str>,
) {
    let o = &mut Html(out);
    head(o, f);
    o.raw("\n<nav class=\"breadcrumbs wrap\" aria-label=\"パンくずリスト\">\n  <ol>\n    <li><a href=\"");
    o.text(f.root).raw("\">ホーム</a></li>");
    for b in breadcrumbs {
        o.raw("\n    <li>").raw(&b.html).raw("</li>");
    }
    o.raw("\n    <li aria-current=\"page\">");
    match filled(&node.code) {
        Some(code) => o.text(code),
        None => o.text(node.title),
    };
    o.raw("</li>\n  </ol>\n</nav>\n");
    main_start(o);
    o.raw("\n<p class=\"level\">")
        .text(&node.level)
        .raw("</p>\n<h1>");
    if let Some(code) = filled(&node.code) {
        o.raw("<span class=\"code\">").text(code).raw("</span> ");
    }
    o.text(node.title).raw("</h1>");
    if node.draft {
        o.raw(DRAFT_MARK);
    }
    if !node.departments.is_empty() {
        o.raw("\n<p class=\"meta\">所属: ")
            .text(&node.departments.join("、"));
        o.raw("</p>");
    }
    if let Some(url) = print_url.filter(|u| !u.is_empty()) {
        o.raw("\n<p class=\"print-link\"><a href=\"")
            .text(f.root)
            .text(url);
        o.raw("\">計画全体を印刷用に表示</a></p>");
    }
    if !node.intent_html.is_empty() {
        o.raw("\n");
        parts::prose(o, intent_title(node), &node.intent_html, "intent", 2, "");
    }
    if !node.kpis.is_empty() {
        o.raw("\n<section aria-labelledby=\"kpis\">\n  <h2 id=\"kpis\">指標の実績</h2>");
        for k in &node.kpis {
            o.raw("\n  ");
            parts::kpi(o, k, 3, f.root, "", f.report_year);
        }
        o.raw("\n</section>");
    }
    for (n, e) in node.evaluations.iter().enumerate() {
        o.raw("\n");
        parts::evaluation(o, e, "", n + 1, 2, "");
    }
    if !node.body_html.is_empty() {
        o.raw("\n<section class=\"body\" aria-label=\"本文\">\n")
            .raw(&node.body_html);
        o.raw("\n</section>");
    }
    if !node.children.is_empty() {
        o.raw("\n<section aria-labelledby=\"children\">\n  <h2 id=\"children\">");
        o.text(filled(&node.child_level).unwrap_or("下位の項目"));
        o.raw("の一覧</h2>\n  <ul class=\"cards\">");
        for c in &node.children {
            o.raw("\n    <li>\n      <p class=\"card-title\">")
                .raw(&c.link.html)
                .raw("</p>");
            if let Some(g) = &c.grade {
                o.raw("<p>評価: ").raw(&g.html).raw("</p>");
            }
            if let Some(counts) = &c.counts {
                o.raw("\n      <p class=\"meta\">").text(f.report_year);
                o.raw("の指標の評価:</p>\n      ");
                parts::spread(o, counts);
            }
            if !c.kpi_grades.is_empty() {
                o.raw("\n      <ul class=\"kpi-grades\">");
                for (name, badge) in &c.kpi_grades {
                    o.raw("\n        <li>")
                        .text(name)
                        .raw(": ")
                        .raw(&badge.html)
                        .raw("</li>");
                }
                o.raw("\n      </ul>");
            }
            o.raw("\n    </li>");
        }
        o.raw("\n  </ul>\n</section>");
    }
    if !node.groups.is_empty() {
        o.raw("\n<section aria-labelledby=\"programs\">\n  <h2 id=\"programs\">施策に紐づく事業（主な取組）</h2>");
        for g in &node.groups {
            if let Some(t) = filled(&g.title) {
                o.raw("<h3 class=\"group-title\">").text(t).raw("</h3>");
            }
            o.raw("\n  <div class=\"table-scroll\" role=\"region\" aria-label=\"");
            o.text(filled(&g.title).unwrap_or("事業"));
            o.raw("の一覧\" tabindex=\"0\">\n  <table class=\"data programs\">\n    <caption>");
            o.text(filled(&g.title).unwrap_or("事業"))
                .raw("（")
                .text(f.report_year);
            o.raw("）</caption>\n    <thead><tr><th scope=\"col\">事務事業</th><th scope=\"col\">目標達成状況</th><th scope=\"col\">今後の方向性</th></tr></thead>\n    <tbody>");
            for p in &g.programs {
                o.raw("\n      <tr>\n        <th scope=\"row\">")
                    .raw(&p.link.html);
                tags(o, p.new, p.relisted);
                o.raw("</th>");
                status_cells(o, p.status.as_ref(), p.direction);
            }
            o.raw("\n    </tbody>\n  </table>\n  </div>");
        }
        o.raw("\n</section>");
    }
    if !node.totals.is_empty() {
        o.raw("\n");
        parts::totals(o, node, "", 2, "");
    }
    links(o, "関連する施策", &node.related, &node.backlinks);
    o.raw("\n");
    foot(o, f);
}

/// 基本的方向 for a node with children, 計画の内容 for a policy.
fn intent_title(node: &NodeView) -> &'static str {
    if filled(&node.child_level).is_some() {
        "基本的方向"
    } else {
        "計画の内容"
    }
}

/// A program's status and direction cells, each 記載なし when it has none, ending its row.
fn status_cells(o: &mut Html, status: Option<&Badge>, direction: Option<&str>) {
    o.raw("\n        <td>");
    match status {
        Some(s) => {
            o.raw(&s.html);
        }
        None => parts::none(o),
    }
    o.raw("</td>\n        <td>");
    match direction.filter(|d| !d.is_empty()) {
        Some(d) => {
            o.text(d);
        }
        None => parts::none(o),
    }
    o.raw("</td>\n      </tr>");
}

/// 新規 and 再掲 after a program's link.
fn tags(o: &mut Html, new: bool, relisted: bool) {
    if new {
        o.raw(" <span class=\"tag\">新規</span>");
    }
    if relisted {
        o.raw(" <span class=\"tag\">再掲</span>");
    }
}

/// The related pages and the back-links, where there are any.
fn links(o: &mut Html, related_title: &str, related: &[Link], backlinks: &[Backlink]) {
    if !related.is_empty() {
        o.raw("\n<section aria-labelledby=\"related\">\n  <h2 id=\"related\">");
        o.raw(related_title).raw("</h2>\n  <ul>");
        for r in related {
            o.raw("<li>")
                .raw(&r.html)
                .raw("（")
                .text(&r.kind)
                .raw("）</li>");
        }
        o.raw("</ul>\n</section>");
    }
    if !backlinks.is_empty() {
        o.raw("\n<section aria-labelledby=\"backlinks\">\n  <h2 id=\"backlinks\">このページを参照しているページ</h2>\n  <ul>");
        for b in backlinks {
            o.raw("<li>")
                .raw(&b.link.html)
                .raw("（")
                .text(&b.link.kind)
                .raw("・");
            o.text(b.why).raw("）</li>");
        }
        o.raw("</ul>\n</section>");
    }
}

/// A program's page: `program.html`.
pub fn program_page(out: &mut Vec<u8>, f: &Frame, p: &ProgramView) {
    let o = &mut Html(out);
    head(o, f);
    o.raw("\n<nav class=\"breadcrumbs wrap\" aria-label=\"パンくずリスト\">\n  <ol>\n    <li><a href=\"");
    o.text(f.root).raw("\">ホーム</a></li>");
    if let Some((first, chain)) = p.parents.first() {
        for b in chain {
            o.raw("\n    <li>").raw(&b.html).raw("</li>");
        }
        o.raw("\n    <li>").raw(&first.html).raw("</li>");
    }
    o.raw("\n    <li aria-current=\"page\">")
        .text(p.title)
        .raw("</li>\n  </ol>\n</nav>\n");
    main_start(o);
    o.raw("\n<p class=\"level\">事務事業");
    if p.new {
        o.raw(" <span class=\"tag\">新規</span>");
    }
    o.raw("</p>\n<h1>");
    if let Some(code) = filled(&p.code) {
        o.raw("<span class=\"code\">").text(code).raw("</span> ");
    }
    o.text(p.title).raw("</h1>");
    if p.draft {
        o.raw(DRAFT_MARK);
    }
    o.raw("\n\n<section aria-labelledby=\"parents\">\n  <h2 id=\"parents\">この事業が掲載されている施策</h2>");
    if p.parents.is_empty() {
        o.raw("\n  <p>どの施策にも掲載されていません。</p>");
    } else {
        o.raw("\n  <ul class=\"parents\">");
        for (last, chain) in &p.parents {
            o.raw("\n    <li>");
            for (i, a) in chain.iter().enumerate() {
                if i > 0 {
                    o.raw("<span aria-hidden=\"true\"> › </span>");
                }
                o.raw(&a.html);
            }
            o.raw("<span aria-hidden=\"true\"> › </span>")
                .raw(&last.html)
                .raw("</li>");
        }
        o.raw("\n  </ul>");
    }
    o.raw("\n</section>\n\n");
    parts::program_facts(o, p);
    if !p.intent_html.is_empty() {
        o.raw("\n");
        parts::prose(o, "事業の概要", &p.intent_html, "intent", 2, "");
    }
    if !p.budget_rows.is_empty() {
        o.raw("\n<section aria-labelledby=\"budget\">\n  <h2 id=\"budget\">事業費の推移</h2>");
        if let Some(svg) = filled(&p.budget_svg) {
            o.raw("\n  <figure class=\"chart-figure\">\n    <div class=\"chart-scroll\" role=\"region\" aria-label=\"事業費のグラフ\" tabindex=\"0\">");
            o.raw(svg);
            o.raw("</div>\n    <figcaption>\n      <ul class=\"legend-marks\">\n        <li><span class=\"mark mark-actual\" aria-hidden=\"true\">□</span>予算額（白抜き）</li>\n        <li><span class=\"mark mark-actual\" aria-hidden=\"true\">■</span>決算額（塗りつぶし）</li>\n      </ul>\n      <a href=\"#budget-table\">事業費を表で見る</a>\n    </figcaption>\n  </figure>");
        }
        o.raw("\n  <div class=\"table-scroll\" id=\"budget-table\" role=\"region\" aria-labelledby=\"budget-cap\" tabindex=\"0\">\n  <table class=\"data\">\n    <caption id=\"budget-cap\">予算額と決算額（単位: 千円）</caption>\n    <thead><tr><th scope=\"col\">年度</th><th scope=\"col\">予算額</th><th scope=\"col\">決算額</th></tr></thead>\n    <tbody>");
        for t in &p.budget_rows {
            o.raw("\n      <tr><th scope=\"row\">").text(&t.year);
            o.raw("</th><td class=\"num\">").raw(&t.budget_html);
            o.raw("</td><td class=\"num\">")
                .raw(&t.settlement_html)
                .raw("</td></tr>");
        }
        o.raw("\n    </tbody>\n  </table>\n  </div>\n</section>");
    }
    for (n, y) in p.years.iter().enumerate() {
        o.raw("\n");
        let at = YearAt {
            p: "",
            n: n + 1,
            h: 2,
            hs: 3,
            of: "",
        };
        parts::program_year(o, y, &at);
    }
    if !p.body_html.is_empty() {
        o.raw("\n<section class=\"body\" aria-label=\"本文\">\n")
            .raw(&p.body_html);
        o.raw("\n</section>");
    }
    links(o, "関連", &p.related, &p.backlinks);
    o.raw("\n");
    foot(o, f);
}

/// A plan's print view: `print.html`.
pub fn print_page(out: &mut Vec<u8>, f: &Frame, print: &PrintView) {
    let o = &mut Html(out);
    head(o, f);
    o.raw("\n<nav class=\"breadcrumbs wrap\" aria-label=\"パンくずリスト\">\n  <ol>\n    <li><a href=\"");
    o.text(f.root)
        .raw("\">ホーム</a></li>\n    <li>")
        .raw(&print.plan.html);
    o.raw("</li>\n    <li aria-current=\"page\">印刷用</li>\n  </ol>\n</nav>\n");
    main_start(o);
    o.raw("\n<div class=\"print-view\">\n<p class=\"level\">計画全体（印刷用）</p>\n<h1>");
    if let Some(code) = filled(&print.plan.code) {
        o.raw("<span class=\"code\">").text(code).raw("</span> ");
    }
    o.text(&print.plan.title);
    o.raw("</h1>\n<p class=\"print-hint\">この計画の目標・施策・指標・事業のすべてを、検証シートの順に1つのページにまとめています。ブラウザの印刷機能でA4用紙に印刷できます。</p>\n<p class=\"print-hint\">各事業の実績は、検証シートと同じく");
    o.text(f.report_year);
    o.raw("のもの（この年度の記載がない事業は、それまでの最後の年度のもの）です。ほかの年度の実績は各事業のページにあります。</p>");
    if !print.toc.is_empty() {
        o.raw("\n<nav class=\"toc\" aria-labelledby=\"toc\">\n  <h2 id=\"toc\">目次</h2>\n  ");
        toc(o, &print.toc);
        o.raw("\n</nav>");
    }
    for s in &print.sections {
        let node = &s.node;
        let p = format!("{}-", s.anchor);
        // The plan's root is the document itself: its parts are h2, under the h1.
        let (hb, of) = if s.depth == 0 {
            (2, String::new())
        } else {
            (3, format!("{p}title"))
        };
        o.raw("\n<section class=\"print-node depth-")
            .num(s.depth)
            .raw("\" id=\"");
        o.text(&s.anchor).raw("\"");
        if s.depth > 0 {
            o.raw(" aria-labelledby=\"").text(&p).raw("title\"");
        } else {
            o.raw(" aria-label=\"").text(node.title).raw("\"");
        }
        o.raw(">");
        if s.depth > 0 {
            o.raw("\n  <p class=\"level\">")
                .text(&node.level)
                .raw("</p>\n  <h2 id=\"");
            o.text(&p).raw("title\">").raw(&s.link.html).raw("</h2>");
        }
        if !node.departments.is_empty() {
            o.raw("\n  <p class=\"meta\">所属: ")
                .text(&node.departments.join("、"));
            o.raw("</p>");
        }
        if !node.intent_html.is_empty() {
            o.raw("\n  ");
            let id = format!("{p}intent");
            parts::prose(o, intent_title(node), &node.intent_html, &id, hb, &of);
        }
        if !node.kpis.is_empty() {
            o.raw("\n  <section aria-labelledby=\"")
                .text(&p)
                .raw("kpis")
                .of(&of);
            o.raw("\">\n    <h")
                .num(hb)
                .raw(" id=\"")
                .text(&p)
                .raw("kpis\">指標の実績</h");
            o.num(hb).raw(">");
            for k in &node.kpis {
                o.raw("\n    ");
                parts::kpi(o, k, hb + 1, f.root, &of, f.report_year);
            }
            o.raw("\n  </section>");
        }
        for (n, e) in node.evaluations.iter().enumerate() {
            o.raw("\n  ");
            parts::evaluation(o, e, &p, n + 1, hb, &of);
        }
        if !node.body_html.is_empty() {
            o.raw("\n  <section class=\"body\" aria-label=\"")
                .text(node.title);
            o.raw("の本文\">\n  ")
                .raw(&node.body_html)
                .raw("\n  </section>");
        }
        if !s.groups.is_empty() {
            o.raw("\n  <section aria-labelledby=\"")
                .text(&p)
                .raw("programs")
                .of(&of);
            o.raw("\">\n    <h")
                .num(hb)
                .raw(" id=\"")
                .text(&p)
                .raw("programs\">");
            o.text(&node.level)
                .raw("に紐づく事業（主な取組）</h")
                .num(hb)
                .raw(">");
            for g in &s.groups {
                // A program's heading sits under its ◆ group's, or directly under the
                // section's.
                let ph = match filled(&g.title) {
                    Some(t) => {
                        o.raw("\n    <h")
                            .num(hb + 1)
                            .raw(" class=\"group-title\">")
                            .text(t);
                        o.raw("</h").num(hb + 1).raw(">");
                        hb + 2
                    }
                    None => hb + 1,
                };
                let hs = if ph < 5 { ph + 2 } else { 6 };
                for pr in &g.programs {
                    o.raw("\n    <section class=\"print-program\" id=\"")
                        .text(&pr.anchor);
                    o.raw("\" aria-labelledby=\"")
                        .text(&pr.anchor)
                        .raw("-title\">\n      <h");
                    o.num(ph).raw(" id=\"").text(&pr.anchor);
                    o.raw("-title\"><span class=\"number\">")
                        .num(pr.number)
                        .raw("</span> ");
                    o.raw(&pr.link.html);
                    tags(o, pr.new, pr.relisted);
                    o.raw("</h").num(ph).raw(">");
                    if let Some(program) = &pr.program {
                        let title_id = format!("{}-title", pr.anchor);
                        o.raw("\n      ");
                        parts::program_facts(o, program);
                        if !program.intent_html.is_empty() {
                            o.raw("\n      ");
                            let id = format!("{}-intent", pr.anchor);
                            let html = &program.intent_html;
                            parts::prose(o, "事業の概要", html, &id, ph + 1, &title_id);
                        }
                        let prefix = format!("{}-", pr.anchor);
                        for (n, y) in program.years.iter().enumerate() {
                            o.raw("\n      ");
                            let at = YearAt {
                                p: &prefix,
                                n: n + 1,
                                h: ph + 1,
                                hs,
                                of: &title_id,
                            };
                            parts::program_year(o, y, &at);
                        }
                        if !program.body_html.is_empty() {
                            o.raw("\n      <div class=\"body\">")
                                .raw(&program.body_html);
                            o.raw("</div>");
                        }
                    } else if let Some(first) = &pr.first {
                        let node = &first.node;
                        o.raw("\n      <p>この事業は<bdi>");
                        o.text(filled(&node.code).unwrap_or(&node.title));
                        o.raw("</bdi>の").num(first.number);
                        o.raw("に掲載しています（<a href=\"#").text(&first.anchor);
                        o.raw("\">掲載箇所へ</a>）。</p>");
                    }
                    o.raw("\n    </section>");
                }
            }
            o.raw("\n  </section>");
        }
        if !node.totals.is_empty() {
            o.raw("\n  ");
            parts::totals(o, node, &p, hb, &of);
        }
        o.raw("\n</section>");
    }
    o.raw("\n</div>\n");
    foot(o, f);
}

/// `toc`: the nodes below the plan's root as nested lists.
fn toc(o: &mut Html, items: &[TocItem]) {
    o.raw("<ol>");
    for i in items {
        o.raw("\n  <li><a href=\"#").text(&i.anchor).raw("\">");
        if let Some(code) = filled(&i.code) {
            o.raw("<span class=\"code\">").text(code).raw("</span> ");
        }
        o.text(i.title).raw("</a>");
        if i.draft {
            o.raw(" <span class=\"draft-tag\">下書き</span>");
        }
        if !i.children.is_empty() {
            toc(o, &i.children);
        }
        o.raw("</li>");
    }
    o.raw("\n</ol>");
}

/// A year's page: `year.html`.
pub fn year_page(out: &mut Vec<u8>, f: &Frame, year: &YearView) {
    let o = &mut Html(out);
    head(o, f);
    main_start(o);
    o.raw("\n<h1>").text(f.page_title);
    o.raw("</h1>\n<nav class=\"year-nav\" aria-label=\"年度の切り替え\">\n  <ul>");
    if let Some((label, url)) = &year.previous {
        o.raw("<li><a href=\"")
            .text(f.root)
            .text(url)
            .raw("\" rel=\"prev\">前年度（");
        o.text(label).raw("）</a></li>");
    }
    o.raw("\n    <li><a href=\"")
        .text(f.root)
        .raw("years/\">年度の一覧</a></li>");
    if let Some((label, url)) = &year.next {
        o.raw("<li><a href=\"")
            .text(f.root)
            .text(url)
            .raw("\" rel=\"next\">次年度（");
        o.text(label).raw("）</a></li>");
    }
    o.raw("\n  </ul>\n</nav>");
    if let Some(first) = year.counts.first() {
        o.raw("\n<section aria-labelledby=\"counts\">\n  <h2 id=\"counts\">評価別の指標数</h2>");
        if let Some(svg) = filled(&year.chart_svg) {
            o.raw("\n  <figure class=\"chart-figure\">\n    <div class=\"chart-scroll\" role=\"region\" aria-label=\"評価別の指標数のグラフ\" tabindex=\"0\">");
            o.raw(svg);
            o.raw("</div>\n    <figcaption><a href=\"#counts-table\">評価別の指標数を表で見る</a></figcaption>\n  </figure>");
        }
        o.raw("\n  <div class=\"table-scroll\" id=\"counts-table\" role=\"region\" aria-labelledby=\"counts-cap\" tabindex=\"0\">\n  <table class=\"data\">\n    <caption id=\"counts-cap\">目標・施策ごとの評価別の指標数（");
        o.text(&year.label);
        o.raw("）</caption>\n    <thead><tr><th scope=\"col\">目標・施策</th>");
        for c in &first.counts {
            o.raw("<th scope=\"col\">").raw(&c.badge.html).raw("</th>");
        }
        o.raw("<th scope=\"col\">計</th></tr></thead>\n    <tbody>");
        for row in &year.counts {
            o.raw("\n      <tr><th scope=\"row\">")
                .raw(&row.link.html)
                .raw("</th>");
            for c in &row.counts {
                o.raw("<td class=\"num\">").num(c.count).raw("</td>");
            }
            o.raw("<td class=\"num\">").num(row.total).raw("</td></tr>");
        }
        o.raw("\n    </tbody>\n  </table>\n  </div>\n</section>");
    }
    o.raw("\n\n<section aria-labelledby=\"changes\">\n  <h2 id=\"changes\">前年度からの変化</h2>");
    if year.previous.is_some() {
        o.raw("\n  <h3>評価が変わった指標</h3>");
        list(o, &year.grade_changes, |o, k| {
            o.raw("<li><a href=\"")
                .text(f.root)
                .text(&k.node.url)
                .raw("#")
                .text(k.id);
            o.raw("\">").text(k.name).raw("</a>: ");
            if let Some(g) = &k.previous_grade {
                o.raw(&g.html);
            }
            o.raw(" → ");
            if let Some(g) = &k.grade {
                o.raw(&g.html);
            }
            o.raw("（").text(k.grade_change).raw("）</li>");
        });
        o.raw("\n  <h3>方向性が変わった事業</h3>");
        list(o, &year.direction_changes, |o, p| {
            o.raw("<li>").raw(&p.link.html).raw(": ");
            o.text(p.previous_direction.unwrap_or_default()).raw(" → ");
            o.text(p.direction.unwrap_or_default()).raw("</li>");
        });
        o.raw("\n  <h3>新しい事業</h3>");
        list(o, &year.new_programs, |o, l| {
            o.raw("<li>").raw(&l.html).raw("</li>");
        });
    } else {
        o.raw("\n  <p>この年度より前の記録はありません。</p>");
    }
    o.raw("\n  <h3>完了・終了する事業</h3>");
    list(o, &year.finished_programs, |o, l| {
        o.raw("<li>").raw(&l.html).raw("</li>");
    });
    o.raw("\n</section>");
    if !year.kpis.is_empty() {
        o.raw("\n<section aria-labelledby=\"kpis\">\n  <h2 id=\"kpis\">指標の実績と評価</h2>\n  <div class=\"table-scroll\" role=\"region\" aria-labelledby=\"kpis-cap\" tabindex=\"0\">\n  <table class=\"data\">\n    <caption id=\"kpis-cap\">");
        o.text(&year.label);
        o.raw("の指標</caption>\n    <thead><tr><th scope=\"col\">指標</th><th scope=\"col\">目標・施策</th><th scope=\"col\">実績値</th><th scope=\"col\">目標値</th><th scope=\"col\">達成率</th><th scope=\"col\">評価</th></tr></thead>\n    <tbody>");
        for k in &year.kpis {
            o.raw("\n      <tr>\n        <th scope=\"row\"><a href=\"")
                .text(f.root);
            o.text(&k.node.url)
                .raw("#")
                .text(k.id)
                .raw("\">")
                .text(k.name);
            o.raw("</a></th>\n        <td>").raw(&k.node.html);
            o.raw("</td>\n        <td class=\"num\">")
                .raw(&k.value_html)
                .raw(" ");
            o.text(k.unit).raw("</td>\n        <td class=\"num\">");
            if let Some(t) = filled(&k.target_html) {
                o.raw(t).raw(" ").text(k.unit);
            }
            o.raw("</td>\n        <td class=\"num\">");
            if let Some(r) = filled(&k.rate) {
                o.text(r);
            }
            o.raw("</td>\n        <td>");
            if let Some(g) = &k.grade {
                o.raw(&g.html);
            }
            o.raw("</td>\n      </tr>");
        }
        o.raw("\n    </tbody>\n  </table>\n  </div>\n</section>");
    }
    if !year.programs.is_empty() {
        o.raw("\n<section aria-labelledby=\"programs\">\n  <h2 id=\"programs\">事業の状況と方向性</h2>\n  <div class=\"table-scroll\" role=\"region\" aria-labelledby=\"programs-cap\" tabindex=\"0\">\n  <table class=\"data\">\n    <caption id=\"programs-cap\">");
        o.text(&year.label);
        o.raw("の事務事業</caption>\n    <thead><tr><th scope=\"col\">事務事業</th><th scope=\"col\">施策</th><th scope=\"col\">目標達成状況</th><th scope=\"col\">今後の方向性</th></tr></thead>\n    <tbody>");
        for p in &year.programs {
            o.raw("\n      <tr>\n        <th scope=\"row\">")
                .raw(&p.link.html);
            if p.is_new {
                o.raw(" <span class=\"tag\">新規</span>");
            }
            o.raw("</th>\n        <td>");
            for (i, l) in p.parents.iter().enumerate() {
                if i > 0 {
                    o.raw("、");
                }
                o.raw(&l.html);
            }
            o.raw("</td>");
            status_cells(o, p.status.as_ref(), p.direction);
        }
        o.raw("\n    </tbody>\n  </table>\n  </div>\n</section>");
    }
    o.raw("\n");
    foot(o, f);
}

/// A list of changes: its items, or ありません.
fn list<T>(o: &mut Html, items: &[T], item: impl Fn(&mut Html, &T)) {
    if items.is_empty() {
        o.raw("<p>ありません。</p>");
        return;
    }
    o.raw("\n  <ul>");
    for i in items {
        item(o, i);
    }
    o.raw("</ul>");
}
