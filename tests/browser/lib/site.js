// Building sites with the kensho binary, and listing what a build wrote.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { KENSHO_BIN, requireFile, tempDir } from './env.js';

/** Build the site in `root` into `out` with the release binary; returns `out`. */
export function buildSite(root, out) {
  requireFile(KENSHO_BIN, 'Build it first: cargo build --release (or set KENSHO_BIN).');
  execFileSync(KENSHO_BIN, ['build', '--root', root, '-o', out, '--lang', 'en'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  requireFile(path.join(out, 'index.html'), `kensho build --root ${root} wrote no index.html`);
  return out;
}

/** The base_url written in a site's content/site.toml. */
export function baseUrlOf(root) {
  const toml = fs.readFileSync(path.join(root, 'content', 'site.toml'), 'utf8');
  const m = toml.match(/^\s*base_url\s*=\s*"([^"]*)"/m);
  if (!m) throw new Error(`no base_url in ${root}/content/site.toml`);
  return m[1];
}

/** The path part of a base URL, always ending in "/": the sub-folder to serve from. */
export function mountOf(baseUrl) {
  const p = new URL(baseUrl).pathname;
  return p.endsWith('/') ? p : p + '/';
}

/** Copy a site (content/ and themes/) to a temp folder, with another base_url. */
export function copySiteWithBaseUrl(root, baseUrl) {
  const dir = tempDir('site');
  for (const sub of ['content', 'themes']) {
    const from = path.join(root, sub);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dir, sub), { recursive: true });
  }
  const tomlPath = path.join(dir, 'content', 'site.toml');
  const toml = fs.readFileSync(tomlPath, 'utf8');
  const changed = toml.replace(/^(\s*base_url\s*=\s*)"[^"]*"/m, `$1"${baseUrl}"`);
  if (changed === toml && !toml.includes(`"${baseUrl}"`)) throw new Error('base_url not replaced');
  fs.writeFileSync(tomlPath, changed);
  return dir;
}

/** Every file under `dir`, as sorted paths relative to it with "/" separators. */
export function listFiles(dir) {
  const out = [];
  const walk = (d, rel) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out.push(r);
    }
  };
  walk(dir, '');
  return out.sort();
}

/** Every HTML page of a build, as paths relative to the output folder. */
export function listPages(dir) {
  return listFiles(dir).filter((f) => f.endsWith('.html'));
}

/**
 * The pages a suite checks: every page, or with KENSHO_REPRESENTATIVE=1 only the
 * representative pages (`representativePages`), for a generated site of thousands of
 * pages (the large-site CI step: split pages included).
 */
export function pagesToCheck(dir) {
  const pages = listPages(dir);
  if (process.env.KENSHO_REPRESENTATIVE !== '1') return pages;
  const chosen = new Set(representativePages(pages).map((r) => r.url));
  return pages.filter((f) => chosen.has(urlOfPage(f)));
}

/** Whether a URL is a part of a page split for its size (src/pages/split.rs): below a
 * per-year, list or open data page (`years/2021/senryaku-001/`, `kpis/senryaku-001/`). */
export function isSplitPart(url) {
  return /^(years\/[^/]+|kpis|grades|status|directions|departments|data)\/.+\/$/.test(url);
}

/** The URL path (relative to the site root) a page file is served at. */
export function urlOfPage(file) {
  return file === 'index.html' ? '' : file.replace(/(^|\/)index\.html$/, '$1');
}

/** Whether a URL is a plan's print view (`senryaku/print/`). */
export function isPrintView(url) {
  return /^[^/]+\/print\/$/.test(url);
}

/**
 * The page types of a kensho site, one representative page each (for screenshots):
 * home, plan root, goal (depth 2), policy (depth 3), program, each list page, the
 * per-year pages when the site has them, the open data, accessibility and legend pages, the
 * search page, 404, and on a large site a part of a split per-year page and of the KPI
 * list (`split`, `split-list`). (Not a plan's print view: it is every node page again, too long for a
 * full-page screenshot; print.test.js prints it.)
 */
export function representativePages(files) {
  const urls = files.map(urlOfPage);
  const lists = ['kpis/', 'grades/', 'status/', 'directions/', 'departments/'];
  const about = ['data/', 'accessibility/', 'legend/'];
  const nodes = urls.filter((u) => u && u !== '404.html' && u !== 'search/' && !u.startsWith('programs/') && !u.startsWith('years/') && !lists.includes(u) && !about.includes(u) && !isPrintView(u) && !isSplitPart(u) && !/\/print\//.test(u));
  const depth = (u) => u.split('/').filter(Boolean).length;
  const pick = (name, u) => (u === undefined ? [] : [{ name, url: u }]);
  return [
    ...pick('home', urls.find((u) => u === '')),
    ...pick('plan-root', nodes.find((u) => depth(u) === 1)),
    ...pick('goal', nodes.find((u) => depth(u) === 2)),
    ...pick('policy', nodes.find((u) => depth(u) === 3)),
    // A plan of four levels or more: its sheets are often the deepest (施策評価シート№45's
    // 章 › 節 › 施策).
    ...pick('leaf', nodes.find((u) => depth(u) > 3)),
    ...pick('program', urls.find((u) => u.startsWith('programs/'))),
    ...lists.flatMap((l) => pick(`list-${l.replace('/', '')}`, urls.find((u) => u === l))),
    ...pick('list-years', urls.find((u) => u === 'years/')),
    ...pick('year', urls.findLast((u) => /^years\/[^/]+\/$/.test(u))),
    // A large site's split pages (the latest year's page above is then their index).
    ...pick('split', urls.findLast((u) => /^years\/[^/]+\/.+\/$/.test(u))),
    ...pick('split-list', urls.find((u) => /^kpis\/.+\/$/.test(u))),
    ...about.flatMap((a) => pick(a.replace('/', ''), urls.find((u) => u === a))),
    ...pick('search', urls.find((u) => u === 'search/')),
    ...pick('404', urls.find((u) => u === '404.html')),
  ];
}
