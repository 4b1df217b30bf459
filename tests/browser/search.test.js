// Search in Chromium: the search page, given ?q=, finds exactly the entries that hold
// every word — checked against a brute-force substring scan of the index's documents
// (no bigrams, no shards) and against the content files themselves — with the words
// marked, the count announced, links that resolve, under other sub-folders too, with
// the header box, without JavaScript, and on the hostile fixture without running
// anything. axe and the other page gates run on the page with results shown.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { auditPage } from './lib/audit.js';
import { launch, watch } from './lib/browser.js';
import { HEIGHT, OUTPUT, REPO, WIDTHS, requireFile, tempDir } from './lib/env.js';
import { bidiLeaks, scriptFindings, templateWords } from './lib/hostile.js';
import { serve } from './lib/server.js';
import { baseUrlOf, buildSite, copySiteWithBaseUrl, listFiles, mountOf } from './lib/site.js';
import { describe as describeMessage, vnu } from './lib/vnu.js';

requireFile(path.join(OUTPUT, 'search', 'meta.json'), 'Build the example site first: cargo build --release && ./target/release/kensho build');
const SITE = process.env.KENSHO_SITE_ROOT || REPO;

// --- the oracle: every document of the index, scanned for the words as substrings ---
const fold = (s) => [...s].map((c) => {
  const l = c.toLowerCase();
  return l.length === c.length && [...l].length === 1 ? l : c;
}).join('');
const wordsOf = (q) => [...new Set(fold(q.normalize('NFKC')).split(/\p{White_Space}+/u).filter(Boolean))];

function documents(out) {
  const meta = JSON.parse(fs.readFileSync(path.join(out, 'search', 'meta.json'), 'utf8'));
  const docs = [];
  for (let i = 0; i + 1 < meta.files.length; i++) {
    const rows = JSON.parse(fs.readFileSync(path.join(out, 'search', `docs-${String(i).padStart(3, '0')}.json`), 'utf8'));
    for (const [kind, title, url, , text] of rows) docs.push({ kind: meta.kinds[kind], title, url, text });
  }
  assert.equal(docs.length, meta.docs);
  return docs;
}
const DOCS = documents(OUTPUT);
const expected = (q) => {
  const words = wordsOf(q);
  return DOCS.filter((d) => words.every((w) => fold(`${d.title}\n${d.text}`.normalize('NFKC')).includes(w))).map((d) => d.url).sort();
};

// --- the second oracle: the content files (TOML comments dropped), by page ---
const CONTENT = path.join(SITE, 'content');
const contentText = (file) => {
  const [, front, ...body] = fs.readFileSync(path.join(CONTENT, file), 'utf8').split(/^\+\+\+$/m);
  const values = front.split('\n').map((line) => line.replace(/^\s*#.*$|\s+#\s.*$/, '')).join('\n');
  return fold(`${values}\n${body.join('+++')}`.normalize('NFKC'));
};
const pageOf = (file) => file.replace(/_index\.md$/, '').replace(/\.md$/, '/');

let browser;
let server;

before(async () => {
  server = await serve(OUTPUT, mountOf(baseUrlOf(SITE)));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Open the search page for `q` at `base`; resolves to what it shows, once it has searched. */
async function search(q, { base = server.base, width = 1280, audit = false } = {}) {
  const page = await browser.context.newPage();
  try {
    await page.setViewportSize({ width, height: HEIGHT[width] });
    const watched = watch(page);
    // Every layout shift of the page (none may come from the reader: nothing is typed).
    await page.addInitScript(() => {
      window.kenshoShifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.kenshoShifts.push(e.value);
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${base}search/?q=${encodeURIComponent(q)}`, { waitUntil: 'load' });
    await page.waitForFunction(() => {
      const s = document.getElementById('search-status').textContent;
      return s && !s.includes('検索しています');
    });
    // Results are in; a shift that follows them still counts.
    await page.waitForTimeout(200);
    const shown = await page.evaluate(() => ({
      cls: window.kenshoShifts.reduce((a, v) => a + v, 0),
      status: document.getElementById('search-status').textContent,
      title: document.title,
      input: document.getElementById('search-q').value,
      lists: document.getElementById('search-lists').hidden ? null : document.getElementById('search-lists-note').textContent,
      listHidden: document.getElementById('search-results').hidden,
      results: [...document.querySelectorAll('#search-results > li')].map((li) => {
        const a = li.querySelector('.search-result-title a');
        return {
          href: a.getAttribute('href'),
          url: a.href,
          kind: li.querySelector('.tag').textContent,
          title: a.textContent,
          excerpt: li.querySelector('.search-result-excerpt')?.textContent ?? '',
          marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
          // Elements other than <mark> inside the title link and excerpt: there must be none.
          foreign: [...li.querySelectorAll('.search-result-title a *, .search-result-excerpt *, .search-result-context *')].filter((e) => e.tagName !== 'MARK').map((e) => e.tagName),
        };
      }),
    }));
    shown.problems = audit ? (await auditPage(page, watched)).problems : [...watched.consoleErrors, ...watched.pageErrors, ...watched.failedRequests, ...watched.httpErrors];
    shown.scripts = await scriptFindings(page);
    return shown;
  } finally {
    await page.close();
  }
}

/** The site-relative URL of a result link. */
const rel = (url, base = server.base) => decodeURI(url.slice(base.length));

function checkResults(q, shown) {
  const words = wordsOf(q);
  const want = expected(q);
  const got = shown.results.map((r) => rel(r.url)).sort();
  assert.deepEqual(got, want, `query ${JSON.stringify(q)}`);
  assert.deepEqual(shown.problems, [], shown.problems.join('\n'));
  assert.deepEqual(shown.scripts, []);
  assert.equal(shown.input, q);
  if (want.length) {
    assert.equal(shown.status, `「${q.normalize('NFKC').trim().split(/\s+/).join(' ')}」を含むページが${want.length}件見つかりました。`);
    assert.match(shown.title, new RegExp(`の検索結果（${want.length}件）`));
    assert.equal(shown.lists, null);
  } else {
    assert.match(shown.status, /見つかりませんでした/);
    assert.equal(shown.listHidden, true);
    assert.equal(shown.lists, '一覧からも探せます:');
  }
  for (const r of shown.results) {
    assert.deepEqual(r.foreign, [], `${r.href}: elements in the result text`);
    assert.ok(!/^[a-z]+:|^\//i.test(r.href), `${r.href} is not relative`);
    assert.ok(r.marks.length > 0, `${r.href}: nothing marked`);
    // A mark is a word, or the start of one cut by the excerpt's end.
    for (const m of r.marks) assert.ok(words.some((w) => w.startsWith(fold(m.normalize('NFKC')))), `${r.href}: mark "${m}" is no word of ${JSON.stringify(q)}`);
    assert.ok(['総合戦略', '基本目標', '施策', '事務事業', '指標'].includes(r.kind), r.kind);
  }
  // Title hits first.
  const titled = shown.results.map((r) => words.some((w) => fold(r.title).includes(w)));
  assert.ok(titled.every((t, i) => i === 0 || titled[i - 1] || !t), `title hits are not first: ${titled}`);
  return got;
}

describe('queries on the example site', () => {
  const cases = [
    ['two characters', '移住'],
    ['two characters', '観光'],
    ['kanji compound', '古民家'],
    ['a place name', '夏油'],
    ['long compound', '地域おこし協力隊'],
    ['across a compound boundary (地域おこし|協力隊)', 'おこし協'],
    ['across a compound boundary (観光|客)', '光客'],
    ['the whole compound', '観光客'],
    ['katakana', 'スポーツ'],
    ['katakana', 'インターンシップ'],
    ['one character', '客'],
    ['pairs that other entries hold apart (北上, 上市, 市内)', '北上市内'],
    ['AND of two words, full-width space', '移住　観光'],
    ['AND of two words, half-width space', '夏油 古民家'],
    ['no hit', 'ふるさと納税'],
    ['no hit: the words exist, never together', '夏油　介護'],
  ];
  for (const [what, q] of cases) {
    test(`${what}: ${q}`, async () => {
      const got = checkResults(q, await search(q));
      if (!/no hit/.test(what)) assert.ok(got.length > 0, `nothing found for ${q}`);
      else assert.deepEqual(got, []);
      if (/apart/.test(what)) {
        // Entries that hold every pair of the word but not the word: found by pairs alone.
        const chars = [...q];
        const pairs = chars.slice(1).map((c, i) => chars[i] + c);
        const apart = DOCS.filter((d) => {
          const t = fold(`${d.title}\n${d.text}`);
          return pairs.every((p) => t.includes(p)) && !t.includes(q);
        });
        assert.ok(apart.length > 0, `no entry holds the pairs of ${q} apart`);
      }
      if (/never together/.test(what)) for (const w of wordsOf(q)) assert.ok(expected(w).length > 0, `${w} alone finds nothing`);
      // Against the content files: a program is found when its file holds every word; a
      // node, itself or through one of its KPIs, when its file holds the word (with
      // several words, each may sit in another entry of the file: found implies holds).
      const words = wordsOf(q);
      for (const file of listFiles(CONTENT).filter((f) => f.endsWith('.md'))) {
        const holds = words.every((w) => contentText(file).includes(w));
        const page = pageOf(file);
        const hit = got.some((u) => u === page || u.startsWith(`${page}#`));
        if (file.startsWith('programs/') || words.length === 1) {
          assert.equal(hit, holds, `${file}: ${holds ? 'holds' : 'does not hold'} ${JSON.stringify(q)} but was ${hit ? '' : 'not '}found`);
        } else if (hit) {
          assert.ok(holds, `${file}: found for ${JSON.stringify(q)} but does not hold every word`);
        }
      }
    });
  }

  test('width and case variants find the same entries: ＵＩターン, UIターン, uiﾀｰﾝ; ｽﾎﾟｰﾂ', async () => {
    const a = checkResults('UIターン', await search('UIターン'));
    assert.ok(a.length >= 3, a.join());
    assert.deepEqual(checkResults('ＵＩターン', await search('ＵＩターン')), a);
    assert.deepEqual(checkResults('uiﾀｰﾝ', await search('uiﾀｰﾝ')), a);
    assert.deepEqual(checkResults('ｽﾎﾟｰﾂ', await search('ｽﾎﾟｰﾂ')), checkResults('スポーツ', await search('スポーツ')));
  });

  test('the excerpt is cut around the first match, and marks it', async () => {
    const shown = await search('地域おこし協力隊');
    const r = shown.results.find((x) => rel(x.url) === 'programs/kominka-geto-yuukyaku/');
    assert.ok(r, shown.results.map((x) => x.href).join());
    assert.ok(r.excerpt.includes('地域おこし協力隊'), r.excerpt);
    assert.ok(r.marks.includes('地域おこし協力隊'), r.marks.join());
    assert.ok([...r.excerpt].length <= 125, r.excerpt);
  });

  test('every result link opens its page, and a KPI result its KPI section', async () => {
    const shown = await search('人');
    assert.ok(shown.results.some((r) => r.kind === '指標' && r.url.includes('#')), 'no KPI among the results');
    for (const r of shown.results) {
      const [page, fragment] = r.url.split('#');
      const res = await fetch(page);
      assert.equal(res.status, 200, r.url);
      if (fragment) assert.ok((await res.text()).includes(` id="${fragment}"`), `${r.url}: no element with that id`);
    }
  });
});

describe('the site\'s other forms of its words ([search] words in site.toml)', () => {
  const meta = JSON.parse(fs.readFileSync(path.join(OUTPUT, 'search', 'meta.json'), 'utf8'));
  test('the example site declares some', () => assert.ok((meta.also ?? []).length >= 2, JSON.stringify(meta.also)));
  for (const [other, word, written] of meta.also ?? []) {
    test(`${other} finds what ${written} finds, and says it looked for ${written}`, async () => {
      const shown = await search(other);
      const want = [...new Set([...expected(word), ...expected(other)])].sort();
      assert.ok(expected(word).length > 0, `${written} is on no page`);
      assert.deepEqual(shown.results.map((r) => rel(r.url)).sort(), want);
      assert.deepEqual(shown.problems, [], shown.problems.join('\n'));
      assert.ok(shown.status.endsWith(`「${written}」でも探しました。`), shown.status);
      for (const r of shown.results) {
        assert.ok(r.marks.length > 0, `${r.href}: nothing marked`);
        for (const m of r.marks) assert.ok([word, other].some((w) => w.startsWith(fold(m.normalize('NFKC')))), `${r.href}: mark "${m}"`);
      }
      // Inside a longer word too: the other form is read as the word there (いじゅう支援).
      const hay = DOCS.map((d) => fold(`${d.title}\n${d.text}`)).find((t) => /^[^\s、。]/u.test(t.split(word)[1] ?? ''));
      assert.ok(hay, `no page writes a character after ${written}`);
      const next = [...hay.split(word)[1]][0];
      const longer = await search(`${other}${next}`);
      assert.deepEqual(longer.problems, []);
      const inside = [...new Set([...expected(`${word}${next}`), ...expected(`${other}${next}`)])].sort();
      assert.ok(inside.length > 0);
      assert.deepEqual(longer.results.map((r) => rel(r.url)).sort(), inside);
    });
  }
});

describe('the search page', () => {
  for (const width of WIDTHS) {
    test(`nothing moves while the results appear at ${width} px (CLS < 0.1)`, async () => {
      for (const q of ['移住', '人', 'ふるさと納税']) {
        const shown = await search(q, { width });
        assert.ok(shown.cls < 0.1, `${q}: cumulative layout shift ${shown.cls.toFixed(3)}`);
      }
    });
  }
  for (const width of WIDTHS) {
    test(`passes the page gates with results shown at ${width} px`, async () => {
      for (const q of ['移住', 'ふるさと納税']) {
        const shown = await search(q, { width, audit: true });
        assert.deepEqual(shown.problems, [], `${q}:\n${shown.problems.join('\n')}`);
      }
    });
  }

  test('the page as the script leaves it (results, marks, no hit) passes the Nu HTML Checker', async () => {
    const dir = tempDir('search-dom');
    const page = await browser.context.newPage();
    try {
      const files = [];
      for (const [name, q] of [['results', '移住'], ['kpi', '人'], ['none', 'ふるさと納税']]) {
        await page.goto(`${server.base}search/?q=${encodeURIComponent(q)}`, { waitUntil: 'load' });
        await page.waitForFunction(() => /見つかり/.test(document.getElementById('search-status').textContent));
        const file = path.join(dir, `${name}.html`);
        fs.writeFileSync(file, `<!DOCTYPE html>\n${await page.evaluate(() => document.documentElement.outerHTML)}`);
        files.push(file);
      }
      const messages = vnu(files);
      assert.deepEqual(messages.map(describeMessage), []);
    } finally {
      await page.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an empty query asks for words and lists nothing', async () => {
    for (const q of ['', '　 ']) {
      const shown = await search(q);
      assert.match(shown.status, /言葉を入力/);
      assert.deepEqual(shown.results, []);
      assert.equal(shown.lists, '一覧からも探せます:');
    }
  });

  test('the header box on any page submits to the search page', async () => {
    const page = await browser.context.newPage();
    try {
      await page.goto(`${server.base}senryaku/goal-2/policy-1/`, { waitUntil: 'load' });
      await page.getByRole('searchbox', { name: 'サイト内を検索' }).fill('夏油');
      await Promise.all([page.waitForURL(/search\/\?q=/), page.keyboard.press('Enter')]);
      assert.equal(new URL(page.url()).pathname, `${mountOf(baseUrlOf(SITE))}search/`);
      await page.waitForFunction(() => /件見つかりました/.test(document.getElementById('search-status').textContent));
      const n = await page.locator('#search-results > li').count();
      assert.equal(n, expected('夏油').length);
    } finally {
      await page.close();
    }
  });

  test('when the index cannot be loaded the page says so and offers the lists', async () => {
    const page = await browser.context.newPage();
    try {
      await page.route(/\/search\/meta\.json$/, (route) => route.abort('failed'));
      await page.goto(`${server.base}search/?q=${encodeURIComponent('移住')}`, { waitUntil: 'load' });
      await page.waitForFunction(() => /読み込めません/.test(document.getElementById('search-status').textContent));
      assert.equal(await page.locator('#search-lists-note').textContent(), '一覧から探せます:');
      assert.ok(await page.locator('#search-lists').isVisible());
      assert.equal(await page.locator('#search-results').isVisible(), false);
    } finally {
      await page.close();
    }
  });

  test('without JavaScript the page says so and links to the lists', async () => {
    const page = await browser.context.newPage();
    try {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
      await page.goto(`${server.base}search/?q=${encodeURIComponent('移住')}`, { waitUntil: 'load' });
      const text = await page.locator('#search-lists').innerText();
      assert.match(text, /検索にはJavaScriptが必要です/);
      const links = await page.locator('#search-lists a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      for (const l of ['../kpis/', '../grades/', '../status/', '../senryaku/']) assert.ok(links.includes(l), `${l} not in ${links}`);
      // The example names no department: no link to a list with nothing in it.
      assert.ok(!links.includes('../departments/'), `${links}`);
      assert.equal(await page.locator('#search-results').isVisible(), false);
    } finally {
      await page.close();
    }
  });
});

describe('other sub-folders and hostile content', () => {
  for (const publicBase of ['https://www.city.example.lg.jp/shisei/keikaku/senryaku-kensho/', 'https://senryaku.example.lg.jp/']) {
    test(`a copy built with base_url = "${publicBase}" searches and links from there`, async () => {
      const root = copySiteWithBaseUrl(SITE, publicBase);
      const out = path.join(tempDir('search-out'), 'output');
      const s = await serve(buildSite(root, out), mountOf(publicBase));
      try {
        const shown = await search('観光', { base: s.base });
        assert.deepEqual(shown.problems, []);
        assert.deepEqual(shown.results.map((r) => rel(r.url, s.base)).sort(), expected('観光'));
        for (const r of shown.results) assert.equal((await fetch(r.url.split('#')[0])).status, 200, r.url);
      } finally {
        await s.close();
        fs.rmSync(root, { recursive: true, force: true });
        fs.rmSync(path.dirname(out), { recursive: true, force: true });
      }
    });
  }

  test('payloads in the hostile fixture are found and shown as text, nothing runs', async () => {
    const site = path.join(REPO, 'tests', 'sites', 'hostile');
    const out = path.join(tempDir('search-hostile'), 'output');
    const s = await serve(buildSite(site, out), mountOf(baseUrlOf(site)));
    const docs = documents(out);
    try {
      const templateText = templateWords(path.join(REPO, 'themes', 'default', 'templates'));
      for (const q of ['<script>', 'onerror', '{{', '[root-body-entities]', 'root-body-rlo', 'exe.txt']) {
        const page = await browser.context.newPage();
        const watched = watch(page);
        try {
          await page.goto(`${s.base}search/?q=${encodeURIComponent(q)}`, { waitUntil: 'load' });
          await page.waitForFunction(() => !/検索しています/.test(document.getElementById('search-status').textContent));
          await page.waitForTimeout(100);
          const found = [...(await scriptFindings(page)), ...(await bidiLeaks(page, templateText))];
          assert.deepEqual([...found, ...watched.dialogs, ...watched.pageErrors], [], q);
          const words = wordsOf(q);
          const want = docs.filter((d) => words.every((w) => fold(`${d.title}\n${d.text}`).includes(w))).length;
          assert.ok(want > 0, `the hostile fixture has no ${q}`);
          assert.equal(await page.locator('#search-results > li').count(), want, q);
          // The payload shows as text inside <mark>, never as markup.
          const marks = await page.locator('#search-results mark').allTextContents();
          assert.ok(marks.some((m) => fold(m) === words[0]), `${q}: ${marks.join('|')}`);
          const foreign = await page.locator('#search-results .search-result-excerpt *:not(mark), #search-results .search-result-title a *:not(mark)').count();
          assert.equal(foreign, 0, q);
        } finally {
          await page.close();
        }
      }
    } finally {
      await s.close();
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });
});
