// Printing a page to an A4 PDF in Chromium and reading the PDF back with poppler-utils
// (pdfinfo, pdftotext): its page count, the text of each page, and each word's box.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './env.js';

const TOOLS = ['pdfinfo', 'pdftotext'];

/** Fails with a hint when poppler-utils is missing. */
export function requirePoppler() {
  for (const t of TOOLS) {
    try {
      execFileSync(t, ['-v'], { stdio: 'ignore' });
    } catch {
      throw new Error(`${t} not found. Install it: apt-get install -y poppler-utils`);
    }
  }
}

/** Text with every kind of white space removed, so line breaks do not matter. */
export function squash(s) {
  return s.replace(/\s+/gu, '');
}

/**
 * Print the loaded `page` to A4 (the page's own @page rules apply) and read it back:
 * { file, count, texts: [text of each page], pages: [the same, squashed], words: [[{ text,
 * xMin, xMax, yMin, yMax }] of each page], width, height } (coordinates in points).
 */
export async function printToPdf(page, name) {
  const file = path.join(tempDir('pdf'), `${name}.pdf`);
  await page.pdf({ path: file, format: 'A4' });
  const info = execFileSync('pdfinfo', [file]).toString();
  const count = Number(info.match(/^Pages:\s+(\d+)/m)[1]);
  // -raw keeps the text in the order it was drawn: a table cell's lines stay together.
  const raw = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-']).toString();
  const texts = raw.split('\f').slice(0, count);
  const pages = texts.map(squash);
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']).toString();
  const words = [];
  let width = 0;
  let height = 0;
  for (const p of html.split('<page ').slice(1)) {
    width = Number(p.match(/width="([\d.]+)"/)[1]);
    height = Number(p.match(/height="([\d.]+)"/)[1]);
    words.push(
      [...p.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
        (m) => ({ xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4], text: m[5] }),
      ),
    );
  }
  return { file, count, texts, pages, words, width, height };
}

/**
 * A pattern for a table row's cells as pdftotext writes them: each cell's text with any
 * line breaks inside it, white space between cells, and a cell boundary at both ends (so
 * "実績値 1" does not match "実績値 17,453").
 */
export function rowPattern(cells) {
  const esc = (c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const cell = (t) => [...squash(t)].map(esc).join('\\s*');
  const parts = cells.map(cell).filter(Boolean);
  return new RegExp(`(^|\\s)${parts.join('\\s+')}(?=\\s|$)`, 'u');
}

/** Remove a PDF written by printToPdf. */
export function removePdf(pdf) {
  fs.rmSync(path.dirname(pdf.file), { recursive: true, force: true });
}
