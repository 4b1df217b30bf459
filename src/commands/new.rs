//! `kensho new <dir>`: a new site that builds at once, made from the city's answers — the
//! city, the plan's folder and its levels, the title, the base URL — given as flags or, at
//! a terminal, asked for in Japanese. The starter's files are templates compiled into the
//! binary (`starter/`), each field explained in Japanese comments; `{name}` in them is
//! filled from the answers.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use crate::diag::{Lang, Message};
use crate::load::CONTENT_DIR;
use crate::model::year::{FiscalYear, YearStyle};

const SITE: &str = include_str!("starter/site.toml");
/// site.toml's plan and grade scale, left out of a site of programs only (`--programs`).
const SITE_PLAN: &str = include_str!("starter/site_plan.toml");
const SITE_STATUSES: &str = include_str!("starter/site_statuses.toml");
const PLAN_INDEX: &str = include_str!("starter/plan_index.md");
const NODE_INDEX: &str = include_str!("starter/node_index.md");
const POLICY: &str = include_str!("starter/policy.md");
const PROGRAM: &str = include_str!("starter/program.md");

pub const DEFAULT_CITY: &str = "〇〇市";
pub const DEFAULT_PLAN_DIR: &str = "senryaku";
pub const DEFAULT_LEVELS: &str = "総合戦略,基本目標,施策";
/// Not the plan folder's name: the pages are at `<base_url><plan dir>/…`, so a base URL
/// ending in the plan's folder would double it (`/senryaku/senryaku/`).
const DEFAULT_BASE: &str = "https://www.city.example.lg.jp/kensho/";
const DEFAULT_BASE_ROOT: &str = "https://www.city.example.lg.jp/";

/// What the command line gave (`kensho new`'s flags; the doc comments are their English
/// help); a value left out is asked for (at a terminal) or defaulted.
#[derive(Clone, Debug, Default, clap::Args)]
pub struct Options {
    /// The municipality's name (default 〇〇市)
    #[arg(long)]
    pub city: Option<String>,
    /// The plan's folder under content/: ASCII letters, digits, - and _ (default senryaku)
    #[arg(long, value_name = "DIR")]
    pub plan_dir: Option<String>,
    /// The plan's level names, 2 to 4, root first (the plan itself, its top page), separated
    /// by commas (default "総合戦略,基本目標,施策")
    #[arg(long)]
    pub levels: Option<String>,
    /// The site's title (default: the city and the first level, then 検証)
    #[arg(long)]
    pub title: Option<String>,
    /// The URL the site is published at (default https://www.city.example.lg.jp/kensho/);
    /// the plan's pages are at <URL><plan dir>/
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The fiscal year the site reports (R07, 令和7年度 or 2025; default: the current
    /// fiscal year, which starts in April)
    #[arg(long, value_name = "YEAR")]
    pub report_year: Option<String>,
    /// A site of program sheets only (事務事業評価): no plan, no grade scale; the plan's
    /// folder and levels are then not asked for
    #[arg(long)]
    pub programs: bool,
    /// Take the defaults for the values not given, without asking
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// The language of messages (the global `--lang`).
    #[arg(skip)]
    pub lang: Option<Lang>,
}

/// The starter's settings, each checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answers {
    /// A site of programs only: no plan (`plan_dir` and `levels` unused).
    pub programs: bool,
    pub city: String,
    pub plan_dir: String,
    pub levels: Vec<String>,
    pub title: String,
    pub base_url: String,
    /// The year the site reports: the starter's years are written around it.
    pub report_year: FiscalYear,
}

/// Write the starter site into `dir`, which must be empty or missing. A file is only ever
/// created, never overwritten, even one that appears while it writes.
pub fn new_site(dir: &Path, opts: &Options) -> i32 {
    let lang = opts.lang.unwrap_or_default();
    if std::fs::symlink_metadata(dir).is_ok()
        && std::fs::read_dir(dir).map_or(true, |mut d| d.next().is_some())
    {
        let d = dir.display();
        let m = Message::new(
            format!(
                "{d} は空ではありません（中の物は変更していません）。新しいフォルダを指定してください"
            ),
            format!("{d} is not empty (nothing in it was changed); choose a new folder"),
        );
        eprintln!("{}", m.in_lang(lang));
        return 1;
    }
    let stdin = std::io::stdin();
    let answers = if !opts.yes && stdin.is_terminal() {
        let (mut input, mut out) = (stdin.lock(), std::io::stderr());
        gather(opts, Some(&mut Prompter::new(&mut input, &mut out, lang)))
    } else {
        gather(opts, None)
    };
    let answers = match answers {
        Ok(a) => a,
        Err(m) => {
            eprintln!("{}", m.in_lang(lang));
            return 1;
        }
    };
    if let Some(w) = doubled_path(&answers) {
        eprintln!("{}", w.in_lang(lang));
    }
    for (path, text) in starter(&answers) {
        let path = dir.join(CONTENT_DIR).join(path);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| create_new(&path, text.as_bytes()));
        if let Err(e) = written {
            let p = path.display();
            let m = Message::new(
                format!("書き込めません（既にある物は変更していません）: {p}: {e}"),
                format!("cannot write {p} (nothing already there was changed): {e}"),
            );
            eprintln!("{}", m.in_lang(lang));
            return 1;
        }
    }
    eprintln!("{}", done(dir, &answers).in_lang(lang));
    0
}

fn done(dir: &Path, a: &Answers) -> Message {
    let (d, plan, url) = (dir.display(), &a.plan_dir, leaf_url(a));
    if a.programs {
        return Message::new(
            format!(
                "新しいサイトを {d} に作りました（事務事業だけのサイト、ページの例 {url}）。次に: cd {d} && kensho serve（プレビュー）／ kensho build（公開用の出力）／ kensho docs（書き方の説明）"
            ),
            format!(
                "created a new site in {d} (programs only, a page's URL {url}); next: cd {d} && kensho serve (preview) or kensho build (output to publish); kensho docs opens the guides"
            ),
        );
    }
    Message::new(
        format!(
            "新しいサイトを {d} に作りました（計画のフォルダ {plan}、階層 {}、ページの例 {url}）。次に: cd {d} && kensho serve（プレビュー）／ kensho build（公開用の出力）／ kensho docs（書き方の説明）",
            a.levels.join(" → ")
        ),
        format!(
            "created a new site in {d} (plan folder {plan}, levels {}, a page's URL {url}); next: cd {d} && kensho serve (preview) or kensho build (output to publish); kensho docs opens the guides",
            a.levels.join(" → ")
        ),
    )
}

/// Each answer from its flag, else asked (when `prompt` is given), else its default.
pub fn gather(opts: &Options, mut prompt: Option<&mut Prompter<'_>>) -> Result<Answers, Message> {
    let mut value = |flag: &Option<String>,
                     question: Message,
                     default: &str,
                     check: &dyn Fn(&str) -> Result<String, Message>| {
        match (flag, prompt.as_deref_mut()) {
            (Some(v), _) => check(v),
            (None, Some(p)) => Ok(p.ask(&question, default, check)),
            (None, None) => check(default),
        }
    };
    let city = value(
        &opts.city,
        Message::new("市町村名", "City (municipality) name"),
        DEFAULT_CITY,
        &check_city,
    )?;
    if opts.programs && (opts.plan_dir.is_some() || opts.levels.is_some()) {
        return Err(Message::new(
            "--programs（事務事業だけのサイト）には計画がないので、--plan-dir と --levels は使えません",
            "--programs (a site of programs only) has no plan: --plan-dir and --levels cannot go with it",
        ));
    }
    // A site of programs only has no plan: its folder and levels are not asked for (the
    // defaults stand in, unused).
    let unasked = |flag: &Option<String>, default: &str| match opts.programs {
        true => Some(default.to_string()),
        false => flag.clone(),
    };
    let plan_dir = value(
        &unasked(&opts.plan_dir, DEFAULT_PLAN_DIR),
        Message::new(
            "計画のフォルダ名（半角の英数字と - _。ページの URL になります）",
            "The plan's folder name (ASCII letters, digits, - and _; it is in the pages' URLs)",
        ),
        DEFAULT_PLAN_DIR,
        &check_plan_dir,
    )?;
    let levels = value(
        &unasked(&opts.levels, DEFAULT_LEVELS),
        Message::new(
            "計画の階層の名前（上から2〜4個、カンマ区切り。最初は計画そのもの（最上位のページ））",
            "The plan's level names (2 to 4, root first: the plan itself, its top page; separated by commas)",
        ),
        DEFAULT_LEVELS,
        &|s: &str| check_levels(s).map(|l| l.join(",")),
    )?;
    let levels = check_levels(&levels)?;
    let title = value(
        &opts.title,
        Message::new("サイトの題名", "The site's title"),
        &match opts.programs {
            true => format!("{city} 事務事業評価"),
            false => format!("{city}{} 検証", levels[0]),
        },
        &check_title,
    )?;
    let default_base = if plan_dir.eq_ignore_ascii_case("kensho") {
        DEFAULT_BASE_ROOT
    } else {
        DEFAULT_BASE
    };
    let base_url = value(
        &opts.base_url,
        Message::new(
            "公開する場所の URL（サイトのいちばん上。計画のフォルダはこの下にできます）",
            "The URL the site is published at (its top; the plan's folder goes below it)",
        ),
        default_base,
        &check_base_url,
    )?;
    let this_year =
        this_fiscal_year().map_or_else(|| DEFAULT_YEAR.to_string(), FiscalYear::short_padded);
    let report_year = value(
        &opts.report_year,
        Message::new(
            "今回の検証の年度（R07、令和7年度、2025 などの書き方ができます）",
            "The fiscal year the site reports (R07, 令和7年度 or 2025)",
        ),
        &this_year,
        &check_year,
    )?;
    Ok(Answers {
        programs: opts.programs,
        city,
        plan_dir,
        levels,
        title,
        base_url,
        report_year: FiscalYear::parse(&report_year).map_err(|_| year_refused(&report_year))?,
    })
}

/// Asks questions at a terminal: the default in brackets, Enter accepts it, a bad answer
/// is explained and asked again; at the end of input every question takes its default.
pub struct Prompter<'a> {
    input: &'a mut dyn BufRead,
    out: &'a mut dyn Write,
    lang: Lang,
    ended: bool,
}

impl<'a> Prompter<'a> {
    pub fn new(input: &'a mut dyn BufRead, out: &'a mut dyn Write, lang: Lang) -> Self {
        Prompter {
            input,
            out,
            lang,
            ended: false,
        }
    }

    fn ask(
        &mut self,
        question: &Message,
        default: &str,
        check: &dyn Fn(&str) -> Result<String, Message>,
    ) -> String {
        // Questions are Japanese unless English was asked for: two lines per question would
        // crowd a prompt.
        let q = if self.lang == Lang::En {
            &question.en
        } else {
            &question.ja
        };
        loop {
            let mut line = String::new();
            if !self.ended {
                let _ = write!(self.out, "{q} [{default}]: ");
                let _ = self.out.flush();
                self.ended = self.input.read_line(&mut line).map_or(true, |n| n == 0);
            }
            let answer = line.trim();
            let answer = if answer.is_empty() { default } else { answer };
            match check(answer) {
                Ok(v) => return v,
                // The default is always good, so the end of input cannot loop.
                Err(m) => {
                    let _ = writeln!(self.out, "{}", m.in_lang(self.lang));
                }
            }
        }
    }
}

fn check_city(s: &str) -> Result<String, Message> {
    let s = s.trim();
    if s.is_empty() || s.chars().any(char::is_control) {
        return Err(Message::new(
            "--city には市町村名を書いてください（例: --city 北上市）",
            "--city expects the municipality's name (e.g. --city 北上市)",
        ));
    }
    Ok(s.to_string())
}

fn check_title(s: &str) -> Result<String, Message> {
    let s = s.trim();
    if s.is_empty() || s.chars().any(char::is_control) {
        return Err(Message::new(
            "--title にはサイトの題名を一行で書いてください（例: --title \"北上市版総合戦略 検証\"）",
            "--title expects the site's title on one line (e.g. --title \"北上市版総合戦略 検証\")",
        ));
    }
    Ok(s.to_string())
}

/// A plan folder: one folder name in plain ASCII, so its URLs need no escaping, and not a
/// name kensho uses itself.
fn check_plan_dir(s: &str) -> Result<String, Message> {
    let s = s.trim();
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !plain {
        return Err(Message::new(
            format!(
                "--plan-dir は半角の英数字と - _ だけのフォルダ名にしてください（例: --plan-dir senryaku）。「{s}」は使えません"
            ),
            format!(
                "--plan-dir expects a folder name of ASCII letters, digits, - and _ only (e.g. --plan-dir senryaku); \"{s}\" is not one"
            ),
        ));
    }
    if s.eq_ignore_ascii_case("programs") || crate::load::is_reserved(s) {
        return Err(Message::new(
            format!(
                "--plan-dir の「{s}」は kensho が事務事業や自分のページに使う名前です。別の名前にしてください（例: senryaku）"
            ),
            format!(
                "--plan-dir \"{s}\" is a name kensho uses for programs or its own pages; choose another (e.g. senryaku)"
            ),
        ));
    }
    Ok(s.to_string())
}

/// Level names, root first, separated by `,` `、` or `，`.
pub fn check_levels(s: &str) -> Result<Vec<String>, Message> {
    let levels: Vec<String> = s
        .split([',', '、', '，'])
        .map(|l| l.trim().to_string())
        .collect();
    let bad = levels
        .iter()
        .any(|l| l.is_empty() || l.chars().any(char::is_control));
    if bad || !(2..=4).contains(&levels.len()) {
        let n = levels.iter().filter(|l| !l.is_empty()).count();
        return Err(Message::new(
            format!(
                "--levels には計画の階層の名前を上から2〜4個、カンマ（,）で区切って書いてください（例: --levels \"総合戦略,基本目標,施策\"）。「{s}」には名前が{n}個あります（空の名前は使えません）"
            ),
            format!(
                "--levels expects 2 to 4 level names of the plan, root first, separated by commas (e.g. --levels \"総合戦略,基本目標,施策\"); \"{s}\" has {n} name(s) (empty names are not allowed)"
            ),
        ));
    }
    Ok(levels)
}

/// The report year when the clock cannot tell one (a clock before 1868).
const DEFAULT_YEAR: &str = "R07";

/// The fiscal year of today in Japan, by the system's clock.
fn this_fiscal_year() -> Option<FiscalYear> {
    let japan = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
    fiscal_year_of(jiff::Timestamp::now().to_zoned(japan).date())
}

/// The fiscal year a day is in: it starts on 1 April (31 March 2025 is FY2024).
fn fiscal_year_of(day: jiff::civil::Date) -> Option<FiscalYear> {
    let western = day.year() - i16::from(day.month() < 4);
    FiscalYear::new(u16::try_from(western).ok()?)
}

/// A report year in any spelling site.toml takes, written as the starter writes years.
fn check_year(s: &str) -> Result<String, Message> {
    FiscalYear::parse(s.trim())
        .map(FiscalYear::short_padded)
        .map_err(|_| year_refused(s))
}

fn year_refused(s: &str) -> Message {
    Message::new(
        format!(
            "「{s}」は年度として読めません。R07、令和7年度、2025 のように書いてください（--report-year）"
        ),
        format!("\"{s}\" is not a fiscal year; write it as R07, 令和7年度 or 2025 (--report-year)"),
    )
}

/// An http(s) URL or a path from the host's root, ending with `/` (as site.toml wants).
fn check_base_url(s: &str) -> Result<String, Message> {
    let s = s.trim();
    let ok = (s.starts_with("https://") || s.starts_with("http://") || s.starts_with('/'))
        && !s.chars().any(|c| c.is_whitespace() || c.is_control());
    if !ok {
        return Err(Message::new(
            format!(
                "--base-url には https:// で始まる URL か / で始まる場所を書いてください（例: --base-url {DEFAULT_BASE}）。「{s}」は使えません"
            ),
            format!(
                "--base-url expects an https:// URL or a path starting with / (e.g. --base-url {DEFAULT_BASE}); \"{s}\" is not one"
            ),
        ));
    }
    let mut v = s.to_string();
    if !v.ends_with('/') {
        v.push('/');
    }
    Ok(v)
}

/// A warning when the base URL ends in the plan's folder: pages would be at
/// `…/senryaku/senryaku/…`. The site is still made as asked (a city may want that).
pub fn doubled_path(a: &Answers) -> Option<Message> {
    if a.programs {
        return None;
    }
    let path = a.base_url.split_once("//").map_or(&*a.base_url, |(_, r)| r);
    let path = path.trim_end_matches('/');
    let last = path.rsplit('/').next()?;
    if !path.contains('/') || !last.eq_ignore_ascii_case(&a.plan_dir) {
        return None;
    }
    let (dir, url) = (&a.plan_dir, leaf_url(a));
    Some(Message::new(
        format!(
            "注意: base_url の最後のフォルダと計画のフォルダ名がどちらも「{dir}」なので、計画のページの URL は {url} のように {dir} が二重になります。base_url はサイト全体（トップページ、一覧、検索、データ）の場所で、計画のページはその下の計画のフォルダ（{dir}/）に置かれるためです。二重にしないなら、計画のフォルダに計画そのものの名前を付けて作り直してください（例: --plan-dir dai2ki）。このままでよければ何もしなくてかまいません"
        ),
        format!(
            "note: base_url's last folder and the plan's folder are both \"{dir}\", so the plan's page URLs will double it, like {url}: base_url is where the whole site is (home page, lists, search, data) and the plan's pages go in its folder ({dir}/) under it. To avoid that, start again with a plan folder named for the plan itself (e.g. --plan-dir dai2ki). If that is what you want, nothing needs doing"
        ),
    ))
}

/// The folders (and, last, the file) of the levels below the plan's root.
fn below_root(levels: usize) -> &'static [&'static str] {
    match levels {
        2 => &["policy-1"],
        3 => &["goal-1", "policy-1"],
        _ => &["goal-1", "measure-1", "policy-1"],
    }
}

/// The URL of the starter's leaf page, to show where pages will be.
fn leaf_url(a: &Answers) -> String {
    if a.programs {
        return format!("{}programs/{PROGRAM_SLUG}/", a.base_url);
    }
    let below = below_root(a.levels.len()).join("/");
    format!("{}{}/{below}/", a.base_url, a.plan_dir)
}

/// The starter's files (paths under content/) made from the answers.
pub fn starter(a: &Answers) -> Vec<(String, String)> {
    let n = a.levels.len();
    let below = below_root(n);
    let levels: Vec<String> = a.levels.iter().map(|l| quoted(l)).collect();
    let example = leaf_url(a);
    // A site of programs only: no plan, no grade scale (nothing of its would be graded).
    let plan = if a.programs { "" } else { SITE_PLAN };
    let years = starter_years(a.report_year);
    let years: Vec<(&str, &str)> = years.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (city, title, base_url) = (quoted(&a.city), quoted(&a.title), quoted(&a.base_url));
    let (plan_dir, levels) = (quoted(&a.plan_dir), format!("[{}]", levels.join(", ")));
    let mut values = vec![
        ("city", city.as_str()),
        ("title", title.as_str()),
        ("base_url", base_url.as_str()),
        ("example_url", example.as_str()),
        ("plan_dir", plan_dir.as_str()),
        ("levels", levels.as_str()),
    ];
    values.extend(years.iter().copied());
    let site = fill(&format!("{SITE}{plan}{SITE_STATUSES}"), &values);
    let program = (format!("programs/{PROGRAM_SLUG}.md"), fill(PROGRAM, &years));
    if a.programs {
        return vec![("site.toml".to_string(), site), program];
    }
    let root = fill(
        PLAN_INDEX,
        &[
            ("level", &a.levels[0]),
            ("title", &quoted(&format!("{}{}", a.city, a.levels[0]))),
            ("child", below[0]),
            ("child_level", &a.levels[1]),
        ],
    );
    let mut files = vec![
        ("site.toml".to_string(), site),
        (format!("{}/_index.md", a.plan_dir), root),
    ];
    const MIDDLE: [(&str, &str); 2] = [
        (
            "しごとをつくり、安心して働けるようにする",
            "地域の産業を育て、若い世代が働ける場を増やす。",
        ),
        ("地域の産業を育てる", "地元の企業と新しい事業を支える。"),
    ];
    let mut folder = a.plan_dir.clone();
    for (i, name) in below[..n - 2].iter().enumerate() {
        folder = format!("{folder}/{name}");
        let level = &a.levels[i + 1];
        let node = fill(
            NODE_INDEX,
            &[
                ("level", level),
                ("code", &quoted(&format!("{level}1"))),
                ("title", &quoted(MIDDLE[i].0)),
                ("intent", &quoted(MIDDLE[i].1)),
            ],
        );
        files.push((format!("{folder}/_index.md"), node));
    }
    let leaf = &a.levels[n - 1];
    let code = quoted(&format!("{leaf}1"));
    let mut values = vec![("level", leaf.as_str()), ("code", code.as_str())];
    values.extend(years.iter().copied());
    let policy = fill(POLICY, &values);
    files.push((format!("{folder}/{}.md", below[n - 2]), policy));
    files.push(program);
    files
}

/// The years the starter's files name, around the report year: the report year in its
/// three spellings, the next (a target's, the next year's table) and the four before (a
/// KPI's baseline and its actuals).
fn starter_years(report: FiscalYear) -> Vec<(&'static str, String)> {
    let at = |n: i32| {
        (u16::try_from(i32::from(report.western()) + n).ok())
            .and_then(FiscalYear::new)
            .map_or_else(String::new, FiscalYear::short_padded)
    };
    vec![
        ("year", report.short_padded()),
        ("year_era", report.display(YearStyle::Era)),
        ("year_western", report.western().to_string()),
        ("next_year", at(1)),
        ("year_before", at(-1)),
        ("two_before", at(-2)),
        ("three_before", at(-3)),
        ("four_before", at(-4)),
    ]
}

/// The starter's one program.
const PROGRAM_SLUG: &str = "sogyo-shien";

/// `text` quoted as a TOML string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// `template` with each `{name}` replaced by its value, by the labels' filler: one pass,
/// so a value holding `{…}` is kept as written.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    crate::model::labels::fill(template, |name| {
        (values.iter().find(|(k, _)| *k == name)).map(|(_, v)| *v)
    })
}

/// Create `path` with `text`; an existing file (or link) there is an error, not replaced.
pub(super) fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?
        .write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defaults() -> Answers {
        gather(&Options::default(), None).unwrap()
    }

    #[test]
    fn a_fiscal_year_starts_on_the_first_of_april() {
        let fy = |y, m, d| fiscal_year_of(jiff::civil::date(y, m, d)).map(FiscalYear::western);
        assert_eq!(fy(2025, 3, 31), Some(2024));
        assert_eq!(fy(2025, 4, 1), Some(2025));
        assert_eq!(fy(2025, 12, 31), Some(2025));
        assert_eq!(fy(2026, 1, 1), Some(2025));
    }

    #[test]
    fn every_placeholder_is_filled() {
        for levels in ["a,b", "a,b,c", "a,b,c,d"] {
            let opts = Options {
                levels: Some(levels.into()),
                ..Options::default()
            };
            for (path, text) in starter(&gather(&opts, None).unwrap()) {
                let left: Vec<&str> = (text.split('{').skip(1))
                    .filter_map(|after| after.split_once('}').map(|(name, _)| name))
                    .filter(|name| {
                        !name.is_empty()
                            && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
                    })
                    .collect();
                assert!(left.is_empty(), "{path}: {left:?} left unfilled");
            }
        }
    }

    #[test]
    fn odd_characters_stay_valid_toml() {
        let a = Answers {
            city: "北\"市\\{title}".into(),
            title: "題'名\"".into(),
            ..defaults()
        };
        let site = &starter(&a)[0].1;
        let v: toml::Table = toml::from_str(site).unwrap();
        assert_eq!(v["city"].as_str(), Some("北\"市\\{title}"));
        assert_eq!(v["title"].as_str(), Some("題'名\""));
    }

    #[test]
    fn the_defaults_never_double_the_plan_folder() {
        assert!(doubled_path(&defaults()).is_none());
        let kensho = Options {
            plan_dir: Some("kensho".into()),
            ..Options::default()
        };
        assert!(doubled_path(&gather(&kensho, None).unwrap()).is_none());
        let doubled = Answers {
            base_url: "https://x.jp/Senryaku/".into(),
            ..defaults()
        };
        let w = doubled_path(&doubled).unwrap();
        assert!(w.en.contains("https://x.jp/Senryaku/senryaku/goal-1/policy-1/"));
        assert!(w.ja.contains("--plan-dir"), "{w:?}");
        let root = Answers {
            base_url: "https://senryaku/".into(),
            ..defaults()
        };
        assert!(doubled_path(&root).is_none(), "a host is not a folder");
    }

    #[test]
    fn questions_take_answers_and_defaults_and_ask_again_after_a_bad_one() {
        let mut input: &[u8] =
            "北上市\nsen ryaku\nkeikaku\n総合戦略\n総合計画、施策\n\n".as_bytes();
        let mut out = Vec::new();
        let a = gather(
            &Options::default(),
            Some(&mut Prompter::new(&mut input, &mut out, Lang::Ja)),
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(a.city, "北上市");
        assert_eq!(a.plan_dir, "keikaku");
        assert_eq!(a.levels, ["総合計画", "施策"]);
        assert_eq!(a.title, "北上市総合計画 検証", "Enter takes the default");
        assert_eq!(
            a.base_url, DEFAULT_BASE,
            "the end of input takes the default"
        );
        assert!(out.contains("市町村名 [〇〇市]: "), "{out}");
        assert!(out.contains("--plan-dir は半角の英数字"), "{out}");
        assert!(out.contains("名前が1個あります"), "{out}");
    }

    #[test]
    fn bad_values_name_their_flag() {
        for (opts, flag) in [
            (
                Options {
                    city: Some(" ".into()),
                    ..Options::default()
                },
                "--city",
            ),
            (
                Options {
                    plan_dir: Some("search".into()),
                    ..Options::default()
                },
                "--plan-dir",
            ),
            (
                Options {
                    levels: Some("a,,b".into()),
                    ..Options::default()
                },
                "--levels",
            ),
            (
                Options {
                    base_url: Some("www.city.jp".into()),
                    ..Options::default()
                },
                "--base-url",
            ),
        ] {
            let m = gather(&opts, None).unwrap_err();
            assert!(m.ja.starts_with(flag) && m.en.starts_with(flag), "{m:?}");
        }
    }
}
