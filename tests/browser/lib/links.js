// The link gate: every internal href/src (and CSS url()) of a built site, resolved the
// way a browser resolves it from the page's URL on a server that serves the site from a
// sub-folder, must answer 200 without a redirect, and every #fragment must name an
// element (id, or name on <a>) of the target page. An <img>/<source> must load an image
// (served as image/*), and every file beside the content that the build published (an
// image, the original sheet's PDF) must be reached by some reference ([`reached`]).
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'parse5';
import { listFiles, urlOfPage } from './site.js';

// Attributes that hold a URL the browser follows or loads, by element.
const URL_ATTRS = {
  a: ['href'], area: ['href'], link: ['href'], base: ['href'],
  img: ['src', 'srcset'], source: ['src', 'srcset'], script: ['src'],
  iframe: ['src'], frame: ['src'], embed: ['src'], object: ['data'],
  video: ['src', 'poster'], audio: ['src'], track: ['src'], input: ['src'],
  form: ['action'], button: ['formaction'],
  use: ['href'], image: ['href'], // SVG
};

function* walk(node) {
  yield node;
  for (const c of node.childNodes ?? []) yield* walk(c);
  if (node.content) yield* walk(node.content); // <template>
}

function attr(node, name) {
  return node.attrs?.find((a) => a.name === name && !a.prefix)?.value
    ?? node.attrs?.find((a) => a.name === name && a.prefix === 'xlink')?.value;
}

/** Ids (and a[name]) a fragment may point at, and the URLs an HTML document references. */
export function scanHtml(html) {
  const doc = parse(html, { sourceCodeLocationInfo: true });
  const anchors = new Set();
  const refs = [];
  let base = null;
  for (const n of walk(doc)) {
    if (!n.tagName) continue;
    const id = attr(n, 'id');
    if (id !== undefined) anchors.add(id);
    if (n.tagName === 'a' && attr(n, 'name') !== undefined) anchors.add(attr(n, 'name'));
    const line = n.sourceCodeLocation?.startLine;
    for (const name of URL_ATTRS[n.tagName] ?? []) {
      let value = attr(n, name);
      if (value === undefined) continue;
      if (n.tagName === 'base') { base = value; continue; }
      if (name === 'href' && n.tagName === 'link' && /\b(dns-prefetch|preconnect)\b/.test(attr(n, 'rel') ?? '')) continue;
      const values = name === 'srcset' ? value.split(',').map((s) => s.trim().split(/\s+/)[0]).filter(Boolean) : [value];
      for (const v of values) refs.push({ ref: v, tag: n.tagName, attr: name, line });
    }
    if (n.tagName === 'meta' && /^refresh$/i.test(attr(n, 'http-equiv') ?? '')) {
      const m = (attr(n, 'content') ?? '').match(/url\s*=\s*['"]?([^'"]+)/i);
      if (m) refs.push({ ref: m[1], tag: 'meta', attr: 'content', line });
    }
    if (attr(n, 'style')?.includes('url(')) for (const r of cssUrls(attr(n, 'style'))) refs.push({ ref: r, tag: n.tagName, attr: 'style', line });
    if (n.tagName === 'style') {
      const text = n.childNodes.map((c) => c.value ?? '').join('');
      for (const r of cssUrls(text)) refs.push({ ref: r, tag: 'style', attr: '', line });
    }
  }
  return { anchors, refs, base };
}

/** url(...) and @import references of a stylesheet. */
export function cssUrls(css) {
  const out = [];
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of text.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  for (const m of text.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/g)) out.push(m[1] ?? m[2]);
  return out.filter((u) => u !== '');
}

/**
 * The absolute URLs a crawler file names: <loc> of a sitemap (or sitemap index), <link
 * href> and <id> of an Atom feed when it is a URL, `Sitemap:` lines of robots.txt.
 */
export function crawlerUrls(file, text) {
  const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;|&#39;|&#x27;/g, "'").replace(/&amp;/g, '&');
  const line = (index) => text.slice(0, index).split('\n').length;
  const out = [];
  if (file.endsWith('.xml')) {
    for (const m of text.matchAll(/<loc>([^<]*)<\/loc>/g)) out.push({ ref: unescape(m[1]), tag: 'loc', attr: '', line: line(m.index) });
    for (const m of text.matchAll(/<link\b[^>]*\bhref="([^"]*)"/g)) out.push({ ref: unescape(m[1]), tag: 'link', attr: 'href', line: line(m.index) });
    for (const m of text.matchAll(/<id>(https?:[^<]*)<\/id>/g)) out.push({ ref: unescape(m[1]), tag: 'id', attr: '', line: line(m.index) });
  } else if (path.basename(file) === 'robots.txt') {
    for (const m of text.matchAll(/^Sitemap:\s*(\S+)/gim)) out.push({ ref: m[1], tag: 'Sitemap', attr: '', line: line(m.index) });
  }
  return out;
}

/**
 * Check every reference in the built site in `dir`, served at `base` (the local
 * server's URL of the site root). `publicBase` is the site's base_url: absolute links
 * under it count as internal and are checked against the local server. The URLs of
 * sitemaps, the feed and robots.txt must be absolute, under `publicBase`, and name a file.
 * Resolves to { files, references, targets, external, broken: [{ from, line, ref, reason }] }.
 */
export async function checkLinks({ dir, base, publicBase }) {
  const files = listFiles(dir);
  const broken = [];
  const external = new Set();
  const targets = new Map(); // url without fragment → Promise<{ ok, reason, anchors }>
  let references = 0;
  // Paths under the site (decoded, relative to its top) that some reference reached.
  const reached = new Set();
  const under = (url) => {
    const rel = url.href.slice(base.length);
    try { return decodeURIComponent(rel); } catch { return rel; }
  };

  // At most a few requests in flight: thousands at once overflow the local server's
  // accept queue on a busy machine, and the fetch fails with no answer at all.
  const limit = slots(8);
  const fetchTarget = (url) => {
    if (!targets.has(url)) {
      targets.set(url, limit(async () => {
        let res, body;
        try {
          res = await fetch(url, { redirect: 'manual' });
          body = await res.text();
        } catch (e) {
          throw new Error(`fetching ${url} failed: ${e.cause?.code ?? e.cause?.message ?? e.message}`);
        }
        if (res.status >= 300 && res.status < 400) return { ok: false, reason: `redirects (${res.status}) to ${res.headers.get('location')}` };
        if (res.status !== 200) return { ok: false, reason: `answers ${res.status}` };
        const type = res.headers.get('content-type') ?? '';
        const isHtml = type.startsWith('text/html');
        return { ok: true, type, anchors: isHtml ? scanHtml(body).anchors : null };
      }));
    }
    return targets.get(url);
  };

  const checks = [];
  for (const file of files) {
    const ext = path.extname(file);
    for (const { ref, tag, attr: a, line } of crawlerUrls(file, ext === '.xml' || file === 'robots.txt' ? fs.readFileSync(path.join(dir, file), 'utf8') : '')) {
      references++;
      const report = (reason) => broken.push({ from: file, line, ref, reason: `<${tag}${a ? ' ' + a : ''}>: ${reason}` });
      if (!publicBase || !ref.startsWith(publicBase)) { report(`not an absolute URL under the base URL ${publicBase}`); continue; }
      const url = new URL(ref.slice(publicBase.length), base);
      url.hash = '';
      checks.push(fetchTarget(url.href).then((t) => { if (!t.ok) report(`${url.pathname} ${t.reason}`); }));
    }
    if (ext !== '.html' && ext !== '.css') continue;
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const pageUrl = new URL(ext === '.html' ? urlOfPage(file) : file, base).href;
    let scanned;
    if (ext === '.html') scanned = scanHtml(text);
    else scanned = { refs: cssUrls(text).map((ref) => ({ ref, tag: 'css', attr: 'url', line: undefined })), base: null };
    const docBase = scanned.base ? new URL(scanned.base, pageUrl).href : pageUrl;

    for (const { ref, tag, attr: a, line } of scanned.refs) {
      references++;
      const report = (reason) => broken.push({ from: file, line, ref, reason: `<${tag} ${a}>: ${reason}` });
      const trimmed = ref.trim();
      if (/^javascript:/i.test(trimmed.replace(/[\s\u0000-\u001f]/g, ''))) { report('javascript: URL'); continue; }
      if (/^(mailto|tel|data):/i.test(trimmed)) continue;
      let url;
      try {
        url = new URL(trimmed, docBase);
      } catch {
        report('not a URL');
        continue;
      }
      if (publicBase && url.href.startsWith(publicBase)) url = new URL(url.href.slice(publicBase.length), base);
      if (url.origin !== new URL(base).origin) {
        if (/^https?:$/.test(url.protocol)) external.add(url.href);
        else report(`unexpected scheme ${url.protocol}`);
        continue;
      }
      if (!url.href.startsWith(base)) { report(`leaves the site folder: ${url.pathname}`); continue; }
      const fragment = url.hash.slice(1);
      url.hash = '';
      checks.push((async () => {
        const t = await fetchTarget(url.href);
        if (!t.ok) return report(`${url.pathname} ${t.reason}`);
        reached.add(under(url));
        if ((tag === 'img' || tag === 'source') && !t.type.startsWith('image/')) {
          return report(`${url.pathname} is not an image (served as ${t.type || 'no type'})`);
        }
        if (!fragment) return;
        if (!t.anchors) return report(`#${fragment} on a target that is not HTML`);
        let decoded = fragment;
        try { decoded = decodeURIComponent(fragment); } catch { /* keep as written */ }
        if (!t.anchors.has(fragment) && !t.anchors.has(decoded) && decoded.toLowerCase() !== 'top') {
          report(`no element with id "${decoded}" in ${url.pathname}`);
        }
      })());
    }
  }
  await Promise.all(checks);
  return { files: files.length, references, targets: targets.size, external: [...external].sort(), broken, reached };
}

/** A runner that lets at most `n` of the tasks given to it run at once, in the order given. */
function slots(n) {
  let running = 0;
  const waiting = [];
  const next = () => {
    if (running >= n || waiting.length === 0) return;
    running++;
    const { task, resolve, reject } = waiting.shift();
    task().then(resolve, reject).finally(() => { running--; next(); });
  };
  return (task) => new Promise((resolve, reject) => { waiting.push({ task, resolve, reject }); next(); });
}

/**
 * The files beside the pages in `contentDir` (a site's content/: not Markdown, not
 * site.toml, not hidden or an Office lock file), as paths relative to it: what a build
 * publishes at the same path where a page links to it.
 */
export function attachmentsIn(contentDir) {
  return listFiles(contentDir).filter((f) => !f.endsWith('.md') && f !== 'site.toml'
    && !f.split('/').some((s) => s.startsWith('.') || s.startsWith('~$') || s.startsWith('#') || s.endsWith('~')));
}

/**
 * Files beside the content published in `dir` that break the rules: published but
 * reached by no reference of `reached` (from [`checkLinks`]), or with bytes other than
 * the content file's. Returns descriptions; `published` lists those that are fine.
 */
export function checkAttachments(contentDir, dir, reached) {
  const problems = [];
  const published = [];
  for (const f of attachmentsIn(contentDir)) {
    const out = path.join(dir, f);
    if (!fs.existsSync(out)) continue;
    if (!reached.has(f)) problems.push(`${f} is published but no page links to it`);
    else if (!fs.readFileSync(out).equals(fs.readFileSync(path.join(contentDir, f)))) problems.push(`${f} differs from content/${f}`);
    else published.push(f);
  }
  return { problems, published };
}

export function describeBroken(b) {
  return `${b.from}${b.line ? ':' + b.line : ''} "${b.ref}" ${b.reason}`;
}
