// `kensho serve` as a new user meets it: `kensho new mysite`, `kensho serve` inside it,
// the page open in Chromium; edit a KPI value and watch the chart change without
// touching the browser; break the file and see the error over the page; fix it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { KENSHO_BIN, SCREENSHOTS, requireFile, tempDir } from './lib/env.js';
import { launch, watch } from './lib/browser.js';
import { axe } from './lib/audit.js';

const POLICY = path.join('content', 'senryaku', 'goal-1', 'policy-1.md');

/** Start `kensho serve --port 0` in `dir`; resolves to { origin, stop() }. */
function startServe(dir) {
  const child = spawn(KENSHO_BIN, ['serve', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`serve printed no address:\n${stderr}`)), 20000);
    lines.on('line', (line) => {
      const m = line.match(/^preview: (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ origin: m[1], stderr: () => stderr, stop: () => child.kill() });
      }
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}:\n${stderr}`)));
  });
}

/** The value the chart draws for a fiscal year (Western), from its data attribute. */
function chartValue(page, year) {
  return page.evaluate((y) => {
    const mark = document.querySelector(`svg [data-year="${y}"][data-value]`);
    return mark ? mark.getAttribute('data-value') : null;
  }, year);
}

test('kensho new → kensho serve: an edit reloads the chart; a broken save shows an overlay until fixed', async () => {
  requireFile(KENSHO_BIN, 'Build it first: cargo build --release');
  const parent = tempDir('newuser');
  execFileSync(KENSHO_BIN, ['new', 'mysite', '--report-year', 'R06'], { cwd: parent });
  const site = path.join(parent, 'mysite');
  const server = await startServe(site);
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    const w = watch(page);
    await page.goto(`${server.origin}/senryaku/goal-1/policy-1/`);
    assert.equal(await chartValue(page, 2024), '18', 'R06 as in the starter file');
    // Wait until the page's live connection is open before saving.
    await page.waitForFunction(() => document.documentElement.dataset.kenshoPreview === '1');

    const file = path.join(site, POLICY);
    const text = fs.readFileSync(file, 'utf8');
    const reloaded = page.waitForEvent('load', { timeout: 20000 });
    fs.writeFileSync(file, text.replace('R06 = 18', 'R06 = 19'));
    await reloaded;
    assert.equal(await chartValue(page, 2024), '19', 'the chart shows the saved value after the automatic reload');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'serve-after-edit.png'), fullPage: false });

    // A broken save: an overlay with the file, line, field and quoted line.
    fs.writeFileSync(file, text.replace('R06 = 18', 'R06 = "十九"'));
    const overlay = page.locator('#kensho-build-errors');
    await overlay.waitFor({ state: 'visible', timeout: 20000 });
    const shown = await overlay.innerText();
    assert.match(shown, /content\/senryaku\/goal-1\/policy-1\.md:\d+:\d+/);
    assert.match(shown, /kpis\[1\]\.actual\.R06/);
    assert.match(shown, /R06 = "十九"/, 'the line as written');
    assert.equal(await chartValue(page, 2024), '19', 'the last good page stays under the overlay');
    const violations = (await axe(page)).filter((v) => v.nodes.some((n) => n.target.join(' ').includes('kensho-build-errors')));
    assert.deepEqual(violations.map((v) => v.id), [], 'the overlay itself passes axe');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'serve-error-overlay.png'), fullPage: false });
    // The overlay links the guide every message names, served by the preview itself.
    const guide = overlay.getByRole('link', { name: /kensho コンテンツの書き方/ });
    const answer = await page.request.get(new URL(await guide.getAttribute('href'), page.url()).href);
    assert.equal(answer.status(), 200, 'the preview serves the guide the overlay links');
    assert.match(await answer.text(), /<h1>kensho コンテンツの書き方<\/h1>/);

    // The fix clears it and reloads.
    const again = page.waitForEvent('load', { timeout: 20000 });
    fs.writeFileSync(file, text.replace('R06 = 18', 'R06 = 20'));
    await again;
    assert.equal(await overlay.count(), 0, 'no overlay after the fix');
    assert.equal(await chartValue(page, 2024), '20');
    assert.deepEqual([...w.consoleErrors, ...w.pageErrors], []);
  } finally {
    await browser.close();
    server.stop();
    fs.rmSync(parent, { recursive: true, force: true });
  }
});
