// The accessibility gate for one loaded page: axe-core (WCAG 2.0/2.1 A and AA, and
// best practices), plus what axe leaves to us: lang, title, heading levels that never
// skip, and no horizontal overflow of the page at the current width.
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * Rules switched off, each with its reason. Everything else under AXE_TAGS runs.
 * (Keep this list short: fix templates and CSS instead of adding to it.)
 */
export const DISABLED_RULES = {};

/** Run axe-core in the page; resolves to its violations. */
export async function axe(page) {
  // evaluate() runs in the page's main world without a <script> element, so a page's
  // Content-Security-Policy (no inline script) does not stop the checker.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const rules = Object.fromEntries(Object.keys(DISABLED_RULES).map((id) => [id, { enabled: false }]));
  const result = await page.evaluate(
    ([tags, rules]) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, rules, resultTypes: ['violations'] }),
    [AXE_TAGS, rules],
  );
  return result.violations;
}

/** lang, title and heading levels: checks axe does not make (or makes only as best practice). */
export async function structure(page) {
  return page.evaluate(() => {
    const problems = [];
    const html = document.documentElement;
    if (!html.getAttribute('lang')?.trim()) problems.push('missing lang on <html>');
    if (!document.title.trim()) problems.push('missing or empty <title>');

    // Headings as assistive technology sees them, in document order.
    const hidden = (el) => {
      for (let e = el; e; e = e.parentElement) {
        if (e.getAttribute('aria-hidden') === 'true' || e.hidden) return true;
        const s = getComputedStyle(e);
        if (s.display === 'none' || s.visibility === 'hidden') return true;
      }
      return false;
    };
    const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6,[role="heading"]')]
      .filter((h) => !hidden(h))
      .map((h) => ({
        level: h.getAttribute('role') === 'heading' ? Number(h.getAttribute('aria-level') || 2) : Number(h.tagName[1]),
        text: h.textContent.trim().replace(/\s+/g, ' ').slice(0, 60),
      }));
    const h1s = headings.filter((h) => h.level === 1).length;
    if (h1s !== 1) problems.push(`expected exactly one h1, found ${h1s}`);
    if (headings.length && headings[0].level !== 1) problems.push(`first heading is h${headings[0].level}: "${headings[0].text}"`);
    for (let i = 1; i < headings.length; i++) {
      const [a, b] = [headings[i - 1], headings[i]];
      if (b.level > a.level + 1) problems.push(`heading skips a level: h${a.level} "${a.text}" → h${b.level} "${b.text}"`);
    }

    return problems;
  });
}

/** Horizontal overflow of the page: nothing may make it wider than the window. */
export async function overflow(page) {
  return page.evaluate(() => {
    const problems = [];
    const html = document.documentElement;
    const width = html.clientWidth;
    if (html.scrollWidth > width || document.body.scrollWidth > document.body.clientWidth) {
      const culprits = [...document.body.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > width + 0.5)
        .filter((el) => {
          // Report the outermost offenders only.
          const p = el.parentElement;
          return !p || p === document.body || p.getBoundingClientRect().right <= width + 0.5;
        })
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right edge ${Math.round(el.getBoundingClientRect().right)}px)`);
      problems.push(`horizontal overflow: page is ${html.scrollWidth}px wide in a ${width}px window; ${culprits.join(', ')}`);
    }
    return problems;
  });
}

/** One line per axe violation and node, for failure messages. */
export function describeViolations(violations) {
  return violations.flatMap((v) =>
    v.nodes.slice(0, 5).map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')} — ${(n.failureSummary || '').replace(/\s+/g, ' ').slice(0, 200)}`),
  );
}

/** Everything that fails a page: axe violations, structure, console and network. */
export async function auditPage(page, watched) {
  const violations = await axe(page);
  const problems = [...describeViolations(violations), ...(await structure(page)), ...(await overflow(page))];
  if (watched) {
    for (const e of watched.consoleErrors) problems.push(`console error: ${e}`);
    for (const e of watched.pageErrors) problems.push(`uncaught exception: ${e}`);
    for (const e of watched.failedRequests) problems.push(`failed request: ${e}`);
    for (const e of watched.httpErrors) problems.push(`HTTP error: ${e}`);
    for (const e of watched.dialogs) problems.push(`dialog opened: ${e}`);
  }
  return { violations, problems };
}
