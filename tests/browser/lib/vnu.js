// The Nu HTML Checker (vnu-jar from npm), run with the system's java: one JVM for all
// the files it is given, never one per page.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { JAVA } from './env.js';

const require = createRequire(import.meta.url);
export const VNU_JAR = String(require('vnu-jar'));

/**
 * Check `files` (absolute paths) in one java run. Resolves to the checker's messages,
 * each { type: 'error' | 'info', subType?, url, message, lastLine, extract }.
 */
export function vnu(files) {
  if (!files.length) return [];
  const java = spawnSync(JAVA, ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    throw new Error(`java is needed for the Nu HTML Checker (apt-get install -y default-jre-headless): ${java.error ?? java.stderr}`);
  }
  const run = spawnSync(JAVA, ['-Xss8m', '-jar', VNU_JAR, '--format', 'json', '--stdout', ...files], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    throw new Error(`the Nu HTML Checker did not answer in JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  return report.messages;
}

export function describe(m) {
  const where = m.url ? `${decodeURIComponent(m.url.replace(/^file:/, ''))}:${m.lastLine ?? '?'}` : '';
  return `${m.type}${m.subType ? '/' + m.subType : ''} ${where}: ${m.message}${m.extract ? ` — ${JSON.stringify(m.extract.trim().slice(0, 120))}` : ''}`;
}
