//! The open data's licence (`[license]` in site.toml): a preset, CC BY 4.0 (the default)
//! or the Digital Agency's 公共データ利用規約（第1.0版） (PDL1.0), or a licence the city
//! names; and the credit line a user of the data gives (出典).

use serde::Serialize;

use super::labels::Labels;
use super::reader::{Located, Table};
use crate::diag::Message;

/// A licence kensho knows by name: its words and URL are labels (`licence.…`), so an
/// English site links the English deed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    CcBy40,
    Pdl10,
}

impl Preset {
    pub const NAMES: [&str; 2] = ["cc-by-4.0", "pdl-1.0"];

    pub fn parse(s: &str) -> Option<Preset> {
        match s.trim().to_ascii_lowercase().as_str() {
            "cc-by-4.0" => Some(Preset::CcBy40),
            "pdl-1.0" => Some(Preset::Pdl10),
            _ => None,
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Preset::CcBy40 => "cc-by-4.0",
            Preset::Pdl10 => "pdl-1.0",
        }
    }

    /// The start of its labels' names (`licence.cc_by_name`, `licence.cc_by_url` …).
    fn label(self) -> &'static str {
        match self {
            Preset::CcBy40 => "licence.cc_by",
            Preset::Pdl10 => "licence.pdl",
        }
    }
}

/// The licence as pages, all.json and the data dictionary state it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Licence {
    /// `cc-by-4.0` or `pdl-1.0`; `None` for a licence the city names.
    pub preset: Option<&'static str>,
    /// Its full name (クリエイティブ・コモンズ 表示 4.0 国際（CC BY 4.0）).
    pub name: String,
    /// The name beside a download link (CC BY 4.0); the full name for the city's own.
    pub short: String,
    pub url: String,
    /// The credit line users give (出典：北上市「…」).
    pub credit: String,
    /// The line a user gives who edited the data (…を加工して作成).
    pub edited: String,
}

/// `[license]` as written, before the labels and the city's name fill it in.
#[derive(Debug, Default)]
pub struct Setting {
    own: Option<(String, String)>,
    preset: Option<Preset>,
    credit: Option<String>,
}

/// The warning of a site.toml without `[license]`: every download link and the data page
/// then state CC BY 4.0, terms the city has not chosen in its own file.
pub fn warn_unset(ctx: &super::reader::Ctx<'_>) {
    ctx.warning(
        0..0,
        "license",
        Message::new(
            "site.toml に [license] がありません。このままでは、データの利用条件として「CC BY 4.0」がページとデータに表示されますが、市が選んだ条件ではありません。市のオープンデータの利用条件を確かめ、site.toml の最後に [license] の行と、preset = \"cc-by-4.0\"（または \"pdl-1.0\"、市独自の規約なら name と url）の行を書いてください（docs/content-format.ja.md（kensho docs で開けます）の「オープンデータのライセンス」）。",
            "site.toml has no [license]: the pages and the data will state CC BY 4.0 as the terms of use, which the city has not chosen. Check the city's terms for open data and add a [license] line at the end of site.toml with preset = \"cc-by-4.0\" (or \"pdl-1.0\"; for the city's own terms, name and url) (see docs/content-format.md, \"The open data's licence\", among the guides kensho docs opens).",
        ),
    );
}

/// Read `[license]` (absent: CC BY 4.0 with the default credit line). An unknown preset,
/// a preset beside a name, a name without a URL (or the reverse), a URL that is not
/// http(s) and a placeholder other than `{city}` and `{title}` are errors at the value.
pub fn read(t: Option<Table<'_>>) -> Setting {
    let Some(mut t) = t else {
        return Setting::default();
    };
    let preset = t.string("preset");
    let name = t.string("name");
    let url = t.string("url");
    let credit = t.string("credit");
    let setting = Setting {
        preset: preset.as_ref().and_then(|p| check_preset(&t, p)),
        own: check_own(&t, preset.is_some(), name, url),
        credit: credit.filter(|c| check_credit(&t, c)).map(|c| c.value),
    };
    t.finish();
    setting
}

fn check_preset(t: &Table<'_>, p: &Located<String>) -> Option<Preset> {
    let found = Preset::parse(&p.value);
    if found.is_none() {
        t.ctx.error(
            p.span.clone(),
            "license.preset",
            Message::new(
                format!(
                    "license の preset「{}」は知らないライセンスです。{} のどれかを書くか、preset を書かずに name と url でライセンスを示してください",
                    p.value,
                    Preset::NAMES.join(" / ")
                ),
                format!(
                    "unknown licence preset \"{}\" in [license]; expected one of {}, or leave out preset and give name and url",
                    p.value,
                    Preset::NAMES.join(", ")
                ),
            ),
        );
    }
    found
}

/// The city's own licence: name and url together, and no preset beside them.
fn check_own(
    t: &Table<'_>,
    preset: bool,
    name: Option<Located<String>>,
    url: Option<Located<String>>,
) -> Option<(String, String)> {
    let error = |span, field: &str, ja: String, en: String| {
        t.ctx.error(span, field, Message::new(ja, en));
    };
    match (name, url) {
        (None, None) => None,
        (Some(n), Some(_)) | (Some(n), None) if preset => {
            error(
                n.span,
                "license.name",
                "license に preset と name の両方があります。どちらか一方を書いてください".into(),
                "[license] has both preset and name; give one of them".into(),
            );
            None
        }
        (None, Some(u)) if preset => {
            error(
                u.span,
                "license.url",
                "license に preset と url の両方があります。どちらか一方を書いてください".into(),
                "[license] has both preset and url; give one of them".into(),
            );
            None
        }
        (Some(n), None) => {
            error(
                n.span,
                "license.url",
                format!(
                    "license の name「{}」のライセンスの url がありません。url = \"https://…\" を書いてください",
                    n.value
                ),
                format!(
                    "[license] names \"{}\" but has no url: add url = \"https://…\"",
                    n.value
                ),
            );
            None
        }
        (None, Some(u)) => {
            error(
                u.span,
                "license.name",
                "license に url はありますが name がありません。ライセンスの名前を name に書いてください".into(),
                "[license] has a url but no name: add the licence's name as name".into(),
            );
            None
        }
        (Some(n), Some(u)) => {
            let web = u.value.starts_with("https://") || u.value.starts_with("http://");
            if n.value.trim().is_empty() || !web {
                let (span, field) = if web {
                    (n.span, "license.name")
                } else {
                    (u.span, "license.url")
                };
                error(
                    span,
                    field,
                    format!(
                        "license の name は空でない名前、url は https:// で始まる URL で書いてください（「{}」「{}」）",
                        n.value, u.value
                    ),
                    format!(
                        "[license] needs a non-empty name and a url starting with https://; found \"{}\" and \"{}\"",
                        n.value, u.value
                    ),
                );
                return None;
            }
            Some((n.value, u.value))
        }
    }
}

/// A credit line may hold `{city}` and `{title}` and no other braces.
fn check_credit(t: &Table<'_>, c: &Located<String>) -> bool {
    let rest = c.value.replace("{city}", "").replace("{title}", "");
    let ok = !rest.contains(['{', '}']) && !c.value.trim().is_empty();
    if !ok {
        t.ctx.error(
            c.span.clone(),
            "license.credit",
            Message::new(
                format!(
                    "license の credit「{}」は空でない文で、{{city}} {{title}} 以外の {{ }} は書けません",
                    c.value
                ),
                format!(
                    "license credit \"{}\" must be some text with no braces other than {{city}} and {{title}}",
                    c.value
                ),
            ),
        );
    }
    ok
}

impl Setting {
    /// The licence with its words: a preset's from `labels` (already filled with the
    /// city and title), the city's credit line filled with `city` and `title`.
    pub fn resolve(self, labels: &Labels, city: &str, title: &str) -> Licence {
        let word = |p: Preset, what: &str| labels.get(&format!("{}_{what}", p.label())).to_string();
        let (preset, name, short, url) = match (self.own, self.preset) {
            (Some((name, url)), _) => (None, name.clone(), name, url),
            (None, p) => {
                let p = p.unwrap_or(Preset::CcBy40);
                (
                    Some(p.id()),
                    word(p, "name"),
                    word(p, "short"),
                    word(p, "url"),
                )
            }
        };
        let credit = self.credit.map_or_else(
            || labels.get("licence.credit").to_string(),
            |c| c.replace("{city}", city).replace("{title}", title),
        );
        Licence {
            preset,
            name,
            short,
            url,
            credit,
            edited: labels.get("licence.edited").to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::labels::Language;

    fn labels(language: Language) -> Labels {
        let mut l = crate::model::labels::read(None, language);
        l.fill_site(&[("city", "北上市"), ("title", "検証シート")]);
        l
    }

    #[test]
    fn unset_is_cc_by_in_the_sites_language_with_the_default_credit() {
        let ja = Setting::default().resolve(&labels(Language::Japanese), "北上市", "検証シート");
        assert_eq!(ja.preset, Some("cc-by-4.0"));
        assert_eq!(ja.short, "CC BY 4.0");
        assert!(ja.url.ends_with("/by/4.0/deed.ja"));
        assert_eq!(ja.credit, "出典：北上市「検証シート」");
        let en = Setting::default().resolve(&labels(Language::English), "北上市", "検証シート");
        assert!(en.url.ends_with("/by/4.0/deed.en"));
        assert_eq!(en.credit, "Source: 北上市, \"検証シート\"");
    }

    #[test]
    fn a_citys_credit_line_is_filled_and_its_own_licence_named_as_written() {
        let setting = Setting {
            own: Some(("市の規約".into(), "https://example.jp/terms".into())),
            preset: None,
            credit: Some("{city}ウェブサイト（{title}）".into()),
        };
        let l = setting.resolve(&labels(Language::Japanese), "北上市", "検証シート");
        assert_eq!(l.preset, None);
        assert_eq!(
            (l.name.as_str(), l.short.as_str()),
            ("市の規約", "市の規約")
        );
        assert_eq!(l.credit, "北上市ウェブサイト（検証シート）");
    }

    #[test]
    fn presets_are_read_by_their_ids() {
        assert_eq!(Preset::parse("pdl-1.0"), Some(Preset::Pdl10));
        assert_eq!(Preset::parse(" CC-BY-4.0 "), Some(Preset::CcBy40));
        assert_eq!(Preset::parse("cc-by-sa-4.0"), None);
        for name in Preset::NAMES {
            assert_eq!(Preset::parse(name).map(Preset::id), Some(name));
        }
    }
}
