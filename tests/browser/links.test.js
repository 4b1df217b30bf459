// Links: every internal href/src and #fragment of the built example site resolves when
// the site is served from its sub-folder, and again when a copy of the site is built
// with other base URLs (a sub-folder, a deeper one, the server root) and served there.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { OUTPUT, REPO, requireFile, tempDir } from './lib/env.js';
import { checkAttachments, checkLinks, describeBroken } from './lib/links.js';
import { serve } from './lib/server.js';
import { baseUrlOf, buildSite, copySiteWithBaseUrl, mountOf } from './lib/site.js';

const SITE = process.env.KENSHO_SITE_ROOT || REPO;

async function check(dir, publicBase) {
  const server = await serve(dir, mountOf(publicBase));
  try {
    const r = await checkLinks({ dir, base: server.base, publicBase });
    console.log(`${publicBase} served at ${server.base}: ${r.files} files, ${r.references} references, ${r.targets} targets, ${r.external.length} external (not fetched), ${r.broken.length} broken`);
    assert.ok(r.references > r.files, 'suspiciously few references');
    assert.deepEqual(r.broken.map(describeBroken), [], `${r.broken.length} broken link(s)`);
    // Files beside the content (images, the original sheet's PDF): each one published is
    // linked from a page and holds the content file's bytes.
    const files = checkAttachments(path.join(SITE, 'content'), dir, r.reached);
    console.log(`files beside the content published and linked: ${files.published.join(', ') || 'none'}`);
    assert.deepEqual(files.problems, []);
    if (process.env.KENSHO_MIN_ATTACHMENTS) {
      assert.ok(files.published.length >= Number(process.env.KENSHO_MIN_ATTACHMENTS), `only ${files.published.length} file(s) beside the content checked`);
    }
  } finally {
    await server.close();
  }
}

test('the built example site (output/), served from its base URL\'s sub-folder', async () => {
  requireFile(path.join(OUTPUT, 'index.html'), 'Build the example site first: cargo build --release && ./target/release/kensho build');
  await check(OUTPUT, baseUrlOf(SITE));
});

for (const publicBase of [
  'https://www.city.example.lg.jp/senryaku/',
  'https://www.city.example.lg.jp/shisei/keikaku/senryaku-kensho/',
  'https://senryaku.example.lg.jp/',
]) {
  test(`a copy built with base_url = "${publicBase}", served from ${mountOf(publicBase)}`, async () => {
    const root = copySiteWithBaseUrl(SITE, publicBase);
    const out = path.join(tempDir('out'), 'output');
    try {
      buildSite(root, out);
      await check(out, publicBase);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });
}
