// Where things are, and what may be overridden from the environment.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = path.dirname(path.dirname(fileURLToPath(import.meta.url))); // tests/browser
export const REPO = path.resolve(HERE, '..', '..');

/** The kensho binary (release build by default). */
export const KENSHO_BIN = process.env.KENSHO_BIN || path.join(REPO, 'target', 'release', 'kensho');
/** The example site's built output (what `kensho build` wrote). */
export const OUTPUT = path.resolve(process.env.KENSHO_OUTPUT || path.join(REPO, 'output'));
/** Debian's Chromium; no test tool downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const JAVA = process.env.JAVA || 'java';
export const SCREENSHOTS = path.resolve(process.env.SCREENSHOT_DIR || path.join(HERE, 'screenshots'));

/** The two widths every page is checked at: a phone and a desktop. */
export const WIDTHS = [390, 1280];
export const HEIGHT = { 390: 844, 1280: 900 };
/** The widths each page type is checked at for fit (narrow.test.js): a small phone, a phone, a tablet. */
export const NARROW_WIDTHS = [320, 390, 768];

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `kensho-${prefix}-`));
}

export function requireFile(file, hint) {
  if (!fs.existsSync(file)) {
    throw new Error(`${file} does not exist. ${hint}`);
  }
}
