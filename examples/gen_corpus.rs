//! Writes a realistic site of N pages for benchmarks: `kensho --root DIR build` builds it.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- N DIR            # a kensho site in DIR
//! cargo run --release --example gen_corpus -- --hugo N DIR     # the same pages for Hugo
//! cargo run --release --example gen_corpus -- --zola N DIR     # the same pages for Zola
//! cargo run --release --example gen_corpus -- --plans 3 N DIR  # N pages in 3 plans
//! ```
//!
//! A page is a plan node (plan root → goals → policies) or a program (事務事業); there are
//! about 3.5 programs per node, and a new plan folder every 55 nodes so that folders stay the
//! size a city's would. `--plans K` puts them in K plans instead (with more goals each):
//! every page's navigation lists every plan, so many plans make every page larger.
//! Policies have 2–4 KPIs with 5–8 years of values written in every form the content format
//! accepts; programs have 2–3 years of results, budgets and indicators and a quarter of them
//! are listed under a second policy. The Japanese text comes from `examples/corpus_text.txt`
//! (sentences from real review sheets).
//!
//! The output depends on the arguments only: the same N (and K) give byte-identical files
//! (a fixed-seed SplitMix64, no floating point, no hash maps). DIR must not contain
//! `content/` yet.
//!
//! `--hugo` and `--zola` write the same pages (same paths, titles, text and values) as plain
//! Markdown with TOML front matter (`gen_corpus/peer.rs`), with a minimal configuration and
//! templates of their own (`gen_corpus/hugo.rs`, `gen_corpus/zola.rs`) that render the
//! title, the text, a table of each KPI's values and the program years, and resolve the
//! same links by the peer's own means (Hugo: `ref` shortcodes and `GetPage`; Zola: `@/`
//! links, `get_page` and `get_section`), so the builds do comparable work per page.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "gen_corpus/hugo.rs"]
mod hugo;
#[path = "gen_corpus/peer.rs"]
mod peer;
#[cfg(test)]
#[path = "gen_corpus/tests.rs"]
mod tests;
#[path = "gen_corpus/zola.rs"]
mod zola;

const TEXT: &str = include_str!("corpus_text.txt");

/// The current report year of the generated site (令和3年度).
const REPORT_YEAR: u16 = 2021;
/// Nodes per plan folder: 1 root, 6 goals, 48 policies.
const NODES_PER_PLAN: usize = 55;
/// Nodes per goal (the goal and its policies), to size the goals of a plan.
const NODES_PER_GOAL: usize = 9;
const CITY: &str = "北上市";
const BASE_URL: &str = "https://www.city.kitakami.iwate.jp/senryaku/";
const STATUSES: [&str; 3] = ["順調", "概ね順調", "遅れている"];
const DIRECTIONS: [&str; 7] = ["継続", "拡充", "縮小", "完了", "維持", "検討", "事業終了"];
const GRADES: [&str; 4] = ["A", "B", "C", "D"];
/// Romanised topics for program file names, one per policy title in corpus_text.txt.
const SLUGS: [&str; 16] = [
    "iju-teiju",
    "koryu-renkei",
    "ui-turn",
    "civic-pride",
    "sangyo-shinko",
    "nogyo-ninaite",
    "kigyo-yuchi",
    "kekkon-shussan",
    "kosodate-shien",
    "hoiku",
    "kenko",
    "chiiki-care",
    "bosai",
    "kokyo-kotsu",
    "gakko-kyoiku",
    "shogai-gakushu",
];

/// Writes a site's pages into DIR: kensho's own, or the same pages for a peer.
type Writer = fn(&Site, &Path) -> std::io::Result<()>;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    // Which site to write: kensho's, or the same pages for a peer.
    let mut writers: Vec<Writer> = Vec::new();
    for (flag, writer) in [
        ("--hugo", hugo::write_hugo as Writer),
        ("--zola", zola::write_zola),
    ] {
        if let Some(i) = args.iter().position(|a| a == flag) {
            args.remove(i);
            writers.push(writer);
        }
    }
    let write = match writers.as_slice() {
        [] => write_kensho,
        [one] => *one,
        _ => return usage("--hugo and --zola write different sites; give one"),
    };
    let plans = match args.iter().position(|a| a == "--plans") {
        Some(i) if i + 1 < args.len() => match args.remove(i + 1).parse::<usize>() {
            Ok(k) if k >= 1 => {
                args.remove(i);
                Some(k)
            }
            _ => return usage("--plans takes a whole number, at least 1"),
        },
        Some(_) => return usage("--plans takes a number"),
        None => None,
    };
    let (n, dir) = match args.as_slice() {
        [n, dir] => match n.parse::<usize>() {
            Ok(n) if n >= 4 => (n, PathBuf::from(dir)),
            _ => return usage("N must be a whole number, at least 4"),
        },
        _ => return usage("expected N and DIR"),
    };
    if dir.join("content").exists() {
        return usage(&format!(
            "{} already exists; give a new or empty folder",
            dir.join("content").display()
        ));
    }
    let text = Corpus::parse(TEXT);
    let site = Generator::new(&text).site(n, plans);
    match write(&site, &dir) {
        Ok(()) => {
            eprintln!(
                "wrote {} pages ({} plans, {} nodes, {} programs) to {}",
                site.nodes.len() + site.programs.len(),
                site.plans.len(),
                site.nodes.len(),
                site.programs.len(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_corpus: cannot write {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("gen_corpus: {problem}\nusage: gen_corpus [--hugo | --zola] [--plans K] N DIR");
    ExitCode::from(2)
}

// ---------------------------------------------------------------------------------------
// Randomness and text

/// SplitMix64: small, fast, and the same sequence on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A whole number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    /// True `pct` times in a hundred.
    fn percent(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

struct KpiDef<'a> {
    name: &'a str,
    unit: &'a str,
    direction: &'a str,
    kind: Kind,
    definition: &'a str,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Whole numbers that grow or shrink.
    Count,
    /// A percentage with one decimal.
    Rate,
    /// A yearly difference that can go below zero (▲).
    Flow,
    /// A five-year cumulative value, printed with its span.
    Cumulative,
}

struct QualDef<'a> {
    name: &'a str,
    target_state: &'a str,
    states: Vec<&'a str>,
}

/// The sections of corpus_text.txt.
struct Corpus<'a> {
    sentences: Vec<&'a str>,
    programs: Vec<&'a str>,
    groups: Vec<&'a str>,
    goals: Vec<&'a str>,
    policies: Vec<&'a str>,
    departments: Vec<&'a str>,
    kpis: Vec<KpiDef<'a>>,
    qualitative: Vec<QualDef<'a>>,
    indicators: Vec<(&'a str, &'a str)>,
    districts: Vec<&'a str>,
}

impl<'a> Corpus<'a> {
    fn parse(text: &'a str) -> Corpus<'a> {
        let mut sections: Vec<(&str, Vec<&str>)> = Vec::new();
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                sections.push((name, Vec::new()));
            } else if let Some((_, lines)) = sections.last_mut() {
                lines.push(line);
            }
        }
        let section = |name: &str| -> Vec<&'a str> {
            let lines = sections
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, l)| l.clone())
                .unwrap_or_default();
            assert!(!lines.is_empty(), "corpus_text.txt has no [{name}]");
            lines
        };
        let fields = |line: &'a str, n: usize| -> Vec<&'a str> {
            let f: Vec<&str> = line.split('|').collect();
            assert!(f.len() >= n, "corpus_text.txt: too few fields in {line}");
            f
        };
        let kpis = section("kpis")
            .into_iter()
            .map(|l| {
                let f = fields(l, 5);
                KpiDef {
                    name: f[0],
                    unit: f[1],
                    direction: f[2],
                    kind: match f[3] {
                        "count" => Kind::Count,
                        "rate" => Kind::Rate,
                        "flow" => Kind::Flow,
                        "cumulative" => Kind::Cumulative,
                        other => panic!("corpus_text.txt: unknown KPI kind {other}"),
                    },
                    definition: f[4],
                }
            })
            .collect();
        let qualitative = section("qualitative")
            .into_iter()
            .map(|l| {
                let f = fields(l, 3);
                QualDef {
                    name: f[0],
                    target_state: f[1],
                    states: f[2..].to_vec(),
                }
            })
            .collect();
        let indicators = section("indicators")
            .into_iter()
            .map(|l| {
                let f = fields(l, 2);
                (f[0], f[1])
            })
            .collect();
        Corpus {
            sentences: section("sentences"),
            programs: section("programs"),
            groups: section("groups"),
            goals: section("goals"),
            policies: section("policies"),
            departments: section("departments"),
            kpis,
            qualitative,
            indicators,
            districts: section("districts"),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Fiscal years and values as a sheet prints them

/// How one series spells its years; a sheet keeps one spelling throughout.
#[derive(Clone, Copy)]
enum YearStyle {
    /// H27 … H30, R01 …
    Era,
    /// H27 … H31, H32 … (plans written before 2019)
    Heisei,
    /// 2015
    Western,
    /// FY2015
    Fiscal,
    /// 平成27年度, 令和元年度
    Kanji,
}

impl YearStyle {
    fn pick(rng: &mut Rng) -> YearStyle {
        match rng.below(20) {
            0..=13 => YearStyle::Era,
            14 => YearStyle::Heisei,
            15 | 16 => YearStyle::Western,
            17 => YearStyle::Fiscal,
            _ => YearStyle::Kanji,
        }
    }

    fn spell(self, y: u16) -> String {
        match self {
            YearStyle::Era if y >= 2019 => format!("R{:02}", y - 2018),
            YearStyle::Era | YearStyle::Heisei => format!("H{}", y - 1988),
            YearStyle::Western => y.to_string(),
            YearStyle::Fiscal => format!("FY{y}"),
            YearStyle::Kanji if y == 2019 => "令和元年度".to_string(),
            YearStyle::Kanji if y > 2019 => format!("令和{}年度", y - 2018),
            YearStyle::Kanji => format!("平成{}年度", y - 1988),
        }
    }
}

/// A year as printed inside brackets on a sheet: H27, R1.
fn short_year(y: u16) -> String {
    if y >= 2019 {
        format!("R{}", y - 2018)
    } else {
        format!("H{}", y - 1988)
    }
}

/// A cumulative span as printed: (H22～26), (H27～R1), (R1～5).
fn span(from: u16, to: u16) -> String {
    let end = if (from >= 2019) == (to >= 2019) {
        short_year(to)[1..].to_string()
    } else {
        short_year(to)
    };
    format!("{}～{}", short_year(from), end)
}

/// 1394 → "1,394"; -124 → "▲124".
fn grouped(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    if v < 0 {
        out.push('▲');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Tenths as a decimal: 833 → "83.3".
fn tenths(v: i64) -> String {
    format!("{}.{}", v / 10, v % 10)
}

/// A value as written in TOML, and as a Hugo page shows it.
#[derive(Clone)]
struct Cell {
    toml: String,
    shown: String,
}

impl Cell {
    /// A TOML number.
    fn number(shown: String) -> Cell {
        Cell {
            toml: shown.clone(),
            shown,
        }
    }

    /// A TOML string as printed.
    fn printed(shown: String) -> Cell {
        Cell {
            toml: quote(&shown),
            shown,
        }
    }

    fn table(toml: String, shown: String) -> Cell {
        Cell { toml, shown }
    }
}

// ---------------------------------------------------------------------------------------
// The site, in memory

struct Plan {
    dir: String,
}

struct Kpi {
    id: Option<String>,
    category: String,
    name: String,
    definition: String,
    source: Option<String>,
    unit: String,
    direction: String,
    baseline: Option<(String, Cell)>,
    actual: Vec<(String, Cell)>,
    targets: Vec<(String, Cell)>,
    target: Option<(Option<String>, Cell)>,
    grades: Vec<(String, String)>,
    note: Option<String>,
    /// `target_state` and the state per year of a qualitative KPI.
    qualitative: Option<(String, Vec<(String, String)>)>,
}

impl Kpi {
    fn anchor(&self, index: usize) -> String {
        self.id
            .clone()
            .unwrap_or_else(|| format!("kpi-{}", index + 1))
    }
}

struct Evaluation {
    year: String,
    grade: Option<String>,
    summary: Option<String>,
    issues: Option<String>,
    outlook: Option<String>,
}

struct Node {
    /// Under content/: `senryaku-001/goal-1/policy-2.md`.
    path: String,
    code: String,
    title: String,
    intent: String,
    departments: Vec<String>,
    related: Vec<String>,
    weight: Option<usize>,
    programs: Vec<usize>,
    groups: Vec<(String, Vec<usize>)>,
    evaluations: Vec<Evaluation>,
    /// (year, budget, settlement) as stated on the sheet, in 千円.
    totals: Vec<(String, i64, i64)>,
    kpis: Vec<Kpi>,
    body: String,
}

impl Node {
    fn listed(&self) -> impl Iterator<Item = usize> + '_ {
        self.groups
            .iter()
            .flat_map(|(_, ps)| ps.iter().copied())
            .chain(self.programs.iter().copied())
    }
}

struct Indicator {
    name: String,
    unit: String,
    value: i64,
    target: Option<i64>,
}

struct ProgramYear {
    year: String,
    western: u16,
    status: Option<&'static str>,
    results: String,
    analysis: String,
    direction: &'static str,
    budget: i64,
    settlement: i64,
    /// 従事人工 in tenths of a person-year.
    staff: i64,
    indicators: Vec<Indicator>,
}

struct Program {
    /// Under content/: `programs/senryaku-001/kosodate-shien-00012.md`.
    path: String,
    code: String,
    title: String,
    intent: String,
    departments: Vec<String>,
    account: String,
    funding: &'static str,
    new: bool,
    period: Option<(String, String)>,
    related: Vec<String>,
    years: Vec<ProgramYear>,
    body: String,
    /// The nodes that list it (for the Hugo and Zola pages, which cannot work this out).
    parents: Vec<usize>,
}

struct Site {
    plans: Vec<Plan>,
    nodes: Vec<Node>,
    programs: Vec<Program>,
}

// ---------------------------------------------------------------------------------------
// Generation

/// How many goals each plan has and how many policies each goal has, and how many
/// programs the site has, for N pages in all: a plan every 55 nodes, or `plans` plans
/// (then with more goals each).
fn layout(n: usize, plans: Option<usize>) -> (Vec<Vec<usize>>, usize) {
    // About 3.5 programs per node: nodes are 2/9 of the pages.
    let nodes = (n * 2 / 9).max(3);
    let plans = plans
        .unwrap_or_else(|| nodes.div_ceil(NODES_PER_PLAN))
        .clamp(1, nodes / 3);
    let shapes = (0..plans)
        .map(|i| {
            let m = nodes / plans + usize::from(i < nodes % plans);
            let goals = ((m - 1) / NODES_PER_GOAL).max(1);
            let policies = m - 1 - goals;
            (0..goals)
                .map(|g| policies / goals + usize::from(g < policies % goals))
                .collect()
        })
        .collect();
    (shapes, n - nodes)
}

/// A node without children: the policies, and goals that have no policies.
struct Leaf {
    node: usize,
    plan: usize,
    /// Which policy title (and program file name) it has.
    topic: usize,
    /// `2-1`: goal and policy numbers, the start of its programs' codes.
    code: String,
}

fn skeleton(path: String, code: String, title: String) -> Node {
    Node {
        path,
        code,
        title,
        intent: String::new(),
        departments: Vec::new(),
        related: Vec::new(),
        weight: None,
        programs: Vec::new(),
        groups: Vec::new(),
        evaluations: Vec::new(),
        totals: Vec::new(),
        kpis: Vec::new(),
        body: String::new(),
    }
}

/// An index within `spread` of `at`, inside `0..len`.
fn near(rng: &mut Rng, at: usize, spread: i64, len: usize) -> usize {
    (at as i64 + rng.range(-spread, spread)).clamp(0, len as i64 - 1) as usize
}

struct Generator<'a> {
    text: &'a Corpus<'a>,
    rng: Rng,
}

impl<'a> Generator<'a> {
    fn new(text: &'a Corpus<'a>) -> Generator<'a> {
        Generator {
            text,
            rng: Rng(0x6b65_6e73_686f),
        }
    }

    fn sentence(&mut self) -> &'a str {
        self.rng.pick(&self.text.sentences)
    }

    /// `min..=max` sentences that follow each other in the seed text.
    fn run(&mut self, min: usize, max: usize) -> impl Iterator<Item = &'a str> + use<'a> {
        let count = min + self.rng.below(max - min + 1);
        let all: &'a [&'a str] = &self.text.sentences;
        let start = self.rng.below(all.len());
        (0..count).map(move |i| all[(start + i) % all.len()])
    }

    /// `min..=max` sentences run together.
    fn sentences(&mut self, min: usize, max: usize) -> String {
        self.run(min, max).collect()
    }

    /// `min..=max` paragraphs of one sentence each, marked ○ as on the sheets.
    fn points(&mut self, min: usize, max: usize) -> String {
        self.run(min, max)
            .map(|s| format!("○{s}"))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    fn departments(&mut self) -> Vec<String> {
        let mut out = vec![self.rng.pick(&self.text.departments).to_string()];
        if self.rng.percent(15) {
            let other = self.rng.pick(&self.text.departments).to_string();
            if other != out[0] {
                out.push(other);
            }
        }
        out
    }

    fn site(&mut self, n: usize, plans: Option<usize>) -> Site {
        let (shapes, program_count) = layout(n, plans);
        let width = if shapes.len() > 999 { 4 } else { 3 };
        let mut plans = Vec::new();
        let mut nodes = Vec::new();
        // Each plan root and its goals; goals with policies; nodes without children.
        let mut roots: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut goals: Vec<usize> = Vec::new();
        let mut leaves: Vec<Leaf> = Vec::new();
        for (pi, shape) in shapes.iter().enumerate() {
            let dir = format!("senryaku-{:0width$}", pi + 1);
            let title = format!("{CITY}版総合戦略 第{}編", pi + 1);
            roots.push((nodes.len(), Vec::new()));
            nodes.push(skeleton(
                format!("{dir}/_index.md"),
                "総合戦略".into(),
                title,
            ));
            for (gi, &policies) in shape.iter().enumerate() {
                let goal_title = self.text.goals[(pi + gi) % self.text.goals.len()];
                let path = if policies == 0 {
                    format!("{dir}/goal-{}.md", gi + 1)
                } else {
                    format!("{dir}/goal-{}/_index.md", gi + 1)
                };
                let mut goal = skeleton(path, format!("基本目標{}", gi + 1), goal_title.into());
                goal.weight = Some(gi + 1);
                if let Some((_, children)) = roots.last_mut() {
                    children.push(nodes.len());
                }
                if policies == 0 {
                    leaves.push(Leaf {
                        node: nodes.len(),
                        plan: pi,
                        topic: gi,
                        code: format!("{}", gi + 1),
                    });
                } else {
                    goals.push(nodes.len());
                }
                nodes.push(goal);
                for k in 0..policies {
                    let topic = (pi * 7 + gi * 3 + k) % self.text.policies.len();
                    let path = format!("{dir}/goal-{}/policy-{}.md", gi + 1, k + 1);
                    let policy = skeleton(
                        path,
                        format!("施策{}", k + 1),
                        self.text.policies[topic].into(),
                    );
                    leaves.push(Leaf {
                        node: nodes.len(),
                        plan: pi,
                        topic,
                        code: format!("{}-{}", gi + 1, k + 1),
                    });
                    nodes.push(policy);
                }
            }
            plans.push(Plan { dir });
        }

        // Programs: contiguous runs under each leaf, in the plan's own folder.
        let mut programs: Vec<Program> = Vec::new();
        let mut home_of: Vec<usize> = Vec::new();
        let mut home: Vec<Vec<usize>> = vec![Vec::new(); leaves.len()];
        for p in 0..program_count {
            let at = p * leaves.len() / program_count;
            let leaf = &leaves[at];
            let code = format!("{}-{}", leaf.code, home[at].len() + 1);
            let path = format!(
                "programs/{}/{}-{:05}.md",
                plans[leaf.plan].dir,
                SLUGS[leaf.topic % SLUGS.len()],
                p + 1
            );
            programs.push(self.program(path, code));
            home[at].push(p);
            home_of.push(at);
        }
        // A quarter of the programs are listed again (再掲) under a second policy, mostly
        // a neighbour in the same plan; some name a related program.
        // A program is listed again only in a plan where no program it lists has its
        // code (a city's plan never prints one code for two programs: kensho warns).
        let mut codes: Vec<std::collections::BTreeSet<String>> =
            vec![Default::default(); plans.len()];
        for (p, &at) in home_of.iter().enumerate() {
            codes[leaves[at].plan].insert(programs[p].code.clone());
        }
        let mut again: Vec<Vec<usize>> = vec![Vec::new(); leaves.len()];
        for (p, &at) in home_of.iter().enumerate() {
            if leaves.len() > 1 && self.rng.percent(25) {
                let other = if self.rng.percent(80) {
                    near(&mut self.rng, at, 6, leaves.len())
                } else {
                    self.rng.below(leaves.len())
                };
                let (plan, own) = (leaves[other].plan, leaves[at].plan);
                let code = &programs[p].code;
                if other != at
                    && !again[other].contains(&p)
                    && (plan == own || codes[plan].insert(code.clone()))
                {
                    again[other].push(p);
                }
            }
            if self.rng.percent(15) {
                let other = near(&mut self.rng, p, 20, programs.len());
                if other != p {
                    let target = format!("@/{}", programs[other].path);
                    programs[p].related.push(target);
                }
            }
        }

        let leaf_paths: Vec<String> = leaves.iter().map(|l| nodes[l.node].path.clone()).collect();
        for (at, leaf) in leaves.iter().enumerate() {
            let (groups, singles) = self.groups(&home[at], &again[at]);
            let node = &mut nodes[leaf.node];
            node.groups = groups;
            node.programs = singles;
            self.fill_policy(node, at, &programs, &leaf_paths);
        }
        for &g in &goals {
            self.fill_goal(&mut nodes[g]);
        }
        // The plan roots link to their goals.
        for (root, children) in &roots {
            let title = nodes[*root].title.clone();
            let mut body = format!(
                "このサイトは、{title}の各基本目標と施策、施策に紐づく事務事業の取り組み内容を書き写したものです。\n\n"
            );
            for &c in children {
                let _ = writeln!(body, "- [{}](@/{})", nodes[c].code, nodes[c].path);
            }
            nodes[*root].intent = format!("{title}の検証シート（令和3年度）。");
            nodes[*root].body = body.trim_end().to_string();
        }
        // Parents of each program, for the Hugo and Zola pages.
        for (i, node) in nodes.iter().enumerate() {
            for p in node.listed() {
                programs[p].parents.push(i);
            }
        }
        // Some programs link to one of their policies in their text.
        for program in &mut programs {
            if let Some(&parent) = program.parents.first()
                && self.rng.percent(40)
            {
                let n = &nodes[parent];
                let link = format!(
                    "[{}（{}）](@/{})の取組として実施する。",
                    n.code, n.title, n.path
                );
                program.body = if program.body.is_empty() {
                    link
                } else {
                    format!("{}\n\n{link}", program.body)
                };
            }
        }
        Site {
            plans,
            nodes,
            programs,
        }
    }

    /// Splits a policy's own programs into 1–3 ◆ groups; programs listed again from
    /// elsewhere stay outside the groups.
    fn groups(
        &mut self,
        own: &[usize],
        again: &[usize],
    ) -> (Vec<(String, Vec<usize>)>, Vec<usize>) {
        if own.is_empty() {
            return (Vec::new(), again.to_vec());
        }
        let count = self.rng.range(1, 3).min(own.len() as i64) as usize;
        let groups = (0..count)
            .map(|g| {
                let from = g * own.len() / count;
                let to = (g + 1) * own.len() / count;
                let title = self.rng.pick(&self.text.groups).to_string();
                (title, own[from..to].to_vec())
            })
            .collect();
        (groups, again.to_vec())
    }

    fn fill_goal(&mut self, node: &mut Node) {
        node.intent = self.sentences(2, 3);
        let style = YearStyle::Era;
        node.kpis = (0..self.rng.range(1, 2))
            .map(|i| self.kpi(i as usize, "数値目標", false))
            .collect();
        node.evaluations = (REPORT_YEAR - 1..=REPORT_YEAR)
            .map(|y| Evaluation {
                year: style.spell(y),
                grade: self
                    .rng
                    .percent(50)
                    .then(|| self.rng.pick(&GRADES).to_string()),
                summary: Some(self.points(2, 4)),
                issues: None,
                outlook: Some(self.points(1, 3)),
            })
            .collect();
    }

    fn fill_policy(&mut self, node: &mut Node, at: usize, programs: &[Program], leaves: &[String]) {
        node.intent = self.sentences(1, 2);
        node.departments = self.departments();
        let kpi_count = self.rng.range(2, 4) as usize;
        node.kpis = (0..kpi_count)
            .map(|i| {
                let category = if self.rng.percent(85) {
                    "重要業績評価指標"
                } else {
                    "活動指標"
                };
                let qualitative = self.rng.percent(12);
                self.kpi(i, category, qualitative)
            })
            .collect();
        let style = YearStyle::Era;
        let first = REPORT_YEAR - self.rng.range(1, 2) as u16;
        node.evaluations = (first..=REPORT_YEAR)
            .map(|y| {
                let kpi_grade = node
                    .kpis
                    .iter()
                    .flat_map(|k| k.grades.iter())
                    .find(|(year, _)| *year == YearStyle::Era.spell(y))
                    .map(|(_, g)| g.clone());
                let latest = y == REPORT_YEAR;
                Evaluation {
                    year: style.spell(y),
                    grade: kpi_grade.or_else(|| Some(self.rng.pick(&GRADES).to_string())),
                    summary: None,
                    issues: Some(if latest {
                        self.points(2, 4)
                    } else {
                        self.points(1, 1)
                    }),
                    outlook: Some(if latest {
                        self.points(2, 3)
                    } else {
                        self.points(1, 1)
                    }),
                }
            })
            .collect();
        // Stated totals (計) on a third of the policies, equal to the sum of their programs.
        if self.rng.percent(33) {
            let mut listed: Vec<usize> = node.listed().collect();
            listed.sort_unstable();
            listed.dedup();
            let (mut budget, mut settlement, mut any) = (0, 0, false);
            for p in listed {
                if let Some(y) = programs[p].years.iter().find(|y| y.western == REPORT_YEAR) {
                    budget += y.budget;
                    settlement += y.settlement;
                    any = true;
                }
            }
            if any {
                node.totals
                    .push((YearStyle::Era.spell(REPORT_YEAR), budget, settlement));
            }
        }
        // Related policies, mostly neighbours.
        if self.rng.percent(40) {
            for _ in 0..self.rng.range(1, 2) {
                let other = near(&mut self.rng, at, 5, leaves.len());
                let path = format!("@/{}", leaves[other]);
                if leaves[other] != node.path && !node.related.contains(&path) {
                    node.related.push(path);
                }
            }
        }
        // The body: text with links to its programs and to a related policy's KPI.
        if self.rng.percent(60) {
            let mut body = self.sentences(1, 2);
            let listed: Vec<usize> = node.listed().take(2).collect();
            if !listed.is_empty() {
                let links: Vec<String> = listed
                    .iter()
                    .map(|&p| format!("[{}](@/{})", programs[p].title, programs[p].path))
                    .collect();
                let _ = write!(body, "\n\n主な事業：{}。", links.join("、"));
            }
            if let Some(r) = node.related.first() {
                let _ = write!(body, "\n\n関連する施策の[指標]({r}#kpi-1)も参照。");
            }
            node.body = body;
        }
    }

    fn kpi(&mut self, index: usize, category: &str, qualitative: bool) -> Kpi {
        let style = YearStyle::pick(&mut self.rng);
        let years = self.rng.range(5, 8) as u16;
        let first = REPORT_YEAR + 1 - years;
        // The first KPI keeps its default anchor (kpi-1): other pages link to it.
        let id = (index > 0 && self.rng.percent(25)).then(|| format!("shihyo-{}", index + 1));
        if qualitative {
            let text = self.text;
            let def = &text.qualitative[self.rng.below(text.qualitative.len())];
            let states = def
                .states
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let y = REPORT_YEAR + 1 + i as u16 - def.states.len() as u16;
                    (style.spell(y), s.to_string())
                })
                .collect();
            return Kpi {
                id,
                category: category.to_string(),
                name: def.name.to_string(),
                definition: String::new(),
                source: None,
                unit: String::new(),
                direction: "up".to_string(),
                baseline: None,
                actual: Vec::new(),
                targets: Vec::new(),
                target: None,
                grades: Vec::new(),
                note: None,
                qualitative: Some((def.target_state.to_string(), states)),
            };
        }
        let text = self.text;
        let def = &text.kpis[self.rng.below(text.kpis.len())];
        let down = def.direction == "down";
        // The series, in whole units (tenths for rates).
        // The series, in whole units (tenths for rates); worked in hundredths of a unit so
        // that small counts move too.
        let start: i64 = match (def.kind, def.unit) {
            (Kind::Rate, _) => self.rng.range(300, 900),
            (Kind::Flow, _) => self.rng.range(-300, 500),
            (Kind::Cumulative, _) => self.rng.range(100, 1500),
            (_, "千人") => self.rng.range(10, 400),
            (_, "人") => self.rng.range(20, 1500),
            _ => self.rng.range(3, 60),
        };
        let trend = self.rng.range(-8, 12);
        let mut level = start * 100;
        let mut values = Vec::new();
        for _ in 0..=years {
            values.push(level / 100);
            let change = if down { -trend } else { trend } + self.rng.range(-8, 8);
            level += level.abs().max(1000) * change / 100;
            if def.kind != Kind::Flow {
                level = level.max(0);
            }
            if def.kind == Kind::Rate {
                level = level.min(100_000);
            }
        }
        let last = *values.last().unwrap_or(&0);
        // A figure a little beyond the last, the way the plan was written.
        let goal = match (def.kind, down) {
            (Kind::Rate, false) => (last + self.rng.range(20, 100)).min(1000),
            (Kind::Rate, true) => (last - self.rng.range(20, 100)).max(0),
            (_, false) => last.abs() + last.abs().max(10) * self.rng.range(5, 30) / 100,
            (_, true) => (last - last.max(10) * self.rng.range(10, 40) / 100).max(0),
        };
        let late_start = self.rng.percent(8);
        let mut actual = Vec::new();
        for (i, &v) in values.iter().enumerate().skip(1) {
            let y = first + i as u16 - 1;
            let cell = if late_start && i == 1 {
                Cell::table(
                    format!(
                        "{{ note = {} }}",
                        quote(&format!("{} 開始", short_year(y + 1)))
                    ),
                    format!("{} 開始", short_year(y + 1)),
                )
            } else {
                self.printed(def, v, y, values[i - 1])
            };
            actual.push((style.spell(y), cell));
        }
        let baseline_year = first - 1;
        let baseline = match def.kind {
            Kind::Cumulative => Cell::printed(format!(
                "{} ({})",
                grouped(values[0]),
                span(baseline_year - 4, baseline_year)
            )),
            Kind::Rate => Cell::number(tenths(values[0])),
            _ if values[0] < 0 => Cell::printed(grouped(values[0])),
            _ => Cell::number(values[0].to_string()),
        };
        let target_year = REPORT_YEAR + self.rng.range(0, 3) as u16;
        let target = self.target(def, goal, target_year, style);
        let mut targets = Vec::new();
        if self.rng.percent(25) && def.kind != Kind::Cumulative {
            let from = (years as usize).saturating_sub(3);
            for (i, &v) in values.iter().enumerate().take(years as usize).skip(from) {
                let y = first + i as u16;
                let t = v + (goal - v) / 2;
                let shown = if def.kind == Kind::Rate {
                    tenths(t)
                } else {
                    t.to_string()
                };
                let cell = if t < 0 {
                    Cell::printed(grouped(t))
                } else {
                    Cell::number(shown)
                };
                targets.push((style.spell(y), cell));
            }
        }
        // Grades for the last one to three years, from actual ÷ target.
        let mut grades = Vec::new();
        let graded = self.rng.range(1, 3) as usize;
        for (i, &v) in values.iter().enumerate().skip(years as usize + 1 - graded) {
            let rate = match (down, v, goal) {
                (_, _, t) if t <= 0 => 100,
                (false, v, t) => v * 100 / t,
                (true, v, t) if v > 0 => t * 100 / v,
                (true, _, _) => 100,
            };
            let grade = match rate {
                100.. => "A",
                80..=99 => "B",
                60..=79 => "C",
                _ => "D",
            };
            grades.push((style.spell(first + i as u16 - 1), grade.to_string()));
        }
        Kpi {
            id,
            category: category.to_string(),
            name: def.name.to_string(),
            definition: def.definition.to_string(),
            source: self.rng.percent(30).then(|| "市統計書".to_string()),
            unit: def.unit.to_string(),
            direction: def.direction.to_string(),
            baseline: Some((style.spell(baseline_year), baseline)),
            actual,
            targets,
            target: Some(target),
            grades,
            note: self.rng.percent(10).then(|| self.sentence().to_string()),
            qualitative: None,
        }
    }

    /// One year's value, in one of the forms a sheet prints.
    fn printed(&mut self, def: &KpiDef, v: i64, year: u16, previous: i64) -> Cell {
        let unit = def.unit;
        match def.kind {
            Kind::Cumulative => match self.rng.below(20) {
                0 => Cell::printed("—".into()),
                _ => Cell::printed(format!("{} ({})", grouped(v), span(year - 4, year))),
            },
            Kind::Rate => match self.rng.below(20) {
                0..=8 => Cell::printed(format!("{}%", tenths(v))),
                9..=16 => Cell::number(tenths(v)),
                17 => Cell::printed("—".into()),
                _ => Cell::printed(format!("{} [{}]", tenths(previous), short_year(year - 1))),
            },
            Kind::Count | Kind::Flow => match self.rng.below(100) {
                _ if v < 0 && self.rng.percent(20) => Cell::printed(format!("-{}", v.abs())),
                _ if v < 0 => Cell::printed(grouped(v)),
                0..=54 => Cell::number(v.to_string()),
                55..=69 => Cell::printed(grouped(v)),
                70..=74 => Cell::printed(format!("{}{unit}", grouped(v))),
                75..=79 => Cell::printed("—".into()),
                80..=84 => Cell::printed(format!(
                    "{} ({})",
                    grouped(previous.max(0)),
                    short_year(year - 1)
                )),
                85..=87 => Cell::table(
                    format!(
                        "{{ value = {}, measured = {}, note = \"国勢調査\" }}",
                        previous.max(0),
                        quote(&short_year(year - 1))
                    ),
                    format!(
                        "{} ({}) 国勢調査",
                        grouped(previous.max(0)),
                        short_year(year - 1)
                    ),
                ),
                88 | 89 => Cell::printed("-".into()),
                _ => Cell::number(v.to_string()),
            },
        }
    }

    /// The final target, in one of the forms a sheet prints.
    fn target(
        &mut self,
        def: &KpiDef,
        goal: i64,
        year: u16,
        style: YearStyle,
    ) -> (Option<String>, Cell) {
        let down = def.direction == "down";
        let rate = def.kind == Kind::Rate;
        let plain = if rate { tenths(goal) } else { goal.to_string() };
        let printed = if rate { plain.clone() } else { grouped(goal) };
        if def.kind == Kind::Cumulative {
            let cell = Cell::printed(format!("{} ({})", grouped(goal), span(year - 4, year)));
            return (Some(style.spell(year)), cell);
        }
        match self.rng.below(10) {
            0..=2 => (None, Cell::number(plain)),
            3..=5 => (Some(style.spell(year)), Cell::printed(printed)),
            6 if rate && !down => (None, Cell::printed(format!("{plain}%以上"))),
            6 if down => (None, Cell::printed(format!("{plain}以下"))),
            7 | 8 => (
                None,
                Cell::printed(format!("{printed} 【{}】", short_year(year))),
            ),
            _ => {
                let comparator = if down { "以下" } else { "以上" };
                let toml = format!(
                    "{{ value = {plain}, year = {}, comparator = \"{comparator}\" }}",
                    quote(&style.spell(year))
                );
                (
                    None,
                    Cell::table(toml, format!("{plain}{comparator}（{}）", short_year(year))),
                )
            }
        }
    }

    fn program(&mut self, path: String, code: String) -> Program {
        let mut title = self.rng.pick(&self.text.programs).to_string();
        if self.rng.percent(50) {
            title = format!("{}地区 {title}", self.rng.pick(&self.text.districts));
        }
        let style = if self.rng.percent(85) {
            YearStyle::Era
        } else {
            YearStyle::pick(&mut self.rng)
        };
        let first = REPORT_YEAR - self.rng.range(1, 2) as u16;
        let indicators: Vec<(&str, &str)> = (0..self.rng.range(1, 2))
            .map(|_| self.rng.pick(&self.text.indicators))
            .collect();
        let mut budget = self.rng.range(5, 500) * 100;
        let years = (first..=REPORT_YEAR)
            .map(|y| {
                budget = budget * self.rng.range(85, 120) / 100;
                let settlement = budget * self.rng.range(80, 100) / 100;
                let indicators = indicators
                    .iter()
                    .map(|&(name, unit)| Indicator {
                        name: name.to_string(),
                        unit: unit.to_string(),
                        value: self.rng.range(1, 400),
                        target: self.rng.percent(40).then(|| self.rng.range(50, 400)),
                    })
                    .collect::<Vec<_>>();
                let mut results = self.sentences(1, 2);
                for i in &indicators {
                    let _ = write!(results, "\n\n○{} {}{}", i.name, i.value, i.unit);
                }
                ProgramYear {
                    year: style.spell(y),
                    western: y,
                    status: match self.rng.below(20) {
                        0..=8 => Some(STATUSES[0]),
                        9..=14 => Some(STATUSES[1]),
                        15..=17 => Some(STATUSES[2]),
                        _ => None,
                    },
                    results,
                    analysis: self.sentences(1, 2),
                    direction: if self.rng.percent(60) {
                        DIRECTIONS[0]
                    } else {
                        self.rng.pick(&DIRECTIONS)
                    },
                    budget,
                    settlement,
                    staff: self.rng.range(1, 20),
                    indicators,
                }
            })
            .collect();
        let period = self.rng.percent(30).then(|| {
            let from = REPORT_YEAR - self.rng.range(2, 5) as u16;
            (
                style.spell(from),
                style.spell(REPORT_YEAR + self.rng.range(0, 3) as u16),
            )
        });
        Program {
            path,
            code,
            title,
            intent: self.sentences(1, 2),
            departments: self.departments(),
            account: format!(
                "{}款{}項{}目",
                self.rng.range(2, 10),
                self.rng.range(1, 5),
                self.rng.range(1, 9)
            ),
            funding: if self.rng.percent(70) {
                "単独"
            } else {
                "補助"
            },
            new: self.rng.percent(10),
            period,
            related: Vec::new(),
            years,
            body: if self.rng.percent(50) {
                self.sentences(1, 1)
            } else {
                String::new()
            },
            parents: Vec::new(),
        }
    }
}

// ---------------------------------------------------------------------------------------
// TOML

/// A TOML basic string; also valid inside `"""`.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML multi-line string for Markdown fields.
fn multiline(s: &str) -> String {
    if !s.contains('\n') {
        return quote(s);
    }
    let escaped = s.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"\"\"\n{escaped}\"\"\"")
}

/// A key: bare when TOML allows, quoted otherwise (令和元年度).
fn key(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        s.to_string()
    } else {
        quote(s)
    }
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

fn inline(pairs: &[(String, Cell)]) -> String {
    let inner: Vec<String> = pairs
        .iter()
        .map(|(y, c)| format!("{} = {}", key(y), c.toml))
        .collect();
    format!("{{ {} }}", inner.join(", "))
}

// ---------------------------------------------------------------------------------------
// The kensho site

fn write_file(root: &Path, rel: &str, text: &str) -> std::io::Result<()> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    fs::write(path, text)
}

fn write_kensho(site: &Site, dir: &Path) -> std::io::Result<()> {
    let content = dir.join("content");
    write_file(&content, "site.toml", &site_toml(site))?;
    write_file(&content, "accessibility.md", ACCESSIBILITY)?;
    for node in &site.nodes {
        write_file(&content, &node.path, &node_page(node, site))?;
    }
    for program in &site.programs {
        write_file(&content, &program.path, &program_page(program))?;
    }
    Ok(())
}

/// The city's accessibility policy: a site published without one warns (its page would
/// be the theme's template with 【要記入】 placeholders).
const ACCESSIBILITY: &str = "+++
title = \"ウェブアクセシビリティ方針\"
+++
## 方針

北上市は、高齢の方や障害のある方を含め、誰もがこのサイトの情報を利用できるよう、日本産業規格 JIS X 8341-3:2016 に基づいてウェブアクセシビリティの確保と向上に取り組みます。

## 対象範囲

このサイトのすべてのページ。

## 目標とする適合レベルと達成の期限

JIS X 8341-3:2016 の適合レベル AA に準拠することを目標とし、公開の時点で達成します。

## 例外事項

外部のサイトへのリンク先のページは対象外です。

## 試験結果

公開前に、すべてのページを自動の試験ツールで確認しました。

## お問い合わせ先

北上市 企画部 政策企画課（電話 0197-72-8201）
";

fn site_toml(site: &Site) -> String {
    let mut s = String::from(
        "# kensho サイト設定（examples/gen_corpus.rs が生成したベンチマーク用のサイト）\n\n",
    );
    let _ = writeln!(s, "city = {}", quote(CITY));
    s.push_str("city_code = \"032069\"\n");
    let _ = writeln!(
        s,
        "title = {}",
        quote(&format!("{CITY}版総合戦略 検証シート（ベンチマーク）"))
    );
    let _ = writeln!(s, "base_url = {}", quote(BASE_URL));
    s.push_str("language = \"ja\"\nreport_year = \"R03\"\nyear_style = \"era_western\"\n");
    s.push_str("messages = \"both\"\ndefault_scale = \"abcd\"\ntheme = \"default\"\n");
    s.push_str("updated = 2022-06-30\n");
    let _ = writeln!(s, "directions = {}", list(&DIRECTIONS.map(String::from)));
    for plan in &site.plans {
        let _ = write!(
            s,
            "\n[[plans]]\ndir = {}\nlevels = [\"総合戦略\", \"基本目標\", \"施策\"]\n",
            quote(&plan.dir)
        );
    }
    s.push_str("\n[[scales]]\nid = \"abcd\"\nname = \"達成状況\"\n");
    let meanings = [
        ("目標を達成した", "double-circle"),
        ("目標をおおむね達成した", "circle"),
        ("目標を下回った", "triangle"),
        ("目標を大きく下回った", "cross"),
    ];
    for (i, (grade, (meaning, shape))) in GRADES.iter().zip(meanings).enumerate() {
        let _ = write!(
            s,
            "\n[[scales.grades]]\nkey = \"{grade}\"\nlabel = \"{grade}\"\norder = {}\nmeaning = \"{meaning}\"\nshape = \"{shape}\"\n",
            i + 1
        );
    }
    for (i, (status, shape)) in STATUSES
        .iter()
        .zip(["circle", "triangle", "cross"])
        .enumerate()
    {
        let _ = write!(
            s,
            "\n[[statuses]]\nkey = \"{status}\"\norder = {}\nshape = \"{shape}\"\n",
            i + 1
        );
    }
    s
}

fn node_page(node: &Node, site: &Site) -> String {
    let mut s = String::from("+++\n");
    let _ = writeln!(s, "code = {}", quote(&node.code));
    let _ = writeln!(s, "title = {}", quote(&node.title));
    if !node.intent.is_empty() {
        let _ = writeln!(s, "intent = {}", multiline(&node.intent));
    }
    if !node.departments.is_empty() {
        let _ = writeln!(s, "departments = {}", list(&node.departments));
    }
    if !node.related.is_empty() {
        let _ = writeln!(s, "related = {}", list(&node.related));
    }
    if let Some(w) = node.weight {
        let _ = writeln!(s, "weight = {w}");
    }
    let refs = |ps: &[usize]| -> Vec<String> {
        ps.iter()
            .map(|&p| format!("@/{}", site.programs[p].path))
            .collect()
    };
    if !node.programs.is_empty() {
        let _ = writeln!(s, "programs = {}", list(&refs(&node.programs)));
    }
    for (title, programs) in &node.groups {
        let _ = write!(s, "\n[[groups]]\ntitle = {}\nprograms = [\n", quote(title));
        for r in refs(programs) {
            let _ = writeln!(s, "  {},", quote(&r));
        }
        s.push_str("]\n");
    }
    for ev in &node.evaluations {
        let _ = writeln!(s, "\n[evaluations.{}]", key(&ev.year));
        if let Some(g) = &ev.grade {
            let _ = writeln!(s, "grade = {}", quote(g));
        }
        for (field, text) in [
            ("summary", &ev.summary),
            ("issues", &ev.issues),
            ("outlook", &ev.outlook),
        ] {
            if let Some(t) = text {
                let _ = writeln!(s, "{field} = {}", multiline(t));
            }
        }
    }
    for (year, budget, settlement) in &node.totals {
        let _ = write!(
            s,
            "\n[totals.{}]\nbudget = {budget}\nsettlement = {settlement}\n",
            key(year)
        );
    }
    for k in &node.kpis {
        s.push_str("\n[[kpis]]\n");
        if let Some(id) = &k.id {
            let _ = writeln!(s, "id = {}", quote(id));
        }
        let _ = writeln!(s, "category = {}", quote(&k.category));
        let _ = writeln!(s, "name = {}", quote(&k.name));
        if let Some((state, states)) = &k.qualitative {
            let _ = writeln!(s, "qualitative = true\ntarget_state = {}", quote(state));
            let pairs: Vec<(String, Cell)> = states
                .iter()
                .map(|(y, t)| (y.clone(), Cell::printed(t.clone())))
                .collect();
            let _ = writeln!(s, "states = {}", inline(&pairs));
            continue;
        }
        let _ = writeln!(s, "definition = {}", quote(&k.definition));
        if let Some(src) = &k.source {
            let _ = writeln!(s, "source = {}", quote(src));
        }
        let _ = writeln!(s, "unit = {}", quote(&k.unit));
        let _ = writeln!(s, "direction = {}", quote(&k.direction));
        if let Some((year, cell)) = &k.baseline {
            let _ = writeln!(
                s,
                "baseline = {{ year = {}, value = {} }}",
                quote(year),
                cell.toml
            );
        }
        let _ = writeln!(s, "actual = {}", inline(&k.actual));
        if !k.targets.is_empty() {
            let _ = writeln!(s, "targets = {}", inline(&k.targets));
        }
        match &k.target {
            Some((Some(year), cell)) => {
                let _ = writeln!(
                    s,
                    "target = {{ year = {}, value = {} }}",
                    quote(year),
                    cell.toml
                );
            }
            Some((None, cell)) => {
                let _ = writeln!(s, "target = {}", cell.toml);
            }
            None => {}
        }
        if !k.grades.is_empty() {
            let pairs: Vec<(String, Cell)> = k
                .grades
                .iter()
                .map(|(y, g)| (y.clone(), Cell::printed(g.clone())))
                .collect();
            let _ = writeln!(s, "grades = {}", inline(&pairs));
        }
        if let Some(note) = &k.note {
            let _ = writeln!(s, "note = {}", quote(note));
        }
    }
    s.push_str("+++\n");
    s.push_str(&node.body);
    if !node.body.is_empty() {
        s.push('\n');
    }
    s
}

fn program_page(p: &Program) -> String {
    let mut s = String::from("+++\n");
    let _ = writeln!(s, "title = {}", quote(&p.title));
    let _ = writeln!(s, "code = {}", quote(&p.code));
    let _ = writeln!(s, "intent = {}", multiline(&p.intent));
    let _ = writeln!(s, "departments = {}", list(&p.departments));
    let _ = writeln!(s, "account = {}", quote(&p.account));
    let _ = writeln!(s, "funding = {}", quote(p.funding));
    if p.new {
        s.push_str("new = true\n");
    }
    if let Some((from, to)) = &p.period {
        let _ = writeln!(s, "period = {}", list(&[from.clone(), to.clone()]));
    }
    if !p.related.is_empty() {
        let _ = writeln!(s, "related = {}", list(&p.related));
    }
    for y in &p.years {
        let _ = writeln!(s, "\n[years.{}]", key(&y.year));
        if let Some(status) = y.status {
            let _ = writeln!(s, "status = {}", quote(status));
        }
        let _ = writeln!(s, "results = {}", multiline(&y.results));
        let _ = writeln!(s, "analysis = {}", multiline(&y.analysis));
        let _ = writeln!(s, "direction = {}", quote(y.direction));
        let _ = writeln!(
            s,
            "budget = {}\nsettlement = {}\nstaff = {}",
            y.budget,
            y.settlement,
            tenths(y.staff)
        );
        for i in &y.indicators {
            let _ = write!(
                s,
                "\n[[years.{}.indicators]]\nname = {}\nunit = {}\nvalue = {}\n",
                key(&y.year),
                quote(&i.name),
                quote(&i.unit),
                i.value
            );
            if let Some(t) = i.target {
                let _ = writeln!(s, "target = {t}");
            }
        }
    }
    s.push_str("+++\n");
    s.push_str(&p.body);
    if !p.body.is_empty() {
        s.push('\n');
    }
    s
}
