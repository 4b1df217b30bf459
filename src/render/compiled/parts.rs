//! The components of `parts.html` (and `spread`, `none` of `macros.html`), each as its
//! template writes it: `h` is the heading level, `p` the id prefix, `of` the id of the
//! heading the part belongs to (empty on a page of its own).

use super::{Html, filled};
use crate::render::view::{EvaluationView, KpiView, NodeView, ProgramView, ProgramYearView};
use crate::render::years::NodeCounts;

/// `prose`: a titled piece of Markdown.
pub fn prose(o: &mut Html, title: &str, html: &str, id: &str, h: usize, of: &str) {
    o.raw("<section class=\"intent\" aria-labelledby=\"")
        .text(id)
        .of(of);
    o.raw("\">\n  <h")
        .num(h)
        .raw(" id=\"")
        .text(id)
        .raw("\">")
        .text(title);
    o.raw("</h")
        .num(h)
        .raw(">\n  ")
        .raw(html)
        .raw("\n</section>");
}

/// `kpi`: a KPI with its summary, chart, table and CSV link.
pub fn kpi(o: &mut Html, k: &KpiView, h: usize, root: &str, of: &str, report_year: &str) {
    let id = k.id.as_ref();
    o.raw("<section class=\"kpi\" id=\"")
        .text(id)
        .raw("\" aria-labelledby=\"");
    o.text(id)
        .raw("-name")
        .of(of)
        .raw("\">\n    <h")
        .num(h)
        .raw(" id=\"");
    o.text(id).raw("-name\">");
    if let Some(c) = filled(&k.category) {
        o.raw("<span class=\"category\">").text(c).raw("</span> ");
    }
    o.text(k.name)
        .raw("</h")
        .num(h)
        .raw(">\n    <dl class=\"kpi-meta\">");
    if let Some(d) = filled(&k.definition) {
        o.raw("<div><dt>指標の説明</dt><dd>")
            .text(d)
            .raw("</dd></div>");
    }
    if let Some(s) = filled(&k.source) {
        o.raw("<div><dt>出典</dt><dd>").text(s).raw("</dd></div>");
    }
    if !k.unit.is_empty() {
        o.raw("<div><dt>単位</dt><dd>")
            .text(k.unit)
            .raw("</dd></div>");
    }
    o.raw("\n      <div><dt>望ましい方向</dt><dd>")
        .text(k.direction);
    o.raw("</dd></div>\n    </dl>");
    if k.qualitative {
        if let Some(t) = filled(&k.target_state) {
            o.raw("<p><strong>目標とする状態:</strong> ")
                .text(t)
                .raw("</p>");
        }
        o.raw("\n    <div class=\"table-scroll\" role=\"region\" aria-labelledby=\"");
        o.text(id)
            .raw("-cap")
            .of(of)
            .raw("\" tabindex=\"0\">\n    <table class=\"data\">\n      <caption id=\"");
        o.text(id).raw("-cap\"><bdi>").text(k.name);
        o.raw("</bdi>の達成状況（年度別）</caption>\n      <thead><tr><th scope=\"col\">年度</th><th scope=\"col\">達成した状態</th></tr></thead>\n      <tbody>");
        for (year, state) in &k.states {
            o.raw("\n        <tr><th scope=\"row\">")
                .text(year)
                .raw("</th><td>");
            o.text(state).raw("</td></tr>");
        }
        o.raw("\n      </tbody>\n    </table>\n    </div>");
    } else {
        o.raw("\n    <div class=\"kpi-summary\">");
        if let Some(latest) = filled(&k.latest_html) {
            o.raw("<p><span class=\"label\">最新の実績（");
            o.text(filled(&k.latest_year).unwrap_or(""));
            o.raw("）</span> <span class=\"figure\">")
                .raw(latest)
                .raw("</span> ");
            o.text(k.unit).raw("</p>");
        }
        if let Some(target) = filled(&k.target_html) {
            o.raw("<p><span class=\"label\">目標値</span> <span class=\"figure\">");
            o.raw(target).raw("</span> ").text(k.unit).raw("</p>");
        }
        if let Some(rate) = filled(&k.rate) {
            o.raw("<p><span class=\"label\">達成率</span> <span class=\"figure\">");
            o.text(rate).raw("</span></p>");
        }
        if let Some(change) = filled(&k.change_html) {
            o.raw("<p><span class=\"label\">基準値からの増減</span> <span class=\"figure\">");
            o.raw(change).raw("</span> ").text(k.unit).raw("</p>");
        }
        if let Some(g) = &k.grade {
            o.raw("<p><span class=\"label\">達成状況（")
                .text(report_year);
            o.raw("）</span> ").raw(&g.html).raw("</p>");
        }
        o.raw("\n    </div>");
        if let Some(svg) = filled(&k.chart_svg) {
            o.raw("\n    <figure class=\"chart-figure\">\n      <div class=\"chart-scroll\" role=\"region\" aria-label=\"");
            o.text(k.name).raw("のグラフ\" tabindex=\"0\">").raw(svg);
            o.raw("</div>\n      <figcaption>\n        <ul class=\"legend-marks\">");
            for l in &k.legend {
                o.raw("\n          <li><span class=\"mark mark-")
                    .text(l.class);
                o.raw("\" aria-hidden=\"true\">")
                    .text(l.mark)
                    .raw("</span>");
                o.text(&l.label).raw("</li>");
            }
            o.raw("\n        </ul>\n        <a class=\"to-table\" href=\"#")
                .text(id);
            o.raw("-table\"><bdi>").text(k.name);
            o.raw("</bdi>の数値を表で見る</a>\n      </figcaption>\n    </figure>");
        }
        o.raw("\n    <div class=\"table-scroll\" id=\"").text(id);
        o.raw("-table\" role=\"region\" aria-labelledby=\"")
            .text(id)
            .raw("-cap")
            .of(of);
        o.raw("\" tabindex=\"0\">\n    <table class=\"data kpi-table\">\n      <caption id=\"");
        o.text(id)
            .raw("-cap\"><bdi>")
            .text(k.name)
            .raw("</bdi>の推移（単位: <bdi>");
        o.text(k.unit);
        o.raw("</bdi>）</caption>\n      <thead>\n        <tr><th scope=\"col\">年度</th><th scope=\"col\">区分</th><th scope=\"col\">実績値</th><th scope=\"col\">目標値</th><th scope=\"col\">達成状況</th></tr>\n      </thead>\n      <tbody>");
        for r in &k.rows {
            o.raw("\n        <tr><th scope=\"row\">").text(&r.year);
            o.raw("</th><td class=\"role\">").text(r.role);
            o.raw("</td><td class=\"num\">").raw(&r.actual_html);
            o.raw("</td><td class=\"num\">")
                .raw(&r.target_html)
                .raw("</td><td>");
            if let Some(g) = &r.grade {
                o.raw(&g.html);
            }
            o.raw("</td></tr>");
        }
        o.raw("\n      </tbody>\n    </table>\n    </div>");
    }
    o.raw("\n    <p class=\"data-link\"><a href=\"")
        .text(root)
        .text(&k.csv_url);
    o.raw("\" download>この指標のデータ（CSV）<span class=\"visually-hidden\">：<bdi>");
    o.text(k.name).raw("</bdi></span></a></p>");
    if let Some(note) = filled(&k.note) {
        o.raw("<p class=\"note\">注: ").text(note).raw("</p>");
    }
    o.raw("\n  </section>");
}

/// `evaluation`: one year's 総括, 現状・課題 and 今後の方向性.
pub fn evaluation(o: &mut Html, e: &EvaluationView, p: &str, n: usize, h: usize, of: &str) {
    let at = Place {
        p,
        id: "eval-",
        n,
        of,
    };
    headed_section(o, "evaluation", &at, h);
    o.text(&e.year).raw("の検証");
    if let Some(g) = &e.grade {
        o.raw(" ").raw(&g.html);
    }
    o.raw("</h").num(h).raw(">");
    for (title, html) in [
        ("総括", &e.summary_html),
        ("現状・課題", &e.issues_html),
        ("今後の方向性", &e.outlook_html),
    ] {
        if !html.is_empty() {
            o.raw("<h")
                .num(h + 1)
                .raw(">")
                .raw(title)
                .raw("</h")
                .num(h + 1)
                .raw(">");
            o.raw(html);
        }
    }
    o.raw("\n</section>");
}

/// `totals`: the budget and settlement totals of a node's programs.
pub fn totals(o: &mut Html, node: &NodeView, p: &str, h: usize, of: &str) {
    o.raw("<section aria-labelledby=\"")
        .text(p)
        .raw("totals")
        .of(of);
    o.raw("\">\n  <h")
        .num(h)
        .raw(" id=\"")
        .text(p)
        .raw("totals\">事業費の合計</h")
        .num(h);
    o.raw(">\n  <div class=\"table-scroll\" role=\"region\" aria-labelledby=\"")
        .text(p);
    o.raw("totals-cap").of(of);
    o.raw("\" tabindex=\"0\">\n  <table class=\"data\">\n    <caption id=\"")
        .text(p);
    o.raw("totals-cap\">この").text(&node.level);
    o.raw("に紐づく事業の予算額・決算額の合計（単位: 千円）</caption>\n    <thead><tr><th scope=\"col\">年度</th><th scope=\"col\">予算額</th><th scope=\"col\">決算額</th><th scope=\"col\">事業数</th></tr></thead>\n    <tbody>");
    for t in &node.totals {
        o.raw("\n      <tr><th scope=\"row\">").text(&t.year);
        o.raw("</th><td class=\"num\">").raw(&t.budget_html);
        o.raw("</td><td class=\"num\">").raw(&t.settlement_html);
        o.raw("</td><td class=\"num\">")
            .num(t.programs)
            .raw("</td></tr>");
    }
    o.raw("\n    </tbody>\n  </table>\n  </div>\n</section>");
}

/// `program_facts`: 所属, 予算科目, 事業区分, 事業期間.
pub fn program_facts(o: &mut Html, p: &ProgramView) {
    let account = filled(&p.account);
    let funding = filled(&p.funding);
    let period = filled(&p.period);
    if p.departments.is_empty() && account.is_none() && funding.is_none() && period.is_none() {
        return;
    }
    o.raw("\n<dl class=\"facts\">");
    if !p.departments.is_empty() {
        o.raw("<div><dt>所属</dt><dd>")
            .text(&p.departments.join("、"));
        o.raw("</dd></div>");
    }
    for (term, value) in [
        ("予算科目", account),
        ("事業区分", funding),
        ("事業期間", period),
    ] {
        if let Some(v) = value {
            o.raw("<div><dt>")
                .raw(term)
                .raw("</dt><dd>")
                .text(v)
                .raw("</dd></div>");
        }
    }
    o.raw("\n</dl>");
}

/// `program_year`: one year of a program; `hs` is the level of its sub-headings.
pub struct YearAt<'a> {
    pub p: &'a str,
    pub n: usize,
    pub h: usize,
    pub hs: usize,
    pub of: &'a str,
}

pub fn program_year(o: &mut Html, y: &ProgramYearView, at: &YearAt) {
    let YearAt { p, n, h, hs, of } = *at;
    let place = Place {
        p,
        id: "year-",
        n,
        of,
    };
    headed_section(o, "program-year", &place, h);
    o.text(&y.year).raw("の実績</h").num(h);
    o.raw(">\n  <dl class=\"facts\">\n    <div><dt>目標達成状況</dt><dd>");
    match &y.status {
        Some(s) => o.raw(&s.html),
        None => o.raw("記載なし"),
    };
    o.raw("</dd></div>\n    <div><dt>今後の方向性</dt><dd>");
    match filled(&y.direction) {
        Some(d) => o.text(d),
        None => o.raw("記載なし"),
    };
    o.raw("</dd></div>\n  </dl>");
    for (title, html) in [
        ("事業実績", &y.results_html),
        ("達成状況の分析・問題点・課題", &y.analysis_html),
    ] {
        if !html.is_empty() {
            o.raw("<h")
                .num(hs)
                .raw(">")
                .raw(title)
                .raw("</h")
                .num(hs)
                .raw(">")
                .raw(html);
        }
    }
    let budget = filled(&y.budget_html);
    let settlement = filled(&y.settlement_html);
    let staff = filled(&y.staff);
    if budget.is_some() || settlement.is_some() || staff.is_some() {
        let head = "<tr><th scope=\"col\">項目</th><th scope=\"col\">値</th></tr>";
        let caption = "の事業費と人員";
        year_table(
            o,
            &Place {
                p,
                id: "money-",
                n,
                of,
            },
            &y.year,
            caption,
            head,
        );
        if let Some(b) = budget {
            o.raw("<tr><th scope=\"row\">予算額（千円）</th><td class=\"num\">")
                .raw(b);
            o.raw("</td></tr>");
        }
        if let Some(s) = settlement {
            o.raw("<tr><th scope=\"row\">決算額（千円）</th><td class=\"num\">")
                .raw(s);
            o.raw("</td></tr>");
        }
        if let Some(s) = staff {
            o.raw("<tr><th scope=\"row\">従事人工（人）</th><td class=\"num\">")
                .text(s);
            o.raw("</td></tr>");
        }
        o.raw(TABLE_END);
    }
    if !y.indicators.is_empty() {
        let head = "<tr><th scope=\"col\">活動指標</th><th scope=\"col\">実績</th><th scope=\"col\">目標</th><th scope=\"col\">単位</th></tr>";
        year_table(
            o,
            &Place {
                p,
                id: "ind-",
                n,
                of,
            },
            &y.year,
            "の活動指標",
            head,
        );
        for i in &y.indicators {
            o.raw("\n      <tr><th scope=\"row\">").text(i.name);
            o.raw("</th><td class=\"num\">")
                .raw(&i.value_html)
                .raw("</td><td class=\"num\">");
            if let Some(t) = filled(&i.target_html) {
                o.raw(t);
            }
            o.raw("</td><td>").text(i.unit).raw("</td></tr>");
        }
        o.raw(TABLE_END);
    }
    o.raw("\n</section>");
}

/// A numbered part's id (`p`, `id`, `n`: `s3-p2-year-1`) and what it belongs to (`of`).
struct Place<'a> {
    p: &'a str,
    id: &'a str,
    n: usize,
    of: &'a str,
}

/// The opening of a table of a program's year, up to its body: a scrolling region named
/// by the caption (`year` and `caption`), the header row `head`.
fn year_table(o: &mut Html, at: &Place, year: &str, caption: &str, head: &str) {
    let Place { p, id, n, of } = *at;
    o.raw("\n  <div class=\"table-scroll\" role=\"region\" aria-labelledby=\"")
        .text(p);
    o.raw(id).num(n).of(of);
    o.raw("\" tabindex=\"0\">\n  <table class=\"data\">\n    <caption id=\"")
        .text(p);
    o.raw(id).num(n).raw("\">").text(year).raw(caption);
    o.raw("</caption>\n    <thead>")
        .raw(head)
        .raw("</thead>\n    <tbody>");
}

/// A numbered part's section and the start of its heading (`<section …><hH id="…">`).
fn headed_section(o: &mut Html, class: &str, at: &Place, h: usize) {
    let Place { p, id, n, of } = *at;
    o.raw("<section class=\"")
        .raw(class)
        .raw("\" aria-labelledby=\"")
        .text(p);
    o.raw(id)
        .num(n)
        .of(of)
        .raw("\">\n  <h")
        .num(h)
        .raw(" id=\"")
        .text(p);
    o.raw(id).num(n).raw("\">");
}

const TABLE_END: &str = "\n    </tbody>\n  </table>\n  </div>";

/// `spread` (macros.html): a node's KPI grades, counted.
pub fn spread(o: &mut Html, c: &NodeCounts) {
    o.raw("<ul class=\"grade-spread\" aria-label=\"")
        .num(c.total);
    o.raw("指標の評価の内訳\">");
    for g in &c.counts {
        o.raw("<li>")
            .raw(&g.badge.html)
            .raw(" ")
            .num(g.count)
            .raw("件</li>");
    }
    o.raw("</ul>");
}

/// `none` (macros.html): 記載なし, as a dash for the eye.
pub fn none(o: &mut Html) {
    o.raw("<span class=\"no-value\"><span aria-hidden=\"true\">—</span><span class=\"visually-hidden\">記載なし</span></span>");
}
