// kensho's own guides (`kensho docs -o DIR`, the Windows package's docs/): every page
// through the accessibility audit at each width, with no horizontal overflow down to a
// 320 px phone, its links to the other guides reaching them, and the Nu HTML Checker.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { auditPage } from './lib/audit.js';
import { launch, watch } from './lib/browser.js';
import { KENSHO_BIN, NARROW_WIDTHS, WIDTHS, requireFile, tempDir } from './lib/env.js';
import { serve } from './lib/server.js';
import { describe, vnu } from './lib/vnu.js';

requireFile(KENSHO_BIN, 'Build it first: cargo build --release');
const DIR = path.join(tempDir('guides'), 'docs');
execFileSync(KENSHO_BIN, ['--lang', 'en', 'docs', '-o', DIR]);
const PAGES = fs.readdirSync(DIR).filter((f) => f.endsWith('.html')).sort();

test('the guides are the pages kensho docs writes', () => {
  assert.deepEqual(PAGES, ['content-format.html', 'content-format.ja.html', 'index.html', 'labels.html']);
});

test('every guide passes the accessibility audit at every width, and its links reach the others', async () => {
  const server = await serve(DIR, '/docs/');
  const browser = await launch();
  const failures = [];
  try {
    for (const file of PAGES) {
      for (const width of [...new Set([...NARROW_WIDTHS, ...WIDTHS])]) {
        const page = await browser.context.newPage();
        await page.setViewportSize({ width, height: 900 });
        const watched = watch(page);
        await page.goto(`${server.base}${file}`, { waitUntil: 'load' });
        const { problems } = await auditPage(page, watched);
        for (const p of problems) failures.push(`${file} at ${width} px: ${p}`);
        if (width === 1280) {
          // Every link to another guide (and to a section of one) leads to a page and an id there.
          const links = await page.$$eval('a[href]', (as) => as.map((a) => a.getAttribute('href')));
          for (const href of links.filter((h) => !h.includes('://') && !h.startsWith('#'))) {
            const [name, id] = href.split('#');
            if (!PAGES.includes(name)) failures.push(`${file}: a link to ${href}, no such guide`);
            else if (id && !fs.readFileSync(path.join(DIR, name), 'utf8').includes(` id="${id}"`)) failures.push(`${file}: a link to ${href}, no such section`);
          }
          for (const href of links.filter((h) => h.startsWith('#'))) {
            if ((await page.$(`[id="${href.slice(1)}"]`)) === null) failures.push(`${file}: a link to ${href}, no such id`);
          }
        }
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  assert.deepEqual(failures, []);
});

test('every guide passes the Nu HTML Checker', () => {
  const messages = vnu(PAGES.map((f) => path.join(DIR, f)));
  const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error');
  assert.deepEqual(errors.map(describe), []);
});
