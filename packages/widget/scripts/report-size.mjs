#!/usr/bin/env node
/**
 * After `vite build`: checks the bundle is what the Lightning host can load and prints its size.
 * - exactly one file in the static resource folder;
 * - it parses as a classic script (no top-level import/export: `loadScript` evaluates it that way)
 *   and as an ES module (`node --check` on a .mjs copy);
 * - it is wrapped in one function so that, run as a classic script, it declares no global;
 * - gzipped (level 9) it fits the budget of 30,000 bytes, Lit and every component included.
 * Exit status 1 when any check fails.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 30_000;
const dir = fileURLToPath(
  new URL('../../../salesforce/force-app/main/default/staticresources/attain_widget/', import.meta.url),
);
const file = join(dir, 'attain-widget.js');

const problems = [];
const files = readdirSync(dir);
if (files.length !== 1 || files[0] !== 'attain-widget.js')
  problems.push(`expected only attain-widget.js in ${dir}, found: ${files.join(', ')}`);

const code = readFileSync(file, 'utf8');
try {
  new Script(code, { filename: 'attain-widget.js' });
} catch (error) {
  problems.push(`does not parse as a classic script (top-level import/export?): ${error.message}`);
}
const scratch = mkdtempSync(join(tmpdir(), 'attain-widget-'));
try {
  copyFileSync(file, join(scratch, 'attain-widget.mjs'));
  const check = spawnSync(process.execPath, ['--check', join(scratch, 'attain-widget.mjs')], { encoding: 'utf8' });
  if (check.status !== 0) problems.push(`does not parse as an ES module: ${check.stderr.trim()}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
if (!/^\(\(\)=>\{[\s\S]*\}\)\(\);\s*$/.test(code)) problems.push('is not wrapped in one immediately called function');
if (/^\s*(import|export)\b/m.test(code)) problems.push('has a line starting with import or export');

const raw = Buffer.byteLength(code);
const gzipped = gzipSync(code, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const verdict = gzipped <= BUDGET_BYTES ? 'PASS' : 'MISS';
console.log(
  `attain-widget.js: ${kb(raw)}, ${kb(gzipped)} gzipped (${gzipped} bytes; budget ${kb(BUDGET_BYTES)}): ${verdict}`,
);
if (verdict === 'MISS') problems.push(`is ${gzipped - BUDGET_BYTES} bytes over the gzipped budget`);
console.log('format: one ES module with no import/export, wrapped in one function: also a classic script');
for (const problem of problems) console.error(`attain-widget.js ${problem}`);
process.exit(problems.length > 0 ? 1 : 0);
