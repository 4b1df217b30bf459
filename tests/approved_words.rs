//! Issue 53: each example site's `kensho check --words` (kensho's own words the built site
//! shows, with how many files show each) equals its approved list in `tests/words/`, so a
//! change to the words a city sees is a reviewed change. After a change meant to alter
//! them, write the list again with `cargo run -- --root <site> check --words >
//! tests/words/<site>.txt` and review its diff.

use crate::common;

use std::path::Path;

use common::*;

fn approved(site: &Path, list: &str) {
    let run = kensho(site, &["check", "--words"]);
    assert!(run.ok, "{}", run.stderr);
    let path = repo().join("tests/words").join(list);
    let want = read(&path);
    if run.stdout != want {
        let got: Vec<&str> = run.stdout.lines().collect();
        let wanted: Vec<&str> = want.lines().collect();
        let added: Vec<&&str> = got.iter().filter(|l| !wanted.contains(l)).collect();
        let gone: Vec<&&str> = wanted.iter().filter(|l| !got.contains(l)).collect();
        panic!(
            "{} differs from check --words:\nnow shown: {added:#?}\nno longer: {gone:#?}",
            path.display()
        );
    }
}

#[test]
fn kitakami_words_are_approved() {
    approved(&repo(), "kitakami.txt");
}

#[test]
fn hokuto_words_are_approved() {
    approved(&sites::example_dir("hokuto"), "hokuto.txt");
}

#[test]
fn ueda_words_are_approved() {
    approved(&sites::example_dir("ueda"), "ueda.txt");
}

#[test]
fn kaizuka_jimujigyo_words_are_approved() {
    approved(
        &sites::example_dir("kaizuka-jimujigyo"),
        "kaizuka-jimujigyo.txt",
    );
}

#[test]
fn kaizuka_jimujigyo_h25_words_are_approved() {
    approved(
        &sites::example_dir("kaizuka-jimujigyo/h25"),
        "kaizuka-jimujigyo-h25.txt",
    );
}

#[test]
fn sayama_jimujigyo_words_are_approved() {
    approved(
        &sites::example_dir("sayama-jimujigyo"),
        "sayama-jimujigyo.txt",
    );
}

#[test]
fn oamishirasato_jimujigyo_words_are_approved() {
    approved(
        &sites::example_dir("oamishirasato-jimujigyo"),
        "oamishirasato-jimujigyo.txt",
    );
}

#[test]
fn fuji_tassei_words_are_approved() {
    approved(&sites::example_dir("fuji-tassei"), "fuji-tassei.txt");
}

#[test]
fn nagayo_progress_words_are_approved() {
    approved(
        &sites::example_dir("nagayo-progress"),
        "nagayo-progress.txt",
    );
}

#[test]
fn kaizuka_shisaku_words_are_approved() {
    approved(
        &sites::example_dir("kaizuka-shisaku"),
        "kaizuka-shisaku.txt",
    );
}

#[test]
fn hamura_shisaku_words_are_approved() {
    approved(&sites::example_dir("hamura-shisaku"), "hamura-shisaku.txt");
}

#[test]
fn koriyama_jimujigyo_words_are_approved() {
    approved(
        &sites::example_dir("koriyama-jimujigyo"),
        "koriyama-jimujigyo.txt",
    );
}
