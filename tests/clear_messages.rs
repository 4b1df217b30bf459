//! Messages a city's staff can act on (issues 51, 55): what `inf` and `nan` are in TOML, a
//! page link whose name differs only in how its characters are composed, a bracket left
//! open or a key written twice, and kensho run inside the site's content folder.

use crate::common;

use common::*;

const POLICY: &str = "content/plan/goal-1/policy-1.md";

#[test]
fn inf_and_nan_are_said_to_be_no_numbers_kensho_accepts() {
    let root = temp_dir("msg-inf");
    copy_dir(&repo().join("tests/sites/minimal"), &root);
    let policy = root.join(POLICY);
    let text = read(&policy).replace(
        "actual = { R01 = 30, R02 = 20 }",
        "actual = { R01 = inf, R02 = nan }",
    );
    std::fs::write(&policy, text).unwrap();
    let run = kensho(&root, &["check"]);
    assert!(!run.ok);
    for (key, word) in [("R01", "inf"), ("R02", "nan")] {
        assert!(
            run.stderr.contains(&format!(
                "`kpis[1].actual.{key}` is {word}, which TOML reads"
            )),
            "{}",
            run.stderr
        );
    }
    assert!(
        run.stderr.contains("kensho が扱う数ではありません"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("found a float"), "{}", run.stderr);
}

#[test]
fn a_page_link_composed_apart_is_explained() {
    let root = temp_dir("msg-nfd-page");
    copy_dir(&repo().join("tests/sites/minimal"), &root);
    let dir = root.join("content/plan/goal-1");
    // The page's file saved with ド as ト + combining ゛ (NFD).
    let nfd = "\u{30b7}\u{30fc}\u{30c8}\u{3099}.md";
    std::fs::rename(dir.join("policy-2.md"), dir.join(nfd)).unwrap();
    for file in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
    {
        let text = read(file.path());
        std::fs::write(
            file.path(),
            text.replace("@/plan/goal-1/policy-2.md", "@/plan/goal-1/シード.md"),
        )
        .unwrap();
    }
    let run = kensho(&root, &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("composed differently"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("NFD"), "{}", run.stderr);
    assert!(!run.stderr.contains("Did you mean"), "{}", run.stderr);
}

/// NUL and other control characters in front matter are refused by `check` where they
/// are written (the open data's formula guard holds behind them all the same).
#[test]
fn control_characters_in_front_matter_are_refused_where_written() {
    let root = temp_dir("msg-control");
    copy_dir(&repo().join("tests/sites/minimal"), &root);
    let policy = root.join(POLICY);
    let text = read(&policy).replace(
        "title = \"待機児童の解消\"",
        "title = \"待機児童の\\u0000解消\"",
    );
    std::fs::write(&policy, text).unwrap();
    let run = kensho(&root, &["check"]);
    assert!(!run.ok, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("an invisible control character, U+0000"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("policy-1.md:3:"), "{}", run.stderr);
    // The funding value of issue 51, which reached programs.csv (guarded there now too).
    let program = root.join("content/programs/hoiku.md");
    let text = read(&program).replace(
        "budget = 1500",
        "budget = 1500\nfunding = \"\\u0000=HYPERLINK(\\\"https://x.example/\\\")\"",
    );
    std::fs::write(&program, text).unwrap();
    let run = kensho(&root, &["check"]);
    assert!(run.stderr.contains("hoiku.md:15:"), "{}", run.stderr);
    std::fs::write(
        &program,
        read(&program).replace("\\u0000=HYPERLINK", "HYPERLINK"),
    )
    .unwrap();
    // A tab and line breaks are text.
    let text = read(&policy).replace("\\u0000", "\\t");
    std::fs::write(&policy, text).unwrap();
    assert!(kensho(&root, &["check"]).ok);
}

/// Round 25 of issue 53 (島根県's 《Do1》): a row of a table of years written on the page
/// itself, before any `[years]`, is told as that table's row and where its cells go, not
/// as an unknown field with a list of the page's fields.
#[test]
fn a_year_tables_row_written_outside_its_years_says_where_it_goes() {
    let site = site_copy("hachioji", "row-outside-years");
    edit_content(
        &site,
        "programs/tochi-torihiki.md",
        &[(
            "ruikei = \"その他\"\n",
            "ruikei = \"その他\"\ntodokede = { nendo = 53, zogen = 12 }\n",
        )],
    );
    let (en, ja) = check_en_ja(&site);
    assert!(!en.ok);
    let line = line_of(
        &site,
        "programs/tochi-torihiki.md",
        "todokede = { nendo = 53",
    );
    assert!(
        en.stderr
            .contains(&format!("programs/tochi-torihiki.md:{line}")),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr.contains("`todokede` is a row of table \"shihyo\": write its cells in the table of their year ([years.H29] …)"),
        "{}",
        en.stderr
    );
    assert!(
        ja.stderr.contains("「todokede」は表「shihyo」の行です。その年度の表（[years.H29] など）の中に書いてください"),
        "{}",
        ja.stderr
    );
    assert!(!en.stderr.contains("unknown field"), "{}", en.stderr);
}

/// Round 26 of issue 53 (鹿島市): a cell written with years as its keys (`target = { H31 =
/// "2,315" }`) is told that a year's cells go in that year's table, with the row's and the
/// phase's keys, not "no value" and "unknown field H31".
#[test]
fn a_cell_written_by_years_says_each_year_has_its_table() {
    let site = site_copy("hachioji", "cell-by-years");
    edit_content(
        &site,
        "programs/tochi-torihiki.md",
        &[(
            "todokede = { nendo = 53, zogen = 12 }",
            "todokede = { nendo = { H30 = 53 }, zogen = 12 }",
        )],
    );
    let (en, ja) = check_en_ja(&site);
    assert!(!en.ok);
    assert!(
        en.stderr.contains("\"H30\" is a year: a year's cells go in that year's table, [evaluations.H30] for a node of a plan or [years.H30] for a program, as todokede = { nendo = … }"),
        "{}",
        en.stderr
    );
    assert!(
        ja.stderr
            .contains("「H30」は年度です。年度ごとのセルは、その年度の表に書きます"),
        "{}",
        ja.stderr
    );
    assert!(!en.stderr.contains("unknown field"), "{}", en.stderr);
}

/// The slips the TOML parser names by what it expected (`missing comma between array
/// elements` for a `]` left out, at the next line; `duplicate key`) are said in plain words
/// at the line to mend, with the line to type where kensho can tell it.
#[test]
fn a_bracket_left_open_or_a_key_written_twice_is_said_plainly() {
    let root = temp_dir("msg-brackets");
    copy_dir(&repo().join("tests/sites/minimal"), &root);
    let policy = root.join(POLICY);
    let original = read(&policy);
    let cases = [
        (
            "actual = { R01 = 30, R02 = 20 }",
            "actual = { R01 = 30, R02 = 20",
            "{ } を閉じる } がありません。最後の値の後ろに } を書いてください。次のように書きます：actual = { R01 = 30, R02 = 20 }",
            0,
        ),
        (
            "actual = { R01 = 30, R02 = 20 }",
            "actual = { R01 = 30 R02 = 20 }",
            "{ } の中の値と値の間にカンマ , がありません。前の値の後ろに , を書いてください。次のように書きます：actual = { R01 = 30, R02 = 20 }",
            0,
        ),
        (
            "actual = { R01 = 30, R02 = 20 }",
            "actual = { R01 = 30, R02 = 20 }\nactual = { R01 = 31 }",
            "「actual」が同じ表の中に二度書かれています。",
            1,
        ),
    ];
    // The line said: the one written (the key written twice: its second line).
    for (from, to, said, below) in cases {
        assert!(original.contains(from), "the minimal site has {from}");
        std::fs::write(&policy, original.replacen(from, to, 1)).unwrap();
        let run = kensho(&root, &["check"]);
        assert!(!run.ok, "{to}");
        assert!(run.stderr.contains(said), "{to}:\n{}", run.stderr);
        assert!(!run.stderr.contains("expected `,`"), "{}", run.stderr);
        let line = original[..original.find(from).unwrap()].lines().count() + 1 + below;
        let at = format!("{POLICY}:{line}:");
        assert!(
            run.stderr.contains(&at),
            "{to}: not at {at}\n{}",
            run.stderr
        );
    }
}

/// Run inside the site's content folder (where its files are), kensho names the site's
/// folder to change to.
#[test]
fn run_inside_the_content_folder_names_the_site() {
    let root = temp_dir("msg-inside");
    copy_dir(&repo().join("tests/sites/minimal"), &root);
    let run = kensho_in(&root.join("content/plan"), &["check"]);
    assert!(!run.ok);
    let site = root.canonicalize().unwrap();
    assert!(
        run.stderr.contains(&format!(
            "（今のフォルダはサイト {} の中にあります）",
            site.display()
        )) && run.stderr.contains(&format!(
            "(this folder is inside the site {})",
            site.display()
        )),
        "{}",
        run.stderr
    );
}
