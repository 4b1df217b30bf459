// The accessibility gate for one loaded page: axe-core (WCAG 2.0/2.1 A and AA, and
// best practices), plus what axe leaves to us: lang, title, heading levels that never
// skip, and no horizontal overflow of the page at the current width.
import { createRequire } from 'node:module';
import fs from 'node:fs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * Run axe-core in the page; resolves to its violations. `disabled` maps rule ids to the
 * reason they are switched off (the list lives in pages.test.js).
 */
export async function axe(page, disabled = {}) {
  // evaluate() runs in the page's main world without a <script> element, so a page's
  // Content-Security-Policy (no inline script) does not stop the checker.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const rules = Object.fromEntries(Object.keys(disabled).map((id) => [id, { enabled: false }]));
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

/** Horizontal overflow: nothing may make the page wider than the window, or spill out of a table cell. */
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
    // Nothing spills out of its table cell over the next one (text drawn over text).
    for (const cell of document.querySelectorAll('td, th')) {
      const box = cell.getBoundingClientRect();
      if (!box.width) continue;
      for (const child of cell.querySelectorAll('*')) {
        const cs = getComputedStyle(child);
        if (cs.position === 'absolute' || cs.position === 'fixed' || cs.display === 'inline') continue;
        const r = child.getBoundingClientRect();
        if (!r.width) continue;
        const out = Math.max(r.right - box.right, box.left - r.left);
        if (out > 1) {
          problems.push(`content spills ${Math.round(out)}px out of its table cell: <${child.tagName.toLowerCase()} class="${child.className}"> "${child.textContent.trim().slice(0, 30)}" in "${cell.textContent.trim().slice(0, 30)}"`);
          break;
        }
      }
    }
    return problems;
  });
}

/** A figure in a form's or a KPI table's cell stays on the lines it is printed on (小諸市's
 *  「延 10万人/年」 beside a long text, not 「延 10万人/」 over 「年」): its text takes no more
 *  lines than it has. */
export async function brokenFigures(page) {
  return page.evaluate(() => {
    const problems = [];
    for (const cell of document.querySelectorAll('table.form-table td.num, table.kpi-sheet td.num')) {
      if (cell.getClientRects().length === 0) continue;
      for (const node of cell.childNodes) {
        if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        const printed = node.textContent.trim().split('\n').length;
        if (tops.size > printed) problems.push(`a figure is broken over ${tops.size} lines (printed on ${printed}): "${node.textContent.trim().slice(0, 30)}"`);
      }
    }
    return problems;
  });
}

/**
 * Contrast of text inside inline SVG (chart labels), which axe-core leaves as "needs
 * review": the text's fill against the topmost filled shape under its centre (or the
 * page background), 4.5:1, or 3:1 for large text (24px, or 18.66px bold, as drawn).
 */
export async function svgTextContrast(page) {
  return page.evaluate(() => {
    const problems = [];
    const parse = (c) => {
      const m = c && c.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/);
      return m ? { r: +m[1], g: +m[2], b: +m[3], a: m[4] === undefined ? 1 : +m[4] } : null;
    };
    const over = (fg, bg) => ({ r: fg.r * fg.a + bg.r * (1 - fg.a), g: fg.g * fg.a + bg.g * (1 - fg.a), b: fg.b * fg.a + bg.b * (1 - fg.a), a: 1 });
    const lum = ({ r, g, b }) => {
      const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const ratio = (a, b) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    const pageBg = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0) return over(c, { r: 255, g: 255, b: 255, a: 1 });
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const paint = (el) => {
      const cs = getComputedStyle(el);
      const fill = parse(cs.fill);
      if (!fill || cs.visibility === 'hidden' || cs.display === 'none') return null;
      fill.a *= Number(cs.fillOpacity) * Number(cs.opacity);
      return fill.a > 0 ? fill : null;
    };
    for (const text of document.querySelectorAll('svg text')) {
      const label = text.textContent.trim();
      if (!label) continue;
      const fg = paint(text);
      if (!fg) continue;
      text.scrollIntoView({ block: 'center', inline: 'center' });
      const box = text.getBoundingClientRect();
      if (!box.width || !box.height) continue;
      const stack = document.elementsFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      const svg = text.ownerSVGElement;
      let bg = pageBg(svg);
      const below = stack.slice(stack.indexOf(text) + 1);
      // Shapes under the text, topmost first: blend them bottom-up over the page background.
      const shapes = below.filter((e) => svg.contains(e) && e !== svg && /^(rect|circle|ellipse|path|polygon)$/.test(e.tagName));
      for (const shape of shapes.reverse()) {
        const fill = paint(shape);
        if (fill) bg = over(fill, bg);
      }
      const cs = getComputedStyle(text);
      // The size as drawn: the SVG's viewBox scales its text with the chart's width.
      const ctm = text.getScreenCTM();
      const size = parseFloat(cs.fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
      const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
      const need = large ? 3 : 4.5;
      const got = ratio(over(fg, bg), bg);
      if (got < need) {
        const hex = (c) => '#' + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
        problems.push(`svg text contrast ${got.toFixed(2)}:1 < ${need}:1: "${label.slice(0, 30)}" (${hex(fg)} on ${hex(bg)}, ${size.toFixed(1)}px as drawn) in svg${svg.id ? '#' + svg.id : ''}${svg.getAttribute('aria-labelledby') ? ' [' + svg.getAttribute('aria-labelledby') + ']' : ''}`);
      }
    }
    window.scrollTo(0, 0);
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
export async function auditPage(page, watched, { disabled = {} } = {}) {
  const violations = await axe(page, disabled);
  const problems = [...describeViolations(violations), ...(await structure(page)), ...(await overflow(page)), ...(await brokenFigures(page)), ...(await svgTextContrast(page))];
  if (watched) {
    for (const e of watched.consoleErrors) problems.push(`console error: ${e}`);
    for (const e of watched.pageErrors) problems.push(`uncaught exception: ${e}`);
    for (const e of watched.failedRequests) problems.push(`failed request: ${e}`);
    for (const e of watched.httpErrors) problems.push(`HTTP error: ${e}`);
    for (const e of watched.dialogs) problems.push(`dialog opened: ${e}`);
  }
  return { violations, problems };
}
