//! One type for a Japanese fiscal year (年度): it parses every spelling found in
//! review sheets (`2019`, `FY2019`, `R1`, `R01`, `R元`, `令和元年度`, `H31`, `平成３１年度`,
//! …) and displays itself in the style the site chooses (`令和元年度（2019）`,
//! `令和元年度`, `2019年度`, `R1`).
//!
//! A fiscal year runs from April to the following March and is identified here by
//! the Western year in which it starts. Era spellings name the same year in more
//! than one way: H31 and R1 are both FY2019, S64 and H1 both FY1989, and plans
//! written before 2019 say H32 for FY2020, so Heisei numbers past 31 are accepted.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// A Japanese fiscal year (年度), stored as the Western year in which it starts
/// (April). Always within [`FiscalYear::MIN`]..=[`FiscalYear::MAX`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct FiscalYear(u16);

/// A Japanese era (元号) from Meiji on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Era {
    Meiji,
    Taisho,
    Showa,
    Heisei,
    Reiwa,
}

impl Era {
    /// Every era, oldest first.
    pub const ALL: [Era; 5] = [Era::Meiji, Era::Taisho, Era::Showa, Era::Heisei, Era::Reiwa];

    /// The era's name in kanji: "令和".
    pub fn kanji(self) -> &'static str {
        match self {
            Era::Meiji => "明治",
            Era::Taisho => "大正",
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    /// The era's name in English: "Reiwa".
    pub fn name(self) -> &'static str {
        match self {
            Era::Meiji => "Meiji",
            Era::Taisho => "Taisho",
            Era::Showa => "Showa",
            Era::Heisei => "Heisei",
            Era::Reiwa => "Reiwa",
        }
    }

    /// The era's one-letter abbreviation, upper case: 'R'.
    pub fn letter(self) -> char {
        match self {
            Era::Meiji => 'M',
            Era::Taisho => 'T',
            Era::Showa => 'S',
            Era::Heisei => 'H',
            Era::Reiwa => 'R',
        }
    }

    /// The Western year of the era's first year (元年): 1868, 1912, 1926, 1989, 2019.
    pub fn first_year(self) -> u16 {
        match self {
            Era::Meiji => 1868,
            Era::Taisho => 1912,
            Era::Showa => 1926,
            Era::Heisei => 1989,
            Era::Reiwa => 2019,
        }
    }

    /// The last year number of an era that has ended and whose later numbers never
    /// appear in print: Meiji 45, Taisho 15, Showa 64. `None` for Heisei (plans
    /// written before 2019 use H32 and later) and Reiwa.
    pub fn last_number(self) -> Option<u16> {
        match self {
            Era::Meiji => Some(45),
            Era::Taisho => Some(15),
            Era::Showa => Some(64),
            Era::Heisei | Era::Reiwa => None,
        }
    }

    /// The era for a letter, case-insensitive: 'r' and 'R' give Reiwa.
    pub fn from_letter(c: char) -> Option<Era> {
        let c = c.to_ascii_uppercase();
        Era::ALL.into_iter().find(|e| e.letter() == c)
    }

    /// The era whose kanji name starts `s`, and the rest of `s`.
    fn strip_kanji(s: &str) -> Option<(Era, &str)> {
        Era::ALL
            .into_iter()
            .find_map(|e| s.strip_prefix(e.kanji()).map(|rest| (e, rest)))
    }

    /// The first fiscal year named in this era. A fiscal year takes the era in
    /// force for most of it: FY1912 (from April 1912; Taisho began 30 July 1912) is
    /// 大正元年度, FY1926 (Showa began 25 December 1926) is 大正15年度, FY1989 is
    /// 平成元年度 and FY2019 is 令和元年度.
    fn first_fiscal_year(self) -> u16 {
        match self {
            Era::Showa => 1927,
            e => e.first_year(),
        }
    }
}

/// How the site shows a fiscal year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum YearStyle {
    /// `令和元年度（2019）`
    #[default]
    EraWestern,
    /// `令和元年度`
    Era,
    /// `2019年度`
    Western,
    /// `R1`
    EraShort,
    /// English pages' `era_western`: `FY2019 (Reiwa 1)`
    EnglishEraWestern,
    /// English pages' `era`: `FY Reiwa 1`
    EnglishEra,
    /// English pages' `western`: `FY2019`
    EnglishWestern,
}

impl YearStyle {
    /// Every style, in the order of [`YearStyle::NAMES`].
    pub const ALL: [YearStyle; 4] = [
        YearStyle::EraWestern,
        YearStyle::Era,
        YearStyle::Western,
        YearStyle::EraShort,
    ];

    /// The accepted spellings in site settings.
    pub const NAMES: [&'static str; 4] = ["era_western", "era", "western", "era_short"];

    /// The setting's spelling: "era_western" (an English form is its setting's).
    pub fn name(self) -> &'static str {
        match self {
            YearStyle::EraWestern | YearStyle::EnglishEraWestern => "era_western",
            YearStyle::Era | YearStyle::EnglishEra => "era",
            YearStyle::Western | YearStyle::EnglishWestern => "western",
            YearStyle::EraShort => "era_short",
        }
    }

    /// The style as an English page writes it: `FY2019 (Reiwa 1)`, `FY Reiwa 1`,
    /// `FY2019`; `R1` stays as it is (it is already Latin letters and digits).
    pub fn english(self) -> YearStyle {
        match self {
            YearStyle::EraWestern => YearStyle::EnglishEraWestern,
            YearStyle::Era => YearStyle::EnglishEra,
            YearStyle::Western => YearStyle::EnglishWestern,
            other => other,
        }
    }

    /// Whether the style writes the Western year alone (`2019年度`, `FY2019`).
    pub fn is_western(self) -> bool {
        matches!(self, YearStyle::Western | YearStyle::EnglishWestern)
    }
}

impl fmt::Display for YearStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for YearStyle {
    type Err = YearStyleError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        YearStyle::ALL
            .into_iter()
            .find(|style| style.name() == t)
            .ok_or_else(|| YearStyleError {
                found: s.to_string(),
            })
    }
}

/// A year style setting that is not one of [`YearStyle::NAMES`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearStyleError {
    pub found: String,
}

impl YearStyleError {
    /// The message in English.
    pub fn en(&self) -> String {
        format!(
            "unknown year style \"{}\"; use one of: {}",
            self.found,
            YearStyle::NAMES.join(", ")
        )
    }

    /// The message in Japanese.
    pub fn ja(&self) -> String {
        format!(
            "年度の表示形式として読めません: 「{}」。{} のいずれかを書いてください",
            self.found,
            YearStyle::NAMES.join("、")
        )
    }
}

impl fmt::Display for YearStyleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en())
    }
}

impl std::error::Error for YearStyleError {}

/// Why a text is not a fiscal year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearErrorKind {
    /// Not any accepted spelling.
    NotAYear,
    /// An era year numbered 0 ("R0").
    EraYearZero { era: Era },
    /// An era year past the era's end ("昭和70年度": Showa ended in 64).
    PastEraEnd { era: Era, number: u32 },
    /// A year outside 1868–2200 (written in Western years or in era years).
    OutOfRange { western: u32 },
    /// Two spellings of different years side by side: "令和元年度（2018）".
    Mismatch {
        written: FiscalYear,
        western: FiscalYear,
    },
}

/// A text that is not a fiscal year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearError {
    /// The text as given.
    pub found: String,
    pub kind: YearErrorKind,
}

const EXAMPLES_EN: &str = "write 2019, FY2019, R01, 令和元年度, H31, …";
const EXAMPLES_JA: &str = "2019、FY2019、R01、令和元年度、H31 などと書いてください";

impl YearError {
    fn new(found: &str, kind: YearErrorKind) -> Self {
        YearError {
            found: found.to_string(),
            kind,
        }
    }

    /// The message in English.
    pub fn en(&self) -> String {
        let found = &self.found;
        match self.kind {
            YearErrorKind::NotAYear => format!("not a fiscal year: \"{found}\"; {EXAMPLES_EN}"),
            YearErrorKind::EraYearZero { era } => format!(
                "not a fiscal year: \"{found}\"; era years count from 1 (元年), \
                 e.g. {}1 = {}元年度 = {}",
                era.letter(),
                era.kanji(),
                era.first_year()
            ),
            YearErrorKind::PastEraEnd { era, number } => format!(
                "not a fiscal year: \"{found}\"; {} ({}) ended in its year {}, \
                 so {}{number} does not exist",
                era.name(),
                era.kanji(),
                era.last_number().unwrap_or(0),
                era.kanji()
            ),
            YearErrorKind::OutOfRange { western } => format!(
                "fiscal year out of range: \"{found}\" is the year {western}; \
                 years from {} to {} are supported",
                FiscalYear::MIN.0,
                FiscalYear::MAX.0
            ),
            YearErrorKind::Mismatch { written, western } => format!(
                "\"{found}\" names two different fiscal years: {} is {}, not {}",
                written.display(YearStyle::Era),
                written.0,
                western.0
            ),
        }
    }

    /// The message in Japanese.
    pub fn ja(&self) -> String {
        let found = &self.found;
        match self.kind {
            YearErrorKind::NotAYear => format!("年度として読めません: 「{found}」。{EXAMPLES_JA}"),
            YearErrorKind::EraYearZero { era } => format!(
                "年度として読めません: 「{found}」。和暦の年は元年（1年）から数えます\
                 （例: {}1 = {}元年度 = {}年度）",
                era.letter(),
                era.kanji(),
                era.first_year()
            ),
            YearErrorKind::PastEraEnd { era, number } => format!(
                "年度として読めません: 「{found}」。{}は{}年までで、{}{number}年はありません",
                era.kanji(),
                era.last_number().unwrap_or(0),
                era.kanji()
            ),
            YearErrorKind::OutOfRange { western } => format!(
                "対応範囲外の年度です: 「{found}」（{western}年）。{}年度から{}年度までを書いてください",
                FiscalYear::MIN.0,
                FiscalYear::MAX.0
            ),
            YearErrorKind::Mismatch { written, western } => format!(
                "「{found}」は二つの異なる年度を指しています: {}は{}年度で、{}年度ではありません",
                written.display(YearStyle::Era),
                written.0,
                western.0
            ),
        }
    }
}

impl fmt::Display for YearError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en())
    }
}

impl std::error::Error for YearError {}

/// Folds full-width ASCII (U+FF01..=U+FF5E) to ASCII and the ideographic space
/// (U+3000) to a space. Borrows when nothing changes.
pub fn fold_width(s: &str) -> Cow<'_, str> {
    fn folds(c: char) -> bool {
        matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}')
    }
    if !s.chars().any(folds) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| match c {
                '\u{3000}' => ' ',
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                c => c,
            })
            .collect(),
    )
}

/// Parses 1 to 6 ASCII digits.
fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 6 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// An era year number: "元" or 1 to 6 ASCII digits (range checked later).
fn era_number(s: &str) -> Option<u32> {
    if s == "元" { Some(1) } else { digits(s) }
}

/// Strips one "年度" or "年" at the end, then trims.
fn strip_year_suffix(s: &str) -> &str {
    s.strip_suffix("年度")
        .or_else(|| s.strip_suffix('年'))
        .unwrap_or(s)
        .trim()
}

/// Strips a case-insensitive ASCII prefix.
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

impl FiscalYear {
    /// The earliest fiscal year: 1868 (明治元年度).
    pub const MIN: FiscalYear = FiscalYear(1868);
    /// The latest fiscal year: 2200.
    pub const MAX: FiscalYear = FiscalYear(2200);

    /// The fiscal year starting in April of `western`, if within range.
    pub fn new(western: u16) -> Option<Self> {
        (Self::MIN.0..=Self::MAX.0)
            .contains(&western)
            .then_some(FiscalYear(western))
    }

    /// The Western year in which the fiscal year starts.
    pub fn western(self) -> u16 {
        self.0
    }

    /// The era and year number under which the fiscal year is known: FY2019 is
    /// (Reiwa, 1) = 令和元年度, FY2018 is (Heisei, 30), FY1989 is (Heisei, 1).
    pub fn era(self) -> (Era, u16) {
        let era = Era::ALL
            .into_iter()
            .rev()
            .find(|e| e.first_fiscal_year() <= self.0)
            .unwrap_or(Era::Meiji);
        (era, self.0 - era.first_year() + 1)
    }

    /// The fiscal year numbered `number` in `era` (1 = 元年), checking the era's
    /// end and the supported range: `from_era(Era::Heisei, 32)` is FY2020.
    pub fn from_era(era: Era, number: u16) -> Option<Self> {
        Self::from_era_checked(era, u32::from(number)).ok()
    }

    fn from_era_checked(era: Era, number: u32) -> Result<Self, YearErrorKind> {
        if number == 0 {
            return Err(YearErrorKind::EraYearZero { era });
        }
        if era
            .last_number()
            .is_some_and(|last| number > u32::from(last))
        {
            return Err(YearErrorKind::PastEraEnd { era, number });
        }
        Self::from_western_checked(u32::from(era.first_year()) + number - 1)
    }

    fn from_western_checked(western: u32) -> Result<Self, YearErrorKind> {
        u16::try_from(western)
            .ok()
            .and_then(FiscalYear::new)
            .ok_or(YearErrorKind::OutOfRange { western })
    }

    /// Parses any accepted spelling, after [`fold_width`] and trimming; letters are
    /// case-insensitive:
    ///
    /// - Western: `2019`, `FY2019`, `FY 2019`, `2019年度`, `2019年`
    /// - era letter: `R1`, `R01`, `R元`, `H31`, `H32` (= 2020), `S64`, `T15`, `M45`,
    ///   optionally followed by `年度` or `年`
    /// - era kanji: `令和元年度`, `令和1年度`, `令和元年`, `平成31年度`, `昭和64年度`
    /// - both, as [`FiscalYear::display`] writes them: `令和元年度（2019）`; the two
    ///   must name the same year.
    pub fn parse(s: &str) -> Result<Self, YearError> {
        Self::parse_spelled(s).map(|(year, _)| year)
    }

    /// Like [`FiscalYear::parse`], but a bare era number (`26`, `元`, `26年度`) is
    /// read as a year of `era`. Used for the end of a span such as `H22～26`.
    pub fn parse_in_era(s: &str, era: Era) -> Result<Self, YearError> {
        let folded = fold_width(s);
        let body = strip_year_suffix(folded.trim());
        match era_number(body) {
            Some(n) if body == "元" || body.len() <= 3 => {
                Self::from_era_checked(era, n).map_err(|kind| YearError::new(s, kind))
            }
            _ => Self::parse(s),
        }
    }

    /// Parses like [`FiscalYear::parse`] and also returns the era the text was
    /// written in (`None` for Western spellings).
    pub fn parse_spelled(s: &str) -> Result<(Self, Option<Era>), YearError> {
        let folded = fold_width(s);
        Self::parse_folded(folded.trim()).map_err(|kind| YearError::new(s, kind))
    }

    fn parse_folded(t: &str) -> Result<(Self, Option<Era>), YearErrorKind> {
        // "令和元年度(2019)": two spellings that must agree.
        if let Some(inner) = t.strip_suffix(')')
            && let Some((outer, inner)) = inner.split_once('(')
        {
            let (first, era) = Self::parse_single(outer.trim())?;
            let (second, era2) = Self::parse_single(inner.trim())?;
            if first != second {
                let (written, western) = if era.is_none() && era2.is_some() {
                    (second, first)
                } else {
                    (first, second)
                };
                return Err(YearErrorKind::Mismatch { written, western });
            }
            return Ok((first, era.or(era2)));
        }
        Self::parse_single(t)
    }

    fn parse_single(t: &str) -> Result<(Self, Option<Era>), YearErrorKind> {
        let body = strip_year_suffix(t);
        // Western, optionally after "FY".
        let western = strip_prefix_ci(body, "FY").map_or(body, str::trim);
        if western.len() >= 3 && western.bytes().all(|b| b.is_ascii_digit()) {
            let year = digits(western).ok_or(YearErrorKind::NotAYear)?;
            return Self::from_western_checked(year).map(|y| (y, None));
        }
        // Era in kanji or as a letter.
        let (era, rest) = if let Some(found) = Era::strip_kanji(body) {
            found
        } else {
            let mut chars = body.chars();
            let era = chars
                .next()
                .and_then(Era::from_letter)
                .ok_or(YearErrorKind::NotAYear)?;
            (era, chars.as_str())
        };
        let number = era_number(rest.trim()).ok_or(YearErrorKind::NotAYear)?;
        Self::from_era_checked(era, number).map(|y| (y, Some(era)))
    }

    /// The fiscal year in `style`: EraWestern "令和元年度（2019）", Era "令和元年度" /
    /// "平成30年度", Western "2019年度", EraShort "R1" / "H30"; in English
    /// "FY2019 (Reiwa 1)", "FY Reiwa 1", "FY2019".
    ///
    /// Given [`YearNames`] (the site's style and the era its sheet keeps), a year the
    /// sheet names in an era that had ended is written in it: 平成31年度, 平成32年度.
    pub fn display(self, names: impl Into<YearNames>) -> String {
        // Built piece by piece rather than with `format!`: a large site shows years
        // hundreds of thousands of times, and the formatting machinery was 2 % of a build.
        let YearNames { style, kept } = names.into();
        let era = self.era_kept(kept);
        let mut out = String::with_capacity(32);
        match style {
            YearStyle::EraWestern => {
                push_era(era, &mut out);
                out.push('（');
                out.push_str(itoa::Buffer::new().format(self.0));
                out.push('）');
            }
            YearStyle::Era => push_era(era, &mut out),
            YearStyle::Western => {
                out.push_str(itoa::Buffer::new().format(self.0));
                out.push_str("年度");
            }
            YearStyle::EraShort => push_short(era, &mut out),
            YearStyle::EnglishEraWestern => {
                out.push_str("FY");
                out.push_str(itoa::Buffer::new().format(self.0));
                out.push_str(" (");
                push_era_english(era, &mut out);
                out.push(')');
            }
            YearStyle::EnglishEra => {
                out.push_str("FY ");
                push_era_english(era, &mut out);
            }
            YearStyle::EnglishWestern => {
                out.push_str("FY");
                out.push_str(itoa::Buffer::new().format(self.0));
            }
        }
        out
    }

    /// The era and number under which the site names the year: as [`FiscalYear::era`],
    /// except a year its sheet names in an era that had ended ([`KeptEra`]): FY2020 is
    /// (Heisei, 32) on a sheet printed before 令和 began.
    pub fn era_kept(self, kept: KeptEra) -> (Era, u16) {
        match kept.0 {
            Some((era, through)) if self <= through && self.0 >= era.first_year() => {
                (era, self.0 - era.first_year() + 1)
            }
            _ => self.era(),
        }
    }

    /// The compact label "R1", "H30": era letter and number, 元年 as 1.
    pub fn short(self) -> String {
        self.short_kept(KeptEra::default())
    }

    /// The compact label with a two-digit number, as kensho writes a year in the files it
    /// writes for staff (`kensho new`, `kensho year`): "R07", "H30".
    pub fn short_padded(self) -> String {
        let (era, n) = self.era();
        format!("{}{n:02}", era.letter())
    }

    /// The compact label in the era the sheet keeps: "H32" for FY2020 on a sheet
    /// printed before 令和 began.
    pub fn short_kept(self, kept: KeptEra) -> String {
        let mut out = String::with_capacity(8);
        push_short(self.era_kept(kept), &mut out);
        out
    }

    /// The compact label as a site writes it (`short_years`): "H31" for FY2019, "R02"
    /// for FY2020 on a site whose sheet prints them so, else [`FiscalYear::short`].
    pub fn short_in(self, kept: &ShortYears) -> String {
        match kept.0.iter().find(|(y, _)| *y == self) {
            Some((_, written)) => written.clone(),
            None => self.short_kept(kept.era()),
        }
    }

    /// Where a sheet of `report` year would name this later year in the report year's era
    /// and kensho names it in a newer one (「元」 or 「2」 for 令和, a sheet printed under 平成
    /// writing 31 and 32): the report's era and the year's number in it, (Heisei, 31);
    /// `None` where both name it alike or the year is listed in `kept` as its sheet writes
    /// it.
    pub fn in_older_era(self, report: FiscalYear, kept: &ShortYears) -> Option<(Era, u16)> {
        let (report_era, _) = report.era_kept(kept.era());
        let listed = kept.0.iter().any(|(y, _)| *y == self);
        let (era, _) = self.era_kept(kept.era());
        // Only a sheet surely printed before the era began: one of the year before it or
        // earlier (a 平成30年度 review, printed in the summer of 2019, may print 令和元年度).
        let before = self.era().0.first_fiscal_year() > report.0 + 1;
        (self > report && era != report_era && !listed && before)
            .then(|| (report_era, self.0 - report_era.first_year() + 1))
    }

    /// The year's number in its era as written short, without the era's letter: 瑞浪市's
    /// 「24年度」 for 平成24年度 (`{year_number}` in a heading); an era's first year is
    /// 元, as sheets print it (「元年度」, never 「1年度」), unless the site lists the year as
    /// its sheet writes it (`short_years = ["R1"]`: 1, `["R01"]`: 01).
    pub fn number_in(self, kept: &ShortYears) -> String {
        let short = self.short_in(kept);
        let written = kept.0.iter().any(|(y, _)| *y == self);
        match short.trim_start_matches(|c: char| c.is_ascii_alphabetic()) {
            "1" if !written => "元".to_string(),
            n => n.to_string(),
        }
    }

    /// The following fiscal year, if within range.
    pub fn next(self) -> Option<Self> {
        Self::new(self.0.checked_add(1)?)
    }

    /// The preceding fiscal year, if within range.
    pub fn prev(self) -> Option<Self> {
        Self::new(self.0.checked_sub(1)?)
    }
}

/// "Reiwa 1", "Heisei 30": the era's name and number (元年 is 1).
fn push_era_english((era, n): (Era, u16), out: &mut String) {
    out.push_str(era.name());
    out.push(' ');
    out.push_str(itoa::Buffer::new().format(n));
}

/// "令和元年度", "平成30年度".
fn push_era((era, n): (Era, u16), out: &mut String) {
    out.push_str(era.kanji());
    if n == 1 {
        out.push('元');
    } else {
        out.push_str(itoa::Buffer::new().format(n));
    }
    out.push_str("年度");
}

/// "R1", "H30".
fn push_short((era, n): (Era, u16), out: &mut String) {
    out.push(era.letter());
    out.push_str(itoa::Buffer::new().format(n));
}

/// How a site names its years: its [`YearStyle`] and the era its sheet keeps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct YearNames {
    pub style: YearStyle,
    pub kept: KeptEra,
}

impl From<YearStyle> for YearNames {
    fn from(style: YearStyle) -> Self {
        YearNames {
            style,
            kept: KeptEra::default(),
        }
    }
}

/// The era a sheet printed before the next era began keeps naming its years in, and
/// the last year it names so (`short_years = ["H31", "H32"]`: 平成, through FY2020):
/// a plan of 2015 sets targets for 平成32年度, which the site writes as printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeptEra(Option<(Era, FiscalYear)>);

/// The years a site's sheets write short otherwise than kensho would, each as printed
/// (`short_years = ["H31", "R02"]` in site.toml): a sheet written before 令和 began heads
/// FY2019 「H31」, and 北上市's KPI table heads H30, H31, R02 (with its zero); a plan written
/// before 2019 heads FY2020 「H32」. `{year_short}` in a heading follows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShortYears(pub Vec<(FiscalYear, String)>);

impl ShortYears {
    /// The era the listed years keep past its end, if any (H31 for FY2019): the latest
    /// such year bounds it.
    pub fn era(&self) -> KeptEra {
        let kept = self.0.iter().filter_map(|(y, written)| {
            let era = Era::from_letter(written.chars().next()?)?;
            (era != y.era().0).then_some((era, *y))
        });
        KeptEra(kept.max_by_key(|(_, y)| *y))
    }
}

/// The fiscal years a site's data may name: from [`YearSpan::BEFORE`] years before the
/// report year to [`YearSpan::AFTER`] after it. site.toml states no plan period, so this
/// window is what tells a typo (`H99` = 2087) from a year a plan can mean (`H32` = 2020).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct YearSpan {
    pub first: FiscalYear,
    pub last: FiscalYear,
}

impl YearSpan {
    /// Years before the report year still accepted: baselines of long-running surveys.
    pub const BEFORE: u16 = 30;
    /// Years after the report year still accepted: the longest planning horizon.
    pub const AFTER: u16 = 10;

    /// The window around `report_year`, clamped to the supported range.
    pub fn around(report_year: FiscalYear) -> YearSpan {
        let y = report_year.western();
        YearSpan {
            first: FiscalYear::new(y.saturating_sub(Self::BEFORE)).unwrap_or(FiscalYear::MIN),
            last: FiscalYear::new(y.saturating_add(Self::AFTER)).unwrap_or(FiscalYear::MAX),
        }
    }

    pub fn contains(self, year: FiscalYear) -> bool {
        (self.first..=self.last).contains(&year)
    }

    /// Why `year`, written `found`, is refused, in Japanese and English.
    pub fn refusal(self, found: &str, year: FiscalYear) -> (String, String) {
        let (a, b) = (self.first, self.last);
        (
            format!(
                "「{found}」は{}（{}年度）で、このサイトの年度の範囲外です。\
                 報告年度（site.toml の report_year）の{}年前から{}年後まで、\
                 {}（{}）から{}（{}）までの年度を書いてください",
                year.display(YearStyle::Era),
                year.western(),
                Self::BEFORE,
                Self::AFTER,
                a.display(YearStyle::Era),
                a.western(),
                b.display(YearStyle::Era),
                b.western()
            ),
            format!(
                "\"{found}\" is FY{} ({}), outside the years this site accepts: \
                 from {} before to {} after the report year (report_year in site.toml), \
                 FY{} ({}) to FY{} ({})",
                year.western(),
                year.short(),
                Self::BEFORE,
                Self::AFTER,
                a.western(),
                a.short(),
                b.western(),
                b.short()
            ),
        )
    }
}

impl FromStr for FiscalYear {
    type Err = YearError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fy(y: u16) -> FiscalYear {
        FiscalYear::new(y).expect("in range")
    }

    fn p(s: &str) -> FiscalYear {
        match FiscalYear::parse(s) {
            Ok(y) => y,
            Err(e) => panic!("{s:?} should parse: {e}"),
        }
    }

    fn err(s: &str) -> YearError {
        match FiscalYear::parse(s) {
            Ok(y) => panic!("{s:?} should not parse, got {y:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn range() {
        assert_eq!(FiscalYear::new(1867), None);
        assert_eq!(FiscalYear::new(2201), None);
        assert_eq!(FiscalYear::new(1868), Some(FiscalYear::MIN));
        assert_eq!(FiscalYear::new(2200), Some(FiscalYear::MAX));
        assert_eq!(fy(2019).western(), 2019);
    }

    #[test]
    fn the_span_runs_from_thirty_years_before_the_report_year_to_ten_after() {
        let span = YearSpan::around(fy(2020));
        assert_eq!((span.first, span.last), (fy(1990), fy(2030)));
        assert!(span.contains(p("H32")) && span.contains(p("H42")));
        assert!(!span.contains(p("H99")) && !span.contains(p("H43")));
        let (ja, en) = span.refusal("H99", p("H99"));
        assert!(
            en.contains("FY2087") && en.contains("FY1990 (H2) to FY2030 (R12)"),
            "{en}"
        );
        assert!(
            ja.contains("平成2年度（1990）から令和12年度（2030）"),
            "{ja}"
        );
        let edge = YearSpan::around(FiscalYear::MAX);
        assert_eq!(edge.last, FiscalYear::MAX);
    }

    #[test]
    fn english_styles_name_the_fiscal_year_and_the_era_in_words() {
        let y = fy(2019);
        assert_eq!(
            y.display(YearStyle::EraWestern.english()),
            "FY2019 (Reiwa 1)"
        );
        assert_eq!(y.display(YearStyle::Era.english()), "FY Reiwa 1");
        assert_eq!(y.display(YearStyle::Western.english()), "FY2019");
        assert_eq!(y.display(YearStyle::EraShort.english()), "R1");
        assert_eq!(fy(2018).display(YearStyle::EnglishEra), "FY Heisei 30");
        // Japanese stays as it was.
        assert_eq!(y.display(YearStyle::EraWestern), "令和元年度（2019）");
        assert_eq!(YearStyle::EnglishWestern.name(), "western");
    }

    #[test]
    fn next_and_prev() {
        assert_eq!(fy(2019).next(), Some(fy(2020)));
        assert_eq!(fy(2019).prev(), Some(fy(2018)));
        assert_eq!(FiscalYear::MAX.next(), None);
        assert_eq!(FiscalYear::MIN.prev(), None);
    }

    #[test]
    fn era_letters_kanji_and_first_years() {
        let table = [
            (Era::Meiji, "明治", 'M', 1868),
            (Era::Taisho, "大正", 'T', 1912),
            (Era::Showa, "昭和", 'S', 1926),
            (Era::Heisei, "平成", 'H', 1989),
            (Era::Reiwa, "令和", 'R', 2019),
        ];
        for (era, kanji, letter, first) in table {
            assert_eq!(era.kanji(), kanji);
            assert_eq!(era.letter(), letter);
            assert_eq!(era.first_year(), first);
            assert_eq!(Era::from_letter(letter.to_ascii_lowercase()), Some(era));
        }
        assert_eq!(Era::from_letter('x'), None);
    }

    #[test]
    fn era_of_fiscal_year() {
        assert_eq!(fy(2019).era(), (Era::Reiwa, 1));
        assert_eq!(fy(2018).era(), (Era::Heisei, 30));
        assert_eq!(fy(1989).era(), (Era::Heisei, 1));
        assert_eq!(fy(1988).era(), (Era::Showa, 63));
        assert_eq!(fy(1927).era(), (Era::Showa, 2));
        assert_eq!(fy(1926).era(), (Era::Taisho, 15));
        assert_eq!(fy(1912).era(), (Era::Taisho, 1));
        assert_eq!(fy(1911).era(), (Era::Meiji, 44));
        assert_eq!(fy(1868).era(), (Era::Meiji, 1));
        assert_eq!(fy(2020).era(), (Era::Reiwa, 2));
        assert_eq!(FiscalYear::MAX.era(), (Era::Reiwa, 182));
    }

    #[test]
    fn from_era() {
        assert_eq!(FiscalYear::from_era(Era::Heisei, 32), Some(fy(2020)));
        assert_eq!(FiscalYear::from_era(Era::Showa, 64), Some(fy(1989)));
        assert_eq!(FiscalYear::from_era(Era::Showa, 65), None);
        assert_eq!(FiscalYear::from_era(Era::Reiwa, 0), None);
        assert_eq!(FiscalYear::from_era(Era::Reiwa, 183), None);
    }

    #[test]
    fn western_spellings() {
        for s in [
            "2019",
            "FY2019",
            "FY 2019",
            "fy2019",
            "2019年度",
            "2019年",
            " 2019 ",
        ] {
            assert_eq!(p(s), fy(2019), "{s}");
        }
        assert_eq!(p("FY2019年度"), fy(2019));
        assert_eq!(p("1868"), FiscalYear::MIN);
        assert_eq!(p("2200"), FiscalYear::MAX);
    }

    #[test]
    fn era_letter_spellings() {
        for s in [
            "R1",
            "R01",
            "R元",
            "r1",
            "R1年度",
            "R元年度",
            "R01年",
            "H31",
            "h31",
            "H31年度",
        ] {
            assert_eq!(p(s), fy(2019), "{s}");
        }
        assert_eq!(p("H32"), fy(2020));
        assert_eq!(p("R02"), fy(2020));
        assert_eq!(p("H30"), fy(2018));
        assert_eq!(p("S64"), fy(1989));
        assert_eq!(p("H1"), fy(1989));
        assert_eq!(p("H元"), fy(1989));
        assert_eq!(p("T15"), fy(1926));
        assert_eq!(p("S1"), fy(1926));
        assert_eq!(p("M45"), fy(1912));
        assert_eq!(p("T1"), fy(1912));
        assert_eq!(p("M1"), fy(1868));
        assert_eq!(p("H212"), FiscalYear::MAX);
        assert_eq!(p("R182"), FiscalYear::MAX);
    }

    #[test]
    fn era_kanji_spellings() {
        for s in [
            "令和元年度",
            "令和1年度",
            "令和01年度",
            "令和元年",
            "令和元",
            "平成31年度",
            "平成３１年度",
            "平成31年",
        ] {
            assert_eq!(p(s), fy(2019), "{s}");
        }
        assert_eq!(p("昭和64年度"), fy(1989));
        assert_eq!(p("平成元年度"), fy(1989));
        assert_eq!(p("平成30年度"), fy(2018));
        assert_eq!(p("大正15年度"), fy(1926));
        assert_eq!(p("明治元年度"), fy(1868));
    }

    #[test]
    fn full_width_spellings() {
        assert_eq!(p("Ｒ０１"), fy(2019));
        assert_eq!(p("２０１９"), fy(2019));
        assert_eq!(p("ＦＹ２０１９"), fy(2019));
        assert_eq!(p("ｈ３１年度"), fy(2019));
        assert_eq!(p("\u{3000}2019\u{3000}"), fy(2019));
    }

    #[test]
    fn both_spellings_together() {
        assert_eq!(p("令和元年度（2019）"), fy(2019));
        assert_eq!(p("令和元年度(2019)"), fy(2019));
        assert_eq!(p("2019 (R1)"), fy(2019));
        assert_eq!(p("平成31年度（2019）"), fy(2019));
        let e = err("令和元年度（2018）");
        assert_eq!(
            e.kind,
            YearErrorKind::Mismatch {
                written: fy(2019),
                western: fy(2018)
            }
        );
        assert!(e.en().contains("2019"), "{}", e.en());
        assert!(e.ja().contains("2018年度ではありません"), "{}", e.ja());
    }

    #[test]
    fn display_styles() {
        let y = fy(2019);
        assert_eq!(y.display(YearStyle::EraWestern), "令和元年度（2019）");
        assert_eq!(y.display(YearStyle::Era), "令和元年度");
        assert_eq!(y.display(YearStyle::Western), "2019年度");
        assert_eq!(y.display(YearStyle::EraShort), "R1");
        assert_eq!(y.short(), "R1");
        let y = fy(2018);
        assert_eq!(y.display(YearStyle::EraWestern), "平成30年度（2018）");
        assert_eq!(y.display(YearStyle::Era), "平成30年度");
        assert_eq!(y.display(YearStyle::Western), "2018年度");
        assert_eq!(y.display(YearStyle::EraShort), "H30");
        assert_eq!(y.short(), "H30");
        assert_eq!(fy(1989).display(YearStyle::Era), "平成元年度");
        assert_eq!(fy(1989).short(), "H1");
        assert_eq!(fy(2020).display(YearStyle::Era), "令和2年度");
        assert_eq!(fy(1926).display(YearStyle::Era), "大正15年度");
    }

    #[test]
    fn an_eras_first_year_is_numbered_gan_and_a_kept_era_named_in_it() {
        let r1 = FiscalYear::new(2019).unwrap();
        let r2 = FiscalYear::new(2020).unwrap();
        let none = ShortYears::default();
        assert_eq!(r1.number_in(&none), "元");
        assert_eq!(r2.number_in(&none), "2");
        assert_eq!(FiscalYear::new(1989).unwrap().number_in(&none), "元");
        let kept = ShortYears(vec![(r1, "H31".to_string()), (r2, "H32".to_string())]);
        assert_eq!(r1.number_in(&kept), "31");
        assert_eq!(r2.short_in(&kept), "H32");
        assert_eq!(
            r2.display(YearNames {
                style: YearStyle::Era,
                kept: kept.era()
            }),
            "平成32年度"
        );
        assert_eq!(r2.display(YearStyle::Era), "令和2年度");
        let padded = ShortYears(vec![(r1, "R01".to_string())]);
        assert_eq!(r1.number_in(&padded), "01");
        let listed = ShortYears(vec![(r1, "R1".to_string())]);
        assert_eq!(r1.number_in(&listed), "1");
        assert_eq!(padded.era(), KeptEra::default());
    }

    #[test]
    fn year_style_names() {
        for (style, name) in YearStyle::ALL.into_iter().zip(YearStyle::NAMES) {
            assert_eq!(style.name(), name);
            assert_eq!(name.parse::<YearStyle>(), Ok(style));
            assert_eq!(style.to_string(), name);
        }
        assert_eq!("era".parse(), Ok(YearStyle::Era));
        assert_eq!("era_western".parse(), Ok(YearStyle::EraWestern));
        assert_eq!("western".parse(), Ok(YearStyle::Western));
        assert_eq!("era_short".parse(), Ok(YearStyle::EraShort));
        let e = "japanese".parse::<YearStyle>().unwrap_err();
        assert_eq!(e.found, "japanese");
        assert!(e.en().contains("era_western, era, western, era_short"));
        assert!(e.ja().contains("「japanese」"));
        assert_eq!(YearStyle::default(), YearStyle::EraWestern);
    }

    #[test]
    fn not_a_year() {
        for s in [
            "",
            "H3x",
            "abc",
            "19",
            "FY19",
            "R",
            "令和",
            "令和元年度年",
            "X1",
            "R1.5",
            "R-1",
            "1234567",
            "H28 開始",
            "2019年度度",
            "(2019)",
            "2019(",
            "R1 R2",
        ] {
            let e = err(s);
            assert_eq!(e.kind, YearErrorKind::NotAYear, "{s}");
            assert_eq!(e.found, s);
        }
    }

    #[test]
    fn not_a_year_messages() {
        let e = err("H3x");
        assert_eq!(
            e.ja(),
            "年度として読めません: 「H3x」。2019、FY2019、R01、令和元年度、H31 などと書いてください"
        );
        assert_eq!(
            e.en(),
            "not a fiscal year: \"H3x\"; write 2019, FY2019, R01, 令和元年度, H31, …"
        );
        assert_eq!(e.to_string(), e.en());
        let boxed: Box<dyn std::error::Error> = Box::new(e);
        assert!(boxed.to_string().starts_with("not a fiscal year"));
    }

    #[test]
    fn era_year_zero() {
        for s in ["R0", "R00", "H0年度", "令和0年度"] {
            assert!(
                matches!(err(s).kind, YearErrorKind::EraYearZero { .. }),
                "{s}"
            );
        }
        let e = err("R0");
        assert!(e.en().contains("count from 1"), "{}", e.en());
        assert!(e.ja().contains("元年"), "{}", e.ja());
    }

    #[test]
    fn past_era_end() {
        let e = err("昭和70年度");
        assert_eq!(
            e.kind,
            YearErrorKind::PastEraEnd {
                era: Era::Showa,
                number: 70
            }
        );
        assert!(e.en().contains("Showa"), "{}", e.en());
        assert!(e.en().contains("64"), "{}", e.en());
        assert!(e.ja().contains("昭和は64年まで"), "{}", e.ja());
        assert!(matches!(err("S65").kind, YearErrorKind::PastEraEnd { .. }));
        assert!(matches!(err("T16").kind, YearErrorKind::PastEraEnd { .. }));
        assert!(matches!(err("M46").kind, YearErrorKind::PastEraEnd { .. }));
    }

    #[test]
    fn out_of_range() {
        let e = err("1700");
        assert_eq!(e.kind, YearErrorKind::OutOfRange { western: 1700 });
        assert!(e.en().contains("1868"), "{}", e.en());
        assert!(e.ja().contains("範囲外"), "{}", e.ja());
        assert_eq!(
            err("2201").kind,
            YearErrorKind::OutOfRange { western: 2201 }
        );
        assert_eq!(
            err("FY1867").kind,
            YearErrorKind::OutOfRange { western: 1867 }
        );
        assert_eq!(err("999").kind, YearErrorKind::OutOfRange { western: 999 });
        assert_eq!(
            err("H213").kind,
            YearErrorKind::OutOfRange { western: 2201 }
        );
        assert_eq!(
            err("R183").kind,
            YearErrorKind::OutOfRange { western: 2201 }
        );
        assert_eq!(
            err("R999999").kind,
            YearErrorKind::OutOfRange { western: 1_002_017 }
        );
        assert_ne!(e.en(), err("H3x").en());
    }

    #[test]
    fn parse_in_era_reads_bare_numbers() {
        assert_eq!(FiscalYear::parse_in_era("26", Era::Heisei), Ok(fy(2014)));
        assert_eq!(FiscalYear::parse_in_era("32", Era::Heisei), Ok(fy(2020)));
        assert_eq!(FiscalYear::parse_in_era("元", Era::Reiwa), Ok(fy(2019)));
        assert_eq!(
            FiscalYear::parse_in_era("２６年度", Era::Heisei),
            Ok(fy(2014))
        );
        assert_eq!(FiscalYear::parse_in_era("R1", Era::Heisei), Ok(fy(2019)));
        assert_eq!(FiscalYear::parse_in_era("2014", Era::Heisei), Ok(fy(2014)));
        assert!(FiscalYear::parse_in_era("65", Era::Showa).is_err());
        assert!(FiscalYear::parse_in_era("x", Era::Showa).is_err());
    }

    #[test]
    fn parse_spelled_reports_the_era() {
        assert_eq!(
            FiscalYear::parse_spelled("H31"),
            Ok((fy(2019), Some(Era::Heisei)))
        );
        assert_eq!(
            FiscalYear::parse_spelled("令和元年度"),
            Ok((fy(2019), Some(Era::Reiwa)))
        );
        assert_eq!(FiscalYear::parse_spelled("FY2019"), Ok((fy(2019), None)));
    }

    #[test]
    fn from_str_and_serialize() {
        assert_eq!("R01".parse::<FiscalYear>(), Ok(fy(2019)));
        fn serializable<T: serde::Serialize>() {}
        serializable::<FiscalYear>();
        serializable::<Era>();
    }

    #[test]
    fn a_short_year_is_as_the_site_writes_it() {
        let kept = ShortYears(vec![(fy(2019), "H31".into()), (fy(2020), "R02".into())]);
        assert_eq!(fy(2019).short_in(&kept), "H31");
        assert_eq!(fy(2020).short_in(&kept), "R02");
        assert_eq!(fy(2021).short_in(&kept), "R3");
        assert_eq!(fy(2019).short_in(&ShortYears::default()), "R1");
    }

    #[test]
    fn fold_width_folds_and_borrows() {
        assert!(matches!(fold_width("R01 令和"), Cow::Borrowed("R01 令和")));
        assert_eq!(fold_width("Ｒ０１"), "R01");
        assert_eq!(fold_width("（２０１９）"), "(2019)");
        assert_eq!(fold_width("\u{3000}ａ～"), " a~");
        assert_eq!(fold_width("！～"), "!~");
        // Outside the block: left alone.
        assert_eq!(
            fold_width("【〜】\u{FF5F}\u{FF00}"),
            "【〜】\u{FF5F}\u{FF00}"
        );
        assert!(matches!(fold_width(""), Cow::Borrowed("")));
    }

    #[test]
    fn every_year_round_trips_in_every_style() {
        let mut y = FiscalYear::MIN;
        loop {
            for style in YearStyle::ALL {
                assert_eq!(p(&y.display(style)), y, "{}", y.display(style));
            }
            assert_eq!(p(&y.short()), y);
            match y.next() {
                Some(n) => y = n,
                None => break,
            }
        }
        assert_eq!(y, FiscalYear::MAX);
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in any::<String>()) {
            let _ = FiscalYear::parse(&s);
            let _ = FiscalYear::parse_in_era(&s, Era::Heisei);
            let _ = fold_width(&s);
        }

        #[test]
        fn parse_never_panics_on_near_misses(
            s in "[0-9０-９RrHhSsTtMmFfYy元年度令和平成昭和大正明治（）() 　xX.-]{0,12}"
        ) {
            if let Err(e) = FiscalYear::parse(&s) {
                prop_assert_eq!(&e.found, &s);
                prop_assert!(!e.en().is_empty() && !e.ja().is_empty());
            }
        }

        #[test]
        fn display_round_trips(y in FiscalYear::MIN.0..=FiscalYear::MAX.0) {
            let y = FiscalYear::new(y).expect("in range");
            for style in YearStyle::ALL {
                prop_assert_eq!(FiscalYear::parse(&y.display(style)), Ok(y));
            }
            prop_assert_eq!(FiscalYear::parse(&y.short()), Ok(y));
            let (era, n) = y.era();
            prop_assert_eq!(FiscalYear::from_era(era, n), Some(y));
        }

        #[test]
        fn fold_width_keeps_ascii(s in "[ -~]*") {
            prop_assert!(matches!(fold_width(&s), Cow::Borrowed(_)));
        }
    }
}
