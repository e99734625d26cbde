import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

/** Runs what `npm run demo` runs after its set-up step (set-up already happened: `npm test` did it). */
function runDemoCommand() {
  const command = manifest.scripts.demo?.split(' && ').at(-1);
  if (!command) throw new Error('package.json has no demo script');
  const [program, ...args] = command.split(' ');
  return spawnSync(program as string, args, { cwd: root, encoding: 'utf8' });
}

describe('the README quick start', () => {
  it('names exactly the two set-up commands', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toContain('npm run demo');
    expect(readme).toContain('npm test');
    expect(manifest.scripts.demo).toMatch(/^node scripts\/setup\.mjs && /);
    expect(manifest.scripts.test).toMatch(/^node scripts\/setup\.mjs && /);
  });

  it('npm run demo prints the example statements as a table', () => {
    const result = runDemoCommand();
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.status).toBe(0);
    const example = JSON.parse(readFileSync(join(root, 'packages/engine/examples/ae-2026.json'), 'utf8')) as {
      assignments: { repId: string }[];
    };
    for (const { repId } of example.assignments) expect(result.stdout).toContain(repId);
    expect(result.stdout).toMatch(/tier \d/);
  });
});
