//! The site's settings (`content/site.toml`): city, URLs, years, plans and vocabularies.

use std::cell::RefCell;

use serde::Serialize;

use super::reader::{Ctx, Located, Table};
use super::year::{FiscalYear, ShortYears, YearNames, YearStyle, fold_width};
use crate::diag::{Diagnostic, Lang, Message};
use crate::load::RawToml;

/// The placeholders a heading or a `format` writes a year with, filled by
/// [`SiteConfig::year_heading`]: `{year}` (the site's style), `{year_short}` (H25, R3),
/// `{year_number}` (25, 3).
pub const YEAR_PLACEHOLDERS: [&str; 3] = ["{year_short}", "{year_number}", "{year}"];

#[derive(Clone, Debug)]
pub struct SiteConfig {
    pub city: String,
    pub city_code: Option<String>,
    pub title: String,
    /// Always ends with `/`.
    pub base_url: String,
    pub language: String,
    /// The words pages show: `language`'s set with `[labels]` over it.
    pub labels: super::labels::Labels,
    pub report_year: FiscalYear,
    pub year_style: YearStyle,
    /// The years `{year_short}` writes in the era the sheet keeps (`short_years`).
    pub short_years: ShortYears,
    /// How years are named: `year_style` in the era `short_years` keeps, read once.
    pub names: YearNames,
    pub messages: Lang,
    /// The scale a plan without `scale` grades on; empty when the site has no scales
    /// (then any grade in content is an error).
    pub default_scale: String,
    /// Whether site.toml names its `default_scale` (rather than it being the first).
    pub default_scale_set: bool,
    pub theme: String,
    /// `extra_css = ["city.css"]`: the theme's own style sheets (in its `static/`), linked
    /// on every page after the built-in ones, in order.
    pub extra_css: Vec<String>,
    pub plans: Vec<PlanConfig>,
    pub scales: Vec<Scale>,
    /// `[[statuses]]`: empty when unset (the site has no status words).
    pub statuses: Vec<Status>,
    /// `directions`: empty when unset (the site has no direction words).
    pub directions: Vec<String>,
    /// `ending_directions`: the direction words that end a program (完了, 事業終了 …),
    /// each one of `directions`; empty when unset (no page says a program ends).
    pub ending_directions: Vec<String>,
    /// `lists = ["kpis", …]`: the list pages kept (those with content); `None`: all.
    pub lists: Option<Vec<String>>,
    /// `computed_totals = true`: show kensho's sums of budgets beside (or as) 計.
    pub computed_totals: bool,
    /// `overview = ["grades", …]`: the parts of the overview (home, plan and goal pages)
    /// the site asks for, each one of [`OVERVIEW_PARTS`]; none when unset.
    pub overview: Vec<String>,
    /// `split_rows = 500`: the rows (table rows, list entries) a per-year, list or print
    /// page holds before it is split into parts per plan and goal (`pages::split`).
    pub split_rows: usize,
    /// `flags`: the marks the city prints on nodes and programs (【重点施策】, 【新規】, …),
    /// as written; `["【新規】"]` when not set.
    pub flags: Vec<String>,
    /// When this report was published or last updated (`updated = 2020-10-01`): the
    /// date the Atom feed gives its entries. `None`: the report year's last day.
    pub updated: Option<Date>,
    /// `[images]`: which other sites Markdown may show images from.
    pub images: Images,
    /// The city's own text fields, place by place: the forms' text sections
    /// (`[fields]` folded into the built-in forms, or forms.toml's), as pages read them.
    pub fields: super::fields::Fields,
    /// The site's forms (forms.toml, else the built-in ones): set by
    /// `model::read_config` once site.toml is read.
    pub forms: super::form::Forms,
    /// `[license]`: the open data's licence; CC BY 4.0 when unset.
    pub license: super::licence::Licence,
    /// `favicon = "favicon.png"`: the city's icon for browsers' tabs, a file of the
    /// content folder (published at its path), with site.toml where it is named;
    /// `None`: the theme's neutral icon.
    pub favicon: Option<(crate::diag::FileRef, super::markdown::FileLink)>,
    /// `[search] words`: other ways readers type the pages' words (readings, spellings).
    pub search_words: Vec<super::search_words::SearchWord>,
    /// `[contact]`: who publishes the report and how to reach them (every page's foot).
    pub contact: Option<super::contact::Contact>,
    /// `[extra]`: the city's own data for its theme's templates (`site.extra`).
    pub extra: serde_json::Value,
}

/// `[images] allowed_hosts = ["www.city.example.lg.jp"]`: the hosts (as a URL spells
/// them: lower case, punycode) whose images pages may show; any other site's is an error.
#[derive(Clone, Debug, Default)]
pub struct Images {
    pub allowed_hosts: Vec<String>,
}

/// A calendar date (`2020-10-01`), checked to exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// `YYYY-MM-DD` (a TOML date or a string), a day that exists.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            let part = s.get(r)?;
            part.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1868 && (1..=days).contains(&day)).then_some(Date {
            year,
            month: month as u8,
            day: day as u8,
        })
    }
}

impl Date {
    /// The date as a page writes it: `2020年10月1日`, or `1 October 2020` in English.
    pub fn written(self, language: super::labels::Language) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match language {
            super::labels::Language::Japanese => {
                format!("{}年{}月{}日", self.year, self.month, self.day)
            }
            super::labels::Language::English => {
                let month = MONTHS[usize::from(self.month.clamp(1, 12)) - 1];
                format!("{} {month} {}", self.day, self.year)
            }
        }
    }
}

#[derive(Clone, Debug)]
pub struct PlanConfig {
    pub dir: String,
    pub levels: Vec<String>,
    pub scale: Option<String>,
    /// `code_format`: how a node's code is shown where it stands alone, with `{code}`,
    /// `{level}` and `{parent}` (the parent's shown code); `None`: as printed.
    pub code_format: Option<String>,
    /// `listed = ["個別施策"]`: the levels whose nodes the sheet only lists (a code and a
    /// title in their parent's list, no sheet of their own): no page, no place in the
    /// print view; still rows of their parent's list and of the open data. The last
    /// levels of the plan, never its root's. Index of the first such level, if any.
    pub listed_from: Option<usize>,
}

impl PlanConfig {
    /// Whether the nodes of level `depth` are only listed by their parent's sheet.
    pub fn only_listed(&self, depth: usize) -> bool {
        self.listed_from.is_some_and(|from| depth >= from)
    }
}

/// A grade scale of the city's (A–D, S–C, ◎○△×, 実施/未実施/予定).
#[derive(Clone, Debug, Serialize)]
pub struct Scale {
    pub id: String,
    pub name: String,
    pub grades: Vec<Grade>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Grade {
    pub key: String,
    pub label: String,
    pub order: i64,
    pub meaning: String,
    /// The mark drawn beside the grade (◎○△), when the site gives one: without it the
    /// grade shows as its label alone.
    pub shape: Option<Shape>,
    /// The lowest achievement rate (%) that earns this grade, when the city grades by rate.
    pub min_rate: Option<f64>,
}

/// Whether a key written in content is a site.toml key, full-width and half-width
/// spellings being the same (`Ｃ` = `C`, `（` = `(`) and spaces around ignored.
pub fn same_key(site: &str, written: &str) -> bool {
    site == written || fold_width(site).trim() == fold_width(written).trim()
}

impl Scale {
    /// Where grade `key` is in `grades`.
    pub fn grade_index(&self, key: &str) -> Option<usize> {
        self.grades.iter().position(|g| same_key(&g.key, key))
    }

    /// The grade an achievement rate suggests: the best grade whose `min_rate` it reaches.
    pub fn suggest(&self, rate: f64) -> Option<&Grade> {
        let mut graded: Vec<&Grade> = self
            .grades
            .iter()
            .filter(|g| g.min_rate.is_some())
            .collect();
        graded.sort_by_key(|g| g.order);
        graded
            .into_iter()
            .find(|g| g.min_rate.is_some_and(|m| rate >= m))
    }
}

/// The shape drawn beside a grade or status, so meaning never rests on colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    DoubleCircle,
    Circle,
    Triangle,
    Cross,
    Square,
    Diamond,
    Dash,
}

impl Shape {
    pub const NAMES: &[&str] = &[
        "double-circle",
        "circle",
        "triangle",
        "cross",
        "square",
        "diamond",
        "dash",
    ];

    pub fn parse(s: &str) -> Option<Shape> {
        Some(match s {
            "double-circle" => Shape::DoubleCircle,
            "circle" => Shape::Circle,
            "triangle" => Shape::Triangle,
            "cross" => Shape::Cross,
            "square" => Shape::Square,
            "diamond" => Shape::Diamond,
            "dash" => Shape::Dash,
            _ => return None,
        })
    }

    pub fn glyph(self) -> &'static str {
        match self {
            Shape::DoubleCircle => "◎",
            Shape::Circle => "○",
            Shape::Triangle => "△",
            Shape::Cross => "×",
            Shape::Square => "□",
            Shape::Diamond => "◇",
            Shape::Dash => "－",
        }
    }
}

/// A program status word (順調 / 概ね順調 / 遅れている).
#[derive(Clone, Debug, Serialize)]
pub struct Status {
    pub key: String,
    pub order: i64,
    pub shape: Shape,
}

impl SiteConfig {
    /// The language the pages are written in, from `language`.
    pub fn lang(&self) -> super::labels::Language {
        super::labels::Language::from_tag(&self.language)
    }

    pub fn scale(&self, id: &str) -> Option<&Scale> {
        self.scales.get(self.scale_index(id)?)
    }

    /// Grade `key` of scale `scale`, when the settings have both.
    pub fn grade(&self, scale: &str, key: &str) -> Option<&Grade> {
        let scale = self.scale(scale)?;
        scale.grades.get(scale.grade_index(key)?)
    }

    /// Where scale `id` is in `scales` (tables kept in the settings' order use it).
    pub fn scale_index(&self, id: &str) -> Option<usize> {
        self.scales.iter().position(|s| s.id == id)
    }

    /// A heading without its year placeholders (a column whose KPIs' years differ, or a
    /// heading checked for other braces): the words around the year as written.
    pub fn without_year(heading: &str) -> String {
        YEAR_PLACEHOLDERS
            .iter()
            .fold(heading.to_string(), |h, p| h.replace(p, ""))
    }

    /// A heading as printed over year `year`'s column: `{year}` in the site's style,
    /// `{year_short}` as H25 or R3 (H31 where the site keeps it, `short_years`),
    /// `{year_number}` as 25 or 3 (the era's number alone: 瑞浪市's 「24年度」).
    pub fn year_heading(&self, heading: &str, year: FiscalYear) -> String {
        (heading.replace("{year_short}", &year.short_in(&self.short_years)))
            .replace("{year_number}", &year.number_in(&self.short_years))
            .replace("{year}", &year.display(self.year_names()))
    }

    /// How the site names years: its `year_style`, in the era its sheet keeps
    /// (`short_years` = ["H31"]: 平成31年度, not 令和元年度).
    pub fn year_names(&self) -> YearNames {
        self.names
    }

    /// Whether the site's title holds its city's name (「西尾市 事業評価表」): the pages
    /// then do not put the city before it again.
    pub fn title_names_city(&self) -> bool {
        title_names_city(&self.title, &self.city)
    }

    /// Whether `lists` keeps the list page `name`. With `lists` unset, every one but the
    /// year pages of a site of programs only: its sheets print each program's years on
    /// the program's own sheet, no page per year, so it has them only when `lists` names
    /// `years` (issue 53: a derived page only where the content or a setting gives it).
    pub fn keeps_list(&self, name: &str) -> bool {
        match &self.lists {
            Some(names) => names.iter().any(|n| n == name),
            None => name != "years" || !self.plans.is_empty(),
        }
    }

    /// The flag `new = true` stands for: 【新規】 unless the labels say otherwise.
    /// (A flag is the content's word: never marked by `check --words`.)
    pub fn new_flag(&self) -> &str {
        super::labels::unmarked(self.labels.get("flags.new"))
    }

    pub fn status(&self, key: &str) -> Option<&Status> {
        self.statuses.get(self.status_index(key)?)
    }

    /// Where status `key` is in `statuses`.
    pub fn status_index(&self, key: &str) -> Option<usize> {
        self.statuses.iter().position(|s| same_key(&s.key, key))
    }

    /// Whether `word` (a direction as content wrote it) ends a program (`ending_directions`).
    pub fn ends(&self, word: &str) -> bool {
        self.ending_directions.iter().any(|d| same_key(d, word))
    }

    /// The site's direction word that `word` is, full- or half-width.
    pub fn direction(&self, word: &str) -> Option<&str> {
        let d = self.directions.iter().find(|d| same_key(d, word))?;
        Some(d.as_str())
    }

    /// The URL path of the site under its host ("/senryaku/"), for absolute links.
    pub fn base_path(&self) -> &str {
        let after_scheme = self
            .base_url
            .split_once("//")
            .map_or(self.base_url.as_str(), |(_, r)| r);
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    }
}

fn title_names_city(title: &str, city: &str) -> bool {
    title.contains(city.trim())
}

/// The list pages `lists` may name, as their URLs name them.
pub const LIST_NAMES: [&str; 6] = [
    "kpis",
    "grades",
    "status",
    "directions",
    "departments",
    "years",
];

/// The parts of the overview a site may ask for in `overview`: the grades' bars and
/// counts, the KPIs that moved most, the counts of what changed, the plan ahead's budget,
/// the counts of the directions ahead.
pub const OVERVIEW_PARTS: [&str; 5] = ["grades", "moved", "changes", "budget", "directions"];

/// Read site.toml. Returns `None` when a required setting is missing or wrong.
pub fn read(raw: &RawToml, diags: &mut Vec<Diagnostic>) -> Option<SiteConfig> {
    let cell = RefCell::new(Vec::new());
    let ctx = Ctx {
        file: &raw.file,
        diags: &cell,
        years: None,
        names_known: true,
    };
    let config = read_table(Table::new(
        &ctx,
        &raw.table,
        String::new(),
        raw.span.clone(),
    ));
    let errors = cell.into_inner();
    let failed = errors
        .iter()
        .any(|d| d.severity == crate::diag::Severity::Error);
    diags.extend(errors);
    if failed { None } else { config }
}

/// The settings in the order a city reads them in site.toml; each setting that can be
/// wrong is read by a step of its own, so the diagnostics come out in that order too.
fn read_table(mut t: Table<'_>) -> Option<SiteConfig> {
    let city = t.required_text("city");
    let city_code = t.string("city_code").map(|l| l.value);
    let title = t.required_text("title");
    let base_url = read_base_url(&mut t);
    let language = t
        .string("language")
        .map_or_else(|| "ja".to_string(), |l| l.value);
    let report_year = read_report_year(&mut t);
    let year_style = read_year_style(&mut t);
    let short_years = read_short_years(&mut t);
    let messages = read_messages(&mut t);
    let default_scale = t.string("default_scale");
    let theme = read_theme(&mut t);
    let extra_css = read_extra_css(&mut t);
    let updated = read_date(&mut t, "updated");
    let images = t.table("images").map(read_images).unwrap_or_default();
    let plans = read_plans(&mut t);
    let scales = read_scales(&mut t);
    let statuses = read_statuses(&mut t);
    let directions = read_directions(&mut t);
    let ending_directions = read_ending_directions(&mut t, &directions);
    let lists = read_names(&mut t, "lists", &LIST_NAMES, ("一覧", "a list page"));
    let overview = read_names(
        &mut t,
        "overview",
        &OVERVIEW_PARTS,
        ("概要の部分", "an overview part"),
    )
    .unwrap_or_default();
    let computed_totals = t.boolean("computed_totals").unwrap_or(false);
    let split_rows = read_split_rows(&mut t);
    let lang = super::labels::Language::from_tag(&language);
    let mut labels = super::labels::read(t.table("labels"), lang);
    let flags = read_flags(&mut t, &labels);
    let fields = super::fields::read(t.table("fields"));
    // Unwritten, not mistyped (`license = "cc-by-4.0"` is an error of its own).
    if t.span_of("license").is_none() {
        super::licence::warn_unset(t.ctx);
    }
    let license = super::licence::read(t.table("license"));
    let favicon = read_favicon(&mut t);
    let search_words = t
        .table("search")
        .map(super::search_words::read)
        .unwrap_or_default();
    let contact = t.table("contact").and_then(super::contact::read);
    let extra = super::extra::read(&mut t);
    let ctx = t.ctx;
    t.finish();

    let default_scale_set = default_scale.is_some();
    let default_scale = match default_scale {
        Some(l) => {
            check_scale_id(ctx, &scales, &l, "default_scale");
            l.value
        }
        None => scales.first().map(|s| s.id.clone()).unwrap_or_default(),
    };
    let (city, title, report_year, year_style) =
        (city?.value, title?.value, report_year?, year_style?);
    // An English site writes its years in English: `FY2019 (Reiwa 1)`.
    let year_style = match lang {
        super::labels::Language::English => year_style.english(),
        super::labels::Language::Japanese => year_style,
    };
    // A title that names the city (西尾市 事業評価表, 北上市版総合戦略): the lead and the
    // description do not say the city again before it (「西尾市が公表する西尾市 …」).
    if title_names_city(&title, &city) {
        labels.instead("home.lead", "home.lead_titled");
        labels.instead("home.description", "home.description_titled");
    }
    let names = YearNames {
        style: year_style,
        kept: short_years.era(),
    };
    labels.fill_site(&[
        ("city", &city),
        ("title", &title),
        ("report_year", &report_year.display(names)),
    ]);
    let license = license.resolve(&labels, &city, &title);
    Some(SiteConfig {
        city,
        city_code,
        title,
        base_url: base_url?,
        language,
        labels,
        report_year,
        year_style,
        short_years,
        names,
        messages,
        default_scale,
        default_scale_set,
        theme,
        extra_css,
        plans,
        scales,
        statuses,
        directions,
        ending_directions,
        lists,
        computed_totals,
        overview,
        split_rows,
        flags,
        updated,
        images,
        fields,
        forms: super::form::Forms::default(),
        license,
        favicon,
        search_words,
        contact,
        extra,
    })
}

/// `favicon`: a file of the content folder, written from there (`"favicon.png"`,
/// `"images/icon.ico"`), an icon browsers show: `.png` or `.ico`, refused as a linked file
/// is (outside content, hidden, a name a web server would run; an SVG can hold script).
/// Whether it exists is checked with the other files the site publishes (link).
fn read_favicon(t: &mut Table<'_>) -> Option<(crate::diag::FileRef, super::markdown::FileLink)> {
    use super::markdown::files::{Target, target};
    let l = t.string("favicon")?;
    // A web address or a path from the server's root is no file of content.
    let written = l.value.trim_start_matches("@/");
    let dest = if written.contains("://") || written.starts_with('/') {
        String::new()
    } else {
        format!("@/{written}")
    };
    let icon = |p: &str| {
        let p = p.to_ascii_lowercase();
        p.ends_with(".png") || p.ends_with(".ico")
    };
    let why = match target(&dest, "") {
        Target::File(path, "") if icon(&path) => {
            let link = super::markdown::FileLink {
                dest: l.value.clone(),
                path,
                span: l.span,
            };
            return Some((std::sync::Arc::downgrade(t.ctx.file), link));
        }
        Target::Refused(why) => why,
        _ => Message::new(
            format!(
                "favicon には、content フォルダの中のアイコンのファイル（.png か .ico）を content フォルダから見た場所で書きます（例: favicon = \"favicon.png\"）。「{}」",
                l.value
            ),
            format!(
                "favicon names an icon file (.png or .ico) in the content folder, by its path from content (e.g. favicon = \"favicon.png\"); found \"{}\"",
                l.value
            ),
        ),
    };
    t.ctx.error(l.span, "favicon", why);
    None
}

/// `base_url`: an http(s) URL or a path from the host's root, always ending with `/` so
/// page URLs can be appended to it.
fn read_base_url(t: &mut Table<'_>) -> Option<String> {
    let l = t.required_string("base_url")?;
    if let Some(v) = normal_base_url(&l.value) {
        return Some(v);
    }
    t.ctx
        .error(l.span, "base_url", bad_base_url("base_url", &l.value));
    None
}

/// A base URL as pages append to it (ending with `/`); `None` unless it is an http(s)
/// URL or a path from the host's root. Also checks `build --base-url`.
pub fn normal_base_url(value: &str) -> Option<String> {
    let ok =
        value.starts_with("http://") || value.starts_with("https://") || value.starts_with('/');
    ok.then(|| {
        let mut v = value.to_string();
        if !v.ends_with('/') {
            v.push('/');
        }
        v
    })
}

/// What is wrong with a base URL given as `what` (site.toml's key or the flag).
pub fn bad_base_url(what: &str, value: &str) -> Message {
    Message::new(
        format!(
            "{what} は https://（または http://）で始まる URL か / で始まる場所で書いてください（「{value}」）"
        ),
        format!(
            "{what} must be an https:// (or http://) URL or a path starting with /, found \"{value}\""
        ),
    )
}

/// `report_year`: the fiscal year the report reviews (`令和2年度`, `2020`).
fn read_report_year(t: &mut Table<'_>) -> Option<FiscalYear> {
    let l = t.required_string("report_year")?;
    match FiscalYear::parse(&l.value) {
        Ok(y) => Some(y),
        Err(e) => {
            t.ctx
                .error(l.span, "report_year", Message::new(e.ja(), e.en()));
            None
        }
    }
}

/// `short_years`: the years the sheet writes short otherwise than kensho would, as
/// printed (`["H31", "R02"]`): each an era letter and number, one per year.
fn read_short_years(t: &mut Table<'_>) -> ShortYears {
    let mut kept: Vec<(FiscalYear, String)> = Vec::new();
    for l in t.strings("short_years") {
        let written = fold_width(&l.value).trim().to_string();
        let lettered = written.starts_with(|c: char| c.is_ascii_alphabetic());
        let problem = match FiscalYear::parse_spelled(&l.value) {
            Err(e) => Some((e.ja(), e.en())),
            Ok((_, era)) if era.is_none() || !lettered => Some((
                format!(
                    "short_years の「{}」は元号の記号で始まっていません。H31 や R02 のように、シートの書き方で書いてください",
                    l.value
                ),
                format!(
                    "\"{}\" in short_years does not start with an era's letter: write it as the sheet does, e.g. H31 or R02",
                    l.value
                ),
            )),
            Ok((y, _)) if kept.iter().any(|(k, _)| *k == y) => Some((
                format!(
                    "short_years に{}が二度あります",
                    y.display(YearStyle::Western)
                ),
                format!("short_years names FY{} twice", y.western()),
            )),
            Ok((y, _)) => {
                kept.push((y, written));
                None
            }
        };
        if let Some((ja, en)) = problem {
            t.ctx.error(l.span, "short_years", Message::new(ja, en));
        }
    }
    ShortYears(kept)
}

/// `year_style`: how pages write a year; era and western year together unless set.
fn read_year_style(t: &mut Table<'_>) -> Option<YearStyle> {
    let Some(l) = t.string("year_style") else {
        return Some(YearStyle::EraWestern);
    };
    match l.value.parse::<YearStyle>() {
        Ok(s) => Some(s),
        Err(_) => {
            t.ctx.error(l.span, "year_style", Message::new(
                format!("year_style は era_western / era / western / era_short のどれかです（「{}」）", l.value),
                format!("year_style must be one of era_western, era, western, era_short; found \"{}\"", l.value),
            ));
            None
        }
    }
}

/// `messages`: the languages the build's messages are written in; both when unset or
/// wrong (a wrong value is reported, and does not stop the build).
fn read_messages(t: &mut Table<'_>) -> Lang {
    let Some(l) = t.string("messages") else {
        return Lang::Both;
    };
    Lang::parse(&l.value).unwrap_or_else(|| {
        t.ctx.error(
            l.span,
            "messages",
            Message::new(
                format!("messages は both / ja / en のどれかです（「{}」）", l.value),
                format!("messages must be both, ja or en; found \"{}\"", l.value),
            ),
        );
        Lang::Both
    })
}

/// `theme`: a folder under themes/; the default theme when unset or not one folder's name.
fn read_theme(t: &mut Table<'_>) -> String {
    let Some(l) = t.string("theme") else {
        return "default".to_string();
    };
    if is_folder_name(&l.value) {
        return l.value;
    }
    t.ctx.error(
        l.span,
        "theme",
        Message::new(
            format!("theme は themes フォルダの中のフォルダ名だけを書きます（「{}」）。/ や \\ や .. は使えません", l.value),
            format!("theme is the name of a folder in themes/ (found \"{}\"); no /, \\ or ..", l.value),
        ),
    );
    "default".to_string()
}

/// `extra_css`: style sheets of the theme's `static/` folder, each by its path there
/// (`city.css`, `css/city.css`): a relative path of plain folder names ending in `.css`.
fn read_extra_css(t: &mut Table<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for (i, l) in t.strings("extra_css").into_iter().enumerate() {
        let plain = l.value.split('/').all(is_folder_name);
        if plain && l.value.to_ascii_lowercase().ends_with(".css") {
            out.push(l.value);
            continue;
        }
        t.ctx.error(
            l.span,
            &crate::diag::nth("extra_css", i),
            Message::new(
                format!("extra_css には、テーマの static フォルダの中のスタイルシート（.css）を、static フォルダから見た場所で書きます（例: extra_css = [\"city.css\"] は themes/default/static/city.css）。「{}」", l.value),
                format!("extra_css names style sheets (.css) in the theme's static folder, by their path from there (e.g. extra_css = [\"city.css\"] is themes/default/static/city.css); found \"{}\"", l.value),
            ),
        );
    }
    out
}

/// `[[plans]]`: the site's plan trees, in the order shown; none for a site of programs
/// only (a city that publishes its 事務事業評価 sheets alone).
fn read_plans(t: &mut Table<'_>) -> Vec<PlanConfig> {
    t.tables("plans")
        .into_iter()
        .filter_map(read_plan)
        .collect()
}

/// `[[scales]]`: the city's grade scales; none for a site whose sheet gives no grades.
fn read_scales(t: &mut Table<'_>) -> Vec<Scale> {
    t.tables("scales")
        .into_iter()
        .filter_map(read_scale)
        .collect()
}

/// `[[statuses]]`: the city's own status words; none when unset.
fn read_statuses(t: &mut Table<'_>) -> Vec<Status> {
    t.tables("statuses")
        .into_iter()
        .filter_map(read_status)
        .collect()
}

/// `directions`: the city's own direction words; none when unset.
fn read_directions(t: &mut Table<'_>) -> Vec<String> {
    t.strings("directions")
        .into_iter()
        .map(|l| l.value)
        .collect()
}

/// `ending_directions`: which of the city's direction words end a program; a word not in
/// `directions` is an error at the word.
fn read_ending_directions(t: &mut Table<'_>, directions: &[String]) -> Vec<String> {
    let words = t.strings("ending_directions");
    for l in words
        .iter()
        .filter(|l| !directions.iter().any(|d| same_key(d, &l.value)))
    {
        t.ctx.error(
            l.span.clone(),
            "ending_directions",
            Message::new(
                format!(
                    "ending_directions の「{}」は directions にない語です。directions に書いた語から選んでください",
                    l.value
                ),
                format!(
                    "\"{}\" in ending_directions is not one of directions; choose from the words in directions",
                    l.value
                ),
            ),
        );
    }
    words.into_iter().map(|l| l.value).collect()
}

/// `lists` (the list pages to keep, each one of [`LIST_NAMES`]) or `overview` (the parts
/// of it shown, [`OVERVIEW_PARTS`]): `None` when unset; an unknown name is an error at the
/// name, saying what it is not (`what`, in Japanese and English).
fn read_names(
    t: &mut Table<'_>,
    key: &'static str,
    allowed: &[&str],
    what: (&str, &str),
) -> Option<Vec<String>> {
    t.span_of(key)?;
    let names = t.strings(key);
    for l in names
        .iter()
        .filter(|l| !allowed.contains(&l.value.as_str()))
    {
        t.ctx.error(
            l.span.clone(),
            key,
            Message::new(
                format!(
                    "{key} の「{}」は{}の名前ではありません。{} のどれかです",
                    l.value,
                    what.0,
                    allowed.join(" / ")
                ),
                format!(
                    "\"{}\" in {key} is not {}; expected one of {}",
                    l.value,
                    what.1,
                    allowed.join(", ")
                ),
            ),
        );
    }
    Some(names.into_iter().map(|l| l.value).collect())
}

/// The rows a page holds before it is split when site.toml sets no `split_rows`: at
/// about 850 bytes a per-year table row, about 0.4 MB, well under 1 MB (docs/decisions.md).
pub const SPLIT_ROWS: usize = 500;

/// `split_rows`: a whole number from 1 up; [`SPLIT_ROWS`] when unset.
fn read_split_rows(t: &mut Table<'_>) -> usize {
    const LEAST: i64 = 1;
    let Some(l) = t.integer("split_rows") else {
        return SPLIT_ROWS;
    };
    if l.value >= LEAST {
        return usize::try_from(l.value).unwrap_or(usize::MAX);
    }
    t.ctx.error(
        l.span,
        "split_rows",
        Message::new(
            format!(
                "split_rows は {LEAST} 以上の整数で書いてください（「{}」）。ページを分ける行数です",
                l.value
            ),
            format!(
                "split_rows must be a whole number of at least {LEAST}, found {}: the rows past which a page is split",
                l.value
            ),
        ),
    );
    SPLIT_ROWS
}

/// `flags`: the city's marks as written; the default list holds only the flag `new = true`
/// stands for (the label `flags.new`, 【新規】).
fn read_flags(t: &mut Table<'_>, labels: &super::labels::Labels) -> Vec<String> {
    if t.span_of("flags").is_none() {
        t.entry("flags");
        return vec![labels.get("flags.new").to_string()];
    }
    t.strings("flags").into_iter().map(|l| l.value).collect()
}

/// `[images]`: each allowed host as a URL spells it (`WWW.City.jp` → `www.city.jp`).
fn read_images(mut t: Table<'_>) -> Images {
    let ctx = t.ctx;
    let allowed_hosts = t
        .strings("allowed_hosts")
        .into_iter()
        .filter_map(|l| {
            let host = ammonia::Url::parse(&format!("https://{}/", l.value))
                .ok()
                .filter(|u| u.path() == "/" && u.port().is_none() && u.username().is_empty())
                .and_then(|u| u.host_str().map(str::to_string));
            if host.is_none() {
                ctx.error(l.span, "images.allowed_hosts", Message::new(
                    format!("allowed_hosts にはホスト名だけを書いてください（例: \"www.city.example.lg.jp\"、https:// や / より後ろは付けません）。「{}」", l.value),
                    format!("allowed_hosts holds host names only (e.g. \"www.city.example.lg.jp\", without https:// or a path); found \"{}\"", l.value),
                ));
            }
            host
        })
        .collect();
    t.finish();
    Images { allowed_hosts }
}

/// A date written as a TOML date (`2020-10-01`) or a string (`"2020-10-01"`).
fn read_date(t: &mut Table<'_>, key: &'static str) -> Option<Date> {
    let ctx = t.ctx;
    let (_, node) = t.entry(key)?;
    let text = match &node.value {
        crate::load::tree::Value::String(s) | crate::load::tree::Value::Datetime(s) => s,
        _ => {
            super::reader::type_error(ctx, key, node, ("日付", "a date"));
            return None;
        }
    };
    let date = Date::parse(text.trim());
    if date.is_none() {
        ctx.error(
            node.span.clone(),
            key,
            Message::new(
                format!("{key} は 2020-10-01 のように年-月-日で書いてください（「{text}」）"),
                format!(
                    "{key} must be a date written year-month-day, e.g. 2020-10-01; found \"{text}\""
                ),
            ),
        );
    }
    date
}

fn check_scale_id(
    ctx: &Ctx<'_>,
    scales: &[Scale],
    id: &super::reader::Located<String>,
    field: &str,
) {
    if scales.iter().all(|s| s.id != id.value) {
        let ids: Vec<&str> = scales.iter().map(|s| s.id.as_str()).collect();
        ctx.error(
            id.span.clone(),
            field,
            Message::new(
                format!(
                    "尺度「{}」は [[scales]] にありません（あるもの: {}）",
                    id.value,
                    ids.join(", ")
                ),
                format!(
                    "no scale \"{}\" in [[scales]] (known: {})",
                    id.value,
                    ids.join(", ")
                ),
            ),
        );
    }
}

/// A plan folder named like the site's own pages would replace them, or they it.
fn reserved_dir(dir: &str) -> Message {
    let names = crate::load::RESERVED_NAMES.join(", ");
    Message::new(
        format!(
            "計画のフォルダ名「{dir}」はサイトが自分のページに使います（{names}）。別の名前にしてください"
        ),
        format!(
            "kensho uses this name for its own pages: \"{dir}\" cannot be a plan folder ({names}); choose another name"
        ),
    )
}

/// `code_format`: text with the placeholders `{code}` (needed), `{level}`, `{parent}`; a
/// brace that is none of them is reported.
fn read_code_format(t: &mut Table<'_>) -> Option<String> {
    let l = t.string("code_format")?;
    let rest = ["{code}", "{level}", "{parent}"]
        .iter()
        .fold(l.value.clone(), |s, p| s.replace(p, ""));
    if rest.contains(['{', '}']) || !l.value.contains("{code}") {
        t.ctx.error(
            l.span,
            &format!("{}.code_format", t.path),
            Message::new(
                format!(
                    "code_format「{}」には {{code}} を含め、{{code}} {{level}} {{parent}} 以外の {{ }} は書けません",
                    l.value
                ),
                format!(
                    "code_format \"{}\" must hold {{code}} and no braces other than {{code}}, {{level}} and {{parent}}",
                    l.value
                ),
            ),
        );
        return None;
    }
    Some(l.value)
}

fn read_plan(mut t: Table<'_>) -> Option<PlanConfig> {
    let ctx = t.ctx;
    let dir = t.required_string("dir");
    let levels = t.strings("levels");
    let scale = t.string("scale").map(|l| l.value);
    let code_format = read_code_format(&mut t);
    let listed = t.strings("listed");
    refuse_print(&mut t);
    let span = t.span_of("levels").unwrap_or_else(|| t.span.clone());
    let path = t.path.clone();
    t.finish();
    // One level: the plan is one document (成田市's 一覧 of programs, 加古川市's one 施策
    // sheet), its root page the sheet, nothing below it.
    if !(1..=4).contains(&levels.len()) {
        ctx.error(
            span,
            &format!("{path}.levels"),
            Message::new(
                format!(
                    "levels には階層の名前を上から1〜4個書いてください（{}個あります）",
                    levels.len()
                ),
                format!(
                    "levels must name 1 to 4 levels, root first (found {})",
                    levels.len()
                ),
            ),
        );
        return None;
    }
    let dir = dir?;
    if dir.value.is_empty()
        || dir.value.contains(['/', '\\', '.'])
        || dir.value.eq_ignore_ascii_case("programs")
    {
        ctx.error(
            dir.span,
            &format!("{path}.dir"),
            Message::new(
                "dir は content の下のフォルダ名一つです（programs 以外）",
                "dir must be a single folder name under content/ (not programs)",
            ),
        );
        return None;
    }
    if crate::load::is_reserved(&dir.value) {
        ctx.error(dir.span, &format!("{path}.dir"), reserved_dir(&dir.value));
        return None;
    }
    let levels: Vec<String> = levels.into_iter().map(|l| l.value).collect();
    let listed_from = read_listed(ctx, &path, &levels, &listed);
    Some(PlanConfig {
        dir: dir.value,
        levels,
        scale,
        code_format,
        listed_from,
    })
}

/// `listed`: levels of the plan whose nodes the sheet only lists, the last ones and never
/// the root's (a node listed by its parent lists nothing of its own). Returns the first.
fn read_listed(
    ctx: &Ctx,
    path: &str,
    levels: &[String],
    listed: &[Located<String>],
) -> Option<usize> {
    let mut at = Vec::with_capacity(listed.len());
    for l in listed {
        match levels.iter().position(|x| *x == l.value) {
            Some(i) if i > 0 => at.push(i),
            found => {
                let (ja, en) = if found.is_some() {
                    ("最上位の階層（計画そのもの）", "the plan's root level")
                } else {
                    ("levels にない名前", "not one of levels")
                };
                ctx.error(
                    l.span.clone(),
                    &format!("{path}.listed"),
                    Message::new(
                        format!(
                            "listed の「{}」は{ja}です。listed には、シートが一覧に載せるだけの階層を levels（{}）の名前で書きます",
                            l.value,
                            levels.join("・")
                        ),
                        format!(
                            "listed \"{}\" is {en}; listed names the levels (of {}) whose nodes the sheet only lists",
                            l.value,
                            levels.join(", ")
                        ),
                    ),
                );
                return None;
            }
        }
    }
    let from = *at.iter().min()?;
    if (from..levels.len()).any(|i| !at.contains(&i)) {
        let below = &levels[from..];
        ctx.error(
            listed[0].span.clone(),
            &format!("{path}.listed"),
            Message::new(
                format!(
                    "listed は下の階層から続けて書きます。「{}」を一覧に載せるだけなら、その下の「{}」も書いてください",
                    levels[from],
                    below.join("」「")
                ),
                format!(
                    "listed must name the lowest levels in a run: listing \"{}\" only, write every level below it too ({})",
                    levels[from],
                    below.join(", ")
                ),
            ),
        );
        return None;
    }
    Some(from)
}

/// A plan's `print` (its print view's layout: `"forms"` or `"results-and-plan"`, until
/// issue 53) is refused where it is written: the print view is always the pages' forms in
/// the plan's order (docs/content-format.md "The print view"), and a 実施計画 sheet is a
/// node form that lists the programs with their years and 計 (北斗市's forms.shuyo).
fn refuse_print(t: &mut Table<'_>) {
    let Some(v) = t.value("print") else { return };
    t.ctx.error(
        v.node.span.clone(),
        &format!("{}.print", t.path),
        Message::new(
            "print は使えません。印刷用のページ（計画全体）は、いつも forms.toml の様式のとおりに、計画の順に各ページを並べます。\
             実施計画のシート（事業実績の表、計画の表と計）にするには、その階層の様式（forms.toml の [forms.…]、for = { plan = …, level = … }）に、\
             事業の一覧（{ programs = true, total = \"計\", columns = [\"title\", \"results@report\", …] }）を書きます\
             （docs/content-format.ja.md（kensho docs で開けます）の「印刷用の表示」、例: examples/hokuto/content/forms.toml の forms.shuyo）。この行を消してください",
            "print is no longer a setting: a plan's print view always follows forms.toml, each page as its form, in the plan's order. \
             For the sheet of a 実施計画 review (the results table, the plan table and their 計), declare the level's form in forms.toml \
             ([forms.…] with for = { plan = …, level = … }) with a list of its programs ({ programs = true, total = \"計\", columns = [\"title\", \"results@report\", …] }) \
             (docs/content-format.md, \"The print view\", among the guides kensho docs opens; example: forms.shuyo in examples/hokuto/content/forms.toml). Remove this line",
        ),
    );
}

fn read_shape(t: &mut Table<'_>) -> Option<Shape> {
    let ctx = t.ctx;
    let path = t.path.clone();
    let l = t.string("shape")?;
    Shape::parse(&l.value).or_else(|| {
        ctx.error(
            l.span,
            &format!("{path}.shape"),
            Message::new(
                format!(
                    "shape は {} のどれかです（「{}」）",
                    Shape::NAMES.join(" / "),
                    l.value
                ),
                format!(
                    "shape must be one of {}; found \"{}\"",
                    Shape::NAMES.join(", "),
                    l.value
                ),
            ),
        );
        None
    })
}

fn read_scale(mut t: Table<'_>) -> Option<Scale> {
    let ctx = t.ctx;
    let id = t.required_string("id");
    let name = t.string("name");
    let mut keys: Vec<Located<String>> = Vec::new();
    let grades: Vec<Grade> = t
        .tables("grades")
        .into_iter()
        .enumerate()
        .filter_map(|(i, mut g)| {
            let key = g.required_string("key");
            if let Some(k) = &key {
                check_grade_key(ctx, &keys, k, &format!("{}.key", g.path));
                keys.push(k.clone());
            }
            let label = g.string("label");
            let order = g.integer("order").map_or(i as i64 + 1, |l| l.value);
            let meaning = g.string("meaning").map_or_else(String::new, |l| l.value);
            let shape = read_shape(&mut g);
            let min_rate = g.number("min_rate").map(|l| l.value);
            g.finish();
            let key = key?.value;
            Some(Grade {
                label: label.map_or_else(|| key.clone(), |l| l.value),
                key,
                order,
                meaning,
                shape,
                min_rate,
            })
        })
        .collect();
    t.finish();
    let id = id?.value;
    Some(Scale {
        name: name.map_or_else(|| id.clone(), |l| l.value),
        id,
        grades,
    })
}

/// A key written twice in one scale makes every grade written with it ambiguous: the
/// error points here, in site.toml, and at the first spelling.
fn check_grade_key(ctx: &Ctx<'_>, earlier: &[Located<String>], key: &Located<String>, field: &str) {
    let Some(first) = earlier.iter().find(|k| k.value == key.value) else {
        return;
    };
    let (line, _) = ctx.file.line_col(first.span.start);
    let diagnostic = Diagnostic::error(Message::new(
        format!("評価の key「{}」がこの尺度に2回あります（{line}行目にもあります）。どちらかの key を変えてください", key.value),
        format!("grade key \"{}\" appears twice in this scale (also on line {line}); change one of the keys", key.value),
    ))
    .at(ctx.file, key.span.clone())
    .field(field)
    .related(ctx.file, first.span.clone(), Message::new("最初の key", "first written here"));
    ctx.diags.borrow_mut().push(diagnostic);
}

fn read_status(mut t: Table<'_>) -> Option<Status> {
    let key = t.required_string("key");
    let order = t.integer("order").map_or(0, |l| l.value);
    let shape = read_shape(&mut t).unwrap_or(Shape::Dash);
    t.finish();
    Some(Status {
        key: key?.value,
        order,
        shape,
    })
}

/// Whether `name` is one folder's name, not a path: a theme is read from `themes/<name>/`,
/// and `..` or a separator would read templates and static files from elsewhere.
fn is_folder_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', ':', '\0'])
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn dates_are_written_in_the_sites_language() {
        use crate::model::labels::Language;
        let d = Date::parse("2020-10-01").unwrap();
        assert_eq!(d.written(Language::Japanese), "2020年10月1日");
        assert_eq!(d.written(Language::English), "1 October 2020");
    }

    #[test]
    fn dates_must_exist() {
        assert_eq!(
            Date::parse("2020-10-01"),
            Some(Date {
                year: 2020,
                month: 10,
                day: 1
            })
        );
        assert!(Date::parse("2020-02-29").is_some());
        for bad in [
            "2019-02-29",
            "2020-13-01",
            "2020-04-31",
            "2020-1-01",
            "R02-04-01",
            "２０２０-10-01",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
    }
}
