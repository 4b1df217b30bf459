// The Nu HTML Checker over every page of the built example site, in one java run:
// zero errors (warnings are printed, not fatal).
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { OUTPUT, requireFile } from './lib/env.js';
import { pagesToCheck } from './lib/site.js';
import { describe, vnu } from './lib/vnu.js';

test('every page of the example site passes the Nu HTML Checker', () => {
  requireFile(path.join(OUTPUT, 'index.html'), 'Build the example site first: cargo build --release && ./target/release/kensho build');
  const files = pagesToCheck(OUTPUT).map((f) => path.join(OUTPUT, f));
  const started = Date.now();
  const messages = vnu(files);
  const errors = messages.filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error');
  const warnings = messages.filter((m) => !errors.includes(m));
  console.log(`Nu HTML Checker: ${files.length} pages in ${((Date.now() - started) / 1000).toFixed(1)} s: ${errors.length} errors, ${warnings.length} warnings`);
  for (const w of warnings) console.log(`${describe(w)}`);
  assert.deepEqual(errors.map(describe), []);
});
