// Hostile content (tests/sites/hostile): every Markdown body and front-matter string
// carries script-injection payloads. Built with the release binary and loaded in
// Chromium at both widths: no dialog, no script ran (window.__pwned never set), no on*
// attribute or javascript: URL anywhere, the layout survived, no horizontal overflow,
// no right-to-left override reverses text outside its own field, and every payload that
// was text still shows as text.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { overflow } from './lib/audit.js';
import { launch, watch } from './lib/browser.js';
import { HEIGHT, REPO, SCREENSHOTS, WIDTHS, tempDir } from './lib/env.js';
import { bidiLeaks, layoutFindings, scriptFindings, templateWords } from './lib/hostile.js';
import { serve } from './lib/server.js';
import { baseUrlOf, buildSite, listFiles, listPages, mountOf, urlOfPage } from './lib/site.js';

const SITE = path.join(REPO, 'tests', 'sites', 'hostile');
const RLO = '\u202e';
const norm = (s) => s.replace(/\s+/g, ' ').trim();
const WORDS = templateWords(path.join(REPO, 'themes', 'default', 'templates'));

// What the fixture says must show as text. Every field starts with a [tag]; every tag
// must show somewhere. Front-matter strings that are not Markdown must show verbatim.
const MARKDOWN_KEYS = new Set(['intent', 'summary', 'issues', 'outlook', 'results', 'analysis']);
const sources = listFiles(path.join(SITE, 'content')).map((f) => fs.readFileSync(path.join(SITE, 'content', f), 'utf8'));
const tags = [...new Set(sources.flatMap((s) => [...s.matchAll(/\[[a-z0-9]+(?:-[a-zA-Z0-9]+)+\]/g)].map((m) => m[0])))];
const verbatim = sources.flatMap((s) => s.split('\n').flatMap((line) => [...line.matchAll(/'''(.*?)'''/g)].flatMap((m) => {
  const key = [...line.slice(0, m.index).matchAll(/(\w+)\s*=/g)].pop()?.[1];
  return MARKDOWN_KEYS.has(key) ? [] : [{ key, text: m[1] }];
})));
// Text in Markdown bodies that must survive sanitising (entities, code, text around payloads).
const MARKDOWN_TEXT = [
  'Plain text before the payloads: [root-body-start]',
  "Entities that are text: <script>alert('root-body-entity')</script> and <img src=x onerror=alert(1)> [root-body-entities]",
  "Code that is text: <script>window.__pwned='root-body-code'</script> [root-body-code]",
  `<img src=x onerror="window.__pwned='root-body-fence'">`,
  'Template syntax that is text: {{ site.title }} {% raw %} {{ 7*7 }} [root-body-template-syntax]',
  `Right-to-left override: ${RLO}[root-body-rlo]exe.txt`,
  'unclosed [root-body-unclosed]',
  'Text after the noscript payload [root-body-after-noscript]',
  '[goal-intent] text stays',
  '[goal-summary] summary text stays',
  '[goal-issues] issues link',
  '[goal-outlook] outlook text stays',
  'A link with a hostile fragment [goal-body-fragment-text]',
  '[policy-intent] bold stays',
  '[policy-body] body text stays.',
  '[program-intent] intent link text stays',
  '[program-results] results text stays',
  '[program-body] body link body text stays.',
  '[other-results] unclosed bold italic link',
];

let browser;
let server;
let out;
let pages;
const texts = new Map(); // url → body text
const titles = new Map(); // url → document.title

before(async () => {
  out = path.join(tempDir('hostile'), 'output');
  buildSite(SITE, out);
  pages = listPages(out);
  server = await serve(out, mountOf(baseUrlOf(SITE)));
  browser = await launch();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  console.log(`hostile site: ${pages.length} pages built in ${out}, served at ${server.base}; ${tags.length} tagged fields, ${verbatim.length} verbatim strings`);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (out) fs.rmSync(path.dirname(out), { recursive: true, force: true });
});

for (const width of WIDTHS) {
  describe(`hostile pages at ${width} px`, () => {
    test('every page: nothing ran, nothing can run, the layout held, no text reversed', async () => {
      const failures = [];
      for (const file of pages) {
        const url = urlOfPage(file);
        const page = await browser.context.newPage();
        try {
          await page.setViewportSize({ width, height: HEIGHT[width] });
          const watched = watch(page);
          await page.goto(server.base + url, { waitUntil: 'load' });
          // Let timers, refreshes and lazy handlers have their chance.
          await page.waitForTimeout(200);
          // Focus and hover everything that takes it, to give any handler a trigger.
          await page.evaluate(() => {
            for (const el of document.querySelectorAll('a, [tabindex], summary')) {
              el.focus();
              el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
            }
          });
          await page.waitForTimeout(50);
          const found = [
            ...(await scriptFindings(page)),
            ...(await layoutFindings(page)),
            ...(await overflow(page)),
            ...(await bidiLeaks(page, WORDS)),
            ...watched.dialogs.map((d) => `dialog opened: ${d}`),
            ...watched.pageErrors.map((e) => `uncaught exception (a script ran?): ${e}`),
          ];
          if (page.url() !== server.base + url) found.push(`the page navigated away to ${page.url()}`);
          if (found.length) failures.push(`/${url}:\n    ${found.join('\n    ')}`);
          texts.set(url, norm(await page.evaluate(() => document.body.textContent)));
          titles.set(url, await page.title());
          if (['', 'plan/goal-1/', 'plan/goal-1/policy-1/', 'programs/evil/'].includes(url)) {
            await page.screenshot({ path: path.join(SCREENSHOTS, `hostile-${url.replace(/\/$/, '').replace(/\//g, '-') || 'home'}-${width}.png`), fullPage: true });
          }
        } finally {
          await page.close();
        }
      }
      assert.deepEqual(failures, [], `script gate failed on ${failures.length} page(s):\n  ${failures.join('\n  ')}`);
    });

    test('every payload that was text still shows as text', () => {
      const all = [...texts.values()].join('\n');
      const missing = [
        ...tags.filter((t) => !all.includes(t)).map((t) => `tag ${t} shows nowhere`),
        ...verbatim.filter((v) => !all.includes(norm(v.text))).map((v) => `${v.key} is not shown verbatim: ${v.text}`),
        ...MARKDOWN_TEXT.filter((t) => !all.includes(norm(t))).map((t) => `Markdown text lost: ${t}`),
      ];
      assert.deepEqual(missing, []);
      // The site title, with its </title> breakout, is the text of every page's title.
      const siteTitle = verbatim.find((v) => v.text.startsWith('[site-title]')).text;
      for (const [url, title] of titles) assert.ok(title.endsWith(siteTitle), `/${url} has title ${JSON.stringify(title)}`);
    });
  });
}
