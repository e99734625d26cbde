/**
 * scripts/ts-loader.mjs, which runs the end-to-end suites' worker processes from sources: a TypeScript
 * module importing a sibling as `./x.js`, and a workspace package through the `@attain/source` condition.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { nodeArguments, REPO_ROOT } from '../src/worker-process.js';

const folder = mkdtempSync(join(tmpdir(), 'attain-ts-loader-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

it('runs TypeScript sources: types stripped, `./x.js` found as `./x.ts`, @attain/* from src', () => {
  // This test runs from the kit's sources, so the kit asks for the loader.
  expect(nodeArguments()).toEqual([
    '--conditions=@attain/source',
    '--import',
    join(REPO_ROOT, 'scripts/ts-loader.mjs'),
  ]);
  writeFileSync(join(folder, 'sum.ts'), 'export const sum = (a: number, b: number): number => a + b;\n');
  writeFileSync(
    join(folder, 'main.ts'),
    [
      "import type { Problem } from '@attain/engine';",
      "import { sum } from './sum.js';",
      'const none: Problem[] = [];',
      'console.log(JSON.stringify({ sum: sum(2, 3), problems: none.length }));',
      '',
    ].join('\n'),
  );
  // The workspace package resolves from the kit's folder, as it does for `scripts/attain.mjs` from the root.
  const entry = join(REPO_ROOT, 'packages/test-kit/test', `.loader-probe-${process.pid}.mjs`);
  writeFileSync(
    entry,
    [
      `await import(${JSON.stringify(join(folder, 'main.ts'))});`,
      "const engine = await import('@attain/engine');",
      "console.log(typeof engine.compute, import.meta.resolve('@attain/engine'));",
      '',
    ].join('\n'),
  );
  try {
    const result = spawnSync(process.execPath, [...nodeArguments(), entry], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    const [first, second] = result.stdout.trim().split('\n');
    expect(first).toBe('{"sum":5,"problems":0}');
    expect(second).toMatch(/^function file:.*\/packages\/engine\/src\/index\.ts$/);
  } finally {
    rmSync(entry, { force: true });
  }
});
