// Open data in the browser: on every node page of the built example site, each KPI's
// "この指標のデータ（CSV）" link is clicked in Chromium; the download must be a UTF-8 CSV
// with a BOM and CRLF line ends whose rows say exactly what the table beside the chart
// shows: every year's actual and target value (a blank stays blank, ▲ is a minus sign),
// the carried-forward and cumulative annotations, notes, grades, and the achievement rate
// of the summary.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch } from './lib/browser.js';
import { OUTPUT, REPO, requireFile } from './lib/env.js';
import { serve } from './lib/server.js';
import { baseUrlOf, isPrintView, listPages, mountOf, urlOfPage } from './lib/site.js';

requireFile(path.join(OUTPUT, 'index.html'), 'Build the example site first: cargo build --release && ./target/release/kensho build');
const mount = mountOf(baseUrlOf(process.env.KENSHO_SITE_ROOT || REPO));

/** RFC 4180: fields separated by commas, quoted with "" for a quote; records end in CRLF. */
export function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; i++; }
    else if (c === '\n') throw new Error(`a line ends without CR at ${i}`);
    else field += c;
  }
  if (field !== '' || record.length) throw new Error('the last record does not end in CRLF');
  const [header, ...rows] = records;
  return rows.map((r) => {
    assert.equal(r.length, header.length, `a record of ${r.length} fields for ${header.length} columns`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]]));
  });
}

/** `H22` → 2010, `R1` → 2019: the short years the page prints in annotations. */
function western(short) {
  const m = short.match(/^([MTSHR])(\d+)$/);
  if (!m) throw new Error(`not a short year: ${short}`);
  return String({ M: 1867, T: 1911, S: 1925, H: 1988, R: 2018 }[m[1]] + Number(m[2]));
}

/** A number as the page shows it ("1,394", "▲124", "—") as the CSV writes it ("1394", "-124", ""). */
function plainNumber(shown) {
  const s = shown.trim();
  if (s === '' || s === '—' || s === '-') return '';
  return s.replace(/^▲/, '-').replace(/,/g, '');
}

let server;
let browser;
before(async () => {
  server = await serve(OUTPUT, mount);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// What one KPI section shows: its table cells split into number, annotations and note.
function readSection(section) {
  const cell = (td) => {
    if (!td) return null;
    const clone = td.cloneNode(true);
    const take = (sel) => [...clone.querySelectorAll(sel)].map((e) => { const t = e.textContent.trim(); e.remove(); return t; });
    take('.visually-hidden');
    const annots = take('.annot');
    const notes = take('.cell-note');
    const badge = clone.querySelector('.badge-label')?.textContent.trim() ?? '';
    return { number: clone.textContent.replace(/\s+/g, ' ').trim(), annots, note: notes.join(' '), badge };
  };
  const table = section.querySelector('table.kpi-table');
  const rows = table ? [...table.tBodies[0].rows].map((tr) => ({
    year: tr.cells[0].textContent.trim(),
    role: tr.cells[1].textContent.trim(),
    actual: cell(tr.cells[2]),
    target: cell(tr.cells[3]),
    grade: cell(tr.cells[4]).badge,
  })) : null;
  const rate = [...section.querySelectorAll('.kpi-summary p')].find((p) => p.querySelector('.label')?.textContent.trim() === '達成率');
  const latest = [...section.querySelectorAll('.kpi-summary .label')].find((l) => l.textContent.startsWith('最新の実績'));
  return {
    id: section.id,
    // The KPI's name: the heading's own text, without its category tag.
    name: (() => { const h = section.querySelector(`#${section.id}-name`).cloneNode(true); h.querySelectorAll('.category').forEach((c) => c.remove()); return h.textContent.trim(); })(),
    href: section.querySelector('.data-link a[download]')?.getAttribute('href') ?? null,
    rows,
    rate: rate?.querySelector('.figure').textContent.trim() ?? null,
    latestYear: latest?.textContent.match(/（(\d{4})）/)?.[1] ?? null,
  };
}

/** The row of the CSV for a measure and year (year '' for a final target without one). */
function pick(csv, what, year) {
  const found = csv.filter((r) => r['区分'] === what && r['年度(西暦)'] === year);
  assert.ok(found.length <= 1, `${found.length} rows for ${what} ${year}`);
  return found[0];
}

/** The CSV row says what the cell shows: number, annotations, note. */
function sameValue(row, shown, columnYear, label) {
  assert.ok(row, `${label}: no CSV row`);
  const [, withUnit, comparator] = shown.number.match(/^(.*?)(以上|以下)?$/);
  // The page writes the unit after the number as the sheet does (83.3%, 4地域); the CSV
  // holds the number, its unit in a column of its own.
  const number = withUnit.replace(/[^\d.,]+$/, '');
  assert.equal(row['数値'], plainNumber(number), `${label}: number`);
  assert.equal(row['比較'], comparator ?? '', `${label}: 以上/以下`);
  assert.equal(row['注記'], shown.note, `${label}: note`);
  let measured = '';
  let span = ['', ''];
  let targetYear = '';
  for (const a of shown.annots) {
    let m;
    if ((m = a.match(/^[(\[【]([A-Z]\d+)～([A-Z]\d+)の累計[)\]】]$/))) span = [western(m[1]), western(m[2])];
    else if ((m = a.match(/^[(\[【]([A-Z]\d+)の値[)\]】]$/))) measured = western(m[1]);
    else if ((m = a.match(/^[(\[【]([A-Z]\d+)[)\]】]$/))) targetYear = western(m[1]);
    else assert.fail(`${label}: unknown annotation ${a}`);
  }
  assert.deepEqual([row['累計開始年度(西暦)'], row['累計終了年度(西暦)']], span, `${label}: span`);
  // The page names a measured or target year only where it differs from the row's year.
  assert.ok([measured || columnYear, ...(measured ? [] : [''])].includes(row['測定年度(西暦)']), `${label}: measured ${row['測定年度(西暦)']}`);
  assert.ok([targetYear || columnYear, ...(targetYear ? [] : [''])].includes(row['目標年度(西暦)']), `${label}: target year ${row['目標年度(西暦)']}`);
}

let checked = 0;
const nodePages = listPages(OUTPUT)
  .map(urlOfPage)
  // Node pages (a plan's print view repeats their KPIs under prefixed ids).
  .filter((u) => fs.existsSync(path.join(OUTPUT, u, 'index.html')) && /^senryaku\//.test(u) && !isPrintView(u));

test('the example site has node pages with KPIs', () => {
  assert.ok(nodePages.length >= 5, nodePages.join());
});

for (const url of nodePages) {
  test(`/${url}: every KPI's CSV download says what its table shows`, async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(server.base + url, { waitUntil: 'load' });
      const ids = await page.$$eval('section.kpi', (els) => els.map((e) => e.id));
      const sections = [];
      for (const id of ids) sections.push(await page.locator(`section.kpi#${id}`).evaluate(readSection));
      for (const s of sections) {
        assert.ok(s.href, `#${s.id}: no CSV link`);
        const link = page.locator(`#${s.id} .data-link a[download]`);
        assert.match(await link.innerText(), /^この指標のデータ（CSV）/);
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        // Saved under a name that says what it holds: the KPI's name (Windows-safe).
        assert.equal(download.suggestedFilename(), `${s.name.replace(/[<>:"/\\|?*]/g, '_')}.csv`);
        const bytes = fs.readFileSync(await download.path());
        assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `#${s.id}: no BOM`);
        const csv = parseCsv(bytes.subarray(3).toString('utf8'));
        assert.ok(csv.length > 0);
        for (const r of csv) assert.equal(r['指標ID'], `${url}${s.id}`);
        if (!s.rows) continue; // a qualitative KPI: a table of states
        let compared = 0;
        for (const row of s.rows) {
          const year = row.year.match(/（(\d{4})）$/)?.[1] ?? '';
          const label = `#${s.id} ${row.year} ${row.role}`;
          if (row.role === '目標値') {
            // The KPI's own target row: 最終目標値 in the CSV only when the content calls it
            // final (target_final: the page says 最終目標), else 目標値, never the other.
            const final = row.year.includes('最終目標');
            sameValue(pick(csv, final ? '最終目標値' : '目標値', year), row.target, year, label);
            if (!final) assert.equal(pick(csv, '最終目標値', year), undefined, `${label}: 最終目標値`);
            compared++;
            continue;
          }
          sameValue(pick(csv, row.role, year), row.actual, year, label);
          compared++;
          if (row.target.number || row.target.note) {
            sameValue(pick(csv, '目標値', year), row.target, year, `${label} target`);
            compared++;
          }
          const grade = pick(csv, '評価', year);
          assert.equal(grade?.['評価・状態'] ?? '', row.grade, `${label}: grade`);
          if (grade) compared++;
        }
        // Nothing in the CSV beyond what the table shows, but for the computed rate.
        assert.equal(csv.filter((r) => r['区分'] !== '達成率').length, compared, `#${s.id}: rows`);
        if (s.rate) {
          const rate = pick(csv, '達成率', s.latestYear);
          assert.equal(`${rate?.['数値']}%`, s.rate, `#${s.id}: achievement rate`);
        }
        checked++;
      }
    } finally {
      await page.close();
    }
  });
}

test('every KPI of the example site was downloaded and compared', () => {
  const kpis = fs.readdirSync(path.join(OUTPUT, 'data', 'kpi'), { recursive: true }).filter((f) => f.endsWith('.csv'));
  assert.equal(checked, kpis.length);
  assert.ok(checked >= 9, `${checked}`);
});
