// Debian's Chromium through playwright-core: no browser download, a fresh profile each run.
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM, requireFile, tempDir } from './env.js';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launch Chromium; resolves to { context, close() }. Pages come from context.newPage(). */
export async function launch() {
  requireFile(CHROMIUM, 'Install it: apt-get install -y chromium (or set CHROMIUM_PATH).');
  const profile = tempDir('chromium-profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    reducedMotion: 'reduce',
  });
  // Nothing outside the loopback server: any other request fails the page.
  await context.route(/^(?!http:\/\/127\.0\.0\.1[:/]|about:|data:|blob:)/, (route) => route.abort('blockedbyclient'));
  for (const p of context.pages()) await p.close();
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Collect what went wrong while a page loads and runs: console errors, uncaught
 * exceptions, failed requests, HTTP errors, dialogs. Attach before navigating.
 */
export function watch(page, { allowStatus = [] } = {}) {
  const w = { consoleErrors: [], pageErrors: [], failedRequests: [], httpErrors: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') w.consoleErrors.push(`${m.text()} @ ${m.location()?.url ?? ''}`);
  });
  page.on('pageerror', (e) => w.pageErrors.push(String(e)));
  page.on('requestfailed', (r) => w.failedRequests.push(`${r.url()}: ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && !allowStatus.includes(r.url())) w.httpErrors.push(`${r.status()} ${r.url()}`);
  });
  page.on('dialog', async (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  return w;
}
