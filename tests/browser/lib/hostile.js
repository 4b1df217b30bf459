import fs from 'node:fs';
import path from 'node:path';

// The script gate: after a page has loaded and settled, nothing from its content ran
// or can run. kensho's pages carry no script but the search page's own external
// assets/search.js, and no form but the site's own search boxes (a GET form to search/
// in the header, and the search page's form directly in <main>); any other script
// element, event-handler attribute, javascript: URL, frame, form control or foreign
// (MathML) markup is a failure.

/** Inspect the page (all frames) for anything executable. Resolves to a list of findings. */
export async function scriptFindings(page) {
  const findings = [];
  const frames = page.frames();
  if (frames.length > 1) findings.push(`${frames.length - 1} frame(s) in the page`);
  for (const frame of frames) {
    const found = await frame.evaluate(() => {
      const out = [];
      const show = (el) => `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}>`;
      const pwned = Object.keys(window).filter((k) => /pwned/i.test(k));
      for (const k of pwned) out.push(`window.${k} was set to ${JSON.stringify(String(window[k]))}`);
      const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'srcdoc', 'poster', 'background', 'ping', 'cite', 'srcset', 'content'];
      const all = document.querySelectorAll('*');
      for (const el of all) {
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) out.push(`${show(el)} carries ${a.name}="${a.value.slice(0, 60)}"`);
          const squashed = a.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
          if (squashed.startsWith('javascript:') || (URL_ATTRS.includes(a.name.toLowerCase()) && /(^|[^a-z])(javascript|vbscript):|^data:text\/html/.test(squashed))) {
            out.push(`${show(el)} has ${a.name}="${a.value.slice(0, 60)}"`);
          }
          if (a.name === 'style' && el.namespaceURI === 'http://www.w3.org/1999/xhtml') out.push(`${show(el)} has a style attribute`);
        }
      }
      // The site's own search boxes and script, recognised by where they stand and what
      // they are; content cannot put anything there (and its HTML is sanitised anyway).
      const own = new Set();
      const sameSite = (u, suffix) => {
        try {
          const x = new URL(u ?? '', location.href);
          return x.origin === location.origin && x.pathname.endsWith(suffix) && !x.search && !x.hash;
        } catch {
          return false;
        }
      };
      const attrs = (el, names) => [...el.attributes].every((a) => names.includes(a.name));
      const forms = [
        ...document.querySelectorAll('body > header.site-header > .wrap > form.site-search'),
        ...document.querySelectorAll('body > main > form#search-form'),
      ];
      for (const f of forms) {
        if (f.getAttribute('role') !== 'search' || f.getAttribute('method') !== 'get' || !sameSite(f.getAttribute('action'), '/search/')) continue;
        if (!attrs(f, ['class', 'id', 'role', 'aria-label', 'action', 'method'])) continue;
        own.add(f);
        for (const c of f.querySelectorAll('input[type="search"][name="q"], button[type="submit"]')) {
          if (attrs(c, ['type', 'id', 'name', 'placeholder', 'aria-describedby'])) own.add(c);
        }
      }
      const scripts = [...document.querySelectorAll('head > script')].filter((el) =>
        attrs(el, ['src', 'defer']) && el.hasAttribute('defer') && !el.textContent.trim() && sameSite(el.getAttribute('src'), '/assets/search.js'));
      if (scripts.length === 1 && document.querySelector('body > main > form#search-form')) own.add(scripts[0]);
      const forbidden = 'script, iframe, frame, frameset, object, embed, applet, form, input, button, textarea, select, base, meta[http-equiv], math, foreignObject, template, portal, body style, body link';
      for (const el of document.querySelectorAll(forbidden)) if (!own.has(el)) out.push(`${show(el)} element in the page`);
      return out;
    });
    findings.push(...found);
  }
  return findings;
}

/** The layout survived the content: one <main> in <body>, the site footer last, not nested. */
export async function layoutFindings(page) {
  return page.evaluate(() => {
    const out = [];
    const show = (el) => `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}>`;
    const main = document.querySelectorAll('main');
    if (main.length !== 1 || main[0].parentElement !== document.body) out.push('the page no longer has one <main> directly in <body>');
    const last = document.body.lastElementChild;
    if (!last || !last.matches('footer.site-footer')) out.push(`the last element of <body> is ${last ? show(last) : 'nothing'}, not the site footer`);
    if (document.querySelector('main footer, footer main')) out.push('main and footer are nested');
    return out;
  });
}

/**
 * The template's own words (runs of text outside {{ }}, {% %} and tags, with two or more
 * letters), from every template of a theme folder: the text no content may reverse.
 */
export function templateWords(dir) {
  const words = new Set();
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.html'))) {
    const t = fs.readFileSync(path.join(dir, f), 'utf8')
      .replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g, '\n')
      .replace(/<[^>]*>/g, '\n');
    for (const w of t.split(/\s+/)) if ([...w].filter((c) => /[\p{L}\p{N}]/u.test(c)).length >= 2) words.add(w);
  }
  return [...words];
}

/**
 * Bidi containment: a right-to-left override (U+202E) written in one field must not
 * reverse any other text. Every text node without a bidi control character of its own,
 * and every word of the template wherever it stands, must read left to right (this site
 * has no right-to-left script).
 */
export async function bidiLeaks(page, words = []) {
  return page.evaluate((words) => {
    const CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
    const LETTER = /[\p{L}\p{N}]/u;
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const rectOf = (node, i) => {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const r = range.getClientRects();
      return r.length && r[0].width ? r[0] : null;
    };
    // Does the text from index `from` read left to right? Looks at the first two letters
    // side by side on one line; undefined when there are none to compare.
    const ltr = (node, from, to) => {
      const text = node.data;
      const idx = [];
      for (let i = from; i < to && idx.length < 6; i++) if (LETTER.test(text[i]) && !/[\ud800-\udfff]/.test(text[i])) idx.push(i);
      for (let k = 0; k + 1 < idx.length; k++) {
        const a = rectOf(node, idx[k]);
        const b = rectOf(node, idx[k + 1]);
        if (!a || !b || Math.abs(a.top - b.top) > 2) continue;
        return b.left > a.left;
      }
      return undefined;
    };
    const where = (node) => {
      const el = node.parentElement.closest('[id], [class]') ?? document.body;
      return `<${node.parentElement.tagName.toLowerCase()}> in ${el.tagName.toLowerCase()}${el.id ? '#' + el.id : el.className ? '.' + String(el.className).split(' ')[0] : ''}`;
    };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.data;
      if (!CONTROL.test(text)) {
        if (ltr(node, 0, text.length) === false) out.push(`text reversed by a bidi override from elsewhere: "${text.trim().slice(0, 50)}" (${where(node)})`);
        continue;
      }
      for (const w of words) {
        for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + w.length)) {
          if (ltr(node, at, at + w.length) === false) out.push(`template text "${w}" reversed by a bidi override in the content next to it: "${text.trim().slice(0, 50)}" (${where(node)})`);
        }
      }
    }
    return out;
  }, words);
}
