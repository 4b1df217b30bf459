// Every page type (one representative page each, lib/site.js) on a small phone, a phone
// and a tablet (320, 390, 768 px), in Chromium: the page never scrolls sideways; at 390 px
// the page's heading starts within the first 200 px; no table
// cell's content box is narrower than six characters of its font; every KPI chart shown
// has its latest year and its target label inside the window as the page loads, and its
// text is drawn at 11 px or more; a table wider than its box fades at its right edge until
// scrolled to its end; a table drawn as cards (`stacks`) has every figure on the screen, and
// at 320 and 390 px no table has a figure off it; a row
// of items has none over another, a block of items its values at one place. Screenshots of each go beside SCREENSHOTS, in
// SCREENSHOTS-narrow (pages.test.js, run at the same time, empties SCREENSHOTS first).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { overflow } from './lib/audit.js';
import { launch, watch } from './lib/browser.js';
import { NARROW_WIDTHS, OUTPUT, REPO, SCREENSHOTS, requireFile } from './lib/env.js';
import { serve } from './lib/server.js';
import { baseUrlOf, listPages, mountOf, representativePages } from './lib/site.js';

requireFile(path.join(OUTPUT, 'index.html'), 'Build the example site first: cargo build --release && ./target/release/kensho build');
const representative = representativePages(listPages(OUTPUT));
const mount = mountOf(baseUrlOf(process.env.KENSHO_SITE_ROOT || REPO));
const shots = `${SCREENSHOTS}-narrow`;

let browser;
let server;

before(async () => {
  server = await serve(OUTPUT, mount);
  browser = await launch();
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** What does not fit: cells too narrow, chart labels out of the window or too small;
 *  `figuresMayScroll`: a table's figures may lie off a phone's screen (scrolled to). */
function fitProblems(figuresMayScroll) {
  const problems = [];
  const shown = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  // Headings heard, not seen (a card table's heading row, clipped to nothing) take no width.
  const clipped = (el) => {
    for (let e = el; e && e.tagName !== 'TABLE'; e = e.parentElement) {
      if (getComputedStyle(e).clipPath.startsWith('inset(50%')) return true;
    }
    return false;
  };
  for (const cell of document.querySelectorAll('table td, table th')) {
    if (!shown(cell) || clipped(cell)) continue;
    const cs = getComputedStyle(cell);
    // A collapsed border is shared: half of it is in each cell's box.
    const share = getComputedStyle(cell.closest('table')).borderCollapse === 'collapse' ? 0.5 : 1;
    const sides = parseFloat(cs.paddingLeft) + parseFloat(cs.paddingRight) + share * (parseFloat(cs.borderLeftWidth) + parseFloat(cs.borderRightWidth));
    const content = cell.getBoundingClientRect().width - sides;
    const need = 6 * parseFloat(cs.fontSize);
    if (content < need - 0.5) {
      problems.push(`a table cell is ${content.toFixed(1)}px wide, under 6 characters (${need}px): "${cell.textContent.trim().slice(0, 30)}"`);
    }
  }
  // A labelled value is never squeezed to a character or two a line (霧島市's 「一般会計」
  // beside its further value cells at 390 px, one character a line).
  for (const dd of document.querySelectorAll('.facts dd')) {
    if (!shown(dd) || !dd.textContent.trim()) continue;
    const cs = getComputedStyle(dd);
    const content = dd.getBoundingClientRect().width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - parseFloat(cs.borderLeftWidth) - parseFloat(cs.borderRightWidth);
    const need = 3 * parseFloat(cs.fontSize);
    if (content >= need - 0.5) continue;
    // Narrow as its words (「2661」) is no squeeze: only one that breaks them over lines.
    // Text heard, not seen (a grade's meaning, visually hidden) is no line.
    const lines = new Set();
    const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!t.textContent.trim() || t.parentElement.closest('.visually-hidden')) continue;
      const range = document.createRange();
      range.selectNodeContents(t);
      for (const r of range.getClientRects()) if (r.width > 0) lines.add(Math.round(r.top));
    }
    if (lines.size > 1) problems.push(`a labelled value is ${content.toFixed(1)}px wide, under 3 characters (${need}px): "${dd.textContent.trim().slice(0, 30)}"`);
  }
  const width = window.innerWidth;
  // A table drawn as cards on a phone (`stacks`, issue 54): every figure on the screen.
  for (const table of document.querySelectorAll('table.stacks')) {
    if (!shown(table)) continue;
    // style.css draws them as cards below 40rem (640 px at its 16 px).
    const cards = getComputedStyle(table).display === 'block';
    if (width <= 640 && !cards) problems.push(`a table marked stacks is not drawn as cards at ${width}px: "${table.querySelector('th, td')?.textContent.trim().slice(0, 30)}"`);
    if (!cards) continue;
    for (const cell of table.querySelectorAll(':scope > tbody > tr > td, :scope > tbody > tr > th')) {
      if (!shown(cell) || !/\d/.test(cell.textContent)) continue;
      const r = cell.getBoundingClientRect();
      if (r.left < -0.5 || r.right > width + 0.5) problems.push(`a figure of a table drawn as cards is at ${Math.round(r.left)}–${Math.round(r.right)}px, outside the ${width}px window: "${cell.textContent.trim().slice(0, 30)}"`);
    }
  }
  // On a phone no figure of any table lies off the screen, drawn as cards or not (issue
  // 54: a table scrolled inside its box hid its numbers to the right). A site whose sheet
  // has a table no card holds yet says so (KENSHO_TABLES_SCROLL=1, .ci/run's list).
  if (width <= 390 && !figuresMayScroll) {
    for (const cell of document.querySelectorAll('main table > tbody > tr > :is(td, th)')) {
      if (!shown(cell) || !/[0-9０-９]/.test(cell.textContent)) continue;
      const r = cell.getBoundingClientRect();
      if (r.left < -0.5 || r.right > width + 0.5) problems.push(`a figure of a table is at ${Math.round(r.left)}–${Math.round(r.right)}px, outside the ${width}px window: "${cell.textContent.trim().slice(0, 30)}"`);
    }
  }
  for (const svg of document.querySelectorAll('svg.chart')) {
    if (!shown(svg)) continue;
    const name = svg.querySelector('title')?.textContent.slice(0, 40) ?? '';
    for (const text of svg.querySelectorAll('text')) {
      const size = parseFloat(getComputedStyle(text).fontSize) * Math.hypot(text.getScreenCTM().a, text.getScreenCTM().b);
      if (size < 10.95) problems.push(`chart text drawn at ${size.toFixed(1)}px (under 11): "${text.textContent.trim()}" in ${name}`);
    }
    if (!svg.querySelector('.mark')) continue; // not a KPI or budget chart
    const isKpi = svg.querySelector('.mark.actual, .mark.baseline, .mark.target');
    if (!isKpi) continue;
    const latest = svg.querySelector('.latest-year');
    if (!latest) problems.push(`no latest year label in the chart ${name}`);
    for (const label of [latest, svg.querySelector('.target-label')]) {
      if (!label) continue;
      const r = label.getBoundingClientRect();
      if (r.left < -0.5 || r.right > width + 0.5) {
        problems.push(`"${label.textContent.trim()}" (${label.getAttribute('class')}) is at ${Math.round(r.left)}–${Math.round(r.right)}px, outside the ${width}px window, in ${name}`);
      }
    }
  }
  return problems;
}

/** On a phone (390 px) the page's own heading starts within the first 200 px (issue 54):
 *  the site's header, menu and breadcrumb leave it on the first screen. The heading starts
 *  at the level's or the sheet's title printed over it (小矢部市's two lines), or at the
 *  sections the sheet prints over its head (江田島市's notes) or over its title (名寄市's 番号),
 *  where there are some. A
 *  heading the sheet prints no line for (heard, not seen) has no place to check. */
function headingProblems() {
  const h1 = document.querySelector('main h1');
  if (!h1 || h1.classList.contains('visually-hidden') || h1.getClientRects().length === 0) return [];
  // The sections the sheet prints over its head (`head = true`), the line over it and the
  // sections over that line (`sheet_title = true`).
  const over = (e) => ['level', 'above-head', 'above-title'].some((c) => e.classList.contains(c));
  let start = h1;
  for (let e = h1.previousElementSibling; e && over(e); e = e.previousElementSibling) start = e;
  const top = start.getBoundingClientRect().top + window.scrollY;
  return top > 200 ? [`the page's heading starts ${Math.round(top)}px down, past the first 200 px`] : [];
}

/** A sheet's labelled items as printed (round 28): in a row of items (`row = [ … ]`) no
 *  label or value runs over its neighbour (川崎市's 「事業の有効性・効率性・経済性」 under the
 *  next label's 「3」); in a block of items a row each (`items = "rows"`), on a screen wide
 *  enough for labels beside values, the values start at one place, the labels one column
 *  as the sheet prints it (宇多津町's 事業の目的 … 実施することにより見込まれる成果). */
function itemProblems() {
  const problems = [];
  const name = (e) => (e.textContent || '').trim().slice(0, 20);
  const apart = (a, b) => {
    const [r, s] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
    const sameLine = r.top < s.bottom - 1 && s.top < r.bottom - 1;
    return !sameLine || r.right <= s.left + 1 || s.right <= r.left + 1;
  };
  for (const row of document.querySelectorAll('main dl.facts.items.row')) {
    const cells = [...row.querySelectorAll(':scope > div > :is(dt, dd)')].filter((e) => e.getClientRects().length);
    for (let i = 0; i + 1 < cells.length; i++) {
      if (!apart(cells[i], cells[i + 1])) problems.push(`an item of a row runs over the next: "${name(cells[i])}" over "${name(cells[i + 1])}"`);
    }
  }
  // A value squeezed by its neighbours into lines of a few characters (施策評価シート№45's 章 name
  // beside 所管部…評価者 broke into 「3 / 環境保全 / と安心・ / 快適な / まちづく / り」, round 30).
  for (const dd of document.querySelectorAll('main dl.facts dd')) {
    if (!dd.getClientRects().length || dd.querySelector('table, dl, .tables-beside')) continue;
    const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      // Each line the text writes apart (「総務課\n財政課」 printed a line each) is measured alone.
      let start = 0;
      for (const part of t.data.split('\n')) {
        const text = part.replace(/\s+/g, '');
        const range = document.createRange();
        range.setStart(t, start);
        range.setEnd(t, start + part.length);
        start += part.length + 1;
        if (text.length < 8) continue;
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
        if (lines >= 3 && text.length / lines < 4) problems.push(`a value is squeezed into ${lines} lines of under 4 characters: "${text.slice(0, 20)}"`);
      }
    }
  }
  if (window.innerWidth >= 640) {
    for (const block of document.querySelectorAll('main dl.facts.items.in-rows:not(.row)')) {
      const rows = [...block.children];
      if (rows.some((d) => d.tagName !== 'DIV' || d.children.length !== 2 || d.children[0].tagName !== 'DT' || d.children[1].tagName !== 'DD')) continue;
      const lefts = new Set(rows.map((d) => Math.round(d.children[1].getBoundingClientRect().left)));
      if (lefts.size > 1) problems.push(`the values of a block of items start at ${[...lefts].join(', ')} px, not at one place: "${name(rows[0])}"`);
    }
  }
  return problems;
}

/** A table wider than its box says so (issue 54: a phone shows no scrollbar): its right
 *  edge fades (--more-right, style.css) while more lies to the right, and not at the end.
 *  Resolves to the problems; scrolls each such table there and back. */
async function scrollCueProblems(page) {
  return page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const fade = (el) => parseFloat(getComputedStyle(el).getPropertyValue('--more-right')) || 0;
    const problems = [];
    for (const box of document.querySelectorAll('main .table-scroll')) {
      if (!box.getClientRects().length || box.scrollWidth <= box.clientWidth + 1) continue;
      const name = (box.getAttribute('aria-label') || box.querySelector('caption, th')?.textContent || '').trim().slice(0, 30);
      box.scrollLeft = 0;
      await frame();
      if (fade(box) <= 0) problems.push(`a table wider than its box shows no cue at its right edge: "${name}"`);
      box.scrollLeft = box.scrollWidth;
      await frame();
      if (fade(box) > 0) problems.push(`a table scrolled to its end still fades at its right edge: "${name}"`);
      box.scrollLeft = 0;
    }
    await frame();
    return problems;
  });
}

for (const width of NARROW_WIDTHS) {
  describe(`${width} px`, () => {
    for (const { name, url } of representative) {
      test(`${name} /${url}`, async () => {
        const page = await browser.context.newPage();
        try {
          await page.setViewportSize({ width, height: 800 });
          const watched = watch(page);
          const res = await page.goto(server.base + url, { waitUntil: 'load' });
          assert.ok([200, 404].includes(res.status()), `${url} answered ${res.status()}`);
          await page.evaluate(() => document.fonts.ready);
          const problems = [...(await page.evaluate(fitProblems, process.env.KENSHO_TABLES_SCROLL === '1')), ...(await overflow(page)), ...(await page.evaluate(itemProblems))];
          if (width === 390) problems.push(...(await page.evaluate(headingProblems)));
          problems.push(...(await scrollCueProblems(page)));
          problems.push(...watched.pageErrors, ...watched.failedRequests);
          await page.screenshot({ path: path.join(shots, `${name}-${width}.png`), fullPage: true });
          assert.deepEqual(problems, [], `${problems.length} problem(s) on /${url} at ${width} px:\n  ${problems.join('\n  ')}`);
        } finally {
          await page.close();
        }
      });
    }
  });
}
