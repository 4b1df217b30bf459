// Printing: each plan's print view and one page of every other type, printed by Chromium to
// A4 PDF and read back with poppler-utils (pdfinfo, pdftotext). Every page: numbered
// "n / N", none of the site's navigation, no text outside the page margins, and no table
// row split across two pages (a table that fits on a page stays on one page; a longer one
// repeats its header row). The print view: a plausible page count, and each goal and
// policy starting a page.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launch, watch } from './lib/browser.js';
import { OUTPUT, REPO, requireFile } from './lib/env.js';
import { printToPdf, removePdf, requirePoppler, rowPattern, squash } from './lib/pdf.js';
import { serve } from './lib/server.js';
import { baseUrlOf, isPrintView, listPages, mountOf, representativePages, urlOfPage } from './lib/site.js';

requireFile(path.join(OUTPUT, 'index.html'), 'Build the example site first: cargo build --release && ./target/release/kensho build');
requirePoppler();

/** The page box print.css asks for: A4, margins 14 mm top, 13 mm sides, 16 mm bottom. */
const MM = 72 / 25.4; // points
const SIDE = 13 * MM;
const CONTENT_PX = { width: Math.floor(((210 - 26) / 25.4) * 96), height: Math.floor(((297 - 30) / 25.4) * 96) };

/**
 * The example plan's print view runs to 30 pages (令和元年度 sheet: 1 goal, 4 policies,
 * 9 KPIs, 27 programs). Far fewer means pages are not breaking per policy or text is
 * missing; far more, a stylesheet gone wrong (screen sizes, a chart per page).
 */
const EXAMPLE_PRINT_PAGES = { min: 22, max: 42 };

/**
 * What the site under test should print: its plans' print views and, for the first, a page
 * count range. The Kitakami example by default; another example site (examples/hokuto)
 * names its own in KENSHO_PRINT_VIEWS ("jisshi/print/") and KENSHO_PRINT_PAGES ("30-55").
 */
const EXPECTED_VIEWS = (process.env.KENSHO_PRINT_VIEWS || 'senryaku/print/').split(',');
const [PAGES_MIN, PAGES_MAX] = process.env.KENSHO_PRINT_PAGES
  ? process.env.KENSHO_PRINT_PAGES.split('-').map(Number)
  : [EXAMPLE_PRINT_PAGES.min, EXAMPLE_PRINT_PAGES.max];

const files = listPages(OUTPUT);
const urls = files.map(urlOfPage);
const printViews = urls.filter(isPrintView);
const others = representativePages(files).filter((r) => r.name !== '404');
const mount = mountOf(baseUrlOf(process.env.KENSHO_SITE_ROOT || REPO));

let browser;
let server;

before(async () => {
  server = await serve(OUTPUT, mount);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Load `url`, read what the checks need from the DOM (print media), then print it. */
async function load(url) {
  const page = await browser.context.newPage();
  try {
    const watched = watch(page);
    const res = await page.goto(server.base + url, { waitUntil: 'load' });
    assert.equal(res.status(), 200);
    await page.evaluate(() => document.fonts.ready);
    // The site's chrome as shown on screen, to look for in the PDF.
    // (Words the page's own content prints too, a plan's title in its sheet's 政策名 cell
    // beside the same title in the navigation, are not looked for.)
    const chrome = await page.evaluate(() => {
      const main = document.querySelector('main')?.textContent.replace(/\s+/g, '') ?? '';
      return ['.skip-link', '.site-nav', '.breadcrumbs', '.print-link']
        .flatMap((s) => [...document.querySelectorAll(s)].map((e) => e.textContent))
        .filter((t) => !main.includes(t.replace(/\s+/g, '')));
    });
    // Laid out as for print, at the width of the A4 text column.
    await page.setViewportSize(CONTENT_PX);
    await page.emulateMedia({ media: 'print' });
    const dom = await page.evaluate(() => {
      const text = (el) => {
        if (!el) return '';
        const c = el.cloneNode(true);
        for (const h of c.querySelectorAll('.visually-hidden')) h.remove();
        return c.textContent;
      };
      const shown = (el) => el.getClientRects().length > 0;
      const tables = [...document.querySelectorAll('table')].filter(shown).map((t) => ({
        caption: t.caption ? text(t.caption).trim() : '',
        height: t.getBoundingClientRect().height,
        head: [...(t.tHead?.rows ?? [])].map((r) => [...r.cells].map(text).join('')).join(''),
        rows: [...t.tBodies].flatMap((b) => [...b.rows]).map((r) => [...r.cells].map(text)),
      }));
      // What opens a section on paper: its level and heading, or its sheet's title line
      // (items left and right of the title: 桜川市's 「桜川市行政評価システム」 first).
      const sections = [...document.querySelectorAll('.print-node:not(.depth-0)')].map((s) => {
        const line = s.querySelector(':scope > .title-line');
        const h2 = s.querySelector(':scope > h2:not(.visually-hidden)');
        return { heading: line ? text(line) : text(s.querySelector(':scope > .level')) + text(h2) };
      });
      // A page of the city's own form prints as its sheet, without the site's header.
      const sheetHeader = document.body.classList.contains('sheet') && shown(document.querySelector('.site-header'));
      return { tables, sections, sheetHeader, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth };
    });
    const pdf = await printToPdf(page, url.replace(/\W+/g, '-') || 'home');
    const bad = [...watched.consoleErrors, ...watched.pageErrors, ...watched.failedRequests, ...watched.httpErrors];
    assert.deepEqual(bad, [], `${url}: errors while loading`);
    return { chrome, dom, pdf };
  } finally {
    await page.close();
  }
}

/** The problems of one printed page: anything that would not print cleanly. */
function problems({ chrome, dom, pdf }) {
  const out = [];
  const { pages, count } = pdf;
  if (dom.overflow > 0) out.push(`wider than the A4 text column by ${dom.overflow} px`);
  if (dom.sheetHeader) out.push("the site's header printed over the city's sheet");
  pages.forEach((p, i) => {
    if (!p.includes(`${i + 1}/${count}`)) out.push(`page ${i + 1} has no page number "${i + 1} / ${count}"`);
  });
  const all = pages.join('');
  for (const c of chrome.map(squash).filter(Boolean)) {
    if (all.includes(c)) out.push(`site chrome printed: ${c.slice(0, 40)}`);
  }
  pdf.words.forEach((ws, i) => {
    for (const w of ws) {
      if (w.xMin < SIDE - 1 || w.xMax > pdf.width - SIDE + 1) {
        out.push(`page ${i + 1}: "${w.text}" outside the margins (x ${w.xMin.toFixed(0)}–${w.xMax.toFixed(0)} of ${pdf.width.toFixed(0)} pt)`);
      }
    }
  });
  // Tables, in document order: each row's text whole on one page, pages never going back.
  let from = 0;
  for (const t of dom.tables) {
    // Start from the caption's page: two tables with the same rows (a plan's totals and
    // its only goal's) must not be matched to the first one's page.
    const cap = t.caption ? pdf.texts.findIndex((p, i) => i >= from && p.includes(squash(t.caption))) : -1;
    if (cap >= 0) from = cap;
    // Then from its header row's page: a caption as short as 評価 is also found in the
    // text before the table (「評価: ○ Ｂ」 on a goal's cards), and so would its rows.
    const head = t.head ? pages.findIndex((p, i) => i >= from && p.includes(squash(t.head))) : -1;
    if (head >= 0) from = head;
    const spanned = new Set();
    for (const row of t.rows) {
      if (!squash(row.join(''))) continue;
      const re = rowPattern(row);
      const at = pdf.texts.findIndex((p, i) => i >= from && re.test(p));
      if (at < 0) {
        out.push(`table "${t.caption}": row "${squash(row.join(' ')).slice(0, 50)}" is not whole on any page (split across pages?)`);
        continue;
      }
      spanned.add(at);
      from = at;
    }
    const first = Math.min(...spanned);
    if (spanned.size > 1) {
      if (t.height < CONTENT_PX.height * 0.8) {
        out.push(`table "${t.caption}" (${Math.round(t.height)} px, fits on a page) is broken over pages ${[...spanned].map((i) => i + 1).join(', ')}`);
      }
      for (const i of spanned) {
        if (t.head && !pages[i].includes(squash(t.head))) out.push(`table "${t.caption}": no header row on page ${i + 1}`);
      }
    }
    if (t.caption && spanned.size && !pages[first].includes(squash(t.caption))) {
      out.push(`table "${t.caption}": caption not on the page of its first row (${first + 1})`);
    }
  }
  return out;
}

describe('print views', () => {
  test('the example site has a print view per plan', () => {
    assert.deepEqual(printViews, EXPECTED_VIEWS);
  });

  for (const url of printViews) {
    test(`/${url} prints on A4, each goal and policy from a new page`, async () => {
      const printed = await load(url);
      try {
        const { pdf, dom } = printed;
        console.log(`/${url}: ${pdf.count} A4 pages, ${dom.tables.length} tables, ${dom.sections.length} goals and policies`);
        if (url === EXPECTED_VIEWS[0]) {
          assert.ok(
            pdf.count >= PAGES_MIN && pdf.count <= PAGES_MAX,
            `${pdf.count} pages, expected ${PAGES_MIN}–${PAGES_MAX}`,
          );
        }
        assert.ok(pdf.count > dom.sections.length, `${pdf.count} pages for ${dom.sections.length} sections that each start a page`);
        const out = problems(printed);
        // Each goal and policy starts a page: its level and heading open the page's text.
        let from = 0;
        // The page number (a margin box) may be drawn before the page's content.
        const top = (i) => printed.pdf.pages[i].replace(`${i + 1}/${pdf.count}`, '');
        for (const s of dom.sections) {
          const h = squash(s.heading);
          // A list of goals or policies (a form's children section) may name the heading on
          // an earlier page: the section's own page is the first one the heading starts.
          const starts = printed.pdf.pages.findIndex((p, i) => i >= from && top(i).startsWith(h));
          const at = printed.pdf.pages.findIndex((p, i) => i >= from && p.includes(h));
          if (at < 0) out.push(`"${s.heading}" not found in the PDF`);
          else if (starts < 0) out.push(`"${s.heading}" does not start a page (first on page ${at + 1}: ${top(at).slice(0, 40)})`);
          else from = starts + 1;
        }
        assert.deepEqual(out, [], `${out.length} problem(s) printing /${url}:\n  ${out.join('\n  ')}`);
      } finally {
        removePdf(printed.pdf);
      }
    });
  }
});

describe('every page type prints on its own', () => {
  for (const { name, url } of others) {
    test(`${name} (/${url})`, async () => {
      const printed = await load(url);
      try {
        const out = problems(printed);
        assert.deepEqual(out, [], `${out.length} problem(s) printing /${url}:\n  ${out.join('\n  ')}`);
      } finally {
        removePdf(printed.pdf);
      }
    });
  }
});

test('charts print in black and white (every painted colour in a chart is a grey)', async () => {
  const chartPages = [...printViews, ...others.map((o) => o.url)];
  let checked = 0;
  for (const url of chartPages) {
    const page = await browser.context.newPage();
    try {
      await page.goto(server.base + url, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const { coloured, painted } = await page.evaluate(() => {
        const grey = (c) => {
          const m = c.match(/rgba?\((\d+),\s*(\d+),\s*(\d+)/);
          // Neutral: the site's near-black text and grid greys (#1a1a1c, #d8d8db) count.
          const [r, g, b] = m ? m.slice(1).map(Number) : [0, 0, 0];
          return Math.max(r, g, b) - Math.min(r, g, b) <= 8;
        };
        const coloured = [];
        let painted = 0;
        for (const el of document.querySelectorAll('svg.chart *')) {
          const s = getComputedStyle(el);
          for (const c of [s.stroke, s.fill]) {
            if (c.startsWith('rgb')) painted += 1;
            if (!grey(c)) coloured.push(`<${el.tagName}> ${c}`);
          }
        }
        return { coloured: [...new Set(coloured)], painted };
      });
      checked += painted;
      assert.deepEqual(coloured, [], `/${url} prints chart colours`);
    } finally {
      await page.close();
    }
  }
  // The Kitakami example paints hundreds (KPI and budget charts); a site whose only charts
  // are budget charts (examples/hokuto) tens. Fewer than that means no chart was checked.
  assert.ok(checked > Number(process.env.KENSHO_MIN_CHART_PAINT || 100), `only ${checked} painted chart elements were checked`);
});

test('the checks catch a table cut across pages and a page without its number', async () => {
  // A page built here, without page numbers: a table with a row taller than a page, which
  // Chromium has to cut (it keeps shorter rows whole by itself).
  const page = await browser.context.newPage();
  try {
    const rows = Array.from({ length: 8 }, (_, i) => `<tr><th>行${i + 1}</th><td>${'長い説明の文章です。'.repeat(i === 4 ? 400 : 12)}</td></tr>`).join('');
    await page.setContent(`<!DOCTYPE html><html lang="ja"><head><style>@page { size: A4; margin: 13mm; } tr, td { break-inside: auto; } body { margin: 0; font-size: 11pt; }</style></head><body><table><caption>試験の表</caption><thead><tr><th>見出し</th><th>内容</th></tr></thead><tbody>${rows}</tbody></table></body></html>`);
    await page.setViewportSize(CONTENT_PX);
    await page.emulateMedia({ media: 'print' });
    const dom = await page.evaluate(() => ({
      tables: [...document.querySelectorAll('table')].map((t) => ({
        caption: t.caption.textContent,
        height: t.getBoundingClientRect().height,
        head: [...t.tHead.rows[0].cells].map((c) => c.textContent).join(''),
        rows: [...t.tBodies[0].rows].map((r) => [...r.cells].map((c) => c.textContent)),
      })),
      sections: [],
      overflow: 0,
    }));
    const pdf = await printToPdf(page, 'selftest');
    try {
      const out = problems({ chrome: [], dom, pdf });
      assert.ok(pdf.count > 1, 'the test table should need several pages');
      assert.ok(out.some((p) => p.includes('has no page number')), out.join('\n'));
      assert.ok(out.some((p) => p.includes('is not whole on any page')), out.join('\n'));
    } finally {
      removePdf(pdf);
    }
  } finally {
    await page.close();
  }
});
