//! A level that is no sheet of the printed report (issue 53, a form's `print = false`):
//! 府中市's and つくば市's sheets are the 施策 sheets alone, their 基本目標 and 基本的方向
//! only named in them; the print view printed every level above as a sheet of its own
//! (a heading, its parts), words the printed report does not have. Built on
//! tests/sites/kpi_each (基本構想 → 政策 → 施策).

use crate::common;

use common::*;

const POLICY_FORM: &str = "[forms.seisaku]\nfor = { plan = \"kihonkoso\", level = \"政策\" }\n";

#[test]
fn a_level_whose_form_says_print_false_is_left_out_of_the_print_view() {
    let mut outs = Vec::new();
    for (name, print) in [("printed", ""), ("not-printed", "print = false\n")] {
        let s = site_copy("kpi_each", name);
        edit_content(
            &s,
            "forms.toml",
            &[(
                "[forms.shisaku]",
                &format!(
                    "{POLICY_FORM}{print}sections = [{{ children = true, heading = \"施策\" }}]\n\n[forms.shisaku]"
                ),
            )],
        );
        let out = s.join("out");
        build(&s, &out);
        outs.push(out);
    }
    let print = |i: usize| read(&outs[i].join("kihonkoso/print/index.html"));
    // Both ran: the policy's sheet is printed where its form prints it …
    let with = print(0);
    assert!(with.contains("1生涯学習の充実</a></h2>"), "{with}");
    // … and not where it says `print = false`: no heading, no contents entry, none of its
    // parts; the 施策 sheet below it stays, headed as before.
    let without = print(1);
    assert!(!without.contains("1生涯学習の充実"), "{without}");
    assert!(
        without.contains("1生涯学習環境の充実</a></h2>"),
        "{without}"
    );
    assert!(without.contains("成果指標1"), "{without}");
    // The policy's page is still on the site (its form lists the 施策).
    let page = read(&outs[1].join("kihonkoso/seisaku-01/index.html"));
    assert!(page.contains("1生涯学習環境の充実"), "{page}");
}

/// 秩父市's 基本事業評価シート lists its 事務事業 in its own table; the printed report has
/// no sheet of each program. `print = false` on the programs' form leaves their sheets
/// out of the print view (before, refused on the programs' form), the programs' pages
/// staying as they are.
#[test]
fn programs_whose_form_says_print_false_have_no_sheet_in_the_print_view() {
    let mut outs = Vec::new();
    for (name, print) in [("printed", ""), ("not-printed", "print = false\n")] {
        let s = site_copy("sheets", &format!("programs-{name}"));
        edit_content(
            &s,
            "forms.toml",
            &[(
                "[forms.jimujigyo]\nfor = \"programs\"\n",
                &format!("[forms.jimujigyo]\nfor = \"programs\"\n{print}"),
            )],
        );
        let out = s.join("out");
        build(&s, &out);
        outs.push(out);
    }
    let print = |i: usize| read(&outs[i].join("plan/print/index.html"));
    // Both ran: the program's sheet is printed under its node by default …
    let with = print(0);
    assert!(with.contains("class=\"print-program\""), "{with}");
    assert!(with.contains("事務事業の目的"), "{with}");
    // … and not with `print = false`: no sheet, no heading over the programs.
    let without = print(1);
    assert!(!without.contains("class=\"print-program\""), "{without}");
    assert!(!without.contains("事務事業の目的"), "{without}");
    assert!(!without.contains("id=\"s2-programs\""), "{without}");
    // Its page is as before.
    let page = |i: usize| read(&outs[i].join("programs/bochi/index.html"));
    assert_eq!(page(0), page(1));
}

/// 松戸市's 資料4: the plan's own sheet prints its title line 「H30.10.3 第7回…懇談会 資料4」 over
/// 「1 総合戦略における…」. The plan's page showed it; the print view, whose heading is the
/// plan's title, left it out. Now it stands over that heading there too.
#[test]
fn the_plans_own_sheet_title_is_printed_over_the_print_views_heading() {
    let s = site_copy("kpi_each", "root-sheet-title");
    edit_content(
        &s,
        "forms.toml",
        &[(
            "[forms.shisaku]",
            "[forms.keikaku]\nfor = { plan = \"kihonkoso\", level = \"基本構想\" }\nsheet_title = \"H30.10.3 第7回懇談会 資料4\"\nsections = [{ children = true }]\n\n[forms.shisaku]",
        )],
    );
    let out = s.join("out");
    build(&s, &out);
    let print = read(&out.join("kihonkoso/print/index.html"));
    let top = between(&print, "<div class=\"print-view\">", "</h1>");
    assert!(
        top.contains("<p class=\"level\">H30.10.3 第7回懇談会 資料4</p>\n<h1>"),
        "{top}"
    );
    // Its page shows it as before: the same words, once.
    let page = read(&out.join("kihonkoso/index.html"));
    assert_eq!(
        page.matches("H30.10.3 第7回懇談会 資料4").count(),
        1,
        "{page}"
    );
}

/// 坂井市's 事業実施結果報告 of thirteen columns is printed on A4 turned sideways; printed
/// upright, its short figures broke in their columns (「H2/8./3」) and its words stood a
/// character a line. A form's `paper = "landscape"` prints its pages sideways: the page's
/// own print, and its part of the print view (which starts pages of their own there).
#[test]
fn a_form_printed_landscape_prints_its_pages_sideways() {
    let mut outs = Vec::new();
    for (name, paper) in [("portrait", ""), ("landscape", "paper = \"landscape\"\n")] {
        let s = site_copy("sheets", &format!("paper-{name}"));
        edit_content(
            &s,
            "forms.toml",
            &[(
                "[forms.jimujigyo]\nfor = \"programs\"\n",
                &format!("[forms.jimujigyo]\nfor = \"programs\"\n{paper}"),
            )],
        );
        let out = s.join("out");
        build(&s, &out);
        outs.push(out);
    }
    let program = |i: usize| read(&outs[i].join("programs/bochi/index.html"));
    let print = |i: usize| read(&outs[i].join("plan/print/index.html"));
    // Both ran: upright by default, no page of the other paper …
    assert!(
        program(0).contains("<body class=\"sheet\">"),
        "{}",
        program(0)
    );
    assert!(print(0).contains("class=\"print-program\""), "{}", print(0));
    assert!(!print(0).contains("paper-"), "{}", print(0));
    // … and sideways where the form says so: the program's page, and its sheet in the
    // plan's print view, whose document (the plan's own sheet) stays upright.
    assert!(
        program(1).contains("<body class=\"sheet paper-landscape\">"),
        "{}",
        program(1)
    );
    let with = print(1);
    assert!(with.contains("<body>"), "{with}");
    assert!(
        with.contains("class=\"print-program paper-landscape\""),
        "{with}"
    );
    let plan = read(&outs[1].join("plan/index.html"));
    assert!(plan.contains("<body>"), "{plan}");
    // The paper is the theme's page rule for that class.
    let css = read(&outs[1].join("assets/print.css"));
    assert!(
        css.contains("@page sheet-landscape { size: A4 landscape; }"),
        "{css}"
    );
    assert!(
        css.contains(".paper-landscape { page: sheet-landscape; }"),
        "{css}"
    );
}

/// 長崎市, 豊岡市 and 瑞浪市 (new users' transcriptions, rounds 17 and 18): a sheet's page
/// printed the site's title and city over the sheet's own title, which the sheet never
/// prints. A page of the site's own form is marked a sheet, and print.css leaves the
/// site's header off it; a page of kensho's built-in forms keeps it (print.test.js checks
/// the printed PDF in Chromium).
#[test]
fn a_sheets_page_prints_without_the_sites_header() {
    let s = site_copy("sheets", "sheet-header");
    let out = s.join("out");
    build(&s, &out);
    let program = read(&out.join("programs/bochi/index.html"));
    assert!(program.contains("<body class=\"sheet\">"), "{program}");
    assert!(
        program.contains("<header class=\"site-header\">"),
        "{program}"
    );
    // Both ran: the plan's page is drawn by the built-in node form.
    let plan = read(&out.join("plan/index.html"));
    assert!(plan.contains("<body>"), "{plan}");
    let css = read(&out.join("assets/print.css"));
    let print = &css[css.find("@media print").unwrap()..];
    assert!(
        print.contains("body.sheet > .site-header { display: none; }"),
        "{print}"
    );
    // The plan's print view is a sheet where the plan's root is drawn by the site's own
    // form (豊中市's one sheet, round 19: printed under the site's title), not where it
    // is kensho's.
    assert!(read(&out.join("plan/print/index.html")).contains("<body>"));
    let s = site_copy("nagasaki", "sheet-header-print-view");
    let out = s.join("out");
    build(&s, &out);
    let view = read(&out.join("d3/print/index.html"));
    assert!(view.contains("<body class=\"sheet\">"), "{view}");
}

#[test]
fn a_paper_that_is_neither_is_an_error_at_its_line() {
    let s = site_copy("sheets", "paper-wrong");
    edit_content(
        &s,
        "forms.toml",
        &[(
            "[forms.jimujigyo]\nfor = \"programs\"\n",
            "[forms.jimujigyo]\nfor = \"programs\"\npaper = \"横\"\n",
        )],
    );
    let line = line_of(&s, "forms.toml", "paper = ");
    let (en, ja) = check_en_ja(&s);
    assert!(!en.ok && !ja.ok);
    assert!(
        en.stderr.contains(&format!("content/forms.toml:{line}:")),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr.contains(
            "a form's paper is \"landscape\" (the sheet is printed on A4 turned sideways)"
        ),
        "{}",
        en.stderr
    );
    assert!(
        ja.stderr.contains("様式の paper は \"landscape\""),
        "{}",
        ja.stderr
    );
}

/// 成田市's 事務事業評価一覧 is one sheet: a table of programs (codes, 課名, 決算額,
/// 1次〜4次評価), no plan above or below it (tests/sites/narita, a new user's
/// transcription). A plan had to name two levels or more, so the new user invented one the
/// sheet does not have; now a plan of one level is the sheet itself. Five levels are still
/// refused, at the `levels` line (the error pointed at `[[plans]]`).
#[test]
fn a_plan_of_one_level_is_one_sheet_and_five_levels_are_refused_at_the_line() {
    let s = site_copy("narita", "one-level");
    let out = s.join("out");
    build(&s, &out);
    let sheet = read(&out.join("ichiran/index.html"));
    let list = between(&sheet, "<table class=\"data form-list", "</table>");
    assert_eq!(
        list.matches("<tr>").count(),
        4,
        "a heading row and three programs: {list}"
    );
    assert!(list.contains("インターネット広報事業</a>"), "{list}");
    assert!(list.contains("6,755,088"), "{list}");
    // Nothing below the root: no list of children, no page for a level.
    assert!(!sheet.contains("id=\"children\""), "{sheet}");

    let five = site_copy("narita", "five-levels");
    edit_content(
        &five,
        "site.toml",
        &[(
            "levels = [\"事務事業評価一覧\"]",
            "levels = [\"編\", \"章\", \"政策\", \"基本施策\", \"施策\"]",
        )],
    );
    let line = line_of(&five, "site.toml", "levels = ");
    let (en, ja) = check_en_ja(&five);
    assert!(!en.ok && !ja.ok);
    assert!(
        en.stderr.contains(&format!("content/site.toml:{line}:")),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr
            .contains("levels must name 1 to 4 levels, root first (found 5)"),
        "{}",
        en.stderr
    );
    assert!(
        ja.stderr
            .contains("levels には階層の名前を上から1〜4個書いてください（5個あります）"),
        "{}",
        ja.stderr
    );
}

/// 長崎市's 基本施策の評価 heads its sheet 「基本施策D3 良好な生活環境を確保します」 (`head =
/// "{level}{code} {title}"` on the plan's own form; tests/sites/nagasaki, a new user's
/// transcription): its page did, its print view dropped 「基本施策」 (kensho's code and
/// title). The print view's heading is the page's.
#[test]
fn the_print_views_heading_is_the_plans_head_as_its_form_prints_it() {
    let s = site_copy("nagasaki", "print-head");
    let out = s.join("out");
    build(&s, &out);
    let page = read(&out.join("d3/index.html"));
    let print = read(&out.join("d3/print/index.html"));
    let h1 =
        "<h1>基本施策<span class=\"code as-printed\">D3</span> 良好な生活環境を確保します</h1>";
    assert!(page.contains(h1), "{page}");
    assert!(print.contains(h1), "{print}");
}
