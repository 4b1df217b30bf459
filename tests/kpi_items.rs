//! A KPI's own facts printed as labelled cells around its table (issue 53): つくば市's
//! 個別施策 KPI シート (平成27年度実績評価シート) prints 「KPI その1 | 平成27年度から平成31年度
//! までの国際戦略総合特区新規プロジェクトの創出数」 above its grid (数値の基準年度 | 従前値 |
//! (単位) | H27 … H31 | 目標値 | (単位) | 目標年度) and 「指標の方向性 | 向きをはかるもの」 beside
//! 「進捗状況 | 概ね順調」 under it. The form names them as the KPI's own fields (`above`,
//! `below`), so the name is written once, in the KPI, and each KPI is drawn apart: its
//! cells, its table, its cells.

use crate::common;

use std::path::PathBuf;

use common::*;

const SITE: &str = "city = \"つくば市\"\nlicense = { preset = \"cc-by-4.0\" }\ntitle = \"つくば市 実績評価\"\nbase_url = \"https://www.city.example.lg.jp/kensho/\"\nlanguage = \"ja\"\nreport_year = \"H27\"\nyear_style = \"era_short\"\n\n[[plans]]\ndir = \"sogo\"\nlevels = [\"総合戦略\", \"個別施策\"]\nscale = \"shinchoku\"\n\n[[scales]]\nid = \"shinchoku\"\nname = \"進捗状況\"\n[[scales.grades]]\nkey = \"A\"\nlabel = \"順調\"\n[[scales.grades]]\nkey = \"B\"\nlabel = \"概ね順調\"\n[[scales.grades]]\nkey = \"C\"\nlabel = \"遅れている\"\n";

const KPIS: &str = r#"  { kpis = true, heading = "", layout = "rows", above = [
    { field = "name", heading = "KPI その{n}" },
  ], rows = [
    { field = "target", heading = "" },
    { field = "actual", heading = "実績値" },
  ], columns = [
    { field = "base_year", heading = "数値の基準年度" },
    { field = "base", heading = "従前値" },
    { field = "unit", heading = "(単位)" },
    { field = "phase", heading = "" },
    { field = "year", year = "H27", heading = "H27" },
    { field = "year", year = "H28", heading = "H28" },
    { field = "final_target", heading = "目標値" },
    { field = "target_year", heading = "目標年度" },
  ], below = [
    { row = [
      { field = "direction", heading = "指標の方向性" },
      { field = "grade", heading = "進捗状況" },
    ] },
  ] },"#;

fn forms(kpis: &str) -> String {
    format!(
        "[forms.kobetsu]\nfor = {{ plan = \"sogo\", level = \"個別施策\" }}\nitems = \"rows\"\nsections = [\n  {{ item = \"tanto\", heading = \"指標担当部課等\", kind = \"text\" }},\n{kpis}\n  {{ item = \"konkyo\", heading = \"設定根拠\", kind = \"text\" }},\n]\n"
    )
}

const POLICY: &str = "+++\ncode = \"(1)\"\ntitle = \"科学技術の振興によるまちづくり\"\ntanto = \"科学技術・特区推進課\"\nkonkyo = \"5プロジェクトを目指します。\"\n\n[[kpis]]\nname = \"平成27年度から平成31年度までの国際戦略総合特区新規プロジェクトの創出数\"\nunit = \"プロジェクト\"\ndirection_mark = \"向きをはかるもの\"\nbaseline = { year = \"H27\", value = 7 }\ntargets = { H27 = \"-\", H28 = \"-\" }\ntarget = { year = \"H31\", value = 12 }\nactual = { H27 = 8 }\ngrades = { H27 = \"B\" }\n\n[[kpis]]\nname = \"つくば発ベンチャー企業の数\"\nunit = \"社\"\ndirection_mark = \"量をはかるもの\"\nbaseline = { year = \"H26\", value = 60 }\ntarget = { year = \"H31\", value = 80 }\nactual = { H27 = 64 }\n+++\n";

fn site(name: &str, forms: &str) -> PathBuf {
    site_of(
        name,
        &[
            ("site.toml", SITE),
            ("forms.toml", forms),
            ACCESSIBILITY,
            (
                "sogo/_index.md",
                "+++\ntitle = \"まち・ひと・しごと創生総合戦略\"\n+++\n",
            ),
            ("sogo/policy-1.md", POLICY),
        ],
    )
}

#[test]
fn a_kpis_own_labelled_cells_stand_around_its_table_as_printed() {
    let out = build_inside(&site("kpi-items-tsukuba", &forms(KPIS)), "out");
    let page = read(&out.join("sogo/policy-1/index.html"));
    let blocks: Vec<&str> = (page.split("<div class=\"kpi-apart\">").skip(1))
        .map(|b| b.split("</dl>\n  </div>").next().unwrap())
        .collect();
    assert_eq!(blocks.len(), 2, "{page}");
    let first = blocks[0];
    // Above its grid: 「KPI その1 | (its name)」, a labelled cell, the name written once.
    let above = between(first, "<dl class=\"facts items in-rows\">", "</dl>");
    assert_eq!(
        text(above),
        "KPI その1 平成27年度から平成31年度までの国際戦略総合特区新規プロジェクトの創出数"
    );
    // Its table: the grid's headings and its two rows, no column of names.
    let table = between(first, "<table class=\"data kpi-sheet", "</table>");
    assert_eq!(
        table_rows(table),
        [
            vec![
                "数値の基準年度",
                "従前値",
                "(単位)",
                "",
                "H27",
                "H28",
                "目標値",
                "目標年度"
            ],
            vec!["H27", "7", "プロジェクト", "", "-", "-", "12", "R1"],
            vec!["実績値", "8", ""],
        ],
        "{table}"
    );
    assert!(table.contains("<tbody id=\"kpi-1\">"), "{table}");
    // Under it, on one printed row: 指標の方向性 and 進捗状況 (the report year's grade).
    let below = first.split("</table>").nth(1).unwrap();
    let row = between(below, "<dl class=\"facts items row\">", "</dl>");
    assert_eq!(
        text(row),
        "指標の方向性 向きをはかるもの 進捗状況 概ね順調",
        "{row}"
    );
    // The second KPI the same, apart, with its own facts.
    assert!(
        text(blocks[1]).starts_with("KPI その2 つくば発ベンチャー企業の数"),
        "{}",
        blocks[1]
    );
    assert!(blocks[1].contains("<tbody id=\"kpi-2\">"), "{}", blocks[1]);
    assert!(text(blocks[1]).contains("指標の方向性 量をはかるもの 進捗状況"));
    // The node's items before and after the KPI block keep their places.
    let order = ["<dt>指標担当部課等</dt>", "kpi-apart", "<dt>設定根拠</dt>"]
        .map(|w| page.find(w).expect(w));
    assert!(order.is_sorted(), "{order:?}");
}

#[test]
fn labelled_cells_of_a_kpi_are_refused_where_they_cannot_stand() {
    for (from, to, said, at) in [
        (
            "layout = \"rows\"",
            "layout = \"block\"",
            "指標の above は layout = \"rows\" か \"each\" のときに書きます",
            "forms.toml:6",
        ),
        (
            "{ field = \"name\", heading = \"KPI その{n}\" }",
            "{ field = \"actual\", heading = \"実績値\" }",
            "指標の欄「actual」はありません",
            "forms.toml:7",
        ),
        (
            "{ field = \"name\", heading = \"KPI その{n}\" }",
            "{ field = \"name\", heading = \"\" }",
            "指標の欄の heading が空です",
            "forms.toml:7",
        ),
        (
            "{ field = \"name\", heading = \"KPI その{n}\" }",
            "{ field = \"name\", heading = \"KPI その{no}\" }",
            "{n} 以外の { } があります",
            "forms.toml:7",
        ),
        (
            "{ row = [\n      { field = \"direction\", heading = \"指標の方向性\" },\n      { field = \"grade\", heading = \"進捗状況\" },\n    ] },",
            "{ row = [] },",
            "row = [ … ] に欄がありません",
            "forms.toml:2",
        ),
    ] {
        let kpis = KPIS.replace(from, to);
        let kpis = if to == "layout = \"block\"" {
            // A block takes no rows or columns: only `above` is left to refuse.
            kpis.split(", rows = [").next().unwrap().to_string() + " },"
        } else {
            kpis
        };
        let run = kensho(&site("kpi-items-refused", &forms(&kpis)), &["check"]);
        assert!(!run.ok, "{to}");
        assert!(run.stderr.contains(said), "{to}: {}", run.stderr);
        assert!(run.stderr.contains(at), "{to}: {}", run.stderr);
        assert!(run.stderr.contains("sections[2]"), "{to}: {}", run.stderr);
    }
}

/// A table per KPI (`layout = "each"`, 筑西市's 成果指標) takes them too: the name over
/// the block, the unit under it.
#[test]
fn a_table_per_kpi_has_its_labelled_cells_around_it_too() {
    let each = r#"  { kpis = true, heading = "成果指標", layout = "each", above = [
    { field = "name", heading = "目標・成果項目" },
  ], rows = [
    { field = "year", heading = "年 度" },
    { field = "actual", heading = "実 積" },
  ], below = [
    { field = "unit", heading = "単 位" },
    { field = "target_year", heading = "目標年度", format = "{year_short}年度" },
  ] },"#;
    let out = build_inside(&site("kpi-items-each", &forms(each)), "out");
    let page = read(&out.join("sogo/policy-1/index.html"));
    let block = between(&page, "<div class=\"kpi-apart\">", "</dl>\n  </div>");
    let order = [
        "<dt>目標・成果項目</dt>",
        "<table class=\"data kpi-sheet kpi-each\">",
        "<dt>単 位</dt>",
    ]
    .map(|w| block.find(w).expect(w));
    assert!(order.is_sorted(), "{block}");
    let below = block.split("</table>").nth(1).unwrap();
    assert_eq!(text(below), "単 位 プロジェクト 目標年度 R1年度", "{below}");
    assert!(block.contains("id=\"kpi-1\""), "{block}");
}

/// 江田島市's 総合戦略 (round 22) prints 「≪成果と見直し≫」 inside its one KPI grid, on a line
/// under each KPI's row, its text under it across the grid (the heading rows printed once):
/// `across` draws it a row of the table under the KPI's rows, the label over the value on
/// the lines written; the KPIs stay in one table.
#[test]
fn a_kpis_cell_printed_across_its_table_is_a_row_under_its_rows() {
    let kpis = r#"  { kpis = true, heading = "重要業績評価指標(KPI)", layout = "rows",
    texts = [{ key = "seika", name = "成果と見直し" }],
    rows = [{ field = "actual", heading = "" }],
    columns = [
      { field = "name", heading = "指 標 名" },
      { field = "base", heading = "現状値" },
      { field = "year", year = "H27", heading = "実績" },
      { field = "grade", heading = "達成度" },
    ],
    across = [{ field = "seika", heading = "≪成果と見直し≫" }] },"#;
    let policy = POLICY.replace(
        "grades = { H27 = \"B\" }\n",
        "grades = { H27 = \"B\" }\nseika = \"防除対策の普及により、減少した。\\n今後も、支援制度を維持する。\"\n",
    );
    let root = site("kpi-items-across", &forms(kpis));
    std::fs::write(root.join("content/sogo/policy-1.md"), policy).unwrap();
    let out = build_inside(&root, "out");
    let page = read(&out.join("sogo/policy-1/index.html"));
    // One table, no KPI drawn apart.
    assert!(!page.contains("kpi-apart"), "{page}");
    let table = between(&page, "<table class=\"data kpi-sheet", "</table>");
    assert_eq!(table.matches("<thead>").count(), 1, "{table}");
    // Under the first KPI's row, in its group: the label over the value, across the
    // table's four columns, the value's line break kept (drawn pre-line).
    let first = between(table, "<tbody", "</tbody>");
    assert!(
        first.contains("<tr class=\"kpi-across\"><td colspan=\"4\"><span class=\"kpi-across-label\">≪成果と見直し≫</span> <span class=\"kpi-across-value\">防除対策の普及により、減少した。\n今後も、支援制度を維持する。</span></td></tr>"),
        "{first}"
    );
    // The second KPI has its row too, empty where its text is not written.
    let rows = table_rows(table);
    assert_eq!(rows.len(), 5, "{rows:?}");
    assert_eq!(rows[4], ["≪成果と見直し≫"], "{rows:?}");
    let css = read(&out.join("assets/style.css"));
    assert!(
        css.contains(
            "table.kpi-sheet .kpi-across-value { display: block; white-space: pre-line; }"
        ),
        "{css}"
    );

    // 江田島市 prints the block's name in a cell beside the grid: `beside = true`, as a
    // table's label; the grid in the label's cell.
    let labelled = kpis.replace("layout = \"rows\",", "beside = true, layout = \"rows\",");
    let out = build_inside(&site("kpi-items-across-beside", &forms(&labelled)), "out");
    let page = read(&out.join("sogo/policy-1/index.html"));
    assert!(!page.contains(">重要業績評価指標(KPI)</h2>"), "{page}");
    let cell = between(&page, ">重要業績評価指標(KPI)</dt><dd>", "</dd></div>");
    assert!(cell.contains("<table class=\"data kpi-sheet"), "{cell}");
    assert!(cell.contains("≪成果と見直し≫"), "{cell}");

    // In one table of a row per KPI (`layout = "table"`), each KPI with its row across is
    // a group of its own, its name heading both.
    let table_layout = r#"  { kpis = true, heading = "重要業績評価指標(KPI)", layout = "table",
    texts = [{ key = "seika", name = "成果と見直し" }],
    columns = [
      { field = "name", heading = "指 標 名" },
      { field = "actual", year = "H27", heading = "実績" },
      { field = "target", year = "H27", heading = "目標" },
    ],
    across = [{ field = "seika", heading = "≪成果と見直し≫" }] },"#;
    let root = site("kpi-items-across-table", &forms(table_layout));
    // A target written as a state in words (久留米市's 「基準値を上回る」) reads as words.
    let policy = read(&root.join("content/sogo/policy-1.md")).replace(
        "target = { year = \"H31\", value = 80 }\n",
        "target = { year = \"H31\", value = 80 }\ntargets = { H27 = \"基準値を上回る\" }\n",
    );
    assert!(policy.contains("基準値を上回る"));
    std::fs::write(root.join("content/sogo/policy-1.md"), policy).unwrap();
    let out = build_inside(&root, "out");
    let page = read(&out.join("sogo/policy-1/index.html"));
    let table = between(&page, "<table class=\"data kpi-sheet", "</table>");
    assert!(
        table.contains("<td data-label=\"目標\">基準値を上回る</td>"),
        "{table}"
    );
    assert!(
        table.contains("<td class=\"num\" data-label=\"実績\">64</td>"),
        "{table}"
    );
    assert_eq!(table.matches("<tbody").count(), 2, "{table}");
    assert!(
        table.contains(
            "<th scope=\"rowgroup\" data-label=\"指 標 名\">つくば発ベンチャー企業の数</th>"
        ),
        "{table}"
    );
    // A block of KPIs takes no label beside it (each KPI is headed in it).
    let block = r#"  { kpis = true, heading = "重要業績評価指標(KPI)", beside = true },"#;
    let run = kensho(
        &site("kpi-items-block-beside", &forms(block)),
        &["check", "--lang", "en"],
    );
    assert!(!run.ok);
    assert!(
        run.stderr.contains(
            "beside = true on kpis (the heading a label beside the table) is for a table's layout"
        ),
        "{}",
        run.stderr
    );

    // Only in one table of KPIs, a cell a row.
    for (from, to, said) in [
        (
            "layout = \"rows\"",
            "layout = \"each\"",
            "指標の across は layout = \"rows\" か \"table\" のときに書きます",
        ),
        (
            "across = [{ field = \"seika\", heading = \"≪成果と見直し≫\" }]",
            "across = [{ row = [{ field = \"seika\", heading = \"≪成果と見直し≫\" }] }]",
            "across の欄はそれぞれ表の幅いっぱいの一行です",
        ),
    ] {
        let kpis = kpis.replace(from, to);
        let run = kensho(&site("kpi-items-across-refused", &forms(&kpis)), &["check"]);
        assert!(!run.ok, "{to}");
        assert!(run.stderr.contains(said), "{to}: {}", run.stderr);
        assert!(run.stderr.contains("forms.toml:"), "{to}: {}", run.stderr);
    }
}

/// つくば市's 実績値の計算方法 (round 34): a new user named it in `texts` and wrote it in
/// each KPI, but placed it in no row, column or labelled cell; it was printed nowhere and
/// nothing said so. Now a warning at `texts` names it and where it may go; placed, none.
#[test]
fn a_kpi_text_placed_nowhere_is_a_warning_naming_it() {
    let texts = "texts = [{ key = \"keisan\", name = \"実績値の計算方法\" }], above = [";
    let unplaced = KPIS.replace("above = [", texts);
    let root = site("kpi-items-text-nowhere", &forms(&unplaced));
    let run = kensho(&root, &["check", "--lang", "en"]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("0 error(s), 1 warning(s)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("the KPI text \"実績値の計算方法\" (keisan) is named by no row, column or labelled cell (above, below, across), so it is printed nowhere; add { field = \"keisan\", heading = \"…\" }"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("forms.kobetsu.sections[2].texts"),
        "{}",
        run.stderr
    );
    let ja = kensho(&root, &["check", "--lang", "ja"]);
    assert!(
        ja.stderr
            .contains("指標の文章「実績値の計算方法」（keisan）は、どの行・列・ラベル付きの欄"),
        "{}",
        ja.stderr
    );

    let placed = unplaced.replace(
        "{ field = \"direction\", heading = \"指標の方向性\" },",
        "{ field = \"direction\", heading = \"指標の方向性\" },\n      { field = \"keisan\", heading = \"実績値の計算方法\" },",
    );
    let run = kensho(
        &site("kpi-items-text-placed", &forms(&placed)),
        &["check", "--lang", "en"],
    );
    assert!(
        run.stderr.contains("0 error(s), 0 warning(s)"),
        "{}",
        run.stderr
    );

    // A block of each KPI prints no city's text at all: the warning says so.
    let block = "  { kpis = true, heading = \"\", texts = [{ key = \"keisan\", name = \"実績値の計算方法\" }] },";
    let run = kensho(
        &site("kpi-items-text-block", &forms(block)),
        &["check", "--lang", "en"],
    );
    assert!(
        run.stderr.contains("0 error(s), 1 warning(s)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("a block of each KPI (layout = \"block\") prints no city's text"),
        "{}",
        run.stderr
    );
}
