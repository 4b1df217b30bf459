//! Builds the typed [`Site`] from raw documents: classifies files into plan nodes and
//! programs, reads each front matter, and checks values against the site's settings.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::fields::{self, Place};
use super::kpi::{self, CellRole, Kpi};
use super::markdown::Origin;
use super::money::{self, Amount};
use super::page::SitePage;
use super::plan_refusal::{Refused, plan_year_refusal, refused_in_plan_year};
use super::reader::{Ctx, Located, Table};
use super::site::{self, SiteConfig};
use super::value::Number;
use super::year::FiscalYear;
use super::{
    Evaluation, GradeRef, Group, Indicator, Markdown, Node, Program, ProgramYear, Ref, Site, series,
};
use crate::diag::{Diagnostic, Diagnostics, FileRef, Message, SourceFile, did_you_mean};
use crate::load::{FormsToml, Loaded, RawDocument, RawSite, RawToml, SITE_FILE, Sources};

/// The folder under `content/` that holds programs.
pub const PROGRAMS_DIR: &str = "programs";

/// Whether drafts (`draft = true`) are part of the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Drafts {
    /// Drafts are left out, links to them render as text (`build`, `serve`).
    #[default]
    Hide,
    /// Drafts are shown, marked 下書き (`build --drafts`, `serve --drafts`).
    Show,
}

impl Drafts {
    /// Shown when a command's `--drafts` flag is given.
    pub fn shown_if(flag: bool) -> Drafts {
        if flag { Drafts::Show } else { Drafts::Hide }
    }
}

/// Build the typed site from a whole load.
pub fn build(raw: &RawSite, drafts: Drafts, diags: &mut Diagnostics) -> Option<Site> {
    let sources = raw.sources(diags);
    build_from(&sources, drafts, diags)
}

/// [`build`] from loaded files sorted by kind, so the preview server can keep its loaded
/// files cached. Files are read in parallel; `None` without a usable site.toml.
pub fn build_from(sources: &Sources, drafts: Drafts, diags: &mut Diagnostics) -> Option<Site> {
    let config = read_config(sources.config, sources.forms, diags)?;
    let mut files: Vec<TypedFile> = sources
        .documents
        .par_iter()
        .map(|doc| read_file(doc, &config))
        .collect();
    files.extend(
        sources
            .unreadable
            .iter()
            .map(|rel| TypedFile::unreadable(rel)),
    );
    Some(assemble(sources.root, config, files.iter(), drafts, diags))
}

/// The site's settings, from site.toml, with its forms (forms.toml, else the built-in
/// ones); `None` (with its errors) when site.toml has none usable.
pub fn read_config(
    toml: Option<&RawToml>,
    forms: FormsToml<'_>,
    diags: &mut Diagnostics,
) -> Option<SiteConfig> {
    read_config_in(toml, forms, None, diags)
}

/// [`read_config`], with `report_year` in place of site.toml's where given (`kensho
/// year` checks the site as it would be in that year): the forms are read in that year
/// too. The labels keep site.toml's year; only the problems found are read.
pub fn read_config_in(
    toml: Option<&RawToml>,
    forms: FormsToml<'_>,
    report_year: Option<super::year::FiscalYear>,
    diags: &mut Diagnostics,
) -> Option<SiteConfig> {
    let mut list = Vec::new();
    let mut config = toml.and_then(|c| site::read(c, &mut list));
    if let (Some(config), Some(year)) = (&mut config, report_year) {
        config.report_year = year;
    }
    if let (Some(config), Some(toml)) = (&mut config, toml) {
        let fields_at = (matches!(forms, FormsToml::Read(_)))
            .then(|| toml.table.iter().find(|(k, _)| k.name == "fields"))
            .flatten()
            .map(|(k, _)| (&toml.file, k.span.clone()));
        let read = super::form::read(forms, config, fields_at, &mut list);
        config.forms = read;
        config.fields = config.forms.fields(&config.labels);
    }
    diags.items.extend(list);
    config
}

/// One content file, typed: what the site is assembled from. It depends only on the
/// file and the site's settings, so the preview keeps it until either changes.
#[derive(Debug)]
pub struct TypedFile {
    pub content: Typed,
    /// Problems found in the file.
    pub diags: Vec<Diagnostic>,
    /// Where its page goes in site order ([`natural_key`] of its path), made once.
    order: Vec<(String, u64)>,
    /// The file it was read from, which its content points at weakly: whoever keeps the
    /// typed file (the preview's cache, the site) keeps the text.
    source: Option<Arc<SourceFile>>,
}

#[derive(Debug)]
pub enum Typed {
    Node(Arc<Node>),
    Program(Arc<Program>),
    /// The city's accessibility policy page.
    Accessibility(SitePage),
    /// A file whose front matter has errors: references to it are not errors too.
    Unreadable(String),
    /// A file outside every plan folder (an error says where it should go).
    Stray,
    /// A file beside the pages, by its content path (published where a page links to it).
    Attachment(String),
}

impl TypedFile {
    /// A file that exists but could not be read or parsed (its errors come from
    /// loading): references to it are not errors too.
    pub fn unreadable(rel: &str) -> TypedFile {
        TypedFile {
            content: Typed::Unreadable(rel.to_string()),
            diags: Vec::new(),
            order: natural_key(rel),
            source: None,
        }
    }
}

/// Type one loaded file against the site's settings; `None` for site.toml and files
/// that are not content.
pub fn read_loaded(loaded: &Loaded, config: &SiteConfig) -> Option<TypedFile> {
    match loaded {
        Loaded::Document(doc) => Some(read_file(doc, config)),
        Loaded::Unreadable(rel) if rel != SITE_FILE => Some(TypedFile::unreadable(rel)),
        Loaded::Attachment(rel) => Some(TypedFile {
            content: Typed::Attachment(rel.clone()),
            diags: Vec::new(),
            order: natural_key(rel),
            source: None,
        }),
        Loaded::Config(_) | Loaded::Forms(_) | Loaded::Unreadable(_) => None,
    }
}

/// Type one loaded content file against the site's settings.
pub fn read_file(doc: &RawDocument, config: &SiteConfig) -> TypedFile {
    let cell = RefCell::new(Vec::new());
    let ctx = Ctx {
        file: &doc.front.file,
        diags: &cell,
        years: Some(super::year::YearSpan::around(config.report_year)),
        names_known: !config.forms.in_doubt,
    };
    let first = doc.rel.split('/').next().unwrap_or("");
    let content = if first == PROGRAMS_DIR {
        match read_program(&ctx, doc, config) {
            Some(p) => Typed::Program(Arc::new(p)),
            None => Typed::Unreadable(doc.rel.clone()),
        }
    } else if doc.rel == super::page::ACCESSIBILITY_FILE {
        Typed::Accessibility(super::page::read(&ctx, doc, body(&ctx, doc, config)))
    } else if let Some(plan) = config.plans.iter().position(|p| p.dir == first) {
        match read_node(&ctx, doc, plan, config) {
            Some(n) => Typed::Node(Arc::new(n)),
            None => Typed::Unreadable(doc.rel.clone()),
        }
    } else {
        ctx.diags
            .borrow_mut()
            .push(stray_file(first, config).in_file(&doc.front.file));
        Typed::Stray
    };
    TypedFile {
        content,
        diags: cell.into_inner(),
        order: natural_key(&doc.rel),
        source: Some(doc.front.file.clone()),
    }
}

fn is_error(d: &Diagnostic) -> bool {
    d.severity == crate::diag::Severity::Error
}

/// The content path (`programs/a.md`) of a file shown as `content/programs/a.md`.
fn content_path(shown: &Path) -> Option<String> {
    let rel = shown.strip_prefix(crate::load::CONTENT_DIR).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

fn stray_file(first: &str, config: &SiteConfig) -> Diagnostic {
    let dirs: Vec<&str> = config
        .plans
        .iter()
        .map(|p| p.dir.as_str())
        .chain([PROGRAMS_DIR])
        .collect();
    let candidates = dirs
        .iter()
        .copied()
        .chain([super::page::ACCESSIBILITY_FILE]);
    let hint = did_you_mean(first, candidates)
        .map(|d| {
            (
                format!("「{d}」の書き間違いではありませんか？"),
                format!(" Did you mean \"{d}\"?"),
            )
        })
        .unwrap_or_default();
    Diagnostic::error(Message::new(
        format!(
            "このファイルはどの計画のフォルダにもありません。{}site.toml の [[plans]] の dir か programs フォルダに置いてください（{}）",
            hint.0,
            dirs.join(", ")
        ),
        format!(
            "this file is in no plan folder.{} Put it under a [[plans]] dir of site.toml or under programs/ ({})",
            hint.1,
            dirs.join(", ")
        ),
    ))
}

/// The site from its typed files (in any order): drafts left out or marked, the plan
/// structure checked, nodes and programs in site order.
pub fn assemble<'a>(
    root: &Path,
    config: SiteConfig,
    files: impl Iterator<Item = &'a TypedFile>,
    drafts: Drafts,
    diags: &mut Diagnostics,
) -> Site {
    let mut nodes = Vec::new();
    let mut programs = Vec::new();
    let mut unreadable = Vec::new();
    let mut attachments = Vec::new();
    let mut accessibility = None;
    // site.toml, where `favicon` names its file (the link stage says there if it is missing).
    let mut sources: Vec<_> = (config.favicon.iter())
        .filter_map(|(file, _)| file.upgrade())
        .collect();
    // Files read with errors: what they would have said is unknown too.
    let mut with_errors = Vec::new();
    for file in files {
        diags.items.extend(file.diags.iter().cloned());
        if let (Some(source), true) = (&file.source, file.diags.iter().any(is_error)) {
            with_errors.push(source.path.clone());
        }
        sources.extend(file.source.clone());
        match &file.content {
            Typed::Node(n) => nodes.push((&file.order, n)),
            Typed::Program(p) => programs.push((&file.order, p)),
            Typed::Accessibility(page) => accessibility = Some(page.clone()),
            Typed::Unreadable(rel) => unreadable.push(rel.clone()),
            Typed::Attachment(rel) => attachments.push(rel.clone()),
            Typed::Stray => {}
        }
    }
    // The path last: two names can read as the same number (`a01`, `a1`).
    nodes.sort_unstable_by(|(a, n), (b, m)| (n.plan, a, &n.path).cmp(&(m.plan, b, &m.path)));
    programs.sort_unstable_by(|(a, p), (b, q)| (a, &p.path).cmp(&(b, &q.path)));
    let mut nodes: Vec<Arc<Node>> = nodes.into_iter().map(|(_, n)| n.clone()).collect();
    let mut programs: Vec<Arc<Program>> = programs.into_iter().map(|(_, p)| p.clone()).collect();
    let mut failed = unreadable.clone();
    let mut listed_by_drafts = Vec::new();
    failed.extend(with_errors.iter().filter_map(|p| content_path(p)));
    failed.sort();
    match drafts {
        Drafts::Hide => {
            listed_by_drafts = drop_drafts(&mut nodes, &mut programs, &mut unreadable);
        }
        Drafts::Show => mark_drafts(&mut nodes),
    }
    check_structure(&config, &nodes, diags);
    check_codes(&nodes, &programs, diags);
    // Nodes in tree order, programs in the order the plan lists them: site-wide.
    let nodes = super::order::tree(nodes);
    let programs = super::order::programs(&nodes, programs);
    unreadable.sort();
    attachments.sort();
    Site {
        root: root.to_path_buf(),
        config,
        nodes,
        programs,
        unreadable,
        failed,
        listed_by_drafts,
        attachments,
        accessibility,
        sources,
    }
}

/// Drafts (`draft = true`) never reach the published site: a draft node takes the nodes
/// below it along, and links to a draft from published pages render as plain text.
/// Returns the programs the nodes left out list, sorted.
fn drop_drafts(
    nodes: &mut Vec<Arc<Node>>,
    programs: &mut Vec<Arc<Program>>,
    hidden: &mut Vec<String>,
) -> Vec<String> {
    let draft_folders = draft_folders(nodes);
    let is_draft =
        |n: &Node| n.draft || draft_folders.iter().any(|f| n.path.starts_with(f.as_str()));
    hidden.extend(nodes.iter().filter(|n| is_draft(n)).map(|n| n.path.clone()));
    let mut listed: Vec<String> = (nodes.iter().filter(|n| is_draft(n)))
        .flat_map(|n| n.listings().map(|(_, l)| l.program.target.clone()))
        .collect();
    listed.sort();
    listed.dedup();
    nodes.retain(|n| !is_draft(n));
    hidden.extend(programs.iter().filter(|p| p.draft).map(|p| p.path.clone()));
    programs.retain(|p| !p.draft);
    listed
}

/// Nodes in a draft folder are drafts too, so the preview marks them.
fn mark_drafts(nodes: &mut [Arc<Node>]) {
    let folders = draft_folders(nodes);
    for n in nodes {
        if !n.draft && folders.iter().any(|f| n.path.starts_with(f.as_str())) {
            Arc::make_mut(n).draft = true;
        }
    }
}

fn draft_folders(nodes: &[Arc<Node>]) -> Vec<String> {
    nodes
        .iter()
        .filter(|n| n.draft)
        .filter_map(|n| n.path.strip_suffix("_index.md").map(str::to_string))
        .collect()
}

/// Sort key that puts `policy-2` before `policy-10`, and a folder's `_index.md` first.
pub fn natural_key(path: &str) -> Vec<(String, u64)> {
    super::order::natural(path.strip_suffix("/_index.md").unwrap_or(path))
}

/// Each plan needs its root `_index.md`, each folder its `_index.md`, and no node may be
/// deeper than the levels the plan names.
fn check_structure(config: &SiteConfig, nodes: &[Arc<Node>], diags: &mut Diagnostics) {
    let paths: HashSet<&str> = nodes.iter().map(|n| n.path.as_str()).collect();
    for plan in &config.plans {
        let root = format!("{}/_index.md", plan.dir);
        if !paths.contains(root.as_str()) {
            diags.push(Diagnostic::error(Message::new(
                format!(
                    "計画「{}」の最上位のファイル content/{root} がありません",
                    plan.levels[0]
                ),
                format!("plan \"{}\" has no root file content/{root}", plan.dir),
            )));
        }
    }
    for n in nodes {
        let plan = &config.plans[n.plan];
        if n.depth >= plan.levels.len() {
            diags.push(
                Diagnostic::error(Message::new(
                    format!(
                        "階層が深すぎます: この計画の階層は {} の {} 段です",
                        plan.levels.join(" → "),
                        plan.levels.len()
                    ),
                    format!(
                        "too deep: this plan has {} levels ({}); add a level name to levels in site.toml or move the file up",
                        plan.levels.len(),
                        plan.levels.join(" → ")
                    ),
                ))
                .in_file(&n.file),
            );
        }
        if let Some(parent) = parent_path(&n.path)
            && !paths.contains(parent.as_str())
        {
            diags.push(
                Diagnostic::error(Message::new(
                    format!("親のファイル content/{parent} がありません（フォルダには _index.md が必要です）"),
                    format!("missing parent content/{parent}: every folder of a plan needs an _index.md"),
                ))
                .in_file(&n.file),
            );
        }
    }
}

/// One code for two pages of one plan, named with both files: two nodes under one parent
/// is an error (codes are numbered within their parent: each goal has a 施策1); two
/// programs listed in one plan, a warning (each plan numbers its own programs, but a
/// program listed again (再掲) under another plan keeps its own plan's code, so a sheet
/// may print two alike). A program listed nowhere is held to the others listed nowhere.
fn check_codes(nodes: &[Arc<Node>], programs: &[Arc<Program>], diags: &mut Diagnostics) {
    let mut seen: HashMap<(usize, Option<String>, &str), &FileRef> = HashMap::new();
    for n in nodes {
        if let Some(code) = &n.code {
            let key = (n.plan, parent_path(&n.path), code.as_str());
            if let Some(first) = seen.insert(key, &n.file) {
                diags.push(duplicate_code(code, first, &n.file, Kind::Node));
            }
        }
    }
    let plans = listing_plans(nodes);
    let mut seen: HashMap<(Option<usize>, &str), &FileRef> = HashMap::new();
    for p in programs {
        let Some(code) = &p.code else { continue };
        let listed: Vec<Option<usize>> = match plans.get(p.path.as_str()) {
            Some(set) => set.iter().copied().map(Some).collect(),
            None => vec![None],
        };
        let first = listed
            .into_iter()
            .filter_map(|plan| seen.insert((plan, code.as_str()), &p.file))
            .next();
        if let Some(first) = first {
            diags.push(duplicate_code(code, first, &p.file, Kind::Program));
        }
    }
}

/// The plans each program is listed in, by the program's content path.
fn listing_plans(nodes: &[Arc<Node>]) -> HashMap<&str, std::collections::BTreeSet<usize>> {
    let mut plans: HashMap<&str, std::collections::BTreeSet<usize>> = HashMap::new();
    for n in nodes {
        for (_, l) in n.listings() {
            plans
                .entry(l.program.target.as_str())
                .or_default()
                .insert(n.plan);
        }
    }
    plans
}

/// Which pages share a code.
#[derive(Clone, Copy)]
enum Kind {
    Node,
    Program,
}

fn duplicate_code(code: &str, first: &FileRef, second: &FileRef, kind: Kind) -> Diagnostic {
    let path = |f: &FileRef| {
        f.upgrade()
            .map(|f| f.path.display().to_string())
            .unwrap_or_default()
    };
    let (a, b) = (path(first), path(second));
    let here = match kind {
        Kind::Node => Diagnostic::error(Message::new(
            format!("code「{code}」が {a} と {b} の二つの計画のファイルに使われています。どちらかの code を直してください"),
            format!("code \"{code}\" is used by two nodes, {a} and {b}: change one of them"),
        )),
        Kind::Program => Diagnostic::warning(Message::new(
            format!("code「{code}」が {a} と {b} の二つの事業に使われていて、どちらも同じ計画に掲載されています。シートがそう印刷しているのでなければ、どちらかの code を直してください"),
            format!("code \"{code}\" is used by two programs listed in one plan, {a} and {b}: unless the sheet prints them so, change one of them"),
        )),
    }
    .field("code");
    let here = match code_span(second) {
        Some(span) => here.at(second, span),
        None => here.in_file(second),
    };
    match code_span(first) {
        Some(span) => here.related(
            first,
            span,
            Message::new("もう一つはここです", "the other one is here"),
        ),
        None => here,
    }
}

/// Where `code` was written in a file's front matter, read again from its text (the
/// model keeps no span for it, and this is needed only for a duplicate).
fn code_span(file: &FileRef) -> Option<std::ops::Range<usize>> {
    let file = file.upgrade()?;
    let split = crate::load::frontmatter::split(&file.text).ok()?;
    let (table, _) = toml::de::DeTable::parse_recoverable(split.front);
    let tree = crate::load::tree::from_de(table.get_ref(), split.front_offset);
    tree.into_iter()
        .find(|(k, _)| k.name == "code")
        .map(|(_, v)| v.span)
}

/// The `_index.md` of the folder above a node, `None` for a plan's root.
pub fn parent_path(path: &str) -> Option<String> {
    let dir = match path.strip_suffix("/_index.md") {
        Some(folder) => folder.rsplit_once('/')?.0,
        None => path.rsplit_once('/')?.0,
    };
    Some(format!("{dir}/_index.md"))
}

fn depth_of(path: &str) -> usize {
    let parts = path.split('/').count();
    if path.ends_with("/_index.md") {
        parts - 2
    } else {
        parts - 1
    }
}

fn markdown_field(t: &mut Table<'_>, key: &'static str, config: &SiteConfig) -> Option<Markdown> {
    let field = if t.path.is_empty() {
        key.to_string()
    } else {
        format!("{}.{key}", t.path)
    };
    let origin = Origin {
        ctx: t.ctx,
        field,
        image_hosts: &config.images.allowed_hosts,
    };
    t.string(key)
        .map(|l| Markdown::new(l.value, &origin, l.span.start, false, l.span))
}

/// The city's own text fields of `place` written in `t`, in the order of site.toml, read
/// like the built-in ones; a built-in text key the city's list leaves out is an error
/// ([`fields::check_unnamed`]).
fn own_texts(t: &mut Table<'_>, place: Place, config: &SiteConfig) -> Vec<(String, Markdown)> {
    fields::check_unnamed(t, place, &config.fields);
    config
        .fields
        .own(place)
        .filter_map(|f| {
            let l = t.own_string(&f.key)?;
            let field = if t.path.is_empty() {
                f.key.clone()
            } else {
                format!("{}.{}", t.path, f.key)
            };
            let origin = Origin {
                ctx: t.ctx,
                field,
                image_hosts: &config.images.allowed_hosts,
            };
            let md = Markdown::new(l.value, &origin, l.span.start, false, l.span);
            Some((f.key.clone(), md))
        })
        .collect()
}

/// The texts of a level's own form (`for = { plan, level }`) that the nodes' texts
/// (`own_texts`) do not read already.
fn level_texts(
    t: &mut Table<'_>,
    own_form: Option<&super::form::Form>,
    place: Place,
    config: &SiteConfig,
) -> Vec<(String, Markdown)> {
    let Some(form) = own_form.filter(|f| f.target != super::form::Target::Nodes) else {
        return Vec::new();
    };
    let read: Vec<String> = config.fields.own(place).map(|f| f.key.clone()).collect();
    let per_year = matches!(place, Place::Evaluation | Place::ProgramYear);
    super::form::read_texts(t, form, per_year, &read, config)
}

fn body(ctx: &Ctx<'_>, doc: &RawDocument, config: &SiteConfig) -> Markdown {
    let origin = Origin {
        ctx,
        field: "body".to_string(),
        image_hosts: &config.images.allowed_hosts,
    };
    Markdown::new(
        doc.body.clone(),
        &origin,
        doc.body_offset,
        true,
        doc.body_offset..doc.body_offset + doc.body.len(),
    )
}

/// `@/path/to/file.md#fragment` → a [`Ref`].
pub(super) fn parse_ref(ctx: &Ctx<'_>, l: Located<String>, field: &str) -> Option<Ref> {
    let Some(rest) = l.value.strip_prefix("@/") else {
        ctx.error(l.span, field, Message::new(
            format!("参照は @/ で始まる、content フォルダから見たファイルの場所で書いてください（例: @/senryaku/goal-2/policy-1.md）。「{}」", l.value),
            format!("a reference is a path from content/ starting with @/ (e.g. @/senryaku/goal-2/policy-1.md); found \"{}\"", l.value),
        ));
        return None;
    };
    let (target, fragment) = match rest.split_once('#') {
        Some((t, f)) => (t.to_string(), Some(f.to_string())),
        None => (rest.to_string(), None),
    };
    Some(Ref {
        target,
        fragment,
        file: Arc::downgrade(ctx.file),
        span: l.span,
        field: field.to_string(),
    })
}

/// A plan node's front matter: its own fields first, then the checks that need the
/// site's settings (grades against scales, KPI ids), then the body.
fn read_node(ctx: &Ctx<'_>, doc: &RawDocument, plan: usize, config: &SiteConfig) -> Option<Node> {
    let mut t = Table::new(ctx, &doc.front.table, String::new(), doc.front.span.clone());
    let code = t.string("code").map(|l| l.value);
    let title = t.required_text("title");
    let intent = markdown_field(&mut t, "intent", config);
    let scale = config.plans[plan]
        .scale
        .clone()
        .unwrap_or_else(|| config.default_scale.clone());
    let depth = depth_of(&doc.rel);
    let form_of = |year| (config.forms.node(plan, depth, year)).filter(|f| !f.builtin);
    let own_form = form_of(config.report_year);
    let mut texts = own_texts(&mut t, Place::Node, config);
    texts.extend(level_texts(&mut t, own_form, Place::Node, config));
    let items = (own_form.into_iter())
        .flat_map(|f| super::form::read_items(&mut t, f, false, config, &scale))
        .collect();
    let sheet = own_form.map_or_else(Default::default, |f| {
        super::form::read_own_cells(&mut t, f, config)
    });
    let departments = t
        .strings("departments")
        .into_iter()
        .map(|l| l.value)
        .collect();
    let related_none = super::listing::related_none(&mut t, "related");
    let (related, related_outside) = super::listing::related(&mut t, "related");
    let flags = super::listing::flags(&mut t, config);
    let weight = t.integer("weight").map(|l| l.value);
    let draft = t.boolean("draft").unwrap_or(false);
    let (programs, blank_rows) = super::listing::listings_with_blanks(&mut t, "programs");
    let groups = read_groups(&mut t);
    let mut evaluations = read_evaluations(&mut t, config, form_of, &scale);
    let stated_totals = read_stated_totals(&mut t, config.report_year);
    let kpi_tables = t.tables("kpis");
    if let Some(past) = kpi_tables.get(kpi::MAX_KPIS) {
        past.ctx
            .error(past.span.clone(), &past.path, kpi::too_many_message());
    }
    let mut kpis: Vec<_> = kpi_tables
        .into_iter()
        .take(kpi::MAX_KPIS)
        .enumerate()
        .filter_map(|(i, k)| {
            let texts = own_form.map_or(&[][..], |f| f.kpi_texts());
            kpi::read(k, i, config.report_year, texts)
        })
        .collect();
    if let Some(f) = own_form {
        year_rows_on_page(&mut t, f, "evaluations", config);
    }
    t.finish();

    for g in evaluations.values_mut().filter_map(|ev| ev.grade.as_mut()) {
        check_grade(ctx, config, &scale, g);
    }
    check_kpis(ctx, doc, config, &scale, &mut kpis);
    Some(Node {
        path: doc.rel.clone(),
        file: Arc::downgrade(&doc.front.file),
        plan,
        depth,
        code,
        // A node without a title stops here, before its body is read.
        title: title?.value,
        intent,
        texts,
        items,
        departments,
        related,
        related_outside,
        related_none,
        flags,
        weight,
        draft,
        programs,
        blank_rows,
        groups,
        evaluations,
        sheet,
        kpis,
        body: body(ctx, doc, config),
        scale,
        stated_totals,
    })
}

/// `[[groups]]`: titled lists of programs shown apart on the node's page.
fn read_groups(t: &mut Table<'_>) -> Vec<Group> {
    t.tables("groups")
        .into_iter()
        .filter_map(|mut g| {
            let title = g.required_text("title");
            let programs = super::listing::listings(&mut g, "programs");
            g.finish();
            Some(Group {
                title: title?.value,
                programs,
            })
        })
        .collect()
}

/// `[evaluations.<year>]`: the node's grade and review texts, year by year, each read
/// with that year's form (its items and table cells). Grades are
/// checked against the scale later, once the node's scale is known. A grade for a plan
/// year is refused (a grade is a result); the texts of a plan year are fine.
fn read_evaluations<'c>(
    t: &mut Table<'_>,
    config: &'c SiteConfig,
    form_of: impl Fn(FiscalYear) -> Option<&'c super::form::Form>,
    scale: &str,
) -> BTreeMap<FiscalYear, Box<Evaluation>> {
    series::tables(t, "evaluations")
        .into_iter()
        .map(|(year, mut et)| {
            // Each year is read with its own year's form (a city's sheet changes).
            let own_form = form_of(year);
            let field = format!("{}.grade", et.path);
            let grade = et
                .string("grade")
                .filter(|l| {
                    !refused_in_plan_year(
                        et.ctx,
                        &l.span,
                        &field,
                        Refused::NodeGrade,
                        (year, config.report_year),
                    )
                })
                .map(|l| GradeRef {
                    key: l.value,
                    span: l.span,
                    field,
                });
            let summary = markdown_field(&mut et, "summary", config);
            let issues = markdown_field(&mut et, "issues", config);
            let outlook = markdown_field(&mut et, "outlook", config);
            let mut texts = own_texts(&mut et, Place::Evaluation, config);
            texts.extend(level_texts(&mut et, own_form, Place::Evaluation, config));
            let ev = Evaluation {
                grade,
                summary,
                issues,
                outlook,
                texts,
                items: (own_form.into_iter())
                    .flat_map(|f| super::form::read_items(&mut et, f, true, config, scale))
                    .collect(),
                sheet: own_form.map_or_else(Default::default, |f| {
                    let kind = super::form::YearKind {
                        year,
                        report: config.report_year,
                        marked: false,
                        plan: super::is_plan(year, config.report_year, false),
                        drawn: true,
                    };
                    super::form::read_cells(&mut et, f, &kind, config, Default::default())
                }),
            };
            if let Some(f) = own_form {
                page_keys_in_year(&mut et, f, year, "evaluations", config);
            }
            et.finish();
            (year, Box::new(ev))
        })
        .collect()
}

/// `[totals.<year>]`: the budget and settlement the city states for the node, checked
/// later against the sum of its programs. A settlement for a plan year (after `report`)
/// is refused: it is a result.
fn read_stated_totals(
    t: &mut Table<'_>,
    report: FiscalYear,
) -> BTreeMap<FiscalYear, super::StatedTotal> {
    series::tables(t, "totals")
        .into_iter()
        .map(|(year, mut yt)| {
            let field = format!("{}.settlement", yt.path);
            let settlement = money::amount(&mut yt, "settlement").filter(|l| {
                !refused_in_plan_year(
                    yt.ctx,
                    &l.span,
                    &field,
                    Refused::TotalSettlement,
                    (year, report),
                )
            });
            let total = super::StatedTotal {
                path: yt.path.clone(),
                budget: money::amount(&mut yt, "budget"),
                settlement,
            };
            yt.finish();
            (year, total)
        })
        .collect()
}

/// Each KPI's grades against its own scale (or the node's), and KPI ids unique in the node.
fn check_kpis(
    ctx: &Ctx<'_>,
    doc: &RawDocument,
    config: &SiteConfig,
    scale: &str,
    kpis: &mut [Kpi],
) {
    let mut seen_ids: Vec<&str> = Vec::new();
    for k in kpis {
        // A KPI whose scale is unknown is reported once; its grades and id are not checked.
        let Some(kscale) = kpi_scale(ctx, config, scale, k) else {
            continue;
        };
        if let Some(sc) = config.scale(&kscale) {
            k.split_ungraded(sc);
        }
        for g in k.grades.values_mut() {
            check_grade(ctx, config, &kscale, g);
        }
        if seen_ids.contains(&k.id.as_str()) {
            ctx.error(
                doc.front.span.clone(),
                "kpis.id",
                Message::new(
                    format!("KPI の id「{}」が重複しています", k.id),
                    format!("duplicate KPI id \"{}\"", k.id),
                ),
            );
        }
        seen_ids.push(&k.id);
    }
}

/// The scale a KPI is graded on: its own `scale`, or the node's. `None` (reported) when
/// its own names no scale in site.toml.
fn kpi_scale(ctx: &Ctx<'_>, config: &SiteConfig, node_scale: &str, k: &Kpi) -> Option<String> {
    let Some(s) = &k.scale else {
        return Some(node_scale.to_string());
    };
    if config.scale(&s.value).is_some() {
        return Some(s.value.clone());
    }
    let ids: Vec<&str> = config.scales.iter().map(|s| s.id.as_str()).collect();
    ctx.error(
        s.span.clone(),
        "scale",
        Message::new(
            format!(
                "尺度「{}」は site.toml にありません（あるもの: {}）",
                s.value,
                ids.join(", ")
            ),
            format!(
                "no scale \"{}\" in site.toml (known: {})",
                s.value,
                ids.join(", ")
            ),
        ),
    );
    None
}

/// A grade key against its scale: written full- or half-width (`Ｃ` for `C`), it becomes
/// the scale's own key; unknown, it is reported.
fn check_grade(ctx: &Ctx<'_>, config: &SiteConfig, scale_id: &str, g: &mut GradeRef) {
    if config.scales.is_empty() {
        ctx.error(
            g.span.clone(),
            &g.field,
            no_vocabulary(Vocabulary::Scales, &g.key),
        );
        return;
    }
    let Some(scale) = config.scale(scale_id) else {
        return;
    };
    if let Some(i) = scale.grade_index(&g.key) {
        g.key.clone_from(&scale.grades[i].key);
        return;
    }
    let keys: Vec<&str> = scale.grades.iter().map(|gr| gr.key.as_str()).collect();
    ctx.error(
        g.span.clone(),
        &g.field,
        Message::new(
            format!(
                "評価「{}」は尺度「{}」にありません。{} のどれかです（評価の段階は site.toml の [[scales]]（id = \"{}\"）の [[scales.grades]] の key で決めます）",
                g.key,
                scale.name,
                keys.join(" / "),
                scale.id
            ),
            format!(
                "grade \"{}\" is not in scale \"{}\"; expected one of {} (the grades are the keys of [[scales.grades]] under [[scales]] id = \"{}\" in site.toml)",
                g.key,
                scale.id,
                keys.join(", "),
                scale.id
            ),
        ),
    );
}

/// A program's front matter: its fields, its period and its `[years.<year>]` tables,
/// then the body.
fn read_program(ctx: &Ctx<'_>, doc: &RawDocument, config: &SiteConfig) -> Option<Program> {
    let mut t = Table::new(ctx, &doc.front.table, String::new(), doc.front.span.clone());
    let code = t.string("code").map(|l| l.value);
    let title = t.required_text("title");
    let intent = markdown_field(&mut t, "intent", config);
    let texts = own_texts(&mut t, Place::Program, config);
    let own_form = config
        .forms
        .programs_in(config.report_year)
        .filter(|f| !f.builtin);
    let items = (own_form.into_iter())
        .flat_map(|f| super::form::read_items(&mut t, f, false, config, &config.default_scale))
        .collect();
    let sheet = own_form.map_or_else(Default::default, |f| {
        super::form::read_own_cells(&mut t, f, config)
    });
    let departments = t
        .strings("departments")
        .into_iter()
        .map(|l| l.value)
        .collect();
    let account = t.string("account").map(|l| l.value);
    let funding = t.string("funding").map(|l| l.value);
    let new = super::listing::new_flag(&mut t, config);
    let mut flags = super::listing::flags(&mut t, config);
    if new && !flags.iter().any(|f| f == config.new_flag()) {
        flags.push(config.new_flag().to_string());
    }
    let period = read_period(&mut t);
    let related_none = super::listing::related_none(&mut t, "related");
    let (related, related_outside) = super::listing::related(&mut t, "related");
    let weight = t.integer("weight").map(|l| l.value);
    let draft = t.boolean("draft").unwrap_or(false);
    let years = series::tables(&mut t, "years")
        .into_iter()
        .map(|(year, yt)| (year, Box::new(read_program_year(yt, year, config))))
        .collect();
    if let Some(f) = own_form {
        year_rows_on_page(&mut t, f, "years", config);
    }
    t.finish();
    Some(Program {
        path: doc.rel.clone(),
        file: Arc::downgrade(&doc.front.file),
        code,
        title: title?.value,
        intent,
        texts,
        items,
        departments,
        account,
        funding,
        new: flags.iter().any(|f| f == config.new_flag()),
        flags,
        period,
        related,
        related_outside,
        related_none,
        weight,
        draft,
        years,
        sheet,
        body: body(ctx, doc, config),
    })
}

/// `period = ["H28", "H30"]`: the first and last year of a program, in that order.
/// Each year that cannot be read is reported on its own, and then the period is `None`.
fn read_period(t: &mut Table<'_>) -> Option<(FiscalYear, FiscalYear)> {
    let ctx = t.ctx;
    let years = t.strings("period");
    let parsed: Vec<_> = years
        .iter()
        .filter_map(|l| match FiscalYear::parse(&l.value) {
            Ok(y) => ctx.check_year(l.span.clone(), "period", &l.value, y),
            Err(e) => {
                ctx.error(l.span.clone(), "period", Message::new(e.ja(), e.en()));
                None
            }
        })
        .collect();
    match (years.len(), parsed.as_slice()) {
        (0, _) => None,
        // A year that failed to read is reported already.
        (n, _) if parsed.len() < n => None,
        (2, [a, b]) if a <= b => Some((*a, *b)),
        _ => {
            ctx.error(
                years[0].span.clone(),
                "period",
                Message::new(
                    "period は [\"H28\", \"H30\"] のように開始年度と終了年度を書いてください",
                    "period must be two years, start then end: [\"H28\", \"H30\"]",
                ),
            );
            None
        }
    }
}

/// What an amount measures, for messages: (Japanese, English).
type Measure = (&'static str, &'static str);
const EFFORT: Measure = ("従事人工（人）", "staff effort (person-years)");

/// Staff effort: a number of zero or more. A sheet's ▲ (minus) belongs to KPI values;
/// effort is never below zero, so a minus here is a slip. (Money is read as printed,
/// "-" and commas too: [`money::amount`].)
fn effort(t: &mut Table<'_>, key: &'static str, what: Measure) -> Option<Located<f64>> {
    let l = t.number(key)?;
    if l.value >= 0.0 {
        return Some(l);
    }
    let field = format!("{}.{key}", t.path);
    t.ctx.error(
        l.span,
        &field,
        Message::new(
            format!(
                "「{field}」は{}で、マイナスにはなりません（{} と書かれています）。0 以上の数値を書いてください",
                what.0, l.value
            ),
            format!(
                "`{field}` is {} and cannot be below zero (found {}); expected a number of 0 or more",
                what.1, l.value
            ),
        ),
    );
    None
}

/// What only a result year (実績) may hold: a plan year refuses each
/// ([`refuse_results_in_plan_year`]).
const RESULT_KEYS: [(&str, Refused); 6] = [
    ("results", Refused::Results),
    ("analysis", Refused::Results),
    ("status", Refused::Status),
    ("settlement", Refused::Settlement),
    ("staff", Refused::Staff),
    ("personnel_cost", Refused::PersonnelCost),
];

/// One `[years.<year>]` table of a program: status and direction from the site's words,
/// texts, amounts and the year's indicators.
fn read_program_year(mut t: Table<'_>, year: FiscalYear, config: &SiteConfig) -> ProgramYear {
    let planned = t.boolean("planned").unwrap_or(false);
    let plan_year = super::is_plan(year, config.report_year, planned);
    if plan_year {
        refuse_results_in_plan_year(&t, year, config.report_year, planned);
    }
    let (status, status_none) = read_status(&mut t, config);
    let results = markdown_field(&mut t, "results", config);
    let analysis = markdown_field(&mut t, "analysis", config);
    let direction = read_direction(&mut t, config);
    let plan = markdown_field(&mut t, "plan", config);
    let texts = own_texts(&mut t, Place::ProgramYear, config);
    // The built-in table keys are read where the program form has their rows: always
    // with the built-in form; with the site's, only rows copied from it.
    let form = config.forms.programs_in(year);
    let has = |key: &str| {
        form.is_none_or(|f| {
            (f.tables.iter().flat_map(|t| &t.rows))
                .any(|r| r.compat && (r.key == key || r.cells.iter().any(|(_, k)| k == key)))
        })
    };
    let amount = |t: &mut Table<'_>, key: &'static str| {
        has(key)
            .then(|| money::amount(t, key).map(|l| l.value))
            .flatten()
    };
    let parts = |t: &mut Table<'_>, key: &'static str| {
        if has(key) {
            money::parts(t, key)
        } else {
            Vec::new()
        }
    };
    let budget = amount(&mut t, "budget");
    let budget_parts = parts(&mut t, "budget_parts");
    check_parts(&t, budget, &budget_parts);
    let settlement = amount(&mut t, "settlement");
    let sources = parts(&mut t, "sources");
    let funding = t.string("funding").map(|l| l.value);
    let effort = |t: &mut Table<'_>, key: &'static str| {
        has(key)
            .then(|| effort(t, key, EFFORT).map(|l| l.value))
            .flatten()
    };
    let staff = effort(&mut t, "staff");
    let staff_planned = effort(&mut t, "staff_planned");
    let personnel_cost = amount(&mut t, "personnel_cost");
    let personnel_cost_planned = amount(&mut t, "personnel_cost_planned");
    let total_cost = amount(&mut t, "total_cost");
    let indicators = if has("indicators") {
        let mut all: Vec<Indicator> = t
            .tables("indicators")
            .into_iter()
            .filter_map(|i| {
                read_indicator(i, plan_year.then_some((year, config.report_year, planned)))
            })
            .collect();
        // Kept for the whole build: a year has one or two, and `collect` leaves room for four.
        all.shrink_to_fit();
        all
    } else {
        Vec::new()
    };
    let flags = super::listing::flags(&mut t, config);
    let mut py = ProgramYear {
        planned,
        status,
        status_none,
        results,
        analysis,
        direction,
        plan,
        texts,
        budget,
        budget_parts,
        settlement,
        sources,
        funding,
        staff,
        staff_planned,
        personnel_cost,
        personnel_cost_planned,
        total_cost,
        indicators,
        flags,
        sheet: super::form::SheetYear::default(),
        items: Vec::new(),
    };
    if let Some(form) = form.filter(|f| !f.builtin) {
        let kind = super::form::YearKind {
            year,
            report: config.report_year,
            marked: planned,
            plan: plan_year,
            drawn: true,
        };
        let typed = super::form::typed_cells(&py, form, plan_year);
        py.sheet = super::form::read_cells(&mut t, form, &kind, config, typed);
        py.items = super::form::read_items(&mut t, form, true, config, &config.default_scale);
        page_keys_in_year(&mut t, form, year, "years", config);
    }
    t.finish();
    py
}

/// A text or item of the page's own (not of each year) written in a year's table: one
/// error saying it goes before `[years]`, rather than "unknown field" listing the year's
/// fields (北見市's 事業の目的 written under `[years.H27]`).
fn page_keys_in_year(
    t: &mut Table<'_>,
    form: &super::form::Form,
    year: FiscalYear,
    years: &str,
    config: &SiteConfig,
) {
    // A key a table's row also has is that row's cell (read with the year's cells).
    let row_key = |key: &str| form.tables.iter().any(|x| x.row(key).is_some());
    for key in form.page_keys().filter(|k| !row_key(k)) {
        let Some(v) = t.own_value(key) else {
            continue;
        };
        let y = year.display(config.year_names());
        t.ctx.error(
            v.span(),
            &format!("{}.{key}", t.path),
            Message::new(
                format!("「{key}」は年度ごとでなく、ページの項目です。[{years}.…] の中ではなく、その前（+++ の後、最初の [{years}] より上）に書いてください（{y} の表の中に書かれています）"),
                format!("`{key}` is the page's own, not one of each year: write it before the first [{years}] table (after +++), not in the table of {y}"),
            ),
        );
    }
}

/// A row of a table of years written on the page itself, outside its years (島根県's 《Do1》
/// row 「s1」 before any `[years]`): one error naming the table and where its cells go,
/// rather than "unknown field" listing the page's fields. A key the page's own items or a
/// yearless table also use is theirs, read before this.
fn year_rows_on_page(
    t: &mut Table<'_>,
    form: &super::form::Form,
    years: &str,
    config: &SiteConfig,
) {
    let report = config.report_year.short_in(&config.short_years);
    let page_key = |key: &str| {
        form.tables
            .iter()
            .any(|x| x.yearless && x.row(key).is_some())
            || form.page_keys().any(|k| k == key)
    };
    for table in form.tables.iter().filter(|x| !x.yearless) {
        for row in &table.rows {
            if page_key(&row.key) {
                continue;
            }
            let Some(v) = t.own_value(&row.key) else {
                continue;
            };
            t.ctx.error(
                v.span(),
                &format!("{}{}", t.path, row.key),
                Message::new(
                    format!("「{}」は表「{}」の行です。その年度の表（[{years}.{report}] など）の中に書いてください", row.key, table.key),
                    format!("`{}` is a row of table \"{}\": write its cells in the table of their year ([{years}.{report}] …)", row.key, table.key),
                ),
            );
        }
    }
}

/// A warning where a year's budget parts do not add up to its budget: the page shows
/// both as printed and flags the difference.
fn check_parts(t: &Table<'_>, budget: Option<Amount>, parts: &[money::Part]) {
    let Some((sum, whole)) = money::parts_mismatch(budget, parts) else {
        return;
    };
    // A budget written but unreadable has its own error: "not written" would be false.
    if whole.is_none() && t.span_of("budget").is_some() {
        return;
    }
    let span = t.span_of("budget_parts").unwrap_or_else(|| t.span.clone());
    let s = Number::money_sum(sum).format_abs();
    let field = format!("{}.budget_parts", t.path);
    let budget = format!("{}.budget", t.path);
    let message = match whole {
        Some(whole) => {
            let w = Number::money_sum(whole).format_abs();
            Message::new(
                format!(
                    "「{field}」の合計は {s} 千円で、予算額「{budget}」の {w} 千円と一致しません。内訳と予算額をシートと見比べてください（ページにはどちらも書かれたとおりに表示し、違いを示します）"
                ),
                format!(
                    "`{field}` adds up to {s} (千円) but `{budget}` is {w}; compare both with the sheet (the page shows both as written and flags the difference)"
                ),
            )
        }
        None => Message::new(
            format!(
                "「{field}」の合計は {s} 千円ですが、予算額「{budget}」が書かれていません。シートの予算額を budget に書いてください（ページには内訳を書かれたとおりに表示し、予算額がないことを示します）"
            ),
            format!(
                "`{field}` adds up to {s} (千円) but `{budget}` is not written; write the sheet's 予算額 in budget (the page shows the parts as written and says the budget is missing)"
            ),
        ),
    };
    t.ctx.warning(span, &field, message);
}

/// Each result-only key ([`RESULT_KEYS`]) written in plan year `year` of table `t`: an
/// error at the key.
fn refuse_results_in_plan_year(t: &Table<'_>, year: FiscalYear, report: FiscalYear, marked: bool) {
    for (key, kind) in RESULT_KEYS {
        if let Some(span) = t.span_of(key) {
            let field = format!("{}.{key}", t.path);
            t.ctx.error(
                span,
                &field,
                plan_year_refusal(year, report, marked, &field, kind),
            );
        }
    }
}

/// `status`: one of the site's status words, and the status stated as none: blank is no
/// status, a dash (「-」) is none as the sheet states it, kept to be printed as written.
/// An unknown word is reported and still kept, so the page shows what the city wrote.
fn read_status(t: &mut Table<'_>, config: &SiteConfig) -> (Option<String>, Option<String>) {
    let Some(l) = t.string("status") else {
        return (None, None);
    };
    let written = l.value.trim();
    if written.is_empty() {
        return (None, None);
    }
    if super::value::is_none_mark(written) {
        return (None, Some(written.to_string()));
    }
    // Written full- or half-width, the site's key is kept (pages show its label).
    if let Some(known) = config.status(&l.value) {
        return (Some(known.key.clone()), None);
    }
    if config.statuses.is_empty() {
        let field = format!("{}.status", t.path);
        t.ctx.error(
            l.span.clone(),
            &field,
            no_vocabulary(Vocabulary::Statuses, &l.value),
        );
    } else {
        let keys: Vec<&str> = config.statuses.iter().map(|s| s.key.as_str()).collect();
        t.ctx.error(
            l.span.clone(),
            &format!("{}.status", t.path),
            Message::new(
                format!(
                    "状況「{}」は使えません。{} のどれかです",
                    l.value,
                    keys.join(" / ")
                ),
                format!(
                    "unknown status \"{}\"; expected one of {}",
                    l.value,
                    keys.join(", ")
                ),
            ),
        );
    }
    (Some(l.value), None)
}

/// `direction`: one of the site's direction words. An unknown word is reported and kept.
fn read_direction(t: &mut Table<'_>, config: &SiteConfig) -> Option<String> {
    let l = t.string("direction")?;
    if let Some(known) = config.direction(&l.value) {
        return Some(known.to_string());
    }
    if config.directions.is_empty() {
        let field = format!("{}.direction", t.path);
        t.ctx.error(
            l.span.clone(),
            &field,
            no_vocabulary(Vocabulary::Directions, &l.value),
        );
    } else {
        t.ctx.error(
            l.span.clone(),
            &format!("{}.direction", t.path),
            Message::new(
                format!(
                    "方向性「{}」は使えません。{} のどれかです（ほかの言葉を使うなら site.toml の directions = [...] に加えてください）",
                    l.value,
                    config.directions.join(" / ")
                ),
                format!(
                    "unknown direction \"{}\"; expected one of {} (to use another word, add it to directions = [...] in site.toml)",
                    l.value,
                    config.directions.join(", ")
                ),
            ),
        );
    }
    Some(l.value)
}

/// A vocabulary site.toml may leave out: then content may not use it.
#[derive(Clone, Copy)]
enum Vocabulary {
    Scales,
    Statuses,
    Directions,
}

/// `word` is written in content but site.toml has no `vocabulary` to read it by.
fn no_vocabulary(vocabulary: Vocabulary, word: &str) -> Message {
    let (ja, en, add) = match vocabulary {
        Vocabulary::Scales => ("評価の尺度", "grade scale", "[[scales]]"),
        Vocabulary::Statuses => ("状況の語", "status words", "[[statuses]]"),
        Vocabulary::Directions => ("方向性の語", "direction words", "directions = [...]"),
    };
    Message::new(
        format!(
            "「{word}」が書かれていますが、site.toml に{ja}がありません。site.toml に {add} を書いてください"
        ),
        format!("\"{word}\" is written, but site.toml defines no {en}; add {add} to site.toml"),
    )
}

/// `[[years.<year>.indicators]]`: a program's own measure (name, unit, value, target),
/// read with the KPI cell rules. In a plan year (`plan`: the year, the report year and
/// whether it is marked planned) a `value` is refused: it is a result.
fn read_indicator(
    mut i: Table<'_>,
    plan: Option<(FiscalYear, FiscalYear, bool)>,
) -> Option<Indicator> {
    let ipath = i.path.clone();
    if let (Some((year, report, marked)), Some(span)) = (plan, i.span_of("value")) {
        let field = format!("{ipath}.value");
        i.ctx.error(
            span,
            &field,
            plan_year_refusal(year, report, marked, &field, Refused::IndicatorValue),
        );
    }
    let name = i.required_text("name");
    let unit = i.string("unit").map_or_else(String::new, |l| l.value);
    let value = i
        .value("value")
        .and_then(|v| kpi::read_cell(v, &format!("{ipath}.value"), &unit, CellRole::Actual));
    let target = i
        .value("target")
        .and_then(|v| kpi::read_cell(v, &format!("{ipath}.target"), &unit, CellRole::Target));
    i.finish();
    Some(Indicator {
        name: name?.value,
        unit,
        value: value.unwrap_or_default(),
        target,
    })
}
