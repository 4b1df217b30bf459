//! The theme a site changes and the settings its templates read (issue 55: what a Zola or
//! Hugo user looks for). `kensho theme` writes the built-in theme's files into the site's
//! theme folder, every one or those named, byte for byte, never over a file already there;
//! `[extra]` is data for the templates alone; `extra_css` links the city's own sheets.

use crate::common;

use common::*;

#[test]
fn the_builtin_theme_is_written_out_to_change_and_never_over_a_file() {
    let root = temp_dir("theme-out");
    copy_dir(&repo().join("content"), &root.join("content"));
    let run = kensho(&root, &["theme", "program.html"]);
    assert!(run.ok, "{}", run.stderr);
    let template = root.join("themes/default/templates/program.html");
    let builtin = kensho::html::theme::TEMPLATES
        .iter()
        .find(|(n, _)| *n == "program.html")
        .unwrap()
        .1;
    assert_eq!(read(&template), builtin);
    // Only the file named.
    assert!(!root.join("themes/default/templates/node.html").exists());
    assert!(!root.join("themes/default/static").exists());
    // Changed, it draws the program pages; written again, it is left as it is.
    std::fs::write(
        &template,
        builtin.replacen("</h1>", "</h1><p>市の版</p>", 1),
    )
    .unwrap();
    let run = kensho(&root, &["theme"]);
    assert!(run.ok, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("already there, left as it is: themes/default/templates/program.html"),
        "{}",
        run.stdout
    );
    assert!(read(&template).contains("市の版"));
    // Every other file written out, the CSS byte for byte.
    let css = std::fs::read(root.join("themes/default/static/style.css")).unwrap();
    assert_eq!(css, kensho::html::theme::STATIC[0].1);
    let out = build_temp(&root, "theme-out-site");
    let program = std::fs::read_dir(out.join("programs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.join("index.html").is_file())
        .unwrap();
    assert!(read(&program.join("index.html")).contains("<p>市の版</p>"));
    // A name the theme has no file of: said, with the names it has; nothing written.
    let run = kensho(&root, &["theme", "prgram.html"]);
    assert!(
        !run.ok && run.stderr.contains("program.html"),
        "{}",
        run.stderr
    );
}

/// `[extra]` in site.toml (issue 55: a Zola or Hugo user looks for free data for the
/// templates, Zola's `config.extra`, Hugo's `site.Params`): a template names it as
/// `site.extra.…`, escaped like every value; kensho shows none of it itself; one that is
/// no table is an error at it.
#[test]
fn a_sites_extra_data_is_there_for_its_templates_alone() {
    let root = site_copy("aichi", "extra");
    let settings = root.join("content/site.toml");
    let with_extra = format!(
        "{}\n[extra]\nbanner = \"<b>議会提出版</b>\"\ncouncil = {{ name = \"県議会\", year = 2010 }}\n",
        read(&settings)
    );
    std::fs::write(&settings, &with_extra).unwrap();
    let plain = build_temp(&root, "extra-plain");
    let page = page_in(&plain, "programs/b1302/");
    assert!(
        !page.contains("議会提出版") && !page.contains("県議会"),
        "{page}"
    );
    let run = kensho(&root, &["theme", "program.html"]);
    assert!(run.ok, "{}", run.stderr);
    let template = root.join("themes/default/templates/program.html");
    let text = read(&template).replacen(
        "</h1>",
        "</h1><p class=\"banner\">{{ site.extra.banner }} {{ site.extra.council.name }} {{ site.extra.council.year }}</p>",
        1,
    );
    std::fs::write(&template, text).unwrap();
    let out = build_temp(&root, "extra-shown");
    let page = page_in(&out, "programs/b1302/");
    assert!(
        page.contains("<p class=\"banner\">&lt;b&gt;議会提出版&lt;/b&gt; 県議会 2010</p>"),
        "{page}"
    );
    // Not a table: an error at it, in both languages.
    let not_a_table = format!(
        "extra = 5\n{}",
        with_extra.replace("\n[extra]\n", "\n[unused]\n")
    );
    std::fs::write(&settings, not_a_table).unwrap();
    let run = kensho(&root, &["check"]);
    assert!(!run.ok, "{}", run.stderr);
    assert!(
        run.stderr.contains("[extra] の表") && run.stderr.contains("an [extra] table"),
        "{}",
        run.stderr
    );
}

/// `extra_css` (issue 55: a hook for a city's own CSS, which Zola and Hugo themes give):
/// the theme's own style sheets, linked on every page after the built-in ones and published
/// under assets/; one that is not in the theme's static folder is an error naming where it
/// goes, and a path that is no plain one is refused at its line.
#[test]
fn a_sites_own_style_sheet_is_linked_after_the_builtin_ones() {
    let root = site_copy("aichi", "extra-css");
    let settings = root.join("content/site.toml");
    let text = format!("extra_css = [\"city.css\"]\n{}", read(&settings));
    std::fs::write(&settings, &text).unwrap();
    let run = kensho(&root, &["check"]);
    assert!(!run.ok);
    assert!(
        run.stderr
            .contains("themes/default/static/city.css に置くか")
            && run.stderr.contains("content/site.toml:1"),
        "{}",
        run.stderr
    );
    let css = root.join("themes/default/static/city.css");
    std::fs::create_dir_all(css.parent().unwrap()).unwrap();
    std::fs::write(&css, "h1 { color: #063; }\n").unwrap();
    let out = build_temp(&root, "extra-css-out");
    let page = page_in(&out, "programs/b1302/");
    let print = page
        .find("assets/print.css\">")
        .expect("the built-in sheets");
    let city = page
        .find("<link rel=\"stylesheet\" href=\"../../assets/city.css\">")
        .expect("the city's sheet");
    assert!(print < city, "after the built-in ones");
    assert_eq!(read(&out.join("assets/city.css")), "h1 { color: #063; }\n");
    std::fs::write(&settings, text.replacen("city.css", "../city.css", 1)).unwrap();
    let run = kensho(&root, &["check"]);
    assert!(
        !run.ok
            && run.stderr.contains("site.toml:1")
            && run.stderr.contains("extra_css names style sheets"),
        "{}",
        run.stderr
    );
}
