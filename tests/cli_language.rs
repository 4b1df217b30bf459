//! The command line speaks the site's language (`--lang`, else site.toml's `messages`,
//! else both): `--help`, clap's own errors, and what `build` and `check` print.
//! ja shows no English sentence, en no Japanese (outside paths and quoted source).

use crate::common;

use common::{kensho, kensho_in as run_in, repo, temp_dir};
use kensho::model::labels::is_japanese;

/// A site folder holding only the Kitakami site.toml with `messages` and, if given,
/// `year_style` replaced.
fn site(name: &str, messages: &str, year_style: Option<&str>) -> std::path::PathBuf {
    let root = temp_dir(name);
    let toml = std::fs::read_to_string(repo().join("content/site.toml")).unwrap();
    let toml: String = toml
        .lines()
        .map(|l| match l.split(' ').next() {
            Some("messages") => format!("messages = \"{messages}\""),
            Some("year_style") if year_style.is_some() => {
                format!("year_style = \"{}\"", year_style.unwrap_or_default())
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(root.join("content/site.toml"), toml).unwrap();
    root
}

/// Lines of English prose: three ASCII words in a row (`the site folder`), outside
/// quoted source (miette's `│` lines) and the "English help" pointer.
fn english_sentences(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.contains('│') && !l.contains("English help: --lang en"))
        .filter(|l| {
            let mut run = 0;
            l.split_whitespace().any(|w| {
                let w = w.trim_end_matches([',', '.', ';', ':', ')']);
                run = if !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic()) {
                    run + 1
                } else {
                    0
                };
                run >= 3
            })
        })
        .map(String::from)
        .collect()
}

/// Lines with Japanese outside quoted source and quoted content (【要記入】, 「…」, "…").
fn japanese_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.contains('│') && unquoted(l).chars().any(is_japanese))
        .map(String::from)
        .collect()
}

/// `line` without what it quotes.
fn unquoted(line: &str) -> String {
    let mut out = String::new();
    let mut closing = None;
    for c in line.chars() {
        match (closing, c) {
            (Some(end), c) if c == end => closing = None,
            (Some(_), _) => {}
            (None, '【') => closing = Some('】'),
            (None, '「') => closing = Some('」'),
            (None, '"') => closing = Some('"'),
            (None, c) => out.push(c),
        }
    }
    out
}

fn assert_japanese_help(help: &str) {
    for heading in ["使い方:", "オプション:", "ヘルプを表示"] {
        assert!(help.contains(heading), "no {heading}:\n{help}");
    }
    for english in ["Usage:", "Options:", "Commands:", "Print help", "[default:"] {
        assert!(!help.contains(english), "{english}:\n{help}");
    }
    assert_eq!(english_sentences(help), Vec::<String>::new(), "{help}");
}

fn assert_english_help(help: &str) {
    for heading in ["Usage:", "Options:", "Print help"] {
        assert!(help.contains(heading), "no {heading}:\n{help}");
    }
    for ja in ["使い方", "オプション", "ヘルプを表示", "英語のヘルプ"] {
        assert!(!help.contains(ja), "{ja}:\n{help}");
    }
}

#[test]
fn help_without_a_site_is_japanese_with_a_pointer_to_the_english() {
    let empty = temp_dir("cli-language-empty");
    let help = run_in(&empty, &["--help"]);
    assert!(help.ok, "{}", help.stderr);
    assert_japanese_help(&help.stdout);
    assert!(help.stdout.contains("コマンド:"), "{}", help.stdout);
    assert!(help.stdout.contains("サイトを出力フォルダに書き出す"));
    assert!(help.stdout.contains("バージョンを表示"));
    assert_eq!(
        help.stdout.trim_end().lines().last(),
        Some("英語のヘルプ: --lang en / English help: --lang en"),
        "{}",
        help.stdout
    );
    let build = run_in(&empty, &["build", "--help"]);
    assert_japanese_help(&build.stdout);
    assert!(build.stdout.contains("書き出し先（既定: <root>/output）"));
    let new = run_in(&empty, &["new", "--help"]);
    assert!(new.stdout.contains("引数:"), "{}", new.stdout);
}

#[test]
fn help_follows_the_lang_flag() {
    let empty = temp_dir("cli-language-flag");
    let ja = run_in(&empty, &["--lang", "ja", "--help"]);
    assert_japanese_help(&ja.stdout);
    assert!(!ja.stdout.contains("English help"), "{}", ja.stdout);
    let serve = run_in(&empty, &["serve", "--lang=ja", "--help"]);
    assert_japanese_help(&serve.stdout);
    assert!(serve.stdout.contains("（既定: 1111）"), "{}", serve.stdout);
    let en = run_in(&empty, &["--lang", "en", "--help"]);
    assert_english_help(&en.stdout);
    assert!(en.stdout.contains("Build the site into the output folder"));
    let en = run_in(&empty, &["--lang", "en", "build", "--help"]);
    assert_english_help(&en.stdout);
}

#[test]
fn help_follows_the_sites_messages_and_the_flag_wins() {
    let ja = site("cli-language-ja", "ja", None);
    assert_japanese_help(&kensho(&ja, &["--help"]).stdout);
    assert_japanese_help(&run_in(&ja, &["check", "--help"]).stdout);
    assert_english_help(&kensho(&ja, &["--lang", "en", "--help"]).stdout);
    let en = site("cli-language-en", "en", None);
    assert_english_help(&kensho(&en, &["--help"]).stdout);
    assert_english_help(&run_in(&en, &["build", "--help"]).stdout);
    let root = format!("--root={}", en.display());
    assert_english_help(&run_in(&repo(), &[&root, "--help"]).stdout);
    assert_japanese_help(&kensho(&en, &["--lang", "ja", "--help"]).stdout);
}

#[test]
fn clap_errors_follow_the_language() {
    let empty = temp_dir("cli-language-errors");
    let ja = run_in(&empty, &["--lang", "ja", "biuld"]);
    assert_eq!(ja.code, Some(2));
    assert!(
        ja.stderr.contains("「biuld」というコマンドはありません")
            && ja.stderr.contains("「build」のことですか"),
        "{}",
        ja.stderr
    );
    assert_eq!(english_sentences(&ja.stderr), Vec::<String>::new());
    let ja = run_in(&empty, &["--lang", "ja", "build", "--outptu", "x"]);
    assert!(ja.stderr.contains("「--outptu」という引数はありません"));
    let ja = run_in(&empty, &["--lang", "ja", "new"]);
    assert!(
        ja.stderr.contains("必要な引数がありません"),
        "{}",
        ja.stderr
    );
    let ja = run_in(&empty, &["--lang", "ja", "check", "--format", "xml"]);
    assert!(
        ja.stderr
            .contains("「xml」は使えません（選べる値: text、json）"),
        "{}",
        ja.stderr
    );
    let both = run_in(&empty, &["--lang", "fr", "check"]);
    assert!(
        both.stderr.contains("選べる値: both、ja、en"),
        "{}",
        both.stderr
    );
    assert!(
        both.stderr.contains("invalid value 'fr'"),
        "{}",
        both.stderr
    );
    let en = run_in(&empty, &["--lang", "en", "biuld"]);
    assert!(
        en.stderr.contains("unrecognized subcommand"),
        "{}",
        en.stderr
    );
    assert_eq!(japanese_lines(&en.stderr), Vec::<String>::new());
    let both = run_in(&empty, &["biuld"]);
    assert!(both.stderr.contains("というコマンドはありません"));
    assert!(both.stderr.contains("unrecognized subcommand"));
}

#[test]
fn building_the_example_speaks_one_language() {
    let out = temp_dir("cli-language-build-ja");
    let ja = kensho(
        &repo(),
        &["--lang", "ja", "build", "-o", out.to_str().unwrap()],
    );
    assert!(ja.ok, "{}", ja.stderr);
    assert!(ja.stderr.contains("個のファイルを"), "{}", ja.stderr);
    assert_eq!(english_sentences(&ja.stderr), Vec::<String>::new());
    let en = kensho(
        &repo(),
        &["--lang", "en", "build", "-o", out.to_str().unwrap()],
    );
    assert!(en.ok, "{}", en.stderr);
    assert!(en.stderr.contains("wrote "), "{}", en.stderr);
    assert_eq!(japanese_lines(&en.stderr), Vec::<String>::new());
    let check = kensho(&repo(), &["--lang", "ja", "check"]);
    let last = check.stderr.trim().lines().last().unwrap_or_default();
    assert!(last.starts_with("エラー 0 件、警告 "), "{}", check.stderr);
    assert_eq!(english_sentences(&check.stderr), Vec::<String>::new());
    let check = kensho(&repo(), &["--lang", "en", "check"]);
    let last = check.stderr.trim().lines().last().unwrap_or_default();
    assert!(last.starts_with("0 error(s), "), "{}", check.stderr);
    assert_eq!(japanese_lines(&check.stderr), Vec::<String>::new());
}

#[test]
fn diagnostics_and_summaries_follow_the_sites_messages() {
    let ja = site("cli-language-broken-ja", "ja", Some("xx"));
    let run = kensho(&ja, &["build"]);
    assert_eq!(run.code, Some(1));
    assert!(
        run.stderr
            .starts_with("エラー: content/site.toml:9:14 [year_style]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("ビルドを中止しました"));
    assert_eq!(english_sentences(&run.stderr), Vec::<String>::new());
    let run = kensho(&ja, &["--lang", "en", "check"]);
    assert!(
        run.stderr
            .starts_with("error: content/site.toml:9:14 [year_style]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 error(s), 0 warning(s)"));
    assert_eq!(japanese_lines(&run.stderr), Vec::<String>::new());
}
