//! Property test: whatever a front matter holds, the pipeline reports problems and
//! never panics; and inputs that once panicked or were misplaced are reported, located.

use crate::common;

use proptest::prelude::*;

use common::*;

/// Strings that look like front matter: keys the model knows, values of every shape.
fn front_matter() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        Just("title"),
        Just("code"),
        Just("intent"),
        Just("weight"),
        Just("related"),
        Just("programs"),
        Just("kpis"),
        Just("groups"),
        Just("evaluations"),
        Just("actual"),
        Just("H31"),
        Just("R01"),
        Just("\"令和元年度\""),
        Just("name"),
        Just("unit"),
        Just("value"),
        Just("baseline"),
        Just("target"),
        Just("grades"),
        Just("draft"),
        Just("[[kpis]]"),
        Just("[evaluations.R01]"),
        Just("[kpis.actual]"),
    ];
    let value = prop_oneof![
        Just("\"施策1\"".to_string()),
        Just("1".to_string()),
        Just("-3.5".to_string()),
        Just("true".to_string()),
        Just("[\"@/plan/goal-1/policy-2.md\", 3]".to_string()),
        Just("{ R01 = \"▲1,2\", H31 = { note = 1 } }".to_string()),
        Just("{ year = \"H99\", value = \"865 (H22～26)\" }".to_string()),
        Just("\"—\"".to_string()),
        Just("1979-05-27".to_string()),
        "\"[^\"\\\\\n]{0,12}\"".prop_map(|s| s),
    ];
    prop::collection::vec((key, value), 0..12).prop_map(common::toml_lines)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn any_front_matter_is_reported_not_panicked(front in front_matter(), body in "\\PC{0,30}") {
        let site = temp_dir("prop");
        copy_dir(&repo().join("tests/sites/minimal"), &site);
        std::fs::write(site.join("content/plan/goal-1/policy-1.md"), format!("+++\n{front}+++\n{body}")).unwrap();
        let outcome = std::panic::catch_unwind(|| kensho::commands::pipeline::run(&site));
        prop_assert!(outcome.is_ok(), "panicked on:\n{}", front);
        let outcome = outcome.unwrap();
        // Either it renders, or every error says where it is.
        if outcome.files.is_none() {
            prop_assert!(outcome.diagnostics.has_errors());
        }
        std::fs::remove_dir_all(&site).unwrap();
    }

    #[test]
    fn arbitrary_bytes_in_a_content_file_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let site = temp_dir("prop-bytes");
        copy_dir(&repo().join("tests/sites/minimal"), &site);
        std::fs::write(site.join("content/programs/x.md"), &bytes).unwrap();
        let outcome = std::panic::catch_unwind(|| kensho::commands::pipeline::run(&site));
        prop_assert!(outcome.is_ok());
        std::fs::remove_dir_all(&site).unwrap();
    }
}

/// The minimal site with `departments` of hoiku.md replaced by `departments`.
fn site_with_departments(name: &str, departments: &str) -> std::path::PathBuf {
    let site = temp_dir(name);
    copy_dir(&repo().join("tests/sites/minimal"), &site);
    let path = site.join("content/programs/hoiku.md");
    let text = read(&path).replace(
        "departments = [\"こども課\"]",
        &format!("departments = {departments}"),
    );
    std::fs::write(&path, text).unwrap();
    site
}

/// The one error block of `kensho check`'s output: its header line and what follows.
fn error_block(stderr: &str) -> &str {
    let at = stderr.find("エラー error:").expect("an error block");
    let block = &stderr[at..];
    &block[..block.find("\n\n").unwrap_or(block.len())]
}

/// The `line:column` the message header gives, and the one over the quoted excerpt.
fn header_and_excerpt(block: &str) -> (&str, &str) {
    let header = block.lines().next().unwrap();
    let header = header.split(' ').find(|w| w.contains(".md:")).unwrap();
    let excerpt = between(block, "╭─[", "]");
    let excerpt = &excerpt["╭─[".len()..excerpt.len() - 1];
    (header, excerpt)
}

#[test]
fn an_error_past_column_65535_is_reported_with_its_column() {
    // miette panicked formatting a column past u16::MAX: exit 101, no message.
    let long = "A".repeat(65_540);
    let site = site_with_departments("col65540", &format!("[\"{long}\", 1]"));
    let run = kensho(&site, &["check"]);
    assert_eq!(
        run.code,
        Some(1),
        "{}",
        &run.stderr[..run.stderr.len().min(2000)]
    );
    let block = error_block(&run.stderr);
    // `departments = ["` is 16 characters, then the A's, `", ` (3): the 1 is at 65,560.
    let (header, excerpt) = header_and_excerpt(block);
    assert_eq!(header, "content/programs/hoiku.md:3:65560");
    assert_eq!(excerpt, header);
    let quoted = block.lines().find(|l| l.contains(" 3 │")).unwrap();
    assert!(
        quoted.contains("…AAA") && quoted.ends_with("\", 1]"),
        "{quoted}"
    );
    assert!(quoted.chars().count() < 120, "the line is cut: {quoted}");
    // `check --format json` (editors, CI, the preview's error page) quotes the same cut.
    let json = kensho(&site, &["check", "--format", "json"]);
    let source = json
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["source"].as_str().map(str::to_string))
        .find(|s| s.contains("AAA"))
        .expect("a diagnostic quoting its line");
    assert!(
        source.starts_with('…') && source.ends_with("\", 1]"),
        "{source}"
    );
    assert!(source.chars().count() < 120, "the JSON line is cut too");
    std::fs::remove_dir_all(&site).unwrap();
}

#[test]
fn a_long_line_is_cut_around_an_error_near_its_end() {
    let words: Vec<String> = (0..400).map(|i| format!("\"課{i}\"")).collect();
    let site = site_with_departments("longline", &format!("[{}, 7, \"末\"]", words.join(", ")));
    let line = read(&site.join("content/programs/hoiku.md"))
        .lines()
        .nth(2)
        .unwrap()
        .to_string();
    let col = line[..line.find(", 7,").unwrap() + 2].chars().count() + 1;
    let run = kensho(&site, &["check"]);
    let block = error_block(&run.stderr);
    let (header, excerpt) = header_and_excerpt(block);
    assert_eq!(header, format!("content/programs/hoiku.md:3:{col}"));
    assert_eq!(excerpt, header);
    let quoted = block.lines().find(|l| l.contains(" 3 │")).unwrap();
    assert!(
        quoted.contains("…") && quoted.contains("\"課399\", 7, \"末\"]"),
        "{quoted}"
    );
    // The underline stands under the 7.
    let under = block
        .lines()
        .skip_while(|l| !l.contains(" 3 │"))
        .nth(1)
        .unwrap();
    // Kanji take two columns; the box lines and … one.
    let width = |s: &str| {
        s.chars()
            .map(|c| if c < '\u{2E80}' { 1 } else { 2 })
            .sum::<usize>()
    };
    let seven = quoted.find(", 7,").unwrap() + 2;
    assert_eq!(
        width(&under[..under.find('─').unwrap()]),
        width(&quoted[..seven]),
        "\n{quoted}\n{under}"
    );
    std::fs::remove_dir_all(&site).unwrap();
}

#[test]
fn header_and_excerpt_count_columns_alike_on_a_japanese_line() {
    // The header counted characters (3:28), the excerpt's own header bytes (3:44).
    let site = site_with_departments("ja-col", "[\"こども課こども課\", 1]");
    let run = kensho(&site, &["check"]);
    let (header, excerpt) = header_and_excerpt(error_block(&run.stderr));
    assert_eq!(header, "content/programs/hoiku.md:3:28");
    assert_eq!(excerpt, header);
    std::fs::remove_dir_all(&site).unwrap();
}

#[test]
fn a_grade_key_written_twice_is_blamed_on_site_toml() {
    let site = temp_dir("dup-grade");
    copy_dir(&repo().join("tests/sites/minimal"), &site);
    let toml = site.join("content/site.toml");
    let text = read(&toml).replace("key = \"C\"", "key = \"B\"");
    std::fs::write(&toml, text).unwrap();
    let run = kensho(&site, &["check"]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.stderr.matches("エラー error:").count(),
        1,
        "{}",
        run.stderr
    );
    let block = error_block(&run.stderr);
    assert!(
        block.starts_with("エラー error: content/site.toml:27:7 [scales[1].grades[3].key]"),
        "{block}"
    );
    assert!(block.contains("grade key \"B\" appears twice in this scale (also on line 22)"));
    std::fs::remove_dir_all(&site).unwrap();
}

#[test]
fn theme_errors_name_the_file_and_line() {
    let site = temp_dir("theme-errors");
    copy_dir(&repo().join("tests/sites/minimal"), &site);
    let toml = site.join("content/site.toml");
    let text = read(&toml).replace("year_style", "theme = \"mine\"\nyear_style");
    std::fs::write(&toml, text).unwrap();
    let missing = kensho(&site, &["check"]);
    assert!(
        error_block(&missing.stderr).starts_with("エラー error: content/site.toml:5:9 [theme]"),
        "{}",
        missing.stderr
    );
    let templates = site.join("themes/mine/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("node.html"),
        "{% extends \"base.html\" %}\n{% block main %}\n<p>{{ page.title </p>\n{% endblock %}\n",
    )
    .unwrap();
    let broken = kensho(&site, &["check"]);
    let block = error_block(&broken.stderr);
    assert!(
        block.starts_with("エラー error: themes/mine/templates/node.html:3:18\n"),
        "{block}"
    );
    assert!(block.contains("3 │ <p>{{ page.title </p>"), "{block}");
    std::fs::remove_dir_all(&site).unwrap();
}
