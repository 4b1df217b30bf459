//! `kensho year YEAR`: the site moves to a new report year in one step. site.toml's
//! `report_year` is rewritten in the spelling it had (R06 → R07, 令和6年度 → 令和7年度,
//! 2024 → 2025), every other byte of the file kept; the site is checked with the new year
//! first, and a year that would give the site an error it does not have now writes nothing.

use std::collections::BTreeSet;
use std::path::Path;

use toml_edit::DocumentMut;

use super::pipeline::{self, Publish};
use crate::diag::{Diagnostics, Lang, Message, Severity};
use crate::load::CONTENT_DIR;
use crate::model::year::{FiscalYear, YearStyle};

/// The suffix of the temporary file site.toml is written through (`.site.toml.kensho-year`).
const SUFFIX: &str = "kensho-year";

/// Move `root`'s site to report year `year`. Returns the exit code.
pub fn year(root: &Path, lang: Option<Lang>, year: &str) -> i32 {
    let lang = super::lang::resolve(lang, root);
    match moved(root, year, lang) {
        Ok(told) => {
            println!("{}", told.in_lang(lang));
            0
        }
        Err(m) => {
            eprintln!("{}", m.in_lang(lang));
            1
        }
    }
}

/// What was changed, or why nothing was.
fn moved(root: &Path, year: &str, lang: Lang) -> Result<Message, Message> {
    let new = FiscalYear::parse(year.trim()).map_err(|_| not_a_year(year))?;
    let path = root.join(CONTENT_DIR).join("site.toml");
    if !root.join(CONTENT_DIR).is_dir() {
        return Err(crate::load::no_content(root));
    }
    if !path.is_file() {
        return Err(Message::new(
            "content/site.toml がありません。サイトの設定（report_year など）はそこに書きます",
            "there is no content/site.toml: the site's settings (report_year …) go there",
        ));
    }
    let text = std::fs::read_to_string(&path).map_err(|e| unreadable(&e))?;
    let mut doc: DocumentMut = text.parse().map_err(|_| site_in_error())?;
    let Some(old_value) = doc.get("report_year").and_then(|i| i.as_value()).cloned() else {
        return Err(site_in_error());
    };
    let old_text = old_value.as_str().ok_or_else(site_in_error)?.to_string();
    let old = FiscalYear::parse(&old_text).map_err(|_| site_in_error())?;
    if old == new {
        return Ok(Message::new(
            format!("report_year はもう \"{old_text}\" です。何も変えていません"),
            format!("report_year is \"{old_text}\" already; nothing changed"),
        ));
    }
    let written = spelled(&old_text, new);
    let added = new_problems(root, new);
    if added.has_errors() {
        eprintln!("{}", added.render(lang));
        // Going back makes the later years' results written in plan years: the errors
        // above say so one by one, and staff must not delete results to quiet them.
        let (back_ja, back_en) = match (new < old, old.next()) {
            (true, Some(next)) => {
                let next = spelled(&old_text, next);
                (
                    format!(
                        "\"{written}\" は今の report_year \"{old_text}\" より前の年度です（その後の年度の実績が、計画の年度に書かれたことになります）。次の年度へ進めるなら kensho year {next} です。"
                    ),
                    format!(
                        "\"{written}\" is before the current report_year \"{old_text}\" (the later years' results would stand in plan years); to move to the next year, run kensho year {next}. "
                    ),
                )
            }
            _ => (String::new(), String::new()),
        };
        return Err(Message::new(
            format!(
                "{back_ja}report_year を \"{written}\" にすると、上のエラーが出ます。site.toml は変えていません。直してから、もう一度実行してください"
            ),
            format!(
                "{back_en}with report_year = \"{written}\" the site would have the errors above; site.toml is unchanged. Fix them, then run this again"
            ),
        ));
    }
    let mut value = toml_edit::Value::from(written.as_str());
    *value.decor_mut() = old_value.decor().clone();
    doc["report_year"] = toml_edit::Item::Value(value);
    super::sheet::replace_file(&path, doc.to_string().as_bytes(), SUFFIX)
        .map_err(|e| unwritable(&e))?;
    if !added.items.is_empty() {
        eprintln!("{}", added.render(lang));
    }
    let (title_ja, title_en) = match names_year(doc.get("title").and_then(|t| t.as_str()), old) {
        Some(title) => (
            format!("題名（title）「{title}」は前の年度を書いています。必要なら直してください。"),
            format!("The title \"{title}\" names the year before: change it if it should. "),
        ),
        None => (String::new(), String::new()),
    };
    Ok(Message::new(
        format!(
            "content/site.toml: report_year \"{old_text}\" → \"{written}\"（ほかは変えていません。コメントもそのままです）。{title_ja}{written} は実績の年度、その後は計画の年度です。次に、各ページの {written} の実績と評価を書き（kensho export で記入用のブックを作れます）、kensho check で確かめてください（説明書「新しい年度へ」）"
        ),
        format!(
            "content/site.toml: report_year \"{old_text}\" → \"{written}\" (nothing else changed, comments included). {title_en}{written} is now a result year, the years after it plan years. Next, write each page's results and evaluation of {written} (kensho export writes a workbook for them), then run kensho check (docs: \"New year\")"
        ),
    ))
}

/// The site's `title` where it names `year` (北斗市's 「令和５年度事業実績」: its digits
/// compared after NFKC, as typed full-width or not), in any of the year's spellings.
fn names_year(title: Option<&str>, year: FiscalYear) -> Option<&str> {
    use unicode_normalization::UnicodeNormalization;
    let title = title?;
    let plain: String = title.nfkc().collect();
    let spellings = [
        year.display(YearStyle::Era),
        year.short(),
        year.western().to_string(),
    ];
    spellings
        .iter()
        .any(|s| plain.contains(s.as_str()))
        .then_some(title)
}

/// The problems the site would have with report year `new` that it does not have now:
/// the whole site checked (in memory, nothing written) with each year.
fn new_problems(root: &Path, new: FiscalYear) -> Diagnostics {
    let check = |report_year: Option<FiscalYear>| {
        let publish = Publish {
            report_year,
            ..Publish::default()
        };
        pipeline::run_publishing(
            root,
            &publish,
            None,
            crate::files::Sink::Each(&crate::files::Discard),
            crate::html::Memory::Free,
        )
        .diagnostics
    };
    // By where and what: a problem's words may name the report year, which moved.
    let key = |d: &crate::diag::Diagnostic| {
        let at = d
            .location()
            .map(|(f, l, c)| (f.display().to_string(), l, c));
        (at, d.field.clone(), d.severity == Severity::Error)
    };
    let before: BTreeSet<_> = check(None).items.iter().map(key).collect();
    let mut added = check(Some(new));
    added.items.retain(|d| !before.contains(&key(d)));
    added.items.sort_by_key(|d| d.severity != Severity::Error);
    added
}

/// `year` as site.toml writes its year ([`spelled_like`]); a spelling that would not read
/// back as the year (「2019(令和元年度)」, 「FY2024」) as kensho writes years: R07.
fn spelled(old: &str, year: FiscalYear) -> String {
    Some(spelled_like(old, year))
        .filter(|w| FiscalYear::parse(w).ok() == Some(year))
        .unwrap_or_else(|| year.short_padded())
}

/// `year` written as `old` writes its year: an era letter and a number padded as it is
/// (R06 → R07, H30 → H31), the western year (2024, 2024年度), else the era's name
/// (令和6年度 → 令和7年度).
fn spelled_like(old: &str, year: FiscalYear) -> String {
    let digits = old.chars().filter(char::is_ascii_digit).count();
    let short = old.starts_with(|c: char| c.is_ascii_alphabetic()) && old.len() == digits + 1;
    if short && (1..=2).contains(&digits) {
        let (era, n) = year.era();
        return format!("{}{n:0digits$}", era.letter());
    }
    if old.starts_with(|c: char| c.is_ascii_digit()) && digits == 4 {
        let rest = old.trim_start_matches(|c: char| c.is_ascii_digit());
        return format!("{}{rest}", year.western());
    }
    year.display(YearStyle::Era)
}

fn not_a_year(s: &str) -> Message {
    Message::new(
        format!("「{s}」は年度として読めません。R07、令和7年度、2025 のように書いてください"),
        format!("\"{s}\" is not a fiscal year; write it as R07, 令和7年度 or 2025"),
    )
}

fn site_in_error() -> Message {
    Message::new(
        "content/site.toml の report_year が読めません。kensho check で site.toml のエラーを直してから、もう一度実行してください",
        "cannot read report_year in content/site.toml; fix site.toml's errors (kensho check), then run this again",
    )
}

fn unreadable(e: &std::io::Error) -> Message {
    Message::new(
        format!("content/site.toml を読めません: {e}"),
        format!("cannot read content/site.toml: {e}"),
    )
}

fn unwritable(e: &std::io::Error) -> Message {
    Message::new(
        format!("content/site.toml に書けません（何も変えていません）: {e}"),
        format!("cannot write content/site.toml (nothing changed): {e}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_is_written_as_the_site_writes_it() {
        let y = |s: &str| FiscalYear::parse(s).unwrap();
        assert_eq!(spelled_like("R06", y("R07")), "R07");
        assert_eq!(spelled_like("R6", y("R07")), "R7");
        assert_eq!(spelled_like("H30", y("2019")), "R01");
        assert_eq!(spelled_like("2024", y("R07")), "2025");
        assert_eq!(spelled_like("2024年度", y("R07")), "2025年度");
        assert_eq!(spelled_like("令和6年度", y("2025")), "令和7年度");
        assert_eq!(spelled_like("平成30年度", y("2019")), "令和元年度");
        // Spellings that would not read back are written as kensho writes years.
        assert_eq!(spelled("2019(令和元年度)", y("2020")), "R02");
        assert_eq!(spelled("FY2024", y("2025")), "令和7年度");
        assert_eq!(spelled("R06", y("2025")), "R07");
    }
}
